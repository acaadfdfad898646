import { ControlPlaneRevision } from './revision';
import { checkInit } from '../validation/input/check';

/** A stage of a canary control-plane upgrade. */
export enum UpgradeStage {
  /** Both revisions run; every namespace and gateway stays on the revision being left. */
  BOTH_UP = 'both-up',
  /** Both revisions run; the named namespaces and gateways (or all) moved to the target revision. */
  MOVED = 'moved',
  /** Only the target revision runs; everything is on it. */
  OLD_REMOVED = 'old-removed',
}

/** Props of a `ControlPlaneUpgrade`. */
export interface ControlPlaneUpgradeProps {
  /** The revision being upgraded from. */
  readonly from: ControlPlaneRevision;
  /** The revision being upgraded to. */
  readonly to: ControlPlaneRevision;
  /** The stage to synthesize. */
  readonly stage: UpgradeStage;
  /**
   * Roll back instead: start on `to`, move back to `from`, then remove `to`.
   * @default false
   */
  readonly rollback?: boolean;
  /**
   * In the MOVED stage, the namespaces and gateways (by name) that move; others stay.
   * @default - all of them
   */
  readonly move?: string[];
}

/**
 * A staged, revision-based canary upgrade of the control plane (TCM "Upgrading a Mesh").
 * Pass it to `ControlPlaneOptions.upgrade`, and pin namespaces and gateways with `revisionFor(name)`;
 * each stage then synthesizes consistent output: installed revisions, pins and runbook.
 */
export class ControlPlaneUpgrade {
  /** The stage. */
  public readonly stage: UpgradeStage;
  /** The revision being left (the target of a rollback is `from`). */
  public readonly leaving: ControlPlaneRevision;
  /** The revision being moved to. */
  public readonly target: ControlPlaneRevision;
  /** Whether this is a rollback. */
  public readonly rollback: boolean;
  private readonly move?: string[];

  constructor(props: ControlPlaneUpgradeProps) {
    checkInit('cdk8s-mesh.ControlPlaneUpgrade', new.target, [props]);
    this.stage = props.stage;
    this.rollback = props.rollback ?? false;
    this.leaving = this.rollback ? props.to : props.from;
    this.target = this.rollback ? props.from : props.to;
    this.move = props.move;
  }

  /** The revisions installed in this stage. */
  public get revisions(): ControlPlaneRevision[] {
    return this.stage === UpgradeStage.OLD_REMOVED ? [this.target] : [this.leaving, this.target];
  }

  /** The revision removed in this stage, if any. */
  public get removedRevision(): string | undefined {
    return this.stage === UpgradeStage.OLD_REMOVED ? this.leaving.name : undefined;
  }

  /**
   * The revision a namespace or gateway is pinned to in this stage.
   * @param name the namespace or gateway name
   */
  public revisionFor(name: string): string {
    if (this.stage === UpgradeStage.BOTH_UP) return this.leaving.name;
    if (this.stage === UpgradeStage.MOVED && this.move && !this.move.includes(name)) return this.leaving.name;
    return this.target.name;
  }
}
