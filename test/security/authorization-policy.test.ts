import {
  AuthorizationAction, AuthorizationPolicy, ClusterRole, Condition, ConditionKey, ExtensionProvider, Identity, Mesh, MeshDefaultDeny,
  MeshService, MtlsMode, PeerAuth, PolicyScope, Protocol,
} from '../../src';
import { DestinationRule } from '../../src/imports/networking.istio.io';
import { synth, synthError, testApp } from '../util';

function mesh(props: { mtls?: MtlsMode; strict?: boolean; numTrustedProxies?: number; providers?: ExtensionProvider[] } = {}) {
  const app = testApp();
  const m = new Mesh(app, 'mesh', {
    meshId: 'm',
    trustDomain: 'corp.example',
    clusters: [{ name: 'a' }, { name: 'b' }],
    mtls: props.mtls,
    strict: props.strict,
    meshConfig: { numTrustedProxies: props.numTrustedProxies },
    extensionProviders: props.providers,
  });
  const ratings = new MeshService(m, 'ratings', { name: 'ratings', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP, targetPort: 8080 }] });
  const reviews = new MeshService(m, 'reviews', { name: 'reviews', namespaceName: 'shop', serviceAccount: 'bookinfo-reviews', ports: [{ port: 9080, protocol: Protocol.HTTP }] });
  const db = new MeshService(m, 'db', { name: 'db', namespaceName: 'shop', ports: [{ port: 3306, protocol: Protocol.MYSQL }] });
  return { app, mesh: m, ratings, reviews, db };
}

describe('AuthorizationPolicy', () => {
  test('derives principals from identities with the mesh trust domain and resolves ports', () => {
    const { app, mesh: m, ratings, reviews } = mesh();
    new AuthorizationPolicy(m, 'ratings-viewer', {
      workload: ratings,
      rules: [{
        sources: [{ identities: [Identity.ofService(reviews), Identity.serviceAccount('ops', 'admin')] }],
        operations: [{ methods: ['GET'], ports: [9080] }],
        when: [{ key: ConditionKey.requestHeader('x-team'), values: ['ratings'] }],
      }],
    });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      expect(out.find(cluster, 'AuthorizationPolicy', 'ratings-viewer', 'shop').spec).toEqual({
        selector: { matchLabels: { app: 'ratings' } },
        action: 'ALLOW',
        rules: [{
          from: [{ source: { principals: ['corp.example/ns/shop/sa/bookinfo-reviews', 'corp.example/ns/ops/sa/admin'] } }],
          to: [{ operation: { methods: ['GET'], ports: ['8080'] } }],
          when: [{ key: 'request.headers[x-team]', values: ['ratings'] }],
        }],
      });
    }
  });

  test('typed condition keys spell Istio attributes', () => {
    expect(ConditionKey.requestAuthClaim('groups').key).toBe('request.auth.claims[groups]');
    expect(ConditionKey.requestAuthClaim('nested', 'key').key).toBe('request.auth.claims[nested][key]');
    expect(ConditionKey.experimentalEnvoyFilter('network.mysql_proxy', 'db.table').key).toBe('experimental.envoy.filters.network.mysql_proxy[db.table]');
    const mtlsKeys = [ConditionKey.SOURCE_PRINCIPAL, ConditionKey.CONNECTION_SNI, ConditionKey.SOURCE_IP];
    expect(mtlsKeys.map(k => k.requiresMtls)).toEqual([true, true, false]);
    expect([ConditionKey.REQUEST_AUTH_AUDIENCES.httpOnly, ConditionKey.DESTINATION_PORT.httpOnly]).toEqual([true, false]);
  });

  test('CUSTOM delegates to a declared ext_authz provider', () => {
    const authz = ExtensionProvider.extAuthzHttp('opa', { service: 'opa.authz.svc.cluster.local', port: 8181 });
    const { app, mesh: m, ratings } = mesh({ providers: [authz] });
    new AuthorizationPolicy(m, 'ext', { workload: ratings, action: AuthorizationAction.CUSTOM, provider: authz, rules: [{ operations: [{ paths: ['/admin*'] }] }] });
    const spec = synth(app).find('a', 'AuthorizationPolicy', 'ext', 'shop').spec;
    expect(spec.action).toBe('CUSTOM');
    expect(spec.provider).toEqual({ name: 'opa' });
  });

  test('one call: mesh-wide default deny plus explicit allows', () => {
    const { app, mesh: m, ratings, reviews } = mesh();
    const zeroTrust = new MeshDefaultDeny(m, 'zero-trust', {
      allow: [{ to: ratings, callers: [Identity.ofService(reviews)], operations: [{ methods: ['GET'] }] }],
    });
    zeroTrust.allow({ to: reviews, name: 'allow-reviews' });
    const out = synth(app);
    const deny = out.find('a', 'AuthorizationPolicy', 'allow-nothing', 'istio-system');
    expect(deny.spec).toEqual({ action: 'ALLOW' });
    expect(zeroTrust.policy.scope).toBe(PolicyScope.MESH);
    expect(out.find('a', 'AuthorizationPolicy', 'allow-ratings', 'shop').spec).toEqual({
      selector: { matchLabels: { app: 'ratings' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['corp.example/ns/shop/sa/bookinfo-reviews'] } }], to: [{ operation: { methods: ['GET'] } }] }],
    });
    expect(out.find('b', 'AuthorizationPolicy', 'allow-reviews', 'shop').spec.rules).toEqual([{}]);
  });
});

describe('AuthorizationPolicy rules', () => {
  test('principals on a workload that is not STRICT (MESH-SEC-006)', () => {
    const { app, mesh: m, ratings, reviews } = mesh({ strict: true });
    new PeerAuth(m, 'ratings-permissive', { workload: ratings, mode: MtlsMode.PERMISSIVE });
    new AuthorizationPolicy(m, 'viewer', { workload: ratings, rules: [{ sources: [{ identities: [Identity.ofService(reviews)] }] }] });
    expect(synthError(app)).toContain('MESH-SEC-006 [warning] at mesh/viewer: The policy matches peer identities (principals, namespaces or source.* conditions) on workloads whose effective mTLS is not STRICT. In cluster a. Value: ["PERMISSIVE"].');
  });

  test('namespaces and source.* conditions under a PERMISSIVE mesh, including a port override (MESH-SEC-006)', () => {
    const { app, mesh: m, ratings } = mesh({ strict: true });
    new PeerAuth(m, 'ratings-port', { workload: ratings, portLevelMtls: [{ port: 9080, mode: MtlsMode.DISABLE }] });
    new AuthorizationPolicy(m, 'deny-test', { namespaceName: 'shop', action: AuthorizationAction.DENY, rules: [{ sources: [{ namespaces: ['test'] }] }] });
    new AuthorizationPolicy(m, 'by-principal', { namespaceName: 'other', rules: [{ when: [{ key: ConditionKey.SOURCE_PRINCIPAL, values: ['x'] }] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-006 [warning] at mesh/deny-test:');
    expect(message).toContain('Value: ["DISABLE"]');
    expect(message).not.toContain('at mesh/by-principal');
  });

  test('remoteIpBlocks without numTrustedProxies (MESH-SEC-007)', () => {
    const { app, mesh: m, ratings } = mesh({ strict: true });
    new AuthorizationPolicy(m, 'clients', { workload: ratings, rules: [{ sources: [{ remoteIpBlocks: ['10.0.0.0/8'] }] }] });
    new AuthorizationPolicy(m, 'clients-when', { workload: ratings, rules: [{ when: [{ key: ConditionKey.REMOTE_IP, values: ['10.1.2.3'] }] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-007 [warning] at mesh/clients: `remoteIpBlocks` and `remote.ip` need numTrustedProxies, which the mesh does not configure. Value: ["10.0.0.0/8"].');
    expect(message).toContain('MESH-SEC-007 [warning] at mesh/clients-when:');
    expect(message).toContain('Value: "remote.ip"');
  });

  test('remoteIpBlocks with numTrustedProxies configured passes', () => {
    const { app, mesh: m, ratings } = mesh({ strict: true, numTrustedProxies: 1 });
    new AuthorizationPolicy(m, 'clients', { workload: ratings, rules: [{ sources: [{ remoteIpBlocks: ['10.0.0.0/8'] }] }] });
    expect(synth(app).find('a', 'AuthorizationPolicy', 'clients', 'shop').spec.rules[0].from[0].source.remoteIpBlocks).toEqual(['10.0.0.0/8']);
  });

  test('HTTP-only fields on a TCP-only workload (MESH-SEC-008)', () => {
    const { app, mesh: m, db } = mesh();
    new AuthorizationPolicy(m, 'db-get', { workload: db, rules: [{ operations: [{ methods: ['GET'] }] }] });
    new AuthorizationPolicy(m, 'db-header', { workload: db, rules: [{ when: [{ key: ConditionKey.requestHeader('x'), values: ['y'] }] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-008 [error] at mesh/db-get: The rule uses HTTP-only fields (hosts, methods, paths, request principals or request.* conditions) but targets only non-HTTP ports. Value: "operations.methods".');
    expect(message).toContain('at mesh/db-header');
    expect(message).toContain('Value: "when.request.headers[x]"');
  });

  test('CUSTOM without a declared provider (MESH-SEC-009)', () => {
    const undeclared = ExtensionProvider.extAuthzGrpc('ext', { service: 'ext.authz.svc.cluster.local', port: 9000 });
    const { app, mesh: m, ratings } = mesh();
    new AuthorizationPolicy(m, 'ext', { workload: ratings, action: AuthorizationAction.CUSTOM, provider: undeclared, rules: [{ operations: [{ paths: ['/admin*'] }] }] });
    new AuthorizationPolicy(m, 'none', { workload: ratings, action: AuthorizationAction.CUSTOM, rules: [{ operations: [{ paths: ['/admin*'] }] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-009 [error] at mesh/ext: A CUSTOM authorization policy needs an authorization extension provider declared on the mesh. Value: "ext".');
    expect(message).toContain('MESH-SEC-009 [error] at mesh/none: A CUSTOM authorization policy needs an authorization extension provider declared on the mesh. Value: (unset).');
  });

  test('a provider on a non-CUSTOM policy (MESH-SEC-010)', () => {
    const authz = ExtensionProvider.extAuthzHttp('opa', { service: 'opa.authz.svc.cluster.local', port: 8181 });
    const { app, mesh: m, ratings } = mesh({ providers: [authz] });
    new AuthorizationPolicy(m, 'p', { workload: ratings, action: AuthorizationAction.DENY, provider: authz, rules: [{ operations: [{ paths: ['/admin*'] }] }] });
    expect(synthError(app)).toContain('MESH-SEC-010 [error] at mesh/p: Only CUSTOM authorization policies take a provider. Value: "DENY".');
  });

  test('destination.port out of range (MESH-SEC-011)', () => {
    const { app, mesh: m } = mesh();
    const when: Condition[] = [{ key: ConditionKey.DESTINATION_PORT, values: ['80', '70000'] }];
    new AuthorizationPolicy(m, 'ports', { namespaceName: 'shop', rules: [{ when }] });
    expect(synthError(app)).toContain('MESH-SEC-011 [error] at mesh/ports: `destination.port` values and operation ports must be integers from 0 to 65535. Value: "70000".');
  });

  test('an operation port the service does not expose (MESH-SEC-005)', () => {
    const { app, mesh: m, ratings } = mesh();
    new AuthorizationPolicy(m, 'p', { workload: ratings, rules: [{ operations: [{ ports: [8080] }] }] });
    expect(synthError(app)).toContain('MESH-SEC-005 [error] at mesh/p: The port is not a port of the target service. Service ports: 9080→8080. Value: 8080.');
  });

  test('a raw principal from another trust domain (MESH-SEC-017)', () => {
    const { app, mesh: m, ratings } = mesh({ strict: true });
    new AuthorizationPolicy(m, 'p', { workload: ratings, rules: [{ sources: [{ principals: ['cluster.local/ns/shop/sa/reviews'] }] }] });
    expect(synthError(app)).toContain('MESH-SEC-017 [warning] at mesh/p: A principal names a trust domain other than the mesh\'s. The mesh trust domain is "corp.example". Value: "cluster.local/ns/shop/sa/reviews".');
  });

  test('a DestinationRule forcing tls DISABLE to a STRICT workload (MESH-SEC-013)', () => {
    const { app, mesh: m, ratings } = mesh();
    ratings.addVersion('v1', { version: 'v1' });
    new DestinationRule(m.cluster('b'), 'ratings-plain', {
      metadata: { name: 'ratings-plain', namespace: 'shop' },
      spec: {
        host: 'ratings',
        trafficPolicy: { portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'DISABLE' as any } }] },
        subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { tls: { mode: 'DISABLE' as any } } }],
      },
    });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-013 [error] at b/ratings-plain: A DestinationRule sets tls.mode DISABLE towards a workload whose effective mTLS is STRICT. In cluster b (port 9080). Value: "ratings".');
    expect(message).toContain('In cluster b (subset v1). Value: "ratings".');
  });

  test('a DestinationRule in a remote cluster is checked against its config cluster\'s policies (MESH-SEC-013)', () => {
    const app = testApp();
    const m = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'p' }, { name: 'r', role: ClusterRole.REMOTE }] });
    new MeshService(m, 'ratings', { name: 'ratings', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }] });
    new DestinationRule(m.cluster('r'), 'plain', {
      metadata: { name: 'plain', namespace: 'shop' },
      spec: { host: 'ratings.shop', trafficPolicy: { tls: { mode: 'DISABLE' as any } } },
    });
    expect(synthError(app)).toContain('MESH-SEC-013 [error] at r/plain: A DestinationRule sets tls.mode DISABLE towards a workload whose effective mTLS is STRICT. In cluster r. Value: "ratings.shop".');
  });

  test('a DestinationRule disabling TLS to a workload whose port is DISABLE passes', () => {
    const { app, mesh: m, ratings } = mesh();
    new PeerAuth(m, 'ratings-port', { workload: ratings, portLevelMtls: [{ port: 9080, mode: MtlsMode.DISABLE }] });
    new DestinationRule(m.cluster('a'), 'ratings-plain', {
      metadata: { name: 'ratings-plain', namespace: 'shop' },
      spec: { host: 'ratings.shop.svc.cluster.local', trafficPolicy: { portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'DISABLE' as any } }] } },
    });
    expect(synth(app).find('a', 'DestinationRule', 'ratings-plain', 'shop').spec.host).toBe('ratings.shop.svc.cluster.local');
  });
});
