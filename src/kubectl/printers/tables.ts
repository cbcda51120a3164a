// The columns and cells of `kubectl get` tables, per kind, as the API server's table convertor
// computes them (pkg/printers/internalversion/printers.go: printPod, printReplicaSet,
// printDeployment, printService, printEndpoints, printNode, printNamespace, printEvent ...).
import type { KubeObject } from '../../apiserver/types';
import { parseTime } from '../../util/clock';
import { translateTimestampSince } from './duration';

export interface Column {
  name: string;
  /** 0: always shown; 1: only with `-o wide`. */
  priority: 0 | 1;
}

export interface TableDef {
  columns: Column[];
  /** The cells of one object, including the priority-1 cells when `wide`. */
  cells(obj: KubeObject, now: number, wide: boolean): string[];
}

const col = (name: string, priority: 0 | 1 = 0): Column => ({ name, priority });

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; matchLabels render as
 * `k=v`, expressions as `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. Undefined for a nil selector.
 */
export function labelSelectorString(sel: LabelSelectorLike | undefined | null): string | undefined {
  if (!sel) return undefined;
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${values})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${values})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return '<error>';
    }
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when it selects everything or nothing. */
export function formatLabelSelector(sel: LabelSelectorLike | undefined | null): string {
  const s = labelSelectorString(sel);
  return s ? s : '<none>';
}

/** printers.go layoutContainerCells: comma-joined container names and images. */
function layoutContainerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

const age = (obj: KubeObject, now: number) => translateTimestampSince(obj.metadata.creationTimestamp, now);

// ---- Pod -------------------------------------------------------------------------------------

/** printers.go printPod: READY, STATUS (the reason rules), RESTARTS with the last restart's age. */
export function podCells(pod: KubeObject, now: number, wide: boolean): string[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = 0;
  let lastRestartableInitRestartDate = 0;
  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initContainers = new Map<string, any>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (c.restartPolicy === 'Always') totalContainers++;
  }
  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const lastTerm = cs.lastState?.terminated;
    if (lastTerm) lastRestartDate = Math.max(lastRestartDate, parseTime(lastTerm.finishedAt));
    const restartable = initContainers.get(cs.name)?.restartPolicy === 'Always';
    if (restartable) {
      restartableInitRestarts += cs.restartCount ?? 0;
      if (lastTerm) lastRestartableInitRestartDate = Math.max(lastRestartableInitRestartDate, parseTime(lastTerm.finishedAt));
    }
    const st = cs.state ?? {};
    if (st.terminated && (st.terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (st.terminated) {
      if (!st.terminated.reason) reason = st.terminated.signal ? `Init:Signal:${st.terminated.signal}` : `Init:ExitCode:${st.terminated.exitCode ?? 0}`;
      else reason = `Init:${st.terminated.reason}`;
      initializing = true;
    } else if (st.waiting && st.waiting.reason && st.waiting.reason !== 'PodInitializing') {
      reason = `Init:${st.waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }
  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestartDate = lastRestartableInitRestartDate;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const lastTerm = cs.lastState?.terminated;
      if (lastTerm) lastRestartDate = Math.max(lastRestartDate, parseTime(lastTerm.finishedAt));
      const st = cs.state ?? {};
      if (st.waiting && st.waiting.reason) reason = st.waiting.reason;
      else if (st.terminated && st.terminated.reason) reason = st.terminated.reason;
      else if (st.terminated && !st.terminated.reason) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode ?? 0}`;
      else if (cs.ready && st.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== 0) restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestartDate).toISOString(), now)} ago)`;
  const cells = [pod.metadata.name!, `${readyContainers}/${totalContainers}`, reason, restartsStr, age(pod, now)];
  if (wide) {
    // Upstream reads status.podIPs[0]; status.podIP is its mirror and is used when podIPs is unset.
    const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
    let readinessGates = '<none>';
    if ((spec.readinessGates ?? []).length) {
      let trueConditions = 0;
      for (const g of spec.readinessGates) {
        const c = (status.conditions ?? []).find((x: any) => x.type === g.conditionType);
        if (c && c.status === 'True') trueConditions++;
      }
      readinessGates = `${trueConditions}/${spec.readinessGates.length}`;
    }
    cells.push(podIP, spec.nodeName || '<none>', status.nominatedNodeName || '<none>', readinessGates);
  }
  return cells;
}

// ---- the tables --------------------------------------------------------------------------------

const num = (v: unknown) => String(typeof v === 'number' ? v : 0);

/** Service PORT(S): `port/PROTO` or `port:nodePort/PROTO`, comma-joined (printers.go makePortString). */
export function makePortString(ports: any[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function serviceExternalIP(svc: KubeObject, wide: boolean): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress: any[] = svc.status?.loadBalancer?.ingress ?? [];
      const set = [...new Set(ingress.map((i) => i.ip || i.hostname).filter(Boolean) as string[])].sort();
      let lb = set.join(',');
      if (!wide && lb.length > 16) lb = lb.slice(0, 13) + '...';
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** printers.go formatEndpoints: up to 3 `ip:port`, then ` + N more...`. */
export function formatEndpoints(ep: KubeObject): string {
  const subsets: any[] = ep.subsets ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? [];
    if (!(ss.ports ?? []).length) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeStatus(node: KubeObject): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (!status.length) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: KubeObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

function eventSource(ev: KubeObject): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const TABLES: Record<string, TableDef> = {
  Pod: {
    columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 1), col('Node', 1), col('Nominated Node', 1), col('Readiness Gates', 1)],
    cells: podCells,
  },
  ReplicaSet: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), col('Containers', 1), col('Images', 1), col('Selector', 1)],
    cells(rs, now, wide) {
      const cells = [rs.metadata.name!, num(rs.spec?.replicas), num(rs.status?.replicas), num(rs.status?.readyReplicas), age(rs, now)];
      if (wide) cells.push(...layoutContainerCells(rs.spec?.template?.spec?.containers), formatLabelSelector(rs.spec?.selector));
      return cells;
    },
  },
  // printDaemonSet (pkg/printers/internalversion/printers.go).
  DaemonSet: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), col('Age'), col('Containers', 1), col('Images', 1), col('Selector', 1)],
    cells(ds, now, wide) {
      const st = ds.status ?? {};
      const cells = [ds.metadata.name!, num(st.desiredNumberScheduled), num(st.currentNumberScheduled), num(st.numberReady), num(st.updatedNumberScheduled), num(st.numberAvailable), formatLabels(ds.spec?.template?.spec?.nodeSelector), age(ds, now)];
      if (wide) cells.push(...layoutContainerCells(ds.spec?.template?.spec?.containers), formatLabelSelector(ds.spec?.selector));
      return cells;
    },
  },
  Deployment: {
    columns: [col('Name'), col('Ready'), col('Up-to-date'), col('Available'), col('Age'), col('Containers', 1), col('Images', 1), col('Selector', 1)],
    cells(d, now, wide) {
      const cells = [d.metadata.name!, `${num(d.status?.readyReplicas)}/${num(d.spec?.replicas)}`, num(d.status?.updatedReplicas), num(d.status?.availableReplicas), age(d, now)];
      if (wide) cells.push(...layoutContainerCells(d.spec?.template?.spec?.containers), labelSelectorString(d.spec?.selector) ?? '');
      return cells;
    },
  },
  Service: {
    columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), col('Selector', 1)],
    cells(svc, now, wide) {
      const spec = svc.spec ?? {};
      const cells = [svc.metadata.name!, spec.type ?? '', spec.clusterIPs?.[0] ?? '<none>', serviceExternalIP(svc, wide), makePortString(spec.ports) || '<none>', age(svc, now)];
      if (wide) cells.push(formatLabels(spec.selector));
      return cells;
    },
  },
  Endpoints: {
    columns: [col('Name'), col('Endpoints'), col('Age')],
    cells: (ep, now) => [ep.metadata.name!, formatEndpoints(ep), age(ep, now)],
  },
  EndpointSlice: {
    columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
    cells(s, now) {
      const more = (list: string[], count: number) => (count > 3 ? `${list.slice(0, 3).join(',')} + ${count - 3} more...` : list.join(',') || '<unset>');
      const ports: string[] = (s.ports ?? []).map((p: any) => (p.port != null ? String(p.port) : p.name ?? '*'));
      const addrs: string[] = (s.endpoints ?? []).flatMap((e: any) => e.addresses ?? []);
      return [s.metadata.name!, s.addressType ?? '', more(ports, ports.length), more(addrs, addrs.length), age(s, now)];
    },
  },
  Node: {
    columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), col('Internal-IP', 1), col('External-IP', 1), col('OS-Image', 1), col('Kernel-Version', 1), col('Container-Runtime', 1)],
    cells(node, now, wide) {
      const info = node.status?.nodeInfo ?? {};
      const cells = [node.metadata.name!, nodeStatus(node), nodeRoles(node), age(node, now), info.kubeletVersion ?? ''];
      if (wide) {
        cells.push(nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>');
      }
      return cells;
    },
  },
  // printConfigMap, printSecret, printServiceAccount: DATA counts data and binaryData keys;
  // SECRETS counts the legacy `secrets` references (0 on 1.24+ clusters, which make no token Secrets).
  ConfigMap: {
    columns: [col('Name'), col('Data'), col('Age')],
    cells: (cm, now) => [cm.metadata.name!, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(cm, now)],
  },
  Secret: {
    columns: [col('Name'), col('Type'), col('Data'), col('Age')],
    cells: (s, now) => [s.metadata.name!, s.type ?? '', String(Object.keys(s.data ?? {}).length), age(s, now)],
  },
  ServiceAccount: {
    columns: [col('Name'), col('Secrets'), col('Age')],
    cells: (sa, now) => [sa.metadata.name!, String((sa.secrets ?? []).length), age(sa, now)],
  },
  Namespace: {
    columns: [col('Name'), col('Status'), col('Age')],
    cells: (ns, now) => [ns.metadata.name!, ns.status?.phase ?? '', age(ns, now)],
  },
  Event: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 1), col('Source', 1), col('Message'), col('First Seen', 1), col('Count', 1), col('Name', 1)],
    cells(ev, now, wide) {
      const first = ev.firstTimestamp ? translateTimestampSince(ev.firstTimestamp, now) : translateTimestampSince(ev.eventTime, now);
      const last = ev.lastTimestamp ? translateTimestampSince(ev.lastTimestamp, now) : first;
      const count = ev.series ? ev.series.count : ev.count || 1;
      const io = ev.involvedObject ?? {};
      const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
      const message = String(ev.message ?? '').trim();
      if (wide) return [last, ev.type ?? '', ev.reason ?? '', target, io.fieldPath ?? '', eventSource(ev), message, first, String(count), ev.metadata.name!];
      return [last, ev.type ?? '', ev.reason ?? '', target, message];
    },
  },
};

/** Kinds without a table of their own get the default table (NAME, AGE). */
export const DEFAULT_TABLE: TableDef = {
  columns: [col('Name'), col('Age')],
  cells: (obj, now) => [obj.metadata.name!, age(obj, now)],
};

/** The Event table's NAME column is not the first: where the name goes when `kind/` is prefixed. */
export function nameColumnIndex(def: TableDef): number {
  return def.columns.findIndex((c) => c.name === 'Name');
}
