import { Construct } from 'constructs';
import { checkPorts, objectName } from './scope';
import type { VmWorkloadOptions } from './workload-entry';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { OperationsRules } from '../validation/rules/operations';
import { IMeshWorkload } from '../workloads/workload';

/**
 * What a WorkloadEntry and a WorkloadGroup share: a non-Kubernetes workload identified by its
 * namespace and labels, held in the mesh's config clusters, targetable by construct (`IMeshWorkload`).
 */
export abstract class VmWorkload extends MeshMember implements IMeshWorkload {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  private readonly vm: VmWorkloadOptions;

  protected constructor(scope: Construct, id: string, options: VmWorkloadOptions) {
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.vm = options;
    this.name = objectName(this, options.name);
    checkPorts(this.mesh, this, Object.values(options.ports ?? {}), OperationsRules.RESERVED_PORT);
  }

  /** The namespace (IMeshWorkload). */
  public get workloadNamespace(): string {
    return this.vm.namespaceName;
  }

  /** The labels its VMs carry (IMeshWorkload). */
  public get workloadSelector(): { [key: string]: string } {
    return { ...this.vm.labels };
  }

  /** The config clusters that hold it (IMeshWorkload). */
  public get workloadClusters(): MeshCluster[] {
    return this.mesh.configClusters;
  }
}
