import { AmbientRules } from './ambient';
import { AnalysisRules } from './analysis';
import { ControlPlaneRules } from './controlplane';
import { CoreRules } from './core';
import { GatewayRules } from './gateway';
import { OperationsRules } from './operations';
import { PatternRules } from './patterns';
import { PlatformRules } from './platform';
import { RouteRules } from './route';
import { SecurityRules } from './security';
import { ServiceRules } from './service';
import { TopologyRules } from './topology';
import { ValueRules } from './values';
import { RuleDefinition } from '../rule';

export { AmbientRules } from './ambient';
export { AnalysisRules } from './analysis';
export { ControlPlaneRules } from './controlplane';
export { CoreRules } from './core';
export { GatewayRules } from './gateway';
export { PlatformRules } from './platform';
export { RouteRules } from './route';
export { SecurityRules } from './security';
export { OperationsRules } from './operations';
export { PatternRules } from './patterns';
export { ServiceRules } from './service';
export { TopologyRules } from './topology';
export { ValueRules } from './values';

/** Every rule table of the library, by family. */
export const RULE_TABLES: Record<string, Record<string, RuleDefinition>> = {
  core: CoreRules,
  topology: TopologyRules,
  service: ServiceRules,
  gateway: GatewayRules,
  platform: PlatformRules,
  route: RouteRules,
  security: SecurityRules,
  operations: OperationsRules,
  controlplane: ControlPlaneRules,
  patterns: PatternRules,
  ambient: AmbientRules,
  analysis: AnalysisRules,
  values: ValueRules,
};

/** Every rule of the library, in table order. */
export function allRules(): RuleDefinition[] {
  return Object.values(RULE_TABLES).flatMap(table => Object.values(table));
}
