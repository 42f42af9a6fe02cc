// Step 1 of the learned lexicon: word-level labels from material the project may tune on (the dev documents and the
// even ids of every labeled set), the pass's own classes as seeds, and the part of speech of the embedding's 60,000
// most frequent words. Usage: node words.cjs REALDIR SHAREDDIR EMBDIR  (writes EMBDIR/labeled-words.json, seeds.json,
// vocab-tags.json). Held-out paragraphs are not read.
const fs = require('node:fs');
const path = require('node:path');
const { out, isTune, read, sets, paragraphText, devDoc, agreedGroups, fixtures } = require('./common.cjs');
const [realDir, sharedDir, embDir] = process.argv.slice(2);
const { parseLabels, locate } = out('test/helpers/clarityEval.js');
const classes = out('server/src/core/analysis/ambiguity/classes.js');
const lexicon = out('server/src/core/analysis/ambiguity/lexicon.js');
const wink = require(path.join(__dirname, '../../../node_modules/wink-nlp'));
const model = require(path.join(__dirname, '../../../node_modules/wink-eng-lite-web-model'));
const nlp = wink(model, ['pos']);

fs.writeFileSync(path.join(embDir, 'seeds.json'), JSON.stringify({
  classWords: [...classes.CLASS_WORDS.entries()],
  never: [...classes.NEVER_FLAGGED],
  lex: lexicon.LEXICON.map((e) => [e.term, e.category]),
  notAmb: lexicon.NOT_AMBIGUOUS,
}));

const words = new Map();
function add(w, tag, marked) {
  w = w.toLowerCase();
  if (!/^[a-z][a-z-]*[a-z]$/.test(w)) return;
  const o = words.get(w) ?? { pos: 0, neg: 0, tags: {} };
  if (marked) o.pos++;
  else o.neg++;
  o.tags[tag] = (o.tags[tag] ?? 0) + 1;
  words.set(w, o);
}
/** Adjectives and adverbs of a text: marked when inside an agreed mark; skipped when only one reviewer marked them. */
function addText(text, agreed, either) {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const tags = doc.tokens().out(nlp.its.pos);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const f = text.indexOf(values[i], at);
    if (f < 0) continue;
    at = f + values[i].length;
    if (tags[i] !== 'ADJ' && tags[i] !== 'ADV') continue;
    const over = (m) => m.start < at && f < m.end;
    const inAgreed = agreed.some(over);
    if (either.some(over) && !inAgreed) continue;
    add(values[i], tags[i], inAgreed);
  }
}
for (const f of fs.readdirSync(path.join(fixtures, 'dev')).filter((x) => x.endsWith('.md'))) {
  const d = devDoc(f);
  addText(d.text, d.marks, []);
}
for (const dir of sets()) {
  const l1 = parseLabels(read(path.join(dir, 'L1.jsonl')));
  const l2 = parseLabels(read(path.join(dir, 'L2.jsonl')));
  for (const e of JSON.parse(read(path.join(dir, 'sample.json')))) {
    if (!isTune(e.id)) continue;
    const t = paragraphText(e, realDir, sharedDir);
    const spans = (l) => (l.marks.get(e.id) ?? []).map((m) => locate(t, m)).filter(Boolean);
    const { all, agreed: groups } = agreedGroups(spans(l1), spans(l2));
    addText(t, groups.flat(), all);
  }
}
fs.writeFileSync(path.join(embDir, 'labeled-words.json'), JSON.stringify([...words]));
const vocab = JSON.parse(read(path.join(embDir, 'words.json'))).slice(0, 60000).filter((w) => /^[a-z][a-z-]*[a-z]$/.test(w));
const tags = {};
for (const w of vocab) tags[w] = nlp.readDoc(w).tokens().out(nlp.its.pos)[0];
fs.writeFileSync(path.join(embDir, 'vocab-tags.json'), JSON.stringify(tags));
console.log(`${words.size} labeled adjectives/adverbs (${[...words.values()].filter((o) => o.pos).length} marked at least once); vocabulary ${vocab.length}`);
