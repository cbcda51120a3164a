// What `-f` names, read as kubectl's resource builder reads it (cli-runtime FileVisitor): a file, or
// a folder's own .json, .yaml and .yml files in name order (with -R, its folders too, walked as Go's
// filepath.Walk walks them: names in order, a folder where its name falls); URLs are refused in one clear line,
// since the emulation reads nothing from the network. Every read goes through the step's sandbox.
import * as path from 'path';
import type { KubectlIO } from './index';
import { KubectlError, loadManifest, type SourcedObject } from './resources';

/** cli-runtime's FileExtensions: the files a folder's walk takes. */
const EXTENSIONS = ['.json', '.yaml', '.yml'];

function missing(msg: string): boolean {
  return /no such file|does not exist|ENOENT/i.test(msg) && !/\.\.|absolute|symbolic/.test(msg);
}

/** The objects of every file `-f` names, in kubectl's order; `recursive`: -R. */
export function readManifestFiles(io: KubectlIO, files: string[], recursive = false): SourcedObject[] {
  const objects: SourcedObject[] = [];
  for (const f of files) {
    if (/^https?:\/\//i.test(f)) {
      throw new KubectlError(`kubespec's kubectl emulation does not read URLs (${f}): save the manifest beside the spec and name that file`);
    }
    let file: { text: string; display: string } | undefined;
    try {
      file = io.readFile(f);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (missing(msg)) throw new KubectlError(`the path ${JSON.stringify(f)} does not exist`);
      if (!/is a directory|EISDIR/.test(msg) || !io.readSource) throw new KubectlError(msg);
    }
    if (file) {
      objects.push(...loadManifest(file.text, file.display));
      continue;
    }
    walk(io, f, recursive, objects, 0);
  }
  return objects;
}

/** A folder's manifest files, and with -R its folders' (at most 64 deep: a bound, not kubectl's). */
function walk(io: KubectlIO, dir: string, recursive: boolean, objects: SourcedObject[], depth: number): void {
  const listing = io.readSource!(dir);
  if (listing.kind !== 'dir') return;
  const files = listing.entries.filter((e) => EXTENSIONS.includes(path.extname(e)));
  const dirs = recursive && depth < 64 ? (listing.dirs ?? []) : [];
  for (const name of [...files, ...dirs].sort()) {
    const p = path.posix.join(dir, name);
    if (dirs.includes(name)) {
      walk(io, p, recursive, objects, depth + 1);
      continue;
    }
    const one = io.readFile(p);
    objects.push(...loadManifest(one.text, one.display));
  }
}
