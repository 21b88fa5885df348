/** The readable reports of `seclog summary` and `seclog rule`, in English or Spanish. */
import type { EventType } from '../../shared/model.js';
import type { MalformedRow } from '../../shared/api/types.js';
import { ADVICE, type Rule } from '../../shared/rules/index.js';
import type { Summary } from '../../shared/summary-types.js';

/** Languages of the reports. */
export type Lang = 'en' | 'es';

/** The report language: the option when given, else Spanish when LANG says so. */
export function pickLanguage(option: string | undefined): Lang {
  const v = (option ?? process.env.LC_ALL ?? process.env.LANG ?? 'en').toLowerCase();
  return v.startsWith('es') ? 'es' : 'en';
}

const TEXT = {
  en: {
    title: 'Trend Micro IoT Security summary',
    events: 'events',
    duplicates: 'duplicates',
    malformed: 'malformed lines',
    other: 'other lines',
    sources: 'Sources',
    skipped: 'skipped',
    problem: 'problem',
    attackers: 'Top attackers',
    victims: 'Top victims',
    devices: 'Devices',
    quarantine: 'QUARANTINE: these devices attacked others and look compromised',
    advice: 'What to do',
    unknownRules: 'Rule IDs not in the catalogue (send these to support)',
    malformedLines: 'Malformed lines',
    more: (n: number) => `... and ${n} more`,
    none: '(none)',
    type: {
      brute_force: 'brute force',
      cyber_attack: 'cyber attack',
      quarantine: 'quarantine',
      unknown: 'unknown',
    },
    unknownRule: (id: string) => `Rule ${id} is not in the catalogue.`,
    ruleType: 'Event type',
  },
  es: {
    title: 'Resumen de Trend Micro IoT Security',
    events: 'eventos',
    duplicates: 'duplicados',
    malformed: 'líneas dañadas',
    other: 'otras líneas',
    sources: 'Fuentes',
    skipped: 'omitido',
    problem: 'problema',
    attackers: 'Principales atacantes',
    victims: 'Principales víctimas',
    devices: 'Dispositivos',
    quarantine: 'CUARENTENA: estos dispositivos atacaron a otros y parecen comprometidos',
    advice: 'Qué hacer',
    unknownRules: 'IDs de regla que no están en el catálogo (envíelas a soporte)',
    malformedLines: 'Líneas dañadas',
    more: (n: number) => `... y ${n} más`,
    none: '(ninguno)',
    type: {
      brute_force: 'fuerza bruta',
      cyber_attack: 'ciberataque',
      quarantine: 'cuarentena',
      unknown: 'desconocido',
    },
    unknownRule: (id: string) => `La regla ${id} no está en el catálogo.`,
    ruleType: 'Tipo de evento',
  },
};

/** Log text may hold control characters: show them escaped so they cannot drive the terminal. */
export function printable(text: string): string {
  return (
    text
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
        const code = c.charCodeAt(0);
        return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
      })
  );
}

/** Malformed lines of one source with one reason, shown once with an example. */
function groupMalformed(lines: MalformedRow[]) {
  const groups = new Map<
    string,
    { source: string; reason: string; lines: number[]; example: string }
  >();
  for (const m of lines) {
    const key = `${m.source}\u0000${m.reason}`;
    const g = groups.get(key) ?? { source: m.source, reason: m.reason, lines: [], example: m.text };
    g.lines.push(m.line);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The readable summary report. */
export function formatSummary(s: Summary, malformed: MalformedRow[], lang: Lang): string {
  const t = TEXT[lang];
  const out: string[] = [t.title, ''];
  out.push(
    [
      `${s.events} ${t.events}`,
      `${s.duplicates} ${t.duplicates}`,
      `${s.malformed} ${t.malformed}`,
      `${s.other} ${t.other}`,
    ].join(', '),
  );
  out.push(
    (Object.keys(s.byEventType) as EventType[])
      .map((k) => `${t.type[k]}: ${s.byEventType[k]}`)
      .join(', ') +
      ` | security rule: ${s.byMessageType.security_rule}, ` +
      `WRS: ${s.byMessageType.wrs}, TRS: ${s.byMessageType.trs}`,
  );
  const quarantined = s.devices.filter((d) => d.byEventType.quarantine > 0);
  if (quarantined.length) {
    out.push('', `!! ${t.quarantine}:`);
    for (const d of quarantined)
      out.push(`   ${printable(d.device)}  ${d.byEventType.quarantine}  (${d.first} .. ${d.last})`);
    out.push(`   ${t.advice}: ${ADVICE.quarantine[lang]}`);
  }
  out.push('', `${t.devices}:`);
  if (!s.devices.length) out.push(`  ${t.none}`);
  for (const d of s.devices) {
    const types = (Object.keys(d.byEventType) as EventType[]).filter((k) => d.byEventType[k] > 0);
    out.push(
      `  ${printable(d.device).padEnd(16)} ${String(d.events).padStart(6)}  ` +
        `${types.map((k) => `${t.type[k]} ${d.byEventType[k]}`).join(', ')}  ` +
        `(${d.first} .. ${d.last})`,
    );
  }
  for (const [title, list] of [
    [t.attackers, s.attackers],
    [t.victims, s.victims],
  ] as const) {
    out.push('', `${title}:`);
    if (!list.length) out.push(`  ${t.none}`);
    for (const r of list)
      out.push(`  ${printable(r.ip).padEnd(16)} ${String(r.events).padStart(6)}`);
  }
  const types = new Set<EventType>(
    s.devices.flatMap((d) =>
      (Object.keys(d.byEventType) as EventType[]).filter((k) => d.byEventType[k] > 0),
    ),
  );
  if (types.size) {
    out.push('', `${t.advice}:`);
    for (const k of types) out.push(`  ${t.type[k]}: ${ADVICE[k][lang]}`);
  }
  if (s.unknownRules.length) {
    out.push('', `${t.unknownRules}:`);
    for (const u of s.unknownRules)
      out.push(
        `  ${u.ruleId}: ${u.events} ${t.events}, ` +
          `${u.devices.map(printable).join(', ')} (${u.first} .. ${u.last})`,
      );
  }
  out.push('', `${t.sources}:`);
  for (const src of s.sources) {
    if ('skipped' in src) {
      out.push(`  ${printable(src.path)}: ${t.skipped}: ${printable(src.skipped)}`);
    } else {
      out.push(
        `  ${printable(src.path)}: ${src.kind}, ${src.encoding}; ` +
          `${src.lines} = ${src.events} + ${src.duplicates} + ${src.malformed} + ${src.other}`,
      );
      // The message says where the read stopped, why and what to do.
      if (src.error) out.push(`    ${t.problem}: ${printable(src.error)}`);
    }
  }
  if (malformed.length) {
    out.push('', `${t.malformedLines}:`);
    const groups = groupMalformed(malformed);
    for (const g of groups.slice(0, 20)) {
      const where =
        g.lines.length === 1
          ? `${g.lines[0]}`
          : `${g.lines[0]}..${g.lines.at(-1)} (${g.lines.length})`;
      out.push(
        `  ${printable(g.source)}:${where}: ${g.reason}`,
        `    ${printable(g.example.slice(0, 200))}`,
      );
    }
    if (groups.length > 20) out.push(`  ${t.more(groups.length - 20)}`);
  }
  return out.join('\n') + '\n';
}

/** The readable answer of `seclog rule ID`. */
export function formatRule(id: string, rule: Rule | null, lang: Lang): string {
  const t = TEXT[lang];
  if (!rule) return `${t.unknownRule(id)}\n${t.advice}: ${ADVICE.unknown[lang]}\n`;
  const lines = [`${rule.id}: ${rule.name[lang]}`, `${t.ruleType}: ${t.type[rule.eventType]}`];
  if (rule.description[lang]) lines.push(rule.description[lang]);
  lines.push(`${t.advice}: ${ADVICE[rule.eventType][lang]}`);
  return lines.join('\n') + '\n';
}
