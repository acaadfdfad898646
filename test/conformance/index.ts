import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { crdErrors, hasCrd } from './crd-schema';
import { isKubernetesKind, kubernetesErrors, metadataErrors } from './kubernetes-schema';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Object names, namespaces, label and annotation keys, label values: the API server's syntax. */
function identityErrors(obj: any): string[] {
  const errors: string[] = [];
  const meta = obj.metadata ?? {};
  if (typeof meta.name !== 'string' || meta.name.length > 253 || !DNS_SUBDOMAIN.test(meta.name)) {
    errors.push(`/metadata/name: ${JSON.stringify(meta.name)} is not a DNS-1123 subdomain`);
  }
  if (meta.namespace !== undefined && !(DNS_LABEL.test(meta.namespace) && meta.namespace.length <= 63)) {
    errors.push(`/metadata/namespace: ${JSON.stringify(meta.namespace)} is not a DNS-1123 label`);
  }
  const qualifiedKey = (key: string) => {
    const [prefix, name] = key.includes('/') ? key.split('/', 2) : [undefined, key];
    return (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix))) && name.length <= 63 && LABEL_NAME.test(name);
  };
  for (const [key, value] of Object.entries<any>(meta.labels ?? {})) {
    if (!qualifiedKey(key)) errors.push(`/metadata/labels: invalid key ${JSON.stringify(key)}`);
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) errors.push(`/metadata/labels/${key}: invalid value ${JSON.stringify(value)}`);
  }
  for (const [key, value] of Object.entries<any>(meta.annotations ?? {})) {
    if (!qualifiedKey(key)) errors.push(`/metadata/annotations: invalid key ${JSON.stringify(key)}`);
    if (typeof value !== 'string') errors.push(`/metadata/annotations/${key}: value must be a string, got ${JSON.stringify(value)}`);
  }
  return errors;
}

/**
 * Everything the API server would reject in one object: Istio and other CRD kinds against their
 * structural schema (unknown fields are errors) and every `x-kubernetes-validations` CEL rule;
 * Kubernetes kinds against the Kubernetes schema; names, labels and annotations everywhere.
 */
export function checkObject(obj: any): string[] {
  if (!obj || typeof obj !== 'object' || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    return ['not a Kubernetes object: apiVersion and kind are required'];
  }
  const errors = [...identityErrors(obj), ...metadataErrors(obj.metadata)];
  if (hasCrd(obj.apiVersion, obj.kind)) {
    errors.push(...crdErrors(obj));
  } else if (isKubernetesKind(obj.apiVersion, obj.kind)) {
    errors.push(...kubernetesErrors(obj));
  } else {
    errors.push(`unknown kind ${obj.apiVersion}/${obj.kind}: no CRD under imports/ and not a Kubernetes 1.28 kind`);
  }
  return errors;
}

function describe(obj: any): string {
  return `${obj?.apiVersion}/${obj?.kind} ${obj?.metadata?.namespace ?? '-'}/${obj?.metadata?.name}`;
}

/** Throws one error listing every problem in every object; `where` names the source. */
export function assertConformant(objects: readonly any[], where: string): void {
  const problems = objects.flatMap(obj => checkObject(obj).map(e => `${where}: ${describe(obj)} ${e}`));
  const seen = new Set<string>();
  for (const obj of objects) {
    const id = describe(obj);
    if (seen.has(id)) problems.push(`${where}: duplicate object ${id}`);
    seen.add(id);
  }
  if (problems.length > 0) {
    throw new Error(`conformance: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  }
}

function manifestFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return manifestFiles(full, base);
    return entry.name.endsWith('.k8s.yaml') ? [path.relative(base, full)] : [];
  }).sort();
}

/**
 * Parses and checks every manifest (`*.k8s.yaml`, at any depth) under `dir`. Returns the parsed
 * documents by relative path; throws listing every problem in every file.
 */
export function checkDirectory(dir: string): Map<string, any[]> {
  const files = new Map<string, any[]>();
  const problems: string[] = [];
  for (const file of manifestFiles(dir)) {
    const docs = (yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8')) as any[]).filter(d => d !== null && d !== undefined);
    files.set(file, docs);
    try {
      assertConformant(docs, file);
    } catch (e) {
      problems.push((e as Error).message.replace(/^conformance: \d+ problem\(s\)\n {2}/, ''));
    }
  }
  if (problems.length > 0) throw new Error(`conformance:\n  ${problems.join('\n  ')}`);
  return files;
}
