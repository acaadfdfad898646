import { selectsLabels } from '../../core/labels';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe } from '../context';
import { JsonMap, map, maps, num, stringMap, text, texts } from '../json';
import { AnalysisObject, GATEWAY_API_GROUP, gatewayApiKind } from '../object-index';
import { CLUSTER_DOMAIN } from '../registry';

// Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute), as Istio's Gateway API controller resolves them: every Gateway
// parent must exist and have a listener that accepts the route (allowedRoutes namespaces and kinds) and shares a hostname
// with it; every Service backend must exist with the port; a backend in another namespace needs a ReferenceGrant there.

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

/** The route kinds a listener accepts when `allowedRoutes.kinds` is unset (Istio's defaults per protocol). */
const DEFAULT_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** True if a route hostname and a listener hostname can match one request (Gateway API wildcard rules). */
export function gatewayHostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const matches = (wild: string, name: string) => wild.startsWith('*.') && name.endsWith(wild.slice(1)) && name.length > wild.length - 1;
  return matches(a, b) || matches(b, a) || (a.startsWith('*.') && b.startsWith('*.') && (a.endsWith(b.slice(1)) || b.endsWith(a.slice(1))));
}

/** The labels of a namespace as a selector sees them: its Namespace object's, plus the automatic `kubernetes.io/metadata.name`. */
function namespaceLabels(ctx: AnalysisContext, cluster: string, namespace: string): Record<string, string> {
  const object = ctx.index.find(cluster, 'Namespace', '', namespace);
  return { ...object?.labels, 'kubernetes.io/metadata.name': namespace };
}

/** A label selector (`matchLabels`, `matchExpressions` with In/NotIn/Exists/DoesNotExist) against labels. */
function selectorMatches(selector: JsonMap, labels: Record<string, string>): boolean {
  if (!selectsLabels(stringMap(selector.matchLabels), labels)) return false;
  return maps(selector.matchExpressions).every(e => {
    const key = text(e.key) ?? '';
    const values = texts(e.values);
    switch (text(e.operator)) {
      case 'In': return key in labels && values.includes(labels[key]);
      case 'NotIn': return !(key in labels) || !values.includes(labels[key]);
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: return false;
    }
  });
}

/** Why a listener does not accept the route, or undefined when it does. */
function listenerRefusal(ctx: AnalysisContext, route: AnalysisObject, gateway: AnalysisObject, listener: JsonMap): string | undefined {
  const allowed = map(listener.allowedRoutes);
  const namespaces = map(allowed.namespaces);
  const from = text(namespaces.from) ?? 'Same';
  if (from === 'Same' && route.namespace !== gateway.namespace) return `listener ${text(listener.name)} accepts routes of namespace ${gateway.namespace} only`;
  if (from === 'Selector' && !selectorMatches(map(namespaces.selector), namespaceLabels(ctx, route.cluster, route.namespace))) {
    return `listener ${text(listener.name)} accepts routes of the namespaces its selector matches, not ${route.namespace}`;
  }
  const kinds = maps(allowed.kinds);
  const accepted = kinds.length
    ? kinds.filter(k => (text(k.group) ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP).map(k => text(k.kind) ?? '')
    : DEFAULT_KINDS[text(listener.protocol) ?? ''] ?? [];
  if (!accepted.includes(route.kind)) return `listener ${text(listener.name)} accepts ${accepted.join(', ') || 'no route kind'}, not ${route.kind}`;
  return undefined;
}

/** Gateway parents: each exists, accepts the route on some listener, and shares a hostname with it. */
function checkParents(ctx: AnalysisContext, route: AnalysisObject): void {
  const hostnames = texts(route.spec.hostnames);
  for (const ref of maps(route.spec.parentRefs)) {
    const group = text(ref.group) ?? GATEWAY_API_GROUP;
    const kind = text(ref.kind) ?? 'Gateway';
    if (group !== GATEWAY_API_GROUP || kind !== 'Gateway') continue;
    const namespace = text(ref.namespace) ?? route.namespace;
    const name = text(ref.name) ?? '';
    const gateway = ctx.index.find(route.cluster, gatewayApiKind('Gateway'), namespace, name);
    if (!gateway) {
      ctx.report(AnalysisRules.GATEWAY_API_REFERENCE_NOT_FOUND, route, `Gateway ${namespace}/${name}`, `${describe(route)}: parentRefs names no Gateway in this cluster.`);
      continue;
    }
    const section = text(ref.sectionName);
    const port = num(ref.port);
    const listeners = maps(gateway.spec.listeners)
      .filter(l => (section === undefined || text(l.name) === section) && (port === undefined || num(l.port) === port));
    const refusals = listeners.map(l => listenerRefusal(ctx, route, gateway, l));
    const accepting = listeners.filter((_, i) => refusals[i] === undefined);
    if (!accepting.length) {
      ctx.report(AnalysisRules.ROUTE_NOT_ALLOWED_BY_LISTENERS, route, `${namespace}/${name}`,
        `${describe(route)}: ${refusals.filter(r => r).join('; ') || 'no listener matches the parentRef'}.`);
      continue;
    }
    if (!hostnames.length) continue;
    const intersects = accepting.some(l => {
      const listenerHost = text(l.hostname);
      return listenerHost === undefined || hostnames.some(h => gatewayHostnamesIntersect(h, listenerHost));
    });
    if (!intersects) {
      ctx.report(AnalysisRules.NO_MATCHING_LISTENER_HOSTNAME, route, hostnames,
        `${describe(route)}; Gateway ${namespace}/${name} listens for: ${accepting.map(l => text(l.hostname)).join(', ')}.`);
    }
  }
}

/** The backendRefs of a route: every rule's, and their request mirrors. */
function backendRefsOf(route: AnalysisObject): JsonMap[] {
  return maps(route.spec.rules).flatMap(rule => {
    const mirrors = (filters: unknown) => maps(filters).map(f => map(map(f.requestMirror).backendRef)).filter(b => text(b.name) !== undefined);
    const refs = maps(rule.backendRefs);
    return [...refs, ...mirrors(rule.filters), ...refs.flatMap(r => mirrors(r.filters))];
  });
}

/** True if a ReferenceGrant in `namespace` lets `route` reference the Service `name`. */
function granted(ctx: AnalysisContext, route: AnalysisObject, namespace: string, name: string): boolean {
  return ctx.index.ofKind(gatewayApiKind('ReferenceGrant')).some(grant => grant.cluster === route.cluster && grant.namespace === namespace
    && maps(grant.spec.from).some(f => text(f.group) === GATEWAY_API_GROUP && text(f.kind) === route.kind && text(f.namespace) === route.namespace)
    && maps(grant.spec.to).some(t => (text(t.group) ?? '') === '' && text(t.kind) === 'Service' && (text(t.name) === undefined || text(t.name) === name)));
}

/** Service backends: each exists with the port; one in another namespace has a ReferenceGrant there. */
function checkBackends(ctx: AnalysisContext, route: AnalysisObject): void {
  for (const ref of backendRefsOf(route)) {
    const group = text(ref.group) ?? '';
    const kind = text(ref.kind) ?? 'Service';
    const name = text(ref.name) ?? '';
    const port = num(ref.port);
    if (group === 'networking.istio.io' && kind === 'Hostname') {
      if (!ctx.services.resolve(name, route.namespace)) ctx.report(AnalysisRules.GATEWAY_API_REFERENCE_NOT_FOUND, route, `Hostname ${name}`, `${describe(route)}: no Service or ServiceEntry has this host.`);
      continue;
    }
    if (group !== '' || kind !== 'Service') continue;
    const namespace = text(ref.namespace) ?? route.namespace;
    const service = ctx.services.resolve(`${name}.${namespace}.${CLUSTER_DOMAIN}`, namespace);
    if (!service) {
      ctx.report(AnalysisRules.GATEWAY_API_REFERENCE_NOT_FOUND, route, `Service ${namespace}/${name}`, `${describe(route)}: backendRefs names no Service.`);
    } else if (port !== undefined && !service.ports.some(p => p.number === port)) {
      ctx.report(AnalysisRules.GATEWAY_API_REFERENCE_NOT_FOUND, route, `Service ${namespace}/${name}:${port}`,
        `${describe(route)}: the Service has ports ${service.ports.map(p => p.number).join(', ')}.`);
    }
    if (namespace !== route.namespace && !granted(ctx, route, namespace, name)) {
      ctx.report(AnalysisRules.MISSING_REFERENCE_GRANT, route, `Service ${namespace}/${name}`,
        `${describe(route)}: no ReferenceGrant in ${namespace} lets ${route.kind}s of ${route.namespace} reference it.`);
    }
  }
}

/** Every Gateway API route's parents and backends. */
export function analyzeGatewayApiRoutes(ctx: AnalysisContext): void {
  for (const kind of ROUTE_KINDS) {
    for (const route of ctx.index.ofKind(gatewayApiKind(kind))) {
      checkParents(ctx, route);
      checkBackends(ctx, route);
    }
  }
}
