// A seeded random source. Each consumer forks its own stream by name, so that adding randomness in
// one place (say, traffic spreading) does not change the names or IPs drawn elsewhere.

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no confusable characters. */
export const K8S_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A child stream whose sequence depends only on this seed and the name. */
  fork(name: string): Random {
    let h = 2166136261 ^ this.seed;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    return new Random(h >>> 0);
  }

  /** Uniform in [0, 1) — mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** rand.String(n) of apimachinery: n characters of K8S_ALPHANUMS. */
  string(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += K8S_ALPHANUMS[this.int(K8S_ALPHANUMS.length)];
    return s;
  }

  /**
   * A version-4-shaped UUID: 8-4-4-4-12 hex digits, the third group starting with `4`, the fourth
   * with one of `89ab`. Draws, in order: 8, 4 and 3 digits, the variant, 3 and 12 digits. Built from
   * character codes in one String.fromCharCode (flat; one per created object) rather than by 31
   * concatenations of Number#toString(16).
   */
  uuid(): string {
    const c = UUID_CODES;
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) c[i] = 45; // '-'
      else if (i === 14) c[i] = 52; // '4'
      else if (i === 19) c[i] = UUID_VARIANT_CODES[this.int(4)];
      else c[i] = HEX_CODES[this.int(16)];
    }
    return String.fromCharCode.apply(null, c);
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const UUID_VARIANT_CODES = Array.from('89ab', (ch) => ch.charCodeAt(0));
/** Scratch for uuid() (synchronous, so one array serves every call). */
const UUID_CODES: number[] = new Array<number>(36).fill(0);
