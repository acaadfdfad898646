import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AsmAutoscaling, AsmClusterOverride, AsmCompression, AsmConfigVolume, AsmDnsPolicy, AsmEnvVar,
  AsmExternalTrafficPolicy, AsmGatewayPort, AsmGatewayType, AsmKernelTuning, AsmReadinessProbe, AsmResources,
  AsmSecretVolume, AsmServiceType,
} from './asm-gateway-options';
import { sortedRecord } from '../../core/names';
import type { MeshCluster } from '../../topology/cluster';
import { Mesh } from '../../topology/mesh';
import { PlatformRules } from '../../validation/rules/platform';
import { PlatformKind } from '../platform';
import { onPlatform } from '../validate';

/** The API version and kind ASM provisions gateways from. */
export const ISTIO_GATEWAY_API_VERSION = 'istio.alibabacloud.com/v1beta1';
/** The only namespace ASM gateways start in. */
export const ASM_GATEWAY_NAMESPACE = 'istio-system';

/**
 * An ASM ingress or egress gateway, every field of the `IstioGateway` CR (seed 004 field reference).
 * Fields marked "rolls the gateway pods" trigger a rolling restart when changed.
 */
export interface AsmGatewayProps {
  /** The gateway name; ASM names the generated Service and Deployment after it. */
  readonly name: string;
  /** Ingress or egress. */
  readonly gatewayType: AsmGatewayType;
  /**
   * The namespace. ASM gateways only start in istio-system (MESH-PLAT-007).
   * @default 'istio-system'
   */
  readonly namespace?: string;
  /**
   * The clusters the gateway is deployed to, by cluster name (`clusterIds`, mapped with `AsmOptions.clusterIds`).
   * @default - every data-plane cluster of the mesh
   */
  readonly clusters?: string[];
  /**
   * Ports and protocols. Changing them rolls the gateway pods before ASM 1.16.
   * @default - none
   */
  readonly ports?: AsmGatewayPort[];
  /**
   * The Service type.
   * @default - ASM's default (LoadBalancer)
   */
  readonly serviceType?: AsmServiceType;
  /**
   * The load balancer class (LoadBalancer services only).
   * @default - none
   */
  readonly loadBalancerClass?: string;
  /**
   * Routing scope for inbound traffic (ingress gateways only, MESH-PLAT-010).
   * @default - ASM's default
   */
  readonly externalTrafficPolicy?: AsmExternalTrafficPolicy;
  /**
   * Service annotations (LoadBalancer services), e.g. the SLB address type.
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };
  /**
   * Service labels.
   * @default - none
   */
  readonly serviceLabels?: { [key: string]: string };
  /**
   * Run the pod in the host network namespace. Changing it rolls the gateway pods.
   * @default - not set
   */
  readonly hostNetwork?: boolean;
  /**
   * The pod DNS policy. Changing it rolls the gateway pods.
   * @default - not set
   */
  readonly dnsPolicy?: AsmDnsPolicy;
  /**
   * Environment variables, in order. Changing them rolls the gateway pods.
   * @default - none
   */
  readonly env?: AsmEnvVar[];
  /**
   * Pod labels. Changing them rolls the gateway pods.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Pod annotations. Changing them rolls the gateway pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Node selector. Changing it rolls the gateway pods (subject to scheduling constraints).
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity rules. Changing them rolls the gateway pods (subject to scheduling constraints).
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Tolerations. Changing them rolls the gateway pods (subject to scheduling constraints).
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Replica count.
   * @default - ASM's default
   */
  readonly replicaCount?: number;
  /**
   * CPU and memory. Changing them rolls the gateway pods.
   * @default - ASM's default
   */
  readonly resources?: AsmResources;
  /**
   * Max surge during rolling updates: a count ("1") or a percentage ("25%").
   * @default - ASM's default
   */
  readonly rollingMaxSurge?: string;
  /**
   * Max unavailable during rolling updates: a count ("1") or a percentage ("25%").
   * @default - ASM's default
   */
  readonly rollingMaxUnavailable?: string;
  /**
   * Horizontal Pod Autoscaling.
   * @default - none
   */
  readonly autoscaling?: AsmAutoscaling;
  /**
   * ConfigMap volumes. Changing them rolls the gateway pods.
   * @default - none
   */
  readonly configVolumes?: AsmConfigVolume[];
  /**
   * Secret volumes. Changing them rolls the gateway pods.
   * @default - none
   */
  readonly secretVolumes?: AsmSecretVolume[];
  /**
   * Kernel parameter tuning. Changing it rolls the gateway pods.
   * @default - none
   */
  readonly kernel?: AsmKernelTuning;
  /**
   * Response compression (ingress gateways only, MESH-PLAT-010).
   * @default - none
   */
  readonly compression?: AsmCompression;
  /**
   * Per-cluster overrides; keys are the gateway's clusters (MESH-PLAT-009).
   * @default - none
   */
  readonly overrides?: AsmClusterOverride[];
  /**
   * Whether ASM also creates a default Istio `Gateway` for it.
   * @default - not set
   */
  readonly autoCreateGatewayYaml?: boolean;
  /**
   * Whether container ports are left unexposed.
   * @default - not set
   */
  readonly disableContainerPortExposed?: boolean;
  /**
   * The readiness probe; an empty probe keeps ASM's defaults.
   * @default - not set
   */
  readonly readinessProbe?: AsmReadinessProbe;
  /**
   * Run the gateway as root.
   * @default - not set
   */
  readonly runAsRoot?: boolean;
}

/** The override fields ASM accepts before 1.16. */
const PRE_116_OVERRIDE_FIELDS = new Set(['serviceAnnotations', 'podAnnotations', 'resources', 'replicaCount']);

/**
 * An ASM ingress or egress gateway: one `IstioGateway` CR in the ASM control plane (the mesh's CONFIG
 * output), from which ASM provisions the Service, Deployment and ServiceAccount in each target cluster.
 */
export class AsmGateway extends Construct {
  /** The gateway name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** Ingress or egress. */
  public readonly gatewayType: AsmGatewayType;
  /** The mesh. */
  public readonly mesh: Mesh;
  private readonly props: AsmGatewayProps;
  private resolved?: MeshCluster[];

  constructor(scope: Construct, id: string, props: AsmGatewayProps) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.props = props;
    this.name = props.name;
    this.namespace = props.namespace ?? ASM_GATEWAY_NAMESPACE;
    this.gatewayType = props.gatewayType;
    this.mesh._onSynth(() => this.render(), () => this.validate());
  }

  /** The data-plane clusters the gateway is deployed to. */
  public get clusters(): MeshCluster[] {
    this.resolved ??= this.mesh.resolveClusters(this, this.mesh.workloadClusters, this.props.clusters);
    return [...this.resolved];
  }

  /** The `IstioGateway` spec, as written. */
  public get spec(): any {
    const p = this.props;
    const platform = this.mesh.platform;
    return {
      gatewayType: p.gatewayType,
      clusterIds: this.clusters.map(c => platform.clusterIdOf(c.clusterName)),
      ports: p.ports?.map(port => ({ ...port })),
      serviceType: p.serviceType,
      loadBalancerClass: p.loadBalancerClass,
      externalTrafficPolicy: p.externalTrafficPolicy,
      serviceAnnotations: sortedRecord(p.serviceAnnotations),
      serviceLabels: sortedRecord(p.serviceLabels),
      hostNetwork: p.hostNetwork,
      dnsPolicy: p.dnsPolicy,
      env: p.env?.map(e => ({ name: e.name, value: e.value })),
      podLabels: sortedRecord(p.podLabels),
      podAnnotations: sortedRecord(p.podAnnotations),
      nodeSelector: sortedRecord(p.nodeSelector),
      affinity: p.affinity,
      tolerations: p.tolerations,
      replicaCount: p.replicaCount,
      resources: p.resources,
      rollingMaxSurge: intOrString(p.rollingMaxSurge),
      rollingMaxUnavailable: intOrString(p.rollingMaxUnavailable),
      ...autoscalingFields(p.autoscaling),
      configVolumes: p.configVolumes,
      secretVolumes: p.secretVolumes,
      kernel: p.kernel && { enabled: p.kernel.enabled, parameters: sortedRecord(p.kernel.parameters) },
      compression: p.compression && compressionFields(p.compression),
      overrides: p.overrides && Object.fromEntries(p.overrides.map(o => [platform.clusterIdOf(o.cluster), overrideFields(o)])),
      autoCreateGatewayYaml: p.autoCreateGatewayYaml,
      disableContainerPortExposed: p.disableContainerPortExposed,
      readinessProbe: p.readinessProbe && { ...p.readinessProbe },
      runAsRoot: p.runAsRoot,
    };
  }

  private render(): void {
    if (this.mesh.platform.kind !== PlatformKind.ASM) return;
    for (const cluster of this.mesh.configClusters) {
      new ApiObject(cluster.scopeFor(this), 'IstioGateway', {
        apiVersion: ISTIO_GATEWAY_API_VERSION,
        kind: 'IstioGateway',
        metadata: { name: this.name, namespace: this.namespace },
        spec: this.spec,
      });
    }
  }

  private validate(): void {
    const mesh = this.mesh;
    const detail = onPlatform(mesh);
    const p = this.props;
    if (mesh.platform.kind !== PlatformKind.ASM) {
      mesh.report(PlatformRules.WRONG_PLATFORM, this, 'IstioGateway', `${detail} IstioGateway is an Alibaba Cloud ASM resource.`);
      return;
    }
    if (this.namespace !== ASM_GATEWAY_NAMESPACE) mesh.report(PlatformRules.ASM_GATEWAY_NAMESPACE, this, this.namespace, detail);
    const clusters = this.clusters;
    for (const cluster of clusters.filter(c => !c.runsWorkloads)) {
      mesh.report(PlatformRules.GATEWAY_ON_CONFIG_CLUSTER, this, cluster.clusterName, detail);
    }
    if (this.gatewayType === AsmGatewayType.EGRESS) {
      for (const field of ['compression', 'externalTrafficPolicy'] as const) {
        if (p[field] !== undefined) mesh.report(PlatformRules.ASM_INGRESS_ONLY, `${this.node.path}/${field}`, field, detail);
      }
    }
    this.validateAutoscaling(p.autoscaling, this.node.path);
    const names = new Set(clusters.map(c => c.clusterName));
    const version = mesh.platform.asmOptions?.version ?? mesh.istioVersion;
    for (const override of p.overrides ?? []) {
      const where = `${this.node.path}/overrides/${override.cluster}`;
      if (!names.has(override.cluster)) mesh.report(PlatformRules.ASM_OVERRIDE_CLUSTER, where, override.cluster, detail);
      const fields = Object.keys(override).filter(k => k !== 'cluster' && (override as any)[k] !== undefined);
      for (const field of fields.filter(f => !PRE_116_OVERRIDE_FIELDS.has(f))) {
        if (!version.isAtLeast(1, 16)) mesh.report(PlatformRules.ASM_OVERRIDE_FIELD, where, field, `${detail} The instance runs ASM ${version.toString()}.`);
      }
      this.validateAutoscaling(override.autoscaling, where);
    }
  }

  private validateAutoscaling(hpa: AsmAutoscaling | undefined, where: string): void {
    if (!hpa) return;
    const percent = (n?: number) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 100);
    const positive = (n?: number) => n === undefined || (Number.isInteger(n) && n >= 1);
    const ordered = hpa.minReplicas === undefined || hpa.maxReplicas === undefined || hpa.minReplicas <= hpa.maxReplicas;
    const valid = percent(hpa.cpuTargetUtilization) && percent(hpa.memoryTargetUtilization)
      && positive(hpa.minReplicas) && positive(hpa.maxReplicas) && ordered;
    if (!valid) {
      this.mesh.report(PlatformRules.ASM_AUTOSCALING, `${where}/autoscaling`, hpa, onPlatform(this.mesh));
    }
  }
}

/** A count ("1") as an integer, a percentage ("25%") as a string. */
function intOrString(value: string | undefined): string | number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}

/** The HPA fields of a spec or an override. */
function autoscalingFields(hpa: AsmAutoscaling | undefined): Record<string, unknown> {
  if (!hpa) return {};
  const target = (n?: number) => n === undefined ? undefined : { targetAverageUtilization: n };
  return {
    cpu: target(hpa.cpuTargetUtilization),
    memory: target(hpa.memoryTargetUtilization),
    minReplicas: hpa.minReplicas,
    maxReplicas: hpa.maxReplicas,
  };
}

/** `spec.compression` with ASM's snake_case field names. */
function compressionFields(c: AsmCompression): Record<string, unknown> {
  const g = c.gzip ?? {};
  return {
    enabled: c.enabled,
    content_type: c.contentTypes,
    min_content_length: c.minContentLength,
    disable_on_etag_header: c.disableOnEtagHeader,
    remove_accept_encoding_header: c.removeAcceptEncodingHeader,
    gzip: {
      memory_level: g.memoryLevel,
      compression_level: g.compressionLevel,
      compression_strategy: g.compressionStrategy,
      window_bits: g.windowBits,
      chunk_size: g.chunkSize,
    },
  };
}

/** One `spec.overrides.<clusterId>` entry. */
function overrideFields(o: AsmClusterOverride): Record<string, unknown> {
  return {
    serviceAnnotations: sortedRecord(o.serviceAnnotations),
    podAnnotations: sortedRecord(o.podAnnotations),
    resources: o.resources,
    replicaCount: o.replicaCount,
    ...autoscalingFields(o.autoscaling),
    serviceType: o.serviceType,
  };
}
