// The Node objects a simulated cluster boots with: the course's master (control plane, tainted
// NoSchedule) and workers, with the addresses, labels and capacity `kubectl get nodes -o wide` shows.
import type { KubeObject } from '../apiserver/types';
import { KUBERNETES_VERSION } from '../apiserver/version';
import type { NodeConfig } from './config';

/**
 * What the kubelets report: the cluster's one version. kubeProxyVersion too: in 1.32 the
 * DisableNodeKubeProxyVersion gate is off by default, so the kubelet still sets it (kubernetes/kubernetes
 * #126720 switched it back off for 1.31+; #129713 turned it on only in 1.33).
 */
export const KUBELET_VERSION = KUBERNETES_VERSION;
/** The course notes' master address; workers follow it. */
export const FIRST_NODE_IP = [192, 168, 47, 128];

export function nodeIp(index: number): string {
  const [a, b, c, d] = FIRST_NODE_IP;
  return `${a}.${b}.${c}.${d + index}`;
}

/** Pod CIDR of the node at `index` (flannel's default layout: 10.244.<index>.0/24). */
export function podCidr(index: number): string {
  return `10.244.${index}.0/24`;
}

export function nodeObject(cfg: NodeConfig, index: number, timestamp: string): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': cfg.name,
    'kubernetes.io/os': 'linux',
    ...(cfg.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...cfg.labels,
  };
  const pods = String(cfg.maxPods ?? 110);
  const capacity = { cpu: '2', 'ephemeral-storage': '20470152Ki', memory: '4005484Ki', pods };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: cfg.name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: {
      podCIDR: podCidr(index),
      podCIDRs: [podCidr(index)],
      ...(cfg.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', timestamp),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', timestamp),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', timestamp),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', timestamp),
      ],
      addresses: [
        { type: 'InternalIP', address: cfg.ip ?? nodeIp(index) },
        { type: 'Hostname', address: cfg.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.12',
        kernelVersion: '5.15.0-105-generic',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.4 LTS',
        systemUUID: '',
      },
    },
  };
}

function cond(type: string, status: string, reason: string, message: string, ts: string) {
  return { type, status, reason, message, lastHeartbeatTime: ts, lastTransitionTime: ts };
}
