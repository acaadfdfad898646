/**
 * Istio's annotations (istio.io/api `annotation/annotations.yaml`, v1.32.0): where each applies, its feature status and
 * whether it is deprecated. Data only, read by the annotation analyzer.
 */

/** One Istio annotation. */
export interface IstioAnnotation {
  /** Kinds it applies to (`Any` for every kind). */
  readonly resources: readonly string[];
  /** `Alpha`, `Beta`, `Stable` or `None`. */
  readonly status: string;
  /** True if deprecated. */
  readonly deprecated: boolean;
}

/** Istio's annotations by name. */
export const ISTIO_ANNOTATIONS: ReadonlyMap<string, IstioAnnotation> = new Map<string, IstioAnnotation>([
  ['alpha.istio.io/canonical-serviceaccounts', { resources: ['Service'], status: 'Alpha', deprecated: true }],
  ['alpha.istio.io/kubernetes-serviceaccounts', { resources: ['Service'], status: 'Alpha', deprecated: true }],
  ['ambient.istio.io/bypass-inbound-capture', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['ambient.istio.io/dns-capture', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['ambient.istio.io/redirection', { resources: ['Pod'], status: 'Beta', deprecated: false }],
  ['ambient.istio.io/waypoint-inbound-binding', { resources: ['GatewayClass', 'Gateway'], status: 'Alpha', deprecated: false }],
  ['galley.istio.io/analyze-suppress', { resources: ['Any'], status: 'Alpha', deprecated: false }],
  ['gateway.istio.io/controller-version', { resources: ['Any'], status: 'Alpha', deprecated: false }],
  ['gateway.istio.io/name-override', { resources: ['Gateway'], status: 'Alpha', deprecated: false }],
  ['gateway.istio.io/service-account', { resources: ['Gateway'], status: 'Alpha', deprecated: false }],
  ['inject.istio.io/templates', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['istio.io/autoRegistrationGroup', { resources: ['WorkloadEntry'], status: 'Alpha', deprecated: false }],
  ['istio.io/connectedAt', { resources: ['WorkloadEntry'], status: 'Alpha', deprecated: false }],
  ['istio.io/disconnectedAt', { resources: ['WorkloadEntry'], status: 'Alpha', deprecated: false }],
  ['istio.io/dry-run', { resources: ['AuthorizationPolicy'], status: 'Alpha', deprecated: false }],
  ['istio.io/reroute-virtual-interfaces', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['istio.io/rev', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['istio.io/use-waypoint-canary-weight', { resources: ['Service', 'ServiceEntry', 'Namespace'], status: 'Alpha', deprecated: false }],
  ['istio.io/workloadController', { resources: ['WorkloadEntry'], status: 'Alpha', deprecated: false }],
  ['kubernetes.io/ingress.class', { resources: ['Ingress'], status: 'Stable', deprecated: false }],
  ['networking.istio.io/exportTo', { resources: ['Service'], status: 'Alpha', deprecated: false }],
  ['networking.istio.io/service-type', { resources: ['Gateway'], status: 'Alpha', deprecated: false }],
  ['networking.istio.io/traffic-distribution', { resources: ['Namespace', 'Service', 'ServiceEntry'], status: 'Alpha', deprecated: false }],
  ['prometheus.istio.io/merge-metrics', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['proxy.istio.io/config', { resources: ['Pod'], status: 'Beta', deprecated: false }],
  ['proxy.istio.io/overrides', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['readiness.status.sidecar.istio.io/applicationPorts', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['readiness.status.sidecar.istio.io/failureThreshold', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['readiness.status.sidecar.istio.io/periodSeconds', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/agentLogLevel', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/bootstrapOverride', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/componentLogLevel', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/discoveryAddress', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
  ['sidecar.istio.io/extraStatTags', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
  ['sidecar.istio.io/inject', { resources: ['Pod'], status: 'Beta', deprecated: true }],
  ['sidecar.istio.io/interceptionMode', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/logLevel', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/nativeSidecar', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/proxyCPU', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/proxyCPULimit', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/proxyImage', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/proxyImageType', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/proxyMemory', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/proxyMemoryLimit', { resources: ['Pod'], status: 'None', deprecated: false }],
  ['sidecar.istio.io/rewriteAppHTTPProbers', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/statsCompression', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
  ['sidecar.istio.io/statsEvictionInterval', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/statsFlushInterval', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/statsHistogramBins', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/statsHistogramBuckets', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/statsInclusionPrefixes', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
  ['sidecar.istio.io/statsInclusionRegexps', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
  ['sidecar.istio.io/statsInclusionSuffixes', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
  ['sidecar.istio.io/status', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/userVolume', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['sidecar.istio.io/userVolumeMount', { resources: ['Pod'], status: 'None', deprecated: false }],
  ['status.sidecar.istio.io/port', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['topology.istio.io/controlPlaneClusters', { resources: ['Namespace'], status: 'Alpha', deprecated: false }],
  ['traffic.istio.io/nodeSelector', { resources: ['Service'], status: 'Stable', deprecated: false }],
  ['traffic.sidecar.istio.io/excludeInboundPorts', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['traffic.sidecar.istio.io/excludeInterfaces', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['traffic.sidecar.istio.io/includeInboundPorts', { resources: ['Pod'], status: 'None', deprecated: false }],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['traffic.sidecar.istio.io/includeOutboundPorts', { resources: ['Pod'], status: 'Alpha', deprecated: false }],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', { resources: ['Pod'], status: 'Alpha', deprecated: true }],
]);
