import type { IndexModel } from '../workspace/workspaceIndex';
import { compareDiagnostics } from '../diagnostics/diagnostics';
import type { Citation, Clause, Diagnostic } from '../types';

/**
 * What a coding agent (or a prompt) needs to know about the specs, as plain data: a clause card (the hover's facts),
 * the clauses that govern a file or a range of its lines, a text search over clauses, the open questions of a spec,
 * and a compact Markdown context block. One resolution path: everything comes from `IndexModel.resolve` [^ag1m].
 * Pure: file texts (examples, specs) come in through callbacks.
 */

export interface ClauseRef {
  id: string;
  title: string;
}

export interface CitationAt {
  file: string;
  /** 1-based. */
  line: number;
  kind: Citation['kind'];
}

export interface ClauseCard {
  id: string;
  kind: Clause['kind'];
  title: string;
  authority?: string;
  file: string;
  /** 1-based line of the heading (or of the footnote's first reference). */
  line: number;
  /** Enclosing headings, outermost first. */
  section: string[];
  text: string;
  /** The enclosing clauses, innermost first (a footnote's section clause, a subsection's clause, …). */
  parents: ClauseRef[];
  example?: { path?: string; exists: boolean };
  citations: CitationAt[];
  /** More than one clause declares this id. */
  duplicates?: number;
}

/** The card of an id, or undefined when no spec declares it. */
export function clauseCard(model: IndexModel, id: string): ClauseCard | undefined {
  const r = model.resolve(id);
  const c = r.clause;
  if (!c) return undefined;
  const card: ClauseCard = {
    id: c.id,
    kind: c.kind,
    title: c.title,
    file: c.file,
    line: c.range.start.line + 1,
    section: [...c.section],
    text: c.text,
    parents: parentChain(model, c),
    citations: r.citations.map((x) => ({ file: x.file, line: x.range.start.line + 1, kind: x.kind })),
  };
  if (c.authority !== undefined) card.authority = c.authority;
  if (r.example && (r.example.exists || r.example.expected)) card.example = { ...(r.example.path !== undefined ? { path: r.example.path } : {}), exists: r.example.exists };
  if (r.clauses.length > 1) card.duplicates = r.clauses.length;
  return card;
}

function parentChain(model: IndexModel, clause: Clause): ClauseRef[] {
  const out: ClauseRef[] = [];
  const seen = new Set<string>([clause.id]);
  let parent = clause.parent;
  while (parent !== undefined && !seen.has(parent) && out.length < 16) {
    seen.add(parent);
    const p = model.resolve(parent).clause;
    if (!p) break;
    out.push({ id: p.id, title: p.title });
    parent = p.parent;
  }
  return out;
}

export interface LineRange {
  /** 1-based, inclusive. */
  from: number;
  /** 1-based, inclusive. */
  to: number;
}

export interface GoverningClauses {
  file: string;
  lines?: LineRange;
  /** Each citation in the file (or range), in order. */
  citations: { id: string; line: number; known: boolean }[];
  /** The cited clauses, in order of first citation, each once. */
  clauses: ClauseCard[];
  /** Cited ids no spec declares. */
  unknown: string[];
}

/** The clauses a code or test file (or a range of its lines) cites, with their cards. */
export function governingClauses(model: IndexModel, file: string, lines?: LineRange): GoverningClauses {
  const facts = model.code.get(file);
  const result: GoverningClauses = { file, citations: [], clauses: [], unknown: [] };
  if (lines) result.lines = lines;
  if (!facts) return result;
  const seen = new Set<string>();
  for (const c of facts.citations) {
    const line = c.range.start.line + 1;
    if (lines && (line < lines.from || line > lines.to)) continue;
    const card = seen.has(c.id) ? undefined : clauseCard(model, c.id);
    const known = seen.has(c.id) ? !result.unknown.includes(c.id) : card !== undefined;
    result.citations.push({ id: c.id, line, known });
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (card) result.clauses.push(card);
    else result.unknown.push(c.id);
  }
  return result;
}

export interface ClauseHit {
  id: string;
  title: string;
  file: string;
  line: number;
  authority?: string;
  score: number;
  /** The part of the clause text around the first match. */
  snippet: string;
}

/**
 * Clauses whose id, title, section or text contain the words of a query, best first: every word must occur; a word in
 * the id or title counts more than one in the text. Case-insensitive; bounded by `limit`.
 */
export function searchClauses(model: IndexModel, query: string, limit = 20): ClauseHit[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_.:-]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16);
  if (!words.length) return [];
  const hits: { hit: ClauseHit; length: number }[] = [];
  const seen = new Set<string>();
  for (const c of model.clauses) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const id = c.id.toLowerCase();
    const title = c.title.toLowerCase();
    const section = c.section.join(' ').toLowerCase();
    const text = c.text.toLowerCase();
    // A footnote clause's own sentence (the one its `[^id]` ends) says more about it than the rest of its paragraph.
    const own = c.kind === 'footnote' ? ownSentence(text, id) : '';
    let score = 0;
    let first = -1;
    let all = true;
    for (const w of words) {
      let s = 0;
      if (id === w) s += 10;
      else if (id.includes(w)) s += 5;
      if (title.includes(w)) s += 4;
      if (section.includes(w)) s += 1;
      const at = text.indexOf(w);
      if (own.includes(w)) s += 3;
      if (at >= 0) {
        s += 2;
        if (first < 0 || at < first) first = at;
      }
      if (s === 0) {
        all = false;
        break;
      }
      score += s;
    }
    if (!all) continue;
    const hit: ClauseHit = { id: c.id, title: c.title, file: c.file, line: c.range.start.line + 1, score, snippet: snippet(c.text, first) };
    if (c.authority !== undefined) hit.authority = c.authority;
    hits.push({ hit, length: c.text.length });
  }
  // Best score first; among equals the more specific (shorter) clause, then document order.
  hits.sort((a, b) => b.hit.score - a.hit.score || a.length - b.length || (a.hit.file < b.hit.file ? -1 : a.hit.file > b.hit.file ? 1 : a.hit.line - b.hit.line));
  return hits.slice(0, Math.max(1, Math.min(limit, 200))).map((h) => h.hit);
}

function ownSentence(text: string, id: string): string {
  const marker = text.indexOf(`[^${id}]`);
  if (marker < 0) return '';
  let start = marker;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1]!)) start--;
  return text.slice(start, marker);
}

function snippet(text: string, at: number): string {
  const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
  if (at < 0) return flat(text.slice(0, 160));
  const start = Math.max(0, at - 60);
  return `${start > 0 ? '…' : ''}${flat(text.slice(start, at + 100))}${at + 100 < text.length ? '…' : ''}`;
}

export interface OpenQuestion {
  kind: 'ambiguity' | 'needs-clarification';
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The clause the question belongs to, when known. */
  clauseId?: string;
  /** The vague phrase, or the marker's text. */
  phrase: string;
  question: string;
  code?: string;
}

const NEEDS_CLARIFICATION_RE = /\[NEEDS CLARIFICATION:?\s*([^\]\n]{0,500})\]/g;

/**
 * The open questions of a spec: its ambiguity findings (offline and LLM) and its `[NEEDS CLARIFICATION: …]` markers
 * (spec-kit), in document order. `text` is the spec's current text (markers are read from it).
 */
export function openQuestions(diagnostics: readonly Diagnostic[], file: string, text: string | undefined): OpenQuestion[] {
  const out: OpenQuestion[] = [];
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    if (d.file !== file || !d.code.startsWith('ambiguity.')) continue;
    const data = (d.data ?? {}) as { phrase?: unknown; question?: unknown; clauseId?: unknown };
    const q: OpenQuestion = {
      kind: 'ambiguity',
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      phrase: typeof data.phrase === 'string' ? data.phrase : '',
      question: typeof data.question === 'string' ? data.question : d.message,
      code: d.code,
    };
    if (typeof data.clauseId === 'string') q.clauseId = data.clauseId;
    out.push(q);
  }
  if (text !== undefined && text.includes('NEEDS CLARIFICATION')) {
    let line = 0;
    let lineStart = 0;
    let scanned = 0;
    for (const m of text.matchAll(NEEDS_CLARIFICATION_RE)) {
      for (let i = scanned; i < m.index; i++) {
        if (text.charCodeAt(i) === 10) {
          line++;
          lineStart = i + 1;
        }
      }
      scanned = m.index;
      const phrase = m[1]!.trim();
      out.push({ kind: 'needs-clarification', file, line: line + 1, column: m.index - lineStart + 1, phrase, question: phrase || 'Open question (no text).' });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

export interface ContextOptions {
  /** The most characters of the whole block (default 8,000). */
  maxChars?: number;
  /** The text of an example file (bounded by the caller), to include under its clause. */
  exampleText?: (path: string) => string | undefined;
  /** Characters of one clause's text (default 1,200). */
  maxClauseChars?: number;
}

export interface ContextBlock {
  markdown: string;
  /** Clauses included in full. */
  included: string[];
  /** Clauses left out for the size bound (named in the block's last line). */
  omitted: string[];
  truncated: boolean;
}

/**
 * The clauses a file (or range) cites as one Markdown block to paste into a prompt: per clause its id, title,
 * authority, location, parents, text and example, bounded in size; what did not fit is named at the end [^ag2c].
 */
export function contextMarkdown(governing: GoverningClauses, options: ContextOptions = {}): ContextBlock {
  const max = Math.max(500, options.maxChars ?? 8000);
  const maxClause = Math.max(100, options.maxClauseChars ?? 1200);
  const range = governing.lines ? ` (lines ${governing.lines.from}-${governing.lines.to})` : '';
  const head = [`# Spec clauses cited by ${governing.file}${range}`, ''];
  if (!governing.clauses.length && !governing.unknown.length) head.push('_No clause citations._');
  let out = head.join('\n');
  const included: string[] = [];
  const omitted: string[] = [];
  let truncated = false;
  for (const card of governing.clauses) {
    // Whole, else without the example's text, else left out (and named).
    let section = renderCard(card, maxClause, options.exampleText);
    if (out.length + section.text.length + 200 > max && card.example?.exists) {
      section = renderCard(card, maxClause, undefined);
      section.truncated = true;
    }
    if (out.length + section.text.length + 200 > max) {
      omitted.push(card.id);
      continue;
    }
    if (section.truncated) truncated = true;
    out += `\n${section.text}`;
    included.push(card.id);
  }
  if (governing.unknown.length) out += `\n\n_Cited but declared by no spec:_ ${governing.unknown.map((id) => `\`${id}\``).join(', ')}`;
  if (omitted.length) {
    truncated = true;
    out += `\n\n_Truncated to ${max.toLocaleString('en-US')} characters; left out: ${omitted.map((id) => `\`${id}\``).join(', ')} (ask for them one by one)._`;
  }
  return { markdown: `${out.trimEnd()}\n`, included, omitted, truncated };
}

function renderCard(card: ClauseCard, maxChars: number, exampleText?: (path: string) => string | undefined): { text: string; truncated: boolean } {
  let truncated = false;
  const lines: string[] = [];
  const meta = [`\`${card.file}:${card.line}\``];
  if (card.authority) meta.push(`authority **${card.authority}**`);
  lines.push(`## \`${card.id}\` — ${oneLine(card.title)}`, '', meta.join(' · '));
  if (card.parents.length) lines.push(`Inside: ${card.parents.map((p) => `\`${p.id}\` ${oneLine(p.title)}`).join(' › ')}`);
  lines.push('');
  let text = card.text.trim();
  if (text.length > maxChars) {
    text = `${text.slice(0, maxChars).trimEnd()}…`;
    truncated = true;
  }
  if (text) lines.push(...text.split('\n').map((l) => `> ${l}`), '');
  if (card.example?.exists && card.example.path) {
    const ex = exampleText?.(card.example.path);
    if (ex !== undefined && ex.trim()) {
      let body = ex.trim();
      if (body.length > maxChars) {
        body = `${body.slice(0, maxChars).trimEnd()}…`;
        truncated = true;
      }
      const fence = longestFence(body);
      lines.push(`Example (\`${card.example.path}\`):`, '', `${fence}markdown`, body, fence, '');
    } else lines.push(`Example: \`${card.example.path}\` (not included)`, '');
  }
  return { text: lines.join('\n'), truncated };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A backtick fence longer than any backtick run in the body. */
function longestFence(body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
