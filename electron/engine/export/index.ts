/** Exports of events to a file: CSV for spreadsheets, NDJSON (ECS) for Elastic, SQLite. */
import type { EventRow } from '../../../shared/api/types.js';
import type { RuleNamer } from './columns.js';
import { CSV_BOM, csvHeader, csvPage } from './csv.js';
import { toEcs } from './ecs.js';
import { writeAtomically } from './file.js';

export { ExportError } from './file.js';
import { buildSqlite } from './sqlite.js';

/** The export formats. */
export const EXPORT_FORMATS = ['csv', 'ndjson', 'sqlite'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Choices for an export. */
export interface ExportOptions {
  /** Names rule IDs (rule_name column, ECS rule.name); without it they stay unnamed. */
  ruleName?: RuleNamer;
  /**
   * NDJSON only: put `{"index":{}}` before each document, so the file can be posted as it is
   * to the `_bulk` API of an index (`POST my-index/_bulk`). Plain documents without it.
   */
  bulk?: boolean;
  /** The seclog version recorded in a SQLite export. */
  version?: string;
  /** The export time recorded in a SQLite export (default: now). */
  now?: Date;
}

/** The NDJSON text of one page: one document per line, each after its action when bulk. */
function ndjsonPage(rows: EventRow[], opts: ExportOptions): string {
  let out = '';
  for (const row of rows) {
    if (opts.bulk) out += '{"index":{}}\n';
    out += JSON.stringify(toEcs(row, opts.ruleName)) + '\n';
  }
  return out;
}

/**
 * Writes the events of `pages` to the file `out` (a path the user chose, never one made from
 * log text). CSV and NDJSON hold one page in memory at a time; SQLite is built in memory.
 * The file appears only when complete: a failing page leaves nothing behind.
 */
export async function writeExport(
  format: ExportFormat,
  out: string,
  pages: AsyncIterable<EventRow[]> | Iterable<EventRow[]>,
  opts: ExportOptions = {},
): Promise<{ rows: number; bytes: number }> {
  if (!EXPORT_FORMATS.includes(format)) {
    throw new Error(`unknown export format '${String(format)}': choose csv, ndjson or sqlite`);
  }
  let rows = 0;
  if (format === 'sqlite') {
    const built = await buildSqlite(
      pages,
      {
        version: opts.version ?? process.env.SECLOG_VERSION ?? 'unknown',
        exportedAt: (opts.now ?? new Date()).toISOString(),
      },
      opts.ruleName,
    );
    const bytes = await writeAtomically(out, (put) => put(built.bytes));
    return { rows: built.rows, bytes };
  }
  const bytes = await writeAtomically(out, async (put) => {
    if (format === 'csv') await put(CSV_BOM + csvHeader());
    for await (const page of pages) {
      rows += page.length;
      await put(format === 'csv' ? csvPage(page, opts.ruleName) : ndjsonPage(page, opts));
    }
  });
  return { rows, bytes };
}
