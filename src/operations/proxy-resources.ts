import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';

/** CPU and memory of the injected `istio-proxy` container. */
export interface ProxyResources {
  /**
   * CPU request.
   * @default - the mesh default (Istio: 100m)
   */
  readonly cpuRequest?: Cpu;
  /**
   * CPU limit.
   * @default - the mesh default (Istio: 2000m)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory request.
   * @default - the mesh default (Istio: 128Mi)
   */
  readonly memoryRequest?: Size;
  /**
   * Memory limit.
   * @default - the mesh default (Istio: 1024Mi)
   */
  readonly memoryLimit?: Size;
}

/** The four values as Kubernetes quantities (`100m`, `128Mi`); unset ones are undefined. */
export function proxyResourceQuantities(r: ProxyResources): { cpuRequest?: string; cpuLimit?: string; memoryRequest?: string; memoryLimit?: string } {
  const mebibytes = (size: Size | undefined) => size === undefined ? undefined : `${size.toMebibytes()}Mi`;
  return {
    cpuRequest: r.cpuRequest?.amount,
    cpuLimit: r.cpuLimit?.amount,
    memoryRequest: mebibytes(r.memoryRequest),
    memoryLimit: mebibytes(r.memoryLimit),
  };
}
