// The compile cache must only ever change how fast modules load: a module's behaviour, `require`,
// `__filename`, dynamic `import()` and errors stay Node's, a changed source is never run from stale
// cached code, and a cache folder others could write is not trusted. Each case runs in a fresh
// `node` (the cache hooks Node's own module loader, which jest does not use).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const SOURCE = path.join(__dirname, 'compile-cache.ts');
/** Node >= 22.1 has its own compile cache, which compile-cache.ts uses instead of its hook. */
const NODE_OWN = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('compile cache', () => {
  let dir: string;
  let cacheJs: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-cc-test-'));
    const js = ts.transpileModule(fs.readFileSync(SOURCE, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    cacheJs = path.join(dir, 'compile-cache.js');
    fs.writeFileSync(cacheJs, js);
    fs.writeFileSync(path.join(dir, 'dep.js'), "exports.name = 'dep';\n");
    fs.writeFileSync(path.join(dir, 'esm.mjs'), "export const answer = 42;\n");
    // import() is left to Node's own compile (cached code loses its import callback): main.js reaches it through this module.
    fs.writeFileSync(path.join(dir, 'dynamic.js'), "exports.load = (file) => import(file);\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Run `main.js` (after enabling the cache) in a new node; its stdout as JSON, plus the cache status. */
  function run(cache: string, env: Record<string, string> = {}): { out: any; status: any } {
    const script = `
      const status = require(${JSON.stringify(cacheJs)}).enableCompileCache();
      require(${JSON.stringify(path.join(dir, 'main.js'))}).done.then((out) => {
        process.stdout.write(JSON.stringify({ out, status }));
      });`;
    const text = execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, KUBESPEC_COMPILE_CACHE: cache, ...env }, encoding: 'utf8' });
    return JSON.parse(text);
  }

  function writeMain(value: string): void {
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      `#!/usr/bin/env node
      'use strict';
      const path = require('path');
      exports.done = (async () => ({
        value: ${JSON.stringify(value)},
        dep: require('./dep').name,
        resolved: path.basename(require.resolve('./dep')),
        paths: Array.isArray(require.resolve.paths('x')),
        file: path.basename(__filename),
        dir: __dirname === path.dirname(__filename),
        self: module.exports === exports && this === exports,
        cached: require.cache[__filename] === module,
        esm: (await require('./dynamic').load('./esm.mjs')).answer,
      }))();
      `,
    );
  }

  it('runs modules as Node does, from cached code on the second run', () => {
    const cache = path.join(dir, 'cache-a');
    writeMain('one');
    const expected = { value: 'one', dep: 'dep', resolved: 'dep.js', paths: true, file: 'main.js', dir: true, self: true, cached: true, esm: 42 };
    const first = run(cache);
    expect(first.out).toEqual(expected);
    expect(first.status.mode).toBe(NODE_OWN ? 'node' : 'kubespec');
    if (NODE_OWN) return;
    // main.js and dep.js are cached; dynamic.js (import()) is not.
    expect(first.status).toMatchObject({ hits: 0, misses: 2 });
    expect(fs.readdirSync(cache).filter((f) => !f.endsWith('.tmp'))).toHaveLength(2);
    const second = run(cache);
    expect(second.out).toEqual(expected);
    expect(second.status).toMatchObject({ hits: 2, misses: 0 });
  });

  it('never runs stale code: a source of the same length, changed, compiles afresh', () => {
    const cache = path.join(dir, 'cache-b');
    writeMain('aaa');
    expect(run(cache).out.value).toBe('aaa');
    writeMain('bbb');
    const again = run(cache);
    expect(again.out.value).toBe('bbb');
    if (again.status.mode === 'kubespec') expect(again.status).toMatchObject({ hits: 1, misses: 1 });
  });

  it('writes an entry once per variant, and none from a run that ends in a usage or internal error', () => {
    if (NODE_OWN) return;
    const cache = path.join(dir, 'cache-d');
    writeMain('variants');
    const runAs = (variant: string, exit = 0) => {
      const script = `
        const status = require(${JSON.stringify(cacheJs)}).enableCompileCache(process.env, ${JSON.stringify(variant)});
        require(${JSON.stringify(path.join(dir, 'dep.js'))});
        process.on('exit', () => process.stdout.write(JSON.stringify(status)));
        process.exitCode = ${exit};`;
      const r = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, KUBESPEC_COMPILE_CACHE: cache }, encoding: 'utf8' });
      return JSON.parse(r.stdout) as { hits: number; misses: number };
    };
    const entries = () => (fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => !f.includes('.tmp')).length : 0);
    expect(runAs('run', 2)).toMatchObject({ hits: 0, misses: 1 });
    expect(runAs('run', 3)).toMatchObject({ hits: 0, misses: 1 });
    expect(entries()).toBe(0);
    expect(runAs('run', 1)).toMatchObject({ hits: 0, misses: 1 });
    expect(runAs('run')).toMatchObject({ hits: 1, misses: 0 });
    expect(runAs(' help')).toMatchObject({ hits: 0, misses: 1 });
    expect(runAs(' help')).toMatchObject({ hits: 1, misses: 0 });
    expect(entries()).toBe(2);
  });

  it('takes a JSDoc type for what it is, not an import() call', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the transpiled module, as the other cases run it
    const { mayImport } = require(cacheJs) as { mayImport(s: string): boolean };
    expect(mayImport("/** @param {import('./index.js').RE2JS} p */ f(p)")).toBe(false);
    expect(mayImport("x.import('a'); myimport('b')")).toBe(false);
    expect(mayImport("const m = await import('./x.mjs');")).toBe(true);
    expect(mayImport("import('./x.mjs').then(f)")).toBe(true);
    expect(mayImport('a\nimport ("x")')).toBe(true);
  });

  it('is off when asked, or when others may write the folder', () => {
    writeMain('off');
    expect(run('0').status.mode).toBe('off');
    expect(run(path.join(dir, 'cache-c'), { NODE_DISABLE_COMPILE_CACHE: '1' }).status.mode).toBe('off');
    if (typeof process.getuid !== 'function') return;
    const open = path.join(dir, 'cache-open');
    fs.mkdirSync(open, { mode: 0o777 });
    fs.chmodSync(open, 0o777);
    const result = run(open);
    expect(result.out.value).toBe('off');
    if (!NODE_OWN) expect(result.status.mode).toBe('off');
  });
});
