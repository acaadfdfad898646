import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import type { MeshCluster } from './cluster';
import { MeshMember } from './member';
import { MeshCore } from './mesh-core';
import { definedEntries, isDnsLabel, sortedRecord } from '../core/names';
import { checkInit, trusted } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { TopologyRules } from '../validation/rules/topology';

/** Label that pins a namespace or workload to a control-plane revision. */
export const REVISION_LABEL = 'istio.io/rev';
/** The legacy injection label. */
export const INJECTION_LABEL = 'istio-injection';
/** Label carrying a cluster's network on istio-system and on gateways. */
export const NETWORK_LABEL = 'topology.istio.io/network';

/** Label that enrolls a namespace, service or pod in ambient mode. */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** Label that sends a namespace's or service's traffic through a waypoint (its value is the waypoint's name). */
export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
/** Label naming the waypoint's namespace, when it is not the labelled object's. */
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';

/** Namespaces that must never be enrolled for injection. */
export const RESERVED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'istio-system'];

/**
 * How namespaces are labelled for sidecar injection.
 */
export enum InjectionScheme {
  /** `istio.io/rev=<revision>`: works with revisions and canary upgrades. */
  REVISION = 'revision',
  /** `istio-injection=enabled`: the legacy label, always served by the default revision. */
  LEGACY = 'legacy',
}

/**
 * The data plane that serves a namespace's workloads.
 */
export enum DataplaneMode {
  /** An Envoy sidecar in every pod (`istio.io/rev` or `istio-injection` labels). */
  SIDECAR = 'sidecar',
  /** Ambient mode: ztunnel on every node for L4, optional waypoints for L7 (`istio.io/dataplane-mode=ambient`). */
  AMBIENT = 'ambient',
}

/**
 * Options for a namespace enrolled in the mesh.
 */
export interface MeshNamespaceProps {
  /**
   * Clusters the namespace is created in.
   * @default - every cluster that runs workloads
   */
  readonly clusters?: string[];
  /**
   * The data plane of the namespace: sidecars, or ambient (ztunnel and waypoints). An ambient namespace is
   * labelled `istio.io/dataplane-mode=ambient` and carries no injection label.
   * @default - the mesh's `dataplaneMode`
   */
  readonly dataplaneMode?: DataplaneMode;
  /**
   * Whether pods in the namespace get sidecars (sidecar data plane only).
   * @default - true for the sidecar data plane, false for ambient
   */
  readonly injectionEnabled?: boolean;
  /**
   * The label scheme for this namespace. Must match the mesh's scheme (MESH-TOPO-006).
   * @default - the mesh's `injection`
   */
  readonly injection?: InjectionScheme;
  /**
   * The revision this namespace is pinned to (revision scheme only).
   * @default - the mesh's `revision`
   */
  readonly revision?: string;
  /**
   * Extra labels. Injection labels belong in `injection*` props, not here.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Extra annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Construct props of a `MeshNamespace`.
 */
export interface MeshNamespaceConstructProps extends MeshNamespaceProps {
  /** The namespace name. */
  readonly name: string;
}

/**
 * A namespace that is a member of the mesh: created in its clusters and labelled for injection.
 */
export class MeshNamespace extends MeshMember {
  /**
   * A namespace that already exists in its clusters (created by another tool, labelled for injection there): services,
   * policies and routes use it as a declared namespace, and no Namespace object is emitted for it. Its injection
   * props describe the labels it already carries.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param props the name, and the clusters and injection labels it has
   */
  public static fromExisting(scope: Construct, id: string, props: MeshNamespaceConstructProps): MeshNamespace {
    const ns = trusted(() => new MeshNamespace(scope, id, props));
    ns.existing = true;
    return ns;
  }

  /** The namespace name. */
  public readonly name: string;
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The data plane of the namespace. */
  public readonly dataplaneMode: DataplaneMode;
  /** Whether pods in the namespace get sidecars. */
  public readonly injectionEnabled: boolean;
  /** The injection label scheme. */
  public readonly injection: InjectionScheme;
  /** The revision (revision scheme). */
  public readonly revision: string;
  private readonly props: MeshNamespaceConstructProps;
  private resolved?: MeshCluster[];
  private existing = false;
  private waypoint?: { name: string; namespace: string; owner: IConstruct };

  constructor(scope: Construct, id: string, props: MeshNamespaceConstructProps) {
    checkInit('cdk8s-mesh.MeshNamespace', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = props.name;
    this.dataplaneMode = props.dataplaneMode ?? this.mesh.dataplaneMode;
    const ambient = this.dataplaneMode === DataplaneMode.AMBIENT;
    this.injectionEnabled = props.injectionEnabled ?? !ambient;
    this.injection = props.injection ?? this.mesh.injection;
    this.revision = props.revision ?? this.mesh.revision;

    if (!isDnsLabel(this.name)) this.mesh.report(TopologyRules.INVALID_NAME, this, this.name);
    if (this.injectionEnabled && RESERVED_NAMESPACES.includes(this.name)) {
      this.mesh.report(TopologyRules.RESERVED_NAMESPACE, this, this.name);
    }
    if (this.injection !== this.mesh.injection) {
      this.mesh.report(TopologyRules.MIXED_REVISION_SCHEME, this, this.injection, `The mesh uses "${this.mesh.injection}".`);
    }
    const labels = { ...props.labels, ...this.injectionLabels() };
    if (INJECTION_LABEL in labels && REVISION_LABEL in labels) {
      this.mesh.report(TopologyRules.BOTH_INJECTION_LABELS, this, sortedRecord(labels));
    }
    this.checkDataplane(props, labels);
    this.mesh._registerNamespace(this);
    this.mesh._onSynth(this, () => this.render());
  }

  /** The clusters this namespace is created in. */
  public get clusters(): MeshCluster[] {
    this.resolved ??= this.mesh.resolveClusters(this, this.mesh.workloadClusters, this.props.clusters);
    return [...this.resolved];
  }

  /** True for a namespace that already exists (`MeshNamespace.fromExisting`): no Namespace object is emitted for it. */
  public get isExisting(): boolean {
    return this.existing;
  }

  /** Whether the namespace is in ambient mode. */
  public get ambient(): boolean {
    return this.dataplaneMode === DataplaneMode.AMBIENT;
  }

  /** The injection labels this namespace carries (none for an ambient namespace). */
  public injectionLabels(): { [key: string]: string } {
    if (this.ambient) return {};
    if (!this.injectionEnabled) {
      return RESERVED_NAMESPACES.includes(this.name) ? {} : { [INJECTION_LABEL]: 'disabled' };
    }
    return this.injection === InjectionScheme.REVISION
      ? { [REVISION_LABEL]: this.revision }
      : { [INJECTION_LABEL]: 'enabled' };
  }

  /** The data-plane labels: `istio.io/dataplane-mode=ambient` and the waypoint the namespace uses, if any. */
  public dataplaneLabels(): { [key: string]: string } {
    if (!this.ambient) return {};
    const labels: { [key: string]: string } = { [DATAPLANE_MODE_LABEL]: DataplaneMode.AMBIENT };
    if (this.waypoint) {
      labels[USE_WAYPOINT_LABEL] = this.waypoint.name;
      if (this.waypoint.namespace !== this.name) labels[USE_WAYPOINT_NAMESPACE_LABEL] = this.waypoint.namespace;
    }
    return labels;
  }

  /** The waypoint this namespace uses (`istio.io/use-waypoint`), if any. */
  public get waypointName(): string | undefined {
    return this.waypoint?.name;
  }

  /**
   * Sends the namespace's traffic through a waypoint (called by `Waypoint.attachNamespace`).
   * @internal
   */
  public _useWaypoint(name: string, namespace: string, owner: IConstruct): void {
    if (this.waypoint && (this.waypoint.name !== name || this.waypoint.namespace !== namespace)) {
      this.mesh.report(AmbientRules.CONFLICTING_WAYPOINTS, owner, `${namespace}/${name}`,
        `Namespace "${this.name}" already uses ${this.waypoint.namespace}/${this.waypoint.name} (${this.waypoint.owner.node.path}).`);
      return;
    }
    if (!this.ambient) this.mesh.report(AmbientRules.WAYPOINT_OUTSIDE_AMBIENT, owner, this.name, `Namespace "${this.name}" uses ${this.dataplaneMode}.`);
    if (this.existing) {
      const labels = [`${USE_WAYPOINT_LABEL}=${name}`, ...namespace === this.name ? [] : [`${USE_WAYPOINT_NAMESPACE_LABEL}=${namespace}`]];
      this.mesh.report(AmbientRules.WAYPOINT_ON_EXISTING_NAMESPACE, owner, this.name, `Label it: \`kubectl label namespace ${this.name} ${labels.join(' ')}\`.`);
    }
    this.waypoint = { name, namespace, owner };
  }

  /** Both data planes asked for: ambient with injection props or labels, or sidecars with the ambient label. */
  private checkDataplane(props: MeshNamespaceProps, labels: { [key: string]: string }): void {
    const own = props.labels ?? {};
    if (this.ambient) {
      const asked = definedEntries({
        injectionEnabled: props.injectionEnabled === true ? true : undefined,
        injection: props.injection,
        revision: props.revision,
        [INJECTION_LABEL]: own[INJECTION_LABEL] !== undefined && own[INJECTION_LABEL] !== 'disabled' ? own[INJECTION_LABEL] : undefined,
        [REVISION_LABEL]: own[REVISION_LABEL],
      });
      if (Object.keys(asked).length) this.mesh.report(AmbientRules.SIDECAR_AND_AMBIENT, this, asked, 'The namespace is ambient.');
    } else if (labels[DATAPLANE_MODE_LABEL] === DataplaneMode.AMBIENT && (labels[REVISION_LABEL] !== undefined || labels[INJECTION_LABEL] === 'enabled')) {
      this.mesh.report(AmbientRules.SIDECAR_AND_AMBIENT, this, sortedRecord(labels), 'The namespace uses sidecars.');
    }
  }

  /**
   * Clusters that hold the namespace's Istio config but run no workloads (the config clusters of an
   * external control plane): they get the Namespace too, without injection labels, so that config applies.
   */
  private get configOnlyClusters(): MeshCluster[] {
    return this.mesh.configClusters.filter(c => !c.runsWorkloads && !this.clusters.includes(c));
  }

  private render(): void {
    const earlier = this.mesh.namespaces.slice(0, this.mesh.namespaces.indexOf(this));
    const configOnly = this.configOnlyClusters;
    for (const cluster of [...this.clusters, ...configOnly]) {
      if (earlier.some(other => other.name === this.name && [...other.clusters, ...other.configOnlyClusters].includes(cluster))) {
        this.mesh.report(TopologyRules.DUPLICATE_NAMESPACE, this, `${cluster.clusterName}/${this.name}`);
      }
      if (this.existing) continue;
      const injection = configOnly.includes(cluster) ? {} : { ...this.injectionLabels(), ...this.dataplaneLabels() };
      new k8s.KubeNamespace(cluster.scopeFor(this), 'Namespace', {
        metadata: {
          name: this.name,
          labels: sortedRecord({ ...this.props.labels, ...injection }),
          annotations: sortedRecord(this.props.annotations),
        },
      });
    }
  }
}
