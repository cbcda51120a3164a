// `request:` assertions on a real cluster: real HTTP requests to a nodePort on a node the machine can
// reach (the node's own address, else the API server's host, as for kubespec serve or a kind
// cluster with a port mapping), or to a Service port through the API server's Service proxy.
// What can be checked there is: whether each request was answered, and what the answer says. Which
// pod answered is known only when the answer says so (kubespec serve names it in X-Kubespec-Pod);
// an assertion that needs it (reaches, answers, sameBackend) is otherwise unverifiable, and its step
// is reported skipped with that reason rather than guessed.
import type { KubeObject } from '../apiserver/types';
import { matches, parseSelector } from '../apiserver/labels';
import type { RequestAssertion } from '../spec/model';
import { containsText, describePattern } from '../spec/pattern';
import type { Failure } from '../runner/result';
import type { Random } from '../util/random';
import type { Call } from './bridge';
import type { RemoteApi } from './api';
import type { WorkerReply } from './protocol';

/** Requests sent at most for one assertion on a real cluster (each is a real round trip). */
const MAX_REQUESTS = 1000;
/** How long one request may take (ms). */
const REQUEST_TIMEOUT_MS = 3000;

interface Answer {
  /** The pod that answered, when the answer names it. */
  pod?: KubeObject;
  status: number;
  body: string;
}

export type RemoteRequestOutcome = { failure?: Failure; how: string } | { unverifiable: string };

function isReady(p: KubeObject): boolean {
  return ((p.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

function internalIp(node: KubeObject | undefined): string | undefined {
  return ((node?.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address;
}

export class RemoteRequests {
  /** Addresses that did not connect (tried once per spec: a node IP this machine cannot reach). */
  private readonly unreachable = new Set<string>();

  constructor(
    private readonly call: Call,
    private readonly api: RemoteApi,
    /** The API server's host (a loopback kubespec serve, a kind port mapping...). */
    private readonly serverHost: string,
    /** --node-address: the one address nodePorts are reached at from this machine, when given. */
    private readonly nodeAddress: string | undefined,
    private readonly namespace: string,
  ) {}

  private podFrom(headers: Record<string, string> | undefined): KubeObject | undefined {
    const named = headers?.['x-kubespec-pod'];
    if (!named) return undefined;
    const name = named.includes('/') ? named.slice(named.indexOf('/') + 1) : named;
    return this.api.get('Pod', name);
  }

  /** One request to a nodePort: on the node named (or one chosen), through the first address that connects. */
  private toNodePort(port: number, nodeName: string | undefined, rng: Random): { answer?: Answer; error?: string; how: string } {
    const nodes = this.api.list('Node');
    const node = nodeName !== undefined ? nodes.find((n) => n.metadata.name === nodeName) : nodes[rng.int(Math.max(1, nodes.length))];
    // A loopback API server (kubespec serve, a kind cluster's port mapping) is tried first: its
    // nodes' addresses are usually not this machine's to reach.
    const loopback = /^(127\.|localhost$|\[?::1\]?$)/.test(this.serverHost);
    const order = loopback ? [this.serverHost, internalIp(node)] : [internalIp(node), this.serverHost];
    const addresses = this.nodeAddress ? [this.nodeAddress] : order.filter((a, i, all): a is string => !!a && all.indexOf(a) === i && !this.unreachable.has(a));
    let last = `no address of ${nodeName ?? 'any node'} is reachable from this machine`;
    for (const address of addresses) {
      const r = this.call({ op: 'get', url: `http://${address}:${port}/`, timeoutMs: REQUEST_TIMEOUT_MS }) as WorkerReply;
      const how = `http://${address}:${port}/`;
      if ('error' in r) {
        // At the last address (or the one given), a refusal is the answer: nothing listens there.
        if (address === addresses[addresses.length - 1]) return { error: r.error, how };
        if (!/connection refused/.test(r.error)) this.unreachable.add(address);
        last = r.error;
        continue;
      }
      const a = r as { status: number; body: string; headers?: Record<string, string> };
      return { answer: { status: a.status, body: a.body, pod: this.podFrom(a.headers) }, how };
    }
    return { error: last, how: `nodePort ${port}` };
  }

  /** One request to a Service port, through the API server's Service proxy. */
  private toService(service: string, port: number): { answer?: Answer; error?: string; unverifiable?: string; how: string } {
    const path = `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/services/${encodeURIComponent(`${service}:${port}`)}/proxy/`;
    const how = `the API server's Service proxy (${path})`;
    const r = this.call({ op: 'request', method: 'GET', path }) as WorkerReply;
    if ('error' in r) return { error: r.error, how };
    const a = r as { status: number; body: string; headers?: Record<string, string> };
    // The proxy's own refusals (no endpoints: 503; a server without the proxy: 400/404/405) are not a backend's answer.
    if (a.status === 503) return { error: `the Service has no endpoint that answers (503)`, how };
    if (a.status === 400 || a.status === 404 || a.status === 405) return { unverifiable: `the API server's Service proxy is not available here (HTTP ${a.status})`, how };
    return { answer: { status: a.status, body: a.body, pod: this.podFrom(a.headers) }, how };
  }

  check(a: RequestAssertion, rng: Random): RemoteRequestOutcome {
    const target = a.request;
    const times = Math.min(a.times, MAX_REQUESTS);
    const answers: Answer[] = [];
    const failed: string[] = [];
    let how = '';
    for (let i = 0; i < times; i++) {
      const r: { answer?: Answer; error?: string; unverifiable?: string; how: string } = 'nodePort' in target ? this.toNodePort(target.nodePort, target.node, rng) : this.toService(target.service, target.port);
      how = r.how;
      if (r.unverifiable) return { unverifiable: r.unverifiable };
      if (r.answer) answers.push(r.answer);
      else failed.push(r.error ?? 'no answer');
    }
    const where = `checked through ${how}`;
    const fail = (message: string): RemoteRequestOutcome => ({ failure: { message: `${message} (${where})`, location: a.location, kind: 'expect' }, how });
    if (a.fails) return answers.length ? fail(`expected every request to fail, but ${answers.length} of ${times} were answered`) : { how };
    if (failed.length) return fail(`${failed.length} of ${times} requests failed: ${[...new Set(failed)].slice(0, 3).join('; ')}`);
    const needsPods = a.reaches !== undefined || a.answers !== undefined || a.sameBackend;
    if (needsPods && answers.some((x) => !x.pod)) return { unverifiable: `which pod answers a request is known only where the answer says so (kubespec serve's X-Kubespec-Pod), and these answers do not (${where})` };
    if (a.reaches) {
      const sel = parseSelector(a.reaches.selector);
      const wrong = answers.filter((x) => !matches(sel, x.pod!.metadata.labels));
      if (wrong.length) return fail(`${wrong.length} of ${times} answers came from pods that do not match ${a.reaches.selector}: ${[...new Set(wrong.map((x) => x.pod!.metadata.name))].join(', ')}`);
      if (a.reaches.all) {
        const seen = new Set(answers.map((x) => x.pod!.metadata.name));
        const missed = this.api.list('Pod', { labelSelector: a.reaches.selector }).filter(isReady).filter((p) => !seen.has(p.metadata.name));
        if (missed.length) return fail(`no request reached ${missed.map((p) => p.metadata.name).join(', ')} (ready, matching ${a.reaches.selector})`);
      }
    }
    for (const share of a.answers ?? []) {
      const sel = parseSelector(share.selector);
      const got = answers.filter((x) => matches(sel, x.pod!.metadata.labels)).length / Math.max(1, answers.length);
      if ((share.share.min !== undefined && got < share.share.min) || (share.share.max !== undefined && got > share.share.max))
        return fail(`pods matching ${share.selector} gave ${Math.round(got * 1000) / 10}% of the answers, outside ${share.share.min ?? 0}..${share.share.max ?? 1}`);
    }
    if (a.sameBackend && new Set(answers.map((x) => x.pod!.metadata.name)).size > 1) return fail(`the answers came from ${new Set(answers.map((x) => x.pod!.metadata.name)).size} pods, not one`);
    if (a.body) {
      const off = answers.find((x) => !containsText(a.body!, x.body));
      if (off) return fail(`an answer's body does not contain ${describePattern(a.body)}: ${JSON.stringify(off.body.slice(0, 60))}`);
    }
    return { how };
  }
}
