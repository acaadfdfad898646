import { Construct } from 'constructs';
import { isDnsLabel, sortedRecord } from '../core/names';
import { Gateway, GatewaySpec, GatewaySpecListenersTlsMode } from '../imports/gateway.networking.k8s.io';
import type { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { NETWORK_LABEL, REVISION_LABEL } from '../topology/namespace';
import { checkInit } from '../validation/input/check';
import { GatewayRules } from '../validation/rules/gateway';
import { TopologyRules } from '../validation/rules/topology';

/** The GatewayClass of ambient east-west gateways, which istiod deploys. */
export const EAST_WEST_GATEWAY_CLASS = 'istio-east-west';

/** The port ambient proxies use for HBONE (ztunnel, waypoints, east-west gateways). */
export const HBONE_PORT = 15008;

/** Props of an ambient east-west gateway. */
export interface AmbientEastWestGatewayProps {
  /**
   * The Gateway name (and the name of the Deployment and Service istiod creates for it).
   * @default 'istio-eastwestgateway'
   */
  readonly name?: string;
  /**
   * Place the gateway in every workload cluster of this network. Ignored when `clusters` is set.
   * @default - every workload cluster (each serving its own network)
   */
  readonly network?: string;
  /**
   * The clusters to place the gateway in.
   * @default - every workload cluster (of `network`, if set)
   */
  readonly clusters?: string[];
  /**
   * The control-plane revision that deploys the gateway (`istio.io/rev` label), for a revisioned istiod without a
   * default revision or tag.
   * @default - the default revision: no label
   */
  readonly revision?: string;
}

/**
 * The east-west gateway of an ambient multi-network mesh, as Istio's ambient multicluster guide installs it
 * (`samples/multicluster/gen-eastwest-gateway.sh --network <net> --ambient`): a Gateway API `Gateway` of class
 * `istio-east-west` in the root namespace, labelled with the cluster's network, with one listener `mesh` on 15008,
 * protocol HBONE, TLS terminated with Istio mTLS (double HBONE). istiod deploys the gateway's Deployment and Service.
 */
export class AmbientEastWestGateway extends MeshMember {
  /**
   * The ambient east-west gateways of a mesh, in construct order.
   * @param mesh the mesh
   */
  public static of(mesh: MeshCore): AmbientEastWestGateway[] {
    return mesh.node.findAll().filter((c): c is AmbientEastWestGateway => c instanceof AmbientEastWestGateway && c.mesh === mesh);
  }

  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The Gateway name. */
  public readonly name: string;
  /** The network the gateway was declared for, if any. */
  public readonly network?: string;
  /** The revision label, if any. */
  public readonly revision?: string;
  private readonly props: AmbientEastWestGatewayProps;
  private resolved?: MeshCluster[];

  constructor(scope: Construct, id: string, props: AmbientEastWestGatewayProps = {}) {
    checkInit('cdk8s-mesh.AmbientEastWestGateway', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = props.name ?? 'istio-eastwestgateway';
    this.network = props.network;
    this.revision = props.revision;
    if (!isDnsLabel(this.name)) this.mesh.report(TopologyRules.INVALID_NAME, this, this.name);
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /** The clusters the gateway is placed in. */
  public get clusters(): MeshCluster[] {
    const all = this.mesh.workloadClusters;
    const fallback = this.network === undefined ? all : all.filter(c => c.networkName === this.network);
    this.resolved ??= this.mesh.resolveClusters(this, fallback, this.props.clusters);
    return [...this.resolved];
  }

  private render(): void {
    for (const cluster of this.clusters) {
      const labels = sortedRecord({
        ...(cluster.networkName === undefined ? {} : { [NETWORK_LABEL]: cluster.networkName }),
        ...(this.revision === undefined || this.revision === 'default' ? {} : { [REVISION_LABEL]: this.revision }),
      });
      new Gateway(cluster.scopeFor(this), 'Gateway', {
        metadata: { name: this.name, namespace: this.mesh.rootNamespace, labels },
        spec: renderAmbientEastWestSpec(),
      });
    }
  }

  private validate(): void {
    if (this.network !== undefined && !this.mesh.workloadClusters.some(c => c.networkName === this.network)) {
      this.mesh.report(GatewayRules.EAST_WEST_WITHOUT_NETWORK, this, this.network);
    }
  }
}

/** The spec `gen-eastwest-gateway.sh --ambient` prints. */
export function renderAmbientEastWestSpec(): GatewaySpec {
  return {
    gatewayClassName: EAST_WEST_GATEWAY_CLASS,
    listeners: [{
      name: 'mesh',
      port: HBONE_PORT,
      protocol: 'HBONE',
      tls: { mode: GatewaySpecListenersTlsMode.TERMINATE, options: { 'gateway.istio.io/tls-terminate-mode': 'ISTIO_MUTUAL' } },
    }],
  };
}
