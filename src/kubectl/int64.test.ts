// int64 fields through the kubectl emulation (issue #10): any int64 a manifest holds is stored and
// printed with every digit (Go's int64; a JavaScript number stops at 2^53), spec assertions compare
// every digit, and rollout's revisions are int64s as upstream's deployment util reads them.
import fc from 'fast-check';
import { Cluster } from '../cluster/cluster';
import { parseYaml } from '../manifest/yaml';
import { matchPartial } from '../spec/assertions/match';
import { INT64_MAX, INT64_MIN, jsonInteger, parseJson } from '../util/json';
import { runKubectl } from './index';

const pod = (name: string, grace: bigint, toleration: bigint) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: ${grace}
  tolerations:
  - key: example.com/x
    operator: Exists
    effect: NoExecute
    tolerationSeconds: ${toleration}
  containers:
  - name: c
    image: nginx
`;

function kubectlOn(cluster: Cluster, files: Record<string, string>) {
  return (line: string) => runKubectl(cluster, line, { readFile: (f) => ({ text: files[f], display: f }) });
}

describe('any int64 survives apply → get unchanged', () => {
  const int64 = fc.bigInt({ min: INT64_MIN, max: INT64_MAX });

  test('property: YAML manifest in, -o json, -o yaml and the stored object out, digit for digit', () => {
    fc.assert(
      fc.property(int64, int64, (grace, toleration) => {
        const cluster = new Cluster({}, []);
        const k = kubectlOn(cluster, { 'p.yaml': pod('p', grace, toleration) });
        expect(k('apply -f p.yaml')).toMatchObject({ exitCode: 0, stdout: 'pod/p created\n' });
        const stored = cluster.api.get('Pod', 'p')!;
        expect(stored.spec.terminationGracePeriodSeconds).toBe(jsonInteger(grace));
        const fromJson = parseJson(k('get pod p -o json').stdout) as typeof stored;
        const fromYaml = parseYaml(k('get pod p -o yaml').stdout, 'get.yaml')[0].value as typeof stored;
        for (const got of [fromJson, fromYaml]) {
          expect(got.spec.terminationGracePeriodSeconds).toBe(jsonInteger(grace));
          expect(got.spec.tolerations.find((t: { key: string }) => t.key === 'example.com/x').tolerationSeconds).toBe(jsonInteger(toleration));
        }
        expect(k('get pod p -o jsonpath={.spec.terminationGracePeriodSeconds}').stdout).toBe(String(grace));
        // The same file again changes nothing (last-applied holds the digits too). Without the
        // toleration: the API server's default tolerations make a re-applied list a change.
        const plain = kubectlOn(cluster, { 'q.yaml': pod('q', grace, toleration).replace(/ {2}tolerations:\n( {4}.*\n| {2}- .*\n)*/, '') });
        expect(plain('apply -f q.yaml').stdout).toBe('pod/q created\n');
        expect(plain('apply -f q.yaml').stdout).toBe('pod/q unchanged\n');
      }),
      { numRuns: 60, seed: 10 },
    );
  });

  test('int64 edges in a JSON manifest', () => {
    const cluster = new Cluster({}, []);
    const json = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},"spec":{"terminationGracePeriodSeconds":9223372036854775807,"containers":[{"name":"c","image":"nginx"}]}}`;
    const k = kubectlOn(cluster, { 'j.json': json });
    expect(k('apply -f j.json')).toMatchObject({ exitCode: 0 });
    expect(cluster.api.get('Pod', 'j')!.spec.terminationGracePeriodSeconds).toBe(9223372036854775807n);
  });
});

describe('a big integer anywhere in a Deployment is an answer, never an internal error', () => {
  const leaves = [
    'spec.replicas',
    'spec.minReadySeconds',
    'spec.revisionHistoryLimit',
    'spec.strategy.rollingUpdate.maxSurge',
    'spec.template.spec.terminationGracePeriodSeconds',
    'spec.template.spec.activeDeadlineSeconds',
    'spec.template.spec.securityContext.runAsUser',
    'spec.template.spec.containers.0.ports.0.containerPort',
    'spec.template.spec.containers.0.resources.limits.cpu',
    'spec.template.spec.containers.0.image',
    'spec.template.spec.containers.0.env.0.value',
    'spec.template.metadata.labels.app',
    'metadata.annotations.a',
    'metadata.generation',
  ];
  const big = fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(2n ** 63n, -(2n ** 63n) - 1n, 2n ** 64n, 9007199254740993n));

  test('property: apply (twice, the second a patch), get, describe, label, annotate, set image, rollout, scale and delete all answer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...leaves), big, (leaf, value) => {
        const d: any = {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', annotations: { a: 'b' } },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'web' } },
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
            template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], env: [{ name: 'E', value: 'v' }], resources: { limits: { cpu: '1' } } }] } },
          },
        };
        const path = leaf.split('.');
        let parent = d;
        for (const seg of path.slice(0, -1)) parent = parent[seg] ??= {};
        const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `@@${x}@@` : x)).replace(/"@@(-?\d+)@@"/g, '$1');
        const cluster = new Cluster({});
        const files: Record<string, string> = { 'plain.json': json(d) };
        parent[path[path.length - 1]] = value;
        files['big.json'] = json(d);
        const k = kubectlOn(cluster, files);
        const lines = [
          'apply -f plain.json',
          'apply -f big.json',
          'get deploy web -o json',
          'get deploy web -o yaml',
          'get deploy web -o wide',
          'describe deploy web',
          'rollout history deploy/web',
          'get rs,pods',
          'describe pods',
          'label deploy web x=y',
          'annotate deploy web z=w',
          'set image deploy/web c=httpd',
          'rollout undo deploy/web',
          'rollout status deploy/web',
          'scale deploy web --replicas=2',
          'get all -o json',
          'delete -f big.json',
        ];
        const results = lines.map((line) => {
          const r = k(line);
          cluster.settle();
          return r;
        });
        for (const r of results) {
          expect(r.stderr).not.toMatch(/BigInt|bigint|is not a function|Cannot read prop|Do not know how/);
          expect([0, 1]).toContain(r.exitCode);
        }
      }),
      { numRuns: 80, seed: 64 },
    );
  });
});

describe('a Quantity written as a big integer', () => {
  test('is read from its literal digits (Quantity.UnmarshalJSON parses the JSON text), not from its nearest double', () => {
    const cluster = new Cluster({}, []);
    const text = `apiVersion: v1
kind: Pod
metadata: { name: q }
spec:
  containers: [{ name: c, image: nginx, resources: { requests: { memory: 9223372036854775807, cpu: 9007199254740993 } } }]
`;
    const k = kubectlOn(cluster, { 'q.yaml': text });
    expect(k('apply -f q.yaml')).toMatchObject({ exitCode: 0, stdout: 'pod/q created\n' });
    expect(cluster.api.get('Pod', 'q')!.spec.containers[0].resources.requests).toEqual({ memory: '9223372036854775807', cpu: '9007199254740993' });
  });
});

describe('spec assertions compare every digit', () => {
  const live = { spec: { terminationGracePeriodSeconds: 9223372036854775807n }, metadata: { annotations: { 'deployment.kubernetes.io/revision': '3546343826724305833' } } };
  const expectation = (text: string) => parseYaml(text, 'x.spec.yaml', { reading: 'spec' })[0].value;

  test('a spec file reads an integer past 2^53 exactly, and match: holds only for those digits', () => {
    expect(matchPartial(expectation('spec: { terminationGracePeriodSeconds: 9223372036854775807 }'), live).ok).toBe(true);
    // 9223372036854775806 is the same double as ...807: a number would have matched.
    expect(matchPartial(expectation('spec: { terminationGracePeriodSeconds: 9223372036854775806 }'), live).ok).toBe(false);
    expect(matchPartial(expectation('spec: { terminationGracePeriodSeconds: { min: 0 } }'), live).ok).toBe(true);
  });

  test('an unquoted big integer matches an annotation holding its digits', () => {
    expect(matchPartial(expectation('metadata: { annotations: { deployment.kubernetes.io/revision: 3546343826724305833 } }'), live).ok).toBe(true);
    expect(matchPartial(expectation('metadata: { annotations: { deployment.kubernetes.io/revision: 3546343826724305832 } }'), live).ok).toBe(false);
  });
});

describe('kubectl rollout with int64 revisions', () => {
  const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: "nginx:1.26" }] }
`;

  test('history, undo --to-revision and status --revision name revision 3546343826724305833 and no neighbour of it', () => {
    const cluster = new Cluster({});
    const k = kubectlOn(cluster, { 'd.yaml': DEPLOY });
    const run = (line: string) => {
      const r = k(line);
      cluster.settle();
      return r;
    };
    run('apply -f d.yaml');
    const rs = cluster.api.list('ReplicaSet', { namespace: 'default' })[0].metadata.name!;
    expect(run(`patch rs ${rs} --type=merge -p '{"metadata":{"annotations":{"deployment.kubernetes.io/revision":"3546343826724305833"}}}'`).exitCode).toBe(0);
    run('set image deployment/web c=nginx:1.27');
    expect(run('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION             CHANGE-CAUSE\n3546343826724305833  <none>\n3546343826724305834  <none>\n\n');
    expect(run('rollout history deployment/web --revision=3546343826724305833').stdout).toContain('with revision #3546343826724305833\nPod Template:');
    expect(run('rollout undo deployment/web --to-revision=3546343826724305832')).toMatchObject({ exitCode: 1, stderr: 'error: unable to find specified revision 3546343826724305832 in history\n' });
    expect(run('rollout undo deployment/web --to-revision=3546343826724305833')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web rolled back\n' });
    expect(cluster.api.get('Deployment', 'web')!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3546343826724305835');
    expect(run('rollout status deployment/web --revision=3546343826724305836')).toMatchObject({
      exitCode: 1,
      stderr: 'error: desired revision (3546343826724305836) is different from the running revision (3546343826724305835)\n',
    });
    // pflag's ParseInt: past int64 is a usage error.
    expect(run('rollout undo deployment/web --to-revision=9223372036854775808').stderr).toContain(
      'invalid argument "9223372036854775808" for "--to-revision" flag: strconv.ParseInt: parsing "9223372036854775808": value out of range',
    );
  });
});
