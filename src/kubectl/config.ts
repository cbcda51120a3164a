// `kubectl config view|current-context|get-contexts|use-context|set-context` in the emulation,
// on the kubeconfig kubespec serve writes (./kubeconfig-state): what kubectl prints for it (secrets
// redacted as `kubectl config view` does), and the namespace a `set-context --current
// --namespace=X` gives the commands after it.
import { kubeconfigOf, type KubeconfigState } from './kubeconfig-state';
import { formatTable } from './printers/tabwriter';
import { KubectlError, Output, type OpResult } from './resources';
import type { VerbContext } from './verbs';

/** The kubeconfig as `config view` shows it: the CA and token redacted, keys in clientcmd's (sorted) order. */
function viewDoc(s: KubeconfigState, minify: boolean): Record<string, unknown> {
  const contexts = minify ? s.contexts.filter((c) => c.name === s.currentContext) : s.contexts;
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: s.server }, name: 'kubespec' }],
    contexts: contexts.map((c) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: c.name })),
    'current-context': s.currentContext,
    kind: 'Config',
    preferences: {},
    users: [{ name: 'kubespec', user: { token: 'REDACTED' } }],
  };
}

/** The view as -o json writes it: clientcmd's Go struct field order (kind first, current-context last). */
function jsonDoc(doc: Record<string, any>): Record<string, unknown> {
  return {
    kind: doc.kind,
    apiVersion: doc.apiVersion,
    preferences: doc.preferences,
    clusters: doc.clusters.map((c: any) => ({ name: c.name, cluster: { server: c.cluster.server, 'certificate-authority-data': c.cluster['certificate-authority-data'] } })),
    users: doc.users.map((u: any) => ({ name: u.name, user: u.user })),
    contexts: doc.contexts.map((c: any) => ({ name: c.name, context: { cluster: c.context.cluster, user: c.context.user, ...(c.context.namespace ? { namespace: c.context.namespace } : {}) } })),
    'current-context': doc['current-context'],
  };
}

/** The YAML kubectl writes for the view (sigs.k8s.io/yaml: two-space maps, lists not indented). */
function viewYaml(doc: Record<string, unknown>): string {
  const lines: string[] = [];
  const scalar = (v: unknown) => String(v);
  const emit = (v: unknown, indent: string, key: string) => {
    if (Array.isArray(v)) {
      if (!v.length) return lines.push(`${indent}${key}: []`);
      lines.push(`${indent}${key}:`);
      for (const item of v) {
        const entries = Object.entries(item as Record<string, unknown>);
        entries.forEach(([k, x], i) => {
          const prefix = i === 0 ? `${indent}- ` : `${indent}  `;
          if (x !== null && typeof x === 'object') {
            const inner = Object.entries(x as Record<string, unknown>);
            if (!inner.length) lines.push(`${prefix}${k}: {}`);
            else {
              lines.push(`${prefix}${k}:`);
              for (const [k2, y] of inner) lines.push(`${indent}    ${k2}: ${scalar(y)}`);
            }
          } else lines.push(`${prefix}${k}: ${scalar(x)}`);
        });
      }
      return;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (!entries.length) return lines.push(`${indent}${key}: {}`);
      lines.push(`${indent}${key}:`);
      for (const [k, x] of entries) emit(x, `${indent}  `, k);
      return;
    }
    lines.push(`${indent}${key}: ${scalar(v)}`);
  };
  for (const [k, v] of Object.entries(doc)) emit(v, '', k);
  return lines.join('\n') + '\n';
}

export function configCommand(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    const s = kubeconfigOf(ctx.cluster);
    const { args, flags, given } = ctx.cmd;
    switch (ctx.cmd.path[1]) {
      case 'view': {
        const doc = viewDoc(s, flags.minify === true);
        const output = String(flags.output ?? '') || 'yaml';
        if (output === 'yaml') out.out(viewYaml(doc));
        else if (output === 'json') out.out(`${JSON.stringify(jsonDoc(doc), null, 4)}\n`);
        else if (output.startsWith('jsonpath=')) {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { jsonPath } = require('./printers') as typeof import('./printers');
          out.out(jsonPath(output.slice('jsonpath='.length), doc));
        } else throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
        break;
      }
      case 'current-context':
        out.out(`${s.currentContext}\n`);
        break;
      case 'get-contexts': {
        const wanted = args.length ? s.contexts.filter((c) => args.includes(c.name)) : s.contexts;
        for (const a of args) if (!s.contexts.some((c) => c.name === a)) throw new KubectlError(`context ${a} not found`);
        if (String(flags.output ?? '') === 'name') {
          for (const c of wanted) out.out(`${c.name}\n`);
          break;
        }
        const rows = flags['no-headers'] === true ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
        for (const c of wanted) rows.push([c.name === s.currentContext ? '*' : '', c.name, c.cluster, c.user, c.namespace ?? '']);
        out.out(formatTable(rows));
        break;
      }
      case 'get-clusters':
      case 'get-users':
        out.out('NAME\nkubespec\n');
        break;
      case 'use-context': {
        const name = args[0] ?? '';
        if (!s.contexts.some((c) => c.name === name)) throw new KubectlError(`no context exists with the name: ${JSON.stringify(name)}`);
        s.currentContext = name;
        out.out(`Switched to context ${JSON.stringify(name)}.\n`);
        break;
      }
      case 'set-context': {
        const current = flags.current === true;
        if (current && args.length) throw new KubectlError('you cannot specify both a context name and --current');
        const name = current ? s.currentContext : (args[0] ?? '');
        if (!name) throw new KubectlError('you must specify a non-empty context name or --current');
        let ctxEntry = s.contexts.find((c) => c.name === name);
        const created = !ctxEntry;
        if (!ctxEntry) {
          ctxEntry = { name, cluster: '', user: '' };
          s.contexts.push(ctxEntry);
        }
        if (given.has('cluster')) ctxEntry.cluster = String(flags.cluster);
        if (given.has('user')) ctxEntry.user = String(flags.user);
        if (given.has('namespace')) ctxEntry.namespace = String(flags.namespace) || undefined;
        out.out(`Context ${JSON.stringify(name)} ${created ? 'created' : 'modified'}.\n`);
        break;
      }
    }
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}
