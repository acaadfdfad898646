import { Construct } from 'constructs';
import { yamlArtifact } from '../core/artifact';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { ClientTlsMode } from '../traffic/client-tls';
import { RouteDestination } from '../traffic/destination';
import { ExportTo, TrafficPolicy } from '../traffic/destination-policy';
import { HttpRouteOptions } from '../traffic/http-route';
import { HttpMatch, StringMatch } from '../traffic/match';
import { TrafficRoute } from '../traffic/traffic-route';
import { checkInit } from '../validation/input/check';
import { PatternRules } from '../validation/rules/patterns';
import { MeshService } from '../workloads/mesh-service';

/** Extra output for teams that automate promotion on metrics. */
export enum ProgressiveDelivery {
  /** No progressive-delivery resource. */
  NONE = 'NONE',
  /** A Flagger `Canary` (flagger.app/v1beta1, Istio provider) written as an artifact file. */
  FLAGGER = 'FLAGGER',
  /** An Argo Rollouts `Rollout` (argoproj.io/v1alpha1) with Istio subset traffic routing, written as an artifact file. */
  ARGO_ROLLOUTS = 'ARGO_ROLLOUTS',
}

/** The default canary shares: 5% → 25% → 50% → 100%. */
export const DEFAULT_CANARY_STEPS = [5, 25, 50, 100];

/** The name of the weighted HTTP route (stable for Argo Rollouts). */
const CANARY_ROUTE = 'canary';

/** The value of the step environment variable that routes everything back to the stable version. */
export const CANARY_ROLLBACK = 'rollback';

/** A stable and a canary version of a mesh service, shifted by weighted steps. */
export interface CanaryReleaseProps {
  /** The service being released; both versions must be declared on it. */
  readonly service: MeshService;
  /** The version serving users today (a DestinationRule subset). */
  readonly stableVersion: string;
  /** The version being released. */
  readonly canaryVersion: string;
  /**
   * The canary's share of traffic at each step, strictly increasing percentages ending where you like (100 to finish).
   * @default [5, 25, 50, 100]
   */
  readonly steps?: number[];
  /**
   * The current step (index into `steps`). The environment variable `CDK8S_MESH_CANARY_STEP_<ID>`
   * (see `stepEnvironmentVariable`), when set, wins: a step index or `rollback`.
   * @default 0
   */
  readonly step?: number;
  /**
   * Gray release: requests matching any of these (e.g. a `vip=true` cookie or a tester header) always go to the
   * canary, whatever the step, until a rollback.
   * @default - none
   */
  readonly grayRelease?: HttpMatch[];
  /**
   * The VirtualService name.
   * @default - the service name
   */
  readonly name?: string;
  /**
   * Namespaces that see the VirtualService and DestinationRule.
   * @default - every namespace
   */
  readonly exportTo?: ExportTo;
  /**
   * Destination policy of the service (the DestinationRule's host-level `trafficPolicy`).
   * @default - none; ISTIO_MUTUAL client TLS for a multi-cluster canary
   */
  readonly policy?: TrafficPolicy;
  /**
   * The clusters that receive the VirtualService and DestinationRule.
   * @default - mesh.configClusters
   */
  readonly clusters?: string[];
  /**
   * Gateways whose traffic is released too (an edge canary), e.g. an ingress listener.
   * @default - none: sidecar traffic only
   */
  readonly gateways?: IGatewayBinding[];
  /**
   * The VirtualService hosts (e.g. the external domain of a gateway-bound release).
   * @default - the service host
   */
  readonly hosts?: string[];
  /**
   * Release sidecar traffic too when bound to gateways.
   * @default - true without gateways, false with gateways
   */
  readonly mesh?: boolean;
  /**
   * Multi-cluster canary: the clusters running the stable version (each must run the service).
   * @default - not checked (versions run wherever the service runs)
   */
  readonly stableClusters?: string[];
  /**
   * Multi-cluster canary: the clusters running the canary version (each must run the service).
   * @default - not checked (versions run wherever the service runs)
   */
  readonly canaryClusters?: string[];
  /**
   * Also write a Flagger Canary or an Argo Rollouts Rollout next to the manifests.
   * @default ProgressiveDelivery.NONE
   */
  readonly progressiveDelivery?: ProgressiveDelivery;
}

/** The traffic split of one step. */
export interface CanaryStepSplit {
  /** The step index, or -1 for a rollback. */
  readonly index: number;
  /** Share of the stable version, 0–100. */
  readonly stableWeight: number;
  /** Share of the canary version, 0–100. */
  readonly canaryWeight: number;
}

/**
 * A canary release: a TrafficRoute whose catch-all route splits traffic between a stable and a canary
 * subset according to the current step, plus an optional gray-release route for chosen users.
 * Every step synthesizes one consistent VirtualService and DestinationRule; the plan of all steps is
 * written to `canary/<namespace>-<name>.plan.yaml`.
 */
export class CanaryRelease extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The service being released. */
  public readonly service: MeshService;
  /** The stable version. */
  public readonly stableVersion: string;
  /** The canary version. */
  public readonly canaryVersion: string;
  /** The canary share of each step. */
  public readonly steps: number[];
  /** The route carrying the split (VirtualService and DestinationRule). */
  public readonly route: TrafficRoute;
  /** The environment variable that selects the step: `CDK8S_MESH_CANARY_STEP_<ID>` (construct id upper-cased, non-alphanumerics as `_`). */
  public readonly stepEnvironmentVariable: string;
  private readonly props: CanaryReleaseProps;
  private codeStep: number;
  private rolledBackInCode = false;

  constructor(scope: Construct, id: string, props: CanaryReleaseProps) {
    checkInit('cdk8s-mesh.CanaryRelease', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.service = props.service;
    this.stableVersion = props.stableVersion;
    this.canaryVersion = props.canaryVersion;
    this.steps = [...props.steps ?? DEFAULT_CANARY_STEPS];
    this.codeStep = props.step ?? 0;
    this.stepEnvironmentVariable = `CDK8S_MESH_CANARY_STEP_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
    this.checkProps();
    // Registered before the route so the routes are in place when it renders.
    this.mesh._onSynth(this, () => this.addRoutes(), () => this.checkClusters());
    this.route = new TrafficRoute(this, 'Route', {
      service: props.service,
      name: props.name,
      exportTo: props.exportTo,
      clusters: props.clusters,
      gateways: props.gateways,
      hosts: props.hosts,
      mesh: props.mesh,
      policy: this.policy,
    });
    // Gateway-bound routes of the service follow the split as well (istioctl analyze IST0140).
    TrafficRoute._governSplit(this.route, () => this.httpRoutes(this.current));
    const file = `canary/${this.service.namespace}-${props.name ?? this.service.name}`;
    this.mesh._addArtifact(`${file}.plan.yaml`, () => yamlArtifact([this.renderPlan()]));
    const delivery = props.progressiveDelivery ?? ProgressiveDelivery.NONE;
    if (delivery === ProgressiveDelivery.FLAGGER) this.mesh._addArtifact(`${file}.flagger.yaml`, () => yamlArtifact([this.renderFlagger()]));
    if (delivery === ProgressiveDelivery.ARGO_ROLLOUTS) this.mesh._addArtifact(`${file}.rollout.yaml`, () => yamlArtifact([this.renderRollout()]));
  }

  /** True when the versions are placed in clusters (multi-cluster canary). */
  public get isMultiCluster(): boolean {
    return this.props.stableClusters !== undefined || this.props.canaryClusters !== undefined;
  }

  /** Moves to the next step (stays on the last). Clears a rollback made in code. */
  public promote(): CanaryRelease {
    if (this.rolledBackInCode) this.rolledBackInCode = false;
    else this.codeStep = Math.min(this.codeStep + 1, this.steps.length - 1);
    return this;
  }

  /** Sends all traffic, gray-release users included, back to the stable version. */
  public rollback(): CanaryRelease {
    this.rolledBackInCode = true;
    return this;
  }

  /** The split in effect: from the environment variable if set, otherwise from code. */
  public get current(): CanaryStepSplit {
    const env = process.env[this.stepEnvironmentVariable];
    const rolledBack = env === undefined ? this.rolledBackInCode : env.trim().toLowerCase() === CANARY_ROLLBACK;
    if (rolledBack) return { index: -1, stableWeight: 100, canaryWeight: 0 };
    const index = env === undefined ? this.codeStep : Number(env.trim());
    return this.split(index);
  }

  /**
   * The split of a step.
   * @param index the step index
   */
  public splitAt(index: number): CanaryStepSplit {
    return this.split(index);
  }

  private split(index: number): CanaryStepSplit {
    const canary = this.steps[index] ?? 0;
    return { index, stableWeight: 100 - canary, canaryWeight: canary };
  }

  private get policy(): TrafficPolicy | undefined {
    if (!this.isMultiCluster) return this.props.policy;
    return { ...this.props.policy, tls: this.props.policy?.tls ?? { mode: ClientTlsMode.ISTIO_MUTUAL } };
  }

  private checkProps(): void {
    const s = this.steps;
    const valid = s.length > 0 && s.every((w, i) => Number.isInteger(w) && w >= 1 && w <= 100 && (i === 0 || w > s[i - 1]));
    if (!valid) this.mesh.report(PatternRules.INVALID_CANARY_STEPS, `${this.node.path}/steps`, s);
    if (this.stableVersion === this.canaryVersion) this.mesh.report(PatternRules.SAME_CANARY_VERSION, this, this.canaryVersion);
    const tls = this.props.policy?.tls?.mode;
    if (this.isMultiCluster && tls !== undefined && tls !== ClientTlsMode.ISTIO_MUTUAL) {
      this.mesh.report(PatternRules.CROSS_CLUSTER_WITHOUT_ISTIO_MUTUAL, `${this.node.path}/policy/tls`, tls);
    }
  }

  private addRoutes(): void {
    const split = this.current;
    if (split.index !== -1 && !(Number.isInteger(split.index) && split.index >= 0 && split.index < this.steps.length)) {
      this.mesh.report(PatternRules.CANARY_STEP_OUT_OF_RANGE, `${this.node.path}/step`, process.env[this.stepEnvironmentVariable] ?? split.index);
    }
    for (const route of this.httpRoutes(split)) this.route.addHttpRoute(route);
  }

  private httpRoutes(split: CanaryStepSplit): HttpRouteOptions[] {
    const gray = this.props.grayRelease ?? [];
    const routes: HttpRouteOptions[] = [];
    if (gray.length && split.index !== -1) {
      routes.push({ name: 'gray-release', match: gray, destinations: [{ version: this.canaryVersion }] });
    }
    routes.push({ name: CANARY_ROUTE, destinations: this.weighted(split) });
    return routes;
  }

  private weighted(split: CanaryStepSplit): RouteDestination[] {
    return [
      { version: this.stableVersion, weight: split.stableWeight },
      { version: this.canaryVersion, weight: split.canaryWeight },
    ];
  }

  /** Multi-cluster canary: every cluster a version runs in must run the service (same name and ports). */
  private checkClusters(): void {
    const serviceClusters = new Set(this.service.clusters.map(c => c.clusterName));
    const placed = [...this.props.stableClusters ?? [], ...this.props.canaryClusters ?? []];
    for (const cluster of this.mesh.resolveClusters(this, [], placed)) {
      if (!serviceClusters.has(cluster.clusterName)) {
        this.mesh.report(PatternRules.VERSION_CLUSTER_WITHOUT_SERVICE, this, cluster.clusterName, `${this.service.name} runs in: ${[...serviceClusters].join(', ')}.`);
      }
    }
  }

  private renderPlan(): object {
    const current = this.current;
    return {
      service: this.service.host,
      stableVersion: this.stableVersion,
      canaryVersion: this.canaryVersion,
      stableClusters: this.props.stableClusters,
      canaryClusters: this.props.canaryClusters,
      environmentVariable: this.stepEnvironmentVariable,
      currentStep: current.index === -1 ? CANARY_ROLLBACK : current.index,
      grayRelease: (this.props.grayRelease ?? []).map(describeMatch),
      steps: this.steps.map((_, i) => {
        const split = this.splitAt(i);
        return { step: i, weights: { [this.stableVersion]: split.stableWeight, [this.canaryVersion]: split.canaryWeight } };
      }),
    };
  }

  /** A Flagger Canary: Flagger then owns the VirtualService and DestinationRule and walks `stepWeights` on metrics. */
  private renderFlagger(): object {
    const port = this.service.ports[0];
    return {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: { name: this.service.name, namespace: this.service.namespace },
      spec: {
        provider: 'istio',
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.service.name },
        service: { port: port?.port, targetPort: port?.targetPort ?? port?.port, gateways: ['mesh'], hosts: [this.service.host] },
        analysis: {
          interval: '1m',
          threshold: 5,
          stepWeights: this.steps.filter(w => w < 100),
          metrics: [
            { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
            { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' },
          ],
        },
      },
    };
  }

  /** An Argo Rollouts Rollout that drives this release's VirtualService and DestinationRule subsets. */
  private renderRollout(): object {
    const vsName = this.props.name ?? this.service.name;
    const steps = this.steps.flatMap((w, i) => i === this.steps.length - 1 ? [{ setWeight: w }] : [{ setWeight: w }, { pause: {} }]);
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: this.service.name, namespace: this.service.namespace },
      spec: {
        workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.service.name },
        strategy: {
          canary: {
            trafficRouting: {
              istio: {
                virtualService: { name: vsName, routes: [CANARY_ROUTE] },
                destinationRule: { name: this.service.name, stableSubsetName: this.stableVersion, canarySubsetName: this.canaryVersion },
              },
            },
            steps,
          },
        },
      },
    };
  }
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
