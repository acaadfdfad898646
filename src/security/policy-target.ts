import { IMeshWorkload } from '../workloads/workload';

/**
 * Where a security policy applies.
 */
export enum PolicyScope {
  /** Every workload of the mesh: the root namespace, no selector. */
  MESH = 'MESH',
  /** Every workload of one namespace: no selector. */
  NAMESPACE = 'NAMESPACE',
  /** The pods a selector picks in one namespace. */
  WORKLOAD = 'WORKLOAD',
}

/**
 * What a PeerAuth, AuthorizationPolicy or RequestAuthentication applies to and where it is placed.
 */
export interface PolicyTargetOptions {
  /**
   * The object name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The workload the policy selects (a MeshService or a gateway); its namespace and selector are used.
   * @default - no workload: namespace- or mesh-wide unless `selector` is given
   */
  readonly workload?: IMeshWorkload;
  /**
   * Pod labels the policy selects; added to the workload's selector when both are given.
   * @default - the workload's selector, or none
   */
  readonly selector?: { [key: string]: string };
  /**
   * The namespace the policy lives in.
   * @default - the workload's namespace, otherwise the mesh root namespace (mesh-wide)
   */
  readonly namespaceName?: string;
  /**
   * The scope you mean; checked against namespace and selector (MESH-SEC-003).
   * @default - derived: WORKLOAD with a selector, MESH in the root namespace, otherwise NAMESPACE
   */
  readonly policyScope?: PolicyScope;
  /**
   * TypeScript-only alias of `policyScope` (in Python it would collide with the construct's `scope` parameter).
   * @deprecated use `policyScope`
   * @default - `policyScope`
   * @jsii ignore
   */
  readonly scope?: PolicyScope;
  /**
   * Clusters to place the policy in.
   * @default - the config clusters that serve the workload's clusters (or the namespace's), else every config cluster
   */
  readonly clusters?: string[];
}
