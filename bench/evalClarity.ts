import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../server/src/core/config';
import { WorkspaceIndex } from '../server/src/core/index';
import { LineIndex } from '../server/src/core/text';

/**
 * `npm run eval:clarity [-- --verbose] [--set dev|heldout]`: precision and recall of the ambiguity pass on the labeled
 * set in test/fixtures/clarity (see its README for the format and the labeling guideline).
 *
 * A document's `[[...]]` marks are removed; the document is reviewed under its `path=` like any spec of a workspace
 * (the same WorkspaceIndex, default configuration), and each finding is scored:
 *  - precision: findings that overlap a marked phrase / all findings;
 *  - recall: marked phrases that some finding overlaps / all marked phrases.
 * Printed per source kind and overall, for `dev/` and `heldout/` separately. With ../shared present, it also prints
 * the number of findings on the whole Model Spec and the time the pass takes there.
 */

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/clarity');

interface Doc {
  set: string;
  file: string;
  source: string;
  virtualPath: string;
  text: string;
  marks: { start: number; end: number; phrase: string }[];
}

const HEADER = /^<!-- clarity-eval path=(\S+) source=(\S+) -->\r?\n/;

function loadDoc(set: string, file: string): Doc {
  const raw = fs.readFileSync(path.join(fixtures, set, file), 'utf8');
  const header = HEADER.exec(raw);
  if (!header) throw new Error(`${set}/${file}: missing the clarity-eval header`);
  const body = raw.slice(header[0].length);
  let text = '';
  const marks: Doc['marks'] = [];
  let i = 0;
  for (;;) {
    const open = body.indexOf('[[', i);
    if (open < 0) break;
    const close = body.indexOf(']]', open);
    if (close < 0) throw new Error(`${set}/${file}: unclosed [[`);
    text += body.slice(i, open);
    const phrase = body.slice(open + 2, close);
    marks.push({ start: text.length, end: text.length + phrase.length, phrase });
    text += phrase;
    i = close + 2;
  }
  text += body.slice(i);
  return { set, file, source: header[2]!, virtualPath: header[1]!, text, marks };
}

interface Score {
  findings: number;
  truePositives: number;
  marks: number;
  found: number;
}

const empty = (): Score => ({ findings: 0, truePositives: 0, marks: 0, found: 0 });

function add(a: Score, b: Score): void {
  a.findings += b.findings;
  a.truePositives += b.truePositives;
  a.marks += b.marks;
  a.found += b.found;
}

function evaluate(doc: Doc, verbose: boolean): Score {
  const index = new WorkspaceIndex(resolveConfig(undefined).config);
  index.updateFile(doc.virtualPath, doc.text);
  const lines = new LineIndex(doc.text);
  const hits = index.model().ambiguitiesOf(doc.virtualPath);
  const score = empty();
  score.marks = doc.marks.length;
  const hitMark = new Set<number>();
  for (const h of hits) {
    const start = lines.offsetAt(h.range.start);
    const end = lines.offsetAt(h.range.end);
    const m = doc.marks.findIndex((k) => start < k.end && k.start < end);
    score.findings++;
    if (m >= 0) {
      score.truePositives++;
      hitMark.add(m);
    } else if (verbose) console.log(`  FP ${doc.set}/${doc.file}:${h.range.start.line + 2} “${h.phrase}” (${h.category}) ${h.question}`);
  }
  score.found = hitMark.size;
  if (verbose) doc.marks.forEach((k, i) => !hitMark.has(i) && console.log(`  FN ${doc.set}/${doc.file}:${lines.positionAt(k.start).line + 2} “${k.phrase}”`));
  return score;
}

const pct = (n: number, d: number): string => (d === 0 ? '  —  ' : (n / d).toFixed(2).padStart(5));

function row(name: string, s: Score): string {
  return `${name.padEnd(22)} ${String(s.findings).padStart(8)} ${String(s.marks).padStart(6)}   P ${pct(s.truePositives, s.findings)}   R ${pct(s.found, s.marks)}`;
}

function main(): void {
  const argv = process.argv.slice(2);
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const only = argv.includes('--set') ? argv[argv.indexOf('--set') + 1] : undefined;
  for (const set of ['dev', 'heldout']) {
    if (only && only !== set) continue;
    const files = fs.readdirSync(path.join(fixtures, set)).filter((f) => f.endsWith('.md')).sort();
    const bySource = new Map<string, Score>();
    const total = empty();
    for (const file of files) {
      const doc = loadDoc(set, file);
      const s = evaluate(doc, verbose && (set === 'dev' || only === set));
      const acc = bySource.get(doc.source) ?? empty();
      add(acc, s);
      bySource.set(doc.source, acc);
      add(total, s);
    }
    console.log(`\n${set}: ${files.length} documents\n${'source'.padEnd(22)} findings  marks`);
    for (const [source, s] of [...bySource].sort()) console.log(row(source, s));
    console.log(row('overall', total));
  }
  modelSpec();
}

/** The whole Model Spec (unlabeled): how many findings, and how long the pass takes. */
function modelSpec(): void {
  const shared = [process.env['CLARIFIER_SHARED'], path.resolve(root, '../shared')].find((p) => p && fs.existsSync(path.join(p, 'corpora')));
  if (!shared) return;
  const text = fs.readFileSync(path.join(shared, 'corpora/model_spec/model_spec.md'), 'utf8');
  const run = (enabled: boolean): { ms: number; n: number; warnings: number } => {
    const config = resolveConfig(undefined).config;
    const index = new WorkspaceIndex({ ...config, ambiguity: { ...config.ambiguity, enabled } });
    const t0 = performance.now();
    index.updateFile('model_spec.md', text);
    const hits = index.model().ambiguitiesOf('model_spec.md');
    return { ms: performance.now() - t0, n: hits.length, warnings: hits.filter((h) => h.severity === 'warning').length };
  };
  run(true);
  run(false);
  const times = (enabled: boolean): number => Math.min(...[0, 1, 2].map(() => run(enabled).ms));
  const on = run(true);
  console.log(`\nModel Spec (whole, unlabeled): ${on.n} findings, ${on.warnings} warnings; parse+index ${times(false).toFixed(0)} ms without the pass, ${times(true).toFixed(0)} ms with it`);
}

main();
