// A V8 code cache for the CommonJS modules kubespec loads, so that a second `kubespec` start does
// not parse and compile ~200 modules again (about a third of a one-spec run's wall time).
//
// On Node >= 22.1 this is Node's own `module.enableCompileCache()`. On Node 20, where that does not
// exist, `Module.prototype._compile` is wrapped, as the v8-compile-cache package does: each module is
// compiled as a `vm.Script` given the cached data of its last run, and the data of modules that had
// none (or whose data V8 rejected) is written when the process exits: after execution, so that it
// holds the functions the run compiled lazily too. A cache entry is found by the module's path and
// the run's `variant` (bin/kubespec passes the command: `run`, `validate`, `--help`..., so that a
// `--help` first does not leave `run` a cache without the functions it runs), and used only when the
// source's SHA-1 matches (V8 itself only checks the source's length). An entry is written once: a
// run that found its data does not make it again (V8's createCachedData costs some 10 ms a start
// for kubespec's code), and a run that ends in a usage or internal error (exit code 2 or 3: it
// stopped before doing its work) writes none.
//
// The cache lives in os.tmpdir()/kubespec-compile-cache-<uid>/<node version>-<arch> (a folder only
// this user may write: anything else is not trusted, and the cache is then off).
// KUBESPEC_COMPILE_CACHE=<dir> puts it elsewhere; KUBESPEC_COMPILE_CACHE=0 or
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. Every failure turns the cache off silently: it only
// ever changes how fast modules load, never what they do.
import * as crypto from 'crypto';
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';

interface ModuleInternals {
  _compile(content: string, filename: string): unknown;
  require(id: string): unknown;
  exports: unknown;
}

interface ModuleStatics {
  wrap(content: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: unknown): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (dir?: string) => unknown;
}

export interface CompileCacheStatus {
  /** `node`: Node's own cache; `kubespec`: this module's; `off`: none. */
  mode: 'node' | 'kubespec' | 'off';
  dir?: string;
  /** kubespec's cache: modules compiled from cached data, and modules compiled afresh. */
  hits: number;
  misses: number;
}

let status: CompileCacheStatus | undefined;

/** The cache folder by default: per user, per Node version and architecture. */
export function defaultCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `kubespec-compile-cache-${uid}`, `${process.version}-${process.arch}`);
}

/** Turn the compile cache on for the modules loaded from now on (once per process). */
export function enableCompileCache(env: Record<string, string | undefined> = process.env, variant = ''): CompileCacheStatus {
  if (status) return status;
  status = { mode: 'off', hits: 0, misses: 0 };
  try {
    const setting = env.KUBESPEC_COMPILE_CACHE;
    if (setting === '0' || setting === 'false' || setting === 'off' || env.NODE_DISABLE_COMPILE_CACHE) return status;
    const statics = Module as unknown as ModuleStatics;
    const dir = setting ? path.resolve(setting) : defaultCacheDir();
    if (typeof statics.enableCompileCache === 'function') {
      statics.enableCompileCache(dir);
      return (status = { ...status, mode: 'node', dir });
    }
    if (!privateFolder(dir)) return status;
    status = { ...status, mode: 'kubespec', dir };
    installHook(dir, variant, statics, status);
    return status;
  } catch {
    return status;
  }
}

/** The folder exists (created if need be) and only this user can write it. */
function privateFolder(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (typeof process.getuid !== 'function') return true;
  const uid = process.getuid();
  // Every folder from the per-user one down must be ours and closed to others.
  for (let d = dir, i = 0; i < 2; i++, d = path.dirname(d)) {
    const st = fs.lstatSync(d);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) return false;
  }
  return true;
}

const HASH_BYTES = 20;

/**
 * Whether `content` may call `import()`, which a vm.Script cannot serve (see below). A JSDoc type,
 * `{import('./x').T}`, is not a call.
 */
export function mayImport(content: string): boolean {
  return /(^|[^{\w$.])import\s*\(/m.test(content);
}

function installHook(dir: string, variant: string, statics: ModuleStatics, counts: CompileCacheStatus): void {
  const proto = (Module as unknown as { prototype: ModuleInternals }).prototype;
  const original = proto._compile;
  // The modules compiled here without usable cached data: their entries are written at exit.
  const toWrite: { script: vm.Script; file: string; hash: Buffer }[] = [];

  proto._compile = function compileWithCache(this: ModuleInternals, content: string, filename: string): unknown {
    // A module that may use `import()` is left to Node: a vm.Script needs an importModuleDynamically
    // callback for it (Node 20's USE_MAIN_CONTEXT_DEFAULT_LOADER warns as experimental), and functions
    // restored from cached data lose it anyway (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). A source
    // with an entry was checked when the entry was written (the check reads the whole source: some
    // 2 ms for the CLI's bundle).
    if (!path.isAbsolute(filename)) return original.call(this, content, filename);
    const hash = crypto.createHash('sha1').update(content).digest();
    const file = path.join(dir, crypto.createHash('sha1').update(`${variant}\0${filename}`).digest('hex'));
    const cached = readEntry(file, hash);
    if (!cached && mayImport(content)) return original.call(this, content, filename);
    let script: vm.Script;
    try {
      // A `#!` line is only valid at the very start of a script: Node strips it the same way.
      const source = statics.wrap(content.startsWith('#!') ? `//${content.slice(2)}` : content);
      script = new vm.Script(source, { filename, cachedData: cached });
      if (!cached || script.cachedDataRejected) {
        toWrite.push({ script, file, hash });
        counts.misses++;
      } else {
        counts.hits++;
      }
    } catch {
      // A syntax error (or anything unexpected): Node's own compile reports it as usual.
      return original.call(this, content, filename);
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, makeRequire(this, statics), this, filename, path.dirname(filename));
  };

  process.once('exit', (code) => {
    if (code === 2 || code === 3) return;
    for (const { script, file, hash } of toWrite) {
      try {
        const data = script.createCachedData();
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.concat([hash, data]), { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch {
        // a full or read-only disk: the next run compiles again
      }
    }
  });
}

function readEntry(file: string, hash: Buffer): Buffer | undefined {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length <= HASH_BYTES || !buf.subarray(0, HASH_BYTES).equals(hash)) return undefined;
  return buf.subarray(HASH_BYTES);
}

/** The `require` a module's code receives, as Node's makeRequireFunction builds it. */
function makeRequire(mod: ModuleInternals, statics: ModuleStatics): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => statics._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => statics._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = statics._extensions as NodeJS.RequireExtensions;
  require.cache = statics._cache as NodeJS.Dict<NodeJS.Module>;
  return require;
}
