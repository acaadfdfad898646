import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe } from '../context';
import { ISTIO_ANNOTATIONS } from '../istio-annotations';
import { map, stringMap } from '../json';
import { AnalysisObject } from '../object-index';

// Istio annotations on namespaces, services, workloads and pod templates (free-form podAnnotations and
// serviceAnnotations included): unknown (IST0108), misplaced (IST0107), invalid (IST0125), deprecated (IST0135), alpha (IST0136).

/** Set by Istio itself; never reported. */
const IGNORED = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);
/** Alpha annotations the injector itself sets on pods. */
const INJECTOR_SET = new Set(['sidecar.istio.io/interceptionMode', 'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts', 'traffic.sidecar.istio.io/includeOutboundIPRanges']);

const KINDS = ['Namespace', 'Service', 'Deployment'];
const TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Rollout'];

/**
 * Alpha annotations Istio's own installation relies on, with no stable alternative: `inject.istio.io/templates:
 * gateway` (how Istio's gateway charts, and the library's gateways, ask for gateway injection) and
 * `topology.istio.io/controlPlaneClusters` (the multicluster guides' annotation on a remote cluster's root namespace).
 * An alpha finding on every gateway and remote cluster would be noise: istioctl analyze leaves alpha findings out of its
 * default analyzers for that reason (and does not read pod templates).
 */
function isInstallationAnnotation(name: string, value: string): boolean {
  return (name === 'inject.istio.io/templates' && value === 'gateway') || name === 'topology.istio.io/controlPlaneClusters';
}

function isIstioAnnotation(name: string): boolean {
  return name === 'kubernetes.io/ingress.class' || name.split('/')[0].endsWith('istio.io');
}

const PORT = /^\d+$/;
const portList = (v: string) => v.split(',').map(p => p.trim()).filter(p => p).every(p => PORT.test(p) && Number(p) > 0 && Number(p) < 65536);
const cidr = (v: string) => /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)\/\d{1,3}$/.test(v.trim());
const cidrList = (v: string) => v.split(',').filter(p => p.trim()).every(cidr);

/** Value checks of the injector (istio `pkg/kube/inject/validate.go`), by annotation. */
const VALUE_CHECKS: Record<string, (value: string) => boolean> = {
  'sidecar.istio.io/interceptionMode': v => ['REDIRECT', 'TPROXY', 'NONE'].includes(v),
  'status.sidecar.istio.io/port': v => PORT.test(v) && Number(v) < 65536,
  'readiness.status.sidecar.istio.io/initialDelaySeconds': v => PORT.test(v),
  'readiness.status.sidecar.istio.io/periodSeconds': v => PORT.test(v),
  'readiness.status.sidecar.istio.io/failureThreshold': v => PORT.test(v),
  'traffic.sidecar.istio.io/includeOutboundIPRanges': v => v === '*' || v === '' || cidrList(v),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': v => v === '' || cidrList(v),
  'traffic.sidecar.istio.io/includeInboundPorts': v => v === '*' || v === '' || portList(v),
  'traffic.sidecar.istio.io/excludeInboundPorts': v => v === '' || portList(v),
  'traffic.sidecar.istio.io/excludeOutboundPorts': v => v === '' || portList(v),
  'prometheus.istio.io/merge-metrics': v => ['true', 'false'].includes(v),
  'sidecar.istio.io/proxyCPU': isQuantity,
  'sidecar.istio.io/proxyMemory': isQuantity,
  'sidecar.istio.io/proxyCPULimit': isQuantity,
  'sidecar.istio.io/proxyMemoryLimit': isQuantity,
};

function isQuantity(value: string): boolean {
  return /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.test(value);
}

/** Checks the Istio annotations of every namespace, service, deployment and pod template. */
export function analyzeAnnotations(ctx: AnalysisContext): void {
  for (const kind of KINDS) for (const o of ctx.index.ofKind(kind)) check(ctx, o, kind, stringMap(map(o.json.metadata).annotations), o.labels);
  for (const kind of TEMPLATE_KINDS) {
    for (const o of ctx.index.ofKind(kind)) {
      const metadata = map(map(o.spec.template).metadata);
      check(ctx, o, 'Pod', stringMap(metadata.annotations), stringMap(metadata.labels), 'pod template ');
    }
  }
  for (const o of ctx.index.ofKind('Pod')) check(ctx, o, 'Pod', stringMap(map(o.json.metadata).annotations), o.labels);
}

function check(ctx: AnalysisContext, o: AnalysisObject, kind: string, annotations: Record<string, string>, labels: Readonly<Record<string, string>>, prefix = ''): void {
  for (const [name, value] of Object.entries(annotations)) {
    if (!isIstioAnnotation(name) || IGNORED.has(name)) continue;
    const where = `${describe(o)}, ${prefix}annotation ${name}.`;
    const def = ISTIO_ANNOTATIONS.get(name);
    if (!def) {
      ctx.report(AnalysisRules.UNKNOWN_ANNOTATION, o, name, where);
      continue;
    }
    if (def.deprecated && !(name === 'sidecar.istio.io/inject' && labels[name] !== undefined)) ctx.report(AnalysisRules.DEPRECATED_ANNOTATION, o, name, where);
    if (!def.resources.includes('Any') && !def.resources.includes(kind)) {
      ctx.report(AnalysisRules.MISPLACED_ANNOTATION, o, name, `${where} It applies to ${def.resources.join(', ')}, not ${kind}.`);
      continue;
    }
    const valid = VALUE_CHECKS[name];
    if (valid && !valid(value)) {
      ctx.report(AnalysisRules.INVALID_ANNOTATION, o, `${name}=${value}`, where);
      continue;
    }
    if (def.status === 'Alpha' && !(kind === 'Pod' && INJECTOR_SET.has(name)) && !isInstallationAnnotation(name, value)) {
      ctx.report(AnalysisRules.ALPHA_ANNOTATION, o, name, where);
    }
  }
}
