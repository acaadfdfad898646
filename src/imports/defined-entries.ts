// Not generated: the generated bindings of this folder import it (scripts/imports-optimize.ts).

/** The own enumerable entries of `o` whose value is not undefined, as a new object, in one pass. */
export function definedEntries(o: { [key: string]: any }): { [key: string]: any } {
  const r: { [key: string]: any } = {};
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined) continue;
    if (k === '__proto__') Object.defineProperty(r, k, { value: v, enumerable: true, writable: true, configurable: true });
    else r[k] = v;
  }
  return r;
}
