import type { Clause, Range } from '../types';
import { ID_PATTERN, ID_RE, LineIndex } from '../text/lineIndex';
import { looksLikeAttributeBlock } from './attributes';
import { findTestTargets, isExamplePathWord } from './testTargets';
import { featureOf, KIRO_MENTION, mentionOfOtherFeature } from './featureMentions';
import { defuseMarkdown, type Defused } from './defuse';
import { SPEC_KIT_DECLARATION, SPEC_KIT_LABELED, SPEC_KIT_SEPARATOR, isTemplateSlot, SPEC_KIT_MENTION as SPEC_KIT_MENTION_PATTERN } from './formats';
import {
  attributeHeadingClause,
  BLOCK_TEXT_LIMIT,
  collapse,
  emptySpecFacts,
  addFootnoteRef,
  addOneLineFootnoteRef,
  HEADING_TEXT_LIMIT,
  HTML_ANCHOR_RE,
  inKiroAcceptanceCriteria,
  kiroCriteriaTitle,
  kiroNumberedStarts,
  kiroRequirementClause,
  kramdownXrefs,
  KRAMDOWN_XREF_NODE_RE,
  OPEN_QUESTION_RE,
  openQuestionOf,
  openSection,
  limit,
  linkFact,
  lookalikeDefinitionLines,
  SPEC_KIT_ID_RE,
  spacedHeadingAnchor,
  type FootnoteDef,
  type ProseBlock,
  type SectionEntry,
  type SpecFacts,
  type SpecLink,
  type WalkMode,
  ialAnchors,
  undefinedReferences,
} from './parseSpec';
import { normalizeLabel, scanMarkdown, type ScanLink, type ScanRefLink, type ScanResult } from './scanner';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';

/**
 * SpecFacts of one spec chunk from the Markdown scanner (scanner.ts) instead of a micromark/mdast tree: the fast path
 * of parseSpec's chunk parse. It covers the Markdown most spec sections are written in — ATX headings (with attribute
 * blocks), paragraphs in the containers the scanner reports (nested bullet and ordered lists, block quotes, lazy
 * continuation lines, code, fences and HTML in items; a heading clause's text reads a top-level container as one block),
 * GFM tables with outer pipes, footnote definitions of one paragraph (over lines), link reference definitions in column 0
 * (any shape the scanner reads; a destination with an escape or a character reference is left to the tree walk),
 * fenced and indented code, HTML blocks, thematic breaks, a closed YAML or TOML front matter — whose inline content is
 * plain text, code spans, footnote references `[^id]`, inline links `[text](destination)` and reference links
 * `[text][label]` whose text is plain text, code spans and emphasis, brackets of plain text (beside link definitions
 * too: the scanner's reference links are the tree's, but one followed by `[`; `][` after one when the bracket after it
 * makes no reference, noReferenceAt, with the tree walk's undefined `[text][label]` per text node), emphasis and strong as micromark's
 * delimiter algorithm pairs `*`/`_` runs (flanking, the rule of three, nesting; runs that pair with nothing are text;
 * a pair of unequal runs or of runs of three is left to the tree walk: pairRuns), images `![alt](destination)` (opaque, as the tree walk's
 * image nodes: no text, no facts), URI autolinks `<scheme:…>` (their address is text), a `<` that can open no HTML and
 * no autolink, backtick runs no run closes (text), braces in paragraphs and table cells (`{:` too: its attribute
 * list's anchors per text node, addIals), GFM strikethrough
 * `~x~`/`~~x~~` as micromark-extension-gfm-strikethrough pairs tilde runs (pairTildes; runs that pair with nothing are
 * text: `~5 ms`), open questions `[NEEDS CLARIFICATION: …]` that lie in one text node (addQuestions), character
 * references (`&rarr;`, `&#42;`: their decoded value), backslash escapes (an escaped `\[^id]` is text), a backslash
 * before no punctuation (literal) and one-line inline HTML (comments and simple tags, whose `id`/`name`
 * declare anchors); in spec-kit mode, requirement items `**FR-001**` and the ids mentioned in a feature folder's text;
 * in a Kiro feature folder, the `Requirement 1.2` mentions of its text; in Kiro's requirements.md, the `Requirement N`
 * headings and the acceptance criteria (ordered lists and `N.1.` paragraphs) they declare, with the tree walk's own
 * functions (kiroRequirementClause, inKiroAcceptanceCriteria, kiroCriteriaTitle, kiroNumberedStarts).
 * GFM task list items `- [ ] text` whose text starts with plain text, a code span or emphasis after one space (the box
 * is no text, as in mdast). Escaped pipes and braces (a table row's cells end at unescaped pipes), body rows of any
 * width, character references and anchor-free inline HTML in link text. Images in link text (badges
 * `[![build](badge.svg)](https://ci.example)`, opaque), setext headings whose text value is their source (no blank or
 * backslash at a line break, no link definition before them, no code span over a line break), tabs (text, trimmed at a
 * cell's ends, a line prefix's blank as a space).
 * For any other chunk (other task list items, items whose marker line is empty, headings, tables and nested blocks in
 * containers, emphasis of unequal runs or runs of three, `](` after a bracket of plain text, `][` before a defined
 * label, `[]` in a chunk with definitions or `[^`, `{:` beside inline HTML, strikethrough crossing emphasis, an open question other inline
 * nodes split, backslash hard breaks, image references, link titles, character references in emphasis, a tab among a
 * block's last blanks, an unclosed front matter, other setext headings, a Kiro requirements.md defuse.ts changed and the
 * kramdown-rfc mode, text defuse.ts
 * would change) it returns undefined and the caller parses the
 * chunk with remark, so the facts are always exactly those of the tree walk (tested: test/unit/specFacts.test.ts compares both on
 * the Model Spec, this repository's Markdown, the CommonMark examples with injections, container shapes and generated specs).
 * Pure, linear, never throws (the caller catches anyway). [^markdown_parsing] [^mp7q]
 */

export interface ScannedChunk {
  facts: SpecFacts;
  anchorEvents: (string | number)[];
  sectionsOut: readonly SectionEntry[];
  /** The chunk has a link reference definition. */
  definesLinks?: true;
  /** It has none and writes `[text][label]` a text with no definition reads as bracketed text (reparseForDefinitions). */
  dropsReferences?: true;
}

/** A footnote reference that ends a text (its `]` cut off). */
const UNCLOSED_REF = new RegExp(`\\[\\^${ID_PATTERN}$`);
/** A hard line break (two spaces or a backslash before a line break): the tree splits the text node there. */
const HARD_BREAK = /(?: {2}|\\)(?:\r?\n|\r)/;

/** An odd number of backslashes before `at` escapes the character there. */
function isEscaped(s: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && s.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

/** A footnote reference `[^id]` at lastIndex (tested, not executed: no match array). */
const REF_AT = new RegExp(`\\[\\^${ID_PATTERN}\\]`, 'y');

/**
 * Each footnote reference `[^id]` of `raw` in order, as the global matches of `\[\^(ID)\]` are (the leftmost match
 * from where the last one ended): each `[^` tried with the sticky test, with no match array a reference (a
 * 200,000-reference paragraph made two of them, 67 MB of garbage, measured) [^big_documents]. `found(start, end)` is
 * called for each.
 */
export function eachRef(raw: string, found: (start: number, end: number) => void): void {
  for (let i = raw.indexOf('[^'); i >= 0; ) {
    REF_AT.lastIndex = i;
    if (REF_AT.test(raw)) {
      const end = REF_AT.lastIndex;
      found(i, end);
      i = raw.indexOf('[^', end);
    } else i = raw.indexOf('[^', i + 1);
  }
}

/** The footnote references of [from, to) of the original text, escaped ones skipped (SpecWalker.textRefs, cutRefs). */
function refsOf(original: string, from: number, to: number): [number, number, string][] {
  const raw = original.slice(from, to);
  const out: [number, number, string][] = [];
  eachRef(raw, (start, end) => {
    if (!isEscaped(raw, start)) out.push([from + start, from + end, raw.slice(start + 2, end - 1)]);
  });
  return out;
}

/** Every `[^id]` of a text node's raw text at `from`, escaped or not: not prose (SpecWalker.proseBlock). */
function allRefs(raw: string, from: number): [number, number][] {
  const out: [number, number][] = [];
  eachRef(raw, (start, end) => out.push([from + start, from + end]));
  return out;
}

/** A footnote reference `[^id]` at lastIndex. */
const REF_STICKY = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'y');
const DEF_ID = new RegExp(`^${ID_PATTERN}$`);
/** A spec-kit requirement id mentioned in text, as parseSpec's SPEC_KIT_MENTION_RE reads it; ANY: one may be there. */
const SPEC_KIT_MENTION = new RegExp(SPEC_KIT_MENTION_PATTERN, 'g');
const SPEC_KIT_ANY = /(?:FR|SC|NFR)-\d/;
/** Kiro's requirement mentions (`_Requirements: 1.1, 2.3_`), as parseSpec's KIRO_MENTION_RE reads them in a text node. */
const KIRO_MENTION_RE = new RegExp(KIRO_MENTION, 'g');
/** A number of a Kiro mention's list. */
const KIRO_NUMBER = /\d+(?:\.\d+)?/g;
const ATTRIBUTE_INNER = /^[A-Za-z0-9_=:.\- "'#]*$/;
const RE_NON_BLANK = /[^ \t\r\n]/;

const SPACES = ' '.repeat(256);

/** [from, to) of the text as spaces, its line breaks kept. */
function blank(text: string, from: number, to: number): string {
  let out = '';
  for (let at = from; at < to; ) {
    let e = at;
    while (e < to && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    for (let n = e - at; n > 0; n -= SPACES.length) out += n >= SPACES.length ? SPACES : SPACES.slice(0, n);
    if (e < to) out += text[e];
    at = e + 1;
  }
  return out;
}

/** Is `at` the start of a line? */
function lineStart(text: string, at: number): boolean {
  const c = at > 0 ? text.charCodeAt(at - 1) : 10;
  return c === 10 || c === 13;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A link: [start, end, text start, text end, destination or label, its text's plain text, the text's non-prose ranges]. */
type LinkInline = [number, number, number, number, string, string, [number, number][]];

/**
 * A link's text as the fast path reads it: plain text, code spans, emphasis, escapes, character references (text of
 * their decoded value, as in a paragraph) and inline HTML that declares no anchor (`[Use <code>x</code>](#use-x)`, a
 * generated table of contents: opaque, no text; an anchor's place among the block's others is left to the tree walk)
 * and images the scanner found (`[![build](badge.svg)](https://ci.example)`, a badge: opaque, as the tree walk's image
 * node, whose alt may hold brackets) (no other brackets, no other inline): its plain text and non-prose ranges (code
 * spans, emphasis delimiter runs, HTML, images), or undefined.
 */
function linkText(text: string, from: number, to: number, braces: boolean, linkAt: ReadonlyMap<number, ScanLink | ScanRefLink> | undefined): [string, [number, number][]] | undefined {
  const inner = inlines(text, from, to, braces, linkAt);
  if (!inner || inner.refs.length + inner.links.length + inner.refLinks.length + inner.escapedRefs.length + inner.autolinks.length > 0) return undefined;
  // (an image reference in a link's text uses its label: left to the tree walk)
  if (inner.images.some((m) => m.length > 2)) return undefined;
  // (a `[` only in an image the scanner found: `[![badge](badge.svg)](https://ci.example)`)
  for (let b = text.indexOf('[', from), k = 0; b >= 0 && b < to; b = text.indexOf('[', b + 1)) {
    while (k < inner.images.length && inner.images[k]![1] <= b) k++;
    if (k === inner.images.length || inner.images[k]![0] > b) return undefined;
    b = inner.images[k]![1] - 1;
  }
  const masks: [number, number][] = [];
  for (const [s, e] of inner.images) masks.push([s, e]);
  for (const [s, e] of inner.codes) masks.push([s, e]);
  for (const [os, oe, cs, ce] of inner.emph) masks.push([os, oe], [cs, ce]);
  for (const [os, oe, cs, ce] of inner.strike) masks.push([os, oe], [cs, ce]);
  for (const [s, e] of inner.html) {
    HTML_ANCHOR_RE.lastIndex = 0;
    if (HTML_ANCHOR_RE.test(text.slice(s, e))) return undefined;
    masks.push([s, e]);
  }
  return [plainOf(text, from, to, inner), masks];
}

/** Inline content's parts (read-only: an empty list is one shared array, NONE). */
interface Inline {
  /** Footnote references: [start, end, id]. */
  readonly refs: readonly [number, number, string][];
  /** Code spans: [start, end, value]. */
  readonly codes: readonly [number, number, string][];
  /** Inline links `[text](destination)`: [start, end, text start, text end, destination, plain text, masks of the text]. */
  readonly links: readonly LinkInline[];
  /** Reference links `[text][label]`, `[text][]`, `[label]`: as links, with mdast's identifier for the destination. */
  readonly refLinks: readonly LinkInline[];
  /** Emphasis and strong: [opening run start, opening run end, closing run start, closing run end]. */
  readonly emph: readonly [number, number, number, number][];
  /** GFM strikethrough `~x~`, `~~x~~` (mdast's delete): [opening run start, end, closing run start, end]. */
  readonly strike: readonly [number, number, number, number][];
  /** Backslash escapes: the offset of each backslash (the escaped character is text). */
  readonly escapes: readonly number[];
  /** Escaped footnote references `\[^id]`: [start, end] of `[^id]` (text, not a reference, yet not prose). */
  readonly escapedRefs: readonly [number, number][];
  /** Inline HTML (comments and simple tags on one line): [start, end]. */
  readonly html: readonly [number, number][];
  /**
   * Images `![alt](destination)` and image references `![alt][label]` the scanner found: [start, end] and a reference's
   * label, lowercased as mdast's identifier (opaque to the tree walk: no text, no facts; a reference uses its label).
   */
  readonly images: readonly (readonly [number, number, string?])[];
  /** URI autolinks `<scheme:…>`: [start, end] of the whole (the brackets are no text, the URI is). */
  readonly autolinks: readonly [number, number][];
  /** Character references `&amp;`, `&#42;`, `&#x2A;`: [start, end, the decoded character(s)] (text of that value). */
  readonly entities: readonly [number, number, string][];
}

/**
 * The empty list of every part of inline content that has none: most blocks have no markup, and eight new arrays per
 * block, paragraph and table cell were the fact pass's largest allocation (16 MB of a cold run over the 10k workspace's
 * Markdown, sampled).
 */
const NONE: readonly never[] = Object.freeze([]);

/** The parts of inline content that are not its plain text, in document order. */
function hasMarkup(inl: Inline): boolean {
  return inl.refs.length + inl.codes.length + inl.links.length + inl.refLinks.length + inl.emph.length + inl.strike.length + inl.escapes.length + inl.escapedRefs.length + inl.html.length + inl.images.length + inl.autolinks.length + inl.entities.length > 0;
}

/** ASCII punctuation: what a backslash escapes. */
function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/**
 * Inline HTML of one line as micromark reads it: a comment (text without `--` that does not start with `>` or `->` nor
 * end with `-`, which every CommonMark version reads alike), a closing tag, or an opening tag whose attributes are
 * separated by spaces with values quoted or unquoted.
 */
const INLINE_HTML = /<!--(?!>|->)(?:[^\-\r\n]|-(?!-))*(?<!-)-->|<\/[A-Za-z][A-Za-z0-9-]* *>|<[A-Za-z][A-Za-z0-9-]*(?: +[A-Za-z_:][A-Za-z0-9_.:-]*(?: *= *(?:[^\s"'=<>`]+|'[^'\r\n]*'|"[^"\r\n]*"))?)* *\/?>/y;

/** Unicode whitespace as CommonMark classifies it for flanking (ASCII whitespace and Zs). */
function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** A link destination that is its own URL: no spaces, brackets, quotes, escapes or references. */
const SIMPLE_DEST = /^[^\s<>()\\&"'{}[\]`*]+$/;
/**
 * A destination with a URI scheme, not in `<…>`: external, so no link fact whatever the rest is (linkFact; escapes and
 * character references the tree decodes never touch the scheme): parentheses, `&` and escapes in it do not matter.
 */
const EXTERNAL_DEST = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*$/;
/** The start of an email autolink `<local@`: a `<` not followed by it opens none. */
const EMAIL_START = /<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@/y;
/**
 * A URI autolink `<scheme:…>` (CommonMark: a scheme of 2-32 characters, then no space, control character, `<` or `>`),
 * here without `[`, `]`, `{`, `}`, `&` and backslashes in it: its URI is one text node of the tree, which then holds no
 * reference or marker (SpecWalker.textRefs, textMarkers) and no character reference.
 */
// eslint-disable-next-line no-control-regex -- CommonMark: an autolink holds no ASCII control character or space
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>[\]{}&\\]*>/y;
/** A tag name after `<` or `</`, and the character after it (none: the name reaches the end of the text). */
const TAG_NAME = /<\/?[A-Za-z][A-Za-z0-9-]*(.?)/y;
/** The scheme of a URI autolink, `<` and its `:` (micromark reads the scheme first, then any character but `<>` and blanks). */
const AUTOLINK_SCHEME = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:/y;

/**
 * Whether the `<` at `i` (a letter or `/` and a letter after it) opens no inline HTML and no autolink: its tag name is
 * followed, within [i, to), by a character that can go on no open tag (blank, `/`, `>`) or closing tag (blank, `>`),
 * and no scheme nor email address follows the `<` (micromark's html-text and autolink then fail at that character).
 */
function tagOpensNothing(text: string, i: number, to: number): boolean {
  TAG_NAME.lastIndex = i;
  const m = TAG_NAME.exec(text);
  if (!m || TAG_NAME.lastIndex > to || m[1] === '') return false;
  const next = m[1]!;
  if (next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === '>' || (next === '/' && text.charCodeAt(i + 1) !== 47)) return false;
  AUTOLINK_SCHEME.lastIndex = i;
  if (AUTOLINK_SCHEME.test(text)) return false;
  EMAIL_START.lastIndex = i;
  return !EMAIL_START.test(text);
}

/** A character reference as micromark reads one: hexadecimal, decimal or named (the name then looked up). */
const CHARACTER_REFERENCE = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z0-9]{1,31}));/y;

/** The characters inlines() acts on; every other character is plain text to it. */
const INLINE_SPECIAL = /[`*_\\<~\]{}\t&![]/g;
/** The offsets of INLINE_SPECIAL characters in the last text asked for (a chunk's inlines all read one text). */
let specialsText: string | undefined;
let specials: number[] = [];

/** The offsets of the characters inlines() acts on in `text`: one search of the text, kept for the next call. */
function specialsOf(text: string): number[] {
  if (specialsText === text) return specials;
  const at: number[] = [];
  INLINE_SPECIAL.lastIndex = 0;
  for (let m = INLINE_SPECIAL.exec(text); m; m = INLINE_SPECIAL.exec(text)) at.push(m.index);
  specialsText = text;
  specials = at;
  return at;
}

/** The index of the first offset >= `from` in a sorted list (its length when none). */
function firstAtOrAfter(list: readonly number[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A `*` or `_` delimiter run: its start, length, delimiter, whether it can open and close, and whether it touches the range's ends. */
interface Run {
  start: number;
  n: number;
  c: number;
  open: boolean;
  close: boolean;
  /**
   * At a table cell's first or last character, where micromark reads the cell's text alone (no character before or after
   * it): whether the run could also close (first) or open (last) is not read from the source.
   */
  edge: boolean;
}

/**
 * micromark's classifyCharacter: 1 for whitespace (also the start and end of the text), 2 for Unicode punctuation or
 * symbols (`\p{P}|\p{S}`, one UTF-16 unit as micromark reads it), 0 for anything else.
 */
function classify(c: number): number {
  if (Number.isNaN(c) || c === 32 || (c >= 9 && c <= 13)) return 1;
  if (c < 128) return isAsciiPunctuation(c) ? 2 : 0;
  const ch = String.fromCharCode(c);
  return /\s/.test(ch) ? 1 : /\p{P}|\p{S}/u.test(ch) ? 2 : 0;
}

/**
 * The run of `n` delimiters `c` at `at`, with micromark's open and close (attention.js: `*` opens when left-flanking,
 * closes when right-flanking; `_` also needs whitespace or punctuation before it to open when it could close, after it
 * to close when it could open), or undefined when a `~` touches it (GFM's strikethrough makes `~` an attention marker,
 * which changes the flanking: left to the tree walk). The character before the run is the source's, except at a line's
 * start (a block quote's `>` prefix is no text: a line ending to micromark) and at a block's start (`block`: a
 * paragraph's, cell's or heading's text, not a link's, whose `[` micromark sees: whitespace); one after it is the source's (at a block's end a line ending or the heading's attribute block, what
 * micromark sees too, except in a table cell: see Run.edge).
 */
function delimiterRun(text: string, from: number, to: number, at: number, n: number, c: number, block: boolean, cell: boolean): Run | undefined {
  const prev = charBefore(text, from, at, block);
  const next = text.charCodeAt(at + n);
  if (prev === 126 || next === 126) return undefined;
  const before = classify(prev);
  const after = classify(next);
  const open = after === 0 || (after === 2 && before !== 0);
  const close = before === 0 || (before === 2 && after !== 0);
  return {
    start: at,
    n,
    c,
    open: c === 42 ? open : open && (before !== 0 || !close),
    close: c === 42 ? close : close && (after !== 0 || !open),
    edge: cell && (at === from || at + n === to),
  };
}

/**
 * The character micromark's tokenizer saw before `at` (its `previous`, for flanking): the source's, except at a
 * line's start (a block quote's `>` prefix and a line's indent are no text: a line ending to micromark) and at a
 * block's start (`block`: a paragraph's, cell's or heading's text, not a link's, whose `[` micromark sees): NaN,
 * whitespace to classify().
 */
function charBefore(text: string, from: number, at: number, block: boolean): number {
  let prev = at > 0 ? text.charCodeAt(at - 1) : NaN;
  if (at === from && block) prev = NaN;
  else if (prev === 62 || prev === 32 || prev === 9) {
    // (blanks and `>` back to a line break in the range: a container prefix)
    let p = at - 1;
    while (p >= from && (text.charCodeAt(p) === 62 || text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    if (p >= from && (text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13)) prev = NaN;
  }
  return prev;
}

/** A run of one or two tildes: its start, length and whether it can open and close a strikethrough. */
interface TildeRun {
  start: number;
  n: number;
  open: boolean;
  close: boolean;
}

/**
 * GFM strikethrough as micromark-extension-gfm-strikethrough's resolveAllStrikethrough pairs tilde runs (parseSpec
 * configures it with its default, single tildes too): each run that can close, in order, takes the nearest run before
 * it of the same length that can open (passing over runs of the other length) and the runs between them become text;
 * runs nothing pairs are text. The pairs: [opening start, end, closing start, end], by opening start.
 */
function pairTildes(runs: readonly TildeRun[]): [number, number, number, number][] {
  // The open runs of each length, in order (one stack per length: the nearest of a closer's length is its top, and
  // the runs above it in the other stack, those after it, become text with it; linear).
  const ones: TildeRun[] = [];
  const twos: TildeRun[] = [];
  const out: [number, number, number, number][] = [];
  for (const run of runs) {
    const same = run.n === 1 ? ones : twos;
    if (run.close && same.length) {
      const o = same.pop()!;
      const other = run.n === 1 ? twos : ones;
      while (other.length && other[other.length - 1]!.start > o.start) other.pop();
      out.push([o.start, o.start + o.n, run.start, run.start + run.n]);
      continue;
    }
    if (run.open) same.push(run);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Whether two lists of pairs (emphasis, strikethrough) nest: every pair of one lies wholly inside another's content
 * or wholly outside it. micromark resolves the two kinds one after the other, each inside the other's pairs first,
 * so only nested or disjoint pairs are the pairs each kind makes alone; crossing ones are left to the tree walk.
 */
function pairsNest(a: readonly [number, number, number, number][], b: readonly [number, number, number, number][]): boolean {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const open: [number, number, number, number][] = [];
  for (const p of all) {
    while (open.length && open[open.length - 1]![3] <= p[0]) open.pop();
    const outer = open[open.length - 1];
    if (outer && !(p[0] >= outer[1] && p[3] <= outer[2])) return false;
    open.push(p);
  }
  return true;
}

/** How far back a closing run looks for its opener (micromark looks back without bound: quadratic on hostile text). */
const OPENER_LOOKBACK = 64;

/**
 * Emphasis and strong from delimiter runs as micromark's resolveAllAttention pairs them: each run that can close, in
 * order, takes the nearest run before it that can open with the same delimiter (passing over one whose pairing the
 * rule of three forbids), and the runs between them become text. Runs nothing pairs are text. A pair of runs of unequal
 * length, or of three or more, leaves delimiters over (nested emphasis of one run): undefined, as is a rule-of-three
 * question about a run at a table cell's edge (whether it could also open or close is not read from the source there) and
 * a look-back longer than OPENER_LOOKBACK. The pairs: [opening start, end, closing start, end], by opening start.
 */
function pairRuns(runs: readonly Run[]): [number, number, number, number][] | undefined {
  const stack: Run[] = [];
  const out: [number, number, number, number][] = [];
  for (const run of runs) {
    if (run.close) {
      let found = -1;
      for (let s = stack.length - 1; s >= 0; s--) {
        if (stack.length - s > OPENER_LOOKBACK) return undefined;
        const o = stack[s]!;
        if (o.c !== run.c) continue;
        if (run.n % 3 && !((o.n + run.n) % 3)) {
          if (o.edge || run.edge) return undefined;
          if (o.close || run.open) continue;
        }
        found = s;
        break;
      }
      if (found >= 0) {
        const o = stack[found]!;
        if (o.n !== run.n || run.n > 2) return undefined;
        out.push([o.start, o.start + o.n, run.start, run.start + run.n]);
        stack.length = found;
        continue;
      }
    }
    if (run.open) stack.push(run);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Footnote references `[^id]` and code spans in [from, to), or undefined when the range holds inline Markdown other
 * than plain text, references and code spans on one line.
 */
function inlines(text: string, from: number, to: number, braces = false, linkAt?: ReadonlyMap<number, ScanLink | ScanRefLink>, brackets = false, cell = false, defined?: ReadonlySet<string>): Inline | undefined {
  // (each list made on its first item: see NONE)
  let refs: [number, number, string][] | undefined;
  let codes: [number, number, string][] | undefined;
  let links: LinkInline[] | undefined;
  let refLinks: LinkInline[] | undefined;
  let emph: [number, number, number, number][] | undefined;
  let escapes: number[] | undefined;
  let escapedRefs: [number, number][] | undefined;
  let html: [number, number][] | undefined;
  let images: [number, number, string?][] | undefined;
  let autolinks: [number, number][] | undefined;
  let entities: [number, number, string][] | undefined;
  // The `*`/`_` delimiter runs, in order (paired after the loop, as micromark's attention resolver pairs them).
  let runs: Run[] | undefined;
  // The runs of one or two tildes, in order (paired after the loop: pairTildes).
  let tildes: TildeRun[] | undefined;
  let strike: [number, number, number, number][] | undefined;
  // Only the characters the switch acts on are visited (found by one search per text, not read one by one here).
  const at = specialsOf(text);
  let k = firstAtOrAfter(at, from);
  for (let i = from; i < to; i++) {
    while (k < at.length && at[k]! < i) k++;
    if (k === at.length || at[k]! >= to) break;
    i = at[k]!;
    const c = text.charCodeAt(i);
    switch (c) {
      case 96: {
        // A code span: the next backtick run of the same length in the block closes it (its line breaks are spaces).
        let n = 1;
        while (i + n < to && text.charCodeAt(i + n) === 96) n++;
        let j = i + n;
        let close = -1;
        while (j < to) {
          const d = text.charCodeAt(j);
          if (d === 96) {
            let m = 1;
            while (j + m < to && text.charCodeAt(j + m) === 96) m++;
            if (m === n) {
              close = j;
              break;
            }
            j += m;
          } else j++;
        }
        if (close < 0) {
          // A run no run of its length closes is literal text (the runs after it may still open code spans).
          i += n - 1;
          break;
        }
        let value = text.slice(i + n, close);
        if (!braces && /[{}]/.test(value)) return undefined;
        if (value.includes('\n') || value.includes('\r')) value = value.replace(/\r\n|\r|\n/g, ' ');
        if (value.length >= 2 && value.startsWith(' ') && value.endsWith(' ') && /[^ ]/.test(value)) value = value.slice(1, -1);
        (codes ??= []).push([i, close + n, value]);
        i = close + n - 1;
        break;
      }
      case 42: // *
      case 95: {
        // A delimiter run: whether it can open and close is micromark's (attention.js: flanking by the characters
        // around the run, Unicode whitespace and punctuation); the runs are paired after the loop.
        let n = 1;
        while (i + n < to && text.charCodeAt(i + n) === c) n++;
        const run = delimiterRun(text, from, to, i, n, c, brackets, cell);
        if (!run) return undefined;
        (runs ??= []).push(run);
        i += n - 1;
        break;
      }
      case 92: {
        // \ before ASCII punctuation: the character is text. An escaped pipe is text in a paragraph, and in a table
        // cell (rowCells does not split the row there; a code span's `\|` is mdast's `|`, see table()). An escaped
        // brace where a brace would be (paragraphs and cells), but not `\{:`, which the tree walk reads as a kramdown
        // block attribute list from the source (SpecWalker.textMarkers).
        // A backslash before anything else but a line ending (a hard break: left to the tree walk), or at the range's
        // end, is a literal backslash, text of its text node (`$\ge$`, `"a\n"`, `C:\path`): no escape.
        const n = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        if (n === 10 || n === 13) return undefined;
        if (!isAsciiPunctuation(n)) break;
        if ((n === 123 || n === 125) && (!braces || (n === 123 && text.charCodeAt(i + 2) === 58))) return undefined;
        (escapes ??= []).push(i);
        if (n === 91) {
          // `\[^id]` is text; the tree walk still blanks the `[^id]` out of the prose (its text node matches REF_RE).
          REF_STICKY.lastIndex = i + 1;
          const m = REF_STICKY.exec(text);
          if (m && REF_STICKY.lastIndex <= Math.min(to, i + 261)) {
            if (/[*_]/.test(m[0])) return undefined;
            (escapedRefs ??= []).push([i + 1, i + 1 + m[0].length]);
            i += m[0].length;
            break;
          }
        }
        i++;
        break;
      }
      case 60: {
        AUTOLINK.lastIndex = i;
        if (AUTOLINK.test(text) && AUTOLINK.lastIndex <= to) {
          (autolinks ??= []).push([i, AUTOLINK.lastIndex]);
          i = AUTOLINK.lastIndex - 1;
          break;
        }
        // A `<` that can open no HTML (a letter, `!`, `/` or `?` after it) and no email autolink (atext up to an `@`)
        // is text, as `a <= b`.
        const n = text.charCodeAt(i + 1);
        if (!isLetter(n) && n !== 33 && n !== 47 && n !== 63) {
          EMAIL_START.lastIndex = i;
          if (!EMAIL_START.test(text)) break;
        }
        INLINE_HTML.lastIndex = i;
        if (!INLINE_HTML.test(text)) {
          // A tag name ended by a character no tag goes on with (`<success_criteria>`: an underscore), where no URI or
          // email autolink starts either, opens nothing: the `<` is text, as micromark reads it.
          if (tagOpensNothing(text, i, to)) break;
          return undefined;
        }
        if (INLINE_HTML.lastIndex > to || /[{}]/.test(text.slice(i, INLINE_HTML.lastIndex))) return undefined;
        (html ??= []).push([i, INLINE_HTML.lastIndex]);
        i = INLINE_HTML.lastIndex - 1;
        break;
      }
      case 93: {
        // ] of plain text (see `[` below); `](` is left to the tree walk (a link the scanner did not take), and so is
        // `][` unless the bracket after it makes no reference (noReferenceAt): then it is text, as micromark reads it,
        // and the tree walk's undefined references are read from the text nodes (ChunkReader.undefinedRefs).
        const n = text.charCodeAt(i + 1);
        if (!brackets || n === 40 || (n === 91 && !noReferenceAt(text, i + 1, to, defined))) return undefined;
        break;
      }
      case 123: // {
      case 125: // }
        // In a paragraph or a table cell a brace is text, `{:` too, whose kramdown block attribute list the tree walk
        // reads from the source (SpecWalker.textMarkers; ChunkReader.addIals); in a heading (an attribute block) or
        // elsewhere the tree walk decides.
        if (!braces) return undefined;
        break;
      case 126: {
        // ~: GFM strikethrough (micromark-extension-gfm-strikethrough, single tildes too) makes a run of one or two
        // tildes a sequence that opens or closes as a `*` run would (flanking by micromark's character classes; the
        // character before is the source's, a `~` escaped before it is punctuation); a run of three or more is text.
        // Paired after the loop (pairTildes), in this range alone: in a link's text, micromark resolves the runs of
        // the text when the link closes, and the runs of the block skip the link as this loop does. `~` beside a `*`
        // or `_` run is left to the tree walk by delimiterRun (GFM makes `~` an attention marker there).
        let n = 1;
        while (i + n < to && text.charCodeAt(i + n) === 126) n++;
        if (n <= 2) {
          const before = classify(charBefore(text, from, i, brackets));
          const after = classify(text.charCodeAt(i + n));
          (tildes ??= []).push({ start: i, n, open: after === 0 || (after === 2 && before !== 0), close: before === 0 || (before === 2 && after !== 0) });
        }
        i += n - 1;
        break;
      }
      case 9: {
        // A tab is text, as a space is, but not among the blanks that end the range: the block's range (the scanner's,
        // micromark's) holds them while its last text node does not, so the tree walk's prose masks them (a space
        // there is outside the block).
        // (the run of blanks read once: past it, not tab by tab, which was quadratic in a run of tabs)
        let j = i + 1;
        while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
        if (j >= to) return undefined;
        i = j - 1;
        break;
      }
      case 38: {
        // & of a character reference (micromark's: a name of its table, up to 31 alphanumerics, or a decimal number of
        // up to 7 digits, a hexadecimal one of up to 6, then `;`): text of its decoded value at the raw reference's
        // place (mdast's text value; the prose keeps the raw text). Any other `&` is text, also in a link's text. In
        // emphasis (a spec-kit id read from it) or in a definition's text (hasMarkup) left to the tree walk.
        CHARACTER_REFERENCE.lastIndex = i;
        const m = CHARACTER_REFERENCE.exec(text);
        if (!m || CHARACTER_REFERENCE.lastIndex > to) break;
        const value = m[1] !== undefined ? decodeNumericCharacterReference(m[1], 16) : m[2] !== undefined ? decodeNumericCharacterReference(m[2], 10) : decodeNamedCharacterReference(m[3]!);
        if (value === false) break;
        (entities ??= []).push([i, CHARACTER_REFERENCE.lastIndex, value]);
        i = CHARACTER_REFERENCE.lastIndex - 1;
        break;
      }
      case 33: {
        // ! of an image: one the scanner found (keyed by its `!`), inline or a reference whose label a definition
        // declares (`![alt][label]`: the label is used), is opaque as the tree walk's image node is (no text, no
        // references, no link fact: its description is alt text). A `![` that makes no image is text: micromark turns
        // the image's label start into data, and the `[` after the `!` is read as any other `[` below (an Obsidian
        // embed `![[page]]`, an image reference with no definition).
        if (text.charCodeAt(i + 1) !== 91) break;
        const image = linkAt?.get(i);
        if (!image) break;
        if (!('image' in image) || !image.image || image.end > to) return undefined;
        (images ??= []).push('label' in image ? [i, image.end, image.label.toLowerCase()] : [i, image.end]);
        i = image.end - 1;
        break;
      }
      case 91: {
        const link = linkAt?.get(i);
        if (link && 'label' in link) {
          // `[text][label]` whose label a definition declares: plain text (no link fact; the definition is used).
          const { textStart: ts, textEnd: te } = link;
          // (followed by `[`: micromark makes no link of `[g][` or `[g][undefined]`, where the scanner reports one)
          if (link.end > to || text.charCodeAt(link.end) === 91) return undefined;
          const inner = linkText(text, ts, te, braces, linkAt);
          if (!inner) return undefined;
          (refLinks ??= []).push([i, link.end, ts, te, link.label.toLowerCase(), inner[0], inner[1]]);
          i = link.end - 1;
          break;
        }
        if (link) {
          // `[text](destination)`: plain text, the destination alone up to `)`.
          const dest = text.slice(link.destStart, link.destEnd);
          const close = text.lastIndexOf('](', link.destStart);
          if (link.end > to || text.charCodeAt(link.end - 1) !== 41 || link.destEnd + 1 !== link.end || close !== link.destStart - 2 || !(SIMPLE_DEST.test(dest) || EXTERNAL_DEST.test(dest))) return undefined;
          const inner = linkText(text, i + 1, close, braces, linkAt);
          if (!inner) return undefined;
          (links ??= []).push([i, link.end, i + 1, close, dest, inner[0], inner[1]]);
          i = link.end - 1;
          break;
        }
        REF_STICKY.lastIndex = i;
        const m = REF_STICKY.exec(text);
        if (!m || REF_STICKY.lastIndex > Math.min(to, i + 260)) {
          // A `[` that opens no link and no footnote reference is text: the scanner's reference links are the tree's
          // (a definition and every bracket that may use it are in one chunk, specChunks; one followed by `[` is left to the tree walk above). Not in a link's
          // text (`brackets` false there). `[^…` is left to the tree walk. `[NEEDS CLARIFICATION` (an open question) is
          // text here: its block reads the questions (ChunkReader.addQuestions).
          if (!brackets || text.charCodeAt(i + 1) === 94) return undefined;
          break;
        }
        const end = i + m[0].length;
        const after = end < to ? text.charCodeAt(end) : -1;
        if (after === 40 || after === 91 || after === 58) return undefined;
        (refs ??= []).push([i, end, m[1]!]);
        i = end - 1;
        break;
      }
    }
  }
  if (runs) {
    emph = pairRuns(runs);
    if (!emph) return undefined;
    // (a character reference in emphasis: left to the tree walk, see `&` above)
    if (entities && emph.length && entities.some((e) => emph!.some((m) => m[1] <= e[0] && e[1] <= m[2]))) return undefined;
  }
  if (tildes) {
    strike = pairTildes(tildes);
    if (!strike.length) strike = undefined;
    else if (emph && emph.length && !pairsNest(emph, strike)) return undefined;
  }
  return { refs: refs ?? NONE, codes: codes ?? NONE, links: links ?? NONE, refLinks: refLinks ?? NONE, emph: emph ?? NONE, strike: strike ?? NONE, escapes: escapes ?? NONE, escapedRefs: escapedRefs ?? NONE, html: html ?? NONE, images: images ?? NONE, autolinks: autolinks ?? NONE, entities: entities ?? NONE };
}

/**
 * Whether the `[` at `open`, after a `]` of plain text (one no link the scanner found closes), makes micromark no
 * reference link (CommonMark 0.31's label end: after `]`, `[label]` is a full reference when a definition declares
 * its label, `[]` a collapsed one when one declares the text before; otherwise the `]` is text and the `[` opens a
 * label of its own, read where it closes). True when `[` opens no label (another `[` or the range's end comes before
 * its `]`, more than 999 characters), when its label is no definition's, or when it is `[]` and the chunk has no
 * definition (`defined`: the chunk's labels, normalizeLabel; a coarser key than micromark's, so never a false no).
 * `[^` (a footnote call or its look-alike) is left to the tree walk.
 */
function noReferenceAt(text: string, open: number, to: number, defined: ReadonlySet<string> | undefined): boolean {
  if (!defined || text.charCodeAt(open + 1) === 94) return false;
  let j = open + 1;
  for (; j < to; j++) {
    const c = text.charCodeAt(j);
    // (an escape's character is no bracket; a backslash before anything else is literal, and skipping that character too changes nothing)
    if (c === 92) j++;
    else if (c === 91) return true;
    else if (c === 93) break;
  }
  if (j >= to || j - open - 1 > 999) return true;
  if (j === open + 1) return defined.size === 0;
  return !defined.has(normalizeLabel(text.slice(open + 1, j)));
}

/**
 * The plain text of an inline range as mdast's text and inline code values give it: code spans by their values, links
 * by their text, emphasis without its delimiter runs.
 */
function plainOf(text: string, from: number, to: number, inl: Inline, gaps?: readonly [number, number][]): string {
  if (!inl.codes.length && !inl.links.length && !inl.refLinks.length && !inl.emph.length && !inl.strike.length && !inl.escapes.length && !inl.html.length && !inl.images.length && !inl.autolinks.length && !inl.entities.length && !gaps) return text.slice(from, to);
  // (indexed loops, no destructuring of the tuples: this runs before V8 optimizes it, where a destructuring is a call
  // of the array iterator per element, and its bytecode was 3 KB for these few lines)
  const parts: [number, number, string][] = inl.codes.slice();
  // (a block quote's `>` prefixes of a paragraph's later lines: a line break)
  if (gaps) for (let i = 0; i < gaps.length; i++) parts.push([gaps[i]![0], gaps[i]![1], '\n']);
  for (let i = 0; i < inl.links.length; i++) parts.push([inl.links[i]![0], inl.links[i]![1], inl.links[i]![5]]);
  for (let i = 0; i < inl.refLinks.length; i++) parts.push([inl.refLinks[i]![0], inl.refLinks[i]![1], inl.refLinks[i]![5]]);
  for (let i = 0; i < inl.emph.length; i++) {
    const m = inl.emph[i]!;
    parts.push([m[0], m[1], ''], [m[2], m[3], '']);
  }
  for (let i = 0; i < inl.strike.length; i++) {
    const m = inl.strike[i]!;
    parts.push([m[0], m[1], ''], [m[2], m[3], '']);
  }
  for (let i = 0; i < inl.escapes.length; i++) parts.push([inl.escapes[i]!, inl.escapes[i]! + 1, '']);
  for (let i = 0; i < inl.html.length; i++) parts.push([inl.html[i]![0], inl.html[i]![1], '']);
  for (let i = 0; i < inl.images.length; i++) parts.push([inl.images[i]![0], inl.images[i]![1], '']);
  for (let i = 0; i < inl.entities.length; i++) parts.push(inl.entities[i]!);
  for (let i = 0; i < inl.autolinks.length; i++) {
    const a = inl.autolinks[i]!;
    parts.push([a[0], a[0] + 1, ''], [a[1] - 1, a[1], '']);
  }
  parts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = from;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p[0] < from || p[1] > to) continue;
    out += text.slice(at, p[0]) + p[2];
    at = p[1];
  }
  return out + text.slice(at, to);
}

type Item =
  | { kind: 'heading'; start: number; end: number; at: number }
  | {
      kind: 'paragraph';
      start: number;
      end: number;
      /** In a list item (the innermost, through block quotes): its start (the marker) and end. */
      item?: number;
      itemEnd?: number;
      /** The first block of that item (and directly in it). */
      first?: boolean;
      /** In a container: the index of the top-level one (its paragraphs are one block of a heading clause's text). */
      top?: number;
      /** Line prefixes inside the paragraph that hold `>`: not text. */
      gaps?: [number, number][];
      /** A task list item's first paragraph: the offset of its box `[ ]` (the paragraph's text starts 4 after it). */
      box?: number;
      inl?: Inline;
    }
  | { kind: 'table'; start: number; end: number; rows: { start: number; end: number }[]; texts?: string[] }
  | { kind: 'def'; start: number; end: number; at: number; content?: { start: number; end: number } }
  | { kind: 'linkdef'; start: number; end: number; at: number }
  | { kind: 'code'; start: number; end: number }
  | { kind: 'html'; start: number; end: number };

/**
 * Cells of a table row `| a | b |`: [cell start, cell end, content start, content end] (content trimmed). A pipe
 * after an odd number of backslashes is escaped, no cell's end (micromark's row reads `\\` and `\|` as pairs), also in
 * a code span; a row whose last pipe is escaped has none at its end: left to the tree walk.
 */
function rowCells(text: string, start: number, end: number): [number, number, number, number][] | undefined {
  if (text.charCodeAt(start) !== 124 || text.charCodeAt(end - 1) !== 124 || end - start < 2) return undefined;
  const pipes: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      // (a pair: the next character is no separator)
      i++;
      if (i === end - 1) return undefined;
    } else if (c === 124) pipes.push(i);
    else if (c === 10 || c === 13) return undefined;
  }
  const cells: [number, number, number, number][] = [];
  for (let k = 0; k + 1 < pipes.length; k++) {
    let cs = pipes[k]! + 1;
    let ce = pipes[k + 1]!;
    // (a cell's content is trimmed of spaces and tabs: mdast's cell text holds none of them at its ends)
    while (cs < ce && (text.charCodeAt(cs) === 32 || text.charCodeAt(cs) === 9)) cs++;
    while (ce > cs && (text.charCodeAt(ce - 1) === 32 || text.charCodeAt(ce - 1) === 9)) ce--;
    cells.push([pipes[k]!, k + 2 === pipes.length ? end : pipes[k + 1]!, cs, ce]);
  }
  return cells;
}

/**
 * A closed YAML (`---`) or TOML (`+++`) front matter at the start of a chunk, which the tree walk reads as one opaque
 * node (no facts): the scanner path reads it as an opaque block like fenced code. One that is never closed is left to
 * the tree walk (micromark then reads a following footnote definition differently), as is kramdown-rfc's.
 */
function closedFrontMatter(scan: ScanResult): boolean {
  return scan.frontMatter !== undefined && (scan.frontMatter.kind === 'yaml' || scan.frontMatter.kind === 'toml');
}

/** blocksOf's marks per character of a chunk (0: no block, 1: a block, 2: code or HTML), reused. */
const SCRATCH_SIZE = 64 * 1024;
let coveredScratch = new Uint8Array(SCRATCH_SIZE);

/**
 * Lets go of what the scan of the last chunk kept for the next call (its specials and its text, a grown block mark
 * array) [^big_documents]: a chunk of one 2.3 MB paragraph kept 4.6 MB alive for the rest of a `clarify check`.
 */
export function releaseChunkScratch(): void {
  specialsText = undefined;
  specials = [];
  if (coveredScratch.length > SCRATCH_SIZE) coveredScratch = new Uint8Array(SCRATCH_SIZE);
}

/** A list item's marker and the first non-blank character after it on the marker line. */
const ITEM_FIRST_LINE = /(?:[-+*]|\d{1,9}[.)])[ ]*[^ \t\r\n]/y;
/** A GFM task list item `- [ ] x` (the tree strips the check box from its paragraph): left to the tree walk. */
const TASK_ITEM = /(?:[-+*]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t\r\n]|$)/y;
/**
 * What may not follow a task item's box and its space (it may open an inline construct, see blocksOf); a code span's
 * backtick and an emphasis run may (see ChunkReader.paragraph).
 */
const TASK_FIRST_UNSAFE = '\\<[!&~{}]|';
/** A list item marker and the space after it (or the line's end): a container prefix. */
const ITEM_MARKER = /(?:[-+*]|\d{1,9}[.)])(?: |(?=[\r\n])|$)/y;
/** The rest of a line that is a thematic break (no facts). */
const BREAK_REST = /(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})(?:[\r\n]|$)/y;

/** The blocks of a scan in document order, or undefined when the chunk holds anything the fast path does not cover. */
function blocksOf(text: string, scan: ScanResult): Item[] | undefined {
  if ((scan.frontMatter && !closedFrontMatter(scan)) || scan.markers.length) return undefined;
  // Containers (CommonMark's, read by the scanner): block quotes and lists nest freely; a footnote definition is a
  // top-level one that holds one paragraph. Per container: its top-level ancestor (a heading clause's text reads the
  // top-level block as one) and the innermost list item around it through block quotes (mdast's text block).
  const cs = scan.containers;
  const top: number[] = new Array<number>(cs.length);
  // Task list items: the container's index -> the offset of its check box `[ ]`.
  let tasks: Map<number, number> | undefined;
  const itemOf: number[] = new Array<number>(cs.length);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const parent = c.parent;
    if (parent >= 0 && (c.kind === 'footnote' || cs[parent]!.kind === 'footnote')) return undefined;
    top[i] = parent < 0 ? i : top[parent]!;
    itemOf[i] = c.kind === 'item' ? i : parent < 0 ? -1 : itemOf[parent]!;
    if (c.kind === 'item') {
      // An item whose marker line holds nothing else (its first block starts on a later line) and a task list item
      // are left to the tree walk: every other item's first block starts on its marker line.
      ITEM_FIRST_LINE.lastIndex = c.start;
      if (!ITEM_FIRST_LINE.test(text)) return undefined;
      TASK_ITEM.lastIndex = c.start;
      if (TASK_ITEM.test(text)) {
        // A GFM task list item `- [ ] text`: mdast has no node for the check box; it takes the one space after it off
        // the paragraph's first text node and starts the paragraph there. Read when that node is plain text: one space,
        // then a character that opens no inline construct, or a code span or emphasis (then the first node is that
        // space alone, which mdast drops while the paragraph keeps its start at the box: see ChunkReader.paragraph);
        // other inline constructs are left to the tree walk; and no link the scanner reads at the box.
        const box = text.indexOf('[', c.start);
        const first = text.charCodeAt(box + 4);
        if (text.charCodeAt(box + 3) !== 32 || Number.isNaN(first) || isWhitespace(first) || TASK_FIRST_UNSAFE.includes(text[box + 4]!)) return undefined;
        (tasks ??= new Map()).set(i, box);
      }
    }
  }
  if (tasks) for (const l of [...scan.links, ...scan.refLinks]) if (l.start >= 0 && [...tasks.values()].includes(l.start)) return undefined;
  const items: Item[] = [];
  // (front matter: an opaque block, as fenced code)
  if (scan.frontMatter) items.push({ kind: 'code', start: scan.frontMatter.start, end: scan.frontMatter.end });
  for (let at = 0; at < scan.headings.length; at++) {
    const h = scan.headings[at]!;
    if (h.container !== undefined) return undefined;
    items.push({ kind: 'heading', start: h.start, end: h.end, at });
  }
  const defParagraph: (Extract<Item, { kind: 'paragraph' }> | undefined)[] = [];
  scan.footnoteDefs.forEach((d, at) => items.push({ kind: 'def', start: d.start, end: d.end, at }));
  // Link reference definitions: blocks of their own in column 0 (a definition in a container is left to the tree walk).
  scan.definitions.forEach((d, at) => items.push({ kind: 'linkdef', start: d.start, end: d.end, at }));
  for (const c of scan.codeBlocks) {
    if (c.container !== undefined && cs[c.container]!.kind === 'footnote') return undefined;
    items.push({ kind: 'code', start: c.start, end: c.end });
  }
  for (const h of scan.htmlBlocks) {
    if (h.container !== undefined && cs[h.container]!.kind === 'footnote') return undefined;
    items.push({ kind: 'html', start: h.start, end: h.end });
  }
  let table: Extract<Item, { kind: 'table' }> | undefined;
  let boxes: number[] | undefined;
  for (const p of scan.prose) {
    const c = p.container;
    if (p.kind === 'paragraph') {
      table = undefined;
      const para: Extract<Item, { kind: 'paragraph' }> = { kind: 'paragraph', start: p.start, end: p.end };
      if (c !== undefined && tasks?.get(c) === p.start) {
        // (the paragraph after a task item's box and its space; see above)
        para.start = p.start + 4;
        para.box = p.start;
        (boxes ??= []).push(p.start);
      }
      if (c !== undefined) {
        // The paragraph of a footnote definition is the definition's content, not a block of its own.
        if (cs[c]!.kind === 'footnote') {
          if (defParagraph[c]) return undefined;
          defParagraph[c] = para;
          continue;
        }
        para.top = top[c]!;
        const item = itemOf[c]!;
        if (item >= 0) {
          para.item = cs[item]!.start;
          para.itemEnd = cs[item]!.end;
          // The item's first block (on its marker line, see above): the tree walk's decision record entry.
          if (item === c && !/[\r\n]/.test(text.slice(para.item, p.start))) para.first = true;
        }
        // A paragraph's later lines in a block quote: their `>` prefixes are no text (mdast's values skip them).
        if (p.lines) {
          for (let k = 2; k < p.lines.length; k += 2) {
            const gs = p.lines[k - 1]!;
            const ge = p.lines[k]!;
            if (RE_NON_BLANK.test(text.slice(gs, ge))) (para.gaps ??= []).push([gs, ge]);
          }
        }
      }
      items.push(para);
      continue;
    }
    // Tables in containers are left to the tree walk.
    if (c !== undefined) return undefined;
    // A row continues the table when only a line break (or the delimiter row after the header) lies between them.
    const gap = table ? text.slice(table.end, p.start) : '';
    const continues = table && (/^\r?\n$|^\r$/.test(gap) || (table.rows.length === 1 && /^(?:\r?\n|\r)\|[-:| ]*\|(?:\r?\n|\r)$/.test(gap)));
    if (table && continues) {
      table.rows.push({ start: p.start, end: p.end });
      table.end = p.end;
    } else {
      table = { kind: 'table', start: p.start, end: p.end, rows: [{ start: p.start, end: p.end }] };
      items.push(table);
    }
  }
  items.sort((a, b) => a.start - b.start);
  for (const it of items) {
    if (it.kind === 'def') {
      const d = scan.footnoteDefs[it.at]!;
      it.content = defParagraph[d.index];
    } else if (it.kind === 'linkdef' && !lineStart(text, it.start)) return undefined;
  }
  // Every non-blank line outside code and HTML blocks belongs to a block above (after its containers' prefixes: spaces,
  // `>` and list markers) or is a thematic break: then the blocks are all the document's blocks.
  // (one array kept between chunks and cleared: a typed array per chunk is an allocation outside V8's heap each time)
  // A chunk longer than the kept array gets one of its own, let go when this returns: kept, it held 2.3 MB for the rest
  // of the parse of the 200,000-reference spec, whose peak is its scan [^big_documents].
  const covered = text.length + 1 <= coveredScratch.length ? coveredScratch : new Uint8Array(text.length + 1);
  covered.fill(0, 0, text.length + 1);
  for (const it of items) covered.fill(it.kind === 'code' || it.kind === 'html' ? 2 : 1, it.start, Math.max(it.end, it.start + 1));
  // (every task item's box starts its first paragraph: a box no paragraph starts is left to the tree walk)
  if (tasks) {
    if ((boxes?.length ?? 0) !== tasks.size) return undefined;
    for (const b of boxes!) covered.fill(1, b, b + 4);
  }
  const lf = text.indexOf('\r') < 0;
  for (let at = 0; at < text.length; ) {
    let end = lf ? text.indexOf('\n', at) : at;
    if (end < 0) end = text.length;
    else if (!lf) while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    let p = at;
    for (;;) {
      // (a tab is a prefix's blank as a space is: the scanner expands it to the next multiple of four columns, as
      // micromark does, and a block's range starts after the blanks; a line of blanks alone is blank)
      while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
      if (p >= end || covered[p] !== 0) break;
      const first = text.charCodeAt(p);
      if (first === 62) {
        p++;
        continue;
      }
      // (the sticky pattern reads the line in place; only a character that could open an item is tried)
      if (first === 45 || first === 43 || first === 42 || (first >= 48 && first <= 57)) {
        ITEM_MARKER.lastIndex = p;
        if (ITEM_MARKER.test(text)) {
          p = ITEM_MARKER.lastIndex;
          continue;
        }
      }
      break;
    }
    if (p < end && covered[p] === 0) {
      BREAK_REST.lastIndex = p;
      if (!BREAK_REST.test(text)) return undefined;
    }
    at = next;
  }
  return items;
}
/**
 * The facts of a chunk from the scanner, as SpecWalker computes them from the tree, or undefined when the chunk is not
 * in the covered subset (then parse it with remark).
 */
export function scanSpecChunk(file: string, original: string, sections: readonly SectionEntry[], mode: WalkMode, defusedText?: Defused): ScannedChunk | undefined {
  // A first line `---` or `+++` may open front matter: a closed one is an opaque block (below); one never closed is
  // left to the tree walk (micromark reads a following footnote definition differently then).
  if (original.charCodeAt(0) === 0xfeff) return undefined;
  // Text defuse.ts changed is read as the tree walk reads it: the blocks from the defused copy (same length, the same
  // lines), and in a block read as plain text or on a line read as blank, the references and the prose from the
  // original (see plainParagraph and the cuts below) [^big_documents]. Nested too deep (containers made plain) and
  // spec-kit mentions (read from text nodes the defused copy changed) are left to the tree walk.
  const defused = defusedText ?? defuseMarkdown(original);
  const text = defused.text;
  // (Kiro's requirements.md: its requirements and criteria are read from the text as written, never a defused one.)
  if (text !== original && (defused.cuts.length + defused.plain.length === 0 || mode.mentions !== undefined || mode.kiroRequirements || mode.kramdown || defused.notes.some((n) => n.includes('nested deeper')))) return undefined;
  const scan = scanMarkdown(text);
  if (/^(?:---|\+\+\+)/.test(text) && !closedFrontMatter(scan)) return undefined;
  // A setext heading (`Title` over `===` or `---`) is read as an ATX one is (its underline is no text) when each line
  // break of its text lies between two characters that are neither space, tab nor backslash: the tree's text value then
  // is the source (a line's leading and trailing blanks are no text, a backslash or two spaces make a hard break).
  // (one after link reference definitions starts with them, as mdast's does: left to the tree walk, which meets them first)
  for (const h of scan.headings) if (h.setext && h.textStart !== undefined && (!setextPlain(text, h.textStart, h.textEnd!) || /[\r\n]/.test(text.slice(h.start, h.textStart)))) return undefined;
  const items = blocksOf(text, scan);
  if (!items) return undefined;
  return new ChunkReader(file, original, text, sections, mode, defused, scan, items).read();
}

/** A setext heading's text whose source is its text value: no blank or backslash beside a line break. */
function setextPlain(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const before = text.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 92) return false;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    const after = text.charCodeAt(i + 1);
    if (after === 32 || after === 9) return false;
  }
  return true;
}

type Masks = readonly (readonly [number, number, ...unknown[]])[];

/**
 * Calls `node` with each stretch of [from, to) outside the masks (the text nodes a tree walk matches one by one), in
 * order; empty stretches are skipped.
 */
function eachTextNode(from: number, to: number, masks: Masks, node: (start: number, end: number) => void): void {
  let at = from;
  const sorted = [...masks].sort((a, b) => a[0] - b[0]);
  for (const [ms, me] of sorted) {
    if (me <= at) continue;
    if (Math.min(ms, to) > at) node(at, Math.min(ms, to));
    at = Math.max(at, me);
    if (at >= to) return;
  }
  if (to > at) node(at, to);
}

/** The context of a block: its enclosing clause and authority, the section titles around it. */
interface BlockContext {
  parent?: string;
  authority?: string;
  section: string[];
  sectionTitle: string;
}

/**
 * The fact pass of scanSpecChunk over a chunk's blocks: one method per kind of block, each returning false when the
 * block is outside the covered subset (the chunk is then left to the tree walk). A class, not one function of closures:
 * as one function (18.5 KB of bytecode, 163 registers) it was the most expensive function of a cold run for V8's
 * optimizing compiler (0.75-0.9 s of its thread per compile, twice in the first pass over the 10k workspace's specs,
 * measured with --trace-opt), and it ran unoptimized meanwhile.
 */
class ChunkReader {
  readonly facts: SpecFacts;
  private readonly anchorEvents: (string | number)[] = [];
  private readonly stack: SectionEntry[];
  /** Built on the first range asked for (a chunk without references, clauses or links needs none). */
  private lineIndex: LineIndex | undefined;
  private context: BlockContext | undefined;
  private readonly pending: { clause: Clause; from: number }[] = [];
  /** spec-kit: the requirement item `**FR-001**` last declared (its blocks' clause) and the offsets of declared ids. */
  private specItem: { id: string; start: number; end: number } | undefined;
  private readonly declared = new Set<number>();
  /** spec-kit: the file's feature folder (`002-recipes`), for mentions of another feature's ids [^sk2m]. */
  private feature: string | undefined;
  private readonly linkAt = new Map<number, ScanLink | ScanRefLink>();
  /** The labels the chunk's link reference definitions declare (normalizeLabel). */
  private readonly defined: Set<string>;
  /** The offsets of `][` in the original text, made on first use (ChunkReader.undefinedRefs). */
  private pairs: number[] | undefined;
  /** The text's `[label]:` lines by lowercased label (lookalikeDefinitionLines), made on first use. */
  private lookalikes: Map<string, number> | undefined;
  /** Undefined collapsed references `[text][]`: links in any file (SpecWalker's collapsed). */
  private collapsed: Set<SpecLink> | undefined;
  /** The labels reference links use (mdast's identifiers) and the link facts of definitions with theirs. */
  private readonly usedLabels = new Set<string>();
  private readonly definitionLinks: [SpecLink, string][] = [];
  private readonly cuts: [number, number][];
  private readonly plain: [number, number][];
  /** The lines read as blank (in order) and the blocks read as plain text (in order): where the loop is. */
  private cut = 0;
  private inPlain = 0;
  /**
   * Kiro's requirements.md: the ordered lists outside list items (the tree walk's lists with no text block around
   * them), as the indexes of their containers in order, and the next one to read.
   */
  private readonly kiroLists: number[] = [];
  private nextList = 0;
  /** The first block not before the last criteria list item read (the lists are read in order: linear). */
  private listBlock = 0;

  constructor(
    file: string,
    private readonly original: string,
    private readonly text: string,
    sections: readonly SectionEntry[],
    private readonly mode: WalkMode,
    defused: Defused,
    private readonly scan: ScanResult,
    private readonly items: Item[],
  ) {
    this.facts = emptySpecFacts(file);
    this.facts.problems.push(...defused.notes);
    this.stack = [...sections];
    this.cuts = defused.cuts;
    this.plain = defused.plain;
    // (an image by its `!`, a link by its `[`: never the same offset)
    for (const l of scan.links) this.linkAt.set(l.start, l);
    for (const l of scan.refLinks) this.linkAt.set(l.start, l);
    this.defined = new Set(scan.definitions.map((d) => d.label));
    if (mode.kiroRequirements) {
      const cs = scan.containers;
      for (let i = 0; i < cs.length; i++) {
        if (cs[i]!.kind !== 'list' || !isDigit(text.charCodeAt(cs[i]!.start))) continue;
        let inItem = false;
        for (let p = cs[i]!.parent; p >= 0 && !inItem; p = cs[p]!.parent) inItem = cs[p]!.kind === 'item';
        if (!inItem) this.kiroLists.push(i);
      }
      this.kiroLists.sort((a, b) => cs[a]!.start - cs[b]!.start);
    }
  }

  rangeOf(from: number, to: number): Range {
    return (this.lineIndex ??= new LineIndex(this.text)).rangeOf(from, to);
  }

  read(): ScannedChunk | undefined {
    const { items, cuts, plain } = this;
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      // (a Kiro criteria list is read where the tree walk meets its list node: before the blocks of its items)
      while (this.nextList < this.kiroLists.length && this.scan.containers[this.kiroLists[this.nextList]!]!.start <= it.start) if (!this.kiroCriteria(this.kiroLists[this.nextList++]!)) return undefined;
      // Only paragraphs come after a line read as blank or lie in a block read as plain text.
      if (it.kind !== 'paragraph') {
        if (this.cut < cuts.length && cuts[this.cut]![0] < it.start) return undefined;
        for (const [s, e] of plain) if (s < Math.max(it.end, it.start + 1) && it.start < e) return undefined;
      }
      let ok = true;
      switch (it.kind) {
        case 'code':
          break;
        case 'html':
          this.htmlAnchors(it.start, it.end);
          break;
        case 'heading':
          ok = this.heading(it, k);
          break;
        case 'paragraph':
          ok = this.paragraph(it);
          break;
        case 'table':
          ok = this.table(it);
          break;
        case 'linkdef':
          ok = this.linkDefinition(it);
          break;
        case 'def':
          ok = this.footnoteDefinition(it);
          break;
      }
      if (!ok) return undefined;
    }
    while (this.nextList < this.kiroLists.length) if (!this.kiroCriteria(this.kiroLists[this.nextList++]!)) return undefined;
    if (this.cut < cuts.length) return undefined;
    // A definition no reference link of the chunk uses: of the file (specChunks keeps its uses in its chunk) [^ln5u].
    for (const [fact, label] of this.definitionLinks) if (!this.usedLabels.has(label)) fact.unusedDefinition = true;
    // A text with no link reference definition (nor a line that looks like one) writes no reference links: its
    // undefined `[a][b]` are bracketed text, but a collapsed `[text][]` (SpecWalker.walk; whether the file has a
    // definition is the file's: reparseForDefinitions).
    let drops = false;
    if (this.pairs?.length && !this.scan.definitions.length) {
      const collapsed = this.collapsed;
      const kept = (l: SpecLink): boolean => l.undefinedReference === undefined || l.lookalikeLine !== undefined || (collapsed !== undefined && collapsed.has(l));
      if (!this.facts.links.every(kept)) {
        drops = true;
        if (!this.mode.fileDefines) this.facts.links = this.facts.links.filter(kept);
      }
    }
    this.clauseTexts();
    return { facts: this.facts, anchorEvents: this.anchorEvents, sectionsOut: this.stack, ...(this.scan.definitions.length ? { definesLinks: true as const } : {}), ...(drops ? { dropsReferences: true as const } : {}) };
  }

  private current(): BlockContext {
    if (this.context) return this.context;
    const stack = this.stack;
    let parent: string | undefined;
    let authority: string | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const s = stack[i]!;
      if (parent === undefined && s.id !== undefined) parent = s.id;
      if (authority === undefined && s.authority !== undefined) authority = s.authority;
    }
    const section = stack.map((s) => s.title);
    const context: BlockContext = { section, sectionTitle: section[section.length - 1] ?? '' };
    if (parent !== undefined) context.parent = parent;
    if (authority !== undefined) context.authority = authority;
    return (this.context = context);
  }

  private inRecord(): boolean {
    return this.stack.some((s) => s.record);
  }

  private prose(kind: ProseBlock['kind'], start: number, end: number, masks: Masks, clauseId: string | undefined, source = this.text): void {
    if (end <= start) return;
    const text = source;
    // The block's text with the masks blanked out (line breaks kept), built from slices, not per character. A block
    // with many masks for its length is joined into one flat string: concatenated, a block of 400 references was a
    // tree of 800 cons strings and 800 small strings, kept as the block's text (16 MB for the 200,000-reference spec,
    // 2.3 MB flat). With few, the concatenation stays (a few cons strings over slices of the chunk's text, which the
    // facts keep anyway: flat copies of the 4 MiB prose spec's paragraphs, one reference each, cost 3-7 MB more at its
    // peak, measured) [^big_documents].
    const parts: string[] = [];
    let at = start;
    const sorted = masks.length > 1 ? masks.slice().sort((a, b) => a[0] - b[0]) : masks;
    for (let i = 0; i < sorted.length; i++) {
      const s = Math.max(sorted[i]![0], at);
      const e = Math.min(sorted[i]![1], end);
      if (e <= s) continue;
      parts.push(text.slice(at, s), blank(text, s, e));
      at = e;
    }
    parts.push(text.slice(at, end));
    // About 64 bytes of cons strings and pieces per mask against the flat copy's one or two bytes a character.
    const masked = at === start ? parts[0]! : parts.length * 32 > end - start ? parts.join('') : parts.reduce((a, b) => a + b);
    const ctx = this.current();
    const block: ProseBlock = { kind, start, end, text: masked };
    if (clauseId !== undefined) block.clauseId = clauseId;
    if (ctx.authority !== undefined) block.authority = ctx.authority;
    if (this.inRecord()) block.record = true;
    this.facts.prose.push(block);
  }

  private addRefs(refs: readonly [number, number, string][], blockText: string): void {
    const lines = (this.lineIndex ??= new LineIndex(this.text));
    for (let i = 0; i < refs.length; i++) {
      const start = refs[i]![0];
      const end = refs[i]![1];
      const id = refs[i]![2];
      // `[^id]` on one line (always: an id has no line break): added from its line and column, no ranges made.
      const line = lines.lineAt(start);
      if (end - start === id.length + 3 && lines.lineAt(end) === line) addOneLineFootnoteRef(this.facts.footnoteRefs, id, line, start - lines.lineStart(line), blockText, this.current());
      else addFootnoteRef(this.facts.footnoteRefs, id, this.rangeOf(start, end), this.rangeOf(start + 2, end - 1), blockText, this.current());
    }
  }

  /**
   * A requirement item declared at [start, end) with its id at `idStart` (SpecWalker.addItem): spec-kit's [^sk1r]
   * (titled by its section), Kiro's acceptance criteria (titled by their requirement, `title`) [^ki2r].
   */
  private declareItem(id: string, start: number, end: number, idStart: number, itemText: string, row = false, title?: string, idLength = id.length): void {
    const ctx = this.current();
    this.specItem = { id, start, end };
    this.facts.headingClauses.push({
      id,
      kind: 'item',
      title: title ?? (ctx.sectionTitle || id),
      text: limit(itemText, BLOCK_TEXT_LIMIT),
      file: this.facts.file,
      range: this.rangeOf(start, end),
      idRange: this.rangeOf(idStart, idStart + idLength),
      section: ctx.section,
      attributes: {},
      ...(ctx.parent !== undefined ? { parent: ctx.parent } : {}),
      ...(ctx.authority !== undefined ? { authority: ctx.authority } : {}),
      ...(row ? { row: true as const } : {}),
    });
  }

  /** The clause of a block starting at `at`: the requirement item around it, else the enclosing heading clause. */
  private clauseAt(at: number): string | undefined {
    const item = this.specItem;
    return item && at >= item.start && at < item.end ? item.id : this.current().parent;
  }

  /**
   * spec-kit feature folders: requirement ids mentioned in the text nodes of [from, to) (the range without its masks,
   * each text node matched alone as the tree walk matches it) [^sk2m]. False when a reference holds an id-like text
   * (the tree may read it as text): the tree walk decides.
   */
  private addMentions(from: number, to: number, inl: Inline, masks: Masks, blockFrom = from, blockTo = to): boolean {
    if (this.mode.mentions === 'kiro') return this.addKiroMentions(from, to, masks, blockFrom, blockTo);
    if (this.mode.mentions !== 'spec-kit') return true;
    const text = this.text;
    for (const [s, e] of [...inl.refs, ...inl.escapedRefs]) if (SPEC_KIT_ANY.test(text.slice(s, e))) return false;
    eachTextNode(from, to, masks, (s, e) => {
      const raw = text.slice(s, e);
      if (!SPEC_KIT_ANY.test(raw)) return;
      SPEC_KIT_MENTION.lastIndex = 0;
      for (let m = SPEC_KIT_MENTION.exec(raw); m; m = SPEC_KIT_MENTION.exec(raw)) {
        const idAt = s + m.index;
        if (this.declared.has(idAt)) continue;
        const place = mentionOfOtherFeature(text, blockFrom, blockTo, idAt, (this.feature ??= featureOf(this.facts.file, 'spec-kit')), 'spec-kit');
        if (place === 'other') continue;
        const range = this.rangeOf(idAt, idAt + m[0].length);
        this.facts.mentions.push(place === 'unsure' ? { id: m[0], range, idRange: range, otherFeatureNamed: true } : { id: m[0], range, idRange: range });
      }
    });
    return true;
  }

  /**
   * Kiro feature folders: the requirement numbers of `Requirement 1.2` / `_Requirements: 1.1, 2.3_` in the text nodes
   * of [from, to) (the range without its masks, each node matched alone), as SpecWalker.textMarkers reads them: a
   * node without `Requirement` holds none; a mention whose sentence (within the text block [blockFrom, blockTo): the
   * paragraph, the table row) names another feature is left out [^sk2m].
   */
  private addKiroMentions(from: number, to: number, masks: Masks, blockFrom: number, blockTo: number): boolean {
    const text = this.text;
    if (!text.slice(from, to).includes('Requirement')) return true;
    eachTextNode(from, to, masks, (s, e) => {
      const raw = text.slice(s, e);
      if (!raw.includes('Requirement')) return;
      KIRO_MENTION_RE.lastIndex = 0;
      for (let m = KIRO_MENTION_RE.exec(raw); m; m = KIRO_MENTION_RE.exec(raw)) {
        if (mentionOfOtherFeature(text, blockFrom, blockTo, s + m.index, (this.feature ??= featureOf(this.facts.file, 'kiro')), 'kiro') === 'other') continue;
        const listAt = s + m.index + m[0].length - m[1]!.length;
        KIRO_NUMBER.lastIndex = 0;
        for (let n = KIRO_NUMBER.exec(m[1]!); n; n = KIRO_NUMBER.exec(m[1]!)) {
          // (an offset a criterion declared is no mention, as SpecWalker.mention reads it)
          if (this.declared.has(listAt + n.index)) continue;
          const range = this.rangeOf(listAt + n.index, listAt + n.index + n[0].length);
          this.facts.mentions.push({ id: n[0], range, idRange: range });
        }
      }
    });
    return true;
  }

  /**
   * Open questions `[NEEDS CLARIFICATION: …]` in the text nodes of [from, to), as SpecWalker.textMarkers reads them
   * (not in a template, not in strikethrough) [^sk3q]. A match holds no line break and nothing but text can split it
   * unless a mask meets it, so the tree's matches are the block's own when no match meets a mask (one that does may
   * lie across nodes: false, the tree walk decides); one in a strikethrough's text is struck, no question.
   */
  private addQuestions(from: number, to: number, inl: Inline, masks: Masks): boolean {
    const text = this.text;
    if (this.mode.template) return true;
    const raw = text.slice(from, to);
    if (!raw.includes('[NEEDS CLARIFICATION')) return true;
    const found: [number, RegExpMatchArray][] = [];
    // Matches come in order: one pass over the masks by start (the greatest end of those starting before a match's
    // end says whether one meets it) and over the strikethrough pairs (by opening start; a match no mask meets is
    // inside a pair that starts before it and ends after it).
    // A match inside a code span, inline HTML or an image is in no text node: no question (as in a code block).
    const sorted = masks.slice().sort((a, b) => a[0] - b[0]);
    const opaque: (readonly [number, number, ...unknown[]])[] = [...inl.codes, ...inl.html, ...inl.images].sort((a, b) => a[0] - b[0]);
    const strike = inl.strike;
    let b = 0;
    let reach = -1;
    let k = 0;
    let struck = -1;
    let o = 0;
    for (const m of raw.matchAll(OPEN_QUESTION_RE)) {
      const s = from + m.index;
      const e = s + m[0].length;
      while (o < opaque.length && opaque[o]![1] <= s) o++;
      if (o < opaque.length && opaque[o]![0] <= s && e <= opaque[o]![1]) continue;
      for (; b < sorted.length && sorted[b]![0] < e; b++) reach = Math.max(reach, sorted[b]![1]);
      if (reach > s) return false;
      for (; k < strike.length && strike[k]![0] < s; k++) struck = Math.max(struck, strike[k]![3]);
      if (struck > s) continue;
      found.push([s, m]);
    }
    for (const [at, m] of found) {
      const question = openQuestionOf(m);
      if (question === undefined) continue;
      const clauseId = this.clauseAt(at);
      this.facts.openQuestions.push({ range: this.rangeOf(at, at + m[0].length), question, ...(clauseId !== undefined ? { clauseId } : {}) });
    }
    return true;
  }

  /**
   * kramdown-rfc cross-references `{{…}}` in the text nodes of [from, to), as SpecWalker.textMarkers reads them
   * (kramdownXrefs, each text node alone). A match holds no brace, so the tree's matches are the block's own matches
   * that lie in one text node (one inside a code span is in none): false (the tree walk decides) when a match meets a
   * mask, inline HTML, an image, an autolink or a line break (it may lie across nodes), or when the block has inline
   * links or HTML (their facts and anchors, and the references', interleave in the tree's document order).
   */
  private addXrefs(from: number, to: number, inl: Inline, masks: Masks): boolean {
    if (!this.mode.kramdown) return true;
    const text = this.text;
    const raw = text.slice(from, to);
    if (!raw.includes('{{')) return true;
    const found: [number, number][] = [];
    // What is no text node's: masks, HTML, images, autolinks, by start; matches come in order, so one pass over both
    // (the greatest end of those starting before a match's end says whether one meets it).
    const barriers: (readonly [number, number, ...unknown[]])[] = [...masks, ...inl.html, ...inl.images, ...inl.autolinks].sort((a, b) => a[0] - b[0]);
    const codes = inl.codes;
    let b = 0;
    let reach = -1;
    let k = 0;
    KRAMDOWN_XREF_NODE_RE.lastIndex = 0;
    for (let m = KRAMDOWN_XREF_NODE_RE.exec(raw); m; m = KRAMDOWN_XREF_NODE_RE.exec(raw)) {
      const s = from + m.index;
      const e = s + m[0].length;
      // (one in a code span is no text: not read; code spans come in order and do not overlap)
      while (k < codes.length && codes[k]![1] <= s) k++;
      if (k < codes.length && codes[k]![0] <= s && e <= codes[k]![1]) continue;
      if (/[\r\n]/.test(m[0])) return false;
      for (; b < barriers.length && barriers[b]![0] < e; b++) reach = Math.max(reach, barriers[b]![1]);
      if (reach > s) return false;
      found.push([s, e]);
    }
    if (!found.length) return true;
    if (inl.links.length + inl.html.length > 0) return false;
    for (const [s, e] of found) kramdownXrefs(text.slice(s, e), s, this.facts.links, this.anchorEvents, this);
    return true;
  }

  /**
   * The undefined reference links `[text][label]` of the text nodes of [from, to) (the range without the inline
   * nodes' parts, each node matched alone), as SpecWalker.textMarkers reads them from the original text [^ln4f]:
   * [offset, fact] in order, or undefined when there are none. An escaped footnote reference `\[^id]` is text of its
   * node (a mask of prose only). False (the tree walk decides) in a kramdown-rfc draft's block with cross-references,
   * whose facts interleave with these in the tree's order.
   */
  private undefinedRefs(from: number, to: number, inl: Inline): [number, SpecLink][] | undefined | false {
    const original = this.original;
    if (!this.pairs) {
      this.pairs = [];
      for (let i = original.indexOf(']['); i >= 0; i = original.indexOf('][', i + 1)) this.pairs.push(i);
    }
    let out: [number, SpecLink][] | undefined;
    // (a block with no `][` has none: most, found in the offsets without a search of the block)
    const k = firstAtOrAfter(this.pairs, from);
    if (k < this.pairs.length && this.pairs[k]! + 1 < to) {
      eachTextNode(from, to, proseMasks(inl, false), (s, e) => {
        const raw = original.slice(s, e);
        if (!raw.includes('][')) return;
        undefinedReferences(raw, s, this, () => (this.lookalikes ??= lookalikeDefinitionLines(original)), (fact, collapsed, at) => {
          (out ??= []).push([at, fact]);
          if (collapsed) (this.collapsed ??= new Set()).add(fact);
        });
      });
    }
    if (out && this.mode.kramdown && original.slice(from, to).includes('{{')) return false;
    return out;
  }

  /**
   * The anchors of the kramdown block attribute lists `{:…}` in the text nodes of [from, to), as SpecWalker.textMarkers
   * reads them (ialAnchors, per text node: one in a code span is no text's). False (the tree walk decides) when the
   * block also has inline HTML or a kramdown-rfc draft's `{{`, whose anchors interleave with these in the tree's order.
   */
  private addIals(from: number, to: number, inl: Inline): boolean {
    const original = this.original;
    const raw = original.slice(from, to);
    if (!raw.includes('{:')) return true;
    const events: (string | number)[] = [];
    eachTextNode(from, to, proseMasks(inl, false), (s, e) => {
      const node = original.slice(s, e);
      if (node.includes('{:')) ialAnchors(original, node, s, events);
    });
    if (events.length && (inl.html.length || (this.mode.kramdown && raw.includes('{{')))) return false;
    for (const a of events) this.anchorEvents.push(a);
    return true;
  }

  /** The anchors `id=`/`name=` of HTML at [start, end). */
  private htmlAnchors(start: number, end: number): void {
    const value = this.text.slice(start, end);
    HTML_ANCHOR_RE.lastIndex = 0;
    for (let m = HTML_ANCHOR_RE.exec(value); m; m = HTML_ANCHOR_RE.exec(value)) this.anchorEvents.push((m[1] ?? m[2])!);
  }

  /**
   * Anchor links, same-file and cross-file, read as the tree walk reads them (linkFact) [^anchor_links], and the
   * block's undefined references (undefinedRefs) among them in document order, as the tree walk meets their nodes.
   */
  private addLinks(inl: Inline, undefinedRefs?: readonly [number, SpecLink][]): void {
    let u = 0;
    for (let i = 0; i < inl.links.length; i++) {
      const l = inl.links[i]!;
      if (undefinedRefs) while (u < undefinedRefs.length && undefinedRefs[u]![0] < l[0]) this.facts.links.push(undefinedRefs[u++]![1]);
      const fact = linkFact(l[4], l[0], l[1], this.text, this);
      if (fact) this.facts.links.push(fact);
    }
    if (undefinedRefs) while (u < undefinedRefs.length) this.facts.links.push(undefinedRefs[u++]![1]);
    for (let i = 0; i < inl.refLinks.length; i++) this.usedLabels.add(inl.refLinks[i]![4]);
    for (let i = 0; i < inl.images.length; i++) if (inl.images[i]![2] !== undefined) this.usedLabels.add(inl.images[i]![2]!);
    // Inline HTML declares anchors as an HTML block does.
    for (let i = 0; i < inl.html.length; i++) this.htmlAnchors(inl.html[i]![0], inl.html[i]![1]);
  }

  private heading(it: Extract<Item, { kind: 'heading' }>, k: number): boolean {
    const { text, facts, stack } = this;
    const h = this.scan.headings[it.at]!;
    const ts = h.textStart ?? h.start;
    const te = h.textEnd ?? h.start;
    const raw = text.slice(ts, te);
    const open = raw.lastIndexOf('{');
    const m = open < 0 ? null : /^\{([^{}\n]*)\}[ \t]*$/.exec(raw.slice(open));
    const block = m && !(open > 0 && raw[open - 1] === '\\') && looksLikeAttributeBlock(m[1]!) ? { start: ts + open, end: ts + open + m[0].trimEnd().length, inner: m[1]!, raw: m[0].trim() } : undefined;
    if (block) {
      if (!ATTRIBUTE_INNER.test(block.inner)) return false;
      for (let i = 0; i < block.inner.length; i++) {
        if (block.inner.charCodeAt(i) === 95 && !(isAlnum(block.inner.charCodeAt(i - 1)) && isAlnum(block.inner.charCodeAt(i + 1)))) return false;
      }
    }
    const inl = inlines(text, ts, block ? block.start : te, false, this.linkAt, true, false, this.defined);
    if (!inl) return false;
    // (a setext heading's code span over a line break: mdast's value keeps the line break, a title is not collapsed)
    if (h.setext && inl.codes.some((c) => /[\r\n]/.test(text.slice(c[0], c[1])))) return false;
    const refs = inl.refs;
    const level = h.level;
    const range = this.rangeOf(h.start, h.end);
    const plain = plainOf(text, ts, block ? block.start : te, inl);
    const title = plain.trim();
    let clause: Clause | undefined;
    if (block) {
      clause = attributeHeadingClause(facts, block, title, range, level, this, this.anchorEvents);
    }
    if (!clause && this.mode.kiroRequirements) clause = kiroRequirementClause(facts.file, text, title, h.start, h.end, range, level, this, this.mode.kiroNumbered);
    this.context = undefined;
    const entry = openSection(stack, level, title, clause);
    if (clause) {
      facts.headingClauses.push(clause);
      this.pending.push({ clause, from: k + 1 });
      this.anchorEvents.push(clause.id);
    }
    stack.push(entry);
    this.anchorEvents.push(facts.headings.length);
    if (!block) spacedHeadingAnchor(this.anchorEvents, plain, title);
    facts.headings.push({ title, level, range, slug: '', ...(clause ? { id: clause.id } : {}) });
    const masks: [number, number][] = h.textStart === undefined ? [[h.start, h.end]] : [[h.start, ts], [te, h.end]];
    if (block) masks.push([block.start, block.end]);
    for (let i = 0; i < refs.length; i++) masks.push([refs[i]![0], refs[i]![1]]);
    for (let i = 0; i < inl.codes.length; i++) masks.push([inl.codes[i]![0], inl.codes[i]![1]]);
    pushLinkMasks(masks, inl);
    this.prose('heading', h.start, h.end, masks, this.current().parent);
    if (!this.addQuestions(ts, te, inl, masks)) return false;
    if (!this.addXrefs(ts, te, inl, masks)) return false;
    const undefinedRefs = this.undefinedRefs(ts, block ? block.start : te, inl);
    if (undefinedRefs === false) return false;
    if (refs.length) this.addRefs(refs, limit(collapse(plainOf(text, ts, te, inl)), BLOCK_TEXT_LIMIT));
    this.addLinks(inl, undefinedRefs);
    return true;
  }

  private paragraph(it: Extract<Item, { kind: 'paragraph' }>): boolean {
    const { text, original, cuts, plain, mode } = this;
    const inl = inlines(text, it.start, it.end, true, this.linkAt, true, false, this.defined);
    if (!inl) return false;
    // (a link or code span that runs over a block quote's `>` prefix: left to the tree walk)
    if (it.gaps && [...inl.links, ...inl.refLinks, ...inl.codes].some(([s, e]) => it.gaps!.some(([gs]) => s < gs && gs < e))) return false;
    // (a spec-kit declaration the tree walk may read from a decoded character reference: left to it)
    if (inl.entities.length && mode.specKitItems && mode.mentions === 'spec-kit') return false;
    // Another spec file of a feature folder: a paragraph that may open with a declaration-shaped item (bold, or an id
    // first) is left to the tree walk, which marks the id's mention as one that declares (WalkMode.otherSpec).
    // A Kiro bugfix.md paragraph with a line opening `1.1 …` declares statements: the tree walk reads it (kiroBugfixStatements).
    if (mode.kiroBugfix && /(?:^|\n)[ \t]*\d/.test(text.slice(it.start, it.end))) return false;
    if (mode.otherSpec && (inl.entities.length || /^(?:\*\*|__|[A-Za-z]{2,3}-\d)/.test(text.slice(it.start, it.start + 6)))) return false;
    it.inl = inl;
    // The block's text its references carry (made once: the cut lines' and a plain block's references share it).
    let blockText: string | undefined;
    const blockTextOf = (): string => (blockText ??= limit(collapse(plainOf(text, it.start, it.end, inl)), BLOCK_TEXT_LIMIT));
    // The references of the lines read as blank before the paragraph go with it, first (SpecWalker.cutRefs).
    if (this.cut < cuts.length && cuts[this.cut]![0] < it.start) {
      if (it.top !== undefined) return false;
      for (; this.cut < cuts.length && cuts[this.cut]![0] < it.start; this.cut++) this.addRefs(refsOf(original, cuts[this.cut]![0], cuts[this.cut]![1]), blockTextOf());
    }
    while (this.inPlain < plain.length && plain[this.inPlain]![1] <= it.start) this.inPlain++;
    if (this.inPlain < plain.length && plain[this.inPlain]![0] < it.end) {
      // A paragraph of a block read as plain text: one text node (the tree's); its references and prose are read
      // from the original text, as SpecWalker.textRefs and proseBlock read them.
      if (mode.kiroRequirements || it.top !== undefined || it.start < plain[this.inPlain]![0] || it.end > plain[this.inPlain]![1] || hasMarkup(inl) || HARD_BREAK.test(text.slice(it.start, it.end))) return false;
      // The text node ends before the blanks that end the paragraph (a blanked `]` among them).
      let textEnd = it.end;
      while (textEnd > it.start && (text.charCodeAt(textEnd - 1) === 32 || text.charCodeAt(textEnd - 1) === 9)) textEnd--;
      const raw = original.slice(it.start, textEnd);
      if (raw.includes('[NEEDS CLARIFICATION') || raw.includes('{:')) return false;
      // The `]` of a reference at the text's end was blanked out and trimmed from the node: taken back.
      const end = original.charCodeAt(textEnd) === 93 && UNCLOSED_REF.test(original.slice(Math.max(it.start, textEnd - 1000), textEnd)) ? textEnd + 1 : textEnd;
      this.prose('paragraph', it.start, it.end, [...allRefs(raw, it.start), [textEnd, it.end]], this.clauseAt(it.start), original);
      const refs = refsOf(original, it.start, end);
      if (refs.length) this.addRefs(refs, blockTextOf());
      return true;
    }
    // A paragraph opening with `**FR-001**` declares a spec-kit requirement item [^sk1r]: its clause spans the list
    // item (or the paragraph), its text is the paragraph's after the id and separators.
    const lead = inl.emph[0];
    // `FR-001: text`, `**FR-1: Title**` and `**SC-001 (label)**` declare too: the tree walk reads them (specKitItem).
    if (mode.specKitItems && mode.mentions === 'spec-kit' && (SPEC_KIT_DECLARATION.test(text.slice(it.start, it.end)) || (lead && lead[0] === it.start && (SPEC_KIT_DECLARATION.test(text.slice(lead[1], lead[2])) || SPEC_KIT_LABELED.test(text.slice(lead[1], lead[2])))))) return false;
    if (mode.specKitItems && lead && lead[0] === it.start && lead[1] - lead[0] === 2 && SPEC_KIT_ID_RE.test(text.slice(lead[1], lead[2]))) {
      // An unfilled slot of the template: the tree walk reads it (specKitItem).
      if (isTemplateSlot(text.slice(lead[1], lead[2]), text.slice(lead[2] + 2, it.end).replace(SPEC_KIT_SEPARATOR, ''))) return false;
      const id = text.slice(lead[1], lead[2]);
      // (its clause spans the innermost list item around it, through block quotes: mdast's text block)
      const start = it.item ?? it.start;
      const end = it.itemEnd ?? it.end;
      const itemText = collapse(plainOf(text, it.start, it.end, inl, it.gaps)).slice(id.length).replace(SPEC_KIT_SEPARATOR, '');
      this.declared.add(lead[1]);
      this.declareItem(id, start, end, lead[1], itemText);
    }
    // Kiro's requirements.md: a paragraph outside list items opening with `N.1.` declares requirement N's criteria [^ki2r].
    if (mode.kiroRequirements && it.item === undefined) this.kiroNumberedCriteria(it, inl);
    if (it.first && this.inRecord()) {
      // A list item of the decision record whose first inline code is a clause id is a recorded decision [^cq2r].
      // (a direct child of the paragraph: not one inside emphasis)
      const code = inl.codes.find(([s]) => !inl.emph.some(([os, , cs]) => os < s && s < cs) && !inl.strike.some(([os, , cs]) => os < s && s < cs));
      const id = code?.[2].trim() ?? '';
      if (ID_RE.test(id)) {
        const raw = text.slice(it.item, it.itemEnd);
        const lineEnd = raw.search(/[\r\n]/);
        const date = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(\d{4}-\d{2}-\d{2})\b/.exec(raw)?.[1];
        this.facts.clarifications.push({ clauseId: id, range: this.rangeOf(it.item!, lineEnd >= 0 ? it.item! + lineEnd : it.itemEnd!), ...(date ? { date } : {}) });
      }
    }
    const masks = proseMasks(inl);
    // A task item's text that opens with a code span or emphasis: mdast dropped the space after the box (a text node
    // of its own) and left the paragraph's start at the box, which its prose block then masks (SpecWalker.proseBlock
    // masks a block up to its first child); its text (plainText) has no box either way.
    if (it.box !== undefined && ((inl.codes.length && inl.codes[0]![0] === it.start) || (inl.emph.length && inl.emph[0]![0] === it.start))) {
      this.prose('paragraph', it.box, it.end, [...masks, [it.box, it.start]], this.clauseAt(it.box));
    } else this.prose('paragraph', it.start, it.end, masks, this.clauseAt(it.start));
    if (!this.addQuestions(it.start, it.end, inl, masks)) return false;
    if (!this.addMentions(it.start, it.end, inl, masks)) return false;
    if (!this.addXrefs(it.start, it.end, inl, masks)) return false;
    if (!this.addIals(it.start, it.end, inl)) return false;
    const undefinedRefs = this.undefinedRefs(it.start, it.end, inl);
    if (undefinedRefs === false) return false;
    if (inl.refs.length) this.addRefs(inl.refs, limit(collapse(plainOf(text, it.start, it.end, inl, it.gaps)), BLOCK_TEXT_LIMIT));
    this.addLinks(inl, undefinedRefs);
    return true;
  }

  /**
   * Kiro's requirements.md: the acceptance criteria of an ordered list under a requirement's `Acceptance Criteria`
   * (SpecWalker.kiroCriteria): item i of a list starting at n is criterion `N.(n+i)`, its clause spans the item, its
   * text is the item's paragraphs' (code and HTML are no text) [^ki2r]. False when a paragraph of it is outside the
   * covered subset.
   */
  private kiroCriteria(list: number): boolean {
    const { text, items } = this;
    const cs = this.scan.containers;
    const ctx = this.current();
    if (!inKiroAcceptanceCriteria(this.stack, ctx)) return true;
    const digits = /^\d+/.exec(text.slice(cs[list]!.start, cs[list]!.start + 12));
    if (!digits) return true;
    const first = Number.parseInt(digits[0], 10);
    const title = kiroCriteriaTitle(this.stack, ctx.parent);
    let n = 0;
    let k = this.listBlock;
    for (let i = list + 1; i < cs.length && cs[i]!.start <= cs[list]!.end; i++) {
      const item = cs[i]!;
      if (item.parent !== list || item.kind !== 'item') continue;
      const number = /^\d+/.exec(text.slice(item.start, item.start + 12));
      const parts: string[] = [];
      while (k < items.length && items[k]!.start < item.start) k++;
      for (let j = k; j < items.length && items[j]!.start < item.end; j++) {
        const p = items[j]!;
        if (p.kind !== 'paragraph') continue;
        const inl = p.inl ?? inlines(text, p.start, p.end, true, this.linkAt, true, false, this.defined);
        if (!inl) return false;
        parts.push(plainOf(text, p.start, p.end, inl, p.gaps));
      }
      this.listBlock = k;
      if (number) this.declared.add(item.start);
      if (number) this.declareItem(`${ctx.parent}.${first + n}`, item.start, item.end, item.start, collapse(parts.join(' ')), false, title, number[0].length);
      n++;
    }
    return true;
  }

  /**
   * Kiro's requirements.md: a paragraph under a requirement's `Acceptance Criteria` that opens with `N.1.` declares
   * the criteria `N.x` its lines open with, each up to the next (SpecWalker.kiroNumberedCriterion) [^ki2r].
   */
  private kiroNumberedCriteria(it: Extract<Item, { kind: 'paragraph' }>, inl: Inline): void {
    const text = this.text;
    const ctx = this.current();
    if (!inKiroAcceptanceCriteria(this.stack, ctx)) return;
    const starts = kiroNumberedStarts(text.slice(it.start, it.end), ctx.parent);
    if (!starts) return;
    const title = kiroCriteriaTitle(this.stack, ctx.parent);
    for (let i = 0; i < starts.length; i++) {
      const from = it.start + starts[i]!.at;
      const to = i + 1 < starts.length ? it.start + starts[i + 1]!.at - 1 : it.end;
      const raw = text.slice(from, to);
      const itemText = starts.length === 1 ? plainOf(text, it.start, it.end, inl, it.gaps) : raw;
      const idStart = from + (raw.length - raw.trimStart().length);
      this.declared.add(idStart);
      this.declareItem(starts[i]!.id, from, to, idStart, collapse(itemText), false, title);
    }
  }

  private table(it: Extract<Item, { kind: 'table' }>): boolean {
    const { text, mode } = this;
    for (const row of it.rows) {
      // (a body row may have fewer or more cells than the header: mdast keeps the cells a row has, no more, no fewer)
      const cells = rowCells(text, row.start, row.end);
      if (!cells) return false;
      // Each cell's inlines and plain text, read once.
      const parsed: Inline[] = [];
      const texts: string[] = [];
      for (const [, , ts, te] of cells) {
        let inl = inlines(text, ts, te, true, this.linkAt, true, true, this.defined);
        if (!inl || (inl.entities.length && mode.specKitRows)) return false;
        // A code span's `\|` in a table is `|` in mdast's value (mdast-util-gfm-table: pipes, not backslashes).
        if (inl.codes.some((c) => c[2].includes('\\|'))) inl = { ...inl, codes: inl.codes.map((c) => [c[0], c[1], c[2].replace(/\\([\\|])/g, (m: string, e: string) => (e === '|' ? e : m))]) };
        parsed.push(inl);
        texts.push(plainOf(text, ts, te, inl));
      }
      // A body row of a feature spec whose first cell is a requirement id alone declares that item [^sk1r], as
      // the tree walk's specKitRow: its clause spans the row, its text is the other cells'.
      if (row !== it.rows[0] && mode.specKitRows && cells.length >= 2) {
        const id = collapse(texts[0]!).trim();
        if (SPEC_KIT_ID_RE.test(id)) {
          const idStart = text.indexOf(id, cells[0]![0]);
          if (idStart < 0 || idStart + id.length > cells[0]![1]) return false;
          const rowText = texts.slice(1).map((t) => collapse(t).trim()).filter(Boolean).join(' | ');
          this.declared.add(idStart);
          if (!isTemplateSlot(id, rowText)) this.declareItem(id, row.start, row.end, idStart, rowText, true);
        }
      }
      const all: [number, number, string][] = [];
      for (let k = 0; k < cells.length; k++) {
        const [cs, ce, ts, te] = cells[k]!;
        const inl = parsed[k]!;
        const masks = proseMasks(inl);
        this.prose('tableCell', cs, ce, ts === te ? [[cs, ce]] : [[cs, ts], [te, ce], ...masks], this.clauseAt(cs));
        if (!this.addQuestions(ts, te, inl, masks)) return false;
        if (!this.addMentions(ts, te, inl, masks, row.start, row.end)) return false;
        if (!this.addXrefs(ts, te, inl, masks)) return false;
        if (!this.addIals(ts, te, inl)) return false;
        const undefinedRefs = this.undefinedRefs(ts, te, inl);
        if (undefinedRefs === false) return false;
        for (const r of inl.refs) all.push(r);
        this.addLinks(inl, undefinedRefs);
      }
      (it.texts ??= []).push(...texts);
      if (all.length) this.addRefs(all, limit(collapse(texts.join(' ')), BLOCK_TEXT_LIMIT));
    }
    return true;
  }

  /**
   * A link reference definition `[label]: destination "title"`: the link fact of its destination, as the tree walk's
   * link(node) makes it; unused when no reference link of the chunk (of plain text, on one line) names its label (set
   * at the end) [^ln5u].
   */
  private linkDefinition(it: Extract<Item, { kind: 'linkdef' }>): boolean {
    const d = this.scan.definitions[it.at]!;
    const url = this.text.slice(d.destStart, d.destEnd);
    // (mdast's url has escapes and character references decoded: left to the tree walk)
    if (url.includes('\\') || url.includes('&')) return false;
    const fact = linkFact(url, d.start, d.end, this.original, this);
    if (fact) {
      this.facts.links.push(fact);
      this.definitionLinks.push([fact, d.label.toLowerCase()]);
    }
    return true;
  }

  private footnoteDefinition(it: Extract<Item, { kind: 'def' }>): boolean {
    const text = this.text;
    const d = this.scan.footnoteDefs[it.at]!;
    const raw = text.slice(d.start, d.end);
    const m = /^\[\^([^\]]*)\]:/.exec(raw);
    // One paragraph that starts on the label's line (its later lines indented or lazy continuation lines).
    if (!m || !it.content || (/[\r\n]/.test(raw) && /[\r\n]/.test(text.slice(d.start, it.content.start)))) return false;
    const id = m[1]!;
    let cs = d.start + m[0].length;
    while (cs < d.end && text.charCodeAt(cs) === 32) cs++;
    // Content that could open another block (a list, heading, fence, table, HTML) is left to the tree walk.
    if (cs !== it.content.start || cs >= d.end || !/[A-Za-z0-9./]/.test(text[cs]!)) return false;
    const inl = inlines(text, cs, d.end);
    if (!inl || hasMarkup(inl)) return false;
    if (!DEF_ID.test(id)) return true;
    const content = text.slice(cs, d.end);
    const def: FootnoteDef = { id, range: this.rangeOf(d.start, d.start + id.length + 4), idRange: this.rangeOf(d.start + 2, d.start + 2 + id.length), text: collapse(content) };
    const tests = findTestTargets(raw.slice(m[0].length));
    if (tests.length) {
      const at = d.start + m[0].length;
      def.tests = tests.map(({ start: s, end: e, ...t }) => ({ ...t, range: this.rangeOf(at + s, at + e) }));
    } else {
      const value = content.trim();
      if (isExamplePathWord(value)) {
        def.target = value;
        const inner = content.indexOf(value);
        def.targetRange = this.rangeOf(cs + inner, cs + inner + value.length);
      }
    }
    this.facts.footnoteDefs.push(def);
    return true;
  }

  /** A heading clause's text: the prose of the blocks after it up to the next heading. */
  private clauseTexts(): void {
    const { text, items } = this;
    for (const { clause, from } of this.pending) {
      const parts: string[] = [];
      let length = 0;
      for (let k = from; k < items.length && length < HEADING_TEXT_LIMIT; k++) {
        const it = items[k]!;
        if (it.kind === 'heading') break;
        let t = '';
        if (it.kind === 'paragraph') {
          // The paragraphs of one top-level container (a list, a block quote) are one block; its code and HTML are no text.
          const texts = [plainOf(text, it.start, it.end, it.inl!, it.gaps)];
          while (it.top !== undefined && k + 1 < items.length) {
            const next = items[k + 1]!;
            if (next.kind === 'paragraph' && next.top === it.top) texts.push(plainOf(text, next.start, next.end, next.inl!, next.gaps));
            else if (!((next.kind === 'code' || next.kind === 'html') && next.start < this.scan.containers[it.top]!.end)) break;
            k++;
          }
          t = collapse(texts.join(' '));
        } else if (it.kind === 'table') {
          t = collapse((it.texts ?? []).join(' '));
        }
        if (t) {
          parts.push(t);
          length += t.length;
        }
      }
      clause.text = limit(parts.join('\n\n'), HEADING_TEXT_LIMIT);
    }
  }
}

/**
 * What of inline content is not prose: references, code spans and linkMasks's; without escaped references
 * (`escapedRefs` false), what is no text node's: the stretches between are the tree's text nodes.
 */
function proseMasks(inl: Inline, escapedRefs = true): (readonly [number, number, ...unknown[]])[] {
  const out: (readonly [number, number, ...unknown[]])[] = inl.refs.slice();
  for (let i = 0; i < inl.codes.length; i++) out.push(inl.codes[i]!);
  pushLinkMasks(out, inl, escapedRefs);
  return out;
}

/**
 * Link brackets and destinations (a link without text: all of it) and emphasis delimiter runs are not prose: pushed
 * onto `out` (indexed loops, no destructuring: see plainOf).
 */
function pushLinkMasks(out: (readonly [number, number, ...unknown[]])[], inl: Inline, escapedRefs = true): void {
  for (let k = 0; k < 2; k++) {
    const list = k === 0 ? inl.links : inl.refLinks;
    for (let i = 0; i < list.length; i++) {
      const l = list[i]!;
      if (l[2] === l[3]) out.push([l[0], l[1]]);
      else {
        out.push([l[0], l[2]], [l[3], l[1]]);
        for (let j = 0; j < l[6].length; j++) out.push(l[6][j]!);
      }
    }
  }
  for (let i = 0; i < inl.emph.length; i++) {
    const m = inl.emph[i]!;
    out.push([m[0], m[1]], [m[2], m[3]]);
  }
  for (let i = 0; i < inl.strike.length; i++) {
    const m = inl.strike[i]!;
    out.push([m[0], m[1]], [m[2], m[3]]);
  }
  if (escapedRefs) for (let i = 0; i < inl.escapedRefs.length; i++) out.push(inl.escapedRefs[i]!);
  for (let i = 0; i < inl.html.length; i++) out.push(inl.html[i]!);
  for (let i = 0; i < inl.images.length; i++) out.push(inl.images[i]!);
  for (let i = 0; i < inl.autolinks.length; i++) {
    const a = inl.autolinks[i]!;
    out.push([a[0], a[0] + 1], [a[1] - 1, a[1]]);
  }
}
