/**
 * The overview's banner for devices with quarantine events. A site can have hundreds of
 * them (a worm spreads fast): the banner names the first few and counts the rest, and the
 * device cards below show each.
 */
import { translate, type Lang } from '../../../shared/i18n/index.js';

/** Devices named in the banner before the rest are counted. */
export const NAMED = 5;

/** The banner's sentence for `devices` (at least one) in language `lang`. */
export function compromisedText(lang: Lang, devices: readonly string[], n: (v: number) => string) {
  if (devices.length === 1) return translate(lang, 'overview.quarantine', { devices: devices[0]! });
  const named = devices.slice(0, NAMED).join(', ');
  const list =
    devices.length > NAMED
      ? translate(lang, 'overview.andMore', { devices: named, n: n(devices.length - NAMED) })
      : named;
  return translate(lang, 'overview.quarantineMany', { count: n(devices.length), devices: list });
}
