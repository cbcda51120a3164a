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
