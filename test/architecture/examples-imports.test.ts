import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const SRC = path.join(__dirname, '..', '..', 'src');

/** Every module specifier of the TypeScript files under `dir`, with its file. */
function specifiers(dir: string): Array<[string, string]> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry): Array<[string, string]> => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : specifiers(full);
    if (!entry.name.endsWith('.ts')) return [];
    const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, false);
    return source.statements
      .filter((s): s is ts.ImportDeclaration | ts.ExportDeclaration => ts.isImportDeclaration(s) || ts.isExportDeclaration(s))
      .flatMap((s): Array<[string, string]> => s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)
        ? [[path.relative(EXAMPLES, full), s.moduleSpecifier.text]] : []);
  });
}

test('examples import the library as users do, from \'cdk8s-mesh\', never from the repository\'s src/', () => {
  const all = specifiers(EXAMPLES);
  const intoSrc = all.filter(([file, spec]) => spec.startsWith('.') && path.resolve(EXAMPLES, path.dirname(file), spec).startsWith(SRC));
  expect(intoSrc).toEqual([]);
  expect(all.filter(([, spec]) => spec === 'cdk8s-mesh').length).toBeGreaterThanOrEqual(15);
});
