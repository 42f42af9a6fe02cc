import { contentLemmas } from '../ambiguity/nlp';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Clause, Range } from '../../types';

// Pairs for the LLM conflict judge are chosen offline, bounded and in a fixed order [^cj2p].
/**
 * Candidate pairs for the optional LLM conflict judge (server/src/core/analysis/typecheck/judge.ts): clauses of different specs,
 * or of different top-level sections of one spec, that are about the same things. Each clause's text becomes a bag of
 * content lemmas (wink-nlp: words of three letters or more, no stop words, no numbers, no modal keywords); a pair is
 * scored by the tf-idf cosine of its bags, and is a candidate only when the two clauses also share a noun (an entity)
 * that is not in every other clause. Pairs are ranked by score (ties by file, line, id), at most
 * MAX_PAIRS_PER_CLAUSE per clause so one broad clause does not take the whole budget, and cut at `maxPairs`.
 * Deterministic: the same workspace gives the same pairs in the same order. Pure: no IO.
 */

export const DEFAULT_CONFLICT_PAIRS = 40;
export const MAX_CONFLICT_PAIRS = 500;
/** Characters of a clause's text compared and sent, at most. */
export const MAX_PAIR_CLAUSE_CHARS = 2000;
/** The lowest score (tf-idf cosine) of a candidate pair. */
export const MIN_PAIR_SCORE = 0.12;
export const MAX_PAIRS_PER_CLAUSE = 4;
/** Clauses shorter than this (after clean-up) state too little to conflict with anything. */
const MIN_CLAUSE_CHARS = 24;
/** A term in more clauses than this is too common to pair clauses by (it would cost MAX_DF^2 / 2 pairs). */
const MAX_DF = 100;
/** Pairs scored at most (a bound on memory for huge workspaces). */
const MAX_SCORED_PAIRS = 1_000_000;
/** Requirement keywords say how strongly, not about what: they never make two clauses similar. */
const MODALS = new Set(['must', 'shall', 'should', 'may', 'will', 'can', 'need', 'required', 'require', 'recommended', 'optional', 'not', 'never', 'always']);

/** A clause as the judge sees it: its text cleaned up (whitespace collapsed, footnote references removed), bounded. */
export interface PairClause {
  id: string;
  file: string;
  title: string;
  authority?: string;
  text: string;
  range: Range;
}

export interface CandidatePair {
  a: PairClause;
  b: PairClause;
  /** The tf-idf cosine of the two clauses' lemmas (0..1). */
  score: number;
  /** Nouns both clauses use, most specific first (at most 5). */
  shared: string[];
}

export interface CandidateSelection {
  pairs: CandidatePair[];
  /** Clauses compared (long enough to state something). */
  clauses: number;
  /** Pairs that qualified before the cut at `maxPairs`. */
  qualified: number;
}

/** A clause's text as compared and sent: footnote references removed, whitespace collapsed, at most MAX_PAIR_CLAUSE_CHARS. */
export function pairText(text: string): string {
  return text
    .replace(/\[\^[^\]\s]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_PAIR_CLAUSE_CHARS);
}

function toPairClause(c: Clause, text: string): PairClause {
  return { id: c.id, file: c.file, title: c.title, ...(c.authority !== undefined ? { authority: c.authority } : {}), text, range: c.range };
}

interface Doc {
  clause: Clause;
  text: string;
  tf: Map<string, number>;
  nouns: Set<string>;
  norm: number;
  top: string;
  ancestors: Set<string>;
}

const positionOrder = (x: Clause, y: Clause): number =>
  x.file < y.file ? -1 : x.file > y.file ? 1 : x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** The candidate pairs of a workspace, best first, at most `maxPairs` (default DEFAULT_CONFLICT_PAIRS). */
export function conflictCandidates(model: IndexModel, options: { maxPairs?: number } = {}): CandidateSelection {
  const maxPairs = Math.max(0, Math.min(MAX_CONFLICT_PAIRS, Math.floor(options.maxPairs ?? DEFAULT_CONFLICT_PAIRS)));
  const clauses = [...model.clauses].sort(positionOrder);
  // A file whose clauses all sit under one outermost heading (its title) has its top-level sections one level down.
  const outermost = new Map<string, Set<string>>();
  for (const c of clauses) {
    const set = outermost.get(c.file) ?? new Set<string>();
    set.add(c.section[0] ?? '');
    outermost.set(c.file, set);
  }
  const byFileId = new Map<string, Clause>(clauses.map((c) => [`${c.file}\u0000${c.id}`, c]));
  const docs: Doc[] = [];
  for (const clause of clauses) {
    const text = pairText(clause.text);
    if (text.length < MIN_CLAUSE_CHARS) continue;
    const tf = new Map<string, number>();
    const nouns = new Set<string>();
    for (const l of contentLemmas(text)) {
      if (MODALS.has(l.lemma)) continue;
      tf.set(l.lemma, (tf.get(l.lemma) ?? 0) + 1);
      if (l.noun) nouns.add(l.lemma);
    }
    if (tf.size === 0) continue;
    const depth = (outermost.get(clause.file)?.size ?? 0) > 1 ? 1 : 2;
    const ancestors = new Set<string>();
    for (let p = clause.parent, guard = 0; p !== undefined && guard < 64; guard++) {
      ancestors.add(p);
      p = byFileId.get(`${clause.file}\u0000${p}`)?.parent;
    }
    docs.push({ clause, text, tf, nouns, norm: 0, top: clause.section.slice(0, depth).join('\u0000'), ancestors });
  }
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string): number => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  for (const d of docs) {
    let sum = 0;
    for (const [t, f] of d.tf) sum += (f * idf(t)) ** 2;
    d.norm = Math.sqrt(sum);
  }
  // Dot products through an inverted index of the terms that say something: pairs that share nothing specific are never
  // looked at. In a workspace of 40 clauses or more, a term in more than a quarter of them (or in more than MAX_DF)
  // adds little and would cost n^2; a small workspace compares every term.
  const maxDf = n < 40 ? n : Math.min(MAX_DF, Math.ceil(n / 4));
  const postings = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const t of d.tf.keys()) {
      const f = df.get(t)!;
      if (f < 2 || f > maxDf) continue;
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const dots = new Map<number, number>();
  // Rarest terms first, so a workspace that hits the budget has compared what is most specific.
  const terms = [...postings.keys()].sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : 1));
  for (const t of terms) {
    const list = postings.get(t)!;
    if (dots.size >= MAX_SCORED_PAIRS) break;
    const w = idf(t) ** 2;
    for (let x = 0; x < list.length; x++) {
      const i = list[x]!;
      for (let y = x + 1; y < list.length; y++) {
        const j = list[y]!;
        const key = i * n + j;
        dots.set(key, (dots.get(key) ?? 0) + docs[i]!.tf.get(t)! * docs[j]!.tf.get(t)! * w);
      }
    }
  }
  const scored: { i: number; j: number; score: number; shared: string[] }[] = [];
  for (const [key, dot] of dots) {
    const i = Math.floor(key / n);
    const j = key % n;
    const a = docs[i]!;
    const b = docs[j]!;
    if (a.clause.id === b.clause.id) continue; // one id twice is a duplicate, reported as such
    if (a.clause.file === b.clause.file) {
      if (a.top === b.top || a.ancestors.has(b.clause.id) || b.ancestors.has(a.clause.id)) continue;
      if (a.text.includes(b.text) || b.text.includes(a.text)) continue;
    }
    const score = dot / (a.norm * b.norm);
    if (!(score >= MIN_PAIR_SCORE)) continue;
    const shared = [...a.nouns].filter((t) => b.nouns.has(t) && (df.get(t) ?? 0) <= maxDf);
    if (shared.length === 0) continue;
    shared.sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : 1));
    scored.push({ i, j, score, shared: shared.slice(0, 5) });
  }
  // i < j and docs are in position order, so the tie-break is by the first clause's then the second's position.
  scored.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const perClause = new Map<number, number>();
  const pairs: CandidatePair[] = [];
  const covers = (p: Doc, q: Doc): boolean => p.clause.file === q.clause.file && (p.text.includes(q.text) || q.text.includes(p.text));
  const chosen: [Doc, Doc][] = [];
  for (const s of scored) {
    if (pairs.length >= maxPairs) break;
    if ((perClause.get(s.i) ?? 0) >= MAX_PAIRS_PER_CLAUSE || (perClause.get(s.j) ?? 0) >= MAX_PAIRS_PER_CLAUSE) continue;
    const a = docs[s.i]!;
    const b = docs[s.j]!;
    // A section and the footnote inside it say the same thing: one of them per other clause is enough.
    if (chosen.some(([p, q]) => (covers(p, a) && covers(q, b)) || (covers(p, b) && covers(q, a)))) continue;
    chosen.push([a, b]);
    perClause.set(s.i, (perClause.get(s.i) ?? 0) + 1);
    perClause.set(s.j, (perClause.get(s.j) ?? 0) + 1);
    pairs.push({ a: toPairClause(a.clause, a.text), b: toPairClause(b.clause, b.text), score: Math.round(s.score * 1000) / 1000, shared: s.shared });
  }
  return { pairs, clauses: n, qualified: scored.length };
}
