/**
 * Every `istioctl analyze` message (istio/istio `pkg/config/analysis/msg/messages.yaml`) and how this library treats
 * it. Rules that correspond to a code carry it as `istioCode`; this table records the codes without a rule and why.
 * docs/RULES.md renders both.
 */
export interface IstioCodeCoverage {
  /** The message code, e.g. `IST0101`. */
  readonly code: string;
  /** The message name in Istio. */
  readonly name: string;
  /** Istio's level: Error, Warning or Info. */
  readonly level: string;
  /** Why no rule covers it (live state, or not expressible through the typed API); undefined when rules cover it. */
  readonly without?: string;
}

const LIVE = 'Live cluster state, not configuration: nothing to check before apply.';

/** Istio's analyzer messages, in code order. */
export const ISTIO_CODES: readonly IstioCodeCoverage[] = [
  { code: 'IST0001', name: 'InternalError', level: 'Error', without: 'An error of the analyzer itself.' },
  { code: 'IST0002', name: 'Deprecated', level: 'Warning', without: 'The typed API writes only current v1 fields (no `fault.delay.percent`, no removed CRDs); raw objects are validated against the 1.30 CRD schemas in tests, not analyzed for deprecations.' },
  { code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error' },
  { code: 'IST0102', name: 'NamespaceNotInjected', level: 'Info' },
  { code: 'IST0103', name: 'PodMissingProxy', level: 'Warning', without: LIVE },
  { code: 'IST0106', name: 'SchemaValidationError', level: 'Error' },
  { code: 'IST0107', name: 'MisplacedAnnotation', level: 'Warning' },
  { code: 'IST0108', name: 'UnknownAnnotation', level: 'Warning' },
  { code: 'IST0109', name: 'ConflictingMeshGatewayVirtualServiceHosts', level: 'Error' },
  { code: 'IST0110', name: 'ConflictingSidecarWorkloadSelectors', level: 'Error' },
  { code: 'IST0111', name: 'MultipleSidecarsWithoutWorkloadSelectors', level: 'Error' },
  { code: 'IST0112', name: 'VirtualServiceDestinationPortSelectorRequired', level: 'Error' },
  { code: 'IST0116', name: 'DeploymentAssociatedToMultipleServices', level: 'Warning' },
  { code: 'IST0118', name: 'PortNameIsNotUnderNamingConvention', level: 'Info' },
  { code: 'IST0123', name: 'NamespaceMultipleInjectionLabels', level: 'Warning' },
  { code: 'IST0125', name: 'InvalidAnnotation', level: 'Warning' },
  { code: 'IST0126', name: 'UnknownMeshNetworksServiceRegistry', level: 'Error', without: 'meshNetworks are generated from the declared clusters, so every `fromRegistry` is a cluster of the mesh.' },
  { code: 'IST0127', name: 'NoMatchingWorkloadsFound', level: 'Warning' },
  { code: 'IST0128', name: 'NoServerCertificateVerificationDestinationLevel', level: 'Warning' },
  { code: 'IST0129', name: 'NoServerCertificateVerificationPortLevel', level: 'Warning' },
  { code: 'IST0130', name: 'VirtualServiceUnreachableRule', level: 'Warning' },
  { code: 'IST0131', name: 'VirtualServiceIneffectiveMatch', level: 'Info' },
  { code: 'IST0132', name: 'VirtualServiceHostNotFoundInGateway', level: 'Warning' },
  { code: 'IST0133', name: 'SchemaWarning', level: 'Warning', without: 'Covered where it matters by MESH-ANA-026 (ServiceEntry addresses) and MESH-ANA-049; other webhook warnings are not analyzed.' },
  { code: 'IST0134', name: 'ServiceEntryAddressesRequired', level: 'Warning' },
  { code: 'IST0135', name: 'DeprecatedAnnotation', level: 'Info' },
  { code: 'IST0136', name: 'AlphaAnnotation', level: 'Info' },
  { code: 'IST0137', name: 'DeploymentConflictingPorts', level: 'Warning' },
  { code: 'IST0138', name: 'GatewayDuplicateCertificate', level: 'Warning' },
  { code: 'IST0139', name: 'InvalidWebhook', level: 'Error', without: 'Webhook configurations are installed by istioctl/Helm, not written by the app.' },
  { code: 'IST0140', name: 'IngressRouteRulesNotAffected', level: 'Warning' },
  { code: 'IST0141', name: 'InsufficientPermissions', level: 'Error', without: LIVE },
  { code: 'IST0142', name: 'UnsupportedKubernetesVersion', level: 'Error', without: LIVE },
  { code: 'IST0143', name: 'LocalhostListener', level: 'Error', without: 'Needs the sockets a running pod listens on.' },
  { code: 'IST0144', name: 'InvalidApplicationUID', level: 'Warning' },
  { code: 'IST0145', name: 'ConflictingGateways', level: 'Error' },
  { code: 'IST0146', name: 'ImageAutoWithoutInjectionWarning', level: 'Warning' },
  { code: 'IST0147', name: 'ImageAutoWithoutInjectionError', level: 'Error' },
  { code: 'IST0148', name: 'NamespaceInjectionEnabledByDefault', level: 'Info', without: 'The mesh config the library writes never sets `enableNamespacesByDefault`.' },
  { code: 'IST0149', name: 'JwtClaimBasedRoutingWithoutRequestAuthN', level: 'Error' },
  { code: 'IST0150', name: 'ExternalNameServiceTypeInvalidPortName', level: 'Warning' },
  { code: 'IST0151', name: 'EnvoyFilterUsesRelativeOperation', level: 'Warning' },
  { code: 'IST0152', name: 'EnvoyFilterUsesReplaceOperationIncorrectly', level: 'Error' },
  { code: 'IST0153', name: 'EnvoyFilterUsesAddOperationIncorrectly', level: 'Error' },
  { code: 'IST0154', name: 'EnvoyFilterUsesRemoveOperationIncorrectly', level: 'Error' },
  { code: 'IST0155', name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion', level: 'Warning', without: 'Reported as MESH-ANA-034 (IST0151): every relative patch without a priority, with or without proxyVersion.' },
  { code: 'IST0156', name: 'UnsupportedGatewayAPIVersion', level: 'Error', without: LIVE },
  { code: 'IST0157', name: 'InvalidTelemetryProvider', level: 'Warning' },
  { code: 'IST0158', name: 'PodsIstioProxyImageMismatchInNamespace', level: 'Warning', without: LIVE },
  { code: 'IST0159', name: 'ConflictingTelemetryWorkloadSelectors', level: 'Error' },
  { code: 'IST0160', name: 'MultipleTelemetriesWithoutWorkloadSelectors', level: 'Error' },
  { code: 'IST0161', name: 'InvalidGatewayCredential', level: 'Error' },
  { code: 'IST0162', name: 'GatewayPortNotDefinedOnService', level: 'Warning' },
  { code: 'IST0163', name: 'InvalidExternalControlPlaneConfig', level: 'Warning' },
  { code: 'IST0164', name: 'ExternalControlPlaneAddressIsNotAHostname', level: 'Info' },
  { code: 'IST0165', name: 'ReferencedInternalGateway', level: 'Warning', without: 'The generated Gateway is not part of the app, so such a reference is reported by MESH-ANA-004 (IST0101).' },
  { code: 'IST0166', name: 'IneffectiveSelector', level: 'Warning' },
  { code: 'IST0167', name: 'IneffectivePolicy', level: 'Warning' },
  { code: 'IST0168', name: 'UnknownUpgradeCompatibility', level: 'Warning', without: 'About the installed control plane\'s compatibility version.' },
  { code: 'IST0169', name: 'UpdateIncompatibility', level: 'Warning', without: 'About the installed control plane\'s compatibility version.' },
  { code: 'IST0170', name: 'MultiClusterInconsistentService', level: 'Warning' },
  { code: 'IST0171', name: 'NegativeConditionStatus', level: 'Warning', without: LIVE },
  { code: 'IST0172', name: 'FutureUnsupportedGatewayAPIVersion', level: 'Warning', without: LIVE },
  { code: 'IST0173', name: 'DestinationRuleSubsetNotSelectPods', level: 'Error' },
  { code: 'IST0174', name: 'UnknownDestinationRuleHost', level: 'Warning' },
  { code: 'IST0175', name: 'JwksUriFetchUnrestricted', level: 'Warning' },
  { code: 'IST0176', name: 'GatewayAPICRDVersionBelowMinimum', level: 'Warning', without: LIVE },
  { code: 'IST0177', name: 'ConflictingServiceEntryProtocol', level: 'Warning' },
];
