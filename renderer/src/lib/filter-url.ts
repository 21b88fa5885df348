/**
 * The events filter as hash parameters, so every figure can link to the events behind it
 * and the back button works. Each value is checked with the contract's own filter schema;
 * a value the engine would refuse is left out.
 */
import { filterSchema, type Filter } from '../../../shared/api/contract.js';
import { href } from './place.js';

/** A filter field that takes one value. */
type Single = 'from' | 'to' | 'ip' | 'ipSide' | 'port' | 'text';
/** A filter field that takes a list of values. */
type Multi = 'eventTypes' | 'messageTypes' | 'rules' | 'devices' | 'roles' | 'directions';
/** A field users see as a chip. */
export type FilterKey = Exclude<Single, 'ipSide'> | Multi;

/** Parameter name of each field in the hash. */
const PARAM: Record<Single | Multi, string> = {
  from: 'from',
  to: 'to',
  ip: 'ip',
  ipSide: 'side',
  port: 'port',
  text: 'text',
  eventTypes: 'type',
  messageTypes: 'mtype',
  rules: 'rule',
  devices: 'device',
  roles: 'role',
  directions: 'dir',
};

const SINGLES: Single[] = ['from', 'to', 'ip', 'ipSide', 'port', 'text'];
const MULTIS: Multi[] = ['eventTypes', 'messageTypes', 'rules', 'devices', 'roles', 'directions'];

/** Whether the contract accepts `value` for `key`. */
export function validField(key: keyof Filter, value: unknown): boolean {
  try {
    filterSchema({ [key]: value });
    return true;
  } catch {
    return false;
  }
}

/** The filter that hash parameters describe; invalid values are dropped. */
export function filterFromParams(params: URLSearchParams): Filter {
  const f: Record<string, unknown> = {};
  for (const key of SINGLES) {
    const raw = params.get(PARAM[key]);
    if (raw === null || raw === '') continue;
    const value = key === 'port' ? Number(raw) : raw;
    if (validField(key, value)) f[key] = value;
  }
  for (const key of MULTIS) {
    const values = [...new Set(params.getAll(PARAM[key]))].filter((v) => validField(key, [v]));
    if (values.length > 0) f[key] = values;
  }
  return f as Filter;
}

/** Hash parameters describing a filter. */
export function paramsFromFilter(filter: Filter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of SINGLES) {
    const v = filter[key];
    if (v !== undefined) params.set(PARAM[key], String(v));
  }
  for (const key of MULTIS) for (const v of filter[key] ?? []) params.append(PARAM[key], v);
  return params;
}

/** A link to the events view showing what `filter` matches. */
export function eventsLink(filter: Filter): string {
  return href(['events'], paramsFromFilter(filter));
}

/** One removable chip: a field and one of its values. */
export interface Chip {
  key: FilterKey;
  value: string;
}

/** The chips of a filter, one per value. */
export function chipsOf(filter: Filter): Chip[] {
  const chips: Chip[] = [];
  for (const key of SINGLES) {
    const v = filter[key];
    if (v !== undefined && key !== 'ipSide') chips.push({ key, value: String(v) });
  }
  for (const key of MULTIS) for (const value of filter[key] ?? []) chips.push({ key, value });
  return chips;
}

/** The filter without one chip (removing the address also removes its side). */
export function withoutChip(filter: Filter, chip: Chip): Filter {
  const next: Filter = { ...filter };
  if (chip.key === 'ip') delete next.ipSide;
  if ((MULTIS as string[]).includes(chip.key)) {
    const key = chip.key as Multi;
    const left = (filter[key] ?? []).filter((v) => v !== chip.value);
    if (left.length > 0) (next as Record<string, unknown>)[key] = left;
    else delete next[key];
  } else delete next[chip.key as Single];
  return next;
}

/** The filter with one more value (a single-valued field is replaced). */
export function withValue(filter: Filter, key: FilterKey, value: string): Filter {
  const next: Record<string, unknown> = { ...filter };
  if ((MULTIS as string[]).includes(key)) {
    const old = (filter[key as Multi] ?? []) as string[];
    next[key] = old.includes(value) ? old : [...old, value];
  } else next[key] = key === 'port' ? Number(value) : value;
  return next as Filter;
}
