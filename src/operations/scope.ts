import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { selectsLabels } from '../core/labels';
import { sortedRecord } from '../core/names';
import { renderedObjectsOfKind } from '../core/rendered';
import type { MeshCluster } from '../topology/cluster';
import type { MeshCore } from '../topology/mesh-core';
import { isCidr as isValidCidr } from '../validation/input/ip';
import { RuleDefinition } from '../validation/rule';
import { OperationsRules } from '../validation/rules/operations';
import { ISTIO_RESERVED_PORTS } from '../workloads/mesh-service';
import { IMeshWorkload } from '../workloads/workload';

// Internal helpers shared by the operations constructs. Not exported from the package.

/** The object name: the explicit one, or the construct id made DNS-safe. */
export function objectName(construct: IConstruct, name?: string): string {
  if (name !== undefined) return name;
  const safe = construct.node.id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return safe || 'default';
}

/** Where a policy-like resource applies: a namespace, optionally narrowed to one workload. */
export interface PolicyScope {
  readonly namespace: string;
  /** Pod labels of the targeted workload; undefined for namespace-wide (or mesh-wide) resources. */
  readonly selector?: { [key: string]: string };
}

/**
 * The scope of a resource targeting `workload`, else `namespace`, else the mesh root namespace (mesh-wide).
 * A workload without pod labels (e.g. an external MeshService) is reported (MESH-OPS-017): an empty selector
 * would silently widen the resource to the whole namespace.
 */
export function policyScope(mesh: MeshCore, member: IConstruct, workload?: IMeshWorkload, namespace?: string): PolicyScope {
  if (!workload) return { namespace: namespace ?? mesh.rootNamespace };
  if (Object.keys(workload.workloadSelector).length === 0) {
    mesh.report(OperationsRules.WORKLOAD_WITHOUT_LABELS, member, workload.node.path);
  }
  return { namespace: workload.workloadNamespace, selector: sortedRecord(workload.workloadSelector) };
}

/**
 * Reports `rule` when another selector-less resource of `kind` already claimed `namespace`: MESH-OPS-001, or the
 * analysis rule of the kind's Istio code, so the analysis does not repeat the finding for the same constructs.
 */
export function claimNamespaceWide(
  mesh: MeshCore, kind: string, namespace: string, member: IConstruct, rule: RuleDefinition = OperationsRules.DUPLICATE_NAMESPACE_WIDE,
): void {
  const claim = mesh.ownership.claim('operations/namespace-wide', `${kind}/${namespace}`, member);
  if (!claim.first && claim.owner !== member) {
    mesh.report(rule, member, namespace, `Kind: ${kind}; also declared at ${claim.owner.node.path}.`);
  }
}

/** True if `port` is an integer from 1 to 65535. */
export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Reports `invalid` for ports outside 1–65535 and MESH-OPS-008 for Istio's reserved ports. */
export function checkPorts(mesh: MeshCore, member: IConstruct, ports: number[], invalid: RuleDefinition): void {
  for (const port of ports) {
    if (!isValidPort(port)) mesh.report(invalid, member, port);
    else if (ISTIO_RESERVED_PORTS.includes(port)) mesh.report(OperationsRules.RESERVED_PORT, member, port);
  }
}

/** Every ApiObject of the given kinds in the clusters, in chart order. One walk per cluster. */
export function apiObjectsOfKinds(clusters: MeshCluster[], kinds: string[]): Array<{ cluster: MeshCluster; object: ApiObject }> {
  const wanted = new Set(kinds);
  const out: Array<{ cluster: MeshCluster; object: ApiObject }> = [];
  for (const cluster of clusters) {
    for (const kind of wanted) {
      for (const object of renderedObjectsOfKind(cluster, kind)) out.push({ cluster, object });
    }
  }
  return out;
}

/**
 * Label selectors indexed by namespace and one of their label pairs, so "does any selector match these pod
 * labels" costs one lookup per pod label instead of a scan over every selector.
 */
export class SelectorIndex {
  private readonly byPair = new Map<string, Array<{ [key: string]: string }>>();

  /** Adds a non-empty selector. */
  public add(namespace: string, selector: { [key: string]: string } | undefined): void {
    const keys = Object.keys(selector ?? {}).sort();
    if (!selector || keys.length === 0) return;
    const key = pairKey(namespace, keys[0], selector[keys[0]]);
    const selectors = this.byPair.get(key);
    if (selectors) selectors.push(selector);
    else this.byPair.set(key, [selector]);
  }

  /** True if a selector in `namespace` selects pods with `labels`. */
  public selects(namespace: string, labels: { [key: string]: string }): boolean {
    return Object.entries(labels).some(([k, v]) => (this.byPair.get(pairKey(namespace, k, v)) ?? [])
      .some(selector => selectsLabels(selector, labels)));
  }
}

function pairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

/** True if `text` is an IPv4 or IPv6 CIDR (as istio-iptables parses it), or `*`. */
export function isCidr(text: string): boolean {
  return text === '*' || isValidCidr(text);
}
