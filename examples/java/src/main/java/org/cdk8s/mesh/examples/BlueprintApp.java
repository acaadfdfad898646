package org.cdk8s.mesh.examples;

import java.util.List;
import java.util.Map;

import org.cdk8s.mesh.AccessLogEncoding;
import org.cdk8s.mesh.ClusterProps;
import org.cdk8s.mesh.ExtensionProvider;
import org.cdk8s.mesh.FileAccessLogOptions;
import org.cdk8s.mesh.GatewayResources;
import org.cdk8s.mesh.HttpRouteOptions;
import org.cdk8s.mesh.IngressGateway;
import org.cdk8s.mesh.IngressGatewayProps;
import org.cdk8s.mesh.IstioVersion;
import org.cdk8s.mesh.Mesh;
import org.cdk8s.mesh.MeshApp;
import org.cdk8s.mesh.MeshConfigOptions;
import org.cdk8s.mesh.MeshProps;
import org.cdk8s.mesh.MeshService;
import org.cdk8s.mesh.MeshServicePort;
import org.cdk8s.mesh.MeshServiceProps;
import org.cdk8s.mesh.MtlsMode;
import org.cdk8s.mesh.OutboundTrafficPolicy;
import org.cdk8s.mesh.Protocol;
import org.cdk8s.mesh.ResourceQuantities;
import org.cdk8s.mesh.RouteDestination;
import org.cdk8s.mesh.ServiceVersion;
import org.cdk8s.mesh.Telemetry;
import org.cdk8s.mesh.TelemetryAccessLogging;
import org.cdk8s.mesh.TelemetryProps;
import org.cdk8s.mesh.TelemetryTracing;
import org.cdk8s.mesh.TracingProviderOptions;
import org.cdk8s.mesh.TrafficRoute;
import org.cdk8s.mesh.TrafficRouteProps;
import org.cdk8s.mesh.UtilizationTarget;
import software.constructs.Construct;

/**
 * The blueprint example (examples/blueprint/acme-mesh.ts + examples/blueprint-app.ts) in Java: a platform team's
 * AcmeMesh subclass of Mesh with the organisation's defaults, and an application team's app on top of it.
 * `.ci/languages java` runs it and compares its output with the TypeScript example's, byte for byte.
 */
public final class BlueprintApp {
    /** The organisation's mesh: compliant defaults, one public ingress per cluster. */
    public static final class AcmeMesh extends Mesh {
        public static final String REVISION = "1-30-3";

        public final ExtensionProvider tracer;
        public final ExtensionProvider accessLog;
        public final IngressGateway ingress;

        public AcmeMesh(final Construct scope, final String id, final String meshId, final List<ClusterProps> clusters) {
            this(scope, id, meshId, clusters,
                ExtensionProvider.openTelemetry("acme-otel", TracingProviderOptions.builder()
                    .service("otel-collector.observability.svc.cluster.local").port(4317).build()),
                ExtensionProvider.fileAccessLog("acme-json-log", FileAccessLogOptions.builder().encoding(AccessLogEncoding.JSON).build()));
        }

        private AcmeMesh(final Construct scope, final String id, final String meshId, final List<ClusterProps> clusters,
                         final ExtensionProvider tracer, final ExtensionProvider accessLog) {
            super(scope, id, MeshProps.builder()
                .meshId(meshId)
                .clusters(clusters)
                .istioVersion(IstioVersion.V1_30)
                .revision(REVISION)
                .mtls(MtlsMode.STRICT)
                .meshConfig(MeshConfigOptions.builder().outboundTrafficPolicy(OutboundTrafficPolicy.REGISTRY_ONLY).build())
                .extensionProviders(List.of(tracer, accessLog))
                .build());
            this.tracer = tracer;
            this.accessLog = accessLog;
            new Telemetry(this, "acme-telemetry", TelemetryProps.builder()
                .tracing(TelemetryTracing.builder().providers(List.of(tracer)).samplingPercentage(5).build())
                .accessLogging(TelemetryAccessLogging.builder().providers(List.of(accessLog)).build())
                .build());
            this.ingress = new IngressGateway(this, "acme-ingress", IngressGatewayProps.builder()
                .minReplicas(2)
                .maxReplicas(10)
                .cpu(UtilizationTarget.builder().targetAverageUtilization(70).build())
                .resources(GatewayResources.builder()
                    .requests(ResourceQuantities.builder().cpu("500m").memory("512Mi").build())
                    .limits(ResourceQuantities.builder().cpu("2").memory("1Gi").build())
                    .build())
                .build());
        }
    }

    public static MeshApp build(final MeshApp app) {
        final AcmeMesh mesh = new AcmeMesh(app, "payments", "payments", List.of(
            ClusterProps.builder().name("payments-eu").region("eu-west-1").zones(List.of("eu-west-1a")).build(),
            ClusterProps.builder().name("payments-us").region("us-east-1").zones(List.of("us-east-1a")).build()));
        mesh.addNamespace("payments");
        final MeshService api = new MeshService(mesh, "api", MeshServiceProps.builder()
            .name("api")
            .namespaceName("payments")
            .ports(List.of(MeshServicePort.builder().port(8080).protocol(Protocol.HTTP).build()))
            .versions(List.of(ServiceVersion.builder().name("v1").labels(Map.of("version", "v1")).build()))
            .build());
        new TrafficRoute(mesh, "api-route", TrafficRouteProps.builder()
            .service(api)
            .http(List.of(HttpRouteOptions.builder()
                .destinations(List.of(RouteDestination.builder().version("v1").build()))
                .build()))
            .build());
        return app;
    }

    public static void main(final String[] args) {
        build(new MeshApp()).synth();
    }

    private BlueprintApp() {
    }
}
