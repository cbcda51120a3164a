// Build-time generator of `types.generated.ts`: the Go-shaped type table the decoder uses to find
// unknown fields (strict field validation) and to word type errors as the API server's JSON
// decoder does (`Go struct field DeploymentSpec.spec.replicas of type int32`).
//
// Source of truth: the installed `kubernetes-models` package (Kubernetes' OpenAPI, as TypeScript
// declarations plus precompiled validators):
//  - the properties of every struct and their shapes come from its `.d.ts` files (parsed with the
//    TypeScript compiler API);
//  - whether a `number` is an int32, an int64 or a float64 is asked of its precompiled validator
//    (`_schemas/<Id>.js`): 2^31 fails `format: int32`, 0.5 fails `type: integer`;
//  - Go's *named* types (`v1.Protocol`, `v1.ResourceList`...) are not in OpenAPI: the few that
//    error messages commonly show are listed in GO_NAMED_TYPES below, checked against
//    k8s.io/api/core/v1/types.go and k8s.io/api/apps/v1/types.go; other enum fields read `string`.
//
// Regenerate (after upgrading kubernetes-models) with:
//   npx ts-node src/apiserver/registry/schema/generate.ts
// (schema/generate.test.ts fails when the committed table no longer matches the installed package.)
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The kinds the embedded API server decodes, by the OpenAPI id of their model. */
export const ROOTS: Record<string, string> = {
  Pod: 'IoK8sApiCoreV1Pod',
  Service: 'IoK8sApiCoreV1Service',
  Endpoints: 'IoK8sApiCoreV1Endpoints',
  Node: 'IoK8sApiCoreV1Node',
  Namespace: 'IoK8sApiCoreV1Namespace',
  Event: 'IoK8sApiCoreV1Event',
  Deployment: 'IoK8sApiAppsV1Deployment',
  ReplicaSet: 'IoK8sApiAppsV1ReplicaSet',
  DaemonSet: 'IoK8sApiAppsV1DaemonSet',
  EndpointSlice: 'IoK8sApiDiscoveryV1EndpointSlice',
  ConfigMap: 'IoK8sApiCoreV1ConfigMap',
  Secret: 'IoK8sApiCoreV1Secret',
  ServiceAccount: 'IoK8sApiCoreV1ServiceAccount',
};

/**
 * Go named types of fields, `<struct id>.<json field>` → Go type as `%v` of reflect.Type prints it
 * (pointers dereferenced, as encoding/json reports them). Checked against k8s.io/api types.go.
 */
const GO_NAMED_TYPES: Record<string, string> = {
  'IoK8sApiCoreV1Container.imagePullPolicy': 'v1.PullPolicy',
  'IoK8sApiCoreV1Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'IoK8sApiCoreV1Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'IoK8sApiCoreV1EphemeralContainer.imagePullPolicy': 'v1.PullPolicy',
  'IoK8sApiCoreV1EphemeralContainer.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'IoK8sApiCoreV1EphemeralContainer.restartPolicy': 'v1.ContainerRestartPolicy',
  'IoK8sApiCoreV1ContainerPort.protocol': 'v1.Protocol',
  'IoK8sApiCoreV1ServicePort.protocol': 'v1.Protocol',
  'IoK8sApiCoreV1EndpointPort.protocol': 'v1.Protocol',
  'IoK8sApiDiscoveryV1EndpointPort.protocol': 'v1.Protocol',
  'IoK8sApiCoreV1PodSpec.restartPolicy': 'v1.RestartPolicy',
  'IoK8sApiCoreV1PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'IoK8sApiCoreV1PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'IoK8sApiCoreV1PodSpec.overhead': 'v1.ResourceList',
  'IoK8sApiCoreV1PodStatus.phase': 'v1.PodPhase',
  'IoK8sApiCoreV1PodStatus.qosClass': 'v1.PodQOSClass',
  'IoK8sApiCoreV1PodCondition.type': 'v1.PodConditionType',
  'IoK8sApiCoreV1PodCondition.status': 'v1.ConditionStatus',
  'IoK8sApiCoreV1ResourceRequirements.limits': 'v1.ResourceList',
  'IoK8sApiCoreV1ResourceRequirements.requests': 'v1.ResourceList',
  'IoK8sApiCoreV1HTTPGetAction.scheme': 'v1.URIScheme',
  'IoK8sApiCoreV1Toleration.operator': 'v1.TolerationOperator',
  'IoK8sApiCoreV1Toleration.effect': 'v1.TaintEffect',
  'IoK8sApiCoreV1Taint.effect': 'v1.TaintEffect',
  'IoK8sApiCoreV1NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'IoK8sApiCoreV1ServiceSpec.type': 'v1.ServiceType',
  'IoK8sApiCoreV1ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'IoK8sApiCoreV1ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'IoK8sApiCoreV1ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'IoK8sApiCoreV1ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'IoK8sApiCoreV1ServiceSpec.ipFamilies[]': 'v1.IPFamily',
  'IoK8sApiCoreV1NodeStatus.phase': 'v1.NodePhase',
  'IoK8sApiCoreV1NodeStatus.capacity': 'v1.ResourceList',
  'IoK8sApiCoreV1NodeStatus.allocatable': 'v1.ResourceList',
  'IoK8sApiCoreV1NodeCondition.type': 'v1.NodeConditionType',
  'IoK8sApiCoreV1NodeCondition.status': 'v1.ConditionStatus',
  'IoK8sApiCoreV1NodeAddress.type': 'v1.NodeAddressType',
  'IoK8sApiCoreV1NamespaceStatus.phase': 'v1.NamespacePhase',
  'IoK8sApiCoreV1NamespaceSpec.finalizers[]': 'v1.FinalizerName',
  'IoK8sApiAppsV1DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'IoK8sApiAppsV1DeploymentCondition.type': 'v1.DeploymentConditionType',
  'IoK8sApiAppsV1DeploymentCondition.status': 'v1.ConditionStatus',
  'IoK8sApiAppsV1ReplicaSetCondition.type': 'v1.ReplicaSetConditionType',
  'IoK8sApiAppsV1ReplicaSetCondition.status': 'v1.ConditionStatus',
  'IoK8sApiAppsV1DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'IoK8sApiAppsV1DaemonSetCondition.type': 'v1.DaemonSetConditionType',
  'IoK8sApiAppsV1DaemonSetCondition.status': 'v1.ConditionStatus',
  'IoK8sApiDiscoveryV1EndpointSlice.addressType': 'v1.AddressType',
};

/**
 * Fields kubernetes-models 4.5.1 has that Kubernetes v1.32 does not: it is generated from v1.33.
 * kubespec is v1.32, so these are unknown fields (strict decoding reports them, the served OpenAPI
 * documents leave them out). The list is the difference between kubernetes-models 4.5.1 and the
 * v1.32.0 OpenAPI document (as @kubernetes/client-node 1.0.0 carries it, "OpenAPI spec version:
 * v1.32.0"), over every struct kubespec decodes or serves; each was added in v1.33:
 *  - DeploymentStatus/ReplicaSetStatus.terminatingReplicas: KEP-3973 DeploymentReplicaSetTerminatingReplicas;
 *  - Lifecycle.stopSignal, ContainerStatus.stopSignal: KEP-4960 ContainerStopSignals;
 *  - PodStatus.observedGeneration, PodCondition.observedGeneration: KEP-5067 PodObservedGenerationTracking;
 *  - NodeSystemInfo.swap (and its NodeSwapStatus): KEP-2400 node swap status;
 *  - EndpointHints.forNodes (and its ForNode): KEP-3015 PreferSameTrafficDistribution.
 * src/apiserver/registry/schema/generate.test.ts checks the list is still all there is.
 */
export const NOT_IN_V1_32: ReadonlySet<string> = new Set([
  'IoK8sApiAppsV1DeploymentStatus.terminatingReplicas',
  'IoK8sApiAppsV1ReplicaSetStatus.terminatingReplicas',
  'IoK8sApiCoreV1Lifecycle.stopSignal',
  'IoK8sApiCoreV1ContainerStatus.stopSignal',
  'IoK8sApiCoreV1PodStatus.observedGeneration',
  'IoK8sApiCoreV1PodCondition.observedGeneration',
  'IoK8sApiCoreV1NodeSystemInfo.swap',
  'IoK8sApiDiscoveryV1EndpointHints.forNodes',
]);

/** Struct ids whose content is free-form JSON (Go: runtime.RawExtension, metav1.FieldsV1). */
export const RAW_IDS = new Set(['IoK8sApimachineryPkgRuntimeRawExtension', 'IoK8sApimachineryPkgApisMetaV1FieldsV1']);
export const ALIASES: Record<string, string> = {
  IoK8sApimachineryPkgUtilIntstrIntOrString: 'intstr',
  IoK8sApimachineryPkgApiResourceQuantity: 'quantity',
  IoK8sApimachineryPkgApisMetaV1Time: 'time',
  IoK8sApimachineryPkgApisMetaV1MicroTime: 'time',
};

const repo = path.resolve(__dirname, '../../../..');
// Resolved through Node rather than from `repo`, so the helpers also work from a build under dist/
// (src/serve/openapi/generate.ts imports them).
export const PACKAGES = ['kubernetes-models', '@kubernetes-models/apimachinery'].map((p) => path.dirname(require.resolve(`${p}/package.json`)));

export interface Decl {
  file: string;
  local: string;
  pkgRoot: string;
}

/** Every exported model, by OpenAPI id (`IIoK8sApiCoreV1Container` → its file and local name). */
export function indexDeclarations(): Map<string, Decl> {
  const out = new Map<string, Decl>();
  const walk = (dir: string, pkgRoot: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '_schemas') walk(p, pkgRoot);
      } else if (e.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/export \{ (I\w+) as I(IoK8s\w+)/g)) out.set(m[2], { file: p, local: m[1], pkgRoot });
      }
    }
  };
  for (const root of PACKAGES) walk(root, root);
  return out;
}

/** Go package name of a model id: `IoK8sApiAppsV1Deployment` → `v1`, `...UtilIntstr...` → `intstr`. */
function goPackage(id: string): string {
  const m = /^IoK8s(?:Api|ApimachineryPkgApis|ApimachineryPkg)([A-Z][a-z0-9]*)*?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(id);
  if (m) return m[2].toLowerCase();
  if (id.startsWith('IoK8sApimachineryPkgRuntime')) return 'runtime';
  if (id.startsWith('IoK8sApimachineryPkgApiResource')) return 'resource';
  if (id.startsWith('IoK8sApimachineryPkgUtilIntstr')) return 'intstr';
  throw new Error(`no Go package for ${id}`);
}

function goName(id: string, decl: Decl): string {
  return `${goPackage(id)}.${decl.local.replace(/^I/, '')}`;
}

export function validatorOf(id: string, decl: Decl): (data: unknown) => boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a compiled validator, by file path
  const mod = require(path.join(decl.pkgRoot, '_schemas', `${id}.js`)) as { validate: (d: unknown) => boolean };
  return mod.validate;
}

/** int32, int64 or float64, asked of the compiled OpenAPI validator. */
export function numberFormat(validate: (d: unknown) => boolean & { errors?: unknown }, prop: string, inArray: boolean): string {
  const probe = (v: number): { keyword: string; params: any }[] => {
    const fn = validate as unknown as { (d: unknown): boolean; errors?: { instancePath: string; keyword: string; params: any }[] | null };
    fn({ [prop]: inArray ? [v] : v });
    const at = inArray ? `/${prop}/0` : `/${prop}`;
    return (fn.errors ?? []).filter((e) => e.instancePath === at);
  };
  if (probe(2 ** 31).some((e) => e.keyword === 'format' && e.params.format === 'int32')) return 'int32';
  if (probe(0.5).some((e) => e.keyword === 'type' && e.params.type === 'integer')) return 'int64';
  return 'float64';
}

/** The text of types.generated.ts, from the installed packages. */
export function generate(): string {
  const decls = indexDeclarations();
  const structs = new Map<string, [string, Record<string, string>]>();
  const queue = Object.values(ROOTS);
  const seen = new Set(queue);
  while (queue.length) {
    const id = queue.shift()!;
    const decl = decls.get(id);
    if (!decl) throw new Error(`no declaration for ${id}`);
    const sf = ts.createSourceFile(decl.file, fs.readFileSync(decl.file, 'utf8'), ts.ScriptTarget.Latest, true);
    const iface = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === decl.local);
    if (!iface) throw new Error(`no interface ${decl.local} in ${decl.file}`);
    const validate = validatorOf(id, decl);
    const fields: Record<string, string> = {};
    const typeOf = (node: ts.TypeNode, prop: string, inArray: boolean, key: string): string => {
      const named = GO_NAMED_TYPES[key];
      const withName = (base: string) => (named ? `${named}=${base}` : base);
      if (node.kind === ts.SyntaxKind.StringKeyword) return withName('string');
      if (node.kind === ts.SyntaxKind.BooleanKeyword) return withName('bool');
      if (node.kind === ts.SyntaxKind.NumberKeyword) return withName(numberFormat(validate as any, prop, inArray));
      if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword) return 'raw';
      if (ts.isLiteralTypeNode(node) || (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t)))) return withName('string');
      if (ts.isArrayTypeNode(node)) return `[]${typeOf(node.elementType, prop, true, `${key}[]`)}`;
      if (ts.isTypeLiteralNode(node)) {
        const sig = node.members.find(ts.isIndexSignatureDeclaration);
        if (!sig || !sig.type) throw new Error(`unsupported type literal at ${id}.${prop}`);
        return withName(`map[string]${typeOf(sig.type, prop, false, `${key}{}`)}`);
      }
      if (ts.isTypeReferenceNode(node)) {
        const name = node.typeName.getText(sf);
        if (name === 'Array' && node.typeArguments?.length === 1) return `[]${typeOf(node.typeArguments[0], prop, true, `${key}[]`)}`;
        const ref = name.replace(/^I(?=IoK8s)/, '');
        if (ALIASES[ref]) return withName(ALIASES[ref]);
        if (RAW_IDS.has(ref)) return 'raw';
        if (!decls.has(ref)) throw new Error(`unknown reference ${name} at ${id}.${prop}`);
        if (!seen.has(ref)) {
          seen.add(ref);
          queue.push(ref);
        }
        return withName(`@${ref}`);
      }
      throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} at ${id}.${prop}`);
    };
    for (const m of iface.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const prop = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(sf);
      if (NOT_IN_V1_32.has(`${id}.${prop}`)) continue;
      fields[prop] = typeOf(m.type, prop, false, `${id}.${prop}`);
    }
    structs.set(id, [goName(id, decl), fields]);
  }
  for (const key of Object.keys(GO_NAMED_TYPES)) {
    const [id, field] = key.split('.');
    if (!structs.get(id)?.[1][field.replace(/[[\]{}]+$/, '')]) throw new Error(`GO_NAMED_TYPES entry ${key} names no field`);
  }
  const version = (JSON.parse(fs.readFileSync(path.join(PACKAGES[0], 'package.json'), 'utf8')) as { version: string }).version;
  const ids = [...structs.keys()].sort();
  const lines = [
    `// GENERATED by src/apiserver/registry/schema/generate.ts from kubernetes-models@${version}, less its v1.33 fields: do not edit.`,
    '// Regenerate with `npx ts-node src/apiserver/registry/schema/generate.ts`.',
    '// Per struct (by OpenAPI id): its Go type name and its JSON fields with their Go-shaped types:',
    '// `string`, `bool`, `int32`, `int64`, `float64`, `intstr`, `quantity`, `time`, `raw` (any JSON),',
    '// `@<id>` (struct), `[]<t>`, `map[string]<t>`, and `<go name>=<t>` for Go named types.',
    '',
    `export const MODELS_VERSION = 'kubernetes-models@${version}';`,
    '',
    `export const ROOTS: Record<string, string> = ${JSON.stringify(ROOTS, null, 2)};`,
    '',
    'export const STRUCTS: Record<string, [goName: string, fields: Record<string, string>]> = {',
    ...ids.map((id) => `  ${id}: ${JSON.stringify(structs.get(id))},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const out = path.join(__dirname, 'types.generated.ts');
  const text = generate();
  fs.writeFileSync(out, text);
  console.log(`wrote ${path.relative(repo, out)}: ${Object.keys(text.match(/^ {2}IoK8s\w+:/gm) ?? []).length} structs`);
}
