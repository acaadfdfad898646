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
    expect(outs.map((o: any) => [rev(o, 'shop'), rev(o, 'payments')])).toEqual([['1-29', '1-29'], ['1-30', '1-29'], ['1-30', '1-30']]);
    const gatewayRev = (o: any) => o.find('cluster1', 'Deployment', 'istio-ingressgateway', 'istio-system').spec.template.metadata.labels['istio.io/rev'];
    expect(outs.map(gatewayRev)).toEqual(['1-29', '1-30', '1-30']);
  });
});
