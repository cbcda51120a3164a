// Cluster boot stores objects prepared once per configuration (ApiServer.createPrepared). What it
// stores must be exactly what creating the boot objects through the full create() path gives on
// the same seed: same objects, key order, uids, resourceVersions, and the same Random state after.
import { ApiServer } from '../apiserver/apiserver';
import { defaultStrategies } from '../apiserver/registry';
import { Clock } from '../util/clock';
import { Random } from '../util/random';
import { Cluster, bootInputs } from './cluster';
import { defaultConfig, type ClusterOptions } from './config';

function dump(api: ApiServer): string {
  return JSON.stringify(api.kinds().sort().map((k) => api.list(k)));
}

function fullPath(opts: ClusterOptions): ApiServer {
  const config = defaultConfig(opts);
  const clock = new Clock();
  const api = new ApiServer(clock, new Random(config.seed), defaultStrategies(), config.limits);
  for (const o of bootInputs(config, clock.timestamp())) api.create(o);
  return api;
}

const next = (api: ApiServer): string => JSON.stringify(api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after' } }));

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
    expect(dump(cluster.api)).toBe(dump(reference));
    expect(cluster.api.resourceVersion).toBe(reference.resourceVersion);
    expect(next(cluster.api)).toBe(next(reference));
    expect(cluster.api.list('Node').length).toBe(defaultConfig(opts).nodes.length);
  });

  it('fails as the full path does when a boot object is refused', () => {
    const opts: ClusterOptions = { nodes: [{ name: 'twin' }, { name: 'twin' }] };
    expect(() => new Cluster(opts, [])).toThrow('nodes "twin" already exists');
    expect(() => fullPath(opts)).toThrow('nodes "twin" already exists');
  });
});
