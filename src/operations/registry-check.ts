import { apiObjectsOfKinds } from './scope';
import { OutboundTrafficPolicy } from '../controlplane/mesh-config';
import { jsonArray, jsonAt, jsonObjects, jsonString, jsonStrings } from '../core/json';
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
    if (object.kind === 'ServiceEntry') for (const host of jsonStrings(renderedJson(object), 'spec', 'hosts')) index.add(host);
  }
  const reported = new Set<string>();
  for (const { cluster, object } of objects) {
    if (object.kind === 'ServiceEntry') continue;
    const json = renderedJson(object);
    const hosts = object.kind === 'VirtualService' ? virtualServiceHosts(json.spec) : [jsonAt(json, 'spec', 'host')];
    const namespace = jsonString(json, 'metadata', 'namespace');
    const name = jsonString(json, 'metadata', 'name');
    for (const host of hosts) {
      if (typeof host !== 'string' || !isExternalHost(host) || index.covers(host)) continue;
      const key = `${object.kind}/${namespace}/${name}/${host}`;
      if (reported.has(key)) continue;
      reported.add(key);
      mesh.report(OperationsRules.UNREGISTERED_EXTERNAL_HOST, cluster.declaringMember(object), host,
        `Used by ${object.kind} ${namespace}/${name} in cluster ${cluster.clusterName}.`);
    }
  }
}

/** Hosts a VirtualService sends to: its destinations and mirrors, plus its own hosts when it applies to sidecars. */
function virtualServiceHosts(spec: unknown): unknown[] {
  const gateways = jsonStrings(spec, 'gateways');
  const own = gateways.length === 0 || gateways.includes('mesh') ? jsonArray(spec, 'hosts') : [];
  const routes = [...jsonObjects(spec, 'http'), ...jsonObjects(spec, 'tcp'), ...jsonObjects(spec, 'tls')];
  const destinations = routes.flatMap(r => [
    ...jsonArray(r, 'route').map(d => jsonAt(d, 'destination', 'host')),
    jsonAt(r, 'mirror', 'host'),
    ...jsonArray(r, 'mirrors').map(m => jsonAt(m, 'destination', 'host')),
  ]);
  return [...own, ...destinations];
}
