// Error lines on stderr: one line each, safe to print whatever they quote (student paths and
// text), and the hint every internal error ends with.
import type { CliIO } from './io';
import { msg } from '../i18n';
import { cliMessages as m } from '../i18n/messages/cli';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded when an error is printed, not at start-up */
const sanitize = (t: string): string => (require('../report/text') as typeof import('../report/text')).sanitize(t);
const neutraliseCommands = (t: string): string => (require('../report/output') as typeof import('../report/output')).neutraliseCommands(t);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * An error message on one line: every line end a reader honours (CR alone too, and NEL, LS, PS)
 * becomes a space, and control characters show as `\uXXXX`, so a message holding a student's text
 * is one line of plain text in a terminal or a CI log.
 */
export function errorText(s: string): string {
  return sanitize(s.replace(/[\s\u0085]*[\r\n\u0085\u2028\u2029][\s\u0085]*/g, ' ').trim());
}

/** `kubespec: <message>` on stderr; in a CI log (`ci`) it runs no workflow command either. */
export function printError(io: CliIO, message: string, ci: boolean, suffix = ''): void {
  const text = errorText(message);
  io.stderr(`kubespec: ${ci ? neutraliseCommands(text) : text}${suffix}\n`);
}

/** What follows every internal error: whose fault it is, and how to report it. */
export function printBugHint(io: CliIO): void {
  io.stderr(`${msg(m.bugHint, { debug: io.env.KUBESPEC_DEBUG ? 1 : 0 })}\n`);
}
