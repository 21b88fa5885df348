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
 * Direction, role and reputation band packed into the `flags` column, each stored plus one
 * (0 meaning none). Binding one value instead of three, and deriving the source and
 * destination instead of binding four more, makes the bulk insert cheaper: sql.js's bind
 * costs per value. The view `events` gives each back under its own name, so queries and the
 * SQL console read `role` or `src` as ordinary columns.
 */
export const FLAGS = {
  direction: { shift: 0, bits: 2 },
  role: { shift: 2, bits: 3 },
  repBand: { shift: 5, bits: 3 },
} as const;

const DIRECTION = 'NULLIF((flags >> 0) & 3, 0) - 1';
const ROLE = 'NULLIF((flags >> 2) & 7, 0) - 1';
/**
 * The traffic came into the device: the direction says so, or, without a direction, the
 * device's role is not attacker (as the parser decides, electron/engine/parse/event.ts).
 */
const INBOUND = `((${DIRECTION}) = 0 OR ((${DIRECTION}) IS NULL AND (${ROLE}) IS NOT 1))`;
const sideOf = (inbound: string, outbound: string) =>
  `CASE WHEN mtype = 0 THEN (CASE WHEN ${INBOUND} THEN ${inbound} ELSE ${outbound} END) END`;

/**
 * Statements that create an empty store. Events are stored in `event_rows` and read through
 * the view `events`, which adds the columns derived from them (DESIGN.md, Meanings):
 * computed when read, never written. Generated columns of the table itself would say the
 * same, but SQLite computes every generated column on each insert, which cost a quarter of
 * the bulk load.
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
  source INTEGER NOT NULL,
  line INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  time INTEGER NOT NULL,
  env_time INTEGER,
  device INTEGER,        -- addrs.id
  device_port INTEGER,
  reporter INTEGER,      -- addrs.id
  seq INTEGER,
  mtype INTEGER NOT NULL,
  etype INTEGER NOT NULL,
  flags INTEGER NOT NULL, -- direction, role and reputation band packed, see FLAGS
  rule INTEGER,          -- the rule ID as a number
  peer INTEGER,          -- addrs.id
  peer_port INTEGER,
  attacker INTEGER,      -- addrs.id
  victim INTEGER,        -- addrs.id
  originator INTEGER,    -- addrs.id of the originator as written (it may be damaged)
  rep_address TEXT,
  rep_score INTEGER,
  problems TEXT          -- JSON array of strings, NULL when none
);
CREATE VIEW events AS SELECT *,
  ${DIRECTION} AS direction,
  ${ROLE} AS role,
  NULLIF((flags >> 5) & 7, 0) - 1 AS rep_band,
  ${sideOf('peer', 'device')} AS src,
  ${sideOf('peer_port', 'device_port')} AS src_port,
  ${sideOf('device', 'peer')} AS dst,
  ${sideOf('device_port', 'peer_port')} AS dst_port
FROM event_rows;
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

/** The views SCHEMA creates. */
export const VIEWS = ['events'] as const;

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
