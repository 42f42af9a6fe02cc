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
import { slug as baseSlug } from 'github-slugger';
import { LineIndex, ID_PATTERN, ID_RE, lastAtOrBefore } from '../text/lineIndex';
import { normalizeLabel } from './scanner';
import { detached, withoutClosingSequence } from '../text/strings';
import { ReadListView, type ReadList } from '../text/readList';
import type { Clause, Position, Range } from '../types';
import { looksLikeAttributeBlock, parseAttributeBlock } from './attributes';
import { defuseMarkdown, type Defused } from './defuse';
import { findTestTargets, isExamplePathWord, type TestTarget } from './testTargets';
import { featureOf, KIRO_MENTION, mentionOfOtherFeature, type FeatureFormat, type MentionPlace } from './featureMentions';
import { releaseChunkScratch, scanSpecChunk } from './specFacts';
import { joinMdbookSpecTargets, mdbookSpecTargetsOf, type MdbookSpecTargets } from './mdbookSpec';
import { definitionTermLines } from './definitionTerms';
import { explicitTargetsOf, joinExplicitTargets, type ExplicitTargets } from './explicitTargets';
import { blankRanges, detectFormat, isExternalReference, isFeatureSpecName, isTemplatePath, kramdownFacts, mmarkFacts, KIRO_FOLDER_RE, SIBLING_FEATURE_SPEC_RE, SPEC_KIT_DECLARATION, SPEC_KIT_LABELED, SPEC_KIT_SEPARATOR, isTemplateSlot, SPEC_KIT_FOLDER_RE, SPEC_KIT_ID, SPEC_KIT_MENTION, type KramdownFacts, type SpecFormat } from './formats';
import { mdxHeadingTitles, mdxImportsOf } from './mdxImports';
import { markedStrongHeadingIds } from './siteGenerators';

export type { SpecFormat } from './formats';
import type { TypecheckFacts } from '../analysis/typecheck/normative';

/**
 * Parses one spec Markdown file into facts: heading clauses, footnote references and definitions, links and anchors.
 * unified + remark-parse + GFM (footnotes, tables, strikethrough, task lists) + remark-frontmatter; never line regexes, so fenced code (including fences in
 * fences), indented code, inline code, HTML comments, front matter and escapes hold no clauses and no references.
 * Pure and config-independent (so results can be cached by content). Never throws: problems are returned.
 * Implements [^markdown_parsing] [^mp7q] and [^never_throw] [^nt4x].
 */

/** A definition-list term: its plain text, and how many headings of its file come before it [^ln9h]. */
export interface DefinitionTerm {
  text: string;
  heading: number;
}

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

/**
 * A footnote reference `[^id]` on one line (an id has no line break), its ranges computed when read: three numbers in
 * place of two ranges of two positions each (240 bytes per reference; a spec with 200,000 references held 48 MB of
 * them), and its block's text and section in one object the block's references share [^big_documents]. `range` and
 * `idRange` are new objects on each read, equal to the ranges it was made of; JSON.stringify writes the FootnoteRef
 * literal (toJSON), as the cache and the tests read it. A structured clone (the index workers' facts) keeps the fields
 * but not the class: reviveFootnoteRefs makes them whole again.
 */
export class OneLineFootnoteRef implements FootnoteRef {
  readonly id: string;
  /** The block and section around the reference, one object shared by the references of a block (see blockOf). */
  readonly block: FootnoteBlock;
  /**
   * The line of `[^id]` and the character where it starts (the id: start + 2 to end - 1). The line is changed only by
   * a parse that consumes its chunks (see place), before anything else has seen the reference.
   */
  line: number;
  readonly start: number;

  constructor(id: string, line: number, start: number, block: FootnoteBlock) {
    this.id = id;
    this.block = block;
    this.line = line;
    this.start = start;
  }

  /** The character after `[^id]`: `[^`, the id and `]` are all on the line (footnoteRefOf makes this form only then). */
  get end(): number {
    return this.start + this.id.length + 3;
  }

  get blockText(): string {
    return this.block.blockText;
  }

  get section(): string[] {
    return this.block.section;
  }

  get sectionTitle(): string {
    return this.block.sectionTitle;
  }

  get parent(): string | undefined {
    return this.block.parent;
  }

  get authority(): string | undefined {
    return this.block.authority;
  }

  get range(): Range {
    return oneLineRange(this.line, this.start, this.id.length);
  }

  get idRange(): Range {
    return oneLineIdRange(this.line, this.start, this.id.length);
  }

  /** The fields of the FootnoteRef type, in the order of the literal it replaces. */
  toJSON(): FootnoteRef {
    const { id, range, idRange, blockText, section, sectionTitle, parent, authority } = this;
    return { id, range, idRange, blockText, section, sectionTitle, parent, authority } as FootnoteRef;
  }
}

/**
 * A one-line reference that keeps the footnote clause the workspace model made of it for the next model (see
 * footnoteClause in workspaceIndex.ts): a field of 8 bytes, where an entry of a WeakMap keyed by 200,000 references
 * cost ~42 bytes [^big_documents]. Not part of the facts: not enumerable (facts compare equal with or without it),
 * toJSON leaves it out, and a structured clone does not copy it. Made by every parse but one that consumes its chunks
 * (a batch index, whose one model is built once and finds a reference's clause by its place: 1.6 MB less for the
 * 200,000-reference spec, from the scan on); see oneLineRef.
 */
export class KeptFootnoteRef extends OneLineFootnoteRef {
  declare madeClause: object | undefined;

  constructor(id: string, line: number, start: number, block: FootnoteBlock) {
    super(id, line, start, block);
    Object.defineProperty(this, 'madeClause', { value: undefined, writable: true, enumerable: false, configurable: false });
  }
}

/** Whether the one-line references made now keep their model's clause: false only during a parse that consumes its chunks. */
let keepsClauses = true;

/** A one-line reference: a KeptFootnoteRef, or a plain OneLineFootnoteRef during a parse that consumes its chunks. */
function oneLineRef(id: string, line: number, start: number, block: FootnoteBlock): OneLineFootnoteRef {
  return keepsClauses ? new KeptFootnoteRef(id, line, start, block) : new OneLineFootnoteRef(id, line, start, block);
}

/** What the references of one block share: the block's text, the enclosing clause, its authority and the sections. */
interface FootnoteBlock {
  readonly blockText: string;
  readonly section: string[];
  readonly sectionTitle: string;
  readonly parent: string | undefined;
  readonly authority: string | undefined;
}

/** The last block made: the next reference of the same block and section shares it (40 bytes a reference less). */
let lastBlock: FootnoteBlock | undefined;

function blockOf(blockText: string, ctx: { parent?: string | undefined; authority?: string | undefined; section: string[]; sectionTitle: string }): FootnoteBlock {
  const b = lastBlock;
  if (b && b.blockText === blockText && b.section === ctx.section && b.sectionTitle === ctx.sectionTitle && b.parent === ctx.parent && b.authority === ctx.authority) return b;
  return (lastBlock = { blockText, section: ctx.section, sectionTitle: ctx.sectionTitle, parent: ctx.parent, authority: ctx.authority });
}

/**
 * A FootnoteRef: the compact one-line form when the ranges are those of `[^id]` on one line (always, from both parse
 * paths; its end is not a field: 8 bytes a reference less, 1.6 MB for 200,000 [^big_documents]), else one object literal with the ranges (one literal per set of optional fields, fields in-object).
 */
export function footnoteRefOf(id: string, range: Range, idRange: Range, blockText: string, ctx: { parent?: string | undefined; authority?: string | undefined; section: string[]; sectionTitle: string }): FootnoteRef {
  const line = range.start.line;
  if (range.end.line === line && idRange.start.line === line && idRange.end.line === line && idRange.start.character === range.start.character + 2 && idRange.end.character === range.end.character - 1 && range.end.character - range.start.character === id.length + 3) {
    return oneLineRef(id, line, range.start.character, blockOf(blockText, ctx));
  }
  const { parent, authority, section, sectionTitle } = ctx;
  if (parent !== undefined) {
    return authority !== undefined ? { id, range, idRange, blockText, section, sectionTitle, parent, authority } : { id, range, idRange, blockText, section, sectionTitle, parent };
  }
  return authority !== undefined ? { id, range, idRange, blockText, section, sectionTitle, authority } : { id, range, idRange, blockText, section, sectionTitle };
}

/** The range of a one-line reference `[^id]` starting at (line, start): made on each read (OneLineFootnoteRef, FootnoteRefColumns). */
function oneLineRange(line: number, start: number, idLength: number): Range {
  return { start: { line, character: start }, end: { line, character: start + idLength + 3 } };
}

/** The range of the id of a one-line reference `[^id]` starting at (line, start). */
function oneLineIdRange(line: number, start: number, idLength: number): Range {
  return { start: { line, character: start + 2 }, end: { line, character: start + idLength + 2 } };
}

/**
 * What readers of a spec's footnote references use: a list to read in order or at a place. An array of FootnoteRef
 * (every parse but a batch index's) or FootnoteRefColumns (a batch index's parse) [^big_documents].
 */
export type FootnoteRefs = ReadList<FootnoteRef>;

/** References a page of FootnoteRefColumns' numbers holds (see NumberPage): the columns grow by pages, never copied whole. */
const COLUMN_PAGE_BITS = 12;
const COLUMN_PAGE = 1 << COLUMN_PAGE_BITS;
/** Ids a page of FootnoteRefColumns' ids holds (see idTexts). */
const ID_PAGE_BITS = 9;
const ID_PAGE = 1 << ID_PAGE_BITS;

/**
 * The lines and start characters of COLUMN_PAGE references of FootnoteRefColumns: each line as its distance from the
 * page's first line (`base`: moving a page down changes only it), both in 16 bits while they fit, else in 32 (`wide`).
 */
interface NumberPage {
  base: number;
  narrow: Uint16Array | undefined;
  wide: Int32Array | undefined;
}

/**
 * The footnote references of a batch index's parse (a parse that consumes its chunks: `clarify check`, `clarify
 * report`) as columns, made by the scan: per reference its id (see idTexts), its line and the character where its `[^`
 * starts (4 bytes both, see NumberPage), and its block (FootnoteBlock, shared by the references of a block: the blocks
 * come in the order of the references, each with the place of its first one): ~14 bytes a reference, where a
 * OneLineFootnoteRef was 56 bytes, its id 24 and a slot of the list 8 (the 200,000-reference spec: 17.6 → 2.8 MB, from
 * the scan to the output) [^big_documents]. A reference is read as the OneLineFootnoteRef it stands for (`at`, made on
 * each read: equal, not the same object), or column by column (idAt, rangeAt, blockAt) by the model's footnote clauses.
 * A reference that is not on one line (none of the parse paths makes one) is kept as an object (`others`). Pages:
 * growing copies at most a page. JSON.stringify writes the array of FootnoteRef literals the list replaces; a structured clone
 * keeps the fields, not the class (FootnoteRefColumns.revived).
 */
export class FootnoteRefColumns extends ReadListView<FootnoteRef> {
  /** The spec the references are in (the model's clauses read it: see ColumnFootnoteClause in workspaceIndex.ts). */
  readonly file: string;
  /**
   * The ids of each full page of ID_PAGE as one string, their characters one after another, and where each id starts
   * in it (ID_PAGE + 1 places, in 16 bits when they fit): ~9 bytes an id of 6 characters, where a string of its own
   * was 24 and its slot 8 [^big_documents]. An id is read as a new string (idAt). Short pages: the ids wait as strings
   * until their page is full, and a scavenge that finds them still waiting moves them to the old generation.
   */
  private idTexts: string[] = [];
  private idStarts: (Uint16Array | Int32Array)[] = [];
  /** The ids of the last page while it fills. */
  private pending: string[] = [];
  private numberPages: NumberPage[] = [];
  /** The blocks, in the order of their references, and the place of each one's first reference. */
  private blocks: FootnoteBlock[] = [];
  private blockStarts: number[] = [];
  /** The last block read (blockAt reads the references of a block one after another). */
  private lastBlockAt = 0;
  /** References not on one line, by place. */
  private others: Map<number, FootnoteRef> | undefined;
  length = 0;

  constructor(file: string) {
    super();
    this.file = file;
  }

  /** A list with the fields of one that came by structured clone. */
  static revived(clone: FootnoteRefColumns): FootnoteRefColumns {
    const out = new FootnoteRefColumns(clone.file);
    out.idTexts = clone.idTexts;
    out.idStarts = clone.idStarts;
    out.pending = clone.pending;
    out.numberPages = clone.numberPages;
    out.blocks = clone.blocks;
    out.blockStarts = clone.blockStarts;
    out.length = clone.length;
    if (clone.others) out.others = new Map([...clone.others].map(([i, r]) => [i, revivedFootnoteRef(r)]));
    return out;
  }

  /** Appends a one-line reference `[^id]` at (line, start). */
  addOneLine(id: string, line: number, start: number, block: FootnoteBlock): void {
    const i = this.length;
    const blocks = this.blocks;
    if (blocks.length === 0 || blocks[blocks.length - 1] !== block) {
      blocks.push(block);
      this.blockStarts.push(i);
    }
    const at = i & (COLUMN_PAGE - 1);
    // A page's arrays grow from 16 references to COLUMN_PAGE (most specs have a few references: 64 bytes, not 16 KB).
    if (at === 0) this.numberPages.push({ base: line, narrow: new Uint16Array(2 * 16), wide: undefined });
    const page = this.numberPages[this.numberPages.length - 1]!;
    if (2 * at === (page.narrow ?? page.wide!).length) {
      if (page.narrow) {
        const grown = new Uint16Array(2 * page.narrow.length);
        grown.set(page.narrow);
        page.narrow = grown;
      } else {
        const grown = new Int32Array(2 * page.wide!.length);
        grown.set(page.wide!);
        page.wide = grown;
      }
    }
    const delta = line - page.base;
    if (page.narrow && delta >= 0 && delta <= 0xffff && start >= 0 && start <= 0xffff) {
      page.narrow[2 * at] = delta;
      page.narrow[2 * at + 1] = start;
    } else {
      if (page.narrow) {
        page.wide = Int32Array.from(page.narrow);
        page.narrow = undefined;
      }
      page.wide![2 * at] = delta;
      page.wide![2 * at + 1] = start;
    }
    this.pending.push(id);
    this.length = i + 1;
    if ((i & (ID_PAGE - 1)) === ID_PAGE - 1) this.sealIds();
  }

  /** The full last page's ids as one string and their starts. */
  private sealIds(): void {
    const ids = this.pending;
    let length = 0;
    for (let k = 0; k < ids.length; k++) length += ids[k]!.length;
    const starts = length <= 0xffff ? new Uint16Array(ID_PAGE + 1) : new Int32Array(ID_PAGE + 1);
    let at = 0;
    for (let k = 0; k < ids.length; k++) {
      starts[k] = at;
      at += ids[k]!.length;
    }
    starts[ids.length] = at;
    this.idTexts.push(ids.join(''));
    this.idStarts.push(starts);
    this.pending = [];
  }

  /** Appends a reference (the one-line ones as columns). */
  add(ref: FootnoteRef): void {
    if (ref instanceof OneLineFootnoteRef) {
      this.addOneLine(ref.id, ref.line, ref.start, ref.block);
      return;
    }
    const i = this.length;
    this.addOneLine(ref.id, ref.range.start.line, ref.range.start.character, blockOf(ref.blockText, ref));
    (this.others ??= new Map()).set(i, ref);
  }

  /** Appends the references of `list`, `line` lines further down. */
  append(list: FootnoteRefs, line: number): void {
    if (list instanceof FootnoteRefColumns) {
      for (let i = 0; i < list.length; i++) {
        const other = list.others?.get(i);
        if (other) this.add(shiftedFootnoteRef(other, line));
        else this.addOneLine(list.idAt(i), list.lineAt(i) + line, list.startAt(i), list.blockAt(i));
      }
      return;
    }
    for (const r of list) this.add(line === 0 ? r : shiftedFootnoteRef(r, line));
  }

  /** Every reference `line` lines further down, in place (a parse that consumes its chunks: see place). */
  shift(line: number): void {
    for (const page of this.numberPages) page.base += line;
    if (this.others) for (const [i, r] of this.others) this.others.set(i, shiftedFootnoteRef(r, line));
  }

  idAt(i: number): string {
    const page = i >>> ID_PAGE_BITS;
    const at = i & (ID_PAGE - 1);
    if (page === this.idTexts.length) return this.pending[at]!;
    const starts = this.idStarts[page]!;
    return this.idTexts[page]!.slice(starts[at]!, starts[at + 1]!);
  }

  /** The length of the id at `i` (without making the id). */
  idLengthAt(i: number): number {
    const page = i >>> ID_PAGE_BITS;
    const at = i & (ID_PAGE - 1);
    if (page === this.idTexts.length) return this.pending[at]!.length;
    const starts = this.idStarts[page]!;
    return starts[at + 1]! - starts[at]!;
  }

  lineAt(i: number): number {
    const page = this.numberPages[i >>> COLUMN_PAGE_BITS]!;
    return page.base + (page.narrow ?? page.wide!)[2 * (i & (COLUMN_PAGE - 1))]!;
  }

  startAt(i: number): number {
    const page = this.numberPages[i >>> COLUMN_PAGE_BITS]!;
    return (page.narrow ?? page.wide!)[2 * (i & (COLUMN_PAGE - 1)) + 1]!;
  }

  blockAt(i: number): FootnoteBlock {
    const starts = this.blockStarts;
    let k = this.lastBlockAt;
    if (!(k < starts.length && starts[k]! <= i && (k + 1 === starts.length || i < starts[k + 1]!))) {
      // The last block whose first reference is at or before i.
      this.lastBlockAt = k = lastAtOrBefore(starts, i);
    }
    return this.blocks[k]!;
  }

  /** The reference at `i`'s range (that of the FootnoteRef `at(i)` makes). */
  rangeAt(i: number): Range {
    const other = this.others?.get(i);
    return other ? other.range : oneLineRange(this.lineAt(i), this.startAt(i), this.idLengthAt(i));
  }

  idRangeAt(i: number): Range {
    const other = this.others?.get(i);
    return other ? other.idRange : oneLineIdRange(this.lineAt(i), this.startAt(i), this.idLengthAt(i));
  }

  /** The reference at `i` as a FootnoteRef: made on each read. */
  at(i: number): FootnoteRef | undefined {
    if (i < 0) i += this.length;
    if (!(i >= 0 && i < this.length)) return undefined;
    return this.others?.get(i) ?? new OneLineFootnoteRef(this.idAt(i), this.lineAt(i), this.startAt(i), this.blockAt(i));
  }

  /** The FootnoteRef literals, as the array this list replaces is written. */
  toJSON(): FootnoteRef[] {
    return this.map((r) => (r instanceof OneLineFootnoteRef ? r.toJSON() : r));
  }
}

/** Whether the references made now are columns: only during a parse that consumes its chunks (see parseSpecChunked). */
let columnar = false;

/** An empty list of footnote references for a parse's facts: columns during a parse that consumes its chunks. */
function emptyFootnoteRefs(file: string): FootnoteRefs {
  return columnar ? new FootnoteRefColumns(file) : [];
}

/** Adds a reference to a parse's list (see footnoteRefOf): columns or an array, as emptyFootnoteRefs made it. */
export function addFootnoteRef(list: FootnoteRefs, id: string, range: Range, idRange: Range, blockText: string, ctx: { parent?: string | undefined; authority?: string | undefined; section: string[]; sectionTitle: string }): void {
  const ref = footnoteRefOf(id, range, idRange, blockText, ctx);
  if (list instanceof FootnoteRefColumns) list.add(ref);
  else (list as FootnoteRef[]).push(ref);
}

/**
 * Adds a one-line reference `[^id]` at (line, start) to a parse's list: what addFootnoteRef adds for its ranges, without
 * making them (six objects a reference, ~36 MB of garbage for the 200,000-reference spec's scan, measured), nor a
 * reference object when the list is columns [^big_documents].
 */
export function addOneLineFootnoteRef(list: FootnoteRefs, id: string, line: number, start: number, blockText: string, ctx: { parent?: string | undefined; authority?: string | undefined; section: string[]; sectionTitle: string }): void {
  if (list instanceof FootnoteRefColumns) list.addOneLine(id, line, start, blockOf(blockText, ctx));
  else (list as FootnoteRef[]).push(oneLineRef(id, line, start, blockOf(blockText, ctx)));
}

/** A FootnoteRef `line` lines further down. */
function shiftedFootnoteRef(r: FootnoteRef, line: number): FootnoteRef {
  if (r instanceof OneLineFootnoteRef) return oneLineRef(r.id, r.line + line, r.start, r.block);
  return { ...r, range: shiftRange(r.range, line), idRange: shiftRange(r.idRange, line) };
}

/** A FootnoteRef whole again after a structured clone or a JSON round trip (the same object when it is whole). */
function revivedFootnoteRef(r: FootnoteRef): FootnoteRef {
  if (r instanceof OneLineFootnoteRef) return r;
  const c = r as Partial<FootnoteRef> & { line?: number; start?: number; block?: FootnoteBlock };
  if (c.range === undefined && c.line !== undefined && c.block) return oneLineRef(r.id, c.line, c.start!, blockOf(c.block.blockText, c.block));
  return footnoteRefOf(r.id, r.range, r.idRange, r.blockText, r);
}

/**
 * The footnote references of facts that came by structured clone (from an index worker) or from JSON (the index
 * cache), made whole and compact in place: the spec's and its chunk entries' (an object shared by both stays shared).
 */
export function reviveFootnoteRefs(spec: SpecFacts, chunks?: SpecChunkCache): void {
  const seen = new Map<FootnoteRef, FootnoteRef>();
  // Columns (a batch index's parse, from a worker) come as their fields: made whole as a new list.
  if (!Array.isArray(spec.footnoteRefs) && !(spec.footnoteRefs instanceof FootnoteRefColumns)) spec.footnoteRefs = FootnoteRefColumns.revived(spec.footnoteRefs as FootnoteRefColumns);
  const revive = (refs: FootnoteRefs): void => {
    if (!Array.isArray(refs)) return;
    const list = refs as FootnoteRef[];
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      let next = seen.get(r);
      if (!next) seen.set(r, (next = revivedFootnoteRef(r)));
      list[i] = next;
    }
  };
  revive(spec.footnoteRefs);
  for (const entry of chunks?.values() ?? []) {
    revive(entry.facts.footnoteRefs);
    if (entry.byLine) revive(entry.byLine.facts.footnoteRefs);
  }
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
  /** The tests the definition names instead of an example file (`tests/x.py::test_y`, `x.test.ts#L10`) [^tt3v]. */
  tests?: TestTarget[];
}

export interface SpecLink {
  /** The raw URL as written. */
  url: string;
  /** The file part (`''` for a same-file `#anchor`). */
  path: string;
  /** The decoded anchor, without `#` (`''` for a link to a file as a whole). */
  anchor: string;
  /** A reference link `[text][label]` whose label no definition in the file declares: the label. */
  undefinedReference?: string;
  /**
   * A link reference definition (`[label]: #anchor`) that no link of the file uses: it renders nothing, so a missing
   * target breaks no link (the Rust RFC template puts `[summary]: #summary` under every heading). Still a reference for
   * rename and references [^ln5u].
   */
  unusedDefinition?: true;
  /**
   * With `undefinedReference`: the 0-based line of a `[label]: …` line that looks like its definition but is not one
   * (a destination with a space or an unbalanced parenthesis, or a line continuing a paragraph): GFM shows it as text.
   */
  lookalikeLine?: number;
  /**
   * With `lookalikeLine`: the `[label]: …` lines of its block are all definitions once Hugo's shortcodes in them
   * (`{{< param tag >}}`) are replaced, as Hugo replaces them (by a placeholder without blanks) before Goldmark reads
   * the page: a link on a page of a Hugo site, text elsewhere [^ln9h].
   */
  shortcodeDefinition?: true;
  /** The link (or link definition) as a whole. */
  range: Range;
  /** Just `anchor` inside the URL. */
  anchorRange: Range;
  /**
   * `[](#RFC7285)`: a link with no text to a bibliographic anchor (isExternalReference), kramdown-rfc's cross-reference
   * to a reference its draft's front matter declares. Outside a draft and the files it includes, nothing says which
   * references the draft declares: the link is not checked there [^kr7i].
   */
  bibliographic?: true;
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
  /** In the spec's decision record (a `Clarifications` section): answers, not prose to review [^cq2r]. */
  record?: true;
}

/**
 * One recorded decision: a list item of a spec's `Clarifications` section whose first inline code names a clause id
 * (`- 2026-11-21 · \`sessions\` · “quickly”: How fast? → **200 ms**`). The hover of that clause links to it [^cq2r].
 */
export interface ClarificationEntry {
  clauseId: string;
  /** The list item's first line. */
  range: Range;
  /** YYYY-MM-DD when the entry starts with one. */
  date?: string;
}

/**
 * The heading clause a heading's attribute block `{#id …}` declares [^hc2b], every attribute kept; a malformed block is
 * reported in the facts, not guessed [^hc9m]. One construction for the tree walk and the scanner path.
 */
export function attributeHeadingClause(
  facts: SpecFacts,
  block: { start: number; end: number; raw: string; inner: string },
  title: string,
  range: Range,
  level: number,
  lines: Pick<LineIndex, 'rangeOf'>,
  anchorEvents: (string | number)[],
): Clause | undefined {
  const parsed = parseAttributeBlock(block.inner);
  if (parsed.error) facts.malformed.push({ range: lines.rangeOf(block.start, block.end), message: `Malformed attribute block \`${block.raw}\`: ${parsed.error}.`, raw: block.raw });
  // A heading anchor that is no clause id (`{#guía-rápida}`): a link target all the same.
  if (parsed.anchor !== undefined) anchorEvents.push(parsed.anchor);
  if (parsed.id === undefined) return undefined;
  const idStart = block.start + 1 + parsed.idOffset!;
  const authority = parsed.attributes['authority'];
  return {
    id: parsed.id,
    kind: 'heading',
    title: title || parsed.id,
    text: '',
    file: facts.file,
    range,
    idRange: lines.rangeOf(idStart, idStart + parsed.id.length),
    section: [],
    attributes: parsed.attributes,
    level,
    ...(authority !== undefined ? { authority } : {}),
  };
}

/**
 * The link fact of a link to `url` written at [start, end) of `text` [^anchor_links]: a same-file or cross-file anchor,
 * or a Markdown file as a whole (which must exist [^ln4f]); undefined for external URLs and links to other files. The
 * one reading of a link for the tree walk and the scanner path.
 */
export function linkFact(url: string, start: number, end: number, text: string, lines: Pick<LineIndex, 'rangeOf'>): SpecLink | undefined {
  const hash = url.indexOf('#');
  const rawPath = hash < 0 ? url : url.slice(0, hash);
  if (/^[a-z][a-z0-9+.-]*:/i.test(rawPath) || rawPath.startsWith('//')) return undefined;
  let path = rawPath.split('?')[0]!;
  if (path && !/\.(md|markdown)$/i.test(path)) return undefined;
  if (!path && rawPath) return undefined;
  try {
    path = decodeURIComponent(path);
  } catch {
    // a stray % stays literal
  }
  const rawAnchor = hash < 0 ? '' : url.slice(hash + 1);
  if (!rawAnchor && !path) return undefined;
  const range = lines.rangeOf(start, end);
  if (!rawAnchor) return { url, path, anchor: '', range, anchorRange: range };
  let anchor = rawAnchor;
  try {
    anchor = decodeURIComponent(rawAnchor);
  } catch {
    // a stray % stays literal
  }
  const at = text.slice(start, end).lastIndexOf(`#${rawAnchor}`);
  const anchorRange = at >= 0 ? lines.rangeOf(start + at + 1, start + at + 1 + rawAnchor.length) : range;
  if (!path && text.startsWith('[](', start) && isExternalReference(anchor)) return { url, path, anchor, range, anchorRange, bibliographic: true };
  return { url, path, anchor, range, anchorRange };
}

/** A kramdown-rfc cross-reference, `{{anchor}}`, `{{?RFC1234}}`, `{{Section 3 of RFC9110}}` [^kr7i]. */
const KRAMDOWN_XREF_RE = /\{\{(?:Section [\w.]+ of )?[?!<>^-]*[A-Za-z][\w.:-]*\}\}/;

/** A kramdown-rfc cross-reference in a text node: `{{anchor}}` (the inner text holds no brace; the scanner path's, see kramdownXrefs). */
export const KRAMDOWN_XREF_NODE_RE = /\{\{([^{}]+)\}\}/g;

/**
 * `[text][label]` or `[text][]` in a text node's source: a reference link no definition declares (GFM leaves it as
 * text) [^ln4f]. Not after a word character, backslash, `!`, `]` or `)`, nor before `[` or `(` (a run of three or more
 * bracket groups is a notation; in `[a][b](url)`, `[b](url)` is the link).
 */
const UNDEFINED_REFERENCE_RE = /(?<![\w\\!\])])\[([^[\]\n]+)\]\[([^[\]\n]*)\](?![[(])/g;

/**
 * The undefined reference links `[text][label]` of a text node's source `raw` at `start` (SpecWalker.textMarkers, and
 * the scanner path per text node): `found(fact, collapsed, offset)` for each, in order (collapsed: `[text][]`, a link
 * in any file). `lookalikes`: the text's `[label]:` lines (lookalikeDefinitionLines), asked on the first match.
 */
export function undefinedReferences(raw: string, start: number, lines: { rangeOf(from: number, to: number): Range }, lookalikes: () => Map<string, number>, found: (fact: SpecLink, collapsed: boolean, at: number) => void): void {
  UNDEFINED_REFERENCE_RE.lastIndex = 0;
  for (let m = UNDEFINED_REFERENCE_RE.exec(raw); m; m = UNDEFINED_REFERENCE_RE.exec(raw)) {
    const label = (m[2] || m[1])!.trim();
    if (!label || label.startsWith('^')) continue;
    const at = start + m.index;
    const range = lines.rangeOf(at, at + m[0].length);
    const lookalike = lookalikes().get(label.toLowerCase());
    if (lookalike === TEMPLATE_DEFINITION) continue;
    // A line of a block Hugo's shortcodes keep from being definitions (lookalikeDefinitionLines: -2 - its line).
    const shortcode = lookalike !== undefined && lookalike <= SHORTCODE_DEFINITION;
    const line = shortcode ? SHORTCODE_DEFINITION - lookalike : lookalike;
    found({ url: `[${label}]`, path: '', anchor: '', undefinedReference: label, ...(line !== undefined ? { lookalikeLine: line } : {}), ...(shortcode ? { shortcodeDefinition: true as const } : {}), range, anchorRange: range }, m[2] === '', at);
  }
}

/** An open question `[NEEDS CLARIFICATION: …]` in a text node's source [^sk3q] (the tree walk's and the scanner path's). */
export const OPEN_QUESTION_RE = /\[NEEDS CLARIFICATION(?:[ \t]*:[ \t]*([^\]\n]*))?\]/g;

/** The question of an OPEN_QUESTION_RE match, or undefined when it asks none. */
export function openQuestionOf(m: RegExpMatchArray): string | undefined {
  const question = (m[1] ?? '').trim();
  // The spec-kit template's own placeholder (`[NEEDS CLARIFICATION: specific question]`) asks nothing.
  if (!question || /^(?:specific question|\.\.\.|…)$/i.test(question)) return undefined;
  return question;
}

/**
 * The kramdown-rfc cross-references `{{…}}` of one text node's source `raw` (at `start`), as links to anchors of the
 * draft, and the aliases they declare, as anchor events: the tree walk's (SpecWalker.textMarkers) and the scanner
 * path's (ChunkReader.addXrefs) reading.
 */
export function kramdownXrefs(raw: string, start: number, links: SpecLink[], anchorEvents: (string | number)[], lines: Pick<LineIndex, 'rangeOf'>): void {
  // (a literal: matchAll starts at a shared expression's lastIndex)
  for (const m of raw.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const inner = m[1]!.trim();
    // `{{&SELF}}` names the draft itself; `{{!HTTP=RFC9110}}` declares the alias `HTTP` and cites RFC 9110 (also
    // inside a section reference, `{{Section 3 of !SF=RFC8941}}`);
    // `{{?REF}}`, `{{!REF}}`, `{{<ref}}`, `{{>ref}}` are a reference with a kind or display prefix.
    if (inner.startsWith('&')) continue;
    let aliases = 0;
    for (const a of inner.matchAll(/(?:^|\s)[?!]?([A-Za-z0-9_][^\s=]*)=\S/g)) {
      anchorEvents.push(a[1]!);
      aliases++;
    }
    if (aliases) continue;
    // `{{-CT}}` cites the reference the front matter names `CT` (`RFC9162: CT`), shown by that name.
    const target = inner.replace(/^[?!<>^-]+/, '').trim();
    if (!target || isExternalReference(target)) continue;
    const at = start + m.index;
    const anchorAt = at + 2 + m[1]!.indexOf(target);
    links.push({ url: m[0], path: '', anchor: target, range: lines.rangeOf(at, at + m[0].length), anchorRange: lines.rangeOf(anchorAt, anchorAt + target.length) });
  }
}

/**
 * The files a document includes. A draft's [^kr7i]: kramdown-rfc reads `{::include file}` (also `{::include-nested …}`,
 * `{::include-fold …}`, …) at a line's start before it parses anything, in code blocks too; mmark includes a file
 * named alone on a line in double braces, `{{file.md}}`. A page of an mdBook book's [^ln8b]: mdBook's include
 * preprocessor pastes a Markdown file named alone on a line, `{{#include file.md}}`, into the page (only part of it
 * with `file.md:anchor` or a line range, `file.md:10:20`; the file's path is kept, the part dropped), outside fenced
 * code blocks (mdbookIncludesOf). The paths as
 * written (which tool's syntax a path came from is told by the file's format and its book, mdbookIncludePages).
 */
export function includesOf(source: string, mmark: boolean): string[] {
  const out: string[] = [];
  if (source.includes('{::include')) for (const m of source.matchAll(/^\{::include(?:-[a-z0-9]+)*[ \t]+([^}\r\n]+?)[ \t]*\}/gm)) out.push(m[1]!);
  if (mmark && source.includes('{{')) for (const m of source.matchAll(/^\{\{([^{}\s]+\.(?:md|markdown))\}\}[ \t]*$/gim)) out.push(m[1]!);
  if (source.includes('#include')) for (const path of mdbookIncludesOf(source)) out.push(path);
  return out;
}

/**
 * mdBook's includes of a page outside fenced code blocks [^ln8b]: mdBook expands `{{#include file.md}}` everywhere, but
 * one inside a fence pastes the file as the block's code (mdBook's guide: wrap the command in a fence "to display the
 * file contents without interpreting them"), so the file's headings are no headings of the page. A fence is a line of
 * three or more backticks or tildes (at any indentation: a list item's fence too), closed by a line of the same
 * character at least as long with nothing after it, or by the end of the text.
 */
function mdbookIncludesOf(source: string): string[] {
  return linesOutsideFences(source, (line) => (line.includes('#include') ? MDBOOK_INCLUDE.exec(line)?.[1] : undefined));
}

/**
 * A DocFX page's block includes [^tr36d]: DocFX Flavored Markdown's block inclusion `[!INCLUDE [title](path)]` "must be
 * in a single line and with no prefix characters before the start `[`" (DocFX's `docfx_flavored_markdown.md`, File
 * Inclusion; `[!include` in any case), the path as written (`<filepath>` may be wrapped in `'` or `"`), outside fenced
 * code blocks (code there is shown, not included). An inline inclusion (text before it on the line) pastes inline
 * content only: no headings. Read only when the index asks (SpecParseOptions.docfxIncludes: a page of a DocFX project).
 */
export function docfxIncludesOf(source: string): string[] {
  if (!DOCFX_INCLUDE_ANY.test(source)) return [];
  return linesOutsideFences(source, (line) => {
    if (line.charCodeAt(0) !== 91 /* [ */) return undefined;
    const m = DOCFX_INCLUDE.exec(line);
    return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  });
}
const DOCFX_INCLUDE_ANY = /\[!include/i;
const DOCFX_INCLUDE = /^\[!include[ \t]*\[[^\]\r\n]*\][ \t]*\([ \t]*(?:"([^"\r\n]+)"|'([^'\r\n]+)'|<?([^()<>\s'"]+)>?)[ \t]*\)\][ \t]*\r?$/i;

/**
 * What `read` finds in each line of `source` outside fenced code blocks: a fence is a line of three or more backticks
 * or tildes (at any indentation: a list item's fence too), closed by a line of the same character at least as long
 * with nothing after it, or by the end of the text.
 */
function linesOutsideFences(source: string, read: (line: string) => string | undefined): string[] {
  const out: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of source.split('\n')) {
    const f = /^[ \t]*(`{3,}|~{3,})(.*?)\r?$/.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.char && f[1]!.length >= fence.length && f[2]!.trim() === '') fence = undefined;
      continue;
    }
    // (A backtick fence's info string has no backtick: "```a`b" is inline code, not a fence.)
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      continue;
    }
    const found = read(line);
    if (found !== undefined) out.push(found);
  }
  return out;
}
/**
 * The ids of the ATX headings MDX reads in `source` that the CommonMark parse (`facts`) has no anchor for [^ln9x]: a
 * heading's `{#id}`, else github-slugger's slug of its text (inline code's backticks, a link's destination and
 * emphasis markers dropped, as rendered; the slug of the text as written too). Only when the text has more lines that
 * look like ATX headings than the parse found headings (else none can be hidden).
 */
function hiddenMdxAnchors(source: string, facts: SpecFacts): string[] {
  if (!source.includes('<')) return [];
  let atx = 0;
  for (const m of source.matchAll(ATX_LINE)) if (m.index >= 0 && ++atx > facts.headings.length) break;
  if (atx <= facts.headings.length) return [];
  const out: string[] = [];
  for (const title of mdxHeadingTitles(source)) {
    const custom = /\{#([^\s{}]+)\}$/.exec(title);
    const ids = custom ? [custom[1]!] : [slugOf(title), slugOf(title.replace(/`/g, '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]*>/g, '').replace(/(^|\W)[*_]{1,3}|[*_]{1,3}(?=\W|$)/g, '$1'))];
    for (const id of ids) if (id && !facts.anchors.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}
const ATX_LINE = /^[ \t]*#{1,6}(?:[ \t]|$)/gm;

/**
 * A line that is one call of a Hugo site's own `include` shortcode in the `{{% %}}` notation, `{{% include
 * "/_common/scope.md" %}}` (a call commented out inside its braces is none) [^ln9i].
 */
const HUGO_INCLUDE_LINE = /^[ \t]*\{\{%-?[ \t]*include[ \t]+"([^"\r\n]+)"[ \t]*-?%\}\}[ \t]*$/gm;

/**
 * The pages a text names with a Hugo site's own `include` shortcode, each alone on a line, as written, in order (the
 * lookup of each is the index's, against the site's files: workspace/hugo.ts hugoIncludeTargets) [^ln9i]. Read within a
 * line, so the chunks' in order equal the whole text's.
 */
export function hugoIncludeCallsOf(source: string): string[] {
  if (!source.includes('{{%')) return [];
  const out: string[] = [];
  for (const m of source.matchAll(HUGO_INCLUDE_LINE)) out.push(m[1]!);
  return out;
}

/** mdBook's `{{#include file.md}}` (`{{ #include file.md:anchor }}`, `…:10:20`) alone on a line (one line): a Markdown file's path. */
const MDBOOK_INCLUDE = /^[ \t]*\{\{[ \t]*#include[ \t]+([^\s:{}]+\.(?:md|markdown))(?::[^\s{}]*)?[ \t]*\}\}[ \t]*\r?$/i;

/**
 * The title of a spec's decision record: a heading `Clarifications` without an id (or the legacy
 * `{#clarifications}` of earlier versions, which is a clause of its own). Not a clause: no id to duplicate across
 * specs, nothing to cite [^cq2r].
 */
export const RECORD_TITLE = 'Clarifications';
export const LEGACY_RECORD_ID = 'clarifications';

export function isRecordHeading(title: string, id: string | undefined): boolean {
  return title.trim().toLowerCase() === RECORD_TITLE.toLowerCase() && (id === undefined || id === LEGACY_RECORD_ID);
}

/** A bare mention of a requirement id in prose (spec-kit `FR-001` in plan.md, Kiro `_Requirements: 1.2_`). */
export interface IdMention {
  id: string;
  range: Range;
  idRange: Range;
  /**
   * spec-kit: the mention's sentence names another feature, not at this id ("Dependency on the 001-csv-export spec:
   * FR-117 extends FR-032"): the id is this feature's when it declares it, else that feature's, not unknown [^sk2m].
   */
  otherFeatureNamed?: true;
  /**
   * spec-kit: the id opens a declaration-shaped item (`**FR-101**: …`) of another spec file of the feature folder
   * (`spec-v2-enhancements.md`, `spec_updated.md`), which restates the feature's requirements or adds its own;
   * `'requirement'` when the item states one (a modal: `System MUST …`). A file with at least one such requirement is
   * a version of the spec: an id its items open with that the feature's spec.md does not declare is this file's, not
   * unknown (success criteria `**SC-101**: … under 2 minutes` too); a file with none (a review: `**FR-004**: looks
   * fine`) declares nothing [^sk2m].
   */
  declares?: 'item' | 'requirement';
}

/** An open question the author marked in the spec (spec-kit `[NEEDS CLARIFICATION: …]`). */
export interface OpenQuestion {
  /** The whole marker. */
  range: Range;
  question: string;
  /** The clause the marker is in (its heading clause or requirement item). */
  clauseId?: string;
}

export interface SpecFacts {
  file: string;
  /** The format the file is written in, from evidence in its path and text (see formats.ts) [^spec_formats]. */
  format: SpecFormat;
  /** The document's own title (kramdown-rfc front matter `title:`). */
  title?: string;
  /** The files the document includes (kramdown-rfc `{::include file}`, mmark `{{file.md}}`), as written; none: absent. */
  includes?: string[];
  /**
   * The Markdown files an MDX page imports and renders (`import Flags from './_flags.mdx'`, `<Flags />`), as written;
   * absent when none. Read in every file (the parse knows no config); only on a page of a Docusaurus site are they
   * part of the page [^ln9x].
   */
  mdxImports?: string[];
  /**
   * The ids of the headings MDX sees that CommonMark does not (mdxHeadingTitles: one after an element `<details>` whose
   * content CommonMark reads as an HTML block and code), absent when none. Read in every file; anchors only of a page
   * of a Docusaurus site, which MDX compiles [^ln9x].
   */
  mdxAnchors?: string[];
  /**
   * The pages it names with its Hugo site's own `include` shortcode (`{{% include "x" %}}` alone on a line), as
   * written; absent when none. Read only when the parse is asked to (SpecParseOptions: a page of a Hugo site that has
   * the shortcode, config `hugoIncludes`) [^ln9i].
   */
  hugoIncludes?: string[];
  /**
   * The files it includes with DocFX's block inclusion (`[!INCLUDE [title](path)]` alone on a line), as written; absent
   * when none. Read only when the parse is asked to (SpecParseOptions: a page of a DocFX project, config `docfx`)
   * [^tr36d].
   */
  docfxIncludes?: string[];
  /**
   * The ids a marked build script's heading renderer gives its headings from their bold text (markedStrongHeadingIds);
   * present, maybe empty, only when the parse is asked to (SpecParseOptions: a page of such a build, config
   * `markedStrongPages`) [^ln7g].
   */
  strongIds?: string[];
  /** A file that is not a draft uses kramdown-rfc cross-references (`{{anchor}}`): written as a piece of a draft. */
  xrefs?: true;
  /**
   * The rules (`r[id]` lines) and grammar productions the text declares for mdbook-spec; absent when none. Read in
   * every file (the parse knows no config); only a page of a book that uses mdbook-spec makes them targets [^ln6s].
   */
  mdbookSpec?: MdbookSpecTargets;
  /**
   * The terms of its definition lists (a line, then a line `:   definition`), as written; absent when none. Read in every
   * file (the parse knows no bindings); only in a bound document do they name ids (bindings.ts termIds) [^ln8b].
   */
  listTerms?: string[];
  /**
   * The terms of its Goldmark definition lists (definitionTerms.ts: each line of the paragraph before a `:` line), each
   * with its plain text and the number of headings before it; absent when none. Read in every file (the parse knows no
   * config); only on a page of a Hugo site with `autoDefinitionTermID` do they name ids (workspace/hugo.ts) [^ln9h].
   */
  definitionTerms?: DefinitionTerm[];
  /**
   * Explicit targets of pandoc-family and MyST renderers (explicitTargets.ts), read from the text outside code; absent
   * when none. Its `spans` (`[text]{#id}`) are anchors of the page in every file; its `labels` (`(label)=`, a
   * directive's `:name:`) are targets only in a MyST project (config `myst`) [^ln9m].
   */
  targets?: ExplicitTargets;
  /** Reference anchors the front matter declares (kramdown-rfc `normative:`/`informative:`); also in `anchors`. */
  references: string[];
  headings: HeadingInfo[];
  /**
   * Clauses the file's own text declares: `{#id}` headings, and requirement items (spec-kit `**FR-001**`, Kiro
   * `### Requirement 1` and its numbered acceptance criteria `1.1`, `1.2`).
   */
  headingClauses: Clause[];
  /** Bare requirement ids mentioned in prose (spec-kit and Kiro files): references resolved in the file's scope. */
  mentions: IdMention[];
  /** `[NEEDS CLARIFICATION: …]` markers. */
  openQuestions: OpenQuestion[];
  /** An array, or columns in a batch index's parse (FootnoteRefColumns). */
  footnoteRefs: FootnoteRefs;
  footnoteDefs: FootnoteDef[];
  links: SpecLink[];
  /** Every anchor this file offers: `{#id}`s, GitHub-style heading slugs, HTML `id=`/`name=` attributes. */
  anchors: Set<string>;
  malformed: MalformedBlock[];
  /** Prose blocks in document order (not inside code, HTML, front matter, footnote definitions or link definitions). */
  prose: ProseBlock[];
  /** The decisions recorded in the spec's `Clarifications` section(s), in document order. */
  clarifications: ClarificationEntry[];
  /** The document's own defined terms (set by the index for reviewed specs; see ambiguity/formats `documentTerms`). */
  terms?: string[];
  /** Normative statements and term definitions for the spec type checker (set by the index; see typecheck/). */
  typecheck?: TypecheckFacts;
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
/**
 * `id=`/`name=` of HTML, `anchor=` of the XML that kramdown-rfc drafts embed: the value quoted (group 1) or, as HTML
 * allows, unquoted (`<a name=run-it></a>`, group 2).
 */
export const HTML_ANCHOR_RE = /\b(?:id|name|anchor)\s*=\s*(?:["']([^"']+)["']|([^\s"'=<>`]+))/gi;
export const SPEC_KIT_ID_RE = new RegExp(`^${SPEC_KIT_ID}$`);
/** A kramdown block attribute list `{: #id title="…"}`, on one line or over several without a blank one. */
const IAL_RE = /^\{:((?:[^{}\n]|\n(?![ \t]*\n))*)\}/;
const IAL_MAX = 2000;

/**
 * The anchors `#id`/`id=` of the kramdown block attribute lists `{:…}` a text node's source `raw` at `start` of `text`
 * opens, pushed onto `anchorEvents` in order (SpecWalker.textMarkers; the scanner path per text node). A list may go on
 * over lines (kramdown reads to its `}`: a long title), and GFM may have cut those lines into table rows: it is read
 * from the source, up to a blank line.
 */
export function ialAnchors(text: string, raw: string, start: number, anchorEvents: (string | number)[]): void {
  for (let i = raw.indexOf('{:'); i >= 0; i = raw.indexOf('{:', i + 2)) {
    const m = IAL_RE.exec(text.slice(start + i, start + i + IAL_MAX));
    if (!m) continue;
    for (const a of m[1]!.matchAll(/(?:^|\s)(?:#|id=["']?)([A-Za-z0-9_][\w:.-]*)/g)) anchorEvents.push(a[1]!);
  }
}
const SPEC_KIT_MENTION_RE = new RegExp(SPEC_KIT_MENTION, 'g');
/** Kiro's references to requirements: `_Requirements: 1.1, 2.3_`, `Validates: Requirements 1.2`. */
const KIRO_MENTION_RE = new RegExp(KIRO_MENTION, 'g');
export const HEADING_TEXT_LIMIT = 1200;
export const BLOCK_TEXT_LIMIT = 2000;

export function emptySpecFacts(file: string): SpecFacts {
  return {
    file,
    format: 'markdown',
    references: [],
    headings: [],
    headingClauses: [],
    mentions: [],
    openQuestions: [],
    footnoteRefs: emptyFootnoteRefs(file),
    footnoteDefs: [],
    links: [],
    anchors: new Set(),
    malformed: [],
    prose: [],
    clarifications: [],
    end: { line: 0, character: 0 },
    problems: [],
  };
}

export function parseSpec(file: string, text: string): SpecFacts {
  return parseSpecChunked(file, text).facts;
}

/** The whole document as one chunk (no splitting): the reference the chunked parse must equal. */
export function parseSpecWhole(file: string, text: string): SpecFacts {
  return parseSpecChunked(file, text, undefined, false).facts;
}

/**
 * The facts from the micromark/mdast tree walk alone (no scanner fast path, see markdown/specFacts.ts): the reference
 * the scanner's facts must equal (test/unit/specFacts.test.ts).
 */
export function parseSpecTree(file: string, text: string, split = true): SpecFacts {
  return parseSpecChunked(file, text, undefined, split, false).facts;
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
  /**
   * The mode (its key) and the enclosing sections the chunk was parsed under, compared by parsedUnder: their key
   * (inKeyOf, a JSON text of the sections) is made only when a comparison needs it. A batch parse, which compares
   * nothing, made one per chunk (`sectionsKey` 30-40 ms of each index worker's CPU on the 10k bench workspace).
   * The sections list is not changed once a chunk's parse returned it (the scanner and the tree walk copy theirs).
   */
  inMode: string;
  inSections: readonly SectionEntry[];
  sectionsOut: readonly SectionEntry[];
  /** Facts shifted to where the chunk was last placed (reused while it stays there). */
  byLine?: {
    line: number;
    facts: Pick<SpecFacts, 'headings' | 'headingClauses' | 'mentions' | 'openQuestions' | 'footnoteRefs' | 'footnoteDefs' | 'links' | 'malformed' | 'clarifications'>;
    /** The placed headings with their document slugs from the last assembly, by heading index (reused while equal). */
    slugged?: HeadingInfo[];
  };
  /** Free for the index: results of later passes over this chunk (the ambiguity pass). */
  derived?: unknown;
  /** What the chunk declares to other files (see chunkSignature). */
  signature?: string;
  /** The chunk has a link reference definition. */
  definesLinks?: true;
  /** The chunk writes reference links that read as text in a file with no definition (see reparseForDefinitions). */
  dropsReferences?: true;
}

/**
 * What a chunk declares to the rest of the workspace: heading clause ids with parents and authorities, heading titles
 * (their slugs are anchors), footnote references and definitions with their targets, anchors, links. Two parses of a
 * spec whose chunks have equal signatures in the same order differ only in positions and texts.
 */
export function chunkSignature(entry: ChunkEntry): string {
  entry.signature ??= JSON.stringify([
    entry.facts.headingClauses.map((c) => [c.id, c.parent, c.authority]),
    entry.facts.mentions.map((m) => (m.otherFeatureNamed || m.declares ? [m.id, +!!m.otherFeatureNamed, m.declares ?? ''] : m.id)),
    entry.facts.footnoteRefs.map((r) => [r.id, r.parent, r.authority]),
    entry.facts.footnoteDefs.map((d) => [d.id, d.target, d.tests?.map((t) => t.raw)]),
    entry.anchorEvents.map((e) => (typeof e === 'number' ? [entry.facts.headings[e]!.title] : e)),
    entry.facts.links.map((l) => l.url),
  ]);
  return entry.signature;
}

/**
 * What the index asks a parse to read beyond what every file's parse reads, for a page of a site its config names (the
 * parse knows no config): the calls of a Hugo site's `include` shortcode [^ln9i], the ids a marked build script gives
 * the headings [^ln7g].
 */
export interface SpecParseOptions {
  hugoIncludes?: boolean;
  docfxIncludes?: boolean;
  markedStrongIds?: boolean;
}
const NO_PARSE_OPTIONS: SpecParseOptions = {};

/** Chunk facts from an earlier parse of a file, by chunk text (each entry says under which enclosing sections). */
export type SpecChunkCache = Map<string, ChunkEntry>;

export interface PlacedChunk {
  entry: ChunkEntry;
  /** Offset and line of the chunk in the document. */
  start: number;
  line: number;
  text: string;
}

/** A spec's text as it was cut into chunks by its last parse (parseSpecChunked's `previous`). */
export interface ChunkLayout {
  text: string;
  chunks: PlacedChunk[];
  /** How the last parse's facts were assembled from the chunks (the next assembly splices them: see assemble). */
  assembly?: Assembly;
}

/** The lists of a spec's facts assembled from its chunks' placed facts, in this order (then the chunks' problems). */
const PLACED_LISTS = ['headings', 'headingClauses', 'footnoteRefs', 'footnoteDefs', 'links', 'malformed', 'clarifications', 'mentions', 'openQuestions'] as const;
const LIST_COUNT = PLACED_LISTS.length + 1;
type Placement = NonNullable<ChunkEntry['byLine']>;
type PlacedFacts = Placement['facts'];

/** What an assembly made from which chunks, for the next one (see assemble). */
export interface Assembly {
  facts: SpecFacts;
  /** Per chunk: its entry and the placed facts it was assembled from. */
  entries: ChunkEntry[];
  placed: PlacedFacts[];
  /** Where chunk i's items start in each list: starts[i * LIST_COUNT + k] (PLACED_LISTS, then problems); n + 1 rows. */
  starts: Int32Array;
  /** Whether this assembly spliced the last one's lists (tests). */
  spliced: boolean;
}

/**
 * Parses a spec chunk by chunk: the document is split at top-level ATX heading lines (specChunks), each chunk is parsed
 * on its own (reusing `cache` entries for unchanged chunks under the same enclosing sections), and the chunk facts are
 * shifted into place. The result equals a parse of the whole document; an edit re-parses only the chunk it touched.
 * Each chunk comes from the Markdown scanner when it is in the subset markdown/specFacts.ts covers exactly, else from
 * the remark tree (`scanner = false`: always the tree, the reference). Returns the facts, the placed chunks and the
 * cache to pass to the next parse of this file.
 */
export function parseSpecChunked(
  file: string,
  source: string,
  cache?: SpecChunkCache,
  split = true,
  scanner = true,
  previous?: ChunkLayout,
  consume = false,
  options: SpecParseOptions = NO_PARSE_OPTIONS,
): { facts: SpecFacts; chunks: PlacedChunk[]; cache: SpecChunkCache; layout?: ChunkLayout } {
  // A parse that consumes its chunks is a batch index's: its references keep no model clause (see KeptFootnoteRef).
  // Its references are columns (see FootnoteRefColumns).
  const kept = keepsClauses;
  const wasColumnar = columnar;
  keepsClauses = kept && !consume;
  columnar = consume;
  try {
    return parseChunked(file, source, cache, split, scanner, previous, consume, options);
  } finally {
    keepsClauses = kept;
    columnar = wasColumnar;
  }
}

function parseChunked(file: string, source: string, cache: SpecChunkCache | undefined, split: boolean, scanner: boolean, previous: ChunkLayout | undefined, consume: boolean, options: SpecParseOptions): { facts: SpecFacts; chunks: PlacedChunk[]; cache: SpecChunkCache; layout?: ChunkLayout } {
  const facts = emptySpecFacts(file);
  const next: SpecChunkCache = new Map();
  const chunks: PlacedChunk[] = [];
  // The format from evidence; a kramdown-rfc draft's front matter and section markers are read as blank [^spec_formats].
  const detected = detectFormat(file, source);
  const kramdown: KramdownFacts | undefined = detected === 'kramdown-rfc' ? kramdownFacts(source) : detected === 'mmark' ? mmarkFacts(source) : undefined;
  const text = kramdown ? blankRanges(source, kramdown.masked) : source;
  const mode = walkMode(file, detected, source);
  const finish = (): void => {
    const items = facts.headingClauses.some((c) => c.kind === 'item');
    const declares = facts.headingClauses.length > 0 || facts.footnoteRefs.length > 0 || facts.footnoteDefs.length > 0;
    // Outside a feature folder, spec-kit requirement items (and no Model Spec clauses) make a spec-kit document.
    facts.format = detected !== 'markdown' ? detected : items && facts.headingClauses.every((c) => c.kind === 'item') && facts.footnoteRefs.length === 0 ? 'spec-kit' : declares ? 'model-spec' : 'markdown';
    // Read within a line: from the chunks (cut at line starts) when they are the source, one chunk's per keystroke.
    const read = !kramdown && !consume && chunks.length > 0 ? sourceFactsOfChunks(chunks) : undefined;
    const includes = read?.includes ?? includesOf(source, detected === 'mmark');
    if (includes.length) facts.includes = includes;
    // What only a page of some sites says, read when the index asks for it (its config names the site) [^ln9i] [^ln7g].
    if (options.hugoIncludes) {
      const calls = read ? read.hugoIncludes : hugoIncludeCallsOf(source);
      if (calls.length) facts.hugoIncludes = calls;
    }
    if (options.docfxIncludes) {
      const files = read ? read.docfxIncludes : docfxIncludesOf(source);
      if (files.length) facts.docfxIncludes = files;
    }
    if (options.markedStrongIds) facts.strongIds = markedStrongHeadingIds(source, facts.headings);
    const mdx = kramdown ? [] : mdxImportsOf(source);
    if (mdx.length) facts.mdxImports = mdx;
    const mdxAnchors = kramdown ? [] : hiddenMdxAnchors(source, facts);
    if (mdxAnchors.length) facts.mdxAnchors = mdxAnchors;
    if (!kramdown && (read ? read.xrefs : source.includes('{{') && KRAMDOWN_XREF_RE.test(source))) facts.xrefs = true;
    const targets = read ? read.mdbookSpec : mdbookSpecTargetsOf(source);
    if (targets) facts.mdbookSpec = targets;
    const listTerms = read ? read.listTerms : kramdown ? [] : listTermsOf(source);
    if (listTerms.length) facts.listTerms = listTerms;
    const termLines = read ? read.termLines : kramdown ? [] : definitionTermLines(source);
    if (termLines.length) facts.definitionTerms = placedTerms(termLines, facts.headings);
    const explicit = read ? read.targets : kramdown ? undefined : explicitTargetsOf(source);
    if (explicit) facts.targets = explicit;
    if (kramdown) {
      if (kramdown.title !== undefined) facts.title = kramdown.title;
      facts.references = kramdown.references;
      for (const r of kramdown.references) facts.anchors.add(r);
      for (const a of kramdown.anchors) facts.anchors.add(a);
      // kramdown's automatic ids with the draft's prefix; a heading's own `{#id}` has none.
      if (kramdown.autoIdPrefix) for (const h of facts.headings) if (h.id === undefined && h.slug) facts.anchors.add(kramdown.autoIdPrefix + h.slug);
    }
  };
  // Cheap prefilter: a file with no heading, no `[^`, no link and no HTML anchor has nothing to index.
  if (!/[#[=<{]/.test(text)) {
    facts.end = new LineIndex(text).positionAt(text.length);
    finish();
    return { facts, chunks, cache: next };
  }
  // After an edit, the chunks before and after the edited text are the last parse's (see chunksAfterEdit).
  const again = split && !kramdown && previous ? chunksAfterEdit(text, previous) : undefined;
  const starts = again?.starts ?? (split ? specChunks(text) : [0]);
  let sections: readonly SectionEntry[] = [];
  /** The enclosing sections of each chunk, kept when the file has definitions (see reparseForDefinitions). */
  const sectionsBefore: (readonly SectionEntry[])[] | undefined = starts.length > 1 && text.includes(']:') ? [] : undefined;
  // Chunks start at line starts: a chunk's line is the sum of the line breaks before it (counted once per chunk text).
  let line = 0;
  let tail = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    // An unchanged chunk of the last parse: its text (the same string, hashed once) and its entry.
    const known = again?.known[i];
    // A chunk cut after an edit is a copy (detached): a slice would keep this keystroke's whole text alive for as long
    // as the chunk (and its facts, slices of it) are kept, one text per edited chunk.
    const chunkText = known?.text ?? (previous ? detached(text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length)) : text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length));
    // Keyed by the chunk's text alone (no concatenated key: that would copy and hash the whole document per edit);
    // an entry parsed under other enclosing sections is parsed again.
    // (An entry parsed as in a file with definitions is as good while it has no reference links: reparseForDefinitions.)
    const fits = (e: ChunkEntry | undefined): e is ChunkEntry => e !== undefined && (parsedUnder(e, mode.key, sections) || (sectionsBefore !== undefined && parsedUnder(e, definingMode(mode).key, sections)));
    // A parse that consumes its chunks parses each of its own (an entry placed twice could not be moved in place).
    let entry = fits(known?.entry) ? known!.entry : consume ? undefined : (cache?.get(chunkText) ?? next.get(chunkText));
    if (!fits(entry)) entry = parseChunk(file, chunkText, sections, mode, split, scanner);
    sectionsBefore?.push(sections);
    next.set(chunkText, entry);
    chunks.push({ entry, start, line, text: chunkText });
    entry.breaks ??= lineBreaks(chunkText);
    line += entry.breaks.count;
    tail = entry.breaks.count ? entry.breaks.tail : tail + entry.breaks.tail;
    sections = entry.sectionsOut;
  }
  if (sectionsBefore) reparseForDefinitions(file, mode, chunks, sectionsBefore, next, split, scanner);
  releaseChunkScratch();
  facts.end = { line, character: tail };
  const assembly = assemble(facts, chunks, split && !kramdown ? previous?.assembly : undefined, consume && !again && !cache);
  finish();
  return { facts, chunks, cache: next, ...(split && !kramdown ? { layout: { text, chunks, assembly } } : {}) };
}

/** What parseChunked's `finish` reads of a chunk's text (not mmark, not kramdown-rfc), by its entry (one text each). */
const chunkSourceFacts = new WeakMap<ChunkEntry, ChunkSourceFacts>();

interface ChunkSourceFacts {
  includes: string[];
  hugoIncludes: string[];
  docfxIncludes: string[];
  xrefs: boolean;
  mdbookSpec: MdbookSpecTargets | undefined;
  listTerms: string[];
  termLines: { line: number; text: string }[];
  targets: ExplicitTargets | undefined;
}

/** Each term with the number of headings before it (both lists in document order) [^ln9h]. */
function placedTerms(terms: readonly { line: number; text: string }[], headings: readonly HeadingInfo[]): DefinitionTerm[] {
  const out: DefinitionTerm[] = [];
  let h = 0;
  for (const t of terms) {
    while (h < headings.length && headings[h]!.range.start.line < t.line) h++;
    out.push({ text: t.text, heading: h });
  }
  return out;
}

/**
 * A definition list's term: a line after a blank line (or at the start), not indented, not a heading, a block quote, a
 * table row, a list item, a fence or a `:` line, followed at once by a line `:` and a blank (Pandoc and PHP Markdown
 * Extra definition lists, as sarif-spec's glossary and references write them) [^ln8b].
 */
const NOT_A_TERM = /^(?:[-+*>|#:`~=\s]|\d+[.)][ \t])/;
const LIST_DEFINITION_LINE = /^:[ \t]+\S/;

/**
 * The definition-list terms of a text (see NOT_A_TERM), line by line: a regular expression over the whole text read a
 * long line of blanks after a term's first character once per character (quadratic: 2.3 s for 40,000 blanks). Lines end
 * at LF (a CR before it is dropped; a line with another CR is no term); read within lines, so the chunks' in order are
 * the whole text's.
 */
export function listTermsOf(text: string): string[] {
  if (!text.includes('\n:')) return [];
  const out: string[] = [];
  // The previous two lines: whether the one before is blank, and whether a line break came before it.
  let blankBefore = false;
  let term: string | undefined;
  for (let at = 0, n = 0; at <= text.length; n++) {
    let end = text.indexOf('\n', at);
    const last = end < 0;
    if (last) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 && !last ? text.slice(at, end - 1) : text.slice(at, end);
    if (term !== undefined && LIST_DEFINITION_LINE.test(line)) out.push(term);
    term = undefined;
    // A term line: the first line of the text, or one after a blank line that itself followed a line break; one more
    // line must follow it (a line break after it).
    if (!last && (n === 0 || blankBefore) && line.length > 0 && !line.includes('\r') && !NOT_A_TERM.test(line)) term = line.trim();
    blankBefore = n > 0 && /^[ \t]*$/.test(line);
    if (last) break;
    at = end + 1;
  }
  return out;
}

/**
 * The included files, whether a kramdown-rfc cross reference is written and mdbook-spec's targets, of a source that is
 * the chunks' texts in order (not mmark, not kramdown-rfc): each is read within a line (or a fence) and chunks start at
 * line starts, so the chunks' in order equal the whole source's (includesOf, KRAMDOWN_XREF_RE, mdbookSpecTargetsOf);
 * each chunk is read once, not the whole source (two passes over it, ~1.4 ms per keystroke in a 0.8 MB spec).
 */
function sourceFactsOfChunks(chunks: readonly PlacedChunk[]): ChunkSourceFacts {
  const includes: string[] = [];
  const hugoIncludes: string[] = [];
  const docfxIncludes: string[] = [];
  let xrefs = false;
  // mdbook-spec's lines are read within a line, and its grammar blocks are fences, which no cut splits (specChunks).
  let mdbookSpec: MdbookSpecTargets | undefined;
  const listTerms: string[] = [];
  const termLines: { line: number; text: string }[] = [];
  // Explicit targets are read within a line or a fence, which no cut splits (explicitTargets.ts).
  let targets: ExplicitTargets | undefined;
  for (const c of chunks) {
    let read = chunkSourceFacts.get(c.entry);
    if (!read) chunkSourceFacts.set(c.entry, (read = { includes: includesOf(c.text, false), hugoIncludes: hugoIncludeCallsOf(c.text), docfxIncludes: docfxIncludesOf(c.text), xrefs: c.text.includes('{{') && KRAMDOWN_XREF_RE.test(c.text), mdbookSpec: mdbookSpecTargetsOf(c.text), listTerms: listTermsOf(c.text), termLines: definitionTermLines(c.text), targets: explicitTargetsOf(c.text) }));
    for (const i of read.includes) includes.push(i);
    for (const i of read.hugoIncludes) hugoIncludes.push(i);
    for (const i of read.docfxIncludes) docfxIncludes.push(i);
    if (read.xrefs) xrefs = true;
    mdbookSpec = joinMdbookSpecTargets(mdbookSpec, read.mdbookSpec);
    for (const t of read.listTerms) listTerms.push(t);
    // A chunk's term lines are its own: placed at the chunk's line.
    for (const t of read.termLines) termLines.push({ line: c.line + t.line, text: t.text });
    targets = joinExplicitTargets(targets, read.targets);
  }
  return { includes, hugoIncludes, docfxIncludes, xrefs, mdbookSpec, listTerms, termLines, targets };
}

/** Whether an ATX heading line starts at this offset (`#` to `######`, then a blank or the line's end). */
function headingLineAt(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && i - at < 7 && text.charCodeAt(i) === 35) i++;
  const hashes = i - at;
  const c = text.charCodeAt(i);
  return hashes >= 1 && hashes <= 6 && (i === text.length || c === 32 || c === 9 || c === 10 || c === 13);
}

/** The mode of a chunk in a file that has a link reference definition in another chunk. */
function definingMode(mode: WalkMode): WalkMode {
  let defining = definingModes.get(mode);
  if (!defining) definingModes.set(mode, (defining = { ...mode, fileDefines: true, key: `${mode.key}:defines` }));
  return defining;
}
const definingModes = new WeakMap<WalkMode, WalkMode>();

/**
 * A text with no link reference definition reads `[text][label]` as bracketed text (SpecWalker), and whether it has one
 * is the file's: a chunk that writes such links is parsed again when another chunk defines a label and it was parsed
 * as if none did, or the other way round. Exact: the whole parse and the chunked one agree (specChunks keeps a
 * definition and the brackets that may use it in one chunk, so only this count crosses chunks).
 */
function reparseForDefinitions(file: string, mode: WalkMode, chunks: PlacedChunk[], sectionsBefore: readonly (readonly SectionEntry[])[], next: SpecChunkCache, split: boolean, scanner: boolean): void {
  const defines = chunks.some((c) => c.entry.definesLinks);
  chunks.forEach((chunk, i) => {
    if (!chunk.entry.dropsReferences) return;
    const wanted = defines ? definingMode(mode) : mode;
    if (parsedUnder(chunk.entry, wanted.key, sectionsBefore[i]!)) return;
    const entry = parseChunk(file, chunk.text, sectionsBefore[i]!, wanted, split, scanner);
    entry.breaks = chunk.entry.breaks;
    next.set(chunk.text, entry);
    chunk.entry = entry;
  });
}

/**
 * The chunks of a spec after an edit, from its last parse: the chunks before the edited text and after it are the
 * same texts (found by comparing their texts, natively), and only the text between them is cut again (specChunks),
 * so a keystroke scans its section, not the document. Equal to specChunks of the whole text: undefined (cut the whole
 * text) when the text may hold a definition (one chunk), when the cut-again text ends inside a block (the next
 * heading is then no cut), or when it stops cutting (no cuts after it) before the unchanged chunks.
 */
function chunksAfterEdit(text: string, previous: ChunkLayout): { starts: number[]; known: (PlacedChunk | undefined)[] } | undefined {
  const old = previous.chunks;
  const n = old.length;
  if (n < 2 || (text.includes(']:') && DEFINITION_LINE.test(text))) return undefined;
  const delta = text.length - previous.text.length;
  // `slice(…) === text`: a native comparison of the characters (startsWith measured 8 times slower on a big spec).
  const at = (chunk: PlacedChunk, start: number): boolean => text.slice(start, start + chunk.text.length) === chunk.text;
  let p = 0;
  while (p < n - 1 && at(old[p]!, old[p]!.start)) p++;
  // The edit may have changed the heading line that cut chunk p: then chunk p goes with the chunk before it.
  while (p > 0 && !headingLineAt(text, old[p]!.start)) p--;
  let q = n;
  // An unchanged chunk after the edit starts a line still (the edit may have removed the line break before it).
  const lineStart = (at: number): boolean => at === 0 || text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 13;
  while (q > p + 1 && old[q - 1]!.start + delta >= old[p]!.start && lineStart(old[q - 1]!.start + delta) && at(old[q - 1]!, old[q - 1]!.start + delta)) q--;
  const from = old[p]!.start;
  const to = q < n ? old[q]!.start + delta : text.length;
  if (to < from) return undefined;
  // Nothing between (the edit removed whole chunks): the unchanged chunks meet, each still cut at its heading.
  const cut = to === from ? { starts: [], stopped: false, open: true } : chunkCuts(text.slice(from, to), false);
  if (q < n && (cut.stopped || !cut.open)) return undefined;
  const starts: number[] = [];
  const known: (PlacedChunk | undefined)[] = [];
  for (let i = 0; i < p; i++) {
    starts.push(old[i]!.start);
    known.push(old[i]);
  }
  for (const at of cut.starts) {
    starts.push(from + at);
    known.push(undefined);
  }
  for (let i = q; i < n; i++) {
    starts.push(old[i]!.start + delta);
    known.push(old[i]);
  }
  return { starts, known };
}

/** A modal that makes an item a requirement (WalkMode.otherSpec). */
const REQUIREMENT_MODAL_RE = /\b(?:MUST|SHALL|SHOULD|must|shall|should)\b/;

/** What the walker looks for in a file of a format (a file's mode is fixed by its path and format). */
export interface WalkMode {
  key: string;
  /** A template of a spec format (its `[NEEDS CLARIFICATION: …]` markers are examples, not questions). */
  template: boolean;
  /** spec-kit: `**FR-001**` items declare clauses (spec.md of a feature folder, or a spec-kit file elsewhere). */
  specKitItems: boolean;
  /**
   * spec-kit: a requirements table's rows declare clauses (`| FR-04 | … |`): in a feature folder's spec.md, and in a
   * feature's spec written beside its folder (`specs/003-x.md`) [^sk1r].
   */
  specKitRows: boolean;
  /** Kiro: `### Requirement N` and its numbered acceptance criteria declare clauses (requirements.md). */
  kiroRequirements: boolean;
  /**
   * Kiro requirements.md written without the word: no `Requirement N` heading, headings `### 1.2 Title` or
   * `### 1. Title` (criteria `1.1. WHEN …` under it) declare their numbers, those that no other heading of the file
   * repeats (kiroNumberedHeadings) [^ki2r].
   */
  kiroNumbered?: ReadonlySet<string>;
  /**
   * Kiro bugfix spec (bugfix.md, which a bugfix has instead of requirements.md): a paragraph opening with `1.1 WHEN …`
   * declares that statement (current, expected and unchanged behaviour), which design.md and tasks.md cite [^ki2r].
   */
  kiroBugfix: boolean;
  /** Bare requirement ids in prose are references (files of a spec-kit or Kiro feature folder). */
  mentions: 'spec-kit' | 'kiro' | undefined;
  /**
   * spec-kit: another spec file of a feature folder (`spec-v2.md`, `spec_updated.md`: a name with "spec" that is not
   * the feature's spec): its declaration-shaped items are mentions that declare (IdMention.declares).
   */
  otherSpec: boolean;
  /** kramdown-rfc `{{REF}}` cross-references. */
  kramdown: boolean;
  /**
   * Another chunk of the file has a link reference definition: this chunk's `[text][label]` are reference links even
   * when it has none of its own (see reparseForDefinitions).
   */
  fileDefines?: true;
}

export function walkMode(file: string, format: SpecFormat, source?: string): WalkMode {
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  const inSpecKitFolder = SPEC_KIT_FOLDER_RE.test(file);
  const template = isTemplatePath(file);
  const mode: WalkMode = {
    key: '',
    template,
    // `**FR-001**` items declare requirements in any Markdown file but a template, a draft or a Kiro spec; in a
    // spec-kit feature folder only spec.md declares them, or a variant of it such as spec.generated.md (plan.md and
    // tasks.md mention them).
    specKitItems: (format === 'spec-kit' || format === 'markdown') && !template && (!inSpecKitFolder || isFeatureSpecName(name)),
    specKitRows: false,
    kiroRequirements: format === 'kiro' && name === 'requirements.md',
    kiroBugfix: format === 'kiro' && name === 'bugfix.md' && KIRO_FOLDER_RE.test(file),
    mentions: format === 'spec-kit' && inSpecKitFolder ? 'spec-kit' : format === 'kiro' && KIRO_FOLDER_RE.test(file) ? 'kiro' : undefined,
    kramdown: format === 'kramdown-rfc',
    otherSpec: false,
  };
  mode.otherSpec = mode.mentions === 'spec-kit' && !template && !mode.specKitItems && name.includes('spec');
  mode.specKitRows = mode.specKitItems && (mode.mentions === 'spec-kit' || SIBLING_FEATURE_SPEC_RE.test(file));
  const numbered = mode.kiroRequirements && source !== undefined ? kiroNumberedHeadings(source) : undefined;
  if (numbered?.size) mode.kiroNumbered = numbered;
  mode.key = `${format}:${+mode.template}${+mode.specKitItems}${+mode.specKitRows}${+mode.kiroRequirements}${+mode.kiroBugfix}${+mode.otherSpec}${mode.mentions ?? ''}${numbered?.size ? `:${[...numbered].join(',')}` : ''}`;
  return mode;
}

/** An ATX heading's number and title, `### 1.2 Title` or `### 1. Title` (the title read as the walker reads it). */
const NUMBERED_TITLE = /^(\d{1,3}(?:\.\d{1,3})*)\.?[ \t]+(\S.*)$/;

/**
 * The heading numbers that declare requirements in a Kiro requirements.md written without the word "Requirement"
 * (WalkMode.kiroNumbered): none when a heading says `Requirement N` (the documented layout: its other numbered
 * headings are sections), else each number one heading of the file has (a number two headings share declares
 * nothing: no duplicate is made of a document's outline).
 */
export function kiroNumberedHeadings(source: string): Set<string> {
  const seen = new Map<string, number>();
  for (const m of source.matchAll(/^ {0,3}#{1,6}[ \t]+([^\r\n]*)/gm)) {
    const title = withoutClosingSequence(m[1]!).trim();
    if (/^Requirement\s+\d/i.test(title)) return new Set();
    const n = NUMBERED_TITLE.exec(title);
    if (n) seen.set(n[1]!, (seen.get(n[1]!) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, count]) => count === 1).map(([number]) => number));
}

/** The line breaks of a text (as in LineIndex: LF, CRLF, lone CR) and the length of its last line. */
export function lineBreaks(text: string): { count: number; tail: number } {
  let count = 0;
  if (text.indexOf('\r') < 0) {
    // LF only (most text): the breaks found by the string search, not read character by character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    return { count, tail: text.length - text.lastIndexOf('\n') - 1 };
  }
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

function parseChunk(file: string, text: string, sections: readonly SectionEntry[], mode: WalkMode, split: boolean, scanned: boolean): ChunkEntry {
  // The scanner's facts when the chunk is in the subset it covers exactly (specFacts.ts), else the tree walk below.
  let defused: Defused | undefined;
  try {
    // The parser reads a copy of the same length with adversarial nesting and markup made plain [^nt4x].
    defused = defuseMarkdown(text);
    if (scanned) {
      const fast = scanSpecChunk(file, text, sections, mode, defused);
      if (fast) return { facts: fast.facts, anchorEvents: fast.anchorEvents, inMode: mode.key, inSections: sections, sectionsOut: fast.sectionsOut, ...(fast.definesLinks ? { definesLinks: true as const } : {}), ...(fast.dropsReferences ? { dropsReferences: true as const } : {}) };
    }
  } catch {
    // the tree walk below decides
  }
  const facts = emptySpecFacts(file);
  const entry: ChunkEntry = { facts, anchorEvents: [], inMode: mode.key, inSections: sections, sectionsOut: sections };
  let tree: MdNode;
  let cuts: [number, number][] = [];
  let plain: [number, number][] = [];
  try {
    defused ??= defuseMarkdown(text);
    facts.problems.push(...defused.notes);
    cuts = defused.cuts;
    plain = defused.plain;
    tree = split ? parseMarkdownPieces(defused.text) : parseMarkdown(defused.text);
  } catch (err) {
    facts.problems.push(`could not parse Markdown: ${(err as Error).message}`);
    return entry;
  }
  const walker = new SpecWalker(file, text, facts, entry.anchorEvents, sections, mode, cuts, plain);
  try {
    walker.walk(tree);
  } catch (err) {
    facts.problems.push(`could not index Markdown: ${(err as Error).message}`);
  }
  entry.sectionsOut = walker.sectionsAfter();
  if (walker.definitions > 0) entry.definesLinks = true;
  if (walker.dropsReferences) entry.dropsReferences = true;
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

/**
 * The key a chunk is parsed under (the mode and its enclosing sections): one string per sections list and mode, so the
 * next parse compares an unchanged chunk's key with its entry's by identity, not character by character.
 */
const inKeys = new WeakMap<readonly SectionEntry[], { mode: string; key: string; other?: { mode: string; key: string } }>();

/** Whether a chunk's entry was parsed under this mode and these enclosing sections (the same key, inKeyOf). */
function parsedUnder(entry: ChunkEntry, modeKey: string, sections: readonly SectionEntry[]): boolean {
  return (entry.inSections === sections && entry.inMode === modeKey) || inKeyOf(entry.inMode, entry.inSections) === inKeyOf(modeKey, sections);
}

function inKeyOf(modeKey: string, sections: readonly SectionEntry[]): string {
  let known = inKeys.get(sections);
  // (Two modes per sections list at most: a file's and the one of a file with definitions, see definingMode.)
  if (known?.other?.mode === modeKey) return known.other.key;
  if (known?.mode !== modeKey) inKeys.set(sections, (known = { mode: modeKey, key: `${modeKey}\u0000${sectionsKey(sections)}`, ...(known ? { other: { mode: known.mode, key: known.key } } : {}) }));
  return known.key;
}

function sectionsKey(sections: readonly SectionEntry[]): string {
  if (!sections.length) return '';
  let key = sectionKeys.get(sections);
  if (key === undefined) sectionKeys.set(sections, (key = JSON.stringify(sections)));
  return key;
}

const shiftPos = (p: Position, dl: number): Position => ({ line: p.line + dl, character: p.character });
const shiftRange = (r: Range, dl: number): Range => ({ start: shiftPos(r.start, dl), end: shiftPos(r.end, dl) });

/**
 * A chunk's prose blocks shifted to where the chunk starts, by the chunk's own blocks (one list per chunk entry), kept
 * while the chunk stays there: the next parse reads them again for an unchanged chunk at the same place.
 */
const proseAt = new WeakMap<ProseBlock[], { start: number; prose: ProseBlock[] }>();

/**
 * The document's prose blocks, computed when first read: a keystroke shifts the offsets of every block after it, and
 * only the features that read prose of the whole document (the LLM pass, completion context) pay for the shift.
 * Until then the facts hold each chunk's blocks and start, not the chunk (its text, its other facts): an index that
 * keeps no chunk (a batch run) keeps only what this reads [^big_documents].
 */
function lazyProse(out: SpecFacts, chunks: PlacedChunk[]): void {
  let prose: ProseBlock[] | undefined;
  let pieces: { blocks: ProseBlock[]; start: number }[] | undefined = chunks.map(({ entry, start }) => ({ blocks: entry.facts.prose, start }));
  Object.defineProperty(out, 'prose', {
    enumerable: true,
    configurable: true,
    get(): ProseBlock[] {
      if (!prose) {
        prose = [];
        for (const { blocks, start } of pieces!) {
          let at = proseAt.get(blocks);
          if (at?.start !== start) proseAt.set(blocks, (at = { start, prose: start === 0 ? blocks : blocks.map((b) => ({ ...b, start: b.start + start, end: b.end + start })) }));
          for (const b of at.prose) prose.push(b);
        }
        pieces = undefined;
      }
      return prose;
    },
    set(value: ProseBlock[]): void {
      prose = value;
      pieces = undefined;
    },
  });
}


/** github-slugger's slug of a title, memoized (a pure function of the title; every heading is slugged per assembly). */
const slugMemo = new Map<string, string>();
function slugOf(title: string): string {
  let known = slugMemo.get(title);
  if (known === undefined) {
    if (slugMemo.size >= 100_000) slugMemo.clear();
    slugMemo.set(title, (known = baseSlug(title)));
  }
  return known;
}

/**
 * GitHub slugs a heading's rendered text as it is, blanks included: `## <a id="x"></a> Overview` renders the text
 * " Overview", linked as `#-overview` (html-pipeline's table of contents: downcase, drop punctuation, blanks to `-`,
 * no trimming; as `## 🚀 Launch` gives `#-launch`). The title is trimmed (micromark strips the heading's content, not
 * the blanks that inline HTML leaves at its ends): the slug of the untrimmed text is an anchor too when it differs.
 * Not counted among the unique slugs (a second such heading gets no `-1` form).
 */
export function spacedHeadingAnchor(anchorEvents: (string | number)[], text: string, title: string): void {
  if (text.length === title.length) return;
  const spaced = slugOf(text);
  if (spaced !== slugOf(title)) anchorEvents.push(spaced);
}

/** GithubSlugger's unique slugs ("a", "a-1", ...) with the memoized slug of each title: the same results, in order. */
class UniqueSlugs {
  private readonly occurrences = new Map<string, number>();
  slug(title: string): string {
    const original = slugOf(title);
    let result = original;
    while (this.occurrences.has(result)) {
      const n = this.occurrences.get(original)! + 1;
      this.occurrences.set(original, n);
      result = `${original}-${n}`;
    }
    this.occurrences.set(result, 0);
    return result;
  }
}

/**
 * Shifts chunk facts into document coordinates (reusing the last placement when it is the same) and recomputes slugs
 * and anchors in document order. With the last assembly of this file (`last`): when the chunks before and after the
 * edited ones are placed as they were (the same placed facts objects) and the edited ones name the same headings and
 * anchors in the same order, the lists are the last lists with the edited chunks' items spliced in (slices and one
 * concatenation per list, natively), not pushed item by item from every chunk of a big spec; the slugs of the edited
 * chunks' headings are the last ones in order (the same titles after the same titles give the same unique slugs).
 * Equal to assembling from scratch (test/unit/chunks.test.ts, random edits).
 */
function assemble(out: SpecFacts, chunks: PlacedChunk[], last?: Assembly, consume = false): Assembly {
  lazyProse(out, chunks);
  // Each chunk's placement (an entry that two chunks share, a repeated section, is placed at each in turn: its slugged
  // headings are kept with the placement they were made for).
  const placements = chunks.map(({ entry, line }) => place(entry, line, consume));
  const placed = placements.map((p) => p.facts);
  // Columns (a batch index's parse) are never spliced: only an edit's parse passes the last assembly.
  if (last && Array.isArray(out.footnoteRefs)) {
    const spliced = splice(out, chunks, placements, last);
    if (spliced) return spliced;
  }
  const starts = new Int32Array((chunks.length + 1) * LIST_COUNT);
  const slugger = new UniqueSlugs();
  // Each list made at once, of its whole length (one concat): pushed item by item, a list of 200,000 references was
  // copied each time it grew [^big_documents]. The chunks' rows of `starts` count the items before them.
  const lists = out as unknown as Record<(typeof PLACED_LISTS)[number], unknown[]>;
  const counts = PLACED_LISTS.map(() => 0);
  for (const name of PLACED_LISTS) {
    if (name === 'footnoteRefs' && out.footnoteRefs instanceof FootnoteRefColumns) out.footnoteRefs = joinedColumns(out.footnoteRefs, placed.map((p) => p.footnoteRefs));
    else lists[name] = lists[name].concat(...placed.map((p) => (p[name] as unknown[] | undefined) ?? []));
  }
  chunks.forEach(({ entry }, i) => {
    const f = entry.facts;
    const row = i * LIST_COUNT;
    const placedFacts = placed[i]!;
    PLACED_LISTS.forEach((name, k) => {
      starts[row + k] = counts[k]!;
      counts[k]! += ((placedFacts[name] as unknown[] | undefined) ?? []).length;
    });
    starts[row + PLACED_LISTS.length] = out.problems.length;
    const headingBase = starts[row]!;
    for (const p of f.problems) out.problems.push(p);
    for (const event of entry.anchorEvents) {
      if (typeof event === 'string') {
        out.anchors.add(event);
        continue;
      }
      // Slugs are unique per document ("a", "a-1"): computed here, in document order, not per chunk. The slugged
      // heading of the last assembly is reused while its placement and slug stay (no new objects per keystroke).
      const slug = slugger.slug(out.headings[headingBase + event]!.title);
      out.headings[headingBase + event] = slugged(placements[i]!, event, out.headings[headingBase + event]!, slug);
      out.anchors.add(slug);
    }
  });
  const row = chunks.length * LIST_COUNT;
  PLACED_LISTS.forEach((name, k) => (starts[row + k] = out[name].length));
  starts[row + PLACED_LISTS.length] = out.problems.length;
  return { facts: out, entries: chunks.map((c) => c.entry), placed, starts, spliced: false };
}

/**
 * The placed references of a batch index's chunks as one list of columns: the one chunk's own when it is the only one
 * with references (the 200,000-reference spec: no copy), else `into` with each appended in order.
 */
function joinedColumns(into: FootnoteRefColumns, parts: readonly FootnoteRefs[]): FootnoteRefColumns {
  const full = parts.filter((p) => p.length > 0);
  if (into.length === 0 && full.length === 1 && full[0] instanceof FootnoteRefColumns && full[0].file === into.file) return full[0];
  for (const p of full) into.append(p, 0);
  return into;
}

/** The placed heading with its document slug: the one of the last assembly while its placement and slug stay. */
function slugged(placement: Placement, event: number, heading: HeadingInfo, slug: string): HeadingInfo {
  const known = placement.slugged?.[event];
  if (known?.slug === slug) return known;
  if (heading.slug === slug) return heading;
  const made = { ...heading, slug };
  (placement.slugged ??= [])[event] = made;
  return made;
}

/** The assembly of `chunks` as the last one with the edited chunks' items spliced in, or undefined (see assemble). */
function splice(out: SpecFacts, chunks: PlacedChunk[], placements: Placement[], last: Assembly): Assembly | undefined {
  const placed = placements.map((p) => p.facts);
  const n = chunks.length;
  const m = last.entries.length;
  const same = (i: number, j: number): boolean => placed[i] === last.placed[j] && chunks[i]!.entry === last.entries[j];
  let p = 0;
  while (p < n && p < m && same(p, p)) p++;
  let q = 0;
  while (q < n - p && q < m - p && same(n - 1 - q, m - 1 - q)) q++;
  // The edited chunks, new [p, n - q) and last [p, m - q): the same anchors and heading titles in the same order.
  // (An anchor as `a` + the anchor, a heading as `h` + its title: an HTML anchor is not a heading of the same text.)
  const events: string[] = [];
  for (let j = p; j < m - q; j++) {
    const e = last.entries[j]!;
    const base = last.starts[j * LIST_COUNT]!;
    for (const ev of e.anchorEvents) events.push(typeof ev === 'string' ? `a${ev}` : `h${last.facts.headings[base + ev]!.title}`);
  }
  const slugs: string[] = [];
  let at = 0;
  for (let i = p; i < n - q; i++) {
    for (const ev of chunks[i]!.entry.anchorEvents) {
      const heading = typeof ev === 'number' ? placed[i]!.headings[ev] : undefined;
      if (typeof ev === 'number' && !heading) return undefined;
      if (at >= events.length || events[at] !== (heading ? `h${heading.title}` : `a${ev as string}`)) return undefined;
      at++;
    }
  }
  if (at !== events.length) return undefined;
  // The slugs the last assembly gave the edited chunks' headings, in order.
  for (let j = p; j < m - q; j++) {
    const e = last.entries[j]!;
    const base = last.starts[j * LIST_COUNT]!;
    for (const ev of e.anchorEvents) if (typeof ev === 'number') slugs.push(last.facts.headings[base + ev]!.slug!);
  }
  const starts = new Int32Array((n + 1) * LIST_COUNT);
  starts.set(last.starts.subarray(0, (p + 1) * LIST_COUNT));
  const lists: unknown[][] = [];
  const middle: unknown[][] = PLACED_LISTS.map(() => []);
  middle.push([]);
  let slugAt = 0;
  for (let i = p; i < n - q; i++) {
    const row = i * LIST_COUNT;
    PLACED_LISTS.forEach((_, k) => (starts[row + k] = last.starts[p * LIST_COUNT + k]! + middle[k]!.length));
    starts[row + PLACED_LISTS.length] = last.starts[p * LIST_COUNT + PLACED_LISTS.length]! + middle[PLACED_LISTS.length]!.length;
    const entry = chunks[i]!.entry;
    const headingBase = middle[0]!.length;
    PLACED_LISTS.forEach((name, k) => {
      for (const item of (placed[i]![name] as unknown[] | undefined) ?? []) middle[k]!.push(item);
    });
    for (const problem of entry.facts.problems) middle[PLACED_LISTS.length]!.push(problem);
    for (const ev of entry.anchorEvents) {
      if (typeof ev === 'string') continue;
      middle[0]![headingBase + ev] = slugged(placements[i]!, ev, middle[0]![headingBase + ev] as HeadingInfo, slugs[slugAt++]!);
    }
  }
  // The chunks after the edited ones: the last rows, moved by what the edited chunks added or removed.
  for (let k = 0; k < LIST_COUNT; k++) {
    const from = last.starts[(m - q) * LIST_COUNT + k]!;
    const to = last.starts[p * LIST_COUNT + k]! + middle[k]!.length;
    for (let i = 0; i <= q; i++) starts[(n - q + i) * LIST_COUNT + k] = last.starts[(m - q + i) * LIST_COUNT + k]! - from + to;
    const all = k < PLACED_LISTS.length ? (last.facts[PLACED_LISTS[k]!] as unknown[]) : last.facts.problems;
    lists.push(all.slice(0, last.starts[p * LIST_COUNT + k]).concat(middle[k]!, all.slice(from)));
  }
  PLACED_LISTS.forEach((name, k) => ((out as unknown as Record<string, unknown[]>)[name] = lists[k]!));
  out.problems = lists[PLACED_LISTS.length] as string[];
  // The edited chunks name the same anchors (checked above): the set is the last one's, not a copy of every anchor of
  // a big spec per keystroke. An assembled set is never changed (a kramdown draft, whose references finish adds, is
  // never spliced), and withSpec then compares the two by identity.
  out.anchors = last.facts.anchors;
  return { facts: out, entries: chunks.map((c) => c.entry), placed, starts, spliced: true };
}

/**
 * A chunk's facts shifted to its line: the last placement while the chunk stays there. `consume`: the entry was parsed
 * for this placement alone and is never placed again nor cached (a batch index's parse: see parseSpecChunked), so its
 * footnote references are moved to the line in place, not copied: the 200,000-reference spec's chunk had its 200,000
 * references twice (12 MB more at the peak of its check) [^big_documents].
 */
function place(entry: ChunkEntry, line: number, consume = false): Placement {
  {
    const f = entry.facts;
    if (consume && line !== 0 && entry.byLine === undefined) {
      const refs = f.footnoteRefs;
      if (refs instanceof FootnoteRefColumns) refs.shift(line);
      else {
        const list = refs as FootnoteRef[];
        for (let i = 0; i < list.length; i++) {
          const r = list[i]!;
          if (r instanceof OneLineFootnoteRef) r.line += line;
          else list[i] = shiftedFootnoteRef(r, line);
        }
      }
      entry.byLine = { line, facts: shiftedFacts(f, line, refs) };
      return entry.byLine;
    }
    if (entry.byLine?.line !== line) entry.byLine = { line, facts: line === 0 ? f : shiftedFacts(f, line) };
    return entry.byLine;
  }
}

/** The placed lists of a chunk's facts, `line` lines further down (its footnote references `refs` when given). */
function shiftedFacts(f: SpecFacts, line: number, refs?: FootnoteRefs): PlacedFacts {
  if (!refs && f.footnoteRefs instanceof FootnoteRefColumns) {
    const shifted = new FootnoteRefColumns(f.footnoteRefs.file);
    shifted.append(f.footnoteRefs, line);
    refs = shifted;
  }
  return {
    headings: f.headings.map((h) => ({ ...h, range: shiftRange(h.range, line) })),
    headingClauses: f.headingClauses.map((c) => ({ ...c, range: shiftRange(c.range, line), idRange: shiftRange(c.idRange, line) })),
    footnoteRefs: refs ?? f.footnoteRefs.map((r) => shiftedFootnoteRef(r, line)),
    footnoteDefs: f.footnoteDefs.map((d) => ({
      ...d,
      range: shiftRange(d.range, line),
      idRange: shiftRange(d.idRange, line),
      ...(d.targetRange ? { targetRange: shiftRange(d.targetRange, line) } : {}),
      ...(d.tests ? { tests: d.tests.map((t) => ({ ...t, range: shiftRange(t.range, line) })) } : {}),
    })),
    links: f.links.map((l) => ({ ...l, range: shiftRange(l.range, line), anchorRange: shiftRange(l.anchorRange, line), ...(l.lookalikeLine !== undefined ? { lookalikeLine: l.lookalikeLine + line } : {}) })),
    malformed: f.malformed.map((m) => ({ ...m, range: shiftRange(m.range, line) })),
    clarifications: (f.clarifications ?? []).map((e) => ({ ...e, range: shiftRange(e.range, line) })),
    mentions: f.mentions.map((m) => ({ ...m, range: shiftRange(m.range, line), idRange: shiftRange(m.idRange, line) })),
    openQuestions: f.openQuestions.map((q) => ({ ...q, range: shiftRange(q.range, line) })),
  };
}

/**
 * Where a spec can be cut into chunks that parse exactly as the whole: the offsets of the top-level ATX heading lines
 * (`#` in column 0) outside fenced code, HTML blocks and front matter, which close every open block and container.
 * Conservative: no cut between a link reference or footnote definition and a bracket that may use it (their resolution
 * crosses sections: apartFromDefinitions); no more cuts after a line the scanner cannot place for sure (a fence or HTML block indented 1-3 spaces,
 * which may belong to a list item, or a fence inside an HTML-like line run that may be a paragraph).
 */
export function specChunks(text: string, paragraphs = false): number[] {
  const starts = chunkCuts(text, paragraphs).starts;
  return starts.length > 1 && text.includes(']:') ? apartFromDefinitions(text, starts) : starts;
}

/**
 * The cuts of `starts` that no definition crosses: a link reference or footnote definition changes only how a bracketed
 * label that matches it reads (a link or a footnote call instead of text), wherever it stands in the document, so a cut
 * between a definition and a bracket that may use it is taken back, and the chunks between them parse together. Kept
 * apart, each chunk then parses as it does in the whole document. Conservative both ways: every line that may start a
 * definition counts as one (DEFINITION_LABELS), and a label is compared with every innermost bracket's text, folded
 * more than micromark folds labels (blanks and `>` of a quote's continuation lines are one space). A bracket is also a
 * definition's own label, so two definitions of one label in two chunks join them too (the first one wins). Linear: one
 * pass for definitions, one for brackets, and a difference array over the cuts.
 */
function apartFromDefinitions(text: string, starts: number[]): number[] {
  const defined: { key: string; at: number }[] = [];
  DEFINITION_LABELS.lastIndex = 0;
  for (let m = DEFINITION_LABELS.exec(text); m; m = DEFINITION_LABELS.exec(text)) defined.push({ key: labelKey(m[1]!), at: m.index });
  if (!defined.length) return starts;
  const chunkOf = (at: number): number => lastAtOrBefore(starts, at);
  const span = new Map<string, [number, number]>();
  for (const d of defined) {
    const c = chunkOf(d.at);
    const s = span.get(d.key);
    if (!s) span.set(d.key, [c, c]);
    else if (c < s[0]) s[0] = c;
    else if (c > s[1]) s[1] = c;
  }
  BRACKETED.lastIndex = 0;
  const last = starts.length - 1;
  for (let m = BRACKETED.exec(text); m; m = BRACKETED.exec(text)) {
    const s = span.get(labelKey(m[1]!));
    if (!s) continue;
    const c = chunkOf(m.index);
    if (c < s[0]) s[0] = c;
    if (c > s[1]) s[1] = c;
    // A use in the first chunk of a definition in the last (footnotes at the end): one chunk, whatever follows.
    if (s[0] === 0 && s[1] === last) return [starts[0]!];
  }
  // joined[i] > 0: the cut before chunk i is taken back.
  const joined = new Int32Array(starts.length + 1);
  for (const [lo, hi] of span.values()) {
    if (hi === lo) continue;
    joined[lo + 1]!++;
    joined[hi + 1]!--;
  }
  const kept: number[] = [];
  for (let i = 0, open = 0; i < starts.length; i++) {
    open += joined[i]!;
    if (i === 0 || open === 0) kept.push(starts[i]!);
  }
  return kept;
}

/**
 * A label as definitions and references are matched: the scanner's normalizeLabel (micromark's normalizeIdentifier)
 * after folding every blank and a quote's `>` to a space. Printable ASCII without a blank or `>` (a footnote's `^a1`,
 * most labels) only needs upper case.
 */
const labelKey = (label: string): string => (PLAIN_LABEL.test(label) ? label.toUpperCase() : normalizeLabel(label.replace(/[\s>]+/g, ' ')));
const PLAIN_LABEL = /^[!-=?-~]*$/;

/**
 * specChunks, and how the scan ended: `stopped` when it gave up cutting (a line it cannot place for sure), `open` when
 * it ended outside any block (a heading line after the text would be a cut).
 */
function chunkCuts(text: string, paragraphs: boolean): { starts: number[]; stopped: boolean; open: boolean } {
  const starts = [0];
  const stop = { starts, stopped: true, open: false };
  /** With `paragraphs`: the previous line was blank in normal state (a letter in column 0 after it starts a paragraph). */
  let prevBlank = false;
  // A byte order mark: micromark skips it, and front matter may follow. (Definitions: see apartFromDefinitions.)
  if (text.charCodeAt(0) === 0xfeff) return stop;
  let state: 'normal' | 'fence' | 'html' | 'blank-html' | 'front' = 'normal';
  let fenceChar = 0;
  let fenceLength = 0;
  let htmlEnd: RegExp | undefined;
  /** In a run of lines after an HTML-like line that may be an HTML block (type 7) or paragraph text. */
  let uncertain = false;
  for (let at = 0, lineNo = 0; at < text.length; lineNo++) {
    if (state === 'normal' && lineNo > 0 && !paragraphs) {
      // In normal state only lines starting (after blanks) with a fence, HTML or `#` matter: the regular expression
      // finds the next one natively instead of a loop over every character of every line (a big spec per keystroke).
      // `^` also matches after U+2028/U+2029, which end no line here: such a match is passed over.
      NOTABLE_LINE.lastIndex = at;
      let m = NOTABLE_LINE.exec(text);
      while (m && m.index > 0 && text.charCodeAt(m.index - 1) !== 10 && text.charCodeAt(m.index - 1) !== 13) m = NOTABLE_LINE.exec(text);
      if (!m) break;
      at = m.index;
    }
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
      else if (FRONT_FENCE.test(line)) return stop;
      continue;
    }
    if (lineNo === 0 && FRONT_FENCE.test(line)) {
      if (line !== '---' && line !== '+++') return stop;
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
      if (uncertain && (fence || html || /^#{1,6}(?:[ \t]|$)/.test(rest))) return stop;
      continue;
    }
    if (fence) {
      if (col > 0) {
        // Indented 1-3 columns, the fence may be a list item's (it ends with the item) or the document's: cutting goes
        // on when both readings close it on the same line (indentedFenceEnd).
        if (line.slice(0, i).includes('\t')) return stop;
        const after = indentedFenceEnd(text, at, fence[1]!.charCodeAt(0), fence[1]!.length, col);
        if (after < 0) return stop;
        at = after;
        continue;
      }
      state = 'fence';
      fenceChar = fence[1]!.charCodeAt(0);
      fenceLength = fence[1]!.length;
      continue;
    }
    if (html) {
      if (col > 0) return stop;
      if (html.end) {
        const ended = html.end.test(rest.slice(html.skip));
        // `<!-->`, `<?>`: whether the end marker may overlap the start is not worth guessing.
        if (ended !== html.end.test(rest.slice(1))) return stop;
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
  return { starts, stopped: false, open: state === 'normal' };
}

/**
 * Where a fence opened `col` (1-3) columns in ends, from `at` (the line after its opening line), when it ends on the
 * same line whether it is the document's fence or the fence of a list item whose content starts at column `col` or
 * before: a closing fence indented 0-3 columns and no less than `col`, after lines that are blank or indented `col` or
 * more (a line indented less may end the item and so the fence). The offset after the closing line, or -1 when none
 * closes it or the readings may differ (a line indented less, a closing fence the item's reading alone would take at 4
 * or more columns, a tab in an indentation).
 */
function indentedFenceEnd(text: string, at: number, char: number, length: number, col: number): number {
  while (at < text.length) {
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const next = end < text.length && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    let p = at;
    while (p < end && text.charCodeAt(p) === 32) p++;
    if (p < end && text.charCodeAt(p) === 9) return -1;
    if (p < end) {
      const indent = p - at;
      if (indent < col) return -1;
      let run = 0;
      while (p + run < end && text.charCodeAt(p + run) === char) run++;
      if (run >= length && /^[ \t]*$/.test(text.slice(p + run, end))) {
        if (indent > 3) return -1;
        return next;
      }
    }
    at = next;
  }
  return -1;
}

/** A line whose first non-blank character may start a fence, an HTML block or an ATX heading (see specChunks). */
const NOTABLE_LINE = /^[ \t]*[`~<#]/gm;
/**
 * A link reference or footnote definition may start here (inside containers too; labels may span lines). The container
 * prefix is read as a sequence of blanks, `>` and list markers each with its blank, one way only: written as blanks
 * around repeated markers it backtracked exponentially (a line of 20 `-   ` took minutes). A label has no unescaped
 * bracket and at most 999 characters, so each try ends at the next `[`.
 */
const DEFINITION_LINE = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[(?:[^[\]\\]|\\[\s\S]){0,999}\]:/m;
/** DEFINITION_LINE, every one, with its label. */
const DEFINITION_LABELS = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[((?:[^[\]\\]|\\[\s\S]){0,999})\]:/gm;
/**
 * An innermost bracketed text, which a reference's label is (a label has no unescaped bracket), unless an inline link's
 * destination follows it: `[text](https://x/y)` is a link whatever `text` defines (CommonMark tries the inline link
 * first); one with a blank, a parenthesis, `<`, a backslash or a backtick in it may not be one, and counts.
 */
const BRACKETED = /\[((?:[^[\]\\]|\\[\s\S]){0,999})\](?!\([^\s()<>\\`[\]]*\))/g;
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
  /** The section is a decision record (see isRecordHeading). */
  record?: true;
}

/**
 * A heading opens a section: the sections at its level or deeper close, its clause (if any) gets its parent clause and
 * its section path, and its section entry is made (the caller pushes it once the clause is recorded). One function for
 * the tree walk and the scanner's fact pass, which must give the same facts.
 */
export function openSection(sections: SectionEntry[], level: number, title: string, clause: Clause | undefined): SectionEntry {
  while (sections.length && sections[sections.length - 1]!.level >= level) sections.pop();
  const entry: SectionEntry = { level, title: title || clause?.id || '' };
  if (isRecordHeading(title, clause?.id)) entry.record = true;
  if (clause) {
    for (let i = sections.length - 1; i >= 0; i--) {
      if (sections[i]!.id !== undefined) {
        clause.parent = sections[i]!.id;
        break;
      }
    }
    entry.id = clause.id;
    if (clause.authority !== undefined) entry.authority = clause.authority;
    clause.section = [...sections.map((x) => x.title), clause.title];
  }
  return entry;
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
    private readonly mode: WalkMode,
    /** Lines read as blank to cut an overlong paragraph (defuse.ts): their references are read from `text`. */
    private readonly cuts: readonly [number, number][] = [],
    /** Blocks read as plain text (defuse.ts): their brackets are no reference links. */
    private readonly plain: readonly [number, number][] = [],
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
    // `struck`: inside GFM strikethrough (`~~…~~`), text the author withdrew.
    const stack: { node: MdNode; block?: MdNode; struck?: boolean }[] = [{ node: root }];
    let cut = 0;
    while (stack.length) {
      const { node, block, struck } = stack.pop()!;
      // The references of a cut line go with the paragraph after it, in document order.
      if (cut < this.cuts.length && node.position && node !== root) {
        const start = this.offsets(node)[0];
        for (; cut < this.cuts.length && this.cuts[cut]![0] < start; cut++) this.cutRefs(this.cuts[cut]!, TEXT_BLOCKS.has(node.type) ? node : block);
      }
      if ((node.type === 'linkReference' || node.type === 'imageReference') && node.identifier !== undefined) this.usedLabels.add(node.identifier);
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
          if (this.mode.specKitItems) this.specKitItem(node, block);
          else if (this.mode.otherSpec) this.otherSpecItem(node);
          else if (this.mode.kiroRequirements && block === undefined) this.kiroNumberedCriterion(node);
          else if (this.mode.kiroBugfix && block === undefined) this.kiroBugfixStatements(node);
          this.proseBlock(node, 'paragraph');
          break;
        case 'list':
          if (this.mode.kiroRequirements && block === undefined) this.kiroCriteria(node);
          break;
        case 'table':
          if (node.children?.[0]) this.headerRows.add(node.children[0]);
          break;
        case 'tableRow':
          if (this.mode.specKitRows && !this.headerRows.has(node)) this.specKitRow(node);
          break;
        case 'tableCell':
          this.proseBlock(node, 'tableCell');
          break;
        case 'text':
          this.textRefs(node, block);
          this.textMarkers(node, block, struck === true);
          continue;
        case 'footnoteReference':
          this.footnoteReference(node, block);
          continue;
        case 'footnoteDefinition':
          this.footnoteDefinition(node);
          continue;
        case 'link':
          this.link(node);
          break;
        case 'definition': {
          this.definitions++;
          const fact = this.link(node);
          if (fact && node.identifier !== undefined) this.definitionLinks.push([fact, node.identifier]);
          break;
        }
        case 'listItem':
          if (this.inRecord()) this.recordEntry(node);
          break;
      }
      const children = node.children;
      if (!children) continue;
      const innerBlock = TEXT_BLOCKS.has(node.type) ? node : block;
      const innerStruck = struck === true || node.type === 'delete';
      for (let i = children.length - 1; i >= 0; i--) stack.push(innerStruck ? { node: children[i]!, block: innerBlock, struck: true } : { node: children[i]!, block: innerBlock });
    }
    for (; cut < this.cuts.length; cut++) this.cutRefs(this.cuts[cut]!, undefined);
    // specChunks keeps a definition and every bracket that may use it in one chunk, so every use of a label is in this walk.
    for (const [fact, label] of this.definitionLinks) if (!this.usedLabels.has(label)) fact.unusedDefinition = true;
    // A text with no link reference definition (nor a line that looks like one) writes no reference links: its
    // `[a][b]` is bracketed text, as meeting notes tag an item `[name][topic]` or a list `[GB-appointed][TOC Chair]`.
    // A collapsed reference `[text][]` is a link whatever the file (a KEP that lost the template's definitions).
    const kept = (l: SpecLink): boolean => l.undefinedReference === undefined || l.lookalikeLine !== undefined || this.collapsed.has(l);
    // (In a file cut into chunks, "no definition" is the file's: see reparseForDefinitions.)
    if (this.definitions === 0 && !this.facts.links.every(kept)) {
      this.dropsReferences = true;
      if (!this.mode.fileDefines) this.facts.links = this.facts.links.filter(kept);
    }
    this.sectionTexts(root);
  }

  /** `[label]:` lines of the text by lowercased label (see lookalikeDefinitionLines), made on first use. */
  private lookalikes: Map<string, number> | undefined;
  /** Labels that reference links and images of this text use (normalized, as mdast's `identifier`). */
  private readonly usedLabels = new Set<string>();
  /** Link facts of link reference definitions, with their labels. */
  private readonly definitionLinks: [SpecLink, string][] = [];
  /** Link reference definitions of the text, of any destination. */
  definitions = 0;
  /** Reference links `[text][label]` the text writes that a text with no definition reads as bracketed text. */
  dropsReferences = false;
  /** Undefined collapsed references `[text][]`: links in any file. */
  private readonly collapsed = new Set<SpecLink>();

  /** The footnote references of a line read as blank (not in the parsed text) [^big_documents]. */
  private cutRefs([start, end]: readonly [number, number], block: MdNode | undefined): void {
    const raw = this.text.slice(start, end);
    if (!raw.includes('[^')) return;
    REF_RE.lastIndex = 0;
    for (let m = REF_RE.exec(raw); m; m = REF_RE.exec(raw)) if (!isEscaped(raw, m.index)) this.addRef(m[1]!, start + m.index, block);
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
    const plain = plainText(node);
    let title = plain.trim();
    let clause: Clause | undefined;
    const block = this.attributeBlock(node);
    if (block) {
      title = block.titleBefore.trim();
      clause = attributeHeadingClause(this.facts, block, title, range, level, this.lines, this.anchorEvents);
    }
    if (!clause && this.mode.kiroRequirements) clause = this.kiroRequirement(title, start, end, range, level);
    this.sectionContext = undefined;
    const entry = openSection(this.sections, level, title, clause);
    if (clause) {
      this.facts.headingClauses.push(clause);
      this.headingNodes.push({ clause, node });
      this.anchorEvents.push(clause.id);
    }
    this.sections.push(entry);
    this.anchorEvents.push(this.facts.headings.length);
    if (!block) spacedHeadingAnchor(this.anchorEvents, plain, title);
    this.facts.headings.push({ title, level, range, slug: '', ...(clause ? { id: clause.id } : {}) });
  }

  /**
   * Finds a trailing `{…}` attribute block in the heading's SOURCE (escaped `\{` is literal text): Markdown inside the
   * block (`{#_private_}`, `*draft*`, backticks) made emphasis or code of it, so the parsed inlines cannot be used [^hc4s].
   */
  private attributeBlock(node: MdNode): { start: number; end: number; inner: string; raw: string; titleBefore: string } | undefined {
    const children = node.children ?? [];
    if (children.length === 0) return undefined;
    const contentStart = this.offsets(children[0]!)[0];
    const raw = this.text.slice(contentStart, this.offsets(children[children.length - 1]!)[1]);
    // The block can only start at the last `{` (its inner text holds no brace): linear, whatever the heading.
    const open = raw.lastIndexOf('{');
    const m = open < 0 ? null : /^\{([^{}\n]*)\}[ \t]*$/.exec(raw.slice(open));
    if (!m) return undefined;
    if (open > 0 && raw[open - 1] === '\\') return undefined;
    if (!looksLikeAttributeBlock(m[1]!)) return undefined;
    const start = contentStart + open;
    const end = start + m[0].trimEnd().length;
    // Title: the heading's text before the block (the inline that holds its `{` is cut there).
    let before = '';
    for (const child of children) {
      const [cs, ce] = this.offsets(child);
      if (cs >= start) break;
      const text = plainText(child);
      if (ce <= start) before += text;
      else {
        const cut = text.lastIndexOf('{');
        before += cut >= 0 ? text.slice(0, cut) : text;
      }
    }
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
    addFootnoteRef(this.facts.footnoteRefs, id, this.lines.rangeOf(start, idStart + id.length + 1), this.lines.rangeOf(idStart, idStart + id.length), block ? this.blockText(block) : '', ctx);
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
    // A definition that names tests is not an example file [^tt3v].
    const tests = m ? findTestTargets(raw.slice(m[0].length)) : [];
    const target = tests.length ? undefined : definitionTarget(node);
    if (tests.length) {
      const at = start + m![0].length;
      def.tests = tests.map(({ start: s, end: e, ...t }) => ({ ...t, range: this.lines.rangeOf(at + s, at + e) }));
    }
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

  /** Declaration offsets of requirement items (their id text is not a mention of itself). */
  private readonly declared = new Set<number>();
  /** Offsets of the ids that items of another spec file of the feature open with (WalkMode.otherSpec). */
  private readonly restated = new Map<number, 'item' | 'requirement'>();
  /** The first row of each table: it names the columns (specKitRow). */
  private readonly headerRows = new WeakSet<MdNode>();
  /** The requirement item whose paragraph is being walked (its prose and open questions belong to it). */
  private item?: { id: string; start: number; end: number };

  /**
   * spec-kit: a paragraph that starts with `**FR-001**` declares that requirement; its text is the item [^sk1r]. In a
   * feature folder's spec.md so does one that starts `FR-001: text` (no bold) or `**FR-1: Title**` (title in the bold).
   */
  private specKitItem(node: MdNode, block: MdNode | undefined): void {
    const found = this.specKitItemId(node);
    if (!found) return;
    const { id, lead, labeled, value } = found;
    const [idStart] = this.offsets(lead);
    const [start, end] = this.offsets(block?.type === 'listItem' ? block : node);
    const ctx = this.currentSection();
    const text = collapse(plainText(node)).slice(labeled ? value.length : id.length).replace(SPEC_KIT_SEPARATOR, '');
    // A slot of the template left unfilled declares nothing, and its id is no mention either.
    if (isTemplateSlot(id, text)) {
      this.declared.add(idStart);
      return;
    }
    this.addItem(id, start, end, idStart, limit(text, BLOCK_TEXT_LIMIT), ctx.sectionTitle || id, ctx);
  }

  /**
   * The id a paragraph opens as a spec-kit item declares it (specKitItem): `**FR-001**`, and in a feature folder
   * `FR-001: text`, `**FR-1: Title**` or `**SC-001 (label)**`.
   */
  private specKitItemId(node: MdNode): { id: string; lead: MdNode; labeled: string | undefined; value: string } | undefined {
    const first = node.children?.[0];
    if (!first) return undefined;
    const lead = first.type === 'strong' && first.children?.length === 1 && first.children[0]!.type === 'text' ? first.children[0]! : first.type === 'text' ? first : undefined;
    if (!lead) return undefined;
    const value = lead.value ?? '';
    // The forms without a bold id alone only in a feature folder's spec.md (elsewhere `SC-1: …` may be a note), and
    // there also an id with a label in the bold, `**SC-001 (signup-duration)**: text` (the label is not the item's text).
    const labeled = lead !== first && this.mode.mentions === 'spec-kit' ? SPEC_KIT_LABELED.exec(value)?.[1] : undefined;
    const id = lead !== first && SPEC_KIT_ID_RE.test(value) ? value : (labeled ?? (this.mode.mentions === 'spec-kit' ? SPEC_KIT_DECLARATION.exec(value)?.[1] : undefined));
    return id === undefined ? undefined : { id, lead, labeled, value };
  }

  /**
   * Another spec file of a feature folder (WalkMode.otherSpec): the id an item opens with is a mention that may declare
   * (IdMention.declares), a requirement when the item has a modal ("System MUST …").
   */
  private otherSpecItem(node: MdNode): void {
    const found = this.specKitItemId(node);
    if (found) this.restated.set(this.offsets(found.lead)[0], REQUIREMENT_MODAL_RE.test(plainText(node)) ? 'requirement' : 'item');
  }

  /**
   * A requirements table of a feature spec, `| FR-04 | Geolocation snaps to … | P0 |`: a body row whose first cell is a
   * requirement id alone (bold or not) declares that requirement item [^sk1r]; its clause spans the row, its text is the
   * row's other cells. (The header row names the columns.)
   */
  private specKitRow(row: MdNode): void {
    const cells = row.children ?? [];
    const first = cells[0];
    if (!first || cells.length < 2) return;
    const id = collapse(plainText(first)).trim();
    if (!SPEC_KIT_ID_RE.test(id)) return;
    const [cellStart, cellEnd] = this.offsets(first);
    const idStart = this.text.indexOf(id, cellStart);
    if (idStart < 0 || idStart + id.length > cellEnd) return;
    const [start, end] = this.offsets(row);
    const text = cells.slice(1).map((c) => collapse(plainText(c)).trim()).filter(Boolean).join(' | ');
    if (isTemplateSlot(id, text)) {
      this.declared.add(idStart);
      return;
    }
    const ctx = this.currentSection();
    this.addItem(id, start, end, idStart, limit(text, BLOCK_TEXT_LIMIT), ctx.sectionTitle || id, ctx, id.length, true);
  }

  /** Kiro: `### Requirement 3: Title` declares requirement `3` [^ki2r]. */
  private kiroRequirement(title: string, start: number, end: number, range: Range, level: number): Clause | undefined {
    return kiroRequirementClause(this.file, this.text, title, start, end, range, level, this.lines, this.mode.kiroNumbered);
  }

  /**
   * Under a requirement's `#### Acceptance Criteria`, or under a sub-heading of it: criteria may be grouped under
   * `##### Unit tests`-style headings, the list's numbers running on across them [^ki2r].
   */
  private inAcceptanceCriteria(ctx: ReturnType<SpecWalker['currentSection']>): ctx is ReturnType<SpecWalker['currentSection']> & { parent: string } {
    return inKiroAcceptanceCriteria(this.sections, ctx);
  }

  /**
   * Kiro: the numbered acceptance criteria of requirement N are clauses `N.1`, `N.2`, … [^ki2r], numbered as Markdown
   * displays them (the list's start, then one more per item): a list written `6.`, `7.`, `7.`, `8.` shows and is cited
   * as 6, 7, 8, 9, whatever its items' own numbers say.
   */
  private kiroCriteria(list: MdNode): void {
    if (!(list as { ordered?: boolean }).ordered) return;
    const ctx = this.currentSection();
    if (!this.inAcceptanceCriteria(ctx)) return;
    const first = (list as { start?: number | null }).start ?? 1;
    const title = kiroCriteriaTitle(this.sections, ctx.parent);
    (list.children ?? []).forEach((item, i) => {
      if (item.type !== 'listItem') return;
      const [start, end] = this.offsets(item);
      const number = /^\d+/.exec(this.text.slice(start, start + 12));
      if (!number) return;
      this.addItem(`${ctx.parent}.${first + i}`, start, end, start, limit(collapse(plainText(item)), BLOCK_TEXT_LIMIT), title, ctx, number[0].length);
    });
  }

  /**
   * Kiro written with explicit numbers: `1.2. WHEN …` under requirement 1's acceptance criteria [^ki2r], one paragraph
   * per criterion or one line per criterion in a single paragraph (each criterion runs to the next numbered line).
   */
  private kiroNumberedCriterion(node: MdNode): void {
    const ctx = this.currentSection();
    if (!this.inAcceptanceCriteria(ctx)) return;
    const [start, end] = this.offsets(node);
    const starts = kiroNumberedStarts(this.text.slice(start, end), ctx.parent);
    if (!starts) return;
    const title = kiroCriteriaTitle(this.sections, ctx.parent);
    starts.forEach((c, i) => {
      const from = start + c.at;
      const to = i + 1 < starts.length ? start + starts[i + 1]!.at - 1 : end;
      const text = starts.length === 1 ? plainText(node) : this.text.slice(from, to);
      this.addItem(c.id, from, to, from + (this.text.slice(from, to).length - this.text.slice(from, to).trimStart().length), limit(collapse(text), BLOCK_TEXT_LIMIT), title, ctx);
    });
  }

  /** Kiro bugfix.md: the statements `1.1 WHEN … THEN …` a paragraph outside list items opens with, one per line (WalkMode.kiroBugfix). */
  private kiroBugfixStatements(node: MdNode): void {
    const [start, end] = this.offsets(node);
    const starts = kiroStatementStarts(this.text.slice(start, end));
    if (!starts) return;
    const ctx = this.currentSection();
    starts.forEach((c, i) => {
      const from = start + c.at;
      const to = i + 1 < starts.length ? start + starts[i + 1]!.at - 1 : end;
      const raw = this.text.slice(from, to);
      const text = starts.length === 1 ? plainText(node) : raw;
      this.addItem(c.id, from, to, from + (raw.length - raw.trimStart().length), limit(collapse(text), BLOCK_TEXT_LIMIT), ctx.sectionTitle || c.id, ctx);
    });
  }

  private addItem(id: string, start: number, end: number, idStart: number, text: string, title: string, ctx: ReturnType<SpecWalker['currentSection']>, idLength = id.length, row = false): void {
    this.declared.add(idStart);
    this.item = { id, start, end };
    this.facts.headingClauses.push({
      id,
      kind: 'item',
      title,
      text,
      file: this.file,
      range: this.lines.rangeOf(start, end),
      idRange: this.lines.rangeOf(idStart, idStart + idLength),
      section: ctx.section,
      attributes: {},
      ...(ctx.parent !== undefined ? { parent: ctx.parent } : {}),
      ...(ctx.authority !== undefined ? { authority: ctx.authority } : {}),
      ...(row ? { row: true as const } : {}),
    });
  }

  /** The clause at an offset: the requirement item around it, else the enclosing heading clause. */
  private clauseAt(offset: number): string | undefined {
    if (this.item && offset >= this.item.start && offset < this.item.end) return this.item.id;
    return this.currentSection().parent;
  }

  /**
   * Markers in a text node: `[NEEDS CLARIFICATION: …]` open questions [^sk3q], requirement id mentions (spec-kit and
   * Kiro feature folders) [^sk2m], kramdown `{: #id}` block attributes and `{{REF}}` cross-references [^kr3x], and
   * reference links `[text][label]` that no definition declares (GFM leaves them as text) [^ln4f]. A marker struck
   * through (`~~… [NEEDS CLARIFICATION: …]~~`, a requirement the author withdrew or deferred) asks nothing.
   */
  private textMarkers(node: MdNode, block: MdNode | undefined, struck: boolean): void {
    const [start, end] = this.offsets(node);
    const raw = this.text.slice(start, end);
    if (!this.mode.template && !struck && raw.includes('[NEEDS CLARIFICATION')) {
      for (const m of raw.matchAll(OPEN_QUESTION_RE)) {
        const question = openQuestionOf(m);
        if (question === undefined) continue;
        const at = start + m.index;
        const clauseId = this.clauseAt(at);
        this.facts.openQuestions.push({ range: this.lines.rangeOf(at, at + m[0].length), question, ...(clauseId !== undefined ? { clauseId } : {}) });
      }
    }
    if (this.mode.mentions === 'spec-kit' && block?.type !== 'heading') {
      for (const m of raw.matchAll(SPEC_KIT_MENTION_RE)) {
        const at = start + m.index;
        if (this.declared.has(at)) continue;
        const place = this.otherFeatureMention(block ?? node, at, 'spec-kit');
        if (place !== 'other') this.mention(m[0], at, place === 'unsure');
      }
    } else if (this.mode.mentions === 'kiro' && block?.type !== 'heading' && raw.includes('Requirement')) {
      for (const m of raw.matchAll(KIRO_MENTION_RE)) {
        if (this.otherFeatureMention(block ?? node, start + m.index, 'kiro') === 'other') continue;
        const listAt = m.index + m[0].length - m[1]!.length;
        for (const n of m[1]!.matchAll(/\d+(?:\.\d+)?/g)) this.mention(n[0], start + listAt + n.index);
      }
    }
    if (raw.includes('{:')) ialAnchors(this.text, raw, start, this.anchorEvents);
    if (this.mode.kramdown && raw.includes('{{')) kramdownXrefs(raw, start, this.facts.links, this.anchorEvents, this.lines);
    // (Not in a block read as plain text, whose brackets the tree never read: the block's own, so that a chunk and the
    // whole document agree.)
    if (raw.includes('][') && !this.plain.some(([from, to]) => start >= from && start < to)) {
      // Not a run of three or more bracket groups (`[VOB ID(2)][Cell ID(1)][Angle Num(1)]`: a notation, not links), and
      // not `[a][b](url)`, where `[b](url)` is the link.
      undefinedReferences(raw, start, this.lines, () => (this.lookalikes ??= lookalikeDefinitionLines(this.text)), (fact, collapsed) => {
        this.facts.links.push(fact);
        if (collapsed) this.collapsed.add(fact);
      });
    }
  }

  /**
   * The mention at `at` names another feature's requirement (its sentence says so: Kiro's "`.kiro/specs/other/`
   * Requirement 2.3", "the other spec's Requirement 2", "Requirement 7 of that spec" [^ki2r]; spec-kit's "FR-032 of the
   * 001-csv-export spec", "feature 002 FR-114" [^sk2m]).
   */
  private otherFeatureMention(container: MdNode, at: number, format: FeatureFormat): MentionPlace {
    const [from, to] = this.offsets(container);
    return mentionOfOtherFeature(this.text, from, to, at, featureOf(this.file, format), format);
  }

  private mention(id: string, at: number, otherFeatureNamed = false): void {
    if (this.declared.has(at)) return;
    const range = this.lines.rangeOf(at, at + id.length);
    this.facts.mentions.push({ id, range, idRange: range, ...(otherFeatureNamed ? { otherFeatureNamed } : {}), ...(this.restated.has(at) ? { declares: this.restated.get(at)! } : {}) });
  }

  /** Anchor links, same-file and cross-file [^anchor_links]. */
  private link(node: MdNode): SpecLink | undefined {
    const [start, end] = this.offsets(node);
    const fact = linkFact(node.url ?? '', start, end, this.text, this.lines);
    if (fact) this.facts.links.push(fact);
    return fact;
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
    const clauseId = kind === 'heading' ? ctx.parent : this.clauseAt(start);
    if (clauseId !== undefined) block.clauseId = clauseId;
    if (ctx.authority !== undefined) block.authority = ctx.authority;
    if (this.inRecord()) block.record = true;
    this.facts.prose.push(block);
  }

  /** Inside a decision record: the innermost section or one around it is a `Clarifications` section. */
  private inRecord(): boolean {
    for (let i = this.sections.length - 1; i >= 0; i--) if (this.sections[i]!.record) return true;
    return false;
  }

  /** A list item of the record whose first inline code is a clause id is a recorded decision [^cq2r]. */
  private recordEntry(node: MdNode): void {
    const first = node.children?.[0];
    if (!first || first.type !== 'paragraph') return;
    const code = (first.children ?? []).find((c) => c.type === 'inlineCode');
    const id = code?.value?.trim() ?? '';
    if (!ID_RE.test(id)) return;
    const [start, end] = this.offsets(node);
    const lineEnd = this.text.slice(start, end).search(/[\r\n]/);
    const date = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(\d{4}-\d{2}-\d{2})\b/.exec(this.text.slice(start, end))?.[1];
    this.facts.clarifications.push({ clauseId: id, range: this.lines.rangeOf(start, lineEnd >= 0 ? start + lineEnd : end), ...(date ? { date } : {}) });
  }

  /** HTML `id=`/`name=` attributes are anchors too [^ln2a]. */
  private htmlAnchors(html: string): void {
    HTML_ANCHOR_RE.lastIndex = 0;
    for (let m = HTML_ANCHOR_RE.exec(html); m; m = HTML_ANCHOR_RE.exec(html)) this.anchorEvents.push((m[1] ?? m[2])!);
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

/**
 * Kiro: `### Requirement 3: Title` declares requirement `3` [^ki2r]: the clause of a heading of `title` at [start,
 * end) of `text` (the tree walk's and the scanner path's, one function for both).
 */
export function kiroRequirementClause(file: string, text: string, title: string, start: number, end: number, range: Range, level: number, lines: { rangeOf(from: number, to: number): Range }, numbered?: ReadonlySet<string>): Clause | undefined {
  const m = /^Requirement\s+(\d+(?:\.\d+)*)(?=$|[\s:.\u2013\u2014-])[\s:.\u2013\u2014-]*(.*)$/i.exec(title) ?? (numbered ? numberedRequirement(title, numbered) : null);
  if (!m) return undefined;
  const id = m[1]!;
  const raw = text.slice(start, end);
  const at = new RegExp(`(?:Requirement\\s+|#[ \t]+)${id.replace(/\./g, '\\.')}`, 'i').exec(raw);
  const idStart = at ? start + at.index + at[0].length - id.length : start;
  return {
    id,
    kind: 'heading',
    title: m[2]!.trim() || `Requirement ${id}`,
    text: '',
    file,
    range,
    idRange: lines.rangeOf(idStart, idStart + id.length),
    section: [],
    attributes: {},
    level,
  };
}

/** A heading `1.2 Title` whose number is one of `numbered` (WalkMode.kiroNumbered), as the `Requirement N` match. */
function numberedRequirement(title: string, numbered: ReadonlySet<string>): RegExpExecArray | null {
  const n = NUMBERED_TITLE.exec(title);
  return n && numbered.has(n[1]!) ? n : null;
}

/**
 * Kiro: under a requirement's `#### Acceptance Criteria`, or under a sub-heading of it: criteria may be grouped under
 * `##### Unit tests`-style headings, the list's numbers running on across them [^ki2r].
 */
export function inKiroAcceptanceCriteria<T extends { parent?: string; sectionTitle: string }>(sections: readonly SectionEntry[], ctx: T): ctx is T & { parent: string } {
  if (ctx.parent === undefined) return false;
  if (/acceptance criteria/i.test(ctx.sectionTitle)) return true;
  for (let i = sections.length - 1; i >= 0 && sections[i]!.id === undefined; i--) {
    if (/acceptance criteria/i.test(sections[i]!.title)) return true;
  }
  return false;
}

/** Kiro: the title of an acceptance criterion's clause, its requirement's section title. */
export function kiroCriteriaTitle(sections: readonly SectionEntry[], parent: string): string {
  return [...sections].reverse().find((s) => s.id === parent)?.title ?? parent;
}

/**
 * Kiro: where the criteria `N.1. …` of requirement `parent` start in a paragraph's source (each at a line's start), or
 * undefined when the paragraph does not open with one [^ki2r].
 */
export function kiroNumberedStarts(source: string, parent: string): { at: number; id: string }[] | undefined {
  const starts: { at: number; id: string }[] = [];
  const line = /(?:^|\n)[ \t]*(\d+(?:\.\d+)+)\.?[ \t]/g;
  for (let m = line.exec(source); m; m = line.exec(source)) {
    if (m[1]!.startsWith(`${parent}.`)) starts.push({ at: m.index + (m[0].startsWith('\n') ? 1 : 0), id: m[1]! });
  }
  return starts.length === 0 || starts[0]!.at !== source.search(/\S/) ? undefined : starts;
}

/**
 * The statements of a Kiro bugfix.md paragraph: each line that opens with `N.M` (`1.1 WHEN …`, `2.1. WHEN …`), the
 * first one at the paragraph's start; undefined when the paragraph does not open with one.
 */
export function kiroStatementStarts(source: string): { at: number; id: string }[] | undefined {
  const starts: { at: number; id: string }[] = [];
  const line = /(?:^|\n)[ \t]*(\d{1,4}\.\d{1,4})\.?[ \t]/g;
  for (let m = line.exec(source); m; m = line.exec(source)) starts.push({ at: m.index + (m[0].startsWith('\n') ? 1 : 0), id: m[1]! });
  return starts.length === 0 || starts[0]!.at !== source.search(/\S/) ? undefined : starts;
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

/** JavaScript's `\s` outside ASCII: no-break space, the Zs spaces, line and paragraph separators, the BOM. */
function isWideSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whether collapse() would change the text: whitespace (`\s`) other than a single space between non-spaces. One read
 * of the characters: the regular expression it replaces (`/[^\S ]| {2}|^ | $/`, equal on every string: tested) cost
 * 7% of the scanner path's fact pass (it tries four alternatives at every offset).
 */
export function collapsible(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return true;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (space) return true;
      space = true;
    } else {
      if (c < 128 ? c >= 9 && c <= 13 : isWideSpace(c)) return true;
      space = false;
    }
  }
  return false;
}

export function collapse(s: string): string {
  // Most text has single spaces only: one test instead of a replace that copies it.
  if (!collapsible(s)) return s;
  return s.replace(/\s+/g, ' ').trim();
}

export function limit(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return `${s.slice(0, cut > max / 2 ? cut : max)}…`;
}

/**
 * The 0-based line of each `[label]:` line of `text` (up to three spaces of indent), by lowercased label, first line
 * kept: one pass over the text, however many undefined references ask.
 */
export function lookalikeDefinitionLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  if (!text.includes(']:')) return lines;
  let line = 0;
  let counted = 0;
  // The current block of consecutive `[label]:` lines (after a blank line or the start): its labels, and whether each of
  // its lines reads as a definition once Hugo's shortcodes are replaced, one of them holding a shortcode.
  let run: { labels: string[]; next: number; valid: boolean; shortcode: boolean } | undefined;
  // (Looked for once: tested at each `[label]:` line it read the whole text again for each definition of the file.)
  const shortcodes = text.includes('{{<');
  const close = (): void => {
    if (run?.valid && run.shortcode) for (const l of run.labels) if (lines.get(l)! >= 0) lines.set(l, SHORTCODE_DEFINITION - lines.get(l)!);
    run = undefined;
  };
  for (const m of text.matchAll(/^ {0,3}\[([^[\]\r\n]{1,999})\]:/gm)) {
    const from = counted;
    for (; counted < m.index; counted++) {
      const c = text.charCodeAt(counted);
      if (c === 10 || (c === 13 && text.charCodeAt(counted + 1) !== 10)) line++;
    }
    const label = m[1]!.toLowerCase();
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 1000);
    if (run && line !== run.next) close();
    if (!run && shortcodes && (line === 0 || blockStartsAfter(text, Math.max(from, m.index - 200), m.index))) run = { labels: [], next: line, valid: true, shortcode: false };
    if (run) {
      const eol = rest.search(/[\r\n]/);
      const own = eol < 0 ? rest : rest.slice(0, eol);
      const replaced = own.replace(HUGO_SHORTCODE_RE, 'HAHAHUGOSHORTCODE');
      run.shortcode ||= replaced !== own;
      run.valid &&= DEFINITION_REST_RE.test(replaced) && balancedParens(replaced);
      run.labels.push(label);
      run.next = line + 1;
    }
    if (lines.has(label)) continue;
    // `[X]: {% link docs/x.md %}`, `[Y]: {{ site.baseurl }}/y/`: a Liquid template (Jekyll) renders the page before
    // Markdown reads it, so the line is a definition there [^sw31j]: the label is defined (TEMPLATE_DEFINITION).
    lines.set(label, TEMPLATE_DEFINITION_RE.test(rest) ? TEMPLATE_DEFINITION : line);
  }
  close();
  return lines;
}

/**
 * Whether a block may start at `at` (a line start) after the line before it, read from `text.slice(from, at)` (`from`
 * is a line start or up to 200 characters back): a blank line, or an HTML comment that opens and closes on that line
 * (`<!-- markdownlint-disable-next-line MD034 -->`: CommonMark's HTML block of kind 2 interrupts a paragraph and ends
 * on the line holding `-->`, so the next line opens a block of its own).
 */
function blockStartsAfter(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  if (/(?:^|\n)[ \t]*\r?\n$/.test(before)) return true;
  const body = before.replace(/\r?\n$/, '');
  const nl = body.lastIndexOf('\n');
  // (the line must be whole: a line start is known)
  if (nl < 0 && from !== 0 && text.charCodeAt(from - 1) !== 10) return false;
  const prev = body.slice(nl + 1).replace(/\r$/, '');
  const open = /^ {0,3}<!--/.exec(prev);
  return open !== null && prev.indexOf('-->', open[0].length - 2) >= 0;
}

/** lookalikeDefinitionLines' value for a `[label]:` line whose destination is a template tag: a definition once rendered. */
export const TEMPLATE_DEFINITION = -1;
/**
 * lookalikeDefinitionLines' values from this down: `SHORTCODE_DEFINITION - line` for a line of a block of `[label]:`
 * lines that are all definitions once Hugo's shortcodes are replaced (SpecLink.shortcodeDefinition).
 */
const SHORTCODE_DEFINITION = -2;
/** A Hugo shortcode call closed on its line, `{{< param git_version_tag >}}` (the `{{% … %}}` form is not read). */
const HUGO_SHORTCODE_RE = /\{\{<(?:[^>\r\n]|>(?!\}\}))*>\}\}/g;
/** What follows `[label]:` on a one-line definition: a destination (`<…>` or without blanks), then maybe a title. */
const DEFINITION_REST_RE = /^[ \t]*(?:<[^<>\r\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"\r\n]*"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*$/;
/** Whether a destination's parentheses are balanced (CommonMark: a destination with an unbalanced one is none). */
function balancedParens(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 40) depth++;
    else if (c === 41 && --depth < 0) return false;
    else if (c === 32 || c === 9) break;
  }
  return depth === 0;
}
/** A destination that opens with a Liquid (Jekyll) or Jinja tag closed on the same line: `{% link x.md %}`, `{{ site.baseurl }}`. */
const TEMPLATE_DEFINITION_RE = /^[ \t]*(?:\{%-?[ \t]*[A-Za-z_][^\r\n%]*%\}|\{\{-?[ \t]*[A-Za-z_][^\r\n{}]*\}\})/;

/** A link destination that names a file: it ends with an extension (a section `x.md#part` or a `?query` names none). */
const LINKED_FILE = /\.[A-Za-z0-9]{1,8}$/;
/**
 * The file a footnote definition names [^example_files]: its text when that is one path-like word
 * (isExamplePathWord), or the destination of a link that is its whole text when that destination names a file, with an
 * extension (`[the example](../ex/c3.md)`). A link to a page, `[The widget crew](more/crew)` (an extensionless site
 * URL, `more/crew.md` served as `more/crew/`), is an ordinary note whose text is a link: the link checker reads it.
 */
function definitionTarget(def: MdNode): { value: string; node?: MdNode } | undefined {
  const blocks = def.children ?? [];
  if (blocks.length !== 1 || blocks[0]!.type !== 'paragraph') return undefined;
  const inline = (blocks[0]!.children ?? []).filter((c) => !(c.type === 'text' && !(c.value ?? '').trim()));
  if (inline.length !== 1) return undefined;
  const only = inline[0]!;
  if (only.type === 'link' && only.url && !/^[a-z][a-z0-9+.-]*:/i.test(only.url) && !only.url.startsWith('#') && LINKED_FILE.test(only.url)) {
    return { value: only.url, node: only };
  }
  if (only.type === 'text') {
    const value = (only.value ?? '').trim();
    if (isExamplePathWord(value)) {
      return { value, node: only };
    }
  }
  return undefined;
}

/**
 * The Markdown structure of a text: every node of its syntax tree but text (type, heading depth, footnote and
 * definition labels, link URLs, code, inline code and HTML values) with its start offset, in document order. Two texts
 * that differ only in prose have equal skeletons; an answer inserted as data must leave it unchanged [^cq8d].
 */
export function markdownSkeleton(text: string): { offset: number; node: string }[] {
  const out: { offset: number; node: string }[] = [];
  let tree: MdNode;
  try {
    tree = processor.parse(defuseMarkdown(text).text) as unknown as MdNode;
  } catch (err) {
    return [{ offset: 0, node: `unparsable: ${(err as Error).message}` }];
  }
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: MdNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'text') {
      const parts: string[] = [n.type];
      if (n.depth !== undefined) parts.push(String(n.depth));
      if (n.identifier !== undefined) parts.push(n.identifier);
      if (n.url !== undefined) parts.push(n.url);
      if (n.value !== undefined && n.type !== 'text') parts.push(n.value);
      out.push({ offset: (n.position?.start.offset ?? 0) + bom, node: parts.join(' ') });
    }
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}
