import { HeaderOperations, renderHeaderOperations } from './header-operations';
import { VirtualServiceSpecHttpRoute, VirtualServiceSpecHttpRouteDestination } from '../imports/networking.istio.io';
import { MeshService } from '../workloads/mesh-service';

/**
 * Where a route sends traffic: a version of a mesh service, a whole service, or a host the mesh knows
 * (e.g. a ServiceEntry host).
 */
export interface RouteDestination {
  /**
   * The mesh service.
   * @default - the route's own service, unless `host` is set
   */
  readonly service?: MeshService;
  /**
   * A host outside the declared mesh services (ServiceEntry host, FQDN). Ignored when `service` is set.
   * @default - the service's host
   */
  readonly host?: string;
  /**
   * The version of the service (a DestinationRule subset); must be declared on the service.
   * @default - all versions
   */
  readonly version?: string;
  /**
   * The destination port.
   * @default - the port the request arrived on (required by Istio when the host has several ports and the route is gateway-bound)
   */
  readonly port?: number;
  /**
   * The integer share of traffic, 0–100; the weights of a route's destinations must sum to 100.
   * @default - 100 for a single destination
   */
  readonly weight?: number;
  /**
   * Header operations applied only when this destination is chosen.
   * @default - none
   */
  readonly headers?: HeaderOperations;
}

/** The host a destination resolves to. */
export function destinationHost(destination: RouteDestination, fallback: MeshService): string {
  if (destination.service) return destination.service.host;
  return destination.host ?? fallback.host;
}

/** The service a destination names, if any (undefined for a bare host). */
export function destinationService(destination: RouteDestination, fallback: MeshService): MeshService | undefined {
  if (destination.service) return destination.service;
  return destination.host === undefined ? fallback : undefined;
}

/** Renders `{ host, port, subset }`. */
export function renderDestination(destination: RouteDestination, fallback: MeshService): VirtualServiceSpecHttpRouteDestination {
  return {
    host: destinationHost(destination, fallback),
    subset: destination.version,
    port: destination.port === undefined ? undefined : { number: destination.port },
  };
}

/** Renders a weighted destination list; a single destination carries no weight unless one is given. */
export function renderWeighted(destinations: RouteDestination[], fallback: MeshService, withHeaders: boolean): VirtualServiceSpecHttpRoute[] {
  return destinations.map((d): VirtualServiceSpecHttpRoute => ({
    destination: renderDestination(d, fallback),
    weight: d.weight,
    headers: withHeaders ? renderHeaderOperations(d.headers) : undefined,
  }));
}
