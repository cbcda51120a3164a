// `kubectl create <generator>`: namespace, configmap, secret generic|tls|docker-registry, service
// clusterip|nodeport|loadbalancer|externalname, serviceaccount, deployment, job. Each builds the
// typed object kubectl 1.32 builds (pkg/cmd/create/create_*.go), sends it unless
// --dry-run=client, and prints it as kubectl prints a typed object.
import type { KubeObject } from '../apiserver/types';
import { modifiedConfigurationTyped, validateConfigMapKey, validateEnvVarName, validatePortName } from './validation';
import { checkOutput, dryRunOf, printTyped, readSource, sendCreate, wrapAs, type DryRun } from './generated';
import { KubectlError, Output, resolveKind, type OpResult } from './resources';
import type { VerbContext } from './verbs-objects';

interface Common {
  name: string;
  namespace: string;
  /** The namespace written into the object: only with an explicit -n (EnforceNamespace). */
  objectNamespace?: string;
  dryRun: DryRun;
  output: string;
}

const flagStr = (c: VerbContext, n: string): string => String(c.cmd.flags[n] ?? '');
const flagList = (c: VerbContext, n: string): string[] => (c.cmd.flags[n] as string[] | undefined) ?? [];

/** create.NameFromCommandArgs: exactly one NAME before any `--`. */
function nameFrom(c: VerbContext): string {
  const n = c.cmd.argsLenAtDash !== undefined && c.cmd.argsLenAtDash >= 0 ? c.cmd.argsLenAtDash : c.cmd.args.length;
  if (n !== 1) throw new KubectlError(`exactly one NAME is required, got ${n}\nSee 'kubectl ${c.cmd.path.join(' ')} -h' for help and examples`);
  return c.cmd.args[0];
}

/** Complete(): the name, the dry-run strategy and the printer, in kubectl's order. */
function complete(c: VerbContext): Common {
  const name = nameFrom(c);
  const dryRun = dryRunOf(flagStr(c, 'dry-run'));
  const output = flagStr(c, 'output');
  checkOutput(output);
  return { name, namespace: c.namespace, objectNamespace: c.explicitNamespace ? c.namespace : undefined, dryRun, output };
}

function meta(o: Common, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  return { creationTimestamp: null, ...extra, name: o.name, ...(o.objectNamespace ? { namespace: o.objectNamespace } : {}) } as unknown as KubeObject['metadata'];
}

/** --save-config: the last-applied annotation, the typed object's JSON. */
function saveConfig(c: VerbContext, obj: KubeObject): void {
  if (c.cmd.flags['save-config'] !== true) return;
  const annotation = modifiedConfigurationTyped(obj);
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': annotation };
}

/** Send (unless a client dry run) and print: the end of every generator's Run(). */
function finish(c: VerbContext, o: Common, obj: KubeObject, wrap?: (e: unknown) => unknown, withSaveConfig = true): OpResult {
  if (withSaveConfig) saveConfig(c, obj);
  const result = sendCreate(c.cluster, obj, { namespace: o.namespace, dryRun: o.dryRun, wrap });
  return { stdout: printTyped(result, 'created', o.output, o.dryRun), stderr: '', exitCode: 0 };
}

function guarded(fn: () => OpResult): OpResult {
  try {
    return fn();
  } catch (e) {
    const out = new Output();
    out.fail(e);
    return out.result();
  }
}

// ---- namespace, serviceaccount -----------------------------------------------------------------

export function createNamespace(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    // create_namespace.go: cluster-scoped, the server's error as it is.
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: meta({ ...o, objectNamespace: undefined }), spec: {}, status: {} };
    return finish(c, o, obj);
  });
}

export function createServiceAccount(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(o) };
    return finish(c, o, obj, wrapAs('failed to create serviceaccount: '));
  });
}

// ---- configmap, secret -------------------------------------------------------------------------

/** util.ParseLiteralSource */
function parseLiteral(source: string): [string, string] {
  const i = source.indexOf('=');
  if (i <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** util.ParseFileSource: `[key=]path`. */
function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [source.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop() || '/', source];
  if (n === 1 && source.startsWith('=')) throw new KubectlError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new KubectlError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new KubectlError("key names or file paths cannot contain '='");
  const [k, p] = source.split('=');
  return [k, p];
}

/** cmdutil.AddFromEnvFile: `KEY=value` lines; `#` comments and blank lines skipped. */
function envFileEntries(data: Buffer): [string, string][] {
  const out: [string, string][] = [];
  let text = data.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^[\s\u0085\u00a0]+/, '');
    if (!line.length || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    const key = i < 0 ? line : line.slice(0, i);
    const errs = validateEnvVarName(key);
    if (errs.length) throw new KubectlError(`${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`);
    // A line without `=` takes the variable from kubectl's environment: the emulation has none.
    out.push([key, i < 0 ? '' : line.slice(i + 1)]);
  }
  return out;
}

const isUtf8 = (b: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Every --from-file source as key/bytes pairs: a folder gives its regular files. */
function fileSources(c: VerbContext, sources: string[], add: (key: string, data: Buffer) => void): void {
  for (const source of sources) {
    const [key, p] = parseFileSource(source);
    const src = readSource(c.io, p);
    if (src.kind === 'dir') {
      if (source.includes('=')) throw new KubectlError('cannot give a key name for a directory path');
      for (const entry of src.entries) {
        const item = readSource(c.io, `${p.replace(/\/+$/, '')}/${entry}`);
        if (item.kind === 'file') add(entry, item.data);
      }
    } else add(key, src.data);
  }
}

function envFileSources(c: VerbContext, sources: string[], what: string, add: (key: string, value: string) => void): void {
  for (const p of sources) {
    const src = readSource(c.io, p);
    if (src.kind === 'dir') throw new KubectlError(`env ${what} file cannot be a directory`);
    for (const [k, v] of envFileEntries(src.data)) add(k, v);
  }
}

function checkSources(c: VerbContext): void {
  if (flagList(c, 'from-env-file').length && (flagList(c, 'from-file').length || flagList(c, 'from-literal').length)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
}

/**
 * --append-hash (kubectl's util/hash ConfigMapHash, SecretHash): the name gets `-` and the first ten
 * hex digits of the SHA-256 of the object's kind, name and data as Go's json.Marshal writes them,
 * with 0 1 3 a e spelt g h k m t.
 */
function appendHash(c: VerbContext, obj: KubeObject): void {
  if (c.cmd.flags['append-hash'] !== true) return;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { toCompactJson } = require('./printers/json') as typeof import('./printers/json');
  const crypto = require('crypto') as typeof import('crypto');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const name = obj.metadata.name!;
  const doc: Record<string, unknown> =
    obj.kind === 'ConfigMap'
      ? { kind: 'ConfigMap', name, data: obj.data ?? {}, ...(obj.binaryData && Object.keys(obj.binaryData).length ? { binaryData: obj.binaryData } : {}) }
      : { kind: 'Secret', type: obj.type ?? '', name, data: obj.data ?? {} };
  const hex = crypto.createHash('sha256').update(toCompactJson(doc)).digest('hex');
  const hash = hex.slice(0, 10).replace(/[013ae]/g, (ch) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[ch]!);
  obj.metadata.name = `${name}-${hash}`;
}

export function createConfigMap(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    checkSources(c);
    const data: Record<string, string> = {};
    const binaryData: Record<string, string> = {};
    const check = (key: string) => {
      const errs = validateConfigMapKey(key);
      if (errs.length) throw new KubectlError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
      if (key in data) throw new KubectlError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(o.name)}`);
      if (key in binaryData) throw new KubectlError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in BinaryData for ConfigMap ${JSON.stringify(o.name)}`);
    };
    const literal = (key: string, value: string) => {
      check(key);
      data[key] = value;
    };
    fileSources(c, flagList(c, 'from-file'), (key, bytes) => {
      if (isUtf8(bytes)) return literal(key, bytes.toString('utf8'));
      check(key);
      binaryData[key] = bytes.toString('base64');
    });
    for (const s of flagList(c, 'from-literal')) literal(...parseLiteral(s));
    envFileSources(c, flagList(c, 'from-env-file'), 'config', literal);
    const obj: KubeObject = {
      apiVersion: 'v1',
      ...(Object.keys(binaryData).length ? { binaryData } : {}),
      ...(Object.keys(data).length ? { data } : {}),
      kind: 'ConfigMap',
      metadata: meta(o),
    };
    appendHash(c, obj);
    return finish(c, o, obj, wrapAs('failed to create configmap: '));
  });
}

function secretObject(o: Common, type: string, data: Record<string, Buffer>): KubeObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.toString('base64')]));
  return { apiVersion: 'v1', ...(Object.keys(encoded).length ? { data: encoded } : {}), kind: 'Secret', metadata: meta(o), ...(type ? { type } : {}) };
}

/** addKeyFromLiteralToSecret */
function addSecretKey(data: Record<string, Buffer>, key: string, value: Buffer): void {
  const errs = validateConfigMapKey(key);
  if (errs.length) throw new KubectlError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (key in data) throw new KubectlError(`cannot add key ${key}, another key by that name already exists`);
  data[key] = value;
}

export function createSecretGeneric(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    checkSources(c);
    const data: Record<string, Buffer> = {};
    for (const s of flagList(c, 'from-literal')) {
      const [k, v] = parseLiteral(s);
      addSecretKey(data, k, Buffer.from(v, 'utf8'));
    }
    fileSources(c, flagList(c, 'from-file'), (k, bytes) => addSecretKey(data, k, bytes));
    envFileSources(c, flagList(c, 'from-env-file'), 'secret', (k, v) => addSecretKey(data, k, Buffer.from(v, 'utf8')));
    const secret = secretObject(o, flagStr(c, 'type'), data);
    appendHash(c, secret);
    return finish(c, o, secret, wrapAs('failed to create secret '));
  });
}

export function createSecretTls(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    const cert = flagStr(c, 'cert');
    const key = flagStr(c, 'key');
    if (!cert || !key) throw new KubectlError('key and cert must be specified');
    const read = (p: string): Buffer => {
      try {
        const src = readSource(c.io, p);
        if (src.kind === 'dir') throw new KubectlError(`Cannot read file ${p}, read ${p}: is a directory`);
        return src.data;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        if (/^error reading .*: no such file or directory$/.test(msg)) throw new KubectlError(`Cannot read file ${p}, open ${p}: no such file or directory`);
        throw e;
      }
    };
    const certData = read(cert);
    const keyData = read(key);
    checkKeyPair(certData, keyData);
    const secret = secretObject(o, 'kubernetes.io/tls', { 'tls.crt': certData, 'tls.key': keyData });
    appendHash(c, secret);
    return finish(c, o, secret, wrapAs('failed to create secret '));
  });
}

export function createSecretDockerRegistry(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    const username = flagStr(c, 'docker-username');
    const password = flagStr(c, 'docker-password');
    const server = flagStr(c, 'docker-server');
    const email = flagStr(c, 'docker-email');
    const files = flagList(c, 'from-file');
    if (!files.length && (!username || !password || !server)) {
      throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
    const data: Record<string, Buffer> = {};
    if (!files.length) {
      // create_secret_docker.go DockerConfigJSON / DockerConfigEntry (fields omitempty).
      const entry: Record<string, string> = {};
      if (username) entry.username = username;
      if (password) entry.password = password;
      if (email) entry.email = email;
      entry.auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { goJsonEscape } = require('./printers/json') as typeof import('./printers/json');
      data['.dockerconfigjson'] = Buffer.from(goJsonEscape(JSON.stringify({ auths: { [server]: entry } })), 'utf8');
    }
    fileSources(c, files, (k, bytes) => addSecretKey(data, k, bytes));
    const secret = secretObject(o, 'kubernetes.io/dockerconfigjson', data);
    appendHash(c, secret);
    return finish(c, o, secret, wrapAs('failed to create secret '));
  });
}

/** The PEM blocks of a text: their types and bodies. */
function pemBlocks(data: Buffer): { type: string; pem: string }[] {
  const out: { type: string; pem: string }[] = [];
  for (const m of data.toString('latin1').matchAll(/-----BEGIN ([^-\n]+)-----[\s\S]*?-----END \1-----/g)) out.push({ type: m[1], pem: m[0] });
  return out;
}

/** crypto/tls X509KeyPair's checks, in its words. */
function checkKeyPair(certData: Buffer, keyData: Buffer): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const crypto = require('crypto') as typeof import('crypto');
  const certBlocks = pemBlocks(certData);
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (!certs.length) {
    if (!certBlocks.length) throw new KubectlError('tls: failed to find any PEM data in certificate input');
    if (certBlocks.some((b) => b.type.endsWith('PRIVATE KEY'))) throw new KubectlError('tls: failed to find certificate PEM data in certificate input, instead found a private key');
    throw new KubectlError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certBlocks.map((b) => b.type).join(' ')}]`);
  }
  const keyBlocks = pemBlocks(keyData);
  const keyBlock = keyBlocks.find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'));
  if (!keyBlock) {
    if (!keyBlocks.length) throw new KubectlError('tls: failed to find any PEM data in key input');
    if (keyBlocks.some((b) => b.type === 'CERTIFICATE')) throw new KubectlError('tls: found a certificate rather than a key in the PEM for the private key');
    throw new KubectlError(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyBlocks.map((b) => b.type).join(' ')}]`);
  }
  let certKey: Buffer;
  try {
    certKey = new crypto.X509Certificate(certs[0].pem).publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    throw new KubectlError('x509: malformed certificate');
  }
  let ownKey: Buffer;
  try {
    ownKey = crypto.createPublicKey(crypto.createPrivateKey(keyBlock.pem)).export({ type: 'spki', format: 'der' });
  } catch {
    throw new KubectlError('tls: failed to parse private key');
  }
  if (!certKey.equals(ownKey)) throw new KubectlError('tls: private key does not match public key');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

// ---- service -----------------------------------------------------------------------------------

/** utilsnet.ParsePort(s, true): strconv.ParseUint(s, 10, 16). */
function parsePortNumber(s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** create_service.go parsePorts: `port[:targetPort]`, the target a number or a port name. */
function parsePorts(spec: string): [number, number | string] {
  const parts = spec.split(':');
  const port = parsePortNumber(parts[0]);
  if (parts.length === 1) return [port, port];
  const t = parts[1];
  if (/^[+-]?[0-9]+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new KubectlError('must be between 1 and 65535, inclusive');
    return [port, n];
  }
  const errs = validatePortName(t);
  if (errs.length) throw new KubectlError(errs.join(','));
  return [port, t];
}

function createService(c: VerbContext, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'): OpResult {
  return guarded(() => {
    if (type === 'ExternalName' && !c.cmd.given.has('external-name')) throw new KubectlError('required flag(s) "external-name" not set');
    const o = complete(c);
    const tcp = flagList(c, 'tcp');
    const clusterIP = flagStr(c, 'clusterip');
    const externalName = flagStr(c, 'external-name');
    if (clusterIP === 'None' && type !== 'ClusterIP') throw new KubectlError('ClusterIP=None can only be used with ClusterIP service type');
    if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName') throw new KubectlError('at least one tcp port specifier must be provided');
    if (type === 'ExternalName' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName) || externalName.length > 253) {
      throw new KubectlError(`invalid service external name ${externalName}`);
    }
    const nodePort = Number(c.cmd.flags['node-port'] ?? 0);
    const ports = tcp.map((spec) => {
      const [port, targetPort] = parsePorts(spec);
      return { name: spec.replace(/:/g, '-'), ...(nodePort ? { nodePort } : {}), port, protocol: 'TCP', targetPort };
    });
    const labels = { app: o.name };
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(o, { labels }),
      spec: {
        ...(clusterIP ? { clusterIP } : {}),
        ...(externalName ? { externalName } : {}),
        ...(ports.length ? { ports } : {}),
        selector: { app: o.name },
        type,
      },
      status: { loadBalancer: {} },
    };
    // create_service.go never reads --save-config: kubectl 1.32 writes no annotation for a Service.
    return finish(c, o, obj, wrapAs(`failed to create ${type} service: `), false);
  });
}

export const createServiceClusterIP = (c: VerbContext): OpResult => createService(c, 'ClusterIP');
export const createServiceNodePort = (c: VerbContext): OpResult => createService(c, 'NodePort');
export const createServiceLoadBalancer = (c: VerbContext): OpResult => createService(c, 'LoadBalancer');
export const createServiceExternalName = (c: VerbContext): OpResult => createService(c, 'ExternalName');

// ---- deployment, job ---------------------------------------------------------------------------

/** create_deployment.go buildPodSpec: a container per image, named after the image. */
export function containerNameForImage(image: string, c: VerbContext): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  // sanitizeAndUniquify: `_` and `.` become `-`, with a random suffix.
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${c.cluster.rng.fork('kubectl-create').string(5)}`;
  return name;
}

export function createDeployment(c: VerbContext): OpResult {
  return guarded(() => {
    const images = flagList(c, 'image');
    // cobra checks required flags before the command runs.
    if (!c.cmd.given.has('image')) throw new KubectlError('required flag(s) "image" not set');
    const o = complete(c);
    const replicas = Number(c.cmd.flags.replicas ?? 1);
    const port = Number(c.cmd.flags.port ?? -1);
    if (images.length > 1 && c.cmd.args.length > 1) throw new KubectlError('cannot specify multiple --image options and command');
    const command = c.cmd.args.slice(1);
    const labels = { app: o.name };
    const containers: Record<string, unknown>[] = images.map((image) => ({
      ...(command.length ? { command } : {}),
      image,
      name: containerNameForImage(image, c),
      resources: {},
    }));
    if (port >= 0 && containers.length) containers[0].ports = [{ containerPort: port }];
    const obj: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(o, { labels }),
      spec: {
        replicas,
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      },
      status: {},
    };
    return finish(c, o, obj, wrapAs('failed to create deployment: '));
  });
}

export function createJob(c: VerbContext): OpResult {
  return guarded(() => {
    const o = complete(c);
    const image = flagStr(c, 'image');
    const from = flagStr(c, 'from');
    const command = c.cmd.args.slice(1);
    if ((!image && !from) || (image && from)) throw new KubectlError('either --image or --from must be specified');
    if (command.length && from) throw new KubectlError('cannot specify --from and command');
    if (from) {
      const slash = from.indexOf('/');
      const info = resolveKind(slash < 0 ? from : from.slice(0, slash));
      if (info.kind !== 'CronJob') throw new KubectlError(`unknown object type ${info.kind}`);
    }
    const obj: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(o),
      spec: {
        template: {
          metadata: { creationTimestamp: null },
          spec: { containers: [{ ...(command.length ? { command } : {}), image, name: o.name, resources: {} }], restartPolicy: 'Never' },
        },
      },
      status: {},
    };
    return finish(c, o, obj, wrapAs('failed to create job: '));
  });
}

/** create_cronjob.go: a CronJob whose job template runs the image (restartPolicy OnFailure by default). */
export function createCronJob(c: VerbContext): OpResult {
  return guarded(() => {
    const missing = ['image', 'schedule'].filter((n) => !c.cmd.given.has(n));
    if (missing.length) throw new KubectlError(`required flag(s) ${missing.map((n) => JSON.stringify(n)).join(', ')} not set`);
    const o = complete(c);
    const command = c.cmd.args.slice(1);
    const obj: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta(o),
      spec: {
        jobTemplate: {
          metadata: { creationTimestamp: null, name: o.name },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: { containers: [{ ...(command.length ? { command } : {}), image: flagStr(c, 'image'), name: o.name, resources: {} }], restartPolicy: flagStr(c, 'restart') || 'OnFailure' },
            },
          },
        },
        schedule: flagStr(c, 'schedule'),
      },
      status: {},
    };
    return finish(c, o, obj, wrapAs('failed to create cronjob: '));
  });
}

/** `kubectl create secret` / `create service` without a subcommand: cobra's help, exit 1. */
export function createGroupHelp(c: VerbContext): OpResult {
  const help: Record<string, string> = {
    secret:
      'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n\nUse "kubectl create secret <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
    service:
      'Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\nUsage:\n  kubectl create service [flags] [options]\n\nUse "kubectl create service <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
  };
  return { stdout: '', stderr: help[c.cmd.path[1]] ?? '', exitCode: 1 };
}

