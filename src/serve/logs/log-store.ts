// Container logs for `kubespec serve` (kubectl logs): the LogSource the HTTP server reads.
// A bounded ring of lines per container instance, fed by the pods' statuses (each image's start-up
// lines when a container starts) and by the NodePort proxy (access lines), read and followed with
// the kube-apiserver's and kubelet's container resolution, errors and options (tailLines,
// sinceSeconds, limitBytes, timestamps).
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import type { LogOptions } from '../api/rest';
import type { LogSource } from '../http/server';
import { HttpError } from '../http/status';
import { accessLine, startupLines, type AccessRecord } from './image-logs';

export type { AccessRecord } from './image-logs';

export interface LogStoreOptions {
  /** Lines kept per container instance (oldest dropped first). */
  maxLinesPerContainer?: number;
  /** Bytes kept per container instance (text plus newline). */
  maxBytesPerContainer?: number;
  /** Bytes kept over all containers: past it, the largest logs lose their oldest lines. */
  maxTotalBytes?: number;
  /** A failure while following the API's pod events (a defect: the store keeps going). */
  onError?: (e: unknown) => void;
}

export const DEFAULT_LOG_LIMITS = { maxLinesPerContainer: 10_000, maxBytesPerContainer: 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };

/** containerd splits longer lines into partial records; the store keeps the first piece only. */
const MAX_LINE_CHARS = 16 * 1024;

interface Line {
  ts: number;
  text: string;
  /** UTF-8 bytes of text plus its newline. */
  bytes: number;
}

/** Lines oldest first; dropping from the front is O(1) (a moving head, compacted now and then). */
class LineRing {
  private items: Line[] = [];
  private head = 0;
  bytes = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  at(i: number): Line {
    return this.items[this.head + i];
  }

  push(line: Line): void {
    this.items.push(line);
    this.bytes += line.bytes;
  }

  /** Drop the oldest line; returns its bytes. */
  shift(): number {
    const line = this.items[this.head];
    if (!line) return 0;
    this.items[this.head++] = undefined as unknown as Line;
    this.bytes -= line.bytes;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return line.bytes;
  }
}

interface Follower {
  onText: (text: string) => void;
  onEnd: () => void;
  timestamps: boolean;
  /** Bytes still allowed by limitBytes (Infinity without). */
  remaining: number;
}

/** One run of a container: what the kubelet calls a container (one containerID, one restartCount). */
interface Instance {
  /** The containerID, or `#<restartCount>` when the status carries none. */
  key: string;
  restartCount: number;
  image: string;
  lines: LineRing;
  ended: boolean;
  followers: Set<Follower>;
}

interface PodLogs {
  uid: string;
  /** Instances per container name, oldest first: at most the current one and the one before it. */
  containers: Map<string, Instance[]>;
}

interface ContainerStatusLike {
  name: string;
  restartCount?: number;
  containerID?: string;
  image?: string;
  state?: { running?: { startedAt?: string }; waiting?: { reason?: string }; terminated?: { containerID?: string; startedAt?: string } };
  lastState?: { terminated?: { containerID?: string; startedAt?: string } };
}

/** The instances the kubelet keeps logs for: the running (or last) one and the previous one (--previous). */
const INSTANCES_KEPT = 2;

export class LogStore implements LogSource {
  private readonly limits: typeof DEFAULT_LOG_LIMITS;
  private readonly onError: (e: unknown) => void;
  private readonly pods = new Map<string, PodLogs>();
  /** Bytes each read() answered with, by its options object: a follow that comes next continues limitBytes from there. */
  private readonly emitted = new WeakMap<LogOptions, number>();
  private api: Pick<ApiServer, 'get' | 'list' | 'watch'> | undefined;
  private unwatch: (() => void) | undefined;
  private total = 0;

  constructor(opts: LogStoreOptions = {}) {
    this.limits = {
      maxLinesPerContainer: opts.maxLinesPerContainer ?? DEFAULT_LOG_LIMITS.maxLinesPerContainer,
      maxBytesPerContainer: opts.maxBytesPerContainer ?? DEFAULT_LOG_LIMITS.maxBytesPerContainer,
      maxTotalBytes: opts.maxTotalBytes ?? DEFAULT_LOG_LIMITS.maxTotalBytes,
    };
    this.onError = opts.onError ?? (() => undefined);
  }

  /** Bytes held over all containers. */
  get totalBytes(): number {
    return this.total;
  }

  /**
   * Follow the pods of a cluster (a LiveCluster or a Cluster): what runs now gets its start-up
   * lines (stamped when it started), and so does every container that starts from now on. The
   * logs of a pod go when the pod does. Returns the detach function.
   */
  attach(source: { readonly api: Pick<ApiServer, 'get' | 'list' | 'watch'> }): () => void {
    this.detach();
    const api = source.api;
    this.api = api;
    // Logs of pods that went while detached go now; what runs gets its lines.
    const pods = api.list('Pod');
    const live = new Set(pods.map((p) => p.metadata.uid));
    for (const uid of [...this.pods.keys()]) if (!live.has(uid)) this.forget(uid);
    for (const pod of pods) this.safely(() => this.observe(pod));
    const stop = api.watch('Pod', (ev) => this.safely(() => this.onPod(ev)));
    this.unwatch = () => {
      stop();
      if (this.api === api) this.api = undefined;
    };
    return () => this.detach();
  }

  /** Stop following the cluster; what is stored stays readable. */
  detach(): void {
    const u = this.unwatch;
    this.unwatch = undefined;
    u?.();
  }

  /** Detach and end every follow: for shutdown (the instances stay ended). */
  close(): void {
    this.detach();
    for (const rec of this.pods.values()) for (const list of rec.containers.values()) for (const inst of list) this.end(inst);
  }

  // ---- writers -------------------------------------------------------------------------------

  /**
   * Append lines (text split at newlines) to the running instance of a container, stamped `atMs`.
   * Returns false when the container has no running instance (nothing is written then).
   */
  append(pod: KubeObject, container: string, text: string, atMs: number): boolean {
    this.observe(pod);
    const inst = this.current(pod, container);
    if (!inst || inst.ended) return false;
    for (const line of text.replace(/\n$/, '').split('\n')) this.push(inst, line, atMs);
    return true;
  }

  /** One access-log line, in the format of the container's image (nginx, httpd; other images log nothing). */
  recordRequest(pod: KubeObject, containerName: string, rec: AccessRecord): boolean {
    this.observe(pod);
    const inst = this.current(pod, containerName);
    if (!inst || inst.ended) return false;
    const line = accessLine(inst.image, rec);
    if (line === undefined) return false;
    this.push(inst, line, rec.atMs);
    return true;
  }

  // ---- LogSource -----------------------------------------------------------------------------

  read(pod: KubeObject, container: string, options: LogOptions, nowMs: number): string {
    const name = resolveContainer(pod, container);
    // LogLocation: a pod not yet bound to a node has no kubelet to ask; the answer is an empty log.
    if (!pod.spec?.nodeName) {
      this.emitted.set(options, 0);
      return '';
    }
    const inst = this.instanceFor(pod, name, options.previous);
    const text = inst ? render(inst.lines, options, nowMs) : '';
    this.emitted.set(options, Buffer.byteLength(text));
    return text;
  }

  follow(pod: KubeObject, container: string, options: LogOptions, onText: (text: string) => void, onEnd: () => void): () => void {
    const noop = (): void => undefined;
    let inst: Instance | undefined;
    try {
      inst = pod.spec?.nodeName ? this.instanceFor(pod, resolveContainer(pod, container), options.previous) : undefined;
    } catch {
      inst = undefined;
    }
    const used = this.emitted.get(options) ?? 0;
    const remaining = options.limitBytes !== undefined ? options.limitBytes - used : Infinity;
    // A finished container (or --previous) has nothing more to say; nor has a read that used up limitBytes.
    if (!inst || inst.ended || remaining <= 0) {
      onEnd();
      return noop;
    }
    const f: Follower = { onText, onEnd, timestamps: options.timestamps, remaining };
    const followed = inst;
    followed.followers.add(f);
    return () => {
      followed.followers.delete(f);
    };
  }

  // ---- pods ----------------------------------------------------------------------------------

  private onPod(ev: WatchEvent): void {
    if (ev.type === 'DELETED') {
      this.forget(ev.object.metadata.uid!);
      return;
    }
    // A pod replaced under the same name is a new uid: the old one's DELETED came first.
    this.observe(ev.object);
  }

  private forget(uid: string): void {
    const rec = this.pods.get(uid);
    if (!rec) return;
    this.pods.delete(uid);
    for (const list of rec.containers.values()) {
      for (const inst of list) {
        this.end(inst);
        this.total -= inst.lines.bytes;
      }
    }
  }

  /** Bring the instances in line with what the pod's status shows (idempotent). */
  private observe(pod: KubeObject): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    const status = pod.status as { initContainerStatuses?: ContainerStatusLike[]; containerStatuses?: ContainerStatusLike[]; ephemeralContainerStatuses?: ContainerStatusLike[] } | undefined;
    for (const list of [status?.initContainerStatuses, status?.containerStatuses, status?.ephemeralContainerStatuses]) {
      for (const s of list ?? []) {
        const restarts = s.restartCount ?? 0;
        // The previous run first: instances are kept oldest first.
        const last = s.lastState?.terminated;
        if (last?.containerID) this.ensure(pod, s, last.containerID, restarts - 1, last.startedAt, true);
        if (s.state?.running) this.ensure(pod, s, s.containerID || `#${restarts}`, restarts, s.state.running.startedAt, false);
        else if (s.state?.terminated?.containerID) this.ensure(pod, s, s.state.terminated.containerID, restarts, s.state.terminated.startedAt, true);
      }
    }
  }

  private ensure(pod: KubeObject, s: ContainerStatusLike, key: string, restartCount: number, startedAt: string | undefined, ended: boolean): void {
    const uid = pod.metadata.uid!;
    let rec = this.pods.get(uid);
    let list = rec?.containers.get(s.name);
    let inst = list?.find((i) => i.key === key);
    if (!inst) {
      if (!rec) this.pods.set(uid, (rec = { uid, containers: new Map() }));
      if (!list) rec.containers.set(s.name, (list = []));
      const image = containerImage(pod, s.name) ?? s.image ?? '';
      inst = { key, restartCount, image, lines: new LineRing(), ended: false, followers: new Set() };
      let at = list.length;
      while (at > 0 && list[at - 1].restartCount > restartCount) at--;
      list.splice(at, 0, inst);
      // A container that never ran (terminated before it started) printed nothing.
      const startMs = startedAt ? Date.parse(startedAt) : NaN;
      if (Number.isFinite(startMs)) {
        const node = this.api && pod.spec?.nodeName ? this.api.get('Node', pod.spec.nodeName) : undefined;
        const lines = startupLines(image, {
          atMs: startMs,
          podIP: pod.status?.podIP,
          kernelVersion: node?.status?.nodeInfo?.kernelVersion,
          cpus: cpuCount(node?.status?.capacity?.cpu),
        });
        for (const line of lines) this.push(inst, line, startMs);
      }
      while (list.length > INSTANCES_KEPT) {
        const old = list.shift()!;
        this.end(old);
        this.total -= old.lines.bytes;
      }
    }
    if (ended) this.end(inst);
    // Only the newest instance can still be running: an older one ended when its successor started.
    for (let i = 0; i < list!.length - 1; i++) this.end(list![i]);
  }

  /** The instance `kubectl logs` reads now: the container's current (running or last terminated) one. */
  private current(pod: KubeObject, container: string): Instance | undefined {
    const s = containerStatus(pod, container);
    if (!s) return undefined;
    const key = s.state?.running ? s.containerID || `#${s.restartCount ?? 0}` : s.state?.terminated?.containerID;
    return key ? this.find(pod, container, key) : undefined;
  }

  private find(pod: KubeObject, container: string, key: string): Instance | undefined {
    return this.pods.get(pod.metadata.uid!)?.containers.get(container)?.find((i) => i.key === key);
  }

  /**
   * The kubelet's validateContainerLogStatus (pkg/kubelet/kubelet_pods.go): which instance a log
   * request reads, or its error (400, with the kubelet's words, as the API server relays them).
   */
  private instanceFor(pod: KubeObject, container: string, previous: boolean): Instance | undefined {
    this.observe(pod);
    const podName = pod.metadata.name!;
    const where = `container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)}`;
    const fail = (message: string): never => {
      throw new HttpError(400, 'BadRequest', message);
    };
    const s = containerStatus(pod, container);
    if (!s) {
      const st = pod.status as { containerStatuses?: unknown[]; initContainerStatuses?: unknown[] } | undefined;
      // The kubelet has not posted any status yet: its own view (generateAPIPodStatus) would show
      // the container waiting in ContainerCreating (PodInitializing behind init containers).
      if (!st?.containerStatuses && !st?.initContainerStatuses) {
        const isInit = ((pod.spec?.initContainers ?? []) as { name: string }[]).some((c) => c.name === container);
        return fail(`${where} is waiting to start: ${pod.spec?.initContainers?.length && !isInit ? 'PodInitializing' : 'ContainerCreating'}`);
      }
      return fail(`${where} is not available`);
    }
    const last = s.lastState?.terminated;
    const { waiting, running, terminated } = s.state ?? {};
    if (previous) {
      if (!last?.containerID) return fail(`previous terminated ${where} not found`);
      return this.find(pod, container, last.containerID);
    }
    if (running) return this.find(pod, container, s.containerID || `#${s.restartCount ?? 0}`);
    if (terminated) {
      // The next run did not start: its terminated state has no containerID; the last run's log is read.
      const id = terminated.containerID || last?.containerID;
      if (!id) return fail(`${where} is terminated`);
      return this.find(pod, container, id);
    }
    if (last) {
      if (!last.containerID) return fail(`${where} is terminated`);
      return this.find(pod, container, last.containerID);
    }
    if (waiting) {
      if (waiting.reason === 'ErrImagePull') return fail(`${where} is waiting to start: image can't be pulled`);
      if (waiting.reason === 'ImagePullBackOff') return fail(`${where} is waiting to start: trying and failing to pull image`);
      return fail(`${where} is waiting to start: ${waiting.reason ?? ''}`);
    }
    return fail(`${where} is waiting to start - no logs yet`);
  }

  // ---- lines ---------------------------------------------------------------------------------

  private push(inst: Instance, raw: string, ts: number): void {
    const text = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw;
    const line: Line = { ts, text, bytes: Buffer.byteLength(text) + 1 };
    inst.lines.push(line);
    this.total += line.bytes;
    const { maxLinesPerContainer, maxBytesPerContainer, maxTotalBytes } = this.limits;
    while (inst.lines.length > 1 && (inst.lines.length > maxLinesPerContainer || inst.lines.bytes > maxBytesPerContainer)) this.total -= inst.lines.shift();
    if (this.total > maxTotalBytes) this.evict();
    for (const f of [...inst.followers]) this.deliver(inst, f, line);
  }

  /**
   * Over the total: the largest logs lose their oldest lines (each down to the size of the next
   * largest, or by the excess) until the store holds 90% of the bound, so that the next eviction
   * is many appends away (each pass walks every instance).
   */
  private evict(): void {
    const target = this.limits.maxTotalBytes * 0.9;
    while (this.total > target) {
      let largest: Instance | undefined;
      let second = 0;
      for (const rec of this.pods.values()) {
        for (const list of rec.containers.values()) {
          for (const inst of list) {
            if (!largest || inst.lines.bytes > largest.lines.bytes) {
              if (largest) second = Math.max(second, largest.lines.bytes);
              largest = inst;
            } else second = Math.max(second, inst.lines.bytes);
          }
        }
      }
      if (!largest || largest.lines.length === 0) return;
      const floor = Math.max(second, largest.lines.bytes - (this.total - target));
      // At least one line per pass, so the loop always moves.
      do this.total -= largest.lines.shift();
      while (largest.lines.length > 0 && largest.lines.bytes > floor);
    }
  }

  private deliver(inst: Instance, f: Follower, line: Line): void {
    const s = (f.timestamps ? `${rfc3339NanoFixed(line.ts)} ` : '') + line.text + '\n';
    const b = Buffer.byteLength(s);
    // The kubelet's limit writer: the write that reaches limitBytes is cut there and ends the stream.
    if (b >= f.remaining) {
      inst.followers.delete(f);
      const cut = truncateBytes(s, f.remaining);
      call(() => f.onText(cut));
      call(f.onEnd);
      return;
    }
    f.remaining -= b;
    call(() => f.onText(s));
  }

  private end(inst: Instance): void {
    if (inst.ended) return;
    inst.ended = true;
    const followers = [...inst.followers];
    inst.followers.clear();
    for (const f of followers) call(f.onEnd);
  }

  private safely(fn: () => void): void {
    // Runs inside the API server's event dispatch (a controller's write): never let it fail the write.
    try {
      fn();
    } catch (e) {
      this.onError(e);
    }
  }
}

/** A follower's callback must not break the write that fed it. */
function call(fn: () => void): void {
  try {
    fn();
  } catch {
    // the stream's own error handling ends it
  }
}

/**
 * validateContainer (pkg/registry/core/pod/strategy.go, LogLocation): the container a log request
 * names, or the pod's only container; init and ephemeral containers are valid names too.
 */
export function resolveContainer(pod: KubeObject, container: string): string {
  const spec = pod.spec ?? {};
  const all = [...((spec.initContainers ?? []) as { name: string }[]), ...((spec.containers ?? []) as { name: string }[]), ...((spec.ephemeralContainers ?? []) as { name: string }[])].map((c) => c.name);
  const name = pod.metadata.name;
  if (!container) {
    const main = (spec.containers ?? []) as { name: string }[];
    if (main.length === 1) return main[0].name;
    if (main.length === 0) throw new HttpError(400, 'BadRequest', `a container name must be specified for pod ${name}`);
    // Go's %s of a []string: the names space-separated in brackets, init containers first (VisitContainers order).
    throw new HttpError(400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
  }
  if (!all.includes(container)) throw new HttpError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
  return container;
}

function containerStatus(pod: KubeObject, container: string): ContainerStatusLike | undefined {
  const st = pod.status ?? {};
  for (const list of [st.containerStatuses, st.initContainerStatuses, st.ephemeralContainerStatuses] as (ContainerStatusLike[] | undefined)[]) {
    const s = list?.find((x) => x.name === container);
    if (s) return s;
  }
  return undefined;
}

function containerImage(pod: KubeObject, container: string): string | undefined {
  const spec = pod.spec ?? {};
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers] as ({ name: string; image?: string }[] | undefined)[]) {
    const c = list?.find((x) => x.name === container);
    if (c) return c.image;
  }
  return undefined;
}

function cpuCount(q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  const s = String(q);
  const n = s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : undefined;
}

/**
 * The kubelet's ReadLogs (pkg/kubelet/kuberuntime/logs): tailLines counts from the end of the
 * file, then lines older than sinceSeconds are skipped, then limitBytes cuts the output.
 */
function render(lines: LineRing, options: LogOptions, nowMs: number): string {
  const n = lines.length;
  // A negative tail is the kubelet's "no tail" (the API server refuses one anyway).
  const start = options.tailLines !== undefined && options.tailLines >= 0 ? Math.max(0, n - options.tailLines) : 0;
  const since = options.sinceSeconds !== undefined ? nowMs - options.sinceSeconds * 1000 : -Infinity;
  let remaining = options.limitBytes ?? Infinity;
  const out: string[] = [];
  for (let i = start; i < n; i++) {
    const line = lines.at(i);
    if (line.ts < since) continue;
    const s = (options.timestamps ? `${rfc3339NanoFixed(line.ts)} ` : '') + line.text + '\n';
    const b = Buffer.byteLength(s);
    if (b >= remaining) {
      out.push(truncateBytes(s, remaining));
      break;
    }
    remaining -= b;
    out.push(s);
  }
  return out.join('');
}

/**
 * The first `max` bytes of `s`. The kubelet cuts at a byte; here the cut backs off to a character
 * boundary (at most 3 bytes short), since the text travels as a string.
 */
function truncateBytes(s: string, max: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= max) return s;
  let end = Math.max(0, max);
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/** types.RFC3339NanoFixed in UTC, as the kubelet prefixes lines with timestamps=true: `2026-12-03T10:12:19.123456789Z`. */
export function rfc3339NanoFixed(ms: number): string {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString(); // 2026-12-03T10:12:19.123Z
  const nanos = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6);
  return `${iso.slice(0, 19)}.${String(Math.min(nanos, 999_999_999)).padStart(9, '0')}Z`;
}
