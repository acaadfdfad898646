import { ApiObjectMetadata } from 'cdk8s';

/**
 * The fields of an Argo CD `ApplicationSet` (argoproj.io/v1alpha1) the library writes, named as in the upstream
 * CRD (imports/upstream/argo-cd/v3.5.1/applicationset-crd.yaml). The CRD's generated bindings would be 3.3 MB of
 * TypeScript, so these interfaces cover what `ArgoCdApplicationSet` renders; the conformance harness checks the
 * rendered file against the full CRD.
 */
export interface ApplicationSet {
  readonly apiVersion: 'argoproj.io/v1alpha1';
  readonly kind: 'ApplicationSet';
  readonly metadata: ApiObjectMetadata;
  readonly spec: ApplicationSetSpec;
}

/** `spec`: Go templating over a list generator, one Application per element. */
export interface ApplicationSetSpec {
  readonly goTemplate?: boolean;
  readonly goTemplateOptions?: string[];
  readonly generators: ApplicationSetGenerator[];
  readonly template: ApplicationSetTemplate;
}

/** `spec.generators[]`: the list generator. */
export interface ApplicationSetGenerator {
  readonly list?: { readonly elements: Array<{ [key: string]: string }> };
}

/** `spec.template`: the Application each element produces. */
export interface ApplicationSetTemplate {
  readonly metadata: { readonly name?: string };
  readonly spec: ApplicationSpec;
}

/** `spec.template.spec`: an Application's project, source, destination and sync policy. */
export interface ApplicationSpec {
  readonly project: string;
  readonly source?: ApplicationSource;
  readonly destination: ApplicationDestination;
  readonly syncPolicy?: SyncPolicy;
}

/** A Git source: repository, revision, path, and the files of a directory source to include. */
export interface ApplicationSource {
  readonly repoURL: string;
  readonly targetRevision?: string;
  readonly path?: string;
  readonly directory?: { readonly include?: string };
  /** A config management plugin that renders the source, with environment variables for it. */
  readonly plugin?: { readonly name?: string; readonly env?: Array<{ readonly name: string; readonly value: string }> };
}

/** Where the Application deploys: a cluster by API server address or by its Argo CD name. */
export interface ApplicationDestination {
  readonly server?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** Automated sync (prune, self-heal) and sync options. */
export interface SyncPolicy {
  readonly automated?: { readonly prune?: boolean; readonly selfHeal?: boolean };
  readonly syncOptions?: string[];
}
