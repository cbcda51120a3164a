// Hosts for testing the deployment controller without the rest of the cluster: a fake client that
// records actions (as upstream's fake clientset does in rolling_test.go / sync_test.go), and a
// real ApiServer with this controller alone, where the test plays the ReplicaSet controller.
import { ApiServer } from '../../apiserver/apiserver';
import { alreadyExistsError, notFoundError } from '../../apiserver/errors';
import type { Deployment, KubeObject, ReplicaSet } from '../../apiserver/types';
import { EventRecorder } from '../../cluster/events';
import { defaultConfig } from '../../cluster/config';
import { WorkQueue } from '../../cluster/workqueue';
import { Clock, formatTime } from '../../util/clock';
import { deepClone, deepFreeze } from '../../util/clone';
import { Random } from '../../util/random';
import { DeploymentController } from './index';
import type { DeploymentSyncContext } from './sync';
import type { IntOrString } from './util';

// ---- object builders (upstream's newDeployment / rs / newRSWithStatus) -----------------------------

export interface DeploymentOptions {
  replicas?: number;
  revisionHistoryLimit?: number;
  /** Default 0, as upstream's newDeployment test helper (not the API default). */
  maxSurge?: IntOrString;
  /** Default 0, as upstream's newDeployment test helper (not the API default). */
  maxUnavailable?: IntOrString;
  selector?: Record<string, string>;
  strategy?: 'RollingUpdate' | 'Recreate';
  image?: string;
  progressDeadlineSeconds?: number;
}

/** newDeployment(name, replicas, rhl, maxSurge, maxUnavailable, selector) of deployment_controller_test.go. */
export function newDeployment(name: string, o: DeploymentOptions = {}): Deployment {
  const selector = o.selector ?? { foo: 'bar' };
  const strategy = o.strategy ?? 'RollingUpdate';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1, annotations: {} },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { ...selector } },
      strategy: strategy === 'RollingUpdate' ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? 0, maxUnavailable: o.maxUnavailable ?? 0 } } : { type: 'Recreate' },
      template: { metadata: { labels: { ...selector } }, spec: { containers: [{ name: 'foo', image: o.image ?? 'foo/bar' }] } },
      revisionHistoryLimit: o.revisionHistoryLimit,
      progressDeadlineSeconds: o.progressDeadlineSeconds ?? 2147483647,
    },
  };
}

/** rs(name, replicas, selector, timestamp) of deployment_controller_test.go. */
export function rs(name: string, replicas: number, timestampSeconds = 0, extra: { available?: number; statusReplicas?: number; revision?: string } = {}): ReplicaSet {
  const out: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: formatTime(Date.UTC(2016, 4, 20) + timestampSeconds * 1000), resourceVersion: '1' },
    spec: { replicas, selector: { matchLabels: { foo: 'bar' } }, template: {} },
    status: { replicas: extra.statusReplicas ?? 0, availableReplicas: extra.available ?? 0 },
  };
  if (extra.revision) out.metadata.annotations = { 'deployment.kubernetes.io/revision': extra.revision };
  return out;
}

// ---- fake client -----------------------------------------------------------------------------------

export interface Action {
  verb: 'create' | 'update' | 'update-status' | 'delete' | 'patch';
  kind: string;
  name: string;
  object?: KubeObject;
}

/** Records writes like client-go's fake clientset; reads find nothing. */
export class FakeClient {
  readonly actions: Action[] = [];
  private rv = 100;
  /** Names whose update fails with a Conflict (sync_test's "failed rs update"). */
  readonly failUpdates = new Set<string>();
  /** Objects `get` returns (AlreadyExists handling). */
  readonly objects = new Map<string, KubeObject>();

  create(obj: KubeObject): KubeObject {
    this.actions.push({ verb: 'create', kind: obj.kind, name: obj.metadata.name!, object: deepClone(obj) });
    if (this.objects.has(`${obj.kind}/${obj.metadata.name}`)) throw alreadyExistsError('replicasets', 'apps', obj.metadata.name!);
    return this.stamp(obj);
  }
  update(obj: KubeObject): KubeObject {
    this.actions.push({ verb: 'update', kind: obj.kind, name: obj.metadata.name!, object: deepClone(obj) });
    if (this.failUpdates.has(obj.metadata.name!)) throw notFoundError('replicasets', 'apps', obj.metadata.name!);
    return this.stamp(obj);
  }
  updateStatus(obj: KubeObject): KubeObject {
    this.actions.push({ verb: 'update-status', kind: obj.kind, name: obj.metadata.name!, object: deepClone(obj) });
    return this.stamp(obj);
  }
  delete(kind: string, name: string): { object: KubeObject; deleted: boolean } {
    this.actions.push({ verb: 'delete', kind, name });
    return { object: { apiVersion: 'v1', kind, metadata: { name } }, deleted: true };
  }
  get(kind: string, name: string): KubeObject | undefined {
    return this.objects.get(`${kind}/${name}`);
  }
  private stamp(obj: KubeObject): KubeObject {
    const out = deepClone(obj);
    out.metadata.resourceVersion = String(++this.rv);
    return deepFreeze(out);
  }
}

/** A sync context over a FakeClient; events are collected as `Type Reason Message`. */
export function fakeContext(now = Date.UTC(2016, 4, 20, 3)): { dc: DeploymentSyncContext; client: FakeClient; events: string[]; requeues: number[]; clock: Clock } {
  const client = new FakeClient();
  const events: string[] = [];
  const requeues: number[] = [];
  const clock = new Clock(now);
  const dc: DeploymentSyncContext = {
    api: client as unknown as ApiServer,
    clock,
    recorder: { record: (_c: string, _o: KubeObject, type: string, reason: string, message: string) => events.push(`${type} ${reason} ${message}`) } as unknown as EventRecorder,
    enqueueAfter: (_d, ms) => requeues.push(ms),
  };
  return { dc, client, events, requeues, clock };
}

// ---- a real API server with this controller alone ------------------------------------------------------

interface Timer {
  at: number;
  key: string;
  settle: boolean;
}

/**
 * The deployment controller over a real ApiServer. The test drives it: `syncOnce` runs one
 * syncDeployment; `markReplicaSets` plays the ReplicaSet controller by writing RS statuses.
 */
export class ControllerHost {
  readonly clock = new Clock();
  readonly api = new ApiServer(this.clock, new Random(1));
  readonly recorder = new EventRecorder(this.api, this.clock, true);
  readonly timers: Timer[] = [];
  readonly queue = new WorkQueue('deployment-controller', (_q, key, delayMs, opts) => this.timers.push({ at: this.clock.now() + delayMs, key, settle: opts.settle ?? true }));
  readonly controller = new DeploymentController();
  reconciles = 0;

  constructor() {
    this.controller.start({ api: this.api, clock: this.clock, rng: new Random(2), queue: this.queue, recorder: this.recorder, config: defaultConfig() });
  }

  /** One syncDeployment of `key`; whatever it enqueued (or asked for once idle) is dropped (one sync per step). */
  syncOnce(key = 'default/nginx'): void {
    this.reconciles++;
    this.controller.reconcile(key);
    this.dropQueued();
  }

  /** Forget everything queued or due once idle now (the progress-check timers stay). */
  dropQueued(): void {
    while (this.queue.pop() !== undefined);
    const now = this.clock.now();
    const keep = this.timers.filter((t) => !(t.settle && t.at <= now));
    this.timers.splice(0, this.timers.length, ...keep);
  }

  /**
   * Run the queue until it is empty (the controller reacting to its own writes), including the
   * wake-ups due at this instant once idle (as Cluster.settle fires them without moving the clock).
   */
  drain(max = 100_000): void {
    let n = 0;
    for (;;) {
      let key: string | undefined;
      while ((key = this.queue.pop()) !== undefined) {
        if (++n > max) throw new Error(`deployment controller did not settle within ${max} syncs`);
        this.reconciles++;
        this.controller.reconcile(key);
      }
      if (!this.fireDue()) return;
    }
  }

  /** Whether anything is waiting: queued, or due once idle at this instant. */
  get pending(): number {
    return this.queue.length + this.timers.filter((t) => t.settle && t.at <= this.clock.now()).length;
  }

  /** Move the timers due now (settle ones) into the queue; returns whether there were any. */
  private fireDue(): boolean {
    const now = this.clock.now();
    const keep: Timer[] = [];
    let fired = false;
    for (const t of this.timers) {
      if (t.settle && t.at <= now) {
        this.queue.add(t.key);
        fired = true;
      } else {
        keep.push(t);
      }
    }
    if (fired) this.timers.splice(0, this.timers.length, ...keep);
    return fired;
  }


  /** Move the clock, firing due timers into the queue. */
  advance(ms: number): void {
    this.clock.advanceTo(this.clock.now() + ms);
    for (let i = this.timers.length - 1; i >= 0; i--) {
      if (this.timers[i].at <= this.clock.now()) {
        this.queue.add(this.timers[i].key);
        this.timers.splice(i, 1);
      }
    }
  }

  replicaSets(namespace = 'default'): ReplicaSet[] {
    return this.api.list('ReplicaSet', { namespace }) as ReplicaSet[];
  }

  deployment(name = 'nginx', namespace = 'default'): Deployment {
    return this.api.getOrThrow('Deployment', name, namespace) as Deployment;
  }

  /**
   * Play the ReplicaSet controller: every RS's status becomes its spec (all pods ready and
   * available), or what `status(rs)` returns.
   */
  markReplicaSets(status?: (rs: ReplicaSet) => { replicas: number; readyReplicas?: number; availableReplicas?: number } | undefined): void {
    for (const r of this.replicaSets()) {
      const want = status ? status(r) : { replicas: r.spec.replicas ?? 1 };
      if (!want) continue;
      const next = deepClone(r);
      next.status = {
        replicas: want.replicas,
        fullyLabeledReplicas: want.replicas,
        readyReplicas: want.readyReplicas ?? want.replicas,
        availableReplicas: want.availableReplicas ?? want.readyReplicas ?? want.replicas,
        observedGeneration: r.metadata.generation,
      };
      this.api.updateStatus(next);
    }
  }

  /** Events recorded about `name`, as `Type Reason Message`, oldest first. */
  events(name = 'nginx'): string[] {
    return this.api
      .list('Event')
      .filter((e) => e.involvedObject?.name === name)
      .map((e) => `${e.type} ${e.reason} ${e.message}`);
  }
}

/** A Deployment as a user would apply it (API defaults written out, since this ApiServer has no strategies). */
export function nginxDeployment(o: { name?: string; replicas?: number; image?: string; strategy?: 'RollingUpdate' | 'Recreate'; maxSurge?: IntOrString; maxUnavailable?: IntOrString } = {}): Deployment {
  const name = o.name ?? 'nginx';
  const strategy = o.strategy ?? 'RollingUpdate';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      strategy: strategy === 'RollingUpdate' ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } } : { type: 'Recreate' },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1.14.2' }] } },
    },
  };
}
