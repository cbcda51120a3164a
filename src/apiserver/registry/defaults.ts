// Defaulting, as the API server applies it while decoding (SetDefaults_* of
// pkg/apis/core/v1/defaults.go and pkg/apis/apps/v1/defaults.go, plus the declarative `+default`
// markers of k8s.io/api that zz_generated.defaults.go applies). Every function fills in place.
import type { KubeObject } from '../types';

/** v1.DefaultTerminationGracePeriodSeconds. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.DefaultSchedulerName. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** v1.TerminationMessagePathDefault. */
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';
/** v1.DefaultClientIPServiceAffinitySeconds (3 hours). */
export const DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 10800;
/** Volume sources' DefaultMode (0644). */
const DEFAULT_MODE = 0o644;

type Obj = Record<string, any>;

/** Stored objects are frozen and never changed in place: objects can share this one. */
const EMPTY_SECURITY_CONTEXT = Object.freeze({});

// ---- Go's encoding of what was stored (k8s.io/api v1.32 json tags) ---------------------------
//
// A v1.32 API server decodes every write into Go structs and encodes them back, so what it returns
// holds what Go's encoding/json writes: a field tagged `omitempty` whose Go type is a bool, a
// number, a string, a slice or a map (not a pointer, not a struct) is left out when it is the zero
// value (`paused: false`, `minReadySeconds: 0`, `hostNetwork: false`, `env: []`, `nodeSelector: {}`);
// pointer fields keep their zero (`replicas: 0`, `terminationGracePeriodSeconds: 0`,
// `enableServiceLinks: false`); struct fields are always written (`resources: {}`, a template's
// `metadata`); a zero metav1.Time writes `null` (a pod template's `creationTimestamp: null`).
// The tables name, per struct, its zero-omitted fields, from the json tags and Go types of
// k8s.io/api/core/v1/types.go and k8s.io/api/apps/v1/types.go (v1.32).

/** Fields of each struct that `omitempty` drops when zero (non-pointer bool/int/string/slice/map). */
const OMIT_ZERO: Record<string, readonly string[]> = {
  // apps/v1 DeploymentSpec: MinReadySeconds int32, Paused bool (Replicas, RevisionHistoryLimit and
  // ProgressDeadlineSeconds are pointers; Strategy and Template structs).
  DeploymentSpec: ['minReadySeconds', 'paused'],
  // apps/v1 ReplicaSetSpec: MinReadySeconds int32 (Replicas is a pointer).
  ReplicaSetSpec: ['minReadySeconds'],
  // apps/v1 DaemonSetSpec: MinReadySeconds int32 (RevisionHistoryLimit is a pointer, UpdateStrategy a struct).
  DaemonSetSpec: ['minReadySeconds'],
  // core/v1 ObjectMeta inside a template (the stored object's own metadata: apiserver normalizeMeta).
  ObjectMeta: ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
  // core/v1 PodSpec. Containers is `json:"containers"` (kept); the pointers (ActiveDeadlineSeconds,
  // TerminationGracePeriodSeconds, AutomountServiceAccountToken, ShareProcessNamespace, Priority,
  // EnableServiceLinks, PreemptionPolicy, RuntimeClassName, SetHostnameAsFQDN, HostUsers, OS, ...)
  // keep what they hold.
  PodSpec: [
    'volumes', 'initContainers', 'ephemeralContainers', 'restartPolicy', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount',
    'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'imagePullSecrets', 'hostname', 'subdomain', 'schedulerName', 'tolerations', 'hostAliases',
    'priorityClassName', 'readinessGates', 'overhead', 'topologySpreadConstraints', 'schedulingGates', 'resourceClaims',
  ],
  // core/v1 Container (and the same fields of init containers). Name is `json:"name"` (kept);
  // Resources is a struct (always written, see defaultContainer).
  Container: [
    'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resizePolicy', 'volumeMounts', 'volumeDevices', 'terminationMessagePath',
    'terminationMessagePolicy', 'imagePullPolicy', 'stdin', 'stdinOnce', 'tty',
  ],
  // core/v1 ContainerPort: ContainerPort is `json:"containerPort"` (kept).
  ContainerPort: ['name', 'hostPort', 'protocol', 'hostIP'],
  // core/v1 EnvVar: Name is `json:"name"` (kept).
  EnvVar: ['value'],
  // core/v1 VolumeMount: Name and MountPath are kept; MountPropagation and RecursiveReadOnly are pointers.
  VolumeMount: ['readOnly', 'subPath', 'subPathExpr'],
  // core/v1 ServiceSpec (SessionAffinityConfig, IPFamilyPolicy, AllocateLoadBalancerNodePorts,
  // LoadBalancerClass, InternalTrafficPolicy, TrafficDistribution are pointers).
  ServiceSpec: [
    'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName',
    'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'ipFamilies',
  ],
  // core/v1 ServicePort: Port is `json:"port"` (kept); TargetPort an IntOrString struct (written).
  ServicePort: ['name', 'protocol', 'nodePort'],
};

function isGoZero(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const _ in v) return false;
    return true;
  }
  return false;
}

function omitZero(o: Obj | undefined | null, struct: string): void {
  if (!o || typeof o !== 'object' || Object.isFrozen(o)) return;
  for (const k of OMIT_ZERO[struct]) if (k in o && isGoZero(o[k])) delete o[k];
}

function encodeContainer(c: Obj | undefined): void {
  if (!c || typeof c !== 'object') return;
  omitZero(c, 'Container');
  for (const p of Array.isArray(c.ports) ? c.ports : []) omitZero(p, 'ContainerPort');
  for (const e of Array.isArray(c.env) ? c.env : []) omitZero(e, 'EnvVar');
  for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) omitZero(m, 'VolumeMount');
}

/** A PodSpec as Go writes it back. */
export function encodePodSpec(spec: Obj | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  omitZero(spec, 'PodSpec');
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) for (const c of Array.isArray(list) ? list : []) encodeContainer(c);
}

/** A PodTemplateSpec as Go writes it back: `metadata` (a struct) with `creationTimestamp: null`, and its spec. */
export function encodePodTemplate(template: Obj | undefined): void {
  if (!template || typeof template !== 'object') return;
  const meta = (template.metadata = template.metadata && typeof template.metadata === 'object' ? template.metadata : {});
  omitZero(meta, 'ObjectMeta');
  // metav1.Time's MarshalJSON writes null for the zero time; the struct field is never omitted.
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  encodePodSpec(template.spec);
}

// ---- image references (pkg/util/parsers ParseImageName over docker/distribution's reference) ---

const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/**
 * The tag ParseImageName finds: `latest` when neither tag nor digest is given, '' for a digest-only
 * reference, undefined when the reference does not parse (the caller then ignores the error).
 */
export function imageTag(image: string): string | undefined {
  const m = REFERENCE.exec(image);
  if (!m || m[1].length > 255 || /^[a-f0-9]{64}$/.test(image)) return undefined;
  if (m[2]) return m[2];
  return m[3] ? '' : 'latest';
}

// ---- containers and pod specs ----------------------------------------------------------------

function defaultProbe(p: Obj | undefined): void {
  if (!p) return;
  // SetDefaults_Probe
  if (p.timeoutSeconds === undefined || p.timeoutSeconds === 0) p.timeoutSeconds = 1;
  if (p.periodSeconds === undefined || p.periodSeconds === 0) p.periodSeconds = 10;
  if (p.successThreshold === undefined || p.successThreshold === 0) p.successThreshold = 1;
  if (p.failureThreshold === undefined || p.failureThreshold === 0) p.failureThreshold = 3;
  defaultHandler(p);
}

/** SetDefaults_HTTPGetAction, and the GRPCAction's `+default=""` service. */
function defaultHandler(h: Obj | undefined): void {
  if (!h) return;
  if (h.httpGet) {
    if (!h.httpGet.path) h.httpGet.path = '/';
    if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
  }
  if (h.grpc && h.grpc.service === undefined) h.grpc.service = '';
}

function defaultEnv(env: Obj[] | undefined): void {
  for (const e of env ?? []) {
    // SetDefaults_ObjectFieldSelector: apiVersion v1.
    if (e.valueFrom?.fieldRef && !e.valueFrom.fieldRef.apiVersion) e.valueFrom.fieldRef.apiVersion = 'v1';
  }
}

/** SetDefaults_Container (and the `+default="TCP"` of ContainerPort.protocol). */
export function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) {
    // parsers.ParseImageName; a parse error is ignored, leaving the tag empty.
    c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = TERMINATION_MESSAGE_PATH_DEFAULT;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // Not a default but Go's encoding: ResourceRequirements is a struct field, so a stored container
  // always reads back with `resources: {}` (omitempty does not omit structs).
  if (c.resources === undefined || c.resources === null) c.resources = {};
  for (const p of c.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
  defaultEnv(c.env);
}

/** SetDefaults_Volume and the volume sources' own defaults. */
function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_MODE;
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_MODE;
  if (v.downwardAPI && v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_MODE;
  if (v.projected && v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_MODE;
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
}

/** SetDefaults_PodSpec plus the containers', volumes' and probes' defaults inside it. */
export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = EMPTY_SECURITY_CONTEXT;
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  if (spec.hostNetwork) {
    // defaultHostNetworkPorts (DefaultHostNetworkHostPortsInPodTemplates): hostPort = containerPort.
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c?.ports ?? []) if (p && !p.hostPort) p.hostPort = p.containerPort;
    }
  }
  for (const c of spec.containers ?? []) if (c) defaultContainer(c);
  for (const c of spec.initContainers ?? []) if (c) defaultContainer(c);
  for (const v of spec.volumes ?? []) if (v) defaultVolume(v);
}

/** SetDefaults_Pod: requests default to limits, enableServiceLinks true (pods only, not templates). */
export function defaultPod(pod: KubeObject): void {
  const spec = pod.spec as Obj | undefined;
  if (!spec) return;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const r = c?.resources;
    if (!r?.limits) continue;
    r.requests = r.requests ?? {};
    for (const k of Object.keys(r.limits)) if (!(k in r.requests)) r.requests[k] = r.limits[k];
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  defaultPodSpec(spec);
  encodePodSpec(spec);
}

/** Defaults of a PodTemplateSpec (SetDefaults_PodSpec through the template). */
export function defaultPodTemplate(template: Obj | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

// ---- apps/v1 (pkg/apis/apps/v1/defaults.go) --------------------------------------------------

export function defaultDeployment(d: KubeObject): void {
  const spec = d.spec as Obj | undefined;
  if (!spec) return;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = (spec.strategy = spec.strategy ?? {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate = strategy.rollingUpdate ?? {};
    if (strategy.rollingUpdate.maxUnavailable === undefined || strategy.rollingUpdate.maxUnavailable === null) strategy.rollingUpdate.maxUnavailable = '25%';
    if (strategy.rollingUpdate.maxSurge === undefined || strategy.rollingUpdate.maxSurge === null) strategy.rollingUpdate.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(spec.template);
  omitZero(spec, 'DeploymentSpec');
  encodePodTemplate(spec.template);
}

export function defaultReplicaSet(rs: KubeObject): void {
  const spec = rs.spec as Obj | undefined;
  if (!spec) return;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultPodTemplate(spec.template);
  omitZero(spec, 'ReplicaSetSpec');
  encodePodTemplate(spec.template);
}

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10. */
export function defaultDaemonSet(ds: KubeObject): void {
  const spec = ds.spec as Obj | undefined;
  if (!spec) return;
  const strategy = (spec.updateStrategy = spec.updateStrategy ?? {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate = strategy.rollingUpdate ?? {};
    if (strategy.rollingUpdate.maxUnavailable === undefined || strategy.rollingUpdate.maxUnavailable === null) strategy.rollingUpdate.maxUnavailable = 1;
    if (strategy.rollingUpdate.maxSurge === undefined || strategy.rollingUpdate.maxSurge === null) strategy.rollingUpdate.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
  omitZero(spec, 'DaemonSetSpec');
  encodePodTemplate(spec.template);
}

// ---- services and the rest of core/v1 --------------------------------------------------------

/** service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function externallyAccessible(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
}

/** SetDefaults_Service. */
export function defaultService(svc: KubeObject): void {
  const spec = (svc.spec = (svc.spec as Obj | undefined) ?? {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    if (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined || spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS } };
    }
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p) continue;
    if (!p.protocol) p.protocol = 'TCP';
    // intstr.FromInt32(0) or FromString("") → the port (an absent port stays 0: validation says so).
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port ?? 0;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if ((spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  omitZero(spec, 'ServiceSpec');
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) omitZero(p, 'ServicePort');
}

/** SetDefaults_Endpoints (ports' protocol). */
export function defaultEndpoints(ep: KubeObject): void {
  for (const s of (ep.subsets as Obj[] | undefined) ?? []) for (const p of s?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
}

/** discovery/v1 SetDefaults_EndpointPort: name "" and protocol TCP. */
export function defaultEndpointSlice(es: KubeObject): void {
  for (const p of (es.ports as Obj[] | undefined) ?? []) {
    if (!p) continue;
    if (p.name === undefined || p.name === null) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
}

/** SetDefaults_Namespace: the `kubernetes.io/metadata.name` label; SetDefaults_NamespaceStatus. */
export function defaultNamespace(ns: KubeObject): void {
  if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  if (ns.status && !ns.status.phase) ns.status.phase = 'Active';
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(node: KubeObject): void {
  if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
}
