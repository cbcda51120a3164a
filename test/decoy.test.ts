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

test('ownedBy transitive tells the Deployment’s pods from a decoy’s, even a ReplicaSet named like the Deployment’s', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createCluster } = require('../src/library/cluster') as typeof import('../src/library/cluster');
  const owned = { kind: 'Pod', selector: 'app=nginx', count: 2, ownedBy: { kind: 'Deployment', name: 'nginx-deployment', transitive: true } };
  const perfect = createCluster({ cwd: path.join(ROOT, 'fixtures/submissions/students/perfect') });
  perfect.apply('nginx-deploy.yaml');
  expect(perfect.check(owned)).toEqual({ pass: true, failures: [] });
  const decoy = createCluster({ cwd: path.join(ROOT, 'fixtures/submissions/decoy') });
  decoy.apply('nginx-deploy.yaml');
  // The hand-made ReplicaSet renamed as the Deployment's own would be: nginx-deployment-<hash>.
  decoy.kubectl('delete replicaset real-nginx');
  const rs = decoy.get('ReplicaSet', 'nginx-deployment-7585d658b4');
  expect(rs).toBeUndefined();
  decoy.apply({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'nginx-deployment-7585d658b4', labels: { app: 'nginx' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }] } } },
  });
  // Owned by a ReplicaSet named nginx-deployment-...: what a pod of the Deployment is, one link up.
  expect(decoy.check({ kind: 'Pod', selector: 'app=nginx', count: 2, ownedBy: { kind: 'ReplicaSet', name: '/^nginx-deployment-/' } }).pass).toBe(true);
  const r = decoy.check(owned);
  expect(r.pass).toBe(false);
  expect(r.failures[0].message).toMatch(/no Deployment nginx-deployment up its chain of owners \(ReplicaSet nginx-deployment-7585d658b4 → no controller\)/);
});
