import { jsonPath, jsonPathValues } from './jsonpath';

const pods = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'x' } }, spec: { nodeName: 'worker0', containers: [{ image: 'nginx' }, { image: 'busybox' }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    { metadata: { name: 'b' }, spec: { containers: [{ image: 'httpd' }] }, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
  ],
};

describe('jsonPath (kubectl -o jsonpath)', () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].spec.containers[*].image}', 'nginx busybox'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ["{.items[0].metadata.labels['app']}", 'x'],
    ['{..image}', 'nginx busybox httpd'],
    ['{.items[?(@.status.conditions[0].status=="True")].metadata.name}', 'a'],
    ['{.items[?(@.spec.nodeName)].metadata.name}', 'a'],
    ['{range .items[*]}{.metadata.name}:{.spec.nodeName}{"\\n"}{end}', 'a:worker0\nb:\n'],
    ['{.items[0].metadata.labels}', '{"app":"x"}'],
    ['{.nope}', ''],
    ['name: {.kind}', 'name: List'],
  ])('%s', (template, want) => {
    expect(jsonPath(template, pods)).toBe(want);
  });

  it('custom-columns cells', () => {
    expect(jsonPathValues('{.spec.containers[*].image}', pods.items[0])).toEqual(['nginx', 'busybox']);
    expect(jsonPathValues('{.spec.nodeName}', pods.items[1])).toEqual([]);
  });

  it('refuses an unterminated action', () => {
    expect(() => jsonPath('{.items', pods)).toThrow('unclosed action');
  });
});
