import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { analyze } from './analyze';
import { buildIndex } from './object-index';
import { InstalledWebhook, InstalledWorkload } from './registry';
import { GatewayWorkload } from '../gateways/gateway-workload';
import { ExternalService } from '../operations/external-service';
import { MeshSettings } from '../operations/mesh-config';
import { MeshFeature } from '../topology/feature';
import { MeshCore } from '../topology/mesh-core';
import { renderValue } from '../validation/format';
import { RuleDefinition } from '../validation/rule';
import { MeshService } from '../workloads/mesh-service';

/** The ports of Istio's istiod Service. */
const ISTIOD_PORTS = [15010, 15012, 443, 15014];

/** What the analysis needs from the facade that the mesh core does not know (the control plane's). */
export interface MeshAnalysisInputs {
  /** Revisions and revision tags whose injection webhooks run, besides the mesh's own revision. */
  readonly revisions: readonly string[];
  /** Gateway workloads the library installs with istioctl or Helm instead of manifests. */
  readonly installedGateways: readonly InstalledWorkload[];
  /** Webhook URLs the library's install values configure (an external control plane's hostname variant). */
  readonly installedWebhooks: ReadonlyArray<Omit<InstalledWebhook, 'source'>>;
  /** Construct path findings about the installation (webhooks) name: the control plane's. */
  readonly controlPlanePath: string;
}

/**
 * The construct path a finding names for an object: the mesh member that rendered it, or for an object the user
 * added by hand, its own path; a cdk8s-plus construct (`Deployment`, `Service`, …) rather than its `Resource` child.
 */
function sourcePath(declaredBy: IConstruct): string {
  const parent = declaredBy.node.scope;
  const wrapped = parent !== undefined && !Chart.isChart(parent) && parent.node.defaultChild === declaredBy;
  return (wrapped ? parent : declaredBy).node.path;
}

/** `sourcePath`, computed once per declaring construct (a construct declares objects in every cluster). */
function pathCache(): (declaredBy: IConstruct) => string {
  const paths = new Map<IConstruct, string>();
  return declaredBy => {
    let path = paths.get(declaredBy);
    if (path === undefined) {
      path = sourcePath(declaredBy);
      paths.set(declaredBy, path);
    }
    return path;
  };
}

/**
 * The analysis pass (istioctl analyze parity) as a mesh feature. It renders nothing: in the validate phase it reads
 * every cluster's objects through `mesh.objectIndex(cluster)` (what the constructs rendered and what was added to a
 * cluster chart by hand) and reports findings like any other rule. Register it after every other feature so it sees
 * their findings: a finding a construct already reported (same Istio code at the same path, or at a construct with the
 * same Istio code and value, as for the other party of a conflict) is not repeated, and each finding is reported once
 * per rule, path and value across clusters.
 */
export class MeshAnalysis extends MeshFeature {
  public readonly featureName = 'analysis';

  /**
   * @param inputs facts from the facade, read when the analysis runs
   */
  constructor(private readonly inputs: () => MeshAnalysisInputs) {
    super();
  }

  /**
   * Runs every analyzer over the mesh's clusters.
   * @param mesh the mesh
   */
  public validate(mesh: MeshCore): void {
    const inputs = this.inputs();
    const meshConfig = MeshSettings.of(mesh).options;
    const members = new Set<string>();
    const pathOf = pathCache();
    const index = buildIndex(mesh.clusters.map(cluster => ({
      name: cluster.clusterName,
      objects: mesh.objectIndex(cluster).all.map(o => {
        const source = pathOf(o.declaredBy);
        if (o.declaredBy !== o.apiObject) members.add(source);
        return { json: o.json, source };
      }),
    })));
    const own = mesh.diagnostics.all.filter(d => d.rule.istioCode);
    // A construct's own finding may name a prop below the construct (`<path>/http[0]/destinations`): index every ancestor path.
    const seen = new Set(own.flatMap(d => d.path.split('/').map((_, i, parts) => `${d.rule.istioCode}|${parts.slice(0, i + 1).join('/')}`)));
    // A construct check of a conflict names one party (the second TrafficRoute for a host); the others' findings repeat it.
    const explained = new Set(own.map(d => `${d.rule.istioCode}|${d.value}`));
    const reported = new Set<string>();
    const revisions = [...new Set([mesh.revision, ...inputs.revisions])];
    const external = MeshService._externalOf(mesh).map(s => ({ name: s.name, namespace: s.namespaceName, ports: s.ports.map(p => p.port) }));
    // What exists in the clusters without an object in the app: ServiceEntries of existing external hosts, existing gateways.
    const existingHosts = ExternalService._existingOf(mesh)
      .map(s => ({ name: s.name, namespace: s.namespaceName, host: s.host, ports: s.ports.map(p => p.port) }));
    const existingGateways = existingGatewaysOf(mesh);
    const gatewayServices = existingGateways.map(g => ({
      name: g.name,
      namespace: g.namespaceName,
      ports: [...new Set(g.clusters.flatMap(c => g.portsIn(c.clusterName).map(p => p.port)))],
    }));
    const gatewayPods = existingGateways.flatMap(g => g.clusters.map(c => ({
      cluster: c.clusterName, namespace: g.namespaceName, labels: g.selector,
    })));
    analyze(index, {
      rootNamespace: mesh.rootNamespace,
      revisions,
      dnsAutoAllocate: meshConfig.dnsCapture === true && meshConfig.dnsAutoAllocate === true,
      jwksFetchRestricted: (meshConfig.jwksBlockedCidrs ?? []).length > 0,
      defaultTelemetryProviders: false,
      installedGateways: [...inputs.installedGateways, ...gatewayPods],
      installedWebhooks: inputs.installedWebhooks.map(w => ({ ...w, source: inputs.controlPlanePath })),
      declaredServices: [...external, ...existingHosts, ...gatewayServices, ...revisions.map(r => ({
        name: r === 'default' ? 'istiod' : `istiod-${r}`, namespace: mesh.rootNamespace, ports: ISTIOD_PORTS,
      })), { name: 'istiod', namespace: mesh.rootNamespace, ports: ISTIOD_PORTS }],
    }, (rule: RuleDefinition, object, value, detail) => {
      if (rule.istioCode && seen.has(`${rule.istioCode}|${object.source}`)) return;
      if (rule.istioCode && members.has(object.source) && explained.has(`${rule.istioCode}|${renderValue(value)}`)) return;
      const key = `${rule.id}|${object.source}|${JSON.stringify(value)}`;
      if (reported.has(key)) return;
      reported.add(key);
      mesh.report(rule, object.source, value, detail);
    });
  }
}

/** The gateways of `mesh` that already run (`fromExisting`): their pods and Services exist without objects in the app. */
function existingGatewaysOf(mesh: MeshCore): GatewayWorkload[] {
  return GatewayWorkload._ofMesh(mesh).filter(c => c.isExisting);
}
