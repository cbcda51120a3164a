// Endpoints, EndpointSlice, Node, Namespace and Event strategies: what controllers write passes,
// and the checks ported from pkg/apis/core/validation (validateEndpointSubsets, ValidateNamespace)
// and pkg/apis/discovery/validation (ValidateEndpointSlice) report upstream's texts.
import { createMessage, newApi } from './testkit';

test('Endpoints as the endpoints controller writes them', () => {
  const ep = newApi().create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'my-nginx' },
    subsets: [{ addresses: [{ ip: '10.244.1.5', nodeName: 'worker0', targetRef: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' } }], ports: [{ name: 'http', port: 80 }] }],
  });
  expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
});

test('Endpoints: a subset needs addresses; IPs must be valid', () => {
  expect(createMessage({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ ports: [{ port: 80 }] }] })).toBe(
    'Endpoints "e" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
  );
  expect(createMessage({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: 'pod-a' }] }] })).toBe(
    'Endpoints "e" is invalid: subsets[0].addresses[0].ip: Invalid value: "pod-a": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  );
});

test('EndpointSlice as the endpointslice controller writes it; ports default to name "" and TCP', () => {
  const es = newApi().create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: 'my-nginx-', labels: { 'kubernetes.io/service-name': 'my-nginx' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'worker0' }],
    ports: [{ port: 80 }],
  });
  expect(es.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
  expect(createMessage({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's' }, addressType: 'IP' })).toBe(
    'EndpointSlice.discovery.k8s.io "s" is invalid: addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"',
  );
});

test('Namespace names are DNS labels; Node names DNS subdomains; both cluster-scoped', () => {
  expect(createMessage({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } })).toBe('Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots');
  expect(() => newApi().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-2.example.com' } })).not.toThrow();
});

test('Events as the recorder writes them', () => {
  const api = newApi();
  const ev = api.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'nginx.17a0c3b9f2e4d6a8', namespace: 'default' },
    involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', namespace: 'default', uid: 'u', resourceVersion: '1' },
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set nginx-7c79c4bf97 to 2',
    type: 'Normal',
    source: { component: 'deployment-controller' },
    reportingComponent: 'deployment-controller',
    firstTimestamp: '2024-01-01T00:00:00Z',
    lastTimestamp: '2024-01-01T00:00:00Z',
    count: 1,
  });
  expect(ev.count).toBe(1);
});
