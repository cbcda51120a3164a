// The wall-clock deadline of the spec being run, readable from deep inside an action (decoding,
// matching, merging) so that a budget holds within one step and not only between settle states.
// Outside a run there is no deadline and checkpoint() costs an increment.

/** Thrown when the running spec has used up its wall-clock budget. */
export class WallClockExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`the spec ran longer than its wall-clock budget of ${limitMs} ms`);
    this.name = 'WallClockExceeded';
  }
}

let deadlineMs = Infinity;
let limitMs = 0;
let calls = 0;

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Run `fn` with a deadline `limit` ms after `startedMs` (hrtime ms); nested calls keep the earlier one. */
export function withDeadline<T>(limit: number, startedMs: number, fn: () => T): T {
  const saved = { deadlineMs, limitMs };
  const at = startedMs + limit;
  if (at < deadlineMs) {
    deadlineMs = at;
    limitMs = limit;
  }
  try {
    return fn();
  } finally {
    deadlineMs = saved.deadlineMs;
    limitMs = saved.limitMs;
  }
}

/**
 * Call in loops whose length untrusted input decides: every 1,024th call reads the clock and
 * throws WallClockExceeded past the deadline. Cheap enough for per-element loops.
 */
export function checkpoint(): void {
  if ((++calls & 1023) !== 0 || deadlineMs === Infinity) return;
  if (nowMs() > deadlineMs) throw new WallClockExceeded(limitMs);
}
