import { Duration } from 'cdk8s';
import {
  AcceptHttp10, HeaderCaseFormat, LocalRateLimit, MaxRequestHeaders, Mesh, MeshService, PreserveHeaderCase, Protocol,
  ProxyConfig, ProxyContext, ProxyImageType, WasmFailStrategy, WasmImagePullPolicy, WasmPhase, WasmPlugin,
} from '../../src';
import { synth, synthError, testApp } from '../util';

const HCM = 'envoy.filters.network.http_connection_manager';
const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

function setup() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
  const web = new MeshService(mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  return { app, mesh, web };
}

describe('WasmPlugin', () => {
  test('every field reaches the WasmPlugin spec; the selector comes from the workload', () => {
    const { app, mesh, web } = setup();
    new WasmPlugin(mesh, 'frontpage-filter', {
      workload: web,
      url: 'oci://registry.example.com/filters/example-filter:1.0',
      sha256: 'a'.repeat(64),
      phase: WasmPhase.AUTHZ,
      priority: 10,
      pluginConfig: { header: 'x-example', value: 'on' },
      imagePullPolicy: WasmImagePullPolicy.ALWAYS,
      imagePullSecret: 'registry-pull',
      failStrategy: WasmFailStrategy.FAIL_OPEN,
    });
    const w = synth(app).find('a', 'WasmPlugin', 'frontpage-filter', 'shop');
    expect(w.apiVersion).toBe('extensions.istio.io/v1alpha1');
    expect(w.spec).toEqual({
      url: 'oci://registry.example.com/filters/example-filter:1.0',
      sha256: 'a'.repeat(64),
      selector: { matchLabels: { app: 'web' } },
      phase: 'AUTHZ',
      priority: 10,
      pluginConfig: { header: 'x-example', value: 'on' },
      imagePullPolicy: 'Always',
      imagePullSecret: 'registry-pull',
      failStrategy: 'FAIL_OPEN',
    });
  });

  test('http(s) module without sha256 (MESH-OPS-007) is a warning that strict mode turns into an error', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }], strict: true });
    new WasmPlugin(mesh, 'w', { url: 'https://example.com/filter.wasm' });
    expect(synthError(app)).toContain('MESH-OPS-007 [warning] at mesh/w: A Wasm module fetched over HTTP(S) has no sha256 checksum. Value: "https://example.com/filter.wasm".');
  });
});

describe('EnvoyFilter recipes', () => {
  test('max request header size: mesh-wide HCM merge in the root namespace with the v3 type', () => {
    const { app, mesh } = setup();
    new MaxRequestHeaders(mesh, 'max-header', { maxRequestHeadersKb: 96 });
    const f = synth(app).find('a', 'EnvoyFilter', 'max-header', 'istio-system');
    expect(f.spec.workloadSelector).toBeUndefined();
    expect(f.spec.configPatches).toEqual([{
      applyTo: 'NETWORK_FILTER',
      match: { context: 'ANY', listener: { filterChain: { filter: { name: HCM } } } },
      patch: { operation: 'MERGE', value: { typed_config: { '@type': HCM_TYPE, 'max_request_headers_kb': 96 } } },
    }]);
  });

  test('preserve header case for one workload and port, downstream and upstream', () => {
    const { app, mesh, web } = setup();
    new PreserveHeaderCase(mesh, 'header-case', { workload: web, port: 80, upstreamPort: 8080 });
    new PreserveHeaderCase(mesh, 'proper-case', { workload: web, format: HeaderCaseFormat.PROPER_CASE, context: ProxyContext.SIDECAR_INBOUND });
    const out = synth(app);
    const f = out.find('a', 'EnvoyFilter', 'header-case', 'shop');
    expect(f.spec.workloadSelector).toEqual({ labels: { app: 'web' } });
    const preserve = {
      stateful_formatter: {
        name: 'preserve_case',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.http.header_formatters.preserve_case.v3.PreserveCaseFormatterConfig' },
      },
    };
    expect(f.spec.configPatches[0]).toEqual({
      applyTo: 'NETWORK_FILTER',
      match: { context: 'ANY', listener: { portNumber: 80, filterChain: { filter: { name: HCM } } } },
      patch: { operation: 'MERGE', value: { typed_config: { '@type': HCM_TYPE, 'http_protocol_options': { header_key_format: preserve } } } },
    });
    expect(f.spec.configPatches[1].match).toEqual({ context: 'SIDECAR_OUTBOUND', cluster: { portNumber: 8080 } });
    expect(f.spec.configPatches[1].patch.value.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']
      .explicit_http_config.http_protocol_options.header_key_format).toEqual(preserve);
    const proper = out.find('a', 'EnvoyFilter', 'proper-case', 'shop').spec.configPatches;
    expect(proper.length).toBe(1);
    expect(proper[0].match.context).toBe('SIDECAR_INBOUND');
    expect(proper[0].patch.value.typed_config.http_protocol_options).toEqual({ header_key_format: { proper_case_words: {} } });
  });

  test('accept HTTP/1.0 (426 fix) on a gateway-like workload', () => {
    const { app, mesh, web } = setup();
    new AcceptHttp10(mesh, 'http10', { workload: web, context: ProxyContext.GATEWAY, defaultHost: 'web.example.com' });
    const patch = synth(app).find('a', 'EnvoyFilter', 'http10', 'shop').spec.configPatches[0];
    expect(patch.match.context).toBe('GATEWAY');
    expect(patch.patch.value.typed_config.http_protocol_options).toEqual({ accept_http_10: true, default_host_for_http_10: 'web.example.com' });
  });

  test('local rate limit: token bucket inserted before the router on inbound listeners', () => {
    const { app, mesh, web } = setup();
    new LocalRateLimit(mesh, 'web-ratelimit', { workload: web, maxTokens: 100, tokensPerFill: 50, fillInterval: Duration.seconds(1), priority: 5 });
    const f = synth(app).find('a', 'EnvoyFilter', 'web-ratelimit', 'shop');
    expect(f.spec.priority).toBe(5);
    const [patch] = f.spec.configPatches;
    expect(patch.applyTo).toBe('HTTP_FILTER');
    expect(patch.match).toEqual({
      context: 'SIDECAR_INBOUND',
      listener: { filterChain: { filter: { name: HCM, subFilter: { name: 'envoy.filters.http.router' } } } },
    });
    expect(patch.patch.operation).toBe('INSERT_BEFORE');
    expect(patch.patch.value.name).toBe('envoy.filters.http.local_ratelimit');
    expect(patch.patch.value.typed_config.token_bucket).toEqual({ max_tokens: 100, tokens_per_fill: 50, fill_interval: '1s' });
    expect(patch.patch.value.typed_config.filter_enforced.default_value).toEqual({ numerator: 100, denominator: 'HUNDRED' });
  });

  test('header limit above 96 KiB (MESH-OPS-004)', () => {
    const { app, mesh } = setup();
    new MaxRequestHeaders(mesh, 'h', { maxRequestHeadersKb: 128 });
    expect(synthError(app)).toContain('MESH-OPS-004 [error] at mesh/h: The maximum request header size must be an integer from 1 to 96 KiB. Value: 128.');
  });

  test('empty token bucket or too short fill interval (MESH-OPS-013)', () => {
    const { app, mesh } = setup();
    new LocalRateLimit(mesh, 'r', { maxTokens: 0, fillInterval: Duration.millis(10) });
    expect(synthError(app)).toContain('MESH-OPS-013 [error] at mesh/r: A local rate limit needs at least one token per fill and a fill interval of at least 50ms. Value: {"maxTokens":0,"tokensPerFill":0,"fillIntervalMs":10}.');
  });

  test('invalid listener port (MESH-OPS-015)', () => {
    const { app, mesh } = setup();
    new AcceptHttp10(mesh, 'p', { port: 70000 });
    expect(synthError(app)).toContain('MESH-OPS-015 [error] at mesh/p: A Sidecar ingress or EnvoyFilter port must be an integer from 1 to 65535. Value: 70000.');
  });
});

describe('ProxyConfig', () => {
  test('concurrency, image type and environment; selector from the workload', () => {
    const { app, mesh, web } = setup();
    new ProxyConfig(mesh, 'web-proxy', { workload: web, concurrency: 0, imageType: ProxyImageType.DISTROLESS, environmentVariables: { B: '2', A: '1' } });
    const p = synth(app).find('a', 'ProxyConfig', 'web-proxy', 'shop');
    expect(p.apiVersion).toBe('networking.istio.io/v1beta1');
    expect(p.spec).toEqual({ concurrency: 0, environmentVariables: { A: '1', B: '2' }, image: { imageType: 'distroless' }, selector: { matchLabels: { app: 'web' } } });
  });

  test('two selector-less ProxyConfigs in one namespace (MESH-OPS-001)', () => {
    const { app, mesh } = setup();
    new ProxyConfig(mesh, 'one', { concurrency: 2 });
    new ProxyConfig(mesh, 'two', { imageType: ProxyImageType.DEBUG });
    expect(synthError(app)).toContain('MESH-OPS-001 [error] at mesh/two: A namespace has more than one selector-less resource of this kind. Kind: ProxyConfig; also declared at mesh/one. Value: "istio-system".');
  });
});

describe('targeting', () => {
  test('a workload without pod labels (MESH-OPS-017)', () => {
    const { app, mesh } = setup();
    const external = MeshService.external(mesh, 'legacy', { name: 'legacy', namespaceName: 'ops', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new WasmPlugin(mesh, 'w', { workload: external, url: 'oci://registry.example.com/f:1' });
    expect(synthError(app)).toContain('MESH-OPS-017 [error] at mesh/w: The targeted workload has no pod labels to select it by. Value: "mesh/legacy".');
  });
});
