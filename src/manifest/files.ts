// Resolving the files a spec names, without ever leaving the allowed roots: student submissions
// are untrusted, so `..`, absolute paths and symlinks pointing outside are refused.
import * as fs from 'fs';
import * as path from 'path';

export class FileAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileAccessError';
  }
}

export interface ResolvedFile {
  /** Absolute, real path. */
  absolute: string;
  /** The path as given, for messages (never the content of anything outside the roots). */
  display: string;
}

/**
 * Resolve `relative` against each root in turn (a submission folder first, then the spec's folder)
 * and return the first that exists. Refuses absolute paths, `..` escapes and symlinks whose target
 * lies outside the root they were found in.
 */
export function resolveInside(roots: string[], relative: string): ResolvedFile {
  if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
    throw new FileAccessError(`${relative}: absolute paths are not allowed; name a file relative to the spec or submission folder`);
  }
  const normalized = path.normalize(relative);
  if (normalized === '..' || normalized.startsWith(`..${path.sep}`)) {
    throw new FileAccessError(`${relative}: the path leaves its folder ('..' is not allowed)`);
  }
  for (const root of roots) {
    const realRoot = safeRealpath(root);
    if (!realRoot) continue;
    const candidate = path.join(realRoot, normalized);
    if (!fs.existsSync(candidate) && !isSymlink(candidate)) continue;
    const real = safeRealpath(candidate);
    if (!real) throw new FileAccessError(`${relative}: a symbolic link that points nowhere`);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new FileAccessError(`${relative}: a symbolic link that points outside its folder is not allowed`);
    }
    return { absolute: real, display: relative };
  }
  throw new FileAccessError(`${relative}: no such file`);
}

/** Read a resolved file, refusing anything larger than `maxBytes` before reading it. */
export function readLimited(file: ResolvedFile, maxBytes: number): string {
  const stat = fs.statSync(file.absolute);
  if (stat.isDirectory()) throw new FileAccessError(`${file.display}: is a directory, not a file`);
  if (stat.size > maxBytes) throw new FileAccessError(`${file.display}: file is ${stat.size} bytes, larger than the limit of ${maxBytes} bytes`);
  return fs.readFileSync(file.absolute, 'utf8');
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
