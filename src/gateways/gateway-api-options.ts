/** Which namespaces' routes a Gateway API listener accepts (`allowedRoutes.namespaces.from`). */
export enum AllowedRouteNamespaces {
  /** Routes in the `Gateway`'s namespace only. */
  SAME = 'Same',
  /** Routes in any namespace. */
  ALL = 'All',
}

/** A Gateway API route kind a listener may accept (`allowedRoutes.kinds`). */
export enum GatewayRouteKind {
  /** `HTTPRoute`. */
  HTTP_ROUTE = 'HTTPRoute',
  /** `GRPCRoute`. */
  GRPC_ROUTE = 'GRPCRoute',
  /** `TLSRoute`. */
  TLS_ROUTE = 'TLSRoute',
}

/** The routes a Gateway API listener accepts. */
export interface GatewayAllowedRoutes {
  /**
   * Which namespaces' routes attach.
   * @default - from the hosts' namespace prefixes: `./host` SAME, `<ns>/host` those namespaces, otherwise ALL (as an Istio `Gateway` host without a prefix)
   */
  readonly namespaces?: AllowedRouteNamespaces;
  /**
   * Accept routes of these namespaces only (a selector on `kubernetes.io/metadata.name`); overrides `namespaces`.
   * @default - see `namespaces`
   */
  readonly namespaceNames?: string[];
  /**
   * The route kinds accepted.
   * @default - the kinds the listener's protocol carries
   */
  readonly kinds?: GatewayRouteKind[];
}
