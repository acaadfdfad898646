import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { FOLDER_ORDER, UNLAYERED } from '../../projenrc/layers';

const SRC = path.join(__dirname, '..', '..', 'src');

interface Edge { readonly from: string; readonly to: string; readonly file: string }

/** Every relative import, export-from and dynamic import of the files under `dir`, type-only ones included. */
function importsOf(dir: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!UNLAYERED.includes(entry.name)) out.push(...importsOf(full));
      continue;
    }
    if (!entry.name.endsWith('.ts')) continue;
    const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        out.push({ file: full, target: node.moduleSpecifier.text });
      } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
        && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
        out.push({ file: full, target: node.arguments[0].text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The top folder of a path under src/ (`index` for src/index.ts). */
function folderOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : path.basename(parts[0], '.ts');
}

/** Folder-to-folder import edges of src/. */
function folderEdges(): Edge[] {
  return importsOf(SRC)
    .filter(i => i.target.startsWith('.'))
    .map(i => ({ from: folderOf(i.file), to: folderOf(path.resolve(path.dirname(i.file), i.target)), file: path.relative(SRC, i.file) }))
    .filter(e => e.from !== e.to && !UNLAYERED.includes(e.to));
}

/** Edges that point up: from a folder to a later one (or to index.ts). */
function upwardEdges(edges: Edge[]): Edge[] {
  const rank = (folder: string) => folder === 'index' ? FOLDER_ORDER.length : FOLDER_ORDER.indexOf(folder);
  return edges.filter(e => rank(e.from) === -1 || rank(e.to) === -1 || rank(e.to) > rank(e.from));
}

/** Folder cycles (strongly connected components with more than one folder), found with Tarjan's algorithm. */
function folderCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    if (!graph.has(e.to)) graph.set(e.to, new Set());
    graph.get(e.from)!.add(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const strongConnect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) strongConnect(v);
  return cycles;
}

describe('layers of src/', () => {
  const edges = folderEdges();

  test('every folder of src/ is a layer', () => {
    const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
    expect(folders.filter(f => !FOLDER_ORDER.includes(f) && !UNLAYERED.includes(f))).toEqual([]);
  });

  test('no folder imports a folder above it', () => {
    expect(upwardEdges(edges).map(e => `${e.file} imports ${e.to}`)).toEqual([]);
  });

  test('no import cycle between folders', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  test('topology (the core) imports no feature folder', () => {
    expect(edges.filter(e => e.from === 'topology' && !['validation', 'core'].includes(e.to))).toEqual([]);
  });

  test('the checks catch an upward import and a cycle', () => {
    const bad: Edge[] = [
      { from: 'topology', to: 'security', file: 'topology/mesh.ts' },
      { from: 'security', to: 'topology', file: 'security/peer-auth.ts' },
    ];
    expect(upwardEdges(bad).map(e => e.file)).toEqual(['topology/mesh.ts']);
    expect(folderCycles(bad)).toEqual([['security', 'topology']]);
    expect(edges.length).toBeGreaterThan(50);
  });
});
