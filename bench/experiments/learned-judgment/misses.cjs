// Where the pass's misses are, counted per half (held-out marks are counted, never printed): whether a missed agreed
// mark holds a word of the pass's classes or lexicon, whether the pass is silent on its whole paragraph, and whether it
// shares a content word with any tune or dev mark (the most a word list fitted on the tune material could reach).
// Usage: node misses.cjs REALDIR SHAREDDIR
const fs = require('node:fs');
const path = require('node:path');
const { out, isTune, scoredSets, devDoc, fixtures } = require('./common.cjs');
const [realDir, sharedDir] = process.argv.slice(2);
const classes = out('server/src/core/analysis/ambiguity/classes.js');
const lexicon = out('server/src/core/analysis/ambiguity/lexicon.js');
const terms = lexicon.LEXICON.map((e) => e.term.toLowerCase());
const STOP = new Set('a an the and or of to in for with on at by be is are as that this it its from all any each more most less than very not no so such can may must should will shall'.split(' '));
const wordsOf = (t) => (t.toLowerCase().match(/[a-z][a-z-]*/g) ?? []).filter((w) => !STOP.has(w));
const known = (t) => wordsOf(t).some((w) => classes.CLASS_WORDS.has(w) || classes.DESIGN_WORDS.has(w)) || terms.some((x) => t.toLowerCase().includes(x));
const scored = scoredSets(realDir, sharedDir);
const tuneWords = new Set();
for (const f of fs.readdirSync(path.join(fixtures, 'dev')).filter((x) => x.endsWith('.md'))) {
  const d = devDoc(f);
  for (const m of d.marks) wordsOf(d.text.slice(m.start, m.end)).forEach((w) => tuneWords.add(w));
}
for (const { result } of scored) for (const p of result.details) if (isTune(p.id)) for (const a of p.agreed) wordsOf(a.text).forEach((w) => tuneWords.add(w));
const c = () => ({ agreed: 0, found: 0, missed: 0, missedKnownWord: 0, missedInSilentParagraph: 0, missedSharingATuneWord: 0 });
const counts = { tune: c(), heldOut: c() };
for (const { result } of scored) {
  for (const p of result.details) {
    const k = counts[isTune(p.id) ? 'tune' : 'heldOut'];
    for (const a of p.agreed) {
      k.agreed++;
      if (a.found) { k.found++; continue; }
      k.missed++;
      if (known(a.text)) k.missedKnownWord++;
      if (!p.findings.length) k.missedInSilentParagraph++;
      if (wordsOf(a.text).some((w) => tuneWords.has(w))) k.missedSharingATuneWord++;
    }
  }
}
console.log(JSON.stringify(counts, null, 1));
