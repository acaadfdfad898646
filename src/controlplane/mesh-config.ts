import { definedEntries } from '../core/names';
import { AccessLogEncoding } from '../observability/extension-provider';
import { ProxyResources, proxyResourceQuantities } from '../operations/proxy-resources';
import { LocalityLoadBalancing, renderLocality } from '../traffic/load-balancer';

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
}

/** Settings rendered for the install artifacts: `meshConfig` and `values.global.proxy`. */
export interface RenderedMeshSettings {
  /** The `meshConfig` block, or undefined if nothing was set. */
  readonly meshConfig?: { [key: string]: any };
  /** The `global.proxy` values block, or undefined if nothing was set. */
  readonly proxy?: { [key: string]: any };
}

/** The object without its undefined entries, or undefined if none is left. */
function compact<T extends object>(obj: T): T | undefined {
  const defined = definedEntries(obj);
  return Object.keys(defined).length ? defined : undefined;
}

function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function proxyResources(resources: ProxyResources | undefined): { [key: string]: any } | undefined {
  if (!resources) return undefined;
  const r = proxyResourceQuantities(resources);
  return compact({
    requests: compact({ cpu: r.cpuRequest, memory: r.memoryRequest }),
    limits: compact({ cpu: r.cpuLimit, memory: r.memoryLimit }),
  });
}

/**
 * Renders the options exactly where Istio reads them. `trustDomain` and `extensionProviders` are passed
 * in only when the user set them, so defaults never appear.
 * @internal
 */
export function renderMeshSettings(
  options: MeshConfigOptions,
  trustDomain: string | undefined,
  extensionProviders: Array<{ [key: string]: any }>,
): RenderedMeshSettings {
  const proxyMetadata = compact({
    EXIT_ON_ZERO_ACTIVE_CONNECTIONS: flag(options.exitOnZeroActiveConnections),
    ISTIO_META_DNS_AUTO_ALLOCATE: flag(options.dnsAutoAllocate),
    ISTIO_META_DNS_CAPTURE: flag(options.dnsCapture),
  });
  const defaultConfig = compact({
    gatewayTopology: options.numTrustedProxies === undefined ? undefined : { numTrustedProxies: options.numTrustedProxies },
    holdApplicationUntilProxyStarts: options.holdApplicationUntilProxyStarts,
    proxyMetadata,
    tracing: options.tracingSampling === undefined ? undefined : { sampling: options.tracingSampling },
  });
  const locality = renderLocality(options.localityLbSetting);
  const meshConfig = compact({
    accessLogEncoding: options.accessLogEncoding,
    accessLogFile: options.accessLogFile,
    accessLogFormat: options.accessLogFormat,
    defaultConfig,
    extensionProviders: extensionProviders.length ? extensionProviders : undefined,
    localityLbSetting: locality && compact(locality),
    outboundTrafficPolicy: options.outboundTrafficPolicy ? { mode: options.outboundTrafficPolicy } : undefined,
    trustDomain,
  });
  const proxy = compact({
    excludeIPRanges: options.excludeIpRanges?.length ? options.excludeIpRanges.join(',') : undefined,
    resources: proxyResources(options.proxyResources),
  });
  return { meshConfig, proxy };
}
