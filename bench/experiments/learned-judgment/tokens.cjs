// Step 1 of the learned contextual judgment: one row per token of every sampled paragraph (both halves, each marked
// with its half) and of the dev documents: the token, its tag (wink-nlp), its sentence, whether it lies in an agreed
// mark (the group's index), in any reviewer's mark, in a finding of the pass, and whether it is a class word.
// Usage: node tokens.cjs REALDIR SHAREDDIR OUTDIR  (writes OUTDIR/tokens.json and OUTDIR/paras.json)
const fs = require('node:fs');
const path = require('node:path');
const { out, isTune, read, scoredSets, paragraphText, devDoc, agreedGroups, fixtures } = require('./common.cjs');
const [realDir, sharedDir, outDir] = process.argv.slice(2);
const { parseLabels, locate } = out('test/helpers/clarityEval.js');
const classes = out('server/src/core/analysis/ambiguity/classes.js');
const wink = require(path.join(__dirname, '../../../node_modules/wink-nlp'));
const model = require(path.join(__dirname, '../../../node_modules/wink-eng-lite-web-model'));
const nlp = wink(model, ['sbd', 'pos']);
const rows = [];
const paras = [];
function addParagraph(pid, half, kind, file, text, groups, either, findings) {
  const doc = nlp.readDoc(text);
  let at = 0;
  const tokens = [];
  doc.sentences().each((s, si) => s.tokens().each((t) => {
    const v = t.out();
    const f = text.indexOf(v, at);
    if (f < 0) return;
    at = f + v.length;
    tokens.push({ v, pos: t.out(nlp.its.pos), s: f, e: at, si });
  }));
  tokens.forEach((t, i) => {
    const over = (m) => m.start < t.e && t.s < m.end;
    rows.push([pid, half, kind, file, i, t.v, t.pos, t.si, t.s, t.e, groups.findIndex((g) => g.some(over)), either.some(over) ? 1 : 0, findings.some(over) ? 1 : 0, classes.CLASS_WORDS.has(t.v.toLowerCase()) ? 1 : 0]);
  });
  paras.push({ pid, half, kind, file, text, groups: groups.length });
}
for (const { dir, sample, result } of scoredSets(realDir, sharedDir)) {
  const l1 = parseLabels(read(path.join(dir, 'L1.jsonl')));
  const l2 = parseLabels(read(path.join(dir, 'L2.jsonl')));
  const details = new Map(result.details.map((d) => [d.id, d]));
  for (const e of sample) {
    if (!details.has(e.id)) continue;
    const t = paragraphText(e, realDir, sharedDir);
    const spans = (l) => (l.marks.get(e.id) ?? []).map((m) => locate(t, m)).filter(Boolean);
    const { all, agreed: groups } = agreedGroups(spans(l1), spans(l2));
    // The pass's findings, placed at their phrase's first occurrence in the paragraph (an approximation).
    const found = details.get(e.id).findings.map((f) => { const k = t.indexOf(f.phrase); return k < 0 ? undefined : { start: k, end: k + f.phrase.length }; }).filter(Boolean);
    addParagraph(e.id, isTune(e.id) ? 'tune' : 'held', e.kind, e.path, t, groups, all, found);
  }
}
for (const f of fs.readdirSync(path.join(fixtures, 'dev')).filter((x) => x.endsWith('.md'))) {
  const d = devDoc(f);
  addParagraph(`dev:${f}`, 'dev', d.kind, d.path, d.text, d.marks.map((m) => [m]), d.marks, []);
}
fs.writeFileSync(path.join(outDir, 'tokens.json'), JSON.stringify(rows));
fs.writeFileSync(path.join(outDir, 'paras.json'), JSON.stringify(paras));
console.log(`${rows.length} tokens, ${paras.length} paragraphs`);
