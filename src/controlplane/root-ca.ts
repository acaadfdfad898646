import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExternalSecretSource, renderExternalSecret } from './external-secret';

/** The file names of Istio's plug-in CA secret `cacerts`. */
export const CACERTS_KEYS = ['ca-cert.pem', 'ca-key.pem', 'cert-chain.pem', 'root-cert.pem'];

/** One cluster's intermediate CA, signed by the shared root. */
export interface IntermediateCaMaterial {
  /** The cluster the intermediate belongs to. */
  readonly cluster: string;
  /** PEM of the intermediate certificate (`ca-cert.pem`). */
  readonly caCert: string;
  /** PEM of the intermediate's private key (`ca-key.pem`). */
  readonly caKey: string;
  /** PEM chain from the intermediate up to the root (`cert-chain.pem`). */
  readonly certChain: string;
}

/** How a root CA is provided. */
export enum RootCaKind {
  /** PEM material passed by the user; written as `cacerts` Secrets. */
  MATERIAL = 'material',
  /** Read from an external store by External Secrets Operator. */
  EXTERNAL_SECRET = 'external-secret',
  /** No shared root: each cluster keeps its self-signed CA (explicitly acknowledged). */
  UNSHARED = 'unshared',
}

/**
 * The mesh's shared root of trust: Istio's plug-in CA secret `istio-system/cacerts` in every cluster
 * that runs a CA (the guide's "Configure Trust" step).
 */
export class RootCa {
  /**
   * PEM material: one root and one intermediate per cluster. The material appears in the output.
   * @param rootCert PEM of the shared root certificate (`root-cert.pem`)
   * @param intermediates one intermediate per cluster
   */
  public static fromMaterial(rootCert: string, intermediates: IntermediateCaMaterial[]): RootCa {
    return new RootCa(RootCaKind.MATERIAL, rootCert, intermediates, undefined);
  }

  /**
   * An ExternalSecret per cluster. The store key is `<key>/<cluster>` and holds the four `cacerts` properties
   * (`ca-cert.pem`, `ca-key.pem`, `cert-chain.pem`, `root-cert.pem`).
   * @param source the store; its `key` is the prefix
   */
  public static fromExternalSecret(source: ExternalSecretSource): RootCa {
    return new RootCa(RootCaKind.EXTERNAL_SECRET, undefined, [], source);
  }

  /**
   * Acknowledges that clusters do not share a root: cross-cluster mTLS will fail until trust is set up
   * some other way (e.g. cert-manager istio-csr, or a managed mesh's CA).
   */
  public static acknowledgeUnshared(): RootCa {
    return new RootCa(RootCaKind.UNSHARED, undefined, [], undefined);
  }

  private constructor(
    /** How the root is provided. */
    public readonly kind: RootCaKind,
    private readonly rootCert: string | undefined,
    private readonly intermediates: IntermediateCaMaterial[],
    private readonly source: ExternalSecretSource | undefined,
  ) {}

  /** The clusters the material covers (MATERIAL only). */
  public get materialClusters(): string[] {
    return this.intermediates.map(i => i.cluster);
  }

  /**
   * Renders `istio-system/cacerts` for a cluster; returns false if there is no material for it.
   * @internal
   */
  public _render(scope: Construct, cluster: string, namespace: string): boolean {
    if (this.kind === RootCaKind.EXTERNAL_SECRET && this.source) {
      renderExternalSecret(scope, 'CaCerts', { ...this.source, key: `${this.source.key}/${cluster}` }, {
        name: 'cacerts',
        namespaceName: namespace,
        keys: Object.fromEntries(CACERTS_KEYS.map(k => [k, k])),
      });
      return true;
    }
    const material = this.intermediates.find(i => i.cluster === cluster);
    if (this.kind !== RootCaKind.MATERIAL || !material || !this.rootCert) return this.kind === RootCaKind.UNSHARED;
    new k8s.KubeSecret(scope, 'CaCerts', {
      metadata: { name: 'cacerts', namespace },
      type: 'Opaque',
      stringData: {
        'ca-cert.pem': material.caCert,
        'ca-key.pem': material.caKey,
        'cert-chain.pem': material.certChain,
        'root-cert.pem': this.rootCert,
      },
    });
    return true;
  }
}
