// The system objects of a kubeadm v1.32 cluster with flannel, as the embedded cluster holds them
// from boot: the control plane's static pods (their mirror pods) on each control-plane node,
// kube-proxy's DaemonSet (kube-system) and flannel's (kube-flannel, as flannel's current
// kube-flannel.yml installs it) with one pod per node, coredns (Deployment, its ReplicaSet, two
// pods on the control-plane node) behind the kube-dns Service (10.96.0.10) with its Endpoints and
// EndpointSlice, the ServiceAccounts and ConfigMaps those pods name, kubeadm-config (the
// ClusterConfiguration) and kube-public's cluster-info.
//
// Sources: cmd/kubeadm/app/phases/controlplane/manifests.go and phases/etcd/local.go (the static
// pods' commands, probes, volumes), cmd/kubeadm/app/util/staticpod (labels component and
// tier: control-plane, hostNetwork, priorityClassName system-node-critical, seccomp RuntimeDefault),
// cmd/kubeadm/app/phases/addons/proxy/manifests.go and addons/dns/manifests.go (kube-proxy,
// coredns, kube-dns), cmd/kubeadm/app/constants/constants.go (images: CoreDNSVersion v1.11.3,
// the etcd image of SupportedEtcdVersion[32] at v1.32.0, 3.5.16-0), pkg/kubelet/pod/mirror_client.go
// and pkg/kubelet/config/common.go (a mirror pod's config.* annotations, its controller reference to
// the Node, the NoExecute toleration static pods get), pkg/controller/daemon/util
// (AddOrUpdateDaemonPodTolerations, the pod-template-generation label, the node affinity that binds
// a DaemonSet pod to its node) and flannel-io/flannel Documentation/kube-flannel.yml (v0.26).
//
// They are objects, not programs: the simulated kubelet finds them running (it adopts pods whose
// status says so, as a restarted kubelet does) and does nothing for them; there is no DaemonSet
// controller, so the DaemonSets' pods are made here, one per node at boot. Their names and uids are
// fixed (they never draw from the streams user objects' names, uids and IPs come from): a
// DaemonSet pod's suffix is a hash of the DaemonSet and node names, the coredns pods' names come
// from the scratch API server the boot objects are prepared on (see Cluster.bootstrap). The pods
// run on host networking (the node's IP) except coredns, whose two pods hold the first two
// addresses of the control-plane node's podCIDR (10.244.0.2 and .3), as host-local hands them out.
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../apiserver/types';
import { KUBERNETES_VERSION } from '../apiserver/version';
import { DeploymentController } from '../controllers/deployment';
import { EndpointsController } from '../controllers/endpoints';
import { ReplicaSetController } from '../controllers/replicaset';
import { generatePodStatus, type ContainerRuntime, type PodRuntime } from '../controllers/kubelet/runtime';
import type { Controller } from '../controllers/controller';
import { ROOT_CA_CRT, defaultServiceAccount, rootCAConfigMap } from '../controllers/serviceaccount';
import type { Clock } from '../util/clock';
import { Random } from '../util/random';
import type { ClusterConfig } from './config';
import { EventRecorder } from './events';
import { nodeIp, podCidr } from './nodes';
import { WorkQueue } from './workqueue';

/** registry.k8s.io images of kubeadm v1.32 (`kubeadm config images list`). */
export const KUBEADM_IMAGES = {
  apiserver: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  controllerManager: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  scheduler: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  proxy: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  etcd: 'registry.k8s.io/etcd:3.5.16-0',
  coredns: 'registry.k8s.io/coredns/coredns:v1.11.3',
};
/** flannel's release of kube-flannel.yml. */
export const FLANNEL_IMAGES = {
  flannel: 'ghcr.io/flannel-io/flannel:v0.26.4',
  cniPlugin: 'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1',
};
/** kubeadm's default Service CIDR's tenth address (DNS domain cluster.local). */
export const KUBE_DNS_IP = '10.96.0.10';
export const FLANNEL_NAMESPACE = 'kube-flannel';
/** flannel's kube-flannel.yml needs `kubeadm init --pod-network-cidr=10.244.0.0/16`. */
export const POD_NETWORK_CIDR = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/12';
/** scheduling.SystemNodeCritical / SystemClusterCritical and their PriorityClasses' values. */
const NODE_CRITICAL = { priorityClassName: 'system-node-critical', priority: 2000001000 };
const CLUSTER_CRITICAL = { priorityClassName: 'system-cluster-critical', priority: 2000000000 };

type Obj = Record<string, any>;

/** A fixed-width lowercase-hex digest of `text` (FNV-1a rounds): stands in for md5 and hashes. */
function hexDigest(text: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    h = Math.imul(h ^ round, 16777619);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** A generateName-shaped suffix (5 characters of apimachinery's alphabet) fixed by `text`. */
export function fixedSuffix(text: string, length = 5): string {
  const r = new Random(Number.parseInt(hexDigest(text, 8), 16) || 1);
  return r.string(length);
}

function hostPathVolume(name: string, path: string, type?: string): Obj {
  return { name, hostPath: type ? { path, type } : { path } };
}

function httpProbe(host: string, path: string, port: number, scheme: string, failureThreshold: number, initialDelaySeconds: number | undefined, periodSeconds: number, timeoutSeconds: number): Obj {
  return { failureThreshold, httpGet: { host, path, port, scheme }, ...(initialDelaySeconds ? { initialDelaySeconds } : {}), periodSeconds, timeoutSeconds };
}

/** The four control-plane static pods' manifests (before the kubelet turns them into mirror pods). */
function staticPodManifests(nodeName: string, ip: string): { component: string; annotations: Record<string, string>; spec: Obj }[] {
  const certs = [hostPathVolume('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'), hostPathVolume('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate')];
  const certMounts = [
    { mountPath: '/etc/ssl/certs', name: 'ca-certs', readOnly: true },
    { mountPath: '/etc/ca-certificates', name: 'etc-ca-certificates', readOnly: true },
  ];
  const pkiMount = { mountPath: '/etc/kubernetes/pki', name: 'k8s-certs', readOnly: true };
  const pki = hostPathVolume('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate');
  const localShare = [
    hostPathVolume('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'),
    hostPathVolume('usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate'),
  ];
  const localShareMounts = [
    { mountPath: '/usr/local/share/ca-certificates', name: 'usr-local-share-ca-certificates', readOnly: true },
    { mountPath: '/usr/share/ca-certificates', name: 'usr-share-ca-certificates', readOnly: true },
  ];
  const pod = (component: string, image: string, command: string[], probes: Obj, cpu: string, mounts: Obj[], volumes: Obj[], memory?: string): Obj => ({
    containers: [
      {
        command,
        image,
        imagePullPolicy: 'IfNotPresent',
        ...probes,
        name: component,
        resources: { requests: { cpu, ...(memory ? { memory } : {}) } },
        volumeMounts: mounts,
      },
    ],
    hostNetwork: true,
    priority: NODE_CRITICAL.priority,
    priorityClassName: NODE_CRITICAL.priorityClassName,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    volumes,
  });
  const etcd = pod(
    'etcd',
    KUBEADM_IMAGES.etcd,
    [
      'etcd',
      `--advertise-client-urls=https://${ip}:2379`,
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--client-cert-auth=true',
      '--data-dir=/var/lib/etcd',
      '--experimental-initial-corrupt-check=true',
      '--experimental-watch-progress-notify-interval=5s',
      `--initial-advertise-peer-urls=https://${ip}:2380`,
      `--initial-cluster=${nodeName}=https://${ip}:2380`,
      '--key-file=/etc/kubernetes/pki/etcd/server.key',
      `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
      '--listen-metrics-urls=http://127.0.0.1:2381',
      `--listen-peer-urls=https://${ip}:2380`,
      `--name=${nodeName}`,
      '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-client-cert-auth=true',
      '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
      '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      '--snapshot-count=10000',
      '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    ],
    {
      livenessProbe: httpProbe('127.0.0.1', '/livez', 2381, 'HTTP', 8, 10, 10, 15),
      readinessProbe: httpProbe('127.0.0.1', '/readyz', 2381, 'HTTP', 3, undefined, 1, 15),
      startupProbe: httpProbe('127.0.0.1', '/readyz', 2381, 'HTTP', 24, 10, 10, 15),
    },
    '100m',
    [
      { mountPath: '/var/lib/etcd', name: 'etcd-data' },
      { mountPath: '/etc/kubernetes/pki/etcd', name: 'etcd-certs' },
    ],
    [hostPathVolume('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPathVolume('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
    '100Mi',
  );
  const apiserver = pod(
    'kube-apiserver',
    KUBEADM_IMAGES.apiserver,
    [
      'kube-apiserver',
      `--advertise-address=${ip}`,
      '--allow-privileged=true',
      '--authorization-mode=Node,RBAC',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      '--enable-admission-plugins=NodeRestriction',
      '--enable-bootstrap-token-auth=true',
      '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
      '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
      '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
      '--etcd-servers=https://127.0.0.1:2379',
      '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
      '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
      '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
      '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
      '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-username-headers=X-Remote-User',
      '--secure-port=6443',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
      '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
      '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    ],
    {
      livenessProbe: httpProbe(ip, '/livez', 6443, 'HTTPS', 8, 10, 10, 15),
      readinessProbe: httpProbe(ip, '/readyz', 6443, 'HTTPS', 3, undefined, 1, 15),
      startupProbe: httpProbe(ip, '/livez', 6443, 'HTTPS', 24, 10, 10, 15),
    },
    '250m',
    [...certMounts, pkiMount, ...localShareMounts],
    [...certs, pki, ...localShare],
  );
  const kubeconfig = (file: string) => ({ mountPath: `/etc/kubernetes/${file}`, name: 'kubeconfig', readOnly: true });
  const controllerManager = pod(
    'kube-controller-manager',
    KUBEADM_IMAGES.controllerManager,
    [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--bind-address=127.0.0.1',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      `--cluster-cidr=${POD_NETWORK_CIDR}`,
      '--cluster-name=kubernetes',
      '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
      '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
      '--controllers=*,bootstrapsigner,tokencleaner',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--leader-elect=true',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--root-ca-file=/etc/kubernetes/pki/ca.crt',
      '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--use-service-account-credentials=true',
    ],
    {
      livenessProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', 8, 10, 10, 15),
      startupProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', 24, 10, 10, 15),
    },
    '200m',
    [...certMounts, { mountPath: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', name: 'flexvolume-dir' }, pkiMount, kubeconfig('controller-manager.conf'), ...localShareMounts],
    [
      ...certs,
      hostPathVolume('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'),
      pki,
      hostPathVolume('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'),
      ...localShare,
    ],
  );
  const scheduler = pod(
    'kube-scheduler',
    KUBEADM_IMAGES.scheduler,
    [
      'kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
      '--leader-elect=true',
    ],
    {
      livenessProbe: httpProbe('127.0.0.1', '/livez', 10259, 'HTTPS', 8, 10, 10, 15),
      readinessProbe: httpProbe('127.0.0.1', '/readyz', 10259, 'HTTPS', 3, undefined, 1, 15),
      startupProbe: httpProbe('127.0.0.1', '/livez', 10259, 'HTTPS', 24, 10, 10, 15),
    },
    '100m',
    [kubeconfig('scheduler.conf')],
    [hostPathVolume('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
  );
  return [
    { component: 'etcd', annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` }, spec: etcd },
    { component: 'kube-apiserver', annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` }, spec: apiserver },
    { component: 'kube-controller-manager', annotations: {}, spec: controllerManager },
    { component: 'kube-scheduler', annotations: {}, spec: scheduler },
  ];
}

/**
 * The mirror pod the kubelet creates for a static pod (mirror_client.go CreateMirrorPod): the
 * config.* annotations (hash, the same hash as config.mirror, seen, source file), a controller
 * reference to its Node, nodeName, and (config/common.go applyDefaults) the toleration of every
 * NoExecute taint.
 */
function mirrorPod(node: KubeObject, m: { component: string; annotations: Record<string, string>; spec: Obj }, seen: string): KubeObject {
  const nodeName = node.metadata.name!;
  const hash = hexDigest(`${m.component}/${nodeName}/${JSON.stringify(m.spec)}`, 32);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${m.component}-${nodeName}`,
      namespace: 'kube-system',
      labels: { component: m.component, tier: 'control-plane' },
      annotations: { ...m.annotations, 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.seen': seen, 'kubernetes.io/config.source': 'file' },
      ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: nodeName, uid: node.metadata.uid! }],
    },
    spec: { ...m.spec, nodeName, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }] },
  };
}

/** AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util): what every DaemonSet pod tolerates. */
function daemonPodTolerations(hostNetwork: boolean): Obj[] {
  const t = (key: string, effect: string) => ({ effect, key: `node.kubernetes.io/${key}`, operator: 'Exists' });
  return [
    t('not-ready', 'NoExecute'),
    t('unreachable', 'NoExecute'),
    t('disk-pressure', 'NoSchedule'),
    t('memory-pressure', 'NoSchedule'),
    t('pid-pressure', 'NoSchedule'),
    t('unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [t('network-unavailable', 'NoSchedule')] : []),
  ];
}

function kubeProxyDaemonSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [
            {
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              image: KUBEADM_IMAGES.proxy,
              imagePullPolicy: 'IfNotPresent',
              name: 'kube-proxy',
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              ],
            },
          ],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: NODE_CRITICAL.priorityClassName,
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ configMap: { name: 'kube-proxy' }, name: 'kube-proxy' }, hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'), hostPathVolume('lib-modules', '/lib/modules')],
        },
      },
    },
  };
}

function flannelDaemonSet(): KubeObject {
  const labels = { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-flannel-ds', namespace: FLANNEL_NAMESPACE, labels },
    spec: {
      selector: { matchLabels: { app: 'flannel', 'k8s-app': 'flannel' } },
      template: {
        metadata: { labels },
        spec: {
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
          containers: [
            {
              args: ['--ip-masq', '--kube-subnet-mgr'],
              command: ['/opt/bin/flanneld'],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
                { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
              ],
              image: FLANNEL_IMAGES.flannel,
              name: 'kube-flannel',
              resources: { requests: { cpu: '100m', memory: '50Mi' } },
              securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] }, privileged: false },
              volumeMounts: [
                { mountPath: '/run/flannel', name: 'run' },
                { mountPath: '/etc/kube-flannel/', name: 'flannel-cfg' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
              ],
            },
          ],
          hostNetwork: true,
          initContainers: [
            {
              args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
              command: ['cp'],
              image: FLANNEL_IMAGES.cniPlugin,
              name: 'install-cni-plugin',
              volumeMounts: [{ mountPath: '/opt/cni/bin', name: 'cni-plugin' }],
            },
            {
              args: ['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
              command: ['cp'],
              image: FLANNEL_IMAGES.flannel,
              name: 'install-cni',
              volumeMounts: [
                { mountPath: '/etc/cni/net.d', name: 'cni' },
                { mountPath: '/etc/kube-flannel/', name: 'flannel-cfg' },
              ],
            },
          ],
          priorityClassName: NODE_CRITICAL.priorityClassName,
          serviceAccountName: 'flannel',
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
          volumes: [
            hostPathVolume('run', '/run/flannel'),
            hostPathVolume('cni-plugin', '/opt/cni/bin'),
            hostPathVolume('cni', '/etc/cni/net.d'),
            { configMap: { name: 'kube-flannel-cfg' }, name: 'flannel-cfg' },
            hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
          ],
        },
      },
    },
  };
}

function corednsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 },
              ],
            },
          },
          containers: [
            {
              args: ['-conf', '/etc/coredns/Corefile'],
              image: KUBEADM_IMAGES.coredns,
              imagePullPolicy: 'IfNotPresent',
              livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, successThreshold: 1, timeoutSeconds: 5 },
              name: 'coredns',
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
              volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priority: CLUSTER_CRITICAL.priority,
          priorityClassName: CLUSTER_CRITICAL.priorityClassName,
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  };
}

function kubeDnsService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    },
    spec: {
      clusterIP: KUBE_DNS_IP,
      clusterIPs: [KUBE_DNS_IP],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP',
    },
  };
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: ${POD_NETWORK_CIDR}
kind: KubeProxyConfiguration
mode: ""
`;

function kubeProxyKubeconfig(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${server}:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
}

const FLANNEL_CNI_CONF = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

const FLANNEL_NET_CONF = `{
  "Network": "${POD_NETWORK_CIDR}",
  "EnableNFTables": false,
  "Backend": {
    "Type": "vxlan"
  }
}
`;

/** kubeadm init's ClusterConfiguration as uploadconfig stores it (kubeadm.k8s.io/v1beta4, v1.32's defaults). */
function clusterConfiguration(): string {
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: cluster.local
  podSubnet: ${POD_NETWORK_CIDR}
  serviceSubnet: ${SERVICE_CIDR}
proxy: {}
scheduler: {}
`;
}

/** The bootstrap-token phase's cluster-info (kube-public): the CA and the API server, for joining nodes. */
function clusterInfoKubeconfig(server: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${Buffer.from(ROOT_CA_CRT).toString('base64')}
    server: https://${server}:6443
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`;
}

/** The objects with no owner and no status to speak of: namespaces, accounts, configuration. */
function configurationObjects(apiServerIp: string): KubeObject[] {
  const cm = (name: string, namespace: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    data,
  });
  const sa = (name: string, namespace: string, labels?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, ...(labels ? { labels } : {}) } });
  const flannelLabels = { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: FLANNEL_NAMESPACE, labels: { 'k8s-app': 'flannel', 'kubernetes.io/metadata.name': FLANNEL_NAMESPACE, 'pod-security.kubernetes.io/enforce': 'privileged' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    defaultServiceAccount(FLANNEL_NAMESPACE),
    rootCAConfigMap(FLANNEL_NAMESPACE),
    sa('kube-proxy', 'kube-system'),
    sa('coredns', 'kube-system'),
    sa('flannel', FLANNEL_NAMESPACE, { 'k8s-app': 'flannel' }),
    cm('coredns', 'kube-system', { Corefile: COREFILE }),
    cm('kube-proxy', 'kube-system', { 'config.conf': KUBE_PROXY_CONFIG, 'kubeconfig.conf': kubeProxyKubeconfig(apiServerIp) }, { app: 'kube-proxy' }),
    cm('kube-flannel-cfg', FLANNEL_NAMESPACE, { 'cni-conf.json': FLANNEL_CNI_CONF, 'net-conf.json': FLANNEL_NET_CONF }, flannelLabels),
    cm('kubeadm-config', 'kube-system', { ClusterConfiguration: clusterConfiguration() }),
    cm('cluster-info', 'kube-public', { kubeconfig: clusterInfoKubeconfig(apiServerIp) }),
  ];
}

/**
 * The kubelet's runtime for a pod that has been running since `at`: init containers done, app
 * containers running and ready. Container ids are fixed by the pod and container names.
 */
function runningRuntime(pod: KubeObject, node: KubeObject, ip: string, at: number): PodRuntime {
  const id = (c: string) => `containerd://${hexDigest(`${pod.metadata.namespace}/${pod.metadata.name}/${c}`, 64)}`;
  const hostIP = ((node.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address ?? '';
  const containers: ContainerRuntime[] = [
    ...((pod.spec?.initContainers ?? []) as Obj[]).map(
      (c): ContainerRuntime => ({ name: c.name, image: c.image, init: true, stage: 'exited', containerID: id(c.name), startedAt: at, finishedAt: at, exitCode: 0, terminatedReason: 'Completed' }),
    ),
    ...((pod.spec?.containers ?? []) as Obj[]).map((c): ContainerRuntime => ({ name: c.name, image: c.image, init: false, stage: 'running', containerID: id(c.name), startedAt: at, readyAt: at, started: true })),
  ];
  return { uid: pod.metadata.uid!, node: node.metadata.name!, admittedAt: at, ip, hostIP, containers };
}

/** Post the status the kubelet reports for a pod running since `at`. */
function markRunning(api: ApiServer, pod: KubeObject, node: KubeObject, ip: string, at: number): KubeObject {
  const rt = runningRuntime(pod, node, ip, at);
  return api.updateStatus({ ...pod, status: generatePodStatus(pod, rt, at) });
}

/** One DaemonSet pod on `node`, as the DaemonSet controller creates it (then bound and running). */
function daemonPod(ds: KubeObject, node: KubeObject, revisionHash: string): KubeObject {
  const nodeName = node.metadata.name!;
  const template = ds.spec.template;
  const spec: Obj = { ...template.spec, nodeName };
  // ReplaceDaemonSetPodNodeNameNodeAffinity: a required term on the node's name, kept beside the
  // template's other node affinity.
  const nodeTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const terms: Obj[] = template.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  spec.affinity = {
    ...template.spec.affinity,
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.length ? terms.map((t) => ({ ...t, ...nodeTerm })) : [nodeTerm] } },
  };
  spec.tolerations = [...(template.spec.tolerations ?? []), ...daemonPodTolerations(!!template.spec.hostNetwork)];
  spec.priority = NODE_CRITICAL.priority;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${ds.metadata.name}-${fixedSuffix(`${ds.metadata.namespace}/${ds.metadata.name}/${nodeName}`)}`,
      namespace: ds.metadata.namespace,
      labels: { ...template.metadata.labels, 'controller-revision-hash': revisionHash, 'pod-template-generation': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'DaemonSet', name: ds.metadata.name!, uid: ds.metadata.uid! }],
    },
    spec,
  };
}

/** A controller run on the scratch server until it has nothing left to do (its timers dropped). */
function runControllers(api: ApiServer, clock: Clock, config: ClusterConfig, controllers: Controller[], between: () => void): void {
  const recorder = new EventRecorder(api, clock, false);
  const queues = controllers.map((controller) => {
    const queue = new WorkQueue(controller.name, () => {});
    controller.start({ api, clock, rng: new Random(0).fork(`kubeadm:${controller.name}`), queue, recorder, config });
    return { controller, queue };
  });
  for (let guard = 0; guard < 1000; guard++) {
    let worked = false;
    for (const { controller, queue } of queues) {
      for (let n = queue.length; n > 0; n--) {
        const key = queue.pop();
        if (key === undefined) break;
        worked = true;
        controller.reconcile(key);
      }
    }
    between();
    if (!worked) return;
  }
  throw new Error('kubeadm boot objects did not settle');
}

/**
 * Create the kubeadm cluster's system objects on `api` (the scratch server of Cluster.bootstrap,
 * which already holds the namespaces and nodes) as they stand once the cluster is up at `clock`'s
 * instant. The Deployment, ReplicaSet and Endpoints controllers themselves make coredns' ReplicaSet,
 * pods, Endpoints and EndpointSlice, so the cluster's own controllers find nothing to change.
 */
export function createKubeadmObjects(api: ApiServer, clock: Clock, config: ClusterConfig): void {
  const nodes = api.list('Node');
  if (!nodes.length) return;
  const cpIndex = config.nodes.findIndex((n) => n.controlPlane);
  const byName = new Map(nodes.map((n) => [n.metadata.name!, n]));
  const ipOf = (name: string) => {
    const i = config.nodes.findIndex((n) => n.name === name);
    return config.nodes[i]?.ip ?? nodeIp(i);
  };
  const apiServerNode = config.nodes[Math.max(0, cpIndex)];
  const at = clock.now();
  for (const o of configurationObjects(ipOf(apiServerNode.name))) api.create(o);

  // Static pods: on every control-plane node (none in a layout without one).
  const seen = clock.timestamp().replace(/Z$/, '.000000000Z');
  for (const cfg of config.nodes) {
    if (!cfg.controlPlane) continue;
    const node = byName.get(cfg.name)!;
    for (const m of staticPodManifests(cfg.name, ipOf(cfg.name))) {
      const pod = api.create(mirrorPod(node, m, seen));
      markRunning(api, pod, node, ipOf(cfg.name), at);
    }
  }

  // DaemonSets: one pod per node, on the node's own address (hostNetwork).
  for (const input of [kubeProxyDaemonSet(), flannelDaemonSet()]) {
    const ds = api.create(input);
    const revisionHash = hexDigest(JSON.stringify(ds.spec.template), 10).replace(/^0/, '5');
    for (const node of nodes) markRunning(api, api.create(daemonPod(ds, node, revisionHash)), node, ipOf(node.metadata.name!), at);
    const n = nodes.length;
    const live = api.get('DaemonSet', ds.metadata.name!, ds.metadata.namespace)!;
    api.updateStatus({
      ...live,
      status: { currentNumberScheduled: n, desiredNumberScheduled: n, numberAvailable: n, numberMisscheduled: 0, numberReady: n, observedGeneration: 1, updatedNumberScheduled: n },
    });
  }

  // coredns on the control-plane node (the first node when the layout has none), as the
  // Deployment and ReplicaSet controllers create it; the kube-dns Service and its endpoints.
  const dnsNodeName = cpIndex >= 0 ? config.nodes[cpIndex].name : config.nodes[0].name;
  const dnsNode = byName.get(dnsNodeName)!;
  const dnsIndex = Math.max(0, cpIndex);
  const cidr = podCidr(dnsIndex).split('.');
  let nextIp = 2;
  api.create(corednsDeployment());
  api.create(kubeDnsService());
  runControllers(api, clock, config, [new DeploymentController(), new ReplicaSetController(), new EndpointsController()], () => {
    for (const pod of api.list('Pod', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' })) {
      if (pod.spec?.nodeName) continue;
      const bound = api.bind({ metadata: { name: pod.metadata.name!, namespace: 'kube-system', uid: pod.metadata.uid }, target: { name: dnsNodeName } });
      markRunning(api, bound, dnsNode, `${cidr[0]}.${cidr[1]}.${cidr[2]}.${nextIp++}`, at);
    }
  });
}
