/**
 * The events table's rows, fetched in keyset pages (`events:query` cursors) as the view
 * needs them. A cursor leads to the page after it; a page further on is asked for with
 * `skip` from the nearest known cursor (the engine passes over the rows between), so a jump
 * to the end of a million rows is one request, not two thousand. Cursors are kept even when
 * their rows are let go.
 */
// Pages are replaced whole and announced through `version`: a reactive map would proxy
// every row for nothing.
/* eslint-disable svelte/prefer-svelte-reactivity */
import type { Filter, SortKey } from '../../../shared/api/contract.js';
import type { EventRow } from '../../../shared/api/types.js';
import type { SeclogApi } from './api.js';

/** Rows per request; the contract allows up to 1000. */
export const PAGE_ROWS = 500;
/** Pages kept on either side of the wanted range; others are let go to bound memory. */
const KEEP_AROUND = 8;
/** A page further than this past the nearest known cursor is reached by a jump. */
const WALK_PAGES = 2;

/** What the table shows: the filter and the order. */
export interface EventQuery {
  filter: Filter;
  sort: SortKey;
  desc: boolean;
}

/** Rows of one query by index; a new query or a refresh drops replies to the old one. */
export class EventPager {
  /** How many events match, from `events:count`. */
  count = $state(0);
  /** Moves whenever rows arrive, so views reading `row()` update. */
  version = $state(0);
  error = $state<string | null>(null);
  #api: SeclogApi;
  #query: EventQuery | null = null;
  #gen = 0;
  #pages = new Map<number, EventRow[]>();
  /** Rows from before a refresh, shown until their page arrives again (no blank flash). */
  #stale = new Map<number, EventRow[]>();
  /** `after` cursor of each page index whose start is known (page 0 starts at the top). */
  #cursors = new Map<number, string | null>();
  /** The first page index past the last row, once the last page has been seen. */
  #end = Infinity;
  #want: [number, number] = [0, 0];
  #pumping = false;

  constructor(api: SeclogApi) {
    this.#api = api;
  }

  /** Starts over for a new query (`keep`: show the old rows until the new ones come). */
  reset(query: EventQuery, keep = false): void {
    this.#gen++;
    this.#query = query;
    this.#stale = keep ? this.#pages : new Map();
    this.#pages = new Map();
    this.#cursors = new Map([[0, null]]);
    this.#end = Infinity;
    this.error = null;
    this.version++;
    const gen = this.#gen;
    this.#api['events:count']({ filter: query.filter }).then(
      (r) => gen === this.#gen && (this.count = r.count),
      (err: unknown) => gen === this.#gen && (this.error = String(err)),
    );
    void this.#pump();
  }

  /** The row at `index`, or undefined while its page is on the way. */
  row(index: number): EventRow | undefined {
    void this.version;
    const p = Math.floor(index / PAGE_ROWS);
    const page = this.#pages.get(p) ?? this.#stale.get(p);
    return page?.[index % PAGE_ROWS];
  }

  /** Asks for the rows from `first` to `last` (inclusive) to be fetched. */
  ensure(first: number, last: number): void {
    this.#want = [Math.floor(first / PAGE_ROWS), Math.floor(Math.max(first, last) / PAGE_ROWS)];
    void this.#pump();
  }

  /** Fetches missing wanted pages one after another; one pump runs at a time. */
  async #pump(): Promise<void> {
    if (this.#pumping || !this.#query) return;
    this.#pumping = true;
    try {
      for (;;) {
        const gen = this.#gen;
        const query = this.#query;
        const target = this.#missing();
        if (target === null) break;
        // The nearest page at or before the target whose start is known; from there, the
        // pages between are walked when few, else jumped over.
        let known = target;
        while (!this.#cursors.has(known)) known--;
        const after = this.#cursors.get(known) ?? undefined;
        const from = target - known > WALK_PAGES ? target : known;
        const skip = (from - known) * PAGE_ROWS;
        const page = await this.#api['events:query']({
          ...query,
          after,
          ...(skip > 0 ? { skip } : {}),
          limit: PAGE_ROWS,
        });
        if (gen !== this.#gen) continue;
        this.#pages.set(from, page.rows);
        this.#stale.delete(from);
        this.#cursors.set(from + 1, page.next);
        if (page.next === null) this.#end = from + 1;
        this.#evict();
        this.version++;
      }
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.#pumping = false;
    }
  }

  /** The first wanted page not loaded and not past the end, or null. */
  #missing(): number | null {
    const [a, b] = this.#want;
    for (let p = a; p <= b; p++) {
      if (p >= this.#end) return null;
      if (!this.#pages.has(p)) return p;
    }
    return null;
  }

  #evict(): void {
    const [a, b] = this.#want;
    for (const p of this.#pages.keys()) {
      if (p < a - KEEP_AROUND || p > b + KEEP_AROUND) this.#pages.delete(p);
    }
  }
}
