import { Duration } from 'cdk8s';
import { definedEntries } from '../core/names';
import { AccessLogEncoding } from '../operations/mesh-config';
import { istioDuration } from '../traffic/durations';

/** What an extension provider does. */
export enum ExtensionProviderKind {
  /** Sends traces (Zipkin, OpenTelemetry, SkyWalking, Datadog). */
  TRACING = 'TRACING',
  /** Writes access logs (Envoy file log, OpenTelemetry ALS). */
  ACCESS_LOG = 'ACCESS_LOG',
  /** Exposes metrics (Prometheus). */
  METRICS = 'METRICS',
  /** Authorizes requests for CUSTOM AuthorizationPolicies (ext_authz). */
  AUTHORIZATION = 'AUTHORIZATION',
}

/** Where a tracing or logging provider sends data. */
export interface ProviderEndpoint {
  /** The service's fully qualified host, e.g. `zipkin.istio-system.svc.cluster.local`. */
  readonly service: string;
  /** The service port. */
  readonly port: number;
}

/** Options for tracing providers. */
export interface TracingProviderOptions extends ProviderEndpoint {
  /**
   * The longest tag value the tracer keeps.
   * @default - Istio's default (256)
   */
  readonly maxTagLength?: number;
}

/** Options for the Envoy file access log provider. */
export interface FileAccessLogOptions {
  /**
   * The file the proxy writes to.
   * @default '/dev/stdout'
   */
  readonly path?: string;
  /**
   * The encoding.
   * @default AccessLogEncoding.TEXT
   */
  readonly encoding?: AccessLogEncoding;
  /**
   * A text format (for TEXT) using Envoy command operators.
   * @default - Istio's default format
   */
  readonly textFormat?: string;
  /**
   * JSON fields (for JSON): field name to Envoy command operator, e.g. `{ status: '%RESPONSE_CODE%' }`.
   * @default - Istio's default fields
   */
  readonly jsonLabels?: { [key: string]: string };
}

/** Options for ext_authz providers used by CUSTOM AuthorizationPolicies. */
export interface ExtAuthzOptions extends ProviderEndpoint {
  /**
   * How long the proxy waits for the authorizer.
   * @default - Istio's default (600s)
   */
  readonly timeout?: Duration;
  /**
   * Let requests through when the authorizer cannot be reached.
   * @default false
   */
  readonly failOpen?: boolean;
  /**
   * HTTP only: request headers sent to the authorizer.
   * @default - none besides the defaults Envoy sends
   */
  readonly includeRequestHeadersInCheck?: string[];
  /**
   * HTTP only: authorizer response headers copied to the upstream request when allowed.
   * @default - none
   */
  readonly headersToUpstreamOnAllow?: string[];
  /**
   * HTTP only: authorizer response headers returned to the client when denied.
   * @default - none
   */
  readonly headersToDownstreamOnDeny?: string[];
  /**
   * HTTP only: a prefix added to the path sent to the authorizer.
   * @default - none
   */
  readonly pathPrefix?: string;
}

/** Options for gRPC ext_authz providers. */
export interface GrpcExtAuthzOptions extends ProviderEndpoint {
  /**
   * How long the proxy waits for the authorizer.
   * @default - Istio's default (600s)
   */
  readonly timeout?: Duration;
  /**
   * Let requests through when the authorizer cannot be reached.
   * @default false
   */
  readonly failOpen?: boolean;
}

/**
 * An extension provider declared once on the mesh (`MeshProps.extensionProviders`) and referenced by
 * construct wherever a provider is needed: Telemetry tracing and logging, CUSTOM authorization.
 * It lands in mesh config as an entry of `extensionProviders`.
 */
export class ExtensionProvider {
  /**
   * A Zipkin tracer.
   * @param name the provider name
   * @param options the endpoint
   */
  public static zipkin(name: string, options: TracingProviderOptions): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.TRACING, 'zipkin', definedEntries({ ...options }));
  }

  /**
   * An OpenTelemetry tracer (OTLP over gRPC).
   * @param name the provider name
   * @param options the endpoint
   */
  public static openTelemetry(name: string, options: TracingProviderOptions): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.TRACING, 'opentelemetry', definedEntries({ ...options }));
  }

  /**
   * An Apache SkyWalking tracer.
   * @param name the provider name
   * @param options the endpoint
   */
  public static skyWalking(name: string, options: ProviderEndpoint): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.TRACING, 'skywalking', definedEntries({ service: options.service, port: options.port }));
  }

  /**
   * A Datadog tracer.
   * @param name the provider name
   * @param options the endpoint
   */
  public static datadog(name: string, options: ProviderEndpoint): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.TRACING, 'datadog', definedEntries({ service: options.service, port: options.port }));
  }

  /**
   * Envoy's file access log.
   * @param name the provider name
   * @param options path and format
   */
  public static fileAccessLog(name: string, options: FileAccessLogOptions = {}): ExtensionProvider {
    const json = options.encoding === AccessLogEncoding.JSON;
    const logFormat = json
      ? (options.jsonLabels ? { labels: options.jsonLabels } : { labels: {} })
      : (options.textFormat ? { text: options.textFormat } : undefined);
    return new ExtensionProvider(name, ExtensionProviderKind.ACCESS_LOG, 'envoyFileAccessLog', definedEntries({ path: options.path ?? '/dev/stdout', logFormat }));
  }

  /**
   * OpenTelemetry access log service.
   * @param name the provider name
   * @param options the endpoint
   */
  public static openTelemetryAccessLog(name: string, options: ProviderEndpoint): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.ACCESS_LOG, 'envoyOtelAls', definedEntries({ service: options.service, port: options.port }));
  }

  /**
   * Prometheus metrics.
   * @param name the provider name
   */
  public static prometheus(name: string = 'prometheus'): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.METRICS, 'prometheus', {});
  }

  /**
   * An HTTP ext_authz authorizer for CUSTOM AuthorizationPolicies.
   * @param name the provider name
   * @param options the authorizer
   */
  public static extAuthzHttp(name: string, options: ExtAuthzOptions): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.AUTHORIZATION, 'envoyExtAuthzHttp', definedEntries({
      service: options.service,
      port: options.port,
      timeout: istioDuration(options.timeout),
      failOpen: options.failOpen,
      pathPrefix: options.pathPrefix,
      includeRequestHeadersInCheck: options.includeRequestHeadersInCheck,
      headersToUpstreamOnAllow: options.headersToUpstreamOnAllow,
      headersToDownstreamOnDeny: options.headersToDownstreamOnDeny,
    }));
  }

  /**
   * A gRPC ext_authz authorizer for CUSTOM AuthorizationPolicies.
   * @param name the provider name
   * @param options the authorizer
   */
  public static extAuthzGrpc(name: string, options: GrpcExtAuthzOptions): ExtensionProvider {
    return new ExtensionProvider(name, ExtensionProviderKind.AUTHORIZATION, 'envoyExtAuthzGrpc', definedEntries({
      service: options.service,
      port: options.port,
      timeout: istioDuration(options.timeout),
      failOpen: options.failOpen,
    }));
  }

  private constructor(
    /** The provider name, unique in the mesh. */
    public readonly name: string,
    /** What it does. */
    public readonly kind: ExtensionProviderKind,
    private readonly field: string,
    private readonly settings: { [key: string]: unknown },
  ) {}

  /** The mesh config `extensionProviders` entry. */
  public toMeshConfig(): { [key: string]: unknown } {
    return { name: this.name, [this.field]: this.settings };
  }
}
