import { RuleDefinition } from './rule';
import { allRules } from './rules';

/**
 * The catalogue of every validation rule the library applies.
 */
export class ValidationRules {
  /** Every rule, grouped by family in table order. */
  public static all(): RuleDefinition[] {
    return allRules();
  }

  /**
   * The rule with this ID.
   * @param id e.g. `MESH-TOPO-001`
   */
  public static byId(id: string): RuleDefinition {
    const rule = allRules().find(r => r.id === id);
    if (!rule) throw new Error(`cdk8s-mesh: no rule "${id}".`);
    return rule;
  }

  private constructor() {}
}
