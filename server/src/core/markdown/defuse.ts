import { plural } from '../text/words';

/**
 * remark's tokenizer (micromark) is superlinear on some adversarial Markdown, and a spec file must never hang the
 * indexer [^never_throw] [^nt4x]:
 *  - containers nested thousands deep (`- - - - … x`, `>>>> … x`, or list items indented further on every line): every
 *    line re-checks every open container, and mdast's tree transforms recurse (20 KB of `- ` took 6 s; 10,000 `>`
 *    overflowed the stack);
 *  - a paragraph with thousands of `]`, `*`, `_`, `~` or backticks: label ends and emphasis look back over the whole
 *    paragraph (80 KB of `]` took 60 s).
 *
 * `defuseMarkdown` returns the text to hand to the parser: the SAME LENGTH as the original, so every offset still
 * addresses the original text (which is what the walker reads ranges, titles and references from), with the hostile
 * parts made plain:
 *  - container markers (`>`, `-` `*` `+` `1.` list markers) in a line's leading prefix that start at column
 *    MAX_CONTAINER_COLUMN or beyond become spaces, which bounds the nesting depth (real specs nest a few levels);
 *  - a block with more than MAX_BLOCK_MARKERS of `[ ] * _ ~` and backticks has them replaced by spaces (a fence's
 *    leading run of backticks or tildes is kept). A block is a run of lines up to a blank line or a line that surely
 *    starts a new paragraph (an ATX heading, a bullet item, an item `1.`, a footnote definition), so a paragraph never spans two blocks and the
 *    look-backs cost at most MAX_BLOCK_MARKERS per character. Footnote references in such a block are still found
 *    (they are read from the original text); its links, emphasis and code spans are not;
 *  - a block of more than MAX_BLOCK_LINES lines (a paragraph's lines are merged with one array splice each) is cut by
 *    reading every MAX_BLOCK_LINES-th line as blank, preferring one without references, links or HTML, never a fence
 *    line; tables are not cut (each row is parsed on its own). The cut lines are returned (`cuts`): the footnote
 *    references on them are read from the original text, with the paragraph after the cut.
 * Ordinary specs come back unchanged: the busiest block of the Model Spec has 30 markers, of this repository's docs 113.
 */

export const MAX_CONTAINER_COLUMN = 64;
export const MAX_BLOCK_MARKERS = 512;
export const MAX_BLOCK_LINES = 400;

export interface Defused {
  /** The text for the parser (=== the input when nothing was defused). */
  text: string;
  /** What was made plain, for the file's problems (empty when nothing was). */
  notes: string[];
  /**
   * The lines read as blank to cut an overlong paragraph, as [start, end) offsets of their content, in order: their
   * footnote references are not in the parsed text, so the caller reads them from the original [^big_documents].
   */
  cuts: [number, number][];
  /**
   * The blocks read as plain text (too much inline markup), as [start, end) offsets from their first line's start to
   * their last line's end, in order: the scanner path reads their references from the original text, as the tree walk
   * does (specFacts.ts).
   */
  plain: [number, number][];
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isHazard(c: number): boolean {
  // [ ] * _ ~ `
  return c === 91 || c === 93 || c === 42 || c === 95 || c === 126 || c === 96;
}

/**
 * The lines of a text as columns of numbers, one place per line, not an object per line: a 200,000-line paragraph's
 * lines cost 2.6 MB here, where objects of them (and the strings of each rewritten line) were ~30 MB of heap while a
 * big spec was defused, the peak of its check [^big_documents].
 */
class Lines {
  readonly count: number;
  readonly start: Int32Array;
  /** End of the content (before the line break). */
  readonly end: Int32Array;
  /** Where the content starts after the container prefix (`>`, list markers, indentation). */
  readonly contentStart: Int32Array;
  /** BLANK, PLAIN (blank out the inline markers of the content), CUT (read as a blank line), DEEP (see deep). */
  readonly flags: Uint8Array;
  /** Container markers to blank out (too deep), by line. */
  readonly deep = new Map<number, [number, number][]>();

  constructor(count: number) {
    this.count = count;
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    this.contentStart = new Int32Array(count);
    this.flags = new Uint8Array(count);
  }

  blank(k: number): boolean {
    return (this.flags[k]! & BLANK) !== 0;
  }
}

const BLANK = 1;
const PLAIN = 2;
const CUT = 4;
const DEEP = 8;

export function defuseMarkdown(text: string): Defused {
  return surelyUnchanged(text) ? { text, notes: [], cuts: [], plain: [] } : defuseLines(text);
}

/** Characters a container prefix (containerPrefix) may consume: blanks, `>`, bullets, digits and `.`/`)` of items. */
function prefixChar(c: number): boolean {
  return c === SPACE || c === TAB || c === 62 || c === 45 || c === 42 || c === 43 || (c >= 46 && c <= 57) || c === 41;
}

/**
 * Whether defuseLines surely leaves the text as it is, from one pass without allocation: fewer line breaks than a
 * block may have lines, no more inline markers than a block may hold, and no line starting with 16 prefix characters
 * (a marker at column MAX_CONTAINER_COLUMN needs at least 16 before it, at most 4 columns each). Most chunks of a
 * spec pass; the others are defused as always.
 */
function surelyUnchanged(text: string): boolean {
  let breaks = 0;
  let markers = 0;
  let prefix = 0;
  let inPrefix = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      if (++breaks >= MAX_BLOCK_LINES) return false;
      inPrefix = true;
      prefix = 0;
      continue;
    }
    if (isHazard(c) && ++markers > MAX_BLOCK_MARKERS) return false;
    if (inPrefix) {
      if (!prefixChar(c)) inPrefix = false;
      else if (++prefix >= MAX_CONTAINER_COLUMN / 4) return false;
    }
  }
  return true;
}

/** defuseMarkdown line by line (exported for the test that the quick check agrees with it). */
export function defuseLines(text: string): Defused {
  const lines = splitLines(text);
  const n = lines.count;
  let deepLines = 0;
  for (let k = 0; k < n; k++) if (containerPrefix(text, lines, k)) deepLines++;

  // Blocks: runs of lines up to a blank line or a line that surely starts a new paragraph.
  let plainBlocks = 0;
  let plainFrom = -1;
  let cutLines = 0;
  const plain: [number, number][] = [];
  for (let i = 0; i < n; ) {
    if (lines.blank(i)) {
      i++;
      continue;
    }
    let j = i;
    let markers = 0;
    do {
      for (let k = lines.start[j]!, end = lines.end[j]!; k < end; k++) if (isHazard(text.charCodeAt(k))) markers++;
      j++;
    } while (j < n && !lines.blank(j) && !startsBlock(text, lines, j) && !isHeading(text, lines, j - 1));
    if (markers > MAX_BLOCK_MARKERS) {
      plainBlocks++;
      if (plainFrom < 0) plainFrom = i;
      for (let k = i; k < j; k++) lines.flags[k]! |= PLAIN;
      plain.push([lines.start[i]!, lines.end[j - 1]!]);
    }
    if (j - i > MAX_BLOCK_LINES && !isTable(text, lines, i)) {
      for (let k = i + MAX_BLOCK_LINES; k < j; k += MAX_BLOCK_LINES) {
        const at = cutLine(text, lines, k, Math.min(j, k + 64));
        if (at >= 0) {
          lines.flags[at]! |= CUT;
          cutLines++;
          k = at;
        }
      }
    }
    i = j;
  }

  const notes: string[] = [];
  if (deepLines) notes.push(`${plural(deepLines, 'line')} nested deeper than ${MAX_CONTAINER_COLUMN} columns of blockquote or list markers: the deeper markers are read as text`);
  if (plainBlocks) {
    notes.push(
      `${plural(plainBlocks, 'block')} with too much inline markup to parse in bounded time (the first at line ${plainFrom + 1}): read as plain text (footnote references are still found; links and emphasis are not)`,
    );
  }
  if (cutLines) notes.push(`${plural(cutLines, 'line')} read as blank to cut paragraphs longer than ${MAX_BLOCK_LINES} lines`);
  const cuts: [number, number][] = [];
  for (let k = 0; k < n; k++) if (lines.flags[k]! & CUT) cuts.push([lines.start[k]!, lines.end[k]!]);
  if (notes.length === 0) return { text, notes, cuts, plain };
  // The parts joined a few hundred at a time: the rewritten lines of a big block are short-lived, not all held at once.
  const joined: string[] = [];
  let parts: string[] = [];
  let at = 0;
  for (let k = 0; k < n; k++) {
    if ((lines.flags[k]! & (DEEP | PLAIN | CUT)) === 0) continue;
    parts.push(text.slice(at, lines.start[k]), rewriteLine(text, lines, k));
    at = lines.end[k]!;
    if (parts.length >= 512) {
      joined.push(parts.join(''));
      parts = [];
    }
  }
  parts.push(text.slice(at));
  joined.push(parts.join(''));
  return { text: joined.join(''), notes, cuts, plain };
}

const HAZARDS = /[[\]*_~`]/g;

/**
 * A line with its too-deep markers and (in a plain block) its inline markers blanked out; same length. The first
 * character blanked out where the line's content begins becomes `·`, not a space: blanks there would indent the rest
 * into a code block.
 */
function rewriteLine(text: string, lines: Lines, k: number): string {
  const start = lines.start[k]!;
  const end = lines.end[k]!;
  const flags = lines.flags[k]!;
  if (flags & CUT) return ' '.repeat(end - start);
  let prefix = text.slice(start, lines.contentStart[k]);
  let lead = false;
  const deep = flags & DEEP ? lines.deep.get(k) : undefined;
  if (deep) {
    const chars = prefix.split('');
    for (const [s, e] of deep) for (let i = s; i < e; i++) chars[i - start] = ' ';
    chars[deep[0]![0] - start] = INERT;
    lead = true;
    prefix = chars.join('');
  }
  let content = text.slice(lines.contentStart[k], end);
  if (flags & PLAIN) {
    // A fence's leading run of backticks or tildes stays: code blocks stay code blocks.
    const fence = /^(?:`{3,}|~{3,})/.exec(content)?.[0] ?? '';
    const rest = content.slice(fence.length).replace(HAZARDS, ' ');
    content = fence + (!lead && !fence && rest !== content && isHazard(content.charCodeAt(0)) ? INERT + rest.slice(1) : rest);
  }
  return prefix + content;
}

/** Stands for markup read as text at the start of a line's content. */
const INERT = '\u00b7';

/** Lines with \n, \r\n and lone \r as breaks (like LineIndex). */
function splitLines(text: string): Lines {
  const n = text.length;
  let count = 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  const lines = new Lines(count);
  let line = 0;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === LF || c === CR || i === n) {
      let blank = true;
      for (let k = start; k < i; k++) {
        const d = text.charCodeAt(k);
        if (d !== SPACE && d !== TAB) {
          blank = false;
          break;
        }
      }
      lines.start[line] = start;
      lines.end[line] = i;
      lines.contentStart[line] = start;
      if (blank) lines.flags[line] = BLANK;
      line++;
      if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
      start = i + 1;
    }
  }
  return lines;
}

/**
 * Reads a line's leading container prefix (blanks, `>`, list markers) and sets `contentStart`. Markers starting at
 * MAX_CONTAINER_COLUMN or beyond are blanked out. Returns whether any was.
 */
function containerPrefix(text: string, lines: Lines, line: number): boolean {
  let i = lines.start[line]!;
  const end = lines.end[line]!;
  let col = 0;
  let deep = false;
  const mark = (s: number, e: number): void => {
    if (col >= MAX_CONTAINER_COLUMN) {
      let list = lines.deep.get(line);
      if (!list) lines.deep.set(line, (list = []));
      list.push([s, e]);
      lines.flags[line]! |= DEEP;
      deep = true;
    }
  };
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      col++;
      i++;
    } else if (c === TAB) {
      col += 4 - (col % 4);
      i++;
    } else if (c === 62 /* > */) {
      mark(i, i + 1);
      col++;
      i++;
    } else if ((c === 45 || c === 42 || c === 43) /* - * + */ && afterMarker(text, i + 1, end)) {
      mark(i, i + 1);
      col++;
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if (j < end && (d === 46 || d === 41) /* . ) */ && afterMarker(text, j + 1, end)) {
        mark(i, j + 1);
        col += j + 1 - i;
        i = j + 1;
      } else break;
    } else break;
  }
  lines.contentStart[line] = i;
  return deep;
}

/**
 * A line that starts a new paragraph whatever came before it: an ATX heading, a bullet item with content, an item
 * `1.`/`1)` with content or a footnote definition `[^id]:`, indented at most 3 columns after its `>` prefix (deeper, it
 * may be paragraph continuation). Link reference definitions are not: they cannot interrupt a paragraph.
 */
function startsBlock(text: string, lines: Lines, line: number): boolean {
  let i = lines.start[line]!;
  const end = lines.end[line]!;
  // The `>` prefix, each `>` with an optional blank after it.
  for (;;) {
    let k = i;
    let col = 0;
    while (k < end && col < 4 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) {
      col += text.charCodeAt(k) === TAB ? 4 : 1;
      k++;
    }
    if (col < 4 && text.charCodeAt(k) === 62 /* > */) {
      i = k + 1;
      if (text.charCodeAt(i) === SPACE) i++;
      continue;
    }
    if (col >= 4) return false;
    i = k;
    break;
  }
  const c = text.charCodeAt(i);
  if (c === 35 /* # */) {
    let k = i;
    while (k < end && text.charCodeAt(k) === 35) k++;
    return k - i <= 6 && (k === end || text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB);
  }
  if (c === 91 /* [ */ && text.charCodeAt(i + 1) === 94 /* ^ */) return FOOTNOTE_DEFINITION.test(text.slice(i, Math.min(end, i + 1000)));
  let k = i;
  if (c === 45 || c === 42 || c === 43) k = i + 1;
  else if (c === 49 /* 1 */ && (text.charCodeAt(i + 1) === 46 || text.charCodeAt(i + 1) === 41)) k = i + 2;
  else return false;
  if (k >= end || (text.charCodeAt(k) !== SPACE && text.charCodeAt(k) !== TAB)) return false;
  while (k < end && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
  return k < end;
}

/**
 * A GFM table: the block's second line is a delimiter row (`| --- | :-: |`) with as many cells as the first line (each
 * row is then parsed on its own, so a long table needs no cut).
 */
function isTable(text: string, lines: Lines, first: number): boolean {
  const second = first + 1;
  if (second >= lines.count || lines.blank(second)) return false;
  const delimiter = text.slice(lines.contentStart[second], lines.end[second]).trim();
  if (!/^[|:\- \t]+$/.test(delimiter) || !delimiter.includes('-')) return false;
  return cells(delimiter) === cells(text.slice(lines.contentStart[first], lines.end[first]).trim());
}

/** Cells of a table row: unescaped `|` separate them; outer pipes are optional. */
function cells(row: string): number {
  let n = 1;
  for (let i = 0; i < row.length; i++) {
    if (row.charCodeAt(i) === 92 /* \ */) i++;
    else if (row.charCodeAt(i) === 124 /* | */ && i > 0 && i < row.length - 1) n++;
  }
  return n;
}

/** A line in [from, to) that may be read as blank: preferably plain prose, never a fence line; -1 if none. */
function cutLine(text: string, lines: Lines, from: number, to: number): number {
  let fallback = -1;
  for (let k = from; k < to; k++) {
    const content = text.slice(lines.contentStart[k], lines.end[k]);
    if (/^(?:`{3}|~{3})/.test(content)) continue;
    if (!/[[\]<>`~]/.test(content)) return k;
    if (fallback < 0) fallback = k;
  }
  return fallback;
}

const FOOTNOTE_DEFINITION = /^\[\^[^\]\s\\]+\]:/;

/** An ATX heading line (one line: the next line starts a new block). */
function isHeading(text: string, lines: Lines, line: number): boolean {
  let k = lines.contentStart[line]!;
  const end = lines.end[line]!;
  const from = k;
  while (k < end && text.charCodeAt(k) === 35 /* # */) k++;
  return k > from && k - from <= 6 && (k === end || text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB);
}

/** A list marker is followed by a blank or the end of the line. */
function afterMarker(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB;
}
