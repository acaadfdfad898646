import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { MeshCluster } from './cluster';
import { MeshMember } from './member';
import { MeshCore } from './mesh-core';
import { isDnsLabel, sortedRecord } from '../core/names';
import { checkInit, trusted } from '../validation/input/check';
import { TopologyRules } from '../validation/rules/topology';

/** Label that pins a namespace or workload to a control-plane revision. */
export const REVISION_LABEL = 'istio.io/rev';
/** The legacy injection label. */
export const INJECTION_LABEL = 'istio-injection';
/** Label carrying a cluster's network on istio-system and on gateways. */
export const NETWORK_LABEL = 'topology.istio.io/network';

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
 * Options for a namespace enrolled in the mesh.
 */
export interface MeshNamespaceProps {
  /**
   * Clusters the namespace is created in.
   * @default - every cluster that runs workloads
   */
  readonly clusters?: string[];
  /**
   * Whether pods in the namespace get sidecars.
   * @default true
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
  /** Whether pods in the namespace get sidecars. */
  public readonly injectionEnabled: boolean;
  /** The injection label scheme. */
  public readonly injection: InjectionScheme;
  /** The revision (revision scheme). */
  public readonly revision: string;
  private readonly props: MeshNamespaceConstructProps;
  private resolved?: MeshCluster[];
  private existing = false;

  constructor(scope: Construct, id: string, props: MeshNamespaceConstructProps) {
    checkInit('cdk8s-mesh.MeshNamespace', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = props.name;
    this.injectionEnabled = props.injectionEnabled ?? true;
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

  /** The injection labels this namespace carries. */
  public injectionLabels(): { [key: string]: string } {
    if (!this.injectionEnabled) {
      return RESERVED_NAMESPACES.includes(this.name) ? {} : { [INJECTION_LABEL]: 'disabled' };
    }
    return this.injection === InjectionScheme.REVISION
      ? { [REVISION_LABEL]: this.revision }
      : { [INJECTION_LABEL]: 'enabled' };
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
      const injection = configOnly.includes(cluster) ? {} : this.injectionLabels();
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
