import { renderArgoRollout } from './argo-rollouts';
import { renderFlaggerCanary } from './flagger';
import { ProgressiveDelivery } from './progressive-delivery';
import type { CanaryModel } from '../canary-release-render';

/** The progressive-delivery file of a release: its name suffix and the document, rendered after validation. */
export interface ProgressiveDeliveryFile {
  /** `flagger.yaml` or `rollout.yaml`, after `canary/<namespace>-<name>.`. */
  readonly suffix: string;
  readonly render: () => object;
}

/** The file a release writes for `delivery`, if any. */
export function progressiveDeliveryFile(delivery: ProgressiveDelivery, m: CanaryModel): ProgressiveDeliveryFile | undefined {
  switch (delivery) {
    case ProgressiveDelivery.NONE:
      return undefined;
    case ProgressiveDelivery.FLAGGER:
      return { suffix: 'flagger.yaml', render: () => renderFlaggerCanary(m) };
    case ProgressiveDelivery.ARGO_ROLLOUTS:
      return { suffix: 'rollout.yaml', render: () => renderArgoRollout(m) };
  }
}
