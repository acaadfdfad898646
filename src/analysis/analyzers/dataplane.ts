import { selectsLabels } from '../../core/labels';
import { DATAPLANE_MODE_LABEL } from '../../topology/namespace';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe } from '../context';
import { list, map, stringMap, text } from '../json';
import { selectorText } from '../labels';
import { AnalysisObject, gatewayApiKind } from '../object-index';

// Policies that a data plane ignores: selector policies on Gateway API gateway pods (IST0166), Sidecars of
// ambient workloads, which run no sidecar (IST0167).

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const SELECTOR_POLICIES = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];
/** Gateway classes whose pods istiod deploys and labels with the Gateway's name. */
const DEPLOYED_CLASSES = new Set(['istio', 'istio-waypoint', 'istio-east-west']);

/** The pods of one Gateway API gateway, as its pod labels say. */
interface GatewayPods {
  readonly cluster: string;
  readonly namespace: string;
  readonly gateway: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The pods of Gateway API gateways: declared pod templates with the gateway-name label, and the ones istiod deploys. */
function gatewayPods(ctx: AnalysisContext): GatewayPods[] {
  const declared = ctx.workloads.all.filter(w => w.labels[GATEWAY_NAME_LABEL] !== undefined)
    .map(w => ({ cluster: w.object.cluster, namespace: w.namespace, gateway: w.labels[GATEWAY_NAME_LABEL], labels: w.labels }));
  const deployed = ctx.index.ofKind(gatewayApiKind('Gateway'))
    .filter(g => DEPLOYED_CLASSES.has(text(g.spec.gatewayClassName) ?? ''))
    .filter(g => !list(g.spec.addresses).some(a => text(map(a).type) === 'Hostname'))
    .map(g => ({
      cluster: g.cluster,
      namespace: g.namespace,
      gateway: g.name,
      labels: {
        ...stringMap(map(map(g.spec.infrastructure).labels)),
        [GATEWAY_NAME_LABEL]: g.name,
        'gateway.networking.k8s.io/gateway-class-name': text(g.spec.gatewayClassName) ?? '',
        'gateway.istio.io/managed': 'istio.io-gateway-controller',
      },
    }));
  return [...declared, ...deployed];
}

function targeted(policy: AnalysisObject): boolean {
  return policy.spec.targetRef !== undefined || list(policy.spec.targetRefs).length > 0;
}

/** Selector policies that select the pods of a Gateway API gateway, which take policy only through targetRefs (IST0166). */
export function analyzeIneffectiveSelectors(ctx: AnalysisContext): void {
  const pods = gatewayPods(ctx);
  if (!pods.length) return;
  for (const kind of SELECTOR_POLICIES) {
    for (const policy of ctx.index.ofKind(kind)) {
      const selector = stringMap(map(policy.spec.selector).matchLabels);
      if (targeted(policy) || !Object.keys(selector).length) continue;
      const hit = pods.find(p => p.cluster === policy.cluster && p.namespace === policy.namespace && selectsLabels(selector, p.labels));
      if (hit) ctx.report(AnalysisRules.SELECTOR_ON_GATEWAY_API_GATEWAY, policy, hit.gateway, `${describe(policy)} selects ${selectorText(selector)}.`);
    }
  }
}

/** True if pods with `labels` in a namespace labelled `nsLabels` run in ambient mode (no sidecar). */
function isAmbient(nsLabels: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  if (labels[DATAPLANE_MODE_LABEL] !== undefined) return labels[DATAPLANE_MODE_LABEL] === 'ambient';
  return nsLabels[DATAPLANE_MODE_LABEL] === 'ambient' && labels['sidecar.istio.io/inject'] !== 'true';
}

/** Sidecar resources for namespaces or workloads in ambient mode, which have no sidecar to configure (IST0167). */
export function analyzeIneffectiveSidecars(ctx: AnalysisContext): void {
  for (const sidecar of ctx.index.ofKind('Sidecar')) {
    const nsLabels = ctx.index.find(sidecar.cluster, 'Namespace', '', sidecar.namespace)?.labels ?? {};
    const selector = stringMap(map(sidecar.spec.workloadSelector).labels);
    if (!Object.keys(selector).length) {
      if (nsLabels[DATAPLANE_MODE_LABEL] === 'ambient') {
        ctx.report(AnalysisRules.SIDECAR_IN_AMBIENT, sidecar, sidecar.namespace, `${describe(sidecar)}: namespace ${sidecar.namespace} is in ambient mode.`);
      }
      continue;
    }
    const ambient = ctx.workloads.selected(selector, sidecar.namespace)
      .find(w => w.object.cluster === sidecar.cluster && isAmbient(nsLabels, w.labels));
    if (ambient) {
      const detail = `${describe(sidecar)}: it selects ${describe(ambient.object)}, which runs in ambient mode.`;
      ctx.report(AnalysisRules.SIDECAR_IN_AMBIENT, sidecar, selectorText(selector), detail);
    }
  }
}
