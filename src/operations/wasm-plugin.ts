import { Construct } from 'constructs';
import { objectName, policyScope, PolicyScope } from './scope';
import {
  WasmPlugin as WasmPluginL1, WasmPluginSpecFailStrategy, WasmPluginSpecImagePullPolicy, WasmPluginSpecPhase,
} from '../imports/extensions.istio.io';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { OperationsRules } from '../validation/rules/operations';
import { IMeshWorkload } from '../workloads/workload';

/** Where in the proxy's HTTP filter chain a Wasm plugin runs. */
export enum WasmPhase {
  /** Before Istio's authentication filters. */
  AUTHN = 'AUTHN',
  /** After authentication, before authorization. */
  AUTHZ = 'AUTHZ',
  /** After authorization, before the stats filter. */
  STATS = 'STATS',
  /** At the end of the chain, before the router. */
  UNSPECIFIED = 'UNSPECIFIED_PHASE',
}

/** When the proxy pulls an OCI Wasm image. */
export enum WasmImagePullPolicy {
  /** Pull only if not cached (the default for tagged images). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Pull every time the plugin is (re)loaded. */
  ALWAYS = 'Always',
}

/** What the proxy does when the module cannot be fetched or fails. */
export enum WasmFailStrategy {
  /** Reject requests (fail closed). */
  FAIL_CLOSE = 'FAIL_CLOSE',
  /** Skip the plugin (fail open). */
  FAIL_OPEN = 'FAIL_OPEN',
}

/** Options of a `WasmPlugin`. */
export interface WasmPluginProps {
  /**
   * The object name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /** Where the module comes from: `oci://registry/image:tag`, `https://…/plugin.wasm` or `file:///…`. */
  readonly url: string;
  /**
   * SHA256 checksum of the module (64 lowercase hex digits). Strongly advised for http(s) URLs (MESH-OPS-007).
   * @default - not verified
   */
  readonly sha256?: string;
  /**
   * The workload or gateway it runs in. Without it the plugin applies to every proxy in `namespace`.
   * @default - every proxy of the namespace (the whole mesh in the root namespace)
   */
  readonly workload?: IMeshWorkload;
  /**
   * The namespace, when no workload is given.
   * @default - the mesh root namespace (mesh-wide)
   */
  readonly namespaceName?: string;
  /**
   * The filter chain phase.
   * @default WasmPhase.UNSPECIFIED
   */
  readonly phase?: WasmPhase;
  /**
   * Order among plugins of the same phase; higher runs first.
   * @default - 0
   */
  readonly priority?: number;
  /**
   * Configuration passed to the plugin.
   * @default - none
   */
  readonly pluginConfig?: { [key: string]: unknown };
  /**
   * The plugin's root id inside the module, for modules with several plugins.
   * @default - the module's default
   */
  readonly pluginName?: string;
  /**
   * When to pull OCI images.
   * @default - IfNotPresent, or Always for the `latest` tag
   */
  readonly imagePullPolicy?: WasmImagePullPolicy;
  /**
   * Name of a pull secret in the plugin's namespace, for private registries.
   * @default - anonymous pull
   */
  readonly imagePullSecret?: string;
  /**
   * What happens when the module fails.
   * @default WasmFailStrategy.FAIL_CLOSE
   */
  readonly failStrategy?: WasmFailStrategy;
}

/** Istio `WasmPlugin`: a WebAssembly filter loaded into selected proxies, replacing hand-written Wasm EnvoyFilters. */
export class WasmPlugin extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The object name. */
  public readonly name: string;
  /** Where it applies. */
  private readonly scope: PolicyScope;
  private readonly props: WasmPluginProps;

  constructor(scope: Construct, id: string, props: WasmPluginProps) {
    checkInit('cdk8s-mesh.WasmPlugin', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = objectName(this, props.name);
    this.scope = policyScope(this.mesh, this, props.workload, props.namespaceName);
    if (/^https?:\/\//i.test(props.url) && !props.sha256) this.mesh.report(OperationsRules.WASM_WITHOUT_SHA256, this, props.url);
    this.mesh._onSynth(this, () => this.render());
  }

  private render(): void {
    const p = this.props;
    for (const cluster of this.mesh.configClusters) {
      new WasmPluginL1(cluster.scopeFor(this), 'WasmPlugin', {
        metadata: { name: this.name, namespace: this.scope.namespace },
        spec: {
          url: p.url,
          sha256: p.sha256,
          selector: this.scope.selector ? { matchLabels: this.scope.selector } : undefined,
          phase: p.phase as string as WasmPluginSpecPhase | undefined,
          priority: p.priority,
          pluginConfig: p.pluginConfig,
          pluginName: p.pluginName,
          imagePullPolicy: p.imagePullPolicy as string as WasmPluginSpecImagePullPolicy | undefined,
          imagePullSecret: p.imagePullSecret,
          failStrategy: p.failStrategy as string as WasmPluginSpecFailStrategy | undefined,
        },
      });
    }
  }
}
