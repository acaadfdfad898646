import { ValidationRules } from '../src';
import { ISTIO_PARITY } from '../src/validation/input/istio-parity';
import { ISTIO_CODES } from '../src/validation/istio-coverage';

const FAMILIES: Record<string, string> = {
  CORE: 'Library errors and input types',
  VAL: 'Input values',
  TOPO: 'Topology',
  SVC: 'Mesh services',
  GW: 'Gateways',
  CP: 'Control plane and multi-cluster',
  ROUTE: 'Traffic routing',
  SEC: 'Security',
  PAT: 'Patterns',
  OPS: 'Operations, observability and extensions',
  PLAT: 'Platform profiles',
  AMB: 'Ambient mode (ztunnel, waypoints, ambient multicluster)',
  ANA: 'Analysis of the complete configuration (istioctl analyze parity)',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The rule catalogue as Markdown, one table per family, in rule ID order. */
export function renderRulesDoc(): string {
  const out = [
    '# Validation rules',
    '',
    '<!-- Generated from src/validation/rules/*.ts by `npm run docs:rules`. Do not edit. -->',
    '',
    'Errors stop synthesis and nothing is written; warnings are printed (and fail with `strict: true`).',
    'Every message names the construct path, the offending value, the rule ID and the fix.',
    '',
  ];
  const rules = [...ValidationRules.all()].sort((a, b) => a.id.localeCompare(b.id));
  for (const [family, title] of Object.entries(FAMILIES)) {
    const members = rules.filter(r => r.id.startsWith(`MESH-${family}-`));
    if (!members.length) continue;
    out.push(`## ${title}`, '', '| rule | severity | istioctl | message | fix | why |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of members) out.push(`| ${r.id} | ${r.severity} | ${r.istioCode ?? ''} | ${cell(r.message)} | ${cell(r.fix)} | ${cell(r.doc)} |`);
    out.push('');
  }
  out.push(...istioCoverage(rules));
  out.push(...istioValidationParity());
  return out.join('\n');
}

/** The `istioctl analyze` codes with the rules that cover each, or why none does. */
function istioCoverage(rules: ReturnType<typeof ValidationRules.all>): string[] {
  const out = [
    '## istioctl analyze coverage',
    '',
    'Every message of Istio\'s analyzers (`pkg/config/analysis/msg/messages.yaml`) and the rules that report it at synth time,',
    'or why the state cannot be expressed or is only known in a live cluster. Istio\'s Info level is `info` here.',
    '',
    '| code | message | Istio level | rules | why no rule |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const c of ISTIO_CODES) {
    const ids = rules.filter(r => r.istioCode === c.code).map(r => r.id).sort();
    out.push(`| ${c.code} | ${c.name} | ${c.level} | ${ids.join(', ')} | ${cell(c.without ?? '')} |`);
  }
  out.push('');
  return out;
}

/** Istio's webhook and CRD CEL checks, each with the rules that reject the same values first, or why none is needed. */
function istioValidationParity(): string[] {
  const count = (f: (r: typeof ISTIO_PARITY[number]) => unknown) => ISTIO_PARITY.filter(f).length;
  const out = [
    '## Istio validation parity',
    '',
    'Every check of Istio\'s admission webhook (`pkg/config/validation`, `pkg/config/security`, the injector\'s annotation checks) and of the',
    '1.30 CRDs\' CEL rules that bears on what the API can express, with the rules that reject the same values at synth time (most of them',
    'where the value enters the library), or why the value cannot occur through the API, or what is still open.',
    `${ISTIO_PARITY.length} checks: ${count(r => r.rules)} covered, ${count(r => r.without)} not applicable, ${count(r => r.open)} open.`,
    '',
    '| kind | Istio check | rules | why no rule |',
    '| --- | --- | --- | --- |',
  ];
  for (const r of ISTIO_PARITY) out.push(`| ${r.kind} | ${cell(r.check)} | ${(r.rules ?? []).join(', ')} | ${cell(r.without ?? (r.open ? `open: ${r.open}` : ''))} |`);
  out.push('');
  return out;
}
