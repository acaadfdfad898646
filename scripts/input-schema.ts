/**
 * Writes src/validation/input/schema.generated.ts from the `.jsii` assembly that `npx jsii` writes:
 * one entry per public type, with what its values must look like at runtime. `npx projen schema:inputs`
 * (after `npx jsii`); test/examples/jsii-package.test.ts checks the file is current.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderInputSchema } from './input-schema-render';

const root = path.join(__dirname, '..');
const file = path.join(root, 'src', 'validation', 'input', 'schema.generated.ts');
fs.writeFileSync(file, renderInputSchema(root));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
