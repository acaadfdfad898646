/**
 * Alibaba Cloud Service Mesh (ASM) gateways: both `IstioGateway` examples of the ASM field reference,
 * declared with the typed props that mirror the `IstioGateway` fields.
 *
 * Seed: 004 (ASM IstioGateway). The ingress gateway runs in two clusters with per-cluster overrides
 * (replicas, resources, load balancer spec), autoscaling on CPU and the optional ConfigMap/Secret volumes;
 * the egress gateway is a ClusterIP exit point whose Gateway listeners accept sidecar traffic with
 * ISTIO_MUTUAL.
 *
 * With `Platform.asm()` (the default here) each gateway renders as one `IstioGateway` CR in the ASM
 * control plane (the `asm-control-plane` output), equal field by field to the seed's two examples (with the
 * optional volumes of the ingress example enabled and the egress example's ASM-only fields, including its
 * explicit `runAsRoot: true`, under `asm`). `build(app, false)` renders the same declaration as upstream
 * gateway workloads in each cluster.
 */
import {
  ClusterRole, EgressGateway, ExternalTrafficPolicy, GatewayDnsPolicy, GatewayServiceType, GatewayTlsMode, IngressGateway, Mesh, MeshApp,
  Platform, Protocol,
} from 'cdk8s-mesh';

/** The two ACK clusters of the ASM instance (the seed's `<cluster-id-1>` / `<cluster-id-2>` examples). */
export const ASM_CLUSTERS = ['c8a4b2xxxxxx', 'c9f3e7xxxxxx'];

const LB_ADDRESS_TYPE = 'service.beta.kubernetes.io/alicloud-loadbalancer-address-type';
const LB_SPEC = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec';

/** The ingress `IstioGateway` example: `myexample-customingressgateway` in both clusters. */
export function addIngressGateway(mesh: Mesh): IngressGateway {
  const resources = (cpu: string, memory: string, requestCpu: string, requestMemory: string) => ({
    limits: { cpu, memory }, requests: { cpu: requestCpu, memory: requestMemory },
  });
  return new IngressGateway(mesh, 'myexample-customingressgateway', {
    name: 'myexample-customingressgateway',
    namespaceName: 'istio-system',
    clusters: ASM_CLUSTERS,
    cpu: { targetAverageUtilization: 80 },
    env: [{ name: 'envname1', value: 'envvalue1' }],
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    podLabels: { key1: 'value1' },
    ports: [
      { name: 'status-port', port: 15020, targetPort: 15020 },
      { name: 'http2', port: 80, targetPort: 80 },
      { name: 'https', port: 443, targetPort: 0 },
      { name: 'tls', port: 15443, targetPort: 15443 },
    ],
    replicaCount: 1,
    resources: resources('2', '2G', '200m', '256Mi'),
    configVolumes: [{ name: 'config-volume-lua', configMapName: 'lua-libs', mountPath: '/var/lib/lua' }],
    secretVolumes: [{
      name: 'myexample-customingressgateway-certs',
      secretName: 'istio-myexample-customingressgateway-certs',
      mountPath: '/etc/istio/myexample-customingressgateway-certs',
    }],
    serviceType: GatewayServiceType.LOAD_BALANCER,
    serviceAnnotations: { [LB_ADDRESS_TYPE]: 'internet' },
    serviceLabels: { serviceLabelKey1: 'serviceLabelValue1' },
    podAnnotations: { podAnnotationsKey1: 'podAnnotationsValue1' },
    rollingMaxSurge: '100%',
    rollingMaxUnavailable: '25%',
    overrides: {
      [ASM_CLUSTERS[0]]: {
        replicaCount: 1,
        resources: resources('2', '2G', '200m', '256Mi'),
        serviceAnnotations: { [LB_ADDRESS_TYPE]: 'internet', [LB_SPEC]: 'slb.s1.small' },
      },
      [ASM_CLUSTERS[1]]: {
        replicaCount: 2,
        resources: resources('4', '4G', '400m', '512Mi'),
        serviceAnnotations: { [LB_ADDRESS_TYPE]: 'internet', [LB_SPEC]: 'slb.s2.small' },
      },
    },
  });
}

/** The egress `IstioGateway` example, plus its Gateway listeners: sidecars reach it over ISTIO_MUTUAL. */
export function addEgressGateway(mesh: Mesh): EgressGateway {
  const egress = new EgressGateway(mesh, 'egressgateway', {
    name: 'egressgateway',
    namespaceName: 'istio-system',
    clusters: [ASM_CLUSTERS[0]],
    dnsPolicy: GatewayDnsPolicy.CLUSTER_FIRST,
    hostNetwork: false,
    podLabels: { 'security.istio.io/tlsMode': 'istio' },
    ports: [
      { name: 'http-0', port: 80, protocol: Protocol.HTTP, targetPort: 80 },
      { name: 'https-1', port: 443, protocol: Protocol.HTTPS, targetPort: 443 },
    ],
    replicaCount: 1,
    resources: { limits: { cpu: '2', memory: '4G' }, requests: { cpu: '200m', memory: '256Mi' } },
    rollingMaxSurge: '25%',
    rollingMaxUnavailable: '25%',
    serviceType: GatewayServiceType.CLUSTER_IP,
    asm: { autoCreateGatewayYaml: false, disableContainerPortExposed: true, readinessProbe: {}, runAsRoot: true },
  });
  const mutual = { mode: GatewayTlsMode.ISTIO_MUTUAL };
  egress.addListener('egress-listeners', {
    name: 'egressgateway',
    servers: [
      { port: 80, name: 'https-80', protocol: Protocol.HTTPS, hosts: ['www.aliyun.com'], tls: mutual },
      { port: 443, name: 'tls-443', protocol: Protocol.TLS, hosts: ['www.aliyun.com'], tls: mutual },
    ],
  });
  return egress;
}

/**
 * Builds the example into `app`: on ASM (IstioGateway CRs in the ASM control plane) or, with `onAsm` false,
 * as upstream gateway workloads.
 */
export function build(app: MeshApp = new MeshApp(), onAsm: boolean = true): MeshApp {
  const role = onAsm ? ClusterRole.REMOTE : ClusterRole.PRIMARY;
  const clusters = ASM_CLUSTERS.map(name => ({ name, region: 'cn-hangzhou', role }));
  const mesh = new Mesh(app, 'asm', {
    meshId: 'asm-demo',
    platform: onAsm ? Platform.asm() : Platform.UPSTREAM,
    clusters: onAsm ? [{ name: 'asm-control-plane', role: ClusterRole.CONFIG }, ...clusters] : clusters,
  });
  addIngressGateway(mesh);
  addEgressGateway(mesh);
  return app;
}

if (require.main === module) {
  build().synth();
}
