import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { ARTIFACT_SCHEMAS as ARTIFACT_SCHEMAS_DEFAULT, ArtifactSchema, artifactDocumentErrors, isIstioOperator, istioOperatorErrors } from './artifacts';
import { crdErrors, hasCrd } from './crd-schema';
import { isKubernetesKind, kubernetesErrors, metadataErrors } from './kubernetes-schema';
import { WRITTEN_FILES_MANIFEST } from '../../src/core/output';

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

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  }).sort();
}

/**
 * The files the library wrote under `dir`: those listed in `.cdk8s-mesh-files` (MeshApp.synth's listing), or every
 * file when there is no listing (a plain cdk8s app). Files someone else put there are not the library's to check.
 */
function writtenFiles(dir: string): string[] {
  const listing = path.join(dir, WRITTEN_FILES_MANIFEST);
  if (!fs.existsSync(listing)) return filesUnder(dir);
  return fs.readFileSync(listing, 'utf8').split('\n').filter(line => line && !line.startsWith('#')).sort();
}

/** The parsed documents of a YAML or JSON file (empty YAML documents dropped). */
function parseFile(full: string): unknown[] {
  const text = fs.readFileSync(full, 'utf8');
  if (full.endsWith('.json')) return [JSON.parse(text)];
  return (yaml.loadAll(text) as unknown[]).filter(d => d !== null && d !== undefined);
}

/** What checkDirectory accepts besides the library's own files. */
export interface CheckDirectoryOptions {
  /** Schemas for files a test's own features or platforms write (e.g. a custom platform's JSON). */
  readonly schemas?: readonly ArtifactSchema[];
}

/**
 * Problems in one artifact (a YAML or JSON file that is not a `*.k8s.yaml` manifest): Kubernetes-shaped documents
 * (apiVersion and kind) through `checkObject`, IstioOperators through their own check, any other document
 * through the schema for its path (Helm values, plans, platform parameters); a file with no schema is an error.
 */
export function artifactErrors(file: string, docs: readonly unknown[], options: CheckDirectoryOptions = {}): string[] {
  const schemas = [...options.schemas ?? [], ...ARTIFACT_SCHEMAS_DEFAULT];
  return docs.flatMap((doc, i) => {
    const where = docs.length > 1 ? `${file} [document ${i}]` : file;
    const d = doc as { apiVersion?: unknown; kind?: unknown } | null;
    if (isIstioOperator(doc)) return istioOperatorErrors(doc).map(e => `${where}: IstioOperator ${e}`);
    if (d && typeof d === 'object' && (d.apiVersion !== undefined || d.kind !== undefined)) {
      return checkObject(doc).map(e => `${where}: ${describe(doc)} ${e}`);
    }
    return artifactDocumentErrors(file, doc, schemas).map(e => `${where}: ${e}`);
  });
}

/**
 * Parses and checks every file the library writes under `dir`, at any depth: manifests (`*.k8s.yaml`) object
 * by object (duplicates are errors), and every other `.yaml`, `.yml` and `.json` file with `artifactErrors`.
 * Markdown and the `.cdk8s-mesh-files` listing are text. Returns the parsed documents of every YAML and JSON
 * file by relative path; throws listing every problem in every file.
 */
export function checkDirectory(dir: string, options: CheckDirectoryOptions = {}): Map<string, any[]> {
  const files = new Map<string, any[]>();
  const problems: string[] = [];
  for (const file of writtenFiles(dir).filter(f => /\.(ya?ml|json)$/.test(f))) {
    let docs: any[];
    try {
      docs = parseFile(path.join(dir, file)) as any[];
    } catch (e) {
      problems.push(`${file}: does not parse: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    files.set(file, docs);
    if (!file.endsWith('.k8s.yaml')) {
      problems.push(...artifactErrors(file, docs, options));
      continue;
    }
    try {
      assertConformant(docs, file);
    } catch (e) {
      problems.push((e as Error).message.replace(/^conformance: \d+ problem\(s\)\n {2}/, ''));
    }
  }
  if (problems.length > 0) throw new Error(`conformance:\n  ${problems.join('\n  ')}`);
  return files;
}
