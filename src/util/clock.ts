// Simulated time. Nothing in kubespec reads the wall clock; the cluster's clock only moves when the
// settle loop or a `wait` step moves it.

/** 2024-01-01T00:00:00Z: the instant every simulated cluster starts at. */
export const EPOCH_MS = Date.UTC(2024, 0, 1, 0, 0, 0);

export class Clock {
  constructor(private nowMs: number = EPOCH_MS) {}

  now(): number {
    return this.nowMs;
  }

  /** Milliseconds since the cluster started. */
  elapsed(): number {
    return this.nowMs - EPOCH_MS;
  }

  advanceTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  /** RFC 3339 at second precision, as metav1.Time serialises (`2024-01-01T00:00:05Z`). */
  timestamp(ms: number = this.nowMs): string {
    return formatTime(ms);
  }
}

/** The last few seconds formatted: simulated time dwells on a handful of instants, and every write stamps one. */
const formatted = new Map<number, string>();

/**
 * The instants a timestamp can name: RFC 3339's years 0000-9999 (Go's Time.MarshalJSON refuses
 * others). A grace period of 2^63-1 seconds (a valid int64) would put a deletionTimestamp far past
 * them, and JavaScript's Date past its own range (`Invalid time value`): such instants are clamped.
 */
const MIN_TIME_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const MAX_TIME_MS = 253_402_300_799_000; // 9999-12-31T23:59:59Z

export function formatTime(ms: number): string {
  const sec = Math.floor((Number.isNaN(ms) ? 0 : Math.min(MAX_TIME_MS, Math.max(MIN_TIME_MS, ms))) / 1000);
  let text = formatted.get(sec);
  if (text === undefined) {
    if (formatted.size >= 256) formatted.clear();
    text = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    formatted.set(sec, text);
  }
  return text;
}

/** Timestamps parsed lately: as for formatted, a handful of instants, met again in every sort by creation time. */
const parsed = new Map<string, number>();

export function parseTime(ts: string | undefined): number {
  if (!ts) return 0;
  let t = parsed.get(ts);
  if (t === undefined) {
    t = Date.parse(ts);
    if (Number.isNaN(t)) t = 0;
    if (parsed.size >= 256) parsed.clear();
    parsed.set(ts, t);
  }
  return t;
}

/** Parse `30s`, `5m`, `1h30m`, `250ms`, or a bare number of seconds. Returns ms, or undefined. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : undefined;
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    matched = re.lastIndex;
  }
  return matched === s.length && matched > 0 ? total : undefined;
}

/** int64's bounds; a JSON number at or past ±2^63 is the nearest int64 (9223372036854775807 reads as 2^63). */
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const NS_PER_S = 1_000_000_000n;
const NS_PER_MS = 1_000_000n;
/** Below this many seconds, seconds × 10^9 cannot leave int64 and seconds × 1000 is exact. */
const NO_OVERFLOW_SECONDS = 9_000_000_000;

/** `seconds` (an int64 field's value: a bigint past 2^53, src/util/json.ts) as the int64 Go decoded it. */
export function toInt64(seconds: number | bigint): bigint {
  if (typeof seconds === 'bigint') return seconds > INT64_MAX ? INT64_MAX : seconds < INT64_MIN ? INT64_MIN : seconds;
  if (Number.isNaN(seconds)) return 0n;
  if (seconds >= 2 ** 63) return INT64_MAX;
  if (seconds <= -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(seconds));
}

/**
 * `time.Second * time.Duration(seconds)` in nanoseconds: an int64 product, which wraps on overflow
 * as Go's integer multiplication does (no panic, no clamp). Upstream computes every deadline from a
 * `...Seconds` int64 field this way (BeforeDelete's deletionTimestamp, the taint manager's
 * getMinTolerationTime), so 9223372036854775807 s is -1 s there, and so it is here.
 */
export function goSecondsNs(seconds: number | bigint): bigint {
  return BigInt.asIntN(64, toInt64(seconds) * NS_PER_S);
}

/**
 * `t.Add(time.Second * time.Duration(seconds))` for an instant `ms`, as upstream computes
 * deletionTimestamp (apiserver/pkg/registry/rest/delete.go BeforeDelete:
 * `metav1.Now().Add(time.Second * time.Duration(*options.GracePeriodSeconds))`). Total: any
 * number of seconds gives an instant within ±292 years of `ms`.
 */
export function addGoSeconds(ms: number, seconds: number | bigint): number {
  if (typeof seconds === 'number' && Number.isInteger(seconds) && Math.abs(seconds) < NO_OVERFLOW_SECONDS) return ms + seconds * 1000;
  // Truncating division, as the nanoseconds → milliseconds of a Go Duration; the ms below is lost
  // at second-precision timestamps anyway.
  return ms + Number(goSecondsNs(seconds) / NS_PER_MS);
}
