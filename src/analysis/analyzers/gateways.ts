import { selectsLabels } from '../../core/labels';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe, groupBy } from '../context';
import { map, maps, num, stringMap, text, texts } from '../json';
import { selectorText } from '../labels';
import { AnalysisObject } from '../object-index';
import { Workload } from '../registry';

// Gateway checks: selectors (IST0101), conflicts (IST0145), duplicate certificates (IST0138),
// credentials (IST0161) and ports of the gateway's Service (IST0162).

/** True for a declared Istio gateway workload: an injected `gateway` template or an `istio` label. */
function isGatewayWorkload(w: Workload): boolean {
  return w.labels.istio !== undefined || (w.annotations['inject.istio.io/templates'] ?? '').includes('gateway');
}

/**
 * Gateway selectors match a declared gateway workload (IST0101), when the app declares any; gateways the library
 * installs with istioctl or Helm count for Gateways in their cluster.
 */
export function analyzeGatewaySelectors(ctx: AnalysisContext): void {
  if (!ctx.workloads.all.some(isGatewayWorkload)) return;
  const installed = ctx.settings.installedGateways ?? [];
  for (const gw of ctx.index.ofKind('Gateway')) {
    const selector = stringMap(gw.spec.selector);
    if (ctx.workloads.selected(selector).length) continue;
    if (installed.some(w => w.cluster === gw.cluster && selectsLabels(selector, w.labels))) continue;
    ctx.report(AnalysisRules.GATEWAY_SELECTOR_NO_WORKLOAD, gw, selectorText(selector), `${describe(gw)}.`);
  }
}

/** Servers of gateways with one selector: conflicting hosts per port, shared certificates. */
export function analyzeGatewayConflicts(ctx: AnalysisContext): void {
  const groups = groupBy(ctx.index.ofKind('Gateway'), gw => `${gw.cluster}|${selectorText(stringMap(gw.spec.selector))}`);
  for (const gateways of groups.values()) {
    if (gateways.length < 2) continue;
    const listeners = new Map<string, AnalysisObject>();
    const certificates = new Map<string, AnalysisObject>();
    for (const gw of gateways) {
      for (const server of maps(gw.spec.servers)) {
        const port = num(map(server.port).number);
        const bind = text(server.bind) ?? '';
        for (const host of texts(server.hosts)) {
          const key = `${port}|${bind}|${host.includes('/') ? host.split('/')[1] : host}`;
          const first = listeners.get(key);
          if (first && first !== gw) {
            ctx.report(AnalysisRules.CONFLICTING_GATEWAYS, gw, `${host}:${port}`, `${describe(gw)} and Gateway ${first.namespace}/${first.name} (selector ${selectorText(stringMap(gw.spec.selector))}).`);
          } else {
            listeners.set(key, gw);
          }
        }
        const tls = map(server.tls);
        const cert = text(tls.credentialName) ?? (text(tls.serverCertificate) && text(tls.privateKey) ? `${tls.serverCertificate}|${tls.privateKey}` : undefined);
        if (!cert) continue;
        const first = certificates.get(cert);
        if (first && first !== gw) {
          ctx.report(AnalysisRules.DUPLICATE_CERTIFICATE, gw, cert, `${describe(gw)} and Gateway ${first.namespace}/${first.name}.`);
        } else {
          certificates.set(cert, gw);
        }
      }
    }
  }
}

/** Secrets named by `credentialName` hold a certificate and key (IST0161), and listener ports are on the Service (IST0162). */
export function analyzeGatewayWorkloads(ctx: AnalysisContext): void {
  for (const gw of ctx.index.ofKind('Gateway')) {
    const pods = ctx.workloads.selected(stringMap(gw.spec.selector));
    const namespaces = new Set(pods.length ? pods.map(p => p.namespace) : [gw.namespace]);
    for (const server of maps(gw.spec.servers)) {
      const tls = map(server.tls);
      const credential = text(tls.credentialName);
      if (credential) checkCredential(ctx, gw, credential, namespaces, text(tls.mode) === 'MUTUAL');
    }
    if (!pods.length) continue;
    const selecting = (s: AnalysisObject) => {
      const selector = stringMap(s.spec.selector);
      return Object.keys(selector).length > 0 && pods.some(p => selectsLabels(selector, p.labels));
    };
    const services = [...namespaces].flatMap(ns => ctx.services.servicesIn(ns).filter(selecting));
    if (!services.length) continue;
    const targets = new Set(services.flatMap(s => maps(s.spec.ports).map(p => num(p.targetPort) ?? num(p.port))));
    for (const server of maps(gw.spec.servers)) {
      const port = num(map(server.port).number);
      if (port !== undefined && !targets.has(port)) {
        ctx.report(AnalysisRules.GATEWAY_PORT_NOT_ON_SERVICE, gw, port, `${describe(gw)}; Services ${services.map(s => `${s.namespace}/${s.name}`).join(', ')}.`);
      }
    }
  }
}

function checkCredential(ctx: AnalysisContext, gw: AnalysisObject, credential: string, namespaces: Set<string>, mutual: boolean): void {
  const [ns, name] = credential.includes('/') ? credential.split('/') : [undefined, credential];
  for (const namespace of ns ? [ns] : namespaces) {
    for (const cluster of ctx.index.clusters) {
      const secret = ctx.index.find(cluster, 'Secret', namespace, name);
      if (!secret) continue;
      const keys = new Set([...Object.keys(map(secret.json.data)), ...Object.keys(map(secret.json.stringData))]);
      const pair = (keys.has('tls.crt') && keys.has('tls.key')) || (keys.has('cert') && keys.has('key'));
      const ca = keys.has('ca.crt') || keys.has('cacert') || ctx.index.find(cluster, 'Secret', namespace, `${name}-cacert`) !== undefined;
      if (!pair || (mutual && !ca)) {
        ctx.report(AnalysisRules.INVALID_GATEWAY_CREDENTIAL, gw, credential, `${describe(gw)}; Secret ${namespace}/${name} in cluster ${cluster} has keys ${[...keys].sort().join(', ') || '(none)'}.`);
      }
    }
  }
}
