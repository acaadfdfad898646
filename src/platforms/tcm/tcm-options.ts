import type { IstioVersion } from '../../topology/istio-version';

/**
 * TCM settings of a mesh.
 */
export interface TcmOptions {
  /**
   * The mesh's Istio version with patch, as TCM names revisions (`1.12.5` → `1-12-5`).
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
}

/** CLB access type of a TCM ingress gateway. */
export enum TcmAccessType {
  /** Public network CLB. */
  PUBLIC_NETWORK = 'public',
  /** Private (VPC) network CLB. */
  PRIVATE_NETWORK = 'private',
}

/** Where TCM schedules gateway pods. */
export enum TcmDeploymentMode {
  /** Alongside other pods of the cluster. */
  NORMAL = 'normal',
  /** On exclusive, tainted nodes reserved for mesh components. */
  EXCLUSIVE = 'exclusive',
}

/**
 * The gateway options Tencent Cloud Mesh exposes (console "create gateway"); written to
 * `tcm/gateway-<namespace>-<name>.json` for the TCM console or API. Set them with `TcmPlatform.configureGateway()` (or the deprecated
 * `GatewayOptions.tcm`); used on `Platform.tcm()` meshes only.
 */
export interface TcmGatewayOptions {
  /**
   * CLB access type (ingress only, MESH-PLAT-015).
   * @default TcmAccessType.PUBLIC_NETWORK for ingress gateways
   */
  readonly accessType?: TcmAccessType;
  /**
   * The ID of an existing CLB to use (ingress only).
   * @default - TCM creates a CLB automatically
   */
  readonly existingLoadBalancerId?: string;
  /**
   * Preserve the client source IP (`externalTrafficPolicy: Local`, ingress only).
   * @default false
   */
  readonly preserveClientSourceIp?: boolean;
  /**
   * Where the gateway pods run. Changing it reschedules the gateway.
   * @default TcmDeploymentMode.NORMAL
   */
  readonly deploymentMode?: TcmDeploymentMode;
  /**
   * The exclusive nodes (EXCLUSIVE mode); two or more across zones are recommended.
   * @default - none
   */
  readonly exclusiveNodes?: string[];
}
