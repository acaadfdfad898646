import { selectsLabels } from '../../core/labels';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe } from '../context';
import { JsonMap, map, maps, num, stringMap, text } from '../json';

// DestinationRule checks (IST0128/0129, IST0173, IST0174) and the headless-Service pitfall of the seed FAQ.

const ORIGINATING = new Set(['SIMPLE', 'MUTUAL']);

/** TLS origination that does not verify the server (IST0128 destination level, IST0129 port level). */
export function analyzeTlsVerification(ctx: AnalysisContext): void {
  for (const dr of ctx.index.ofKind('DestinationRule')) {
    const selected = dr.spec.workloadSelector !== undefined;
    const unverified = (tls: JsonMap) => ORIGINATING.has(text(tls.mode) ?? '') && !text(tls.caCertificates)
      && !(text(tls.credentialName) && selected);
    const policy = map(dr.spec.trafficPolicy);
    const host = text(dr.spec.host) ?? '';
    if (unverified(map(policy.tls))) ctx.report(AnalysisRules.TLS_WITHOUT_CA, dr, host, `${describe(dr)}, mode ${map(policy.tls).mode}.`);
    for (const port of maps(policy.portLevelSettings)) {
      if (unverified(map(port.tls))) {
        ctx.report(AnalysisRules.TLS_WITHOUT_CA_PORT, dr, `${host}:${num(map(port.port).number) ?? '?'}`, `${describe(dr)}, mode ${map(port.tls).mode}.`);
      }
    }
    for (const subset of maps(dr.spec.subsets)) {
      const subsetPolicy = map(subset.trafficPolicy);
      if (unverified(map(subsetPolicy.tls))) ctx.report(AnalysisRules.TLS_WITHOUT_CA, dr, `${host}/${subset.name}`, `${describe(dr)}, subset ${subset.name}.`);
    }
  }
}

/** DestinationRule hosts that exist, subsets that select declared pods, no load balancing on headless Services. */
export function analyzeDestinationRuleTargets(ctx: AnalysisContext): void {
  for (const dr of ctx.index.ofKind('DestinationRule')) {
    const host = text(dr.spec.host);
    if (!host || host.includes('*')) continue;
    const service = ctx.services.resolve(host, dr.namespace);
    if (!service) {
      ctx.report(AnalysisRules.UNKNOWN_DESTINATION_RULE_HOST, dr, host, `${describe(dr)}.`);
      continue;
    }
    if (service.headless && hasLoadBalancing(dr.spec)) {
      ctx.report(AnalysisRules.LOAD_BALANCER_ON_HEADLESS, dr, host, `${describe(dr)}; Service ${service.namespace}/${service.name} is headless.`);
    }
    const selector = service.selector;
    if (!selector || !Object.keys(selector).length) continue;
    const pods = ctx.workloads.selected(selector, service.namespace);
    if (!pods.length) continue;
    for (const subset of maps(dr.spec.subsets)) {
      const labels = stringMap(subset.labels);
      if (!pods.some(p => selectsLabels(labels, p.labels))) {
        ctx.report(AnalysisRules.SUBSET_SELECTS_NO_PODS, dr, `${host}/${subset.name}`,
          `${describe(dr)}; declared pods of ${service.namespace}/${service.name}: ${pods.map(p => p.object.name).join(', ')}.`);
      }
    }
  }
}

function hasLoadBalancing(spec: JsonMap): boolean {
  const top = map(spec.trafficPolicy);
  const policies = [top, ...maps(top.portLevelSettings), ...maps(spec.subsets).map(s => map(s.trafficPolicy))];
  return policies.some(p => p.loadBalancer !== undefined);
}
