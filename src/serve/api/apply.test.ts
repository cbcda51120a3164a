// Server-side apply through the REST layer: field ownership in managedFields, conflicts with
// upstream's message and causes, force, shared ownership, removal of fields no longer applied.
// (Rules: kubernetes.io/docs/reference/using-api/server-side-apply, structured-merge-diff.)
import fc from 'fast-check';
import { Cluster } from '../../cluster/cluster';
import { requestInfo, type ResourceRequest } from '../http/request-info';
import { HttpError } from '../http/status';
import { handleResource, type RestContext } from './rest';

function setup() {
  const cluster = new Cluster();
  const ctx: RestContext = { api: cluster.api, now: () => cluster.clock.now() };
  return { cluster, ctx };
}

function call(ctx: RestContext, method: string, url: string, body: unknown, contentType = 'application/json', userAgent?: string): any {
  const u = new URL(url, 'http://x');
  const info = requestInfo(method, u.pathname, u.searchParams) as ResourceRequest;
  // JSON is YAML: an apply body sent as JSON text is what kubectl sends too.
  const r = handleResource(ctx, { info, query: u.searchParams, contentType, body: Buffer.from(JSON.stringify(body)), userAgent });
  return (r as { body: unknown }).body;
}

const DEPLOY = (replicas: number, labels: Record<string, string> = { app: 'web' }, image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } } },
});
const PATH = '/apis/apps/v1/namespaces/default/deployments';
const apply = (ctx: RestContext, body: unknown, manager: string, force = false) =>
  call(ctx, 'PATCH', `${PATH}/web?fieldManager=${manager}${force ? '&force=true' : ''}`, body, 'application/apply-patch+yaml');

function conflict(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('no conflict');
}

test('a create records its manager (Update) with the fields it set; an apply its own (Apply)', () => {
  const { ctx } = setup();
  const created = call(ctx, 'POST', `${PATH}?fieldManager=kubectl-client-side-apply`, DEPLOY(2));
  expect(created.metadata.managedFields).toEqual([
    expect.objectContaining({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' }),
  ]);
  const f = created.metadata.managedFields[0].fieldsV1;
  expect(f['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
  expect(f['f:spec']['f:template']['f:spec']['f:containers']).toEqual({ 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } });
  const applied = apply(ctx, DEPLOY(2), 'kubectl');
  expect(applied.metadata.managedFields.map((m: any) => `${m.manager}/${m.operation}`)).toEqual(['kubectl-client-side-apply/Update', 'kubectl/Apply']);
});

test('the same value is shared ownership; a different one is a 409 naming the owner and the field', () => {
  const { ctx } = setup();
  call(ctx, 'POST', `${PATH}?fieldManager=kubectl-client-side-apply`, DEPLOY(2));
  expect(() => apply(ctx, DEPLOY(2), 'kubectl')).not.toThrow();
  const one = conflict(() => apply(ctx, DEPLOY(3), 'kubectl'));
  expect(one.code).toBe(409);
  expect(one.reason).toBe('Conflict');
  expect(one.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  expect(one.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments', causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] });
  const two = conflict(() => apply(ctx, DEPLOY(3, { app: 'web' }, 'nginx:1.28'), 'kubectl'));
  expect(two.message).toBe('Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image');
});

test('force takes the fields: the value changes and the old owner loses them', () => {
  const { ctx } = setup();
  call(ctx, 'POST', `${PATH}?fieldManager=kubectl-client-side-apply`, DEPLOY(2));
  const r = apply(ctx, DEPLOY(5), 'kubectl', true);
  expect(r.spec.replicas).toBe(5);
  const csa = r.metadata.managedFields.find((m: any) => m.manager === 'kubectl-client-side-apply');
  expect(csa.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
  expect(csa.fieldsV1['f:spec']['f:selector']).toBeDefined();
  // Now kubectl owns replicas alone: the next apply with another value is no conflict.
  expect(apply(ctx, DEPLOY(4), 'kubectl').spec.replicas).toBe(4);
});

test('an update (kubectl scale) takes the field from the applier: its next apply conflicts', () => {
  const { ctx } = setup();
  apply(ctx, DEPLOY(2), 'kubectl');
  call(ctx, 'PATCH', `${PATH}/web/scale`, { spec: { replicas: 7 } }, 'application/merge-patch+json', 'kubectl/v1.32.5 (linux/amd64) kubernetes/abcdef');
  const live = ctx.api.get('Deployment', 'web', 'default')!;
  expect(live.metadata.managedFields!.find((m: any) => m.manager === 'kubectl' && m.operation === 'Update')).toMatchObject({ subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
  expect(conflict(() => apply(ctx, DEPLOY(2), 'kubectl')).message).toBe('Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas');
});

test('a field this manager stops applying is removed, unless another manager owns it', () => {
  const { ctx } = setup();
  apply(ctx, DEPLOY(2, { app: 'web', tier: 'front', team: 'a' }), 'kubectl');
  call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-label`, { metadata: { labels: { team: 'a2' } } }, 'application/merge-patch+json');
  const r = apply(ctx, DEPLOY(2, { app: 'web' }), 'kubectl');
  // tier was kubectl's alone: gone. team was taken by kubectl-label's update: it stays.
  expect(r.metadata.labels).toEqual({ app: 'web', team: 'a2' });
});

test('applying the same configuration again changes nothing (same resourceVersion), whatever it holds', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 20 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 4 }), (replicas, labels) => {
      const { ctx } = setup();
      const first = apply(ctx, DEPLOY(replicas, { ...labels, app: 'web' }), 'kubectl');
      const again = apply(ctx, DEPLOY(replicas, { ...labels, app: 'web' }), 'kubectl');
      expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      expect(again.metadata.managedFields).toEqual(first.metadata.managedFields);
    }),
    { numRuns: 40 },
  );
});
