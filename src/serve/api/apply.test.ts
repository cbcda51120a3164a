// Field ownership through the REST layer (no network): managedFields as creates, updates, patches,
// scale writes and server-side applies record them, conflicts with upstream's exact message and
// causes, force, shared ownership, removal of fields an applier stopped applying, list-map merges,
// the kubectl client-side-apply takeover, and properties (idempotence, ownership never dangles).
// Expected values follow structured-merge-diff and k8s.io/apimachinery/pkg/util/managedfields.
import fc from 'fast-check';
import { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../apiserver/types';
import { requestInfo, type ResourceRequest } from '../http/request-info';
import { HttpError } from '../http/status';
import { FieldSet, appliedFields, type ManagedEntry } from './managed-fields';
import { handleResource, type RestContext } from './rest';

function setup() {
  const cluster = new Cluster();
  const ctx: RestContext = { api: cluster.api, now: () => cluster.clock.now() };
  return { cluster, ctx };
}

const KUBECTL_UA = 'kubectl/v1.32.5 (linux/amd64) kubernetes/9894294';

function call(ctx: RestContext, method: string, url: string, body: unknown, contentType = 'application/json', userAgent?: string): any {
  const u = new URL(url, 'http://x');
  const info = requestInfo(method, u.pathname, u.searchParams) as ResourceRequest;
  // JSON is YAML: kubectl sends its apply bodies as JSON text too.
  const r = handleResource(ctx, { info, query: u.searchParams, contentType, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)), userAgent });
  return (r as { body: unknown }).body;
}

const PATH = '/apis/apps/v1/namespaces/default/deployments';

function deploy(o: { replicas?: number; labels?: Record<string, string>; image?: string; containers?: unknown[]; annotations?: Record<string, string> } = {}) {
  const metadata: Record<string, unknown> = { name: 'web', labels: o.labels ?? { app: 'web' } };
  if (o.annotations) metadata.annotations = o.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      ...(o.replicas === undefined ? {} : { replicas: o.replicas }),
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: o.containers ?? [{ name: 'nginx', image: o.image ?? 'nginx:1.27' }] } },
    },
  };
}

const apply = (ctx: RestContext, body: unknown, manager: string, extra = '') => call(ctx, 'PATCH', `${PATH}/web?fieldManager=${manager}${extra}`, body, 'application/apply-patch+yaml');
const create = (ctx: RestContext, body: unknown, manager = 'kubectl-create') => call(ctx, 'POST', `${PATH}?fieldManager=${manager}`, body);
const live = (ctx: RestContext): KubeObject => ctx.api.get('Deployment', 'web', 'default')!;
const entries = (obj: KubeObject): ManagedEntry[] => (obj.metadata.managedFields ?? []) as ManagedEntry[];
/** A manager's entry, loosely typed for reading its FieldsV1 down. */
const entry = (obj: KubeObject, manager: string, operation: 'Apply' | 'Update' = 'Update'): any => entries(obj).find((e) => e.manager === manager && e.operation === operation);

function failure(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('the request succeeded');
}

describe('Update entries (create, update, patch, scale)', () => {
  test('a create owns every field it set, the defaulted ones included, with `.` on the nodes it added', () => {
    const { ctx } = setup();
    const created = create(ctx, deploy({ replicas: 2, containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] }));
    // The shape a v1.32 apiserver gives `kubectl create deployment` (no `.` on spec, strategy or
    // template: the zero Deployment has them; `.` on labels, rollingUpdate, items, ports).
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: created.metadata.creationTimestamp,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:progressDeadlineSeconds': {},
            'f:replicas': {},
            'f:revisionHistoryLimit': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                    'f:resources': {},
                    'f:terminationMessagePath': {},
                    'f:terminationMessagePolicy': {},
                  },
                },
                'f:dnsPolicy': {},
                'f:restartPolicy': {},
                'f:schedulerName': {},
                'f:securityContext': {},
                'f:terminationGracePeriodSeconds': {},
              },
            },
          },
        },
      },
    ]);
  });

  test('without fieldManager the manager is the User-Agent up to its first "/"; without either, none', () => {
    const { ctx } = setup();
    const u = call(ctx, 'POST', PATH, deploy(), 'application/json', KUBECTL_UA);
    expect(entries(u).map((e) => e.manager)).toEqual(['kubectl']);
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const anonymous = call(ctx, 'POST', '/api/v1/namespaces/default/services', svc);
    expect(entries(anonymous)).toHaveLength(1);
    expect(entries(anonymous)[0]).not.toHaveProperty('manager');
    // A Service selector is an atomic map (+mapType=atomic): one leaf.
    expect(entries(anonymous)[0].fieldsV1).toMatchObject({ 'f:spec': { 'f:selector': {}, 'f:ports': { '.': {}, 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } } } });
  });

  test('a patch takes only what it changed, from every other manager; a removal leaves every set', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2, labels: { app: 'web', tier: 'front' } }));
    call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-label`, { metadata: { labels: { tier: 'back', team: 'a' } } }, 'application/merge-patch+json');
    const after = live(ctx);
    expect(entry(after, 'kubectl-label')!.fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { 'f:team': {}, 'f:tier': {} } } });
    expect(entry(after, 'kubectl-create')!.fieldsV1['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-label`, { metadata: { labels: { tier: null } } }, 'application/merge-patch+json');
    expect(entry(live(ctx), 'kubectl-label')!.fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { 'f:team': {} } } });
    // A patch that changes nothing records nothing and keeps the time.
    const before = entry(live(ctx), 'kubectl-label');
    call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-label`, { metadata: { labels: { team: 'a' } } }, 'application/merge-patch+json');
    expect(entry(live(ctx), 'kubectl-label')).toEqual(before);
  });

  test('a PUT without managedFields keeps the stored ones; sent ones are taken; [{}] resets them', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }));
    const put = (obj: unknown, manager = 'kubectl-replace') => call(ctx, 'PUT', `${PATH}/web?fieldManager=${manager}`, obj);
    const { managedFields: _m, ...meta } = live(ctx).metadata;
    const updated = put({ ...live(ctx), metadata: meta, spec: { ...live(ctx).spec, replicas: 3 } });
    expect(entries(updated).map((e) => e.manager)).toEqual(['kubectl-create', 'kubectl-replace']);
    expect(entry(updated, 'kubectl-replace')!.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    const reset = put({ ...live(ctx), metadata: { ...meta, resourceVersion: undefined, managedFields: [{}] }, spec: { ...live(ctx).spec, replicas: 4 } });
    expect(entries(reset).map((e) => `${e.manager}:${JSON.stringify(e.fieldsV1)}`)).toEqual(['kubectl-replace:{"f:spec":{"f:replicas":{}}}']);
  });

  test('a set written below a now-atomic value stands for the value (ReconcileFieldSetWithSchema)', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }));
    const old = [{ manager: 'legacy', operation: 'Update', apiVersion: 'apps/v1', time: '2020-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:selector': { 'f:matchLabels': { '.': {}, 'f:app': {} } } } } }];
    call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-patch`, [{ op: 'replace', path: '/metadata/managedFields', value: old }], 'application/json-patch+json');
    expect(entries(live(ctx))).toEqual([{ ...old[0], fieldsV1: { 'f:spec': { 'f:selector': {} } } }]);
  });

  test('kubectl scale writes .spec.replicas for the main resource, with subresource "scale"', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }));
    call(ctx, 'PATCH', `${PATH}/web/scale`, { spec: { replicas: 5 } }, 'application/merge-patch+json', KUBECTL_UA);
    expect(entry(live(ctx), 'kubectl')).toEqual({ manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', time: expect.any(String), fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, subresource: 'scale' });
    expect(entry(live(ctx), 'kubectl-create')!.fieldsV1['f:spec']).not.toHaveProperty('f:replicas');
  });

  test('past ten updaters, the oldest are merged into "ancient-changes"', () => {
    const { cluster, ctx } = setup();
    create(ctx, deploy({ replicas: 1 }), 'm00');
    for (let i = 1; i <= 10; i++) {
      cluster.clock.advanceTo(cluster.clock.now() + 1000);
      call(ctx, 'PATCH', `${PATH}/web?fieldManager=m${String(i).padStart(2, '0')}`, { metadata: { labels: { [`l${i}`]: 'x' } } }, 'application/merge-patch+json');
    }
    const managers = entries(live(ctx)).map((e) => e.manager);
    expect(managers).toHaveLength(10);
    expect(managers[0]).toBe('ancient-changes');
    expect(managers).not.toContain('m00');
    expect(managers).not.toContain('m01');
    expect(entry(live(ctx), 'ancient-changes')!.fieldsV1['f:metadata']).toMatchObject({ 'f:labels': { 'f:app': {}, 'f:l1': {} } });
  });
});

describe('server-side apply', () => {
  test('an apply that creates: the configuration is the applier\'s (no `.` on labels, on items yes), defaults nobody\'s', () => {
    const { ctx } = setup();
    const created = apply(ctx, deploy({ replicas: 2 }), 'kubectl');
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: created.metadata.creationTimestamp,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
          },
        },
      },
    ]);
    expect(created.spec.strategy.type).toBe('RollingUpdate');
  });

  test('the same value is shared ownership; Apply entries sort before Update ones', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }), 'kubectl-client-side-apply');
    const applied = apply(ctx, deploy({ replicas: 2 }), 'ops');
    expect(entries(applied).map((e) => `${e.manager}/${e.operation}`)).toEqual(['ops/Apply', 'kubectl-client-side-apply/Update']);
    for (const m of ['ops', 'kubectl-client-side-apply']) expect(entries(applied).find((e) => e.manager === m)!.fieldsV1['f:spec']).toHaveProperty('f:replicas');
    // Nothing changed, so no new resourceVersion and (as upstream) no time for the new applier.
    expect(applied.metadata.resourceVersion).not.toBe(undefined);
    expect(entry(applied, 'ops', 'Apply')).not.toHaveProperty('time');
  });

  test('another manager\'s field with another value is a 409 worded as upstream, with one cause per field', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }), 'kubectl-client-side-apply');
    const rv = live(ctx).metadata.resourceVersion;
    const one = failure(() => apply(ctx, deploy({ replicas: 3 }), 'ops'));
    expect(one.code).toBe(409);
    expect(one.reason).toBe('Conflict');
    expect(one.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    // errors.NewApplyConflict: the details carry the causes only.
    expect(one.details).toEqual({ causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] });
    expect(live(ctx).metadata.resourceVersion).toBe(rv);

    // Several managers: grouped, managers sorted by their identifiers, an applier without "using".
    apply(ctx, deploy({ replicas: 2, labels: { app: 'web', team: 'a' } }), 'alpha');
    const many = failure(() => apply(ctx, deploy({ replicas: 3, labels: { app: 'web', team: 'b' }, image: 'nginx:1.28' }), 'ops'));
    expect(many.message).toBe(
      'Apply failed with 5 conflicts: conflicts with "alpha":\n- .metadata.labels.team\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image\n' +
        'conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(many.details!.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.metadata.labels.team' },
      { reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.spec.replicas' },
      { reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.spec.template.spec.containers[name="nginx"].image' },
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.template.spec.containers[name="nginx"].image' },
    ]);
  });

  test('force takes the fields: the value changes and the other owners lose them', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }), 'kubectl-client-side-apply');
    const r = apply(ctx, deploy({ replicas: 5 }), 'ops', '&force=true');
    expect(r.spec.replicas).toBe(5);
    const csa = entry(r, 'kubectl-client-side-apply')!;
    expect(csa.fieldsV1['f:spec']).not.toHaveProperty('f:replicas');
    expect(csa.fieldsV1['f:spec']).toHaveProperty('f:selector');
    expect(apply(ctx, deploy({ replicas: 4 }), 'ops').spec.replicas).toBe(4);
  });

  test('after kubectl scale, re-applying the old replicas conflicts with the scale subresource\'s manager', () => {
    const { ctx } = setup();
    apply(ctx, deploy({ replicas: 2 }), 'kubectl');
    call(ctx, 'PATCH', `${PATH}/web/scale`, { spec: { replicas: 7 } }, 'application/merge-patch+json', KUBECTL_UA);
    expect(entry(live(ctx), 'kubectl', 'Apply')!.fieldsV1['f:spec']).not.toHaveProperty('f:replicas');
    const e = failure(() => apply(ctx, deploy({ replicas: 2 }), 'kubectl'));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    // Leaving replicas out of the configuration lets the scale stand.
    expect(apply(ctx, deploy(), 'kubectl').spec.replicas).toBe(7);
  });

  test('fields an applier stops applying go, unless another manager owns them', () => {
    const { ctx } = setup();
    const containers = [
      { name: 'app', image: 'app:1' },
      { name: 'sidecar', image: 'side:1', env: [{ name: 'A', value: '1' }] },
    ];
    apply(ctx, deploy({ replicas: 3, labels: { app: 'web', tier: 'front', team: 'a', shared: 'yes' }, containers }), 'ci');
    apply(ctx, deploy({ labels: { app: 'web', shared: 'yes' }, containers: [{ name: 'app' }] }), 'other');
    call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-label`, { metadata: { labels: { team: 'b' } } }, 'application/merge-patch+json');
    const r = apply(ctx, deploy({ labels: { app: 'web' }, containers: [{ name: 'app', image: 'app:1' }] }), 'ci');
    // tier was ci's alone: gone; team was taken by kubectl-label, shared is other's too: they stay.
    expect(r.metadata.labels).toEqual({ app: 'web', team: 'b', shared: 'yes' });
    expect(r.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app']);
    // replicas was ci's alone: removed, then defaulted again.
    expect(r.spec.replicas).toBe(1);
    expect(entry(r, 'ci', 'Apply')!.fieldsV1['f:spec']).not.toHaveProperty('f:replicas');
  });

  test('list maps merge by key, in structured-merge-diff\'s order, keeping the fields others set', () => {
    const { ctx } = setup();
    create(
      ctx,
      deploy({
        containers: [
          { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] },
          { name: 'b', image: 'b:1', env: [{ name: 'X', value: '1' }] },
        ],
      }),
    );
    const r = apply(ctx, deploy({ containers: [{ name: 'c', image: 'c:1' }, { name: 'a', ports: [{ containerPort: 80, name: 'http' }] }] }), 'ops');
    const cs = r.spec.template.spec.containers;
    // The configuration's items in its order, the live object's other items where they stood.
    expect(cs.map((c: { name: string }) => c.name)).toEqual(['c', 'a', 'b']);
    expect(cs[1]).toMatchObject({ image: 'a:1', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] });
    expect(cs[2].env).toEqual([{ name: 'X', value: '1' }]);
    expect(entry(r, 'ops', 'Apply')!.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']).toEqual({
      'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {} } } },
      'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} },
    });
  });

  test('atomic values are one leaf and replaced whole: a Service selector (+mapType=atomic), a LabelSelector', () => {
    const { ctx } = setup();
    const SVC = '/api/v1/namespaces/default/services';
    const svc = (selector: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector, ports: [{ port: 80 }] } });
    call(ctx, 'PATCH', `${SVC}/s?fieldManager=ops`, svc({ app: 'web', extra: 'x' }), 'application/apply-patch+yaml');
    const r = call(ctx, 'PATCH', `${SVC}/s?fieldManager=ops`, svc({ app: 'web' }), 'application/apply-patch+yaml');
    expect(r.spec.selector).toEqual({ app: 'web' });
    expect(entry(r, 'ops', 'Apply')!.fieldsV1['f:spec']['f:selector']).toEqual({});
    // A LabelSelector (+structType=atomic) is one leaf, here inside a list map with two keys.
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i' }], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { a: '1' } } }] },
    };
    const p = call(ctx, 'PATCH', '/api/v1/namespaces/default/pods/p?fieldManager=ops', pod, 'application/apply-patch+yaml');
    expect(entry(p, 'ops', 'Apply')!.fieldsV1['f:spec']['f:topologySpreadConstraints']).toEqual({
      'k:{"topologyKey":"zone","whenUnsatisfiable":"DoNotSchedule"}': { '.': {}, 'f:labelSelector': {}, 'f:maxSkew': {}, 'f:topologyKey': {}, 'f:whenUnsatisfiable': {} },
    });
  });

  test('kubectl over a client-side apply: what the last-applied annotation still says is taken over', () => {
    const { ctx } = setup();
    const last = (obj: object) => `${JSON.stringify(obj)}\n`;
    const csa = deploy({ replicas: 2 });
    create(ctx, { ...csa, metadata: { ...csa.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': last(csa) } } }, 'kubectl-client-side-apply');
    // Another manager than kubectl gets the conflict.
    expect(failure(() => apply(ctx, deploy({ replicas: 3 }), 'ops')).message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    const r = apply(ctx, deploy({ replicas: 3 }), 'kubectl');
    expect(r.spec.replicas).toBe(3);
    expect(entry(r, 'kubectl-client-side-apply')!.fieldsV1['f:spec']).not.toHaveProperty('f:replicas');
    // The annotation follows the applied configuration, keys sorted as Go encodes a map.
    expect(r.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n',
    );
    // A field changed since by someone else is no longer the annotation's: it conflicts.
    call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-edit`, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }, 'application/strategic-merge-patch+json');
    expect(failure(() => apply(ctx, deploy({ replicas: 3, image: 'nginx:1.28' }), 'kubectl')).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.template.spec.containers[name="nginx"].image',
    );
  });

  test('dryRun=All answers the merged object and its managedFields, and stores nothing', () => {
    const { ctx } = setup();
    create(ctx, deploy({ replicas: 2 }));
    const rv = live(ctx).metadata.resourceVersion;
    const r = apply(ctx, deploy({ replicas: 2, labels: { app: 'web', extra: 'y' } }), 'ops', '&dryRun=All');
    expect(r.metadata.labels.extra).toBe('y');
    expect(entry(r, 'ops', 'Apply')).toBeDefined();
    expect(live(ctx).metadata.resourceVersion).toBe(rv);
    expect(entry(live(ctx), 'ops', 'Apply')).toBeUndefined();
  });

  test('refusals in upstream\'s words: no fieldManager, force on another patch, managedFields or another version in the configuration', () => {
    const { ctx } = setup();
    create(ctx, deploy());
    const noManager = failure(() => call(ctx, 'PATCH', `${PATH}/web`, deploy(), 'application/apply-patch+yaml'));
    expect(noManager).toMatchObject({ code: 422, reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch' });
    expect(noManager.details).toEqual({ group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] });
    expect(failure(() => call(ctx, 'PATCH', `${PATH}/web?force=true`, { spec: {} }, 'application/merge-patch+json')).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
    const withFields = { ...deploy(), metadata: { ...deploy().metadata, managedFields: [] } };
    expect(failure(() => apply(ctx, withFields, 'ops'))).toMatchObject({ code: 400, message: 'metadata.managedFields must be nil' });
    expect(failure(() => apply(ctx, { ...deploy(), apiVersion: 'apps/v1beta1' }, 'ops')).message).toBe('Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1');
  });
});

describe('FieldsV1', () => {
  test('serialises sets as upstream: `.` first for a member with members below, then PE order', () => {
    const set = new FieldSet([
      ['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'],
      ['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}', 'f:port'],
      ['f:spec', 'f:ports'],
      ['f:metadata', 'f:finalizers', 'v:"b"'],
      ['f:metadata', 'f:finalizers', 'v:"a"'],
    ]);
    expect(JSON.stringify(set.toFieldsV1())).toBe(
      '{"f:metadata":{"f:finalizers":{"v:\\"a\\"":{},"v:\\"b\\"":{}}},"f:spec":{"f:ports":{".":{},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}}}}}',
    );
    expect(FieldSet.fromFieldsV1(set.toFieldsV1()).equals(set)).toBe(true);
  });

  test('finalizers are a set (v:), ownerReferences a map by uid', () => {
    const set = appliedFields({ metadata: { finalizers: ['x'], ownerReferences: [{ apiVersion: 'v1', kind: 'K', name: 'n', uid: 'u1' }] } }, 'Pod');
    expect(set.toFieldsV1()).toEqual({ 'f:metadata': { 'f:finalizers': { 'v:"x"': {} }, 'f:ownerReferences': { 'k:{"uid":"u1"}': { '.': {}, 'f:apiVersion': {}, 'f:kind': {}, 'f:name': {}, 'f:uid': {} } } } });
  });
});

describe('properties', () => {
  const label = fc.stringMatching(/^[a-z]{1,6}$/);
  const labels = fc.dictionary(label, fc.stringMatching(/^[a-z0-9]{0,6}$/), { maxKeys: 4 });
  const container = fc.record({ name: label, image: fc.constantFrom('a:1', 'b:2', 'c:3'), env: fc.option(fc.array(fc.record({ name: label, value: label }), { maxLength: 3 }), { nil: undefined }) });
  const containers = fc.uniqueArray(container, { minLength: 1, maxLength: 3, selector: (c) => c.name }).map((cs) =>
    cs.map((c) => (c.env ? { ...c, env: c.env.filter((e, i, all) => all.findIndex((x) => x.name === e.name) === i) } : { name: c.name, image: c.image })),
  );
  const config = fc.record({ replicas: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), labels, containers }).map((c) => deploy({ replicas: c.replicas, labels: { ...c.labels, app: 'web' }, containers: c.containers }));

  test('applying the same configuration twice changes nothing the second time', () => {
    fc.assert(
      fc.property(config, config, (before, cfg) => {
        const { ctx } = setup();
        create(ctx, before, 'kubectl-create');
        const first = apply(ctx, cfg, 'ops', '&force=true');
        const again = apply(ctx, cfg, 'ops');
        expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
        expect(again.metadata.managedFields).toEqual(first.metadata.managedFields);
      }),
      { numRuns: 40 },
    );
  });

  test('after any run of applies and patches: an applier owns its configuration, ownership never dangles, a conflict changes nothing', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('apply' as const), manager: fc.constantFrom('a', 'b'), force: fc.boolean(), cfg: config }),
      fc.record({ op: fc.constant('label' as const), key: label, value: label }),
      fc.record({ op: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const { ctx } = setup();
        for (const s of steps) {
          const exists = !!ctx.api.get('Deployment', 'web', 'default');
          if (s.op === 'apply') {
            const rv = exists ? live(ctx).metadata.resourceVersion : undefined;
            try {
              apply(ctx, s.cfg, s.manager, s.force ? '&force=true' : '');
            } catch (e) {
              expect(e).toBeInstanceOf(HttpError);
              expect((e as HttpError).code).toBe(409);
              expect(live(ctx).metadata.resourceVersion).toBe(rv);
              continue;
            }
            const mine = FieldSet.fromFieldsV1(entry(live(ctx), s.manager, 'Apply')?.fieldsV1 ?? {});
            expect(appliedFields(s.cfg, 'Deployment').difference(mine).all()).toEqual([]);
          } else if (!exists) {
            continue;
          } else if (s.op === 'label') {
            call(ctx, 'PATCH', `${PATH}/web?fieldManager=kubectl-label`, { metadata: { labels: { [s.key]: s.value } } }, 'application/merge-patch+json');
          } else {
            call(ctx, 'PATCH', `${PATH}/web/scale`, { spec: { replicas: s.replicas } }, 'application/merge-patch+json', KUBECTL_UA);
          }
          const obj = live(ctx);
          for (const e of entries(obj)) for (const p of FieldSet.fromFieldsV1(e.fieldsV1).all()) expect([e.manager, p, valueAt(obj, p)]).not.toEqual([e.manager, p, undefined]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** The value a FieldsV1 path names in an object (a `k:` item found by its key fields), or undefined. */
function valueAt(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const pe of path) {
    const rest = pe.slice(2);
    if (pe.startsWith('f:')) cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[rest] : undefined;
    else if (pe.startsWith('k:')) {
      const key = JSON.parse(rest) as Record<string, unknown>;
      cur = Array.isArray(cur) ? cur.find((item) => Object.entries(key).every(([k, v]) => (item?.[k] ?? (k === 'protocol' ? 'TCP' : undefined)) === v)) : undefined;
    } else if (pe.startsWith('v:')) cur = Array.isArray(cur) ? cur.find((item) => JSON.stringify(item) === rest) : undefined;
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}
