// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go), which also keeps the
// Service's EndpointSlices (slices.ts, as the EndpointSlice controller does): for every Service
// with a selector, an Endpoints object of the same name listing the selected pods that have an IP
// and are not terminating: ready ones under `addresses`, the others under `notReadyAddresses`
// (all under `addresses` with publishNotReadyAddresses), each Service port resolved against the
// pod (FindPort). Services without a selector are left alone; an Endpoints object goes with its
// Service.
//
// Which pods a Service selects is kept incrementally from watch events; a Service is re-synced
// once the burst of pod changes at the current instant is over (see addWhenIdle), so a rollout of
// 10,000 pods behind one Service rebuilds its Endpoints a handful of times, not 40,000.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import { fromLabelSelector, matches, type Selector } from '../../apiserver/labels';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import type { WorkQueue } from '../../cluster/workqueue';
import { deepClone, deepEqual } from '../../util/clone';
import type { Clock } from '../../util/clock';
import { objectKey, splitKey, type Controller, type ControllerContext } from '../controller';
import { reconcileEndpointSlices, SERVICE_NAME_LABEL } from './slices';
import { endpointAddress, findPort, isPodReady, repackSubsets, shouldPodBeInEndpoints, truncateEndpoints, type EndpointEntry, type EndpointPort, type EndpointSubset } from './subsets';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';

interface ServiceEntry {
  namespace: string;
  selector: Selector;
  pods: Set<string>;
}

/** What of a pod the Endpoints depend on (besides its labels, which decide membership). */
function podFingerprint(pod: KubeObject | undefined): string {
  if (!pod) return '';
  const s = pod.status ?? {};
  return `${s.podIP ?? ''}|${isPodReady(pod)}|${pod.metadata.deletionTimestamp ? 1 : 0}|${s.phase ?? ''}|${pod.spec?.nodeName ?? ''}|${pod.spec?.hostname ?? ''}|${pod.spec?.subdomain ?? ''}`;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  private api!: ApiServer;
  private clock!: Clock;
  private queue!: WorkQueue;
  /** Services with a selector, by key. */
  private readonly services = new Map<string, ServiceEntry>();
  private readonly byNamespace = new Map<string, Set<string>>();

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.queue;
    for (const s of ctx.api.list('Service')) this.onService({ type: 'ADDED', object: s });
    ctx.api.watch('Service', (ev) => this.onService(ev));
    ctx.api.watch('Pod', (ev) => this.onPod(ev));
    ctx.api.watch('Endpoints', (ev) => {
      // Someone else changed or removed a managed Endpoints object: put it back.
      const key = objectKey(ev.object);
      if (this.services.has(key)) this.queue.addWhenIdle(key);
    });
    ctx.api.watch('EndpointSlice', (ev) => {
      const svc = ev.object.metadata.labels?.[SERVICE_NAME_LABEL];
      const key = svc && `${ev.object.metadata.namespace}/${svc}`;
      if (key && this.services.has(key)) this.queue.addWhenIdle(key);
    });
  }

  private onService(ev: WatchEvent): void {
    const svc = ev.object;
    const key = objectKey(svc);
    const ns = svc.metadata.namespace ?? 'default';
    const selector = ev.type === 'DELETED' ? undefined : (svc.spec?.selector as Record<string, string> | undefined);
    const before = this.services.get(key);
    if (!selector) {
      if (before) {
        this.services.delete(key);
        this.byNamespace.get(ns)?.delete(key);
      }
      // A deleted Service's Endpoints go with it; a selector-less one is not ours to manage.
      if (ev.type === 'DELETED') this.queue.add(key);
      return;
    }
    const oldSelector = ev.oldObject?.spec?.selector;
    if (!before || !deepEqual(oldSelector, selector)) {
      const sel = fromLabelSelector({ matchLabels: selector });
      const entry: ServiceEntry = { namespace: ns, selector: sel, pods: new Set() };
      for (const p of this.api.list('Pod', { namespace: ns })) if (matches(sel, p.metadata.labels)) entry.pods.add(objectKey(p));
      this.services.set(key, entry);
      let set = this.byNamespace.get(ns);
      if (!set) this.byNamespace.set(ns, (set = new Set()));
      set.add(key);
    }
    this.queue.addWhenIdle(key);
  }

  private onPod(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace ?? 'default';
    const keys = this.byNamespace.get(ns);
    if (!keys?.size) return;
    const podKey = objectKey(ev.object);
    const pod = ev.type === 'DELETED' ? undefined : ev.object;
    const old = ev.type === 'ADDED' ? undefined : ev.oldObject;
    const changed = podFingerprint(pod) !== podFingerprint(old) || !deepEqual(pod?.spec?.containers, old?.spec?.containers);
    for (const key of keys) {
      const entry = this.services.get(key)!;
      const was = entry.pods.has(podKey);
      const is = !!pod && matches(entry.selector, pod.metadata.labels);
      if (is) entry.pods.add(podKey);
      else entry.pods.delete(podKey);
      if (was !== is || (is && changed)) this.queue.addWhenIdle(key);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.api.get('Service', name, namespace);
    const current = this.api.get('Endpoints', name, namespace);
    if (!svc) {
      if (current) this.tryDelete(name, namespace);
      return;
    }
    const entry = this.services.get(key);
    if (!entry || !svc.spec?.selector) return;
    const pods: KubeObject[] = [];
    for (const podKey of entry.pods) {
      const { namespace: pns, name: pname } = splitKey(podKey);
      const pod = this.api.get('Pod', pname, pns);
      if (pod) pods.push(pod);
    }
    this.syncEndpoints(svc, current, pods);
    // The EndpointSlice controller's work, done here for the same Service and pods.
    reconcileEndpointSlices(this.api, svc, pods, this.clock.timestamp());
  }

  private syncEndpoints(svc: KubeObject, current: KubeObject | undefined, pods: readonly KubeObject[]): void {
    const name = svc.metadata.name!;
    const namespace = svc.metadata.namespace;
    const key = objectKey(svc);
    const { subsets, truncated } = this.computeSubsets(svc, pods);
    const labels: Record<string, string> = { ...svc.metadata.labels };
    const headless = svc.spec.clusterIP === 'None';
    if (headless) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    const annotations: Record<string, string> = { ...current?.metadata.annotations };
    if (truncated) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    const currentSubsets = current?.subsets ?? [];
    if (current && deepEqual(currentSubsets, subsets) && deepEqual(current.metadata.labels ?? {}, labels) && current.metadata.annotations?.[OVER_CAPACITY] === annotations[OVER_CAPACITY]) return;
    annotations[LAST_CHANGE_TRIGGER_TIME] = this.clock.timestamp();
    const next: KubeObject = current
      ? deepClone(current)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    next.metadata.labels = labels;
    next.metadata.annotations = annotations;
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    try {
      if (current) this.api.update(next);
      else this.api.create(next);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      // AlreadyExists / Conflict: someone else wrote it; look again.
      if (isStatusError(e, 'AlreadyExists') || isStatusError(e, 'Conflict')) this.queue.add(key);
    }
  }

  private computeSubsets(svc: KubeObject, pods: readonly KubeObject[]): { subsets: EndpointSubset[]; truncated: boolean } {
    const publishNotReady = !!svc.spec.publishNotReadyAddresses;
    const ports = (svc.spec.ports ?? []) as { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }[];
    const entries: EndpointEntry[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const address = endpointAddress(pod, svc);
      const ready = publishNotReady || isPodReady(pod);
      if (!ports.length) {
        if (svc.spec.clusterIP === 'None') entries.push({ address, ready });
        continue;
      }
      for (const sp of ports) {
        const portNum = findPort(pod, sp);
        if (portNum === undefined) continue;
        // Built field by field (same keys, same order as spreading optional parts): object spreads of
        // conditional literals were this controller's hottest line.
        const protocol = sp.protocol ?? 'TCP';
        const port: EndpointPort = sp.name ? { name: sp.name, port: portNum, protocol } : { port: portNum, protocol };
        if (sp.appProtocol) port.appProtocol = sp.appProtocol;
        entries.push({ address, port, ready });
      }
    }
    const subsets = repackSubsets(entries);
    const truncated = truncateEndpoints(subsets);
    return { subsets: deepClone(subsets), truncated };
  }

  private tryDelete(name: string, namespace: string | undefined): void {
    try {
      this.api.delete('Endpoints', name, { namespace });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
}
