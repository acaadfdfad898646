import { validateCompression } from './compression';
import { GatewayListener } from './gateway-listener';
import {
  ExternalTrafficPolicy, GatewayCompression, GatewayDnsPolicy, GatewayKernel, GatewayPort, GatewayServiceType, GatewayType, ResolvedGatewaySettings,
} from './gateway-options';
import type { GatewayWorkload } from './gateway-workload';
import { guaranteedReplicas } from './gateway-workload-render';
import { MeshCore } from '../topology/mesh-core';
import { GatewayRules } from '../validation/rules/gateway';
import { ISTIO_RESERVED_PORTS } from '../workloads/mesh-service';

/** Reserved proxy ports that a gateway Service may target: agent/Envoy metrics and the health port. */
const EXPOSABLE_PROXY_PORTS = [15020, 15021, 15090];

/** What the checks of a gateway workload read: its declaration and its settings per cluster. */
export interface GatewayUnderCheck {
  readonly mesh: MeshCore;
  /** The construct diagnostics name. */
  readonly construct: GatewayWorkload;
  readonly gatewayType: GatewayType;
  readonly clusterNames: string[];
  readonly overriddenClusters: string[];
  readonly listeners: GatewayListener[];
  readonly compression?: GatewayCompression;
  readonly hostNetwork?: boolean;
  readonly dnsPolicy?: GatewayDnsPolicy;
  readonly kernel?: GatewayKernel;
  settingsFor(cluster: string): ResolvedGatewaySettings;
}

/** Reports every mistake in a gateway workload's declaration and in its settings in each cluster. */
export function checkGatewayWorkload(g: GatewayUnderCheck): void {
  const report = g.mesh.report.bind(g.mesh);
  const placed = new Set(g.clusterNames);
  for (const cluster of g.overriddenClusters) {
    if (!placed.has(cluster)) report(GatewayRules.OVERRIDE_UNKNOWN_CLUSTER, g.construct, cluster);
  }
  for (const cluster of g.clusterNames) checkSettings(g, g.settingsFor(cluster));
  for (const conflict of protocolConflicts(g.listeners)) {
    report(GatewayRules.CONFLICTING_LISTENER_PORT, conflict.listener, `${conflict.port}: ${conflict.protocols.join(' vs ')}`);
  }
  if (g.compression) {
    if (g.gatewayType !== GatewayType.INGRESS) report(GatewayRules.COMPRESSION_NOT_INGRESS, g.construct, g.gatewayType);
    validateCompression(g.construct, g.compression);
  }
  if (g.hostNetwork && g.dnsPolicy !== undefined && g.dnsPolicy !== GatewayDnsPolicy.CLUSTER_FIRST_WITH_HOST_NET) {
    report(GatewayRules.HOST_NETWORK_DNS, g.construct, g.dnsPolicy);
  }
  const netSysctls = Object.keys(g.kernel?.parameters ?? {}).filter(n => n.startsWith('net.'));
  if (g.hostNetwork && g.kernel?.enabled !== false && netSysctls.length) {
    report(GatewayRules.HOST_NETWORK_NET_SYSCTL, g.construct, netSysctls);
  }
}

function checkSettings(g: GatewayUnderCheck, s: ResolvedGatewaySettings): void {
  const report = g.mesh.report.bind(g.mesh);
  const where = `In cluster ${s.cluster}.`;
  checkPorts(g, s.ports ?? [], where);
  if (s.loadBalancerClass !== undefined && s.serviceType !== GatewayServiceType.LOAD_BALANCER) {
    report(GatewayRules.LOAD_BALANCER_CLASS_TYPE, g.construct, s.serviceType, where);
  }
  if (s.externalTrafficPolicy !== undefined && s.serviceType === GatewayServiceType.CLUSTER_IP) {
    report(GatewayRules.EXTERNAL_TRAFFIC_POLICY_TYPE, g.construct, `${s.externalTrafficPolicy as ExternalTrafficPolicy} on ${s.serviceType}`, where);
  }
  if (s.autoscaling && (s.minReplicas! < 1 || s.minReplicas! > s.maxReplicas!)) {
    report(GatewayRules.HPA_MIN_ABOVE_MAX, g.construct, { minReplicas: s.minReplicas, maxReplicas: s.maxReplicas }, where);
  }
  for (const target of [s.cpu, s.memory]) {
    const value = target?.targetAverageUtilization;
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100)) {
      report(GatewayRules.HPA_TARGET_RANGE, g.construct, value, where);
    }
  }
  for (const id of [s.runAsUser, s.runAsGroup]) {
    const unprivileged = id === undefined || (Number.isInteger(id) && id > 0 && id <= 2147483647);
    if (!unprivileged) report(GatewayRules.PROXY_ID_NOT_UNPRIVILEGED, g.construct, id, where);
  }
  if (s.podDisruptionBudget && guaranteedReplicas(s) <= 1) {
    report(GatewayRules.PDB_SINGLE_REPLICA, g.construct, guaranteedReplicas(s), where);
  }
}

/** What the checks of an existing gateway read: its declared Service ports per cluster and its listeners. */
export interface ExistingGatewayUnderCheck {
  readonly mesh: MeshCore;
  /** The construct diagnostics name. */
  readonly construct: GatewayWorkload;
  readonly clusterNames: string[];
  readonly overriddenClusters: string[];
  readonly listeners: GatewayListener[];
  portsIn(cluster: string): GatewayPort[];
}

/**
 * Reports mistakes in the declaration of a gateway that already runs: overrides for clusters it does not run in,
 * duplicate Service ports, listener protocol conflicts, and listeners that would need a cluster label on its pods.
 */
export function checkExistingGateway(g: ExistingGatewayUnderCheck): void {
  const report = g.mesh.report.bind(g.mesh);
  const placed = new Set(g.clusterNames);
  for (const cluster of g.overriddenClusters) {
    if (!placed.has(cluster)) report(GatewayRules.OVERRIDE_UNKNOWN_CLUSTER, g.construct, cluster);
  }
  for (const cluster of g.clusterNames) checkPorts(g, g.portsIn(cluster), `In cluster ${cluster}.`);
  for (const conflict of protocolConflicts(g.listeners)) {
    report(GatewayRules.CONFLICTING_LISTENER_PORT, conflict.listener, `${conflict.port}: ${conflict.protocols.join(' vs ')}`);
  }
  for (const listener of g.listeners) {
    const cluster = listener._clusterSelector();
    if (cluster !== undefined) report(GatewayRules.EXISTING_GATEWAY_CLUSTER_SELECTOR, listener, cluster, `Gateway ${g.construct.name} runs in: ${g.clusterNames.join(', ')}.`);
  }
}

function checkPorts(g: Pick<GatewayUnderCheck, 'mesh' | 'construct'>, ports: GatewayPort[], where: string): void {
  const report = g.mesh.report.bind(g.mesh);
  const numbers = new Set<number>();
  const names = new Set<string>();
  const nodePorts = new Set<number>();
  for (const p of ports) {
    if (p.nodePort !== undefined && nodePorts.has(p.nodePort)) report(GatewayRules.DUPLICATE_NODE_PORT, g.construct, p.nodePort, where);
    if (p.nodePort !== undefined) nodePorts.add(p.nodePort);
    if (numbers.has(p.port) || names.has(p.name)) report(GatewayRules.DUPLICATE_SERVICE_PORT, g.construct, `${p.name}:${p.port}`, where);
    numbers.add(p.port);
    names.add(p.name);
    if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767)) {
      report(GatewayRules.NODE_PORT_RANGE, g.construct, p.nodePort, where);
    }
    const target = p.targetPort || p.port;
    if (ISTIO_RESERVED_PORTS.includes(target) && !EXPOSABLE_PROXY_PORTS.includes(target)) {
      report(GatewayRules.RESERVED_PORT, g.construct, target, where);
    }
  }
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
