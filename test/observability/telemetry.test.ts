import { Duration } from 'cdk8s';
import {
  AccessLogEncoding, ExtensionProvider, IstioMetric, Mesh, MeshService, Protocol, Telemetry, TelemetryMode, TracingTag,
} from '../../src';
import { synth, synthError, testApp } from '../util';

const zipkin = ExtensionProvider.zipkin('zipkin', { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 });
const jsonLog = ExtensionProvider.fileAccessLog('json-stdout', { encoding: AccessLogEncoding.JSON });
const prometheus = ExtensionProvider.prometheus();

function setup(providers = [zipkin, jsonLog, prometheus]) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }], extensionProviders: providers });
  const web = new MeshService(mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  return { app, mesh, web };
}

describe('Telemetry', () => {
  test('mesh-wide tracing with provider by construct, sampling and custom tags in the root namespace', () => {
    const { app, mesh } = setup();
    new Telemetry(mesh, 'mesh-default', {
      tracing: {
        providers: [zipkin],
        samplingPercentage: 1,
        customTags: { cluster: TracingTag.environment('ISTIO_META_CLUSTER_ID'), user: TracingTag.header('X-User', 'anon'), team: TracingTag.literal('shop') },
      },
    });
    const t = synth(app).find('a', 'Telemetry', 'mesh-default', 'istio-system');
    expect(t.apiVersion).toBe('telemetry.istio.io/v1');
    expect(t.spec.selector).toBeUndefined();
    expect(t.spec.tracing).toEqual([{
      providers: [{ name: 'zipkin' }],
      randomSamplingPercentage: 1,
      customTags: {
        cluster: { environment: { name: 'ISTIO_META_CLUSTER_ID' } },
        team: { literal: { value: 'shop' } },
        user: { header: { name: 'x-user', defaultValue: 'anon' } },
      },
    }]);
  });

  test('per-namespace metrics tag overrides: the DaoCloud namespace-metrics example', () => {
    const { app, mesh } = setup();
    new Telemetry(mesh, 'namespace-metrics', {
      namespaceName: 'default',
      metrics: { providers: [prometheus], overrides: [{ tagOverrides: { request_method: 'request.method', request_host: 'request.host' } }] },
    });
    expect(synth(app).find('a', 'Telemetry', 'namespace-metrics', 'default').spec).toEqual({
      metrics: [{
        providers: [{ name: 'prometheus' }],
        overrides: [{ tagOverrides: { request_host: { value: 'request.host' }, request_method: { value: 'request.method' } } }],
      }],
    });
  });

  test('per-workload access logging with a filter, and metric disabling and tag removal', () => {
    const { app, mesh, web } = setup();
    new Telemetry(mesh, 'web-telemetry', {
      workload: web,
      accessLogging: { providers: [jsonLog], filter: 'response.code >= 400', mode: TelemetryMode.SERVER },
      metrics: {
        reportingInterval: Duration.seconds(30),
        overrides: [
          { metric: IstioMetric.REQUEST_SIZE, disabled: true },
          { metric: IstioMetric.REQUEST_COUNT, mode: TelemetryMode.CLIENT, removeTags: ['request_protocol'] },
        ],
      },
    });
    const t = synth(app).find('a', 'Telemetry', 'web-telemetry', 'shop');
    expect(t.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(t.spec.accessLogging).toEqual([{ providers: [{ name: 'json-stdout' }], filter: { expression: 'response.code >= 400' }, match: { mode: 'SERVER' } }]);
    expect(t.spec.metrics).toEqual([{
      reportingInterval: '30s',
      overrides: [
        { match: { metric: 'REQUEST_SIZE' }, disabled: true },
        { match: { metric: 'REQUEST_COUNT', mode: 'CLIENT' }, tagOverrides: { request_protocol: { operation: 'REMOVE' } } },
      ],
    }]);
  });
});

describe('Telemetry rules', () => {
  test('two selector-less Telemetries in one namespace: MESH-ANA-040 (IST0160), once, naming both', () => {
    const { app, mesh } = setup();
    new Telemetry(mesh, 'one', { namespaceName: 'shop', tracing: { samplingPercentage: 10 } });
    new Telemetry(mesh, 'two', { namespaceName: 'shop', accessLogging: { disabled: true } });
    const message = synthError(app);
    expect(message).toContain('MESH-ANA-040 [error] at mesh/two: A namespace has several Telemetries without a workload selector. Kind: Telemetry; also declared at mesh/one. Value: "shop".');
    expect(message.split('\n').filter(l => /MESH-(ANA-040|OPS-001)/.test(l))).toHaveLength(1);
  });

  test('a provider not declared on the mesh (MESH-OPS-009)', () => {
    const { app, mesh } = setup([prometheus]);
    new Telemetry(mesh, 't', { tracing: { providers: [zipkin] } });
    expect(synthError(app)).toContain('MESH-OPS-009 [error] at mesh/t: The Telemetry references an extension provider that is not declared on the mesh. Used for tracing. Value: "zipkin".');
  });

  test('a provider used for the wrong signal (MESH-OPS-010)', () => {
    const { app, mesh } = setup();
    new Telemetry(mesh, 't', { accessLogging: { providers: [zipkin] } });
    expect(synthError(app)).toContain('MESH-OPS-010 [error] at mesh/t: The extension provider does not do what the Telemetry uses it for. It is a TRACING provider, used for accessLogging. Value: "zipkin".');
  });

  test('sampling outside 0-100 (MESH-OPS-011)', () => {
    const { app, mesh } = setup();
    new Telemetry(mesh, 't', { tracing: { samplingPercentage: 150 } });
    expect(synthError(app)).toContain('MESH-OPS-011 [error] at mesh/t: The trace sampling percentage must be from 0 to 100. Value: 150.');
  });
});
