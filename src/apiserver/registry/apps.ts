// apps/v1 Deployment and ReplicaSet strategies: pkg/registry/apps/{deployment,replicaset}/strategy.go
// with the validation of pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
// ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy,
// ValidateRollingUpdateDeployment) and the selector immutability the strategies add for apps/v1.
import { fieldError, type FieldError } from '../errors';
import { fromLabelSelector, matches } from '../labels';
import type { Strategy } from '../strategy';
import type { KubeObject, LabelSelector } from '../types';
import { decodeObject } from './decode';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet } from './defaults';
import { STRING_MAP, goIntstr, goSharp, named, ptrTo, struct } from '../govalue';
import { validatePodTemplateSpec } from './podspec';
import {
  FIELD_IMMUTABLE_ERROR_MSG,
  Path,
  invalidGo,
  isValidPercent,
  labelSelectorConvertible,
  labelSelectorValue,
  nameIsDNSSubdomain,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';

type Obj = Record<string, any>;

/**
 * apps.DeploymentStrategy and apps.RollingUpdateDeployment (pkg/apis/apps/types.go, field order), the
 * internal types ValidateDeploymentStrategy passes to field.NotSupported.
 */
const ROLLING_UPDATE_DEPLOYMENT = struct('apps.RollingUpdateDeployment', [
  ['MaxUnavailable', 'maxUnavailable', goIntstr],
  ['MaxSurge', 'maxSurge', goIntstr],
]);
const DEPLOYMENT_STRATEGY = struct('apps.DeploymentStrategy', [
  ['Type', 'type', named('apps.DeploymentStrategyType')],
  ['RollingUpdate', 'rollingUpdate', ptrTo(ROLLING_UPDATE_DEPLOYMENT)],
]);

/** getPercentValue: the number of a valid percent string. */
function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue (IntValue() of a non-percent string is its Atoi, 0 when not a number). */
function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return Number(v);
  return 0;
}

/** ValidatePositiveIntOrPercent. */
function validatePositiveIntOrPercent(v: unknown, path: Path): FieldError[] {
  // field.Invalid(fldPath, intOrPercent, msg): the IntOrString value, %#v (../govalue).
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidGo(path, v, goIntstr, m));
  return validateNonnegativeField(typeof v === 'number' ? v : 0, path);
}

/** IsNotMoreThan100Percent. */
function isNotMoreThan100Percent(v: unknown, path: Path): FieldError[] {
  const p = percentValue(v);
  return p === undefined || p <= 100 ? [] : [invalidGo(path, v, goIntstr, 'must not be greater than 100%')];
}

/** ValidateDeploymentStrategy. */
function validateDeploymentStrategy(strategy: Obj | undefined, path: Path): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [fieldError.forbidden(path.child('rollingUpdate').text, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!s.rollingUpdate) return [fieldError.required(path.child('rollingUpdate').text, 'this should be defaulted and never be nil')];
      const p = path.child('rollingUpdate');
      const ru = s.rollingUpdate;
      const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')), ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge'))];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidGo(p.child('maxUnavailable'), ru.maxUnavailable, goIntstr, 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      return errs;
    }
    default:
      // field.NotSupported(fldPath, strategy, ...) with the whole apps.DeploymentStrategy as the value.
      return [
        {
          type: 'NotSupported',
          field: path.text,
          detail: `Unsupported value: ${goSharp(s, DEPLOYMENT_STRATEGY)}: supported values: "Recreate", "RollingUpdate"`,
        },
      ];
  }
}

/** The selector checks shared by ValidateDeploymentSpec and ValidateReplicaSetSpec. */
function validateSelectorAndTemplate(spec: Obj, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const sel: LabelSelector | undefined = spec.selector ?? undefined;
  if (!sel) {
    errs.push(fieldError.required(path.child('selector').text));
  } else {
    errs.push(...validateLabelSelector(sel, path.child('selector')));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) {
      // Upstream says "deployment" for ReplicaSets too.
      errs.push(fieldError.invalidRaw(path.child('selector').text, labelSelectorValue(sel), 'empty selector is invalid for deployment'));
    }
  }
  if (!labelSelectorConvertible(sel)) {
    errs.push(fieldError.invalidRaw(path.child('selector').text, labelSelectorValue(sel), 'invalid label selector'));
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, sel, path.child('template')));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet. */
function validatePodTemplateSpecForReplicaSet(template: Obj | undefined, sel: LabelSelector | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const t = template ?? {};
  const selector = fromLabelSelector(sel);
  // An empty selector (everything) is not checked; a nil one matches nothing, so it never matches.
  const empty = !selector.nothing && selector.requirements.length === 0;
  if (!empty && !matches(selector, t.metadata?.labels)) {
    // field.Invalid(..., template.Labels, ...): a map[string]string (nil when the template has none).
    errs.push(invalidGo(path.child('metadata', 'labels'), t.metadata?.labels, STRING_MAP, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  if (t.spec?.restartPolicy !== 'Always') errs.push(fieldError.notSupported(path.child('spec', 'restartPolicy').text, t.spec?.restartPolicy ?? '', ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldError.forbidden(path.child('spec', 'activeDeadlineSeconds').text, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: Obj | undefined, path: Path = Path.of('spec')): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateNonnegativeField(s.replicas, path.child('replicas')));
  errs.push(...validateSelectorAndTemplate(s, path));
  errs.push(...validateDeploymentStrategy(s.strategy, path.child('strategy')));
  errs.push(...validateNonnegativeField(s.minReadySeconds, path.child('minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) errs.push(...validateNonnegativeField(s.revisionHistoryLimit, path.child('revisionHistoryLimit')));
  if (s.progressDeadlineSeconds !== undefined && s.progressDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(s.progressDeadlineSeconds, path.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(fieldError.invalid(path.child('progressDeadlineSeconds').text, s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** ValidateReplicaSetSpec. */
export function validateReplicaSetSpec(spec: Obj | undefined, path: Path = Path.of('spec')): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateNonnegativeField(s.replicas, path.child('replicas')));
  errs.push(...validateNonnegativeField(s.minReadySeconds, path.child('minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(s, path));
  return errs;
}

/**
 * apiequality.Semantic.DeepEqual as ValidateImmutableField uses it: nil and empty maps and slices
 * are equal.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (empty(a) && empty(b)) return true;
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
    return true;
  }
  // A map or slice field that is empty on one side and absent on the other.
  if ((a === undefined || a === null) && empty(b)) return typeof b === 'object';
  if ((b === undefined || b === null) && empty(a)) return typeof a === 'object';
  return false;
}

/** ValidateImmutableField for the selector (apps/v1 strategies). */
function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const sel = obj.spec?.selector;
  if (semanticEqual(sel ?? null, old.spec?.selector ?? null)) return [];
  // ValidateImmutableField(newDeployment.Spec.Selector, ...): the *metav1.LabelSelector, dereferenced.
  return [fieldError.invalidRaw('spec.selector', labelSelectorValue(sel), FIELD_IMMUTABLE_ERROR_MSG)];
}

export function deploymentStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultDeployment(obj),
    prepareForCreate(obj) {
      // deploymentStrategy.PrepareForCreate: `deployment.Status = apps.DeploymentStatus{}`, generation 1
      // (set by the API server). The zero struct is still written (`omitempty` does not omit
      // structs), so a new Deployment reads back with `status: {}`, as from a v1.32 server.
      obj.status = {};
    },
    validate: (obj) => [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(obj.spec)],
    // ValidateDeploymentUpdate, then the selector immutability deploymentStrategy.ValidateUpdate adds.
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateDeploymentSpec(obj.spec), ...selectorImmutable(obj, old)],
  };
}

export function replicaSetStrategy(): Strategy {
  const validate = (obj: KubeObject) => [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(obj.spec)];
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultReplicaSet(obj),
    prepareForCreate(obj) {
      // rsStrategy.PrepareForCreate: `rs.Status = apps.ReplicaSetStatus{}`, written as `status: {}`.
      obj.status = {};
    },
    validate,
    // rsStrategy.ValidateUpdate: ValidateReplicaSet, then ValidateReplicaSetUpdate, then the selector.
    validateUpdate: (obj, old) => [...validate(obj), ...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateReplicaSetSpec(obj.spec), ...selectorImmutable(obj, old)],
  };
}

/** apps/v1 RollingUpdateDaemonSet and DaemonSetUpdateStrategy (pkg/apis/apps/types.go), for NotSupported's %#v. */
const ROLLING_UPDATE_DAEMON_SET = struct('apps.RollingUpdateDaemonSet', [
  ['MaxUnavailable', 'maxUnavailable', goIntstr],
  ['MaxSurge', 'maxSurge', goIntstr],
]);
const DAEMON_SET_UPDATE_STRATEGY = struct('apps.DaemonSetUpdateStrategy', [
  ['Type', 'type', named('apps.DaemonSetUpdateStrategyType')],
  ['RollingUpdate', 'rollingUpdate', ptrTo(ROLLING_UPDATE_DAEMON_SET)],
]);

/** ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet. */
function validateDaemonSetUpdateStrategy(strategy: Obj | undefined, path: Path): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      if (!s.rollingUpdate) return [fieldError.required(path.child('rollingUpdate').text, '')];
      const p = path.child('rollingUpdate');
      const ru = s.rollingUpdate;
      const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')), ...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable'))];
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')), ...isNotMoreThan100Percent(ru.maxSurge, p.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidGo(p.child('maxUnavailable'), ru.maxUnavailable, goIntstr, 'may not be 0 when `maxSurge` is 0'));
      }
      return errs;
    }
    default:
      return [
        {
          type: 'NotSupported',
          field: path.text,
          detail: `Unsupported value: ${goSharp(s, DAEMON_SET_UPDATE_STRATEGY)}: supported values: "OnDelete", "RollingUpdate"`,
        },
      ];
  }
}

/** ValidateDaemonSetSpec (pkg/apis/apps/validation/validation.go). */
export function validateDaemonSetSpec(spec: Obj | undefined, path: Path = Path.of('spec')): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const sel: LabelSelector | undefined = s.selector ?? undefined;
  if (!sel) errs.push(fieldError.required(path.child('selector').text));
  else errs.push(...validateLabelSelector(sel, path.child('selector')));
  if (labelSelectorConvertible(sel)) {
    const selector = fromLabelSelector(sel);
    if (!matches(selector, s.template?.metadata?.labels)) {
      errs.push(invalidGo(path.child('template', 'metadata', 'labels'), s.template?.metadata?.labels, STRING_MAP, '`selector` does not match template `labels`'));
    }
  }
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) {
    errs.push(fieldError.invalidRaw(path.child('selector').text, labelSelectorValue(sel), 'empty selector is invalid for daemonset'));
  }
  const t = s.template ?? {};
  errs.push(...validatePodTemplateSpec(t, path.child('template')));
  if (t.spec?.restartPolicy !== 'Always') errs.push(fieldError.notSupported(path.child('template', 'spec', 'restartPolicy').text, t.spec?.restartPolicy ?? '', ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldError.invalid(path.child('template', 'spec', 'activeDeadlineSeconds').text, t.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegativeField(s.minReadySeconds, path.child('minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(s.updateStrategy, path.child('updateStrategy')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) errs.push(...validateNonnegativeField(s.revisionHistoryLimit, path.child('revisionHistoryLimit')));
  return errs;
}

/** apps/v1 keeps the internal templateGeneration in this annotation (pkg/apis/apps/v1/conversion.go). */
export const DAEMON_SET_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/**
 * pkg/registry/apps/daemonset/strategy.go. Served as a stored kind: kubespec runs no DaemonSet
 * controller (its DaemonSets are the kubeadm cluster's kube-proxy and flannel, whose pods exist
 * from boot), so a DaemonSet a user creates gets no pods. PrepareForCreate: an empty status
 * (whose four counters have no omitempty, so it reads back as zeros) and templateGeneration 1;
 * PrepareForUpdate bumps templateGeneration when the template changes.
 */
export function daemonSetStrategy(): Strategy {
  const validate = (obj: KubeObject) => [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(obj.spec)];
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultDaemonSet(obj),
    prepareForCreate(obj) {
      obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [DAEMON_SET_TEMPLATE_GENERATION]: '1' };
    },
    prepareForUpdate(obj, old) {
      const gen = Number(old.metadata.annotations?.[DAEMON_SET_TEMPLATE_GENERATION] ?? '1') || 1;
      const next = semanticEqual(obj.spec?.template, old.spec?.template) ? gen : gen + 1;
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [DAEMON_SET_TEMPLATE_GENERATION]: String(next) };
    },
    validate,
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateDaemonSetSpec(obj.spec), ...selectorImmutable(obj, old)],
  };
}
