/**
 * How a broken rule affects synthesis.
 */
export enum Severity {
  /** Synthesis fails and nothing is written. */
  ERROR = 'error',
  /** Printed; fails synthesis only in strict mode. */
  WARNING = 'warning',
  /** Recorded in `mesh.diagnostics` only (Istio's Info level); never printed, never fails synthesis. */
  INFO = 'info',
}

/**
 * One validation rule: data, not code. Every rule lives in a table under `src/validation/rules/`.
 */
export interface RuleDefinition {
  /** Stable identifier, e.g. `MESH-TOPO-001`. */
  readonly id: string;
  /** Whether the rule fails synthesis. */
  readonly severity: Severity;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** One line of documentation: why the rule exists (the seed FAQ or Istio behaviour behind it). */
  readonly doc: string;
  /**
   * The `istioctl analyze` message code this rule corresponds to (e.g. `IST0101`).
   * @default - no corresponding istioctl analyze message
   */
  readonly istioCode?: string;
}
