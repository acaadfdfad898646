import { MeshApp, Severity, ValidationRules } from '../../src';
import { synth, synthError } from '../util';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Asserts that `app` breaks rule `id` at `path` with `value`, with the rule's message (errors fail synthesis; warnings do not). */
export function expectRule(app: MeshApp, id: string, path: string, value: string): void {
  const rule = ValidationRules.byId(id);
  if (rule.severity === Severity.ERROR) {
    const message = synthError(app);
    expect(message).toContain(`${id} [error] at ${path}: ${rule.message}`);
    expect(message).toMatch(new RegExp(`${escape(id)} \\[error\\] at ${escape(path)}: [^\\n]*Value: ${escape(value)}\\.( |\\n|$)`));
  } else {
    synth(app);
    const mesh = app.node.findAll().find(c => (c as any).diagnostics !== undefined) as any;
    const found = mesh.diagnostics.warnings.filter((d: any) => d.rule.id === id);
    expect(found.map((d: any) => ({ path: d.path, value: d.value, message: d.rule.message }))).toEqual([{ path, value, message: rule.message }]);
  }
}
