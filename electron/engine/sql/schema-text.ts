/** The store's tables described for the console's users, built from the schema itself. */
import {
  DIRECTIONS,
  ENCODINGS,
  EVENT_TYPES,
  MESSAGE_TYPES,
  REPUTATION_BANDS,
  ROLES,
  SOURCE_KINDS,
} from '../../../shared/model.js';
import { SCHEMA } from '../store/schema.js';
import { READ_ONLY_PRAGMAS } from './guard.js';

/** `0 = a, 1 = b, ...` for an enumeration stored as its index. */
function legend(column: string, values: readonly string[]): string {
  return `--   ${column}: ${values.map((v, i) => `${i} = ${v}`).join(', ')}`;
}

/**
 * The schema with what its integers mean: times, enumerations, interned addresses, and
 * what the console accepts. Shown beside the query box.
 */
export function schemaText(): string {
  return [
    '-- Read-only: one SELECT, WITH, EXPLAIN, VALUES or read-only PRAGMA at a time.',
    `-- Read-only pragmas: ${READ_ONLY_PRAGMAS.join(', ')}.`,
    "-- Times are device-local seconds: datetime(time, 'unixepoch') shows them.",
    '-- Query the view events: the rows of event_rows with direction, role, rep_band, src,',
    '-- src_port, dst and dst_port worked out from them.',
    '-- Addresses are ids in addrs: JOIN addrs a ON a.id = events.attacker, then a.text.',
    '-- Enumerations are stored as numbers:',
    legend('events.mtype', MESSAGE_TYPES),
    legend('events.etype, rules.etype', EVENT_TYPES),
    legend('events.role', ROLES),
    legend('events.direction', DIRECTIONS),
    legend('events.rep_band', REPUTATION_BANDS),
    legend('sources.kind', SOURCE_KINDS),
    legend('sources.encoding', ENCODINGS),
    SCHEMA.trim(),
  ].join('\n');
}
