import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { MeshCluster } from './cluster';
import { MeshCore } from './mesh-core';
import { checkInit } from '../validation/input/check';

/**
 * A construct of the mesh that renders objects into clusters. Its rendered objects are the escape hatch,
 * like cdk8s-plus's `apiObject`: patch a field the library does not model with
 * `member.apiObjectFor(cluster, 'DestinationRule').addJsonPatch(JsonPatch.add('/spec/exportTo', ['.']))`.
 */
export abstract class MeshMember extends Construct {
  /**
   * @param scope the scope in which to define this construct: the mesh, or a construct inside it
   * @param id the construct ID, unique amongst its siblings
   */
  constructor(scope: Construct, id: string) {
    checkInit('cdk8s-mesh.MeshMember', new.target, [scope, id]);
    super(scope, id);
  }

  /**
   * The objects this construct and the constructs inside it rendered into `cluster`, in construct order.
   * Renders the whole mesh first if it has not rendered yet, so call it once every construct is declared.
   * @param cluster a cluster of the mesh
   */
  public apiObjects(cluster: MeshCluster): ApiObject[] {
    return MeshCore.coreOf(this).apiObjectsOf(this, cluster);
  }

  /**
   * The one object of `kind` (and `name`, if given) this construct rendered into `cluster`. Throws if there is
   * none or more than one; use `apiObjects()` to choose among several.
   * @param cluster a cluster of the mesh
   * @param kind the object kind, e.g. `VirtualService`
   * @param name the object name (`metadata.name`)
   * @default - any name
   */
  public apiObjectFor(cluster: MeshCluster, kind: string, name?: string): ApiObject {
    const found = this.apiObjects(cluster).filter(o => o.kind === kind && (name === undefined || o.name === name));
    if (found.length !== 1) {
      const what = name === undefined ? kind : `${kind} ${name}`;
      throw new Error(`cdk8s-mesh: ${this.node.path} rendered ${found.length} ${what} objects into cluster ${cluster.clusterName}; expected one.`);
    }
    return found[0];
  }
}
