import type { Diagnostic } from './diagnostics';

/** Renders a value for a diagnostic: strings quoted, objects as compact JSON. */
export function renderValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  return JSON.stringify(value) ?? String(value);
}

/** Formats one diagnostic as a single line with path, value, rule ID and fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const detail = d.detail ? ` ${d.detail}` : '';
  return `${d.rule.id} [${d.rule.severity}] at ${d.path}: ${d.rule.message}${detail} Value: ${d.value}. Fix: ${d.rule.fix}`;
}

/**
 * Thrown when a mesh breaks one or more rules. Lists every broken rule; nothing is written.
 */
export class MeshValidationError extends Error {
  /** Every diagnostic that failed synthesis. */
  public readonly diagnostics: Diagnostic[];

  constructor(meshPath: string, failing: Diagnostic[], warnings: Diagnostic[]) {
    const lines = failing.map(d => `  - ${formatDiagnostic(d)}`);
    const notes = warnings.filter(w => !failing.includes(w)).map(d => `  - ${formatDiagnostic(d)}`);
    const summary = `cdk8s-mesh: mesh "${meshPath}" has ${failing.length} problem(s); no manifests were written.`;
    super([summary, ...lines, ...(notes.length ? ['Warnings:', ...notes] : [])].join('\n'));
    this.name = 'MeshValidationError';
    this.diagnostics = failing;
  }
}
