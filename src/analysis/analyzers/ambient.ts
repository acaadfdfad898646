import { DATAPLANE_MODE_LABEL } from '../../topology/namespace';
import { AmbientRules } from '../../validation/rules/ambient';
import { AnalysisContext, describe } from '../context';
import { map, maps, text } from '../json';
import { AnalysisObject } from '../object-index';

// Sidecar-only configuration in ambient namespaces: nothing injects a sidecar there, so sidecar EnvoyFilter patches
// and sidecar proxy annotations have no effect (Sidecar resources are IST0167, analyzers/dataplane.ts).

const SIDECAR_CONTEXTS = new Set(['SIDECAR_INBOUND', 'SIDECAR_OUTBOUND']);
/** Annotations only the sidecar injector and istio-init read (`sidecar.istio.io/inject` is the injection switch, not a setting). */
const SIDECAR_ANNOTATION = /^(sidecar\.istio\.io\/(?!inject$)|traffic\.sidecar\.istio\.io\/|proxy\.istio\.io\/config$)/;

/** Sidecar EnvoyFilters and sidecar annotations in namespaces labelled ambient (Sidecar resources: MESH-ANA-059, IST0167). */
export function analyzeAmbientNamespaces(ctx: AnalysisContext): void {
  const ambient = new Set(ctx.index.ofKind('Namespace').filter(ns => ns.labels[DATAPLANE_MODE_LABEL] === 'ambient').map(ns => `${ns.cluster}/${ns.name}`));
  if (!ambient.size) return;
  const inAmbient = (o: AnalysisObject) => ambient.has(`${o.cluster}/${o.namespace}`);
  for (const filter of ctx.index.ofKind('EnvoyFilter').filter(inAmbient)) {
    if (filter.spec.targetRefs !== undefined) continue;
    const contexts = [...new Set(maps(filter.spec.configPatches).map(p => text(map(p.match).context) ?? 'ANY').filter(c => SIDECAR_CONTEXTS.has(c)))];
    if (contexts.length) ctx.report(AmbientRules.SIDECAR_ENVOY_FILTER_IN_AMBIENT, filter, contexts.sort(), `${describe(filter)}: namespace is in ambient mode.`);
  }
  for (const w of ctx.workloads.all) {
    if (!ambient.has(`${w.object.cluster}/${w.namespace}`) || w.labels['sidecar.istio.io/inject'] === 'true') continue;
    const keys = Object.keys(w.annotations).filter(k => SIDECAR_ANNOTATION.test(k)).sort();
    if (keys.length) ctx.report(AmbientRules.SIDECAR_ANNOTATIONS_IN_AMBIENT, w.object, keys, `${describe(w.object)}: namespace is in ambient mode.`);
  }
}
