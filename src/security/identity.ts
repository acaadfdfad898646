import type { MeshCore } from '../topology/mesh-core';
import type { MeshService } from '../workloads/mesh-service';

/**
 * A workload identity (a Kubernetes service account). Its principal, `<trustDomain>/ns/<ns>/sa/<sa>`,
 * is derived with the mesh's trust domain, so it is the same in every cluster.
 */
export class Identity {
  /**
   * The identity of a mesh service's pods (its service account).
   * @param service the service
   */
  public static ofService(service: MeshService): Identity {
    return new Identity(() => service.namespaceName, () => service.serviceAccount);
  }

  /**
   * A service account.
   * @param serviceAccountNamespace its namespace
   * @param name its name
   */
  public static serviceAccount(serviceAccountNamespace: string, name: string): Identity {
    return new Identity(() => serviceAccountNamespace, () => name);
  }

  private constructor(private readonly ns: () => string, private readonly sa: () => string) {}

  /** The namespace of the service account. */
  public get namespaceName(): string {
    return this.ns();
  }

  /** The service account name. */
  public get serviceAccountName(): string {
    return this.sa();
  }

  /**
   * The principal as AuthorizationPolicy spells it.
   * @param mesh the mesh whose trust domain is used
   */
  public principalIn(mesh: MeshCore): string {
    return `${mesh.trustDomain}/ns/${this.namespaceName}/sa/${this.serviceAccountName}`;
  }
}
