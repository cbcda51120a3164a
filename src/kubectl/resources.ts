// What a kubectl command acts on: resource arguments (`TYPE NAME`, `TYPE/NAME`, `TYPE1,TYPE2`),
// selectors and manifests from `-f`, resolved against the API server as cli-runtime's resource
// Builder resolves them; and errors rendered as kubectl's cmdutil.CheckErr renders them.
import type { ClusterApi } from '../cluster/backend';
import { StatusError, renderFieldError } from '../apiserver/errors';
import { resolveResource, type KindInfo } from '../apiserver/kinds';
import { SelectorParseError, parseSelector, type Selector } from '../apiserver/labels';
import { FieldSelectorParseError, fieldSelectorFor, type FieldRequirement } from '../apiserver/fields';
import type { KubeObject } from '../apiserver/types';
import { YamlError, parseYaml } from '../manifest/yaml';
import { asUnstructured, stringifyJson } from '../util/json';

/** `-k DIR`: kustomize is not built in (no maintained JavaScript kustomize renders as kubectl's does). */
export const KUSTOMIZE_REFUSED = "kubespec's kubectl emulation does not support -k (kustomize): name the manifests with -f instead (a file, a folder, or -R for its subfolders too)";

/** A client-side error, printed as `error: <message>` (or as is when it already starts so). */
export class KubectlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** An object read from a manifest, with the file it came from (for `error when creating "x.yaml"`). */
export interface SourcedObject {
  object: KubeObject;
  /** The file as the user named it; '' for objects that came from no file. */
  source: string;
}

/** What a command prints and its exit code. */
export interface OpResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The manifest files whose objects failed (in order), for a report to name the cause. */
  failedSources?: string[];
}

/** Collects output as a command runs; `errors` are rendered at the end as CheckErr does. */
/**
 * Run a verb against a fresh Output: whatever it throws becomes kubectl's error line (CheckErr),
 * after anything it printed. Every verb module's entry point goes through here.
 */
export function guarded(fn: (out: Output) => void, out: Output = new Output()): OpResult {
  try {
    fn(out);
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}

export class Output {
  stdout = '';
  stderr = '';
  readonly errors: unknown[] = [];
  private readonly failedSources: string[] = [];

  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
  /** Record an error; `source` is the manifest file the failing object came from, if any. */
  fail(e: unknown, source?: string): void {
    // An error that comes after output of its own (a go-template that failed as it ran).
    const printed = e instanceof KubectlError ? (e as KubectlError & { printed?: unknown }).printed : undefined;
    if (typeof printed === 'string') this.stdout += printed;
    this.errors.push(e);
    if (source && !this.failedSources.includes(source)) this.failedSources.push(source);
  }
  result(): OpResult {
    if (this.errors.length) this.stderr += renderErrors(this.errors);
    return { stdout: this.stdout, stderr: this.stderr, exitCode: this.errors.length ? 1 : 0, ...(this.failedSources.length ? { failedSources: [...this.failedSources] } : {}) };
  }
}

/** An API error with the file it concerns: cmdutil.AddSourceToErr. */
export function addSourceToErr(verb: string, source: string, e: unknown): unknown {
  if (!source) return e;
  if (e instanceof StatusError) {
    return new StatusError(e.reason, `error when ${verb} ${JSON.stringify(source)}: ${e.message}`, e.causes, e.kind, e.objectName);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new KubectlError(`error when ${verb} ${JSON.stringify(source)}: ${msg}`);
}

/** cmdutil.StandardErrorMessage / messageForError: how one error of an aggregate prints. */
function messageForError(e: unknown): string {
  if (e instanceof StatusError) return `Error from server (${e.reason}): ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** cmdutil.CheckErr: the text kubectl writes to stderr for the errors a command ended with. */
export function renderErrors(errors: unknown[]): string {
  if (errors.length === 0) return '';
  if (errors.length > 1) return errors.map((e) => withNewline(messageForError(e))).join('');
  const e = errors[0];
  if (e instanceof StatusError && e.reason === 'Invalid') {
    let s = 'The request is invalid';
    if (e.kind || e.objectName) s = `The ${e.kind ?? ''} ${JSON.stringify(e.objectName ?? '')} is invalid`;
    // statusCausesToAggrError drops duplicate causes.
    const causes = [...new Set(e.causes.map(renderFieldError))];
    // No causes: kubectl appends the server's message (seen with the real kubectl 1.32 against serve).
    if (!causes.length) return withNewline(`${s}: ${e.message}`);
    if (causes.length === 1) return `${s}: ${causes[0]}\n`;
    return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
  }
  if (e instanceof StatusError) return withNewline(messageForError(e));
  const msg = e instanceof Error ? e.message : String(e);
  return withNewline(msg.startsWith('error: ') ? msg : `error: ${msg}`);
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

// ---- resource arguments ------------------------------------------------------------------------

/** One resource type with the names asked for (undefined: every object the selector matches). */
export interface ResourceGroup {
  info: KindInfo;
  names?: string[];
}

/**
 * schema.ParseResourceArg's fully qualified spellings, through the shortcut expander:
 * `deployment.v1.apps` (resource.version.group), `deploy.apps` (resource.group).
 */
function resolveQualified(type: string): KindInfo | undefined {
  const parts = type.toLowerCase().split('.');
  if (parts.length < 2) return undefined;
  const info = resolveResource(parts[0]);
  if (!info) return undefined;
  if (parts.length >= 3 && info.group === parts.slice(2).join('.') && info.apiVersion.split('/').pop() === parts[1]) return info;
  return info.group && info.group === parts.slice(1).join('.') ? info : undefined;
}

/** `the server doesn't have a resource type "foo"` */
export function resolveKind(type: string): KindInfo {
  const info = resolveResource(type) ?? resolveQualified(type);
  // In discovery (for kubectl auth can-i) but not listable: the List request's 404.
  if (!info && /^selfsubjectaccessreviews?(\.authorization\.k8s\.io)?$/i.test(type)) {
    throw new StatusError('NotFound', 'Unable to list "authorization.k8s.io/v1, Resource=selfsubjectaccessreviews": the server could not find the requested resource');
  }
  // A dotted spelling that names nothing served: the mapper's error names its resource part.
  if (!info) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(type.includes('.') ? type.split('.')[0] : type)}`);
  return info;
}

/**
 * The `all` category (kubectl api-resources --categories=all), in discovery order, limited to the
 * kinds the embedded API server serves.
 */
const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets'];

/**
 * cli-runtime Builder.ResourceTypeOrNameArgs: `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2`, or
 * `TYPE/NAME...`. Groups keep the order the user gave.
 */
export function parseResourceArgs(args: string[]): ResourceGroup[] {
  if (!args.length) return [];
  const withSlash = args.filter((a) => a.includes('/'));
  if (withSlash.length) {
    if (withSlash.length !== args.length) {
      throw new KubectlError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const groups: ResourceGroup[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const info = resolveKind(type);
      const last = groups[groups.length - 1];
      if (last && last.info === info && last.names) last.names.push(name);
      else groups.push({ info, names: [name] });
    }
    return groups;
  }
  const types = args[0].split(',').filter(Boolean).flatMap((t) => (t.toLowerCase() === 'all' ? ALL_CATEGORY.map(resolveKind) : [resolveKind(t)]));
  if (args.length === 1) return types.map((info) => ({ info }));
  if (types.length > 1) throw new KubectlError('you must specify only one resource');
  return [{ info: types[0], names: args.slice(1) }];
}

export interface SelectOptions {
  namespace: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * The objects of a group: by name (missing names become NotFound errors, in order), or every object
 * matching the selectors in the namespace (all namespaces with -A).
 */
export function selectObjects(api: ClusterApi, group: ResourceGroup, opts: SelectOptions): { objects: KubeObject[]; errors: unknown[] } {
  const { info } = group;
  const ns = info.namespaced ? opts.namespace : undefined;
  if (group.names) {
    const objects: KubeObject[] = [];
    const errors: unknown[] = [];
    for (const name of group.names) {
      const obj = api.get(info.kind, name, ns);
      if (obj) objects.push(obj);
      else errors.push(new StatusError('NotFound', `${info.group ? `${info.plural}.${info.group}` : info.plural} ${JSON.stringify(name)} not found`, [], undefined, name));
    }
    return { objects, errors };
  }
  // The API server parses both selectors (the label one first) and checks the field labels the kind
  // supports; cli-runtime's Selector visitor words its BadRequest as below (resource/selector.go).
  let labelSelector: Selector | undefined;
  let fieldSelector: FieldRequirement[] | undefined;
  try {
    labelSelector = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
    fieldSelector = opts.fieldSelector ? fieldSelectorFor(info.kind, opts.fieldSelector) : undefined;
  } catch (e) {
    if (!(e instanceof SelectorParseError) && !(e instanceof FieldSelectorParseError)) throw e;
    const gvr = `${info.group}/${info.apiVersion.split('/').pop()}, Resource=${info.plural}`;
    throw new StatusError('BadRequest', `Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(opts.labelSelector ?? '')}, field selector ${JSON.stringify(opts.fieldSelector ?? '')}: ${e.message}`);
  }
  const objects = api.list(info.kind, { namespace: info.namespaced && !opts.allNamespaces ? opts.namespace : undefined, labelSelector, fieldSelector });
  return { objects, errors: [] };
}

// ---- manifests ---------------------------------------------------------------------------------

/**
 * The objects of a manifest file, in order. YAML errors read as kubectl's
 * (`error parsing x.yaml: error converting YAML to JSON: yaml: line 3: ...`); a `kind: List`
 * contributes its items.
 */
export function loadManifest(text: string, display: string): SourcedObject[] {
  let docs;
  try {
    docs = parseYaml(text, display);
  } catch (e) {
    if (e instanceof YamlError) throw new KubectlError(kubectlYamlMessage(e, text, display));
    throw e;
  }
  const out: SourcedObject[] = [];
  for (const doc of docs) {
    // kubectl's unstructured decoding: an integer past int64 is a float64 from here on.
    const v = asUnstructured(doc.value);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new KubectlError(`error validating ${JSON.stringify(display)}: error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const obj = v as KubeObject;
    if (typeof obj.kind === 'string' && /List$/.test(obj.kind) && Array.isArray((obj as any).items)) {
      for (const item of (obj as any).items) out.push({ object: item as KubeObject, source: display });
      continue;
    }
    if (!obj.kind) {
      throw new KubectlError(`unable to decode ${JSON.stringify(display)}: Object 'Kind' is missing in '${stringifyJson(obj)}'`);
    }
    if (!obj.apiVersion) {
      throw new KubectlError(`error validating ${JSON.stringify(display)}: error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    out.push({ object: obj, source: display });
  }
  return out;
}

/**
 * How kubectl words a YAML error in a manifest (`error parsing x.yaml: error converting YAML to
 * JSON: yaml: line 3: ...`), for `kubectl apply -f` and the spec's `apply:` steps alike.
 */
export function kubectlYamlMessage(e: YamlError, text: string, display: string): string {
  const dup = /^Map keys must be unique/.test(e.message) ? /"?([^"]*)"?$/.exec(keyAtLine(text, e.position.line))?.[1] : undefined;
  if (dup !== undefined) return `error parsing ${display}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${e.position.line}: key ${JSON.stringify(dup)} already set in map`;
  return `error parsing ${display}: error converting YAML to JSON: yaml: line ${e.position.line}: ${goYamlMessage(e.message)}`;
}

/**
 * kubespec's hint after kubectl's words: where exactly (line and column), and what to change for the
 * mistakes students make most (a tab, a key written twice).
 */
export function yamlHint(e: YamlError, text: string): string {
  const at = `${e.position.file}:${e.position.line}:${e.position.column}`;
  if (/Tabs are not allowed/i.test(e.message)) return `${at}: this line is indented with a tab; YAML indents with spaces only`;
  if (/^Map keys must be unique/.test(e.message)) {
    const key = /"?([^"]*)"?$/.exec(keyAtLine(text, e.position.line))?.[1];
    return `${at}: ${key ? `the key ${JSON.stringify(key)}` : 'a key'} is written twice in one map; keep one`;
  }
  return e.toString();
}

/**
 * The words go-yaml (libyaml's scanner and parser) uses for the mistakes people make most, in place
 * of the `yaml` library's; anything else keeps the library's words (a deliberate approximation).
 */
function goYamlMessage(message: string): string {
  if (/Tabs are not allowed/i.test(message)) return 'found character that cannot start any token';
  if (/Nested mappings are not allowed in compact mappings|Implicit map keys need to be/i.test(message)) return 'mapping values are not allowed in this context';
  if (/Flow sequence/i.test(message)) return "did not find expected ',' or ']'";
  if (/Flow map/i.test(message)) return "did not find expected ',' or '}'";
  if (/All mapping items must start at the same column|All collection items must start at the same column/i.test(message)) return 'did not find expected key';
  if (/Missing closing "quote|Missing closing 'quote/i.test(message)) return 'found unexpected end of stream';
  return message;
}

/** The key written on a line of YAML text (for duplicate-key messages). */
function keyAtLine(text: string, line: number): string {
  const l = text.split('\n')[line - 1] ?? '';
  return /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(l)?.[1].replace(/^['"]|['"]$/g, '') ?? '';
}

/** The kind of a manifest object, checked against its apiVersion (`no matches for kind`). */
export function manifestKind(so: SourcedObject, namespace: string): KindInfo {
  const obj = so.object;
  const info = resolveResource(obj.kind);
  if (!info || info.kind !== obj.kind || info.apiVersion !== obj.apiVersion) {
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    const ns = obj.metadata?.namespace ?? (info && !info.namespaced ? '' : namespace);
    throw new KubectlError(
      `resource mapping not found for name: ${JSON.stringify(obj.metadata?.name ?? '')} namespace: ${JSON.stringify(ns)} from ${JSON.stringify(so.source)}: no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(group ? `${group}/${version}` : version)}\nensure CRDs are installed first`,
    );
  }
  return info;
}

/**
 * The namespace an object from a manifest lives in: its own, or the command's; an explicit `-n`
 * that disagrees with the object's is an error (cli-runtime's namespace enforcement).
 */
export function objectNamespace(so: SourcedObject, info: KindInfo, namespace: string, explicitNamespace: boolean): string | undefined {
  if (!info.namespaced) return undefined;
  const own = so.object.metadata?.namespace;
  if (own && explicitNamespace && own !== namespace) {
    throw new KubectlError(`the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(namespace)}. You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || namespace;
}
