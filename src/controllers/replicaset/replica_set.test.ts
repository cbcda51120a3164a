// The ReplicaSet controller on a real API server, with the garbage collector beside it and no
// scheduler or kubelet: pods stay Pending and unbound unless a test binds them or sets their status.
// Expected behaviour: the course's ReplicaSet exercises, kubernetes/website
// content/en/docs/concepts/workloads/controllers/replicaset.md (adoption, "Isolating Pods",
// scale-down order), and pkg/controller/replicaset/replica_set.go.
import { parse } from 'yaml';
import { Cluster } from '../../cluster/cluster';
import type { ClusterOptions } from '../../cluster/config';
import { StatusError } from '../../apiserver/errors';
import type { KubeObject } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { GarbageCollector } from '../garbagecollector';
import { POD_DELETION_COST } from '../util/pods';
import { ReplicaSetController, BURST_REPLICAS, slowStartBatch, getPodFromTemplate } from '.';

/** The course's replicaset.yaml. */
const COURSE_RS = parse(`
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: 3-replicaset
spec:
  template:
    metadata:
      name: 3-replicaset
      labels:
        app: 3-replicaset
    spec:
      containers:
        - name: 3-replicaset
          image: nginx
          ports:
            - containerPort: 80
  replicas: 3
  selector:
    matchLabels:
      app: 3-replicaset
`) as KubeObject;

function newCluster(config: ClusterOptions = {}): { c: Cluster; rsc: ReplicaSetController } {
  const rsc = new ReplicaSetController();
  return { c: new Cluster(config, [rsc, new GarbageCollector()]), rsc };
}

function replicaSet(name: string, replicas: number, opts: { labels?: Record<string, string>; templateLabels?: Record<string, string>; image?: string; extra?: Record<string, unknown> } = {}): KubeObject {
  const labels = opts.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels: opts.templateLabels ?? labels }, spec: { containers: [{ name: 'c', image: opts.image ?? 'nginx' }] } },
      ...opts.extra,
    },
  };
}

const podsOf = (c: Cluster, selector: string) => c.api.list('Pod', { labelSelector: selector });
/** Pods not being deleted (bound pods linger, terminating, until their kubelet confirms). */
const activeOf = (c: Cluster, selector: string) => podsOf(c, selector).filter((p) => !p.metadata.deletionTimestamp);
const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name!).sort();
const rsStatus = (c: Cluster, name: string) => c.api.get('ReplicaSet', name)!.status;
const events = (c: Cluster, reason: string) => c.api.list('Event', { namespace: 'default' }).filter((e) => e.reason === reason);

/** Bind the pod to a node (pods/binding, as the scheduler does). */
function bind(c: Cluster, pod: KubeObject, node: string): KubeObject {
  return c.api.bind({ metadata: { name: pod.metadata.name!, namespace: pod.metadata.namespace }, target: { name: node } });
}

/** Set the pod Running (and Ready since `readySince`, default now), as the kubelet would. */
function setRunning(c: Cluster, pod: KubeObject, ready = true, readySince = c.clock.now()): KubeObject {
  const live = deepClone(c.api.get('Pod', pod.metadata.name!, pod.metadata.namespace)!);
  live.status = {
    ...live.status,
    phase: 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: c.clock.timestamp(readySince) }],
  };
  return c.api.updateStatus(live);
}

const controllerRefUid = (p: KubeObject) => p.metadata.ownerReferences?.find((r) => r.controller)?.uid;

describe('ReplicaSet controller: the course exercises', () => {
  it('3-replicaset: three pods from the template, named <rs>-<5 chars>, controlled by the ReplicaSet', () => {
    const { c } = newCluster();
    const rs = c.api.create(COURSE_RS);
    c.settle();
    const pods = podsOf(c, 'app=3-replicaset');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^3-replicaset-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('3-replicaset-');
      expect(p.metadata.labels).toEqual({ app: '3-replicaset' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: '3-replicaset', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      // The stored (defaulted) template, plus the mount the ServiceAccount admission adds to every pod.
      const token = p.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-')).name;
      expect(p.spec.containers).toEqual(
        rs.spec.template.spec.containers.map((ctr: object) => ({ ...ctr, volumeMounts: [{ name: token, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] })),
      );
    }
    expect(rsStatus(c, '3-replicaset')).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    expect(events(c, 'SuccessfulCreate').map((e) => e.message).sort()).toEqual(names(pods).map((n) => `Created pod: ${n}`));
    expect(events(c, 'SuccessfulCreate').every((e) => e.type === 'Normal' && e.involvedObject.name === '3-replicaset' && e.source.component === 'replicaset-controller')).toBe(true);
  });

  it('a deleted pod is replaced; scaling to 5 adds two', () => {
    const { c } = newCluster();
    c.api.create(COURSE_RS);
    c.settle();
    const [victim] = podsOf(c, 'app=3-replicaset');
    c.api.delete('Pod', victim.metadata.name!);
    c.settle();
    const after = podsOf(c, 'app=3-replicaset');
    expect(after).toHaveLength(3);
    expect(names(after)).not.toContain(victim.metadata.name);

    c.api.patch('ReplicaSet', '3-replicaset', { spec: { replicas: 5 } }, 'merge');
    c.settle();
    expect(podsOf(c, 'app=3-replicaset')).toHaveLength(5);
    expect(rsStatus(c, '3-replicaset')).toMatchObject({ replicas: 5, observedGeneration: 2 });
  });

  it('--cascade=orphan: the ReplicaSet goes, its 5 pods stay without owner and are not replaced', () => {
    const { c } = newCluster();
    c.api.create({ ...COURSE_RS, spec: { ...COURSE_RS.spec, replicas: 5 } });
    c.settle();
    const before = names(podsOf(c, 'app=3-replicaset'));
    c.api.delete('ReplicaSet', '3-replicaset', { propagationPolicy: 'Orphan' });
    c.settle();
    expect(c.api.get('ReplicaSet', '3-replicaset')).toBeUndefined();
    const orphans = podsOf(c, 'app=3-replicaset');
    expect(names(orphans)).toEqual(before);
    for (const p of orphans) {
      expect(p.metadata.ownerReferences).toBeUndefined(); // as the API returns it: no empty list
      expect(p.metadata.labels).toEqual({ app: '3-replicaset' });
    }
    c.api.delete('Pod', orphans[0].metadata.name!);
    c.settle();
    expect(podsOf(c, 'app=3-replicaset')).toHaveLength(4);
  });

  it('a new ReplicaSet with the same selector adopts the orphans, keeps their spec, and deletes the surplus by rank', () => {
    const { c } = newCluster();
    c.api.create({ ...COURSE_RS, spec: { ...COURSE_RS.spec, replicas: 5 } });
    c.settle();
    c.api.delete('ReplicaSet', '3-replicaset', { propagationPolicy: 'Orphan' });
    c.settle();
    const [p0, p1, p2, p3, p4] = podsOf(c, 'app=3-replicaset');
    // Three pods are scheduled (two running and ready), two never were: the unscheduled go first.
    setRunning(c, bind(c, p0, 'worker0'));
    setRunning(c, bind(c, p1, 'worker1'));
    bind(c, p2, 'worker0');
    const newRs = c.api.create({ ...replicaSet('adopter', 3, { labels: { app: '3-replicaset' }, image: 'nginx:1.25' }) });
    c.settle();
    const pods = podsOf(c, 'app=3-replicaset');
    expect(names(pods)).toEqual(names([p0, p1, p2]));
    for (const p of pods) {
      expect(controllerRefUid(p)).toBe(newRs.metadata.uid);
      expect(p.spec.containers[0].image).toBe('nginx'); // adoption does not change the template
    }
    expect(events(c, 'SuccessfulDelete').map((e) => e.message).sort()).toEqual(names([p3, p4]).map((n) => `Deleted pod: ${n}`));
    expect(events(c, 'SuccessfulCreate').filter((e) => e.involvedObject.name === 'adopter')).toEqual([]);
    expect(rsStatus(c, 'adopter')).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 2 });
  });
});

describe('ReplicaSet controller: ownership', () => {
  it('isolating pods: a relabelled pod is released and replaced; relabelled back, it is adopted and the surplus removed', () => {
    const { c } = newCluster();
    const rs = c.api.create(replicaSet('web', 3));
    c.settle();
    const [isolated] = podsOf(c, 'app=web');
    c.api.patch('Pod', isolated.metadata.name!, { metadata: { labels: { app: 'debug' } } }, 'merge');
    c.settle();
    const released = c.api.get('Pod', isolated.metadata.name!)!;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    expect(podsOf(c, 'app=web')).toHaveLength(3);
    expect(podsOf(c, 'app=web').every((p) => controllerRefUid(p) === rs.metadata.uid)).toBe(true);

    c.api.patch('Pod', isolated.metadata.name!, { metadata: { labels: { app: 'web' } } }, 'merge');
    c.settle();
    const pods = podsOf(c, 'app=web');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => controllerRefUid(p) === rs.metadata.uid)).toBe(true);
    expect(events(c, 'SuccessfulDelete')).toHaveLength(1);
  });

  it('a pod controlled by another owner is never adopted, even when the selector matches', () => {
    const { c } = newCluster();
    const a = c.api.create(replicaSet('a', 2, { labels: { app: 'x' } }));
    c.settle();
    c.api.create(replicaSet('b', 1, { labels: { app: 'x' } }));
    c.settle();
    const pods = podsOf(c, 'app=x');
    expect(pods.filter((p) => controllerRefUid(p) === a.metadata.uid)).toHaveLength(2);
    expect(pods).toHaveLength(3);
  });

  it('an orphan created later is adopted by the ReplicaSet that selects it, and the surplus deleted', () => {
    const { c } = newCluster();
    const rs = c.api.create(replicaSet('web', 2));
    c.settle();
    const orphan = c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    setRunning(c, bind(c, orphan, 'worker0')); // a running, ready pod outranks the two pending ones
    c.settle();
    const pods = podsOf(c, 'app=web');
    expect(pods).toHaveLength(2);
    expect(names(pods)).toContain('stray');
    expect(controllerRefUid(c.api.get('Pod', 'stray')!)).toBe(rs.metadata.uid);
  });

  it('fullyLabeledReplicas counts only pods carrying every template label', () => {
    const { c } = newCluster();
    c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'partial', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    c.api.create(replicaSet('web', 3, { labels: { app: 'web' }, templateLabels: { app: 'web', tier: 'fe' } }));
    c.settle();
    expect(rsStatus(c, 'web')).toEqual({ replicas: 3, fullyLabeledReplicas: 2, observedGeneration: 1 });
  });
});

describe('ReplicaSet controller: pods going away', () => {
  it('a pod that gets a deletionTimestamp is replaced at once, before it is gone', () => {
    const { c } = newCluster();
    c.api.create(replicaSet('web', 2));
    c.settle();
    const [p] = podsOf(c, 'app=web');
    bind(c, p, 'worker0');
    const { deleted } = c.api.delete('Pod', p.metadata.name!);
    expect(deleted).toBe(false); // bound: graceful deletion
    c.settle();
    const pods = podsOf(c, 'app=web');
    expect(pods).toHaveLength(3);
    expect(pods.filter((x) => !x.metadata.deletionTimestamp)).toHaveLength(2);
    expect(rsStatus(c, 'web')).toMatchObject({ replicas: 2 });
  });

  it('pods that failed do not count and are replaced', () => {
    const { c } = newCluster();
    c.api.create(replicaSet('web', 2));
    c.settle();
    const [p] = podsOf(c, 'app=web');
    const failed = deepClone(p);
    failed.status = { phase: 'Failed' };
    c.api.updateStatus(failed);
    c.settle();
    expect(podsOf(c, 'app=web')).toHaveLength(3);
    expect(rsStatus(c, 'web')).toMatchObject({ replicas: 2 });
  });
});

describe('ReplicaSet controller: scale-down order (ActivePodsWithRanks)', () => {
  it('keeps the pods with a higher pod-deletion-cost', () => {
    const { c } = newCluster();
    c.api.create(replicaSet('web', 3));
    c.settle();
    const [, keep] = podsOf(c, 'app=web');
    c.api.patch('Pod', keep.metadata.name!, { metadata: { annotations: { [POD_DELETION_COST]: '100' } } }, 'merge');
    c.api.patch('ReplicaSet', 'web', { spec: { replicas: 1 } }, 'merge');
    c.settle();
    expect(names(podsOf(c, 'app=web'))).toEqual([keep.metadata.name]);
  });

  it('Pending before Running, not ready before ready', () => {
    const { c } = newCluster();
    c.api.create(replicaSet('web', 4));
    c.settle();
    const [a, b, d, e] = podsOf(c, 'app=web');
    setRunning(c, bind(c, a, 'worker0'), true);
    setRunning(c, bind(c, b, 'worker0'), false);
    bind(c, d, 'worker1');
    bind(c, e, 'worker1');
    c.api.patch('ReplicaSet', 'web', { spec: { replicas: 2 } }, 'merge');
    c.settle();
    expect(names(activeOf(c, 'app=web'))).toEqual(names([a, b]));
    c.api.patch('ReplicaSet', 'web', { spec: { replicas: 1 } }, 'merge');
    c.settle();
    expect(names(activeOf(c, 'app=web'))).toEqual([a.metadata.name]);
  });

  it('deletes from the node with more pods of the same Deployment (co-located rank)', () => {
    const { c } = newCluster();
    // A Deployment made by hand (no deployment controller here) controlling two ReplicaSets.
    const d = c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'app' } }, template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
    for (const hash of ['aaaa', 'bbbb']) {
      const rs = replicaSet(`app-${hash}`, 2, { labels: { app: 'app', 'pod-template-hash': hash } });
      rs.metadata.ownerReferences = [ref];
      c.api.create(rs);
    }
    c.settle();
    const readySince = c.clock.now();
    const [a1, a2] = podsOf(c, 'pod-template-hash=aaaa');
    // Input order would pick a1 on a tie; a2 shares worker0 with both pods of the other ReplicaSet.
    setRunning(c, bind(c, a1, 'worker1'), true, readySince);
    setRunning(c, bind(c, a2, 'worker0'), true, readySince);
    for (const b of podsOf(c, 'pod-template-hash=bbbb')) setRunning(c, bind(c, b, 'worker0'), true, readySince);
    c.api.patch('ReplicaSet', 'app-aaaa', { spec: { replicas: 1 } }, 'merge');
    c.settle();
    expect(names(activeOf(c, 'pod-template-hash=aaaa'))).toEqual([a1.metadata.name]);
  });
});

describe('ReplicaSet controller: bursts, failures and bounds', () => {
  it(`creates at most burstReplicas (${BURST_REPLICAS}) pods per sync and requeues for the rest`, () => {
    const { c } = newCluster({ recordEvents: false });
    c.api.create(replicaSet('big', 1200));
    const counts: number[] = [];
    c.settle({
      onState: () => {
        const n = c.api.list('Pod', { namespace: 'default' }).length;
        // (States before the first burst: the controllers' start-up syncs of the kubeadm system objects.)
        if (n && counts[counts.length - 1] !== n) counts.push(n);
      },
    });
    expect(counts).toEqual([500, 1000, 1200]);
    c.api.patch('ReplicaSet', 'big', { spec: { replicas: 0 } }, 'merge');
    counts.length = 0;
    c.settle({
      onState: () => {
        const n = c.api.list('Pod', { namespace: 'default' }).length;
        if (counts[counts.length - 1] !== n) counts.push(n);
      },
    });
    expect(counts).toEqual([700, 200, 0]);
  });

  it('slowStartBatch: batches of 1, 2, 4, ...; a failing batch runs to its end, then creation stops', () => {
    let calls = 0;
    const r = slowStartBatch(10, 1, () => (++calls === 4 ? new Error('boom') : undefined));
    expect(r).toEqual({ successes: 6, err: new Error('boom') });
    expect(calls).toBe(7); // batches 1 + 2 + 4; the batch of 3 left is never started
    calls = 0;
    expect(slowStartBatch(10, 1, () => (++calls, undefined))).toEqual({ successes: 10 });
    expect(calls).toBe(10);
    calls = 0;
    expect(slowStartBatch(100, 1, () => (++calls === 1 ? new Error('first') : undefined)).successes).toBe(0);
    expect(calls).toBe(1);
  });

  it('a failing create: FailedCreate event and ReplicaFailure condition, retried with back-off that does not hold up settle', () => {
    const { c } = newCluster();
    let quota = true;
    const create = c.api.create.bind(c.api);
    jest.spyOn(c.api, 'create').mockImplementation((obj, opts) => {
      if (quota && obj.kind === 'Pod') throw new StatusError('Forbidden', `pods "${obj.metadata.generateName}" is forbidden: exceeded quota: compute-resources`);
      return create(obj, opts);
    });
    c.api.create(replicaSet('web', 3));
    c.settle();
    expect(podsOf(c, 'app=web')).toHaveLength(0);
    const failed = events(c, 'FailedCreate');
    expect(failed).toHaveLength(1); // the same message again bumps the count
    expect(failed[0]).toMatchObject({ type: 'Warning', message: 'Error creating: pods "web-" is forbidden: exceeded quota: compute-resources' });
    expect(rsStatus(c, 'web').conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: c.clock.timestamp(), reason: 'FailedCreate', message: 'pods "web-" is forbidden: exceeded quota: compute-resources' },
    ]);
    const retries = c.pendingTimers().filter((t) => t.controller === 'replicaset-controller');
    expect(retries).toEqual([expect.objectContaining({ key: 'default/web', settle: false })]);

    quota = false;
    c.wait(1000);
    expect(podsOf(c, 'app=web')).toHaveLength(3);
    expect(rsStatus(c, 'web').conditions).toBeUndefined();
  });

  it('an absurd replica count ends in bounded time at the object limit, with FailedCreate', () => {
    const { c } = newCluster({ limits: { maxObjectsPerKind: 1500, maxReplicas: 2_000_000_000 } }); // past the API server's replica guard
    // The limit counts every pod, the kubeadm system pods (kube-system, kube-flannel) too.
    const room = 1500 - c.api.list('Pod').length;
    c.api.create(replicaSet('huge', 1_000_000_000));
    c.settle({ maxReconciles: 200 });
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(room);
    const st = rsStatus(c, 'huge');
    expect(st.replicas).toBe(room);
    expect(st.conditions[0]).toMatchObject({ type: 'ReplicaFailure', reason: 'FailedCreate', message: expect.stringContaining('is forbidden: exceeded kubespec\'s limit of 1500 pods') });
    // Waiting retries with growing back-off; the count stays bounded.
    const before = c.reconciles;
    c.wait(60_000);
    expect(c.reconciles - before).toBeLessThan(40);
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(room);
  });
});

describe('ReplicaSet controller: status', () => {
  it('readyReplicas follows pod readiness; availableReplicas waits minReadySeconds (the clock settles to it)', () => {
    const { c } = newCluster();
    c.api.create(replicaSet('web', 2, { extra: { minReadySeconds: 10 } }));
    c.settle();
    const t0 = c.clock.now();
    for (const p of podsOf(c, 'app=web')) setRunning(c, bind(c, p, 'worker0'), true, t0);
    const seen: [number, number | undefined, number | undefined][] = [];
    c.settle({ onState: () => seen.push([c.clock.now() - t0, rsStatus(c, 'web').readyReplicas, rsStatus(c, 'web').availableReplicas]) });
    expect(seen[0]).toEqual([0, 2, undefined]);
    // upstream requeues minReadySeconds + 1s after a pod turns ready
    expect(c.clock.now() - t0).toBe(11_000);
    expect(rsStatus(c, 'web')).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });

  it('writes status only when it changed', () => {
    const { c, rsc } = newCluster();
    c.api.create(replicaSet('web', 2));
    c.settle();
    const rv = c.api.get('ReplicaSet', 'web')!.metadata.resourceVersion;
    rsc.reconcile('default/web');
    c.settle();
    expect(c.api.get('ReplicaSet', 'web')!.metadata.resourceVersion).toBe(rv);
  });

  it('a ReplicaSet being deleted manages no pods (foreground deletion keeps it visible)', () => {
    const { c } = newCluster();
    c.api.create(replicaSet('web', 2));
    c.settle();
    const pods = podsOf(c, 'app=web');
    for (const p of pods) bind(c, p, 'worker0'); // graceful: pods linger while terminating
    c.api.delete('ReplicaSet', 'web', { propagationPolicy: 'Foreground' });
    c.settle();
    expect(c.api.get('ReplicaSet', 'web')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    const now = podsOf(c, 'app=web');
    expect(names(now)).toEqual(names(pods));
    expect(now.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(rsStatus(c, 'web')).toMatchObject({ replicas: 0 });
  });
});

describe('GetPodFromTemplate', () => {
  it('copies labels, annotations and finalizers, not the template name; a too-long name drops the dash', () => {
    const rs = replicaSet('web', 1) as any;
    rs.metadata.namespace = 'default';
    rs.spec.template.metadata = { name: 'ignored', labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: ['x/y'] };
    const pod = getPodFromTemplate(rs, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u', controller: true, blockOwnerDeletion: true });
    expect(pod.metadata).toEqual({
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web' },
      annotations: { a: 'b' },
      finalizers: ['x/y'],
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u', controller: true, blockOwnerDeletion: true }],
    });
    rs.metadata.name = 'a'.repeat(253);
    expect(getPodFromTemplate(rs, pod.metadata.ownerReferences![0]).metadata.generateName).toBe('a'.repeat(253));
  });
});
