import type { AsmOptions } from './asm/asm-options';
import type { DceOptions } from './dce/dce-options';
import { GatewayProvisioner, GatewayProvisioning, WorkloadGatewayProvisioner } from '../gateways/gateway-provisioner';
import type { TcmOptions } from './tcm/tcm-options';
import { IstioVersion } from '../topology/istio-version';
import type { MeshCore } from '../topology/mesh-core';
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
  /** A platform defined outside the library (a user subclass of `Platform`). */
  CUSTOM = 'custom',
}

/**
 * A file a platform writes next to the manifests (e.g. DCE's parameter files).
 */
export interface PlatformArtifact {
  /** Path relative to the app's output directory. */
  readonly path: string;
  /** The file content. */
  readonly content: string;
}

/** A DNS-1123 label without dots. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The platform profile of a mesh: where Istio config goes, how namespaces are labelled for injection,
 * which revision names it accepts, whether the library installs the control plane, how gateways are
 * provisioned, its checks and its artifacts. Set once on `MeshProps.platform`; everything else follows.
 *
 * The built-in platforms live in `src/platforms/<name>/` (`UpstreamPlatform`, `AsmPlatform`, `TcmPlatform`,
 * `DcePlatform`); another platform is a subclass that overrides what differs from upstream Istio.
 */
export abstract class Platform {
  /** Upstream Istio (the default): `UpstreamPlatform.INSTANCE`. */
  // A constant for jsii; the end of this file redefines it as a lazy getter, since the subclass loads after this class.
  public static readonly UPSTREAM: Platform = undefined!;

  /**
   * Alibaba Cloud Service Mesh. The mesh needs one CONFIG cluster (the ASM control-plane API server);
   * data-plane clusters are REMOTE.
   * @param options ASM settings
   */
  public static asm(options: AsmOptions = {}): Platform {
    return new asm.AsmPlatform(options);
  }

  /**
   * Tencent Cloud Mesh. Istio config goes to the one PRIMARY cluster; other clusters are REMOTE.
   * @param options TCM settings
   */
  public static tcm(options: TcmOptions = {}): Platform {
    return new tcm.TcmPlatform(options);
  }

  /**
   * DaoCloud DCE hosted mesh. The mesh needs one CONFIG cluster (the hosted virtual cluster
   * `<meshId>-hosted`); worker clusters are REMOTE.
   * @param options DCE settings
   */
  public static dce(options: DceOptions = {}): Platform {
    return new dce.DcePlatform(options);
  }

  /** The platform's product name, used in messages ("On <displayName>."). */
  public abstract readonly displayName: string;

  protected constructor() {}

  /** The platform: one of the built-in kinds, or CUSTOM for a platform defined outside the library. */
  public get kind(): PlatformKind {
    return PlatformKind.CUSTOM;
  }

  /**
   * ASM settings (ASM only).
   * @deprecated use `AsmPlatform.options`
   */
  public get asmOptions(): AsmOptions | undefined {
    return undefined;
  }

  /**
   * TCM settings (TCM only).
   * @deprecated use `TcmPlatform.options`
   */
  public get tcmOptions(): TcmOptions | undefined {
    return undefined;
  }

  /**
   * DCE settings (DCE only).
   * @deprecated use `DcePlatform.options`
   */
  public get dceOptions(): DceOptions | undefined {
    return undefined;
  }

  /**
   * True if the platform runs the control plane: the library then emits no istiod install artifacts
   * (no IstioOperator, Helm values, remote secrets or istiod workloads). Default: false.
   */
  public get managesControlPlane(): boolean {
    return false;
  }

  /**
   * True if Istio config goes to a separate CONFIG output (ASM control-plane API server, DCE hosted
   * virtual cluster) rather than to a primary cluster. Default: false.
   */
  public get needsConfigCluster(): boolean {
    return false;
  }

  /** How ingress and egress gateways are provisioned (the gateway provisioner's mode). */
  public get gatewayProvisioning(): GatewayProvisioning {
    return this.gatewayProvisioner.provisioning;
  }

  /**
   * What renders and checks the mesh's ingress and egress gateways on this platform.
   * Default: the library renders the gateway workloads.
   */
  public get gatewayProvisioner(): GatewayProvisioner {
    return WorkloadGatewayProvisioner.INSTANCE;
  }

  /** The injection label scheme namespaces use by default. Default: revision labels. */
  public get defaultInjection(): InjectionScheme {
    return InjectionScheme.REVISION;
  }

  /** True if the platform honours the legacy `istio-injection` label. Default: true. */
  public get honoursLegacyInjection(): boolean {
    return true;
  }

  /**
   * True if the platform names revisions itself; their syntax is then checked by the platform's
   * own rules (`validate`) instead of MESH-TOPO-012. Default: false.
   */
  public get hasOwnRevisionNames(): boolean {
    return false;
  }

  /**
   * The revision namespaces and gateways are pinned to when the mesh names none. Default: `default`.
   * @param _istioVersion the mesh's Istio version
   */
  public defaultRevision(_istioVersion: IstioVersion): string {
    return 'default';
  }

  /**
   * Whether `revision` is a valid revision name here. Default: a DNS-1123 label without dots
   * (it becomes `istiod-<revision>`).
   * @param revision the revision name
   */
  public acceptsRevision(revision: string): boolean {
    return revision.length <= 63 && DNS_LABEL.test(revision);
  }

  /**
   * The platform's ID of a cluster (ASM: `IstioGateway.spec.clusterIds`). Default: the cluster name.
   * @param clusterName the cluster name
   */
  public clusterIdOf(clusterName: string): string {
    return clusterName;
  }

  /**
   * The platform's mesh-wide checks, called once at synthesis after every member rendered; report broken
   * rules with `mesh.report()`. Default: none.
   * @param _mesh the mesh
   */
  public validate(_mesh: MeshCore): void {
    return;
  }

  /**
   * Files the platform writes next to the manifests, asked for once at synthesis. Default: none.
   * @param _mesh the mesh
   */
  public artifacts(_mesh: MeshCore): PlatformArtifact[] {
    return [];
  }
}

// The built-in platforms extend Platform, so they load after it; the factories above use them lazily.
// `require` runs here, after the class exists (swc/jest hoists `import` statements above it).
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment -- require() is untyped; each result is typed by its annotation */
const asm: typeof import('./asm/asm-platform') = require('./asm/asm-platform');
const dce: typeof import('./dce/dce-platform') = require('./dce/dce-platform');
const tcm: typeof import('./tcm/tcm-platform') = require('./tcm/tcm-platform');
const upstream: typeof import('./upstream/upstream-platform') = require('./upstream/upstream-platform');
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment */

Object.defineProperty(Platform, 'UPSTREAM', { get: () => upstream.UpstreamPlatform.INSTANCE, enumerable: true });
