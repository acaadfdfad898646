import { CASES } from './cases';
import { findings, newMesh, ofRule } from './fixtures';
import { Severity } from '../../src';

describe.each(CASES)('$rule ($code): $shape', c => {
  test('flags the configuration and names the object\'s declaring construct', () => {
    const f = newMesh(c.props);
    const culprit = c.fail(f);
    const { failed, diagnostics } = findings(f.app, f.mesh);
    const hits = ofRule(diagnostics, c.rule);
    expect(hits.map(h => h.path)).toContain(culprit.node.path);
    if (hits[0].rule.severity === Severity.ERROR) expect(failed).toBe(true);
    if (c.code !== '-') expect(hits[0].rule.istioCode).toBe(c.code);
  });

  test('the corrected configuration raises nothing', () => {
    const f = newMesh(c.passProps ?? c.props);
    c.pass(f);
    const { failed, diagnostics } = findings(f.app, f.mesh);
    expect(ofRule(diagnostics, c.rule)).toEqual([]);
    expect(diagnostics.filter(d => d.rule.severity === Severity.ERROR)).toEqual([]);
    expect(failed).toBe(false);
  });
});
