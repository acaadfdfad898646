import { selectsLabels } from '../../core/labels';
import { DATAPLANE_MODE_LABEL } from '../../topology/namespace';
import { RuleDefinition } from '../../validation/rule';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe, groupBy } from '../context';
import { map, maps, num, stringMap, text } from '../json';
import { covers, selectorText } from '../labels';
import { AnalysisObject } from '../object-index';
import { Workload, containers } from '../registry';

// Checks of declared workloads and the policies that select them: injection (IST0102, IST0146/0147),
// services (IST0116, IST0137), selectors (IST0101, IST0127, IST0110/0111, IST0159/0160), UID 1337 (IST0144).

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
const PROXY_CONTAINERS = new Set(['istio-proxy', 'istio-init', 'istio-validation', 'istio-operator']);

/** The namespace objects of the mesh by name: the one in `cluster` first, then any cluster's. */
function namespaceObject(ctx: AnalysisContext, cluster: string, name: string): AnalysisObject | undefined {
  return ctx.index.find(cluster, 'Namespace', '', name) ?? ctx.index.clusters.map(c => ctx.index.find(c, 'Namespace', '', name)).find(n => n);
}

/** True if an injection webhook of the mesh selects pods with `labels` in a namespace labelled `nsLabels`. */
function injected(ctx: AnalysisContext, nsLabels: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  if (labels['sidecar.istio.io/inject'] === 'false' || nsLabels['istio-injection'] === 'disabled') return false;
  const revision = labels['istio.io/rev'] ?? nsLabels['istio.io/rev'];
  if (nsLabels['istio-injection'] === 'enabled') return true;
  if (revision !== undefined) return ctx.settings.revisions.includes(revision);
  return labels['sidecar.istio.io/inject'] === 'true' && ctx.settings.revisions.includes('default');
}

function isEnrolled(nsLabels: Readonly<Record<string, string>>): boolean {
  return nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined || nsLabels[DATAPLANE_MODE_LABEL] === 'ambient';
}

/** Namespaces with workloads but no injection (IST0102); `image: auto` that no webhook injects (IST0146/0147). */
export function analyzeInjection(ctx: AnalysisContext): void {
  for (const ns of ctx.index.ofKind('Namespace')) {
    if (SYSTEM_NAMESPACES.has(ns.name) || ns.name === ctx.settings.rootNamespace || isEnrolled(ns.labels) || ns.labels['istio-injection'] === 'disabled') continue;
    const pods = ctx.workloads.inNamespace(ns.name).filter(w => w.object.cluster === ns.cluster);
    if (pods.length && pods.some(w => w.labels['sidecar.istio.io/inject'] !== 'true')) {
      ctx.report(AnalysisRules.NAMESPACE_NOT_INJECTED, ns, ns.name, `${describe(ns)} has workloads ${pods.map(p => p.object.name).join(', ')}.`);
    }
  }
  for (const w of ctx.workloads.all) {
    if (!containers(w.podSpec).some(c => c.image === 'auto')) continue;
    const ns = namespaceObject(ctx, w.object.cluster, w.namespace);
    if (!ns || injected(ctx, ns.labels, w.labels)) continue;
    const rule = w.object.kind === 'Pod' ? AnalysisRules.IMAGE_AUTO_WITHOUT_INJECTION_POD : AnalysisRules.IMAGE_AUTO_WITHOUT_INJECTION;
    ctx.report(rule, w.object, 'auto', `${describe(w.object)}; namespace labels ${selectorText(ns.labels) || '(none)'}.`);
  }
}

/** One workload selected by several services: one port with two protocols (IST0116), one targetPort on two ports (IST0137). */
export function analyzeServiceAssociation(ctx: AnalysisContext): void {
  for (const w of ctx.workloads.all) {
    const services = ctx.services.servicesIn(w.namespace).filter(s => s.cluster === w.object.cluster && selectsPods(s, w));
    if (services.length < 2) continue;
    const protocols = new Map<number, Map<string, string[]>>();
    const targets = new Map<string, Map<number, string>>();
    for (const s of services) {
      for (const p of maps(s.spec.ports)) {
        const port = num(p.port) ?? 0;
        const protocol = text(p.protocol) ?? 'TCP';
        const byProtocol = protocols.get(port) ?? new Map<string, string[]>();
        byProtocol.set(protocol, [...byProtocol.get(protocol) ?? [], s.name]);
        protocols.set(port, byProtocol);
        const target = String(p.targetPort ?? port);
        const byPort = targets.get(target) ?? new Map<number, string>();
        byPort.set(port, s.name);
        targets.set(target, byPort);
      }
    }
    for (const [port, byProtocol] of protocols) {
      if (byProtocol.size > 1) ctx.report(AnalysisRules.DEPLOYMENT_MULTIPLE_PROTOCOLS, w.object, port, `${describe(w.object)}; services ${[...byProtocol.values()].flat().sort().join(', ')}.`);
    }
    for (const [target, byPort] of targets) {
      if (byPort.size > 1) ctx.report(AnalysisRules.DEPLOYMENT_CONFLICTING_PORTS, w.object, target, `${describe(w.object)}; services ${[...new Set(byPort.values())].sort().join(', ')} use ports ${[...byPort.keys()].sort().join(', ')}.`);
    }
  }
}

function selectsPods(service: AnalysisObject, w: Workload): boolean {
  const selector = stringMap(service.spec.selector);
  return Object.keys(selector).length > 0 && selectsLabels(selector, w.labels);
}

/** `spec.selector.matchLabels` (security policies) or `spec.workloadSelector.labels` (Sidecar). */
function policySelector(o: AnalysisObject): Record<string, string> | undefined {
  const selector = o.kind === 'Sidecar' ? map(o.spec.workloadSelector).labels : map(o.spec.selector).matchLabels;
  const labels = stringMap(selector);
  return Object.keys(labels).length ? labels : undefined;
}

/** Workloads a policy in `namespace` can select: that namespace's, or every namespace's for the root namespace. */
function candidates(ctx: AnalysisContext, namespace: string): readonly Workload[] {
  return namespace === ctx.settings.rootNamespace ? ctx.workloads.all : ctx.workloads.inNamespace(namespace);
}

const SELECTOR_RULES: Array<[string, RuleDefinition]> = [
  ['AuthorizationPolicy', AnalysisRules.NO_MATCHING_WORKLOADS],
  ['RequestAuthentication', AnalysisRules.NO_MATCHING_WORKLOADS],
  ['PeerAuthentication', AnalysisRules.NO_MATCHING_WORKLOADS],
  ['Sidecar', AnalysisRules.SELECTOR_NO_WORKLOAD],
  ['Telemetry', AnalysisRules.SELECTOR_NO_WORKLOAD],
];

/** Policy selectors that match no declared workload, when their namespace has workloads (IST0127, IST0101). */
export function analyzeSelectors(ctx: AnalysisContext): void {
  for (const [kind, rule] of SELECTOR_RULES) {
    for (const o of ctx.index.ofKind(kind)) {
      const selector = policySelector(o);
      if (!selector) continue;
      const pool = candidates(ctx, o.namespace);
      if (pool.length && !pool.some(w => selectsLabels(selector, w.labels))) ctx.report(rule, o, selectorText(selector), `${describe(o)}.`);
    }
  }
}

const OVERLAP_RULES: Array<[string, RuleDefinition, RuleDefinition]> = [
  ['Sidecar', AnalysisRules.CONFLICTING_SIDECAR_SELECTORS, AnalysisRules.MULTIPLE_SIDECARS_WITHOUT_SELECTOR],
  ['Telemetry', AnalysisRules.CONFLICTING_TELEMETRY_SELECTORS, AnalysisRules.MULTIPLE_TELEMETRIES_WITHOUT_SELECTOR],
];

/** Several Sidecars or Telemetries for one workload of a namespace (IST0110/0111, IST0159/0160). */
export function analyzeSelectorOverlaps(ctx: AnalysisContext): void {
  for (const [kind, overlapping, unselected] of OVERLAP_RULES) {
    for (const group of groupBy(ctx.index.ofKind(kind), o => `${o.cluster}|${o.namespace}`).values()) {
      // a Telemetry attached to a waypoint (targetRefs) is not namespace-wide
      const wide = group.filter(o => !policySelector(o) && o.spec.targetRefs === undefined && o.spec.targetRef === undefined);
      if (wide.length > 1) for (const o of wide) ctx.report(unselected, o, o.namespace, `${kind}s ${wide.map(w => w.name).join(', ')} in cluster ${o.cluster}.`);
      const selected = group.filter(o => policySelector(o));
      if (selected.length < 2) continue;
      const pods = ctx.workloads.inNamespace(group[0].namespace);
      const reported = new Set<AnalysisObject>();
      const conflict = (names: AnalysisObject[], pod: string) => {
        for (const o of names) {
          if (reported.has(o)) continue;
          reported.add(o);
          ctx.report(overlapping, o, selectorText(policySelector(o)!), `${kind}s ${names.map(n => n.name).join(', ')} in ${o.namespace} (cluster ${o.cluster}) all select ${pod}.`);
        }
      };
      if (pods.length) {
        for (const pod of pods) {
          const hits = selected.filter(o => selectsLabels(policySelector(o)!, pod.labels));
          if (hits.length > 1) conflict(hits, `pods of ${pod.object.kind} ${pod.object.name}`);
        }
      } else {
        selected.forEach((a, i) => selected.slice(i + 1).forEach(b => {
          const [sa, sb] = [policySelector(a)!, policySelector(b)!];
          if (covers(sa, sb) || covers(sb, sa)) conflict([a, b], `pods labelled ${selectorText({ ...sa, ...sb })}`);
        }));
      }
    }
  }
}

const RESERVED_UID = 1337;

/** Application containers running as the sidecar's UID (IST0144). Istio's own gateway and proxy containers are exempt. */
export function analyzeReservedUid(ctx: AnalysisContext): void {
  for (const w of ctx.workloads.all) {
    const apps = maps(w.podSpec.containers).filter(c => !PROXY_CONTAINERS.has(text(c.name) ?? '') && c.image !== 'auto');
    if (!apps.length) continue;
    const podUid = num(map(w.podSpec.securityContext).runAsUser);
    const offending = apps.filter(c => (num(map(c.securityContext).runAsUser) ?? podUid) === RESERVED_UID);
    if (offending.length) ctx.report(AnalysisRules.RESERVED_UID, w.object, RESERVED_UID, `${describe(w.object)}, containers ${offending.map(c => c.name).join(', ')}.`);
  }
}

/** Workloads of enrolled namespaces that no Service selects, while locality load balancing is in use (seed FAQ). */
export function analyzeClientsWithoutService(ctx: AnalysisContext): void {
  const locality = ctx.index.ofKind('DestinationRule').some(dr => {
    const policies = [map(dr.spec.trafficPolicy), ...maps(map(dr.spec.trafficPolicy).portLevelSettings)];
    return policies.some(p => map(p.loadBalancer).localityLbSetting !== undefined);
  });
  if (!locality) return;
  for (const w of ctx.workloads.all) {
    if (w.labels.istio !== undefined) continue;
    const ns = namespaceObject(ctx, w.object.cluster, w.namespace);
    if (!ns || !isEnrolled(ns.labels)) continue;
    if (!ctx.services.servicesIn(w.namespace).some(s => selectsPods(s, w))) {
      ctx.report(AnalysisRules.CLIENT_WITHOUT_SERVICE, w.object, selectorText(w.labels), `${describe(w.object)}.`);
    }
  }
}
