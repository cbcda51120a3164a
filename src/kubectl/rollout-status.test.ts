// kubectl rollout status follows the rollout in simulated time, printing a line each time its
// status message changes (DeploymentStatusViewer's messages), until it finishes; --timeout ends it
// with kubectl's error, exit 1; --watch=false prints the one line it stands at.
import * as path from 'path';
import { createCluster } from '../library/cluster';

const COURSE = path.resolve(__dirname, '..', '..', 'fixtures', 'course');

function rolling() {
  const c = createCluster({ cwd: COURSE });
  c.apply('nginx-deploy.yaml');
  // The new image is set and not settled: the rollout is still to happen when status runs.
  c.kubectl('set image deployment/nginx-deployment nginx=nginx:1.27', { settle: false });
  return c;
}

test('it prints each step of the rollout, then that it rolled out', () => {
  const c = rolling();
  const r = c.kubectl('rollout status deployment/nginx-deployment', { settle: false });
  expect(r.exitCode).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines[lines.length - 1]).toBe('deployment "nginx-deployment" successfully rolled out');
  expect(lines.length).toBeGreaterThan(2);
  expect(lines).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 2 new replicas have been updated...');
  expect(lines).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...');
  // No line twice in a row: a line per change.
  expect(lines.every((l, i) => i === 0 || l !== lines[i - 1])).toBe(true);
  expect(c.get('Deployment', 'nginx-deployment')?.status?.updatedReplicas).toBe(2);
});

test('--timeout in simulated time: kubectl’s error and exit 1; --watch=false: the line it stands at', () => {
  const c = rolling();
  const t0 = c.now().getTime();
  const r = c.kubectl('rollout status deployment/nginx-deployment --timeout=1s', { settle: false });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe('error: timed out waiting for the condition\n');
  expect(c.now().getTime() - t0).toBe(1000);
  const once = rolling().kubectl('rollout status deployment/nginx-deployment --watch=false', { settle: false });
  expect(once).toEqual({ stdout: 'Waiting for deployment spec update to be observed...\n', stderr: '', exitCode: 0 });
});
