import { ApiObjectMetadata } from 'cdk8s';

/*
 * The install artifacts as types: the IstioOperator istioctl reads and the values of the Istio Helm charts, with
 * the fields the library writes, named as in Istio 1.30's operator API (`operator/pkg/apis/types.go`: IstioOperatorSpec,
 * IstioComponentSpec, KubernetesResources) and `values_types.proto` (Values, GlobalConfig, PilotConfig, BaseConfig,
 * IstiodRemoteConfig). Istio ships no IstioOperator CRD; the conformance harness checks the files against this
 * structure, and `npm run verify` runs `istioctl manifest generate` on them.
 */

/** An IstioOperator (`install.istio.io/v1alpha1`) for `istioctl install -f`. */
export interface IstioOperator {
  readonly apiVersion: 'install.istio.io/v1alpha1';
  readonly kind: 'IstioOperator';
  readonly metadata?: ApiObjectMetadata;
  readonly spec: IstioOperatorSpec;
}

/** `spec`: profile, revision, mesh config, components and the Helm values passed through. */
export interface IstioOperatorSpec {
  readonly profile?: string;
  readonly revision?: string;
  readonly meshConfig?: { [key: string]: unknown };
  readonly components?: IstioComponentSpec;
  readonly values?: IstioValues;
}

/** `spec.components`: istiod, istio-cni and ztunnel (ambient), ingress gateways (east-west and control-plane gateways are ingress gateways). */
export interface IstioComponentSpec {
  readonly pilot?: ComponentSpec;
  readonly cni?: ComponentSpec;
  readonly ztunnel?: ComponentSpec;
  readonly ingressGateways?: GatewayComponentSpec[];
}

/** A component: whether it is installed, and its Kubernetes settings. */
export interface ComponentSpec {
  readonly enabled?: boolean;
  readonly k8s?: KubernetesResources;
}

/** A gateway component: its name and pod labels. */
export interface GatewayComponentSpec extends ComponentSpec {
  readonly name: string;
  readonly label?: { [key: string]: string };
}

/** `k8s`: the container environment, the Service ports and overlays patching rendered resources. */
export interface KubernetesResources {
  readonly env?: EnvVar[];
  readonly service?: { readonly ports: ServicePortValue[] };
  readonly overlays?: KubernetesOverlay[];
}

/** A container environment variable. */
export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** A Service port (`k8s.service.ports[]`, the gateway chart's `service.ports[]`). */
export interface ServicePortValue {
  readonly name: string;
  readonly port: number;
  readonly targetPort?: number;
  readonly protocol?: string;
}

/** An overlay: patches applied to one rendered resource; values are YAML text. */
export interface KubernetesOverlay {
  readonly kind: string;
  readonly name: string;
  readonly patches: Array<{ readonly path: string; readonly value: string }>;
}

/** `spec.values` of an IstioOperator, and the values of the `istio/istiod` and `istio/base` charts. */
export interface IstioValues {
  readonly profile?: string;
  readonly revision?: string;
  readonly revisionTags?: string[];
  readonly defaultRevision?: string;
  readonly meshConfig?: { [key: string]: unknown };
  /** istiod's environment (the istiod chart's top-level `env`). */
  readonly env?: { [name: string]: string };
  readonly global?: GlobalValues;
  readonly pilot?: PilotValues;
  readonly istiodRemote?: IstiodRemoteValues;
  readonly base?: BaseValues;
  readonly gateways?: { readonly 'istio-ingressgateway'?: { readonly injectionTemplate?: string } };
}

/** `global`: mesh identity, multicluster and network settings, the remote istiod address, proxy defaults. */
export interface GlobalValues {
  readonly meshID?: string;
  readonly externalIstiod?: boolean;
  readonly multiCluster?: { readonly clusterName: string };
  readonly network?: string;
  readonly meshNetworks?: { [network: string]: unknown };
  readonly proxy?: { [key: string]: unknown };
  readonly configCluster?: boolean;
  readonly remotePilotAddress?: string;
  readonly istioNamespace?: string;
  readonly caAddress?: string;
  readonly operatorManageWebhooks?: boolean;
  readonly configValidation?: boolean;
}

/** `pilot`: istiod's environment, the mesh config map, extra volumes. */
export interface PilotValues {
  readonly env?: { [name: string]: string };
  readonly configMap?: boolean;
  readonly volumes?: Array<{ readonly name: string; readonly configMap: { readonly name: string } }>;
  readonly volumeMounts?: Array<{ readonly name: string; readonly mountPath: string }>;
}

/** `istiodRemote`: where a remote cluster's injection webhook calls istiod. */
export interface IstiodRemoteValues {
  readonly injectionPath?: string;
  readonly injectionURL?: string;
}

/** `base`: the validation webhook URL of a config cluster. */
export interface BaseValues {
  readonly validationURL?: string;
}

/** Values of the `istio/gateway` chart. */
export interface GatewayChartValues {
  readonly name?: string;
  readonly networkGateway?: string;
  readonly revision?: string;
  readonly service?: { readonly ports: ServicePortValue[] };
}

/** Values of the `istio/cni` chart (ambient: `profile: ambient`). */
export interface CniChartValues {
  readonly profile?: string;
  readonly revision?: string;
}

/** Values of the `istio/ztunnel` chart: the cluster name at the top level, the network under `global`. */
export interface ZtunnelChartValues {
  readonly revision?: string;
  readonly multiCluster?: { readonly clusterName: string };
  readonly global?: { readonly network?: string };
}
