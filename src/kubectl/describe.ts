// `kubectl describe` for the kinds the course uses (Pod, Deployment, ReplicaSet, Service, Endpoints),
// as staging/src/k8s.io/kubectl/pkg/describe/describe.go writes them: a PrefixWriter (two spaces per
// level) into tabbedString's tabwriter (minwidth 0, padding 2), then the object's Events.
import type { ClusterApi } from '../cluster/backend';
import { kindInfo } from '../apiserver/kinds';
import type { KubeObject } from '../apiserver/types';
import { parseTime } from '../util/clock';
import { goSort } from './gosort';
import { formatTable, TABBED_STRING } from './printers/tabwriter';
import { translateTimestampSince } from './printers/duration';
import { formatLabels, labelSelectorString, formatLabelSelector } from './printers/tables';
import { LAST_APPLIED } from './apply';
import { ownedReplicaSets } from './rollout';

/** describe.go PrefixWriter over a tabwriter: lines are collected, then aligned as tabbedString does. */
export class PrefixWriter {
  private text = '';
  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }
  writeLine(s: string): void {
    this.text += s + '\n';
  }
  /** tabbedString: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
  toString(): string {
    const lines = this.text.split('\n');
    const last = lines.pop();
    const rows = lines.map((l) => l.split('\t'));
    return formatTable(rows, TABBED_STRING) + (last ?? '');
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** time.RFC1123Z in UTC: `Mon, 01 Jan 2024 00:00:00 +0000`. */
export function rfc1123z(ts: string | undefined): string {
  const d = new Date(parseTime(ts));
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: last-applied-configuration is skipped; long values are shortened. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (!keys.length) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: any[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (!list.length) return w.writeLine('<none>');
  list.forEach((t, i) => {
    let s = i !== 0 ? '\t' : '';
    s += t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

function describeContainers(label: string, containers: any[] | undefined, statuses: any[] | undefined, w: PrefixWriter, space: string): void {
  const list = containers ?? [];
  w.write(0, `${space}${label}:${list.length ? '' : ' <none>'}\n`);
  const byName = new Map((statuses ?? []).map((s: any) => [s.name, s]));
  for (const c of list) {
    const status = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if ((c.command ?? []).length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(3, `${s}\n`);
    }
    if ((c.args ?? []).length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeState('State', status.state, w);
      if (status.lastState?.terminated) describeState('Last State', status.lastState, w);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      const r = c.resources?.[kind] ?? {};
      const names = Object.keys(r).sort();
      if (names.length) w.write(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:\n`);
      for (const n of names) w.write(3, `${n}:\t${r[n]}\n`);
    }
    for (const [title, probe] of [['Liveness', c.livenessProbe], ['Readiness', c.readinessProbe], ['Startup', c.startupProbe]] as const) {
      if (probe) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
    }
    const env: any[] = c.env ?? [];
    w.write(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      } else if (e.valueFrom.fieldRef) {
        w.write(3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`);
      } else if (e.valueFrom.secretKeyRef) {
        w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${!!e.valueFrom.secretKeyRef.optional}\n`);
      } else if (e.valueFrom.configMapKeyRef) {
        w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${!!e.valueFrom.configMapKeyRef.optional}\n`);
      }
    }
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) w.write(3, `${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])].join(',')})\n`);
  }
}

function describeState(name: string, state: any, w: PrefixWriter): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

/** DescribeProbe. */
function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) return `http-get ${String(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeVolumes(volumes: any[] | undefined, w: PrefixWriter, space: string): void {
  if (!(volumes ?? []).length) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes!) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.emptyDir) w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    else if (v.hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    else if (v.configMap) w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${!!v.configMap.optional}\n`);
    else if (v.secret) w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${!!v.secret.optional}\n`);
    else if (v.projected) describeProjected(v.projected, w);
    else w.write(1, '<unknown>\n');
  }
}

/** printProjectedVolumeSource: optional flags are *bool, printed `<nil>` when unset. */
function describeProjected(p: any, w: PrefixWriter): void {
  const optional = (o: unknown) => (typeof o === 'boolean' ? String(o) : '<nil>');
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const s of p.sources ?? []) {
    if (s?.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${optional(s.secret.optional)}\n`);
    else if (s?.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
    else if (s?.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${optional(s.configMap.optional)}\n`);
    else if (s?.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
  }
}

/** DescribePodTemplate. */
function describePodTemplate(t: any, w: PrefixWriter): void {
  w.write(0, 'Pod Template:\n');
  if (!t) return w.write(1, '<unset>');
  printLabelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', t.metadata.annotations);
  if (t.spec?.serviceAccountName) w.write(1, `Service Account:\t${t.spec.serviceAccountName}\n`);
  if ((t.spec?.initContainers ?? []).length) describeContainers('Init Containers', t.spec.initContainers, undefined, w, '  ');
  describeContainers('Containers', t.spec?.containers, undefined, w, '  ');
  describeVolumes(t.spec?.volumes, w, '  ');
  if (t.spec?.priorityClassName) w.write(1, `Priority Class Name:\t${t.spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', t.spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', t.spec?.tolerations);
}

/** searchEvents + DescribeEvents: the object's events, oldest last-seen first. */
export function describeEvents(api: ClusterApi, obj: KubeObject, now: number, w: PrefixWriter, matchKind = true): void {
  const events = api
    .list('Event', { namespace: obj.metadata.namespace })
    .filter((e) => e.involvedObject?.uid === obj.metadata.uid && e.involvedObject?.name === obj.metadata.name && (!matchKind || !e.involvedObject?.kind || e.involvedObject.kind === obj.kind));
  // sort.Sort(event.SortableEvents): Go's unstable sort (equal times come out as Go leaves them).
  const at = (e: KubeObject) => parseTime(e.series?.lastObservedTime ?? (e.lastTimestamp || e.eventTime));
  goSort(events, (a, b) => at(a) < at(b));
  if (!events.length) return w.write(0, 'Events:\t<none>\n');
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
    const interval = (e.count ?? 1) > 1 ? `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${e.source?.component || e.reportingComponent || ''}\t${String(e.message ?? '').trim()}\n`);
  }
}

function controllerOfText(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** qos.GetPodQOS, for the resources people write (cpu and memory). */
function podQOS(pod: KubeObject): string {
  const cs: any[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] !== undefined && (c.resources?.requests?.[r] === undefined || String(c.resources.requests[r]) === String(c.resources.limits[r]))));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function describePod(api: ClusterApi, pod: KubeObject, now: number): string {
  const w = new PrefixWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: any[] = status.podIPs ?? (status.podIP ? [{ ip: status.podIP }] : []);
  if (!ips.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctl = controllerOfText(pod);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, w, '');
  describeContainers('Containers', spec.containers, status.containerStatuses, w, '');
  if ((status.conditions ?? []).length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec.volumes, w, '');
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  // The pod describer clears the kind of its event reference: events match by name and uid.
  describeEvents(api, pod, now, w, false);
  return w.toString();
}

function podStatusCounts(api: ClusterApi, owner: KubeObject): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of api.listDependents(owner.metadata.uid!)) {
    if (p.kind !== 'Pod' || !(p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid)) continue;
    switch (p.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function describeConditions(obj: KubeObject, w: PrefixWriter): void {
  const conds: any[] = obj.status?.conditions ?? [];
  if (!conds.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function describeReplicaSet(api: ClusterApi, rs: KubeObject, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctl = controllerOfText(rs);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podStatusCounts(api, rs)}\n`);
  describePodTemplate(rs.spec?.template, w);
  describeConditions(rs, w);
  describeEvents(api, rs, now, w);
  return w.toString();
}

function describeDeployment(api: ClusterApi, d: KubeObject, now: number): string {
  const w = new PrefixWriter();
  const status = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${labelSelectorString(d.spec?.selector) ?? ''}\n`);
  w.write(0, `Replicas:\t${d.spec?.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(d.spec?.template, w);
  describeConditions(d, w);
  const all = ownedReplicaSets(api, d);
  if (all.length) {
    // deploymentutil.GetAllReplicaSets: the new one matches the template (the oldest such); kubectl
    // 1.32 lists every other as old, scaled to 0 or not, in the order the API lists them (by name).
    const { EqualIgnoreHash } = require('../controllers/deployment/util') as typeof import('../controllers/deployment/util'); // eslint-disable-line @typescript-eslint/no-require-imports
    const sorted = [...all].sort((a, b) => parseTime(a.metadata.creationTimestamp) - parseTime(b.metadata.creationTimestamp) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const newRS = sorted.find((rs) => EqualIgnoreHash(rs.spec?.template, d.spec?.template));
    const oldRSs = [...all].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0)).filter((rs) => rs !== newRS);
    const fmt = (list: KubeObject[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
    w.write(0, `OldReplicaSets:\t${fmt(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(api, d, now, w);
  return w.toString();
}

function describeService(api: ClusterApi, svc: KubeObject, now: number): string {
  const w = new PrefixWriter();
  const spec = svc.spec ?? {};
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress: any[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(', ')}\n`);
  const slices = api.list('EndpointSlice', { namespace: svc.metadata.namespace, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` });
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    w.write(0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? 'TCP'}\n`);
    w.write(0, `TargetPort:\t${sp.targetPort ?? sp.port}/${sp.protocol ?? 'TCP'}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? 'TCP'}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '', api, svc)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  describeEvents(api, svc, now, w);
  return w.toString();
}

/**
 * describe.go formatEndpointSlices for one port name: ready endpoints as `ip:port`, three at most.
 * Where no EndpointSlices exist (a cluster without that controller), the Endpoints object stands in.
 */
function formatEndpointSlices(slices: KubeObject[], portName: string, api: ClusterApi, svc: KubeObject): string {
  const list: string[] = [];
  let count = 0;
  const max = 3;
  const add = (s: string) => {
    if (list.length < max) list.push(s);
    count++;
  };
  if (slices.length) {
    for (const s of slices) {
      for (const p of s.ports ?? []) {
        if ((p.name ?? '') !== portName) continue;
        for (const e of s.endpoints ?? []) {
          if (e.conditions?.ready === false) continue;
          const a = e.addresses?.[0];
          if (a) add(a.includes(':') ? `[${a}]:${p.port}` : `${a}:${p.port}`);
        }
      }
    }
  } else {
    const ep = api.get('Endpoints', svc.metadata.name!, svc.metadata.namespace);
    if (!ep) return '<none>';
    for (const ss of ep.subsets ?? []) {
      for (const p of ss.ports ?? []) {
        if ((p.name ?? '') !== portName) continue;
        for (const a of ss.addresses ?? []) add(`${a.ip}:${p.port}`);
      }
    }
  }
  if (!slices.length && !count) return '';
  const ret = list.join(',');
  return count > max ? `${ret} + ${count - max} more...` : ret;
}

function describeEndpoints(api: ClusterApi, ep: KubeObject, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', ep.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(ss.addresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    if ((ss.ports ?? []).length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(api, ep, now, w);
  return w.toString();
}

/**
 * describeNamespace: its conditions when it has some; the quota and LimitRange sections only where
 * those kinds are served (the describer leaves a section out when listing them fails, as on serve).
 */
function describeNamespace(api: ClusterApi, ns: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: any[] = ns.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (kindInfo('ResourceQuota') && !api.list('ResourceQuota', { namespace: ns.metadata.name }).length) w.write(0, '\nNo resource quota.\n');
  if (kindInfo('LimitRange') && !api.list('LimitRange', { namespace: ns.metadata.name }).length) w.write(0, '\nNo LimitRange resource.\n');
  return w.toString();
}

/** describeConfigMap: each key, a `----` rule, its value (keys sorted; kubectl ranges over a Go map). */
function describeConfigMap(api: ClusterApi, cm: KubeObject, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = (cm as any).data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary: Record<string, string> = (cm as any).binaryData ?? {};
  for (const k of Object.keys(binary).sort()) w.write(0, `${k}: ${Buffer.from(binary[k], 'base64').length} bytes\n`);
  w.write(0, '\n');
  describeEvents(api, cm, now, w);
  return w.toString();
}

/** describeSecret: the type, then each key's size in bytes (a service account token in full). */
function describeSecret(_api: ClusterApi, secret: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${secret.metadata.name}\n`);
  w.write(0, `Namespace:\t${secret.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  const type = (secret as any).type ?? '';
  w.write(0, `\nType:\t${type}\n`);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = (secret as any).data ?? {};
  for (const k of Object.keys(data).sort()) {
    const bytes = Buffer.from(data[k], 'base64');
    if (k === 'token' && type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${bytes.toString('utf8')}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

/** describeServiceAccount: its pull secrets, mountable secrets and token secrets, headers in sorted order. */
function describeServiceAccount(api: ClusterApi, sa: KubeObject, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const secrets = api.list('Secret', { namespace: sa.metadata.namespace });
  const tokens = secrets
    .filter((s: any) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name)
    .map((s) => s.metadata.name!);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const groups: [string, string[], boolean][] = [
    ['Image pull secrets:', ((sa as any).imagePullSecrets ?? []).map((s: any) => s.name), false],
    ['Mountable secrets: ', ((sa as any).secrets ?? []).map((s: any) => s.name), true],
    ['Tokens:            ', tokens, false],
  ];
  for (const [header, names, checkMissing] of groups) {
    if (!names.length) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    names.forEach((name, i) => w.write(0, `${i === 0 ? header : '                   '}\t${name}${checkMissing && !existing.has(name) ? ' (not found)' : ''}\n`));
  }
  describeEvents(api, sa, now, w);
  return w.toString();
}

/** describeDaemonSet. */
function describeDaemonSet(api: ClusterApi, ds: KubeObject, now: number): string {
  const w = new PrefixWriter();
  const st = ds.status ?? {};
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podStatusCounts(api, ds)}\n`);
  describePodTemplate(ds.spec?.template, w);
  describeEvents(api, ds, now, w);
  return w.toString();
}

/** describeEndpointSliceV1. */
function describeEndpointSlice(api: ClusterApi, eps: KubeObject, now: number): string {
  const w = new PrefixWriter();
  const e = eps as any;
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', eps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(0, `AddressType:\t${e.addressType ?? ''}\n`);
  const ports: any[] = e.ports ?? [];
  if (!ports.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name ? p.name : '<unset>'}\t${p.port !== undefined && p.port !== null ? p.port : '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  const endpoints: any[] = e.endpoints ?? [];
  if (!endpoints.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const ep of endpoints) {
      w.write(1, `- Addresses:\t${(ep.addresses ?? []).join(', ')}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${typeof ep.conditions?.ready === 'boolean' ? String(ep.conditions.ready) : '<unset>'}\n`);
      w.write(2, `Hostname:\t${ep.hostname ?? '<unset>'}\n`);
      if (ep.targetRef) w.write(2, `TargetRef:\t${ep.targetRef.kind ?? ''}/${ep.targetRef.name ?? ''}\n`);
      w.write(2, `NodeName:\t${ep.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${ep.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(api, eps, now, w);
  return w.toString();
}

/** fatih/camelcase.Split: runs of lower case, upper case, digits and other characters. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  // An upper-case run followed by a lower-case one gives its last letter to it: "HTTPServer" → HTTP Server.
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1 && runs[i].length > 0) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` → `API Version`, a field with other than letters and `-` as it is. */
function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (acronyms.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's %v of an unstructured value. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goV((v as any)[k])}`).join(' ')}]`;
  return String(v);
}

function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const expr = `${skipPrefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, unknown>, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child as Record<string, unknown>, expr, skip);
        else w.write(level + 1, `${goV(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goV(value)}\n`);
    }
  }
}

/** genericDescriber (kinds describe.go has no describer for, such as Event): every field of the object. */
function describeGeneric(api: ClusterApi, obj: KubeObject, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructuredContent(w, 0, obj as unknown as Record<string, unknown>, '', ['.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  describeEvents(api, obj, now, w);
  return w.toString();
}

const DESCRIBERS: Record<string, (api: ClusterApi, obj: KubeObject, now: number) => string> = {
  Pod: describePod,
  ReplicaSet: describeReplicaSet,
  Deployment: describeDeployment,
  Service: describeService,
  Endpoints: describeEndpoints,
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  DaemonSet: describeDaemonSet,
  EndpointSlice: describeEndpointSlice,
  Event: describeGeneric,
  Node: (api, obj, now) => (require('./describe-node') as typeof import('./describe-node')).describeNode(api, obj, now), // eslint-disable-line @typescript-eslint/no-require-imports
};

/** The description of one object, or undefined when kubespec has no describer for its kind. */
export function describeObject(api: ClusterApi, obj: KubeObject, now: number): string | undefined {
  return DESCRIBERS[obj.kind]?.(api, obj, now);
}
