// kubectl's information commands in the emulation, answered from what `kubespec serve` serves
// (its discovery table, its OpenAPI): api-resources, api-versions, cluster-info, explain,
// auth can-i (the admin user may do anything), top (no metrics-server), and the container commands
// (exec, attach, cp, port-forward, debug), refused as serve refuses them: no containers run here.
import { StatusError } from '../apiserver/errors';
import { resolveResource } from '../apiserver/kinds';
import { aggregatedDiscovery, apiGroupList } from '../serve/api/discovery';
import { kubeconfigOf } from './kubeconfig-state';
import { formatTable } from './printers/tabwriter';
import { KubectlError, Output, type OpResult } from './resources';
import type { VerbContext } from './verbs';

function run(fn: (out: Output) => void): OpResult {
  const out = new Output();
  try {
    fn(out);
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}

interface ApiResource {
  name: string;
  group: string;
  version: string;
  shortNames: string[];
  namespaced: boolean;
  kind: string;
  verbs: string[];
  categories: string[];
}

/** The resources discovery lists (subresources left out), from serve's aggregated discovery documents. */
function discoveredResources(): ApiResource[] {
  const out: ApiResource[] = [];
  for (const core of [true, false]) {
    const doc = aggregatedDiscovery(core) as { items: { metadata: { name: string }; versions: { version: string; resources: any[] }[] }[] };
    for (const g of doc.items) {
      const v = g.versions[0];
      for (const r of v.resources) {
        out.push({
          name: r.resource,
          group: g.metadata.name,
          version: v.version,
          shortNames: r.shortNames ?? [],
          namespaced: r.scope === 'Namespaced',
          kind: r.responseKind?.kind ?? '',
          verbs: r.verbs ?? [],
          categories: r.categories ?? [],
        });
      }
    }
  }
  return out;
}

/** `kubectl api-resources` (-o wide|name, --namespaced, --api-group, --verbs, --categories, --sort-by). */
export function apiResources(ctx: VerbContext): OpResult {
  return run((out) => {
    const fl = ctx.cmd.flags;
    const output = String(fl.output ?? '');
    if (output && output !== 'wide' && output !== 'name') throw new KubectlError(`--output ${output} is not available`);
    const sortBy = String(fl['sort-by'] ?? '');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError(`--sort-by accepts only name or kind`);
    const verbs = (fl.verbs as string[]) ?? [];
    const categories = (fl.categories as string[]) ?? [];
    let list = discoveredResources().filter((r) => {
      if (ctx.cmd.given.has('api-group') && r.group !== String(fl['api-group'])) return false;
      if (ctx.cmd.given.has('namespaced') && r.namespaced !== (fl.namespaced === true)) return false;
      if (verbs.length && !verbs.every((v) => r.verbs.includes(v))) return false;
      if (categories.length && !categories.every((c) => r.categories.includes(c))) return false;
      return true;
    });
    // sortableResource: by group (or the --sort-by field), then by name.
    const key = (r: ApiResource) => (sortBy === 'name' ? r.name : sortBy === 'kind' ? r.kind : r.group);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    list = list.map((r, i) => ({ r, i })).sort((a, b) => cmp(key(a.r), key(b.r)) || cmp(a.r.name, b.r.name) || a.i - b.i).map((x) => x.r);
    if (output === 'name') {
      for (const r of list) out.out(r.group ? `${r.name}.${r.group}\n` : `${r.name}\n`);
      return;
    }
    const wide = output === 'wide';
    const rows: string[][] = [];
    if (fl['no-headers'] !== true) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of list) {
      rows.push([r.name, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind, ...(wide ? [r.verbs.join(','), r.categories.join(',')] : [])]);
    }
    if (list.length) out.out(formatTable(rows));
  });
}

/** `kubectl api-versions`: every group version, sorted. */
export function apiVersions(_ctx: VerbContext): OpResult {
  const groups = (apiGroupList() as { groups: { versions: { groupVersion: string }[] }[] }).groups.flatMap((g) => g.versions.map((v) => v.groupVersion));
  return { stdout: [...groups, 'v1'].sort().map((v) => `${v}\n`).join(''), stderr: '', exitCode: 0 };
}

/** `kubectl cluster-info`: the control plane, and kube-system's Services labelled kubernetes.io/cluster-service=true. */
export function clusterInfo(ctx: VerbContext): OpResult {
  return run((out) => {
    if (ctx.cmd.args.length) {
      if (ctx.cmd.args[0] === 'dump') throw new KubectlError(`kubespec's kubectl emulation does not support "kubectl cluster-info dump"`);
      throw new KubectlError(`unknown command ${JSON.stringify(ctx.cmd.args[0])} for "kubectl cluster-info"`);
    }
    const host = kubeconfigOf(ctx.cluster).server;
    out.out(`Kubernetes control plane is running at ${host}\n`);
    const ns = ctx.explicitNamespace ? ctx.namespace : 'kube-system';
    for (const svc of ctx.cluster.api.list('Service', { namespace: ns, labelSelector: 'kubernetes.io/cluster-service=true' })) {
      let link = '';
      const ingress = svc.status?.loadBalancer?.ingress ?? [];
      if (ingress.length) {
        const ip = ingress[0].ip || ingress[0].hostname;
        for (const p of svc.spec?.ports ?? []) link += `http://${ip}:${p.port} `;
      } else {
        let name = svc.metadata.name!;
        const port = svc.spec?.ports?.[0];
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          // utilnet.JoinSchemeNamePort
          name = scheme ? `${scheme}:${name}:${port.name ?? ''}` : port.name ? `${name}:${port.name}` : name;
        }
        link = `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      out.out(`${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${link}\n`);
    }
    out.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  });
}

/** `kubectl explain`: from the OpenAPI v3 documents serve serves (./explain). */
export function explain(ctx: VerbContext): OpResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./explain') as typeof import('./explain')).explain(ctx);
}

/**
 * `kubectl auth can-i VERB RESOURCE`: `yes` for everything, as kubespec serve answers a
 * SelfSubjectAccessReview for its one (admin) user.
 */
export function canI(ctx: VerbContext): OpResult {
  return run((out) => {
    const { args, flags } = ctx.cmd;
    // kubespec serve has no SelfSubjectRulesReview: the real kubectl gets a 404 there.
    if (flags.list === true) throw new StatusError('NotFound', 'the server could not find the requested resource');
    if (args.length < 2 && !(args.length === 1 && args[0].startsWith('/'))) {
      throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    }
    if (args.length > 2) throw new KubectlError(`you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.`);
    const resource = args[1]?.split('/')[0] ?? '';
    if (resource && resource !== '*' && !args[1].startsWith('/') && !resolveResource(resource.split('.')[0])) {
      out.err(`Warning: the server doesn't have a resource type '${resource}'\n\n`);
    }
    if (flags.quiet !== true) out.out('yes\n');
  });
}

/** `kubectl auth whoami`: serve has no SelfSubjectReview API, so kubectl says so. */
export function whoami(_ctx: VerbContext): OpResult {
  return { stdout: '', stderr: 'error: the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API\n', exitCode: 1 };
}

/** `kubectl top node|pod`: kubespec runs no metrics-server. */
export function top(_ctx: VerbContext): OpResult {
  return { stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 };
}

/** What kubespec serve answers exec, attach and port-forward with (src/serve/http/server.ts). */
function noContainers(what: string): string {
  return `kubespec serve does not run containers, so ${what} is not simulated; use kubectl logs, describe and get to see what the pod does, and the Service's NodePort for HTTP`;
}

/**
 * exec, attach, cp, port-forward, debug: refused in one line, as the real kubectl's last line reads
 * against kubespec serve (once the pod is found: a missing one is NotFound first).
 */
export function refuse(ctx: VerbContext, what: 'exec' | 'attach' | 'cp' | 'port-forward' | 'debug'): OpResult {
  return run(() => {
    const { args } = ctx.cmd;
    let target: string | undefined = args[0];
    if (what === 'cp') target = args.map((a) => /^([^/:]+\/)?[^/:]+:/.exec(a)?.[0].slice(0, -1)).find((a) => a !== undefined);
    if (target) {
      const slash = target.indexOf('/');
      const type = slash >= 0 ? target.slice(0, slash) : 'pod';
      const name = slash >= 0 ? target.slice(slash + 1) : target;
      const info = resolveResource(type);
      if (!info) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(type)}`);
      if (!ctx.cluster.api.get(info.kind, name, info.namespaced ? ctx.namespace : undefined)) {
        throw new StatusError('NotFound', `${info.group ? `${info.plural}.${info.group}` : info.plural} ${JSON.stringify(name)} not found`);
      }
    }
    if (what === 'port-forward') throw new KubectlError(`error upgrading connection: ${noContainers(what)}`);
    throw new StatusError('BadRequest', noContainers(what === 'cp' ? 'exec' : what));
  });
}
