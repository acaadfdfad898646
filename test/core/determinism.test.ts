import * as fs from 'fs';
import * as path from 'path';
import { build } from '../../examples/multicloud-three-networks';
import { synth, testApp } from '../util';

function filesOf(dir: string, base = dir): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesOf(full, base).forEach((v, k) => out.set(k, v));
    else out.set(path.relative(base, full), fs.readFileSync(full));
  }
  return out;
}

test('synthesizing the example twice gives byte-identical files', () => {
  const first = synth(build(testApp()));
  const second = synth(build(testApp()));
  const a = filesOf(first.outdir);
  const b = filesOf(second.outdir);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  expect(a.size).toBeGreaterThan(0);
  for (const [file, bytes] of a) {
    expect({ file, same: bytes.equals(b.get(file)!) }).toEqual({ file, same: true });
  }
});
