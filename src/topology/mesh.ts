import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { ClusterProps, ClusterRole, MeshCluster } from './cluster';
import { IstioVersion } from './istio-version';
import { Locality } from './locality';
import { InjectionScheme, MeshNamespace, MeshNamespaceProps, NETWORK_LABEL } from './namespace';
import { MeshNetwork, NetworkProps } from './network';
import { ControlPlane, ControlPlaneOptions } from '../controlplane/control-plane';
import { networksWithoutCrossNetworkGateway } from '../controlplane/east-west';
import { MeshConfigOptions, OutboundTrafficPolicy } from '../controlplane/mesh-config';
import { MeshTopology } from '../controlplane/topology';
import { isDnsLabel } from '../core/names';
import { ExtensionProvider } from '../observability/extension-provider';
import { registerRegistryOnlyCheck } from '../operations/registry-check';
import { attachPlatform } from '../platforms/attach';
import { Platform } from '../platforms/platform';
import { MtlsMode } from '../security/mtls-mode';
import { PeerAuth } from '../security/peer-auth';
import { Diagnostics } from '../validation/diagnostics';
import { MeshValidationError, formatDiagnostic } from '../validation/format';
import { RuleDefinition } from '../validation/rule';
import { TopologyRules } from '../validation/rules/topology';

/**
 * A whole service mesh: its clusters, networks and mesh-wide defaults.
 */
export interface MeshProps {
  /** The mesh ID (`global.meshID`), shared by every cluster. */
  readonly meshId: string;
  /**
   * The trust domain of workload identities (`spiffe://<trustDomain>/ns/<ns>/sa/<sa>`).
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;
  /**
   * The Istio release the mesh runs.
   * @default IstioVersion.V1_30
   */
  readonly istioVersion?: IstioVersion;
  /**
   * The networks of the mesh. Clusters name their network; an undeclared name is an error.
   * @default - one default network for all clusters
   */
  readonly networks?: NetworkProps[];
  /**
   * The clusters of the mesh. More can be added with `addCluster()`.
   * @default - none
   */
  readonly clusters?: ClusterProps[];
  /**
   * The control-plane revision that namespaces and gateways are pinned to.
   * @default 'default' (the default revision tag)
   */
  readonly revision?: string;
  /**
   * How namespaces are labelled for sidecar injection.
   * @default InjectionScheme.REVISION
   */
  readonly injection?: InjectionScheme;
  /**
   * The Istio root namespace, where mesh-wide policy lives.
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;
  /**
   * Treat warnings as errors.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Mesh-wide settings that land in Istio's mesh config.
   * @default - Istio's defaults
   */
  readonly meshConfig?: MeshConfigOptions;
  /**
   * Extension providers (tracing, access logs, metrics, ext_authz), declared once and referenced
   * by construct from Telemetry and CUSTOM authorization.
   * @default - none
   */
  readonly extensionProviders?: ExtensionProvider[];
  /**
   * The platform that runs the mesh (upstream Istio, Alibaba ASM, Tencent TCM, DaoCloud DCE). It decides
   * where Istio config goes, the injection labels and revision names, whether istiod install artifacts
   * are emitted (`platform.managesControlPlane`) and how gateways are provisioned.
   * @default Platform.UPSTREAM
   */
  readonly platform?: Platform;
  /**
   * The mesh-wide mTLS mode: a PeerAuthentication `default` in the root namespace of every config cluster
   * (every primary, or the config cluster of an external control plane). UNSET emits none (Istio's PERMISSIVE).
   * @default MtlsMode.STRICT
   */
  readonly mtls?: MtlsMode;
  // --- control plane (src/controlplane) ---
  /**
   * The control-plane topology. When set, the mesh writes install artifacts (IstioOperator, Helm values,
   * runbook) per cluster, trust objects and the guide's extra manifests, and validates the cluster roles.
   * @default - no control-plane output
   */
  readonly topology?: MeshTopology;
  /**
   * Control-plane settings: root CA, remote secrets, meshNetworks, revisions, upgrade. Used when `topology` is set.
   * @default - defaults of `ControlPlaneOptions`
   */
  readonly controlPlane?: ControlPlaneOptions;
}

const RESERVED_MEMBER = Symbol.for('cdk8s-mesh.Mesh');

/**
 * A multi-cluster Istio service mesh. Each cluster becomes its own chart (`<cluster>.k8s.yaml`);
 * constructs declared once at mesh scope place their objects into every cluster that needs them.
 */
export class Mesh extends Construct {
  /**
   * The mesh that `construct` belongs to: an enclosing `Mesh`, or the mesh of an enclosing cluster.
   * @param construct any construct inside a mesh or one of its clusters
   */
  public static of(construct: IConstruct): Mesh {
    for (const scope of [...construct.node.scopes].reverse()) {
      if ((scope as any)[RESERVED_MEMBER] === true) return scope as Mesh;
      if (MeshCluster.isMeshCluster(scope)) return scope.mesh;
    }
    throw new Error(`cdk8s-mesh: ${construct.node.path} is not inside a Mesh or one of its clusters.`);
  }

  /** The mesh ID. */
  public readonly meshId: string;
  /** The trust domain. */
  public readonly trustDomain: string;
  /** The Istio release. */
  public readonly istioVersion: IstioVersion;
  /** The platform profile (see `MeshProps.platform`). */
  public readonly platform: Platform;
  /** The revision namespaces and gateways are pinned to. */
  public readonly revision: string;
  /** The injection label scheme. */
  public readonly injection: InjectionScheme;
  /** The Istio root namespace. */
  public readonly rootNamespace: string;
  /** Whether warnings fail synthesis. */
  public readonly strict: boolean;
  /** Everything reported while building and validating the mesh. */
  public readonly diagnostics = new Diagnostics();
  /** Mesh-wide settings as declared. */
  public readonly meshConfig: MeshConfigOptions;
  /** What sidecars do with traffic to hosts outside the registry. */
  public readonly outboundTrafficPolicy: OutboundTrafficPolicy;
  /** The mesh-wide mTLS mode (security). */
  public readonly mtls: MtlsMode;
  /** The synthesized mesh-wide PeerAuth, unless `mtls` is UNSET (security). */
  public readonly defaultPeerAuth?: PeerAuth;
  /** The control plane, when `topology` is set. */
  public readonly controlPlane?: ControlPlane;

  private readonly networkList: MeshNetwork[] = [];
  private readonly clusterList: MeshCluster[] = [];
  private readonly namespaceList: MeshNamespace[] = [];
  private readonly renderers: Array<() => void> = [];
  private readonly validators: Array<() => void> = [];
  private readonly providerList: ExtensionProvider[] = [];
  private readonly artifactList: Array<{ path: string; produce: () => string }> = [];
  private prepared = false;

  constructor(scope: Construct, id: string, props: MeshProps) {
    super(scope, id);
    Object.defineProperty(this, RESERVED_MEMBER, { value: true });
    this.meshId = props.meshId;
    this.trustDomain = props.trustDomain ?? 'cluster.local';
    this.istioVersion = props.istioVersion ?? IstioVersion.V1_30;
    // Platform profile (src/platforms/): defaults for revision and injection, platform-wide checks.
    this.platform = props.platform ?? Platform.UPSTREAM;
    this.revision = props.revision ?? this.platform.defaultRevision(this.istioVersion);
    this.injection = props.injection ?? this.platform.defaultInjection;
    this.rootNamespace = props.rootNamespace ?? 'istio-system';
    this.strict = props.strict ?? false;
    this.meshConfig = props.meshConfig ?? {};
    this.outboundTrafficPolicy = this.meshConfig.outboundTrafficPolicy ?? OutboundTrafficPolicy.ALLOW_ANY;
    for (const provider of props.extensionProviders ?? []) this.addExtensionProvider(provider);

    this.checkName(this.meshId, this);
    if (!this.istioVersion.isSupported) {
      this.diagnostics.report(TopologyRules.UNSUPPORTED_ISTIO_VERSION, this, this.istioVersion.toString());
    }
    if (!this.platform.hasOwnRevisionNames && (!isDnsLabel(this.revision) || this.revision.includes('.'))) {
      this.diagnostics.report(TopologyRules.INVALID_REVISION, this, this.revision);
    }
    for (const network of props.networks ?? []) {
      this.checkName(network.name, `${this.node.path}/networks/${network.name}`);
      this.networkList.push(new MeshNetwork(network));
    }
    for (const cluster of props.clusters ?? []) this.addCluster(cluster);

    this._onSynth(() => this.renderRootNamespaces(), () => this.validateNetworkPaths());
    attachPlatform(this, props.topology !== undefined);
    registerRegistryOnlyCheck(this);

    // Security: secure by default, a mesh-wide STRICT PeerAuthentication unless the user chooses otherwise.
    this.mtls = props.mtls ?? MtlsMode.STRICT;
    if (this.mtls !== MtlsMode.UNSET) this.defaultPeerAuth = PeerAuth.meshWide(this, 'default-mtls', this.mtls);
    // Managed platforms (ASM, TCM, DCE) run istiod themselves: no install artifacts (MESH-PLAT-020).
    if (props.topology !== undefined && !this.platform.managesControlPlane) {
      this.controlPlane = new ControlPlane(this, 'ControlPlane', { ...props.controlPlane, topology: props.topology });
    }

    this.node.addValidation({ validate: () => { this.prepare(); return []; } });
  }

  /** The declared extension providers. */
  public get extensionProviders(): ExtensionProvider[] {
    return [...this.providerList];
  }

  /**
   * Declares an extension provider.
   * @param provider the provider
   */
  public addExtensionProvider(provider: ExtensionProvider): ExtensionProvider {
    if (this.providerList.some(p => p.name === provider.name)) {
      this.diagnostics.report(TopologyRules.DUPLICATE_EXTENSION_PROVIDER, `${this.node.path}/extensionProviders/${provider.name}`, provider.name);
    } else {
      this.providerList.push(provider);
    }
    return provider;
  }

  /**
   * Whether `provider` is declared on this mesh.
   * @param provider the provider
   */
  public hasExtensionProvider(provider: ExtensionProvider): boolean {
    return this.providerList.includes(provider);
  }

  /** The declared networks. */
  public get networks(): MeshNetwork[] {
    return [...this.networkList];
  }

  /** All clusters, in declaration order. */
  public get clusters(): MeshCluster[] {
    return [...this.clusterList];
  }

  /** The namespaces enrolled in the mesh. */
  public get namespaces(): MeshNamespace[] {
    return [...this.namespaceList];
  }

  /** True if the mesh spans more than one network. */
  public get isMultiNetwork(): boolean {
    return new Set(this.workloadClusters.map(c => c.networkName ?? '')).size > 1;
  }

  /** The clusters that run a control plane (primaries). */
  public get controlPlaneClusters(): MeshCluster[] {
    return this.clusterList.filter(c => c.runsControlPlane);
  }

  /** The clusters that run application workloads (primaries and remotes). */
  public get workloadClusters(): MeshCluster[] {
    return this.clusterList.filter(c => c.runsWorkloads);
  }

  /**
   * The clusters that receive the mesh's Istio configuration (routes, policies):
   * the config clusters of an external control plane if there are any, otherwise every primary.
   */
  public get configClusters(): MeshCluster[] {
    const config = this.clusterList.filter(c => c.role === ClusterRole.CONFIG);
    return config.length ? config : this.controlPlaneClusters;
  }

  /**
   * Adds a cluster to the mesh.
   * @param props the cluster
   */
  public addCluster(props: ClusterProps): MeshCluster {
    const where = `${this.node.path}/clusters/${props.name}`;
    const existing = this.clusterList.find(c => c.clusterName === props.name);
    if (existing) {
      this.diagnostics.report(TopologyRules.DUPLICATE_CLUSTER, where, props.name);
      return existing;
    }
    this.checkName(props.name, where);
    let network: MeshNetwork | undefined;
    if (props.network !== undefined) {
      network = this.networkList.find(n => n.name === props.network);
      if (!network) this.diagnostics.report(TopologyRules.UNDECLARED_NETWORK, where, props.network);
    } else if (this.networkList.length === 1) {
      network = this.networkList[0];
    }
    for (const text of this.malformedLocalities(props)) {
      this.diagnostics.report(TopologyRules.MALFORMED_LOCALITY, where, text);
    }
    const cluster = new MeshCluster(this.node.scope ?? this, this, props, network);
    network?._addCluster(cluster);
    this.clusterList.push(cluster);
    return cluster;
  }

  /**
   * The cluster with this name.
   * @param name the cluster name
   */
  public cluster(name: string): MeshCluster {
    const cluster = this.clusterList.find(c => c.clusterName === name);
    if (!cluster) throw new Error(`cdk8s-mesh: the mesh "${this.meshId}" has no cluster "${name}".`);
    return cluster;
  }

  /**
   * Enrolls a namespace in the mesh, in every workload cluster or in the named ones.
   * @param name the namespace name
   * @param options placement, injection and metadata
   */
  public addNamespace(name: string, options: MeshNamespaceProps = {}): MeshNamespace {
    return new MeshNamespace(this, `namespace-${name}`, { ...options, name });
  }

  /**
   * Resolves cluster names to clusters, reporting unknown names (MESH-TOPO-010) against `member`.
   * @param member the construct that asked
   * @param fallback the clusters used when `names` is undefined
   * @param names cluster names; undefined means `fallback`
   */
  public resolveClusters(member: IConstruct, fallback: MeshCluster[], names?: string[]): MeshCluster[] {
    if (names === undefined) return fallback;
    const out: MeshCluster[] = [];
    for (const name of names) {
      const cluster = this.clusterList.find(c => c.clusterName === name);
      if (cluster) out.push(cluster);
      else this.diagnostics.report(TopologyRules.UNKNOWN_CLUSTER, member, name);
    }
    return out;
  }

  /**
   * Records a broken rule against a construct.
   * @param rule the rule
   * @param where the offending construct or its path
   * @param value the offending value
   * @param detail extra context
   */
  public report(rule: RuleDefinition, where: IConstruct | string, value: unknown, detail?: string): void {
    this.diagnostics.report(rule, where, value, detail);
  }

  /**
   * Adds a file written next to the manifests by `MeshApp.synth()` (plans, runbooks, install values).
   * @param path path relative to the app's output directory
   * @param content the file content
   */
  public addArtifact(path: string, content: string): void {
    this._addArtifact(path, () => content);
  }

  /** @internal */
  public _addArtifact(path: string, produce: () => string): void {
    this.artifactList.push({ path, produce });
  }

  /** @internal */
  public _artifacts(): Array<{ path: string; content: string }> {
    this.prepare();
    return this.artifactList
      .map(a => ({ path: a.path, content: a.produce() }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  /**
   * Registers work for synthesis: `render` places objects into clusters once the whole mesh is declared,
   * `validate` checks cross-object rules after every member has rendered.
   * @internal
   */
  public _onSynth(render: (() => void) | undefined, validate?: () => void): void {
    if (this.prepared) throw new Error('cdk8s-mesh: the mesh was already synthesized; declare constructs before synth().');
    if (render) this.renderers.push(render);
    if (validate) this.validators.push(validate);
  }

  /** @internal */
  public _registerNamespace(ns: MeshNamespace): void {
    this.namespaceList.push(ns);
  }

  /**
   * Renders every member into its clusters and validates the whole mesh, once.
   * Throws an error listing every problem if any rule fails; then nothing is written.
   */
  public prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    this.validateTopology();
    for (const render of this.renderers) render();
    for (const validate of this.validators) validate();
    const failing = this.strict ? this.diagnostics.all : this.diagnostics.errors;
    if (failing.length) throw new MeshValidationError(this.node.path, failing, this.diagnostics.warnings);
    for (const warning of this.diagnostics.warnings) {
      process.stderr.write(`cdk8s-mesh warning: ${formatDiagnostic(warning)}\n`);
    }
  }

  private renderRootNamespaces(): void {
    for (const cluster of this.clusterList) {
      const labels = this.isMultiNetwork && cluster.networkName ? { [NETWORK_LABEL]: cluster.networkName } : undefined;
      new k8s.KubeNamespace(cluster.scopeFor(this), 'RootNamespace', {
        metadata: { name: this.rootNamespace, labels, annotations: this.controlPlane?._rootNamespaceAnnotations(cluster) },
      });
    }
  }

  /**
   * Without a control-plane topology nothing else checks that the networks are joined (with one, MESH-CP-004
   * does; a managed platform joins them with its own gateways, checked by its rules).
   */
  private validateNetworkPaths(): void {
    if (this.controlPlane || this.platform.managesControlPlane) return;
    for (const network of networksWithoutCrossNetworkGateway(this)) {
      this.diagnostics.report(TopologyRules.NETWORKS_NOT_CONNECTED, `${this.node.path}/networks/${network || '(default network)'}`, network || '(default network)');
    }
  }

  private validateTopology(): void {
    if (this.clusterList.length && !this.clusterList.some(c => c.role !== ClusterRole.REMOTE)) {
      this.diagnostics.report(TopologyRules.NO_CONTROL_PLANE, this, this.clusterList.map(c => `${c.clusterName}:${c.role}`));
    }
  }

  /** Locality strings of a cluster that are malformed: a region with "/", a zone with more than zone/subzone, or zones without a region. */
  private malformedLocalities(props: ClusterProps): string[] {
    const region = props.region ?? '?';
    const zones = props.zones ?? [];
    const texts = zones.length ? zones.map(z => `${region}/${z}`) : props.region === undefined ? [] : [region];
    const regionOk = props.region === undefined ? zones.length === 0 : !region.includes('/');
    return texts.filter(t => !regionOk || t.split('/').length > 3 || !Locality.tryParse(t));
  }

  private checkName(name: string, where: IConstruct | string): void {
    if (!isDnsLabel(name)) this.diagnostics.report(TopologyRules.INVALID_NAME, where, name);
  }
}
