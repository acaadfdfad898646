import { k8s } from 'cdk8s-plus-28';
import { Protocol, Protocols } from './protocol';
import { sortedRecord } from '../core/names';

/** A service port with its emitted name. */
export interface NamedServicePort {
  readonly port: number;
  readonly protocol: Protocol;
  readonly targetPort?: number;
  readonly name: string;
}

/** The Kubernetes Service spec of a mesh service: its selector, and its ports with Istio's protocol naming. */
export function renderServiceSpec(selector: { [key: string]: string }, ports: NamedServicePort[]): k8s.ServiceSpec {
  return {
    selector: sortedRecord(selector),
    ports: ports.filter(p => p.protocol !== undefined).map((p): k8s.ServicePort => ({
      name: p.name,
      port: p.port,
      targetPort: k8s.IntOrString.fromNumber(p.targetPort ?? p.port),
      protocol: p.protocol === Protocol.UDP ? 'UDP' : 'TCP',
      appProtocol: Protocols.appProtocol(p.protocol),
    })),
  };
}
