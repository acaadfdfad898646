import { AuthorizationPolicy, Mesh, MeshService, Protocol } from '../../src';
import { errorOf, testApp } from '../util';

/** Authorization paths as Istio's webhook checks their templates (security.CheckValidPathTemplate). */
function policyWith(paths: string[]): () => AuthorizationPolicy {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
  const svc = new MeshService(mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  return () => new AuthorizationPolicy(mesh, 'policy', { workload: svc, rules: [{ operations: [{ paths }] }] });
}

test.each([
  '/api/{*}/reviews', '/static/{**}', '/videos/{**}/index.m3u8', '{*}', '/a/{*}/{*}/{**}', '/a/{*}/b/{**}/', "/v1/{*}/x-y_z.~%20!$&'()+,;:@=", '/api/*', '*.js', '*', '/exact/path',
])('Istio accepts the path %j', path => {
  expect(policyWith([path])).not.toThrow();
});

test.each([
  ['/static/{**}/{*}', '{*} after {**}'],
  ['/users/{id}', 'a named parameter'],
  ['/a/{*}x', 'a template inside a segment'],
  ['/api/*/{*}', 'a glob beside a template'],
  ['/api//{*}', 'an empty segment beside a template'],
  ['/api/{*}/a b', 'a space beside a template'],
  ['/api/}', 'a stray brace'],
])('Istio rejects the path %j (%s): MESH-VAL-027', path => {
  expect(errorOf(policyWith([path]))).toContain('MESH-VAL-027 [error] at mesh/policy/rules[0]/operations[0]/paths[0]: An authorization path uses a template Istio does not accept');
});
