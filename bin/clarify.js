#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (built by `npm install` via `prepare`).
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
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
