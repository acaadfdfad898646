import * as yaml from 'js-yaml';
import { expectRule } from './rule-case';
import {
  CanaryRelease, CanaryStep, ClientTlsMode, IngressGateway, Mesh, MeshApp, MeshService, ProgressiveDelivery, Protocol, StringMatch,
} from '../../src';
import { synth, synthError, testApp } from '../util';

function world(clusters = [{ name: 'a' }]): { app: MeshApp; mesh: Mesh; order: MeshService } {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters });
  const order = new MeshService(mesh, 'order', {
    name: 'order',
    namespaceName: 'base',
    ports: [{ port: 7000, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  return { app, mesh, order };
}

/** The weight each subset gets on the catch-all route of the VirtualService. */
function weights(vs: any): Record<string, number> {
  const catchAll = vs.spec.http.find((r: any) => r.name === 'canary');
  return Object.fromEntries(catchAll.route.map((d: any) => [d.destination.subset, d.weight]));
}

describe('CanaryRelease', () => {
  test.each([[0, 95, 5], [1, 75, 25], [2, 50, 50], [3, 0, 100]])('step %d sends %d%% to v1 and %d%% to v2', (step, stable, canary) => {
    const w = world();
    new CanaryRelease(w.mesh, 'order-canary', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', step });
    const out = synth(w.app);
    expect(weights(out.find('a', 'VirtualService', 'order', 'base'))).toEqual({ v1: stable, v2: canary });
    const dr = out.find('a', 'DestinationRule', 'order', 'base');
    expect(dr.spec.subsets.map((s: any) => [s.name, s.labels.version])).toEqual([['v1', 'v1'], ['v2', 'v2']]);
  });

  test('vip users (cookie) always reach the canary; everyone else follows the step', () => {
    const w = world();
    new CanaryRelease(w.mesh, 'order-canary', {
      service: w.order,
      stableVersion: 'v1',
      canaryVersion: 'v2',
      grayRelease: [{ headers: { cookie: StringMatch.cookie('vip', 'true') } }],
    });
    const vs = synth(w.app).find('a', 'VirtualService', 'order', 'base');
    expect(vs.spec.http[0]).toEqual({
      name: 'gray-release',
      match: [{ headers: { cookie: { regex: StringMatch.cookie('vip', 'true').value } } }],
      route: [{ destination: { host: 'order.base.svc.cluster.local', subset: 'v2' } }],
    });
    expect(weights(vs)).toEqual({ v1: 95, v2: 5 });
  });

  test('an edge canary binds the release to an ingress listener for the public host', () => {
    const w = world();
    const ingress = new IngressGateway(w.mesh, 'ingress');
    const listener = ingress.addListener('shop', { namespaceName: 'base', servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['shop.example.com'] }] });
    new CanaryRelease(w.mesh, 'edge', {
      service: w.order, stableVersion: 'v1', canaryVersion: 'v2', step: 1, gateways: [listener], hosts: ['shop.example.com'],
    });
    const vs = synth(w.app).find('a', 'VirtualService', 'order', 'base');
    expect(vs.spec.gateways).toEqual(['base/shop']);
    expect(vs.spec.hosts).toEqual(['shop.example.com']);
    expect(weights(vs)).toEqual({ v1: 75, v2: 25 });
  });

  test('promote() advances one step and stops at the last; rollback() sends everyone to stable', () => {
    const w = world();
    const canary = new CanaryRelease(w.mesh, 'c', {
      service: w.order,
      stableVersion: 'v1',
      canaryVersion: 'v2',
      steps: [10, 100],
      grayRelease: [{ headers: { 'x-tester': StringMatch.exact('yes') } }],
    });
    canary.promote().promote();
    expect(canary.current).toEqual({ index: 1, stableWeight: 0, canaryWeight: 100 });
    canary.rollback();
    const vs = synth(w.app).find('a', 'VirtualService', 'order', 'base');
    expect(vs.spec.http.map((r: any) => r.name)).toEqual(['canary']);
    expect(weights(vs)).toEqual({ v1: 100, v2: 0 });
  });

  test('CanaryStep.fromEnvironment reads the step a pipeline set, and the plan names the variable and lists every step', () => {
    const w = world();
    process.env.CDK8S_MESH_CANARY_STEP_ORDER_CANARY = '2';
    try {
      const canary = new CanaryRelease(w.mesh, 'order-canary', {
        service: w.order, stableVersion: 'v1', canaryVersion: 'v2', currentStep: CanaryStep.fromEnvironment('order-canary'),
      });
      expect(canary.stepEnvironmentVariable).toBe('CDK8S_MESH_CANARY_STEP_ORDER_CANARY');
      const out = synth(w.app);
      expect(weights(out.find('a', 'VirtualService', 'order', 'base'))).toEqual({ v1: 50, v2: 50 });
      const plan = yaml.load(out.text('canary/base-order.plan.yaml')) as any;
      expect(plan.currentStep).toBe(2);
      expect(plan.environmentVariable).toBe('CDK8S_MESH_CANARY_STEP_ORDER_CANARY');
      expect(plan.steps.map((s: any) => s.weights)).toEqual([
        { v1: 95, v2: 5 }, { v1: 75, v2: 25 }, { v1: 50, v2: 50 }, { v1: 0, v2: 100 },
      ]);
    } finally {
      delete process.env.CDK8S_MESH_CANARY_STEP_ORDER_CANARY;
    }
  });

  test('without the helper the environment is not read: the step comes from props only, and the plan names no variable', () => {
    const w = world();
    process.env.CDK8S_MESH_CANARY_STEP_ORDER_CANARY = '2';
    try {
      new CanaryRelease(w.mesh, 'order-canary', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', step: 1 });
      const out = synth(w.app);
      expect(weights(out.find('a', 'VirtualService', 'order', 'base'))).toEqual({ v1: 75, v2: 25 });
      const plan = yaml.load(out.text('canary/base-order.plan.yaml')) as any;
      expect(plan.currentStep).toBe(1);
      expect(plan.environmentVariable).toBeUndefined();
    } finally {
      delete process.env.CDK8S_MESH_CANARY_STEP_ORDER_CANARY;
    }
  });

  test.each([
    ['unset: the fallback', undefined, CanaryStep.of(3), { index: 3, isRollback: false }],
    ['unset, no fallback: step 0', undefined, undefined, { index: 0, isRollback: false }],
    ['a step index (spaces trimmed)', ' 1 ', undefined, { index: 1, isRollback: false }],
    ['rollback (any case)', 'Rollback', CanaryStep.of(2), { index: -1, isRollback: true }],
  ])('CanaryStep.fromEnvironment, %s', (_what, value, fallback, expected) => {
    if (value !== undefined) process.env.CDK8S_MESH_CANARY_STEP_C = value;
    try {
      const step = CanaryStep.fromEnvironment('c', fallback);
      expect({ index: step.index, isRollback: step.isRollback, environmentVariable: step.environmentVariable })
        .toEqual({ ...expected, environmentVariable: 'CDK8S_MESH_CANARY_STEP_C' });
    } finally {
      delete process.env.CDK8S_MESH_CANARY_STEP_C;
    }
  });

  test('currentStep: CanaryStep.rollback() sends everyone to stable; promote() clears it and resumes at step 0', () => {
    const rolledBack = world();
    new CanaryRelease(rolledBack.mesh, 'c', {
      service: rolledBack.order,
      stableVersion: 'v1',
      canaryVersion: 'v2',
      currentStep: CanaryStep.rollback(),
      grayRelease: [{ headers: { 'x-tester': StringMatch.exact('yes') } }],
    });
    const out = synth(rolledBack.app);
    const vs = out.find('a', 'VirtualService', 'order', 'base');
    expect(vs.spec.http.map((r: any) => r.name)).toEqual(['canary']);
    expect(weights(vs)).toEqual({ v1: 100, v2: 0 });
    expect((yaml.load(out.text('canary/base-order.plan.yaml')) as any).currentStep).toBe('rollback');

    const resumed = world();
    const canary = new CanaryRelease(resumed.mesh, 'c', { service: resumed.order, stableVersion: 'v1', canaryVersion: 'v2', currentStep: CanaryStep.rollback() });
    expect(canary.promote().current).toEqual({ index: 0, stableWeight: 95, canaryWeight: 5 });
  });

  test('multi-cluster canary (DaoCloud 80/20): ISTIO_MUTUAL, one Service shape in both clusters, versions placed per cluster', () => {
    const w = world([{ name: 'c1' }, { name: 'c2' }]);
    new CanaryRelease(w.mesh, 'hello', {
      service: w.order,
      stableVersion: 'v1',
      canaryVersion: 'v2',
      steps: [20, 100],
      stableClusters: ['c1'],
      canaryClusters: ['c2'],
    });
    const out = synth(w.app);
    for (const c of ['c1', 'c2']) {
      expect(out.find(c, 'DestinationRule', 'order', 'base').spec.trafficPolicy.tls).toEqual({ mode: 'ISTIO_MUTUAL' });
      expect(weights(out.find(c, 'VirtualService', 'order', 'base'))).toEqual({ v1: 80, v2: 20 });
      expect(out.find(c, 'Service', 'order', 'base').spec.ports).toEqual(out.find('c1', 'Service', 'order', 'base').spec.ports);
    }
  });

  test('progressive delivery: Argo Rollouts drives the same VirtualService route and subsets; Flagger gets the step weights', () => {
    const w = world();
    new CanaryRelease(w.mesh, 'argo', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', progressiveDelivery: ProgressiveDelivery.ARGO_ROLLOUTS });
    const out = synth(w.app);
    const rollout = yaml.load(out.text('canary/base-order.rollout.yaml')) as any;
    expect(rollout.spec.strategy.canary.trafficRouting.istio).toEqual({
      virtualService: { name: 'order', routes: ['canary'] },
      destinationRule: { name: 'order', stableSubsetName: 'v1', canarySubsetName: 'v2' },
    });
    expect(rollout.spec.strategy.canary.steps.filter((s: any) => s.setWeight !== undefined).map((s: any) => s.setWeight)).toEqual([5, 25, 50, 100]);

    const f = world();
    new CanaryRelease(f.mesh, 'flagger', { service: f.order, stableVersion: 'v1', canaryVersion: 'v2', progressiveDelivery: ProgressiveDelivery.FLAGGER });
    const canary = yaml.load(synth(f.app).text('canary/base-order.flagger.yaml')) as any;
    expect(canary.kind).toBe('Canary');
    expect(canary.spec.analysis.stepWeights).toEqual([5, 25, 50]);
  });

  describe('rules', () => {
    const cases: Array<[string, (w: ReturnType<typeof world>) => void, string, string]> = [
      ['MESH-PAT-001', w => new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', steps: [50, 25] }),
        'mesh/c/steps', '[50,25]'],
      ['MESH-PAT-002', w => new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', step: 7 }),
        'mesh/c/step', '7'],
      ['MESH-PAT-003', w => new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v2', canaryVersion: 'v2' }),
        'mesh/c', '"v2"'],
      ['MESH-PAT-004', w => {
        w.mesh.addCluster({ name: 'b' });
        const svc = new MeshService(w.mesh, 'only-a', { name: 'x', namespaceName: 'base', clusters: ['a'], ports: [{ port: 80, protocol: Protocol.HTTP }], versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] });
        new CanaryRelease(w.mesh, 'c', { service: svc, stableVersion: 'v1', canaryVersion: 'v2', stableClusters: ['a'], canaryClusters: ['b'] });
      }, 'mesh/c', '"b"'],
      ['MESH-PAT-002', w => new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', currentStep: CanaryStep.of(4) }),
        'mesh/c/step', '4'],
      ['MESH-PAT-011', w => new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', step: 1, currentStep: CanaryStep.of(2) }),
        'mesh/c/currentStep', '2'],
      ['MESH-PAT-005', w => new CanaryRelease(w.mesh, 'c', {
        service: w.order, stableVersion: 'v1', canaryVersion: 'v2', canaryClusters: ['a'], policy: { tls: { mode: ClientTlsMode.DISABLE } },
      }), 'mesh/c/policy/tls', '"DISABLE"'],
    ];
    test.each(cases)('%s', (id, build, path, value) => {
      const w = world();
      build(w);
      expectRule(w.app, id, path, value);
    });

    test('MESH-PAT-002: a pipeline sets the step variable to something that is not a step', () => {
      const w = world();
      process.env.CDK8S_MESH_CANARY_STEP_C = 'next';
      try {
        new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', currentStep: CanaryStep.fromEnvironment('c') });
        expectRule(w.app, 'MESH-PAT-002', 'mesh/c/step', '"next"');
      } finally {
        delete process.env.CDK8S_MESH_CANARY_STEP_C;
      }
    });

    test('a same-name Service with other ports in the canary cluster is MESH-SVC-007 (identical name and ports everywhere)', () => {
      const w = world([{ name: 'a' }, { name: 'b' }]);
      new MeshService(w.mesh, 'order-b', { name: 'order', namespaceName: 'base', clusters: ['b'], ports: [{ port: 8080, protocol: Protocol.HTTP }] });
      new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v2', stableClusters: ['a'], canaryClusters: ['b'] });
      expect(synthError(w.app)).toContain('MESH-SVC-007');
    });

    test('an unknown version is MESH-ROUTE-001 of the route the pattern builds', () => {
      const w = world();
      new CanaryRelease(w.mesh, 'c', { service: w.order, stableVersion: 'v1', canaryVersion: 'v3' });
      expect(synthError(w.app)).toContain('MESH-ROUTE-001 [error] at mesh/c/Route/http[0]/destinations');
    });
  });
});
