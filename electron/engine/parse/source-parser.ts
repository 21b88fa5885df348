/**
 * Classifies every line of one source as header, blank, event, malformed or other.
 * Holds the per-source state: whether a table header was seen (and its columns) and
 * which formats matched, to name the source's kind.
 */
import type { SecEvent, SourceKind } from '../../../shared/model.js';
import type { RuleBook } from '../../../shared/rules/index.js';
import { LINE_FORMATS } from '../../../shared/formats/lines.js';
import { MARKER_RE } from '../../../shared/formats/markers.js';
import { TABLE_FORMATS, headerKey } from '../../../shared/formats/tables.js';
import type { TableFormat } from '../../../shared/formats/types.js';
import { guessSeparator, splitRow } from '../../../shared/csv.js';
import type { RawLine } from '../read/types.js';
import { parsePayload } from './payload.js';
import {
  scanCameraRule,
  scanReputation,
  type ScannedReputation,
  type ScannedRule,
} from './scan.js';
import { reputationEvent, securityEvent, type Built, type LineContext } from './event.js';

/** What one line turned out to be. */
export type Verdict =
  | { type: 'blank' }
  | { type: 'header' }
  | { type: 'other' }
  | { type: 'malformed'; reason: string }
  | { type: 'event'; event: SecEvent };

interface Table {
  format: TableFormat;
  sep: string;
  /** Column index of each field the header names. */
  index: Map<string, number>;
  width: number;
}

const HEADER_HINT = /message|mensaje|seqnum|event\s*type|tipo\s+de/i;
const SECURITY_TYPE = /^(security\s*rule|regla\s+de\s+seguridad)$/i;
const VAST2 = TABLE_FORMATS.find((t) => t.id === 'vast2_event_list')!;

/** Finds which table format a header row names, with its column positions. */
export function readHeader(text: string): Table | null {
  if (!HEADER_HINT.test(text)) return null;
  const sep = guessSeparator(text);
  const keys = splitRow(text, sep).map(headerKey);
  for (const format of TABLE_FORMATS) {
    const index = new Map<string, number>();
    for (const col of format.columns) {
      const names = col.names.map(headerKey);
      const at = keys.findIndex((k) => names.includes(k));
      if (at >= 0) index.set(col.field, at);
    }
    if (format.required.every((f) => index.has(f))) {
      return { format, sep, index, width: keys.length };
    }
  }
  return null;
}

function defaultTable(format: TableFormat, sep: string): Table {
  const index = new Map(format.columns.map((c, i) => [c.field, i]));
  return { format, sep, index, width: format.columns.length };
}

/** Parses the lines of one source, in order. Create one per source. */
export class SourceParser {
  #table: Table | null = null;
  #votes = new Map<SourceKind, number>();
  #quietVotes = new Map<SourceKind, number>();
  /** Lines read by `scan` and not yet added to the camera log's votes. */
  #scanned = 0;

  /** `fast: false` turns the fast path (`scan`) off; tests use it to compare both paths. */
  constructor(
    readonly source: string,
    readonly rules: RuleBook,
    private readonly options: { fast?: boolean } = {},
  ) {}

  /** The source's kind as far as its lines have shown it. */
  get kind(): SourceKind {
    if (this.#table) return this.#table.format.kind;
    if (this.#scanned > 0) {
      this.#votes.set('camera_log', (this.#votes.get('camera_log') ?? 0) + this.#scanned);
      this.#scanned = 0;
    }
    return top(this.#votes) ?? top(this.#quietVotes) ?? 'text';
  }

  /** Classifies one line. */
  parse(line: RawLine): Verdict {
    const text = line.text;
    if (line.tooLong) {
      if (!MARKER_RE.test(text)) return { type: 'other' };
      return { type: 'malformed', reason: 'the line is too long to be a Trend Micro event' };
    }
    if (text.trim() === '') return { type: 'blank' };
    const hasMarker = MARKER_RE.test(text);
    if (!hasMarker) {
      const header = readHeader(text);
      if (header) {
        this.#table = header;
        return { type: 'header' };
      }
    }
    if (this.#table) {
      const verdict = this.#row(this.#table, text, line);
      if (verdict) return verdict;
    }
    return this.#line(text, line, hasMarker);
  }

  /**
   * Reads `text.slice(start, end)` with the fast path (scan.ts) when this source may have
   * one: not inside a table, whose rows are read by their columns. The caller counts the
   * line (`counted`) once it accepts what was read.
   */
  scan(text: string, start: number, end: number, out: ScannedRule): boolean {
    if (this.#table || this.options.fast === false) return false;
    return scanCameraRule(text, start, end, out);
  }

  /** `scan` for a WRS or TRS line (scan.ts scanReputation). */
  scanReputation(text: string, start: number, end: number, out: ScannedReputation): boolean {
    if (this.#table || this.options.fast === false) return false;
    return scanReputation(text, start, end, out);
  }

  /** Counts a line the caller read with `scan` towards the source's kind (a camera log). */
  counted(): void {
    this.#scanned++;
  }

  #line(text: string, line: RawLine, hasMarker: boolean): Verdict {
    for (const f of LINE_FORMATS) {
      if (f.trendMicro && !hasMarker) continue;
      const m = f.pattern.exec(text);
      if (!m) continue;
      const votes = f.trendMicro ? this.#votes : this.#quietVotes;
      votes.set(f.kind, (votes.get(f.kind) ?? 0) + 1);
      if (!f.trendMicro) return { type: 'other' };
      const g = m.groups ?? {};
      const ctx: LineContext = {
        source: this.source,
        line: line.no,
        offset: line.offset,
        envelopeTime: g.time && g.time !== '-' ? g.time : null,
        envelopeTimeKind: g.time ? (f.fields.time ?? null) : null,
        host: g.host ?? null,
      };
      return verdictOf(parsePayload(g.payload ?? '', ctx, this.rules));
    }
    // A VAST2 row pasted without its header still names its message type in column 4.
    const sep = guessSeparator(text);
    const cells = splitRow(text, sep);
    if (cells.length >= 10 && /^(security\s*rule|wrs|trs)$/i.test(cells[3] ?? '')) {
      const verdict = this.#row(defaultTable(VAST2, sep), text, line);
      if (verdict) {
        this.#quietVotes.set(
          'vast2_event_list',
          (this.#quietVotes.get('vast2_event_list') ?? 0) + 1,
        );
        return verdict;
      }
    }
    return { type: 'other' };
  }

  /** A row of a table; null when the line is no row of it (then line formats try). */
  #row(table: Table, text: string, line: RawLine): Verdict | null {
    const cells = splitRow(text, table.sep).map((c) => (c === '-' ? '' : c));
    if (cells.length < 2) return null;
    const cell = (field: string) => {
      const i = table.index.get(field);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const ctx: LineContext = {
      source: this.source,
      line: line.no,
      offset: line.offset,
      envelopeTime: null,
      envelopeTimeKind: null,
      host: null,
    };
    if (table.format.id === 'nvr_event_table') {
      const at = table.index.get('message')!;
      // An unquoted message keeps its commas: the cells past the header's width belong to it.
      const message =
        at === table.width - 1 && cells.length > table.width
          ? splitRow(text, table.sep)
              .slice(at)
              .join(table.sep === ',' ? ', ' : table.sep)
          : cell('message');
      ctx.envelopeTime = cell('time') || null;
      ctx.envelopeTimeKind = 'table_time';
      const m = MARKER_RE.exec(message);
      if (m) return verdictOf(parsePayload(message.slice(m.index + m[0].length), ctx, this.rules));
      if (SECURITY_TYPE.test(cell('mtype'))) {
        return { type: 'malformed', reason: 'a security rule row without a Trend Micro message' };
      }
      return { type: 'other' };
    }
    return this.#vast2Row(table, cells, cell, ctx);
  }

  #vast2Row(table: Table, cells: string[], cell: (f: string) => string, ctx: LineContext) {
    const mtype = cell('mtype').toLowerCase().replace(/\s+/g, ' ');
    const kind = SECURITY_TYPE.test(mtype)
      ? 'security_rule'
      : mtype === 'wrs' || mtype === 'trs'
        ? mtype
        : null;
    if (!kind) return { type: 'other' } as const;
    if (cells.length < table.width) {
      return {
        type: 'malformed',
        reason: `the row has ${cells.length} columns where the header has ${table.width}`,
      } as const;
    }
    ctx.eventTypeText = cell('eventType');
    if (kind === 'security_rule') {
      return verdictOf(
        securityEvent(
          {
            seq: cell('seq'),
            rule: cell('rule'),
            time: cell('time'),
            role: cell('role'),
            originator: cell('orig'),
            device: cell('device'),
            peer: cell('peer'),
            direction: cell('direction'),
          },
          ctx,
          this.rules,
        ),
      );
    }
    const address =
      kind === 'wrs' ? cell('domain') || cell('server') : cell('server') || cell('domain');
    return verdictOf(
      reputationEvent(
        {
          messageType: kind,
          scores: null,
          time: cell('time'),
          address,
          rest: '',
          device: cell('device'),
        },
        ctx,
        this.rules,
      ),
    );
  }
}

function verdictOf(built: Built): Verdict {
  return built.ok
    ? { type: 'event', event: built.event }
    : { type: 'malformed', reason: built.reason };
}

function top(votes: Map<SourceKind, number>): SourceKind | null {
  let best: SourceKind | null = null;
  let most = 0;
  for (const [kind, n] of votes) if (n > most) [best, most] = [kind, n];
  return best;
}
