/** Splits SQL into the tokens the read-only check looks at; comments are dropped. */

/** One token: a bare word, a quoted name, a string literal, or one punctuation character. */
export interface Token {
  kind: 'word' | 'name' | 'string' | 'punct';
  /** Words and quoted names as written (quotes removed); punctuation as the character. */
  text: string;
}

const WORD = /[A-Za-z0-9_$\u0080-\uFFFF]/;

/** The index just past a quoted run that starts at `i` and ends with `close` ('' doubles it). */
function skipQuoted(sql: string, i: number, close: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === close) {
      if (close !== ']' && sql[j + 1] === close) j += 2;
      else return j + 1;
    } else j++;
  }
  return j; // unclosed: SQLite itself will report it; nothing after it can hide
}

/**
 * Tokenises like SQLite does for the parts that matter here: `--` and `/* *\/` comments,
 * '...' strings, "...", `...` and [...] quoted names, bare words, and single characters.
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'") {
      const end = skipQuoted(sql, i, "'");
      tokens.push({ kind: 'string', text: sql.slice(i + 1, end - 1) });
      i = end;
    } else if (c === '"' || c === '`' || c === '[') {
      const end = skipQuoted(sql, i, c === '[' ? ']' : c);
      tokens.push({ kind: 'name', text: sql.slice(i + 1, end - 1) });
      i = end;
    } else if (WORD.test(c)) {
      let j = i + 1;
      while (j < sql.length && WORD.test(sql[j]!)) j++;
      tokens.push({ kind: 'word', text: sql.slice(i, j) });
      i = j;
    } else {
      if (!/\s/.test(c)) tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}

/** Splits tokens into statements at top-level `;`, dropping empty statements. */
export function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((s) => s.length > 0);
}
