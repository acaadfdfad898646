import type { AuthorizationPolicy } from './authorization-policy';
import { MtlsMode } from './mtls-mode';
import type { PeerAuth } from './peer-auth';
import { PolicyScope } from './policy-target';
import type { RequestAuthentication } from './request-authentication';
import { jsonAt, jsonNumber, jsonObjects, jsonString, jsonStringRecord } from '../core/json';
import { selectsLabels } from '../core/labels';
import { qualifiedHost } from '../core/names';
import { renderedJson, renderedObjectsOfKind } from '../core/rendered';
import type { MeshCluster } from '../topology/cluster';
import type { MeshCore } from '../topology/mesh-core';
import { SecurityRules } from '../validation/rules/security';
import { MeshService } from '../workloads/mesh-service';

type Labels = { [key: string]: string };

/** The PeerAuths placed in one cluster, indexed by scope, for effective-mode lookups. @internal */
export class MtlsIndex {
  private meshWide?: PeerAuth;
  private readonly namespaceWide = new Map<string, PeerAuth>();
  private readonly workloads = new Map<string, PeerAuth[]>();

  /** Adds a policy; returns false if its scope already has one (Istio ignores the newer). */
  public add(pa: PeerAuth): boolean {
    if (pa.scope === PolicyScope.MESH) {
      if (this.meshWide) return false;
      this.meshWide = pa;
    } else if (pa.scope === PolicyScope.NAMESPACE) {
      if (this.namespaceWide.has(pa.namespaceName)) return false;
      this.namespaceWide.set(pa.namespaceName, pa);
    } else {
      this.workloads.set(pa.namespaceName, [...this.workloads.get(pa.namespaceName) ?? [], pa]);
    }
    return true;
  }

  /**
   * The effective mode of pods with `labels` in `namespace` on a container port: the oldest matching
   * workload policy (its port mode first), then the namespace's, then the mesh's; PERMISSIVE if all are unset.
   */
  public mode(namespace: string, labels: Labels, port?: number): MtlsMode {
    const workload = (this.workloads.get(namespace) ?? []).find(pa => selectsLabels(pa.selector, labels));
    for (const mode of [workload?.modeOnPort(port), this.namespaceWide.get(namespace)?.mode, this.meshWide?.mode]) {
      if (mode !== undefined && mode !== MtlsMode.UNSET) return mode;
    }
    return MtlsMode.PERMISSIVE;
  }

  /**
   * Every effective mode that pods selected by a policy can have, port overrides included.
   * @param namespace the policy's namespace, or undefined for the whole mesh
   * @param selector the policy's selector
   */
  public modesUnder(namespace: string | undefined, selector: Labels | undefined): MtlsMode[] {
    const namespaces = namespace === undefined ? [...new Set([...this.namespaceWide.keys(), ...this.workloads.keys()])] : [namespace];
    const modes = [this.mode(namespace ?? '', selector ?? {})];
    for (const ns of namespaces) {
      modes.push(this.mode(ns, selector ?? {}));
      for (const pa of this.workloads.get(ns) ?? []) {
        // A workload policy narrower than (or equal to) the target selects some of its pods.
        if (selector && !selectsLabels(selector, pa.selector ?? {})) continue;
        const labels = { ...selector, ...pa.selector };
        modes.push(this.mode(ns, labels), ...[...pa._portModes().keys()].map(p => this.mode(ns, labels, p)));
      }
    }
    return modes;
  }
}

/** Every security policy of a mesh, checked together after rendering. @internal */
export class SecurityRegistry {
  /** The registry of a mesh; the first call registers its validator. */
  public static of(mesh: MeshCore): SecurityRegistry {
    return mesh.ownership._state('security/registry', () => {
      const created = new SecurityRegistry(mesh);
      mesh._onSynth(mesh, undefined, () => created.validate());
      return created;
    });
  }

  private readonly peerAuths: PeerAuth[] = [];
  private readonly requestAuths: RequestAuthentication[] = [];
  private readonly authzPolicies: AuthorizationPolicy[] = [];
  private readonly indexes = new Map<MeshCluster, MtlsIndex>();

  private constructor(private readonly mesh: MeshCore) {}

  public addPeerAuth(pa: PeerAuth): void {
    this.peerAuths.push(pa);
  }

  public addRequestAuthentication(ra: RequestAuthentication): void {
    this.requestAuths.push(ra);
  }

  public addAuthorizationPolicy(ap: AuthorizationPolicy): void {
    this.authzPolicies.push(ap);
  }

  /** The effective-mTLS index of a cluster (valid after rendering). */
  public indexFor(cluster: MeshCluster): MtlsIndex {
    let index = this.indexes.get(cluster);
    if (!index) this.indexes.set(cluster, index = new MtlsIndex());
    return index;
  }

  private validate(): void {
    this.indexPeerAuths();
    this.checkRequestAuthScopes();
    this.checkPeerIdentityRules();
    this.checkJwtRequirements();
    this.checkDestinationRules();
  }

  private indexPeerAuths(): void {
    const reported = new Set<PeerAuth>();
    for (const pa of this.peerAuths) {
      for (const cluster of pa.clusters) {
        if (!this.indexFor(cluster).add(pa) && !reported.has(pa)) {
          reported.add(pa);
          this.mesh.report(SecurityRules.DUPLICATE_PEER_AUTH, pa, `${pa.namespaceName}/${pa.name}`, `In cluster ${cluster.clusterName}.`);
        }
      }
    }
  }

  private checkRequestAuthScopes(): void {
    const seen = new Set<string>();
    for (const ra of this.requestAuths) {
      if (ra.scope === PolicyScope.WORKLOAD) continue;
      const clash = ra.clusters.find(c => seen.has(`${c.clusterName}/${ra.namespaceName}`));
      if (clash) this.mesh.report(SecurityRules.DUPLICATE_REQUEST_AUTH, ra, `${ra.namespaceName}/${ra.name}`, `In cluster ${clash.clusterName}.`);
      for (const c of ra.clusters) seen.add(`${c.clusterName}/${ra.namespaceName}`);
    }
  }

  private checkPeerIdentityRules(): void {
    for (const ap of this.authzPolicies) {
      if (!ap.matchesPeerIdentity) continue;
      const namespace = ap.scope === PolicyScope.MESH ? undefined : ap.namespaceName;
      for (const cluster of ap.clusters) {
        const weak = [...new Set(this.indexFor(cluster).modesUnder(namespace, ap.selector))].filter(m => m !== MtlsMode.STRICT);
        if (weak.length) {
          this.mesh.report(SecurityRules.IDENTITY_WITHOUT_STRICT_MTLS, ap, weak.sort(), `In cluster ${cluster.clusterName}.`);
          break;
        }
      }
    }
  }

  private checkJwtRequirements(): void {
    const byNamespace = new Map<string, AuthorizationPolicy[]>();
    for (const ap of this.authzPolicies.filter(a => a.matchesRequestToken)) {
      byNamespace.set(ap.namespaceName, [...byNamespace.get(ap.namespaceName) ?? [], ap]);
    }
    const root = this.mesh.rootNamespace;
    for (const ra of this.requestAuths) {
      const labels = ra.selector ?? {};
      // policies of the root namespace apply in every namespace, to the workloads their selector picks
      const meshWide = byNamespace.get(root) ?? [];
      const local = ra.namespaceName === root ? [] : byNamespace.get(ra.namespaceName) ?? [];
      if (![...meshWide, ...local].some(ap => selectsLabels(ap.selector, labels))) {
        this.mesh.report(SecurityRules.JWT_NOT_REQUIRED, ra, `${ra.namespaceName}/${ra.name}`);
      }
    }
  }

  /** Scans rendered DestinationRules (any author) for tls DISABLE towards STRICT workloads. */
  private checkDestinationRules(): void {
    const services = new Map<string, MeshService>();
    for (const s of MeshService._allOf(this.mesh)) if (!services.has(s.host)) services.set(s.host, s);
    if (services.size < MeshService._allOf(this.mesh).length) {
      // two services of one host: the first in construct order decides, as the checks always read it
      services.clear();
      for (const c of this.mesh.node.root.node.findAll()) {
        if (c instanceof MeshService && c.mesh === this.mesh && !services.has(c.host)) services.set(c.host, c);
      }
    }
    const config = this.mesh.configClusters;
    for (const cluster of this.mesh.clusters) {
      // A cluster without config of its own (a remote) is governed by the policies of its config cluster.
      const index = this.indexFor(config.includes(cluster) || !config.length ? cluster : config[0]);
      for (const obj of renderedObjectsOfKind(cluster, 'DestinationRule')) {
        const dr = renderedJson(obj);
        const host = jsonString(dr, 'spec', 'host');
        const service = services.get(qualifiedHost(host ?? '', jsonString(dr, 'metadata', 'namespace') ?? 'default'));
        if (!service) continue;
        for (const spot of disabledTls(dr.spec)) {
          const port = spot.port === undefined ? undefined : service.findPort(spot.port);
          const targetPort = port ? port.targetPort ?? port.port : spot.port;
          const labels = { ...service.selector, ...spot.labels };
          if (index.mode(service.namespaceName, labels, targetPort) === MtlsMode.STRICT) {
            const where = [spot.subset && `subset ${spot.subset}`, spot.port !== undefined && `port ${spot.port}`].filter(Boolean).join(', ');
            this.mesh.report(SecurityRules.DESTINATION_RULE_DISABLES_MTLS, cluster.declaringMember(obj), host,
              `In cluster ${cluster.clusterName}${where ? ` (${where})` : ''}.`);
          }
        }
      }
    }
  }
}

interface TlsSpot {
  readonly labels?: Labels;
  readonly subset?: string;
  readonly port?: number;
}

/** Where a DestinationRule spec sets tls.mode DISABLE: top level, per port, per subset. */
function disabledTls(spec: unknown): TlsSpot[] {
  const out: TlsSpot[] = [];
  const inPolicy = (policy: unknown, labels?: Labels, subset?: string): void => {
    if (jsonString(policy, 'tls', 'mode') === 'DISABLE') out.push({ labels, subset });
    for (const p of jsonObjects(policy, 'portLevelSettings')) {
      if (jsonString(p, 'tls', 'mode') === 'DISABLE') out.push({ labels, subset, port: jsonNumber(p, 'port', 'number') });
    }
  };
  inPolicy(jsonAt(spec, 'trafficPolicy'));
  for (const s of jsonObjects(spec, 'subsets')) inPolicy(s.trafficPolicy, jsonStringRecord(s, 'labels'), jsonString(s, 'name'));
  return out;
}

