import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Diagnostic, Mesh, MeshApp, MeshCluster, MeshProps } from '../../src';
import { synth, testApp } from '../util';

/** A one-cluster mesh (cluster `c1`) unless `props` says otherwise. */
export function newMesh(props: Partial<MeshProps> = {}): { app: MeshApp; mesh: Mesh; cluster: MeshCluster } {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], ...props });
  return { app, mesh, cluster: mesh.clusters[0] };
}

let counter = 0;

/** A hand-written object added to a cluster chart (or any scope), as a user would with cdk8s. */
export function raw(
  scope: Construct, apiVersion: string, kind: string, ns: string | undefined, name: string, body: Record<string, unknown>,
): ApiObject {
  return new ApiObject(scope, `${kind}-${name}-${counter++}`, { apiVersion, kind, metadata: { name, namespace: ns }, ...body });
}

/** An Istio networking object. */
export function net(scope: Construct, kind: string, ns: string, name: string, spec: Record<string, unknown>): ApiObject {
  return raw(scope, kind === 'EnvoyFilter' ? 'networking.istio.io/v1alpha3' : 'networking.istio.io/v1', kind, ns, name, { spec });
}

/** An Istio security object. */
export function sec(scope: Construct, kind: string, ns: string, name: string, spec: Record<string, unknown>): ApiObject {
  return raw(scope, 'security.istio.io/v1', kind, ns, name, { spec });
}

/** A Kubernetes Service. */
export function service(
  scope: Construct, ns: string, name: string, ports: Array<Record<string, unknown>>, spec: Record<string, unknown> = {},
): ApiObject {
  return raw(scope, 'v1', 'Service', ns, name, { spec: { selector: { app: name }, ports, ...spec } });
}

/** A Deployment whose pods carry `labels`. */
export function deployment(scope: Construct, ns: string, name: string, labels: Record<string, string>, pod: {
  annotations?: Record<string, string>; container?: Record<string, unknown>; spec?: Record<string, unknown>; kind?: string;
} = {}): ApiObject {
  const container = { name: 'app', image: 'nginx:1.27', ...pod.container };
  const template = { metadata: { labels, annotations: pod.annotations }, spec: { containers: [container], ...pod.spec } };
  if (pod.kind === 'Pod') return raw(scope, 'v1', 'Pod', ns, name, { ...template, metadata: { name, namespace: ns, labels, annotations: pod.annotations } });
  return raw(scope, 'apps/v1', 'Deployment', ns, name, { spec: { selector: { matchLabels: labels }, template } });
}

/** A Namespace with labels. */
export function namespaceObject(scope: Construct, name: string, labels: Record<string, string> = {}): ApiObject {
  return raw(scope, 'v1', 'Namespace', undefined, name, { metadata: { name, labels } });
}

/** The analysis findings of a mesh after synthesis, and whether synthesis failed (then nothing was written). */
export function findings(app: MeshApp, mesh: Mesh): { failed: boolean; diagnostics: Diagnostic[] } {
  let failed = false;
  try {
    synth(app);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'MeshValidationError') throw e;
    failed = true;
  }
  if (failed) expect(fs.existsSync(app.outdir) ? fs.readdirSync(app.outdir) : []).toEqual([]);
  return { failed, diagnostics: mesh.diagnostics.all };
}

/** The diagnostics of one rule. */
export function ofRule(diagnostics: Diagnostic[], id: string): Diagnostic[] {
  return diagnostics.filter(d => d.rule.id === id);
}
