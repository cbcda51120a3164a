// The ServiceAccount admission (plugin/pkg/admission/serviceaccount/admission.go, v1.32), the
// serviceaccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go) and the
// root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go).
import { isStatusError } from '../../apiserver/errors';
import type { KubeObject } from '../../apiserver/types';
import { tokenVolumeSuffix } from '../../apiserver/registry/serviceaccount-admission';
import { Cluster } from '../../cluster/cluster';
import { describeObject } from '../../kubectl/describe';
import { ROOT_CA_CRT, ROOT_CA_DESCRIPTION } from '.';

const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const pod = (name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...meta },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], ...spec },
});

describe('ServiceAccount admission', () => {
  test('a pod gets the default account and the kube-api-access volume, mounted read-only in every container', () => {
    const c = new Cluster({}, []);
    const p = c.api.create(pod('web', { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] }));
    const volumeName = `kube-api-access-${tokenVolumeSuffix(p.metadata.uid!)}`;
    expect(volumeName).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.serviceAccount).toBe('default');
    // TokenVolumeSource: token 3607 s, the namespace's kube-root-ca.crt, the namespace by downward API.
    expect(p.spec.volumes).toEqual([
      {
        name: volumeName,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
    for (const ctr of [...p.spec.initContainers, ...p.spec.containers]) expect(ctr.volumeMounts).toEqual([{ name: volumeName, readOnly: true, mountPath: MOUNT }]);
  });

  test('the same seed gives the same volume name', () => {
    const name = () => new Cluster({ seed: 5 }, []).api.create(pod('web')).spec.volumes[0].name;
    expect(name()).toBe(name());
  });

  test("automountServiceAccountToken: the pod's choice wins over the account's", () => {
    const c = new Cluster({}, []);
    expect(c.api.create(pod('off', { automountServiceAccountToken: false })).spec.volumes).toBeUndefined();
    c.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] });
    const quiet = c.api.create(pod('quiet', { serviceAccountName: 'quiet' }));
    expect(quiet.spec.volumes).toBeUndefined();
    // The account's imagePullSecrets go to a pod that names none.
    expect(quiet.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(c.api.create(pod('on', { serviceAccountName: 'quiet', automountServiceAccountToken: true })).spec.volumes).toHaveLength(1);
  });

  test('a container with its own mount at the token path is left alone; an existing kube-api-access volume is reused', () => {
    const c = new Cluster({}, []);
    const p = c.api.create(
      pod('own', {
        volumes: [{ name: 'mine', emptyDir: {} }],
        containers: [
          { name: 'a', image: 'nginx', volumeMounts: [{ name: 'mine', mountPath: MOUNT }] },
          { name: 'b', image: 'nginx' },
        ],
      }),
    );
    expect(p.spec.containers[0].volumeMounts).toEqual([{ name: 'mine', mountPath: MOUNT }]);
    expect(p.spec.containers[1].volumeMounts[0].mountPath).toBe(MOUNT);
    expect(p.spec.volumes.map((v: { name: string }) => v.name)).toEqual(['mine', p.spec.containers[1].volumeMounts[0].name]);
    const fixed = c.api.create(pod('fixed', { volumes: [{ name: 'kube-api-access-abcde', emptyDir: {} }] }));
    expect(fixed.spec.volumes).toEqual([{ name: 'kube-api-access-abcde', emptyDir: {} }]);
    expect(fixed.spec.containers[0].volumeMounts).toEqual([{ name: 'kube-api-access-abcde', readOnly: true, mountPath: MOUNT }]);
  });

  test('a missing named account is Forbidden, worded as upstream (generateName while unnamed)', () => {
    const c = new Cluster({}, []);
    let err: unknown;
    try {
      c.api.create(pod('web', { serviceAccountName: 'build-robot' }));
    } catch (e) {
      err = e;
    }
    expect(isStatusError(err, 'Forbidden')).toBe(true);
    expect((err as Error).message).toBe('pods "web" is forbidden: error looking up service account default/build-robot: serviceaccount "build-robot" not found');
    expect(() => c.api.create({ ...pod(''), metadata: { generateName: 'nginx-7c79c4bf97-' }, spec: { serviceAccountName: 'x', containers: [{ name: 'a', image: 'nginx' }] } })).toThrow(
      'pods "nginx-7c79c4bf97-" is forbidden: error looking up service account default/x: serviceaccount "x" not found',
    );
  });

  test('a missing `default` account is admitted: upstream retries until the controller made it, which here happens in the same settle', () => {
    const c = new Cluster({});
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const p = c.api.create({ ...pod('early'), metadata: { name: 'early', namespace: 'team' } });
    expect(p.spec.serviceAccountName).toBe('default');
    c.settle();
    expect(c.api.get('ServiceAccount', 'default', 'team')).toBeDefined();
  });

  test('mirror pods (static pods) get no service account', () => {
    const c = new Cluster({}, []);
    const p = c.api.create(pod('etcd-master', {}, { annotations: { 'kubernetes.io/config.mirror': 'abc' } }));
    expect(p.spec.serviceAccountName).toBeUndefined();
    expect(p.spec.volumes).toBeUndefined();
  });
});

describe('serviceaccount controller and root-ca-cert-publisher', () => {
  test('every boot namespace has its default ServiceAccount and kube-root-ca.crt', () => {
    const c = new Cluster({});
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(c.api.get('ServiceAccount', 'default', ns)).toBeDefined();
      const cm = c.api.get('ConfigMap', 'kube-root-ca.crt', ns)!;
      expect(cm.data).toEqual({ 'ca.crt': ROOT_CA_CRT });
      expect(cm.metadata.annotations).toEqual({ 'kubernetes.io/description': ROOT_CA_DESCRIPTION });
    }
    expect(ROOT_CA_CRT).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  test('a new namespace gets both; a deleted default account and a deleted or edited CA ConfigMap come back', () => {
    const c = new Cluster({});
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    c.settle();
    const sa = c.api.get('ServiceAccount', 'default', 'team')!;
    expect(sa.metadata).toMatchObject({ name: 'default', namespace: 'team' });
    expect(c.api.get('ConfigMap', 'kube-root-ca.crt', 'team')).toBeDefined();
    c.api.delete('ServiceAccount', 'default', { namespace: 'team' });
    c.api.delete('ConfigMap', 'kube-root-ca.crt', { namespace: 'team' });
    c.settle();
    expect(c.api.get('ServiceAccount', 'default', 'team')!.metadata.uid).not.toBe(sa.metadata.uid);
    expect(c.api.get('ConfigMap', 'kube-root-ca.crt', 'team')).toBeDefined();
    c.api.update({ ...c.api.get('ConfigMap', 'kube-root-ca.crt', 'team')!, data: { 'ca.crt': 'tampered' } });
    c.settle();
    expect(c.api.get('ConfigMap', 'kube-root-ca.crt', 'team')!.data).toEqual({ 'ca.crt': ROOT_CA_CRT });
  });

  test('other accounts are not made', () => {
    const c = new Cluster({});
    c.settle();
    expect(c.api.list('ServiceAccount', { namespace: 'default' }).map((s) => s.metadata.name)).toEqual(['default']);
  });
});

test('kubectl describe pod shows the token volume as printProjectedVolumeSource does', () => {
  const c = new Cluster({}, []);
  const p = c.api.create(pod('web'));
  const out = describeObject(c.api, p, c.clock.now())!;
  const name = p.spec.volumes[0].name;
  expect(out).toContain(`/var/run/secrets/kubernetes.io/serviceaccount from ${name} (ro)`);
  expect(out).toContain(
    [
      `  ${name}:`,
      '    Type:                    Projected (a volume that contains injected data from multiple sources)',
      '    TokenExpirationSeconds:  3607',
      '    ConfigMapName:           kube-root-ca.crt',
      '    ConfigMapOptional:       <nil>',
      '    DownwardAPI:             true',
    ].join('\n'),
  );
});
