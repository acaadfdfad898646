import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One realistic mistake: what the user wrote, and the diagnostic it must get. */
export interface Mistake {
  readonly title: string;
  /** Builds the app with the mistake, through the library `lib` (the sources, or the compiled package). */
  readonly build: (lib: any, app: any) => void;
  readonly rule: string;
  /** The construct path (and prop path) the diagnostic names. */
  readonly path: string;
  /** The offending value as printed. */
  readonly value: string;
}

/** Every file under `dir` with its content. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** An output directory holding a previous run's output. */
function previousOutput(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-mistake-'));
  fs.writeFileSync(path.join(dir, 'prod.k8s.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
  fs.writeFileSync(path.join(dir, '.cdk8s-mesh-files'), 'prod.k8s.yaml\n');
  return dir;
}

/**
 * Runs one mistake: it must fail with a cdk8s-mesh error (never a raw TypeError) whose line for the
 * rule names the path, the value and the rule's fix, and the previous output must be left as it was.
 */
export function expectMistake(lib: any, mistake: Mistake): void {
  const outdir = previousOutput();
  const before = snapshot(outdir);
  const app = new lib.MeshApp({ outdir });
  let error: unknown;
  try {
    mistake.build(lib, app);
    app.synth();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect({ name: (error as Error).name, start: message.slice(0, 11) }).toEqual({ name: 'MeshValidationError', start: 'cdk8s-mesh:' });
  const fix = lib.ValidationRules.byId(mistake.rule).fix;
  const line = message.split('\n').find(l => l.includes(`${mistake.rule} [`) && l.includes(`at ${mistake.path}:`));
  expect({ line: line ?? message }).toEqual({ line: expect.stringContaining(`Value: ${mistake.value}. Fix: ${fix}`) });
  expect(snapshot(outdir)).toEqual(before);
}

/**
 * Runs one mistake that only warns: synthesis succeeds, and the mesh reports the rule (not an error) at the path with
 * the value.
 */
export function expectWarning(lib: any, mistake: Mistake): void {
  const app = new lib.MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-warning-')) });
  mistake.build(lib, app);
  app.synth();
  const diagnostics: any[] = app.node.findAll().filter((c: unknown) => c instanceof lib.Mesh).flatMap((m: any) => m.diagnostics.all);
  const hits = diagnostics.filter(d => d.rule.id === mistake.rule);
  expect(hits.map(d => [d.path, d.value])).toContainEqual([mistake.path, mistake.value]);
  expect(hits[0].rule.severity).not.toBe('error');
}

/** The shop world most mistakes start from (shared with the JavaScript cases). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const shop: (lib: any, app: any, meshProps?: Record<string, unknown>) => { mesh: any; reviews: any } = require('./js-cases.js').shop;
