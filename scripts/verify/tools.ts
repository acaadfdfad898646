/**
 * Where the oracles built by scripts/tools/build.sh live, and how to run them with a time limit.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.join(__dirname, '..', '..');

/** The folder build.sh writes to: `$CDK8S_MESH_TOOLS/bin`, default `<repo>/.tools/bin`. */
export function toolsBin(): string {
  return path.join(process.env.CDK8S_MESH_TOOLS ?? path.join(REPO_ROOT, '.tools'), 'bin');
}

/** Absolute path of a built oracle; throws naming the build command when it is missing. */
export function tool(name: 'istioctl' | 'kube-apiserver' | 'kubectl' | 'etcd'): string {
  const file = path.join(toolsBin(), name);
  if (!fs.existsSync(file)) {
    throw new Error(`${name} not found at ${file}: run \`bash scripts/tools/build.sh\` (set CDK8S_MESH_TOOLS to the same folder)`);
  }
  return file;
}

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion, killed after `timeoutMs`; a timeout or a failure to start throws. */
export function run(command: string, args: readonly string[], timeoutMs = 120_000, input?: string): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${path.basename(command)} ${args.join(' ')}: ${result.error.message}`);
  if (result.status === null) throw new Error(`${path.basename(command)} ${args.join(' ')}: killed by ${result.signal} after ${timeoutMs}ms`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The upstream CRD folder: `$CDK8S_MESH_SHARED/crds`, else the first of `../shared/crds` (CI's clone) and
 * `/work/shared/crds` that exists. Istio's CRDs come from the repo's own `imports/istio/crd-all.gen.yaml`.
 */
export function sharedCrdDir(): string {
  const candidates = [
    process.env.CDK8S_MESH_SHARED && path.join(process.env.CDK8S_MESH_SHARED, 'crds'),
    path.join(REPO_ROOT, '..', 'shared', 'crds'),
    '/work/shared/crds',
  ].filter((c): c is string => !!c);
  const found = candidates.find(c => fs.existsSync(c));
  if (!found) throw new Error(`upstream CRDs not found (looked in ${candidates.join(', ')}); set CDK8S_MESH_SHARED`);
  return found;
}
