/**
 * Post-processes the bindings `cdk8s import` generates in src/imports/ (run by `import:istio` and `import:upstream`).
 * The generated `toJson_*` functions drop undefined values with
 * `Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})`, which copies the
 * object built so far once per key (quadratic in the keys, and an object allocated per key). They call
 * `definedEntries(x)` (src/imports/defined-entries.ts, kept by hand) instead: the same object (own enumerable
 * string keys in order, undefined values left out, `__proto__` as an own key) built in one pass. `npx ts-node scripts/imports-optimize.ts` rewrites every file; it is
 * idempotent.
 */
import * as fs from 'fs';
import * as path from 'path';

const IMPORTS_DIR = path.join(__dirname, '..', 'src', 'imports');

/** The generated filter, with the expression whose entries it reads (`result`, `obj.labels`, …) as group 1. */
const GENERATED_FILTER = /Object\.entries\(((?:result|obj\.[A-Za-z0-9_$]+))\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\)/g;

/** The module of the helper, next to the bindings (not exported from the package). */
export const HELPER_MODULE = 'defined-entries';
const IMPORT_LINE = `import { definedEntries } from './${HELPER_MODULE}';`;

/** The source with every generated filter replaced by `definedEntries(...)`, imported after the other imports. */
export function optimizeBindings(source: string): string {
  const replaced = source.replace(GENERATED_FILTER, 'definedEntries($1)');
  if (replaced === source || source.includes(IMPORT_LINE)) return replaced;
  const lines = replaced.split('\n');
  let afterImports = 0;
  lines.forEach((line, i) => {
    if (/^import .* from '.*';$/.test(line)) afterImports = i + 1;
  });
  lines.splice(afterImports, 0, IMPORT_LINE);
  return lines.join('\n');
}

/** The generated binding files. */
export function bindingFiles(dir = IMPORTS_DIR): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.ts') && f !== `${HELPER_MODULE}.ts`).sort().map(f => path.join(dir, f));
}

if (require.main === module) {
  for (const file of bindingFiles()) {
    const before = fs.readFileSync(file, 'utf8');
    const after = optimizeBindings(before);
    if (after !== before) {
      fs.writeFileSync(file, after);
      console.log(`imports-optimize: ${path.relative(process.cwd(), file)}`);
    }
  }
}
