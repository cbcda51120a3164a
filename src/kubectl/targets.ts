// The objects a changing verb of this folder acts on (annotate, set ..., expose, replace), found as
// cli-runtime's resource Builder finds them: `-f` manifests looked up live, or resource arguments
// (`TYPE NAME...`, `TYPE/NAME`) by name, selector (`-l`, `--field-selector`) or `--all`; names that
// do not exist are NotFound errors in their place, in order.
import { StatusError } from '../apiserver/errors';
import type { KindInfo } from '../apiserver/kinds';
import type { KubeObject } from '../apiserver/types';
import { KubectlError, manifestKind, objectNamespace, parseResourceArgs, selectObjects, type SourcedObject } from './resources';
import type { VerbContext } from './verbs-objects';
import { readManifestFiles } from './manifest-files';

export const NO_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export type Found = { ok: true; info: KindInfo; object: KubeObject; source: string } | { ok: false; error: unknown };

export interface TargetOptions {
  /** Resource arguments (`deployment web`, `deploy/web`). */
  args: string[];
  files: string[];
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  /** Builder.RequireObject without a selector: `resource(s) were provided, but no name was specified`. */
  requireNames?: boolean;
}

/** Read `-f` manifests through the step's sandbox (`the path "x" does not exist`). */
export function readManifests(c: VerbContext, files: string[]): SourcedObject[] {
  return readManifestFiles(c.io, files, c.cmd.flags.recursive === true);
}

const resourceOf = (info: KindInfo) => (info.group ? `${info.plural}.${info.group}` : info.plural);

/** The objects, in order; a missing name or manifest object is an error entry in its place. */
export function findObjects(c: VerbContext, t: TargetOptions): Found[] {
  const api = c.cluster.api;
  if (t.files.length) {
    if (t.args.length) throw new KubectlError(`Unexpected args: [${t.args.join(' ')}]`);
    const found: Found[] = [];
    for (const so of readManifests(c, t.files)) {
      try {
        const info = manifestKind(so, c.namespace);
        const ns = objectNamespace(so, info, c.namespace, c.explicitNamespace);
        const name = so.object.metadata?.name ?? '';
        const live = api.get(info.kind, name, ns);
        found.push(live ? { ok: true, info, object: live, source: so.source } : { ok: false, error: new StatusError('NotFound', `${resourceOf(info)} ${JSON.stringify(name)} not found`, [], undefined, name) });
      } catch (e) {
        found.push({ ok: false, error: e });
      }
    }
    return found;
  }
  if (!t.args.length) throw new KubectlError(NO_RESOURCES);
  const groups = parseResourceArgs(t.args);
  const hasSelector = !!t.selector || !!t.fieldSelector || !!t.all;
  if (groups.some((g) => g.names) && (t.selector || t.fieldSelector)) throw new KubectlError('name cannot be provided when a selector is specified');
  if (groups.some((g) => !g.names) && !hasSelector) throw new KubectlError('resource(s) were provided, but no name was specified');
  const found: Found[] = [];
  for (const g of groups) {
    const { objects, errors } = selectObjects(api, g, { namespace: c.namespace, allNamespaces: t.allNamespaces, labelSelector: t.selector, fieldSelector: t.fieldSelector });
    if (g.names) {
      // By name: each in its place, found or not.
      for (const name of g.names) {
        const o = objects.find((x) => x.metadata.name === name);
        const err = errors.find((e) => e instanceof StatusError && e.objectName === name);
        found.push(o ? { ok: true, info: g.info, object: o, source: '' } : { ok: false, error: err ?? new StatusError('NotFound', `${resourceOf(g.info)} ${JSON.stringify(name)} not found`) });
      }
    } else for (const o of objects) found.push({ ok: true, info: g.info, object: o, source: '' });
  }
  return found;
}
