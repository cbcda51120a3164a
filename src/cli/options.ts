// Parsing of the option values yargs cannot check by type alone (`--reporter junit=out.xml`,
// `--shard 2/4`, `--min-score 80%`, `--seed`), each failing with a UsageError that names the option.
import type { Shard } from '../grade/shard';
import { UsageError } from './io';
import { msg } from '../i18n';
import { cliMessages as cm } from '../i18n/messages/cli';

export interface ReporterChoice {
  name: string;
  /** Where the reporter writes; the terminal when absent. */
  file?: string;
}

/** `pretty`, `json=out/result.json`: a reporter name, and optionally the file it writes. */
export function parseReporter(text: string): ReporterChoice {
  const eq = text.indexOf('=');
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  const file = eq < 0 ? undefined : text.slice(eq + 1).trim();
  if (!/^[a-z][a-z0-9-]*$/i.test(name)) throw new UsageError(msg(cm.reporterForm, { value: text }));
  if (file === '') throw new UsageError(msg(cm.reporterNoFile, { value: text }));
  return file === undefined ? { name: name.toLowerCase() } : { name: name.toLowerCase(), file };
}

/** `2/4`: the second of four shards. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(msg(cm.shardForm, { value: text }));
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(msg(cm.shardRange, { value: text }));
  return { index, count };
}

export interface MinScore {
  value: number;
  /** `80%`: a share of the maximum score rather than points. */
  percent: boolean;
}

/** `7` (points) or `80%` (of the maximum score). */
export function parseMinScore(text: string | number): MinScore {
  const s = String(text).trim();
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(s);
  if (!m) throw new UsageError(msg(cm.minScoreForm, { value: s }));
  const value = Number(m[1]);
  if (m[2] && value > 100) throw new UsageError(msg(cm.minScorePercent, { value: s }));
  return { value, percent: m[2] === '%' };
}

export function reachesMinScore(min: MinScore, score: number, maxScore: number): boolean {
  // Compare in hundredths, as scores are rounded to two decimals (runner/result.ts round2).
  const needed = min.percent ? (maxScore * min.value) / 100 : min.value;
  return Math.round(score * 100) >= Math.round(needed * 100);
}

/** A non-negative integer option (`--seed`, `--jobs`). */
export function parseCount(option: string, value: unknown, min = 0): number {
  const s = String(value).trim();
  if (!/^\d+$/.test(s)) throw new UsageError(msg(cm.wholeNumber, { option, value: s }));
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(msg(cm.atLeast, { option, value: s, min }));
  return n;
}
