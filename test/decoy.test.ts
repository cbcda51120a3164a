// A decoy submission (fixtures/submissions/decoy: a busybox Deployment named as asked, beside a
// hand-made ReplicaSet of app=nginx pods) must not earn the Deployment exercise's points; it scored
// 12/12 on the example suite before the suite checked the Deployment's template and ownership.
import * as path from 'path';
import { main, type CliIO } from '../src/cli';

const ROOT = path.resolve(__dirname, '..');

async function run(...argv: string[]) {
  let stdout = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: ROOT, env: {}, isTTY: false };
  const code = await main(argv, io);
  return { code, json: JSON.parse(stdout) as { specs: { name: string; status: string; score: number; maxScore: number }[] } };
}

test('the decoy loses the Deployment exercise and keeps only what it did', async () => {
  const r = await run('run', '--submission', 'fixtures/submissions/decoy', 'fixtures/submissions/suite', '-r', 'json');
  expect(r.code).toBe(1);
  const byName = Object.fromEntries(r.json.specs.map((s) => [s.name, s]));
  expect(byName['nginx-deployment runs two nginx pods']).toMatchObject({ status: 'failed', score: 1, maxScore: 4 });
  expect(r.json.specs.reduce((n, s) => n + s.score, 0)).toBe(9);
});

test('the hardened suite still gives the course’s own manifests full marks', async () => {
  const r = await run('run', '--submission', 'fixtures/submissions/students/perfect', 'fixtures/submissions/suite', '-r', 'json');
  expect(r.code).toBe(0);
  expect(r.json.specs.reduce((n, s) => n + s.score, 0)).toBe(12);
});
