import { PortTrafficPolicy, TrafficPolicy, VersionTrafficPolicy, renderHostPolicy, renderTrafficPolicy } from './destination-policy';
import { HttpRouteOptions, renderHttpRoute } from './http-route';
import { SUBSET_LEVEL } from './policy-level';
import { TcpRouteOptions, TlsRouteOptions, renderTcpRoute, renderTlsRoute } from './tcp-tls-route';
import { DestinationRuleSpec, DestinationRuleSpecSubsets, VirtualServiceSpec } from '../imports/networking.istio.io';
import { MeshService } from '../workloads/mesh-service';

/** What one VirtualService of a route declares in one cluster. */
export interface VirtualServiceModel {
  readonly service: MeshService;
  readonly namespace: string;
  readonly hosts: string[];
  /** Gateway references, `mesh` included when bound to sidecars. */
  readonly gateways: string[];
  readonly exportTo?: string[];
  readonly http: HttpRouteOptions[];
  readonly tcp: TcpRouteOptions[];
  readonly tls: TlsRouteOptions[];
}

/** The VirtualService spec of a route in one cluster. */
export function renderVirtualServiceSpec(m: VirtualServiceModel): VirtualServiceSpec {
  return {
    hosts: m.hosts,
    gateways: m.gateways,
    exportTo: m.exportTo,
    http: m.http.length ? m.http.map(r => renderHttpRoute(r, m.service, m.namespace)) : undefined,
    tcp: m.tcp.length ? m.tcp.map(r => renderTcpRoute(r, m.service)) : undefined,
    tls: m.tls.length ? m.tls.map(r => renderTlsRoute(r, m.service)) : undefined,
  };
}

/** What the DestinationRule of a service declares. */
export interface DestinationRuleModel {
  readonly service: MeshService;
  readonly exportTo?: string[];
  readonly policy?: TrafficPolicy;
  readonly portPolicies: PortTrafficPolicy[];
  readonly versionPolicies: VersionTrafficPolicy[];
  /** False with the Gateway API, where versions are Services of their own. */
  readonly subsets: boolean;
}

/** The DestinationRule spec of a service: host and port policy, and one subset per version (Istio API). */
export function renderDestinationRuleSpec(m: DestinationRuleModel): DestinationRuleSpec {
  return {
    host: m.service.host,
    exportTo: m.exportTo,
    trafficPolicy: renderHostPolicy(m.policy, m.portPolicies),
    subsets: m.subsets ? renderSubsets(m.service, m.versionPolicies) : undefined,
  };
}

function renderSubsets(service: MeshService, versionPolicies: VersionTrafficPolicy[]): DestinationRuleSpecSubsets[] | undefined {
  const versions = service.versions;
  if (!versions.length) return undefined;
  return versions.map((v): DestinationRuleSpecSubsets => ({
    name: v.name,
    labels: Object.fromEntries(Object.entries(v.labels).sort()),
    trafficPolicy: renderTrafficPolicy(versionPolicies.find(p => p.version === v.name)?.policy, SUBSET_LEVEL),
  }));
}

/**
 * The HTTP routes of a gateway-bound route with plain traffic to `service` (one destination, no version, no weight)
 * replaced by the governing split's routes, so gateway traffic follows a canary too.
 */
export function applyGoverningSplit(routes: HttpRouteOptions[], service: MeshService, split: HttpRouteOptions[]): HttpRouteOptions[] {
  return routes.flatMap(r => {
    const only = r.destinations?.length === 1 ? r.destinations[0] : undefined;
    const plain = only && (only.service ?? service) === service
      && only.host === undefined && only.version === undefined && only.weight === undefined;
    if (!plain) return [r];
    return split.filter(s => !(r.match && s.match)).map(s => ({
      ...r,
      name: r.name && s.name ? `${r.name}-${s.name}` : r.name ?? s.name,
      match: r.match ?? s.match,
      destinations: (s.destinations ?? []).map(d => ({ ...only, ...d })),
    }));
  });
}
