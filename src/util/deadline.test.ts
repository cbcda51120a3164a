// The ambient deadline: checkpoints throw past it, only inside withDeadline, and nesting keeps the earlier one.
import { WallClockExceeded, checkpoint, withDeadline } from './deadline';

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
