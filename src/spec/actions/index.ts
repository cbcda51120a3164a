// Running a step's action against the cluster. Each action returns what kubectl would print, or an
// error message as kubectl would print it; `kubectl` steps return the command's output and exit
// code instead. The kubectl verbs go through the emulation (src/kubectl): its operations for the
// structured actions, runKubectl for `kubectl:` command lines.
import * as fs from 'fs';
import { readLimited, readLimitedBytes } from '../../manifest/files';
import { parseYaml, YamlError } from '../../manifest/yaml';
import { manifestYamlHint } from '../hints';
import { runKubectl } from '../../kubectl';
import type { Action, EditScript } from '../model';
import { isActionFailure, renderError, resolveFile, type ActionContext, type ActionOutcome } from './context';
import { applyAction, deleteAction, labelAction, rolloutAction, scaleAction, setImageAction } from './kubectl-verbs';
import { nodeAction, patchAction } from './objects';

export { type ActionContext, type ActionOutcome, ActionError, defaultRoots } from './context';
import { ActionError } from './context';

/** A `kubectl edit` step's editor: the file it saves, from the step's `edit:`. */
function scriptedEditor(script: EditScript): (file: string) => string {
  return (file) => {
    if ('content' in script) return script.content;
    let text = file;
    for (const { find, replace } of script.replace) {
      const i = text.indexOf(find);
      if (i < 0) throw new Error(`edit: ${JSON.stringify(find)} does not occur in the file kubectl edit opened`);
      text = text.slice(0, i) + replace + text.slice(i + find.length);
    }
    return text;
  };
}

function kubectlAction(command: string, ctx: ActionContext, edit?: EditScript): ActionOutcome {
  const read = new Map<string, string>();
  const res = runKubectl(ctx.cluster, command, {
    ...(edit ? { edit: scriptedEditor(edit) } : {}),
    // `get -w` settles as the step does: the runner's budget, and `throughout` at every state it passes.
    settle: ctx.settle,
    readFile(p: string) {
      const resolved = resolveFile(ctx, p);
      const text = readLimited(resolved, ctx.maxFileBytes);
      read.set(p, text);
      return { text, display: p };
    },
    readSource(p: string) {
      const resolved = resolveFile(ctx, p);
      if (fs.statSync(resolved.absolute).isDirectory()) {
        const all = fs.readdirSync(resolved.absolute, { withFileTypes: true });
        const entries = all.filter((e) => e.isFile()).map((e) => e.name);
        const dirs = all.filter((e) => e.isDirectory()).map((e) => e.name);
        return { kind: 'dir' as const, entries: entries.sort(), dirs: dirs.sort() };
      }
      return { kind: 'file' as const, data: readLimitedBytes(resolved, ctx.maxFileBytes) };
    },
  });
  const sep = res.stdout && res.stderr && !res.stdout.endsWith('\n') ? '\n' : '';
  const outcome: ActionOutcome = { output: res.stdout + sep + res.stderr, exitCode: res.exitCode, stdout: res.stdout, stderr: res.stderr };
  // kubectl's output stays kubectl's; the step's failure adds the hint an apply: step gives.
  const found = res.exitCode !== 0 ? yamlErrorIn(res.stderr, read) : undefined;
  if (found) {
    outcome.hint = manifestYamlHint(found.error, found.text);
    outcome.errorAt = found.error.position;
  }
  return outcome;
}

/** The YAML error of the first file kubectl could not parse, re-read from the text it was given. */
function yamlErrorIn(stderr: string, read: Map<string, string>): { error: YamlError; text: string } | undefined {
  for (const [display, text] of read) {
    if (!stderr.includes(`error parsing ${display}: error converting YAML to JSON`)) continue;
    try {
      parseYaml(text, display);
    } catch (e) {
      if (e instanceof YamlError) return { error: e, text };
    }
  }
  return undefined;
}

function dispatch(a: Action, ctx: ActionContext): ActionOutcome {
  switch (a.type) {
    case 'apply':
    case 'create':
      return applyAction(a, ctx);
    case 'delete':
      return deleteAction(a, ctx);
    case 'scale':
      return scaleAction(a, ctx);
    case 'setImage':
      return setImageAction(a, ctx);
    case 'rollout':
      return rolloutAction(a, ctx);
    case 'label':
      return labelAction(a, ctx);
    case 'patch':
      return patchAction(a, ctx);
    case 'node':
      return nodeAction(a, ctx);
    case 'kubectl':
      return kubectlAction(a.command, ctx, a.edit);
    case 'wait':
      ctx.cluster.wait(a.ms, ctx.settle);
      return { output: '' };
  }
}

/**
 * Run an action. Failures the user caused (API rejections, missing files, bad YAML) come back as
 * `error`; anything else (a bug, a settle bound hit during `wait`) is thrown.
 */
export function runAction(a: Action, ctx: ActionContext): ActionOutcome {
  try {
    return dispatch(a, ctx);
  } catch (e) {
    if (!isActionFailure(e)) throw e;
    const at = e instanceof ActionError || e instanceof YamlError ? e.position : undefined;
    return { output: '', error: renderError(e), ...(at ? { errorAt: at } : {}) };
  }
}
