/** Which way an ASM gateway carries traffic (`spec.gatewayType`). */
export enum AsmGatewayType {
  /** Routes inbound traffic into the mesh. */
  INGRESS = 'ingress',
  /** Routes outbound traffic out of the mesh through a controlled exit point. */
  EGRESS = 'egress',
}

/** Kubernetes Service type of an ASM gateway (`spec.serviceType`). */
export enum AsmServiceType {
  /** A cloud load balancer (CLB/NLB). */
  LOAD_BALANCER = 'LoadBalancer',
  /** A port on every node. */
  NODE_PORT = 'NodePort',
  /** Cluster-internal only; typical for egress gateways. */
  CLUSTER_IP = 'ClusterIP',
}

/** Routing scope for inbound traffic of an ingress gateway (`spec.externalTrafficPolicy`). */
export enum AsmExternalTrafficPolicy {
  /** Routes to cluster-wide endpoints. */
  CLUSTER = 'Cluster',
  /** Routes to node-local endpoints only, preserving the client source IP. */
  LOCAL = 'Local',
}

/** DNS policy of the gateway pod (`spec.dnsPolicy`). */
export enum AsmDnsPolicy {
  /** Cluster DNS first. */
  CLUSTER_FIRST = 'ClusterFirst',
  /** Cluster DNS first, for pods on the host network. */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** The node's DNS configuration. */
  DEFAULT = 'Default',
  /** No DNS configuration from Kubernetes. */
  NONE = 'None',
}

/** zlib compression level (`compression.gzip.compression_level`). */
export enum AsmGzipCompressionLevel {
  /** Fastest compression, lowest ratio (same as BEST_SPEED). */
  LEVEL_1 = 'COMPRESSION_LEVEL_1',
  /** Level 2. */
  LEVEL_2 = 'COMPRESSION_LEVEL_2',
  /** Level 3. */
  LEVEL_3 = 'COMPRESSION_LEVEL_3',
  /** Level 4. */
  LEVEL_4 = 'COMPRESSION_LEVEL_4',
  /** Level 5. */
  LEVEL_5 = 'COMPRESSION_LEVEL_5',
  /** Level 6 (same as DEFAULT_COMPRESSION). */
  LEVEL_6 = 'COMPRESSION_LEVEL_6',
  /** Level 7. */
  LEVEL_7 = 'COMPRESSION_LEVEL_7',
  /** Level 8. */
  LEVEL_8 = 'COMPRESSION_LEVEL_8',
  /** Highest ratio, slowest (same as BEST_COMPRESSION). */
  LEVEL_9 = 'COMPRESSION_LEVEL_9',
  /** Default balance of speed and ratio. */
  DEFAULT_COMPRESSION = 'DEFAULT_COMPRESSION',
  /** Maximum compression ratio. */
  BEST_COMPRESSION = 'BEST_COMPRESSION',
  /** Fastest compression. */
  BEST_SPEED = 'BEST_SPEED',
}

/** zlib compression strategy (`compression.gzip.compression_strategy`). */
export enum AsmGzipCompressionStrategy {
  /** General purpose. */
  DEFAULT_STRATEGY = 'DEFAULT_STRATEGY',
  /** Data with repeated patterns. */
  FILTERED = 'FILTERED',
  /** Huffman coding only. */
  HUFFMAN_ONLY = 'HUFFMAN_ONLY',
  /** Run-length encoding. */
  RLE = 'RLE',
  /** A predefined coding tree. */
  FIXED = 'FIXED',
}

/** One port of an ASM gateway (`spec.ports[]`). */
export interface AsmGatewayPort {
  /**
   * The port name.
   * @default - no name
   */
  readonly name?: string;
  /** The Service port. */
  readonly port: number;
  /**
   * The container port (`0` lets ASM choose).
   * @default - not set
   */
  readonly targetPort?: number;
  /**
   * The protocol, e.g. "HTTP" or "HTTPS".
   * @default - not set
   */
  readonly protocol?: string;
  /**
   * The node port (NodePort and LoadBalancer services).
   * @default - assigned by Kubernetes
   */
  readonly nodePort?: number;
}

/** CPU and memory quantities, e.g. cpu "200m", memory "256Mi". */
export interface AsmResourceQuantities {
  /**
   * CPU quantity.
   * @default - not set
   */
  readonly cpu?: string;
  /**
   * Memory quantity.
   * @default - not set
   */
  readonly memory?: string;
}

/** Requests and limits of the gateway pod (`spec.resources`). */
export interface AsmResources {
  /**
   * Limits.
   * @default - not set
   */
  readonly limits?: AsmResourceQuantities;
  /**
   * Requests.
   * @default - not set
   */
  readonly requests?: AsmResourceQuantities;
}

/** An environment variable of the gateway pod (`spec.env[]`). */
export interface AsmEnvVar {
  /** Variable name. */
  readonly name: string;
  /** Variable value. */
  readonly value: string;
}

/** Horizontal Pod Autoscaling of the gateway (`cpu`, `memory`, `minReplicas`, `maxReplicas`). */
export interface AsmAutoscaling {
  /**
   * Target CPU utilization percentage (1–100).
   * @default - not set
   */
  readonly cpuTargetUtilization?: number;
  /**
   * Target memory utilization percentage (1–100).
   * @default - not set
   */
  readonly memoryTargetUtilization?: number;
  /**
   * Minimum replica count (at least 1).
   * @default - not set
   */
  readonly minReplicas?: number;
  /**
   * Maximum replica count (a positive integer).
   * @default - not set
   */
  readonly maxReplicas?: number;
}

/** A ConfigMap mounted into the gateway pod (`spec.configVolumes[]`). */
export interface AsmConfigVolume {
  /** Volume name. */
  readonly name: string;
  /** The ConfigMap. */
  readonly configMapName: string;
  /** Where it is mounted. */
  readonly mountPath: string;
}

/** A Secret mounted into the gateway pod (`spec.secretVolumes[]`). */
export interface AsmSecretVolume {
  /** Volume name. */
  readonly name: string;
  /** The Secret. */
  readonly secretName: string;
  /** Where it is mounted. */
  readonly mountPath: string;
}

/** Kernel sysctl tuning of the gateway pod (`spec.kernel`). Changing it rolls the gateway pods. */
export interface AsmKernelTuning {
  /**
   * Enables custom kernel parameter tuning.
   * @default - not set
   */
  readonly enabled?: boolean;
  /**
   * Sysctl parameters; values are strings (written quoted). Parameters the host kernel does not support
   * make the pod fail to start.
   * @default - none
   */
  readonly parameters?: { [name: string]: string };
}

/** zlib settings of gateway compression (`compression.gzip`). */
export interface AsmGzipOptions {
  /**
   * zlib memory level (1–9).
   * @default - ASM's default
   */
  readonly memoryLevel?: number;
  /**
   * zlib compression level.
   * @default - ASM's default
   */
  readonly compressionLevel?: AsmGzipCompressionLevel;
  /**
   * zlib compression strategy.
   * @default - ASM's default
   */
  readonly compressionStrategy?: AsmGzipCompressionStrategy;
  /**
   * zlib window bits (9–15).
   * @default - ASM's default
   */
  readonly windowBits?: number;
  /**
   * zlib output buffer size in bytes.
   * @default - ASM's default
   */
  readonly chunkSize?: number;
}

/** Response compression of an ingress gateway (`spec.compression`). */
export interface AsmCompression {
  /**
   * Enables compression.
   * @default - not set
   */
  readonly enabled?: boolean;
  /**
   * Content types eligible for compression.
   * @default - ASM's default list
   */
  readonly contentTypes?: string[];
  /**
   * Minimum response size in bytes.
   * @default - ASM's default
   */
  readonly minContentLength?: number;
  /**
   * Disables compression for responses with an ETag header.
   * @default - not set
   */
  readonly disableOnEtagHeader?: boolean;
  /**
   * Strips Accept-Encoding before forwarding upstream.
   * @default - not set
   */
  readonly removeAcceptEncodingHeader?: boolean;
  /**
   * Gzip settings. Required to enable compression; an empty object accepts every default.
   * @default - {} (all gzip defaults)
   */
  readonly gzip?: AsmGzipOptions;
}

/** A readiness probe of the gateway pod (`spec.readinessProbe`); an empty probe keeps ASM's defaults. */
export interface AsmReadinessProbe {
  /**
   * Seconds before the first probe.
   * @default - ASM's default
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default - ASM's default
   */
  readonly periodSeconds?: number;
  /**
   * Probe timeout in seconds.
   * @default - ASM's default
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures before the pod is unready.
   * @default - ASM's default
   */
  readonly failureThreshold?: number;
  /**
   * Successes before the pod is ready.
   * @default - ASM's default
   */
  readonly successThreshold?: number;
}

/**
 * Settings for one cluster of a multi-cluster ASM gateway (`spec.overrides.<clusterId>`).
 * ASM accepts serviceAnnotations, podAnnotations, resources and replicaCount; autoscaling and
 * serviceType need ASM 1.16 or later (MESH-PLAT-008).
 */
export interface AsmClusterOverride {
  /** The cluster name (a cluster of the gateway); rendered under its ASM cluster ID. */
  readonly cluster: string;
  /**
   * Service annotations in this cluster (replace the gateway's).
   * @default - the gateway's
   */
  readonly serviceAnnotations?: { [key: string]: string };
  /**
   * Pod annotations in this cluster. Changing them rolls the gateway pods.
   * @default - the gateway's
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Resources in this cluster. Changing them rolls the gateway pods.
   * @default - the gateway's
   */
  readonly resources?: AsmResources;
  /**
   * Replica count in this cluster.
   * @default - the gateway's
   */
  readonly replicaCount?: number;
  /**
   * Autoscaling in this cluster (ASM 1.16 or later).
   * @default - the gateway's
   */
  readonly autoscaling?: AsmAutoscaling;
  /**
   * Service type in this cluster (ASM 1.16 or later).
   * @default - the gateway's
   */
  readonly serviceType?: AsmServiceType;
}
