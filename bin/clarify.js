#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (built by `npm install` via `prepare`).
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
// A batch run (`check`, `report`; not a server or the other commands) starts with V8's young generation at its first
// size (two semispaces of 1 MB), set before the bundle loads: loading the bundle grew it to two of 4 MB, both resident
// while a big spec was parsed, the peak of its check. cli/main.ts grows it back at the first ordinary text it reads
// (`youngGeneration`); a run of big specs only keeps it small. The language server and the MCP server keep V8's default.
// The bundle is compiled from its V8 code cache when the build made one for this Node and these flags (dist/codeCache.js).
// `clarify lsp` imports the language server (dist/server.js) with import(), which a script compiled by vm cannot run
// without an experimental flag: it is loaded by require (a long-lived server, where the load's cost does not matter).
let main;
try {
  const command = process.argv[2];
  const batch = !['lsp', 'mcp', 'context', 'audit', 'impact'].includes(command);
  if (command === 'lsp') main = require(bundle).main;
  else {
    const codeCache = require(path.join(__dirname, '..', 'dist', 'codeCache.js'));
    if (batch) codeCache.setFlags(codeCache.LAUNCH_FLAGS);
    main = codeCache.loadBundle(bundle, batch ? 'batch' : 'plain').exports.main;
  }
} catch (err) {
  if (err && (err.code === 'MODULE_NOT_FOUND' || err.code === 'ENOENT') && String(err.message).includes('dist')) {
    process.stderr.write('clarify: dist/cli.js is missing; run `npm install` (or `npm run build`) first.\n');
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`clarify: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; }
);
