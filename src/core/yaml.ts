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

/**
 * Serializes documents as cdk8s does (one document per object, `---` between them), with js-yaml,
 * which is several times faster than the `yaml` package. Strings YAML 1.1 would read as other types
 * (`yes`, `on`, `010`) are quoted, so kubectl reads the same values.
 */
export function stringifyDocuments(docs: readonly unknown[]): string {
  return docs
    .map(doc => doc === undefined ? '\n' : jsYaml.dump(doc, DUMP_OPTIONS))
    .join('---\n');
}
