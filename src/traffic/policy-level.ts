import { ClientTlsMode } from './client-tls';
import { H2UpgradePolicy } from './connection-pool';
import {
  DestinationRuleSpecSubsetsTrafficPolicyConnectionPoolHttpH2UpgradePolicy as SubsetH2,
  DestinationRuleSpecSubsetsTrafficPolicyLoadBalancerSimple as SubsetSimple,
  DestinationRuleSpecSubsetsTrafficPolicyTlsMode as SubsetTls,
  DestinationRuleSpecTrafficPolicyConnectionPoolHttpH2UpgradePolicy as HostH2,
  DestinationRuleSpecTrafficPolicyLoadBalancerSimple as HostSimple,
  DestinationRuleSpecTrafficPolicyPortLevelSettingsConnectionPoolHttpH2UpgradePolicy as PortH2,
  DestinationRuleSpecTrafficPolicyPortLevelSettingsLoadBalancerSimple as PortSimple,
  DestinationRuleSpecTrafficPolicyPortLevelSettingsTlsMode as PortTls,
  DestinationRuleSpecTrafficPolicyTlsMode as HostTls,
  DestinationRuleSpecTrafficPolicy,
  DestinationRuleSpecTrafficPolicyConnectionPool,
  DestinationRuleSpecTrafficPolicyConnectionPoolHttp,
  DestinationRuleSpecTrafficPolicyLoadBalancer,
  DestinationRuleSpecTrafficPolicyTls,
} from '../imports/networking.istio.io';

/** The simple load-balancing algorithms the library offers. */
export enum SimpleLoadBalancer {
  ROUND_ROBIN = 'ROUND_ROBIN',
  LEAST_REQUEST = 'LEAST_REQUEST',
  RANDOM = 'RANDOM',
  PASSTHROUGH = 'PASSTHROUGH',
}

/**
 * The generated enums of one DestinationRule traffic-policy level. The generated bindings give the host,
 * port and subset levels distinct (same-valued) enums, so each level maps the library enums exhaustively.
 */
export interface PolicyLevel<Simple, Tls, H2> {
  readonly simple: Record<SimpleLoadBalancer, Simple>;
  readonly tlsMode: Record<ClientTlsMode, Tls>;
  readonly h2UpgradePolicy: Record<H2UpgradePolicy, H2>;
}

/**
 * The level's table, from its generated enums (whose member names are the same at every level).
 * Each mapping is exhaustive: a library value without a generated counterpart fails to compile.
 */
function levelOf<Simple, Tls, H2>(
  simple: { ROUND_UNDERSCORE_ROBIN: Simple; LEAST_UNDERSCORE_REQUEST: Simple; RANDOM: Simple; PASSTHROUGH: Simple },
  tls: { DISABLE: Tls; SIMPLE: Tls; MUTUAL: Tls; ISTIO_UNDERSCORE_MUTUAL: Tls },
  h2: { DEFAULT: H2; DO_UNDERSCORE_NOT_UNDERSCORE_UPGRADE: H2; UPGRADE: H2 },
): PolicyLevel<Simple, Tls, H2> {
  return {
    simple: {
      [SimpleLoadBalancer.ROUND_ROBIN]: simple.ROUND_UNDERSCORE_ROBIN,
      [SimpleLoadBalancer.LEAST_REQUEST]: simple.LEAST_UNDERSCORE_REQUEST,
      [SimpleLoadBalancer.RANDOM]: simple.RANDOM,
      [SimpleLoadBalancer.PASSTHROUGH]: simple.PASSTHROUGH,
    },
    tlsMode: {
      [ClientTlsMode.DISABLE]: tls.DISABLE,
      [ClientTlsMode.SIMPLE]: tls.SIMPLE,
      [ClientTlsMode.MUTUAL]: tls.MUTUAL,
      [ClientTlsMode.ISTIO_MUTUAL]: tls.ISTIO_UNDERSCORE_MUTUAL,
    },
    h2UpgradePolicy: {
      [H2UpgradePolicy.DEFAULT]: h2.DEFAULT,
      [H2UpgradePolicy.DO_NOT_UPGRADE]: h2.DO_UNDERSCORE_NOT_UNDERSCORE_UPGRADE,
      [H2UpgradePolicy.UPGRADE]: h2.UPGRADE,
    },
  };
}

/** `DestinationRule.spec.trafficPolicy`. */
export const HOST_LEVEL = levelOf(HostSimple, HostTls, HostH2);
/** `DestinationRule.spec.trafficPolicy.portLevelSettings[]`. */
export const PORT_LEVEL = levelOf(PortSimple, PortTls, PortH2);
/** `DestinationRule.spec.subsets[].trafficPolicy`. */
export const SUBSET_LEVEL = levelOf(SubsetSimple, SubsetTls, SubsetH2);

/** `T` with the enum-typed field `K` retyped to the enum `E` of a particular level. */
export type WithEnum<T, K extends keyof T, E> = Omit<T, K> & { readonly [P in K]?: E };

/** The Istio `ConnectionPoolSettings`, with the HTTP/2 upgrade enum of a policy level. */
export type ConnectionPoolAt<H2> = Omit<DestinationRuleSpecTrafficPolicyConnectionPool, 'http'> & {
  readonly http?: WithEnum<DestinationRuleSpecTrafficPolicyConnectionPoolHttp, 'h2UpgradePolicy', H2>;
};

/**
 * The parts of a DestinationRule `TrafficPolicy` the library renders, with the enums of a policy level;
 * assignable to the generated traffic-policy type of that level.
 */
export type TrafficPolicyAt<Simple, Tls, H2> = Pick<DestinationRuleSpecTrafficPolicy, 'outlierDetection'> & {
  readonly loadBalancer?: WithEnum<DestinationRuleSpecTrafficPolicyLoadBalancer, 'simple', Simple>;
  readonly connectionPool?: ConnectionPoolAt<H2>;
  readonly tls?: WithEnum<DestinationRuleSpecTrafficPolicyTls, 'mode', Tls>;
};
