import { Construct } from 'constructs';
import { checkCanaryRelease } from './canary-release-checks';
import { CanaryModel, ROLLBACK_SPLIT, canaryHttpRoutes, renderCanaryPlan, splitAt } from './canary-release-render';
import { CanaryStep } from './canary-step';
import { progressiveDeliveryFile } from './progressive-delivery/files';
import { ProgressiveDelivery } from './progressive-delivery/progressive-delivery';
import { yamlArtifact } from '../core/artifact';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { TrafficApi } from '../gateways/traffic-api';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { ClientTlsMode } from '../traffic/client-tls';
import { ExportTo, TrafficPolicy } from '../traffic/destination-policy';
import { HttpMatch } from '../traffic/match';
import { TrafficRoute } from '../traffic/traffic-route';
import { checkInit } from '../validation/input/check';
import { MeshService } from '../workloads/mesh-service';

/** The default canary shares: 5% → 25% → 50% → 100%. */
export const DEFAULT_CANARY_STEPS = [5, 25, 50, 100];

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
   * The current step as an index into `steps` (shorthand for `currentStep: CanaryStep.of(step)`).
   * @default 0
   */
  readonly step?: number;
  /**
   * The current step: `CanaryStep.of(index)`, `CanaryStep.rollback()`, or the value a pipeline set in
   * `CDK8S_MESH_CANARY_STEP_<ID>` with `CanaryStep.fromEnvironment(id, fallback)`. The environment is read
   * only through that helper. Set this or `step`, not both.
   * @default - the `step` index
   */
  readonly currentStep?: CanaryStep;
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
   * The API the release's routes render to (VirtualService with subsets, or HTTPRoute with per-version Services).
   * @default - the mesh's `trafficApi` (TrafficApi.ISTIO)
   */
  readonly trafficApi?: TrafficApi;
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
 * written to `canary/<namespace>-<name>.plan.yaml`, and a Flagger Canary or an Argo Rollouts Rollout
 * next to it on request (`progressiveDelivery`).
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
  /**
   * The environment variable `CanaryStep.fromEnvironment(id)` reads for this release: `CDK8S_MESH_CANARY_STEP_<ID>`
   * (construct id upper-cased, non-alphanumerics as `_`).
   */
  public readonly stepEnvironmentVariable: string;
  private readonly props: CanaryReleaseProps;
  private readonly model: CanaryModel;
  /** The step the release starts from (props), then moved by promote() and rollback(). */
  private stepIndex: number;
  private rolledBack: boolean;
  /** The environment text of the starting step, until code moves the step. */
  private stepText: string | undefined;

  constructor(scope: Construct, id: string, props: CanaryReleaseProps) {
    checkInit('cdk8s-mesh.CanaryRelease', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.service = props.service;
    this.stableVersion = props.stableVersion;
    this.canaryVersion = props.canaryVersion;
    this.steps = [...props.steps ?? DEFAULT_CANARY_STEPS];
    this.stepEnvironmentVariable = CanaryStep.environmentVariableOf(id);
    const start = props.currentStep ?? CanaryStep.of(props.step ?? 0);
    this.stepIndex = start.isRollback ? 0 : start.index;
    this.rolledBack = start.isRollback;
    this.stepText = start._text;
    this.model = {
      service: props.service,
      stableVersion: props.stableVersion,
      canaryVersion: props.canaryVersion,
      steps: this.steps,
      routeName: props.name ?? props.service.name,
      grayRelease: [...props.grayRelease ?? []],
      stableClusters: props.stableClusters,
      canaryClusters: props.canaryClusters,
    };
    // Registered before the route so the routes are in place when it renders.
    this.mesh._onSynth(this, () => this.addRoutes(), () => this.validate());
    this.route = new TrafficRoute(this, 'Route', {
      service: props.service,
      name: props.name,
      exportTo: props.exportTo,
      clusters: props.clusters,
      gateways: props.gateways,
      hosts: props.hosts,
      mesh: props.mesh,
      policy: this.policy,
      trafficApi: props.trafficApi,
    });
    // Gateway-bound routes of the service follow the split as well (istioctl analyze IST0140).
    TrafficRoute._governSplit(this.route, () => canaryHttpRoutes(this.model, this.current));
    const file = `canary/${this.service.namespaceName}-${this.model.routeName}`;
    const environmentVariable = start.environmentVariable;
    this.mesh._addArtifact(`${file}.plan.yaml`, () => yamlArtifact([renderCanaryPlan(this.model, this.current, environmentVariable)]));
    const delivery = progressiveDeliveryFile(props.progressiveDelivery ?? ProgressiveDelivery.NONE, this.model);
    if (delivery) this.mesh._addArtifact(`${file}.${delivery.suffix}`, () => yamlArtifact([delivery.render()]));
  }

  /** True when the versions are placed in clusters (multi-cluster canary). */
  public get isMultiCluster(): boolean {
    return this.props.stableClusters !== undefined || this.props.canaryClusters !== undefined;
  }

  /** Moves to the next step (stays on the last). Clears a rollback instead, if there is one. */
  public promote(): CanaryRelease {
    if (this.rolledBack) this.rolledBack = false;
    else this.stepIndex = Math.min(this.stepIndex + 1, this.steps.length - 1);
    this.stepText = undefined;
    return this;
  }

  /** Sends all traffic, gray-release users included, back to the stable version. */
  public rollback(): CanaryRelease {
    this.rolledBack = true;
    this.stepText = undefined;
    return this;
  }

  /** The split in effect: the current step (props), moved by `promote()` and `rollback()`. */
  public get current(): CanaryStepSplit {
    return this.rolledBack ? ROLLBACK_SPLIT : splitAt(this.steps, this.stepIndex);
  }

  /**
   * The split of a step.
   * @param index the step index
   */
  public splitAt(index: number): CanaryStepSplit {
    return splitAt(this.steps, index);
  }

  private get policy(): TrafficPolicy | undefined {
    if (!this.isMultiCluster) return this.props.policy;
    return { ...this.props.policy, tls: this.props.policy?.tls ?? { mode: ClientTlsMode.ISTIO_MUTUAL } };
  }

  private addRoutes(): void {
    for (const route of canaryHttpRoutes(this.model, this.current)) this.route.addHttpRoute(route);
  }

  private validate(): void {
    checkCanaryRelease(this.mesh, {
      release: this,
      model: this.model,
      current: this.current,
      stepText: this.stepText,
      multiCluster: this.isMultiCluster,
      tlsMode: this.props.policy?.tls?.mode,
      stepTwice: this.props.step !== undefined && this.props.currentStep !== undefined,
    });
  }
}
