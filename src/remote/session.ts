// A run on a real cluster (kubespec run|grade --kubeconfig): the connection, checked once before
// any spec runs (unreachable server, TLS, 401, 403 on namespace creation, a missing context, no
// apps/v1: each one line); then for each spec a fresh namespace `kubespec-<hash>`, its cache and
// watches, and its deletion afterwards (foreground, waited for) unless --keep-namespaces. A
// janitor process (janitor.ts) deletes what an interrupted run leaves.
//
// What only the simulator can do is said here, as skip reasons: failing a node, making images
// unavailable, seeded names and IPs, a node layout the cluster lacks, waits past --max-wait,
// requests through kubespec's Service routing.
import { spawn, type ChildProcess } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { threadId } from 'worker_threads';
import type { Spec, Step } from '../spec/model';
import type { KubeObject } from '../apiserver/types';
import { RemoteApi, RemoteError, statusError } from './api';
import { remoteFile, workerCall, type Call } from './bridge';
import { RemoteCluster } from './cluster';
import type { WorkerReply } from './protocol';
import { NodePortLocks } from './locks';

export interface RemoteRunOptions {
  /** A kubeconfig file (default: KUBECONFIG, then ~/.kube/config). */
  kubeconfig?: string;
  context?: string;
  /** Let manifests write other namespaces and cluster-scoped kinds (removed after the spec). */
  allowClusterScoped?: boolean;
  /** Leave each spec's namespace in place (for looking at it afterwards). */
  keepNamespaces?: boolean;
  /** Longest one step may take to settle (ms; default 120 s). */
  stepTimeoutMs?: number;
  /** Longest `wait:` honoured (ms; default 60 s): a longer one is skipped with the reason. */
  maxWaitMs?: number;
  /** How long nothing may change before the cluster counts as quiet (ms; default 1 s). */
  quietMs?: number;
  /** Where nodePorts are reached from this machine (default: each node's InternalIP, then the API server's host). */
  nodeAddress?: string;
  /** Run each spec on the embedded cluster too, and report what differs (compare.ts). */
  compare?: boolean;
}

export const DEFAULT_STEP_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_WAIT_MS = 60_000;
const DEFAULT_QUIET_MS = 1000;
/** Longest any one call to the API server may take (ms). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Longest a namespace's deletion is waited for (ms). */
const NAMESPACE_DELETE_WAIT_MS = 120_000;

/** What a spec runs on, and what the runner gives back when the spec is done. */
export interface RemoteSpecCluster {
  cluster: RemoteCluster;
  namespace: string;
  close(): void;
}

function formatDuration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export class RemoteSession {
  readonly server: string;
  readonly context: string;
  /** The server's version (gitVersion), for the report. */
  readonly version: string;
  private readonly unserved = new Set<string>();
  private readonly nodes: string[];
  private janitor?: ChildProcess;
  private readonly stateFile: string;

  private constructor(
    private readonly call: Call,
    readonly opts: RemoteRunOptions,
  ) {
    const c = call({ op: 'connect', kubeconfig: opts.kubeconfig, context: opts.context, requestTimeoutMs: REQUEST_TIMEOUT_MS }) as WorkerReply;
    if ('error' in c) throw new RemoteError(c.error);
    const conn = c as { server: string; context: string };
    this.server = conn.server;
    this.context = conn.context;
    const version = this.get('/version');
    if (version.status !== 200) throw this.refusal(version, 'read /version');
    this.version = (JSON.parse(version.body) as { gitVersion?: string }).gitVersion ?? 'unknown';
    const apps = this.get('/apis/apps/v1');
    if (apps.status === 404) throw new RemoteError(`the API server at ${this.server} does not serve apps/v1 (Deployments, ReplicaSets), which kubespec's specs need`);
    if (apps.status !== 200) throw this.refusal(apps, 'read the apps/v1 API');
    if (this.get('/apis/discovery.k8s.io/v1').status !== 200) this.unserved.add('EndpointSlice');
    const nodes = this.get('/api/v1/nodes');
    this.nodes = nodes.status === 200 ? ((JSON.parse(nodes.body) as { items?: KubeObject[] }).items ?? []).map((n) => n.metadata.name!) : [];
    this.stateFile = path.join(os.tmpdir(), `kubespec-namespaces-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`);
  }

  /** Connect (once per process thread and options); throws RemoteError with one line on any problem. */
  static open(opts: RemoteRunOptions): RemoteSession {
    const key = JSON.stringify(opts);
    let s = sessions.get(key);
    if (!s) {
      s = new RemoteSession(workerCall(REQUEST_TIMEOUT_MS + 5000), opts);
      sessions.set(key, s);
    }
    return s;
  }

  private get(p: string): { status: number; body: string } {
    const r = this.call({ op: 'request', method: 'GET', path: p }) as WorkerReply;
    if ('error' in r) throw new RemoteError(r.error);
    return r as { status: number; body: string };
  }

  private send(method: string, p: string, body?: unknown): { status: number; body: string } {
    const r = this.call({ op: 'request', method, path: p, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }) as WorkerReply;
    if ('error' in r) throw new RemoteError(r.error);
    return r as { status: number; body: string };
  }

  /** An answer that stops the run, in one line: 401 and 403 say whose credentials. */
  private refusal(r: { status: number; body: string }, what: string): RemoteError {
    const message = statusError(r.status, r.body).message;
    if (r.status === 401) return new RemoteError(`the API server at ${this.server} refused the kubeconfig's credentials (401 Unauthorized) to ${what}`);
    if (r.status === 403) return new RemoteError(`the kubeconfig's user may not ${what} (403 Forbidden): ${message}`);
    return new RemoteError(`could not ${what} (HTTP ${r.status}): ${message}`);
  }

  /** Check, before any spec runs, that this user may create and delete a namespace (nothing is left behind). */
  preflight(): void {
    const ns = this.createNamespace('kubespec-check');
    this.deleteNamespace(ns, false);
  }

  private startJanitor(): void {
    if (this.janitor || this.opts.keepNamespaces) return;
    fs.writeFileSync(this.stateFile, '', { mode: 0o600 });
    this.janitor = spawn(process.execPath, [remoteFile('janitor.js'), this.stateFile, this.opts.kubeconfig ?? '', this.opts.context ?? this.context], { stdio: ['pipe', 'ignore', 'inherit'], detached: false });
    this.janitor.unref();
    (this.janitor.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private note(line: string): void {
    if (this.janitor) fs.appendFileSync(this.stateFile, `${line}\n`);
  }

  private createNamespace(prefix: string, spec?: Spec): string {
    const hash = createHash('sha256')
      .update(`${spec?.file ?? ''}\0${spec?.name ?? ''}\0${spec?.index ?? ''}\0${process.pid}\0${threadId}\0${Date.now()}\0${randomBytes(8).toString('hex')}`)
      .digest('hex')
      .slice(0, 8);
    const name = `${prefix}-${hash}`;
    this.startJanitor();
    this.note(`+${name}`);
    const r = this.send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'kubespec' } } });
    if (r.status !== 201 && r.status !== 200) {
      this.note(`-${name}`);
      throw this.refusal(r, 'create namespaces');
    }
    return name;
  }

  private deleteNamespace(name: string, wait: boolean): void {
    const r = this.send('DELETE', `/api/v1/namespaces/${name}`, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' });
    if (r.status >= 300 && r.status !== 404) throw this.refusal(r, `delete namespace ${name}`);
    if (wait) {
      const until = Date.now() + NAMESPACE_DELETE_WAIT_MS;
      while (Date.now() < until && this.get(`/api/v1/namespaces/${name}`).status !== 404) this.call({ op: 'events', waitMs: 250 });
    }
    this.note(`-${name}`);
  }

  /** A fresh namespace for one spec, its cache filled and watched. */
  openSpec(spec: Spec, seed: number): RemoteSpecCluster {
    const namespace = this.createNamespace('kubespec', spec);
    try {
      // Pods need the namespace's default ServiceAccount, which a controller adds a moment later.
      const until = Date.now() + 15_000;
      while (Date.now() < until && this.get(`/api/v1/namespaces/${namespace}/serviceaccounts/default`).status === 404) this.call({ op: 'events', waitMs: 100 });
      const locks = new NodePortLocks(this.server);
      const api = new RemoteApi(this.call, { namespace, allowClusterScoped: !!this.opts.allowClusterScoped, unserved: this.unserved, locks, lockTimeoutMs: this.opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS });
      api.start();
      const cluster = new RemoteCluster(api, this.call, seed, { quietMs: this.opts.quietMs ?? DEFAULT_QUIET_MS, stepTimeoutMs: this.opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS }, { serverHost: new URL(this.server).hostname, namespace, ...(this.opts.nodeAddress ? { nodeAddress: this.opts.nodeAddress } : {}) });
      return {
        cluster,
        namespace,
        close: () => {
          api.restoreNodes();
          api.stop();
          if (this.opts.keepNamespaces) return locks.releaseAll();
          for (const o of api.outside) {
            try {
              api.delete(o.kind, o.name, { namespace: o.namespace, propagationPolicy: 'Foreground' });
            } catch {
              // already gone, or not ours to delete any more
            }
          }
          try {
            this.deleteNamespace(namespace, true);
          } finally {
            locks.releaseAll();
          }
        },
      };
    } catch (e) {
      if (!this.opts.keepNamespaces) this.deleteNamespace(namespace, false);
      throw e;
    }
  }

  /** Why a whole spec cannot run on a real cluster, if it cannot. */
  specSkipReason(spec: Spec): string | undefined {
    const c = spec.cluster;
    if (c.images?.unavailable?.length) return `makes images unavailable (cluster.images.unavailable), which only the embedded cluster can do`;
    if (spec.seed !== undefined || c.seed !== undefined) return `fixes a seed (seed: ${spec.seed ?? c.seed}): the names and IPs it expects are the embedded cluster's`;
    if (c.nodes?.length) {
      const missing = c.nodes.map((n) => n.name).filter((n) => !this.nodes.includes(n));
      if (missing.length) return `needs nodes this cluster lacks (cluster.nodes: ${missing.join(', ')}; it has ${this.nodes.join(', ') || 'none visible'})`;
    }
    return undefined;
  }

  /**
   * Why one step cannot be graded on a real cluster, if it cannot. `runAction`: the action still
   * runs (the steps after it build on what it does), only what it asserts is not graded.
   */
  stepSkipReason(step: Step): { reason: string; runAction: boolean } | undefined {
    const reason = this.skipOnly(step);
    if (reason) return { reason, runAction: false };
    // A step's `expect` requests are sent for real (requests.ts); at every intermediate state they
    // would be thousands of real requests, so `throughout`/`eventually` ones are not checked here.
    const during = [...step.throughout, ...((step as { eventually?: Step['expect'] }).eventually ?? [])];
    if (during.some((x) => x.type === 'request')) return { reason: `its throughout/eventually request assertions are checked only on the embedded cluster (its action ran)`, runAction: true };
    return undefined;
  }

  private skipOnly(step: Step): string | undefined {
    const a = step.action;
    if (a.type === 'node' && a.ready !== undefined) return `fails or restores node ${a.name} (node: ready), which only the embedded cluster can do`;
    if (a.type === 'node' && !this.opts.allowClusterScoped) return `cordons node ${a.name} (node: unschedulable), a cluster-scoped write this run does not allow (--allow-cluster-scoped)`;
    const maxWait = this.opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    if (a.type === 'wait' && a.ms > maxWait) return `waits ${a.text}, longer than --max-wait ${formatDuration(maxWait)}`;
    return undefined;
  }
}

const sessions = new Map<string, RemoteSession>();
