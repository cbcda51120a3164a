// The text of `kubectl patch -p` goes through the same safe YAML loader as manifests: nesting,
// alias bombs and non-JSON tags are refused with the loader's message, never a stack overflow.
import { Cluster } from '../cluster/cluster';
import { runKubectl } from './index';

function setup() {
  const cluster = new Cluster({}, []);
  const io = { readFile: (p: string) => ({ text: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: nginx }]\n', display: p }) };
  const k = (line: string) => runKubectl(cluster, line, io);
  expect(k('kubectl apply -f p.yaml').exitCode).toBe(0);
  return k;
}

describe('kubectl patch -p', () => {
  test('nested 5,000 levels deep: the YAML depth error, the same every time', () => {
    const k = setup();
    const deep = '{"spec":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const r = k(`kubectl patch pod p -p '${deep}'`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: unable to parse ${JSON.stringify(deep)}: YAML is nested deeper than 64 levels\n`);
    expect(k(`kubectl patch pod p -p '${deep}'`)).toEqual(r);
  });

  test('a tag without a JSON value is refused, not emptied', () => {
    const r = setup()(`kubectl patch pod p -p '{"metadata": {"labels": !!set {a}}}'`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/the YAML tag !!set makes a value JSON cannot hold/);
  });

  test('an ordinary patch still applies', () => {
    const k = setup();
    expect(k(`kubectl patch pod p -p '{"metadata":{"labels":{"app":"web"}}}'`)).toEqual({ stdout: 'pod/p patched\n', stderr: '', exitCode: 0 });
  });
});
