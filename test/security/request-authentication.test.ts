import {
  AuthorizationPolicy, ConditionKey, Mesh, MeshService, Protocol, RequestAuthentication,
} from '../../src';
import { synth, synthError, testApp } from '../util';

function mesh(strict = false) {
  const app = testApp();
  const m = new Mesh(app, 'mesh', { meshId: 'm', strict, clusters: [{ name: 'a' }, { name: 'b' }] });
  const httpbin = new MeshService(m, 'httpbin', { name: 'httpbin', namespaceName: 'foo', ports: [{ port: 8000, targetPort: 80, protocol: Protocol.HTTP }], clusters: ['b'] });
  return { app, mesh: m, httpbin };
}

describe('RequestAuthentication', () => {
  test('emits every JWT rule field and requireJwt() rejects requests without a token', () => {
    const { app, mesh: m, httpbin } = mesh();
    const ra = new RequestAuthentication(m, 'httpbin-jwt', {
      name: 'httpbin',
      workload: httpbin,
      jwtRules: [{
        issuer: 'issuer-foo',
        audiences: ['httpbin'],
        jwksUri: 'https://example.com/.well-known/jwks.json',
        fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
        fromParams: ['token'],
        forwardOriginalToken: true,
        outputPayloadToHeader: 'x-jwt-payload',
        outputClaimToHeaders: [{ claim: 'sub', header: 'x-sub' }],
      }],
    });
    const policy = ra.requireJwt();
    const out = synth(app);
    const emitted = out.find('b', 'RequestAuthentication', 'httpbin', 'foo');
    expect(emitted.apiVersion).toBe('security.istio.io/v1');
    expect(emitted.spec).toEqual({
      selector: { matchLabels: { app: 'httpbin' } },
      jwtRules: [{
        issuer: 'issuer-foo',
        audiences: ['httpbin'],
        jwksUri: 'https://example.com/.well-known/jwks.json',
        fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
        fromParams: ['token'],
        forwardOriginalToken: true,
        outputPayloadToHeader: 'x-jwt-payload',
        outputClaimToHeaders: [{ claim: 'sub', header: 'x-sub' }],
      }],
    });
    expect(policy.name).toBe('httpbin-require-jwt');
    expect(out.find('b', 'AuthorizationPolicy', 'httpbin-require-jwt', 'foo').spec).toEqual({
      selector: { matchLabels: { app: 'httpbin' } },
      action: 'DENY',
      rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
    });
    expect(out.ofKind('a', 'RequestAuthentication')).toEqual([]);
  });

  test('an inline JWKS is accepted instead of a URI', () => {
    const { app, mesh: m } = mesh();
    const ra = new RequestAuthentication(m, 'ns-jwt', { namespaceName: 'foo', jwtRules: [{ issuer: 'me', jwks: '{"keys":[]}' }] });
    new AuthorizationPolicy(m, 'claims', { namespaceName: 'foo', rules: [{ when: [{ key: ConditionKey.requestAuthClaim('groups'), values: ['admin'] }] }] });
    const spec = synth(app).find('a', 'RequestAuthentication', 'ns-jwt', 'foo').spec;
    expect(spec).toEqual({ jwtRules: [{ issuer: 'me', jwks: '{"keys":[]}' }] });
    expect(ra.selector).toBeUndefined();
  });
});

describe('RequestAuthentication rules', () => {
  test('a second namespace-wide RequestAuthentication (MESH-SEC-002)', () => {
    const { app, mesh: m } = mesh(true);
    new RequestAuthentication(m, 'one', { namespaceName: 'foo', jwtRules: [{ issuer: 'a', jwksUri: 'https://a/jwks' }] }).requireJwt();
    new RequestAuthentication(m, 'two', { namespaceName: 'foo', jwtRules: [{ issuer: 'b', jwksUri: 'https://b/jwks' }] });
    expect(synthError(app)).toContain('MESH-SEC-002 [warning] at mesh/two: There is more than one mesh-wide RequestAuthentication, or more than one namespace-wide RequestAuthentication in a namespace. In cluster a. Value: "foo/two".');
  });

  test('a RequestAuthentication that nothing requires (MESH-SEC-012)', () => {
    const { app, mesh: m, httpbin } = mesh(true);
    new RequestAuthentication(m, 'httpbin-jwt', { name: 'httpbin', workload: httpbin, jwtRules: [{ issuer: 'issuer-foo', jwksUri: 'https://example.com/jwks.json' }] });
    expect(synthError(app)).toContain('MESH-SEC-012 [warning] at mesh/httpbin-jwt: A RequestAuthentication has no authorization policy that requires a token, so requests without a JWT are still accepted. Value: "foo/httpbin".');
  });

  test('both or neither of jwksUri and jwks (MESH-SEC-015)', () => {
    const { app, mesh: m } = mesh();
    new RequestAuthentication(m, 'bad', {
      namespaceName: 'foo',
      jwtRules: [{ issuer: 'both', jwks: '{"keys":[]}', jwksUri: 'https://x/jwks' }, { issuer: 'neither', fromParams: ['t'] }],
    }).requireJwt();
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-015 [error] at mesh/bad: A JWT rule needs exactly one of jwksUri and jwks. Value: "both".');
    expect(message).toContain('Value: "neither"');
  });

  test('two JWT rules reading the same header (MESH-SEC-016)', () => {
    const { app, mesh: m } = mesh(true);
    new RequestAuthentication(m, 'dup', {
      namespaceName: 'foo',
      jwtRules: [
        { issuer: 'old', jwksUri: 'https://old/jwks', fromHeaders: [{ name: 'X-Token' }] },
        { issuer: 'new', jwksUri: 'https://new/jwks', fromHeaders: [{ name: 'x-token' }] },
      ],
    }).requireJwt();
    expect(synthError(app)).toContain('MESH-SEC-016 [warning] at mesh/dup: Two JWT rules of one RequestAuthentication name the same token location. Value: "header:x-token".');
  });
});
