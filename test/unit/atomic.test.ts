// State files are written atomically (a temporary file in the same folder, then rename): the LLM cache and the index
// cache. A reader never sees half a file, a failed write leaves nothing behind, and a broken cache is a cold start.
// The LLM cache [^ll2c]; caches are untrusted input [^ca7s]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../server/src/cli/main';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { createDirectoryCache } from '../../server/src/io/llm';
import { loadWorkspace } from '../../server/src/io/workspace';
import { writeCacheable } from '../helpers/workspace';

const temp = (name: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `clarify-${name}-`));
const KEY = 'ab'.repeat(32);

function records(n: number, size: number): { phrase: string; category: string; question: string; suggestion: string }[] {
  return Array.from({ length: n }, (_, i) => ({ phrase: `phrase ${i}`, category: 'vague', question: `Q${n}-${i} ${'x'.repeat(size)}?`, suggestion: 's' }));
}

describe('atomic writes: the LLM cache', () => {
  it('concurrent writers of one entry: a reader only ever sees a whole file, and no temporary file stays', async () => {
    const dir = temp('atomic-llm');
    const cache = createDirectoryCache(dir);
    const file = path.join(dir, `${KEY}.json`);
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        try {
          const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; findings: unknown[] };
          assert.equal(parsed.version, 1);
          assert.ok(Array.isArray(parsed.findings) && parsed.findings.length > 0);
          reads++;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(Array.from({ length: 40 }, (_, i) => cache.set(KEY, records(1 + (i % 7), 2000 * (i % 5)))));
    reading = false;
    await reader;
    assert.ok(reads > 0, 'the reader saw the file');
    assert.deepEqual(fs.readdirSync(dir), [`${KEY}.json`]);
    assert.ok((await cache.get(KEY))!.length > 0);
  });

  it('a write that fails leaves the folder as it was: no temporary file, no partial entry', async () => {
    const dir = temp('atomic-llm-fail');
    const cache = createDirectoryCache(dir);
    fs.mkdirSync(path.join(dir, `${KEY}.json`)); // the target is a folder: rename fails
    await assert.rejects(cache.set(KEY, records(2, 10)));
    assert.deepEqual(fs.readdirSync(dir), [`${KEY}.json`]);
    assert.equal(await cache.get(KEY), undefined);
    // A corrupt entry is a miss, replaced by the next write.
    const other = 'cd'.repeat(32);
    fs.writeFileSync(path.join(dir, `${other}.json`), '{"version":1,"findings":[{"phr');
    assert.equal(await cache.get(other), undefined);
    await cache.set(other, records(1, 1));
    assert.equal((await cache.get(other))!.length, 1);
  });
});

describe('atomic writes: the index cache (clarify check --cache)', () => {
  async function check(dir: string, cacheDir: string): Promise<{ code: number; out: string }> {
    let out = '';
    const sink = new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) });
    const quiet = new Writable({ write: (_c, _e, cb) => cb() });
    const code = await main(['check', dir, '--format', 'json', '--cache', cacheDir], { stdout: sink, stderr: quiet });
    return { code, out };
  }

  it('writes one file per folder and configuration, no temporary file; a corrupt or unwritable cache is a cold start', async function () {
    const dir = temp('atomic-index');
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'specs/a.md'), '# A {#a authority=root}\n\nRule[^b1].\n');
    fs.writeFileSync(path.join(dir, 'src/a.ts'), '// [^a] [^b2]\n');
    // Files modified in the last two seconds are not cached; make them older.
    const old = new Date(Date.now() - 60_000);
    for (const f of ['specs/a.md', 'src/a.ts']) fs.utimesSync(path.join(dir, f), old, old);
    const cacheDir = path.join(temp('atomic-index-cache'), 'cache');
    const cold = await check(dir, cacheDir);
    assert.equal(cold.code, 1);
    const files = fs.readdirSync(cacheDir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^index-[0-9a-f]+\.json$/);
    const warm = await check(dir, cacheDir);
    assert.equal(warm.out, cold.out);
    fs.writeFileSync(path.join(cacheDir, files[0]!), fs.readFileSync(path.join(cacheDir, files[0]!), 'utf8').slice(0, 40));
    assert.equal((await check(dir, cacheDir)).out, cold.out, 'a truncated cache is a cold start');
    assert.deepEqual(fs.readdirSync(cacheDir), files, 'and is rewritten whole');
    const blocked = path.join(temp('atomic-index-blocked'), 'file');
    fs.writeFileSync(blocked, 'not a folder');
    assert.equal((await check(dir, blocked)).out, cold.out, 'an unwritable cache location changes nothing');
  });
});

describe('the index cache is untrusted input [^ca7s]', () => {
  const quiet = (): Writable => new Writable({ write: (_c, _e, cb) => cb() });
  async function check(dir: string, cacheDir: string): Promise<{ code: number; out: string }> {
    let out = '';
    const sink = new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) });
    const code = await main(['check', dir, '--format', 'json', '--cache', cacheDir], { stdout: sink, stderr: quiet() });
    return { code, out };
  }
  /** A workspace old enough to be cached, its cold output, and its cache file (filled by one run). */
  async function cachedWorkspace(): Promise<{ dir: string; cacheDir: string; cacheFile: string; cold: { code: number; out: string } }> {
    const dir = temp('untrusted-index');
    const files: Record<string, string> = {
      'specs/a.md': '# A {#a authority=root}\n\nRule[^b1] and a [link](#a).\n\n## B {#b}\n\nThe page must respond quickly.\n',
      'examples/b1.md': 'Examples for [^b1] in A:\n',
      'src/a.ts': '// [^a] [^zz9]\n',
      'src/b.ts': '// [^b]\n',
    };
    writeCacheable(dir, files);
    const cacheDir = temp('untrusted-index-cache');
    const cold = await check(dir, cacheDir);
    assert.equal(cold.code, 1, 'an unknown id: exit 1');
    const [name] = fs.readdirSync(cacheDir);
    return { dir, cacheDir, cacheFile: path.join(cacheDir, name!), cold };
  }
  type Entries = [string, { size: number; mtimeMs: number; facts: any }][]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const readEntries = (file: string): Entries => (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Entries }).entries;
  // Keeps the cache's own format number (bumped when the facts change shape).
  const writeEntries = (file: string, entries: Entries): void =>
    fs.writeFileSync(file, JSON.stringify({ format: (JSON.parse(fs.readFileSync(file, 'utf8')) as { format: number }).format, entries }));

  it('never writes through a link planted at the old temporary name or at the cache file itself', async () => {
    const { dir, cacheDir, cacheFile, cold } = await cachedWorkspace();
    const victim = path.join(temp('untrusted-victim'), 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    // The predictable name the cache used to write through (this process is the CLI: same pid).
    fs.symlinkSync(victim, `${cacheFile}.${process.pid}.tmp`);
    fs.writeFileSync(path.join(dir, 'src/b.ts'), '// [^b] [^a]\n'); // a change: the cache is written again
    fs.utimesSync(path.join(dir, 'src/b.ts'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const second = await check(dir, cacheDir);
    assert.equal(second.code, 1);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n', 'the planted link was not written through');
    assert.ok(readEntries(cacheFile).some(([rel, e]) => rel === 'src/b.ts' && e.facts.code.citations.length === 2), 'the cache was written');
    // The cache file itself a link to the victim: neither read through nor written through; replaced by a file.
    fs.rmSync(cacheFile);
    fs.symlinkSync(victim, cacheFile);
    fs.writeFileSync(path.join(dir, 'src/b.ts'), '// [^b]\n');
    fs.utimesSync(path.join(dir, 'src/b.ts'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    assert.equal((await check(dir, cacheDir)).out, cold.out);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
    assert.ok(fs.lstatSync(cacheFile).isFile(), 'the link was replaced by the cache file');
    assert.deepEqual(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')).sort(), [`${path.basename(cacheFile)}.${process.pid}.tmp`], 'only the planted link');
  });

  it('entries of valid JSON with wrong types, or naming another file, are dropped and their files parsed cold', async () => {
    const { dir, cacheDir, cacheFile, cold } = await cachedWorkspace();
    const good = readEntries(cacheFile);
    const tamper: [string, (entries: Entries) => void][] = [
      ['spec: {}', (es) => (es.find(([rel]) => rel === 'specs/a.md')![1].facts.spec = {})],
      ['citations: "x"', (es) => (es.find(([rel]) => rel === 'src/a.ts')![1].facts.code.citations = 'x')],
      ['facts: null', (es) => (es.find(([rel]) => rel === 'specs/a.md')![1].facts = null)],
      ['an entry that is null', (es) => (es.find(([rel]) => rel === 'src/a.ts')![1] = null as never)],
      ['an id that is a path', (es) => (es.find(([rel]) => rel === 'src/a.ts')![1].facts.code.citations[0].id = '../../etc/passwd')],
      ['a negative line', (es) => (es.find(([rel]) => rel === 'specs/a.md')![1].facts.spec.headingClauses[0].range.start.line = -1)],
      ['the facts of another file', (es) => (es.find(([rel]) => rel === 'src/a.ts')![1].facts = structuredClone(es.find(([rel]) => rel === 'src/b.ts')![1].facts))],
      ['facts.path of another file', (es) => (es.find(([rel]) => rel === 'src/a.ts')![1].facts.path = 'src/b.ts')],
      ['code facts for a spec', (es) => (es.find(([rel]) => rel === 'specs/a.md')![1].facts.code = { file: 'specs/a.md', citations: [] })],
    ];
    for (const [what, change] of tamper) {
      const entries = structuredClone(good);
      change(entries);
      writeEntries(cacheFile, entries);
      const run = await check(dir, cacheDir);
      assert.equal(run.code, cold.code, what);
      assert.equal(run.out, cold.out, what);
      assert.deepEqual(new Map(readEntries(cacheFile)), new Map(good), `${what}: the entry is rewritten from the cold parse`);
    }
  });

  it('through the server\'s loading path, a bad entry never wedges the next start', async () => {
    const { dir, cacheFile } = await cachedWorkspace();
    const cacheDir = path.dirname(cacheFile);
    const reference = await loadWorkspace(dir);
    const expected = computeDiagnostics(reference.index.model(), reference.config);
    // The server keeps its cache in its storage folder: fill it, then break one entry.
    await loadWorkspace(dir, { cacheDir });
    assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(cacheFile)], 'the CLI and the server share the cache of a folder');
    const file = cacheFile;
    const entries = readEntries(file);
    entries.find(([rel]) => rel === 'specs/a.md')![1].facts.spec = { file: 'specs/a.md', headingClauses: 'x' };
    writeEntries(file, entries);
    for (let start = 0; start < 2; start++) {
      const loaded = await loadWorkspace(dir, { cacheDir });
      assert.deepEqual(computeDiagnostics(loaded.index.model(), loaded.config), expected, `start ${start + 1}`);
      assert.equal(loaded.stats.read, start === 0 ? 1 : 0, 'the bad entry\'s file is read cold once, then cached again');
    }
  });
});
