import { createHash } from 'crypto';
import { ApiObjectMetadataDefinition } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ProxyConfig } from './proxy-config';
import { ProxyResources, proxyResourceQuantities } from './proxy-resources';
import { checkPorts, isCidr } from './scope';
import { canonicalJson, jsonObject } from '../core/json';
import { definedEntries, sortedRecord } from '../core/names';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { OperationsRules } from '../validation/rules/operations';

/** Pod label that turns sidecar injection on or off for one workload, overriding its namespace. */
export const INJECT_LABEL = 'sidecar.istio.io/inject';
/** Pod annotation carrying per-pod proxy config overrides (YAML or JSON). */
export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
/** Pod annotation whose value changes whenever injection-relevant settings change, so pods roll. */
export const SIDECAR_HASH_ANNOTATION = 'cdk8s-mesh.io/sidecar-config-hash';

/** Envoy log levels. */
export enum ProxyLogLevel {
  /** Everything. */
  TRACE = 'trace',
  /** Debug. */
  DEBUG = 'debug',
  /** Info. */
  INFO = 'info',
  /** Warnings (Istio's default). */
  WARNING = 'warning',
  /** Errors. */
  ERROR = 'error',
  /** Critical errors only. */
  CRITICAL = 'critical',
  /** No logging. */
  OFF = 'off',
}

/** Sidecar settings that land in pod annotations; shared by workloads and namespace defaults. */
export interface SidecarOptions {
  /**
   * Proxy container resources.
   * @default - the mesh default
   */
  readonly resources?: ProxyResources;
  /**
   * Proxy log level (`sidecar.istio.io/logLevel`).
   * @default - the mesh default (warning)
   */
  readonly logLevel?: ProxyLogLevel;
  /**
   * Per-component Envoy log levels (`sidecar.istio.io/componentLogLevel`), e.g. `{ upstream: ProxyLogLevel.DEBUG }`.
   * @default - none
   */
  readonly componentLogLevels?: { [component: string]: ProxyLogLevel };
  /**
   * Start the application only after the proxy is ready (`holdApplicationUntilProxyStarts` in `proxy.istio.io/config`).
   * Slows pod start-up; enable it only for apps that call dependencies at start-up without retrying (TCM FAQ F3).
   * @default false
   */
  readonly holdApplicationUntilProxyStarts?: boolean;
  /**
   * Accept HTTP/1.0 requests in this proxy (`proxyMetadata.ISTIO_META_HTTP10: "1"`), instead of answering 426 (TCM FAQ F13).
   * @default false
   */
  readonly acceptHttp10?: boolean;
  /**
   * Further `ProxyConfig` fields for `proxy.istio.io/config`, e.g. `{ concurrency: 4 }`. Typed settings above win.
   * @default - none
   */
  readonly proxyConfig?: { [key: string]: unknown };
  /**
   * Rewrite HTTP/gRPC liveness and readiness probes so kubelet reaches the app through the pilot-agent
   * (`sidecar.istio.io/rewriteAppHTTPProbers`); needed when strict mTLS would otherwise fail probes with 503.
   * @default - the mesh default (true)
   */
  readonly rewriteAppProbes?: boolean;
  /**
   * Inbound ports that bypass the proxy (`traffic.sidecar.istio.io/excludeInboundPorts`).
   * @default - none
   */
  readonly excludeInboundPorts?: number[];
  /**
   * The only inbound ports the proxy captures (`traffic.sidecar.istio.io/includeInboundPorts`).
   * @default - all ports
   */
  readonly includeInboundPorts?: number[];
  /**
   * Outbound ports that bypass the proxy (`traffic.sidecar.istio.io/excludeOutboundPorts`), e.g. long-lived MySQL/Redis connections.
   * @default - none
   */
  readonly excludeOutboundPorts?: number[];
  /**
   * Outbound CIDRs that bypass the proxy (`traffic.sidecar.istio.io/excludeOutboundIPRanges`).
   * @default - none
   */
  readonly excludeOutboundIpRanges?: string[];
  /**
   * The only outbound CIDRs the proxy captures (`traffic.sidecar.istio.io/includeOutboundIPRanges`); `*` for all.
   * @default - all
   */
  readonly includeOutboundIpRanges?: string[];
}

/** Options of `SidecarSettings`. */
export interface SidecarSettingsProps extends SidecarOptions {
  /**
   * Inject a sidecar into this workload's pods (`sidecar.istio.io/inject`); overrides the namespace's setting.
   * @default - follow the namespace
   */
  readonly injection?: boolean;
  /**
   * The namespace whose `NamespaceSidecarDefaults` apply.
   * @default - the namespace of the workload it is applied to
   */
  readonly namespaceName?: string;
}

/** Options of `NamespaceSidecarDefaults`. */
export interface NamespaceSidecarDefaultsProps extends SidecarOptions {
  /** The namespace. */
  readonly namespaceName: string;
}

/** The ownership family of namespace sidecar defaults, one per namespace. */
const SIDECAR_DEFAULTS = 'operations/sidecar-defaults';

/**
 * Sidecar defaults for every workload of a namespace that has `SidecarSettings`. Workload settings win field by field.
 * Namespace-wide injection itself is `MeshNamespace`'s `injectionEnabled`.
 */
export class NamespaceSidecarDefaults extends MeshMember {
  /** The namespace. */
  public readonly namespaceName: string;
  /** The defaults. */
  public readonly options: SidecarOptions;

  constructor(scope: Construct, id: string, props: NamespaceSidecarDefaultsProps) {
    checkInit('cdk8s-mesh.NamespaceSidecarDefaults', new.target, [scope, id, props]);
    super(scope, id);
    const mesh = MeshCore.coreOf(this);
    this.namespaceName = props.namespaceName;
    this.options = props;
    checkSidecarOptions(mesh, this, props);
    const claim = mesh.ownership.claim(SIDECAR_DEFAULTS, props.namespaceName, this);
    if (!claim.first) mesh.report(OperationsRules.DUPLICATE_SIDECAR_DEFAULTS, this, props.namespaceName, `Also declared at ${claim.owner.node.path}.`);
  }
}

/**
 * Per-workload sidecar control, rendered as the pod labels and annotations Istio's injector reads.
 * Apply it to cdk8s-plus workloads with `applyTo()`, or copy `podLabels()` / `podAnnotations()` into any pod template.
 * A restart-hash annotation covers every injection-relevant setting (including the namespace's injection labels and
 * namespace- or mesh-wide ProxyConfigs), so pods roll when any of them changes.
 */
export class SidecarSettings extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  private readonly props: SidecarSettingsProps;
  private readonly targets: Array<{ metadata: ApiObjectMetadataDefinition; namespace?: string }> = [];

  constructor(scope: Construct, id: string, props: SidecarSettingsProps = {}) {
    checkInit('cdk8s-mesh.SidecarSettings', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    checkSidecarOptions(this.mesh, this, props);
    this.mesh._onSynth(this, () => this.render());
  }

  /**
   * Applies the settings to a cdk8s-plus workload's pod template (Deployment, StatefulSet, DaemonSet, Job), of any
   * cdk8s-plus major: its `podMetadata` receives the labels and annotations.
   * @param workload the workload
   */
  public applyTo(workload: IConstruct): void {
    const { podMetadata, metadata } = workload as { podMetadata?: unknown; metadata?: unknown };
    if (!(podMetadata instanceof ApiObjectMetadataDefinition)) {
      MeshCore.coreOf(this).report(OperationsRules.NOT_A_WORKLOAD, this, workload.node.path);
      return;
    }
    this.targets.push({ metadata: podMetadata, namespace: metadata instanceof ApiObjectMetadataDefinition ? metadata.namespace : undefined });
  }

  /**
   * Applies the settings to any pod template's metadata.
   * @param metadata the pod template metadata
   */
  public applyToPodMetadata(metadata: ApiObjectMetadataDefinition): void {
    this.targets.push({ metadata });
  }

  /** The pod labels (injection), for pod templates the library does not own. */
  public podLabels(): { [key: string]: string } {
    return this.injectionLabel() ?? {};
  }

  /** The pod annotations, including the restart hash, for pod templates the library does not own. */
  public podAnnotations(): { [key: string]: string } {
    return this.annotationsFor(this.props.namespaceName);
  }

  private injectionLabel(): { [key: string]: string } | undefined {
    return this.props.injection === undefined ? undefined : { [INJECT_LABEL]: String(this.props.injection) };
  }

  private annotationsFor(namespace: string | undefined): { [key: string]: string } {
    const owner = namespace === undefined ? undefined : this.mesh.ownership.ownerOf(SIDECAR_DEFAULTS, namespace);
    const defaults = owner instanceof NamespaceSidecarDefaults ? owner.options : undefined;
    const settings = sidecarAnnotations(mergeOptions(defaults ?? {}, this.props));
    return sortedRecord({ ...settings, [SIDECAR_HASH_ANNOTATION]: this.restartHash(namespace, settings) })!;
  }

  /** A short hash over everything whose change needs a pod restart to take effect. */
  private restartHash(namespace: string | undefined, annotations: { [key: string]: string }): string {
    const ns = namespace ?? '';
    const inputs = {
      labels: this.podLabels(),
      annotations,
      revision: this.mesh.revision,
      namespace: this.mesh.namespaces.filter(n => n.name === ns).map(n => n.injectionLabels()),
      proxyConfigs: ProxyConfig._all(this.mesh)
        .filter(p => !p._scope.selector && (p._scope.namespace === ns || p._scope.namespace === this.mesh.rootNamespace))
        .map(p => ({ namespace: p._scope.namespace, spec: p.spec })),
    };
    return createHash('sha256').update(canonicalJson(inputs)).digest('hex').slice(0, 16);
  }

  private render(): void {
    for (const target of this.targets) {
      for (const [key, value] of Object.entries(this.podLabels())) target.metadata.addLabel(key, value);
      const annotations = this.annotationsFor(this.props.namespaceName ?? target.namespace);
      for (const [key, value] of Object.entries(annotations)) target.metadata.addAnnotation(key, value);
    }
  }
}

/** Workload options over namespace defaults, field by field; `proxyConfig` maps merge. */
function mergeOptions(defaults: SidecarOptions, own: SidecarOptions): SidecarOptions {
  return {
    ...defaults,
    ...definedEntries(own),
    resources: { ...defaults.resources, ...own.resources },
    proxyConfig: { ...defaults.proxyConfig, ...own.proxyConfig },
  };
}

/** The annotations Istio's injector and istio-init read for these options. */
function sidecarAnnotations(options: SidecarOptions): { [key: string]: string } {
  const r = proxyResourceQuantities(options.resources ?? {});
  const out: { [key: string]: string | undefined } = {
    'sidecar.istio.io/proxyCPU': r.cpuRequest,
    'sidecar.istio.io/proxyCPULimit': r.cpuLimit,
    'sidecar.istio.io/proxyMemory': r.memoryRequest,
    'sidecar.istio.io/proxyMemoryLimit': r.memoryLimit,
    'sidecar.istio.io/logLevel': options.logLevel,
    'sidecar.istio.io/componentLogLevel': options.componentLogLevels && Object.keys(options.componentLogLevels).length
      ? Object.keys(options.componentLogLevels).sort().map(c => `${c}:${options.componentLogLevels![c]}`).join(',')
      : undefined,
    'sidecar.istio.io/rewriteAppHTTPProbers': options.rewriteAppProbes === undefined ? undefined : String(options.rewriteAppProbes),
    'traffic.sidecar.istio.io/excludeInboundPorts': list(options.excludeInboundPorts),
    'traffic.sidecar.istio.io/includeInboundPorts': list(options.includeInboundPorts),
    'traffic.sidecar.istio.io/excludeOutboundPorts': list(options.excludeOutboundPorts),
    'traffic.sidecar.istio.io/excludeOutboundIPRanges': list(options.excludeOutboundIpRanges),
    'traffic.sidecar.istio.io/includeOutboundIPRanges': list(options.includeOutboundIpRanges),
    [PROXY_CONFIG_ANNOTATION]: proxyConfigAnnotation(options),
  };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The `proxy.istio.io/config` value: overrides plus typed settings, as JSON (valid YAML) with sorted keys. */
function proxyConfigAnnotation(options: SidecarOptions): string | undefined {
  const config: { [key: string]: unknown } = { ...options.proxyConfig };
  if (options.holdApplicationUntilProxyStarts !== undefined) config.holdApplicationUntilProxyStarts = options.holdApplicationUntilProxyStarts;
  if (options.acceptHttp10) config.proxyMetadata = { ...jsonObject(config.proxyMetadata), ISTIO_META_HTTP10: '1' };
  return Object.keys(config).length ? canonicalJson(config) : undefined;
}

function list(values: Array<number | string> | undefined): string | undefined {
  return values === undefined ? undefined : values.join(',');
}

function checkSidecarOptions(mesh: MeshCore, member: IConstruct, options: SidecarOptions): void {
  const ports = [
    ...options.excludeInboundPorts ?? [], ...options.includeInboundPorts ?? [], ...options.excludeOutboundPorts ?? [],
  ];
  checkPorts(mesh, member, ports, OperationsRules.INVALID_PASSTHROUGH_PORT);
  for (const cidr of [...options.excludeOutboundIpRanges ?? [], ...options.includeOutboundIpRanges ?? []]) {
    if (!isCidr(cidr)) mesh.report(OperationsRules.MALFORMED_CIDR, member, cidr);
  }
}
