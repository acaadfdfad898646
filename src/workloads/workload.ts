import { IConstruct } from 'constructs';
import { MeshCluster } from '../topology/cluster';

/**
 * Anything that runs pods in the mesh and can be targeted by policy: a mesh service, a gateway.
 * Policies, sidecar settings and proxy extensions target workloads through this interface, so
 * their selectors are derived from the workload and cannot drift from its labels.
 */
export interface IMeshWorkload extends IConstruct {
  /** The namespace the workload's pods run in. */
  readonly workloadNamespace: string;
  /** Pod labels that select exactly this workload's pods (`matchLabels` of a workload selector). */
  readonly workloadSelector: { [key: string]: string };
  /** The clusters where the workload runs. */
  readonly workloadClusters: MeshCluster[];
}
