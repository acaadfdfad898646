import * as fs from 'fs';
import * as path from 'path';
import { Severity, ValidationRules } from '../../src';
import { ISTIO_CODES } from '../../src/validation/istio-coverage';

/** Every test file except this one: each rule must be exercised by a failing-input test somewhere. */
function testSources(dir: string): string {
  return fs.readdirSync(dir, { withFileTypes: true }).map(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testSources(full);
    return entry.name.endsWith('.test.ts') && full !== __filename ? fs.readFileSync(full, 'utf8') : '';
  }).join('\n');
}

describe('the rule catalogue', () => {
  const rules = ValidationRules.all();

  test('rule IDs are unique and well-formed', () => {
    const ids = rules.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^MESH-(CORE|VAL|TOPO|SVC|GW|CP|ROUTE|SEC|PAT|OPS|PLAT|AMB|ANA)-\d{3}$/);
  });

  test('every rule has a message, a fix, a doc line and a severity', () => {
    for (const rule of rules) {
      expect({ id: rule.id, message: /^[A-Z`].*\.$/.test(rule.message) }).toEqual({ id: rule.id, message: true });
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(rule.doc.length).toBeGreaterThan(10);
      expect([Severity.ERROR, Severity.WARNING, Severity.INFO]).toContain(rule.severity);
    }
  });

  test('every rule has a failing-input test that names its ID', () => {
    const sources = testSources(path.join(__dirname, '..'));
    const untested = rules.map(r => r.id).filter(id => !sources.includes(`'${id}`) && !sources.includes(`${id} [`) && !sources.includes(`(${id})`));
    expect(untested).toEqual([]);
  });

  test('byId finds each rule', () => {
    for (const rule of rules) expect(ValidationRules.byId(rule.id)).toBe(rule);
  });
});

describe('the istioctl analyze rule map', () => {
  const rules = ValidationRules.all();

  test('every Istio code has a rule or a reason, and every rule code is an Istio code', () => {
    const codes = new Set(ISTIO_CODES.map(c => c.code));
    expect(rules.filter(r => r.istioCode && !codes.has(r.istioCode)).map(r => r.id)).toEqual([]);
    const uncovered = ISTIO_CODES.filter(c => !c.without && !rules.some(r => r.istioCode === c.code)).map(c => c.code);
    expect(uncovered).toEqual([]);
    const both = ISTIO_CODES.filter(c => c.without && rules.some(r => r.istioCode === c.code)).map(c => c.code);
    expect(both).toEqual([]);
  });
});
