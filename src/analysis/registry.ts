import { JsonMap, list, map, maps, num, stringMap, text, texts } from './json';
import { AnalysisIndex, AnalysisObject } from './object-index';
import { selectsLabels } from '../core/labels';

/** The DNS suffix of Kubernetes services. */
export const CLUSTER_DOMAIN = 'svc.cluster.local';

/** One port of a service or ServiceEntry. */
export interface RegisteredPort {
  /** The port number clients use. */
  readonly number: number;
  /** The port name. */
  readonly name?: string;
  /** The Istio protocol: from a ServiceEntry's `protocol`, or a Service port's `appProtocol` or name prefix. */
  readonly protocol?: string;
}

/** A host in the mesh's service registry: a Kubernetes Service or a ServiceEntry host. */
export interface RegisteredService {
  /** The fully-qualified host (`name.ns.svc.cluster.local` for Services). */
  readonly host: string;
  /** The namespace of the Service or ServiceEntry. */
  readonly namespace: string;
  /** The name of the Service or ServiceEntry. */
  readonly name: string;
  /** The ports. */
  readonly ports: readonly RegisteredPort[];
  /** The pod selector of a Kubernetes Service; undefined for ServiceEntries. */
  readonly selector?: Readonly<Record<string, string>>;
  /** True for a headless Kubernetes Service (`clusterIP: None`). */
  readonly headless: boolean;
}

/** The fully-qualified form of `host` as written in namespace `namespace` (Istio's short-name rule). */
export function qualifyHost(host: string, namespace: string): string {
  // As Istio's ResolveShortnameToFQDN and its analyzers' ConvertHostToFQDN: only a name without a dot is short; a name
  // with dots (`httpbin.org`, `reviews.prod`) is taken as written.
  if (host.includes('*') || host.includes('.')) return host;
  return `${host}.${namespace}.${CLUSTER_DOMAIN}`;
}

/** The protocol of a Kubernetes Service port, as Istio reads it. */
export function servicePortProtocol(port: JsonMap): string | undefined {
  const appProtocol = text(port.appProtocol);
  if (appProtocol) return appProtocol.toUpperCase();
  const name = text(port.name);
  return name ? name.split('-')[0].toUpperCase() : undefined;
}

/** A service that exists without an object in the app: Istio's own (istiod) or one deployed by another tool. */
export interface DeclaredService {
  /** The service name. */
  readonly name: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its port numbers. */
  readonly ports: readonly number[];
  /** Its host, for an external host registered by a ServiceEntry outside the app (default: `<name>.<namespace>.svc.cluster.local`). */
  readonly host?: string;
}

/** A workload the library installs outside the manifests (istioctl or Helm, e.g. the external control plane's gateway). */
export interface InstalledWorkload {
  /** The cluster it runs in. */
  readonly cluster: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its pods' labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A webhook URL the library's install values configure (istioctl or Helm turn it into a webhook configuration). */
export interface InstalledWebhook {
  /** The cluster whose webhook configuration gets it. */
  readonly cluster: string;
  /** The webhook configuration's name. */
  readonly name: string;
  /** The URL. */
  readonly url: string;
  /** The construct path findings name. */
  readonly source: string;
}

/** Every host of the mesh, across clusters (multi-cluster Istio merges service registries). */
export class ServiceRegistry {
  private readonly exact = new Map<string, RegisteredService>();
  private readonly wildcard = new Map<string, RegisteredService>();
  private readonly byNamespace = new Map<string, AnalysisObject[]>();

  constructor(index: AnalysisIndex, declared: readonly DeclaredService[] = []) {
    for (const svc of index.ofKind('Service')) {
      const inNamespace = this.byNamespace.get(svc.namespace);
      if (inNamespace) inNamespace.push(svc);
      else this.byNamespace.set(svc.namespace, [svc]);
      const host = `${svc.name}.${svc.namespace}.${CLUSTER_DOMAIN}`;
      if (this.exact.has(host)) continue;
      this.exact.set(host, {
        host,
        namespace: svc.namespace,
        name: svc.name,
        ports: maps(svc.spec.ports).map(p => ({ number: num(p.port) ?? 0, name: text(p.name), protocol: servicePortProtocol(p) })),
        selector: stringMap(svc.spec.selector),
        headless: svc.spec.clusterIP === 'None',
      });
    }
    for (const se of index.ofKind('ServiceEntry')) {
      const ports = maps(se.spec.ports).map(p => ({ number: num(p.number) ?? 0, name: text(p.name), protocol: text(p.protocol)?.toUpperCase() }));
      for (const host of texts(se.spec.hosts)) {
        const target = host.startsWith('*.') ? this.wildcard : this.exact;
        const key = host.startsWith('*.') ? host.slice(1) : host;
        if (!target.has(key)) target.set(key, { host, namespace: se.namespace, name: se.name, ports, headless: false });
      }
    }
    this.addDeclared(declared);
  }

  /** Adds services the mesh knows about without an object in any cluster. */
  private addDeclared(declared: readonly DeclaredService[]): void {
    for (const d of declared) {
      const host = d.host ?? `${d.name}.${d.namespace}.${CLUSTER_DOMAIN}`;
      if (this.exact.has(host)) continue;
      this.exact.set(host, { host, namespace: d.namespace, name: d.name, ports: d.ports.map(number => ({ number })), headless: false });
    }
  }

  /** The Kubernetes Services of a namespace, across clusters. */
  public servicesIn(namespace: string): readonly AnalysisObject[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** The service a host written in `namespace` resolves to, if the mesh declares one. */
  public resolve(host: string, namespace: string): RegisteredService | undefined {
    return this.resolveQualified(qualifyHost(host, namespace));
  }

  /** The service a fully-qualified host (`qualifyHost`) resolves to, if the mesh declares one. */
  public resolveQualified(fqdn: string): RegisteredService | undefined {
    const found = this.exact.get(fqdn);
    if (found) return found;
    const labels = (fqdn.startsWith('*.') ? fqdn.slice(2) : fqdn).split('.');
    for (let i = fqdn.startsWith('*.') ? 0 : 1; i < labels.length; i++) {
      const hit = this.wildcard.get(`.${labels.slice(i).join('.')}`);
      if (hit) return hit;
    }
    return undefined;
  }
}

/** A pod template the app declares (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Rollout, Pod). */
export interface Workload {
  /** The declaring object. */
  readonly object: AnalysisObject;
  /** The pods' namespace. */
  readonly namespace: string;
  /** The pods' labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The pods' annotations. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod spec. */
  readonly podSpec: JsonMap;
}

const TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Rollout'];

/** The pod templates the app declares, by namespace. */
export class WorkloadRegistry {
  /** Every declared workload. */
  public readonly all: Workload[] = [];
  private readonly byNamespace = new Map<string, Workload[]>();

  constructor(index: AnalysisIndex) {
    for (const kind of TEMPLATE_KINDS) for (const o of index.ofKind(kind)) this.add(o, map(o.spec.template));
    for (const o of index.ofKind('CronJob')) this.add(o, map(map(map(o.spec.jobTemplate).spec).template));
    for (const o of index.ofKind('Pod')) this.add(o, o.json);
  }

  /** The workloads of a namespace. */
  public inNamespace(namespace: string): readonly Workload[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** Workloads in `namespace` (or anywhere, if undefined) that `selector` selects. */
  public selected(selector: Readonly<Record<string, string>>, namespace?: string): Workload[] {
    return (namespace === undefined ? this.all : this.inNamespace(namespace)).filter(w => selectsLabels(selector, w.labels));
  }

  private add(object: AnalysisObject, template: JsonMap): void {
    const metadata = map(template.metadata);
    const workload: Workload = {
      object,
      namespace: object.namespace,
      labels: stringMap(metadata.labels),
      annotations: stringMap(metadata.annotations),
      podSpec: map(template.spec),
    };
    this.all.push(workload);
    const group = this.byNamespace.get(object.namespace);
    if (group) group.push(workload);
    else this.byNamespace.set(object.namespace, [workload]);
  }
}

/** The containers of a pod spec (init containers included). */
export function containers(podSpec: JsonMap): JsonMap[] {
  return [...maps(podSpec.containers), ...maps(podSpec.initContainers)];
}

/** True if a list-valued field is present and non-empty. */
export function hasItems(value: unknown): boolean {
  return list(value).length > 0;
}
