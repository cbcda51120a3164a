// The kubelet's decisions on ConfigMap and Secret references (config-refs.ts), with upstream's
// messages: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables (CreateContainerConfigError) and
// the configmap/secret/projected volume plugins' SetUp (FailedMount).
import type { KubeObject } from '../../apiserver/types';
import { containerConfigError, mountProblem, type ReadObject } from './config-refs';

const store: KubeObject[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { color: 'blue' }, binaryData: { blob: 'AA==' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: 'cHc=' } },
];
const read: ReadObject = (kind, ns, name) => store.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec });

describe('env: CreateContainerConfigError messages', () => {
  it.each([
    ['a missing ConfigMap (envFrom)', { envFrom: [{ configMapRef: { name: 'nope' } }] }, 'configmap "nope" not found'],
    ['a missing Secret (envFrom)', { envFrom: [{ secretRef: { name: 'nope' } }] }, 'secret "nope" not found'],
    ['a missing ConfigMap (env)', { env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'nope', key: 'color' } } }] }, 'configmap "nope" not found'],
    ['a missing key', { env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'app', key: 'size' } } }] }, "couldn't find key size in ConfigMap default/app"],
    ['binaryData is no env source', { env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'app', key: 'blob' } } }] }, "couldn't find key blob in ConfigMap default/app"],
    ['a missing Secret key', { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }] }, "couldn't find key user in Secret default/db"],
    ['envFrom is checked before env', { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }], envFrom: [{ configMapRef: { name: 'x' } }] }, 'configmap "x" not found'],
  ])('%s', (_why, container, message) => {
    expect(containerConfigError(pod({}), { name: 'c', image: 'nginx', ...container }, read)).toBe(message);
  });

  it('present references and optional ones pass', () => {
    const c = {
      name: 'c',
      envFrom: [{ configMapRef: { name: 'app' } }, { secretRef: { name: 'gone', optional: true } }],
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'app', key: 'color' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'app', key: 'size', optional: true } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'gone', key: 'k', optional: true } } },
        { name: 'D', value: 'plain' },
      ],
    };
    expect(containerConfigError(pod({}), c, read)).toBeUndefined();
  });
});

describe('volumes: FailedMount messages', () => {
  it.each([
    ['a missing ConfigMap', [{ name: 'v', configMap: { name: 'nope' } }], 'MountVolume.SetUp failed for volume "v" : configmap "nope" not found'],
    ['a missing Secret', [{ name: 's', secret: { secretName: 'nope' } }], 'MountVolume.SetUp failed for volume "s" : secret "nope" not found'],
    ['an item naming a missing key', [{ name: 'v', configMap: { name: 'app', items: [{ key: 'size', path: 's' }] } }], 'MountVolume.SetUp failed for volume "v" : configmap references non-existent config key: size'],
    ['a missing Secret key', [{ name: 's', secret: { secretName: 'db', items: [{ key: 'user', path: 'u' }] } }], 'MountVolume.SetUp failed for volume "s" : references non-existent secret key: user'],
    [
      'the token volume without kube-root-ca.crt',
      [{ name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } }],
      'MountVolume.SetUp failed for volume "kube-api-access-abcde" : configmap "kube-root-ca.crt" not found',
    ],
  ])('%s', (_why, volumes, message) => {
    expect(mountProblem(pod({ volumes }), read)?.message).toBe(message);
  });

  it('present and optional sources mount; other volume types are not ours', () => {
    const volumes = [
      { name: 'a', configMap: { name: 'app', items: [{ key: 'blob', path: 'b' }] } },
      { name: 'b', configMap: { name: 'gone', optional: true } },
      { name: 'c', secret: { secretName: 'db', items: [{ key: 'nope', path: 'n' }], optional: true } },
      { name: 'd', emptyDir: {} },
    ];
    expect(mountProblem(pod({ volumes }), read)).toBeUndefined();
  });
});
