// Pods: status on create (pkg/registry/core/pod/strategy.go PrepareForCreate), the QoS class
// (pkg/apis/core/helper/qos ComputePodQOS, cases of qos_test.go), ValidatePodCreate and
// ValidatePodUpdate (pkg/apis/core/validation/validation.go), messages compared in full.
import type { KubeObject } from '../types';
import { deepClone } from '../../util/clone';
import { computePodQOS } from './pod';
import { createMessage, errorOf, newApi, pod } from './testkit';

const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function withResources(...resources: Record<string, unknown>[]): Record<string, unknown> {
  return { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) };
}

describe('QoS class (qos_test.go)', () => {
  test.each([
    ['no resources', withResources({}), 'BestEffort'],
    ['zero requests', withResources({ requests: { cpu: '0', memory: '0' } }), 'BestEffort'],
    ['requests only', withResources({ requests: { cpu: '100m' } }), 'Burstable'],
    ['limits = requests on cpu and memory', withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } }), 'Guaranteed'],
    ['limits only on cpu', withResources({ limits: { cpu: '1' }, requests: { cpu: '1' } }), 'Burstable'],
    ['requests below limits', withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }), 'Burstable'],
    ['one container guaranteed, one best effort', withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}), 'Burstable'],
    ['two guaranteed containers', withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, { limits: { cpu: '2', memory: '1G' }, requests: { cpu: '2', memory: '1G' } }), 'Guaranteed'],
    ['extended resources do not count', withResources({ requests: { 'example.com/gpu': '1' } }), 'BestEffort'],
  ])('%s', (_name, spec, qos) => {
    expect(computePodQOS(spec)).toBe(qos);
  });

  test('on create, after requests are defaulted from limits', () => {
    const p = pod();
    p.spec.containers[0].resources = { limits: { cpu: '500m', memory: '64Mi' } };
    p.status = { phase: 'Running', podIP: '10.0.0.1' };
    expect(newApi().create(p).status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  test('scheduling gates: PodScheduled False, SchedulingGated', () => {
    const p = pod();
    p.spec.schedulingGates = [{ name: 'example.com/wait' }];
    expect(newApi().create(p).status.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null },
    ]);
  });
});

describe('ValidatePodCreate', () => {
  test('pods may restart Never or OnFailure', () => {
    const p = pod();
    p.spec.restartPolicy = 'Never';
    expect(newApi().create(p).spec.restartPolicy).toBe('Never');
  });

  test('containers are required: `spec.containers` for a pod', () => {
    const p = pod();
    p.spec.containers = [];
    expect(createMessage(p)).toBe('Pod "web" is invalid: spec.containers: Required value');
  });

  test('images: required, no surrounding whitespace', () => {
    const p = pod();
    p.spec.containers[0].image = ' nginx';
    expect(createMessage(p)).toBe('Pod "web" is invalid: spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace');
  });

  test('volume mounts name a volume of the pod', () => {
    const p = pod();
    p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
    expect(createMessage(p)).toBe('Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"');
  });

  test('requests may not exceed limits; quantities print canonically', () => {
    const p = pod();
    p.spec.containers[0].resources = { limits: { cpu: '1' }, requests: { cpu: '2000m' } };
    expect(createMessage(p)).toBe('Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
  });

  test('an unknown resource name', () => {
    const p = pod();
    p.spec.containers[0].resources = { limits: { gpu: '1' } };
    // Requests were defaulted from the limits (SetDefaults_Pod), so both lists name it.
    expect(createMessage(p)).toBe(
      'Pod "web" is invalid: [spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers, spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers]',
    );
  });

  test('imagePullPolicy and dnsPolicy values', () => {
    const p = pod();
    p.spec.containers[0].imagePullPolicy = 'Sometimes';
    p.spec.dnsPolicy = 'Google';
    expect(createMessage(p)).toBe(
      'Pod "web" is invalid: [spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never", spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]',
    );
  });

  test('probes: a handler, and successThreshold 1 for liveness', () => {
    const p = pod();
    p.spec.containers[0].livenessProbe = { periodSeconds: 5, successThreshold: 2 };
    expect(createMessage(p)).toBe('Pod "web" is invalid: [spec.containers[0].livenessProbe: Required value: must specify a handler type, spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1]');
  });

  test('a generated name must be valid too', () => {
    const p: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'Web-' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const msg = createMessage(p);
    expect(msg.startsWith('Pod "Web-')).toBe(true);
    expect(msg).toContain('metadata.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain');
  });

  test('the pod-deletion-cost annotation is a 32-bit integer', () => {
    const p = pod();
    p.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '+10' };
    expect(createMessage(p)).toBe('Pod "web" is invalid: metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+10": must be a 32bit integer');
  });
});

describe('ValidatePodUpdate: the pod spec is immutable but for a few fields', () => {
  test('the image may change', () => {
    const api = newApi();
    const p = deepClone(api.create(pod()));
    p.spec.containers[0].image = 'nginx:1.26';
    expect(api.update(p).spec.containers[0].image).toBe('nginx:1.26');
  });

  test('anything else may not', () => {
    const api = newApi();
    const p = deepClone(api.create(pod()));
    p.spec.containers[0].ports = [{ containerPort: 8080 }];
    const err = errorOf(() => api.update(p));
    expect(err.reason).toBe('Invalid');
    expect(err.causes).toHaveLength(1);
    expect(err.causes[0].field).toBe('spec');
    expect(err.causes[0].type).toBe('Forbidden');
    // Upstream appends go-cmp's diff of the two PodSpecs after a newline; the first line is exact.
    expect(err.message.split('\n')[0]).toBe(`Pod "web" is invalid: spec: Forbidden: ${UPDATABLE}`);
    expect(err.message).toContain('Containers:');
  });

  test('containers may not be added or removed', () => {
    const api = newApi();
    const p = deepClone(api.create(pod()));
    p.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    expect(errorOf(() => api.update(p)).message).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  test('tolerations may only be added', () => {
    const api = newApi();
    const p = deepClone(api.create(pod()));
    p.spec.tolerations = [...p.spec.tolerations, { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }];
    const updated = deepClone(api.update(p));
    expect(updated.spec.tolerations).toHaveLength(3);
    updated.spec.tolerations = updated.spec.tolerations.slice(1);
    expect(errorOf(() => api.update(updated)).message.split('\n')[0]).toBe(
      'Pod "web" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
  });

  test('labels and annotations may change (metadata is not the spec)', () => {
    const api = newApi();
    const p = deepClone(api.create(pod()));
    p.metadata.labels = { app: 'isolated' };
    expect(api.update(p).metadata.labels).toEqual({ app: 'isolated' });
  });

  test('binding (pods/binding) sets nodeName without tripping the update check', () => {
    const api = newApi();
    api.create(pod());
    expect(api.bind({ metadata: { name: 'web', namespace: 'default' }, target: { name: 'worker0' } }).spec.nodeName).toBe('worker0');
  });
});
