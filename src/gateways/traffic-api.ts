import { MeshFeature } from '../topology/feature';
import { MeshCore } from '../topology/mesh-core';

/**
 * Which traffic-management API the mesh's gateways and routes are written in. One declaration renders to either:
 * the README's "Istio API or Gateway API" section maps every field.
 */
export enum TrafficApi {
  /** Istio's own API: `networking.istio.io` Gateway, VirtualService and DestinationRule (the library's original output). */
  ISTIO = 'istio',
  /**
   * The Kubernetes Gateway API (v1.6.1 standard channel, the v1 kinds Istio 1.30 reads): `gateway.networking.k8s.io`
   * Gateway, HTTPRoute, TLSRoute and ReferenceGrant, per-version Services instead of subsets; destination policy stays in a
   * DestinationRule, which Istio applies to Gateway API traffic too.
   */
  GATEWAY_API = 'gateway-api',
}

/** How the pods behind a Gateway API `Gateway` come to exist (Istio's "Deployment methods"). */
export enum GatewayDeploymentMode {
  /**
   * Manual deployment: the library renders the gateway's Deployment and Service as for the Istio API, and the `Gateway`
   * names that Service in `spec.addresses` (type Hostname), so Istio programs the existing pods instead of deploying new ones.
   */
  MANUAL = 'manual',
  /**
   * Automated deployment: Istio deploys a Deployment and Service `<gateway name>-istio` for each `Gateway`; the library
   * renders no gateway workload objects.
   */
  AUTOMATED = 'automated',
}

/** The mesh-wide traffic API (`MeshProps.trafficApi`), as a feature the facade registers. */
export class TrafficApiSetting extends MeshFeature {
  /**
   * The mesh-wide traffic API: the one the facade registered, or ISTIO.
   * @param mesh the mesh
   */
  public static of(mesh: MeshCore): TrafficApi {
    return MeshFeature._find(mesh, TrafficApiSetting)?.trafficApi ?? TrafficApi.ISTIO;
  }

  /** The feature name. */
  public readonly featureName = 'traffic-api';

  /** @param trafficApi the mesh-wide choice */
  constructor(public readonly trafficApi: TrafficApi) {
    super();
  }
}
