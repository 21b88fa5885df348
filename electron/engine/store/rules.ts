/** The rule catalogue as a table, so queries can join rule IDs to what they mean. */
import type { Database } from 'sql.js';
import { EVENT_TYPES } from '../../../shared/model.js';
import type { Rule, RuleBook } from '../../../shared/rules/index.js';
import { indexOf } from './codec.js';
import { allRows, execute } from './sql.js';
import { inTransaction, ruleNumber } from './write.js';

/** Replaces the `rules` table with the book's entries (IDs that are no number are left out). */
export function syncRules(db: Database, book: RuleBook): void {
  inTransaction(db, () => {
    execute(db, 'DELETE FROM rules');
    for (const r of book.all()) {
      const id = ruleNumber(r.id);
      if (id === null) continue;
      execute(
        db,
        `INSERT OR REPLACE INTO rules (id, etype, name_en, name_es, desc_en, desc_es, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          indexOf(EVENT_TYPES, r.eventType, 'event type'),
          r.name.en,
          r.name.es,
          r.description.en,
          r.description.es,
          r.origin,
        ],
      );
    }
  });
}

/** The rules a store holds (a reopened session keeps its imported rule lists). */
export function storedRules(db: Database): Rule[] {
  return allRows(db, 'SELECT id, etype, name_en, name_es, desc_en, desc_es, origin FROM rules').map(
    (r) => ({
      id: String(r[0]),
      eventType: EVENT_TYPES[r[1] as number] ?? 'unknown',
      name: { en: String(r[2] ?? ''), es: String(r[3] ?? '') },
      description: { en: String(r[4] ?? ''), es: String(r[5] ?? '') },
      origin: String(r[6]),
    }),
  );
}
