/**
 * The normalised Trend Micro event and the words used for its fields.
 * Every reader, parser, the store and the views speak these types.
 */

/** What kind of export a source is, decided from its content. */
export const SOURCE_KINDS = [
  'camera_log',
  'nvr_event_table',
  'nvr_syslog',
  'vast2_event_list',
  'syslog',
  'text',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The three message types Trend Micro IoT Security writes. */
export const MESSAGE_TYPES = ['security_rule', 'wrs', 'trs'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The camera's Attack Block Summary categories, plus `unknown`. */
export const EVENT_TYPES = ['brute_force', 'cyber_attack', 'quarantine', 'unknown'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The device's part in a security-rule event. */
export const ROLES = ['victim', 'attacker', 'ip_block', 'other'] as const;
export type Role = (typeof ROLES)[number];

/** Which way the blocked traffic went, seen from the device. */
export const DIRECTIONS = ['outside_in', 'inside_out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Trend Micro's web reputation bands for the first score. */
export const REPUTATION_BANDS = [
  'safe',
  'unrated',
  'suspicious',
  'highly_suspicious',
  'dangerous',
  'no_value',
] as const;
export type ReputationBand = (typeof REPUTATION_BANDS)[number];

/** How a text file was decoded. */
export const ENCODINGS = [
  'utf-8',
  'utf-8-bom',
  'utf-16le',
  'utf-16le-bom',
  'utf-16be',
  'utf-16be-bom',
  'windows-1252',
] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** A local date and time without zone, as `YYYY-MM-DD HH:MM:SS`. */
export type LocalTime = string;

/** One Trend Micro event after parsing and normalising. */
export interface SecEvent {
  /** Display path of the source (a zip entry is `archive.zip!/path/in/zip`). */
  source: string;
  /** 1-based physical line number in the decoded source. */
  line: number;
  /** Byte offset of the line in the (decompressed) source. */
  offset: number;
  /** Time written by the envelope (syslog header, table column), as written there. */
  envelopeTime: string | null;
  /** The envelope time read as a local time, when it could be read. */
  envelopeLocal: LocalTime | null;
  /** The payload's event time, device-local. */
  time: LocalTime;
  /** The protected device (camera, NVR): an IPv4 address, a host name, or null if unknown. */
  device: string | null;
  /** The device's port, where the format names it. */
  devicePort: number | null;
  /** The host field of the envelope (the device that reported), when present. */
  reporter: string | null;
  /** Trend Micro's sequence number of the event, when present. */
  seq: number | null;
  messageType: MessageType;
  eventType: EventType;
  /** Rule ID as written (digits), for security rules. */
  ruleId: string | null;
  /** The other side: the remote address of a security rule, the server of a reputation event. */
  peer: string | null;
  peerPort: number | null;
  /** The connection's source and destination as written by a security rule. */
  srcIp: string | null;
  srcPort: number | null;
  dstIp: string | null;
  dstPort: number | null;
  /** Address that started the connection. */
  originator: string | null;
  direction: Direction | null;
  role: Role | null;
  /** The role as written, when it was not one of the known words. */
  roleText: string | null;
  /** Who attacked and who was attacked, per DESIGN.md's Meanings. */
  attacker: string | null;
  victim: string | null;
  /** Reputation events: the address as written, e.g. `206.130.113.68:80/eicar.com`. */
  repAddress: string | null;
  /** Path part of the reputation address. */
  repPath: string | null;
  /** First reputation score; null when -1 or missing. */
  repScore: number | null;
  repBand: ReputationBand | null;
  /** All four reputation scores as written (-1 kept). */
  repScores: number[] | null;
  /** Doubtful values the event was kept with, as short sentences. */
  problems: string[];
}

/** A line that carries the Trend Micro marker or is a security-type row but cannot be read. */
export interface MalformedLine {
  source: string;
  line: number;
  offset: number;
  text: string;
  reason: string;
}
