import { applyPatch } from '../apiserver/patch';
import type { KubeObject } from '../apiserver/types';
import { modifiedConfiguration, threeWayMergePatch } from './apply';

const dep = (containers: any[], extra: any = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: { replicas: 2, template: { spec: { containers } }, ...extra },
});

/** What kubectl apply does to `live` when the manifest goes from `before` to `after`. */
function applyChange(before: KubeObject, after: KubeObject, live: KubeObject) {
  const original = JSON.parse(modifiedConfiguration(before).lastApplied);
  const { modified } = modifiedConfiguration(after);
  const patch = threeWayMergePatch(original, modified, live, 'Deployment');
  return { patch, result: applyPatch(live, patch, 'strategic', 'Deployment') };
}

describe('threeWayMergePatch (strategicpatch.CreateThreeWayMergePatch)', () => {
  it('is empty when the manifest is unchanged, whatever the server added', () => {
    const m = dep([{ name: 'a', image: 'nginx' }]);
    const live = { ...modifiedConfiguration(m).modified, status: { replicas: 2 } } as KubeObject;
    live.spec = { ...live.spec, strategy: { type: 'RollingUpdate' }, template: { spec: { containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Always' }], dnsPolicy: 'ClusterFirst' } } };
    const { patch } = applyChange(m, m, live);
    expect(patch).toEqual({});
  });

  it('removes a container, an env var and a port the manifest dropped, keeping server defaults', () => {
    const before = dep([
      { name: 'a', image: 'nginx', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }], ports: [{ containerPort: 80 }, { containerPort: 443 }] },
      { name: 'b', image: 'busybox' },
    ]);
    const after = dep([{ name: 'a', image: 'nginx', env: [{ name: 'X', value: '1' }], ports: [{ containerPort: 80 }] }]);
    const live = modifiedConfiguration(before).modified;
    live.spec.template.spec.containers[0].imagePullPolicy = 'Always';
    live.spec.template.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }];
    const { patch, result } = applyChange(before, after, live);
    expect(result.spec.template.spec.containers).toEqual([{ name: 'a', image: 'nginx', imagePullPolicy: 'Always', env: [{ name: 'X', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    // The deletions are directives by merge key, as kubectl sends them.
    expect(patch.spec).toMatchObject({ template: { spec: { containers: expect.arrayContaining([{ name: 'b', $patch: 'delete' }]) } } });
  });

  it('sets a field the manifest dropped to null, so the server default comes back', () => {
    const { patch, result } = applyChange(dep([{ name: 'a', image: 'x' }]), { ...dep([{ name: 'a', image: 'x' }]), spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }] } } } }, modifiedConfiguration(dep([{ name: 'a', image: 'x' }])).modified);
    expect((patch.spec as any).replicas).toBeNull();
    expect(result.spec.replicas).toBeUndefined();
  });

  it('adds $retainKeys for the Deployment strategy so a switch to Recreate drops rollingUpdate', () => {
    const before = dep([{ name: 'a', image: 'x' }]);
    const after = dep([{ name: 'a', image: 'x' }], { strategy: { type: 'Recreate' } });
    const live = modifiedConfiguration(before).modified;
    live.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    const { patch, result } = applyChange(before, after, live);
    expect((patch.spec as any).strategy).toEqual({ $retainKeys: ['type'], type: 'Recreate' });
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
  });
});
