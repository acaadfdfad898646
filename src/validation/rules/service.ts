import { RuleDefinition, Severity } from '../rule';

/** Rules about mesh services: their ports, protocols and versions. */
export const ServiceRules = {
  PORT_WITHOUT_PROTOCOL: {
    id: 'MESH-SVC-001',
    severity: Severity.ERROR,
    istioCode: 'IST0118',
    message: 'A service port has no protocol: its name has no Istio protocol prefix and it sets no appProtocol.',
    fix: 'Name the port `<protocol>[-<suffix>]` (e.g. "http-web", "grpc", "tcp-db") or pass `protocols: { <port>: Protocol.X }` when adopting.',
    doc: 'Without a protocol Istio falls back to protocol sniffing or treats the port as TCP, and HTTP routes silently stop matching (TCM FAQ).',
  },
  INVALID_PORT: {
    id: 'MESH-SVC-002',
    severity: Severity.ERROR,
    message: 'Port numbers must be integers from 1 to 65535.',
    fix: 'Use a valid port number.',
    doc: 'The API server rejects the Service otherwise.',
  },
  DUPLICATE_PORT: {
    id: 'MESH-SVC-003',
    severity: Severity.ERROR,
    message: 'A service declares the same port number twice.',
    fix: 'Give every service port its own number.',
    doc: 'Kubernetes rejects Services with duplicate ports, and Istio routes per port.',
  },
  DUPLICATE_VERSION: {
    id: 'MESH-SVC-004',
    severity: Severity.ERROR,
    message: 'A service declares the same version name twice.',
    fix: 'Give every version its own name (it becomes a DestinationRule subset name).',
    doc: 'Subset names must be unique within a DestinationRule.',
  },
  VERSION_WITHOUT_LABELS: {
    id: 'MESH-SVC-005',
    severity: Severity.ERROR,
    message: 'A service version needs at least one pod label that tells it apart.',
    fix: 'Give the version labels, e.g. `{ version: "v2" }`.',
    doc: 'A subset without labels selects every pod, so weighted routing has no effect.',
  },
  RESERVED_PORT: {
    id: 'MESH-SVC-006',
    severity: Severity.ERROR,
    message: 'The application port collides with a port the Istio sidecar reserves (15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090).',
    fix: 'Move the application to another port.',
    doc: 'The sidecar listens on these ports in every pod; the app cannot bind them (Istio ports reference).',
  },
  SERVICE_SHAPE_DIFFERS: {
    id: 'MESH-SVC-007',
    severity: Severity.ERROR,
    istioCode: 'IST0170',
    message: 'A service with this name already exists in this namespace with different ports.',
    fix: 'Declare the service once with `clusters: [...]`, or give both declarations identical ports.',
    doc: 'Istio merges same-name services across clusters into one host; differing ports break cross-cluster routing (DCE FAQ).',
  },
  INCLUDED_OBJECT_NOT_FOUND: {
    id: 'MESH-SVC-008',
    severity: Severity.ERROR,
    message: 'No Service or Deployment of that kind, namespace and name is included into the cluster.',
    fix: 'Include the YAML that declares it into the cluster first (`cluster.includeManifests(dir)` or a cdk8s `Include`), or correct the kind, namespace or name.',
    doc: 'A service adopted from included YAML takes its selector and ports from that object; without it the routes and policies would name a service nothing declares.',
  },
} satisfies Record<string, RuleDefinition>;
