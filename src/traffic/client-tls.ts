import { WithEnum } from './policy-level';
import { DestinationRuleSpecTrafficPolicyTls } from '../imports/networking.istio.io';

/** How a client sidecar originates TLS to a destination. */
export enum ClientTlsMode {
  /** Plain text. */
  DISABLE = 'DISABLE',
  /** TLS, verifying the server. */
  SIMPLE = 'SIMPLE',
  /** Mutual TLS with a client certificate from `credentialName`, or from `clientCertificate` and `privateKey` files. */
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
   * The client certificate for MUTUAL, a file path in the proxy (e.g. a secret mounted into the sidecar with the
   * `sidecar.istio.io/userVolume` and `userVolumeMount` annotations), for proxies that do not read secrets.
   * Set together with `privateKey`, never with `credentialName`.
   * @default - none (`credentialName` supplies it)
   */
  readonly clientCertificate?: string;
  /**
   * The private key of `clientCertificate`, a file path in the proxy.
   * @default - none (`credentialName` supplies it)
   */
  readonly privateKey?: string;
  /**
   * The CA bundle (a file path in the proxy) that verifies the server's certificate, for SIMPLE and MUTUAL.
   * @default - the proxy image's system bundle (`/etc/ssl/certs/ca-certificates.crt`), unless `credentialName` supplies the CA
   */
  readonly caCertificates?: string;
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

/** The CA bundle of Istio's proxy image, used to verify external servers when no CA is given. */
export const SYSTEM_CA_CERTIFICATES = '/etc/ssl/certs/ca-certificates.crt';

/** The CA that verifies the server: the given one, the secret's (credentialName), or the system bundle for SIMPLE/MUTUAL. */
export function serverCaCertificates(tls: ClientTls): string | undefined {
  if (tls.caCertificates !== undefined || tls.credentialName !== undefined) return tls.caCertificates;
  return tls.mode === ClientTlsMode.SIMPLE || tls.mode === ClientTlsMode.MUTUAL ? SYSTEM_CA_CERTIFICATES : undefined;
}

/** Renders the Istio `ClientTLSSettings`, with the TLS mode of the policy level. */
export function renderClientTls<Mode>(
  tls: ClientTls | undefined, modes: Record<ClientTlsMode, Mode>,
): WithEnum<DestinationRuleSpecTrafficPolicyTls, 'mode', Mode> | undefined {
  if (!tls) return undefined;
  return {
    mode: modes[tls.mode],
    credentialName: tls.credentialName,
    clientCertificate: tls.clientCertificate,
    privateKey: tls.privateKey,
    caCertificates: serverCaCertificates(tls),
    sni: tls.sni,
    subjectAltNames: tls.subjectAltNames,
  };
}
