import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as yaml from 'js-yaml';
import { evaluateRule, isTransitionRule, unsupportedFunctions } from './cel';

/** One served version of a CustomResourceDefinition. */
interface CrdVersion {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: any;
}

/** Every `imports/**` CRD file: Istio's, the ASM IstioGateway and the vendored upstream CRDs (imports/upstream). */
const IMPORTS = path.join(__dirname, '..', '..', 'imports');

function crdFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return crdFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  }).sort();
}

/**
 * CRD files by the API groups they may define, found without parsing (`group: <name>` lines): the vendored
 * CRDs are large (Argo CD's ApplicationSet alone is 1.4 MB), so a file is parsed only when a kind of its group is checked.
 */
const filesByGroup = new Map<string, string[]>();
for (const file of crdFiles(IMPORTS)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const group of new Set([...text.matchAll(/^\s*group:\s*["']?([a-z0-9.-]+)["']?\s*$/gm)].map(m => m[1]))) {
    filesByGroup.set(group, [...filesByGroup.get(group) ?? [], file]);
  }
}

const crds = new Map<string, CrdVersion>();
const loadedFiles = new Set<string>();

/** Parses the CRD files that may define `group`, once; every served version of every CRD in them is added. */
function loadGroup(group: string): void {
  for (const file of filesByGroup.get(group) ?? []) {
    if (loadedFiles.has(file)) continue;
    loadedFiles.add(file);
    for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8')) as any[]) {
      if (doc?.kind !== 'CustomResourceDefinition') continue;
      for (const version of doc.spec.versions) {
        if (!version.served) continue;
        const apiVersion = `${doc.spec.group}/${version.name}`;
        crds.set(`${apiVersion}/${doc.spec.names.kind}`, {
          apiVersion,
          kind: doc.spec.names.kind,
          schema: version.schema.openAPIV3Schema,
        });
      }
    }
  }
}

/** The CRD version serving this apiVersion and kind, if any. */
function crdFor(apiVersion: string, kind: string): CrdVersion | undefined {
  loadGroup(apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
  return crds.get(`${apiVersion}/${kind}`);
}

/** Every CRD file under imports/ (for the catalogue tests). */
export function importedCrdFiles(): string[] {
  return crdFiles(IMPORTS);
}

/**
 * The formats the harness validates: the API server's own (apiextensions' supported formats) that ajv-formats
 * implements the same way, plus the numeric ones below. Any other format is ignored, as the API server ignores it.
 */
const VALIDATED_FORMATS = new Set(['byte', 'date', 'date-time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uuid', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);

/**
 * Turns a structural OpenAPI v3 schema into a JSON schema with the API server's strict field
 * validation: an object that lists its properties and does not preserve unknown fields rejects
 * any other field. Kubernetes extensions become plain JSON schema.
 */
function strictJsonSchema(node: any): any {
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strictJsonSchema(v)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' ? strictJsonSchema(value) : value;
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as any[]).map(strictJsonSchema);
    } else if (key === 'nullable' || key === 'description') {
      continue;
    } else if (key === 'format' && !VALIDATED_FORMATS.has(value as string)) {
      continue; // the API server ignores formats it does not know (Flagger's `format: string`, `format: url`)
    } else {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [...(out.anyOf ?? []), { type: 'integer' }, { type: 'string' }];
  }
  const preserves = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node.type === 'object' && node.properties && node.additionalProperties === undefined && !preserves) {
    out.additionalProperties = false;
  }
  if (node.nullable === true && out.type) out.type = [out.type, 'null'];
  return out;
}

/** JSON with sorted keys at every level: equal text for equal schemas. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
}

/**
 * The same schema with every repeated large subtree compiled once: each subtree that occurs more than once
 * (ApplicationSet repeats the Application template in every generator) becomes a `$ref` to one `$defs` entry.
 * The schema accepts exactly the same values; ajv's compile time drops from seconds to tenths of a second.
 */
function sharedSubschemas(schema: any): any {
  const counts = new Map<string, number>();
  const keyOf = new Map<object, string>();
  const count = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    for (const child of Object.values(node)) count(child);
    if (Array.isArray(node) || (node.type !== 'object' && node.type !== 'array')) return;
    const key = canonical(node);
    if (key.length < 500) return;
    keyOf.set(node, key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  count(schema);
  const defs: Record<string, any> = {};
  const names = new Map<string, string>();
  const rewrite = (node: any, root = false): any => {
    if (!node || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(child => rewrite(child));
    const key = keyOf.get(node);
    if (!root && key !== undefined && (counts.get(key) ?? 0) > 1) {
      let name = names.get(key);
      if (name === undefined) {
        name = `s${names.size}`;
        names.set(key, name);
        defs[name] = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v)]));
      }
      return { $ref: `#/$defs/${name}` };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v)]));
  };
  const out = rewrite(schema, true);
  return names.size ? { ...out, $defs: defs } : out;
}

/** Converts a JSON value to CEL input, with integers as CEL `int` where the schema says so. */
function toCel(value: any, schema: any): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(item => toCel(item, schema?.items));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v, schema?.properties?.[k] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined))]));
  }
  if (typeof value === 'number' && schema?.type !== 'number' && Number.isInteger(value)) return BigInt(value);
  return value;
}

/** Transition rules (`oldSelf`) met on checked objects and not evaluated: they apply on update only. */
const transitionRulesSeen = new Set<string>();

/** The transition rules the harness met on checked objects and did not evaluate (they apply on update only). */
export function transitionRulesNotEvaluated(): string[] {
  return [...transitionRulesSeen].sort();
}

/** Evaluates every `x-kubernetes-validations` rule at its schema node, as the API server does. */
function celErrors(schema: any, value: any, at: string, errors: string[]): void {
  if (!schema || value === undefined || value === null) return;
  for (const validation of schema['x-kubernetes-validations'] ?? []) {
    if (isTransitionRule(validation.rule)) {
      // transition rules compare with the stored object, so the API server applies them on update only
      transitionRulesSeen.add(validation.rule);
      continue;
    }
    const missing = unsupportedFunctions(validation.rule);
    if (missing.length) {
      errors.push(`${at || '/'}: CEL: the harness cannot evaluate this rule (no function ${missing.join(', ')}): ${validation.rule}`);
      continue;
    }
    const outcome = evaluateRule(validation.rule, toCel(value, schema));
    if (outcome !== true) {
      const why = outcome === false ? validation.message ?? `failed rule: ${validation.rule}` : `rule error (${outcome}): ${validation.rule}`;
      errors.push(`${at || '/'}: CEL: ${why}`);
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => celErrors(schema.items, item, `${at}/${i}`, errors));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      celErrors(childSchema, child, `${at}/${key}`, errors);
    }
  }
}

// useDefaults: the API server applies schema defaults before it validates and runs the CEL rules.
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** 32 });
ajv.addFormat('uint64', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('float', { type: 'number', validate: () => true });
ajv.addFormat('byte', { type: 'string', validate: (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 });

const compiled = new Map<string, ValidateFunction>();

/** Whether a CRD under `imports/` serves this apiVersion and kind. */
export function hasCrd(apiVersion: string, kind: string): boolean {
  return crdFor(apiVersion, kind) !== undefined;
}

/** Errors for a custom resource: structural schema (strict) first, then every CEL rule. */
export function crdErrors(obj: any): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const crd = crdFor(obj.apiVersion, obj.kind);
  if (!crd) return [`no CRD serves ${key}`];
  let validate = compiled.get(key);
  if (!validate) {
    const { metadata: _ignored, ...rest } = crd.schema.properties ?? {};
    validate = ajv.compile(sharedSubschemas(strictJsonSchema({ ...crd.schema, properties: { ...rest, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } } })));
    compiled.set(key, validate);
  }
  const errors: string[] = [];
  const defaulted = structuredClone(obj);
  if (!validate(defaulted)) {
    for (const e of validate.errors ?? []) {
      const extra = e.keyword === 'additionalProperties' ? ` (unknown field "${(e.params as any).additionalProperty}")` : '';
      errors.push(`${e.instancePath || '/'}: ${e.message}${extra}`);
    }
  }
  const { apiVersion: _a, kind: _k, metadata: _m, ...body } = defaulted;
  celErrors(crd.schema, body, '', errors);
  return errors;
}
