// The resources `kubespec serve` answers for, with what discovery says of each (verbs, short names,
// categories, subresources), as a v1.32 kube-apiserver lists them for the same kinds
// (`kubectl api-resources -o wide` on a kind cluster). One table, read by discovery and the router.
import { KINDS, type KindInfo } from '../../apiserver/kinds';

export interface Subresource {
  name: string;
  /** The kind the subresource answers with, when not the parent's. */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

export interface ServedResource {
  info: KindInfo;
  group: string;
  version: string;
  verbs: string[];
  categories: string[];
  subresources: Subresource[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const GPU = ['get', 'patch', 'update'];

const EXTRA: Record<string, { categories?: string[]; subresources?: Subresource[]; verbs?: string[] }> = {
  Pod: {
    categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: GPU },
      { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      { name: 'resize', kind: 'Pod', verbs: GPU },
      { name: 'status', kind: 'Pod', verbs: GPU },
    ],
  },
  Service: {
    categories: ['all'],
    subresources: [
      { name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      { name: 'status', kind: 'Service', verbs: GPU },
    ],
  },
  Node: {
    subresources: [
      { name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      { name: 'status', kind: 'Node', verbs: GPU },
    ],
  },
  Namespace: {
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [
      { name: 'finalize', kind: 'Namespace', verbs: ['update'] },
      { name: 'status', kind: 'Namespace', verbs: GPU },
    ],
  },
  Deployment: {
    categories: ['all'],
    subresources: [
      { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: GPU },
      { name: 'status', kind: 'Deployment', verbs: GPU },
    ],
  },
  ReplicaSet: {
    categories: ['all'],
    subresources: [
      { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: GPU },
      { name: 'status', kind: 'ReplicaSet', verbs: GPU },
    ],
  },
  DaemonSet: {
    categories: ['all'],
    subresources: [{ name: 'status', kind: 'DaemonSet', verbs: GPU }],
  },
};

function version(info: KindInfo): string {
  return info.apiVersion.split('/').pop()!;
}

export const SERVED: readonly ServedResource[] = KINDS.map((info) => ({
  info,
  group: info.group,
  version: version(info),
  verbs: EXTRA[info.kind]?.verbs ?? CRUD,
  categories: EXTRA[info.kind]?.categories ?? [],
  subresources: EXTRA[info.kind]?.subresources ?? [],
}));

const byPath = new Map(SERVED.map((r) => [`${r.group}/${r.version}/${r.info.plural}`, r]));

/** The served resource at /api(s)/GROUP/VERSION/PLURAL, if any. */
export function servedResource(group: string, version: string, plural: string): ServedResource | undefined {
  return byPath.get(`${group}/${version}/${plural}`);
}

/** The group versions served, core first, in discovery order. */
export function servedGroupVersions(): { group: string; version: string }[] {
  const seen = new Set<string>();
  const out: { group: string; version: string }[] = [];
  for (const r of SERVED) {
    const key = `${r.group}/${r.version}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ group: r.group, version: r.version });
    }
  }
  return out;
}
