// createCluster(): the library's cluster drives the same actions and kubectl emulation a spec does,
// and check() judges spec-form assertions as `expect:` does, with the loader's own messages.
import * as path from 'path';
import { createCluster, KubespecError } from './cluster';

const COURSE = path.resolve(__dirname, '..', '..', 'fixtures', 'course');

describe('createCluster', () => {
  test('apply a file, YAML text or objects; kubectl; get and list; simulated time', () => {
    const c = createCluster({ cwd: COURSE });
    expect(c.list('Node').map((n) => n.metadata.name)).toEqual(['master', 'worker0', 'worker1']);
    expect(c.apply('nginx-deploy.yaml')).toBe('deployment.apps/nginx-deployment created');
    expect(c.get('Deployment', 'nginx-deployment')?.status?.readyReplicas).toBe(2);
    expect(c.list('Pod', { selector: 'app=nginx' })).toHaveLength(2);
    expect(c.list('Pod', { namespace: 'other' })).toHaveLength(0);
    expect(c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { a: "1" }\n')).toBe('configmap/settings created');
    expect(c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } })).toBe('configmap/two created');
    const r = c.kubectl('get deployments');
    expect(r).toEqual({ stdout: expect.stringMatching(/^NAME +READY.*\nnginx-deployment +2\/2 /), stderr: '', exitCode: 0 });
    expect(c.kubectl('get pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    const t0 = c.now().getTime();
    c.wait('5m');
    expect(c.now().getTime() - t0).toBe(300_000);
  });

  test('what the API server or kubectl refuses is a KubespecError in kubectl’s words', () => {
    const c = createCluster({ cwd: COURSE });
    expect(() => c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n')).toThrow(new KubespecError('The Pod "x" is invalid: spec.containers: Required value'));
    expect(() => c.apply('missing.yaml')).toThrow(KubespecError);
    expect(() => c.wait('soon')).toThrow('bad duration "soon"');
    expect(() => c.list('Pod', { selector: 'a in (' })).toThrow(KubespecError);
  });

  test('check() judges spec assertions, and refuses what is not one with the loader’s hint', () => {
    const c = createCluster({ cwd: COURSE });
    c.apply('nginx-deploy.yaml');
    expect(c.check({ kind: 'Pod', selector: 'app=nginx', count: 2 })).toEqual({ pass: true, failures: [] });
    const miss = c.check([{ kind: 'Deployment', name: 'nginx-deployment', match: { status: { readyReplicas: 3 } } }]);
    expect(miss.pass).toBe(false);
    expect(miss.failures[0].message).toBe('Deployment nginx-deployment does not match: status.readyReplicas: expected 3, found 2');
    expect(miss.failures[0].diff).toContain('-  readyReplicas: 3\n+  readyReplicas: 2');
    expect(() => c.check({ kind: 'Deployment', nme: 'x' })).toThrow('not an assertion kubespec knows: assertions[0]: unknown key `nme` in an assertion (did you mean `name`?)');
  });

  test('the seed decides generated names, as in a spec', () => {
    const names = (seed: number) => {
      const c = createCluster({ cwd: COURSE, seed });
      c.apply('replicaset.yaml');
      return c.list('Pod').map((p) => p.metadata.name).sort();
    };
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(2));
  });
});
