// resource.Quantity as k8s.io/apimachinery/pkg/api/resource implements it: the tables below are
// quantity_test.go's (TestQuantityParse, TestQuantityString, TestQuantityParseEmit,
// TestJSONWhitespace, TestAdd), case for case, run against parseQuantity / formatQuantity.
import { Cluster } from '../../cluster/cluster';
import { runKubectl } from '../../kubectl/index';
import { addQuantity, canonicalQuantity, canonicalizeQuantities, compareQuantity, formatQuantity, newQuantity, parseQuantity, type Quantity, type QuantityFormat } from './quantity';

const canonical = (s: string | number) => formatQuantity(parseQuantity(s)!);
const dec = (m: number | bigint, e: number, f: QuantityFormat): Quantity => newQuantity(BigInt(m), e, f);
const MAX_ALLOWED = newQuantity(2n ** 63n - 1n, 0, 'BinarySI');

describe('TestQuantityParse (quantity_test.go): value and format, and the same with - and + in front', () => {
  const table: [string, Quantity][] = [
    ['0', dec(0, 0, 'DecimalSI')],
    ['0n', dec(0, 0, 'DecimalSI')],
    ['0u', dec(0, 0, 'DecimalSI')],
    ['0m', dec(0, 0, 'DecimalSI')],
    ['0Ki', dec(0, 0, 'BinarySI')],
    ['0k', dec(0, 0, 'DecimalSI')],
    ['0Mi', dec(0, 0, 'BinarySI')],
    ['0M', dec(0, 0, 'DecimalSI')],
    ['0Gi', dec(0, 0, 'BinarySI')],
    ['0G', dec(0, 0, 'DecimalSI')],
    ['0Ti', dec(0, 0, 'BinarySI')],
    ['0T', dec(0, 0, 'DecimalSI')],
    ['1', dec(1, 0, 'DecimalSI')],
    ['1Ki', dec(1024, 0, 'BinarySI')],
    ['8Ki', dec(8 * 1024, 0, 'BinarySI')],
    ['7Mi', dec(7 * 1024 ** 2, 0, 'BinarySI')],
    ['6Gi', dec(6 * 1024 ** 3, 0, 'BinarySI')],
    ['5Ti', dec(5 * 1024 ** 4, 0, 'BinarySI')],
    ['4Pi', dec(4n * 1024n ** 5n, 0, 'BinarySI')],
    ['3Ei', dec(3n * 1024n ** 6n, 0, 'BinarySI')],
    ['10Ti', dec(10 * 1024 ** 4, 0, 'BinarySI')],
    ['100Ti', dec(100 * 1024 ** 4, 0, 'BinarySI')],
    ['5n', dec(5, -9, 'DecimalSI')],
    ['4u', dec(4, -6, 'DecimalSI')],
    ['3m', dec(3, -3, 'DecimalSI')],
    ['9', dec(9, 0, 'DecimalSI')],
    ['8k', dec(8, 3, 'DecimalSI')],
    ['50k', dec(5, 4, 'DecimalSI')],
    ['7M', dec(7, 6, 'DecimalSI')],
    ['6G', dec(6, 9, 'DecimalSI')],
    ['5T', dec(5, 12, 'DecimalSI')],
    ['40T', dec(4, 13, 'DecimalSI')],
    ['300T', dec(3, 14, 'DecimalSI')],
    ['2P', dec(2, 15, 'DecimalSI')],
    ['1E', dec(1, 18, 'DecimalSI')],
    ['1E-3', dec(1, -3, 'DecimalExponent')],
    ['1e3', dec(1, 3, 'DecimalExponent')],
    ['1E6', dec(1, 6, 'DecimalExponent')],
    ['1e9', dec(1, 9, 'DecimalExponent')],
    ['1E12', dec(1, 12, 'DecimalExponent')],
    ['1e15', dec(1, 15, 'DecimalExponent')],
    ['1E18', dec(1, 18, 'DecimalExponent')],
    ['1e14', dec(1, 14, 'DecimalExponent')],
    ['1e13', dec(1, 13, 'DecimalExponent')],
    ['100.035k', dec(100035, 0, 'DecimalSI')],
    ['0.001', dec(1, -3, 'DecimalSI')],
    ['0.0005k', dec(5, -1, 'DecimalSI')],
    ['0.005', dec(5, -3, 'DecimalSI')],
    ['0.05', dec(5, -2, 'DecimalSI')],
    ['0.5', dec(5, -1, 'DecimalSI')],
    ['0.00050k', dec(5, -1, 'DecimalSI')],
    ['0.00500', dec(5, -3, 'DecimalSI')],
    ['0.05000', dec(5, -2, 'DecimalSI')],
    ['0.50000', dec(5, -1, 'DecimalSI')],
    ['0.5e0', dec(5, -1, 'DecimalExponent')],
    ['0.5e-1', dec(5, -2, 'DecimalExponent')],
    ['0.5e-2', dec(5, -3, 'DecimalExponent')],
    ['10.035M', dec(10035, 3, 'DecimalSI')],
    ['1.2e3', dec(12, 2, 'DecimalExponent')],
    ['1.3E+6', dec(13, 5, 'DecimalExponent')],
    ['1.40e9', dec(14, 8, 'DecimalExponent')],
    ['1.53E12', dec(153, 10, 'DecimalExponent')],
    ['1.6e15', dec(16, 14, 'DecimalExponent')],
    ['1.7E18', dec(17, 17, 'DecimalExponent')],
    ['9.01', dec(901, -2, 'DecimalSI')],
    ['8.1k', dec(81, 2, 'DecimalSI')],
    ['7.123456M', dec(7123456, 0, 'DecimalSI')],
    ['6.987654321G', dec(6987654321, 0, 'DecimalSI')],
    ['5.444T', dec(5444, 9, 'DecimalSI')],
    ['40.1T', dec(401, 11, 'DecimalSI')],
    ['300.2T', dec(3002, 11, 'DecimalSI')],
    ['2.5P', dec(25, 14, 'DecimalSI')],
    ['1.01E', dec(101, 16, 'DecimalSI')],
    // Things that saturate/round
    ['3.001n', dec(4, -9, 'DecimalSI')],
    ['1.1E-9', dec(2, -9, 'DecimalExponent')],
    ['0.0000000001', dec(1, -9, 'DecimalSI')],
    ['0.0000000005', dec(1, -9, 'DecimalSI')],
    ['0.00000000050', dec(1, -9, 'DecimalSI')],
    ['0.5e-9', dec(1, -9, 'DecimalExponent')],
    ['0.9n', dec(1, -9, 'DecimalSI')],
    ['0.00000012345', dec(124, -9, 'DecimalSI')],
    ['0.00000012354', dec(124, -9, 'DecimalSI')],
    ['9Ei', MAX_ALLOWED],
    ['9223372036854775807Ki', MAX_ALLOWED],
    ['12E', dec(12, 18, 'DecimalSI')],
    // Fractional binary
    ['100.035Ki', dec(10243584, -2, 'BinarySI')],
    ['0.5Mi', dec(0.5 * 1024 * 1024, 0, 'BinarySI')],
    ['0.05Gi', dec(536870912, -1, 'BinarySI')],
    ['0.025Ti', dec(274877906944, -1, 'BinarySI')],
    // "Things written by trolls"
    ['0.000000000001Ki', dec(2, -9, 'DecimalSI')],
    ['.001', dec(1, -3, 'DecimalSI')],
    ['.0001k', dec(100, -3, 'DecimalSI')],
    ['1.', dec(1, 0, 'DecimalSI')],
    ['1.G', dec(1, 9, 'DecimalSI')],
  ];
  test.each(table)('%s', (input, want) => {
    const got = parseQuantity(input)!;
    expect(got).toBeDefined();
    expect(compareQuantity(got, want)).toBe(0);
    expect(got.format).toBe(want.format);
    const neg = parseQuantity(`-${input}`)!;
    expect(compareQuantity(neg, newQuantity(-want.mantissa, want.exponent, want.format))).toBe(0);
    expect(neg.format).toBe(want.format);
    const plus = parseQuantity(`+${input}`)!;
    expect(compareQuantity(plus, want)).toBe(0);
    expect(plus.format).toBe(want.format);
  });

  test('its invalid list does not parse (ParseQuantity itself does not trim: UnmarshalJSON does)', () => {
    for (const bad of ['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-']) expect(parseQuantity(bad)).toBeUndefined();
    for (const bad of ['', 'one', '1Kb', '1K', '1e']) expect(parseQuantity(bad)).toBeUndefined();
  });
});

describe('TestQuantityString (quantity_test.go): the canonical form, kept on parse; alternates canonicalize to it', () => {
  const table: [Quantity, string, string][] = [
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5, 0, 'BinarySI'), '5', '5000m'],
    [dec(500, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1, 9, 'DecimalSI'), '1G', '1000M'],
    [dec(1000, 6, 'DecimalSI'), '1G', '0.001T'],
    [dec(1000000, 3, 'DecimalSI'), '1G', ''],
    [dec(1000000000, 0, 'DecimalSI'), '1G', ''],
    [dec(1, -3, 'DecimalSI'), '1m', '1000u'],
    [dec(80, -3, 'DecimalSI'), '80m', ''],
    [dec(1080, -3, 'DecimalSI'), '1080m', '1.08'],
    [dec(108, -2, 'DecimalSI'), '1080m', '1080000000n'],
    [dec(10800, -4, 'DecimalSI'), '1080m', ''],
    [dec(300, 6, 'DecimalSI'), '300M', ''],
    [dec(1, 12, 'DecimalSI'), '1T', ''],
    [dec(1, 18, 'DecimalSI'), '1E', ''],
    [dec(1, 21, 'DecimalSI'), '1e21', '1000E'],
    [dec(5, 21, 'DecimalSI'), '5e21', '5000E'],
    [dec(1, 24, 'DecimalSI'), '1e24', '1000000E'],
    [dec(1234567, 6, 'DecimalSI'), '1234567M', ''],
    [dec(1234567, -3, 'BinarySI'), '1234567m', ''],
    [dec(3, 3, 'DecimalSI'), '3k', ''],
    [dec(1025, 0, 'BinarySI'), '1025', ''],
    [dec(0, 0, 'DecimalSI'), '0', ''],
    [dec(0, 0, 'BinarySI'), '0', ''],
    [dec(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3, 3, 'DecimalExponent'), '3e3', ''],
    [dec(3, 3, 'DecimalSI'), '3k', ''],
    [dec(0, 0, 'DecimalExponent'), '0', '00'],
    [dec(1, -9, 'DecimalSI'), '1n', ''],
    [dec(80, -9, 'DecimalSI'), '80n', ''],
    [dec(1080, -9, 'DecimalSI'), '1080n', ''],
    [dec(108, -8, 'DecimalSI'), '1080n', ''],
    [dec(10800, -10, 'DecimalSI'), '1080n', ''],
    [dec(1, -6, 'DecimalSI'), '1u', ''],
    [dec(80, -6, 'DecimalSI'), '80u', ''],
    [dec(1080, -6, 'DecimalSI'), '1080u', ''],
  ];
  test.each(table)('%# → %s (alternate %s)', (q, want, alternate) => {
    expect(formatQuantity(q)).toBe(want);
    // "did not copy canonical string on parse"
    expect(parseQuantity(want)!.s).toBe(want);
    if (alternate) {
      const a = parseQuantity(alternate)!;
      expect(a.s).toBeUndefined();
      expect(formatQuantity(a)).toBe(want);
    }
    if (q.mantissa !== 0n) expect(formatQuantity(newQuantity(-q.mantissa, q.exponent, q.format))).toBe(`-${want}`);
  });
});

test.each([
  ['1Ki', '1Ki'],
  ['1Mi', '1Mi'],
  ['1Gi', '1Gi'],
  ['1024Mi', '1Gi'],
  ['1000M', '1G'],
  ['.001Ki', '1024m'],
  ['.000001Ki', '1024u'],
  ['.000000001Ki', '1024n'],
  ['.000000000001Ki', '2n'],
])('TestQuantityParseEmit (quantity_test.go): %s → %s, and negated', (input, want) => {
  expect(canonical(input)).toBe(want);
  expect(canonical(`-${input}`)).toBe(`-${want}`);
});

test('TestJSONWhitespace (quantity_test.go): UnmarshalJSON trims the text, and reads a JSON number as its literal', () => {
  for (const [input, want] of [
    [' 1', '1'],
    ['1 ', '1'],
    ['10', '10'],
    [' -1', '-1'],
  ] as const)
    expect(canonicalQuantity(input)).toBe(want);
  expect(canonicalQuantity(1)).toBe('1');
  expect(canonicalQuantity(-1)).toBe('-1');
  // encoding/json writes float64s as JavaScript's String() does: 0.25, 1e+21 (kept as written).
  expect(canonicalQuantity(0.25)).toBe('250m');
  expect(canonicalQuantity(1000)).toBe('1k');
  expect(canonicalQuantity(1e21)).toBe('1e+21');
});

test('the issue\'s examples: 0.5 → 500m, 1024Mi → 1Gi, 1000m → 1, 0.1Gi, 1.5Gi → 1536Mi; a quoted 1e3 stays 1e3', () => {
  expect(canonical('0.5')).toBe('500m');
  expect(canonical('1024Mi')).toBe('1Gi');
  expect(canonical('1000m')).toBe('1');
  // 0.1 × 2^30 = 107374182.4: not whole, so DecimalSI, exact to the nano.
  expect(canonical('0.1Gi')).toBe('107374182400m');
  expect(canonical('1.5Gi')).toBe('1536Mi');
  expect(canonical('1.5')).toBe('1500m');
  // DecimalExponent keeps its notation ({decQuantity(1, 3, DecimalExponent), "1e3"}); 1e3 written
  // unquoted in YAML is the float 1000, which reaches the server as the JSON number 1000: 1k.
  expect(canonical('1e3')).toBe('1e3');
  expect(canonical(1e3)).toBe('1k');
});

test('ParseQuantity keeps the text when its fast path finds it in canonical shape, quirks included', () => {
  // Sign, leading zeros and a trailing-zero fraction survive: the reuse test looks at the digits only.
  expect(canonical('+1')).toBe('+1');
  expect(canonical('01')).toBe('01');
  expect(canonical('1.100')).toBe('1.100');
  expect(canonical('+3Ki')).toBe('+3Ki');
  // …but not when they end in 000, start with 0, or the scale is not a multiple of 3.
  expect(canonical('1.000')).toBe('1');
  expect(canonical('0.1')).toBe('100m');
  expect(canonical('1.5')).toBe('1500m');
  // BinarySI keeps its text only for a mantissa not divisible by 8.
  expect(canonical('8Ki')).toBe('8Ki');
  expect(parseQuantity('8Ki')!.s).toBeUndefined();
  expect(canonical('2048Ki')).toBe('2Mi');
});

test('exponents anywhere in int32, and a 64-bit one truncated as interpret does, without building huge numbers', () => {
  expect(canonical('1e999999999')).toBe('1e999999999');
  expect(canonical('1e999999998')).toBe('100e999999996');
  expect(compareQuantity(parseQuantity('1e999999999')!, parseQuantity('1e999999998')!)).toBe(1);
  expect(compareQuantity(parseQuantity('-1e999999999')!, parseQuantity('1')!)).toBe(-1);
  expect(parseQuantity('1e999999999')!.nanos > 0n).toBe(true);
  // int32(4294967297) is 1: "1e4294967297" is ten.
  expect(canonical('1e4294967297')).toBe('10');
  // Past int64, ParseInt fails: ErrSuffix.
  expect(parseQuantity('1e9223372036854775808')).toBeUndefined();
});

test('the BinarySI cap holds for fractions too (9.5Ei), and huge texts cost linear time', () => {
  expect(canonical('9.5Ei')).toBe('9223372036854775807');
  expect(canonical('7.5Ei')).toBe('7680Pi');
  const start = Date.now();
  expect(canonical(`1${'0'.repeat(500_000)}`)).toBe('100e499998');
  expect(canonical(`0.${'0'.repeat(500_000)}1`)).toBe('1n');
  expect(Date.now() - start).toBeLessThan(2_000);
});

test('comparison is exact across formats', () => {
  expect(compareQuantity(parseQuantity('1Gi')!, parseQuantity('1073741824')!)).toBe(0);
  expect(compareQuantity(parseQuantity('1G')!, parseQuantity('1Gi')!)).toBe(-1);
  expect(compareQuantity(parseQuantity('2')!, parseQuantity('1500m')!)).toBe(1);
  // TestQuantityCmp
  expect(compareQuantity(parseQuantity('100m')!, parseQuantity('50m')!)).toBe(1);
  expect(compareQuantity(parseQuantity('10000T')!, parseQuantity('100Gi')!)).toBe(1);
});

test('TestAdd (quantity_test.go): the receiver keeps its format, a zero receiver takes the other', () => {
  const cases: [Quantity, Quantity, Quantity][] = [
    [dec(10, 0, 'DecimalSI'), dec(1, 1, 'DecimalSI'), dec(20, 0, 'DecimalSI')],
    [dec(10, 0, 'DecimalSI'), dec(1, 0, 'BinarySI'), dec(11, 0, 'DecimalSI')],
    [dec(10, 0, 'BinarySI'), dec(1, 0, 'DecimalSI'), dec(11, 0, 'BinarySI')],
    [dec(0, 0, 'DecimalSI'), dec(50, 0, 'DecimalSI'), dec(50, 0, 'DecimalSI')],
    [dec(50, 0, 'DecimalSI'), dec(0, 0, 'DecimalSI'), dec(50, 0, 'DecimalSI')],
  ];
  for (const [a, b, want] of cases) {
    const got = addQuantity(a, b);
    expect(compareQuantity(got, want)).toBe(0);
    expect(got.format).toBe(want.format);
  }
  expect(addQuantity(dec(0, 0, 'DecimalSI'), parseQuantity('1Gi')!).format).toBe('BinarySI');
  expect(formatQuantity(addQuantity(parseQuantity('512Mi')!, parseQuantity('512Mi')!))).toBe('1Gi');
});

describe('canonicalizeQuantities: every Quantity field of an object, as a GET returns it', () => {
  test('resources, emptyDir sizeLimit, overhead, in pods and templates; numbers become strings; other fields untouched', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { cpu: '0.5' } },
      spec: {
        containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: 0.5, memory: '1024Mi' }, limits: { cpu: '1000m', memory: 1073741824 } }, args: ['0.5'] }],
        initContainers: [{ name: 'i', image: 'busybox', resources: { limits: { 'ephemeral-storage': '2048Ki' } } }],
        overhead: { cpu: '250m' },
        volumes: [{ name: 'v', emptyDir: { sizeLimit: '0.5Gi' } }],
      },
    };
    canonicalizeQuantities(pod);
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1073741824' } });
    expect(pod.spec.containers[0].args).toEqual(['0.5']);
    expect(pod.metadata.annotations.cpu).toBe('0.5');
    expect(pod.spec.initContainers[0].resources.limits['ephemeral-storage']).toBe('2Mi');
    expect(pod.spec.overhead.cpu).toBe('250m');
    expect(pod.spec.volumes[0].emptyDir.sizeLimit).toBe('512Mi');
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1.2' } } }] } } } };
    canonicalizeQuantities(deploy);
    expect(deploy.spec.template.spec.containers[0].resources.requests.cpu).toBe('1200m');
  });

  test('kinds without Quantity fields, unknown kinds and malformed values are left alone', () => {
    const cm = { kind: 'ConfigMap', data: { a: '0.5' } };
    canonicalizeQuantities(cm);
    expect(cm.data.a).toBe('0.5');
    const odd = { kind: 'Pod', spec: { containers: [{ resources: { requests: { cpu: 'lots' } } }], volumes: 'x' } };
    canonicalizeQuantities(odd);
    expect(odd.spec.containers[0].resources.requests.cpu).toBe('lots');
  });
});

describe('through the API server and kubectl apply (the embedded cluster)', () => {
  const manifest = (cpu: string, memory: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: nginx, resources: { requests: { cpu: ${cpu}, memory: ${memory} } } }]\n`;

  test('a GET returns String(); apply again says configured for a rewritten text (kubernetes/kubernetes#116135), unchanged for a canonical one', () => {
    const cluster = new Cluster({}, []);
    const files: Record<string, string> = { 'p.yaml': manifest('0.5', '1024Mi') };
    const io = { readFile: (p: string) => ({ text: files[p], display: p }) };
    const k = (line: string) => runKubectl(cluster, line, io);
    expect(k('kubectl apply -f p.yaml').stdout).toBe('pod/p created\n');
    const live = cluster.api.get('Pod', 'p')!;
    expect(live.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' } });
    expect(live.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toContain('"requests":{"cpu":0.5,"memory":"1024Mi"}');
    expect(k('kubectl apply -f p.yaml').stdout).toBe('pod/p configured\n');
    expect(k('kubectl get pod p -o jsonpath={.spec.containers[0].resources.requests.cpu}').stdout).toBe('500m');
    files['p.yaml'] = manifest('500m', '1Gi');
    expect(k('kubectl apply -f p.yaml').stdout).toBe('pod/p configured\n');
    expect(k('kubectl apply -f p.yaml').stdout).toBe('pod/p unchanged\n');
  });
});
