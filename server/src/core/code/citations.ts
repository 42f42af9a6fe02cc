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

/** `[^id]` at a position (sticky). The id grammar has no `]`, so matching is linear. */
const CITATION = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'y');

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
  // Backtick run lengths known to have no closing run on the current line (so no line is rescanned per length).
  const unclosed = new Set<number>();
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      unclosed.clear();
      i++;
    } else if (c === BACKTICK) {
      let j = i;
      while (j < end && text.charCodeAt(j) === BACKTICK) j++;
      const n = j - i;
      const close = unclosed.has(n) ? -1 : closingRun(text, j, end, n);
      if (close < 0) {
        unclosed.add(n);
        i = j;
      } else i = close + n;
    } else if (c === LBRACKET && text.charCodeAt(i + 1) === CARET && !escaped(text, i, start)) {
      CITATION.lastIndex = i;
      const m = CITATION.exec(text);
      if (m && i + m[0].length <= end) {
        const id = m[1]!;
        out.push({ id, start: i, end: i + m[0].length, idStart: i + 2, idEnd: i + 2 + id.length });
        i += m[0].length;
      } else i += 2;
    } else i++;
  }
}

/** The start of the next run of exactly `n` backticks on the same line, or -1. */
function closingRun(text: string, from: number, end: number, n: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return -1;
    if (c === BACKTICK) {
      let j = i;
      while (j < end && text.charCodeAt(j) === BACKTICK) j++;
      if (j - i === n) return i;
      i = j;
    } else i++;
  }
  return -1;
}

/** An odd number of backslashes right before `i`. */
function escaped(text: string, i: number, start: number): boolean {
  let k = i - 1;
  while (k >= start && text.charCodeAt(k) === BACKSLASH) k--;
  return (i - 1 - k) % 2 === 1;
}
