// resource.Quantity parsing and canonical String() (k8s.io/apimachinery/pkg/api/resource
// quantity_test.go TestQuantityParse/TestQuantityString style cases).
import { compareQuantity, formatQuantity, parseQuantity } from './quantity';

const canonical = (s: string | number) => formatQuantity(parseQuantity(s)!);

test.each([
  ['0', '0'],
  ['1', '1'],
  ['1000m', '1'],
  ['0.5', '500m'],
  ['1500m', '1500m'],
  ['100u', '100u'],
  ['1k', '1k'],
  ['1000', '1k'],
  ['1Ki', '1Ki'],
  ['1024', '1024'],
  ['1024Mi', '1Gi'],
  ['1536Mi', '1536Mi'],
  ['0.5Gi', '512Mi'],
  ['1e3', '1e3'],
  ['1G', '1G'],
  ['-1', '-1'],
  ['128974848', '128974848'],
])('%s → %s', (input, out) => {
  expect(canonical(input)).toBe(out);
});

test('numbers from YAML parse like their JSON literal', () => {
  expect(canonical(2)).toBe('2');
  expect(canonical(0.25)).toBe('250m');
});

test('comparison is exact across formats', () => {
  expect(compareQuantity(parseQuantity('1Gi')!, parseQuantity('1073741824')!)).toBe(0);
  expect(compareQuantity(parseQuantity('1G')!, parseQuantity('1Gi')!)).toBe(-1);
  expect(compareQuantity(parseQuantity('2')!, parseQuantity('1500m')!)).toBe(1);
});

test('malformed quantities do not parse', () => {
  for (const bad of ['', 'one', '1Kb', '.', '1..2']) expect(parseQuantity(bad)).toBeUndefined();
});
