import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The generated `toJson_*` functions drop keys they do not know, so a misspelled field in a renderer
 * would vanish from the manifest. Renderers build the generated types of src/imports, so the compiler
 * must reject such a field: each case below inserts a misspelled key next to a real one in the renderer
 * source (in memory) and expects an excess-property error on exactly that line. (The compiler reports one
 * excess property per object literal, so each case targets a different literal.)
 */
interface Misspelling {
  /** What the renderer renders. */
  readonly what: string;
  /** The property in the renderer source (a unique match outside src/imports). */
  readonly property: RegExp;
  /** The misspelled key inserted before it. */
  readonly typo: string;
}

const CASES: Misspelling[] = [
  { what: 'DestinationRule spec', property: /\bsubsets: m\.subsets \? renderSubsets\(m\.service, m\.versionPolicies\)/, typo: 'subsetz' },
  { what: 'Gateway API HTTPRoute rule', property: /\bbackendRefs: backendRefs\.length \? backendRefs/, typo: 'backendRefz' },
  { what: 'Gateway API Gateway listener', property: /\ballowedRoutes: allowedRoutesOf\(server, host\)/, typo: 'allowedRoute' },
  { what: 'DestinationRule client TLS', property: /\bsni: tls\.sni\b/, typo: 'snii' },
  { what: 'VirtualService HTTP route', property: /\bcorsPolicy: renderCors\(/, typo: 'corsPolicyy' },
  { what: 'VirtualService fault delay', property: /\bfixedDelay: istioDuration\(/, typo: 'fixedDelayy' },
  { what: 'PeerAuthentication spec', property: /\bportLevelMtls,/, typo: 'portLevelMtlz' },
  { what: 'EnvoyFilter patch', property: /\bpatch: \{ operation: Operation\.MERGE, value:/, typo: 'patchh' },
  { what: 'ProxyConfig spec', property: /\bconcurrency: this\.props\.concurrency\b/, typo: 'concurency' },
  { what: 'Gateway server TLS', property: /\bsubjectAltNames: tls\?\.subjectAltNames\b/, typo: 'subjectAltName' },
];

const root = path.join(__dirname, '..', '..');
const srcDir = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

interface Mutation {
  readonly typo: string;
  readonly file: string;
  readonly line: number;
}

/** Applies every case to its source file (in memory); each property must occur exactly once in src/. */
function mutate(files: string[]): { texts: Map<string, string>; mutations: Mutation[] } {
  const texts = new Map<string, string>();
  const mutations: Mutation[] = [];
  for (const c of CASES) {
    const hits = files.filter(f => c.property.test(texts.get(f) ?? fs.readFileSync(f, 'utf8')));
    expect({ what: c.what, files: hits.length }).toEqual({ what: c.what, files: 1 });
    const file = hits[0];
    const text = texts.get(file) ?? fs.readFileSync(file, 'utf8');
    const index = text.search(c.property);
    texts.set(file, `${text.slice(0, index)}${c.typo}: undefined, ${text.slice(index)}`);
    mutations.push({ typo: c.typo, file, line: text.slice(0, index).split('\n').length });
  }
  return { texts, mutations };
}

test('a misspelled field in a renderer fails type-checking', () => {
  const files = sourceFiles(srcDir);
  const { texts, mutations } = mutate(files);
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: d => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  })!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = f => texts.get(path.resolve(f)) ?? readFile(f);
  const program = ts.createProgram({ rootNames: [...texts.keys()], options: { ...config.options, noEmit: true }, host });

  const errors = ts.getPreEmitDiagnostics(program).map(d => ({
    file: d.file ? path.resolve(d.file.fileName) : '',
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  for (const m of mutations) {
    const found = errors.filter(e => e.file === m.file && e.line === m.line && e.message.includes(`'${m.typo}'`))
      .map(e => e.message.includes('Object literal may only specify known properties'));
    expect({ typo: m.typo, excessPropertyErrors: found }).toEqual({ typo: m.typo, excessPropertyErrors: [true] });
  }
  // Nothing but the inserted typos fails.
  const unexpected = errors.filter(e => !mutations.some(m => e.file === m.file && e.line === m.line));
  expect(unexpected).toEqual([]);
}, 300_000);
