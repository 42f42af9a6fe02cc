// Step 3 of the learned lexicon: how many agreed marks the pass misses hold a word the learned lexicon scores at or
// above THRESHOLD, per half. Held-out marks are counted, never printed. Usage: node cover.cjs REALDIR SHAREDDIR EMBDIR [THRESHOLD]
const path = require('node:path');
const { isTune, read, scoredSets } = require('./common.cjs');
const [realDir, sharedDir, embDir, th = '0.8'] = process.argv.slice(2);
const scores = JSON.parse(read(path.join(embDir, 'scores.json')));
const counts = { tune: { missed: 0, covered: 0 }, heldOut: { missed: 0, covered: 0 } };
for (const { result } of scoredSets(realDir, sharedDir)) {
  for (const p of result.details) {
    const c = counts[isTune(p.id) ? 'tune' : 'heldOut'];
    for (const a of p.agreed) {
      if (a.found) continue;
      c.missed++;
      if ((a.text.toLowerCase().match(/[a-z][a-z-]*/g) ?? []).some((w) => (scores[w] ?? 0) >= Number(th))) c.covered++;
    }
  }
}
console.log(`threshold ${th}: ${JSON.stringify(counts)}`);
