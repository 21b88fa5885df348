/**
 * The engine's API: one table of channels, each with the schema of its request and the
 * type of its answer. Electron IPC, the HTTP server and the renderer's client are all
 * derived from this table.
 */
import { DIRECTIONS, EVENT_TYPES, MESSAGE_TYPES, ROLES } from '../model.js';
import type { Summary } from '../summary-types.js';
import type { Rule, ImportResult } from '../rules/index.js';
import { bool, empty, int, list, object, oneOf, optional, str, type Infer } from './check.js';
import type {
  DeviceRow,
  EventPage,
  IpDetail,
  IpRow,
  MalformedRow,
  RootInfo,
  RuleRow,
  SourceInfo,
  SqlResult,
  TimelineBucket,
} from './types.js';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;
const IP_OR_CIDR = /^[0-9A-Fa-f:.]{2,45}(\/\d{1,3})?$/;

/** The filters every query takes; all given filters must hold (AND). */
export const filterSchema = object({
  from: optional(str({ max: 19, pattern: LOCAL_TIME })),
  to: optional(str({ max: 19, pattern: LOCAL_TIME })),
  eventTypes: optional(list(oneOf(EVENT_TYPES), 4)),
  messageTypes: optional(list(oneOf(MESSAGE_TYPES), 3)),
  rules: optional(list(str({ max: 12, pattern: /^\d+$/ }), 100)),
  /** An address or CIDR block, matched on the side `ipSide` says. */
  ip: optional(str({ max: 49, pattern: IP_OR_CIDR })),
  ipSide: optional(oneOf(['any', 'attacker', 'victim'] as const)),
  devices: optional(list(str({ max: 253 }), 100)),
  roles: optional(list(oneOf(ROLES), 4)),
  directions: optional(list(oneOf(DIRECTIONS), 2)),
  port: optional(int(0, 65535)),
  /** Text anywhere in the raw line. */
  text: optional(str({ max: 200 })),
  sources: optional(list(int(1), 1000)),
  withProblems: optional(bool),
});
export type Filter = Infer<typeof filterSchema>;

/** Columns the events table can be sorted by. */
export const SORT_KEYS = [
  'time',
  'device',
  'peer',
  'ruleId',
  'eventType',
  'messageType',
  'source',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const page = { limit: optional(int(1, 1000)) };

/** Every channel: its request schema and (as a type) its answer. */
export const channels = {
  'roots:add': { request: object({ path: str({ max: 4096 }), poll: optional(bool) }) },
  'roots:remove': { request: object({ id: int(1) }) },
  'roots:list': { request: empty },
  'sources:list': { request: empty },
  'events:query': {
    request: object({
      filter: optional(filterSchema),
      sort: optional(oneOf(SORT_KEYS)),
      desc: optional(bool),
      /** The `next` cursor of the previous page. */
      after: optional(str({ max: 200 })),
      /**
       * Rows passed over before the page starts (after `after`, or from the top): a jump far
       * into the table without fetching every page before it.
       */
      skip: optional(int(0, 100_000_000)),
      ...page,
    }),
  },
  'events:count': { request: object({ filter: optional(filterSchema) }) },
  'events:line': { request: object({ id: int(1) }) },
  'stats:attackers': { request: object({ filter: optional(filterSchema), ...page }) },
  'stats:victims': { request: object({ filter: optional(filterSchema), ...page }) },
  'stats:devices': { request: object({ filter: optional(filterSchema), ...page }) },
  'stats:rules': { request: object({ filter: optional(filterSchema), ...page }) },
  'stats:timeline': {
    request: object({ filter: optional(filterSchema), bucketSeconds: int(1, 366 * 86400) }),
  },
  'ip:detail': { request: object({ ip: str({ max: 45 }), bucketSeconds: optional(int(1)) }) },
  'rules:lookup': { request: object({ id: str({ max: 14 }) }) },
  'rules:import': { request: object({ text: str({ max: 20_000_000 }), name: str({ max: 255 }) }) },
  'malformed:list': {
    request: object({ sourceId: optional(int(1)), after: optional(int(0)), ...page }),
  },
  'sql:run': { request: object({ sql: str({ max: 100_000 }), limit: optional(int(1, 100_000)) }) },
  'sql:cancel': { request: empty },
  'summary:get': { request: empty },
} as const;

/** The answer type of each channel. */
export interface Responses {
  'roots:add': RootInfo;
  'roots:remove': { removed: boolean };
  'roots:list': RootInfo[];
  'sources:list': SourceInfo[];
  'events:query': EventPage;
  'events:count': { count: number };
  'events:line': { source: string; line: number; text: string | null; error: string | null };
  'stats:attackers': IpRow[];
  'stats:victims': IpRow[];
  'stats:devices': DeviceRow[];
  'stats:rules': RuleRow[];
  'stats:timeline': TimelineBucket[];
  'ip:detail': IpDetail;
  'rules:lookup': { id: string; rule: Rule | null };
  'rules:import': ImportResult;
  'malformed:list': MalformedRow[];
  'sql:run': SqlResult;
  'sql:cancel': { cancelled: boolean };
  'summary:get': Summary;
}

export type Channel = keyof typeof channels;
export type Request<C extends Channel> = Infer<(typeof channels)[C]['request']>;
export type Response<C extends Channel> = Responses[C];

/** The API as an object of async functions: the preload bridge, the HTTP client, the test double. */
export type Api = { [C in Channel]: (req: Request<C>) => Promise<Response<C>> };

/** Checks that a channel name is one of the contract's. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
