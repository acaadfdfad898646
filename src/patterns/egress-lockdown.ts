import { Construct } from 'constructs';
import { renderEgressVirtualServiceSpec } from './egress-route-render';
import { EgressGateway } from '../gateways/egress-gateway';
import { GatewayListener, GatewayTlsMode } from '../gateways/gateway-listener';
import { DestinationRule, DestinationRuleSpecTrafficPolicyPortLevelSettingsTlsMode, VirtualService } from '../imports/networking.istio.io';
import { MeshSettings, OutboundTrafficPolicy } from '../operations/mesh-config';
import { ServiceEntry, ServiceEntryResolution } from '../operations/service-entry';
import { AuthorizationAction, AuthorizationPolicy } from '../security/authorization-policy';
import { Identity } from '../security/identity';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { ClientTlsMode, SYSTEM_CA_CERTIFICATES } from '../traffic/client-tls';
import { TrafficRoute } from '../traffic/traffic-route';
import { checkInit } from '../validation/input/check';
import { PatternRules } from '../validation/rules/patterns';
import { MeshService } from '../workloads/mesh-service';
import { Protocol } from '../workloads/protocol';

/** An external host the mesh may call, and who may call it. */
export interface AllowedExternalHost {
  /** The external host, e.g. `api.github.com`. */
  readonly host: string;
  /** The services allowed to call it (checked on the egress gateway by their mTLS identity). */
  readonly allowedSources: MeshService[];
  /**
   * The plain-HTTP port applications call; the egress gateway originates TLS to `tlsPort`.
   * @default 80
   */
  readonly port?: number;
  /**
   * The TLS port of the external host.
   * @default 443
   */
  readonly tlsPort?: number;
  /**
   * The CA bundle (a file path in the egress gateway) that verifies the host's certificate; the gateway also checks
   * the certificate names the host (`subjectAltNames`) and sends it as SNI.
   * @default - the proxy image's system bundle (`/etc/ssl/certs/ca-certificates.crt`)
   */
  readonly caCertificates?: string;
}

/** Options of an egress lockdown. */
export interface EgressLockdownProps {
  /** The egress gateway every allowed call leaves through. */
  readonly gateway: EgressGateway;
  /** The allowed external hosts. */
  readonly allowedHosts: AllowedExternalHost[];
  /**
   * The Gateway port sidecars reach the egress gateway on (ISTIO_MUTUAL).
   * @default 443
   */
  readonly gatewayPort?: number;
}

/**
 * The DaoCloud "targeted service access restriction" recipe: with REGISTRY_ONLY outbound traffic (MESH-PAT-009),
 * each allowed host gets a ServiceEntry, and calls to it go sidecar → egress gateway over ISTIO_MUTUAL, then
 * gateway → host with TLS origination; an ALLOW AuthorizationPolicy on the egress gateway admits only the named
 * source services for each host.
 *
 * Each host's VirtualService is `EgressRoute`'s two-leg VirtualService (its renderer, with named routes); the Gateway
 * and the DestinationRules stay the lockdown's own: it shares one ISTIO_MUTUAL Gateway server among all its hosts and
 * gives each host a gateway subset with its own SNI, which `EgressRoute`'s one-host, plain-text sidecar leg does not.
 */
export class EgressLockdown extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The egress gateway. */
  public readonly gateway: EgressGateway;
  /** The Gateway listener (ISTIO_MUTUAL) for the allowed hosts. */
  public readonly listener: GatewayListener;
  /** The ServiceEntry of each allowed host, in declaration order. */
  public readonly serviceEntries: ServiceEntry[];
  /** The egress gateway's AuthorizationPolicy. */
  public readonly policy: AuthorizationPolicy;
  private readonly props: EgressLockdownProps;
  private readonly gatewayService: MeshService;

  constructor(scope: Construct, id: string, props: EgressLockdownProps) {
    checkInit('cdk8s-mesh.EgressLockdown', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.gateway = props.gateway;
    const ns = this.gateway.namespaceName;
    const hosts = props.allowedHosts;
    this.listener = this.gateway.addListener(`${id}-listener`, {
      name: `${id}-egress`,
      namespaceName: ns,
      servers: [{
        port: this.gatewayPort,
        name: 'https-egress',
        protocol: Protocol.HTTPS,
        hosts: hosts.map(h => h.host),
        tls: { mode: GatewayTlsMode.ISTIO_MUTUAL },
      }],
    });
    this.serviceEntries = hosts.map(h => new ServiceEntry(this, `entry-${subsetName(h.host)}`, {
      name: subsetName(h.host),
      namespaceName: ns,
      hosts: [h.host],
      resolution: ServiceEntryResolution.DNS,
      ports: [{ number: h.port ?? 80, protocol: Protocol.HTTP, name: 'http' }, { number: h.tlsPort ?? 443, protocol: Protocol.HTTPS, name: 'https' }],
    }));
    // Sidecar → egress gateway: one subset per host, each ISTIO_MUTUAL with the host as SNI.
    this.gatewayService = MeshService.external(this, 'gateway-service', {
      name: this.gateway.name,
      namespaceName: ns,
      clusters: this.gateway.clusters.map(c => c.clusterName),
      ports: [{ port: this.gatewayPort, protocol: Protocol.HTTPS, name: 'https' }],
      versions: hosts.map(h => ({ name: subsetName(h.host), labels: this.gateway.selector })),
    });
    new TrafficRoute(this, 'gateway-route', {
      service: this.gatewayService,
      destinationRuleName: `${id}-egress-gateway`,
      versionPolicies: hosts.map(h => ({ version: subsetName(h.host), policy: { tls: { mode: ClientTlsMode.ISTIO_MUTUAL, sni: h.host } } })),
    });
    this.policy = new AuthorizationPolicy(this, 'policy', {
      name: `${id}-allowed-sources`,
      workload: this.gateway,
      action: AuthorizationAction.ALLOW,
      rules: hosts.map(h => ({
        sources: [{ identities: h.allowedSources.map(s => Identity.ofService(s)) }],
        operations: [{ hosts: [h.host, `${h.host}:*`] }],
      })),
    });
    this.checkProps();
    this.mesh._onSynth(this, () => this.render(), () => this.checkGatewayPlacement());
  }

  private get gatewayPort(): number {
    return this.props.gatewayPort ?? 443;
  }

  private checkProps(): void {
    if (MeshSettings.of(this.mesh).outboundTrafficPolicy !== OutboundTrafficPolicy.REGISTRY_ONLY) {
      this.mesh.report(PatternRules.EGRESS_NOT_REGISTRY_ONLY, this, MeshSettings.of(this.mesh).outboundTrafficPolicy);
    }
    this.props.allowedHosts.forEach((h, i) => {
      if (!h.allowedSources.length) this.mesh.report(PatternRules.EGRESS_WITHOUT_SOURCES, `${this.node.path}/allowedHosts[${i}]`, h.host);
    });
  }

  /** Every cluster running an allowed source runs the egress gateway. */
  private checkGatewayPlacement(): void {
    const gatewayClusters = new Set(this.gateway.clusters);
    const reported = new Set<string>();
    for (const source of this.props.allowedHosts.flatMap(h => h.allowedSources)) {
      for (const cluster of source.clusters) {
        if (gatewayClusters.has(cluster) || reported.has(cluster.clusterName)) continue;
        reported.add(cluster.clusterName);
        this.mesh.report(PatternRules.EGRESS_GATEWAY_NOT_IN_CONFIG_CLUSTER, this, cluster.clusterName, `${source.name} runs there.`);
      }
    }
  }

  /** The VirtualService (sidecar → gateway → host) and the TLS-origination DestinationRule of each host. */
  private render(): void {
    const ns = this.gateway.namespaceName;
    const ref = this.listener.gatewayReference;
    for (const cluster of this.mesh.configClusters) {
      const scope = cluster.scopeFor(this);
      for (const h of this.props.allowedHosts) {
        const name = subsetName(h.host);
        const tlsPort = h.tlsPort ?? 443;
        // The two-leg VirtualService of EgressRoute (sidecars → gateway subset, gateway → host), with named routes.
        new VirtualService(scope, `vs-${name}`, {
          metadata: { name: `${name}-via-egress`, namespace: ns },
          spec: renderEgressVirtualServiceSpec({
            host: h.host,
            gatewayReference: ref,
            gatewayHost: this.gateway.host,
            subset: name,
            port: h.port ?? 80,
            gatewayPort: this.gatewayPort,
            destinationPort: tlsPort,
            sni: false,
            routeNames: ['to-egress-gateway', 'to-external-host'],
          }),
        });
        new DestinationRule(scope, `dr-${name}`, {
          metadata: { name: `${name}-tls-origination`, namespace: ns },
          spec: {
            host: h.host,
            trafficPolicy: {
              portLevelSettings: [{
                port: { number: tlsPort },
                tls: {
                  mode: DestinationRuleSpecTrafficPolicyPortLevelSettingsTlsMode.SIMPLE,
                  caCertificates: h.caCertificates ?? SYSTEM_CA_CERTIFICATES,
                  sni: h.host,
                  subjectAltNames: [h.host],
                },
              }],
            },
          },
        });
      }
    }
  }
}

/** A DNS-label form of a host, used for subset and object names. */
function subsetName(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
}
