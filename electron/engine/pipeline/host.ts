/**
 * The parsing side of the pipeline: the books of every source being read (electron/engine/
 * ingest.ts), the duplicate ledger across all of them and the rule catalogue. It answers
 * one request at a time, in order, and hands back what the store must write. It runs in the
 * parse thread (parse-worker.ts), or in the engine's own thread when there is none.
 */
import type { MalformedLine } from '../../../shared/model.js';
import { RuleBook, type Rule } from '../../../shared/rules/index.js';
import {
  Ledger,
  SourceBooks,
  type EventSink,
  type SourceAccount,
  type StoredEvent,
} from '../ingest.js';
import type { ScannedRule } from '../parse/scan.js';
import type { LineBatch, TextSource } from '../read/types.js';
import { AddressDictionary } from './dictionary.js';
import { RowBuilder, type PackedRows, type QuarantineNote, type ScanInfo } from './rows.js';

/** A source as the parse side needs to know it. */
export type SourceInfo = Pick<TextSource, 'path' | 'encoding' | 'container' | 'expectedBytes'>;

/** One request to the parse side. */
export type ParseRequest =
  | { op: 'open'; id: number; source: SourceInfo }
  | { op: 'take'; id: number; batch: LineBatch }
  | { op: 'flush'; id: number }
  | { op: 'forget'; id: number }
  | { op: 'rules'; rules: Rule[] };

/** What one take or flush gave: the source's counts so far and what to store. */
export interface Parsed {
  account: SourceAccount;
  rows: PackedRows;
  bad: MalformedLine[];
  /** The first quarantine events among `rows`, for the notification. */
  quarantine: QuarantineNote[];
}

/** Collects what one request accepted: rows for the store, malformed lines as they are. */
class Collect implements EventSink {
  bad: MalformedLine[] = [];
  constructor(readonly rows: RowBuilder) {}
  event(ev: StoredEvent): void {
    this.rows.event(ev);
  }
  scanned(s: ScannedRule, info: ScanInfo): void {
    this.rows.scanned(s, info);
  }
  malformed(line: MalformedLine): void {
    this.bad.push(line);
  }
}

/** Lines of a source counted before its rate of events is trusted to size the ledger. */
const MEASURED_LINES = 256;
/** Events the ledger makes room for at once at most (some 200 MiB for the table). */
const MAX_RESERVED = 8_000_000;

/** The parse side's state; `handle` answers one request. */
export class ParseHost {
  readonly #ledger = new Ledger();
  readonly #rules = new RuleBook();
  readonly #books = new Map<number, SourceBooks>();
  readonly #rows = new RowBuilder(new AddressDictionary());
  /** Sources whose expected size is known and whose events the ledger has no room for yet. */
  readonly #expected = new Map<number, number>();

  /** Answers a request: Parsed for take and flush, null for the others. */
  handle(req: ParseRequest): Parsed | null {
    switch (req.op) {
      case 'open':
        // A source read again starts new books; the ledger was told to forget it first.
        this.#books.set(req.id, new SourceBooks(req.source, this.#ledger, this.#rules, req.id));
        if (req.source.expectedBytes) this.#expected.set(req.id, req.source.expectedBytes);
        else this.#expected.delete(req.id);
        return null;
      case 'take':
      case 'flush': {
        const books = this.#books.get(req.id);
        if (!books) throw new Error(`parse: source ${req.id} was not opened`);
        const sink = new Collect(this.#rows);
        try {
          if (req.op === 'take') {
            books.take(req.batch, sink);
            this.#makeRoom(req.id, books, req.batch);
          } else books.flush(sink);
        } catch (err) {
          // The request fails as a whole: its rows are dropped (their addresses stay named).
          this.#rows.discard();
          throw err;
        }
        const quarantine = this.#rows.quarantine;
        return {
          account: { ...books.account },
          rows: this.#rows.take(),
          bad: sink.bad,
          quarantine,
        };
      }
      case 'forget':
        this.#expected.delete(req.id);
        this.#ledger.forget(req.id);
        this.#books.delete(req.id);
        return null;
      case 'rules':
        // The catalogue never loses entries: imports add or replace them.
        for (const rule of req.rules) this.#rules.add(rule);
        return null;
    }
  }

  /**
   * Once the first lines of a source of known size are counted, gives the ledger room for
   * as many events as the rest of it holds at that rate (a file of other lines reserves
   * nothing), so it does not grow step by step while a large file is read.
   */
  #makeRoom(id: number, books: SourceBooks, batch: LineBatch): void {
    const expected = this.#expected.get(id);
    const n = batch.count;
    if (expected === undefined || n === 0 || books.account.lines < MEASURED_LINES) return;
    this.#expected.delete(id);
    const read = batch.offsets[n - 1]! + batch.bytes[n - 1]!;
    if (read <= 0 || read >= expected) return;
    const events = Math.ceil((books.account.events / read) * (expected - read) * 1.05);
    this.#ledger.reserve(Math.min(events, MAX_RESERVED));
  }
}
