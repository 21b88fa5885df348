/**
 * Reads one source through its parser and keeps the books: every non-blank line ends as
 * exactly one of event, duplicate, malformed or other, and events already stored from
 * any source count as duplicates.
 */
import type { Encoding, MalformedLine, SecEvent, SourceKind } from '../../shared/model.js';
import type { RuleBook } from '../../shared/rules/index.js';
import { SourceParser } from './parse/source-parser.js';
import type { TextSource } from './read/types.js';

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

/** Where accepted events and malformed lines go (the summary, later the store). */
export interface EventSink {
  event(ev: SecEvent): void;
  malformed(line: MalformedLine): void;
}

/** The duplicate key of DESIGN.md's Counting section. */
export function duplicateKey(ev: SecEvent): string {
  if (ev.messageType === 'security_rule') {
    return `s\u0000${ev.device}\u0000${ev.seq ?? ''}\u0000${ev.ruleId}\u0000${ev.time}`;
  }
  return `r\u0000${ev.device ?? ''}\u0000${ev.messageType}\u0000${ev.time}\u0000${ev.repAddress}`;
}

/** Remembers which events were stored, across all sources. */
export class Ledger {
  #seen = new Set<string>();

  /** True the first time an event's key is offered; false for every later copy. */
  claim(ev: SecEvent): boolean {
    const key = duplicateKey(ev);
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    return true;
  }
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

/** Reads a whole source once, feeding the sink, and returns its accounting. */
export async function ingestSource(
  src: TextSource,
  ledger: Ledger,
  rules: RuleBook,
  sink: EventSink,
): Promise<SourceAccount> {
  const parser = new SourceParser(src.path, rules);
  const account: SourceAccount = {
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
  // Reputation events wait for the end of the source: their device may come from the
  // source's other events, and the device is part of their duplicate key.
  const reputation: SecEvent[] = [];
  const devices = new Set<string>();
  const claim = (ev: SecEvent) => {
    if (ledger.claim(ev)) {
      account.events++;
      sink.event(ev);
    } else account.duplicates++;
  };
  try {
    for await (const batch of src.batches()) {
      for (const line of batch) {
        const v = parser.parse(line);
        if (v.type === 'blank' || v.type === 'header') continue;
        account.lines++;
        if (v.type === 'other') account.other++;
        else if (v.type === 'malformed') {
          account.malformed++;
          const text = line.text;
          sink.malformed({
            source: src.path,
            line: line.no,
            offset: line.offset,
            text,
            reason: v.reason,
          });
        } else if (v.event.messageType === 'security_rule') {
          if (v.event.device) devices.add(v.event.device);
          claim(v.event);
        } else reputation.push(v.event);
      }
    }
  } catch (err) {
    account.error = err instanceof Error ? err.message : String(err);
  }
  for (const ev of reputation) if (ev.device) devices.add(ev.device);
  resolveDevices(devices, reputation);
  reputation.sort((a, b) => a.line - b.line).forEach(claim);
  account.kind = parser.kind;
  return account;
}
