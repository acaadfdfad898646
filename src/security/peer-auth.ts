import { Construct } from 'constructs';
import { MtlsMode } from './mtls-mode';
import { PolicyScope, PolicyTargetOptions } from './policy-target';
import { SecurityRegistry } from './registry';
import { TargetedPolicy } from './targeted-policy';
import { mapEnum } from '../core/enums';
import * as istio from '../imports/security.istio.io';
import { checkInit } from '../validation/input/check';
import { SecurityRules } from '../validation/rules/security';

/**
 * The mTLS mode of one port of a workload.
 */
export interface PortMtls {
  /** The service port (a port of the target MeshService); emitted as its target port. Without a mesh service, the container port. */
  readonly port: number;
  /** The mode on that port. */
  readonly mode: MtlsMode;
}

/**
 * Props of a `PeerAuth`.
 */
export interface PeerAuthProps extends PolicyTargetOptions {
  /**
   * The mTLS mode.
   * @default MtlsMode.UNSET (inherit from the namespace or mesh)
   */
  readonly mode?: MtlsMode;
  /**
   * Per-port modes (workload policies only).
   * @default - none
   */
  readonly portLevelMtls?: PortMtls[];
  /**
   * The mode currently deployed for this scope; a jump between DISABLE and STRICT is reported (MESH-SEC-014).
   * @default - unknown; not checked
   */
  readonly previousMode?: MtlsMode;
}

/**
 * Options of a mesh-wide or namespace-wide PeerAuth.
 */
export interface ScopedPeerAuthOptions {
  /**
   * The object name.
   * @default 'default'
   */
  readonly name?: string;
  /**
   * The mode currently deployed for this scope (MESH-SEC-014).
   * @default - unknown; not checked
   */
  readonly previousMode?: MtlsMode;
  /**
   * Clusters to place the policy in.
   * @default - every config cluster (mesh-wide) or those serving the namespace
   */
  readonly clusters?: string[];
}

/**
 * Peer authentication (Istio `PeerAuthentication`): which mTLS mode workloads accept, mesh-wide,
 * per namespace, per workload or per port. Placed in every config cluster that serves the selected workloads.
 */
export class PeerAuth extends TargetedPolicy {
  /**
   * A mesh-wide policy: in the root namespace, without a selector.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param mode the mode
   * @param options name, previous mode and placement
   */
  public static meshWide(scope: Construct, id: string, mode: MtlsMode, options: ScopedPeerAuthOptions = {}): PeerAuth {
    return new PeerAuth(scope, id, { ...options, name: options.name ?? 'default', mode, policyScope: PolicyScope.MESH });
  }

  /**
   * A namespace-wide policy: without a selector.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param policyNamespace the namespace
   * @param mode the mode
   * @param options name, previous mode and placement
   */
  public static namespaceWide(scope: Construct, id: string, policyNamespace: string, mode: MtlsMode, options: ScopedPeerAuthOptions = {}): PeerAuth {
    return new PeerAuth(scope, id, { ...options, name: options.name ?? 'default', namespaceName: policyNamespace, mode, policyScope: PolicyScope.NAMESPACE });
  }

  /** The mode (UNSET inherits). */
  public readonly mode: MtlsMode;
  private readonly ports: PortMtls[] = [];
  private resolvedPorts?: Map<number, MtlsMode>;

  constructor(scope: Construct, id: string, props: PeerAuthProps = {}) {
    checkInit('cdk8s-mesh.PeerAuth', new.target, [scope, id, props]);
    super(scope, id, props);
    this.mode = props.mode ?? MtlsMode.UNSET;
    for (const port of props.portLevelMtls ?? []) this.addPortMtls(port.port, port.mode);
    if (props.previousMode !== undefined && isJump(props.previousMode, this.mode)) {
      this.mesh.report(SecurityRules.MTLS_JUMP, this, `${props.previousMode} -> ${this.mode}`);
    }
    SecurityRegistry.of(this.mesh).addPeerAuth(this);
    this.mesh._onSynth(this, () => this.render());
  }

  /**
   * Sets the mode of one port.
   * @param port the service port of the target MeshService (emitted as its target port), or a container port
   * @param mode the mode
   */
  public addPortMtls(port: number, mode: MtlsMode): void {
    if (this.resolvedPorts) throw new Error('cdk8s-mesh: add port modes before synthesis.');
    this.ports.push({ port, mode });
  }

  /** Per-port modes keyed by target (container) port. @internal */
  public _portModes(): Map<number, MtlsMode> {
    if (!this.resolvedPorts) {
      this.resolvedPorts = new Map();
      if (this.ports.length && !this._target.selector) {
        this.mesh.report(SecurityRules.PORT_MTLS_WITHOUT_SELECTOR, this, this.ports.map(p => p.port));
      } else {
        for (const p of this.ports) {
          const target = this._target.targetPort(p.port);
          if (target !== undefined) this.resolvedPorts.set(target, p.mode);
        }
      }
    }
    return new Map(this.resolvedPorts);
  }

  /** The mode on a container port, before inheritance: the port's mode, else the policy's. */
  public modeOnPort(targetPort?: number): MtlsMode {
    const port = targetPort === undefined ? undefined : this._portModes().get(targetPort);
    return port !== undefined && port !== MtlsMode.UNSET ? port : this.mode;
  }

  private render(): void {
    const ports = this._portModes();
    const portLevelMtls = ports.size
      ? Object.fromEntries([...ports.keys()].sort((a, b) => a - b).map(p => [String(p), { mode: mapEnum(PORT_MODES, ports.get(p)) }]))
      : undefined;
    for (const cluster of this.clusters) {
      new istio.PeerAuthentication(cluster.scopeFor(this), 'PeerAuthentication', {
        metadata: this._target.metadata,
        spec: {
          selector: this._target.selector ? { matchLabels: this._target.selector } : undefined,
          mtls: this.mode === MtlsMode.UNSET ? undefined : { mode: MODES[this.mode] },
          portLevelMtls,
        },
      });
    }
  }
}

const MODES: Record<MtlsMode, istio.PeerAuthenticationSpecMtlsMode> = {
  [MtlsMode.UNSET]: istio.PeerAuthenticationSpecMtlsMode.UNSET,
  [MtlsMode.PERMISSIVE]: istio.PeerAuthenticationSpecMtlsMode.PERMISSIVE,
  [MtlsMode.STRICT]: istio.PeerAuthenticationSpecMtlsMode.STRICT,
  [MtlsMode.DISABLE]: istio.PeerAuthenticationSpecMtlsMode.DISABLE,
};

const PORT_MODES: Record<MtlsMode, istio.PeerAuthenticationSpecPortLevelMtlsMode> = {
  [MtlsMode.UNSET]: istio.PeerAuthenticationSpecPortLevelMtlsMode.UNSET,
  [MtlsMode.PERMISSIVE]: istio.PeerAuthenticationSpecPortLevelMtlsMode.PERMISSIVE,
  [MtlsMode.STRICT]: istio.PeerAuthenticationSpecPortLevelMtlsMode.STRICT,
  [MtlsMode.DISABLE]: istio.PeerAuthenticationSpecPortLevelMtlsMode.DISABLE,
};

/** True if going from `from` to `to` skips the PERMISSIVE stage. */
export function isJump(from: MtlsMode, to: MtlsMode): boolean {
  return (from === MtlsMode.DISABLE && to === MtlsMode.STRICT) || (from === MtlsMode.STRICT && to === MtlsMode.DISABLE);
}
