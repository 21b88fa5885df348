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

/** Statements that create an empty store. */
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
CREATE TABLE events (
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
  rule INTEGER,          -- the rule ID as a number
  peer INTEGER,          -- addrs.id
  peer_port INTEGER,
  src INTEGER,
  src_port INTEGER,
  dst INTEGER,
  dst_port INTEGER,
  originator TEXT,       -- as written (it may be damaged)
  direction INTEGER,
  role INTEGER,
  attacker INTEGER,      -- addrs.id
  victim INTEGER,        -- addrs.id
  rep_address TEXT,
  rep_score INTEGER,
  rep_band INTEGER,
  problems TEXT          -- JSON array of strings, NULL when none
);
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

/**
 * Indexes, created after a bulk load (building them once is faster than keeping them
 * up to date row by row). Each covers the columns its queries read, and those on one
 * address or rule keep (time, id) next so a page of that address's events is read in order.
 */
export const INDEXES = `
CREATE INDEX IF NOT EXISTS ev_time ON events (time, id, etype, mtype, device_port, peer_port);
CREATE INDEX IF NOT EXISTS ev_attacker ON events (attacker, time, id, etype, victim, rule);
CREATE INDEX IF NOT EXISTS ev_victim ON events (victim, time, id, etype, attacker, rule);
CREATE INDEX IF NOT EXISTS ev_device ON events (device, time, id, etype, attacker);
CREATE INDEX IF NOT EXISTS ev_rule ON events (rule, time, id, device);
CREATE INDEX IF NOT EXISTS mal_source ON malformed (source, line);
`;
