import { SEED_EGRESS_GATEWAY, SEED_INGRESS_GATEWAY } from './asm-seed-fixtures';
import { build as buildAsmExample } from '../../examples/asm-gateways';
import {
  ClusterRole, EastWestGateway, EgressGateway, ExternalTrafficPolicy, GatewayDnsPolicy, GatewayProps, GatewayServiceType,
  GzipCompressionLevel, IngressGateway, IstioVersion, Mesh, Platform, Protocol,
} from '../../src';
import { synth, synthError, testApp } from '../util';

const SEED_RESOURCES = { limits: { cpu: '2', memory: '2G' }, requests: { cpu: '200m', memory: '256Mi' } };

/** An ASM mesh: the control-plane API server (CONFIG) and two ACK data-plane clusters. */
function asmMesh(version?: IstioVersion) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'asm-mesh',
    platform: Platform.asm({ version, clusterIds: { 'ack-1': '<cluster-id-1>', 'ack-2': '<cluster-id-2>', 'ack-egress': '<cluster-id>' } }),
    clusters: [
      { name: 'asm-control-plane', role: ClusterRole.CONFIG },
      { name: 'ack-1', role: ClusterRole.REMOTE },
      { name: 'ack-2', role: ClusterRole.REMOTE },
      { name: 'ack-egress', role: ClusterRole.REMOTE },
    ],
  });
  return { app, mesh };
}

/** The seed's ingress gateway, declared with typed props. */
function seedIngress(mesh: Mesh, extra: GatewayProps = {}) {
  return new IngressGateway(mesh, 'ingress', {
    name: 'myexample-customingressgateway',
    clusters: ['ack-1', 'ack-2'],
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
    resources: SEED_RESOURCES,
    serviceType: GatewayServiceType.LOAD_BALANCER,
    serviceAnnotations: { 'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet' },
    serviceLabels: { serviceLabelKey1: 'serviceLabelValue1' },
    podAnnotations: { podAnnotationsKey1: 'podAnnotationsValue1' },
    rollingMaxSurge: '100%',
    rollingMaxUnavailable: '25%',
    overrides: {
      'ack-1': {
        replicaCount: 1,
        resources: SEED_RESOURCES,
        serviceAnnotations: {
          'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet',
          'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec': 'slb.s1.small',
        },
      },
      'ack-2': {
        replicaCount: 2,
        resources: { limits: { cpu: '4', memory: '4G' }, requests: { cpu: '400m', memory: '512Mi' } },
        serviceAnnotations: {
          'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet',
          'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec': 'slb.s2.small',
        },
      },
    },
    ...extra,
  });
}

/** The seed's egress gateway, declared with typed props. */
function seedEgress(mesh: Mesh, extra: GatewayProps = {}) {
  return new EgressGateway(mesh, 'egress', {
    name: 'egressgateway',
    namespaceName: 'istio-system',
    clusters: ['ack-egress'],
    asm: { autoCreateGatewayYaml: false, disableContainerPortExposed: true, readinessProbe: {}, runAsRoot: true },
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
    ...extra,
  });
}

describe('ASM platform: IstioGateway rendering', () => {
  test('renders the seed ingress IstioGateway field by field, into the ASM control plane only', () => {
    const { app, mesh } = asmMesh();
    seedIngress(mesh);
    const out = synth(app);
    const gw = out.find('asm-control-plane', 'IstioGateway', 'myexample-customingressgateway', 'istio-system');
    expect(gw.apiVersion).toBe(SEED_INGRESS_GATEWAY.apiVersion);
    expect(gw.metadata).toEqual(SEED_INGRESS_GATEWAY.metadata);
    for (const field of Object.keys(SEED_INGRESS_GATEWAY.spec)) {
      expect({ field, value: gw.spec[field] }).toEqual({ field, value: (SEED_INGRESS_GATEWAY.spec as any)[field] });
    }
    expect(gw).toEqual(SEED_INGRESS_GATEWAY);
    for (const cluster of ['ack-1', 'ack-2']) {
      expect(out.ofKind(cluster, 'IstioGateway')).toEqual([]);
      expect(out.ofKind(cluster, 'Deployment')).toEqual([]);
    }
  });

  test('renders the seed egress IstioGateway field by field', () => {
    const { app, mesh } = asmMesh();
    seedEgress(mesh);
    const out = synth(app);
    const gw = out.find('asm-control-plane', 'IstioGateway', 'egressgateway', 'istio-system');
    for (const field of Object.keys(SEED_EGRESS_GATEWAY.spec)) {
      expect({ field, value: gw.spec[field] }).toEqual({ field, value: (SEED_EGRESS_GATEWAY.spec as any)[field] });
    }
    expect(gw).toEqual(SEED_EGRESS_GATEWAY);
  });

  test('renders HPA, volumes, kernel parameters, compression and override HPA (ASM 1.16+)', () => {
    const { app, mesh } = asmMesh(IstioVersion.of('1.22'));
    seedIngress(mesh, {
      cpu: { targetAverageUtilization: 80 },
      memory: { targetAverageUtilization: 70 },
      minReplicas: 2,
      maxReplicas: 5,
      configVolumes: [{ name: 'config-volume-lua', configMapName: 'lua-libs', mountPath: '/var/lib/lua' }],
      secretVolumes: [{ name: 'gw-certs', secretName: 'istio-gw-certs', mountPath: '/etc/istio/gw-certs' }],
      kernel: { enabled: true, parameters: { 'net.core.somaxconn': '65535' } },
      compression: { enabled: true, contentType: ['application/json'], gzip: { compressionLevel: GzipCompressionLevel.BEST_SPEED, windowBits: 12 } },
      rollingMaxSurge: '1',
      overrides: { 'ack-2': { minReplicas: 3, maxReplicas: 10, serviceType: GatewayServiceType.NODE_PORT } },
    });
    const out = synth(app);
    const spec = out.find('asm-control-plane', 'IstioGateway', 'myexample-customingressgateway').spec;
    expect(spec).toMatchObject({
      cpu: { targetAverageUtilization: 80 },
      memory: { targetAverageUtilization: 70 },
      minReplicas: 2,
      maxReplicas: 5,
      rollingMaxSurge: 1,
      configVolumes: [{ name: 'config-volume-lua', configMapName: 'lua-libs', mountPath: '/var/lib/lua' }],
      secretVolumes: [{ name: 'gw-certs', secretName: 'istio-gw-certs', mountPath: '/etc/istio/gw-certs' }],
      kernel: { enabled: true, parameters: { 'net.core.somaxconn': '65535' } },
      compression: { enabled: true, content_type: ['application/json'], gzip: { compression_level: 'BEST_SPEED', window_bits: 12 } },
      overrides: { '<cluster-id-2>': { minReplicas: 3, maxReplicas: 10, serviceType: 'NodePort' } },
    });
    expect(out.ofKind('asm-control-plane', 'EnvoyFilter')).toEqual([]);
  });

  test('deploys to every data-plane cluster by default', () => {
    const { app, mesh } = asmMesh();
    new IngressGateway(mesh, 'gw');
    const gw = synth(app).find('asm-control-plane', 'IstioGateway', 'istio-ingressgateway');
    expect(gw.spec).toEqual({ gatewayType: 'ingress', clusterIds: ['<cluster-id-1>', '<cluster-id-2>', '<cluster-id>'] });
  });
});

describe('ASM platform: rules', () => {
  test('MESH-PLAT-007: a gateway outside istio-system', () => {
    const { app, mesh } = asmMesh();
    seedEgress(mesh, { namespaceName: 'egress' });
    const message = synthError(app);
    expect(message).toContain('MESH-PLAT-007 [error] at mesh/egress: Alibaba Cloud ASM gateways must be deployed in the istio-system namespace. On Alibaba Cloud ASM. Value: "egress".');
  });

  test('MESH-PLAT-008: HPA and serviceType overrides before ASM 1.16', () => {
    const { app, mesh } = asmMesh(IstioVersion.of('1.15'));
    seedIngress(mesh, { overrides: { 'ack-1': { serviceType: GatewayServiceType.NODE_PORT, maxReplicas: 4 } } });
    const message = synthError(app);
    expect(message).toContain('MESH-PLAT-008 [error] at mesh/ingress/overrides/ack-1: Alibaba Cloud ASM does not accept this per-cluster override field');
    expect(message).toContain('On Alibaba Cloud ASM. The instance runs ASM 1.15. Value: "serviceType".');
    expect(message).toContain('Value: "maxReplicas".');
  });

  test('MESH-PLAT-009: an east-west gateway on ASM', () => {
    const { app, mesh } = asmMesh();
    new EastWestGateway(mesh, 'eastwest');
    expect(synthError(app)).toContain('MESH-PLAT-009 [error] at mesh/eastwest: Alibaba Cloud ASM provisions ingress and egress gateways only; an IstioGateway has no east-west type. On Alibaba Cloud ASM. Value: "eastwest".');
  });

  test('MESH-PLAT-010: externalTrafficPolicy on an egress gateway', () => {
    const { app, mesh } = asmMesh();
    seedEgress(mesh, { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, serviceType: GatewayServiceType.LOAD_BALANCER });
    expect(synthError(app)).toContain('MESH-PLAT-010 [error] at mesh/egress/externalTrafficPolicy: Alibaba Cloud ASM applies compression and externalTrafficPolicy to ingress gateways only. On Alibaba Cloud ASM. Value: "externalTrafficPolicy".');
  });

  test('MESH-PLAT-011: a gateway option IstioGateway has no field for', () => {
    const { app, mesh } = asmMesh();
    seedIngress(mesh, { podDisruptionBudget: { minAvailable: '1' }, replicaCount: 2 });
    expect(synthError(app)).toContain('MESH-PLAT-011 [error] at mesh/ingress/podDisruptionBudget: The gateway option has no IstioGateway field, so Alibaba Cloud ASM cannot provision it. On Alibaba Cloud ASM. Value: "podDisruptionBudget".');
  });

  test('MESH-PLAT-019: a gateway on the control-plane output', () => {
    const { app, mesh } = asmMesh();
    new IngressGateway(mesh, 'gw', { clusters: ['asm-control-plane'] });
    expect(synthError(app)).toContain('MESH-PLAT-019 [error] at mesh/gw: A platform gateway is placed on a cluster that runs no workloads (the CONFIG output). On Alibaba Cloud ASM. Value: "asm-control-plane".');
  });

  test('MESH-PLAT-001 and MESH-PLAT-002: ASM needs one CONFIG cluster and no PRIMARY', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', platform: Platform.asm(), clusters: [{ name: 'ack-1' }] });
    const message = synthError(app);
    expect(message).toContain('MESH-PLAT-001 [error] at mesh: An Alibaba Cloud ASM or DaoCloud DCE hosted mesh needs exactly one CONFIG cluster to receive its Istio configuration. On Alibaba Cloud ASM. Value: ["ack-1:primary"].');
    expect(message).toContain('MESH-PLAT-002 [error] at mesh: Alibaba Cloud ASM and DaoCloud DCE hosted meshes run the control plane themselves, so no cluster may be a PRIMARY. On Alibaba Cloud ASM. Value: ["ack-1"].');
  });

  test('the ASM profile manages the control plane and sends Istio config to the CONFIG output', () => {
    const { mesh } = asmMesh();
    expect(mesh.platform.managesControlPlane).toBe(true);
    expect(mesh.configClusters.map(c => c.clusterName)).toEqual(['asm-control-plane']);
    expect(mesh.workloadClusters.map(c => c.clusterName)).toEqual(['ack-1', 'ack-2', 'ack-egress']);
    expect(mesh.revision).toBe('default');
  });
});

describe('upstream platform keeps gateway workloads', () => {
  test('an IngressGateway renders a Deployment and no IstioGateway', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    new IngressGateway(mesh, 'gw');
    const out = synth(app);
    expect(out.ofKind('a', 'Deployment').map(d => d.metadata.name)).toEqual(['istio-ingressgateway']);
    expect(out.ofKind('a', 'IstioGateway')).toEqual([]);
  });
});

describe('examples/asm-gateways.ts on ASM', () => {
  test('renders the seed\'s two IstioGateway objects', () => {
    const out = synth(buildAsmExample(testApp()));
    const ids: Record<string, string> = { '<cluster-id-1>': 'c8a4b2xxxxxx', '<cluster-id-2>': 'c9f3e7xxxxxx', '<cluster-id>': 'c8a4b2xxxxxx' };
    // The seed with its placeholders filled in, and the ingress example's optional volume blocks enabled.
    const seed = (obj: any) => JSON.parse(JSON.stringify(obj).replace(/<cluster-id(-\d)?>/g, m => ids[m]));
    const ingress = seed(SEED_INGRESS_GATEWAY);
    ingress.spec.configVolumes = [{ name: 'config-volume-lua', configMapName: 'lua-libs', mountPath: '/var/lib/lua' }];
    ingress.spec.secretVolumes = [{
      name: 'myexample-customingressgateway-certs',
      secretName: 'istio-myexample-customingressgateway-certs',
      mountPath: '/etc/istio/myexample-customingressgateway-certs',
    }];
    expect(out.find('asm-control-plane', 'IstioGateway', 'myexample-customingressgateway', 'istio-system')).toEqual(ingress);
    expect(out.find('asm-control-plane', 'IstioGateway', 'egressgateway', 'istio-system')).toEqual(seed(SEED_EGRESS_GATEWAY));
    expect(out.ofKind('c8a4b2xxxxxx', 'Deployment')).toEqual([]);
  });
});
