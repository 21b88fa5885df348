/** The UI's languages and their texts; `translate` fills `{name}` placeholders. */
import { en, type MessageKey } from './en.js';
import { es } from './es.js';

export type { MessageKey } from './en.js';

/** The languages the UI speaks. */
export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];

/** Every language's dictionary. */
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, es };

/** The UI language for a BCP 47 tag such as `es-AR`; English for anything else. */
export function langFromTag(tag: string | undefined): Lang {
  return tag?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The text of `key` in `lang` with each `{name}` replaced by `vars[name]`. */
export function translate(
  lang: Lang,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}
