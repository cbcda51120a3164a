// `kubespec serve`'s clock follows the wall clock: right after an apply the pods are still being
// created (the image pull takes 2 simulated seconds), and the cluster gets there by itself.
import { ok, rows, useServer } from './support';

jest.setTimeout(120_000);

// Each test has a server of its own, at its own speed.
describe('--speed 0.01', () => {
  const server = useServer({ speed: 0.01 });

  test('right after an apply, get pods shows ContainerCreating (at --speed 0.01 the pull takes 200 s)', async () => {
    await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy.yaml');
    const pods = rows(await ok(server(), 'get', 'pods'));
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    expect(rows(await ok(server(), 'get', 'deploy'))[0].slice(0, 4)).toEqual(['nginx-deployment', '0/2', '2', '0']);
  });
});

describe('--speed 20', () => {
  const server = useServer({ speed: 20 });

  test('at --speed 20 the same pods are Running a moment later, without any request driving it', async () => {
    await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy.yaml');
    // kubectl wait watches; nothing else touches the cluster meanwhile.
    await ok(server(), 'wait', '--for=jsonpath={.status.phase}=Running', 'pod', '-l', 'app=nginx', '--timeout=60s');
    for (const p of rows(await ok(server(), 'get', 'pods'))) expect(p.slice(1, 3)).toEqual(['1/1', 'Running']);
  });
});
