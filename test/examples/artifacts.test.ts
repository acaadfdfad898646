import * as fs from 'fs';
import * as path from 'path';
import { synthesizeExamples } from './all-examples';

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  }).sort();
}

/** What an artifact file is, by path: every kind the examples write must be one of these. */
const KINDS: Array<[string, RegExp]> = [
  ['manifest', /(^|\/)[^/]+\.k8s\.yaml$/],
  ['IstioOperator', /\/istioctl\/[^/]+\.yaml$/],
  ['Helm values', /\/helm\/[^/]+\.values\.yaml$/],
  ['pre-install objects', /\/pre-install\.yaml$/],
  ['canary plan', /^canary\/[^/]+\.plan\.yaml$/],
  ['DCE parameters', /^dce\/[^/]+\.yaml$/],
  ['TCM gateway provisioning', /^tcm\/[^/]+\.json$/],
];

describe('every YAML and JSON file the examples write goes through the conformance harness', () => {
  // synth() (test/util.ts) checks every file of each example's output directory; this asserts that each one was
  // parsed and checked, and which kinds of file the examples cover.
  const examples = synthesizeExamples();
  const kinds = new Set<string>();

  test.each(examples.map(e => [e.name, e] as const))('%s', (_name, example) => {
    const onDisk = filesUnder(example.out.outdir).filter(f => /\.(ya?ml|json)$/.test(f));
    expect([...example.out.files.keys()].sort()).toEqual(onDisk);
    for (const file of onDisk) {
      const kind = KINDS.find(([, pattern]) => pattern.test(file));
      expect({ file, kind: kind?.[0] }).toEqual({ file, kind: expect.any(String) });
      kinds.add(kind![0]);
    }
  });

  test('the examples cover every kind but the progressive-delivery and GitOps files (test/conformance/artifact-kinds.test.ts covers those)', () => {
    expect([...kinds].sort()).toEqual(KINDS.map(([k]) => k).sort());
  });
});
