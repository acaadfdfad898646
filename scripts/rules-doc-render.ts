import { ValidationRules } from '../src';

const FAMILIES: Record<string, string> = {
  TOPO: 'Topology',
  SVC: 'Mesh services',
  GW: 'Gateways',
  CP: 'Control plane and multi-cluster',
  ROUTE: 'Traffic routing',
  SEC: 'Security',
  PAT: 'Patterns',
  OPS: 'Operations, observability and extensions',
  PLAT: 'Platform profiles',
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
    out.push(`## ${title}`, '', '| rule | severity | message | fix | why |', '| --- | --- | --- | --- | --- |');
    for (const r of members) out.push(`| ${r.id} | ${r.severity} | ${cell(r.message)} | ${cell(r.fix)} | ${cell(r.doc)} |`);
    out.push('');
  }
  return out.join('\n');
}
