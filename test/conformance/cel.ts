import { CelScalar, celEnv, celFunc, celMethod, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { parseIp } from '../../src/validation/input/ip';

/**
 * The Kubernetes CEL environment for `x-kubernetes-validations` rules: the CEL standard library,
 * the strings extension, the Kubernetes IP library's `isIP` (below), and the Kubernetes URL library (`isURL`, `url`, `getScheme`) that Istio's
 * CRDs use. Kubernetes' URL library parses with Go's `url.Parse`, which accepts relative references,
 * so a URL value is kept as its string and its scheme read from the RFC 3986 scheme syntax.
 */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

function isUrl(text: string): boolean {
  if (/[\s\x00-\x1f]/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    // Go accepts relative references: no scheme, or a first segment without a colon.
    return !SCHEME.test(text) && !/^[^/?#]*:/.test(text);
  }
}

const kubernetesUrlLibrary = [
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, isUrl),
  celFunc('url', [CelScalar.STRING], CelScalar.STRING, (text: string) => {
    if (!isUrl(text)) throw new Error(`URL parse error during conversion from string: ${text}`);
    return text;
  }),
  celMethod('getScheme', CelScalar.STRING, [], CelScalar.STRING, function (this: string) {
    return SCHEME.exec(this)?.[1].toLowerCase() ?? '';
  }),
];

/**
 * The Kubernetes IP library's `isIP` (Gateway API's TLSRoute hostnames): an address as Go's `netip.ParseAddr`
 * reads it, without a zone and not IPv4-mapped IPv6, which the library rejects.
 */
const kubernetesIpLibrary = [
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (text: string) => {
    if (text.includes('/') || text.includes('%')) return false;
    const parsed = parseIp(text);
    return parsed !== undefined && !parsed.ipv4Mapped;
  }),
];

const env = celEnv({ funcs: [...strings, ...kubernetesUrlLibrary, ...kubernetesIpLibrary] });
const plans = new Map<string, ReturnType<typeof plan>>();

/** Operators and macros the planner implements itself, not through the function resolver. */
const PLANNER_BUILTINS = new Set(['_&&_', '_||_', '_?_:_', '@not_strictly_false', '@in', '_[_]']);

/** A transition rule: it reads `oldSelf`, the stored object, so the API server evaluates it on update only. */
export function isTransitionRule(rule: string): boolean {
  return /\boldSelf\b/.test(rule);
}

/** The functions a rule calls that this environment does not have (e.g. Kubernetes' `isIP`, `quantity`): it cannot be evaluated. */
export function unsupportedFunctions(rule: string): string[] {
  const missing = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.$typeName === 'cel.expr.Expr.Call') {
      const name = String(record.function);
      if (!PLANNER_BUILTINS.has(name) && env.funcs.find(name) === undefined) missing.add(name);
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(parse(rule).expr); // not sourceInfo, which keeps the macro calls (has, all) as written
  return [...missing].sort();
}

/** The outcome of one rule: true, false, or the evaluation error's message. */
export type RuleOutcome = boolean | string;

/** Evaluates a CEL rule with `self` bound to `value` (already converted to CEL input). */
export function evaluateRule(rule: string, value: unknown): RuleOutcome {
  let run = plans.get(rule);
  if (!run) {
    run = plan(env, parse(rule));
    plans.set(rule, run);
  }
  const result = run({ self: value as any });
  if (isCelError(result)) return result.message;
  if (typeof result !== 'boolean') return `rule returned ${String(result)}, not a boolean`;
  return result;
}
