// Student folder names → report folders: portable, and never another student's (grade.test.ts
// checks that a shard gives each student the folder the whole class does).
import fc from 'fast-check';
import { portableName, reportFolders } from './report-folders';

test('portable names keep letters of any script, digits, `.`, `_`, `-`; the rest becomes `_`', () => {
  expect(portableName('alice')).toBe('alice');
  expect(portableName('Zoë-2024_v1.0')).toBe('Zoë-2024_v1.0');
  expect(portableName('学生')).toBe('学生');
  expect(portableName('a b/c\\d:e*f?g"h<i>j|k')).toBe('a_b_c_d_e_f_g_h_i_j_k');
  expect(portableName('##[add-mask]x')).toBe('___add-mask_x');
  expect(portableName('x\u001b[2J\u2028')).toBe('x__2J_');
  // NFD (as macOS lists it) and NFC are one name
  expect(portableName('e\u0301')).toBe('\u00e9');
});

test('no hidden, option-like, device or dot-ended name; long names cut', () => {
  expect(portableName('-rf')).toBe('_-rf');
  expect(portableName('.git')).toBe('_.git');
  expect(portableName('')).toBe('_');
  expect(portableName('CON')).toBe('_CON');
  expect(portableName('nul.txt')).toBe('_nul.txt');
  expect(portableName('com1')).toBe('_com1');
  expect(portableName('console')).toBe('console');
  expect(portableName('x.')).toBe('x_');
  expect([...portableName('é'.repeat(300))]).toHaveLength(60);
});

test('names one disk could take for one (case, normalisation, `_`) get ~2, ~3 in name order', () => {
  const f = reportFolders(['alice', 'Alice', 'ALICE', 'a b', 'a_b', 'a~2', 'straße', 'STRASSE', 'e\u0301', '\u00e9']);
  expect(Object.fromEntries(f)).toEqual({
    ALICE: 'ALICE',
    Alice: 'Alice~2',
    alice: 'alice~3',
    'a b': 'a_b',
    a_b: 'a_b~2',
    'a~2': 'a_2',
    STRASSE: 'STRASSE',
    'straße': 'straße~2',
    'e\u0301': 'é',
    '\u00e9': 'é~2',
  });
});

test('any class: folders unique however a disk folds them, portable characters only', () => {
  const name = fc.string({ unit: fc.constantFrom('a', 'A', 'ß', 'S', 's', 'é', 'e', '\u0301', '~', '2', '.', '-', '_', ' ', '/', ':', 'İ', 'i', 'ı'), maxLength: 6 });
  fc.assert(
    fc.property(fc.uniqueArray(name, { maxLength: 12 }), (students) => {
      const folders = [...reportFolders(students).values()];
      expect(folders).toHaveLength(students.length);
      const keys = folders.map((f) => f.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC'));
      expect(new Set(keys).size).toBe(folders.length);
      for (const f of folders) expect(f).toMatch(/^[\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}._~-]*$/u);
    }),
    { numRuns: 300 },
  );
});
