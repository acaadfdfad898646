/**
 * Server-side dry-run against the real API server: the CRDs of every group we emit, the namespaces the
 * manifests use, then `kubectl apply --dry-run=server --validate=strict` per file.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Kubectl } from './apiserver';
import { CheckResult } from './istioctl';
import { REPO_ROOT, sharedCrdDir } from './tools';

/**
 * CRD files: Istio 1.30.3 and the ASM IstioGateway from imports/ (what the harness uses), and the upstream
 * Gateway API (v1.6.1 standard, the channel the library pins: imports/README.md), Argo CD, Argo Rollouts, Flagger, External Secrets
 * and Flux CRDs.
 */
export function crdFiles(): string[] {
  const shared = sharedCrdDir();
  const yamlsIn = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? yamlsIn(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
  return [
    path.join(REPO_ROOT, 'imports', 'istio', 'crd-all.gen.yaml'),
    ...yamlsIn(path.join(shared, 'gateway-api', 'v1.6.1', 'standard')),
    ...['argo-cd', 'argo-rollouts', 'flagger', 'external-secrets', 'flux'].flatMap(group => yamlsIn(path.join(shared, group))),
  ];
}

function kubectlOk(kubectl: Kubectl, args: string[], what: string, timeoutMs = 180_000, input?: string): string {
  const result = kubectl(args, timeoutMs, input);
  if (result.status !== 0) throw new Error(`${what}: kubectl ${args.join(' ')} exited ${result.status}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A CRD without its x-kubernetes-validations (CEL) rules. */
function withoutCel(node: any): any {
  if (Array.isArray(node)) return node.map(withoutCel);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'x-kubernetes-validations').map(([k, v]) => [k, withoutCel(v)]));
}

/**
 * Installs every CRD (server-side apply: Istio's are too large for the last-applied annotation) and waits for them.
 * The hand-derived ASM IstioGateway CRD (imports/asm) goes in without its CEL rules: the API server rejects them
 * (estimated rule cost over budget), so only its structural schema is checked here.
 */
export function installCrds(kubectl: Kubectl, files = crdFiles()): number {
  kubectlOk(kubectl, ['apply', '--server-side', ...files.flatMap(f => ['-f', f])], 'installing CRDs');
  const asm = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'imports', 'asm', 'istiogateway-crd.yaml'), 'utf8'));
  kubectlOk(kubectl, ['apply', '--server-side', '-f', '-'], 'installing the ASM CRD', 120_000, JSON.stringify(withoutCel(asm)));
  kubectlOk(kubectl, ['wait', '--for', 'condition=Established', 'crd', '--all', '--timeout', '120s'], 'waiting for CRDs');
  return kubectlOk(kubectl, ['get', 'crd', '-o', 'name'], 'listing CRDs').trim().split('\n').length;
}

/** Creates the namespaces (plain, no labels) so namespaced objects can be dry-run into them. */
export function createNamespaces(kubectl: Kubectl, namespaces: Iterable<string>): void {
  const items = [...new Set(namespaces)].sort().map(name => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  kubectlOk(kubectl, ['apply', '-f', '-'], 'creating namespaces', 120_000, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
}

/**
 * `kubectl apply --dry-run=server --validate=strict -f file` (`-` and `input`: objects as YAML or JSON):
 * every rejection, with the API server's words.
 */
export function dryRun(kubectl: Kubectl, file: string, input?: string): CheckResult {
  const result = kubectl(['apply', '--dry-run=server', '--validate=strict', '-f', file], 120_000, input);
  return { ok: result.status === 0, output: result.status === 0 ? result.stderr.trim() : `${result.stderr}`.trim() };
}
