import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { EastWestGatewayPlacement, ambientEastWestGateways, eastWestGateways, networksWithoutCrossNetworkGateway } from './east-west';
import {
  CONTROL_PLANE_GATEWAY_LABELS, ExternalControlPlane, externalRemoteValues, renderExternalIstiodRouting, resolveExternalControlPlane, validationUrl,
} from './external-istiod';
import { ExternalIstiodOptions } from './external-istiod-options';
import {
  ClusterInstallContext, baseValues, cniValues, controlPlaneGatewayHelmValues, controlPlaneGatewayOperator, controlPlaneOperator, eastWestHelmValues,
  eastWestOperator, istiodValues, ztunnelValues,
} from './install-values';
import { RenderedMeshSettings, renderMeshSettings } from './mesh-config';
import { MeshNetworkGateway, meshNetworksValue } from './mesh-networks';
import { RemoteSecret } from './remote-secret';
import { ControlPlaneRevision, DEFAULT_REVISION } from './revision';
import { RootCa } from './root-ca';
import { ClusterInstallPlan, renderRunbook } from './runbook';
import { MeshTopology, topologyTraits } from './topology';
import { ControlPlaneUpgrade, validateUpgrade } from './upgrade';
import { upgradeFollowers } from './upgrade-runbook';
import { textArtifact, yamlArtifact } from '../core/artifact';
import { isDnsLabel } from '../core/names';
import { renderedJson, renderedObjectsOfKind } from '../core/rendered';
import { GatewayWorkload } from '../gateways/gateway-workload';
import { ExtensionProviderRegistry } from '../observability/provider-registry';
import { MeshSettings } from '../operations/mesh-config';
import { ClusterRole, MeshCluster } from '../topology/cluster';
import { MeshFeature } from '../topology/feature';
import { MeshMember } from '../topology/member';
import type { MeshCore } from '../topology/mesh-core';
import { DataplaneMode, InjectionScheme, NETWORK_LABEL } from '../topology/namespace';
import { checkInit } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { ControlPlaneRules } from '../validation/rules/controlplane';
import { ValueRules } from '../validation/rules/values';

/** Annotation on a remote's istio-system naming the clusters whose control plane manages it. */
export const CONTROL_PLANE_CLUSTERS_ANNOTATION = 'topology.istio.io/controlPlaneClusters';

/** Placeholder the guides use for a primary's exposed istiod address. */
export const DISCOVERY_ADDRESS_PLACEHOLDER = '${DISCOVERY_ADDRESS}';

/**
 * Control-plane settings of a mesh whose `topology` is set.
 */
export interface ControlPlaneOptions {
  /**
   * The shared root of trust (`cacerts` in every cluster). Required for more than one cluster.
   * @default - none (an error for a multi-cluster mesh, MESH-CP-007)
   */
  readonly rootCa?: RootCa;
  /**
   * Credentials of clusters that control planes must discover. Clusters without one get
   * `istioctl create-remote-secret` commands in the runbook.
   * @default - none; every remote secret is created with istioctl
   */
  readonly remoteSecrets?: RemoteSecret[];
  /**
   * Static east-west gateway addresses per network (`global.meshNetworks`).
   * @default - none; gateways are discovered from their network label
   */
  readonly meshNetworks?: MeshNetworkGateway[];
  /**
   * Control-plane revisions installed side by side.
   * @default - one revision: the mesh's `revision`
   */
  readonly revisions?: ControlPlaneRevision[];
  /**
   * A staged canary upgrade; its stage decides the installed revisions (overrides `revisions`).
   * @default - no upgrade
   */
  readonly upgrade?: ControlPlaneUpgrade;
  /**
   * The address remote clusters use to reach istiod, by the name of the primary (or, for an external
   * control plane, the config cluster) serving them: the east-west gateway's load-balancer address.
   * @default - the guide's `${DISCOVERY_ADDRESS}` placeholder, exported in the runbook
   */
  readonly discoveryAddresses?: { [cluster: string]: string };
  /**
   * The external istiod of an EXTERNAL_CONTROL_PLANE topology: its address and the guide's variant.
   * @default - the hostname variant at the config cluster's `discoveryAddresses` entry, or the guide's placeholders
   */
  readonly externalIstiod?: ExternalIstiodOptions;
}

/** Props of the `ControlPlane` construct. */
export interface ControlPlaneProps extends ControlPlaneOptions {
  /** The topology. */
  readonly topology: MeshTopology;
}

/**
 * The control plane of a mesh: per-cluster install artifacts (IstioOperator, Helm values, runbook),
 * trust (cacerts, remote secrets), istiod exposure, revisions and validation of the topology.
 * Created by `Mesh` when `topology` is set.
 */
export class ControlPlane extends MeshMember {
  /** The topology. */
  public readonly topology: MeshTopology;
  /** The shared root, if given. */
  public readonly rootCa?: RootCa;
  private readonly mesh: MeshCore;
  private readonly props: ControlPlaneProps;

  constructor(mesh: MeshCore, id: string, props: ControlPlaneProps) {
    checkInit('cdk8s-mesh.ControlPlane', new.target, [mesh, id, props]);
    super(mesh, id);
    this.mesh = mesh;
    this.props = props;
    this.topology = props.topology;
    this.rootCa = props.rootCa;
    const sampling = MeshSettings.of(mesh).options.tracingSampling;
    if (sampling !== undefined && !(sampling >= 0 && sampling <= 100)) {
      mesh.report(ControlPlaneRules.TRACING_SAMPLING_RANGE, `${mesh.node.path}/meshConfig/tracingSampling`, sampling);
    }
    mesh._onSynth(this, () => this.render(), () => this.validate());
    mesh.addFeature(new RootNamespaceAnnotations(this));
  }

  /** The installed revisions. */
  public get revisions(): ControlPlaneRevision[] {
    return this.props.upgrade?.revisions ?? this.props.revisions ?? [{ name: this.mesh.revision }];
  }

  /**
   * The revisions installed in a cluster.
   * @param cluster the cluster
   */
  public revisionsIn(cluster: MeshCluster): ControlPlaneRevision[] {
    return this.revisions.filter(r => r.clusters === undefined || r.clusters.includes(cluster.clusterName) || cluster.role !== ClusterRole.PRIMARY);
  }

  /**
   * The primary whose control plane serves a remote: the first primary on its network, else the first primary.
   * @param remote the remote cluster
   */
  public primaryOf(remote: MeshCluster): MeshCluster | undefined {
    const primaries = this.mesh.controlPlaneClusters;
    return primaries.find(p => p.networkName === remote.networkName) ?? primaries[0];
  }

  /** The clusters running an external istiod (role EXTERNAL). */
  private get externalClusters(): MeshCluster[] {
    return this.mesh.clusters.filter(c => c.role === ClusterRole.EXTERNAL);
  }

  /**
   * The clusters whose istiod (or external istiod) watches `cluster`'s API server and so need its remote secret:
   * the external cluster of an external control plane (a hosted mesh without one keeps them in its config cluster).
   */
  private discoverersOf(cluster: MeshCluster): MeshCluster[] {
    if (topologyTraits(this.topology).needsConfigCluster) {
      const external = this.externalClusters;
      return (external.length ? external : this.mesh.configClusters).filter(c => c !== cluster);
    }
    return this.mesh.controlPlaneClusters.filter(c => c !== cluster);
  }

  /** The external control plane, for an EXTERNAL_CONTROL_PLANE topology with a config cluster. */
  private externalControlPlane(): ExternalControlPlane | undefined {
    const config = this.mesh.configClusters.find(c => c.role === ClusterRole.CONFIG);
    if (this.topology !== MeshTopology.EXTERNAL_CONTROL_PLANE || !config) return undefined;
    return resolveExternalControlPlane(this.props.externalIstiod ?? {}, config, this.externalClusters[0],
      this.props.discoveryAddresses?.[config.clusterName], this.mesh.rootNamespace);
  }

  /**
   * Gateway workloads the runbook installs with istioctl or Helm rather than as manifests (the external cluster's
   * control-plane gateway), so the analysis knows what the external istiod's Gateway selects.
   * @internal
   */
  public get _installedGateways(): Array<{ cluster: string; namespace: string; labels: { [key: string]: string } }> {
    const cluster = this.externalControlPlane()?.externalCluster;
    return cluster ? [{ cluster: cluster.clusterName, namespace: 'istio-system', labels: CONTROL_PLANE_GATEWAY_LABELS }] : [];
  }

  /**
   * Webhook URLs the install values give the clusters of an external control plane (the hostname variant's
   * `injectionURL` and `validationURL`), so the analysis checks them as istioctl analyze checks the webhook
   * configurations Helm and istioctl make of them.
   * @internal
   */
  public get _installedWebhooks(): Array<{ cluster: string; name: string; url: string }> {
    const ecp = this.externalControlPlane();
    if (!ecp) return [];
    const injection = this.mesh.clusters.filter(c => c.runsWorkloads && c.role !== ClusterRole.EXTERNAL).flatMap(c => {
      const url = externalRemoteValues(ecp, c).injection.injectionURL;
      return url ? [{ cluster: c.clusterName, name: 'istio-sidecar-injector', url }] : [];
    });
    const validation = validationUrl(ecp);
    return validation ? [...injection, { cluster: ecp.configCluster.clusterName, name: 'istio-validator', url: validation }] : injection;
  }

  /** @internal */
  public _rootNamespaceAnnotations(cluster: MeshCluster): { [key: string]: string } | undefined {
    if (cluster.role !== ClusterRole.REMOTE) return undefined;
    // the external istiod's cluster ID is the config cluster's name (guide "Adding clusters to the mesh")
    const controller = this.topology === MeshTopology.EXTERNAL_CONTROL_PLANE ? this.mesh.configClusters[0] : this.primaryOf(cluster);
    return controller ? { [CONTROL_PLANE_CLUSTERS_ANNOTATION]: controller.clusterName } : undefined;
  }

  private servesRemotes(primary: MeshCluster): boolean {
    return topologyTraits(this.topology).hasRemotes
      && this.mesh.clusters.some(c => c.role === ClusterRole.REMOTE && this.primaryOf(c) === primary);
  }

  private pilotAddress(cluster: MeshCluster): string {
    const server = cluster.role === ClusterRole.REMOTE && this.topology !== MeshTopology.EXTERNAL_CONTROL_PLANE
      ? this.primaryOf(cluster)
      : this.mesh.configClusters.find(c => c !== cluster) ?? this.mesh.configClusters[0];
    return (server && this.props.discoveryAddresses?.[server.clusterName]) ?? DISCOVERY_ADDRESS_PLACEHOLDER;
  }

  private settings(): RenderedMeshSettings {
    const trustDomain = this.mesh.trustDomain === 'cluster.local' ? undefined : this.mesh.trustDomain;
    const providers = ExtensionProviderRegistry.of(this.mesh).providers.map(p => p.toMeshConfig());
    return renderMeshSettings(MeshSettings.of(this.mesh).options, trustDomain, providers);
  }

  private render(): void {
    const settings = this.settings();
    const gateways = eastWestGateways(this.mesh);
    const gatewaysByCluster = new Map<MeshCluster, EastWestGatewayPlacement[]>();
    for (const gw of gateways) gatewaysByCluster.set(gw.cluster, [...gatewaysByCluster.get(gw.cluster) ?? [], gw]);
    const secrets = new Map((this.props.remoteSecrets ?? []).map(s => [s.cluster, s]));
    const ns = this.mesh.rootNamespace;
    const multiNetwork = topologyTraits(this.topology).multiNetwork || this.mesh.isMultiNetwork;
    const meshNetworks = meshNetworksValue(this.props.meshNetworks ?? []);
    const external = this.externalControlPlane();
    // with an external cluster, its istiod is the only CA: the root goes there alone
    const caClusters = external?.externalCluster ? [external.externalCluster] : this.mesh.clusters;
    const ambient = this.mesh.usesAmbient;
    // the mesh's gateways, found once for every cluster (rendering adds objects to the clusters' charts only)
    const workloads = GatewayWorkload._ofMesh(this.mesh);
    const ambientGateways = ambientEastWestGateways(this.mesh);

    for (const cluster of this.mesh.clusters) {
      const scope = cluster.scopeFor(this);
      if (cluster === external?.externalCluster) renderExternalIstiodRouting(scope, external);
      if (this.rootCa && this.mesh.clusters.length > 1 && caClusters.includes(cluster)) {
        if (!this.rootCa._render(scope, cluster.clusterName, ns)) {
          this.mesh.report(ControlPlaneRules.MISSING_CA_MATERIAL, this, cluster.clusterName);
        }
      }
      const missingSecrets: string[] = [];
      const configSource = external && cluster === external.externalCluster ? [external.configCluster] : [];
      const sources = [...new Set([...configSource, ...this.mesh.workloadClusters])];
      for (const source of sources.filter(s => this.discoverersOf(s).includes(cluster))) {
        const secret = secrets.get(source.clusterName);
        const asConfig = source === external?.configCluster && cluster === external.externalCluster;
        if (secret) secret._render(scope, ns, asConfig);
        else missingSecrets.push(source.clusterName);
      }
      const clusterGateways = gatewaysByCluster.get(cluster) ?? [];
      const servesRemotes = cluster.role === ClusterRole.PRIMARY && this.servesRemotes(cluster);
      const revisions = this.revisionsIn(cluster);
      const contexts = revisions.map((revision, i): ClusterInstallContext => ({
        cluster,
        meshId: this.mesh.meshId,
        revision,
        servesRemotes,
        multiNetwork,
        settings,
        pilotAddress: this.pilotAddress(cluster),
        meshNetworks: cluster.role === ClusterRole.REMOTE ? undefined : meshNetworks,
        external,
        withoutIngressGateway: revisions.length > 1 || this.deploysProfileGateway(cluster, workloads),
        defaultRevision: this.props.upgrade?.defaultRevision,
        ambient: ambient && cluster.role === ClusterRole.PRIMARY ? true : undefined,
        ambientNodeComponentsElsewhere: ambient && i > 0 ? true : undefined,
      }));
      this.addArtifacts({
        cluster,
        contexts,
        gateways: clusterGateways,
        missingSecrets,
        discoverers: this.discoverersOf(cluster),
        upgrade: this.props.upgrade,
        rootCa: this.mesh.clusters.length > 1 ? this.rootCa?.kind : undefined,
        topology: this.topology,
        installAfter: this.installAfter(cluster),
        external,
        istioVersion: this.mesh.istioVersion,
        followers: upgradeFollowers(this.mesh, cluster, workloads),
        ambient: ambient && cluster.role === ClusterRole.PRIMARY,
        ambientGateways: ambientGateways.filter(g => g.cluster === cluster).map(g => g.name),
      });
    }
  }

  /** Whether the manifest deploys `istio-ingressgateway` in the root namespace, the gateway the default profile installs. */
  private deploysProfileGateway(cluster: MeshCluster, workloads: readonly GatewayWorkload[]): boolean {
    return workloads.some(c => !c.isExisting && c.name === 'istio-ingressgateway'
      && c.namespaceName === this.mesh.rootNamespace && c.clusters.includes(cluster));
  }

  /** Clusters that must be installed before `cluster` (a remote's primary, or the config and external clusters). */
  private installAfter(cluster: MeshCluster): string[] {
    const external = this.topology === MeshTopology.EXTERNAL_CONTROL_PLANE;
    if (external && cluster.role === ClusterRole.EXTERNAL) return this.mesh.configClusters.map(c => c.clusterName);
    if (cluster.role !== ClusterRole.REMOTE) return [];
    if (this.topology === MeshTopology.EXTERNAL_CONTROL_PLANE) return [...this.mesh.configClusters, ...this.externalClusters].map(c => c.clusterName);
    const primary = this.primaryOf(cluster);
    return primary ? [primary.clusterName] : [];
  }

  private addArtifacts(plan: ClusterInstallPlan): void {
    const dir = plan.cluster.clusterName;
    const chart = plan.cluster as Chart;
    const dump = (obj: object) => yamlArtifact([obj]);
    for (const ctx of plan.contexts) {
      const suffix = ctx.revision.name === DEFAULT_REVISION ? '' : `-${ctx.revision.name}`;
      this.mesh._addArtifact(`${dir}/istioctl/istio-operator${suffix}.yaml`, () => dump(controlPlaneOperator(ctx)));
      this.mesh._addArtifact(`${dir}/helm/istiod${suffix}.values.yaml`, () => dump(istiodValues(ctx)));
    }
    if (plan.contexts.length) this.mesh._addArtifact(`${dir}/helm/istio-base.values.yaml`, () => dump(baseValues(plan.contexts[0])));
    if (plan.ambient && plan.contexts.length) {
      // one istio-cni and one ztunnel per cluster, whatever the number of istiod revisions
      this.mesh._addArtifact(`${dir}/helm/istio-cni.values.yaml`, () => dump(cniValues(plan.contexts[0])));
      this.mesh._addArtifact(`${dir}/helm/ztunnel.values.yaml`, () => dump(ztunnelValues(plan.contexts[0])));
    }
    if (plan.cluster.role === ClusterRole.EXTERNAL) {
      this.mesh._addArtifact(`${dir}/istioctl/controlplane-gateway.yaml`, () => dump(controlPlaneGatewayOperator()));
      this.mesh._addArtifact(`${dir}/helm/controlplane-gateway.values.yaml`, () => dump(controlPlaneGatewayHelmValues()));
    }
    for (const gw of plan.gateways) {
      this.mesh._addArtifact(`${dir}/istioctl/${gw.name}.yaml`, () => dump(eastWestOperator(gw)));
      this.mesh._addArtifact(`${dir}/helm/${gw.name}.values.yaml`, () => dump(eastWestHelmValues(gw)));
    }
    this.mesh._addArtifact(`${dir}/pre-install.yaml`, () => {
      const root = this.mesh.rootNamespace;
      const docs = ['Namespace', 'Secret', 'ExternalSecret']
        .flatMap(kind => renderedObjectsOfKind(chart, kind))
        .filter(o => (o.kind === 'Namespace' ? o.name === root : o.metadata.namespace === root))
        .map(renderedJson);
      return yamlArtifact(docs);
    });
    this.mesh._addArtifact(`${dir}/RUNBOOK.md`, () => textArtifact(renderRunbook(plan)));
  }

  private validate(): void {
    const mesh = this.mesh;
    for (const secret of this.props.remoteSecrets ?? []) {
      const problem = secret._kubeconfigProblem();
      if (problem) mesh.report(ValueRules.KUBECONFIG, `${this.node.path}/remoteSecrets/${secret.cluster}`, secret._kubeconfigSummary, problem);
    }
    const traits = topologyTraits(this.topology);
    const gateways = eastWestGateways(mesh);
    const exposing = new Set(gateways.filter(g => g.exposesIstiod).map(g => g.cluster));
    for (const cluster of mesh.clusters) {
      const where = `${mesh.node.path}/clusters/${cluster.clusterName}`;
      const allowed = cluster.role === ClusterRole.PRIMARY ? !traits.needsConfigCluster
        : cluster.role === ClusterRole.REMOTE ? traits.hasRemotes
          : traits.needsConfigCluster;
      if (cluster.role === ClusterRole.EXTERNAL && this.externalClusters.indexOf(cluster) > 0) {
        mesh.report(ControlPlaneRules.ROLE_NOT_IN_TOPOLOGY, where, cluster.role, 'An external control plane has one external cluster.');
      }
      if (!allowed) mesh.report(ControlPlaneRules.ROLE_NOT_IN_TOPOLOGY, where, cluster.role, `The topology is "${this.topology}".`);
      if (cluster.role === ClusterRole.REMOTE && traits.hasRemotes && !traits.needsConfigCluster) {
        const primary = this.primaryOf(cluster);
        const reachable = primary && (primary.networkName === cluster.networkName || traits.multiNetwork);
        if (primary && !reachable) mesh.report(ControlPlaneRules.REMOTE_WITHOUT_REACHABLE_PRIMARY, where, cluster.networkName ?? '(default network)');
      }
      if (cluster.role === ClusterRole.PRIMARY && this.servesRemotes(cluster)
        && !exposing.has(cluster) && this.props.discoveryAddresses?.[cluster.clusterName] === undefined) {
        mesh.report(ControlPlaneRules.NO_ISTIOD_EXPOSURE, where, cluster.clusterName);
      }
    }
    const networks = new Set(mesh.clusters.filter(c => c.runsWorkloads).map(c => c.networkName ?? ''));
    if (this.topology !== MeshTopology.EXTERNAL_CONTROL_PLANE && traits.multiNetwork !== networks.size > 1) {
      mesh.report(ControlPlaneRules.NETWORK_MODE_MISMATCH, `${mesh.node.path}/topology`, [...networks].sort(), `The topology is "${this.topology}".`);
    }
    // a mesh-wide ambient data plane needs no classic east-west gateway; ambient namespaces need ambient ones
    if (mesh.dataplaneMode !== DataplaneMode.AMBIENT) {
      for (const network of networksWithoutCrossNetworkGateway(mesh, gateways)) {
        mesh.report(ControlPlaneRules.NETWORK_WITHOUT_EAST_WEST_GATEWAY, `${mesh.node.path}/networks/${network}`, network);
      }
    }
    if (mesh.usesAmbient) this.validateAmbient(networks);
    // cluster names in options must exist (MESH-TOPO-010)
    mesh.resolveClusters(this, [], [
      ...(this.props.remoteSecrets ?? []).map(r => r.cluster),
      ...Object.keys(this.props.discoveryAddresses ?? {}),
      ...this.revisions.flatMap(r => r.clusters ?? []),
    ]);
    this.validateNetworkDrift(gateways);
    this.validateTrust();
    this.validateRevisions();
  }

  /** The ambient multicluster guide's limits: multi-primary on different networks only, ambient east-west gateways per network. */
  private validateAmbient(networks: Set<string>): void {
    const mesh = this.mesh;
    const multicluster = mesh.clusters.length > 1;
    const supported = this.topology === MeshTopology.MULTI_PRIMARY_MULTI_NETWORK || (this.topology === MeshTopology.MULTI_PRIMARY && !multicluster);
    if (!supported) {
      const detail = this.topology === MeshTopology.MULTI_PRIMARY
        ? `${mesh.clusters.length} clusters on one network.`
        : `The topology is "${this.topology}".`;
      mesh.report(AmbientRules.UNSUPPORTED_AMBIENT_TOPOLOGY, `${mesh.node.path}/topology`, this.topology, detail);
      return;
    }
    if (networks.size < 2) return;
    const served = new Set(ambientEastWestGateways(mesh).map(g => g.cluster.networkName ?? ''));
    for (const network of [...networks].filter(n => !served.has(n)).sort()) {
      mesh.report(AmbientRules.CLASSIC_EAST_WEST_IN_AMBIENT, `${mesh.node.path}/networks/${network}`, network);
    }
  }

  private validateNetworkDrift(gateways: EastWestGatewayPlacement[]): void {
    for (const gw of gateways) {
      if (gw.declaredNetwork !== undefined && gw.declaredNetwork !== gw.cluster.networkName) {
        this.mesh.report(ControlPlaneRules.NETWORK_DRIFT, `${this.mesh.node.path}/clusters/${gw.cluster.clusterName}/gateways/${gw.name}`,
          { values: gw.cluster.networkName, gateway: gw.declaredNetwork });
      }
    }
    for (const cluster of this.mesh.clusters) {
      for (const obj of renderedObjectsOfKind(cluster, 'Namespace')) {
        const label = obj.metadata.getLabel(NETWORK_LABEL);
        if (label !== undefined && label !== cluster.networkName) {
          this.mesh.report(ControlPlaneRules.NETWORK_DRIFT, obj.node.path, { values: cluster.networkName, namespaceLabel: label });
        }
      }
    }
    const declared = new Set(this.mesh.networks.map(n => n.name));
    for (const entry of this.props.meshNetworks ?? []) {
      if (!declared.has(entry.network)) this.mesh.report(ControlPlaneRules.UNKNOWN_MESH_NETWORK, `${this.mesh.node.path}/meshNetworks/${entry.network}`, entry.network);
    }
  }

  private validateTrust(): void {
    // an external istiod is the CA of every cluster it serves (the guide sets up no cacerts)
    if (this.mesh.clusters.length > 1 && !this.rootCa && !this.externalClusters.length) {
      this.mesh.report(ControlPlaneRules.NO_SHARED_ROOT, `${this.mesh.node.path}/controlPlane/rootCa`, undefined);
    }
  }

  private validateRevisions(): void {
    const mesh = this.mesh;
    const names = new Set<string>();
    for (const revision of this.revisions) {
      for (const name of [revision.name, ...revision.tags ?? []]) {
        if (names.has(name) || !isDnsLabel(name)) mesh.report(ControlPlaneRules.INVALID_REVISION_SET, `${mesh.node.path}/controlPlane/revisions/${revision.name}`, name);
        names.add(name);
      }
    }
    const upgrade = this.props.upgrade;
    if (upgrade) validateUpgrade(mesh, upgrade, `${mesh.node.path}/controlPlane/upgrade`);
    const check = (where: IConstruct, revision: string | undefined) => {
      if (revision === undefined || names.has(revision)) return;
      const rule = revision === upgrade?.removedRevision ? ControlPlaneRules.LEFT_ON_REMOVED_REVISION
        : upgrade?.removedTags.includes(revision) ? ControlPlaneRules.FOLLOWS_REMOVED_TAG : ControlPlaneRules.REVISION_NOT_INSTALLED;
      mesh.report(rule, where, revision);
    };
    for (const ns of mesh.namespaces) {
      if (ns.injectionEnabled && ns.injection === InjectionScheme.REVISION) check(ns, ns.revision);
    }
    for (const gw of GatewayWorkload._ofMesh(mesh)) {
      check(gw, gw.revision);
    }
    const sets = new Map<string, string[]>();
    for (const cluster of mesh.controlPlaneClusters) {
      const key = this.revisionsIn(cluster).map(r => r.name).sort().join(',');
      sets.set(key, [...sets.get(key) ?? [], cluster.clusterName]);
    }
    if (sets.size > 1) {
      mesh.report(ControlPlaneRules.REVISION_DRIFT, `${mesh.node.path}/controlPlane/revisions`,
        Object.fromEntries([...sets.entries()].map(([k, v]) => [v.join(','), k])));
    }
  }
}

/** Annotates each remote's root namespace with the primary whose control plane serves it. */
class RootNamespaceAnnotations extends MeshFeature {
  public readonly featureName = 'control-plane-root-namespace';
  constructor(private readonly controlPlane: ControlPlane) {
    super();
  }
  public namespaceAnnotations(cluster: MeshCluster): { [key: string]: string } {
    return this.controlPlane._rootNamespaceAnnotations(cluster) ?? {};
  }
}
