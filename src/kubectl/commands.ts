// From a parsed kubectl command line to the verb that runs it: flags to options, `-f` files to
// manifests, positional arguments to resources, and kubectl's usage errors for what is missing.
import { KUBERNETES_VERSION, versionInfo } from '../apiserver/version';
import { readManifestFiles } from './manifest-files';
import { durationMs } from './sim-time';
import type { KubeCluster } from '../cluster/backend';
import { formatTime } from '../util/clock';
import type { KubectlIO } from './index';
import type { ParsedCommand } from './parse';
import { KubectlError, KUSTOMIZE_REFUSED, Output, parseResourceArgs, resolveKind, type OpResult } from './resources';
import * as ops from './operations';
import { verbFor } from './verbs';
import { objectVerbFor } from './verbs-objects';
import { contextNamespace } from './kubeconfig-state';
import { changeCause, RECORD_DEPRECATION } from './record';

const NO_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

function fail(e: unknown): OpResult {
  const out = new Output();
  out.fail(e);
  return out.result();
}

/**
 * An error cobra returns before the command runs (a required flag not set): kubectl v1.32.5 prints
 * it as CheckErr does, `error: required flag(s) "replicas" not set` (not a klog line).
 */
function klogCommandFailed(_cluster: KubeCluster, message: string): OpResult {
  return { stdout: '', stderr: `error: ${message}\n`, exitCode: 1 };
}


/**
 * `kubectl version` as kubectl v1.32.5 prints it (client and server are the one release,
 * src/apiserver/version.ts): plain lines, or -o json (version.Version's field order, two-space
 * indent) or -o yaml (sigs.k8s.io/yaml: keys sorted, strings that read as numbers or times quoted).
 */
function versionCommand(clientOnly: boolean, output: string): { stdout: string; stderr: string; exitCode: number } {
  const kustomize = 'v5.5.0';
  if (output === '') {
    const server = clientOnly ? '' : `Server Version: ${KUBERNETES_VERSION}\n`;
    return { stdout: `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${kustomize}\n${server}`, stderr: '', exitCode: 0 };
  }
  const doc: Record<string, unknown> = { clientVersion: versionInfo(), kustomizeVersion: kustomize, ...(clientOnly ? {} : { serverVersion: versionInfo() }) };
  if (output === 'json') return { stdout: `${JSON.stringify(doc, null, 2)}\n`, stderr: '', exitCode: 0 };
  if (output === 'yaml') {
    const scalar = (v: string) => (/^[0-9]+$|^\d{4}-\d\d-\d\dT/.test(v) ? JSON.stringify(v) : v);
    const lines: string[] = [];
    for (const k of Object.keys(doc).sort()) {
      const v = doc[k];
      if (typeof v === 'string') lines.push(`${k}: ${scalar(v)}`);
      else {
        lines.push(`${k}:`);
        const info = v as Record<string, string>;
        for (const f of Object.keys(info).sort()) lines.push(`  ${f}: ${scalar(info[f])}`);
      }
    }
    return { stdout: `${lines.join('\n')}\n\n`, stderr: '', exitCode: 0 };
  }
  return { stdout: '', stderr: "error: --output must be 'yaml' or 'json'\n", exitCode: 1 };
}

function dryRun(v: string): ops.DryRun {
  switch (v) {
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

/** Run a parsed command line against the cluster. */
export function runParsed(cluster: KubeCluster, cmd: ParsedCommand, io: KubectlIO): OpResult {
  let result: OpResult;
  try {
    result = dispatch(cluster, cmd, io);
  } catch (e) {
    result = fail(e);
  }
  // cobra's notice for the deprecated --record comes as the flags are parsed, before anything else.
  const warning = (cmd.given.has('record') ? RECORD_DEPRECATION : '') + dryRunDeprecation(cluster, cmd);
  return warning ? { ...result, stderr: warning + result.stderr } : result;
}

/**
 * cmdutil.GetDryRunStrategy's klog warning for the deprecated spellings (`--dry-run` alone,
 * `--dry-run=true|false`), stamped with the cluster's clock (klog's process id: 1).
 */
function dryRunDeprecation(cluster: KubeCluster, cmd: ParsedCommand): string {
  if (!cmd.given.has('dry-run')) return '';
  const v = String(cmd.flags['dry-run'] ?? '');
  const said =
    v === 'unchanged'
      ? ['702', '--dry-run is deprecated and can be replaced with --dry-run=client.']
      : v === 'true'
        ? ['716', '--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.']
        : v === 'false'
          ? ['719', '--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.']
          : undefined;
  if (!said) return '';
  const t = formatTime(cluster.clock.now());
  return `W${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 19)}.000000       1 helpers.go:${said[0]}] ${said[1]}\n`;
}

function dispatch(cluster: KubeCluster, cmd: ParsedCommand, io: KubectlIO): OpResult {
  const fl = cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const bool = (n: string) => fl[n] === true;
  const num = (n: string) => Number(fl[n]);
  const files = (fl.filename as string[] | undefined) ?? [];
  const common: ops.CommonOptions = { namespace: str('namespace') || contextNamespace(cluster), explicitNamespace: cmd.given.has('namespace'), changeCause: changeCause(cmd) };
  if ('dry-run' in fl) common.dryRun = dryRun(str('dry-run'));
  if (bool('help')) return { stdout: `See https://kubernetes.io/docs/reference/kubectl/ for "kubectl ${cmd.path.join(' ')}".\n`, stderr: '', exitCode: 0 };
  if (str('kustomize')) throw new KubectlError(KUSTOMIZE_REFUSED);
  const verb = verbFor(cmd.path);
  if (verb) return verb.run({ cluster, cmd, io, namespace: common.namespace!, explicitNamespace: !!common.explicitNamespace });
  const objectVerb = objectVerbFor(cmd.path);
  if (objectVerb) return objectVerb.run({ cluster, cmd, io, namespace: common.namespace!, explicitNamespace: !!common.explicitNamespace });

  /** The resources a verb acts on: `-f` files, or resource arguments with a selector. */
  const target = (args: string[], selectorAllowed = true): ops.Target => {
    if (files.length) {
      if (args.length) throw new KubectlError('Unexpected args: ' + JSON.stringify(args).replace(/"/g, '').replace(/,/g, ' '));
      return { objects: readManifestFiles(io, files, fl.recursive === true) };
    }
    if (!args.length) throw new KubectlError(NO_RESOURCES);
    const groups = parseResourceArgs(args);
    return {
      groups,
      selector: selectorAllowed ? str('selector') || undefined : undefined,
      fieldSelector: str('field-selector') || undefined,
      all: bool('all'),
      allNamespaces: bool('all-namespaces'),
    };
  };

  switch (cmd.path.join(' ')) {
    case 'version':
      return versionCommand(bool('client'), str('output'));

    case 'get': {
      const opts: ops.GetOptions = {
        ...common,
        output: str('output'),
        selector: str('selector') || undefined,
        fieldSelector: str('field-selector') || undefined,
        allNamespaces: bool('all-namespaces'),
        showLabels: bool('show-labels'),
        showKind: bool('show-kind'),
        noHeaders: bool('no-headers'),
        ignoreNotFound: bool('ignore-not-found'),
        labelColumns: (fl['label-columns'] as string[] | undefined) ?? [],
        sortBy: str('sort-by') || undefined,
        template: str('template') || undefined,
        readFile: (p: string) => io.readFile(p).text,
      };
      if ((bool('watch') || bool('watch-only')) && (cmd.args.length || files.length)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { getWatch } = require('./watch') as typeof import('./watch');
        const timeout = str('request-timeout');
        // -f: the objects the files name, each watched by its name (one only: kubectl's Result.Watch).
        let namespace = opts.namespace ?? 'default';
        let groups;
        if (files.length) {
          const objects = readManifestFiles(io, files, fl.recursive === true);
          groups = objects.map((so) => ({ info: resolveKind(so.object.kind), names: [so.object.metadata?.name ?? ''] }));
          namespace = objects[0]?.object.metadata?.namespace || namespace;
        } else groups = parseResourceArgs(cmd.args);
        return getWatch(cluster, groups, {
          ...opts,
          namespace,
          watchOnly: bool('watch-only'),
          outputWatchEvents: bool('output-watch-events'),
          // --request-timeout: a bare number is seconds; the watch request ends then.
          timeoutMs: /^\d+$/.test(timeout) ? Number(timeout) * 1000 : durationMs(timeout),
          settle: io.settle,
          sort: ops.sortObjects,
        });
      }
      if (files.length) return ops.get(cluster, { objects: readManifestFiles(io, files, fl.recursive === true) }, opts);
      if (!cmd.args.length) {
        return {
          stdout: '',
          stderr:
            'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
          exitCode: 1,
        };
      }
      return ops.get(cluster, parseResourceArgs(cmd.args), opts);
    }

    case 'apply':
    case 'create': {
      if (cmd.path[0] === 'create' && cmd.args.length && !files.length) {
        // kubectl's generators are subcommands (verbs-objects.ts); any other word is an argument.
        throw new KubectlError(`Unexpected args: [${cmd.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
      }
      if (!files.length) throw new KubectlError('must specify one of -f and -k');
      if (cmd.args.length) throw new KubectlError(`Unexpected args: [${cmd.args.join(' ')}]\nSee 'kubectl ${cmd.path[0]} -h' for help and examples`);
      const objects = readManifestFiles(io, files, fl.recursive === true);
      const opts = { ...common, output: str('output') };
      if (cmd.path[0] === 'apply') {
        if (bool('server-side')) throw new KubectlError("kubespec's kubectl emulation does not support --server-side apply");
        return ops.apply(cluster, objects, opts);
      }
      return ops.create(cluster, objects, { ...opts, saveConfig: bool('save-config') });
    }

    case 'delete': {
      if (!files.length && !cmd.args.length) throw new KubectlError(NO_RESOURCES);
      // delete.go Validate.
      if (str('output') && str('output') !== 'name') throw new KubectlError(`unexpected -o output mode: ${str('output')}. We only support '-o name'\nSee 'kubectl delete -h' for help and examples`);
      if (bool('all') && str('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
      if (bool('all') && str('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time');
      const t = target(cmd.args);
      if ('groups' in t && bool('all') && t.groups.some((g) => g.names)) throw new KubectlError('name cannot be provided when a selector is specified');
      return ops.deleteResources(cluster, t, {
        ...common,
        cascade: str('cascade'),
        // An int64 flag, exact (a bigint past 2^53): DeleteOptions.gracePeriodSeconds keeps its digits.
        gracePeriod: fl['grace-period'] as number | bigint,
        force: bool('force'),
        now: bool('now'),
        ignoreNotFound: bool('ignore-not-found') || ((bool('all') || !!str('selector') || !!str('field-selector')) && !cmd.given.has('ignore-not-found')),
        output: str('output'),
      });
    }

    case 'scale': {
      if (!cmd.given.has('replicas')) return klogCommandFailed(cluster, 'required flag(s) "replicas" not set');
      if (!files.length && !cmd.args.length) throw new KubectlError(NO_RESOURCES);
      return ops.scale(cluster, target(cmd.args), {
        ...common,
        replicas: num('replicas'),
        currentReplicas: num('current-replicas'),
        resourceVersion: str('resource-version') || undefined,
      });
    }

    case 'rollout undo':
    case 'rollout restart':
    case 'rollout pause':
    case 'rollout resume':
    case 'rollout status':
    case 'rollout history': {
      if (!files.length && !cmd.args.length) throw new KubectlError('required resource not specified');
      const action = cmd.path[1] as ops.RolloutAction;
      return ops.rollout(cluster, action, target(cmd.args), {
        ...common,
        // int64 flags, exact (a bigint past 2^53): revisions have every digit.
        toRevision: 'to-revision' in fl ? (fl['to-revision'] as number | bigint) : undefined,
        revision: 'revision' in fl ? (fl.revision as number | bigint) : undefined,
        ...(cmd.path[1] === 'status' ? { watch: fl.watch !== false, timeoutMs: durationMs(String(fl.timeout ?? '0s')) } : {}),
      });
    }

    case 'patch': {
      if (!files.length && !cmd.args.length) throw new KubectlError(NO_RESOURCES);
      let body = str('patch');
      if (str('patch-file')) {
        if (body) throw new KubectlError('--patch and --patch-file are mutually exclusive');
        body = io.readFile(str('patch-file')).text;
      }
      return ops.patch(cluster, target(cmd.args), { ...common, patch: body, type: str('type') });
    }

    case 'describe': {
      if (!files.length && !cmd.args.length) throw new KubectlError(NO_RESOURCES);
      return ops.describe(cluster, target(cmd.args), { ...common, allNamespaces: bool('all-namespaces') });
    }
  }
  throw new KubectlError(`kubespec's kubectl emulation does not support "kubectl ${cmd.path.join(' ')}"`);
}
