import { isRecordHeading, markdownSkeleton, parseSpecChunked, RECORD_TITLE, specChunks, type SpecChunkCache, type SpecFacts } from '../markdown/parseSpec';
import { comparePositions, isValidId, LineIndex } from '../text/lineIndex';
import type { Diagnostic, Range } from '../types';
import type { FileEdit } from './edits';

/**
 * Answering a clarifying question in the editor: the answer replaces the vague phrase (or follows it), and the
 * decision is recorded in the spec's decision record, a `## Clarifications` section without an id (not a clause: two
 * specs with a record declare no duplicate id, and there is nothing to cite) that the answered clause's hover links
 * to — date, clause, phrase, question, answer — so it stays with the spec. Pure: the caller passes the text and the
 * date. [^clarifications_log] [^cq4r] [^cq2r]
 *
 * The answer is data [^cq8d]: whatever the user typed, the document keeps its structure (clauses, headings, fences,
 * comments, footnotes, links). Markdown syntax in the answer is escaped, line breaks are folded, and the result is
 * re-parsed and compared with the text before: an edit that would change the structure is refused, never applied.
 */

/** The id of the record section of earlier versions (a heading clause); an existing one is still appended to. */
export const CLARIFICATIONS_ID = 'clarifications';
const MAX_ANSWER = 2000;

export interface Answer {
  file: string;
  /** The vague phrase in the spec. */
  range: Range;
  phrase: string;
  question: string;
  answer: string;
  /** `replace`: the answer replaces the phrase; `append`: it follows the phrase in parentheses. */
  mode: 'replace' | 'append';
  clauseId?: string;
  /** YYYY-MM-DD */
  date: string;
}

/**
 * Markdown text that reads as `s` and creates no structure wherever it is put in a line of prose [^cq8d]: whitespace
 * is folded to single spaces, control characters dropped, the characters of inline and block syntax backslash-escaped
 * (a list marker, setext or table underline or ordered-list number at the start too), and the first character kept
 * from combining with the text before it (`before`): after an odd run of backslashes, or after `<` or `&`.
 */
export function escapeMarkdownText(s: string, before = ''): string {
  let out = oneLine(s).replace(/[\\`*_[\]<>!#{}|~^&]/g, '\\$&');
  // Block starts, in case the text begins a line: `- x`, `+ x`, `===`, `:-:`, `1. x`, `1) x`.
  out = out.replace(/^([-+=:])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  if (!out) return out;
  const backslashes = /\\*$/.exec(before)![0].length;
  // `\` + `\*` would be an escaped backslash and a live `*` (and `\` + `(` an escaped `(`): one more backslash keeps
  // both literal.
  if (backslashes % 2 === 1 && /^[!-/:-@[-`{-~]/.test(out)) out = `\\${out}`;
  // `<` + `div x` would be a tag, `&` + `amp;` an entity: the first letter as a character reference reads the same.
  else if (backslashes % 2 === 0 && /[<&]$/.test(before) && /^[A-Za-z0-9]/.test(out)) out = `&#${out.charCodeAt(0)};${out.slice(1)}`;
  return out;
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

export function answerEdits(text: string, a: Answer): FileEdit[] | { error: string } {
  if (a.mode !== 'replace' && a.mode !== 'append') return { error: 'The answer mode must be replace or append.' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date)) return { error: 'The date of the answer must be YYYY-MM-DD.' };
  const answer = oneLine(a.answer);
  if (!answer) return { error: 'The answer is empty.' };
  if (answer.length > MAX_ANSWER) return { error: `The answer is longer than ${MAX_ANSWER} characters; put the details in the spec itself.` };
  const lines = new LineIndex(text);
  const start = lines.offsetAt(a.range.start);
  const end = lines.offsetAt(a.range.end);
  // The edit is made for this text: the phrase must be where the question was asked [^se5v].
  if (end < start || text.slice(start, end) !== a.phrase || !a.phrase) {
    return { error: `The spec changed: “${oneLine(a.phrase)}” is no longer at line ${a.range.start.line + 1}; nothing was changed. Use the Answer quick fix again.` };
  }
  const inline: FileEdit =
    a.mode === 'replace'
      ? { kind: 'text', file: a.file, range: a.range, newText: escapeMarkdownText(answer, text.slice(Math.max(0, start - 64), start)) }
      : { kind: 'text', file: a.file, range: { start: a.range.end, end: a.range.end }, newText: ` (${escapeMarkdownText(answer, '(')})` };

  const clauseId = a.clauseId !== undefined && isValidId(a.clauseId) ? a.clauseId : undefined;
  const entry = `- ${a.date} · ${clauseId ? `\`${clauseId}\` · ` : ''}“${escapeMarkdownText(a.phrase)}”: ${escapeMarkdownText(a.question)} → **${escapeMarkdownText(answer)}**`;
  const { facts, cache } = parseSpecChunked(a.file, text);
  const record = recordSection(facts, lines, text);
  let recordEdit: FileEdit;
  if (record) {
    // At the end of the section: before the next heading of the same or a higher level, or at the end.
    const at = lines.positionAt(record.end);
    const previous = lastLine(text.slice(0, record.end));
    // Right after the last entry, else after a blank line; a text without a final line break gets one first.
    const lead = (record.end === text.length && !/[\r\n]$/.test(text) ? '\n' : '') + (/^- /.test(previous) || previous === '' ? '' : '\n');
    const newText = `${lead}${entry}\n${record.end === text.length ? '' : '\n'}`;
    recordEdit = { kind: 'text', file: a.file, range: { start: at, end: at }, newText };
  } else {
    const at = facts.end;
    const lead = text.length === 0 ? '' : at.character === 0 ? '\n' : '\n\n';
    recordEdit = {
      kind: 'text',
      file: a.file,
      range: { start: at, end: at },
      newText: `${lead}## ${RECORD_TITLE}\n\nDecisions taken while answering the clarifying questions of this spec.\n\n${entry}\n`,
    };
  }
  const edits = [inline, recordEdit];
  // Edits must not overlap and must be in document order for every editor.
  edits.sort((x, y) => (x.kind === 'text' && y.kind === 'text' ? comparePositions(x.range.start, y.range.start) : 0));
  const problem = structureChange(a.file, text, inline, edits, { facts, cache }, clauseId, !record);
  if (problem) return { error: `The answer could not be added without changing the structure of the spec (${problem}); nothing was changed.` };
  return edits;
}

/** Offsets of the first decision record: from its heading to the next heading of the same or a higher level. */
function recordSection(facts: SpecFacts, lines: LineIndex, text: string): { start: number; end: number } | undefined {
  const i = facts.headings.findIndex((h) => isRecordHeading(h.title, h.id));
  if (i < 0) return undefined;
  const heading = facts.headings[i]!;
  const next = facts.headings.slice(i + 1).find((h) => h.level <= heading.level);
  return { start: lines.offsetAt(heading.range.start), end: next ? lines.offsetAt({ line: next.range.start.line, character: 0 }) : text.length };
}

/** The last line of a text, without its line break ('' when it is blank). */
function lastLine(s: string): string {
  const body = s.replace(/(?:\r\n|\r|\n)$/, '');
  return body.slice(Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r')) + 1).trim();
}

function applyEdits(text: string, edits: FileEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .filter((e): e is Extract<FileEdit, { kind: 'text' }> => e.kind === 'text')
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((x, y) => y.start - x.start);
  for (const s of spans) text = text.slice(0, s.start) + s.text + text.slice(s.end);
  return text;
}

const declared = (f: SpecFacts): string =>
  JSON.stringify([
    f.headingClauses.map((c) => [c.id, c.parent]),
    f.footnoteRefs.map((r) => r.id),
    f.footnoteDefs.map((d) => d.id),
    f.links.map((l) => l.url),
    f.malformed.map((m) => m.raw),
  ]);

/** The texts of a document's chunks (parsed as the whole document is, see specChunks). */
function chunkTexts(text: string): string[] {
  const starts = specChunks(text);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

const skeletonOf = (text: string): string[] =>
  markdownSkeleton(text)
    .slice(1)
    .map((n) => n.node);

/** Whether `b` is `a` with one of the `insertions` put in at one place. */
function insertedOnce(a: string[], b: string[], insertions: string[][]): boolean {
  let same = 0;
  while (same < a.length && a[same] === b[same]) same++;
  for (const ins of insertions) {
    if (b.length !== a.length + ins.length) continue;
    for (let p = 0; p <= same; p++) {
      if (ins.every((x, k) => b[p + k] === x) && a.slice(p).every((x, k) => b[p + ins.length + k] === x)) return true;
    }
  }
  return false;
}

/**
 * What the two edits would change in the document's structure besides one recorded decision (a description), or
 * undefined [^cq8d]. The answer alone must leave the syntax tree as it was (prose only); the record edit must add one
 * entry (and, for a new record, its heading and paragraph) and nothing else. Compared chunk by chunk: chunks whose
 * text is unchanged parse as before, so a big spec costs one parse and the parses of the chunks the edits touch.
 */
function structureChange(file: string, text: string, inline: FileEdit, edits: FileEdit[], before: { facts: SpecFacts; cache: SpecChunkCache }, clauseId: string | undefined, newRecord: boolean): string | undefined {
  const answered = applyEdits(text, [inline]);
  // Both edits are made for `text` (the record edit may be on the answer's line, at the end of the document).
  const after = applyEdits(text, edits);
  const [a, b, c] = [chunkTexts(text), chunkTexts(answered), chunkTexts(after)];
  // 1. The answer: the same chunks, and the changed ones parse to the same tree.
  if (a.length !== b.length) return 'the answer would turn into Markdown syntax';
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && skeletonOf(a[i]!).join('\n') !== skeletonOf(b[i]!).join('\n')) return 'the answer would turn into Markdown syntax';
  }
  // 2. The record: one entry more, in one chunk (or a new last chunk that is the new record).
  const entry = ['listItem', 'paragraph', ...(clauseId ? [`inlineCode ${clauseId}`] : []), 'strong'];
  const section = ['heading 2', 'paragraph', 'list', ...entry];
  const changed: number[] = [];
  for (let i = 0; i < b.length; i++) if (b[i] !== c[i]) changed.push(i);
  const extra = c.length === b.length + 1 ? c[c.length - 1]! : undefined;
  if (c.length !== b.length && !extra) return 'the record would change the text around it';
  for (const i of changed) {
    if (extra !== undefined && i === b.length) continue;
    const x = skeletonOf(b[i]!);
    const y = skeletonOf(c[i]!);
    const ok =
      extra !== undefined
        ? x.join('\n') === y.join('\n') // the chunk before a new record gains blank lines only
        : changed.length === 1 && insertedOnce(x, y, newRecord ? [section] : [entry, ['list', ...entry]]);
    if (!ok) return 'the record would change the text around it';
  }
  if (extra !== undefined && (!newRecord || skeletonOf(extra).join('\n') !== section.join('\n'))) return 'the record would not be read as one';
  // 3. Clauses, references, links and the record, read the way the index reads them.
  const factsAnswered = parseSpecChunked(file, answered, before.cache);
  const factsAfter = parseSpecChunked(file, after, factsAnswered.cache).facts;
  if (declared(factsAfter) !== declared(factsAnswered.facts) || declared(factsAnswered.facts) !== declared(before.facts)) return 'clauses, references or links would change';
  if (factsAfter.clarifications.length !== factsAnswered.facts.clarifications.length + (clauseId ? 1 : 0)) return 'the record entry would not be read as one';
  return undefined;
}

/** The answer request of the editor: which question, for which text, and the user's answer. Untrusted input. */
export interface AnswerParams {
  /** The diagnostic code of the question (`ambiguity.vague`, …). */
  code?: string;
  range: Range;
  phrase: string;
  clauseId?: string;
  answer: string;
  mode: 'replace' | 'append';
  date: string;
  /** The version (or content hash) of the document the question was asked for. */
  stamp?: string;
}

export function parseAnswerParams(raw: unknown): AnswerParams | { error: string } {
  const p = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const isPos = (x: unknown): x is { line: number; character: number } =>
    !!x && typeof x === 'object' && Number.isInteger((x as { line: unknown }).line) && Number.isInteger((x as { character: unknown }).character) && (x as { line: number }).line >= 0 && (x as { character: number }).character >= 0;
  const range = p['range'] as { start?: unknown; end?: unknown } | undefined;
  if (!range || !isPos(range.start) || !isPos(range.end)) return { error: 'The answer request has no valid range.' };
  if (typeof p['phrase'] !== 'string' || typeof p['answer'] !== 'string' || typeof p['date'] !== 'string') return { error: 'The answer request needs the phrase, the answer and the date.' };
  if (p['mode'] !== 'replace' && p['mode'] !== 'append') return { error: 'The answer mode must be replace or append.' };
  return {
    range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
    phrase: p['phrase'],
    answer: p['answer'],
    mode: p['mode'],
    date: p['date'],
    ...(typeof p['code'] === 'string' ? { code: p['code'] } : {}),
    ...(typeof p['clauseId'] === 'string' ? { clauseId: p['clauseId'] } : {}),
    ...(typeof p['stamp'] === 'string' ? { stamp: p['stamp'] } : {}),
  };
}

/**
 * The question an answer is for, found again in the current diagnostics of the file [^se5v]: by code, phrase and
 * clause, never trusting the client's range alone. While the document is the one the question was asked for
 * (`unchanged`), the range picks among equal questions; after a change, the question must be the only one of its
 * kind, or the answer is refused rather than put in the wrong place.
 */
export function findQuestion(current: readonly Diagnostic[], p: AnswerParams, unchanged: boolean): Diagnostic | { error: string } {
  const same = current.filter(
    (d) =>
      d.code.startsWith('ambiguity.') &&
      (p.code === undefined || d.code === p.code) &&
      d.data?.['phrase'] === p.phrase &&
      (p.clauseId === undefined || d.data?.['clauseId'] === p.clauseId),
  );
  const at = same.filter((d) => comparePositions(d.range.start, p.range.start) === 0 && comparePositions(d.range.end, p.range.end) === 0);
  if (unchanged && at.length) return at[0]!;
  if (same.length === 1) return same[0]!;
  if (same.length === 0) return { error: `“${oneLine(p.phrase)}” is no longer flagged in this spec (it changed since the question was asked); nothing was changed.` };
  return { error: `The spec changed since the question was asked, and “${oneLine(p.phrase)}” is flagged ${same.length} times in it now; nothing was changed. Use the Answer quick fix on the one you mean.` };
}

/** The edits of an answer request, computed from the current text and diagnostics of the file. */
export function answerRequestEdits(file: string, text: string, current: readonly Diagnostic[], raw: unknown, unchanged: (stamp: string | undefined) => boolean): FileEdit[] | { error: string } {
  const p = parseAnswerParams(raw);
  if ('error' in p) return p;
  const question = findQuestion(current, p, unchanged(p.stamp));
  if ('error' in question) return question;
  const data = question.data ?? {};
  return answerEdits(text, {
    file,
    range: question.range,
    phrase: typeof data['phrase'] === 'string' ? data['phrase'] : p.phrase,
    question: typeof data['question'] === 'string' ? data['question'] : question.message,
    answer: p.answer,
    mode: p.mode,
    date: p.date,
    ...(typeof data['clauseId'] === 'string' ? { clauseId: data['clauseId'] } : {}),
  });
}
