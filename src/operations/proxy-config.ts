import { Construct } from 'constructs';
import { claimNamespaceWide, objectName, policyScope, PolicyScope } from './scope';
import { sortedRecord } from '../core/names';
import { ProxyConfig as ProxyConfigL1, ProxyConfigSpec } from '../imports/networking.istio.io';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { IMeshWorkload } from '../workloads/workload';

/** The proxy image flavour (`spec.image.imageType`). */
export enum ProxyImageType {
  /** The default image. */
  DEFAULT = 'default',
  /** The debug image, with a shell and debugging tools. */
  DEBUG = 'debug',
  /** The distroless image: smaller, fewer CVEs, no shell. */
  DISTROLESS = 'distroless',
}

/** Options of a `ProxyConfig`. */
export interface ProxyConfigProps {
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /**
   * The workload the settings apply to. Without it the ProxyConfig is namespace-wide (or mesh-wide in the root namespace).
   * @default - namespace-wide
   */
  readonly workload?: IMeshWorkload;
  /**
   * The namespace, when no workload is given.
   * @default - the mesh root namespace (mesh-wide)
   */
  readonly namespaceName?: string;
  /**
   * The number of Envoy worker threads; 0 means one per CPU core.
   * @default - Istio's default (2)
   */
  readonly concurrency?: number;
  /**
   * The proxy image flavour.
   * @default - Istio's default image
   */
  readonly imageType?: ProxyImageType;
  /**
   * Extra environment variables for the proxy.
   * @default - none
   */
  readonly environmentVariables?: { [key: string]: string };
}

/** The ownership list of a mesh's ProxyConfigs. */
const PROXY_CONFIGS = 'operations/proxy-configs';

/**
 * Istio `ProxyConfig`: proxy concurrency, image type and environment for a workload, a namespace or the whole mesh.
 * Changes apply only when pods restart; `SidecarSettings` folds namespace- and mesh-wide ProxyConfigs into its
 * restart hash so affected pods roll.
 */
export class ProxyConfig extends MeshMember {
  /** @internal the ProxyConfigs declared in a mesh */
  public static _all(mesh: MeshCore): ProxyConfig[] {
    return mesh.ownership.members(PROXY_CONFIGS).filter((m): m is ProxyConfig => m instanceof ProxyConfig);
  }

  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  /** @internal where it applies */
  public readonly _scope: PolicyScope;
  private readonly props: ProxyConfigProps;

  constructor(scope: Construct, id: string, props: ProxyConfigProps) {
    checkInit('cdk8s-mesh.ProxyConfig', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = objectName(this, props.name);
    this._scope = policyScope(this.mesh, this, props.workload, props.namespaceName);
    this.mesh.ownership.addMember(PROXY_CONFIGS, this);
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /** The `spec` as emitted. */
  public get spec(): { [key: string]: unknown } {
    return { ...this.renderSpec() };
  }

  private renderSpec(): ProxyConfigSpec {
    return {
      concurrency: this.props.concurrency,
      environmentVariables: sortedRecord(this.props.environmentVariables),
      image: this.props.imageType ? { imageType: this.props.imageType } : undefined,
      selector: this._scope.selector ? { matchLabels: this._scope.selector } : undefined,
    };
  }

  private render(): void {
    for (const cluster of this.mesh.configClusters) {
      new ProxyConfigL1(cluster.scopeFor(this), 'ProxyConfig', {
        metadata: { name: this.name, namespace: this._scope.namespace },
        spec: this.renderSpec(),
      });
    }
  }

  private validate(): void {
    if (!this._scope.selector) claimNamespaceWide(this.mesh, 'ProxyConfig', this._scope.namespace, this);
  }
}
