// A simulated cluster: the API server, the controllers, a simulated clock and a seeded random
// source, wired together. `settle()` runs the controllers' work queues until nothing is left to do,
// moving the clock forward only to timers the cluster needs to reach a steady state.
import { ApiServer } from '../apiserver/apiserver';
import { defaultStrategies } from '../apiserver/registry';
import type { KubeObject } from '../apiserver/types';
import type { Controller } from '../controllers/controller';
import { defaultControllers } from '../controllers';
import { defaultServiceAccount, rootCAConfigMap } from '../controllers/serviceaccount';
import { kubernetesEndpointSlice, kubernetesEndpoints, kubernetesService } from '../controllers/controlplane';
import { Clock } from '../util/clock';
import { Random } from '../util/random';
import { defaultConfig, type ClusterConfig, type ClusterOptions } from './config';
import { EventRecorder } from './events';
import { createKubeadmObjects } from './kubeadm';
import { asJson, loadBootSnapshot, type PreparedBoot } from './boot-snapshot';
import { nodeIp, nodeObject } from './nodes';
import { WorkQueue, type DelayOptions } from './workqueue';
import type { KubeCluster } from './backend';

export interface SettleOptions {
  /** Called after every reconcile and every clock move: each intermediate state (for `throughout`). */
  onState?: () => void;
  /** Upper bound on reconciles in this settle (default: limits.maxReconciles). */
  maxReconciles?: number;
  /** Upper bound on simulated time this settle may move the clock, in ms (default 1 hour). */
  maxSimulatedMs?: number;
}

/** The cluster did not reach a steady state within the bounds. */
export class SettleError extends Error {
  constructor(
    message: string,
    readonly reconciles: number,
    /** The controllers that still had work, with the keys at the head of their queues. */
    readonly busy: string[],
  ) {
    super(message);
    this.name = 'SettleError';
  }
}

interface Timer {
  at: number;
  seq: number;
  queue: WorkQueue;
  key: string;
  settle: boolean;
}

/** The boot objects as create() returned them, per (nodes, limits, boot instant): see Cluster.bootstrap. */
const BOOT_OBJECTS = new Map<string, PreparedBoot>();

/** What Cluster.bootstrap's prepared objects depend on: the nodes, the limits and the boot instant. */
export function bootKey(config: ClusterConfig, now: string): string {
  return JSON.stringify([config.nodes, config.limits, now]);
}

/**
 * The boot objects as a fresh server's create() returns them (see Cluster.bootstrap): bootInputs'
 * objects, then the kubeadm system objects as they stand once the cluster is up, in creation order.
 * Throws what create() throws for a configuration that cannot boot.
 */
export function prepareBoot(config: ClusterConfig, nowMs: number): PreparedBoot {
  const clock = new Clock(nowMs);
  const scratch = new ApiServer(clock, new Random(0), defaultStrategies(), config.limits);
  const base = bootInputs(config, clock.timestamp()).map((o) => scratch.create(o));
  const created: KubeObject[] = [];
  const stop = scratch.watch('*', (ev) => {
    if (ev.type === 'ADDED' && ev.object.kind !== 'Event') created.push(ev.object);
  });
  createKubeadmObjects(scratch, clock, config);
  stop();
  // Each as it stands at the end (status posted, annotations set), in creation order.
  const system: KubeObject[] = [];
  for (const o of created) {
    const latest = scratch.get(o.kind, o.metadata.name!, o.metadata.namespace);
    if (latest && latest.metadata.uid === o.metadata.uid) system.push(latest);
  }
  // As JSON holds them (no keys left undefined by updates), so that the build-time snapshot
  // (boot-snapshot.ts) and this are the same objects.
  return asJson({ base, system });
}

/** What a cluster creates at boot, in order. */
export function bootInputs(config: ClusterConfig, now: string): KubeObject[] {
  const out: KubeObject[] = [];
  const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
  for (const ns of namespaces) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  // What the serviceaccount controller and the root-ca-cert-publisher have made by the time a
  // cluster is handed over: each namespace's `default` ServiceAccount and kube-root-ca.crt.
  for (const ns of namespaces) out.push(defaultServiceAccount(ns), rootCAConfigMap(ns));
  config.nodes.forEach((n, i) => out.push(nodeObject(n, i, now)));
  // The API server's own Service, its Endpoints and EndpointSlice (the control plane's reconcilers).
  // kubeadm advertises the control-plane node's address.
  const cp = Math.max(0, config.nodes.findIndex((n) => n.controlPlane));
  const address = config.nodes[cp]?.ip ?? nodeIp(cp);
  out.push(kubernetesService(), kubernetesEndpoints(address), kubernetesEndpointSlice(address));
  return out;
}

/** How a cluster starts when it is not a spec's fresh, simulated one (kubespec serve). */
export interface ClusterStart {
  /** The clock's first instant (ms since the Unix epoch); default EPOCH_MS (2024-01-01T00:00:00Z). */
  startMs?: number;
  /**
   * Objects kept from an earlier run (serve --data), stored as they were instead of the boot
   * objects, with the resourceVersion counter where it stood; the controllers then start over them
   * as over any existing state (they list what exists when they start).
   */
  restore?: { objects: KubeObject[]; resourceVersion: number };
}

const DEFAULT_MAX_RECONCILES = 2_000_000;
const DEFAULT_MAX_SIMULATED_MS = 3_600_000;

export class Cluster implements KubeCluster {
  readonly backend = 'embedded' as const;
  readonly api: ApiServer;
  readonly clock: Clock;
  readonly rng: Random;
  readonly config: ClusterConfig;
  readonly recorder: EventRecorder;
  private readonly controllers: { controller: Controller; queue: WorkQueue }[] = [];
  private timers: Timer[] = [];
  /** Keys waiting for the cluster to be idle at the current instant (WorkQueue.addWhenIdle), in order. */
  private idle: { queue: WorkQueue; key: string }[] = [];
  private timerSeq = 0;
  /** Total reconciles run since the cluster started (for benchmarks and bounds). */
  reconciles = 0;

  constructor(config: ClusterOptions = {}, controllers: Controller[] = defaultControllers(), start: ClusterStart = {}) {
    this.config = defaultConfig(config);
    this.clock = new Clock(start.startMs);
    this.rng = new Random(this.config.seed);
    this.api = new ApiServer(this.clock, this.rng, defaultStrategies(), this.config.limits);
    this.recorder = new EventRecorder(this.api, this.clock, this.config.recordEvents);
    if (start.restore) this.api.restore(start.restore.objects, start.restore.resourceVersion);
    else this.bootstrap();
    this.api.separateSystemUids();
    for (const controller of controllers) {
      const queue = new WorkQueue(
        controller.name,
        (q, key, delay, opts) => this.addTimer(q, key, delay, opts),
        (q, key) => this.idle.push({ queue: q, key }),
      );
      this.controllers.push({ controller, queue });
      controller.start({
        api: this.api,
        clock: this.clock,
        rng: this.rng.fork(`controller:${controller.name}`),
        queue,
        recorder: this.recorder,
        config: this.config,
      });
    }
  }

  /**
   * Namespaces (with their default ServiceAccount and kube-root-ca.crt), nodes and the
   * `kubernetes` Service with its Endpoints and EndpointSlice (the API server's address, port
   * 6443) every cluster has, then the kubeadm cluster's system objects (kubeadm.ts: control-plane
   * static pods, kube-proxy and flannel DaemonSets and pods, coredns and kube-dns). Their full
   * create() (decode, defaults, allocation, validation) depends only on the node configuration,
   * the boot instant and the limits, never on the seed: it runs once per such configuration on a
   * scratch ApiServer, and every cluster stores the results with its own resourceVersions
   * (createPrepared), the same objects in the same order as creating them here would give. The
   * first group draws its uids from the cluster's stream as before; the system objects keep the
   * scratch server's (fixed) uids and draw nothing, so that user objects' uids, names and IPs are
   * what they were without them. A configuration whose boot fails (say, two nodes with one name)
   * takes the full path, which fails with the same error.
   */
  private bootstrap(): void {
    const now = this.clock.timestamp();
    const key = bootKey(this.config, now);
    let prepared = BOOT_OBJECTS.get(key) ?? loadBootSnapshot(key);
    if (!prepared) {
      try {
        prepared = prepareBoot(this.config, this.clock.now());
      } catch {
        for (const o of bootInputs(this.config, now)) this.api.create(o);
        return;
      }
    }
    if (!BOOT_OBJECTS.has(key)) {
      if (BOOT_OBJECTS.size >= 64) BOOT_OBJECTS.clear();
      BOOT_OBJECTS.set(key, prepared);
    }
    const uids = new Map<string, string>();
    for (let i = 0; i < prepared.base.length; i++) uids.set(prepared.base[i].metadata.uid!, this.api.createPrepared(prepared.base[i]).metadata.uid!);
    const keep = { uids };
    for (let i = 0; i < prepared.system.length; i++) this.api.createPrepared(prepared.system[i], keep);
  }

  /** Whether any controller has work queued now. */
  get busy(): boolean {
    return this.idle.length > 0 || this.controllers.some((c) => c.queue.length > 0);
  }

  /** Timers still pending: [{at, controller, key, settle}], soonest first. */
  pendingTimers(): { at: number; controller: string; key: string; settle: boolean }[] {
    return this.timers.map((t) => ({ at: t.at, controller: t.queue.name, key: t.key, settle: t.settle }));
  }

  /**
   * Run controllers until their queues are empty, then move the clock to the next timer that the
   * cluster needs (settle: true) and go on, until none is left. Throws SettleError past the bounds.
   */
  settle(opts: SettleOptions = {}): void {
    const maxReconciles = opts.maxReconciles ?? DEFAULT_MAX_RECONCILES;
    const deadline = this.clock.now() + (opts.maxSimulatedMs ?? DEFAULT_MAX_SIMULATED_MS);
    const budget = { left: maxReconciles };
    for (;;) {
      this.drain(budget, opts.onState);
      const next = this.timers.find((t) => t.settle);
      if (!next) return;
      if (next.at > deadline) {
        throw new SettleError(
          `the cluster did not settle within ${Math.round((opts.maxSimulatedMs ?? DEFAULT_MAX_SIMULATED_MS) / 1000)}s of simulated time (still waiting on ${next.queue.name} for ${next.key})`,
          maxReconciles - budget.left,
          [`${next.queue.name}: ${next.key}`],
        );
      }
      this.advance(next.at, opts.onState);
    }
  }

  /** Move the clock forward by `ms`, letting everything due in that window happen, then settle. */
  wait(ms: number, opts: SettleOptions = {}): void {
    const target = this.clock.now() + ms;
    const budget = { left: opts.maxReconciles ?? DEFAULT_MAX_RECONCILES };
    for (;;) {
      this.drain(budget, opts.onState);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.advance(next.at, opts.onState);
    }
    this.advance(target, opts.onState);
    this.settle(opts);
  }

  /** When the soonest timer falls due (ms of simulated time), if any. */
  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }

  /**
   * Live mode (kubespec serve, where the clock follows the wall clock): run the controllers and
   * fire every timer due up to `target`, whether a settle would wait for it or not, then move the
   * clock to `target`. At most `maxReconciles` reconciles: returns true when it stopped on that
   * bound with work still queued (the caller yields to requests and calls again), false when the
   * cluster has nothing more to do before `target`.
   */
  runUntil(target: number, maxReconciles: number): boolean {
    const budget = { left: maxReconciles };
    for (;;) {
      if (!this.drain(budget, undefined, false)) return true;
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.advance(next.at);
    }
    this.clock.advanceTo(target);
    return false;
  }

  private advance(to: number, onState?: () => void): void {
    this.clock.advanceTo(to);
    const now = this.clock.now();
    let fired = 0;
    while (fired < this.timers.length && this.timers[fired].at <= now) fired++;
    const due = this.timers.splice(0, fired);
    for (const t of due) t.queue.add(t.key);
    onState?.();
  }

  /**
   * Run the controllers in turn until every queue is empty. Each turn, a controller works through
   * the keys queued when its turn began (keys added meanwhile wait for its next turn, so no
   * controller starves the others). This is the coalescing upstream gets from informer latency and
   * work-queue de-duplication: a burst of pod changes wakes a ReplicaSet once, not once per pod.
   */
  private drain(budget: { left: number }, onState?: () => void, throwOnBudget = true): boolean {
    for (;;) {
      let worked = false;
      for (const { controller, queue } of this.controllers) {
        for (let n = queue.length; n > 0; n--) {
          // Live mode's slice is over: the rest stays queued for the next call.
          if (!throwOnBudget && budget.left <= 0) return false;
          const key = queue.pop();
          if (key === undefined) break;
          worked = true;
          if (--budget.left < 0) {
            // The key just popped counts as queued: its controller is the one still busy.
            const busy = this.controllers
              .map((c) => ({ c, n: c.queue.length + (c.controller === controller ? 1 : 0) }))
              .filter(({ n }) => n > 0)
              .map(({ c, n }) => `${c.controller.name} (${n} queued)`);
            throw new SettleError(`the cluster did not settle: more than ${this.reconciles} reconciles without reaching a steady state`, this.reconciles, busy);
          }
          this.reconciles++;
          controller.reconcile(key);
          onState?.();
        }
      }
      if (worked) continue;
      if (!this.idle.length) return true;
      // Every queue is empty at this instant: hand out the work that waited for that.
      for (const { queue, key } of this.idle.splice(0)) queue.add(key);
    }
  }

  private addTimer(queue: WorkQueue, key: string, delayMs: number, opts: DelayOptions): void {
    const t: Timer = { at: this.clock.now() + delayMs, seq: ++this.timerSeq, queue, key, settle: opts.settle ?? true };
    // Keep timers sorted by (at, seq): binary search for the insertion point.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.timers[mid];
      if (m.at < t.at || (m.at === t.at && m.seq < t.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, t);
  }
}
