/** The shell's words: both languages complete, and the choice of language. */
import { describe, expect, it } from 'vitest';
import { pickLanguage, strings } from '../../electron/shell/strings.js';

describe('strings', () => {
  it('has every English entry in Spanish too, and none left in English', () => {
    const en = strings('en');
    const es = strings('es');
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter(
      (k) =>
        typeof en[k as keyof typeof en] === 'string' &&
        en[k as keyof typeof en] === es[k as keyof typeof es],
    );
    // Format names read the same in both languages.
    expect(same.sort()).toEqual(['exportCsv', 'exportNdjson', 'exportSqlite']);
  });
});

describe('pickLanguage', () => {
  it.each([
    [null, 'es-ES', 'es'],
    [null, 'es', 'es'],
    [null, 'es-419', 'es'],
    [null, 'en-US', 'en'],
    [null, 'de-DE', 'en'],
    [null, 'est', 'en'],
    [null, '', 'en'],
    ['en', 'es-ES', 'en'],
    ['es', 'en-US', 'es'],
  ] as const)('chosen %s with system %j gives %s', (chosen, locale, lang) => {
    expect(pickLanguage(chosen, locale)).toBe(lang);
  });
});
