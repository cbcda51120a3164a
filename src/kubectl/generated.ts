// What the verbs that build an object on the client share (create configmap|secret|service|...,
// run, expose, set ...): kubectl's output flag checked before anything as PrintFlags.ToPrinter
// checks it, the object sent unless --dry-run=client, and printed as kubectl prints a typed object
// (`configmap/x created (dry run)`, -o name|yaml|json|jsonpath=).
import type { KubeCluster } from '../cluster/backend';
import type { KindInfo } from '../apiserver/kinds';
import type { KubeObject } from '../apiserver/types';
import type { KubectlIO } from './index';
import { KubectlError } from './resources';

export type DryRun = 'none' | 'client' | 'server';

/** The formats a generator's PrintFlags accept, as kubectl lists them. */
export const GENERATOR_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** PrintFlags.ToPrinter: an unknown -o is refused before the command does anything. */
export function checkOutput(output: string, formats = GENERATOR_FORMATS): void {
  if (!output) return;
  const base = output.split('=')[0];
  if (['yaml', 'json', 'name'].includes(output)) return;
  if (/^(jsonpath|jsonpath-as-json)=/.test(output)) return;
  const gt = /^(go-template|template)=([\s\S]*)$/.exec(output);
  if (gt) {
    if (!gt[2]) throw new KubectlError('template format specified but no template given');
    // A template that does not parse is refused before anything is sent (GoTemplatePrintFlags.ToPrinter).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./gotemplate') as typeof import('./gotemplate')).parseGoTemplate(gt[2]);
    return;
  }
  if (['jsonpath', 'jsonpath-as-json', 'go-template', 'template'].includes(output)) throw new KubectlError('template format specified but no template given');
  if (formats.split(',').includes(base)) throw new KubectlError(`kubespec's kubectl emulation does not support -o ${base}`);
  throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${formats}`);
}

/** kubectl's DryRun flag values (cmdutil.GetDryRunStrategy). */
export function dryRunOf(v: string | undefined): DryRun {
  switch (v ?? 'none') {
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'unchanged':
    case 'true':
      return 'client';
    case 'server':
      return 'server';
  }
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export const dryRunSuffix = (d: DryRun | undefined): string => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

/** `deployment.apps/x` */
export function kindSlashName(info: Pick<KindInfo, 'kind' | 'group'>, name: string): string {
  return `${(info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase()}/${name}`;
}

/** The object as the wire carries it: a typed zero Time (`creationTimestamp: null`) is not sent. */
export function withoutNullTimes<T>(v: T): T {
  if (Array.isArray(v)) return v.map(withoutNullTimes) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null && k === 'creationTimestamp') continue;
    out[k] = withoutNullTimes(x);
  }
  return out as T;
}

/**
 * How an object prints (`-o yaml|json|name|jsonpath=`, or the `kind/name operation` line): typed as
 * the generators print (-o json in Go struct order), or unstructured (`typed` false: keys sorted).
 */
export function printTyped(obj: KubeObject, operation: string, output: string, dryRun: DryRun | undefined, typed = true): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const info = { kind: obj.kind, group: obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '' };
  if (output === 'name') return `${kindSlashName(info, obj.metadata.name ?? '')}\n`;
  if (output === 'yaml') return (require('./printers') as typeof import('./printers')).toYaml(obj);
  if (output === 'json') {
    if (!typed) return (require('./printers') as typeof import('./printers')).toJson(obj);
    return (require('./typed-json') as typeof import('./typed-json')).typedJson(obj as unknown as Record<string, unknown>);
  }
  const jp = /^(jsonpath|jsonpath-as-json)=([\s\S]*)$/.exec(output);
  if (jp) {
    const p = require('./printers') as typeof import('./printers');
    try {
      if (jp[1] === 'jsonpath') return p.jsonPath(jp[2], obj);
      return p.jsonPathResults(jp[2], obj).map((r) => p.toJson(r)).join('');
    } catch (e) {
      throw new KubectlError(`error parsing jsonpath ${jp[2]}, ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const gt = /^(go-template|template)=([\s\S]*)$/.exec(output);
  if (gt) {
    const g = require('./gotemplate') as typeof import('./gotemplate');
    // The raw data of an error's debugging lines is json.Marshal of the object: Go struct order when typed.
    const data = typed ? JSON.parse((require('./typed-json') as typeof import('./typed-json')).typedJson(obj as unknown as Record<string, unknown>)) : obj;
    return g.executeGoTemplate(gt[2], g.parseGoTemplate(gt[2]), data, undefined, typed ? data : undefined);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return `${kindSlashName(info, obj.metadata.name ?? '')} ${operation}${dryRunSuffix(dryRun)}\n`;
}

export interface SendOptions {
  /** The namespace the request goes to (a namespaced kind's object is created there). */
  namespace: string;
  dryRun?: DryRun;
  /** How the verb words a server error (`failed to create configmap: ...`); as is when absent. */
  wrap?: (e: unknown) => unknown;
}

/** Create the object (POST) unless --dry-run=client; the object kubectl then prints. */
export function sendCreate(cluster: KubeCluster, obj: KubeObject, opts: SendOptions): KubeObject {
  if (opts.dryRun === 'client') return obj;
  const wire = withoutNullTimes(obj);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveResource } = require('../apiserver/kinds') as typeof import('../apiserver/kinds');
  const info = resolveResource(obj.kind);
  if (!info || info.apiVersion !== obj.apiVersion) {
    // A kind the embedded API server does not serve (batch/v1 Job): the 404 of its POST.
    const e = new KubectlError('the server could not find the requested resource');
    throw opts.wrap ? opts.wrap(e) : e;
  }
  if (info.namespaced) wire.metadata = { ...wire.metadata, namespace: opts.namespace };
  try {
    return cluster.api.create(wire, { dryRun: opts.dryRun === 'server' });
  } catch (e) {
    throw opts.wrap ? opts.wrap(e) : e;
  }
}

/** `fmt.Errorf("failed to create x: %v", err)`: the server's message after the verb's words. */
export function wrapAs(prefix: string): (e: unknown) => unknown {
  return (e) => new KubectlError(`${prefix}${e instanceof Error ? e.message : String(e)}`);
}

/** A file or folder named by --from-file / --from-env-file: its bytes, or its regular files. */
export type Source = { kind: 'file'; data: Buffer } | { kind: 'dir'; entries: string[]; dirs?: string[] };

/** Read a source through the step's sandbox; kubectl's `error reading x: ...` when it is missing. */
export function readSource(io: KubectlIO, p: string): Source {
  try {
    if (io.readSource) return io.readSource(p);
    return { kind: 'file', data: Buffer.from(io.readFile(p).text, 'utf8') };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/no such file|does not exist|ENOENT/i.test(msg) && !/\.\.|absolute|symbolic/.test(msg)) throw new KubectlError(`error reading ${p}: no such file or directory`);
    throw new KubectlError(msg);
  }
}
