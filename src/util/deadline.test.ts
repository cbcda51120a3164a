// The ambient deadline: checkpoints throw past it, only inside withDeadline, and nesting keeps the earlier one.
import { WallClockExceeded, checkpoint, withDeadline } from './deadline';
import { decodeObject } from '../apiserver/registry/decode';
import { strategicMerge } from '../apiserver/patch';
import { matches, parseSelector } from '../apiserver/labels';

const now = () => Number(process.hrtime.bigint()) / 1e6;

test('no deadline outside a run: checkpoints never throw', () => {
  expect(() => {
    for (let i = 0; i < 10_000; i++) checkpoint();
  }).not.toThrow();
});

test('a deadline already past throws within 1,024 checkpoints, with the limit', () => {
  let thrown: unknown;
  withDeadline(5, now() - 1000, () => {
    try {
      for (let i = 0; i < 1024; i++) checkpoint();
    } catch (e) {
      thrown = e;
    }
  });
  expect(thrown).toBeInstanceOf(WallClockExceeded);
  expect((thrown as WallClockExceeded).limitMs).toBe(5);
  // Restored after the run.
  expect(() => {
    for (let i = 0; i < 4096; i++) checkpoint();
  }).not.toThrow();
});

test('a nested, later deadline does not extend the earlier one', () => {
  expect(() =>
    withDeadline(1, now() - 1000, () =>
      withDeadline(1e9, now(), () => {
        for (let i = 0; i < 2048; i++) checkpoint();
      }),
    ),
  ).toThrow(WallClockExceeded);
});

// Budgets hold inside actions, not only between settle states: the loops untrusted input lengthens
// call checkpoint() (decoding, strategic merge, kubectl apply's patch, selectors, match).
describe('the engine loops that read the deadline', () => {
  const env = Array.from({ length: 5000 }, (_, i) => ({ name: `E${i}`, value: 'v' }));
  const pod = () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', env }] } });
  const past = (fn: () => void) => () => withDeadline(1, now() - 1000, fn);

  test('decoding an object', () => {
    expect(() => decodeObject(pod() as never)).not.toThrow();
    expect(past(() => void decodeObject(pod() as never))).toThrow(WallClockExceeded);
  });

  test('a strategic merge patch', () => {
    const patch = { spec: { containers: [{ name: 'c', env: env.map((e) => ({ ...e, value: 'w' })) }] } };
    expect(past(() => void strategicMerge(pod() as never, patch as never, 'Pod', []))).toThrow(WallClockExceeded);
  });

  test('selector matching', () => {
    const sel = parseSelector('app=web');
    expect(
      past(() => {
        for (let i = 0; i < 2048; i++) matches(sel, { app: 'web' });
      }),
    ).toThrow(WallClockExceeded);
  });
});
