/** The summary of DESIGN.md's command-line contract, as `seclog summary --json` prints it. */
import type { EventType, MessageType, SourceKind, Encoding } from './model.js';

/** Accounting of one source read. */
export interface SourceCounts {
  path: string;
  kind: SourceKind;
  encoding: Encoding;
  lines: number;
  events: number;
  duplicates: number;
  malformed: number;
  other: number;
  /** Why reading stopped early, when it did; the counts cover what was read. */
  error?: string;
}

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
export type SourceEntry = SourceCounts | { path: string; skipped: string };

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
