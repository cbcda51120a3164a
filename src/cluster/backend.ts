// The cluster interface the kubectl emulation, the spec actions, the assertions and the runner talk
// to: an API (the REST verbs, as the real kubectl uses them) plus a way to let time pass. Two
// implementations: the embedded Cluster (simulated time, in-process API server) and RemoteCluster
// (src/remote: a real API server through a kubeconfig, the wall clock, watch-based settling).
// Nothing above this interface may reach into either one's internals.
import type { ApiServer } from '../apiserver/apiserver';
import type { Clock } from '../util/clock';
import type { Random } from '../util/random';
import type { SettleOptions } from './cluster';
import type { KubeObject } from '../apiserver/types';

/** The API verbs a client uses: reads (answered from a watch cache on a real cluster), writes, watch. */
export type ClusterApi = Pick<ApiServer, 'get' | 'getOrThrow' | 'list' | 'listDependents' | 'watch' | 'create' | 'update' | 'updateStatus' | 'patch' | 'delete'>;

/** What `kubectl logs` asks for (the log subresource's options; serve/api/rest.ts's LogOptions, kept here so the types need nothing of serve's). */
export interface PodLogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

export interface KubeCluster {
  /** 'embedded': kubespec's simulated cluster; 'remote': a real API server (kubespec run --kubeconfig). */
  readonly backend: 'embedded' | 'remote';
  readonly api: ClusterApi;
  /** Simulated time on the embedded cluster, the wall clock on a remote one (ms since the epoch). */
  readonly clock: Pick<Clock, 'now' | 'elapsed' | 'timestamp'>;
  /** The seeded random source (kubectl's own random suffixes draw from it). */
  readonly rng: Random;
  /** Reconciles run so far (the embedded cluster's budget; a remote cluster counts watch events). */
  readonly reconciles: number;
  /** Let the controllers finish what the last action started (throws SettleError past the bounds). */
  settle(opts?: SettleOptions): void;
  /** Let `ms` pass, then settle. */
  wait(ms: number, opts?: SettleOptions): void;
  /**
   * Live stepping, for the kubectl verbs that wait (wait, drain, rollout status, get -w): run what
   * is due up to `target` (ms); true when it stopped early with work still queued.
   */
  runUntil(target: number, maxReconciles: number): boolean;
  /** When something is next due (the embedded cluster's next timer; a remote one polls). */
  nextTimerAt(): number | undefined;
  /**
   * A container's log as the cluster keeps it (a real cluster's kubelet, through the API server).
   * Absent on the embedded cluster, whose logs kubespec makes up (serve/logs/log-store.ts).
   */
  podLogs?(pod: KubeObject, container: string, opts: PodLogOptions): string;
}
