import { IstioVersion } from '../topology/istio-version';
import { InjectionScheme } from '../topology/namespace';

/**
 * Which platform runs the mesh's control plane.
 */
export enum PlatformKind {
  /** Upstream Istio: the library emits istiod install artifacts and gateway workloads. */
  UPSTREAM = 'upstream',
  /** Alibaba Cloud Service Mesh (ASM): managed control plane; gateways are `IstioGateway` CRs. */
  ASM = 'asm',
  /** Tencent Cloud Mesh (TCM): managed control plane; TCM provisions gateways itself. */
  TCM = 'tcm',
  /** DaoCloud DCE 5.0 service mesh (mspider), hosted mode: config lives in a hosted virtual cluster. */
  DCE = 'dce',
}

/**
 * How the mesh's ingress and egress gateways reach the clusters.
 */
export enum GatewayProvisioning {
  /** The library renders the gateway Deployment, Service and ServiceAccount into each workload cluster. */
  WORKLOADS = 'workloads',
  /** The library renders one `IstioGateway` CR into the ASM control plane; ASM creates the workloads. */
  ISTIO_GATEWAY_RESOURCE = 'istio-gateway-resource',
  /** The platform provisions the gateway (TCM); the library emits only `Gateway` listeners and provisioning options. */
  PLATFORM = 'platform',
}

/**
 * ASM settings of a mesh.
 */
export interface AsmOptions {
  /**
   * The ASM version of the instance; decides which `IstioGateway` override fields are accepted.
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
  /**
   * The ACK cluster ID of each data-plane cluster, by cluster name (`IstioGateway.spec.clusterIds`).
   * @default - a cluster's ID is its name
   */
  readonly clusterIds?: { [clusterName: string]: string };
}

/**
 * A DCE east-west gateway address of one network (`global.meshNetworks.<network>.gateways[0]`).
 */
export interface DceNetworkGateway {
  /** The network ID. */
  readonly network: string;
  /** The east-west gateway's load-balancer address (IP or host name). */
  readonly address: string;
  /**
   * The east-west gateway port.
   * @default 15443
   */
  readonly port?: number;
}

/**
 * DCE (mspider) settings of a hosted mesh.
 */
export interface DceOptions {
  /**
   * The external address of the hosted istiod (`istiod-<meshId>-hosted-lb`), written as
   * `istio.custom_params.values.global.remotePilotAddress`.
   * @default - not written; DCE fills it when the load balancer gets an address
   */
  readonly remotePilotAddress?: string;
  /**
   * The east-west gateway address of every network, written to `global.meshNetworks` (multi-network meshes).
   * @default - none
   */
  readonly networkGateways?: DceNetworkGateway[];
  /**
   * The DCE build suffix of the mesh version (`1.17.1-mspider`).
   * @default 'mspider'
   */
  readonly versionSuffix?: string;
}

/**
 * TCM settings of a mesh.
 */
export interface TcmOptions {
  /**
   * The mesh's Istio version with patch, as TCM names revisions (`1.12.5` → `1-12-5`).
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
}

/** DNS-1123 label that may contain dots: a Kubernetes label value that is also usable as a name part. */
const DOTTED_LABEL = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** A DNS-1123 label without dots. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** TCM revisions: an Istio version with dashes, e.g. `1-12-5`. */
const TCM_REVISION = /^\d+-\d+-\d+$/;

/**
 * The platform profile of a mesh: where Istio config goes, how namespaces are labelled for injection,
 * whether the library installs the control plane, and how gateways are provisioned.
 * Set once on `MeshProps.platform`; everything else follows.
 */
export class Platform {
  /** Upstream Istio (the default). */
  public static readonly UPSTREAM = new Platform(PlatformKind.UPSTREAM, {});

  /**
   * Alibaba Cloud Service Mesh. The mesh needs one CONFIG cluster (the ASM control-plane API server);
   * data-plane clusters are REMOTE.
   * @param options ASM settings
   */
  public static asm(options: AsmOptions = {}): Platform {
    return new Platform(PlatformKind.ASM, { asm: options });
  }

  /**
   * Tencent Cloud Mesh. Istio config goes to the one PRIMARY cluster; other clusters are REMOTE.
   * @param options TCM settings
   */
  public static tcm(options: TcmOptions = {}): Platform {
    return new Platform(PlatformKind.TCM, { tcm: options });
  }

  /**
   * DaoCloud DCE hosted mesh. The mesh needs one CONFIG cluster (the hosted virtual cluster
   * `<meshId>-hosted`); worker clusters are REMOTE.
   * @param options DCE settings
   */
  public static dce(options: DceOptions = {}): Platform {
    return new Platform(PlatformKind.DCE, { dce: options });
  }

  /** The platform. */
  public readonly kind: PlatformKind;
  /** ASM settings (ASM only). */
  public readonly asmOptions?: AsmOptions;
  /** TCM settings (TCM only). */
  public readonly tcmOptions?: TcmOptions;
  /** DCE settings (DCE only). */
  public readonly dceOptions?: DceOptions;

  private constructor(kind: PlatformKind, options: { asm?: AsmOptions; tcm?: TcmOptions; dce?: DceOptions }) {
    this.kind = kind;
    this.asmOptions = options.asm;
    this.tcmOptions = options.tcm;
    this.dceOptions = options.dce;
  }

  /** The platform's product name, used in messages. */
  public get displayName(): string {
    return DISPLAY_NAMES[this.kind];
  }

  /**
   * True if the platform runs the control plane: the library then emits no istiod install artifacts
   * (no IstioOperator, Helm values, remote secrets or istiod workloads).
   */
  public get managesControlPlane(): boolean {
    return this.kind !== PlatformKind.UPSTREAM;
  }

  /**
   * True if Istio config goes to a separate CONFIG output (ASM control-plane API server, DCE hosted
   * virtual cluster) rather than to a primary cluster.
   */
  public get needsConfigCluster(): boolean {
    return this.kind === PlatformKind.ASM || this.kind === PlatformKind.DCE;
  }

  /** How ingress and egress gateways are provisioned. */
  public get gatewayProvisioning(): GatewayProvisioning {
    switch (this.kind) {
      case PlatformKind.ASM: return GatewayProvisioning.ISTIO_GATEWAY_RESOURCE;
      case PlatformKind.TCM: return GatewayProvisioning.PLATFORM;
      default: return GatewayProvisioning.WORKLOADS;
    }
  }

  /**
   * The injection label scheme namespaces use by default: TCM only honours `istio.io/rev`;
   * DCE labels namespaces `istio-injection=enabled`; upstream and ASM use revision labels.
   */
  public get defaultInjection(): InjectionScheme {
    return this.kind === PlatformKind.DCE ? InjectionScheme.LEGACY : InjectionScheme.REVISION;
  }

  /** True if the platform honours the legacy `istio-injection` label (TCM ignores it). */
  public get honoursLegacyInjection(): boolean {
    return this.kind !== PlatformKind.TCM;
  }

  /**
   * The revision namespaces and gateways are pinned to when the mesh names none:
   * TCM `1-12-5` (the version with dashes), DCE `1.17.1-mspider`, otherwise `default`.
   * @param istioVersion the mesh's Istio version
   */
  public defaultRevision(istioVersion: IstioVersion): string {
    switch (this.kind) {
      case PlatformKind.TCM: return (this.tcmOptions?.version ?? istioVersion).dashed;
      case PlatformKind.DCE: return `${istioVersion.toString()}-${this.dceOptions?.versionSuffix ?? 'mspider'}`;
      default: return 'default';
    }
  }

  /**
   * True if the platform names revisions itself (TCM `1-12-5`, DCE `1.17.1-mspider`); their syntax is then
   * checked by the platform rules (MESH-PLAT-005/006) instead of MESH-TOPO-012.
   */
  public get hasOwnRevisionNames(): boolean {
    return this.kind === PlatformKind.TCM || this.kind === PlatformKind.DCE;
  }

  /**
   * Whether `revision` is a valid revision name here. DCE revisions are its mesh versions and may
   * contain dots (`1.17.1-mspider`, a valid label value); TCM revisions are `<major>-<minor>-<patch>`;
   * otherwise a DNS-1123 label without dots (it becomes `istiod-<revision>`).
   * @param revision the revision name
   */
  public acceptsRevision(revision: string): boolean {
    if (revision.length > 63) return false;
    switch (this.kind) {
      case PlatformKind.DCE: return DOTTED_LABEL.test(revision);
      case PlatformKind.TCM: return TCM_REVISION.test(revision);
      default: return DNS_LABEL.test(revision);
    }
  }

  /**
   * The ASM cluster ID of a cluster (`IstioGateway.spec.clusterIds`): the configured ID, or its name.
   * @param clusterName the cluster name
   */
  public clusterIdOf(clusterName: string): string {
    return this.asmOptions?.clusterIds?.[clusterName] ?? clusterName;
  }
}

const DISPLAY_NAMES: Record<PlatformKind, string> = {
  [PlatformKind.UPSTREAM]: 'upstream Istio',
  [PlatformKind.ASM]: 'Alibaba Cloud ASM',
  [PlatformKind.TCM]: 'Tencent Cloud Mesh',
  [PlatformKind.DCE]: 'DaoCloud DCE',
};
