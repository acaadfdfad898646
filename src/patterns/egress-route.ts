import { Construct } from 'constructs';
import { renderEgressGatewayRuleSpec, renderEgressVirtualServiceSpec, EgressRouteModel } from './egress-route-render';
import { EgressGateway } from '../gateways/egress-gateway';
import { GatewayListener, GatewayTlsMode } from '../gateways/gateway-listener';
import { DestinationRule, VirtualService } from '../imports/networking.istio.io';
import { ExternalService } from '../operations/external-service';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { ClientTls, ClientTlsMode } from '../traffic/client-tls';
import { TrafficPolicy } from '../traffic/destination-policy';
import { DestinationPolicy } from '../traffic/destination-policy-rule';
import { checkInit, trusted } from '../validation/input/check';
import { PatternRules } from '../validation/rules/patterns';
import { Protocol } from '../workloads/protocol';

/** What leaves the mesh through an egress route, and who speaks TLS to the external host. */
export enum EgressTrafficMode {
  /** Plain HTTP from the application, forwarded as HTTP by the gateway (Istio's "Egress gateway for HTTP traffic"). */
  HTTP = 'HTTP',
  /** TLS from the application, routed by SNI through the gateway without terminating it ("Egress gateway for HTTPS traffic"). */
  TLS_PASSTHROUGH = 'TLS_PASSTHROUGH',
  /** Plain HTTP from the application; the gateway originates TLS to the host ("Egress Gateways with TLS Origination"). */
  TLS_ORIGINATION = 'TLS_ORIGINATION',
}

/** Props of an egress route. */
export interface EgressRouteProps {
  /** The egress gateway the traffic leaves through (deployed by the library, or `EgressGateway.fromExisting`). */
  readonly gateway: EgressGateway;
  /** The external host. */
  readonly destination: ExternalService;
  /**
   * What the application sends and who originates TLS.
   * @default EgressTrafficMode.HTTP
   */
  readonly mode?: EgressTrafficMode;
  /**
   * The port applications call.
   * @default - 443 for TLS_PASSTHROUGH, 80 otherwise
   */
  readonly port?: number;
  /**
   * The port of the egress Gateway server (a Service or container port of the gateway).
   * @default - `port`
   */
  readonly gatewayPort?: number;
  /**
   * The host's port the gateway sends to.
   * @default - 443 for TLS_ORIGINATION, `port` otherwise
   */
  readonly destinationPort?: number;
  /**
   * The namespace of the Gateway, the DestinationRules and the VirtualService. Clients find the gateway's
   * DestinationRule only in their own namespace, the gateway's or the root namespace.
   * @default - the external service's namespace
   */
  readonly namespaceName?: string;
  /**
   * The VirtualService name.
   * @default `direct-<destination name>-through-egress-gateway`
   */
  readonly name?: string;
  /**
   * The Gateway resource name.
   * @default - the gateway's name (`istio-egressgateway`)
   */
  readonly gatewayName?: string;
  /**
   * The Gateway server's port name.
   * @default - `http`, or `tls` for TLS_PASSTHROUGH
   */
  readonly serverName?: string;
  /**
   * The name of the gateway's DestinationRule.
   * @default `egressgateway-for-<destination name>`
   */
  readonly gatewayRuleName?: string;
  /**
   * The subset of the gateway that sidecars send the host's traffic to.
   * @default - the destination's name
   */
  readonly subsetName?: string;
  /**
   * TLS the gateway originates (TLS_ORIGINATION): the server is verified against the system CA bundle unless another CA is given.
   * @default { mode: ClientTlsMode.SIMPLE }
   */
  readonly tls?: ClientTls;
  /**
   * Host-level policy of the TLS-origination DestinationRule (e.g. load balancing).
   * @default - none
   */
  readonly originationPolicy?: TrafficPolicy;
  /**
   * The name of the TLS-origination DestinationRule.
   * @default `originate-tls-for-<host with dots as dashes>`
   */
  readonly originationRuleName?: string;
}

/**
 * Traffic to an external host through an egress gateway, as Istio's egress-gateway tasks write it: the egress `Gateway`
 * (a listener on the gateway), the gateway's DestinationRule (one subset, no labels), and the two-leg VirtualService of
 * the host alone (sidecars → gateway, gateway → host); with TLS_ORIGINATION also the host's DestinationRule that
 * originates TLS on the gateway. The destination's ServiceEntry comes from the `ExternalService`.
 *
 * @example
 * new EgressRoute(mesh, 'cnn-egress', { gateway: egress, destination: cnn, mode: EgressTrafficMode.TLS_ORIGINATION });
 */
export class EgressRoute extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The egress gateway. */
  public readonly gateway: EgressGateway;
  /** The external host's service. */
  public readonly destination: ExternalService;
  /** The egress Gateway resource. */
  public readonly listener: GatewayListener;
  /** The TLS-origination DestinationRule's construct (TLS_ORIGINATION only). */
  public readonly origination?: DestinationPolicy;
  /** The traffic mode. */
  public readonly mode: EgressTrafficMode;
  private readonly props: EgressRouteProps;

  constructor(scope: Construct, id: string, props: EgressRouteProps) {
    checkInit('cdk8s-mesh.EgressRoute', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.gateway = props.gateway;
    this.destination = props.destination;
    this.mode = props.mode ?? EgressTrafficMode.HTTP;
    const passthrough = this.mode === EgressTrafficMode.TLS_PASSTHROUGH;
    this.listener = this.gateway.addListener(`${id}-gateway`, {
      name: props.gatewayName ?? this.gateway.name,
      namespaceName: this.namespaceName,
      servers: [{
        port: this.gatewayPort,
        name: props.serverName ?? (passthrough ? 'tls' : 'http'),
        protocol: passthrough ? Protocol.TLS : Protocol.HTTP,
        hosts: [this.destination.host],
        tls: passthrough ? { mode: GatewayTlsMode.PASSTHROUGH } : undefined,
      }],
    });
    if (this.mode === EgressTrafficMode.TLS_ORIGINATION) {
      this.origination = trusted(() => new DestinationPolicy(this, 'origination', {
        service: this.destination,
        name: props.originationRuleName ?? `originate-tls-for-${this.destination.host.replace(/\./g, '-')}`,
        namespaceName: this.namespaceName,
        policy: props.originationPolicy,
        portPolicies: [{ port: this.destinationPort, tls: props.tls ?? { mode: ClientTlsMode.SIMPLE } }],
      }));
    }
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /** The namespace of the route's objects. */
  public get namespaceName(): string {
    return this.props.namespaceName ?? this.destination.namespaceName;
  }

  /** The port applications call. */
  public get port(): number {
    return this.props.port ?? (this.mode === EgressTrafficMode.TLS_PASSTHROUGH ? 443 : 80);
  }

  /** The port of the Gateway server. */
  public get gatewayPort(): number {
    return this.props.gatewayPort ?? this.port;
  }

  /** The host's port the gateway sends to. */
  public get destinationPort(): number {
    return this.props.destinationPort ?? (this.mode === EgressTrafficMode.TLS_ORIGINATION ? 443 : this.port);
  }

  private model(): EgressRouteModel {
    return {
      host: this.destination.host,
      gatewayReference: this.listener.gatewayReference,
      gatewayHost: this.gateway.host,
      subset: this.props.subsetName ?? this.destination.name,
      port: this.port,
      gatewayPort: this.gatewayPort,
      destinationPort: this.destinationPort,
      sni: this.mode === EgressTrafficMode.TLS_PASSTHROUGH,
    };
  }

  private render(): void {
    const model = this.model();
    for (const cluster of this.mesh.configClusters) {
      const scope = cluster.scopeFor(this);
      new DestinationRule(scope, 'GatewayDestinationRule', {
        metadata: { name: this.props.gatewayRuleName ?? `egressgateway-for-${this.destination.name}`, namespace: this.namespaceName },
        spec: renderEgressGatewayRuleSpec(model),
      });
      new VirtualService(scope, 'VirtualService', {
        metadata: { name: this.props.name ?? `direct-${this.destination.name}-through-egress-gateway`, namespace: this.namespaceName },
        spec: renderEgressVirtualServiceSpec(model),
      });
    }
  }

  private validate(): void {
    const declared = new Set(this.destination.ports.map(p => p.port));
    for (const [field, port] of [['port', this.port], ['destinationPort', this.destinationPort]] as const) {
      if (!declared.has(port)) {
        this.mesh.report(PatternRules.EGRESS_ROUTE_PORT_NOT_DECLARED, `${this.node.path}/${field}`, port,
          `${this.destination.host} declares: ${[...declared].join(', ') || 'no port'}.`);
      }
    }
  }
}
