// Data fidelity through the real kubectl v1.32 against `kubespec serve` (issue #10): what a GET
// returns for quantities, what apply reports after the server canonicalized them, and the error
// texts kubectl prints for JSON patches and selectors.
import { Cluster } from '../../src/cluster/cluster';
import { runKubectl } from '../../src/kubectl/index';
import { kubectl, ok, useServer } from './support';

jest.setTimeout(120_000);

const server = useServer({ speed: 50 });

// No volumes: the API server's service account admission adds kube-api-access-<hash> to a pod's
// volumes, and kubectl's patch then carries $setElementOrder/volumes, configured for that reason alone.
const pod = (name: string, cpu: string, memory: string, volumes = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: ${cpu}
        memory: ${memory}
${volumes}`;
const SCRATCH = '  volumes:\n  - name: scratch\n    emptyDir:\n      sizeLimit: 0.5Gi\n';

describe('quantities (resource.Quantity: stored and returned as String())', () => {
  test('a GET returns the canonical form; last-applied keeps the text as written', async () => {
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q1', '"1.2"', '1024Mi', SCRATCH) })).toMatchObject({ code: 0, stdout: 'pod/q1 created\n' });
    const live = JSON.parse(await ok(server(), 'get', 'pod', 'q1', '-o', 'json')) as {
      metadata: { annotations: Record<string, string> };
      spec: { containers: { resources: { requests: Record<string, string> } }[]; volumes: { emptyDir: { sizeLimit: string } }[] };
    };
    expect(live.spec.containers[0].resources.requests).toEqual({ cpu: '1200m', memory: '1Gi' });
    expect(live.spec.volumes[0].emptyDir.sizeLimit).toBe('512Mi');
    const lastApplied = JSON.parse(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']) as { spec: { containers: { resources: { requests: Record<string, string> } }[] } };
    expect(lastApplied.spec.containers[0].resources.requests).toEqual({ cpu: '1.2', memory: '1024Mi' });
  });

  test('apply again: `configured` for a text the server rewrote, `unchanged` once it is canonical (kubernetes/kubernetes#116135)', async () => {
    // kubectl's three-way patch compares the live object (1200m) with the file (1.2): a patch is
    // sent, and apply says configured although nothing changes. That is the real kubectl's answer.
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q3', '"1.2"', '1024Mi') })).toMatchObject({ code: 0, stdout: 'pod/q3 created\n' });
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q3', '"1.2"', '1024Mi') })).toMatchObject({ code: 0, stdout: 'pod/q3 configured\n' });
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q2', '1200m', '1Gi') })).toMatchObject({ code: 0, stdout: 'pod/q2 created\n' });
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q2', '1200m', '1Gi') })).toMatchObject({ code: 0, stdout: 'pod/q2 unchanged\n' });
  });
});

describe('kubectl patch --type json (gopkg.in/evanphx/json-patch.v4 behind a generic 422)', () => {
  // The API server answers a patch that does not apply with NewGenericServerResponse(422, ...),
  // which drops the library's text (k8s.io/apiserver/pkg/endpoints/handlers/patch.go); a body
  // that is not a patch is DecodePatch's 400. The emulation must print what the real kubectl prints.
  const cases: [string, number, string, string][] = [
    ['[{"op":"remove","path":"/spec/nope"}]', 1, '', 'The request is invalid: the server rejected our request due to an error in our request\n'],
    ['[{"op":"add","path":"/metadata/labels/a","value":"b"}]', 1, '', 'The request is invalid: the server rejected our request due to an error in our request\n'],
    ['[{"op":"replace","path":"/spec/containers/5/image","value":"x"}]', 1, '', 'The request is invalid: the server rejected our request due to an error in our request\n'],
    ['{"op":"remove"}', 1, '', 'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n'],
    ['[1]', 1, '', 'Error from server (BadRequest): json: cannot unmarshal number into Go value of type jsonpatch.Operation\n'],
    ['[{"op":"test","path":"/spec/missing"}]', 0, 'pod/q1 patched (no change)\n', ''],
    ['[{"op":"add","path":"/metadata/labels","value":{"__proto__":"x"}}]', 1, '', ''],
  ];
  test.each(cases)('%s', async (patch, code, stdout, stderr) => {
    const real = await kubectl(server(), ['patch', 'pod', 'q1', '--type', 'json', '-p', patch]);
    expect(real.code).toBe(code);
    expect(real.stdout).toBe(stdout);
    if (stderr) expect(real.stderr).toBe(stderr);
    const cluster = new Cluster({}, []);
    const files: Record<string, string> = { 'p.yaml': pod('q1', '"1.2"', '1024Mi') };
    const k = (line: string) => runKubectl(cluster, line, { readFile: (f: string) => ({ text: files[f], display: f }) });
    k('kubectl apply -f p.yaml');
    const emulated = k(`kubectl patch pod q1 --type json -p '${patch}'`);
    expect({ code: emulated.exitCode, stdout: emulated.stdout, stderr: emulated.stderr }).toEqual({ code: real.code, stdout: real.stdout, stderr: real.stderr });
  });
});

describe('selectors (labels.Parse, fields.ParseSelector and the field labels each kind supports)', () => {
  // Each through the real kubectl against serve, then the emulation on a cluster holding the same pod:
  // the same exit code and the same text. cli-runtime words a BadRequest on a list as
  // `Unable to find "<gvr>" that match label selector "...", field selector "...": <server's message>`.
  const cases: [string[], number, string][] = [
    [['get', 'pods', '-l', 'a=b,'], 1, `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a=b,", field selector "": found '', expected: identifier after ','\n`],
    [['get', 'pods', '-l', 'x in (a,)'], 0, 'No resources found in default namespace.\n'],
    [['get', 'pods', '-l', 'x in ()'], 0, 'No resources found in default namespace.\n'],
    [['get', 'pods', '-l', 'x=a||y=b'], 1, ''],
    [['get', 'pods', '-l', '!x=a'], 1, `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "!x=a", field selector "": found '=', expected: ',' or 'end of string'\n`],
    [['get', 'pods', '--field-selector', 'x=y'], 1, 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "x=y": field label not supported: x\n'],
    [['get', 'deploy', '--field-selector', 'spec.replicas=1'], 1, 'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=1": field label not supported: spec.replicas\n'],
    [['get', 'pods', '--field-selector', 'a'], 1, `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "a": invalid selector: 'a'; can't understand 'a'\n`],
    [['get', 'pods', '--field-selector', 'metadata.name==a=b'], 1, 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "metadata.name==a=b": invalid field selector: unescaped character in value: 61\n'],
    [['get', 'pods', '--field-selector', 'spec.nodeName=nowhere'], 0, 'No resources found in default namespace.\n'],
    [['get', 'pods', '--field-selector', 'metadata.name=sel,status.phase!=Failed', '-o', 'name'], 0, ''],
  ];
  test.each(cases)('kubectl %j', async (args, code, stderr) => {
    expect((await kubectl(server(), ['apply', '-f', '-'], { input: pod('sel', '100m', '1Mi') })).code).toBe(0);
    const real = await kubectl(server(), args);
    expect(real.code).toBe(code);
    if (stderr) expect(real.stderr).toBe(stderr);
    const cluster = new Cluster({}, []);
    const files: Record<string, string> = { 'p.yaml': pod('sel', '100m', '1Mi') };
    const k = (line: string) => runKubectl(cluster, line, { readFile: (f: string) => ({ text: files[f], display: f }) });
    k('kubectl apply -f p.yaml');
    const emulated = k(`kubectl ${args.map((a) => `'${a}'`).join(' ')}`);
    expect({ code: emulated.exitCode, stdout: emulated.stdout, stderr: emulated.stderr }).toEqual({ code: real.code, stdout: real.stdout, stderr: real.stderr });
  });
});

describe('manifests read as YAML 1.1 (sigs.k8s.io/yaml → go-yaml v2), the real kubectl being the judge', () => {
  // The real kubectl turns the YAML into JSON itself; the emulation reads it with parseYaml. The same
  // manifest must give the same object, or the same error.
  const manifests: [string, string][] = [
    [
      'numbers and booleans in their YAML 1.1 spellings',
      `apiVersion: v1
kind: Pod
metadata:
  name: y11
spec:
  terminationGracePeriodSeconds: 0x1F
  activeDeadlineSeconds: 1_000
  enableServiceLinks: yes
  automountServiceAccountToken: off
  hostNetwork: n
  containers:
  - name: c
    image: nginx
    ports: [{ containerPort: 08 }]
  volumes:
  - name: v
    configMap: { name: x, defaultMode: 0644 }
  - name: w
    secret: { secretName: s, defaultMode: 0o600 }
`,
    ],
    ['a boolean where a string is wanted', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: y12 }\ndata:\n  enabled: yes\n'],
    ['an octal where a string is wanted', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: y13 }\ndata: { mode: 0644 }\n'],
    ['a float out of range is a string', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: y14 }\nspec:\n  replicas: 1e400\n  selector: { matchLabels: { a: b } }\n  template: { metadata: { labels: { a: b } }, spec: { containers: [{ name: c, image: nginx }] } }\n'],
    ['merge keys (<<) merge, explicit keys after them win', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: y16 }\ndata:\n  <<: [{ a: "1", b: "2" }, { c: "3" }]\n  b: "4"\n'],
    ['keys resolve too: yes and 0x10 as map keys', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: y15 }\ndata:\n  yes: a\n  0x10: b\n  "on": c\n'],
  ];
  const pick = (o: Record<string, unknown>) => {
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    return {
      kind: o.kind,
      data: o.data,
      labels: (o.metadata as Record<string, unknown>).labels,
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
      activeDeadlineSeconds: spec.activeDeadlineSeconds,
      enableServiceLinks: spec.enableServiceLinks,
      automountServiceAccountToken: spec.automountServiceAccountToken,
      hostNetwork: spec.hostNetwork,
      ports: (spec.containers as { ports?: unknown }[] | undefined)?.[0]?.ports,
      volumes: (spec.volumes as { name: string }[] | undefined)?.filter((v) => !v.name.startsWith('kube-api-access')),
    };
  };
  test.each(manifests)('%s', async (_, manifest) => {
    const real = await kubectl(server(), ['apply', '-f', '-'], { input: manifest });
    const cluster = new Cluster({}, []);
    // The emulation has no stdin: the manifest comes as a file its reader names as kubectl names stdin.
    const k = (line: string) => runKubectl(cluster, line, { readFile: () => ({ text: manifest, display: 'STDIN' }) });
    const emulated = k('kubectl apply -f -');
    expect({ code: emulated.exitCode, stdout: emulated.stdout, stderr: emulated.stderr }).toEqual({ code: real.code, stdout: real.stdout, stderr: real.stderr });
    if (real.code !== 0) return;
    const name = /\/(\S+) created/.exec(real.stdout)![1];
    const kind = /^(\S+)\//.exec(real.stdout)![1];
    const live = JSON.parse(await ok(server(), 'get', kind, name, '-o', 'json')) as Record<string, unknown>;
    const mine = JSON.parse(k(`kubectl get ${kind} ${name} -o json`).stdout) as Record<string, unknown>;
    expect(pick(mine)).toEqual(pick(live));
  });
});
