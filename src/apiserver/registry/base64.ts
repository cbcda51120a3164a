// Go's base64.StdEncoding decoding, as encoding/json decodes a []byte field (Secret.data,
// ConfigMap.binaryData): padding required, '\r' and '\n' skipped, and on bad input the offset
// Go's CorruptInputError reports (`illegal base64 data at input byte N`), which the API server
// returns in its decode error. Ported from encoding/base64 decodeQuantum (Go standard library).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const isNewline = (c: number) => c === 10 || c === 13;

/**
 * The decoded bytes of `s`, or the byte offset Go's decoder reports as corrupt. `s` is treated as
 * its UTF-8 bytes (a JSON string decodes to UTF-8 before base64 sees it).
 */
export function decodeGoBase64(s: string): { bytes: Buffer } | { corruptAt: number } {
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const buf = [0, 0, 0, 0];
    let dlen = 4;
    let trailingAt = -1;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        // End of input inside a quantum: with padding required, anything but a clean end is corrupt.
        if (j === 0) return { bytes: Buffer.from(out) };
        return { corruptAt: si - j };
      }
      const c = src[si++];
      const v = DECODE[c];
      if (v >= 0) {
        buf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d /* '=' */) return { corruptAt: si - 1 };
      // Padding: only after two or three symbols.
      if (j === 0 || j === 1) return { corruptAt: si - 1 };
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return { corruptAt: src.length };
        if (src[si] !== 0x3d) return { corruptAt: si - 1 };
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailingAt = si;
      dlen = j;
      break;
    }
    const val = (buf[0] << 18) | (buf[1] << 12) | (buf[2] << 6) | buf[3];
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailingAt >= 0) return { corruptAt: trailingAt };
    if (dlen < 4) break;
  }
  return { bytes: Buffer.from(out) };
}

/** A map of base64 values (sorted keys, as kubectl's JSON is): the first corrupt value's error text. */
export function firstBase64Error(values: Record<string, unknown> | undefined | null): string | undefined {
  if (!values || typeof values !== 'object') return undefined;
  for (const k of Object.keys(values).sort()) {
    const v = values[k];
    if (typeof v !== 'string') continue;
    const r = decodeGoBase64(v);
    if ('corruptAt' in r) return `illegal base64 data at input byte ${r.corruptAt}`;
  }
  return undefined;
}

/** The decoded length of each value (for size limits); values assumed valid. */
export function decodedLength(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const r = decodeGoBase64(v);
  return 'bytes' in r ? r.bytes.length : 0;
}
