import { IConstruct } from 'constructs';
import { PolicyScope, PolicyTargetOptions } from './policy-target';
import { isDnsSubdomain, sortedRecord } from '../core/names';
import type { Waypoint } from '../gateways/waypoint';
import type { MeshCluster } from '../topology/cluster';
import type { MeshCore } from '../topology/mesh-core';
import { DataplaneMode } from '../topology/namespace';
import { AmbientRules } from '../validation/rules/ambient';
import { SecurityRules } from '../validation/rules/security';
import { TopologyRules } from '../validation/rules/topology';
import type { MeshService, MeshServicePort } from '../workloads/mesh-service';
import { IMeshWorkload } from '../workloads/workload';

/** A `targetRefs` attachment of a policy. @internal */
export interface PolicyAttachment {
  /** The `targetRefs` entry. */
  readonly ref: { group: string; kind: string; name: string };
  /** The namespace of the target (the policy's namespace). */
  readonly namespace: string;
  /** The target, for messages. */
  readonly what: string;
}

/** The resolved target of a policy: name, namespace, selector, scope, placement. @internal */
export class PolicyTarget {
  public readonly name: string;
  public readonly namespace: string;
  public readonly selector: { [key: string]: string } | undefined;
  public readonly scope: PolicyScope;
  private placed?: MeshCluster[];

  /** What the policy is attached to with `targetRefs` (a waypoint, or a service whose waypoint enforces it). */
  public readonly attachment?: PolicyAttachment;

  constructor(
    private readonly mesh: MeshCore, private readonly owner: IConstruct, private readonly options: PolicyTargetOptions,
    /** The waypoint the policy is attached to (`targetRefs` kind Gateway), if any. */
    public readonly waypoint?: Waypoint,
    /** The service whose waypoint enforces the policy (`targetRefs` kind Service), if any. */
    public readonly targetService?: MeshService,
  ) {
    this.name = options.name ?? owner.node.id;
    const workload = options.workload;
    this.attachment = waypoint
      ? { ref: waypoint._targetRef, namespace: waypoint.namespaceName, what: `waypoint ${waypoint.name}` }
      : targetService ? { ref: { group: '', kind: 'Service', name: targetService.name }, namespace: targetService.namespaceName, what: `service ${targetService.name}` }
        : undefined;
    const attachment = this.attachment;
    this.namespace = options.namespaceName ?? workload?.workloadNamespace ?? attachment?.namespace ?? mesh.rootNamespace;
    if (attachment) {
      waypoint?._addPolicy(owner);
      if (workload || options.selector) {
        const selector = sortedRecord({ ...workload?.workloadSelector, ...options.selector });
        mesh.report(AmbientRules.POLICY_WAYPOINT_AND_SELECTOR, owner, { targetRef: `${attachment.ref.kind}/${attachment.namespace}/${attachment.ref.name}`, selector });
      }
      if (this.namespace !== attachment.namespace) {
        mesh.report(AmbientRules.POLICY_WAYPOINT_NAMESPACE, owner, this.namespace, `The ${attachment.what} is in "${attachment.namespace}".`);
      }
      if (waypoint && targetService) {
        mesh.report(AmbientRules.POLICY_WAYPOINT_AND_SELECTOR, owner, { waypoint: `${waypoint.namespaceName}/${waypoint.name}`, targetService: `${targetService.namespaceName}/${targetService.name}` });
      }
    }
    const labels = { ...workload?.workloadSelector, ...options.selector };
    this.selector = Object.keys(labels).length ? sortedRecord(labels) : undefined;
    this.scope = this.selector ? PolicyScope.WORKLOAD : this.namespace === mesh.rootNamespace ? PolicyScope.MESH : PolicyScope.NAMESPACE;

    if (!isDnsSubdomain(this.name)) mesh.report(TopologyRules.INVALID_NAME, owner, this.name);
    const declaredScope = options.policyScope ?? options.scope;
    if (attachment) return;
    const declaredMesh = declaredScope === PolicyScope.MESH || (this.namespace === mesh.rootNamespace && this.name === 'default');
    if (declaredMesh && this.scope !== PolicyScope.MESH) {
      mesh.report(SecurityRules.MESH_WIDE_WITH_SELECTOR, owner, { namespace: this.namespace, selector: this.selector });
    }
    if (workload && !this.selector && declaredScope !== PolicyScope.NAMESPACE && declaredScope !== PolicyScope.MESH) {
      mesh.report(SecurityRules.WORKLOAD_WITHOUT_SELECTOR, owner, workload.workloadNamespace);
    }
    if (workload && options.namespaceName !== undefined && options.namespaceName !== workload.workloadNamespace) {
      mesh.report(SecurityRules.POLICY_NAMESPACE_MISMATCH, owner, options.namespaceName, `The workload runs in "${workload.workloadNamespace}".`);
    }
  }

  /** The `targetRefs` of a policy attached to a waypoint or a service. */
  public get targetRefs(): Array<{ group: string; kind: string; name: string }> | undefined {
    return this.attachment ? [this.attachment.ref] : undefined;
  }

  /**
   * Reports a policy attached to a service that no waypoint serves (validate phase, once every attachment is known).
   */
  public checkServiceWaypoint(): void {
    const service = this.targetService;
    if (!service) return;
    const nsWaypoint = this.mesh.namespaces.find(ns => ns.name === service.namespaceName)?.waypointName;
    if (service.waypointName === undefined && nsWaypoint === undefined) {
      this.mesh.report(AmbientRules.SERVICE_WITHOUT_WAYPOINT, this.owner, `${service.namespaceName}/${service.name}`);
    }
  }

  /**
   * True if only ztunnel enforces the policy: it is attached to no waypoint and applies to ambient workloads (its
   * namespace is ambient, or it is mesh-wide in a mesh whose data plane is ambient).
   */
  public get enforcedByZtunnelOnly(): boolean {
    if (this.attachment) return false;
    if (this.namespace === this.mesh.rootNamespace) return this.mesh.dataplaneMode === DataplaneMode.AMBIENT;
    return this.mesh.dataplaneOf(this.namespace) === DataplaneMode.AMBIENT;
  }

  /** The workload, if the policy targets one. */
  public get workload(): IMeshWorkload | undefined {
    return this.options.workload;
  }

  /** The service ports of the workload, when it is a mesh service. */
  public get servicePorts(): MeshServicePort[] | undefined {
    const workload = this.options.workload;
    if (!workload || !('ports' in workload) || !('findPort' in workload)) return undefined;
    return Array.isArray(workload.ports) && typeof workload.findPort === 'function' ? workload.ports as MeshServicePort[] : undefined;
  }

  /**
   * The target (container) port of a service port; reports MESH-SEC-005 for ports the service lacks.
   * Without a mesh service the port is taken as a container port.
   */
  public targetPort(port: number): number | undefined {
    const ports = this.servicePorts;
    if (!ports) return port;
    const found = ports.find(p => p.port === port);
    if (!found) {
      const known = ports.map(p => `${p.port}→${p.targetPort ?? p.port}`).join(', ');
      this.mesh.report(SecurityRules.UNKNOWN_POLICY_PORT, this.owner, port, `Service ports: ${known}.`);
      return undefined;
    }
    return found.targetPort ?? found.port;
  }

  /** The clusters the policy is placed in. */
  public get clusters(): MeshCluster[] {
    this.placed ??= this.resolveClusters();
    return [...this.placed];
  }

  /** `metadata` of the emitted object. */
  public get metadata(): { name: string; namespace: string } {
    return { name: this.name, namespace: this.namespace };
  }

  private resolveClusters(): MeshCluster[] {
    const config = this.mesh.configClusters;
    if (this.options.clusters !== undefined) return this.mesh.resolveClusters(this.owner, config, this.options.clusters);
    let served: MeshCluster[] | undefined;
    if (this.waypoint) {
      served = this.waypoint.clusters;
    } else if (this.targetService) {
      served = this.targetService.clusters;
    } else if (this.options.workload) {
      served = this.options.workload.workloadClusters;
    } else if (this.scope === PolicyScope.NAMESPACE) {
      const declared = this.mesh.namespaces.filter(ns => ns.name === this.namespace);
      if (declared.length) served = declared.flatMap(ns => ns.clusters);
    }
    if (!served) return config;
    // A cluster that holds config gets the policy itself; others are served by every config cluster.
    const wanted = new Set(served.flatMap(c => (config.includes(c) ? [c] : config)));
    return this.mesh.clusters.filter(c => wanted.has(c));
  }
}
