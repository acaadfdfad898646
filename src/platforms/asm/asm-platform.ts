import { AsmGatewayProvisioner } from './asm-gateway-provisioner';
import { AsmOptions } from './asm-options';
import type { GatewayProvisioner } from '../../gateways/gateway-provisioner';
import type { GatewayWorkload } from '../../gateways/gateway-workload';
import { AsmGatewayOptions } from '../../gateways/platform-gateway-options';
import type { MeshCore } from '../../topology/mesh-core';
import { checkInit, trusted } from '../../validation/input/check';
import { validateConfigCluster } from '../managed-checks';
import { Platform, PlatformKind } from '../platform';

/**
 * Alibaba Cloud Service Mesh: ASM runs istiod; Istio config goes to the one CONFIG cluster (the ASM
 * control-plane API server), data-plane clusters are REMOTE; ingress and egress gateways are `IstioGateway`
 * CRs in the control plane, which ASM turns into workloads.
 */
export class AsmPlatform extends Platform {
  /** 'Alibaba Cloud ASM'. */
  public readonly displayName = 'Alibaba Cloud ASM';
  /** The ASM settings. */
  public readonly options: AsmOptions;
  private readonly provisioner = trusted(() => new AsmGatewayProvisioner(this));
  private readonly gatewayOptions = new Map<GatewayWorkload, AsmGatewayOptions>();

  /**
   * @param options ASM settings
   */
  public constructor(options: AsmOptions = {}) {
    checkInit('cdk8s-mesh.AsmPlatform', new.target, [options]);
    super();
    this.options = options;
  }

  /** ASM. */
  public get kind(): PlatformKind {
    return PlatformKind.ASM;
  }

  /** The ASM settings. */
  public get asmOptions(): AsmOptions | undefined {
    return this.options;
  }

  /** True: ASM runs the control plane. */
  public get managesControlPlane(): boolean {
    return true;
  }

  /** True: config goes to the ASM control-plane API server. */
  public get needsConfigCluster(): boolean {
    return true;
  }

  /** Renders `IstioGateway` CRs and checks what ASM accepts. */
  public get gatewayProvisioner(): GatewayProvisioner {
    return this.provisioner;
  }

  /**
   * The ACK cluster ID of a cluster: the configured ID, or its name.
   * @param clusterName the cluster name
   */
  public clusterIdOf(clusterName: string): string {
    return this.options.clusterIds?.[clusterName] ?? clusterName;
  }

  /**
   * Sets the ASM-only `IstioGateway` fields of a gateway of this mesh.
   * @param gateway an ingress or egress gateway
   * @param options the ASM fields
   */
  public configureGateway(gateway: GatewayWorkload, options: AsmGatewayOptions): void {
    this.gatewayOptions.set(gateway, options);
  }

  /**
   * The ASM-only fields of a gateway: set with `configureGateway()`, otherwise the deprecated `GatewayOptions.asm`.
   * @param gateway the gateway
   */
  public gatewayOptionsOf(gateway: GatewayWorkload): AsmGatewayOptions | undefined {
    return this.gatewayOptions.get(gateway) ?? gateway.asmOptions;
  }

  /**
   * One CONFIG cluster, no primaries.
   * @param mesh the mesh
   */
  public validate(mesh: MeshCore): void {
    validateConfigCluster(mesh);
  }
}
