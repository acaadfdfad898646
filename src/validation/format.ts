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

/** The jsii language of the program calling the library (`python`, `java`, `dotnet`, `go`), or undefined for JavaScript. */
export function callerLanguage(): string | undefined {
  const agent = process.env.JSII_AGENT;
  return agent ? agent.split('/')[0].toLowerCase() : undefined;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const snake = (name: string) => name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);

/**
 * Code in backticks (`addVersion()`, `policyScope: PolicyScope.NAMESPACE`) as the caller's language spells it:
 * snake_case members and `name=value` props for Python, PascalCase members for C# and Go; unchanged otherwise.
 */
export function inCallerLanguage(text: string, language = callerLanguage()): string {
  if (language !== 'python' && language !== 'dotnet' && language !== 'go') return text;
  return text.replace(/`([^`]+)`/g, (_all, code: string) => {
    if (/^[a-z][a-zA-Z0-9]*$/.test(code)) return `\`${language === 'python' ? snake(code) : pascal(code)}\``;
    let out = code.replace(/(^|[^\w.])([a-z][a-zA-Z0-9]*)(?=\s*[(:])|(\.)([a-z][a-zA-Z0-9]*)\b|\b([a-z]+[A-Z][a-zA-Z0-9]*)\b/g,
      (m: string, pre?: string, member?: string, dot?: string, dotted?: string, camel?: string) => {
        const name = member ?? dotted ?? camel ?? m;
        const spelled = language === 'python' ? snake(name) : pascal(name);
        return member !== undefined ? `${pre}${spelled}` : dot !== undefined ? `${dot}${spelled}` : spelled;
      });
    if (language === 'python') out = out.replace(/\b([a-z_][a-z0-9_]*): /g, '$1=');
    return `\`${out}\``;
  });
}

/** One diagnostic as the caller reads it: like `formatDiagnostic`, with code spelled in the caller's language. */
export function formatForCaller(d: Diagnostic): string {
  return inCallerLanguage(formatDiagnostic(d));
}

/** Prints warnings to stderr, one line each. */
export function printWarnings(warnings: Diagnostic[]): void {
  for (const warning of warnings) process.stderr.write(`cdk8s-mesh warning: ${formatForCaller(warning)}\n`);
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
    const lines = sorted.map(d => `  - ${formatForCaller(d)}`);
    const notes = sortedUnique(warnings.filter(w => !failing.includes(w))).map(d => `  - ${formatForCaller(d)}`);
    const meshes = meshPath.split(', ');
    const subject = meshes.length > 1 ? `meshes ${meshes.map(m => `"${m}"`).join(', ')} have` : `mesh "${meshPath}" has`;
    const summary = `cdk8s-mesh: ${subject} ${sorted.length} problem(s); no manifests were written.`;
    super([summary, ...lines, ...(notes.length ? ['Warnings:', ...notes] : [])].join('\n'));
    this.name = 'MeshValidationError';
    this.diagnostics = sorted;
  }
}
