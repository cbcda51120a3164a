// Pods referencing ConfigMaps and Secrets on the embedded cluster, through the kubelet's hooks
// (create.ts for env, advance's WaitForAttachAndMount for volumes): upstream's waiting reasons
// and events, and the kubelet's retries once the object exists (pkg/kubelet/kubelet_pods.go,
// pkg/kubelet/volumemanager).
import type { KubeObject } from '../../apiserver/types';
import { Cluster } from '../../cluster/cluster';

const pod = (name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...container }], ...spec },
});
const cm = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const waiting = (c: Cluster, name: string) => c.api.get('Pod', name)!.status.containerStatuses?.[0]?.state?.waiting;
const events = (c: Cluster, reason: string) => c.api.list('Event').filter((e) => e.reason === reason).map((e) => e.message);

test('env from a missing ConfigMap: CreateContainerConfigError until it exists, then the kubelet starts it on its next sync', () => {
  const c = new Cluster({});
  c.api.create(pod('web', { env: [{ name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app', key: 'color' } } }] }));
  c.settle();
  expect(waiting(c, 'web')).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app" not found' });
  expect(c.api.get('Pod', 'web')!.status.phase).toBe('Pending');
  expect(events(c, 'Failed')).toEqual(['Error: configmap "app" not found']);
  // The key is missing too: upstream's other message.
  c.api.create(cm('app', { size: 'L' }));
  c.wait(10_000);
  expect(waiting(c, 'web')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key color in ConfigMap default/app" });
  c.api.update({ ...c.api.get('ConfigMap', 'app')!, data: { color: 'blue' } });
  c.wait(10_000);
  expect(c.api.get('Pod', 'web')!.status.phase).toBe('Running');
});

test('envFrom a missing Secret, and optional references that let the pod start', () => {
  const c = new Cluster({});
  c.api.create(pod('strict', { envFrom: [{ secretRef: { name: 'db' } }] }));
  c.api.create(pod('relaxed', { envFrom: [{ secretRef: { name: 'db', optional: true } }], env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'none', key: 'k', optional: true } } }] }));
  c.settle();
  expect(waiting(c, 'strict')).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "db" not found' });
  expect(c.api.get('Pod', 'relaxed')!.status.phase).toBe('Running');
});

test('a ConfigMap volume that is missing: ContainerCreating with FailedMount events, started once it exists', () => {
  const c = new Cluster({});
  c.api.create(pod('web', { volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] }, { volumes: [{ name: 'config', configMap: { name: 'app' } }] }));
  c.settle();
  expect(waiting(c, 'web')).toEqual({ reason: 'ContainerCreating' });
  expect(events(c, 'FailedMount')).toEqual(['MountVolume.SetUp failed for volume "config" : configmap "app" not found']);
  // No image is pulled before the volumes are mounted.
  expect(events(c, 'Pulling')).toEqual([]);
  // The volume manager retries with its back-off: 0.5, 1, 2, 4 s...
  c.wait(5_000);
  expect(waiting(c, 'web')).toEqual({ reason: 'ContainerCreating' });
  c.api.create(cm('app', { 'app.conf': 'x' }));
  c.wait(130_000);
  expect(c.api.get('Pod', 'web')!.status.phase).toBe('Running');
  // One event, its count the attempts made while the ConfigMap was missing.
  const failed = c.api.list('Event').find((e) => e.reason === 'FailedMount')!;
  expect(failed.count).toBeGreaterThan(1);
});

test('an optional Secret volume mounts without its Secret', () => {
  const c = new Cluster({});
  c.api.create(pod('web', {}, { volumes: [{ name: 's', secret: { secretName: 'none', optional: true } }] }));
  c.settle();
  expect(c.api.get('Pod', 'web')!.status.phase).toBe('Running');
});
