/**
 * Events packed for the store: numbers in one Float64Array, addresses as indexes into a
 * table of the batch's distinct address texts, and the few text columns in an array. The
 * parse thread packs (doing the conversions the store needs: times to seconds, words to
 * their index), the typed arrays cross to the store's thread without a copy, and the store
 * binds them in the order of its insert statement.
 */
import {
  DIRECTIONS,
  EVENT_TYPES,
  MESSAGE_TYPES,
  REPUTATION_BANDS,
  ROLES,
  type SecEvent,
} from '../../../shared/model.js';
import { indexOf, indexOrNull, secondsOf } from '../store/codec.js';
import { FLAGS } from '../store/schema.js';

/** Number columns, in the order packEvents writes them; NaN stands for NULL. */
export const NUMBER_COLUMNS = [
  'line',
  'offset',
  'bytes',
  'time',
  'env_time',
  'device_port',
  'seq',
  'mtype',
  'etype',
  'flags',
  'rule',
  'peer_port',
  'rep_score',
] as const;
/** Address columns: each holds an index into `texts`, -1 for none. */
export const ADDRESS_COLUMNS = [
  'device',
  'reporter',
  'peer',
  'attacker',
  'victim',
  // As written, damaged or not: interned, it costs the store an integer instead of text.
  'originator',
] as const;
/** Text columns, kept as strings (or null). */
export const TEXT_COLUMNS = ['rep_address', 'problems'] as const;

/** A batch of events ready to bind. */
export interface PackedEvents {
  count: number;
  numbers: Float64Array;
  addresses: Int32Array;
  /** The distinct address texts of the batch. */
  texts: string[];
  strings: (string | null)[];
}

/** An event with the byte length of its raw line, when the parser knows it. */
export type PackableEvent = SecEvent & { bytes?: number };

/** The rule ID as a number, or null when it is absent or not a safe whole number. */
export function ruleNumber(id: string | null): number | null {
  if (id === null || !/^\d{1,15}$/.test(id)) return null;
  return Number(id);
}

/** The event's direction, role and reputation band packed as schema.ts FLAGS describes. */
export function flagsOf(ev: SecEvent): number {
  const plusOne = (i: number | null) => (i === null ? 0 : i + 1);
  return (
    (plusOne(indexOrNull(DIRECTIONS, ev.direction, 'direction')) << FLAGS.direction.shift) |
    (plusOne(indexOrNull(ROLES, ev.role, 'role')) << FLAGS.role.shift) |
    (plusOne(indexOrNull(REPUTATION_BANDS, ev.repBand, 'reputation band')) << FLAGS.repBand.shift)
  );
}

const orNaN = (n: number | null | undefined) => (n === null || n === undefined ? NaN : n);

/** Packs events; throws (naming the value) when one holds a word the model does not know. */
export function packEvents(events: readonly PackableEvent[]): PackedEvents {
  const count = events.length;
  const numbers = new Float64Array(count * NUMBER_COLUMNS.length);
  const addresses = new Int32Array(count * ADDRESS_COLUMNS.length);
  const strings: (string | null)[] = new Array(count * TEXT_COLUMNS.length);
  const texts: string[] = [];
  const seen = new Map<string, number>();
  const address = (text: string | null): number => {
    if (text === null || text === '') return -1;
    let i = seen.get(text);
    if (i === undefined) {
      i = texts.length;
      texts.push(text);
      seen.set(text, i);
    }
    return i;
  };
  let n = 0;
  let a = 0;
  let s = 0;
  for (const ev of events) {
    numbers[n++] = ev.line;
    numbers[n++] = ev.offset;
    numbers[n++] = ev.bytes ?? 0;
    numbers[n++] = secondsOf(ev.time);
    numbers[n++] = ev.envelopeLocal ? secondsOf(ev.envelopeLocal) : NaN;
    numbers[n++] = orNaN(ev.devicePort);
    numbers[n++] = orNaN(ev.seq);
    numbers[n++] = indexOf(MESSAGE_TYPES, ev.messageType, 'message type');
    numbers[n++] = indexOf(EVENT_TYPES, ev.eventType, 'event type');
    numbers[n++] = flagsOf(ev);
    numbers[n++] = orNaN(ruleNumber(ev.ruleId));
    numbers[n++] = orNaN(ev.peerPort);
    numbers[n++] = orNaN(ev.repScore);
    addresses[a++] = address(ev.device);
    addresses[a++] = address(ev.reporter);
    addresses[a++] = address(ev.peer);
    addresses[a++] = address(ev.attacker);
    addresses[a++] = address(ev.victim);
    addresses[a++] = address(ev.originator);
    strings[s++] = ev.repAddress;
    strings[s++] = ev.problems.length ? JSON.stringify(ev.problems) : null;
  }
  return { count, numbers, addresses, texts, strings };
}
