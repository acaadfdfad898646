import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as yaml from 'js-yaml';
import { evaluateRule } from './cel';

/** One served version of a CustomResourceDefinition. */
interface CrdVersion {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: any;
}

/** Every `imports/**` CRD file: the Istio CRDs, and the vendor CRDs later work adds. */
const IMPORTS = path.join(__dirname, '..', '..', 'imports');

function crdFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return crdFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  }).sort();
}

function loadCrds(): Map<string, CrdVersion> {
  const byGvk = new Map<string, CrdVersion>();
  for (const file of crdFiles(IMPORTS)) {
    for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8')) as any[]) {
      if (doc?.kind !== 'CustomResourceDefinition') continue;
      for (const version of doc.spec.versions) {
        if (!version.served) continue;
        const apiVersion = `${doc.spec.group}/${version.name}`;
        byGvk.set(`${apiVersion}/${doc.spec.names.kind}`, {
          apiVersion,
          kind: doc.spec.names.kind,
          schema: version.schema.openAPIV3Schema,
        });
      }
    }
  }
  return byGvk;
}

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
    } else if (key === 'nullable') {
      continue;
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

/** Evaluates every `x-kubernetes-validations` rule at its schema node, as the API server does. */
function celErrors(schema: any, value: any, at: string, errors: string[]): void {
  if (!schema || value === undefined || value === null) return;
  for (const validation of schema['x-kubernetes-validations'] ?? []) {
    if (/\boldSelf\b/.test(validation.rule)) continue; // transition rules only apply on update
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

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** 32 });
ajv.addFormat('uint64', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('float', { type: 'number', validate: () => true });
ajv.addFormat('byte', { type: 'string', validate: (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 });

const crds = loadCrds();
const compiled = new Map<string, ValidateFunction>();

/** Whether a CRD under `imports/` serves this apiVersion and kind. */
export function hasCrd(apiVersion: string, kind: string): boolean {
  return crds.has(`${apiVersion}/${kind}`);
}

/** Errors for a custom resource: structural schema (strict) first, then every CEL rule. */
export function crdErrors(obj: any): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const crd = crds.get(key);
  if (!crd) return [`no CRD serves ${key}`];
  let validate = compiled.get(key);
  if (!validate) {
    const { metadata: _ignored, ...rest } = crd.schema.properties ?? {};
    validate = ajv.compile(strictJsonSchema({ ...crd.schema, properties: { ...rest, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } } }));
    compiled.set(key, validate);
  }
  const errors: string[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      const extra = e.keyword === 'additionalProperties' ? ` (unknown field "${(e.params as any).additionalProperty}")` : '';
      errors.push(`${e.instancePath || '/'}: ${e.message}${extra}`);
    }
  }
  const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
  celErrors(crd.schema, body, '', errors);
  return errors;
}
