import { Construct } from 'constructs';
import { MtlsMode } from './mtls-mode';
import { PeerAuth } from './peer-auth';
import { PolicyTargetOptions } from './policy-target';
import { textArtifact } from '../core/artifact';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';

/**
 * Props of an `MtlsMigration`.
 */
export interface MtlsMigrationProps extends PolicyTargetOptions {
  /**
   * The mode the scope starts from.
   * @default MtlsMode.DISABLE
   */
  readonly fromMode?: MtlsMode;
  /**
   * The mode the scope ends in.
   * @default MtlsMode.STRICT
   */
  readonly toMode?: MtlsMode;
  /**
   * The stage to synthesize: an index into `stages` (0 = `from`). Advance it one step per rollout,
   * e.g. from a pipeline variable.
   */
  readonly stage: number;
}

/**
 * Moves a scope (mesh, namespace or workload) between mTLS modes in explicit stages, always through
 * PERMISSIVE: DISABLE → PERMISSIVE → STRICT (or back). Each stage synthesizes one PeerAuth.
 */
export class MtlsMigration extends MeshMember {
  /**
   * The stages from one mode to another: `initial`, PERMISSIVE when needed, `to`.
   * @param initial the starting mode
   * @param to the final mode
   */
  public static stagesBetween(initial: MtlsMode, to: MtlsMode): MtlsMode[] {
    const stages = [initial, MtlsMode.PERMISSIVE, to];
    return stages.filter((mode, i) => i === 0 || mode !== stages[i - 1]);
  }

  /** The modes of every stage, in order. */
  public readonly stages: MtlsMode[];
  /** The synthesized stage. */
  public readonly stage: number;
  /** The PeerAuth of the synthesized stage. */
  public readonly peerAuth: PeerAuth;

  constructor(scope: Construct, id: string, props: MtlsMigrationProps) {
    checkInit('cdk8s-mesh.MtlsMigration', new.target, [scope, id, props]);
    super(scope, id);
    this.stages = MtlsMigration.stagesBetween(props.fromMode ?? MtlsMode.DISABLE, props.toMode ?? MtlsMode.STRICT);
    if (!Number.isInteger(props.stage) || props.stage < 0 || props.stage >= this.stages.length) {
      throw new Error(`cdk8s-mesh: ${this.node.path}: stage must be 0..${this.stages.length - 1} (${this.stages.join(' → ')}), got ${props.stage}.`);
    }
    this.stage = props.stage;
    const { fromMode: from, toMode: to, stage, ...target } = props;
    this.peerAuth = new PeerAuth(this, 'PeerAuth', {
      ...target,
      name: props.name ?? id,
      mode: this.stages[this.stage],
      previousMode: this.stage > 0 ? this.stages[this.stage - 1] : undefined,
    });
    MeshCore.coreOf(this)._addArtifact(`security/mtls-migration-${this.peerAuth.namespaceName}-${this.peerAuth.name}.md`, () => textArtifact(this.plan()));
  }

  /** The mode of the synthesized stage. */
  public get mode(): MtlsMode {
    return this.stages[this.stage];
  }

  /** The plan: every stage with its mode, the synthesized one marked. */
  public plan(): string {
    const lines = this.stages.map((mode, i) => `${i}. ${mode}${i === this.stage ? ' (this output)' : ''}`);
    return [
      `# mTLS migration ${this.peerAuth.namespaceName}/${this.peerAuth.name}`,
      '',
      ...lines,
      '',
      'Advance one stage per rollout, once every workload in the scope has received the previous stage.',
      '',
    ].join('\n');
  }

  /** True once the final stage is synthesized. */
  public get isComplete(): boolean {
    return this.stage === this.stages.length - 1;
  }
}
