// `kubespec serve`: the embedded cluster behind the real Kubernetes API (HTTPS, bearer token), for
// the real kubectl and client libraries. The flags are parsed and checked here; the work is in
// ../serve.ts, loaded only when the command runs.
import type { CommandModule } from 'yargs';
import { contextOf, UsageError } from '../io';
import { msg } from '../../i18n';
import { cliMessages as m } from '../../i18n/messages/cli';
import { helpMessages as h } from '../../i18n/messages/help';

export interface ServeArgs {
  port: number;
  address?: string;
  kubeconfig?: string;
  speed: number;
  seed: number;
  nodes?: string;
  data?: string;
  apply?: string[];
  'insecure-http': boolean;
  nodeports: boolean;
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  get describe() {
    return msg(h.serveCommand);
  },
  builder: (y) =>
    y
      .option('port', { type: 'number', default: 6443, describe: msg(h.port), requiresArg: true })
      .option('address', { type: 'string', describe: msg(h.address), requiresArg: true })
      .option('kubeconfig', { type: 'string', describe: msg(h.kubeconfig), requiresArg: true })
      .option('speed', { type: 'number', default: 1, describe: msg(h.speed), requiresArg: true })
      .option('seed', { type: 'number', default: 1, describe: msg(h.serveSeed), requiresArg: true })
      .option('nodes', { type: 'string', describe: msg(h.nodes), requiresArg: true })
      .option('data', { type: 'string', describe: msg(h.data), requiresArg: true })
      .option('apply', { type: 'string', array: true, describe: msg(h.apply), requiresArg: true })
      .option('insecure-http', { type: 'boolean', default: false, describe: msg(h.insecureHttp) })
      .option('nodeports', { type: 'boolean', default: true, describe: msg(h.nodeports) })
      .example('$0 serve', msg(h.exServeDefault))
      .example('$0 serve --port 0 --data ~/.kubespec', msg(h.exServeData))
      .example('$0 serve --apply nginx-deploy.yaml --speed 10', msg(h.exServeApply)) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const port = argv.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(msg(m.badPort, { value: String(port) }));
    if (!(argv.speed > 0) || !Number.isFinite(argv.speed) || argv.speed > 10_000) throw new UsageError(msg(m.badSpeed, { value: String(argv.speed) }));
    if (!Number.isSafeInteger(argv.seed)) throw new UsageError(msg(m.badServeSeed, { value: String(argv.seed) }));
    const address = argv.address ?? '127.0.0.1';
    const { isLoopback, parseNodes, serve } = await import('../serve');
    if (argv['insecure-http'] && !isLoopback(address)) {
      throw new UsageError(msg(m.insecureNotLoopback, { address }));
    }
    ctx.exitCode = await serve(
      {
        port,
        address,
        kubeconfig: argv.kubeconfig,
        speed: argv.speed,
        seed: argv.seed,
        nodes: argv.nodes !== undefined ? parseNodes(argv.nodes) : undefined,
        data: argv.data,
        apply: argv.apply ?? [],
        insecureHttp: argv['insecure-http'],
        nodePorts: argv.nodeports,
      },
      ctx.io,
    );
  },
};
