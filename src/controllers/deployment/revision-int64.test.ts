// Revisions are int64, exact (issue #10): upstream's deployment util parses the
// `deployment.kubernetes.io/revision` annotation with strconv.ParseInt(v, 10, 64), MaxRevision and
// LastRevision compare int64s, and getNewReplicaSet (sync.go) names the next revision
// strconv.FormatInt(maxOldRevision+1, 10). A double holds no integer past 2^53 exactly, so
// 3546343826724305833 + 1 must be computed as an int64: 3546343826724305834, not ...5832 or ...5836.
import type { Deployment, ReplicaSet } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { deploymentRevision, rollbackDeployment } from './rollback';
import { ControllerHost, nginxDeployment, rs } from './testkit';
import { LastRevision, MaxRevision, Revision, ReplicaSetsByRevision, RevisionAnnotation, SetNewReplicaSetAnnotations } from './util';

const BIG = '3546343826724305833';

function settled(): ControllerHost {
  const h = new ControllerHost();
  h.api.create(nginxDeployment({ replicas: 2, name: 'nginx' }));
  h.queue.add('default/nginx');
  h.drain();
  h.markReplicaSets();
  h.drain();
  return h;
}

function run(h: ControllerHost): void {
  for (let i = 0; i < 50 && h.pending; i++) {
    h.drain();
    h.markReplicaSets();
  }
  h.drain();
}

function setRevision(h: ControllerHost, r: ReplicaSet, revision: string): void {
  const copy = deepClone(h.api.get('ReplicaSet', r.metadata.name!) as ReplicaSet);
  copy.metadata.annotations = { ...copy.metadata.annotations, [RevisionAnnotation]: revision };
  h.api.update(copy);
}

function rollTo(h: ControllerHost, image: string): void {
  const d = deepClone(h.deployment()) as Deployment;
  d.spec.template!.spec!.containers[0].image = image;
  h.api.update(d);
  run(h);
}

const revisionOf = (r: ReplicaSet | Deployment) => r.metadata.annotations?.[RevisionAnnotation];

describe('the revision annotation is an int64, parsed and incremented exactly', () => {
  test(`an old ReplicaSet at revision ${BIG}: the next rollout is revision 3546343826724305834, on the RS and the deployment`, () => {
    const h = settled();
    const [first] = h.replicaSets();
    setRevision(h, first, BIG);
    rollTo(h, 'nginx:1.27');
    const next = h.replicaSets().find((r) => r.metadata.name !== first.metadata.name)!;
    expect(revisionOf(next)).toBe('3546343826724305834');
    expect(revisionOf(h.deployment())).toBe('3546343826724305834');
    // Number(BIG) + 1 is 3546343826724305920 (the doubles there are 512 apart): the digits that a
    // JavaScript number would have given.
    expect(String(Number(BIG) + 1)).not.toBe('3546343826724305834');
  });

  test('rolling back to the old template takes its RS to max + 1 and keeps the huge number in revision-history', () => {
    const h = settled();
    const [first] = h.replicaSets();
    setRevision(h, first, BIG);
    rollTo(h, 'nginx:1.27');
    expect(deploymentRevision(h.api, h.deployment(), BigInt(BIG)).metadata.name).toBe(first.metadata.name);
    expect(rollbackDeployment(h.api, 'default', 'nginx', BigInt(BIG))).toBe('rolled back');
    run(h);
    const back = h.replicaSets().find((r) => r.metadata.name === first.metadata.name)!;
    expect(back.metadata.annotations).toMatchObject({ [RevisionAnnotation]: '3546343826724305835', 'deployment.kubernetes.io/revision-history': BIG });
    // A revision one below, which a double cannot tell from BIG, names no ReplicaSet.
    expect(() => rollbackDeployment(h.api, 'default', 'nginx', BigInt(BIG) - 1n)).toThrow('unable to find specified revision 3546343826724305832 in history');
  });

  test('MaxInt64 + 1 wraps as Go\'s int64 sum does: FormatInt gives -9223372036854775808, which is no higher revision', () => {
    const h = settled();
    const [first] = h.replicaSets();
    setRevision(h, first, '9223372036854775807');
    rollTo(h, 'nginx:1.27');
    const next = h.replicaSets().find((r) => r.metadata.name !== first.metadata.name)!;
    // SetNewReplicaSetAnnotations: oldRevision "" → 0, newRevision -9223372036854775808; 0 < new is
    // false, so the new RS gets no revision annotation at all, and the deployment copies that "".
    expect(revisionOf(next)).toBeUndefined();
    expect(revisionOf(h.deployment())).toBe('');
  });

  test('ParseInt errors (invalid syntax, out of range) are skipped by MaxRevision and LastRevision, as upstream skips them', () => {
    const set = [rs('a', 0, 0, { revision: BIG }), rs('b', 0, 0, { revision: '9223372036854775808' }), rs('c', 0, 0, { revision: 'x' }), rs('d', 0, 0, { revision: '+7' })];
    expect(Revision(set[0])).toBe(3546343826724305833n);
    expect(Revision(set[1])).toBeUndefined();
    expect(Revision(set[2])).toBeUndefined();
    expect(Revision(set[3])).toBe(7n);
    expect(MaxRevision(set)).toBe(3546343826724305833n);
    expect(LastRevision(set)).toBe(7n);
    expect([rs('x', 0, 0, { revision: '3546343826724305834' }), set[0]].sort(ReplicaSetsByRevision).map((r) => r.metadata.name)).toEqual(['a', 'x']);
  });

  test('SetNewReplicaSetAnnotations compares int64s: a newer huge revision replaces an older one one below it', () => {
    const d = nginxDeployment({ replicas: 1, name: 'nginx' });
    const r = rs('nginx-abc', 1, 0, { revision: BIG });
    expect(SetNewReplicaSetAnnotations(d, r, '3546343826724305834', true, 2000)).toBe(true);
    expect(r.metadata.annotations).toMatchObject({ [RevisionAnnotation]: '3546343826724305834', 'deployment.kubernetes.io/revision-history': BIG });
    // Not higher: unchanged (as strings they compare the same way here, but as doubles they are equal).
    const same = rs('nginx-def', 1, 0, { revision: '3546343826724305834' });
    expect(SetNewReplicaSetAnnotations(d, same, BIG, true, 2000)).toBe(false);
    // An old revision that does not parse: upstream returns false and leaves the RS as it is.
    const bad = rs('nginx-ghi', 1, 0, { revision: '9223372036854775808' });
    expect(SetNewReplicaSetAnnotations(d, bad, '1', true, 2000)).toBe(false);
  });
});
