// Server-side apply (PATCH application/apply-patch+yaml) as kube-apiserver's fieldmanager does it:
// the applied configuration creates the object when it does not exist, else is merged into it with
// structured-merge-diff's semantics (./managed-fields: field ownership, 409 conflicts with other
// managers unless force, removal of the fields this manager applied before and no longer applies),
// plus the two kubectl-specific layers upstream wraps around it for the manager "kubectl"
// (k8s.io/apimachinery/pkg/util/managedfields/internal/lastappliedmanager.go and
// lastappliedupdater.go): conflicts over fields a client-side apply left in the
// last-applied-configuration annotation are taken over, and that annotation follows the applied
// configuration.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { formatTime } from '../../util/clock';
import { badRequest } from '../http/status';
import { applyConfiguration, applyCreateOwnership, conflictError, goJSON, lastAppliedFields, type Owner } from './managed-fields';
import type { ServedResource } from './resources';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  dryRun: boolean;
  now: number;
  /** Field validation of the applied object (drops unknown fields for Warn/Ignore). */
  pruneUnknown(obj: KubeObject): string[];
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The manager `kubectl apply --server-side` uses by default, the only one the last-applied layers act for. */
const KUBECTL = 'kubectl';
/** ValidateAnnotationsSize's bound (TotalAnnotationSizeLimitB). */
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function serverSideApply(api: ApiServer, served: ServedResource, name: string, ns: string | undefined, body: unknown, opts: ApplyOptions): { object: KubeObject; code: number } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the applied configuration must be an object');
  // The configuration as sent: what the last-applied annotation records (lastappliedupdater.go buildLastApplied).
  const sent = deepClone(body) as KubeObject;
  const applied = body as KubeObject;
  // structuredMergeManager.Apply's checks, in its order and words.
  if (applied.apiVersion !== served.info.apiVersion) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${typeof applied.apiVersion === 'string' ? applied.apiVersion : ''}, expected: ${served.info.apiVersion}`);
  }
  if (applied.kind !== served.info.kind) throw badRequest(`the applied configuration must be of kind ${served.info.kind} in ${served.info.apiVersion}`);
  applied.metadata = applied.metadata ?? {};
  if (typeof applied.metadata !== 'object' || Array.isArray(applied.metadata)) throw badRequest('metadata must be an object');
  if (applied.metadata.managedFields !== undefined && applied.metadata.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  delete applied.metadata.managedFields;
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  applied.metadata.name = name;
  if (ns !== undefined) applied.metadata.namespace = ns;
  opts.pruneUnknown(applied);
  const owner: Owner = { manager: opts.manager, apiVersion: served.info.apiVersion, time: formatTime(opts.now), kind: served.info.kind };
  const live = api.get(served.info.kind, name, ns);
  if (!live) {
    const obj = deepClone(applied);
    applyCreateOwnership(obj, owner);
    if (opts.manager === KUBECTL && obj.metadata.annotations?.[LAST_APPLIED]) syncLastApplied(obj, sent);
    return { object: api.create(obj, { dryRun: opts.dryRun }), code: 201 };
  }
  let result = applyConfiguration(live, applied, { ...owner, force: opts.force });
  if ('conflicts' in result && opts.manager === KUBECTL) {
    // lastAppliedManager: conflicts over fields the last client-side apply set, which the live
    // object still holds, are an upgrade from client-side to server-side apply: forced. Others stay.
    const allowed = lastAppliedFields(live, served.info.apiVersion);
    if (allowed) {
      const rest = result.conflicts.filter((c) => !allowed.has(c.path));
      result = rest.length ? { conflicts: rest } : applyConfiguration(live, applied, { ...owner, force: true });
    }
  }
  if ('conflicts' in result) throw conflictError(result.conflicts);
  const object = result.object;
  if (opts.manager === KUBECTL && object.metadata.annotations?.[LAST_APPLIED]) syncLastApplied(object, sent);
  return { object: api.update(object, { dryRun: opts.dryRun }), code: 200 };
}

/**
 * lastAppliedUpdater: after an apply by "kubectl" on an object that has the annotation, the
 * annotation becomes the applied configuration (without the annotation itself), encoded as
 * unstructured JSON is (keys sorted, a final newline), unless that would pass the annotations'
 * size limit, in which case the annotation goes.
 */
function syncLastApplied(object: KubeObject, sent: KubeObject): void {
  const config = deepClone(sent);
  const annotations = config.metadata?.annotations;
  if (annotations && typeof annotations === 'object') delete annotations[LAST_APPLIED];
  const next: Record<string, string> = { ...object.metadata.annotations, [LAST_APPLIED]: `${goJSON(config)}\n` };
  let size = 0;
  for (const [k, v] of Object.entries(next)) size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  if (size > MAX_ANNOTATIONS_BYTES) delete next[LAST_APPLIED];
  object.metadata = { ...object.metadata, annotations: next };
}
