import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ExtensionProvider, ExtensionProviderKind } from './extension-provider';
import { ExtensionProviderRegistry } from './provider-registry';
import { mapEnum } from '../core/enums';
import type { Waypoint } from '../gateways/waypoint';
import {
  Telemetry as TelemetryL1, TelemetrySpecAccessLogging, TelemetrySpecAccessLoggingMatchMode, TelemetrySpecMetrics,
  TelemetrySpecMetricsOverridesMatchMetric, TelemetrySpecMetricsOverridesMatchMode, TelemetrySpecMetricsOverridesTagOverridesOperation,
  TelemetrySpecTracing, TelemetrySpecTracingCustomTags, TelemetrySpecTracingMatchMode,
} from '../imports/telemetry.istio.io';
import { claimNamespaceWide, objectName, policyScope, PolicyScope } from '../operations/scope';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { AnalysisRules } from '../validation/rules/analysis';
import { OperationsRules } from '../validation/rules/operations';
import { IMeshWorkload } from '../workloads/workload';

/** Which side of a connection a telemetry setting applies to. */
export enum TelemetryMode {
  /** Both outbound (client) and inbound (server) traffic. */
  CLIENT_AND_SERVER = 'CLIENT_AND_SERVER',
  /** Outbound traffic only. */
  CLIENT = 'CLIENT',
  /** Inbound traffic only. */
  SERVER = 'SERVER',
}

/** Istio standard metrics. */
export enum IstioMetric {
  /** Every metric. */
  ALL_METRICS = 'ALL_METRICS',
  /** `istio_requests_total`. */
  REQUEST_COUNT = 'REQUEST_COUNT',
  /** `istio_request_duration_milliseconds`. */
  REQUEST_DURATION = 'REQUEST_DURATION',
  /** `istio_request_bytes`. */
  REQUEST_SIZE = 'REQUEST_SIZE',
  /** `istio_response_bytes`. */
  RESPONSE_SIZE = 'RESPONSE_SIZE',
  /** `istio_tcp_connections_opened_total`. */
  TCP_OPENED_CONNECTIONS = 'TCP_OPENED_CONNECTIONS',
  /** `istio_tcp_connections_closed_total`. */
  TCP_CLOSED_CONNECTIONS = 'TCP_CLOSED_CONNECTIONS',
  /** `istio_tcp_sent_bytes_total`. */
  TCP_SENT_BYTES = 'TCP_SENT_BYTES',
  /** `istio_tcp_received_bytes_total`. */
  TCP_RECEIVED_BYTES = 'TCP_RECEIVED_BYTES',
  /** `istio_request_messages_total`. */
  GRPC_REQUEST_MESSAGES = 'GRPC_REQUEST_MESSAGES',
  /** `istio_response_messages_total`. */
  GRPC_RESPONSE_MESSAGES = 'GRPC_RESPONSE_MESSAGES',
}

/** The value of a custom span tag. */
export class TracingTag {
  /**
   * A fixed value.
   * @param value the value
   */
  public static literal(value: string): TracingTag {
    return new TracingTag({ literal: { value } });
  }

  /**
   * The value of a request header.
   * @param name the header name
   * @param defaultValue the value when the header is absent
   */
  public static header(name: string, defaultValue?: string): TracingTag {
    return new TracingTag({ header: { name: name.toLowerCase(), defaultValue } });
  }

  /**
   * The value of an environment variable of the proxy.
   * @param name the variable name
   * @param defaultValue the value when the variable is unset
   */
  public static environment(name: string, defaultValue?: string): TracingTag {
    return new TracingTag({ environment: { name, defaultValue } });
  }

  private constructor(/** @internal */ public readonly _spec: TelemetrySpecTracingCustomTags) {}
}

/** Tracing settings. */
export interface TelemetryTracing {
  /**
   * Tracing providers, declared on the mesh.
   * @default - the mesh's default tracing provider
   */
  readonly providers?: ExtensionProvider[];
  /**
   * Percentage of requests sampled, 0–100 (TCM recommends 1 in production, 100 in test).
   * @default - the mesh default (1)
   */
  readonly samplingPercentage?: number;
  /**
   * Custom span tags.
   * @default - none
   */
  readonly customTags?: { [tag: string]: TracingTag };
  /**
   * Stop reporting spans (context is still propagated).
   * @default false
   */
  readonly disableSpanReporting?: boolean;
  /**
   * Which traffic the setting applies to.
   * @default TelemetryMode.CLIENT_AND_SERVER
   */
  readonly mode?: TelemetryMode;
}

/** Access logging settings. The log format (text or JSON) belongs to the provider (`ExtensionProvider.fileAccessLog`). */
export interface TelemetryAccessLogging {
  /**
   * Access log providers, declared on the mesh.
   * @default - the mesh's default access log providers
   */
  readonly providers?: ExtensionProvider[];
  /**
   * A CEL expression selecting the requests to log, e.g. `response.code >= 400`.
   * @default - every request
   */
  readonly filter?: string;
  /**
   * Turn access logging off.
   * @default false
   */
  readonly disabled?: boolean;
  /**
   * Which traffic the setting applies to.
   * @default TelemetryMode.CLIENT_AND_SERVER
   */
  readonly mode?: TelemetryMode;
}

/** A change to one metric (or all): tags added or rewritten, tags removed, or the metric disabled. */
export interface MetricsOverride {
  /**
   * The metric.
   * @default IstioMetric.ALL_METRICS
   */
  readonly metric?: IstioMetric;
  /**
   * Which traffic.
   * @default TelemetryMode.CLIENT_AND_SERVER
   */
  readonly mode?: TelemetryMode;
  /**
   * Tags to add or rewrite: tag name to a CEL expression, e.g. `{ request_host: 'request.host' }`.
   * @default - none
   */
  readonly tagOverrides?: { [tag: string]: string };
  /**
   * Tags to remove.
   * @default - none
   */
  readonly removeTags?: string[];
  /**
   * Stop reporting the metric.
   * @default false
   */
  readonly disabled?: boolean;
}

/** Metrics settings. */
export interface TelemetryMetrics {
  /**
   * Metrics providers, declared on the mesh.
   * @default - the mesh's default (Prometheus)
   */
  readonly providers?: ExtensionProvider[];
  /**
   * Per-metric changes.
   * @default - none
   */
  readonly overrides?: MetricsOverride[];
  /**
   * How often metrics are reported (for push-based providers).
   * @default - the provider's default
   */
  readonly reportingInterval?: Duration;
}

/** Options of a `Telemetry`. */
export interface TelemetryProps {
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /**
   * The workload it applies to. Without it the Telemetry is namespace-wide (or mesh-wide in the root namespace).
   * @default - namespace-wide
   */
  readonly workload?: IMeshWorkload;
  /**
   * The namespace, when no workload is given.
   * @default - the mesh root namespace (mesh-wide)
   */
  readonly namespaceName?: string;
  /**
   * Tracing.
   * @default - inherited
   */
  readonly tracing?: TelemetryTracing;
  /**
   * Access logging.
   * @default - inherited
   */
  readonly accessLogging?: TelemetryAccessLogging;
  /**
   * Metrics.
   * @default - inherited
   */
  readonly metrics?: TelemetryMetrics;
  /**
   * Ambient mode: attach the Telemetry to a waypoint (`targetRefs` to its Gateway), for the L7 telemetry the waypoint
   * produces. It lives in the waypoint's namespace and takes no `workload`.
   * @default - no waypoint
   */
  readonly waypoint?: Waypoint;
}

/**
 * Istio Telemetry API: tracing, access logging and metrics for the whole mesh (root namespace), a namespace, or one
 * workload. Providers are `ExtensionProvider`s declared on the mesh and referenced by construct (MESH-OPS-009).
 */
export class Telemetry extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  /** Where it applies. */
  private readonly scope: PolicyScope;
  private readonly props: TelemetryProps;

  constructor(scope: Construct, id: string, props: TelemetryProps) {
    checkInit('cdk8s-mesh.Telemetry', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = objectName(this, props.name);
    this.scope = policyScope(this.mesh, this, props.workload, props.namespaceName ?? props.waypoint?.namespaceName);
    const waypoint = props.waypoint;
    if (waypoint) {
      waypoint._addPolicy(this);
      if (props.workload) this.mesh.report(AmbientRules.POLICY_WAYPOINT_AND_SELECTOR, this, { waypoint: `${waypoint.namespaceName}/${waypoint.name}`, selector: this.scope.selector });
      if (this.scope.namespace !== waypoint.namespaceName) {
        this.mesh.report(AmbientRules.POLICY_WAYPOINT_NAMESPACE, this, this.scope.namespace, `The waypoint ${waypoint.name} runs in "${waypoint.namespaceName}".`);
      }
    }
    const sampling = props.tracing?.samplingPercentage;
    if (sampling !== undefined && !(sampling >= 0 && sampling <= 100)) this.mesh.report(OperationsRules.INVALID_SAMPLING, this, sampling);
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  private render(): void {
    for (const cluster of this.mesh.configClusters) {
      new TelemetryL1(cluster.scopeFor(this), 'Telemetry', {
        metadata: { name: this.name, namespace: this.scope.namespace },
        spec: {
          selector: this.scope.selector && !this.props.waypoint ? { matchLabels: this.scope.selector } : undefined,
          targetRefs: this.props.waypoint ? [this.props.waypoint._targetRef] : undefined,
          tracing: this.props.tracing ? [tracingSpec(this.props.tracing)] : undefined,
          accessLogging: this.props.accessLogging ? [accessLoggingSpec(this.props.accessLogging)] : undefined,
          metrics: this.props.metrics ? [metricsSpec(this.props.metrics)] : undefined,
        },
      });
    }
  }

  private validate(): void {
    if (!this.scope.selector && !this.props.waypoint) {
      claimNamespaceWide(this.mesh, 'Telemetry', this.scope.namespace, this, AnalysisRules.MULTIPLE_TELEMETRIES_WITHOUT_SELECTOR);
    }
    this.checkProviders('tracing', ExtensionProviderKind.TRACING, this.props.tracing?.providers);
    this.checkProviders('accessLogging', ExtensionProviderKind.ACCESS_LOG, this.props.accessLogging?.providers);
    this.checkProviders('metrics', ExtensionProviderKind.METRICS, this.props.metrics?.providers);
  }

  private checkProviders(use: string, kind: ExtensionProviderKind, providers: ExtensionProvider[] | undefined): void {
    for (const provider of providers ?? []) {
      if (!ExtensionProviderRegistry.of(this.mesh).has(provider)) {
        this.mesh.report(OperationsRules.UNDECLARED_PROVIDER, this, provider.name, `Used for ${use}.`);
      } else if (provider.kind !== kind) {
        this.mesh.report(OperationsRules.WRONG_PROVIDER_KIND, this, provider.name, `It is a ${provider.kind} provider, used for ${use}.`);
      }
    }
  }
}

function providerRefs(providers: ExtensionProvider[] | undefined): Array<{ name: string }> | undefined {
  return providers?.length ? providers.map(p => ({ name: p.name })) : undefined;
}

/** The generated match-mode enums of tracing, access logging and metrics have the same members. */
function modeTable<M>(e: { CLIENT_UNDERSCORE_AND_UNDERSCORE_SERVER: M; CLIENT: M; SERVER: M }): Record<TelemetryMode, M> {
  return {
    [TelemetryMode.CLIENT_AND_SERVER]: e.CLIENT_UNDERSCORE_AND_UNDERSCORE_SERVER,
    [TelemetryMode.CLIENT]: e.CLIENT,
    [TelemetryMode.SERVER]: e.SERVER,
  };
}
const TRACING_MODES = modeTable(TelemetrySpecTracingMatchMode);
const ACCESS_LOG_MODES = modeTable(TelemetrySpecAccessLoggingMatchMode);
const METRICS_MODES = modeTable(TelemetrySpecMetricsOverridesMatchMode);

function matchOf<M>(mode: TelemetryMode | undefined, modes: Record<TelemetryMode, M>): { mode: M } | undefined {
  return mode === undefined ? undefined : { mode: modes[mode] };
}

function tracingSpec(t: TelemetryTracing): TelemetrySpecTracing {
  const tags = t.customTags ?? {};
  return {
    providers: providerRefs(t.providers),
    randomSamplingPercentage: t.samplingPercentage,
    customTags: Object.keys(tags).length ? Object.fromEntries(Object.keys(tags).sort().map(k => [k, tags[k]._spec])) : undefined,
    disableSpanReporting: t.disableSpanReporting,
    match: matchOf(t.mode, TRACING_MODES),
  };
}

function accessLoggingSpec(a: TelemetryAccessLogging): TelemetrySpecAccessLogging {
  return {
    providers: providerRefs(a.providers),
    filter: a.filter === undefined ? undefined : { expression: a.filter },
    disabled: a.disabled,
    match: matchOf(a.mode, ACCESS_LOG_MODES),
  };
}

function metricsSpec(m: TelemetryMetrics): TelemetrySpecMetrics {
  return {
    providers: providerRefs(m.providers),
    reportingInterval: m.reportingInterval ? `${m.reportingInterval.toSeconds()}s` : undefined,
    overrides: m.overrides?.map(o => {
      const tags: { [tag: string]: { value?: string; operation?: TelemetrySpecMetricsOverridesTagOverridesOperation } } = {};
      for (const [tag, value] of Object.entries(o.tagOverrides ?? {})) tags[tag] = { value };
      for (const tag of o.removeTags ?? []) tags[tag] = { operation: TelemetrySpecMetricsOverridesTagOverridesOperation.REMOVE };
      const match = o.metric === undefined && o.mode === undefined ? undefined : {
        metric: o.metric as string as TelemetrySpecMetricsOverridesMatchMetric | undefined,
        mode: mapEnum(METRICS_MODES, o.mode),
      };
      return {
        match,
        tagOverrides: Object.keys(tags).length ? Object.fromEntries(Object.keys(tags).sort().map(k => [k, tags[k]])) : undefined,
        disabled: o.disabled,
      };
    }),
  };
}
