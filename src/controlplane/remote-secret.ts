import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExternalSecretSource, renderExternalSecret } from './external-secret';
import { kubeconfigProblem } from './kubeconfig';

/** Label Istio watches for remote secrets. */
export const MULTICLUSTER_SECRET_LABEL = 'istio/multiCluster';
/** Annotation naming the cluster a remote secret grants access to. */
export const CLUSTER_ANNOTATION = 'networking.istio.io/cluster';

/** The name and key of `istioctl create-remote-secret --type=config` (an external istiod's config cluster). */
export const CONFIG_SECRET_NAME = 'istio-kubeconfig';
export const CONFIG_SECRET_KEY = 'config';

/** The name `istioctl create-remote-secret` gives a cluster's remote secret. */
export function remoteSecretName(cluster: string): string {
  return `istio-remote-secret-${cluster}`;
}

/**
 * Credentials that let a control plane read another cluster's API server (a "remote secret").
 * Without one for a cluster, the runbook lists the `istioctl create-remote-secret` command instead,
 * so no credentials appear in the output unless passed here.
 */
export class RemoteSecret {
  /**
   * A kubeconfig for the cluster, written verbatim into the Secret.
   * @param cluster the cluster the kubeconfig grants access to
   * @param kubeconfig the kubeconfig (one cluster, context and user)
   */
  public static fromKubeconfig(cluster: string, kubeconfig: string): RemoteSecret {
    return new RemoteSecret(cluster, kubeconfig, undefined);
  }

  /**
   * A kubeconfig read from an external store by External Secrets Operator.
   * @param cluster the cluster the kubeconfig grants access to
   * @param source the store and key; the kubeconfig is the key's property named after the cluster
   */
  public static fromExternalSecret(cluster: string, source: ExternalSecretSource): RemoteSecret {
    return new RemoteSecret(cluster, undefined, source);
  }

  private constructor(
    /** The cluster the secret grants access to. */
    public readonly cluster: string,
    private readonly kubeconfig: string | undefined,
    private readonly source: ExternalSecretSource | undefined,
  ) {}

  /**
   * What is wrong with the kubeconfig passed to `fromKubeconfig()` (MESH-VAL-023), or undefined.
   * @internal
   */
  public _kubeconfigProblem(): string | undefined {
    return this.kubeconfig === undefined ? undefined : kubeconfigProblem(this.kubeconfig);
  }

  /** A stand-in for the kubeconfig in messages: its size, never its content (it holds credentials). @internal */
  public get _kubeconfigSummary(): string {
    return `(kubeconfig of ${this.kubeconfig?.length ?? 0} characters, not shown)`;
  }

  /**
   * Renders the secret into a cluster that must discover `this.cluster`. As a config secret
   * (`istioctl create-remote-secret --type=config`) it is named `istio-kubeconfig` with the key `config`:
   * how an external istiod reads its config cluster.
   * @internal
   */
  public _render(scope: Construct, namespace: string, asConfig = false): void {
    const name = asConfig ? CONFIG_SECRET_NAME : remoteSecretName(this.cluster);
    const key = asConfig ? CONFIG_SECRET_KEY : this.cluster;
    const labels = { [MULTICLUSTER_SECRET_LABEL]: 'true' };
    const annotations = { [CLUSTER_ANNOTATION]: this.cluster };
    if (this.source) {
      renderExternalSecret(scope, `RemoteSecret-${this.cluster}`, this.source, {
        name, namespaceName: namespace, labels, annotations, keys: { [key]: this.cluster },
      });
      return;
    }
    new k8s.KubeSecret(scope, `RemoteSecret-${this.cluster}`, {
      metadata: { name, namespace, labels, annotations },
      stringData: { [key]: this.kubeconfig ?? '' },
    });
  }
}
