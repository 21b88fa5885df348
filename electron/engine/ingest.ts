/**
 * Keeps the books of each source: every non-blank line ends as exactly one of event,
 * duplicate, malformed or other, and an event already stored from any source counts as
 * a duplicate. Used line batch by line batch, so a growing file is counted as it grows.
 */
import type { Encoding, MalformedLine, SecEvent, SourceKind } from '../../shared/model.js';
import type { RuleBook } from '../../shared/rules/index.js';
import { canonicalV4, formatV4 } from '../../shared/address.js';
import { SourceParser } from './parse/source-parser.js';
import {
  scannedEvent,
  scannedEnvelope,
  scannedReputationEvent,
  scannedTime,
  scannedType,
} from './parse/fast.js';
import { scannedReputation, scannedRule, type ScannedRule } from './parse/scan.js';
import type { ScanInfo } from './pipeline/rows.js';
import { KeyHash, Ledger, securityKey } from './ledger.js';
import { rawLine, type LineBatch } from './read/line-batch.js';
import type { TextSource } from './read/types.js';

export { Ledger } from './ledger.js';

/** Per-source accounting: lines = events + duplicates + malformed + other. */
export interface SourceAccount {
  path: string;
  kind: SourceKind;
  encoding: Encoding;
  container: TextSource['container'];
  lines: number;
  events: number;
  duplicates: number;
  malformed: number;
  other: number;
  /** Why reading stopped early, when it did; the counts cover what was read. */
  error?: string;
}

/** An event with the byte length of its raw line, which the store keeps to show it again. */
export type StoredEvent = SecEvent & { bytes: number };

/** Where accepted events and malformed lines go (the summary, the store). */
export interface EventSink {
  event(ev: StoredEvent): void;
  malformed(line: MalformedLine): void;
  /**
   * Takes a line the fast path read as it is (parse/scan.ts): without it, the books make
   * the event object (`fastCameraRule`'s) and hand it to `event`.
   */
  scanned?(s: ScannedRule, info: ScanInfo): void;
}

/**
 * Gives reputation events without a device the device of the source's other events,
 * when there is exactly one (DESIGN.md, Meanings).
 */
export function resolveDevices(devices: Set<string>, pending: SecEvent[]): void {
  if (devices.size !== 1) return;
  const [only] = devices;
  for (const ev of pending) {
    if (ev.device) continue;
    ev.device = only!;
    ev.victim = only!;
  }
}

/** The books of one source, fed batch by batch. Create one per source (and per re-read). */
export class SourceBooks {
  readonly account: SourceAccount;
  readonly #parser: SourceParser;
  /** The devices of the source's events: whether there is exactly one (DESIGN.md, Meanings). */
  readonly #devices = new OnlyOne();
  readonly #scan = scannedRule();
  readonly #scanRep = scannedReputation();
  readonly #key = new KeyHash();
  /** Handed to the sink with each scanned line; the sink reads it before the next. */
  readonly #info: ScanInfo = {
    line: 0,
    offset: 0,
    bytes: 0,
    time: 0,
    envelope: 0,
    eventType: 'unknown',
  };
  // Reputation events without a device wait for the end of a read: their device may come
  // from the source's other events, and the device is part of their duplicate key.
  #reputation: StoredEvent[] = [];

  constructor(
    src: Pick<TextSource, 'path' | 'encoding' | 'container'>,
    private readonly ledger: Ledger,
    private readonly rules: RuleBook,
    private readonly owner = 0,
    /** `fast: false` reads every line the general way (tests compare both). */
    options: { fast?: boolean } = {},
  ) {
    this.#parser = new SourceParser(src.path, rules, options);
    this.account = {
      path: src.path,
      kind: 'text',
      encoding: src.encoding,
      container: src.container,
      lines: 0,
      events: 0,
      duplicates: 0,
      malformed: 0,
      other: 0,
    };
  }

  /** Counts a batch of lines and hands what is new to the sink. */
  take(batch: LineBatch, sink: EventSink): void {
    const account = this.account;
    const { text, spans, cut } = batch;
    for (let i = 0; i < batch.count; i++) {
      if ((cut.length === 0 || !cut.includes(i)) && this.#fast(batch, i, text, spans, sink)) {
        continue;
      }
      const line = rawLine(batch, i);
      const v = this.#parser.parse(line);
      if (v.type === 'blank' || v.type === 'header') continue;
      account.lines++;
      if (v.type === 'other') account.other++;
      else if (v.type === 'malformed') {
        account.malformed++;
        sink.malformed({
          source: account.path,
          line: line.no,
          offset: line.offset,
          text: line.text,
          reason: v.reason,
        });
      } else {
        const ev = v.event as StoredEvent;
        ev.bytes = line.bytes;
        // A reputation event without a device waits: it may get the file's only device.
        if (ev.messageType !== 'security_rule' && !ev.device) this.#reputation.push(ev);
        else {
          if (ev.device) this.#devices.add(deviceKey(ev.device));
          this.#claim(ev, sink);
        }
      }
    }
    account.kind = this.#parser.kind;
  }

  /** Counts line `i` if the fast path can read it (source-parser.ts decides when it may). */
  #fast(batch: LineBatch, i: number, text: string, spans: Int32Array, sink: EventSink): boolean {
    const s = this.#scan;
    const start = spans[2 * i]!;
    if (!this.#parser.scan(text, start, spans[2 * i + 1]!, s)) {
      return this.#fastReputation(batch, i, text, spans, sink);
    }
    const time = scannedTime(s);
    if (time < 0) return false;
    this.#parser.counted();
    const account = this.account;
    account.lines++;
    const device = s.victim ? s.dst : s.src;
    this.#devices.add(device);
    const key = securityKey(this.#key, device, null, s.seq, s.rule, null, time);
    if (!this.ledger.claimKey(key, this.owner)) {
      account.duplicates++;
      return true;
    }
    account.events++;
    const info = this.#info;
    info.line = batch.first + i;
    info.offset = batch.offsets[i]!;
    info.bytes = batch.bytes[i]!;
    info.time = time;
    info.envelope = scannedEnvelope(s);
    info.eventType = scannedType(s, this.rules);
    if (sink.scanned) sink.scanned(s, info);
    else {
      const line = text.slice(start, spans[2 * i + 1]!);
      const where = { source: account.path, line: info.line, offset: info.offset };
      const ev = scannedEvent(s, line, where, info.eventType) as StoredEvent;
      ev.bytes = info.bytes;
      sink.event(ev);
    }
    return true;
  }

  /**
   * Counts line `i` if it is a canonical WRS or TRS line (scan.ts): its event object is made
   * without the general path's regular expressions, then claimed like any other.
   */
  #fastReputation(
    batch: LineBatch,
    i: number,
    text: string,
    spans: Int32Array,
    sink: EventSink,
  ): boolean {
    const r = this.#scanRep;
    const start = spans[2 * i]!;
    const end = spans[2 * i + 1]!;
    if (!this.#parser.scanReputation(text, start, end, r)) return false;
    const where = { source: this.account.path, line: batch.first + i, offset: batch.offsets[i]! };
    const ev = scannedReputationEvent(r, text, start, where) as StoredEvent | null;
    if (ev === null) return false;
    this.#parser.counted();
    this.account.lines++;
    ev.bytes = batch.bytes[i]!;
    this.#devices.add(r.host);
    this.#claim(ev, sink);
    return true;
  }

  /** Settles the reputation events read so far; call at the end of each read. */
  flush(sink: EventSink): void {
    const only = this.#devices.only;
    if (only !== null) {
      resolveDevices(new Set([typeof only === 'number' ? formatV4(only) : only]), this.#reputation);
    }
    const waiting = this.#reputation;
    this.#reputation = [];
    for (const ev of waiting) this.#claim(ev, sink);
  }

  #claim(ev: StoredEvent, sink: EventSink): void {
    if (this.ledger.claim(ev, this.owner)) {
      this.account.events++;
      sink.event(ev);
    } else this.account.duplicates++;
  }
}

/** Whether a source names exactly one device, and which. */
class OnlyOne {
  #value: number | string | null = null;
  #more = false;

  add(device: number | string): void {
    if (this.#value === null) this.#value = device;
    else if (device !== this.#value) this.#more = true;
  }

  /** The one device, or null when there were none or several. */
  get only(): number | string | null {
    return this.#more ? null : this.#value;
  }
}

/** A device as the books keep it: the IPv4 value when it has one, else its text. */
function deviceKey(text: string): number | string {
  const v4 = canonicalV4(text);
  return v4 >= 0 ? v4 : text;
}

/** Reads a whole source once, feeding the sink, and returns its accounting. */
export async function ingestSource(
  src: TextSource,
  ledger: Ledger,
  rules: RuleBook,
  sink: EventSink,
  owner = 0,
): Promise<SourceAccount> {
  const books = new SourceBooks(src, ledger, rules, owner);
  try {
    for await (const batch of src.batches()) books.take(batch, sink);
  } catch (err) {
    books.account.error = err instanceof Error ? err.message : String(err);
  }
  books.flush(sink);
  return books.account;
}
