/**
 * Engine notifications as UI state: a revision number the views re-read their data on, and
 * the quarantine alerts that arrived since the page opened.
 */
import type { Notification } from '../../../shared/api/types.js';
import type { SeclogApi } from './api.js';
import { RefreshClock } from './refresh-clock.js';

/** One quarantine event pushed by the engine. */
export type QuarantineAlert = Extract<Notification, { type: 'quarantine' }>['events'][number];

/** Live state; `start` subscribes and returns the function that ends the subscription. */
export class Live {
  /** Bumped after events or sources changed (refresh-clock.ts says when); views reload on it. */
  revision = $state(0);
  /** Quarantine events pushed since the page opened, newest last. */
  alerts = $state.raw<QuarantineAlert[]>([]);
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #clock = new RefreshClock();

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
      this.#clock.refreshed();
      this.revision++;
    }, this.#clock.delay());
  }
}

/** The page's live state. */
export const live = new Live();
