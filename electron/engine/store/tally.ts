/**
 * Events per address, counted by event type as the rows are stored: as attacker, as
 * victim and as device. The unfiltered rankings (the first thing a technician looks at)
 * come from these counts, with no scan and no index; SQL then adds the details of the few
 * rows shown (stats.ts). Removing rows (a source read again, a folder removed) marks the
 * counts stale, and the next ranking counts again from the table.
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
const { shift: ETYPE_SHIFT, bits: ETYPE_BITS } = FLAGS.etype;

/** The sides an address is counted on. */
export const TALLY_SIDES = ['attacker', 'victim', 'device'] as const;
export type TallySide = (typeof TALLY_SIDES)[number];

const COLUMN = {
  attacker: ROW_NUMBERS.indexOf('attacker'),
  victim: ROW_NUMBERS.indexOf('victim'),
  device: ROW_NUMBERS.indexOf('device'),
} as const;

/** Counts per address id (index id * T + event type) of one side. */
class Counts {
  values = new Int32Array(T * 1024);

  /** Makes room for index `at`. */
  grow(at: number): void {
    const bigger = new Int32Array(Math.max(this.values.length * 2, (at + T) * 2));
    bigger.set(this.values);
    this.values = bigger;
  }
}

/** An address with its events by type (in EVENT_TYPES order) and in all. */
export interface Tallied {
  id: number;
  events: number;
  byType: number[];
}

/** The counts of one store. */
export class Tally {
  #sides = { attacker: new Counts(), victim: new Counts(), device: new Counts() };
  #stale = false;

  /** Counts stored rows; `ids` maps their dictionary indexes to address ids. */
  add(rows: PackedRows, ids: Int32Array): void {
    if (this.#stale) return;
    const n = rows.numbers;
    for (const side of TALLY_SIDES) {
      const counts = this.#sides[side];
      const col = COLUMN[side];
      for (let r = 0, base = 0; r < rows.count; r++, base += W) {
        const v = n[base + col]!;
        if (v !== v) continue;
        const etype = (n[base + FLAGS_AT]! >> ETYPE_SHIFT) & (2 ** ETYPE_BITS - 1);
        const at = ids[v | 0]! * T + etype;
        if (at >= counts.values.length) counts.grow(at);
        counts.values[at]!++;
      }
    }
  }

  /** Rows were removed: count again from the table before the next ranking. */
  invalidate(): void {
    this.#stale = true;
  }

  /** Every address counted on a side, with its counts. */
  all(db: Database, side: TallySide): Tallied[] {
    if (this.#stale) this.#recount(db);
    const values = this.#sides[side].values;
    const out: Tallied[] = [];
    for (let id = 0; id * T < values.length; id++) {
      let events = 0;
      for (let t = 0; t < T; t++) events += values[id * T + t]!;
      if (events > 0)
        out.push({ id, events, byType: Array.from(values.subarray(id * T, id * T + T)) });
    }
    return out;
  }

  #recount(db: Database): void {
    this.#sides = { attacker: new Counts(), victim: new Counts(), device: new Counts() };
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
    this.#stale = false;
  }
}
