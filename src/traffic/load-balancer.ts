import { Duration } from 'cdk8s';
import { istioDuration } from './durations';
import { SimpleLoadBalancer, WithEnum } from './policy-level';
import { mapEnum } from '../core/enums';
import {
  DestinationRuleSpecTrafficPolicyLoadBalancer,
  DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHash as ConsistentHash,
  DestinationRuleSpecTrafficPolicyLoadBalancerLocalityLbSetting as LocalityLbSetting,
} from '../imports/networking.istio.io';

/** What a consistent hash is computed from. */
export class HashKey {
  /**
   * A request header (lower-case name).
   * @param name the header name
   */
  public static header(name: string): HashKey {
    return new HashKey({ httpHeaderName: name }, name);
  }

  /**
   * A cookie; Envoy generates it when `ttl` is set and the request has none.
   * @param name the cookie name
   * @param options path and ttl
   */
  public static cookie(name: string, options: CookieHashOptions = {}): HashKey {
    return new HashKey({ httpCookie: { name, path: options.path, ttl: istioDuration(options.ttl) } });
  }

  /** The caller's source IP. */
  public static sourceIp(): HashKey {
    return new HashKey({ useSourceIp: true });
  }

  /**
   * A query parameter.
   * @param name the parameter name
   */
  public static queryParameter(name: string): HashKey {
    return new HashKey({ httpQueryParameterName: name });
  }

  private constructor(
    private readonly fields: ConsistentHash,
    /** The header name, for header hashing. */
    public readonly headerName?: string,
  ) {}

  /** True if the key needs HTTP (everything but the source IP). */
  public get isHttp(): boolean {
    return this.fields.useSourceIp !== true;
  }

  /** @internal */
  public _render(): ConsistentHash {
    return { ...this.fields };
  }
}

/** Options of a cookie hash key. */
export interface CookieHashOptions {
  /**
   * The cookie path.
   * @default - none
   */
  readonly path?: string;
  /**
   * Lifetime of a generated cookie.
   * @default - the cookie is not generated
   */
  readonly ttl?: Duration;
}

/** The consistent hash algorithm. */
export class HashAlgorithm {
  /**
   * Ring hash (Ketama).
   * @param minimumRingSize minimum number of virtual nodes
   */
  public static ringHash(minimumRingSize?: number): HashAlgorithm {
    return new HashAlgorithm({ ringHash: { minimumRingSize } });
  }

  /**
   * Maglev.
   * @param tableSize the lookup table size (a prime)
   */
  public static maglev(tableSize?: number): HashAlgorithm {
    return new HashAlgorithm({ maglev: { tableSize } });
  }

  private constructor(private readonly fields: ConsistentHash) {}

  /** @internal */
  public _render(): ConsistentHash {
    return { ...this.fields };
  }
}

/** The load-balancing algorithm of a destination. */
export class LoadBalancer {
  /** Round robin. */
  public static roundRobin(): LoadBalancer {
    return new LoadBalancer({ simple: SimpleLoadBalancer.ROUND_ROBIN });
  }

  /** Least request (Istio's default). */
  public static leastRequest(): LoadBalancer {
    return new LoadBalancer({ simple: SimpleLoadBalancer.LEAST_REQUEST });
  }

  /** Random. */
  public static random(): LoadBalancer {
    return new LoadBalancer({ simple: SimpleLoadBalancer.RANDOM });
  }

  /** Send to the original destination address without load balancing. */
  public static passthrough(): LoadBalancer {
    return new LoadBalancer({ simple: SimpleLoadBalancer.PASSTHROUGH });
  }

  /**
   * Session affinity: requests with the same key go to the same endpoint.
   * @param key what the hash is computed from
   * @param algorithm ring hash or maglev
   */
  public static consistentHash(key: HashKey, algorithm?: HashAlgorithm): LoadBalancer {
    return new LoadBalancer({ consistentHash: { ...key._render(), ...algorithm?._render() } }, key);
  }

  private constructor(
    private readonly fields: WithEnum<DestinationRuleSpecTrafficPolicyLoadBalancer, 'simple', SimpleLoadBalancer>,
    /** The hash key, for consistent hashing. */
    public readonly hashKey?: HashKey,
  ) {}

  /**
   * The Istio `LoadBalancerSettings`, with the algorithm enum of the policy level.
   * @internal
   */
  public _render<Simple>(simple: Record<SimpleLoadBalancer, Simple>): WithEnum<DestinationRuleSpecTrafficPolicyLoadBalancer, 'simple', Simple> {
    return { ...this.fields, simple: mapEnum(simple, this.fields.simple) };
  }
}

/** Traffic spread from one locality to others. */
export interface LocalityDistribution {
  /** The source locality, `region/zone/subzone`, `*` allowed. */
  readonly fromLocality: string;
  /** Destination localities and their integer weights, summing to 100. */
  readonly toLocalities: { [locality: string]: number };
}

/** Where traffic goes when a region fails. */
export interface LocalityFailover {
  /** The failing region. */
  readonly fromRegion: string;
  /** The region traffic fails over to. */
  readonly toRegion: string;
}

/** Locality-aware load balancing. Needs outlier detection to fail over. */
export interface LocalityLoadBalancing {
  /**
   * Enable locality load balancing.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Weighted distribution (exclusive with failover).
   * @default - none
   */
  readonly distribute?: LocalityDistribution[];
  /**
   * Region failover (exclusive with distribute).
   * @default - none
   */
  readonly failover?: LocalityFailover[];
  /**
   * Ordered labels endpoints are prioritised by, e.g. `topology.istio.io/network`.
   * @default - none
   */
  readonly failoverPriority?: string[];
}

/** Renders `localityLbSetting`. */
export function renderLocality(locality: LocalityLoadBalancing | undefined): LocalityLbSetting | undefined {
  if (!locality) return undefined;
  return {
    enabled: locality.enabled ?? true,
    distribute: locality.distribute?.map(d => ({ from: d.fromLocality, to: Object.fromEntries(Object.entries(d.toLocalities).sort()) })),
    failover: locality.failover?.map(f => ({ from: f.fromRegion, to: f.toRegion })),
    failoverPriority: locality.failoverPriority,
  };
}
