// kubectl's go-template printer (cli-runtime printers/template.go, GoTemplatePrinter): Go's
// text/template named "output" with kubectl's two functions (exists, base64decode), missing keys
// printing `<no value>` (--allow-missing-template-keys, the default), run over the object's JSON.
// A template that fails to parse is kubectl's `error parsing template T, template: output:1: ...`;
// one that fails as it runs has written what it had, then kubectl's debugging lines on stdout,
// then `error executing template "T": ...`.
import { KubectlError } from '../resources';
import { goJsonEscape, toCompactJson } from '../printers/json';
import { stringifyJson } from '../../util/json';
import { goQuote } from './lex';
import { parseTemplate, TemplateParseError, type Trees } from './parse';
import { DEFAULT_LIMITS, Executor, FUNCTION_NAMES, TemplateExecError, TemplateLimitError, templateData, type ExecLimits } from './exec';
import { formatV } from './fmt';

export { base64Decode } from './exec';

/** A template that failed as it ran: `printed` is what kubectl wrote to stdout before its error. */
export class GoTemplateError extends KubectlError {
  constructor(
    message: string,
    readonly printed: string,
  ) {
    super(message);
  }
}

/** Parse a template as kubectl does (throws kubectl's `error parsing template` error). */
export function parseGoTemplate(text: string): Trees {
  try {
    return parseTemplate('output', text, FUNCTION_NAMES);
  } catch (e) {
    if (e instanceof TemplateParseError) throw new KubectlError(`error parsing template ${text}, ${e.message}\n`);
    throw e;
  }
}

/**
 * Run a parsed template over one object (or list) as kubectl's GoTemplatePrinter.PrintObj does.
 * `structOrder`: the object with its keys in Go struct order, for a typed object's raw data line.
 */
export function executeGoTemplate(text: string, trees: Trees, obj: unknown, limits: ExecLimits = DEFAULT_LIMITS, structOrder?: unknown): string {
  const exec = new Executor(trees, 'output', text, limits);
  try {
    return exec.execute(templateData(obj));
  } catch (e) {
    if (e instanceof TemplateLimitError) throw new GoTemplateError(`error executing template ${goQuote(text)}: ${e.message}`, exec.output);
    if (!(e instanceof TemplateExecError)) throw e;
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${text}\n` +
      `\traw data was:\n\t\t${structOrder !== undefined ? goJsonEscape(stringifyJson(structOrder)) : toCompactJson(obj)}\n` +
      `\tobject given to template engine was:\n\t\t${formatV(templateData(obj))}\n\n`;
    throw new GoTemplateError(`error executing template ${goQuote(text)}: ${e.message}`, exec.output + debug);
  }
}

/** The printer for `-o go-template=TEXT`: parses now, runs per object. */
export function goTemplatePrinter(text: string): (obj: unknown) => string {
  const trees = parseGoTemplate(text);
  return (obj) => executeGoTemplate(text, trees, obj);
}
