import { AcmeMesh } from '../../examples/blueprint/acme-mesh';
import { build } from '../../examples/blueprint-app';
import { OutboundTrafficPolicy } from '../../src';
import { synth, testApp } from '../util';

describe('platform blueprint consumed by an app', () => {
  const app = build(testApp());
  const mesh = app.meshes[0] as AcmeMesh;
  const out = synth(app);

  test.each(['payments-eu', 'payments-us'])('%s inherits the organisation defaults', cluster => {
    expect(out.find(cluster, 'Namespace', 'payments').metadata.labels).toEqual({ 'istio.io/rev': AcmeMesh.REVISION });
    expect(out.find(cluster, 'PeerAuthentication', 'default', 'istio-system').spec).toEqual({ mtls: { mode: 'STRICT' } });
    const telemetry = out.ofKind(cluster, 'Telemetry');
    expect(telemetry).toHaveLength(1);
    expect(telemetry[0].metadata.namespace).toBe('istio-system');
    expect(telemetry[0].spec.tracing).toEqual([{ providers: [{ name: 'acme-otel' }], randomSamplingPercentage: 5 }]);
    expect(telemetry[0].spec.accessLogging).toEqual([{ providers: [{ name: 'acme-json-log' }] }]);
    const hpa = out.ofKind(cluster, 'HorizontalPodAutoscaler')[0];
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization]).toEqual([2, 10, 70]);
    expect(out.find(cluster, 'VirtualService', 'api', 'payments').spec.http[0].route).toEqual([
      { destination: { host: 'api.payments.svc.cluster.local', subset: 'v1' } },
    ]);
  });

  test('the blueprint pins REGISTRY_ONLY egress and declares its providers on the mesh', () => {
    expect(mesh.outboundTrafficPolicy).toBe(OutboundTrafficPolicy.REGISTRY_ONLY);
    expect(mesh.extensionProviders.map(p => p.name)).toEqual(['acme-otel', 'acme-json-log']);
    expect(mesh.hasExtensionProvider(mesh.tracer)).toBe(true);
  });
});
