/**
 * Citations of spec clauses in source files: `[^id]` inside comments (and Python docstrings), e.g.
 * `// Sessions expire after 30 min [^au3f]`. Strings, regex literals and code are never searched.
 * Implements [^citations] [^ci1c] and [^ci4s].
 */

import { ID_PATTERN } from '../text';
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
}

export interface FoundCitations {
  /** The language id of the file (see languages.ts); undefined for file types that are not source. */
  language?: string;
  citations: RawCitation[];
}

const BACKTICK = 96;
const BACKSLASH = 92;
const LBRACKET = 91;
const CARET = 94;
const LF = 10;
const CR = 13;

/**
 * `[^id]` at a position (sticky), or a list citing several ids at once: `[^a, ^b]`, `[^a,b]`, `[^a, b]` [^ci2m]. The
 * id grammar has no `]`, `,` or blank, so matching is linear.
 */
const CITATION = new RegExp(`\\[\\^(${ID_PATTERN})((?:[ \\t]*,[ \\t]*\\^?${ID_PATTERN})*)\\]`, 'y');
/** One more id of a list (`, ^b`), sticky. */
const LIST_ITEM = new RegExp(`[ \\t]*,[ \\t]*(\\^?)(${ID_PATTERN})`, 'y');

/**
 * The citations in a source file, in order. Unknown file types have none (and no language). Files without `[^`
 * return at once without lexing. Never throws.
 */
export function findCitations(path: string, text: string): FoundCitations {
  const lang = languageForPath(path);
  if (!lang) return { citations: [] };
  if (!text.includes('[^')) return { language: lang.id, citations: [] };
  return { language: lang.id, citations: citationsInComments(text, scanComments(lang, text)) };
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
 * line (`` `[^a-z]` `` describes a regex in prose), and a backslash-escaped `\[^x]`.
 */
export function citationsInComments(text: string, spans: readonly CommentSpan[]): RawCitation[] {
  const out: RawCitation[] = [];
  try {
    // `next` only moves forward, so the indexOf calls together read the text once.
    let next = text.indexOf('[^');
    for (const span of spans) {
      if (next < 0) break;
      if (next < span.start) next = text.indexOf('[^', span.start);
      if (next < 0) break;
      if (next >= span.end) continue; // most comments have no citation: not even read
      scanSpan(text, Math.max(0, span.start), Math.min(text.length, span.end), out);
    }
  } catch {
    // Never throw: keep what was found.
  }
  return out;
}

function scanSpan(text: string, start: number, end: number, out: RawCitation[]): void {
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
        pushCitations(m, i, out);
        i += m[0].length;
      } else i += 2;
    } else i++;
  }
}

/**
 * The citations of one `[^…]` match at `at`: one for `[^id]`; one per id for a list, each with its exact id range and a
 * range of its own (`[^a`, `^b`, `c]`: the first starts at the bracket, the last ends with it), so the ids of a list
 * are told apart by position [^ci2m].
 */
function pushCitations(m: RegExpExecArray, at: number, out: RawCitation[]): void {
  const first = m[1]!;
  const close = at + m[0].length;
  if (!m[2]) {
    out.push({ id: first, start: at, end: close, idStart: at + 2, idEnd: at + 2 + first.length });
    return;
  }
  out.push({ id: first, start: at, end: at + 2 + first.length, idStart: at + 2, idEnd: at + 2 + first.length });
  const list = m[2];
  const base = at + 2 + first.length;
  LIST_ITEM.lastIndex = 0;
  for (let item = LIST_ITEM.exec(list); item; item = LIST_ITEM.exec(list)) {
    const idEnd = base + LIST_ITEM.lastIndex;
    const id = item[2]!;
    const idStart = idEnd - id.length;
    const last = LIST_ITEM.lastIndex === list.length;
    out.push({ id, start: idStart - item[1]!.length, end: last ? idEnd + 1 : idEnd, idStart, idEnd });
    if (last) break;
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

/** An odd number of backslashes right before `i`. */
function escaped(text: string, i: number, start: number): boolean {
  let k = i - 1;
  while (k >= start && text.charCodeAt(k) === BACKSLASH) k--;
  return (i - 1 - k) % 2 === 1;
}
