import { describe, expect, it } from 'vitest';
import { RuleBook, eventTypeFromText } from '../../shared/rules/index.js';

describe('the built-in catalogue', () => {
  it('knows the three rule IDs of the guide in both languages', () => {
    const rules = new RuleBook();
    expect(rules.lookup('1133810')).toMatchObject({
      eventType: 'brute_force',
      name: { es: 'Ataque de fuerza bruta' },
    });
    expect(rules.lookup('1133835')?.eventType).toBe('cyber_attack');
    expect(rules.lookup('s.1133820')?.eventType).toBe('quarantine');
    expect(rules.lookup('1134560')).toBeNull();
  });
});

describe('importing a rule list', () => {
  it('reads CSV with a header, quoted commas and a BOM', () => {
    const rules = new RuleBook();
    const r = rules.import(
      '\uFEFFRule ID,Name,Description,Category\n1134560,"Telnet, default password",Logins,Brute force\n',
      'list.csv',
    );
    expect(r).toEqual({ added: 1, replaced: 0, problems: [] });
    expect(rules.lookup('1134560')).toMatchObject({
      name: { en: 'Telnet, default password' },
      eventType: 'brute_force',
      origin: 'list.csv',
    });
  });

  it('reads JSON as an array, a wrapped array, or an object keyed by ID', () => {
    for (const text of [
      '[{"id": "1134561", "name": "SMB probe", "type": "Cyber attack"}]',
      '{"rules": [{"ruleId": 1134561, "name": "SMB probe", "type": "Cyber attack"}]}',
      '{"1134561": {"name": "SMB probe", "type": "Cyber attack"}}',
    ]) {
      const rules = new RuleBook();
      expect(rules.import(text, 'list.json').added).toBe(1);
      expect(rules.lookup('1134561')).toMatchObject({
        eventType: 'cyber_attack',
        name: { en: 'SMB probe' },
      });
    }
  });

  it('replaces a built-in entry and keeps its type when the list names none', () => {
    const rules = new RuleBook();
    expect(rules.import('id\tname\n1133810\tBrute force (SSH)\n', 'list.tsv')).toMatchObject({
      replaced: 1,
    });
    expect(rules.lookup('1133810')).toMatchObject({
      eventType: 'brute_force',
      name: { en: 'Brute force (SSH)' },
    });
  });

  it('says which entries it could not use', () => {
    const rules = new RuleBook();
    const r = rules.import('Rule ID,Name\nabc,Nothing\n', 'bad.csv');
    expect(r.added).toBe(0);
    expect(r.problems).toEqual([
      "the rule list 'bad.csv', line 2: no rule ID (a number) here, so this entry was left " +
        'out. Fill in its rule ID, or remove it if it is no rule.',
    ]);
    expect(rules.import('{oops', 'bad.json').problems[0]).toMatch(/'bad.json' is not valid JSON/);
    expect(rules.import('Name,Text\nx,y\n', 'bad.csv').problems[0]).toMatch(/no rule ID column/);
  });

  it('maps categories in English and Spanish, and leaves others unknown', () => {
    expect(eventTypeFromText('Evento de cuarentena')).toBe('quarantine');
    expect(eventTypeFromText('Ataque de fuerza bruta')).toBe('brute_force');
    expect(eventTypeFromText('Ciberataque')).toBe('cyber_attack');
    expect(eventTypeFromText('Policy')).toBe('unknown');
  });
});
