/**
 * Istio ambient getting started, "Enforce authorization policies" (Istio 1.30: istio.io
 * content/en/docs/ambient/getting-started/enforce-auth-policies): Bookinfo's `default` namespace in ambient mode
 * (`istio.io/dataplane-mode=ambient`), the namespace waypoint of `istioctl waypoint apply --enroll-namespace`
 * (a Gateway API Gateway of class `istio-waypoint`, HBONE on 15008; the namespace labelled
 * `istio.io/use-waypoint: waypoint`), and the L7 policy `productpage-viewer` that lets only the `curl` service
 * account send GET requests to `productpage`, attached with `targetRefs` to the Service and enforced by its waypoint.
 *
 * The guide's Layer 4 step applies a selector-based `productpage-viewer` first and then replaces it with this L7 one
 * (same name); the example writes the final state. Bookinfo's own manifests (`samples/bookinfo`) deploy productpage,
 * so it is declared with `MeshService.external` (no Service emitted). The guide installs Istio with
 * `istioctl install --set profile=ambient` and applies no PeerAuthentication, hence `mtls: MtlsMode.UNSET`; the policy
 * then warns MESH-SEC-006: ztunnel encrypts traffic between ambient workloads, but in PERMISSIVE mode a plaintext
 * client from outside the mesh carries no identity (drop `mtls` to get the library's STRICT default).
 */
import { AuthorizationAction, AuthorizationPolicy, DataplaneMode, MeshApp, Mesh, MeshService, MeshTopology, MtlsMode, Protocol, Waypoint } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'bookinfo', {
    meshId: 'bookinfo',
    topology: MeshTopology.MULTI_PRIMARY,
    dataplaneMode: DataplaneMode.AMBIENT,
    mtls: MtlsMode.UNSET,
    clusters: [{ name: 'ambient' }],
  });
  // kubectl label namespace default istio.io/dataplane-mode=ambient
  mesh.addNamespace('default');
  const productpage = MeshService.external(mesh, 'productpage', {
    name: 'productpage',
    namespaceName: 'default',
    ports: [{ port: 9080, name: 'http', protocol: Protocol.HTTP }],
    selector: { app: 'productpage' },
    serviceAccount: 'bookinfo-productpage',
  });
  // istioctl waypoint apply --enroll-namespace
  new Waypoint(mesh, 'waypoint', { namespaceName: 'default', enrollNamespace: true });
  new AuthorizationPolicy(mesh, 'productpage-viewer', {
    targetService: productpage,
    action: AuthorizationAction.ALLOW,
    rules: [{
      sources: [{ principals: ['cluster.local/ns/default/sa/curl'] }],
      operations: [{ methods: ['GET'] }],
    }],
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
