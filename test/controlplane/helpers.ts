import * as yaml from 'js-yaml';
import { Synthesized } from '../util';

/** A parsed single-document install artifact. */
export function artifact(out: Synthesized, file: string): any {
  return yaml.load(out.text(file));
}

/** Parsed documents of a multi-document artifact. */
export function artifacts(out: Synthesized, file: string): any[] {
  return (yaml.loadAll(out.text(file)) as any[]).filter(d => d !== null && d !== undefined);
}

/** A minimal kubeconfig as `istioctl create-remote-secret` writes it: one cluster, user and current context. */
export function kubeconfigFor(cluster: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: ${cluster}`,
    '    cluster:',
    `      server: https://${cluster}.example.internal:6443`,
    '      certificate-authority-data: Q0EK',
    'users:',
    `  - name: ${cluster}`,
    '    user:',
    '      token: dG9rZW4K',
    'contexts:',
    `  - name: ${cluster}`,
    '    context:',
    `      cluster: ${cluster}`,
    `      user: ${cluster}`,
    `current-context: ${cluster}`,
    '',
  ].join('\n');
}
