/** RFC 4180 CSV cells and rows, safe to open in a spreadsheet. */
import type { EventRow } from '../../../shared/api/types.js';
import { COLUMNS, type RuleNamer } from './columns.js';

/** A byte order mark: without it Excel on Windows reads UTF-8 as the local code page. */
export const CSV_BOM = '\uFEFF';

/** Spreadsheets read a cell starting with one of these as a formula (or strip it into one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number such as -1 or +2.5e3, which a spreadsheet reads as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A cell holding one of these must be quoted (RFC 4180 section 2). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula gets a leading `'` (log text is
 * written by attackers and technicians open exports in Excel); plain numbers are left alone.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end. */
export function csvRecord(cells: (string | number | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** The header record of an events export. */
export function csvHeader(): string {
  return csvRecord(COLUMNS.map((c) => c.name));
}

/** The records of a page of events, as one string. */
export function csvPage(rows: EventRow[], ruleName?: RuleNamer): string {
  let out = '';
  for (const row of rows) out += csvRecord(COLUMNS.map((c) => c.get(row, ruleName)));
  return out;
}
