import { WithEnum } from './policy-level';
import { DestinationRuleSpecTrafficPolicyTls } from '../imports/networking.istio.io';

/** How a client sidecar originates TLS to a destination. */
export enum ClientTlsMode {
  /** Plain text. */
  DISABLE = 'DISABLE',
  /** TLS, verifying the server. */
  SIMPLE = 'SIMPLE',
  /** Mutual TLS with a client certificate from `credentialName`. */
  MUTUAL = 'MUTUAL',
  /** Istio mutual TLS with mesh certificates. */
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
}

/** Client-side TLS settings of a destination. */
export interface ClientTls {
  /** The TLS mode. */
  readonly mode: ClientTlsMode;
  /**
   * A Kubernetes secret with the client certificate and CA (gateways and sidecars that can read secrets).
   * @default - none
   */
  readonly credentialName?: string;
  /**
   * SNI presented to the server.
   * @default - the destination host
   */
  readonly sni?: string;
  /**
   * Server identities accepted.
   * @default - any identity the CA vouches for
   */
  readonly subjectAltNames?: string[];
}

/** Renders the Istio `ClientTLSSettings`, with the TLS mode of the policy level. */
export function renderClientTls<Mode>(
  tls: ClientTls | undefined, modes: Record<ClientTlsMode, Mode>,
): WithEnum<DestinationRuleSpecTrafficPolicyTls, 'mode', Mode> | undefined {
  if (!tls) return undefined;
  return { mode: modes[tls.mode], credentialName: tls.credentialName, sni: tls.sni, subjectAltNames: tls.subjectAltNames };
}
