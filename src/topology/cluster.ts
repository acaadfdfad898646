import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Include } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Locality } from './locality';
import type { MeshCore } from './mesh-core';
import type { MeshNetwork } from './network';
import { applyOrder } from '../core/apply-order';
import { isJsonObject } from '../core/json';
import { safeId } from '../core/names';
import { checkInit } from '../validation/input/check';

/**
 * What a cluster does for the mesh.
 */
export enum ClusterRole {
  /** Runs its own istiod and workloads; receives the mesh's Istio configuration. */
  PRIMARY = 'primary',
  /** Runs workloads only; its proxies are configured by a primary's (or external) control plane. */
  REMOTE = 'remote',
  /** Holds the Istio configuration for an external or hosted control plane (e.g. the DCE hosted mesh). */
  CONFIG = 'config',
  /**
   * Runs the external istiod of an external control plane (the guide's "external cluster"): its own
   * ingress gateway exposes istiod to the config and remote clusters. No workloads, no mesh config.
   */
  EXTERNAL = 'external',
}

/**
 * A cluster of the mesh.
 */
export interface ClusterProps {
  /** The cluster name, used for `global.multiCluster.clusterName` and as the output file name `<name>.k8s.yaml`. */
  readonly name: string;
  /**
   * The network the cluster is on.
   * @default - the mesh's only declared network, or the default (unnamed) network if none is declared
   */
  readonly network?: string;
  /**
   * The cluster's role.
   * @default ClusterRole.PRIMARY
   */
  readonly role?: ClusterRole;
  /**
   * The region its nodes run in (`topology.kubernetes.io/region`).
   * @default - no locality
   */
  readonly region?: string;
  /**
   * The zones its nodes run in, each `zone` or `zone/subzone`.
   * @default - no zones
   */
  readonly zones?: string[];
  /**
   * The API server address other clusters use to reach this one (remote secrets, istiod discovery).
   * @default - not known; remote secrets are generated with `istioctl create-remote-secret`
   */
  readonly apiServerAddress?: string;
  /**
   * Whether application workloads run here. A config cluster of an external control plane may also run
   * workloads (the guide's "remote config cluster"); a hosted config cluster (DCE) does not.
   * @default - true for PRIMARY and REMOTE, false for CONFIG and EXTERNAL
   */
  readonly workloads?: boolean;
  /**
   * Free-form metadata about the cluster (cloud, account, environment) shown in reports.
   * @default - none
   */
  readonly metadata?: { [key: string]: string };
}

const MESH_CLUSTER_SYMBOL = Symbol.for('cdk8s-mesh.MeshCluster');

/** The scope in a cluster's chart where one member places its objects (see `MeshCluster.scopeFor`). */
class MemberScope extends Construct {
  constructor(cluster: Construct, id: string, public readonly member: IConstruct) {
    super(cluster, id);
  }
}

/** The id of a member's scope in every cluster's chart, by member (a construct's path does not change). */
const memberScopeIds = new WeakMap<IConstruct, string>();

/** The member's path below the root, joined with dots (its id for a root's child). */
function memberScopeId(member: IConstruct): string {
  let id = memberScopeIds.get(member);
  if (id === undefined) {
    id = member.node.scopes.slice(1).map(s => s.node.id).join('.') || member.node.id;
    memberScopeIds.set(member, id);
  }
  return id;
}

/**
 * One cluster of the mesh. Each cluster is its own chart, written to `<name>.k8s.yaml`.
 */
export class MeshCluster extends Chart {
  /**
   * True if `x` is a cluster of a mesh. (`instanceof MeshCluster` is true for every cdk8s `Chart`,
   * whose `Symbol.hasInstance` subclasses inherit.)
   * @param x any value
   */
  public static isMeshCluster(x: unknown): x is MeshCluster {
    return x !== null && typeof x === 'object' && MESH_CLUSTER_SYMBOL in x;
  }

  /** The mesh this cluster belongs to. */
  public readonly mesh: MeshCore;
  /** The cluster name. */
  public readonly clusterName: string;
  /** The cluster's role. */
  public readonly role: ClusterRole;
  /** The network, or undefined for the default network. */
  public readonly network?: MeshNetwork;
  /** The network ID as written to labels and values, or undefined for the default network. */
  public readonly networkName?: string;
  /** The region, if declared. */
  public readonly region?: string;
  /** The zones as declared (`zone` or `zone/subzone`). */
  public readonly zones: string[];
  /** The API server address, if declared. */
  public readonly apiServerAddress?: string;
  /** Metadata as declared. */
  public readonly metadata: { [key: string]: string };
  /** True if this cluster runs application workloads (primary, remote, or a config cluster declared with `workloads`). */
  public readonly runsWorkloads: boolean;

  constructor(scope: Construct, mesh: MeshCore, props: ClusterProps, network: MeshNetwork | undefined) {
    checkInit('cdk8s-mesh.MeshCluster', new.target, [scope, mesh, props, network]);
    super(scope, safeId(props.name), { disableResourceNameHashes: true });
    this.mesh = mesh;
    this.clusterName = props.name;
    this.role = props.role ?? ClusterRole.PRIMARY;
    this.network = network;
    this.networkName = network?.name ?? props.network;
    this.region = props.region;
    this.zones = props.zones ?? [];
    this.apiServerAddress = props.apiServerAddress;
    this.metadata = props.metadata ?? {};
    this.runsWorkloads = props.workloads ?? (this.role === ClusterRole.PRIMARY || this.role === ClusterRole.REMOTE);
    Object.defineProperty(this, MESH_CLUSTER_SYMBOL, { value: true });
  }

  /**
   * The cluster's manifest in apply order: Namespaces and CRDs, then cluster-scoped objects, then
   * namespaced ones, each group in construct order (so `kubectl apply -f` works on an empty cluster).
   */
  public toJson(): unknown[] {
    const docs: unknown[] = super.toJson();
    return applyOrder(docs.filter(isJsonObject));
  }

  /** True if this cluster runs an istiod (primary). */
  public get runsControlPlane(): boolean {
    return this.role === ClusterRole.PRIMARY;
  }

  /**
   * The localities of the cluster's zones (`region/zone[/subzone]`), or just the region.
   * Malformed entries are reported by the mesh (MESH-TOPO-005) and left out here.
   */
  public get localities(): Locality[] {
    if (!this.region) return [];
    const texts = this.zones.length ? this.zones.map(z => `${this.region}/${z}`) : [this.region];
    return texts.map(t => Locality.tryParse(t)).filter((l): l is Locality => l !== undefined);
  }

  /**
   * The scope inside this cluster's chart where `member` places its objects.
   * One scope per member, named after the member's path in the mesh, so object paths stay readable and unique.
   * @param member the construct that emits objects into this cluster
   */
  public scopeFor(member: IConstruct): Construct {
    return this.memberScope(member) ?? new MemberScope(this, memberScopeId(member), member);
  }

  /**
   * The mesh member that placed `construct` into this cluster (so errors name what the user declared),
   * or `construct` itself when no member did.
   * @param construct an object in this cluster's chart
   */
  public declaringMember(construct: IConstruct): IConstruct {
    // from the construct up to the root, without building the scopes array
    for (let scope: IConstruct | undefined = construct; scope; scope = scope.node.scope) {
      if (scope instanceof MemberScope && scope.node.scope === this) return scope.member;
    }
    return construct;
  }

  /** The scope `scopeFor(member)` made in this chart, if any (a child of the chart, found by its id). */
  private memberScope(member: IConstruct): MemberScope | undefined {
    const child = this.node.tryFindChild(memberScopeId(member));
    return child instanceof MemberScope && child.member === member ? child : undefined;
  }

  /**
   * Includes every manifest of a folder (`*.yaml`, `*.yml`, `*.json`, in file-name order; subfolders are not read) into
   * this cluster's manifest, as a cdk8s `Include` per file. Included objects are part of the cluster's object index:
   * the analysis checks them with what the constructs render, and `MeshService.fromIncluded`,
   * `IncludedGateway.fromIncluded` and `findObject` use what they declare.
   * @param directory the folder of manifests
   */
  public includeManifests(directory: string): Include[] {
    const files = fs.readdirSync(directory).filter(f => /\.(ya?ml|json)$/.test(f) && fs.statSync(path.join(directory, f)).isFile()).sort();
    return files.map(f => new Include(this, `included-${safeId(f)}`, { url: path.join(directory, f) }));
  }

  /**
   * The object of this cluster's chart with this kind, namespace and name: an included one (`Include`, Helm output,
   * `includeManifests`) or one added by hand; undefined if there is none. Objects the mesh renders exist only once it
   * has rendered.
   * @param kind e.g. `Service`
   * @param namespaceName the namespace (`default` also finds an object written without one); empty for cluster-scoped objects
   * @param name the name
   */
  public findObject(kind: string, namespaceName: string, name: string): ApiObject | undefined {
    return this.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === this && c.kind === kind
      && c.name === name && (c.metadata.namespace ?? (namespaceName === '' ? '' : 'default')) === namespaceName);
  }

  /**
   * The objects `member` rendered into this cluster, in construct order; empty before the mesh renders.
   * Prefer `mesh.apiObjectsOf(member, cluster)` (or the member's own `apiObjects(cluster)`), which renders first.
   * @param member a mesh member
   */
  public objectsOf(member: IConstruct): ApiObject[] {
    const scope = this.memberScope(member);
    if (!scope) return [];
    return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  }
}
