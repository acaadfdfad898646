/** A parsed manifest or one of its maps, read without trusting its shape. */
export type JsonMap = { readonly [key: string]: unknown };

const EMPTY: JsonMap = Object.freeze({});

/** `value` when it is an object (not a list), otherwise an empty map. */
export function map(value: unknown): JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as JsonMap : EMPTY;
}

/** `value` when it is a list, otherwise an empty list. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The items of a list that are maps. */
export function maps(value: unknown): JsonMap[] {
  return list(value).filter(v => typeof v === 'object' && v !== null && !Array.isArray(v)) as JsonMap[];
}

/** `value` when it is a non-empty string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The strings of a list. */
export function texts(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

/** `value` as a number (numbers and numeric strings). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A string-to-string map (labels, annotations, selectors); other entries are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A stable text form of a value with object keys sorted, for comparing JSON by content. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
