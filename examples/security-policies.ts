/**
 * The DaoCloud (DCE) mesh's security examples, corrected.
 *
 * Seed: 002 (DaoCloud mesh docs), security chapter:
 * - `ratings-viewer`: only bookinfo-reviews may GET ratings; the principal is derived from the reviews
 *   service's identity, and works because the mesh is STRICT by default.
 * - `httpbin` JWT: the seed's RequestAuthentication alone rejects nothing; `requireJwt()` adds the
 *   AuthorizationPolicy that rejects requests without a token.
 * - port-level DISABLE on `example-app`, whose Service maps port 8000 to target port 80: the user names the
 *   service port 8000 and the policy is keyed by the target port 80.
 * - istiod is declared to block JWKS fetches from internal ranges (`meshConfig.jwksBlockedCidrs`), which the
 *   seed's install leaves open.
 * - the seed's "mesh-wide" STRICT policy had a selector (so it was not mesh-wide); the mesh's default
 *   STRICT policy is the corrected version.
 */
import {
  AuthorizationPolicy, Identity, Mesh, MeshApp, MeshService, MtlsMode, PeerAuth, Protocol, RequestAuthentication,
} from 'cdk8s-mesh';

/** The seed's policies. */
export interface SeedPolicies {
  /** Only bookinfo-reviews may GET ratings. */
  readonly ratingsViewer: AuthorizationPolicy;
  /** JWTs from issuer-foo on httpbin. */
  readonly httpbinJwt: RequestAuthentication;
  /** Rejects httpbin requests without a JWT. */
  readonly httpbinRequireJwt: AuthorizationPolicy;
  /** Plaintext on example-app's HTTP port. */
  readonly examplePortPolicy: PeerAuth;
}

/**
 * Adds the seed's services and policies to a mesh.
 * @param mesh the mesh
 */
export function addSeedPolicies(mesh: Mesh): SeedPolicies {
  const ratings = new MeshService(mesh, 'ratings', { name: 'ratings', namespaceName: 'default', ports: [{ port: 9080, protocol: Protocol.HTTP }] });
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews', namespaceName: 'default', serviceAccount: 'bookinfo-reviews', ports: [{ port: 9080, protocol: Protocol.HTTP }],
  });
  const ratingsViewer = new AuthorizationPolicy(mesh, 'ratings-viewer', {
    workload: ratings,
    rules: [{ sources: [{ identities: [Identity.ofService(reviews)] }], operations: [{ methods: ['GET'] }] }],
  });

  const httpbin = new MeshService(mesh, 'httpbin', { name: 'httpbin', namespaceName: 'foo', ports: [{ port: 8000, targetPort: 80, protocol: Protocol.HTTP }] });
  const httpbinJwt = new RequestAuthentication(mesh, 'httpbin-jwt', {
    name: 'httpbin',
    workload: httpbin,
    jwtRules: [{ issuer: 'issuer-foo', jwksUri: 'https://example.com/.well-known/jwks.json' }],
  });
  const httpbinRequireJwt = httpbinJwt.requireJwt();

  const example = new MeshService(mesh, 'example-service', {
    name: 'example-service',
    namespaceName: 'foo',
    selector: { app: 'example-app' },
    ports: [{ port: 8000, targetPort: 80, name: 'http', protocol: Protocol.HTTP }],
  });
  const examplePortPolicy = new PeerAuth(mesh, 'example-workload-policy', {
    workload: example,
    portLevelMtls: [{ port: 8000, mode: MtlsMode.DISABLE }],
  });
  return { ratingsViewer, httpbinJwt, httpbinRequireJwt, examplePortPolicy };
}

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  // istiod must not fetch JWKS URIs from the cluster's own ranges or the metadata server (istioctl analyze IST0175).
  const meshConfig = { jwksBlockedCidrs: ['10.0.0.0/8', '169.254.169.254/32'] };
  const mesh = new Mesh(app, 'dce', { meshId: 'dce-mesh', clusters: [{ name: 'dce-cluster' }], meshConfig });
  mesh.addNamespace('foo');
  addSeedPolicies(mesh);
  return app;
}

if (require.main === module) {
  build().synth();
}
