/**
 * The invariants every input must keep: per-source accounting, malformed lines kept with
 * their text and a reason, events that name their own source and line, sane line numbers.
 */
import type { MalformedLine } from '../../shared/model.js';
import { ENCODINGS, EVENT_TYPES, MESSAGE_TYPES, SOURCE_KINDS } from '../../shared/model.js';
import { MARKER_RE } from '../../shared/formats/markers.js';
import { readHeader } from '../../electron/engine/parse/source-parser.js';
import type { EventSink, SourceAccount, StoredEvent } from '../../electron/engine/ingest.js';
import type { RawLine } from '../../electron/engine/read/types.js';

/** Collects what one source hands to the sink, checking each item as it arrives. */
export class CheckingSink implements EventSink {
  events = 0;
  malformedLines: MalformedLine[] = [];
  readonly problems: string[] = [];

  constructor(private readonly path: string) {}

  /** Checks an accepted event; keeps only a count (events can be many). */
  event(ev: StoredEvent): void {
    this.events++;
    if (ev.source !== this.path) this.problems.push(`event names source '${ev.source}'`);
    if (!MESSAGE_TYPES.includes(ev.messageType)) {
      this.problems.push(`event has message type '${String(ev.messageType)}'`);
    }
    if (!EVENT_TYPES.includes(ev.eventType)) {
      this.problems.push(`event has event type '${String(ev.eventType)}'`);
    }
    if (!isLocalTime(ev.time)) this.problems.push(`event line ${ev.line} has time '${ev.time}'`);
  }

  /** Keeps a malformed line; it is checked against the line it came from later. */
  malformed(line: MalformedLine): void {
    this.malformedLines.push(line);
  }
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A real calendar time as `YYYY-MM-DD HH:MM:SS` (a leap second, :60, as shared/time.ts allows). */
function isLocalTime(t: unknown): boolean {
  const m = typeof t === 'string' ? LOCAL_TIME.exec(t) : null;
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s <= 60;
}

const isCount = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;

/**
 * Checks one source's books against the lines it was fed and what reached the sink.
 * Returns the broken invariants as sentences; empty when all hold.
 */
export function checkAccount(
  account: SourceAccount,
  fed: readonly RawLine[],
  sink: CheckingSink,
): string[] {
  const problems = [...sink.problems];
  const { lines, events, duplicates, malformed, other } = account;
  for (const [name, n] of Object.entries({ lines, events, duplicates, malformed, other })) {
    if (!isCount(n)) problems.push(`${name} is ${String(n)}, not a count`);
  }
  if (lines !== events + duplicates + malformed + other) {
    problems.push(
      `lines ${lines} != events ${events} + duplicates ${duplicates} + ` +
        `malformed ${malformed} + other ${other}`,
    );
  }
  if (events !== sink.events) problems.push(`${events} events counted, ${sink.events} stored`);
  if (malformed !== sink.malformedLines.length) {
    problems.push(`${malformed} malformed counted, ${sink.malformedLines.length} kept`);
  }
  if (!SOURCE_KINDS.includes(account.kind)) problems.push(`kind '${account.kind}'`);
  if (!ENCODINGS.includes(account.encoding)) problems.push(`encoding '${account.encoding}'`);
  // Only blank lines and header rows may go uncounted.
  let nonBlank = 0;
  let headerLike = 0;
  for (const l of fed) {
    if (!l.tooLong && l.text.trim() === '') continue;
    nonBlank++;
    if (!l.tooLong && !MARKER_RE.test(l.text) && readHeader(l.text) !== null) headerLike++;
  }
  if (lines > nonBlank || lines < nonBlank - headerLike) {
    problems.push(`${lines} lines counted of ${nonBlank} non-blank (${headerLike} header-like)`);
  }
  const byNo = new Map(fed.map((l) => [l.no, l]));
  for (const bad of sink.malformedLines) {
    const raw = byNo.get(bad.line);
    if (bad.source !== account.path) problems.push(`malformed line names '${bad.source}'`);
    if (raw === undefined) problems.push(`malformed line ${bad.line} was never fed`);
    else if (bad.text !== raw.text) problems.push(`malformed line ${bad.line} lost its text`);
    if (typeof bad.text !== 'string' || bad.text.trim() === '') {
      problems.push(`malformed line ${bad.line} has empty text`);
    }
    if (typeof bad.reason !== 'string' || bad.reason.trim() === '') {
      problems.push(`malformed line ${bad.line} has no reason`);
    }
  }
  return problems;
}

/**
 * What the readers promise about the lines of one source: numbered from 1 without gaps,
 * offsets moving forward, a line cut exactly when it is over the limit, archive bytes
 * within the cap.
 */
export function checkReadLines(
  lines: readonly RawLine[],
  opts: { maxLineBytes: number; cap: number; container: string },
): string[] {
  const problems: string[] = [];
  let end = 0;
  lines.forEach((l, i) => {
    if (l.no !== i + 1) problems.push(`line ${i + 1} is numbered ${l.no}`);
    if (!isCount(l.offset) || !isCount(l.bytes) || l.offset < end) {
      problems.push(`line ${l.no} at offset ${l.offset} (${l.bytes} bytes) overlaps ${end}`);
    }
    end = l.offset + l.bytes;
    if ((l.tooLong === true) !== l.bytes > opts.maxLineBytes) {
      problems.push(`line ${l.no} of ${l.bytes} bytes has tooLong=${String(l.tooLong)}`);
    }
    if (l.tooLong && l.text.length > 8192) problems.push(`cut line ${l.no} kept ${l.text.length}`);
    if (opts.container !== 'plain' && end > opts.cap) {
      problems.push(`line ${l.no} ends at ${end}, past the ${opts.cap}-byte cap`);
    }
  });
  return problems.slice(0, 5);
}

/** JavaScript engine errors that a reader must never wrap into a ReadError. */
const ENGINE_ERROR = new RegExp(
  [
    'is not a function',
    'Cannot read propert',
    'is not defined',
    'is not iterable',
    'Invalid (array|string) length',
    'Maximum call stack',
    'out of memory',
    'undefined',
  ].join('|'),
);

/** A ReadError message that hides a programming error rather than a read that failed. */
export function disguisedCrash(message: string): boolean {
  return ENGINE_ERROR.test(message);
}
