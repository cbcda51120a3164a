// `kubectl logs` in the emulation, as `kubespec serve` defines container logs: serve's LogStore
// (src/serve/logs), one per cluster, following the same API (each image's start-up lines when a
// container starts; access lines for the requests a spec sends, through recordRequest), read with
// kubectl's pod and container choice (logs.go, polymorphichelpers) and its errors.
import type { KubeCluster } from '../cluster/backend';
import { StatusError } from '../apiserver/errors';
import { resolveResource } from '../apiserver/kinds';
import { fromLabelSelector } from '../apiserver/labels';
import type { KubeObject } from '../apiserver/types';
import { parseTime } from '../util/clock';
import type { LogOptions } from '../serve/api/rest';
import { HttpError } from '../serve/http/status';
import { LogStore } from '../serve/logs/log-store';
import { KubectlError, Output, type OpResult } from './resources';
import { durationMs } from './sim-time';
import type { VerbContext } from './verbs';

const stores = new WeakMap<KubeCluster, LogStore>();
/** Requests answered before the cluster's store existed: replayed into it when it is made. */
const pending = new WeakMap<KubeCluster, SentRequest[]>();
const MAX_PENDING = 10_000;

/**
 * The cluster's log store, made the first time `kubectl logs` asks (a spec that never reads logs
 * pays nothing): it follows the pods from then on, what runs gets its start-up lines as of when it
 * started, and the requests answered before then are replayed into it.
 */
export function logStoreFor(cluster: KubeCluster): LogStore {
  let s = stores.get(cluster);
  if (!s) {
    s = new LogStore();
    s.attach(cluster);
    stores.set(cluster, s);
    for (const sent of pending.get(cluster) ?? []) {
      const live = cluster.api.get('Pod', sent.pod.metadata.name!, sent.pod.metadata.namespace);
      if (live && live.metadata.uid === sent.pod.metadata.uid) record(cluster, s, { ...sent, pod: live });
    }
    pending.delete(cluster);
  }
  return s;
}

/** `10.244.1.0/24` → `10.244.1.1`: the node's bridge, which kube-proxy's SNAT makes the client. */
function bridgeAddress(cidr: unknown): string {
  const m = typeof cidr === 'string' ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(cidr) : null;
  return m ? `${m[1]}.${m[2]}.${m[3]}.${Number(m[4]) + 1}` : '10.244.0.1';
}

/** A request a spec sent, kept as little as it takes to make its access line later. */
interface SentRequest {
  pod: KubeObject;
  targetPort: number;
  atMs: number;
}

/**
 * The access line of a request a spec sent (a `request:` assertion): `GET /` from the answering
 * pod's node bridge, answered as serve's NodePort proxy answers it, in the container that listens.
 * Until `kubectl logs` makes the store, only the request is kept (a spec that never reads logs
 * pays a push per request).
 */
export function recordSpecRequest(cluster: KubeCluster, pod: KubeObject, targetPort: number): void {
  const sent: SentRequest = { pod, targetPort, atMs: cluster.clock.now() };
  const store = stores.get(cluster);
  if (store) return record(cluster, store, sent);
  const list = pending.get(cluster) ?? [];
  if (list.length < MAX_PENDING) list.push(sent);
  pending.set(cluster, list);
}

function record(cluster: KubeCluster, store: LogStore, { pod, targetPort, atMs }: SentRequest): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { answer } = require('../serve/nodeports/responses') as typeof import('../serve/nodeports/responses');
  const { imagePorts } = require('../images') as typeof import('../images');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const containers: any[] = pod.spec?.containers ?? [];
  const c = containers.find((x) => (x.ports?.length ? x.ports.some((p: any) => p.containerPort === targetPort && (p.protocol ?? 'TCP') === 'TCP') : imagePorts(x.image).includes(targetPort)));
  if (!c) return;
  const a = answer({ method: 'GET', url: '/', headers: { 'user-agent': 'kubespec' } }, { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, image: c.image ?? '', port: targetPort, nowMs: atMs });
  const node = pod.spec?.nodeName ? cluster.api.get('Node', pod.spec.nodeName) : undefined;
  store.recordRequest(pod, c.name, { remoteAddr: bridgeAddress(node?.spec?.podCIDR), method: 'GET', path: '/', httpVersion: '1.1', status: a.status, bytes: a.bodyBytes, userAgent: 'kubespec', atMs });
}

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const readyTime = (p: KubeObject) => {
  const c = (p.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  return c?.lastTransitionTime ? parseTime(c.lastTransitionTime) : 0;
};
const restarts = (p: KubeObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s: any) => s.restartCount ?? 0));

/** podutils.ByLogging: the pod `kubectl logs TYPE/NAME` reads first. */
function byLogging(a: KubeObject, b: KubeObject): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ra = rank[a.status?.phase] ?? 0;
  const rb = rank[b.status?.phase] ?? 0;
  if (ra !== rb) return ra - rb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b)) return readyTime(a) < readyTime(b) ? -1 : 1;
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = parseTime(a.metadata.creationTimestamp);
  const cb = parseTime(b.metadata.creationTimestamp);
  if (ca !== cb) return ca < cb ? -1 : 1;
  return 0;
}

/** The pod a `TYPE/NAME` argument reads (a workload's first pod by ByLogging), with kubectl's note on stderr. */
function podFor(ctx: VerbContext, arg: string, out: Output): KubeObject {
  const api = ctx.cluster.api;
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = api.get('Pod', arg, ctx.namespace);
    if (!pod) throw new KubectlError(`error from server (NotFound): pods ${JSON.stringify(arg)} not found in namespace ${JSON.stringify(ctx.namespace)}`);
    return pod;
  }
  const info = resolveResource(arg.slice(0, slash));
  if (!info) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(arg.slice(0, slash))}`);
  const name = arg.slice(slash + 1);
  const obj = api.get(info.kind, name, info.namespaced ? ctx.namespace : undefined);
  if (!obj) throw new KubectlError(`error from server (NotFound): ${info.group ? `${info.plural}.${info.group}` : info.plural} ${JSON.stringify(name)} not found${info.namespaced ? ` in namespace ${JSON.stringify(ctx.namespace)}` : ''}`);
  if (info.kind === 'Pod') return obj;
  const selector = obj.kind === 'Service' ? (obj.spec?.selector ? { matchLabels: obj.spec.selector } : undefined) : obj.spec?.selector;
  if (!selector) throw new KubectlError(`cannot attach to ${info.kind}: selector for ${info.kind} not implemented`);
  const pods = api.list('Pod', { namespace: obj.metadata.namespace, labelSelector: fromLabelSelector(selector) });
  if (!pods.length) throw new KubectlError(`timed out waiting for the condition`);
  const sorted = [...pods].sort(byLogging);
  if (pods.length > 1) out.err(`Found ${pods.length} pods, using pod/${sorted[0].metadata.name}\n`);
  return sorted[0];
}

/** `kubectl logs POD|TYPE/NAME [-c CONTAINER]` with --tail, --since, --timestamps, --previous, --all-containers, --prefix. */
export function logsCommand(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    const { args, flags } = ctx.cmd;
    const selector = String(flags.selector ?? '');
    if (!args.length && !selector) {
      throw new KubectlError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    }
    if (args.length > 2 || (args.length === 2 && ctx.cmd.given.has('container'))) throw new KubectlError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    // A real cluster keeps real logs; the embedded one's are kubespec's (started lazily, on first use).
    const remoteLogs = ctx.cluster.podLogs?.bind(ctx.cluster);
    const store = remoteLogs ? undefined : logStoreFor(ctx.cluster);
    const options: LogOptions = {
      follow: false,
      previous: flags.previous === true,
      timestamps: flags.timestamps === true,
      ...(Number(flags.tail) >= 0 ? { tailLines: Number(flags.tail) } : {}),
      ...(durationMs(String(flags.since ?? '0s')) > 0 ? { sinceSeconds: Math.ceil(durationMs(String(flags.since)) / 1000) } : {}),
      ...(Number(flags['limit-bytes']) > 0 ? { limitBytes: Number(flags['limit-bytes']) } : {}),
    };
    let pods: KubeObject[];
    if (selector) {
      if (args.length) throw new KubectlError('only a selector (-l) or a POD name is allowed');
      pods = ctx.cluster.api.list('Pod', { namespace: ctx.namespace, labelSelector: selector });
      if (!pods.length) {
        out.err(`No resources found in ${ctx.namespace} namespace.\n`);
        return out.result();
      }
    } else pods = [podFor(ctx, args[0], out)];
    const prefix = flags.prefix === true;
    for (const pod of pods) {
      const names: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
      let containers: string[];
      if (flags['all-containers'] === true) containers = [...(pod.spec?.initContainers ?? []).map((c: any) => c.name), ...names];
      else if (String(flags.container ?? '') || args[1]) containers = [String(flags.container || args[1])];
      else {
        const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
        const chosen = preferred && names.includes(preferred) ? preferred : names[0];
        if (names.length > 1 && chosen === names[0] && !preferred) out.err(`Defaulted container ${JSON.stringify(chosen)} out of: ${names.join(', ')}\n`);
        containers = [chosen];
      }
      for (const c of containers) {
        const all = [...names, ...(pod.spec?.initContainers ?? []).map((x: any) => x.name)];
        if (!all.includes(c)) throw new KubectlError(`container ${c} is not valid for pod ${pod.metadata.name}`);
        let text: string;
        try {
          text = remoteLogs ? remoteLogs(pod, c, { ...options }) : store!.read(pod, c, { ...options }, ctx.cluster.clock.now());
        } catch (e) {
          if (e instanceof HttpError) throw new StatusError(e.reason as 'BadRequest', e.message);
          throw e;
        }
        if (prefix) text = text.split('\n').map((l, i, a) => (i === a.length - 1 && l === '' ? l : `[pod/${pod.metadata.name}/${c}] ${l}`)).join('\n');
        out.out(text);
      }
    }
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}
