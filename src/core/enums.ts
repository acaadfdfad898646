/**
 * The generated enum value for a library enum value, read from an exhaustive table
 * (`Record<LibraryEnum, GeneratedEnum>`, so a new library value without a mapping fails to compile).
 * Undefined stays undefined.
 */
export function mapEnum<Library extends string, Generated>(table: Record<Library, Generated>, value: Library | undefined): Generated | undefined {
  return value === undefined ? undefined : table[value];
}
