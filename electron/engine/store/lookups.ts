/**
 * What queries look up besides the SQL: address texts and ids (addrs.ts) and the store's
 * counts (tally.ts). It answers the filter's questions (filter.ts FilterContext).
 */
import type { Database } from 'sql.js';
import type { AddressBook } from './addrs.js';
import type { FilterContext, TextMatch } from './filter.js';
import type { Tally, TallySide } from './tally.js';

/** One store's lookups. */
export class Lookups implements FilterContext {
  constructor(
    readonly db: Database,
    readonly addrs: AddressBook,
    readonly tally: Tally,
  ) {}

  find(text: string): number | undefined {
    return this.addrs.find(text);
  }

  naming(text: string): TextMatch {
    const any = this.addrs.containing(text);
    let events = 0;
    const on = (side: TallySide) =>
      any.filter((id) => {
        const n = this.tally.eventsOf(this.db, side, id);
        events += n;
        return n > 0;
      });
    const attacker = on('attacker');
    const victim = on('victim');
    const reporter = on('reporter');
    const rules: number[] = [];
    const folded = text.toLowerCase();
    for (const [rule, t] of this.tally.rules(this.db)) {
      if (!String(rule).includes(folded)) continue;
      rules.push(rule);
      events += t.events;
    }
    return { attacker, victim, reporter, any, rules, events, total: this.tally.events(this.db) };
  }
}
