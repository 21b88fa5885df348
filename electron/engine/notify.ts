/**
 * Coalesces the engine's notifications: however many batches land, listeners hear at
 * most one of each kind per interval.
 */
import type { Notification } from '../../shared/api/types.js';
import type { QuarantineNote } from './pipeline/rows.js';

type Quarantine = Extract<Notification, { type: 'quarantine' }>['events'][number];

/** Collects changes and sends them at most once per `intervalMs`. Call close() to stop its timer. */
export class Notifier {
  #listeners = new Set<(n: Notification) => void>();
  #timer: NodeJS.Timeout | null = null;
  #sources = false;
  #counts: Extract<Notification, { type: 'counts-changed' }> | null = null;
  #quarantine: Quarantine[] = [];

  constructor(private readonly intervalMs: number) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (n: Notification) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The list of sources or their statuses changed. */
  sourcesChanged(): void {
    this.#sources = true;
    this.#arm();
  }

  /** New totals, and the quarantine events among what was just stored. */
  counts(
    totals: { events: number; duplicates: number; malformed: number },
    quarantine: QuarantineNote[],
  ): void {
    this.#counts = { type: 'counts-changed', ...totals };
    for (const e of quarantine.slice(0, 100)) this.#quarantine.push({ ...e });
    this.#arm();
  }

  /** Stops the timer; pending notifications are dropped. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#listeners.clear();
  }

  #arm(): void {
    if (this.#timer || this.#listeners.size === 0) return;
    this.#timer = setTimeout(() => this.#send(), this.intervalMs);
    this.#timer.unref?.();
  }

  #send(): void {
    this.#timer = null;
    const out: Notification[] = [];
    if (this.#sources) out.push({ type: 'sources-changed' });
    if (this.#counts) out.push(this.#counts);
    if (this.#quarantine.length)
      out.push({ type: 'quarantine', events: this.#quarantine.slice(0, 100) });
    this.#sources = false;
    this.#counts = null;
    this.#quarantine = [];
    for (const n of out) for (const l of this.#listeners) l(n);
  }
}
