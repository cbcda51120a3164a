// The official JavaScript client, @kubernetes/client-node, against `kubespec serve`: typed CRUD,
// every patch type, errors as ApiExceptions, an informer, watch replay and 410. The client is an ES
// module, so it runs in a child process (client-node.mjs) that prints one JSON line per check.
import { execFile } from 'child_process';
import * as path from 'path';
import { useServer } from './support';

// Each test runs several real kubectl processes (about 50-100 ms each) and waits for rollouts.
jest.setTimeout(120_000);

const server = useServer({ speed: 50 });

test('@kubernetes/client-node drives the served cluster', async () => {
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.join(__dirname, 'client-node.mjs')], { env: { ...process.env, KUBECONFIG: server().kubeconfig }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? 1 : 0, stdout, stderr }),
    );
  });
  if (out.code !== 0) throw new Error(`client-node.mjs failed:\n${out.stderr}\n${out.stdout}`);
  const checks = out.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { check: string; ok: boolean; detail?: unknown });
  expect(checks.length).toBeGreaterThanOrEqual(18);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
});
