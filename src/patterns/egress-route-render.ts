import {
  DestinationRuleSpec, VirtualServiceSpec, VirtualServiceSpecHttp, VirtualServiceSpecTls,
} from '../imports/networking.istio.io';

/** What the two-leg VirtualService and the gateway's DestinationRule of an egress route are rendered from. */
export interface EgressRouteModel {
  /** The external host. */
  readonly host: string;
  /** The `<namespace>/<name>` reference of the egress Gateway resource. */
  readonly gatewayReference: string;
  /** The egress gateway Service's host. */
  readonly gatewayHost: string;
  /** The DestinationRule subset of the gateway that sidecars send this host's traffic to. */
  readonly subset: string;
  /** The port applications call. */
  readonly port: number;
  /** The port of the Gateway server. */
  readonly gatewayPort: number;
  /** The host's port the gateway sends to. */
  readonly destinationPort: number;
  /** Route by SNI (TLS passthrough) instead of HTTP. */
  readonly sni: boolean;
  /** Names of the two routes (sidecars → gateway, gateway → host), if any. */
  readonly routeNames?: readonly [string, string];
}

/**
 * The VirtualService of Istio's egress-gateway task: hosts the external host only, bound to the egress Gateway and
 * to `mesh`; sidecars (`mesh`) send to the gateway's subset, the gateway sends to the host.
 */
export function renderEgressVirtualServiceSpec(m: EgressRouteModel): VirtualServiceSpec {
  const toGateway = { destination: { host: m.gatewayHost, subset: m.subset, port: { number: m.gatewayPort } } };
  const toHost = { destination: { host: m.host, port: { number: m.destinationPort } } };
  const gateways = [m.gatewayReference, 'mesh'];
  if (m.sni) {
    const tls: VirtualServiceSpecTls[] = [
      { match: [{ gateways: ['mesh'], port: m.port, sniHosts: [m.host] }], route: [toGateway] },
      { match: [{ gateways: [m.gatewayReference], port: m.gatewayPort, sniHosts: [m.host] }], route: [toHost] },
    ];
    return { hosts: [m.host], gateways, tls };
  }
  const [toGatewayName, toHostName] = m.routeNames ?? [];
  const http: VirtualServiceSpecHttp[] = [
    { ...(toGatewayName ? { name: toGatewayName } : {}), match: [{ gateways: ['mesh'], port: m.port }], route: [toGateway] },
    { ...(toHostName ? { name: toHostName } : {}), match: [{ gateways: [m.gatewayReference], port: m.gatewayPort }], route: [toHost] },
  ];
  return { hosts: [m.host], gateways, http };
}

/** The egress gateway's DestinationRule: one subset for the host's traffic, with no labels (every gateway pod). */
export function renderEgressGatewayRuleSpec(m: EgressRouteModel): DestinationRuleSpec {
  return { host: m.gatewayHost, subsets: [{ name: m.subset }] };
}
