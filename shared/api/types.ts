/** What the engine answers: rows, aggregates and notifications, shared by IPC and HTTP. */
import type {
  Direction,
  Encoding,
  EventType,
  MessageType,
  ReputationBand,
  Role,
  SourceKind,
} from '../model.js';

/** A source's life: being read, read and watched, gone from disk, or not a log. */
export type SourceStatus = 'reading' | 'live' | 'gone' | 'skipped' | 'failed';

/** One file or archive entry the engine knows. */
export interface SourceInfo {
  id: number;
  path: string;
  /** The watched root this source was found under. */
  rootId: number;
  kind: SourceKind | null;
  encoding: Encoding | null;
  container: 'plain' | 'gzip' | 'zip' | null;
  status: SourceStatus;
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  events: number;
  duplicates: number;
  malformed: number;
  other: number;
  /** Why it was skipped, or what went wrong reading it. */
  error: string | null;
}

/** A watched folder or file. */
export interface RootInfo {
  id: number;
  path: string;
  poll: boolean;
  status: 'scanning' | 'live' | 'gone';
}

/** One event as the views show it. */
export interface EventRow {
  id: number;
  sourceId: number;
  source: string;
  line: number;
  time: string;
  envelopeTime: string | null;
  device: string | null;
  devicePort: number | null;
  reporter: string | null;
  seq: number | null;
  messageType: MessageType;
  eventType: EventType;
  ruleId: string | null;
  peer: string | null;
  peerPort: number | null;
  srcIp: string | null;
  srcPort: number | null;
  dstIp: string | null;
  dstPort: number | null;
  originator: string | null;
  direction: Direction | null;
  role: Role | null;
  attacker: string | null;
  victim: string | null;
  repAddress: string | null;
  repScore: number | null;
  repBand: ReputationBand | null;
  problems: string[];
}

/** A page of events and the cursor for the next one (null at the end). */
export interface EventPage {
  rows: EventRow[];
  next: string | null;
}

/** Counts per event type. */
export type TypeCounts = Record<EventType, number>;

/** One attacker or victim address with its figures. */
export interface IpRow {
  ip: string;
  events: number;
  /** Victims: distinct attackers seen; attackers: distinct devices hit. */
  counterparts: number;
  rules: number;
  byEventType: TypeCounts;
  first: string;
  last: string;
  private: boolean;
  /** ISO 3166-1 two-letter code of a public IPv4 address; null when private or unknown. */
  country?: string | null;
}

/** One device, as the camera's Attack Block Summary shows it. */
export interface DeviceRow {
  device: string;
  events: number;
  byEventType: TypeCounts;
  attackers: number;
  first: string;
  last: string;
}

/** One rule ID with its count and what the catalogue says. */
export interface RuleRow {
  ruleId: string;
  events: number;
  devices: number;
  first: string;
  last: string;
  known: boolean;
  eventType: EventType;
  name: { en: string; es: string } | null;
}

/** Events per bucket of time, per type. */
export interface TimelineBucket {
  /** Start of the bucket, local time. */
  start: string;
  byEventType: TypeCounts;
}

/** Everything the views show about one address. */
export interface IpDetail {
  ip: string;
  asAttacker: number;
  asVictim: number;
  first: string | null;
  last: string | null;
  counterparts: { ip: string; events: number; role: 'attacker' | 'victim' }[];
  ports: { port: number; events: number }[];
  rules: { ruleId: string; events: number }[];
  timeline: TimelineBucket[];
  /** ISO 3166-1 two-letter code of a public IPv4 address; null when private or unknown. */
  country?: string | null;
  /** A private, loopback or link-local IPv4 address (RFC 1918, 127/8, 169.254/16). */
  private?: boolean;
}

/** A malformed line with where it is and why. */
export interface MalformedRow {
  id: number;
  sourceId: number;
  source: string;
  line: number;
  text: string;
  reason: string;
}

/** The result of a read-only SQL query. */
export interface SqlResult {
  columns: string[];
  rows: unknown[][];
  /** True when the row cap cut the result. */
  truncated: boolean;
  ms: number;
}

/** Notifications the engine pushes, coalesced to a few a second. */
export type Notification =
  | { type: 'sources-changed' }
  | { type: 'counts-changed'; events: number; duplicates: number; malformed: number }
  | {
      type: 'quarantine';
      events: { device: string; peer: string | null; time: string; ruleId: string | null }[];
    };
