import { apiObjectsOfKinds } from './scope';
import { OutboundTrafficPolicy } from '../controlplane/mesh-config';
import { renderedJson } from '../core/rendered';
import type { Mesh } from '../topology/mesh';
import { OperationsRules } from '../validation/rules/operations';

// MESH-OPS-012: with REGISTRY_ONLY, every external host a VirtualService or DestinationRule uses has a ServiceEntry.
// Works on the rendered objects, so it covers TrafficRoute and hand-written routes alike. Linear in objects × hosts.

/** Registers the check with the mesh; it runs only when the mesh's outbound policy is REGISTRY_ONLY. */
export function registerRegistryOnlyCheck(mesh: Mesh): void {
  mesh._onSynth(undefined, () => {
    if (mesh.outboundTrafficPolicy === OutboundTrafficPolicy.REGISTRY_ONLY) checkExternalHostsRegistered(mesh);
  });
}

const INTERNAL_SUFFIXES = ['.svc', '.local'];

/** True for hosts outside Kubernetes' service DNS: they need a ServiceEntry. Short names resolve in-namespace. */
export function isExternalHost(host: string): boolean {
  if (!host.includes('.') || host === '*') return false;
  return !INTERNAL_SUFFIXES.some(suffix => host.endsWith(suffix));
}

/** Registered hosts: exact names plus wildcard suffixes (`*.example.com` → `.example.com`). */
class HostIndex {
  private readonly exact = new Set<string>();
  private readonly wildcard = new Set<string>();

  public add(host: string): void {
    if (host.startsWith('*.')) this.wildcard.add(host.slice(1));
    else this.exact.add(host);
  }

  /** True if a registered host covers `host`; checks each parent domain once. */
  public covers(host: string): boolean {
    if (this.exact.has(host)) return true;
    const labels = (host.startsWith('*.') ? host.slice(2) : host).split('.');
    for (let i = host.startsWith('*.') ? 0 : 1; i < labels.length; i++) {
      if (this.wildcard.has(`.${labels.slice(i).join('.')}`)) return true;
    }
    return false;
  }
}

function checkExternalHostsRegistered(mesh: Mesh): void {
  const objects = apiObjectsOfKinds(mesh.configClusters, ['ServiceEntry', 'VirtualService', 'DestinationRule']);
  const index = new HostIndex();
  for (const { object } of objects) {
    if (object.kind === 'ServiceEntry') for (const host of renderedJson(object).spec?.hosts ?? []) index.add(host);
  }
  const reported = new Set<string>();
  for (const { cluster, object } of objects) {
    if (object.kind === 'ServiceEntry') continue;
    const json = renderedJson(object);
    const hosts = object.kind === 'VirtualService' ? virtualServiceHosts(json.spec ?? {}) : [json.spec?.host];
    for (const host of hosts) {
      if (typeof host !== 'string' || !isExternalHost(host) || index.covers(host)) continue;
      const key = `${object.kind}/${json.metadata?.namespace}/${json.metadata?.name}/${host}`;
      if (reported.has(key)) continue;
      reported.add(key);
      mesh.report(OperationsRules.UNREGISTERED_EXTERNAL_HOST, cluster.declaringMember(object), host,
        `Used by ${object.kind} ${json.metadata?.namespace}/${json.metadata?.name} in cluster ${cluster.clusterName}.`);
    }
  }
}

/** Hosts a VirtualService sends to: its destinations and mirrors, plus its own hosts when it applies to sidecars. */
function virtualServiceHosts(spec: any): string[] {
  const gateways: string[] | undefined = spec.gateways;
  const own = !gateways || gateways.length === 0 || gateways.includes('mesh') ? spec.hosts ?? [] : [];
  const routes = [...spec.http ?? [], ...spec.tcp ?? [], ...spec.tls ?? []];
  const destinations = routes.flatMap((r: any) => [
    ...(r.route ?? []).map((d: any) => d.destination?.host),
    r.mirror?.host,
    ...(r.mirrors ?? []).map((m: any) => m.destination?.host),
  ]);
  return [...own, ...destinations];
}
