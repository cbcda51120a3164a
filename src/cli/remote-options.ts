// The options of a run on a real cluster (`run|grade --kubeconfig FILE [--context NAME]`), shared by
// `run` and `grade`: declared for yargs, checked, and turned into the runner's RemoteRunOptions.
// The remote modules themselves load only when a run uses them.
import type { Argv } from 'yargs';
import type { RemoteRunOptions } from '../remote/session';
import { UsageError } from './io';
import { msg } from '../i18n';
import { remoteMessages as r } from '../i18n/messages/remote';

export interface RemoteArgs {
  kubeconfig?: string;
  context?: string;
  'allow-cluster-scoped'?: boolean;
  'keep-namespaces'?: boolean;
  'step-timeout'?: string;
  'max-wait'?: string;
  'quiet-period'?: string;
  'node-address'?: string;
  compare?: boolean;
}

export function remoteOptions<T>(y: Argv<T>): Argv<T & RemoteArgs> {
  return y
    .option('kubeconfig', { type: 'string', describe: msg(r.kubeconfig), requiresArg: true })
    .option('context', { type: 'string', describe: msg(r.context), requiresArg: true })
    .option('allow-cluster-scoped', { type: 'boolean', describe: msg(r.allowClusterScoped) })
    .option('keep-namespaces', { type: 'boolean', describe: msg(r.keepNamespaces) })
    .option('step-timeout', { type: 'string', describe: msg(r.stepTimeout), requiresArg: true })
    .option('max-wait', { type: 'string', describe: msg(r.maxWait), requiresArg: true })
    .option('quiet-period', { type: 'string', describe: msg(r.quietPeriod), requiresArg: true })
    .option('node-address', { type: 'string', describe: msg(r.nodeAddress), requiresArg: true })
    .option('compare', { type: 'boolean', describe: msg(r.compare) }) as Argv<T & RemoteArgs>;
}

/** A Go-style duration (`90s`, `2m`, `1m30s`, `500ms`) in ms; a bare number is seconds. */
export function parseDuration(option: string, value: string): number {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  for (;;) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) break;
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  if (!text || rest !== '' || !(total > 0) || total > 24 * 3_600_000) throw new UsageError(msg(r.badDuration, { option, value }));
  return Math.round(total);
}

/** The real-cluster run the options ask for, or undefined for the embedded cluster. */
export function resolveRemote(args: RemoteArgs): RemoteRunOptions | undefined {
  const remote = args.kubeconfig !== undefined || args.context !== undefined;
  if (!remote) {
    for (const option of ['allow-cluster-scoped', 'keep-namespaces', 'step-timeout', 'max-wait', 'quiet-period', 'node-address', 'compare'] as const) {
      if (args[option] !== undefined && args[option] !== false) throw new UsageError(msg(r.needsCluster, { option }));
    }
    return undefined;
  }
  const opts: RemoteRunOptions = {};
  if (args.kubeconfig !== undefined) opts.kubeconfig = args.kubeconfig;
  if (args.context !== undefined) opts.context = args.context;
  if (args['allow-cluster-scoped']) opts.allowClusterScoped = true;
  if (args['keep-namespaces']) opts.keepNamespaces = true;
  if (args['step-timeout'] !== undefined) opts.stepTimeoutMs = parseDuration('step-timeout', args['step-timeout']);
  if (args['max-wait'] !== undefined) opts.maxWaitMs = parseDuration('max-wait', args['max-wait']);
  if (args.compare) opts.compare = true;
  if (args['node-address'] !== undefined) opts.nodeAddress = args['node-address'];
  if (args['quiet-period'] !== undefined) opts.quietMs = parseDuration('quiet-period', args['quiet-period']);
  return opts;
}

/**
 * Connect and check, in this thread, before any spec runs: an unreachable server, a TLS error, 401,
 * 403 on namespace creation, a missing context or no apps/v1 is one line and exit code 2, with
 * nothing left on the cluster.
 */
export function preflightRemote(opts: RemoteRunOptions): { server: string; context: string; version: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RemoteSession } = require('../remote/session') as typeof import('../remote/session');
  try {
    const s = RemoteSession.open(opts);
    s.preflight();
    return { server: s.server, context: s.context, version: s.version };
  } catch (e) {
    if (e instanceof Error && e.name === 'RemoteError') throw new UsageError(msg(r.unreachable, { error: e.message }), false);
    throw e;
  }
}
