import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../server/src/core/workspace/config';
import { computeDiagnostics } from '../server/src/core/diagnostics/diagnostics';
import { WorkspaceIndex } from '../server/src/core/workspace/workspaceIndex';

/**
 * The Markdown part, our side: read the given Markdown files, index them (specs and examples) and compute the
 * workspace diagnostics, in one thread like the Markdown language service beside it. Prints `{ ms, diagnostics }`.
 * Usage: node out/bench/mdOurs.js ROOT LIST_FILE
 */
const [root, list] = process.argv.slice(2) as [string, string];
const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
const started = performance.now();
const index = new WorkspaceIndex(resolveConfig(undefined).config);
for (const file of files) index.updateFile(file, fs.readFileSync(path.join(root, file), 'utf8'));
const diagnostics = computeDiagnostics(index.model(), index.config);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, diagnostics: diagnostics.length }));
