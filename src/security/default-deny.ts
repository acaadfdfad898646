import { Construct } from 'constructs';
import { AuthorizationPolicy, RequestOperation } from './authorization-policy';
import { Identity } from './identity';
import { PolicyScope } from './policy-target';
import { MeshMember } from '../topology/member';
import { checkInit } from '../validation/input/check';
import { IMeshWorkload } from '../workloads/workload';

/**
 * One explicit exception to a mesh-wide default deny.
 */
export interface ExplicitAllow {
  /** The workload that may be called. */
  readonly to: IMeshWorkload;
  /**
   * The identities that may call it (needs mTLS; the mesh default is STRICT).
   * @default - any caller
   */
  readonly callers?: Identity[];
  /**
   * The operations they may perform.
   * @default - any operation
   */
  readonly operations?: RequestOperation[];
  /**
   * The AuthorizationPolicy name.
   * @default `allow-<workload construct id>`
   */
  readonly name?: string;
}

/**
 * Props of a `MeshDefaultDeny`.
 */
export interface MeshDefaultDenyProps {
  /**
   * The allowed calls.
   * @default - none; add with `allow()`
   */
  readonly allow?: ExplicitAllow[];
  /**
   * The name of the mesh-wide allow-nothing policy.
   * @default 'allow-nothing'
   */
  readonly name?: string;
  /**
   * Clusters for the mesh-wide policy.
   * @default - every config cluster
   */
  readonly clusters?: string[];
}

/**
 * Zero trust in one call: a mesh-wide ALLOW policy without rules (allow nothing) in the root namespace,
 * plus one ALLOW policy per explicit exception. Gateways are workloads too: allow their traffic explicitly.
 */
export class MeshDefaultDeny extends MeshMember {
  /** The mesh-wide allow-nothing policy. */
  public readonly policy: AuthorizationPolicy;
  private readonly allowList: AuthorizationPolicy[] = [];

  constructor(scope: Construct, id: string, props: MeshDefaultDenyProps = {}) {
    checkInit('cdk8s-mesh.MeshDefaultDeny', new.target, [scope, id, props]);
    super(scope, id);
    this.policy = new AuthorizationPolicy(this, 'AllowNothing', {
      name: props.name ?? 'allow-nothing',
      policyScope: PolicyScope.MESH,
      clusters: props.clusters,
    });
    for (const allow of props.allow ?? []) this.allow(allow);
  }

  /** The explicit allow policies. */
  public get allows(): AuthorizationPolicy[] {
    return [...this.allowList];
  }

  /**
   * Adds an explicit exception.
   * @param allow who may call which workload
   */
  public allow(allow: ExplicitAllow): AuthorizationPolicy {
    const name = allow.name ?? `allow-${allow.to.node.id}`;
    const policy = new AuthorizationPolicy(this, name, {
      name,
      workload: allow.to,
      rules: [{
        sources: allow.callers?.length ? [{ identities: allow.callers }] : undefined,
        operations: allow.operations,
      }],
    });
    this.allowList.push(policy);
    return policy;
  }
}
