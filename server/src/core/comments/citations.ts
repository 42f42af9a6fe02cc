/**
 * Citations of spec clauses in source files: `[^id]` inside comments (and Python docstrings), e.g.
 * `// Sessions expire after 30 min [^au3f]`. Strings, regex literals and code are never searched.
 * Implements [^citations] [^ci1c] and [^ci4s].
 */

import { ID_PATTERN } from '../text/lineIndex';
import { scanComments, type CommentSpan } from './comments';
import { languageForPath } from './languages';

export type { CommentSpan } from './comments';

/** One `[^id]` found in a comment, as UTF-16 offsets of the whole citation and of the id. */
export interface RawCitation {
  id: string;
  start: number;
  end: number;
  idStart: number;
  idEnd: number;
  /**
   * The comment's own Markdown footnote, not a citation of a spec [^citations]: its comment block (comment lines with
   * nothing but blanks between them, or one block comment or docstring) both defines the label, `[^x]: text` first on
   * a comment line (after the marker and blanks), and refers to it elsewhere (rustdoc's `/// text[^x]` with
   * `/// [^x]: note`). Set on the definition and on every reference in that block; such a citation still cites when a
   * clause has the id, and is never reported as an unknown id.
   */
  footnote?: true;
}

export interface FoundCitations {
  /** The language id of the file (see languages.ts); undefined for file types that are not source. */
  language?: string;
  citations: RawCitation[];
}

const BACKTICK = 96;
const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const CARET = 94;
const BANG = 33;
const COLON = 58;
const LF = 10;
const CR = 13;

/** `[^id]` at a position (sticky). The id grammar has no `]`, so matching is linear. */
const CITATION = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'y');
/**
 * `[^a-z0-9]`, `[^A-Za-z_]`, `[^0-9a-f.-]`: a regex's negated character class named in a comment ("Replace [^a-z0-9]
 * with a space"), not a citation: whole-class ranges (`a-z`, `A-Z`, `0-9`, `a-f`, `A-F`) and punctuation only, one
 * range at least. An id with a letter or digit of its own (`data-f`, `api-v2`, `au3f`) is a citation.
 */
const CLASS_ITEMS = /^(?:a-z|A-Z|0-9|a-f|A-F|[_.-])+$/;
const CLASS_RANGE = /a-z|A-Z|0-9|a-f|A-F/;
/** (Two linear tests, no backtracking on a long hostile id.) */
function isCharacterClass(id: string): boolean {
  return CLASS_ITEMS.test(id) && CLASS_RANGE.test(id);
}
/** An id at a position (sticky): the items of a list `[^a, ^b]` [^ci2m]. */
const LIST_ID = new RegExp(ID_PATTERN, 'y');

/**
 * The citations in a source file, in order. Unknown file types have none (and no language). Files without `[^`
 * return at once without lexing. Never throws.
 */
export function findCitations(path: string, text: string): FoundCitations {
  const lang = languageForPath(path);
  if (!lang) return { citations: [] };
  // indexOf first: V8's forward search is 4-7x its backward one, and most source files have no `[^` (the 10k bench
  // workspace: 5,360 of 8,562 code files, 20 MB; 15 -> 2-4 ms a pass over them, measured).
  if (text.indexOf('[^') < 0) return { language: lang.id, citations: [] };
  const last = text.lastIndexOf('[^');
  // Only the comments up to the last `[^` can hold a citation: the rest of the file is not lexed.
  return { language: lang.id, citations: citationsInComments(text, scanComments(lang, text, last)) };
}

/** The comment spans of a source file, or undefined when its type is not a source language. */
export function commentSpansForPath(path: string, text: string): CommentSpan[] | undefined {
  const lang = languageForPath(path);
  return lang ? scanComments(lang, text) : undefined;
}

/**
 * Whether a cursor at `offset` is inside a comment (for completing `[^` only there). A cursor right after a line
 * comment's last character, or at the end of an unterminated comment, is inside; a cursor before a comment's first
 * character or right after a closed block comment is not.
 */
export function isInComment(path: string, text: string, offset: number): boolean {
  const spans = commentSpansForPath(path, text);
  return spans ? spanAt(spans, offset) !== undefined : false;
}

/** The span containing a cursor at `offset` (see isInComment), by binary search over sorted spans. */
export function spanAt(spans: readonly CommentSpan[], offset: number): CommentSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (offset <= s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else if (offset < s.end || s.kind === 'line' || s.unterminated) return s;
    else return undefined;
  }
  return undefined;
}

/**
 * The `[^id]` citations inside the given comment spans. Skipped: a citation inside a backtick code span on the same
 * line (`` `[^a-z]` `` describes a regex in prose), a backslash-escaped `\[^x]`, and a regex character class named in
 * prose (`[^a-z0-9]`, isCharacterClass).
 */
export function citationsInComments(text: string, spans: readonly CommentSpan[]): RawCitation[] {
  const out: RawCitation[] = [];
  const defined = new Set<string>();
  // The span of each citation in `out` (by index), and the citations that stand where a footnote definition would.
  const spanOf: number[] = [];
  const lineStart = new Set<RawCitation>();
  try {
    // `next` only moves forward, so the indexOf calls together read the text once.
    let next = text.indexOf('[^');
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k]!;
      if (next < 0) break;
      if (next < span.start) next = text.indexOf('[^', span.start);
      if (next < 0) break;
      if (next >= span.end) continue; // most comments have no citation: not even read
      scanSpan(text, Math.max(0, span.start), Math.min(text.length, span.end), out, defined, lineStart);
      while (spanOf.length < out.length) spanOf.push(k);
    }
    if (lineStart.size) markOwnFootnotes(text, spans, out, spanOf, lineStart);
  } catch {
    // Never throw: keep what was found.
  }
  // The comments quote Markdown that defines these notes (`[^remark]: …`): its `[^remark]` is that note's reference.
  return defined.size ? out.filter((c) => !defined.has(c.id)) : out;
}

/**
 * Marks the citations that are their comment block's own footnote (RawCitation.footnote): a label the block defines
 * (`[^x]:` first on a comment line) and refers to elsewhere. A block is a run of comment spans with only blanks and
 * line breaks between them (code ends it); each span's block is found by walking back over such gaps, memoized, so
 * only the gaps before spans with a citation are read, each once.
 */
function markOwnFootnotes(text: string, spans: readonly CommentSpan[], out: RawCitation[], spanOf: number[], lineStart: Set<RawCitation>): void {
  const blockOf = new Map<number, number>();
  const block = (k: number): number => {
    const walked: number[] = [];
    let b = k;
    let known: number | undefined;
    while ((known = blockOf.get(b)) === undefined && b > 0 && blanksOnly(text, spans[b - 1]!.end, spans[b]!.start)) {
      walked.push(b);
      b--;
    }
    const first = known ?? b;
    blockOf.set(b, first);
    for (const w of walked) blockOf.set(w, first);
    return first;
  };
  // Per block and label: how many times it is written, and whether one of them is a definition.
  const groups = new Map<string, { count: number; defines: boolean }>();
  const keys: string[] = [];
  for (let n = 0; n < out.length; n++) {
    const c = out[n]!;
    const key = `${block(spanOf[n]!)} ${c.id}`;
    keys.push(key);
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.defines ||= lineStart.has(c);
    } else groups.set(key, { count: 1, defines: lineStart.has(c) });
  }
  for (let n = 0; n < out.length; n++) {
    const g = groups.get(keys[n]!)!;
    if (g.defines && g.count >= 2) out[n]!.footnote = true;
  }
}

/** Only blanks and line breaks from `from` to `to` (the gap between two comments of one block). */
function blanksOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== LF && c !== CR) return false;
  }
  return true;
}

function scanSpan(text: string, start: number, end: number, out: RawCitation[], defined: Set<string>, lineStart: Set<RawCitation>): void {
  // The backtick runs of the current line by length (built on the first backtick of the line, in one pass), with a
  // cursor per length: finding a run's closing run costs O(1) amortized, whatever the mix of run lengths (looking
  // ahead for each new length was O(n^1.5) on runs of 1, 2, 3, … backticks).
  let runs: Map<number, { at: number[]; next: number }> | undefined;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      runs = undefined;
      i++;
    } else if (c === BACKTICK) {
      let j = i;
      while (j < end && text.charCodeAt(j) === BACKTICK) j++;
      runs ??= lineRuns(text, i, end);
      const list = runs.get(j - i)!;
      while (list.next < list.at.length && list.at[list.next]! <= i) list.next++;
      if (list.next < list.at.length) {
        const close = list.at[list.next]!;
        list.next++;
        i = close + (j - i);
      } else i = j;
    } else if (c === LBRACKET && text.charCodeAt(i + 1) === CARET && !escaped(text, i, start)) {
      CITATION.lastIndex = i;
      const m = CITATION.exec(text);
      if (m && i + m[0].length <= end) {
        const id = m[1]!;
        const after = i + m[0].length;
        const syntax = isCharacterClass(id) ? 'class' : footnoteSyntax(text, start, i, after);
        if (syntax === 'definition') defined.add(id);
        else if (!syntax) {
          const c: RawCitation = { id, start: i, end: after, idStart: i + 2, idEnd: i + 2 + id.length };
          out.push(c);
          if (text.charCodeAt(after) === COLON && firstOnLine(text, start, i)) lineStart.add(c);
        }
        i = after;
      } else if (text.charCodeAt(i - 1) === BANG && i > start) i += 2;
      else i = citationList(text, i, end, out);
    } else i++;
  }
}

/**
 * A list citing several ids at `at` (`[^a, ^b]`, `[^a,b]`, `[^a, b]`) [^ci2m]: one citation per id, each with its exact id
 * range and a range of its own (`[^a`, `^b`, `c]`: the first starts at the bracket, the last ends with it), so the ids
 * of a list are told apart by position. Returns where scanning goes on: after the list, or after `[^` when there is no
 * list (nothing is cited then). Read with a sticky id pattern and character tests: no backtracking, no substrings
 * but the ids.
 */
function citationList(text: string, at: number, end: number, out: RawCitation[]): number {
  // First pass: is it a list, and where does it close? (Nothing is allocated for text that is not a list.)
  const close = listEnd(text, at, end, false, out);
  if (close < 0) return at + 2;
  listEnd(text, at, end, true, out);
  return close + 1;
}

/** The offset of the `]` closing a list of at least two ids at `at`, or -1; with `emit`, pushes one citation per id. */
function listEnd(text: string, at: number, end: number, emit: boolean, out: RawCitation[]): number {
  let i = at + 2;
  let start = at;
  for (let count = 1; ; count++) {
    LIST_ID.lastIndex = i;
    if (!LIST_ID.test(text) || LIST_ID.lastIndex > end) return -1;
    const idStart = i;
    const idEnd = LIST_ID.lastIndex;
    // Ids end at a comma or at the bracket: `[^a, ^b ]` is no list.
    const closes = text.charCodeAt(idEnd) === RBRACKET;
    if (emit) out.push({ id: text.slice(idStart, idEnd), start, end: closes ? idEnd + 1 : idEnd, idStart, idEnd });
    if (closes) return count >= 2 && idEnd < end ? idEnd : -1;
    i = idEnd;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    if (i >= end || text.charCodeAt(i) !== COMMA) return -1;
    i++;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    start = i;
    if (text.charCodeAt(i) === CARET) i++;
  }
}

/** The starts of the backtick runs from `from` to the end of its line (or `end`), grouped by run length. */
function lineRuns(text: string, from: number, end: number): Map<number, { at: number[]; next: number }> {
  const runs = new Map<number, { at: number[]; next: number }>();
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    if (c === BACKTICK) {
      let j = i;
      while (j < end && text.charCodeAt(j) === BACKTICK) j++;
      const list = runs.get(j - i);
      if (list) list.at.push(i);
      else runs.set(j - i, { at: [i], next: 0 });
      i = j;
    } else i++;
  }
  return runs;
}

/**
 * Markdown's footnote syntax quoted in a comment (a Markdown tool's comments explain it), not a citation
 * [^citations]: a `definition`, `[^note]: text` quoted as an example, the `[^id]` first on its comment line, indented
 * past the comment's text (at least two blanks or a tab after the comment's marker, `//`, ` * `, `#`: how doc comments
 * show code) and a colon right after it, as a footnote definition starts a Markdown line (and the file's other
 * `[^note]` are then that note's references: citationsInComments); an `image`, `![^id]`, an image's `!` before the
 * bracket. `// [^au3f]: why this code exists` (one blank) and a citation followed by a colon later in a line
 * (`// Bounded memory [^big_documents]: …`) still cite.
 */
function footnoteSyntax(text: string, start: number, at: number, after: number): 'definition' | 'image' | undefined {
  if (at > start && text.charCodeAt(at - 1) === BANG) return 'image';
  if (text.charCodeAt(after) !== COLON) return undefined;
  let k = at - 1;
  let blanks = 0;
  for (; k >= start; k--) {
    const c = text.charCodeAt(k);
    if (c === TAB) blanks += 2;
    else if (c === SPACE) blanks++;
    else break;
  }
  if (blanks < 2) return undefined;
  return firstOnLine(text, start, k + 1) ? 'definition' : undefined;
}

/**
 * Whether only blanks and a comment's marker stand before `at` on its line within the comment (`//`, `///`, `//!`,
 * ` * `, `#`, or nothing in a docstring): where a Markdown footnote definition starts.
 */
function firstOnLine(text: string, start: number, at: number): boolean {
  for (let k = at - 1; k >= start; k--) {
    const c = text.charCodeAt(k);
    if (c === LF || c === CR) return true;
    // Blanks and ASCII punctuation (comment markers) only: a letter, digit or other character is text before it; so
    // is a `]` (which also keeps `[^a]:[^a]:…` linear: the walk back stops at the previous citation).
    const mark = c === SPACE || c === TAB || (c > SPACE && c < 127 && c !== RBRACKET && !isAlnum(c));
    if (!mark) return false;
  }
  return true;
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** An odd number of backslashes right before `i`. */
function escaped(text: string, i: number, start: number): boolean {
  let k = i - 1;
  while (k >= start && text.charCodeAt(k) === BACKSLASH) k--;
  return (i - 1 - k) % 2 === 1;
}
