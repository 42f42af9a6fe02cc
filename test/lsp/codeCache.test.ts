// V8 code caches of the CLI's bundles (io/codeCache.ts, made by esbuild.mjs): used only when made of the same bytes by
// this Node under the same flags, and a bundle loads the same with or without one. The dist/ part runs in a child
// process each: V8's flags are the process's.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFile, lastCacheUsed, loadBundle, writeCache } from '../../server/src/io/codeCache';
import { repoRoot } from '../helpers/workspace';

const dist = path.join(repoRoot, 'dist');

/** Runs `code` in a fresh Node (the dist loader as `c`), returns what it prints. */
function node(code: string): string {
  return execFileSync(process.execPath, ['-e', `const c = require(${JSON.stringify(path.join(dist, 'codeCache.js'))});\n${code}`], { encoding: 'utf8' }).trim();
}

describe('code caches of the bundles', function () {
  this.timeout(60_000);

  it('a bundle loads from its cache, and the same without one, with a cache of other bytes, a corrupt cache or a symlink', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-cc-'));
    try {
      const file = path.join(dir, 'b.js');
      fs.writeFileSync(file, "const path = require('node:path');\nexports.answer = () => 40 + 2;\nexports.where = () => path.basename(__dirname);\n");
      const cache = cacheFile(file, 'plain');
      const load = (): { answer: () => number; where: () => string } => loadBundle(file, 'plain').exports as { answer: () => number; where: () => string };
      assert.equal(load().answer(), 42);
      assert.equal(lastCacheUsed, false, 'no cache yet');
      writeCache(file, 'plain', loadBundle(file, 'plain').script);
      const again = load();
      assert.equal(lastCacheUsed, true, 'the cache just made is used');
      assert.equal(again.answer(), 42);
      assert.equal(again.where(), path.basename(dir));
      // The bundle changed: the header names other bytes, so the cache is not even given to V8.
      const made = fs.readFileSync(cache);
      fs.appendFileSync(file, 'exports.more = 1;\n');
      assert.equal(load().answer(), 42);
      assert.equal(lastCacheUsed, false, 'a cache of other bytes was used');
      // A corrupt body under a valid header: V8 rejects it and compiles the source.
      writeCache(file, 'plain', loadBundle(file, 'plain').script);
      const good = fs.readFileSync(cache);
      const bad = Buffer.from(good);
      for (let i = bad.length - 200; i < bad.length; i++) bad[i] = bad[i]! ^ 0xff;
      fs.writeFileSync(cache, bad);
      assert.equal(load().answer(), 42);
      assert.equal(lastCacheUsed, false, 'a corrupt cache was used');
      // A symlink in the cache's place is not read.
      fs.rmSync(cache);
      fs.writeFileSync(path.join(dir, 'elsewhere'), good);
      fs.symlinkSync(path.join(dir, 'elsewhere'), cache);
      assert.equal(load().answer(), 42);
      assert.equal(lastCacheUsed, false, 'a symlinked cache was used');
      assert.ok(made.length > 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the CLI's bundle runs no import() but the language server's (a script compiled by vm cannot; bin/clarify.js loads `clarify lsp` by require)", function () {
    const imports = [...fs.readFileSync(path.join(dist, 'cli.js'), 'utf8').matchAll(/\bimport\(([^)]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(imports, ['"./server.js"']);
    assert.match(fs.readFileSync(path.join(repoRoot, 'bin', 'clarify.js'), 'utf8'), /command === 'lsp'\) main = require\(bundle\)\.main/);
  });

  it("the build's caches are used by the CLI (batch and other commands) and by a batch run's index workers, under the flags each runs with", function () {
    for (const name of ['cli.js.batch.v8cache', 'cli.js.plain.v8cache', 'indexWorker.js.worker.v8cache']) assert.ok(fs.existsSync(path.join(dist, name)), `dist/${name} was not built`);
    // As bin/clarify.js loads the CLI for `check`, and for `context`.
    const cli = JSON.stringify(path.join(dist, 'cli.js'));
    assert.equal(node(`c.setFlags(c.LAUNCH_FLAGS); c.loadBundle(${cli}, 'batch'); console.log(c.lastCacheUsed)`), 'true');
    assert.equal(node(`c.loadBundle(${cli}, 'plain'); console.log(c.lastCacheUsed)`), 'true');
    // Not under the other command's flags: V8 checks them.
    assert.equal(node(`c.loadBundle(${cli}, 'batch'); console.log(c.lastCacheUsed)`), 'false');
    // An index worker of a batch run: started after cli/main.ts set its flags.
    const worker = `
      c.setFlags([...c.LAUNCH_FLAGS, ...c.BATCH_FLAGS]);
      const { Worker } = require('node:worker_threads');
      const w = new Worker(${JSON.stringify(`const c = require(${JSON.stringify(path.join(dist, 'codeCache.js'))}); c.loadBundle(${JSON.stringify(path.join(dist, 'indexWorker.js'))}, 'worker'); require('node:worker_threads').parentPort.postMessage(c.lastCacheUsed);`)}, { eval: true });
      w.on('message', (used) => { console.log(used); void w.terminate(); });`;
    assert.equal(node(worker), 'true');
  });

  it("the batch cache holds the ambiguity pass's code: made after the pass ran over the labeled sets' development specs (issue 13)", function () {
    const size = (name: string): number => fs.statSync(path.join(dist, name)).size;
    // The same bundle: the batch cache has the code of the functions the rehearsal ran (the pass, wink-nlp) besides the top level.
    assert.ok(size('cli.js.batch.v8cache') > size('cli.js.plain.v8cache') + 100_000, `batch ${size('cli.js.batch.v8cache')} B, plain ${size('cli.js.plain.v8cache')} B`);
    const cli = JSON.stringify(path.join(dist, 'cli.js'));
    const spec = JSON.stringify('# Login\n\nThe server MUST respond quickly to each login request.\n');
    assert.equal(node(`console.log(c.loadBundle(${cli}, 'plain').exports.rehearsePass(${spec}))`), '1');
  });
});
