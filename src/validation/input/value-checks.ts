import { hasHostBits, isCidr, isIpAddress, isIpOrCidr, isIpv4Mapped } from './ip';
import { isRetriableStatus, isRetryOn } from './retry-on';
import { RuleDefinition } from '../rule';
import { OperationsRules } from '../rules/operations';
import { RouteRules } from '../rules/route';
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
const percent = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 100;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*']);
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const GRPC_CODES = new Set(['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED']);
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

/**
 * Every value check, by the FQN of the props type that declares the field, or by `<class FQN>#<method>` for the
 * parameters (`field` = parameter name) of a public method or static factory.
 */
export const VALUE_CHECKS: { readonly [fqn: string]: readonly ValueCheck[] } = {
  'cdk8s-mesh.FaultAbort': [
    { rule: ValueRules.GRPC_STATUS, field: 'grpcStatus', ok: v => str(v) && GRPC_CODES.has(v) },
    { rule: ValueRules.HTTP_STATUS, field: 'httpStatus', ok: between(200, 599) },
    { rule: ValueRules.PERCENT, field: 'percentage', ok: percent },
  ],
  'cdk8s-mesh.FaultDelay': [
    { rule: ValueRules.PERCENT, field: 'percentage', ok: percent },
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
    { rule: ValueRules.HEADER_NAME, field: 'set', each: 'key', ok: isHeaderName },
    { rule: ValueRules.HEADER_NAME, field: 'add', each: 'key', ok: isHeaderName },
    { rule: ValueRules.HEADER_NAME, field: 'remove', each: 'element', ok: isHeaderName },
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
    { rule: ValueRules.SHA256, field: 'sha256', ok: v => str(v) && /^[0-9a-fA-F]{64}$/.test(v) },
  ],
  'cdk8s-mesh.MeshServiceProps': [
    { rule: ValueRules.NAMESPACE, field: 'namespace', ok: isNamespace },
    { rule: ValueRules.SERVICE_NAME, field: 'name', ok: v => str(v) && v.length <= 63 && DNS_1035_LABEL.test(v) },
  ],
  'cdk8s-mesh.MeshServiceOptions': [
    ...labels('labels'),
  ],
  'cdk8s-mesh.ServiceVersion': [
    ...labels('labels'),
  ],
  'cdk8s-mesh.ServiceEntryProps': [
    { rule: ValueRules.NAMESPACE, field: 'namespace', ok: isNamespace },
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
  'cdk8s-mesh.WorkloadEntryProps': [{ rule: ValueRules.NAMESPACE, field: 'namespace', ok: isNamespace }],
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
