import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { sortedRecord } from '../core/names';
import {
  ExternalSecretSpec, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy,
} from '../imports/external-secrets.io';

/** The kind of External Secrets Operator store a secret is read from. */
export enum SecretStoreKind {
  /** A namespaced `SecretStore` (in `istio-system`). */
  SECRET_STORE = 'SecretStore',
  /** A cluster-wide `ClusterSecretStore`. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** Where an External Secrets Operator `ExternalSecret` reads its material. */
export interface ExternalSecretSource {
  /** The store name. */
  readonly storeName: string;
  /**
   * The store kind.
   * @default SecretStoreKind.CLUSTER_SECRET_STORE
   */
  readonly storeKind?: SecretStoreKind;
  /** The key of the secret in the external store (e.g. a Vault path or an AWS secret name). */
  readonly key: string;
  /**
   * How often the operator re-reads the store, e.g. `1h`.
   * @default - the operator's default (1h)
   */
  readonly refreshInterval?: string;
}

/** What the rendered ExternalSecret produces. */
export interface ExternalSecretTarget {
  /** The Kubernetes Secret name. */
  readonly name: string;
  /** The Secret namespace. */
  readonly namespaceName: string;
  /** Labels the produced Secret carries. */
  readonly labels?: { [key: string]: string };
  /** Annotations the produced Secret carries. */
  readonly annotations?: { [key: string]: string };
  /** Secret keys and the property of the external key each is read from. */
  readonly keys: { [secretKey: string]: string };
}

/** The generated store kinds, by library store kind. */
const STORE_KINDS: Record<SecretStoreKind, ExternalSecretSpecSecretStoreRefKind> = {
  [SecretStoreKind.SECRET_STORE]: ExternalSecretSpecSecretStoreRefKind.SECRET_STORE,
  [SecretStoreKind.CLUSTER_SECRET_STORE]: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
};

/** The ExternalSecret spec that produces `target` from `source` (typed by the upstream CRD's bindings). */
export function renderExternalSecretSpec(source: ExternalSecretSource, target: ExternalSecretTarget): ExternalSecretSpec {
  const labels = sortedRecord(target.labels);
  const annotations = sortedRecord(target.annotations);
  return {
    refreshInterval: source.refreshInterval,
    secretStoreRef: { name: source.storeName, kind: STORE_KINDS[source.storeKind ?? SecretStoreKind.CLUSTER_SECRET_STORE] },
    target: {
      name: target.name,
      creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
      template: labels || annotations ? { metadata: { labels, annotations } } : undefined,
    },
    data: Object.keys(target.keys).sort().map(secretKey => ({
      secretKey,
      remoteRef: { key: source.key, property: target.keys[secretKey] },
    })),
  };
}

/**
 * Renders an `external-secrets.io/v1` ExternalSecret that produces `target` from `source`.
 * The produced Secret gets the same name as the ExternalSecret.
 * @internal
 */
export function renderExternalSecret(scope: Construct, id: string, source: ExternalSecretSource, target: ExternalSecretTarget): ApiObject {
  // The spec is written as built (its field order), not through the bindings' toJson, which reorders fields.
  return new ApiObject(scope, id, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: target.name, namespace: target.namespaceName },
    spec: renderExternalSecretSpec(source, target),
  });
}
