// The kubelets of every node, as one controller: for each pod bound to a Ready node it creates the
// sandbox (pod IP from the node's podCIDR), pulls images (per-node image cache, pull policy,
// back-off on failure), starts containers in order (init containers first, to completion), runs
// their startup, liveness and readiness probes (probes.ts), restarts the containers that exit,
// and on deletion stops the containers and removes the pod. It also posts the
// node's status when the node comes back. A node that is not Ready has no kubelet: its pods are
// left exactly as they are.
//
// What a container's process does follows from its image and command (programs.ts): servers run
// until stopped, `sh -c "...; exit 1"` exits 1, `sleep 30` exits 0 after 30 s. An exited container
// is restarted as restartPolicy says (kuberuntime_manager.go computePodActions,
// ShouldContainerBeRestarted), with the crash-loop back-off of doBackOff (flowcontrol.Backoff: 10 s
// doubling to 5 min, forgotten once a run lasted 10 min); a pod whose containers are all done for
// good is Succeeded or Failed (getPhase).
//
// Events and messages follow pkg/kubelet/images/image_manager.go, kuberuntime_container.go,
// kuberuntime_manager.go and pkg/kubelet/events; timing follows ClusterConfig.timing. Timers that
// bring a pod to a steady state (pulled, started, ready, stopped, the sync after an exit) are
// settle timers; what takes a program's own time (a `sleep` ending), back-off retries (image pull,
// crash loop) and repeated failing probes only fire when a user waits, so settling ends.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import type { ClusterConfig } from '../../cluster/config';
import type { EventRecorder } from '../../cluster/events';
import type { WorkQueue } from '../../cluster/workqueue';
import { imageMatches, imageProcess, imageSize, invalidImageMessage, isMissingLibraryImage, normalizedImage, parseNormalizedNamed } from '../../images';
import { deepClone } from '../../util/clone';
import type { Clock } from '../../util/clock';
import type { Random } from '../../util/random';
import { objectKey, splitKey, type Controller, type ControllerContext } from '../controller';
import { IpRange } from './ipam';
import { containerStarted, isReady, isStarted, newProbeState, nextProbeEffect, runProbes, type ProbeKind, type ProbeSpec, type ProbeTarget } from './probes';
import { generatePodStatus, runtimeSignature, type ContainerRuntime, type PodRuntime } from './runtime';
import { parseTime } from '../../util/clock';
import { containerOutcome } from './programs';
import { containerCreateFailure, type CreateFailure } from './create';
import { waitForMounts } from './config-refs';
import { PodsByNode } from '../util/podsbynode';

/** flowcontrol.Backoff for image pulls (kubelet.go: backOffPeriod 10 s, MaxContainerBackOff 300 s). */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;
/** After a failed pull, the kubelet's next sync reports ImagePullBackOff (the pod worker's resync). */
export const BACKOFF_REPORT_DELAY_MS = 1_000;
/**
 * Crash-loop back-off (kubelet.go: backOffPeriod 10 s, MaxContainerBackOff 300 s; the
 * KubeletCrashLoopBackOffMax and ReduceDefaultCrashLoopBackOffDecay gates are off in 1.32).
 * flowcontrol.Backoff forgets an entry not updated for twice the maximum (hasExpired): a container
 * that ran 10 min starts over at 10 s.
 */
export const CRASH_BACKOFF_INITIAL_MS = 10_000;
export const CRASH_BACKOFF_MAX_MS = 300_000;
/** After a container exits, the kubelet's next sync (PLEG relist, 1 s) restarts it or backs off. */
export const EXIT_SYNC_DELAY_MS = 1_000;
/** How far ahead the kubelet looks for a probe that will change something (a day of simulated time). */
const PROBE_HORIZON_MS = 86_400_000;
/** A container that could not be created is tried again on a later sync (the pod worker's back-off). */
export const CREATE_RETRY_MS = 10_000;
/** Queue keys for a node's status post: `node:<name>` (pod keys are always `namespace/name`). */
const NODE_KEY = 'node:';

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  /** `Always` on an init container: a sidecar. */
  restartPolicy?: string;
  command?: string[];
  args?: string[];
  stdin?: boolean;
  volumeMounts?: { mountPath: string }[];
  startupProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  ports?: { containerPort: number; name?: string; protocol?: string }[];
}

/** format.Pod: `name_namespace(uid)`, as the kubelet names a pod in messages. */
function formatPod(pod: KubeObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})`;
}

/**
 * ShouldContainerBeRestarted (pkg/kubelet/container/helpers.go) for an exited container: never
 * under Never, only after a failure under OnFailure, always under Always. An init container that
 * succeeded is done; one that failed is run again unless the policy is Never.
 */
export function shouldRestart(restartPolicy: string, init: boolean, exitCode: number): boolean {
  if (restartPolicy === 'Never') return false;
  if (init || restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

export function isNodeReady(node: KubeObject | undefined): boolean {
  return (node?.status?.conditions as { type: string; status: string }[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function internalIP(node: KubeObject): string {
  return ((node.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** SetDefaults_Container: an image without tag (or tagged latest) is pulled Always. */
export function pullPolicy(c: ContainerSpec): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  try {
    const ref = parseNormalizedNamed(c.image);
    if (ref.digest && !ref.tag) return 'IfNotPresent';
    return !ref.tag || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
  } catch {
    return 'IfNotPresent';
  }
}

/** Go's time.Duration.String() for whole milliseconds: `2s`, `1.5s`, `500ms`, `1m30s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private api!: ApiServer;
  private clock!: Clock;
  private rng!: Random;
  private queue!: WorkQueue;
  private recorder!: EventRecorder;
  private config!: ClusterConfig;
  private readonly runtimes = new Map<string, PodRuntime>();
  private readonly pods = new PodsByNode();
  private readonly ranges = new Map<string, IpRange>();
  /** node → normalised image → when it is (or will be) present on the node. */
  private readonly images = new Map<string, Map<string, number>>();
  private readonly ready = new Map<string, boolean>();
  /** Pods whose sandbox could not get an IP, by node: retried when an IP is released. */
  private readonly waitingForIp = new Map<string, Set<string>>();
  private readonly timers = new Map<string, { settle?: number; wait?: number }>();

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.rng = ctx.rng;
    this.queue = ctx.queue;
    this.recorder = ctx.recorder;
    this.config = ctx.config;
    for (const n of ctx.api.list('Node')) this.onNode({ type: 'ADDED', object: n });
    for (const p of ctx.api.list('Pod')) if (!this.adoptAtStart(p)) this.onPod({ type: 'ADDED', object: p });
    ctx.api.watch('Node', (ev) => this.onNode(ev));
    ctx.api.watch('Pod', (ev) => this.onPod(ev));
  }

  // ---- watches -----------------------------------------------------------------------------

  private onNode(ev: WatchEvent): void {
    const name = ev.object.metadata.name!;
    if (ev.type === 'DELETED') {
      this.ready.delete(name);
      return;
    }
    const node = ev.object;
    const cidr = node.spec?.podCIDR as string | undefined;
    if (cidr && this.ranges.get(name)?.cidr !== cidr) this.ranges.set(name, new IpRange(cidr));
    const wasReady = this.ready.get(name);
    const ready = isNodeReady(node);
    this.ready.set(name, ready);
    if (!ready) return;
    if (needsStatusPost(node)) this.queue.add(NODE_KEY + name);
    // The kubelet is back: it syncs every pod bound to its node.
    if (wasReady === false) for (const key of this.pods.on(name)) this.queue.add(key);
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object;
    const old = ev.oldObject;
    // Most pod events are status writes (ours among them): same pod, same node, same deletion
    // state. They change neither the node index (it already holds the old version's node) nor
    // anything the kubelet acts on (the test further down), so they cost nothing here.
    if (ev.type === 'MODIFIED' && old && old.metadata.uid === pod.metadata.uid && old.spec?.nodeName === pod.spec?.nodeName && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp) return;
    const key = objectKey(pod);
    const node = ev.type === 'DELETED' ? undefined : (pod.spec?.nodeName as string | undefined);
    this.pods.set(key, node);
    if (ev.type === 'DELETED') {
      const rt = this.runtimes.get(key);
      if (rt && rt.uid === pod.metadata.uid) this.forget(key, rt);
      return;
    }
    if (!node) return;
    // Status writes (ours among them) come back as MODIFIED events: what the kubelet acts on is a
    // pod bound to its node and the deletion of one. (Changing a running container's image, which
    // a real kubelet answers with a restart, is not simulated.)
    if (ev.type === 'ADDED' || !old || old.metadata.uid !== pod.metadata.uid || old.spec?.nodeName !== node || old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp) {
      this.queue.add(key);
    }
  }

  // ---- reconcile ---------------------------------------------------------------------------

  reconcile(key: string): void {
    if (key.startsWith(NODE_KEY)) return this.postNodeStatus(key.slice(NODE_KEY.length));
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('Pod', name, namespace);
    let rt = this.runtimes.get(key);
    if (rt && (!pod || rt.uid !== pod.metadata.uid)) {
      this.forget(key, rt);
      rt = undefined;
    }
    if (!pod) return;
    const nodeName = pod.spec?.nodeName as string | undefined;
    if (!nodeName) return;
    // A NotReady node's kubelet is down: nothing happens to its pods until it comes back. (The
    // watch keeps `ready` for every node that exists, as isNodeReady of its latest version.)
    if (!this.ready.get(nodeName)) return;
    const now = this.clock.now();
    if (!rt) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      const node = this.api.get('Node', nodeName);
      if (!node) return;
      // Found running (the kubeadm system pods at boot, pods kept by serve --data): carry on.
      if (!pod.metadata.deletionTimestamp && this.adopt(key, pod, node, now)) return;
      rt = this.admit(key, pod, node, now);
      // syncPod posts the pod's status before it starts pulling (ContainerCreating).
      if (!pod.metadata.deletionTimestamp) this.writeStatus(pod, rt, now);
    }
    if (pod.metadata.deletionTimestamp) {
      if (this.terminate(key, pod, rt, now)) return;
    } else {
      this.advance(pod, rt, now);
    }
    this.writeStatus(pod, rt, now);
    this.scheduleTimers(key, pod, rt, now);
  }

  /** HandlePodAdditions → SyncPod's first steps: the pod's record, its sandbox and IP. */
  private admit(key: string, pod: KubeObject, node: KubeObject, now: number): PodRuntime {
    const containers: ContainerRuntime[] = [
      ...((pod.spec?.initContainers ?? []) as ContainerSpec[]).map((c) => ({ name: c.name, image: c.image, init: true, sidecar: c.restartPolicy === 'Always', stage: 'waiting' as const })),
      ...((pod.spec?.containers ?? []) as ContainerSpec[]).map((c) => ({ name: c.name, image: c.image, init: false, stage: 'waiting' as const })),
    ];
    const rt: PodRuntime = { uid: pod.metadata.uid!, node: node.metadata.name!, admittedAt: now, hostIP: internalIP(node), containers };
    this.runtimes.set(key, rt);
    this.createSandbox(key, pod, rt);
    return rt;
  }

  /**
   * A pod whose status says it is running (phase Running, every app container running with a
   * container id, every init container done) and that this kubelet knows nothing of: what a
   * restarted kubelet does with the containers it finds (the runtime's view is rebuilt from them,
   * kuberuntime_manager.go GetPods; nothing is pulled, started or reported again). Its IP stays
   * taken in the node's range. Returns false for any other pod.
   */
  private adopt(key: string, pod: KubeObject, node: KubeObject, now: number): boolean {
    const status = pod.status;
    if (status?.phase !== 'Running' || !status.podIP) return false;
    type Status = { name: string; containerID?: string; ready?: boolean; started?: boolean; restartCount?: number; state?: { running?: { startedAt?: string }; terminated?: { exitCode?: number; reason?: string; startedAt?: string; finishedAt?: string } } };
    const byName = (list: unknown) => new Map(((list ?? []) as Status[]).map((s) => [s.name, s]));
    const inits = byName(status.initContainerStatuses);
    const apps = byName(status.containerStatuses);
    const containers: ContainerRuntime[] = [];
    for (const c of (pod.spec?.initContainers ?? []) as ContainerSpec[]) {
      const t = inits.get(c.name)?.state?.terminated;
      if (!t || t.exitCode !== 0 || c.restartPolicy === 'Always') return false;
      const finished = parseTime(t.finishedAt);
      containers.push({ name: c.name, image: c.image, init: true, stage: 'exited', containerID: inits.get(c.name)!.containerID, startedAt: t.startedAt ? parseTime(t.startedAt) : finished, finishedAt: finished, exitCode: 0, terminatedReason: t.reason ?? 'Completed' });
    }
    for (const c of (pod.spec?.containers ?? []) as ContainerSpec[]) {
      const s = apps.get(c.name);
      const started = s?.state?.running?.startedAt;
      if (!s?.containerID || started === undefined) return false;
      const at = parseTime(started);
      containers.push({ name: c.name, image: c.image, init: false, stage: 'running', containerID: s.containerID, startedAt: at, readyAt: s.ready ? at : undefined, started: s.started !== false, restartCount: s.restartCount || undefined });
    }
    const rt: PodRuntime = { uid: pod.metadata.uid!, node: node.metadata.name!, admittedAt: status.startTime ? parseTime(status.startTime) : now, hostIP: internalIP(node), ip: status.podIP, containers };
    if (pod.spec?.hostNetwork) rt.ipReleased = true;
    else this.ranges.get(rt.node)?.reserve(status.podIP);
    rt.written = { signature: runtimeSignature(rt, now), status };
    this.runtimes.set(key, rt);
    return true;
  }

  /** A pod found running on a Ready node when the kubelet starts: adopted there and then (no sync queued). */
  private adoptAtStart(pod: KubeObject): boolean {
    const nodeName = pod.spec?.nodeName as string | undefined;
    if (!nodeName || pod.metadata.deletionTimestamp || !this.ready.get(nodeName)) return false;
    const node = this.api.get('Node', nodeName);
    const key = objectKey(pod);
    if (!node || !this.adopt(key, pod, node, this.clock.now())) return false;
    this.pods.set(key, nodeName);
    return true;
  }

  private createSandbox(key: string, pod: KubeObject, rt: PodRuntime): void {
    if (pod.spec?.hostNetwork) {
      // A pod on the host's network namespace has the node's address and takes none from its range.
      rt.ip = rt.hostIP;
      rt.ipReleased = true;
      this.waitingForIp.get(rt.node)?.delete(key);
      return;
    }
    const range = this.ranges.get(rt.node);
    const ip = range?.allocate();
    if (ip) {
      rt.ip = ip;
      this.waitingForIp.get(rt.node)?.delete(key);
      return;
    }
    let set = this.waitingForIp.get(rt.node);
    if (!set) this.waitingForIp.set(rt.node, (set = new Set()));
    if (set.has(key)) return;
    set.add(key);
    const why = range ? `failed to allocate for range 0: no IP addresses available in range set: ${range.description}` : 'node has no podCIDR';
    this.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="flannel" failed (add): failed to delegate add: ${why}`);
  }

  private forget(key: string, rt: PodRuntime): void {
    this.runtimes.delete(key);
    this.timers.delete(key);
    this.waitingForIp.get(rt.node)?.delete(key);
    if (rt.ip && !rt.ipReleased) {
      this.ranges.get(rt.node)?.release(rt.ip);
      for (const k of this.waitingForIp.get(rt.node) ?? []) this.queue.add(k);
    }
  }

  /** SyncPod: init containers one at a time to completion, then the app containers in order. */
  private advance(pod: KubeObject, rt: PodRuntime, now: number): void {
    if (!rt.ip) {
      this.createSandbox(objectKey(pod), pod, rt);
      if (!rt.ip) return;
    }
    if (rt.stopped) return;
    // WaitForAttachAndMount: ConfigMap and Secret volumes that cannot be set up (config-refs.ts).
    // Differs from Kubernetes: SyncPod waits for the volumes before it creates the sandbox, so a pod
    // stuck on a mount has no IP yet; here the sandbox (and its pod IP) come first.
    const read = (kind: 'ConfigMap' | 'Secret', ns: string, name: string) => this.api.get(kind, name, ns);
    if (waitForMounts(pod, rt, now, { read, warn: (reason, message) => this.event(pod, 'Warning', reason, message), retryAfter: (ms) => this.queue.addAfter(objectKey(pod), ms, { settle: false }) })) return;
    const policy = restartPolicyOf(pod);
    for (const c of rt.containers) {
      if (!c.init) break;
      this.step(pod, rt, c, now);
      // A sidecar (restartable init container) lets the next one start once it has started;
      // its restarts do not hold the pod back.
      if (c.sidecar && (c.stage === 'running' || c.stage === 'stopping' || c.restartCount || c.finishedAt !== undefined)) continue;
      if (c.stage === 'exited' && c.exitCode === 0) continue;
      // An init container failed under restartPolicy Never: the pod has failed.
      if (c.stage === 'exited' && !shouldRestart(policy, true, c.exitCode ?? 0)) this.complete(rt);
      return;
    }
    let done = true;
    for (const c of rt.containers) {
      if (c.init) continue;
      this.step(pod, rt, c, now);
      if (c.stage !== 'exited' || shouldRestart(policy, false, c.exitCode ?? 0)) done = false;
      // EnsureImageExists and the container start are synchronous: the next container waits.
      if (c.stage === 'pulling' || c.stage === 'creating') return;
    }
    // Every container has ended and none is to be restarted: the pod is Succeeded or Failed.
    if (done) this.complete(rt);
  }

  /** The pod is terminal: its sandbox is stopped and its IP goes back to the node's range. */
  private complete(rt: PodRuntime): void {
    rt.stopped = true;
    if (rt.ip && !rt.ipReleased) {
      rt.ipReleased = true;
      this.ranges.get(rt.node)?.release(rt.ip);
      for (const k of this.waitingForIp.get(rt.node) ?? []) this.queue.add(k);
    }
  }

  /** Move one container along as far as `now` allows. */
  private step(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, now: number): void {
    const spec = this.containerSpec(pod, c);
    for (let guard = 0; guard < 8; guard++) {
      switch (c.stage) {
        case 'waiting':
          this.ensureImage(pod, rt, c, spec, now);
          if (c.stage === 'waiting') return;
          continue;
        case 'pulling': {
          if (c.pullDoneAt! > now) return;
          const took = goDuration(c.pullDoneAt! - c.pullStartedAt!);
          this.event(pod, 'Normal', 'Pulled', `Successfully pulled image ${JSON.stringify(c.image)} in ${took} (${took} including waiting). Image size: ${imageSize(c.image)} bytes.`, c);
          c.stage = 'creating';
          c.runningAt = c.pullDoneAt! + this.config.timing.containerStartMs;
          continue;
        }
        case 'creating': {
          if (c.runningAt! > now) return;
          const failure = this.canCreate(pod, spec);
          if (failure) {
            c.stage = 'createFailed';
            c.waitingReason = failure.reason;
            c.waitingMessage = failure.message;
            c.retryAt = now + CREATE_RETRY_MS;
            this.event(pod, 'Warning', 'Failed', `Error: ${failure.message}`, c);
            return;
          }
          this.startContainer(pod, rt, c, spec);
          continue;
        }
        case 'createFailed':
          if (c.retryAt! > now) return;
          c.stage = 'creating';
          c.runningAt = now;
          continue;
        case 'running':
          // The probes due before the program's own end, in time order; a failed liveness or
          // startup probe kills the container.
          if (c.probes && (!c.init || c.sidecar) && this.probe(pod, rt, c, spec, Math.min(now, c.exitAt ?? Infinity))) continue;
          if (c.exitAt !== undefined && c.exitAt <= now) {
            this.exited(c, c.exitAt, c.exitCodeAt ?? 0);
            continue;
          }
          return;
        case 'stopping':
          if (c.stopDoneAt! > now) return;
          this.exited(c, c.stopDoneAt!, c.stopExitCode ?? 137);
          // computePodActions kills and starts again in one sync.
          c.probeKilled = true;
          c.syncAt = c.finishedAt;
          continue;
        case 'exited': {
          // The sync after the exit (computePodActions): restart, unless the policy says no or
          // the container is in its crash-loop back-off (doBackOff).
          if (!shouldRestart(c.sidecar ? 'Always' : restartPolicyOf(pod), c.init && !c.sidecar, c.exitCode ?? 0)) return;
          if (c.syncAt! > now) return;
          // doBackOff looks at the latest exited run the sync saw: after a probe kill that is
          // the run before (the pod status was taken before the kill), if any.
          const ts = c.probeKilled ? c.last?.finishedAt : c.finishedAt;
          if (ts !== undefined && this.inCrashBackOff(c, ts, now)) {
            const msg = `back-off ${goDuration(c.crashBackoffMs!)} restarting failed container=${c.name} pod=${formatPod(pod)}`;
            c.stage = 'crashBackOff';
            c.waitingReason = 'CrashLoopBackOff';
            c.waitingMessage = msg;
            c.restartAt = ts + c.crashBackoffMs!;
            c.probeKilled = false;
            // Deviation: recorded once per back-off. A real kubelet records it again at each sync
            // during the back-off (the pod worker retries every 10-15 s), so its count grows faster.
            this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`, c);
            return;
          }
          if (ts !== undefined) this.crashBackOffNext(c, ts, now);
          c.probeKilled = false;
          // Started again from EnsureImageExists: pulled again under pull policy Always.
          c.stage = 'waiting';
          continue;
        }
        case 'crashBackOff':
          if (c.restartAt! > now) return;
          c.stage = 'exited';
          c.syncAt = now;
          continue;
        case 'pullFailed':
          if (c.backOffAt !== undefined && c.backOffAt <= now) {
            // image_manager.go: still in back-off → ErrImagePullBackOff, "Back-off pulling image".
            const msg = `Back-off pulling image ${JSON.stringify(c.image)}`;
            c.waitingReason = 'ImagePullBackOff';
            c.waitingMessage = msg;
            c.backOffAt = undefined;
            this.event(pod, 'Normal', 'BackOff', msg, c);
            this.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
          }
          if (c.retryAt! > now) return;
          c.stage = 'waiting';
          continue;
        default:
          return;
      }
    }
  }

  private containerSpec(pod: KubeObject, c: ContainerRuntime): ContainerSpec {
    const list = (c.init ? pod.spec?.initContainers : pod.spec?.containers) as ContainerSpec[] | undefined;
    return list?.find((s) => s.name === c.name) ?? { name: c.name, image: c.image };
  }

  /** EnsureImageExists (pkg/kubelet/images/image_manager.go). */
  private ensureImage(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, spec: ContainerSpec, now: number): void {
    const quoted = JSON.stringify(c.image);
    const invalid = invalidImageMessage(c.image);
    if (invalid) {
      c.stage = 'invalidImage';
      c.waitingReason = 'InvalidImageName';
      c.waitingMessage = invalid;
      this.event(pod, 'Warning', 'InspectFailed', invalid, c);
      this.event(pod, 'Warning', 'Failed', 'Error: InvalidImageName', c);
      return;
    }
    const ref = normalizedImage(c.image);
    let store = this.images.get(rt.node);
    if (!store) this.images.set(rt.node, (store = new Map()));
    const presentAt = store.get(ref);
    const present = presentAt !== undefined && presentAt <= now;
    const policy = pullPolicy(spec);
    if (policy === 'Never' && !present) {
      const msg = `Container image ${quoted} is not present with pull policy of Never`;
      c.stage = 'neverPull';
      c.waitingReason = 'ErrImageNeverPull';
      c.waitingMessage = msg;
      this.event(pod, 'Warning', 'ErrImageNeverPull', msg, c);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c);
      return;
    }
    if (present && policy !== 'Always') {
      this.event(pod, 'Normal', 'Pulled', `Container image ${quoted} already present on machine`, c);
      c.stage = 'creating';
      c.runningAt = now + this.config.timing.containerStartMs;
      return;
    }
    this.event(pod, 'Normal', 'Pulling', `Pulling image ${quoted}`, c);
    const err = this.pullError(c.image, ref);
    if (err) {
      this.event(pod, 'Warning', 'Failed', `Failed to pull image ${quoted}: ${err}`, c);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', c);
      c.stage = 'pullFailed';
      c.waitingReason = 'ErrImagePull';
      c.waitingMessage = err;
      c.backoffMs = c.backoffMs === undefined ? IMAGE_BACKOFF_INITIAL_MS : Math.min(c.backoffMs * 2, IMAGE_BACKOFF_MAX_MS);
      c.retryAt = now + c.backoffMs;
      c.backOffAt = now + BACKOFF_REPORT_DELAY_MS;
      return;
    }
    // Pulls of one image on one node complete together (containerd shares the content fetch).
    const doneAt = presentAt !== undefined && presentAt > now ? presentAt : now + this.config.timing.imagePullMs;
    if (presentAt === undefined) store.set(ref, doneAt);
    c.stage = 'pulling';
    c.pullStartedAt = now;
    c.pullDoneAt = doneAt;
  }

  /**
   * Why a pull fails, as containerd answers through the CRI (the kubelet prints the gRPC status):
   * a reference the spec lists as unavailable is one the registry does not have (NotFound); a
   * Docker Hub library repository that does not exist is refused like a private one (the
   * registry's token has insufficient_scope, which containerd's resolver reports as "pull access
   * denied, repository does not exist or may require authorization").
   */
  private pullError(image: string, ref: string): string | undefined {
    if (imageMatches(image, this.config.images.unavailable)) {
      return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    }
    if (isMissingLibraryImage(image)) {
      return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    }
    return undefined;
  }

  /** startContainer (kuberuntime_container.go): Created, Started; readiness from then on. */
  private startContainer(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, spec: ContainerSpec): void {
    if (c.containerID && c.finishedAt !== undefined) {
      // A restart: the run that ended becomes lastState, and the count goes up.
      c.last = { containerID: c.containerID, exitCode: c.exitCode ?? 0, reason: c.terminatedReason ?? 'Completed', message: c.terminatedMessage, startedAt: c.startedAt, finishedAt: c.finishedAt };
      c.restartCount = (c.restartCount ?? 0) + 1;
    }
    c.stage = 'running';
    c.startedAt = c.runningAt;
    c.containerID = `containerd://${hex64(this.rng)}`;
    c.finishedAt = c.exitCode = c.terminatedReason = c.terminatedMessage = undefined;
    c.waitingReason = c.waitingMessage = undefined;
    c.readyAt = c.stopDoneAt = c.stopExitCode = undefined;
    this.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, c);
    this.event(pod, 'Normal', 'Started', `Started container ${c.name}`, c);
    const outcome = containerOutcome(spec);
    c.exitAt = outcome.exit ? c.startedAt! + outcome.exit.afterMs : undefined;
    c.exitCodeAt = outcome.exit?.code;
    c.exitSettles = false;
    if (c.init && !c.sidecar && !outcome.understood) {
      // An init container whose program the simulation cannot follow (wget, nslookup loops...)
      // is taken to do its work in containerStartMs and exit 0, so the pod goes on.
      c.exitAt = c.startedAt! + this.config.timing.containerStartMs;
      c.exitCodeAt = 0;
      c.exitSettles = true;
    }
    if (c.exitAt === c.startedAt) c.exitSettles = true;
    if (c.init && !c.sidecar) return;
    c.outcome = outcome;
    const hasProbes = !!(spec.startupProbe || spec.livenessProbe || spec.readinessProbe);
    if (hasProbes) {
      c.probes ??= newProbeState(spec, rt.admittedAt);
      containerStarted(c.probes, c.startedAt!);
      c.started = isStarted(c.probes);
      // The readiness trigger at the start runs in this same sync (step's 'running' case).
    } else {
      c.probes = undefined;
      c.started = true;
      c.readyAt = c.startedAt;
    }
  }

  /** The probe target: the container's current run as the prober sees it. */
  private probeTarget(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, spec: ContainerSpec): ProbeTarget {
    return { pod, spec, podIP: rt.ip ?? '', admittedAt: rt.admittedAt, startedAt: c.startedAt!, outcome: c.outcome ?? { understood: false, files: [], output: '' } };
  }

  /**
   * Run the container's probes due up to `until` (probes.ts): Unhealthy events, started and ready
   * as they change, and a kill on a liveness or startup failure. Returns true when it killed it.
   */
  private probe(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, spec: ContainerSpec, until: number): boolean {
    const evs = runProbes(c.probes!, this.probeTarget(pod, rt, c, spec), until);
    for (const ev of evs) {
      if (ev.unhealthy) this.event(pod, 'Warning', 'Unhealthy', ev.unhealthy, c);
      if (ev.ready === true) c.readyAt = ev.at;
      if (ev.ready === false) c.readyAt = undefined;
      if (ev.kill) {
        this.kill(pod, c, spec, ev.kind, ev.at);
        return true;
      }
    }
    c.started = isStarted(c.probes!);
    if (!isReady(c.probes!)) c.readyAt = undefined;
    else if (c.readyAt === undefined) c.readyAt = evs.find((e) => e.started)?.at ?? until;
    return false;
  }

  /**
   * A failed liveness or startup probe (kuberuntime_manager.go computePodActions → killContainer):
   * Killing "Container x failed liveness probe, will be restarted" (no restart under
   * restartPolicy Never), then SIGTERM. The container exits after containerStopMs (at most the
   * probe's or pod's grace period): a server with exit code 0, anything else 137 (a shell as PID 1
   * ignores SIGTERM and is killed).
   */
  private kill(pod: KubeObject, c: ContainerRuntime, spec: ContainerSpec, kind: ProbeKind, at: number): void {
    const restart = restartPolicyOf(pod) !== 'Never';
    this.event(pod, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe${restart ? ', will be restarted' : ''}`, c);
    const probe = (kind === 'liveness' ? spec.livenessProbe : spec.startupProbe) as { terminationGracePeriodSeconds?: number } | undefined;
    // Number(): an int64 past 2^53 is a bigint; as a timer, its nearest double.
    const grace = Number(probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    c.stage = 'stopping';
    c.stopDoneAt = at + Math.min(this.config.timing.containerStopMs, grace * 1000);
    c.stopExitCode = imageProcess(c.image).kind === 'server' ? 0 : 137;
    c.exitAt = c.exitCodeAt = undefined;
    c.readyAt = undefined;
  }

  /** The container's process ended at `at` with `code` (containerd: reason Completed or Error). */
  private exited(c: ContainerRuntime, at: number, code: number): void {
    c.stage = 'exited';
    c.finishedAt = at;
    c.exitCode = code;
    c.terminatedReason = code === 0 ? 'Completed' : 'Error';
    c.exitAt = c.exitCodeAt = undefined;
    c.readyAt = c.stopDoneAt = undefined;
    c.syncAt = at + EXIT_SYNC_DELAY_MS;
  }

  /**
   * flowcontrol.Backoff IsInBackOffSince(key, finishedAt): the entry exists, has not expired
   * (hasExpired: finishedAt − lastUpdate > 2 × max), and less than its delay has passed since the
   * container finished.
   */
  private inCrashBackOff(c: ContainerRuntime, ts: number, now: number): boolean {
    if (c.crashBackoffMs === undefined) return false;
    if (ts - c.crashLastUpdate! > 2 * CRASH_BACKOFF_MAX_MS) return false;
    return now - ts < c.crashBackoffMs;
  }

  /** flowcontrol.Backoff Next(key, finishedAt): start at 10 s (or again after expiry), else double up to 5 min. */
  private crashBackOffNext(c: ContainerRuntime, ts: number, now: number): void {
    const expired = c.crashBackoffMs === undefined || ts - c.crashLastUpdate! > 2 * CRASH_BACKOFF_MAX_MS;
    c.crashBackoffMs = expired ? CRASH_BACKOFF_INITIAL_MS : Math.min(c.crashBackoffMs! * 2, CRASH_BACKOFF_MAX_MS);
    c.crashLastUpdate = now;
  }

  /** Whether the container can be created now (create.ts): the one hook before a container starts. */
  private canCreate(pod: KubeObject, spec: ContainerSpec): CreateFailure | undefined {
    return containerCreateFailure(this.api, pod, spec as ContainerSpec & Record<string, unknown>);
  }

  /**
   * A pod with a deletionTimestamp: SIGTERM to its containers, which exit after
   * timing.containerStopMs (at most the grace period); then the final status and the deletion
   * with gracePeriodSeconds 0 (status_manager.go canBeDeleted → Delete). Returns true when the
   * pod is gone.
   */
  private terminate(key: string, pod: KubeObject, rt: PodRuntime, now: number): boolean {
    if (rt.stopAt === undefined) {
      const grace = Number(pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
      const running = rt.containers.filter((c) => c.stage === 'running' || c.stage === 'creating' || c.stage === 'stopping');
      rt.stopAt = now + (running.length ? Math.min(this.config.timing.containerStopMs, grace * 1000) : 0);
      for (const c of running) if (c.stage === 'running') this.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
    }
    if (rt.stopAt > now) return false;
    // The final status (phase Succeeded or Failed, containers terminated) is kept in the runtime
    // and not written: the deletion follows in the same instant, and a write nobody can observe
    // between two reconciles would cost every watcher a pass over the pod. Deviation: upstream's
    // status manager posts it before deleting.
    if (!rt.stopped) {
      for (const c of rt.containers) {
        if (c.stage === 'exited') continue;
        if (c.stage !== 'running' && c.containerID && c.finishedAt !== undefined) {
          // Ended before (crash-loop back-off, waiting to start again): its latest run stays.
          c.stage = 'exited';
          continue;
        }
        if (c.stage === 'running' || c.stage === 'stopping') {
          c.exitCode = 0;
          c.terminatedReason = 'Completed';
        } else {
          c.exitCode = 137;
          c.terminatedReason = 'ContainerStatusUnknown';
          c.terminatedMessage = 'The container could not be located when the pod was terminated';
        }
        c.stage = 'exited';
        c.finishedAt = rt.stopAt;
      }
      rt.stopped = true;
    }
    try {
      this.api.delete('Pod', pod.metadata.name!, { namespace: pod.metadata.namespace, gracePeriodSeconds: 0, preconditions: { uid: rt.uid } });
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
    }
    this.forget(key, rt);
    return true;
  }

  private writeStatus(pod: KubeObject, rt: PodRuntime, now: number): void {
    const live = this.api.get('Pod', pod.metadata.name!, pod.metadata.namespace);
    if (!live || live.metadata.uid !== rt.uid) return;
    const signature = runtimeSignature(rt, now);
    // The pod still carries the very status last written (other writes since, such as the
    // deletion mark, left it alone) and the runtime looks the same: generatePodStatus would give
    // that status again (it keeps what it finds), so the write would be a no-op.
    if (rt.written && rt.written.signature === signature && rt.written.status === live.status) return;
    // The API server drops a write that changes nothing (no new resourceVersion, no event).
    const next = { ...live, status: generatePodStatus(live, rt, now) };
    try {
      const stored = this.api.updateStatus(next);
      rt.written = { signature, status: stored.status };
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
    }
  }

  /** Wake up for the next transition: settle timers for progress, wait-only ones for retries. */
  private scheduleTimers(key: string, pod: KubeObject, rt: PodRuntime, now: number): void {
    let settle = Infinity;
    let wait = Infinity;
    const at = (t: number | undefined, isSettle: boolean) => {
      if (t === undefined || !Number.isFinite(t) || t <= now) return;
      if (isSettle) settle = Math.min(settle, t);
      else wait = Math.min(wait, t);
    };
    for (const c of rt.containers) {
      if (c.stage === 'pulling') at(c.pullDoneAt, true);
      else if (c.stage === 'creating') at(c.runningAt, true);
      else if (c.stage === 'running') {
        at(c.exitAt, !!c.exitSettles);
        if (c.probes && (!c.init || c.sidecar)) {
          const next = nextProbeEffect(c.probes, this.probeTarget(pod, rt, c, this.containerSpec(pod, c)), now, c.exitAt ?? now + PROBE_HORIZON_MS);
          if (next) at(next.at, next.settle);
        }
      } else if (c.stage === 'stopping') at(c.stopDoneAt, true);
      else if (c.stage === 'exited') {
        if (!rt.stopped) at(c.syncAt, true);
      } else if (c.stage === 'crashBackOff') at(c.restartAt, false);
      else if (c.stage === 'createFailed') at(c.retryAt, false);
      else if (c.stage === 'pullFailed') {
        at(c.backOffAt, true);
        at(c.retryAt, false);
      }
    }
    if (rt.stopAt !== undefined && !rt.stopped) at(rt.stopAt, true);
    let t = this.timers.get(key);
    if (!t) this.timers.set(key, (t = {}));
    if (Number.isFinite(settle) && (t.settle === undefined || t.settle <= now || settle < t.settle)) {
      t.settle = settle;
      this.queue.addAfter(key, settle - now, { settle: true });
    }
    if (Number.isFinite(wait) && (t.wait === undefined || t.wait <= now || wait < t.wait)) {
      t.wait = wait;
      this.queue.addAfter(key, wait - now, { settle: false });
    }
  }

  /**
   * The kubelet of a node that is Ready again posts its full status (kubelet_node_status.go
   * setNodeStatus): pressure conditions back to False, Ready with reason KubeletReady.
   */
  private postNodeStatus(name: string): void {
    const node = this.api.get('Node', name);
    if (!node || !isNodeReady(node) || !needsStatusPost(node)) return;
    const now = this.clock.timestamp();
    const next = deepClone(node);
    let readyChanged = false;
    next.status.conditions = (next.status.conditions as any[]).map((c) => {
      const healthy = HEALTHY[c.type];
      if (!healthy) return c;
      if (c.status === healthy.status && c.reason === healthy.reason) return c;
      if (c.type === 'Ready') readyChanged = true;
      const transitioned = c.type !== 'Ready' || c.reason !== healthy.reason;
      return { ...c, ...healthy, lastHeartbeatTime: now, lastTransitionTime: transitioned ? now : c.lastTransitionTime };
    });
    this.api.updateStatus(next);
    if (readyChanged) this.event(node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
  }

  private event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, _container?: ContainerRuntime): void {
    this.recorder.record(this.name, obj, type, reason, message);
  }
}

const HEALTHY: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

/** A Ready node whose conditions are not what a live kubelet posts (it has just come back). */
function needsStatusPost(node: KubeObject): boolean {
  return ((node.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).some((c) => HEALTHY[c.type] && (c.status !== HEALTHY[c.type].status || c.reason !== HEALTHY[c.type].reason));
}

function restartPolicyOf(pod: KubeObject): string {
  return (pod.spec?.restartPolicy as string | undefined) ?? 'Always';
}

const HEX_DIGITS = '0123456789abcdef';

function hex64(rng: Random): string {
  // Character codes into one String.fromCharCode, as Random.uuid builds its text: the same 64
  // draws and digits, one flat string (64 concatenations made 64 intermediate strings per
  // container start, most of what the kubelet's startContainer allocated in a 10,000-pod spec).
  const c = HEX64_CODES;
  for (let i = 0; i < 64; i++) c[i] = HEX_CODES[rng.int(16)];
  return String.fromCharCode.apply(null, c);
}

const HEX_CODES = Array.from(HEX_DIGITS, (ch) => ch.charCodeAt(0));
/** Scratch for hex64 (synchronous, so one array serves every call). */
const HEX64_CODES: number[] = new Array<number>(64).fill(0);
