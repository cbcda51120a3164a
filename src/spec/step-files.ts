// The manifest files a spec reads: what each step names (`apply`/`create` files, `delete.file`,
// kubectl's `-f`). Shared by `validate` (checks they exist), `kubespec files` (tells a course what
// students hand in) and `grade` (warns about a spec that reads no student file).
import { tokenize } from '../kubectl/tokenize';
import type { Spec, Step } from './model';
import { isTemplated } from './references';

/**
 * The manifest files a step names: `apply`/`create` files, `delete.file`, kubectl's `-f`. A name
 * holding a `${NAME}` reference is known only when the step runs (it is built again then): left out.
 */
export function manifestFiles(step: Step): string[] {
  return namedFiles(step).filter((f) => !isTemplated(f));
}

function namedFiles(step: Step): string[] {
  const a = step.action;
  if ((a.type === 'apply' || a.type === 'create') && 'files' in a.source) return a.source.files;
  if (a.type === 'delete' && a.file) return [a.file];
  if (a.type === 'kubectl') return kubectlFiles(a.command);
  return [];
}

/** Every file a spec's steps name (manifests, and kubectl's other sources), once each, in the order first named. */
export function specFiles(spec: Spec): string[] {
  return [...new Set(spec.steps.flatMap((step) => [...manifestFiles(step), ...(step.action.type === 'kubectl' ? kubectlSourceFiles(step.action.command).filter((f) => !isTemplated(f)) : [])]))];
}

/**
 * The files a kubectl step reads that are not manifests: `create configmap|secret --from-file=[key=]PATH`
 * (a file or a folder) and `--from-env-file=PATH`, `create secret tls --cert=PATH --key=PATH`.
 */
export function kubectlSourceFiles(command: string): string[] {
  let words: string[];
  try {
    words = tokenize(command);
  } catch {
    return [];
  }
  const files: string[] = [];
  const tls = words.includes('tls');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    const m = /^--(from-file|from-env-file|cert|key)(?:=(.*))?$/.exec(w);
    if (!m || ((m[1] === 'cert' || m[1] === 'key') && !tls)) continue;
    const value = m[2] ?? words[++i];
    if (value === undefined) continue;
    for (const part of m[1] === 'from-file' || m[1] === 'from-env-file' ? value.split(',') : [value]) {
      const path = m[1] === 'from-file' && part.split('=').length === 2 ? part.split('=')[1] : part;
      if (path) files.push(path);
    }
  }
  return files;
}

/** `-f FILE`, `-fFILE`, `-f=FILE`, `--filename FILE`, `--filename=FILE` (repeatable, as kubectl). */
export function kubectlFiles(command: string): string[] {
  let words: string[];
  try {
    words = tokenize(command);
  } catch {
    return []; // the kubectl step itself reports an unparsable command line when it runs
  }
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === '-f' || w === '--filename') && i + 1 < words.length) files.push(words[++i]);
    else if (w.startsWith('--filename=')) files.push(w.slice('--filename='.length));
    else if (w.startsWith('-f=')) files.push(w.slice(3));
    else if (/^-f[^-]/.test(w)) files.push(w.slice(2));
  }
  return files.filter((f) => f !== '-' && !/^https?:\/\//.test(f));
}
