// The output assertion of a kubectl step: its printed output (stdout then stderr) and exit code.
import type { Failure, Mismatch } from '../../runner/result';
import type { OutputAssertion } from '../model';
import { containsText, describePattern } from '../pattern';
import { textDiff } from './diff';

export interface CommandOutput {
  /** stdout followed by stderr, as a terminal shows them. */
  text: string;
  exitCode: number;
  stderr: string;
}

export function checkOutputAssertion(a: OutputAssertion, out: CommandOutput | undefined): Failure | undefined {
  if (!out) return { message: 'this step ran no kubectl command, so it has no output to check', location: a.location, kind: 'expect' };
  const fields: Mismatch[] = [];
  const problems: string[] = [];
  if (a.exitCode !== undefined && out.exitCode !== a.exitCode) {
    fields.push({ path: 'exitCode', expected: a.exitCode, actual: out.exitCode });
    const firstErr = out.stderr.trim().split('\n')[0];
    problems.push(`expected exit code ${a.exitCode}, got ${out.exitCode}${firstErr ? ` (${firstErr})` : ''}`);
  }
  let diff: string | undefined;
  if (a.output && !containsText(a.output, out.text)) {
    fields.push({ path: 'output', expected: a.output.source, actual: out.text, note: a.output.regex ? `does not match ${a.output.source}` : 'does not contain the text' });
    problems.push(`expected the output to ${a.output.regex ? 'match' : 'contain'} ${describePattern(a.output)}`);
    diff = textDiff(a.output.regex ? `${a.output.source}\n` : ensureNl(a.output.source), ensureNl(out.text), ['expected output', 'actual output']);
  }
  if (!problems.length) return undefined;
  return { message: problems.join('; '), location: a.location, kind: 'expect', selection: 'kubectl output', mismatches: [{ object: 'kubectl', fields }], ...(diff ? { diff } : {}) };
}

function ensureNl(s: string): string {
  return s.endsWith('\n') || s === '' ? s : `${s}\n`;
}
