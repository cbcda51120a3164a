// The structured actions that are kubectl verbs (apply, create, delete, scale, setImage, rollout,
// label) run through the kubectl emulation's operations (src/kubectl/operations.ts), so they print
// and fail exactly as the `kubectl:` step would. What is the spec's own: reading manifests inside
// the sandbox, and `pick` (oldest, newest, index), which narrows a selector to names first.
import * as ops from '../../kubectl/operations';
import type { Action } from '../model';
import type { ActionContext, ActionOutcome } from './context';
import { loadManifests, readManifestFiles, parseManifest, type ManifestObject } from './manifests';
import { resolveTarget } from './target';
import { msg } from '../../i18n';
import { specMessages } from '../../i18n/messages/spec';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** An operation's printout as an action outcome: a non-zero exit is the action failing with its stderr. */
export function fromOp(r: ops.OpResult): ActionOutcome {
  const stdout = r.stdout.replace(/\n$/, '');
  const stderr = r.stderr.replace(/\n$/, '');
  if (r.exitCode !== 0) return { output: stdout, error: stderr || `exit code ${r.exitCode}`, ...(r.failedSources ? { failedFiles: r.failedSources } : {}) };
  return { output: [stdout, stderr].filter(Boolean).join('\n') };
}

function sourced(objects: ManifestObject[], fromFiles: boolean): ops.SourcedObject[] {
  return objects.map((m) => ({ object: m.object, source: fromFiles ? m.source : '' }));
}

export function applyAction(a: Extract<Action, { type: 'apply' | 'create' }>, ctx: ActionContext): ActionOutcome {
  const objects = sourced(loadManifests(a.source, ctx), 'files' in a.source);
  return fromOp(a.type === 'apply' ? ops.apply(ctx.cluster, objects) : ops.create(ctx.cluster, objects));
}

/** `kind` + `name`, or `kind` + `selector` (all matches, or the one `pick` names). */
function target(a: { kind: string; name?: string; selector?: string; pick: Of<'delete'>['pick']; namespace: string }, ctx: ActionContext): ops.Target {
  if (a.name !== undefined) return { kind: a.kind, name: a.name };
  if (a.pick === 'all') return { kind: a.kind, selector: a.selector ?? '', all: !a.selector };
  const { objects } = resolveTarget(ctx.cluster.api, a);
  return { kind: a.kind, names: objects.map((o) => o.metadata.name!) };
}

export function deleteAction(a: Of<'delete'>, ctx: ActionContext): ActionOutcome {
  // `gracePeriod: 0` means what `--grace-period=0 --force` does: gone at once.
  const opts: ops.DeleteOptions = { namespace: a.namespace, cascade: a.cascade, ...(a.gracePeriod !== undefined ? { gracePeriod: a.gracePeriod, force: a.gracePeriod === 0 } : {}) };
  if (a.file) {
    const objects = readManifestFiles([a.file], ctx).flatMap((f) => parseManifest(f.text, f.display));
    return fromOp(ops.deleteResources(ctx.cluster, { objects: sourced(objects, true) }, opts));
  }
  return fromOp(ops.deleteResources(ctx.cluster, target({ ...a, kind: a.kind! }, ctx), opts));
}

export function scaleAction(a: Of<'scale'>, ctx: ActionContext): ActionOutcome {
  return fromOp(ops.scale(ctx.cluster, { kind: a.kind, name: a.name }, { namespace: a.namespace, replicas: a.replicas }));
}

export function setImageAction(a: Of<'setImage'>, ctx: ActionContext): ActionOutcome {
  const r = fromOp(ops.setImage(ctx.cluster, { kind: a.kind, name: a.name }, [[a.container, a.image]], { namespace: a.namespace }));
  // kubectl prints nothing when the image was already set; say so for the report.
  if (!r.error && !r.output) r.output = msg(specMessages.imageAlready, { target: `${a.kind.toLowerCase()}/${a.name}`, image: a.image });
  return r;
}

export function rolloutAction(a: Of<'rollout'>, ctx: ActionContext): ActionOutcome {
  return fromOp(ops.rollout(ctx.cluster, a.action, { kind: a.kind, name: a.name }, { namespace: a.namespace, toRevision: a.toRevision }));
}

export function labelAction(a: Of<'label'>, ctx: ActionContext): ActionOutcome {
  return fromOp(ops.label(ctx.cluster, target(a, ctx), { namespace: a.namespace, set: a.set, remove: a.remove, overwrite: true }));
}
