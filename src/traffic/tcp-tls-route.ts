import { RouteDestination, renderWeighted } from './destination';
import { VirtualServiceSpecTcp, VirtualServiceSpecTls } from '../imports/networking.istio.io';
import { MeshService } from '../workloads/mesh-service';

/** An L4 route for opaque TCP traffic. */
export interface TcpRouteOptions {
  /**
   * The port the connection arrived on.
   * @default - any port
   */
  readonly port?: number;
  /**
   * Labels of the calling workloads.
   * @default - any caller
   */
  readonly sourceLabels?: { [key: string]: string };
  /** Weighted destinations. */
  readonly destinations: RouteDestination[];
}

/** A route for TLS traffic (passthrough or HTTPS ports), chosen by SNI. */
export interface TlsRouteOptions {
  /** SNI values to match (wildcards allowed). */
  readonly sniHosts: string[];
  /**
   * The port the connection arrived on.
   * @default - any port
   */
  readonly port?: number;
  /** Weighted destinations. */
  readonly destinations: RouteDestination[];
}

/** Renders one `TCPRoute`. */
export function renderTcpRoute(route: TcpRouteOptions, service: MeshService): VirtualServiceSpecTcp {
  const match = route.port !== undefined || route.sourceLabels ? [{ port: route.port, sourceLabels: route.sourceLabels }] : undefined;
  return { match, route: renderWeighted(route.destinations, service, false) };
}

/** Renders one `TLSRoute`. */
export function renderTlsRoute(route: TlsRouteOptions, service: MeshService): VirtualServiceSpecTls {
  return {
    match: [{ sniHosts: [...route.sniHosts], port: route.port }],
    route: renderWeighted(route.destinations, service, false),
  };
}
