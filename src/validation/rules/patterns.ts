import { RuleDefinition, Severity } from '../rule';

/** Rules of the patterns (canary release, locality failover, cross-cluster control, egress lockdown). */
export const PatternRules = {
  INVALID_CANARY_STEPS: {
    id: 'MESH-PAT-001',
    severity: Severity.ERROR,
    message: 'Canary steps must be strictly increasing integer percentages from 1 to 100.',
    fix: 'List the canary share of each step in order, e.g. [5, 25, 50, 100].',
    doc: 'Each step becomes a VirtualService split whose weights must be integers summing to 100 (TCM S4, D7); a step that goes backwards is a rollback, which `rollback()` expresses.',
  },
  CANARY_STEP_OUT_OF_RANGE: {
    id: 'MESH-PAT-002',
    severity: Severity.ERROR,
    message: 'The current canary step is not one of the declared steps.',
    fix: 'Use a step index from 0 to steps.length - 1 (in code, or in CDK8S_MESH_CANARY_STEP_<ID> when the app reads it with CanaryStep.fromEnvironment()), or "rollback".',
    doc: 'A pipeline advances the release through an environment variable; an unknown value must stop the deployment rather than guess a split.',
  },
  SAME_CANARY_VERSION: {
    id: 'MESH-PAT-003',
    severity: Severity.ERROR,
    message: 'The stable and canary versions of a canary release are the same.',
    fix: 'Name two different versions of the service, e.g. stable v1 and canary v2.',
    doc: 'Both subsets would select the same pods, so the weights would shift nothing.',
  },
  VERSION_CLUSTER_WITHOUT_SERVICE: {
    id: 'MESH-PAT-004',
    severity: Severity.ERROR,
    message: 'A version is placed in a cluster where the service does not run.',
    fix: 'Add the cluster to the service\'s `clusters` so the same Service (name and ports) exists there.',
    doc: 'Cross-cluster routing needs the same-named Service with identical ports in every cluster (DaoCloud multi-cloud: same-name services are merged by name).',
  },
  CROSS_CLUSTER_WITHOUT_ISTIO_MUTUAL: {
    id: 'MESH-PAT-005',
    severity: Severity.ERROR,
    message: 'Traffic that crosses clusters must use ISTIO_MUTUAL client TLS.',
    fix: 'Remove the `tls` setting from the pattern\'s policy (the pattern sets ISTIO_MUTUAL) or set ClientTlsMode.ISTIO_MUTUAL.',
    doc: 'East-west gateways pass cross-network traffic through by SNI (AUTO_PASSTHROUGH), which works only with Istio mTLS (Istio multi-network guide, DaoCloud multi-cloud).',
  },
  UNKNOWN_LOCALITY: {
    id: 'MESH-PAT-006',
    severity: Severity.ERROR,
    message: 'A locality setting names a region or zone that no declared cluster is in.',
    fix: 'Use the regions and zones declared on the mesh\'s clusters (`region`, `zones`), or declare the cluster.',
    doc: 'Istio silently ignores failover and distribute entries for localities without endpoints, so a typo disables failover.',
  },
  NO_FAILOVER_TARGET: {
    id: 'MESH-PAT-007',
    severity: Severity.WARNING,
    message: 'Region failover was derived from the topology, but the clusters span fewer than two regions.',
    fix: 'Declare clusters in at least two regions, or use failoverPriority by zone or cluster instead.',
    doc: 'With one region there is nothing to fail over to; Istio still prefers the same zone, then any zone in the region.',
  },
  EGRESS_NOT_REGISTRY_ONLY: {
    id: 'MESH-PAT-008',
    severity: Severity.ERROR,
    message: 'An egress lockdown needs the mesh\'s outbound traffic policy to be REGISTRY_ONLY.',
    fix: 'Set `meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY }` on the Mesh.',
    doc: 'With ALLOW_ANY sidecars reach any external host directly, bypassing the egress gateway and its authorization policy (DaoCloud targeted service access restriction).',
  },
  EGRESS_WITHOUT_SOURCES: {
    id: 'MESH-PAT-009',
    severity: Severity.ERROR,
    message: 'An allowed external host names no source service.',
    fix: 'List the services allowed to call the host in `allowedSources`.',
    doc: 'The egress gateway\'s ALLOW policy would have no rule for the host, so either nobody or (without other policies) everybody could reach it.',
  },
  EGRESS_GATEWAY_NOT_IN_CONFIG_CLUSTER: {
    id: 'MESH-PAT-010',
    severity: Severity.ERROR,
    message: 'The egress gateway does not run in a cluster whose workloads use the lockdown.',
    fix: 'Deploy the EgressGateway in every workload cluster (default placement) or limit the lockdown to its clusters.',
    doc: 'Sidecars are routed to the egress gateway Service; without the gateway in their cluster or network the calls fail.',
  },
  CANARY_STEP_TWICE: {
    id: 'MESH-PAT-011',
    severity: Severity.ERROR,
    message: 'A canary release sets both `step` and `currentStep`.',
    fix: 'Set only `currentStep` (e.g. CanaryStep.fromEnvironment(id, CanaryStep.of(1))), or only the `step` index.',
    doc: 'Both name the current step; picking one silently would deploy a split the other setting does not describe.',
  },
  EGRESS_ROUTE_PORT_NOT_DECLARED: {
    id: 'MESH-PAT-012',
    severity: Severity.ERROR,
    message: 'An egress route uses a port that the external service (its ServiceEntry) does not declare.',
    fix: 'Add the port to the ExternalService\'s `ports` (e.g. `{ port: 443, protocol: Protocol.HTTPS }` for TLS origination), or route the port it declares.',
    doc: 'Sidecars and the egress gateway build listeners and clusters only for the ports of the host\'s ServiceEntry; traffic on another port is not matched by the route, so it leaves the mesh directly or fails (REGISTRY_ONLY).',
  },
} satisfies Record<string, RuleDefinition>;
