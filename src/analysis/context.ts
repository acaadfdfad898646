import { AnalysisIndex, AnalysisObject } from './object-index';
import { DeclaredService, InstalledWebhook, InstalledWorkload, ServiceRegistry, WorkloadRegistry } from './registry';
import { RuleDefinition } from '../validation/rule';

/** Mesh-wide facts the analysis needs that are not objects in any cluster. */
export interface AnalysisSettings {
  /** The Istio root namespace. */
  readonly rootNamespace: string;
  /** Revisions whose injection webhooks run (`default` for the default tag). */
  readonly revisions: readonly string[];
  /** True if sidecars capture DNS and auto-allocate ServiceEntry addresses. */
  readonly dnsAutoAllocate: boolean;
  /** True if istiod restricts JWKS fetches (BLOCKED_CIDRS_IN_JWKS_URIS). */
  readonly jwksFetchRestricted: boolean;
  /** True if the mesh config sets default Telemetry providers. */
  readonly defaultTelemetryProviders: boolean;
  /** Services that exist without an object in the app (istiod, services deployed by other tools). */
  readonly declaredServices: readonly DeclaredService[];
  /**
   * Gateway workloads the library installs with istioctl or Helm instead of manifests (no pod template in any cluster).
   * @default - none
   */
  readonly installedGateways?: readonly InstalledWorkload[];
  /**
   * Webhook URLs the library's install values configure, as istioctl analyze sees them in webhook configurations.
   * @default - none
   */
  readonly installedWebhooks?: readonly InstalledWebhook[];
}

/** Receives one finding: the rule, the object it is about, the offending value and context. */
export type AnalysisReport = (rule: RuleDefinition, object: AnalysisObject, value: unknown, detail?: string) => void;

/** What every analyzer gets: the index, registries built from it once, mesh settings and the report sink. */
export interface AnalysisContext {
  readonly index: AnalysisIndex;
  readonly services: ServiceRegistry;
  readonly workloads: WorkloadRegistry;
  readonly settings: AnalysisSettings;
  readonly report: AnalysisReport;
}

/** An analyzer: a pure function of the context that reports findings. */
export type Analyzer = (context: AnalysisContext) => void;

/** Builds the context for one run. */
export function analysisContext(index: AnalysisIndex, settings: AnalysisSettings, report: AnalysisReport): AnalysisContext {
  return { index, services: new ServiceRegistry(index, settings.declaredServices), workloads: new WorkloadRegistry(index), settings, report };
}

/** Objects of `kind` grouped by a key, each group in index order. */
export function groupBy(objects: readonly AnalysisObject[], key: (o: AnalysisObject) => string): Map<string, AnalysisObject[]> {
  const groups = new Map<string, AnalysisObject[]>();
  for (const o of objects) {
    const k = key(o);
    const group = groups.get(k);
    if (group) group.push(o);
    else groups.set(k, [o]);
  }
  return groups;
}

/** `kind namespace/name in cluster c`, the way findings name an object. */
export function describe(o: AnalysisObject): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} in cluster ${o.cluster}`;
}
