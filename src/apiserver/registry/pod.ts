// Pod strategy: pkg/registry/core/pod/strategy.go (PrepareForCreate: status Pending with the QoS
// class; validation ValidatePodCreate / ValidatePodUpdate of pkg/apis/core/validation), plus the
// mutations of the default admission chain that every real pod shows (ServiceAccount,
// DefaultTolerationSeconds, Priority).
import { fieldError, type FieldError } from '../errors';
import type { Strategy } from '../strategy';
import type { KubeObject } from '../types';
import { deepEqual } from '../../util/clone';
import { decodeObject } from './decode';
import { defaultPod } from './defaults';
import { validatePodSpec, validateTolerations } from './podspec';
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from './quantity';
import { admitServiceAccount } from './serviceaccount-admission';
import { Path, goJSON, inclusiveRangeError, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './validation';

type Obj = Record<string, any>;

/** DefaultTolerationSeconds admission (--default-not-ready/unreachable-toleration-seconds). */
export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** The fields ValidatePodUpdate lets an update change (updatablePodSpecFields). */
const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** qos.ComputePodQOS (pkg/apis/core/helper/qos): over cpu and memory of all containers. */
export function computePodQOS(spec: Obj | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    const add = (into: Map<string, Quantity>, list: Obj | undefined) => {
      const found = new Set<string>();
      for (const name of Object.keys(list ?? {})) {
        if (name !== 'cpu' && name !== 'memory') continue;
        const q = parseQuantity(list![name]);
        if (!q || q.nanos <= 0n) continue;
        found.add(name);
        const prev = into.get(name);
        into.set(name, prev ? addQuantity(prev, q) : q);
      }
      return found;
    };
    add(requests, c?.resources?.requests);
    const lim = add(limits, c?.resources?.limits);
    if (!lim.has('cpu') || !lim.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

// Stored objects are deep-frozen and never changed in place, so pods can share these frozen values.
const NOT_READY_TOLERATION = Object.freeze({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
const UNREACHABLE_TOLERATION = Object.freeze({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
const DEFAULT_TOLERATIONS = Object.freeze([NOT_READY_TOLERATION, UNREACHABLE_TOLERATION]);
const PENDING = {
  BestEffort: Object.freeze({ phase: 'Pending', qosClass: 'BestEffort' }),
  Burstable: Object.freeze({ phase: 'Pending', qosClass: 'Burstable' }),
  Guaranteed: Object.freeze({ phase: 'Pending', qosClass: 'Guaranteed' }),
};

/** The admission plugins' mutations of a new pod (ServiceAccount, DefaultTolerationSeconds, Priority). */
function admit(spec: Obj): void {
  // plugin/pkg/admission/serviceaccount ran before (serviceaccount-admission.ts). v1 conversion
  // mirrors serviceAccountName into the deprecated serviceAccount.
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  // plugin/pkg/admission/defaulttolerationseconds: tolerate not-ready/unreachable for 300s.
  const tolerations: Obj[] | undefined = spec.tolerations;
  if (!tolerations?.length) spec.tolerations = DEFAULT_TOLERATIONS;
  else {
    const covers = (t: Obj, key: string) => (t?.key === key || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect);
    const add: Obj[] = [];
    if (!tolerations.some((t) => covers(t, NOT_READY))) add.push(NOT_READY_TOLERATION);
    if (!tolerations.some((t) => covers(t, UNREACHABLE))) add.push(UNREACHABLE_TOLERATION);
    if (add.length) spec.tolerations = [...tolerations, ...add];
  }
  // plugin/pkg/admission/priority: no PriorityClass exists, so priority 0.
  if (spec.priority === undefined || spec.priority === null) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
}

/** validatePodMetadataAndSpec. */
function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const meta = Path.of('metadata');
  const spec = Path.of('spec');
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, meta);
  const deletionCost = pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  // helper.GetDeletionCostFromPodAnnotations: no '+', no leading zeros, a 32-bit integer.
  if (deletionCost !== undefined && !(/^(0|[1-9]\d*|-\d+)$/.test(deletionCost) && Math.abs(Number(deletionCost)) <= 2147483648 && Number(deletionCost) <= 2147483647)) {
    errs.push(fieldError.invalid(meta.child('annotations').key('controller.kubernetes.io/pod-deletion-cost').text, deletionCost, 'must be a 32bit integer'));
  }
  errs.push(...validatePodSpec(pod.spec, spec, { resourceIsPod: true }));
  // validateContainersOnlyForPod
  for (const [list, name] of [[pod.spec?.containers, 'containers'], [pod.spec?.initContainers, 'initContainers']] as const) {
    (list ?? []).forEach((c: Obj, i: number) => {
      if (c?.image && c.image.trim() !== c.image) errs.push(fieldError.invalid(spec.child(name).index(i).child('image').text, c.image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: KubeObject): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = Path.of('spec');
  if (pod.spec?.ephemeralContainers?.length) errs.push(fieldError.forbidden(spec.child('ephemeralContainers').text, 'cannot be set on create'));
  if (pod.spec?.nodeName && pod.spec?.schedulingGates?.length) errs.push(fieldError.forbidden(spec.child('nodeName').text, 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

/** A short rendering of what differs, where upstream prints go-cmp's diff of the two PodSpecs. */
function specDiff(old: Obj, munged: Obj): string {
  const lines = ['  core.PodSpec{'];
  for (const k of [...new Set([...Object.keys(old), ...Object.keys(munged)])].sort()) {
    if (deepEqual(old[k], munged[k])) continue;
    const field = k[0].toUpperCase() + k.slice(1);
    if (old[k] !== undefined) lines.push(`- \t${field}: ${goJSON(old[k])},`);
    if (munged[k] !== undefined) lines.push(`+ \t${field}: ${goJSON(munged[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** ValidatePodUpdate (pkg/apis/core/validation/validation.go). */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const meta = Path.of('metadata');
  const specPath = Path.of('spec');
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, meta);
  errs.push(...validatePodMetadataAndSpec(pod));
  const spec: Obj = pod.spec ?? {};
  const oldSpec: Obj = old.spec ?? {};
  // ValidateContainerUpdates
  for (const name of ['containers', 'initContainers'] as const) {
    const cs: Obj[] = spec[name] ?? [];
    const olds: Obj[] = oldSpec[name] ?? [];
    if (cs.length !== olds.length) {
      errs.push(fieldError.forbidden(specPath.child(name).text, 'pod updates may not add or remove containers'));
      return errs;
    }
    cs.forEach((c, i) => {
      if (!c?.image) errs.push(fieldError.required(specPath.child(name).index(i).child('image').text));
      else if (c.image.trim() !== c.image) errs.push(fieldError.invalid(specPath.child(name).index(i).child('image').text, c.image, 'must not have leading or trailing whitespace'));
    });
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 0 || v > 2147483647) {
      errs.push(fieldError.invalid(specPath.child('activeDeadlineSeconds').text, v, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== null && oldSpec.activeDeadlineSeconds < v) {
      errs.push(fieldError.invalid(specPath.child('activeDeadlineSeconds').text, v, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== null) {
    errs.push(fieldError.invalid(specPath.child('activeDeadlineSeconds').text, null, 'must not update from a positive integer to nil value'));
  }
  // validateOnlyAddedTolerations
  for (const t of oldSpec.tolerations ?? []) {
    const found = (spec.tolerations ?? []).some((n: Obj) => deepEqual({ ...t, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) {
      errs.push(fieldError.forbidden(specPath.child('tolerations').text, 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  // validateOnlyAddedTolerations validates the new list again (so upstream lists such errors twice).
  if (!errs.some((e) => e.field === 'spec.tolerations' && e.type === 'Forbidden')) errs.push(...validateTolerations(spec.tolerations, specPath.child('tolerations')));
  if (deepEqual(spec, oldSpec)) return errs;
  // Munge the updatable fields back to their old values and compare what is left.
  const munged: Obj = { ...spec };
  munged.containers = (spec.containers ?? []).map((c: Obj, i: number) => ({ ...c, image: oldSpec.containers[i].image }));
  if (spec.initContainers || oldSpec.initContainers) munged.initContainers = (spec.initContainers ?? []).map((c: Obj, i: number) => ({ ...c, image: oldSpec.initContainers[i].image }));
  if (!spec.initContainers && !oldSpec.initContainers) delete munged.initContainers;
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  for (const k of Object.keys(munged)) if (munged[k] === undefined) delete munged[k];
  if (!deepEqual(munged, oldSpec)) {
    errs.push(fieldError.forbidden(specPath.text, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}

export function podStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultPod(obj),
    prepareForCreate(obj, ctx) {
      obj.spec = obj.spec ?? {};
      admitServiceAccount(obj, ctx);
      admit(obj.spec);
      // podStrategy.PrepareForCreate: a fresh status, Pending, with the QoS class.
      obj.status = PENDING[computePodQOS(obj.spec)];
      // applySchedulingGatedCondition
      if (obj.spec.schedulingGates?.length) {
        obj.status = { ...obj.status };
        obj.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null }];
      }
    },
    validate: (obj) => validatePodCreate(obj),
    validateUpdate: (obj, old) => validatePodUpdate(obj, old),
  };
}
