/**
 * The rule catalogue: what a Trend Micro rule ID means and what to do about it.
 * It ships three IDs (catalogue.json) and grows with VIVOTEK's published list.
 */
import catalogue from './catalogue.json' with { type: 'json' };
import type { EventType } from '../model.js';
import { guessSeparator, splitRow } from '../csv.js';
import { headerKey } from '../formats/tables.js';

/** Text in the two languages the app speaks. */
export interface Localised {
  en: string;
  es: string;
}

/** What is known about one rule ID. */
export interface Rule {
  id: string;
  eventType: EventType;
  name: Localised;
  description: Localised;
  /** Where the entry came from: `built-in` or the imported list's name. */
  origin: string;
}

/** The guide's advice for each event type. */
export const ADVICE: Record<EventType, Localised> = catalogue.advice;

/** Reads an event type from free text in English or Spanish; `unknown` when nothing fits. */
export function eventTypeFromText(text: string): EventType | null {
  const t = headerKey(text);
  if (!t) return null;
  if (/brute|fuerzabruta/.test(t)) return 'brute_force';
  if (/quarantin|cuarentena/.test(t)) return 'quarantine';
  if (/cyber|ciberataque|attack|ataque/.test(t)) return 'cyber_attack';
  return 'unknown';
}

/**
 * Result of importing a rule list: how many entries, and each problem as a sentence that
 * names the list and the line or entry, says why and what to do.
 */
export interface ImportResult {
  added: number;
  replaced: number;
  problems: string[];
}

const ID_KEYS = ['ruleid', 'id', 'rule', 'idderegla', 'regla'];
const NAME_KEYS = ['name', 'rulename', 'title', 'nombre'];
const DESC_KEYS = ['description', 'descripcion', 'detail', 'details'];
const TYPE_KEYS = ['eventtype', 'type', 'category', 'tipodeevento', 'tipo', 'categoria'];

function pick(row: Record<string, string>, keys: string[]): string {
  for (const k of keys) {
    const v = row[k];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return '';
}

/** The rule catalogue, built-in entries first; imports add or replace entries by ID. */
export class RuleBook {
  #rules = new Map<string, Rule>();
  /** The same entries by number, for IDs written the one way a number is (no leading zero). */
  #byNumber = new Map<number, Rule>();
  #version = 0;

  /** Changes whenever an entry is added or replaced, so copies know when they are stale. */
  get version(): number {
    return this.#version;
  }

  constructor() {
    for (const r of catalogue.rules) {
      this.#set({ ...r, eventType: r.eventType as EventType, origin: 'built-in' });
    }
  }

  /** The entry for a rule ID (`1133810` or `s.1133810`), or null when the ID is unknown. */
  lookup(id: string): Rule | null {
    const hit = this.#rules.get(id);
    if (hit !== undefined) return hit;
    return this.#rules.get(id.trim().replace(/^s\s*\./i, '')) ?? null;
  }

  /** The entry for a rule ID given as a number, or null; the parser's fast path asks this. */
  lookupNumber(id: number): Rule | null {
    return this.#byNumber.get(id) ?? null;
  }

  /** Adds or replaces one entry (a rule kept in a saved session). */
  add(rule: Rule): void {
    this.#version++;
    this.#set(rule);
  }

  #set(rule: Rule): void {
    this.#rules.set(rule.id, rule);
    if (/^[1-9]\d{0,14}$/.test(rule.id)) this.#byNumber.set(Number(rule.id), rule);
  }

  /** Every known rule, ordered by ID. */
  all(): Rule[] {
    return [...this.#rules.values()].sort((a, b) =>
      a.id.localeCompare(b.id, 'en', { numeric: true }),
    );
  }

  /**
   * Imports VIVOTEK's rule list from CSV/TSV text (a header row with at least a rule ID
   * column) or JSON (an array of objects, or an object keyed by rule ID).
   */
  import(text: string, origin: string): ImportResult {
    const body = text.replace(/^\uFEFF/, '');
    const rows = /^\s*[[{]/.test(body) ? jsonRows(body, origin) : csvRows(body, origin);
    const result: ImportResult = { added: 0, replaced: 0, problems: rows.problems };
    for (const { row, where } of rows.rows) {
      const id = pick(row, ID_KEYS).replace(/^s\s*\./i, '');
      if (!/^\d+$/.test(id)) {
        result.problems.push(
          `${named(origin)}, ${where}: no rule ID (a number) here, so this entry was left out. ` +
            'Fill in its rule ID, or remove it if it is no rule.',
        );
        continue;
      }
      const name = pick(row, NAME_KEYS);
      const description = pick(row, DESC_KEYS);
      const typeText = pick(row, TYPE_KEYS);
      const old = this.#rules.get(id);
      const eventType = (typeText && eventTypeFromText(typeText)) || old?.eventType || 'unknown';
      this.#version++;
      this.#set({
        id,
        eventType,
        name: name ? { en: name, es: name } : (old?.name ?? { en: '', es: '' }),
        description: description
          ? { en: description, es: description }
          : (old?.description ?? { en: '', es: '' }),
        origin,
      });
      if (old) result.replaced++;
      else result.added++;
    }
    return result;
  }
}

type Rows = { rows: { row: Record<string, string>; where: string }[]; problems: string[] };

/** The list's name in a message, quoted and on one line. */
function named(origin: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return `the rule list '${origin.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD')}'`;
}

function csvRows(text: string, origin: string): Rows {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) {
    const problem =
      `${named(origin)} is empty, so no rule was imported. ` +
      "Choose the file of VIVOTEK's rule list (CSV or JSON).";
    return { rows: [], problems: [problem] };
  }
  const sep = guessSeparator(lines[headerAt]!);
  const header = splitRow(lines[headerAt]!, sep).map(headerKey);
  if (!header.some((h) => ID_KEYS.includes(h))) {
    const problem =
      `${named(origin)}, line ${headerAt + 1}: the header has no rule ID column, so no rule ` +
      'was imported. Name the column of rule IDs "Rule ID" (or "ID") and import the list again.';
    return { rows: [], problems: [problem] };
  }
  const rows: Rows['rows'] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = splitRow(lines[i]!, sep);
    const row: Record<string, string> = {};
    header.forEach((h, j) => (row[h] = cells[j] ?? ''));
    rows.push({ row, where: `line ${i + 1}` });
  }
  return { rows, problems: [] };
}

function jsonRows(text: string, origin: string): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const problem =
      `${named(origin)} is not valid JSON (${(err as Error).message}), so no rule was ` +
      'imported. Save the list again as JSON, or as CSV with a "Rule ID" column.';
    return { rows: [], problems: [problem] };
  }
  // A list may come wrapped: { "rules": [ ... ] }.
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const arrays = Object.values(data).filter(Array.isArray);
    if (arrays.length === 1) data = arrays[0];
  }
  const list: [string, unknown][] = Array.isArray(data)
    ? data.map((v, i) => [`entry ${i + 1}`, v])
    : Object.entries(data as object).map(([k, v]) => [
        `entry '${k}'`,
        typeof v === 'object' ? { id: k, ...v } : { id: k, name: v },
      ]);
  const rows: Rows['rows'] = [];
  for (const [where, v] of list) {
    if (!v || typeof v !== 'object') continue;
    const row: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val === 'string' || typeof val === 'number') row[headerKey(k)] = String(val);
    }
    rows.push({ row, where });
  }
  return { rows, problems: [] };
}
