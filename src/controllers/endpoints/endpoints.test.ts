// The Endpoints controller against endpoints_controller.go's behaviour (and its tests'
// expectations): ready / not-ready addresses, FindPort for named target ports, terminating pods,
// publishNotReadyAddresses, selector-less Services, deletion with the Service, truncation at 1000.
import { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../apiserver/types';
import { Scheduler } from '../scheduler';
import { Kubelet } from '../kubelet';
import { NodeLifecycleController } from '../nodelifecycle';
import { EndpointsController, LAST_CHANGE_TRIGGER_TIME, OVER_CAPACITY } from '.';
import { repackSubsets, truncateEndpoints, type EndpointSubset } from './subsets';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './slices';

function cluster(): Cluster {
  return new Cluster({ seed: 2 }, [new Scheduler(), new Kubelet(), new NodeLifecycleController(), new EndpointsController()]);
}

function pod(name: string, labels: Record<string, string>, containers: unknown[] = [{ name: 'web', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 80 }] }], extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers, ...extra } };
}

function service(name: string, spec: Record<string, unknown>, labels: Record<string, string> = { run: name }): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec };
}

const ep = (c: Cluster, name: string) => c.api.get('Endpoints', name);
const ipOf = (c: Cluster, name: string) => c.api.get('Pod', name)!.status.podIP as string;
const addr = (c: Cluster, name: string) => {
  const p = c.api.get('Pod', name)!;
  return { ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: 'default', name, uid: p.metadata.uid } };
};
const byIp = (a: { ip: string }, b: { ip: string }) => (a.ip < b.ip ? -1 : 1);

describe('EndpointsController', () => {
  it('lists the ready pods a Service selects, with their node and a targetRef, port resolved from targetPort', () => {
    const c = cluster();
    c.api.create(pod('a', { app: 'web' }));
    c.api.create(pod('b', { app: 'web' }));
    c.api.create(pod('other', { app: 'db' }));
    c.api.create(service('my-nginx', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 80, nodePort: 30000 }] }));
    c.settle();
    const e = ep(c, 'my-nginx')!;
    expect(e.metadata.labels).toEqual({ run: 'my-nginx' });
    expect(e.metadata.annotations![LAST_CHANGE_TRIGGER_TIME]).toMatch(/^2024-01-01T00:00:0\dZ$/);
    expect(e.subsets).toEqual([{ addresses: [addr(c, 'a'), addr(c, 'b')].sort(byIp), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }]);
  });

  it('puts pods that are not ready under notReadyAddresses, and moves them when they become ready', () => {
    const c = cluster();
    c.api.create(service('s', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    c.api.create(pod('slow', { app: 'web' }, [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 20 } }]));
    const seen: string[] = [];
    c.settle({
      onState: () => {
        const s = ep(c, 's')?.subsets?.[0];
        const line = s ? `${s.addresses?.length ?? 0} ready, ${s.notReadyAddresses?.length ?? 0} not ready` : 'none';
        if (seen[seen.length - 1] !== line) seen.push(line);
      },
    });
    expect(seen).toEqual(['none', '0 ready, 1 not ready', '1 ready, 0 not ready']);
    expect(ep(c, 's')!.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it('resolves a named targetPort per pod (FindPort) and skips pods without that port', () => {
    const c = cluster();
    c.api.create(pod('a', { app: 'web' }, [{ name: 'web', image: 'nginx:1.25', ports: [{ name: 'web', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }]));
    c.api.create(pod('b', { app: 'web' }, [{ name: 'web', image: 'nginx:1.25', ports: [{ name: 'web', containerPort: 8081 }] }]));
    c.api.create(
      service('s', {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'web' },
          { name: 'metrics', port: 9090, targetPort: 'metrics' },
        ],
      }),
    );
    c.settle();
    // RepackSubsets: a's two ports share one address set, b's port another.
    expect(ep(c, 's')!.subsets).toEqual([
      { addresses: [addr(c, 'a')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] },
      { addresses: [addr(c, 'b')], ports: [{ name: 'http', port: 8081, protocol: 'TCP' }] },
    ]);
  });

  it('drops terminating pods, unless publishNotReadyAddresses (then all are addresses)', () => {
    const c = new Cluster({ timing: { imagePullMs: 2000, containerStartMs: 1000, containerStopMs: 10_000 } }, [new Scheduler(), new Kubelet(), new EndpointsController()]);
    c.api.create(pod('a', { app: 'web' }));
    c.api.create(pod('b', { app: 'web' }));
    c.api.create(service('s', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    c.api.create(service('all', { selector: { app: 'web' }, ports: [{ port: 80 }], publishNotReadyAddresses: true }));
    c.settle();
    c.api.delete('Pod', 'a');
    const names = (svc: string) => (ep(c, svc)?.subsets?.[0]?.addresses ?? []).map((x: { targetRef: { name: string } }) => x.targetRef.name).sort().join(',');
    const states = new Set<string>();
    c.settle({ onState: () => states.add(`${c.api.get('Pod', 'a')?.metadata.deletionTimestamp ? 'terminating' : c.api.get('Pod', 'a') ? 'running' : 'gone'} s=${names('s')} all=${names('all')}`) });
    expect([...states]).toEqual(['terminating s=a,b all=a,b', 'terminating s=b all=a,b', 'gone s=b all=a,b', 'gone s=b all=b']);
  });

  it('follows label changes, leaves Services without a selector alone, and deletes Endpoints with the Service', () => {
    const c = cluster();
    c.api.create(pod('a', { app: 'web' }));
    c.api.create(service('s', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    c.api.create(service('manual', { ports: [{ port: 80 }] }));
    c.api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual' }, subsets: [{ addresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80 }] }] });
    c.settle();
    expect(ep(c, 's')!.subsets).toHaveLength(1);
    c.api.patch('Pod', 'a', { metadata: { labels: { app: 'other' } } }, 'merge');
    c.settle();
    expect(ep(c, 's')!.subsets).toBeUndefined();
    expect(ep(c, 'manual')!.subsets).toEqual([{ addresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    // The kubernetes Service has no selector: its Endpoints are the control plane's (the API
    // server's address on 6443), which this controller leaves as they are.
    expect(ep(c, 'kubernetes')!.subsets).toEqual([{ addresses: [{ ip: '192.168.47.128' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    c.api.delete('Service', 's');
    c.settle();
    expect(ep(c, 's')).toBeUndefined();
  });

  it('moves the pods of a failed node to notReadyAddresses', () => {
    const c = cluster();
    c.api.create(pod('a', { app: 'web' }, undefined, { nodeName: 'worker0' }));
    c.api.create(pod('b', { app: 'web' }, undefined, { nodeName: 'worker1' }));
    c.api.create(service('s', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    c.settle();
    const n = c.api.get('Node', 'worker1')!;
    c.api.updateStatus({ ...n, status: { ...n.status, conditions: n.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'False' } : x)) } });
    c.settle();
    expect(ep(c, 's')!.subsets).toEqual([{ addresses: [addr(c, 'a')], notReadyAddresses: [addr(c, 'b')], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(ipOf(c, 'b')).toBe('10.244.2.2');
  });

  it('rebuilds a 3,000-pod Service a few times, not once per pod change', () => {
    const c = new Cluster({ nodes: [{ name: 'master', controlPlane: true }, ...Array.from({ length: 30 }, (_, i) => ({ name: `worker${i}` }))], recordEvents: false }, [
      new Scheduler(),
      new Kubelet(),
      new EndpointsController(),
    ]);
    c.api.create(service('s', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    let writes = 0;
    c.api.watch('Endpoints', () => writes++);
    for (let i = 0; i < 3000; i++) c.api.create(pod(`p${i}`, { app: 'web' }));
    let syncs = 0;
    const ctrl = (c as any).controllers.find((x: { controller: { name: string } }) => x.controller.name === 'endpoint-controller').controller;
    const reconcile = ctrl.reconcile.bind(ctrl);
    ctrl.reconcile = (key: string) => {
      syncs++;
      reconcile(key);
    };
    c.settle();
    const e = ep(c, 's')!;
    expect(e.subsets[0].addresses).toHaveLength(1000);
    expect(e.metadata.annotations![OVER_CAPACITY]).toBe('truncated');
    // Pods change at three instants (created and bound, then pulled and started, then ready).
    expect(writes).toBeLessThan(10);
    expect(syncs).toBeLessThan(20);
  });
});

describe('repackSubsets / truncateEndpoints', () => {
  const a = (ip: string, uid = ip) => ({ ip, targetRef: { kind: 'Pod', name: ip, uid } });
  it('groups ports by address set, sorts addresses by IP bytes, not-ready trumps ready', () => {
    const http = { name: 'http', port: 80, protocol: 'TCP' };
    const https = { name: 'https', port: 443, protocol: 'TCP' };
    const out = repackSubsets([
      { address: a('10.244.1.10'), port: http, ready: true },
      { address: a('10.244.1.2'), port: http, ready: true },
      { address: a('10.244.1.10'), port: https, ready: true },
      { address: a('10.244.1.2'), port: https, ready: true },
      { address: a('10.244.1.3'), port: http, ready: true },
      { address: a('10.244.1.3'), port: http, ready: false },
    ]);
    expect(out).toEqual([
      { addresses: [a('10.244.1.10'), a('10.244.1.2')], notReadyAddresses: [a('10.244.1.3')], ports: [http] },
      { addresses: [a('10.244.1.10'), a('10.244.1.2')], ports: [https] },
    ]);
  });

  it('truncates to 1000, ready addresses first, proportionally per subset', () => {
    const mk = (n: number, off: number) => Array.from({ length: n }, (_, i) => a(`10.0.${off}.${i}`));
    const subsets: EndpointSubset[] = [
      { addresses: mk(600, 1), notReadyAddresses: mk(100, 2), ports: [{ port: 80, protocol: 'TCP' }] },
      { addresses: mk(300, 3), notReadyAddresses: mk(300, 4), ports: [{ port: 81, protocol: 'TCP' }] },
    ];
    expect(truncateEndpoints(subsets)).toBe(true);
    // 900 ready kept; 100 room for 400 not ready: ceil(100/400·100)=25, then ceil(300/400·100)=75.
    expect(subsets.map((s) => [s.addresses?.length, s.notReadyAddresses?.length])).toEqual([
      [600, 25],
      [300, 75],
    ]);
    const big: EndpointSubset[] = [{ addresses: mk(1500, 5), notReadyAddresses: mk(10, 6) }];
    expect(truncateEndpoints(big)).toBe(true);
    expect([big[0].addresses!.length, big[0].notReadyAddresses]).toEqual([1000, undefined]);
  });
});

describe('EndpointSlices', () => {
  const slices = (c: Cluster, svc: string) => c.api.list('EndpointSlice', { labelSelector: `${SERVICE_NAME_LABEL}=${svc}` });

  it('keeps one slice per port set, owned by the Service, with ready/serving/terminating conditions', () => {
    const c = new Cluster({ seed: 2, timing: { imagePullMs: 2000, containerStartMs: 1000, containerStopMs: 10_000 } }, [new Scheduler(), new Kubelet(), new EndpointsController()]);
    c.api.create(pod('a', { app: 'web' }));
    c.api.create(pod('b', { app: 'web' }));
    c.api.create(service('my-nginx', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80, nodePort: 30000 }] }));
    c.settle();
    const svc = c.api.get('Service', 'my-nginx')!;
    const [slice, ...rest] = slices(c, 'my-nginx');
    expect(rest).toEqual([]);
    expect(slice.metadata.name).toMatch(/^my-nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toEqual({ run: 'my-nginx', [SERVICE_NAME_LABEL]: 'my-nginx', [MANAGED_BY_LABEL]: CONTROLLER_NAME });
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'my-nginx', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    const ep = (n: string, conditions: object) => {
      const p = c.api.get('Pod', n)!;
      return { addresses: [p.status.podIP], conditions, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: 'default', name: n, uid: p.metadata.uid } };
    };
    const ready = { ready: true, serving: true, terminating: false };
    expect([...slice.endpoints].sort((x: any, y: any) => (x.targetRef.name < y.targetRef.name ? -1 : 1))).toEqual([ep('a', ready), ep('b', ready)]);

    c.api.delete('Pod', 'a');
    let seen: any;
    c.settle({
      onState: () => {
        const e = slices(c, 'my-nginx')[0]?.endpoints?.find((x: any) => x.targetRef.name === 'a');
        if (e && e.conditions.terminating && !seen) seen = e.conditions;
      },
    });
    // A terminating pod stays in its slice, not ready, still serving (its readiness is kept).
    expect(seen).toEqual({ ready: false, serving: true, terminating: true });
    expect(slices(c, 'my-nginx')[0].endpoints.map((x: any) => x.targetRef.name)).toEqual(['b']);
  });

  it('leaves a placeholder slice when nothing is selected, and splits past 100 endpoints', () => {
    const c = new Cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'w0' }, { name: 'w1' }], recordEvents: false }, [new Scheduler(), new Kubelet(), new EndpointsController()]);
    c.api.create(service('s', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }));
    c.settle();
    const placeholder = slices(c, 's');
    expect(placeholder).toHaveLength(1);
    expect(placeholder[0].endpoints).toBeUndefined();
    expect(placeholder[0].ports).toBeUndefined();
    for (let i = 0; i < 150; i++) c.api.create(pod(`p${i}`, { app: 'web' }));
    c.settle();
    const list = slices(c, 's');
    expect(list.map((x) => x.endpoints.length).sort()).toEqual([100, 50]);
    expect(new Set(list.flatMap((x) => x.endpoints.map((e: any) => e.targetRef.name))).size).toBe(150);
    expect(list.every((x) => deepEq(x.ports, [{ name: 'http', port: 80, protocol: 'TCP' }]))).toBe(true);
  });
});

function deepEq(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
