/** The flat columns of the CSV and SQLite exports: one per EventRow field, in reading order. */
import type { EventRow } from '../../../shared/api/types.js';

/** Looks up a rule's name for exports (the catalogue or an imported list); null when unknown. */
export type RuleNamer = (ruleId: string) => string | null;

/** One exported column: its name, SQLite type and how to read it from a row. */
export interface Column {
  name: string;
  type: 'INTEGER' | 'REAL' | 'TEXT';
  get: (row: EventRow, ruleName: RuleNamer | undefined) => string | number | null;
  /** The SQLite value when it differs from the CSV cell. */
  stored?: (row: EventRow) => string | number | null;
}

/** A column read straight from one field of the row. */
function field<K extends keyof EventRow>(
  name: string,
  key: K,
  type: Column['type'] = 'TEXT',
): Column {
  return { name, type, get: (row) => row[key] as string | number | null };
}

/** The exported columns. Problems are joined with "; " (CSV) and kept as JSON in SQLite. */
export const COLUMNS: Column[] = [
  field('id', 'id', 'INTEGER'),
  field('time', 'time'),
  field('event_type', 'eventType'),
  field('message_type', 'messageType'),
  field('rule_id', 'ruleId'),
  {
    name: 'rule_name',
    type: 'TEXT',
    get: (row, ruleName) => (row.ruleId && ruleName ? ruleName(row.ruleId) : null),
  },
  field('device', 'device'),
  field('device_port', 'devicePort', 'INTEGER'),
  field('peer', 'peer'),
  field('peer_port', 'peerPort', 'INTEGER'),
  field('attacker', 'attacker'),
  field('victim', 'victim'),
  field('role', 'role'),
  field('direction', 'direction'),
  field('src_ip', 'srcIp'),
  field('src_port', 'srcPort', 'INTEGER'),
  field('dst_ip', 'dstIp'),
  field('dst_port', 'dstPort', 'INTEGER'),
  field('originator', 'originator'),
  field('seq', 'seq', 'INTEGER'),
  field('rep_address', 'repAddress'),
  field('rep_score', 'repScore', 'INTEGER'),
  field('rep_band', 'repBand'),
  field('reporter', 'reporter'),
  field('envelope_time', 'envelopeTime'),
  field('source', 'source'),
  field('line', 'line', 'INTEGER'),
  {
    name: 'problems',
    type: 'TEXT',
    get: (row) => (row.problems.length > 0 ? row.problems.join('; ') : null),
    // A JSON array, as in the store, so json_each() can list them.
    stored: (row) => (row.problems.length > 0 ? JSON.stringify(row.problems) : null),
  },
];
