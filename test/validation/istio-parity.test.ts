import { Severity, ValidationRules } from '../../src';
import { ISTIO_PARITY } from '../../src/validation/input/istio-parity';
import { isHeaderValue } from '../../src/validation/input/value-checks';

/** The Istio validation parity table (docs/RULES.md) names real rules and says, for every check, how it is met. */
describe('Istio validation parity', () => {
  test('every row has exactly one of: rules, a reason it cannot occur, or what is open', () => {
    const bad = ISTIO_PARITY.filter(r => [r.rules?.length ? 1 : 0, r.without ? 1 : 0, r.open ? 1 : 0].reduce((a, b) => a + b) !== 1);
    expect(bad).toEqual([]);
  });

  test('every rule named exists, and the rules that reject a value are errors or warnings', () => {
    const named = ISTIO_PARITY.flatMap(r => r.rules ?? []);
    expect(named.filter(id => ValidationRules.byId(id) === undefined)).toEqual([]);
    expect(named.map(id => ValidationRules.byId(id)?.severity).filter(s => s === Severity.INFO)).toEqual([]);
  });

  test('each check is listed once, and the Istio-derived MESH-VAL rules appear in the table', () => {
    const keys = ISTIO_PARITY.map(r => `${r.kind}: ${r.check}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const named = new Set(ISTIO_PARITY.flatMap(r => r.rules ?? []));
    const istioVal = ValidationRules.all().filter(r => r.id.startsWith('MESH-VAL-') && /Istio['\u2019]s (webhook|mesh config)/.test(r.doc));
    expect(istioVal.map(r => r.id).filter(id => !named.has(id))).toEqual([]);
  });

  test('the open checks are few and named', () => {
    const open = ISTIO_PARITY.filter(r => r.open);
    expect(open.length).toBeLessThanOrEqual(8);
  });
});

test('header values as Envoy\'s formatter parses them (Istio\'s ValidateHTTPHeaderValue examples)', () => {
  const valid = ['foo', '%HOSTNAME%', '100%%', 'prefix %HOSTNAME% suffix', '%REQ(x-request-id)%', '%START_TIME(%s)%', '%FILTER_STATE(["a", "b"])%', '', 'tab\there'];
  const invalid = ['abc%123', '%START_TIME%%', '%REQ(x', 'line\nbreak', '%F(["a" x])%', '50%'];
  expect(valid.filter(v => !isHeaderValue(v))).toEqual([]);
  expect(invalid.filter(v => isHeaderValue(v))).toEqual([]);
});
