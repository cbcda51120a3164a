// What the simulated kubelet knows about the pods it runs (the container runtime's view), and the
// PodStatus it reports from that: pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase,
// convertToAPIContainerStatuses, and pkg/kubelet/status/generate.go for the conditions.
import type { KubeObject } from '../../apiserver/types';
import { formatTime as formatTimeSlow } from '../../util/clock';
import { normalizedImage } from '../../images';
import type { ProbeState } from './probes';
import type { Outcome } from './programs';

export type Stage =
  /** Not reached yet: an earlier container is still being pulled or started. */
  | 'waiting'
  | 'pulling'
  /** Image present; being created and started. */
  | 'creating'
  | 'running'
  | 'exited'
  /** ErrImagePull, then ImagePullBackOff until the retry. */
  | 'pullFailed'
  /** Killed after a failed liveness or startup probe, until it has exited. */
  | 'stopping'
  /** Exited and to be restarted, but in its crash-loop back-off (waiting reason CrashLoopBackOff). */
  | 'crashBackOff'
  /** The kubelet could not create it (CreateContainerConfigError...): retried later. */
  | 'createFailed'
  | 'invalidImage'
  | 'neverPull';

export interface ContainerRuntime {
  name: string;
  image: string;
  init: boolean;
  /** A restartable init container (restartPolicy Always): it runs beside the app containers. */
  sidecar?: boolean;
  stage: Stage;
  pullStartedAt?: number;
  pullDoneAt?: number;
  /** When a 'creating' container is running. */
  runningAt?: number;
  startedAt?: number;
  /** When it is ready: a time, or Infinity while its readiness probe fails. */
  readyAt?: number;
  /** Exit time of an init container, or of any container once the pod is stopped. */
  finishedAt?: number;
  exitCode?: number;
  terminatedReason?: string;
  terminatedMessage?: string;
  waitingReason?: string;
  waitingMessage?: string;
  /** Image pull back-off (flowcontrol.Backoff: 10 s doubling to 300 s). */
  backoffMs?: number;
  retryAt?: number;
  /** When ErrImagePull turns into ImagePullBackOff (the kubelet's next sync). */
  backOffAt?: number;
  containerID?: string;
  /** The probe workers' state (probes.ts), kept across the container's runs. */
  probes?: ProbeState;
  /** What the current run's program does (programs.ts): its end, and its files for exec probes. */
  outcome?: Outcome;
  /** Whether the current run has passed its startup probe (or has none): the status' `started`. */
  started?: boolean;
  /** A running container being stopped (a failed liveness or startup probe): when it has exited, with which code. */
  stopDoneAt?: number;
  stopExitCode?: number;
  /** The run ended because a probe failed: the kubelet starts it again in the same sync. */
  probeKilled?: boolean;
  /** Times this container was restarted (the status' restartCount). */
  restartCount?: number;
  /** The previous run's end (lastState.terminated), once the container has been restarted. */
  last?: TerminatedRun;
  /** When the running process exits by itself (its program's end); undefined: it runs until stopped. */
  exitAt?: number;
  exitCodeAt?: number;
  /** Whether the settle loop moves the clock to exitAt (an init container the simulation times). */
  exitSettles?: boolean;
  /** After an exit: the kubelet's next sync (PLEG relist), where it restarts the container or backs off. */
  syncAt?: number;
  /** The crash-loop back-off's entry (flowcontrol.Backoff: its current delay and last update). */
  crashBackoffMs?: number;
  crashLastUpdate?: number;
  /** When a container in crash-loop back-off is started again. */
  restartAt?: number;
}

/** A finished run of a container, as lastState.terminated reports it. */
export interface TerminatedRun {
  containerID?: string;
  exitCode: number;
  reason: string;
  message?: string;
  startedAt?: number;
  finishedAt: number;
}

export interface PodRuntime {
  uid: string;
  /** The last status write: the runtimeSignature it was computed from and the (frozen) status stored. */
  written?: { signature: string; status: unknown };
  node: string;
  admittedAt: number;
  ip?: string;
  hostIP: string;
  containers: ContainerRuntime[];
  /** Set once the kubelet has seen the deletionTimestamp and sent SIGTERM. */
  stopAt?: number;
  /** The pod is terminal: deleted and stopped, or every container done for good (Succeeded/Failed). */
  stopped?: boolean;
  /** The sandbox's IP went back to the node's range when the pod completed (status still shows it). */
  ipReleased?: boolean;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: null;
  lastTransitionTime?: string;
}

const timeCache = new Map<number, string>();
/** formatTime, remembering the seconds formatted lately (a few instants recur again and again). */
function formatTime(ms: number): string {
  const sec = Math.floor(ms / 1000);
  let text = timeCache.get(sec);
  if (text === undefined) {
    if (timeCache.size > 4096) timeCache.clear();
    text = formatTimeSlow(ms);
    timeCache.set(sec, text);
  }
  return text;
}

const normalizedCache = new Map<string, string>();
const imageIDCache = new Map<string, string>();

/** Conditions the kubelet owns (kubetypes.PodConditionByKubelet); others are carried over. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

function terminatedState(r: TerminatedRun): Record<string, unknown> {
  const terminated: Record<string, unknown> = { exitCode: r.exitCode, reason: r.reason };
  if (r.message) terminated.message = r.message;
  if (r.containerID) terminated.containerID = r.containerID;
  if (r.startedAt !== undefined) terminated.startedAt = formatTime(r.startedAt);
  terminated.finishedAt = formatTime(r.finishedAt);
  return terminated;
}

/** The container's current (or latest) run as a TerminatedRun, once it has ended. */
function currentRun(c: ContainerRuntime, now: number): TerminatedRun {
  return { containerID: c.containerID, exitCode: c.exitCode ?? 0, reason: c.terminatedReason ?? 'Completed', message: c.terminatedMessage, startedAt: c.startedAt, finishedAt: c.finishedAt ?? now };
}

/**
 * convertToAPIContainerStatuses: the latest run's state, the one before as lastState, and for a
 * container waiting to be started again the reason the kubelet remembers (reasonCache:
 * CrashLoopBackOff, ErrImagePull...) or, without one, the latest run's terminated state.
 */
function containerStatus(c: ContainerRuntime, defaultWaiting: string, now: number): Record<string, unknown> {
  const restartCount = c.restartCount ?? 0;
  const lastState = c.last ? { terminated: terminatedState(c.last) } : {};
  const base: Record<string, unknown> = { name: c.name, image: c.image, imageID: '', lastState, ready: false, restartCount, started: false };
  const withRun = (state: Record<string, unknown>, ready = false, started = false, last: Record<string, unknown> = lastState): Record<string, unknown> => ({
    containerID: c.containerID,
    image: safeNormalized(c.image),
    imageID: imageID(c.image),
    lastState: last,
    name: c.name,
    ready,
    restartCount,
    started,
    state,
  });
  switch (c.stage) {
    case 'running':
    case 'stopping': {
      const ready = c.stage === 'running' && c.readyAt !== undefined && c.readyAt <= now;
      return withRun({ running: { startedAt: formatTime(c.startedAt!) } }, ready, c.started !== false);
    }
    case 'exited': {
      const terminated = terminatedState(currentRun(c, now));
      return c.containerID ? withRun({ terminated }) : { ...base, state: { terminated } };
    }
    case 'crashBackOff':
      // The remembered reason replaces the state, and the latest run's end becomes lastState.
      return withRun({ waiting: { reason: c.waitingReason, message: c.waitingMessage } }, false, false, { terminated: terminatedState(currentRun(c, now)) });
    default:
      // A container being started again: what the status showed when it went (the back-off
      // reason over its latest run, or that run's end) until the new run starts.
      if (c.containerID && c.finishedAt !== undefined) {
        const latest = terminatedState(currentRun(c, now));
        return c.waitingReason ? withRun({ waiting: { reason: c.waitingReason, message: c.waitingMessage } }, false, false, { terminated: latest }) : withRun({ terminated: latest });
      }
      if (c.stage === 'pullFailed' || c.stage === 'invalidImage' || c.stage === 'neverPull' || c.stage === 'createFailed') {
        return { ...base, state: { waiting: { reason: c.waitingReason, message: c.waitingMessage } } };
      }
      return { ...base, state: { waiting: { reason: defaultWaiting } } };
  }
}

function safeNormalized(image: string): string {
  let n = normalizedCache.get(image);
  if (n === undefined) {
    try {
      n = normalizedImage(image);
    } catch {
      n = image;
    }
    normalizedCache.set(image, n);
  }
  return n;
}

/** `docker.io/library/nginx@sha256:<64 hex>`: a digest that depends only on the image reference. */
export function imageID(image: string): string {
  const cached = imageIDCache.get(image);
  if (cached) return cached;
  const id = computeImageID(image);
  imageIDCache.set(image, id);
  return id;
}

function computeImageID(image: string): string {
  const name = safeNormalized(image).replace(/[:@].*$/, '');
  let hex = '';
  let h = 0x811c9dc5;
  for (let round = 0; hex.length < 64; round++) {
    for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 16777619);
    h = Math.imul(h ^ round, 16777619);
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${name}@sha256:${hex.slice(0, 64)}`;
}

/**
 * getPhase (pkg/kubelet/kubelet_pods.go): from the containers' statuses and the restart policy. A
 * container waiting to be restarted (lastState terminated) counts as stopped, so a crash-looping
 * pod with restartPolicy Always is Running; with Never (or OnFailure and exit 0) a pod whose
 * containers have all ended is Succeeded or Failed. Restartable init containers (sidecars) are
 * left out of the init containers' count, as upstream counts them apart.
 */
function getPhase(restartPolicy: string, initStatuses: any[], statuses: any[], terminal: boolean, sidecars: ReadonlySet<string>): string {
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of initStatuses) {
    if (sidecars.has(s.name)) continue;
    if (s.state.running) pendingInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state.waiting && s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let anyStarted = false;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting && s.lastState?.terminated) stopped++;
    else waiting++;
    if (s.state.running || s.state.terminated) anyStarted = true;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) {
    // A pod stopped before its containers started: terminal, and not a success.
    return terminal ? 'Failed' : 'Pending';
  }
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** v1qos.GetPodQOS */
export function qosClass(pod: KubeObject): string {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = { ...c.resources?.limits, ...c.resources?.requests };
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * generateAPIPodStatus: the status the kubelet posts for `pod` given its runtime state at `now`.
 * Conditions keep their lastTransitionTime while their status does not change
 * (status_manager.go updateLastTransitionTime).
 */
export function generatePodStatus(pod: KubeObject, rt: PodRuntime, now: number): Record<string, any> {
  const old = (pod.status ?? {}) as Record<string, any>;
  const hasInit = rt.containers.some((c) => c.init);
  const defaultWaiting = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const initStatuses = rt.containers.filter((c) => c.init).map((c) => containerStatus(c, defaultWaiting, now)) as any[];
  const statuses = rt.containers.filter((c) => !c.init).map((c) => containerStatus(c, defaultWaiting, now)) as any[];
  const terminal = !!rt.stopped;
  const sidecars = new Set(rt.containers.filter((c) => c.sidecar).map((c) => c.name));
  const phase = getPhase((pod.spec?.restartPolicy as string | undefined) ?? 'Always', initStatuses, statuses, terminal, sidecars);

  const oldConds = (old.conditions ?? []) as Condition[];
  const conds: Condition[] = oldConds.filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const nowText = formatTime(now);
  const stamp = (type: string, status: string, reason?: string, message?: string): Condition => condition(oldConds, nowText, type, status, reason, message);
  // GeneratePodReadyToStartContainersCondition: the sandbox exists and has its network.
  conds.push(stamp('PodReadyToStartContainers', rt.ip && !rt.stopped ? 'True' : 'False'));
  // GeneratePodInitializedCondition
  // A sidecar counts as initialized once it has started.
  const incomplete = initStatuses.filter((s) => !(s.state.terminated && s.state.terminated.exitCode === 0) && !(sidecars.has(s.name) && (s.started || s.restartCount > 0))).map((s) => s.name);
  if (!hasInit) conds.push(stamp('Initialized', 'True'));
  else if (phase === 'Succeeded') conds.push(stamp('Initialized', 'True', 'PodCompleted'));
  else if (incomplete.length) conds.push(stamp('Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`));
  else conds.push(stamp('Initialized', 'True'));
  // GenerateContainersReadyCondition / GeneratePodReadyCondition
  let unready: string[] | undefined;
  for (const s of statuses) if (!s.ready) (unready ??= []).push(s.name);
  let ready: [status: string, reason?: string, message?: string];
  if (phase === 'Succeeded') ready = ['False', 'PodCompleted'];
  else if (phase === 'Failed') ready = ['False', 'PodFailed'];
  else if (unready) ready = ['False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`];
  else ready = ['True'];
  conds.push(stamp('Ready', ...ready));
  conds.push(stamp('ContainersReady', ...ready));
  const scheduled = oldConds.find((c) => c.type === 'PodScheduled');
  conds.push(scheduled ?? stamp('PodScheduled', 'True'));

  const status: Record<string, any> = { ...old, conditions: conds, phase, hostIP: rt.hostIP, hostIPs: sameIPs(old.hostIPs, rt.hostIP) ? old.hostIPs : [{ ip: rt.hostIP }] };
  if (rt.ip) {
    status.podIP = rt.ip;
    status.podIPs = sameIPs(old.podIPs, rt.ip) ? old.podIPs : [{ ip: rt.ip }];
  }
  status.startTime = formatTime(rt.admittedAt);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  status.qosClass = old.qosClass ?? qosClass(pod);
  return status;
}

/** Condition keys in the order the kubelet writes them (reason and message only when set). */
const CONDITION_KEYS = [
  ['type', 'status', 'lastProbeTime', 'lastTransitionTime'],
  ['type', 'status', 'reason', 'lastProbeTime', 'lastTransitionTime'],
  ['type', 'status', 'message', 'lastProbeTime', 'lastTransitionTime'],
  ['type', 'status', 'reason', 'message', 'lastProbeTime', 'lastTransitionTime'],
];

/**
 * One kubelet-owned condition. lastTransitionTime moves only when the status changes
 * (status_manager.go updateLastTransitionTime; the last condition of the type counts). When the
 * pod already has exactly this condition, that (frozen) object is returned: the API server then
 * keeps it as it is instead of storing an equal copy.
 */
function condition(oldConds: readonly Condition[], nowText: string, type: string, status: string, reason?: string, message?: string): Condition {
  let prev: Condition | undefined;
  // An index loop: for-of over the stored (frozen) array allocates an iterator result per element.
  for (let i = 0; i < oldConds.length; i++) if (oldConds[i].type === type) prev = oldConds[i];
  const lastTransitionTime = prev && prev.status === status ? prev.lastTransitionTime : nowText;
  if (prev && prev.status === status && prev.reason === reason && prev.message === message && prev.lastProbeTime === null && prev.lastTransitionTime === lastTransitionTime) {
    const keys = CONDITION_KEYS[(reason === undefined ? 0 : 1) + (message === undefined ? 0 : 2)];
    let i = 0;
    let same = true;
    for (const k in prev) if (keys[i++] !== k) same = false;
    if (same && i === keys.length) return prev;
  }
  const c: Condition = { type, status };
  if (reason !== undefined) c.reason = reason;
  if (message !== undefined) c.message = message;
  c.lastProbeTime = null;
  c.lastTransitionTime = lastTransitionTime;
  return c;
}

/** `[{ip}]` holding just this address (hostIPs, podIPs). */
function sameIPs(list: unknown, ip: string): boolean {
  if (!Array.isArray(list) || list.length !== 1) return false;
  const e = list[0] as Record<string, unknown>;
  let n = 0;
  for (const k in e) if (k !== 'ip' || n++ > 0) return false;
  return e.ip === ip;
}

/**
 * Everything generatePodStatus reads from the runtime at `now`: when it and the pod are unchanged
 * since the last write, the status would be the same and is not computed again.
 */
export function runtimeSignature(rt: PodRuntime, now: number): string {
  let sig = `${rt.ip ?? ''}|${rt.stopped ? 1 : 0}`;
  for (const c of rt.containers) {
    // What the container's status shows: running (ready or not), exited, or a waiting reason;
    // pulling, creating and not-yet-reached all show the default waiting reason. A container that
    // has run also shows its restart count and its latest and previous runs.
    if (c.containerID) sig += `|${c.restartCount ?? 0}:${c.containerID.slice(-8)}`;
    if (c.stage === 'running') sig += c.readyAt !== undefined && c.readyAt <= now ? '|R1' : c.started === false ? '|R-' : '|R0';
    else if (c.stage === 'stopping') sig += '|S';
    else if (c.stage === 'exited') sig += `|X${c.exitCode}`;
    else if (c.containerID && c.finishedAt !== undefined) sig += `|Z${c.waitingReason ?? ''}:${c.waitingMessage ?? ''}`;
    else if (c.stage === 'pullFailed' || c.stage === 'invalidImage' || c.stage === 'neverPull' || c.stage === 'createFailed' || c.stage === 'crashBackOff') sig += `|W${c.waitingReason}:${c.waitingMessage ?? ''}`;
    else sig += '|W';
  }
  return sig;
}
