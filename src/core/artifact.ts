import { isJsonObject } from './json';
import { stringifyDocuments } from './yaml';

/**
 * A file the library writes next to the manifests, as data: YAML documents (Kubernetes-shaped objects,
 * install values, plans), one JSON value, or text (runbooks, plans in markdown). Producers build typed
 * objects; `serializeArtifact` writes them, YAML with the manifests' emitter (`stringifyDocuments`).
 */
export type ArtifactContent = YamlArtifact | JsonArtifact | TextArtifact;

/** YAML documents, `---` between them. */
export interface YamlArtifact {
  readonly format: 'yaml';
  /** The documents, in order. Undefined fields are left out. */
  readonly documents: readonly object[];
  /** A comment line written above each document (by index), e.g. where to merge it. */
  readonly comments?: readonly string[];
}

/** One JSON value, pretty-printed with two spaces. */
export interface JsonArtifact {
  readonly format: 'json';
  readonly value: object;
}

/** Text written as it is (markdown). */
export interface TextArtifact {
  readonly format: 'text';
  readonly text: string;
}

/** YAML documents, with an optional comment line above each. */
export function yamlArtifact(documents: readonly object[], comments?: readonly string[]): YamlArtifact {
  return { format: 'yaml', documents, comments };
}

/** One JSON value. */
export function jsonArtifact(value: object): JsonArtifact {
  return { format: 'json', value };
}

/** Text. */
export function textArtifact(text: string): TextArtifact {
  return { format: 'text', text };
}

/** The value without undefined object entries, at every depth (as cdk8s drops them from manifests). */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
}

/** The file content of an artifact. */
export function serializeArtifact(content: ArtifactContent): string {
  switch (content.format) {
    case 'text':
      return content.text;
    case 'json':
      return `${JSON.stringify(content.value, undefined, 2)}\n`;
    case 'yaml':
      return content.documents
        .map((doc, i) => {
          const comment = content.comments?.[i];
          return `${comment === undefined ? '' : `# ${comment}\n`}${stringifyDocuments([withoutUndefined(doc)])}`;
        })
        .join('---\n');
  }
}
