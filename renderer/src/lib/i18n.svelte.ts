/** The UI language as state: starts from the browser's language, switchable in the header. */
import { langFromTag, translate, type Lang, type MessageKey } from '../../../shared/i18n/index.js';

/** The current language and the translation function bound to it. */
export class I18n {
  // The Electron menu reloads the page with `?lang=`; otherwise the system's language.
  lang = $state<Lang>(
    langFromTag(
      /[?&]lang=(en|es)\b/.exec(globalThis.location?.search ?? '')?.[1] ??
        globalThis.navigator?.language,
    ),
  );

  /** The text of `key` in the current language, placeholders filled from `vars`. */
  t = (key: MessageKey, vars?: Record<string, string | number>): string =>
    translate(this.lang, key, vars);

  /** Formats a number the way the current language writes it. */
  n = (value: number): string => value.toLocaleString(this.lang === 'es' ? 'es-ES' : 'en-US');
}

/** The page's language state. */
export const i18n = new I18n();
