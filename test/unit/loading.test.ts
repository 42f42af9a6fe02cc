// The first scan in worker threads and the on-disk index cache give the same index as a plain load.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import type { SpecFacts } from '../../server/src/core/markdown/parseSpec';
import { withoutProse } from '../../server/src/io/indexWorker';
import { benchOverrides, indexWorkerCounts, loadWorkspace, type LoadedWorkspace } from '../../server/src/io/workspace';
import { ageTree } from '../helpers/workspace';

function makeFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-load-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  for (let s = 0; s < 40; s++) {
    const clauses = Array.from({ length: 5 }, (_, h) => `## Rule ${s}.${h} {#r${s}_${h} authority=root}\n\nIt must respond quickly[^f${s}_${h}].\n`).join('\n');
    write(`specs/s${s}.md`, `# Spec ${s}\n\n${clauses}\nSee [rule](#r${s}_0) and [gone](#nope${s}).\n`);
  }
  write('specs/examples/f0_0.md', 'Examples for [^f0_0].\n');
  for (let c = 0; c < 600; c++) write(`src/m${c}.ts`, `// Implements [^r${c % 40}_${c % 5}] and [^f${c % 40}_1]\nconst re = /[^a-z]/; // [^typo${c % 7}]\n`);
  // Old enough for the cache (files modified in the last two seconds are not cached).
  ageTree(dir);
  return dir;
}

const summary = (ws: LoadedWorkspace): unknown => ({
  diagnostics: computeDiagnostics(ws.index.model(), ws.config),
  clauses: ws.index.model().clauses,
  citations: ws.index.model().citations,
  skipped: ws.skipped,
});

describe('loading a big folder', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = makeFolder();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes in worker threads exactly as in one thread', async () => {
    const plain = await loadWorkspace(dir, { workers: 0 });
    const threaded = await loadWorkspace(dir, { workers: 2 });
    assert.deepStrictEqual(summary(threaded), summary(plain));
    assert.equal(plain.index.model().clauses.length, 400);
  });

  it('turns the passes off for the benchmark only when CLARIFIER_BENCH_OFF says so, as .clarifier.json would', async () => {
    assert.deepStrictEqual(benchOverrides(undefined), {});
    assert.deepStrictEqual(benchOverrides(''), {});
    const plain = await loadWorkspace(dir, { workers: 0 });
    const codes = (ws: LoadedWorkspace): string[] => computeDiagnostics(ws.index.model(), ws.config).map((d) => d.code);
    assert.ok(codes(plain).some((c) => c.startsWith('ambiguity.')));
    const saved = process.env['CLARIFIER_BENCH_OFF'];
    process.env['CLARIFIER_BENCH_OFF'] = 'ambiguity,typecheck';
    try {
      const off = await loadWorkspace(dir, { workers: 2 });
      assert.equal(off.config.ambiguity.enabled, false);
      assert.equal(off.config.severity['conflict.modal'], 'off');
      assert.ok(!codes(off).some((c) => c.startsWith('ambiguity.')));
      // The same as the folder's own configuration saying it (the rest of the configuration untouched).
      const configured = await loadWorkspace(dir, {
        workers: 0,
        overrides: { ambiguity: { ...plain.config.ambiguity, enabled: false }, severity: { 'conflict.modal': 'off', 'conflict.numeric': 'off', 'conflict.definition': 'off' } },
      });
      assert.deepStrictEqual(off.config, configured.config);
      assert.deepStrictEqual(summary(off), summary(configured));
    } finally {
      if (saved === undefined) delete process.env['CLARIFIER_BENCH_OFF'];
      else process.env['CLARIFIER_BENCH_OFF'] = saved;
    }
  });

  it('stops the worker threads it started during the walk when the walk is cancelled', async () => {
    // Counted by the loader: every index worker it starts, and those whose thread has not exited ('exit' event). The
    // process's own thread count is no measure: an earlier test's terminated workers may still be exiting.
    const before = indexWorkerCounts().started;
    // Aborted from its third look, after the walk has listed src/ (600 files: the threads start) and before specs/.
    let looks = 0;
    const signal = { get aborted() { return ++looks > 2; }, addEventListener() {}, removeEventListener() {} } as unknown as AbortSignal;
    await assert.rejects(loadWorkspace(dir, { workers: 2, signal, rules: undefined }), /cancelled/);
    assert.equal(indexWorkerCounts().started - before, 2, 'the threads started during the walk');
    for (let i = 0; i < 200 && indexWorkerCounts().live > 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(indexWorkerCounts().live, 0, 'every index worker has exited');
  });

  it('a batch run without the cache computes no content hash (nothing reads one), in threads or not; with the cache or outside a batch, every file has one', async () => {
    const hashes = (ws: LoadedWorkspace): number[] => ws.index.paths().flatMap((rel) => (ws.index.factsOf(rel) ? [ws.index.factsOf(rel)!.hash] : []));
    const plain = await loadWorkspace(dir, { workers: 0 });
    assert.equal(hashes(plain).length, 641);
    assert.ok(hashes(plain).every((h) => Number.isInteger(h)));
    for (const workers of [0, 2]) {
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-cache-'));
      try {
        const cached = await loadWorkspace(dir, { workers, batch: true, cacheDir });
        assert.equal(cached.stats.cached, 0);
        assert.equal(hashes(cached).length, 641);
        assert.ok(hashes(cached).every((h) => Number.isInteger(h)), `workers: ${workers}, cached`);
        const batch = await loadWorkspace(dir, { workers, batch: true });
        assert.equal(hashes(batch).length, 641);
        assert.ok(hashes(batch).every((h) => Number.isNaN(h)), `workers: ${workers}`);
        assert.deepStrictEqual(summary(batch), summary(cached));
      } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  });

  it('a batch run that reads no prose (no --llm) gets no spec prose from the worker threads, and the same results; with the cache, every spec keeps it', async () => {
    const proseOf = (ws: LoadedWorkspace): number[] => ws.index.model().specFiles.map((f) => ws.index.specFacts(f)!.prose.length);
    const withProse = await loadWorkspace(dir, { workers: 2, batch: true });
    const without = await loadWorkspace(dir, { workers: 2, batch: true, prose: false });
    assert.equal(proseOf(withProse).length, 40);
    assert.ok(proseOf(withProse).every((n) => n > 0));
    assert.ok(proseOf(without).every((n) => n === 0));
    assert.deepStrictEqual(summary(without), summary(withProse));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-cache-'));
    try {
      const cached = await loadWorkspace(dir, { workers: 2, batch: true, prose: false, cacheDir });
      assert.deepStrictEqual(proseOf(cached), proseOf(withProse));
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("withoutProse copies a spec's facts without running its lazy prose getter", () => {
    const spec = { file: 'a.md', headings: [1] } as unknown as SpecFacts;
    Object.defineProperty(spec, 'prose', {
      enumerable: true,
      configurable: true,
      get() {
        throw new Error('read');
      },
    });
    const copy = withoutProse(spec);
    assert.deepStrictEqual(copy.prose, []);
    assert.equal(copy.headings, spec.headings);
    assert.deepStrictEqual(Object.keys(copy), ['file', 'headings', 'prose']);
  });

  it('starts warm from the on-disk cache, re-reading only changed files', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-cache-'));
    try {
      const cold = await loadWorkspace(dir, { cacheDir, workers: 2 });
      assert.ok(fs.readdirSync(cacheDir).some((f) => f.startsWith('index-')));
      assert.equal(cold.stats.cached, 0);
      // Facts indexed in worker threads are cached as valid entries: the warm start takes every file from the cache.
      const warm = await loadWorkspace(dir, { cacheDir });
      assert.deepStrictEqual(summary(warm), summary(cold));
      assert.equal(warm.stats.cached, warm.stats.files);
      assert.equal(warm.stats.read, 0);
      // A changed file is read again (its size and time changed).
      fs.writeFileSync(path.join(dir, 'src/m1.ts'), '// [^r1_1] now cites one clause only, and a new typo [^zzz]\n');
      const changed = await loadWorkspace(dir, { cacheDir });
      assert.deepStrictEqual(summary(changed), summary(await loadWorkspace(dir, { workers: 0 })));
      assert.ok(changed.index.model().citations.some((c) => c.id === 'zzz'));
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
