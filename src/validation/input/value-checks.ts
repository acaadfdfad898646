import { hasHostBits, isCidr, isIpAddress, isIpOrCidr, isIpv4Mapped } from './ip';
import { isRetriableStatus, isRetryOn } from './retry-on';
import { RuleDefinition } from '../rule';
import { GatewayRules } from '../rules/gateway';
import { OperationsRules } from '../rules/operations';
import { RouteRules } from '../rules/route';
import { TopologyRules } from '../rules/topology';
import { ValueRules } from '../rules/values';

/**
 * Value checks, by props type and field: what Istio's webhook (pkg/config/validation), its CRD CEL rules
 * or the Kubernetes API server would reject or silently mis-handle. The input checker applies them to
 * every struct it type-checks (`check.ts`), so each rule holds at every entry point that takes the type.
 */

/** One check: `ok` says whether the value (or, without `field`, the whole struct) is acceptable. */
export interface ValueCheck {
  readonly rule: RuleDefinition;
  /** The field checked; unset for a check of the whole struct. */
  readonly field?: string;
  /** Apply `ok` to each array element, or to each key or each value of a map. */
  readonly each?: 'element' | 'key' | 'value';
  readonly ok: (value: unknown) => boolean;
  /** Where in a whole-struct check the problem lies (appended to the path). */
  readonly at?: string;
  /** The value shown for a whole-struct check. */
  readonly show?: (value: Struct) => unknown;
}

type Struct = { readonly [key: string]: unknown };

const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const str = (v: unknown): v is string => typeof v === 'string';
const between = (lo: number, hi: number) => (v: unknown) => int(v) && v >= lo && v <= hi;
/** A fault percentage: 0, or from 0.0001 to 100 (Istio's validatePercentage). */
const faultPercent = (v: unknown) => v === 0 || (typeof v === 'number' && v >= 0.0001 && v <= 100);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*']);
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const GRPC_CODES = new Set(['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED']);
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

/** Warnings for IP blocks Istio accepts but that do not mean what they seem to. */
const ipWarnings = (field: string): ValueCheck[] => [
  { rule: ValueRules.CIDR_HOST_BITS, field, each: 'element', ok: v => !hasHostBits(v) },
  { rule: ValueRules.IPV4_MAPPED, field, each: 'element', ok: v => !isIpv4Mapped(v) },
];
/** A list of IP addresses or CIDRs (`ok` narrows it, e.g. to CIDRs only). */
const ipBlocks = (field: string, rule: RuleDefinition = ValueRules.IP_OR_CIDR, ok: (v: unknown) => boolean = isIpOrCidr): ValueCheck[] => [
  { rule, field, each: 'element', ok },
  ...ipWarnings(field),
];
/**
 * Sidecar traffic ranges (`traffic.sidecar.istio.io/*OutboundIPRanges`, `values.global.proxy.excludeIPRanges`): CIDRs,
 * which istio-iptables and the injector parse with `netip.ParsePrefix`; `*` (everything) only alone and only where
 * `star` allows it (the injector rejects `*` for the exclude list).
 */
const sidecarRanges = (field: string, star: boolean): ValueCheck[] => [
  { rule: OperationsRules.MALFORMED_CIDR, field, each: 'element', ok: v => isCidr(v) || (star && v === '*') },
  ...star ? [{ rule: OperationsRules.MALFORMED_CIDR, field, ok: (v: unknown) => !Array.isArray(v) || v.length <= 1 || !v.includes('*') }] : [],
  ...ipWarnings(field),
];

const isLabelKey = (v: unknown) => {
  if (!str(v)) return false;
  const parts = v.split('/');
  if (parts.length > 2) return false;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  return LABEL_NAME.test(name) && (prefix === undefined || DNS_NAME.test(prefix));
};
const isLabelValue = (v: unknown) => str(v) && (v === '' || LABEL_NAME.test(v));
const isNamespace = (v: unknown) => str(v) && v.length <= 63 && DNS_LABEL.test(v);
/** Policy namespaces also take `*` and a leading or trailing `*`. */
const isNamespacePattern = (v: unknown) => str(v) && (v === '*' || isNamespace(v.replace(/^\*|\*$/g, '') || 'x'));
const isPrincipal = (v: unknown) => {
  if (!str(v) || v.includes('spiffe://')) return false;
  if (v === '*') return true;
  if (v.startsWith('*')) return v.length > 1 && v.includes('/') && !v.slice(1).includes('*');
  if (v.endsWith('*')) return /^[^/*]+\/ns\/[^*]*\*$/.test(v);
  return /^[^/*]+\/ns\/[^/*]+\/sa\/[^/*]+$/.test(v);
};
const isHttpsUrl = (v: unknown) => str(v) && /^https:\/\/[^\s/?#]+[^\s]*$/.test(v);
const isWasmUrl = (v: unknown) => str(v) && (/^(oci|file|https?):\/\/\S+$/.test(v) || /^[a-z0-9.-]+(:\d+)?\/[^\s:]+(:[\w.-]+|@sha256:[0-9a-f]{64})?$/.test(v));
const isGitUrl = (v: unknown) => str(v) && (/^(https|ssh):\/\/[^\s/]+\/\S+$/.test(v) || /^[\w.-]+@[\w.-]+:\S+$/.test(v));
const isMethod = (v: unknown) => str(v) && METHODS.has(v);
const isHeaderName = (v: unknown) => str(v) && HTTP_TOKEN.test(v);
const isDuration = (v: unknown) => {
  const ms = (v as { toMilliseconds?: () => number })?.toMilliseconds?.();
  return typeof ms === 'number' && ms >= 1;
};
/** RFC 3986 pchar, the segments Envoy's URI templates take beside `{*}` and `{**}` (security.IsValidLiteral). */
const PATH_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;
/**
 * An authorization path as Istio checks its templates (security.CheckValidPathTemplate): `{*}` and `{**}` only as
 * whole segments, `{**}` last, no other `{` or `}`, and with a template every segment a valid literal.
 */
const isPathTemplate = (v: unknown) => {
  if (!str(v)) return false;
  const templated = v.includes('{*}') || v.includes('{**}');
  let anySeen = false;
  for (const segment of v.replace(/^\/+|\/+$/g, '').split('/')) {
    if ((segment === '{*}' || segment === '{**}') && !anySeen) {
      anySeen = segment === '{**}';
      continue;
    }
    if (segment === '{*}' || segment === '{**}' || /[{}]/.test(segment)) return false;
    if (templated && !PATH_LITERAL.test(segment)) return false;
  }
  return true;
};
const nonEmpty = (v: unknown) => str(v) && v !== '';
const isServiceEntryHost = (v: unknown) => str(v) && v !== '*' && DNS_NAME.test(v.replace(/^\*\./, ''));

/** Kubernetes label syntax for the keys and the values of a labels map. */
const labels = (field: string): ValueCheck[] => [
  { rule: ValueRules.LABEL_KEY, field, each: 'key', ok: isLabelKey },
  { rule: ValueRules.LABEL_VALUE, field, each: 'value', ok: isLabelValue },
];

const HOSTS_WITHOUT_WILDCARD = (s: Struct) => ((s.hosts as string[] | undefined) ?? []).every(h => !h.includes('*'));
const ENDPOINTS = (s: Struct) => (s.endpoints as Array<{ address?: unknown }> | undefined) ?? [];

type CheckTable = { readonly [fqn: string]: readonly ValueCheck[] };

/** The value checks found by mistakes users make (Istio's own checks follow in ISTIO_CHECKS). */
const BASE_CHECKS: CheckTable = {
  'cdk8s-mesh.FaultAbort': [
    { rule: ValueRules.GRPC_STATUS, field: 'grpcStatus', ok: v => str(v) && GRPC_CODES.has(v) },
    { rule: ValueRules.HTTP_STATUS, field: 'httpStatus', ok: between(200, 599) },
    { rule: ValueRules.PERCENT, field: 'percentage', ok: faultPercent },
  ],
  'cdk8s-mesh.FaultDelay': [
    { rule: ValueRules.PERCENT, field: 'percentage', ok: faultPercent },
    { rule: ValueRules.DURATION, field: 'fixedDelay', ok: isDuration },
  ],
  'cdk8s-mesh.DirectResponse': [{ rule: ValueRules.HTTP_STATUS, field: 'status', ok: between(200, 599) }],
  'cdk8s-mesh.RetryPolicy': [
    { rule: ValueRules.RETRY_ATTEMPTS, field: 'attempts', ok: v => int(v) && v >= 0 },
    { rule: ValueRules.DURATION, field: 'perTryTimeout', ok: isDuration },
    { rule: ValueRules.DURATION, field: 'backoff', ok: isDuration },
  ],
  'cdk8s-mesh.RetryOn#of': [{ rule: RouteRules.INVALID_RETRY_ON, field: 'token', ok: isRetryOn }],
  'cdk8s-mesh.RetryOn#statusCode': [{ rule: RouteRules.INVALID_RETRY_ON, field: 'code', ok: isRetriableStatus }],
  'cdk8s-mesh.HttpRouteOptions': [
    { rule: ValueRules.DURATION, field: 'timeout', ok: isDuration },
    {
      rule: ValueRules.RETRY_NON_IDEMPOTENT,
      at: '/retries',
      show: s => ((s.match as Struct[] | undefined) ?? []).map(m => (m.method as { value?: unknown } | undefined)?.value).filter(Boolean),
      ok: v => {
        const s = v as Struct;
        const attempts = (s.retries as { attempts?: number } | undefined)?.attempts ?? 0;
        const methods = ((s.match as Struct[] | undefined) ?? []).map(m => (m.method as { value?: unknown } | undefined)?.value);
        return attempts === 0 || !methods.some(m => m === 'POST' || m === 'PATCH');
      },
    },
  ],
  'cdk8s-mesh.OutlierDetection': [
    { rule: ValueRules.DURATION, field: 'interval', ok: isDuration },
    { rule: ValueRules.DURATION, field: 'baseEjectionTime', ok: isDuration },
  ],
  'cdk8s-mesh.CorsPolicy': [
    { rule: ValueRules.HTTP_METHOD, field: 'allowMethods', each: 'element', ok: isMethod },
    { rule: ValueRules.HEADER_NAME, field: 'allowHeaders', each: 'element', ok: isHeaderName },
    { rule: ValueRules.HEADER_NAME, field: 'exposeHeaders', each: 'element', ok: isHeaderName },
  ],
  'cdk8s-mesh.HeaderChanges': [
    { rule: ValueRules.HEADER_NAME, field: 'set', each: 'key', ok: v => isHeaderName(v) || PSEUDO_HEADERS.has(v as string) },
    { rule: ValueRules.HEADER_NAME, field: 'add', each: 'key', ok: v => isHeaderName(v) || PSEUDO_HEADERS.has(v as string) },
    { rule: ValueRules.HEADER_NAME, field: 'remove', each: 'element', ok: v => isHeaderName(v) || PSEUDO_HEADERS.has(v as string) },
  ],
  'cdk8s-mesh.HttpMatch': [
    { rule: ValueRules.PORT, field: 'port', ok: between(1, 65535) },
    { rule: ValueRules.NAMESPACE, field: 'sourceNamespace', ok: isNamespace },
    ...labels('sourceLabels'),
    {
      rule: ValueRules.PREFIX_WITHOUT_SLASH,
      field: 'uri',
      ok: v => (v as { kind?: string; value?: string }).kind !== 'prefix' || ((v as { value?: string }).value ?? '/').startsWith('/'),
    },
  ],
  'cdk8s-mesh.RouteDestination': [
    { rule: ValueRules.PORT, field: 'port', ok: between(1, 65535) },
  ],
  'cdk8s-mesh.HttpRedirect': [{ rule: ValueRules.PORT, field: 'port', ok: between(1, 65535) }],
  'cdk8s-mesh.GatewayServer': [{ rule: ValueRules.PORT, field: 'port', ok: between(1, 65535) }],
  'cdk8s-mesh.GatewayPort': [{ rule: ValueRules.PORT, field: 'port', ok: between(1, 65535) }],
  'cdk8s-mesh.GatewayOverrides': [{ rule: ValueRules.REPLICA_COUNT, field: 'replicaCount', ok: v => int(v) && v >= 0 }],
  'cdk8s-mesh.GatewayOptions': [
    ...labels('podLabels'),
  ],
  'cdk8s-mesh.ResourceQuantities': [
    { rule: ValueRules.QUANTITY, field: 'cpu', ok: v => str(v) && QUANTITY.test(v) },
    { rule: ValueRules.QUANTITY, field: 'memory', ok: v => str(v) && QUANTITY.test(v) },
  ],
  'cdk8s-mesh.RequestSource': [
    ...(['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'] as const).flatMap(field => ipBlocks(field)),
    ...(['principals', 'notPrincipals'] as const).map(field => ({ rule: ValueRules.PRINCIPAL, field, each: 'element' as const, ok: isPrincipal })),
    ...(['namespaces', 'notNamespaces'] as const).map(field => ({ rule: ValueRules.NAMESPACE, field, each: 'element' as const, ok: isNamespacePattern })),
  ],
  'cdk8s-mesh.RequestOperation': [
    ...(['methods', 'notMethods'] as const).map(field => ({ rule: ValueRules.HTTP_METHOD, field, each: 'element' as const, ok: isMethod })),
    ...(['paths', 'notPaths'] as const).flatMap(field => [
      { rule: ValueRules.EMPTY_VALUE, field, each: 'element' as const, ok: nonEmpty },
      { rule: ValueRules.AUTHZ_PATH_TEMPLATE, field, each: 'element' as const, ok: isPathTemplate },
      { rule: ValueRules.AUTHZ_PATH_WITHOUT_SLASH, field, each: 'element' as const, ok: (v: unknown) => v === '' || (str(v) && (v.startsWith('/') || v.startsWith('*'))) },
    ]),
  ],
  'cdk8s-mesh.AuthorizationPolicyProps': [{
    rule: ValueRules.EMPTY_DENY,
    at: '/rules',
    show: s => s.rules ?? [],
    ok: v => (v as Struct).action !== 'DENY' || ((v as Struct).rules as unknown[] | undefined ?? []).length > 0,
  }],
  'cdk8s-mesh.JwtRule': [
    { rule: ValueRules.JWT_URL, field: 'jwksUri', ok: isHttpsUrl },
    { rule: ValueRules.JWT_ISSUER, field: 'issuer', ok: v => str(v) && v.trim() !== '' && !/\s/.test(v) },
  ],
  'cdk8s-mesh.WasmPluginProps': [
    { rule: ValueRules.WASM_URL, field: 'url', ok: isWasmUrl },
    { rule: ValueRules.SHA256, field: 'sha256', ok: v => str(v) && /^[0-9a-f]{64}$/.test(v) },
  ],
  'cdk8s-mesh.MeshServiceProps': [
    { rule: ValueRules.NAMESPACE, field: 'namespaceName', ok: isNamespace },
    { rule: ValueRules.SERVICE_NAME, field: 'name', ok: v => str(v) && v.length <= 63 && DNS_1035_LABEL.test(v) },
  ],
  'cdk8s-mesh.MeshServiceOptions': [
    ...labels('labels'),
  ],
  'cdk8s-mesh.ServiceVersion': [
    ...labels('labels'),
  ],
  'cdk8s-mesh.ServiceEntryProps': [
    { rule: ValueRules.NAMESPACE, field: 'namespaceName', ok: isNamespace },
    { rule: ValueRules.SERVICE_ENTRY_HOST, field: 'hosts', each: 'element', ok: isServiceEntryHost },
    ...ipBlocks('addresses'),
    {
      rule: ValueRules.SERVICE_ENTRY_RESOLUTION,
      at: '/endpoints',
      show: s => ({ resolution: s.resolution, endpoints: ENDPOINTS(s).map(e => e.address) }),
      ok: v => {
        const s = v as Struct;
        const endpoints = ENDPOINTS(s);
        switch (s.resolution) {
          case 'NONE': return endpoints.length === 0;
          case 'STATIC': return s.workloads !== undefined || (endpoints.length > 0 && endpoints.every(e => isIpAddress(e.address)));
          case 'DNS': case 'DNS_ROUND_ROBIN': return endpoints.length > 0 || HOSTS_WITHOUT_WILDCARD(s);
          default: return true;
        }
      },
    },
  ],
  'cdk8s-mesh.ServiceEntryPort': [{ rule: ValueRules.PORT, field: 'number', ok: between(1, 65535) }],
  'cdk8s-mesh.WorkloadEntryProps': [{ rule: ValueRules.NAMESPACE, field: 'namespaceName', ok: isNamespace }],
  'cdk8s-mesh.VmWorkloadOptions': [
    ...labels('labels'),
  ],
  'cdk8s-mesh.MeshNamespaceProps': [
    ...labels('labels'),
  ],
  'cdk8s-mesh.SidecarOptions': [
    ...sidecarRanges('excludeOutboundIpRanges', false),
    ...sidecarRanges('includeOutboundIpRanges', true),
  ],
  'cdk8s-mesh.MeshConfigOptions': [
    ...sidecarRanges('excludeIpRanges', false),
    ...ipBlocks('jwksBlockedCidrs', ValueRules.CIDR, isCidr),
  ],
  'cdk8s-mesh.MeshProps': [
    { rule: ValueRules.TRUST_DOMAIN, field: 'trustDomain', ok: v => str(v) && DNS_NAME.test(v) },
    { rule: ValueRules.NAMESPACE, field: 'rootNamespace', ok: isNamespace },
  ],
  'cdk8s-mesh.ArgoCdApplicationSetProps': [{ rule: ValueRules.GIT_REPO_URL, field: 'repoUrl', ok: isGitUrl }],
  'cdk8s-mesh.TrafficRouteProps': [{
    rule: ValueRules.MESH_ROUTE_ALL_HOSTS,
    at: '/hosts',
    show: s => s.hosts,
    // bound to the mesh as TrafficRoute decides it: `mesh`, by default only when no gateway is bound
    ok: v => {
      const s = v as Struct;
      const boundToMesh = s.mesh ?? !(Array.isArray(s.gateways) && s.gateways.length > 0);
      return boundToMesh === false || !((s.hosts as string[] | undefined) ?? []).includes('*');
    },
  }],
};

// --- Istio's webhook (pkg/config/validation) and CRD CEL rules, field by field (docs/RULES.md, Istio validation parity) ---

const wholeNonNegative = (v: unknown) => int(v) && v >= 0;
const counts = (...fields: string[]): ValueCheck[] => fields.map(field => ({ rule: ValueRules.NON_NEGATIVE, field, ok: wholeNonNegative }));
const durations = (...fields: string[]): ValueCheck[] => fields.map(field => ({ rule: ValueRules.DURATION, field, ok: isDuration }));
const ports = (...fields: string[]): ValueCheck[] => fields.map(field => ({ rule: ValueRules.PORT, field, ok: between(1, 65535) }));
const empties = (each: 'element' | 'key' | 'value', ...fields: string[]): ValueCheck[] => fields.map(field => ({ rule: ValueRules.EMPTY_VALUE, field, each, ok: nonEmpty }));
const empty = (field: string): ValueCheck => ({ rule: ValueRules.EMPTY_VALUE, field, ok: nonEmpty });
const nonEmptyLists = (...fields: string[]): ValueCheck[] =>
  fields.map(field => ({ rule: ValueRules.EMPTY_LIST, field, ok: (v: unknown) => Array.isArray(v) && v.length > 0 }));
/** A check of a whole struct: `bad` returns the offending fields (shown as the value), or nothing when the struct is fine. */
const whole = (rule: RuleDefinition, bad: (s: Struct) => unknown[] | undefined, at = ''): ValueCheck => ({
  rule, at, show: s => bad(s), ok: v => !(bad(v as Struct)?.length),
});
const setFields = (s: Struct, ...fields: string[]) => fields.filter(f => s[f] !== undefined);
const both = (s: Struct, a: string, b: string) => (s[a] !== undefined && s[b] !== undefined ? [a, b] : undefined);
/** A StringMatch (`kind`, `value`) as a plain object. */
const matchValue = (v: unknown) => v as { kind?: string; value?: string } | undefined;
/** Prefix and regex matches need a value everywhere but in the URI (Istio's validateStringMatch). */
const nonEmptyMatch = (v: unknown) => { const m = matchValue(v); return !(m?.kind === 'prefix' || m?.kind === 'regex') || (m.value ?? '') !== ''; };
/** A header name in a match: an HTTP token, a pseudo-header or a JWT claim (`@request.auth.claims.<name>`). */
const isMatchHeaderName = (v: unknown) => str(v) && (isHeaderName(v) || PSEUDO_HEADERS.has(v) || /^@request\.auth\.claims(\.[^.]+|\[[^\]]+\])+$/.test(v));
/** Headers a route may not remove or set on responses: Host and the pseudo-headers (ValidateHTTPHeaderOperationName). */
const isModifiableHeader = (v: unknown) => str(v) && v.toLowerCase() !== 'host' && !v.startsWith(':');
/** Request headers a route may add or set: not a pseudo-header, except `:authority` (ValidateHTTPHeaderWithAuthorityOperationName). */
const isSettableRequestHeader = (v: unknown) => str(v) && v !== '' && (!v.startsWith(':') || v.toLowerCase() === ':authority');
const isAuthorityHeader = (k: string) => k.toLowerCase() === 'host' || k.toLowerCase() === ':authority';
/**
 * A header value Envoy's formatter accepts (Istio's ValidateHTTPHeaderValue): no control characters but tab, and
 * every unescaped `%` starting `%VARIABLE%` or `%VARIABLE(args)%` (args a bare string or a JSON array of strings).
 */
export function isHeaderValue(v: unknown): boolean {
  if (!str(v) || /[\u0000-\u0008\u000A-\u001F\u007F]/.test(v)) return false;
  type State = 'literal' | 'name' | 'array' | 'delimiter' | 'string-start' | 'string' | 'args-end' | 'end';
  let state: State = 'literal';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    switch (state) {
      case 'literal':
        if (c !== '%') break;
        if (i + 1 >= v.length) return false;
        if (v[i + 1] === '%') i++;
        else state = 'name';
        break;
      case 'name':
        if (c === '%') state = 'literal';
        else if (c === '(') state = 'array';
        break;
      case 'array':
        if (c === '[') state = 'string-start';
        else if (c !== ' ') state = 'string';
        break;
      case 'delimiter':
        if (c === ',') state = 'string-start';
        else if (c === ']') state = 'args-end';
        else if (c !== ' ') return false;
        break;
      case 'string-start':
        if (c === '"') state = 'string';
        else if (c !== ' ') return false;
        break;
      case 'string':
        if (c === '\\') {
          if (i + 1 >= v.length) return false;
          i++;
        } else if (c === ')') {
          state = 'end';
        } else if (c === '"') {
          state = 'delimiter';
        }
        break;
      case 'args-end':
        if (c === ')') state = 'end';
        else if (c !== ' ') return false;
        break;
      case 'end':
        if (c === '%') state = 'literal';
        else if (c !== ' ') return false;
        break;
    }
  }
  return state === 'literal';
}
const changedNames = (c: Struct) => [...Object.keys((c.set as Struct | undefined) ?? {}), ...Object.keys((c.add as Struct | undefined) ?? {})];
const removedNames = (c: Struct) => ((c.remove as unknown[] | undefined) ?? []).filter(str);
/** Prime as Envoy decides it for Maglev (1, 2 and 3 count). */
function isPrime(n: number): boolean {
  if (n > 0 && n < 4) return true;
  if (n % 2 === 0) return false;
  for (let f = 3; f * f <= n; f += 2) {
    if (n % f === 0) return false;
  }
  return true;
}
/** Localities `region[/zone[/subzone]]` with at most one `*`, at the end (validateLocalities). */
const isLocalityPattern = (v: unknown) => str(v) && v.split('/').every(p => p !== '') && (!v.includes('*') || (v.indexOf('*') === v.length - 1 && v.split('*').length === 2));
/** Two localities one of which covers the other (`us/*` and `us/zone1`, or the same twice), as validateLocalities rejects them. */
function localitiesOverlap(a: string, b: string): boolean {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < 3; i++) {
    const x = pa[i] ?? '*';
    const y = pb[i] ?? '*';
    if (x === '*' || y === '*') return true;
    if (x !== y) return false;
  }
  return true;
}
/** An address: an IP, or a DNS name (ValidateFQDN: labels DNS-1123, the last not all digits). */
const isFqdn = (v: unknown) => str(v) && v.length <= 255 && DNS_NAME.test(v.replace(/\.$/, '')) && !/^\d+$/.test(v.replace(/\.$/, '').split('.').pop() ?? '');
const isAddress = (v: unknown) => isIpAddress(v) || isFqdn(v);
const isPortName = (v: unknown) => str(v) && v.length <= 63 && DNS_LABEL.test(v);
/** A Sidecar egress or Gateway host part: `*`, or a name with a dot (no short names), or (on a gateway) an IP. */
const isQualifiedHostPart = (h: string, gateway: boolean) => h === '*' || h.includes('.') || (gateway && isIpAddress(h));
/** `host` covers `name` (Istio's host.Name.SubsetOf): equal, or a wildcard whose suffix the name has. */
const hostCovers = (host: string, name: string) => host === name || host === '*' || (host.startsWith('*.') && name.endsWith(host.slice(1)));
/** A JSON Web Key Set (or one key): JSON with a `keys` array of objects that have a `kty` (Istio parses it with jwk.Parse). */
function isJwks(v: unknown): boolean {
  if (!str(v)) return false;
  try {
    const parsed: unknown = JSON.parse(v);
    const keys = (parsed as { keys?: unknown } | null)?.keys ?? [parsed];
    return Array.isArray(keys) && keys.every(k => typeof (k as { kty?: unknown } | null)?.kty === 'string');
  } catch {
    return false;
  }
}
/** The hosts of one route that overlap (Istio's host.Name.Matches, wildcards included). */
function overlappingHosts(hosts: readonly string[]): string[] {
  const covers = (a: string, b: string) => a === b || a === '*' || (a.startsWith('*.') && (b.endsWith(a.slice(1)) || b === a.slice(2)));
  for (let i = 0; i < hosts.length; i++) {
    for (let j = i + 1; j < hosts.length; j++) if (covers(hosts[i], hosts[j]) || covers(hosts[j], hosts[i])) return [hosts[i], hosts[j]];
  }
  return [];
}
/** exportTo entries: `.`, `*`, `~` (ServiceEntry only) or a namespace; no duplicates; `*` and `~` alone (validateExportTo). */
function badExportTo(entries: readonly unknown[], serviceEntry: boolean): unknown[] | undefined {
  const valid = (e: unknown) => e === '.' || e === '*' || (serviceEntry && e === '~') || isNamespace(e);
  const invalid = entries.filter(e => !valid(e));
  if (invalid.length) return invalid;
  if (new Set(entries).size !== entries.length) return [...entries];
  if (entries.length > 1 && (entries.includes('*') || entries.includes('~'))) return [...entries];
  return undefined;
}
const IP_KEYS = new Set(['source.ip', 'remote.ip', 'destination.ip']);
const conditionKey = (s: Struct) => (s.key as { key?: string } | undefined)?.key ?? '';
const sourceFields = ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'ipBlocks', 'notIpBlocks',
  'remoteIpBlocks', 'notRemoteIpBlocks', 'identities', 'notIdentities'];
const operationFields = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths', 'ports', 'notPorts'];
/** The `sources` fields and `when` keys Istio's CUSTOM action does not take (identities render as principals). */
const CUSTOM_SOURCE_FIELDS = ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'identities', 'notIdentities'];
const isCustomCondition = (key: string) => ['source.namespace', 'source.principal', 'source.serviceAccount', 'source.trustDomain'].includes(key) || key.startsWith('request.auth.');
function customPolicyProblems(s: Struct): unknown[] | undefined {
  if (s.action !== 'CUSTOM') return undefined;
  const rules = (s.rules as Struct[] | undefined) ?? [];
  const found = rules.flatMap(r => [
    ...((r.sources as Struct[] | undefined) ?? []).flatMap(f => setFields(f, ...CUSTOM_SOURCE_FIELDS).map(x => `sources.${x}`)),
    ...((r.when as Struct[] | undefined) ?? []).map(conditionKey).filter(isCustomCondition).map(k => `when ${k}`),
  ]);
  return found.length ? [...new Set(found)] : undefined;
}
/** Whether a route is bound to the mesh, as TrafficRoute decides it (`mesh`, by default only when no gateway is bound). */
const boundToMesh = (s: Struct) => (s.mesh ?? !(Array.isArray(s.gateways) && s.gateways.length > 0)) !== false;
const claimHeaders = (s: Struct) => ((s.http as Struct[] | undefined) ?? []).flatMap(r => ((r.match as Struct[] | undefined) ?? [])
  .flatMap(m => [...Object.keys((m.headers as Struct | undefined) ?? {}), ...Object.keys((m.withoutHeaders as Struct | undefined) ?? {})]))
  .filter(k => k.startsWith('@request.auth.claims'));
const HTTP_OR_TLS = new Set(['HTTP', 'HTTP2', 'HTTPS', 'GRPC', 'GRPC_WEB', 'TLS']);

/** A policy's `selector`: Kubernetes labels, and not an empty map (Istio warns that it selects every workload). */
const selectorChecks: ValueCheck[] = [
  ...labels('selector'),
  { rule: ValueRules.EMPTY_SELECTOR, field: 'selector', ok: v => typeof v !== 'object' || v === null || Object.keys(v).length > 0 },
];
/** Egress hosts Istio warns about: one listed twice or under its namespace wildcard, and the all-hosts wildcard with others. */
function duplicateEgressHosts(hosts: readonly string[]): string[] {
  const byNamespace = new Map<string, string[]>();
  for (const h of hosts.filter(x => x.includes('/') && !x.startsWith('~'))) {
    const [ns, host] = [h.slice(0, h.indexOf('/')), h.slice(h.indexOf('/') + 1)];
    byNamespace.set(ns, [...byNamespace.get(ns) ?? [], host]);
  }
  const dup = [...byNamespace].filter(([, list]) => new Set(list).size !== list.length || (list.includes('*') && list.length > 1)).map(([ns]) => ns);
  if (byNamespace.get('*')?.includes('*') && byNamespace.size > 1) dup.push('*');
  return hosts.filter(h => dup.includes(h.slice(0, h.indexOf('/'))));
}
/** An inline JWKS with private key material: `d` on RSA, EC and OKP keys, or a symmetric (`oct`) key. */
function hasPrivateJwk(v: unknown): boolean {
  if (!isJwks(v)) return false;
  const parsed = JSON.parse(v as string) as { keys?: unknown[] };
  return (parsed.keys ?? [parsed]).some(k => (k as { d?: unknown }).d !== undefined || (k as { kty?: unknown }).kty === 'oct');
}

/** exportTo "." and the config's own namespace name the same namespace twice (validateExportTo). */
const ownNamespaceExport = whole(ValueRules.EXPORT_TO, s => {
  const values = (s.exportTo as { values?: unknown } | undefined)?.values;
  const namespace = s.namespaceName ?? (s.service as { namespaceName?: unknown } | undefined)?.namespaceName;
  return Array.isArray(values) && values.includes('.') && values.includes(namespace) ? values : undefined;
}, '/exportTo');

/** Checks shared by the listener options and props (both declare servers, name and namespace). */
const LISTENER_CHECKS: readonly ValueCheck[] = [
  whole(ValueRules.DUPLICATE_PORTS, s => {
    // a server's port name is its name, or derived from protocol and number (GatewayListener.portName)
    const names = ((s.servers as Struct[] | undefined) ?? []).map(v => String(v.name ?? `${String(v.protocol).toLowerCase()}-${String(v.port)}`));
    return new Set(names).size !== names.length ? names : undefined;
  }, '/servers'),
  { rule: TopologyRules.INVALID_NAME, field: 'name', ok: v => str(v) && v.length <= 63 && DNS_LABEL.test(v) },
  { rule: ValueRules.NAMESPACE, field: 'namespaceName', ok: isNamespace },
];

const ISTIO_CHECKS: CheckTable = {
  // networking: DestinationRule traffic policy (validateTrafficPolicy, validateConnectionPool, validateOutlierDetection, validateLoadBalancer)
  'cdk8s-mesh.ConnectionPool': [whole(ValueRules.NOTHING_SET, s => (setFields(s, 'http', 'tcp').length ? undefined : ['http', 'tcp']))],
  'cdk8s-mesh.HttpConnectionPool': [
    ...counts('http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams'),
    ...durations('idleTimeout'),
    whole(ValueRules.CONFLICTING_FIELDS, s => (s.h2UpgradePolicy === 'UPGRADE' && s.useClientProtocol === true ? ['h2UpgradePolicy: UPGRADE', 'useClientProtocol: true'] : undefined)),
  ],
  'cdk8s-mesh.TcpConnectionPool': [
    ...counts('maxConnections'),
    ...durations('connectTimeout', 'maxConnectionDuration'),
    { rule: ValueRules.DURATION, field: 'idleTimeout', ok: v => isDuration(v) || (v as { toMilliseconds?: () => number }).toMilliseconds?.() === 0 },
  ],
  'cdk8s-mesh.TcpKeepalive': [...counts('probes'), ...durations('time', 'interval')],
  'cdk8s-mesh.OutlierDetection': [
    ...counts('consecutive5xxErrors', 'consecutiveGatewayErrors', 'consecutiveLocalOriginFailures'),
    whole(ValueRules.CONFLICTING_FIELDS, s => ((s.consecutiveLocalOriginFailures as number | undefined ?? 0) > 0
      && s.splitExternalLocalOriginErrors !== true
      ? ['consecutiveLocalOriginFailures', 'splitExternalLocalOriginErrors: false'] : undefined)),
  ],
  'cdk8s-mesh.ClientTls': [whole(ValueRules.CONFLICTING_FIELDS, s => {
    if ((s.mode !== 'SIMPLE' && s.mode !== 'MUTUAL') || s.credentialName === undefined) return undefined;
    // validateTLS: with credentialName, no certificate, key or CA files
    return both(s, 'credentialName', 'caCertificates') ?? both(s, 'credentialName', 'clientCertificate') ?? both(s, 'credentialName', 'privateKey');
  })],
  'cdk8s-mesh.PortTrafficPolicy': [...ports('port')],
  'cdk8s-mesh.HashKey#cookie': [empty('name')],
  'cdk8s-mesh.HashKey#header': [empty('name')],
  'cdk8s-mesh.HashKey#queryParameter': [empty('name')],
  'cdk8s-mesh.HashAlgorithm#maglev': [{ rule: ValueRules.MAGLEV_TABLE_SIZE, field: 'tableSize', ok: v => int(v) && v > 0 && v < 5000011 && isPrime(v) }],
  'cdk8s-mesh.HashAlgorithm#ringHash': [{ rule: ValueRules.NON_NEGATIVE, field: 'minimumRingSize', ok: wholeNonNegative }],
  'cdk8s-mesh.LocalityFailover': [
    { rule: ValueRules.LOCALITY, field: 'fromRegion', ok: v => str(v) && v !== '' && !/[/*]/.test(v) },
    { rule: ValueRules.LOCALITY, field: 'toRegion', ok: v => str(v) && v !== '' && !/[/*]/.test(v) },
  ],
  'cdk8s-mesh.LocalityLoadBalancing': [whole(ValueRules.LOCALITY, s => {
    const sources = ((s.distribute as Struct[] | undefined) ?? []).map(d => d.fromLocality).filter(str);
    const pair = sources.flatMap((a, i) => sources.slice(i + 1).filter(b => localitiesOverlap(a, b)).map(b => [a, b]))[0];
    return pair;
  }, '/distribute')],
  'cdk8s-mesh.LocalityDistribution': [
    { rule: ValueRules.LOCALITY, field: 'fromLocality', ok: isLocalityPattern },
    { rule: ValueRules.LOCALITY, field: 'toLocalities', each: 'key', ok: isLocalityPattern },
    { rule: ValueRules.LOCALITY, field: 'toLocalities', each: 'value', ok: between(1, 100) },
  ],
  'cdk8s-mesh.ServiceVersion': [{ rule: ValueRules.SUBSET_NAME, field: 'name', ok: v => str(v) && v.length <= 63 && DNS_LABEL.test(v) }],
  'cdk8s-mesh.CanaryReleaseProps': [ownNamespaceExport],
  'cdk8s-mesh.CrossClusterTrafficProps': [ownNamespaceExport],
  'cdk8s-mesh.ExportTo#namespaces': [{ rule: ValueRules.EXPORT_TO, field: 'names', ok: v => Array.isArray(v) && !badExportTo(v, false) }],
  // networking: VirtualService (ValidateVirtualService, validateHTTPRoute)
  'cdk8s-mesh.TrafficRouteProps': [
    ownNamespaceExport,
    whole(ValueRules.DUPLICATE_HOSTS, s => { const o = overlappingHosts((s.hosts as string[] | undefined) ?? []); return o.length ? o : undefined; }, '/hosts'),
    whole(ValueRules.SNI_NOT_IN_HOSTS, s => {
      const hosts = s.hosts as string[] | undefined;
      const sni = ((s.tls as Struct[] | undefined) ?? []).flatMap(t => (t.sniHosts as string[] | undefined) ?? []);
      const stray = hosts ? sni.filter(h => !hosts.some(x => hostCovers(x, h))) : [];
      return stray.length ? stray : undefined;
    }, '/tls'),
    whole(ValueRules.JWT_CLAIM_ROUTE_ON_MESH, s => { const k = boundToMesh(s) ? claimHeaders(s) : []; return k.length ? k : undefined; }, '/http'),
  ],
  'cdk8s-mesh.HttpRouteOptions': [
    whole(ValueRules.CONFLICTING_FIELDS, s => {
      const pairs = [both(s, 'redirect', 'fault'), both(s, 'directResponse', 'fault'), both(s, 'directResponse', 'rewrite')].filter(x => x);
      return pairs.length ? pairs.flat() : undefined;
    }),
    whole(ValueRules.CONFLICTING_FIELDS, s => {
      const rewrite = (s.rewrite as Struct | undefined)?.authority;
      const headers = Object.keys(((s.headers as Struct | undefined)?.request as Struct | undefined)?.set as Struct ?? {}).concat(
        Object.keys(((s.headers as Struct | undefined)?.request as Struct | undefined)?.add as Struct ?? {})).filter(isAuthorityHeader);
      return (rewrite !== undefined ? 1 : 0) + headers.length > 1 ? [...(rewrite !== undefined ? ['rewrite.authority'] : []), ...headers.map(h => `headers.request ${h}`)] : undefined;
    }, '/headers'),
  ],
  'cdk8s-mesh.HttpMatch': [
    { rule: ValueRules.HEADER_NAME, field: 'headers', each: 'key', ok: isMatchHeaderName },
    { rule: ValueRules.HEADER_NAME, field: 'withoutHeaders', each: 'key', ok: isMatchHeaderName },
    { rule: ValueRules.EMPTY_VALUE, field: 'headers', each: 'value', ok: nonEmptyMatch },
    { rule: ValueRules.EMPTY_VALUE, field: 'queryParams', each: 'value', ok: nonEmptyMatch },
    ...['method', 'authority', 'scheme'].map(field => ({ rule: ValueRules.EMPTY_VALUE, field, ok: nonEmptyMatch })),
    { rule: ValueRules.EMPTY_VALUE, field: 'uri', ok: v => matchValue(v)?.kind !== 'regex' || nonEmptyMatch(v) },
  ],
  'cdk8s-mesh.StringMatch#regex': [{ rule: ValueRules.REGEX_TOO_LONG, field: 'pattern', ok: v => str(v) && v.length <= 1024 }],
  'cdk8s-mesh.HeaderOperations': [
    whole(ValueRules.HEADER_NOT_MODIFIABLE, s => {
      const request = (s.request as Struct | undefined) ?? {};
      const response = (s.response as Struct | undefined) ?? {};
      const bad = [...changedNames(request).filter(k => !isSettableRequestHeader(k)), ...removedNames(request).filter(k => !isModifiableHeader(k)),
        ...[...changedNames(response), ...removedNames(response)].filter(k => !isModifiableHeader(k))];
      return bad.length ? bad : undefined;
    }),
    whole(ValueRules.HEADER_VALUE, s => {
      const bad = [s.request, s.response].flatMap(c => [(c as Struct | undefined)?.set, (c as Struct | undefined)?.add])
        .flatMap(m => Object.values((m as Struct | undefined) ?? {})).filter(v => !isHeaderValue(v));
      return bad.length ? bad : undefined;
    }),
  ],
  'cdk8s-mesh.CorsPolicy': [
    { rule: ValueRules.EMPTY_VALUE, field: 'allowOrigins', each: 'element', ok: v => (matchValue(v)?.value ?? '') !== '' },
    { rule: ValueRules.CORS_MAX_AGE, field: 'maxAge', ok: v => ((v as { toMilliseconds?: () => number }).toMilliseconds?.() ?? 0) % 1000 === 0 },
  ],
  'cdk8s-mesh.FaultInjection': [whole(ValueRules.NOTHING_SET, s => (setFields(s, 'abort', 'delay').length ? undefined : ['abort', 'delay']))],
  'cdk8s-mesh.FaultAbort': [
    whole(ValueRules.CONFLICTING_FIELDS, s => both(s, 'httpStatus', 'grpcStatus')),
    whole(ValueRules.NOTHING_SET, s => (setFields(s, 'httpStatus', 'grpcStatus').length ? undefined : ['httpStatus', 'grpcStatus'])),
  ],
  'cdk8s-mesh.HttpRedirect': [
    whole(ValueRules.NOTHING_SET, s => (setFields(s, 'uri', 'authority', 'port', 'scheme').length ? undefined : ['uri', 'authority', 'port', 'scheme'])),
    { rule: ValueRules.REDIRECT_SCHEME, field: 'scheme', ok: v => v === 'http' || v === 'https' },
  ],
  'cdk8s-mesh.DirectResponse': [
    { rule: ValueRules.DIRECT_RESPONSE_TOO_LARGE, field: 'body', ok: v => str(v) && Buffer.byteLength(v) <= 1024 * 1024 },
    { rule: ValueRules.LARGE_DIRECT_RESPONSE, field: 'body', ok: v => !str(v) || Buffer.byteLength(v) <= 100 * 1024 || Buffer.byteLength(v) > 1024 * 1024 },
  ],
  'cdk8s-mesh.RetryPolicy': [whole(ValueRules.CONFLICTING_FIELDS, s => {
    const extra = setFields(s, 'perTryTimeout', 'retryRemoteLocalities').concat(((s.retryOn as unknown[] | undefined) ?? []).length ? ['retryOn'] : []);
    return s.attempts === 0 && extra.length ? ['attempts: 0', ...extra] : undefined;
  })],
  'cdk8s-mesh.HttpRewrite': [
    whole(ValueRules.CONFLICTING_FIELDS, s => both(s, 'uri', 'uriRegex')),
    whole(ValueRules.NOTHING_SET, s => (setFields(s, 'uri', 'uriRegex', 'authority').length ? undefined : ['uri', 'uriRegex', 'authority'])),
  ],
  'cdk8s-mesh.RegexRewrite': [
    empty('match'), empty('rewrite'),
    { rule: ValueRules.REGEX_TOO_LONG, field: 'match', ok: v => str(v) && v.length <= 1024 },
  ],
  'cdk8s-mesh.TlsRouteOptions': [...nonEmptyLists('sniHosts', 'destinations'), ...ports('port')],
  'cdk8s-mesh.TcpRouteOptions': [...nonEmptyLists('destinations'), ...ports('port'), ...labels('sourceLabels')],
  // networking: Gateway (ValidateGateway, validateServer)
  'cdk8s-mesh.GatewayServer': [
    ...nonEmptyLists('hosts'),
    // short names are not allowed: the host part is `*`, a dotted name or an IP (validateSidecarOrGatewayHostnamePart)
    { rule: GatewayRules.INVALID_HOST, field: 'hosts', each: 'element', ok: v => str(v) && isQualifiedHostPart(v.slice(v.indexOf('/') + 1), true) },
    whole(ValueRules.CONFLICTING_FIELDS, s => (s.tls !== undefined && !['HTTPS', 'TLS'].includes(s.protocol as string) && !(s.tls as Struct).mode?.toString().includes('PASSTHROUGH')
      ? [`protocol: ${String(s.protocol)}`, 'tls'] : undefined)),
  ],
  'cdk8s-mesh.GatewayServerTls': [
    whole(ValueRules.CONFLICTING_FIELDS, s => (s.mode === 'ISTIO_MUTUAL' ? setFields(s, 'credentialName', 'credentialSecret').map(f => `mode: ISTIO_MUTUAL, ${f}`) : undefined)),
    whole(ValueRules.OLD_TLS_WITHOUT_CIPHERS, s => (s.minProtocolVersion === 'TLSV1_0' || s.minProtocolVersion === 'TLSV1_1' ? [s.minProtocolVersion] : undefined), '/minProtocolVersion'),
    whole(ValueRules.PASSTHROUGH_CERTIFICATE, s => (s.mode === 'PASSTHROUGH' || s.mode === 'AUTO_PASSTHROUGH' ? setFields(s, 'credentialName', 'credentialSecret') : undefined)),
  ],
  'cdk8s-mesh.GatewayListenerOptions': LISTENER_CHECKS,
  'cdk8s-mesh.GatewayListenerProps': LISTENER_CHECKS,
  'cdk8s-mesh.SidecarProps': [
    whole(ValueRules.NOTHING_SET, s => (setFields(s, 'egressHosts', 'egressNamespaces', 'egressServices', 'localhostIngress', 'outboundTrafficPolicy').length
      ? undefined : ['egressHosts', 'egressNamespaces', 'egressServices', 'localhostIngress', 'outboundTrafficPolicy'])),
    { rule: OperationsRules.MALFORMED_EGRESS_HOST, field: 'egressHosts', each: 'element', ok: v => str(v) && isQualifiedHostPart(v.slice(v.indexOf('/') + 1), false) },
    whole(ValueRules.DUPLICATE_EGRESS_HOST, s => { const d = duplicateEgressHosts((s.egressHosts as string[] | undefined) ?? []); return d.length ? d : undefined; }, '/egressHosts'),
    whole(ValueRules.DUPLICATE_PORTS, s => {
      const list = ((s.localhostIngress as Struct[] | undefined) ?? []).map(i => i.port);
      return new Set(list).size !== list.length ? list : undefined;
    }, '/localhostIngress'),
  ],
  // security: AuthorizationPolicy (ValidateAuthorizationPolicy, security.*)
  'cdk8s-mesh.AuthorizationPolicyProps': [
    ...selectorChecks,
    whole(ValueRules.CUSTOM_POLICY, s => customPolicyProblems(s), '/rules'),
    whole(ValueRules.NOTHING_SET, s => (s.action === 'CUSTOM' && !((s.rules as unknown[] | undefined) ?? []).length ? ['rules'] : undefined), '/rules'),
  ],
  'cdk8s-mesh.AuthorizationRule': [...nonEmptyLists('sources', 'operations')],
  'cdk8s-mesh.RequestSource': [
    ...empties('element', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces'),
    whole(ValueRules.NOTHING_SET, s => (setFields(s, ...sourceFields).length ? undefined : ['principals', 'namespaces', 'ipBlocks', '…'])),
  ],
  'cdk8s-mesh.RequestOperation': [
    ...empties('element', 'hosts', 'notHosts'),
    whole(ValueRules.NOTHING_SET, s => (setFields(s, ...operationFields).length ? undefined : ['hosts', 'methods', 'paths', 'ports', '…'])),
  ],
  'cdk8s-mesh.Condition': [
    ...empties('element', 'values', 'notValues'),
    whole(ValueRules.NOTHING_SET, s => (setFields(s, 'values', 'notValues').length ? undefined : ['values', 'notValues'])),
    whole(ValueRules.IP_OR_CIDR, s => (IP_KEYS.has(conditionKey(s))
      ? [...((s.values as unknown[]) ?? []), ...((s.notValues as unknown[]) ?? [])].filter(v => !isIpOrCidr(v)) : undefined)),
  ],
  'cdk8s-mesh.ConditionKey#requestHeader': [{ rule: ValueRules.EMPTY_VALUE, field: 'name', ok: nonEmpty }],
  'cdk8s-mesh.ConditionKey#requestAuthClaim': [{ rule: ValueRules.EMPTY_VALUE, field: 'claims', each: 'element', ok: nonEmpty }, ...nonEmptyLists('claims')],
  'cdk8s-mesh.ConditionKey#experimentalEnvoyFilter': [{ rule: ValueRules.EMPTY_VALUE, field: 'filter', ok: nonEmpty }, { rule: ValueRules.EMPTY_VALUE, field: 'field', ok: nonEmpty }],
  'cdk8s-mesh.PeerAuthProps': selectorChecks,
  'cdk8s-mesh.PolicyTargetOptions': selectorChecks,
  'cdk8s-mesh.RequestAuthenticationProps': selectorChecks,
  'cdk8s-mesh.MtlsMigrationProps': selectorChecks,
  'cdk8s-mesh.PortMtls': [...ports('port')],
  'cdk8s-mesh.PeerAuth#addPortMtls': [...ports('port')],
  // security: RequestAuthentication (validateJwtRule)
  'cdk8s-mesh.JwtRule': [...empties('element', 'audiences', 'fromParams', 'fromCookies'), { rule: ValueRules.JWKS, field: 'jwks', ok: isJwks }, { rule: ValueRules.PRIVATE_JWKS, field: 'jwks', ok: v => !hasPrivateJwk(v) }],
  'cdk8s-mesh.JwtHeader': [{ rule: ValueRules.EMPTY_VALUE, field: 'name', ok: nonEmpty }],
  'cdk8s-mesh.JwtClaimToHeader': [
    { rule: ValueRules.EMPTY_VALUE, field: 'claim', ok: nonEmpty },
    { rule: ValueRules.JWT_OUTPUT_HEADER, field: 'header', ok: v => str(v) && /^[-_A-Za-z0-9]+$/.test(v) },
  ],
  // networking: WorkloadEntry, WorkloadGroup, ServiceEntry
  'cdk8s-mesh.WorkloadEntryProps': [
    { rule: ValueRules.ADDRESS, field: 'address', ok: isAddress },
    { rule: ValueRules.PORT_NAME, field: 'ports', each: 'key', ok: isPortName },
    { rule: ValueRules.PORT, field: 'ports', each: 'value', ok: between(1, 65535) },
    ...labels('labels'),
  ],
  'cdk8s-mesh.VmWorkloadOptions': [
    { rule: ValueRules.PORT_NAME, field: 'ports', each: 'key', ok: isPortName },
    { rule: ValueRules.PORT, field: 'ports', each: 'value', ok: between(1, 65535) },
  ],
  'cdk8s-mesh.WorkloadGroupProps': [
    { rule: ValueRules.PORT_NAME, field: 'ports', each: 'key', ok: isPortName },
    { rule: ValueRules.PORT, field: 'ports', each: 'value', ok: between(1, 65535) },
    ...labels('labels'),
    ...durations('probePeriod'),
  ],
  'cdk8s-mesh.VmProbe#exec': [...nonEmptyLists('command'), ...empties('element', 'command')],
  'cdk8s-mesh.VmProbe#httpGet': [...ports('port')],
  'cdk8s-mesh.VmProbe#tcp': [...ports('port')],
  'cdk8s-mesh.ServiceEntryProps': [
    ...nonEmptyLists('hosts'),
    whole(ValueRules.EXPORT_TO, s => (s.exportTo ? badExportTo(s.exportTo as unknown[], true) : undefined), '/exportTo'),
    whole(ValueRules.CONFLICTING_FIELDS, s => both(s, 'workloads', 'endpoints')),
    whole(ValueRules.CONFLICTING_FIELDS, s => (((s.addresses as string[] | undefined) ?? []).some(a => a.includes('/')) && !['NONE', 'STATIC'].includes(s.resolution as string)
      ? [`resolution: ${String(s.resolution)}`, 'addresses with a CIDR'] : undefined), '/addresses'),
    whole(ValueRules.CONFLICTING_FIELDS, s => (s.resolution === 'DNS_ROUND_ROBIN' && ENDPOINTS(s).length > 1 ? ['resolution: DNS_ROUND_ROBIN', `${ENDPOINTS(s).length} endpoints`] : undefined), '/endpoints'),
    whole(ValueRules.DUPLICATE_PORTS, s => {
      const list = (s.ports as Struct[] | undefined) ?? [];
      const numbers = list.map(p => p.number);
      const names = list.map(p => p.name).filter(n => n !== undefined);
      return new Set(numbers).size !== numbers.length || new Set(names).size !== names.length ? list.map(p => `${String(p.name ?? '')}:${String(p.number)}`) : undefined;
    }, '/ports'),
    whole(ValueRules.SERVICE_ENTRY_MULTI_HOST_TCP, s => (s.resolution !== 'NONE' && ((s.hosts as unknown[] | undefined) ?? []).length > 1
      && ((s.ports as Struct[] | undefined) ?? []).some(p => !HTTP_OR_TLS.has(p.protocol as string)) ? s.hosts as unknown[] : undefined), '/hosts'),
    whole(ValueRules.SERVICE_ENTRY_ENDPOINT_PORT, s => {
      const names = new Set(((s.ports as Struct[] | undefined) ?? []).map(p => p.name));
      const stray = ENDPOINTS(s).flatMap(e => Object.keys((e as Struct).ports as Struct ?? {})).filter(n => !names.has(n));
      return stray.length ? stray : undefined;
    }, '/endpoints'),
  ],
  'cdk8s-mesh.ServiceEntryPort': [{ rule: ValueRules.PORT_NAME, field: 'name', ok: isPortName }, ...ports('targetPort')],
  'cdk8s-mesh.ServiceEntryEndpoint': [
    { rule: ValueRules.ADDRESS, field: 'address', ok: isAddress },
    { rule: ValueRules.PORT_NAME, field: 'ports', each: 'key', ok: isPortName },
    { rule: ValueRules.PORT, field: 'ports', each: 'value', ok: between(1, 65535) },
    ...labels('labels'),
    ...counts('weight'),
  ],
  // networking: ProxyConfig, telemetry: Telemetry, extensions: WasmPlugin
  'cdk8s-mesh.ProxyConfigProps': [...counts('concurrency')],
  'cdk8s-mesh.TelemetryTracing': [{ rule: ValueRules.EMPTY_VALUE, field: 'customTags', each: 'key', ok: nonEmpty }],
  'cdk8s-mesh.TracingTag#literal': [{ rule: ValueRules.EMPTY_VALUE, field: 'value', ok: nonEmpty }],
  'cdk8s-mesh.TracingTag#header': [{ rule: ValueRules.EMPTY_VALUE, field: 'name', ok: nonEmpty }],
  'cdk8s-mesh.TracingTag#environment': [{ rule: ValueRules.EMPTY_VALUE, field: 'name', ok: nonEmpty }],
  'cdk8s-mesh.MetricsOverride': [{ rule: ValueRules.EMPTY_VALUE, field: 'tagOverrides', each: 'value', ok: nonEmpty }, { rule: ValueRules.EMPTY_VALUE, field: 'tagOverrides', each: 'key', ok: nonEmpty }],
  'cdk8s-mesh.TelemetryMetrics': [...durations('reportingInterval')],
  'cdk8s-mesh.WasmPluginProps': [
    { rule: ValueRules.TOO_LONG, field: 'imagePullSecret', ok: v => str(v) && v.length <= 253 },
    { rule: ValueRules.TOO_LONG, field: 'pluginName', ok: v => str(v) && v.length <= 256 },
  ],
  // mesh config: extension providers, meshNetworks (agent.ValidateMeshConfig, validateExtensionProvider, ValidateMeshNetworks)
  ...Object.fromEntries(['datadog', 'extAuthzGrpc', 'extAuthzHttp', 'fileAccessLog', 'openTelemetry', 'openTelemetryAccessLog', 'prometheus', 'skyWalking', 'zipkin']
    .map(m => [`cdk8s-mesh.ExtensionProvider#${m}`, [{ rule: ValueRules.EMPTY_VALUE, field: 'name', ok: nonEmpty }]])),
  'cdk8s-mesh.ProviderEndpoint': [...ports('port'), { rule: ValueRules.ADDRESS, field: 'service', ok: isProviderService }],
  'cdk8s-mesh.TracingProviderOptions': [...ports('port'), { rule: ValueRules.ADDRESS, field: 'service', ok: isProviderService }],
  'cdk8s-mesh.GrpcExtAuthzOptions': [...ports('port'), { rule: ValueRules.ADDRESS, field: 'service', ok: isProviderService }],
  'cdk8s-mesh.ExtAuthzOptions': [
    ...ports('port'),
    { rule: ValueRules.ADDRESS, field: 'service', ok: isProviderService },
    { rule: ValueRules.PATH_PREFIX, field: 'pathPrefix', ok: v => str(v) && v.startsWith('/') && !/\s/.test(v) && !/%(?![0-9A-Fa-f]{2})/.test(v) },
  ],
  'cdk8s-mesh.MeshNetworkGateway': [...ports('port'), { rule: ValueRules.ADDRESS, field: 'address', ok: isAddress }],
  'cdk8s-mesh.DceNetworkGateway': [...ports('port'), { rule: ValueRules.ADDRESS, field: 'address', ok: isAddress }],
};

/** An extension provider's service: `[namespace/]host` (validateExtensionProviderService). */
function isProviderService(v: unknown): boolean {
  if (!str(v) || v === '') return false;
  const parts = v.split('/');
  return parts.length <= 2 && (parts.length === 1 || isNamespace(parts[0])) && isFqdn(parts[parts.length - 1]);
}

function mergeChecks(...tables: CheckTable[]): CheckTable {
  const out: { [fqn: string]: ValueCheck[] } = {};
  for (const table of tables) for (const [fqn, checks] of Object.entries(table)) (out[fqn] ??= []).push(...checks);
  return out;
}

/**
 * Every value check, by the FQN of the props type that declares the field, or by `<class FQN>#<method>` for the
 * parameters (`field` = parameter name) of a public method or static factory.
 */
export const VALUE_CHECKS: CheckTable = mergeChecks(BASE_CHECKS, ISTIO_CHECKS);
