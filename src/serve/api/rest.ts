// The REST verbs on served resources, over the embedded ApiServer: get, list (selectors, limit and
// continue), create, update, patch (JSON, merge, strategic, apply), delete and deletecollection
// (DeleteOptions from the query and the body), and the subresources status, scale, binding,
// eviction and log. What each answers (codes, bodies, Status details) follows the generic
// registry and handlers of k8s.io/apiserver (pkg/endpoints/handlers, pkg/registry/generic/registry).
import type { ApiServer, DeleteOptions, PropagationPolicy } from '../../apiserver/apiserver';
import { StatusError, notFoundError } from '../../apiserver/errors';
import { qualifiedResource } from '../../apiserver/kinds';
import { parseSelector, SelectorParseError, type Selector } from '../../apiserver/labels';
import { applyPatch, type PatchType } from '../../apiserver/patch';
import { pruneUnknownFields } from '../../apiserver/registry/decode';
import type { KubeObject } from '../../apiserver/types';
import { labelSelectorString } from '../../kubectl/printers/tables';
import { deepClone } from '../../util/clone';
import { decodeObjectBody, mediaType } from '../http/body';
import type { ResourceRequest } from '../http/request-info';
import { HttpError, badRequest, notFoundPath, success } from '../http/status';
import { formatTime } from '../../util/clock';
import { serverSideApply } from './apply';
import { createOwnership, managerOf, updateOwnership } from './managed-fields';
import { fieldSelectorFor } from './field-labels';
import { servedResource, type ServedResource } from './resources';
import { includeObjectParam, toTable, wantsTable } from './table';
import type { WatchFilter } from './watch';

/** What a handled request answers. */
export type Reply =
  | { kind: 'json'; code: number; body: unknown; warnings?: string[] }
  | { kind: 'watch'; filter: WatchFilter; resourceVersion?: string; table: boolean; includeObject: ReturnType<typeof includeObjectParam>; bookmarks: boolean; initialEvents: boolean; timeoutSeconds?: number }
  | { kind: 'log'; pod: KubeObject; container: string; options: LogOptions };

export interface LogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

export interface RestContext {
  api: ApiServer;
  /** The cluster's current instant (simulated, following the wall clock), for Table ages. */
  now(): number;
}

export interface RestRequest {
  info: ResourceRequest;
  query: URLSearchParams;
  accept?: string;
  contentType?: string;
  /** The body, for verbs that take one (already read within the size limit). */
  body?: Buffer;
  /** The User-Agent header: names the field manager of a write without `fieldManager`. */
  userAgent?: string;
}

/** Objects of one list answer at most (a client asking for more pages with `continue`). */
const MAX_LIMIT = 100_000;

export function handleResource(ctx: RestContext, req: RestRequest): Reply {
  const { info } = req;
  const served = servedResource(info.group, info.version, info.resource);
  if (!served) throw notFoundPath();
  if (served.info.namespaced && info.namespace === undefined && info.name !== undefined) throw notFoundPath();
  if (!served.info.namespaced && info.namespace !== undefined) throw notFoundPath();
  if (info.subresource !== undefined && !served.subresources.some((s) => s.name === info.subresource)) throw notFoundPath();
  if (info.namespace !== undefined && info.namespace !== 'default' && !ctx.api.get('Namespace', info.namespace) && (info.verb === 'create' || info.name !== undefined)) {
    throw notFoundError('namespaces', '', info.namespace);
  }
  const ns = served.info.namespaced ? info.namespace : undefined;
  if (info.subresource) return subresource(ctx, req, served, ns);
  switch (info.verb) {
    case 'get':
      return json(200, getObject(ctx, served, info.name!, ns), req, ctx, served);
    case 'list':
      return list(ctx, req, served, ns);
    case 'watch':
      return watch(req, served, ns);
    case 'create': {
      if (served.info.namespaced && ns === undefined) throw notFoundPath();
      const { obj, warnings } = decodeForWrite(req, served, ns);
      createOwnership(obj, ownerOf(ctx, req, served));
      const created = ctx.api.create(obj, { dryRun: dryRun(req.query) });
      return { kind: 'json', code: 201, body: created, warnings };
    }
    case 'update': {
      const { obj, warnings } = decodeForWrite(req, served, ns);
      checkName(obj, info.name!);
      const current = ctx.api.get(served.info.kind, info.name!, ns);
      if (current) updateOwnership(current, obj, ownerOf(ctx, req, served));
      const updated = ctx.api.update(obj, { dryRun: dryRun(req.query) });
      return { kind: 'json', code: 200, body: updated, warnings };
    }
    case 'patch':
      return patch(ctx, req, served, ns);
    case 'delete':
      return del(ctx, req, served, ns);
    case 'deletecollection':
      return deleteCollection(ctx, req, served, ns);
  }
}

function json(code: number, obj: KubeObject, req: RestRequest, ctx: RestContext, served: ServedResource): Reply {
  if (wantsTable(req.accept)) {
    return { kind: 'json', code, body: toTable(served.info.kind, [obj], ctx.now(), includeObjectParam(req.query.get('includeObject')), { resourceVersion: obj.metadata.resourceVersion }) };
  }
  return { kind: 'json', code, body: obj };
}

function getObject(ctx: RestContext, served: ServedResource, name: string, ns: string | undefined): KubeObject {
  const obj = ctx.api.get(served.info.kind, name, ns);
  if (!obj) throw notFoundError(served.info.plural, served.group, name);
  return obj;
}

function labelSelector(q: URLSearchParams): Selector | undefined {
  const text = q.get('labelSelector');
  if (!text) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw badRequest(e.message);
    throw e;
  }
}

function intParam(q: URLSearchParams, name: string, min = 0): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v.slice(0, 32))}`);
  return Number(v);
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return { rv: t.rv, start: t.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function list(ctx: RestContext, req: RestRequest, served: ServedResource, ns: string | undefined): Reply {
  const q = req.query;
  const labels = labelSelector(q);
  const fields = fieldSelectorFor(served.info.kind, q.get('fieldSelector'));
  const limit = intParam(q, 'limit');
  const cont = q.get('continue');
  const rvMatch = q.get('resourceVersionMatch');
  if (rvMatch && rvMatch !== 'NotOlderThan' && rvMatch !== 'Exact') throw badRequest(`resourceVersionMatch: Unsupported value: "${rvMatch}": supported values: "Exact", "NotOlderThan"`);
  const rv = q.get('resourceVersion');
  if (rvMatch && !rv) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (cont && rv) throw badRequest('specifying resource version is not allowed when using continue');
  const current = ctx.api.resourceVersion;
  if (rv && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv.slice(0, 32)}`);
  // The embedded store keeps no old versions: a list is always of the current state. An exact or
  // future resourceVersion other than the current one is refused as the watch cache refuses it.
  if (rv && rvMatch === 'Exact' && Number(rv) !== current) throw new HttpError(410, 'Expired', `too old resource version: ${rv} (${current})`);
  if (rv && Number(rv) > current) throw new HttpError(504, 'Timeout', `Too large resource version: ${rv}, current: ${current}`, { retryAfterSeconds: 1 });
  let items = ctx.api.list(served.info.kind, { namespace: ns, labelSelector: labels, fieldSelector: fields });
  let listRv = current;
  if (cont) {
    const token = decodeContinue(cont);
    listRv = token.rv;
    // Objects sort by namespace then name: the page starts after the last key handed out.
    items = items.filter((o) => keyOf(o) > token.start);
  }
  const meta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (limit !== undefined && limit > 0 && items.length > Math.min(limit, MAX_LIMIT)) {
    const n = Math.min(limit, MAX_LIMIT);
    meta.continue = encodeContinue({ rv: listRv, start: keyOf(items[n - 1]) });
    meta.remainingItemCount = items.length - n;
    items = items.slice(0, n);
  } else if (items.length > MAX_LIMIT) {
    throw badRequest(`the list holds ${items.length} objects: ask for pages with limit (at most ${MAX_LIMIT} objects in one answer)`);
  }
  if (wantsTable(req.accept)) {
    return { kind: 'json', code: 200, body: toTable(served.info.kind, items, ctx.now(), includeObjectParam(q.get('includeObject')), meta) };
  }
  return { kind: 'json', code: 200, body: { kind: `${served.info.kind}List`, apiVersion: served.info.apiVersion, metadata: meta, items: items.map(withoutTypeMeta) } };
}

/** List items carry no apiVersion/kind (the list's own say them), as a real API server sends them. */
function withoutTypeMeta(o: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in o) if (k !== 'apiVersion' && k !== 'kind') out[k] = o[k];
  return out;
}

function watch(req: RestRequest, served: ServedResource, ns: string | undefined): Reply {
  const q = req.query;
  const filter: WatchFilter = { kind: served.info.kind, namespace: ns, labels: labelSelector(q), fields: fieldSelectorFor(served.info.kind, q.get('fieldSelector')) };
  if (req.info.name !== undefined) filter.name = req.info.name;
  const initial = q.get('sendInitialEvents');
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  if (initial === 'true' && q.get('resourceVersionMatch') !== 'NotOlderThan') throw badRequest('sendInitialEvents: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
  if (initial === 'true' && !bookmarks) throw badRequest('sendInitialEvents: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true');
  return {
    kind: 'watch',
    filter,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    table: wantsTable(req.accept),
    includeObject: includeObjectParam(q.get('includeObject')),
    bookmarks,
    initialEvents: initial === 'true',
    timeoutSeconds: intParam(q, 'timeoutSeconds'),
  };
}

function dryRun(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw badRequest(`Invalid dry run value: ${JSON.stringify(v.slice(0, 32))}: supported values: "All"`);
  return values.length > 0;
}

type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

function fieldValidation(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation: Unsupported value: "${v.slice(0, 32)}": supported values: "Ignore", "Strict", "Warn"`);
}

function requireBody(req: RestRequest): Buffer {
  if (!req.body || req.body.length === 0) throw badRequest('the request body is empty');
  return req.body;
}

/** Decode a create/update body and check it names this endpoint's kind and namespace. */
function decodeForWrite(req: RestRequest, served: ServedResource, ns: string | undefined): { obj: KubeObject; warnings: string[] } {
  const value = decodeObjectBody(requireBody(req), req.contentType);
  const obj = asObject(value, served);
  if (ns !== undefined) {
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    obj.metadata.namespace = ns;
  }
  const warnings = validateFields(req.query, obj);
  return { obj, warnings };
}

/** Non-strict field validation: unknown fields are dropped, and named in Warning headers for Warn. */
function validateFields(q: URLSearchParams, obj: KubeObject): string[] {
  const mode = fieldValidation(q);
  if (mode === 'Strict') return [];
  const unknown = pruneUnknownFields(obj);
  return mode === 'Warn' ? unknown.map((u) => `unknown field ${JSON.stringify(u)}`) : [];
}

function asObject(value: unknown, served: ServedResource): KubeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`the body of the request must be an object of kind ${served.info.kind}`);
  const obj = value as KubeObject;
  // The apiserver decodes bodies with the URL's group-version-kind as defaults: a body without
  // kind or apiVersion (client libraries send typed objects so) is that kind.
  if (obj.kind === undefined || obj.kind === '') obj.kind = served.info.kind;
  if (obj.apiVersion !== undefined && obj.apiVersion !== served.info.apiVersion) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${served.info.apiVersion})`);
  }
  if (obj.kind !== served.info.kind) throw badRequest(`${obj.kind} in version "${served.version}" cannot be handled as a ${served.info.kind}: the kind in the data (${obj.kind}) does not match the expected kind (${served.info.kind})`);
  obj.apiVersion = served.info.apiVersion;
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) throw badRequest(`${served.info.kind} in version "${served.version}" cannot be handled as a ${served.info.kind}: metadata must be an object`);
  return obj;
}

/** Who writes, for managedFields: the fieldManager query, else the User-Agent's product. */
function ownerOf(ctx: RestContext, req: RestRequest, served: ServedResource, subresource?: string) {
  return { manager: managerOf(req.query.get('fieldManager'), req.userAgent), apiVersion: served.info.apiVersion, time: formatTime(ctx.now()), kind: served.info.kind, subresource };
}

function checkName(obj: KubeObject, name: string): void {
  if (obj.metadata.name && obj.metadata.name !== name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  obj.metadata.name = name;
}

const PATCH_TYPES: Record<string, PatchType | 'apply'> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

function patchType(req: RestRequest): PatchType | 'apply' {
  const t = PATCH_TYPES[mediaType(req.contentType)];
  if (!t) {
    throw new HttpError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
    );
  }
  if (t === 'apply' && mediaType(req.contentType) === 'application/apply-patch+cbor') throw new HttpError(415, 'UnsupportedMediaType', 'kubespec serve does not decode CBOR: send application/apply-patch+yaml');
  return t;
}

function patchBody(req: RestRequest): unknown {
  const body = requireBody(req);
  return mediaType(req.contentType) === 'application/apply-patch+yaml' ? decodeObjectBody(body, 'application/apply-patch+yaml') : decodeObjectBody(body, 'application/json');
}

/** ValidatePatchOptions' 422 (apimachinery meta/v1/validation), about the PatchOptions rather than the object. */
function patchOptionsInvalid(field: string, reason: string, detail: string): HttpError {
  return new HttpError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${field}: ${detail}`, { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason, message: detail, field }] });
}

function patch(ctx: RestContext, req: RestRequest, served: ServedResource, ns: string | undefined): Reply {
  const type = patchType(req);
  const body = patchBody(req);
  const name = req.info.name!;
  if (type === 'apply') {
    const manager = req.query.get('fieldManager');
    if (!manager) throw patchOptionsInvalid('fieldManager', 'FieldValueRequired', 'Required value: is required for apply patch');
    const { object, code } = serverSideApply(ctx.api, served, name, ns, body, {
      manager,
      force: req.query.get('force') === 'true',
      dryRun: dryRun(req.query),
      now: ctx.now(),
      pruneUnknown: (o) => validateFields(req.query, o),
    });
    return { kind: 'json', code, body: object };
  }
  if (req.query.get('force') !== null) throw patchOptionsInvalid('force', 'FieldValueForbidden', 'Forbidden: may not be specified for non-apply patch');
  const old = getObject(ctx, served, name, ns);
  const patched = applyPatch(old, body, type, served.info.kind);
  if (!patched || typeof patched !== 'object' || !patched.metadata) throw badRequest('the patch leaves no object');
  patched.metadata = { ...patched.metadata };
  // A patch that names no resourceVersion applies to the latest version (no optimistic lock).
  if (patched.metadata.resourceVersion === old.metadata.resourceVersion) delete patched.metadata.resourceVersion;
  if (patched.metadata.name !== name) throw badRequest(`the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${name})`);
  if (patched.kind !== served.info.kind || patched.apiVersion !== served.info.apiVersion) throw badRequest('a patch may not change the kind or apiVersion of an object');
  const warnings = validateFields(req.query, patched);
  updateOwnership(old, patched, ownerOf(ctx, req, served));
  const updated = ctx.api.update(patched, { dryRun: dryRun(req.query) });
  return { kind: 'json', code: 200, body: updated, warnings };
}

/** DeleteOptions from the body (JSON or protobuf) and the query, the query winning as upstream. */
function deleteOptions(req: RestRequest): DeleteOptions {
  let body: Record<string, unknown> = {};
  if (req.body && req.body.length) {
    const v = decodeObjectBody(req.body, req.contentType);
    if (v && typeof v === 'object' && !Array.isArray(v)) body = v as Record<string, unknown>;
    else throw badRequest('the body of a DELETE must be a DeleteOptions object');
    if (body.kind !== undefined && body.kind !== 'DeleteOptions') throw badRequest(`the body of a DELETE must be a DeleteOptions object, not ${String(body.kind)}`);
  }
  const q = req.query;
  const opts: DeleteOptions = {};
  // The body's int64 keeps its digits (a bigint past 2^53, src/util/json.ts).
  const grace = intParam(q, 'gracePeriodSeconds', Number.MIN_SAFE_INTEGER) ?? (typeof body.gracePeriodSeconds === 'number' || typeof body.gracePeriodSeconds === 'bigint' ? body.gracePeriodSeconds : undefined);
  if (grace !== undefined) opts.gracePeriodSeconds = grace < 0 ? 0 : grace;
  const policy = q.get('propagationPolicy') ?? (body.propagationPolicy as string | undefined);
  const orphan = q.get('orphanDependents') ?? (body.orphanDependents === undefined ? undefined : String(body.orphanDependents));
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') throw badRequest(`propagationPolicy: Unsupported value: "${String(policy).slice(0, 32)}": supported values: "Foreground", "Background", "Orphan"`);
    if (orphan !== undefined) throw badRequest('orphanDependents: Invalid value: false: orphanDependents and deletionPropagation cannot be both set');
    opts.propagationPolicy = policy as PropagationPolicy;
  } else if (orphan === 'true') opts.propagationPolicy = 'Orphan';
  const pre = body.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  if (pre && typeof pre === 'object') opts.preconditions = { uid: pre.uid, resourceVersion: pre.resourceVersion };
  const dry = q.getAll('dryRun').length ? dryRun(q) : Array.isArray(body.dryRun) && body.dryRun.length > 0;
  if (Array.isArray(body.dryRun)) for (const v of body.dryRun) if (v !== 'All') throw badRequest(`Invalid dry run value: ${JSON.stringify(v)}`);
  if (dry) opts.dryRun = true;
  return opts;
}

/** Registries that answer a DELETE with the deleted object rather than a Status (Store.ReturnDeletedObject). */
const RETURNS_DELETED_OBJECT = new Set(['Pod', 'Service', 'Namespace', 'Node', 'Endpoints']);

function deleteOne(ctx: RestContext, served: ServedResource, name: string, ns: string | undefined, opts: DeleteOptions): { code: number; body: unknown } {
  const old = getObject(ctx, served, name, ns);
  if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== old.metadata.resourceVersion) {
    throw new StatusError(
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(served.info)} "${name}": Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
    );
  }
  const { object, deleted } = ctx.api.delete(served.info.kind, name, { ...opts, namespace: ns });
  if (!deleted || RETURNS_DELETED_OBJECT.has(served.info.kind)) return { code: 200, body: object };
  return { code: 200, body: success(200, { name, group: served.group, kind: served.info.plural, uid: old.metadata.uid }) };
}

function del(ctx: RestContext, req: RestRequest, served: ServedResource, ns: string | undefined): Reply {
  const { code, body } = deleteOne(ctx, served, req.info.name!, ns, deleteOptions(req));
  return { kind: 'json', code, body };
}

function deleteCollection(ctx: RestContext, req: RestRequest, served: ServedResource, ns: string | undefined): Reply {
  if (served.info.kind === 'Namespace') throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', { kind: 'namespaces' });
  const opts = deleteOptions(req);
  const items = ctx.api.list(served.info.kind, { namespace: ns, labelSelector: labelSelector(req.query), fieldSelector: fieldSelectorFor(served.info.kind, req.query.get('fieldSelector')) });
  const out: unknown[] = [];
  for (const o of items) {
    try {
      deleteOne(ctx, served, o.metadata.name!, o.metadata.namespace, opts);
      out.push(withoutTypeMeta(ctx.api.get(served.info.kind, o.metadata.name!, o.metadata.namespace) ?? o));
    } catch (e) {
      // An object gone meanwhile (a dependent the garbage collector took) is not an error.
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
  }
  return { kind: 'json', code: 200, body: { kind: `${served.info.kind}List`, apiVersion: served.info.apiVersion, metadata: { resourceVersion: String(ctx.api.resourceVersion) }, items: out } };
}

// ---- subresources ------------------------------------------------------------------------------

function scaleOf(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: labelSelectorString(obj.spec?.selector) ?? '' },
  };
}

function writeScale(ctx: RestContext, req: RestRequest, served: ServedResource, old: KubeObject, scale: unknown, dry: boolean): Reply {
  if (!scale || typeof scale !== 'object') throw badRequest('the body must be an autoscaling/v1 Scale');
  const s = scale as { metadata?: { resourceVersion?: string; name?: string }; spec?: { replicas?: unknown } };
  const replicas = s.spec?.replicas ?? 0;
  // A bigint (an integer past 2^53) is a JSON number past int32: UnmarshalTypeError quotes its literal.
  const kind = typeof replicas === 'bigint' ? `number ${replicas}` : typeof replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${kind} into Go struct field ScaleSpec.spec.replicas of type int32`);
  if (replicas < 0) throw new StatusError('Invalid', `Scale.autoscaling "${old.metadata.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`, [{ type: 'Invalid', field: 'spec.replicas', detail: `Invalid value: ${replicas}: must be greater than or equal to 0` }], 'Scale', old.metadata.name);
  if (s.metadata?.resourceVersion && s.metadata.resourceVersion !== old.metadata.resourceVersion) {
    throw new StatusError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(served.info)} "${old.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  const next = deepClone(old) as KubeObject;
  next.spec = { ...next.spec, replicas };
  // Recorded against the main resource's fields, with subresource "scale" (as upstream's scale handler does).
  updateOwnership(old, next, ownerOf(ctx, req, served, 'scale'));
  const updated = ctx.api.update(next, { dryRun: dry });
  return { kind: 'json', code: 200, body: scaleOf(updated) };
}

function subresource(ctx: RestContext, req: RestRequest, served: ServedResource, ns: string | undefined): Reply {
  const { info } = req;
  const sub = info.subresource!;
  const name = info.name!;
  const kind = served.info.kind;
  if (sub === 'exec' || sub === 'attach' || sub === 'portforward' || sub === 'proxy') {
    getObject(ctx, served, name, ns);
    throw new HttpError(
      400,
      'BadRequest',
      `kubespec serve does not simulate ${sub === 'portforward' ? 'port-forward' : sub}: the embedded cluster runs no containers (reach a pod through its Service's nodePort instead)`,
    );
  }
  if (sub === 'ephemeralcontainers' || sub === 'resize' || sub === 'finalize') {
    throw new HttpError(405, 'MethodNotAllowed', `kubespec serve does not serve ${served.info.plural}/${sub}`, { kind: served.info.plural });
  }
  const dry = () => dryRun(req.query);
  switch (sub) {
    case 'status': {
      if (info.verb === 'get') return { kind: 'json', code: 200, body: getObject(ctx, served, name, ns) };
      if (info.verb === 'update') {
        const { obj } = decodeForWrite(req, served, ns);
        checkName(obj, name);
        return { kind: 'json', code: 200, body: ctx.api.update(obj, { subresource: 'status', dryRun: dry() }) };
      }
      if (info.verb === 'patch') {
        const type = patchType(req);
        if (type === 'apply') throw new HttpError(415, 'UnsupportedMediaType', 'kubespec serve does not take server-side apply on the status subresource');
        const old = getObject(ctx, served, name, ns);
        const patched = applyPatch(old, patchBody(req), type, kind);
        patched.metadata = { ...patched.metadata, resourceVersion: undefined };
        return { kind: 'json', code: 200, body: ctx.api.update(patched, { subresource: 'status', dryRun: dry() }) };
      }
      break;
    }
    case 'scale': {
      const old = getObject(ctx, served, name, ns);
      if (info.verb === 'get') return { kind: 'json', code: 200, body: scaleOf(old) };
      if (info.verb === 'update') return writeScale(ctx, req, served, old, decodeObjectBody(requireBody(req), req.contentType), dry());
      if (info.verb === 'patch') {
        const type = patchType(req);
        if (type === 'apply') throw new HttpError(415, 'UnsupportedMediaType', 'kubespec serve does not take server-side apply on the scale subresource');
        const patched = applyPatch(scaleOf(old), patchBody(req), type, 'Scale');
        if (patched.metadata?.resourceVersion === old.metadata.resourceVersion) delete patched.metadata.resourceVersion;
        return writeScale(ctx, req, served, old, patched, dry());
      }
      break;
    }
    case 'binding': {
      if (info.verb !== 'create') break;
      const b = decodeObjectBody(requireBody(req), req.contentType) as { metadata?: { name?: string; uid?: string; annotations?: Record<string, string> }; target?: { name?: string } };
      if (!b?.target?.name) throw badRequest('Binding.target.name is required');
      ctx.api.bind({ metadata: { name, namespace: ns, uid: b.metadata?.uid, annotations: b.metadata?.annotations }, target: { name: b.target.name } });
      return { kind: 'json', code: 201, body: success(201) };
    }
    case 'eviction': {
      if (info.verb !== 'create') break;
      const ev = decodeObjectBody(requireBody(req), req.contentType) as { metadata?: { name?: string }; deleteOptions?: Record<string, unknown> };
      if (ev?.metadata?.name && ev.metadata.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
      const opts: DeleteOptions = {};
      const d = ev?.deleteOptions ?? {};
      if (typeof d.gracePeriodSeconds === 'number' || typeof d.gracePeriodSeconds === 'bigint') opts.gracePeriodSeconds = d.gracePeriodSeconds < 0 ? 0 : d.gracePeriodSeconds;
      if (d.dryRun) opts.dryRun = true;
      getObject(ctx, served, name, ns);
      // No PodDisruptionBudgets are served: every eviction is allowed (pkg/registry/core/pod/storage/eviction.go).
      ctx.api.delete('Pod', name, { ...opts, namespace: ns });
      return { kind: 'json', code: 201, body: success(201) };
    }
    case 'log': {
      if (info.verb !== 'get') break;
      const pod = getObject(ctx, served, name, ns);
      const q = req.query;
      const containers = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
      let container = q.get('container') ?? undefined;
      if (!container) {
        if (containers.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
        container = containers[0];
      }
      if (!containers.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
      return {
        kind: 'log',
        pod,
        container,
        options: {
          follow: q.get('follow') === 'true',
          previous: q.get('previous') === 'true',
          timestamps: q.get('timestamps') === 'true',
          tailLines: intParam(q, 'tailLines'),
          sinceSeconds: intParam(q, 'sinceSeconds', 1),
          limitBytes: intParam(q, 'limitBytes', 1),
        },
      };
    }
  }
  throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', { kind: `${served.info.plural}/${sub}` });
}
