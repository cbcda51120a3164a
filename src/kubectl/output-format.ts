// `-o FORMAT` (with `--template`) to the printer kubectl's PrintFlags.ToPrinter picks for `get`:
// the template printers first (jsonpath, then go-template), then json/yaml, the human-readable
// table ('' and wide), custom-columns and name, in that order, with their error texts.
import { KubectlError } from './resources';

export type OutputSpec =
  | { kind: 'human'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath' | 'jsonpath-as-json'; template: string }
  | { kind: 'custom-columns'; columns: { header: string; expr: string }[] }
  | {
      kind: 'go-template';
      template: string;
      /** The text the template writes for `data`; throws TemplateExecError (text printed so far, then the error). */
      execute(data: unknown): string;
    };

export const GET_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export interface OutputOptions {
  /** `--template`. */
  template?: string;
  /** Reads a `-file` format's file (sandboxed by the caller): its text. */
  readFile?: (path: string) => string;
  formats?: 'get';
}

/** os.ReadFile's error as kubectl prints it after `error reading --template X, `. */
function readTemplate(path: string, opts: OutputOptions): string {
  try {
    if (!opts.readFile) throw new Error('no files');
    return opts.readFile(path);
  } catch {
    throw new KubectlError(`error reading --template ${path}, open ${path}: no such file or directory\n`);
  }
}

/** A printer flag group's prefix match: `go-template=X` → ['go-template', 'X']. */
function split(output: string, formats: string[], templateArg: string): [format: string, value: string] {
  if (templateArg) return [output, templateArg];
  for (const f of formats) if (output.startsWith(`${f}=`)) return [f, output.slice(f.length + 1)];
  return [output, ''];
}

/** cli-runtime's custom-columns spec: `HEADER:JSONPATH,...`. */
export function customColumns(spec: string): { header: string; expr: string }[] {
  return spec.split(',').map((s) => {
    const i = s.indexOf(':');
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${s}, expected <header>:<json-path-expr>`);
    const expr = s.slice(i + 1).trim();
    return { header: s.slice(0, i), expr: expr.startsWith('{') ? expr : `{${expr}}` };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a line of headers, then a line of JSONPaths. */
function customColumnsFile(path: string, opts: OutputOptions): { header: string; expr: string }[] {
  let text: string;
  try {
    if (!opts.readFile) throw new Error('no files');
    text = opts.readFile(path);
  } catch {
    throw new KubectlError(`error reading template ${path}, open ${path}: no such file or directory\n`);
  }
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const format = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (lines.length < 1 || (lines.length === 1 && lines[0] === '')) throw new KubectlError(`invalid template, missing header line. ${format}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '' && !text.endsWith('\n\n'))) throw new KubectlError(`invalid template, missing spec line. ${format}`);
  const headers = lines[0].split(/\s+/).filter(Boolean);
  const specs = lines[1].split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, i) => ({ header, expr: specs[i].startsWith('{') ? specs[i] : `{${specs[i]}}` }));
}

/** The printer `kubectl get -o OUTPUT` uses, or kubectl's error for the format. */
export function parseOutput(output: string, opts: OutputOptions = {}): OutputSpec {
  const templateArg = opts.template ?? '';
  // A --template without -o is a go-template (PrintFlags.ToPrinter's backwards compatibility).
  const format = templateArg && !output ? 'go-template' : output;
  if (format || templateArg) {
    const [jf, jv] = split(format, ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'], templateArg);
    if (['jsonpath', 'jsonpath-as-json', 'jsonpath-file'].includes(jf)) {
      if (!jv) throw new KubectlError('template format specified but no template given');
      const text = jf === 'jsonpath-file' ? readTemplate(jv, opts) : jv;
      return { kind: jf === 'jsonpath-as-json' ? 'jsonpath-as-json' : 'jsonpath', template: text };
    }
    const [gf, gv] = split(format, ['template', 'go-template', 'go-template-file', 'templatefile'], templateArg);
    if (['template', 'go-template', 'go-template-file', 'templatefile'].includes(gf)) {
      if (!gv) throw new KubectlError('template format specified but no template given');
      const text = gf === 'go-template-file' || gf === 'templatefile' ? readTemplate(gv, opts) : gv;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { goTemplatePrinter } = require('./gotemplate') as typeof import('./gotemplate');
      const execute = goTemplatePrinter(text);
      return { kind: 'go-template', template: text, execute };
    }
  }
  if (format === 'yaml' || format === 'json') return { kind: format };
  if (format === '' || format === 'wide') return { kind: 'human', wide: format === 'wide' };
  const cc = /^(custom-columns|custom-columns-file)=([\s\S]*)$/.exec(format);
  if (cc && !cc[2]) throw new KubectlError('custom-columns format specified but no custom columns given');
  if (cc && cc[1] === 'custom-columns') return { kind: 'custom-columns', columns: customColumns(cc[2]) };
  if (cc) return { kind: 'custom-columns', columns: customColumnsFile(cc[2], opts) };
  if (format === 'custom-columns' || format === 'custom-columns-file') {
    if (templateArg) return { kind: 'custom-columns', columns: customColumns(templateArg) };
    throw new KubectlError('custom-columns format specified but no custom columns given');
  }
  if (format === 'name') return { kind: 'name' };
  throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${GET_FORMATS}`);
}
