// `kubectl edit` with a scripted editor: the object is written as kubectl 1.32 writes the file it
// opens (its header comment, then the YAML, or a List of several objects), the step's `edit:`
// says what the editor saves (io.edit), and the change goes to the server as the strategic merge
// patch kubectl computes between the two. An unchanged file is "Edit cancelled, no changes made.";
// a refused change ends as kubectl's does when the editor saves the same file again.
import type { KubeObject } from '../apiserver/types';
import { StatusError, renderFieldError } from '../apiserver/errors';
import { YamlError, parseYaml } from '../manifest/yaml';
import { threeWayMergePatch } from './apply';
import { kindSlashName } from './generated';
import { KubectlError, Output, kubectlYamlMessage, type OpResult, guarded } from './resources';
import { findObjects } from './targets';
import type { VerbContext } from './verbs-objects';

/** The header of the file kubectl edit opens (editoptions.go editHeaderTemplate). */
const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/** The text without its comment lines, for "was anything changed" (editoptions.go stripComments). */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

export function editCommand(c: VerbContext): OpResult {
  return guarded((out) => edit(c, out));
}

function edit(c: VerbContext, out: Output): void {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const output = str('output');
  if (output && !['yaml', 'json'].includes(output)) throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: json,yaml`);
  if (fl['edit-last-applied'] === true) throw new KubectlError("kubespec's kubectl emulation does not support edit --edit-last-applied");
  const files = (fl.filename as string[] | undefined) ?? [];
  const found = findObjects(c, { args: c.cmd.args, files, selector: str('selector') || undefined, all: fl.all === true });
  const objects: KubeObject[] = [];
  for (const f of found) {
    if (!f.ok) throw f.error;
    objects.push(f.object);
  }
  if (!objects.length) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const p = require('./printers') as typeof import('./printers');
  const doc = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
  const json = output === 'json';
  const original = HEADER + (json ? p.toJson(doc) : p.toYaml(doc));
  if (!c.io.edit) throw new KubectlError("kubespec's kubectl emulation runs no editor: give what the editor saves in the step's `edit:` key");
  const edited = c.io.edit(original);
  if (stripComments(edited) === stripComments(original)) {
    out.err('Edit cancelled, no changes made.\n');
    return;
  }
  if (!stripComments(edited).trim()) {
    out.err('Edit cancelled, saved file was empty.\n');
    return;
  }
  // What the first object is called in kubectl's "is invalid" lines (a failed validation of the file).
  const first = objects[0];
  const firstWhat = `${resourceName(first)} ${JSON.stringify(first.metadata.name)}`;
  const invalidFile = (reason: string) => {
    out.err(`error: ${firstWhat} is invalid\nerror: ${firstWhat} is invalid\n`);
    return cancelled(out, [`<nil>: Invalid value: "The edited file failed validation": ${reason}`], firstWhat);
  };
  let value: unknown;
  const stripped = stripComments(edited);
  try {
    value = parseYaml(stripped, 'edited')[0]?.value;
  } catch (e) {
    if (e instanceof YamlError) {
      // go-yaml's words, as kubectl's apply -f words a YAML mistake (error converting YAML to JSON: yaml: line N: ...).
      const said = kubectlYamlMessage(e, stripped, 'edited');
      throw invalidFile(said.slice(said.indexOf('yaml: ')));
    }
    throw e;
  }
  const editedObjects: KubeObject[] = objects.length === 1 ? [value as KubeObject] : (((value as { items?: KubeObject[] })?.items ?? []) as KubeObject[]);
  if (editedObjects.length !== objects.length || editedObjects.some((o) => !o || typeof o !== 'object')) throw invalidFile('invalid object to validate');
  const patches: { obj: KubeObject; patch: Record<string, unknown> }[] = [];
  for (let i = 0; i < objects.length; i++) {
    const before = objects[i];
    const after = editedObjects[i];
    if (after.apiVersion !== before.apiVersion || after.kind !== before.kind || after.metadata?.name !== before.metadata.name) {
      throw new KubectlError('At least one of apiVersion, kind and name was changed');
    }
    patches.push({ obj: before, patch: threeWayMergePatch(before, after, before, before.kind) });
  }
  for (const { obj, patch } of patches) {
    if (fl['output-patch'] === true) out.out(`Patch: ${p.toCompactJson(patch)}\n`);
    let result: KubeObject;
    try {
      result = Object.keys(patch).length ? c.cluster.api.patch(obj.kind, obj.metadata.name!, patch, 'strategic', { namespace: obj.metadata.namespace }) : obj;
    } catch (e) {
      const what = `${resourceName(obj)} ${JSON.stringify(obj.metadata.name)}`;
      if (!(e instanceof StatusError && e.reason === 'Invalid')) {
        // Deliberate difference: kubectl also names a /tmp copy to `kubectl replace -f`; none is stored here.
        throw new KubectlError(`${what} could not be patched: ${e instanceof Error ? e.message : String(e)}`);
      }
      const causes = e.causes.length ? e.causes.map(renderFieldError) : [e.message];
      // Once for the save, once for the same file saved again from the reopened editor.
      out.err(`error: ${what} is invalid\nerror: ${what} is invalid\n`);
      throw cancelled(out, causes, what);
    }
    if (output === 'yaml') out.out(p.toYaml(result));
    else if (output === 'json') out.out(p.toJson(result));
    else out.out(`${kindSlashName({ kind: obj.kind, group: obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '' }, obj.metadata.name!)} edited\n`);
  }
}

/** `deployments.apps`, `services` */
function resourceName(obj: KubeObject): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveResource } = require('../apiserver/kinds') as typeof import('../apiserver/kinds');
  const plural = resolveResource(obj.kind)?.plural ?? `${obj.kind.toLowerCase()}s`;
  return obj.apiVersion.includes('/') ? `${plural}.${obj.apiVersion.split('/')[0]}` : plural;
}

/**
 * A refused edit. kubectl reopens the file with the reasons in its header; the scripted editor
 * saves the same again, and kubectl gives up. Deliberate difference: kubectl also stores a copy of
 * the file in /tmp and names it; the emulation stores nothing and shows the reasons instead.
 */
function cancelled(out: Output, reasons: string[], what = 'the edited file'): KubectlError {
  out.err(`# ${what} was not valid:\n${reasons.map((r) => `# * ${r}\n`).join('')}`);
  return new KubectlError('Edit cancelled, no valid changes were saved.');
}
