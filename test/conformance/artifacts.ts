import Ajv, { ValidateFunction } from 'ajv';
import { kubernetesStructErrors } from './kubernetes-schema';
import { TcmAccessType, TcmDeploymentMode } from '../../src/gateways/platform-gateway-options';

/**
 * Checks for the files the library writes next to the manifests that are not Kubernetes objects:
 * - IstioOperator (`install.istio.io/v1alpha1`): Istio 1.30 ships no CRD for it, so its structure is checked
 *   here as istioctl's operator API defines it (`operator/pkg/apis/types.go`: IstioOperatorSpec, IstioComponentSpec,
 *   KubernetesResources with Kubernetes types, overlays) and `spec.values` against `values_types.proto` (Values,
 *   GlobalConfig, PilotConfig, …): unknown fields are errors. `istioctl manifest generate` in `npm run verify` is
 *   the final word.
 * - Helm values of the `istio/istiod`, `istio/base` and `istio/gateway` charts: the chart's top-level keys (its
 *   values.yaml, plus `profile`), with the types of what the library sets.
 * - The library's own files: canary plans, DCE parameter files, TCM gateway provisioning.
 * Every other YAML or JSON file without apiVersion and kind has no schema, and that is an error.
 */

const str = { type: 'string' };
const bool = { type: 'boolean' };
const int = { type: 'integer' };
const obj = { type: 'object' };
const strings = { type: 'array', items: str };
const stringMap = { type: 'object', additionalProperties: str };

/** An object with exactly these fields (none required unless listed). */
function strict(properties: Record<string, object>, required: string[] = []): object {
  return { type: 'object', properties, additionalProperties: false, required };
}

/** Fields known by name only (their content is free-form for this check). */
function known(names: string[], typed: Record<string, object> = {}): Record<string, object> {
  return { ...Object.fromEntries(names.map(n => [n, {}])), ...typed };
}

const servicePort = strict({ name: str, port: int, targetPort: int, nodePort: int, protocol: str }, ['port']);

/** values_types.proto GlobalConfig. */
const GLOBAL = strict(known([
  'arch', 'certSigners', 'defaultNodeSelector', 'defaultPodDisruptionBudget', 'defaultResources', 'defaultTolerations', 'hub',
  'imagePullPolicy', 'imagePullSecrets', 'logAsJson', 'logging', 'podDNSSearchNamespaces', 'omitSidecarInjectorConfigMap',
  'priorityClassName', 'proxy_init', 'sds', 'tag', 'variant', 'tracer', 'istiod', 'pilotCertProvider', 'jwtPolicy', 'sts', 'revision',
  'mountMtlsCerts', 'caName', 'platform', 'ipFamilies', 'ipFamilyPolicy', 'waypoint', 'trustBundleName', 'nativeNftables', 'networkPolicy',
  'resourceScope', 'agentgateway', 'enableReaderRBAC',
], {
  meshID: str,
  externalIstiod: bool,
  multiCluster: strict({ enabled: bool, clusterName: str, globalDomainSuffix: str, includeEnvoyFilter: bool }),
  network: str,
  meshNetworks: obj,
  proxy: strict(known([
    'autoInject', 'clusterDomain', 'componentLogLevel', 'enableCoreDump', 'excludeInboundPorts', 'excludeIPRanges', 'image', 'includeIPRanges',
    'logLevel', 'outlierLogPath', 'privileged', 'readinessInitialDelaySeconds', 'readinessPeriodSeconds', 'readinessFailureThreshold',
    'seccompProfile', 'startupProbe', 'statusPort', 'resources', 'tracer', 'excludeOutboundPorts', 'lifecycle',
    'holdApplicationUntilProxyStarts', 'includeInboundPorts', 'includeOutboundPorts',
  ])),
  configCluster: bool,
  remotePilotAddress: str,
  istioNamespace: str,
  caAddress: str,
  operatorManageWebhooks: bool,
  configValidation: bool,
}));

/** values_types.proto PilotConfig. */
const PILOT = strict(known([
  'enabled', 'autoscaleEnabled', 'autoscaleMin', 'autoscaleMax', 'autoscaleBehavior', 'replicaCount', 'image', 'traceSampling', 'resources',
  'cpu', 'nodeSelector', 'keepaliveMaxServerConnectionAge', 'deploymentLabels', 'podLabels', 'affinity', 'rollingMaxSurge',
  'rollingMaxUnavailable', 'tolerations', 'podAnnotations', 'serviceAnnotations', 'serviceAccountAnnotations', 'jwksResolverExtraRootCA',
  'hub', 'tag', 'variant', 'seccompProfile', 'topologySpreadConstraints', 'terminationGracePeriodSeconds', 'extraContainerArgs',
  'ipFamilies', 'ipFamilyPolicy', 'memory', 'cni', 'taint', 'trustedZtunnelNamespace', 'istiodRemote', 'envVarFrom', 'crlConfigMapName',
], {
  env: stringMap,
  configMap: bool,
  volumes: { type: 'array', items: obj },
  volumeMounts: { type: 'array', items: obj },
}));

const BASE = strict({
  enableCRDTemplates: bool, excludedCRDs: strings, validationURL: str, enableIstioConfigCRDs: bool, validateGateway: bool, validationCABundle: str,
});
const ISTIOD_REMOTE = strict({ injectionURL: str, injectionPath: str, injectionCABundle: str, enabled: bool, enabledLocalInjectorIstiod: bool });

/** values_types.proto IngressGatewayConfig (`gateways.istio-ingressgateway`). */
const INGRESS_GATEWAY_VALUES = strict(known([
  'autoscaleEnabled', 'autoscaleMax', 'autoscaleMin', 'memory', 'cpu', 'customService', 'enabled', 'env', 'labels', 'loadBalancerIP',
  'loadBalancerSourceRanges', 'name', 'nodeSelector', 'podAnnotations', 'podAntiAffinityLabelSelector', 'podAntiAffinityTermLabelSelector',
  'ports', 'replicaCount', 'resources', 'secretVolumes', 'serviceAnnotations', 'type', 'rollingMaxSurge', 'rollingMaxUnavailable',
  'externalTrafficPolicy', 'tolerations', 'ingressPorts', 'additionalContainers', 'configVolumes', 'runAsRoot', 'serviceAccount',
  'ipFamilies', 'ipFamilyPolicy',
], { injectionTemplate: str }));

/** values_types.proto Values: `spec.values` of an IstioOperator. */
const VALUES = strict(known(['cni', 'ztunnel', 'telemetry', 'sidecarInjectorWebhook', 'istio_cni', 'ownerName', 'compatibilityVersion', 'experimental', 'gatewayClasses'], {
  gateways: strict(known(['istio-egressgateway', 'enabled', 'securityContext', 'seccompProfile'], { 'istio-ingressgateway': INGRESS_GATEWAY_VALUES })),
  global: GLOBAL,
  pilot: PILOT,
  revision: str,
  meshConfig: obj,
  base: BASE,
  istiodRemote: ISTIOD_REMOTE,
  revisionTags: strings,
  defaultRevision: str,
  profile: str,
}));

/** KubernetesResources of the operator API; the Kubernetes-typed fields are also checked field by field below. */
const K8S = strict({
  affinity: obj,
  env: { type: 'array', items: obj },
  hpaSpec: obj,
  imagePullPolicy: str,
  nodeSelector: stringMap,
  podDisruptionBudget: obj,
  podAnnotations: stringMap,
  priorityClassName: str,
  readinessProbe: obj,
  replicaCount: int,
  resources: obj,
  service: obj,
  strategy: obj,
  tolerations: { type: 'array', items: obj },
  serviceAnnotations: stringMap,
  securityContext: obj,
  volumes: { type: 'array', items: obj },
  volumeMounts: { type: 'array', items: obj },
  overlays: { type: 'array', items: strict({ apiVersion: str, kind: str, name: str, patches: { type: 'array', items: strict({ path: str, value: {} }) } }) },
});

/** The KubernetesResources fields typed by Kubernetes structs (corev1, appsv1, autoscaling/v2, policy/v1). */
const K8S_STRUCTS: Record<string, { struct: string; list?: boolean }> = {
  affinity: { struct: 'Affinity' },
  env: { struct: 'EnvVar', list: true },
  hpaSpec: { struct: 'HorizontalPodAutoscalerSpecV2' },
  podDisruptionBudget: { struct: 'PodDisruptionBudgetSpec' },
  readinessProbe: { struct: 'Probe' },
  resources: { struct: 'ResourceRequirements' },
  service: { struct: 'ServiceSpec' },
  strategy: { struct: 'DeploymentStrategy' },
  tolerations: { struct: 'Toleration', list: true },
  securityContext: { struct: 'PodSecurityContext' },
  volumes: { struct: 'Volume', list: true },
  volumeMounts: { struct: 'VolumeMount', list: true },
};

const component = strict({ enabled: bool, namespace: str, hub: str, tag: {}, k8s: K8S });
const gatewayComponent = strict({ enabled: bool, namespace: str, hub: str, tag: {}, k8s: K8S, name: str, label: stringMap }, ['name']);

/** IstioOperator: types.go IstioOperator / IstioOperatorSpec / IstioComponentSpec. */
const ISTIO_OPERATOR = strict({
  apiVersion: { const: 'install.istio.io/v1alpha1' },
  kind: { const: 'IstioOperator' },
  metadata: strict({ name: str, namespace: str, labels: stringMap, annotations: stringMap }),
  spec: strict({
    profile: str,
    installPackagePath: str,
    hub: str,
    tag: {},
    namespace: str,
    revision: str,
    compatibilityVersion: str,
    meshConfig: obj,
    components: strict({
      base: strict({ enabled: bool, k8s: K8S }),
      pilot: component,
      cni: component,
      ztunnel: component,
      istiodRemote: component,
      ingressGateways: { type: 'array', items: gatewayComponent },
      egressGateways: { type: 'array', items: gatewayComponent },
      gateway: component,
    }),
    values: VALUES,
    unvalidatedValues: {},
  }),
}, ['apiVersion', 'kind']);

/** Helm values of the istio/istiod chart: its values.yaml keys, `profile`, and `pilot` (istioctl-style values the chart also reads). */
const ISTIOD_CHART = strict(known([
  'autoscaleEnabled', 'autoscaleMin', 'autoscaleMax', 'autoscaleBehavior', 'replicaCount', 'rollingMaxSurge', 'rollingMaxUnavailable', 'hub',
  'tag', 'variant', 'image', 'traceSampling', 'resources', 'seccompProfile', 'cni', 'extraContainerArgs', 'envVarFrom', 'taint', 'affinity',
  'tolerations', 'cpu', 'memory', 'initContainers', 'nodeSelector', 'podAnnotations', 'serviceAnnotations', 'serviceAccountAnnotations',
  'sidecarInjectorWebhookAnnotations', 'topologySpreadConstraints', 'jwksResolverExtraRootCA', 'keepaliveMaxServerConnectionAge',
  'deploymentLabels', 'configMap', 'podLabels', 'ipFamilyPolicy', 'ipFamilies', 'trustedZtunnelNamespace', 'trustedZtunnelName',
  'sidecarInjectorWebhook', 'telemetry', 'ownerName', 'experimental', 'gateways', 'gatewayClasses', 'compatibilityVersion',
], {
  profile: str,
  revision: str,
  revisionTags: strings,
  meshConfig: obj,
  env: stringMap,
  volumes: { type: 'array', items: obj },
  volumeMounts: { type: 'array', items: obj },
  global: GLOBAL,
  pilot: PILOT,
  istiodRemote: ISTIOD_REMOTE,
  base: BASE,
}));

/** Helm values of the istio/base chart. */
const BASE_CHART = strict({ profile: str, global: GLOBAL, base: BASE, defaultRevision: str, experimental: obj, compatibilityVersion: str });

/** Helm values of the istio/gateway chart (its values.schema.json keys). */
const GATEWAY_CHART = strict(known([
  'affinity', 'securityContext', 'containerSecurityContext', 'kind', 'annotations', 'autoscaling', 'env', 'strategy', 'minReadySeconds',
  'readinessProbe', 'labels', 'nodeSelector', 'podAnnotations', 'replicaCount', 'resources', 'compatibilityVersion', 'runAsRoot',
  'unprivilegedPort', 'serviceAccount', 'rbac', 'tolerations', 'topologySpreadConstraints', 'imagePullPolicy', 'imagePullSecrets',
  'podDisruptionBudget', 'terminationGracePeriodSeconds', 'volumes', 'volumeMounts', 'priorityClassName', 'lifecycle', 'global', 'pilot',
], {
  profile: str,
  name: str,
  networkGateway: str,
  revision: str,
  service: strict(known(['annotations', 'externalTrafficPolicy', 'loadBalancerIP', 'loadBalancerSourceRanges', 'ipFamilies', 'ipFamilyPolicy', 'type'], {
    ports: { type: 'array', items: servicePort },
  })),
}));

/** Helm values of the istio/cni chart (ambient: `profile: ambient`). */
const CNI_CHART = strict(known([
  'hub', 'tag', 'variant', 'image', 'pullPolicy', 'logLevel', 'logging', 'cniBinDir', 'cniConfDir', 'cniConfFileName', 'cniNetnsDir',
  'excludeNamespaces', 'affinity', 'podAnnotations', 'podLabels', 'psp_cluster_role', 'repair', 'resources', 'resourceQuotas', 'privileged',
  'seccompProfile', 'provider', 'chained', 'rollingMaxUnavailable', 'ambient', 'istioOwnedCNIConfig', 'istioOwnedCNIConfigFilename',
  'platform', 'priorityClassName', 'nodeSelector', 'tolerations', 'updateStrategy', 'env', 'global',
], { profile: str, revision: str }));

/** Helm values of the istio/ztunnel chart: `multiCluster.clusterName` at the top level, the network under `global`. */
const ZTUNNEL_CHART = strict(known([
  'hub', 'tag', 'variant', 'image', 'resourceName', 'istioNamespace', 'podLabels', 'labels', 'annotations', 'podAnnotations', 'resources',
  'resourceQuotas', 'nodeSelector', 'imagePullSecrets', 'tolerations', 'affinity', 'meshConfig', 'logLevel', 'logAsJson', 'env',
  'terminationGracePeriodSeconds', 'caAddress', 'xdsAddress', 'SELinuxOptions', 'updateStrategy', 'priorityClassName', 'volumes',
  'volumeMounts', 'seLinuxOptions', 'trustedZtunnelNamespace',
], {
  profile: str,
  revision: str,
  multiCluster: strict({ clusterName: str }),
  global: strict(known(['hub', 'tag', 'variant', 'imagePullPolicy', 'imagePullSecrets', 'logAsJson', 'logging', 'platform', 'proxy'], { network: str })),
}));

/** canary/<namespace>-<name>.plan.yaml (patterns/canary-release-render.ts CanaryPlan). */
const CANARY_PLAN = strict({
  service: str,
  stableVersion: str,
  canaryVersion: str,
  stableClusters: strings,
  canaryClusters: strings,
  environmentVariable: { type: 'string', pattern: '^CDK8S_MESH_CANARY_STEP_[A-Z0-9_]+$' },
  currentStep: { anyOf: [{ type: 'integer', minimum: 0 }, { const: 'rollback' }] },
  grayRelease: { type: 'array', items: stringMap },
  steps: {
    type: 'array',
    minItems: 1,
    items: strict({ step: { type: 'integer', minimum: 0 }, weights: { type: 'object', additionalProperties: { type: 'integer', minimum: 0, maximum: 100 } } }, ['step', 'weights']),
  },
}, ['service', 'stableVersion', 'canaryVersion', 'currentStep', 'grayRelease', 'steps']);

/** DCE parameters are flat dotted keys with string values. */
const DCE_PARAMS = { type: 'object', propertyNames: { pattern: '^(global|istio)\\.[A-Za-z0-9_.\\[\\]-]+$' }, additionalProperties: str };
const DCE_GLOBAL_MESH = strict({ spec: strict({ ownerConfig: strict({ controlPlaneParams: DCE_PARAMS }, ['controlPlaneParams']) }, ['ownerConfig']) }, ['spec']);
const DCE_MESH_CLUSTER = strict({ spec: strict({ meshedParams: { type: 'array', items: strict({ params: DCE_PARAMS }, ['params']) } }, ['meshedParams']) }, ['spec']);

/** tcm/gateway-<namespace>-<name>.json (platforms/tcm/tcm-provisioning.ts TcmProvisioning). */
const TCM_PROVISIONING = strict({
  name: str,
  namespace: str,
  cluster: str,
  type: { enum: ['ingress', 'egress'] },
  accessType: { enum: Object.values(TcmAccessType) },
  loadBalancer: { anyOf: [{ const: 'automatic' }, strict({ existing: str }, ['existing'])] },
  preserveClientSourceIp: bool,
  deploymentMode: { enum: Object.values(TcmDeploymentMode) },
  exclusiveNodes: strings,
  ports: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65535 } },
}, ['name', 'namespace', 'type', 'deploymentMode', 'ports']);

/** A schema for files of a kind, by path below the output directory. */
export interface ArtifactSchema {
  /** What the file is, for messages. */
  readonly what: string;
  /** The files (path relative to the output directory). */
  readonly path: RegExp;
  /** The JSON schema every document of the file must satisfy. */
  readonly schema: object;
}

/** The library's files without apiVersion and kind, by path. */
export const ARTIFACT_SCHEMAS: ArtifactSchema[] = [
  { what: 'istio/istiod Helm values', path: /(^|\/)helm\/istiod(-[^/]+)?\.values\.yaml$/, schema: ISTIOD_CHART },
  { what: 'istio/base Helm values', path: /(^|\/)helm\/istio-base\.values\.yaml$/, schema: BASE_CHART },
  { what: 'istio/cni Helm values', path: /(^|\/)helm\/istio-cni\.values\.yaml$/, schema: CNI_CHART },
  { what: 'istio/ztunnel Helm values', path: /(^|\/)helm\/ztunnel\.values\.yaml$/, schema: ZTUNNEL_CHART },
  { what: 'istio/gateway Helm values', path: /(^|\/)helm\/[^/]+\.values\.yaml$/, schema: GATEWAY_CHART },
  { what: 'canary plan', path: /^canary\/[^/]+\.plan\.yaml$/, schema: CANARY_PLAN },
  { what: 'DCE GlobalMesh parameters', path: /^dce\/globalmesh-[^/]+\.yaml$/, schema: DCE_GLOBAL_MESH },
  { what: 'DCE MeshCluster parameters', path: /^dce\/meshclusters\.yaml$/, schema: DCE_MESH_CLUSTER },
  { what: 'TCM gateway provisioning', path: /^tcm\/gateway-[^/]+\.json$/, schema: TCM_PROVISIONING },
];

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<object, ValidateFunction>();

function schemaErrors(schema: object, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, validate = ajv.compile(schema));
  if (validate(value)) return [];
  return (validate.errors ?? []).map(e => {
    const extra = e.keyword === 'additionalProperties' ? ` (unknown field "${String((e.params as { additionalProperty?: string }).additionalProperty)}")` : '';
    return `${e.instancePath || '/'}: ${e.message}${extra}`;
  });
}

/** Everything wrong with an IstioOperator: its structure, then the Kubernetes-typed fields of every component's `k8s`. */
export function istioOperatorErrors(doc: unknown): string[] {
  const errors = schemaErrors(ISTIO_OPERATOR, doc);
  const components = (doc as { spec?: { components?: Record<string, unknown> } })?.spec?.components ?? {};
  for (const [name, value] of Object.entries(components)) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((c, i) => {
      const k8s = (c as { k8s?: Record<string, unknown> } | undefined)?.k8s ?? {};
      const at = Array.isArray(value) ? `/spec/components/${name}/${i}/k8s` : `/spec/components/${name}/k8s`;
      for (const [field, { struct, list: isList }] of Object.entries(K8S_STRUCTS)) {
        const v = k8s[field];
        if (v === undefined) continue;
        if (isList && Array.isArray(v)) v.forEach((item, j) => errors.push(...kubernetesStructErrors(item, struct, `${at}/${field}/${j}`)));
        else errors.push(...kubernetesStructErrors(v, struct, `${at}/${field}`));
      }
    });
  }
  return errors;
}

/** Whether a document is an IstioOperator (checked by `istioOperatorErrors`, not as a Kubernetes object). */
export function isIstioOperator(doc: unknown): boolean {
  const d = doc as { apiVersion?: unknown; kind?: unknown } | null;
  return d?.kind === 'IstioOperator' && typeof d.apiVersion === 'string' && d.apiVersion.startsWith('install.istio.io/');
}

/** Errors of a document without apiVersion and kind in `file`: the first schema whose path matches, or "no schema". */
export function artifactDocumentErrors(file: string, doc: unknown, schemas: readonly ArtifactSchema[]): string[] {
  const match = schemas.find(s => s.path.test(file));
  if (!match) return [`no schema for ${file}: a file the library writes needs apiVersion and kind, or a schema in test/conformance/artifacts.ts`];
  return schemaErrors(match.schema, doc).map(e => `${match.what}: ${e}`);
}
