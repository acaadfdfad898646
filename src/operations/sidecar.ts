import { Construct } from 'constructs';
import { OutboundTrafficPolicy } from './mesh-config';
import { checkPorts, claimNamespaceWide, objectName, policyScope, PolicyScope } from './scope';
import { Sidecar as SidecarL1, SidecarSpecOutboundTrafficPolicyMode } from '../imports/networking.istio.io';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { AnalysisRules } from '../validation/rules/analysis';
import { OperationsRules } from '../validation/rules/operations';
import { MeshService } from '../workloads/mesh-service';
import { Protocol, Protocols } from '../workloads/protocol';
import { IMeshWorkload } from '../workloads/workload';

/** `<namespace>/<host>`, the namespace `*`, `.`, `~` or a namespace name (Istio's validateSidecarEgressHosts). */
function isEgressHost(host: string): boolean {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(host);
  return match !== null && (['*', '.', '~'].includes(match[1]) || /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(match[1]));
}

/**
 * Exposes an application that listens only on localhost: the sidecar accepts traffic on the Service port and
 * forwards it to `127.0.0.1:<containerPort>` (DaoCloud localhost FAQ).
 */
export interface LocalhostIngress {
  /** The Service port traffic arrives on. */
  readonly port: number;
  /** The container port the application listens on at 127.0.0.1. */
  readonly containerPort: number;
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** Options of a `Sidecar` resource. */
export interface SidecarProps {
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /**
   * The workload it applies to. Without it the Sidecar is namespace-wide (or the mesh default in the root namespace).
   * @default - namespace-wide
   */
  readonly workload?: IMeshWorkload;
  /**
   * The namespace, when no workload is given.
   * @default - the mesh root namespace (the mesh-wide default)
   */
  readonly namespaceName?: string;
  /**
   * Services the workloads may reach (egress scoping), as `<namespace>/<host>`.
   * @default - none besides the other egress options
   */
  readonly egressServices?: MeshService[];
  /**
   * Namespaces whose services the workloads may reach (`<namespace>/*`).
   * @default - none besides the other egress options
   */
  readonly egressNamespaces?: string[];
  /**
   * Further egress hosts in Istio's `<namespace>/<dnsName>` form, e.g. `istio-egress/*.example.com`.
   * @default - none
   */
  readonly egressHosts?: string[];
  /**
   * When egress is scoped, also allow the Sidecar's own namespace (`./*`) and the root namespace (`<root>/*`).
   * @default true
   */
  readonly includeOwnAndRootNamespaces?: boolean;
  /**
   * Ingress listeners for applications that listen on localhost.
   * @default - none
   */
  readonly localhostIngress?: LocalhostIngress[];
  /**
   * Outbound policy for these workloads, overriding the mesh's.
   * @default - the mesh's policy
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
}

/**
 * Istio `Sidecar`: scopes which services a workload's proxy learns about (cutting its memory) and adds
 * ingress listeners such as localhost `defaultEndpoint`s. At most one per workload and one selector-less per namespace.
 */
export class Sidecar extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  /** Where it applies. */
  private readonly scope: PolicyScope;
  private readonly props: SidecarProps;

  constructor(scope: Construct, id: string, props: SidecarProps = {}) {
    checkInit('cdk8s-mesh.Sidecar', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = objectName(this, props.name);
    this.scope = policyScope(this.mesh, this, props.workload, props.namespaceName);
    for (const host of props.egressHosts ?? []) {
      if (!isEgressHost(host)) this.mesh.report(OperationsRules.MALFORMED_EGRESS_HOST, this, host);
    }
    for (const ingress of props.localhostIngress ?? []) {
      checkPorts(this.mesh, this, [ingress.port, ingress.containerPort], OperationsRules.INVALID_PORT);
    }
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /** The egress hosts as emitted, or an empty list when egress is not scoped. */
  public get egressHosts(): string[] {
    const p = this.props;
    const hosts = [
      ...(p.egressServices ?? []).map(s => `${s.namespaceName}/${s.host}`),
      ...(p.egressNamespaces ?? []).map(ns => `${ns}/*`),
      ...p.egressHosts ?? [],
    ];
    if (hosts.length === 0) return [];
    const defaults = p.includeOwnAndRootNamespaces === false ? [] : ['./*', `${this.mesh.rootNamespace}/*`];
    return [...new Set([...defaults, ...hosts])];
  }

  private render(): void {
    const egress = this.egressHosts;
    const policy = this.props.outboundTrafficPolicy;
    for (const cluster of this.mesh.configClusters) {
      new SidecarL1(cluster.scopeFor(this), 'Sidecar', {
        metadata: { name: this.name, namespace: this.scope.namespace },
        spec: {
          workloadSelector: this.scope.selector ? { labels: this.scope.selector } : undefined,
          egress: egress.length ? [{ hosts: egress }] : undefined,
          ingress: this.props.localhostIngress?.map(i => {
            const protocol = i.protocol ?? Protocol.TCP;
            return {
              port: { number: i.port, protocol, name: `${Protocols.prefix(protocol)}-${i.port}` },
              defaultEndpoint: `127.0.0.1:${i.containerPort}`,
            };
          }),
          outboundTrafficPolicy: policy === undefined ? undefined : { mode: policy as string as SidecarSpecOutboundTrafficPolicyMode },
        },
      });
    }
  }

  private validate(): void {
    if (!this.scope.selector) {
      claimNamespaceWide(this.mesh, 'Sidecar', this.scope.namespace, this, AnalysisRules.MULTIPLE_SIDECARS_WITHOUT_SELECTOR);
      return;
    }
    const claim = this.mesh.ownership.claim('operations/sidecar-selector', `${this.scope.namespace}/${JSON.stringify(this.scope.selector)}`, this);
    if (!claim.first && claim.owner !== this) {
      this.mesh.report(OperationsRules.OVERLAPPING_SIDECARS, this, this.scope.selector, `Also selected by ${claim.owner.node.path}.`);
    }
  }
}
