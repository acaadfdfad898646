/*
 * Gateway options of the managed platforms. They live in gateways/ because the deprecated
 * `GatewayOptions.asm`/`GatewayOptions.tcm` carry them; set them with `AsmPlatform.configureGateway()` and
 * `TcmPlatform.configureGateway()`.
 */

/** A readiness probe of an ASM gateway pod (`IstioGateway.spec.readinessProbe`); an empty probe keeps ASM's defaults. */
export interface AsmReadinessProbe {
  /**
   * Seconds before the first probe.
   * @default - ASM's default
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default - ASM's default
   */
  readonly periodSeconds?: number;
  /**
   * Probe timeout in seconds.
   * @default - ASM's default
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures before the pod is unready.
   * @default - ASM's default
   */
  readonly failureThreshold?: number;
  /**
   * Successes before the pod is ready.
   * @default - ASM's default
   */
  readonly successThreshold?: number;
}

/**
 * `IstioGateway` fields that only ASM has (they appear in the ASM reference's egress example).
 * Set them with `AsmPlatform.configureGateway()` (or the deprecated `GatewayOptions.asm`).
 */
export interface AsmGatewayOptions {
  /**
   * Whether ASM also creates a default Istio `Gateway` for the gateway.
   * @default - not set (ASM's default)
   */
  readonly autoCreateGatewayYaml?: boolean;
  /**
   * Whether the gateway's container ports are left unexposed.
   * @default - not set (ASM's default)
   */
  readonly disableContainerPortExposed?: boolean;
  /**
   * The readiness probe; `{}` keeps ASM's defaults.
   * @default - not set
   */
  readonly readinessProbe?: AsmReadinessProbe;
  /**
   * Run the gateway as root. Only set it if the gateway must bind privileged ports without the
   * unprivileged-port sysctl; it weakens the pod's isolation.
   * @default - not set (non-root)
   */
  readonly runAsRoot?: boolean;
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
