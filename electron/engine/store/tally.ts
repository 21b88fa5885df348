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
import { EVENT_TYPES, MESSAGE_TYPES } from '../../../shared/model.js';
import { ROW_NUMBERS, type PackedRows } from '../pipeline/rows.js';
import { ETYPE_SQL, FLAGS, MTYPE_SQL } from './schema.js';
import { allRows } from './sql.js';

const T = EVENT_TYPES.length;
const W = ROW_NUMBERS.length;
const FLAGS_AT = ROW_NUMBERS.indexOf('flags');
const RULE_AT = ROW_NUMBERS.indexOf('rule');
const TIME_AT = ROW_NUMBERS.indexOf('time');
const { shift: ETYPE_SHIFT, bits: ETYPE_BITS } = FLAGS.etype;
const { shift: MTYPE_SHIFT, bits: MTYPE_BITS } = FLAGS.mtype;

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

/** Distinct minutes counted at most (a year and a half of a busy log; some 10 MiB). */
const MAX_MINUTES = 800_000;
/** Where counts of minutes no longer kept go: the first slot, kept for it. */
const SCRATCH = 0;

/** The first and last event time per address id (of the device side). */
class Spans {
  first = new Float64Array(1024).fill(Infinity);
  last = new Float64Array(1024).fill(-Infinity);

  /** Makes room for address ids up to `id`. */
  grow(id: number): void {
    if (id < this.first.length) return;
    const size = Math.max(this.first.length * 2, (id + 1) * 2);
    const first = new Float64Array(size).fill(Infinity);
    const last = new Float64Array(size).fill(-Infinity);
    first.set(this.first);
    last.set(this.last);
    this.first = first;
    this.last = last;
  }
}

/**
 * What the tally knows of one rule ID: its events, their first and last time, and the
 * devices that logged it (address ids, in the order of their first event with it).
 */
export interface RuleTally {
  events: number;
  first: number;
  last: number;
  devices: number[];
}

/** One rule's counts, and the devices it already lists. */
class RuleEntry implements RuleTally {
  events = 0;
  first = Infinity;
  last = -Infinity;
  devices: number[] = [];
  readonly #seen = new Set<number>();

  /** Counts `n` events from `first` to `last`. */
  add(n: number, first: number, last: number): void {
    this.events += n;
    if (first < this.first) this.first = first;
    if (last > this.last) this.last = last;
  }

  /** Lists `device` after the others, unless it is listed already. */
  device(device: number): void {
    if (this.#seen.has(device)) return;
    this.#seen.add(device);
    this.devices.push(device);
  }
}

/** Rule IDs to what is known of them, in the order each was first stored. */
class RuleCounts {
  readonly byRule = new Map<number, RuleEntry>();

  /** The entry of `rule`, made when it is new. */
  of(rule: number): RuleEntry {
    let t = this.byRule.get(rule);
    if (t === undefined) this.byRule.set(rule, (t = new RuleEntry()));
    return t;
  }
}

/** Events by message type and by event type, and each device's first and last time. */
export interface Totals {
  byMessageType: readonly number[];
  byEventType: readonly number[];
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
  #rules = new RuleCounts();
  #events = 0;
  #byMtype = new Float64Array(MESSAGE_TYPES.length);
  #byEtype = new Float64Array(T);
  #deviceSpans = new Spans();
  /**
   * Events per minute (time / 60, truncated as SQLite divides) and event type; null once
   * more than MAX_MINUTES distinct minutes were seen (times scattered by damage), when the
   * timeline is grouped in SQL instead of holding a map entry per event.
   */
  #minutes: Map<number, number> | null = new Map();
  /** The counts of each minute, from the offset the map gives; slot 0 is the scratch slot. */
  #minuteCounts = new Int32Array(T * 1024);
  #minuteSlots = 1;

  #stale = false;

  constructor(private readonly maxMinutes = MAX_MINUTES) {}

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
    this.#deviceSpans.grow(maxId);
    const { attacker, victim, device, reporter } = this.#sides;
    const [a, v, d, rep] = [attacker.values, victim.values, device.values, reporter.values];
    const { first, last } = this.#deviceSpans;
    const [mt, et] = [this.#byMtype, this.#byEtype];
    const mask = 2 ** ETYPE_BITS - 1;
    const mmask = 2 ** MTYPE_BITS - 1;
    // Consecutive rows mostly share their minute: the map is asked once per run.
    let minute = NaN;
    let at: number = SCRATCH;
    for (let r = 0, base = 0; r < rows.count; r++, base += W) {
      const flags = n[base + FLAGS_AT]!;
      const etype = (flags >> ETYPE_SHIFT) & mask;
      et[etype]!++;
      mt[(flags >> MTYPE_SHIFT) & mmask]!++;
      const m = Math.trunc(n[base + TIME_AT]! / 60);
      if (m !== minute) {
        minute = m;
        at = this.#minute(m);
      }
      this.#minuteCounts[at + etype]!++;
      const x = n[base + COLUMN.attacker]!;
      if (x === x) a[ids[x | 0]! * T + etype]!++;
      const y = n[base + COLUMN.victim]!;
      if (y === y) v[ids[y | 0]! * T + etype]!++;
      const z = n[base + COLUMN.device]!;
      if (z === z) {
        const id = ids[z | 0]!;
        d[id * T + etype]!++;
        const time = n[base + TIME_AT]!;
        if (time < first[id]!) first[id] = time;
        if (time > last[id]!) last[id] = time;
      }
      const w = n[base + COLUMN.reporter]!;
      if (w === w) rep[ids[w | 0]! * T + etype]!++;
    }
    this.#addRules(rows, ids);
  }

  /** Counts the rows' rule IDs: events, first and last time, devices in order of appearance. */
  #addRules(rows: PackedRows, ids: Int32Array): void {
    const n = rows.numbers;
    const rules = this.#rules;
    // Runs of one rule are common: the map is asked once per run.
    let rule = NaN;
    let t: RuleEntry | null = null;
    for (let r = 0, base = 0; r < rows.count; r++, base += W) {
      const v = n[base + RULE_AT]!;
      if (v !== v) continue;
      if (v !== rule || t === null) {
        rule = v;
        t = rules.of(v);
      }
      const time = n[base + TIME_AT]!;
      t.add(1, time, time);
      const z = n[base + COLUMN.device]!;
      if (z === z) t.device(ids[z | 0]!);
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

  /** The rule IDs stored, in the order each was first stored, with what is known of them. */
  rules(db: Database): ReadonlyMap<number, Readonly<RuleTally>> {
    if (this.#stale) this.#recount(db);
    return this.#rules.byRule;
  }

  /** Events by message type and by event type (indexes of shared/model.ts's lists). */
  totals(db: Database): Totals {
    if (this.#stale) this.#recount(db);
    return { byMessageType: [...this.#byMtype], byEventType: [...this.#byEtype] };
  }

  /** The first and last event time (seconds) of device `id`, or null when it has none. */
  deviceSpan(db: Database, id: number): [number, number] | null {
    if (this.#stale) this.#recount(db);
    const { first, last } = this.#deviceSpans;
    return id < first.length && first[id]! <= last[id]! ? [first[id]!, last[id]!] : null;
  }

  /**
   * Events per bucket of `bucketSeconds` (a whole number of minutes) and event type, by
   * bucket start, as SQL's `(time / bucket) * bucket` groups them.
   */
  timeline(db: Database, bucketSeconds: number): Map<number, number[]> | null {
    if (this.#stale) this.#recount(db);
    if (this.#minutes === null) return null;
    const out = new Map<number, number[]>();
    const counts = this.#minuteCounts;
    for (const [minute, at] of this.#minutes) {
      // Truncating the minute, then the bucket, is truncating the time: 60 divides both.
      const start = Math.trunc((minute * 60) / bucketSeconds) * bucketSeconds;
      let sum = out.get(start);
      if (!sum) out.set(start, (sum = new Array<number>(T).fill(0)));
      for (let t = 0; t < T; t++) sum[t]! += counts[at + t]!;
    }
    return out;
  }

  /**
   * Where the counts of minute `m` start in #minuteCounts (the scratch slot once minutes
   * are no longer counted). One typed array for every minute: an array object per minute
   * cost megabytes on a month of log.
   */
  #minute(m: number): number {
    const minutes = this.#minutes;
    if (minutes === null) return SCRATCH;
    let at = minutes.get(m);
    if (at === undefined) {
      if (minutes.size >= this.maxMinutes) {
        this.#minutes = null;
        return SCRATCH;
      }
      at = this.#minuteSlots++ * T;
      if (at + T > this.#minuteCounts.length) {
        const bigger = new Int32Array(this.#minuteCounts.length * 2);
        bigger.set(this.#minuteCounts);
        this.#minuteCounts = bigger;
      }
      minutes.set(m, at);
    }
    return at;
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
    // In the order of each pair's first event: rules and each rule's devices then come in
    // the order of their first event, as when counted row by row.
    this.#rules = new RuleCounts();
    const pairs = allRows(
      db,
      `SELECT rule, device, min(id) AS seen, count(*), min(time), max(time) FROM event_rows
       WHERE rule IS NOT NULL GROUP BY rule, device`,
    ).sort((x, y) => (x[2] as number) - (y[2] as number));
    for (const [rule, device, , n, first, last] of pairs) {
      const t = this.#rules.of(rule as number);
      t.add(n as number, first as number, last as number);
      if (device !== null) t.device(device as number);
    }
    this.#events = Number(allRows(db, 'SELECT count(*) FROM event_rows')[0]?.[0] ?? 0);
    this.#byMtype = new Float64Array(MESSAGE_TYPES.length);
    this.#byEtype = new Float64Array(T);
    for (const [mtype, etype, n] of allRows(
      db,
      `SELECT ${MTYPE_SQL}, ${ETYPE_SQL}, count(*) FROM event_rows GROUP BY 1, 2`,
    )) {
      this.#byMtype[mtype as number]! += n as number;
      this.#byEtype[etype as number]! += n as number;
    }
    const spans = new Spans();
    for (const [id, first, last] of allRows(
      db,
      'SELECT device, min(time), max(time) FROM event_rows WHERE device IS NOT NULL GROUP BY 1',
    )) {
      spans.grow(id as number);
      spans.first[id as number] = first as number;
      spans.last[id as number] = last as number;
    }
    this.#deviceSpans = spans;
    this.#minutes = new Map();
    this.#minuteCounts = new Int32Array(T * 1024);
    this.#minuteSlots = 1;
    for (const [m, etype, n] of allRows(
      db,
      `SELECT time / 60, ${ETYPE_SQL}, count(*) FROM event_rows GROUP BY 1, 2`,
    )) {
      this.#minuteCounts[this.#minute(m as number) + (etype as number)] = n as number;
    }
    this.#stale = false;
  }
}
