// The English model as bundled (dist/english.js, built by esbuild.mjs's english-data plugin: the model's data in
// dist/english-data.json beside it, the core model's JSON text parsed once per read, base64 decoded by Buffer) against
// the package as published: the same model, a fresh object per read, the same tags and lemmas.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { modelSpecDir, repoRoot } from '../helpers/workspace';

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

  it('keeps the model data out of the bundle, in an ASCII JSON file beside it', function () {
    // In the bundle, V8 would scan the data when compiling it and again when its module first runs.
    const text = fs.readFileSync(bundlePath, 'utf8');
    for (const marker of ['"lexicon":', '"machines":', 'exceptions.zigzagging']) assert.ok(!text.includes(marker), `${marker} in dist/english.js`);
    const data = fs.readFileSync(path.join(repoRoot, 'dist', 'english-data.json'));
    assert.ok(data.every((b) => b < 0x80), 'dist/english-data.json is not ASCII: reading it as Latin-1 would change it');
    assert.ok(Array.isArray(JSON.parse(data.toString('latin1'))), 'dist/english-data.json is not a JSON array');
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

  it('lemmatizes every word of the WordNet exception lists as the package does', function () {
    // The lists are data in dist/english-data.json (the package builds them in code): each irregular form, after a
    // determiner (a noun), after "to" (a verb) and after "very" (an adjective).
    const wink = require('wink-nlp');
    const a = wink(bundled, ['pos']);
    const b = wink(published, ['pos']);
    const dist = path.dirname(require.resolve('wink-eng-lite-web-model/package.json'));
    for (const [pos, lead] of [['noun', 'the'], ['verb', 'to'], ['adjective', 'very']] as const) {
      const words = Object.keys(require(path.join(dist, 'dist', `wn-${pos}-exceptions.js`)));
      assert.ok(words.length > 1000, pos);
      const text = words.map((w) => `${lead} ${w}.`).join(' ');
      const lemmas = a.readDoc(text).tokens().out(a.its.lemma);
      assert.deepStrictEqual(lemmas, b.readDoc(text).tokens().out(b.its.lemma), pos);
      assert.ok(lemmas.includes(pos === 'noun' ? 'mouse' : pos === 'verb' ? 'zigzag' : 'good'), `${pos}: no exception applied`);
    }
  });

  it('answers each word of the lexeme hash as the package does, without building the hash on each load', function () {
    // The reader built an object of 87,593 keys per load (~45 ms); the bundle's hash finds a word in the sorted lexemes.
    const text = fs.readFileSync(bundlePath, 'utf8');
    assert.ok(!text.includes('featuresData.lexeme.hash[featuresData.lexeme.list[k]]=k'), 'the reader still builds the lexeme hash');
    const mine = bundled.core().features.lexeme;
    const theirs = published.core().features.lexeme;
    const list = theirs.list as string[];
    for (let k = 0; k < list.length; k++) assert.equal(mine.hash[list[k]!], theirs.hash[list[k]!], list[k]);
    const absent = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'zzzq-absent', 'Zebra\u0000', '\ud800'];
    for (const w of absent) assert.equal(mine.hash[w], theirs.hash[w], JSON.stringify(w));
    // wink adds the words it has not seen (`hash[word] = index`), and reads them back.
    for (const h of [mine.hash, theirs.hash]) {
      h['zzzq-absent'] = list.length;
      h['the'] = 7;
    }
    for (const w of ['zzzq-absent', 'the', 'of']) {
      assert.equal(mine.hash[w], theirs.hash[w], w);
      assert.equal(w in mine.hash, w in theirs.hash, w);
    }
    assert.equal('zzzq-missing' in mine.hash, false);
    const symbol = Symbol('key');
    for (const h of [mine.hash, theirs.hash]) h[symbol] = 1;
    assert.equal(mine.hash[symbol], 1);
    assert.equal(Reflect.ownKeys(mine.hash).at(-1), symbol);
    assert.deepStrictEqual(new Set(Object.keys(mine.hash)), new Set(Object.keys(theirs.hash)));
  });

  // Last: a wink instance rewrites the metaCER machines the test above compares.
  it('tags the Model Spec as the package does', function () {
    this.timeout(120000);
    const wink = require('wink-nlp');
    const a = wink(bundled, ['pos']);
    const b = wink(published, ['pos']);
    const text = fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8');
    const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
    assert.ok(paragraphs.length > 500, `${paragraphs.length} paragraphs`);
    for (const p of paragraphs) {
      const da = a.readDoc(p);
      const db = b.readDoc(p);
      assert.deepStrictEqual(da.tokens().out(a.its.pos), db.tokens().out(b.its.pos), p);
      assert.deepStrictEqual(da.tokens().out(a.its.lemma), db.tokens().out(b.its.lemma), p);
    }
  });
});
