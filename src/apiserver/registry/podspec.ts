// Pod spec and pod template validation, ported from pkg/apis/core/validation/validation.go
// (ValidatePodSpec, validateContainers, validateContainerCommon, validateContainerPorts, ValidateEnv,
// ValidateVolumes, ValidateVolumeMounts, validateResourceRequirements, validateProbe,
// ValidateTolerations, ValidatePodTemplateSpec), in upstream's order so multi-error messages list
// causes as the real API server does. Not ported: volume source internals beyond their count,
// security contexts, affinity, topology spread, DNS config details, resource claims, OS-specific rules.
import { fieldError, type FieldError } from '../errors';
import type { PodSpec } from '../types';
import { goString, struct } from '../govalue';
import { parseQuantity, formatQuantity, compareQuantity } from './quantity';
import {
  Path,
  inclusiveRangeError,
  invalidGo,
  isDNS1123Subdomain,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  isValidIPv4,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateDNS1123Label,
  validateLabels,
  validateNonnegativeField,
  validateQualifiedName,
  isQualifiedName,
} from './validation';

type Obj = Record<string, any>;

/** core.LocalObjectReference (pkg/apis/core/types.go). */
const LOCAL_OBJECT_REFERENCE = struct('core.LocalObjectReference', [['Name', 'name', goString]]);

export interface PodValidationOptions {
  /** The spec belongs to a Pod (not a template): hostPort must equal containerPort under hostNetwork. */
  resourceIsPod?: boolean;
}

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SUPPORTED_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];
/** Resource names a container may request without a domain prefix (validateContainerResourceName). */
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INT32_MAX = 2147483647;

/** ValidatePortNumOrName (an IntOrString port). */
export function validatePortNumOrName(port: unknown, path: Path): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldError.invalid(path.text, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => fieldError.invalid(path.text, n, m));
}

function validateContainerPorts(ports: Obj[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    port = port ?? {};
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(fieldError.invalid(p.child('name').text, port.name, m));
      else if (names.has(port.name)) errs.push(fieldError.duplicate(p.child('name').text, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldError.required(p.child('containerPort').text));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(fieldError.invalid(p.child('containerPort').text, port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(fieldError.invalid(p.child('hostPort').text, port.hostPort, m));
    if (!port.protocol) errs.push(fieldError.required(p.child('protocol').text));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(port.protocol)) errs.push(fieldError.notSupported(p.child('protocol').text, port.protocol, SUPPORTED_PORT_PROTOCOLS));
  });
  return errs;
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, on by default since 1.32). */
function isRelaxedEnvVarName(name: string): string[] {
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c > 126 || c < 32 || ch === '=') return ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
  }
  return [];
}

function validateEnv(env: Obj[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = path.index(i);
    ev = ev ?? {};
    if (!ev.name) errs.push(fieldError.required(p.child('name').text));
    else for (const m of isRelaxedEnvVarName(ev.name)) errs.push(fieldError.invalid(p.child('name').text, ev.name, m));
    const from = ev.valueFrom;
    if (from) {
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter((k) => from[k]);
      const vp = p.child('valueFrom');
      if (from.fieldRef) {
        if (!from.fieldRef.apiVersion) errs.push(fieldError.required(vp.child('fieldRef', 'apiVersion').text));
        else if (!from.fieldRef.fieldPath) errs.push(fieldError.required(vp.child('fieldRef', 'fieldPath').text));
      }
      if (sources.length === 0) errs.push(fieldError.invalid(vp.text, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (ev.value) errs.push(fieldError.invalid(vp.text, '', 'may not be specified when `value` is not empty'));
      else if (sources.length > 1) errs.push(fieldError.invalid(vp.text, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Obj[] | undefined, volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mountpoints = new Set<string>();
  (mounts ?? []).forEach((mnt, i) => {
    const p = path.index(i);
    mnt = mnt ?? {};
    if (!mnt.name) errs.push(fieldError.required(p.child('name').text));
    if (!volumes.has(mnt.name ?? '')) errs.push(fieldError.notFound(p.child('name').text, mnt.name ?? ''));
    if (!mnt.mountPath) errs.push(fieldError.required(p.child('mountPath').text));
    if (mountpoints.has(mnt.mountPath ?? '')) errs.push(fieldError.invalid(p.child('mountPath').text, mnt.mountPath ?? '', 'must be unique'));
    mountpoints.add(mnt.mountPath ?? '');
    if (mnt.subPathExpr && mnt.subPath) errs.push(fieldError.invalid(p.child('subPathExpr').text, mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
  });
  return errs;
}

function validateResourceRequirements(res: Obj | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!res) return errs;
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const check = (name: string, value: unknown, p: Path) => {
    // validateContainerResourceName: a standard name, or a domain-prefixed (extended) one.
    for (const m of isQualifiedName(name)) errs.push(fieldError.invalid(p.text, name, m));
    if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
      errs.push(fieldError.invalid(p.text, name, 'must be a standard resource for containers'));
    }
    const q = parseQuantity(value as string | number | bigint);
    if (q && q.nanos < 0n) errs.push(fieldError.invalid(p.text, formatQuantity(q), 'must be greater than or equal to 0'));
  };
  for (const name of Object.keys(res.limits ?? {}).sort()) check(name, res.limits[name], limPath.key(name));
  for (const name of Object.keys(res.requests ?? {}).sort()) {
    check(name, res.requests[name], reqPath.key(name));
    const req = parseQuantity(res.requests[name]);
    const lim = res.limits && name in res.limits ? parseQuantity(res.limits[name]) : undefined;
    if (req && lim && compareQuantity(req, lim) > 0) {
      errs.push(fieldError.invalid(reqPath.text, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
    }
  }
  return errs;
}

function validateHandler(h: Obj, path: Path, kinds: string[]): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const k of kinds) {
    if (!h[k]) continue;
    if (n > 0) {
      errs.push(fieldError.forbidden(path.child(k).text, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = path.child(k);
    if (k === 'exec' && !(h.exec.command?.length > 0)) errs.push(fieldError.required(p.child('command').text));
    if (k === 'httpGet') {
      if (!h.httpGet.path) errs.push(fieldError.required(p.child('path').text));
      errs.push(...validatePortNumOrName(h.httpGet.port, p.child('port')));
      if (!['HTTP', 'HTTPS'].includes(h.httpGet.scheme)) errs.push(fieldError.notSupported(p.child('scheme').text, h.httpGet.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (k === 'tcpSocket') errs.push(...validatePortNumOrName(h.tcpSocket.port, p.child('port')));
    if (k === 'grpc') for (const m of isValidPortNum(h.grpc.port ?? 0)) errs.push(fieldError.invalid(p.child('port').text, h.grpc.port ?? 0, m));
  }
  if (n === 0) errs.push(fieldError.required(path.text, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Obj | undefined, path: Path, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegativeField(probe[f], path.child(f)));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldError.invalid(path.child('terminationGracePeriodSeconds').text, probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && probe.successThreshold !== 1) errs.push(fieldError.invalid(path.child('successThreshold').text, probe.successThreshold ?? 0, 'must be 1'));
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(fieldError.invalid(path.child('terminationGracePeriodSeconds').text, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** validateContainerCommon. */
function validateContainerCommon(c: Obj, volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = path.child('name');
  if (!c.name) errs.push(fieldError.required(namePath.text));
  else errs.push(...validateDNS1123Label(c.name, namePath));
  if (!c.image) errs.push(fieldError.required(path.child('image').text));
  switch (c.terminationMessagePolicy) {
    case 'File':
    case 'FallbackToLogsOnError':
      break;
    case '':
    case undefined:
      errs.push(fieldError.required(path.child('terminationMessagePolicy').text));
      break;
    default:
      errs.push(fieldError.notSupported(path.child('terminationMessagePolicy').text, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env')));
  (c.envFrom ?? []).forEach((ef: Obj) => {
    const sources = ['configMapRef', 'secretRef'].filter((k) => ef?.[k]);
    if (sources.length === 0) errs.push(fieldError.invalid(path.child('envFrom').text, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources.length > 1) errs.push(fieldError.invalid(path.child('envFrom').text, '', 'may not have more than one field specified at a time'));
  });
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, path.child('volumeMounts')));
  if (!c.imagePullPolicy) errs.push(fieldError.required(path.child('imagePullPolicy').text));
  else if (!SUPPORTED_PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(fieldError.notSupported(path.child('imagePullPolicy').text, c.imagePullPolicy, SUPPORTED_PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, path.child('resources')));
  return errs;
}

/** AccumulateUniqueHostPorts over a list of containers. */
function checkHostPortConflicts(containers: Obj[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c?.ports ?? []).forEach((p: Obj, pi: number) => {
      if (!p?.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(fieldError.duplicate(path.index(ci).child('ports').index(pi).child('hostPort').text, key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: Obj[] | undefined, volumes: Set<string>, path: Path): FieldError[] {
  if (!containers?.length) return [fieldError.required(path.text)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((raw, i) => {
    const c = raw ?? {};
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name ?? '')) errs.push(fieldError.duplicate(p.child('name').text, c.name ?? ''));
    else names.add(c.name ?? '');
    if (c.lifecycle) {
      if (c.lifecycle.postStart) errs.push(...validateHandler(c.lifecycle.postStart, p.child('lifecycle', 'postStart'), ['exec', 'httpGet', 'tcpSocket', 'sleep']));
      if (c.lifecycle.preStop) errs.push(...validateHandler(c.lifecycle.preStop, p.child('lifecycle', 'preStop'), ['exec', 'httpGet', 'tcpSocket', 'sleep']));
    }
    errs.push(...validateProbe(c.livenessProbe, p.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, p.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, p.child('startupProbe'), 'startup'));
    // ContainerRestartRules is alpha (off): a regular container may not set restartPolicy.
    if (c.restartPolicy !== undefined) errs.push(fieldError.forbidden(p.child('restartPolicy').text, 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: Obj[] | undefined, regular: Obj[] | undefined, volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c?.name ?? ''));
  (inits ?? []).forEach((raw, i) => {
    const c = raw ?? {};
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') errs.push(fieldError.notSupported(p.child('restartPolicy').text, c.restartPolicy, ['Always']));
    const sidecar = c.restartPolicy === 'Always';
    if (names.has(c.name ?? '')) errs.push(fieldError.duplicate(p.child('name').text, c.name ?? ''));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateProbe(c.livenessProbe, p.child('livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, p.child('readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c.startupProbe, p.child('startupProbe'), 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f]) errs.push(fieldError.forbidden(p.child(f).text, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** ValidateVolumes: names, and exactly one source each. Returns the valid volume names too. */
function validateVolumes(volumes: Obj[] | undefined, path: Path): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((raw, i) => {
    const v = raw ?? {};
    const p = path.index(i);
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) el.push(fieldError.required(p.text, 'must specify a volume type'));
    for (const s of sources.slice(1)) el.push(fieldError.forbidden(p.child(s).text, 'may not specify more than 1 volume type'));
    if (!v.name) el.push(fieldError.required(p.child('name').text));
    else el.push(...validateDNS1123Label(v.name, p.child('name')));
    if (names.has(v.name)) el.push(fieldError.duplicate(p.child('name').text, v.name));
    if (el.length === 0) names.add(v.name);
    else errs.push(...el);
  });
  return { names, errs };
}

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: Obj[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    t = t ?? {};
    if (t.key) for (const m of isQualifiedName(t.key)) errs.push(fieldError.invalid(p.child('key').text, t.key, m));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(fieldError.invalid(p.child('operator').text, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(fieldError.invalid(p.child('effect').text, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(fieldError.invalid(p.child('operator').text, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(fieldError.invalid(p.child('operator').text, t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldError.notSupported(p.child('operator').text, t.operator, TOLERATION_OPERATORS));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(fieldError.notSupported(p.child('effect').text, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec | undefined, path: Path, opts: PodValidationOptions = {}): FieldError[] {
  const s = (spec ?? {}) as Obj;
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) {
    errs.push(fieldError.required(path.child('terminationGracePeriodSeconds').text));
  }
  const vols = validateVolumes(s.volumes, path.child('volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(s.containers, vols.names, path.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols.names, path.child('initContainers')));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c: Obj, i: number) => {
      (c?.ports ?? []).forEach((port: Obj, j: number) => {
        const hp = port?.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== port?.containerPort) {
          errs.push(fieldError.invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort').text, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  switch (s.restartPolicy) {
    case 'Always':
    case 'OnFailure':
    case 'Never':
      break;
    case undefined:
    case '':
      errs.push(fieldError.required(path.child('restartPolicy').text));
      break;
    default:
      errs.push(fieldError.notSupported(path.child('restartPolicy').text, s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  switch (s.dnsPolicy) {
    case 'ClusterFirstWithHostNet':
    case 'ClusterFirst':
    case 'Default':
    case 'None':
      break;
    case undefined:
    case '':
      errs.push(fieldError.required(path.child('dnsPolicy').text));
      break;
    default:
      errs.push(fieldError.notSupported(path.child('dnsPolicy').text, s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  (s.imagePullSecrets ?? []).forEach((ref: Obj, i: number) => {
    // validateImagePullSecrets: field.Invalid(idxPath, currPullSecret, ...), a core.LocalObjectReference.
    if (Object.keys(ref ?? {}).some((k) => k !== 'name')) errs.push(invalidGo(path.child('imagePullSecrets').index(i), ref, LOCAL_OBJECT_REFERENCE, 'only name may be set'));
  });
  if (s.dnsPolicy === 'None') {
    if (!s.dnsConfig) errs.push(fieldError.required(path.child('dnsConfig').text, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (!s.dnsConfig.nameservers?.length) errs.push(fieldError.required(path.child('dnsConfig', 'nameservers').text, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  (s.readinessGates ?? []).forEach((g: Obj, i: number) => errs.push(...validateQualifiedName(g?.conditionType ?? '', path.child('readinessGates').index(i).child('conditionType'))));
  const gates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g: Obj, i: number) => {
    errs.push(...validateQualifiedName(g?.name ?? '', path.child('schedulingGates').index(i)));
    if (gates.has(g?.name)) errs.push(fieldError.duplicate(path.child('schedulingGates').index(i).text, g?.name));
    gates.add(g?.name);
  });
  if (s.serviceAccountName) for (const m of isDNS1123Subdomain(s.serviceAccountName)) errs.push(fieldError.invalid(path.child('serviceAccountName').text, s.serviceAccountName, m));
  if (s.nodeName) for (const m of nameIsDNSSubdomain(s.nodeName, false)) errs.push(fieldError.invalid(path.child('nodeName').text, s.nodeName, m));
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds !== null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > INT32_MAX)) {
    errs.push(fieldError.invalid(path.child('activeDeadlineSeconds').text, s.activeDeadlineSeconds, inclusiveRangeError(1, INT32_MAX)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  if (s.tolerations?.length) errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  (s.hostAliases ?? []).forEach((a: Obj, i: number) => {
    if (!isValidIPv4(a?.ip ?? '')) errs.push(fieldError.invalid(path.child('hostAliases').index(i).child('ip').text, a?.ip ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (s.priorityClassName) for (const m of nameIsDNSSubdomain(s.priorityClassName, false)) errs.push(fieldError.invalid(path.child('priorityClassName').text, s.priorityClassName, m));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)) {
    errs.push(fieldError.notSupported(path.child('preemptionPolicy').text, s.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** ValidatePodTemplateSpec (note upstream's `<path>.labels`, not `<path>.metadata.labels`). */
export function validatePodTemplateSpec(template: Obj | undefined, path: Path): FieldError[] {
  const t = template ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t.metadata?.labels, path.child('labels')));
  errs.push(...validateAnnotations(t.metadata?.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(t.spec, path.child('spec')));
  if (t.spec?.ephemeralContainers?.length) errs.push(fieldError.forbidden(path.child('spec', 'ephemeralContainers').text, 'ephemeral containers not allowed in pod template'));
  return errs;
}
