// Pure helpers of the deployment controller: rollout arithmetic (fenceposts, surge, proportions),
// revision and replica annotations, conditions, and finding the new and old ReplicaSets. Ported from
// pkg/controller/deployment/util/deployment_util.go (plus the few pkg/controller/controller_utils.go
// and pkg/util/labels helpers it leans on); function names are upstream's so the two can be compared.
import type { Deployment, DeploymentCondition, DeploymentStatus, LabelSelector, PodTemplateSpec, ReplicaSet } from '../../apiserver/types';
import { labelSelectorMatches } from '../../apiserver/labels';
import { deepClone } from '../../util/clone';
import { parseTime } from '../../util/clock';
import { parseInt64 as goParseInt64 } from '../../util/json';
import { K8S_ALPHANUMS } from '../../util/random';

// ---- annotation keys, condition reasons --------------------------------------------------------

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
/** apps.DeprecatedRollbackTo: the annotation that round-trips extensions/v1beta1's spec.rollbackTo. */
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';
/** v1.LastAppliedConfigAnnotation */
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
/** apps.DefaultDeploymentUniqueLabelKey */
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';

export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

/** math.MaxInt32: progressDeadlineSeconds / revisionHistoryLimit set to it mean "none". */
export const MaxInt32 = 2147483647;

export type IntOrString = number | string;
export type ConditionStatus = 'True' | 'False' | 'Unknown';

// ---- reading specs with apps/v1 defaults ---------------------------------------------------------
// The API server defaults these on every write (SetDefaults_Deployment, pkg/apis/apps/v1/defaults.go).
// Reading with the same defaults keeps the controller right for an object that skipped defaulting.

/** *(d.Spec.Replicas) — defaulted to 1. */
export function deploymentReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

/** *(rs.Spec.Replicas) — defaulted to 1 (SetDefaults_ReplicaSet). */
export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

export function strategyType(d: Deployment): string {
  return d.spec?.strategy?.type || 'RollingUpdate';
}

/** The rollingUpdate parameters with their defaults (both "25%"). */
export function rollingUpdateParams(d: Deployment): { maxSurge: IntOrString | undefined; maxUnavailable: IntOrString | undefined } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return { maxSurge: ru?.maxSurge ?? '25%', maxUnavailable: ru?.maxUnavailable ?? '25%' };
}

/** *d.Spec.ProgressDeadlineSeconds — defaulted to 600. */
export function progressDeadlineSeconds(d: Deployment): number {
  return d.spec?.progressDeadlineSeconds ?? 600;
}

/** *d.Spec.RevisionHistoryLimit — defaulted to 10. */
export function revisionHistoryLimit(d: Deployment): number {
  return d.spec?.revisionHistoryLimit ?? 10;
}

export function minReadySeconds(obj: Deployment | ReplicaSet): number {
  return obj.spec?.minReadySeconds ?? 0;
}

function rsStatus(rs: ReplicaSet | undefined): { replicas: number; readyReplicas: number; availableReplicas: number } {
  const s = rs?.status;
  return { replicas: s?.replicas ?? 0, readyReplicas: s?.readyReplicas ?? 0, availableReplicas: s?.availableReplicas ?? 0 };
}

// ---- intstr ------------------------------------------------------------------------------------

/**
 * intstr.GetScaledValueFromIntOrPercent: an int is itself; "N%" of `total`, rounded up or down.
 * Upstream errors on any other string (validation rejects them first); here such a value counts 0.
 */
export function GetScaledValueFromIntOrPercent(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) return 0;
  const scaled = (total * Number(m[1])) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

// ---- fenceposts ----------------------------------------------------------------------------------

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; nil counts as 0; if both
 * resolve to 0, maxUnavailable becomes 1 ("on the theory that surge might not work due to quota").
 * Returns [surge, unavailable].
 */
export function ResolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = GetScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = GetScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function IsRollingUpdate(d: Deployment): boolean {
  return strategyType(d) === 'RollingUpdate';
}

/** MaxUnavailable: 0 unless RollingUpdate with replicas > 0; never more than replicas. */
export function MaxUnavailable(d: Deployment): number {
  const replicas = deploymentReplicas(d);
  if (!IsRollingUpdate(d) || replicas === 0) return 0;
  const { maxSurge, maxUnavailable } = rollingUpdateParams(d);
  const [, unavailable] = ResolveFenceposts(maxSurge, maxUnavailable, replicas);
  return unavailable > replicas ? replicas : unavailable;
}

/** MinAvailable: replicas − MaxUnavailable for RollingUpdate, 0 otherwise. */
export function MinAvailable(d: Deployment): number {
  if (!IsRollingUpdate(d)) return 0;
  return deploymentReplicas(d) - MaxUnavailable(d);
}

/** MaxSurge: 0 unless RollingUpdate. */
export function MaxSurge(d: Deployment): number {
  if (!IsRollingUpdate(d)) return 0;
  const { maxSurge, maxUnavailable } = rollingUpdateParams(d);
  return ResolveFenceposts(maxSurge, maxUnavailable, deploymentReplicas(d))[0];
}

// ---- conditions --------------------------------------------------------------------------------

/** NewDeploymentCondition: both times are `now` (metav1.Now()). Field order as the API prints it. */
export function NewDeploymentCondition(type: string, status: ConditionStatus, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function GetDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: no-op when a condition of the type has the same status and reason;
 * otherwise the old one is removed and the new one appended (lastTransitionTime kept when the
 * status did not change).
 */
export function SetDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = GetDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...filterOutCondition(status.conditions, condition.type), next];
}

export function RemoveDeploymentCondition(status: DeploymentStatus, type: string): void {
  const kept = filterOutCondition(status.conditions, type);
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
}

function filterOutCondition(conditions: readonly DeploymentCondition[] | undefined, type: string): DeploymentCondition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** ReplicaSetToDeploymentCondition: a ReplicaFailure of a ReplicaSet surfaced on its Deployment. */
export function ReplicaSetToDeploymentCondition(cond: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }): DeploymentCondition {
  return {
    type: cond.type,
    status: cond.status,
    lastUpdateTime: cond.lastTransitionTime,
    lastTransitionTime: cond.lastTransitionTime,
    reason: cond.reason,
    message: cond.message,
  };
}

// ---- revisions ---------------------------------------------------------------------------------

/** SetDeploymentRevision: set the revision annotation on (a mutable copy of) the deployment. */
export function SetDeploymentRevision(d: Deployment, revision: string): boolean {
  d.metadata.annotations = d.metadata.annotations ?? {};
  if (d.metadata.annotations[RevisionAnnotation] === revision) return false;
  d.metadata.annotations[RevisionAnnotation] = revision;
  return true;
}

/**
 * strconv.ParseInt(s, 10, 64), exact (a bigint: revisions are int64, and 3546343826724305833 + 1
 * is 3546343826724305834, which a double cannot hold): undefined on ParseInt's errors, invalid
 * syntax and (past int64) value out of range, where upstream's callers skip the revision.
 */
function parseInt64(s: string): bigint | undefined {
  const r = goParseInt64(s);
  return 'value' in r ? r.value : undefined;
}

/** Revision: the revision annotation as an int64; 0 when absent; undefined when it does not parse. */
export function Revision(obj: { metadata: { annotations?: Record<string, string> } }): bigint | undefined {
  const v = obj.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0n;
  return parseInt64(v);
}

/** MaxRevision: the highest revision among the ReplicaSets (unparsable ones skipped). */
export function MaxRevision(allRSs: readonly ReplicaSet[]): bigint {
  let max = 0n;
  for (const rs of allRSs) {
    const v = Revision(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision (the one before the current). */
export function LastRevision(allRSs: readonly ReplicaSet[]): bigint {
  let max = 0n;
  let secMax = 0n;
  for (const rs of allRSs) {
    const v = Revision(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

const annotationsToSkip = new Set([LastAppliedConfigAnnotation, RevisionAnnotation, RevisionHistoryAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation, DeprecatedRollbackTo]);

/** skipCopyAnnotation: annotations a deployment never copies to (or takes back from) its ReplicaSets. */
export function skipCopyAnnotation(key: string): boolean {
  return annotationsToSkip.has(key);
}

/** The annotations skipped when copying between Deployment and ReplicaSet (kubectl uses the same list). */
export const ANNOTATIONS_TO_SKIP: readonly string[] = [...annotationsToSkip];

/**
 * SetNewReplicaSetAnnotations: copy the deployment's annotations (except the skipped ones), raise
 * the revision to `newRevision` if it is higher (appending the old one to revision-history when
 * the RS had one: a rollback), and, for an RS about to be created, set desired/max-replicas.
 * Mutates `newRS` (a copy); returns whether an annotation changed.
 */
export function SetNewReplicaSetAnnotations(d: Deployment, newRS: ReplicaSet, newRevision: string, exists: boolean, revHistoryLimitInChars: number): boolean {
  let annotationChanged = copyDeploymentAnnotationsToReplicaSet(d, newRS);
  const annotations = (newRS.metadata.annotations = newRS.metadata.annotations ?? {});
  const hadRevision = Object.prototype.hasOwnProperty.call(annotations, RevisionAnnotation);
  const oldRevision = annotations[RevisionAnnotation] ?? '';
  let oldRevisionInt = parseInt64(oldRevision);
  if (oldRevisionInt === undefined) {
    if (oldRevision !== '') return false;
    oldRevisionInt = 0n;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    annotations[RevisionAnnotation] = newRevision;
    annotationChanged = true;
  }
  // A revision that existed and is now raised means a rollback to this RS: keep the old numbers.
  if (hadRevision && oldRevisionInt < newRevisionInt) {
    const history = annotations[RevisionHistoryAnnotation] ?? '';
    let oldRevisions = history.split(',');
    if (oldRevisions[0].length === 0) {
      annotations[RevisionHistoryAnnotation] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        annotations[RevisionHistoryAnnotation] = oldRevisions.join(',');
      }
    }
  }
  if (!exists && SetReplicasAnnotations(newRS, deploymentReplicas(d), deploymentReplicas(d) + MaxSurge(d))) annotationChanged = true;
  return annotationChanged;
}

/** copyDeploymentAnnotationsToReplicaSet: all but the skipped annotations; returns whether any changed. */
export function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const annotations = (rs.metadata.annotations = rs.metadata.annotations ?? {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || (Object.prototype.hasOwnProperty.call(annotations, k) && annotations[k] === v)) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetDeploymentAnnotationsTo: on rollback, the deployment takes the RS's annotations (skipped ones kept). */
export function SetDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  const next = getSkippedAnnotations(d.metadata.annotations);
  for (const [k, v] of Object.entries(rollbackToRS.metadata.annotations ?? {})) {
    if (!skipCopyAnnotation(k)) next[k] = v;
  }
  d.metadata.annotations = next;
}

export function getSkippedAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations ?? {})) if (skipCopyAnnotation(k)) out[k] = v;
  return out;
}

/**
 * getRollbackTo: the revision the legacy `deprecated.deployment.rollback.to` annotation asks for
 * (0: the previous one); undefined when absent or not a number. (rollback.go upstream; it lives
 * here so that sync.ts and rollback.ts share it without importing each other.)
 */
export function getRollbackTo(d: Deployment): { revision: bigint } | undefined {
  const revision = d.metadata.annotations?.[DeprecatedRollbackTo];
  if (!revision) return undefined;
  const n = parseInt64(revision);
  return n === undefined ? undefined : { revision: n };
}

/** setRollbackTo: set or (undefined) clear the legacy rollback annotation on a mutable copy. */
export function setRollbackTo(d: Deployment, rollbackTo: { revision: bigint } | undefined): void {
  if (!rollbackTo) {
    if (d.metadata.annotations) delete d.metadata.annotations[DeprecatedRollbackTo];
    return;
  }
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [DeprecatedRollbackTo]: String(rollbackTo.revision) };
}

// ---- replica annotations -------------------------------------------------------------------------

/** strconv.Atoi of an annotation: undefined when absent or not an integer. */
function getIntFromAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined) return undefined;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

export function GetDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getIntFromAnnotation(rs, DesiredReplicasAnnotation);
}

export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getIntFromAnnotation(rs, MaxReplicasAnnotation);
}

/** SetReplicasAnnotations: desired-replicas and max-replicas on (a mutable copy of) an RS. */
export function SetReplicasAnnotations(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  let updated = false;
  const annotations = (rs.metadata.annotations = rs.metadata.annotations ?? {});
  if (annotations[DesiredReplicasAnnotation] !== String(desiredReplicas)) {
    annotations[DesiredReplicasAnnotation] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MaxReplicasAnnotation] !== String(maxReplicas)) {
    annotations[MaxReplicasAnnotation] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

export function ReplicasAnnotationsNeedUpdate(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const a = rs.metadata.annotations;
  if (!a) return true;
  return a[DesiredReplicasAnnotation] !== String(desiredReplicas) || a[MaxReplicasAnnotation] !== String(maxReplicas);
}

// ---- proportional scaling --------------------------------------------------------------------------

/** integer.RoundToInt32: math.Round, halves away from zero. */
function roundToInt32(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * GetProportion: how many replicas `rs` gains (or loses) of `deploymentReplicasToAdd`, given that
 * `deploymentReplicasAdded` are already handed out. Never more than what is left to hand out.
 */
export function GetProportion(rs: ReplicaSet | undefined, d: Deployment, deploymentReplicasToAdd: number, deploymentReplicasAdded: number): number {
  if (!rs || rsReplicas(rs) === 0 || deploymentReplicasToAdd === 0 || deploymentReplicasToAdd === deploymentReplicasAdded) return 0;
  const rsFraction = getReplicaSetFraction(rs, d);
  const allowed = deploymentReplicasToAdd - deploymentReplicasAdded;
  // Scaling up: the smaller of the fraction and what is left; scaling down: the larger (both negative).
  return deploymentReplicasToAdd > 0 ? Math.min(rsFraction, allowed) : Math.max(rsFraction, allowed);
}

/**
 * getReplicaSetFraction: round(rs.spec × (replicas + maxSurge) / max-replicas annotation) − rs.spec
 * (the annotation falls back to d.status.replicas); the whole RS when scaling to zero.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (deploymentReplicas(d) === 0) return -rsReplicas(rs);
  const deploymentReplicasWithSurge = deploymentReplicas(d) + MaxSurge(d);
  const annotatedReplicas = getMaxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  const newRSsize = (rsReplicas(rs) * deploymentReplicasWithSurge) / annotatedReplicas;
  // Upstream divides floats: a zero annotation gives ±Inf, which Go's int32 conversion mangles.
  // That needs a hand-made annotation of 0 on an RS with replicas; here it means "no change".
  if (!Number.isFinite(newRSsize)) return 0;
  return roundToInt32(newRSsize) - rsReplicas(rs);
}

/** FindActiveOrLatest: the only active RS, or the newest when none is active; undefined when several are. */
export function FindActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => ReplicaSetsByCreationTimestamp(b, a));
  const active = FilterActiveReplicaSets(newRS ? [...newestFirst, newRS] : newestFirst);
  switch (active.length) {
    case 0:
      return newRS ?? newestFirst[0];
    case 1:
      return active[0];
    default:
      return undefined;
  }
}

// ---- new and old ReplicaSets --------------------------------------------------------------------

/** Whether a value is "empty" for apiequality.Semantic: nil, or an empty slice or map. */
function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).every((k) => (v as Record<string, unknown>)[k] === undefined);
  return false;
}

/**
 * apiequality.Semantic.DeepEqual for JSON-shaped values: like deep equality, except that nil and
 * empty slices and maps are equal (a missing key counts as nil).
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticDeepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of Object.keys(ao)) if (!semanticDeepEqual(ao[k], bo[k])) return false;
  for (const k of Object.keys(bo)) if (!(k in ao) && !isEmptyValue(bo[k])) return false;
  return true;
}

function withoutHashLabel(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const tt = t ?? {};
  const labels = tt.metadata?.labels;
  if (!labels || !(DefaultDeploymentUniqueLabelKey in labels)) return tt;
  const { [DefaultDeploymentUniqueLabelKey]: _hash, ...rest } = labels;
  return { ...tt, metadata: { ...tt.metadata, labels: rest } };
}

/** EqualIgnoreHash: two pod templates are equal but for the pod-template-hash label. */
export function EqualIgnoreHash(template1: PodTemplateSpec | undefined, template2: PodTemplateSpec | undefined): boolean {
  // Stored templates are deep-frozen, so the answer for a pair of them never changes: remembered
  // by identity (a deployment's sync compares the same RS templates with the same template again
  // and again while a rollout progresses).
  if (template1 && template2 && Object.isFrozen(template1) && Object.isFrozen(template2)) {
    let byOther = equalIgnoreHashMemo.get(template1);
    if (!byOther) equalIgnoreHashMemo.set(template1, (byOther = new WeakMap()));
    let eq = byOther.get(template2);
    if (eq === undefined) byOther.set(template2, (eq = semanticDeepEqual(withoutHashLabel(template1), withoutHashLabel(template2))));
    return eq;
  }
  return semanticDeepEqual(withoutHashLabel(template1), withoutHashLabel(template2));
}
const equalIgnoreHashMemo = new WeakMap<object, WeakMap<object, boolean>>();

/** FindNewReplicaSet: the oldest RS whose template equals the deployment's (ignoring the hash label). */
export function FindNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  const sorted = [...rsList].sort(ReplicaSetsByCreationTimestamp);
  return sorted.find((rs) => EqualIgnoreHash(rs.spec?.template, d.spec?.template));
}

/**
 * FindOldReplicaSets: [old RSs with replicas, all old RSs], oldest first (upstream sorts the list in
 * place while looking for the new RS, so callers see this order).
 */
export function FindOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): [ReplicaSet[], ReplicaSet[]] {
  const sorted = [...rsList].sort(ReplicaSetsByCreationTimestamp);
  const newRS = sorted.find((rs) => EqualIgnoreHash(rs.spec?.template, d.spec?.template));
  const requiredRSs: ReplicaSet[] = [];
  const allRSs: ReplicaSet[] = [];
  for (const rs of sorted) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    allRSs.push(rs);
    if (rsReplicas(rs) !== 0) requiredRSs.push(rs);
  }
  return [requiredRSs, allRSs];
}

/** SetFromReplicaSetTemplate: the deployment takes the RS's template, minus the hash label. */
export function SetFromReplicaSetTemplate(d: Deployment, template: PodTemplateSpec): Deployment {
  const t = deepClone(template);
  d.spec.template = { ...t, metadata: { ...t.metadata, labels: CloneAndRemoveLabel(t.metadata?.labels, DefaultDeploymentUniqueLabelKey) } };
  if (!d.spec.template.metadata!.labels) delete d.spec.template.metadata!.labels;
  return d;
}

// ---- counts --------------------------------------------------------------------------------------

export function GetReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsReplicas(rs);
  return n;
}

export function GetActualReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsStatus(rs).replicas;
  return n;
}

export function GetReadyReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsStatus(rs).readyReplicas;
  return n;
}

export function GetAvailableReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsStatus(rs).availableReplicas;
  return n;
}

// ---- rollout state -------------------------------------------------------------------------------

/** DeploymentComplete: all desired replicas updated and available, no old pods, generation observed. */
export function DeploymentComplete(d: Deployment, newStatus: DeploymentStatus): boolean {
  const replicas = deploymentReplicas(d);
  return (
    (newStatus.updatedReplicas ?? 0) === replicas &&
    (newStatus.replicas ?? 0) === replicas &&
    (newStatus.availableReplicas ?? 0) === replicas &&
    (newStatus.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
export function DeploymentProgressing(d: Deployment, newStatus: DeploymentStatus): boolean {
  const oldStatus = d.status ?? {};
  const oldStatusOldReplicas = (oldStatus.replicas ?? 0) - (oldStatus.updatedReplicas ?? 0);
  const newStatusOldReplicas = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > (oldStatus.updatedReplicas ?? 0) ||
    newStatusOldReplicas < oldStatusOldReplicas ||
    (newStatus.readyReplicas ?? 0) > (oldStatus.readyReplicas ?? 0) ||
    (newStatus.availableReplicas ?? 0) > (oldStatus.availableReplicas ?? 0)
  );
}

/**
 * DeploymentTimedOut: the Progressing condition's lastUpdateTime + progressDeadlineSeconds is
 * before `nowMs` (or it already says ProgressDeadlineExceeded); never after a completed rollout.
 */
export function DeploymentTimedOut(d: Deployment, newStatus: DeploymentStatus, nowMs: number): boolean {
  if (!HasProgressDeadline(d)) return false;
  const condition = GetDeploymentCondition(newStatus, 'Progressing');
  if (!condition) return false;
  if (condition.reason === NewRSAvailableReason) return false;
  if (condition.reason === TimedOutReason) return true;
  const from = parseTime(condition.lastUpdateTime);
  return from + progressDeadlineSeconds(d) * 1000 < nowMs;
}

/**
 * NewRSNewReplicas: the new RS's size for this step. RollingUpdate: grow by what the surge budget
 * (replicas + maxSurge − Σ spec of all RSs) allows, never past replicas. Availability plays no part.
 * Recreate: replicas.
 */
export function NewRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = deploymentReplicas(d);
  switch (strategyType(d)) {
    case 'RollingUpdate': {
      const maxSurge = GetScaledValueFromIntOrPercent(rollingUpdateParams(d).maxSurge, replicas, true);
      const currentPodCount = GetReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = replicas + maxSurge;
      if (currentPodCount >= maxTotalPods) return rsReplicas(newRS);
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - rsReplicas(newRS));
      return rsReplicas(newRS) + scaleUpCount;
    }
    case 'Recreate':
      return replicas;
    default:
      throw new Error(`deployment type ${strategyType(d)} isn't supported`);
  }
}

/**
 * IsSaturated: the RS is the deployment's whole size by spec, by desired-replicas annotation and
 * by available pods.
 */
export function IsSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = GetDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const replicas = deploymentReplicas(d);
  return rsReplicas(rs) === replicas && desired === replicas && rsStatus(rs).availableReplicas === replicas;
}

/** HasProgressDeadline: a deadline is set and is not MaxInt32. */
export function HasProgressDeadline(d: Deployment): boolean {
  return progressDeadlineSeconds(d) !== MaxInt32;
}

/** HasRevisionHistoryLimit: a limit is set and is not MaxInt32. */
export function HasRevisionHistoryLimit(d: Deployment): boolean {
  return revisionHistoryLimit(d) !== MaxInt32;
}

/** GetDeploymentsForReplicaSet: deployments whose (non-empty) selector matches the RS's labels. */
export function GetDeploymentsForReplicaSet(deployments: readonly Deployment[], rs: ReplicaSet): Deployment[] {
  if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return [];
  return deployments.filter((d) => d.metadata.namespace === rs.metadata.namespace && !isEmptySelector(d.spec?.selector) && labelSelectorMatches(d.spec?.selector, rs.metadata.labels));
}

/** A selector with no requirement at all (it would select everything). */
export function isEmptySelector(sel: LabelSelector | undefined | null): boolean {
  if (!sel) return false;
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

// ---- sorting and filtering (pkg/controller/controller_utils.go) ------------------------------------

/** ReplicaSetsByCreationTimestamp: oldest first, name as tie breaker. */
export function ReplicaSetsByCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = parseTime(a.metadata.creationTimestamp);
  const tb = parseTime(b.metadata.creationTimestamp);
  if (ta === tb) {
    const an = a.metadata.name ?? '';
    const bn = b.metadata.name ?? '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  }
  return ta - tb;
}

/** ReplicaSetsBySizeOlder: largest first; among equals, older first (used when scaling down). */
export function ReplicaSetsBySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (rsReplicas(a) === rsReplicas(b)) return ReplicaSetsByCreationTimestamp(a, b);
  return rsReplicas(b) - rsReplicas(a);
}

/** ReplicaSetsBySizeNewer: largest first; among equals, newer first (used when scaling up). */
export function ReplicaSetsBySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (rsReplicas(a) === rsReplicas(b)) return ReplicaSetsByCreationTimestamp(b, a);
  return rsReplicas(b) - rsReplicas(a);
}

/** ReplicaSetsByRevision: lowest revision first; creation time when equal or unparsable. */
export function ReplicaSetsByRevision(a: ReplicaSet, b: ReplicaSet): number {
  const r1 = Revision(a);
  const r2 = Revision(b);
  if (r1 === undefined || r2 === undefined || r1 === r2) return ReplicaSetsByCreationTimestamp(a, b);
  return r1 < r2 ? -1 : 1;
}

/** FilterActiveReplicaSets: the RSs with spec.replicas > 0. */
export function FilterActiveReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && rsReplicas(rs) > 0);
}

// ---- labels (pkg/util/labels) ----------------------------------------------------------------------

export function CloneAndAddLabel(labels: Record<string, string> | undefined, key: string, value: string): Record<string, string> {
  return { ...(labels ?? {}), [key]: value };
}

export function CloneAndRemoveLabel(labels: Record<string, string> | undefined, key: string): Record<string, string> | undefined {
  if (!labels) return labels;
  const { [key]: _removed, ...rest } = labels;
  return rest;
}

/** CloneSelectorAndAddLabel: the selector with `key: value` added to matchLabels. */
export function CloneSelectorAndAddLabel(selector: LabelSelector | undefined, key: string, value: string): LabelSelector {
  const out = deepClone(selector ?? {});
  out.matchLabels = { ...(out.matchLabels ?? {}), [key]: value };
  return out;
}

// ---- hashing (pkg/controller/controller_utils.go ComputeHash) --------------------------------------

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(v: unknown): string {
  // One string built by appending (no per-level arrays, maps and joins: this runs on every defaulted
  // pod template a new ReplicaSet is named after); key texts are remembered.
  // A bigint (an int64 past 2^53) by its digits, as Go's encoder writes the int64.
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i) s += ',';
      const x: unknown = v[i];
      s += x === undefined ? 'null' : canonicalJson(x);
    }
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    // A null field decodes as an absent one in Go (nil pointer, zero Time, nil slice): the hash of
    // a template with `creationTimestamp: null` (what kubectl create sends) is the one without it.
    if (x === undefined || x === null) continue;
    if (!first) s += ',';
    first = false;
    let kj = jsonKeys.get(k);
    if (kj === undefined) {
      kj = JSON.stringify(k) + ':';
      if (jsonKeys.size < 4096) jsonKeys.set(k, kj);
    }
    s += kj + canonicalJson(x);
  }
  return s + '}';
}
const jsonKeys = new Map<string, string>();

function fnv32a(bytes: Uint8Array, h: number = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into the 27-character k8s alphabet. */
export function SafeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += K8S_ALPHANUMS[ch.codePointAt(0)! % K8S_ALPHANUMS.length];
  return out;
}

/**
 * ComputeHash: FNV-32a of the pod template (+ the collision count, little-endian uint32, when set),
 * its decimal value rendered by SafeEncodeString. Upstream hashes Go's DeepHashObject dump of the
 * template, which cannot be reproduced cheaply: this hashes the template's canonical JSON instead,
 * so names have upstream's shape (`nginx-deployment-75675f5897`) but not its exact digits.
 */
export function ComputeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(Buffer.from(canonicalJson(template ?? {}), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(collisionCount >>> 0, 0);
    h = fnv32a(b, h);
  }
  return SafeEncodeString(String(h));
}
