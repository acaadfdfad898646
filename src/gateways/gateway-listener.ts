import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { renderGatewayApiGateway } from './gateway-api-listener-render';
import { GatewayAllowedRoutes } from './gateway-api-options';
import { IGatewayBinding } from './gateway-binding';
import { GatewayServiceType } from './gateway-options';
import type { GatewayWorkload } from './gateway-workload';
import { CLUSTER_LABEL, claimOnce, configClustersFor } from './placement';
import { GatewayDeploymentMode, TrafficApi } from './traffic-api';
import { mapEnum } from '../core/enums';
import { isDnsLabel, isDnsSubdomain, sortedRecord } from '../core/names';
import { Gateway as GatewayApiGateway, ReferenceGrant } from '../imports/gateway.networking.k8s.io';
import {
  Gateway,
  GatewaySpecServers,
  GatewaySpecServersTlsMaxProtocolVersion as MaxVersion,
  GatewaySpecServersTlsMinProtocolVersion as MinVersion,
  GatewaySpecServersTlsMode as TlsMode,
} from '../imports/networking.istio.io';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { checkInit } from '../validation/input/check';
import { GatewayRules } from '../validation/rules/gateway';
import { ISTIO_RESERVED_PORTS } from '../workloads/mesh-service';
import { Protocol, Protocols } from '../workloads/protocol';

/** How a gateway server handles TLS (`servers[].tls.mode`). */
export enum GatewayTlsMode {
  /** Forward the TLS stream by SNI without terminating it. */
  PASSTHROUGH = 'PASSTHROUGH',
  /** Terminate TLS with the server certificate in `credentialName`. */
  SIMPLE = 'SIMPLE',
  /** Terminate TLS and require client certificates. */
  MUTUAL = 'MUTUAL',
  /** SNI-routed passthrough to mesh services without a VirtualService (east-west gateways). */
  AUTO_PASSTHROUGH = 'AUTO_PASSTHROUGH',
  /** Istio mTLS with the proxy's own certificate (sidecar → egress gateway). */
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
  /** Terminate TLS; client certificates optional. */
  OPTIONAL_MUTUAL = 'OPTIONAL_MUTUAL',
}

/** A TLS protocol version. */
export enum TlsVersion {
  /** Envoy's default. */
  TLS_AUTO = 'TLS_AUTO',
  /** TLS 1.0. */
  TLSV1_0 = 'TLSV1_0',
  /** TLS 1.1. */
  TLSV1_1 = 'TLSV1_1',
  /** TLS 1.2. */
  TLSV1_2 = 'TLSV1_2',
  /** TLS 1.3. */
  TLSV1_3 = 'TLSV1_3',
}

const TLS_MODES: Record<GatewayTlsMode, TlsMode> = {
  [GatewayTlsMode.PASSTHROUGH]: TlsMode.PASSTHROUGH,
  [GatewayTlsMode.SIMPLE]: TlsMode.SIMPLE,
  [GatewayTlsMode.MUTUAL]: TlsMode.MUTUAL,
  [GatewayTlsMode.AUTO_PASSTHROUGH]: TlsMode.AUTO_UNDERSCORE_PASSTHROUGH,
  [GatewayTlsMode.ISTIO_MUTUAL]: TlsMode.ISTIO_UNDERSCORE_MUTUAL,
  [GatewayTlsMode.OPTIONAL_MUTUAL]: TlsMode.OPTIONAL_UNDERSCORE_MUTUAL,
};

/** The generated min/max version enums have the same members; one table shape serves both. */
function versionTable<V>(
  v: { TLS_UNDERSCORE_AUTO: V; TLSV1_UNDERSCORE_0: V; TLSV1_UNDERSCORE_1: V; TLSV1_UNDERSCORE_2: V; TLSV1_UNDERSCORE_3: V },
): Record<TlsVersion, V> {
  return {
    [TlsVersion.TLS_AUTO]: v.TLS_UNDERSCORE_AUTO,
    [TlsVersion.TLSV1_0]: v.TLSV1_UNDERSCORE_0,
    [TlsVersion.TLSV1_1]: v.TLSV1_UNDERSCORE_1,
    [TlsVersion.TLSV1_2]: v.TLSV1_UNDERSCORE_2,
    [TlsVersion.TLSV1_3]: v.TLSV1_UNDERSCORE_3,
  };
}
const MIN_TLS_VERSIONS = versionTable(MinVersion);
const MAX_TLS_VERSIONS = versionTable(MaxVersion);

/** TLS settings of a gateway server. */
export interface GatewayServerTls {
  /** The TLS mode. */
  readonly mode: GatewayTlsMode;
  /**
   * The TLS secret, by name, in the gateway workload's namespace.
   * @default - none (required for SIMPLE, MUTUAL, OPTIONAL_MUTUAL unless `credentialSecret` is set)
   */
  readonly credentialName?: string;
  /**
   * The TLS secret as an object of the app; its name becomes `credentialName` and its namespace is checked.
   * @default - none
   */
  readonly credentialSecret?: ApiObject;
  /**
   * Minimum TLS version.
   * @default - Envoy's default (TLS 1.2)
   */
  readonly minProtocolVersion?: TlsVersion;
  /**
   * Maximum TLS version.
   * @default - Envoy's default (TLS 1.3)
   */
  readonly maxProtocolVersion?: TlsVersion;
  /**
   * Allowed client certificate SANs (MUTUAL).
   * @default - any
   */
  readonly subjectAltNames?: string[];
}

/** One server (listener) of an Istio `Gateway`. */
export interface GatewayServer {
  /** The port, a port of the gateway Service. */
  readonly port: number;
  /** The protocol; emitted upper-case. */
  readonly protocol: Protocol;
  /** The hosts served: `*`, `example.com`, `*.example.com`, optionally `ns/`-prefixed. */
  readonly hosts: string[];
  /**
   * The port name.
   * @default `<protocol prefix>-<port>`, e.g. `http-80`
   */
  readonly name?: string;
  /**
   * TLS settings.
   * @default - none (plain text)
   */
  readonly tls?: GatewayServerTls;
  /**
   * Answer plain HTTP with a 301 redirect to HTTPS.
   * @default false
   */
  readonly httpsRedirect?: boolean;
  /**
   * The routes a Gateway API listener accepts (Gateway API rendering; the Istio API expresses namespaces with `ns/` host prefixes).
   * @default - namespaces from the hosts' prefixes, every kind the protocol carries
   */
  readonly allowedRoutes?: GatewayAllowedRoutes;
}

/** Options for attaching listeners to a gateway. */
export interface GatewayListenerOptions {
  /**
   * The `Gateway` resource name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The `Gateway` resource namespace.
   * @default - the gateway workload's namespace
   */
  readonly namespaceName?: string;
  /**
   * The servers.
   * @default - none; add with `addServer()`
   */
  readonly servers?: GatewayServer[];
  /**
   * Attach the listeners to the gateway in these clusters only (TCM "nearby access").
   * @default - every cluster of the gateway
   */
  readonly clusters?: string[];
}

/** Props of a listener. */
export interface GatewayListenerProps extends GatewayListenerOptions {
  /** The gateway workload whose pods serve the listeners; the selector is derived from it. */
  readonly gateway: GatewayWorkload;
}

/** Istio Gateway protocols (`port.protocol`), upper-case. */
const GATEWAY_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'GRPC-WEB', 'MONGO', 'TCP', 'TLS']);
const TERMINATING = new Set([GatewayTlsMode.SIMPLE, GatewayTlsMode.MUTUAL, GatewayTlsMode.OPTIONAL_MUTUAL]);

/**
 * An Istio `Gateway` resource: typed servers on a gateway workload, with a selector derived from it.
 * It is Istio config, so it is applied where config for the gateway's proxies takes effect: in each
 * attached cluster that is a config cluster itself, and in every config cluster when an attached cluster
 * is a remote (or the mesh has an external control plane). Routes bind to it as an `IGatewayBinding`.
 */
export class GatewayListener extends MeshMember implements IGatewayBinding {
  /** The gateway workload. */
  public readonly gateway: GatewayWorkload;
  /** The resource name. */
  public readonly name: string;
  /** The resource namespace. */
  public readonly namespaceName: string;
  private readonly serverList: GatewayServer[] = [];
  private readonly clusterNames?: string[];
  private attached?: MeshCluster[];

  constructor(scope: Construct, id: string, props: GatewayListenerProps) {
    checkInit('cdk8s-mesh.GatewayListener', new.target, [scope, id, props]);
    super(scope, id);
    this.gateway = props.gateway;
    this.name = props.name ?? id;
    this.namespaceName = props.namespaceName ?? props.gateway.namespaceName;
    this.clusterNames = props.clusters;
    for (const server of props.servers ?? []) this.addServer(server);
    props.gateway._registerListener(this);
    props.gateway.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /**
   * Adds a server.
   * @param server the server
   */
  public addServer(server: GatewayServer): GatewayListener {
    this.serverList.push(server);
    return this;
  }

  /** The API the listeners render to: the gateway's (IGatewayBinding; always set). */
  public get trafficApi(): TrafficApi | undefined {
    return this.gateway.trafficApi;
  }

  /** The servers. */
  public get servers(): GatewayServer[] {
    return [...this.serverList];
  }

  /** The `<namespace>/<name>` reference VirtualServices use (IGatewayBinding). */
  public get gatewayReference(): string {
    return `${this.namespaceName}/${this.name}`;
  }

  /** The clusters whose gateway pods serve these listeners. */
  public get attachedClusters(): MeshCluster[] {
    this.attached ??= this.gateway.mesh.resolveClusters(this, this.gateway.clusters, this.clusterNames);
    return [...this.attached];
  }

  /** The clusters where the `Gateway` resource is applied (IGatewayBinding). */
  public get gatewayResourceClusters(): MeshCluster[] {
    const gatewayClusters = new Set(this.gateway.clusters);
    return configClustersFor(this.gateway.mesh, this.attachedClusters.filter(c => gatewayClusters.has(c)));
  }

  /** The pod selector of the `Gateway` resource: the workload's selector, plus its cluster when attached to one of several. */
  public get selector(): { [key: string]: string } {
    const cluster = this._clusterSelector();
    return sortedRecord({ ...this.gateway.selector, ...(cluster ? { [CLUSTER_LABEL]: cluster } : {}) })!;
  }

  /**
   * The hosts the listeners accept in a cluster where the resource is applied or the gateway serves them (IGatewayBinding).
   * @param cluster the cluster
   */
  public listenerHostsIn(cluster: MeshCluster): string[] {
    const here = this.gatewayResourceClusters.includes(cluster) || this.attachedClusters.includes(cluster);
    return here ? [...new Set(this.serverList.flatMap(s => s.hosts))] : [];
  }

  /**
   * The port name a server is emitted with.
   * @param server the server
   */
  public portName(server: GatewayServer): string {
    return server.name ?? `${Protocols.prefix(server.protocol)}-${server.port}`;
  }

  /** The cluster whose pods alone the selector must match, when attached to one cluster of several. @internal */
  public _clusterSelector(): string | undefined {
    const attached = this.attachedClusters;
    return attached.length === 1 && this.gateway.clusters.length > 1 ? attached[0].clusterName : undefined;
  }

  private renderServer(server: GatewayServer): GatewaySpecServers {
    const tls = server.tls;
    const credentialName = tls?.credentialName ?? tls?.credentialSecret?.name;
    const hasTls = tls !== undefined || server.httpsRedirect;
    return {
      port: { number: server.port, name: this.portName(server), protocol: server.protocol.toUpperCase() },
      hosts: server.hosts,
      tls: hasTls ? {
        mode: mapEnum(TLS_MODES, tls?.mode),
        credentialName,
        minProtocolVersion: mapEnum(MIN_TLS_VERSIONS, tls?.minProtocolVersion),
        maxProtocolVersion: mapEnum(MAX_TLS_VERSIONS, tls?.maxProtocolVersion),
        subjectAltNames: tls?.subjectAltNames,
        httpsRedirect: server.httpsRedirect,
      } : undefined,
    };
  }

  private gatewayApiModel(): Parameters<typeof renderGatewayApiGateway>[0] {
    const manual = this.gateway.deploymentMode === GatewayDeploymentMode.MANUAL;
    return {
      namespace: this.namespaceName,
      workloadNamespace: this.gateway.namespaceName,
      serviceHost: manual ? this.gateway.host : undefined,
      servers: this.serverList,
      portName: server => this.portName(server),
      clusterSpecific: this._clusterSelector() !== undefined,
    };
  }

  /** The Gateway API `Gateway` (and a ReferenceGrant for TLS secrets in the pods' namespace), where the Istio one would go. */
  private renderGatewayApi(): void {
    const { spec, secretGrant } = renderGatewayApiGateway(this.gatewayApiModel());
    const signature = JSON.stringify(spec);
    for (const cluster of this.gatewayResourceClusters) {
      const key = `${cluster.clusterName}/${this.namespaceName}/${this.name}/gateway-api`;
      const claim = claimOnce(this.gateway.mesh, key, this, signature);
      if (claim === 'conflict') this.gateway.mesh.report(GatewayRules.DUPLICATE_LISTENER_NAME, this, key);
      if (claim !== 'first') continue;
      const scope = cluster.scopeFor(this);
      new GatewayApiGateway(scope, 'GatewayApiGateway', { metadata: { name: this.name, namespace: this.namespaceName, annotations: this.automatedAnnotations(cluster) }, spec });
      if (secretGrant) {
        new ReferenceGrant(scope, 'SecretReferenceGrant', { metadata: { name: `${this.namespaceName}-${this.name}`, namespace: this.gateway.namespaceName }, spec: secretGrant });
      }
    }
  }

  /**
   * With Istio's automated deployment, the Service type of the deployed gateway: `networking.istio.io/service-type`
   * when it is not Istio's LoadBalancer (an egress gateway's ClusterIP, as Istio's egress task with the Gateway API sets it).
   */
  private automatedAnnotations(cluster: MeshCluster): { [key: string]: string } | undefined {
    if (this.gateway.deploymentMode !== GatewayDeploymentMode.AUTOMATED) return undefined;
    const serviceType = this.gateway.settingsFor(cluster.clusterName).serviceType;
    return serviceType && serviceType !== GatewayServiceType.LOAD_BALANCER ? { 'networking.istio.io/service-type': serviceType } : undefined;
  }

  private render(): void {
    if (this.gateway.trafficApi === TrafficApi.GATEWAY_API) return this.renderGatewayApi();
    const spec = { selector: this.selector, servers: this.serverList.map(s => this.renderServer(s)) };
    const signature = JSON.stringify(spec);
    for (const cluster of this.gatewayResourceClusters) {
      const key = `${cluster.clusterName}/${this.namespaceName}/${this.name}`;
      const claim = claimOnce(this.gateway.mesh, key, this, signature);
      if (claim === 'conflict') this.gateway.mesh.report(GatewayRules.DUPLICATE_LISTENER_NAME, this, key);
      if (claim !== 'first') continue;
      new Gateway(cluster.scopeFor(this), 'Gateway', { metadata: { name: this.name, namespace: this.namespaceName }, spec });
    }
  }

  private validate(): void {
    const mesh = this.gateway.mesh;
    if (!this.serverList.length) mesh.report(GatewayRules.LISTENER_WITHOUT_SERVERS, this, this.name);
    const gatewayClusters = new Set(this.gateway.clusters);
    const runsIn = `Gateway ${this.gateway.name} runs in: ${this.gateway.clusters.map(c => c.clusterName).join(', ') || 'no cluster'}.`;
    for (const cluster of this.attachedClusters.filter(c => !gatewayClusters.has(c))) {
      mesh.report(GatewayRules.LISTENER_WITHOUT_GATEWAY, this, cluster.clusterName, runsIn);
    }
    const reached = this.otherClustersReached();
    if (reached.length) mesh.report(GatewayRules.LISTENER_REACHES_OTHER_CLUSTERS, this, reached.map(c => c.clusterName));
    // Per cluster: the Service ports (and their container ports) of the gateway there, which may differ by cluster.
    const exposed = this.attachedClusters.filter(c => gatewayClusters.has(c)).map(c => ({
      cluster: c.clusterName,
      ports: new Set(this.gateway.portsIn(c.clusterName).flatMap(p => [p.port, p.targetPort || p.port])),
    })).filter(e => e.ports.size > 0);
    const multi = new Set(exposed.map(e => [...e.ports].sort().join(','))).size > 1;
    if (this.gateway.trafficApi === TrafficApi.GATEWAY_API) {
      for (const gap of renderGatewayApiGateway(this.gatewayApiModel()).gaps) {
        mesh.report(GatewayRules.GATEWAY_API_LISTENER_UNSUPPORTED, `${this.node.path}/${gap.field}`, gap.value, gap.detail);
      }
    }
    for (const server of this.serverList) {
      this.validateServer(server);
      const unexposed = exposed.filter(e => !e.ports.has(server.port)).map(e => e.cluster);
      if (unexposed.length) mesh.report(GatewayRules.LISTENER_PORT_NOT_EXPOSED, this, server.port, multi ? `Not a Service port in: ${unexposed.join(', ')}.` : undefined);
    }
  }

  /** Gateway clusters the listener is not attached to whose proxies still read its Gateway (no cluster label to tell them apart). */
  private otherClustersReached(): MeshCluster[] {
    if (this._clusterSelector() !== undefined) return [];
    const attached = new Set(this.attachedClusters);
    const resources = new Set(this.gatewayResourceClusters);
    const config = new Set(this.gateway.mesh.configClusters);
    return this.gateway.clusters.filter(c => !attached.has(c) && (resources.has(c) || (!config.has(c) && resources.size > 0)));
  }

  private validateServer(server: GatewayServer): void {
    const mesh = this.gateway.mesh;
    const protocol = server.protocol.toUpperCase();
    if (!GATEWAY_PROTOCOLS.has(protocol)) mesh.report(GatewayRules.UNSUPPORTED_PROTOCOL, this, server.protocol);
    if (ISTIO_RESERVED_PORTS.includes(server.port)) mesh.report(GatewayRules.RESERVED_PORT, this, server.port);
    for (const host of server.hosts) if (!isValidGatewayHost(host)) mesh.report(GatewayRules.INVALID_HOST, this, host);
    const tls = server.tls;
    if ((protocol === 'HTTPS' || protocol === 'TLS') && !tls) mesh.report(GatewayRules.SECURE_PROTOCOL_WITHOUT_TLS, this, server.port);
    if (server.httpsRedirect && protocol !== 'HTTP') mesh.report(GatewayRules.HTTPS_REDIRECT_ON_TLS, this, `${protocol}:${server.port}`);
    if (!tls) return;
    if (TERMINATING.has(tls.mode) && !tls.credentialName && !tls.credentialSecret) {
      mesh.report(GatewayRules.TLS_WITHOUT_CREDENTIAL, this, `${tls.mode}:${server.port}`);
    }
    const secretNamespace = tls.credentialSecret?.metadata.namespace ?? this.gateway.namespaceName;
    if (secretNamespace !== this.gateway.namespaceName) {
      mesh.report(GatewayRules.CREDENTIAL_NAMESPACE, this, `${secretNamespace}/${tls.credentialSecret!.name}`, `The gateway runs in ${this.gateway.namespaceName}.`);
    }
    if (tls.credentialName?.includes('/')) {
      mesh.report(GatewayRules.CREDENTIAL_NAMESPACE, this, tls.credentialName, `The gateway runs in ${this.gateway.namespaceName}.`);
    }
  }
}

/** `*`, a DNS name, or `*.` plus a DNS name, optionally prefixed by `<namespace>/`, `./` or `*\/`. */
function isValidGatewayHost(host: string): boolean {
  const slash = host.indexOf('/');
  const namespace = slash >= 0 ? host.slice(0, slash) : undefined;
  const name = slash >= 0 ? host.slice(slash + 1) : host;
  if (namespace !== undefined && namespace !== '*' && namespace !== '.' && !isDnsLabel(namespace)) return false;
  if (name === '*') return true;
  return isDnsSubdomain(name.startsWith('*.') ? name.slice(2) : name);
}
