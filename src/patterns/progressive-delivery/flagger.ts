import { ApiObjectMetadata } from 'cdk8s';
import { CanarySpec, CanarySpecProvider, CanarySpecTargetRefKind } from '../../imports/flagger.app';
import type { CanaryModel } from '../canary-release-render';

/** A Flagger `Canary` (flagger.app/v1beta1), typed by the bindings of the vendored upstream CRD. */
export interface FlaggerCanary {
  readonly apiVersion: 'flagger.app/v1beta1';
  readonly kind: 'Canary';
  readonly metadata: ApiObjectMetadata;
  readonly spec: CanarySpec;
}

/**
 * The Flagger Canary of a release (Istio provider): Flagger then owns the VirtualService and DestinationRule
 * and walks `stepWeights` (the steps below 100%) while the request success rate and duration hold.
 */
export function renderFlaggerCanary(m: CanaryModel): FlaggerCanary {
  const port = m.service.ports[0];
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: m.service.name, namespace: m.service.namespaceName },
    spec: {
      provider: CanarySpecProvider.ISTIO,
      targetRef: { apiVersion: 'apps/v1', kind: CanarySpecTargetRefKind.DEPLOYMENT, name: m.service.name },
      service: port === undefined ? undefined : { port: port.port, targetPort: port.targetPort ?? port.port, gateways: ['mesh'], hosts: [m.service.host] },
      analysis: {
        interval: '1m',
        threshold: 5,
        stepWeights: m.steps.filter(w => w < 100),
        metrics: [
          { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
          { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' },
        ],
      },
    },
  };
}
