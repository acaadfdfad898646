import type { MeshCluster } from './cluster';
import type { MeshCore } from './mesh-core';

/**
 * A file written next to the manifests by `MeshApp.synth()` (plans, runbooks, install values).
 */
export interface MeshArtifact {
  /** Path relative to the app's output directory. */
  readonly path: string;
  /** The file content. */
  readonly content: string;
}

/**
 * A feature that plugs into the mesh core: the one extension point of the library.
 *
 * The core calls every registered feature in registration order, in three phases:
 * 1. `render(mesh)` creates objects in clusters (`cluster.scopeFor(member)`); it never reports.
 * 2. `validate(mesh)` reports broken rules with `mesh.report()` and reads what every feature and the user
 *    put into a cluster through `mesh.objectIndex(cluster)`; it never creates objects.
 * 3. `artifacts(mesh)` returns files written next to the manifests.
 * While the core renders a namespace it owns (the root namespace of each cluster) it asks every feature for
 * `namespaceAnnotations(cluster, namespace)`.
 *
 * Extend `MeshFeature` rather than implementing this interface: it provides no-op defaults.
 */
export interface IMeshFeature {
  /** A short name for the feature, shown in errors (e.g. `security`, `platform:asm`). */
  readonly featureName: string;
  /**
   * Creates the feature's objects in the mesh's clusters.
   * @param mesh the mesh
   */
  render(mesh: MeshCore): void;
  /**
   * Checks the feature's rules after every feature has rendered.
   * @param mesh the mesh; `mesh.objectIndex(cluster)` lists each cluster's rendered objects
   */
  validate(mesh: MeshCore): void;
  /**
   * Files the feature writes next to the manifests, after validation passed.
   * @param mesh the mesh
   */
  artifacts(mesh: MeshCore): MeshArtifact[];
  /**
   * Annotations the feature adds to a namespace the core renders (the root namespace of each cluster).
   * @param cluster the cluster
   * @param namespaceName the namespace name
   */
  namespaceAnnotations(cluster: MeshCluster, namespaceName: string): { [key: string]: string };
}

/**
 * Base class for mesh features, with no-op defaults for every phase. Register an instance with
 * `mesh.addFeature(feature)`.
 */
export abstract class MeshFeature implements IMeshFeature {
  /**
   * Finds the first feature of the mesh that is an instance of `type` (TypeScript helper for `static of()` lookups).
   * @internal
   */
  public static _find<T extends IMeshFeature>(mesh: MeshCore, type: abstract new (...args: never[]) => T): T | undefined {
    const feature = mesh._firstFeatureOf(type);
    return feature instanceof type ? feature : undefined;
  }

  /** A short name for the feature, shown in errors. */
  public abstract readonly featureName: string;

  /**
   * Creates the feature's objects. Default: none.
   * @param _mesh the mesh
   */
  public render(_mesh: MeshCore): void {
    return;
  }

  /**
   * Checks the feature's rules. Default: none.
   * @param _mesh the mesh
   */
  public validate(_mesh: MeshCore): void {
    return;
  }

  /**
   * Files the feature writes. Default: none.
   * @param _mesh the mesh
   */
  public artifacts(_mesh: MeshCore): MeshArtifact[] {
    return [];
  }

  /**
   * Annotations for a namespace the core renders. Default: none.
   * @param _cluster the cluster
   * @param _namespace the namespace name
   */
  public namespaceAnnotations(_cluster: MeshCluster, _namespace: string): { [key: string]: string } {
    return {};
  }
}
