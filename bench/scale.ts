// One scale scenario, run in its own process so its peak RSS is its own:
//   node dist/bench/scale.js deployment <replicas>   create, roll to a new image, delete (background GC)
//   node dist/bench/scale.js many <deployments>      that many 3-replica Deployments, created then deleted
// Prints one JSON line: phase timings (ms), reconciles, peak RSS (MB).
import { Cluster } from '../src/cluster/cluster';
import type { NodeConfig } from '../src/cluster/config';
import type { KubeObject } from '../src/apiserver/types';

function deployment(name: string, replicas: number, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } },
    },
  };
}

/** Enough identical workers (110 pods each, the kubelet default) for `pods` plus the rollout surge. */
function nodesFor(pods: number): NodeConfig[] {
  const workers = Math.max(2, Math.ceil((pods * 1.3) / 110));
  return [{ name: 'master', controlPlane: true }, ...Array.from({ length: workers }, (_, i) => ({ name: `worker${i}` }))];
}

function timed(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main(): void {
  const [mode, nText] = process.argv.slice(2);
  const n = Number(nText);
  const pods = mode === 'many' ? n * 3 : n;
  const cluster = new Cluster({ nodes: nodesFor(pods), recordEvents: false, limits: { maxObjectsPerKind: pods * 3 + 1000 } });
  const api = cluster.api;
  const phases: Record<string, number> = {};
  if (mode === 'deployment') {
    phases.create = timed(() => {
      api.create(deployment('web', n, 'nginx:1.25'));
      cluster.settle();
    });
    phases.rollout = timed(() => {
      api.patch('Deployment', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }, 'strategic');
      cluster.settle();
    });
    const ready = api.list('Pod', { namespace: 'default' }).filter((p) => p.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')).length;
    phases.delete = timed(() => {
      api.delete('Deployment', 'web', { propagationPolicy: 'Background' });
      cluster.settle();
    });
    check(ready === n, `expected ${n} ready pods after the rollout, found ${ready}`);
  } else if (mode === 'many') {
    phases.create = timed(() => {
      for (let i = 0; i < n; i++) api.create(deployment(`app-${i}`, 3, 'nginx:1.25'));
      cluster.settle();
    });
    const running = api.list('Pod', { namespace: 'default' }).length;
    phases.delete = timed(() => {
      for (let i = 0; i < n; i++) api.delete('Deployment', `app-${i}`);
      cluster.settle();
    });
    check(running === n * 3, `expected ${n * 3} pods, found ${running}`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  check(api.list('Pod', { namespace: 'default' }).length === 0, `pods left after delete: ${api.list('Pod', { namespace: 'default' }).length}`);
  const total = Object.values(phases).reduce((a, b) => a + b, 0);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ mode, n, phases, totalMs: total, reconciles: cluster.reconciles, maxRssMb }) + '\n');
}

function check(ok: boolean, message: string): void {
  if (!ok) {
    process.stderr.write(`bench: ${message}\n`);
    process.exitCode = 1;
  }
}

main();
