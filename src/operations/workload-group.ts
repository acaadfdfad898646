import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { VmWorkload } from './vm-workload';
import { VmWorkloadOptions } from './workload-entry';
import { sortedRecord } from '../core/names';
import { WorkloadGroup as WorkloadGroupL1, WorkloadGroupSpecProbe } from '../imports/networking.istio.io';
import { checkInit } from '../validation/input/check';

/** A readiness probe the VM's proxy runs against the application. */
export class VmProbe {
  /**
   * An HTTP GET probe.
   * @param port the port
   * @param path the path
   */
  public static httpGet(port: number, path: string = '/'): VmProbe {
    return new VmProbe({ httpGet: { port, path } });
  }

  /**
   * A TCP connect probe.
   * @param port the port
   */
  public static tcp(port: number): VmProbe {
    return new VmProbe({ tcpSocket: { port } });
  }

  /**
   * A command run on the VM.
   * @param command the command and arguments
   */
  public static exec(command: string[]): VmProbe {
    return new VmProbe({ exec: { command } });
  }

  private constructor(/** @internal */ public readonly _spec: WorkloadGroupSpecProbe) {}
}

/** Options of a `WorkloadGroup`. */
export interface WorkloadGroupProps extends VmWorkloadOptions {
  /**
   * The readiness probe.
   * @default - none
   */
  readonly probe?: VmProbe;
  /**
   * How often the probe runs.
   * @default - Istio's default (10s)
   */
  readonly probePeriod?: Duration;
  /**
   * Annotations of the WorkloadEntries the group's VMs register.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Istio `WorkloadGroup`: the template from which VMs (non-Kubernetes workloads only) bootstrap their proxies and
 * auto-register WorkloadEntries. Implements `IMeshWorkload`, so a ServiceEntry or policy selects it by construct.
 */
export class WorkloadGroup extends VmWorkload {
  private readonly props: WorkloadGroupProps;

  constructor(scope: Construct, id: string, props: WorkloadGroupProps) {
    checkInit('cdk8s-mesh.WorkloadGroup', new.target, [scope, id, props]);
    super(scope, id, props);
    this.props = props;
    this.mesh._onSynth(this, () => this.render());
  }

  private render(): void {
    const p = this.props;
    const probe = p.probe ? { ...p.probe._spec, periodSeconds: p.probePeriod?.toSeconds() } : undefined;
    for (const cluster of this.mesh.configClusters) {
      new WorkloadGroupL1(cluster.scopeFor(this), 'WorkloadGroup', {
        metadata: { name: this.name, namespace: p.namespaceName },
        spec: {
          metadata: { labels: sortedRecord(p.labels), annotations: sortedRecord(p.annotations) },
          template: { serviceAccount: p.serviceAccount, network: p.network, locality: p.locality, ports: p.ports },
          probe,
        },
      });
    }
  }
}
