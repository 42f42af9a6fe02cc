// The caches are untrusted input [^ca7s]: the real CLI (`node bin/clarify.js`, a child process with a deadline) with an
// index cache (`--cache`) and an LLM cache (`--llm-cache`) whose entries were replaced by a FIFO or a link to
// /dev/zero. Reading one must never block: the entry is a miss, the run finishes with the results of a run without
// it, and the next write replaces it. The language server, restarted on a storage folder whose index cache holds bad
// entries, publishes what it publishes without them, start after start. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { LspClient, uri } from './client';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fakeOpenAI';

/* eslint-disable @typescript-eslint/no-explicit-any */

const KEY = 'sk-cache-test-key-0123456789';
const SPEC = '# Sign-in {#signin authority=root}\n\nThe page must respond quickly. Sessions expire after a while.\n\n## Audit {#audit}\n\nLog every sign-in.\n';

function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file]);
    return true;
  } catch {
    return false;
  }
}

/** The hostile replacements of a cache entry: a FIFO (where mkfifo works) and a link to /dev/zero (where it exists). */
function hostileEntries(): [string, (file: string) => boolean][] {
  return [
    ['a FIFO', (file) => (fs.rmSync(file, { force: true }), mkfifo(file))],
    ['a link to /dev/zero', (file) => (fs.rmSync(file, { force: true }), fs.existsSync('/dev/zero') && (fs.symlinkSync('/dev/zero', file), true))],
  ];
}

function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-caches-')));
  fs.mkdirSync(path.join(dir, 'specs'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'specs/signin.md'), SPEC);
  fs.writeFileSync(path.join(dir, 'src/a.ts'), '// [^signin] [^gone1]\n');
  // Old enough for the index cache (files modified in the last two seconds are not cached).
  const old = new Date(Date.now() - 60_000);
  for (const f of ['specs/signin.md', 'src/a.ts']) fs.utimesSync(path.join(dir, f), old, old);
  return dir;
}

describe('hostile cache entries: never a hang, never a wedged server (real CLI and server)', function () {
  this.timeout(60_000);

  it('an index cache (--cache) that is a FIFO or a link to /dev/zero is a cold start, then rewritten', async function () {
    const dir = workspace();
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-caches-index-'));
    const cold = await runCli(['check', dir, '--format', 'json', '--cache', cacheDir], { timeoutMs: 20_000 });
    assert.equal(cold.code, 1, cold.stderr);
    const [name] = fs.readdirSync(cacheDir);
    const cacheFile = path.join(cacheDir, name!);
    let tried = 0;
    for (const [what, plant] of hostileEntries()) {
      if (!plant(cacheFile)) continue;
      tried++;
      const r = await runCli(['check', dir, '--format', 'json', '--cache', cacheDir], { timeoutMs: 20_000 });
      assert.equal(r.code, cold.code, what);
      assert.equal(r.stdout, cold.stdout, what);
      assert.equal(r.stderr, '', what);
      assert.ok(fs.lstatSync(cacheFile).isFile(), `${what}: replaced by the cache file`);
      assert.ok(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries.length === 2, what);
    }
    if (tried === 0) this.skip();
  });

  describe('an LLM cache (--llm-cache) entry', () => {
    let fake: FakeOpenAI;
    before(async () => {
      fake = await startFakeOpenAI({
        fallback: { kind: 'answer', findings: [{ clause: 'signin', phrase: 'after a while', category: 'time', question: 'After how many minutes?', suggestion: 'after <N> minutes' }] },
      });
    });
    after(async () => fake.close());

    it('that is a FIFO or a link to /dev/zero is a miss: the clause is sent again, the entry rewritten', async function () {
      const dir = workspace();
      const llmCache = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-caches-llm-'));
      const env = { ...process.env, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL };
      const run = () => runCli(['check', dir, '--format', 'json', '--llm', '--llm-cache', llmCache], { env, timeoutMs: 20_000 });
      const first = await run();
      assert.equal(first.code, 1, first.stderr);
      const llmOf = (stdout: string): string[] => JSON.parse(stdout).diagnostics.filter((d: any) => d.code === 'ambiguity.llm').map((d: any) => `${d.line}:${d.column} ${d.message}`);
      assert.deepEqual(llmOf(first.stdout), ['3:48 “after a while”: After how many minutes?']);
      const entries = fs.readdirSync(llmCache);
      assert.equal(entries.length, 2, 'one entry per clause');
      let tried = 0;
      for (const [what, plant] of hostileEntries()) {
        if (!entries.every((e) => plant(path.join(llmCache, e)))) continue;
        tried++;
        const sent = fake.requests.length;
        const r = await run();
        assert.equal(r.code, first.code, what);
        assert.equal(r.stdout, first.stdout, what);
        assert.match(r.stderr, /2 clauses, 1 request, 0 from cache/, what);
        assert.equal(fake.requests.length, sent + 1, `${what}: the clauses were sent again`);
        for (const e of entries) assert.ok(fs.lstatSync(path.join(llmCache, e)).isFile(), `${what}: ${e} rewritten as a file`);
        const again = await run();
        assert.match(again.stderr, /2 clauses, 0 requests, 2 from cache/, `${what}: the rewritten entries are used`);
      }
      if (tried === 0) this.skip();
    });
  });

  it('the language server restarted on an index cache with bad entries publishes the same diagnostics, start after start', async () => {
    const dir = workspace();
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-caches-storage-'));
    const uris = ['specs/signin.md', 'src/a.ts'].map((f) => uri(path.join(dir, f)));
    const start = async (): Promise<any[][]> => {
      const client = new LspClient();
      try {
        await client.initialize(dir, {}, { storagePath: storage });
        const published = [];
        for (const u of uris) published.push(await client.diagnosticsFor(u));
        assert.doesNotMatch(client.stderr, /TypeError|\n\s+at /, 'no failure in the log');
        return published;
      } finally {
        await client.shutdown();
      }
    };
    const first = await start();
    assert.deepEqual(first.map((d) => d.map((x: any) => x.code)), [['ambiguity.vague', 'clause.uncited'], ['citation.unknown-id']]);
    const folder = path.join(storage, 'index-cache');
    const [name] = fs.readdirSync(folder);
    const cacheFile = path.join(folder, name!);
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    for (const [rel, entry] of data.entries) {
      if (rel === 'specs/signin.md') entry.facts.spec = {};
      if (rel === 'src/a.ts') entry.facts.code.citations = 'x';
    }
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    assert.deepEqual(await start(), first, 'the start after the cache went bad');
    assert.deepEqual(await start(), first, 'and the next one');
    const entries = new Map<string, any>(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries);
    assert.ok(Array.isArray(entries.get('specs/signin.md').facts.spec.headingClauses) && Array.isArray(entries.get('src/a.ts').facts.code.citations), 'the entries were rewritten');
  });
});
