import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { mergeConfig, resolveConfig } from '../server/src/core/workspace/config';
import { computeDiagnostics } from '../server/src/core/diagnostics/diagnostics';
import { WorkspaceIndex } from '../server/src/core/workspace/workspaceIndex';
import { benchOverrides } from '../server/src/io/workspace';

/**
 * The Markdown part, our side: read the given Markdown files, index them (specs and examples) and compute the
 * workspace diagnostics, in one thread like the Markdown language service beside it. Prints `{ ms, diagnostics }`.
 * With `links`, the same work as the service's: ids, links and anchors checked, the ambiguity pass and the spec type
 * checker off (as `CLARIFIER_BENCH_OFF=ambiguity,typecheck` turns them off in a check).
 * Usage: node out/bench/mdOurs.js ROOT LIST_FILE [links]
 */
const [root, list, only] = process.argv.slice(2) as [string, string, string | undefined];
// The English model as every bundle of the product loads it (dist/english.js, built by esbuild.mjs: its data read as
// JSON, the lexeme hash by binary search), not the npm package's own reader, which out/ would load: about 0.12 s more CPU
// per load, measured. The model loads on the first sentence tagged, inside the timed region, as in a `clarify check`.
const shipped = path.join(__dirname, '..', '..', 'dist', 'english.js');
if (fs.existsSync(shipped)) {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'wink-eng-lite-web-model' ? shipped : resolve.call(this, request, ...rest);
  };
}
const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
const started = performance.now();
const config = mergeConfig(resolveConfig(undefined).config, benchOverrides(only === 'links' ? 'ambiguity,typecheck' : undefined));
const index = new WorkspaceIndex(config);
for (const file of files) index.updateFile(file, fs.readFileSync(path.join(root, file), 'utf8'));
const diagnostics = computeDiagnostics(index.model(), index.config);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, diagnostics: diagnostics.length }));
