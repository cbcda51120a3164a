// `kubectl describe node`, as describe.go's NodeDescriber writes it: roles, labels, taints, the
// node's Lease, conditions, addresses, capacity, system info, the pods that are not terminated with
// their requests and limits against the allocatable resources, and the node's events.
import type { ClusterApi } from '../cluster/backend';
import { kindInfo } from '../apiserver/kinds';
import { addQuantity, formatQuantity, newQuantity, parseQuantity, type Quantity } from '../apiserver/registry/quantity';
import type { KubeObject } from '../apiserver/types';
import { PrefixWriter, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './describe';
import { translateTimestampSince } from './printers/duration';

const ZERO = (): Quantity => newQuantity(0n, 0, 'DecimalSI');

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

/** corev1.Taint.ToString. */
function taintString(t: any): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent: sorted by effect, then key. */
function printTaints(w: PrefixWriter, taints: any[] | undefined): void {
  w.write(0, 'Taints:\t');
  const list = [...(taints ?? [])].sort((a, b) => {
    const x = `${a.effect ?? ''},${a.key ?? ''}`;
    const y = `${b.effect ?? ''},${b.key ?? ''}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (!list.length) return w.writeLine('<none>');
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${taintString(t)}\n`);
  });
}

function printLease(api: ClusterApi, node: KubeObject, w: PrefixWriter): void {
  // The embedded API server may not serve coordination.k8s.io: kubectl then says what the server said.
  if (!kindInfo('Lease')) return w.write(0, 'Lease:\tFailed to get lease: the server could not find the requested resource\n');
  const lease = api.get('Lease', node.metadata.name!, 'kube-node-lease');
  if (!lease) return w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io ${JSON.stringify(node.metadata.name)} not found\n`);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
}

function printResources(w: PrefixWriter, list: Record<string, unknown>): void {
  for (const name of Object.keys(list).sort()) {
    const q = parseQuantity(list[name] as string);
    w.write(0, `  ${name}:\t${q ? formatQuantity(q) : String(list[name])}\n`);
  }
}

type Totals = Map<string, Quantity>;

function addAll(into: Totals, list: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v as string);
    if (q) into.set(k, addQuantity(into.get(k) ?? ZERO(), q));
  }
}

/** The larger of each resource (init containers run one at a time). */
function maxAll(into: Totals, list: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v as string);
    if (!q) continue;
    const cur = into.get(k);
    if (!cur || q.nanos > cur.nanos) into.set(k, q);
  }
}

/** resourcehelper.PodRequestsAndLimits: the containers' sum, at least the largest init container, plus overhead. */
function podRequestsAndLimits(pod: KubeObject): { reqs: Totals; limits: Totals } {
  const reqs: Totals = new Map();
  const limits: Totals = new Map();
  for (const c of pod.spec?.containers ?? []) {
    addAll(reqs, c.resources?.requests);
    addAll(limits, c.resources?.limits);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    maxAll(reqs, c.resources?.requests);
    maxAll(limits, c.resources?.limits);
  }
  if (pod.spec?.overhead) {
    addAll(reqs, pod.spec.overhead);
    for (const k of limits.keys()) if (pod.spec.overhead[k] !== undefined) addAll(limits, { [k]: pod.spec.overhead[k] });
  }
  return { reqs, limits };
}

const milli = (q: Quantity | undefined) => (q ? Number((q.nanos + 999_999n) / 1_000_000n) : 0);
const value = (q: Quantity | undefined) => (q ? Number((q.nanos + 999_999_999n) / 1_000_000_000n) : 0);
const pct = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0);
const text = (q: Quantity | undefined) => (q ? formatQuantity(q) : '0');

function describeNodeResources(pods: KubeObject[], node: KubeObject, now: number, w: PrefixWriter): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocList = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc = (k: string) => parseQuantity(allocList[k] ?? '0') ?? ZERO();
  const cpu = milli(alloc('cpu'));
  const mem = value(alloc('memory'));
  const eph = value(alloc('ephemeral-storage'));
  const totalReqs: Totals = new Map();
  const totalLimits: Totals = new Map();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    for (const [k, q] of reqs) totalReqs.set(k, addQuantity(totalReqs.get(k) ?? ZERO(), q));
    for (const [k, q] of limits) totalLimits.set(k, addQuantity(totalLimits.get(k) ?? ZERO(), q));
    const cr = reqs.get('cpu');
    const cl = limits.get('cpu');
    const mr = reqs.get('memory');
    const ml = limits.get('memory');
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${text(cr)} (${pct(milli(cr), cpu)}%)\t${text(cl)} (${pct(milli(cl), cpu)}%)\t${text(mr)} (${pct(value(mr), mem)}%)\t${text(ml)} (${pct(value(ml), mem)}%)\t${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, get: (q: Quantity | undefined) => number, whole: number) => {
    const r = totalReqs.get(name);
    const l = totalLimits.get(name);
    w.write(1, `${name}\t${text(r)} (${pct(get(r), whole)}%)\t${text(l)} (${pct(get(l), whole)}%)\n`);
  };
  row('cpu', milli, cpu);
  row('memory', value, mem);
  row('ephemeral-storage', value, eph);
  // Huge pages and extended resources the node offers (none on the embedded cluster's nodes).
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods', 'storage']);
  const extra = Object.keys(allocList).filter((k) => !standard.has(k)).sort();
  for (const k of extra) {
    const r = totalReqs.get(k);
    const l = totalLimits.get(k);
    if (k.startsWith('hugepages-')) {
      const whole = value(alloc(k));
      w.write(1, `${k}\t${text(r)} (${pct(value(r), whole)}%)\t${text(l)} (${pct(value(l), whole)}%)\n`);
    } else w.write(1, `${k}\t${text(r)}\t${text(l)}\n`);
  }
}

/** describe.go NodeDescriber.Describe / describeNode. */
export function describeNode(api: ClusterApi, node: KubeObject, now: number): string {
  const w = new PrefixWriter();
  const roles = nodeRoles(node);
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaints(w, node.spec?.taints);
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  printLease(api, node, w);
  const conds: any[] = node.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(0, 'Capacity:\n');
    printResources(w, node.status.capacity);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(0, 'Allocatable:\n');
    printResources(w, node.status.allocatable);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = api.list('Pod', { fieldSelector: `spec.nodeName=${node.metadata.name}` }).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  describeNodeResources(pods, node, now, w);
  // The node's events name it with its name as uid (describe.go builds that reference).
  describeEvents(api, { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.name } }, now, w);
  return w.toString();
}
