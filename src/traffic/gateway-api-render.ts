import { RouteDestination, destinationService } from './destination';
import { istioDuration } from './durations';
import { HeaderChanges, HeaderOperations } from './header-operations';
import { HttpRouteOptions } from './http-route';
import { HttpMatch, StringMatch, StringMatchKind } from './match';
import { TlsRouteOptions } from './tcp-tls-route';
import {
  HttpRouteSpec, HttpRouteSpecParentRefs, HttpRouteSpecRules, HttpRouteSpecRulesBackendRefs, HttpRouteSpecRulesBackendRefsFilters,
  HttpRouteSpecRulesBackendRefsFiltersType, HttpRouteSpecRulesFilters, HttpRouteSpecRulesFiltersCorsAllowMethods,
  HttpRouteSpecRulesFiltersRequestHeaderModifier, HttpRouteSpecRulesFiltersRequestRedirectScheme, HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType, HttpRouteSpecRulesFiltersUrlRewritePathType, HttpRouteSpecRulesMatches, HttpRouteSpecRulesMatchesHeaders,
  HttpRouteSpecRulesMatchesHeadersType, HttpRouteSpecRulesMatchesMethod, HttpRouteSpecRulesMatchesPathType, HttpRouteSpecRulesMatchesQueryParamsType,
  GrpcRouteSpec, GrpcRouteSpecRules, GrpcRouteSpecRulesBackendRefsFilters, GrpcRouteSpecRulesBackendRefsFiltersType, GrpcRouteSpecRulesFilters,
  GrpcRouteSpecRulesFiltersType, GrpcRouteSpecRulesMatches, GrpcRouteSpecRulesMatchesHeadersType, ReferenceGrantSpec, TlsRouteSpec,
} from '../imports/gateway.networking.k8s.io';
import { MeshService } from '../workloads/mesh-service';

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** Istio's backendRef kind for a host of its registry (a ServiceEntry host): `networking.istio.io/Hostname`. */
const ISTIO_HOSTNAME = { group: 'networking.istio.io', kind: 'Hostname' };

/** A field of a route declaration that the Gateway API cannot express, by its path under the route. */
export interface GatewayApiGap {
  /** The field, e.g. `http[0]/fault`. */
  readonly field: string;
  /** What it holds. */
  readonly value: unknown;
  /** Why, or what to do instead. */
  readonly detail?: string;
}

/** A parent a Gateway API route attaches to: a Gateway, or the Service of mesh (GAMMA) routing. */
export interface RouteParent {
  readonly kind: 'Gateway' | 'Service';
  readonly name: string;
  readonly namespace: string;
  /** The Service port (mesh routing of a one-port service). */
  readonly port?: number;
}

/** What one Gateway API route of a TrafficRoute declares in one cluster. */
export interface GatewayApiRouteModel {
  readonly service: MeshService;
  readonly namespace: string;
  readonly parents: RouteParent[];
  /** `spec.hostnames`: empty for mesh routes. */
  readonly hostnames: string[];
  readonly http: HttpRouteOptions[];
  /** True for the mesh (Service-parent) route: matches limited to gateways are left out, and the other way round. */
  readonly forMesh: boolean;
}

/** The name of a version's Service, `<service>-<version>` (Istio's traffic-shifting task: `reviews-v1`). */
export function versionServiceName(service: MeshService, version: string): string {
  return `${service.name}-${version}`;
}

/** One backend a destination resolves to: a Service (per version) or an Istio registry host. */
interface Backend {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
}

function backendOf(d: RouteDestination, fallback: MeshService, routeNamespace: string, where: string, gaps: GatewayApiGap[]): Backend {
  const service = destinationService(d, fallback);
  if (!service) {
    if (d.port === undefined) gaps.push({ field: `${where}/port`, value: d.host, detail: 'A Gateway API backendRef to a host needs a port.' });
    return { ...ISTIO_HOSTNAME, name: d.host!, port: d.port };
  }
  const port = d.port ?? (service.ports.length === 1 ? service.ports[0].port : undefined);
  if (port === undefined) {
    gaps.push({ field: `${where}/port`, value: service.ports.map(p => p.port), detail: `${service.name} has ${service.ports.length} ports; a Gateway API backendRef names one.` });
  }
  return {
    name: d.version ? versionServiceName(service, d.version) : service.name,
    namespace: service.namespaceName === routeNamespace ? undefined : service.namespaceName,
    port,
  };
}

function headerModifier(changes: HeaderChanges | undefined): HttpRouteSpecRulesFiltersRequestHeaderModifier | undefined {
  if (!changes) return undefined;
  const pairs = (m: { [name: string]: string } | undefined) => (m && Object.keys(m).length
    ? Object.keys(m).sort().map(name => ({ name, value: m[name] })) : undefined);
  const out = { set: pairs(changes.set), add: pairs(changes.add), remove: changes.remove?.length ? [...changes.remove] : undefined };
  return out.set || out.add || out.remove ? out : undefined;
}

/** A request and a response header modifier filter, typed for the filter list that takes them (rule or backendRef, HTTP or gRPC). */
interface HeaderModifierFilter<Type> {
  readonly type: Type;
  readonly requestHeaderModifier?: HttpRouteSpecRulesFiltersRequestHeaderModifier;
  readonly responseHeaderModifier?: HttpRouteSpecRulesFiltersRequestHeaderModifier;
}

/** The header modifier filters of `ops`, with the filter-type values of the list they go into. */
function modifierFilters<Type>(ops: HeaderOperations | undefined, request: Type, response: Type): Array<HeaderModifierFilter<Type>> {
  const filters: Array<HeaderModifierFilter<Type>> = [];
  const requestModifier = headerModifier(ops?.request);
  const responseModifier = headerModifier(ops?.response);
  if (requestModifier) filters.push({ type: request, requestHeaderModifier: requestModifier });
  if (responseModifier) filters.push({ type: response, responseHeaderModifier: responseModifier });
  return filters;
}

function headerFilters(ops: HeaderOperations | undefined): HttpRouteSpecRulesFilters[] {
  return modifierFilters(ops, HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER);
}

/** Header filters of one backendRef (the same modifiers, typed for backendRefs). */
function backendHeaderFilters(ops: HeaderOperations | undefined): HttpRouteSpecRulesBackendRefsFilters[] {
  const types = HttpRouteSpecRulesBackendRefsFiltersType;
  return modifierFilters(ops, types.REQUEST_HEADER_MODIFIER, types.RESPONSE_HEADER_MODIFIER);
}

const HEADER_TYPES: Partial<Record<StringMatchKind, HttpRouteSpecRulesMatchesHeadersType>> = {
  [StringMatchKind.EXACT]: HttpRouteSpecRulesMatchesHeadersType.EXACT,
  [StringMatchKind.REGEX]: HttpRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION,
};
const PATH_TYPES: Record<StringMatchKind, HttpRouteSpecRulesMatchesPathType> = {
  [StringMatchKind.EXACT]: HttpRouteSpecRulesMatchesPathType.EXACT,
  [StringMatchKind.PREFIX]: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX,
  [StringMatchKind.REGEX]: HttpRouteSpecRulesMatchesPathType.REGULAR_EXPRESSION,
};
const QUERY_TYPES: Record<HttpRouteSpecRulesMatchesHeadersType, HttpRouteSpecRulesMatchesQueryParamsType> = {
  [HttpRouteSpecRulesMatchesHeadersType.EXACT]: HttpRouteSpecRulesMatchesQueryParamsType.EXACT,
  [HttpRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION]: HttpRouteSpecRulesMatchesQueryParamsType.REGULAR_EXPRESSION,
};
const METHODS = new Set<string>(Object.values(HttpRouteSpecRulesMatchesMethod));

/** Header or query matches: Exact (the schema default, not written) or RegularExpression; prefixes have no equivalent. */
function valueMatches(
  map: { [name: string]: StringMatch } | undefined, where: string, gaps: GatewayApiGap[],
): HttpRouteSpecRulesMatchesHeaders[] | undefined {
  if (!map || !Object.keys(map).length) return undefined;
  return Object.keys(map).sort().flatMap(name => {
    const m = map[name];
    const type = HEADER_TYPES[m.kind];
    if (!type) {
      gaps.push({ field: `${where}/${name}`, value: `${m.kind} ${m.value}`, detail: 'Gateway API header and query matches are Exact or RegularExpression.' });
      return [];
    }
    return [{ name, value: m.value, type: type === HttpRouteSpecRulesMatchesHeadersType.EXACT ? undefined : type }];
  });
}

/** The Gateway API form of one match block. */
function renderMatch(m: HttpMatch, where: string, gaps: GatewayApiGap[]): HttpRouteSpecRulesMatches {
  const unsupported: Array<[keyof HttpMatch, unknown]> = [
    ['ignoreUriCase', m.ignoreUriCase || undefined], ['withoutHeaders', m.withoutHeaders && Object.keys(m.withoutHeaders).length ? Object.keys(m.withoutHeaders) : undefined],
    ['authority', m.authority?.value], ['scheme', m.scheme?.value], ['port', m.port], ['sourceLabels', m.sourceLabels], ['sourceNamespace', m.sourceNamespace],
  ];
  for (const [field, value] of unsupported) if (value !== undefined) gaps.push({ field: `${where}/${field}`, value });
  let method: HttpRouteSpecRulesMatchesMethod | undefined;
  if (m.method) {
    if (m.method.kind === StringMatchKind.EXACT && METHODS.has(m.method.value)) method = m.method.value as HttpRouteSpecRulesMatchesMethod;
    else gaps.push({ field: `${where}/method`, value: `${m.method.kind} ${m.method.value}`, detail: 'A Gateway API method match is one exact method name.' });
  }
  const query = valueMatches(m.queryParams, `${where}/queryParams`, gaps);
  return {
    path: m.uri && { type: PATH_TYPES[m.uri.kind], value: m.uri.value },
    headers: valueMatches(m.headers, `${where}/headers`, gaps),
    queryParams: query?.map(q => ({ ...q, type: q.type && QUERY_TYPES[q.type] })),
    method,
  };
}

/** The match blocks of a route that apply to this parent kind (`gateways`-only blocks on gateways, `fromMesh`-only on the mesh). */
function matchesFor(route: HttpRouteOptions, forMesh: boolean): HttpMatch[] | undefined {
  const blocks = route.match ?? [];
  if (!blocks.length) return undefined;
  return blocks.filter(m => {
    const gatewaysOnly = (m.gateways?.length ?? 0) > 0 && !m.fromMesh;
    const meshOnly = m.fromMesh === true && !(m.gateways?.length);
    return forMesh ? !gatewaysOnly : !meshOnly;
  });
}

function renderRule(m: GatewayApiRouteModel, route: HttpRouteOptions, where: string, gaps: GatewayApiGap[]): HttpRouteSpecRules | undefined {
  const blocks = matchesFor(route, m.forMesh);
  if (blocks !== undefined && blocks.length === 0) return undefined;
  for (const field of ['fault', 'directResponse', 'delegateTo'] as const) if (route[field] !== undefined) gaps.push({ field: `${where}/${field}`, value: route[field] });
  const filters: HttpRouteSpecRulesFilters[] = [...headerFilters(route.headers)];
  if (route.redirect) {
    const r = route.redirect;
    const scheme = r.scheme === undefined ? undefined : r.scheme.toLowerCase();
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') gaps.push({ field: `${where}/redirect/scheme`, value: r.scheme });
    filters.push({
      type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
      requestRedirect: {
        scheme: scheme as HttpRouteSpecRulesFiltersRequestRedirectScheme | undefined,
        hostname: r.authority,
        port: r.port,
        path: r.uri === undefined ? undefined : { type: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_FULL_PATH, replaceFullPath: r.uri },
        statusCode: (r.redirectCode ?? 301) as HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
      },
    } as HttpRouteSpecRulesFilters);
  }
  if (route.rewrite) {
    const rw = route.rewrite;
    if (rw.uriRegex) gaps.push({ field: `${where}/rewrite/uriRegex`, value: rw.uriRegex.match });
    const prefixes = (blocks ?? []).filter(b => b.uri?.kind === StringMatchKind.PREFIX);
    const replacePrefix = rw.uri !== undefined && prefixes.length > 0;
    if (replacePrefix && (blocks ?? []).length !== 1) {
      gaps.push({ field: `${where}/rewrite/uri`, value: rw.uri, detail: 'A Gateway API prefix rewrite needs the rule to have exactly one match, a path prefix.' });
    }
    filters.push({
      type: HttpRouteSpecRulesFiltersType.URL_REWRITE,
      urlRewrite: {
        hostname: rw.authority,
        path: rw.uri === undefined ? undefined : replacePrefix
          ? { type: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH, replacePrefixMatch: rw.uri }
          : { type: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_FULL_PATH, replaceFullPath: rw.uri },
      },
    });
  }
  if (route.mirror) {
    const backend = backendOf(route.mirror.destination, m.service, m.namespace, `${where}/mirror/destination`, gaps);
    const percent = route.mirror.percentage ?? 100;
    if (!Number.isInteger(percent)) gaps.push({ field: `${where}/mirror/percentage`, value: percent, detail: 'Gateway API mirror percentages are integers.' });
    const requestMirror = { backendRef: backend, percent: percent === 100 ? undefined : percent };
    filters.push({ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror });
  }
  if (route.cors) {
    const c = route.cors;
    const origins = c.allowOrigins.filter(o => o.kind === StringMatchKind.EXACT).map(o => o.value);
    const other = c.allowOrigins.filter(o => o.kind !== StringMatchKind.EXACT);
    if (other.length) gaps.push({ field: `${where}/cors/allowOrigins`, value: other.map(o => `${o.kind} ${o.value}`), detail: 'Gateway API CORS origins are exact origins.' });
    filters.push({
      type: HttpRouteSpecRulesFiltersType.CORS,
      cors: {
        allowOrigins: origins.length ? origins : undefined,
        allowMethods: c.allowMethods?.map(x => x as HttpRouteSpecRulesFiltersCorsAllowMethods),
        allowHeaders: c.allowHeaders,
        exposeHeaders: c.exposeHeaders,
        maxAge: c.maxAge === undefined ? undefined : Math.floor(c.maxAge.toSeconds()),
        allowCredentials: c.allowCredentials,
      },
    });
  }
  const retries = route.retries;
  if (retries) {
    const { perTryTimeout: _p, ...rest } = retries;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) {
        gaps.push({
          field: `${where}/retries/${key}`,
          value: Array.isArray(value) ? value.map(v => String((v as { token?: string }).token ?? v)) : value,
          detail: 'HTTPRoute retries are in the experimental channel only; Istio applies its default retries (2 attempts) to Gateway API routes.',
        });
      }
    }
  }
  const request = istioDuration(route.timeout);
  const backendRequest = istioDuration(retries?.perTryTimeout);
  const backendRefs = (route.destinations ?? []).map((d, i): HttpRouteSpecRulesBackendRefs => {
    const backend = backendOf(d, m.service, m.namespace, `${where}/destinations[${i}]`, gaps);
    const perBackend = backendHeaderFilters(d.headers);
    return { ...backend, weight: d.weight, filters: perBackend.length ? perBackend : undefined };
  });
  return {
    name: route.name,
    matches: blocks?.map((b, j) => renderMatch(b, `${where}/match[${j}]`, gaps)),
    filters: filters.length ? filters : undefined,
    backendRefs: backendRefs.length ? backendRefs : undefined,
    timeouts: request || backendRequest ? { request, backendRequest } : undefined,
  };
}

/** The parentRefs of a route: Gateways by name (namespace when another), Services with group `""`, kind and port. */
export function renderParentRefs(parents: RouteParent[], namespace: string): HttpRouteSpecParentRefs[] {
  return parents.map(p => (p.kind === 'Service'
    ? { group: '', kind: 'Service', name: p.name, namespace: p.namespace === namespace ? undefined : p.namespace, port: p.port }
    : { name: p.name, namespace: p.namespace === namespace ? undefined : p.namespace }));
}

/** The parents, hostnames and rules of a route spec (HTTPRoute or GRPCRoute) in one cluster, and what it could not express. */
function routeSpec<Rule>(
  m: GatewayApiRouteModel, renderOne: (m: GatewayApiRouteModel, route: HttpRouteOptions, where: string, gaps: GatewayApiGap[]) => Rule | undefined,
): { spec: { parentRefs: HttpRouteSpecParentRefs[]; hostnames?: string[]; rules?: Rule[] }; gaps: GatewayApiGap[] } {
  const gaps: GatewayApiGap[] = [];
  const rules = m.http.flatMap((r, i) => renderOne(m, r, `http[${i}]`, gaps) ?? []);
  return {
    spec: {
      parentRefs: renderParentRefs(m.parents, m.namespace),
      hostnames: m.hostnames.length ? m.hostnames : undefined,
      rules: rules.length ? rules : undefined,
    },
    gaps,
  };
}

/** The HTTPRoute spec of a route in one cluster, and what it could not express. */
export function renderHttpRouteSpec(m: GatewayApiRouteModel): { spec: HttpRouteSpec; gaps: GatewayApiGap[] } {
  return routeSpec(m, renderRule);
}

const GRPC_HEADER_TYPES: Record<HttpRouteSpecRulesMatchesHeadersType, GrpcRouteSpecRulesMatchesHeadersType> = {
  [HttpRouteSpecRulesMatchesHeadersType.EXACT]: GrpcRouteSpecRulesMatchesHeadersType.EXACT,
  [HttpRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION]: GrpcRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION,
};

/** `/pkg.Service/Method` (exact) or `/pkg.Service/` (prefix) as a GRPCRoute method match; other paths have no gRPC form. */
function grpcMethod(uri: StringMatch): { service: string; method?: string } | undefined {
  const exact = /^\/([^/]+)\/([^/]+)$/.exec(uri.value);
  if (uri.kind === StringMatchKind.EXACT && exact) return { service: exact[1], method: exact[2] };
  const prefix = /^\/([^/]+)\/$/.exec(uri.value);
  if (uri.kind === StringMatchKind.PREFIX && prefix) return { service: prefix[1] };
  return undefined;
}

function grpcMatch(m: HttpMatch, where: string, gaps: GatewayApiGap[]): GrpcRouteSpecRulesMatches {
  const httpOnly = renderMatch({ ...m, uri: undefined, headers: undefined }, where, gaps);
  if (httpOnly.queryParams || httpOnly.method) gaps.push({ field: `${where}/${httpOnly.method ? 'method' : 'queryParams'}`, value: m.method?.value ?? Object.keys(m.queryParams ?? {}), detail: 'GRPCRoute matches a gRPC method and headers only.' });
  const method = m.uri && grpcMethod(m.uri);
  if (m.uri && !method) gaps.push({ field: `${where}/uri`, value: `${m.uri.kind} ${m.uri.value}`, detail: 'A GRPCRoute matches `/<service>/<method>` exactly or `/<service>/` as a prefix.' });
  const headers = valueMatches(m.headers, `${where}/headers`, gaps)?.map(h => ({ name: h.name, value: h.value, type: h.type && GRPC_HEADER_TYPES[h.type] }));
  return { method, headers };
}

function grpcHeaderFilters(ops: HeaderOperations | undefined): GrpcRouteSpecRulesFilters[] {
  return modifierFilters(ops, GrpcRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, GrpcRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER);
}

function grpcBackendFilters(ops: HeaderOperations | undefined): GrpcRouteSpecRulesBackendRefsFilters[] {
  const types = GrpcRouteSpecRulesBackendRefsFiltersType;
  return modifierFilters(ops, types.REQUEST_HEADER_MODIFIER, types.RESPONSE_HEADER_MODIFIER);
}

function grpcRule(m: GatewayApiRouteModel, route: HttpRouteOptions, where: string, gaps: GatewayApiGap[]): GrpcRouteSpecRules | undefined {
  const blocks = matchesFor(route, m.forMesh);
  if (blocks !== undefined && blocks.length === 0) return undefined;
  for (const field of ['fault', 'directResponse', 'delegateTo', 'redirect', 'rewrite', 'cors', 'timeout', 'retries'] as const) {
    if (route[field] !== undefined) gaps.push({ field: `${where}/${field}`, value: field === 'timeout' ? istioDuration(route.timeout) : route[field], detail: 'GRPCRoute has header modifiers and mirrors only.' });
  }
  const filters = grpcHeaderFilters(route.headers);
  if (route.mirror) {
    const backendRef = backendOf(route.mirror.destination, m.service, m.namespace, `${where}/mirror/destination`, gaps);
    const percent = route.mirror.percentage ?? 100;
    const requestMirror = { backendRef, percent: percent === 100 ? undefined : percent };
    filters.push({ type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror });
  }
  const backendRefs = (route.destinations ?? []).map((d, i) => {
    const perBackend = grpcBackendFilters(d.headers);
    return { ...backendOf(d, m.service, m.namespace, `${where}/destinations[${i}]`, gaps), weight: d.weight, filters: perBackend.length ? perBackend : undefined };
  });
  return {
    name: route.name,
    matches: blocks?.map((b, j) => grpcMatch(b, `${where}/match[${j}]`, gaps)),
    filters: filters.length ? filters : undefined,
    backendRefs: backendRefs.length ? backendRefs : undefined,
  };
}

/** The GRPCRoute spec of a gRPC service's route (every port speaks gRPC) in one cluster, and what it could not express. */
export function renderGrpcRouteSpec(m: GatewayApiRouteModel): { spec: GrpcRouteSpec; gaps: GatewayApiGap[] } {
  return routeSpec(m, grpcRule);
}

/** The TLSRoute spec of a route's TLS routes (passthrough by SNI) in one cluster, and what it could not express. */
export function renderTlsRouteSpec(
  service: MeshService, namespace: string, parents: RouteParent[], tls: TlsRouteOptions[],
): { spec: TlsRouteSpec; gaps: GatewayApiGap[] } {
  const gaps: GatewayApiGap[] = [];
  tls.forEach((r, i) => { if (r.port !== undefined) gaps.push({ field: `tls[${i}]/port`, value: r.port, detail: 'A TLSRoute attaches to listeners (sectionName or port of the parentRef), not to a port match.' }); });
  const hostnames = [...new Set(tls.flatMap(r => r.sniHosts))];
  return {
    spec: {
      parentRefs: renderParentRefs(parents, namespace),
      hostnames,
      rules: tls.map((r, i) => ({
        backendRefs: r.destinations.map((d, j) => ({ ...backendOf(d, service, namespace, `tls[${i}]/destinations[${j}]`, gaps), weight: d.weight })),
      })),
    },
    gaps,
  };
}

/** Every backend Service of a route's destinations (mirror included): service, version and port, deduplicated. */
export function backendServices(
  http: HttpRouteOptions[], tls: TlsRouteOptions[], fallback: MeshService,
): Array<{ service: MeshService; version?: string }> {
  const out = new Map<string, { service: MeshService; version?: string }>();
  const add = (d: RouteDestination) => {
    const service = destinationService(d, fallback);
    if (service) out.set(`${service.node.path}|${d.version ?? ''}`, { service, version: d.version });
  };
  for (const r of http) {
    (r.destinations ?? []).forEach(add);
    if (r.mirror) add(r.mirror.destination);
  }
  for (const r of tls) r.destinations.forEach(add);
  return [...out.values()];
}

/** A ReferenceGrant in a backend's namespace that lets `kind` routes of `fromNamespace` reference the named Services. */
export function renderServiceReferenceGrant(kinds: string[], fromNamespace: string, serviceNames: string[]): ReferenceGrantSpec {
  return {
    from: kinds.map(kind => ({ group: GATEWAY_API_GROUP, kind, namespace: fromNamespace })),
    to: [...new Set(serviceNames)].sort().map(name => ({ group: '', kind: 'Service', name })),
  };
}
