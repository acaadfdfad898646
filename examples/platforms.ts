/**
 * One mesh, four platforms: the same two-cluster shop mesh rendered for upstream Istio, Alibaba Cloud ASM,
 * Tencent Cloud Mesh and a DaoCloud DCE hosted mesh. Only `platform` and the cluster roles change; the
 * profile decides where Istio config goes, how namespaces are labelled, whether istiod is installed and
 * how the ingress gateway is provisioned.
 *
 * Seeds: 004 (ASM IstioGateway in istio-system, clusterIds and per-cluster overrides), 000 (TCM
 * `istio.io/rev: 1-22-5` injection, Gateway listeners with `qcloud-<id>` certificates and CLB offload),
 * 002 (DCE hosted virtual cluster, `istio-injection=enabled`, network IDs and meshNetworks parameters).
 *
 * Each profile gets its own mesh and cluster names (`<profile>-east`, `<profile>-west`), so all four render
 * side by side into one output directory.
 */
import {
  ClusterProps, ClusterRole, GatewayTlsMode, IngressGateway, IstioVersion, Mesh, MeshApp, MeshService, Platform, Protocol,
  TcmAccessType, TcmCertificate, TcmClbOffload,
} from 'cdk8s-mesh';

/** The platforms of the example, with the profile each one uses. */
export const PROFILES: Record<string, () => Platform> = {
  upstream: () => Platform.UPSTREAM,
  asm: () => Platform.asm({ clusterIds: { 'asm-east': 'c8a4b2xxxxxx', 'asm-west': 'c9f3e7xxxxxx' } }),
  tcm: () => Platform.tcm(),
  dce: () => Platform.dce({
    remotePilotAddress: '10.64.30.72',
    networkGateways: [{ network: 'dce-east-net', address: '10.64.30.73' }, { network: 'dce-west-net', address: '10.6.136.29' }],
  }),
};

/** The clusters of a profile: ASM and DCE add a CONFIG output and make data-plane clusters REMOTE; TCM has one primary. */
function clustersFor(profile: string): ClusterProps[] {
  // DCE puts every worker on its own network, as in the DCE multi-cloud plan.
  const data = (side: string, role: ClusterRole): ClusterProps => ({
    name: `${profile}-${side}`,
    role,
    network: profile === 'dce' ? `${profile}-${side}-net` : undefined,
  });
  switch (profile) {
    case 'asm': return [{ name: 'asm-control-plane', role: ClusterRole.CONFIG }, data('east', ClusterRole.REMOTE), data('west', ClusterRole.REMOTE)];
    case 'dce': return [{ name: 'dce-hosted', role: ClusterRole.CONFIG }, data('east', ClusterRole.REMOTE), data('west', ClusterRole.REMOTE)];
    case 'tcm': return [data('east', ClusterRole.PRIMARY), data('west', ClusterRole.REMOTE)];
    default: return [data('east', ClusterRole.PRIMARY), data('west', ClusterRole.PRIMARY)];
  }
}

/** The shared mesh content: the `shop` namespace and its frontend in both clusters. */
function declareShop(mesh: Mesh): void {
  mesh.addNamespace('shop');
  new MeshService(mesh, 'frontend', { name: 'frontend', namespaceName: 'shop', ports: [{ port: 8080, protocol: Protocol.HTTP }] });
}

/**
 * The ingress gateway, declared once: upstream and DCE render its workloads, ASM an `IstioGateway` CR,
 * TCM only its listeners and provisioning options. Only the TCM certificate source differs.
 */
function declareIngress(mesh: Mesh, profile: string): void {
  const tcm = profile === 'tcm';
  const ingress = new IngressGateway(mesh, 'ingress', {
    ports: [{ name: 'http2', port: 80, targetPort: 80 }, { name: 'https', port: 443, targetPort: 443 }],
    cpu: { targetAverageUtilization: 80 },
    minReplicas: 2,
    maxReplicas: 5,
    tcm: { accessType: TcmAccessType.PUBLIC_NETWORK, preserveClientSourceIp: true },
  });
  ingress.addListener('shop', {
    name: 'shop-gateway',
    servers: [
      {
        port: 443,
        protocol: Protocol.HTTPS,
        hosts: ['shop.example.com'],
        tls: { mode: GatewayTlsMode.SIMPLE, credentialName: tcm ? TcmCertificate.fromSslCertificateService('abcdABCD').credentialName : 'shop-cert' },
      },
      tcm
        ? { port: 80, name: TcmClbOffload.portName(80, 'ABCDabcd'), protocol: Protocol.HTTP, hosts: ['shop.example.com'] }
        : { port: 80, protocol: Protocol.HTTP, hosts: ['shop.example.com'], httpsRedirect: true },
    ],
  });
}

/** Builds the example into `app`: one mesh per profile. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  for (const [profile, platform] of Object.entries(PROFILES)) {
    const clusters = clustersFor(profile);
    const mesh = new Mesh(app, profile, {
      meshId: `shop-${profile}`,
      istioVersion: IstioVersion.of('1.22.5'),
      platform: platform(),
      networks: clusters.flatMap(c => c.network ? [{ name: c.network }] : []),
      clusters,
    });
    declareShop(mesh);
    declareIngress(mesh, profile);
  }
  return app;
}

if (require.main === module) {
  build().synth();
}
