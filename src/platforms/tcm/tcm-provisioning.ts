import type { IConstruct } from 'constructs';
import { TcmAccessType, TcmDeploymentMode, TcmGatewayOptions } from '../../gateways/platform-gateway-options';
import type { MeshCore } from '../../topology/mesh-core';
import { PlatformRules } from '../../validation/rules/platform';
import { Protocol } from '../../workloads/protocol';

/** Prefix TCM's gateway controller reads to load a certificate from SSL Certificate Service. */
export const QCLOUD_CREDENTIAL_PREFIX = 'qcloud-';
/** Prefix of port names TCM offloads TLS for at the CLB: `clb-https-<port>-<certificateId>`. */
export const CLB_OFFLOAD_PORT_PREFIX = 'clb-https-';

/** The port name that makes TCM offload TLS at the CLB. */
export function clbOffloadPortName(port: number, certificateId: string): string {
  return `${CLB_OFFLOAD_PORT_PREFIX}${port}-${certificateId}`;
}

/** One listener server, as TCM's checks see it. */
export interface TcmServerFacts {
  readonly port: number;
  readonly protocol: Protocol;
  readonly portName: string;
  readonly tlsMode?: string;
  readonly credentialName?: string;
  readonly where: string;
}

/** A gateway, as TCM provisioning and checks see it. */
export interface GatewayPlatformFacts {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace: string;
  readonly cluster?: string;
  readonly ingress: boolean;
  readonly type: string;
  readonly options: TcmGatewayOptions;
  readonly servers: TcmServerFacts[];
}

/** The file `tcm/gateway-<namespace>-<name>.json`: how TCM provisions a gateway (the options TCM's console exposes). */
export interface TcmProvisioning {
  readonly name: string;
  readonly namespace: string;
  readonly cluster?: string;
  /** `ingress` or `egress`. */
  readonly type: string;
  readonly accessType?: TcmAccessType;
  /** `automatic`, or the existing CLB to use. */
  readonly loadBalancer?: 'automatic' | { readonly existing: string };
  readonly preserveClientSourceIp?: boolean;
  readonly deploymentMode: TcmDeploymentMode;
  readonly exclusiveNodes?: string[];
  /** The listener ports, sorted. */
  readonly ports: number[];
}

/** The provisioning options written to `tcm/gateway-<namespace>-<name>.json`. */
export function tcmProvisioning(g: GatewayPlatformFacts): TcmProvisioning {
  const o = g.options;
  return {
    name: g.name,
    namespace: g.namespace,
    cluster: g.cluster,
    type: g.type,
    accessType: g.ingress ? o.accessType ?? TcmAccessType.PUBLIC_NETWORK : o.accessType,
    loadBalancer: g.ingress ? (o.existingLoadBalancerId ? { existing: o.existingLoadBalancerId } : 'automatic') : undefined,
    preserveClientSourceIp: g.ingress ? o.preserveClientSourceIp ?? false : undefined,
    deploymentMode: o.deploymentMode ?? TcmDeploymentMode.NORMAL,
    exclusiveNodes: o.exclusiveNodes,
    ports: [...new Set(g.servers.map(s => s.port))].sort((a, b) => a - b),
  };
}

/**
 * TCM's gateway rules: load-balancer options on ingress only; `qcloud-` certificates in SIMPLE mode only;
 * CLB offload on plain HTTP ports only, consistently per port.
 */
export function validateTcmServers(mesh: MeshCore, g: GatewayPlatformFacts, detail: string): void {
  if (!g.ingress) {
    const o = g.options;
    const lbOptions = {
      accessType: o.accessType,
      existingLoadBalancerId: o.existingLoadBalancerId,
      preserveClientSourceIp: o.preserveClientSourceIp,
    };
    for (const [field, value] of Object.entries(lbOptions)) {
      if (value !== undefined) mesh.report(PlatformRules.TCM_INGRESS_ONLY, `${g.construct.node.path}/${field}`, field, detail);
    }
  }
  const offloadByPort = new Map<number, Set<string>>();
  for (const s of g.servers) {
    if (s.credentialName?.startsWith(QCLOUD_CREDENTIAL_PREFIX) && s.tlsMode !== 'SIMPLE') {
      mesh.report(PlatformRules.TCM_QCLOUD_CERT_MODE, s.where, s.tlsMode, detail);
    }
    const offload = s.portName.startsWith(CLB_OFFLOAD_PORT_PREFIX) ? s.portName : '(none)';
    if (offload !== '(none)') {
      if (s.protocol !== Protocol.HTTP || s.tlsMode !== undefined) mesh.report(PlatformRules.TCM_CLB_OFFLOAD_PROTOCOL, s.where, s.protocol, detail);
      if (!g.ingress) mesh.report(PlatformRules.TCM_INGRESS_ONLY, s.where, 'clb offload', detail);
    }
    const offloads = offloadByPort.get(s.port) ?? new Set<string>();
    offloads.add(offload);
    offloadByPort.set(s.port, offloads);
  }
  for (const [port, offloads] of offloadByPort) {
    if (offloads.size > 1) mesh.report(PlatformRules.TCM_CLB_OFFLOAD_CONSISTENT, `${g.construct.node.path}/servers/${port}`, [...offloads].sort(), detail);
  }
}
