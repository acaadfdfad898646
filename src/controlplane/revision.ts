import { IstioVersion } from '../topology/istio-version';

/** The revision name that means "no revision" (`istioctl install` without `--revision`). */
export const DEFAULT_REVISION = 'default';

/**
 * One control-plane revision installed side by side with others (`spec.revision`, Helm `revision`).
 */
export interface ControlPlaneRevision {
  /** The revision name, e.g. `1-30-3`; `default` installs without a revision. */
  readonly name: string;
  /**
   * The Istio release this revision runs (used for the istioctl binary and Helm chart version in the runbook).
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
  /**
   * Revision tags that point at this revision (`revisionTags` values; `istioctl tag set`), e.g. `prod-stable`.
   * Namespaces and gateways may be pinned to a tag instead of a revision.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * The control-plane clusters that run this revision.
   * @default - every cluster that runs a control plane
   */
  readonly clusters?: string[];
}

/** The `spec.revision` / Helm `revision` value of a revision, or undefined for the default revision. */
export function revisionValue(revision: ControlPlaneRevision): string | undefined {
  return revision.name === DEFAULT_REVISION ? undefined : revision.name;
}
