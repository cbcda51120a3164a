// Server-side apply (PATCH application/apply-patch+yaml): the applied configuration creates the
// object when it does not exist, else is merged into it with strategic-merge semantics (the list
// map keys of the built-in kinds) after the ownership checks of ./managed-fields: conflicts with
// other managers (409, unless force), and removal of the fields this manager no longer applies.
import type { ApiServer } from '../../apiserver/apiserver';
import { applyPatch } from '../../apiserver/patch';
import type { KubeObject } from '../../apiserver/types';
import { formatTime } from '../../util/clock';
import { applyOwnership, createOwnership } from './managed-fields';
import { badRequest } from '../http/status';
import type { ServedResource } from './resources';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  dryRun: boolean;
  now: number;
  /** Field validation of the applied object (drops unknown fields for Warn/Ignore). */
  pruneUnknown(obj: KubeObject): string[];
}

export function serverSideApply(api: ApiServer, served: ServedResource, name: string, ns: string | undefined, body: unknown, opts: ApplyOptions): { object: KubeObject; code: number } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the applied configuration must be an object');
  const applied = body as KubeObject;
  if (applied.kind !== served.info.kind || applied.apiVersion !== served.info.apiVersion) {
    throw badRequest(`the applied configuration must be of kind ${served.info.kind} in ${served.info.apiVersion}`);
  }
  applied.metadata = applied.metadata ?? {};
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  applied.metadata.name = name;
  if (ns !== undefined) applied.metadata.namespace = ns;
  opts.pruneUnknown(applied);
  const own = { manager: opts.manager, apiVersion: served.info.apiVersion, time: formatTime(opts.now), kind: served.info.kind };
  const old = api.get(served.info.kind, name, ns);
  if (!old) {
    const obj = { ...applied, metadata: { ...applied.metadata } };
    createOwnership(obj, { ...own, operation: 'Apply' });
    return { object: api.create(obj, { dryRun: opts.dryRun }), code: 201 };
  }
  const merged = applyPatch(old, applied, 'strategic', served.info.kind);
  merged.metadata = { ...merged.metadata, resourceVersion: undefined };
  applyOwnership(old, applied, merged, { ...own, force: opts.force, plural: served.info.plural, group: served.info.group });
  return { object: api.update(merged, { dryRun: opts.dryRun }), code: 200 };
}
