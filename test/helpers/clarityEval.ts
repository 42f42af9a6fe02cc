/**
 * Scoring for `npm run eval:clarity` (bench/evalClarity.ts), kept here so unit tests can run it on small fixtures:
 *  - the Model Spec findings as JSONL, and a verdicts file scored against them (false-alarm and low-value rates);
 *  - real spec paragraphs labeled by two independent reviewers (`--real`): precision and recall against the marks both
 *    reviewers agree on, precision against the union of their marks, and the agreement between the reviewers.
 * IO is limited to reading the files named by the caller.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig, type ClarifierConfig } from '../../server/src/core/workspace/config';
import { reviewStart, runLlmOnIndex } from '../../server/src/io/llmRun';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import type { AmbiguityHit } from '../../server/src/core/workspace/workspaceIndex';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { clausesForLlm, type LlmClause } from '../../server/src/core/analysis/ambiguity/llm';

/** A finding of the pass with its offsets in the reviewed text and its 1-based line. */
export interface EvalFinding {
  line: number;
  phrase: string;
  category: string;
  question: string;
  /** The sentence the phrase stands in (within its paragraph), whitespace collapsed. */
  sentence: string;
  start: number;
  end: number;
}

/** Reviews files of one workspace (each at its path, so format detection sees it) with the default configuration. */
export function reviewFiles(files: Record<string, string>): Map<string, EvalFinding[]> {
  const index = new WorkspaceIndex(resolveConfig(undefined).config);
  for (const [file, text] of Object.entries(files)) index.updateFile(file, text);
  const model = index.model();
  const out = new Map<string, EvalFinding[]>();
  for (const [file, text] of Object.entries(files)) out.set(file, findingsOf(text, model.ambiguitiesOf(file)));
  return out;
}

function findingsOf(text: string, hits: AmbiguityHit[]): EvalFinding[] {
  const lines = new LineIndex(text);
  return hits.map((h) => {
    const start = lines.offsetAt(h.range.start);
    const end = lines.offsetAt(h.range.end);
    return { line: h.range.start.line + 1, phrase: h.phrase, category: h.category, question: h.question, sentence: sentenceAt(text, start, end), start, end };
  });
}

/** The sentence around [start, end): bounded by the paragraph (a blank line) and by `.`, `!`, `?` before a space. */
export function sentenceAt(text: string, start: number, end: number): string {
  const paraStart = Math.max(0, text.lastIndexOf('\n\n', start) + 1);
  const next = text.indexOf('\n\n', end);
  const paraEnd = next < 0 ? text.length : next;
  let s = start;
  while (s > paraStart && !(/[.!?]/.test(text[s - 1]!) && /\s/.test(text[s] ?? ''))) s--;
  let e = end;
  while (e < paraEnd && !(/[.!?]/.test(text[e]!) && /\s/.test(text[e + 1] ?? ' '))) e++;
  return text.slice(s, Math.min(paraEnd, e + 1)).replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------------------
// The Model Spec: findings as JSONL, verdicts scored against them

export type Verdict = 'real' | 'low-value' | 'false-alarm';
const VERDICTS: readonly string[] = ['real', 'low-value', 'false-alarm'];

export function findingsJsonl(findings: EvalFinding[]): string {
  return findings.map((f) => JSON.stringify({ line: f.line, phrase: f.phrase, category: f.category, question: f.question, sentence: f.sentence })).join('\n') + (findings.length ? '\n' : '');
}

export interface VerdictScore {
  findings: number;
  real: number;
  lowValue: number;
  falseAlarm: number;
  /** Findings with no verdict (they count in no rate). */
  unjudged: EvalFinding[];
  /** Verdicts that match no current finding (a finding that is gone, or a typo in the file). */
  stale: { line: number; phrase: string; verdict: string }[];
  /** Lines of the verdicts file that are not `{line, phrase, verdict}` with a known verdict. */
  invalid: string[];
}

/**
 * A verdict applies to the finding with the same line and phrase (phrases compared case-insensitively, whitespace
 * collapsed); each verdict judges one finding.
 */
export function scoreVerdicts(findings: EvalFinding[], verdictsText: string): VerdictScore {
  const key = (line: number, phrase: string): string => `${line}\u0000${phrase.replace(/\s+/g, ' ').trim().toLowerCase()}`;
  const pending = new Map<string, { line: number; phrase: string; verdict: string }[]>();
  const invalid: string[] = [];
  for (const raw of verdictsText.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      invalid.push(raw);
      continue;
    }
    const o = v as { line?: unknown; phrase?: unknown; verdict?: unknown };
    if (typeof o.line !== 'number' || typeof o.phrase !== 'string' || typeof o.verdict !== 'string' || !VERDICTS.includes(o.verdict)) {
      invalid.push(raw);
      continue;
    }
    const k = key(o.line, o.phrase);
    pending.set(k, [...(pending.get(k) ?? []), { line: o.line, phrase: o.phrase, verdict: o.verdict }]);
  }
  const score: VerdictScore = { findings: findings.length, real: 0, lowValue: 0, falseAlarm: 0, unjudged: [], stale: [], invalid };
  for (const f of findings) {
    const list = pending.get(key(f.line, f.phrase));
    const v = list?.shift();
    if (!v) score.unjudged.push(f);
    else if (v.verdict === 'real') score.real++;
    else if (v.verdict === 'low-value') score.lowValue++;
    else score.falseAlarm++;
  }
  for (const list of pending.values()) score.stale.push(...list);
  return score;
}

// ---------------------------------------------------------------------------------------------------------------------
// Real spec paragraphs labeled by two reviewers

export interface SampleEntry {
  id: string;
  kind: string;
  repo: string;
  commit?: string | null;
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export interface LabelMark {
  id: string;
  phrase: string;
  why?: string;
  occurrence?: number;
}

/** One reviewer's labels: the paragraphs they labeled (with or without marks) and their marks, by paragraph id. */
export interface ReviewerLabels {
  labeled: Set<string>;
  marks: Map<string, LabelMark[]>;
  invalid: string[];
}

export function parseLabels(text: string): ReviewerLabels {
  const out: ReviewerLabels = { labeled: new Set(), marks: new Map(), invalid: [] };
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    let o: { id?: unknown; phrase?: unknown; none?: unknown; why?: unknown; occurrence?: unknown };
    try {
      o = JSON.parse(raw) as typeof o;
    } catch {
      out.invalid.push(raw);
      continue;
    }
    if (typeof o.id !== 'string') {
      out.invalid.push(raw);
      continue;
    }
    if (o.none === true) {
      out.labeled.add(o.id);
      continue;
    }
    if (typeof o.phrase !== 'string' || !o.phrase || (o.occurrence !== undefined && (typeof o.occurrence !== 'number' || o.occurrence < 1))) {
      out.invalid.push(raw);
      continue;
    }
    out.labeled.add(o.id);
    const mark: LabelMark = { id: o.id, phrase: o.phrase, ...(typeof o.why === 'string' ? { why: o.why } : {}), ...(typeof o.occurrence === 'number' ? { occurrence: o.occurrence } : {}) };
    out.marks.set(o.id, [...(out.marks.get(o.id) ?? []), mark]);
  }
  return out;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** The span of a mark in its paragraph's text (the `occurrence`-th match, 1-based), or undefined when absent. */
export function locate(paragraph: string, mark: LabelMark): Span | undefined {
  let at = -1;
  for (let n = 0; n < (mark.occurrence ?? 1); n++) {
    at = paragraph.indexOf(mark.phrase, at + 1);
    if (at < 0) return undefined;
  }
  return { start: at, end: at + mark.phrase.length };
}

export interface RealScore {
  paragraphs: number;
  /** Paragraphs both reviewers labeled (the only ones scored). */
  scored: number;
  findings: number;
  /** Findings overlapping an agreed mark. */
  findingsOnAgreed: number;
  /** Findings overlapping a mark of either reviewer. */
  findingsOnUnion: number;
  agreed: number;
  agreedFound: number;
  l1Marks: number;
  l2Marks: number;
  /** L1 marks that some L2 mark overlaps, and the reverse. */
  l1FoundByL2: number;
  l2FoundByL1: number;
  /** Paragraph-level: [L1 has marks][L2 has marks] counts, for Cohen's kappa. */
  table: [[number, number], [number, number]];
}

export const emptyRealScore = (): RealScore => ({
  paragraphs: 0, scored: 0, findings: 0, findingsOnAgreed: 0, findingsOnUnion: 0, agreed: 0, agreedFound: 0,
  l1Marks: 0, l2Marks: 0, l1FoundByL2: 0, l2FoundByL1: 0, table: [[0, 0], [0, 0]],
});

export function addRealScore(a: RealScore, b: RealScore): void {
  for (const k of Object.keys(a) as (keyof RealScore)[]) {
    if (k === 'table') for (const i of [0, 1]) for (const j of [0, 1]) a.table[i]![j]! += b.table[i]![j]!;
    else a[k] += b[k];
  }
}

export interface ParagraphDetail {
  id: string;
  /** Findings (paragraph offsets) and whether each overlaps an agreed mark / a mark of either reviewer. */
  findings: { phrase: string; question: string; agreed: boolean; union: boolean }[];
  /** Agreed marks (the union span of each group of overlapping L1 and L2 marks) and whether a finding overlaps it. */
  agreed: { text: string; found: boolean }[];
  /** Marks whose phrase is not in the paragraph. */
  unlocated: LabelMark[];
}

/** Groups of overlapping marks (union-find over a ++ b); a group holding both reviewers' marks is one agreed mark. */
export function agreedGroups(a: Span[], b: Span[]): { all: (Span & { who: number })[]; agreed: (Span & { who: number })[][] } {
  const all = [...a.map((s) => ({ ...s, who: 1 })), ...b.map((s) => ({ ...s, who: 2 }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (all[i]!.who !== all[j]!.who && overlaps(all[i]!, all[j]!)) parent[find(i)] = find(j);
  const groups = new Map<number, typeof all>();
  all.forEach((m, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), m]));
  return { all, agreed: [...groups.values()].filter((g) => g.some((m) => m.who === 1) && g.some((m) => m.who === 2)) };
}

/**
 * Scores one paragraph. Agreed marks: a group of L1 and L2 marks connected by overlap that holds marks of both
 * reviewers is one agreed mark (so one L1 mark overlapping two L2 marks is one agreement, not two); a finding that
 * overlaps any mark of the group finds it.
 */
export function scoreParagraph(id: string, paragraph: string, findings: Span[], phraseOf: (i: number) => { phrase: string; question: string }, l1: LabelMark[], l2: LabelMark[]): { score: RealScore; detail: ParagraphDetail } {
  const score = emptyRealScore();
  const detail: ParagraphDetail = { id, findings: [], agreed: [], unlocated: [] };
  score.paragraphs = 1;
  score.scored = 1;
  const spans = (marks: LabelMark[]): Span[] => {
    const out: Span[] = [];
    for (const m of marks) {
      const s = locate(paragraph, m);
      if (s) out.push(s);
      else detail.unlocated.push(m);
    }
    return out;
  };
  const a = spans(l1);
  const b = spans(l2);
  score.l1Marks = a.length;
  score.l2Marks = b.length;
  score.l1FoundByL2 = a.filter((x) => b.some((y) => overlaps(x, y))).length;
  score.l2FoundByL1 = b.filter((y) => a.some((x) => overlaps(x, y))).length;
  score.table[a.length ? 1 : 0]![b.length ? 1 : 0]!++;
  const { all, agreed } = agreedGroups(a, b);
  score.agreed = agreed.length;
  for (const g of agreed) {
    const found = findings.some((f) => g.some((m) => overlaps(f, m)));
    if (found) score.agreedFound++;
    const start = Math.min(...g.map((m) => m.start));
    detail.agreed.push({ text: paragraph.slice(start, Math.max(...g.map((m) => m.end))), found });
  }
  findings.forEach((f, i) => {
    const onAgreed = agreed.some((g) => g.some((m) => overlaps(f, m)));
    const onUnion = all.some((m) => overlaps(f, m));
    score.findings++;
    if (onAgreed) score.findingsOnAgreed++;
    if (onUnion) score.findingsOnUnion++;
    detail.findings.push({ ...phraseOf(i), agreed: onAgreed, union: onUnion });
  });
  return { score, detail };
}

/** Cohen's kappa of the paragraph-level decision "this paragraph has something to ask about". */
export function kappa(t: RealScore['table']): number | undefined {
  const n = t[0][0] + t[0][1] + t[1][0] + t[1][1];
  if (n === 0) return undefined;
  const po = (t[0][0] + t[1][1]) / n;
  const p1 = (t[1][0] + t[1][1]) / n;
  const p2 = (t[0][1] + t[1][1]) / n;
  const pe = p1 * p2 + (1 - p1) * (1 - p2);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

export interface RealEvalOptions {
  sample: SampleEntry[];
  /** Where `<repo>/<path>` files are. */
  realDir: string;
  /** Where `repo: "shared"` files are (`<shared>/<path>`). */
  sharedDir: string | undefined;
  /** L1.jsonl / L2.jsonl text, or undefined when the file is missing. */
  l1: string | undefined;
  l2: string | undefined;
  log: (line: string) => void;
}

export interface RealEvalResult {
  byKind: Map<string, RealScore>;
  total: RealScore;
  /** Findings in sampled paragraphs, by kind, whether or not labels exist. */
  findingsByKind: Map<string, number>;
  details: ParagraphDetail[];
  /** Each scored paragraph's own score, by id (for halves of a run that cannot be repeated cheaply: the LLM pass). */
  byId: Map<string, RealScore>;
  skippedFiles: string[];
  /** Paragraph ids not labeled by both reviewers. */
  unlabeled: string[];
  labelsMissing: boolean;
}

/**
 * Reviews every sampled file whole (the files of one repository in one WorkspaceIndex, each at its path in the
 * repository), keeps the findings that start inside a sampled paragraph, and scores them against the labels.
 */
export function evalReal(o: RealEvalOptions): RealEvalResult {
  const run = realRun(o);
  const result = run.result();
  for (const { entries, texts } of run.repos()) scoreRepo(o, run, result, entries, texts, reviewFiles(texts));
  return result;
}

/** The variants `evalRealLlm` scores: the offline pass, the LLM pass's own findings, and both merged as users see them. */
export const LLM_VARIANTS = ['offline', 'llm', 'merged'] as const;
export type LlmVariant = (typeof LLM_VARIANTS)[number];

export interface LlmEvalOptions {
  /** The configuration the LLM pass runs with (its endpoint, model, concurrency); the offline pass's defaults otherwise. */
  config: ClarifierConfig;
  model?: string;
  cacheDir?: string;
  timeoutMs?: number;
  /** One line per repository: the LLM pass's summary (requests, cache, tokens, failures). */
  onSummary?: (repo: string, message: string) => void;
}

/**
 * `evalReal` for the LLM pass: each repository's sampled files are indexed, the LLM pass runs over them
 * (`runLlmOnIndex`, as `clarify check --llm` runs it), and the findings are scored three ways against the same labels:
 * the offline pass alone, the LLM pass's findings alone, and the two merged without duplicates (`ambiguitiesOf`).
 */
export async function evalRealLlm(o: RealEvalOptions, llm: LlmEvalOptions): Promise<Record<LlmVariant, RealEvalResult>> {
  const run = realRun(o);
  const out = { offline: run.result(), llm: run.result(), merged: run.result() };
  for (const { repo, entries, texts } of run.repos()) {
    const index = new WorkspaceIndex(resolveConfig(undefined).config);
    for (const [file, text] of Object.entries(texts)) index.updateFile(file, text);
    const offline = new Map(Object.entries(texts).map(([file, text]) => [file, findingsOf(text, index.model().ambiguitiesOf(file))]));
    const summary = await runLlmOnIndex(index, { config: llm.config, textOf: (file) => texts[file], ...(llm.model ? { model: llm.model } : {}), ...(llm.cacheDir ? { cacheDir: llm.cacheDir } : {}), ...(llm.timeoutMs ? { timeoutMs: llm.timeoutMs } : {}) });
    llm.onSummary?.(repo, summary.message);
    const model = index.model();
    const merged = new Map(Object.entries(texts).map(([file, text]) => [file, findingsOf(text, model.ambiguitiesOf(file))]));
    // The LLM pass's own findings, those the merge drops as duplicates of offline ones included.
    const own = new Map<string, EvalFinding[]>(Object.keys(texts).map((file) => [file, []]));
    const lineIndexes = new Map<string, LineIndex>();
    for (const f of summary.result.findings) {
      const text = texts[f.file];
      if (text === undefined) continue;
      let lines = lineIndexes.get(f.file);
      if (!lines) lineIndexes.set(f.file, (lines = new LineIndex(text)));
      own.get(f.file)!.push({ line: lines.positionAt(f.start).line + 1, phrase: f.phrase, category: 'llm', question: f.question, sentence: sentenceAt(text, f.start, f.end), start: f.start, end: f.end });
    }
    scoreRepo(o, run, out.offline, entries, texts, offline);
    const quiet = { ...o, log: () => undefined };
    scoreRepo(quiet, run, out.llm, entries, texts, own);
    scoreRepo(quiet, run, out.merged, entries, texts, merged);
  }
  return out;
}

/** The sample by repository with each repository's files read once, and the labels parsed once. */
function realRun(o: RealEvalOptions) {
  const labelsMissing = !o.l1 || !o.l2;
  const labels1 = o.l1 === undefined ? undefined : parseLabels(o.l1);
  const labels2 = o.l2 === undefined ? undefined : parseLabels(o.l2);
  for (const [name, l] of [['L1', labels1], ['L2', labels2]] as const) if (l?.invalid.length) o.log(`${name}: ${l.invalid.length} line(s) are not {id, phrase} or {id, none: true}, ignored`);
  const skippedFiles: string[] = [];
  function* repos(): Generator<{ repo: string; entries: SampleEntry[]; texts: Record<string, string> }> {
    const byRepo = new Map<string, SampleEntry[]>();
    for (const e of o.sample) byRepo.set(e.repo, [...(byRepo.get(e.repo) ?? []), e]);
    for (const [repo, entries] of byRepo) {
      const base = repo === 'shared' ? o.sharedDir : path.join(o.realDir, repo);
      const texts: Record<string, string> = {};
      for (const p of new Set(entries.map((e) => e.path))) {
        const abs = base === undefined ? undefined : path.join(base, p);
        if (abs === undefined || !fs.existsSync(abs)) {
          const n = entries.filter((e) => e.path === p).length;
          o.log(`skipped ${repo}/${p}: ${abs === undefined ? 'no shared folder' : `${abs} does not exist`} (${n} paragraph(s))`);
          skippedFiles.push(`${repo}/${p}`);
          continue;
        }
        texts[p] = fs.readFileSync(abs, 'utf8');
      }
      yield { repo, entries, texts };
    }
  }
  const result = (): RealEvalResult => ({ byKind: new Map(), total: emptyRealScore(), findingsByKind: new Map(), details: [], byId: new Map(), skippedFiles, unlabeled: [], labelsMissing });
  return { labels1, labels2, repos, result };
}

/** Scores the sampled paragraphs of one repository's files against `found` (each file's findings), into `result`. */
function scoreRepo(o: RealEvalOptions, run: ReturnType<typeof realRun>, result: RealEvalResult, entries: SampleEntry[], texts: Record<string, string>, reviewed: Map<string, EvalFinding[]>): void {
  const { labels1, labels2 } = run;
  for (const e of entries) {
    const text = texts[e.path];
    const found = reviewed.get(e.path);
    if (text === undefined || !found) continue;
    const lines = new LineIndex(text);
    const pStart = lines.offsetAt({ line: e.startLine - 1, character: 0 });
    const paragraph = text.split(/\r?\n/).slice(e.startLine - 1, e.endLine).join('\n');
    const inside = found.filter((f) => f.line >= e.startLine && f.line <= e.endLine);
    result.findingsByKind.set(e.kind, (result.findingsByKind.get(e.kind) ?? 0) + inside.length);
    // Offsets into the paragraph text (lines joined by \n; a \r\n file shifts by one per line).
    const toParagraph = (offset: number): number => {
      const pos = lines.positionAt(offset);
      const before = text.split(/\r?\n/).slice(e.startLine - 1, pos.line).reduce((n, l) => n + l.length + 1, 0);
      return before + pos.character;
    };
    const spans = inside.map((f) => ({ start: toParagraph(Math.max(f.start, pStart)), end: toParagraph(f.end) }));
    if (!labels1?.labeled.has(e.id) || !labels2?.labeled.has(e.id)) {
      result.unlabeled.push(e.id);
      continue;
    }
    const { score, detail } = scoreParagraph(e.id, paragraph, spans, (i) => inside[i]!, labels1.marks.get(e.id) ?? [], labels2.marks.get(e.id) ?? []);
    for (const m of detail.unlocated) o.log(`${e.id}: the phrase “${m.phrase}” is not in the paragraph${m.occurrence ? ` ${m.occurrence} time(s)` : ''}; ignored`);
    result.details.push(detail);
    result.byId.set(e.id, score);
    const acc = result.byKind.get(e.kind) ?? emptyRealScore();
    addRealScore(acc, score);
    result.byKind.set(e.kind, acc);
    addRealScore(result.total, score);
  }
}

/** How much of what two reviewers agree on the LLM pass is sent (`clausesForLlm`), before and with its sections. */
export interface LlmCoverage {
  /** Agreed marks of the paragraphs both reviewers labeled. */
  agreed: number;
  /** Of those, marks inside a heading or requirement clause (all the pass sent before it sent sections). */
  inClauses: number;
  /** Marks inside any text the pass sends now: clauses, and the prose of reviewed files outside them. */
  inSent: number;
}

/**
 * The LLM pass's reach on the labeled paragraphs, without an endpoint: each sampled file is indexed as `evalReal` does,
 * the files the offline pass reviews are found as `runLlmOnIndex` finds them (formats.ts `reviewOf`), and each agreed
 * mark is looked up in the texts `clausesForLlm` would send. A mark outside them is one no model can be asked about.
 */
export function llmCoverage(o: RealEvalOptions): LlmCoverage {
  const out: LlmCoverage = { agreed: 0, inClauses: 0, inSent: 0 };
  if (o.l1 === undefined || o.l2 === undefined) return out;
  const run = realRun({ ...o, log: () => undefined });
  const labels1 = run.labels1!;
  const labels2 = run.labels2!;
  for (const { entries, texts: files } of run.repos()) {
    const texts = new Map(Object.entries(files));
    const index = new WorkspaceIndex(resolveConfig(undefined).config);
    for (const [p, text] of texts) index.updateFile(p, text);
    const model = index.model();
    const reviewed = new Map<string, number>();
    for (const [p, text] of texts) {
      const facts = model.specs.get(p);
      const from = facts ? reviewStart(index.config, p, text, facts) : undefined;
      if (from !== undefined) reviewed.set(p, from);
    }
    const clausesOnly = clausesForLlm(model);
    const sent = clausesForLlm(model, reviewed);
    for (const e of entries) {
      const text = texts.get(e.path);
      if (text === undefined || !labels1.labeled.has(e.id) || !labels2.labeled.has(e.id)) continue;
      const fileLines = text.split(/\r?\n/);
      const paragraph = fileLines.slice(e.startLine - 1, e.endLine).join('\n');
      const spans = (l: ReviewerLabels): Span[] => (l.marks.get(e.id) ?? []).map((m) => locate(paragraph, m)).filter((x): x is Span => x !== undefined);
      // A paragraph offset as a file offset (the file's lines may end in \r\n).
      const lines = new LineIndex(text);
      const inFile = (offset: number): number => {
        const before = paragraph.slice(0, offset).split('\n');
        return lines.offsetAt({ line: e.startLine - 1 + before.length - 1, character: before[before.length - 1]!.length });
      };
      for (const g of agreedGroups(spans(labels1), spans(labels2)).agreed) {
        const start = inFile(Math.min(...g.map((m) => m.start)));
        const end = inFile(Math.max(...g.map((m) => m.end)));
        const inside = (c: LlmClause): boolean => c.file === e.path && c.start <= start && end <= c.start + c.text.length;
        out.agreed++;
        if (clausesOnly.some(inside)) out.inClauses++;
        if (sent.some(inside)) out.inSent++;
      }
    }
  }
  return out;
}
