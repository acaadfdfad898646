import { TcmGatewayProvisioner } from './tcm-gateway-provisioner';
import { TcmOptions } from './tcm-options';
import type { GatewayProvisioner } from '../../gateways/gateway-provisioner';
import type { GatewayWorkload } from '../../gateways/gateway-workload';
import { TcmGatewayOptions } from '../../gateways/platform-gateway-options';
import { ClusterRole } from '../../topology/cluster';
import type { IstioVersion } from '../../topology/istio-version';
import type { MeshCore } from '../../topology/mesh-core';
import { InjectionScheme } from '../../topology/namespace';
import { checkInit, trusted } from '../../validation/input/check';
import { PlatformRules } from '../../validation/rules/platform';
import { clusterRoles, validateRevisionName } from '../managed-checks';
import { Platform, PlatformKind } from '../platform';
import { onPlatform } from '../platform-feature';

/** TCM revisions: an Istio version with dashes, e.g. `1-12-5` (or `1-30` for a mesh on the default `IstioVersion.V1_30`). */
const TCM_REVISION = /^\d+-\d+(-\d+)?$/;

/**
 * Tencent Cloud Mesh: TCM runs istiod; Istio config goes to the one PRIMARY cluster, other clusters are
 * REMOTE; revisions are the Istio version with dashes (`1-12-5`) and only `istio.io/rev` injection works;
 * TCM provisions gateways itself from the options the library writes to `tcm/gateway-<namespace>-<name>.json`.
 */
export class TcmPlatform extends Platform {
  /** 'Tencent Cloud Mesh'. */
  public readonly displayName = 'Tencent Cloud Mesh';
  /** The TCM settings. */
  public readonly options: TcmOptions;
  private readonly provisioner = trusted(() => new TcmGatewayProvisioner(this));
  private readonly gatewayOptions = new Map<GatewayWorkload, TcmGatewayOptions>();

  /**
   * @param options TCM settings
   */
  public constructor(options: TcmOptions = {}) {
    checkInit('cdk8s-mesh.TcmPlatform', new.target, [options]);
    super();
    this.options = options;
  }

  /** TCM. */
  public get kind(): PlatformKind {
    return PlatformKind.TCM;
  }

  /** The TCM settings. */
  public get tcmOptions(): TcmOptions | undefined {
    return this.options;
  }

  /** True: TCM runs the control plane. */
  public get managesControlPlane(): boolean {
    return true;
  }

  /** TCM provisions gateways; the library writes their options and `Gateway` listeners. */
  public get gatewayProvisioner(): GatewayProvisioner {
    return this.provisioner;
  }

  /** False: TCM only honours `istio.io/rev`. */
  public get honoursLegacyInjection(): boolean {
    return false;
  }

  /** True: TCM names revisions `<major>-<minor>-<patch>`. */
  public get hasOwnRevisionNames(): boolean {
    return true;
  }

  /**
   * The TCM version with dashes (`1-12-5`).
   * @param istioVersion the mesh's Istio version
   */
  public defaultRevision(istioVersion: IstioVersion): string {
    return (this.options.version ?? istioVersion).dashed;
  }

  /**
   * `<major>-<minor>-<patch>`.
   * @param revision the revision name
   */
  public acceptsRevision(revision: string): boolean {
    return revision.length <= 63 && TCM_REVISION.test(revision);
  }

  /**
   * Sets the TCM provisioning options of a gateway of this mesh.
   * @param gateway an ingress or egress gateway
   * @param options the TCM options
   */
  public configureGateway(gateway: GatewayWorkload, options: TcmGatewayOptions): void {
    this.gatewayOptions.set(gateway, options);
  }

  /**
   * The TCM options of a gateway: set with `configureGateway()`, otherwise the deprecated `GatewayOptions.tcm`.
   * @param gateway the gateway
   */
  public gatewayOptionsOf(gateway: GatewayWorkload): TcmGatewayOptions | undefined {
    return this.gatewayOptions.get(gateway) ?? gateway.tcmOptions;
  }

  /**
   * One PRIMARY and no CONFIG cluster, revision injection, TCM revision names.
   * @param mesh the mesh
   */
  public validate(mesh: MeshCore): void {
    const detail = onPlatform(mesh);
    const primaries = mesh.controlPlaneClusters;
    const configs = mesh.clusters.filter(c => c.role === ClusterRole.CONFIG);
    if (primaries.length !== 1 || configs.length) mesh.report(PlatformRules.TCM_ONE_PRIMARY, mesh, clusterRoles(mesh), detail);
    if (mesh.injection === InjectionScheme.LEGACY) mesh.report(PlatformRules.TCM_LEGACY_INJECTION, mesh, mesh.injection, detail);
    validateRevisionName(mesh, PlatformRules.TCM_REVISION);
  }
}
