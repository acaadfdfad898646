import { k8s } from 'cdk8s-plus-28';
import { AsmGatewayOptions, TcmGatewayOptions } from './platform-gateway-options';
import { GatewayDeploymentMode, TrafficApi } from './traffic-api';
import { Protocol } from '../workloads/protocol';

/** What a gateway is for (ASM `gatewayType`, plus the east-west gateway). */
export enum GatewayType {
  /** Routes traffic into the mesh. */
  INGRESS = 'ingress',
  /** Routes traffic leaving the mesh through a controlled exit point. */
  EGRESS = 'egress',
  /** Carries mTLS traffic between networks (and, optionally, exposes istiod to remote clusters). */
  EAST_WEST = 'eastwest',
}

/** The Kubernetes Service type of a gateway (ASM `serviceType`). */
export enum GatewayServiceType {
  /** A cloud load balancer in front of the gateway. */
  LOAD_BALANCER = 'LoadBalancer',
  /** Node ports on every node. */
  NODE_PORT = 'NodePort',
  /** A cluster-internal address only. */
  CLUSTER_IP = 'ClusterIP',
}

/** Where externally arriving traffic may be routed (ASM `externalTrafficPolicy`). */
export enum ExternalTrafficPolicy {
  /** Any node forwards to any gateway pod (client source IP is lost). */
  CLUSTER = 'Cluster',
  /** Only nodes running a gateway pod receive traffic; the client source IP is preserved (TCM "preserve client source IP"). */
  LOCAL = 'Local',
}

/** The DNS policy of the gateway pod (ASM `dnsPolicy`). */
export enum GatewayDnsPolicy {
  /** Cluster DNS first (Kubernetes default). */
  CLUSTER_FIRST = 'ClusterFirst',
  /** Cluster DNS first, for pods on the host network. */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** The node's resolver. */
  DEFAULT = 'Default',
  /** DNS settings come from `dnsConfig` only. */
  NONE = 'None',
}

/** zlib compression level (ASM `compression.gzip.compression_level`). */
export enum GzipCompressionLevel {
  /** zlib default, level 6. */
  DEFAULT_COMPRESSION = 'DEFAULT_COMPRESSION',
  /** Level 1. */
  BEST_SPEED = 'BEST_SPEED',
  /** Level 9. */
  BEST_COMPRESSION = 'BEST_COMPRESSION',
  /** Level 1. */
  COMPRESSION_LEVEL_1 = 'COMPRESSION_LEVEL_1',
  /** Level 2. */
  COMPRESSION_LEVEL_2 = 'COMPRESSION_LEVEL_2',
  /** Level 3. */
  COMPRESSION_LEVEL_3 = 'COMPRESSION_LEVEL_3',
  /** Level 4. */
  COMPRESSION_LEVEL_4 = 'COMPRESSION_LEVEL_4',
  /** Level 5. */
  COMPRESSION_LEVEL_5 = 'COMPRESSION_LEVEL_5',
  /** Level 6. */
  COMPRESSION_LEVEL_6 = 'COMPRESSION_LEVEL_6',
  /** Level 7. */
  COMPRESSION_LEVEL_7 = 'COMPRESSION_LEVEL_7',
  /** Level 8. */
  COMPRESSION_LEVEL_8 = 'COMPRESSION_LEVEL_8',
  /** Level 9. */
  COMPRESSION_LEVEL_9 = 'COMPRESSION_LEVEL_9',
}

/** zlib compression strategy (ASM `compression.gzip.compression_strategy`). */
export enum GzipCompressionStrategy {
  /** General purpose. */
  DEFAULT_STRATEGY = 'DEFAULT_STRATEGY',
  /** Data with repeated patterns. */
  FILTERED = 'FILTERED',
  /** Fixed Huffman codes. */
  FIXED = 'FIXED',
  /** Huffman coding only. */
  HUFFMAN_ONLY = 'HUFFMAN_ONLY',
  /** Run-length encoding. */
  RLE = 'RLE',
}

/** A port of the gateway Service (ASM `ports[]`). */
export interface GatewayPort {
  /** The Service port name, e.g. `http2`. */
  readonly name: string;
  /** The Service port. */
  readonly port: number;
  /**
   * The container port; 0 means "same as `port`", as in ASM and Kubernetes.
   * @default - same as `port`
   */
  readonly targetPort?: number;
  /**
   * A pinned node port (NodePort and LoadBalancer Services), 30000-32767.
   * @default - Kubernetes picks one
   */
  readonly nodePort?: number;
  /**
   * The application protocol (ASM `ports[].protocol`). Only UDP changes the Service port's transport;
   * other values are kept for ASM rendering (`settingsFor`).
   * @default - TCP
   */
  readonly protocol?: Protocol;
}

/** CPU and memory quantities, e.g. `{ cpu: '100m', memory: '128Mi' }`. */
export interface ResourceQuantities {
  /**
   * CPU, e.g. `100m` or `2`.
   * @default - unset
   */
  readonly cpu?: string;
  /**
   * Memory, e.g. `128Mi` or `2G`.
   * @default - unset
   */
  readonly memory?: string;
}

/** Requests and limits of the `istio-proxy` container (ASM `resources`). */
export interface GatewayResources {
  /**
   * Requests.
   * @default - none
   */
  readonly requests?: ResourceQuantities;
  /**
   * Limits.
   * @default - none
   */
  readonly limits?: ResourceQuantities;
}

/** An autoscaling target (ASM `cpu` / `memory`). */
export interface UtilizationTarget {
  /** Target average utilization, in percent of requests (1-100). */
  readonly targetAverageUtilization: number;
}

/** An environment variable of the gateway container (ASM `env[]`). */
export interface GatewayEnvVar {
  /** Variable name. */
  readonly name: string;
  /** Variable value. */
  readonly value: string;
}

/** A ConfigMap mounted into the gateway pod (ASM `configVolumes[]`). */
export interface GatewayConfigVolume {
  /** Volume name. */
  readonly name: string;
  /** The ConfigMap, in the gateway's namespace. */
  readonly configMapName: string;
  /** Where it is mounted in `istio-proxy`. */
  readonly mountPath: string;
}

/** A Secret mounted into the gateway pod (ASM `secretVolumes[]`). */
export interface GatewaySecretVolume {
  /** Volume name. */
  readonly name: string;
  /** The Secret, in the gateway's namespace. */
  readonly secretName: string;
  /** Where it is mounted in `istio-proxy`. */
  readonly mountPath: string;
}

/** Kernel tuning (ASM `kernel`). */
export interface GatewayKernel {
  /**
   * Applies `parameters`.
   * @default true
   */
  readonly enabled?: boolean;
  /** Sysctls, e.g. `{ 'net.core.somaxconn': '65535' }`; values are strings. */
  readonly parameters: { [name: string]: string };
}

/** zlib settings of gzip compression (ASM `compression.gzip`). */
export interface GzipSettings {
  /**
   * zlib memory level, 1-9.
   * @default 5 (Envoy)
   */
  readonly memoryLevel?: number;
  /**
   * Compression level.
   * @default GzipCompressionLevel.DEFAULT_COMPRESSION
   */
  readonly compressionLevel?: GzipCompressionLevel;
  /**
   * Compression strategy.
   * @default GzipCompressionStrategy.DEFAULT_STRATEGY
   */
  readonly compressionStrategy?: GzipCompressionStrategy;
  /**
   * Window bits, 9-15.
   * @default 12 (Envoy)
   */
  readonly windowBits?: number;
  /**
   * Output buffer size in bytes, 4096-65536.
   * @default 4096 (Envoy)
   */
  readonly chunkSize?: number;
}

/** Response compression on an ingress gateway (ASM `compression`), rendered as an EnvoyFilter. */
export interface GatewayCompression {
  /**
   * Turns compression on.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Content types to compress.
   * @default - Envoy's list (text/html, application/json, ...)
   */
  readonly contentType?: string[];
  /**
   * Minimum response size in bytes.
   * @default 30 (Envoy)
   */
  readonly minContentLength?: number;
  /**
   * Do not compress responses carrying an ETag.
   * @default false
   */
  readonly disableOnEtagHeader?: boolean;
  /**
   * Remove `Accept-Encoding` before forwarding, so upstreams do not compress too.
   * @default false
   */
  readonly removeAcceptEncodingHeader?: boolean;
  /**
   * gzip settings (required by ASM to enable compression; `{}` takes every default).
   * @default {}
   */
  readonly gzip?: GzipSettings;
  /**
   * The EnvoyFilter's priority (it inserts the compressor before the router, a relative patch).
   * @default 10 (RELATIVE_PATCH_PRIORITY)
   */
  readonly priority?: number;
}

/** A PodDisruptionBudget for the gateway (chart `podDisruptionBudget`). */
export interface GatewayDisruptionBudget {
  /**
   * Minimum available pods, a number or a percentage.
   * @default - unset
   */
  readonly minAvailable?: string;
  /**
   * Maximum unavailable pods, a number or a percentage.
   * @default - unset
   */
  readonly maxUnavailable?: string;
}

/**
 * Settings that can differ per cluster (ASM `overrides.<cluster>`): replicas, resources,
 * Service and pod annotations, autoscaling and the Service type.
 */
export interface GatewayOverrides {
  /**
   * Fixed replica count. Without autoscaling settings it disables the autoscaler (as the chart does);
   * with them it is the autoscaler's minimum when `minReplicas` is unset.
   * @default - autoscaled 1-5 at 80% CPU, the chart's default
   */
  readonly replicaCount?: number;
  /**
   * Container requests and limits.
   * Rolling restart: changing it restarts the gateway pods.
   * @default - requests 100m/128Mi, limits 2000m/1024Mi (the chart's defaults)
   */
  readonly resources?: GatewayResources;
  /**
   * Service annotations (cloud load balancer settings).
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };
  /**
   * Pod annotations, added to the injection and Prometheus annotations.
   * Rolling restart: changing them restarts the gateway pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * The Service type.
   * @default GatewayServiceType.LOAD_BALANCER (ClusterIP for egress gateways)
   */
  readonly serviceType?: GatewayServiceType;
  /**
   * Autoscale on CPU.
   * @default - 80% when autoscaling and no memory target is set
   */
  readonly cpu?: UtilizationTarget;
  /**
   * Autoscale on memory.
   * @default - no memory target
   */
  readonly memory?: UtilizationTarget;
  /**
   * Autoscaler minimum.
   * @default - `replicaCount`, else 1
   */
  readonly minReplicas?: number;
  /**
   * Autoscaler maximum.
   * @default 5
   */
  readonly maxReplicas?: number;
  /**
   * The proxy container's UID (`securityContext.runAsUser`), for platforms that need an explicit one.
   * Leave it unset where the platform assigns UIDs (OpenShift's restricted SCC rejects a fixed UID outside its range).
   * Rolling restart: changing it restarts the gateway pods.
   * @default - not set, as in the official gateway chart (the image's user, 1337)
   */
  readonly runAsUser?: number;
  /**
   * The proxy container's GID (`securityContext.runAsGroup`), for platforms that need an explicit one.
   * Rolling restart: changing it restarts the gateway pods.
   * @default - not set, as in the official gateway chart
   */
  readonly runAsGroup?: number;
}

/**
 * Every setting of a gateway workload, named after the ASM `IstioGateway` fields.
 */
export interface GatewayOptions extends GatewayOverrides {
  /**
   * The Service ports.
   * Rolling restart: changing them restarts the gateway pods before ASM 1.16.
   * @default - status-port 15021, http2 80, https 443 (the chart's defaults)
   */
  readonly ports?: GatewayPort[];
  /**
   * The load balancer implementation (LoadBalancer Services only).
   * @default - the cluster's default
   */
  readonly loadBalancerClass?: string;
  /**
   * External traffic policy (LoadBalancer and NodePort Services only).
   * @default - Kubernetes default (Cluster)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Extra Service labels.
   * @default - none
   */
  readonly serviceLabels?: { [key: string]: string };
  /**
   * Run the pod in the host network namespace.
   * Rolling restart: changing it restarts the gateway pods.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Pod DNS policy.
   * Rolling restart: changing it restarts the gateway pods.
   * @default - ClusterFirstWithHostNet with `hostNetwork`, otherwise the Kubernetes default (ClusterFirst)
   */
  readonly dnsPolicy?: GatewayDnsPolicy;
  /**
   * Container environment variables.
   * Rolling restart: changing them restarts the gateway pods.
   * @default - none
   */
  readonly env?: GatewayEnvVar[];
  /**
   * Extra pod labels (never used by selectors).
   * Rolling restart: changing them restarts the gateway pods.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Node selector (TCM "exclusive mode" dedicated nodes).
   * Rolling restart: changing it restarts the gateway pods (subject to scheduling constraints).
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Pod affinity rules.
   * Rolling restart: changing them restarts the gateway pods (subject to scheduling constraints).
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Pod tolerations.
   * Rolling restart: changing them restarts the gateway pods (subject to scheduling constraints).
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Rolling update maxSurge, a number or a percentage such as `25%`.
   * @default - Kubernetes default (25%)
   */
  readonly rollingMaxSurge?: string;
  /**
   * Rolling update maxUnavailable, a number or a percentage.
   * @default - Kubernetes default (25%)
   */
  readonly rollingMaxUnavailable?: string;
  /**
   * ConfigMap volumes.
   * Rolling restart: changing them restarts the gateway pods.
   * @default - none
   */
  readonly configVolumes?: GatewayConfigVolume[];
  /**
   * Secret volumes.
   * Rolling restart: changing them restarts the gateway pods.
   * @default - none
   */
  readonly secretVolumes?: GatewaySecretVolume[];
  /**
   * Kernel parameters (pod sysctls).
   * Changing it (enabled or parameters) rolls the gateway pods.
   * @default - only net.ipv4.ip_unprivileged_port_start=0
   */
  readonly kernel?: GatewayKernel;
  /**
   * Response compression (ingress gateways only).
   * @default - none
   */
  readonly compression?: GatewayCompression;
  /**
   * A PodDisruptionBudget, emitted when more than one replica is guaranteed.
   * @default - none
   */
  readonly podDisruptionBudget?: GatewayDisruptionBudget;
}

/**
 * A gateway declared once for several clusters.
 */
export interface GatewayProps extends GatewayOptions {
  /**
   * The gateway name: the Deployment, Service, ServiceAccount, Role and RoleBinding name and the `app` label.
   * @default - `istio-ingressgateway`, `istio-egressgateway` or `istio-eastwestgateway`
   */
  readonly name?: string;
  /**
   * The namespace (ASM requires istio-system).
   * @default - the mesh's root namespace
   */
  readonly namespaceName?: string;
  /**
   * The clusters to deploy to (ASM `clusterIds`).
   * @default - every workload cluster
   */
  readonly clusters?: string[];
  /**
   * Per-cluster overrides, keyed by cluster name (ASM `overrides`).
   * @default - none
   */
  readonly overrides?: { [cluster: string]: GatewayOverrides };
  /**
   * The `istio` selector label.
   * @default - the name without its `istio-` prefix (chart `labels.istio`)
   */
  readonly istioLabel?: string;
  /**
   * Pin the gateway to a control-plane revision (`istio.io/rev` pod label).
   * @default - the mesh's revision; no label for the `default` revision
   */
  readonly revision?: string;
  /**
   * The API the gateway's listeners render to: Istio `Gateway`s, or Gateway API `Gateway`s of class `istio`.
   * East-west gateways always use the Istio API (AUTO_PASSTHROUGH has no Gateway API form).
   * @default - the mesh's `trafficApi` (TrafficApi.ISTIO)
   */
  readonly trafficApi?: TrafficApi;
  /**
   * With the Gateway API: bind each `Gateway` to this gateway's own Deployment and Service (MANUAL, `spec.addresses`) or
   * let Istio deploy one per `Gateway` (AUTOMATED, no workload objects rendered). Ignored with the Istio API.
   * @default GatewayDeploymentMode.MANUAL
   */
  readonly deploymentMode?: GatewayDeploymentMode;
  // --- platform profiles (src/platforms) ---
  /**
   * `IstioGateway` fields only ASM has (used on `Platform.asm()` meshes).
   * @default - none
   * @deprecated set them on the platform: `AsmPlatform.configureGateway(gateway, options)`
   */
  readonly asm?: AsmGatewayOptions;
  /**
   * The gateway options TCM exposes (used on `Platform.tcm()` meshes).
   * @default - TCM's defaults
   * @deprecated set them on the platform: `TcmPlatform.configureGateway(gateway, options)`
   */
  readonly tcm?: TcmGatewayOptions;
}

/** The props of the base gateway workload. */
export interface GatewayWorkloadProps extends GatewayProps {
  /** What the gateway is for. */
  readonly gatewayType: GatewayType;
}

/**
 * The settings a gateway has in one cluster, after overrides and defaults: what the ASM
 * `IstioGateway` CR for that cluster would carry.
 */
export interface ResolvedGatewaySettings extends GatewayOptions {
  /** The cluster. */
  readonly cluster: string;
  /** The gateway name. */
  readonly name: string;
  /** The namespace. */
  readonly namespaceName: string;
  /** The gateway type. */
  readonly gatewayType: GatewayType;
  /** True if an autoscaler is emitted. */
  readonly autoscaling: boolean;
}
