/** The value of the step environment variable that routes everything back to the stable version. */
export const CANARY_ROLLBACK = 'rollback';

/**
 * The current step of a canary release (`CanaryReleaseProps.currentStep`): a step index, a rollback, or the
 * value a pipeline put in the release's environment variable, read only where the app asks for it with
 * `CanaryStep.fromEnvironment()`.
 */
export class CanaryStep {
  /**
   * The environment variable `fromEnvironment` reads for a release: `CDK8S_MESH_CANARY_STEP_<ID>`, the
   * release's construct id upper-cased with non-alphanumerics as `_` (`order-canary` → `CDK8S_MESH_CANARY_STEP_ORDER_CANARY`).
   * @param releaseId the CanaryRelease's construct id
   */
  public static environmentVariableOf(releaseId: string): string {
    return `CDK8S_MESH_CANARY_STEP_${releaseId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  }

  /**
   * A step index (0 is the first share of `steps`).
   * @param index the step index
   */
  public static of(index: number): CanaryStep {
    return new CanaryStep(index, false);
  }

  /** Every request, gray-release users included, goes to the stable version. */
  public static rollback(): CanaryStep {
    return new CanaryStep(-1, true);
  }

  /**
   * The step a pipeline set in `CDK8S_MESH_CANARY_STEP_<ID>` (see `environmentVariableOf`): a step index or
   * `rollback`; `fallback` when the variable is unset. A value that is neither is reported at synthesis
   * (MESH-PAT-002), with the variable's text. The plan file names the variable.
   * @param releaseId the CanaryRelease's construct id
   * @param fallback the step when the variable is unset
   * @default fallback CanaryStep.of(0)
   */
  public static fromEnvironment(releaseId: string, fallback?: CanaryStep): CanaryStep {
    const variable = CanaryStep.environmentVariableOf(releaseId);
    const text = process.env[variable];
    if (text === undefined) {
      const base = fallback ?? CanaryStep.of(0);
      return new CanaryStep(base.index, base.isRollback, variable);
    }
    const value = text.trim();
    if (value.toLowerCase() === CANARY_ROLLBACK) return new CanaryStep(-1, true, variable, text);
    return new CanaryStep(value === '' ? Number.NaN : Number(value), false, variable, text);
  }

  /** The step index; -1 for a rollback. */
  public readonly index: number;
  /** True for a rollback. */
  public readonly isRollback: boolean;
  /** The environment variable the step was read from (`fromEnvironment`), set or not. */
  public readonly environmentVariable?: string;
  /** The variable's text, when it was set. @internal */
  public readonly _text?: string;

  private constructor(index: number, isRollback: boolean, environmentVariable?: string, text?: string) {
    this.index = index;
    this.isRollback = isRollback;
    this.environmentVariable = environmentVariable;
    this._text = text;
  }
}
