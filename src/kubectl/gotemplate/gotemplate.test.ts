// The go-template printer against what the real kubectl 1.32.5 printed for the same Deployment
// (as kubespec serve served it, managedFields included): __fixtures__/upstream-deployment.json
// holds the object and, per template, kubectl's stdout, stderr and exit code.
import * as fs from 'fs';
import * as path from 'path';
import { KubectlError, renderErrors } from '../resources';
import { base64Decode, executeGoTemplate, GoTemplateError, goTemplatePrinter, parseGoTemplate } from '.';
import { formatFloatG, sprintf } from './fmt';
import { fromJson } from './value';

interface Recorded {
  object: unknown;
  cases: { template: string; stdout: string; stderr: string; code: number }[];
}

const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '__fixtures__', 'upstream-deployment.json'), 'utf8')) as Recorded;

/** What the emulation prints for one template: stdout, stderr (CheckErr's rendering), exit code. */
function run(template: string, obj: unknown): { stdout: string; stderr: string; code: number } {
  try {
    return { stdout: goTemplatePrinter(template)(obj), stderr: '', code: 0 };
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    return { stdout: e instanceof GoTemplateError ? e.printed : '', stderr: renderErrors([e]), code: 1 };
  }
}

describe('prints what kubectl 1.32.5 printed for each template', () => {
  test.each(recorded.cases.map((c, i) => [i + 1, c.template, c] as const))('#%d %s', (_i, template, c) => {
    expect(run(template, recorded.object)).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
});

test('Go number formatting: %v of float64 is the shortest %g, an exponent from 1e21 and below 1e-4', () => {
  expect(formatFloatG(1e6)).toBe('1e+06');
  expect(formatFloatG(123456)).toBe('123456');
  expect(formatFloatG(0.5)).toBe('0.5');
  expect(formatFloatG(0.0001)).toBe('0.0001');
  expect(formatFloatG(0.00001)).toBe('1e-05');
  expect(formatFloatG(-2.5e-7)).toBe('-2.5e-07');
  expect(sprintf('%5.1f|%-4d|%03d|%+d', [fromJson(2.25), fromJson(7), fromJson(5), fromJson(3)])).toBe('  2.2|7   |005|+3');
});

test('base64decode is encoding/base64 StdEncoding, with its error offsets', () => {
  expect(base64Decode('aGVsbG8=')).toBe('hello');
  expect(base64Decode('aGVs\nbG8=')).toBe('hello');
  expect(() => base64Decode('aGVsbG8')).toThrow('illegal base64 data at input byte 4');
  expect(() => base64Decode('a!')).toThrow('illegal base64 data at input byte 1');
});

test('untrusted templates are bounded: range iterations and output size', () => {
  const many = { items: Array.from({ length: 2000 }, (_, i) => i) };
  const trees = parseGoTemplate('{{range .items}}{{range $.items}}x{{end}}{{end}}');
  expect(() => executeGoTemplate('t', trees, many, { maxSteps: 100_000, maxOutput: 1e9, maxDepth: 10 })).toThrow(/kubespec stops a template after 100000 steps/);
  const big = parseGoTemplate('{{range .items}}{{printf "%0100d" 1}}{{end}}');
  expect(() => executeGoTemplate('t', big, many, { maxSteps: 1e9, maxOutput: 10_000, maxDepth: 10 })).toThrow(/past 10000 characters/);
  const loop = parseGoTemplate('{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}');
  expect(() => executeGoTemplate('t', loop, {}, { maxSteps: 1e9, maxOutput: 1e9, maxDepth: 50 })).toThrow(/exceeded maximum template depth \(50\)/);
  expect(() => parseGoTemplate('{{' + '('.repeat(5000) + '1' + ')'.repeat(5000) + '}}')).toThrow(/max expression depth exceeded/);
});
