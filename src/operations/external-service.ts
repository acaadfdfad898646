import { Construct } from 'constructs';
import { ServiceEntryEndpoint, ServiceEntryLocation, ServiceEntryResolution } from './service-entry';
import { sortedRecord } from '../core/names';
import {
  ServiceEntry as ServiceEntryL1, ServiceEntrySpec, ServiceEntrySpecLocation, ServiceEntrySpecResolution,
} from '../imports/networking.istio.io';
import { MeshCore } from '../topology/mesh-core';
import { checkInit, trusted } from '../validation/input/check';
import { MeshService, MeshServicePort, ServiceVersion } from '../workloads/mesh-service';

/** An external host that already has a ServiceEntry (applied by another tool): only its host, ports and namespace are known. */
export interface ExistingExternalServiceProps {
  /** The host, as the ServiceEntry's `hosts` names it, e.g. `api.example.com`. */
  readonly host: string;
  /** The ports of the ServiceEntry, each with its protocol. */
  readonly ports: MeshServicePort[];
  /** The namespace of the ServiceEntry (and, by default, of the routes and policies that target it). */
  readonly namespaceName: string;
  /**
   * The ServiceEntry's name (the default name of routes and policies to it).
   * @default - the host with dots as dashes, e.g. `api-example-com`
   */
  readonly name?: string;
}

/** An external host the library registers in the mesh with a ServiceEntry. */
export interface ExternalServiceProps extends ExistingExternalServiceProps {
  /**
   * How the proxies find its endpoints. Keep DNS when traffic goes through an egress gateway: with NONE the gateway
   * would send the traffic back to itself.
   * @default ServiceEntryResolution.DNS
   */
  readonly resolution?: ServiceEntryResolution;
  /**
   * Whether the host is part of the mesh.
   * @default ServiceEntryLocation.MESH_EXTERNAL
   */
  readonly location?: ServiceEntryLocation;
  /**
   * Virtual IPs or CIDRs of the host.
   * @default - none
   */
  readonly addresses?: string[];
  /**
   * Static endpoints (STATIC resolution, or DNS names behind the host).
   * @default - none
   */
  readonly endpoints?: ServiceEntryEndpoint[];
  /**
   * Namespaces the ServiceEntry is visible to (`.` for its own, `*` for all).
   * @default - all namespaces
   */
  readonly exportTo?: string[];
  /**
   * Subsets of its endpoints, by endpoint labels (DestinationRule subsets).
   * @default - none
   */
  readonly versions?: ServiceVersion[];
}

/** Ownership family of external services whose ServiceEntry exists outside the app. */
const EXISTING_EXTERNAL = 'operations/existing-external-services';

/**
 * A host outside the mesh as a route target: `TrafficRoute`, weighted destinations, `DestinationPolicy` (TLS origination)
 * and `EgressRoute` take it wherever they take a `MeshService`, and name its own host (`edition.cnn.com`), never a
 * `.svc.cluster.local` name. The library writes its ServiceEntry in every config cluster; `fromExisting` names one that
 * exists. No Kubernetes Service is emitted.
 *
 * @example
 * const cnn = new ExternalService(mesh, 'cnn', {
 *   name: 'cnn',
 *   host: 'edition.cnn.com',
 *   namespaceName: 'default',
 *   ports: [{ port: 80, protocol: Protocol.HTTP, name: 'http-port' }, { port: 443, protocol: Protocol.HTTPS, name: 'https' }],
 * });
 */
export class ExternalService extends MeshService {
  /**
   * An external host whose ServiceEntry already exists: routes and policies target it, no ServiceEntry is written,
   * and the analysis counts the host as registered.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param props host, ports and namespace of the existing ServiceEntry
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingExternalServiceProps): ExternalService {
    const service = trusted(() => new ExternalService(scope, id, props));
    service.existing = true;
    service.mesh.ownership.addMember(EXISTING_EXTERNAL, service);
    return service;
  }

  /**
   * The external services of `mesh` whose ServiceEntry exists outside the app.
   * @internal
   */
  public static _existingOf(mesh: MeshCore): ExternalService[] {
    return mesh.ownership.members(EXISTING_EXTERNAL).filter((m): m is ExternalService => m instanceof ExternalService);
  }

  private readonly externalProps: ExternalServiceProps;
  private existing = false;

  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    checkInit('cdk8s-mesh.ExternalService', new.target, [scope, id, props]);
    super(scope, id, {
      name: props.name ?? props.host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-'),
      namespaceName: props.namespaceName,
      ports: props.ports,
      selector: {},
      versions: props.versions,
    });
    this.externalProps = props;
    this._useExternalHost(props.host);
    this.mesh._onSynth(this, () => this.renderEntry());
  }

  /** True when the ServiceEntry exists outside the app (`fromExisting`). */
  public get isExisting(): boolean {
    return this.existing;
  }

  private renderEntry(): void {
    if (this.existing) return;
    const p = this.externalProps;
    const spec: ServiceEntrySpec = {
      hosts: [p.host],
      addresses: p.addresses,
      ports: p.ports.map(port => ({ number: port.port, name: this.portName(port), protocol: port.protocol, targetPort: port.targetPort })),
      location: (p.location ?? ServiceEntryLocation.MESH_EXTERNAL) as string as ServiceEntrySpecLocation,
      resolution: (p.resolution ?? ServiceEntryResolution.DNS) as string as ServiceEntrySpecResolution,
      endpoints: p.endpoints?.map(e => ({ ...e, labels: sortedRecord(e.labels) })),
      exportTo: p.exportTo,
    };
    for (const cluster of this.mesh.configClusters) {
      new ServiceEntryL1(cluster.scopeFor(this), 'ServiceEntry', { metadata: { name: this.name, namespace: this.namespaceName }, spec });
    }
  }
}
