// `kubectl run NAME --image=...`: the Pod kubectl 1.32's run builds (generateversioned BasicPod:
// labels `run: NAME`, a container named NAME, dnsPolicy ClusterFirst, restartPolicy Always unless
// --restart), with --port, --labels, --env, --annotations, --image-pull-policy, --overrides,
// `--command -- CMD` or args after the name, and --expose's Service; sent unless --dry-run=client,
// printed as kubectl prints them. Attaching (-i, -t, --attach) is refused: no containers run here.
import type { KubeObject } from '../apiserver/types';
import { mergePatch } from '../apiserver/patch';
import { checkOutput, dryRunOf, printTyped, sendCreate } from './generated';
import { KubectlError, Output, type OpResult } from './resources';
import type { VerbContext } from './verbs-objects';
import { parseJson } from '../util/json';

const usage = (msg: string) => new KubectlError(`${msg}\nSee 'kubectl run -h' for help and examples`);

/** generateversioned.ParseLabels: `k=v,k2=v2`. */
export function parseLabelSpec(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new KubectlError('unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return labels;
}

/** run.go parseEnvs: `NAME=value` (value may be empty). */
function parseEnvs(envs: string[]): { name: string; value?: string }[] {
  return envs.map((env) => {
    const i = env.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid env: ${env}`);
    const name = env.slice(0, i);
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw new KubectlError(`invalid env: ${env}`);
    const value = env.slice(i + 1);
    return value ? { name, value } : { name };
  });
}

/** strconv.Atoi */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

export function runCommand(c: VerbContext): OpResult {
  try {
    return run(c);
  } catch (e) {
    const out = new Output();
    out.fail(e);
    return out.result();
  }
}

function run(c: VerbContext): OpResult {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const bool = (n: string) => fl[n] === true;
  if (!c.cmd.given.has('image')) throw new KubectlError('required flag(s) "image" not set');
  const dryRun = dryRunOf(str('dry-run'));
  const output = str('output');
  checkOutput(output);
  if (!c.cmd.args.length) throw usage('NAME is required for run');
  const name = c.cmd.args[0];
  const interactive = bool('stdin');
  const tty = bool('tty');
  const attach = bool('attach') || interactive || tty;
  const restart = str('restart');
  const restartPolicy = restart || (attach ? 'OnFailure' : 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) throw usage(`invalid restart policy: ${restart}`);
  if (bool('rm') && !attach) throw usage('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  if (attach) throw new KubectlError("kubespec's kubectl emulation runs no containers: kubectl run cannot attach (-i, -t, --attach); run it without them and read the pod with kubectl logs");
  const pullPolicy = str('image-pull-policy');
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
    throw usage(`invalid image pull policy: ${pullPolicy}`);
  }
  const port = str('port');
  if (bool('expose') && !port) throw usage('--port must be set when exposing a service');
  if (c.cmd.flags['privileged'] === true) throw new KubectlError("kubespec's kubectl emulation does not support --privileged");

  const args = c.cmd.args.slice(1);
  const containerPorts = port ? [{ containerPort: atoi(port) }] : undefined;
  const env = parseEnvs((fl.env as string[] | undefined) ?? []);
  const labelSpec = str('labels');
  const labels = labelSpec ? parseLabelSpec(labelSpec) : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of (fl.annotations as string[] | undefined) ?? []) {
    const i = a.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const container: Record<string, unknown> = {
    ...(args.length ? { [bool('command') ? 'command' : 'args']: args } : {}),
    ...(env.length ? { env } : {}),
    image: str('image'),
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    name,
    ...(containerPorts ? { ports: containerPorts } : {}),
    resources: {},
  };
  let pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      creationTimestamp: null,
      labels,
      name,
      ...(c.explicitNamespace ? { namespace: c.namespace } : {}),
    } as unknown as KubeObject['metadata'],
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy },
    status: {},
  };
  const overrides = str('overrides');
  if (overrides) {
    let patch: unknown;
    try {
      // Exact: an int64 past 2^53 in the overrides keeps its digits (JSON.parse's errors all the same).
      patch = parseJson(overrides);
    } catch (e) {
      throw new KubectlError(`error: unable to parse ${JSON.stringify(overrides)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (str('override-type') !== 'merge') throw new KubectlError("kubespec's kubectl emulation supports --override-type=merge only");
    pod = mergePatch(pod as never, patch as never) as unknown as KubeObject;
  }

  const printed: string[] = [];
  if (bool('expose')) {
    // run.go generateService: the Service generator with the pod's labels as its selector.
    const p = atoi(port);
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null, ...(labelSpec ? { labels } : {}), name, ...(c.explicitNamespace ? { namespace: c.namespace } : {}) } as unknown as KubeObject['metadata'],
      spec: { ports: [{ port: p, protocol: 'TCP', targetPort: p }], selector: { ...labels } },
      status: { loadBalancer: {} },
    };
    const created = sendCreate(c.cluster, svc, { namespace: c.namespace, dryRun });
    printed.push(printTyped(created, 'created', output, dryRun));
  }
  const created = sendCreate(c.cluster, pod, { namespace: c.namespace, dryRun });
  printed.push(printTyped(created, 'created', output, dryRun));
  // Between the Service and the Pod kubectl 1.32 writes the YAML document separator twice.
  return { stdout: printed.join(output === 'yaml' ? '---\n---\n' : ''), stderr: '', exitCode: 0 };
}
