// Finding spec files: a file is taken as given; a folder contributes every `*.spec.yaml` (and
// `*.spec.yml`) below it, sorted, skipping `node_modules` and hidden folders and never following
// symbolic links to folders (no loops). Nothing is read here: the loader reads, regular files only.
import * as fs from 'fs';
import * as path from 'path';

export interface SpecFileRef {
  absolute: string;
  /** As given on the command line, or the folder given joined with the path found below it. */
  display: string;
}

export interface Discovery {
  files: SpecFileRef[];
  /** Paths given that do not exist. */
  missing: string[];
}

export function isSpecFileName(name: string): boolean {
  return name.endsWith('.spec.yaml') || name.endsWith('.spec.yml');
}

export function discoverSpecFiles(paths: string[], cwd: string = process.cwd()): Discovery {
  const files: SpecFileRef[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (absolute: string, display: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ absolute, display });
  };
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    if (!stat.isDirectory()) {
      add(abs, given);
      continue;
    }
    const found: SpecFileRef[] = [];
    walk(abs, given, found, 0);
    found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
    for (const f of found) add(f.absolute, f.display);
  }
  return { files, missing };
}

function walk(dir: string, display: string, out: SpecFileRef[], depth: number): void {
  if (depth > 32) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    const shown = path.join(display, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      walk(abs, shown, out, depth + 1);
    } else if (isSpecFileName(e.name)) {
      // Anything named like a spec that is not a folder goes to the loader, which reads regular
      // files only (manifest/files.ts readLimited): a named pipe, socket or device is then a load
      // error saying what it is, where skipping it here made a spec vanish from the suite without a
      // word. Only links to folders (not followed: no loops) and dangling links are left out.
      if (e.isSymbolicLink()) {
        const target = fs.statSync(abs, { throwIfNoEntry: false });
        if (!target || target.isDirectory()) continue;
      }
      out.push({ absolute: abs, display: shown });
    }
  }
}
