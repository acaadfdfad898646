/** Extra output for teams that automate promotion on metrics. */
export enum ProgressiveDelivery {
  /** No progressive-delivery resource. */
  NONE = 'NONE',
  /** A Flagger `Canary` (flagger.app/v1beta1, Istio provider) written as an artifact file. */
  FLAGGER = 'FLAGGER',
  /** An Argo Rollouts `Rollout` (argoproj.io/v1alpha1) with Istio subset traffic routing, written as an artifact file. */
  ARGO_ROLLOUTS = 'ARGO_ROLLOUTS',
}
