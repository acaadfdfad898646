import { Construct } from 'constructs';
import { GatewayListener, GatewayServer, GatewayTlsMode } from './gateway-listener';
import { GatewayPort, GatewayProps, GatewayType } from './gateway-options';
import { GatewayWorkload } from './gateway-workload';
import { claimOnce } from './placement';
import { VirtualService } from '../imports/networking.istio.io';
import { MeshCluster } from '../topology/cluster';
import { checkInit } from '../validation/input/check';
import { GatewayRules } from '../validation/rules/gateway';
import { Protocol } from '../workloads/protocol';

/** Props of an east-west gateway. */
export interface EastWestGatewayProps extends GatewayProps {
  /**
   * Place the gateway in every workload cluster of this network (one gateway per network).
   * Ignored when `clusters` is set.
   * @default - every workload cluster (each serving its own network)
   */
  readonly network?: string;
  /**
   * Also emit the istiod exposure (`istiod-gateway` listeners on 15012/15017 and the `istiod-vs` route)
   * that remote clusters use to reach this cluster's control plane (primary-remote).
   * @default false
   */
  readonly exposeIstiod?: boolean;
  /**
   * Emit the `cross-network-gateway` (15443, AUTO_PASSTHROUGH for `*.local`) that carries traffic between
   * networks. A single-network primary-remote mesh uses its east-west gateway only to expose istiod, and
   * the guide applies no cross-network gateway there.
   * @default true
   */
  readonly crossNetwork?: boolean;
}

/** The Service ports of a network gateway, as the chart's `networkGatewayPorts` renders them. */
const NETWORK_GATEWAY_PORTS: GatewayPort[] = [
  { name: 'status-port', port: 15021, targetPort: 15021 },
  { name: 'tls', port: 15443, targetPort: 15443 },
  { name: 'tls-istiod', port: 15012, targetPort: 15012 },
  { name: 'tls-webhook', port: 15017, targetPort: 15017 },
];

/**
 * An east-west gateway: carries cross-network mTLS traffic (15443, AUTO_PASSTHROUGH for `*.local`) and can
 * expose istiod (15012, 15017) to remote clusters. Labelled `istio: eastwestgateway` and
 * `topology.istio.io/network: <network>`, with `ISTIO_META_REQUESTED_NETWORK_VIEW=<network>`, as the chart's
 * `networkGateway` mode renders it. Placed per network (`network`) or per cluster (`clusters`).
 */
export class EastWestGateway extends GatewayWorkload {
  /** The network the gateway was declared for, if any. */
  public readonly network?: string;
  /** The `cross-network-gateway` listener (15443, TLS, AUTO_PASSTHROUGH, `*.local`), unless `crossNetwork` is false. */
  public readonly crossNetworkListener?: GatewayListener;
  private istiodListener?: GatewayListener;

  constructor(scope: Construct, id: string, props: EastWestGatewayProps = {}) {
    checkInit('cdk8s-mesh.EastWestGateway', new.target, [scope, id, props]);
    super(scope, id, { ...props, gatewayType: GatewayType.EAST_WEST });
    this.network = props.network;
    if (props.crossNetwork ?? true) {
      this.crossNetworkListener = this.addListener('CrossNetwork', {
        name: this.istioLabel === 'eastwestgateway' ? 'cross-network-gateway' : `${this.name}-cross-network`,
        servers: [{ port: 15443, name: 'tls', protocol: Protocol.TLS, hosts: ['*.local'], tls: { mode: GatewayTlsMode.AUTO_PASSTHROUGH } }],
      });
    }
    if (props.exposeIstiod) this.exposeIstiod();
    this.mesh._onSynth(this, undefined, () => this.checkNetwork());
  }

  /**
   * Exposes this cluster's istiod through the gateway (`samples/multicluster/expose-istiod.yaml`):
   * the `istiod-gateway` listeners (15012 and 15017, TLS PASSTHROUGH, hosts `*`) and the `istiod-vs`
   * route to istiod. Calling it again returns the same listener.
   * @param clusters expose istiod only through the gateway in these clusters (default: every cluster of the gateway)
   */
  public exposeIstiod(clusters?: string[]): GatewayListener {
    if (this.istiodListener) return this.istiodListener;
    const passthrough = (port: number, name: string): GatewayServer => ({
      port, name, protocol: Protocol.TLS, hosts: ['*'], tls: { mode: GatewayTlsMode.PASSTHROUGH },
    });
    const listener = this.addListener('Istiod', {
      name: this.istioLabel === 'eastwestgateway' ? 'istiod-gateway' : `${this.name}-istiod`,
      servers: [passthrough(15012, 'tls-istiod'), passthrough(15017, 'tls-istiodwebhook')],
      clusters,
    });
    this.istiodListener = listener;
    this.mesh._onSynth(this, () => this.renderIstiodRoute(listener));
    return listener;
  }

  /** The istiod listener, if istiod is exposed. */
  public get istiodExposure(): GatewayListener | undefined {
    return this.istiodListener;
  }

  protected networkOf(cluster: MeshCluster): string | undefined {
    return cluster.networkName;
  }

  protected fixedPorts(): GatewayPort[] {
    return NETWORK_GATEWAY_PORTS;
  }

  protected defaultClusters(): MeshCluster[] {
    const all = this.mesh.workloadClusters;
    return this.network === undefined ? all : all.filter(c => c.networkName === this.network);
  }

  /** The `istiod-vs` route: SNI passthrough on 15012 to istiod:15012 and on 15017 to istiod:443 (webhook). */
  private renderIstiodRoute(listener: GatewayListener): void {
    const revision = this.mesh.revision === 'default' ? '' : `-${this.mesh.revision}`;
    const host = `istiod${revision}.${this.mesh.rootNamespace}.svc.cluster.local`;
    const name = listener.name.replace(/-gateway$/, '') + '-vs';
    const route = (port: number, target: number) => ({
      match: [{ port, sniHosts: ['*'] }],
      route: [{ destination: { host, port: { number: target } } }],
    });
    const spec = { hosts: ['*'], gateways: [listener.gatewayReference], tls: [route(15012, 15012), route(15017, 443)] };
    for (const cluster of listener.gatewayResourceClusters) {
      if (claimOnce(this.mesh, `${cluster.clusterName}/${listener.namespaceName}/${name}/VirtualService`, this, JSON.stringify(spec)) !== 'first') continue;
      new VirtualService(cluster.scopeFor(listener), 'VirtualService', { metadata: { name, namespace: listener.namespaceName }, spec });
    }
  }

  private checkNetwork(): void {
    if (this.network === undefined) return;
    if (!this.mesh.workloadClusters.some(c => c.networkName === this.network)) {
      this.mesh.report(GatewayRules.EAST_WEST_WITHOUT_NETWORK, this, this.network);
    }
  }
}
