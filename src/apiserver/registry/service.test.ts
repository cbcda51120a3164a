// Services: validation messages (pkg/apis/core/validation/validation.go validateService,
// validateServicePort, ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs),
// allocation (pkg/registry/core/service/storage/alloc.go, portallocator/allocator.go,
// ipallocator, the random scan with offset of allocator/bitmap.go; KEP-3070 / KEP-3668 bands),
// and the values kept across `kubectl apply` (storage.go patchAllocatedValues). Values render as a
// v1.32 server prints them: %#v of the internal Go value (field/errors.go ErrorBody), so clusterIPs
// are `[]string{...}` and the duplicate-port key is the whole core.ServicePort.
import fc from 'fast-check';
import type { KubeObject } from '../types';
import { deepClone } from '../../util/clone';
import { Random } from '../../util/random';
import { allocateBit, ipRangeOffset, nodePortRangeOffset } from './service';
import { createMessage, errorOf, newApi, nodePortService } from './testkit';

function svc(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ...spec } };
}

describe('validation', () => {
  test('ports are required (non-headless, non-ExternalName)', () => {
    expect(createMessage(svc('web', {}))).toBe('Service "web" is invalid: spec.ports: Required value');
  });

  test('a port entry without `port` is rejected: port is not defaulted from targetPort', () => {
    // The course notes claim the opposite. Upstream validateServicePort checks the port number with
    // IsValidPortNum, so the missing port reads as 0 (as real servers answer, e.g.
    // `Service "rc-app-rc-homework" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, ...]`).
    const err = errorOf(() => newApi().create(svc('my-nginx', { type: 'NodePort', ports: [{ targetPort: 80, protocol: 'TCP', nodePort: 30000 }] })));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe('Service "my-nginx" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    expect(err.causes).toEqual([{ type: 'Invalid', field: 'spec.ports[0].port', detail: 'Invalid value: 0: must be between 1 and 65535, inclusive' }]);
  });

  test('names are required when there are several ports', () => {
    expect(createMessage(svc('web', { ports: [{ name: 'http', port: 80 }, { port: 443 }] }))).toBe('Service "web" is invalid: spec.ports[1].name: Required value');
    expect(createMessage(svc('web', { ports: [{ port: 80 }, { port: 443 }] }))).toBe('Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    expect(createMessage(svc('web', { ports: [{ name: 'a', port: 80 }, { name: 'a', port: 443 }] }))).toBe('Service "web" is invalid: spec.ports[1].name: Duplicate value: "a"');
  });

  test('port range and protocol', () => {
    expect(createMessage(svc('web', { ports: [{ port: 70000, protocol: 'tcp' }] }))).toBe(
      // targetPort was defaulted to the port, so it is out of range too.
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP", spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    expect(createMessage(svc('web', { ports: [{ port: 80, targetPort: 'http_port' }] }))).toBe(
      'Service "web" is invalid: spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
  });

  test('nodePort is forbidden on a ClusterIP service', () => {
    expect(createMessage(svc('web', { ports: [{ port: 80, nodePort: 30080 }] }))).toBe("Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });

  test('duplicate ports (by protocol and port)', () => {
    expect(createMessage(svc('web', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }))).toBe(
      'Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
  });

  test('service names are DNS-1035 labels', () => {
    expect(createMessage(svc('3-svc', { ports: [{ port: 80 }] }))).toBe(
      "Service \"3-svc\" is invalid: metadata.name: Invalid value: \"3-svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  test('type values', () => {
    expect(createMessage(svc('web', { type: 'Nodeport', ports: [{ port: 80 }] }))).toBe(
      'Service "web" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
  });

  test('clusterIP is immutable once set', () => {
    const api = newApi();
    const s = deepClone(api.create(svc('web', { ports: [{ port: 80 }] })));
    const before = s.spec.clusterIP;
    s.spec.clusterIP = '10.96.0.50';
    const err = errorOf(() => api.update(s));
    expect(err.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.50"}: may not change once set');
    expect(api.get('Service', 'web')!.spec.clusterIP).toBe(before);
    // Changing a ClusterIP service into a headless one (`clusterIP: None`) is the same change.
    const h = deepClone(api.get('Service', 'web')!);
    h.spec.clusterIP = 'None';
    expect(errorOf(() => api.update(h)).message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set');
  });

  test('an invalid clusterIP', () => {
    expect(createMessage(svc('web', { clusterIP: '10.96.0.300', ports: [{ port: 80 }] }))).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });
});

describe('NodePort allocation', () => {
  test('the range and the bands: 30000-32767, static band 30000-30085, dynamic 30086-32767', () => {
    expect(nodePortRangeOffset(2768)).toBe(86);
    expect(nodePortRangeOffset(15)).toBe(0);
    expect(nodePortRangeOffset(10000)).toBe(128);
    expect(ipRangeOffset(2 ** 20)).toBe(256);
    expect(ipRangeOffset(16)).toBe(0);
    expect(ipRangeOffset(256)).toBe(16);
  });

  test('an explicit nodePort in range is kept (the seed: 8080:30000/TCP)', () => {
    const s = newApi().create(nodePortService());
    expect(s.spec.ports).toEqual([{ port: 8080, targetPort: 80, protocol: 'TCP', nodePort: 30000, name: 'http' }]);
  });

  test('out of range', () => {
    const s = nodePortService();
    s.spec.ports[0].nodePort = 40000;
    const err = errorOf(() => newApi().create(s));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe('Service "my-nginx" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(err.causes[0].field).toBe('spec.ports[0].nodePort');
  });

  test('already allocated, by another service or within the same one', () => {
    const api = newApi();
    api.create(nodePortService());
    const other = nodePortService();
    other.metadata.name = 'other';
    expect(createMessage(other, api)).toBe('Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 30000: provided port is already allocated');
    // Two port numbers asking for one node port: the allocator refuses the second before validation runs.
    const twice = svc('twice', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] });
    expect(createMessage(twice, api)).toBe('Service "twice" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  test('the same port number over two protocols shares one node port', () => {
    const s = newApi().create(svc('dns', { type: 'NodePort', ports: [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] }));
    expect(s.spec.ports[0].nodePort).toBe(s.spec.ports[1].nodePort);
  });

  test('dynamic allocation comes from the upper band, deterministically per seed', () => {
    const ports = (seed: number) => {
      const api = newApi(seed);
      return Array.from({ length: 20 }, (_, i) => api.create(svc(`s${i}`, { type: 'NodePort', ports: [{ port: 80 }] })).spec.ports[0].nodePort);
    };
    const a = ports(1);
    expect(ports(1)).toEqual(a);
    expect(ports(2)).not.toEqual(a);
    for (const p of a) {
      expect(p).toBeGreaterThanOrEqual(30086);
      expect(p).toBeLessThanOrEqual(32767);
    }
    expect(new Set(a).size).toBe(a.length);
  });

  test('the lower band is used when the upper one is full (randomScanStrategyWithOffset)', () => {
    const rng = new Random(3);
    const used = new Set<number>();
    const got: number[] = [];
    for (let i = 0; i < 2768; i++) {
      const at = allocateBit(rng, 2768, 86, (n) => used.has(n))!;
      used.add(at);
      got.push(at);
    }
    expect(got.slice(0, 2682).every((at) => at >= 86)).toBe(true);
    expect(got.slice(2682).every((at) => at < 86)).toBe(true);
    expect(allocateBit(rng, 2768, 86, (n) => used.has(n))).toBeUndefined();
  });

  test('a full range is an InternalError', () => {
    const api = newApi();
    // 2768 ports: 27 services of 100 ports and one of 68.
    for (let i = 0; i < 28; i++) {
      const n = Math.min(100, 2768 - i * 100);
      api.create(svc(`s${i}`, { type: 'NodePort', ports: Array.from({ length: n }, (_, j) => ({ name: `p${j}`, port: 1000 + j, nodePort: 30000 + i * 100 + j })) }));
    }
    const err = errorOf(() => api.create(svc('last', { type: 'NodePort', ports: [{ port: 80 }] })));
    expect(err.reason).toBe('InternalError');
    expect(err.message).toBe('Internal error occurred: failed to allocate a nodePort: range is full');
  });

  test('property: allocated node ports are distinct and in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 15 }), (seed, counts) => {
        const api = newApi(seed);
        const all: number[] = [];
        counts.forEach((n, i) => {
          const ports = Array.from({ length: n }, (_, j) => ({ name: `p${j}`, port: 80 + j }));
          for (const p of api.create(svc(`s${i}`, { type: i % 2 ? 'LoadBalancer' : 'NodePort', ports })).spec.ports) all.push(p.nodePort);
        });
        expect(new Set(all).size).toBe(all.length);
        expect(all.every((p) => p >= 30000 && p <= 32767)).toBe(true);
      }),
      { numRuns: 30, seed: 11 },
    );
  });

  test('LoadBalancer with allocateLoadBalancerNodePorts false allocates none', () => {
    const s = newApi().create(svc('lb', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }));
    expect(s.spec.ports[0].nodePort).toBeUndefined();
  });
});

describe('ClusterIP allocation', () => {
  test('from 10.96.0.0/12, upper band first (above 10.96.1.0), never 10.96.0.1 (the kubernetes service)', () => {
    const api = newApi();
    api.create(svc('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }));
    const ips = Array.from({ length: 30 }, (_, i) => api.create(svc(`s${i}`, { ports: [{ port: 80 }] })).spec.clusterIP as string);
    for (const ip of ips) {
      const [a, b, c] = ip.split('.').map(Number);
      expect(a).toBe(10);
      expect(b).toBeGreaterThanOrEqual(96);
      expect(b).toBeLessThanOrEqual(111);
      expect(b > 96 || c >= 1).toBe(true);
      expect(ip).not.toBe('10.96.0.1');
    }
    expect(new Set(ips).size).toBe(ips.length);
  });

  test('an explicit address must be free and in range', () => {
    const api = newApi();
    api.create(svc('kubernetes', { clusterIP: '10.96.0.1', ports: [{ port: 443 }] }));
    expect(createMessage(svc('dup', { clusterIP: '10.96.0.1', ports: [{ port: 80 }] }), api)).toBe(
      'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
    expect(createMessage(svc('far', { clusterIP: '192.168.1.10', ports: [{ port: 80 }] }), api)).toBe(
      'Service "far" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.10"}: failed to allocate IP 192.168.1.10: the provided IP (192.168.1.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(api.create(svc('dns', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] })).spec.clusterIPs).toEqual(['10.96.0.10']);
  });

  test('deterministic per seed; a deleted service frees its address (used addresses are read from the store)', () => {
    const first = (seed: number) => newApi(seed).create(svc('web', { ports: [{ port: 80 }] })).spec.clusterIP;
    expect(first(5)).toBe(first(5));
    const api = newApi(5);
    const ip = api.create(svc('web', { ports: [{ port: 80 }] })).spec.clusterIP;
    api.delete('Service', 'web');
    expect(api.list('Service').some((s) => s.spec.clusterIP === ip)).toBe(false);
  });
});

describe('kubectl apply: values the manifest leaves out are kept on update (patchAllocatedValues)', () => {
  test('clusterIP and nodePorts survive a manifest without them', () => {
    const api = newApi();
    const created = api.create(svc('web', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }));
    const manifest = svc('web', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    const updated = api.update(manifest);
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
    expect(updated.spec.clusterIPs).toEqual(created.spec.clusterIPs);
    expect(updated.spec.ports.map((p: any) => p.nodePort)).toEqual(created.spec.ports.map((p: any) => p.nodePort));
    expect(updated.spec.ipFamilies).toEqual(['IPv4']);
    // Nothing changed, so nothing was written.
    expect(updated.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  test('a new port gets a new node port; an explicit change is checked', () => {
    const api = newApi();
    const created = api.create(svc('web', { type: 'NodePort', ports: [{ name: 'http', port: 80 }] }));
    const updated = api.update(svc('web', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }] }));
    expect(updated.spec.ports[0].nodePort).toBe(created.spec.ports[0].nodePort);
    expect(updated.spec.ports[1].nodePort).toBeGreaterThanOrEqual(30086);
    api.create(svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }));
    expect(errorOf(() => api.update(svc('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 31000 }] }))).message).toBe(
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated',
    );
  });

  test('switching NodePort → ClusterIP drops the node ports it had (dropTypeDependentFields)', () => {
    const api = newApi();
    const created = deepClone(api.create(svc('web', { type: 'NodePort', ports: [{ port: 80 }] })));
    created.spec.type = 'ClusterIP';
    const updated = api.update(created);
    expect(updated.spec.ports[0].nodePort).toBeUndefined();
    expect(updated.spec.externalTrafficPolicy).toBeUndefined();
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
  });

  test('switching ClusterIP → NodePort allocates', () => {
    const api = newApi();
    api.create(svc('web', { ports: [{ port: 80 }] }));
    const updated = api.update(svc('web', { type: 'NodePort', ports: [{ port: 80 }] }));
    expect(updated.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(updated.spec.externalTrafficPolicy).toBe('Cluster');
  });
});
