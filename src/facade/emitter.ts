import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import { applyOrder } from '../core/apply-order';
import { JsonObject } from '../core/json';
import type { OutputFile } from '../core/output';
import { renderedJson } from '../core/rendered';
import { MeshCluster } from '../topology/cluster';

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

/**
 * True when `app` can be written by `emitCharts` with the same file layout as `App.synth()`:
 * one file per chart, no chart dependencies (which make cdk8s prefix file names with an index).
 */
export function canEmitFast(app: App): boolean {
  if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) return false;
  const all = app.node.findAll();
  const charts = all.filter((c): c is Chart => c instanceof Chart);
  if (charts.some(chart => chart.node.children.some(child => child instanceof Chart))) return false;
  return !all.some(c => c.node.dependencies.length > 0);
}

/**
 * A chart's objects as `Chart.toJson()` returns them: cdk8s's order (its dependency graph's topology),
 * then, for a cluster's chart, apply order (`MeshCluster.toJson()`). Each object comes from the public
 * `ApiObject.toJson()`. Unlike `Chart.toJson()`, this does not validate the whole app once per chart.
 */
export function chartObjects(chart: Chart): JsonObject[] {
  const docs = new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
    .map(renderedJson);
  return MeshCluster.isMeshCluster(chart) ? applyOrder(docs) : docs;
}

/**
 * Serializes every chart as `<chart>.k8s.yaml` in memory, after running the construct validations
 * cdk8s would run, once for the whole app. Returns the objects and the file, by chart.
 */
export function renderCharts(app: App): Map<Chart, { docs: JsonObject[]; file: OutputFile }> {
  const errors = app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  const rendered = new Map<Chart, { docs: JsonObject[]; file: OutputFile }>();
  for (const chart of app.charts) {
    const docs = chartObjects(chart);
    rendered.set(chart, { docs, file: { path: Names.toDnsLabel(chart) + app.outputFileExtension, content: stringifyDocuments(docs) } });
  }
  return rendered;
}
