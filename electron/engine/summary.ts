/**
 * The summary of DESIGN.md's command-line contract: totals, counts by message and event
 * type, top attackers and victims, and one entry per source read or skipped.
 */
import {
  EVENT_TYPES,
  MESSAGE_TYPES,
  type EventType,
  type MalformedLine,
  type MessageType,
  type SecEvent,
} from '../../shared/model.js';
import { compareAddresses } from '../../shared/address.js';
import { RuleBook } from '../../shared/rules/index.js';
import { findSources } from './read/index.js';
import type { ReadOptions } from './read/types.js';
import { ingestSource, Ledger, type EventSink, type SourceAccount } from './ingest.js';

/** One address and how many events name it. */
export interface Ranked {
  ip: string;
  events: number;
}

/** Per-device counts, in the spirit of the camera's Attack Block Summary. */
export interface DeviceSummary {
  device: string;
  events: number;
  byEventType: Record<EventType, number>;
  first: string;
  last: string;
}

/** A rule ID the catalogue does not know, with what a support request needs. */
export interface UnknownRule {
  ruleId: string;
  events: number;
  devices: string[];
  first: string;
  last: string;
}

/** A source entry: its accounting, or why it was skipped. */
export type SourceEntry = Omit<SourceAccount, 'container'> | { path: string; skipped: string };

/** The object `seclog summary --json` prints. */
export interface Summary {
  events: number;
  duplicates: number;
  malformed: number;
  other: number;
  lines: number;
  byMessageType: Record<MessageType, number>;
  byEventType: Record<EventType, number>;
  attackers: Ranked[];
  victims: Ranked[];
  devices: DeviceSummary[];
  unknownRules: UnknownRule[];
  sources: SourceEntry[];
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Top n of a count map by events, then by address. */
export function rank(counts: Map<string, number>, n: number): Ranked[] {
  return [...counts]
    .map(([ip, events]) => ({ ip, events }))
    .sort((a, b) => b.events - a.events || compareAddresses(a.ip, b.ip))
    .slice(0, n);
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
