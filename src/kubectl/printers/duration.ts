// Ages as kubectl prints them: k8s.io/apimachinery/pkg/util/duration HumanDuration, and the
// printers' translateTimestampSince over the simulated clock.
import { parseTime } from '../../util/clock';

/** apimachinery/pkg/util/duration/duration.go HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** printers.go translateTimestampSince: `<unknown>` for a zero time, else the age at `now`. */
export function translateTimestampSince(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - parseCached(timestamp));
}

// Objects made together share their timestamps: parse each text once (tables of 10,000 pods).
const parsed = new Map<string, number>();
function parseCached(ts: string): number {
  let v = parsed.get(ts);
  if (v === undefined) {
    if (parsed.size > 10_000) parsed.clear();
    v = parseTime(ts);
    parsed.set(ts, v);
  }
  return v;
}
