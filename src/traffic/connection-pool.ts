import { Duration } from 'cdk8s';
import { istioDuration } from './durations';
import { ConnectionPoolAt } from './policy-level';
import { mapEnum } from '../core/enums';

/** TCP keepalive probes. */
export interface TcpKeepalive {
  /**
   * Idle time before the first probe.
   * @default - the OS default (2 hours on Linux)
   */
  readonly time?: Duration;
  /**
   * Time between probes.
   * @default - the OS default (75s on Linux)
   */
  readonly interval?: Duration;
  /**
   * Probes before the connection is dropped.
   * @default - the OS default (9 on Linux)
   */
  readonly probes?: number;
}

/** TCP connection limits (apply to HTTP and TCP). */
export interface TcpConnectionPool {
  /**
   * Maximum connections to each destination host.
   * @default 2^32-1
   */
  readonly maxConnections?: number;
  /**
   * TCP connect timeout.
   * @default 10s
   */
  readonly connectTimeout?: Duration;
  /**
   * TCP keepalive.
   * @default - none
   */
  readonly keepalive?: TcpKeepalive;
  /**
   * Maximum lifetime of a connection.
   * @default - unlimited
   */
  readonly maxConnectionDuration?: Duration;
  /**
   * Idle time after which a TCP connection is closed.
   * @default 1h
   */
  readonly idleTimeout?: Duration;
}

/** How HTTP/1.1 connections are upgraded to HTTP/2. */
export enum H2UpgradePolicy {
  /** The mesh default. */
  DEFAULT = 'DEFAULT',
  /** Never upgrade. */
  DO_NOT_UPGRADE = 'DO_NOT_UPGRADE',
  /** Upgrade to HTTP/2. */
  UPGRADE = 'UPGRADE',
}

/** HTTP request limits. */
export interface HttpConnectionPool {
  /**
   * Maximum queued requests waiting for a connection; set it so limits answer 503 instead of queueing.
   * @default 2^32-1
   */
  readonly http1MaxPendingRequests?: number;
  /**
   * Maximum active requests to a destination.
   * @default 2^32-1
   */
  readonly http2MaxRequests?: number;
  /**
   * Maximum requests per connection; 1 disables keep-alive.
   * @default 0 (unlimited)
   */
  readonly maxRequestsPerConnection?: number;
  /**
   * Maximum outstanding retries across the cluster.
   * @default 2^32-1
   */
  readonly maxRetries?: number;
  /**
   * Idle time after which an upstream connection is closed.
   * @default 1h
   */
  readonly idleTimeout?: Duration;
  /**
   * HTTP/2 upgrade policy.
   * @default H2UpgradePolicy.DEFAULT
   */
  readonly h2UpgradePolicy?: H2UpgradePolicy;
  /**
   * Use the client's protocol (HTTP/1.1 or HTTP/2) upstream.
   * @default false
   */
  readonly useClientProtocol?: boolean;
  /**
   * Maximum concurrent streams per HTTP/2 connection.
   * @default 2^31-1
   */
  readonly maxConcurrentStreams?: number;
}

/** Connection-pool (circuit-breaking) limits. */
export interface ConnectionPool {
  /**
   * TCP limits.
   * @default - none
   */
  readonly tcp?: TcpConnectionPool;
  /**
   * HTTP limits.
   * @default - none
   */
  readonly http?: HttpConnectionPool;
}

/** Renders the Istio `ConnectionPoolSettings`, with the HTTP/2 upgrade enum of the policy level. */
export function renderConnectionPool<H2>(pool: ConnectionPool | undefined, h2: Record<H2UpgradePolicy, H2>): ConnectionPoolAt<H2> | undefined {
  if (!pool) return undefined;
  const tcp = pool.tcp;
  const http = pool.http;
  return {
    tcp: tcp && {
      maxConnections: tcp.maxConnections,
      connectTimeout: istioDuration(tcp.connectTimeout),
      tcpKeepalive: tcp.keepalive && {
        time: istioDuration(tcp.keepalive.time),
        interval: istioDuration(tcp.keepalive.interval),
        probes: tcp.keepalive.probes,
      },
      maxConnectionDuration: istioDuration(tcp.maxConnectionDuration),
      idleTimeout: istioDuration(tcp.idleTimeout),
    },
    http: http && {
      http1MaxPendingRequests: http.http1MaxPendingRequests,
      http2MaxRequests: http.http2MaxRequests,
      maxRequestsPerConnection: http.maxRequestsPerConnection,
      maxRetries: http.maxRetries,
      idleTimeout: istioDuration(http.idleTimeout),
      h2UpgradePolicy: mapEnum(h2, http.h2UpgradePolicy),
      useClientProtocol: http.useClientProtocol,
      maxConcurrentStreams: http.maxConcurrentStreams,
    },
  };
}
