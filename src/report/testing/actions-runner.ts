// For tests: which lines of a log GitHub's runner would run as workflow commands, modelled on
// actions/runner (src/Runner.Common/ActionCommand.cs TryParseV2 and TryParse, tried in that order
// on every line of a step's output). Lines end at CR, LF or CR LF, as .NET's ReadLine splits them.
// The model accepts any command name, so it finds more than the runner would, never less.

/** .NET's Char.IsWhiteSpace, which String.TrimStart() strips: JavaScript's \s lacks U+0085 (NEL). */
const DOTNET_SPACE = /^[\s\u0085]*/;

/** The lines of `text` as the runner reads them. */
export function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The command a line would run (`error`, `add-mask`), or undefined. */
export function commandIn(line: string): string | undefined {
  // `::name props::data`, once leading white space is trimmed.
  const v2 = line.replace(DOTNET_SPACE, '');
  if (v2.startsWith('::')) {
    const end = v2.indexOf('::', 2);
    if (end > 2) return v2.slice(2, end).split(' ')[0];
  }
  // The legacy `##[name props]data`: anywhere in the line.
  const at = line.indexOf('##[');
  if (at >= 0) {
    const close = line.indexOf(']', at);
    if (close > at + 3) return line.slice(at + 3, close).split(' ')[0];
  }
  return undefined;
}

/** Every command `text` would run in a GitHub Actions log. */
export function commandsIn(text: string): string[] {
  return runnerLines(text)
    .map(commandIn)
    .filter((c): c is string => c !== undefined);
}
