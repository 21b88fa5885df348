/**
 * A small schema kit for checking requests at the edge (IPC, HTTP). A schema both checks
 * an `unknown` value and names its TypeScript type, so the contract is written once.
 */

/** A checker: returns the value typed, or throws a CheckError naming the bad field. */
export interface Schema<T> {
  (value: unknown, at?: string): T;
}

/** A request that does not fit its schema; `message` says which field and why. */
export class CheckError extends Error {
  override name = 'CheckError';
}

/** The type a schema checks. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

const fail = (at: string, what: string): never => {
  throw new CheckError(`${at || 'request'}: ${what}`);
};

/** A string of at most `max` characters (default 10,000), optionally matching a pattern. */
export function str(opts: { max?: number; pattern?: RegExp } = {}): Schema<string> {
  const max = opts.max ?? 10_000;
  return (v, at = '') => {
    if (typeof v !== 'string') return fail(at, 'expected a string');
    if (v.length > max) return fail(at, `longer than ${max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return fail(at, 'not in the expected form');
    return v;
  };
}

/** A whole number between min and max. */
export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Schema<number> {
  return (v, at = '') => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(at, 'expected a whole number');
    if (v < min || v > max) return fail(at, `expected a number from ${min} to ${max}`);
    return v;
  };
}

/** A boolean. */
export const bool: Schema<boolean> = (v, at = '') =>
  typeof v === 'boolean' ? v : fail(at, 'expected true or false');

/** One of the given words. */
export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return (v, at = '') =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T[number])
      : fail(at, `expected one of ${values.join(', ')}`);
}

/** An array of at most `max` items. */
export function list<T>(item: Schema<T>, max = 1000): Schema<T[]> {
  return (v, at = '') => {
    if (!Array.isArray(v)) return fail(at, 'expected a list');
    if (v.length > max) return fail(at, `more than ${max} items`);
    return v.map((x, i) => item(x, `${at}[${i}]`));
  };
}

type Shape = Record<string, Schema<unknown>>;
type Optional<S> = S & { optional: true };
type OptKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends { optional: true } ? K : never;
}[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptKeys<S>>]: Infer<S[K]> } & {
  [K in OptKeys<S>]?: Infer<S[K]>;
};

/** A field that may be left out (or be undefined). */
export function optional<T>(schema: Schema<T>): Optional<Schema<T | undefined>> {
  const s = ((v: unknown, at?: string) =>
    v === undefined ? undefined : schema(v, at)) as Optional<Schema<T | undefined>>;
  s.optional = true;
  return s;
}

/** A plain object with exactly these fields: unknown fields are refused. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return (v, at = '') => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return fail(at, 'expected an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key)) fail(at ? `${at}.${key}` : key, 'unknown field');
    }
    for (const [key, schema] of Object.entries(shape)) {
      const value = schema((v as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  };
}

/** A request without fields. */
export const empty = object({});
