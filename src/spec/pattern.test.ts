// Spec regexes are RE2: linear time whatever the pattern and the text, RE2's errors, and a hint for
// what RE2 does not have (backreferences, lookaround).
import fc from 'fast-check';
import { compileRegexLiteral, regexProblem, textPattern, containsText } from './pattern';

test('a catastrophic pattern against a 49-character student string answers at once', () => {
  // With a backtracking engine this is 2^49 steps: the run would hang. RE2 is linear.
  const re = compileRegexLiteral('/^(a+)+$/');
  expect(re.test('a'.repeat(49) + '!')).toBe(false);
  expect(re.test('a'.repeat(100_000))).toBe(true);
  expect(compileRegexLiteral('/(x+x+)+y/').test('x'.repeat(5000))).toBe(false);
});

test('flags i, m, s (u is RE2’s default)', () => {
  expect(compileRegexLiteral('/NGINX/i').test('nginx:1.27')).toBe(true);
  expect(compileRegexLiteral('/^b$/m').test('a\nb\nc')).toBe(true);
  expect(compileRegexLiteral('/a.b/s').test('a\nb')).toBe(true);
  expect(compileRegexLiteral('/a.b/').test('a\nb')).toBe(false);
  expect(compileRegexLiteral('/^é+$/u').test('éé')).toBe(true);
});

test('errors are RE2’s, with a hint for backreferences and lookaround', () => {
  expect(regexProblem('/(/')).toBe('missing closing ): `(`');
  expect(regexProblem('/(a)\\1/')).toBe('invalid escape sequence: `\\1` (backreferences are not supported: spec regexes use RE2 syntax, as Go and kubectl do)');
  expect(regexProblem('/foo(?=bar)/')).toMatch(/^invalid or unsupported Perl syntax: `\(\?=` \(lookahead and lookbehind are not supported/);
  expect(regexProblem('/(?<!x)y/')).toMatch(/lookahead and lookbehind are not supported/);
  expect(regexProblem('/ok/')).toBeUndefined();
  expect(regexProblem('plain text')).toBeUndefined();
});

test('for patterns both engines accept alike, RE2 finds the same matches as JavaScript', () => {
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\d', 'x');
  const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?')).map(([a, q]) => a + q);
  const pattern = fc.array(piece, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(''));
  fc.assert(
    fc.property(pattern, fc.stringMatching(/^[abx0-9]{0,12}$/), (p, text) => {
      expect(containsText(textPattern(`/${p}/`), text)).toBe(new RegExp(p).test(text));
    }),
  );
});
