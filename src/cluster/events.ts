// Records core/v1 Events as client-go's EventRecorder does: one Event object per
// (involved object, type, reason, message), its count bumped when it repeats.
import type { ApiServer } from '../apiserver/apiserver';
import { StatusError } from '../apiserver/errors';
import type { KubeObject } from '../apiserver/types';
import type { Clock } from '../util/clock';
import { deepClone } from '../util/clone';

export type EventType = 'Normal' | 'Warning';

/**
 * `v.toString(16)`, left-padded / cut to 16 digits. Number#toString(16) of a double past the small
 * integer range takes V8's slow radix path (it showed up in profiles: one call per Event); a safe
 * integer is rendered from two small-integer halves instead, with the same digits.
 */
export function hex16(v: number): string {
  if (!Number.isSafeInteger(v) || v < 0) return v.toString(16).padStart(16, '0').slice(-16);
  const hi = Math.floor(v / 0x10000000);
  const lo = v - hi * 0x10000000;
  const digits = hi ? hi.toString(16) + lo.toString(16).padStart(7, '0') : lo.toString(16);
  return digits.padStart(16, '0').slice(-16);
}

export class EventRecorder {
  private seq = 0;
  /** The sequence of Events in the kubeadm system namespaces: theirs never move the others' names. */
  private systemSeq = 0;
  /**
   * The Events recorded so far: involved object's uid -> `type|reason|message` -> the Event's name.
   * By uid first: most objects have none past the Event limit (the later pods of a 10,000-pod spec),
   * and a miss on the uid, a string every version of the object shares, costs no key to build.
   */
  private readonly byObject = new Map<string, Map<string, string>>();

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
    private readonly enabled: boolean,
  ) {}

  /**
   * Record an event about `obj` from `component` (e.g. `deployment-controller`). Best effort, as
   * client-go's recorder: an event the API server refuses (say, past the Event object limit) is
   * dropped, never an error for the controller that reported it.
   */
  record(component: string, obj: KubeObject, type: EventType, reason: string, message: string): void {
    if (!this.enabled) return;
    try {
      this.write(component, obj, type, reason, message);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  private write(component: string, obj: KubeObject, type: EventType, reason: string, message: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const uid = `${obj.metadata.uid}`;
    const recorded = this.byObject.get(uid);
    const k = recorded && `${type}|${reason}|${message}`;
    const now = this.clock.timestamp();
    const existing = k && recorded.get(k);
    if (existing) {
      const ev = this.api.get('Event', existing, ns);
      if (ev) {
        const next = deepClone(ev);
        next.count = (next.count ?? 1) + 1;
        next.lastTimestamp = now;
        this.api.update(next);
        return;
      }
    }
    // Event names: `<object name>.<16 hex digits>`, as the recorder makes them from a timestamp.
    const seq = ns === 'kube-system' || ns === 'kube-flannel' ? ++this.systemSeq : ++this.seq;
    // Past the Event limit: dropped, as the API server would refuse it, without building it.
    if (this.api.refusedAtLimit('Event', ns)) return;
    const name = `${obj.metadata.name}.${hex16(this.clock.now() * 1000 + seq)}`;
    // Built without undefined values, as api.createSystem requires (create's deepClone would drop
    // them): the same keys in the same order as the stored Event always had.
    const involvedObject: Record<string, string> = {};
    if (obj.apiVersion !== undefined) involvedObject.apiVersion = obj.apiVersion;
    if (obj.kind !== undefined) involvedObject.kind = obj.kind;
    if (obj.metadata.name !== undefined) involvedObject.name = obj.metadata.name;
    if (obj.metadata.namespace !== undefined) involvedObject.namespace = obj.metadata.namespace;
    if (obj.metadata.uid !== undefined) involvedObject.uid = obj.metadata.uid;
    if (obj.metadata.resourceVersion !== undefined) involvedObject.resourceVersion = obj.metadata.resourceVersion;
    // A fresh, well-formed Event (known fields, right types): the API server's fast path for
    // objects the control plane builds skips the copy and the decode walk (see createSystem).
    const stored = this.api.tryCreateSystem({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject,
      reason,
      message,
      type,
      source: { component },
      reportingComponent: component,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
    // Past the Event limit it was dropped (as a refused Event always was): nothing to bump later.
    if (stored) {
      if (k) recorded.set(k, name);
      else this.byObject.set(uid, new Map([[`${type}|${reason}|${message}`, name]]));
    }
  }
}
