// Probes, simulated as the kubelet's probe workers run them (pkg/kubelet/prober/worker.go doProbe,
// prober.go, prober_manager.go):
// - a worker per probe starts when the pod is admitted and probes every periodSeconds from then on;
//   when a container starts (or its startup probe passes) the readiness worker is triggered once
//   at once (prober_manager.go UpdatePodStatus → manualTriggerCh);
// - a probe less than initialDelaySeconds (whole seconds) after the container started is skipped;
//   until the startup probe has passed, liveness and readiness are not run, and once it has, the
//   startup probe is not run again;
// - a result counts once it has come successThreshold (success) or failureThreshold (failure)
//   times in a row; readiness starts as failure, liveness as success;
// - a liveness or startup failure that counts kills the container ("will be restarted" unless
//   restartPolicy is Never) and holds the worker until the next container;
// - every failing probe records Unhealthy "<Kind> probe failed: <output>".
//
// Whether a probe succeeds: httpGet, tcpSocket and grpc succeed when the pod listens on the port
// (podListensOn: a declared containerPort, else the image's known port; agnhost's subcommands on
// theirs) and fail with the dialer's "connection refused" otherwise; agnhost `liveness` answers
// /healthz 200 for its first 10 s, then 500. An exec probe runs its command through programs.ts
// against the container's files at that moment (`cat /tmp/healthy` fails once the container's
// script has removed it); one that does not end within timeoutSeconds times out, and one the
// simulation does not understand succeeds.
import type { KubeObject } from '../../apiserver/types';
import { imageProcess, podListensOn } from '../../images';
import { baseExists, runArgv, type Outcome } from './programs';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
const KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];
const TITLE: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

export interface ProbeSpec {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  httpGet?: { port: number | string; path?: string; scheme?: string; host?: string };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number };
  exec?: { command?: string[] };
}

export interface ProbedContainer {
  name: string;
  image: string;
  args?: string[];
  stdin?: boolean;
  volumeMounts?: { mountPath: string }[];
  ports?: { containerPort: number; name?: string; protocol?: string }[];
  startupProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
}

/** One probe worker's memory (worker.go: lastResult, resultRun, onHold, and the published result). */
export interface ProbeWorker {
  kind: ProbeKind;
  lastResult?: boolean;
  run: number;
  /** The result the kubelet acts on (results manager): true success, false failure, undefined unknown. */
  result?: boolean;
  onHold: boolean;
  /** The container (by start time) the worker last probed: a new one resets the result. */
  runStartedAt?: number;
}

/** A container's probing state. */
export interface ProbeState {
  workers: ProbeWorker[];
  /** Probes at or before this instant have been run. */
  doneUntil: number;
  /** When the readiness worker is triggered outside its ticks (the container started, or passed its startup probe). */
  triggerAt?: number;
  /**
   * Nothing the probes do will change anything in this run any more (every result has settled and
   * what they probe no longer changes): they need not be run, nor looked ahead of.
   */
  quiet?: boolean;
}

/** What the prober needs to know about the container's current run. */
export interface ProbeTarget {
  pod: KubeObject;
  spec: ProbedContainer;
  podIP: string;
  /** The probe workers' start (the pod's admission). */
  admittedAt: number;
  /** When the current run started. */
  startedAt: number;
  /** What the container's program does (its files, for exec probes). */
  outcome: Outcome;
}

/** What one probe did. */
export interface ProbeEvent {
  at: number;
  kind: ProbeKind;
  /** Unhealthy message, when the probe failed. */
  unhealthy?: string;
  /** The container passed its startup probe (started), or became ready / unready. */
  started?: boolean;
  ready?: boolean;
  /** A liveness or startup failure that counts: the container is to be killed. */
  kill?: boolean;
}

export function probeOf(spec: ProbedContainer, kind: ProbeKind): ProbeSpec | undefined {
  return kind === 'startup' ? spec.startupProbe : kind === 'liveness' ? spec.livenessProbe : spec.readinessProbe;
}

const periodMs = (p: ProbeSpec) => (p.periodSeconds || 10) * 1000;

/** A fresh probe state for a container (its workers exist from the pod's admission on). */
export function newProbeState(spec: ProbedContainer, admittedAt: number): ProbeState {
  return { workers: KINDS.filter((k) => probeOf(spec, k)).map((kind) => ({ kind, run: 0, onHold: false })), doneUntil: admittedAt - 1 };
}

/** Whether the container counts as started: no startup probe, or it has passed. */
export function isStarted(state: ProbeState): boolean {
  const w = state.workers.find((x) => x.kind === 'startup');
  return !w || w.result === true;
}

/** Whether the container is ready: started, and no readiness probe or it passes. */
export function isReady(state: ProbeState): boolean {
  if (!isStarted(state)) return false;
  const w = state.workers.find((x) => x.kind === 'readiness');
  return !w || w.result === true;
}

/**
 * A new run of the container started at `at`: every worker sees a new container (its initial
 * result, no hold), and readiness is triggered at once unless a startup probe gates it.
 */
export function containerStarted(state: ProbeState, at: number): void {
  for (const w of state.workers) {
    w.runStartedAt = at;
    w.result = w.kind === 'readiness' ? false : w.kind === 'liveness' ? true : undefined;
    w.onHold = false;
  }
  state.triggerAt = state.workers.some((w) => w.kind === 'startup') ? undefined : at;
  state.quiet = false;
  // Ticks before the run are of no interest to it.
  state.doneUntil = Math.max(state.doneUntil, at - 1);
}

/** The next probe time of `kind` strictly after `after`. */
function nextTick(state: ProbeState, kind: ProbeKind, target: ProbeTarget, after: number): number {
  const p = probeOf(target.spec, kind)!;
  const period = periodMs(p);
  let t = target.admittedAt + (Math.floor((after - target.admittedAt) / period) + 1) * period;
  if (after < target.admittedAt) t = target.admittedAt;
  if (kind === 'readiness' && state.triggerAt !== undefined && state.triggerAt > after && state.triggerAt < t) t = state.triggerAt;
  return t;
}

/**
 * Run every probe due in (doneUntil, until], in time order, on `state`; stop after a kill. Returns
 * what happened, each with its time.
 */
export function runProbes(state: ProbeState, target: ProbeTarget, until: number): ProbeEvent[] {
  const out: ProbeEvent[] = [];
  if (state.quiet) return out;
  for (let guard = 0; guard < 100_000; guard++) {
    let at = Infinity;
    let kind: ProbeKind | undefined;
    for (const w of state.workers) {
      const t = nextTick(state, w.kind, target, state.doneUntil);
      if (t < at) {
        at = t;
        kind = w.kind;
      }
    }
    if (kind === undefined || at > until) break;
    // Every worker whose probe falls on this instant runs, startup first.
    for (const w of state.workers) {
      if (nextTick(state, w.kind, target, state.doneUntil) !== at) continue;
      const ev = doProbe(state, w, target, at);
      if (ev) out.push(ev);
    }
    if (state.triggerAt !== undefined && state.triggerAt <= at) state.triggerAt = undefined;
    state.doneUntil = at;
    if (out.some((e) => e.kill)) break;
  }
  return out;
}

/** worker.go doProbe at `at`. */
function doProbe(state: ProbeState, w: ProbeWorker, target: ProbeTarget, at: number): ProbeEvent | undefined {
  const p = probeOf(target.spec, w.kind)!;
  if (at < target.startedAt) return undefined;
  if (w.runStartedAt !== target.startedAt) {
    // A new container: the initial result, and no hold.
    w.runStartedAt = target.startedAt;
    w.result = w.kind === 'readiness' ? false : w.kind === 'liveness' ? true : undefined;
    w.onHold = false;
  }
  if (w.onHold) return undefined;
  if (Math.floor((at - target.startedAt) / 1000) < (p.initialDelaySeconds ?? 0)) return undefined;
  const started = isStarted(state);
  if (started ? w.kind === 'startup' : w.kind !== 'startup') return undefined;
  const failure = probeFailure(p, target, at);
  const ok = failure === undefined;
  if (w.lastResult === ok) w.run++;
  else {
    w.lastResult = ok;
    w.run = 1;
  }
  const ev: ProbeEvent = { at, kind: w.kind };
  if (!ok) ev.unhealthy = `${TITLE[w.kind]} probe failed: ${failure}`;
  if ((!ok && w.run < (p.failureThreshold || 3)) || (ok && w.run < (p.successThreshold || 1))) return ev.unhealthy ? ev : undefined;
  const before = w.result;
  w.result = ok;
  if (w.kind === 'startup' && ok && before !== true) {
    ev.started = true;
    // Started: readiness is probed at once.
    state.triggerAt = at;
  }
  if (w.kind === 'readiness' && before !== ok) ev.ready = ok;
  if ((w.kind === 'liveness' || w.kind === 'startup') && !ok) {
    w.onHold = true;
    w.run = 0;
    ev.kill = true;
  }
  return ev.unhealthy || ev.started || ev.ready !== undefined || ev.kill ? ev : undefined;
}

/** Resolve a probe's port: a number, or the name of one of the container's ports. */
function probePort(port: number | string, container: ProbedContainer): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Ports an agnhost subcommand listens on (test/images/agnhost: liveness 8080, netexec --http-port, serve-hostname --port). */
function agnhostPorts(c: ProbedContainer): number[] {
  if (imageProcess(c.image).kind !== 'agnhost' || !c.args?.length) return [];
  const flag = (name: string, dflt: number) => {
    const a = c.args!.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.slice(name.length + 3)) : dflt;
  };
  switch (c.args[0]) {
    case 'liveness':
      return [8080];
    case 'netexec':
      return [flag('http-port', 8080)];
    case 'serve-hostname':
      return [flag('port', 9376)];
    default:
      return [];
  }
}

/**
 * The probe's result at `at`: undefined when it succeeds, else its output as the kubelet's prober
 * reports it (prober.go; http.go "HTTP probe failed with statuscode: %d"; the dialer's error).
 */
export function probeFailure(probe: ProbeSpec, target: ProbeTarget, at: number): string | undefined {
  const { pod, spec } = target;
  if (probe.exec) return execFailure(probe, target, at);
  const t = probe.httpGet ?? probe.tcpSocket ?? probe.grpc;
  if (!t) return undefined;
  const port = probePort(t.port, spec);
  const host = ('host' in t && t.host) || target.podIP;
  const addr = `${host}:${port ?? t.port}`;
  const listens = port !== undefined && (podListensOn(pod.spec, port) || ((pod.spec?.containers ?? []) as ProbedContainer[]).some((c) => agnhostPorts(c).includes(port)));
  if (listens) {
    // agnhost liveness: /healthz is 200 for 10 s after the server started, then 500.
    if (probe.httpGet && spec.args?.[0] === 'liveness' && agnhostPorts(spec).includes(port!) && (probe.httpGet.path ?? '/') === '/healthz' && at - target.startedAt > 10_000) {
      return 'HTTP probe failed with statuscode: 500';
    }
    return undefined;
  }
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    return `Get "${scheme}://${addr}${path.startsWith('/') ? path : `/${path}`}": dial tcp ${addr}: connect: connection refused`;
  }
  if (probe.grpc) return `timeout: failed to connect service "${addr}" within 1s: context deadline exceeded`;
  return `dial tcp ${addr}: connect: connection refused`;
}

/** An exec probe: its command against the container's files at `at` (remote_runtime ExecSync). */
function execFailure(probe: ProbeSpec, target: ProbeTarget, at: number): string | undefined {
  const argv = probe.exec?.command ?? [];
  const proc = imageProcess(target.spec.image);
  const mounts = (target.spec.volumeMounts ?? []).map((m) => m.mountPath);
  const since = at - target.startedAt;
  const exists = (path: string): boolean => {
    let state: boolean | undefined;
    for (const f of target.outcome.files) if (f.atMs <= since && f.path === path) state = f.exists;
    return state ?? baseExists(path, mounts, proc.kind);
  };
  const o = runArgv(argv, { flavour: proc.flavour, stdin: false, mounts, exists });
  const timeoutMs = (probe.timeoutSeconds || 1) * 1000;
  if (!o.understood) return undefined;
  if (!o.exit || o.exit.afterMs > timeoutMs) return `command ${JSON.stringify(argv.join(' '))} timed out`;
  return o.exit.code === 0 ? undefined : o.output;
}

/**
 * The next probe that changes something after `now` (an Unhealthy event, started, ready or not, a
 * kill), found by running the probes ahead on a copy of the state; undefined when none will, as
 * far as `horizon`. `settle` tells whether it moves the pod towards its steady state (started,
 * ready), which the settle loop waits for, or is something only a waiting user sees.
 */
export function nextProbeEffect(state: ProbeState, target: ProbeTarget, now: number, horizon: number): { at: number; settle: boolean } | undefined {
  const copy: ProbeState = { ...state, workers: state.workers.map((w) => ({ ...w })) };
  // Far enough that every change in the container's files has been seen by every threshold.
  let end = now;
  let step = 0;
  for (const w of state.workers) {
    const p = probeOf(target.spec, w.kind)!;
    step = Math.max(step, periodMs(p) * ((p.failureThreshold || 3) + (p.successThreshold || 1) + 1) + (p.initialDelaySeconds ?? 0) * 1000);
  }
  const lastChange = Math.max(target.startedAt + 10_000, ...target.outcome.files.map((f) => target.startedAt + f.atMs));
  if (state.quiet) return undefined;
  const settled = Math.max(now, lastChange) + step;
  end = Math.min(horizon, settled);
  for (let from = now; from < end; ) {
    const to = Math.min(end, from + step);
    const evs = runProbes(copy, target, to);
    if (evs.length) {
      const ev = evs[0];
      return { at: ev.at, settle: !ev.unhealthy && !ev.kill && ev.ready !== false };
    }
    from = to;
  }
  // Past `settled` every probe gives what it gave last, and gave it often enough to count: the
  // probes are done with this run.
  if (end === settled) state.quiet = true;
  return undefined;
}
