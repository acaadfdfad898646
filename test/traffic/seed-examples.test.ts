import * as yaml from 'js-yaml';
import { build as buildDaoCloud } from '../../examples/daocloud-traffic';
import { CANARY_OBJECTS, build as buildTcm } from '../../examples/tcm-quickstart';
import { synth, testApp, Synthesized } from '../util';

/**
 * The seed YAML, corrected, compared with what the examples synthesize after normalization.
 *
 * Normalization (formatting only, same meaning to Istio):
 * - apiVersion compared by group (the seeds use v1alpha3/v1beta1; the library emits v1);
 * - durations compared as milliseconds (`7000ms` = `7s`);
 * - short hosts expanded relative to the object's namespace (`order` in `base` = `order.base.svc.cluster.local`);
 * - a VirtualService without `gateways` is bound to `mesh`; unqualified gateway names get the object's namespace;
 * - `exportTo: ['*']` equals no exportTo;
 * - server- and UI-populated fields (`status`, DCE `kube.daocloud.io/*` annotations) are dropped.
 */
function normalize(object: any): any {
  const ns = object.metadata.namespace;
  const out = walk(JSON.parse(JSON.stringify(object)), ns);
  out.apiVersion = out.apiVersion.split('/')[0];
  delete out.status;
  delete out.metadata.annotations;
  if (out.kind === 'VirtualService') {
    out.spec.gateways = (out.spec.gateways ?? ['mesh']).map((g: string) => g === 'mesh' || g.includes('/') ? g : `${ns}/${g}`);
  }
  if (JSON.stringify(out.spec.exportTo) === '["*"]') delete out.spec.exportTo;
  return out;
}

const DURATIONS = ['timeout', 'perTryTimeout', 'fixedDelay', 'interval', 'baseEjectionTime', 'ttl', 'connectTimeout', 'idleTimeout', 'maxAge'];
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };

function walk(value: any, ns: string): any {
  if (Array.isArray(value)) return value.map(v => walk(v, ns));
  if (value === null || typeof value !== 'object') return value;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'host' && typeof v === 'string' && !v.includes('.') && v !== '*') {value[key] = `${v}.${ns}.svc.cluster.local`;} else if (DURATIONS.includes(key) && typeof v === 'string') {
      const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v);
      value[key] = m ? Number(m[1]) * UNIT_MS[m[2]] : v;
    } else {value[key] = walk(v, ns);}
  }
  return value;
}

/** Compares every object of these kinds in a cluster with the corrected seed documents. */
function expectRoutingObjects(out: Synthesized, cluster: string, seedYaml: string, kinds = ['VirtualService', 'DestinationRule'], ignore: string[] = []): void {
  const expected = yaml.loadAll(seedYaml).map(normalize);
  const key = (o: any) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
  const actual = out.cluster(cluster).filter(o => kinds.includes(o.kind) && !ignore.includes(key(o))).map(normalize);
  expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
  for (const doc of expected) expect(actual.find(a => key(a) === key(doc))).toEqual(doc);
}

describe('TCM quick start (seed 001 §1.3)', () => {
  /**
   * Corrections to the seed YAML:
   * - S5 (D5): `fault` moved from `spec` into the HTTP route next to `route`.
   * - S3/S6 (D6): the cookie matches were `exact: vip=false|true` on the whole `cookie` header, which only
   *   matches a request carrying that single cookie; they are regexes matching the cookie anywhere, and a
   *   default route to v1 (same 3s timeout) serves requests without the cookie. order-vs is S6's final state.
   * - S4 (D7): a default route to v1 follows the `/product` 50/50 split, so other product paths are routed.
   * - S7 (D9): the hash header `UserID` is lower-cased to `userid` (Envoy lower-cases header names).
   * - S2 (D1): the Gateway host `*.*` is invalid; the gateway listens for `*` (the route keeps `hosts: ['*']`).
   * - frontend-vs is S11's final state, bound to both the public and the nearby gateway; the frontend canary's
   *   gray release and split apply to it too (otherwise gateway traffic never reaches v2: istioctl analyze IST0140).
   */
  const seed = `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: frontend-vs, namespace: base}
spec:
  hosts: ["*"]
  gateways: [base/frontend-gw, base/frontend-gw-2]
  http:
    - name: gray-release
      match:
        - headers: {cookie: {regex: '^(.*?;\\s*)?vip=true(;.*)?$'}}
      route:
        - destination: {host: frontend.base.svc.cluster.local, subset: v2}
    - name: canary
      route:
        - destination: {host: frontend.base.svc.cluster.local, subset: v1}
          weight: 95
        - destination: {host: frontend.base.svc.cluster.local, subset: v2}
          weight: 5
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: order, namespace: base}
spec:
  host: order
  subsets:
    - {name: v1, labels: {version: v1}}
    - {name: v2, labels: {version: v2}}
  exportTo: ['*']
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: order-vs, namespace: base}
spec:
  hosts: [order.base.svc.cluster.local]
  http:
    - match: [{headers: {cookie: {regex: '^(.*?;\\s*)?vip=false(;.*)?$'}}}]
      route: [{destination: {host: order.base.svc.cluster.local, subset: v1}}]
      timeout: 3000ms
    - match: [{headers: {cookie: {regex: '^(.*?;\\s*)?vip=true(;.*)?$'}}}]
      route: [{destination: {host: order.base.svc.cluster.local, subset: v2}}]
      timeout: 3000ms
    - route: [{destination: {host: order.base.svc.cluster.local, subset: v1}}]
      timeout: 3000ms
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: product-vs, namespace: base}
spec:
  hosts: ["product.base.svc.cluster.local"]
  http:
    - match:
        - uri: {exact: /product}
      route:
        - destination: {host: product.base.svc.cluster.local, subset: v1, port: {number: 7000}}
          weight: 50
        - destination: {host: product.base.svc.cluster.local, subset: v2, port: {number: 7000}}
          weight: 50
    - route:
        - destination: {host: product.base.svc.cluster.local, subset: v1, port: {number: 7000}}
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: product, namespace: base}
spec:
  host: product
  subsets:
    - {name: v1, labels: {version: v1}}
    - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: stock-vs, namespace: base}
spec:
  hosts: [stock.base.svc.cluster.local]
  http:
    - route:
        - destination: {host: stock.base.svc.cluster.local}
      fault:
        delay:
          fixedDelay: 7000ms
          percentage: {value: 100}
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: cart, namespace: base}
spec:
  host: cart
  trafficPolicy:
    loadBalancer:
      consistentHash:
        httpHeaderName: userid
  exportTo: ['*']
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: user, namespace: base}
spec:
  host: user
  trafficPolicy:
    connectionPool:
      http:
        http1MaxPendingRequests: 1
        http2MaxRequests: 1
        maxRequestsPerConnection: 1
  exportTo: ['*']
`;

  test('the primary holds exactly the corrected seed routes and policies (besides the patterns\' canary); the remote holds none', () => {
    const out = synth(buildTcm(testApp()));
    expectRoutingObjects(out, 'gz-zone-a', seed, undefined, CANARY_OBJECTS);
    expect(out.ofKind('gz-zone-b', 'VirtualService')).toEqual([]);
    expect(out.ofKind('gz-zone-b', 'DestinationRule')).toEqual([]);
  });
});

describe('DaoCloud traffic (seed 002 F1, F25–F27)', () => {
  /**
   * Corrections to the seed YAML:
   * - F1: the UI's `kube.daocloud.io/indexes` annotation (malformed JSON) and server fields are not emitted.
   * - F27: `hosts` was `helloworld.helloworld.svc.cluster.local`, which the gateway (host `hello.m.daocloud`)
   *   never serves, so the split never applied; the route now uses the gateway's host.
   * - F27: `weight` sits beside `destination`, not under it (extraction defect).
   * - F26: the Gateway's server protocol is `HTTP` (the seed wrote `http`), and its selector also carries
   *   `app: istio-ingressgateway`, the label of the IngressGateway construct it is bound to.
   */
  const nginx = `
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: nginx-vs
  namespace: nginx-gw
spec:
  gateways:
    - nginx-gw/nginx-gwrule
  hosts:
    - www.nginx.app.com
  http:
    - match:
        - uri:
            prefix: /
      name: nginx-http
      retries:
        attempts: 2
        perTryTimeout: 5s
        retryOn: 5xx
      route:
        - destination:
            host: nginx.nginx-test.svc.cluster.local
            port:
              number: 80
status: {}
`;
  const helloworld = `
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: helloworld-gateway
  namespace: helloworld
spec:
  selector:
    app: istio-ingressgateway
    istio: ingressgateway
  servers:
    - hosts:
        - hello.m.daocloud
      port:
        name: http
        number: 80
        protocol: HTTP
---
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: helloworld-version
  namespace: helloworld
spec:
  host: helloworld
  subsets:
    - labels:
        version: v1
      name: v1
    - labels:
        version: v2
      name: v2
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: helloworld-version
  namespace: helloworld
spec:
  gateways:
    - helloworld-gateway
  hosts:
    - hello.m.daocloud
  http:
    - match:
        - uri:
            exact: /hello
      name: helloworld-routes
      route:
        - destination:
            host: helloworld
            port:
              number: 5000
            subset: v1
          weight: 30
        - destination:
            host: helloworld
            port:
              number: 5000
            subset: v2
          weight: 70
`;

  test('the nginx retry route matches the corrected seed', () => {
    expectRoutingObjects(synth(buildDaoCloud(testApp())), 'dywtest3', nginx);
  });

  test('the 30/70 split lands in the hosted mesh config cluster, with the host its gateway serves', () => {
    const out = synth(buildDaoCloud(testApp()));
    expectRoutingObjects(out, 'hosted-mesh-config', helloworld, ['Gateway', 'VirtualService', 'DestinationRule']);
    for (const remote of ['yl-cluster10', 'yl-cluster20']) {
      expect(out.ofKind(remote, 'VirtualService')).toEqual([]);
      expect(out.find(remote, 'Service', 'helloworld', 'helloworld').spec.ports[0].name).toBe('http-5000');
    }
  });
});
