/**
 * Day-2 operations from the seeds' guides and FAQs, in one mesh: observability, Wasm, sidecar control,
 * service registration and the EnvoyFilter fixes.
 *
 * Seeds and the source defects corrected here:
 * - 000 (TCM guide) tracing: sampling 1% in production, 100% in test; access logs with the trace ID
 *   ("enhanced format") to stdout in JSON.
 * - 000 (TCM guide) "Using a Wasm Filter": the seed mounts the module from a ConfigMap with
 *   `sidecar.istio.io/userVolume` and hand-writes an EnvoyFilter with the deprecated `envoy.http_connection_manager` /
 *   `envoy.router` names. Here it is a `WasmPlugin` pulled from OCI with a pinned sha256, selecting frontpage v1
 *   through its service construct.
 * - 002 (DaoCloud) F28 `namespace-metrics`: request_method / request_host tag overrides on the `default` namespace
 *   (emitted as telemetry.istio.io/v1, not v1alpha1).
 * - 002 (DaoCloud) sidecar resources, log level and traffic passthrough (port 22 inbound; MySQL/Redis outbound).
 * - 002 (DaoCloud) localhost FAQ: a Sidecar with `defaultEndpoint: 127.0.0.1:<containerPort>`.
 * - 002 (DaoCloud) REGISTRY_ONLY outbound policy: `www.baidu.com` must be registered with a ServiceEntry.
 * - 003 (TCM FAQ) F3 holdApplicationUntilProxyStarts per pod (merged into `proxy.istio.io/config`).
 * - 003 F4 431 fix: `max_request_headers_kb: 96` with the v3 `@type` and `envoy.filters.network.http_connection_manager`
 *   (the seed's v2 `@type` is never emitted; 96 is the maximum).
 * - 003 F5 header case: the seed's EnvoyFilter needs a hand-looked-up listener name (`XXX`) and the v2 `@type`;
 *   here it is scoped by workload and port. The COS ServiceEntry nests `resolution` under the port in the seed; it is
 *   a spec field here, and the bucket is MESH_EXTERNAL (it is not a mesh workload). Its port 80 is declared HTTP (COS speaks
 *   HTTP): a TCP port without `addresses` could not be told apart from other TCP traffic (istioctl analyze IST0134).
 * - 003 F13 426 fix: per-workload `ISTIO_META_HTTP10` for the nginx-fronted app, and HTTP/1.0 EnvoyFilters on the
 *   legacy workload and on the ingress gateway (targeted by construct, `context: GATEWAY`).
 */
import { Duration, Size } from 'cdk8s';
import { Capability, Cpu, Deployment, SeccompProfileType } from 'cdk8s-plus-28';
import {
  AcceptHttp10, AccessLogEncoding, ExtensionProvider, IngressGateway, LocalRateLimit, MaxRequestHeaders, Mesh, MeshApp, MeshService,
  OutboundTrafficPolicy, PreserveHeaderCase, Protocol, ProxyConfig, ProxyContext, ProxyImageType, ProxyLogLevel, ServiceEntry,
  ServiceEntryResolution, Sidecar, SidecarSettings, Telemetry, TracingTag, WasmPhase, WasmPlugin,
} from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const zipkin = ExtensionProvider.zipkin('zipkin', { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 });
  const accessLog = ExtensionProvider.fileAccessLog('stdout-json', {
    encoding: AccessLogEncoding.JSON,
    jsonLabels: {
      start_time: '%START_TIME%',
      method: '%REQ(:METHOD)%',
      path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
      response_code: '%RESPONSE_CODE%',
      duration: '%DURATION%',
      upstream_host: '%UPSTREAM_HOST%',
      trace_id: '%REQ(X-B3-TRACEID)%',
    },
  });
  const prometheus = ExtensionProvider.prometheus();
  const mesh = new Mesh(app, 'ops', {
    meshId: 'ops-mesh',
    clusters: [{ name: 'prod' }],
    meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY },
    extensionProviders: [zipkin, accessLog, prometheus],
  });
  for (const ns of ['default', 'shop', 'legacy']) mesh.addNamespace(ns);
  const cluster = mesh.cluster('prod');

  // Observability: mesh-wide tracing at 1% with JSON access logs; DaoCloud namespace-metrics on `default`.
  new Telemetry(mesh, 'mesh-default', {
    tracing: { providers: [zipkin], samplingPercentage: 1, customTags: { cluster: TracingTag.environment('ISTIO_META_CLUSTER_ID') } },
    accessLogging: { providers: [accessLog] },
  });
  new Telemetry(mesh, 'namespace-metrics', {
    namespaceName: 'default',
    metrics: { providers: [prometheus], overrides: [{ tagOverrides: { request_method: 'request.method', request_host: 'request.host' } }] },
  });

  // Wasm: the TCM frontpage v1 filter as a WasmPlugin.
  const frontpage = new MeshService(mesh, 'frontpage', {
    name: 'frontpage-v1', namespaceName: 'shop', selector: { app: 'frontpage', version: 'v1' }, ports: [{ port: 8080, protocol: Protocol.HTTP }],
  });
  new WasmPlugin(mesh, 'frontpage-v1-examplefilter', {
    workload: frontpage,
    url: 'oci://registry.example.com/wasm/example-filter:1.0.0',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    phase: WasmPhase.STATS,
    pluginName: 'my_root_id',
    pluginConfig: { header: 'x-example-filter', value: 'on' },
  });
  new LocalRateLimit(mesh, 'frontpage-ratelimit', { workload: frontpage, maxTokens: 100, fillInterval: Duration.seconds(1) });

  // Sidecar control for an nginx workload: resources, log level, start-up hold (F3), HTTP/1.0 (F13), passthrough.
  const nginx = new Deployment(cluster, 'nginx', {
    metadata: { name: 'nginx', namespace: 'legacy' },
    // the unprivileged nginx image listens on 8080 as a non-root user, so the pod meets the restricted Pod Security Standard
    containers: [{
      image: 'nginxinc/nginx-unprivileged:1.27',
      portNumber: 8080,
      securityContext: { seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT }, capabilities: { drop: [Capability.ALL] } },
    }],
  });
  new SidecarSettings(mesh, 'nginx-sidecar', {
    injection: true,
    resources: { cpuRequest: Cpu.millis(100), cpuLimit: Cpu.units(1), memoryRequest: Size.mebibytes(128), memoryLimit: Size.mebibytes(512) },
    logLevel: ProxyLogLevel.WARNING,
    componentLogLevels: { upstream: ProxyLogLevel.DEBUG },
    holdApplicationUntilProxyStarts: true,
    acceptHttp10: true,
    excludeInboundPorts: [22],
    excludeOutboundPorts: [3306, 6379],
  }).applyTo(nginx);
  const legacy = MeshService.fromDeployment(mesh, 'legacy-nginx', nginx, { protocols: { 8080: Protocol.HTTP } });
  new ProxyConfig(mesh, 'legacy-proxy', { workload: legacy, concurrency: 2, imageType: ProxyImageType.DISTROLESS });

  // Localhost FAQ: the app listens on 127.0.0.1:8080 only; the sidecar forwards Service port 80 to it.
  const localOnly = new MeshService(mesh, 'local-only', { name: 'local-only', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.TCP, targetPort: 8080 }] });
  new Sidecar(mesh, 'localhost-access', { workload: localOnly, localhostIngress: [{ port: 80, containerPort: 8080 }] });
  // Own namespace (`./*`, which includes the baidu ServiceEntry below), the root namespace, and legacy.
  new Sidecar(mesh, 'shop-egress', { namespaceName: 'shop', egressNamespaces: ['legacy'] });

  // Registration under REGISTRY_ONLY: baidu (DCE) and the COS bucket forced to TCP (F5 workaround 2).
  new ServiceEntry(mesh, 'baidu', {
    namespaceName: 'shop',
    hosts: ['www.baidu.com'],
    resolution: ServiceEntryResolution.DNS,
    ports: [{ number: 443, protocol: Protocol.TLS }, { number: 80, protocol: Protocol.HTTP }],
  });
  new ServiceEntry(mesh, 'qcloud-cos', {
    namespaceName: 'shop',
    hosts: ['private-1251349835.cos.ap-guangzhou.myqcloud.com'],
    resolution: ServiceEntryResolution.DNS,
    ports: [{ number: 80, protocol: Protocol.HTTP, name: 'http' }],
  });

  // FAQ fixes: 431 (F4) mesh-wide, header case (F5) and HTTP/1.0 (F13) on the legacy workload.
  new MaxRequestHeaders(mesh, 'max-header', { maxRequestHeadersKb: 96 });
  new PreserveHeaderCase(mesh, 'legacy-header-case', { workload: legacy, port: 8080 });
  new AcceptHttp10(mesh, 'legacy-http10', { workload: legacy });
  // F13 for clients behind an old nginx that reach the mesh through the ingress gateway.
  const ingress = new IngressGateway(mesh, 'ingress');
  new AcceptHttp10(mesh, 'ingress-http10', { workload: ingress, context: ProxyContext.GATEWAY });
  return app;
}

if (require.main === module) {
  build().synth();
}
