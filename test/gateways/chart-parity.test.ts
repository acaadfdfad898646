import { IngressGateway, Mesh } from '../../src';
import { synth, testApp } from '../util';

/**
 * A default IngressGateway against what `helm template istio-ingressgateway istio/gateway -n istio-system`
 * (chart 1.30.3) renders (shared/reference/istio-multicluster/GATEWAY-CHART.md §1), field by field.
 * Helm-only labels (managed-by Helm, instance, version, helm.sh/chart) are the documented difference.
 */
describe('default IngressGateway matches the official gateway chart', () => {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
  new IngressGateway(mesh, 'ingress');
  const out = synth(app);
  const find = (kind: string) => out.find('a', kind, 'istio-ingressgateway', 'istio-system');
  const selector = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

  test('renders the chart objects: ServiceAccount, Role, RoleBinding, Service, Deployment, HPA; no PDB', () => {
    const kinds = out.cluster('a').filter(o => o.metadata.name === 'istio-ingressgateway').map(o => o.kind).sort();
    expect(kinds).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Role', 'RoleBinding', 'Service', 'ServiceAccount']);
  });

  test('labels: selector labels, app.kubernetes.io/name and istio.io/dataplane-mode none on every object', () => {
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding', 'Service', 'Deployment', 'HorizontalPodAutoscaler']) {
      expect(find(kind).metadata.labels).toMatchObject({
        ...selector,
        'app.kubernetes.io/name': 'istio-ingressgateway',
        'app.kubernetes.io/part-of': 'istio',
        'istio.io/dataplane-mode': 'none',
      });
    }
  });

  test('selector: Deployment matchLabels and Service selector are app + istio', () => {
    expect(find('Deployment').spec.selector.matchLabels).toEqual(selector);
    expect(find('Service').spec.selector).toEqual(selector);
  });

  test('pod template: injection label and the five chart annotations', () => {
    const template = find('Deployment').spec.template;
    expect(template.metadata.labels).toMatchObject({ ...selector, 'sidecar.istio.io/inject': 'true', 'istio.io/dataplane-mode': 'none' });
    expect(template.metadata.labels['istio.io/rev']).toBeUndefined();
    expect(template.metadata.annotations).toEqual({
      'inject.istio.io/templates': 'gateway',
      'prometheus.io/path': '/stats/prometheus',
      'prometheus.io/port': '15020',
      'prometheus.io/scrape': 'true',
      'sidecar.istio.io/inject': 'true',
    });
  });

  test('pod spec: service account, sysctl, termination grace, no replicas (autoscaled)', () => {
    const deployment = find('Deployment');
    const pod = deployment.spec.template.spec;
    expect(deployment.spec.replicas).toBeUndefined();
    expect(pod.serviceAccountName).toBe('istio-ingressgateway');
    // deliberate: seccompProfile RuntimeDefault added to the chart's pod securityContext (restricted Pod Security Standard)
    expect(pod.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] });
    expect(pod.terminationGracePeriodSeconds).toBe(30);
  });

  test('container: istio-proxy, image auto, chart security context, metrics port, resources', () => {
    const [container, ...others] = find('Deployment').spec.template.spec.containers;
    expect(others).toEqual([]);
    expect(container.name).toBe('istio-proxy');
    expect(container.image).toBe('auto');
    expect(container.securityContext).toEqual({
      capabilities: { drop: ['ALL'] },
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true, // no runAsUser/runAsGroup, as in the chart
    });
    expect(container.env).toBeUndefined();
    expect(container.ports).toEqual([{ containerPort: 15090, protocol: 'TCP', name: 'http-envoy-prom' }]);
    expect(container.resources).toEqual({ limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  });

  test('RBAC: the Role reads secrets; the RoleBinding binds it to the service account', () => {
    expect(find('Role').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] }]);
    const binding = find('RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'istio-ingressgateway' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'istio-ingressgateway' }]);
  });

  test('Service: LoadBalancer with status-port 15021, http2 80, https 443', () => {
    const service = find('Service');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports).toEqual([
      { name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 },
      { name: 'http2', port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 443 },
    ]);
  });

  test('HPA: autoscaling/v2, Deployment target, 1-5 replicas at 80% CPU', () => {
    const hpa = find('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'istio-ingressgateway' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 80, type: 'Utilization' } } }],
    });
  });
});

describe('proxy UID/GID', () => {
  test('explicit runAsUser/runAsGroup for platforms that need them, per cluster', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    new IngressGateway(mesh, 'ingress', { runAsUser: 1337, runAsGroup: 1337, overrides: { b: { runAsUser: 1000650000, runAsGroup: 1000650000 } } });
    const out = synth(app);
    const context = (cluster: string) => out.find(cluster, 'Deployment', 'istio-ingressgateway').spec.template.spec.containers[0].securityContext;
    expect([context('a').runAsUser, context('a').runAsGroup]).toEqual([1337, 1337]);
    expect([context('b').runAsUser, context('b').runAsGroup]).toEqual([1000650000, 1000650000]);
  });
});

describe('revision pinning', () => {
  test('a non-default revision adds istio.io/rev next to sidecar.istio.io/inject, as the chart does', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', revision: '1-30', clusters: [{ name: 'a' }] });
    new IngressGateway(mesh, 'ingress');
    const labels = synth(app).find('a', 'Deployment', 'istio-ingressgateway').spec.template.metadata.labels;
    expect(labels['istio.io/rev']).toBe('1-30');
    expect(labels['sidecar.istio.io/inject']).toBe('true');
  });
});
