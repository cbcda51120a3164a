// The hostile corpus (fixtures/hostile/): every spec there runs to a clear result, never an
// internal error, twice with the same output.
import * as fs from 'fs';
import * as path from 'path';
import { main, type CliIO } from '../src/cli';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'fixtures', 'hostile');

async function run(spec: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false };
  const code = await main(['run', spec, '--no-timings'], io);
  return { code, stdout, stderr };
}

const specs = fs.readdirSync(DIR).filter((f) => f.endsWith('.spec.yaml'));

test('the corpus is not empty', () => {
  expect(specs.length).toBeGreaterThan(0);
});

test.each(specs)('%s: runs to a result (no exit 3, no internal error), deterministically', async (f) => {
  const a = await run(path.join('fixtures/hostile', f));
  expect(a.code).not.toBe(3);
  expect(a.stdout + a.stderr).not.toMatch(/internal error/);
  expect(await run(path.join('fixtures/hostile', f))).toEqual(a);
});

test('grace-int64-max: the pod deletes', async () => {
  expect((await run('fixtures/hostile/grace-int64-max.spec.yaml')).code).toBe(0);
});
