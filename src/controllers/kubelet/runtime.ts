// What the simulated kubelet knows about the pods it runs (the container runtime's view), and the
// PodStatus it reports from that: pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase,
// convertToAPIContainerStatuses, and pkg/kubelet/status/generate.go for the conditions.
import type { KubeObject } from '../../apiserver/types';
import { formatTime as formatTimeSlow } from '../../util/clock';
import { normalizedImage } from '../../images';

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
  | 'invalidImage'
  | 'neverPull';

export interface ContainerRuntime {
  name: string;
  image: string;
  init: boolean;
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
  probeFailure?: string;
  nextProbeAt?: number;
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
  stopped?: boolean;
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

function containerStatus(c: ContainerRuntime, defaultWaiting: string, now: number): Record<string, unknown> {
  const base: Record<string, unknown> = { name: c.name, image: c.image, imageID: '', lastState: {}, ready: false, restartCount: 0, started: false };
  switch (c.stage) {
    case 'running': {
      const ready = c.readyAt !== undefined && c.readyAt <= now;
      return {
        containerID: c.containerID,
        image: safeNormalized(c.image),
        imageID: imageID(c.image),
        lastState: {},
        name: c.name,
        ready,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: formatTime(c.startedAt!) } },
      };
    }
    case 'exited': {
      const terminated: Record<string, unknown> = { exitCode: c.exitCode ?? 0, reason: c.terminatedReason ?? 'Completed' };
      if (c.terminatedMessage) terminated.message = c.terminatedMessage;
      if (c.containerID) terminated.containerID = c.containerID;
      if (c.startedAt !== undefined) terminated.startedAt = formatTime(c.startedAt);
      terminated.finishedAt = formatTime(c.finishedAt ?? now);
      return c.containerID
        ? { containerID: c.containerID, image: safeNormalized(c.image), imageID: imageID(c.image), lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { terminated } }
        : { ...base, state: { terminated } };
    }
    case 'pullFailed':
    case 'invalidImage':
    case 'neverPull':
      return { ...base, state: { waiting: { reason: c.waitingReason, message: c.waitingMessage } } };
    default:
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

/** getPhase (kubelet_pods.go), for restartPolicy Always pods whose containers never crash. */
function getPhase(initStatuses: any[], statuses: any[], terminal: boolean): string {
  let pendingInit = 0;
  for (const s of initStatuses) if (!s.state.terminated) pendingInit++;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (pendingInit > 0 || waiting > 0) {
    // A pod stopped before its containers started: terminal, and not a success.
    return terminal ? 'Failed' : 'Pending';
  }
  if (running > 0) return 'Running';
  if (stopped > 0 && terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
  return 'Running';
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
  const phase = getPhase(initStatuses, statuses, terminal);

  const oldConds = (old.conditions ?? []) as Condition[];
  const conds: Condition[] = oldConds.filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const nowText = formatTime(now);
  const stamp = (type: string, status: string, reason?: string, message?: string): Condition => condition(oldConds, nowText, type, status, reason, message);
  // GeneratePodReadyToStartContainersCondition: the sandbox exists and has its network.
  conds.push(stamp('PodReadyToStartContainers', rt.ip && !rt.stopped ? 'True' : 'False'));
  // GeneratePodInitializedCondition
  const incomplete = initStatuses.filter((s) => !(s.state.terminated && s.state.terminated.exitCode === 0)).map((s) => s.name);
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
    // pulling, creating and not-yet-reached all show the default waiting reason.
    if (c.stage === 'running') sig += c.readyAt !== undefined && c.readyAt <= now ? '|R1' : '|R0';
    else if (c.stage === 'exited') sig += `|X${c.exitCode}`;
    else if (c.stage === 'pullFailed' || c.stage === 'invalidImage' || c.stage === 'neverPull') sig += `|W${c.waitingReason}`;
    else sig += '|W';
  }
  return sig;
}
