import { Size } from 'cdk8s';
import { Cpu, Deployment } from 'cdk8s-plus-28';
import {
  Mesh, NamespaceSidecarDefaults, ProxyConfig, ProxyLogLevel, SidecarSettings,
} from '../../src';
import { errorOf, synth, synthError, testApp } from '../util';

function setup() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
  const deployment = new Deployment(mesh.cluster('a'), 'web', {
    metadata: { name: 'web', namespace: 'shop' },
    containers: [{ image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
  });
  return { app, mesh, deployment };
}

function podTemplate(out: ReturnType<typeof synth>) {
  return out.find('a', 'Deployment', 'web', 'shop').spec.template.metadata;
}

describe('SidecarSettings', () => {
  test('every setting reaches the label or annotation Istio reads', () => {
    const { app, mesh, deployment } = setup();
    new SidecarSettings(mesh, 'web-sidecar', {
      injection: true,
      resources: {
        cpuRequest: Cpu.millis(100),
        cpuLimit: Cpu.units(1),
        memoryRequest: Size.mebibytes(128),
        memoryLimit: Size.gibibytes(1),
      },
      logLevel: ProxyLogLevel.DEBUG,
      componentLogLevels: { upstream: ProxyLogLevel.TRACE, misc: ProxyLogLevel.ERROR },
      holdApplicationUntilProxyStarts: true,
      acceptHttp10: true,
      proxyConfig: { concurrency: 4 },
      rewriteAppProbes: true,
      excludeInboundPorts: [22],
      includeInboundPorts: [8080, 9090],
      excludeOutboundPorts: [3306, 6379],
      excludeOutboundIpRanges: ['10.0.0.0/8', 'fd00::/8'],
      includeOutboundIpRanges: ['*'],
    }).applyTo(deployment);
    const meta = podTemplate(synth(app));
    expect(meta.labels['sidecar.istio.io/inject']).toBe('true');
    const a = meta.annotations;
    expect(a['sidecar.istio.io/proxyCPU']).toBe('100m');
    expect(a['sidecar.istio.io/proxyCPULimit']).toBe('1');
    expect(a['sidecar.istio.io/proxyMemory']).toBe('128Mi');
    expect(a['sidecar.istio.io/proxyMemoryLimit']).toBe('1024Mi');
    expect(a['sidecar.istio.io/logLevel']).toBe('debug');
    expect(a['sidecar.istio.io/componentLogLevel']).toBe('misc:error,upstream:trace');
    expect(JSON.parse(a['proxy.istio.io/config'])).toEqual({
      concurrency: 4, holdApplicationUntilProxyStarts: true, proxyMetadata: { ISTIO_META_HTTP10: '1' },
    });
    expect(a['sidecar.istio.io/rewriteAppHTTPProbers']).toBe('true');
    expect(a['traffic.sidecar.istio.io/excludeInboundPorts']).toBe('22');
    expect(a['traffic.sidecar.istio.io/includeInboundPorts']).toBe('8080,9090');
    expect(a['traffic.sidecar.istio.io/excludeOutboundPorts']).toBe('3306,6379');
    expect(a['traffic.sidecar.istio.io/excludeOutboundIPRanges']).toBe('10.0.0.0/8,fd00::/8');
    expect(a['traffic.sidecar.istio.io/includeOutboundIPRanges']).toBe('*');
    expect(a['cdk8s-mesh.io/sidecar-config-hash']).toMatch(/^[0-9a-f]{16}$/);
  });

  test('injection off overrides the namespace with sidecar.istio.io/inject=false', () => {
    const { app, mesh, deployment } = setup();
    mesh.addNamespace('shop');
    new SidecarSettings(mesh, 's', { injection: false }).applyTo(deployment);
    expect(podTemplate(synth(app)).labels['sidecar.istio.io/inject']).toBe('false');
  });

  test('namespace defaults apply field by field; workload settings win', () => {
    const { app, mesh, deployment } = setup();
    new NamespaceSidecarDefaults(mesh, 'shop-defaults', {
      namespaceName: 'shop', logLevel: ProxyLogLevel.WARNING, excludeOutboundPorts: [3306], proxyConfig: { concurrency: 2 },
    });
    new SidecarSettings(mesh, 's', { logLevel: ProxyLogLevel.ERROR, holdApplicationUntilProxyStarts: true }).applyTo(deployment);
    const a = podTemplate(synth(app)).annotations;
    expect(a['sidecar.istio.io/logLevel']).toBe('error');
    expect(a['traffic.sidecar.istio.io/excludeOutboundPorts']).toBe('3306');
    expect(JSON.parse(a['proxy.istio.io/config'])).toEqual({ concurrency: 2, holdApplicationUntilProxyStarts: true });
  });

  test('the restart hash is deterministic and changes with namespace injection and namespace-wide ProxyConfig', () => {
    const hashOf = (variant: (mesh: Mesh) => void) => {
      const { app, mesh, deployment } = setup();
      variant(mesh);
      new SidecarSettings(mesh, 's', { logLevel: ProxyLogLevel.INFO }).applyTo(deployment);
      return podTemplate(synth(app)).annotations['cdk8s-mesh.io/sidecar-config-hash'];
    };
    const base = hashOf(m => m.addNamespace('shop'));
    expect(hashOf(m => m.addNamespace('shop'))).toBe(base);
    expect(hashOf(m => m.addNamespace('shop', { injectionEnabled: false }))).not.toBe(base);
    expect(hashOf(m => { m.addNamespace('shop'); new ProxyConfig(m, 'pc', { namespaceName: 'shop', concurrency: 2 }); })).not.toBe(base);
  });

  test('podLabels and podAnnotations serve pod templates the library does not own', () => {
    const { mesh } = setup();
    const settings = new SidecarSettings(mesh, 's', { injection: true, excludeInboundPorts: [22] });
    expect(settings.podLabels()).toEqual({ 'sidecar.istio.io/inject': 'true' });
    expect(settings.podAnnotations()['traffic.sidecar.istio.io/excludeInboundPorts']).toBe('22');
  });
});

describe('sidecar settings rules', () => {
  test('passthrough port outside 1-65535 (MESH-OPS-005) and reserved port (MESH-OPS-008)', () => {
    const { app, mesh } = setup();
    new SidecarSettings(mesh, 's', { excludeOutboundPorts: [0, 70000], excludeInboundPorts: [15006] });
    const message = synthError(app);
    expect(message).toContain('MESH-OPS-005 [error] at mesh/s: A traffic passthrough port must be an integer from 1 to 65535. Value: 0.');
    expect(message).toContain('MESH-OPS-005 [error] at mesh/s: A traffic passthrough port must be an integer from 1 to 65535. Value: 70000.');
    expect(message).toContain('MESH-OPS-008 [error] at mesh/s: The port collides with a port the Istio sidecar reserves (15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090). Value: 15006.');
  });

  test('malformed CIDR (MESH-OPS-006)', () => {
    const { mesh } = setup();
    const message = errorOf(() => new NamespaceSidecarDefaults(mesh, 'd', { namespaceName: 'shop', excludeOutboundIpRanges: ['10.0.0.0/33', '10.1.0.0', '*'] }));
    expect(message).toContain('MESH-OPS-006 [error] at mesh/d/excludeOutboundIpRanges[0]: A traffic passthrough IP range is not a valid CIDR. Value: "10.0.0.0/33".');
    expect(message).toContain('MESH-OPS-006 [error] at mesh/d/excludeOutboundIpRanges[1]: A traffic passthrough IP range is not a valid CIDR. Value: "10.1.0.0".');
    expect(message).toContain('MESH-OPS-006 [error] at mesh/d/excludeOutboundIpRanges[2]: A traffic passthrough IP range is not a valid CIDR. Value: "*".');
    expect(errorOf(() => new SidecarSettings(mesh, 's', { includeOutboundIpRanges: ['*', '10.0.0.0/8'] })))
      .toContain('MESH-OPS-006 [error] at mesh/s/includeOutboundIpRanges: A traffic passthrough IP range is not a valid CIDR. Value: ["*","10.0.0.0/8"].');
    expect(() => new SidecarSettings(mesh, 's2', { includeOutboundIpRanges: ['*'] })).not.toThrow();
  });

  test('two default sets for one namespace (MESH-OPS-014)', () => {
    const { app, mesh } = setup();
    new NamespaceSidecarDefaults(mesh, 'd1', { namespaceName: 'shop' });
    new NamespaceSidecarDefaults(mesh, 'd2', { namespaceName: 'shop' });
    expect(synthError(app)).toContain('MESH-OPS-014 [error] at mesh/d2: A namespace has more than one set of sidecar defaults. Also declared at mesh/d1. Value: "shop".');
  });
});
