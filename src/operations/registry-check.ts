import { jsonArray, jsonAt, jsonObjects, jsonString, jsonStrings } from '../core/json';
import type { MeshCore } from '../topology/mesh-core';
import type { IndexedObject } from '../topology/object-index';
import { OperationsRules } from '../validation/rules/operations';

// MESH-OPS-012: with REGISTRY_ONLY, every external host a VirtualService or DestinationRule uses has a ServiceEntry.
// Works on the rendered objects, so it covers TrafficRoute and hand-written routes alike. Linear in objects × hosts.


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

/** Reports MESH-OPS-012 for every external host a VirtualService or DestinationRule of a config cluster uses without a ServiceEntry. */
export function registryOnlyCheck(mesh: MeshCore): void {
  const objects: IndexedObject[] = [];
  const index = new HostIndex();
  for (const cluster of mesh.configClusters) {
    const clusterIndex = mesh.objectIndex(cluster);
    for (const entry of clusterIndex.ofKind('ServiceEntry')) for (const host of jsonStrings(entry.json, 'spec', 'hosts')) index.add(host);
    objects.push(...clusterIndex.ofKind('VirtualService'), ...clusterIndex.ofKind('DestinationRule'));
  }
  const reported = new Set<string>();
  for (const object of objects) {
    const json = object.json;
    const hosts = object.kind === 'VirtualService' ? virtualServiceHosts(json.spec) : [jsonAt(json, 'spec', 'host')];
    const namespace = jsonString(json, 'metadata', 'namespace');
    const name = jsonString(json, 'metadata', 'name');
    for (const host of hosts) {
      if (typeof host !== 'string' || !isExternalHost(host) || index.covers(host)) continue;
      const key = `${object.kind}/${namespace}/${name}/${host}`;
      if (reported.has(key)) continue;
      reported.add(key);
      mesh.report(OperationsRules.UNREGISTERED_EXTERNAL_HOST, object.declaredBy, host,
        `Used by ${object.kind} ${namespace}/${name} in cluster ${object.cluster.clusterName}.`);
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
