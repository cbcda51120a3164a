// Cluster boot stores objects prepared once per configuration (ApiServer.createPrepared). What it
// stores must be exactly what creating the boot objects through the full create() path gives on
// the same seed: same objects, key order, uids, resourceVersions, and the same Random state after;
// the kubeadm system objects (kubeadm.ts) follow them, the same for every seed.
import { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../apiserver/types';
import { defaultStrategies } from '../apiserver/registry';
import { Clock } from '../util/clock';
import { Random } from '../util/random';
import { Cluster, bootInputs } from './cluster';
import { defaultConfig, type ClusterOptions } from './config';

function dump(api: ApiServer, keep: (o: KubeObject) => boolean = () => true): string {
  return JSON.stringify(api.kinds().sort().map((k) => api.list(k).filter(keep)).filter((l) => l.length));
}

function fullPath(opts: ClusterOptions): ApiServer {
  const config = defaultConfig(opts);
  const clock = new Clock();
  const api = new ApiServer(clock, new Random(config.seed), defaultStrategies(), config.limits);
  for (const o of bootInputs(config, clock.timestamp())) api.create(o);
  return api;
}

/** Whether `o` is one of bootInputs' objects (the rest are the kubeadm system objects, kubeadm.ts). */
function baseOf(opts: ClusterOptions): (o: KubeObject) => boolean {
  const keys = new Set(bootInputs(defaultConfig(opts), new Clock().timestamp()).map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  return (o) => keys.has(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

const next = (api: ApiServer): string => {
  const o = api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after' } });
  return JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
};

describe('Cluster boot', () => {
  const configs: ClusterOptions[] = [
    { seed: 1 },
    { seed: 7 },
    { seed: 7 },
    { seed: 3, nodes: [{ name: 'cp', controlPlane: true }, { name: 'w', labels: { disk: 'ssd' }, maxPods: 5 }] },
  ];
  it.each(configs.map((c, i) => [i, c] as const))('stores what the full create path stores (config %i)', (_i, opts) => {
    const cluster = new Cluster(opts, []);
    const reference = fullPath(opts);
    const base = baseOf(opts);
    expect(dump(cluster.api, base)).toBe(dump(reference));
    // The kubeadm system objects come after them and draw no Random: the next object is the same.
    const system = cluster.api.kinds().reduce((n, k) => n + cluster.api.list(k).filter((o) => !base(o)).length, 0);
    expect(system).toBeGreaterThan(0);
    expect(cluster.api.resourceVersion).toBe(reference.resourceVersion + system);
    expect(next(cluster.api)).toBe(next(reference));
    expect(cluster.api.list('Node').length).toBe(defaultConfig(opts).nodes.length);
  });

  it('stores the same kubeadm system objects whatever the seed (their uids are fixed; mirror pods name their Node by its uid)', () => {
    const system = (seed: number) => {
      const cluster = new Cluster({ seed }, []);
      const base = baseOf({ seed });
      const nodes = new Map(cluster.api.list('Node').map((n) => [n.metadata.uid!, n.metadata.name!]));
      return dump(cluster.api, (o) => !base(o)).replace(/"uid":"([0-9a-f-]{36})"/g, (m, uid: string) => (nodes.has(uid) ? `"uid":"node:${nodes.get(uid)}"` : m));
    };
    expect(system(1)).toBe(system(7));
  });

  it('fails as the full path does when a boot object is refused', () => {
    const opts: ClusterOptions = { nodes: [{ name: 'twin' }, { name: 'twin' }] };
    expect(() => new Cluster(opts, [])).toThrow('nodes "twin" already exists');
    expect(() => fullPath(opts)).toThrow('nodes "twin" already exists');
  });
});
