/** The events table's column choice: what is kept, what is refused, the grid it makes. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COLUMNS,
  EVENT_COLUMNS,
  gridTemplate,
  minWidthRem,
  parseColumns,
  toggleColumn,
} from '../../renderer/src/lib/columns.js';

describe('column choice', () => {
  it('shows the sortable columns until the user chooses', () => {
    expect(parseColumns(null)).toEqual([
      'time',
      'device',
      'peer',
      'ruleId',
      'eventType',
      'messageType',
      'source',
    ]);
  });

  it('reads back a stored choice in table order, the time added', () => {
    expect(parseColumns(JSON.stringify(['reporter', 'peer', 'seq']))).toEqual([
      'time',
      'peer',
      'seq',
      'reporter',
    ]);
  });

  it.each([
    ['not JSON', '{'],
    ['an object', '{"time":true}'],
    ['a list with a number', '["time", 3]'],
    ['a string', '"time"'],
  ])('falls back to the default for a stored value that is %s', (_what, text) => {
    expect(parseColumns(text)).toEqual([...DEFAULT_COLUMNS]);
  });

  it('drops unknown and repeated names from a stored choice', () => {
    expect(parseColumns('["peer","peer","__proto__","onclick"]')).toEqual(['time', 'peer']);
  });

  it('hides and shows a column, keeping table order', () => {
    const hidden = toggleColumn(DEFAULT_COLUMNS, 'peer', false);
    expect(hidden).not.toContain('peer');
    expect(toggleColumn(hidden, 'peer', true)).toEqual([...DEFAULT_COLUMNS]);
    expect(toggleColumn(DEFAULT_COLUMNS, 'role', true).at(-1)).toBe('role');
  });

  it('never hides the time', () => {
    expect(toggleColumn(['time'], 'time', false)).toEqual(['time']);
  });

  it('makes one grid track per column shown', () => {
    expect(gridTemplate(['time', 'ruleId'])).toBe('10.8rem 5.2rem');
    expect(gridTemplate(EVENT_COLUMNS).split(/ (?![^(]*\))/)).toHaveLength(EVENT_COLUMNS.length);
    expect(minWidthRem(['time', 'ruleId'])).toBeCloseTo(16);
  });
});
