// Display width: Hangul takes two terminal columns, ASCII one, combining marks none; padding by it
// keeps the summary's columns aligned in Korean.
import { displayWidth, padEndDisplay } from './width';

test('columns a terminal gives each character', () => {
  expect(displayWidth('Specs:')).toBe(6);
  expect(displayWidth('스펙:')).toBe(5);
  expect(displayWidth('한국어')).toBe(6);
  expect(displayWidth('e\u0301')).toBe(1);
  expect(displayWidth('✓ ✗ ○ › →')).toBe(9);
  expect(displayWidth('')).toBe(0);
});

test('padding to a width counts columns, not code units', () => {
  expect(padEndDisplay('점수:', 7)).toBe('점수:  ');
  expect(padEndDisplay('Time:', 8)).toBe('Time:   ');
  expect(padEndDisplay('Specs:', 3)).toBe('Specs:');
});
