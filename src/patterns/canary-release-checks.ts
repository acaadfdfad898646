import { IConstruct } from 'constructs';
import { CanaryModel, Split } from './canary-release-render';
import type { MeshCore } from '../topology/mesh-core';
import { ClientTlsMode } from '../traffic/client-tls';
import { PatternRules } from '../validation/rules/patterns';

/** What the checks of a canary release read besides the model. */
export interface CanaryCheckInput {
  /** The release (its path locates the findings). */
  readonly release: IConstruct;
  readonly model: CanaryModel;
  /** The split in effect. */
  readonly current: Split;
  /** The text the step was read from (`CanaryStep.fromEnvironment`), reported instead of the index. */
  readonly stepText?: string;
  /** True when versions are placed in clusters. */
  readonly multiCluster: boolean;
  /** The client TLS mode set in the release's policy. */
  readonly tlsMode?: ClientTlsMode;
  /** True when both `step` and `currentStep` are set. */
  readonly stepTwice: boolean;
}

/** Every rule of a canary release: steps, current step, versions, cross-cluster TLS and version placement. */
export function checkCanaryRelease(mesh: MeshCore, c: CanaryCheckInput): void {
  const path = c.release.node.path;
  const s = c.model.steps;
  const valid = s.length > 0 && s.every((w, i) => Number.isInteger(w) && w >= 1 && w <= 100 && (i === 0 || w > s[i - 1]));
  if (!valid) mesh.report(PatternRules.INVALID_CANARY_STEPS, `${path}/steps`, s);
  if (c.stepTwice) mesh.report(PatternRules.CANARY_STEP_TWICE, `${path}/currentStep`, c.current.index);
  const index = c.current.index;
  if (index !== -1 && !(Number.isInteger(index) && index >= 0 && index < s.length)) {
    mesh.report(PatternRules.CANARY_STEP_OUT_OF_RANGE, `${path}/step`, c.stepText ?? index);
  }
  if (c.model.stableVersion === c.model.canaryVersion) mesh.report(PatternRules.SAME_CANARY_VERSION, c.release, c.model.canaryVersion);
  if (c.multiCluster && c.tlsMode !== undefined && c.tlsMode !== ClientTlsMode.ISTIO_MUTUAL) {
    mesh.report(PatternRules.CROSS_CLUSTER_WITHOUT_ISTIO_MUTUAL, `${path}/policy/tls`, c.tlsMode);
  }
  checkVersionClusters(mesh, c);
}

/** Multi-cluster canary: every cluster a version runs in must run the service (same name and ports). */
function checkVersionClusters(mesh: MeshCore, c: CanaryCheckInput): void {
  const service = c.model.service;
  const serviceClusters = new Set(service.clusters.map(cluster => cluster.clusterName));
  const placed = [...c.model.stableClusters ?? [], ...c.model.canaryClusters ?? []];
  for (const cluster of mesh.resolveClusters(c.release, [], placed)) {
    if (!serviceClusters.has(cluster.clusterName)) {
      mesh.report(PatternRules.VERSION_CLUSTER_WITHOUT_SERVICE, c.release, cluster.clusterName, `${service.name} runs in: ${[...serviceClusters].join(', ')}.`);
    }
  }
}
