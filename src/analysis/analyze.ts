import { analyzeAmbientNamespaces } from './analyzers/ambient';
import { analyzeAnnotations } from './analyzers/annotations';
import { analyzeIneffectiveSelectors, analyzeIneffectiveSidecars } from './analyzers/dataplane';
import { analyzeDestinationRuleTargets, analyzeTlsVerification } from './analyzers/destination-rules';
import { analyzeGatewayApiRoutes } from './analyzers/gateway-api';
import { analyzeGatewayConflicts, analyzeGatewaySelectors, analyzeGatewayWorkloads } from './analyzers/gateways';
import {
  analyzeAuthorizationNamespaces, analyzeEnvoyFilters, analyzeExternalControlPlaneWebhooks, analyzeJwksFetch, analyzeTelemetryProviders,
} from './analyzers/policies';
import { analyzeMultiClusterServices, analyzeNamespaceLabels, analyzeServiceEntries, analyzeServicePorts } from './analyzers/services';
import {
  analyzeDestinations, analyzeIngressSubsets, analyzeJwtClaimRoutes, analyzeMeshHostConflicts, analyzeUnreachableRules,
} from './analyzers/virtual-services';
import {
  analyzeClientsWithoutService, analyzeInjection, analyzeReservedUid, analyzeSelectorOverlaps, analyzeSelectors, analyzeServiceAssociation,
} from './analyzers/workloads';
import { Analyzer, AnalysisReport, AnalysisSettings, analysisContext } from './context';
import { AnalysisIndex } from './object-index';

/** Every analyzer, in the order findings are reported. */
export const ANALYZERS: readonly Analyzer[] = [
  analyzeDestinations, analyzeMeshHostConflicts, analyzeUnreachableRules, analyzeIngressSubsets, analyzeJwtClaimRoutes,
  analyzeTlsVerification, analyzeDestinationRuleTargets,
  analyzeGatewaySelectors, analyzeGatewayConflicts, analyzeGatewayWorkloads,
  analyzeInjection, analyzeServiceAssociation, analyzeSelectors, analyzeSelectorOverlaps, analyzeReservedUid, analyzeClientsWithoutService,
  analyzeMultiClusterServices, analyzeServicePorts, analyzeNamespaceLabels, analyzeServiceEntries,
  analyzeAuthorizationNamespaces, analyzeTelemetryProviders, analyzeJwksFetch, analyzeEnvoyFilters, analyzeExternalControlPlaneWebhooks,
  analyzeIneffectiveSelectors, analyzeIneffectiveSidecars,
  analyzeAnnotations, analyzeGatewayApiRoutes, analyzeAmbientNamespaces,
];

/** Runs every analyzer over the index. */
export function analyze(index: AnalysisIndex, settings: AnalysisSettings, report: AnalysisReport): void {
  const context = analysisContext(index, settings, report);
  for (const analyzer of ANALYZERS) analyzer(context);
}
