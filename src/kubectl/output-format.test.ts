// -o FORMAT as kubectl 1.32's PrintFlags.ToPrinter reads it for get: the template printers (and
// their -file forms), --template without -o, custom-columns, and the error texts of each.
import { parseOutput } from './output-format';

const files: Record<string, string> = {
  'cols.txt': 'NAME   REPLICAS\n.metadata.name   .spec.replicas\n',
  'bad-cols.txt': 'A B\n.x\n',
  'one-line.txt': 'A B\n',
  't.tmpl': '{{.kind}}',
  'p.jsonpath': '{.kind}',
};
const readFile = (p: string) => {
  if (!(p in files)) throw new Error('no such file');
  return files[p];
};

test('the formats and their spellings', () => {
  expect(parseOutput('')).toEqual({ kind: 'human', wide: false });
  expect(parseOutput('wide')).toEqual({ kind: 'human', wide: true });
  expect(parseOutput('yaml')).toEqual({ kind: 'yaml' });
  expect(parseOutput('jsonpath={.a}')).toEqual({ kind: 'jsonpath', template: '{.a}' });
  expect(parseOutput('jsonpath-as-json={.a}')).toEqual({ kind: 'jsonpath-as-json', template: '{.a}' });
  expect(parseOutput('jsonpath-file=p.jsonpath', { readFile })).toEqual({ kind: 'jsonpath', template: '{.kind}' });
  expect(parseOutput('go-template={{.a}}')).toMatchObject({ kind: 'go-template', template: '{{.a}}' });
  expect(parseOutput('template={{.a}}')).toMatchObject({ kind: 'go-template', template: '{{.a}}' });
  expect(parseOutput('go-template-file=t.tmpl', { readFile })).toMatchObject({ kind: 'go-template', template: '{{.kind}}' });
  expect(parseOutput('templatefile=t.tmpl', { readFile })).toMatchObject({ kind: 'go-template', template: '{{.kind}}' });
  // --template alone is a go-template; with -o jsonpath it is the JSONPath.
  expect(parseOutput('', { template: '{{.b}}' })).toMatchObject({ kind: 'go-template', template: '{{.b}}' });
  expect(parseOutput('jsonpath', { template: '{.b}' })).toEqual({ kind: 'jsonpath', template: '{.b}' });
  expect(parseOutput('custom-columns=N:.metadata.name,R:{.spec.replicas}')).toEqual({
    kind: 'custom-columns',
    columns: [
      { header: 'N', expr: '{.metadata.name}' },
      { header: 'R', expr: '{.spec.replicas}' },
    ],
  });
  expect(parseOutput('custom-columns-file=cols.txt', { readFile })).toEqual({
    kind: 'custom-columns',
    columns: [
      { header: 'NAME', expr: '{.metadata.name}' },
      { header: 'REPLICAS', expr: '{.spec.replicas}' },
    ],
  });
});

test("kubectl's errors", () => {
  expect(() => parseOutput('go-template')).toThrow('template format specified but no template given');
  expect(() => parseOutput('jsonpath')).toThrow('template format specified but no template given');
  expect(() => parseOutput('custom-columns')).toThrow('custom-columns format specified but no custom columns given');
  expect(() => parseOutput('custom-columns=NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  expect(() => parseOutput('go-template-file=nope.tmpl', { readFile })).toThrow('error reading --template nope.tmpl, open nope.tmpl: no such file or directory');
  expect(() => parseOutput('custom-columns-file=nope', { readFile })).toThrow('error reading template nope, open nope: no such file or directory');
  expect(() => parseOutput('custom-columns-file=bad-cols.txt', { readFile })).toThrow("number of headers (2) and field specifications (1) don't match");
  expect(() => parseOutput('custom-columns-file=one-line.txt', { readFile })).toThrow('invalid template, missing spec line.');
  expect(() => parseOutput('go-template={{.a')).toThrow('error parsing template {{.a, template: output:1: unclosed action');
  expect(() => parseOutput('bogus')).toThrow(
    'unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
  );
});
