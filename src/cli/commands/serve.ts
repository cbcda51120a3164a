// `kubespec serve`: the embedded cluster behind the real Kubernetes API (HTTPS, bearer token), for
// the real kubectl and client libraries. The flags are parsed and checked here; the work is in
// ../serve.ts, loaded only when the command runs.
import type { CommandModule } from 'yargs';
import { contextOf, UsageError } from '../io';

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
  describe: 'Serve the embedded cluster as a Kubernetes API server, for kubectl and client libraries',
  builder: (y) =>
    y
      .option('port', { type: 'number', default: 6443, describe: 'Port of the API server (0: pick a free one)', requiresArg: true })
      .option('address', { type: 'string', describe: 'Address to bind (default 127.0.0.1; anything else exposes the cluster to the network)', requiresArg: true })
      .option('kubeconfig', { type: 'string', describe: 'Where to write the kubeconfig (default: DIR/kubeconfig under --data, else a fresh temporary folder)', requiresArg: true })
      .option('speed', { type: 'number', default: 1, describe: 'Simulated seconds per real second', requiresArg: true })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the cluster (names, IPs, endpoint choice)', requiresArg: true })
      .option('nodes', { type: 'string', describe: 'Node names, comma-separated (default master,worker0,worker1), or a count', requiresArg: true })
      .option('data', { type: 'string', describe: 'Keep the cluster in DIR across restarts (default: in memory only)', requiresArg: true })
      .option('apply', { type: 'string', array: true, describe: 'Manifests to apply at start, as `kubectl apply -f` would', requiresArg: true })
      .option('insecure-http', { type: 'boolean', default: false, describe: 'Plain HTTP instead of HTTPS (loopback only)' })
      .option('nodeports', { type: 'boolean', default: true, describe: 'Listen on the nodePorts of NodePort Services (--no-nodeports: off)' })
      .example('$0 serve', 'Serve on https://127.0.0.1:6443 and print the KUBECONFIG to export')
      .example('$0 serve --port 0 --data ~/.kubespec', 'A free port, and the cluster kept across restarts')
      .example('$0 serve --apply nginx-deploy.yaml --speed 10', 'Start with a manifest applied, time ten times faster') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const port = argv.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not ${String(port)}`);
    if (!(argv.speed > 0) || !Number.isFinite(argv.speed) || argv.speed > 10_000) throw new UsageError(`--speed must be a number above 0 and at most 10000, not ${String(argv.speed)}`);
    if (!Number.isSafeInteger(argv.seed)) throw new UsageError(`--seed must be an integer, not ${String(argv.seed)}`);
    const address = argv.address ?? '127.0.0.1';
    const { isLoopback, parseNodes, serve } = await import('../serve');
    if (argv['insecure-http'] && !isLoopback(address)) {
      throw new UsageError(`--insecure-http serves plain HTTP, so it is allowed on a loopback address only, not ${address}: anyone on the network could read the token`);
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
