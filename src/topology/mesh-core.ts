import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { ClusterProps, ClusterRole, MeshCluster } from './cluster';
import { IMeshFeature, MeshArtifact, MeshFeature } from './feature';
import { IstioVersion } from './istio-version';
import { Locality } from './locality';
import { DataplaneMode, InjectionScheme, MeshNamespace, MeshNamespaceProps, NETWORK_LABEL } from './namespace';
import { MeshNetwork, NetworkProps } from './network';
import { ClusterObjectIndex } from './object-index';
import { OwnershipRegistry } from './ownership';
import { ArtifactContent, serializeArtifact, textArtifact } from '../core/artifact';
import { isDnsLabel } from '../core/names';
import { withPlainToJson } from '../core/plain-json';
import { renderedApiObjects, renderedJson } from '../core/rendered';
import { Diagnostic, Diagnostics } from '../validation/diagnostics';
import { MeshValidationError, internalErrorDetail, printWarnings } from '../validation/format';
import { checkInit } from '../validation/input/check';
import { RuleDefinition, Severity } from '../validation/rule';
import { CoreRules } from '../validation/rules/core';
import { TopologyRules } from '../validation/rules/topology';

/**
 * What the mesh core knows: identity, clusters, networks, namespaces and how strict validation is.
 */
export interface MeshCoreProps {
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
   * The mesh-wide data plane: sidecars, or ambient mode (ztunnel and waypoints). Namespaces can override it.
   * With ambient anywhere in the mesh the install artifacts use Istio's `ambient` profile (istiod, istio-cni, ztunnel).
   * @default DataplaneMode.SIDECAR
   */
  readonly dataplaneMode?: DataplaneMode;
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
}

/** Adapts the internal `_onSynth` callbacks to the feature lifecycle; `owner` is the construct that registered them. */
class Hooks extends MeshFeature {
  public readonly featureName = 'hooks';
  constructor(public readonly owner: IConstruct, private readonly renderHook?: () => void, private readonly validateHook?: () => void) {
    super();
  }
  public render(): void {
    this.renderHook?.();
  }
  public validate(): void {
    this.validateHook?.();
  }
}

/** Marks a mesh for the input checks (`validation/input/check.ts`), which cannot import this module. */
const MESH_MARKER = Symbol.for('cdk8s-mesh.Mesh');
/** The meshes created in an app, kept on its root construct (so synthesis finds them without walking the tree). */
const APP_MESHES = Symbol('cdk8s-mesh.meshes');
interface WithMeshes {
  [APP_MESHES]?: MeshCore[];
}

/**
 * The mesh core: identity, clusters, networks, localities, namespaces, diagnostics, the object index, the
 * ownership registry and the synthesis lifecycle. It knows no feature: features (security, traffic,
 * control plane, platforms, …) register with `addFeature()` and run in three phases, render, validate,
 * artifacts (see `IMeshFeature`). `Mesh` is the batteries-included mesh built on this core.
 */
export class MeshCore extends Construct {
  /**
   * The mesh core that `construct` belongs to: an enclosing mesh, or the mesh of an enclosing cluster.
   * @param construct any construct inside a mesh or one of its clusters
   */
  public static coreOf(construct: IConstruct): MeshCore {
    for (let scope: IConstruct | undefined = construct; scope; scope = scope.node.scope) {
      if (scope instanceof MeshCore) return scope;
      if (MeshCluster.isMeshCluster(scope)) return scope.mesh;
    }
    throw new Error(`cdk8s-mesh: ${construct.node.path} is not inside a Mesh or one of its clusters.`);
  }

  /**
   * The meshes of the app `root`, in construct order.
   * @internal
   */
  public static _meshesOf(root: IConstruct): MeshCore[] {
    const created = (root as WithMeshes)[APP_MESHES] ?? [];
    // one mesh (the usual app) needs no walk; several are put in construct order, as a walk finds them
    if (created.length <= 1) return created.filter(m => m.node.root === root);
    return root.node.findAll().filter((c): c is MeshCore => c instanceof MeshCore);
  }

  /** The mesh ID. */
  public readonly meshId: string;
  /** The trust domain. */
  public readonly trustDomain: string;
  /** The Istio release. */
  public readonly istioVersion: IstioVersion;
  /** The revision namespaces and gateways are pinned to. */
  public readonly revision: string;
  /** The injection label scheme. */
  public readonly injection: InjectionScheme;
  /** The mesh-wide data plane (namespaces can override it). */
  public readonly dataplaneMode: DataplaneMode;
  /** The Istio root namespace. */
  public readonly rootNamespace: string;
  /** Whether warnings fail synthesis. */
  public readonly strict: boolean;
  /** Everything reported while building and validating the mesh. */
  public readonly diagnostics = new Diagnostics();
  /** The mesh's one registry for "one owner per key". */
  public readonly ownership = new OwnershipRegistry();

  private readonly networkList: MeshNetwork[] = [];
  private readonly clusterList: MeshCluster[] = [];
  private readonly namespaceList: MeshNamespace[] = [];
  private readonly featureList: IMeshFeature[] = [];
  /** The first feature registered of each class, by every class in its prototype chain. */
  private readonly firstFeatureByClass = new Map<unknown, IMeshFeature>();
  private readonly artifactList: Array<{ path: string; produce: () => ArtifactContent }> = [];
  private readonly indexes = new Map<MeshCluster, ClusterObjectIndex>();
  private rendered = false;
  private validated = false;

  constructor(scope: Construct, id: string, props: MeshCoreProps) {
    checkInit('cdk8s-mesh.MeshCore', new.target, [scope, id, props]);
    super(scope, id);
    Object.defineProperty(this, MESH_MARKER, { value: true });
    const root = this.node.root as WithMeshes;
    if (!root[APP_MESHES]) Object.defineProperty(root, APP_MESHES, { value: [], enumerable: false });
    root[APP_MESHES]!.push(this);
    this.meshId = props.meshId;
    this.trustDomain = props.trustDomain ?? 'cluster.local';
    this.istioVersion = props.istioVersion ?? IstioVersion.V1_30;
    this.revision = props.revision ?? 'default';
    this.injection = props.injection ?? InjectionScheme.REVISION;
    this.dataplaneMode = props.dataplaneMode ?? DataplaneMode.SIDECAR;
    this.rootNamespace = props.rootNamespace ?? 'istio-system';
    this.strict = props.strict ?? false;

    this.checkName(this.meshId, this);
    if (!this.istioVersion.isSupported) {
      this.diagnostics.report(TopologyRules.UNSUPPORTED_ISTIO_VERSION, this, this.istioVersion.toString());
    }
    for (const network of props.networks ?? []) {
      this.checkName(network.name, `${this.node.path}/networks/${network.name}`);
      this.networkList.push(new MeshNetwork(network));
    }
    for (const cluster of props.clusters ?? []) this.addCluster(cluster);
    this._onSynth(this, () => this.renderRootNamespaces());
    this.node.addValidation({ validate: () => { this.prepare(); return []; } });
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

  /** True if the mesh-wide data plane or any namespace's is ambient: the control plane then installs the ambient profile. */
  public get usesAmbient(): boolean {
    return this.dataplaneMode === DataplaneMode.AMBIENT || this.namespaceList.some(ns => ns.ambient);
  }

  /**
   * The data plane of a namespace: its declaration's, else the mesh-wide one.
   * @param name the namespace name
   */
  public dataplaneOf(name: string): DataplaneMode {
    return this.namespaceList.find(ns => ns.name === name)?.dataplaneMode ?? this.dataplaneMode;
  }

  /** The registered features, in registration order. */
  public get features(): IMeshFeature[] {
    return [...this.featureList];
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
    const chartScope = this.node.scope ?? this;
    if (chartScope.node.tryFindChild(props.name)) {
      throw new MeshValidationError(this.node.path, [{ rule: TopologyRules.CLUSTER_NAME_TAKEN, path: where, value: JSON.stringify(props.name) }], []);
    }
    const cluster = new MeshCluster(chartScope, this, props, network);
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
   * Registers a feature: it renders, validates and contributes artifacts and namespace metadata with the
   * rest of the mesh, in registration order. Register features before synthesis.
   * @param feature the feature
   */
  public addFeature(feature: IMeshFeature): void {
    if (this.rendered) throw new Error('cdk8s-mesh: the mesh was already rendered; declare constructs before synth() and before reading apiObjects().');
    this.featureList.push(feature);
    for (let proto: unknown = Object.getPrototypeOf(feature); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const type: unknown = (proto as { constructor: unknown }).constructor;
      if (!this.firstFeatureByClass.has(type)) this.firstFeatureByClass.set(type, feature);
    }
  }

  /**
   * Adds a file written next to the manifests by `MeshApp.synth()` (plans, runbooks, install values).
   * @param path path relative to the app's output directory
   * @param content the file content
   */
  public addArtifact(path: string, content: string): void {
    this._addArtifact(path, () => textArtifact(content));
  }

  /**
   * The first registered feature that is an instance of `type` (constant time).
   * @internal
   */
  public _firstFeatureOf(type: unknown): IMeshFeature | undefined {
    return this.firstFeatureByClass.get(type);
  }

  /**
   * Adds a file produced after validation from typed content (YAML documents, a JSON value or text),
   * serialized with the manifests' emitter.
   * @internal
   */
  public _addArtifact(path: string, produce: () => ArtifactContent): void {
    this.artifactList.push({ path, produce });
  }

  /** @internal */
  public _artifacts(): MeshArtifact[] {
    this.prepare();
    const produced: MeshArtifact[] = [];
    for (const a of this.artifactList) {
      const content = this._guard(this, () => serializeArtifact(a.produce()), `(producing artifact ${a.path})`);
      if (content !== undefined) produced.push({ path: a.path, content });
    }
    for (const f of this.featureList) produced.push(...this.guardFeature(f, () => f.artifacts(this)) ?? []);
    return produced.sort((a, b) => a.path.localeCompare(b.path));
  }

  /**
   * Registers work for synthesis as an anonymous feature.
   * @internal
   */
  public _onSynth(owner: IConstruct, render: (() => void) | undefined, validate?: () => void): void {
    this.addFeature(new Hooks(owner, render, validate));
  }

  /** @internal */
  public _registerNamespace(ns: MeshNamespace): void {
    this.namespaceList.push(ns);
  }

  /**
   * The index of every object in a cluster's chart after rendering: by kind, namespace and name, host and
   * selector, including objects added to the chart by hand. Available once the mesh has rendered
   * (in `IMeshFeature.validate`, or after `render()`).
   * @param cluster a cluster of this mesh
   */
  public objectIndex(cluster: MeshCluster): ClusterObjectIndex {
    if (!this.rendered) throw new Error('cdk8s-mesh: the object index exists only after the mesh has rendered (call render() or read it in validate()).');
    let index = this.indexes.get(cluster);
    if (!index) this.indexes.set(cluster, index = ClusterObjectIndex._build(cluster));
    return index;
  }

  /**
   * The objects `member` and the constructs inside it rendered into `cluster`, in construct order (escape hatch:
   * patch fields the library does not model with `addJsonPatch()`). Renders the mesh first if it has not
   * rendered yet, so declare every construct before calling it.
   * @param member a construct of this mesh
   * @param cluster the cluster
   */
  public apiObjectsOf(member: IConstruct, cluster: MeshCluster): ApiObject[] {
    this.render();
    return member.node.findAll().flatMap(c => cluster.objectsOf(c));
  }

  /**
   * Renders every feature into its clusters, once. Later calls do nothing. `prepare()` and `MeshApp.synth()`
   * call it; call it yourself only to read or patch rendered objects before synthesis.
   */
  public render(): void {
    if (this.rendered) return;
    for (let i = 0; i < this.featureList.length; i++) {
      const feature = this.featureList[i];
      this.guardFeature(feature, () => feature.render(this));
    }
    this.rendered = true;
  }

  /** Runs one phase of a feature, reporting an exception against the construct that registered it, or the mesh. */
  private guardFeature<T>(feature: IMeshFeature, work: () => T): T | undefined {
    if (feature instanceof Hooks) return this._guard(feature.owner, work);
    if (Construct.isConstruct(feature)) return this._guard(feature, work);
    return this._guard(this, work, `(in the mesh feature "${feature.featureName}")`);
  }

  /**
   * Renders and validates the whole mesh, once.
   * Throws an error listing every problem if any rule fails; then nothing is written.
   */
  public prepare(): void {
    if (this.validated) return;
    const { failing, warnings } = this._check();
    if (failing.length) throw new MeshValidationError(this.node.path, failing, warnings);
    printWarnings(warnings);
  }

  /**
   * Computes the manifest of every object in every cluster's chart once (validation, artifacts, the report and
   * emission share them), in one pass before validation. An object whose `toJson()` throws is left for the
   * validator that reads it, which reports the error as it would have.
   * @internal
   */
  public _serializeManifests(): void {
    this.render();
    withPlainToJson(() => {
      for (const cluster of this.clusterList) {
        for (const obj of renderedApiObjects(cluster)) {
          try {
            renderedJson(obj);
          } catch {
            // reported where it is read
          }
        }
      }
    });
  }

  /**
   * Renders and validates the whole mesh once, without throwing: an exception in one feature or member is
   * reported against it (MESH-CORE-001) and the others still run. `MeshApp.synth()` merges the
   * result of every mesh into one error.
   * @internal
   */
  public _check(): { failing: Diagnostic[]; warnings: Diagnostic[] } {
    this.render();
    if (!this.validated) {
      this._serializeManifests();
      this.validated = true;
      this.validateTopology();
      // validators read manifests (renderedJson): plain objects skip cdk8s's resolution pass, same result
      withPlainToJson(() => {
        for (const feature of this.featureList) this.guardFeature(feature, () => feature.validate(this));
      });
    }
    // Info findings (Istio's Info level) are recorded only: they never fail synthesis, not even in strict mode.
    const failing = this.strict ? this.diagnostics.all.filter(d => d.rule.severity !== Severity.INFO) : this.diagnostics.errors;
    return { failing, warnings: this.diagnostics.warnings };
  }

  /**
   * Runs `work`, reporting any exception it throws as an internal error of `owner` (MESH-CORE-001);
   * the diagnostics of a `MeshValidationError` are kept as they are.
   * @internal
   */
  public _guard<T>(owner: IConstruct | string, work: () => T, context?: string): T | undefined {
    try {
      return work();
    } catch (e) {
      if (e instanceof MeshValidationError) {
        for (const d of e.diagnostics) this.diagnostics.add(d);
      } else {
        const detail = [context, internalErrorDetail(e)].filter(Boolean).join(' ');
        this.diagnostics.report(CoreRules.INTERNAL_ERROR, owner, e instanceof Error ? e.message : String(e), detail || undefined);
      }
      return undefined;
    }
  }

  private renderRootNamespaces(): void {
    // a feature that keeps MeshFeature's default adds no annotation: only the others are asked, in registration order
    const annotating = this.featureList.filter(f => f.namespaceAnnotations !== MeshFeature.prototype.namespaceAnnotations);
    for (const cluster of this.clusterList) {
      const labels = this.isMultiNetwork && cluster.networkName ? { [NETWORK_LABEL]: cluster.networkName } : undefined;
      const annotations: { [key: string]: string } = {};
      for (const feature of annotating) Object.assign(annotations, feature.namespaceAnnotations(cluster, this.rootNamespace));
      new k8s.KubeNamespace(cluster.scopeFor(this), 'RootNamespace', {
        metadata: { name: this.rootNamespace, labels, annotations: Object.keys(annotations).length ? annotations : undefined },
      });
    }
  }

  private validateTopology(): void {
    if (!this.clusterList.length) this.diagnostics.report(CoreRules.NO_CLUSTERS, this, this.meshId);
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
