#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (built by `npm install` via `prepare`).
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
// `clarify check` and `clarify report` keep V8's young generation at its first size from the start [^big_documents]:
// loading the bundle grew it to 8 MB (both halves resident for the rest of the run, whatever the run holds), which the
// CLI then kept (server/src/cli/main.ts). Set here, in the process, so it holds wherever `npx clarify` runs (a shebang or
// a cmd shim passes no flags). The 200,000-reference spec 113 -> 109 MB, the 4 MiB prose spec 148-156 -> 134-136 MB;
// user CPU the same within the noise (the 10,000-file workspace, alternating pairs at load 16-23: 8.13 / 10.02 / 8.53
// -> 8.37 / 9.07 / 8.99 s). The language server (`clarify lsp`) keeps V8's default.
if (process.argv[2] === 'check' || process.argv[2] === 'report') require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
let main;
try {
  main = require(bundle).main;
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('clarify: dist/cli.js is missing; run `npm install` (or `npm run build`) first.\n');
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`clarify: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; }
);
