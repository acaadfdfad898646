import { Construct } from 'constructs';
import { PolicyScope, PolicyTargetOptions } from './policy-target';
import { PolicyTarget } from './target';
import type { Waypoint } from '../gateways/waypoint';
import type { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import type { MeshService } from '../workloads/mesh-service';

/**
 * What every security policy shares: its mesh, its name and namespace, the workloads it selects
 * and the clusters it is placed in, all worked out once from `PolicyTargetOptions`.
 */
export abstract class TargetedPolicy extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** @internal */
  protected readonly _target: PolicyTarget;

  protected constructor(scope: Construct, id: string, options: PolicyTargetOptions, waypoint?: Waypoint, targetService?: MeshService) {
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this._target = new PolicyTarget(this.mesh, this, options, waypoint, targetService);
  }

  /** The object name. */
  public get name(): string {
    return this._target.name;
  }

  /** The namespace it lives in. */
  public get namespaceName(): string {
    return this._target.namespace;
  }

  /** Where it applies. */
  public get scope(): PolicyScope {
    return this._target.scope;
  }

  /** The pod labels it selects, if any. */
  public get selector(): { [key: string]: string } | undefined {
    return this._target.selector ? { ...this._target.selector } : undefined;
  }

  /** The clusters it is placed in. */
  public get clusters(): MeshCluster[] {
    return this._target.clusters;
  }
}
