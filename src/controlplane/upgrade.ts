import { ControlPlaneRevision, DEFAULT_REVISION } from './revision';
import type { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { ControlPlaneRules } from '../validation/rules/controlplane';

/**
 * A stage of a canary control-plane upgrade (Istio's canary upgrade guide, revisions and revision tags).
 * The runbook of each stage lists that stage's steps, in the istioctl and the Helm form.
 */
export enum UpgradeStage {
  /**
   * Install the target revision beside the one being left (Helm: upgrade `istio-base` first for the new CRDs) and set
   * the tags; every namespace and gateway stays where it is (on the revision being left, or on a tag of the target).
   */
  BOTH_UP = 'both-up',
  /**
   * Move workloads: relabel the namespaces and gateways named in `move` (or all), or move the tags in `moveTags`
   * (`istioctl tag set <tag> --revision <target> --overwrite`), then restart their workloads.
   */
  MOVED = 'moved',
  /**
   * Make the target the default revision (`istioctl tag set default`, Helm `istio-base` `defaultRevision`), remove the
   * revision being left and the tags in `removeTags`. Only the target revision runs.
   */
  OLD_REMOVED = 'old-removed',
}

/** Props of a `ControlPlaneUpgrade`. */
export interface ControlPlaneUpgradeProps {
  /** The revision being upgraded from. */
  readonly fromRevision: ControlPlaneRevision;
  /** The revision being upgraded to. */
  readonly toRevision: ControlPlaneRevision;
  /** The stage to synthesize. */
  readonly stage: UpgradeStage;
  /**
   * Roll back instead: start on `toRevision`, move back to `fromRevision`, then remove `toRevision`.
   * @default false
   */
  readonly rollback?: boolean;
  /**
   * In the MOVED stage, the namespaces and gateways (by name) pinned with `revisionFor` that move; others stay.
   * @default - all of them
   */
  readonly move?: string[];
  /**
   * Tags of `fromRevision` that move with the upgrade: they point at the revision being left until the MOVED stage and at the
   * target from then on, so the namespaces and gateways that follow them (`istio.io/rev=<tag>`) move without being
   * relabelled. The other tags of `fromRevision` stay on `fromRevision`, the tags of `toRevision` on `toRevision`.
   * @default - every tag of `fromRevision`
   */
  readonly moveTags?: string[];
  /**
   * Tags removed in the OLD_REMOVED stage (`istioctl tag remove`), e.g. a canary tag that no namespace follows any more.
   * A tag left on the revision being removed must be moved or removed.
   * @default - the tags left on the revision being removed
   */
  readonly removeTags?: string[];
}

/**
 * A staged canary upgrade of the control plane with revisions and revision tags (Istio's canary upgrade guide).
 * Pass it to `ControlPlaneOptions.upgrade`. Namespaces and gateways either follow a tag (pin them to the tag, e.g.
 * `revision: 'prod-stable'`: the tag moves, their label stays) or are pinned with `revisionFor(name)` (relabelled).
 * Each stage then synthesizes consistent output: installed revisions, where each tag points, labels and runbook.
 */
export class ControlPlaneUpgrade {
  /** The stage. */
  public readonly stage: UpgradeStage;
  /** The revision being left (the target of a rollback is `fromRevision`). */
  public readonly leaving: ControlPlaneRevision;
  /** The revision being moved to. */
  public readonly target: ControlPlaneRevision;
  /** Whether this is a rollback. */
  public readonly rollback: boolean;
  private readonly props: ControlPlaneUpgradeProps;

  constructor(props: ControlPlaneUpgradeProps) {
    checkInit('cdk8s-mesh.ControlPlaneUpgrade', new.target, [props]);
    this.props = props;
    this.stage = props.stage;
    this.rollback = props.rollback ?? false;
    this.leaving = this.rollback ? props.toRevision : props.fromRevision;
    this.target = this.rollback ? props.fromRevision : props.toRevision;
  }

  /**
   * The revisions installed in this stage, each with the tags that point at it in this stage: the declared tags, and
   * the `default` tag on the default revision unless a revision is named `default`.
   */
  public get revisions(): ControlPlaneRevision[] {
    const installed = this.stage === UpgradeStage.OLD_REMOVED ? [this.target] : [this.leaving, this.target];
    const tags = [...this.declaredTags, ...this._implicitDefaultTag ? [DEFAULT_REVISION] : []];
    return installed.map(revision => ({ ...revision, tags: tags.filter(tag => this.tagRevision(tag) === revision.name) }));
  }

  /** The revision removed in this stage, if any. */
  public get removedRevision(): string | undefined {
    return this.stage === UpgradeStage.OLD_REMOVED ? this.leaving.name : undefined;
  }


  /** The tags removed in this stage (OLD_REMOVED only). */
  public get removedTags(): string[] {
    if (this.stage !== UpgradeStage.OLD_REMOVED) return [];
    return this.props.removeTags ?? this.declaredTags.filter(tag => this.pointsAt(tag) === this.leaving.name);
  }

  /** The tags re-pointed in this stage (MOVED only): the moving tags, now on the target. */
  public get movedTags(): string[] {
    return this.stage === UpgradeStage.MOVED ? this.movingTags.filter(tag => this.fromTags.includes(tag)) : [];
  }

  /**
   * The default revision in this stage (`istioctl tag set default`, Helm `istio-base` `defaultRevision`): where a
   * declared `default` tag points, else the revision being left until it is removed, then the target.
   */
  public get defaultRevision(): string {
    if (this.isDeclared(DEFAULT_REVISION)) return this.pointsAt(DEFAULT_REVISION);
    return this.stage === UpgradeStage.OLD_REMOVED ? this.target.name : this.leaving.name;
  }

  /**
   * The revision a tag points at in this stage.
   * @param tag the tag
   * @returns the revision name, or undefined for a tag this upgrade does not declare or removes in this stage
   */
  public tagRevision(tag: string): string | undefined {
    if (tag === DEFAULT_REVISION && this._implicitDefaultTag) return this.defaultRevision;
    if (!this.isDeclared(tag) || this.removedTags.includes(tag)) return undefined;
    return this.pointsAt(tag);
  }

  /**
   * Whether the default revision is reached through a `default` tag that the upgrade sets itself (istioctl creates it
   * when it installs the first revision; the OLD_REMOVED stage moves it to the target): no revision of this stage is
   * named `default` and no `default` tag is declared.
   * @internal
   */
  public get _implicitDefaultTag(): boolean {
    const installed = this.stage === UpgradeStage.OLD_REMOVED ? [this.target] : [this.leaving, this.target];
    return !this.isDeclared(DEFAULT_REVISION) && !installed.some(r => r.name === DEFAULT_REVISION);
  }

  /**
   * The revision a namespace or gateway is pinned to in this stage.
   * @param name the namespace or gateway name
   */
  public revisionFor(name: string): string {
    if (this.stage === UpgradeStage.BOTH_UP) return this.leaving.name;
    const move = this.props.move;
    if (this.stage === UpgradeStage.MOVED && move && !move.includes(name)) return this.leaving.name;
    return this.target.name;
  }

  /**
   * The tags of `fromRevision` and `toRevision`, in that order.
   * @internal
   */
  public get _declaredTags(): string[] {
    return this.declaredTags;
  }

  /**
   * The upgrade's props as given (for validation).
   * @internal
   */
  public get _props(): ControlPlaneUpgradeProps {
    return this.props;
  }

  private get declaredTags(): string[] {
    return [...this.fromTags, ...this.props.toRevision.tags ?? []];
  }

  private get fromTags(): string[] {
    return this.props.fromRevision.tags ?? [];
  }

  /** The tags of `fromRevision` that move with the upgrade. */
  private get movingTags(): string[] {
    return this.props.moveTags ?? this.fromTags;
  }

  private isDeclared(tag: string): boolean {
    return this.declaredTags.includes(tag);
  }

  /** Where a declared tag points in this stage, removed or not. */
  private pointsAt(tag: string): string {
    if (!this.fromTags.includes(tag)) return this.props.toRevision.name;
    if (!this.movingTags.includes(tag)) return this.props.fromRevision.name;
    return this.stage === UpgradeStage.BOTH_UP ? this.leaving.name : this.target.name;
  }
}

/**
 * The upgrade's own checks: tags named in `moveTags`/`removeTags` exist (MESH-CP-015), a tag is declared on one
 * revision only (MESH-CP-012) and no tag is left on the revision this stage removes (MESH-CP-016).
 * @param mesh the mesh
 * @param upgrade the upgrade
 * @param where the path diagnostics name (`<mesh>/controlPlane/upgrade`)
 */
export function validateUpgrade(mesh: MeshCore, upgrade: ControlPlaneUpgrade, where: string): void {
  const { fromRevision: from, toRevision: to, moveTags, removeTags } = upgrade._props;
  const fromTags = from.tags ?? [];
  for (const tag of (to.tags ?? []).filter(t => fromTags.includes(t))) mesh.report(ControlPlaneRules.INVALID_REVISION_SET, `${where}/to`, tag);
  for (const tag of (moveTags ?? []).filter(t => !fromTags.includes(t))) mesh.report(ControlPlaneRules.UNKNOWN_UPGRADE_TAG, `${where}/moveTags`, tag);
  for (const tag of (removeTags ?? []).filter(t => !upgrade._declaredTags.includes(t))) mesh.report(ControlPlaneRules.UNKNOWN_UPGRADE_TAG, `${where}/removeTags`, tag);
  const removed = upgrade.removedRevision;
  for (const tag of upgrade._declaredTags) {
    const revision = upgrade.tagRevision(tag);
    if (removed !== undefined && revision === removed) mesh.report(ControlPlaneRules.TAG_ON_REMOVED_REVISION, `${where}/tags/${tag}`, { [tag]: revision });
  }
}
