/** How the config and remote clusters reach the external istiod (the guide's two variants). */
export enum ExternalIstiodAddressType {
  /** A DNS name with a TLS certificate on the ingress gateway (the guide's recommended, production variant). */
  HOSTNAME = 'hostname',
  /** The ingress gateway's load-balancer IP, TLS passed through to istiod (the guide's test-only variant). */
  IP_ADDRESS = 'ip-address',
}

/** Where the external istiod runs and how it is reached (guide "Install Istio with an External Control Plane"). */
export interface ExternalIstiodOptions {
  /**
   * `EXTERNAL_ISTIOD_ADDR`: the hostname or IP of the external cluster's ingress gateway.
   * @default - the `discoveryAddresses` entry of the config cluster, else the guide's `${EXTERNAL_ISTIOD_ADDR}` placeholder (runbook exports it)
   */
  readonly address?: string;
  /**
   * The variant.
   * @default - IP_ADDRESS when `address` is an IPv4 literal, otherwise HOSTNAME
   */
  readonly addressType?: ExternalIstiodAddressType;
  /**
   * `SSL_SECRET_NAME`: the TLS secret (in the external cluster's `istio-system`) the gateway serves for the hostname.
   * Used by the HOSTNAME variant only.
   * @default - the guide's `${SSL_SECRET_NAME}` placeholder
   */
  readonly credentialName?: string;
}
