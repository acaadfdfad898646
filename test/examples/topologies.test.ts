import * as fs from 'fs';
import * as path from 'path';
import { UpgradeStage } from '../../src';
import { synth, testApp } from '../util';

const dir = path.join(__dirname, '..', '..', 'examples', 'topologies');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (name: string) => require(path.join(dir, name));

describe('examples/topologies', () => {
  const names = fs.readdirSync(dir).filter(f => f.endsWith('.ts')).map(f => f.replace(/\.ts$/, '')).sort();

  test.each(names)('%s synthesizes and passes conformance', name => {
    const out = synth(load(name).build(testApp()));
    for (const cluster of out.clusterNames) expect(out.text(`${cluster}/RUNBOOK.md`)).toContain(`# Runbook: ${cluster}`);
  });

  test('the canary upgrade synthesizes three consistent stages', () => {
    const example = load('canary-upgrade');
    expect(example.stages).toEqual([UpgradeStage.BOTH_UP, UpgradeStage.MOVED, UpgradeStage.OLD_REMOVED]);
    const outs = example.stages.map((stage: UpgradeStage) => synth(example.buildStage(testApp(), stage)));
    const installed = (out: any) => fs.readdirSync(path.join(out.outdir, 'cluster1', 'istioctl')).sort();
    const rev = (out: any, ns: string) => out.find('cluster2', 'Namespace', ns).metadata.labels['istio.io/rev'];
    expect(outs.map(installed)).toEqual([
      ['istio-operator-1-29.yaml', 'istio-operator-1-30.yaml'],
      ['istio-operator-1-29.yaml', 'istio-operator-1-30.yaml'],
      ['istio-operator-1-30.yaml'],
    ]);
    // namespaces and the gateway follow tags: their labels never change, the tag moves
    expect(outs.map((o: any) => [rev(o, 'shop'), rev(o, 'payments'), rev(o, 'smoke')])).toEqual(Array(3).fill(['prod-stable', 'prod-stable', 'prod-canary']));
    const gatewayRev = (o: any) => o.find('cluster1', 'Deployment', 'istio-ingressgateway', 'istio-system').spec.template.metadata.labels['istio.io/rev'];
    expect(outs.map(gatewayRev)).toEqual(['prod-stable', 'prod-stable', 'prod-stable']);
    const tagList = (o: any) => o.text('cluster2/RUNBOOK.md').split('\n').find((l: string) => l.startsWith('Revision tags in this stage'));
    expect(outs.map(tagList)).toEqual([
      'Revision tags in this stage: `prod-stable` → `1-29`, `default` → `1-29`, `prod-canary` → `1-30`.',
      'Revision tags in this stage: `default` → `1-29`, `prod-stable` → `1-30`, `prod-canary` → `1-30`.',
      'Revision tags in this stage: `prod-stable` → `1-30`, `prod-canary` → `1-30`, `default` → `1-30`.',
    ]);
  });
});
