import { IConstruct } from 'constructs';
import { Protocol } from './protocol';
import { MeshCore } from '../topology/mesh-core';
import { ServiceRules } from '../validation/rules/service';

/** Ports the sidecar binds in every pod; applications cannot use them. */
export const ISTIO_RESERVED_PORTS = [15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090];

/** The port and protocol facts of a service that the checks read. */
export interface CheckedPort {
  readonly port: number;
  readonly protocol: Protocol;
  readonly targetPort?: number;
  readonly name?: string;
}

/** A declared version. */
export interface CheckedVersion {
  readonly name: string;
  readonly labels: { [key: string]: string };
}

/** What one service declares, with the ports of same-named services declared before it. */
export interface CheckedService {
  /** `<namespace>/<name>`. */
  readonly key: string;
  readonly ports: CheckedPort[];
  readonly versions: CheckedVersion[];
  readonly earlierSameName: CheckedPort[][];
}

/**
 * Reports the mistakes of one service declaration: port numbers and reserved ports, duplicate ports and versions,
 * ports without a protocol, versions without labels, and ports that differ from services of the same name declared earlier.
 */
export function checkMeshService(mesh: MeshCore, service: IConstruct, declared: CheckedService): void {
  const { key, ports, versions, earlierSameName } = declared;
  const seen = new Set<number>();
  for (const port of ports) {
    for (const n of new Set([port.port, port.targetPort ?? port.port])) {
      if (!Number.isInteger(n) || n < 1 || n > 65535) mesh.report(ServiceRules.INVALID_PORT, service, n);
      else if (ISTIO_RESERVED_PORTS.includes(n)) mesh.report(ServiceRules.RESERVED_PORT, service, n);
    }
    if (seen.has(port.port)) mesh.report(ServiceRules.DUPLICATE_PORT, service, port.port);
    seen.add(port.port);
    if ((port.protocol as Protocol | undefined) === undefined) {
      mesh.report(ServiceRules.PORT_WITHOUT_PROTOCOL, service, port.name ?? port.port);
    }
  }
  const names = new Set<string>();
  for (const version of versions) {
    if (names.has(version.name)) mesh.report(ServiceRules.DUPLICATE_VERSION, service, version.name);
    names.add(version.name);
    if (Object.keys(version.labels).length === 0) mesh.report(ServiceRules.VERSION_WITHOUT_LABELS, service, version.name);
  }
  const signature = portSignature(ports);
  const differing = earlierSameName.find(other => portSignature(other) !== signature);
  if (differing) {
    mesh.report(ServiceRules.SERVICE_SHAPE_DIFFERS, service, key, `Ports here: ${signature}; elsewhere: ${portSignature(earlierSameName[0])}.`);
  }
}

function portSignature(ports: CheckedPort[]): string {
  return ports.map(p => `${p.port}/${p.protocol}`).sort().join(',');
}
