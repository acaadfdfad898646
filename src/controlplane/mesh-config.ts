import { definedEntries } from '../core/names';
import { MeshConfigOptions } from '../operations/mesh-config';
import { proxyResourceQuantities, ProxyResources } from '../operations/proxy-resources';
import { renderLocality } from '../traffic/load-balancer';

/** Settings rendered for the install artifacts: `meshConfig` and `values.global.proxy`. */
export interface RenderedMeshSettings {
  /** The `meshConfig` block, or undefined if nothing was set. */
  readonly meshConfig?: { [key: string]: unknown };
  /** The `global.proxy` values block, or undefined if nothing was set. */
  readonly proxy?: { [key: string]: unknown };
  /** Environment of istiod (`pilot.env`), or undefined if nothing was set. */
  readonly pilotEnv?: { [key: string]: string };
}

/** The object without its undefined entries, or undefined if none is left. */
function compact<T extends object>(obj: T): T | undefined {
  const defined = definedEntries(obj);
  return Object.keys(defined).length ? defined : undefined;
}

function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function proxyResources(resources: ProxyResources | undefined): { [key: string]: unknown } | undefined {
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
  extensionProviders: Array<{ [key: string]: unknown }>,
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
  const pilotEnv = options.jwksBlockedCidrs?.length ? { BLOCKED_CIDRS_IN_JWKS_URIS: options.jwksBlockedCidrs.join(',') } : undefined;
  return { meshConfig, proxy, pilotEnv };
}
