/**
 * A second, in-memory way to the summary of DESIGN.md's command-line contract, kept as a
 * test oracle: the product computes the summary from the store (electron/engine/store/
 * summary.ts), and tests check both agree on the fixture stick.
 */
import {
  EVENT_TYPES,
  MESSAGE_TYPES,
  type MalformedLine,
  type SecEvent,
} from '../../shared/model.js';
import { compareAddresses } from '../../shared/address.js';
import { RuleBook } from '../../shared/rules/index.js';
import { findSources } from '../../electron/engine/read/index.js';
import type { ReadOptions } from '../../electron/engine/read/types.js';
import {
  ingestSource,
  Ledger,
  type EventSink,
  type SourceAccount,
} from '../../electron/engine/ingest.js';
import type {
  DeviceSummary,
  Ranked,
  SourceEntry,
  Summary,
  UnknownRule,
} from '../../shared/summary-types.js';

export type { Summary } from '../../shared/summary-types.js';

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Top n of a count map by events, then by address; one pass, no full sort. */
export function rank(counts: Map<string, number>, n: number): Ranked[] {
  const top: Ranked[] = [];
  for (const [ip, events] of counts) {
    const last = top[top.length - 1];
    if (
      top.length === n &&
      last &&
      (events < last.events || (events === last.events && compareAddresses(ip, last.ip) > 0))
    )
      continue;
    let i = top.length;
    while (i > 0) {
      const prev = top[i - 1]!;
      if (prev.events > events || (prev.events === events && compareAddresses(prev.ip, ip) < 0))
        break;
      i--;
    }
    top.splice(i, 0, { ip, events });
    if (top.length > n) top.pop();
  }
  return top;
}

/** Collects events into the figures of a Summary; keeps malformed lines for display. */
export class SummaryBuilder implements EventSink {
  readonly malformedLines: MalformedLine[] = [];
  #byMessageType = zeros(MESSAGE_TYPES);
  #byEventType = zeros(EVENT_TYPES);
  #attackers = new Map<string, number>();
  #victims = new Map<string, number>();
  #devices = new Map<string, DeviceSummary>();
  #unknown = new Map<string, UnknownRule>();
  #sources: SourceEntry[] = [];

  constructor(private readonly rules: RuleBook) {}

  event(ev: SecEvent): void {
    this.#byMessageType[ev.messageType]++;
    this.#byEventType[ev.eventType]++;
    if (ev.attacker) this.#attackers.set(ev.attacker, (this.#attackers.get(ev.attacker) ?? 0) + 1);
    if (ev.victim) this.#victims.set(ev.victim, (this.#victims.get(ev.victim) ?? 0) + 1);
    if (ev.device) {
      let d = this.#devices.get(ev.device);
      if (!d) {
        d = {
          device: ev.device,
          events: 0,
          byEventType: zeros(EVENT_TYPES),
          first: ev.time,
          last: ev.time,
        };
        this.#devices.set(ev.device, d);
      }
      d.events++;
      d.byEventType[ev.eventType]++;
      if (ev.time < d.first) d.first = ev.time;
      if (ev.time > d.last) d.last = ev.time;
    }
    if (ev.ruleId && !this.rules.lookup(ev.ruleId)) {
      let u = this.#unknown.get(ev.ruleId);
      if (!u) {
        u = { ruleId: ev.ruleId, events: 0, devices: [], first: ev.time, last: ev.time };
        this.#unknown.set(ev.ruleId, u);
      }
      u.events++;
      if (ev.device && !u.devices.includes(ev.device)) u.devices.push(ev.device);
      if (ev.time < u.first) u.first = ev.time;
      if (ev.time > u.last) u.last = ev.time;
    }
  }

  malformed(line: MalformedLine): void {
    this.malformedLines.push(line);
  }

  /** Records a source's accounting or the reason it was skipped, in reading order. */
  source(entry: SourceEntry): void {
    this.#sources.push(entry);
  }

  /** The summary of everything recorded so far. */
  build(): Summary {
    const read = this.#sources.filter((s): s is SourceAccount => !('skipped' in s));
    const sum = (k: 'events' | 'duplicates' | 'malformed' | 'other' | 'lines') =>
      read.reduce((n, s) => n + s[k], 0);
    return {
      events: sum('events'),
      duplicates: sum('duplicates'),
      malformed: sum('malformed'),
      other: sum('other'),
      lines: sum('lines'),
      byMessageType: { ...this.#byMessageType },
      byEventType: { ...this.#byEventType },
      attackers: rank(this.#attackers, 10),
      victims: rank(this.#victims, 10),
      devices: [...this.#devices.values()].sort((a, b) => compareAddresses(a.device, b.device)),
      unknownRules: [...this.#unknown.values()].sort((a, b) => b.events - a.events),
      sources: this.#sources,
    };
  }
}

/** Options of a one-shot summary. */
export interface SummaryOptions {
  rules?: RuleBook;
  read?: ReadOptions;
}

/** Reads every path once (folders recursively) and summarises what it held. */
export async function summarize(paths: string[], options: SummaryOptions = {}) {
  const rules = options.rules ?? new RuleBook();
  const builder = new SummaryBuilder(rules);
  const ledger = new Ledger();
  for await (const found of findSources(paths, options.read)) {
    if (found.type !== 'text') {
      builder.source({ path: found.path, skipped: found.reason });
      continue;
    }
    const { container, ...account } = await ingestSource(found.source, ledger, rules, builder);
    builder.source(account);
  }
  return { summary: builder.build(), malformed: builder.malformedLines };
}
