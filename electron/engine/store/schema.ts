/**
 * The store's tables. Addresses, times and enumerations are integers so that sql.js
 * loads, indexes and groups a million events quickly; raw lines stay on disk (a
 * source and a byte offset find them again).
 *
 * Enumerations are stored as their index in the lists of shared/model.ts
 * (MESSAGE_TYPES, EVENT_TYPES, ROLES, DIRECTIONS, REPUTATION_BANDS, SOURCE_KINDS,
 * ENCODINGS). Times are seconds since 1970 of the device-local time read as if it were
 * UTC (shared/time.ts toSeconds): they order and bucket correctly, and are shown back
 * as local times without a zone. Addresses and host names are interned in `addrs`;
 * events refer to them by id.
 */

/**
 * What is packed into the `flags` column. Direction, role and reputation band are stored
 * plus one (0 meaning none); message type and event type as their index; `origSrc` says
 * the originator is the source address (nearly every security rule), so it needs no column
 * of its own. Each value bound costs the bulk insert about the same whatever it is, so one
 * value stands for six; the views give each back under its own name, so queries and the SQL
 * console read `role` or `etype` as ordinary columns.
 */
export const FLAGS = {
  direction: { shift: 0, bits: 2 },
  role: { shift: 2, bits: 3 },
  repBand: { shift: 5, bits: 3 },
  mtype: { shift: 8, bits: 2 },
  etype: { shift: 10, bits: 2 },
  origSrc: { shift: 12, bits: 1 },
} as const;

/** The SQL of a field packed in `flags` (of the table aliased `t`, or unqualified). */
function field(f: keyof typeof FLAGS, t = ''): string {
  return `((${t}flags >> ${FLAGS[f].shift}) & ${2 ** FLAGS[f].bits - 1})`;
}
const plusOne = (f: keyof typeof FLAGS) => `NULLIF(${field(f)}, 0) - 1`;

const DIRECTION = plusOne('direction');
const ROLE = plusOne('role');
/**
 * The traffic came into the device: the direction says so, or, without a direction, the
 * device's role is not attacker (as the parser decides, electron/engine/parse/event.ts).
 */
const INBOUND = `((${DIRECTION}) = 0 OR ((${DIRECTION}) IS NULL AND (${ROLE}) IS NOT 1))`;
const sideOf = (inbound: string, outbound: string) =>
  `CASE WHEN ${field('mtype')} = 0 THEN (CASE WHEN ${INBOUND} THEN ${inbound} ELSE ${outbound} END) END`;

/**
 * Statements that create an empty store. Events are stored in `event_rows`, with the few
 * values most events lack (a damaged originator, a reputation address and score, problems)
 * in `event_more`, one row for each event that has any. They are read through views, which
 * add what follows from the stored values (DESIGN.md, Meanings), computed when read:
 * `event_core` (the row and its derived columns, what rankings and filters read) and
 * `events` (everything, what pages, exports and the SQL console read). Generated columns of
 * the table would say the same, but SQLite computes every generated column on each insert,
 * which cost a quarter of the bulk load.
 */
export const SCHEMA = `
CREATE TABLE roots (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  poll INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'scanning'
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  root INTEGER,
  path TEXT NOT NULL UNIQUE,
  kind INTEGER,
  encoding INTEGER,
  container TEXT,
  status TEXT NOT NULL,
  bytes_read INTEGER NOT NULL DEFAULT 0,
  bytes_total INTEGER NOT NULL DEFAULT 0,
  lines INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  malformed INTEGER NOT NULL DEFAULT 0,
  other INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE TABLE addrs (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,    -- unique: the store gives ids in memory (addrs.ts)
  v4 INTEGER,            -- the IPv4 address as an unsigned integer, NULL for others
  private INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE event_rows (
  id INTEGER PRIMARY KEY,
  -- What scans read comes first: SQLite reads a record's columns in order, and a scan
  -- that needs only the early ones costs about a fifth less (the views keep the usual order).
  time INTEGER NOT NULL,
  flags INTEGER NOT NULL, -- direction, role, reputation band, message and event type: FLAGS
  attacker INTEGER,      -- addrs.id
  victim INTEGER,        -- addrs.id
  device INTEGER,        -- addrs.id
  rule INTEGER,          -- the rule ID as a number
  source INTEGER NOT NULL,
  line INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  env_time INTEGER,
  device_port INTEGER,
  reporter INTEGER,      -- addrs.id
  seq INTEGER,
  peer INTEGER,          -- addrs.id
  peer_port INTEGER
);
CREATE TABLE event_more (
  id INTEGER PRIMARY KEY, -- event_rows.id
  originator INTEGER,    -- addrs.id of the originator as written, when it is not src
  rep_address TEXT,
  rep_score INTEGER,
  problems TEXT          -- JSON array of strings, NULL when none
);
CREATE VIEW event_core AS SELECT id, source, line, offset, bytes, time, env_time, device,
  device_port, reporter, seq, flags, rule, peer, peer_port, attacker, victim,
  ${field('mtype')} AS mtype,
  ${field('etype')} AS etype,
  ${DIRECTION} AS direction,
  ${ROLE} AS role,
  ${plusOne('repBand')} AS rep_band,
  ${sideOf('peer', 'device')} AS src,
  ${sideOf('peer_port', 'device_port')} AS src_port,
  ${sideOf('device', 'peer')} AS dst,
  ${sideOf('device_port', 'peer_port')} AS dst_port
FROM event_rows;
CREATE VIEW events AS SELECT c.*,
  CASE WHEN ${field('origSrc', 'c.')} = 1 THEN c.src ELSE m.originator END AS originator,
  m.rep_address, m.rep_score, m.problems
FROM event_core c LEFT JOIN event_more m ON m.id = c.id;
CREATE TABLE malformed (
  id INTEGER PRIMARY KEY,
  source INTEGER NOT NULL,
  line INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE rules (
  id INTEGER PRIMARY KEY,  -- the rule ID as a number
  etype INTEGER NOT NULL,
  name_en TEXT, name_es TEXT, desc_en TEXT, desc_es TEXT,
  origin TEXT NOT NULL
);
`;

/** The views SCHEMA creates, each after the views it reads. */
export const VIEWS = ['event_core', 'events'] as const;

/** SQL of the event type of an `event_rows` row (for queries that read the table itself). */
export const ETYPE_SQL = field('etype');

/** SQL of the message type of an `event_rows` row. */
export const MTYPE_SQL = field('mtype');

/**
 * Indexes, created after a bulk load (building them once is faster than keeping them
 * up to date row by row). Each covers the columns its queries read, and those on one
 * address or rule keep (time, id) next so a page of that address's events is read in order.
 * The first one ranks the attackers, the first thing a technician looks at; the engine
 * builds the others one at a time afterwards, answering queries in between (engine.ts).
 */
export const INDEX_LIST = [
  'CREATE INDEX IF NOT EXISTS ev_attacker ON event_rows (attacker, time)',
  'CREATE INDEX IF NOT EXISTS ev_time ON event_rows (time)',
  'CREATE INDEX IF NOT EXISTS ev_victim ON event_rows (victim, time)',
  'CREATE INDEX IF NOT EXISTS ev_device ON event_rows (device, time)',
  'CREATE INDEX IF NOT EXISTS ev_rule ON event_rows (rule, time)',
  'CREATE INDEX IF NOT EXISTS mal_source ON malformed (source, line)',
] as const;

/** Every index statement, as one script. */
export const INDEXES = INDEX_LIST.map((st) => `${st};`).join('\n');
