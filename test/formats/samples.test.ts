import { describe, expect, it } from 'vitest';
import { LINE_FORMATS } from '../../shared/formats/lines.js';
import { PAYLOAD_FORMATS } from '../../shared/formats/payloads.js';
import { TABLE_FORMATS } from '../../shared/formats/tables.js';
import { guessSeparator, splitRow } from '../../shared/csv.js';

describe('line formats', () => {
  for (const [i, format] of LINE_FORMATS.entries()) {
    for (const sample of format.samples) {
      it(`${format.id} claims its sample: ${sample.line.slice(0, 60)}`, () => {
        const m = format.pattern.exec(sample.line);
        expect(m, 'its own pattern matches').not.toBeNull();
        for (const [field, value] of Object.entries(sample.fields)) {
          expect(m!.groups?.[field]?.trim(), field).toBe(value?.trim());
        }
        const earlier = LINE_FORMATS.slice(0, i).filter((f) => f.pattern.test(sample.line));
        expect(
          earlier.map((f) => f.id),
          'no earlier format claims it',
        ).toEqual([]);
      });
    }
  }

  it('names every captured group in its field list', () => {
    for (const f of LINE_FORMATS) {
      const groups = [...f.pattern.source.matchAll(/\(\?<([a-z]+)>/g)].map((m) => m[1]!);
      for (const g of groups) expect(Object.keys(f.fields), `${f.id}.${g}`).toContain(g);
    }
  });
});

describe('payload formats', () => {
  for (const format of PAYLOAD_FORMATS) {
    for (const sample of format.samples) {
      it(`${format.id} reads its sample: ${sample.line.slice(0, 60)}`, () => {
        expect(format.lead.test(sample.line)).toBe(true);
        const m = format.pattern.exec(sample.line);
        expect(m).not.toBeNull();
        for (const [field, value] of Object.entries(sample.fields)) {
          expect(m!.groups?.[field]?.trim(), field).toBe(value?.trim());
        }
        const others = PAYLOAD_FORMATS.filter((f) => f !== format && f.lead.test(sample.line));
        expect(others).toEqual([]);
      });
    }
  }
});

describe('table formats', () => {
  for (const format of TABLE_FORMATS) {
    for (const sample of format.samples) {
      it(`${format.id} splits its sample row: ${sample.line.slice(0, 50)}`, () => {
        const cells = splitRow(sample.line, guessSeparator(sample.line)).map((c) =>
          c === '-' ? '' : c,
        );
        const width = format.columns.length;
        // An unquoted last column keeps the commas of its text.
        const row =
          cells.length > width
            ? [...cells.slice(0, width - 1), cells.slice(width - 1).join(', ')]
            : cells;
        for (const [field, value] of Object.entries(sample.fields)) {
          const at = format.columns.findIndex((c) => c.field === field);
          expect(row[at], field).toBe(value);
        }
      });
    }
  }
});
