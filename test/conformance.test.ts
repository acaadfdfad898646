import { assertConformant, checkObject } from './conformance';

/** The harness must reject what the API server rejects; otherwise every other test proves nothing. */
const peerAuth = (spec: object) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name: 'default', namespace: 'istio-system' },
  spec,
});
const virtualService = (http: object[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'sample' },
  spec: { hosts: ['reviews'], http },
});
const requestAuthentication = (rule: object) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'RequestAuthentication',
  metadata: { name: 'jwt', namespace: 'sample' },
  spec: { selector: { matchLabels: { app: 'httpbin' } }, jwtRules: [{ issuer: 'issuer-foo', ...rule }] },
});
const service = (spec: object) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'reviews', namespace: 'sample' },
  spec,
});

describe('conformance harness accepts valid objects', () => {
  test.each([
    ['mesh-wide STRICT PeerAuthentication', peerAuth({ mtls: { mode: 'STRICT' } })],
    ['port-level mTLS with a selector', peerAuth({ selector: { matchLabels: { app: 'a' } }, portLevelMtls: { 80: { mode: 'DISABLE' } } })],
    ['VirtualService with timeout and retries', virtualService([{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }], timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s' } }])],
    ['RequestAuthentication with jwksUri', requestAuthentication({ jwksUri: 'https://example.com/.well-known/jwks.json' })],
    ['Service', service({ selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080, targetPort: 9080 }] })],
  ])('%s', (_name, obj) => {
    expect(checkObject(obj)).toEqual([]);
  });
});

describe('conformance harness rejects known-bad objects', () => {
  test('an unknown field in an Istio resource', () => {
    expect(checkObject(peerAuth({ mtls: { mode: 'STRICT', strict: true } }))).toEqual([
      expect.stringContaining('unknown field "strict"'),
    ]);
  });

  test('an unknown top-level spec field in an Istio resource', () => {
    expect(checkObject(virtualService([]) && { ...virtualService([]), spec: { hosts: ['r'], routes: [] } })).toEqual([
      expect.stringContaining('unknown field "routes"'),
    ]);
  });

  test.each(['10x', '0.1ms', '-1s'])('a bad duration %p (syntax, or below the 1ms minimum)', duration => {
    const errors = checkObject(virtualService([{ route: [{ destination: { host: 'reviews' } }], timeout: duration }]));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/\/spec\/http\/0\/timeout: CEL/);
  });

  test('portLevelMtls without a selector', () => {
    expect(checkObject(peerAuth({ portLevelMtls: { 80: { mode: 'DISABLE' } } }))).toEqual([
      expect.stringMatching(/\/spec: CEL: portLevelMtls requires selector/),
    ]);
  });

  test('jwks together with jwksUri', () => {
    expect(checkObject(requestAuthentication({ jwksUri: 'https://example.com/jwks.json', jwks: '{"keys":[]}' }))).toEqual([
      expect.stringMatching(/\/spec\/jwtRules\/0: CEL: only one of jwks or jwksUri/),
    ]);
  });

  test('a jwksUri that is not http(s)', () => {
    expect(checkObject(requestAuthentication({ jwksUri: 'ftp://example.com/jwks.json' })).join('\n')).toMatch(/jwksUri: CEL/);
  });

  test('a port number out of range', () => {
    const errors = checkObject({
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'ext', namespace: 'sample' },
      spec: { hosts: ['api.example.com'], resolution: 'DNS', ports: [{ number: 70000, name: 'https', protocol: 'TLS' }] },
    });
    expect(errors).toEqual([expect.stringMatching(/\/spec\/ports\/0\/number: CEL: port must be between 1-65535/)]);
  });

  test('a wrong type in an Istio resource', () => {
    expect(checkObject(virtualService([{ route: [{ destination: { host: 'reviews' }, weight: '10' }] }])).join('\n')).toMatch(/weight: must be integer/);
  });

  test('an enum value Istio does not know', () => {
    expect(checkObject(peerAuth({ mtls: { mode: 'strict' } })).join('\n')).toMatch(/mode: must be equal to one of the allowed values/);
  });

  test('an unknown field in a Kubernetes object', () => {
    expect(checkObject(service({ selector: { app: 'r' }, ports: [{ port: 80, protocol: 'TCP', portName: 'http' }] }))).toEqual([
      expect.stringContaining('/spec/ports/0: unknown field "portName"'),
    ]);
  });

  test('a wrong type in a Kubernetes object', () => {
    expect(checkObject(service({ ports: [{ port: '80' }] })).join('\n')).toMatch(/\/spec\/ports\/0\/port/);
  });

  test('a missing required field in a Kubernetes object', () => {
    expect(checkObject(service({ ports: [{ name: 'http' }] })).join('\n')).toMatch(/port/);
  });

  test('an unknown field in metadata', () => {
    expect(checkObject({ ...service({}), metadata: { name: 'x', label: { a: 'b' } } })).toEqual([
      expect.stringContaining('/metadata: unknown field "label"'),
    ]);
  });

  test('an unknown kind', () => {
    expect(checkObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      expect.stringContaining('unknown kind example.com/v1/Widget'),
    ]);
  });

  test('an invalid name, namespace, label and annotation', () => {
    const errors = checkObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'Bad_Name', namespace: 'a.b', labels: { 'ok': 'not ok!', '-bad': 'x' }, annotations: { a: 1 } },
    });
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining('/metadata/name: "Bad_Name" is not a DNS-1123 subdomain'),
      expect.stringContaining('/metadata/namespace: "a.b" is not a DNS-1123 label'),
      expect.stringContaining('/metadata/labels/ok: invalid value "not ok!"'),
      expect.stringContaining('/metadata/labels: invalid key "-bad"'),
      expect.stringContaining('/metadata/annotations/a: value must be a string'),
    ]));
  });

  test('assertConformant lists every problem and duplicate objects together', () => {
    const bad = peerAuth({ portLevelMtls: { 80: { mode: 'DISABLE' } } });
    expect(() => assertConformant([bad, bad], 'c1.k8s.yaml')).toThrow(/conformance: 3 problem\(s\)[\s\S]*portLevelMtls[\s\S]*portLevelMtls[\s\S]*duplicate object/);
  });
});
