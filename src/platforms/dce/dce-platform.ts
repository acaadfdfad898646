import { DceOptions } from './dce-options';
import { dceArtifacts } from './dce-params';
import type { IstioVersion } from '../../topology/istio-version';
import type { MeshCore } from '../../topology/mesh-core';
import { InjectionScheme } from '../../topology/namespace';
import { checkInit } from '../../validation/input/check';
import { PlatformRules } from '../../validation/rules/platform';
import { validateConfigCluster, validateRevisionName } from '../managed-checks';
import { Platform, PlatformArtifact, PlatformKind } from '../platform';
import { onPlatform } from '../platform-feature';

/** DNS-1123 label that may contain dots: a Kubernetes label value that is also usable as a name part. */
const DOTTED_LABEL = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * DaoCloud DCE 5.0 service mesh (mspider), hosted mode: DCE runs istiod; Istio config goes to the one CONFIG
 * cluster (the hosted virtual cluster `<meshId>-hosted`), worker clusters are REMOTE; namespaces use
 * `istio-injection=enabled`; revisions are DCE mesh versions (`1.17.1-mspider`). The library writes the
 * GlobalMesh and MeshCluster parameters to `dce/`.
 */
export class DcePlatform extends Platform {
  /** 'DaoCloud DCE'. */
  public readonly displayName = 'DaoCloud DCE';
  /** The DCE settings. */
  public readonly options: DceOptions;

  /**
   * @param options DCE settings
   */
  public constructor(options: DceOptions = {}) {
    checkInit('cdk8s-mesh.DcePlatform', new.target, [options]);
    super();
    this.options = options;
  }

  /** DCE. */
  public get kind(): PlatformKind {
    return PlatformKind.DCE;
  }

  /** The DCE settings. */
  public get dceOptions(): DceOptions | undefined {
    return this.options;
  }

  /** True: DCE runs the control plane. */
  public get managesControlPlane(): boolean {
    return true;
  }

  /** True: config goes to the hosted virtual cluster. */
  public get needsConfigCluster(): boolean {
    return true;
  }

  /** LEGACY: DCE labels namespaces `istio-injection=enabled`. */
  public get defaultInjection(): InjectionScheme {
    return InjectionScheme.LEGACY;
  }

  /** True: DCE revisions are its mesh versions. */
  public get hasOwnRevisionNames(): boolean {
    return true;
  }

  /**
   * `<istioVersion>-<versionSuffix>`, e.g. `1.17.1-mspider`.
   * @param istioVersion the mesh's Istio version
   */
  public defaultRevision(istioVersion: IstioVersion): string {
    return `${istioVersion.toString()}-${this.options.versionSuffix ?? 'mspider'}`;
  }

  /**
   * A label value that may contain dots (`1.17.1-mspider`).
   * @param revision the revision name
   */
  public acceptsRevision(revision: string): boolean {
    return revision.length <= 63 && DOTTED_LABEL.test(revision);
  }

  /**
   * One CONFIG cluster, no primaries, DCE revision names, an east-west address for every network.
   * @param mesh the mesh
   */
  public validate(mesh: MeshCore): void {
    validateConfigCluster(mesh);
    validateRevisionName(mesh, PlatformRules.DCE_REVISION);
    this.validateNetworks(mesh);
  }

  /**
   * `dce/globalmesh-<meshId>.yaml` and `dce/meshclusters.yaml`.
   * @param mesh the mesh
   */
  public artifacts(mesh: MeshCore): PlatformArtifact[] {
    return dceArtifacts(mesh, this.options);
  }

  /** Every network of a multi-network DCE mesh has an east-west gateway address; no address names an unknown network. */
  private validateNetworks(mesh: MeshCore): void {
    const detail = onPlatform(mesh);
    const gateways = this.options.networkGateways ?? [];
    const networks = new Set(mesh.workloadClusters.map(c => c.networkName).filter((n): n is string => n !== undefined));
    const addressed = new Set(gateways.map(g => g.network));
    for (const gateway of gateways) {
      if (!networks.has(gateway.network)) mesh.report(PlatformRules.DCE_UNKNOWN_NETWORK, `${mesh.node.path}/platform/networkGateways/${gateway.network}`, gateway.network, detail);
    }
    if (!mesh.isMultiNetwork) return;
    for (const network of [...networks].sort()) {
      if (!addressed.has(network)) mesh.report(PlatformRules.DCE_MESH_NETWORKS, mesh, network, detail);
    }
  }
}
