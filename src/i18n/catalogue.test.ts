// Every message of kubespec's catalogue is in every language: a message added in English only, or
// a Korean text left in English, fails here.
import { catalogues } from './catalogue';
import { LANGS, langFromEnv, msg, parseLang, placeholders, type Message, type Params } from './index';

const HANGUL = /[\uac00-\ud7a3]/;

/** Parameters for a function message: every name is 2 (a number reads as a count or a value). */
const anyParams = new Proxy({}, { get: () => 2, has: () => true }) as Params;

function text(message: Message, lang: (typeof LANGS)[number]): string {
  const t = message[lang];
  return typeof t === 'function' ? t(anyParams) : t;
}

const all = Object.entries(catalogues).flatMap(([area, c]) => Object.entries(c).map(([key, m]) => [`${area}.${key}`, m] as const));

describe('the message catalogue', () => {
  test('has messages', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  test.each(all)('%s is in every language', (_key, message) => {
    for (const lang of LANGS) {
      expect(typeof message[lang] === 'string' || typeof message[lang] === 'function').toBe(true);
      const t = text(message, lang);
      expect(t.trim()).not.toBe('');
      expect(t).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
    }
  });

  test.each(all)('%s: the Korean text is Korean, with the same placeholders', (_key, message) => {
    const en = text(message, 'en');
    const ko = text(message, 'ko');
    // Text with words in it must have Korean words; "{file}:{line}" or "✓ {name}" need not.
    const words = en.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, '').replace(/--?[a-z][a-z-]*|'[^']*'|`[^`]*`|https?:\S+/g, '');
    if (/[A-Za-z]{3,}/.test(words) && !/^[A-Z0-9_ .,:/-]+$/.test(words)) expect(ko).toMatch(HANGUL);
    if (typeof message.en === 'string' && typeof message.ko === 'string') {
      expect(placeholders(message.ko).sort()).toEqual(placeholders(message.en).sort());
    }
  });
});

describe('choosing the language', () => {
  test('--lang values and locales', () => {
    expect(parseLang('ko')).toBe('ko');
    expect(parseLang('ko_KR.UTF-8')).toBe('ko');
    expect(parseLang('ko-KR')).toBe('ko');
    expect(parseLang('EN')).toBe('en');
    expect(parseLang('fr')).toBeUndefined();
    expect(parseLang('korean')).toBeUndefined();
  });

  test('LC_ALL, then LC_MESSAGES, then LANG (POSIX precedence); C and unknown languages are English', () => {
    expect(langFromEnv({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(langFromEnv({ LC_ALL: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'ko_KR', LANG: 'en_US' })).toBe('ko');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });

  test('placeholders are filled; a missing one stays visible', () => {
    const m: Message = { en: '{a} and {b}', ko: '{a}와 {b}' };
    expect(msg(m, { a: 1, b: 'x' }, 'en')).toBe('1 and x');
    expect(msg(m, { a: 1 }, 'ko')).toBe('1와 {b}');
  });
});
