import { CelScalar, celEnv, celFunc, celMethod, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/**
 * The Kubernetes CEL environment for `x-kubernetes-validations` rules: the CEL standard library,
 * the strings extension, and the Kubernetes URL library (`isURL`, `url`, `getScheme`) that Istio's
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

const env = celEnv({ funcs: [...strings, ...kubernetesUrlLibrary] });
const plans = new Map<string, ReturnType<typeof plan>>();

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
