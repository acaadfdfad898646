import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { applyOrder } from '../core/apply-order';
import { JsonObject } from '../core/json';
import type { OutputFile } from '../core/output';
import { withPlainToJson } from '../core/plain-json';
import { renderedJson } from '../core/rendered';
import { stringifyDocuments } from '../core/yaml';
import { MeshCluster } from '../topology/cluster';

/**
 * True when `app` can be written by the fast emitter with the same file layout as `App.synth()`:
 * one file per chart, no chart dependencies (which make cdk8s prefix file names with an index).
 */
export function canEmitFast(app: App): boolean {
  return fastEmitCharts(app) !== undefined;
}

/**
 * The charts `App.synth()` would write, in its order, when the fast emitter writes the same layout; otherwise
 * undefined. Without dependencies cdk8s's dependency graph orders constructs as `findAll()` does (pre-order),
 * so the charts are the app's charts in construct order. `constructs` is the app's `findAll()`, when the caller has it.
 */
export function fastEmitCharts(app: App, constructs: IConstruct[] = app.node.findAll()): Chart[] | undefined {
  if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) return undefined;
  const charts = constructs.filter((c): c is Chart => c instanceof Chart);
  if (charts.some(chart => chart.node.children.some(child => child instanceof Chart))) return undefined;
  return constructs.some(c => c.node.dependencies.length > 0) ? undefined : charts;
}

/** Runs the construct validations cdk8s runs before synthesis (`node.validate()` of every construct), once. */
export function validateConstructs(constructs: IConstruct[]): void {
  const errors = constructs.flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * The chart's own API objects in cdk8s's order: `DependencyGraph(chart.node).topology()`, which, when no
 * construct in the chart has a dependency, is the pre-order of `findAll()`; objects of nested charts excluded.
 */
function chartApiObjects(chart: Chart): ApiObject[] {
  const objects: ApiObject[] = [];
  let dependencies = false;
  const visit = (scope: IConstruct): void => {
    if (scope.node.dependencies.length) dependencies = true;
    for (const child of scope.node.children) {
      if (child instanceof Chart) {
        // a nested chart's constructs are still in the graph: only their dependencies matter here
        if (child.node.findAll().some(c => c.node.dependencies.length > 0)) dependencies = true;
        continue;
      }
      if (child instanceof ApiObject) objects.push(child);
      visit(child);
    }
  };
  visit(chart);
  if (!dependencies) return objects;
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

/**
 * A chart's objects as `Chart.toJson()` returns them: cdk8s's order (its dependency graph's topology),
 * then, for a cluster's chart, apply order (`MeshCluster.toJson()`). Each object comes from the public
 * `ApiObject.toJson()`. Unlike `Chart.toJson()`, this does not validate the whole app once per chart.
 */
export function chartObjects(chart: Chart): JsonObject[] {
  const docs = withPlainToJson(() => chartApiObjects(chart).map(renderedJson));
  return MeshCluster.isMeshCluster(chart) ? applyOrder(docs) : docs;
}

/** The file name cdk8s gives a chart's manifest when no chart depends on another. */
export function chartFileName(app: App, chart: Chart): string {
  return Names.toDnsLabel(chart) + app.outputFileExtension;
}

/** One chart serialized as `<chart>.k8s.yaml`: its objects and the file. */
export function renderChart(app: App, chart: Chart): { docs: JsonObject[]; file: OutputFile } {
  const docs = chartObjects(chart);
  return { docs, file: { path: chartFileName(app, chart), content: stringifyDocuments(docs) } };
}

/**
 * Serializes every chart as `<chart>.k8s.yaml` in memory, after running the construct validations
 * cdk8s would run, once for the whole app. Returns the objects and the file, by chart.
 */
export function renderCharts(app: App): Map<Chart, { docs: JsonObject[]; file: OutputFile }> {
  const constructs = app.node.findAll();
  validateConstructs(constructs);
  const rendered = new Map<Chart, { docs: JsonObject[]; file: OutputFile }>();
  for (const chart of fastEmitCharts(app, constructs) ?? app.charts) rendered.set(chart, renderChart(app, chart));
  return rendered;
}
