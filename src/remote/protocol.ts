// What the runner's thread and the network worker (worker.ts) say to each other: plain, cloneable
// data, one request and one reply per call.

export type WorkerRequest =
  | { op: 'connect'; kubeconfig?: string; context?: string; requestTimeoutMs: number }
  | { op: 'request'; method: string; path: string; body?: string; contentType?: string }
  /** A plain GET to an address on the cluster's network (a nodePort), without the kubeconfig's credentials. */
  | { op: 'get'; url: string; timeoutMs: number }
  /** Start watching a collection path from a resourceVersion (as the list that preceded it returned). */
  | { op: 'watch'; path: string; resourceVersion: string }
  /** Go on from a new resourceVersion (after a relist). */
  | { op: 'rewatch'; watch: number; resourceVersion: string }
  | { op: 'unwatch'; watches: number[] }
  /** What the watches delivered since the last call; waits up to waitMs for the first one. */
  | { op: 'events'; waitMs: number };

export interface WireEvent {
  watch: number;
  /** RELIST: the watch's resourceVersion expired (410 Gone); list again and rewatch. */
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'RELIST';
  /** The watch event's JSON line (parsed on the runner's thread, int64-exact). */
  line?: string;
}

export type ConnectReply = { server: string; context: string; user: string } | { error: string };

export type WorkerReply =
  | { error: string }
  | { status: number; body: string; date?: string; headers?: Record<string, string> }
  | { watch: number }
  | { events: WireEvent[]; errors: string[]; overflowed?: boolean }
  | ConnectReply
  | Record<string, never>;
