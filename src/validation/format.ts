import type { Diagnostic } from './diagnostics';

/** Renders a value for a diagnostic: strings quoted, objects as compact JSON. */
export function renderValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Formats one diagnostic as a single line with path, value, rule ID and fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const detail = d.detail ? ` ${d.detail}` : '';
  return `${d.rule.id} [${d.rule.severity}] at ${d.path}: ${d.rule.message}${detail} Value: ${d.value}. Fix: ${d.rule.fix}`;
}

/** Diagnostics sorted by construct path (then rule ID), each distinct diagnostic once. */
export function sortedUnique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = `${d.path}\u0000${d.rule.id}\u0000${d.value}\u0000${d.detail ?? ''}`;
    if (!seen.has(key)) seen.set(key, d);
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...seen.values()].sort((a, b) => compare(a.path, b.path) || compare(a.rule.id, b.rule.id));
}

/** Prints warnings to stderr, one line each. */
export function printWarnings(warnings: Diagnostic[]): void {
  for (const warning of warnings) process.stderr.write(`cdk8s-mesh warning: ${formatDiagnostic(warning)}\n`);
}

/** Where an internal error was thrown: the first frame of its stack inside the library, for the bug report. */
export function internalErrorDetail(error: unknown): string {
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1).map(l => l.trim()) : [];
  const frame = frames.find(f => /cdk8s-mesh|[/\\](src|lib)[/\\]/.test(f)) ?? frames[0];
  return frame ? `(${error instanceof Error ? error.name : 'Error'} ${frame})` : '';
}

/**
 * Thrown when a mesh breaks one or more rules. Lists every broken rule; nothing is written.
 */
export class MeshValidationError extends Error {
  /** Every diagnostic that failed synthesis. */
  public readonly diagnostics: Diagnostic[];

  /**
   * @param meshPath the construct path of the failing mesh; several meshes' paths joined by ", "
   * @param failing the diagnostics that fail synthesis
   * @param warnings every warning (those in `failing` are not repeated)
   */
  constructor(meshPath: string, failing: Diagnostic[], warnings: Diagnostic[]) {
    const sorted = sortedUnique(failing);
    const lines = sorted.map(d => `  - ${formatDiagnostic(d)}`);
    const notes = sortedUnique(warnings.filter(w => !failing.includes(w))).map(d => `  - ${formatDiagnostic(d)}`);
    const meshes = meshPath.split(', ');
    const subject = meshes.length > 1 ? `meshes ${meshes.map(m => `"${m}"`).join(', ')} have` : `mesh "${meshPath}" has`;
    const summary = `cdk8s-mesh: ${subject} ${sorted.length} problem(s); no manifests were written.`;
    super([summary, ...lines, ...(notes.length ? ['Warnings:', ...notes] : [])].join('\n'));
    this.name = 'MeshValidationError';
    this.diagnostics = sorted;
  }
}
