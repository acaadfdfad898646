/**
 * The application protocol of a port, as Istio's protocol selection understands it.
 * Emitted as the port-name prefix (`http-`, `grpc-`, …) and as `appProtocol`.
 */
export enum Protocol {
  /** HTTP/1.1 (and HTTP/1.0). */
  HTTP = 'HTTP',
  /** HTTP/2 cleartext. */
  HTTP2 = 'HTTP2',
  /** HTTPS: TLS that the app terminates itself; the mesh treats it as opaque TLS. */
  HTTPS = 'HTTPS',
  /** gRPC. */
  GRPC = 'GRPC',
  /** gRPC-Web. */
  GRPC_WEB = 'GRPC-Web',
  /** Opaque TCP. */
  TCP = 'TCP',
  /** TLS with SNI routing. */
  TLS = 'TLS',
  /** MongoDB. */
  MONGO = 'Mongo',
  /** MySQL. */
  MYSQL = 'MySQL',
  /** Redis. */
  REDIS = 'Redis',
  /** UDP (not proxied by the sidecar). */
  UDP = 'UDP',
}

interface ProtocolInfo {
  readonly prefix: string;
  readonly appProtocol: string;
  readonly http: boolean;
}

const INFO: Record<Protocol, ProtocolInfo> = {
  [Protocol.HTTP]: { prefix: 'http', appProtocol: 'http', http: true },
  [Protocol.HTTP2]: { prefix: 'http2', appProtocol: 'http2', http: true },
  [Protocol.HTTPS]: { prefix: 'https', appProtocol: 'https', http: false },
  [Protocol.GRPC]: { prefix: 'grpc', appProtocol: 'grpc', http: true },
  [Protocol.GRPC_WEB]: { prefix: 'grpc-web', appProtocol: 'grpc-web', http: true },
  [Protocol.TCP]: { prefix: 'tcp', appProtocol: 'tcp', http: false },
  [Protocol.TLS]: { prefix: 'tls', appProtocol: 'tls', http: false },
  [Protocol.MONGO]: { prefix: 'mongo', appProtocol: 'mongo', http: false },
  [Protocol.MYSQL]: { prefix: 'mysql', appProtocol: 'mysql', http: false },
  [Protocol.REDIS]: { prefix: 'redis', appProtocol: 'redis', http: false },
  [Protocol.UDP]: { prefix: 'udp', appProtocol: 'udp', http: false },
};

/**
 * Facts about protocols that the constructs share.
 */
export class Protocols {
  /**
   * The Istio port-name prefix, e.g. `http` or `grpc-web`.
   * @param protocol the protocol
   */
  public static prefix(protocol: Protocol): string {
    return INFO[protocol].prefix;
  }

  /**
   * The `appProtocol` value for a Service port.
   * @param protocol the protocol
   */
  public static appProtocol(protocol: Protocol): string {
    return INFO[protocol].appProtocol;
  }

  /**
   * True if the sidecar parses the protocol as HTTP, so HTTP routing, retries, faults and
   * HTTP authorization fields apply.
   * @param protocol the protocol
   */
  public static isHttp(protocol: Protocol): boolean {
    return INFO[protocol].http;
  }

  /**
   * The protocol Istio infers from a Service port name (`http-web` → HTTP) or `appProtocol`, if any.
   * Longest prefix wins, so `grpc-web-x` is gRPC-Web and `http2-x` is HTTP2.
   * @param name the port name
   * @param appProtocol the port's appProtocol
   */
  public static fromPortName(name?: string, appProtocol?: string): Protocol | undefined {
    const candidates = (Object.keys(INFO) as Protocol[]).sort((a, b) => INFO[b].prefix.length - INFO[a].prefix.length);
    if (appProtocol) {
      const byApp = candidates.find(p => INFO[p].appProtocol === appProtocol.toLowerCase());
      if (byApp) return byApp;
    }
    if (!name) return undefined;
    const lower = name.toLowerCase();
    return candidates.find(p => lower === INFO[p].prefix || lower.startsWith(`${INFO[p].prefix}-`));
  }

  private constructor() {}
}
