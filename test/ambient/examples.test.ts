/**
 * The ambient examples against the Istio docs they reproduce, value by value.
 */
import * as path from 'path';
import { artifact } from '../controlplane/helpers';
import { synth, testApp } from '../util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (name: string) => require(path.join(__dirname, '..', '..', 'examples', name));

describe('examples/ambient-l7-authorization (ambient getting started, "Enforce authorization policies")', () => {
  const out = synth(load('ambient-l7-authorization').build(testApp()));

  test('the default namespace is ambient and enrolled with the waypoint (istioctl waypoint apply --enroll-namespace)', () => {
    expect(out.find('ambient', 'Namespace', 'default').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' });
    expect(out.find('ambient', 'Gateway', 'waypoint', 'default')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'waypoint', namespace: 'default' },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
    });
  });

  test('the L7 policy equals the guide\'s productpage-viewer', () => {
    expect(out.find('ambient', 'AuthorizationPolicy', 'productpage-viewer', 'default')).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'productpage-viewer', namespace: 'default' },
      spec: {
        targetRefs: [{ kind: 'Service', group: '', name: 'productpage' }],
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/curl'] } }], to: [{ operation: { methods: ['GET'] } }] }],
      },
    });
  });

  test('installed with the ambient profile; nothing else is applied', () => {
    expect(artifact(out, 'ambient/istioctl/istio-operator.yaml').spec.profile).toBe('ambient');
    expect(out.cluster('ambient').map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'AuthorizationPolicy/productpage-viewer', 'Gateway/waypoint', 'Namespace/default', 'Namespace/istio-system',
    ]);
  });
});

describe('examples/topologies/ambient-multi-primary-multi-network', () => {
  const out = synth(load('topologies/ambient-multi-primary-multi-network').build(testApp()));

  test.each([['cluster1', 'network1'], ['cluster2', 'network2']])('%s: the guide\'s install, east-west gateway and verify objects', (cluster, network) => {
    const iop = artifact(out, `${cluster}/istioctl/istio-operator.yaml`);
    expect(iop.spec.profile).toBe('ambient');
    expect(iop.spec.components.pilot.k8s.env).toEqual([{ name: 'AMBIENT_ENABLE_MULTI_NETWORK', value: 'true' }, { name: 'AMBIENT_ENABLE_BAGGAGE', value: 'true' }]);
    expect(iop.spec.values.global).toEqual({ meshID: 'mesh1', multiCluster: { clusterName: cluster }, network });
    expect(artifact(out, `${cluster}/helm/ztunnel.values.yaml`)).toEqual({ multiCluster: { clusterName: cluster }, global: { network } });
    const gw = out.find(cluster, 'Gateway', 'istio-eastwestgateway', 'istio-system');
    expect([gw.metadata.labels, gw.spec.gatewayClassName, gw.spec.listeners[0].port, gw.spec.listeners[0].protocol])
      .toEqual([{ 'topology.istio.io/network': network }, 'istio-east-west', 15008, 'HBONE']);
    expect(out.find(cluster, 'Namespace', 'sample').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
    expect(out.find(cluster, 'Service', 'helloworld', 'sample').metadata.labels['istio.io/global']).toBe('true');
  });
});
