/** The default east-west (cross-network mTLS) port. */
export const CROSS_NETWORK_PORT = 15443;

/**
 * A static east-west gateway address of a network (`values.global.meshNetworks`), as the DaoCloud
 * seed sets when addresses are fixed. Without entries, istiod discovers gateways from their
 * `topology.istio.io/network` label.
 */
export interface MeshNetworkGateway {
  /** The network the gateway serves. */
  readonly network: string;
  /** The gateway's reachable address (IP or host name). */
  readonly address: string;
  /**
   * The gateway's cross-network port.
   * @default 15443
   */
  readonly port?: number;
}

/** One network of `global.meshNetworks`. */
interface MeshNetworkValue {
  readonly gateways: Array<{ readonly address: string; readonly port: number }>;
}

/**
 * The `global.meshNetworks` value: gateways per network, in declaration order.
 * @internal
 */
export function meshNetworksValue(entries: MeshNetworkGateway[]): { [network: string]: MeshNetworkValue } | undefined {
  if (!entries.length) return undefined;
  const out: { [network: string]: MeshNetworkValue } = {};
  for (const e of entries) {
    out[e.network] ??= { gateways: [] };
    out[e.network].gateways.push({ address: e.address, port: e.port ?? CROSS_NETWORK_PORT });
  }
  return out;
}
