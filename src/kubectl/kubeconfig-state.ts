// The kubeconfig kubespec's kubectl emulation reads and writes, one per cluster: what `kubespec
// serve` writes (src/serve/kubeconfig.ts: cluster, user and context all `kubespec`, namespace
// default), changed by `kubectl config set-context` / `use-context` for the commands after it.

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubeconfigState {
  /** The API server's address as serve's kubeconfig names it (serve's default port). */
  server: string;
  currentContext: string;
  contexts: KubeContext[];
}

const states = new WeakMap<object, KubeconfigState>();

/** The kubeconfig of this cluster's kubectl (created as serve writes it on first use). */
export function kubeconfigOf(cluster: object): KubeconfigState {
  let s = states.get(cluster);
  if (!s) {
    s = { server: 'https://127.0.0.1:6443', currentContext: 'kubespec', contexts: [{ name: 'kubespec', cluster: 'kubespec', user: 'kubespec', namespace: 'default' }] };
    states.set(cluster, s);
  }
  return s;
}

/** The namespace commands act in without `-n`: the current context's, else `default`. */
export function contextNamespace(cluster: object): string {
  const s = states.get(cluster);
  if (!s) return 'default';
  return s.contexts.find((c) => c.name === s.currentContext)?.namespace || 'default';
}
