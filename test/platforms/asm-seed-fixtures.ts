/**
 * The two IstioGateway examples of the ASM field reference (seed 004, "Configuration examples"),
 * transcribed. Placeholders are kept as written (`<cluster-id-1>` ...); the optional, commented-out
 * volume blocks of the ingress example are left out as in the seed.
 */
export const SEED_INGRESS_GATEWAY = {
  apiVersion: 'istio.alibabacloud.com/v1beta1',
  kind: 'IstioGateway',
  metadata: { name: 'myexample-customingressgateway', namespace: 'istio-system' },
  spec: {
    clusterIds: ['<cluster-id-1>', '<cluster-id-2>'],
    cpu: { targetAverageUtilization: 80 },
    env: [{ name: 'envname1', value: 'envvalue1' }],
    externalTrafficPolicy: 'Local',
    gatewayType: 'ingress',
    podLabels: { key1: 'value1' },
    ports: [
      { name: 'status-port', port: 15020, targetPort: 15020 },
      { name: 'http2', port: 80, targetPort: 80 },
      { name: 'https', port: 443, targetPort: 0 },
      { name: 'tls', port: 15443, targetPort: 15443 },
    ],
    replicaCount: 1,
    resources: { limits: { cpu: '2', memory: '2G' }, requests: { cpu: '200m', memory: '256Mi' } },
    serviceType: 'LoadBalancer',
    serviceAnnotations: { 'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet' },
    serviceLabels: { serviceLabelKey1: 'serviceLabelValue1' },
    podAnnotations: { podAnnotationsKey1: 'podAnnotationsValue1' },
    rollingMaxSurge: '100%',
    rollingMaxUnavailable: '25%',
    overrides: {
      '<cluster-id-1>': {
        replicaCount: 1,
        resources: { limits: { cpu: '2', memory: '2G' }, requests: { cpu: '200m', memory: '256Mi' } },
        serviceAnnotations: {
          'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet',
          'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec': 'slb.s1.small',
        },
      },
      '<cluster-id-2>': {
        replicaCount: 2,
        resources: { limits: { cpu: '4', memory: '4G' }, requests: { cpu: '400m', memory: '512Mi' } },
        serviceAnnotations: {
          'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet',
          'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec': 'slb.s2.small',
        },
      },
    },
  },
};

export const SEED_EGRESS_GATEWAY = {
  apiVersion: 'istio.alibabacloud.com/v1beta1',
  kind: 'IstioGateway',
  metadata: { name: 'egressgateway', namespace: 'istio-system' },
  spec: {
    autoCreateGatewayYaml: false,
    clusterIds: ['<cluster-id>'],
    disableContainerPortExposed: true,
    dnsPolicy: 'ClusterFirst',
    gatewayType: 'egress',
    hostNetwork: false,
    podLabels: { 'security.istio.io/tlsMode': 'istio' },
    ports: [
      { name: 'http-0', port: 80, protocol: 'HTTP', targetPort: 80 },
      { name: 'https-1', port: 443, protocol: 'HTTPS', targetPort: 443 },
    ],
    readinessProbe: {},
    replicaCount: 1,
    resources: { limits: { cpu: '2', memory: '4G' }, requests: { cpu: '200m', memory: '256Mi' } },
    rollingMaxSurge: '25%',
    rollingMaxUnavailable: '25%',
    runAsRoot: true,
    serviceType: 'ClusterIP',
  },
};
