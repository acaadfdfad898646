/**
 * A platform blueprint, written the way a platform team publishes one as its own jsii package
 * (`@acme/mesh-blueprint`): a `Mesh` with the organisation's defaults, built only from cdk8s-mesh's
 * public API. Application teams get a mesh that is compliant by construction and change only what
 * the blueprint exposes.
 *
 * Organisation defaults: the pinned control-plane revision `1-30-3`, mesh-wide STRICT mTLS,
 * REGISTRY_ONLY egress, an OpenTelemetry tracer at 5 % sampling with JSON access logs, and an
 * ingress gateway sized 2–10 replicas at 70 % CPU in every cluster.
 */
import { Construct } from 'constructs';
import {
  AccessLogEncoding, ClusterProps, ExtensionProvider, IngressGateway, IstioVersion, Mesh, MtlsMode, NetworkProps,
  OutboundTrafficPolicy, Telemetry,
} from 'cdk8s-mesh';

/** What an application team may choose. */
export interface AcmeMeshProps {
  /** The mesh ID. */
  readonly meshId: string;
  /** The clusters. */
  readonly clusters: ClusterProps[];
  /**
   * The networks.
   * @default - one network
   */
  readonly networks?: NetworkProps[];
  /**
   * Tracing sampling percentage.
   * @default 5
   */
  readonly tracingSampling?: number;
}

/** The organisation's mesh: compliant defaults, one public ingress per cluster. */
export class AcmeMesh extends Mesh {
  /** The revision every Acme cluster runs. */
  public static readonly REVISION = '1-30-3';

  /** The organisation's tracer. */
  public readonly tracer: ExtensionProvider;
  /** The access log provider. */
  public readonly accessLog: ExtensionProvider;
  /** The public ingress gateway of every cluster. */
  public readonly ingress: IngressGateway;

  constructor(scope: Construct, id: string, props: AcmeMeshProps) {
    const tracer = ExtensionProvider.openTelemetry('acme-otel', { service: 'otel-collector.observability.svc.cluster.local', port: 4317 });
    const accessLog = ExtensionProvider.fileAccessLog('acme-json-log', { encoding: AccessLogEncoding.JSON });
    super(scope, id, {
      meshId: props.meshId,
      clusters: props.clusters,
      networks: props.networks,
      istioVersion: IstioVersion.V1_30,
      revision: AcmeMesh.REVISION,
      mtls: MtlsMode.STRICT,
      meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY },
      extensionProviders: [tracer, accessLog],
    });
    this.tracer = tracer;
    this.accessLog = accessLog;
    new Telemetry(this, 'acme-telemetry', {
      tracing: { providers: [tracer], samplingPercentage: props.tracingSampling ?? 5 },
      accessLogging: { providers: [accessLog] },
    });
    this.ingress = new IngressGateway(this, 'acme-ingress', {
      minReplicas: 2,
      maxReplicas: 10,
      cpu: { targetAverageUtilization: 70 },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
    });
  }
}
