// The kinds the embedded API server serves, with the names kubectl resolves them by
// (`kubectl api-resources`: plural, singular, short names).

export interface KindInfo {
  kind: string;
  /** `apps/v1`, `v1`, ... */
  apiVersion: string;
  /** API group: '' for core. */
  group: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
}

export const KINDS: readonly KindInfo[] = [
  { kind: 'Pod', apiVersion: 'v1', group: '', plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true },
  { kind: 'Service', apiVersion: 'v1', group: '', plural: 'services', singular: 'service', shortNames: ['svc'], namespaced: true },
  { kind: 'Endpoints', apiVersion: 'v1', group: '', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true },
  { kind: 'Node', apiVersion: 'v1', group: '', plural: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false },
  { kind: 'Namespace', apiVersion: 'v1', group: '', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false },
  { kind: 'Event', apiVersion: 'v1', group: '', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true },
  { kind: 'ConfigMap', apiVersion: 'v1', group: '', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true },
  { kind: 'Secret', apiVersion: 'v1', group: '', plural: 'secrets', singular: 'secret', shortNames: [], namespaced: true },
  { kind: 'ServiceAccount', apiVersion: 'v1', group: '', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true },
  // apps/v1 in discovery's order (alphabetical): daemonsets, deployments, replicasets.
  // Differs from Kubernetes: DaemonSets are stored and served, but no DaemonSet controller runs.
  // The kubeadm boot (cluster/kubeadm.ts) writes the system DaemonSets' pods itself; one a user
  // creates gets no pods, and a deleted DaemonSet pod is not recreated.
  { kind: 'DaemonSet', apiVersion: 'apps/v1', group: 'apps', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true },
  { kind: 'Deployment', apiVersion: 'apps/v1', group: 'apps', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', group: 'apps', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true },
  {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    group: 'discovery.k8s.io',
    plural: 'endpointslices',
    singular: 'endpointslice',
    shortNames: [],
    namespaced: true,
  },
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));
const byKindLower = new Map(KINDS.map((k) => [k.kind.toLowerCase(), k]));
const byResourceName = new Map<string, KindInfo>();
for (const k of KINDS) {
  for (const n of [k.plural, k.singular, ...k.shortNames, `${k.plural}.${k.group}`, `${k.singular}.${k.group}`]) byResourceName.set(n, k);
}

/** Look a kind up by its Kind name (`Deployment`), case-insensitively. */
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind) ?? byKindLower.get(kind.toLowerCase());
}

/** Resolve what a kubectl user types (`deploy`, `pods`, `replicaset.apps`, `Service`) to a kind. */
export function resolveResource(name: string): KindInfo | undefined {
  const lower = name.toLowerCase();
  return byResourceName.get(lower) ?? byKindLower.get(lower);
}

/** `deployments.apps` / `pods`: the resource name the API server uses in messages. */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
