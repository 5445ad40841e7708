// Lets a child Node process run the TypeScript sources as ts-jest does: each file transpiled on its
// own with the repository's compiler options (isolatedModules, decorators and their metadata), and
// the @grants/* path aliases resolved to libs/*/src. Type checking stays `npm run typecheck`'s.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '../..');
const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
const compilerOptions = {
  ...ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT).options,
  module: ts.ModuleKind.CommonJS,
  isolatedModules: true,
  sourceMap: false,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@grants\/([a-z-]+)$/.exec(request);
  return resolveFilename.call(this, alias ? path.join(ROOT, 'libs', alias[1], 'src') : request, ...rest);
};
