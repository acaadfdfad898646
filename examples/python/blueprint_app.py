"""The blueprint example (examples/blueprint/acme-mesh.ts + examples/blueprint-app.ts) in Python.

A platform team's AcmeMesh subclass of Mesh with the organisation's defaults, and an application team's
app on top of it. `.ci/languages` runs it and compares its output with the TypeScript example's, byte for byte.
"""
from constructs import Construct

from cdk8s_mesh import (
    AccessLogEncoding, ClusterProps, ExtensionProvider, GatewayResources, HttpRouteOptions,
    IngressGateway, IstioVersion, Mesh, MeshApp, MeshConfigOptions, MeshService, MeshServicePort, MtlsMode,
    OutboundTrafficPolicy, Protocol, ResourceQuantities, RouteDestination, ServiceVersion, Telemetry,
    TelemetryAccessLogging, TelemetryTracing, TrafficRoute, UtilizationTarget,
)


class AcmeMesh(Mesh):
    """The organisation's mesh: compliant defaults, one public ingress per cluster."""

    REVISION = "1-30-3"

    def __init__(self, scope: Construct, id: str, *, mesh_id: str, clusters, networks=None, tracing_sampling=None):
        tracer = ExtensionProvider.open_telemetry(
            "acme-otel", service="otel-collector.observability.svc.cluster.local", port=4317)
        access_log = ExtensionProvider.file_access_log("acme-json-log", encoding=AccessLogEncoding.JSON)
        super().__init__(
            scope, id,
            mesh_id=mesh_id,
            clusters=clusters,
            networks=networks,
            istio_version=IstioVersion.V1_30,
            revision=AcmeMesh.REVISION,
            mtls=MtlsMode.STRICT,
            mesh_config=MeshConfigOptions(outbound_traffic_policy=OutboundTrafficPolicy.REGISTRY_ONLY),
            extension_providers=[tracer, access_log],
        )
        self.tracer = tracer
        self.access_log = access_log
        Telemetry(
            self, "acme-telemetry",
            tracing=TelemetryTracing(providers=[tracer], sampling_percentage=tracing_sampling if tracing_sampling is not None else 5),
            access_logging=TelemetryAccessLogging(providers=[access_log]),
        )
        self.ingress = IngressGateway(
            self, "acme-ingress",
            min_replicas=2,
            max_replicas=10,
            cpu=UtilizationTarget(target_average_utilization=70),
            resources=GatewayResources(
                requests=ResourceQuantities(cpu="500m", memory="512Mi"),
                limits=ResourceQuantities(cpu="2", memory="1Gi"),
            ),
        )


def build(app: MeshApp) -> MeshApp:
    mesh = AcmeMesh(app, "payments", mesh_id="payments", clusters=[
        ClusterProps(name="payments-eu", region="eu-west-1", zones=["eu-west-1a"]),
        ClusterProps(name="payments-us", region="us-east-1", zones=["us-east-1a"]),
    ])
    mesh.add_namespace("payments")
    api = MeshService(
        mesh, "api",
        name="api",
        namespace_name="payments",
        ports=[MeshServicePort(port=8080, protocol=Protocol.HTTP)],
        versions=[ServiceVersion(name="v1", labels={"version": "v1"})],
    )
    TrafficRoute(mesh, "api-route", service=api, http=[HttpRouteOptions(destinations=[RouteDestination(version="v1")])])
    return app


if __name__ == "__main__":
    build(MeshApp()).synth()
