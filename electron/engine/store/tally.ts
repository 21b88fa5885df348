/**
 * Events per address, counted by event type as the rows are stored: as attacker, as
 * victim, as device and as reporter; and events per rule ID. The unfiltered rankings (the
 * first thing a technician looks at) come from these counts, with no scan and no index; SQL
 * then adds the details of the few rows shown (stats.ts). The text filter asks them which
 * columns can name an address at all (filter.ts). Removing rows (a source read again, a
 * folder removed) marks the counts stale, and the next question counts again from the table.
 *
 * test/store/tally.test.ts checks that every ranking from the counts equals the same
 * ranking done in SQL.
 */
import type { Database } from 'sql.js';
import { EVENT_TYPES } from '../../../shared/model.js';
import { ROW_NUMBERS, type PackedRows } from '../pipeline/rows.js';
import { ETYPE_SQL, FLAGS } from './schema.js';
import { allRows } from './sql.js';

const T = EVENT_TYPES.length;
const W = ROW_NUMBERS.length;
const FLAGS_AT = ROW_NUMBERS.indexOf('flags');
const RULE_AT = ROW_NUMBERS.indexOf('rule');
const { shift: ETYPE_SHIFT, bits: ETYPE_BITS } = FLAGS.etype;

/** The sides an address is counted on. */
export const TALLY_SIDES = ['attacker', 'victim', 'device', 'reporter'] as const;
export type TallySide = (typeof TALLY_SIDES)[number];

const COLUMN = Object.fromEntries(TALLY_SIDES.map((s) => [s, ROW_NUMBERS.indexOf(s)])) as Record<
  TallySide,
  number
>;

/** Counts per address id (index id * T + event type) of one side. */
class Counts {
  values = new Int32Array(T * 1024);

  /** Makes room for index `at`. */
  grow(at: number): void {
    const bigger = new Int32Array(Math.max(this.values.length * 2, (at + T) * 2));
    bigger.set(this.values);
    this.values = bigger;
  }

  /** Events of address `id` on this side. */
  events(id: number): number {
    let n = 0;
    for (let t = 0; t < T; t++) n += this.values[id * T + t] ?? 0;
    return n;
  }
}

/** An address with its events by type (in EVENT_TYPES order) and in all. */
export interface Tallied {
  id: number;
  events: number;
  byType: number[];
}

const fresh = (): Record<TallySide, Counts> => ({
  attacker: new Counts(),
  victim: new Counts(),
  device: new Counts(),
  reporter: new Counts(),
});

/** The counts of one store. */
export class Tally {
  #sides = fresh();
  #rules = new Map<number, number>();
  #events = 0;
  #stale = false;

  /** Counts stored rows; `ids` maps their dictionary indexes to address ids. */
  add(rows: PackedRows, ids: Int32Array, maxId: number): void {
    if (this.#stale) return;
    const n = rows.numbers;
    this.#events += rows.count;
    // Room for every id first, so the loop below needs no check per row.
    for (const side of TALLY_SIDES) {
      const counts = this.#sides[side];
      if ((maxId + 1) * T > counts.values.length) counts.grow(maxId * T);
    }
    const { attacker, victim, device, reporter } = this.#sides;
    const [a, v, d, rep] = [attacker.values, victim.values, device.values, reporter.values];
    const mask = 2 ** ETYPE_BITS - 1;
    for (let r = 0, base = 0; r < rows.count; r++, base += W) {
      const etype = (n[base + FLAGS_AT]! >> ETYPE_SHIFT) & mask;
      const x = n[base + COLUMN.attacker]!;
      if (x === x) a[ids[x | 0]! * T + etype]!++;
      const y = n[base + COLUMN.victim]!;
      if (y === y) v[ids[y | 0]! * T + etype]!++;
      const z = n[base + COLUMN.device]!;
      if (z === z) d[ids[z | 0]! * T + etype]!++;
      const w = n[base + COLUMN.reporter]!;
      if (w === w) rep[ids[w | 0]! * T + etype]!++;
    }
    // Runs of one rule are common: the map is asked once per run.
    let rule = NaN;
    let run = 0;
    for (let r = 0, base = 0; r <= rows.count; r++, base += W) {
      const v = r < rows.count ? n[base + RULE_AT]! : NaN;
      if (v === rule) {
        run++;
        continue;
      }
      if (rule === rule && run > 0) this.#rules.set(rule, (this.#rules.get(rule) ?? 0) + run);
      rule = v;
      run = 1;
    }
  }

  /** Rows were removed: count again from the table before the next question. */
  invalidate(): void {
    this.#stale = true;
  }

  /** Every address counted on a side, with its counts. */
  all(db: Database, side: TallySide): Tallied[] {
    if (this.#stale) this.#recount(db);
    const counts = this.#sides[side];
    const out: Tallied[] = [];
    for (let id = 0; id * T < counts.values.length; id++) {
      const events = counts.events(id);
      if (events > 0) {
        out.push({ id, events, byType: Array.from(counts.values.subarray(id * T, id * T + T)) });
      }
    }
    return out;
  }

  /**
   * The addresses with the `limit` largest event counts on a side, and every address tied
   * with the last of them (the caller orders ties by address before cutting), in no order.
   * Only these become objects: a busy site has tens of thousands of attackers.
   */
  top(db: Database, side: TallySide, limit: number): Tallied[] {
    if (this.#stale) this.#recount(db);
    const counts = this.#sides[side];
    const ids = counts.values.length / T;
    const totals = new Int32Array(ids);
    for (let id = 0; id < ids; id++) totals[id] = counts.events(id);
    // The count of the limit-th address: the cut (0 keeps every address counted at all).
    const sorted = totals.slice().sort();
    const cut = Math.max(1, limit > 0 && limit <= ids ? sorted[ids - limit]! : 1);
    const out: Tallied[] = [];
    for (let id = 0; id < ids; id++) {
      if (totals[id]! < cut) continue;
      const byType = Array.from(counts.values.subarray(id * T, id * T + T));
      out.push({ id, events: totals[id]!, byType });
    }
    return out;
  }

  /** Events that name address `id` on `side`. */
  eventsOf(db: Database, side: TallySide, id: number): number {
    if (this.#stale) this.#recount(db);
    return this.#sides[side].events(id);
  }

  /** The rule IDs stored, with their events. */
  rules(db: Database): Map<number, number> {
    if (this.#stale) this.#recount(db);
    return this.#rules;
  }

  /** Events stored. */
  events(db: Database): number {
    if (this.#stale) this.#recount(db);
    return this.#events;
  }

  #recount(db: Database): void {
    this.#sides = fresh();
    for (const side of TALLY_SIDES) {
      const counts = this.#sides[side];
      const rows = allRows(
        db,
        `SELECT ${side}, ${ETYPE_SQL}, count(*) FROM event_rows WHERE ${side} IS NOT NULL
         GROUP BY 1, 2`,
      );
      for (const [id, etype, n] of rows) {
        const at = (id as number) * T + (etype as number);
        if (at >= counts.values.length) counts.grow(at);
        counts.values[at] = n as number;
      }
    }
    const rules = allRows(
      db,
      'SELECT rule, count(*) FROM event_rows WHERE rule IS NOT NULL GROUP BY rule',
    );
    this.#rules = new Map(rules.map(([rule, n]) => [rule as number, n as number]));
    this.#events = Number(allRows(db, 'SELECT count(*) FROM event_rows')[0]?.[0] ?? 0);
    this.#stale = false;
  }
}
