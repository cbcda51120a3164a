// The class roster: one row per student (score, maximum, percentage, specs passed/failed/errors/skipped),
// written as `roster.csv` and `roster.json` at the top of --out (the reports are in students/).
import * as path from 'path';
import { round2, type RunResult } from '../runner/result';
import { oneLine, stringifyJson } from '../report/text';
import { writeOutputFile } from '../report/output';

export interface RosterRow {
  student: string;
  score: number;
  maxScore: number;
  /** score / maxScore, in percent, two decimals (0 when the maximum is 0). */
  percent: number;
  /** Spec counts. */
  passed: number;
  failed: number;
  errors: number;
  /** Specs not run (`skip:`, `only`, --tag, --exclude): neither passed nor in maxScore. */
  skipped: number;
  /** The student's report, relative to the roster. */
  report: string;
}

export const ROSTER_COLUMNS = ['student', 'score', 'maxScore', 'percent', 'passed', 'failed', 'errors', 'skipped'] as const;

export function rosterRow(student: string, result: RunResult, report: string): RosterRow {
  const s = result.summary;
  return {
    student,
    score: s.score,
    maxScore: s.maxScore,
    percent: s.maxScore > 0 ? round2((100 * s.score) / s.maxScore) : 0,
    passed: s.passed,
    failed: s.failed,
    errors: s.errors,
    skipped: s.skipped,
    report,
  };
}

/**
 * One CSV field (RFC 4180: quoted when it holds a comma or quote; quotes doubled). Folder names
 * come from students: a text is kept on one line with its control characters visible (oneLine: a
 * line break, ESC, the C1 controls, U+2028/U+2029 become `\n`, `\u001b`...), as in every other
 * output, and one starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so a spreadsheet
 * does not run it as a formula (OWASP "CSV Injection").
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  let s = oneLine(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The roster as CSV: RFC 4180 (CRLF), UTF-8 with a byte order mark, without which Excel reads a
 * CSV file in the machine's legacy code page and shows Korean names as mojibake.
 */
export function rosterCsv(rows: RosterRow[]): string {
  const lines = [ROSTER_COLUMNS.join(',')];
  for (const r of rows) lines.push(ROSTER_COLUMNS.map((c) => csvField(r[c])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export interface RosterDocument {
  /** `1/4` when the roster covers one shard of the class. */
  shard?: string;
  specs: string[];
  students: RosterRow[];
}

export function writeRoster(out: string, doc: RosterDocument): { csv: string; json: string } {
  const csv = path.join(out, 'roster.csv');
  const json = path.join(out, 'roster.json');
  writeOutputFile(csv, rosterCsv(doc.students));
  writeOutputFile(json, `${stringifyJson(doc, 2)}\n`);
  return { csv, json };
}
