// One version, v1.32.5, everywhere (issue #10): the real kubectl v1.32.5 against `kubespec serve`
// finds the server it is from (`kubectl version -o json`: serverVersion equals the client's own
// build fields, as a v1.32.5 kube-apiserver would answer), the nodes' kubeletVersion and
// kubeProxyVersion are the same release, and the kubectl emulation prints what the real kubectl does.
import { Cluster } from '../../src/cluster/cluster';
import { runKubectl } from '../../src/kubectl';
import { KUBERNETES_VERSION, versionInfo } from '../../src/apiserver/version';
import { generate } from '../../src/serve/openapi/generate';
import { kubectl, ok, useServer } from './support';

const server = useServer();

function emulated(line: string) {
  const io = {
    readFile(p: string): { text: string; display: string } {
      throw new Error(`${p}: no such file`);
    },
  };
  return runKubectl(new Cluster({}, []), line, io);
}

describe('kubespec is v1.32.5 everywhere', () => {
  test('/version answers what the v1.32.5 release reports of itself', async () => {
    const real = JSON.parse(await ok(server(), 'version', '-o', 'json'));
    expect(real.clientVersion.gitVersion).toBe('v1.32.5');
    expect(real.serverVersion).toEqual(real.clientVersion);
    expect(real.serverVersion).toEqual(versionInfo());
  });

  test('the nodes report the same version (kubeProxyVersion still set in 1.32: DisableNodeKubeProxyVersion is off until 1.33)', async () => {
    const nodes = JSON.parse(await ok(server(), 'get', 'nodes', '-o', 'json')).items;
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect(n.status.nodeInfo).toMatchObject({ kubeletVersion: KUBERNETES_VERSION, kubeProxyVersion: KUBERNETES_VERSION });
    expect(await ok(server(), 'get', 'nodes')).toContain(` ${KUBERNETES_VERSION}\n`);
  });

  test('the kubectl emulation prints `kubectl version` as the real kubectl does against serve', async () => {
    for (const args of [[], ['-o', 'json'], ['-o', 'yaml'], ['--client'], ['--client', '-o', 'yaml']]) {
      const real = await kubectl(server(), ['version', ...args]);
      const ours = emulated(['kubectl', 'version', ...args].join(' '));
      expect({ args, stdout: ours.stdout, code: ours.exitCode }).toEqual({ args, stdout: real.stdout, code: real.code });
    }
    const bad = await kubectl(server(), ['version', '-o', 'wide']);
    const ours = emulated('kubectl version -o wide');
    expect([ours.stderr, ours.exitCode]).toEqual([bad.stderr, bad.code]);
  });

  test('the OpenAPI documents are the same release', () => {
    const files = generate().files;
    expect(files.size).toBeGreaterThan(1);
    for (const [name, body] of files) if (name !== 'v3/index.json') expect({ name, info: JSON.parse(body.toString('utf8')).info }).toEqual({ name, info: { title: 'Kubernetes', version: KUBERNETES_VERSION } });
  });
});
