import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { checkMeshService } from './mesh-service-checks';
import { renderServiceSpec } from './mesh-service-render';
import { Protocol, Protocols } from './protocol';
import { IMeshWorkload } from './workload';
import { jsonNumber, jsonObjects, jsonString, jsonStringRecord } from '../core/json';
import { sortedRecord } from '../core/names';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL } from '../topology/namespace';
import { checkInit, trusted } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { ServiceRules } from '../validation/rules/service';

export { ISTIO_RESERVED_PORTS } from './mesh-service-checks';

/**
 * A port of a mesh service.
 */
export interface MeshServicePort {
  /** The service port number. */
  readonly port: number;
  /** The application protocol; decides the Istio port name prefix and `appProtocol`. */
  readonly protocol: Protocol;
  /**
   * The container port traffic is sent to.
   * @default - same as `port`
   */
  readonly targetPort?: number;
  /**
   * The port name. A name without the protocol prefix gets it (`web` → `http-web`).
   * @default `<prefix>-<port>`, e.g. `http-9080`
   */
  readonly name?: string;
}

/**
 * A version of a mesh service: the pods carrying these labels. Becomes a DestinationRule subset.
 */
export interface ServiceVersion {
  /** The version name, used as the subset name (e.g. `v1`). */
  readonly name: string;
  /** Pod labels that select this version (e.g. `{ version: 'v1' }`). */
  readonly labels: { [key: string]: string };
}

/**
 * Options shared by every way of declaring a mesh service.
 */
export interface MeshServiceOptions {
  /**
   * The clusters where the service's workloads run.
   * @default - the cluster of the adopted resource, otherwise every workload cluster
   */
  readonly clusters?: string[];
  /**
   * The service's versions.
   * @default - none; add with `addVersion()`
   */
  readonly versions?: ServiceVersion[];
  /**
   * The service account its pods run as; decides its identity `<trustDomain>/ns/<ns>/sa/<sa>`.
   * @default - the service name (or the adopted Deployment's service account)
   */
  readonly serviceAccount?: string;
  /**
   * Ambient multicluster: label the Service `istio.io/global: "true"`, which the ambient profile's
   * `meshConfig.serviceScopeConfigs` turns into a GLOBAL service (endpoints of every cluster); other services stay local.
   * @default false
   */
  readonly globalScope?: boolean;
}

/** The label the ambient profile's service scope config reads: services labelled `"true"` are GLOBAL. */
export const GLOBAL_SERVICE_LABEL = 'istio.io/global';

/**
 * A service the library owns: it emits the Kubernetes Service in every cluster of the service.
 */
export interface MeshServiceProps extends MeshServiceOptions {
  /** The service name. */
  readonly name: string;
  /** The namespace. */
  readonly namespaceName: string;
  /** The ports, each with its protocol. */
  readonly ports: MeshServicePort[];
  /**
   * The pod selector.
   * @default { app: <name> }
   */
  readonly selector?: { [key: string]: string };
  /**
   * Labels on the emitted Service.
   * @default { app: <name>, service: <name> }
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A service the library does not own: only its name, namespace and ports are known; no Service is emitted.
 */
export interface ExternalMeshServiceProps extends MeshServiceOptions {
  /** The service name. */
  readonly name: string;
  /** The namespace. */
  readonly namespaceName: string;
  /** The ports, each with its protocol. */
  readonly ports: MeshServicePort[];
  /**
   * The pod labels of the service's workloads, used by policies that target it.
   * @default - none: a policy targeting it needs its own `selector` or `policyScope: PolicyScope.NAMESPACE` (MESH-SEC-019)
   */
  readonly selector?: { [key: string]: string };
}

/**
 * Options for adopting a cdk8s-plus Service or Deployment.
 */
export interface AdoptOptions extends MeshServiceOptions {
  /**
   * Protocols of ports whose names carry no Istio protocol prefix, keyed by port number.
   * @default - protocols are read from port names and appProtocol
   */
  readonly protocols?: { [port: string]: Protocol };
  /**
   * The service name (adopting a Deployment).
   * @default - the Deployment's name
   */
  readonly name?: string;
}

interface ServiceShape {
  readonly name: string;
  readonly namespace: string;
  readonly ports: MeshServicePort[];
  readonly selector: { [key: string]: string };
  readonly serviceAccount: string;
  /** The Service to emit, or undefined when the Service exists elsewhere. */
  readonly emit?: { labels: { [key: string]: string } };
  /** The adopted Service construct, which gets the data-plane labels. */
  readonly adopted?: IConstruct;
}

/** Ownership lists of services (see `MeshCore.ownership`). */
const SERVICES_NAMED = 'workloads/services-named';
const EXTERNAL_SERVICES = 'workloads/external-services';
const ALL_SERVICES = 'workloads/services';

/**
 * A service in the mesh: name, namespace, ports with protocols, and versions.
 * Routes, policies and patterns refer to services through this construct, never by string.
 *
 * @example
 * const reviews = new MeshService(mesh, 'reviews', {
 *   name: 'reviews',
 *   namespaceName: 'shop',
 *   ports: [{ port: 9080, protocol: Protocol.HTTP }],
 *   versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
 * });
 */
export class MeshService extends MeshMember implements IMeshWorkload {
  /**
   * Adopts a Service: its name, namespace, selector and ports are read from its manifest; it is not emitted again.
   * Takes a Service of any cdk8s-plus major (or any construct whose ApiObject is a v1 Service).
   * @param scope a scope in the mesh
   * @param id construct id
   * @param service the Service construct
   * @param options protocols, versions and clusters
   */
  public static fromService(scope: Construct, id: string, service: IConstruct, options: AdoptOptions = {}): MeshService {
    return MeshService.create(scope, id, options, () => {
      const json: unknown = ApiObject.of(service).toJson();
      const name = jsonString(json, 'metadata', 'name') ?? service.node.id;
      return {
        name,
        namespace: jsonString(json, 'metadata', 'namespace') ?? 'default',
        selector: jsonStringRecord(json, 'spec', 'selector') ?? {},
        serviceAccount: options.serviceAccount ?? name,
        ports: jsonObjects(json, 'spec', 'ports').map(p => adoptPort(
          jsonNumber(p, 'port') ?? 0, p.targetPort, jsonString(p, 'name'), jsonString(p, 'appProtocol'), options)),
        adopted: service,
      };
    }, clusterOf(service));
  }

  /**
   * Adopts a Deployment: emits a Service selecting its pods, with its container ports, all read from its manifest.
   * Takes a Deployment of any cdk8s-plus major (or any construct whose ApiObject is an apps/v1 Deployment).
   * @param scope a scope in the mesh
   * @param id construct id
   * @param deployment the Deployment construct
   * @param options protocols, versions, clusters and the service name
   */
  public static fromDeployment(scope: Construct, id: string, deployment: IConstruct, options: AdoptOptions = {}): MeshService {
    return MeshService.create(scope, id, options, () => {
      const json: unknown = ApiObject.of(deployment).toJson();
      const name = options.name ?? jsonString(json, 'metadata', 'name') ?? deployment.node.id;
      const pod = ['spec', 'template', 'spec'];
      return {
        name,
        namespace: jsonString(json, 'metadata', 'namespace') ?? 'default',
        selector: jsonStringRecord(json, 'spec', 'selector', 'matchLabels') ?? {},
        serviceAccount: options.serviceAccount ?? jsonString(json, ...pod, 'serviceAccountName') ?? 'default',
        ports: jsonObjects(json, ...pod, 'containers').flatMap(c => jsonObjects(c, 'ports')).map(p => {
          const port = jsonNumber(p, 'containerPort') ?? 0;
          return adoptPort(port, port, jsonString(p, 'name'), undefined, options);
        }),
        emit: { labels: { app: name, service: name } },
      };
    }, clusterOf(deployment));
  }

  /**
   * Adopts a Service or Deployment of YAML included into a cluster (cdk8s `Include`, Helm output,
   * `cluster.includeManifests(dir)`), found by kind, namespace and name: a Service is read as by `fromService` (not
   * emitted again), a Deployment as by `fromDeployment`. An object the cluster does not include is MESH-SVC-008.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param cluster the cluster the YAML is included into
   * @param kind `Service` or `Deployment`
   * @param namespaceName the object's namespace (`default` for one written without)
   * @param objectName the object's name
   * @param options protocols, versions and clusters
   */
  public static fromIncluded(
    scope: Construct, id: string, cluster: MeshCluster, kind: string, namespaceName: string, objectName: string, options: AdoptOptions = {},
  ): MeshService {
    const name = objectName;
    const found = kind === 'Service' || kind === 'Deployment' ? cluster.findObject(kind, namespaceName, name) : undefined;
    if (found && kind === 'Service') return MeshService.fromService(scope, id, found, options);
    if (found) return MeshService.fromDeployment(scope, id, found, options);
    const missing = (): ServiceShape => ({ name, namespace: namespaceName, ports: [], selector: {}, serviceAccount: name });
    const service = MeshService.create(scope, id, options, missing, cluster);
    const present = cluster.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === cluster && c.kind === kind)
      .map(o => `${o.metadata.namespace ?? 'default'}/${o.name}`);
    service.mesh.report(ServiceRules.INCLUDED_OBJECT_NOT_FOUND, service, `${kind} ${namespaceName}/${name}`,
      `Cluster ${cluster.clusterName} includes ${present.length ? `${kind}s ${present.join(', ')}` : `no ${kind}`}.`);
    return service;
  }

  /**
   * Names a service the library does not own (deployed by another tool); no Service is emitted.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param props name, namespace and ports
   */
  public static external(scope: Construct, id: string, props: ExternalMeshServiceProps): MeshService {
    const service = MeshService.create(scope, id, props, () => ({
      name: props.name,
      namespace: props.namespaceName,
      ports: props.ports,
      selector: props.selector ?? {},
      serviceAccount: props.serviceAccount ?? props.name,
    }));
    service.mesh.ownership.addMember(EXTERNAL_SERVICES, service);
    return service;
  }

  /**
   * Every service of the mesh, in the order they were created (a construct walk finds them in tree order).
   * @internal
   */
  public static _allOf(mesh: MeshCore): MeshService[] {
    return mesh.ownership.members(ALL_SERVICES).filter((m): m is MeshService => m instanceof MeshService);
  }

  /**
   * The services of `mesh` declared with `MeshService.external`: they exist in the clusters without an object in the app.
   * @internal
   */
  public static _externalOf(mesh: MeshCore): MeshService[] {
    return mesh.ownership.members(EXTERNAL_SERVICES).filter((m): m is MeshService => m instanceof MeshService);
  }

  private static create(
    scope: Construct, id: string, options: MeshServiceOptions, shape: () => ServiceShape, defaultCluster?: MeshCluster,
  ): MeshService {
    const service = trusted(() => new MeshService(scope, id, { ...options, name: '', namespaceName: '', ports: [] }));
    service.shapeOf = shape;
    service.defaultCluster = defaultCluster;
    return service;
  }

  /** The mesh. */
  public readonly mesh: MeshCore;
  private readonly options: MeshServiceOptions;
  private shapeOf: () => ServiceShape;
  private defaultCluster?: MeshCluster;
  private readonly versionList: ServiceVersion[] = [];
  private resolvedClusters?: MeshCluster[];
  private externalHost?: string;
  private waypoint?: { name: string; namespace: string; owner: IConstruct };

  constructor(scope: Construct, id: string, props: MeshServiceProps) {
    checkInit('cdk8s-mesh.MeshService', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.options = props;
    this.shapeOf = () => ({
      name: props.name,
      namespace: props.namespaceName,
      ports: props.ports,
      selector: props.selector ?? { app: props.name },
      serviceAccount: props.serviceAccount ?? props.name,
      emit: { labels: props.labels ?? { app: props.name, service: props.name } },
    });
    for (const version of props.versions ?? []) this.addVersion(version.name, version.labels);
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
    this.mesh.ownership.addMember(ALL_SERVICES, this);
  }

  /** The service name. */
  public get name(): string {
    return this.shapeOf().name;
  }

  /** The namespace. */
  public get namespaceName(): string {
    return this.shapeOf().namespace;
  }

  /** The fully qualified host, `<name>.<namespace>.svc.cluster.local` (an `ExternalService`'s own host). */
  public get host(): string {
    return this.externalHost ?? `${this.name}.${this.namespaceName}.svc.cluster.local`;
  }

  /** The ports with their protocols. */
  public get ports(): MeshServicePort[] {
    return this.shapeOf().ports;
  }

  /** The pod selector. */
  public get selector(): { [key: string]: string } {
    return { ...this.shapeOf().selector };
  }

  /** The service account its pods run as. */
  public get serviceAccount(): string {
    return this.shapeOf().serviceAccount;
  }

  /** The identity of its pods, `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`, as AuthorizationPolicy principals spell it. */
  public get principal(): string {
    return `${this.mesh.trustDomain}/ns/${this.namespaceName}/sa/${this.serviceAccount}`;
  }

  /** The versions, in declaration order. */
  public get versions(): ServiceVersion[] {
    return [...this.versionList];
  }

  /** True if the library emits the Kubernetes Service. */
  public get emitsService(): boolean {
    return this.externalHost === undefined && this.shapeOf().emit !== undefined;
  }

  /**
   * Makes this service stand for an external host (an `ExternalService`): routes and policies name `host`, and no
   * Kubernetes Service is emitted.
   * @internal
   */
  public _useExternalHost(host: string): void {
    this.externalHost = host;
  }

  /** The namespace its pods run in (IMeshWorkload). */
  public get workloadNamespace(): string {
    return this.namespaceName;
  }

  /** The pod labels that select it (IMeshWorkload). */
  public get workloadSelector(): { [key: string]: string } {
    return this.selector;
  }

  /** The clusters where it runs (IMeshWorkload). */
  public get workloadClusters(): MeshCluster[] {
    return this.clusters;
  }

  /** The clusters where the service's workloads run. */
  public get clusters(): MeshCluster[] {
    this.resolvedClusters ??= this.mesh.resolveClusters(this,
      this.defaultCluster ? [this.defaultCluster] : this.mesh.workloadClusters, this.options.clusters);
    return [...this.resolvedClusters];
  }

  /**
   * Adds a version (a DestinationRule subset).
   * @param name the version name, e.g. `v2`
   * @param labels the pod labels that select it, e.g. `{ version: 'v2' }`
   */
  public addVersion(name: string, labels: { [key: string]: string }): ServiceVersion {
    const version = { name, labels: { ...labels } };
    this.versionList.push(version);
    return version;
  }

  /**
   * The version with this name.
   * @param name the version name
   */
  public version(name: string): ServiceVersion {
    const version = this.versionList.find(v => v.name === name);
    if (!version) throw new Error(`cdk8s-mesh: service ${this.name} has no version "${name}".`);
    return version;
  }

  /**
   * The port with this number, if declared.
   * @param port the service port number
   */
  public findPort(port: number): MeshServicePort | undefined {
    return this.ports.find(p => p.port === port);
  }

  /**
   * The port name as emitted: the Istio protocol prefix plus a suffix.
   * @param port the port
   */
  public portName(port: MeshServicePort): string {
    const prefix = Protocols.prefix(port.protocol);
    if (port.name === undefined) return `${prefix}-${port.port}`;
    return Protocols.fromPortName(port.name) === port.protocol ? port.name : `${prefix}-${port.name}`;
  }

  /** The waypoint the service uses (`istio.io/use-waypoint`), if any. */
  public get waypointName(): string | undefined {
    return this.waypoint?.name;
  }

  /** Whether the Service is labelled `istio.io/global: "true"` (ambient multicluster service scope). */
  public get globalScope(): boolean {
    return this.options.globalScope ?? false;
  }

  /**
   * Sends the service's traffic through a waypoint (called by `Waypoint.attachService`); reports a second one.
   * @internal
   */
  public _useWaypoint(name: string, namespace: string, owner: IConstruct): boolean {
    if (this.waypoint && (this.waypoint.name !== name || this.waypoint.namespace !== namespace)) {
      this.mesh.report(AmbientRules.CONFLICTING_WAYPOINTS, owner, `${namespace}/${name}`,
        `Service "${this.namespaceName}/${this.name}" already uses ${this.waypoint.namespace}/${this.waypoint.name} (${this.waypoint.owner.node.path}).`);
      return false;
    }
    this.waypoint = { name, namespace, owner };
    return true;
  }

  /** The labels ambient mode reads on the Service: its waypoint and its global scope. */
  private dataplaneLabels(): { [key: string]: string } {
    const labels: { [key: string]: string } = {};
    if (this.waypoint) {
      labels[USE_WAYPOINT_LABEL] = this.waypoint.name;
      if (this.waypoint.namespace !== this.namespaceName) labels[USE_WAYPOINT_NAMESPACE_LABEL] = this.waypoint.namespace;
    }
    if (this.options.globalScope) labels[GLOBAL_SERVICE_LABEL] = 'true';
    return labels;
  }

  private render(): void {
    const shape = this.shapeOf();
    const extra = this.dataplaneLabels();
    if (shape.adopted) {
      const metadata = ApiObject.of(shape.adopted).metadata;
      for (const [key, value] of Object.entries(extra)) metadata.addLabel(key, value);
    }
    if (!shape.emit || this.externalHost !== undefined) return;
    // one metadata and spec for every cluster (props are read, never changed, by cdk8s): rendered once
    const metadata = { name: shape.name, namespace: shape.namespace, labels: sortedRecord({ ...shape.emit.labels, ...extra }) };
    const spec = this.clusters.length ? renderServiceSpec(shape.selector, shape.ports.map(p => ({ ...p, name: this.portName(p) }))) : undefined;
    for (const cluster of this.clusters) {
      new k8s.KubeService(cluster.scopeFor(this), 'Service', { metadata, spec });
    }
  }

  private validate(): void {
    const shape = this.shapeOf();
    const key = `${shape.namespace}/${shape.name}`;
    const earlier = this.mesh.ownership.members(`${SERVICES_NAMED}:${key}`).filter((m): m is MeshService => m instanceof MeshService);
    this.mesh.ownership.addMember(`${SERVICES_NAMED}:${key}`, this);
    checkMeshService(this.mesh, this, { key, ports: shape.ports, versions: this.versionList, earlierSameName: earlier.map(other => other.ports) });
  }
}

function adoptPort(
  port: number, targetPort: unknown, name: string | undefined, appProtocol: string | undefined, options: AdoptOptions,
): MeshServicePort {
  const protocol = options.protocols?.[String(port)] ?? Protocols.fromPortName(name, appProtocol);
  const target = typeof targetPort === 'number' ? targetPort : port;
  return { port, targetPort: target, name, protocol: protocol as Protocol };
}

function clusterOf(construct: IConstruct): MeshCluster | undefined {
  const chart = Chart.of(construct);
  return MeshCluster.isMeshCluster(chart) ? chart : undefined;
}
