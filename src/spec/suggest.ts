// "Did you mean ...?" for misspelt keys and kinds: the closest allowed word by edit distance.
import { msg } from '../i18n';
import { specMessages as t } from '../i18n/messages/spec';

/** Damerau-Levenshtein distance (optimal string alignment: a swap of neighbours costs 1). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * The allowed word closest to `word` (case-insensitively), if it is close enough to be a likely
 * typo: at most 1 edit for short words, 2 for words of 5+ characters, 3 for 9+.
 */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(w, a.toLowerCase());
    if (d < bestD) {
      best = a;
      bestD = d;
    }
  }
  const budget = w.length >= 9 ? 3 : w.length >= 5 ? 2 : 1;
  return best !== undefined && bestD <= budget ? best : undefined;
}

/** A one-line hint: `did you mean \`expect\`?`, or the allowed words. */
export function suggestionHint(word: string, allowed: readonly string[], noun = 'allowed keys'): string {
  const c = closest(word, allowed);
  if (c) return msg(t.didYouMean, { word: c });
  // The nouns callers pass, in the language.
  const said = noun === 'allowed keys' ? msg(t.allowedKeys) : noun === 'nodes' ? msg(t.nodes) : noun;
  return msg(t.allowedWords, { noun: said, words: allowed.join(', ') });
}
