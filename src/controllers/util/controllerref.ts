// Adoption and release of dependents by their controller, as upstream's ControllerRefManager
// (pkg/controller/controller_ref_manager.go, claimObject) does it for ReplicaSets claiming pods
// and Deployments claiming ReplicaSets.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import { matches, type Selector } from '../../apiserver/labels';
import type { KubeObject, OwnerReference } from '../../apiserver/types';

/** The ownerReference with controller: true, if any (metav1.GetControllerOf). */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion both true. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * Claim `candidates` for `owner`: keep the ones it controls whose labels still match, release the
 * ones it controls that no longer match (unless the owner is being deleted), adopt matching orphans
 * (unless owner or orphan is being deleted). Returns the objects the owner now controls, fresh
 * from the API server. Conflicts and not-found objects are skipped; the next sync retries.
 */
export function claimObjects(api: ApiServer, owner: KubeObject, selector: Selector, candidates: readonly KubeObject[]): KubeObject[] {
  const claimed: KubeObject[] = [];
  const ownerUid = owner.metadata.uid!;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (matches(selector, obj.metadata.labels)) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      tryPatch(() =>
        api.patch(obj.kind, obj.metadata.name!, { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: obj.metadata.uid } }, 'strategic', {
          namespace: obj.metadata.namespace,
        }),
      );
      continue;
    }
    if (ownerDeleting || obj.metadata.deletionTimestamp || !matches(selector, obj.metadata.labels)) continue;
    // Adopt: the one-time live GET re-checks that the owner is not being deleted (RecheckDeletionTimestamp).
    const live = api.get(owner.kind, owner.metadata.name!, owner.metadata.namespace);
    if (!live || live.metadata.uid !== ownerUid || live.metadata.deletionTimestamp) continue;
    const adopted = tryPatch(() =>
      api.patch(obj.kind, obj.metadata.name!, { metadata: { ownerReferences: [newControllerRef(owner)], uid: obj.metadata.uid } }, 'strategic', {
        namespace: obj.metadata.namespace,
      }),
    );
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function tryPatch(fn: () => KubeObject): KubeObject | undefined {
  try {
    return fn();
  } catch (e) {
    if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict') || isStatusError(e, 'Invalid')) return undefined;
    throw e;
  }
}
