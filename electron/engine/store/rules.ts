/** The rule catalogue as a table, so queries can join rule IDs to what they mean. */
import type { Database } from 'sql.js';
import { EVENT_TYPES } from '../../../shared/model.js';
import type { RuleBook } from '../../../shared/rules/index.js';
import { indexOf } from './codec.js';
import { execute } from './sql.js';
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
