// The embedded cluster is a kubeadm v1.32 cluster with flannel from boot (kubeadm.ts): the objects,
// names and labels kubeadm and flannel create (cmd/kubeadm/app/phases/controlplane/manifests.go,
// phases/etcd/local.go, phases/addons/{proxy,dns}/manifests.go, constants/constants.go;
// flannel-io/flannel Documentation/kube-flannel.yml), what the controllers make of them (nothing
// to write; DaemonSet pods outlive a node failure), other node layouts, and that user objects and
// user-facing selections are as they were without them.
import type { KubeObject } from '../apiserver/types';
import { KUBERNETES_VERSION } from '../apiserver/version';
import { setNodeReady } from '../controllers/nodelifecycle';
import { runKubectl } from '../kubectl';
import { selectObjects } from '../spec/assertions/select';
import { Cluster } from './cluster';
import { FLANNEL_IMAGES, KUBEADM_IMAGES, KUBE_DNS_IP } from './kubeadm';

const noFiles = { readFile: (p: string): never => { throw new Error(`${p}: no such file`); } };
const kubectl = (c: Cluster, line: string): string => {
  const r = runKubectl(c, line, noFiles);
  if (r.exitCode !== 0) throw new Error(r.stderr);
  return r.stdout;
};
const pods = (c: Cluster, namespace: string) => c.api.list('Pod', { namespace });
const ready = (p: KubeObject) => (p.status?.conditions as { type: string; status: string }[]).find((x) => x.type === 'Ready')?.status;
const nodeUid = (c: Cluster, name: string) => c.api.get('Node', name)!.metadata.uid;

describe('the course cluster (master, worker0, worker1) as kubeadm init + join and flannel leave it', () => {
  const c = new Cluster();
  c.settle();

  test('control-plane static pods on master: mirror pods named <component>-<node>, labelled component and tier: control-plane', () => {
    const statics = pods(c, 'kube-system').filter((p) => p.metadata.labels?.tier === 'control-plane');
    expect(statics.map((p) => [p.metadata.name, p.metadata.labels!.component, p.spec.nodeName, p.spec.containers[0].image])).toEqual([
      ['etcd-master', 'etcd', 'master', 'registry.k8s.io/etcd:3.5.16-0'],
      ['kube-apiserver-master', 'kube-apiserver', 'master', `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`],
      ['kube-controller-manager-master', 'kube-controller-manager', 'master', `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`],
      ['kube-scheduler-master', 'kube-scheduler', 'master', `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`],
    ]);
    for (const p of statics) {
      const a = p.metadata.annotations!;
      // pkg/kubelet/pod/mirror_client.go: config.mirror holds the static pod's hash; the Node is its controller.
      expect(a['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
      expect(a['kubernetes.io/config.mirror']).toBe(a['kubernetes.io/config.hash']);
      expect(a['kubernetes.io/config.source']).toBe('file');
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', controller: true, kind: 'Node', name: 'master', uid: nodeUid(c, 'master') }]);
      // staticpod.ComponentPod: host network, system-node-critical, seccomp RuntimeDefault.
      expect(p.spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } });
      expect(p.status).toMatchObject({ phase: 'Running', podIP: '192.168.47.128', hostIP: '192.168.47.128', qosClass: 'Burstable' });
      // A mirror pod gets no service account token (the ServiceAccount admission skips it).
      expect(p.spec.serviceAccountName).toBeUndefined();
    }
    const apiserver = c.api.get('Pod', 'kube-apiserver-master', 'kube-system')!;
    expect(apiserver.metadata.annotations!['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint']).toBe('192.168.47.128:6443');
    expect(apiserver.spec.containers[0].command).toEqual(expect.arrayContaining(['kube-apiserver', '--advertise-address=192.168.47.128', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12']));
    expect(c.api.get('Pod', 'kube-controller-manager-master', 'kube-system')!.spec.containers[0].command).toContain('--cluster-cidr=10.244.0.0/16');
    expect(c.api.get('Pod', 'etcd-master', 'kube-system')!.metadata.annotations!['kubeadm.kubernetes.io/etcd.advertise-client-urls']).toBe('https://192.168.47.128:2379');
  });

  test('kube-proxy (kube-system) and kube-flannel-ds (kube-flannel) DaemonSets: one Running pod per node on its node address', () => {
    const proxy = c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!;
    const flannel = c.api.get('DaemonSet', 'kube-flannel-ds', 'kube-flannel')!;
    for (const ds of [proxy, flannel]) {
      expect(ds.status).toEqual({ currentNumberScheduled: 3, desiredNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0, numberReady: 3, observedGeneration: 1, updatedNumberScheduled: 3 });
      expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
      // SetDefaults_DaemonSet.
      expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
      expect(ds.spec.revisionHistoryLimit).toBe(10);
    }
    expect(proxy.spec.template.spec.containers[0].image).toBe(KUBEADM_IMAGES.proxy);
    expect(flannel.spec.template.spec.containers[0].image).toBe(FLANNEL_IMAGES.flannel);
    const byNode = (ns: string, label: string) =>
      pods(c, ns)
        .filter((p) => p.metadata.labels?.[label.split('=')[0]] === label.split('=')[1])
        .map((p) => [p.spec.nodeName, p.status.podIP, p.status.phase, p.metadata.name!.replace(/[b-df-hj-np-tv-z2-9]{5}$/, 'xxxxx')])
        .sort();
    expect(byNode('kube-system', 'k8s-app=kube-proxy')).toEqual([
      ['master', '192.168.47.128', 'Running', 'kube-proxy-xxxxx'],
      ['worker0', '192.168.47.129', 'Running', 'kube-proxy-xxxxx'],
      ['worker1', '192.168.47.130', 'Running', 'kube-proxy-xxxxx'],
    ]);
    expect(byNode('kube-flannel', 'app=flannel')).toEqual([
      ['master', '192.168.47.128', 'Running', 'kube-flannel-ds-xxxxx'],
      ['worker0', '192.168.47.129', 'Running', 'kube-flannel-ds-xxxxx'],
      ['worker1', '192.168.47.130', 'Running', 'kube-flannel-ds-xxxxx'],
    ]);
    const one = pods(c, 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName === 'worker0')!;
    expect(one.metadata.labels).toMatchObject({ 'k8s-app': 'kube-proxy', 'pod-template-generation': '1', 'controller-revision-hash': expect.stringMatching(/^[0-9a-f]{10}$/) });
    expect(one.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'DaemonSet', name: 'kube-proxy', uid: proxy.metadata.uid }]);
    // ReplaceDaemonSetPodNodeNameNodeAffinity, and AddOrUpdateDaemonPodTolerations: not-ready and
    // unreachable tolerated for ever (no tolerationSeconds), so node failures never evict them.
    expect(one.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker0'] }] }]);
    expect(one.spec.tolerations).toEqual(
      expect.arrayContaining([
        { operator: 'Exists' },
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
        { effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' },
      ]),
    );
    // The flannel pod's init containers (install-cni-plugin, install-cni) have completed.
    const f = pods(c, 'kube-flannel')[0];
    expect(f.status.initContainerStatuses.map((s: any) => [s.name, s.state.terminated.reason, s.state.terminated.exitCode])).toEqual([
      ['install-cni-plugin', 'Completed', 0],
      ['install-cni', 'Completed', 0],
    ]);
  });

  test('coredns: a 2-replica Deployment (k8s-app: kube-dns) whose pods run on master, behind kube-dns at 10.96.0.10', () => {
    const d = c.api.get('Deployment', 'coredns', 'kube-system')!;
    expect(d.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
    expect(d.spec.template.spec.containers[0].image).toBe(KUBEADM_IMAGES.coredns);
    const [rs] = c.api.list('ReplicaSet', { namespace: 'kube-system' });
    expect(rs.metadata.name).toMatch(/^coredns-[b-df-hj-np-tv-z2-9]{8,10}$/);
    expect(rs.metadata.ownerReferences![0]).toMatchObject({ kind: 'Deployment', name: 'coredns', uid: d.metadata.uid });
    const dns = pods(c, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(dns.map((p) => [p.spec.nodeName, p.status.podIP, ready(p)])).toEqual([
      ['master', '10.244.0.2', 'True'],
      ['master', '10.244.0.3', 'True'],
    ]);
    for (const p of dns) {
      expect(p.metadata.name!.startsWith(`${rs.metadata.name}-`)).toBe(true);
      expect(p.spec.tolerations).toEqual(expect.arrayContaining([{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]));
      expect(p.spec).toMatchObject({ serviceAccountName: 'coredns', priorityClassName: 'system-cluster-critical', dnsPolicy: 'Default' });
    }
    const svc = c.api.get('Service', 'kube-dns', 'kube-system')!;
    expect(svc.spec.clusterIP).toBe(KUBE_DNS_IP);
    expect(svc.spec.ports.map((p: any) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    expect(svc.metadata.labels).toEqual({ 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' });
    const ep = c.api.get('Endpoints', 'kube-dns', 'kube-system')!;
    expect(ep.subsets[0].addresses.map((a: any) => a.ip)).toEqual(['10.244.0.2', '10.244.0.3']);
    const [slice] = c.api.list('EndpointSlice', { namespace: 'kube-system' });
    expect(slice.metadata.name).toMatch(/^kube-dns-[b-df-hj-np-tv-z2-9]{5}$/);
    expect(slice.endpoints).toHaveLength(2);
  });

  test('the ServiceAccounts and ConfigMaps those pods name exist, kubeadm-config and cluster-info too; kube-flannel is a namespace of its own', () => {
    expect(c.api.get('Namespace', 'kube-flannel')!.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged', 'kubernetes.io/metadata.name': 'kube-flannel' });
    for (const [ns, name] of [['kube-system', 'kube-proxy'], ['kube-system', 'coredns'], ['kube-flannel', 'flannel'], ['kube-flannel', 'default']]) expect(c.api.get('ServiceAccount', name, ns)).toBeDefined();
    expect(c.api.get('ConfigMap', 'coredns', 'kube-system')!.data.Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa');
    expect(c.api.get('ConfigMap', 'kube-proxy', 'kube-system')!.data['config.conf']).toContain('clusterCIDR: 10.244.0.0/16');
    expect(JSON.parse(c.api.get('ConfigMap', 'kube-flannel-cfg', 'kube-flannel')!.data['net-conf.json'])).toEqual({ Network: '10.244.0.0/16', EnableNFTables: false, Backend: { Type: 'vxlan' } });
    // uploadconfig's kubeadm-config and bootstraptoken's cluster-info (kube-public).
    expect(c.api.get('ConfigMap', 'kubeadm-config', 'kube-system')!.data.ClusterConfiguration).toContain(`kubernetesVersion: ${KUBERNETES_VERSION}\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n`);
    expect(c.api.get('ConfigMap', 'cluster-info', 'kube-public')!.data.kubeconfig).toContain('server: https://192.168.47.128:6443');
  });

  test('they are in their steady state: the controllers write nothing, and the garbage collector finds every owner', () => {
    const fresh = new Cluster();
    const rv = fresh.api.resourceVersion;
    const count = fresh.api.list('Pod').length;
    fresh.settle();
    expect(fresh.api.resourceVersion).toBe(rv);
    expect(fresh.api.list('Pod')).toHaveLength(count);
    expect(count).toBe(12);
    expect(fresh.api.list('Event')).toEqual([]);
  });

  test('kubectl lists them as on a kubeadm cluster: get pods shows default only, -A and -n kube-system the system pods', () => {
    const r = runKubectl(c, 'kubectl get pods', noFiles);
    expect(r).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    const all = kubectl(c, 'kubectl get pods -A').split('\n').filter(Boolean);
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(all.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([...Array(3).fill('kube-flannel'), ...Array(9).fill('kube-system')]);
    expect(kubectl(c, 'kubectl get ds -A')).toBe(
      [
        'NAMESPACE      NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'kube-flannel   kube-flannel-ds   3         3         3       3            3           <none>                   0s',
        'kube-system    kube-proxy        3         3         3       3            3           kubernetes.io/os=linux   0s',
        '',
      ].join('\n'),
    );
    const wide = kubectl(c, 'kubectl get pods -n kube-system -o wide').split('\n');
    expect(wide.find((l) => l.startsWith('etcd-master'))!.split(/\s+/)).toEqual(['etcd-master', '1/1', 'Running', '0', '0s', '192.168.47.128', 'master', '<none>', '<none>']);
    expect(kubectl(c, 'kubectl get svc -n kube-system')).toMatch(/^kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP\s+0s$/m);
  });

  test("a spec's assertions select the default namespace unless they say `namespace: '*'`", () => {
    expect(selectObjects(c.api, { kind: 'Pod', namespace: 'default' }).selected).toEqual([]);
    expect(selectObjects(c.api, { kind: 'Pod', namespace: '*' }).selected).toHaveLength(12);
    expect(selectObjects(c.api, { kind: 'Pod', namespace: 'kube-system', selector: 'tier=control-plane' }).selected).toHaveLength(4);
  });
});

describe('with the system pods beside them', () => {
  test('a pod that tolerates the control-plane taint gets the next address on master (coredns holds .2 and .3)', () => {
    const c = new Cluster();
    c.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'on-master' },
      spec: { nodeName: 'master', containers: [{ name: 'c', image: 'nginx:1.25' }] },
    });
    c.settle();
    expect(c.api.get('Pod', 'on-master')!.status.podIP).toBe('10.244.0.4');
  });

  test('a failed worker: its kube-proxy and flannel pods are marked NotReady but never evicted (DaemonSet tolerations); user pods are', () => {
    const c = new Cluster();
    c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
    });
    c.settle();
    const systemOnW1 = () => [...pods(c, 'kube-system'), ...pods(c, 'kube-flannel')].filter((p) => p.spec.nodeName === 'worker1');
    expect(systemOnW1()).toHaveLength(2);
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    expect(systemOnW1().map(ready)).toEqual(['False', 'False']);
    c.wait(400_000);
    // DefaultTolerationSeconds (300 s) has passed: the user's pods there are being evicted.
    expect(pods(c, 'default').filter((p) => p.spec.nodeName === 'worker1' && !p.metadata.deletionTimestamp)).toEqual([]);
    expect(systemOnW1().filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    // coredns on master is untouched.
    expect(pods(c, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map(ready)).toEqual(['True', 'True']);
    setNodeReady(c.api, c.clock, 'worker1', true);
    c.settle();
    expect(systemOnW1().map(ready)).toEqual(['True', 'True']);
  });

  test("coredns replaced after master fails draws its names from the system stream: the user's next pods are named as without it", () => {
    const web = (c: Cluster) => {
      c.api.create({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
      });
      c.settle();
      // (Their uids differ: the node failure's own Events about the Node, in default, drew some.)
      return pods(c, 'default').map((p) => p.metadata.name);
    };
    const failed = new Cluster();
    const before = pods(failed, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.metadata.name);
    setNodeReady(failed.api, failed.clock, 'master', false);
    failed.settle();
    failed.wait(400_000);
    const replaced = pods(failed, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && !p.metadata.deletionTimestamp);
    expect(replaced).toHaveLength(2);
    expect(replaced.map((p) => p.metadata.name).filter((n) => before.includes(n))).toEqual([]);
    expect(web(failed)).toEqual(web(new Cluster()));
  });

  test('deleting a DaemonSet deletes its pods (garbage collector); nothing re-creates a deleted DaemonSet pod (no DaemonSet controller)', () => {
    const c = new Cluster();
    const victim = pods(c, 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy')!;
    c.api.delete('Pod', victim.metadata.name!, { namespace: 'kube-system' });
    c.settle();
    expect(pods(c, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy')).toHaveLength(2);
    c.api.delete('DaemonSet', 'kube-flannel-ds', { namespace: 'kube-flannel' });
    c.settle();
    expect(pods(c, 'kube-flannel')).toEqual([]);
  });
});

describe('other node layouts', () => {
  test('static pods on every control-plane node, DaemonSet pods on every node', () => {
    const c = new Cluster({ nodes: [{ name: 'cp1', controlPlane: true }, { name: 'n1' }, { name: 'n2' }, { name: 'n3' }] });
    c.settle();
    const names = pods(c, 'kube-system').map((p) => p.metadata.name!.replace(/[b-df-hj-np-tv-z2-9]{5}$/, 'xxxxx'));
    expect(names.filter((n) => n.endsWith('-cp1'))).toEqual(['etcd-cp1', 'kube-apiserver-cp1', 'kube-controller-manager-cp1', 'kube-scheduler-cp1']);
    expect(names.filter((n) => n === 'kube-proxy-xxxxx')).toHaveLength(4);
    expect(pods(c, 'kube-flannel')).toHaveLength(4);
    expect(pods(c, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.spec.nodeName)).toEqual(['cp1', 'cp1']);
  });

  test('a layout without a control-plane node: no static pods; coredns on the first node', () => {
    const c = new Cluster({ nodes: [{ name: 'a' }, { name: 'b' }] });
    c.settle();
    expect(pods(c, 'kube-system').filter((p) => p.metadata.labels?.tier === 'control-plane')).toEqual([]);
    expect(pods(c, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => [p.spec.nodeName, p.status.podIP])).toEqual([
      ['a', '10.244.0.2'],
      ['a', '10.244.0.3'],
    ]);
  });
});
