/** A country code as the UI shows it: the code and its name in the UI language. */
import type { Lang } from '../../../shared/i18n/index.js';

const names = new Map<Lang, Intl.DisplayNames | null>();

/** The region name of a two-letter code in `lang`, or null when the browser has none. */
export function countryName(code: string, lang: Lang): string | null {
  if (!names.has(lang)) {
    try {
      names.set(lang, new Intl.DisplayNames([lang], { type: 'region' }));
    } catch {
      names.set(lang, null);
    }
  }
  try {
    const name = names.get(lang)?.of(code);
    return name && name !== code ? name : null;
  } catch {
    return null; // A code Intl does not accept: show the code alone.
  }
}
