/**
 * Every example synthesizes with no analysis error, and every warning it shows is deliberate: its rule ID is
 * explained in the example's header comment.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Mesh, Severity } from '../../src';
import { synthesizeExamples } from '../examples/all-examples';

const examples = synthesizeExamples();

/** The example's first block comment. */
function header(file: string): string {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8');
  return /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
}

test.each(examples.map(e => [e.name, e] as const))('%s: no error, and each warning is explained in its header', (_name, example) => {
  const diagnostics = example.app.node.findAll().filter((c): c is Mesh => c instanceof Mesh).flatMap(m => m.diagnostics.all);
  expect(diagnostics.filter(d => d.rule.severity === Severity.ERROR).map(d => `${d.rule.id} at ${d.path}`)).toEqual([]);
  const text = header(example.file);
  const unexplained = diagnostics.filter(d => d.rule.severity === Severity.WARNING && !text.includes(d.rule.id));
  expect(unexplained.map(d => `${d.rule.id} at ${d.path}: ${d.value}`)).toEqual([]);
});
