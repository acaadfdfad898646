/**
 * Writes docs/RULES.md from the rule tables (`ValidationRules.all()`): the catalogue lives in code,
 * the document is generated. `npm run docs:rules`; test/validation/rules-doc.test.ts checks it is current.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from './rules-doc-render';

const file = path.join(__dirname, '..', 'docs', 'RULES.md');
fs.writeFileSync(file, renderRulesDoc());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
