import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe } from '../context';
import { map, maps, num, text, texts } from '../json';
import { AnalysisObject } from '../object-index';

// Policy and extension checks: authorization source namespaces (IST0101), Telemetry providers (IST0157),
// JWKS fetch restriction (IST0175), EnvoyFilter operations (IST0151-0154), external control-plane webhooks (IST0163/0164).

const ALWAYS_PRESENT = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** AuthorizationPolicy source namespaces exist somewhere in the mesh (IST0101). */
export function analyzeAuthorizationNamespaces(ctx: AnalysisContext): void {
  const known = new Set([...ALWAYS_PRESENT, ctx.settings.rootNamespace, ...ctx.index.namespaces]);
  for (const ap of ctx.index.ofKind('AuthorizationPolicy')) {
    for (const rule of maps(ap.spec.rules)) {
      for (const from of maps(rule.from)) {
        const source = map(from.source);
        for (const ns of [...texts(source.namespaces), ...texts(source.notNamespaces)]) {
          if (!ns.includes('*') && !known.has(ns)) ctx.report(AnalysisRules.UNKNOWN_SOURCE_NAMESPACE, ap, ns, `${describe(ap)}.`);
        }
      }
    }
  }
}

/** Telemetry access logging without providers when the mesh has no default providers (IST0157). */
export function analyzeTelemetryProviders(ctx: AnalysisContext): void {
  if (ctx.settings.defaultTelemetryProviders) return;
  for (const t of ctx.index.ofKind('Telemetry')) {
    for (const entry of maps(t.spec.accessLogging)) {
      if (entry.disabled !== true && !maps(entry.providers).length) ctx.report(AnalysisRules.TELEMETRY_EMPTY_PROVIDERS, t, 'accessLogging', `${describe(t)}.`);
    }
  }
}

/** RequestAuthentications while istiod may fetch any JWKS URI (IST0175), reported once per mesh. */
export function analyzeJwksFetch(ctx: AnalysisContext): void {
  const authns = ctx.index.ofKind('RequestAuthentication');
  if (ctx.settings.jwksFetchRestricted || !authns.length) return;
  const names = [...new Set(authns.map(a => `${a.namespace}/${a.name}`))];
  ctx.report(AnalysisRules.JWKS_FETCH_UNRESTRICTED, authns[0], names.length, `RequestAuthentications ${names.join(', ')}.`);
}

const ROUTE_TARGETS = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']);

/** EnvoyFilter patch operations that are ignored or depend on undefined ordering (IST0151-0154). */
export function analyzeEnvoyFilters(ctx: AnalysisContext): void {
  for (const ef of ctx.index.ofKind('EnvoyFilter')) {
    const prioritized = (num(ef.spec.priority) ?? 0) !== 0;
    maps(ef.spec.configPatches).forEach((patch, i) => {
      const operation = text(map(patch.patch).operation);
      const applyTo = text(patch.applyTo) ?? '';
      const where = `${describe(ef)}, configPatches[${i}] (${operation} on ${applyTo}).`;
      let relative = operation === 'INSERT_BEFORE' || operation === 'INSERT_AFTER';
      if (operation === 'ADD' && ROUTE_TARGETS.has(applyTo)) ctx.report(AnalysisRules.ENVOY_FILTER_ADD_MISUSED, ef, operation, where);
      if (operation === 'REMOVE') {
        if (ROUTE_TARGETS.has(applyTo)) ctx.report(AnalysisRules.ENVOY_FILTER_REMOVE_MISUSED, ef, operation, where);
        else relative = true;
      }
      if (operation === 'REPLACE') {
        if (!REPLACEABLE.has(applyTo)) ctx.report(AnalysisRules.ENVOY_FILTER_REPLACE_MISUSED, ef, operation, where);
        else relative = true;
      }
      if (relative && !prioritized) ctx.report(AnalysisRules.ENVOY_FILTER_RELATIVE_WITHOUT_PRIORITY, ef, operation, where);
    });
  }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Istio webhooks pointing at an external control plane: a URL without host (IST0163) or with an IP (IST0164). */
export function analyzeExternalControlPlaneWebhooks(ctx: AnalysisContext): void {
  for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
    for (const config of ctx.index.ofKind(kind)) {
      if (!config.name.startsWith('istio')) continue;
      for (const webhook of maps(config.json.webhooks)) {
        const url = text(map(webhook.clientConfig).url);
        if (url !== undefined) checkWebhookUrl(ctx, config, url, `${describe(config)}, webhook ${webhook.name}.`);
      }
    }
  }
  // the URLs the install values give istioctl and Helm (an external control plane reached by hostname)
  for (const w of ctx.settings.installedWebhooks ?? []) {
    const config: AnalysisObject = { cluster: w.cluster, kind: 'WebhookConfiguration', namespace: '', name: w.name, labels: {}, json: {}, spec: {}, source: w.source };
    checkWebhookUrl(ctx, config, w.url, `Webhook configuration ${w.name} the install values give cluster ${w.cluster}.`);
  }
}

function checkWebhookUrl(ctx: AnalysisContext, config: AnalysisObject, url: string, where: string): void {
  const host = /^https?:\/\/(\[[^\]]*\]|[^/:]*)/.exec(url)?.[1] ?? '';
  if (!host) ctx.report(AnalysisRules.INVALID_EXTERNAL_CONTROL_PLANE, config, url, where);
  else if (IPV4.test(host) || host.startsWith('[')) ctx.report(AnalysisRules.EXTERNAL_CONTROL_PLANE_IP, config, host, where);
}
