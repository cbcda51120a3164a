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
  /** Which of the roots it was found in (0 for the first). */
  root: number;
}

/**
 * Resolve `relative` against each root in turn (a submission folder first, then the spec's folder)
 * and return the first that exists. Refuses absolute paths, `..` escapes and symlinks whose target
 * lies outside the root they were found in.
 */
export function resolveInside(roots: string[], relative: string, missing = `${relative}: no such file`): ResolvedFile {
  if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
    throw new FileAccessError(`${relative}: absolute paths are not allowed; name a file relative to the spec or submission folder`);
  }
  const normalized = path.normalize(relative);
  if (normalized === '..' || normalized.startsWith(`..${path.sep}`)) {
    throw new FileAccessError(`${relative}: the path leaves its folder ('..' is not allowed)`);
  }
  for (const [index, root] of roots.entries()) {
    const realRoot = safeRealpath(root);
    if (!realRoot) continue;
    const candidate = path.join(realRoot, normalized);
    if (!fs.existsSync(candidate) && !isSymlink(candidate)) continue;
    const real = safeRealpath(candidate);
    if (!real) throw new FileAccessError(`${relative}: a symbolic link that points nowhere`);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new FileAccessError(`${relative}: a symbolic link that points outside its folder is not allowed`);
    }
    return { absolute: real, display: relative, root: index };
  }
  throw new FileAccessError(missing);
}

/** What a file that is not a regular one is, for the message. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'is a directory, not a file';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  return 'is not a regular file';
}

/**
 * Read a resolved file: regular files only, at most `maxBytes`. A FIFO named like a manifest
 * blocked `run` forever and left `grade` with a worker it could not stop: the file is opened
 * non-blocking (a FIFO with no writer then opens at once), checked on the open descriptor (no
 * swap between the check and the read), and read with a bound, never with readFileSync.
 */
export function readLimited(file: Pick<ResolvedFile, 'absolute' | 'display'>, maxBytes: number): string {
  return readLimitedBytes(file, maxBytes).toString('utf8');
}

/** readLimited's bytes, undecoded (a Secret's --from-file data may be binary). */
export function readLimitedBytes(file: Pick<ResolvedFile, 'absolute' | 'display'>, maxBytes: number): Buffer {
  const before = fs.statSync(file.absolute);
  if (!before.isFile()) throw new FileAccessError(`${file.display}: ${kindOf(before)}`);
  if (before.size > maxBytes) throw new FileAccessError(`${file.display}: file is ${before.size} bytes, larger than the limit of ${maxBytes} bytes`);
  const fd = fs.openSync(file.absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new FileAccessError(`${file.display}: ${kindOf(st)}`);
    if (st.size > maxBytes) throw new FileAccessError(`${file.display}: file is ${st.size} bytes, larger than the limit of ${maxBytes} bytes`);
    // Room for one byte more than allowed: it tells a file that grew past the limit since the stat.
    const buf = Buffer.allocUnsafe(maxBytes + 1);
    let n = 0;
    for (;;) {
      const r = fs.readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > maxBytes) throw new FileAccessError(`${file.display}: file is larger than the limit of ${maxBytes} bytes`);
    }
    return Buffer.from(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
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
