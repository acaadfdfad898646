import { deployment, findings, namespaceObject, newMesh, raw } from './fixtures';
import { buildIndex, gatewayApiKind } from '../../src/analysis/object-index';

describe('the analysis tells Gateway API kinds from Istio kinds of the same name', () => {
  test('the index keys Gateway API kinds by group: ofKind(\'Gateway\') is Istio\'s only', () => {
    const meta = { name: 'gw', namespace: 'ns' };
    const index = buildIndex([{
      name: 'c1',
      objects: [
        { json: { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta }, source: 'a' },
        { json: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: meta }, source: 'b' },
      ],
    }]);
    expect(index.ofKind('Gateway').map(o => o.source)).toEqual(['a']);
    expect(index.ofKind(gatewayApiKind('Gateway')).map(o => o.source)).toEqual(['b']);
    expect(index.find('c1', gatewayApiKind('Gateway'), 'ns', 'gw')?.source).toBe('b');
    expect(index.find('c1', 'Gateway', 'ns', 'gw')?.source).toBe('a');
  });

  test('a Gateway API Gateway (no selector, no servers) is not analyzed as an Istio Gateway', () => {
    const { app, mesh, cluster } = newMesh();
    namespaceObject(cluster, 'istio-ingress', { 'istio.io/rev': 'default' });
    deployment(cluster, 'istio-ingress', 'ingressgateway', { istio: 'ingressgateway' }, { container: { name: 'istio-proxy', image: 'auto' } });
    raw(cluster, 'gateway.networking.k8s.io/v1', 'Gateway', 'istio-ingress', 'gw', {
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    });
    const { failed, diagnostics } = findings(app, mesh);
    expect(diagnostics.filter(d => d.rule.id.startsWith('MESH-ANA')).map(d => `${d.rule.id} ${d.path}`)).toEqual([]);
    expect(failed).toBe(false);
  });
});
