/**
 * The Tencent Cloud Mesh (TCM) quick start: the `base` (production) and `test` namespaces of the
 * e-commerce demo on one primary cluster.
 *
 * Seed: 001 (TCM quick start). Other teams add routing and canary steps to this file; security lives in
 * `addSecurity()`: S12 (STRICT mTLS for `base`) and S13 (deny calls from `test`).
 */
import {
  AuthorizationAction, AuthorizationPolicy, Mesh, MeshApp, MtlsMode, PeerAuth,
} from '../src';

/** The security objects of the quick start. */
export interface QuickStartSecurity {
  /** S12: every service in `base` accepts mTLS only. */
  readonly baseStrict: PeerAuth;
  /** S13: workloads in `test` may not call services in `base`. */
  readonly denyTest: AuthorizationPolicy;
}

/**
 * S12 and S13. The DENY-by-namespace rule matches the caller's mTLS identity, so it only holds
 * because `base` is STRICT (plaintext callers carry no namespace).
 */
export function addSecurity(mesh: Mesh): QuickStartSecurity {
  const baseStrict = PeerAuth.namespaceWide(mesh, 'base-strict', 'base', MtlsMode.STRICT, { name: 'base-strict' });
  const denyTest = new AuthorizationPolicy(mesh, 'base-authz', {
    namespace: 'base',
    action: AuthorizationAction.DENY,
    rules: [{ from: [{ namespaces: ['test'] }] }],
  });
  return { baseStrict, denyTest };
}

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'tcm', {
    meshId: 'tcm-demo',
    clusters: [{ name: 'guangzhou-a', region: 'ap-guangzhou', zones: ['ap-guangzhou-3'] }],
  });
  mesh.addNamespace('base');
  mesh.addNamespace('test');
  addSecurity(mesh);
  return app;
}

if (require.main === module) {
  build().synth();
}
