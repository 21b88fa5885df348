/** Splitting one row of a tab- or comma-separated export. */

/** The separator a header or row uses: tab when it has one, else comma. */
export function guessSeparator(line: string): '\t' | ',' {
  return line.includes('\t') ? '\t' : ',';
}

/**
 * Splits one row into trimmed cells. Double quotes group a cell and `""` inside quotes
 * is a quote, as in RFC 4180; a quote that is never closed runs to the end of the row
 * (the caller decides whether that row can still be read).
 */
export function splitRow(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === sep) {
      cells.push(cell.trim());
      cell = '';
      atStart = true;
      continue;
    } else if (c === '"' && atStart && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else cell += c;
    atStart = false;
  }
  cells.push(cell.trim());
  return cells;
}
