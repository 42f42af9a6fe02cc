import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import GithubSlugger from 'github-slugger';
import { LineIndex, ID_PATTERN } from '../text';
import type { Clause, Position, Range } from '../types';
import { looksLikeAttributeBlock, parseAttributeBlock } from './attributes';
import { defuseMarkdown } from './defuse';

/**
 * Parses one spec Markdown file into facts: heading clauses, footnote references and definitions, links and anchors.
 * unified + remark-parse + GFM (footnotes, tables, strikethrough, task lists) + remark-frontmatter; never line regexes, so fenced code (including fences in
 * fences), indented code, inline code, HTML comments, front matter and escapes hold no clauses and no references.
 * Pure and config-independent (so results can be cached by content). Never throws: problems are returned.
 * Implements [^markdown_parsing] [^mp7q] and [^never_throw] [^nt4x].
 */

export interface HeadingInfo {
  title: string;
  level: number;
  range: Range;
  /** The `{#id}` of a clause heading. */
  id?: string;
  slug: string;
}

export interface FootnoteRef {
  id: string;
  /** The whole `[^id]`. */
  range: Range;
  idRange: Range;
  /** Plain text of the innermost block around the reference (paragraph, list item, table row, heading). */
  blockText: string;
  /** The enclosing heading clause, its authority (inherited from ancestors when it has none) and section titles. */
  parent?: string;
  authority?: string;
  section: string[];
  sectionTitle: string;
}

export interface FootnoteDef {
  id: string;
  /** The `[^id]:` label. */
  range: Range;
  idRange: Range;
  /** The raw target when the definition's content is a file path or a link to one (the example file). */
  target?: string;
  targetRange?: Range;
  /** Plain text of the definition. */
  text: string;
}

export interface SpecLink {
  /** The raw URL as written. */
  url: string;
  /** The file part (`''` for a same-file `#anchor`). */
  path: string;
  /** The decoded anchor, without `#`. */
  anchor: string;
  /** The link (or link definition) as a whole. */
  range: Range;
  /** Just `anchor` inside the URL. */
  anchorRange: Range;
}

export interface MalformedBlock {
  range: Range;
  message: string;
  raw: string;
}

/**
 * A block of spec prose for text analysis (the ambiguity pass). `text` is the block's raw source with everything that
 * is not prose blanked out by spaces — inline code, HTML, link URLs and brackets, emphasis markers, footnote
 * references, heading markers and attribute blocks — so `text[i]` is the character at file offset `start + i`.
 */
export interface ProseBlock {
  kind: 'paragraph' | 'heading' | 'tableCell';
  start: number;
  end: number;
  text: string;
  /** The heading clause the prose belongs to (for a heading clause's own title: that clause). */
  clauseId?: string;
  /** Authority of that clause, inherited from enclosing clauses when it has none. */
  authority?: string;
}

export interface SpecFacts {
  file: string;
  headings: HeadingInfo[];
  headingClauses: Clause[];
  footnoteRefs: FootnoteRef[];
  footnoteDefs: FootnoteDef[];
  links: SpecLink[];
  /** Every anchor this file offers: `{#id}`s, GitHub-style heading slugs, HTML `id=`/`name=` attributes. */
  anchors: Set<string>;
  malformed: MalformedBlock[];
  /** Prose blocks in document order (not inside code, HTML, front matter, footnote definitions or link definitions). */
  prose: ProseBlock[];
  /** The end of the document (where a quick fix appends). */
  end: { line: number; character: number };
  problems: string[];
}

interface MdNode {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
  value?: string;
  url?: string;
  identifier?: string;
  label?: string;
  depth?: number;
}

/**
 * GitHub Flavored Markdown without autolink literals (remark-gfm's parts, minus one): a bare `www.x.com` or URL is
 * never a link we check (external), and finding them cost a tenth of all parsing time (a scan of every text node).
 */
function gfmWithoutAutolinks(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(gfmWithoutAutolinks).use(remarkFrontmatter, ['yaml', 'toml']);

/** Nodes whose content is never prose: no references, no clauses. */
const OPAQUE = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml', 'math', 'inlineMath', 'image', 'imageReference']);
/** Blocks that bound a footnote's text; the innermost one wins. */
const TEXT_BLOCKS = new Set(['paragraph', 'listItem', 'tableRow', 'heading']);
const REF_RE = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'g');
/** A reference cut at the end of a text node: `[^id` (the walker takes the `]` after it back). */
const UNCLOSED_REF_RE = new RegExp(`\\[\\^${ID_PATTERN}$`);
const HTML_ANCHOR_RE = /\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;
const HEADING_TEXT_LIMIT = 1200;
const BLOCK_TEXT_LIMIT = 2000;

export function emptySpecFacts(file: string): SpecFacts {
  return { file, headings: [], headingClauses: [], footnoteRefs: [], footnoteDefs: [], links: [], anchors: new Set(), malformed: [], prose: [], end: { line: 0, character: 0 }, problems: [] };
}

export function parseSpec(file: string, text: string): SpecFacts {
  return parseSpecChunked(file, text).facts;
}

/** The whole document as one chunk (no splitting): the reference the chunked parse must equal. */
export function parseSpecWhole(file: string, text: string): SpecFacts {
  return parseSpecChunked(file, text, undefined, false).facts;
}

/**
 * The facts of one chunk of a spec (a run of top-level sections), in chunk-local coordinates, with what the assembly
 * needs: the anchors in document order (a number is the index of a heading whose slug the assembly computes, since
 * slugs are deduplicated across the whole document) and the section stack after the chunk.
 */
export interface ChunkEntry {
  facts: SpecFacts;
  anchorEvents: (string | number)[];
  /** The line breaks in the chunk's text and the length of its last line (see lineBreaks). */
  breaks?: { count: number; tail: number };
  /** The enclosing sections the chunk was parsed under (sectionsKey). */
  sectionsIn: string;
  sectionsOut: readonly SectionEntry[];
  /** Facts shifted to where the chunk was last placed (reused while it stays there). */
  byLine?: {
    line: number;
    facts: Pick<SpecFacts, 'headings' | 'headingClauses' | 'footnoteRefs' | 'footnoteDefs' | 'links' | 'malformed'>;
    /** The placed headings with their document slugs from the last assembly, by heading index (reused while equal). */
    slugged?: HeadingInfo[];
  };
  byOffset?: { start: number; prose: ProseBlock[] };
  /** Free for the index: results of later passes over this chunk (the ambiguity pass). */
  derived?: unknown;
  /** What the chunk declares to other files (see chunkSignature). */
  signature?: string;
}

/**
 * What a chunk declares to the rest of the workspace: heading clause ids with parents and authorities, heading titles
 * (their slugs are anchors), footnote references and definitions with their targets, anchors, links. Two parses of a
 * spec whose chunks have equal signatures in the same order differ only in positions and texts.
 */
export function chunkSignature(entry: ChunkEntry): string {
  entry.signature ??= JSON.stringify([
    entry.facts.headingClauses.map((c) => [c.id, c.parent, c.authority]),
    entry.facts.footnoteRefs.map((r) => [r.id, r.parent, r.authority]),
    entry.facts.footnoteDefs.map((d) => [d.id, d.target]),
    entry.anchorEvents.map((e) => (typeof e === 'number' ? [entry.facts.headings[e]!.title] : e)),
    entry.facts.links.map((l) => l.url),
  ]);
  return entry.signature;
}

/** Chunk facts from an earlier parse of a file, by chunk text (each entry says under which enclosing sections). */
export type SpecChunkCache = Map<string, ChunkEntry>;

export interface PlacedChunk {
  entry: ChunkEntry;
  /** Offset and line of the chunk in the document. */
  start: number;
  line: number;
  text: string;
}

/**
 * Parses a spec chunk by chunk: the document is split at top-level ATX heading lines (specChunks), each chunk is parsed
 * on its own (reusing `cache` entries for unchanged chunks under the same enclosing sections), and the chunk facts are
 * shifted into place. The result equals a parse of the whole document; an edit re-parses only the chunk it touched.
 * Returns the facts, the placed chunks and the cache to pass to the next parse of this file.
 */
export function parseSpecChunked(file: string, text: string, cache?: SpecChunkCache, split = true): { facts: SpecFacts; chunks: PlacedChunk[]; cache: SpecChunkCache } {
  const facts = emptySpecFacts(file);
  const next: SpecChunkCache = new Map();
  const chunks: PlacedChunk[] = [];
  // Cheap prefilter: a file with no heading, no `[^`, no link and no HTML anchor has nothing to index.
  if (!/[#[=<]/.test(text)) {
    facts.end = new LineIndex(text).positionAt(text.length);
    return { facts, chunks, cache: next };
  }
  const starts = split ? specChunks(text) : [0];
  let sections: readonly SectionEntry[] = [];
  // Chunks start at line starts: a chunk's line is the sum of the line breaks before it (counted once per chunk text).
  let line = 0;
  let tail = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const chunkText = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    // Keyed by the chunk's text alone (no concatenated key: that would copy and hash the whole document per edit);
    // an entry parsed under other enclosing sections is parsed again.
    const inKey = sectionsKey(sections);
    let entry = cache?.get(chunkText) ?? next.get(chunkText);
    if (!entry || entry.sectionsIn !== inKey) entry = parseChunk(file, chunkText, sections, inKey, split);
    next.set(chunkText, entry);
    chunks.push({ entry, start, line, text: chunkText });
    entry.breaks ??= lineBreaks(chunkText);
    line += entry.breaks.count;
    tail = entry.breaks.count ? entry.breaks.tail : tail + entry.breaks.tail;
    sections = entry.sectionsOut;
  }
  facts.end = { line, character: tail };
  assemble(facts, chunks);
  return { facts, chunks, cache: next };
}

/** The line breaks of a text (as in LineIndex: LF, CRLF, lone CR) and the length of its last line. */
export function lineBreaks(text: string): { count: number; tail: number } {
  let count = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      count++;
      lineStart = i + 1;
    }
  }
  return { count, tail: text.length - lineStart };
}

function parseChunk(file: string, text: string, sections: readonly SectionEntry[], sectionsIn: string, split: boolean): ChunkEntry {
  const facts = emptySpecFacts(file);
  const entry: ChunkEntry = { facts, anchorEvents: [], sectionsIn, sectionsOut: sections };
  let tree: MdNode;
  try {
    // The parser reads a copy of the same length with adversarial nesting and markup made plain [^nt4x].
    const defused = defuseMarkdown(text);
    facts.problems.push(...defused.notes);
    tree = split ? parseMarkdownPieces(defused.text) : parseMarkdown(defused.text);
  } catch (err) {
    facts.problems.push(`could not parse Markdown: ${(err as Error).message}`);
    return entry;
  }
  const walker = new SpecWalker(file, text, facts, entry.anchorEvents, sections);
  try {
    walker.walk(tree);
  } catch (err) {
    facts.problems.push(`could not index Markdown: ${(err as Error).message}`);
  }
  entry.sectionsOut = walker.sectionsAfter();
  return entry;
}

const parseMarkdown = (text: string): MdNode => processor.parse(text) as unknown as MdNode;

/** Pieces of about this many characters are parsed at a time (see parseMarkdownPieces). */
export const PIECE_CHARS = 32 * 1024;

/**
 * The Markdown tree of `text`, parsed piece by piece: remark's tokenizer holds every event of the text it parses (about
 * 150 times the text's size in memory, 800 MB for a 2 MB spec of short paragraphs), so a long text is parsed in pieces
 * of about `pieceChars` cut where the whole parse would start a new top-level paragraph anyway (specChunks with
 * paragraphs: a letter in column 0 after a blank line, outside fences, HTML blocks and front matter; never when the
 * text has definitions), and the pieces' top-level nodes are joined with their offsets shifted. The tree equals the
 * whole parse's in types, values and offsets (tested); line and column of positions are piece-relative (unused).
 * Peak memory is then bounded by the piece, not the document [^big_documents].
 */
export function parseMarkdownPieces(text: string, pieceChars = PIECE_CHARS): MdNode {
  if (text.length <= pieceChars) return parseMarkdown(text);
  const cuts = specChunks(text, true);
  const starts = [0];
  for (const at of cuts) if (at - starts[starts.length - 1]! >= pieceChars) starts.push(at);
  if (starts.length === 1) return parseMarkdown(text);
  const children: MdNode[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const piece = parseMarkdown(text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length));
    const stack: MdNode[] = [...(piece.children ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.position) {
        if (n.position.start.offset !== undefined) n.position.start.offset += start;
        if (n.position.end.offset !== undefined) n.position.end.offset += start;
      }
      if (n.children) for (const c of n.children) stack.push(c);
    }
    for (const c of piece.children ?? []) children.push(c);
  }
  return { type: 'root', children, position: { start: { offset: 0 }, end: { offset: text.length } } };
}

const sectionKeys = new WeakMap<readonly SectionEntry[], string>();

function sectionsKey(sections: readonly SectionEntry[]): string {
  if (!sections.length) return '';
  let key = sectionKeys.get(sections);
  if (key === undefined) sectionKeys.set(sections, (key = JSON.stringify(sections)));
  return key;
}

const shiftPos = (p: Position, dl: number): Position => ({ line: p.line + dl, character: p.character });
const shiftRange = (r: Range, dl: number): Range => ({ start: shiftPos(r.start, dl), end: shiftPos(r.end, dl) });

/**
 * The document's prose blocks, computed when first read: a keystroke shifts the offsets of every block after it, and
 * only the features that read prose of the whole document (the LLM pass, completion context) pay for the shift.
 */
function lazyProse(out: SpecFacts, chunks: PlacedChunk[]): void {
  let prose: ProseBlock[] | undefined;
  Object.defineProperty(out, 'prose', {
    enumerable: true,
    configurable: true,
    get(): ProseBlock[] {
      if (!prose) {
        prose = [];
        for (const { entry, start } of chunks) {
          const f = entry.facts;
          if (entry.byOffset?.start !== start) {
            entry.byOffset = { start, prose: start === 0 ? f.prose : f.prose.map((b) => ({ ...b, start: b.start + start, end: b.end + start })) };
          }
          for (const b of entry.byOffset.prose) prose.push(b);
        }
      }
      return prose;
    },
    set(value: ProseBlock[]): void {
      prose = value;
    },
  });
}

/** Shifts chunk facts into document coordinates (reusing the last placement when it is the same) and recomputes slugs and anchors in document order. */
function assemble(out: SpecFacts, chunks: PlacedChunk[]): void {
  lazyProse(out, chunks);
  const slugger = new GithubSlugger();
  for (const { entry, line } of chunks) {
    const f = entry.facts;
    if (entry.byLine?.line !== line) {
      entry.byLine = {
        line,
        facts:
          line === 0
            ? f
            : {
                headings: f.headings.map((h) => ({ ...h, range: shiftRange(h.range, line) })),
                headingClauses: f.headingClauses.map((c) => ({ ...c, range: shiftRange(c.range, line), idRange: shiftRange(c.idRange, line) })),
                footnoteRefs: f.footnoteRefs.map((r) => ({ ...r, range: shiftRange(r.range, line), idRange: shiftRange(r.idRange, line) })),
                footnoteDefs: f.footnoteDefs.map((d) => ({
                  ...d,
                  range: shiftRange(d.range, line),
                  idRange: shiftRange(d.idRange, line),
                  ...(d.targetRange ? { targetRange: shiftRange(d.targetRange, line) } : {}),
                })),
                links: f.links.map((l) => ({ ...l, range: shiftRange(l.range, line), anchorRange: shiftRange(l.anchorRange, line) })),
                malformed: f.malformed.map((m) => ({ ...m, range: shiftRange(m.range, line) })),
              },
      };
    }
    const placed = entry.byLine.facts;
    const headingBase = out.headings.length;
    for (const h of placed.headings) out.headings.push(h);
    for (const c of placed.headingClauses) out.headingClauses.push(c);
    for (const r of placed.footnoteRefs) out.footnoteRefs.push(r);
    for (const d of placed.footnoteDefs) out.footnoteDefs.push(d);
    for (const l of placed.links) out.links.push(l);
    for (const m of placed.malformed) out.malformed.push(m);
    for (const p of f.problems) out.problems.push(p);
    for (const event of entry.anchorEvents) {
      if (typeof event === 'string') {
        out.anchors.add(event);
        continue;
      }
      // Slugs are unique per document ("a", "a-1"): computed here, in document order, not per chunk. The slugged
      // heading of the last assembly is reused while its placement and slug stay (no new objects per keystroke).
      const heading = out.headings[headingBase + event]!;
      const slug = slugger.slug(heading.title);
      const known = entry.byLine.slugged?.[event];
      if (known?.slug === slug) out.headings[headingBase + event] = known;
      else if (heading.slug !== slug) {
        const slugged = { ...heading, slug };
        out.headings[headingBase + event] = slugged;
        (entry.byLine.slugged ??= [])[event] = slugged;
      }
      out.anchors.add(slug);
    }
  }
}

/**
 * Where a spec can be cut into chunks that parse exactly as the whole: the offsets of the top-level ATX heading lines
 * (`#` in column 0) outside fenced code, HTML blocks and front matter, which close every open block and container.
 * Conservative: one chunk when the document has link reference or footnote definitions (their resolution crosses
 * sections); no more cuts after a line the scanner cannot place for sure (a fence or HTML block indented 1-3 spaces,
 * which may belong to a list item, or a fence inside an HTML-like line run that may be a paragraph).
 */
export function specChunks(text: string, paragraphs = false): number[] {
  const starts = [0];
  /** With `paragraphs`: the previous line was blank in normal state (a letter in column 0 after it starts a paragraph). */
  let prevBlank = false;
  // A byte order mark: micromark skips it, and front matter may follow.
  // (`]:` first: the multi-line expression costs a pass over a big spec that has no definition at all.)
  if (text.charCodeAt(0) === 0xfeff || (text.includes(']:') && DEFINITION_LINE.test(text))) return starts;
  let state: 'normal' | 'fence' | 'html' | 'blank-html' | 'front' = 'normal';
  let fenceChar = 0;
  let fenceLength = 0;
  let htmlEnd: RegExp | undefined;
  /** In a run of lines after an HTML-like line that may be an HTML block (type 7) or paragraph text. */
  let uncertain = false;
  for (let at = 0, lineNo = 0; at < text.length; lineNo++) {
    let end = at;
    // A charCodeAt loop, not indexOf: an editor's text is a rope (concatenated slices), and indexOf on it measured
    // 50 times slower than this loop on a 14,000-line spec.
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (state === 'normal' && lineNo > 0) {
      // Fast path: in normal state only fences, HTML and ATX headings matter; most lines are none of them.
      let p = at;
      while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
      const c = p < end ? text.charCodeAt(p) : -1;
      if (c !== 96 && c !== 126 && c !== 60 && c !== 35) {
        // A paragraph that starts with a letter in column 0 after a blank line closes every container and block
        // before it (no lazy continuation after a blank line), as an ATX heading does.
        if (paragraphs && prevBlank && p === at && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) starts.push(at);
        prevBlank = c === -1;
        at = end < text.length && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        continue;
      }
    }
    const line = text.slice(at, end);
    const lineStart = at;
    at = end < text.length && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    const blank = /^[ \t]*$/.test(line);
    prevBlank = false;
    if (state === 'front') {
      // Only an exact fence closes front matter; one with trailing blanks is not worth guessing.
      if (line === text.slice(0, 3)) state = 'normal';
      else if (FRONT_FENCE.test(line)) return starts;
      continue;
    }
    if (lineNo === 0 && FRONT_FENCE.test(line)) {
      if (line !== '---' && line !== '+++') return starts;
      state = 'front';
      continue;
    }
    if (state === 'fence') {
      const m = FENCE_CLOSE.exec(line);
      if (m && m[1]!.charCodeAt(0) === fenceChar && m[1]!.length >= fenceLength) state = 'normal';
      continue;
    }
    if (state === 'html') {
      if (htmlEnd!.test(line)) state = 'normal';
      continue;
    }
    if (blank) {
      if (state === 'blank-html') state = 'normal';
      uncertain = false;
      prevBlank = state === 'normal';
      continue;
    }
    // Indentation in columns (a tab reaches the next multiple of 4); 4 or more: indented code or container content.
    let col = 0;
    let i = 0;
    for (; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 32) col++;
      else if (c === 9) col += 4 - (col % 4);
      else break;
    }
    if (col >= 4) continue;
    const rest = line.slice(i);
    const fence = FENCE_OPEN.exec(rest);
    const html = rest.charCodeAt(0) === 60 ? htmlStart(rest) : undefined;
    if (state === 'blank-html') {
      // A fence or heading inside an HTML block is content; inside a paragraph it would start a block.
      if (uncertain && (fence || html || /^#{1,6}(?:[ \t]|$)/.test(rest))) return starts;
      continue;
    }
    if (fence) {
      if (col > 0) return starts;
      state = 'fence';
      fenceChar = fence[1]!.charCodeAt(0);
      fenceLength = fence[1]!.length;
      continue;
    }
    if (html) {
      if (col > 0) return starts;
      if (html.end) {
        const ended = html.end.test(rest.slice(html.skip));
        // `<!-->`, `<?>`: whether the end marker may overlap the start is not worth guessing.
        if (ended !== html.end.test(rest.slice(1))) return starts;
        if (!ended) {
          state = 'html';
          htmlEnd = html.end;
        }
      } else {
        state = 'blank-html';
        uncertain = html.uncertain;
      }
      continue;
    }
    if (col === 0 && lineStart > 0 && /^#{1,6}(?:[ \t]|$)/.test(rest)) starts.push(lineStart);
  }
  return starts;
}

/** A link reference or footnote definition may start here (inside containers too; labels may span lines). */
const DEFINITION_LINE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*\[(?:[^\]\\]|\\[\s\S])*\]:/m;
const FRONT_FENCE = /^(?:---|\+\+\+)[ \t]*$/;
const FENCE_OPEN = /^(`{3,}(?=[^`]*$)|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_TYPE_6 = new RegExp(`^</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$)`, 'i');

/** CommonMark HTML block starts: types 1-5 end at a marker, type 6 at a blank line; anything else may be type 7 or text. */
function htmlStart(rest: string): { end?: RegExp; skip: number; uncertain: boolean } {
  if (/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i.test(rest)) return { end: /<\/(?:script|pre|style|textarea)>/i, skip: 1, uncertain: false };
  if (rest.startsWith('<!--')) return { end: /-->/, skip: 4, uncertain: false };
  if (rest.startsWith('<?')) return { end: /\?>/, skip: 2, uncertain: false };
  if (rest.startsWith('<![CDATA[')) return { end: /\]\]>/, skip: 9, uncertain: false };
  if (/^<![A-Za-z]/.test(rest)) return { end: />/, skip: 2, uncertain: false };
  if (HTML_TYPE_6.test(rest)) return { skip: 0, uncertain: false };
  return { skip: 0, uncertain: true };
}

export interface SectionEntry {
  level: number;
  title: string;
  id?: string;
  authority?: string;
}

class SpecWalker {
  private readonly lines: LineIndex;
  private readonly sections: SectionEntry[];
  /** Heading clauses in order, with the root-level index of their heading for section text. */
  private readonly headingNodes: { clause: Clause; node: MdNode }[] = [];
  /** The text of each block that holds references, computed once (a paragraph may hold thousands of them). */
  private readonly blockTexts = new Map<MdNode, string>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly facts: SpecFacts,
    /** Anchors in document order; a number is the index of a heading whose slug is computed at assembly. */
    private readonly anchorEvents: (string | number)[],
    sections: readonly SectionEntry[],
  ) {
    this.lines = new LineIndex(text);
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.sections = [...sections];
  }

  sectionsAfter(): readonly SectionEntry[] {
    return this.sections;
  }

  walk(root: MdNode): void {
    // Iterative pre-order walk (document order) with the innermost text block tracked per entry:
    // deep nesting in hostile input must not overflow the call stack.
    const stack: { node: MdNode; block?: MdNode }[] = [{ node: root }];
    while (stack.length) {
      const { node, block } = stack.pop()!;
      if (OPAQUE.has(node.type)) {
        if (node.type === 'html' && node.value) this.htmlAnchors(node.value);
        continue;
      }
      switch (node.type) {
        case 'heading':
          this.heading(node);
          this.proseBlock(node, 'heading');
          break;
        case 'paragraph':
          this.proseBlock(node, 'paragraph');
          break;
        case 'tableCell':
          this.proseBlock(node, 'tableCell');
          break;
        case 'text':
          this.textRefs(node, block);
          continue;
        case 'footnoteReference':
          this.footnoteReference(node, block);
          continue;
        case 'footnoteDefinition':
          this.footnoteDefinition(node);
          continue;
        case 'link':
        case 'definition':
          this.link(node);
          break;
      }
      const children = node.children;
      if (!children) continue;
      const innerBlock = TEXT_BLOCKS.has(node.type) ? node : block;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, block: innerBlock });
    }
    this.sectionTexts(root);
  }

  /** micromark skips a leading byte order mark: its offsets then count from the character after it. */
  private readonly bom: number;

  private offsets(node: MdNode): [number, number] {
    return [(node.position?.start.offset ?? 0) + this.bom, (node.position?.end.offset ?? 0) + this.bom];
  }

  /** Heading clauses: the attribute block, every attribute kept [^hc2b]; a malformed block is reported, not guessed [^hc9m]. */
  private heading(node: MdNode): void {
    const level = node.depth ?? 1;
    const [start, end] = this.offsets(node);
    const range = this.lines.rangeOf(start, end);
    let title = plainText(node).trim();
    let clause: Clause | undefined;
    const block = this.attributeBlock(node);
    if (block) {
      title = block.titleBefore.trim();
      const parsed = parseAttributeBlock(block.inner);
      if (parsed.error) {
        this.facts.malformed.push({
          range: this.lines.rangeOf(block.start, block.end),
          message: `Malformed attribute block \`${block.raw}\`: ${parsed.error}.`,
          raw: block.raw,
        });
      }
      if (parsed.id !== undefined) {
        const idStart = block.start + 1 + parsed.idOffset!;
        const authority = parsed.attributes['authority'];
        clause = {
          id: parsed.id,
          kind: 'heading',
          title: title || parsed.id,
          text: '',
          file: this.file,
          range,
          idRange: this.lines.rangeOf(idStart, idStart + parsed.id.length),
          section: [],
          attributes: parsed.attributes,
          level,
          ...(authority !== undefined ? { authority } : {}),
        };
      }
    }
    this.sectionContext = undefined;
    while (this.sections.length && this.sections[this.sections.length - 1]!.level >= level) this.sections.pop();
    const parentSections = this.sections.map((s) => s.title);
    const parentClause = [...this.sections].reverse().find((s) => s.id !== undefined)?.id;
    if (clause && parentClause !== undefined) clause.parent = parentClause;
    const entry: SectionEntry = { level, title: title || clause?.id || '' };
    if (clause) {
      entry.id = clause.id;
      if (clause.authority !== undefined) entry.authority = clause.authority;
      clause.section = [...parentSections, clause.title];
      this.facts.headingClauses.push(clause);
      this.headingNodes.push({ clause, node });
      this.anchorEvents.push(clause.id);
    }
    this.sections.push(entry);
    this.anchorEvents.push(this.facts.headings.length);
    this.facts.headings.push({ title, level, range, slug: '', ...(clause ? { id: clause.id } : {}) });
  }

  /** Finds a trailing `{…}` attribute block in the heading's last text node (escaped `\{` is literal text). */
  private attributeBlock(node: MdNode): { start: number; end: number; inner: string; raw: string; titleBefore: string } | undefined {
    const children = node.children ?? [];
    const last = children[children.length - 1];
    if (!last || last.type !== 'text') return undefined;
    const [ls, le] = this.offsets(last);
    const raw = this.text.slice(ls, le);
    const m = /\{([^{}\n]*)\}[ \t]*$/.exec(raw);
    if (!m) return undefined;
    if (m.index > 0 && raw[m.index - 1] === '\\') return undefined;
    if (!looksLikeAttributeBlock(m[1]!)) return undefined;
    const start = ls + m.index;
    const end = start + m[0].trimEnd().length;
    // Title: the heading's text with the block cut off the last text node.
    const lastValue = last.value ?? '';
    const cut = lastValue.lastIndexOf('{');
    const before = children.slice(0, -1).map(plainText).join('') + (cut >= 0 ? lastValue.slice(0, cut) : lastValue);
    return { start, end, inner: m[1]!, raw: m[0].trim(), titleBefore: before };
  }

  /** The section context, the same object (and section array) for every reference until the next heading. */
  private sectionContext?: { parent?: string; authority?: string; section: string[]; sectionTitle: string };

  private currentSection(): { parent?: string; authority?: string; section: string[]; sectionTitle: string } {
    this.sectionContext ??= this.computeSection();
    return this.sectionContext;
  }

  private computeSection(): { parent?: string; authority?: string; section: string[]; sectionTitle: string } {
    let parent: string | undefined;
    let authority: string | undefined;
    for (let i = this.sections.length - 1; i >= 0; i--) {
      const s = this.sections[i]!;
      if (parent === undefined && s.id !== undefined) parent = s.id;
      if (authority === undefined && s.authority !== undefined) authority = s.authority;
    }
    const section = this.sections.map((s) => s.title);
    const result: { parent?: string; authority?: string; section: string[]; sectionTitle: string } = {
      section,
      sectionTitle: section[section.length - 1] ?? '',
    };
    if (parent !== undefined) result.parent = parent;
    if (authority !== undefined) result.authority = authority;
    return result;
  }

  /** Undefined footnotes stay text in GFM: read them from the raw source, honouring escapes [^fn3d]. */
  private textRefs(node: MdNode, block: MdNode | undefined): void {
    const [start, nodeEnd] = this.offsets(node);
    // In a block read as plain text (defuse.ts), the `]` of a reference at the end of the paragraph (or before a hard
    // break) was blanked out and trimmed from the node: take it back.
    const end = this.text.charCodeAt(nodeEnd) === 93 && UNCLOSED_REF_RE.test(this.text.slice(Math.max(start, nodeEnd - 1000), nodeEnd)) ? nodeEnd + 1 : nodeEnd;
    const raw = this.text.slice(start, end);
    if (!raw.includes('[^')) return;
    REF_RE.lastIndex = 0;
    for (let m = REF_RE.exec(raw); m; m = REF_RE.exec(raw)) {
      if (isEscaped(raw, m.index)) continue;
      // Inside a heading, the attribute block is not prose.
      this.addRef(m[1]!, start + m.index, block);
    }
  }

  private footnoteReference(node: MdNode, block: MdNode | undefined): void {
    const [start] = this.offsets(node);
    const raw = this.text.slice(start, this.offsets(node)[1]);
    const m = /^\[\^([^\]]*)\]/.exec(raw);
    const id = m ? m[1]! : (node.label ?? node.identifier ?? '');
    if (!new RegExp(`^${ID_PATTERN}$`).test(id)) return;
    this.addRef(id, start, block);
  }

  /** Innermost block, enclosing heading clause and inherited authority [^fn8r]. */
  private addRef(id: string, start: number, block: MdNode | undefined): void {
    const idStart = start + 2;
    const ctx = this.currentSection();
    this.facts.footnoteRefs.push({
      id,
      range: this.lines.rangeOf(start, idStart + id.length + 1),
      idRange: this.lines.rangeOf(idStart, idStart + id.length),
      blockText: block ? this.blockText(block) : '',
      ...ctx,
    });
  }

  private blockText(block: MdNode): string {
    let text = this.blockTexts.get(block);
    if (text === undefined) {
      text = limit(collapse(plainText(block)), BLOCK_TEXT_LIMIT);
      this.blockTexts.set(block, text);
    }
    return text;
  }

  private footnoteDefinition(node: MdNode): void {
    const [start, end] = this.offsets(node);
    const raw = this.text.slice(start, end);
    const m = /^\[\^([^\]]*)\]:/.exec(raw);
    const id = m ? m[1]! : (node.label ?? '');
    if (!new RegExp(`^${ID_PATTERN}$`).test(id)) return;
    const def: FootnoteDef = {
      id,
      range: this.lines.rangeOf(start, start + id.length + 4),
      idRange: this.lines.rangeOf(start + 2, start + 2 + id.length),
      text: collapse(plainText(node)),
    };
    const target = definitionTarget(node);
    if (target) {
      def.target = target.value;
      if (target.node) {
        const [ts, te] = this.offsets(target.node);
        const inner = this.text.slice(ts, te).indexOf(target.value);
        def.targetRange = inner >= 0 ? this.lines.rangeOf(ts + inner, ts + inner + target.value.length) : this.lines.rangeOf(ts, te);
      }
    }
    this.facts.footnoteDefs.push(def);
  }

  /** Anchor links, same-file and cross-file [^anchor_links]. */
  private link(node: MdNode): void {
    const url = node.url ?? '';
    const hash = url.indexOf('#');
    if (hash < 0) return;
    const path = url.slice(0, hash);
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return;
    if (path && !/\.(md|markdown)$/i.test(path.split('?')[0]!)) return;
    const rawAnchor = url.slice(hash + 1);
    if (!rawAnchor) return;
    let anchor = rawAnchor;
    try {
      anchor = decodeURIComponent(rawAnchor);
    } catch {
      // a stray % stays literal
    }
    const [start, end] = this.offsets(node);
    const raw = this.text.slice(start, end);
    const at = raw.lastIndexOf(`#${rawAnchor}`);
    const anchorRange = at >= 0 ? this.lines.rangeOf(start + at + 1, start + at + 1 + rawAnchor.length) : this.lines.rangeOf(start, end);
    this.facts.links.push({ url, path, anchor, range: this.lines.rangeOf(start, end), anchorRange });
  }

  /** The block's raw text with non-prose masked by spaces (offsets preserved). Iterative over the block's inlines. */
  private proseBlock(node: MdNode, kind: ProseBlock['kind']): void {
    const [start, end] = this.offsets(node);
    if (end <= start) return;
    const chars = this.text.slice(start, end).split('');
    const mask = (from: number, to: number): void => {
      for (let i = Math.max(from, start); i < Math.min(to, end); i++) {
        const c = chars[i - start]!;
        if (c !== '\n' && c !== '\r') chars[i - start] = ' ';
      }
    };
    const maskOutsideChildren = (n: MdNode): void => {
      const [ns, ne] = this.offsets(n);
      const kids = n.children ?? [];
      if (kids.length === 0) return mask(ns, ne);
      mask(ns, this.offsets(kids[0]!)[0]);
      mask(this.offsets(kids[kids.length - 1]!)[1], ne);
    };
    maskOutsideChildren(node);
    if (kind === 'heading') {
      const block = this.attributeBlock(node);
      if (block) mask(block.start, block.end);
    }
    const stack: MdNode[] = [...(node.children ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      const [ns, ne] = this.offsets(n);
      if (n.type === 'text') {
        const raw = this.text.slice(ns, ne);
        if (raw.includes('[^')) {
          REF_RE.lastIndex = 0;
          for (let m = REF_RE.exec(raw); m; m = REF_RE.exec(raw)) mask(ns + m.index, ns + m.index + m[0].length);
        }
        continue;
      }
      if (n.type === 'inlineCode' || n.type === 'html' || n.type === 'image' || n.type === 'imageReference' || n.type === 'footnoteReference' || n.type === 'break') {
        mask(ns, ne);
        continue;
      }
      if (n.children) {
        maskOutsideChildren(n);
        stack.push(...n.children);
      }
    }
    const ctx = this.currentSection();
    const block: ProseBlock = { kind, start, end, text: chars.join('') };
    if (ctx.parent !== undefined) block.clauseId = ctx.parent;
    if (ctx.authority !== undefined) block.authority = ctx.authority;
    this.facts.prose.push(block);
  }

  /** HTML `id=`/`name=` attributes are anchors too [^ln2a]. */
  private htmlAnchors(html: string): void {
    HTML_ANCHOR_RE.lastIndex = 0;
    for (let m = HTML_ANCHOR_RE.exec(html); m; m = HTML_ANCHOR_RE.exec(html)) this.anchorEvents.push(m[1]!);
  }

  /** A heading clause's text: the prose of the sibling blocks after it, up to the next heading. */
  private sectionTexts(root: MdNode): void {
    if (this.headingNodes.length === 0) return;
    // Parent and position of every node that has a heading clause, found in one iterative pass.
    const wanted = new Set(this.headingNodes.map((h) => h.node));
    const where = new Map<MdNode, { parent: MdNode; at: number }>();
    const stack: MdNode[] = [root];
    while (stack.length && where.size < wanted.size) {
      const n = stack.pop()!;
      const children = n.children ?? [];
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (wanted.has(c)) where.set(c, { parent: n, at: i });
        if (c.children && !OPAQUE.has(c.type)) stack.push(c);
      }
    }
    for (const { clause, node } of this.headingNodes) {
      const place = where.get(node);
      if (!place) continue;
      const siblings = place.parent.children!;
      const parts: string[] = [];
      let length = 0;
      for (let i = place.at + 1; i < siblings.length && length < HEADING_TEXT_LIMIT; i++) {
        const sibling = siblings[i]!;
        if (sibling.type === 'heading') break;
        if (OPAQUE.has(sibling.type) || sibling.type === 'definition' || sibling.type === 'footnoteDefinition' || sibling.type === 'thematicBreak') continue;
        const t = collapse(plainText(sibling));
        if (t) {
          parts.push(t);
          length += t.length;
        }
      }
      clause.text = limit(parts.join('\n\n'), HEADING_TEXT_LIMIT);
    }
  }
}

/** An odd number of backslashes before `at` escapes the character there. */
function isEscaped(s: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Plain text of a node: text values, skipping code, HTML and images; blocks separated by spaces. Iterative. */
export function plainText(node: MdNode): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type === 'footnoteReference') return `[^${node.label ?? node.identifier ?? ''}]`;
  const out: string[] = [];
  const stack: MdNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== node && OPAQUE.has(n.type) && n.type !== 'inlineCode') continue;
    if (n.type === 'text' || n.type === 'inlineCode') out.push(n.value ?? '');
    else if (n.type === 'footnoteReference') out.push(`[^${n.label ?? n.identifier ?? ''}]`);
    else if (n.type === 'break') out.push(' ');
    else if (n.children) {
      const block = n.type === 'paragraph' || n.type === 'listItem' || n.type === 'tableCell' || n.type === 'heading';
      if (block && n !== node) stack.push({ type: 'text', value: ' ' });
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out.join('');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function limit(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return `${s.slice(0, cut > max / 2 ? cut : max)}…`;
}

/**
 * The example file a footnote definition points at: a single link (`[^id]: [examples](x.md)` or `<x.md>`), or a single
 * path-like word (`[^id]: examples/x.md`). A prose footnote (`[^1]: See RFC 9110.`) has no target.
 */
function definitionTarget(def: MdNode): { value: string; node?: MdNode } | undefined {
  const blocks = def.children ?? [];
  if (blocks.length !== 1 || blocks[0]!.type !== 'paragraph') return undefined;
  const inline = (blocks[0]!.children ?? []).filter((c) => !(c.type === 'text' && !(c.value ?? '').trim()));
  if (inline.length !== 1) return undefined;
  const only = inline[0]!;
  if (only.type === 'link' && only.url && !/^[a-z][a-z0-9+.-]*:/i.test(only.url) && !only.url.startsWith('#')) {
    return { value: only.url, node: only };
  }
  if (only.type === 'text') {
    const value = (only.value ?? '').trim();
    if (/^[^\s]+$/.test(value) && (value.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(value)) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      return { value, node: only };
    }
  }
  return undefined;
}
