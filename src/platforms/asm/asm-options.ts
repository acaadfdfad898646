import type { IstioVersion } from '../../topology/istio-version';

/**
 * ASM settings of a mesh.
 */
export interface AsmOptions {
  /**
   * The ASM version of the instance; decides which `IstioGateway` override fields are accepted.
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
  /**
   * The ACK cluster ID of each data-plane cluster, by cluster name (`IstioGateway.spec.clusterIds`).
   * @default - a cluster's ID is its name
   */
  readonly clusterIds?: { [clusterName: string]: string };
}

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
