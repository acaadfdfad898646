/**
 * A DCE east-west gateway address of one network (`global.meshNetworks.<network>.gateways[0]`).
 */
export interface DceNetworkGateway {
  /** The network ID. */
  readonly network: string;
  /** The east-west gateway's load-balancer address (IP or host name). */
  readonly address: string;
  /**
   * The east-west gateway port.
   * @default 15443
   */
  readonly port?: number;
}

/**
 * DCE (mspider) settings of a hosted mesh.
 */
export interface DceOptions {
  /**
   * The external address of the hosted istiod (`istiod-<meshId>-hosted-lb`), written as
   * `istio.custom_params.values.global.remotePilotAddress`.
   * @default - not written; DCE fills it when the load balancer gets an address
   */
  readonly remotePilotAddress?: string;
  /**
   * The east-west gateway address of every network, written to `global.meshNetworks` (multi-network meshes).
   * @default - none
   */
  readonly networkGateways?: DceNetworkGateway[];
  /**
   * The DCE build suffix of the mesh version (`1.17.1-mspider`).
   * @default 'mspider'
   */
  readonly versionSuffix?: string;
}
