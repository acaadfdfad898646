import { ApiObjectMetadata } from 'cdk8s';
import { RolloutSpec, RolloutSpecStrategyCanarySteps } from '../../imports/argoproj.io';
import { CANARY_ROUTE, CanaryModel } from '../canary-release-render';

/** An Argo Rollouts `Rollout` (argoproj.io/v1alpha1), typed by the bindings of the vendored upstream CRD. */
export interface ArgoRollout {
  readonly apiVersion: 'argoproj.io/v1alpha1';
  readonly kind: 'Rollout';
  readonly metadata: ApiObjectMetadata;
  readonly spec: RolloutSpec;
}

/**
 * The Rollout of a release: it references the service's Deployment (`workloadRef`) and drives the release's
 * VirtualService route `canary` and the DestinationRule's stable and canary subsets, pausing after every step
 * but the last.
 */
export function renderArgoRollout(m: CanaryModel): ArgoRollout {
  const last = m.steps.length - 1;
  const steps = m.steps.flatMap((w, i): RolloutSpecStrategyCanarySteps[] => (i === last ? [{ setWeight: w }] : [{ setWeight: w }, { pause: {} }]));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: m.service.name, namespace: m.service.namespaceName },
    spec: {
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.service.name },
      strategy: {
        canary: {
          trafficRouting: {
            istio: {
              virtualService: { name: m.routeName, routes: [CANARY_ROUTE] },
              destinationRule: { name: m.service.name, stableSubsetName: m.stableVersion, canarySubsetName: m.canaryVersion },
            },
          },
          steps,
        },
      },
    },
  };
}
