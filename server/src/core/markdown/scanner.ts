/**
 * One fast, exact Markdown scanner for spec Markdown: CommonMark 0.31 + the GFM parts parseSpec uses (footnotes,
 * tables) + front matter, exact for the facts the index needs — not a full syntax tree. Two linear passes:
 *
 * 1. Blocks: the CommonMark block algorithm (a stack of open containers, lazy paragraph continuation, block quotes,
 *    lists, GFM footnote definitions, fenced and indented code, the seven HTML block kinds, ATX and setext headings,
 *    thematic breaks, GFM tables, link reference definitions at the start of paragraphs, front matter).
 * 2. Inlines, over paragraph and heading text only: code spans, backslash escapes, raw HTML and comments, autolinks,
 *    link destinations, GFM footnote calls `[^x]` (a call when a definition exists, else a plain `[^x]` in text).
 *
 * All offsets are UTF-16 offsets into the scanned text. Pure, no IO, never throws, no recursion.
 * micromark/mdast (the parser parseSpec uses) is the oracle: test/unit/scanner.test.ts compares them.
 */

import { lastAtOrBefore } from '../text/lineIndex';
import { withoutClosingSequence } from '../text/strings';

export interface ScanHeading {
  level: number;
  container?: number;
  setext: boolean;
  /** The heading as a whole (from the first `#` or the first text character to the end of its last line). */
  start: number;
  end: number;
  /** The heading's text: after the opening `#`s and spaces, before a closing `#` sequence; trimmed. Absent when empty. */
  textStart?: number;
  textEnd?: number;
  /** A trailing `{...}` attribute block of the text (the last `{`, no brace inside, not escaped). */
  attribute?: { start: number; end: number; inner: string };
}

/**
 * A container block: a block quote, a list, a list item or a footnote definition, with its parent container (-1: the
 * document). Blocks, headings, paragraphs and footnote definitions name their innermost container by index (`container`).
 */
export interface ScanContainer {
  kind: 'quote' | 'list' | 'item' | 'footnote';
  /** From the `>`, the first item's marker, the item's marker, the `[^`. */
  start: number;
  /** End of the last content (as mdast's positions end). */
  end: number;
  parent: number;
}

export interface ScanFootnoteDef {
  /** The label as written between `[^` and `]`. */
  label: string;
  /** Its own index in ScanResult.containers. */
  index: number;
  container?: number;
  start: number;
  end: number;
  labelStart: number;
  labelEnd: number;
}

export interface ScanFootnoteRef {
  label: string;
  /** The whole `[^label]`. */
  start: number;
  end: number;
  /** A GFM footnote call (a definition with this label exists); false: plain text `[^label]` without a definition. */
  defined: boolean;
}

export interface ScanDefinition {
  /** The normalized label (case-folded, whitespace collapsed). */
  label: string;
  start: number;
  end: number;
  destStart: number;
  destEnd: number;
}

export interface ScanLink {
  /** The whole inline link `[text](destination "title")` or image. */
  start: number;
  end: number;
  destStart: number;
  destEnd: number;
  image: boolean;
}

/**
 * A reference link `[text][label]`, `[text][]` or `[label]` whose label a definition declares, or such an image
 * reference `![alt][label]` (`image`: its start is the `!`).
 */
export interface ScanRefLink {
  start: number;
  end: number;
  /** The link text, between the first brackets. */
  textStart: number;
  textEnd: number;
  /** The normalized label (normalizeLabel). */
  label: string;
  image?: true;
}

export interface ScanBlock {
  start: number;
  end: number;
  /** The innermost container (an index into ScanResult.containers); absent at the document's top level. */
  container?: number;
}

export interface ScanCodeBlock extends ScanBlock {
  fenced: boolean;
  /** Fenced: the info string's range (empty when none). */
  infoStart?: number;
  infoEnd?: number;
}

export interface ScanProse extends ScanBlock {
  kind: 'paragraph' | 'tableRow';
  /** A paragraph of more than one line in a container: its lines' content, [start, end) pairs (after the containers' prefixes). */
  lines?: number[];
}

export interface ScanFrontMatter extends ScanBlock {
  /** `kramdown`: an IETF draft's YAML, opened by `---` and closed by a `--- abstract` (or middle, back, note) line. */
  kind: 'yaml' | 'toml' | 'kramdown';
}

export interface ScanResult {
  headings: ScanHeading[];
  footnoteDefs: ScanFootnoteDef[];
  footnoteRefs: ScanFootnoteRef[];
  definitions: ScanDefinition[];
  links: ScanLink[];
  refLinks: ScanRefLink[];
  codeBlocks: ScanCodeBlock[];
  htmlBlocks: ScanBlock[];
  prose: ScanProse[];
  frontMatter?: ScanFrontMatter;
  /** kramdown-rfc section marker lines (`--- abstract`, `--- middle`, `--- back`, `--- note_x`): read as blank lines. */
  markers: ScanBlock[];
  /** Block quotes, lists, list items and footnote definitions, in the order they open (parents before children). */
  containers: ScanContainer[];
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks

const DOC = 0, QUOTE = 1, LIST = 2, ITEM = 3, FOOTDEF = 4, PARA = 5, HEADING = 6, FENCE = 7, INDENTED = 8, HTML = 9, HR = 10, TABLE = 11;

interface Block {
  type: number;
  parent: Block | undefined;
  open: boolean;
  last: Block | undefined;
  hasChild: boolean;
  start: number;
  /** End of the last content (for containers: of the last child). */
  end: number;
  // lists and items
  bullet: string;
  delim: string;
  markerOffset: number;
  padding: number;
  // fenced code
  fenceChar: string;
  fenceLength: number;
  fenceOffset: number;
  infoStart: number;
  infoEnd: number;
  // html
  htmlType: number;
  // paragraphs: line segments [start, end) of content, flattened pairs
  lines: number[];
  // tables: cell count
  cells: number;
  // footnote definitions
  label: string;
  labelStart: number;
  labelEnd: number;
  /** Containers: the index of its ScanContainer (-1 for the document and leaves). */
  id: number;
}

function newBlock(type: number, parent: Block | undefined, start: number): Block {
  return {
    type, parent, open: true, last: undefined, hasChild: false, start, end: start,
    bullet: '', delim: '', markerOffset: 0, padding: 0,
    fenceChar: '', fenceLength: 0, fenceOffset: 0, infoStart: 0, infoEnd: 0,
    htmlType: 0, lines: [], cells: 0, label: '', labelStart: 0, labelEnd: 0, id: -1,
  };
}

const CODE_INDENT = 4;
/** Characters that may start a block (anything else on a line's first non-space is paragraph text). */
const MAYBE_SPECIAL = new Uint8Array(128);
for (const c of '#`~*+_=<>0123456789-|[:') MAYBE_SPECIAL[c.charCodeAt(0)] = 1;
const RE_ATX = /^#{1,6}(?:[ \t]+|$)/;
const RE_FENCE = /^`{3,}(?!.*`)|^~{3,}/;
const RE_CLOSING_FENCE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/;
const RE_SETEXT = /^(?:=+|-+)[ \t]*$/;
const RE_HR = /^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$|^(?:-[ \t]*){3,}$/;
const RE_NONSPACE = /[^ \t\f\v\r\n]/;

const TAGNAME = '[A-Za-z][A-Za-z0-9-]*';
const ATTRIBUTENAME = '[a-zA-Z_:][a-zA-Z0-9:._-]*';
const UNQUOTEDVALUE = '[^"\'=<>`\\x01-\\x20]+';
const SINGLEQUOTEDVALUE = "'[^']*'";
const DOUBLEQUOTEDVALUE = '"[^"]*"';
const ATTRIBUTEVALUE = '(?:' + UNQUOTEDVALUE + '|' + SINGLEQUOTEDVALUE + '|' + DOUBLEQUOTEDVALUE + ')';
/** Markdown whitespace (not JavaScript's `\s`, which also matches U+FEFF, U+00A0 and the like). */
const WS = '[ \\t\\n]';
const ATTRIBUTEVALUESPEC = '(?:' + WS + '*=' + WS + '*' + ATTRIBUTEVALUE + ')';
const ATTRIBUTE = '(?:' + WS + '+' + ATTRIBUTENAME + ATTRIBUTEVALUESPEC + '?)';
const OPENTAG = '<' + TAGNAME + ATTRIBUTE + '*' + WS + '*/?>';
const CLOSETAG = '</' + TAGNAME + WS + '*[>]';

const RE_HTML_OPEN = [
  /./,
  /^<(?:script|pre|textarea|style)(?:[ \t]|>|$)/i,
  /^<!--/,
  /^<[?]/,
  /^<![A-Za-z]/,
  /^<!\[CDATA\[/,
  /^<[/]?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[123456]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|[/]?[>]|$)/i,
  new RegExp('^(?:' + OPENTAG + '|' + CLOSETAG + ')[ \\t]*$', 'i'),
];
const RE_HTML_CLOSE = [/./, /<\/(?:script|pre|textarea|style)>/i, /-->/, /\?>/, />/, /\]\]>/];

function isSpaceOrTab(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Case-folds and collapses whitespace like CommonMark label matching. */
export function normalizeLabel(raw: string): string {
  return raw.trim().replace(/[ \t\r\n]+/g, ' ').toLowerCase().toUpperCase();
}

const RE_PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/** normalizeLabel for a footnote label (which holds no whitespace): plain ASCII only needs upper-casing. */
function footnoteKey(label: string): string {
  return RE_PRINTABLE_ASCII.test(label) ? label.toUpperCase() : normalizeLabel(label);
}

class BlockScanner {
  readonly src: string;
  readonly doc: Block;
  tip: Block;
  oldtip: Block;
  lineStart = 0;
  ln = '';
  offset = 0;
  column = 0;
  nextNonspace = 0;
  nextNonspaceColumn = 0;
  indent = 0;
  indented = false;
  blank = false;
  partiallyConsumedTab = false;
  allClosed = true;
  /** A new block here would interrupt an open paragraph or indented code (micromark's `interrupt`). */
  interrupting = false;
  /** The line continues an indented code block with a full indent (counts even when blank). */
  codeLine = false;
  lastMatchedContainer: Block;
  /** Blocks finalized, in order, for the fact pass (leaves and footnote definitions). */
  readonly leaves: Block[] = [];
  readonly defs: ScanDefinition[] = [];
  readonly defLabels = new Set<string>();
  readonly footLabels = new Set<string>();
  isFootnote(label: string): boolean {
    return this.footLabels.size > 0 && this.footLabels.has(footnoteKey(label));
  }
  readonly out: ScanResult;

  constructor(src: string, out: ScanResult) {
    this.src = src;
    this.out = out;
    this.doc = newBlock(DOC, undefined, 0);
    this.tip = this.doc;
    this.oldtip = this.doc;
    this.lastMatchedContainer = this.doc;
  }

  findNextNonspace(): void {
    const ln = this.ln;
    let i = this.offset;
    let cols = this.column;
    let c = '';
    while (i < ln.length) {
      c = ln[i]!;
      if (c === ' ') {
        i++;
        cols++;
      } else if (c === '\t') {
        i++;
        cols += 4 - (cols % 4);
      } else break;
    }
    this.blank = i >= ln.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = cols - this.column;
    this.indented = this.indent >= CODE_INDENT;
  }

  advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  advanceOffset(count: number, columns: boolean): void {
    const ln = this.ln;
    while (count > 0 && this.offset < ln.length) {
      const c = ln[this.offset];
      if (c === '\t') {
        const charsToTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = charsToTab > count;
          const charsToAdvance = charsToTab > count ? count : charsToTab;
          this.column += charsToAdvance;
          this.offset += this.partiallyConsumedTab ? 0 : 1;
          count -= charsToAdvance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += charsToTab;
          this.offset += 1;
          count -= 1;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset += 1;
        this.column += 1;
        count -= 1;
      }
    }
  }

  addChild(type: number, offset: number): Block {
    while (!this.canContain(this.tip.type, type)) this.finalize(this.tip);
    const block = newBlock(type, this.tip, this.lineStart + offset);
    if (isContainer(type)) {
      block.id = this.out.containers.length;
      this.out.containers.push({ kind: type === QUOTE ? 'quote' : type === LIST ? 'list' : type === ITEM ? 'item' : 'footnote', start: block.start, end: block.start, parent: this.tip.id });
    }
    this.tip.last = block;
    this.tip.hasChild = true;
    this.tip = block;
    return block;
  }

  canContain(parent: number, child: number): boolean {
    if (parent === DOC || parent === QUOTE || parent === ITEM || parent === FOOTDEF) return child !== ITEM;
    if (parent === LIST) return child === ITEM;
    return false;
  }

  /**
   * A new container closes the blocks that did not continue; micromark ends an unclosed fence or raw HTML block (the
   * kinds no container can pierce) at the start of that line, after the line ending.
   */
  closeForContainer(): void {
    const t = this.oldtip;
    if (!this.allClosed && t.open && (t.type === FENCE || (t.type === HTML && t.htmlType <= 5))) t.end = this.lineStart;
    this.closeUnmatchedBlocks();
  }

  closeUnmatchedBlocks(): void {
    if (!this.allClosed) {
      while (this.oldtip !== this.lastMatchedContainer) {
        const parent = this.oldtip.parent!;
        this.finalize(this.oldtip);
        this.oldtip = parent;
      }
      this.allClosed = true;
    }
  }

  /** The rest of the current line (from `offset`) as content of the tip. */
  addLine(): void {
    let from = this.offset;
    this.partiallyConsumedTab = false;
    const tip = this.tip;
    // only paragraphs (and what they become: setext headings, tables) keep their lines; code and HTML need none
    if (tip.type !== PARA && tip.type !== TABLE) return;
    if (from > this.ln.length) from = this.ln.length;
    if (tip.type === PARA && tip.lines.length === 0) tip.start = this.lineStart + from;
    tip.lines.push(this.lineStart + from, this.lineStart + this.ln.length);
  }

  /** The continuation check of an open block: 0 matched, 1 not matched, 2 the line is consumed. */
  continues(block: Block): number {
    const ln = this.ln;
    switch (block.type) {
      case DOC:
        return 0;
      case QUOTE:
        if (!this.indented && ln[this.nextNonspace] === '>') {
          this.advanceNextNonspace();
          this.advanceOffset(1, false);
          if (isSpaceOrTab(ln[this.offset])) this.advanceOffset(1, true);
          return 0;
        }
        return 1;
      case ITEM:
        if (this.blank) {
          if (!block.hasChild) return 1;
          this.advanceNextNonspace();
        } else if (this.indent >= block.markerOffset + block.padding) {
          this.advanceOffset(block.markerOffset + block.padding, true);
        } else return 1;
        return 0;
      case FOOTDEF:
        if (this.blank) return 0;
        if (this.indent >= 4) {
          this.advanceOffset(4, true);
          return 0;
        }
        return 1;
      case LIST:
        return 0;
      case HEADING:
      case HR:
        return 1;
      case FENCE: {
        const m = this.indent <= 3 && ln[this.nextNonspace] === block.fenceChar ? RE_CLOSING_FENCE.exec(ln.slice(this.nextNonspace)) : null;
        if (m && m[0].length >= block.fenceLength) {
          block.end = this.lineStart + this.nextNonspace + m[0].length;
          this.finalize(block);
          return 2;
        }
        let i = block.fenceOffset;
        while (i > 0 && isSpaceOrTab(ln[this.offset])) {
          this.advanceOffset(1, true);
          i--;
        }
        return 0;
      }
      case INDENTED:
        if (this.indent >= CODE_INDENT) {
          this.advanceOffset(CODE_INDENT, true);
          this.codeLine = true;
        }
        else if (this.blank) this.advanceNextNonspace();
        else return 1;
        return 0;
      case HTML:
        return this.blank && (block.htmlType === 6 || block.htmlType === 7) ? 1 : 0;
      case PARA:
        return this.blank ? 1 : 0;
      case TABLE:
        return this.blank ? 1 : 0;
    }
    return 1;
  }

  /** Block starts, in CommonMark's order: 0 none, 1 a container started, 2 a leaf started. */
  tryStarts(container: Block): number {
    const ln = this.ln;
    const c = ln[this.nextNonspace];
    if (!this.indented) {
      if (c === '>') {
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(ln[this.offset])) this.advanceOffset(1, true);
        this.closeForContainer();
        const q = this.addChild(QUOTE, this.nextNonspace);
        q.end = this.lineStart + ln.length;
        return 1;
      }
      if (c === '[' && ln[this.nextNonspace + 1] === '^') {
        const r = this.footnoteDefStart();
        if (r) return r;
      }
      if (c === '#') {
        const m = RE_ATX.exec(ln.slice(this.nextNonspace));
        if (m) {
          this.advanceNextNonspace();
          this.advanceOffset(m[0].length, false);
          this.closeUnmatchedBlocks();
          const h = this.addChild(HEADING, this.nextNonspace);
          h.bullet = String(m[0].trim().length);
          h.lines.push(this.lineStart + this.offset, this.lineStart + ln.length);
          h.end = this.lineStart + ln.length;
          this.advanceOffset(ln.length - this.offset, false);
          return 2;
        }
      }
      if (c === '`' || c === '~') {
        const m = RE_FENCE.exec(ln.slice(this.nextNonspace));
        if (m) {
          const fenceLength = m[0].length;
          this.closeUnmatchedBlocks();
          const b = this.addChild(FENCE, this.nextNonspace);
          b.fenceLength = fenceLength;
          b.fenceChar = m[0][0]!;
          b.fenceOffset = this.indent;
          this.advanceNextNonspace();
          this.advanceOffset(fenceLength, false);
          // info string
          let s = this.offset;
          let e = ln.length;
          while (s < e && isSpaceOrTab(ln[s])) s++;
          while (e > s && isSpaceOrTab(ln[e - 1])) e--;
          b.infoStart = this.lineStart + s;
          b.infoEnd = this.lineStart + e;
          b.end = this.lineStart + ln.length;
          this.advanceOffset(ln.length - this.offset, false);
          return 2;
        }
      }
      if (c === '<') {
        const s = ln.slice(this.nextNonspace);
        for (let t = 1; t <= 7; t++) {
          // micromark: complete tags (kind 7) cannot interrupt a paragraph, but do start a block on a lazy line
          if (RE_HTML_OPEN[t]!.test(s) && (t < 7 || container.type !== PARA)) {
            if (t === 7 && !this.allClosed && this.tip.type === PARA && this.lineStart + ln.length < this.src.length) {
              // micromark: a complete tag on a lazy line (one that more text follows) stays in the paragraph's container
              this.lastMatchedContainer = this.tip.parent!;
            }
            this.closeUnmatchedBlocks();
            const b = this.addChild(HTML, this.partiallyConsumedTab ? this.offset + 1 : this.offset);
            b.htmlType = t;
            return 2;
          }
        }
      }
      if ((c === '=' || c === '-') && container.type === PARA && RE_SETEXT.test(ln.slice(this.nextNonspace))) {
        this.closeUnmatchedBlocks();
        const origStart = container.start;
        this.resolveDefinitions(container);
        if (container.lines.length > 0) {
          container.start = origStart;
          container.type = HEADING;
          container.bullet = c === '=' ? '1' : '2';
          container.label = 'setext';
          container.end = this.lineStart + ln.length;
          this.advanceOffset(ln.length - this.offset, false);
          return 2;
        }
        // only definitions: the paragraph is gone, the line starts something else
      }
      if ((c === '*' || c === '_' || c === '-') && this.isThematicBreak(c)) {
        this.closeUnmatchedBlocks();
        this.addChild(HR, this.nextNonspace).end = this.lineStart + ln.length;
        this.advanceOffset(ln.length - this.offset, false);
        return 2;
      }
      if (c === '|' || container.type === PARA) {
        const r = this.tableStart(container);
        if (r) return r;
      }
    }
    if (!this.indented || container.type === LIST) {
      if (this.listStart(container)) return 1;
    }
    if (this.indented && this.tip.type !== PARA && !this.blank) {
      const at = this.partiallyConsumedTab ? this.offset + 1 : this.offset;
      this.advanceOffset(CODE_INDENT, true);
      this.closeUnmatchedBlocks();
      this.addChild(INDENTED, at);
      return 2;
    }
    return 0;
  }

  /** Per line and marker: the last position holding something else than the marker, a space or a tab. */
  hrLine = -1;
  hrBad: Record<string, number> = {};

  /** Is the rest of the line (from nextNonspace) a thematic break of `c`? Linear per line however many containers it opens. */
  isThematicBreak(c: string): boolean {
    const ln = this.ln;
    if (this.hrLine !== this.lineStart) {
      this.hrLine = this.lineStart;
      this.hrBad = {};
    }
    let bad = this.hrBad[c];
    if (bad === undefined) {
      bad = ln.length - 1;
      while (bad >= 0 && (ln[bad] === c || ln[bad] === ' ' || ln[bad] === '\t')) bad--;
      this.hrBad[c] = bad;
    }
    if (bad >= this.nextNonspace) return false;
    return RE_HR.test(ln.slice(this.nextNonspace));
  }

  footnoteDefStart(): number {
    const ln = this.ln;
    let i = this.nextNonspace + 2;
    let size = 0;
    let data = false;
    for (;;) {
      const c = ln[i];
      if (c === undefined || size > 999 || c === '[' || c === ' ' || c === '\t') return 0;
      if (c === ']') {
        if (!data) return 0;
        break;
      }
      data = true;
      size++;
      i++;
      if (c === '\\' && (ln[i] === '[' || ln[i] === '\\' || ln[i] === ']')) {
        i++;
        size++;
      }
    }
    if (ln[i + 1] !== ':') return 0;
    const labelStart = this.nextNonspace + 2;
    const labelEnd = i;
    this.closeForContainer();
    const b = this.addChild(FOOTDEF, this.nextNonspace);
    b.label = ln.slice(labelStart, labelEnd);
    b.labelStart = this.lineStart + labelStart;
    b.labelEnd = this.lineStart + labelEnd;
    this.footLabels.add(footnoteKey(b.label));
    this.advanceNextNonspace();
    this.advanceOffset(labelEnd + 2 - this.nextNonspace, false);
    b.end = this.lineStart + this.offset;
    // whitespace after the marker is eaten (no indented code right after it)
    while (isSpaceOrTab(ln[this.offset])) this.advanceOffset(1, false);
    b.end = this.lineStart + this.offset;
    return 1;
  }

  tableStart(container: Block): number {
    // The delimiter row under a paragraph's last line (the head row) with as many cells; earlier lines stay a paragraph.
    if (container.type !== PARA || container !== this.tip || container.lines.length < 2) return 0;
    const row = this.ln.slice(this.nextNonspace);
    if (!/^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(row)) return 0;
    const delimCells = countCells(row);
    const n = container.lines.length;
    const headStart = container.lines[n - 2]!;
    const headEnd = container.lines[n - 1]!;
    const head = this.src.slice(headStart, headEnd);
    if (countCells(head) !== delimCells) return 0;
    this.closeUnmatchedBlocks();
    let table = container;
    if (n > 2) {
      container.lines = container.lines.slice(0, n - 2);
      container.end = container.lines[n - 3]!;
      this.finalize(container);
      table = this.addChild(TABLE, 0);
      table.start = headStart;
      table.lines.push(headStart, headEnd);
    }
    table.type = TABLE;
    table.cells = delimCells;
    table.lines.push(this.lineStart + this.nextNonspace, this.lineStart + this.ln.length);
    table.end = this.lineStart + this.ln.length;
    this.advanceOffset(this.ln.length - this.offset, false);
    return 2;
  }

  listStart(container: Block): boolean {
    const ln = this.ln;
    if (this.indent >= 4 && container.type !== LIST) return false;
    if (this.indent >= 4) return false;
    let bullet = '';
    let delim = '';
    let len = 0;
    const first = ln[this.nextNonspace];
    if (first === '*' || first === '+' || first === '-') {
      bullet = first;
      len = 1;
    } else {
      // an ordered marker: 1-9 digits and `.` or `)`
      let k = this.nextNonspace;
      while (k < ln.length && k - this.nextNonspace < 10 && ln.charCodeAt(k) >= 48 && ln.charCodeAt(k) <= 57) k++;
      const digits = k - this.nextNonspace;
      const d = ln[k];
      if (digits < 1 || digits > 9 || (d !== '.' && d !== ')')) return false;
      if (this.interrupting && !(digits === 1 && first === '1')) return false;
      delim = d;
      len = digits + 1;
    }
    const nextc = ln[this.nextNonspace + len];
    if (!(nextc === undefined || nextc === '\t' || nextc === ' ')) return false;
    if (this.interrupting && !RE_NONSPACE.test(ln.slice(this.nextNonspace + len))) return false;
    this.advanceNextNonspace();
    this.advanceOffset(len, true);
    const spacesStartCol = this.column;
    const spacesStartOffset = this.offset;
    let c: string | undefined;
    do {
      this.advanceOffset(1, true);
      c = ln[this.offset];
    } while (this.column - spacesStartCol < 5 && isSpaceOrTab(c));
    const blankItem = ln[this.offset] === undefined;
    const spacesAfterMarker = this.column - spacesStartCol;
    let padding: number;
    if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
      padding = len + 1;
      this.column = spacesStartCol;
      this.offset = spacesStartOffset;
      if (isSpaceOrTab(ln[this.offset])) this.advanceOffset(1, true);
    } else padding = len + spacesAfterMarker;
    const markerOffset = this.indent;
    this.closeForContainer();
    const tip = this.tip;
    if (tip.type !== LIST || tip.bullet !== bullet || tip.delim !== delim) {
      const list = this.addChild(LIST, this.nextNonspace);
      list.bullet = bullet;
      list.delim = delim;
    }
    const item = this.addChild(ITEM, this.nextNonspace);
    item.bullet = bullet;
    item.delim = delim;
    item.markerOffset = markerOffset;
    item.padding = padding;
    item.end = this.lineStart + ln.length;
    return true;
  }

  incorporateLine(lineStart: number, ln: string): void {
    this.lineStart = lineStart;
    this.ln = ln;
    this.offset = 0;
    this.column = 0;
    this.blank = false;
    this.partiallyConsumedTab = false;
    this.codeLine = false;
    this.oldtip = this.tip;
    let container: Block = this.doc;
    let last: Block | undefined;
    while ((last = container.last) && last.open) {
      container = last;
      this.findNextNonspace();
      const r = this.continues(container);
      if (r === 2) return;
      if (r === 1) {
        container = container.parent!;
        break;
      }
    }
    this.allClosed = container === this.oldtip;
    this.lastMatchedContainer = container;
    // micromark: every container continued and a paragraph or indented code is open: a new block interrupts it
    const unmatched = container.last?.open ? container.last : undefined;
    this.interrupting = (!unmatched || !isContainer(unmatched.type)) && (this.tip.type === PARA || this.tip.type === INDENTED);
    let matchedLeaf = container.type !== PARA && container.type !== TABLE && acceptsLines(container.type);
    while (!matchedLeaf) {
      this.findNextNonspace();
      const code = ln.charCodeAt(this.nextNonspace);
      if (!this.indented && !(code < 128 && MAYBE_SPECIAL[code] === 1)) {
        this.advanceNextNonspace();
        break;
      }
      const r = this.tryStarts(container);
      if (r === 1) container = this.tip;
      else if (r === 2) {
        container = this.tip;
        matchedLeaf = true;
        if (container.type === HEADING || container.type === HR || container.type === TABLE) return this.afterLeaf(container);
        if (container.type === FENCE) return;
      } else {
        this.advanceNextNonspace();
        break;
      }
    }
    if (!this.allClosed && !this.blank && this.tip.type === PARA) {
      // lazy continuation line
      this.addLine();
      this.tip.end = lineStart + ln.length;
      return;
    }
    this.closeUnmatchedBlocks();
    const t = container.type;
    if (acceptsLines(t)) {
      this.addLine();
      if (!this.blank || t === FENCE || t === HTML || (t === INDENTED && this.codeLine)) container.end = lineStart + ln.length;
      // micromark: a fence or raw HTML inside a container ends before a blank last line without a line ending
      if (this.blank && (t === FENCE || t === HTML) && container.parent !== this.doc && lineStart + ln.length === this.src.length) container.end = lineStart;
      if (t === HTML && container.htmlType >= 1 && container.htmlType <= 5 && RE_HTML_CLOSE[container.htmlType]!.test(ln.slice(this.offset))) {
        this.finalize(container);
      }
    } else if (this.offset < ln.length && !this.blank) {
      const p = this.addChild(PARA, this.offset);
      this.advanceNextNonspace();
      p.start = lineStart + this.offset;
      this.addLine();
      p.end = lineStart + ln.length;
    }
  }

  afterLeaf(block: Block): void {
    if (block.type === HEADING && block.label !== 'setext') this.finalize(block);
    else if (block.type === HR) this.finalize(block);
  }

  finalize(block: Block): void {
    const above = block.parent;
    block.open = false;
    switch (block.type) {
      case PARA:
        this.resolveDefinitions(block);
        if (block.lines.length > 0) this.leaves.push(block);
        break;
      case HEADING:
      case FENCE:
      case INDENTED:
      case HTML:
      case TABLE:
        this.leaves.push(block);
        break;
      case FOOTDEF:
        this.leaves.push(block);
        break;
    }
    if (block.type !== PARA || block.lines.length > 0) {
      if (above && block.end > above.end) above.end = block.end;
    }
    if (block.id >= 0) this.out.containers[block.id]!.end = block.end;
    this.tip = above ?? this.doc;
  }

  /** Strips link reference definitions from the start of a paragraph (CommonMark: at finalize or before a setext underline). */
  resolveDefinitions(block: Block): void {
    const lines = block.lines;
    if (lines.length === 0 || this.src[lines[0]!] !== '[') return;
    const content = joinLines(this.src, lines);
    let pos = 0;
    while (content.text[pos] === '[') {
      const d = parseDefinition(content.text, pos);
      if (!d) break;
      const label = normalizeLabel(content.text.slice(pos + 1, d.labelEnd));
      if (label === '') break;
      if (!this.defLabels.has(label)) this.defLabels.add(label);
      const end = content.map(d.end - 1) + 1;
      if (block.parent && end > block.parent.end) block.parent.end = end;
      this.defs.push({ label, start: content.map(pos), end, destStart: content.map(d.destStart), destEnd: d.destEnd > d.destStart ? content.map(d.destEnd - 1) + 1 : content.map(d.destStart) });
      pos = d.next;
    }
    if (pos === 0) return;
    if (pos >= content.text.length) {
      block.lines = [];
      return;
    }
    // drop the consumed lines
    let k = 0;
    let count = 0;
    while (k < lines.length) {
      const len = lines[k + 1]! - lines[k]!;
      if (count + len + 1 > pos) break;
      count += len + 1;
      k += 2;
    }
    block.lines = lines.slice(k);
    if (block.lines.length > 0) block.start = block.lines[0]!;
  }
}

function isContainer(type: number): boolean {
  return type === QUOTE || type === LIST || type === ITEM || type === FOOTDEF;
}

function acceptsLines(type: number): boolean {
  return type === PARA || type === FENCE || type === INDENTED || type === HTML || type === TABLE;
}

function countCells(row: string): number {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  let n = 1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '|') n++;
  }
  return n;
}

/** A paragraph's lines joined by `\n`, with a map from a content offset back to the source. */
interface Joined {
  text: string;
  map: (pos: number) => number;
}

function joinLines(src: string, lines: number[]): Joined {
  if (lines.length === 2) {
    const base = lines[0]!;
    return { text: src.slice(base, lines[1]), map: (pos) => base + pos };
  }
  let text = '';
  const starts: number[] = [];
  for (let k = 0; k < lines.length; k += 2) {
    starts.push(text.length);
    text += (k ? '\n' : '') + src.slice(lines[k]!, lines[k + 1]);
    if (k) starts[starts.length - 1]! += 1;
  }
  return {
    text,
    map: (pos) => {
      const lo = lastAtOrBefore(starts, pos);
      const lineStart = lines[lo * 2]!;
      const lineEnd = lines[lo * 2 + 1]!;
      const at = lineStart + (pos - starts[lo]!);
      return at > lineEnd ? lineEnd : at;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Link pieces shared by definitions and inline links

const ESCAPABLE = /[!"#$%&'()*+,./:;<=>?@[\\\]^_`{|}~-]/;

/** `[label]` at pos: the index of the closing `]` or -1. Labels hold no unescaped brackets, 999 characters at most. */
function parseLinkLabel(s: string, pos: number): number {
  if (s[pos] !== '[') return -1;
  let i = pos + 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1]!)) {
      i += 2;
      continue;
    }
    if (c === '[') return -1;
    if (c === ']') break;
    i++;
  }
  if (i >= s.length || i - pos - 1 > 999) return -1;
  return i;
}

/** A link destination at pos: [start, end, next] (start/end exclude `<` `>`) or undefined. */
function parseLinkDestination(s: string, pos: number): [number, number, number] | undefined {
  if (s[pos] === '<') {
    let i = pos + 1;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1]!)) {
        i += 2;
        continue;
      }
      if (c === '>') return [pos + 1, i, i + 1];
      if (c === '<' || c === '\n' || c === '\r') return undefined;
      i++;
    }
    return undefined;
  }
  let i = pos;
  let depth = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1]!)) {
      i += 2;
      continue;
    }
    if (c === '(') {
      depth++;
      if (depth > 32) return undefined;
    } else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if ((c.charCodeAt(0) <= 0x20 && c !== '\0') || c === '\x7f') break;
    i++;
  }
  if (i === pos && s[i] !== ')') return undefined;
  if (depth !== 0) return undefined;
  if (i === pos) return undefined;
  return [pos, i, i];
}

/**
 * The last `(…)` title that found no `)`: it read from `from` to `to` (a blank line or the text's end). A title that
 * opens inside that stretch of the same text reads the rest of it the same way (escapes pair up alike after its `(`),
 * so it fails too: without this, `[a](b (c ` repeated reads to the end once per title (quadratic; growth.test.ts).
 */
const unclosedTitle: { text: string | undefined; from: number; to: number } = { text: undefined, from: -1, to: -1 };

/** A link title at pos: the index after it, or -1. */
function parseLinkTitle(s: string, pos: number): number {
  const open = s[pos];
  const close = open === '(' ? ')' : open;
  if (open !== '"' && open !== "'" && open !== '(') return -1;
  if (open === '(' && pos > unclosedTitle.from && pos < unclosedTitle.to && s === unclosedTitle.text) {
    unclosedTitle.text = s; // (the same text as another string: compared by identity from now on)
    return -1;
  }
  let i = pos + 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1]!)) {
      i += 2;
      continue;
    }
    if (c === close) return i + 1;
    // (an unescaped `(` inside `(…)` is allowed: CommonMark 0.31 says it is not, micromark reads on to the `)`)
    if (c === '\n' && isBlankAfter(s, i)) break;
    i++;
  }
  if (open === '(') {
    unclosedTitle.text = s;
    unclosedTitle.from = pos;
    unclosedTitle.to = i;
  }
  return -1;
}

function isBlankAfter(s: string, nl: number): boolean {
  let i = nl + 1;
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i >= s.length || s[i] === '\n';
}

/** Skips spaces, tabs and at most one line ending. */
function spnl(s: string, pos: number): number {
  let i = pos;
  while (s[i] === ' ' || s[i] === '\t') i++;
  if (s[i] === '\n') {
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
  }
  return i;
}

interface ParsedDef {
  labelEnd: number;
  destStart: number;
  destEnd: number;
  /** End of the definition (after the title or destination). */
  end: number;
  /** Start of what follows (the next line). */
  next: number;
}

function parseDefinition(s: string, pos: number): ParsedDef | undefined {
  const labelEnd = parseLinkLabel(s, pos);
  if (labelEnd < 0 || s[labelEnd + 1] !== ':') return undefined;
  if (s[pos + 1] === '^') return undefined;
  let i = spnl(s, labelEnd + 2);
  const dest = parseLinkDestination(s, i);
  if (!dest) return undefined;
  i = dest[2];
  const beforeTitle = i;
  let j = spnl(s, i);
  let end = i;
  let titleOk = false;
  if (j !== beforeTitle) {
    const t = parseLinkTitle(s, j);
    if (t >= 0) {
      let k = t;
      while (s[k] === ' ' || s[k] === '\t') k++;
      if (k >= s.length || s[k] === '\n') {
        titleOk = true;
        end = t;
        j = k;
      }
    }
  }
  if (!titleOk) {
    let k = beforeTitle;
    while (s[k] === ' ' || s[k] === '\t') k++;
    if (!(k >= s.length || s[k] === '\n')) return undefined;
    j = k;
  }
  end = j;
  const next = j < s.length ? j + 1 : j;
  return { labelEnd, destStart: dest[0], destEnd: dest[1], end, next };
}

// ---------------------------------------------------------------------------------------------------------------
// Inlines

// eslint-disable-next-line no-control-regex -- CommonMark: an autolink holds no ASCII control character or space
const RE_AUTOLINK = /<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x01-\x20]*>/y;
const RE_EMAIL = /<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>/y;
const RE_OPEN_TAG = new RegExp(OPENTAG, 'y');
const RE_CLOSE_TAG = new RegExp(CLOSETAG, 'y');
const RE_INLINE_SPECIAL = /[`\\<[\]!]/g;

/** A plain `[^label]` (no definition) has a label that no inline construct can split. */
export const PLAIN_LABEL_EXCLUDES = /[\s[\]\\`<>*_~&!]/;

interface Bracket {
  pos: number;
  image: boolean;
  seq: number;
  /** A later `[` was pushed right after this one (a later image opener: see `InlineScanner.hasBracketAfter`). */
  bracketAfter: boolean;
}

class InlineScanner {
  readonly s: string;
  readonly map: (pos: number) => number;
  readonly ctx: BlockScanner;
  /** Backtick runs: start positions per length, scanned once. */
  runs?: Map<number, number[]>;
  runIndex?: Map<number, number>;
  /** Cached `indexOf` answers for monotone searches. */
  cache?: Map<string, [number, number]>;

  constructor(s: string, map: (pos: number) => number, ctx: BlockScanner) {
    this.s = s;
    this.map = map;
    this.ctx = ctx;
  }

  indexOf(needle: string, from: number): number {
    this.cache ??= new Map();
    const c = this.cache.get(needle);
    if (c && from >= c[0] && (c[1] === -1 || c[1] >= from)) return c[1];
    const r = this.s.indexOf(needle, from);
    this.cache.set(needle, [from, r]);
    return r;
  }

  /** The end of a code span opening at pos with a run of `n` backticks, or -1. */
  codeSpanEnd(pos: number, n: number): number {
    if (!this.runs) {
      this.runs = new Map();
      const s = this.s;
      for (let i = 0; i < s.length; ) {
        if (s[i] === '`') {
          let j = i;
          while (s[j] === '`') j++;
          const list = this.runs.get(j - i);
          if (list) list.push(i);
          else this.runs.set(j - i, [i]);
          i = j;
        } else {
          const k = s.indexOf('`', i);
          if (k < 0) break;
          i = k;
        }
      }
    }
    const list = this.runs.get(n);
    if (!list) return -1;
    this.runIndex ??= new Map();
    let k = this.runIndex.get(n) ?? 0;
    while (k < list.length && list[k]! < pos + n) k++;
    this.runIndex.set(n, k);
    return k < list.length ? list[k]! + n : -1;
  }

  /**
   * The seq of the last image opener pushed. An opener read is on the stack, so every image opener pushed after it was
   * pushed above it: it has a bracket after it when its own flag says so or when such an image came later.
   */
  private lastImageSeq = -1;

  private hasBracketAfter(opener: Bracket): boolean {
    return opener.bracketAfter || this.lastImageSeq > opener.seq;
  }

  run(): void {
    this.lastImageSeq = -1;
    const s = this.s;
    const out = this.ctx.out;
    const brackets: Bracket[] = [];
    let seq = 0;
    let inactiveBelow = 0;
    const re = RE_INLINE_SPECIAL;
    let i = 0;
    while (i < s.length) {
      re.lastIndex = i;
      if (!re.test(s)) break; // test, not exec: no match object per special character
      i = re.lastIndex - 1;
      const c = s[i]!;
      if (c === '\\') {
        i += i + 1 < s.length && ESCAPABLE.test(s[i + 1]!) ? 2 : 1;
        continue;
      }
      if (c === '`') {
        let j = i;
        while (s[j] === '`') j++;
        const n = j - i;
        const end = this.codeSpanEnd(i, n);
        i = end < 0 ? j : end;
        continue;
      }
      if (c === '<') {
        const e = this.angle(i);
        i = e > i ? e : i + 1;
        continue;
      }
      if (c === '!') {
        if (s[i + 1] === '[') {
          if (s[i + 2] === '^' && this.footnoteCall(i + 1)) {
            i = this.lastCallEnd;
            continue;
          }
          // Every opener below it now has a bracket after it: noted once, as the image's seq (`hasBracketAfter`), not by
          // marking each opener (that was quadratic in nested images, `![![![a](u)](u)](u)`).
          this.lastImageSeq = seq;
          brackets.push({ pos: i + 1, image: true, seq: seq++, bracketAfter: false });
          i += 2;
        } else i++;
        continue;
      }
      if (c === '[') {
        if (s[i + 1] === '^' && this.footnoteCall(i)) {
          i = this.lastCallEnd;
          continue;
        }
        if (brackets.length) brackets[brackets.length - 1]!.bracketAfter = true;
        brackets.push({ pos: i, image: false, seq: seq++, bracketAfter: false });
        i++;
        continue;
      }
      // ']'
      const opener = brackets[brackets.length - 1];
      if (!opener) {
        i++;
        continue;
      }
      if (!opener.image && opener.seq < inactiveBelow) {
        brackets.pop();
        i++;
        continue;
      }
      const r = this.linkEnd(opener, i);
      if (r < 0) {
        // a `[^x]` under an image opener, with a definition: `!` + footnote call
        brackets.pop();
        if (s[opener.pos + 1] === '^') {
          const label = s.slice(opener.pos + 2, i);
          if (opener.image && label && this.ctx.isFootnote(label)) {
            out.footnoteRefs.push({ label, start: this.map(opener.pos), end: this.map(i) + 1, defined: true });
          } else this.plainRef(opener.pos, i);
        }
        i++;
        continue;
      }
      brackets.pop();
      if (!opener.image) inactiveBelow = seq;
      else {
        // an image's description is plain text (alt): links and footnote calls in it are not facts
        const start = this.map(opener.pos - 1);
        const links = out.links;
        const image = links.length && links[links.length - 1]!.start === start ? links.pop() : undefined;
        while (links.length && links[links.length - 1]!.start > start) links.pop();
        if (image) links.push(image);
        const refs = out.footnoteRefs;
        while (refs.length && refs[refs.length - 1]!.start > start) refs.pop();
        const refLinks = out.refLinks;
        while (refLinks.length && refLinks[refLinks.length - 1]!.start > start) refLinks.pop();
      }
      i = r;
    }
  }

  lastCallEnd = 0;

  /** `[^label]` at pos with a definition: a footnote call. */
  footnoteCall(pos: number): boolean {
    const s = this.s;
    let i = pos + 2;
    let size = 0;
    let data = false;
    for (;;) {
      const c = s[i];
      if (c === undefined || size > 999 || c === '[' || c === ' ' || c === '\t' || c === '\n' || c === '\r') return false;
      if (c === ']') {
        if (!data) return false;
        break;
      }
      data = true;
      size++;
      i++;
      if (c === '\\' && (s[i] === '[' || s[i] === '\\' || s[i] === ']')) {
        i++;
        size++;
      }
    }
    const label = s.slice(pos + 2, i);
    if (!this.ctx.isFootnote(label)) return false;
    this.ctx.out.footnoteRefs.push({ label, start: this.map(pos), end: this.map(i) + 1, defined: true });
    this.lastCallEnd = i + 1;
    return true;
  }

  /** A `[^label]` that is plain text (no definition, not a link). */
  plainRef(open: number, close: number): void {
    const label = this.s.slice(open + 2, close);
    if (!label || PLAIN_LABEL_EXCLUDES.test(label)) return;
    this.ctx.out.footnoteRefs.push({ label, start: this.map(open), end: this.map(close) + 1, defined: false });
  }

  /** At `]` (pos) with an opener: the end of the link, or -1 when it is not a link. */
  linkEnd(opener: Bracket, pos: number): number {
    const s = this.s;
    // inline link
    if (s[pos + 1] === '(') {
      let i = spnl(s, pos + 2);
      let destStart = i;
      let destEnd = i;
      let ok = true;
      if (s[i] === ')') {
        // empty destination
      } else {
        const d = parseLinkDestination(s, i);
        if (!d) ok = false;
        else {
          destStart = d[0];
          destEnd = d[1];
          i = d[2];
          const before = i;
          i = spnl(s, i);
          if (i !== before) {
            const t = parseLinkTitle(s, i);
            if (t >= 0) i = spnl(s, t);
          }
        }
      }
      if (ok && s[i] === ')') {
        const start = opener.image ? opener.pos - 1 : opener.pos;
        this.ctx.out.links.push({ start: this.map(start), end: this.map(i) + 1, destStart: this.map(destStart), destEnd: destEnd > destStart ? this.map(destEnd - 1) + 1 : this.map(destStart), image: opener.image });
        return i + 1;
      }
    }
    // reference link: full, collapsed or shortcut
    let label: string | undefined;
    let after = pos + 1;
    const close = parseLinkLabel(s, pos + 1);
    if (close > pos + 2) {
      label = s.slice(pos + 2, close);
      after = close + 1;
    } else if (!this.hasBracketAfter(opener)) {
      label = s.slice(opener.pos + 1, pos);
      if (close === pos + 2) after = close + 1;
      if (label.length > 999) label = undefined;
    }
    if (label !== undefined) {
      const norm = normalizeLabel(label);
      if (norm && this.ctx.defLabels.has(norm)) {
        if (!opener.image) this.ctx.out.refLinks.push({ start: this.map(opener.pos), end: this.map(after - 1) + 1, textStart: this.map(opener.pos + 1), textEnd: this.map(pos), label: norm });
        else this.ctx.out.refLinks.push({ start: this.map(opener.pos - 1), end: this.map(after - 1) + 1, textStart: this.map(opener.pos + 1), textEnd: this.map(pos), label: norm, image: true });
        return after;
      }
    }
    return -1;
  }

  /** `<` at pos: autolink, raw HTML or comment; returns its end or pos. */
  angle(pos: number): number {
    const s = this.s;
    RE_AUTOLINK.lastIndex = pos;
    if (RE_AUTOLINK.test(s)) return RE_AUTOLINK.lastIndex;
    RE_EMAIL.lastIndex = pos;
    if (RE_EMAIL.test(s)) return RE_EMAIL.lastIndex;
    const c = s[pos + 1];
    if (c === '!') {
      if (s.startsWith('<!--', pos)) {
        if (s.startsWith('<!-->', pos)) return pos + 5;
        if (s.startsWith('<!--->', pos)) return pos + 6;
        const e = this.indexOf('-->', pos + 4);
        return e < 0 ? pos : e + 3;
      }
      if (s.startsWith('<![CDATA[', pos)) {
        const e = this.indexOf(']]>', pos + 9);
        return e < 0 ? pos : e + 3;
      }
      if (/[A-Za-z]/.test(s[pos + 2] ?? '')) {
        const e = this.indexOf('>', pos + 2);
        return e < 0 ? pos : e + 1;
      }
      return pos;
    }
    if (c === '?') {
      const e = this.indexOf('?>', pos + 2);
      return e < 0 ? pos : e + 2;
    }
    if (c === '/') {
      RE_CLOSE_TAG.lastIndex = pos;
      return RE_CLOSE_TAG.test(s) ? RE_CLOSE_TAG.lastIndex : pos;
    }
    if (c !== undefined && /[A-Za-z]/.test(c)) {
      RE_OPEN_TAG.lastIndex = pos;
      return RE_OPEN_TAG.test(s) ? RE_OPEN_TAG.lastIndex : pos;
    }
    return pos;
  }
}

// ---------------------------------------------------------------------------------------------------------------

const KRAMDOWN_MARKER = /^--- *(?:abstract|middle|back|note_[^\s]*|note)[ \t]*$/;

/**
 * kramdown-rfc front matter (as formats.ts detects it): a first line `---` (a `#` comment allowed), then YAML up to
 * a section marker line, with no plain `---` or `...` line before it. Ends at the start of the marker line.
 */
function kramdownFrontMatter(src: string): ScanFrontMatter | undefined {
  const first = /^---[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)/.exec(src.slice(0, 200));
  if (!first) return undefined;
  let pos = first[0].length;
  while (pos < src.length && pos <= 200_000) {
    let e = pos;
    while (e < src.length && src[e] !== '\n' && src[e] !== '\r') e++;
    const line = src.slice(pos, e);
    if (KRAMDOWN_MARKER.test(line)) return { kind: 'kramdown', start: 0, end: pos };
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return undefined;
    pos = e + (src[e] === '\r' && src[e + 1] === '\n' ? 2 : 1);
  }
  return undefined;
}

function frontMatter(src: string): ScanFrontMatter | undefined {
  const fence = src.startsWith('---') ? '---' : src.startsWith('+++') ? '+++' : undefined;
  if (!fence) return undefined;
  const first = /^(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/.exec(src);
  if (!first) return undefined;
  const re = fence === '---' ? /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g : /(?:\r\n|\r|\n)\+\+\+[ \t]*(?:\r\n|\r|\n|$)/g;
  re.lastIndex = first[0].length - 1;
  const m = re.exec(src);
  if (!m) return undefined;
  let end = m.index + m[0].length;
  while (end > 0 && (src[end - 1] === '\n' || src[end - 1] === '\r')) end--;
  return { kind: fence === '---' ? 'yaml' : 'toml', start: 0, end };
}

function shiftOffsets(out: ScanResult, by: number): void {
  const lists: object[][] = [out.headings, out.footnoteDefs, out.footnoteRefs, out.definitions, out.links, out.codeBlocks, out.htmlBlocks, out.prose, out.markers, out.containers, out.refLinks];
  if (out.frontMatter) lists.push([out.frontMatter]);
  for (const list of lists) {
    for (const fact of list as Record<string, unknown>[]) {
      for (const key of Object.keys(fact)) {
        const v = fact[key];
        if (typeof v === 'number' && key !== 'level' && key !== 'container' && key !== 'parent' && key !== 'index') fact[key] = v + by;
        else if (key === 'lines' && Array.isArray(v)) fact[key] = (v as number[]).map((n) => n + by);
      }
      const attribute = fact['attribute'] as { start: number; end: number } | undefined;
      if (attribute) {
        attribute.start += by;
        attribute.end += by;
      }
    }
  }
}

/** Scans a Markdown document into the facts the index reads. Never throws. */
export function scanMarkdown(src: string): ScanResult {
  const out: ScanResult = { headings: [], footnoteDefs: [], footnoteRefs: [], definitions: [], links: [], codeBlocks: [], htmlBlocks: [], prose: [], markers: [], containers: [], refLinks: [] };
  try {
    if (src.charCodeAt(0) === 0xfeff) {
      // a byte order mark is not text: scan after it, report offsets in the whole text
      scanInto(src.slice(1), out);
      shiftOffsets(out, 1);
    } else scanInto(src, out);
  } catch {
    // never throws: a bug yields partial facts rather than an exception
  }
  return out;
}

function scanInto(src: string, out: ScanResult): void {
  const bs = new BlockScanner(src, out);
  let pos = 0;
  const kramdown = kramdownFrontMatter(src);
  const fm = kramdown ?? frontMatter(src);
  if (kramdown) {
    out.frontMatter = kramdown;
    pos = kramdown.end;
  } else if (fm) {
    out.frontMatter = fm;
    pos = fm.end;
    if (src[pos] === '\r' && src[pos + 1] === '\n') pos += 2;
    else if (pos < src.length) pos += 1;
    else pos = src.length + 1;
  }
  const n = src.length;
  let nextCr = src.indexOf('\r', pos);
  if (nextCr < 0) nextCr = n;
  while (pos <= n) {
    let e = src.indexOf('\n', pos);
    if (e < 0) e = n;
    if (nextCr < pos) {
      nextCr = src.indexOf('\r', pos);
      if (nextCr < 0) nextCr = n;
    }
    if (nextCr < e) e = nextCr;
    let line = src.slice(pos, e);
    if (kramdown && line.startsWith('---') && KRAMDOWN_MARKER.test(line)) {
      out.markers.push({ start: pos, end: e });
      line = ' '.repeat(line.length);
    }
    bs.incorporateLine(pos, line);
    if (e >= n) break;
    pos = e + (src.charCodeAt(e) === 13 && src.charCodeAt(e + 1) === 10 ? 2 : 1);
  }
  while (bs.tip !== bs.doc) bs.finalize(bs.tip);
  for (const b of bs.leaves) emit(bs, b);
  out.definitions = bs.defs;
  // Facts come out in document order except around containers (a footnote definition ends after its content).
  for (const list of [out.headings, out.footnoteDefs, out.footnoteRefs, out.definitions, out.links, out.refLinks, out.codeBlocks, out.htmlBlocks, out.prose] as { start: number }[][]) {
    for (let k = 1; k < list.length; k++) {
      if (list[k - 1]!.start > list[k]!.start) {
        list.sort(byStart);
        break;
      }
    }
  }
}

const byStart = (a: { start: number }, b: { start: number }): number => a.start - b.start;

function emit(bs: BlockScanner, b: Block): void {
  const out = bs.out;
  const src = bs.src;
  const c = b.parent ? b.parent.id : -1;
  switch (b.type) {
    case PARA: {
      const p: ScanProse = { kind: 'paragraph', start: b.start, end: b.end };
      if (c >= 0) {
        p.container = c;
        if (b.lines.length > 2) p.lines = b.lines;
      }
      out.prose.push(p);
      const j = joinLines(src, b.lines);
      new InlineScanner(j.text, j.map, bs).run();
      break;
    }
    case HEADING: {
      const setext = b.label === 'setext';
      let s = b.lines[0]!;
      let e = b.lines[b.lines.length - 1]!;
      if (!setext) {
        // strip the closing sequence
        let raw = src.slice(s, e);
        raw = withoutClosingSequence(raw);
        e = s + raw.length;
      }
      while (s < e && isSpaceOrTab(src[s])) s++;
      while (e > s && isSpaceOrTab(src[e - 1])) e--;
      const h: ScanHeading = { level: Number(b.bullet), setext, start: b.start, end: b.end };
      if (c >= 0) h.container = c;
      if (e > s) {
        h.textStart = s;
        h.textEnd = e;
        const lines = setext ? b.lines.slice() : [s, e];
        if (setext) {
          lines[lines.length - 1] = Math.min(lines[lines.length - 1]!, e);
        }
        const j = joinLines(src, lines);
        const raw = j.text;
        const open = raw.lastIndexOf('{');
        if (open >= 0 && !(open > 0 && raw[open - 1] === '\\')) {
          const m = /^\{([^{}\n]*)\}[ \t]*$/.exec(raw.slice(open));
          if (m) h.attribute = { start: j.map(open), end: j.map(open) + m[0].trimEnd().length, inner: m[1]! };
        }
        new InlineScanner(raw, j.map, bs).run();
      }
      out.headings.push(h);
      break;
    }
    case FENCE:
    case INDENTED: {
      const code: ScanCodeBlock = b.type === FENCE ? { start: b.start, end: b.end, fenced: true, infoStart: b.infoStart, infoEnd: b.infoEnd } : { start: b.start, end: b.end, fenced: false };
      if (c >= 0) code.container = c;
      out.codeBlocks.push(code);
      break;
    }
    case HTML: {
      const html: ScanBlock = { start: b.start, end: b.end };
      if (c >= 0) html.container = c;
      out.htmlBlocks.push(html);
      break;
    }
    case TABLE:
      for (let k = 0; k < b.lines.length; k += 2) {
        if (k === 2) continue; // the delimiter row
        const row: ScanProse = { kind: 'tableRow', start: b.lines[k]!, end: b.lines[k + 1]! };
        if (c >= 0) row.container = c;
        out.prose.push(row);
        const j = joinLines(src, [b.lines[k]!, b.lines[k + 1]!]);
        new InlineScanner(j.text, j.map, bs).run();
      }
      break;
    case FOOTDEF: {
      const def: ScanFootnoteDef = { label: b.label, start: b.start, end: b.end, labelStart: b.labelStart, labelEnd: b.labelEnd, index: b.id };
      if (c >= 0) def.container = c;
      out.footnoteDefs.push(def);
      break;
    }
  }
}
