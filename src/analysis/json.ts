import { JsonObject, jsonArray, jsonObject, jsonStringRecord, objectsOf, stringsOf } from '../core/json';

/*
 * The analysis reads manifests without trusting their shape: a value of the wrong shape reads as empty
 * (src/core/json.ts reads it as absent; these wrap it for the analyzers' chained reads).
 */

/** A parsed manifest or one of its maps. */
export type JsonMap = JsonObject;

const EMPTY: JsonMap = Object.freeze({});

/** `value` when it is an object (not a list), otherwise an empty map. */
export function map(value: unknown): JsonMap {
  return jsonObject(value) ?? EMPTY;
}

/** `value` when it is a list, otherwise an empty list. */
export function list(value: unknown): readonly unknown[] {
  return jsonArray(value);
}

/** The items of a list that are maps. */
export function maps(value: unknown): JsonMap[] {
  return objectsOf(value);
}

/** `value` when it is a non-empty string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The strings of a list. */
export function texts(value: unknown): string[] {
  return stringsOf(value);
}

/** `value` as a number (numbers and numeric strings). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A string-to-string map (labels, annotations, selectors); other entries are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  return jsonStringRecord(value) ?? {};
}
