// The contract every controller keeps: level-triggered reconcile of one key, reading from and
// writing to the API server only (never another controller's internals), as client-go controllers do.
import type { ApiServer } from '../apiserver/apiserver';
import type { Clock } from '../util/clock';
import type { Random } from '../util/random';
import type { WorkQueue } from '../cluster/workqueue';
import type { EventRecorder } from '../cluster/events';
import type { ClusterConfig } from '../cluster/config';

export interface ControllerContext {
  api: ApiServer;
  clock: Clock;
  /** This controller's own random stream (forked from the cluster seed by controller name). */
  rng: Random;
  /** This controller's work queue: watch handlers add keys, `reconcile` receives them. */
  queue: WorkQueue;
  recorder: EventRecorder;
  config: ClusterConfig;
}

export interface Controller {
  /** Stable name: orders the settle loop and names the event source (`deployment-controller`). */
  readonly name: string;
  /** Register watch handlers (api.watch) that enqueue keys. Called once, before any reconcile. */
  start(ctx: ControllerContext): void;
  /**
   * Bring the world in line for one key (usually `namespace/name`). Must tolerate being called any
   * number of times, for objects that no longer exist, and must not throw for ordinary API errors
   * (conflicts, not-found): requeue instead.
   */
  reconcile(key: string): void;
}

/** `namespace/name` for namespaced objects, `name` otherwise (cache.MetaNamespaceKeyFunc). */
export function objectKey(obj: { metadata: { namespace?: string; name?: string } }): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

/** Split a key made by objectKey. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
