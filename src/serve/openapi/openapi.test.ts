// The OpenAPI documents `kubespec serve` answers: what kubectl reads in them is there, and right.
import { mergeKeyFor } from '../../apiserver/patch';
import { generate, openapiHash } from './generate';
import { openapiV2, openapiV2Protobuf, openapiV3Document, openapiV3Index } from './index';

type Schema = { [k: string]: any };
const v3 = (gv: string): Schema => JSON.parse(openapiV3Document(gv)!.body.toString());

/** Follows a field path from a schema through `$ref` / `allOf` / `items`, as kubectl explain does. */
function resolve(doc: Schema, schema: Schema, fields: string[]): Schema {
  const deref = (s: Schema): Schema => {
    const ref: string | undefined = s.$ref ?? s.allOf?.[0]?.$ref;
    return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : s;
  };
  let at = deref(schema);
  for (const f of fields) {
    while (at.items) at = deref(at.items);
    expect(at.properties).toHaveProperty([f]);
    at = deref(at.properties[f]);
  }
  return at;
}

function byGvk(doc: Schema, group: string, version: string, kind: string): Schema {
  const found = Object.values(doc.components.schemas as Record<string, Schema>).filter((s) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some((g: Schema) => g.group === group && g.version === version && g.kind === kind),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

const SERVED: [string, string, string, string][] = [
  ['api/v1', '', 'v1', 'Pod'],
  ['api/v1', '', 'v1', 'Service'],
  ['api/v1', '', 'v1', 'Endpoints'],
  ['api/v1', '', 'v1', 'Node'],
  ['api/v1', '', 'v1', 'Namespace'],
  ['api/v1', '', 'v1', 'Event'],
  ['apis/apps/v1', 'apps', 'v1', 'Deployment'],
  ['apis/apps/v1', 'apps', 'v1', 'ReplicaSet'],
  ['apis/discovery.k8s.io/v1', 'discovery.k8s.io', 'v1', 'EndpointSlice'],
];

describe('OpenAPI v3', () => {
  test.each(SERVED)('%s has the schema of %s/%s %s and of its list', (gv, group, version, kind) => {
    const doc = v3(gv);
    expect(byGvk(doc, group, version, kind).properties).toHaveProperty('metadata');
    expect(byGvk(doc, group, version, `${kind}List`).required).toEqual(['items']);
    // v2 holds the same definitions, named as upstream names them.
    const v2 = JSON.parse(openapiV2().toString());
    const name = Object.keys(doc.components.schemas).find((n) => n.endsWith(`.${version}.${kind}`) && n.startsWith('io.k8s.api.'))!;
    expect(v2.definitions[name]['x-kubernetes-group-version-kind']).toEqual([{ group, kind, version }]);
  });

  test('deployment.spec.strategy resolves to DeploymentStrategy, described from kubernetes-models', () => {
    const doc = v3('apis/apps/v1');
    const deployment = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const strategy = resolve(doc, deployment, ['spec', 'strategy']);
    expect(strategy.description).toBe('DeploymentStrategy describes how to replace existing pods with new ones.');
    expect(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy.allOf).toEqual([
      { $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' },
    ]);
    // An enum keeps its "Possible enum values" text and lists the values, as upstream.
    expect(strategy.properties.type.enum).toEqual(['Recreate', 'RollingUpdate']);
    expect(strategy.properties.type.description).toMatch(/\n\nPossible enum values:\n - `"Recreate"` /);
    const rolling = resolve(doc, strategy, ['rollingUpdate']);
    expect(rolling.properties.maxSurge.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }]);
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
  });

  test('numbers are int32 or int64 as the API declares them', () => {
    const doc = v3('apis/apps/v1');
    const deployment = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
    expect(resolve(doc, deployment, ['spec', 'replicas'])).toMatchObject({ type: 'integer', format: 'int32' });
    expect(resolve(doc, deployment, ['metadata', 'generation'])).toMatchObject({ type: 'integer', format: 'int64' });
    expect(resolve(doc, deployment, ['metadata', 'creationTimestamp'])).toMatchObject({ type: 'string', format: 'date-time' });
    const pod = v3('api/v1').components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(pod.properties.terminationGracePeriodSeconds.format).toBe('int64');
  });

  test('lists carry their strategic-merge and list-type markers, agreeing with the merge keys the API server uses', () => {
    const core = v3('api/v1').components.schemas;
    expect(core['io.k8s.api.core.v1.PodSpec'].properties.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(core['io.k8s.api.core.v1.Container'].properties.ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    const where: [string, string, string[]][] = [
      ['io.k8s.api.core.v1.PodSpec', 'Pod', ['spec']],
      ['io.k8s.api.core.v1.Container', 'Pod', ['spec', 'containers']],
      ['io.k8s.api.core.v1.ServiceSpec', 'Service', ['spec']],
      ['io.k8s.api.core.v1.PodStatus', 'Pod', ['status']],
      ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Pod', ['metadata']],
    ];
    // Upstream gives readinessGates no merge key (`+listType=atomic`); the API server's patch merges them by conditionType.
    const divergent = new Set(['io.k8s.api.core.v1.PodSpec.readinessGates']);
    for (const [name, kind, at] of where) {
      for (const [field, s] of Object.entries(core[name].properties as Record<string, Schema>)) {
        if (divergent.has(`${name}.${field}`)) continue;
        const key = mergeKeyFor(kind, [...at, field]);
        if (key !== undefined) expect([name, field, s['x-kubernetes-patch-merge-key']]).toEqual([name, field, key]);
      }
    }
  });

  test('the PATCH of a deployment lists fieldValidation (kubectl then validates server-side)', () => {
    const patch = v3('apis/apps/v1').paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.parameters.map((p: Schema) => p.name)).toEqual(expect.arrayContaining(['dryRun', 'fieldManager', 'fieldValidation']));
    expect(patch.requestBody.content['application/strategic-merge-patch+json'].schema.$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch');
    // kubectl's verifier stops at the first PATCH of the GVK it meets, in map order: every one must list it.
    for (const [gv] of SERVED) {
      for (const [p, item] of Object.entries(v3(gv).paths as Record<string, Schema>)) {
        if (item.patch) expect([p, item.patch.parameters.some((x: Schema) => x.name === 'fieldValidation')]).toEqual([p, true]);
      }
    }
  });

  test('the index points at every document with its SHA-512 hash', () => {
    const index = JSON.parse(openapiV3Index().toString());
    expect(Object.keys(index.paths).sort()).toEqual(['api/v1', 'apis/apps/v1', 'apis/autoscaling/v1', 'apis/discovery.k8s.io/v1', 'apis/policy/v1']);
    for (const [gv, { serverRelativeURL }] of Object.entries(index.paths as Record<string, { serverRelativeURL: string }>)) {
      const doc = openapiV3Document(gv)!;
      expect(doc.hash).toMatch(/^[0-9A-F]{128}$/);
      expect(doc.hash).toBe(openapiHash(doc.body));
      expect(serverRelativeURL).toBe(`/openapi/v3/${gv}?hash=${doc.hash}`);
    }
    expect(openapiV3Document('apis/batch/v1')).toBeUndefined();
    expect(byGvk(v3('apis/autoscaling/v1'), 'autoscaling', 'v1', 'Scale')).toBeDefined();
    expect(v3('apis/apps/v1').paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].put['x-kubernetes-group-version-kind'].kind).toBe('Scale');
  });

  test('v2 is swagger 2.0 with $ref beside descriptions', () => {
    const v2 = JSON.parse(openapiV2().toString());
    expect(v2.swagger).toBe('2.0');
    expect(v2.info).toEqual({ title: 'Kubernetes', version: 'v1.32.5' });
    expect(v2.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy).toMatchObject({ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy' });
    expect(v2.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'].type).toBe('string');
    expect(v2.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch.parameters.map((p: Schema) => p.name)).toContain('fieldValidation');
    expect(openapiV2Protobuf()).toBeUndefined();
  });

  test('the generator is deterministic', () => {
    const a = generate().files;
    const b = generate().files;
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(v.equals(b.get(k)!)).toBe(true);
    // And the loader serves what the generator makes (a stale generated/ would differ).
    expect(a.get('v3/index.json')!.equals(openapiV3Index())).toBe(true);
  });
});
