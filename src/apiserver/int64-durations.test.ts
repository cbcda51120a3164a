// Durations and timestamps at the edges of int64: a student's terminationGracePeriodSeconds of
// 9223372036854775807 is a valid int64, and every path that turns seconds into an instant (graceful
// deletion, taint-based eviction, formatting a timestamp) answers as a v1.32 API server does.
import { Cluster } from '../cluster/cluster';
import type { KubeObject } from './types';
import { parseYaml } from '../manifest/yaml';
import { Scheduler } from '../controllers/scheduler';
import { Kubelet } from '../controllers/kubelet';
import { NodeLifecycleController, minTolerationSeconds, setNodeReady } from '../controllers/nodelifecycle';
import { addGoSeconds, formatTime, parseTime } from '../util/clock';

const INT64_MAX = '9223372036854775807';

function podYaml(name: string, extra: string): KubeObject {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers: [{ name: c, image: nginx }]\n${extra}`;
  return parseYaml(text, `${name}.yaml`)[0].value as KubeObject;
}

describe('graceful deletion with a grace period anywhere in int64', () => {
  test(`terminationGracePeriodSeconds: ${INT64_MAX} deletes as upstream does (no internal error)`, () => {
    const c = new Cluster({}, [new Scheduler(), new Kubelet()]);
    c.api.create(podYaml('huge', `  terminationGracePeriodSeconds: ${INT64_MAX}\n`));
    c.settle();
    const now = c.clock.now();
    expect(() => c.api.delete('Pod', 'huge')).not.toThrow();
    const meta = c.api.get('Pod', 'huge')!.metadata;
    // BeforeDelete: now.Add(time.Second * time.Duration(grace)); the int64 product wraps to -1 s.
    expect(meta.deletionTimestamp).toBe(formatTime(now - 1000));
    // Every digit of the int64 (a bigint past 2^53), not the nearest double 9223372036854775808.
    expect(meta.deletionGracePeriodSeconds).toBe(BigInt(INT64_MAX));
    c.settle();
    expect(c.api.get('Pod', 'huge')).toBeUndefined();
  });

  test('the most negative int64 is a grace period of 1 s (CheckGracefulDelete: period < 0 → 1)', () => {
    const c = new Cluster({}, [new Scheduler(), new Kubelet()]);
    c.api.create(podYaml('neg', '  terminationGracePeriodSeconds: -9223372036854775808\n'));
    c.settle();
    const now = c.clock.now();
    c.api.delete('Pod', 'neg');
    expect(c.api.get('Pod', 'neg')!.metadata).toMatchObject({ deletionTimestamp: formatTime(now + 1000), deletionGracePeriodSeconds: 1 });
  });

  test('addGoSeconds is time.Time.Add(time.Second * time.Duration(s)), wrapping as Go does', () => {
    expect(addGoSeconds(0, 30)).toBe(30_000);
    expect(addGoSeconds(0, Number(INT64_MAX))).toBe(-1000);
    expect(addGoSeconds(0, -9223372036854775808)).toBe(0);
    // 10^10 s is 10^19 ns, past int64: it wraps to 10^19 - 2^64 ns.
    expect(addGoSeconds(0, 1e10)).toBe(Number((10n ** 19n - 2n ** 64n) / 1_000_000n));
    expect(addGoSeconds(0, 9e9)).toBe(9e12);
  });
});

describe('taint-based eviction with a tolerationSeconds anywhere in int64', () => {
  test('MaxInt64 is "tolerate forever" (getMinTolerationTime), and so is a product that wraps negative', () => {
    expect(minTolerationSeconds([{ key: 'a', tolerationSeconds: Number(INT64_MAX) }])).toBe(-1);
    const c = new Cluster({}, [new Scheduler(), new Kubelet(), new NodeLifecycleController()]);
    const tol = (s: string) => `  nodeName: worker1\n  tolerations: [{ key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: ${s} }]\n`;
    c.api.create(podYaml('max', tol(INT64_MAX)));
    c.api.create(podYaml('wraps', tol('10000000000')));
    c.api.create(podYaml('soon', tol('60')));
    c.settle();
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    expect(() => c.wait(3_600_000)).not.toThrow();
    expect(c.api.get('Pod', 'soon')?.metadata.deletionTimestamp).toBeDefined();
    expect(c.api.get('Pod', 'max')!.metadata.deletionTimestamp).toBeUndefined();
    expect(c.api.get('Pod', 'wraps')!.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('formatTime is total', () => {
  test('never throws, whatever instant an int64 of seconds or a wait leads to', () => {
    for (const ms of [NaN, Infinity, -Infinity, 8.64e15 + 1000, -8.64e15 - 1000, 2 ** 63 * 1000, Number.MAX_VALUE, -Number.MAX_VALUE]) {
      expect(() => formatTime(ms)).not.toThrow();
      expect(formatTime(ms)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(parseTime(formatTime(ms))).toBe(Date.parse(formatTime(ms)));
    }
  });
});

describe('int64 fields hold int64s', () => {
  test('a number past int64 is a decode error, as Go says it (a float like 1e300 is an integer in JavaScript)', () => {
    const c = new Cluster({}, []);
    expect(() => c.api.create(podYaml('far', '  terminationGracePeriodSeconds: 1e300\n'))).toThrow(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 1e+300 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
    );
    // Every int64 is accepted, both edges included.
    expect(() => c.api.create(podYaml('min', '  terminationGracePeriodSeconds: -9223372036854775808\n'))).not.toThrow();
    expect(() => c.api.create(podYaml('max', `  terminationGracePeriodSeconds: ${INT64_MAX}\n`))).not.toThrow();
  });
});
