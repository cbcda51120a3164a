// What a grading run works through: the spec files (the runner's discoverSpecFiles, so a split run
// takes them in the order a serial run does) and the student folders of a submissions folder.
import * as fs from 'fs';
import { discoverSpecFiles } from '../runner/discover';
import { compareKeys, selectShard, type Shard } from './shard';
import * as path from 'path';

export interface StudentFolder {
  /** The folder's name: the student (or team, or repository) it belongs to. */
  student: string;
  /** Absolute path. */
  dir: string;
}

/**
 * Every student folder in `root`: its subfolders, sorted, hidden ones left out. A symbolic link is
 * not followed (a submission folder must be a real folder under the root).
 */
export function listSubmissions(root: string): StudentFolder[] {
  const abs = path.resolve(root);
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => ({ student: e.name, dir: path.join(abs, e.name) }))
    .sort((a, b) => compareKeys(a.student, b.student));
}

/**
 * The spec files `paths` name, as the runner names them (relative to `cwd` as given), in the order
 * a serial run takes them; paths that do not exist come first, as the runner reports them first.
 * With a shard, only that shard's files (split over the sorted list), still in run order.
 */
export function specFilesFor(paths: string[], cwd: string, shard?: Shard): string[] {
  const { files, missing } = discoverSpecFiles(paths, cwd);
  const all = [...missing, ...files.map((f) => f.display)];
  if (!shard) return all;
  const mine = new Set(selectShard(all, shard));
  return all.filter((f) => mine.has(f));
}

/** The spec files `paths` name, in the order a serial run takes them (specFilesFor without a shard). */
export function listSpecFiles(paths: string[], cwd: string = process.cwd()): string[] {
  return specFilesFor(paths, cwd);
}
