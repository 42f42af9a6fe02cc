import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../server/src/core/workspace/config';
import { WorkspaceIndex } from '../server/src/core/workspace/workspaceIndex';
import { LineIndex } from '../server/src/core/text/lineIndex';
import { addRealScore, emptyRealScore, evalReal, evalRealLlm, findingsJsonl, kappa, LLM_VARIANTS, llmCoverage, reviewFiles, scoreVerdicts } from '../test/helpers/clarityEval';
import type { LlmCoverage, LlmEvalOptions, LlmVariant, RealScore, SampleEntry } from '../test/helpers/clarityEval';

/**
 * `npm run eval:clarity [-- --verbose] [--set dev|heldout] [--modelspec-out FILE] [--verdicts FILE]
 *  [--real [DIR] [--sample FILE] [--labels DIR]]`: precision and recall of the ambiguity pass on the labeled set in
 * test/fixtures/clarity (see its README for the format and the labeling guideline).
 *
 * A document's `[[...]]` marks are removed; the document is reviewed under its `path=` like any spec of a workspace
 * (the same WorkspaceIndex, default configuration), and each finding is scored:
 *  - precision: findings that overlap a marked phrase / all findings;
 *  - recall: marked phrases that some finding overlaps / all marked phrases.
 * Printed per source kind and overall, for `dev/` and `heldout/` separately. With ../shared present, it also prints
 * the number of findings on the whole Model Spec and the time the pass takes there; `--modelspec-out FILE` writes
 * those findings as JSONL ({line, phrase, category, question, sentence}), and the verdicts file
 * (test/fixtures/clarity/modelspec-verdicts.jsonl, or `--verdicts FILE`: {line, phrase, verdict}) is scored against
 * them: the false-alarm and low-value rates among the judged findings, and the findings with no verdict.
 *
 * `--real [DIR]` (DIR defaults to /work/real) scores real spec paragraphs labeled by two independent reviewers, for
 * every labeled set test/fixtures/clarity/real<N>/ (sample.json, L1.jsonl, L2.jsonl; see test/helpers/clarityEval.ts)
 * or the one `--labels DIR` names, then all sets together. DIR holds every set's repositories as DIR/<repo>/<path>.
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

/** The value of `--name VALUE`, or `fallback` when the flag is given without a value, or undefined when absent. */
function option(argv: string[], name: string, fallback?: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  return v !== undefined && !v.startsWith('--') ? v : fallback;
}

function main(): void {
  const argv = process.argv.slice(2);
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const real = option(argv, '--real', '/work/real');
  if (real !== undefined && argv.includes('--llm')) {
    realSpecsLlm(real, argv).catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 2;
    });
    return;
  }
  if (real !== undefined) {
    realSpecs(real, argv, verbose);
    return;
  }
  const only = option(argv, '--set');
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
  modelSpec(option(argv, '--modelspec-out'), option(argv, '--verdicts') ?? path.join(fixtures, 'modelspec-verdicts.jsonl'), verbose);
}

function sharedDir(): string | undefined {
  return [process.env['CLARIFIER_SHARED'], path.resolve(root, '../shared')].find((p): p is string => !!p && fs.existsSync(path.join(p, 'corpora')));
}

/** The whole Model Spec (unlabeled): how many findings, how long the pass takes, and the verdicts on its findings. */
function modelSpec(out: string | undefined, verdicts: string, verbose: boolean): void {
  const shared = sharedDir();
  if (!shared) {
    console.log('\nModel Spec: ../shared (or CLARIFIER_SHARED) not found; skipped');
    return;
  }
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
  const findings = reviewFiles({ 'model_spec.md': text }).get('model_spec.md') ?? [];
  if (out) {
    fs.writeFileSync(out, findingsJsonl(findings));
    console.log(`wrote ${findings.length} findings to ${out}`);
  }
  if (!fs.existsSync(verdicts)) {
    console.log(`no verdicts file (${path.relative(process.cwd(), verdicts)}): false-alarm rate not measured`);
    return;
  }
  const v = scoreVerdicts(findings, fs.readFileSync(verdicts, 'utf8'));
  const judged = v.real + v.lowValue + v.falseAlarm;
  console.log(`verdicts (${path.relative(process.cwd(), verdicts)}): ${judged} of ${v.findings} findings judged: real ${v.real}, low-value ${v.lowValue}, false alarm ${v.falseAlarm}; unjudged ${v.unjudged.length}`);
  console.log(`  false-alarm rate ${pct(v.falseAlarm, judged)} (goal <= 0.05), low-value rate ${pct(v.lowValue, judged)}, of the judged findings`);
  // Halves fixed before anyone tuned on these verdicts: findings on even lines may be looked at while tuning, findings
  // on odd lines are held out (scored, never listed).
  for (const [name, parity] of [['tune (even lines)', 0], ['held out (odd lines)', 1]] as const) {
    const h = scoreVerdicts(findings.filter((f) => f.line % 2 === parity), fs.readFileSync(verdicts, 'utf8'));
    const j = h.real + h.lowValue + h.falseAlarm;
    console.log(`  ${name}: ${j} judged, real ${h.real}, low-value ${h.lowValue}, false alarm ${h.falseAlarm} (${pct(h.falseAlarm, j)}); unjudged ${h.unjudged.length}`);
  }
  if (v.stale.length) console.log(`  ${v.stale.length} verdict(s) match no current finding (line and phrase)`);
  if (v.invalid.length) console.log(`  ${v.invalid.length} line(s) of the verdicts file are not {line, phrase, verdict} and were ignored`);
  // Listed for the tune half only: a held-out finding or verdict is counted, never shown (its phrase would be read).
  for (const f of v.unjudged) if (f.line % 2 === 0) console.log(`  unjudged ${f.line} “${f.phrase}” (${f.category})`);
  const heldOutUnjudged = v.unjudged.filter((f) => f.line % 2 === 1).length;
  if (heldOutUnjudged) console.log(`  (${heldOutUnjudged} unjudged finding(s) on held-out lines: not listed)`);
  if (verbose) {
    for (const s of v.stale) if (s.line % 2 === 0) console.log(`  stale ${s.line} “${s.phrase}” ${s.verdict}`);
    const heldOutStale = v.stale.filter((s) => s.line % 2 === 1).length;
    if (heldOutStale) console.log(`  (${heldOutStale} stale verdict(s) on held-out lines: not listed)`);
  }
}

function realRow(name: string, s: RealScore, findings: number): string {
  const k = kappa(s.table);
  return `${name.padEnd(12)} ${String(s.scored).padStart(5)} ${String(findings).padStart(9)} ${String(s.agreed).padStart(7)}   P ${pct(s.findingsOnAgreed, s.findings)}   R ${pct(s.agreedFound, s.agreed)}   P(union) ${pct(s.findingsOnUnion, s.findings)}   ` +
    `L1 ${String(s.l1Marks).padStart(3)} found by L2 ${pct(s.l1FoundByL2, s.l1Marks)}   L2 ${String(s.l2Marks).padStart(3)} found by L1 ${pct(s.l2FoundByL1, s.l2Marks)}   kappa ${k === undefined ? '  —  ' : k.toFixed(2).padStart(5)}`;
}

/** The labeled sets: `--labels DIR` alone, or every `test/fixtures/clarity/real<N>/` holding a sample.json. */
function labeledSets(argv: string[]): string[] {
  const only = option(argv, '--labels');
  if (only) return [only];
  return fs.readdirSync(fixtures).filter((d) => /^real\d*$/.test(d) && fs.existsSync(path.join(fixtures, d, 'sample.json'))).sort().map((d) => path.join(fixtures, d));
}

// The halves were fixed before anyone tuned on these labels: even ids may be looked at while tuning, odd ids are
// held out (scored, never listed). The same rule holds for every labeled set.
const isTune = (id: string): boolean => Number(id.replace(/\D/g, '')) % 2 === 0;

/** `--real [DIR]`: the sampled real spec paragraphs against the two reviewers' labels, per set and all sets together. */
function realSpecs(dir: string, argv: string[], verbose: boolean): void {
  const sets = labeledSets(argv);
  const all = { total: emptyRealScore(), tune: emptyRealScore(), heldOut: emptyRealScore(), byKind: new Map<string, RealScore>(), reach: { agreed: 0, inClauses: 0, inSent: 0 } as LlmCoverage };
  let scoredSets = 0;
  for (const labelsDir of sets) {
    const r = realSet(dir, labelsDir, option(argv, '--sample') ?? path.join(labelsDir, 'sample.json'), verbose);
    if (!r) continue;
    scoredSets++;
    addRealScore(all.total, r.total);
    addRealScore(all.tune, r.tune);
    addRealScore(all.heldOut, r.heldOut);
    for (const k of ['agreed', 'inClauses', 'inSent'] as const) all.reach[k] += r.reach[k];
    for (const [k, s] of r.byKind) {
      const acc = all.byKind.get(k) ?? emptyRealScore();
      addRealScore(acc, s);
      all.byKind.set(k, acc);
    }
  }
  if (scoredSets > 1) {
    console.log(`\nall ${scoredSets} labeled sets together`);
    for (const [k, s] of all.byKind) console.log(realRow(k, s, s.findings));
    console.log(realRow('overall', all.total, all.total.findings));
    console.log(realRow('tune (even ids)', all.tune, all.tune.findings));
    console.log(realRow('held out (odd)', all.heldOut, all.heldOut.findings));
    console.log(reachRow(all.reach));
  }
}

/**
 * The LLM pass's reach (`llmCoverage`): the agreed marks inside the text it sends, now and when it sent clauses only.
 * Its recall with a perfect model is at most this share; measured without an endpoint.
 */
function reachRow(c: LlmCoverage): string {
  const share = (n: number): string => (c.agreed ? (n / c.agreed).toFixed(2) : '—');
  return `LLM pass reach: ${c.inSent} of ${c.agreed} agreed marks in the text it sends (${share(c.inSent)}); clauses only: ${c.inClauses} (${share(c.inClauses)})`;
}

/** One labeled set (sample.json, L1.jsonl, L2.jsonl in `labelsDir`); undefined when it cannot be scored. */
function realSet(dir: string, labelsDir: string, samplePath: string, verbose: boolean): { total: RealScore; tune: RealScore; heldOut: RealScore; byKind: Map<string, RealScore>; reach: LlmCoverage } | undefined {
  console.log(`\n== ${path.relative(process.cwd(), labelsDir) || labelsDir}`);
  if (!fs.existsSync(samplePath)) {
    console.log(`no sample file ${samplePath}`);
    process.exitCode = 1;
    return undefined;
  }
  const sample = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as SampleEntry[];
  const read = (name: string): string | undefined => {
    const p = path.join(labelsDir, name);
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
    console.log(`labels missing: ${path.relative(process.cwd(), p)} does not exist`);
    return undefined;
  };
  const l1 = read('L1.jsonl');
  const l2 = read('L2.jsonl');
  const r = evalReal({ sample, realDir: dir, sharedDir: sharedDir(), l1, l2, log: (l) => console.log(l) });
  const kinds = [...new Set(sample.map((e) => e.kind))];
  console.log(`real specs: ${sample.length} sampled paragraphs in ${dir}${r.skippedFiles.length ? `, ${r.skippedFiles.length} file(s) skipped` : ''}`);
  if (r.labelsMissing) {
    console.log('labels missing: findings per kind only (no precision or recall)');
    for (const k of kinds) console.log(`${k.padEnd(12)} ${String(r.findingsByKind.get(k) ?? 0).padStart(5)} findings`);
    return undefined;
  }
  if (r.unlabeled.length) console.log(`${r.unlabeled.length} paragraph(s) not labeled by both reviewers, not scored: ${r.unlabeled.join(' ')}`);
  console.log(`${'kind'.padEnd(12)} paras  findings  agreed   (P and R against the agreed marks; P(union) against either reviewer's marks; reviewer agreement)`);
  for (const k of kinds) {
    const s = r.byKind.get(k);
    if (s) console.log(realRow(k, s, s.findings));
  }
  console.log(realRow('overall', r.total, r.total.findings));
  const halves: RealScore[] = [];
  for (const [name, keep] of [['tune (even ids)', isTune], ['held out (odd)', (id: string) => !isTune(id)]] as const) {
    const half = evalReal({ sample: sample.filter((e) => keep(e.id)), realDir: dir, sharedDir: sharedDir(), l1, l2, log: () => undefined });
    console.log(realRow(name, half.total, half.total.findings));
    halves.push(half.total);
  }
  if (verbose) {
    for (const d of r.details.filter((x) => isTune(x.id))) {
      for (const f of d.findings) console.log(`  ${f.agreed ? 'TP' : f.union ? 'FP(one reviewer)' : 'FP'} ${d.id} “${f.phrase}” ${f.question}`);
      for (const a of d.agreed) if (!a.found) console.log(`  FN ${d.id} “${a.text}”`);
    }
  }
  const reach = llmCoverage({ sample, realDir: dir, sharedDir: sharedDir(), l1, l2, log: () => undefined });
  console.log(reachRow(reach));
  return { total: r.total, tune: halves[0]!, heldOut: halves[1]!, byKind: r.byKind, reach };
}

/**
 * `--real [DIR] --llm [--llm-model M] [--llm-cache DIR] [--llm-timeout S]`: the LLM pass scored like the offline pass,
 * against an OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY; the same client as `clarify check --llm`).
 * Per set and for all sets: the offline pass, the LLM pass's own findings, and both merged as a user sees them, each
 * whole, tune (even ids) and held out (odd ids). Sends the sampled files' specs to the endpoint; never runs without
 * `--llm`. A cache directory makes a rerun with the same model send only what changed.
 */
async function realSpecsLlm(dir: string, argv: string[]): Promise<void> {
  const config = resolveConfig(undefined).config;
  const timeout = option(argv, '--llm-timeout');
  const llm: LlmEvalOptions = {
    config,
    ...(option(argv, '--llm-model') ? { model: option(argv, '--llm-model')! } : {}),
    ...(option(argv, '--llm-cache') ? { cacheDir: path.resolve(option(argv, '--llm-cache')!) } : {}),
    ...(timeout ? { timeoutMs: Number(timeout) * 1000 } : {}),
    onSummary: (repo, message) => console.log(`  ${repo}: ${message}`),
  };
  const all = Object.fromEntries(LLM_VARIANTS.map((v) => [v, { total: emptyRealScore(), tune: emptyRealScore(), heldOut: emptyRealScore() }])) as Record<LlmVariant, { total: RealScore; tune: RealScore; heldOut: RealScore }>;
  for (const labelsDir of labeledSets(argv)) {
    console.log(`\n== ${path.relative(process.cwd(), labelsDir) || labelsDir} (LLM pass)`);
    const read = (name: string): string | undefined => (fs.existsSync(path.join(labelsDir, name)) ? fs.readFileSync(path.join(labelsDir, name), 'utf8') : undefined);
    const sample = JSON.parse(fs.readFileSync(option(argv, '--sample') ?? path.join(labelsDir, 'sample.json'), 'utf8')) as SampleEntry[];
    const r = await evalRealLlm({ sample, realDir: dir, sharedDir: sharedDir(), l1: read('L1.jsonl'), l2: read('L2.jsonl'), log: (l) => console.log(l) }, llm);
    for (const v of LLM_VARIANTS) {
      const halves = { tune: emptyRealScore(), heldOut: emptyRealScore() };
      for (const [id, score] of r[v].byId) addRealScore(isTune(id) ? halves.tune : halves.heldOut, score);
      console.log(realRow(v, r[v].total, r[v].total.findings));
      addRealScore(all[v].total, r[v].total);
      addRealScore(all[v].tune, halves.tune);
      addRealScore(all[v].heldOut, halves.heldOut);
    }
  }
  console.log('\nall labeled sets together (LLM pass)');
  for (const v of LLM_VARIANTS) {
    console.log(realRow(v, all[v].total, all[v].total.findings));
    console.log(realRow(`${v} tune`, all[v].tune, all[v].tune.findings));
    console.log(realRow(`${v} held`, all[v].heldOut, all[v].heldOut.findings));
  }
}

main();
