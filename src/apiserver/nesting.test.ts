// JSON values nested without bound (a body for kubespec serve, a patch) reach the API server without
// the YAML loader's limit: past MAX_NESTING they are a clear 400 before anything walks them
// recursively, never a stack overflow (deepClone, strategic merge and JSON.stringify itself recurse
// once or more per level, and overflowed at 2,000-5,000 levels).
import { ApiServer } from './apiserver';
import { isStatusError } from './errors';
import { defaultStrategies } from './registry';
import { MAX_NESTING } from './registry/decode';
import type { KubeObject } from './types';
import { Clock } from '../util/clock';
import { Random } from '../util/random';

function nest(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const pod = (extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } });

function statusError(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('no error');
}

const TOO_DEEP = `Pod in version "v1" cannot be handled as a Pod: json: nested deeper than ${MAX_NESTING} levels (kubespec's limit; Kubernetes' JSON decoder stops at 10000)`;

describe('nesting past MAX_NESTING', () => {
  const api = () => new ApiServer(new Clock(), new Random(1), defaultStrategies());

  test('create: a 400, for 100,000 levels as for one past the limit', () => {
    for (const n of [MAX_NESTING, 100_000]) {
      const e = statusError(() => api().create(pod({ deep: nest(n) })));
      expect(e.code).toBe(400);
      expect(e.message).toBe(TOO_DEEP);
    }
  });

  test('below the limit, the usual answer (an unknown field)', () => {
    expect(statusError(() => api().create(pod({ deep: nest(MAX_NESTING - 3) }))).message).toMatch(/strict decoding error: unknown field "spec.deep"/);
  });

  test('update, status update and every kind of patch', () => {
    const a = api();
    const live = a.create(pod());
    expect(statusError(() => a.update({ ...live, spec: { ...live.spec, deep: nest(100_000) } })).message).toBe(TOO_DEEP);
    expect(statusError(() => a.updateStatus({ ...live, status: { deep: nest(100_000) } })).message).toBe(TOO_DEEP);
    for (const type of ['merge', 'strategic'] as const) expect(statusError(() => a.patch('Pod', 'p', { spec: { deep: nest(100_000) } }, type)).message).toBe(TOO_DEEP);
    expect(statusError(() => a.patch('Pod', 'p', [{ op: 'add', path: '/spec/deep', value: nest(100_000) }], 'json')).message).toBe(TOO_DEEP);
    expect(a.get('Pod', 'p')).toBe(live);
  });
});
