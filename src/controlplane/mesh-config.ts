/**
 * What sidecars do with traffic to hosts the mesh does not know.
 */
export enum OutboundTrafficPolicy {
  /** Pass traffic to unknown hosts through (Istio's default). */
  ALLOW_ANY = 'ALLOW_ANY',
  /** Block traffic to hosts not in the service registry; external hosts need a ServiceEntry. */
  REGISTRY_ONLY = 'REGISTRY_ONLY',
}

/**
 * Mesh-wide settings that land in Istio's mesh config (`meshConfig` in install values).
 */
export interface MeshConfigOptions {
  /**
   * What sidecars do with traffic to hosts outside the service registry.
   * @default OutboundTrafficPolicy.ALLOW_ANY
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
  /**
   * How many proxies in front of the gateways to trust in X-Forwarded-For
   * (`defaultConfig.gatewayTopology.numTrustedProxies`); `remoteIpBlocks` and `remote.ip` need it.
   * @default - none (0)
   */
  readonly numTrustedProxies?: number;
}
