/**
 * Events as the store binds them: every value of a row already in its store form (times as
 * seconds, words as their index, addresses as indexes into the parse side's dictionary),
 * numbers in one Float64Array and the two rare text columns in an array. The parse thread
 * builds them (from event objects, or straight from the fast path's numbers), the typed
 * array crosses to the store's thread without a copy, and the store binds it column by
 * column in the order of ROW_NUMBERS (store/write.ts).
 */
import {
  DIRECTIONS,
  EVENT_TYPES,
  MESSAGE_TYPES,
  REPUTATION_BANDS,
  ROLES,
  type EventType,
  type SecEvent,
} from '../../../shared/model.js';
import { indexOf, indexOrNull, secondsOf, timeText } from '../store/codec.js';
import { FLAGS } from '../store/schema.js';
import type { ScannedRule } from '../parse/scan.js';
import type { AddressDictionary, DictionaryPart } from './dictionary.js';

/** Columns of `event_rows`, in the order the store binds them; NaN stands for NULL. */
export const ROW_NUMBERS = [
  'line',
  'offset',
  'bytes',
  'time',
  'env_time',
  'device',
  'device_port',
  'reporter',
  'seq',
  'flags',
  'rule',
  'peer',
  'peer_port',
  'attacker',
  'victim',
] as const;
/** Columns of ROW_NUMBERS (and MORE_NUMBERS) that hold a dictionary index, for an address id. */
export const ROW_ADDRESSES = ['device', 'reporter', 'peer', 'attacker', 'victim'] as const;
/** Number columns of `event_more`, after its id. */
export const MORE_NUMBERS = ['originator', 'rep_score'] as const;
/** Text columns of `event_more`, after its numbers. */
export const MORE_TEXTS = ['rep_address', 'problems'] as const;

const W = ROW_NUMBERS.length;
const col = (name: (typeof ROW_NUMBERS)[number]) => ROW_NUMBERS.indexOf(name);
const C = {
  line: col('line'),
  offset: col('offset'),
  bytes: col('bytes'),
  time: col('time'),
  env: col('env_time'),
  device: col('device'),
  devicePort: col('device_port'),
  reporter: col('reporter'),
  seq: col('seq'),
  flags: col('flags'),
  rule: col('rule'),
  peer: col('peer'),
  peerPort: col('peer_port'),
  attacker: col('attacker'),
  victim: col('victim'),
};

/** The `event_more` rows of a batch: for each, its row in the batch and its values. */
export interface MoreRows {
  count: number;
  rows: Int32Array;
  /** MORE_NUMBERS of each, one after another; the originator is a dictionary index. */
  numbers: Float64Array;
  /** MORE_TEXTS of each, one after another. */
  strings: (string | null)[];
}

/** A batch of rows ready to bind. */
export interface PackedRows {
  count: number;
  /** ROW_NUMBERS of each row, one row after another. */
  numbers: Float64Array;
  more: MoreRows;
  /** The addresses the rows name for the first time. */
  dictionary: DictionaryPart;
}

/** A quarantine event, as the notification tells of it. */
export interface QuarantineNote {
  device: string;
  peer: string | null;
  time: string;
  ruleId: string | null;
}

/** The rule ID as a number, or null when it is absent or not a safe whole number. */
export function ruleNumber(id: string | null): number | null {
  if (id === null || !/^\d{1,15}$/.test(id)) return null;
  return Number(id);
}

/** The values packed into `flags` as schema.ts FLAGS describes. */
export function flagsOf(
  ev: Pick<SecEvent, 'direction' | 'role' | 'repBand' | 'messageType' | 'eventType'>,
  originatorIsSource = false,
): number {
  const plusOne = (i: number | null) => (i === null ? 0 : i + 1);
  return (
    (plusOne(indexOrNull(DIRECTIONS, ev.direction, 'direction')) << FLAGS.direction.shift) |
    (plusOne(indexOrNull(ROLES, ev.role, 'role')) << FLAGS.role.shift) |
    (plusOne(indexOrNull(REPUTATION_BANDS, ev.repBand, 'reputation band')) << FLAGS.repBand.shift) |
    (indexOf(MESSAGE_TYPES, ev.messageType, 'message type') << FLAGS.mtype.shift) |
    (indexOf(EVENT_TYPES, ev.eventType, 'event type') << FLAGS.etype.shift) |
    ((originatorIsSource ? 1 : 0) << FLAGS.origSrc.shift)
  );
}

/** The flags of a fast-path line of each role and event type (index: etype * 2 + victim). */
const SCANNED_FLAGS = EVENT_TYPES.flatMap((eventType) =>
  [false, true].map((victim) =>
    flagsOf(
      {
        direction: victim ? 'outside_in' : 'inside_out',
        role: victim ? 'victim' : 'attacker',
        repBand: null,
        messageType: 'security_rule',
        eventType,
      },
      true,
    ),
  ),
);
const QUARANTINE = EVENT_TYPES.indexOf('quarantine');
const ORIG_BIT = 1 << FLAGS.origSrc.shift;

const orNaN = (n: number | null | undefined) => (n === null || n === undefined ? NaN : n);

/** Where a scanned line sits and what it was found to be (ingest.ts decides). */
export interface ScanInfo {
  line: number;
  offset: number;
  bytes: number;
  time: number;
  envelope: number;
  eventType: EventType;
}

/** Collects rows; `take` hands them over. Rows name addresses through `dictionary`. */
export class RowBuilder {
  #numbers = new Float64Array(W * 1024);
  #count = 0;
  #more: { rows: number[]; numbers: number[]; strings: (string | null)[] } = {
    rows: [],
    numbers: [],
    strings: [],
  };
  /** The first quarantine events of the rows, for the notification. */
  quarantine: QuarantineNote[] = [];

  constructor(private readonly dictionary: AddressDictionary) {}

  get count(): number {
    return this.#count;
  }

  /** Room for one more row; returns where it starts. */
  #row(): number {
    if ((this.#count + 1) * W > this.#numbers.length) {
      const bigger = new Float64Array(this.#numbers.length * 2);
      bigger.set(this.#numbers);
      this.#numbers = bigger;
    }
    return this.#count++ * W;
  }

  #address(text: string | null): number {
    return text === null || text === '' ? NaN : this.dictionary.text(text);
  }

  /** Adds an event object; throws (naming the value) when it holds a word the model lacks. */
  event(ev: SecEvent & { bytes?: number }): void {
    // The originator needs no value of its own when it is the source address.
    const origSrc =
      ev.messageType === 'security_rule' && ev.originator !== null && ev.originator === ev.srcIp;
    // Checked before the row is started, so a bad event leaves no half row.
    const flags = flagsOf(ev, origSrc);
    const r = this.#row();
    const n = this.#numbers;
    n[r + C.line] = ev.line;
    n[r + C.offset] = ev.offset;
    n[r + C.bytes] = ev.bytes ?? 0;
    n[r + C.time] = secondsOf(ev.time);
    n[r + C.env] = ev.envelopeLocal ? secondsOf(ev.envelopeLocal) : NaN;
    n[r + C.device] = this.#address(ev.device);
    n[r + C.devicePort] = orNaN(ev.devicePort);
    n[r + C.reporter] = this.#address(ev.reporter);
    n[r + C.seq] = orNaN(ev.seq);
    n[r + C.flags] = flags;
    n[r + C.rule] = orNaN(ruleNumber(ev.ruleId));
    n[r + C.peer] = this.#address(ev.peer);
    n[r + C.peerPort] = orNaN(ev.peerPort);
    n[r + C.attacker] = this.#address(ev.attacker);
    n[r + C.victim] = this.#address(ev.victim);
    const originator = origSrc ? null : ev.originator;
    const problems = ev.problems.length ? JSON.stringify(ev.problems) : null;
    if (originator || ev.repAddress !== null || ev.repScore !== null || problems !== null) {
      const more = this.#more;
      more.rows.push(this.#count - 1);
      more.numbers.push(this.#address(originator), orNaN(ev.repScore));
      more.strings.push(ev.repAddress, problems);
    }
    if (ev.eventType === 'quarantine' && this.quarantine.length < 100) {
      this.quarantine.push({
        device: ev.device ?? '',
        peer: ev.peer,
        time: ev.time,
        ruleId: ev.ruleId,
      });
    }
  }

  /** Adds a line the fast path read (parse/scan.ts), as `event(fastCameraRule(...))` would. */
  scanned(s: ScannedRule, info: ScanInfo): void {
    const dict = this.dictionary;
    const etype = indexOf(EVENT_TYPES, info.eventType, 'event type');
    const r = this.#row();
    const n = this.#numbers;
    const src = dict.v4(s.src);
    const dst = dict.v4(s.dst);
    const device = s.victim ? dst : src;
    const peer = s.victim ? src : dst;
    n[r + C.line] = info.line;
    n[r + C.offset] = info.offset;
    n[r + C.bytes] = info.bytes;
    n[r + C.time] = info.time;
    n[r + C.env] = info.envelope;
    n[r + C.device] = device;
    n[r + C.devicePort] = s.victim ? s.dstPort : s.srcPort;
    n[r + C.reporter] = s.host < 0 ? NaN : dict.v4(s.host);
    n[r + C.seq] = s.seq;
    n[r + C.rule] = s.rule;
    n[r + C.peer] = peer;
    n[r + C.peerPort] = s.victim ? s.srcPort : s.dstPort;
    n[r + C.attacker] = s.victim ? peer : device;
    n[r + C.victim] = s.victim ? device : peer;
    const origSrc = s.originator === s.src;
    n[r + C.flags] = SCANNED_FLAGS[etype * 2 + (s.victim ? 1 : 0)]! & ~(origSrc ? 0 : ORIG_BIT);
    if (!origSrc) {
      const more = this.#more;
      more.rows.push(this.#count - 1);
      more.numbers.push(dict.v4(s.originator), NaN);
      more.strings.push(null, null);
    }
    if (etype === QUARANTINE && this.quarantine.length < 100) {
      this.quarantine.push({
        device: dict.textOf(device),
        peer: dict.textOf(peer),
        time: timeText(info.time),
        ruleId: String(s.rule),
      });
    }
  }

  /** Drops the rows collected so far; the addresses they named are still handed over. */
  discard(): void {
    this.#count = 0;
    this.#more = { rows: [], numbers: [], strings: [] };
    this.quarantine = [];
  }

  /** Hands the rows over and starts again. */
  take(): PackedRows {
    const more = this.#more;
    const rows: PackedRows = {
      count: this.#count,
      numbers: this.#numbers.slice(0, this.#count * W),
      more: {
        count: more.rows.length,
        rows: Int32Array.from(more.rows),
        numbers: Float64Array.from(more.numbers),
        strings: more.strings,
      },
      dictionary: this.dictionary.drain(),
    };
    this.discard();
    return rows;
  }
}
