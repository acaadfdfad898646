import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IGatewayBinding } from './gateway-binding';
import { jsonObjects, jsonStrings } from '../core/json';
import { renderedJson } from '../core/rendered';
import { MeshCluster } from '../topology/cluster';
import { MeshCore } from '../topology/mesh-core';
import { checkInit, trusted } from '../validation/input/check';
import { GatewayRules } from '../validation/rules/gateway';

/**
 * An Istio `Gateway` resource the library does not render, as a binding for routes: one in YAML included into a
 * cluster (`fromIncluded`), whose servers' hosts the route checks read. Routes bind to it as to a listener.
 */
export class IncludedGateway extends Construct implements IGatewayBinding {
  /**
   * The Istio `Gateway` of YAML included into a cluster (cdk8s `Include`, Helm output, `cluster.includeManifests(dir)`),
   * found by namespace and name. A Gateway the cluster does not include is MESH-GW-041.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param cluster the cluster the YAML is included into
   * @param namespaceName the Gateway's namespace (`default` for one written without)
   * @param name the Gateway's name
   */
  public static fromIncluded(scope: Construct, id: string, cluster: MeshCluster, namespaceName: string, name: string): IncludedGateway {
    const found = cluster.findObject('Gateway', namespaceName, name);
    const gateway = found?.apiVersion.startsWith('networking.istio.io/') ? found : undefined;
    const reference = trusted(() => new IncludedGateway(scope, id, cluster, namespaceName, name, gateway));
    if (!gateway) {
      MeshCore.coreOf(reference).report(GatewayRules.INCLUDED_GATEWAY_NOT_FOUND, reference, `${namespaceName}/${name}`, `In cluster ${cluster.clusterName}.`);
    }
    return reference;
  }

  /** The Gateway's name. */
  public readonly name: string;
  /** The Gateway's namespace. */
  public readonly namespaceName: string;
  private readonly cluster: MeshCluster;
  private readonly apiObject?: ApiObject;

  private constructor(scope: Construct, id: string, cluster: MeshCluster, namespaceName: string, name: string, apiObject?: ApiObject) {
    checkInit('cdk8s-mesh.IncludedGateway', new.target, [scope, id]);
    super(scope, id);
    this.cluster = cluster;
    this.namespaceName = namespaceName;
    this.name = name;
    this.apiObject = apiObject;
  }

  /** The `<namespace>/<name>` reference VirtualServices use (IGatewayBinding). */
  public get gatewayReference(): string {
    return `${this.namespaceName}/${this.name}`;
  }

  /** The cluster whose included YAML holds the Gateway (IGatewayBinding). */
  public get gatewayResourceClusters(): MeshCluster[] {
    return [this.cluster];
  }

  /**
   * The hosts of the included Gateway's servers, in its cluster (IGatewayBinding).
   * @param cluster the cluster
   */
  public listenerHostsIn(cluster: MeshCluster): string[] {
    if (cluster !== this.cluster || !this.apiObject) return [];
    return [...new Set(jsonObjects(renderedJson(this.apiObject), 'spec', 'servers').flatMap(s => jsonStrings(s, 'hosts')))];
  }
}
