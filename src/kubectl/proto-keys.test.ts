// A `__proto__` key in a student's manifest is a field like any other: refused as an unknown field
// on re-apply (client-side three-way merge) and on kubectl patch (server-side merge, strategic and
// JSON patches), as it already is on create, never silently dropped nor turned into the
// prototype of a copy (which hid it from validation and lent its fields to the object).
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{ name: c, image: nginx }]\n';

function setup(files: Record<string, string>) {
  const cluster = new Cluster({}, []);
  const io = {
    readFile(p: string) {
      if (!(p in files)) throw new Error(`${p}: no such file`);
      return { text: files[p], display: p };
    },
  };
  return { cluster, k: (line: string): KubectlResult => runKubectl(cluster, line, io) };
}

afterEach(() => {
  expect(Object.prototype).not.toHaveProperty('labels');
  expect(Object.prototype).not.toHaveProperty('image');
});

describe('__proto__ keys', () => {
  const cases: [string, string, string][] = [
    ['metadata', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  __proto__: { labels: { app: x } }\nspec:\n  containers: [{ name: c, image: nginx }]\n', 'metadata.__proto__'],
    ['spec', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  __proto__: { nodeName: x }\n  containers: [{ name: c, image: nginx }]\n', 'spec.__proto__'],
    ['a container', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{ name: c, image: nginx, __proto__: { image: busybox } }]\n', 'spec.containers[0].__proto__'],
  ];

  test.each(cases)('in %s: refused on create', (_, text, field) => {
    const { k } = setup({ 'p.yaml': text });
    const r = k('kubectl apply -f p.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`unknown field "${field}"`);
  });

  test.each(cases)('in %s: refused on re-apply of an existing object, which is left as it was', (_, text, field) => {
    const { k, cluster } = setup({ 'p0.yaml': POD, 'p.yaml': text });
    expect(k('kubectl apply -f p0.yaml').exitCode).toBe(0);
    const before = cluster.api.get('Pod', 'p');
    const r = k('kubectl apply -f p.yaml');
    expect(r.stderr).toContain(`unknown field "${field}"`);
    expect(r.exitCode).toBe(1);
    expect(cluster.api.get('Pod', 'p')).toBe(before);
  });

  test.each([
    ['merge', `{"metadata":{"__proto__":{"labels":{"app":"x"}}}}`],
    ['strategic', `{"metadata":{"__proto__":{"labels":{"app":"x"}}}}`],
    ['json', `[{"op":"add","path":"/metadata/__proto__","value":{"labels":{"app":"x"}}}]`],
  ])('kubectl patch --type %s: refused by the server', (type, patch) => {
    const { k, cluster } = setup({ 'p0.yaml': POD });
    expect(k('kubectl apply -f p0.yaml').exitCode).toBe(0);
    const before = cluster.api.get('Pod', 'p');
    const r = k(`kubectl patch pod p --type ${type} -p '${patch}'`);
    expect(r.stderr).toContain('unknown field "metadata.__proto__"');
    expect(r.exitCode).toBe(1);
    expect(cluster.api.get('Pod', 'p')).toBe(before);
  });
});
