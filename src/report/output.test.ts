// Terminal output in a CI log: a line that would run as a GitHub Actions workflow command (student
// text printed by the pretty reporter) is neutralised; everything else passes as written. "Would
// run" is the runner's own rule (testing/actions-runner.ts): `::` after leading white space, as
// .NET counts it, or `##[` anywhere in a line, lines ending at CR as well as LF.
import fc from 'fast-check';
import { ciLogOutput, neutraliseCommands } from './output';
import { commandsIn } from './testing/actions-runner';

function through(chunks: string[]): string {
  let out = '';
  const o = ciLogOutput((t) => void (out += t));
  for (const c of chunks) o.write(c);
  o.close();
  return out;
}

const unmarked = (s: string) => s.replace(/\u200b/g, '');

test('forged commands at a line start, indented or not, are defused; the text is kept', () => {
  const out = through(['    Error: bad\n::error file=x.yaml::you pass\n', '  ##[error]masked\n', 'ok :: fine\n']);
  expect(commandsIn(out)).toEqual([]);
  expect(unmarked(out)).toBe('    Error: bad\n::error file=x.yaml::you pass\n  ##[error]masked\nok :: fine\n');
});

test('the runner’s other ways in: ##[ inside a line, a lone CR as a line end, NEL as white space', () => {
  const forged = ['name: ok ##[add-mask]secret\n', 'fine\r::error::forged\n', '\u0085::warning::nel\n', '\u2028::notice::ls\n', '\u00a0 ::group::nbsp\n'];
  expect(commandsIn(forged.join(''))).toEqual(['add-mask', 'error', 'warning', 'notice', 'group']);
  const out = through(forged);
  expect(commandsIn(out)).toEqual([]);
  expect(unmarked(out)).toBe(forged.join(''));
});

test('neutraliseCommands: one line of text (an error message) made safe the same way', () => {
  expect(commandsIn(neutraliseCommands('kubespec: x\r::error::y ##[add-mask]z'))).toEqual([]);
  expect(neutraliseCommands('plain text: a::b')).toBe('plain text: a::b');
});

test('whatever the chunking, no output line runs a command, and removing the marks gives the input back', () => {
  const piece = fc.constantFrom('::', '##[', ']', ':', '#', '[', ' ', '\n', '\r', '\u0085', '\u2028', 'a', 'error', '::stop-commands::x');
  fc.assert(
    fc.property(fc.array(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), { maxLength: 8 }), (chunks) => {
      const out = through(chunks);
      expect(unmarked(out)).toBe(chunks.join(''));
      expect(commandsIn(out)).toEqual([]);
    }),
    { numRuns: 500 },
  );
});
