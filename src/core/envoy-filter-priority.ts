/**
 * The default priority of EnvoyFilters whose patches are relative (INSERT_BEFORE/AFTER, REPLACE, REMOVE): explicit,
 * so they apply after filters at the default priority 0 that may add their anchor (istioctl analyze IST0151).
 */
export const RELATIVE_PATCH_PRIORITY = 10;

/** EnvoyFilter patch operations that act relative to another filter or object. */
export const RELATIVE_PATCH_OPERATIONS: ReadonlySet<string> = new Set(['INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE']);
