import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { FieldSchema, TypeRef, TypeSchema } from '../src/validation/input/schema';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Assembly = { name: string; types: Record<string, any>; dependencies?: Record<string, string> };

function loadAssembly(file: string): Assembly {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The input schema, as TypeScript source, for the assembly at `<root>/.jsii`: every type of the
 * library, and the types of other packages (cdk8s, constructs, cdk8s-plus) that its types use.
 * Structs of other packages are flattened only where one of ours extends them; elsewhere they are
 * checked as plain objects.
 */
export function renderInputSchema(root: string): string {
  const own = loadAssembly(path.join(root, '.jsii'));
  const deps = new Map<string, Assembly>();
  for (const dep of Object.keys(own.dependencies ?? {})) {
    deps.set(dep, loadAssembly(path.join(root, 'node_modules', dep, '.jsii')));
  }
  const lookup = (fqn: string): any => {
    if (own.types[fqn]) return own.types[fqn];
    for (const asm of deps.values()) if (asm.types[fqn]) return asm.types[fqn];
    return undefined;
  };
  const out: Record<string, TypeSchema> = {};
  const pending: string[] = [];

  const typeRef = (t: any): TypeRef => {
    if (t.primitive) return t.primitive;
    if (t.fqn) {
      pending.push(t.fqn);
      return { ref: t.fqn };
    }
    if (t.collection) {
      const element = typeRef(t.collection.elementtype);
      return t.collection.kind === 'array' ? { array: element } : { map: element };
    }
    if (t.union) return { union: t.union.types.map(typeRef) };
    return 'any';
  };
  /**
   * Props a struct declares with `@jsii ignore` (TypeScript-only aliases such as `PolicyTargetOptions.scope`):
   * they are not in `.jsii`, but TypeScript and JavaScript callers may pass them, so they are checked too.
   */
  const sources = new Map<string, ts.SourceFile>();
  const tsType = (node: ts.TypeNode | undefined): TypeRef => {
    if (!node) return 'any';
    if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
    if (ts.isArrayTypeNode(node)) return { array: tsType(node.elementType) };
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && own.types[`${own.name}.${node.typeName.text}`]) {
      pending.push(`${own.name}.${node.typeName.text}`);
      return { ref: `${own.name}.${node.typeName.text}` };
    }
    return 'any';
  };
  const ignoredProps = (t: any): FieldSchema[] => {
    const file = t.locationInModule?.filename;
    if (typeof file !== 'string' || !t.fqn.startsWith(`${own.name}.`)) return [];
    let source = sources.get(file);
    if (!source) {
      source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
      sources.set(file, source);
    }
    const decl = source.statements.find((n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === t.name);
    const props: FieldSchema[] = [];
    for (const member of decl?.members ?? []) {
      if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
      const ignored = ts.getJSDocTags(member).some(tag => tag.tagName.text === 'jsii' && String(tag.comment ?? '').trim().startsWith('ignore'));
      if (ignored) props.push({ name: member.name.text, type: tsType(member.type), ...(member.questionToken ? { optional: true } : {}) });
    }
    return props;
  };
  const field = (p: any): FieldSchema => ({
    name: p.name,
    type: typeRef(p.type),
    ...(p.optional ? { optional: true } : {}),
    ...(p.variadic ? { variadic: true } : {}),
  });
  /** A type and its bases (classes: `base`; interfaces: `interfaces`), nearest first. */
  const lineage = (fqn: string): any[] => {
    const t = lookup(fqn);
    if (!t) return [];
    const bases: string[] = [...(t.base ? [t.base] : []), ...(t.interfaces ?? [])];
    return [t, ...bases.flatMap(lineage)];
  };
  const members = (fqn: string): string[] => {
    const names = new Set<string>();
    for (const t of lineage(fqn)) {
      for (const m of t.methods ?? []) if (!m.static) names.add(m.name);
      for (const p of t.properties ?? []) if (!p.static && !p.optional) names.add(p.name);
    }
    return [...names].sort();
  };

  const describe = (fqn: string): TypeSchema | undefined => {
    const t = lookup(fqn);
    if (!t) return undefined;
    const module = fqn.startsWith(`${own.name}.`) ? undefined : fqn.split('.')[0];
    const where = module ? { module } : {};
    if (t.kind === 'enum') return { kind: 'enum', members: t.members.map((m: any) => m.name), ...where };
    if (t.kind === 'interface' && t.datatype) {
      if (module) return { kind: 'struct', fields: [], open: true, ...where };
      const seen = new Set<string>();
      const fields: FieldSchema[] = [];
      for (const level of lineage(fqn)) {
        for (const f of [...(level.properties ?? []).map(field), ...ignoredProps(level)]) {
          if (seen.has(f.name)) continue;
          seen.add(f.name);
          fields.push(f);
        }
      }
      const bases = lineage(fqn).slice(1).map(b => b.fqn as string).filter(b => b.startsWith(`${own.name}.`));
      return { kind: 'struct', fields: fields.sort((a, b) => a.name.localeCompare(b.name)), ...(bases.length ? { bases: [...new Set(bases)].sort() } : {}) };
    }
    const factories = (t.methods ?? []).filter((m: any) => m.static).map((m: any) => m.name).sort();
    if (module) return { kind: t.kind === 'class' ? 'class' : 'interface', members: members(fqn), ...(factories.length ? { factories } : {}), ...where };
    const methods: Record<string, { static?: boolean; params: FieldSchema[] }> = {};
    for (const m of t.methods ?? []) {
      if (m.protected) continue;
      methods[m.name] = { ...(m.static ? { static: true } : {}), params: (m.parameters ?? []).map(field) };
    }
    const init = t.initializer && !t.initializer.protected ? { init: (t.initializer.parameters ?? []).map(field) } : {};
    return {
      kind: t.kind === 'class' ? 'class' : 'interface',
      members: members(fqn),
      ...(factories.length ? { factories } : {}),
      ...init,
      ...(Object.keys(methods).length ? { methods } : {}),
    };
  };

  for (const fqn of Object.keys(own.types).sort()) pending.push(fqn);
  while (pending.length) {
    const fqn = pending.shift()!;
    if (out[fqn]) continue;
    const schema = describe(fqn);
    if (schema) out[fqn] = schema;
  }
  const sorted = Object.fromEntries(Object.keys(out).sort().map(k => [k, out[k]]));
  return [
    '// Generated by `npx projen schema:inputs` from the .jsii assembly. Do not edit.',
    "import type { TypeSchema } from './schema';",
    '',
    '/** Every public type of the library and the types it uses from other packages. */',
    `export const INPUT_SCHEMA: { readonly [fqn: string]: TypeSchema } = ${JSON.stringify(sorted, null, 2)};`,
    '',
  ].join('\n');
}
