/**
 * Istio's own checks, run with the istioctl that scripts/tools/build.sh builds: `validate`, `analyze` (offline)
 * and `manifest generate` for IstioOperator install inputs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { run, tool } from './tools';

/** One `istioctl analyze` message. */
export interface AnalyzeMessage {
  readonly code: string;
  readonly level: 'Error' | 'Warning' | 'Info';
  readonly message: string;
  /** e.g. `VirtualService sample/reviews`; absent for mesh-wide messages. */
  readonly origin?: string;
}

export interface CheckResult {
  readonly ok: boolean;
  /** istioctl's own words: errors when not ok, warnings when ok. */
  readonly output: string;
}

/** `istioctl validate -f file`: schema and semantic validation of every Istio object (and IstioOperator). */
export function validate(file: string): CheckResult {
  const result = run(tool('istioctl'), ['validate', '-f', file]);
  const output = `${result.stdout}${result.stderr}`.trim();
  return { ok: result.status === 0, output: result.status === 0 && / is valid$/.test(output) ? '' : output };
}

/** `istioctl manifest generate -f file`: renders an IstioOperator offline with the charts built into istioctl. */
export function manifestGenerate(file: string): CheckResult & { readonly manifest: string } {
  const result = run(tool('istioctl'), ['manifest', 'generate', '-f', file], 180_000);
  return { ok: result.status === 0, output: result.status === 0 ? '' : `${result.stderr}${result.stdout}`.trim(), manifest: result.stdout };
}

/**
 * `istioctl analyze --use-kube=false` on files that together describe one cluster (or one mesh), all namespaces.
 * `meshConfig` is the cluster's IstioOperator `spec.meshConfig`, so analyzers see the mesh settings it installs.
 */
export function analyze(files: readonly string[], meshConfig?: object): AnalyzeMessage[] {
  const args = ['analyze', '--use-kube=false', '--all-namespaces', '--output', 'json', '--output-threshold', 'Info',
    '--failure-threshold', 'Error', '--color=false'];
  let meshFile: string | undefined;
  if (meshConfig) {
    meshFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-analyze-')), 'mesh.yaml');
    fs.writeFileSync(meshFile, yaml.dump(meshConfig));
    args.push('--meshConfigFile', meshFile);
  }
  try {
    const result = run(tool('istioctl'), [...args, ...files], 180_000);
    // exit 0: nothing at the failure threshold; 79: analyzers found issues (messages are in stdout)
    if (result.status !== 0 && result.status !== 79) {
      throw new Error(`istioctl analyze ${files.join(' ')} exited ${result.status}:\n${result.stderr}${result.stdout}`);
    }
    const text = result.stdout.trim();
    if (text === '' || text.startsWith('\u2714') || /^No validation issues/.test(text)) return [];
    return (JSON.parse(text) as AnalyzeMessage[]).map(m => ({ code: m.code, level: m.level, message: m.message, origin: m.origin }));
  } finally {
    if (meshFile) fs.rmSync(path.dirname(meshFile), { recursive: true, force: true });
  }
}
