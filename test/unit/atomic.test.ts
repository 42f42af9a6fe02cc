// State files are written atomically (a temporary file in the same folder, then rename): the LLM cache and the index
// cache. A reader never sees half a file, a failed write leaves nothing behind, and a broken cache is a cold start.
// The LLM cache [^ll2c]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../server/src/cli/main';
import { createDirectoryCache } from '../../server/src/node/llm';

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
