import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { AccessLogEncoding, ExtensionProvider, Mesh, MeshConfigOptions, MeshTopology, OutboundTrafficPolicy } from '../../src';
import { synth, synthError, testApp } from '../util';
import { artifact } from './helpers';

function single(meshConfig: MeshConfigOptions, extra: { trustDomain?: string; extensionProviders?: ExtensionProvider[] } = {}) {
  const app = testApp();
  new Mesh(app, 'mesh', { meshId: 'm', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'c1' }], meshConfig, ...extra });
  return app;
}

describe('mesh-wide config in install values', () => {
  const zipkin = ExtensionProvider.zipkin('zipkin', { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 });
  const out = synth(single({
    outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY,
    accessLogFile: '/dev/stdout',
    accessLogEncoding: AccessLogEncoding.JSON,
    tracingSampling: 10,
    holdApplicationUntilProxyStarts: true,
    numTrustedProxies: 2,
    exitOnZeroActiveConnections: true,
    proxyResources: { cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(128), cpuLimit: Cpu.units(2), memoryLimit: Size.gibibytes(1) },
    dnsCapture: true,
    dnsAutoAllocate: true,
    excludeIpRanges: ['10.0.0.0/8', '169.254.169.254/32'],
    localityLbSetting: { failover: [{ fromRegion: 'region1', toRegion: 'region2' }] },
  }, { trustDomain: 'example.org', extensionProviders: [zipkin] }));

  const meshConfig = {
    accessLogEncoding: 'JSON',
    accessLogFile: '/dev/stdout',
    defaultConfig: {
      gatewayTopology: { numTrustedProxies: 2 },
      holdApplicationUntilProxyStarts: true,
      proxyMetadata: { EXIT_ON_ZERO_ACTIVE_CONNECTIONS: 'true', ISTIO_META_DNS_AUTO_ALLOCATE: 'true', ISTIO_META_DNS_CAPTURE: 'true' },
      tracing: { sampling: 10 },
    },
    extensionProviders: [{ name: 'zipkin', zipkin: { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 } }],
    localityLbSetting: { enabled: true, failover: [{ from: 'region1', to: 'region2' }] },
    outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
    trustDomain: 'example.org',
  };
  const proxy = {
    excludeIPRanges: '10.0.0.0/8,169.254.169.254/32',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1024Mi' } },
  };

  test('istioctl: spec.meshConfig and values.global.proxy', () => {
    const iop = artifact(out, 'c1/istioctl/istio-operator.yaml');
    expect(iop.spec.meshConfig).toEqual(meshConfig);
    expect(iop.spec.values.global.proxy).toEqual(proxy);
  });

  test('Helm istiod: meshConfig and global.proxy', () => {
    const values = artifact(out, 'c1/helm/istiod.values.yaml');
    expect(values.meshConfig).toEqual(meshConfig);
    expect(values.global.proxy).toEqual(proxy);
  });

  test('only settings the user sets appear', () => {
    const plain = synth(single({}));
    expect(artifact(plain, 'c1/istioctl/istio-operator.yaml').spec).toEqual({ values: { global: { meshID: 'm', multiCluster: { clusterName: 'c1' } } } });
    expect(artifact(plain, 'c1/helm/istiod.values.yaml')).toEqual({ global: { meshID: 'm', multiCluster: { clusterName: 'c1' } } });
  });

  test('a text access log with its own format', () => {
    const text = synth(single({ accessLogFile: '/var/log/access.log', accessLogEncoding: AccessLogEncoding.TEXT, accessLogFormat: '[%START_TIME%] %RESPONSE_CODE%\n' }));
    expect(artifact(text, 'c1/helm/istiod.values.yaml').meshConfig).toEqual({
      accessLogEncoding: 'TEXT', accessLogFile: '/var/log/access.log', accessLogFormat: '[%START_TIME%] %RESPONSE_CODE%\n',
    });
  });

  test('tracing sampling outside 0..100 (MESH-CP-013)', () => {
    const message = synthError(single({ tracingSampling: 150 }));
    expect(message).toContain('MESH-CP-013 [error] at mesh/meshConfig/tracingSampling: Tracing sampling is a percentage between 0 and 100.');
    expect(message).toContain('Value: 150');
  });
});
