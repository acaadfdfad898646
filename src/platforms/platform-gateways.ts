import { ApiObject } from 'cdk8s';
import { GatewayProvisioning, PlatformKind } from './platform';
import { GatewayPlatformFacts, TcmServerFacts, tcmProvisioning, validateTcmServers } from './tcm/tcm-provisioning';
import { onPlatform } from './validate';
import { sortedRecord } from '../core/names';
import type { GatewayCompression, GatewayOverrides } from '../gateways/gateway-options';
import { GatewayType } from '../gateways/gateway-options';
import type { GatewayWorkload } from '../gateways/gateway-workload';
import type { Mesh } from '../topology/mesh';
import { PlatformRules } from '../validation/rules/platform';

/** The API version ASM provisions gateways from. */
export const ISTIO_GATEWAY_API_VERSION = 'istio.alibabacloud.com/v1beta1';
/** The only namespace ASM gateways start in. */
export const ASM_GATEWAY_NAMESPACE = 'istio-system';

/** The override fields every ASM version accepts; the others (HPA fields, serviceType) need ASM 1.16. */
const PRE_116_OVERRIDE_FIELDS = new Set(['serviceAnnotations', 'podAnnotations', 'resources', 'replicaCount']);

/** True if the platform, not the library, creates the gateway workloads (ASM, TCM). */
export function platformProvisionsGateway(mesh: Mesh): boolean {
  return mesh.platform.gatewayProvisioning !== GatewayProvisioning.WORKLOADS;
}

/** Renders a gateway the platform's way: an `IstioGateway` CR (ASM) or provisioning options (TCM). */
export function renderPlatformGateway(gateway: GatewayWorkload): void {
  const mesh = gateway.mesh;
  if (mesh.platform.kind === PlatformKind.ASM && gateway.gatewayType !== GatewayType.EAST_WEST) {
    for (const cluster of mesh.configClusters) {
      new ApiObject(cluster.scopeFor(gateway), 'IstioGateway', {
        apiVersion: ISTIO_GATEWAY_API_VERSION,
        kind: 'IstioGateway',
        metadata: { name: gateway.name, namespace: gateway.namespace },
        spec: istioGatewaySpec(gateway),
      });
    }
  } else if (mesh.platform.kind === PlatformKind.TCM) {
    const facts = tcmFacts(gateway);
    mesh._addArtifact(`tcm/gateway-${gateway.namespace}-${gateway.name}.json`, () => `${JSON.stringify(tcmProvisioning(facts), undefined, 2)}\n`);
  }
}

/** The `IstioGateway` spec of a gateway: its declared options, clusters as ASM cluster IDs, overrides by ID. */
export function istioGatewaySpec(gateway: GatewayWorkload): any {
  const o = gateway.declaredOptions;
  const platform = gateway.mesh.platform;
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
    overrides: overrides.length ? Object.fromEntries(overrides.map(([cluster, v]) => [platform.clusterIdOf(cluster), overrideFields(v)])) : undefined,
    ...gateway.asmOptions,
    readinessProbe: gateway.asmOptions?.readinessProbe && { ...gateway.asmOptions.readinessProbe },
  };
}

/** Platform checks of a gateway: what ASM's IstioGateway and TCM's provisioning accept. */
export function validatePlatformGateway(gateway: GatewayWorkload): void {
  const mesh = gateway.mesh;
  if (!platformProvisionsGateway(mesh)) return;
  const detail = onPlatform(mesh);
  for (const cluster of gateway.clusters.filter(c => !c.runsWorkloads)) {
    mesh.report(PlatformRules.GATEWAY_ON_CONFIG_CLUSTER, gateway, cluster.clusterName, detail);
  }
  if (mesh.platform.kind === PlatformKind.ASM) validateAsmGateway(gateway, detail);
  if (mesh.platform.kind === PlatformKind.TCM) {
    const facts = tcmFacts(gateway);
    validateTcmServers(mesh, facts, detail);
  }
}

function validateAsmGateway(gateway: GatewayWorkload, detail: string): void {
  const mesh = gateway.mesh;
  const o = gateway.declaredOptions;
  if (gateway.gatewayType === GatewayType.EAST_WEST) {
    mesh.report(PlatformRules.ASM_NO_EAST_WEST, gateway, gateway.gatewayType, detail);
    return;
  }
  if (gateway.namespace !== ASM_GATEWAY_NAMESPACE) mesh.report(PlatformRules.ASM_GATEWAY_NAMESPACE, gateway, gateway.namespace, detail);
  if (gateway.gatewayType === GatewayType.EGRESS && o.externalTrafficPolicy !== undefined) {
    mesh.report(PlatformRules.ASM_INGRESS_ONLY, `${gateway.node.path}/externalTrafficPolicy`, 'externalTrafficPolicy', detail);
  }
  if (o.podDisruptionBudget !== undefined) mesh.report(PlatformRules.ASM_NO_FIELD, `${gateway.node.path}/podDisruptionBudget`, 'podDisruptionBudget', detail);
  const version = mesh.platform.asmOptions?.version ?? mesh.istioVersion;
  if (version.isAtLeast(1, 16)) return;
  for (const [cluster, override] of Object.entries(gateway.declaredOverrides)) {
    const fields = Object.keys(override).filter(k => (override as any)[k] !== undefined && !PRE_116_OVERRIDE_FIELDS.has(k));
    for (const field of fields) {
      mesh.report(PlatformRules.ASM_OVERRIDE_FIELD, `${gateway.node.path}/overrides/${cluster}`, field, `${detail} The instance runs ASM ${version.toString()}.`);
    }
  }
}

/** What TCM provisioning and listener checks need from a gateway. */
function tcmFacts(gateway: GatewayWorkload): GatewayPlatformFacts {
  const servers: TcmServerFacts[] = gateway.listeners.flatMap(listener => listener.servers.map(s => ({
    port: s.port,
    protocol: s.protocol,
    portName: listener.portName(s),
    tlsMode: s.tls?.mode,
    credentialName: s.tls?.credentialName,
    where: `${listener.node.path}/servers/${s.port}`,
  })));
  return {
    construct: gateway,
    name: gateway.name,
    namespace: gateway.namespace,
    cluster: gateway.clusters[0]?.clusterName,
    ingress: gateway.gatewayType === GatewayType.INGRESS,
    type: gateway.gatewayType,
    options: gateway.tcmOptions ?? {},
    servers,
  };
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
