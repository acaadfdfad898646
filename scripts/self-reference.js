// Examples import 'cdk8s-mesh' as users write it; under ts-node (test/tsconfig.json requires this file) the name
// resolves to this repository's source. Jest maps it the same way (moduleNameMapper), tsc through `paths`.
const Module = require('module');
const path = require('path');

const index = path.join(__dirname, '..', 'src', 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveSelf(request, ...rest) {
  return resolve.call(this, request === 'cdk8s-mesh' ? index : request, ...rest);
};
