import * as jsYaml from 'js-yaml';

/** Never instantiated: the YAML 1.1 type below only makes the dumper quote, it never represents values. */
class Yaml11Only {}

/**
 * Plain scalars that YAML 1.1 (kubectl, cdk8s) resolves to booleans or numbers but js-yaml's
 * YAML 1.2 core schema reads as strings: `y`, `on`, `1_000`, `0b101`, `190:20:30`.
 */
const YAML_1_1_IMPLICIT = new jsYaml.Type('tag:cdk8s-mesh.dev,2026:yaml-1.1-implicit', {
  kind: 'scalar',
  instanceOf: Yaml11Only,
  construct: (text: string) => text,
  resolve: (text: string) =>
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(text)
    || /^[-+]?(0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/.test(text)
    || /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/.test(text)
    || /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/.test(text),
});

const DUMP_OPTIONS: jsYaml.DumpOptions = {
  noRefs: true,
  lineWidth: -1,
  skipInvalid: false,
  schema: jsYaml.DEFAULT_SCHEMA.extend({ implicit: [YAML_1_1_IMPLICIT] }),
};

/** One scalar as js-yaml writes it in block context (no trailing newline), with this module's options. */
function dumpScalar(value: string | number): string {
  const text = jsYaml.dump(value, DUMP_OPTIONS);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * Strings js-yaml writes as they are: a letter first, then letters, digits and `_ . / -` (no `:`, `#`, space
 * or quote), and none of the words YAML 1.1 or 1.2 read as a boolean or null. Such a string is plain-safe at
 * both ends and in between (js-yaml's `isPlainSafeFirst`, `isPlainSafe`, `isPlainSafeLast`), has no line break,
 * and no implicit type resolves it: ints, floats, timestamps and base-60 numbers start with a digit, a sign or
 * a dot, the merge key is `<<`. Everything else goes through js-yaml itself (`dumpScalar`).
 */
const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const RESERVED_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL',
]);

const INDENTS: string[] = [''];
function indent(level: number): string {
  while (INDENTS.length <= level) INDENTS.push(INDENTS[INDENTS.length - 1] + '  ');
  return INDENTS[level];
}

/**
 * A block-style YAML emitter for plain JSON data (objects, arrays, strings, numbers, booleans, null and
 * undefined) that writes exactly what `jsYaml.dump(doc, DUMP_OPTIONS)` writes: the same layout (two spaces,
 * indented sequences, `{}` and `[]` for empty collections, undefined entries skipped in mappings and null in
 * sequences) and every scalar that is not trivially plain rendered by js-yaml itself (cached per call). It
 * returns undefined for anything else (class instances, keys js-yaml would write as explicit `? ` pairs or
 * that hold line breaks), and the caller dumps that document with js-yaml.
 */
class PlainEmitter {
  private readonly scalars = new Map<string, string>();
  private readonly floats = new Map<number, string>();

  /** `shared`: the text of documents' specs by object, for one synthesis. */
  constructor(private readonly shared?: SharedYaml) {}

  public document(doc: unknown): string | undefined {
    if (!isPlainCollection(doc)) return undefined;
    const out: string[] = [];
    if (!this.node(doc, 0, true, out)) return undefined;
    return out.join('') + '\n';
  }

  /** A key or a single-line string. */
  private scalar(text: string): string {
    if (PLAIN_SAFE.test(text) && !RESERVED_WORDS.has(text)) return text;
    let dumped = this.scalars.get(text);
    if (dumped === undefined) this.scalars.set(text, dumped = dumpScalar(text));
    return dumped;
  }

  /** A value string: single-line ones are level-independent; multi-line ones are literal blocks indented to `level`. */
  private string(text: string, level: number): string {
    if (!text.includes('\n')) return this.scalar(text);
    const dumped = dumpScalar(text);
    if (!dumped.startsWith('|')) return dumped; // double-quoted (non-printable characters)
    const header = dumped.slice(0, dumped.indexOf('\n') + 1);
    const pad = indent(Math.max(1, level));
    let body = '';
    let position = 0;
    while (position < text.length) {
      const next = text.indexOf('\n', position);
      const line = next === -1 ? text.slice(position) : text.slice(position, next + 1);
      position = next === -1 ? text.length : next + 1;
      body += line.length && line !== '\n' ? pad + line : line;
    }
    return header + (body.endsWith('\n') ? body.slice(0, -1) : body);
  }

  private number(n: number): string {
    if (Number.isInteger(n) && !Object.is(n, -0)) return String(n);
    let dumped = this.floats.get(n);
    if (dumped === undefined) this.floats.set(n, dumped = dumpScalar(n));
    return dumped;
  }

  /** A document's spec (level 1): its text from `texts`, or written and kept there. */
  private sharedNode(value: object, texts: Map<object, string>, out: string[]): boolean {
    const known = texts.get(value);
    if (known !== undefined) {
      out.push(known);
      return true;
    }
    const start = out.length;
    if (!this.node(value, 1, false, out)) return false;
    const text = out.slice(start).join('');
    out.length = start;
    out.push(text);
    texts.set(value, text);
    return true;
  }

  /**
   * Appends the node at `level` (js-yaml's `writeNode` with block = true): collections start on a new line
   * unless `compact` (the first entry of a sequence item or of the document). False: not plain data.
   */
  private node(value: unknown, level: number, compact: boolean, out: string[]): boolean {
    if (value === null) {
      out.push('null');
      return true;
    }
    switch (typeof value) {
      case 'string':
        out.push(value.length === 0 ? "''" : this.string(value, level));
        return true;
      case 'number':
        out.push(this.number(value));
        return true;
      case 'boolean':
        out.push(value ? 'true' : 'false');
        return true;
      case 'object':
        break;
      default:
        return false;
    }
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return false;
      if (value.length === 0) {
        out.push('[]');
        return true;
      }
      for (let i = 0; i < value.length; i++) {
        if (!compact || i > 0) out.push('\n', indent(level));
        out.push('- ');
        const element: unknown = value[i];
        if (!this.node(element === undefined ? null : element, level + 1, true, out)) return false;
      }
      return true;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    const record = value as Record<string, unknown>;
    let written = 0;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (v === undefined) continue;
      if (key.includes('\n')) return false;
      const dumpedKey = this.scalar(key);
      if (dumpedKey.length > 1024) return false; // js-yaml writes an explicit `? ` pair
      if (!compact || written > 0) out.push('\n', indent(level));
      out.push(dumpedKey);
      if (isPlainCollection(v) && !isEmptyCollection(v)) {
        out.push(':');
        const shared = level === 0 && key === 'spec' ? this.shared?.texts : undefined;
        if (!(shared ? this.sharedNode(v, shared, out) : this.node(v, level + 1, false, out))) return false;
      } else {
        out.push(': ');
        if (!this.node(v, level + 1, false, out)) return false;
      }
      written++;
    }
    if (written === 0) out.push('{}');
    return true;
  }
}

/**
 * The text of documents' `spec`, written once per spec object in a synthesis: documents that share a spec object
 * (core/rendered.ts) share its text. The objects must not change while it is in use (manifests do not).
 */
export class SharedYaml {
  /** @internal */
  public readonly texts = new Map<object, string>();
}

function isPlainCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null
    && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === Array.prototype);
}

function isEmptyCollection(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] !== undefined) return false;
  return true;
}

/**
 * Serializes documents as cdk8s does (one document per object, `---` between them), byte for byte as
 * js-yaml writes them (several times faster than the `yaml` package); plain JSON data goes through
 * `PlainEmitter`, which writes the same text faster. Strings YAML 1.1 would read as other types
 * (`yes`, `on`, `010`) are quoted, so kubectl reads the same values.
 */
export function stringifyDocuments(docs: readonly unknown[], shared?: SharedYaml): string {
  const emitter = new PlainEmitter(shared);
  return docs
    .map(doc => doc === undefined ? '\n' : emitter.document(doc) ?? jsYaml.dump(doc, DUMP_OPTIONS))
    .join('---\n');
}

/** The same text as `stringifyDocuments`, always through js-yaml (the reference the fast emitter is tested against). */
export function stringifyDocumentsWithJsYaml(docs: readonly unknown[]): string {
  return docs.map(doc => doc === undefined ? '\n' : jsYaml.dump(doc, DUMP_OPTIONS)).join('---\n');
}
