// kubespec's own text in the course's language: one catalogue of messages, each in every language
// (English and Korean), chosen once per process by `--lang` or the locale (LC_ALL, LC_MESSAGES,
// LANG). Kubernetes' own messages (the API server's, kubectl's) are not in it: they stay English,
// as a real cluster prints them, and `kubernetesHint` may follow them with a line in the language.
//
// A message is a template with `{name}` placeholders, or a function of its parameters where the
// wording needs more than substitution (plurals, word order). The areas' catalogues are in
// messages/, gathered in catalogue.ts, and a test checks every message has every language.

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

export type Params = Record<string, string | number>;
export type Text = string | ((p: Params) => string);
/** One message, in every language. */
export type Message = { readonly [L in Lang]: Text };
export type Catalogue = Readonly<Record<string, Message>>;

/** An area's messages, keeping the key names in the type (so `m.unknownOption` is checked). */
export function defineMessages<T extends Record<string, Message>>(messages: T): T {
  return messages;
}

let current: Lang = 'en';

/** The language kubespec's text is printed in, for the rest of the process. */
export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

/** `ko`, `ko_KR.UTF-8`, `ko-KR`, `KO`: the language a `--lang` value or locale names, if kubespec has it. */
export function parseLang(text: string | undefined): Lang | undefined {
  if (!text) return undefined;
  const m = /^([a-z]{2,3})(?:[_.@-]|$)/i.exec(text.trim());
  const code = m?.[1].toLowerCase();
  return (LANGS as readonly string[]).includes(code ?? '') ? (code as Lang) : undefined;
}

/**
 * The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty
 * (POSIX precedence for message text). `C`, `POSIX` and languages kubespec lacks mean English.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return parseLang(value) ?? 'en';
  }
  return 'en';
}

/** `{name}` placeholders of a template, in order of appearance, without repeats. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** A message in the current language (or `lang`), its placeholders filled from `params`. */
export function msg(message: Message, params: Params = {}, lang: Lang = current): string {
  const text = message[lang] ?? message.en;
  if (typeof text === 'function') return text(params);
  // A placeholder without a value stays visible rather than printing "undefined".
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
