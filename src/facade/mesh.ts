import { Construct, IConstruct } from 'constructs';
import { checkMesh } from './mesh-checks';
import { MeshAnalysis } from '../analysis/mesh-analysis';
import { ControlPlane, ControlPlaneOptions } from '../controlplane/control-plane';
import { MeshTopology } from '../controlplane/topology';
import { TrafficApi, TrafficApiSetting } from '../gateways/traffic-api';
import { ExtensionProvider } from '../observability/extension-provider';
import { ExtensionProviderRegistry } from '../observability/provider-registry';
import { MeshConfigOptions, MeshSettings, OutboundTrafficPolicy } from '../operations/mesh-config';
import { PlatformFeature } from '../platforms/attach';
import { Platform } from '../platforms/platform';
import { MtlsMode } from '../security/mtls-mode';
import { PeerAuth } from '../security/peer-auth';
import { IstioVersion } from '../topology/istio-version';
import { MeshCore, MeshCoreProps } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';

/**
 * A whole service mesh: its clusters, networks and mesh-wide defaults.
 */
export interface MeshProps extends MeshCoreProps {
  /**
   * Mesh-wide settings that land in Istio's mesh config.
   * @default - Istio's defaults
   */
  readonly meshConfig?: MeshConfigOptions;
  /**
   * Extension providers (tracing, access logs, metrics, ext_authz), declared once and referenced
   * by construct from Telemetry and CUSTOM authorization.
   * @default - none
   */
  readonly extensionProviders?: ExtensionProvider[];
  /**
   * The platform that runs the mesh (upstream Istio, Alibaba ASM, Tencent TCM, DaoCloud DCE). It decides
   * where Istio config goes, the injection labels and revision names, whether istiod install artifacts
   * are emitted (`platform.managesControlPlane`) and how gateways are provisioned.
   * @default Platform.UPSTREAM
   */
  readonly platform?: Platform;
  /**
   * The mesh-wide mTLS mode: a PeerAuthentication `default` in the root namespace of every config cluster
   * (every primary, or the config cluster of an external control plane). UNSET emits none (Istio's PERMISSIVE).
   * @default MtlsMode.STRICT
   */
  readonly mtls?: MtlsMode;
  /**
   * The traffic-management API that gateways and routes render: Istio's (`Gateway`, `VirtualService`) or the Kubernetes
   * Gateway API (`Gateway`, `HTTPRoute`, …). Each gateway and route can override it (`trafficApi`).
   * @default TrafficApi.ISTIO
   */
  readonly trafficApi?: TrafficApi;
  // --- control plane (src/controlplane) ---
  /**
   * The control-plane topology. When set, the mesh writes install artifacts (IstioOperator, Helm values,
   * runbook) per cluster, trust objects and the guide's extra manifests, and validates the cluster roles.
   * @default - no control-plane output
   */
  readonly topology?: MeshTopology;
  /**
   * Control-plane settings: root CA, remote secrets, meshNetworks, revisions, upgrade. Used when `topology` is set.
   * @default - defaults of `ControlPlaneOptions`
   */
  readonly controlPlane?: ControlPlaneOptions;
}

/**
 * A multi-cluster Istio service mesh with batteries included: the mesh core (`MeshCore`) plus the default
 * features, composed here: the platform profile, mesh-wide settings and the REGISTRY_ONLY check, extension
 * providers, the mesh-wide STRICT PeerAuthentication and, with a `topology`, the control plane.
 * Each cluster becomes its own chart (`<cluster>.k8s.yaml`); constructs declared once at mesh scope place
 * their objects into every cluster that needs them.
 *
 * @example
 * const app = new MeshApp();
 * const mesh = new Mesh(app, 'mesh', {
 *   meshId: 'shop',
 *   networks: [{ name: 'net1' }, { name: 'net2' }],
 *   clusters: [{ name: 'east', network: 'net1' }, { name: 'west', network: 'net2' }],
 *   topology: MeshTopology.MULTI_PRIMARY_MULTI_NETWORK,
 * });
 * mesh.addNamespace('shop');
 * app.synth();
 */
export class Mesh extends MeshCore {
  /**
   * The mesh that `construct` belongs to: an enclosing `Mesh`, or the mesh of an enclosing cluster.
   * @param construct any construct inside a mesh or one of its clusters
   */
  public static of(construct: IConstruct): Mesh {
    const core = MeshCore.coreOf(construct);
    if (!(core instanceof Mesh)) throw new Error(`cdk8s-mesh: ${construct.node.path} is inside a MeshCore, not a Mesh.`);
    return core;
  }

  /** The platform profile (see `MeshProps.platform`). */
  public readonly platform: Platform;
  /** Mesh-wide settings as declared. */
  public readonly meshConfig: MeshConfigOptions;
  /** What sidecars do with traffic to hosts outside the registry. */
  public readonly outboundTrafficPolicy: OutboundTrafficPolicy;
  /** The mesh-wide mTLS mode (security). */
  public readonly mtls: MtlsMode;
  /** The synthesized mesh-wide PeerAuth, unless `mtls` is UNSET (security). */
  public readonly defaultPeerAuth?: PeerAuth;
  /** The control plane, when `topology` is set. */
  public readonly controlPlane?: ControlPlane;
  private readonly providers: ExtensionProviderRegistry;
  private analysisAdded = false;

  constructor(scope: Construct, id: string, props: MeshProps) {
    checkInit('cdk8s-mesh.Mesh', new.target, [scope, id, props]);
    // Platform profile (src/platforms/): defaults for revision and injection.
    const platform = props.platform ?? Platform.UPSTREAM;
    const istioVersion = props.istioVersion ?? IstioVersion.V1_30;
    super(scope, id, {
      ...props,
      revision: props.revision ?? platform.defaultRevision(istioVersion),
      injection: props.injection ?? platform.defaultInjection,
    });
    this.platform = platform;
    this.meshConfig = props.meshConfig ?? {};
    this.outboundTrafficPolicy = this.meshConfig.outboundTrafficPolicy ?? OutboundTrafficPolicy.ALLOW_ANY;
    this._onSynth(this, undefined, () => checkMesh(this));
    this.providers = ExtensionProviderRegistry.of(this);
    for (const provider of props.extensionProviders ?? []) this.addExtensionProvider(provider);

    this.addFeature(new PlatformFeature(platform, props.topology !== undefined));
    this.addFeature(new MeshSettings(this.meshConfig));
    if (props.trafficApi !== undefined) this.addFeature(new TrafficApiSetting(props.trafficApi));
    // Security: secure by default, a mesh-wide STRICT PeerAuthentication unless the user chooses otherwise.
    this.mtls = props.mtls ?? MtlsMode.STRICT;
    if (this.mtls !== MtlsMode.UNSET) this.defaultPeerAuth = PeerAuth.meshWide(this, 'default-mtls', this.mtls);
    // Managed platforms (ASM, TCM, DCE) run istiod themselves: no install artifacts (MESH-PLAT-020).
    if (props.topology !== undefined && !platform.managesControlPlane) {
      this.controlPlane = new ControlPlane(this, 'ControlPlane', { ...props.controlPlane, topology: props.topology });
    }
  }

  /**
   * Renders every feature into its clusters, once. Later calls do nothing. `prepare()` and `MeshApp.synth()`
   * call it; call it yourself only to read or patch rendered objects before synthesis. The analysis pass
   * (istioctl analyze parity) is registered here, as the last feature, so it validates after every construct.
   */
  public render(): void {
    if (!this.analysisAdded) {
      this.analysisAdded = true;
      this.addFeature(new MeshAnalysis(() => ({
        revisions: this.controlPlane?.revisions.flatMap(r => [r.name, ...r.tags ?? []]) ?? [],
        installedGateways: this.controlPlane?._installedGateways ?? [],
        installedWebhooks: this.controlPlane?._installedWebhooks ?? [],
        controlPlanePath: this.controlPlane?.node.path ?? this.node.path,
      })));
    }
    super.render();
  }

  /** The declared extension providers. */
  public get extensionProviders(): ExtensionProvider[] {
    return this.providers.providers;
  }

  /**
   * Declares an extension provider.
   * @param provider the provider
   */
  public addExtensionProvider(provider: ExtensionProvider): ExtensionProvider {
    this.providers.add(this, provider);
    return provider;
  }

  /**
   * Whether `provider` is declared on this mesh.
   * @param provider the provider
   */
  public hasExtensionProvider(provider: ExtensionProvider): boolean {
    return this.providers.has(provider);
  }

  /**
   * Without a control-plane topology nothing else checks that the networks are joined (with one, MESH-CP-004
   * does; a managed platform joins them with its own gateways, checked by its rules).
   */
}
