import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { renderCompression } from './compression';
import { ExistingGatewayFacts } from './existing-gateway';
import { GatewayListener, GatewayListenerOptions } from './gateway-listener';
import {
  GatewayEnvVar, GatewayOptions, GatewayOverrides, GatewayPort, GatewayResources, GatewayServiceType, GatewayType,
  GatewayWorkloadProps, ResolvedGatewaySettings,
} from './gateway-options';
import { GatewayProvisioning, GatewayProvisioningFeature } from './gateway-provisioner';
import { checkExistingGateway, checkGatewayWorkload } from './gateway-workload-checks';
import {
  GatewayInstanceModel, renderGatewayAutoscalerSpec, renderGatewayDeploymentSpec, renderGatewayDisruptionBudgetSpec, renderGatewayServiceSpec,
} from './gateway-workload-render';
import { CLUSTER_LABEL, claimOnce, configClustersFor } from './placement';
import { AsmGatewayOptions, TcmGatewayOptions } from './platform-gateway-options';
import { GatewayDeploymentMode, TrafficApi, TrafficApiSetting } from './traffic-api';
import { definedEntries, sortedRecord } from '../core/names';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { DATAPLANE_MODE_LABEL, NETWORK_LABEL } from '../topology/namespace';
import { checkInit } from '../validation/input/check';
import { GatewayRules } from '../validation/rules/gateway';
import { IMeshWorkload } from '../workloads/workload';

const DEFAULT_RESOURCES: GatewayResources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '2000m', memory: '1024Mi' },
};

const DEFAULT_PORTS: GatewayPort[] = [
  { name: 'status-port', port: 15021, targetPort: 15021 },
  { name: 'http2', port: 80, targetPort: 80 },
  { name: 'https', port: 443, targetPort: 443 },
];

/** The chart's default autoscaler: 1-5 replicas at 80% CPU. */
const DEFAULT_MAX_REPLICAS = 5;
const DEFAULT_CPU_TARGET = 80;

const OVERRIDE_KEYS: Array<keyof GatewayOverrides> = [
  'replicaCount', 'resources', 'serviceAnnotations', 'podAnnotations', 'serviceType', 'cpu', 'memory', 'minReplicas', 'maxReplicas', 'runAsUser', 'runAsGroup',
];

/**
 * A gateway workload: per cluster, what Istio's `gateway` Helm chart (1.30) renders — ServiceAccount,
 * Deployment with gateway injection, Service, Role and RoleBinding for TLS secrets, and optionally an
 * autoscaling/v2 HPA and a PodDisruptionBudget — with per-cluster overrides.
 */
export class GatewayWorkload extends MeshMember implements IMeshWorkload {
  /**
   * The gateway workloads of `mesh`, in construct order (one walk of the mesh's constructs).
   * @internal
   */
  public static _ofMesh(mesh: MeshCore): GatewayWorkload[] {
    return mesh.node.findAll().filter((c): c is GatewayWorkload => c instanceof GatewayWorkload && c.mesh === mesh);
  }

  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The gateway name (Deployment, Service, ServiceAccount, `app` label). */
  public readonly name: string;
  /** The namespace its pods run in. */
  public readonly namespaceName: string;
  /** What the gateway is for. */
  public readonly gatewayType: GatewayType;
  /** The `istio` selector label. */
  public readonly istioLabel: string;
  /** The control-plane revision its pods are injected by. */
  public readonly revision: string;
  private readonly props: GatewayWorkloadProps;
  private readonly listenerList: GatewayListener[] = [];
  private resolvedClusters?: MeshCluster[];
  private existing?: ExistingGatewayFacts;

  constructor(scope: Construct, id: string, props: GatewayWorkloadProps) {
    checkInit('cdk8s-mesh.GatewayWorkload', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.gatewayType = props.gatewayType;
    this.name = props.name ?? `istio-${props.gatewayType}gateway`;
    this.namespaceName = props.namespaceName ?? this.mesh.rootNamespace;
    this.istioLabel = props.istioLabel ?? this.name.replace(/^istio-/, '');
    this.revision = props.revision ?? this.mesh.revision;
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /** The selector labels: `app` and `istio`, as the chart derives them, or an existing gateway's labels as declared. */
  public get selector(): { [key: string]: string } {
    if (this.existing) return { ...this.existing.selector };
    return { app: this.name, istio: this.istioLabel };
  }

  /** True for a gateway that already runs (`IngressGateway.fromExisting`, `EgressGateway.fromExisting`): nothing is emitted for it. */
  public get isExisting(): boolean {
    return this.existing !== undefined;
  }

  /**
   * Marks the gateway as existing, with its facts; called by the `fromExisting` factories right after construction.
   * @internal
   */
  public _adoptExisting(facts: ExistingGatewayFacts): void {
    this.existing = facts;
  }

  /** The namespace its pods run in (IMeshWorkload). */
  public get workloadNamespace(): string {
    return this.namespaceName;
  }

  /** The labels that select its pods (IMeshWorkload). */
  public get workloadSelector(): { [key: string]: string } {
    return this.selector;
  }

  /** The clusters where it runs (IMeshWorkload). */
  public get workloadClusters(): MeshCluster[] {
    return this.clusters;
  }

  /** The clusters the gateway is deployed to. */
  public get clusters(): MeshCluster[] {
    this.resolvedClusters ??= this.mesh.resolveClusters(this, this.defaultClusters(), this.props.clusters);
    return [...this.resolvedClusters];
  }

  /** The service account its pods run as. */
  public get serviceAccount(): string {
    return this.existing?.serviceAccount ?? this.name;
  }

  /** The identity of its pods, `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`. */
  public get principal(): string {
    return `${this.mesh.trustDomain}/ns/${this.namespaceName}/sa/${this.serviceAccount}`;
  }

  /** The in-cluster host of its Service. */
  public get host(): string {
    return `${this.name}.${this.namespaceName}.svc.cluster.local`;
  }

  /** The API its listeners render to (`trafficApi`, or the mesh's; always ISTIO for east-west gateways). */
  public get trafficApi(): TrafficApi {
    if (this.gatewayType === GatewayType.EAST_WEST) return TrafficApi.ISTIO;
    return this.props.trafficApi ?? TrafficApiSetting.of(this.mesh);
  }

  /** How Gateway API `Gateway`s get their pods (`deploymentMode`); AUTOMATED renders no workload objects. */
  public get deploymentMode(): GatewayDeploymentMode {
    return this.props.deploymentMode ?? GatewayDeploymentMode.MANUAL;
  }

  /** The listeners (Istio `Gateway` resources) attached to it. */
  public get listeners(): GatewayListener[] {
    return [...this.listenerList];
  }

  /**
   * The settings in one cluster after overrides and defaults, as an ASM `IstioGateway` for that cluster carries them.
   * @param cluster the cluster name
   */
  public settingsFor(cluster: string): ResolvedGatewaySettings {
    const override = this.props.overrides?.[cluster] ?? {};
    const merged: GatewayOptions = { ...optionsOf(this.props), ...definedOverrides(override) };
    const hpaFields = merged.cpu !== undefined || merged.memory !== undefined || merged.minReplicas !== undefined || merged.maxReplicas !== undefined;
    const autoscaling = hpaFields || merged.replicaCount === undefined;
    const minReplicas = autoscaling ? merged.minReplicas ?? merged.replicaCount ?? 1 : undefined;
    return {
      ...merged,
      cluster,
      name: this.name,
      namespaceName: this.namespaceName,
      gatewayType: this.gatewayType,
      ports: [...this.fixedPorts(), ...merged.ports ?? (this.fixedPorts().length ? [] : DEFAULT_PORTS)],
      serviceType: merged.serviceType ?? this.defaultServiceType(),
      resources: merged.resources ?? DEFAULT_RESOURCES,
      autoscaling,
      minReplicas,
      maxReplicas: autoscaling ? merged.maxReplicas ?? Math.max(DEFAULT_MAX_REPLICAS, minReplicas ?? 1) : undefined,
      cpu: autoscaling ? merged.cpu ?? (merged.memory ? undefined : { targetAverageUtilization: DEFAULT_CPU_TARGET }) : undefined,
      memory: autoscaling ? merged.memory : undefined,
    };
  }

  /** The options as declared, before defaults and overrides: what an ASM `IstioGateway` spec carries. */
  public get declaredOptions(): GatewayOptions {
    return optionsOf(this.props);
  }

  /** The per-cluster overrides as declared, by cluster name (ASM `overrides`). */
  public get declaredOverrides(): { [cluster: string]: GatewayOverrides } {
    return { ...this.props.overrides };
  }

  /**
   * ASM-only `IstioGateway` fields declared on the gateway, if any.
   * @deprecated use `AsmPlatform.gatewayOptionsOf(gateway)`
   */
  public get asmOptions(): AsmGatewayOptions | undefined {
    return this.props.asm;
  }

  /**
   * The TCM gateway options declared on the gateway, if any.
   * @deprecated use `TcmPlatform.gatewayOptionsOf(gateway)`
   */
  public get tcmOptions(): TcmGatewayOptions | undefined {
    return this.props.tcm;
  }

  /**
   * The Service ports in a cluster.
   * @param cluster the cluster name
   */
  public portsIn(cluster: string): GatewayPort[] {
    if (this.existing) return [...this.existing.overrides[cluster]?.ports ?? this.existing.ports];
    return this.settingsFor(cluster).ports ?? [];
  }

  /**
   * Attaches Istio `Gateway` listeners (servers) to this gateway.
   * @param id construct id, under this gateway
   * @param options servers, name, namespace and clusters
   */
  public addListener(id: string, options: GatewayListenerOptions = {}): GatewayListener {
    return new GatewayListener(this, id, { ...options, gateway: this });
  }

  /** @internal */
  public _registerListener(listener: GatewayListener): void {
    this.listenerList.push(listener);
  }

  /** The network the gateway serves in a cluster (east-west gateways), or undefined. */
  protected networkOf(_cluster: MeshCluster): string | undefined {
    return undefined;
  }

  /** Ports every instance has regardless of `ports` (east-west gateways). */
  protected fixedPorts(): GatewayPort[] {
    return [];
  }

  /** The Service type when none is set. */
  protected defaultServiceType(): GatewayServiceType {
    return this.gatewayType === GatewayType.EGRESS ? GatewayServiceType.CLUSTER_IP : GatewayServiceType.LOAD_BALANCER;
  }

  /** The clusters when `clusters` is unset. */
  protected defaultClusters(): MeshCluster[] {
    return this.mesh.workloadClusters;
  }

  /** Labels on every object: the selector plus the chart's standard labels (Helm-only ones left out). */
  private objectLabels(): { [key: string]: string } {
    return {
      ...this.selector,
      'app.kubernetes.io/name': this.name,
      'app.kubernetes.io/part-of': 'istio',
      'app.kubernetes.io/managed-by': 'cdk8s-mesh',
      [DATAPLANE_MODE_LABEL]: 'none',
    };
  }

  private podLabels(cluster: MeshCluster, settings: ResolvedGatewaySettings): { [key: string]: string } {
    const network = this.networkOf(cluster);
    return sortedRecord({
      ...settings.podLabels,
      ...this.injectionLabels(),
      ...this.objectLabels(),
      ...(this.needsClusterLabel() ? { [CLUSTER_LABEL]: cluster.clusterName } : {}),
      ...(network ? { [NETWORK_LABEL]: network } : {}),
    })!;
  }

  /** `sidecar.istio.io/inject: "true"`, plus `istio.io/rev` when pinned to a non-default revision. */
  private injectionLabels(): { [key: string]: string } {
    const labels: { [key: string]: string } = { 'sidecar.istio.io/inject': 'true' };
    if (this.revision !== 'default') labels['istio.io/rev'] = this.revision;
    return labels;
  }

  private podAnnotations(settings: ResolvedGatewaySettings): { [key: string]: string } {
    return sortedRecord({
      ...settings.podAnnotations,
      'inject.istio.io/templates': 'gateway',
      'prometheus.io/path': '/stats/prometheus',
      'prometheus.io/port': '15020',
      'prometheus.io/scrape': 'true',
      'sidecar.istio.io/inject': 'true',
    })!;
  }

  private needsClusterLabel(): boolean {
    return this.listenerList.some(l => l._clusterSelector() !== undefined);
  }

  private env(cluster: MeshCluster, settings: ResolvedGatewaySettings): GatewayEnvVar[] {
    const network = this.networkOf(cluster);
    const view = network ? [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: network }] : [];
    return [...view, ...settings.env ?? []];
  }

  private render(): void {
    if (this.existing) return;
    // The platform's provisioner (src/platforms/<name>/): ASM renders an IstioGateway CR, TCM provisions the gateway itself.
    const provisioner = GatewayProvisioningFeature.provisionerOf(this.mesh);
    if (provisioner.provisioning !== GatewayProvisioning.WORKLOADS) return provisioner.render(this);
    // Istio's automated deployment: istiod deploys `<gateway>-istio` for each Gateway API Gateway.
    const automated = this.trafficApi === TrafficApi.GATEWAY_API && this.deploymentMode === GatewayDeploymentMode.AUTOMATED;
    if (!automated) for (const cluster of this.clusters) this.renderIn(cluster);
    if (this.props.compression && this.gatewayType === GatewayType.INGRESS) {
      renderCompression(this, configClusters(this), this.props.compression);
    }
  }

  private renderIn(cluster: MeshCluster): void {
    const scope = cluster.scopeFor(this);
    const settings = this.settingsFor(cluster.clusterName);
    const metadata = { name: this.name, namespace: this.namespaceName, labels: sortedRecord(this.objectLabels()) };
    new k8s.KubeServiceAccount(scope, 'ServiceAccount', { metadata });
    new k8s.KubeRole(scope, 'Role', {
      metadata,
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] }],
    });
    new k8s.KubeRoleBinding(scope, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.serviceAccount },
      subjects: [{ kind: 'ServiceAccount', name: this.serviceAccount }],
    });
    const network = this.networkOf(cluster);
    const model = this.instanceModel(cluster, settings);
    new k8s.KubeService(scope, 'Service', {
      metadata: {
        name: this.name,
        namespace: this.namespaceName,
        labels: sortedRecord({ ...settings.serviceLabels, ...this.objectLabels(), ...(network ? { [NETWORK_LABEL]: network } : {}) }),
        annotations: sortedRecord(settings.serviceAnnotations),
      },
      spec: renderGatewayServiceSpec(model),
    });
    new k8s.KubeDeployment(scope, 'Deployment', { metadata, spec: renderGatewayDeploymentSpec(model) });
    if (settings.autoscaling) new k8s.KubeHorizontalPodAutoscalerV2(scope, 'HorizontalPodAutoscaler', { metadata, spec: renderGatewayAutoscalerSpec(model) });
    const budget = renderGatewayDisruptionBudgetSpec(model);
    if (budget) new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', { metadata, spec: budget });
  }

  private instanceModel(cluster: MeshCluster, settings: ResolvedGatewaySettings): GatewayInstanceModel {
    return {
      name: this.name,
      selector: this.selector,
      serviceAccount: this.serviceAccount,
      podLabels: this.podLabels(cluster, settings),
      podAnnotations: this.podAnnotations(settings),
      env: this.env(cluster, settings),
      settings,
    };
  }

  private validate(): void {
    if (!this.existing) GatewayProvisioningFeature.provisionerOf(this.mesh).validate(this);
    for (const cluster of this.clusters) {
      const key = `${cluster.clusterName}/${this.namespaceName}/${this.name}/gateway`;
      if (claimOnce(this.mesh, key, this, this.node.path) === 'conflict') this.mesh.report(GatewayRules.DUPLICATE_GATEWAY, this, key.replace(/\/gateway$/, ''));
    }
    if (this.existing) {
      return checkExistingGateway({
        mesh: this.mesh,
        construct: this,
        clusterNames: this.clusters.map(c => c.clusterName),
        overriddenClusters: Object.keys(this.existing.overrides),
        listeners: this.listenerList,
        portsIn: cluster => this.portsIn(cluster),
      });
    }
    checkGatewayWorkload({
      mesh: this.mesh,
      construct: this,
      gatewayType: this.gatewayType,
      clusterNames: this.clusters.map(c => c.clusterName),
      overriddenClusters: Object.keys(this.props.overrides ?? {}),
      listeners: this.listenerList,
      compression: this.props.compression,
      hostNetwork: this.props.hostNetwork,
      dnsPolicy: this.props.dnsPolicy,
      kernel: this.props.kernel,
      settingsFor: cluster => this.settingsFor(cluster),
    });
  }
}

/** The config clusters where Istio config for this gateway's proxies takes effect. */
function configClusters(gateway: GatewayWorkload): MeshCluster[] {
  return configClustersFor(gateway.mesh, gateway.clusters);
}

/** The ASM-shaped options of the props, without placement and naming. */
function optionsOf(props: GatewayWorkloadProps): GatewayOptions {
  const {
    overrides: _o, clusters: _c, name: _n, namespaceName: _ns, istioLabel: _l, revision: _r, gatewayType: _t, asm: _a, tcm: _m,
    trafficApi: _api, deploymentMode: _d, ...options
  } = props;
  return options;
}

/** The override's set fields, in `OVERRIDE_KEYS` order. */
function definedOverrides(override: GatewayOverrides): GatewayOverrides {
  return definedEntries(Object.fromEntries(OVERRIDE_KEYS.map(key => [key, override[key]])));
}
