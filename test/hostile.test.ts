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

test('workflow-command: in GitHub Actions no printed line runs as a command; outside it, the text is as written', async () => {
  const inActions = async (env: Record<string, string>) => {
    let stdout = '';
    const io: CliIO = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: ROOT, env, isTTY: false };
    await main(['run', 'fixtures/hostile/workflow-command.spec.yaml', '--no-timings'], io);
    return stdout;
  };
  const ci = await inActions({ GITHUB_ACTIONS: 'true' });
  expect(ci).toContain('all tests passed');
  for (const line of ci.split('\n')) expect(line).not.toMatch(/^\s*(::|##\[)/);
  // Outside a CI log nothing is changed: the text is exactly as the student wrote it.
  const local = await inActions({});
  expect(local).toContain('::error file=specs/01.spec.yaml,line=1::all tests passed');
  expect(ci.replace(/\u200b/g, '')).toBe(local);
});
