import { build } from '../../examples/operations';
import { synth, testApp } from '../util';

describe('examples/operations.ts', () => {
  const out = synth(build(testApp()));

  test('observability: mesh-wide 1% tracing with JSON logs, and the DaoCloud namespace-metrics Telemetry', () => {
    const mesh = out.find('prod', 'Telemetry', 'mesh-default', 'istio-system').spec;
    expect(mesh.tracing[0]).toMatchObject({ providers: [{ name: 'zipkin' }], randomSamplingPercentage: 1 });
    expect(mesh.accessLogging).toEqual([{ providers: [{ name: 'stdout-json' }] }]);
    expect(out.find('prod', 'Telemetry', 'namespace-metrics', 'default').spec.metrics[0].overrides[0].tagOverrides)
      .toEqual({ request_host: { value: 'request.host' }, request_method: { value: 'request.method' } });
  });

  test('Wasm: the TCM frontpage v1 filter becomes a pinned OCI WasmPlugin selecting frontpage v1', () => {
    const wasm = out.find('prod', 'WasmPlugin', 'frontpage-v1-examplefilter', 'shop').spec;
    expect(wasm.url).toMatch(/^oci:\/\//);
    expect(wasm.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(wasm.selector).toEqual({ matchLabels: { app: 'frontpage', version: 'v1' } });
  });

  test('FAQ fixes: v3 header limit of 96 KiB, hold-until-proxy-starts and HTTP/1.0 on the nginx pods', () => {
    const header = out.find('prod', 'EnvoyFilter', 'max-header', 'istio-system').spec.configPatches[0];
    expect(header.patch.value.typed_config).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      'max_request_headers_kb': 96,
    });
    const pod = out.find('prod', 'Deployment', 'nginx', 'legacy').spec.template.metadata;
    expect(JSON.parse(pod.annotations['proxy.istio.io/config'])).toEqual({
      holdApplicationUntilProxyStarts: true, proxyMetadata: { ISTIO_META_HTTP10: '1' },
    });
    expect(pod.annotations['traffic.sidecar.istio.io/excludeInboundPorts']).toBe('22');
    const gatewayFix = out.ofKind('prod', 'EnvoyFilter').find(f => f.metadata.name === 'ingress-http10');
    expect(gatewayFix.spec.workloadSelector.labels).toMatchObject({ istio: 'ingressgateway' });
    expect(gatewayFix.spec.configPatches[0].match.context).toBe('GATEWAY');
    expect(gatewayFix.spec.configPatches[0].patch.value.typed_config.http_protocol_options).toEqual({ accept_http_10: true });
  });

  test('localhost Sidecar and the ServiceEntries REGISTRY_ONLY needs', () => {
    const sidecar = out.find('prod', 'Sidecar', 'localhost-access', 'shop').spec;
    expect(sidecar.ingress[0].defaultEndpoint).toBe('127.0.0.1:8080');
    const cos = out.find('prod', 'ServiceEntry', 'qcloud-cos', 'shop').spec;
    expect(cos).toMatchObject({ resolution: 'DNS', location: 'MESH_EXTERNAL', ports: [{ number: 80, protocol: 'HTTP', name: 'http' }] });
  });
});
