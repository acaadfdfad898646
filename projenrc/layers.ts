/**
 * The layers of `src/`, bottom first. A folder may import its own layer's earlier folders and every lower
 * layer, never a later folder: imports point down, so there is no cycle between folders. `src/index.ts`
 * sits on top; `src/imports/` (generated bindings) may be imported from anywhere and imports nothing.
 * Folders inside one layer are siblings; their order only fixes the direction of imports between them.
 * Used by the lint rule (.projenrc.ts) and test/architecture/layers.test.ts; docs/ARCHITECTURE.md explains it.
 */
export const LAYERS: string[][] = [
  ['validation'],
  ['core'],
  ['topology'],
  ['workloads'],
  ['gateways', 'traffic', 'operations', 'observability', 'security', 'report'],
  ['platforms', 'controlplane', 'gitops'],
  ['patterns'],
  ['analysis'],
  ['facade'],
];

/** Folders that are not layers: any folder may import them. */
export const UNLAYERED = ['imports'];

/** Every layered folder, bottom first. */
export const FOLDER_ORDER: string[] = LAYERS.flat();

/** `import/no-restricted-paths` zones: each folder may not import a folder above it, nor `src/index.ts`. */
export function restrictedPathZones(): Array<{ target: string; from: string[]; message: string }> {
  return FOLDER_ORDER.map((folder, i) => ({
    target: `./src/${folder}`,
    from: [...FOLDER_ORDER.slice(i + 1).map(f => `./src/${f}`), './src/index.ts'],
    message: `src/${folder} is below these folders (projenrc/layers.ts, docs/ARCHITECTURE.md): import downwards only.`,
  }));
}
