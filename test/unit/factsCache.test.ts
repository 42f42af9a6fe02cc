// The index cache's entries are checked in place (factsFromCache) instead of copied by the zod schema
// (factsFromCacheBySchema): whatever the fast check accepts, the schema accepts with the same value, and the two agree
// on every entry but one with a key the schema does not name (the fast check refuses it, the schema strips it) [^ca7s].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { factsFromCache, factsFromCacheBySchema } from '../../server/src/core/workspace/factsSchema';
import type { FileFacts } from '../../server/src/core/workspace/workspaceIndex';
import { asciiJson } from '../../server/src/io/indexCache';
import { loadWorkspace } from '../../server/src/io/workspace';
import { prng } from '../helpers/prng';
import { writeCacheable } from '../helpers/workspace';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** What the cache writes for a file's facts (IndexCache.save: no chunk facts, sets as arrays). */
const onDisk = (facts: FileFacts): string => JSON.stringify(facts, (key, value: unknown) => (key === 'chunks' ? undefined : value instanceof Set ? [...value] : value));

type Role = Parameters<typeof factsFromCache>[1];

async function cachedFacts(): Promise<{ rel: string; role: Role; json: string }[]> {
  const out: { rel: string; role: Role; json: string }[] = [];
  // mkdocs-site: every kind of a page's explicit targets (attr_list ids, mkdocstrings objects, snippets) [^ln9n].
  for (const folder of ['shop', 'model_spec', 'typecheck/ietf', 'typecheck/spec-kit', 'typecheck/departments', 'mkdocs-site']) {
    const loaded = await loadWorkspace(path.join(FIXTURES, folder), { workers: 0 });
    for (const rel of loaded.index.paths()) {
      const facts = loaded.index.factsOf(rel);
      if (facts) out.push({ rel, role: loaded.index.roleOf(rel) as Role, json: onDisk(facts) });
    }
  }
  return out;
}

/** Every place in a value: [parent, key] pairs. */
function places(value: unknown, into: [Record<string, unknown> | unknown[], string | number][] = []): [Record<string, unknown> | unknown[], string | number][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      into.push([value, i]);
      places(v, into);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      into.push([value as Record<string, unknown>, k]);
      places(v, into);
    }
  }
  return into;
}

const REPLACEMENTS: unknown[] = [null, -1, 1.5, 2 ** 60, 0, 7, '', 'x', '../../etc/passwd', 'warning', 'heading', true, false, [], {}, ['x'], { line: 0, character: 0 }];

describe('the index cache\'s in-place check is the zod schema [^ca7s]', () => {
  let entries: { rel: string; role: Role; json: string }[];
  before(async function () {
    this.timeout(120_000);
    entries = await cachedFacts();
  });

  it('accepts every entry the cache writes, with the value the schema gives', () => {
    assert.ok(entries.length > 20, `${entries.length} entries`);
    const roles = new Set(entries.map((e) => e.role));
    for (const role of ['spec', 'code', 'example']) assert.ok(roles.has(role as Role), role);
    for (const { rel, role, json } of entries) {
      const fast = factsFromCache(rel, role, JSON.parse(json));
      assert.ok(fast, `${rel} accepted`);
      assert.deepEqual(fast, factsFromCacheBySchema(rel, role, JSON.parse(json)), rel);
      if (fast.spec) assert.ok(fast.spec.anchors instanceof Set, 'anchors are a set in memory');
    }
  });

  it('agrees with the schema on entries changed at random places (a key the schema does not name: refused, not stripped)', () => {
    const random = prng(14);
    let refused = 0;
    let accepted = 0;
    for (let round = 0; round < 6000; round++) {
      const { rel, role, json } = entries[Math.floor(random() * entries.length)]!;
      const value = JSON.parse(json) as unknown;
      const all = places(value);
      const [parent, key] = all[Math.floor(random() * all.length)]!;
      const how = Math.floor(random() * 4);
      let unknownKey = false;
      if (how === 0 && !Array.isArray(parent)) delete parent[key as string];
      else if (how === 1 && !Array.isArray(parent)) {
        // A key beside the chosen one: sometimes one the object's kind has elsewhere, mostly an unknown one.
        const extra = random() < 0.5 ? 'bogus' : (['id', 'authority', 'parent', 'level', 'target', 'line', '__proto__'][Math.floor(random() * 7)] as string);
        unknownKey = !Object.hasOwn(parent, extra);
        // Through JSON, as a planted file would hold it (`__proto__` an own key).
        Object.assign(parent, JSON.parse(`{${JSON.stringify(extra)}: ${JSON.stringify(REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)])}}`));
      } else (parent as Record<string | number, unknown>)[key] = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
      const text = JSON.stringify(value);
      const fast = factsFromCache(rel, role, JSON.parse(text));
      const reference = factsFromCacheBySchema(rel, role, JSON.parse(text));
      if (fast) {
        accepted++;
        assert.ok(reference, `round ${round}: accepted by the fast check, refused by the schema: ${text.slice(0, 300)}`);
        assert.deepEqual(fast, reference, `round ${round}`);
      } else {
        refused++;
        // Refusing what the schema accepts is only for a key the schema does not name (a stripped key there).
        if (reference) assert.ok(unknownKey, `round ${round}: refused by the fast check only: ${text.slice(0, 300)}`);
      }
    }
    assert.ok(refused > 1000 && accepted > 100, `refused ${refused}, accepted ${accepted}`);
  });
});

describe('the index cache file is ASCII (every other character a \\u escape): read back the same', () => {
  it('a spec and code with accents, CJK, emoji and a lone surrogate: warm facts equal cold ones, from the cache', async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-ascii-cache-'));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-ascii-cache-dir-'));
    const files: Record<string, string> = {
      'specs/é.md': '# Règles — «sûres» {#r1}\n\nLe service doit répondre vite[^f1] 你好 😀 \ud800.\n\n## Zwei {#r2}\n\nDas System muss „schnell“ sein.\n',
      'src/ñ.ts': '// Implements [^r1] — “quoted” 😀\n',
      'examples/f1.md': 'Exemple pour [^f1] : ça marche.\n',
    };
    writeCacheable(dir, files);
    try {
      const cold = await loadWorkspace(dir, { workers: 0, cacheDir });
      const [name] = fs.readdirSync(cacheDir);
      const bytes = fs.readFileSync(path.join(cacheDir, name!));
      assert.ok(bytes.every((b) => b < 0x80), 'only ASCII in the file');
      assert.ok(bytes.includes('\\u00e9'), 'é escaped');
      // Written entry by entry, the text of one JSON.stringify of it all (escaped).
      assert.equal(bytes.toString('utf8'), asciiJson(JSON.stringify(JSON.parse(bytes.toString('utf8')))));
      const warm = await loadWorkspace(dir, { workers: 0, cacheDir });
      assert.equal(warm.stats.cached, 3, 'every file from the cache');
      for (const rel of Object.keys(files)) assert.deepEqual(warm.index.factsOf(rel), cold.index.factsOf(rel), rel);
      assert.deepEqual(computeDiagnostics(warm.index.model(), warm.config), computeDiagnostics(cold.index.model(), cold.config));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('asciiJson is the same JSON value', () => {
    for (const value of ['', 'abc', 'é', '—«»', '你好', '😀', '\ud800', 'a\u0080b\uffffc', { 'ké': ['ü', 1, null] }]) {
      const json = asciiJson(JSON.stringify(value));
      assert.ok(!/[^\x20-\x7e]/.test(json), json);
      assert.deepEqual(JSON.parse(json), value);
    }
  });
});
