// Terminal output in a CI log: a line that would run as a GitHub Actions workflow command (student
// text printed by the pretty reporter) is neutralised; everything else passes as written.
import fc from 'fast-check';
import { ciLogOutput } from './output';

function through(chunks: string[]): string {
  let out = '';
  const o = ciLogOutput((t) => void (out += t));
  for (const c of chunks) o.write(c);
  o.close();
  return out;
}

const COMMAND = /^\s*(::|##\[)/m;

test('forged commands at a line start, indented or not, are defused; the text is kept', () => {
  const out = through(['    Error: bad\n::error file=x.yaml::you pass\n', '  ##[error]masked\n', 'ok :: fine\n']);
  expect(out).not.toMatch(COMMAND);
  expect(out.replace(/\u200b/g, '')).toBe('    Error: bad\n::error file=x.yaml::you pass\n  ##[error]masked\nok :: fine\n');
});

test('whatever the chunking, no output line starts a command, and removing the marks gives the input back', () => {
  const piece = fc.constantFrom('::', '##[', ':', '#', ' ', '\n', 'a', 'error', '::stop-commands::x', '\u2028');
  fc.assert(
    fc.property(fc.array(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), { maxLength: 8 }), (chunks) => {
      const out = through(chunks);
      expect(out.replace(/\u200b/g, '')).toBe(chunks.join(''));
      for (const line of out.split('\n')) expect(line).not.toMatch(/^\s*(::|##\[)/);
    }),
  );
});
