// The English model as bundled (dist/english.js, built by esbuild.mjs's english-json plugin: the model's JSON kept as
// text and parsed once per read, base64 decoded by Buffer) against the package as published: the same model, a fresh
// object per read, the same tags.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/workspace';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

type Loader = () => any;
type Model = Record<'core' | 'sbd' | 'ner' | 'negation' | 'sa' | 'pos' | 'metaCER', Loader>;

describe('the bundled English model (dist/english.js)', function () {
  const bundlePath = path.join(repoRoot, 'dist', 'english.js');
  const bundled = require(bundlePath) as Model;
  const published = require('wink-eng-lite-web-model') as Model;

  it('is built from the JSON text, not an object literal copied through JSON.stringify', function () {
    const text = fs.readFileSync(bundlePath, 'utf8');
    assert.ok(!text.includes('JSON.stringify(originalModel)'), 'the core reader still copies the model');
    assert.ok(text.includes('JSON.parse(originalModel)'), 'the core reader does not parse the JSON text');
  });

  it('reads the same core model as the package, a fresh object each time', function () {
    const mine = bundled.core();
    assert.deepStrictEqual(mine, published.core());
    assert.ok(mine.lexicon instanceof Uint32Array && mine.lexicon.length > 100_000, 'lexicon');
    const again = bundled.core();
    assert.notStrictEqual(again, mine);
    assert.notStrictEqual(again.lexicon, mine.lexicon);
    // Writing into one read leaves the next one as it was (wink's cache appends the words it has not seen to the lists).
    mine.features.lexeme.list.push('zzz-added');
    assert.deepStrictEqual(bundled.core().features.lexeme.list, published.core().features.lexeme.list);
  });

  it('loads the same machines for every other annotation', function () {
    for (const name of ['sbd', 'ner', 'negation', 'sa', 'pos'] as const) {
      assert.deepStrictEqual(bundled[name]().machines, published[name]().machines, name);
    }
    // The package's metaCER loader stringifies its machines again on every call (each wink instance calls it once):
    // compared with its JSON file instead.
    const file = require.resolve('wink-eng-lite-web-model/dist/languages/cur/models/eng-cer-meta-model.json');
    assert.deepStrictEqual(JSON.parse(bundled.metaCER().machines as string), JSON.parse(fs.readFileSync(file, 'utf8')), 'metaCER');
  });

  it('tags as the package does', function () {
    const wink = require('wink-nlp');
    const a = wink(bundled, ['pos']);
    const b = wink(published, ['pos']);
    const sentences = [
      'The system shall respond quickly to a user request.',
      'Secure defaults are applied unless the administrator opts out; résumé naïve café 10,000 users.',
      'WHEN the upload is large THEN the service SHOULD show a helpful, clear error.',
    ];
    for (const s of sentences) {
      const da = a.readDoc(s);
      const db = b.readDoc(s);
      assert.deepStrictEqual(da.tokens().out(a.its.pos), db.tokens().out(b.its.pos), s);
      assert.deepStrictEqual(da.tokens().out(a.its.lemma), db.tokens().out(b.its.lemma), s);
    }
  });
});
