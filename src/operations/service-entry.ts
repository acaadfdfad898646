import { Construct } from 'constructs';
import { checkPorts, objectName } from './scope';
import { sortedRecord } from '../core/names';
import {
  ServiceEntry as ServiceEntryL1, ServiceEntrySpecLocation, ServiceEntrySpecResolution,
} from '../imports/networking.istio.io';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { OperationsRules } from '../validation/rules/operations';
import { Protocol, Protocols } from '../workloads/protocol';
import { IMeshWorkload } from '../workloads/workload';

/** How the proxy finds the endpoints of a ServiceEntry. */
export enum ServiceEntryResolution {
  /** Resolve the hosts (or endpoint addresses) with DNS and balance across all addresses. */
  DNS = 'DNS',
  /** Resolve with DNS and use the first address only (long-lived connections to large DNS pools). */
  DNS_ROUND_ROBIN = 'DNS_ROUND_ROBIN',
  /** Use the static endpoint addresses. */
  STATIC = 'STATIC',
  /** Forward to the original destination IP (wildcard hosts, CIDR addresses). */
  NONE = 'NONE',
}

/** Whether a ServiceEntry's hosts are part of the mesh. */
export enum ServiceEntryLocation {
  /** Outside the mesh: no mTLS, and telemetry treats it as external. */
  MESH_EXTERNAL = 'MESH_EXTERNAL',
  /** Inside the mesh (VMs, services of another mesh member): mTLS and mesh telemetry apply. */
  MESH_INTERNAL = 'MESH_INTERNAL',
}

/** A port of a ServiceEntry. */
export interface ServiceEntryPort {
  /** The port number. */
  readonly number: number;
  /** The protocol; use TCP for MySQL/Redis when no L7 features are needed. */
  readonly protocol: Protocol;
  /**
   * The port name.
   * @default `<protocol prefix>-<number>`
   */
  readonly name?: string;
  /**
   * The port on the endpoints traffic is sent to.
   * @default - the same as `number`
   */
  readonly targetPort?: number;
}

/** A static endpoint of a ServiceEntry. */
export interface ServiceEntryEndpoint {
  /** IP address or DNS name. */
  readonly address: string;
  /**
   * Port name to port number on this endpoint.
   * @default - the service ports
   */
  readonly ports?: { [name: string]: number };
  /**
   * Endpoint labels (for DestinationRule subsets).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The network the endpoint is on.
   * @default - the default network
   */
  readonly network?: string;
  /**
   * The locality, `region/zone/subzone`.
   * @default - none
   */
  readonly locality?: string;
  /**
   * Load-balancing weight.
   * @default - equal weights
   */
  readonly weight?: number;
}

/** Options of a `ServiceEntry`. */
export interface ServiceEntryProps {
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /** The namespace. */
  readonly namespaceName: string;
  /** The hosts, e.g. `api.example.com` or `*.example.com`. */
  readonly hosts: string[];
  /** The ports, each with a protocol. */
  readonly ports: ServiceEntryPort[];
  /** How endpoints are found. */
  readonly resolution: ServiceEntryResolution;
  /**
   * Whether the hosts are part of the mesh.
   * @default ServiceEntryLocation.MESH_EXTERNAL
   */
  readonly location?: ServiceEntryLocation;
  /**
   * Virtual IPs or CIDRs of the service (CIDRs only with STATIC or NONE resolution).
   * @default - none
   */
  readonly addresses?: string[];
  /**
   * Static endpoints. Not with `workloads`.
   * @default - none
   */
  readonly endpoints?: ServiceEntryEndpoint[];
  /**
   * The VMs or pods backing the service, selected by their labels (a WorkloadGroup, WorkloadEntry or mesh service).
   * Not with `endpoints`.
   * @default - none
   */
  readonly workloads?: IMeshWorkload;
  /**
   * Namespaces the entry is visible to (`.` for its own, `*` for all).
   * @default - all namespaces
   */
  readonly exportTo?: string[];
  /**
   * SANs accepted on the server certificate.
   * @default - none
   */
  readonly subjectAltNames?: string[];
}

/**
 * Istio `ServiceEntry`: adds external services (or VMs through `workloads`) to the mesh's registry. With
 * `meshConfig.outboundTrafficPolicy: REGISTRY_ONLY`, every external host a route uses needs one (MESH-OPS-012).
 */
export class ServiceEntry extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespaceName: string;
  /** The registered hosts. */
  public readonly hosts: string[];
  private readonly props: ServiceEntryProps;

  constructor(scope: Construct, id: string, props: ServiceEntryProps) {
    checkInit('cdk8s-mesh.ServiceEntry', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = objectName(this, props.name);
    this.namespaceName = props.namespaceName;
    this.hosts = [...props.hosts];
    checkPorts(this.mesh, this, props.ports.flatMap(p => [p.number, p.targetPort ?? p.number]), OperationsRules.RESERVED_PORT);
    this.mesh._onSynth(this, () => this.render());
  }

  private render(): void {
    const p = this.props;
    for (const cluster of this.mesh.configClusters) {
      new ServiceEntryL1(cluster.scopeFor(this), 'ServiceEntry', {
        metadata: { name: this.name, namespace: this.namespaceName },
        spec: {
          hosts: this.hosts,
          addresses: p.addresses,
          ports: p.ports.map(port => ({
            number: port.number,
            protocol: port.protocol,
            name: port.name ?? `${Protocols.prefix(port.protocol)}-${port.number}`,
            targetPort: port.targetPort,
          })),
          location: (p.location ?? ServiceEntryLocation.MESH_EXTERNAL) as string as ServiceEntrySpecLocation,
          resolution: p.resolution as string as ServiceEntrySpecResolution,
          endpoints: p.endpoints?.map(e => ({ ...e, labels: sortedRecord(e.labels) })),
          workloadSelector: p.workloads ? { labels: sortedRecord(p.workloads.workloadSelector) } : undefined,
          exportTo: p.exportTo,
          subjectAltNames: p.subjectAltNames,
        },
      });
    }
  }
}
