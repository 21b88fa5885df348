/**
 * The native notification for quarantine events: a device that attacked others is probably
 * compromised. Each device is announced once per run, so a long export does not flood the
 * desktop with one notification per batch.
 */
import type { Notification } from '../../shared/api/types.js';
import type { Language } from './settings.js';
import { strings } from './strings.js';

/** The most devices named in one notification. */
export const MAX_NAMED_DEVICES = 5;

/**
 * A device name fit for a notification. The name comes from a log line, which an attacker
 * may have written, and some Linux notification servers read a little markup: so only
 * the characters of addresses and host names are kept, and the length is capped.
 */
export function cleanDevice(device: string): string {
  return device.replace(/[^0-9A-Za-z.:_-]/g, '').slice(0, 64);
}

/** What to show: a title and a body of plain text. */
export interface Alert {
  title: string;
  body: string;
}

/** Remembers the devices already announced; one instance per app run. */
export class QuarantineAlerts {
  #announced = new Set<string>();

  /** The alert for a notification, or null when it names no device not announced yet. */
  take(n: Notification, lang: Language): Alert | null {
    if (n.type !== 'quarantine') return null;
    const fresh: string[] = [];
    for (const e of n.events) {
      const device = cleanDevice(e.device);
      if (device === '' || this.#announced.has(device)) continue;
      this.#announced.add(device);
      fresh.push(device);
    }
    if (fresh.length === 0) return null;
    const named = fresh.slice(0, MAX_NAMED_DEVICES);
    if (fresh.length > named.length) named.push(`+${fresh.length - named.length}`);
    const s = strings(lang);
    return { title: s.quarantineTitle, body: s.quarantineBody(named) };
  }
}
