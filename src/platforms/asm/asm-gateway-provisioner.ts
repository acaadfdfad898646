import { ApiObject } from 'cdk8s';
import type { AsmPlatform } from './asm-platform';
import { sortedRecord } from '../../core/names';
import type { GatewayCompression, GatewayOverrides } from '../../gateways/gateway-options';
import { GatewayType } from '../../gateways/gateway-options';
import { GatewayProvisioner, GatewayProvisioning } from '../../gateways/gateway-provisioner';
import type { GatewayWorkload } from '../../gateways/gateway-workload';
import { checkInit } from '../../validation/input/check';
import { PlatformRules } from '../../validation/rules/platform';
import { validatePlacementOnWorkloadClusters } from '../managed-checks';
import { onPlatform } from '../platform-feature';

/** The API version ASM provisions gateways from. */
export const ISTIO_GATEWAY_API_VERSION = 'istio.alibabacloud.com/v1beta1';
/** The only namespace ASM gateways start in. */
export const ASM_GATEWAY_NAMESPACE = 'istio-system';

/** The override fields every ASM version accepts; the others (HPA fields, serviceType) need ASM 1.16. */
const PRE_116_OVERRIDE_FIELDS = new Set(['serviceAnnotations', 'podAnnotations', 'resources', 'replicaCount']);

/**
 * ASM gateways: one `IstioGateway` CR per ingress or egress gateway in the ASM control plane (the CONFIG
 * cluster); ASM creates the workloads. East-west gateways are ASM's own (MESH-PLAT-009).
 */
export class AsmGatewayProvisioner extends GatewayProvisioner {
  /** ISTIO_GATEWAY_RESOURCE. */
  public readonly provisioning = GatewayProvisioning.ISTIO_GATEWAY_RESOURCE;

  /**
   * @param platform the ASM platform
   */
  public constructor(private readonly platform: AsmPlatform) {
    checkInit('cdk8s-mesh.AsmGatewayProvisioner', new.target, [platform]);
    super();
  }

  /**
   * Renders the gateway's `IstioGateway` into every config cluster.
   * @param gateway the gateway
   */
  public render(gateway: GatewayWorkload): void {
    if (gateway.gatewayType === GatewayType.EAST_WEST) return;
    for (const cluster of gateway.mesh.configClusters) {
      new ApiObject(cluster.scopeFor(gateway), 'IstioGateway', {
        apiVersion: ISTIO_GATEWAY_API_VERSION,
        kind: 'IstioGateway',
        metadata: { name: gateway.name, namespace: gateway.namespaceName },
        spec: this.istioGatewaySpec(gateway),
      });
    }
  }

  /**
   * What ASM's `IstioGateway` accepts: workload clusters, ingress or egress in `istio-system`, fields by ASM version.
   * @param gateway the gateway
   */
  public validate(gateway: GatewayWorkload): void {
    validatePlacementOnWorkloadClusters(gateway);
    const mesh = gateway.mesh;
    const detail = onPlatform(mesh);
    const o = gateway.declaredOptions;
    if (gateway.gatewayType === GatewayType.EAST_WEST) {
      mesh.report(PlatformRules.ASM_NO_EAST_WEST, gateway, gateway.gatewayType, detail);
      return;
    }
    if (gateway.namespaceName !== ASM_GATEWAY_NAMESPACE) mesh.report(PlatformRules.ASM_GATEWAY_NAMESPACE, gateway, gateway.namespaceName, detail);
    if (gateway.gatewayType === GatewayType.EGRESS && o.externalTrafficPolicy !== undefined) {
      mesh.report(PlatformRules.ASM_INGRESS_ONLY, `${gateway.node.path}/externalTrafficPolicy`, 'externalTrafficPolicy', detail);
    }
    if (o.podDisruptionBudget !== undefined) mesh.report(PlatformRules.ASM_NO_FIELD, `${gateway.node.path}/podDisruptionBudget`, 'podDisruptionBudget', detail);
    const version = this.platform.options.version ?? mesh.istioVersion;
    if (version.isAtLeast(1, 16)) return;
    for (const [cluster, override] of Object.entries(gateway.declaredOverrides)) {
      const entries: [string, unknown][] = Object.entries(override);
      const fields = entries.filter(([k, v]) => v !== undefined && !PRE_116_OVERRIDE_FIELDS.has(k)).map(([k]) => k);
      for (const field of fields) {
        mesh.report(PlatformRules.ASM_OVERRIDE_FIELD, `${gateway.node.path}/overrides/${cluster}`, field, `${detail} The instance runs ASM ${version.toString()}.`);
      }
    }
  }

  /** The `IstioGateway` spec of a gateway: its declared options, clusters as ASM cluster IDs, overrides by ID. */
  private istioGatewaySpec(gateway: GatewayWorkload): { [key: string]: unknown } {
    const o = gateway.declaredOptions;
    const platform = this.platform;
    const asm = platform.gatewayOptionsOf(gateway);
    const overrides = Object.entries(gateway.declaredOverrides);
    return {
      gatewayType: gateway.gatewayType,
      clusterIds: gateway.clusters.map(c => platform.clusterIdOf(c.clusterName)),
      ports: o.ports?.map(p => ({ name: p.name, port: p.port, targetPort: p.targetPort, nodePort: p.nodePort, protocol: p.protocol?.toUpperCase() })),
      serviceType: o.serviceType,
      loadBalancerClass: o.loadBalancerClass,
      externalTrafficPolicy: o.externalTrafficPolicy,
      serviceLabels: sortedRecord(o.serviceLabels),
      hostNetwork: o.hostNetwork,
      dnsPolicy: o.dnsPolicy,
      env: o.env?.map(e => ({ name: e.name, value: e.value })),
      podLabels: sortedRecord(o.podLabels),
      nodeSelector: sortedRecord(o.nodeSelector),
      affinity: o.affinity,
      tolerations: o.tolerations,
      rollingMaxSurge: intOrString(o.rollingMaxSurge),
      rollingMaxUnavailable: intOrString(o.rollingMaxUnavailable),
      configVolumes: o.configVolumes,
      secretVolumes: o.secretVolumes,
      kernel: o.kernel && { enabled: o.kernel.enabled, parameters: sortedRecord(o.kernel.parameters) },
      compression: o.compression && compressionFields(o.compression),
      ...overrideFields(o),
      overrides: overrides.length
        ? Object.fromEntries(overrides.map(([cluster, v]) => [platform.clusterIdOf(cluster), overrideFields(v)]))
        : undefined,
      ...asm,
      readinessProbe: asm?.readinessProbe && { ...asm.readinessProbe },
    };
  }
}

/** A count ("1") as an integer, a percentage ("25%") as a string. */
function intOrString(value: string | undefined): string | number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}

/** The fields a spec and an override share: annotations, resources, replicas, HPA, service type. */
function overrideFields(o: GatewayOverrides): Record<string, unknown> {
  return {
    serviceAnnotations: sortedRecord(o.serviceAnnotations),
    podAnnotations: sortedRecord(o.podAnnotations),
    resources: o.resources,
    replicaCount: o.replicaCount,
    cpu: o.cpu,
    memory: o.memory,
    minReplicas: o.minReplicas,
    maxReplicas: o.maxReplicas,
    serviceType: o.serviceType,
  };
}

/** `spec.compression` with ASM's snake_case field names. */
function compressionFields(c: GatewayCompression): Record<string, unknown> {
  const g = c.gzip;
  return {
    enabled: c.enabled,
    content_type: c.contentType,
    min_content_length: c.minContentLength,
    disable_on_etag_header: c.disableOnEtagHeader,
    remove_accept_encoding_header: c.removeAcceptEncodingHeader,
    gzip: g && {
      memory_level: g.memoryLevel,
      compression_level: g.compressionLevel,
      compression_strategy: g.compressionStrategy,
      window_bits: g.windowBits,
      chunk_size: g.chunkSize,
    },
  };
}
