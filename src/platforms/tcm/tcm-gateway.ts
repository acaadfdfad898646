import { Construct } from 'constructs';
import { TcmPlatform } from './tcm-platform';
import { jsonArtifact } from '../../core/artifact';
import { sortedRecord } from '../../core/names';
import { Gateway, GatewaySpecServers, GatewaySpecServersTlsMode } from '../../imports/networking.istio.io';
import type { MeshCluster } from '../../topology/cluster';
import { MeshMember } from '../../topology/member';
import { MeshCore } from '../../topology/mesh-core';
import { checkInit } from '../../validation/input/check';
import { PlatformRules } from '../../validation/rules/platform';
import { Protocol, Protocols } from '../../workloads/protocol';
import { onPlatform, platformOf } from '../platform-feature';
import { GatewayPlatformFacts, QCLOUD_CREDENTIAL_PREFIX, TcmServerFacts, clbOffloadPortName, tcmProvisioning, validateTcmServers } from './tcm-provisioning';
import { TcmGatewayOptions } from '../../gateways/platform-gateway-options';

/** Ingress or egress gateway (TCM console "Type"). */
export enum TcmGatewayType {
  /** Ingress gateway, fronted by a CLB. */
  INGRESS = 'ingress',
  /** Egress gateway. */
  EGRESS = 'egress',
}

/** TLS mode of a gateway server. */
export enum TcmTlsMode {
  /** One-way TLS; the only mode that can load SSL Certificate Service certificates. */
  SIMPLE = 'SIMPLE',
  /** Mutual TLS. */
  MUTUAL = 'MUTUAL',
  /** SNI passthrough. */
  PASSTHROUGH = 'PASSTHROUGH',
  /** mTLS with Istio certificates. */
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
}

const TLS_MODES: Record<TcmTlsMode, GatewaySpecServersTlsMode> = {
  [TcmTlsMode.SIMPLE]: GatewaySpecServersTlsMode.SIMPLE,
  [TcmTlsMode.MUTUAL]: GatewaySpecServersTlsMode.MUTUAL,
  [TcmTlsMode.PASSTHROUGH]: GatewaySpecServersTlsMode.PASSTHROUGH,
  [TcmTlsMode.ISTIO_MUTUAL]: GatewaySpecServersTlsMode.ISTIO_UNDERSCORE_MUTUAL,
};

/**
 * Where a TCM gateway server's certificate comes from (`tls.credentialName`).
 */
export class TcmCertificate {
  /**
   * A certificate from Tencent Cloud SSL Certificate Service: `credentialName: qcloud-<certificateId>`
   * (SIMPLE TLS only, MESH-PLAT-012).
   * @param certificateId the SSL certificate ID
   */
  public static fromSslCertificateService(certificateId: string): TcmCertificate {
    return new TcmCertificate(`${QCLOUD_CREDENTIAL_PREFIX}${certificateId}`, true);
  }

  /**
   * A Kubernetes TLS secret in the gateway's namespace.
   * @param secretName the secret name
   */
  public static fromSecret(secretName: string): TcmCertificate {
    return new TcmCertificate(secretName, false);
  }

  private constructor(
    /** The `credentialName` value. */
    public readonly credentialName: string,
    /** True for SSL Certificate Service certificates. */
    public readonly isCloudCertificate: boolean,
  ) {}
}

/**
 * TLS offload at the TCM load balancer, for listeners declared on `IngressGateway.addListener()`.
 */
export class TcmClbOffload {
  /**
   * The port name that makes TCM offload TLS at the CLB with this certificate: `clb-https-<port>-<certificateId>`
   * (HTTP servers only, MESH-PLAT-013).
   * @param port the server port
   * @param certificateId the SSL certificate ID
   */
  public static portName(port: number, certificateId: string): string {
    return clbOffloadPortName(port, certificateId);
  }

  private constructor() {}
}

/** TLS of a TCM gateway server. */
export interface TcmServerTls {
  /** The TLS mode. */
  readonly mode: TcmTlsMode;
  /**
   * The server certificate.
   * @default - none (PASSTHROUGH and ISTIO_MUTUAL need none)
   */
  readonly certificate?: TcmCertificate;
}

/** One listener of a TCM gateway (`Gateway.spec.servers[]`). */
export interface TcmGatewayServer {
  /** The port number; TCM opens the same port on the gateway container, Service and CLB. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /** The hosts served. */
  readonly hosts: string[];
  /**
   * The port name.
   * @default - `<protocol>-<port>`, or `clb-https-<port>-<certificateId>` with `clbCertificateId`
   */
  readonly name?: string;
  /**
   * TLS terminated at the gateway.
   * @default - plaintext
   */
  readonly tls?: TcmServerTls;
  /**
   * Redirect HTTP requests to HTTPS (301).
   * @default false
   */
  readonly httpsRedirect?: boolean;
  /**
   * Offload TLS at the CLB with this SSL certificate: the port is named `clb-https-<port>-<certificateId>`
   * and the CLB forwards plaintext. HTTP ports only (MESH-PLAT-013), consistently per port (MESH-PLAT-014).
   * @default - no CLB offload
   */
  readonly clbCertificateId?: string;
}

/**
 * A gateway that Tencent Cloud Mesh provisions itself. The library emits its `Gateway` listeners into
 * the TCM primary cluster and its provisioning options to `tcm/gateway-<namespace>-<name>.json`
 * (the settings of the TCM console or API: access type, load balancer, client source IP, deployment mode).
 */
export interface TcmGatewayProps extends TcmGatewayOptions {
  /** The gateway name, e.g. `istio-ingressgateway`. */
  readonly name: string;
  /** Ingress or egress. */
  readonly gatewayType: TcmGatewayType;
  /**
   * The namespace of the gateway and its `Gateway` listeners.
   * @default 'istio-system'
   */
  readonly namespaceName?: string;
  /**
   * The cluster TCM deploys the gateway to.
   * @default - the TCM primary cluster
   */
  readonly cluster?: string;
  /** The listeners. */
  readonly servers: TcmGatewayServer[];
}

/**
 * A Tencent Cloud Mesh gateway: `Gateway` listeners in the primary cluster plus the provisioning options
 * TCM exposes. TCM's gateway controller creates the pods, Service and CLB listeners.
 */
export class TcmGateway extends MeshMember {
  /** The gateway name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespaceName: string;
  /** The mesh. */
  public readonly mesh: MeshCore;
  private readonly props: TcmGatewayProps;

  constructor(scope: Construct, id: string, props: TcmGatewayProps) {
    checkInit('cdk8s-mesh.TcmGateway', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = props.name;
    this.namespaceName = props.namespaceName ?? 'istio-system';
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
    this.mesh._addArtifact(`tcm/gateway-${this.namespaceName}-${this.name}.json`, () => jsonArtifact(tcmProvisioning(this.facts())));
  }

  /** The pod labels TCM gives the gateway, used as the `Gateway` selector. */
  public get selector(): { [key: string]: string } {
    return { app: this.name, istio: this.name.replace(/^istio-/, '') };
  }

  /** The cluster the gateway is deployed to. */
  public get cluster(): MeshCluster | undefined {
    const names = this.props.cluster === undefined ? undefined : [this.props.cluster];
    return this.mesh.resolveClusters(this, this.mesh.configClusters.slice(0, 1), names)[0];
  }

  /** The provisioning options, as written to the artifact. */
  public get provisioning(): unknown {
    return tcmProvisioning(this.facts());
  }

  private render(): void {
    if (!(platformOf(this.mesh) instanceof TcmPlatform)) return;
    for (const cluster of this.mesh.configClusters) {
      new Gateway(cluster.scopeFor(this), 'Gateway', {
        metadata: { name: this.name, namespace: this.namespaceName },
        spec: { selector: sortedRecord(this.selector), servers: this.props.servers.map(s => this.server(s)) },
      });
    }
  }

  private server(s: TcmGatewayServer): GatewaySpecServers {
    const name = this.portName(s);
    const tls = s.tls || s.httpsRedirect
      ? { mode: s.tls && TLS_MODES[s.tls.mode], credentialName: s.tls?.certificate?.credentialName, httpsRedirect: s.httpsRedirect }
      : undefined;
    return { port: { number: s.port, name, protocol: s.protocol.toUpperCase() }, hosts: s.hosts, tls };
  }

  private portName(s: TcmGatewayServer): string {
    return s.clbCertificateId !== undefined ? clbOffloadPortName(s.port, s.clbCertificateId) : s.name ?? `${Protocols.prefix(s.protocol)}-${s.port}`;
  }

  private facts(): GatewayPlatformFacts {
    const servers: TcmServerFacts[] = this.props.servers.map(s => ({
      port: s.port,
      protocol: s.protocol,
      portName: this.portName(s),
      tlsMode: s.tls?.mode,
      credentialName: s.tls?.certificate?.credentialName,
      where: `${this.node.path}/servers/${s.port}`,
    }));
    return {
      construct: this,
      name: this.name,
      namespace: this.namespaceName,
      cluster: this.cluster?.clusterName,
      ingress: this.props.gatewayType === TcmGatewayType.INGRESS,
      type: this.props.gatewayType,
      options: this.props,
      servers,
    };
  }

  private validate(): void {
    const mesh = this.mesh;
    const detail = onPlatform(mesh);
    if (!(platformOf(mesh) instanceof TcmPlatform)) {
      mesh.report(PlatformRules.WRONG_PLATFORM, this, 'TcmGateway', `${detail} TcmGateway is provisioned by Tencent Cloud Mesh.`);
      return;
    }
    const cluster = this.cluster;
    if (cluster && !cluster.runsWorkloads) mesh.report(PlatformRules.GATEWAY_ON_CONFIG_CLUSTER, this, cluster.clusterName, detail);
    validateTcmServers(mesh, this.facts(), detail);
  }
}

