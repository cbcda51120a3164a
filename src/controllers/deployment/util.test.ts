// Tests of the pure helpers against upstream's rules: deployment_util.go (and its tests), the
// fencepost examples of the reference and the documentation's proportional-scaling example.
import type { ReplicaSet } from '../../apiserver/types';
import { newDeployment, rs } from './testkit';
import fc from 'fast-check';
import {
  ComputeHash,
  canonicalJson,
  DeploymentTimedOut,
  EqualIgnoreHash,
  FindNewReplicaSet,
  FindOldReplicaSets,
  GetProportion,
  GetScaledValueFromIntOrPercent,
  IsSaturated,
  LastRevision,
  MaxSurge,
  MaxUnavailable,
  NewRSNewReplicas,
  ResolveFenceposts,
  SafeEncodeString,
  SetDeploymentCondition,
  SetNewReplicaSetAnnotations,
  semanticDeepEqual,
} from './util';

describe('ResolveFenceposts / MaxSurge / MaxUnavailable (deployment_util.go; docs: surge rounds up, unavailable down)', () => {
  // Reference §2 examples with the defaults maxSurge = maxUnavailable = 25%.
  test.each([
    [4, 1, 1],
    [3, 1, 0],
    [1, 1, 0],
    [10, 3, 2],
  ])('replicas %i at 25%%/25%%: surge %i, unavailable %i', (replicas, surge, unavailable) => {
    const d = newDeployment('foo', { replicas, maxSurge: '25%', maxUnavailable: '25%' });
    expect(ResolveFenceposts('25%', '25%', replicas)).toEqual([surge, unavailable]);
    expect(MaxSurge(d)).toBe(surge);
    expect(MaxUnavailable(d)).toBe(unavailable);
  });

  test('both resolving to 0 make maxUnavailable 1 (the comment examples of ResolveFenceposts)', () => {
    expect(ResolveFenceposts('0%', '1%', 2)).toEqual([0, 1]);
    expect(ResolveFenceposts(0, 0, 10)).toEqual([0, 1]);
    expect(ResolveFenceposts('1%', '0%', 2)).toEqual([1, 0]);
    expect(ResolveFenceposts(undefined, undefined, 5)).toEqual([0, 1]);
  });

  test('MaxUnavailable is 0 for Recreate and for 0 replicas, and never above replicas', () => {
    expect(MaxUnavailable(newDeployment('foo', { replicas: 4, strategy: 'Recreate' }))).toBe(0);
    expect(MaxSurge(newDeployment('foo', { replicas: 4, strategy: 'Recreate' }))).toBe(0);
    expect(MaxUnavailable(newDeployment('foo', { replicas: 0, maxUnavailable: 3 }))).toBe(0);
    expect(MaxUnavailable(newDeployment('foo', { replicas: 2, maxUnavailable: 5 }))).toBe(2);
  });

  test('a deployment without a strategy block gets the API defaults (RollingUpdate 25%/25%)', () => {
    const d = newDeployment('foo', { replicas: 10 });
    delete d.spec.strategy;
    expect([MaxSurge(d), MaxUnavailable(d)]).toEqual([3, 2]);
  });

  test('GetScaledValueFromIntOrPercent', () => {
    expect(GetScaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(GetScaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(GetScaledValueFromIntOrPercent(7, 10, false)).toBe(7);
    expect(GetScaledValueFromIntOrPercent('100%', 3, false)).toBe(3);
  });
});

describe('NewRSNewReplicas (surge budget only; availability plays no part)', () => {
  test.each([
    // replicas, maxSurge, old, new, expected
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, 2],
    [10, 0, 10, 0, 0],
    [4, 1, 4, 0, 1],
    [4, 1, 3, 1, 2],
  ])('replicas %i surge %i old %i new %i → %i', (replicas, maxSurge, oldReplicas, newReplicas, expected) => {
    const d = newDeployment('foo', { replicas, maxSurge });
    const newRS = rs('foo-v2', newReplicas);
    expect(NewRSNewReplicas(d, [rs('foo-v1', oldReplicas), newRS], newRS)).toBe(expected);
  });

  test('Recreate: always the full size', () => {
    const d = newDeployment('foo', { replicas: 5, strategy: 'Recreate' });
    const newRS = rs('foo-v2', 0);
    expect(NewRSNewReplicas(d, [rs('foo-v1', 5), newRS], newRS)).toBe(5);
  });
});

describe('GetProportion / getReplicaSetFraction', () => {
  test('doc example: 10 replicas, surge 3, old 8 new 5, scaled to 15 → old +3 (to 11), new +2 (to 7)', () => {
    // DOC-DEP "proportional scaling": annotations say max-replicas 13 (10 + 3).
    const d = newDeployment('foo', { replicas: 15, maxSurge: 3, maxUnavailable: 2 });
    const annotate = (r: ReplicaSet) => ((r.metadata.annotations = { 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13' }), r);
    const oldRS = annotate(rs('foo-v1', 8));
    const newRS = annotate(rs('foo-v2', 5));
    // allowed = 15 + 3 = 18, toAdd = 18 − 13 = 5; old: round(8·18/13) − 8 = 3; new: round(5·18/13) − 5 = 2.
    const toAdd = 15 + MaxSurge(d) - 13;
    const oldAdd = GetProportion(oldRS, d, toAdd, 0);
    const newAdd = GetProportion(newRS, d, toAdd, oldAdd);
    expect(oldAdd).toBe(3);
    expect(newAdd).toBe(2);
    expect([8 + oldAdd, 5 + newAdd + (toAdd - oldAdd - newAdd)]).toEqual([11, 7]);
  });

  test('an RS with 0 replicas never gets any; nothing to add gives nothing', () => {
    const d = newDeployment('foo', { replicas: 10 });
    expect(GetProportion(rs('a', 0), d, 5, 0)).toBe(0);
    expect(GetProportion(rs('a', 3), d, 0, 0)).toBe(0);
    expect(GetProportion(rs('a', 3), d, 5, 5)).toBe(0);
  });
});

describe('revisions and annotations', () => {
  test('LastRevision is the second highest', () => {
    // int64 revisions, exact: bigints (upstream's int64).
    expect(LastRevision([rs('a', 0, 0, { revision: '3' }), rs('b', 0, 0, { revision: '1' }), rs('c', 0, 0, { revision: '2' })])).toBe(2n);
    expect(LastRevision([rs('a', 0, 0, { revision: '3' })])).toBe(0n);
  });

  test('SetNewReplicaSetAnnotations: a new RS gets revision, desired and max replicas, and the deployment annotations but the skipped ones', () => {
    const d = newDeployment('foo', { replicas: 4, maxSurge: '25%', maxUnavailable: '25%' });
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'v2', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '7' };
    const r = rs('foo-abc', 0);
    expect(SetNewReplicaSetAnnotations(d, r, '3', false, 2000)).toBe(true);
    expect(r.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'v2',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
  });

  test('SetNewReplicaSetAnnotations: rolling back to an RS raises its revision and records the old one in revision-history', () => {
    const d = newDeployment('foo');
    const r = rs('foo-abc', 0, 0, { revision: '2' });
    SetNewReplicaSetAnnotations(d, r, '4', true, 2000);
    expect(r.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('4');
    expect(r.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('2');
    SetNewReplicaSetAnnotations(d, r, '6', true, 2000);
    expect(r.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('2,4');
    // Never lowered.
    expect(SetNewReplicaSetAnnotations(d, r, '5', true, 2000)).toBe(false);
    expect(r.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('6');
  });

  test('revision-history drops the oldest entries past the character limit', () => {
    const r = rs('foo-abc', 0, 0, { revision: '9' });
    r.metadata.annotations!['deployment.kubernetes.io/revision-history'] = '1,3,5,7';
    // "1,3,5,7" + ",9" is 9 characters; dropping "1," makes 7, within the limit.
    SetNewReplicaSetAnnotations(newDeployment('foo'), r, '10', true, 7);
    expect(r.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('3,5,7,9');
  });
});

describe('new and old ReplicaSets', () => {
  function withTemplate(r: ReplicaSet, image: string, hash: string): ReplicaSet {
    r.spec.template = { metadata: { labels: { foo: 'bar', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'foo', image }] } };
    return r;
  }

  test('EqualIgnoreHash ignores only the pod-template-hash label; nil and empty are the same', () => {
    const a = { metadata: { labels: { app: 'x', 'pod-template-hash': '123' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    expect(EqualIgnoreHash(a, { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } })).toBe(true);
    expect(EqualIgnoreHash(a, { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'i' }] } })).toBe(false);
    expect(EqualIgnoreHash({ metadata: { labels: { 'pod-template-hash': '1' } } }, { metadata: {} })).toBe(true);
    expect(semanticDeepEqual({ a: [] }, {})).toBe(true);
    expect(semanticDeepEqual({ a: [1] }, {})).toBe(false);
  });

  test('FindNewReplicaSet picks the oldest matching RS; FindOldReplicaSets the rest, oldest first', () => {
    const d = newDeployment('foo', { image: 'v2' });
    const old1 = withTemplate(rs('foo-1', 0, 0), 'v1', 'a');
    const new1 = withTemplate(rs('foo-2', 3, 10), 'v2', 'b');
    const new2 = withTemplate(rs('foo-3', 0, 20), 'v2', 'c');
    const old2 = withTemplate(rs('foo-0', 2, 30), 'v0', 'd');
    expect(FindNewReplicaSet(d, [new2, old2, new1, old1])?.metadata.name).toBe('foo-2');
    const [required, all] = FindOldReplicaSets(d, [new2, old2, new1, old1]);
    expect(required.map((r) => r.metadata.name)).toEqual(['foo-0']);
    expect(all.map((r) => r.metadata.name)).toEqual(['foo-1', 'foo-3', 'foo-0']);
  });

  test('IsSaturated needs spec, desired-replicas annotation and available all at replicas', () => {
    const d = newDeployment('foo', { replicas: 3 });
    const r = rs('foo-1', 3, 0, { available: 3 });
    expect(IsSaturated(d, r)).toBe(false);
    r.metadata.annotations = { 'deployment.kubernetes.io/desired-replicas': '3' };
    expect(IsSaturated(d, r)).toBe(true);
    r.status = { replicas: 3, availableReplicas: 2 };
    expect(IsSaturated(d, r)).toBe(false);
  });
});

describe('ComputeHash / SafeEncodeString (controller_utils.go, apimachinery rand)', () => {
  const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } };

  test('SafeEncodeString maps decimal digits to 4 5 6 7 8 9 b c d f', () => {
    expect(SafeEncodeString('0123456789')).toBe('456789bcdf');
  });

  test('stable, key-order independent, template- and collisionCount-sensitive, in the hash alphabet', () => {
    const h = ComputeHash(template);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(ComputeHash({ spec: template.spec, metadata: template.metadata })).toBe(h);
    expect(ComputeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } })).not.toBe(h);
    expect(ComputeHash(template, 0)).not.toBe(h);
    expect(ComputeHash(template, 1)).not.toBe(ComputeHash(template, 0));
  });

  // ReplicaSet names depend on these exact bytes: the text is JSON.stringify with keys sorted at
  // every level, undefined and null members dropped (Go decodes a null field as an absent one) and
  // undefined array items as null.
  test('canonicalJson is JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: [1, undefined, { d: 'x"y', c: null }], a: undefined, 'é': true })).toBe('{"b":[1,null,{"d":"x\\"y"}],"é":true}');
    expect(canonicalJson({ metadata: { creationTimestamp: null, labels: { app: 'web' } } })).toBe(canonicalJson({ metadata: { labels: { app: 'web' } } }));
    const reference = (v: unknown): string => {
      if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined && o[k] !== null).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
    };
    fc.assert(fc.property(fc.jsonValue(), (v) => canonicalJson(v) === reference(v)));
    fc.assert(fc.property(fc.object({ withNullPrototype: false, maxDepth: 4 }), (v) => canonicalJson(v) === reference(v)));
  });
});

describe('conditions', () => {
  test('SetDeploymentCondition: same status and reason is a no-op; a changed reason with the same status keeps lastTransitionTime and moves to the end', () => {
    const status = { conditions: [] as any[] };
    SetDeploymentCondition(status, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: 'a', lastUpdateTime: 't1', lastTransitionTime: 't1' });
    SetDeploymentCondition(status, { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'b', lastUpdateTime: 't1', lastTransitionTime: 't1' });
    SetDeploymentCondition(status, { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'changed', lastUpdateTime: 't2', lastTransitionTime: 't2' });
    expect(status.conditions[1].message).toBe('b');
    SetDeploymentCondition(status, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'c', lastUpdateTime: 't3', lastTransitionTime: 't3' });
    expect(status.conditions.map((c) => [c.type, c.reason, c.lastUpdateTime, c.lastTransitionTime])).toEqual([
      ['Available', 'MinimumReplicasAvailable', 't1', 't1'],
      ['Progressing', 'NewReplicaSetAvailable', 't3', 't1'],
    ]);
  });

  test('DeploymentTimedOut: strictly after lastUpdateTime + progressDeadlineSeconds; never after NewReplicaSetAvailable', () => {
    const d = newDeployment('foo', { progressDeadlineSeconds: 600 });
    const at = Date.UTC(2024, 0, 1);
    const status = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' }] };
    expect(DeploymentTimedOut(d, status, at + 600_000)).toBe(false);
    expect(DeploymentTimedOut(d, status, at + 600_001)).toBe(true);
    status.conditions[0].reason = 'NewReplicaSetAvailable';
    expect(DeploymentTimedOut(d, status, at + 900_000)).toBe(false);
    expect(DeploymentTimedOut(newDeployment('foo'), status, at + 900_000)).toBe(false); // no deadline (MaxInt32)
  });
});
