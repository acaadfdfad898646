import { ClientTls, renderClientTls } from './client-tls';
import { ConnectionPool, renderConnectionPool } from './connection-pool';
import { LoadBalancer, LocalityLoadBalancing, renderLocality } from './load-balancer';
import { OutlierDetection, renderOutlierDetection } from './outlier-detection';
import { HOST_LEVEL, PORT_LEVEL, PolicyLevel, TrafficPolicyAt } from './policy-level';
import { DestinationRuleSpecTrafficPolicy, DestinationRuleSpecTrafficPolicyPortLevelSettings } from '../imports/networking.istio.io';

/** Policy applied to traffic towards a destination (a DestinationRule `trafficPolicy`). */
export interface TrafficPolicy {
  /**
   * The load-balancing algorithm.
   * @default - Istio's default (LEAST_REQUEST)
   */
  readonly loadBalancer?: LoadBalancer;
  /**
   * Locality-aware load balancing; needs `outlierDetection`.
   * @default - the mesh's locality settings
   */
  readonly locality?: LocalityLoadBalancing;
  /**
   * Connection-pool limits.
   * @default - unlimited
   */
  readonly connectionPool?: ConnectionPool;
  /**
   * Outlier detection.
   * @default - none
   */
  readonly outlierDetection?: OutlierDetection;
  /**
   * Client TLS.
   * @default - auto mTLS
   */
  readonly tls?: ClientTls;
}

/** Policy for one port of the host. */
export interface PortTrafficPolicy extends TrafficPolicy {
  /** The service port. */
  readonly port: number;
}

/** Policy for one version (subset) of the service. */
export interface VersionTrafficPolicy {
  /** The version name. */
  readonly version: string;
  /** The policy. */
  readonly policy: TrafficPolicy;
}

/** Which namespaces see a route or policy. */
export class ExportTo {
  /** Every namespace. */
  public static everywhere(): ExportTo {
    return new ExportTo(['*']);
  }

  /** Only the namespace of the object. */
  public static sameNamespace(): ExportTo {
    return new ExportTo(['.']);
  }

  /**
   * These namespaces.
   * @param names namespace names
   */
  public static namespaces(...names: string[]): ExportTo {
    return new ExportTo([...names].sort());
  }

  private constructor(
    /** The `exportTo` values. */
    public readonly values: string[],
  ) {}
}

/** True if the policy sets nothing. */
export function isEmptyPolicy(policy: TrafficPolicy | undefined): boolean {
  return !policy || Object.values(policy).every(v => v === undefined);
}

/** Renders a `TrafficPolicy` without port-level settings, with the enums of the policy level. */
export function renderTrafficPolicy<Simple, Tls, H2>(
  policy: TrafficPolicy | undefined, level: PolicyLevel<Simple, Tls, H2>,
): TrafficPolicyAt<Simple, Tls, H2> | undefined {
  if (!policy || isEmptyPolicy(policy)) return undefined;
  const lb = policy.loadBalancer?._render(level.simple);
  const locality = renderLocality(policy.locality);
  return {
    loadBalancer: lb || locality ? { ...lb, localityLbSetting: locality } : undefined,
    connectionPool: renderConnectionPool(policy.connectionPool, level.h2UpgradePolicy),
    outlierDetection: renderOutlierDetection(policy.outlierDetection),
    tls: renderClientTls(policy.tls, level.tlsMode),
  };
}

/** Renders a host-level `TrafficPolicy` with its port-level settings. */
export function renderHostPolicy(policy: TrafficPolicy | undefined, ports: PortTrafficPolicy[]): DestinationRuleSpecTrafficPolicy | undefined {
  const base = renderTrafficPolicy(policy, HOST_LEVEL);
  if (!ports.length) return base;
  const portLevelSettings = [...ports].sort((a, b) => a.port - b.port).map((p): DestinationRuleSpecTrafficPolicyPortLevelSettings => ({
    port: { number: p.port },
    ...renderTrafficPolicy(p, PORT_LEVEL),
  }));
  return { ...base, portLevelSettings };
}
