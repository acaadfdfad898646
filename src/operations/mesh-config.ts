import { ProxyResources } from './proxy-resources';
import { registryOnlyCheck } from './registry-check';
import { MeshFeature } from '../topology/feature';
import { MeshCore } from '../topology/mesh-core';
import { LocalityLoadBalancing } from '../traffic/load-balancer';
import { checkInit } from '../validation/input/check';

/** Access log format. */
export enum AccessLogEncoding {
  /** One line of text per request. */
  TEXT = 'TEXT',
  /** One JSON object per request. */
  JSON = 'JSON',
}

/**
 * What sidecars do with traffic to hosts the mesh does not know.
 */
export enum OutboundTrafficPolicy {
  /** Pass traffic to unknown hosts through (Istio's default). */
  ALLOW_ANY = 'ALLOW_ANY',
  /** Block traffic to hosts not in the service registry; external hosts need a ServiceEntry. */
  REGISTRY_ONLY = 'REGISTRY_ONLY',
}

/**
 * Mesh-wide settings that land in Istio's mesh config (`meshConfig` in install values) or in the
 * proxy values (`values.global.proxy`). Only settings that are set appear in the output.
 */
export interface MeshConfigOptions {
  /**
   * What sidecars do with traffic to hosts outside the service registry.
   * @default OutboundTrafficPolicy.ALLOW_ANY
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
  /**
   * How many proxies in front of the gateways to trust in X-Forwarded-For
   * (`defaultConfig.gatewayTopology.numTrustedProxies`); `remoteIpBlocks` and `remote.ip` need it.
   * @default - none (0)
   */
  readonly numTrustedProxies?: number;
  /**
   * Where every proxy writes its access log (`meshConfig.accessLogFile`), e.g. `/dev/stdout`.
   * @default - no access log
   */
  readonly accessLogFile?: string;
  /**
   * Access log encoding (`meshConfig.accessLogEncoding`).
   * @default - Istio's default (TEXT)
   */
  readonly accessLogEncoding?: AccessLogEncoding;
  /**
   * Access log format with Envoy command operators (`meshConfig.accessLogFormat`).
   * @default - Istio's default format
   */
  readonly accessLogFormat?: string;
  /**
   * Percentage of requests traced, 0 to 100 (`meshConfig.defaultConfig.tracing.sampling`).
   * @default - Istio's default (1)
   */
  readonly tracingSampling?: number;
  /**
   * Start the application container only after the sidecar is ready
   * (`meshConfig.defaultConfig.holdApplicationUntilProxyStarts`; TCM "sidecar readiness guarantee").
   * @default - Istio's default (false)
   */
  readonly holdApplicationUntilProxyStarts?: boolean;
  /**
   * Let the sidecar exit only once active connections drain
   * (`proxyMetadata.EXIT_ON_ZERO_ACTIVE_CONNECTIONS`; TCM "sidecar stop protection").
   * @default - Istio's default (false)
   */
  readonly exitOnZeroActiveConnections?: boolean;
  /**
   * Default sidecar resources (`values.global.proxy.resources`).
   * @default - Istio's defaults
   */
  readonly proxyResources?: ProxyResources;
  /**
   * Let the sidecar answer DNS queries (`proxyMetadata.ISTIO_META_DNS_CAPTURE`).
   * @default - Istio's default (false)
   */
  readonly dnsCapture?: boolean;
  /**
   * Give ServiceEntry hosts without addresses an automatic VIP (`proxyMetadata.ISTIO_META_DNS_AUTO_ALLOCATE`).
   * @default - Istio's default (false)
   */
  readonly dnsAutoAllocate?: boolean;
  /**
   * CIDRs whose outbound traffic bypasses the sidecar (`values.global.proxy.excludeIPRanges`;
   * TCM "external request bypasses sidecar").
   * @default - none
   */
  readonly excludeIpRanges?: string[];
  /**
   * The default locality load-balancing setting (`meshConfig.localityLbSetting`).
   * @default - Istio's default (enabled, no explicit failover)
   */
  readonly localityLbSetting?: LocalityLoadBalancing;
  /**
   * CIDRs istiod must never fetch RequestAuthentication `jwksUri`s from (istiod env `BLOCKED_CIDRS_IN_JWKS_URIS`),
   * e.g. the cluster's pod and service ranges and `169.254.169.254/32`. Written to the install values of the primaries'
   * istiod and of an external istiod when the mesh has a topology; otherwise it states what your istiod install sets.
   * @default - unrestricted (istioctl analyze IST0175 when RequestAuthentications exist)
   */
  readonly jwksBlockedCidrs?: string[];
}

/**
 * The mesh-wide settings as a mesh feature: features read them with `MeshSettings.of(mesh)`. With
 * REGISTRY_ONLY outbound traffic it checks that every external host a route uses has a ServiceEntry (MESH-OPS-012).
 */
export class MeshSettings extends MeshFeature {
  /**
   * The settings registered on `mesh`, or Istio's defaults if none are.
   * @param mesh the mesh
   */
  public static of(mesh: MeshCore): MeshSettings {
    return MeshFeature._find(mesh, MeshSettings) ?? new MeshSettings({});
  }

  public readonly featureName = 'mesh-settings';
  /** The settings as declared. */
  public readonly options: MeshConfigOptions;

  /**
   * @param options the mesh-wide settings
   */
  constructor(options: MeshConfigOptions) {
    checkInit('cdk8s-mesh.MeshSettings', new.target, [options]);
    super();
    this.options = options;
  }

  /** What sidecars do with traffic to hosts outside the registry. */
  public get outboundTrafficPolicy(): OutboundTrafficPolicy {
    return this.options.outboundTrafficPolicy ?? OutboundTrafficPolicy.ALLOW_ANY;
  }

  /**
   * Checks MESH-OPS-012 when outbound traffic is REGISTRY_ONLY.
   * @param mesh the mesh
   */
  public validate(mesh: MeshCore): void {
    if (this.outboundTrafficPolicy === OutboundTrafficPolicy.REGISTRY_ONLY) registryOnlyCheck(mesh);
  }
}
