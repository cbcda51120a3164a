// The REST layer of `kubespec serve` over a live embedded cluster: verbs, Tables, scale, watch replay and 410.
import { Cluster } from '../../cluster/cluster';
import { requestInfo, type ResourceRequest } from '../http/request-info';
import { HttpError } from '../http/status';
import { handleResource, type RestContext } from './rest';
import { WatchHub, WatchStartError } from './watch';

const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
};

function call(ctx: RestContext, method: string, url: string, body?: unknown, headers: { accept?: string; contentType?: string } = {}) {
  const u = new URL(url, 'http://x');
  const info = requestInfo(method, u.pathname, u.searchParams) as ResourceRequest;
  return handleResource(ctx, { info, query: u.searchParams, accept: headers.accept, contentType: headers.contentType ?? 'application/json', body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
}

function setup() {
  const cluster = new Cluster();
  const ctx: RestContext = { api: cluster.api, now: () => cluster.clock.now() };
  return { cluster, ctx };
}

test('create answers 201, the controllers make the pods, a Table lists them with the printers’ columns', () => {
  const { cluster, ctx } = setup();
  const r = call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create', DEPLOY);
  expect(r).toMatchObject({ kind: 'json', code: 201 });
  cluster.settle();
  const t = call(ctx, 'GET', '/api/v1/namespaces/default/pods?limit=500', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  const body = (t as { body: { kind: string; columnDefinitions: { name: string }[]; rows: { cells: string[]; object: { kind: string } }[] } }).body;
  expect(body.kind).toBe('Table');
  expect(body.columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
  expect(body.rows).toHaveLength(2);
  expect(body.rows[0].cells[2]).toBe('Running');
  expect(body.rows[0].object.kind).toBe('PartialObjectMetadata');
});

test('list pages with limit and continue; items carry no kind', () => {
  const { cluster, ctx } = setup();
  call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments', { ...DEPLOY, spec: { ...DEPLOY.spec, replicas: 3 } });
  cluster.settle();
  const first = call(ctx, 'GET', '/api/v1/namespaces/default/pods?limit=2') as { body: { items: { kind?: string }[]; metadata: { continue?: string; remainingItemCount?: number } } };
  expect(first.body.items).toHaveLength(2);
  expect(first.body.items[0].kind).toBeUndefined();
  expect(first.body.metadata.remainingItemCount).toBe(1);
  const rest = call(ctx, 'GET', `/api/v1/namespaces/default/pods?limit=2&continue=${encodeURIComponent(first.body.metadata.continue!)}`) as { body: { items: unknown[]; metadata: { continue?: string } } };
  expect(rest.body.items).toHaveLength(1);
  expect(rest.body.metadata.continue).toBeUndefined();
  expect(() => call(ctx, 'GET', '/api/v1/namespaces/default/pods?continue=garbage')).toThrow(HttpError);
});

test('unsupported field labels are upstream’s BadRequest', () => {
  const { ctx } = setup();
  expect(() => call(ctx, 'GET', '/apis/apps/v1/namespaces/default/deployments?fieldSelector=spec.replicas%3D2')).toThrow('field label not supported: spec.replicas');
  expect(() => call(ctx, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dworker0')).not.toThrow();
});

test('scale subresource reads and writes spec.replicas as autoscaling/v1 Scale', () => {
  const { cluster, ctx } = setup();
  call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments', DEPLOY);
  cluster.settle();
  const s = call(ctx, 'GET', '/apis/apps/v1/namespaces/default/deployments/web/scale') as { body: { kind: string; spec: { replicas: number }; status: { selector: string } } };
  expect(s.body).toMatchObject({ kind: 'Scale', spec: { replicas: 2 }, status: { selector: 'app=web' } });
  call(ctx, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 4 } }, { contentType: 'application/merge-patch+json' });
  cluster.settle();
  expect(cluster.api.list('Pod', { namespace: 'default' })).toHaveLength(4);
});

test('fieldValidation=Warn drops unknown fields and names them; Strict refuses them', () => {
  const { ctx } = setup();
  const bad = { ...DEPLOY, metadata: { name: 'w2' }, spec: { ...DEPLOY.spec, replicaz: 3 } };
  const r = call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments?fieldValidation=Warn', bad) as { warnings: string[]; body: { spec: Record<string, unknown> } };
  expect(r.warnings).toEqual(['unknown field "spec.replicaz"']);
  expect(r.body.spec.replicaz).toBeUndefined();
  expect(() => call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments?fieldValidation=Strict', { ...bad, metadata: { name: 'w3' } })).toThrow('strict decoding error: unknown field "spec.replicaz"');
});

test('a watch replays from a resourceVersion, and one older than the history is 410 Expired', () => {
  const { cluster, ctx } = setup();
  const hub = new WatchHub(cluster.api, 5);
  const rv0 = String(cluster.api.resourceVersion);
  call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments', DEPLOY);
  const seen: string[] = [];
  hub.start({ filter: { kind: 'Deployment', namespace: 'default' }, send: (t, o) => seen.push(`${t} ${o.metadata.name}`) }, rv0);
  expect(seen).toEqual(['ADDED web']);
  cluster.settle();
  expect(() => hub.start({ filter: { kind: 'Pod' }, send: () => undefined }, rv0)).toThrow(WatchStartError);
  hub.close();
});

test('Cluster.runUntil works in bounded slices and fires timers only up to the target', () => {
  const { cluster, ctx } = setup();
  call(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments', DEPLOY);
  const start = cluster.clock.now();
  let slices = 0;
  while (cluster.runUntil(start, 5)) slices++;
  expect(slices).toBeGreaterThan(0);
  // Image pulls and starts take simulated seconds: at the same instant nothing is running yet.
  expect(cluster.api.list('Pod', { namespace: 'default' }).every((p) => p.status?.phase !== 'Running')).toBe(true);
  while (cluster.runUntil(start + 60_000, 5));
  expect(cluster.api.list('Pod', { namespace: 'default' }).filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  expect(cluster.clock.now()).toBe(start + 60_000);
});
