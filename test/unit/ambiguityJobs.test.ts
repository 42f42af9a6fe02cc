// The ambiguity pass of a batch run's worker threads, run on the main thread: a worker sends what the pass reads of each
// reviewed spec (its job), and the job's hits are those the worker would have made [^ambiguity_lexicon].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { jobChunks, runAmbiguityJob, type AmbiguityJob } from '../../server/src/core/workspace/ambiguityPass';
import { resolveConfig, type ClarifierConfig } from '../../server/src/core/workspace/config';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import type { BatchResult, PassHits, PassJobs, WorkerInit } from '../../server/src/io/indexWorker';
import { loadWorkspace, MainThreadPass, type LoadedWorkspace } from '../../server/src/io/workspace';
import { ageTree } from '../helpers/workspace';

const config: ClarifierConfig = resolveConfig(undefined).config;

/** Specs of each kind the pass reads differently: chunks, sections across chunks, suppressions, drafts, open questions. */
const SPECS: Record<string, string> = {
  'specs/model.md': [
    '# Model spec',
    '',
    ...Array.from({ length: 6 }, (_, h) => `## Rule ${h} {#rule${h} authority=root}\n\nThe assistant must respond quickly and handle large inputs[^n${h}].\n`),
    '## Clarifications',
    '',
    '- 2026-11-21 · `rule0` · “quickly”: How fast? → **200 ms**',
    '',
  ].join('\n'),
  'specs/suppressed.md': [
    '# Suppressed',
    '',
    '## Limits {#limits authority=root}',
    '',
    '<!-- clarifier-disable-next-line ambiguity.vague -->',
    'Requests must be answered quickly.',
    '',
    'Uploads must be reasonably small.',
    '',
    '## Other {#other authority=root}',
    '',
    'The service should be fast.',
    '',
  ].join('\n'),
  'specs/001-login/spec.md': [
    '# Feature Specification: Login',
    '',
    '## User Scenarios & Testing',
    '',
    '### Acceptance Criteria',
    '',
    '1. The page loads quickly.',
    '2. Errors are shown in a timely manner.',
    '',
    '## Requirements',
    '',
    '- **FR-001**: The system MUST lock accounts after several failed attempts.',
    '- **FR-002**: Sessions MUST expire [NEEDS CLARIFICATION: after how long?].',
    '',
  ].join('\n'),
  'specs/draft.md': [
    '---',
    'title: "X"',
    'docname: draft-x-00',
    '',
    '--- abstract',
    '',
    'This document is fast.',
    '',
    '--- middle',
    '',
    '# Frames',
    '',
    'The receiver SHOULD send feedback frames periodically and should be quick.',
    '',
  ].join('\n'),
  'specs/bcp14.md': '# Widget API\n\nThe key words "MUST", "MUST NOT", "SHOULD" in this document are to be interpreted as described in RFC 2119.\n\n## Answers\n\nServers MUST answer quickly. Clients should be careful.\n',
  'docs/readme.md': '# Notes\n\nThis is fast.\n',
};

/** The hits of each spec as an index that runs the pass itself makes them. */
function inlineHits(): Map<string, unknown> {
  const index = new WorkspaceIndex(config, { batch: true });
  const hits = new Map<string, unknown>();
  for (const [file, text] of Object.entries(SPECS)) {
    index.updateFile(file, text);
    hits.set(file, index.factsOf(file)?.ambiguity);
  }
  return hits;
}

describe('the ambiguity pass run apart from the parse (a batch run: on the main thread)', function () {
  this.timeout(60_000);

  it("a deferring index keeps each reviewed spec's job and no hit of the pass; the job's hits, after a structured clone, are the index's", () => {
    const expected = inlineHits();
    assert.ok([...expected.values()].some((h) => (h as unknown[]).length > 0));
    const deferring = new WorkspaceIndex(config, { batch: true, deferAmbiguity: true });
    const main = new WorkspaceIndex(config, { batch: true });
    let jobs = 0;
    for (const [file, text] of Object.entries(SPECS)) {
      deferring.updateFile(file, text);
      const facts = deferring.factsOf(file)!;
      // Only the author's open questions: the pass's hits come with the job.
      assert.ok((facts.ambiguity ?? []).every((h) => h.category === 'open-question'), file);
      main.addFacts(structuredClone(facts));
      const job = deferring.takeAmbiguityJob(file);
      assert.equal(deferring.takeAmbiguityJob(file), undefined);
      if (!job) continue;
      jobs++;
      main.addAmbiguityHits(file, runAmbiguityJob(structuredClone(job), config));
      assert.deepStrictEqual(main.factsOf(file)!.ambiguity, expected.get(file), file);
    }
    // Every spec but the README is reviewed.
    assert.equal(jobs, Object.keys(SPECS).length - 1);
    // A spec whose job is not taken has no hits of the pass (the open question stays, after them).
    assert.deepStrictEqual(
      main.factsOf('specs/001-login/spec.md')!.ambiguity!.map((h) => h.category).slice(-1),
      ['open-question'],
    );
  });

  it("a job, after a structured clone, gives back each chunk's place, text and prose blocks as the parse made them (masked texts, clause ids, records)", () => {
    const spec = [
      '# Sessions {#sessions authority=platform}',
      '',
      'The server must respond `quickly` to [a request](https://example.com/x) and retry several times.',
      '',
      '| Field | Rule |',
      '|---|---|',
      '| timeout | reasonable, see `cfg.timeout` |',
      '',
      '## Clarifications',
      '',
      '- 2026-11-21 · `sessions` · “quickly”: How fast? → **200 ms**',
      '',
      '## Limits {#limits}',
      '',
      'The cache should hold an appropriate number of entries.',
      '',
    ].join('\n');
    const files = { ...SPECS, 'specs/packed.md': spec };
    let blocks = 0;
    let masked = 0;
    for (const [file, text] of Object.entries(files)) {
      const deferring = new WorkspaceIndex(config, { batch: true, deferAmbiguity: true });
      const inline = new WorkspaceIndex(config, { batch: true });
      deferring.updateFile(file, text);
      inline.updateFile(file, text);
      const job = deferring.takeAmbiguityJob(file);
      if (!job) continue;
      const chunks = jobChunks(structuredClone(job));
      // The chunks' prose blocks, shifted to the document, are the spec's facts' prose.
      const prose = chunks.flatMap((c) => c.prose.map((b) => ({ ...b, start: b.start + c.start, end: b.end + c.start })));
      assert.deepStrictEqual(prose, inline.factsOf(file)!.spec!.prose, file);
      for (const c of chunks) {
        for (const b of c.prose) {
          blocks++;
          if (b.text !== c.text.slice(b.start, b.end)) masked++;
        }
      }
    }
    assert.ok(blocks > 20 && masked > 3, `${blocks} blocks, ${masked} masked`);
  });

  it("sends the spec's text only when a suppression comment may apply (a draft, or a chunk with one)", () => {
    const deferring = new WorkspaceIndex(config, { batch: true, deferAmbiguity: true });
    const texts = new Map<string, boolean>();
    for (const [file, text] of Object.entries(SPECS)) {
      deferring.updateFile(file, text);
      const job = deferring.takeAmbiguityJob(file);
      if (job) texts.set(file, job.text !== undefined);
    }
    assert.deepStrictEqual(Object.fromEntries(texts), { 'specs/model.md': false, 'specs/suppressed.md': true, 'specs/001-login/spec.md': false, 'specs/draft.md': true, 'specs/bcp14.md': false });
  });

  it('no job when the pass is off, and none from an index that runs the pass itself', () => {
    const off = new WorkspaceIndex({ ...config, ambiguity: { ...config.ambiguity, enabled: false } }, { batch: true, deferAmbiguity: true });
    const inline = new WorkspaceIndex(config, { batch: true });
    for (const [file, text] of Object.entries(SPECS)) {
      off.updateFile(file, text);
      inline.updateFile(file, text);
      assert.equal(off.takeAmbiguityJob(file), undefined);
      assert.equal(inline.takeAmbiguityJob(file), undefined);
    }
  });

  describe('with files on disk', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-jobs-'));
      const write = (rel: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      for (const [file, text] of Object.entries(SPECS)) write(file, text);
      // Enough files for worker threads (WORKER_MIN_FILES), with more reviewed specs among them.
      for (let s = 0; s < 30; s++) write(`specs/more/s${s}.md`, SPECS['specs/model.md']!.replace(/rule(\d)/g, `s${s}r$1`).replace(/\[\^n/g, `[^s${s}n`));
      for (let c = 0; c < 520; c++) write(`src/m${c}.ts`, `// Implements [^rule${c % 6}]\nexport const x${c} = ${c};\n`);
      // Old enough for the cache (files modified in the last two seconds are not cached).
      ageTree(dir);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const summary = (ws: LoadedWorkspace): unknown => ({
      diagnostics: computeDiagnostics(ws.index.model(), ws.config),
      hits: ws.index.model().specFiles.map((f) => [f, ws.index.factsOf(f)?.ambiguity]),
    });

    it('an index worker of a batch run sends jobs, not hits, when the main thread runs the pass, and runs the jobs it is sent back', async () => {
      const script = path.join(__dirname, '..', '..', 'server', 'src', 'io', 'indexWorker.js');
      const init: WorkerInit = { root: dir, config, batch: true, contentHashes: false, prose: false, deferAmbiguity: true };
      const worker = new Worker(script, { workerData: { clarifierIndexWorker: init } });
      try {
        const ask = <T>(message: unknown): Promise<T> =>
          new Promise<T>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(message);
          });
        const files = Object.keys(SPECS);
        const result = await ask<BatchResult>(files);
        const expected = inlineHits();
        assert.deepStrictEqual(result.jobs.map((j) => j.path), files.filter((f) => f !== 'docs/readme.md'));
        for (const facts of result.facts) assert.ok((facts.ambiguity ?? []).every((h) => h.category === 'open-question'), facts.path);
        const main = new WorkspaceIndex(config, { batch: true });
        for (const facts of result.facts) main.addFacts(facts);
        const answer = await ask<PassHits>({ jobs: result.jobs } satisfies PassJobs);
        assert.deepStrictEqual(answer.hits.map((h) => h.path), result.jobs.map((j) => j.path));
        for (const { path: file, hits } of answer.hits) {
          assert.deepStrictEqual(hits, runAmbiguityJob(result.jobs.find((j) => j.path === file)!, config), file);
          main.addAmbiguityHits(file, hits);
        }
        for (const file of files) assert.deepStrictEqual(main.factsOf(file)?.ambiguity, expected.get(file), file);
      } finally {
        await worker.terminate();
      }
    });

    it('a batch run in worker threads has the findings of one thread (the pass on the main thread), with the cache too', async () => {
      const plain = await loadWorkspace(dir, { workers: 0, batch: true });
      const threaded = await loadWorkspace(dir, { workers: 2, batch: true });
      assert.ok(computeDiagnostics(plain.index.model(), plain.config).filter((d) => d.code.startsWith('ambiguity.')).length > 60);
      assert.deepStrictEqual(summary(threaded), summary(plain));
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-jobs-cache-'));
      try {
        const cold = await loadWorkspace(dir, { workers: 2, batch: true, cacheDir });
        assert.deepStrictEqual(summary(cold), summary(plain));
        // The cache recorded the main thread's hits: a warm start reads them back.
        const warm = await loadWorkspace(dir, { workers: 2, batch: true, cacheDir });
        assert.deepStrictEqual([warm.stats.cached, warm.stats.read], [556, 0]);
        assert.deepStrictEqual(summary(warm), summary(plain));
      } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    });

    it("the pass's tail shared with idle workers gives the same hits, and a helper that exits gives its jobs back", async () => {
      const deferring = new WorkspaceIndex(config, { batch: true, deferAmbiguity: true });
      const jobs: AmbiguityJob[] = [];
      const expected = new WorkspaceIndex(config, { batch: true });
      const main = new WorkspaceIndex(config, { batch: true });
      for (const file of [...Object.keys(SPECS), ...Array.from({ length: 30 }, (_, s) => `specs/more/s${s}.md`)]) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        deferring.updateFile(file, text);
        expected.updateFile(file, text);
        main.addFacts(deferring.factsOf(file)!);
        const job = deferring.takeAmbiguityJob(file);
        if (job) jobs.push(job);
      }
      const script = path.join(__dirname, '..', '..', 'server', 'src', 'io', 'indexWorker.js');
      const init: WorkerInit = { root: dir, config, batch: true, contentHashes: false, prose: false, deferAmbiguity: true };
      const helpers = [0, 1].map(() => new Worker(script, { workerData: { clarifierIndexWorker: init } }));
      // One helper exits as soon as it is sent its first portion: that portion is run on this thread.
      const postMessage = helpers[1]!.postMessage.bind(helpers[1]!);
      helpers[1]!.postMessage = (message: unknown): void => {
        postMessage(message);
        void helpers[1]!.terminate();
      };
      try {
        const pass = new MainThreadPass(main, config, undefined, { ms: 0, cores: 3 });
        pass.push(jobs);
        await pass.finish(helpers, undefined);
        assert.ok(jobs.length > 30 && (expected.factsOf('specs/more/s29.md')?.ambiguity?.length ?? 0) > 0);
        for (const file of Object.keys(SPECS)) assert.deepStrictEqual(main.factsOf(file)?.ambiguity, expected.factsOf(file)?.ambiguity, file);
        for (let s = 0; s < 30; s++) assert.deepStrictEqual(main.factsOf(`specs/more/s${s}.md`)?.ambiguity, expected.factsOf(`specs/more/s${s}.md`)?.ambiguity);
      } finally {
        await Promise.all(helpers.map((h) => h.terminate()));
      }
    });
  });
});
