// The output assertion of a kubectl step: its printed output (stdout then stderr) and exit code.
import type { Failure, Mismatch } from '../../runner/result';
import type { OutputAssertion } from '../model';
import { containsText, describePattern } from '../pattern';
import { textDiff } from './diff';
import { msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';

export interface CommandOutput {
  /** stdout followed by stderr, as a terminal shows them. */
  text: string;
  exitCode: number;
  stderr: string;
}

export function checkOutputAssertion(a: OutputAssertion, out: CommandOutput | undefined): Failure | undefined {
  if (!out) return { message: msg(t.noOutput), location: a.location, kind: 'expect' };
  const fields: Mismatch[] = [];
  const problems: string[] = [];
  if (a.exitCode !== undefined && out.exitCode !== a.exitCode) {
    fields.push({ path: 'exitCode', expected: a.exitCode, actual: out.exitCode });
    const firstErr = out.stderr.trim().split('\n')[0];
    problems.push(msg(t.exitCodeDiffers, { expected: a.exitCode, actual: out.exitCode, err: firstErr }));
  }
  let diff: string | undefined;
  if (a.output && !containsText(a.output, out.text)) {
    fields.push({ path: 'output', expected: a.output.source, actual: out.text, note: a.output.regex ? msg(t.noteOutputRegex, { re: a.output.source }) : msg(t.noteOutputText) });
    problems.push(msg(a.output.regex ? t.outputMatch : t.outputContain, { pattern: describePattern(a.output) }));
    diff = textDiff(a.output.regex ? `${a.output.source}\n` : ensureNl(a.output.source), ensureNl(out.text), [msg(t.expectedOutput), msg(t.actualOutput)]);
  }
  if (!problems.length) return undefined;
  return { message: problems.join('; '), location: a.location, kind: 'expect', selection: msg(t.kubectlOutput), mismatches: [{ object: 'kubectl', fields }], ...(diff ? { diff } : {}) };
}

function ensureNl(s: string): string {
  return s.endsWith('\n') || s === '' ? s : `${s}\n`;
}
