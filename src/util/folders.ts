// Creating output folders on paths users give (--out, -r junit=FILE) without Node's recursive
// mkdir, which loops forever on some paths (`mkdirSync('/proc/x', { recursive: true })` never
// returns on Linux): one level at a time, each failure a plain error.
import * as fs from 'fs';
import * as path from 'path';

/** `mkdir -p`: create `dir` and its missing parents; throws (ENOTDIR, EACCES, ENOENT...) at the first that fails. */
export function makeFolder(dir: string): void {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  for (let p = abs; ; p = path.dirname(p)) {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st) {
      if (!st.isDirectory()) {
        const e = new Error(`ENOTDIR: not a directory, mkdir '${abs}'`) as NodeJS.ErrnoException;
        e.code = 'ENOTDIR';
        throw e;
      }
      break;
    }
    missing.push(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing.reverse()) {
    try {
      fs.mkdirSync(p);
    } catch (e) {
      // Made meanwhile by another worker: fine.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(p).isDirectory()) throw e;
    }
  }
}
