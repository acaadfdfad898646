import { Construct } from 'constructs';
import { SelectorIndex, apiObjectsOfKinds } from './scope';
import { VmWorkload } from './vm-workload';
import { jsonString, jsonStringRecord } from '../core/json';
import { sortedRecord } from '../core/names';
import { renderedJson } from '../core/rendered';
import { WorkloadEntry as WorkloadEntryL1 } from '../imports/networking.istio.io';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { OperationsRules } from '../validation/rules/operations';

/** Where a non-Kubernetes workload runs and who it is; shared by WorkloadEntry and the WorkloadGroup template. */
export interface VmWorkloadOptions {
  /** The namespace the workload belongs to. */
  readonly namespaceName: string;
  /** Labels of the workload; ServiceEntries, Services and policies select it by these. */
  readonly labels: { [key: string]: string };
  /**
   * The service account its proxy runs as (its identity).
   * @default - the namespace's default service account
   */
  readonly serviceAccount?: string;
  /**
   * The network the VM is on, when it is not reachable from the clusters' pod network.
   * @default - the default network
   */
  readonly network?: string;
  /**
   * The locality, `region/zone/subzone`.
   * @default - none
   */
  readonly locality?: string;
  /**
   * Port name to port number on the VM, when the VM listens on other ports than the service.
   * @default - the service ports
   */
  readonly ports?: { [name: string]: number };
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
}

/** Options of a `WorkloadEntry`. */
export interface WorkloadEntryProps extends VmWorkloadOptions {
  /** The VM's IP address or DNS name. */
  readonly address: string;
  /**
   * Load-balancing weight among endpoints of the same service.
   * @default - equal weights
   */
  readonly weight?: number;
}

/** The ownership list of a mesh's WorkloadEntries. */
const WORKLOAD_ENTRIES = 'operations/workload-entries';

/**
 * Istio `WorkloadEntry`: one VM or other non-Kubernetes workload. It must be selected by a ServiceEntry,
 * WorkloadGroup or Service in its namespace (MESH-OPS-003). Implements `IMeshWorkload`, so policies target it by construct.
 */
export class WorkloadEntry extends VmWorkload {
  private readonly props: WorkloadEntryProps;

  constructor(scope: Construct, id: string, props: WorkloadEntryProps) {
    checkInit('cdk8s-mesh.WorkloadEntry', new.target, [scope, id, props]);
    super(scope, id, props);
    this.props = props;
    if (this.mesh.ownership.addMember(WORKLOAD_ENTRIES, this)) {
      this.mesh._onSynth(this, undefined, () => checkEntriesSelected(this.mesh));
    }
    this.mesh._onSynth(this, () => this.render());
  }

  private render(): void {
    const p = this.props;
    for (const cluster of this.mesh.configClusters) {
      new WorkloadEntryL1(cluster.scopeFor(this), 'WorkloadEntry', {
        metadata: { name: this.name, namespace: p.namespaceName },
        spec: {
          address: p.address,
          labels: sortedRecord(p.labels),
          serviceAccount: p.serviceAccount,
          network: p.network,
          locality: p.locality,
          ports: p.ports,
          weight: p.weight,
        },
      });
    }
  }
}

/** MESH-OPS-003: every WorkloadEntry is selected by a ServiceEntry, WorkloadGroup or Service. One pass over the charts. */
function checkEntriesSelected(mesh: MeshCore): void {
  const index = new SelectorIndex();
  for (const { object } of apiObjectsOfKinds(mesh.clusters, ['ServiceEntry', 'WorkloadGroup', 'Service'])) {
    const json = renderedJson(object);
    const namespace = jsonString(json, 'metadata', 'namespace') ?? 'default';
    if (object.kind === 'ServiceEntry') index.add(namespace, jsonStringRecord(json, 'spec', 'workloadSelector', 'labels'));
    else if (object.kind === 'WorkloadGroup') index.add(namespace, jsonStringRecord(json, 'spec', 'metadata', 'labels'));
    else index.add(namespace, jsonStringRecord(json, 'spec', 'selector'));
  }
  for (const entry of mesh.ownership.members(WORKLOAD_ENTRIES).filter((m): m is WorkloadEntry => m instanceof WorkloadEntry)) {
    if (!index.selects(entry.workloadNamespace, entry.workloadSelector)) {
      mesh.report(OperationsRules.ORPHAN_WORKLOAD_ENTRY, entry, `${entry.workloadNamespace}/${entry.name}`);
    }
  }
}
