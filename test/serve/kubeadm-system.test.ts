// The kubeadm cluster's system objects as the real kubectl v1.32 lists them from `kubespec serve`
// (src/cluster/kubeadm.ts): kube-system's static, kube-proxy and coredns pods, kube-flannel's
// DaemonSet, kube-dns, and master's pods in describe node, as on a cluster kubeadm 1.32 and
// flannel's kube-flannel.yml set up; `kubectl get pods` still shows the default namespace only.
import { kubectl, ok, rows, useServer } from './support';

jest.setTimeout(60_000);

const server = useServer();
const SUFFIX = /[b-df-hj-np-tv-z2-9]{5}$/;

test('get pods -n kube-system -o wide: the control plane and coredns on master, kube-proxy on every node', async () => {
  const out = await ok(server(), 'get', 'pods', '-n', 'kube-system', '-o', 'wide');
  expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
  const table = rows(out).map((r) => [r[0].replace(/^coredns-[b-df-hj-np-tv-z2-9]{8,10}-/, 'coredns-<hash>-').replace(SUFFIX, 'xxxxx'), r[1], r[2], r[3], r[5], r[6], r[7], r[8]]);
  expect(table.filter((r) => r[0] !== 'kube-proxy-xxxxx')).toEqual([
    ['coredns-<hash>-xxxxx', '1/1', 'Running', '0', '10.244.0.2', 'master', '<none>', '<none>'],
    ['coredns-<hash>-xxxxx', '1/1', 'Running', '0', '10.244.0.3', 'master', '<none>', '<none>'],
    ['etcd-master', '1/1', 'Running', '0', '192.168.47.128', 'master', '<none>', '<none>'],
    ['kube-apiserver-master', '1/1', 'Running', '0', '192.168.47.128', 'master', '<none>', '<none>'],
    ['kube-controller-manager-master', '1/1', 'Running', '0', '192.168.47.128', 'master', '<none>', '<none>'],
    ['kube-scheduler-master', '1/1', 'Running', '0', '192.168.47.128', 'master', '<none>', '<none>'],
  ]);
  expect(table.filter((r) => r[0] === 'kube-proxy-xxxxx').map((r) => r.slice(1, 4))).toEqual([
    ['1/1', 'Running', '0'],
    ['1/1', 'Running', '0'],
    ['1/1', 'Running', '0'],
  ]);
  const proxies = rows(out).filter((r) => r[0].startsWith('kube-proxy-'));
  expect(proxies.map((r) => [r[5], r[6]]).sort()).toEqual([
    ['192.168.47.128', 'master'],
    ['192.168.47.129', 'worker0'],
    ['192.168.47.130', 'worker1'],
  ]);
});

test('get pods shows the default namespace only; get pods -A every namespace', async () => {
  const r = await kubectl(server(), ['get', 'pods']);
  expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  const all = rows(await ok(server(), 'get', 'pods', '-A'));
  expect(all).toHaveLength(12);
  expect(all.filter((x) => x[0] === 'kube-flannel').map((x) => x[1].replace(SUFFIX, 'xxxxx'))).toEqual(['kube-flannel-ds-xxxxx', 'kube-flannel-ds-xxxxx', 'kube-flannel-ds-xxxxx']);
});

test('get ds -A, get svc -n kube-system, get deploy -n kube-system', async () => {
  expect(rows(await ok(server(), 'get', 'ds', '-A')).map((r) => r.filter((_, i) => i !== 8))).toEqual([
    ['kube-flannel', 'kube-flannel-ds', '3', '3', '3', '3', '3', '<none>'],
    ['kube-system', 'kube-proxy', '3', '3', '3', '3', '3', 'kubernetes.io/os=linux'],
  ]);
  expect(rows(await ok(server(), 'get', 'svc', '-n', 'kube-system')).map((r) => r.slice(0, 5))).toEqual([['kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP']]);
  expect(rows(await ok(server(), 'get', 'deploy', '-n', 'kube-system')).map((r) => r.slice(0, 4))).toEqual([['coredns', '2/2', '2', '2']]);
});

test('describe node master lists its eight system pods with their requests', async () => {
  const out = await ok(server(), 'describe', 'node', 'master');
  expect(out).toMatch(/Non-terminated Pods:\s+\(8 in total\)/);
  for (const name of ['etcd-master', 'kube-apiserver-master', 'kube-controller-manager-master', 'kube-scheduler-master']) expect(out).toMatch(new RegExp(`kube-system\\s+${name}\\s`));
  expect(out).toMatch(/kube-system\s+kube-apiserver-master\s+250m \(12%\)/);
  expect(out).toMatch(/cpu\s+950m \(47%\)\s+0 \(0%\)/);
});
