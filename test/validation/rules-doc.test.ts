import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../../scripts/rules-doc-render';
import { ValidationRules } from '../../src';

test('docs/RULES.md is generated from the current rule tables (run `npm run docs:rules`)', () => {
  const file = path.join(__dirname, '..', '..', 'docs', 'RULES.md');
  expect(fs.readFileSync(file, 'utf8')).toBe(renderRulesDoc());
});

test('docs/RULES.md lists every rule of the catalogue', () => {
  const doc = renderRulesDoc();
  const missing = ValidationRules.all().map(r => r.id).filter(id => !doc.includes(`| ${id} |`));
  expect(missing).toEqual([]);
});
