import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { renderCompression, validateCompression } from './compression';
import { GatewayListener, GatewayListenerOptions } from './gateway-listener';
import {
  GatewayDnsPolicy, GatewayEnvVar, GatewayOptions, GatewayOverrides, GatewayPort, GatewayResources, GatewayServiceType, GatewayType,
  GatewayWorkloadProps, ResolvedGatewaySettings, ExternalTrafficPolicy,
} from './gateway-options';
import { GatewayProvisioning, GatewayProvisioningFeature } from './gateway-provisioner';
import { CLUSTER_LABEL, claimOnce, configClustersFor } from './placement';
import { AsmGatewayOptions, TcmGatewayOptions } from './platform-gateway-options';
import { definedEntries, sortedRecord } from '../core/names';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { NETWORK_LABEL } from '../topology/namespace';
import { checkInit } from '../validation/input/check';
import { GatewayRules } from '../validation/rules/gateway';
import { ISTIO_RESERVED_PORTS } from '../workloads/mesh-service';
import { Protocol } from '../workloads/protocol';
import { IMeshWorkload } from '../workloads/workload';


/** Reserved proxy ports that a gateway Service may target: agent/Envoy metrics and the health port. */
const EXPOSABLE_PROXY_PORTS = [15020, 15021, 15090];

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
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The gateway name (Deployment, Service, ServiceAccount, `app` label). */
  public readonly name: string;
  /** The namespace its pods run in. */
  public readonly namespace: string;
  /** What the gateway is for. */
  public readonly gatewayType: GatewayType;
  /** The `istio` selector label. */
  public readonly istioLabel: string;
  /** The control-plane revision its pods are injected by. */
  public readonly revision: string;
  private readonly props: GatewayWorkloadProps;
  private readonly listenerList: GatewayListener[] = [];
  private resolvedClusters?: MeshCluster[];

  constructor(scope: Construct, id: string, props: GatewayWorkloadProps) {
    checkInit('cdk8s-mesh.GatewayWorkload', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.gatewayType = props.gatewayType;
    this.name = props.name ?? `istio-${props.gatewayType}gateway`;
    this.namespace = props.namespace ?? this.mesh.rootNamespace;
    this.istioLabel = props.istioLabel ?? this.name.replace(/^istio-/, '');
    this.revision = props.revision ?? this.mesh.revision;
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /** The selector labels, `app` and `istio`, as the chart derives them. */
  public get selector(): { [key: string]: string } {
    return { app: this.name, istio: this.istioLabel };
  }

  /** The namespace its pods run in (IMeshWorkload). */
  public get workloadNamespace(): string {
    return this.namespace;
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
    return this.name;
  }

  /** The identity of its pods, `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`. */
  public get principal(): string {
    return `${this.mesh.trustDomain}/ns/${this.namespace}/sa/${this.serviceAccount}`;
  }

  /** The in-cluster host of its Service. */
  public get host(): string {
    return `${this.name}.${this.namespace}.svc.cluster.local`;
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
      namespace: this.namespace,
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
      'istio.io/dataplane-mode': 'none',
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

  private sysctls(settings: ResolvedGatewaySettings): k8s.Sysctl[] {
    const kernel = settings.kernel && settings.kernel.enabled !== false ? settings.kernel.parameters : {};
    const all: Record<string, string> = { 'net.ipv4.ip_unprivileged_port_start': '0', ...kernel };
    return Object.keys(all)
      .filter(name => !(settings.hostNetwork && name.startsWith('net.')))
      .map(name => ({ name, value: all[name] }));
  }

  private render(): void {
    // The platform's provisioner (src/platforms/<name>/): ASM renders an IstioGateway CR, TCM provisions the gateway itself.
    const provisioner = GatewayProvisioningFeature.provisionerOf(this.mesh);
    if (provisioner.provisioning !== GatewayProvisioning.WORKLOADS) return provisioner.render(this);
    for (const cluster of this.clusters) this.renderIn(cluster);
    if (this.props.compression && this.gatewayType === GatewayType.INGRESS) {
      renderCompression(this, configClusters(this), this.props.compression);
    }
  }

  private renderIn(cluster: MeshCluster): void {
    const scope = cluster.scopeFor(this);
    const settings = this.settingsFor(cluster.clusterName);
    const metadata = { name: this.name, namespace: this.namespace, labels: sortedRecord(this.objectLabels()) };
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
    this.renderService(scope, cluster, settings);
    this.renderDeployment(scope, cluster, settings);
    if (settings.autoscaling) this.renderAutoscaler(scope, settings);
    this.renderDisruptionBudget(scope, settings);
  }

  private renderService(scope: Construct, cluster: MeshCluster, settings: ResolvedGatewaySettings): void {
    const network = this.networkOf(cluster);
    const type = settings.serviceType!;
    const exposed = type !== GatewayServiceType.CLUSTER_IP;
    new k8s.KubeService(scope, 'Service', {
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: sortedRecord({ ...settings.serviceLabels, ...this.objectLabels(), ...(network ? { [NETWORK_LABEL]: network } : {}) }),
        annotations: sortedRecord(settings.serviceAnnotations),
      },
      spec: {
        type,
        ports: (settings.ports ?? []).map(p => ({
          name: p.name,
          port: p.port,
          protocol: p.protocol === Protocol.UDP ? 'UDP' : 'TCP',
          targetPort: k8s.IntOrString.fromNumber(p.targetPort || p.port),
          nodePort: exposed ? p.nodePort : undefined,
        })),
        selector: sortedRecord(this.selector),
        loadBalancerClass: type === GatewayServiceType.LOAD_BALANCER ? settings.loadBalancerClass : undefined,
        externalTrafficPolicy: exposed ? settings.externalTrafficPolicy : undefined,
      },
    });
  }

  private renderDeployment(scope: Construct, cluster: MeshCluster, settings: ResolvedGatewaySettings): void {
    const resources = settings.resources!;
    const volumes = [
      ...(settings.configVolumes ?? []).map(v => ({ name: v.name, configMap: { name: v.configMapName } })),
      ...(settings.secretVolumes ?? []).map(v => ({ name: v.name, secret: { secretName: v.secretName } })),
    ];
    const mounts = [...settings.configVolumes ?? [], ...settings.secretVolumes ?? []].map(v => ({ name: v.name, mountPath: v.mountPath }));
    const env = this.env(cluster, settings);
    new k8s.KubeDeployment(scope, 'Deployment', {
      metadata: { name: this.name, namespace: this.namespace, labels: sortedRecord(this.objectLabels()) },
      spec: {
        replicas: settings.autoscaling ? undefined : settings.replicaCount,
        selector: { matchLabels: sortedRecord(this.selector) },
        strategy: rollingStrategy(settings.rollingMaxSurge, settings.rollingMaxUnavailable),
        template: {
          metadata: { labels: this.podLabels(cluster, settings), annotations: this.podAnnotations(settings) },
          spec: {
            serviceAccountName: this.serviceAccount,
            // restricted Pod Security Standard: RuntimeDefault seccomp for every container, set once at pod level
            securityContext: { seccompProfile: { type: 'RuntimeDefault' }, sysctls: this.sysctls(settings) },
            hostNetwork: settings.hostNetwork,
            dnsPolicy: settings.dnsPolicy ?? (settings.hostNetwork ? GatewayDnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : undefined),
            nodeSelector: sortedRecord(settings.nodeSelector),
            affinity: settings.affinity,
            tolerations: settings.tolerations,
            volumes: volumes.length ? volumes : undefined,
            terminationGracePeriodSeconds: 30,
            containers: [{
              name: 'istio-proxy',
              image: 'auto',
              securityContext: {
                capabilities: { drop: ['ALL'] },
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: settings.runAsUser,
                runAsGroup: settings.runAsGroup,
              },
              env: env.length ? env.map(e => ({ name: e.name, value: e.value })) : undefined,
              ports: [{ containerPort: 15090, protocol: 'TCP', name: 'http-envoy-prom' }],
              resources: {
                limits: quantities(resources.limits),
                requests: quantities(resources.requests),
              },
              volumeMounts: mounts.length ? mounts : undefined,
            }],
          },
        },
      },
    });
  }

  private renderAutoscaler(scope: Construct, settings: ResolvedGatewaySettings): void {
    const metric = (name: string, target: number) => ({
      type: 'Resource',
      resource: { name, target: { type: 'Utilization', averageUtilization: target } },
    });
    new k8s.KubeHorizontalPodAutoscalerV2(scope, 'HorizontalPodAutoscaler', {
      metadata: { name: this.name, namespace: this.namespace, labels: sortedRecord(this.objectLabels()) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
        minReplicas: settings.minReplicas,
        maxReplicas: settings.maxReplicas!,
        metrics: [
          ...(settings.cpu ? [metric('cpu', settings.cpu.targetAverageUtilization)] : []),
          ...(settings.memory ? [metric('memory', settings.memory.targetAverageUtilization)] : []),
        ],
      },
    });
  }

  private renderDisruptionBudget(scope: Construct, settings: ResolvedGatewaySettings): void {
    const budget = settings.podDisruptionBudget;
    if (!budget || guaranteedReplicas(settings) <= 1) return;
    new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
      metadata: { name: this.name, namespace: this.namespace, labels: sortedRecord(this.objectLabels()) },
      spec: {
        selector: { matchLabels: sortedRecord(this.selector) },
        minAvailable: intOrString(budget.minAvailable),
        maxUnavailable: intOrString(budget.maxUnavailable),
      },
    });
  }

  private validate(): void {
    GatewayProvisioningFeature.provisionerOf(this.mesh).validate(this);
    const placed = new Set(this.clusters.map(c => c.clusterName));
    for (const cluster of Object.keys(this.props.overrides ?? {})) {
      if (!placed.has(cluster)) this.mesh.report(GatewayRules.OVERRIDE_UNKNOWN_CLUSTER, this, cluster);
    }
    for (const cluster of this.clusters) {
      const key = `${cluster.clusterName}/${this.namespace}/${this.name}/gateway`;
      if (claimOnce(this.mesh, key, this.node.path) === 'conflict') this.mesh.report(GatewayRules.DUPLICATE_GATEWAY, this, key.replace(/\/gateway$/, ''));
      this.validateSettings(this.settingsFor(cluster.clusterName));
    }
    for (const conflict of protocolConflicts(this.listenerList)) {
      this.mesh.report(GatewayRules.CONFLICTING_LISTENER_PORT, conflict.listener, `${conflict.port}: ${conflict.protocols.join(' vs ')}`);
    }
    if (this.props.compression) {
      if (this.gatewayType !== GatewayType.INGRESS) this.mesh.report(GatewayRules.COMPRESSION_NOT_INGRESS, this, this.gatewayType);
      validateCompression(this, this.props.compression);
    }
    if (this.props.hostNetwork && this.props.dnsPolicy !== undefined && this.props.dnsPolicy !== GatewayDnsPolicy.CLUSTER_FIRST_WITH_HOST_NET) {
      this.mesh.report(GatewayRules.HOST_NETWORK_DNS, this, this.props.dnsPolicy);
    }
    const netSysctls = Object.keys(this.props.kernel?.parameters ?? {}).filter(n => n.startsWith('net.'));
    if (this.props.hostNetwork && this.props.kernel?.enabled !== false && netSysctls.length) {
      this.mesh.report(GatewayRules.HOST_NETWORK_NET_SYSCTL, this, netSysctls);
    }
  }

  private validateSettings(s: ResolvedGatewaySettings): void {
    const where = `In cluster ${s.cluster}.`;
    this.validatePorts(s.ports ?? [], where);
    if (s.loadBalancerClass !== undefined && s.serviceType !== GatewayServiceType.LOAD_BALANCER) {
      this.mesh.report(GatewayRules.LOAD_BALANCER_CLASS_TYPE, this, s.serviceType, where);
    }
    if (s.externalTrafficPolicy !== undefined && s.serviceType === GatewayServiceType.CLUSTER_IP) {
      this.mesh.report(GatewayRules.EXTERNAL_TRAFFIC_POLICY_TYPE, this, `${s.externalTrafficPolicy as ExternalTrafficPolicy} on ${s.serviceType}`, where);
    }
    if (s.autoscaling && (s.minReplicas! < 1 || s.minReplicas! > s.maxReplicas!)) {
      this.mesh.report(GatewayRules.HPA_MIN_ABOVE_MAX, this, { minReplicas: s.minReplicas, maxReplicas: s.maxReplicas }, where);
    }
    for (const target of [s.cpu, s.memory]) {
      const value = target?.targetAverageUtilization;
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100)) {
        this.mesh.report(GatewayRules.HPA_TARGET_RANGE, this, value, where);
      }
    }
    for (const id of [s.runAsUser, s.runAsGroup]) {
      const unprivileged = id === undefined || (Number.isInteger(id) && id > 0 && id <= 2147483647);
      if (!unprivileged) this.mesh.report(GatewayRules.PROXY_ID_NOT_UNPRIVILEGED, this, id, where);
    }
    if (s.podDisruptionBudget && guaranteedReplicas(s) <= 1) {
      this.mesh.report(GatewayRules.PDB_SINGLE_REPLICA, this, guaranteedReplicas(s), where);
    }
  }

  private validatePorts(ports: GatewayPort[], where: string): void {
    const numbers = new Set<number>();
    const names = new Set<string>();
    const nodePorts = new Set<number>();
    for (const p of ports) {
      if (p.nodePort !== undefined && nodePorts.has(p.nodePort)) this.mesh.report(GatewayRules.DUPLICATE_NODE_PORT, this, p.nodePort, where);
      if (p.nodePort !== undefined) nodePorts.add(p.nodePort);
      if (numbers.has(p.port) || names.has(p.name)) this.mesh.report(GatewayRules.DUPLICATE_SERVICE_PORT, this, `${p.name}:${p.port}`, where);
      numbers.add(p.port);
      names.add(p.name);
      if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767)) {
        this.mesh.report(GatewayRules.NODE_PORT_RANGE, this, p.nodePort, where);
      }
      const target = p.targetPort || p.port;
      if (ISTIO_RESERVED_PORTS.includes(target) && !EXPOSABLE_PROXY_PORTS.includes(target)) {
        this.mesh.report(GatewayRules.RESERVED_PORT, this, target, where);
      }
    }
  }
}

/** The config clusters where Istio config for this gateway's proxies takes effect. */
function configClusters(gateway: GatewayWorkload): MeshCluster[] {
  return configClustersFor(gateway.mesh, gateway.clusters);
}

/** The ASM-shaped options of the props, without placement and naming. */
function optionsOf(props: GatewayWorkloadProps): GatewayOptions {
  const {
    overrides: _o, clusters: _c, name: _n, namespace: _ns, istioLabel: _l, revision: _r, gatewayType: _t, asm: _a, tcm: _m, ...options
  } = props;
  return options;
}

/** The override's set fields, in `OVERRIDE_KEYS` order. */
function definedOverrides(override: GatewayOverrides): GatewayOverrides {
  return definedEntries(Object.fromEntries(OVERRIDE_KEYS.map(key => [key, override[key]])));
}

function guaranteedReplicas(s: ResolvedGatewaySettings): number {
  return (s.autoscaling ? s.minReplicas : s.replicaCount) ?? 1;
}

function intOrString(value: string | undefined): k8s.IntOrString | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? k8s.IntOrString.fromNumber(Number(value)) : k8s.IntOrString.fromString(value);
}

function rollingStrategy(maxSurge?: string, maxUnavailable?: string): k8s.DeploymentStrategy | undefined {
  if (maxSurge === undefined && maxUnavailable === undefined) return undefined;
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrString(maxSurge), maxUnavailable: intOrString(maxUnavailable) } };
}

function quantities(q: { cpu?: string; memory?: string } | undefined): { [key: string]: k8s.Quantity } | undefined {
  if (!q || (q.cpu === undefined && q.memory === undefined)) return undefined;
  const out: { [key: string]: k8s.Quantity } = {};
  if (q.cpu !== undefined) out.cpu = k8s.Quantity.fromString(q.cpu);
  if (q.memory !== undefined) out.memory = k8s.Quantity.fromString(q.memory);
  return out;
}

/** Protocols that clash on one port: every server on a port must share the protocol. */
function protocolConflicts(listeners: GatewayListener[]): Array<{ listener: GatewayListener; port: number; protocols: string[] }> {
  const byPort = new Map<number, { protocol: string; listener: GatewayListener }>();
  const out: Array<{ listener: GatewayListener; port: number; protocols: string[] }> = [];
  for (const listener of listeners) {
    for (const server of listener.servers) {
      const protocol = server.protocol.toUpperCase();
      const first = byPort.get(server.port);
      if (!first) byPort.set(server.port, { protocol, listener });
      else if (first.protocol !== protocol) out.push({ listener, port: server.port, protocols: [first.protocol, protocol] });
    }
  }
  return out;
}
