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
 * What one pre-order walk of an app (the order of `findAll()`) finds: its charts, each chart's own API objects
 * (those of charts nested in it excluded), whether any construct has a dependency or any chart a chart as a direct
 * child, and the errors of every construct's validations (`node.validate()`), as cdk8s runs them before synthesis.
 * The emitter walks the tree once with it instead of once per question.
 */
export interface AppWalk {
  readonly charts: Chart[];
  readonly objects: Map<Chart, ApiObject[]>;
  readonly dependencies: boolean;
  readonly nestedCharts: boolean;
  readonly errors: string[];
}

/** Walks `app` once, in `findAll()`'s pre-order (see `AppWalk`). */
export function walkApp(app: App): AppWalk {
  const charts: Chart[] = [];
  const objects = new Map<Chart, ApiObject[]>();
  const errors: string[] = [];
  let dependencies = false;
  let nestedCharts = false;
  // `enclosing`: the object list of the nearest enclosing chart, which an API object joins
  const visit = (construct: IConstruct, enclosing: ApiObject[] | undefined, parentIsChart: boolean): void => {
    const node = construct.node;
    for (const e of node.validate()) errors.push(`[${node.path}] ${e}`);
    if (!dependencies && node.dependencies.length > 0) dependencies = true;
    let own = enclosing;
    const isChart = construct instanceof Chart;
    if (isChart) {
      if (parentIsChart) nestedCharts = true;
      charts.push(construct);
      objects.set(construct, own = []);
    } else if (own && construct instanceof ApiObject) {
      own.push(construct);
    }
    for (const child of node.children) visit(child, own, isChart);
  };
  visit(app, undefined, false);
  return { charts, objects, dependencies, nestedCharts, errors };
}

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
 * so the charts are the app's charts in construct order.
 */
export function fastEmitCharts(app: App, walk: AppWalk = walkApp(app)): Chart[] | undefined {
  if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART || walk.nestedCharts || walk.dependencies) return undefined;
  return walk.charts;
}

/** Throws the errors of the construct validations cdk8s runs before synthesis (`node.validate()` of every construct). */
export function throwIfInvalid(walk: AppWalk): void {
  if (walk.errors.length) throw new Error(`Validation failed with the following errors:\n  ${walk.errors.join('\n  ')}`);
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
  return chartDocuments(chart, chartApiObjects(chart));
}

/** The manifests of a chart's API objects (given in cdk8s's order), then, for a cluster's chart, in apply order. */
export function chartDocuments(chart: Chart, apiObjects: readonly ApiObject[]): JsonObject[] {
  const docs = withPlainToJson(() => apiObjects.map(renderedJson));
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
  const walk = walkApp(app);
  throwIfInvalid(walk);
  const rendered = new Map<Chart, { docs: JsonObject[]; file: OutputFile }>();
  for (const chart of fastEmitCharts(app, walk) ?? app.charts) rendered.set(chart, renderChart(app, chart));
  return rendered;
}
