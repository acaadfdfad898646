import { IConstruct } from 'constructs';
import { renderValue } from './format';
import { RuleDefinition, Severity } from './rule';

/**
 * One broken rule at one place.
 */
export interface Diagnostic {
  /** The rule that was broken. */
  readonly rule: RuleDefinition;
  /** Construct path of the offending construct. */
  readonly path: string;
  /** The offending value, rendered as text. */
  readonly value: string;
  /** Extra context for this occurrence. @default - none */
  readonly detail?: string;
}

/**
 * Collects diagnostics across a whole mesh so they can be reported together.
 */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  /**
   * Records a broken rule.
   * @param rule the rule
   * @param where the offending construct, or its path
   * @param value the offending value
   * @param detail extra context
   */
  public report(rule: RuleDefinition, where: IConstruct | string, value: unknown, detail?: string): void {
    const path = typeof where === 'string' ? where : where.node.path;
    this.items.push({ rule, path, value: renderValue(value), detail });
  }

  /**
   * Records a diagnostic already made (e.g. one carried by a `MeshValidationError`).
   * @param diagnostic the diagnostic
   */
  public add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }

  /** All diagnostics, in the order they were reported. */
  public get all(): Diagnostic[] {
    return [...this.items];
  }

  /** Diagnostics with severity ERROR. */
  public get errors(): Diagnostic[] {
    return this.items.filter(d => d.rule.severity === Severity.ERROR);
  }

  /** Diagnostics with severity WARNING. */
  public get warnings(): Diagnostic[] {
    return this.items.filter(d => d.rule.severity === Severity.WARNING);
  }
}
