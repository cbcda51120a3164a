// Watches as the API server's watch cache serves them: every change the embedded API server makes
// is kept in a bounded history (by resourceVersion), a watch from resourceVersion N replays what
// came after N and then follows live; a watch from before the history's start gets the watch
// cache's `410 Expired` ERROR event; no resourceVersion (or "0") starts with a synthetic ADDED per
// existing object. Selectors filter as the cacher does: an object that starts matching arrives as
// ADDED, one that stops matching as DELETED (k8s.io/apiserver/pkg/storage/cacher cacheWatcher).
import type { ApiServer } from '../../apiserver/apiserver';
import { fieldsMatch, type FieldRequirement } from '../../apiserver/fields';
import { matches, type Selector } from '../../apiserver/labels';
import type { KubeObject, WatchEvent } from '../../apiserver/types';

export type WireEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchFilter {
  kind: string;
  namespace?: string;
  name?: string;
  labels?: Selector;
  fields?: FieldRequirement[];
}

export interface Watcher {
  filter: WatchFilter;
  /** Deliver one event; the object is frozen and shared (the sender serialises it). */
  send(type: WireEventType, object: KubeObject): void;
}

interface Recorded {
  rv: number;
  event: WatchEvent;
}

export class WatchStartError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

export class WatchHub {
  private readonly history: Recorded[] = [];
  private head = 0;
  /** Lowest resourceVersion a watch can start from and see every later change. */
  private floor: number;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly api: ApiServer,
    /** Events kept for replay (upstream's watch cache keeps a window of the same kind). */
    private readonly capacity = 10_000,
  ) {
    this.floor = api.resourceVersion;
    this.unsubscribe = api.watch('*', (ev) => this.record(ev));
  }

  get size(): number {
    let n = 0;
    for (const s of this.watchers.values()) n += s.size;
    return n;
  }

  close(): void {
    this.unsubscribe();
    this.watchers.clear();
  }

  /**
   * Start a watch. `resourceVersion` undefined, '' or '0': synthetic ADDED events for what exists,
   * then live. A number: replay from there, or WatchStartError 410 when it is older than the history.
   * Returns the stop function.
   */
  start(w: Watcher, resourceVersion: string | undefined, initialEvents?: boolean): () => void {
    const f = w.filter;
    if (resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0' || initialEvents) {
      for (const obj of this.api.list(f.kind, { namespace: f.namespace, labelSelector: f.labels, fieldSelector: f.fields })) {
        if (f.name === undefined || obj.metadata.name === f.name) w.send('ADDED', obj);
      }
    } else {
      const from = Number(resourceVersion);
      if (!/^\d+$/.test(resourceVersion) || !Number.isSafeInteger(from)) throw new WatchStartError(`invalid resource version: ${resourceVersion}`, 400, 'BadRequest');
      if (from < this.floor) throw new WatchStartError(`too old resource version: ${from} (${this.floor + 1})`, 410, 'Expired');
      for (let i = this.head; i < this.history.length; i++) {
        const r = this.history[i];
        if (r.rv > from) this.deliver(w, r.event);
      }
    }
    let set = this.watchers.get(f.kind);
    if (!set) this.watchers.set(f.kind, (set = new Set()));
    set.add(w);
    return () => {
      set!.delete(w);
    };
  }

  private record(ev: WatchEvent): void {
    const rv = Number(ev.object.metadata.resourceVersion);
    this.history.push({ rv, event: ev });
    if (this.history.length - this.head > this.capacity) {
      this.floor = this.history[this.head].rv;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.history.length) {
        this.history.splice(0, this.head);
        this.head = 0;
      }
    }
    const set = this.watchers.get(ev.object.kind);
    if (set) for (const w of [...set]) this.deliver(w, ev);
  }

  private passes(f: WatchFilter, obj: KubeObject | undefined): boolean {
    if (!obj) return false;
    if (f.namespace !== undefined && obj.metadata.namespace !== f.namespace) return false;
    if (f.name !== undefined && obj.metadata.name !== f.name) return false;
    if (f.labels && !matches(f.labels, obj.metadata.labels)) return false;
    if (f.fields && f.fields.length && !fieldsMatch(f.fields, obj)) return false;
    return true;
  }

  private deliver(w: Watcher, ev: WatchEvent): void {
    const f = w.filter;
    if (ev.object.kind !== f.kind) return;
    const cur = ev.type !== 'DELETED' && this.passes(f, ev.object);
    const old = ev.type === 'ADDED' ? false : this.passes(f, ev.type === 'DELETED' ? ev.object : ev.oldObject);
    if (ev.type === 'DELETED') {
      if (old) w.send('DELETED', ev.object);
      return;
    }
    if (cur && old) w.send('MODIFIED', ev.object);
    else if (cur) w.send('ADDED', ev.object);
    else if (old) {
      // The previous content, at the event's resourceVersion (cacheWatcher.convertToWatchEvent).
      const prev = ev.oldObject!;
      w.send('DELETED', { ...prev, metadata: { ...prev.metadata, resourceVersion: ev.object.metadata.resourceVersion } });
    }
  }
}
