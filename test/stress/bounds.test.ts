// Bounded memory on big input [^big_documents], measured as the peak RSS of the real CLI in a child process (a generous
// bound, never a time): an LLM endpoint answering 100 MB, a 2.3 MB spec with 200,000 footnote references in every output
// format, and a 4 MiB prose spec.
// See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeOpenAI } from '../helpers/fakeOpenAI';
import { runCli } from '../helpers/cli';
import { repoRoot } from '../helpers/workspace';

/** Runs the CLI with the peak-RSS preload (out/bench/maxrss.js); returns the run and its peak RSS in MB. */
async function cliWithPeak(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; peakMb: number }> {
  const rssFile = path.join(os.tmpdir(), `clarify-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const preload = path.join(repoRoot, 'out', 'bench', 'maxrss.js');
  const r = await runCli(args, {
    env: { ...process.env, ...env, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --require ${JSON.stringify(preload)}`.trim(), BENCH_MAXRSS_FILE: rssFile },
    timeoutMs: 280_000,
  });
  const peakMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
  fs.rmSync(rssFile, { force: true });
  return { ...r, peakMb };
}

describe('stress: bounded memory [^big_documents]', function () {
  this.timeout(300_000);

  for (const chunked of [false, true]) {
    it(`an LLM endpoint answering 100 MB${chunked ? ' (chunked, no length)' : ''}: one line, the lexicon results kept, peak RSS under 300 MB`, async () => {
      const fake = await startFakeOpenAI({ fallback: { kind: 'huge', bytes: 100 * 1024 * 1024, chunked } });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-llm-huge-'));
      fs.mkdirSync(path.join(dir, 'specs'));
      fs.writeFileSync(path.join(dir, 'specs/a.md'), '# A {#a authority=root}\n\nThe page must respond quickly.\n');
      try {
        const r = await cliWithPeak(['check', dir, '--llm', '--format', 'json'], { OPENAI_API_KEY: 'sk-huge-test-0123456789', OPENAI_BASE_URL: fake.baseURL });
        assert.equal(r.code, 0, r.stderr);
        const summary = r.stderr.split('\n').filter((l) => l && !/requests$/.test(l));
        assert.equal(summary.length, 1, r.stderr);
        assert.match(summary[0]!, /^clarify: LLM pass skipped: the answer from http:\/\/127\.0\.0\.1:\d+\/v1 could not be used \(the response was larger than 4 MB\)/);
        assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code), ['ambiguity.vague']);
        assert.ok(r.peakMb < 300, `peak RSS ${r.peakMb.toFixed(0)} MB`);
      } finally {
        await fake.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  /**
   * The CLI's fixed cost in one format: the peak of a one-clause spec with a requirement the wink-nlp pass tags, so the
   * run loads the same modules as a big one (Node, the bundle, the English model). Every big peak includes it.
   */
  const fixedCost = async (format: string): Promise<number> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-fixed-'));
    fs.writeFileSync(path.join(dir, 'spec.md'), '# A {#a authority=root}\n\nThe page must respond quickly.\n');
    try {
      const r = await cliWithPeak(['check', dir, '--format', format, '--output', path.join(dir, 'out')]);
      assert.equal(r.code, 0, r.stderr);
      return r.peakMb;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const figures = (peakMb: number, fixedMb: number, mb: number): string =>
    `peak RSS ${peakMb.toFixed(0)} MB for a ${mb.toFixed(1)} MB spec (${(peakMb / mb).toFixed(0)}x); ${(peakMb - fixedMb).toFixed(0)} MB above the CLI's fixed cost of ${fixedMb.toFixed(0)} MB (${((peakMb - fixedMb) / mb).toFixed(0)}x)`;

  // Measured (2-core machine, docs/reliability.md item 16): the 200,000-reference spec peaks at 82-85 MB in total with
  // text and SARIF output and 86-89 MB with JSON (36-39x; 91-94 MB before a batch run kept V8's young generation at its
  // first size while it read only big specs, alternating pairs at load 8-17); 91-94 MB in total in
  // each output format (40-41x; 108-111 MB before a batch parse made its references as typed columns and a batch model
  // its footnote clauses when read, alternating pairs at load 10-18); 108-111 MB before that (112-115 MB before a
  // batch model kept no per-file lists, a batch parse's references no
  // clause slot and defuse.ts its lines as typed columns, alternating pairs at load 23-30); 111-115 MB before that
  // (116-119 MB before the summary counted without copies of the clause list); 113-121 MB the round before (128-132 MB the build before it, in alternating pairs: before the model's lists and id
  // index were sized once, the batch parse placed its references in place and defuse and the scanner's prose stopped
  // holding one string per line; 126-133 MB before the CLI collected between reading the workspace and building the
  // model, 145-152 MB before the model held one object per reference and one id map for clauses and references,
  // 173-180 MB before the compact model records, 290-325 MB before the one-line footnote references, the CLI's small
  // young generation and the 8 KB JSON pieces, 2.6 GB before any bound); the run tags nothing, so it never loads the
  // English model the CLI's fixed cost (~95-110 MB) includes. The goal of 40x in total is met in every run measured;
  // the total is bounded at 40x (43x, 50x, 53x, 55x, 63x, 75x and 85x the rounds before), the highest level measured
  // (JSON) plus the run-to-run noise under load (+-5 MB). The 4 MiB prose spec: ~140-151 MB (~35x), 45-64 MB above the fixed cost (11-15x).
  const refsSpec = (): string => '# Spec {#root authority=root}\n\n' + Array.from({ length: 200_000 }, (_, i) => `x[^r${i}]\n`).join('');
  for (const format of ['json', 'text', 'sarif'] as const) {
    it(`a 2.3 MB spec with 200,000 footnote references: clarify check --format ${format} peaks under 40x the spec above the CLI's fixed cost and under 40x in total, every reference indexed`, async () => {
      const fixedMb = await fixedCost(format);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-refs-'));
      const text = refsSpec();
      fs.writeFileSync(path.join(dir, 'spec.md'), text);
      const out = path.join(dir, 'out');
      try {
        const r = await cliWithPeak(['check', dir, '--format', format, '--output', out]);
        assert.equal(r.code, 0, r.stderr);
        const mb = text.length / 1e6;
        // Checked: the peak above the fixed cost (the figure the input drives), and the total.
        assert.ok(r.peakMb - fixedMb < 40 * mb, figures(r.peakMb, fixedMb, mb));
        assert.ok(r.peakMb < 40 * mb, figures(r.peakMb, fixedMb, mb));
        const written = fs.readFileSync(out, 'utf8');
        if (format === 'json') assert.match(written.slice(-2000), /"footnoteClauses": 200000,/);
        else assert.ok(written.length > 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('a 4 MiB prose spec under one heading: clarify check --format json peaks under 40x the spec above the CLI\'s fixed cost (and under 70x in total)', async () => {
    const fixedMb = await fixedCost('json');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-prose-'));
    const words = ['the', 'service', 'must', 'return', 'an', 'error', 'when', 'a', 'request', 'is', 'malformed', 'and', 'log', 'it', 'within', 'one', 'second', 'for', 'each', 'user'];
    const lines = ['# Big spec {#big_root authority=root}', ''];
    for (let i = 0, size = 0; size < 4 * 1024 * 1024 - 4096; i++) {
      const line = `${Array.from({ length: 12 + (i % 20) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ')}[^b${i.toString(36)}].`;
      lines.push(line.charAt(0).toUpperCase() + line.slice(1), '');
      size += line.length + 2;
    }
    const text = lines.join('\n');
    fs.writeFileSync(path.join(dir, 'spec.md'), text);
    try {
      const r = await cliWithPeak(['check', dir, '--format', 'json', '--output', path.join(dir, 'out.json')]);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const mb = text.length / 1e6;
      // Checked: both figures, the peak above the fixed cost and the total.
      assert.ok(r.peakMb - fixedMb < 40 * mb, figures(r.peakMb, fixedMb, mb));
      assert.ok(r.peakMb < 70 * mb, figures(r.peakMb, fixedMb, mb));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
