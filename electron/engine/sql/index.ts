/** The read-only SQL console: queries on a copy of the store in a worker thread. */
export {
  DEFAULT_ROW_LIMIT,
  DEFAULT_TIMEOUT_MS,
  MAX_ROW_LIMIT,
  SqlConsole,
  SqlConsoleError,
  type SqlFailure,
  type StoreSnapshot,
} from './console.js';
export { READ_ONLY_PRAGMAS, readOnlyProblem } from './guard.js';
export { schemaText } from './schema-text.js';
