// int64 fields keep every digit through the real kubectl v1.32 against `kubespec serve` (issue #10):
// Go decodes an int64 with all of its 19 digits, where JavaScript's Number stops at 2^53, so a
// manifest's terminationGracePeriodSeconds: 9223372036854775807 must come back as written from
// `get -o json`, `-o yaml` and jsonpath, and 9223372036854775808 (past int64) is refused with the
// decoder's error, as a v1.32 API server refuses it.
import { Cluster } from '../../src/cluster/cluster';
import { runKubectl } from '../../src/kubectl/index';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubectl, ok, startServer, useServer } from './support';

jest.setTimeout(120_000);

const server = useServer({ speed: 50 });

const TOLERATION = `  tolerations:
  - key: example.com/x
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 9007199254740993
`;

const pod = (name: string, grace: string, extra = TOLERATION) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: ${grace}
${extra}  containers:
  - name: c
    image: nginx
`;

const INT64_MAX = '9223372036854775807';

describe('an int64 past 2^53 through serve and the real kubectl', () => {
  test('applied as YAML, it is returned with every digit by -o json, -o yaml and jsonpath', async () => {
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('max', INT64_MAX) })).toMatchObject({ code: 0, stdout: 'pod/max created\n' });
    const json = await ok(server(), 'get', 'pod', 'max', '-o', 'json');
    expect(json).toContain(`"terminationGracePeriodSeconds": ${INT64_MAX}`);
    expect(json).toContain('"tolerationSeconds": 9007199254740993');
    const yaml = await ok(server(), 'get', 'pod', 'max', '-o', 'yaml');
    expect(yaml).toContain(`  terminationGracePeriodSeconds: ${INT64_MAX}\n`);
    expect(yaml).toContain('    tolerationSeconds: 9007199254740993\n');
    expect(await ok(server(), 'get', 'pod', 'max', '-o', 'jsonpath={.spec.terminationGracePeriodSeconds}')).toBe(INT64_MAX);
    // The last-applied annotation kubectl wrote holds the digits too, and the same file is unchanged.
    expect(await ok(server(), 'get', 'pod', 'max', '-o', "jsonpath={.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}")).toContain(`"terminationGracePeriodSeconds":${INT64_MAX}`);
    // Without the toleration: re-applying a tolerations list beside the API server's default ones
    // is refused by kubespec's pod update validation, a question apart from int64s.
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('plain', INT64_MAX, '') })).toMatchObject({ code: 0, stdout: 'pod/plain created\n' });
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('plain', INT64_MAX, '') })).toMatchObject({ code: 0, stdout: 'pod/plain unchanged\n' });
  });

  test('a watch streams the object with its digits', async () => {
    const events = await ok(server(), 'get', '--raw', '/api/v1/namespaces/default/pods?watch=1&timeoutSeconds=1&fieldSelector=metadata.name%3Dmax');
    expect(events).toContain(`"terminationGracePeriodSeconds":${INT64_MAX}`);
  });

  test('as JSON, and the most negative int64 too', async () => {
    const body = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"min"},"spec":{"terminationGracePeriodSeconds":-9223372036854775808,"containers":[{"name":"c","image":"nginx"}]}}`;
    expect(await kubectl(server(), ['create', '-f', '-'], { input: body })).toMatchObject({ code: 0, stdout: 'pod/min created\n' });
    expect(await ok(server(), 'get', 'pod', 'min', '-o', 'jsonpath={.spec.terminationGracePeriodSeconds}')).toBe('-9223372036854775808');
  });

  test('9223372036854775808 is past int64: refused by the decoder, with the literal the server received', async () => {
    // kubectl decodes the manifest into an unstructured object first, where an integer past int64
    // becomes a float64, and sends it as Go writes that float: 9223372036854776000.
    const real = await kubectl(server(), ['apply', '-f', '-'], { input: pod('past', '9223372036854775808') });
    const expected =
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 9223372036854776000 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64\n';
    expect(real).toMatchObject({ code: 1, stdout: '', stderr: expected });
    const cluster = new Cluster({}, []);
    const emulated = runKubectl(cluster, 'apply -f -', { readFile: () => ({ text: pod('past', '9223372036854775808'), display: 'STDIN' }) });
    expect(emulated).toMatchObject({ exitCode: 1, stdout: '', stderr: expected });
    // A body sent as it is (create --raw) keeps its digits: encoding/json's UnmarshalTypeError quotes the literal.
    const body = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"raw"},"spec":{"terminationGracePeriodSeconds":9223372036854775808,"containers":[{"name":"c","image":"nginx"}]}}`;
    const raw = await kubectl(server(), ['create', '--raw', '/api/v1/namespaces/default/pods', '-f', '-'], { input: body });
    expect(raw.code).toBe(1);
    expect(raw.stderr).toContain('json: cannot unmarshal number 9223372036854775808 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64');
  });

  test('server-side apply, strategic and JSON patches keep the digits too', async () => {
    const deploy = (grace: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 1
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers:
      - name: c
        image: nginx
`;
    expect(await kubectl(server(), ['apply', '--server-side', '-f', '-'], { input: deploy(INT64_MAX) })).toMatchObject({ code: 0, stdout: 'deployment.apps/big serverside-applied\n' });
    const grace = () => ok(server(), 'get', 'deployment', 'big', '-o', 'jsonpath={.spec.template.spec.terminationGracePeriodSeconds}');
    expect(await grace()).toBe(INT64_MAX);
    expect(await kubectl(server(), ['apply', '--server-side', '-f', '-'], { input: deploy('9223372036854775806') })).toMatchObject({ code: 0 });
    expect(await grace()).toBe('9223372036854775806');
    await ok(server(), 'patch', 'deployment', 'big', '-p', '{"spec":{"template":{"spec":{"terminationGracePeriodSeconds":3546343826724305833}}}}');
    expect(await grace()).toBe('3546343826724305833');
    const test = (v: string) => kubectl(server(), ['patch', 'deployment', 'big', '--type=json', '-p', `[{"op":"test","path":"/spec/template/spec/terminationGracePeriodSeconds","value":${v}}]`]);
    expect((await test('3546343826724305833')).code).toBe(0);
    // The nearest double of ...833 is ...832 to JavaScript: the test op must tell them apart.
    expect((await test('3546343826724305832')).code).toBe(1);
    const rs = await ok(server(), 'get', 'rs', '-l', 'app=big', '-o', 'jsonpath={.items[*].spec.template.spec.terminationGracePeriodSeconds}');
    expect(rs.split(' ').sort()).toEqual(['3546343826724305833', '9223372036854775806', INT64_MAX].sort());
  });

  test.each([
    ['an image (a string)', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: 9007199254740993\n'],
    ['replicas (an int32)', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: r\nspec:\n  replicas: 9223372036854775807\n  selector:\n    matchLabels:\n      app: r\n  template:\n    metadata:\n      labels:\n        app: r\n    spec:\n      containers:\n      - name: c\n        image: nginx\n'],
    ['a targetPort (an IntOrString)', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetPort: 3546343826724305833\n'],
    ['a whole struct', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec: 9007199254740993\n'],
  ])('a big integer in %s: the decoder\'s error, the same from the emulation', async (_what, manifest) => {
    const real = await kubectl(server(), ['apply', '-f', '-'], { input: manifest });
    const emulated = runKubectl(new Cluster({}, []), 'apply -f -', { readFile: () => ({ text: manifest, display: 'STDIN' }) });
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/cannot unmarshal number/);
    expect({ code: emulated.exitCode, stderr: emulated.stderr }).toEqual({ code: real.code, stderr: real.stderr });
  });

  test('the emulation prints what the real kubectl prints for the same pod', async () => {
    const cluster = new Cluster({}, []);
    const k = (line: string) => runKubectl(cluster, line, { readFile: () => ({ text: pod('max', INT64_MAX), display: 'STDIN' }) });
    expect(k('apply -f -')).toMatchObject({ exitCode: 0, stdout: 'pod/max created\n' });
    expect(k('get pod max -o jsonpath={.spec.terminationGracePeriodSeconds}').stdout).toBe(INT64_MAX);
    const field = (text: string) => text.split('\n').filter((l) => /terminationGracePeriodSeconds|tolerationSeconds/.test(l));
    expect(field(k('get pod max -o yaml').stdout)).toEqual(field(await ok(server(), 'get', 'pod', 'max', '-o', 'yaml')));
    expect(field(k('get pod max -o json').stdout)).toEqual(field(await ok(server(), 'get', 'pod', 'max', '-o', 'json')));
  });
});

describe('--data keeps the digits across a restart', () => {
  test('written to the data folder and read back exactly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-int64-'));
    try {
      const first = await startServer({ data: dir });
      try {
        expect(await kubectl(first, ['apply', '-f', '-'], { input: pod('kept', INT64_MAX) })).toMatchObject({ code: 0 });
      } finally {
        await first.close();
      }
      const second = await startServer({ data: dir });
      try {
        expect(await ok(second, 'get', 'pod', 'kept', '-o', 'jsonpath={.spec.terminationGracePeriodSeconds} {.spec.tolerations[0].tolerationSeconds}')).toBe(`${INT64_MAX} 9007199254740993`);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
