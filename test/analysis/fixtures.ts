import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Diagnostic, Mesh, MeshApp, MeshCluster, MeshProps, Severity } from '../../src';
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

/** What a case builds on. */
export interface Fixture {
  readonly app: MeshApp;
  readonly mesh: Mesh;
  readonly cluster: MeshCluster;
}

/** One analyzer scenario: a configuration that must be flagged, and its corrected form that must not be. */
export interface AnalysisCase {
  /** The rule expected. */
  readonly rule: string;
  /** The istioctl analyze code (`-` for the seed FAQ's pitfalls). */
  readonly code: string;
  /** Which shape of the code. */
  readonly shape: string;
  /** Mesh props for both builds. */
  readonly props?: Partial<MeshProps>;
  /** Builds the faulty configuration; returns the construct the finding must name (itself, or a prop path below it). */
  readonly fail: (f: Fixture) => IConstruct;
  /** Builds the corrected configuration. */
  readonly pass: (f: Fixture) => void;
  /** Mesh props for the corrected build only. @default props */
  readonly passProps?: Partial<MeshProps>;
  /** The construct path the finding names when `fail` cannot return it (an input check throws from the constructor). */
  readonly named?: string;
  /** Rules whose warnings the corrected configuration keeps on purpose (explained where the case is written). @default - none */
  readonly keeps?: readonly string[];
}

/**
 * Builds and synthesizes a case's configuration. A mistake the constructors reject at once (an input check) counts
 * like one synthesis reports: its diagnostics are the error's.
 */
export function attempt(
  props: Partial<MeshProps> | undefined, build: (f: Fixture) => IConstruct | void,
): { failed: boolean; diagnostics: Diagnostic[] } {
  const f = newMesh(props);
  try {
    build(f);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'MeshValidationError') throw e;
    return { failed: true, diagnostics: (e as Error & { diagnostics: Diagnostic[] }).diagnostics };
  }
  return findings(f.app, f.mesh);
}

/**
 * One failing and one passing test per case: the failing one asserts the rule, its Istio code, that it names the
 * construct (or a prop path below it) and that an error fails synthesis; the passing one that the corrected
 * configuration raises nothing of that rule or Istio code, and no error (with `quiet`, no warning either).
 */
export function runAnalysisCases(cases: readonly AnalysisCase[], quiet = false): void {
  describe.each(cases)('$rule ($code): $shape', c => {
    test('flags the configuration and names the construct that declared it', () => {
      const culprits: IConstruct[] = [];
      const { failed, diagnostics } = attempt(c.props, f => {
        const culprit = c.fail(f);
        culprits.push(culprit);
        return culprit;
      });
      const hits = ofRule(diagnostics, c.rule);
      expect(hits.length).toBeGreaterThan(0);
      const path = culprits[0]?.node.path ?? c.named;
      expect(path).toBeDefined();
      // the construct itself or one of its props (`<path>/hosts`), not a construct below it (a cdk8s-plus `Resource`)
      const names = (hit: string) => hit === path || (hit.startsWith(`${path}/`)
        && culprits[0]?.node.tryFindChild(hit.slice(path!.length + 1).split('/')[0]) === undefined);
      if (!hits.some(h => names(h.path))) expect(hits.map(h => h.path)).toContain(path);
      if (hits[0].rule.severity === Severity.ERROR) expect(failed).toBe(true);
      if (c.code !== '-') expect(hits[0].rule.istioCode).toBe(c.code);
    });

    test('the corrected configuration raises nothing', () => {
      const { failed, diagnostics } = attempt(c.passProps ?? c.props, c.pass);
      const related = diagnostics.filter(d => d.rule.id === c.rule || (c.code !== '-' && d.rule.istioCode === c.code));
      expect(related.map(d => `${d.rule.id} at ${d.path}: ${d.value}`)).toEqual([]);
      const loud = diagnostics.filter(d => d.rule.severity === Severity.ERROR
        || (quiet && d.rule.severity === Severity.WARNING && !(c.keeps ?? []).includes(d.rule.id)));
      expect(loud.map(d => `${d.rule.id} at ${d.path}: ${d.value}`)).toEqual([]);
      expect(failed).toBe(false);
    });
  });
}
