// Shared by the learned-judgment experiment's scripts: the repository's build (out/), the labeled sets and their halves.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const out = (p) => require(path.join(root, 'out', p));
const fixtures = path.join(root, 'test/fixtures/clarity');
/** Even ids may be looked at while tuning; odd ids are held out (test/fixtures/clarity/README.md). */
const isTune = (id) => Number(id.replace(/\D/g, '')) % 2 === 0;
const sets = () => fs.readdirSync(fixtures).filter((d) => /^real\d*$/.test(d)).map((d) => path.join(fixtures, d));
const read = (p) => fs.readFileSync(p, 'utf8');

/** Every labeled set scored by the eval's own code: its sample, the reviewers' labels and evalReal's details. */
function scoredSets(realDir, sharedDir) {
  const { evalReal } = out('test/helpers/clarityEval.js');
  return sets().map((dir) => {
    const sample = JSON.parse(read(path.join(dir, 'sample.json')));
    const l1 = read(path.join(dir, 'L1.jsonl'));
    const l2 = read(path.join(dir, 'L2.jsonl'));
    const result = evalReal({ sample, realDir, sharedDir, l1, l2, log: () => undefined });
    return { dir, sample, l1, l2, result };
  });
}

/** The text of a sampled paragraph (lines joined by \n, as the eval scores it). */
function paragraphText(e, realDir, sharedDir) {
  const base = e.repo === 'shared' ? sharedDir : path.join(realDir, e.repo);
  return read(path.join(base, e.path)).split(/\r?\n/).slice(e.startLine - 1, e.endLine).join('\n');
}

/** A dev document's text with its [[marks]] removed, and the marks' spans. */
function devDoc(file) {
  const raw0 = read(path.join(fixtures, 'dev', file));
  const header = /^<!-- clarity-eval path=(\S+) source=(\S+) -->\r?\n/.exec(raw0);
  const raw = raw0.slice(header[0].length);
  let text = '';
  const marks = [];
  let i = 0;
  for (;;) {
    const open = raw.indexOf('[[', i);
    if (open < 0) break;
    const close = raw.indexOf(']]', open);
    text += raw.slice(i, open);
    const phrase = raw.slice(open + 2, close);
    marks.push({ start: text.length, end: text.length + phrase.length });
    text += phrase;
    i = close + 2;
  }
  return { path: header[1], kind: header[2], text: text + raw.slice(i), marks };
}

/** The agreed marks of a paragraph, as the eval groups them (test/helpers/clarityEval.ts `agreedGroups`). */
const agreedGroups = (a, b) => out('test/helpers/clarityEval.js').agreedGroups(a, b);

module.exports = { root, out, fixtures, isTune, sets, read, scoredSets, paragraphText, devDoc, agreedGroups };
