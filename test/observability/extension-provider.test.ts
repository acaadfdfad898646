import { Duration } from 'cdk8s';
import { AccessLogEncoding, ExtensionProvider, ExtensionProviderKind } from '../../src';

describe('ExtensionProvider renders the mesh config entry Istio reads', () => {
  test('tracing providers', () => {
    expect(ExtensionProvider.zipkin('zipkin', { service: 'zipkin.istio-system.svc.cluster.local', port: 9411, maxTagLength: 56 }).toMeshConfig())
      .toEqual({ name: 'zipkin', zipkin: { service: 'zipkin.istio-system.svc.cluster.local', port: 9411, maxTagLength: 56 } });
    expect(ExtensionProvider.openTelemetry('otel', { service: 'otel.o.svc.cluster.local', port: 4317 }).toMeshConfig())
      .toEqual({ name: 'otel', opentelemetry: { service: 'otel.o.svc.cluster.local', port: 4317 } });
    expect(ExtensionProvider.skyWalking('sw', { service: 'oap.sw.svc.cluster.local', port: 11800 }).kind).toBe(ExtensionProviderKind.TRACING);
  });

  test('access logs in text and JSON', () => {
    expect(ExtensionProvider.fileAccessLog('text').toMeshConfig()).toEqual({ name: 'text', envoyFileAccessLog: { path: '/dev/stdout' } });
    expect(ExtensionProvider.fileAccessLog('json', { encoding: AccessLogEncoding.JSON, jsonLabels: { code: '%RESPONSE_CODE%' } }).toMeshConfig())
      .toEqual({ name: 'json', envoyFileAccessLog: { path: '/dev/stdout', logFormat: { labels: { code: '%RESPONSE_CODE%' } } } });
  });

  test('ext_authz for CUSTOM authorization', () => {
    const p = ExtensionProvider.extAuthzHttp('authz', {
      service: 'ext-authz.foo.svc.cluster.local', port: 8000, timeout: Duration.seconds(2), includeRequestHeadersInCheck: ['x-ext-authz'],
    });
    expect(p.kind).toBe(ExtensionProviderKind.AUTHORIZATION);
    expect(p.toMeshConfig()).toEqual({
      name: 'authz',
      envoyExtAuthzHttp: { service: 'ext-authz.foo.svc.cluster.local', port: 8000, timeout: '2s', includeRequestHeadersInCheck: ['x-ext-authz'] },
    });
    expect(ExtensionProvider.extAuthzGrpc('g', { service: 'a.b.svc.cluster.local', port: 9000, failOpen: true }).toMeshConfig())
      .toEqual({ name: 'g', envoyExtAuthzGrpc: { service: 'a.b.svc.cluster.local', port: 9000, failOpen: true } });
  });
});
