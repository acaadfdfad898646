import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { isValidPort, objectName, policyScope, PolicyScope } from './scope';
import { RELATIVE_PATCH_OPERATIONS, RELATIVE_PATCH_PRIORITY } from '../core/envoy-filter-priority';
import { jsonString } from '../core/json';
import {
  EnvoyFilter as EnvoyFilterL1,
  EnvoyFilterSpecConfigPatches as ConfigPatch,
  EnvoyFilterSpecConfigPatchesApplyTo as ApplyTo,
  EnvoyFilterSpecConfigPatchesMatchContext as MatchContext,
  EnvoyFilterSpecConfigPatchesMatchListener as ListenerMatch,
  EnvoyFilterSpecConfigPatchesPatchOperation as Operation,
} from '../imports/networking.istio.io';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { OperationsRules } from '../validation/rules/operations';
import { IMeshWorkload } from '../workloads/workload';

const HCM = 'envoy.filters.network.http_connection_manager';
const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const ROUTER = 'envoy.filters.http.router';

/** Which proxy listeners an EnvoyFilter patch applies to. */
export enum ProxyContext {
  /** Sidecars (inbound and outbound) and gateways. */
  ANY = 'ANY',
  /** Sidecar listeners for traffic into the workload. */
  SIDECAR_INBOUND = 'SIDECAR_INBOUND',
  /** Sidecar listeners for traffic leaving the workload. */
  SIDECAR_OUTBOUND = 'SIDECAR_OUTBOUND',
  /** Gateway listeners. */
  GATEWAY = 'GATEWAY',
}

const CONTEXTS: Record<ProxyContext, MatchContext> = {
  [ProxyContext.ANY]: MatchContext.ANY,
  [ProxyContext.SIDECAR_INBOUND]: MatchContext.SIDECAR_UNDERSCORE_INBOUND,
  [ProxyContext.SIDECAR_OUTBOUND]: MatchContext.SIDECAR_UNDERSCORE_OUTBOUND,
  [ProxyContext.GATEWAY]: MatchContext.GATEWAY,
};

/** Options shared by every EnvoyFilter recipe. */
export interface EnvoyFilterRecipeOptions {
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /**
   * The workload or gateway to patch. Without it the filter applies to every proxy of `namespace`.
   * @default - every proxy of the namespace (the whole mesh in the root namespace)
   */
  readonly workload?: IMeshWorkload;
  /**
   * The namespace, when no workload is given.
   * @default - the mesh root namespace (mesh-wide)
   */
  readonly namespaceName?: string;
  /**
   * Which listeners to patch; use GATEWAY when `workload` is a gateway.
   * @default - the recipe's default (ANY, or SIDECAR_INBOUND for rate limits)
   */
  readonly context?: ProxyContext;
  /**
   * Only the listener on this port.
   * @default - every listener of the context
   */
  readonly port?: number;
  /**
   * Order among EnvoyFilters on the same proxy; lower applies first.
   * @default RELATIVE_PATCH_PRIORITY (10) for recipes that insert relative to another filter, otherwise 0
   */
  readonly priority?: number;
}


/**
 * An `EnvoyFilter` generated from a typed recipe (the FAQ fixes). Recipes target workloads or gateways by construct.
 */
export abstract class EnvoyFilterRecipe extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  /** Where it applies. */
  private readonly scope: PolicyScope;
  /** The listener context patched. */
  public readonly context: ProxyContext;
  private readonly options: EnvoyFilterRecipeOptions;

  protected constructor(scope: Construct, id: string, options: EnvoyFilterRecipeOptions, defaultContext: ProxyContext) {
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.options = options;
    this.name = objectName(this, options.name);
    this.scope = policyScope(this.mesh, this, options.workload, options.namespaceName);
    this.context = options.context ?? defaultContext;
    if (options.port !== undefined && !isValidPort(options.port)) this.mesh.report(OperationsRules.INVALID_PORT, this, options.port);
    this.mesh._onSynth(this, () => this.render());
  }

  /**
   * The `configPatches` of the filter, as Istio's JSON. The library's recipes build the generated
   * `EnvoyFilter` patch type; a subclass may return any patch JSON Istio accepts.
   */
  protected abstract configPatches(): unknown[];

  /** A listener match on the HTTP connection manager, narrowed to `port` if set. */
  protected hcmListener(subFilter?: string): { [key: string]: unknown } {
    return { ...this._listenerMatch(subFilter) };
  }

  /** A MERGE patch of the HTTP connection manager's typed config. */
  protected mergeHcm(fields: { [key: string]: unknown }): { [key: string]: unknown } {
    return { ...this._hcmMergePatch(fields) };
  }

  /** A listener match on the HTTP connection manager, narrowed to `port` if set. @internal */
  public _listenerMatch(subFilter?: string): ListenerMatch {
    const filter = subFilter ? { name: HCM, subFilter: { name: subFilter } } : { name: HCM };
    return { portNumber: this.options.port, filterChain: { filter } };
  }

  /** A MERGE patch of the HTTP connection manager's typed config. @internal */
  public _hcmMergePatch(fields: { [key: string]: unknown }): ConfigPatch {
    return {
      applyTo: ApplyTo.NETWORK_UNDERSCORE_FILTER,
      match: { context: CONTEXTS[this.context], listener: this._listenerMatch() },
      patch: { operation: Operation.MERGE, value: { typed_config: { '@type': HCM_TYPE, ...fields } } },
    };
  }

  private render(): void {
    const patches = this.configPatches();
    const relative = patches.some(p => RELATIVE_PATCH_OPERATIONS.has(jsonString(p, 'patch', 'operation') ?? ''));
    for (const cluster of this.mesh.configClusters) {
      new EnvoyFilterL1(cluster.scopeFor(this), 'EnvoyFilter', {
        metadata: { name: this.name, namespace: this.scope.namespace },
        spec: {
          workloadSelector: this.scope.selector ? { labels: this.scope.selector } : undefined,
          priority: this.options.priority ?? (relative ? RELATIVE_PATCH_PRIORITY : undefined),
          // The recipes below return `ConfigPatch` objects; a user subclass returns patch JSON as Istio takes it.
          configPatches: patches as ConfigPatch[],
        },
      });
    }
  }
}

/** Options of `MaxRequestHeaders`. */
export interface MaxRequestHeadersProps extends EnvoyFilterRecipeOptions {
  /** The largest request header block accepted, in KiB: 1 to 96 (Envoy's default is 60). */
  readonly maxRequestHeadersKb: number;
}

/** Raises Envoy's request header limit (fixes 431 "Request Header Fields Too Large", TCM FAQ F4). */
export class MaxRequestHeaders extends EnvoyFilterRecipe {
  /** Envoy's default limit, in KiB. */
  public static readonly DEFAULT_KB = 60;
  /** The largest limit Envoy accepts, in KiB. */
  public static readonly MAX_KB = 96;

  private readonly kb: number;

  constructor(scope: Construct, id: string, props: MaxRequestHeadersProps) {
    checkInit('cdk8s-mesh.MaxRequestHeaders', new.target, [scope, id, props]);
    super(scope, id, props, ProxyContext.ANY);
    this.kb = props.maxRequestHeadersKb;
    if (!Number.isInteger(this.kb) || this.kb < 1 || this.kb > MaxRequestHeaders.MAX_KB) {
      this.mesh.report(OperationsRules.HEADER_LIMIT_OUT_OF_RANGE, this, this.kb);
    }
  }

  protected configPatches(): unknown[] {
    const patches: ConfigPatch[] = [this._hcmMergePatch({ max_request_headers_kb: this.kb })];
    return patches;
  }
}

/** How HTTP/1.1 header names are written. */
export enum HeaderCaseFormat {
  /** Keep the case the client sent (Envoy's preserve_case formatter), e.g. `Test-UPPER-Case`. */
  PRESERVE = 'PRESERVE',
  /** Capitalize each word, e.g. `Content-Length`. */
  PROPER_CASE = 'PROPER_CASE',
}

/** Options of `PreserveHeaderCase`. */
export interface PreserveHeaderCaseProps extends EnvoyFilterRecipeOptions {
  /**
   * The header case format.
   * @default HeaderCaseFormat.PRESERVE
   */
  readonly format?: HeaderCaseFormat;
  /**
   * Also write upstream request headers in this format on outbound clusters of this port (HTTP/1.1 upstreams only).
   * @default - downstream (listener) side only
   */
  readonly upstreamPort?: number;
}

/**
 * Stops Envoy lowercasing HTTP/1.1 header names, for apps or SDKs that parse headers case-sensitively (TCM FAQ F5).
 * HTTP/2 header names are always lowercase.
 */
export class PreserveHeaderCase extends EnvoyFilterRecipe {
  private readonly format: HeaderCaseFormat;
  private readonly upstreamPort?: number;

  constructor(scope: Construct, id: string, props: PreserveHeaderCaseProps = {}) {
    checkInit('cdk8s-mesh.PreserveHeaderCase', new.target, [scope, id, props]);
    super(scope, id, props, ProxyContext.ANY);
    this.format = props.format ?? HeaderCaseFormat.PRESERVE;
    this.upstreamPort = props.upstreamPort;
    if (props.upstreamPort !== undefined && !isValidPort(props.upstreamPort)) {
      this.mesh.report(OperationsRules.INVALID_PORT, this, props.upstreamPort);
    }
  }

  protected configPatches(): unknown[] {
    const headerKeyFormat = this.format === HeaderCaseFormat.PROPER_CASE
      ? { proper_case_words: {} }
      : {
        stateful_formatter: {
          name: 'preserve_case',
          typed_config: { '@type': 'type.googleapis.com/envoy.extensions.http.header_formatters.preserve_case.v3.PreserveCaseFormatterConfig' },
        },
      };
    const patches: ConfigPatch[] = [this._hcmMergePatch({ http_protocol_options: { header_key_format: headerKeyFormat } })];
    if (this.upstreamPort !== undefined) {
      patches.push({
        applyTo: ApplyTo.CLUSTER,
        match: { context: CONTEXTS[ProxyContext.SIDECAR_OUTBOUND], cluster: { portNumber: this.upstreamPort } },
        patch: {
          operation: Operation.MERGE,
          value: {
            typed_extension_protocol_options: {
              'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
                '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
                'explicit_http_config': { http_protocol_options: { header_key_format: headerKeyFormat } },
              },
            },
          },
        },
      });
    }
    return patches;
  }
}

/** Options of `AcceptHttp10`. */
export interface AcceptHttp10Props extends EnvoyFilterRecipeOptions {
  /**
   * The host used for HTTP/1.0 requests without a Host header.
   * @default - none; such requests match no virtual host
   */
  readonly defaultHost?: string;
}

/**
 * Lets the proxy accept HTTP/1.0 requests (nginx `proxy_pass` defaults, `ab`, old SDKs) instead of answering
 * 426 "Upgrade Required" (TCM FAQ F13). For one sidecar, `SidecarSettings.acceptHttp10` is the narrower fix.
 */
export class AcceptHttp10 extends EnvoyFilterRecipe {
  private readonly defaultHost?: string;

  constructor(scope: Construct, id: string, props: AcceptHttp10Props = {}) {
    checkInit('cdk8s-mesh.AcceptHttp10', new.target, [scope, id, props]);
    super(scope, id, props, ProxyContext.ANY);
    this.defaultHost = props.defaultHost;
  }

  protected configPatches(): unknown[] {
    const options: { [key: string]: unknown } = { accept_http_10: true };
    if (this.defaultHost !== undefined) options.default_host_for_http_10 = this.defaultHost;
    const patches: ConfigPatch[] = [this._hcmMergePatch({ http_protocol_options: options })];
    return patches;
  }
}

/** Options of `LocalRateLimit`. */
export interface LocalRateLimitProps extends EnvoyFilterRecipeOptions {
  /** The bucket size: the largest burst allowed. */
  readonly maxTokens: number;
  /**
   * Tokens added every `fillInterval`.
   * @default - `maxTokens`
   */
  readonly tokensPerFill?: number;
  /** How often tokens are added (at least 50ms). */
  readonly fillInterval: Duration;
}

/** A per-proxy token-bucket rate limit; excess requests get 429 with `x-local-rate-limit: true`. */
export class LocalRateLimit extends EnvoyFilterRecipe {
  private readonly props: LocalRateLimitProps;

  constructor(scope: Construct, id: string, props: LocalRateLimitProps) {
    checkInit('cdk8s-mesh.LocalRateLimit', new.target, [scope, id, props]);
    super(scope, id, props, ProxyContext.SIDECAR_INBOUND);
    this.props = props;
    const tokens = [props.maxTokens, props.tokensPerFill ?? props.maxTokens];
    if (tokens.some(t => !Number.isInteger(t) || t < 1) || props.fillInterval.toMilliseconds() < 50) {
      this.mesh.report(OperationsRules.INVALID_RATE_LIMIT, this,
        { maxTokens: props.maxTokens, tokensPerFill: tokens[1], fillIntervalMs: props.fillInterval.toMilliseconds() });
    }
  }

  protected configPatches(): unknown[] {
    const always = { default_value: { numerator: 100, denominator: 'HUNDRED' } };
    const patches: ConfigPatch[] = [{
      applyTo: ApplyTo.HTTP_UNDERSCORE_FILTER,
      match: { context: CONTEXTS[this.context], listener: this._listenerMatch(ROUTER) },
      patch: {
        operation: Operation.INSERT_UNDERSCORE_BEFORE,
        value: {
          name: 'envoy.filters.http.local_ratelimit',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
            'stat_prefix': 'http_local_rate_limiter',
            'token_bucket': {
              max_tokens: this.props.maxTokens,
              tokens_per_fill: this.props.tokensPerFill ?? this.props.maxTokens,
              fill_interval: `${this.props.fillInterval.toMilliseconds() / 1000}s`,
            },
            'filter_enabled': { runtime_key: 'local_rate_limit_enabled', ...always },
            'filter_enforced': { runtime_key: 'local_rate_limit_enforced', ...always },
            'response_headers_to_add': [{ append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'x-local-rate-limit', value: 'true' } }],
          },
        },
      },
    }];
    return patches;
  }
}
