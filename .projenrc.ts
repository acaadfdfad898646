import { JsonFile, cdk8s, javascript } from 'projen';
import { restrictedPathZones } from './projenrc/layers';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-mesh',
  description: 'Typed cdk8s constructs that describe a whole multi-cluster Istio service mesh once and synthesize the YAML for every cluster.',
  author: 'cdk8s-mesh authors',
  authorAddress: 'maintainers@cdk8s-mesh.dev',
  repositoryUrl: 'https://example.invalid/cdk8s-mesh.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.0',
  jsiiVersion: '~6.0.0',
  keywords: ['cdk8s', 'istio', 'service-mesh', 'multicluster', 'kubernetes'],
  github: false,
  // Versions come from conventional commits (feat:, fix:, feat!:) since the latest tag; the first release is 0.1.0.
  // `npx projen release` bumps, builds and writes dist/changelog.md (commit-and-tag-version), as projen does.
  release: true,
  majorVersion: 0,
  nextVersionCommand: 'test -n "$LATEST_TAG" || echo 0.1.0',
  // Language targets, named as cdk8s-plus names its own (PyPI dist + module, Maven group/artifact + package,
  // Go module + package, NuGet id + namespace).
  publishToPypi: { distName: 'cdk8s-mesh', module: 'cdk8s_mesh' },
  publishToMaven: { mavenGroupId: 'org.cdk8s.mesh', mavenArtifactId: 'cdk8s-mesh', javaPackage: 'org.cdk8s.mesh' },
  publishToGo: { moduleName: 'github.com/cdk8s-mesh/cdk8s-mesh-go', packageName: 'cdk8smesh' },
  publishToNuget: { dotNetNamespace: 'Cdk8s.Mesh', packageId: 'Cdk8s.Mesh' },
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  bundledDeps: ['ipaddr.js@^2.2.0', 'js-yaml@^4.1.0', 're2js@^2.0.0'],
  devDeps: [
    '@types/js-yaml@^4.0.9',
    'ajv@^8.17.1',
    'ajv-formats@^3.0.1',
    '@bufbuild/cel@0.6.1',
    '@bufbuild/protobuf@^2.6.2',
    'kubernetes-models@4.5.1',
    'cdk8s-cli@^2.200.0',
    'ts-node@^10.9.2',
    'yaml@^2',
    '@swc/core@^1.16.22',
    '@swc/jest@^0.2.39',
    // adoption is tested against the oldest (the peer dependency) and the newest cdk8s-plus major
    'cdk8s-plus-34@2.0.54',
  ],
  gitignore: ['/node_modules', '/.jsii.tabl.json', '/dist/', '/.tmp/', '/bench-results/', '/examples/cdk8s-app/dist/', '/.tools/'],
  jestOptions: {
    passWithNoTests: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // examples import the package by name, as users write them
      moduleNameMapper: { '^cdk8s-mesh$': '<rootDir>/src/index.ts' },
      // Packaging tests (jsii compile, jsii-pacmak) run in their own stage: `npx projen test:package`.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/package/'],
      // apps generated into .tmp/ (migrate round trips) share one package name: keep them out of jest's module map
      modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
      // Synthesis tests are CPU bound; two workers match the 2-core CI machine.
      maxWorkers: 2,
      // V8 coverage of every suite costs more than the tests themselves: `npx projen test:coverage`.
      collectCoverage: false,
    },
  },
  // One type-check of everything jest and the scripts run: the test task's first step.
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts', '../templates/**/*.ts'],
    // examples import the package by name, as users write them (ts-node: scripts/self-reference.js)
    compilerOptions: { paths: { 'cdk8s-mesh': ['../src/index.ts'] } },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts'],
    ignorePatterns: ['imports/**', '*.d.ts', '*.generated.ts', 'node_modules/', 'lib/', 'coverage/', 'dist/'],
  },
});

// Layers (projenrc/layers.ts): a folder of src/ never imports a folder above it. The folders form one total
// order, so this also rules out import cycles between folders; test/architecture/layers.test.ts checks the same.
project.eslint?.addRules({ 'import/no-restricted-paths': ['error', { zones: restrictedPathZones() }] });

// The registry serves unrs-resolver 1.13's native bindings for Linux only, and `npm ci` then
// rejects the lock file; 1.12.2 is complete on every platform.
project.package.addPackageResolutions('unrs-resolver@1.12.2');

// One entry point: the index installs the runtime input checks on every public class, so no module under lib/ may be
// loaded on its own (Node refuses deep imports). The jsii kernel loads the package's main; tools read package.json and .jsii.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './.jsii': './.jsii',
  './package.json': './package.json',
});

// Typed Istio bindings: regenerate with `npx projen import:istio`.
// Every jsii warning counts: no name may collide in a target language (no --silence-warnings).
project.compileTask.reset('jsii');
project.tasks.tryFind('watch')?.reset('jsii -w');

const importIstio = project.addTask('import:istio', {
  description: 'Regenerate the typed Istio L1 bindings from imports/istio/crd-all.gen.yaml',
  cwd: 'imports',
  exec: 'cdk8s import --output ../src/imports',
});
// The generated toJson_* functions drop undefined values in one pass instead of a quadratic reduce (same objects).
const optimizeImports = 'ts-node --project test/tsconfig.json --transpile-only scripts/imports-optimize.ts';
importIstio.exec('ts-node --project ../test/tsconfig.json --transpile-only ../scripts/imports-optimize.ts');

// Typed bindings of the vendored upstream CRDs (imports/upstream, see imports/README.md).
project.addTask('import:upstream', {
  description: 'Regenerate src/imports/ bindings (Flagger Canary, Argo Rollouts Rollout, ExternalSecret, Gateway API v1 kinds) from imports/upstream/',
  exec: 'ts-node --project test/tsconfig.json --transpile-only scripts/import-upstream.ts',
}).exec(optimizeImports);

project.addTask('synth:examples', {
  description: 'Synthesize every examples/*.ts app into dist/examples/<example-name>/',
  exec: 'ts-node --project test/tsconfig.json --swc scripts/synth-examples.ts',
});

// jest transpiles with swc (no type-checking, one fast pass per file); types are checked once, as
// the test task's first step: test/tsconfig.json includes src/, examples/ and scripts/ as well.
const jestTransform = {
  '^.+\\.[t]sx?$': new javascript.Transform('@swc/jest', {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  }),
};
project.jest!.config.transform = jestTransform;
project.deps.removeDependency('ts-jest');
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
project.tsconfigDev.file.addOverride('ts-node', { require: ['../scripts/self-reference.js'] });
// eslint resolves `cdk8s-mesh` in examples through test/tsconfig.json's paths (before any compile, as in CI)
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript', {
  project: ['./tsconfig.json', './test/tsconfig.json'],
  alwaysTryTypes: true,
  noWarnOnMultipleProjects: true,
});
// the package's own name sorts as an internal import, whether or not lib/ is compiled
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/internal-regex', '^cdk8s-mesh$');

project.addTask('test:coverage', {
  description: 'The jest suite with V8 coverage (coverage/)',
  exec: 'jest --ci --coverage',
  receiveArgs: true,
});

// README and @example snippets compile in every jsii language: jsii-rosetta in strict mode (rosetta/*.ts-fixture give
// them their context); jsii-pacmak translates them the same way when it packages.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
project.addTask('docs:snippets', {
  description: 'Compiles every README and @example snippet with jsii-rosetta in strict mode (run after `npx jsii`)',
  exec: 'jsii-rosetta extract --strict --compile --output .tmp/snippets.tabl.json .jsii',
});
project.addTask('test:package', {
  description: 'Packaging tests: jsii compiles the library and jsii-pacmak packages it (slow; a CI stage of its own)',
  exec: 'jest --ci --testPathIgnorePatterns=/node_modules/ --runTestsByPath test/package/*.test.ts',
  receiveArgs: true,
});

// The real oracles (istioctl, kube-apiserver, kubectl, etcd) built from the Go module proxy into .tools/
// (or $CDK8S_MESH_TOOLS), then every example checked with them. The agreement test (test/oracles/*.oracle.ts)
// runs inside it, against its API server, not in `npm test`.
project.addTask('verify', {
  description: 'Check every example with istioctl validate/analyze/manifest generate and a real kube-apiserver (server-side dry-run)',
  steps: [
    { exec: 'bash scripts/tools/build.sh' },
    { spawn: 'synth:examples' },
    { exec: 'ts-node --project test/tsconfig.json --transpile-only scripts/verify/main.ts', receiveArgs: true },
  ],
});

// Type-check tests, examples and scripts (jest transpiles without checking types).
project.testTask.prependExec('tsc --noEmit -p examples/tsconfig.json && tsc --noEmit -p scripts/tsconfig.json');

project.addTask('bench', {
  description: 'Synthesis benchmark: the library vs raw cdk8s vs JSON.stringify, sizes S, M and L (prints JSON lines)',
  exec: 'ts-node --project test/tsconfig.json --transpile-only scripts/bench.ts',
  receiveArgs: true,
});

project.addTask('schema:inputs', {
  description: 'Regenerate src/validation/input/schema.generated.ts (runtime type checks) from the .jsii assembly; run after `npx jsii`',
  exec: 'ts-node --project test/tsconfig.json --transpile-only scripts/input-schema.ts',
});

project.addTask('docs:rules', {
  description: 'Regenerate docs/RULES.md from the rule tables',
  exec: 'ts-node --project test/tsconfig.json --swc scripts/rules-doc.ts',
});

// examples/ and scripts/ are type-checked and linted like the tests.
for (const dir of ['examples', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['**/*.ts', '../src/**/*.ts', '../test/**/*.ts'] },
  });
}

// No `any` in hand-written sources: renderers return the generated types of src/imports, checks read
// rendered manifests as `unknown` through src/core/json.ts. Type-aware (parserOptions.projectService).
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  excludedFiles: ['src/imports/**'],
  rules: {
    '@typescript-eslint/no-explicit-any': 'error',
    '@typescript-eslint/no-unsafe-assignment': 'error',
    '@typescript-eslint/no-unsafe-member-access': 'error',
    '@typescript-eslint/no-unsafe-call': 'error',
    '@typescript-eslint/no-unsafe-return': 'error',
    '@typescript-eslint/no-unsafe-argument': 'error',
    'no-restricted-syntax': ['error', {
      selector: 'TSAsExpression > TSAsExpression.expression[typeAnnotation.type="TSUnknownKeyword"]',
      message: 'No `as unknown as`: map library enums through an exhaustive table and return the generated types.',
    }],
  },
});
// Generated bindings are not linted.
project.eslint?.addIgnorePattern('src/imports/**');

project.npmignore?.addPatterns('/wip/', '/examples/', '/scripts/', '/imports/', '/bench-results/', '/.ci/');
// Inline source maps name src/*.ts: ship the sources so stack traces (CDK8S_MESH_DEBUG) point into files that exist.
project.npmignore?.include('/src/');

project.synth();
