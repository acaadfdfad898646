import * as fs from 'fs';

/**
 * Kubernetes kinds are checked twice, with two maintained sources of the Kubernetes OpenAPI:
 * - kubernetes-models validates types, required fields, enums and formats;
 * - the jsii type system of cdk8s-plus-28's `k8s` module (generated from the Kubernetes 1.28
 *   OpenAPI) lists every field of every struct, so unknown fields are errors, as with
 *   kubectl's strict field validation.
 */
type TypeRef = { primitive?: string; fqn?: string; collection?: { kind: 'array' | 'map'; elementtype: TypeRef } };
interface Struct { readonly fields: Map<string, TypeRef> }

const JSII = JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-28/.jsii'), 'utf8'));
const PREFIX = 'cdk8s-plus-28.k8s.';

/** Struct fqn → fields by JSON name; and `<group>.<version>.<Kind>` → the Kube<Kind>Props fqn. */
const structs = new Map<string, Struct>();
const kinds = new Map<string, string>();
for (const [fqn, type] of Object.entries<any>(JSII.types)) {
  if (!fqn.startsWith(PREFIX) || type.kind !== 'interface' || !type.datatype) continue;
  const fields = new Map<string, TypeRef>();
  let schemaId: string | undefined;
  for (const prop of type.properties ?? []) {
    const [id, jsonName] = String(prop.docs?.custom?.schema ?? `#${prop.name}`).split('#');
    schemaId = schemaId ?? id;
    fields.set(jsonName, prop.type);
  }
  structs.set(fqn, { fields });
  const m = /^io\.k8s\.api\.([^.]+)\.([^.]+)\.([A-Za-z]+)$/.exec(schemaId ?? '');
  if (m && /^Kube[A-Za-z0-9]+Props$/.test(fqn.slice(PREFIX.length)) && !fqn.includes('List')) {
    kinds.set(`${m[1]}.${m[2]}.${m[3]}`, fqn);
  }
}

function kindKey(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${group === '' ? 'core' : group.split('.')[0]}.${version}.${kind}`;
}

function modelClass(apiVersion: string, kind: string): any {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}`)[kind];
  } catch {
    return undefined;
  }
}

/** Whether this is a built-in Kubernetes kind both sources know. */
export function isKubernetesKind(apiVersion: string, kind: string): boolean {
  return kinds.has(kindKey(apiVersion, kind)) && modelClass(apiVersion, kind) !== undefined;
}

function unknownFields(value: any, type: TypeRef | undefined, at: string, errors: string[]): void {
  if (value === null || value === undefined || !type) return;
  if (type.collection) {
    if (type.collection.kind === 'array' && Array.isArray(value)) {
      value.forEach((item, i) => unknownFields(item, type.collection!.elementtype, `${at}/${i}`, errors));
    } else if (type.collection.kind === 'map' && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) unknownFields(v, type.collection.elementtype, `${at}/${k}`, errors);
    }
    return;
  }
  const struct = type.fqn ? structs.get(type.fqn) : undefined;
  if (!struct || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const field = struct.fields.get(key);
    if (!field) {
      errors.push(`${at || '/'}: unknown field "${key}"`);
    } else {
      unknownFields(child, field, `${at}/${key}`, errors);
    }
  }
}

/** Errors for a built-in Kubernetes object. */
export function kubernetesErrors(obj: any): string[] {
  const errors: string[] = [];
  const props = kinds.get(kindKey(obj.apiVersion, obj.kind));
  const Model = modelClass(obj.apiVersion, obj.kind);
  if (!props || !Model) return [`no Kubernetes 1.28 schema for ${obj.apiVersion}/${obj.kind}`];
  const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
  unknownFields(body, { fqn: props }, '', errors);
  try {
    new Model(obj).validate();
  } catch (e: any) {
    for (const detail of e.errors ?? [{ instancePath: '', message: e.message }]) {
      errors.push(`${detail.instancePath || '/'}: ${detail.message}${detail.params ? ` ${JSON.stringify(detail.params)}` : ''}`);
    }
  }
  errors.push(...serviceErrors(obj));
  return errors;
}

/** Service checks the schema cannot express and the API server makes: port numbers are 1-65535 (found by the real-API-server agreement test). */
function serviceErrors(obj: any): string[] {
  if (obj.apiVersion !== 'v1' || obj.kind !== 'Service') return [];
  const ports: any[] = Array.isArray(obj.spec?.ports) ? obj.spec.ports : [];
  return ports.flatMap((p, i) => (['port', 'nodePort'] as const)
    .filter(key => typeof p?.[key] === 'number' && (p[key] < (key === 'nodePort' ? 0 : 1) || p[key] > 65535))
    .map(key => `/spec/ports/${i}/${key}: ${p[key]} must be between 1 and 65535`));
}

/** Errors in `metadata`, for every kind: strict fields and types from ObjectMeta. */
export function metadataErrors(metadata: any): string[] {
  const errors: string[] = [];
  unknownFields(metadata, { fqn: `${PREFIX}ObjectMeta` }, '/metadata', errors);
  return errors;
}

/** Unknown fields in a value of a Kubernetes struct (`ServiceSpec`, `EnvVar`, …), by the Kubernetes 1.28 types. */
export function kubernetesStructErrors(value: unknown, struct: string, at: string): string[] {
  const fqn = `${PREFIX}${struct}`;
  if (!structs.has(fqn)) throw new Error(`no Kubernetes struct ${struct}`);
  const errors: string[] = [];
  unknownFields(value, { fqn }, at, errors);
  return errors;
}
