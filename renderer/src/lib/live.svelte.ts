/**
 * Engine notifications as UI state: a revision number the views re-read their data on, and
 * the quarantine alerts that arrived since the page opened.
 */
import type { Notification } from '../../../shared/api/types.js';
import type { SeclogApi } from './api.js';

/**
 * Time a refresh waits after the first notification of a burst, so the burst becomes one
 * refresh. Later notifications do not push it back: a log written to without a pause
 * sends one every few hundred milliseconds, and a quiet time would never come.
 */
const GATHER_MS = 400;

/** One quarantine event pushed by the engine. */
export type QuarantineAlert = Extract<Notification, { type: 'quarantine' }>['events'][number];

/** Live state; `start` subscribes and returns the function that ends the subscription. */
export class Live {
  /** Bumped (at most every GATHER_MS) after events or sources changed; views reload on it. */
  revision = $state(0);
  /** Quarantine events pushed since the page opened, newest last. */
  alerts = $state.raw<QuarantineAlert[]>([]);
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Subscribes to `api`'s notifications; call the returned function to stop. */
  start(api: SeclogApi): () => void {
    const stop = api.subscribe((n) => this.#on(n));
    return () => {
      stop();
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  /** Forgets the alerts shown so far (the banner's close button). */
  dismiss(): void {
    this.alerts = [];
  }

  #on(n: Notification): void {
    if (n.type === 'quarantine') this.alerts = [...this.alerts, ...n.events].slice(-20);
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.revision++;
    }, GATHER_MS);
  }
}

/** The page's live state. */
export const live = new Live();
