// Discovery documents: /version, the legacy /api, /apis, /api/v1 and /apis/GROUP/VERSION, and the
// aggregated form (apidiscovery.k8s.io/v2) kubectl 1.32 asks for first. All built once from the one
// table of served resources (./resources) and cached: discovery is on every kubectl's first call.
import { versionInfo } from '../../apiserver/version';
import { SERVED, servedGroupVersions, type ServedResource } from './resources';

/** Resources served outside the table of stored kinds (they store nothing). */
const VIRTUAL: { group: string; version: string; resource: string; kind: string; verbs: string[] }[] = [
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', verbs: ['create'] },
];

/** The server's version: the embedded cluster's one Kubernetes version (its kubelets report the same). */
export { versionInfo };

function groupVersions(): { group: string; version: string }[] {
  const out = servedGroupVersions();
  for (const v of VIRTUAL) if (!out.some((g) => g.group === v.group && g.version === v.version)) out.push({ group: v.group, version: v.version });
  return out;
}

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupList(): object {
  const groups = groupVersions()
    .filter((g) => g.group !== '')
    .map((g) => {
      const gv = { groupVersion: `${g.group}/${g.version}`, version: g.version };
      return { name: g.group, versions: [gv], preferredVersion: gv };
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

function legacyEntries(r: ServedResource): object[] {
  const main: Record<string, unknown> = {
    name: r.info.plural,
    singularName: r.info.singular,
    namespaced: r.info.namespaced,
    kind: r.info.kind,
    verbs: r.verbs,
  };
  if (r.info.shortNames.length) main.shortNames = r.info.shortNames;
  if (r.categories.length) main.categories = r.categories;
  const subs = r.subresources.map((s) => {
    const e: Record<string, unknown> = { name: `${r.info.plural}/${s.name}`, singularName: '', namespaced: r.info.namespaced };
    if (s.group !== undefined) e.group = s.group;
    if (s.version !== undefined) e.version = s.version;
    e.kind = s.kind;
    e.verbs = s.verbs;
    return e;
  });
  return [main, ...subs];
}

/** APIResourceList of one group version, or undefined when it is not served. */
export function apiResourceList(group: string, version: string): object | undefined {
  const served = SERVED.filter((r) => r.group === group && r.version === version);
  const virtual = VIRTUAL.filter((v) => v.group === group && v.version === version);
  if (!served.length && !virtual.length) return undefined;
  const resources = [
    ...served.flatMap(legacyEntries),
    ...virtual.map((v) => ({ name: v.resource, singularName: v.resource.replace(/s$/, ''), namespaced: false, kind: v.kind, verbs: v.verbs })),
  ].sort((a, b) => ((a as { name: string }).name < (b as { name: string }).name ? -1 : 1));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function aggregatedResource(r: ServedResource): object {
  const e: Record<string, unknown> = {
    resource: r.info.plural,
    responseKind: { group: '', version: '', kind: r.info.kind },
    scope: r.info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.info.singular,
    verbs: r.verbs,
  };
  if (r.info.shortNames.length) e.shortNames = r.info.shortNames;
  if (r.categories.length) e.categories = r.categories;
  if (r.subresources.length) {
    e.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return e;
}

/** The content type that marks an aggregated discovery answer (clients check it, not the body). */
export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core: true) or /apis. */
export function aggregatedDiscovery(core: boolean): object {
  const items = groupVersions()
    .filter((g) => (g.group === '') === core)
    .map((g) => {
      const resources = [
        ...SERVED.filter((r) => r.group === g.group && r.version === g.version).map(aggregatedResource),
        ...VIRTUAL.filter((v) => v.group === g.group && v.version === g.version).map((v) => ({
          resource: v.resource,
          responseKind: { group: '', version: '', kind: v.kind },
          scope: 'Cluster',
          singularResource: v.resource.replace(/s$/, ''),
          verbs: v.verbs,
        })),
      ].sort((a, b) => ((a as { resource: string }).resource < (b as { resource: string }).resource ? -1 : 1));
      return { metadata: { name: g.group, creationTimestamp: null }, versions: [{ version: g.version, resources, freshness: 'Current' }] };
    });
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** Does the Accept header ask for aggregated discovery (v2, or v2beta1 which we answer as v2)? */
export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  const params = new Map(
    accept
      .split(',')[0]
      .split(';')
      .slice(1)
      .map((p) => p.trim().split('=') as [string, string]),
  );
  return params.get('g') === 'apidiscovery.k8s.io' && params.get('as') === 'APIGroupDiscoveryList' && (params.get('v') === 'v2' || params.get('v') === 'v2beta1');
}
