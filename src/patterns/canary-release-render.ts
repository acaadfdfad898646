import { CANARY_ROLLBACK } from './canary-step';
import { RouteDestination } from '../traffic/destination';
import { HttpRouteOptions } from '../traffic/http-route';
import { HttpMatch, StringMatch } from '../traffic/match';
import { MeshService } from '../workloads/mesh-service';

/** The name of the weighted HTTP route (stable for Argo Rollouts). */
export const CANARY_ROUTE = 'canary';

/** The name of the route that sends gray-release users to the canary. */
export const GRAY_RELEASE_ROUTE = 'gray-release';

/** What a canary release declares, as the renderers read it. */
export interface CanaryModel {
  readonly service: MeshService;
  readonly stableVersion: string;
  readonly canaryVersion: string;
  /** The canary share of each step. */
  readonly steps: readonly number[];
  /** The VirtualService name. */
  readonly routeName: string;
  readonly grayRelease: readonly HttpMatch[];
  readonly stableClusters?: string[];
  readonly canaryClusters?: string[];
}

/** The traffic split of one step (the public `CanaryStepSplit`). */
export interface Split {
  /** The step index, or -1 for a rollback. */
  readonly index: number;
  readonly stableWeight: number;
  readonly canaryWeight: number;
}

/** The split of a step index: the canary gets the step's share (0 for an index outside the steps). */
export function splitAt(steps: readonly number[], index: number): Split {
  const canary = steps[index] ?? 0;
  return { index, stableWeight: 100 - canary, canaryWeight: canary };
}

/** The split of a rollback: everything to the stable version. */
export const ROLLBACK_SPLIT: Split = { index: -1, stableWeight: 100, canaryWeight: 0 };

/** The HTTP routes of a split: the gray-release route (unless rolled back), then the weighted catch-all. */
export function canaryHttpRoutes(m: CanaryModel, split: Split): HttpRouteOptions[] {
  const routes: HttpRouteOptions[] = [];
  if (m.grayRelease.length && split.index !== -1) {
    routes.push({ name: GRAY_RELEASE_ROUTE, match: [...m.grayRelease], destinations: [{ version: m.canaryVersion }] });
  }
  const weighted: RouteDestination[] = [
    { version: m.stableVersion, weight: split.stableWeight },
    { version: m.canaryVersion, weight: split.canaryWeight },
  ];
  routes.push({ name: CANARY_ROUTE, destinations: weighted });
  return routes;
}

/** The plan file `canary/<namespace>-<name>.plan.yaml`: every step's weights and where the release stands. */
export interface CanaryPlan {
  readonly service: string;
  readonly stableVersion: string;
  readonly canaryVersion: string;
  readonly stableClusters?: string[];
  readonly canaryClusters?: string[];
  /** The variable the app reads the step from (`CanaryStep.fromEnvironment`), if it does. */
  readonly environmentVariable?: string;
  readonly currentStep: number | typeof CANARY_ROLLBACK;
  /** Each gray-release match, readable (`header cookie: REGEX …`). */
  readonly grayRelease: Array<{ [key: string]: string }>;
  readonly steps: Array<{ readonly step: number; readonly weights: { [version: string]: number } }>;
}

/** The plan of a release at its current split. */
export function renderCanaryPlan(m: CanaryModel, current: Split, environmentVariable: string | undefined): CanaryPlan {
  return {
    service: m.service.host,
    stableVersion: m.stableVersion,
    canaryVersion: m.canaryVersion,
    stableClusters: m.stableClusters,
    canaryClusters: m.canaryClusters,
    environmentVariable,
    currentStep: current.index === -1 ? CANARY_ROLLBACK : current.index,
    grayRelease: m.grayRelease.map(describeMatch),
    steps: m.steps.map((_, i) => {
      const split = splitAt(m.steps, i);
      return { step: i, weights: { [m.stableVersion]: split.stableWeight, [m.canaryVersion]: split.canaryWeight } };
    }),
  };
}

/** A readable form of a match for the plan. */
function describeMatch(match: HttpMatch): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  const put = (key: string, m: StringMatch | undefined) => { if (m) out[key] = `${m.kind} ${m.value}`; };
  put('uri', match.uri);
  for (const [name, m] of Object.entries(match.headers ?? {}).sort()) put(`header ${name}`, m);
  for (const [name, m] of Object.entries(match.queryParams ?? {}).sort()) put(`query ${name}`, m);
  return out;
}
