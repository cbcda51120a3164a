// Build-time generator of the OpenAPI documents `kubespec serve` answers on /openapi/v2 and
// /openapi/v3[/<group-version>]: what a kube-apiserver v1.32 publishes, for the served kinds only.
//
// Source of truth, as for src/apiserver/registry/schema/generate.ts (whose helpers this reuses):
// the installed `kubernetes-models` package. Its `.d.ts` files give every struct's fields, their
// shapes and their descriptions (JSDoc); its precompiled validators tell int32 from int64.
// What kubernetes-models does not carry is written down here, checked against upstream
// (kubernetes/kubernetes api/openapi-spec, k8s.io/api types.go tags):
//  - the strategic-merge and list-type markers (LIST_EXTENSIONS);
//  - which kinds are served, under which resource names and subresources (RESOURCES);
//  - the query parameters of operations (their wording is ours).
// kubernetes-models 4.5.1 is generated from v1.33: its fields newer than v1.32 (NOT_IN_V1_32 of the
// type table's generator) are left out.
//
// Output: generated/openapi/{v2.json, v3/index.json, v3/<gv path>.json} at the repository root.
// Run by `npm run build` (`node dist/src/serve/openapi/generate.js`); src/serve/openapi/index.ts
// runs it in-process when the files are missing (a fresh checkout under ts-jest).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { NOT_IN_V1_32, indexDeclarations, numberFormat, validatorOf, type Decl } from '../../apiserver/registry/schema/generate';
import { KUBERNETES_VERSION } from '../../apiserver/version';
import { packageRoot } from './index';

/** The release whose documents these imitate (info.version, as `kubectl version` shows a server). */
export { KUBERNETES_VERSION };

interface Resource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  status?: boolean;
  scale?: boolean;
  eviction?: boolean;
}

/** The served resources. */
const RESOURCES: Resource[] = [
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, status: true, eviction: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, status: true },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, status: true },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, status: true },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, status: true, scale: true },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, status: true, scale: true },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, status: true },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true },
];

/** Group-versions with a v3 document, by the path /openapi/v3/<path> serves it under. */
const GROUP_VERSIONS: { path: string; group: string; version: string; extraRoots: string[] }[] = [
  { path: 'api/v1', group: '', version: 'v1', extraRoots: [] },
  { path: 'apis/apps/v1', group: 'apps', version: 'v1', extraRoots: [] },
  { path: 'apis/discovery.k8s.io/v1', group: 'discovery.k8s.io', version: 'v1', extraRoots: [] },
  // No resource of these is served: their documents carry the kinds the served subresources use
  // (deployments/scale, pods/eviction), so a client resolving those GVKs finds them.
  { path: 'apis/autoscaling/v1', group: 'autoscaling', version: 'v1', extraRoots: ['IoK8sApiAutoscalingV1Scale'] },
  { path: 'apis/policy/v1', group: 'policy', version: 'v1', extraRoots: ['IoK8sApiPolicyV1Eviction'] },
];

const META = 'IoK8sApimachineryPkgApisMetaV1';
const STATUS = `${META}Status`;
const DELETE_OPTIONS = `${META}DeleteOptions`;
const WATCH_EVENT = `${META}WatchEvent`;
const PATCH = `${META}Patch`;
const RESOURCE_LIST = `${META}APIResourceList`;
const SCALE = 'IoK8sApiAutoscalingV1Scale';
const EVICTION = 'IoK8sApiPolicyV1Eviction';

/**
 * Strategic-merge-patch and list-type markers of list fields, `<struct id>.<field>`, as upstream's
 * v1.32 documents have them (from the `+patchMergeKey`, `+patchStrategy`, `+listType`,
 * `+listMapKey` tags of k8s.io/api). Fields not listed get none (upstream marks more lists
 * `atomic` deeper down; none of those changes how kubectl merges).
 */
type ListExt = { key?: string; strategy?: string; type?: 'atomic' | 'set' | 'map'; mapKeys?: string[] };
const CONTAINER_LISTS: Record<string, ListExt> = {
  command: { type: 'atomic' },
  args: { type: 'atomic' },
  ports: { key: 'containerPort', strategy: 'merge', type: 'map', mapKeys: ['containerPort', 'protocol'] },
  envFrom: { type: 'atomic' },
  env: { key: 'name', strategy: 'merge', type: 'map', mapKeys: ['name'] },
  volumeMounts: { key: 'mountPath', strategy: 'merge', type: 'map', mapKeys: ['mountPath'] },
  volumeDevices: { key: 'devicePath', strategy: 'merge', type: 'map', mapKeys: ['devicePath'] },
  resizePolicy: { type: 'atomic' },
};
const byName = (strategy = 'merge'): ListExt => ({ key: 'name', strategy, type: 'map', mapKeys: ['name'] });
const conditions: ListExt = { key: 'type', strategy: 'merge', type: 'map', mapKeys: ['type'] };
const LIST_EXTENSIONS: Record<string, ListExt> = {
  ...Object.fromEntries(Object.entries(CONTAINER_LISTS).map(([f, e]) => [`IoK8sApiCoreV1Container.${f}`, e])),
  ...Object.fromEntries(Object.entries(CONTAINER_LISTS).map(([f, e]) => [`IoK8sApiCoreV1EphemeralContainer.${f}`, e])),
  [`${META}ObjectMeta.finalizers`]: { strategy: 'merge', type: 'set' },
  [`${META}ObjectMeta.ownerReferences`]: { key: 'uid', strategy: 'merge', type: 'map', mapKeys: ['uid'] },
  [`${META}ObjectMeta.managedFields`]: { type: 'atomic' },
  [`${META}LabelSelector.matchExpressions`]: { type: 'atomic' },
  [`${META}LabelSelectorRequirement.values`]: { type: 'atomic' },
  'IoK8sApiCoreV1PodSpec.volumes': byName('merge,retainKeys'),
  'IoK8sApiCoreV1PodSpec.initContainers': byName(),
  'IoK8sApiCoreV1PodSpec.containers': byName(),
  'IoK8sApiCoreV1PodSpec.ephemeralContainers': byName(),
  'IoK8sApiCoreV1PodSpec.imagePullSecrets': byName(),
  'IoK8sApiCoreV1PodSpec.tolerations': { type: 'atomic' },
  'IoK8sApiCoreV1PodSpec.hostAliases': { key: 'ip', strategy: 'merge', type: 'map', mapKeys: ['ip'] },
  'IoK8sApiCoreV1PodSpec.readinessGates': { type: 'atomic' },
  'IoK8sApiCoreV1PodSpec.topologySpreadConstraints': { key: 'topologyKey', strategy: 'merge', type: 'map', mapKeys: ['topologyKey', 'whenUnsatisfiable'] },
  'IoK8sApiCoreV1PodSpec.resourceClaims': byName('merge,retainKeys'),
  'IoK8sApiCoreV1PodSpec.schedulingGates': byName(),
  'IoK8sApiCoreV1PodStatus.conditions': conditions,
  'IoK8sApiCoreV1PodStatus.podIPs': { key: 'ip', strategy: 'merge', type: 'map', mapKeys: ['ip'] },
  'IoK8sApiCoreV1PodStatus.hostIPs': { key: 'ip', strategy: 'merge', type: 'atomic' },
  'IoK8sApiCoreV1PodStatus.initContainerStatuses': { type: 'atomic' },
  'IoK8sApiCoreV1PodStatus.containerStatuses': { type: 'atomic' },
  'IoK8sApiCoreV1PodStatus.ephemeralContainerStatuses': { type: 'atomic' },
  'IoK8sApiCoreV1PodStatus.resourceClaimStatuses': byName('merge,retainKeys'),
  'IoK8sApiCoreV1ServiceSpec.ports': { key: 'port', strategy: 'merge', type: 'map', mapKeys: ['port', 'protocol'] },
  'IoK8sApiCoreV1ServiceSpec.clusterIPs': { type: 'atomic' },
  'IoK8sApiCoreV1ServiceSpec.externalIPs': { type: 'atomic' },
  'IoK8sApiCoreV1ServiceSpec.loadBalancerSourceRanges': { type: 'atomic' },
  'IoK8sApiCoreV1ServiceSpec.ipFamilies': { type: 'atomic' },
  'IoK8sApiCoreV1ServiceStatus.conditions': { key: 'type', strategy: 'merge', type: 'map', mapKeys: ['type'] },
  'IoK8sApiCoreV1NodeSpec.podCIDRs': { strategy: 'merge', type: 'set' },
  'IoK8sApiCoreV1NodeSpec.taints': { type: 'atomic' },
  'IoK8sApiCoreV1NodeStatus.conditions': conditions,
  'IoK8sApiCoreV1NodeStatus.addresses': { key: 'type', strategy: 'merge', type: 'map', mapKeys: ['type'] },
  'IoK8sApiCoreV1NodeStatus.images': { type: 'atomic' },
  'IoK8sApiCoreV1NodeStatus.volumesInUse': { type: 'atomic' },
  'IoK8sApiCoreV1NodeStatus.volumesAttached': { type: 'atomic' },
  'IoK8sApiCoreV1NamespaceSpec.finalizers': { type: 'atomic' },
  'IoK8sApiCoreV1NamespaceStatus.conditions': conditions,
  'IoK8sApiCoreV1Endpoints.subsets': { type: 'atomic' },
  'IoK8sApiCoreV1EndpointSubset.addresses': { type: 'atomic' },
  'IoK8sApiCoreV1EndpointSubset.notReadyAddresses': { type: 'atomic' },
  'IoK8sApiCoreV1EndpointSubset.ports': { type: 'atomic' },
  'IoK8sApiDiscoveryV1EndpointSlice.endpoints': { type: 'atomic' },
  'IoK8sApiDiscoveryV1EndpointSlice.ports': { type: 'atomic' },
  'IoK8sApiDiscoveryV1Endpoint.addresses': { type: 'set' },
  'IoK8sApiAppsV1DeploymentStatus.conditions': conditions,
  'IoK8sApiAppsV1ReplicaSetStatus.conditions': conditions,
};

// ---------------------------------------------------------------------------------------------
// Schemas, in a neutral form: `{ $id: <model id> }` marks a reference, written out per version.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };
interface Model {
  id: string;
  name: string; // upstream definition name, io.k8s.api.apps.v1.Deployment
  schema: JsonObject;
  /** Where OpenAPI 3 says it otherwise (IntOrString and Quantity, as `oneOf`). */
  v3?: JsonObject;
  refs: Set<string>;
}

/** `IoK8sApimachineryPkgRuntimeRawExtension` (local `IRawExtension`) → `io.k8s.apimachinery.pkg.runtime.RawExtension`. */
function definitionName(id: string, decl: Decl): string {
  const local = decl.local.replace(/^I/, '');
  if (!id.endsWith(local)) throw new Error(`model ${id} does not end with its name ${local}`);
  const pkg = id.slice(0, id.length - local.length).match(/[A-Z][a-z0-9]*/g) ?? [];
  return [...pkg.map((s) => s.toLowerCase()), local].join('.');
}

/**
 * The text of the JSDoc comment before `node`, as upstream's description: the comment's lines
 * without their ` * ` margin. kubernetes-models escapes every `*` of a description as `\*` (so none
 * can close the comment); backslashes it leaves alone.
 */
function jsDoc(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const doc = ranges.map((r) => sf.text.slice(r.pos, r.end)).filter((t) => t.startsWith('/**')).pop();
  if (!doc) return undefined;
  const lines = doc
    .slice(3, -2)
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n').replace(/\\\*/g, '*') : undefined;
}

/** The schemas of the given models and of every model they reference, by id. */
function buildModels(roots: string[]): Map<string, Model> {
  const decls = indexDeclarations();
  const typeMetaDoc = typeMetaDescriptions(decls);
  const models = new Map<string, Model>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.shift()!;
    if (models.has(id)) continue;
    const decl = decls.get(id);
    if (!decl) throw new Error(`no declaration for ${id}`);
    const model = buildModel(id, decl, decls, typeMetaDoc);
    models.set(id, model);
    for (const r of model.refs) if (!models.has(r)) queue.push(r);
  }
  return models;
}

/** apiVersion and kind are literal types without a comment on kinds: their descriptions are TypeMeta's, read off DeleteOptions. */
function typeMetaDescriptions(decls: Map<string, Decl>): Record<string, string> {
  const decl = decls.get(DELETE_OPTIONS)!;
  const sf = ts.createSourceFile(decl.file, fs.readFileSync(decl.file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Record<string, string> = {};
  sf.forEachChild(function visit(n) {
    if (ts.isPropertySignature(n) && ts.isStringLiteral(n.name) && (n.name.text === 'apiVersion' || n.name.text === 'kind')) {
      out[n.name.text] = jsDoc(n, sf)!;
    }
    n.forEachChild(visit);
  });
  return out;
}

function buildModel(id: string, decl: Decl, decls: Map<string, Decl>, typeMetaDoc: Record<string, string>): Model {
  const sf = ts.createSourceFile(decl.file, fs.readFileSync(decl.file, 'utf8'), ts.ScriptTarget.Latest, true);
  const name = definitionName(id, decl);
  const refs = new Set<string>();
  const top = sf.statements.find(
    (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === decl.local,
  );
  if (!top) throw new Error(`no declaration ${decl.local} in ${decl.file}`);
  const description = jsDoc(top, sf);
  const withDescription = (s: JsonObject): JsonObject => (description ? { description, ...s } : s);

  // Scalars in disguise: the names upstream gives them, with their wire types.
  if (ts.isTypeAliasDeclaration(top)) {
    switch (id) {
      // Upstream v3 gives these two no `type` but a `oneOf` (kube-openapi's OpenAPIV3OneOfTypes), which
      // is also why `kubectl explain` prints `<IntOrString>` and `<Quantity>` rather than `<string>`.
      case 'IoK8sApimachineryPkgUtilIntstrIntOrString':
        return {
          id,
          name,
          refs,
          schema: withDescription({ type: 'string', format: 'int-or-string' }),
          v3: withDescription({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }),
        };
      case 'IoK8sApimachineryPkgApiResourceQuantity':
        return { id, name, refs, schema: withDescription({ type: 'string' }), v3: withDescription({ oneOf: [{ type: 'string' }, { type: 'number' }] }) };
      case `${META}Time`:
      case `${META}MicroTime`:
        return { id, name, refs, schema: withDescription({ type: 'string', format: 'date-time' }) };
      default:
        throw new Error(`unsupported type alias ${id}`);
    }
  }

  const validate = validatorOf(id, decl);
  const properties: JsonObject = {};
  const required: string[] = [];
  let apiVersion: string | undefined;
  let kind: string | undefined;
  const typeOf = (node: ts.TypeNode, prop: string, inArray: boolean): JsonObject => {
    if (node.kind === ts.SyntaxKind.StringKeyword) return { type: 'string' };
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
    if (node.kind === ts.SyntaxKind.NumberKeyword) {
      const f = numberFormat(validate as never, prop, inArray);
      return f === 'float64' ? { type: 'number', format: 'double' } : { type: 'integer', format: f };
    }
    if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword) return { type: 'object' };
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
    if (ts.isUnionTypeNode(node)) {
      const types = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      if (types.length === 1) return typeOf(types[0], prop, inArray);
      if (types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
        return { type: 'string', enum: types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
      }
      throw new Error(`unsupported union at ${id}.${prop}`);
    }
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeOf(node.elementType, prop, true) };
    if (ts.isTypeLiteralNode(node)) {
      const sig = node.members.find(ts.isIndexSignatureDeclaration);
      if (!sig || !sig.type) throw new Error(`unsupported type literal at ${id}.${prop}`);
      return { type: 'object', additionalProperties: typeOf(sig.type, prop, false) };
    }
    if (ts.isTypeReferenceNode(node)) {
      const ref = node.typeName.getText(sf);
      if (ref === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: typeOf(node.typeArguments[0], prop, true) };
      const target = ref.replace(/^I(?=IoK8s)/, '');
      if (!decls.has(target)) throw new Error(`unknown reference ${ref} at ${id}.${prop}`);
      refs.add(target);
      return { $id: target };
    }
    throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} at ${id}.${prop}`);
  };

  for (const m of top.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const prop = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(sf);
    // kubernetes-models is v1.33: a v1.32 server publishes none of its newer fields.
    if (NOT_IN_V1_32.has(`${id}.${prop}`)) continue;
    const literal = ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? m.type.literal.text : undefined;
    if ((prop === 'apiVersion' || prop === 'kind') && (literal !== undefined || !jsDoc(m, sf))) {
      // TypeMeta: kubernetes-models types it with the kind's own value; upstream, a plain optional string.
      if (prop === 'apiVersion') apiVersion = literal;
      else kind = literal;
      properties[prop] = { description: typeMetaDoc[prop], type: 'string' };
      continue;
    }
    let schema = typeOf(m.type, prop, false);
    const doc = jsDoc(m, sf);
    if (doc) schema = { ...schema, description: doc };
    const ext = LIST_EXTENSIONS[`${id}.${prop}`];
    if (ext) {
      if (schema.type !== 'array') throw new Error(`LIST_EXTENSIONS entry ${id}.${prop} is not a list`);
      if (ext.key) schema['x-kubernetes-patch-merge-key'] = ext.key;
      if (ext.strategy) schema['x-kubernetes-patch-strategy'] = ext.strategy;
      if (ext.type) schema['x-kubernetes-list-type'] = ext.type;
      if (ext.mapKeys) schema['x-kubernetes-list-map-keys'] = ext.mapKeys;
    }
    properties[prop] = schema;
    if (!m.questionToken) required.push(prop);
  }
  const schema: JsonObject = withDescription({ type: 'object' });
  if (Object.keys(properties).length) schema.properties = properties;
  if (required.length) schema.required = required;
  const gvks = gvksOf(id, apiVersion, kind);
  if (gvks) schema['x-kubernetes-group-version-kind'] = gvks;
  return { id, name, refs, schema };
}

/** The GVKs a definition stands for: its own apiVersion/kind literals, or upstream's list for meta kinds. */
function gvksOf(id: string, apiVersion: string | undefined, kind: string | undefined): JsonObject[] | undefined {
  if (id === STATUS) return [{ group: '', kind: 'Status', version: 'v1' }];
  // Upstream lists every group-version for these; ours are the served ones.
  if (id === DELETE_OPTIONS || id === WATCH_EVENT) {
    const kindName = id === DELETE_OPTIONS ? 'DeleteOptions' : 'WatchEvent';
    return GROUP_VERSIONS.map((gv) => ({ group: gv.group, kind: kindName, version: gv.version })).sort(compareGvk);
  }
  if (!apiVersion || !kind) return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return [{ group, kind, version }];
}

function compareGvk(a: JsonObject, b: JsonObject): number {
  const ka = `${a.group}/${a.version}`;
  const kb = `${b.group}/${b.version}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A neutral schema written for swagger 2.0 (`$ref` beside siblings) or OpenAPI 3 (`allOf` when it has siblings). */
function render(schema: Json, models: Map<string, Model>, v3: boolean): Json {
  if (Array.isArray(schema)) return schema.map((s) => render(s, models, v3));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$id') continue;
    // Extensions and enum values are data, not schemas.
    out[k] = k.startsWith('x-') || k === 'enum' || k === 'required' ? v : render(v, models, v3);
  }
  if (typeof schema.$id === 'string') {
    const ref = v3 ? `#/components/schemas/${models.get(schema.$id)!.name}` : `#/definitions/${models.get(schema.$id)!.name}`;
    if (v3 && Object.keys(out).length) return { ...out, allOf: [{ $ref: ref }] };
    return { ...out, $ref: ref };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paths.

type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection';
interface Param {
  name: string;
  in: 'query' | 'path';
  type: 'string' | 'boolean' | 'integer';
  description: string;
  required?: boolean;
}

const P = {
  pretty: { name: 'pretty', in: 'query', type: 'string', description: "If 'true', the output is pretty printed." },
  name: (kind: string): Param => ({ name: 'name', in: 'path', type: 'string', required: true, description: `name of the ${kind}` }),
  namespace: { name: 'namespace', in: 'path', type: 'string', required: true, description: 'object name and auth scope, such as for teams and projects' },
  fieldManager: {
    name: 'fieldManager',
    in: 'query',
    type: 'string',
    description: 'fieldManager names the actor making the change (printable characters, at most 128). Required for apply patches.',
  },
  fieldValidation: {
    name: 'fieldValidation',
    in: 'query',
    type: 'string',
    description:
      'fieldValidation says what the server does with unknown or duplicate fields of the request body: Ignore drops them silently, Warn drops them with a warning header (the default), Strict rejects the request with a BadRequest naming them all.',
  },
  force: { name: 'force', in: 'query', type: 'boolean', description: 'force makes an apply patch take over the fields other managers own. Only for apply patches.' },
  continue: { name: 'continue', in: 'query', type: 'string', description: 'The continue token of a previous, limited list call, to fetch its next chunk.' },
  fieldSelector: { name: 'fieldSelector', in: 'query', type: 'string', description: 'A selector on the fields of the objects to return. Defaults to everything.' },
  labelSelector: { name: 'labelSelector', in: 'query', type: 'string', description: 'A selector on the labels of the objects to return. Defaults to everything.' },
  limit: { name: 'limit', in: 'query', type: 'integer', description: 'The maximum number of objects to return; the list metadata then carries a continue token when more exist.' },
  resourceVersion: { name: 'resourceVersion', in: 'query', type: 'string', description: 'Which resource version the list or watch is served at (or starts after, for a watch).' },
  resourceVersionMatch: { name: 'resourceVersionMatch', in: 'query', type: 'string', description: 'How resourceVersion applies to a list: Exact or NotOlderThan.' },
  timeoutSeconds: { name: 'timeoutSeconds', in: 'query', type: 'integer', description: 'How long a list or watch call may last, in seconds.' },
  watch: { name: 'watch', in: 'query', type: 'boolean', description: 'Watch for changes instead of listing: a stream of add, update and delete notifications.' },
} satisfies Record<string, Param | ((k: string) => Param)>;

interface Operation {
  action: Action;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  operationId: string;
  description: string;
  params: Param[];
  body?: string; // model id
  response: string; // model id
  created?: boolean;
  accepted?: boolean;
  gvk: JsonObject;
}

/** Kinds whose DELETE answers the object (upstream, the strategies that return it); the others answer a Status. */
const DELETE_RETURNS_OBJECT = new Set(['Pod', 'Service']);
const LIST_PARAMS = [P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.timeoutSeconds, P.watch];
const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Operation id words: core `CoreV1`, apps `AppsV1`, discovery.k8s.io `DiscoveryV1`. */
function idWords(group: string, version: string): string {
  return `${titleCase(group === '' ? 'core' : group.split('.')[0])}${titleCase(version)}`;
}

function tag(group: string, version: string): string {
  return `${group === '' ? 'core' : group.split('.')[0]}_${version}`;
}

/** Builds the paths of a group-version: path → (path parameters, operations). */
function pathsOf(group: string, version: string, ids: Record<string, string>, deps: {
  paramDoc: { dryRun: string; gracePeriodSeconds: string; propagationPolicy: string; orphanDependents: string };
}): Map<string, { params: Param[]; ops: Operation[] }> {
  const paths = new Map<string, { params: Param[]; ops: Operation[] }>();
  const dryRun: Param = { name: 'dryRun', in: 'query', type: 'string', description: deps.paramDoc.dryRun };
  const grace: Param = { name: 'gracePeriodSeconds', in: 'query', type: 'integer', description: deps.paramDoc.gracePeriodSeconds };
  const propagation: Param = { name: 'propagationPolicy', in: 'query', type: 'string', description: deps.paramDoc.propagationPolicy };
  const orphan: Param = { name: 'orphanDependents', in: 'query', type: 'boolean', description: deps.paramDoc.orphanDependents };
  const writes = [dryRun, P.fieldManager, P.fieldValidation];
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  paths.set(`${prefix}/`, {
    params: [],
    ops: [
      {
        action: 'get',
        method: 'get',
        operationId: `get${idWords(group, version)}APIResources`,
        description: 'get available resources',
        params: [],
        response: RESOURCE_LIST,
        gvk: {},
      },
    ],
  });
  for (const r of RESOURCES.filter((x) => x.group === group && x.version === version)) {
    const gvk = { group, kind: r.kind, version };
    const w = idWords(group, version);
    const ns = r.namespaced ? 'Namespaced' : '';
    const kindId = ids[r.kind];
    const listId = ids[`${r.kind}List`];
    const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
    const scope = r.namespaced ? [P.namespace] : [];
    const item = [P.name(r.kind), ...scope];
    paths.set(base, {
      params: [...scope, P.pretty],
      ops: [
        { action: 'deletecollection', method: 'delete', operationId: `delete${w}Collection${ns}${r.kind}`, description: `delete collection of ${r.kind}`, params: [...LIST_PARAMS, dryRun, grace, orphan, propagation], body: DELETE_OPTIONS, response: STATUS, gvk },
        { action: 'list', method: 'get', operationId: `list${w}${ns}${r.kind}`, description: `list or watch objects of kind ${r.kind}`, params: LIST_PARAMS, response: listId, gvk },
        { action: 'post', method: 'post', operationId: `create${w}${ns}${r.kind}`, description: `create ${article(r.kind)} ${r.kind}`, params: writes, body: kindId, response: kindId, created: true, accepted: true, gvk },
      ],
    });
    paths.set(`${base}/{name}`, {
      params: [...item, P.pretty],
      ops: [
        { action: 'delete', method: 'delete', operationId: `delete${w}${ns}${r.kind}`, description: `delete ${article(r.kind)} ${r.kind}`, params: [dryRun, grace, orphan, propagation], body: DELETE_OPTIONS, response: DELETE_RETURNS_OBJECT.has(r.kind) ? kindId : STATUS, accepted: true, gvk },
        { action: 'get', method: 'get', operationId: `read${w}${ns}${r.kind}`, description: `read the specified ${r.kind}`, params: [], response: kindId, gvk },
        { action: 'patch', method: 'patch', operationId: `patch${w}${ns}${r.kind}`, description: `partially update the specified ${r.kind}`, params: [...writes, P.force], body: PATCH, response: kindId, created: true, gvk },
        { action: 'put', method: 'put', operationId: `replace${w}${ns}${r.kind}`, description: `replace the specified ${r.kind}`, params: writes, body: kindId, response: kindId, created: true, gvk },
      ],
    });
    if (r.namespaced) {
      paths.set(`${prefix}/${r.plural}`, {
        params: [P.pretty],
        ops: [{ action: 'list', method: 'get', operationId: `list${w}${r.kind}ForAllNamespaces`, description: `list or watch objects of kind ${r.kind}`, params: LIST_PARAMS, response: listId, gvk }],
      });
    }
    const sub = (name: string, word: string, subGvk: JsonObject, model: string) =>
      paths.set(`${base}/{name}/${name}`, {
        params: [{ ...P.name(name === 'status' ? r.kind : word), description: `name of the ${word}` }, ...scope, P.pretty],
        ops: [
          { action: 'get', method: 'get', operationId: `read${w}${ns}${r.kind}${word}`, description: `read ${name} of the specified ${r.kind}`, params: [], response: model, gvk: subGvk },
          { action: 'patch', method: 'patch', operationId: `patch${w}${ns}${r.kind}${word}`, description: `partially update ${name} of the specified ${r.kind}`, params: [...writes, P.force], body: PATCH, response: model, created: true, gvk: subGvk },
          { action: 'put', method: 'put', operationId: `replace${w}${ns}${r.kind}${word}`, description: `replace ${name} of the specified ${r.kind}`, params: writes, body: model, response: model, created: true, gvk: subGvk },
        ],
      });
    if (r.status) sub('status', 'Status', gvk, kindId);
    if (r.scale) sub('scale', 'Scale', { group: 'autoscaling', kind: 'Scale', version: 'v1' }, SCALE);
    if (r.eviction) {
      paths.set(`${base}/{name}/eviction`, {
        params: [{ ...P.name('Eviction') }, ...scope, P.pretty],
        ops: [
          {
            action: 'post',
            method: 'post',
            operationId: `create${w}${ns}${r.kind}Eviction`,
            description: `create eviction of ${article(r.kind)} ${r.kind}`,
            params: writes,
            body: EVICTION,
            response: EVICTION,
            created: true,
            accepted: true,
            gvk: { group: 'policy', kind: 'Eviction', version: 'v1' },
          },
        ],
      });
    }
  }
  return paths;
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}

const RESPONSE_TYPES = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function v3Param(p: Param): JsonObject {
  const out: JsonObject = { description: p.description, in: p.in, name: p.name, schema: { type: p.type, uniqueItems: true } };
  if (p.required) out.required = true;
  return out;
}

function v2Param(p: Param): JsonObject {
  const out: JsonObject = { description: p.description, in: p.in, name: p.name, type: p.type, uniqueItems: true };
  if (p.required) out.required = true;
  return out;
}

function v3Operation(op: Operation, name: (id: string) => string, group: string, version: string): JsonObject {
  const ref = (id: string): JsonObject => ({ schema: { $ref: `#/components/schemas/${name(id)}` } });
  const content = (id: string) => Object.fromEntries(RESPONSE_TYPES.map((t) => [t, ref(id)]));
  const responses: JsonObject = { '200': { content: content(op.response), description: 'OK' }, '401': { description: 'Unauthorized' } };
  if (op.created) responses['201'] = { content: content(op.response), description: 'Created' };
  if (op.accepted) responses['202'] = { content: content(op.response), description: 'Accepted' };
  const out: JsonObject = {
    description: op.description,
    operationId: op.operationId,
    responses,
    tags: [tag(group, version)],
  };
  if (op.params.length) out.parameters = op.params.map(v3Param);
  if (op.body) {
    const types = op.body === PATCH ? PATCH_TYPES : ['*/*'];
    const body: JsonObject = { content: Object.fromEntries(types.map((t) => [t, ref(op.body!)])) };
    if (op.body !== DELETE_OPTIONS) body.required = true;
    out.requestBody = body;
  }
  if (Object.keys(op.gvk).length) {
    out['x-kubernetes-action'] = op.action;
    out['x-kubernetes-group-version-kind'] = op.gvk;
  }
  return out;
}

function v2Operation(op: Operation, name: (id: string) => string, group: string, version: string): JsonObject {
  const schema = (id: string): JsonObject => ({ $ref: `#/definitions/${name(id)}` });
  const responses: JsonObject = { '200': { description: 'OK', schema: schema(op.response) }, '401': { description: 'Unauthorized' } };
  if (op.created) responses['201'] = { description: 'Created', schema: schema(op.response) };
  if (op.accepted) responses['202'] = { description: 'Accepted', schema: schema(op.response) };
  const params = op.params.map(v2Param);
  if (op.body) params.unshift({ in: 'body', name: 'body', ...(op.body !== DELETE_OPTIONS && { required: true }), schema: schema(op.body) });
  const out: JsonObject = {
    consumes: op.body === PATCH ? PATCH_TYPES : ['*/*'],
    description: op.description,
    operationId: op.operationId,
    produces: RESPONSE_TYPES,
    responses,
    schemes: ['https'],
    tags: [tag(group, version)],
  };
  if (params.length) out.parameters = params;
  if (Object.keys(op.gvk).length) {
    out['x-kubernetes-action'] = op.action;
    out['x-kubernetes-group-version-kind'] = op.gvk;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documents.

/** Keys sorted at every level, as Go's encoding/json writes upstream's maps. */
function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}

function closure(roots: Iterable<string>, models: Map<string, Model>): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...models.get(id)!.refs);
  }
  return [...seen];
}

export interface Documents {
  /** generated/openapi-relative path → JSON bytes. */
  files: Map<string, Buffer>;
}

const BEARER = { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } };

/** All documents, as the bytes the server sends (deterministic: same input, same bytes). */
export function generate(): Documents {
  const kindIds: Record<string, string> = {};
  const decls = indexDeclarations();
  for (const r of RESOURCES) {
    const prefix = r.group === '' ? 'IoK8sApiCoreV1' : `IoK8sApi${titleCase(r.group.split('.')[0])}${titleCase(r.version)}`;
    for (const k of [r.kind, `${r.kind}List`]) {
      if (!decls.has(prefix + k)) throw new Error(`no model ${prefix + k}`);
      kindIds[k] = prefix + k;
    }
  }
  const models = buildModels([...Object.values(kindIds), STATUS, DELETE_OPTIONS, WATCH_EVENT, PATCH, RESOURCE_LIST, SCALE, EVICTION]);
  const name = (id: string) => models.get(id)!.name;
  const deleteOptions = models.get(DELETE_OPTIONS)!.schema.properties as Record<string, { description: string }>;
  const paramDoc = {
    dryRun: deleteOptions.dryRun.description,
    gracePeriodSeconds: deleteOptions.gracePeriodSeconds.description,
    propagationPolicy: deleteOptions.propagationPolicy.description,
    orphanDependents: deleteOptions.orphanDependents.description,
  };
  const info = { title: 'Kubernetes', version: KUBERNETES_VERSION };
  const files = new Map<string, Buffer>();
  const v2Paths: JsonObject = {};
  const index: JsonObject = {};
  for (const gv of GROUP_VERSIONS) {
    const paths = pathsOf(gv.group, gv.version, kindIds, { paramDoc });
    const used = new Set<string>(gv.extraRoots);
    const v3Paths: JsonObject = {};
    for (const [p, { params, ops }] of paths) {
      const item: JsonObject = {};
      const item2: JsonObject = {};
      for (const op of ops) {
        for (const id of [op.body, op.response]) if (id) used.add(id);
        item[op.method] = v3Operation(op, name, gv.group, gv.version);
        item2[op.method] = v2Operation(op, name, gv.group, gv.version);
      }
      if (params.length) {
        item.parameters = params.map(v3Param);
        item2.parameters = params.map(v2Param);
      }
      v3Paths[p] = item;
      v2Paths[p] = item2;
    }
    const schemas: JsonObject = {};
    for (const id of closure(used, models)) {
      const m = models.get(id)!;
      schemas[m.name] = render(m.v3 ?? m.schema, models, true);
    }
    const doc = sortKeys({ components: { schemas, securitySchemes: BEARER }, info, openapi: '3.0.0', paths: v3Paths });
    const body = Buffer.from(JSON.stringify(doc));
    files.set(`v3/${gv.path}.json`, body);
    index[gv.path] = { serverRelativeURL: `/openapi/v3/${gv.path}?hash=${openapiHash(body)}` };
  }
  files.set('v3/index.json', Buffer.from(JSON.stringify(sortKeys({ paths: index }))));
  const definitions: JsonObject = {};
  for (const m of models.values()) definitions[m.name] = render(m.schema, models, false);
  const v2 = sortKeys({ definitions, info, paths: v2Paths, security: [{ BearerToken: [] }], securityDefinitions: BEARER, swagger: '2.0' });
  files.set('v2.json', Buffer.from(JSON.stringify(v2)));
  return { files };
}

/** The `hash` of a v3 document's URL, and its ETag: the SHA-512 of its bytes, uppercase hex (kube-openapi handler3's computeETag). */
export function openapiHash(body: Buffer): string {
  return crypto.createHash('sha512').update(body).digest('hex').toUpperCase();
}

/** Writes the documents under `dir` (generated/openapi), replacing what was there. */
export function writeDocuments(dir: string, docs: Documents = generate()): void {
  // Written next to the target and renamed, so a reader never sees half a tree.
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const [rel, body] of docs.files) {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(tmp, dir);
}

if (require.main === module) {
  const dir = path.join(packageRoot(), 'generated', 'openapi');
  const docs = generate();
  writeDocuments(dir, docs);
  const total = [...docs.files.values()].reduce((n, b) => n + b.length, 0);
  console.log(`wrote ${docs.files.size} OpenAPI documents (${Math.round(total / 1024)} KiB) to ${path.relative(process.cwd(), dir) || dir}`);
}
