// A run split into tasks (one spec file each, on workers or shards) decides `only: true` once, over
// every spec file of the suite, and hands that to every task: else a task whose file has no `only`
// spec would run everything while the others ran their `only` specs alone.
import type { RunOptions } from '../runner';
import { nameFilter, onlyInFiles, type SpecSelection } from '../runner/select';
import { specFilesFor } from './files';

/** The run's selection with `only` decided over the whole suite under `paths`. */
export function runSelection(paths: string[], cwd: string, opts: Pick<RunOptions, 'select' | 'filter'>): SpecSelection {
  if (opts.select?.only !== undefined) return opts.select;
  // Read for `only` alone: a spec whose manifests folder is missing still says whether it is `only`.
  return { ...opts.select, only: onlyInFiles(specFilesFor(paths, cwd), cwd, opts.select, nameFilter(opts.filter), { manifestsFolderNeeded: false }) };
}

