import { GatewayPort, GatewayType } from './gateway-options';

/** Per-cluster facts of a gateway that already runs (installed by istioctl, Helm or a vendor console). */
export interface ExistingGatewayOverrides {
  /**
   * The ports of the gateway's Service in this cluster (Service port → container port).
   * @default - the gateway's `ports`
   */
  readonly ports?: GatewayPort[];
}

/**
 * A gateway the library does not deploy: its name, namespace, pod labels and Service ports, as installed.
 * Listeners, routes and policies bind to it as to a gateway the library owns; nothing is emitted for the gateway itself.
 */
export interface ExistingGatewayProps {
  /**
   * The gateway's Deployment and Service name.
   * @default - `istio-ingressgateway` or `istio-egressgateway`, as istioctl installs them
   */
  readonly name?: string;
  /**
   * The namespace its pods run in.
   * @default - the mesh's root namespace
   */
  readonly namespaceName?: string;
  /**
   * The pod labels `Gateway` resources select it by, kept exactly (e.g. `{ istio: 'ingressgateway' }`, or `{ istio: 'ingress' }`
   * for the Helm chart's gateway).
   * @default - `{ istio: <name without the istio- prefix> }`, the label Istio's samples select
   */
  readonly selector?: { [key: string]: string };
  /**
   * The ports of its Service, each Service port with its container port (`targetPort`). Listener ports are checked
   * against both (MESH-GW-014).
   * @default - the ports of istioctl's default profile: `status-port` 15021, `http2` 80 → 8080, `https` 443 → 8443
   */
  readonly ports?: GatewayPort[];
  /**
   * The service account its pods run as (their identity in AuthorizationPolicies).
   * @default - `<name>-service-account` for istioctl's `istio-ingressgateway`/`istio-egressgateway`, otherwise the name (Helm)
   */
  readonly serviceAccount?: string;
  /**
   * The clusters it runs in.
   * @default - every workload cluster
   */
  readonly clusters?: string[];
  /**
   * Facts that differ per cluster (other Service ports), by cluster name.
   * @default - none
   */
  readonly overrides?: { [cluster: string]: ExistingGatewayOverrides };
}

/** The Service ports of istioctl's default profile for ingress and egress gateways. */
export const ISTIOCTL_GATEWAY_PORTS: Record<GatewayType, GatewayPort[]> = {
  [GatewayType.INGRESS]: [
    { name: 'status-port', port: 15021, targetPort: 15021 },
    { name: 'http2', port: 80, targetPort: 8080 },
    { name: 'https', port: 443, targetPort: 8443 },
  ],
  [GatewayType.EGRESS]: [
    { name: 'http2', port: 80, targetPort: 8080 },
    { name: 'https', port: 443, targetPort: 8443 },
  ],
  [GatewayType.EAST_WEST]: [],
};

/** What the library knows of an existing gateway, resolved from its props. */
export interface ExistingGatewayFacts {
  readonly selector: { [key: string]: string };
  readonly serviceAccount: string;
  readonly ports: GatewayPort[];
  readonly overrides: { [cluster: string]: ExistingGatewayOverrides };
}

/** The gateway name istioctl gives a gateway of this type. */
export function istioctlGatewayName(type: GatewayType): string {
  return `istio-${type}gateway`;
}

/** The facts of an existing gateway named `name`, with istioctl's defaults. */
export function existingGatewayFacts(type: GatewayType, name: string, props: ExistingGatewayProps): ExistingGatewayFacts {
  const istioctl = name === istioctlGatewayName(type);
  return {
    selector: { ...props.selector ?? { istio: name.replace(/^istio-/, '') } },
    serviceAccount: props.serviceAccount ?? (istioctl ? `${name}-service-account` : name),
    ports: [...props.ports ?? ISTIOCTL_GATEWAY_PORTS[type]],
    overrides: { ...props.overrides },
  };
}
