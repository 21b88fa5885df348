/**
 * The first of the console's read-only layers: a check of the SQL text before anything runs.
 * The worker adds `PRAGMA query_only`, and it only ever holds a copy of the store, so a
 * statement this check missed still could not change the loaded events.
 */
import { statements, tokenize, type Token } from './tokens.js';

/** The statements the console runs. */
const STARTS = new Set(['SELECT', 'WITH', 'EXPLAIN', 'VALUES', 'PRAGMA']);

/** Words that begin a statement that writes, or that manage transactions. */
const WRITES = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'REPLACE',
  'UPSERT',
  'CREATE',
  'DROP',
  'ALTER',
  'VACUUM',
  'REINDEX',
  'ANALYZE',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
]);

/** Pragmas that only report, and may name a table or index: `PRAGMA table_info(events)`. */
const PRAGMAS_WITH_ARGUMENT = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
]);

/** Pragmas that report a setting when given no value (with a value they would change it). */
const PRAGMAS_BARE = new Set([
  'database_list',
  'compile_options',
  'function_list',
  'pragma_list',
  'collation_list',
  'module_list',
  'page_count',
  'page_size',
  'freelist_count',
  'schema_version',
  'user_version',
  'application_id',
  'encoding',
  'data_version',
  'foreign_keys',
  'query_only',
]);

/** The read-only pragmas, for messages and the UI. */
export const READ_ONLY_PRAGMAS = [...PRAGMAS_WITH_ARGUMENT, ...PRAGMAS_BARE].sort();

/** Is this token the bare word (any case)? */
function isWord(t: Token | undefined, word: string): boolean {
  return t?.kind === 'word' && t.text.toUpperCase() === word;
}

/** Why a PRAGMA statement is refused, or null when it only reads. */
function pragmaProblem(tokens: Token[]): string | null {
  if (tokens.some((t) => t.kind === 'punct' && t.text === '=')) {
    return 'PRAGMA with "=" changes a setting; the console only reads settings';
  }
  // PRAGMA [schema.]name [(argument)]
  let i = 1;
  if (tokens[i + 1]?.text === '.') i += 2;
  const name = tokens[i]?.text.toLowerCase() ?? '';
  const rest = tokens.slice(i + 1);
  const allowed = PRAGMAS_WITH_ARGUMENT.has(name) || PRAGMAS_BARE.has(name);
  if (!allowed) {
    return (
      `PRAGMA ${name || '(no name)'} is not one the console runs; ` +
      `read-only pragmas: ${READ_ONLY_PRAGMAS.join(', ')}`
    );
  }
  if (rest.length === 0) return null;
  const argument =
    rest.length === 3 &&
    rest[0]?.text === '(' &&
    rest[2]?.text === ')' &&
    rest[1]?.kind !== 'punct';
  if (argument && PRAGMAS_WITH_ARGUMENT.has(name)) return null;
  return `PRAGMA ${name} with an argument changes a setting; the console only reads settings`;
}

/**
 * Why the console refuses this SQL, or null when it is a single statement that only reads.
 * Refused: several statements, anything but SELECT/WITH/EXPLAIN/VALUES/read-only PRAGMA,
 * any write or transaction word outside strings and quoted names (so a WITH ... DELETE is
 * caught), ATTACH/DETACH anywhere, and load_extension.
 */
export function readOnlyProblem(sql: string): string | null {
  const list = statements(tokenize(sql));
  if (list.length === 0) {
    return 'nothing to run: the query is empty. Write a SELECT, e.g. SELECT * FROM events LIMIT 10';
  }
  if (list.length > 1) {
    return (
      'one statement at a time: the query holds several statements separated by ";". ' +
      'Run them one by one'
    );
  }
  const tokens = list[0]!;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text.toLowerCase() === 'load_extension' && t.kind !== 'string') {
      return 'load_extension is refused: the console runs no code from files';
    }
    if (t.kind !== 'word') continue;
    const word = t.text.toUpperCase();
    if (word === 'ATTACH' || word === 'DETACH') {
      return `${word} is refused: the console reads only the loaded events, no other files`;
    }
    // replace(x, y, z) is the string function, not the statement.
    if (word === 'REPLACE' && tokens[i + 1]?.text === '(') continue;
    if (WRITES.has(word)) {
      return (
        `${word} changes the database; the console is read-only. ` +
        'Ask with SELECT, WITH, EXPLAIN, VALUES or a read-only PRAGMA'
      );
    }
    if (word === 'PRAGMA' && i > 0) return 'PRAGMA is allowed only as the whole statement';
  }
  const first = tokens[0]!;
  const start = first.kind === 'word' ? first.text.toUpperCase() : first.text;
  if (!STARTS.has(start)) {
    return (
      `${start.slice(0, 30)} is not allowed: the console is read-only and runs ` +
      'SELECT, WITH, EXPLAIN, VALUES or a read-only PRAGMA'
    );
  }
  return isWord(first, 'PRAGMA') ? pragmaProblem(tokens) : null;
}
