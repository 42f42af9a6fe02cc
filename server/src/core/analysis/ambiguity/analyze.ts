import type { Severity } from '../../types';
import type { ProseBlock } from '../../markdown/parseSpec';
import { scenarioStep, type ScenarioStep } from '../../markdown/formats';
import { LineIndex } from '../../text/lineIndex';
import {
  AMBIGUITY_CATEGORIES,
  DEFAULT_QUESTIONS,
  LEXICON,
  NOT_AMBIGUOUS,
  TOLERANCE_QUESTION,
  type AmbiguityCategory,
  type LexiconEntry,
} from './lexicon';
import { AMOUNT_NOUNS, CLASS_WORDS, DESIGN_NOUNS, DESIGN_WORDS, KEY_SELECTION_NOUNS, QUANTITY_DETERMINERS, compoundClassWord, TERMS_OF_ART, DEGREE_MODIFIERS, NEVER_FLAGGED, NOUNS_NOT_FLAGGED, OPPOSITES, SENSE_WITH_COMPLEMENT, type ClassWord, type Dimension } from './classes';
import { CJK_EXAMPLE_MARKERS, CJK_EXAMPLES_AFTER, CJK_MODAL, CJK_SENTENCE_END, CJK_TIME_BOUND, cjkQuestion, matchCjk, type CjkMatch } from './cjk';
import { tag, type Tagged } from './nlp';

/**
 * The offline ambiguity pass ("the thought clarifier"): finds vague wording in spec prose and asks, for each, the
 * question a careful reviewer would ask. Pure: prose blocks in, findings out. [^am2q] [^am5b] [^am8s] [^am3d]
 *
 * INPUT. `ProseBlock`s from `parseSpec`: code, HTML, link URLs, footnote references, front matter and heading attribute
 * blocks are already blanked out with spaces, and `text[i]` is file offset `start + i`, so they are never matched.
 *
 * MATCHING. Each block is tokenized once, left to right: words (letters and digits, with inner `-` `_` `.` `'` `/`
 * kept, so "fast-forward", "few-shot", `snake_case`, "file.ext" are single words that match nothing), numbers and
 * single punctuation marks. Lexicon phrases are tokenized the same way and stored in a map keyed by their first word,
 * longest first; at each word the first (longest) phrase that matches wins and its words are consumed, so "as soon as
 * possible" beats "soon" and "as appropriate" (escape) beats "appropriate" (vague). Whitespace, including line breaks
 * and blanked-out markup, is ignored between the words of a phrase. `*` in a phrase matches one word. Glossary terms
 * and the NOT_AMBIGUOUS phrases ("at most", "large language model", "as soon as <event>") are matched the same way
 * and flag nothing; a lexicon match that overlaps a glossary term is dropped. One linear pass; no per-token regex.
 *
 * CONTEXT RULES (why the pass can be trusted):
 *  - Bounded wording is not flagged. For vague, comparative and time terms, a measurable bound in the same clause (up
 *    to 4 tokens before, 8 after, never across `;` or a sentence end) makes the term harmless: a number ("quickly
 *    (within 200 ms)", "AES-256"), a percentile ("fast: p95 < 50 ms"), a comparison sign (`<`, `≤`, `±`), a named
 *    standard ("TLS 1.3", "ISO 27001", "RFC 9110", "OWASP"), a number word with a unit ("two seconds"), "once per …",
 *    a stated test ("appropriate enough that …"), and for comparatives a "than …". A quantity word is bounded only by
 *    its own count right after it ("several (3–5)", "some (at least 2)"): in "most requests under 2 s" the fraction is
 *    still open. Escape, open-ended and weak wording is never bounded by numbers.
 *  - Approximations: "approximately/about/around/nearly 30 s" is a bounded approximation, still flagged but asking for
 *    the tolerance (TOLERANCE_QUESTION) unless one is given ("± 2 s"). "about"/"around" are flagged only before a
 *    number ("talk about X" is fine); "approximately equal" asks how close is close enough.
 *  - Per-entry rules (`ContextRule` in lexicon.ts). Words with common descriptive uses ("some", "many", "most",
 *    "appropriate", "reasonable", "large", comparatives such as "the best" or "minimize") are flagged only in the scope
 *    of a keyword: after it in its clause, not in a subordinate clause (even if, whether, which, …) — "should cite some
 *    sources", not "in some cases" or "many users want". Hedges ("generally", "typically") only next to a modal ("should
 *    generally refuse"). Effort and ability phrases ("attempt to", "be able to") only right after a positive keyword
 *    ("should try to", not "must never attempt to", not "the user tries to"). "immediately after X" is bounded by the
 *    event, "immediately usable" is no time; "secure the account" is a verb; "as required by X" names its source; an
 *    "etc." in a list of examples ("e.g., A, B, etc.", "such as …") adds nothing to an already illustrative list.
 *  - Quoted wording is an example of wording, not a requirement: nothing inside "…", “…”, or '…' / ‘…’ (word-initial
 *    opening quote, word-final closing quote, at most 120 characters) is flagged or counts as a keyword.
 *  - RFC 2119 keywords (must, shall, should, required; MAY, OPTIONAL, RECOMMENDED in capitals) are never flagged.
 *  - Every backward or forward context scan is capped (LOOK_AROUND tokens), so the pass stays linear on hostile input.
 *
 * NORMATIVE. A sentence is normative when it has an RFC 2119 keyword outside quotes, or when its block is a list item
 * under a normative lead-in ("The assistant should:" followed by list items; list items are recognised by their
 * markers when `specText` is given, else by the gap between blocks). Commentary is never normative: MkDocs admonitions
 * (`!!! note`, `!!! meta "Commentary"`) and example captions ("**Example**: …") ignore both keyword and authority.
 *
 * SEVERITY. `warning` when the block's clause authority is one of `normativeAuthorities` (default root, platform,
 * system) or the sentence is normative; `info` otherwise. The `weak` category ("be able to", "optionally") applies
 * only in normative sentences. Then `categorySeverity`, then `termSeverity` (by entry term or by the form as written;
 * it wins) override; `off` drops the finding.
 *
 * SUPPRESSION. `<!-- clarifier-disable-next-line [codes] -->` silences the next non-blank line (`suppressedLines`,
 * `suppressionChecker`); the caller passes `isSuppressed(offset, category)`.
 */

export { AMBIGUITY_CATEGORIES, type AmbiguityCategory };

export interface AmbiguityFinding {
  category: AmbiguityCategory;
  /** The lexicon entry's term (its stable name), e.g. `as appropriate` for a match of "where appropriate". */
  term: string;
  /** File offsets of the matched phrase. */
  start: number;
  end: number;
  /** The matched source text (markup inside it blanked out). */
  phrase: string;
  question: string;
  /** Why it fired: the class or rule, and the kind of sentence ("an evaluative adjective of quality …, in an acceptance scenario"). */
  reason: string;
  clauseId?: string;
  /** The sentence has an RFC 2119 keyword (or is a list item under a normative lead-in). */
  normative: boolean;
  severity: Severity;
}

export type AmbiguitySeverity = Severity | 'off';

export interface AmbiguityOptions {
  addTerms?: { term: string; category: AmbiguityCategory; question?: string }[];
  ignoreTerms?: string[];
  /** Project-defined terms: never flagged (case-insensitive, multiword allowed). */
  glossary?: string[];
  categorySeverity?: Partial<Record<AmbiguityCategory, AmbiguitySeverity>>;
  /** By entry term ("as appropriate") or by a form as written ("where appropriate"); case-insensitive. Wins over categorySeverity. */
  termSeverity?: Record<string, AmbiguitySeverity>;
  /** Authorities whose prose is normative as a whole. Default: root, platform, system. */
  normativeAuthorities?: string[];
  /** Suppression (e.g. from `suppressionChecker`); called with the finding's start offset. */
  isSuppressed?: (offset: number, category: AmbiguityCategory) => boolean;
  /**
   * The document's own terms (see `documentTerms`): never flagged, like the glossary, but per document. Read once per
   * array (its phrase map is kept with it): pass a new array for new terms, never a changed one.
   */
  documentTerms?: readonly string[];
  /** The stems of the document's one-word section titles (`headingStem` of each heading; `sectionStemsOf`). */
  sectionStems?: readonly string[];
  /** Examples in questions: `policy` (a behaviour spec such as the Model Spec; see `domainOf`) or `software` (the default). */
  domain?: 'policy' | 'software' | 'protocol';
  /** The spec's full text: when given, list items under a normative lead-in are recognised by their markers. */
  specText?: string;
  /**
   * The headings that enclose the first block (outermost first; see `enclosingSections`): a chunk of a document starts
   * at its own heading, and "## Acceptance Criteria / ### AC-3: Export" still makes AC-3's list items criteria.
   */
  sections?: readonly Section[];
  /**
   * Only RFC 2119 keywords in capitals make a requirement (RFC 8174; an IETF draft, format `kramdown-rfc`): a lowercase
   * "should" there is plain English.
   */
  capitalKeywordsOnly?: boolean;
  /**
   * The spec is a standard (a protocol or format specification in BCP 14's key words; see `documentKindOf`): there
   * evaluative words are nearly always deliberate latitude or defined elsewhere in it (read out of sample: none of 83
   * findings in such specs was one a reviewer would ask about, nor of ~25 escape clauses such as "when possible"), so
   * only calls for care keep their severity; the other findings are hints (`standardSeverity`), unless the user sets
   * a severity for the category or the term.
   */
  standard?: boolean;
}

/** An enclosing heading: its depth (`#` count) and its title as the pass reads it (lowercase, markup removed). */
export interface Section {
  depth: number;
  title: string;
}

/** Pushes a heading on a stack of enclosing sections (the deeper or equal ones before it are closed). */
function pushSection(sections: Section[], block: ProseBlock, specText: string | undefined): void {
  const depth = headingDepth(block, specText);
  while (sections.length && sections[sections.length - 1]!.depth >= depth) sections.pop();
  sections.push({ depth, title: block.text.replace(/[*_`{}#]/g, ' ').trim().toLowerCase() });
}

/**
 * The sections that enclose what follows `blocks` (the prose of one chunk, `specText` its text), given those that
 * enclose the chunk: pass the result as `sections` for the next chunk.
 */
export function enclosingSections(before: readonly Section[], blocks: readonly ProseBlock[], specText: string): Section[] {
  const sections = [...before];
  for (const b of blocks) if (b.kind === 'heading') pushSection(sections, b, specText);
  return sections;
}

export const DEFAULT_NORMATIVE_AUTHORITIES: readonly string[] = ['root', 'platform', 'system'];

/** The default severity rule: normative prose (by authority or by keyword) gives warnings, other prose infos. */
export function defaultAmbiguitySeverity(authorityNormative: boolean, sentenceNormative: boolean): Severity {
  return authorityNormative || sentenceNormative ? 'warning' : 'info';
}

// ---------------------------------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'word' | 'number' | 'punct';

interface Token {
  kind: TokenKind;
  /** Lowercased, with curly apostrophes and Unicode hyphens normalised. */
  norm: string;
  raw: string;
  start: number;
  end: number;
  /** snake_case, camelCase, dotted or slashed (except and/or): code-like, never a prose word. */
  code: boolean;
  quoted: boolean;
  sentence: number;
  clause: number;
  /** "the data required for …": a lowercase "required" that is a participle, not a keyword (set by `markParticiples`). */
  participle?: boolean;
  /** A lowercase "must"/"should" where only capitals are keywords (RFC 8174; set by `markPlainModals`). */
  plain?: boolean;
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const CURLY_APOSTROPHE = /\u2019/g;
const UNICODE_HYPHENS = /[\u2010\u2011]/g;

/** Abbreviations whose final dot does not end a sentence (and which are not code-like despite their dot). */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'cf', 'vs', 'approx', 'fig', 'nr', 'mr', 'mrs', 'dr', 'resp', 'incl', 'esp']);

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_WORD_CHAR.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}


function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_WORD_CHAR.test(text[i]!);
}

/** Characters kept inside a word when a word character follows (and precedes), by code: - _ . ' ’ / ‐ ‑ , */
function isJoinerCode(c: number): boolean {
  return c === 45 || c === 95 || c === 46 || c === 39 || c === 0x2019 || c === 47 || c === 0x2010 || c === 0x2011 || c === 44;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 0xa0) {
      i++;
      continue;
    }
    if (isWordCode(ch, text, i)) {
      const start = i;
      const numeric = ch >= 48 && ch <= 57;
      // What the word's characters call for, noted while scanning: non-ASCII (normalised), code characters, camelCase.
      let nonAscii = ch >= 128;
      let codeChar = false;
      let camel = false;
      let lower = ch >= 97 && ch <= 122;
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (isWordCode(c, text, i)) {
          if (c >= 128) nonAscii = true;
          else if (lower && c >= 65 && c <= 90) camel = true;
          lower = c >= 97 && c <= 122;
          i++;
        } else if (isJoinerCode(c) && i + 1 < n && isWordCode(text.charCodeAt(i + 1), text, i + 1) && (c !== 44 || (numeric && isDigit(text[i + 1])))) {
          // "," joins only digits (10,000); "." inside words (file.ext, e.g) and numbers (1.3)
          if (c >= 128) nonAscii = true;
          else if (c === 95 || c === 46 || c === 47) codeChar = true;
          lower = false;
          i++;
        } else break;
      }
      const raw = text.slice(start, i);
      const lowered = raw.toLowerCase();
      const norm = nonAscii ? lowered.replace(CURLY_APOSTROPHE, "'").replace(UNICODE_HYPHENS, '-') : lowered;
      // Fourteenth round: a word joined to another by a colon is a namespaced name ("access:realtime", "read:profile").
      // The bound first: reading past the text (a word that ends the block) deoptimized this function in each thread.
      const colonJoined = (i + 1 < n && text.charCodeAt(i) === 58 && isWordCode(text.charCodeAt(i + 1), text, i + 1)) || (start > 1 && text.charCodeAt(start - 1) === 58 && isWordCode(text.charCodeAt(start - 2), text, start - 2));
      const code = !numeric && (codeChar || camel || colonJoined) && norm !== 'and/or' && !ABBREVIATIONS.has(norm);
      tokens.push({ kind: numeric ? 'number' : 'word', norm, raw, start, end: i, code, quoted: false, sentence: 0, clause: 0 });
      continue;
    }
    const c = text[i]!;
    tokens.push({ kind: 'punct', norm: c, raw: c, start: i, end: i + 1, code: false, quoted: false, sentence: 0, clause: 0 });
    i++;
  }
  return tokens;
}

/**
 * Assigns sentence and clause numbers: sentences end at . ! ? … (not inside quotes, not after an abbreviation, not
 * before a lowercase word); clauses also end at `;`. Run after `markQuotes`.
 */
function segment(tokens: Token[]): void {
  let sentence = 0;
  let clause = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    t.sentence = sentence;
    t.clause = clause;
    if (t.kind !== 'punct' || t.quoted) continue;
    if (t.norm === ';') clause++;
    else if (t.norm === '!' || t.norm === '?' || t.norm === '\u2026' || t.norm === '.') {
      const prev = tokens[i - 1];
      let j = i + 1;
      while (j < tokens.length && j < i + 8 && tokens[j]!.kind === 'punct') j++;
      const next = tokens[j];
      if (t.norm === '.' && prev?.kind === 'word' && ABBREVIATIONS.has(prev.norm)) continue;
      if (next && next.kind === 'word' && next.raw[0] !== next.raw[0]!.toUpperCase()) continue;
      sentence++;
      clause++;
    }
  }
}

const CLOSING_PUNCT = new Set(['.', ',', '!', '?', ')']);

/** Marks tokens inside quotation marks: straight or curly double quotes, and word-delimited single quotes. */
function markQuotes(text: string, tokens: Token[]): void {
  const spans: [number, number][] = [];
  let straight = -1;
  let curly = -1;
  let single = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      if (straight < 0) straight = i;
      else {
        spans.push([straight, i + 1]);
        straight = -1;
      }
    } else if (c === '\u201c') curly = i;
    else if (c === '\u201d' && curly >= 0) {
      spans.push([curly, i + 1]);
      curly = -1;
    } else if (c === "'" || c === '\u2018' || c === '\u2019') {
      const before = text[i - 1];
      const after = text[i + 1];
      const opens = c !== '\u2019' && !isWordChar(before) && isWordChar(after);
      const closes = c !== '\u2018' && (isWordChar(before) || CLOSING_PUNCT.has(before ?? '')) && !isWordChar(after);
      if (closes && single >= 0 && i - single <= 120) {
        spans.push([single, i + 1]);
        single = -1;
      } else if (opens) single = i;
    }
  }
  if (!spans.length) return;
  spans.sort((a, b) => a[0] - b[0]);
  let s = 0;
  for (const t of tokens) {
    while (s < spans.length && spans[s]![1] <= t.start) s++;
    if (s < spans.length && spans[s]![0] <= t.start && t.end <= spans[s]![1]) t.quoted = true;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Word classes used by the context rules

const KEYWORDS_ANY_CASE = new Set(['must', 'shall', 'should', 'required', "mustn't", "shan't", "shouldn't"]);
const KEYWORDS_UPPER = new Set(['MAY', 'OPTIONAL', 'RECOMMENDED']);

function isKeyword(t: Token): boolean {
  if (t.kind !== 'word' || t.quoted || t.participle || t.plain) return false;
  return KEYWORDS_ANY_CASE.has(t.norm) || KEYWORDS_UPPER.has(t.raw);
}

const BE_FORMS = new Set(['is', 'are', 'be', 'been', 'being', 'was', 'were', 'not', "isn't", "aren't", 'also', 'always', 'only', 'then', 'therefore', 'still']);

/**
 * A lowercase "required" is a keyword after a form of "be" ("is required", "are not required to"); after a noun it is
 * a participle ("the data required for detecting duplicates", "the bytes required to encode it").
 */
function markParticiples(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    if (t.raw !== 'required') return;
    const before = tokens[i - 1];
    if (before !== undefined && before.kind === 'word' && !BE_FORMS.has(before.norm)) t.participle = true;
  });
}

/**
 * Ninth round: in a document that uses the keywords of BCP 14 only in capitals (an IETF draft: RFC 8174 says they have
 * their meaning "when, and only when, they appear in all capitals"), a lowercase "should"/"must" is plain English
 * ("developers should be careful about …", "which should be unique to each request"), not a requirement.
 */
function markPlainModals(tokens: Token[]): void {
  for (const t of tokens) if (t.kind === 'word' && KEYWORDS_ANY_CASE.has(t.norm) && t.raw !== t.raw.toUpperCase()) t.plain = true;
}

/** The modal keywords a hedge can soften ("should generally"); not "is typically required". */
const MODALS = new Set(['must', 'shall', 'should', "mustn't", "shan't", "shouldn't"]);

function isModalKeyword(t: Token): boolean {
  return isKeyword(t) && (MODALS.has(t.norm) || t.raw === 'MAY');
}

/** Named standards and specifications: "secure (TLS 1.3)", "AES-256", "ISO 27001", "RFC 9110", "OWASP ASVS L2". */
const STANDARDS = new Set([
  'tls', 'ssl', 'mtls', 'aes', 'rsa', 'sha', 'ecdsa', 'ed25519', 'hmac', 'iso', 'iec', 'ieee', 'rfc', 'nist', 'fips', 'owasp',
  'asvs', 'wcag', 'pci', 'pci-dss', 'gdpr', 'hipaa', 'soc', 'oauth', 'oauth2', 'oidc', 'saml', 'hsts', 'cwe', 'sla', 'slo',
]);

const UNITS = new Set([
  'ms', 'millisecond', 'milliseconds', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'hr',
  'hrs', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', '%', 'percent', 'kb', 'mb',
  'gb', 'tb', 'kib', 'mib', 'gib', 'tib', 'byte', 'bytes', 'bit', 'bits', 'times', 'items', 'requests', 'users', 'steps',
  'attempts', 'retries', 'characters', 'tokens', 'words', 'lines', 'clicks', 'rows', 'entries',
]);

const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty',
  'thirty', 'forty', 'fifty', 'sixty', 'hundred', 'thousand', 'million', 'half', 'dozen',
]);

const PERCENTILE = /^p\d{2}(?:\.\d+)?$/;
const COMPARISON_SIGNS = new Set(['<', '>', '\u2264', '\u2265', '\u00b1', '=', '\u2248']);
const DETERMINERS = new Set([
  'the', 'a', 'an', 'its', 'their', 'your', 'his', 'her', 'our', 'my', 'all', 'any', 'each', 'every', 'this', 'that',
  'these', 'those', 'it', 'them',
]);
/** Words that open a clause a keyword before them does not govern: "should proceed even if there is some ambiguity". */
const SUBORDINATORS = new Set(['even', 'if', 'unless', 'although', 'though', 'because', 'since', 'whereas', 'whether', 'where', 'which', 'who', 'whom', 'whose']);
const NEGATIONS = new Set(['not', 'never', 'nor', 'no', "shouldn't", "mustn't", "shan't"]);
const EVENT_WORDS = new Set(['after', 'before', 'upon', 'on', 'when', 'whenever', 'once', 'following', 'if', 'as', 'during']);
/** "immediately usable" means directly usable, not a time. */
const READINESS_WORDS = new Set(['usable', 'useful', 'actionable', 'obvious', 'clear', 'apparent', 'visible', 'understandable', 'recognizable', 'recognisable', 'helpful', 'relevant']);
const SOURCE_WORDS = new Set(['by', 'in', 'under', 'per']);

/** Categories a measurable bound can settle. */
const BOUNDABLE: ReadonlySet<AmbiguityCategory> = new Set<AmbiguityCategory>(['vague', 'quantity', 'comparative', 'time']);

function isNumberLike(t: Token | undefined): boolean {
  return !!t && (t.kind === 'number' || (t.kind === 'word' && NUMBER_WORDS.has(t.norm)));
}

/** Quantity words that count things a list can name (not "roughly", whose tolerance a list leaves open). */
const COUNTING_WORDS = new Set(['some', 'several', 'few', 'various', 'many', 'multiple', 'certain', 'numerous']);

/** The noun phrase after a quantity word ends its block with ':' ("some additional constraints:"): a list follows. */
function leadsInList(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  let k = end;
  while (k < tokens.length && k < end + 4 && tokens[k]!.kind === 'word') k++;
  return k === tokens.length - 1 && tokens[k]!.norm === ':';
}

/**
 * Token `at` stands in an opening "For …," phrase (the motive) of a sentence whose main clause carries a number: "For
 * maximum readability in the swagger-ui, this field SHOULD be less than 120 characters."
 */
function motiveOfBound(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [first, last] = ctx.sentences[tokens[at]!.sentence]!;
  if (tokens[first]?.norm !== 'for') return false;
  let comma = -1;
  for (let k = first + 1; k <= last && k <= first + 10; k++) {
    if (tokens[k]!.norm === ',') {
      comma = k;
      break;
    }
  }
  if (comma < 0 || at > comma) return false;
  let keyword = false;
  let number = false;
  for (let k = comma + 1; k <= last; k++) {
    if (isKeyword(tokens[k]!)) keyword = true;
    if (tokens[k]!.kind === 'number') number = true;
  }
  return keyword && number;
}

/** Words that may stand between a quantity word and its count: "several (at least 3)", "some (between 2 and 4)". */
const COUNT_LEAD_WORDS = new Set(['at', 'least', 'most', 'up', 'to', 'between', 'no', 'more', 'fewer', 'less', 'than', 'exactly', 'min', 'max', 'minimum', 'maximum', 'of']);

/**
 * A quantity word is bounded only by its own count, right after it ("several (3–5)", "some (at least 2)"), not by any
 * number nearby ("most requests under 2 s" still leaves the fraction open).
 */
function hasCount(tokens: Token[], to: number): boolean {
  const clause = tokens[to - 1]!.clause;
  for (let k = to; k < tokens.length && k < to + 6 && tokens[k]!.clause === clause; k++) {
    const t = tokens[k]!;
    if (isNumberLike(t) || (t.kind === 'punct' && COMPARISON_SIGNS.has(t.norm))) return true;
    if (t.kind === 'word' && !COUNT_LEAD_WORDS.has(t.norm)) return false;
  }
  return false;
}

/**
 * Seventeenth round: the amount's noun, then its bound or its test in the same clause: "a number of RETIRE_CONNECTION_ID
 * frames of at least twice the value of …", "a large number of large cookies such that the final cookie-string would
 * exceed their header field limit".
 */
function statedAmount(tokens: readonly Token[], to: number): boolean {
  const clause = tokens[to - 1]!.clause;
  for (let k = to; k < tokens.length && k < to + 8 && tokens[k]!.clause === clause; k++) {
    const n = tokens[k]!.norm;
    if (n === 'such' && tokens[k + 1]?.norm === 'that') return true;
    if (((n === 'least' || n === 'most') && tokens[k - 1]?.norm === 'at') || (n === 'to' && tokens[k - 1]?.norm === 'up')) {
      const v = tokens[k + 1];
      if (v && (isNumberLike(v) || /^(?:twice|thrice|double|half)$/.test(v.norm))) return true;
    }
  }
  return false;
}

/** A tolerance is stated in the clause: "± 2 s", "plus or minus", "tolerance". */
function hasTolerance(tokens: Token[], at: number): boolean {
  const clause = tokens[at]!.clause;
  for (let k = at; k < tokens.length && k < at + LOOK_AROUND && tokens[k]!.clause === clause; k++) {
    const n = tokens[k]!.norm;
    if (n === '\u00b1' || n === 'tolerance' || (n === 'plus' && tokens[k + 1]?.norm === 'or' && tokens[k + 2]?.norm === 'minus')) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------------
// The phrase matcher

interface Phrase {
  words: string[];
  wildcards: number;
  /** Undefined: a protected phrase (glossary or NOT_AMBIGUOUS): matches, flags nothing. */
  entry?: LexiconEntry;
}

class PhraseMap {
  private readonly byFirst = new Map<string, Phrase[]>();

  /** Adds a phrase (tokenized like prose). A phrase must start with a word: a leading `*` would match everywhere. */
  add(text: string, entry?: LexiconEntry): void {
    const words = tokenize(text).map((t) => t.norm);
    if (!words.length || words[0] === '*') return;
    const phrase: Phrase = { words, wildcards: words.filter((w) => w === '*').length, ...(entry ? { entry } : {}) };
    const list = this.byFirst.get(words[0]!) ?? [];
    list.push(phrase);
    this.byFirst.set(words[0]!, list);
  }

  /** Longest first; at equal length the more specific (fewer wildcards) first. */
  seal(): this {
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length || a.wildcards - b.wildcards);
    return this;
  }

  /**
   * The longest phrase matching at token `i`. An indexed loop, not `for … of`: V8 inlines this into the pass's loops it
   * optimizes (scanBlock three times, candidateStarts), and an iterator's protocol and its implied try/finally made
   * every copy larger to compile.
   */
  match(tokens: Token[], i: number): Phrase | undefined {
    const list = this.byFirst.get(tokens[i]!.norm);
    if (!list) return undefined;
    for (let k = 0; k < list.length; k++) if (matchesAt(tokens, i, list[k]!.words, list[k]!.entry === undefined)) return list[k];
    return undefined;
  }
}

/**
 * Fifty-sixth round: a protected phrase of two words or more (a term of art, NOT_AMBIGUOUS) also matches with its last
 * word in the possessive ("the fast path's correctness", "the worst case's cost"): the term is the same. A flagged
 * phrase matches only as written.
 */
function matchesAt(tokens: Token[], i: number, words: string[], possessive = false): boolean {
  if (i + words.length > tokens.length) return false;
  const last = words.length - 1;
  for (let k = 0; k < words.length; k++) {
    const t = tokens[i + k]!;
    if (t.quoted || t.code) return false;
    const w = words[k]!;
    if (w === '*') {
      if (t.kind !== 'word') return false;
    } else if (t.norm !== w && !(possessive && k === last && k > 0 && t.norm.length === w.length + 2 && t.norm === `${w}'s`)) return false;
  }
  return true;
}

interface Matcher {
  phrases: PhraseMap;
  glossary: PhraseMap;
}

let defaultMatcher: Matcher | undefined;

function buildMatcher(options: AmbiguityOptions): Matcher {
  const custom = options.addTerms?.length || options.ignoreTerms?.length || options.glossary?.length;
  if (!custom && defaultMatcher) return defaultMatcher;
  const ignore = new Set((options.ignoreTerms ?? []).map(termKey));
  const added = new Map<string, LexiconEntry>();
  for (const a of options.addTerms ?? []) {
    const term = a.term.trim().replace(WHITESPACE_RUN, ' ');
    if (!term || !(AMBIGUITY_CATEGORIES as readonly string[]).includes(a.category)) continue;
    added.set(termKey(term), { term, category: a.category, question: a.question?.trim() || DEFAULT_QUESTIONS[a.category], source: 'user' });
  }
  // A user's entry replaces a built-in one of the same name or form; ignored names drop an entry, ignored forms a form.
  const phrases = new PhraseMap();
  for (const entry of LEXICON) {
    if (ignore.has(termKey(entry.term)) || added.has(termKey(entry.term))) continue;
    for (const form of [entry.term, ...(entry.forms ?? [])]) {
      if (!ignore.has(termKey(form)) && !added.has(termKey(form))) phrases.add(form, entry);
      // An ignored phrase stays protected: the class words inside it ("appropriate" in "where appropriate") are not flagged.
      else if (ignore.has(termKey(form)) && form.includes(' ')) phrases.add(form);
    }
  }
  for (const [key, entry] of added) if (!ignore.has(key)) phrases.add(entry.term, entry);
  for (const p of NOT_AMBIGUOUS) phrases.add(p);
  for (const [p] of TERMS_OF_ART) phrases.add(p);
  const glossary = new PhraseMap();
  for (const g of options.glossary ?? []) if (g.trim()) glossary.add(g);
  const matcher = { phrases: phrases.seal(), glossary: glossary.seal() };
  if (!custom) defaultMatcher = matcher;
  return matcher;
}

// ---------------------------------------------------------------------------------------------------------------------
// Blocks: commentary, lead-ins, normativity

const ADMONITION = /^!!!\s*(note|meta|info|tip|hint|example|abstract|summary|quote|question|seealso)\b/i;
const EXAMPLE_CAPTION = /^(?:bad |good )?examples?\s*\d*\s*:/i;
const LIST_MARKER = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]/;

function isCommentary(block: ProseBlock): boolean {
  const head = block.text.trimStart();
  return ADMONITION.test(head) || EXAMPLE_CAPTION.test(head);
}

/** Does `next` continue a list that follows `prev` (a list item rather than a new paragraph)? */
function isListContinuation(prev: ProseBlock, next: ProseBlock, specText: string | undefined): boolean {
  if (next.kind !== 'paragraph' || next.clauseId !== prev.clauseId) return false;
  if (specText !== undefined) {
    const gap = specText.slice(prev.end, next.start);
    const lastLine = gap.slice(Math.max(gap.lastIndexOf('\n'), gap.lastIndexOf('\r')) + 1);
    return LIST_MARKER.test(lastLine);
  }
  // Without the text: paragraphs are separated by a blank line (2 characters), list items by a marker as well.
  const gap = next.start - prev.end;
  return gap >= 3 && gap <= 16;
}

// ---------------------------------------------------------------------------------------------------------------------
// The pass

/**
 * The pass's shortcuts (the block prefilter, `candidateStarts` and `mayRequire`, judge's first test and its early verdicts): on, except
 * in the test that runs the pass without them and compares the findings (they must change nothing).
 */
let shortcuts = true;

/** Turns the shortcuts off or on again (tests only: the findings must be the same either way). */
export function setShortcuts(on: boolean): void {
  shortcuts = on;
}

/** The lexicon's entries as `termKey`s: each entry's name with the keys of its forms (built once). */
let lexiconKeyList: [string, string[]][] | undefined;

function lexiconKeys(): [string, string[]][] {
  return (lexiconKeyList ??= LEXICON.map((entry) => [termKey(entry.term), (entry.forms ?? []).map(termKey)]));
}

/**
 * The document's terms as a phrase map, built once per terms array: the index passes one array for all the chunks of a
 * file (a spec of many sections tokenized its whole vocabulary again for each one).
 */
const documentTermMaps = new WeakMap<readonly string[], PhraseMap>();
const NO_TERMS = new PhraseMap().seal();

function documentTermMap(terms: readonly string[] | undefined): PhraseMap {
  if (!terms?.length) return NO_TERMS;
  let map = documentTermMaps.get(terms);
  if (!map) {
    map = new PhraseMap();
    for (const term of terms) map.add(term);
    documentTermMaps.set(terms, map.seal());
  }
  return map;
}

/**
 * The settings' `terms` by termKey, and the ignored terms' keys with all their lexicon forms: made once per settings
 * object (a check calls the pass once per chunk with the same settings), never changed by the pass.
 */
const termSeverityMaps = new WeakMap<object, ReadonlyMap<string, AmbiguitySeverity>>();
const NO_TERM_SEVERITY: ReadonlyMap<string, AmbiguitySeverity> = new Map();
const ignoredKeySets = new WeakMap<object, ReadonlySet<string>>();
const NO_IGNORED: ReadonlySet<string> = new Set();

function termSeverityMap(terms: AmbiguityOptions['termSeverity']): ReadonlyMap<string, AmbiguitySeverity> {
  if (!terms) return NO_TERM_SEVERITY;
  let map = termSeverityMaps.get(terms);
  if (!map) termSeverityMaps.set(terms, (map = new Map(Object.entries(terms).map(([k, v]) => [termKey(k), v]))));
  return map;
}

function ignoredKeys(terms: AmbiguityOptions['ignoreTerms']): ReadonlySet<string> {
  if (!terms?.length) return NO_IGNORED;
  let set = ignoredKeySets.get(terms);
  if (!set) {
    // An ignored entry's name ignores all its forms, also where a form is found as a class word.
    const keys = new Set(terms.map(termKey));
    for (const [key, forms] of lexiconKeys()) if (keys.has(key)) for (const f of forms) keys.add(f);
    ignoredKeySets.set(terms, (set = keys));
  }
  return set;
}

export function findAmbiguities(blocks: ProseBlock[], options: AmbiguityOptions = {}): AmbiguityFinding[] {
  const matcher = buildMatcher(options);
  const authorities = new Set(options.normativeAuthorities ?? DEFAULT_NORMATIVE_AUTHORITIES);
  const termSeverity = termSeverityMap(options.termSeverity);
  const ignore = ignoredKeys(options.ignoreTerms);
  const findings: AmbiguityFinding[] = [];
  const documentTerms = documentTermMap(options.documentTerms);
  // Inside a list under a normative lead-in ("The assistant must:"), and the block before this one.
  let underLeadIn = false;
  let prev: ProseBlock | undefined;
  // The titles of the enclosing headings (innermost last), by depth.
  const sections: Section[] = [...(options.sections ?? [])];
  const settled = new SectionSettlements();
  // What the enclosing sections say of every block under them, asked once per heading (not per block).
  let milestones = inSectionOf(sections, MILESTONE_SECTION);
  let history = inSectionOf(sections, HISTORY_SECTION);
  for (const block of blocks) {
    if (block.kind === 'heading') {
      settled.newSection();
      // Headings name a section; they are never findings, but they tell what the list items below them are.
      pushSection(sections, block, options.specText);
      milestones = inSectionOf(sections, MILESTONE_SECTION);
      history = inSectionOf(sections, HISTORY_SECTION);
      underLeadIn = false;
      prev = block;
      continue;
    }
    const commentary = isCommentary(block);
    const inherited: boolean = underLeadIn && !!prev && !commentary && isListContinuation(prev, block, options.specText);
    // Eighteenth round: "- [x] No major bugs reported in the previous cycle", "- [X] Ensure proper unit tests are in
    // place" under a KEP's Graduation Criteria: a checked milestone is done, a record; nothing is left to clarify.
    if (completedMilestone(block, milestones, options.specText)) {
      underLeadIn = inherited;
      prev = block;
      continue;
    }
    // Forty-eighth round: an IETF draft's "# Change Log" ("## Since draft-…-02", "Changes from -03", "Differences
    // from RFC 7489") tells what an earlier version said and what changed ("Introduces a third rule, with MAY, that
    // avoids an unvalidated long-lived maxFS", "the structure of the report should be more consistent"): a record, not
    // a requirement, its keywords quoted. "Changes to RFC 8555" (a draft's normative update) is not such a section.
    if (history) {
      underLeadIn = inherited;
      prev = block;
      continue;
    }
    const tokens = withoutLinkMarks(tokenize(block.text), block, options.specText);
    // Most blocks can hold no finding (`candidateStarts`): their set-up (quotes, sentences, keywords, section kinds) and
    // scan are skipped. A block ending in ':' is read all the same: it may lead in the list items after it.
    const starts = shortcuts ? candidateStarts(tokens, matcher) : 'phrase';
    let listItem: boolean | undefined;
    let criterion: string | false | undefined;
    let skip = starts === undefined;
    if (starts === 'class') {
      // A class candidate needs a requirement; the criterion is read only where it decides.
      const keyword = tokens.some(isKeyword);
      if (!commentary && !inherited && !keyword) criterion = criterionKind(block, sections, (listItem = isListItem(block, options.specText)), options.specText);
      skip = !mayRequire(commentary, inherited, keyword, criterion);
    }
    // Sixteenth round: Japanese and Chinese phrases are found by substring (`scanCjk`); a block holding one is read.
    const cjk = matchCjk(block.text);
    if (cjk.length) skip = false;
    if (skip && tokens[tokens.length - 1]?.norm !== ':') {
      underLeadIn = inherited;
      prev = block;
      continue;
    }
    markQuotes(block.text, tokens);
    markParticiples(tokens);
    if (options.capitalKeywordsOnly) markPlainModals(tokens);
    segment(tokens);
    listItem ??= isListItem(block, options.specText);
    const firstKeyword = firstKeywords(tokens, commentary);
    criterion = commentary ? false : (criterion ?? criterionKind(block, sections, listItem, options.specText));
    const discussion = discussionKind(block, sections);
    if (criterion === USER_STORY && discussion) criterion = false;
    const context: BlockContext = {
      block,
      tokens,
      commentary,
      inherited,
      authorityNormative: !commentary && block.authority !== undefined && authorities.has(block.authority),
      firstKeyword,
      firstWord: Math.max(0, tokens.findIndex((t) => t.kind !== 'punct')),
      criterion,
      mayRequire: mayRequire(commentary, inherited, firstKeyword.size > 0, criterion),
      discussion,
      domain: options.domain ?? 'software',
      tagged: new Map(),
      sentences: sentenceBounds(tokens),
      specText: options.specText,
      section: sections[sections.length - 1]?.title,
      sectionStems: options.sectionStems,
    };
    const before = findings.length;
    scanBlock(context, matcher, documentTerms, options, termSeverity, ignore, findings, settled);
    if (cjk.length && scanCjk(context, cjk, options, termSeverity, ignore, findings) && findings.length - before > 1) {
      // Pushed one by one: a hostile block can hold more findings than a spread's arguments may be.
      for (const f of findings.splice(before).sort((a, b) => a.start - b.start)) findings.push(f);
    }
    // A block ending in ':' with a normative last sentence leads in the list items that follow it.
    const last = tokens.length - 1;
    const leadsIn: boolean = !commentary && tokens[last]?.norm === ':' && isNormativeAt(context, last);
    underLeadIn = leadsIn || inherited;
    prev = block;
  }
  return settled.filter(findings);
}

/**
 * Words a requirement of a section settles for the whole section: "FR-002: … MUST accurately calculate test coverage
 * (executed statements / total statements)" defines what accuracy of coverage is, so "FR-008: … while maintaining
 * accurate coverage mapping" in the same list asks nothing new. The same word (any of its forms) about the same thing
 * (a content word shared by the words around both) in the same section; "accurate timestamps" there is still a finding.
 */
class SectionSettlements {
  private section = 0;
  /** Per section: the settled words, each with the content words around it. */
  private readonly settled = new Map<number, { base: string; about: Set<string> }[]>();
  private readonly open = new Map<AmbiguityFinding, { section: number; base: string; about: Set<string> }>();

  newSection(): void {
    this.section++;
  }

  settle(base: string, about: Set<string>): void {
    if (!about.size) return;
    const list = this.settled.get(this.section) ?? [];
    if (list.length < 64) list.push({ base, about });
    this.settled.set(this.section, list);
  }

  found(finding: AmbiguityFinding, base: string, about: Set<string>): void {
    if (about.size) this.open.set(finding, { section: this.section, base, about });
  }

  filter(findings: AmbiguityFinding[]): AmbiguityFinding[] {
    if (!this.settled.size) return findings;
    return findings.filter((f) => {
      const o = this.open.get(f);
      if (!o) return true;
      const list = this.settled.get(o.section) ?? [];
      return !list.some((s) => s.base === o.base && [...o.about].some((w) => s.about.has(w)));
    });
  }
}

/** Generic words that say nothing about what a word is about ("the system must …"). */
const GENERIC_WORDS = new Set(['system', 'systems', 'user', 'users', 'tool', 'must', 'shall', 'should', 'will', 'that', 'this', 'these', 'those', 'with', 'from', 'into', 'when', 'then', 'also', 'even', 'while', 'every', 'each', 'other', 'their', 'them', 'they', 'have', 'data']);

/** Prepositions that end the noun phrase after a word ("the flakiness of each suite": about flakiness). */
const PHRASE_ENDS = new Set(['of', 'for', 'in', 'on', 'to', 'with', 'by', 'from', 'at', 'per', 'between', 'across', 'while', 'when', 'if']);

/**
 * The words (stems) of the phrase a candidate modifies: the words after it up to a preposition or punctuation
 * ("accurate coverage mapping": coverage, mapping; "accurately calculate test coverage": test, coverage), else the
 * words before it in its clause ("the mapping must be accurate"). For a settlement only nouns count (a shared verb,
 * "compute", is not the same thing); a finding's side keeps every content word (no tagging: findings are many,
 * settlements few), so a match is still a shared noun.
 */
function aboutWords(ctx: BlockContext, c: { start: number; end: number }, nounsOnly: boolean): Set<string> {
  const { tokens } = ctx;
  const out = new Set<string>();
  const clause = tokens[c.start]!.clause;
  const add = (k: number): void => {
    const t = tokens[k]!;
    if (t.kind !== 'word' || t.quoted || t.norm.length < 4 || GENERIC_WORDS.has(t.norm) || DETERMINERS.has(t.norm) || CLASS_WORDS.has(t.norm)) return;
    if (nounsOnly && !/^(?:NOUN|PROPN)$/.test(posOf(ctx, k))) return;
    for (const part of t.norm.split('-')) if (part.length >= 4 && !GENERIC_WORDS.has(part)) out.add(part.replace(/(?:ies|es|s)$/, ''));
  };
  for (let k = c.end; k < tokens.length && k < c.end + 6 && tokens[k]!.clause === clause && tokens[k]!.kind !== 'punct' && !PHRASE_ENDS.has(tokens[k]!.norm); k++) add(k);
  if (!out.size) for (let k = c.start - 1; k >= 0 && k >= c.start - 5 && tokens[k]!.clause === clause && tokens[k]!.kind !== 'punct'; k--) add(k);
  return out;
}

function sentenceBounds(tokens: Token[]): [number, number][] {
  const bounds: [number, number][] = [];
  tokens.forEach((t, i) => {
    const b = bounds[t.sentence];
    if (b) b[1] = i;
    else bounds[t.sentence] = [i, i];
  });
  return bounds;
}

/**
 * Thirteenth round: `[?](#avoid_hateful_content)`, the Model Spec's "see" marker, is a link whose label is a question
 * mark (52 of them in the Model Spec): not the end of a question. Its `?` token is dropped.
 */
function withoutLinkMarks(tokens: Token[], block: ProseBlock, specText: string | undefined): Token[] {
  if (specText === undefined || !block.text.includes('?')) return tokens;
  return tokens.filter((t) => !(t.norm === '?' && specText.charCodeAt(block.start + t.start - 1) === 91 && specText.startsWith('](', block.start + t.end)));
}

/** The depth of a heading block (`#` count on its line; 1 when the text is not known). */
function headingDepth(block: ProseBlock, specText: string | undefined): number {
  if (specText === undefined) return 1;
  const lineStart = Math.max(specText.lastIndexOf('\n', block.start - 1) + 1, 0);
  // The block of a heading starts at its first `#` (the markers are blanked in its text): read the whole marker.
  const m = /^ {0,3}(#{1,6})/.exec(specText.slice(lineStart, Math.max(block.start + 1, lineStart + 9)));
  return m ? m[1]!.length : 1;
}

/** Sections of a plan's milestones: a KEP's graduation criteria and their stages. */
const MILESTONE_SECTION = /^(?:graduation criteria|(?:alpha|beta|ga|stable)\b.*|.*(?:->|→|to) (?:alpha|beta|ga|stable)\b.*|milestones?|implementation history)$/;

/** Does the title of one of the enclosing sections match `kind` (MILESTONE_SECTION, HISTORY_SECTION)? */
function inSectionOf(sections: readonly Section[], kind: RegExp): boolean {
  return sections.some((s) => kind.test(s.title));
}

/**
 * The block is a checked task item ("- [x] …") in a milestone section (or a section under one): `milestones` is
 * `inSectionOf(sections, MILESTONE_SECTION)` of the enclosing sections (asked once per heading, not per block).
 */
function completedMilestone(block: ProseBlock, milestones: boolean, specText: string | undefined): boolean {
  if (specText === undefined || !milestones) return false;
  const lineStart = Math.max(specText.lastIndexOf('\n', block.start - 1) + 1, 0);
  return /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[xX]\]/.test(specText.slice(lineStart, block.start + 4));
}

/**
 * A document's own history (forty-eighth round): a change log, a revision or document history, the changes since or
 * from an earlier draft, version or RFC, the differences from one; a numbered or appendix prefix allowed.
 */
const HISTORY_SECTION =
  /^(?:appendix\s+[a-z0-9.]+\s*[:.-]?\s*|[a-z]?\d+(?:\.\d+)*\.?\s+)?(?:change ?logs?\b|changes? history\b|(?:document|revision|version|draft) history\b|history of changes\b|(?:changes|differences) (?:since|from|between|in|relative to) (?:draft|version|revision|rfc|the previous|previous|earlier|-\d|\d)|since (?:draft-|-\d|version \d|rfc ?\d))/;

function isListItem(block: ProseBlock, specText: string | undefined): boolean {
  if (specText === undefined) return false;
  const lineStart = Math.max(specText.lastIndexOf('\n', block.start - 1) + 1, 0);
  // The marker stands before the block's text; "**User Story:** …" (bold markers are blanked in the text, so the
  // block starts at the first `*`) is a paragraph, not a "* " item.
  return LIST_MARKER.test(specText.slice(lineStart, block.start) + ' ');
}

/** Sections whose list items are requirements even without a keyword (spec-kit, Kiro, KEP, user stories). */
// Fifty-fifth round (fresh Kiro specs: "## Success Metrics / - Monthly/category totals are clear and accurate"): a list
// of success metrics states what the feature must reach, as success criteria do; an item that opens with a check mark
// ("✅ All components implemented") reports what was done, and is not read (`DONE_MARK`), nor is one that states
// its number (below).
const CRITERIA_SECTION = /\b(acceptance criteria|acceptance scenarios|success criteria|success metrics|measurable outcomes|functional requirements|non-functional requirements|requirements|goals|graduation criteria|test plan)\b/;
const DONE_MARK = /^\W*?[\u2705\u2714\u2611]/u;
// Fifteenth round: spec-kit's "Key Entities" and a glossary describe the data and the words; an item there is a
// definition, not a criterion (a keyword in it still makes a requirement).
const NOT_CRITERIA_SECTION = /\b(?:non-goals|key entities|glossary)\b/;
/** spec-kit requirement and success-criterion ids, EARS/Gherkin "Given … When … Then". */
const CRITERION_ID = /^\W*(?:FR|NFR|SC|REQ|AC|US)-?\d+\b/;
/**
 * Fifty-second round (a seventh labeled set, drawn and labeled blind): a user story, "As a <role>, I want <what> so
 * that <why>" (also after a priority label: "- P1: As a user, I want …"), states what the feature must give its user:
 * both reviewers asked about "I want the site to load quickly and perform well", "I want intuitive navigation". Only
 * its own sentence is a goal: the "so that …" part is the motivation (`inPurpose`), and the sentences after it describe
 * ("The current setup makes it difficult …"). A KEP's user stories stay narrative (`discussionKind`).
 */
const USER_STORY_TEXT = /^\W*(?:P\d+\s*[:.-]\s*)?as an? [^,.;:\n]{1,80},?\s+I (?:want|need|would like|wish|expect)\b/i;
const USER_STORY = 'a user story';

/** Is token `at` in the sentence of the block's user story (see USER_STORY_TEXT)? */
function inStory(ctx: BlockContext, at: number): boolean {
  return ctx.tokens[at]!.sentence === ctx.tokens[ctx.firstWord]?.sentence;
}
const EDGE_CASE_ANSWER = 'the answer of an edge case';

/** The block's list item is indented under the item right above it, and that item ends with "?" (an edge case asked). */
function answersEdgeCase(block: ProseBlock, specText: string): boolean {
  const lineStart = Math.max(specText.lastIndexOf('\n', block.start - 1) + 1, 0);
  const indent = /^[ \t]*/.exec(specText.slice(lineStart))![0].length;
  if (indent === 0) return false;
  let end = lineStart - 1;
  while (end > 0) {
    const start = specText.lastIndexOf('\n', end - 1) + 1;
    const line = specText.slice(start, end);
    end = start - 1;
    if (!line.trim()) continue;
    const m = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/.exec(line);
    if (!m) return false;
    if (m[1]!.length >= indent) return false;
    return /\?[*_]*\s*$/.test(m[2]!);
  }
  return false;
}

/** A list item's text that opens with a question: the first sentence ends with "?" (markers and bold blanked). */
const OPENING_QUESTION = /^\W*[^.!?\n]{3,}\?(?:[\s*_]|$)/;
/** The label of a risk's mitigation (the parser blanks bold markers): `**Mitigation**:`, `Strategy:`. */
const MITIGATION_LABEL = /^[*_]{0,2}(?:mitigations?|strategy)[*_]{0,2}\s*:/i;

/**
 * Is the block an acceptance criterion, success criterion, goal or a numbered requirement (a requirement without an
 * RFC 2119 keyword)? A list item in such a section, a `**FR-001**:`-style item, or a "Given … When … Then" scenario.
 */
function criterionKind(block: ProseBlock, sections: Section[], listItem: boolean, specText?: string): string | false {
  const head = block.text.trimStart();
  // Fifty-fourth round (set 7's tune half: "- What happens if the backend is unavailable? / - Chat shows a connection
  // error. Recent messages are preserved locally."): under an Edge Cases heading, the item nested under a question
  // answers it with the behaviour required in that case.
  if (listItem && specText !== undefined && sections.length && /\bedge cases?\b/.test(sections[sections.length - 1]!.title) && answersEdgeCase(block, specText)) return EDGE_CASE_ANSWER;
  if (CRITERION_ID.test(head)) return 'a numbered requirement';
  // Gherkin's "Given … When … Then …" opens the block (or follows a label: "Scenario 2: Given …"); "in a given slot …
  // then" in prose is no scenario.
  if (/(?:^|:)[\s*_]*given\b[\s\S]*\bthen\b/i.test(block.text)) return 'an acceptance scenario';
  // A user story, where no criteria section claims the item first: an item of a Goals or an acceptance criteria list
  // is read whole, as before.
  const story = USER_STORY_TEXT.test(head) ? USER_STORY : false;
  if (!listItem) return story;
  // Sixteenth round: "* **What are the reasonable SLOs for the above SLIs?** At the high level …": an item that opens
  // with a question is a questionnaire's question and its answer, not a criterion (a keyword in the answer still makes
  // a requirement, as in an edge case: "What happens when …? The system should …").
  if (OPENING_QUESTION.test(head)) return false;
  // "### Risk 1: Breaking Changes / - **Mitigation**: Keep existing APIs unchanged": a labeled mitigation of a risk is
  // what the team commits to do (a discussion of the risk, or an unlabeled item, is not).
  if (MITIGATION_LABEL.test(head) && sections.some((s) => /\brisks?\b/.test(s.title))) return 'a risk mitigation';
  for (let i = sections.length - 1; i >= 0; i--) {
    // "# Requirements Document / ## Glossary": a top-level heading above the item's own section is the document's title.
    if (sections[i]!.depth === 1 && i < sections.length - 1) continue;
    const title = sections[i]!.title;
    if (NOT_CRITERIA_SECTION.test(title)) return false;
    // Sixteenth round: a section titled by a question (a KEP's review questionnaire, "###### How can someone using this
    // feature know that it is working?" under "### Monitoring Requirements") holds its answer, not criteria.
    if (title.endsWith('?')) return false;
    const m = CRITERIA_SECTION.exec(title);
    // A metric with its number ("<5% ad hide rate indicating acceptable ad experience", "75% of profiles confirmed
    // accurate by peer validation") is measured; its evaluative word interprets the number (the 79 repositories).
    if (m && m[1] === 'success metrics' && (DONE_MARK.test(head) || /\d/.test(head))) return false;
    if (m) return m[1] === 'goals' ? 'a goal' : m[1]!.includes('criteria') || m[1] === 'measurable outcomes' || m[1] === 'success metrics' ? `an item of ${m[1]}` : 'a requirement';
  }
  return story;
}

/**
 * Ninth round: sections that discuss a design (why, what else, what was tried, what the reader is shown) rather than
 * state what it requires: a lowercase "must"/"should" there is the author's argument ("a cron job would be simpler,
 * but it should not hold a long-lived client"), not a requirement. A title that is a question (a KEP's review
 * questionnaire: "How can a rollout fail?") is one too. Not Risks: a risks section states its mitigations, which are
 * commitments ("the monitor must not add load", also unlabeled).
 */
const DISCUSSION_SECTION = /\b(?:introduction|motivation|background|rationale|drawbacks?|alternatives(?: considered)?|history|discussion|faq|open questions|future work|examples?)\b/;
/**
 * Forty-sixth round (read on KEPs new to the project): a KEP's `### User Stories` and its `#### Story 1` tell what a
 * user does and wants ("the JobSet should only restart some finite number of times", "the pods should be able to refer
 * to a new volume"): a narrative, as Motivation is; its capitals and criteria sections under it still count. Only in a
 * KEP (`# KEP-n` title): a feature spec's or an epic's "### Story 1" holds its acceptance criteria as lowercase "must"
 * items under a bold label ("Users must register with a valid email address and secure password"), which stay.
 */
const USER_STORY_SECTION = /\buser stories\b|^story\b/;
const KEP_TITLE_TEXT = /^kep-?\d+\b/;

/** A paragraph labeled as a reason or a note (`**Why this priority**: …`, `Rationale:`, `Note:`): the same. */
const DISCUSSION_LABEL = /^[*_]{0,2}(?:why this priority|why|rationale|reason|motivation|background|notes?)[*_]{0,2}\s*:/i;

/**
 * Is the block discussion (see `DISCUSSION_SECTION`)? A labeled paragraph, or the nearest enclosing section that says
 * what it is: a criteria section (`### Goals` under `## Motivation`) is not discussion; a clause heading (`authority=`)
 * declares its prose normative; the document's title above the item's own section tells nothing.
 */
function discussionKind(block: ProseBlock, sections: Section[]): boolean {
  if (block.kind === 'heading') return false;
  if (DISCUSSION_LABEL.test(block.text.trimStart())) return true;
  for (let i = sections.length - 1; i >= 0; i--) {
    if (sections[i]!.depth === 1 && i < sections.length - 1) continue;
    const title = sections[i]!.title;
    if (title.includes('authority=')) return false;
    if (CRITERIA_SECTION.test(title) && !NOT_CRITERIA_SECTION.test(title)) return false;
    if (DISCUSSION_SECTION.test(title) || title.endsWith('?')) return true;
    if (USER_STORY_SECTION.test(title) && sections.some((s) => s.depth === 1 && KEP_TITLE_TEXT.test(s.title))) return true;
  }
  return false;
}

interface BlockContext {
  block: ProseBlock;
  tokens: Token[];
  commentary: boolean;
  inherited: boolean;
  authorityNormative: boolean;
  /** Sentence number -> index of its first RFC 2119 keyword. */
  firstKeyword: Map<number, number>;
  /** Index of the block's first word or number token. */
  firstWord: number;
  /** The block is a criterion (acceptance, success, goal, numbered requirement): why, or false. */
  criterion: string | false;
  /** Some sentence of the block can be a requirement (`mayRequire`): `requirementAt` asks nothing else otherwise. */
  mayRequire: boolean;
  /** The block discusses rather than requires (`discussionKind`): only RFC 2119 capitals make a requirement there. */
  discussion: boolean;
  /** Words a question's subject opens with, and whether the text also writes them in lowercase (`sentenceCapital`). */
  lowercased?: Map<string, boolean>;
  domain: 'policy' | 'software' | 'protocol';
  /** Tagging window -> the part-of-speech tag of each token index (tagged on demand). */
  tagged: Map<number, Map<number, string>>;
  /** Sentence number -> [first token, last token]. */
  sentences: [number, number][];
  specText: string | undefined;
  /** The title of the innermost enclosing heading, lowercased (see `conditionNamesSection`). */
  section?: string;
  /** The stems of the document's one-word section titles (`AmbiguityOptions.sectionStems`). */
  sectionStems?: readonly string[];
}

/** How far (in tokens) the backward and forward context scans look: a long sentence, not a whole hostile block. */
const LOOK_AROUND = 80;

/** Inherited normativity covers the first sentence of a list item under a lead-in. */
function inheritsAt(ctx: BlockContext, sentence: number): boolean {
  return ctx.inherited && sentence === 0;
}

/** Is the sentence of token `at` normative (a keyword, or the first sentence of a list item under a lead-in)? */
function isNormativeAt(ctx: BlockContext, at: number): boolean {
  const sentence = ctx.tokens[at]!.sentence;
  return inheritsAt(ctx, sentence) || ctx.firstKeyword.has(sentence);
}

/**
 * Why the sentence of token `at` is a requirement, or undefined: an RFC 2119 keyword used deontically (not "must have
 * been"), EARS (WHEN … SHALL), a criterion (acceptance, success, goal, numbered requirement), or a list item under a
 * normative lead-in. A question is never a requirement. [^am6c]
 */
function requirementAt(ctx: BlockContext, at: number): string | undefined {
  // Commentary, and a block with no keyword, criterion or lead-in; the block prefilter skips such a block when only a
  // class word could start a candidate in it (see `mayRequire`).
  if (shortcuts ? !ctx.mayRequire : ctx.commentary) return undefined;
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  // A question is not a requirement (also when "etc." ends a sentence inside it: "… (Leader, Trooper 1, etc.)?").
  const last = ctx.sentences[sentence]![1];
  let question = tokens[last]?.norm === '?';
  for (let e = last + 1; e <= last + 3 && tokens[e] && tokens[e]!.kind === 'punct'; e++) if (tokens[e]!.norm === '?') question = true;
  if (question) return edgeCaseCondition(ctx, at) ? 'the condition of an edge case and its answer' : undefined;
  let k = ctx.firstKeyword.get(sentence);
  // The keyword must govern the candidate's clause (`;` separates clauses with their own verbs).
  if (k !== undefined && tokens[k]!.clause !== tokens[at]!.clause) k = firstKeywordOfClause(ctx, tokens[at]!.clause);
  // Ninth round: in discussion (`discussionKind`) a lowercase keyword argues, it does not require; RFC 2119 capitals and
  // criteria (a labeled risk mitigation) still do.
  if (ctx.discussion && !ctx.criterion && (k === undefined || tokens[k]!.raw !== tokens[k]!.raw.toUpperCase())) return undefined;
  if (k !== undefined) {
    const n1 = tokens[k + 1]?.norm;
    const n2 = tokens[k + 2]?.norm;
    if (n1 === 'have' && n2 === 'been') return undefined;
    // Seventeenth round: "It should be fairly simple", "This should be relatively cheap": a hedged estimate of the
    // work (a pronoun, a lowercase "should", a degree hedge), not a requirement.
    if (n1 === 'be' && HEDGED_DEGREE.has(n2 ?? '') && tokens[k]!.norm === 'should' && tokens[k]!.raw === 'should' && /^(?:it|this|that)$/.test(tokens[k - 1]?.norm ?? '')) return undefined;
    if (authorsVoice(tokens, k)) return undefined;
    // Eighteenth round: "the number of NUMA nodes is larger (meaning that the first case should always be preferred)":
    // a keyword inside a parenthesis governs the parenthesis, not the sentence around it (and the reverse).
    if (keywordParenthesized(tokens, k, at)) return undefined;
    // A part of the sentence that gives a reason or a concession ("…, so …", "even if …") states no requirement.
    const part = partAt(ctx, at);
    if (part.aside && !(k >= part.from && k < part.to)) return undefined;
    // Twenty-second round: "… SHALL NOT report failure — an orphaned NIC is a minor cost issue, not a correctness
    // issue": after a dash, a clause of its own stating what something is explains the requirement before it.
    if (k < part.from && dashExplanation(tokens, part.from, at)) return undefined;
    // Sixteenth round: "401 is NOT RECOMMENDED for this purpose because it requires a WWW-Authenticate with acceptable
    // HTTP auth mechanisms": after "because" (no comma before it) the sentence gives the reason, not the requirement.
    if (becauseBefore(ctx, k, at)) return undefined;
    // The subject of an active requirement names who acts, not what is required: "an effective assistant must act".
    // In a passive or copular one it is what is required: "Sensible defaults should be chosen". Conditions count.
    // Thirteenth round: so does an opening "In some cases, …" (`casesOpener`), a condition without "if".
    if (at < k && !part.condition && !casesOpener(ctx, at)) {
      // "It is too early to declare … which mechanism should be used": the keyword is in a clause of its own.
      for (let j = at + 1; j < k && j <= at + LOOK_AROUND; j++) if (WH_WORDS.has(tokens[j]!.norm)) return undefined;
      let v = k + 1;
      while (tokens[v] && (tokens[v]!.norm === 'not' || NEVER_FLAGGED.has(tokens[v]!.norm) || tokens[v]!.norm === 'always')) v++;
      if (tokens[v]?.norm !== 'be') return undefined;
    }
    return tokens[k]!.raw === 'SHALL' && /^(when|while|if|where)$/i.test(tokens[ctx.firstWord]?.raw ?? '') ? 'an EARS requirement' : 'a requirement';
  }
  if (ctx.criterion && !(ctx.criterion === USER_STORY && !inStory(ctx, at))) {
    // Sixteenth round: "Requires user intervention to detect node shutdown, because currently there is no good way of
    // detecting …": a criterion's reason or concession is no part of what it requires (as in a keyword's sentence).
    const part = partAt(ctx, at);
    if (part.aside && REASON_OPENERS.has(part.opener)) return undefined;
    return ctx.criterion;
  }
  if (inheritsAt(ctx, sentence)) return 'a requirement (list item under a normative lead-in)';
  return undefined;
}

/**
 * The part from token `from` follows a dash and is a clause of its own up to token `at` that says what something is:
 * a subject, "is"/"are" and a noun phrase ("— an orphaned NIC is a minor cost issue"). A dash around an adverb
 * ("respond — quickly — to …") is no clause, and "— the banner is clear" describes what is required.
 */
function dashExplanation(tokens: readonly Token[], from: number, at: number): boolean {
  if (tokens[from - 1]?.norm !== '—') return false;
  for (let j = from + 1; j < at; j++) {
    const n = tokens[j]!.norm;
    if (isKeyword(tokens[j]!)) return false;
    if ((n === 'is' || n === 'are') && /^(?:a|an|the|just|only|merely|not|never|also)$/.test(tokens[j + 1]?.norm ?? '')) return true;
  }
  return false;
}

/** "the interval at which …", "the frequency with which …" before token `at` in its sentence. */
function namedInterval(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  for (let j = at - 1; j >= 2 && j >= at - LOOK_AROUND && tokens[j]!.sentence === sentence; j--) {
    if (tokens[j]!.norm !== 'which' || !/^(?:at|with|by)$/.test(tokens[j - 1]!.norm)) continue;
    return /^(?:interval|intervals|period|frequency|rate|cadence)$/.test(tokens[j - 2]!.norm);
  }
  return false;
}

/** The sentence after the one of token `end - 1` says when it is not possible ("This might not be possible if …"). */
function impossibleNext(tokens: readonly Token[], end: number): boolean {
  const k = nextSentenceAfter(tokens, end);
  if (k < 0) return false;
  const sentence = tokens[k]!.sentence;
  for (let j = k; j < tokens.length && j < k + 8 && tokens[j]!.sentence === sentence; j++) {
    const n = tokens[j]!.norm;
    if (n === 'impossible' || (n === 'possible' && (tokens[j - 1]!.norm === 'not' || tokens[j - 2]?.norm === 'not'))) return true;
  }
  return false;
}

/**
 * The first token of the sentence after the one of token `end - 1`, when it starts within LOOK_AROUND tokens of `end`;
 * -1 otherwise (the rest of a long sentence is not skipped).
 */
function nextSentenceAfter(tokens: readonly Token[], end: number): number {
  const sentence = tokens[end - 1]!.sentence;
  let n = end;
  while (n < tokens.length && n < end + LOOK_AROUND && tokens[n]!.sentence === sentence) n++;
  return tokens[n]?.sentence === sentence + 1 ? n : -1;
}

/** Degree hedges of an estimate: "it should be fairly simple". */
const HEDGED_DEGREE = new Set(['fairly', 'relatively', 'pretty', 'quite', 'reasonably', 'rather']);

/** Per block: token index -> the last unquoted "because" at or before it with no `,` or `;` after it, or -1. */
const becauseUpTo = new WeakMap<BlockContext, Int32Array>();

/**
 * An unquoted "because" between the keyword at `k` and the word at `at`, with no `,` or `;` between it and the word.
 * Scanned back LOOK_AROUND tokens, then read from an index of the block built once: a long part without commas and
 * with a candidate every few words stays linear (issue 11, item 16), with the answer of a scan back to `k`.
 */
function becauseBefore(ctx: BlockContext, k: number, at: number): boolean {
  const { tokens } = ctx;
  for (let j = at - 1; j > k; j--) {
    const n = tokens[j]!.norm;
    if (n === ',' || n === ';') return false;
    if (n === 'because' && !tokens[j]!.quoted) return true;
    if (j <= at - LOOK_AROUND) break;
  }
  if (at - LOOK_AROUND <= k + 1) return false;
  let upTo = becauseUpTo.get(ctx);
  if (!upTo) {
    upTo = new Int32Array(tokens.length);
    for (let j = 0; j < tokens.length; j++) {
      const t = tokens[j]!;
      upTo[j] = t.norm === ',' || t.norm === ';' ? -1 : t.norm === 'because' && !t.quoted ? j : j > 0 ? upTo[j - 1]! : -1;
    }
    becauseUpTo.set(ctx, upTo);
  }
  return upTo[at - 1]! > k;
}

/** Per block: clause number -> the index of its first RFC 2119 keyword (see `firstKeywordOfClause`). */
const clauseKeywords = new WeakMap<BlockContext, Map<number, number>>();

/**
 * The first RFC 2119 keyword of a clause of the block, if any. The block's clauses are indexed once, on the first
 * question: scanning the candidate's clause both ways for every candidate was quadratic in a long clause with a
 * candidate every few words (issue 11, item 16). Clause numbers run in token order, so the answer is the same.
 */
function firstKeywordOfClause(ctx: BlockContext, clause: number): number | undefined {
  let first = clauseKeywords.get(ctx);
  if (!first) {
    const index = new Map<number, number>();
    ctx.tokens.forEach((t, i) => {
      if (!index.has(t.clause) && isKeyword(t)) index.set(t.clause, i);
    });
    clauseKeywords.set(ctx, (first = index));
  }
  return first.get(clause);
}

/**
 * Ninth round: "we should be able to confirm …", "We should eventually settle on one": a lowercase "should" whose subject
 * is "we" is the authors' plan or expectation (a design's discussion), not what the system must do. "We MUST …" (capitals)
 * and "the controller should …" stay requirements; so does a user story's "I should be able to …" (the user's voice).
 */
function authorsVoice(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  if ((t.norm !== 'should' && t.norm !== "shouldn't") || t.raw !== t.raw.toLowerCase()) return false;
  let j = k - 1;
  if (tokens[j] !== undefined && tokens[j]!.kind === 'word' && MODAL_ADVERBS.has(tokens[j]!.norm)) j--;
  return tokens[j]?.kind === 'word' && tokens[j]!.norm === 'we' && tokens[j]!.clause === t.clause;
}

/**
 * Is the clause of token `at` governed only by a permission (`MAY`, `OPTIONAL`; RFC 2119 capitals), with no obligation
 * keyword in its sentence?
 */
function permissionOnly(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [first, last] = ctx.sentences[tokens[at]!.sentence]!;
  let permission = false;
  for (let k = Math.max(first, at - LOOK_AROUND); k <= last && k <= at + LOOK_AROUND; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || t.quoted || t.code) continue;
    if (t.raw === 'MAY' || t.raw === 'OPTIONAL') permission = permission || t.clause === tokens[at]!.clause;
    else if (isKeyword(t)) return false;
  }
  return permission;
}

/**
 * An edge case asked and answered: "- What happens when the upload is unusually large? The system should reject it
 * with a clear message." The question's "when"/"if" part is the condition of the requirement that answers it (the
 * next sentence of the item, with a keyword); a question with no such answer stays a question.
 */
function edgeCaseCondition(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  const [first] = ctx.sentences[sentence]!;
  let w = first;
  while (w < at && tokens[w]!.kind !== 'word') w++;
  if (tokens[w]?.norm !== 'what' || !/^happens?$/.test(tokens[w + 1]?.norm ?? '') || !/^(?:when|if)$/.test(tokens[w + 2]?.norm ?? '')) return false;
  if (at <= w + 2) return false;
  return ctx.firstKeyword.has(sentence + 1);
}

/** Words that open a clause of its own inside a sentence ("… on which mechanism should be used"). */
const WH_WORDS = new Set(['which', 'whether', 'what', 'how', 'who', 'whom', 'whose']);

/** Words that open a part of a sentence giving a reason or a concession, not a requirement. */
// Twenty-second round: a participle that says what the requirement makes possible (", enabling quick diagnosis", ",
// allowing them to quickly check recent activity") is its purpose, as "so" is.
const ASIDE_OPENERS = new Set(['so', 'but', 'because', 'since', 'whereas', 'although', 'though', 'even', 'as', 'which', 'enabling', 'allowing', 'letting']);
/** Openers of a reason or a concession (`ASIDE_OPENERS` without the coordinating and temporal ones). */
const REASON_OPENERS = new Set(['because', 'although', 'though', 'whereas']);
/** A noun of measure or a unit right after token `end - 1`, or after one adjective: "some leeway", "some small leeway", "a few minutes". */
function measuredAmountAfter(tokens: readonly Token[], end: number): boolean {
  for (let k = end; k <= end + 1 && k < tokens.length && tokens[k]!.sentence === tokens[end - 1]!.sentence; k++) {
    const n = tokens[k]!.norm;
    if (AMOUNT_OF_MEASURE.test(n) || UNITS.has(n)) return true;
    if (!CLASS_WORDS.has(n)) return false;
  }
  return false;
}

/** Words that open a condition of the requirement (vagueness there counts). */
const CONDITION_OPENERS = new Set(['if', 'when', 'whenever', 'unless', 'where', 'while', 'once', 'upon', 'given', 'after', 'before']);

/** The comma- or semicolon-delimited part of the sentence around token `at`, and what its first word makes it. */
function partAt(ctx: BlockContext, at: number): { from: number; to: number; aside: boolean; condition: boolean; opener: string } {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  const boundary = (t: Token): boolean => t.kind === 'punct' && (t.norm === ',' || t.norm === ';' || t.norm === ':' || t.norm === '—') && !t.quoted;
  let from = at;
  while (from > 0 && tokens[from - 1]!.sentence === sentence && !boundary(tokens[from - 1]!) && at - from < LOOK_AROUND) from--;
  let to = at + 1;
  while (to < tokens.length && tokens[to]!.sentence === sentence && !boundary(tokens[to]!) && to - at < LOOK_AROUND) to++;
  let w = from;
  while (w < to && tokens[w]!.kind !== 'word') w++;
  let first = tokens[w]?.norm ?? '';
  const own = first;
  // "If A, or B, the assistant should …": a part opened by "or"/"and" continues the part before it.
  for (let hops = 0, f = from; (first === 'or' || first === 'and') && hops < 3 && f > 0 && tokens[f - 1]!.sentence === sentence; hops++) {
    let g = f - 1;
    while (g > 0 && tokens[g - 1]!.sentence === sentence && !boundary(tokens[g - 1]!)) g--;
    f = g;
    while (g < tokens.length && tokens[g]!.kind !== 'word') g++;
    first = tokens[g]?.norm ?? '';
  }
  let aside = ASIDE_OPENERS.has(first) && !(first === 'as' && tokens[w + 1]?.norm === 'well');
  // Twelfth round: "Responses should be emotive, as if they are spoken by a human, and stay within a reasonable
  // duration": "and" + a verb coordinates a second predicate with the one before the aside, not with the aside; "…,
  // because B is slow, and C is fast" (a new subject after "and") stays in the aside.
  if (aside && (own === 'and' || own === 'or') && tokens[w + 1]?.kind === 'word' && posOf(ctx, w + 1) === 'VERB') aside = false;
  // Twelfth round: "should not pretend to be human, but should still respond to pleasantries in a natural way": a part
  // opened by "but" that holds an obligation of its own (not a permission: "…, but MAY be from an older one as long as
  // it is still fresh") is a second requirement, not a concession.
  if (aside && first === 'but') for (let j = w + 1; j < to && aside; j++) if (isModalKeyword(tokens[j]!) && tokens[j]!.raw !== 'MAY') aside = false;
  // Seventeenth round: "For the feature to be fully effective, both the control plane and Kubelets must be upgraded":
  // a sentence's opening "for … to …" part is the purpose of the requirement after it, not what it requires.
  if (!aside && own === 'for' && to < tokens.length && tokens[to]!.sentence === sentence && from <= ctx.sentences[sentence]![0]) {
    for (let j = w + 2; j < to - 1; j++) if (tokens[j]!.norm === 'to' && tokens[j + 1]!.kind === 'word') aside = true;
  }
  return { from, to, aside, condition: CONDITION_OPENERS.has(first), opener: first };
}

/**
 * Is token `at` in the scope of a normative keyword: a keyword before it in its clause with no subordinator between
 * ("should cite some sources"; not "should proceed even if there is some ambiguity")? Criteria have no keyword: there
 * the whole item is in scope.
 */
function inNormativeScope(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.clause === clause; j--) {
    const t = tokens[j]!;
    if (isKeyword(t)) return true;
    if (t.kind === 'word' && SUBORDINATORS.has(t.norm)) return false;
  }
  if (ctx.criterion && !ctx.firstKeyword.has(tokens[at]!.sentence) && !(ctx.criterion === USER_STORY && !inStory(ctx, at))) return true;
  return inheritsAt(ctx, tokens[at]!.sentence);
}

/** Vague counts a threshold decides: "WHEN an album holds many photos THEN …" asks how many. */
const CONDITION_COUNTS = new Set(['many', 'numerous', 'countless']);

/**
 * Fortieth round: a count word in the condition that opens a requirement ("WHEN an album holds numerous photos THEN the
 * system SHALL …", "IF the user selects many photos, the system SHALL …"): the condition's threshold is what a test
 * must set up. Only the opening condition of a sentence that goes on to a keyword; "several"/"various"/"few" in a
 * condition mean more than one or some (not a threshold) and stay silent.
 */
function countInCondition(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  if (c.end - c.start !== 1 || !CONDITION_COUNTS.has(tokens[c.start]!.norm)) return false;
  const part = partAt(ctx, c.start);
  if (!part.condition || !/^(?:if|when|whenever|while)$/.test(part.opener)) return false;
  const sentence = tokens[c.start]!.sentence;
  for (let k = Math.max(ctx.sentences[sentence]?.[0] ?? part.from, part.from - 120); k < part.from; k++) if (isModalKeyword(tokens[k]!)) return false;
  // "WHEN the customer has many orders THEN … paginate with a maximum of 10 orders per page": a number later in the
  // sentence gives the threshold.
  let keyword = false;
  // (At most 120 tokens on: a look to the end of a sentence of thousands of words, per candidate, would be quadratic.)
  for (let k = c.end; k < tokens.length && k < c.end + 120 && tokens[k]!.sentence === sentence; k++) {
    if (tokens[k]!.kind === 'number') return false;
    if (isModalKeyword(tokens[k]!)) keyword = true;
  }
  return keyword;
}

/** Is token `at` governed by a positive keyword at most two words before it ("should proactively try to")? */
function governedByKeyword(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const clause = tokens[at]!.clause;
  let j = at - 1;
  for (let words = 0; j >= 0 && words <= 2 && tokens[j]!.clause === clause; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'word') break;
    if (NEGATIONS.has(t.norm)) return false;
    if (isKeyword(t)) return !NEGATIONS.has(tokens[j - 1]?.norm ?? '');
    words++;
  }
  // A list item under a lead-in: "The system must:" / "- be able to export".
  return j < ctx.firstWord && inheritsAt(ctx, tokens[at]!.sentence);
}

/** Is token `at` in a list of examples ("e.g., A, B, etc.", "such as A, B and so on", "phrases like "A", "B", etc.")? */
function inExampleList(tokens: Token[], at: number): boolean {
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.clause === clause; j--) {
    const t = tokens[j]!;
    const n = t.norm;
    const before = tokens[j - 1]?.norm;
    if (n === 'e.g' || ((n === 'example' || n === 'instance') && before === 'for') || (n === 'as' && before === 'such') || n === 'like') return true;
    // A list of quoted phrases: the word before "etc." is a quotation.
    if (j >= at - 3 && t.quoted && t.kind === 'word') return true;
  }
  return false;
}

function firstKeywords(tokens: Token[], commentary: boolean): Map<number, number> {
  const first = new Map<number, number>();
  if (commentary) return first;
  tokens.forEach((t, i) => {
    if (!first.has(t.sentence) && isKeyword(t)) first.set(t.sentence, i);
  });
  return first;
}

/** Tokens per tagging window: a long sentence is tagged in overlapping windows, so tagging stays linear. */
const TAG_WINDOW = 48;

/** The part-of-speech tag of token `i` (its sentence, or its window of a long sentence, is tagged once, on demand). */
function posOf(ctx: BlockContext, i: number): string {
  const { tokens } = ctx;
  const sentence = tokens[i]!.sentence;
  const [first, last] = ctx.sentences[sentence]!;
  const w = Math.floor((i - first) / TAG_WINDOW);
  const key = first + w * TAG_WINDOW;
  const tags = ctx.tagged.get(key) ?? tagWindow(ctx, first, last, key);
  return tags.get(i) ?? 'X';
}

/**
 * Tags the window of posOf's `key` (its sentence runs from token `first` to `last`) and keeps its tags in the context.
 * Apart from posOf, which is asked often and optimized in each thread of a check, and from the loop that places the
 * tags (`placeTags`): with the tagging in a function V8 optimizes, it compiled wink's reader into it too (40-140 ms of
 * compiling per thread of a check, measured), for the few hundred calls that tag.
 */
function tagWindow(ctx: BlockContext, first: number, last: number, key: number): Map<number, string> {
  const { tokens, block } = ctx;
  const a = Math.max(first, key - 12);
  const b = Math.min(last, key + TAG_WINDOW + 12);
  const from = tokens[a]!.start;
  const tags = placeTags(tokens, a, b, from, tag(block.text.slice(from, tokens[b]!.end)));
  ctx.tagged.set(key, tags);
  return tags;
}

/** The tags of tokens `a` to `b`, from those of the text that starts at offset `from` (see tagWindow). */
function placeTags(tokens: Token[], a: number, b: number, from: number, tagged: Tagged[]): Map<number, string> {
  const tags = new Map<number, string>();
  let k = 0;
  for (let j = a; j <= b; j++) {
    const t = tokens[j]!;
    while (k < tagged.length && tagged[k]!.end + from <= t.start) k++;
    const w = tagged[k];
    if (w && w.start + from <= t.start && t.start < w.end + from) tags.set(j, w.pos);
  }
  return tags;
}

interface Candidate {
  start: number;
  end: number;
  category: AmbiguityCategory;
  term: string;
  /** Lexicon entry (its rule and question), or a class word. */
  entry?: LexiconEntry;
  word?: ClassWord;
  /** The pattern that fired: 'class', 'degree' (too + adjective), 'amount' (a large number of), 'comparative', 'superlative'. */
  pattern: 'lexicon' | 'class' | 'degree' | 'amount' | 'comparative' | 'superlative';
}

function scanBlock(
  ctx: BlockContext,
  matcher: Matcher,
  documentTerms: PhraseMap,
  options: AmbiguityOptions,
  termSeverity: ReadonlyMap<string, AmbiguitySeverity>,
  ignore: ReadonlySet<string>,
  out: AmbiguityFinding[],
  settled?: SectionSettlements,
): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.quoted || t.code) continue;
    const defined = matcher.glossary.match(tokens, i) ?? documentTerms.match(tokens, i);
    if (defined) {
      i += defined.words.length - 1;
      continue;
    }
    // Whether the token's sentence is a requirement is asked only of tokens that can start a finding: most words of a
    // block are neither a lexicon phrase nor a class word, and the answer scans the token's clause.
    const at = i;
    const match = matcher.phrases.match(tokens, i);
    let requirement: string | undefined;
    let candidate: Candidate | undefined;
    if (match && !match.entry && match.words[0] === 'the' && /^(?:most|least)$/.test(match.words[match.words.length - 1]!) && (requirement = requirementAt(ctx, at))) {
      const most = i + match.words.length - 1;
      // "the most significant bit": a term of art from "most" on is protected, as it is without "the".
      const term = matcher.phrases.match(tokens, most);
      if (term && !term.entry && term.words.length > 1) {
        i = most + term.words.length - 1;
        continue;
      }
      // "the most relevant": a superlative, not the bounded "the most".
      const sup = classCandidate(ctx, most);
      if (sup?.pattern === 'superlative') candidate = sup;
    }
    if (candidate) {
      // found above
    } else if (match) {
      const end = i + match.words.length;
      if (!match.entry) {
        i = end - 1;
        continue;
      }
      if (overlapsGlossary(matcher, tokens, i + 1, end)) continue;
      requirement = requirementAt(ctx, at) ?? ownCall(ctx, match.entry, tokens, i, end);
      const word = match.words.length === 1 ? CLASS_WORDS.get(t.norm) : undefined;
      if (word && match.entry.source !== 'user' && match.entry.category !== 'escape' && match.entry.category !== 'open-ended' && match.entry.category !== 'weak') {
        // Single evaluative words of the lexicon are judged like class words (part of speech, requirement, pattern).
        if (!requirement) continue;
        candidate = classCandidate(ctx, i);
        if (!candidate) continue;
        candidate.entry = match.entry;
        // The word keeps its lexicon entry's category and term (stable codes and `terms` settings).
        if (candidate.pattern === 'class' && candidate.end === i + 1) {
          candidate.category = match.entry.category;
          candidate.term = match.entry.term;
        }
      } else if (isAcronym(tokens, i)) continue;
      else candidate = { start: i, end, category: match.entry.category, term: match.entry.term, entry: match.entry, pattern: 'lexicon' };
    } else if (mayStartClassCandidate(t) && (requirement = requirementAt(ctx, at))) {
      candidate = classCandidate(ctx, i);
    }
    if (!candidate) continue;
    i = reportCandidate(ctx, candidate, requirement, t, options, termSeverity, ignore, out, settled);
  }
}

/**
 * The rest of `scanBlock` at a token that starts a candidate (few do): the candidate is judged, and a finding reported
 * unless it is ignored, cleared, off or suppressed. Returns the index the scan goes on from (the candidate's last token,
 * or the end of a degree's infinitive). Moved out of scanBlock's token loop unchanged, so that V8 compiles that loop,
 * optimized in each thread of a check, without this (rarely run) part.
 */
function reportCandidate(
  ctx: BlockContext,
  candidate: Candidate,
  requirement: string | undefined,
  t: Token,
  options: AmbiguityOptions,
  termSeverity: ReadonlyMap<string, AmbiguitySeverity>,
  ignore: ReadonlySet<string>,
  out: AmbiguityFinding[],
  settled: SectionSettlements | undefined,
): number {
  const { tokens, block } = ctx;
  const { start, end } = candidate;
  let i = end - 1;
  if (ignore.size && candidate.entry && ignore.has(termKey(candidate.entry.term))) return i;
  if (ignore.size && candidate.word && (ignore.has(termKey(candidate.word.base)) || ignore.has(t.norm))) return i;
  // "too old to be useful": the infinitive is the consequence of the degree, not a second finding.
  if (candidate.pattern === 'degree' && tokens[end]?.norm === 'to') i = partAt(ctx, end).to - 1;
  const why = judge(ctx, candidate, requirement);
  if (why === undefined) {
    // A requirement that defines the word's measure settles it for its section (see `SectionSettlements`).
    if (settled && requirement && candidate.word && definesMeasure(ctx, candidate)) settled.settle(candidate.word.base, aboutWords(ctx, candidate, true));
    return i;
  }
  const question = questionFor(ctx, candidate);
  const normative = isNormativeAt(ctx, start) || !!requirement;
  if (candidate.category === 'weak' && !normative) return i;
  const phrase = block.text.slice(tokens[start]!.start, tokens[end - 1]!.end);
  const base = defaultAmbiguitySeverity(ctx.authorityNormative, normative);
  const severity = severityOf(candidate, phrase, base, options, termSeverity);
  if (severity === 'off') return i;
  const from = block.start + tokens[start]!.start;
  if (options.isSuppressed?.(from, candidate.category)) return i;
  const finding: AmbiguityFinding = {
    category: candidate.category,
    term: candidate.term,
    start: from,
    end: block.start + tokens[end - 1]!.end,
    phrase,
    question,
    reason: why,
    normative,
    severity,
  };
  if (block.clauseId !== undefined) finding.clauseId = block.clauseId;
  out.push(finding);
  // Only quality and degree words can be settled by a formula (see `definesMeasure`).
  if (settled && candidate.word && candidate.pattern === 'class' && (candidate.word.dimension === 'quality' || candidate.word.dimension === 'degree')) {
    settled.found(finding, candidate.word.base, aboutWords(ctx, candidate, false));
  }
  return i;
}

const RFC_KEYWORD = /\b(?:MUST|SHALL|SHOULD|REQUIRED)\b/;
/** How far a CJK sentence is read around a match (a long sentence, not a whole hostile block). */
const CJK_LOOK_AROUND = 240;

/**
 * Japanese and Chinese phrases of `cjk.ts` in the block's requirement sentences: a criterion (`**SC-001**`, Given/When/
 * Then, an item of a criteria section), a sentence with an RFC 2119 keyword or an obligation of the language ("必须",
 * "しなければならない"), or a list item under a normative lead-in. Not in code spans or 「quoted」 wording, nor "など"
 * after "例えば" (a list of examples). Returns whether it added a finding.
 */
function scanCjk(
  ctx: BlockContext,
  matches: readonly CjkMatch[],
  options: AmbiguityOptions,
  termSeverity: ReadonlyMap<string, AmbiguitySeverity>,
  ignore: ReadonlySet<string>,
  out: AmbiguityFinding[],
): boolean {
  if (ctx.commentary) return false;
  const { block } = ctx;
  const text = block.text;
  let added = false;
  // Backticks of the block, once: a match after an odd number of them is inside a code span.
  const ticks: number[] = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i + 1)) ticks.push(i);
  let tick = 0;
  // Curly quotes of the block, once, as the backticks: the depth of “…” before each match (matches come in order).
  const quotes: number[] = [];
  CURLY_QUOTES.lastIndex = 0;
  for (let m = CURLY_QUOTES.exec(text); m; m = CURLY_QUOTES.exec(text)) quotes.push(m.index);
  let quote = 0;
  let depth = 0;
  for (const { entry, at } of matches) {
    while (tick < ticks.length && ticks[tick]! < at) tick++;
    for (; quote < quotes.length && quotes[quote]! < at; quote++) depth += text[quotes[quote]!] === '“' ? 1 : -1;
    if (ignore.has(termKey(entry.form))) continue;
    let from = at;
    while (from > 0 && at - from < CJK_LOOK_AROUND && !CJK_SENTENCE_END.test(text[from - 1]!)) from--;
    let to = at + entry.form.length;
    while (to < text.length && to - at < CJK_LOOK_AROUND && !CJK_SENTENCE_END.test(text[to]!)) to++;
    const sentence = text.slice(from, to);
    const keyword = RFC_KEYWORD.test(sentence);
    const obliged = keyword || CJK_MODAL.test(sentence);
    if (ctx.discussion && !ctx.criterion && !keyword) continue;
    const requirement = ctx.criterion || (obliged ? 'a requirement' : ctx.inherited ? 'a requirement (list item under a normative lead-in)' : undefined);
    if (!requirement) continue;
    const head = text.slice(from, at);
    // Inside a code span, or 「quoted」 wording.
    if (tick % 2 === 1) continue;
    if (head.split('「').length > head.split('」').length) continue;
    // Twenty-third round (read out of sample): inside “…” in the block, as a Chinese spec-kit's `**输入**：用户描述：“…”`
    // line quotes the user's request.
    if (depth > 0) continue;
    if (entry.category === 'open-ended' && CJK_EXAMPLE_MARKERS.test(head)) continue;
    if (entry.category === 'time' && CJK_TIME_BOUND.test(sentence)) continue;
    if (entry.category === 'vague' && CJK_EXAMPLES_AFTER.test(text.slice(at + entry.form.length, to))) continue;
    const normative = obliged || !!ctx.criterion || ctx.inherited;
    const base = defaultAmbiguitySeverity(ctx.authorityNormative, normative);
    const severity = severityOf({ category: entry.category, term: entry.form }, entry.form, base, options, termSeverity);
    if (severity === 'off') continue;
    const start = block.start + at;
    if (options.isSuppressed?.(start, entry.category)) continue;
    const finding: AmbiguityFinding = {
      category: entry.category,
      term: entry.form,
      start,
      end: start + entry.form.length,
      phrase: entry.form,
      question: cjkQuestion(entry),
      reason: `${entry.category} wording in ${entry.lang === 'ja' ? 'Japanese' : 'Chinese'} (“${entry.gloss}”) listed by clarifier, in ${requirement}`,
      normative,
      severity,
    };
    if (block.clauseId !== undefined) finding.clauseId = block.clauseId;
    out.push(finding);
    added = true;
  }
  return added;
}

/** Category of a class word by its dimension (and form). */
function categoryOf(word: ClassWord): AmbiguityCategory {
  if (word.form === 'comparative' || word.form === 'superlative') return 'comparative';
  switch (word.dimension) {
    case 'quantity':
      return 'quantity';
    case 'speed':
    case 'frequency':
    case 'recency':
      return 'time';
    default:
      return 'vague';
  }
}

/** Whether `classCandidate` can return a candidate at this token (its first checks, without the context). */
function mayStartClassCandidate(t: Token): boolean {
  const n = t.norm;
  return CLASS_WORDS.has(n) || DEGREE_MODIFIERS.has(n) || n === 'more' || n === 'less' || n === 'most' || n === 'least' || n === 'naturally' || n === 'correctly' || n === 'broad' || n === 'wide' || (!t.code && compoundClassWord(n) !== undefined);
}

/**
 * What can start a candidate in a block's tokens: `scanBlock` starts one only where a lexicon phrase with an entry
 * matches ('phrase'), or, in a requirement (`requirementAt`), at a word that opens a class candidate
 * (`mayStartClassCandidate`; "the most …" too, at "most") ('class'); undefined: neither. A superset of its tests
 * (quotes are not marked yet, glossary and document terms not skipped), so a block without either is skipped exactly.
 */
function candidateStarts(tokens: Token[], matcher: Matcher): 'phrase' | 'class' | undefined {
  let starts: 'class' | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.code) continue;
    if (matcher.phrases.match(tokens, i)?.entry) return 'phrase';
    if (!starts && mayStartClassCandidate(t)) starts = 'class';
  }
  return starts;
}

/**
 * Whether any sentence of a block can be a requirement: `requirementAt` finds one only outside commentary, with an RFC
 * 2119 keyword (`isKeyword`; checked here before quotes, participles and plain modals are marked, so a superset), a
 * criterion or a lead-in, and it checks this first (`BlockContext.mayRequire`), so a new kind of requirement must be
 * added here, where the block prefilter reads it.
 */
function mayRequire(commentary: boolean, inherited: boolean, hasKeyword: boolean, criterion: string | false | undefined): boolean {
  return !commentary && (inherited || !!criterion || hasKeyword);
}

/** Fifty-fourth round: a colon, a parenthesis or "including" within four tokens after `end`, before other punctuation. */
function membersListedAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 4 && tokens[k]!.sentence === sentence; k++) {
    const n = tokens[k]!.norm;
    if (n === ':' || n === '(' || n === 'including') return true;
    if (tokens[k]!.kind === 'punct') return false;
  }
  return false;
}

/** Nouns of a spread of kinds: "a broad set of features", "a wide range of devices", "a wide variety of inputs". */
const SPREAD_NOUNS = new Set(['set', 'range', 'variety', 'array', 'spectrum', 'selection']);

/**
 * Fifty-fourth round (set 7's tune half: "I want the site to load quickly and perform well across all devices"): "well"
 * right after a verb of performance grades how well it performs, as "efficiently" does; elsewhere ("as well", "well
 * known", "works well with") it stays a never-flagged word.
 */
function performsWell(tokens: readonly Token[], i: number): boolean {
  return tokens[i]!.norm === 'well' && /^(?:perform|performs|performing|scale|scales|scaling)$/.test(tokens[i - 1]?.norm ?? '') && tokens[i - 1]!.sentence === tokens[i]!.sentence;
}

/** A class word, a degree pattern ("too large"), an amount ("a large number of") or a bare comparative at token i. */
function classCandidate(ctx: BlockContext, i: number): Candidate | undefined {
  const { tokens } = ctx;
  const t = tokens[i]!;
  const next = tokens[i + 1];
  const nextOk = next !== undefined && next.kind === 'word' && !next.quoted && !next.code && next.sentence === t.sentence;
  if (DEGREE_MODIFIERS.has(t.norm) && nextOk) {
    const word = CLASS_WORDS.get(next.norm);
    const span = word && tokens[i + 2]?.norm === 'and' && CLASS_WORDS.has(tokens[i + 3]?.norm ?? '') ? 4 : 2;
    const cw: ClassWord = word ?? { base: next.norm, dimension: 'degree', form: 'adj' };
    const graded = word !== undefined || posOf(ctx, i + 1) === 'ADJ' || posOf(ctx, i + 1) === 'ADV';
    // Seventh round: "must be appropriately masked", "adequately tested": an evaluative adverb that grades no adjective
    // modifies the verb, like "properly" does; it is judged below as a class word. "too many" and "overly" need an
    // adjective.
    if (!graded && !CLASS_WORDS.has(t.norm)) return undefined;
    if (graded) return { start: i, end: i + span, category: word ? categoryOf(word) : 'vague', term: `${t.norm} ${cw.base}`, word: cw, pattern: 'degree' };
  }
  if ((t.norm === 'more' || t.norm === 'less') && tokens[i - 1]?.norm === 'the') return undefined;
  // "one or more positional arguments", "3 or fewer retries": a bound, not a comparison.
  if ((t.norm === 'more' || t.norm === 'less' || t.norm === 'fewer') && tokens[i - 1]?.norm === 'or' && (isNumberLike(tokens[i - 2]) || tokens[i - 2]?.norm === 'zero')) return undefined;
  // Tenth round: "so long as the output is handled", "so far as it can": a conjunction (provided that), not a length.
  if ((t.norm === 'long' || t.norm === 'far') && tokens[i - 1]?.norm === 'so' && tokens[i + 1]?.norm === 'as') return undefined;
  if ((t.norm === 'more' || t.norm === 'less' || t.norm === 'most' || t.norm === 'least') && nextOk && (CLASS_WORDS.has(next.norm) || posOf(ctx, i + 1) === 'ADJ')) {
    const word = CLASS_WORDS.get(next.norm) ?? { base: next.norm, dimension: 'degree' as const, form: 'adj' as const };
    const superlative = t.norm === 'most' || t.norm === 'least';
    // "the most recently received packet": a superlative of an order (size, recency, time) selects one exactly.
    if (superlative && ORDER_DIMENSIONS.has(word.dimension)) return undefined;
    return {
      start: i,
      end: i + 2,
      category: 'comparative',
      term: `${t.norm} ${word.base}`,
      word: { ...word, form: superlative ? 'superlative' : 'comparative' },
      pattern: superlative ? 'superlative' : 'comparative',
    };
  }
  // Fifty-fourth round (set 7's tune half: "e2e tests will focus on testing a broad set of features"): "a broad / wide
  // set, range, variety, array or spectrum of" is an amount with no count, as "a large number of" is.
  if ((t.norm === 'broad' || t.norm === 'wide') && (tokens[i - 1]?.norm === 'a' || tokens[i - 1]?.norm === 'an') && SPREAD_NOUNS.has(tokens[i + 1]?.norm ?? '') && tokens[i + 2]?.norm === 'of' && tokens[i + 2]!.sentence === t.sentence) {
    const spread: ClassWord = { base: t.norm, dimension: 'quantity', form: 'adj' };
    return { start: i - 1, end: i + 3, category: 'quantity', term: `a ${t.norm} ${tokens[i + 1]!.norm} of`, word: spread, pattern: 'amount' };
  }
  // "environment-appropriate thresholds": a compound of a fitness adjective is as open as the adjective.
  const correct = worksCorrectly(tokens, i);
  const word = CLASS_WORDS.get(t.norm) ?? (t.code ? undefined : compoundClassWord(t.norm)) ?? (naturalManner(tokens, i) ? NATURALLY : undefined) ?? (correct ? CORRECTLY : undefined);
  if (!word) return undefined;
  if (NEVER_FLAGGED.has(t.norm) && !mannerOfShowing(tokens, i) && !naturalManner(tokens, i) && !performsWell(tokens, i) && !correct) return undefined;
  // "the largest acknowledged packet", "the earliest date": a superlative of an order selects one exactly (the
  // maximum, the minimum); only evaluative superlatives ("the best", "the most appropriate") leave it open.
  if (word.form === 'superlative' && ORDER_DIMENSIONS.has(word.dimension)) return undefined;
  // "the 20 most recent tweets": "most" made it a superlative of an order, judged (exact) at "most".
  if ((tokens[i - 1]?.norm === 'most' || tokens[i - 1]?.norm === 'least') && ORDER_DIMENSIONS.has(word.dimension)) return undefined;
  // "can no longer process", "not any longer": an idiom of time, not a comparison.
  if (word.form === 'comparative' && (tokens[i - 1]?.norm === 'no' || tokens[i - 1]?.norm === 'any') && (t.norm === 'longer' || t.norm === 'more')) return undefined;
  // "a large number of", "an excessive amount of", "a small fraction of": the whole phrase asks how many.
  const before = tokens[i - 1]?.norm;
  if ((before === 'a' || before === 'an') && AMOUNT_NOUNS.has(tokens[i + 1]?.norm ?? '') && tokens[i + 2]?.norm === 'of') {
    return { start: i - 1, end: i + 3, category: 'quantity', term: `a ${word.base} ${tokens[i + 1]!.norm} of`, word: { ...word, dimension: 'quantity' }, pattern: 'amount' };
  }
  // An adverb before an adjective grades that adjective: "easily reversible" is about reversibility (not a finding
  // unless the adjective is evaluative too: "minimally disruptive" is one finding).
  // Fifty-eighth round (set 8's tune half: "falls back to periodically refreshing board state"): an adverb of speed or
  // frequency before an "-ing" word the tagger reads as an adjective modifies that verb form, as after it ("refreshing
  // board state periodically"); it is asked as an adverb, below.
  const timedGerund = (word.dimension === 'speed' || word.dimension === 'frequency') && ING_FORM.test(tokens[i + 1]?.norm ?? '');
  if (word.form === 'adv' && !timedGerund && tokens[i + 1]?.kind === 'word' && tokens[i + 1]!.sentence === t.sentence && posOf(ctx, i + 1) === 'ADJ') {
    const adj = CLASS_WORDS.get(tokens[i + 1]!.norm);
    // A degree adverb makes any adjective vague ("unusually old"); a quality adverb grades its adjective ("easily reversible").
    if (word.dimension === 'degree' && (!adj || adj.form === 'adj')) return { start: i, end: i + 2, category: 'vague', term: word.base, word, pattern: 'class' };
    if (!adj || NEVER_FLAGGED.has(tokens[i + 1]!.norm)) return undefined;
    return { start: i, end: i + 2, category: categoryOf(adj), term: adj.base, word: adj, pattern: 'class' };
  }
  // Coordinated evaluative adjectives are one finding: "lucid, succinct, and well-organized", "thorough and detailed".
  let end = i + 1;
  for (let k = i + 1; k < tokens.length && k <= i + 6 && tokens[k]!.sentence === t.sentence; k++) {
    const n = tokens[k]!.norm;
    if (n === ',' || n === 'and' || n === 'or') continue;
    const other = CLASS_WORDS.get(n);
    if (other?.form === word.form && other.dimension === word.dimension && !NEVER_FLAGGED.has(n)) end = k + 1;
    else break;
  }
  return { start: i, end, category: word.form === 'comparative' || word.form === 'superlative' ? 'comparative' : categoryOf(word), term: word.base, word, pattern: 'class' };
}

const VERB_MODALS = new Set(['must', 'shall', 'should', 'may', 'will', 'can', 'could', 'would', 'might']);

/** Thirty-third round: verbs of showing and telling, whose manner "clearly" grades (`mannerOfShowing`). */
const SHOWING_VERBS = /^(?:indicate|show|display|label|mark|highlight|distinguish|differentiate|communicate|convey|explain|present|signal|warn|inform|notify|identify|separate|visualize|visualise|surface)$/;
const SHOWN_PARTICIPLES = /^(?:indicated|shown|displayed|labeled|labelled|marked|highlighted|distinguished|differentiated|communicated|conveyed|explained|presented|signaled|signalled|identified|separated|visualized|visualised|surfaced)$/;

/**
 * Thirty-third round: "clearly" is a discourse adverb ("Clearly, the cache …", "is clearly wrong"), never a finding,
 * except as the manner of a required act of showing: right after a modal or "to" before a verb of showing ("SHALL
 * clearly indicate which ingredients are missing", "to clearly label the draft"), or between "be" after a modal and its
 * participle ("MUST be clearly marked"). There it asks what "clear error message" asks: what makes it clear? Not when the
 * sentence goes on to say how (a parenthesis, "e.g.", "such as").
 */
function mannerOfShowing(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (t.norm !== 'clearly' || !next || next.kind !== 'word' || next.code || next.quoted || next.sentence !== t.sentence) return false;
  const associated = next.norm === 'associated' && tokens[i + 2]?.norm === 'with';
  if (!SHOWING_VERBS.test(next.norm) && !SHOWN_PARTICIPLES.test(next.norm) && !associated) return false;
  // How it is shown, given after it: "clearly indicate it's truncated (show \"...\")", "with a visual label (e.g. grayed out)".
  // (Within 40 tokens: a sentence of thousands of "clearly indicate" reads each once, not to its end each time.)
  for (let k = i + 2; k < tokens.length && k < i + 42 && tokens[k]!.sentence === t.sentence; k++) {
    if (tokens[k]!.norm === '(' || tokens[k]!.norm === 'e.g.' || (tokens[k]!.norm === 'such' && tokens[k + 1]?.norm === 'as')) return false;
  }
  if (SHOWING_VERBS.test(next.norm)) return followsModal(tokens, i) || (tokens[i - 1]?.norm === 'to' && tokens[i - 1]!.sentence === t.sentence);
  if (SHOWN_PARTICIPLES.test(next.norm)) return (tokens[i - 1]?.norm === 'be' && followsModal(tokens, i - 1)) || shownModifier(tokens, i);
  // Forty-seventh round: "clearly associated with the field" (an error message tied to its field on screen).
  if (associated) return (tokens[i - 1]?.norm === 'be' && followsModal(tokens, i - 1)) || shownModifier(tokens, i);
  return false;
}

/**
 * Forty-seventh round: "each terminal tab to be labeled clearly", "error messages to be associated clearly with the
 * relevant form fields", "the sections to be labeled clearly": the noun before "clearly" (a reduced relative) or the
 * nouns after its participle (an attributive participle), and "with …" after "associated".
 */
function shownQuestion(ctx: BlockContext, c: Candidate): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  const participle = tokens[c.end];
  if (!participle || participle.sentence !== sentence) return undefined;
  const words: string[] = [];
  for (let k = c.start - 1; k >= 0 && k >= c.start - 4 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k--) {
    const pos = posOf(ctx, k);
    if (pos !== 'NOUN' && pos !== 'PROPN' && pos !== 'ADJ' && !(words.length && /^(?:each|every|the|all|its|their|any)$/.test(tokens[k]!.norm))) break;
    words.unshift(tokens[k]!.raw);
    if (/^(?:each|every|the|all|its|their|any)$/.test(tokens[k]!.norm)) break;
  }
  if (words.length && posOf(ctx, c.start - 1) === 'ADJ') return undefined;
  if (!words.length) {
    for (let k = c.end + 1; k < tokens.length && k <= c.end + 4 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k++) {
      const pos = posOf(ctx, k);
      if (pos !== 'NOUN' && pos !== 'PROPN') break;
      words.push(tokens[k]!.raw);
    }
  }
  if (!words.length) return undefined;
  let np = words.join(' ');
  if (!/^(?:each|every|the|all|its|their|any)\s/i.test(np)) np = `the ${np}`;
  let rest = '';
  if (participle.norm === 'associated') {
    const object: string[] = [];
    for (let k = c.end + 1; k < tokens.length && k <= c.end + 7 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k++) object.push(tokens[k]!.raw);
    rest = object.length ? ` ${object.join(' ')}` : '';
  }
  return `${np.charAt(0).toLowerCase() === np.charAt(0) ? np : np.charAt(0).toLowerCase() + np.slice(1)} to be ${participle.raw} clearly${rest}`;
}

/** Forms of "be" and the negation, after which "clearly" + participle describes a state ("is clearly marked"). */
const STATE_BEFORE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "isn't", "aren't", 'not', 'am']);

/**
 * Forty-seventh round (read out of sample on Kiro and spec-kit requirements): "clearly" + a participle of showing that
 * modifies a noun in a requirement — before it ("render abilities in clearly labeled sections") or after it, a reduced
 * relative ("display error messages clearly associated with the relevant form fields", "the current plan clearly
 * highlighted"). It asks what "MUST be clearly labeled" asks. Not after a form of "be" or "not" ("is clearly marked":
 * a state described, the thirty-third round's discourse reading), and not opening the sentence.
 */
function shownModifier(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev || prev.sentence !== tokens[i]!.sentence || prev.kind !== 'word' || STATE_BEFORE.has(prev.norm)) return false;
  return !VERB_MODALS.has(prev.norm);
}

/**
 * Fortieth round: "naturally" as the manner of a required act ("The assistant should write naturally", "MUST read
 * naturally"): right after a verb that follows a modal, ending its clause. Elsewhere the discourse adverb
 * ("Naturally, the server MUST …", "which naturally limits …") stays silent.
 */
const NATURALLY: ClassWord = { base: 'natural', dimension: 'quality', form: 'adv' };

function naturalManner(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.norm !== 'naturally' || i < 2) return false;
  const verb = tokens[i - 1]!;
  if (verb.kind !== 'word' || verb.sentence !== t.sentence || !followsModal(tokens, i - 1)) return false;
  const after = tokens[i + 1];
  return after === undefined || after.sentence !== t.sentence || (after.kind === 'punct' && /^[.,;:!]$/.test(after.norm)) || /^(?:and|or|in|to|when|while|with)$/.test(after.norm);
}

/**
 * Fifty-fifth round (fresh Kiro and PRD acceptance lists: "Mobile interface works correctly on all devices", "Backend API
 * integration works correctly"): "correctly" right after an intransitive verb of functioning ("works", "functions",
 * "behaves", "operates", "runs") says only that it must be right, as "functions properly" does; "correctly" stays
 * never-flagged elsewhere ("correctly calculates the total": the verb says what is right). Silent when the behaviour
 * before a change is the reference ("continues to work correctly", "still works correctly"), and when a colon or a
 * parenthesis right after says what correct is. The word after it must end the clause or open a phrase of place,
 * condition or company ("works correctly on all devices", "…when offline"): "the function correctly returns" is a verb.
 */
const CORRECTLY: ClassWord = { base: 'correct', dimension: 'quality', form: 'adv' };
const VERIFYING_VERB = /^(?:verify|verifies|test|tests|check|checks|ensure|ensures|validate|validates|demonstrate|demonstrates|confirm|confirms|assert|asserts|prove|proves)$/;
const FUNCTIONING_VERB = /^(?:work|works|working|worked|function|functions|functioning|functioned|behave|behaves|behaving|behaved|operate|operates|operating|operated|run|runs|running)$/;

/** The gerund of a verb of functioning (`FUNCTIONING_VERB`), for the question: "works" → "working". */
function functioningGerund(verb: string): string {
  if (verb.startsWith('run')) return 'running';
  if (verb.startsWith('behav')) return 'behaving';
  if (verb.startsWith('operat')) return 'operating';
  if (verb.startsWith('function')) return 'functioning';
  return 'working';
}

function worksCorrectly(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.norm !== 'correctly' || i < 1) return false;
  const verb = tokens[i - 1]!;
  if (verb.kind !== 'word' || verb.sentence !== t.sentence || !FUNCTIONING_VERB.test(verb.norm)) return false;
  const before = tokens[i - 2]?.norm;
  if (before === 'still' || (before === 'to' && /^continu/.test(tokens[i - 3]?.norm ?? ''))) return false;
  // A test's description ("Verify that the timeout works correctly across vendors", "test that rolling updates are
  // working correctly", "Ensure core components … function correctly"): the check the test runs is its criterion (the
  // 79 repositories' first run, KEP test plans). Twelve tokens back, in the sentence.
  for (let k = i - 2; k >= 0 && k >= i - 12 && tokens[k]!.sentence === t.sentence; k--) if (VERIFYING_VERB.test(tokens[k]!.norm)) return false;
  const after = tokens[i + 1];
  if (after === undefined || after.sentence !== t.sentence) return true;
  if (after.kind === 'punct' ? !/^[.,;!]$/.test(after.norm) : !/^(?:on|in|across|with|for|when|while|if|after|before|under|during|within|without|at|and|or|as|offline|online|again|everywhere)$/.test(after.norm)) return false;
  // "pagination works correctly with the filtered result set (total count reflects filtered results)", "… with filtered
  // results, reflecting the filtered total count": a parenthesis, a colon or a participle clause close after it says
  // what correct is (six tokens; the 79 repositories' first run).
  for (let k = i + 1; k <= i + 6 && k < tokens.length && tokens[k]!.sentence === t.sentence; k++) {
    const n = tokens[k]!.norm;
    if (n === '(' || n === ':') return false;
    if (n === ',' && tokens[k + 1]?.kind === 'word' && tokens[k + 1]!.sentence === t.sentence && /[a-z]{3}ing$/.test(tokens[k + 1]!.norm)) return false;
  }
  return true;
}

/** Adverbs that may stand between a modal and its verb: "MUST also clear", "SHALL then secure", "should never clear". */
const MODAL_ADVERBS = new Set(['also', 'always', 'only', 'then', 'still', 'never', 'first', 'now', 'just', 'additionally']);

/**
 * The word right after a modal (or "modal not", or a modal and an adverb of focus or time): a bare infinitive, a verb.
 * An adjective cannot follow a modal without "be" ("must also be clear").
 */
function followsModal(tokens: readonly Token[], i: number): boolean {
  let j = i - 1;
  if (MODAL_ADVERBS.has(tokens[j]?.norm ?? '') && tokens[j]!.kind === 'word' && tokens[j]!.sentence === tokens[i]!.sentence) j--;
  if (tokens[j]?.norm === 'not') j--;
  const m = tokens[j];
  return m !== undefined && m.kind === 'word' && m.sentence === tokens[i]!.sentence && VERB_MODALS.has(m.norm);
}

/** Words that open a determined noun phrase or stand for one (an object): what follows a verb, never an adjective. */
const OBJECT_OPENERS = new Set([
  'the', 'a', 'an', 'any', 'all', 'each', 'every', 'its', 'their', 'your', 'our', 'his', 'her', 'my', 'this', 'these',
  'those', 'it', 'them', 'him', 'us', 'me',
]);

/** Adjectives that are also verbs of an action on a thing: clear the cache, secure the channel, empty the queue. */
const VERB_ADJECTIVES = new Set(['clear', 'secure', 'clean', 'empty', 'free', 'open', 'close', 'slow']);

/**
 * The adjective form of a word that is also a verb (clear, secure, clean, free, empty, complete, correct…) is the verb
 * when the opening of its object follows it, adjacent in the text (a code span blanked between them, "a regular
 * `PersistentVolume` this field …", is a noun):
 *  - a determiner or an object pronoun, wherever it stands ("… and clear any cookies", "clean them"): an adjective
 *    cannot take a determined noun phrase after it. "clear that …" (a clause) and "a clear summary" stay;
 *  - a participle before its noun ("stored credentials", "pending jobs"), when the word is joined by "and"/"or" to the
 *    verb of a modal up to 16 tokens before it ("… SHALL redirect to the login page and clear stored credentials"). A
 *    gerund that ends the phrase is the adjective's noun ("and clear messaging"), and "show a message and clear
 *    instructions" (no object opener after it) keeps the adjective.
 * The tagger reads such a word as an adjective when no modal stands right before it.
 */
function verbBeforeObject(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (next === undefined || next.kind !== 'word' || next.sentence !== t.sentence) return false;
  // Nineteenth round: after a negated auxiliary or "to", with a word after it ("the scheduler doesn't clear
  // NominatedNodeName", "needs to clear caches"): the verb. "it is not clear whether", "easy to clear." stay.
  if (VERB_ADJECTIVES.has(t.norm) && afterVerbSlot(tokens, i) && !CLAUSE_OPENERS.has(next.norm)) return true;
  if (next.quoted || next.code) return false;
  if (next.start - t.end > 1) return false;
  if (OBJECT_OPENERS.has(next.norm)) return true;
  if (!VERB_ADJECTIVES.has(t.norm) || !/^(?:and|or)$/.test(tokens[i - 1]?.norm ?? '')) return false;
  // Fifteenth round: "MUST invalidate tokens and clear session state": a second verb of the modal, when the
  // verb right after the modal has an object with no determiner before "and" (a list of verb phrases).
  if (coordinatedVerb(tokens, i)) return true;
  const after = tokens[i + 2];
  if (!/^[a-z]+(?:ed|ing)$/.test(next.norm) || after?.kind !== 'word' || after.sentence !== t.sentence || /^(?:and|or)$/.test(after.norm)) return false;
  for (let j = i - 2; j >= 0 && j >= i - 16 && tokens[j]!.sentence === t.sentence; j--) {
    if (tokens[j]!.kind === 'word' && VERB_MODALS.has(tokens[j]!.norm)) return true;
  }
  return false;
}

/** Words after which "clear"/"secure" … is not a verb with an object: a clause or a preposition follows. */
const CLAUSE_OPENERS = new Set(['that', 'whether', 'if', 'how', 'what', 'why', 'when', 'to', 'about', 'on', 'from', 'in', 'for', 'with', 'of', 'by', 'at', 'as', 'and', 'or']);

/** Token `i` stands where only a verb can: after "doesn't", "never", "MUST NOT", "does not" or "to" (not "be … to"). */
function afterVerbSlot(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.norm ?? '';
  if (/^(?:doesn't|don't|didn't|won't|cannot|can't|mustn't|shouldn't|wouldn't|couldn't|never|doesn’t|don’t|didn’t|won’t|can’t)$/.test(prev)) return true;
  const before = tokens[i - 2]?.norm ?? '';
  if (prev === 'not') return /^(?:do|does|did|must|shall|should|will|would|can|could|may|might)$/.test(before);
  return prev === 'to' && /^(?:needs?|needed|has|have|had|wants?|tries|try|used|able|attempts?|ought|going)$/.test(before);
}

/**
 * "System MUST invalidate tokens and clear session state", "SHALL update new targets first and clean old
 * managed targets": the modal, a verb in its base form, one to five words of its object with no determiner, "and",
 * then the word. Only base forms a verb list names (`BASE_VERBS`): the adjective reading ("MUST be fast and clear")
 * has "be".
 */
function coordinatedVerb(tokens: readonly Token[], i: number): boolean {
  const sentence = tokens[i]!.sentence;
  let determined = false;
  for (let j = i - 3; j >= 0 && j >= i - 7 && tokens[j]!.sentence === sentence; j--) {
    const t = tokens[j]!;
    // "show a message and clear instructions", "log the event and clear messaging": a determiner in the first object
    // makes "clear …" a second object (the adjective reading), as the eleventh round has it; after a verb of ending or
    // undoing it is another such act all the same ("invalidate all tokens and clear session cookies"; nineteenth round).
    if (t.kind !== 'word') return false;
    if (OBJECT_OPENERS.has(t.norm)) {
      determined = true;
      continue;
    }
    if (VERB_MODALS.has(t.norm) || isKeyword(t)) {
      const verb = tokens[j + 1]!.norm;
      return BASE_VERBS.has(verb) && (!determined || UNDOING_VERBS.has(verb));
    }
  }
  return false;
}

/**
 * Verbs of ending or undoing in their base form (`coordinatedVerb`): after them a second "clear"/"clean" is another
 * such act. Not verbs of giving or showing: "MUST provide logs and clear instructions", "display results and clear
 * errors" read as a second object.
 */
const BASE_VERBS = new Set([
  'update', 'remove', 'delete', 'reset', 'close', 'stop', 'cancel', 'invalidate', 'revoke', 'sign', 'end', 'terminate',
  'release', 'drop', 'discard', 'purge', 'flush', 'archive', 'disconnect', 'logout', 'exit', 'abort', 'unmount', 'dispose',
  'destroy', 'restore', 'redirect', 'hide', 'dismiss',
]);

/** Of `BASE_VERBS`, those that end or undo something: a second "clear" after their determined object is one too. */
const UNDOING_VERBS = new Set(['remove', 'delete', 'reset', 'cancel', 'invalidate', 'revoke', 'terminate', 'purge', 'flush', 'discard', 'destroy', 'dispose', 'logout', 'abort']);

/** Dimensions whose words order things (by size, count, time): their superlatives select exactly. */
const ORDER_DIMENSIONS: ReadonlySet<string> = new Set(['size', 'quantity', 'recency', 'speed', 'frequency']);

const TRIGGER_WORDS = new Set(['when', 'whenever', 'upon', 'after', 'once', 'if', 'while', 'following', 'during']);

/** A mechanism (TLS, HTTPS, a named algorithm) earlier in the sentence of `at`, up to 30 tokens back ("OAuth", the subject, is none). */
function mechanismBefore(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  for (let k = at - 1; k >= 0 && k >= at - 30 && tokens[k]!.sentence === sentence; k--) {
    const n = tokens[k]!.norm;
    if (ALGORITHMS.test(n) || n === 'https') return true;
  }
  return false;
}

/** Nouns of an unnamed stretch of time ("after a while", "after some time"). */
const VAGUE_SPANS = new Set(['while', 'time', 'bit', 'period', 'delay', 'moment', 'some', 'stable', 'ready']);

/** Words that open the event a deadline is counted from ("following upstream graduation", "once the API is GA"). */
const EVENT_CUES = new Set(['following', 'after', 'upon', 'once']);

/** Within four words after "eventually" (its verb, a comma), an event cue and the event: "eventually removed, following …". */
function eventNamedAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k <= end + 4 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (EVENT_CUES.has(t.norm)) {
      // "after a while", "after some time", "once it is stable" name no event.
      if (tokens[k + 1]?.kind !== 'word' || tokens[k + 1]!.sentence !== sentence) return false;
      for (let j = k + 1; j <= k + 3 && tokens[j]?.kind === 'word'; j++) if (CLASS_WORDS.has(tokens[j]!.norm) || VAGUE_SPANS.has(tokens[j]!.norm)) return false;
      return true;
    }
    if (t.kind !== 'word' && t.norm !== ',') return false;
  }
  return false;
}

/** Stems of words that name a threat or an attacker ("from eavesdroppers", "from tampering", "from unauthorized access"). */
const THREAT_STEM = /^(?:eavesdrop|attack|tamper|theft|thiev|forg|replay|spoof|intercept|disclos|leak|unauthori[sz]|malicious|impersonat|adversar|injection|snoop|sniff|interfer|manipulat|modification|downgrade|brute)/;

/**
 * A security word followed by the threats it must resist: "against" and a noun phrase ("secure against replay"), or
 * "from" and a threat within three words ("secure from eavesdroppers", "safe from unauthorized modification"). "secure
 * from the start" names none and still asks.
 */
function threatNamedAfter(tokens: readonly Token[], end: number): boolean {
  const t = tokens[end];
  if (!t || (t.norm !== 'against' && t.norm !== 'from')) return false;
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end + 1; k < tokens.length && k <= end + 3 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k++) {
    const n = tokens[k]!.norm;
    if (THREAT_STEM.test(n) || (t.norm === 'against' && !DETERMINERS.has(n) && !CLASS_WORDS.has(n))) return true;
  }
  return false;
}

/** A baseline named after a comparative within ten words of its sentence: "compared to/with", "in comparison to/with", "relative to", "versus". */
function comparedAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 10 && tokens[k]!.sentence === sentence; k++) {
    const n = tokens[k]!.norm;
    const next = tokens[k + 1]?.norm;
    if ((n === 'compared' || n === 'comparison' || n === 'relative') && (next === 'to' || next === 'with')) return true;
    if ((n === 'versus' || n === 'vs' || n === 'vs.') && tokens[k + 1]?.kind === 'word') return true;
  }
  return false;
}

/** The lexicon's calls for care (`weak`): findings also right after an RFC 2119 keyword. */
const CARE_TERMS = new Set(['care must be taken', 'err on the side of caution']);

/**
 * Seventeenth round: a call for care with its own modal ("caution should be exercised to assure that it does not",
 * "Care should be taken to prevent the disclosure of this information") asks for behaviour it does not name, also where
 * a lowercase "should" is no BCP 14 keyword (an IETF draft's security considerations) or in discussion.
 */
function ownCall(ctx: BlockContext, entry: LexiconEntry, tokens: readonly Token[], start: number, end: number): string | undefined {
  if (entry.term !== 'care must be taken' || ctx.commentary) return undefined;
  for (let k = start; k < end; k++) if (/^(?:must|should|shall|needs)$/.test(tokens[k]!.norm)) return 'a call for care';
  return undefined;
}

/**
 * After a call for care: ", minimizing …", "by checking …", ": …" in the same sentence; or a next sentence that says how
 * ("… care must be taken to support cluster downgrades safely. To accomplish this, the …", "For example, …").
 */
function careSpelledOut(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  const n = nextSentenceAfter(tokens, end);
  if (n >= 0) {
    const words = tokens.slice(n, n + 4).filter((t) => t.kind === 'word').map((t) => t.norm).join(' ');
    if (/^(?:to (?:accomplish|achieve|do) (?:this|that|so)|this means|for example|for instance|e\.g|specifically|in particular)\b/.test(words)) return true;
  }
  const next = tokens[end];
  if (next === undefined || next.sentence !== sentence) return false;
  if (next.norm === ':') return true;
  const k = next.norm === ',' || next.norm === 'by' ? end + 1 : -1;
  const verb = tokens[k];
  return verb !== undefined && verb.sentence === next.sentence && verb.kind === 'word' && /^[a-z]{3,}ing$/.test(verb.norm) && (next.norm === 'by' || tokens[k + 1]?.kind === 'word');
}

/**
 * Whether a candidate is a finding, and why (the reason shown with it), or undefined. Applies, in order: the entry's
 * context rule, the part of speech (a class word must be used as an adjective or adverb, not as a verb or a proper
 * name), the document's terms, bounds of the candidate's own dimension, example lists and cross-references.
 */
function judge(ctx: BlockContext, c: Candidate, requirement: string | undefined): string | undefined {
  const { tokens } = ctx;
  const { start, end } = c;
  const entry = c.entry;
  const next = tokens[end];
  const nextWord = next?.kind === 'word' ? next.norm : undefined;
  const where = requirement ?? (ctx.authorityNormative ? 'a normative clause' : 'prose');
  // Outside a requirement only a lexicon entry in a normative clause can be a finding (see the end of the entry rules
  // below): decided first, as the rules before that end only ever clear a candidate and some of them tag the sentence.
  if (shortcuts && !requirement && !(entry && ctx.authorityNormative)) return undefined;
  // Two cheap verdicts decided before the rules below (which only ever clear a candidate, up to the places these tests
  // have further down, so the order changes no verdict; the pass's cost is in the candidates these clear):
  // - a `number-after` entry ("about", "around", "nearly") is a finding only right before a number (most of these words
  //   are prepositions: "questions about the data");
  // - a class word with no lexicon entry that is not used as a modifier here ("the prompt", "MUST clear the state") is
  //   no finding: no rule before `usedAsModifier`'s own place finds such a word, except a condition that names its cases.
  // Shortcuts (passShortcuts.test.ts runs the pass without them and compares).
  if (shortcuts && entry?.rule === 'number-after' && !isNumberLike(next)) return undefined;
  if (shortcuts && c.word && !entry && !(end - start === 1 && casesOpener(ctx, start)) && !usedAsModifier(ctx, c)) return undefined;
  // "For example, the assistant should be able to …": an illustration of the rule before it, not a rule.
  if (illustrationSentence(ctx, start)) return undefined;
  // Twenty-eighth round (read out of sample on policy and guideline prose): the reader's or a named party's own
  // judgement, a rejected alternative, a degree bounded by its result clause, a summary's restatement (`guideJudged`).
  if (guideJudged(ctx, c)) return undefined;
  // Thirty-first round (read out of sample on protocol specifications): a permission's ability, a label, the practice
  // named, the value's own count, thread safety (`protocolSettled`).
  if (protocolSettled(ctx, c)) return undefined;
  // Thirty-second round (read out of sample on instructions for assistants and coding agents): a permission, the word
  // defined by the next sentence, a comparison with the whole divided, "not simply X, but", examples of a category,
  // "fresh" not of age (`agentGuideSettled`).
  if (agentGuideSettled(ctx, c)) return undefined;
  // Thirty-fourth round (read out of sample on normative documents of the Model Spec's kind): an appearance, "immediate"
  // of a want or a relation, what the reader is to keep in mind, the word answered after a colon or a dash
  // (`policySettled`).
  if (policySettled(ctx, c)) return undefined;
  // Fiftieth round (read out of sample on policy, moderation, contribution and style-guide prose): "about" of a topic, an
  // existential lead-in to the list that follows, what the reader will see, "mark as required", examples after a
  // predicate adjective, "by and large", "some more", a question (`policyProseSettled`).
  if (policyProseSettled(ctx, c, requirement)) return undefined;
  // Fifty-sixth round (read out of sample on fresh spec-kit, Kiro and OpenSpec specs and normative prose): a quality as
  // the purpose of a stated bound, a time word as the alternative a contrast excludes, "plain" before a technology's
  // name, a run-in bold label (`freshSpecSettled`).
  if (freshSpecSettled(ctx, c)) return undefined;
  // Thirty-fifth round (read out of sample on OpenSpec specs and their scenarios): "in quick succession", "readable" of
  // a data source, a realtime event, a count defined by the limit it reaches, "approximately" before a range, "or
  // equivalent" before the kind it names (`openSpecSettled`).
  if (openSpecSettled(ctx, c)) return undefined;
  // Thirty-seventh round (read out of sample on spec-kit and Kiro specs): "required" of a noun after "if"/"as", an
  // optional part of a person's ability (`specKitSettled`).
  if (specKitSettled(ctx, c)) return undefined;
  // Thirty-eighth round (false alarms two readings out of sample saw on different repositories): "the appropriate X"
  // with its basis ("based on …"), the word answered in a parenthesis right after it, a definition after a colon that
  // follows the word's noun phrase (`answeredInPlace`).
  if (answeredInPlace(ctx, c)) return undefined;
  // "Replacing a photo is reflected on the next refresh, with no stale photo shown": "stale" ruled out after a change
  // the sentence names is the state from before that change, not an age (`staleOfChange`).
  if (staleOfChange(ctx, c)) return undefined;
  // Eighteenth round: "Consider various kinds of alternative ordering", "Explore better defaults": a sentence that asks
  // for deliberation names what to think about; it requires no result whose wording could be vague.
  if (deliberationSentence(ctx, start)) return undefined;
  // "advising that immediate help should be sought": the modal is the content of what is said, not a requirement.
  if (reportedClause(ctx, start)) return undefined;
  // "…, in order to prevent a fast sender from …", "to avoid declaring packets lost too early": a purpose, not a rule.
  if (inPurpose(ctx, start)) return undefined;
  // Tenth round: "a comment explaining why the assertion is safe", "document which imports are acceptable": the
  // predicate of a question the requirement asks the author to answer; what is required is the answer.
  if (embeddedQuestion(ctx, start)) return undefined;
  // Eighth round: "store records with indexed fields for efficient querying": what the requirement is for, not what it
  // requires. "use a card layout for small screens" (a target, not an activity) stays.
  if (purposeAdjunct(ctx, c)) return undefined;
  // "deemed secure, in an implementation-defined manner": the spec leaves it open on purpose.
  if (delegated(ctx, start)) return undefined;
  // "Endpoints MUST be able to deliver …": a capability required with an RFC 2119 keyword is not a weak phrase.
  // The same with SHOULD (fifth round): the keyword sets the strength; "be able to" weakens nothing further.
  // Not a call for care (sixteenth round): "Users MUST exercise caution" still names no behaviour.
  if (c.category === 'weak' && /^(?:MUST|SHALL|SHOULD|REQUIRED)$/.test(tokens[start - 1]?.raw ?? '') && !CARE_TERMS.has(c.term)) return undefined;
  // "it should err on the side of caution, minimizing expected irreversible costs (see …)": the care is spelled out
  // right after it (a participle or "by" + one, or a colon).
  if (CARE_TERMS.has(c.term) && careSpelledOut(tokens, end)) return undefined;
  // Fifteenth round: "Users must be able to authenticate using Google OAuth 2.0", "I should be able to configure the
  // thresholds": a person's ability is what the system must give them, the usual form of a functional requirement;
  // only a system's "must be able to" leaves open whether it does the thing.
  if (c.category === 'weak' && tokens[start]!.norm === 'be' && isKeyword(tokens[start - 1] ?? tokens[start]!) && personBefore(tokens, start - 1)) return undefined;
  // "there should not be any large changes", "users should expect negligible latency increases": an expectation (the
  // epistemic "should"), not a requirement. "Users should get a short summary" stays.
  if (expectationOnly(ctx, start)) return undefined;
  // Tenth round: "Upgrade should be trivial since kube-proxy ignores the field", "so it should be safe for version skew",
  // "We believe CEL should be sufficient": a lowercase "should" whose predicate is the word, with the evidence for it (a
  // reason after it, an inference or a belief before it), predicts an outcome; it does not require one. "The install
  // should be straightforward" (no evidence) and "MUST be safe because …" stay.
  if (predictedOutcome(ctx, start)) return undefined;
  // "a disclaimer that acknowledges a lack of expertise or proper training": the absence of a quality is named, not
  // required; nothing is left to implement. "must not act without proper authorization" stays.
  if (absenceNamed(tokens, start)) return undefined;
  // Eighteenth round: "in place of today's plain welcome placeholder", "keep using the existing readable body typeface":
  // the adjective describes a thing that already exists, to name which one; it sets no bar for what is built.
  if (c.pattern === 'class' && c.word?.form === 'adj' && existingReferent(tokens, start)) return undefined;
  // Eighteenth round: "the pod's effective resource requests", "report effective artifact behavior", "the effective
  // stop signal": before a value or a setting, "effective" is the one in force (after defaults, overrides and rules),
  // a computed fact, not a judgement of how well it works. "effective marketing campaigns" and "more effective" stay.
  if (c.pattern === 'class' && c.word?.base === 'effective' && c.word.form === 'adj' && inForceValue(ctx, start)) return undefined;
  // "The maintainers confirmed … that the field was sufficient for their use case" (a graduation criterion's record):
  // a past "was"/"were" with no keyword before it in its sentence reports what was found; it requires nothing.
  if (c.word?.form === 'adj' && pastReport(tokens, start)) return undefined;
  // "MUST NOT treat deactivated authorizations as sufficient for issuing certificates", "regards the reply as
  // acceptable": the adjective is the class the verb puts its object in, a decision the sentence states; it sets no
  // quality bar. "must respond as quickly as possible" (a comparison) and "must be treated fairly" stay.
  if (classifiedAs(ctx, c)) return undefined;
  // Fourteenth round: "one that's acceptable according to its policy", "it is acceptable to generate Replay-Nonces
  // randomly": a rule named as the judge, or a permission ("it is acceptable to" = it is allowed to). "MUST return an
  // acceptable error" stays.
  if (c.word?.form === 'adj' && end - start === 1 && (judgedByRule(tokens, end) || permissionPhrase(tokens, start))) return undefined;
  // Fourteenth round: "this option effectively becomes another privileged field", "effectively making cgroup v1
  // unsupported": "in effect", a comment on the outcome, not a manner. "MUST communicate effectively" stays.
  if (tokens[start]!.norm === 'effectively' && end - start === 1 && inEffect(tokens, end)) return undefined;
  // "the effective scope", "prompt files", "normal update logic": another, exact sense of the word.
  if (end - start === 1 && otherSense(ctx, start)) return undefined;
  // Fifteenth round: a look-and-feel adjective judges a design only before a noun of design ("soft warm tones", "premium
  // serif fonts", "refined margins"); "a warm cache", "soft delete", "the premium plan" are exact. After "the (exact)
  // same" it names a design stated elsewhere ("inherit the exact same warm-minimalist layout"): asked there.
  // Thirty-third round: "within 250ms on modern devices", "on modern hardware": "modern" before a device it is
  // measured on names a reference condition (`REFERENCE_WORDS`), asked as "typical hardware" is.
  // Fifty-eighth round (set 8's tune half): "the text appears crisp and readable": a list that a design word opens is
  // judged by its other words too; a word of another class in it ("readable") still asks, with the list.
  if (c.word && DESIGN_WORDS.has(c.word.base) && (!designNounAfter(tokens, end) || sameBefore(tokens, start)) && !modernDevice(ctx, c) && !otherClassInList(tokens, c)) return undefined;
  // Twenty-seventh round: "key" grades a selection of content only ("display key metrics", "highlight key points"); a
  // listed selection ("key metrics: revenue and orders", "key details including …", "five key details") is answered.
  // In a policy for an assistant ("summarize the key points up front") the content is the user's, unknown to the spec:
  // which points are key is the judgement asked for, not a list the spec could give.
  if (c.word?.base === 'key' && (ctx.domain === 'policy' || !keySelection(tokens, start, end))) return undefined;
  // Fifty-fourth round: "a broad set of features: login, search and checkout", "a wide range of devices (iPhone 12+,
  // Pixel 6+)": the list after the noun names the members.
  // After "by" it is the agent of a passive ("errors can be caused by a wide variety of things"): what causes a case,
  // not what is required (read on the 79 labeled repositories, a KEP's questionnaire answer).
  if (c.pattern === 'amount' && (c.word?.base === 'broad' || c.word?.base === 'wide') && (membersListedAfter(tokens, end) || tokens[start - 1]?.norm === 'by')) return undefined;
  // Twenty-seventh round: "SHALL run continuously", "sidecars should run continuously", "messages scroll continuously in
  // a marquee": without stopping, a duration or a motion, not how often something recurs; "monitor latency
  // continuously" still asks how often.
  if ((c.word?.base === 'continuously' || c.word?.base === 'constantly') && runningBefore(tokens, start)) return undefined;
  // Fifteenth round: "do not persist session tokens in `localStorage` or other insecure client-side storage", "PDFs,
  // videos and other large files", "moving, falling, or otherwise unsafe footing": the things named before "other" are
  // what the word means; nothing is left to ask.
  if (c.word && c.word.form === 'adj' && /^(?:other|otherwise)$/.test(tokens[start - 1]?.norm ?? '') && /^(?:or|and|,)$/.test(tokens[start - 2]?.norm ?? '') && tokens[start - 3] !== undefined && tokens[start - 3]!.sentence === tokens[start]!.sentence) return undefined;
  // Fifteenth round: "return an appropriate message indicating no invoices found", "a clear error explaining which
  // field is invalid": the message's content is stated; what it must say is the answer. "a clear error message" stays.
  if (c.word && (c.word.dimension === 'quality' || c.word.dimension === 'degree') && c.word.form === 'adj' && contentStated(tokens, end)) return undefined;
  // Fifteenth round: "a recent activity feed showing the most recent 5 items", "recent sessions … the 5 most recent":
  // the sentence counts them.
  if (c.word?.base === 'recent' && c.word.form === 'adj' && end - start === 1 && countedRecent(ctx, start)) return undefined;
  // Fifteenth round: "shown by its readable description rather than a bare code", "integer values to readable terms —
  // so no screen reads raw type numbers": readable by a person as against a raw code (human-readable), exact.
  if (c.word?.base === 'readable' && c.word.form === 'adj' && end - start === 1 && sentenceHas(ctx, start, /^(?:raw|bare)$/)) return undefined;
  // Twenty-second round: "a human readable string" is "human-readable" without its hyphen (text for a person, not a
  // machine), as exact as the hyphenated word, which no class holds; so is "machine readable".
  if (c.word?.base === 'readable' && end - start === 1 && /^(?:human|machine)$/.test(tokens[start - 1]?.norm ?? '')) return undefined;
  // Fifteenth round: "the Clear Filters button", "a Quick Add menu": a control's label in title case, a name.
  if (c.word && end - start === 1 && controlLabel(tokens, start)) return undefined;
  // Fifteenth round: "present deferred cleanup apart from immediate removals": "immediate" sorts against "deferred"
  // (done now, not later), a kind, not a delay.
  if (c.word?.base === 'immediate' && c.word.form === 'adj' && end - start === 1 && sentenceHas(ctx, start, /^(?:deferred|delayed|scheduled|queued|later)$/)) return undefined;
  // Fifteenth round: "WHEN the user has sufficient credits THEN the System SHALL deduct credits": enough for the
  // operation at hand, which the operation's cost decides exactly. "sufficient contrast" still asks.
  if (c.word?.base === 'sufficient' && c.word.form === 'adj' && end - start === 1 && RESOURCES.has(tokens[end]?.norm ?? '') && /^(?:has|have|having|had|with|without|lacks|lack|lacking|no)$/.test(tokens[start - 1]?.norm ?? '')) return undefined;
  // Fifteenth round: "All pages MUST be responsive and usable on screen widths from 320px", "a responsive layout":
  // responsive web design (a layout that adapts to the screen), a technique, not a delay. "The UI must remain
  // responsive while …" (a delay) stays.
  if (c.word?.base === 'responsive' && end - start === 1 && responsiveDesign(ctx, start)) return undefined;
  // Fifteenth round: "a bottom sheet on compact viewports", "compact, medium/expanded, and wide tiers": a window size
  // class (Material Design's compact / medium / expanded), a named range of widths. "a compact summary" stays.
  if (c.word?.base === 'compact' && end - start === 1 && sizeClass(tokens, start)) return undefined;
  // Fifteenth round: "a clean system", "a clean install": new, with nothing carried over (as "fresh" is). "clean
  // output" and "a clean layout" stay.
  if (c.word?.base === 'clean' && c.word.form === 'adj' && end - start === 1 && NEW_INSTANCE_NOUNS.has(tokens[end]?.norm ?? '')) return undefined;
  // Twelfth round: "select from reserved values with the high-order bit clear": a bit's value (set or clear), exact.
  if (c.word?.base === 'clear' && end - start === 1 && /^(?:bit|bits|flag|flags)$/.test(tokens[start - 1]?.norm ?? '')) return undefined;
  // Sixteenth round: "MUST NOT be sent to the joiner until it's clear that the Commit has been accepted": "it is clear
  // that/whether" states what is known, not a quality of anything. "It MUST be clear to the user that …" (a keyword
  // right before the copula) stays.
  if (c.word?.base === 'clear' && c.word.form === 'adj' && end - start === 1 && knownThat(tokens, start)) return undefined;
  // Sixteenth round: "When implementations are freshly started, they SHOULD …": newly, just now (of a participle); not
  // an age of data.
  if (c.word?.base === 'fresh' && c.word.form === 'adv' && end - start === 1 && /^(?:is|are|was|were|be|been|being)$/.test(tokens[start - 1]?.norm ?? '') && /^[a-z]+(?:ed|en|t)$/.test(tokens[end]?.norm ?? '') && tokens[end]!.sentence === tokens[start]!.sentence) return undefined;
  // Thirty-fifth round: the same before a participle that modifies a noun ("against a freshly provisioned database",
  // "a freshly created account"): newly made. "freshly" alone ("data shown freshly") stays.
  if (c.word?.base === 'fresh' && c.word.form === 'adv' && end - start === 1 && /^[a-z]+(?:ed|en)$/.test(tokens[end]?.norm ?? '') && tokens[end]!.sentence === tokens[start]!.sentence && /^(?:a|an|the|each|every|any|on|against|into|onto|in|from|with|for|to)$/.test(tokens[start - 1]?.norm ?? '') && tokens[end + 1]?.kind === 'word' && tokens[end + 1]!.sentence === tokens[start]!.sentence && /^(?:NOUN|PROPN|ADJ)$/.test(posOf(ctx, end + 1))) return undefined;
  // "- **WHEN** some tasks are incomplete": a scenario's condition step names a situation; "some" there is existential
  // (at least one), nothing a test could not set up. "The CLI MUST retry some requests" still asks how many.
  // Eleventh round: the same for "several" and "various" (more than one, no magnitude): "- **WHEN** several artifacts
  // are ready at once"; "many" and "few" (a magnitude) still ask.
  // The word stands in the condition itself: an EARS criterion "WHEN … THEN the system SHALL include various lengths"
  // opens with WHEN too, and its outcome is asked.
  if (EXISTENTIAL.has(tokens[start]!.norm) && end - start === 1 && CONDITION_STEPS.has(scenarioStep(ctx.block.text)?.step ?? 'then') && !outcomeBefore(ctx, start)) return undefined;
  // "SHOULD set a timer … in case some objects are still inbound", "if some entries fail": "some" as the subject of a
  // condition is existential (at least one), as in a scenario's WHEN step. "MUST retry some requests" still asks.
  if (EXISTENTIAL.has(tokens[start]!.norm) && end - start === 1 && existentialCondition(tokens, start)) return undefined;
  // Thirteenth round: "In some other cases, such as when the user indicates illicit intent, the assistant should simply
  // refuse": a requirement opening with a condition that names its cases by a vague amount; which cases is the question
  // ("In most cases" is a hedge of its own, `generally`).
  // A permission ("In some cases, the server MAY close it") leaves the cases to the implementer on purpose.
  if (requirement && end - start === 1 && casesOpener(ctx, start) && !permissionOnly(ctx, start)) return `a condition that names its cases by a vague amount, in ${where}`;
  // "framed by some other origin than the one used": "some other" is "a different", no amount.
  if (tokens[start]!.norm === 'some' && end - start === 1 && nextWord === 'other') return undefined;
  // "SHOULD have some mechanism to …", "include some discussion of …": before a singular noun "some" is "a" (one,
  // unnamed), no amount to ask about. Before a plural ("retry some requests") or a noun of measure ("wait some time",
  // "some delay") it still asks how many or how much.
  if (tokens[start]!.norm === 'some' && end - start === 1 && singularAfter(ctx, end)) return undefined;
  // Tenth round: "restrict delivery of some or all header fields", "all or some of the records": a free choice of any
  // part, the whole included; the requirement leaves which part to the implementer on purpose, and every choice
  // conforms. "export some of the records" still asks how many.
  if (tokens[start]!.norm === 'some' && end - start === 1 && someOrAll(tokens, start)) return undefined;
  // Tenth round: "tracks how long the controller takes", "indicates how often streaming RPCs fail": "how" makes a word
  // of a measurable dimension (time, frequency, size, amount, recency) a question of measurement, whose answer is the
  // measured value; nothing is judged. The same word outside the question ("requeue quickly") stays.
  if (c.word && end - start === 1 && ORDER_DIMENSIONS.has(c.word.dimension) && tokens[start - 1]?.norm === 'how') return undefined;
  // Tenth round: "arbitrarily many clients", "arbitrarily large values": no limit at all, which is exact.
  if (c.word && (c.word.dimension === 'quantity' || c.word.dimension === 'size') && tokens[start - 1]?.norm === 'arbitrarily') return undefined;
  // "the one most suited to …": "most" before an adjective or participle is a superlative, not an amount. Eighteenth
  // round: before an adverb too ("the policy that was most recently committed").
  if (entry?.category === 'quantity' && end - start === 1 && /^(?:most|least)$/.test(tokens[start]!.norm) && /^(?:ADJ|VERB|ADV)$/.test(posOf(ctx, end))) return undefined;
  // Fifteenth round: "optionally `workflows` (array of names)" (the code span is blanked: a gap), "belongs to one user,
  // optionally one conversation", "by selecting a facility (required), optionally selecting a warehouse": an optional
  // element, or an input the sentence sets apart from the required ones, is the user's to give; nothing is left to the
  // implementer. "the agent SHALL optionally annotate …" and "display HP and, optionally, a bar" (whose choice?) stay.
  if (entry?.term === 'optionally' && (optionalElement(ctx, end) || requiredBeside(tokens, start))) return undefined;
  // Fifteenth round: "truncate gracefully with ellipsis", "handle transient failures gracefully with retry logic",
  // "gracefully degrade: show a short message …": the means or the behaviour is stated next to it.
  if (entry?.term === 'gracefully' && end - start === 1 && meansAfter(tokens, end)) return undefined;
  if (entry) {
    if (!requirement && !ctx.authorityNormative) return undefined;
    switch (entry.rule) {
      case 'number-after':
        if (!isNumberLike(next)) return undefined;
        return hasTolerance(tokens, end) ? undefined : `an approximate number without a tolerance, in ${where}`;
      case 'approximation':
        if (isNumberLike(next)) return hasTolerance(tokens, end) ? undefined : `an approximate number without a tolerance, in ${where}`;
        if (hasTolerance(tokens, end)) return undefined;
        break;
      case 'normative-scope':
        if (!requirement) return undefined;
        if (!c.word && !inNormativeScope(ctx, start)) return undefined;
        if (entry.category === 'quantity' && !inNormativeScope(ctx, start) && !countInCondition(ctx, c)) return undefined;
        break;
      case 'governed':
        if (!governedByKeyword(ctx, start)) return undefined;
        break;
      case 'normative-adjacent': {
        let near = false;
        for (let k = Math.max(0, start - 3); k < Math.min(tokens.length, end + 3) && !near; k++) {
          near = tokens[k]!.sentence === tokens[start]!.sentence && isModalKeyword(tokens[k]!) && !ctx.commentary;
        }
        if (!near) return undefined;
        break;
      }
      case 'event-bound':
        if (nextWord !== undefined && (EVENT_WORDS.has(nextWord) || READINESS_WORDS.has(nextWord) || ORDER_WORDS.has(nextWord))) return undefined;
        if (hasTrigger(ctx, start)) return undefined;
        break;
      case 'verb-object':
        if (nextWord !== undefined && DETERMINERS.has(nextWord)) return undefined;
        break;
      case 'not-by':
        if (nextWord !== undefined && SOURCE_WORDS.has(nextWord)) return undefined;
        break;
      case 'failure-count':
        if (!requirement || !failureCount(tokens, start, end)) return undefined;
        break;
    }
    // Single words of the lexicon (vague, time, comparative) are findings only in a requirement.
    if (!requirement && c.end - c.start === 1 && (entry.category === 'vague' || entry.category === 'comparative' || entry.category === 'time' || entry.category === 'quantity')) {
      return undefined;
    }
    if (!requirement && !ctx.authorityNormative) return undefined;
  } else if (!requirement) return undefined;
  // Twenty-third round (read out of sample): "four priority levels: low (…), normal (…), high (…), and critical": a
  // level's name in a list of levels, not a judgement.
  if (levelLabel(ctx, start, end)) return undefined;
  if (c.word) {
    if (!usedAsModifier(ctx, c)) return undefined;
    if (hypotheticalBefore(ctx, start) && !partAt(ctx, start).condition) return undefined;
    if (c.word.dimension === 'quantity' && c.pattern === 'class' && !inNormativeScope(ctx, start) && !countInCondition(ctx, c)) return undefined;
    // "an immediate previous response": an order (the one right before), not a speed.
    if (c.word.base === 'immediate' && nextWord !== undefined && ORDER_WORDS.has(nextWord)) return undefined;
    // "fresh [HTTP-CACHING]": the cited document defines the word (a term of art with its source).
    if (citedAfter(ctx, end)) return undefined;
    // "three times as many bytes as …": an equality comparison has its reference.
    if (equalityComparison(tokens, start, end)) return undefined;
    if (c.word.base === 'immediate' && (hasTrigger(ctx, start) || (nextWord !== undefined && (EVENT_WORDS.has(nextWord) || READINESS_WORDS.has(nextWord))))) return undefined;
  }
  // "…, or the like": open lists in an example list, under a negated universal, or in a hypothetical ("a user could show
  // them to a coworker, teacher, doctor, or the like") leave nothing open.
  if (c.category === 'open-ended' && (inExampleList(tokens, start) || negatedUniversal(ctx, start) || hypotheticalBefore(ctx, start))) return undefined;
  // "MUST NOT skip tests using `.skip()`, `.todo()`, or similar mechanisms": a prohibition's open list forbids more, on
  // purpose; leaving it open leaves nothing to implement open. Not a list in parentheses: "must not target protected
  // groups (race, religion, etc.)" defines a noun by an open list, and the definition is what is asked.
  if (c.category === 'open-ended' && prohibitedBefore(ctx, start) && !inParentheses(tokens, start)) return undefined;
  // Forty-seventh round: "expire after 24 hours (industry standard for web applications)": an appeal to convention in
  // parentheses justifies the value the requirement already states; it is not the requirement.
  if (c.entry?.term === 'industry standard' && inParentheses(tokens, start)) return undefined;
  // Twenty-first round (read out of sample): "An application MAY be a microservice, IoT device, message broker, etc.": a
  // permission's open list permits more, on purpose; "(`cert_file`, `psk_identity`, etc.)": names in code listed in
  // parentheses illustrate the noun before them.
  if (c.category === 'open-ended' && (permittedBefore(ctx, start) || codeNamesInParentheses(tokens, start))) return undefined;
  // Twentieth round: "YAML 1.2 is RECOMMENDED along with some additional constraints:": the list the sentence leads in
  // names them.
  if (c.category === 'quantity' && COUNTING_WORDS.has(tokens[end - 1]!.norm) && leadsInList(ctx, end)) return undefined;
  // Twentieth round: "For maximum readability in the swagger-ui, this field SHOULD be less than 120 characters": a
  // quality named as the motive of a bounded requirement; the bound is the requirement.
  if (c.word?.form === 'noun' && motiveOfBound(ctx, start)) return undefined;
  // "accurately calculate coverage (executed statements / total statements)": the formula in parentheses defines it.
  if (c.word && (c.word.dimension === 'quality' || c.word.dimension === 'degree') && formulaAfter(tokens, end)) return undefined;
  // "comprehensive unit tests that achieve at least 80% coverage": the relative clause states the test.
  if (c.word && c.word.form === 'adj' && relativeTest(tokens, end, c.word.dimension)) return undefined;
  // Seventeenth round: "If the Object Status is not Normal (0x0), …": a vague word of the lexicon capitalised
  // mid-sentence is a name (a status, a level), as it is for a class word (`usedAsModifier`).
  if (c.pattern === 'lexicon' && c.category === 'vague' && end - start === 1 && capitalisedMidSentence(ctx, start)) return undefined;
  // Seventeenth round: "confirm that rotation works properly by continuing to establish connections for 20 minutes":
  // the means right after a manner adverb says what doing it properly takes.
  if (c.category === 'vague' && /ly$/.test(tokens[end - 1]!.norm) && tokens[end]?.norm === 'by' && /^[a-z]{3,}ing$/.test(tokens[end + 1]?.norm ?? '') && !NOT_GERUNDS.has(tokens[end + 1]!.norm)) return undefined;
  // "handle reasonable numbers (hundreds of warbands)", "a short timeout (30 s)": the value in parentheses is the answer.
  if (c.word && valueAfter(tokens, end)) return undefined;
  // "handle them appropriately (retry or mark as failed)": the options in parentheses are what the word allows.
  // Fifteenth round: "include various lengths (tweet-sized, LinkedIn post, Facebook post)": the list names them.
  if (c.word && (c.word.dimension === 'quality' || c.word.dimension === 'degree' || (c.word.dimension === 'quantity' && /^(?:various|several)$/.test(c.word.base))) && optionsAfter(tokens, end)) return undefined;
  // "duration tokens for fast, normal, and slow animations", "font sizes from small to extra-large": the words name the
  // levels of a scale the requirement defines, they do not judge anything.
  if ((c.word || c.entry?.category === 'vague') && (c.pattern === 'class' || c.pattern === 'lexicon') && c.end - c.start === 1 && namesScaleLevels(tokens, start)) return undefined;
  // Tenth round: "init containers, sidecar containers, regular containers", "high coherence, medium coherence, and low
  // coherence examples": the word is one modifier of a head noun the list repeats with other modifiers that classify
  // (a kind among kinds, a level among levels); it sorts, it does not grade. "fast builds and reliable builds" (all
  // judgements) and "small screens and large screens" (where is the line?) stay.
  if (c.word && c.pattern === 'class' && c.end - c.start === 1 && kindAmongKinds(tokens, start)) return undefined;
  if (answeredByReference(ctx, end)) return undefined;
  // Eighteenth round: "The outer JWS MUST meet the normal requirements for … (see {{…}}). The inner JWS MUST meet the
  // normal requirements, with the following differences": the phrase repeats one the paragraph answered by reference.
  if (end - start === 1 && answeredEarlier(ctx, start)) return undefined;
  // "It is not possible to encode stream IDs larger than 2^62-1. Receipt of a frame that encodes a larger stream ID
  // MUST be treated as …": the paragraph stated the comparative's baseline ("than …") before; this one repeats it.
  if (c.word?.form === 'comparative' && end - start === 1 && baselineEarlier(tokens, start)) return undefined;
  // Forty-eighth round: "The largest legal value of Quarter Stream ID is 2^60-1. Receipt of … a larger value MUST be
  // treated as a connection error": the baseline is the maximum the block stated with its number.
  if (c.word?.form === 'comparative' && end - start === 1 && extremeStatedEarlier(tokens, start)) return undefined;
  // Forty-ninth round (read out of sample on spec-kit, Kiro and OpenSpec specs; `/work/cl49`):
  // "no-op detection and skip is NOT acceptable": "acceptable" negated at the end of its clause forbids the thing, a
  // prohibition with nothing left to judge. "Response times MUST be acceptable" and "If the result is not acceptable,
  // …" (a condition: which results?) still ask.
  if (c.word?.base === 'acceptable' && c.word.form === 'adj' && end - start === 1 && negatedAtClauseEnd(ctx, start, end)) return undefined;
  // "retain the matched head state for the configured short TTL": the value is a setting the adjective only describes;
  // which value is the configuration's. "retain it for a short TTL" still asks.
  if (c.word?.form === 'adj' && end - start === 1 && /^(?:configured|configurable|preconfigured|pre-configured)$/.test(tokens[start - 1]?.norm ?? '')) return undefined;
  // "WHEN a power-up expires THEN … return player abilities to normal": "normal" after "return/restore/revert/reset …
  // to" (or "back to") is the state before the change, which the sentence names. "keep load normal" and "return to
  // normal levels" (which levels?) still ask.
  if (tokens[start]!.norm === 'normal' && end - start === 1 && backToNormal(tokens, start)) return undefined;
  // "generate a unique Patient ID atomically — safe under >100,000 concurrent requests/hour": the load the word must hold
  // under is stated with its number. "safe under load" still asks.
  if (c.word && end - start === 1 && /^(?:safe|stable|reliable|robust)$/.test(c.word.base) && loadStatedAfter(tokens, end)) return undefined;
  // "target Best Startup, Most Creative, and Blog Post": a word of the lexicon capitalised mid-sentence before another
  // capitalised word is part of a title-case name (a category, a prize). "Most users …" opening a sentence still asks.
  if (c.pattern === 'lexicon' && end - start === 1 && capitalisedMidSentence(ctx, start) && titleCaseNext(tokens, start)) return undefined;
  // "invalidate the token immediately — any request … submitted within one second of logout is rejected": a dash after
  // the time word opens its elaboration, which gives the bound. "immediately — and log the event" still asks.
  if (c.word && end - start === 1 && (c.word.dimension === 'speed' || c.word.dimension === 'recency') && dashBoundAfter(tokens, end)) return undefined;
  // "\"Edit Patient\" button is visible and actionable": of a control, "actionable" is enabled (it can be acted on), a
  // state a test reads. "actionable recommendations" and "error messages SHALL be actionable" still ask.
  if (c.word?.base === 'actionable' && end - start === 1 && actionableControl(tokens, start)) return undefined;
  // "handle quota validation gracefully when users' plans change (prevent downgrades that would exceed new quota)": a
  // parenthesis that opens with a verb, after the word or its "when" clause, says what handling it gracefully does,
  // as "gracefully with retry logic" does (`meansAfter`). "fail gracefully (P1)" and "(see below)" still ask.
  if (entry?.term === 'gracefully' && end - start === 1 && behaviourInParentheses(ctx, end)) return undefined;
  // Fifty-second round: "without degradation of more than 10% in p95 latency", "without degradation (p95 under 300 ms)":
  // a number right after the phrase measures the degradation itself. The load before it ("1,000 users without
  // degradation") does not.
  if (entry?.term === 'without degradation' && degradationBoundAfter(tokens, end)) return undefined;
  if (entry?.term === 'meet targets' && referenceAfter(tokens, end)) return undefined;
  // Forty-sixth round (read on an NFS draft): "If some network addresses are less desirable paths to the data than
  // others, … If less desirable network addresses exist …": the same "more/less X" repeated after its baseline.
  if (end - start === 2 && (tokens[start]!.norm === 'more' || tokens[start]!.norm === 'less') && pairBaselineEarlier(tokens, start)) return undefined;
  // Nineteenth round (read on IETF drafts): "… MUST NOT be greater than 2^64 - 1. If a Delta Type is received that would
  // be too large, …", "a value larger than 20 MUST drop the packet. … servers SHOULD be able to read longer connection
  // IDs": a size or an amount judged right after the paragraph stated its numeric limit.
  if ((c.pattern === 'degree' || c.word?.form === 'comparative') && (c.word?.dimension === 'size' || c.word?.dimension === 'quantity') && limitEarlier(tokens, start)) return undefined;
  // "The timer SHOULD be set as described in {{Section 6.2.1 of QUIC-RECOVERY}} and MUST NOT be more aggressive": the
  // comparative's baseline is the procedure the sentence just cited.
  if ((c.word?.form === 'comparative' || c.pattern === 'comparative') && citedBaselineBefore(tokens, start)) return undefined;
  if (c.category === 'escape' && (purposeStated(c, tokens) || referenceBefore(ctx, start))) return undefined;
  // Forty-sixth round (read on a PPM draft): "MUST independently validate extensions and fail the job if necessary": a
  // check, then a rejection; the condition is the check failing. "MUST fail the job if necessary" still asks.
  if (c.category === 'escape' && rejectionAfterCheck(tokens, start)) return undefined;
  // "must not teach minors how to hide supplies related to unsafe behavior": in a behaviour policy a word in a topic
  // modifier of a noun names a category the policy covers, not what the rule requires. A software spec's "errors
  // related to large uploads" selects what is tested, and stays.
  if (ctx.domain === 'policy' && c.word && topicModifier(tokens, start)) return undefined;
  // "responsive layout adjustments": responsive web design (a layout that adapts to the viewport), not a speed.
  if (c.word?.base === 'responsive' && c.pattern === 'class' && [end, end + 1].some((k) => LAYOUT_NOUNS.has(tokens[k]?.norm ?? ''))) return undefined;
  const sense = SENSE_WITH_COMPLEMENT.get(CLASS_WORDS.get(tokens[start]!.norm)?.base ?? '');
  if (sense !== undefined && nextWord !== undefined && sense.has(nextWord)) return undefined;
  // Twenty-first round: "accessible (WCAG 2.2 AA)", "accessible per Section 508": a named standard bounds it. In a
  // phrase ("easily accessible") its sense is the head's as alone.
  if (tokens[end - 1]!.norm === 'accessible' && (sentenceHas(ctx, end - 1, ACCESSIBILITY_STANDARD) || (end - start > 1 && otherSense(ctx, end - 1)))) return undefined;
  // "it is RECOMMENDED, for usability reasons, that …": the reason the requirement gives, not what it requires.
  if (reasonGiven(tokens, c)) return undefined;
  if (c.category === 'comparative' && pairedComparative(ctx, c)) return undefined;
  // "a timer of at least the larger of SUBGROUP_DELIVERY_TIMEOUT or OBJECT_DELIVERY_TIMEOUT", "the smaller of the two
  // limits": a comparative that picks one of the things it names is a maximum or a minimum, exact. "a larger set of
  // peers" (no "the" before it, the "of" after its noun) stays.
  if (c.category === 'comparative' && choiceAmong(tokens, c)) return undefined;
  // Fourteenth round: "transition to SHA-256 or better", "in two interactions or fewer", "at tablet-landscape width or
  // larger": a comparative after "or" that ends its noun phrase has the thing before "or" as its baseline (that, or
  // beyond it). "suggest alternative approaches or smaller file sizes" (the comparative before its noun), "faster or
  // slower" and "the same or better" (no baseline named) stay.
  if (c.category === 'comparative' && orBaseline(ctx, c)) return undefined;
  // "Implementations … MAY choose to start with smaller initial reordering thresholds": a comparative in a permission is
  // measured against what the spec does otherwise (its default); nothing a test must check is left open. In an
  // obligation ("MUST use smaller thresholds") it is.
  if (c.category === 'comparative' && c.pattern !== 'superlative' && c.word?.form !== 'superlative' && permissionOnly(ctx, start)) return undefined;
  // Seventh round: "Clients MAY have further restrictions around validating when a challenge is considered acceptable":
  // a judgement word in a clause only a permission governs (RFC 2119 `MAY`, no obligation in the sentence) describes
  // what an implementation may choose to do; nothing is required, so nothing is left open. "Clients MUST reject
  // challenges that are not acceptable" stays.
  if (c.word && (c.word.dimension === 'quality' || c.word.dimension === 'degree') && permissionOnly(ctx, start)) return undefined;
  // Sixteenth round: the same for an amount: "Clients MAY accept various configuration inputs", "MAY be fragmented
  // across several records", "MAY define other parameters, some of which …". "MUST retry some requests" stays, and so
  // does an amount of a measure, which bounds the permission: "MAY allow some (small) leeway", "a few minutes".
  // Only "at least one / more than one" (`EXISTENTIAL`): "MAY drop clients that send an unreasonable number of probes"
  // and "if too many filters are requested" judge an amount, which decides when the permission applies.
  if (c.category === 'quantity' && end - start === 1 && EXISTENTIAL.has(tokens[start]!.norm) && permissionOnly(ctx, start) && !measuredAmountAfter(tokens, end)) return undefined;
  // Fourteenth round: "If desired, the AS MAY also generate …", "MAY be combined with other parameters as appropriate":
  // an escape inside what is only permitted leaves open what was optional already. "MUST … where possible" stays.
  if (c.category === 'escape' && permissionOnly(ctx, start)) return undefined;
  // Seventh round: "should carefully consider how its responses might impact the user", "thoughtfully weigh the
  // options": the manner of a mental act (a verb of thinking right after the adverb) is nothing a reader can observe;
  // what must be considered is the requirement. "carefully validate the input" (an act) stays.
  if (c.word?.form === 'adv' && c.word.dimension === 'quality' && c.end - c.start === 1 && THINKING_VERBS.test(tokens[end]?.norm ?? '')) return undefined;
  if (c.word?.dimension === 'quality' && elaborated(ctx, end)) return undefined;
  // Fourteenth round: "within a small margin of expiry, i.e. where `current_slot - slot >= …`", "MUST immediately (i.e.
  // before prompting the user) …": the phrase is restated exactly right after it. "i.e. reasonably fast" stays.
  if (c.category !== 'escape' && c.category !== 'weak' && restated(ctx, end)) return undefined;
  // "a mechanism appropriate to the HTTP version: - HTTP/3: …": the list that follows answers it.
  if (c.word && (c.word.dimension === 'quality' || c.word.dimension === 'degree' || c.word.dimension === 'quantity') && listFollows(tokens, end)) return undefined;
  // Twenty-third round (read out of sample): "a comprehensive `identityProfile` containing: name, role description,
  // personality traits, …": what it must contain is listed after the colon, in the sentence.
  if (c.word && CONTENT_WORDS.has(c.word.base) && inlineListFollows(tokens, end)) return undefined;
  // "aware of this limit MUST NOT send larger requests": a comparison of size or amount with a limit the sentence names.
  if (c.category === 'comparative' && c.word && (c.word.dimension === 'size' || c.word.dimension === 'quantity') && namesLimit(ctx, start)) return undefined;
  // "the endpoint MUST close the send stream gracefully": a graceful close is TCP's FIN, not a quality.
  if (c.word?.base === 'graceful' && closeVerbNear(tokens, start)) return undefined;
  // "SHOULD gracefully fall back to polling", "degrade gracefully to read-only mode": the behaviour on failure that
  // "graceful" asks for is named (what it falls back or degrades to). "handle errors gracefully" stays.
  if (c.word?.base === 'graceful' && fallbackNamed(tokens, start, end)) return undefined;
  // "reject it with the appropriate `NOT_SUPPORTED` error code", "reject it with a clear "code already in use"
  // message": a constant or the exact wording named in the noun phrase says which one; "the appropriate error code" and
  // "the appropriate `Content-Type` header" (a field, its value open) stay.
  if (c.word?.dimension === 'quality' && c.word.form === 'adj' && namedInPlace(ctx, end)) return undefined;
  // Twenty-sixth round (read out of sample): "detect the platform from the hostname … route to the appropriate platform
  // processor", "subject entities appropriate to each educational level": "appropriate" picks the one that corresponds
  // to a thing the text determines (a noun of its phrase determined just before, or "each" item); "route to the
  // appropriate processor" and "messages appropriate to the user" stay.
  if (end - start === 1 && FIT_WORDS_REFERENTIAL.has(tokens[start]!.norm) && referentialFit(ctx, start)) return undefined;
  // "MUST expire shortly after it is issued … A maximum authorization code lifetime of 10 minutes is RECOMMENDED.": the
  // next sentence bounds the same thing in time units; "shortly" alone, or a next sentence about something else, stays.
  if (TIME_DIMENSIONS.has(c.word?.dimension ?? dimensionOfEntry(c.entry) ?? '') && boundNext(ctx, c)) return undefined;
  // "SHALL document the real-time cost calculation API endpoint": a word of time in the object of a verb of documenting
  // describes the thing documented (named by it), not the document; "document the API clearly" and "document clear
  // steps" (qualities of the document) stay.
  if (TIME_DIMENSIONS.has(c.word?.dimension ?? dimensionOfEntry(c.entry) ?? '') && documentedThing(tokens, start)) return undefined;
  // Seventeenth round: "the interval at which the Kubelet should periodically query …": the sentence names the interval
  // that sets how often (a field, a setting); the word describes it, the interval is what a reviewer asks for.
  if ((c.word?.dimension ?? dimensionOfEntry(c.entry)) === 'frequency' && namedInterval(tokens, start)) return undefined;
  // "allow the user to optionally add notes", "the client MAY optionally include it": the clause names whose choice it is
  // (the agent a verb of permission lets, or the subject of a permission). "The system SHALL optionally log it" stays.
  if (c.entry?.term === 'optionally' && end - start === 1 && chooserNamed(tokens, start)) return undefined;
  // "at least 1200 bytes, adding PADDING frames as necessary": the stated bound says what is necessary.
  if (c.category === 'escape' && /^(?:necessary|needed)$/.test(tokens[end - 1]!.norm) && sentenceHasBound(ctx, start)) return undefined;
  // Seventeenth round: "… SHOULD include the field in this response if possible. This might not be possible if
  // intermediaries enforce …": the next sentence says when it is not possible.
  if (c.category === 'escape' && tokens[end - 1]!.norm === 'possible' && impossibleNext(tokens, end)) return undefined;
  // "at other times, such as when traffic volume is low": wording inside an example illustrates, it does not require.
  if (c.category !== 'open-ended' && afterExampleMarker(tokens, start)) return undefined;
  if (inLinkLabel(ctx, start)) return undefined;
  // Seventeenth round: a parenthesis that restates the requirement ("a maximum size per photo (a sensible default set
  // during planning)", "stay within a reasonable duration (avoiding excessive elaboration)") is reviewed with it.
  const open = c.word ? openParenthesisOf(tokens, start) : -1;
  if (open >= 0 && !restatingParenthesis(tokens, open)) return undefined;
  // Twenty-sixth round (read out of sample): "(edit if desired, then confirm)", "(best-effort; exceptions are
  // swallowed)": an escape in a parenthesis that says more than the escape is an aside of its own, which states what it
  // qualifies; "tax number (if applicable)" in a verbless item marks a field as optional. "MUST compress old archives
  // (where possible)" (the escape alone, on a requirement with a verb) stays.
  if (c.category === 'escape' && escapeInAside(ctx, c)) return undefined;
  // Twenty-sixth round: "an accessibility audit (pa11y or similar)", "a category selector (dropdown or equivalent
  // control)": one example and an open phrase in a parenthesis illustrate the noun before it. An open list of several
  // ("(name, email, etc.)") defines the noun, and still asks.
  if (c.category === 'open-ended' && oneExampleInParentheses(tokens, start, end)) return undefined;
  if (BOUNDABLE.has(c.category) && boundFor(ctx, c)) return undefined;
  // Third round (Model Spec precision): the sentence, or the one before it, already answers the question.
  if (answeredNearby(ctx, c)) return undefined;
  // "a clear, mutually understood **scope of autonomy** … This scope defines: …": the word modifies a term the
  // document introduces (bold) and defines in the next sentence; the definition is what a test checks.
  if (c.word && definedNext(ctx, c)) return undefined;
  // "If the user prompt is a clear, discrete question, the assistant should …": in a behaviour policy a condition on
  // what the user says or asks is the assistant's reading of the input; the policy constrains the answer, not how
  // users write. "If the answer is long, …" (the assistant's own output) and a software spec's "if the user uploads an
  // unusually large file" stay.
  if (c.word && ctx.domain === 'policy' && userCondition(ctx, start)) return undefined;
  // Sixth round: "set the secure and httpOnly flags", "the verbose flag": a word in the name of a flag names the flag (a
  // switch that is on or off), it judges nothing. "use secure cookies", "store the flags in a secure location" stay.
  if (c.word && c.end - c.start === 1 && namesFlag(ctx, c)) return undefined;
  return reasonOf(c, where);
}

/** Verbs that take a question to answer as their object: "explain why …", "document which …", "state whether …". */
const ANSWERING_VERBS = /^(?:explain(?:s|ed|ing)?|document(?:s|ed|ing)?|describ(?:e|es|ed|ing)|justif(?:y|ies|ied|ying)|stat(?:e|es|ed|ing)|record(?:s|ed|ing)?|specif(?:y|ies|ied|ying)|clarif(?:y|ies|ied|ying)|list(?:s|ed|ing)?)$/;
const QUESTION_WORDS = new Set(['why', 'which', 'whether', 'what', 'how']);
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'remains', 'remain', 'stays', 'seems', 'considered', 'deemed']);

/**
 * Tenth round: the word is the predicate of a question a verb of explaining or documenting asks ("explaining why the
 * assertion is safe", "document which imports are acceptable for the frontend", "state whether the API is
 * stable"): the requirement is to write the answer down; the answer decides what counts. A verb that judges instead
 * of reporting ("determine whether the password is strong": the criterion is what is open), a word outside the question
 * ("explain in clear terms why …") and a question with no copula before the word ("explain why the import failed in
 * clear language") stay.
 */
function embeddedQuestion(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  let copula = false;
  for (let k = at - 1; k >= 1 && k >= at - 12 && tokens[k]!.sentence === sentence; k--) {
    const t = tokens[k]!;
    if (t.kind === 'punct' && (t.norm === ',' || t.norm === ';' || t.norm === ':' || t.norm === '(' || t.norm === ')')) return false;
    if (t.kind !== 'word' || t.quoted || t.code) continue;
    if (isKeyword(t)) return false;
    if (COPULAS.has(t.norm)) copula = true;
    if (QUESTION_WORDS.has(t.norm)) return copula && ANSWERING_VERBS.test(tokens[k - 1]!.norm);
  }
  return false;
}

/** "some or all (of)", "all or some (of)", "some or none": a free choice of any part (`judge`). */
function someOrAll(tokens: readonly Token[], at: number): boolean {
  const after = tokens[at + 1]?.norm === 'or' ? tokens[at + 2]?.norm : undefined;
  const before = tokens[at - 1]?.norm === 'or' ? tokens[at - 2]?.norm : undefined;
  return after === 'all' || after === 'none' || before === 'all' || before === 'none';
}

/** Verbs of thinking: their manner is not observable ("carefully consider"). */
const THINKING_VERBS = /^(?:consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|think(?:s|ing)?|reflect(?:s|ed|ing)?|ponder(?:s|ed|ing)?|deliberat(?:e|es|ed|ing))$/;

/** Nouns of a named on/off switch: the words before them in their noun phrase are its name. */
const FLAG_NOUNS = new Set(['flag', 'flags']);

/**
 * The word's noun phrase ends in a flag noun ("secure and httpOnly flags", "the verbose flag"): only modifiers, nouns
 * and coordination ("," "and" "or") between them, within the sentence.
 */
function namesFlag(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  for (let k = c.end; k < tokens.length && k < c.end + 6 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.norm === ',' || t.norm === 'and' || t.norm === 'or') continue;
    if (t.kind !== 'word') return false;
    if (FLAG_NOUNS.has(t.norm)) return true;
    if (!/^(?:NOUN|PROPN|ADJ)$/.test(posOf(ctx, k))) return false;
  }
  return false;
}

/**
 * The requirement of the word's sentence is only an expectation: its modal is a lowercase "should" after "there"
 * ("there should not be any large changes") or before "expect" ("users should expect negligible increases").
 */
function expectationOnly(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  const k = keywordBefore(ctx, at);
  if (k < 0 || tokens[k]!.raw !== 'should') return false;
  return tokens[k - 1]?.norm === 'there' || /^(?:expect|expects)$/.test(tokens[k + 1]?.norm ?? '') || believedOrShown(tokens, from, k);
}

/** Per block: token index -> the last RFC 2119 keyword at or before it in its sentence, or -1 (see `keywordBefore`). */
const keywordsUpTo = new WeakMap<BlockContext, Int32Array>();

/**
 * The nearest RFC 2119 keyword before token `at` in its sentence, or -1. A normal sentence is scanned back (it is short);
 * past LOOK_AROUND tokens the block's keywords are indexed once, so a long sentence with a candidate every few words
 * stays linear (issue 11, item 16) and the answer is the same as a scan to the sentence's start.
 */
function keywordBefore(ctx: BlockContext, at: number): number {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  // `firstKeyword` is left empty in commentary; elsewhere a sentence without a keyword before `at` is answered at once.
  const first = ctx.firstKeyword.get(sentence);
  if (!ctx.commentary && (first === undefined || first >= at)) return -1;
  const [from] = ctx.sentences[sentence]!;
  for (let k = at - 1; k >= from && k >= at - LOOK_AROUND; k--) if (isKeyword(tokens[k]!)) return k;
  if (at - LOOK_AROUND <= from) return -1;
  let upTo = keywordsUpTo.get(ctx);
  if (!upTo) {
    upTo = new Int32Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) {
      upTo[k] = isKeyword(tokens[k]!) ? k : k > 0 && tokens[k - 1]!.sentence === tokens[k]!.sentence ? upTo[k - 1]! : -1;
    }
    keywordsUpTo.set(ctx, upTo);
  }
  return upTo[at - 1]!;
}

/** Verbs of evidence that make a "should" after them a prediction: "calculations showing that memory should …". */
const EVIDENCE_VERBS = /^(?:show|shows|showing|shown|suggest|suggests|suggesting|indicate|indicates|indicating)$/;

/**
 * Fourteenth round: a lowercase "should" after "we believe (that)", "I think", or evidence ("calculations showing
 * that …") predicts: "We believe that the scalability limits should be enough for most of Job use-cases". "Users
 * should get a short summary" and "we require that … should" stay.
 */
function believedOrShown(tokens: Token[], from: number, modal: number): boolean {
  for (let j = modal - 1; j >= from && j >= modal - 12; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'word') continue;
    if (BELIEF_VERBS.test(t.norm) && /^(?:we|i)$/.test(tokens[j - 1]?.norm ?? '')) return true;
    if (EVIDENCE_VERBS.test(t.norm) && tokens[j + 1]?.norm === 'that') return true;
  }
  return false;
}

/** Words that may stand between "should" and its predicate word: "should be relatively safe", "should have a minimal". */
const PREDICATE_FILLERS = new Set(['be', 'have', 'also', 'only', 'relatively', 'fairly', 'pretty', 'still', 'especially', 'solely', 'a', 'an', 'quite', 'generally']);
/** Reason conjunctions: "… since kube-proxy ignores it", "… because the default is off". */
const REASON_WORDS = new Set(['since', 'because']);
/** Inference markers before the subject: "so it should be safe", "therefore upgrades should be smooth". */
const INFERENCE_WORDS = new Set(['so', 'therefore', 'thus', 'hence', 'consequently']);
const BELIEF_VERBS = /^(?:believe|believes|think|thinks|expect|expects|assume|assumes|anticipate|anticipates|estimate|estimates|hope|hopes)$/;
const FINITE_VERBS = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'does', 'do', 'did', 'can', 'would', 'ignores', 'remains']);

/**
 * Tenth round: the word is the predicate of a lowercase "should" ("should be [relatively] safe", "should have minimal
 * impact"), and the sentence gives the evidence of a prediction: a reason after the word ("since …", "because …", "as the
 * default is off", "for the following reasons"), an inference before the modal ("so it should …"), or a belief verb
 * ("we believe … should"). Design documents argue this way about rollouts and skew; nothing is required of anyone.
 */
function predictedOutcome(ctx: BlockContext, start: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[start]!.sentence;
  let k = start - 1;
  while (k >= 0 && k >= start - 5 && tokens[k]!.kind === 'word' && PREDICATE_FILLERS.has(tokens[k]!.norm)) k--;
  const modal = tokens[k];
  if (k === start - 1 || modal === undefined || modal.raw !== 'should' || modal.sentence !== sentence) return false;
  const [first, last] = ctx.sentences[sentence]!;
  for (let j = k - 1; j >= first && j >= k - 12; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'word') continue;
    if (BELIEF_VERBS.test(t.norm)) return true;
    if (INFERENCE_WORDS.has(t.norm) && tokens[j]!.clause === modal.clause) return true;
  }
  for (let j = start + 1; j <= last && j <= start + 8; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'word') continue;
    if (REASON_WORDS.has(t.norm)) return true;
    if (t.norm === 'for' && tokens[j + 1]?.norm === 'the' && tokens[j + 2]?.norm === 'following' && /^reasons?$/.test(tokens[j + 3]?.norm ?? '')) return true;
    // "as the default is off" (a clause), not "as a source of truth" (a role).
    if (t.norm === 'as' && tokens[j + 1]?.kind === 'word' && !/^(?:a|an|much|many|well|possible|needed|necessary|required|appropriate)$/.test(tokens[j + 1]!.norm)) {
      for (let v = j + 2; v <= j + 6 && v <= last; v++) if (FINITE_VERBS.has(tokens[v]!.norm)) return true;
    }
  }
  return false;
}

const USER_WORDS = new Set(['user', 'users', "user's", "users'", 'requester', 'requesters']);
const ASSISTANT_WORDS = new Set(['assistant', "assistant's", 'model', "model's", 'it', 'its', 'response', 'answer', 'reply', 'output']);

/** Token `at` is in a condition ("if …", "when …") whose content words name the user and not the assistant. */
function userCondition(ctx: BlockContext, at: number): boolean {
  const part = partAt(ctx, at);
  if (!part.condition) return false;
  let user = false;
  for (let k = part.from; k < at; k++) {
    const w = ctx.tokens[k]!.norm;
    if (ASSISTANT_WORDS.has(w) || isKeyword(ctx.tokens[k]!)) return false;
    if (USER_WORDS.has(w)) user = true;
  }
  return user;
}

/** The word stands in the noun phrase after "a lack of" / "the absence of" ("a lack of expertise or proper training"). */
function absenceNamed(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= 1 && k >= at - 5 && tokens[k]!.sentence === tokens[at]!.sentence; k--) {
    const t = tokens[k]!;
    if (t.norm === 'of') return /^(?:lack|absence)$/.test(tokens[k - 1]!.norm);
    if (t.kind !== 'word' || isKeyword(t)) return false;
  }
  return false;
}

const DEFINING_VERBS = /^(?:defines?|includes?|means|consists|covers|specifies|lists|comprises|contains|states)$/;

/**
 * The word modifies a term set in bold later in its sentence ("a clear, mutually understood **scope of autonomy**"),
 * and the next sentence opens by defining that term ("This scope defines:", "The scope includes …").
 */
function definedNext(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  const [, to] = ctx.sentences[sentence]!;
  // Read from the spec text: the prose blanks emphasis markup (offsets kept).
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  const after = text.slice(base + tokens[c.end - 1]!.end, base + tokens[Math.min(to, tokens.length - 1)]!.end);
  const bold = /^[^.!?*]{0,60}?(?:\*\*|__)([^*_\n]{2,60})(?:\*\*|__)/.exec(after);
  if (!bold) return false;
  const head = bold[1]!.trim().toLowerCase().split(/\s+of\s+/)[0]!.split(/\s+/).pop()!;
  const next = ctx.sentences[sentence + 1];
  if (!next) return false;
  const words = tokens.slice(next[0], next[0] + 4).map((t) => t.norm);
  return /^(?:this|the|that|such|these)$/.test(words[0] ?? '') && (words[1] === head || words[1] === `${head}s`) && DEFINING_VERBS.test(words[2] ?? '');
}

function reasonOf(c: Candidate, where: string): string {
  const dim = c.word?.dimension;
  switch (c.pattern) {
    case 'degree':
      return `“${c.term.split(' ')[0]}” + adjective with no limit, in ${where}`;
    case 'amount':
      return `a vague amount, in ${where}`;
    case 'comparative':
      return `a comparison with no reference (no “than …”), in ${where}`;
    case 'superlative':
      return `a superlative with no ranking rule, in ${where}`;
    case 'class': {
      const form = c.word!.form === 'adv' ? 'adverb' : c.word!.form === 'noun' ? 'noun' : c.word!.form === 'adj' ? 'adjective' : c.word!.form;
      return `an evaluative ${form} of ${dim} with no bound of its own, in ${where}`;
    }
    default:
      if (c.word) return `an evaluative word of ${dim} (${c.entry!.source}), in ${where}`;
      return `${c.category} wording listed by ${c.entry!.source}, in ${where}`;
  }
}

/**
 * Is the word in a hypothetical or reported clause after the keyword ("tell the user that it could be more helpful",
 * "mistakes that would compromise the accuracy")? Then it describes, it does not require.
 */
function hypotheticalBefore(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 0 && j >= at - 12 && tokens[j]!.clause === clause; j--) {
    const t = tokens[j]!;
    if (isKeyword(t)) return false;
    if (t.kind === 'word' && (t.norm === 'could' || t.norm === 'would' || t.norm === 'might')) return true;
  }
  return false;
}

/** Does the sentence state the event that an "immediately" is relative to ("WHEN …", "upon …", "after …")? */
function hasTrigger(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.sentence === sentence; j--) {
    if (tokens[j]!.kind === 'word' && TRIGGER_WORDS.has(tokens[j]!.norm)) return true;
    // "On confirming a peer's address, … MUST immediately reset": "on" + an event.
    if (tokens[j]!.norm === 'on' && /(?:ing|^receipt|^arrival)$/.test(tokens[j + 1]?.norm ?? '')) return true;
  }
  return false;
}

/** The ")" closing the parenthesis opened at token `open`, within its sentence, or -1. */
function closingParenthesis(tokens: readonly Token[], open: number): number {
  const sentence = tokens[open]!.sentence;
  return unmatchedParenthesis(tokens, open, 1, Math.min(tokens.length, open + LOOK_AROUND + 1), (t) => t.sentence === sentence);
}

/**
 * Is the escape candidate in a parenthesis that is an aside: the parenthesis holds words besides the escape ("(edit if
 * desired, then confirm)", "(best-effort; exceptions are swallowed)"), or holds only the escape after a noun in a sentence
 * with no keyword and no verb outside it ("- Preferred date (if applicable)")?
 */
function escapeInAside(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const open = openParenthesisOf(tokens, c.start);
  if (open < 0) return false;
  const close = closingParenthesis(tokens, open);
  if (close < 0) return false;
  for (let k = open + 1; k < close; k++) if ((k < c.start || k >= c.end) && tokens[k]!.kind === 'word') return true;
  const [from, to] = sentenceWindow(ctx, c.start);
  for (let k = from; k <= to; k++) {
    if (k >= open && k <= close) continue;
    const t = tokens[k]!;
    // Thirty-second round: "- Required countermeasures (if applicable)": "required" before the noun it qualifies names
    // the item's kind; it is not the keyword of a rule the escape could qualify.
    if (t.kind === 'word' && t.norm === 'required' && k + 1 < open && tokens[k + 1]!.kind === 'word' && /^(?:NOUN|PROPN|ADJ)$/.test(posOf(ctx, k + 1))) continue;
    if (t.kind === 'word' && (isKeyword(t) || posOf(ctx, k) === 'VERB' || posOf(ctx, k) === 'AUX')) return false;
  }
  return tokens[open - 1]?.kind === 'word';
}

/**
 * Is the open-ended candidate in a parenthesis after a noun that holds one example (at most three words, no comma)
 * before it and at most two words after it: "(pa11y or similar)", "(dropdown or equivalent control)"?
 */
function oneExampleInParentheses(tokens: readonly Token[], start: number, end: number): boolean {
  const open = openParenthesisOf(tokens as Token[], start);
  if (open < 1 || tokens[open - 1]!.kind !== 'word') return false;
  const close = closingParenthesis(tokens, open);
  if (close < end) return false;
  let before = 0;
  for (let k = open + 1; k < start; k++) {
    if (tokens[k]!.kind === 'punct') return false;
    before++;
  }
  let after = 0;
  for (let k = end; k < close; k++) {
    if (tokens[k]!.kind !== 'word') return false;
    after++;
  }
  return before >= 1 && before <= 3 && after <= 2;
}

/** Words that pick the thing that corresponds, when the text says to what. */
const FIT_WORDS_REFERENTIAL = new Set(['appropriate', 'suitable']);
/** Verbs that determine a thing the text then refers to ("detect the platform", "query baselines by category"). */
const DETERMINING = /\b(?:detect|determin|identif|resolv|infer|classif|select|choos|chose|pick|match|quer|deriv|look(?:s|ed|ing)? up)[a-z]*((?:\s+[a-z][a-z-]*){1,4})/gi;

/**
 * "appropriate" at `at` refers to what the text fixes: postpositive with "to"/"for" + "each"/"every"/"its"/"their"
 * (a per-item correspondence: "entities appropriate to each level"), or "the appropriate" + a noun phrase one of whose
 * nouns the text just before names as the object of a verb of determining ("detect the platform …; route to the
 * appropriate platform processor"; up to 400 characters back).
 */
function referentialFit(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  const prev = tokens[at - 1];
  const to = tokens[at + 1];
  const each = tokens[at + 2];
  if (prev?.kind === 'word' && prev.sentence === sentence && posOf(ctx, at - 1) === 'NOUN' && /^(?:to|for)$/.test(to?.norm ?? '') && /^(?:each|every|its|their)$/.test(each?.norm ?? '') && each!.sentence === sentence) return true;
  if (prev?.norm !== 'the') return false;
  const heads = new Set<string>();
  for (let k = at + 1; k <= at + 3 && k < tokens.length && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word' && !tokens[k]!.code; k++) {
    const n = tokens[k]!.norm;
    if (n.length < 3 || DETERMINERS.has(n)) break;
    heads.add(n.replace(/s$/, ''));
  }
  if (heads.size === 0) return false;
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  // The text before "the": a verb right before the phrase ("match the appropriate value") has it as its own object.
  const pos = base + prev.start;
  const before = text.slice(Math.max(0, pos - 400), pos);
  // Up to a fit word: "match the appropriate value" earlier determines nothing.
  for (const m of before.matchAll(DETERMINING)) {
    for (const w of m[1]!.trim().toLowerCase().split(/\s+/)) {
      if (FIT_WORDS_REFERENTIAL.has(w)) break;
      if (heads.has(w.replace(/s$/, ''))) return true;
    }
  }
  return false;
}

/** Words that make a parenthesis a clause of its own (a relative, a reason, a condition, a finite verb of being). */
const PARENTHESIS_CLAUSE_WORDS = new Set(['that', 'which', 'who', 'as', 'because', 'since', 'when', 'if', 'is', 'are', 'was', 'were', 'will', 'would', 'must', 'should', 'can', 'could', 'may', 'might']);

/** Words in -ing that are no gerund opening a parenthesis ("(string values)", "(during planning)"). */
const NOT_GERUNDS = new Set(['string', 'during', 'thing', 'nothing', 'something', 'anything', 'everything', 'morning', 'evening', 'ceiling', 'spring', 'ring', 'king', 'wing', 'sibling', 'pending', 'according', 'including', 'excluding', 'regarding', 'concerning', 'following', 'depending', 'assuming', 'meaning', 'notwithstanding']);

/**
 * The parenthesis opened at token `open` opens with an article or a gerund: a noun phrase or a manner restating what the sentence
 * requires ("(a sensible default set during planning)", "(avoiding excessive elaboration)"), not an aside ("(as often
 * used to describe …)"), an example or an option list.
 */
function restatingParenthesis(tokens: Token[], open: number): boolean {
  const first = tokens[open + 1];
  if (first === undefined || first.kind !== 'word' || !(first.norm === 'a' || first.norm === 'an' || (/^[a-z]{3,}ing$/.test(first.norm) && !NOT_GERUNDS.has(first.norm)))) return false;
  // A phrase, not a clause of its own: "(an unsigned type is avoided as we want …)", "(a low node limit that starves
  // infrastructure pods)" explain; they do not restate.
  for (let m = open + 1; m < tokens.length && m <= open + LOOK_AROUND && tokens[m]!.norm !== ')'; m++) if (PARENTHESIS_CLAUSE_WORDS.has(tokens[m]!.norm)) return false;
  return true;
}

/**
 * Inside parentheses: an aside or an example ("(e.g., …)", "(just once per context is appropriate)"), not the
 * requirement itself.
 */
function inParentheses(tokens: Token[], at: number): boolean {
  return openParenthesisOf(tokens, at) >= 0;
}

/** The `(` still open at token `at` in its clause (LOOK_AROUND tokens back), or -1. */
function openParenthesisOf(tokens: Token[], at: number): number {
  const clause = tokens[at]!.clause;
  return unmatchedParenthesis(tokens, at, -1, Math.max(-1, at - LOOK_AROUND - 1), (t) => t.clause === clause);
}

/**
 * From token `from` towards `stop` (exclusive; `step` -1 back, 1 forward) while `within` holds: the nearest "(" not
 * closed before `from` (back) or ")" not opened after it (forward), or -1.
 */
function unmatchedParenthesis(tokens: readonly Token[], from: number, step: 1 | -1, stop: number, within: (t: Token) => boolean): number {
  const [inward, outward] = step < 0 ? [')', '('] : ['(', ')'];
  let depth = 0;
  for (let j = from + step; j !== stop && j >= 0 && j < tokens.length && within(tokens[j]!); j += step) {
    const n = tokens[j]!.norm;
    if (n === inward) depth++;
    else if (n === outward) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/**
 * The label of a link names what it links to ("[safe completion](#refusal_style)", "[ask clarifying questions as
 * appropriate](#ask_clarifying_questions)"): not a finding. Read from the spec text (the prose blanks link markup).
 */
function inLinkLabel(ctx: BlockContext, at: number): boolean {
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  const pos = base + ctx.tokens[at]!.start;
  let open = -1;
  for (let j = pos - 1; j >= 0 && j >= pos - 120; j--) {
    const c = text[j];
    if (c === ']' || c === '\n') return false;
    if (c === '[') {
      open = j;
      break;
    }
  }
  if (open < 0 || text[open + 1] === '^') return false;
  for (let k = pos; k < text.length && k <= pos + 120; k++) {
    const c = text[k];
    if (c === '[' || c === '\n') return false;
    if (c === ']') return text[k + 1] === '(' || text[k + 1] === '[';
  }
  return false;
}

/**
 * Words after "immediate" that make it an order: "the immediate previous response", "the immediately preceding frame";
 * or a place (twenty-third round, read out of sample): "the leaderboard immediately below it".
 */
const ORDER_WORDS = new Set([
  'previous', 'preceding', 'prior', 'next', 'following', 'subsequent', 'predecessor', 'successor', 'parent', 'child',
  'below', 'above', 'beneath', 'underneath', 'beside', 'adjacent', 'alongside', 'atop', 'behind',
]);

/** Verbs of purpose after "to": "…, to avoid …", "in order to prevent …". */
const PURPOSE_VERBS = new Set(['maintain', 'ensure', 'aid', 'facilitate', 'promote', 'avoid', 'prevent', 'reduce', 'minimize', 'minimise', 'limit', 'keep', 'allow', 'help', 'enable', 'protect', 'mitigate', 'preserve', 'guard', 'maximize', 'maximise', 'improve', 'lower']);
/** Words after which "to" + verb is a complement, not a purpose: "try to avoid", "take care to keep". */
const COMPLEMENT_TAKERS = new Set(['try', 'tries', 'trying', 'attempt', 'attempts', 'aim', 'aims', 'strive', 'strives', 'care', 'seek', 'seeks', 'need', 'needs', 'able', 'designed', 'intended', 'effort', 'efforts', 'way', 'ways', 'ought', 'have', 'has']);

/**
 * Is token `at` in a purpose part of its sentence ("…, in order to prevent a fast sender from …", "at least
 * kGranularity to avoid the timer expiring immediately")? Scans back to the nearest keyword: a purpose "to" + verb
 * between them (not the complement of "try to", "take care to") means the word describes why, not what.
 */
function inPurpose(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  for (let j = at - 1; j >= 0 && j >= at - 24 && tokens[j]!.sentence === sentence; j--) {
    const t = tokens[j]!;
    if (isKeyword(t)) return false;
    if (t.kind === 'punct' && t.norm === ';') return false;
    // Sixth round: "… so that shoppers can find items easily": what someone can then do is the motivation, not what
    // the requirement makes the system do. "so that the most relevant items come first" (a result, no "can") stays.
    // Also without "that": "… on startup so developers can immediately send transactions".
    if (t.norm === 'so' && tokens[j + 1]?.kind === 'word') {
      if (ctx.criterion === USER_STORY) return true;
      for (let m = j + 1; m < at && m <= j + 8; m++) if (ABILITY_MODALS.has(tokens[m]!.raw)) return true;
      continue;
    }
    if (t.norm !== 'to' || !PURPOSE_VERBS.has(tokens[j + 1]?.norm ?? '')) continue;
    const before = tokens[j - 1];
    if (before === undefined || before.sentence !== sentence || before.kind === 'punct') return true;
    if (before.norm === 'order' || before.norm === 'as') return true;
    if (!COMPLEMENT_TAKERS.has(before.norm)) return true;
  }
  return false;
}

/** The ending of a noun that names an activity: querying, migration, analysis, management, maintenance, reference. */
const ACTIVITY_NOUN = /^(?:[a-z]{3,}(?:ing|tion|sion|sis|ment|ance|ence)|removal|retrieval|renewal|reversal|disposal|approval|withdrawal|lookups?|access|reuse|search(?:es)?|recovery|discovery|comparisons?|triage|quer(?:y|ies)|reads|writes|scans|joins)$/;
/** Activities counted in instances ("fast queries"): a motive only for a word of speed or quality, not "typical queries" (which ones a bound is measured on). */
const COUNTED_ACTIVITY = /^(?:quer(?:y|ies)|reads|writes|scans|joins)$/;

/**
 * Is the candidate the modifier of an activity in a "for" adjunct after the requirement's verb ("… indexed timestamp
 * fields for efficient querying", "prioritize them for early migration", "Stateless design for easy scaling", "manage
 * checklist items for detailed work tracking")? The
 * adjunct says what the required thing serves; the requirement is the part before it. Only an activity noun ends
 * such a phrase (an -ing form or a nominalized verb, tagged a noun or verb, at the end of the clause or before a
 * preposition): "for small screens", "for long names", "for a quick review of …" (a determiner) stay findings, as does
 * an adjunct before the verb ("For efficient querying, the system must …" states the requirement's own condition).
 */
function purposeAdjunct(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const comparative = c.word?.form === 'comparative' && c.end === c.start + 1 && c.word.dimension !== 'size' && c.word.dimension !== 'quantity';
  // Twenty-first round: "dereference this property for a better development experience" (an article before it).
  const f = comparative && /^(?:a|an)$/.test(tokens[c.start - 1]?.norm ?? '') ? c.start - 2 : c.start - 1;
  if (tokens[f]?.norm !== 'for' || tokens[f]!.sentence !== tokens[c.start]!.sentence) return false;
  const sentence = tokens[f]!.sentence;
  const [first] = ctx.sentences[sentence]!;
  // The requirement comes first: its keyword (or, in a criterion without one, at least two words) before "for".
  const k = ctx.firstKeyword.get(sentence);
  if (k !== undefined ? k > f : tokens.slice(first, f).filter((t) => t.kind === 'word').length < 2) return false;
  // Eighteenth round: "MAY opt into one of the hint annotations for better interoperability", "a kubectl plugin for
  // better UX": "for" + a comparative names the improvement sought, the motivation. A comparative of size or amount
  // names a target ("optimized for smaller screens", "flyToBounds for larger areas") and stays.
  if (comparative) return true;
  // Twenty-sixth round (read out of sample): "uses the specified colours for readability": a quality noun alone ends
  // the clause after the required act's object (a noun right before "for"); the act is the requirement, the quality
  // its motive. "be tuned for readability" (a verb right before "for": the quality is what is tuned) stays.
  if (c.word?.form === 'noun' && c.end === c.start + 1 && f === c.start - 1) {
    // Thirty-second round: "keep one field per line for readability and version control clarity": a second motive
    // coordinated after it (nouns to the end of the sentence) ends the clause too.
    let e = c.end;
    if (/^(?:and|or)$/.test(tokens[e]?.norm ?? '') && tokens[e]!.sentence === sentence) {
      let j = e + 1;
      while (j < tokens.length && j <= e + 4 && tokens[j]!.sentence === sentence && tokens[j]!.kind === 'word' && /^(?:NOUN|PROPN|ADJ|VERB)$/.test(posOf(ctx, j))) j++;
      if (j > e + 1 && posOf(ctx, j - 1) === 'NOUN') e = j;
    }
    const after = tokens[e];
    const ends = after === undefined || after.sentence !== sentence || (after.kind === 'punct' && after.norm !== '(');
    const object = tokens[f - 1];
    if (ends && object?.kind === 'word' && !object.quoted && !object.code && posOf(ctx, f - 1) === 'NOUN') return true;
  }
  // Thirty-seventh round: "use TypeScript interfaces for proper type safety": a quality (maybe after a noun) ends the
  // clause after the required act's object, the motive, as "for readability" is above. "be configured for optimal
  // performance" (a verb right before "for": the quality is what is configured) stays.
  if ((c.word?.form === 'adj' || (c.pattern === 'lexicon' && posOf(ctx, c.start) === 'ADJ')) && c.end === c.start + 1 && f === c.start - 1) {
    let h = c.end;
    if (tokens[h]?.sentence === sentence && tokens[h]!.kind === 'word' && posOf(ctx, h) === 'NOUN' && !QUALITY_HEADS.test(tokens[h]!.norm)) h++;
    const after = tokens[h + 1];
    const ends = after === undefined || after.sentence !== sentence || (after.kind === 'punct' && after.norm !== '(');
    const object = tokens[f - 1];
    if (tokens[h]?.sentence === sentence && QUALITY_HEADS.test(tokens[h]!.norm) && ends && object?.kind === 'word' && !object.quoted && !object.code && posOf(ctx, f - 1) === 'NOUN') return true;
  }
  // The head: the activity noun right after the candidate, or after one more modifier ("quick visual scanning").
  for (let h = c.end; h < tokens.length && h <= c.end + 1 && tokens[h]!.sentence === sentence; h++) {
    const t = tokens[h]!;
    if (t.kind !== 'word' || t.quoted || t.code) return false;
    if (ACTIVITY_NOUN.test(t.norm) && /^(?:NOUN|VERB)$/.test(posOf(ctx, h))) {
      const after = tokens[h + 1];
      // Thirty-seventh round: a noun after it is the head ("for optimal query performance").
      if (COUNTED_ACTIVITY.test(t.norm) && h < c.end + 1 && after?.sentence === sentence && after.kind === 'word' && posOf(ctx, h + 1) === 'NOUN') continue;
      if (COUNTED_ACTIVITY.test(t.norm) && c.word?.dimension !== 'speed' && c.word?.dimension !== 'quality') return false;
      // Twenty-sixth round: any preposition after it ("for quick navigation between scenes").
      return after === undefined || after.sentence !== sentence || after.kind === 'punct' || /^(?:of|in|on|by|across|with|from|and|or|to)$/.test(after.norm) || (after.kind === 'word' && posOf(ctx, h + 1) === 'ADP');
    }
    // Sixteenth round: a noun modifies the activity as an adjective does ("for detailed work tracking").
    if (!/^(?:ADJ|NOUN)$/.test(posOf(ctx, h))) return false;
  }
  return false;
}

/** Qualities a "for" adjunct can seek as a motive: "for proper type safety", "for optimal performance". */
const QUALITY_HEADS = /^(?:safety|performance|security|reliability|consistency|maintainability|usability|accessibility|readability|clarity|stability|scalability|robustness|portability|interoperability|compatibility)$/;

/** Modals of ability in a purpose clause (lowercase: an RFC 2119 keyword is a requirement of its own). */
const ABILITY_MODALS = new Set(['can', 'could']);

const LIMIT_NOUNS = new Set(['limit', 'limits', 'maximum', 'minimum', 'threshold', 'bound', 'cap']);

/** The sentence of token `at`, cut to LOOK_AROUND tokens on each side (a hostile block is one long sentence). */
function sentenceWindow(ctx: BlockContext, at: number): [number, number] {
  const [from, to] = ctx.sentences[ctx.tokens[at]!.sentence]!;
  return [Math.max(from, at - LOOK_AROUND), Math.min(to, at + LOOK_AROUND)];
}

function namesLimit(ctx: BlockContext, at: number): boolean {
  const [from, to] = sentenceWindow(ctx, at);
  for (let k = from; k <= to && k < ctx.tokens.length; k++) if (LIMIT_NOUNS.has(ctx.tokens[k]!.norm)) return true;
  return false;
}

const CLOSE_VERBS = /^(?:close|closes|closed|closing|shut|shuts|shutdown|terminate|terminates|terminated|terminating)$/;

/** A verb of closing within the clause before "gracefully" (or "graceful" before "close", "shutdown"). */
function closeVerbNear(tokens: Token[], at: number): boolean {
  for (let k = Math.max(0, at - 6); k <= at + 1 && k < tokens.length; k++) if (k !== at && tokens[k]!.clause === tokens[at]!.clause && CLOSE_VERBS.test(tokens[k]!.norm)) return true;
  return false;
}

/**
 * "the larger of A or B", "the smaller of the two", "the greater of both": "the", the comparative, "of", then within
 * 8 tokens of the sentence "or"/"and" joining the candidates, or "two"/"both".
 */
function choiceAmong(tokens: Token[], c: Candidate): boolean {
  if (c.end - c.start !== 1 || tokens[c.start - 1]?.norm !== 'the' || tokens[c.end]?.norm !== 'of') return false;
  const sentence = tokens[c.start]!.sentence;
  for (let k = c.end + 1; k < tokens.length && k <= c.end + 8 && tokens[k]!.sentence === sentence; k++) {
    const n = tokens[k]!.norm;
    if (n === 'or' || n === 'and' || n === 'two' || n === 'both') return k > c.end + 1 || n === 'two' || n === 'both';
    if (tokens[k]!.kind === 'punct' && n !== '-' && n !== '(' && n !== ')') return false;
  }
  return false;
}

/** "X or better", "two or fewer": a one-word comparative after "or", the thing before "or" its baseline (`judge`). */
function orBaseline(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  if (c.end - c.start !== 1) return false;
  const or = tokens[c.start - 1];
  const base = tokens[c.start - 2];
  if (or?.norm !== 'or' || base === undefined || base.sentence !== or.sentence || base.kind === 'punct') return false;
  const baseClass = CLASS_WORDS.get(base.norm);
  if (base.norm === 'same' || base.norm === 'more' || base.norm === 'less' || baseClass?.form === 'comparative' || baseClass?.form === 'adj') return false;
  const next = tokens[c.end];
  if (next === undefined || next.sentence !== or.sentence || next.kind !== 'word') return true;
  const pos = posOf(ctx, c.end);
  return pos !== 'NOUN' && pos !== 'PROPN' && pos !== 'ADJ';
}

/** A "THEN" or an RFC 2119 keyword stands before the word in its block: the word is in the outcome, not the condition. */
function outcomeBefore(ctx: BlockContext, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const t = ctx.tokens[k]!;
    if (t.kind === 'word' && (t.norm === 'then' || isKeyword(t))) return true;
  }
  return false;
}

/** Nouns of a measure: "some time", "some delay" ask how much even in the singular (cf. MEASURE_NOUNS below). */
const AMOUNT_OF_MEASURE = /^(?:time|delay|period|duration|while|amount|number|quantity|data|memory|space|storage|bandwidth|latency|overhead|traffic|load|capacity|effort|extent|degree|level|margin|slack|leeway|tolerance|headroom|buffer|padding|lag|jitter|noise|loss|risk|probability|chance|likelihood|fraction|proportion|percentage|rate|frequency|size|length|distance|depth|cost|weight|precision|accuracy)$/;

/**
 * The noun phrase after "some" is headed by a singular noun (adjectives may come first): the noun is tagged NOUN and
 * does not end in a plural "s" ("mechanism", "discussion"; not "requests", "cases"), and is no noun of a measure.
 */
function singularAfter(ctx: BlockContext, from: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[from - 1]!.sentence;
  for (let k = from; k < tokens.length && k <= from + 3 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || t.quoted || t.code) return false;
    const pos = posOf(ctx, k);
    if (pos === 'ADJ' || (pos === 'VERB' && /(?:ed|ing)$/.test(t.norm))) continue;
    if (pos !== 'NOUN') return false;
    // A plural ends the phrase ("some situations today"): how many is asked.
    if (/[^s]s$|ies$|ches$|shes$|xes$/.test(t.norm)) return false;
    const next = tokens[k + 1];
    // A compound's head is its last noun: "some error codes", "some key material".
    if (next?.kind === 'word' && next.sentence === sentence && posOf(ctx, k + 1) === 'NOUN') continue;
    return !AMOUNT_OF_MEASURE.test(t.norm);
  }
  return false;
}

/** Quantity words that say "at least one" or "more than one" and no magnitude. */
const EXISTENTIAL: ReadonlySet<string> = new Set(['some', 'several', 'various']);

/** "in case some …", "if some …", "when some …": "some" opens the subject of a condition; "there are some …" says what exists. */
function existentialCondition(tokens: Token[], at: number): boolean {
  const prev = tokens[at - 1];
  if (prev === undefined || prev.kind !== 'word' || prev.sentence !== tokens[at]!.sentence) return false;
  if (prev.norm === 'case') return tokens[at - 2]?.norm === 'in';
  // Sixteenth round: "There are some potential tunables", "there are some discussions on how to share …", "despite some
  // of its indexes failing": what exists (at least one), stated or conceded; no amount is asked for.
  if (prev.norm === 'despite') return true;
  let b = at - 1;
  if (/^(?:also|still|already|currently|always)$/.test(tokens[b]!.norm)) b--;
  if (/^(?:is|are|was|were)$/.test(tokens[b]?.norm ?? '') && tokens[b - 1]?.norm === 'there' && tokens[b - 1]!.sentence === tokens[at]!.sentence) return true;
  return /^(?:if|when|whenever|unless|while|where|once)$/.test(prev.norm);
}

/** Verbs that make a description of a thing: its object names the thing described. */
const DOCUMENTING_VERBS = /^(?:document|documents|documented|documenting|describe|describes|described|describing|diagram|diagrams)$/;

/**
 * A verb of documenting opens the clause's noun phrase the word stands in: up to 10 tokens back in the clause, no
 * modal, keyword or punctuation between (hyphens and slashes apart). The word right after the verb is its adverb.
 */
function documentedThing(tokens: Token[], at: number): boolean {
  const clause = tokens[at]!.clause;
  for (let k = at - 1; k >= 0 && k >= at - 10 && tokens[k]!.clause === clause; k--) {
    const t = tokens[k]!;
    if (t.kind === 'punct' && t.norm !== '-' && t.norm !== '/') return false;
    if (t.kind !== 'word') continue;
    if (VERB_MODALS.has(t.norm) || isKeyword(t)) return false;
    if (DOCUMENTING_VERBS.test(t.norm)) return k < at - 1;
  }
  return false;
}

/** Verbs that grant a choice to their object: "allow the user to …", "let clients …". */
const PERMITTING_VERBS = /^(?:allow|allows|allowed|allowing|let|lets|letting|enable|enables|enabling|permit|permits|permitted|permitting)$/;

/**
 * Whose choice "optionally" leaves is named: a verb of permission up to 6 tokens before it in its clause ("allow the
 * user to optionally …"), or a modal of permission right before it ("MAY optionally", "can optionally").
 */
function chooserNamed(tokens: Token[], at: number): boolean {
  const prev = tokens[at - 1]?.norm ?? '';
  if (prev === 'may' || prev === 'can') return true;
  const clause = tokens[at]!.clause;
  for (let k = at - 1; k >= 0 && k >= at - 6 && tokens[k]!.clause === clause; k--) if (PERMITTING_VERBS.test(tokens[k]!.norm)) return true;
  return false;
}

/** Verbs of falling back or degrading to something else: what "gracefully" asks for when they name their target. */
const FALLBACK_VERBS = /^(?:fallback|fallbacks|fall|falls|falling|fell|degrade|degrades|degraded|degrading|revert|reverts|reverting|downgrade|downgrades)$/;

/**
 * A verb of falling back or degrading beside "gracefully" (2 tokens either side, same clause) and its target: "to"
 * within the next 3 tokens after the verb ("gracefully fallback to polling", "degrade gracefully to read-only").
 */
function fallbackNamed(tokens: Token[], start: number, end: number): boolean {
  const clause = tokens[start]!.clause;
  for (let k = Math.max(0, start - 2); k < Math.min(tokens.length, end + 2); k++) {
    if (k >= start && k < end) continue;
    if (tokens[k]!.clause !== clause || !FALLBACK_VERBS.test(tokens[k]!.norm)) continue;
    for (let j = k + 1; j <= k + 4 && j < tokens.length && tokens[j]!.clause === clause; j++) {
      if (tokens[j]!.norm === 'to' && tokens[j + 1]?.kind === 'word' && tokens[j + 1]!.clause === clause) return true;
    }
  }
  return false;
}

/** A constant's name: ALL_CAPS with a digit or an underscore (`NOT_SUPPORTED`, `E2BIG`), or a bare number (`404`). */
const CONSTANT_NAME = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]+[0-9][A-Z0-9]*|[0-9]{3,})$/;

/**
 * A code span that names a constant stands right after the word, or after one or two words of its noun phrase ("the
 * appropriate `NOT_SUPPORTED` error code", "the correct error code `PROTOCOL_VIOLATION`"); quoted wording stands right
 * after the word, before its noun ("a clear "code already in use" message"). After the noun a quotation may be a
 * figure of speech ("reasonable behavior "out of the box""), and stays a finding. Code spans are read from the spec
 * text (the prose blanks them, offsets kept).
 */
function namedInPlace(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k <= end + 2 && k <= tokens.length; k++) {
    const prev = tokens[k - 1]!;
    const next = tokens[k];
    if (k > end && (prev.kind !== 'word' || DETERMINERS.has(prev.norm) || PHRASE_ENDS.has(prev.norm) || prev.sentence !== sentence)) return false;
    if (k === end && next?.quoted && next.sentence === sentence) return true;
    // Fourteenth round: the wording right after a noun of text ("show a friendly message "No items match."", "contain
    // the actionable sentence: "must contain SHALL …""): the text itself is given.
    if (k > end && TEXT_NOUNS.test(prev.norm) && next?.sentence === sentence) {
      const quote = next.norm === ':' ? tokens[k + 1] : next;
      if (quote?.quoted && quote.sentence === sentence) return true;
    }
    const gap = text.slice(base + prev.end, base + (next?.start ?? prev.end + 80));
    // Twenty-second round: "print an actionable message (`chaos tests require libfiu-dev`)": the wording in code
    // right after a noun of text, alone in its parenthesis, is the text itself.
    if (k > end && TEXT_NOUNS.test(prev.norm) && /^\s*\(\s*`[^`\n]+`\s*\)/.test(text.slice(base + prev.end, base + prev.end + 400))) return true;
    const code = /^\s*`([^`\n]+)`/.exec(gap);
    if (code) return CONSTANT_NAME.test(code[1]!.trim());
    if (!next || next.sentence !== sentence) return false;
  }
  return false;
}

/** Dimensions measured in time units. */
const TIME_DIMENSIONS: ReadonlySet<string> = new Set(['speed', 'recency', 'frequency']);

/** Nouns and adjectives of a limit: "a maximum lifetime of 10 minutes", "a limit of 5 seconds". */
const BOUND_WORDS = new Set(['maximum', 'minimum', 'max', 'min', 'limit']);

/**
 * The next sentence of the block bounds, in time units, a noun the word's sentence names: "The code MUST expire
 * shortly after it is issued. A maximum authorization code lifetime of 10 minutes is RECOMMENDED." A number with a
 * time unit, a word of a limit ("maximum", "limit"), and a content word of four letters or more the two sentences
 * share. "Send feedback periodically. The sender MUST process it within one round trip." (a deadline of another act)
 * stays.
 */
function boundNext(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  const here = ctx.sentences[sentence];
  const next = ctx.sentences[sentence + 1];
  if (!here || !next) return false;
  let unit = false;
  let bound = false;
  const words = new Set<string>();
  for (let k = next[0]; k <= next[1] && k < tokens.length; k++) {
    const t = tokens[k]!;
    if ((t.kind === 'number' || NUMBER_WORDS.has(t.norm)) && TIME_UNITS.has(tokens[k + 1]?.norm ?? '')) unit = true;
    if (BOUND_WORDS.has(t.norm)) bound = true;
    if (t.kind === 'word' && t.norm.length >= 4 && !GENERIC_WORDS.has(t.norm)) words.add(t.norm);
  }
  if (!unit || !bound) return false;
  for (let k = here[0]; k <= here[1] && k < tokens.length; k++) {
    if (k >= c.start && k < c.end) continue;
    if (tokens[k]!.kind === 'word' && words.has(tokens[k]!.norm) && !TIME_UNITS.has(tokens[k]!.norm)) return true;
  }
  return false;
}

/** The sentence states a measurable target: "at least 1200 bytes", "no more than 3", a number with a unit. */
function sentenceHasBound(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [from, to] = sentenceWindow(ctx, at);
  for (let k = from; k <= to && k < tokens.length; k++) {
    const n = tokens[k]!.norm;
    const next = tokens[k + 1]?.norm ?? '';
    if (n === 'at' && (next === 'least' || next === 'most')) return true;
    if (n === 'no' && (next === 'more' || next === 'less' || next === 'fewer')) return true;
    if (tokens[k]!.kind === 'number' && (UNITS.has(next) || TIME_UNITS.has(next))) return true;
  }
  return false;
}

/** Verbs whose object is being defined: "defines acceptable use", "specify the appropriate value". */
const DEFINING_ACTS = /^(?:define|defines|defined|defining|specify|specifies|specified|specifying|determine|determines|determined|determining)$/;

/** Words that say a thing fits its purpose, which a definition or a determination decides. */
const FITNESS_WORDS = new Set(['acceptable', 'appropriate', 'suitable', 'proper', 'adequate', 'permissible']);

/** Parties whose policy decides what the text leaves open (see `delegated`). */
const POLICY_PARTIES = /^(?:client|server|operator|site|deployment|administrator|administrative|implementation|resolver|application|user|organizational|organisational|provider|registry|vendor)$/;
/** Wording that leaves a decision to the implementation on purpose. */
const DELEGATION = /^(?:implementation-defined|implementation-specific|implementation-dependent|discretion)$/;

function delegated(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  // Nineteenth round (read on IETF drafts): "a profile that defines acceptable use of 0-RTT", "determine the
  // appropriate algorithm": which one fits is what the named act decides, not a bar left open. Only words of fitness:
  // "Define a minimal API", "define clear device classes" still ask what the thing defined must be.
  const before = tokens[at - 1]?.norm === 'the' || tokens[at - 1]?.norm === 'an' || tokens[at - 1]?.norm === 'a' ? at - 2 : at - 1;
  if (before >= 0 && FITNESS_WORDS.has(tokens[at]!.norm) && DEFINING_ACTS.test(tokens[before]!.norm) && tokens[before]!.sentence === tokens[at]!.sentence) return true;
  const [from, to] = sentenceWindow(ctx, at);
  for (let k = from; k <= to && k < tokens.length; k++) {
    const n = tokens[k]!.norm;
    if (DELEGATION.test(n)) return true;
    if (n === 'implementation' && (tokens[k + 1]?.norm === 'decision' || tokens[k + 1]?.norm === 'choice')) return true;
    if (n === 'local' && tokens[k + 1]?.norm === 'policy') return true;
    // Fifty-eighth round (set 8's tune half): "if the TTL is excessively long (as determined by client policy)": a
    // party's policy that decides, named after "by", "per", "to" or "on" ("according to operator policy", "depending
    // on server policy"); a policy only mentioned ("the client policy MUST be clear") delegates nothing.
    if (POLICY_PARTIES.test(n) && /^polic(?:y|ies)$/.test(tokens[k + 1]?.norm ?? '') && /^(?:by|per|to|on)$/.test(tokens[k - 1]?.norm ?? '')) return true;
    // Thirteenth round (ippm-responsiveness, out of sample): "spend a significant amount of their time (it is left to
    // the implementation to choose a suitable time-limit)", "…; the choice is up to the implementer": the words right
    // before it are delegated, not the whole sentence ("an intuitive form" earlier in it stays).
    if ((n === 'left' || n === 'up') && k > at && k - at <= 12 && leftToImplementer(tokens, k + 1)) return true;
  }
  return false;
}

/** "to (the) implementation(s)/implementer(s)/implementor(s)" from token `at`. */
function leftToImplementer(tokens: Token[], at: number): boolean {
  let k = at;
  if (tokens[k]?.norm === 'up') k++;
  if (tokens[k]?.norm !== 'to') return false;
  if (tokens[k + 1]?.norm === 'the' || tokens[k + 1]?.norm === 'each') k++;
  return /^(?:implementations?|implement[eo]rs?)$/.test(tokens[k + 1]?.norm ?? '');
}

/** Nouns (up to four) from `from`, then an infinitive that states a test (`statedTest`). */
function testAfterNoun(ctx: BlockContext, from: number): boolean {
  const { tokens } = ctx;
  for (let j = from; j < tokens.length && j <= from + 4; j++) {
    const t = tokens[j]!;
    // An infinitive ("to ensure …"), not a destination ("sufficient checks to each reply").
    if (t.norm === 'to') return j > from && tokens[j + 1]?.kind === 'word' && posOf(ctx, j + 1) === 'VERB' && statedTest(ctx, j);
    // Forty-sixth round: "sufficient detail enabling the error to be rectified": what the noun lets happen, stated.
    if (j > from && ENABLING.has(t.norm)) return agentThenTest(ctx, j + 1);
    if (t.kind !== 'word' || t.sentence !== tokens[from]!.sentence || (posOf(ctx, j) !== 'NOUN' && posOf(ctx, j) !== 'PROPN')) return false;
  }
  return false;
}

/** Participles that say what a thing lets happen ("detail enabling the error to be rectified"). */
const ENABLING = new Set(['enabling', 'allowing', 'permitting']);

/**
 * Forty-sixth round (read on an NFS and a SCITT draft): from `from`, a noun phrase of up to five words and then an
 * infinitive that states a test ("for an independent implementation to produce interoperable results", after
 * "sufficient"; "the error to be rectified", after "enabling"). "sufficient for most users" (no infinitive) and "for
 * users to be happy" (a vague infinitive) still ask.
 */
function agentThenTest(ctx: BlockContext, from: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[from - 1]!.sentence;
  for (let j = from; j < tokens.length && j <= from + 5 && tokens[j]!.sentence === sentence; j++) {
    const t = tokens[j]!;
    if (t.norm === 'to') return j > from && tokens[j + 1]?.kind === 'word' && statedTest(ctx, j);
    if (t.kind !== 'word' || CLASS_WORDS.has(t.norm)) return false;
  }
  return false;
}

/** The infinitive from token `to` states a test: "to initiate a new connection" (not "to be useful"). */
function statedTest(ctx: BlockContext, to: number): boolean {
  const { tokens } = ctx;
  if (tokens[to]?.norm !== 'to' || tokens[to + 1]?.kind !== 'word') return false;
  const clause = tokens[to]!.clause;
  for (let k = to + 1; k < tokens.length && k <= to + 8 && tokens[k]!.clause === clause; k++) {
    if (tokens[k]!.kind === 'word' && CLASS_WORDS.has(tokens[k]!.norm) && !NEVER_FLAGGED.has(tokens[k]!.norm)) return false;
  }
  return true;
}

/**
 * A citation right after the word: "fresh [HTTP-CACHING]", "secure {{RFC6265}}", "safe; see {{Section 9.2.1 of RFC9110}}"
 * (sixteenth round); or after the noun it modifies, as
 * the term's definition: "simple string comparison as defined in {{RFC3986}}", "… as specified in RFC 9110".
 */
function citedAfter(ctx: BlockContext, end: number): boolean {
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  const pos = base + ctx.tokens[end - 1]!.end;
  const after = text.slice(pos, pos + 160);
  return /^[ \t]*(?:[;,(][ \t]*see[ \t]+)?(?:\r?\n[ \t]*)?(?:\[(?!\^)[A-Z0-9][A-Za-z0-9._-]*\](?![([])|\{\{[^}\n]+\}\})/.test(after) || DEFINED_BY_CITATION.test(after);
}

/**
 * Up to three words, then "as defined in" (specified, described; in or by) and a citation or a section; or "in" (per,
 * from) and a citation: "the simple string comparison method in {{Section 6.2.1 of RFC3986}}".
 */
const DEFINED_BY_CITATION =
  /^(?:\s+[A-Za-z][\w-]*){0,3}\s*(?:,?\s*as\s+(?:defined|specified|described)\s+(?:in|by)\s+(?:\[(?!\^)[A-Za-z0-9][^\]\n]*\]|\{\{[^}\n]+\}\}|RFC\s?\d|BCP\s?\d|Section\s+\d|the\s+\[)|\s(?:in|per|from)\s+(?:\{\{[^}\n]+\}\}|\[(?!\^)[A-Z][A-Za-z0-9._-]*\](?![([])))/;

/** Verbs that put their object in a class named after "as": treat X as, regard X as, deem X as, count X as. */
const CLASSIFYING_VERBS = /^(?:label|labels|labelled|labeled|labelling|labeling|flag|flags|flagged|flagging|treat|treats|treated|treating|regard|regards|regarded|regarding|consider|considers|considered|considering|deem|deems|deemed|count|counts|counted|counting|accept|accepts|accepted|accepting|mark|marks|marked|marking|classify|classifies|classified|classifying)$/;

/** Verbs whose object's class the adjective after them names: "the server considers acceptable", "deems safe". */
const JUDGING_VERBS = /^(?:consider|considers|considered|deem|deems|deemed|find|finds|found|judge|judges|judged)$/;

/** Nothing the adjective could modify follows it ("considers acceptable." — not "find clear prerequisites"). */
function predicative(ctx: BlockContext, end: number): boolean {
  const t = ctx.tokens[end];
  if (t === undefined || t.kind !== 'word' || t.sentence !== ctx.tokens[end - 1]!.sentence) return true;
  const pos = posOf(ctx, end);
  return pos !== 'NOUN' && pos !== 'PROPN' && pos !== 'ADJ' && pos !== 'NUM';
}

/** "according to its policy", "as determined by the operator": the rule (or who decides) is named. */
function judgedByRule(tokens: Token[], end: number): boolean {
  const a = tokens[end]?.norm;
  const b = tokens[end + 1]?.norm;
  return (a === 'according' && b === 'to') || (a === 'as' && /^(?:determined|decided|configured|set)$/.test(b ?? '') && tokens[end + 2]?.norm === 'by');
}

/** "it is acceptable to …", "it's fine to …": a permission, not a quality. */
function permissionPhrase(tokens: Token[], start: number): boolean {
  if (!/^(?:acceptable|fine|ok|okay|permissible)$/.test(tokens[start]!.norm) || tokens[start + 1]?.norm !== 'to') return false;
  const be = tokens[start - 1]?.norm;
  const it = tokens[start - 2]?.norm;
  return (be === 'is' && it === 'it') || be === "it's" || (be === 's' && it === "'" && tokens[start - 3]?.norm === 'it');
}

/** Words after "effectively" that make it "in effect": a participle, a gerund, a copula, a determiner or a name. */
function inEffect(tokens: Token[], end: number): boolean {
  const t = tokens[end];
  if (t === undefined || t.kind !== 'word') return t?.kind === 'punct' && t.norm === '`';
  if (t.code) return true;
  return /^[a-z]+(?:ed|en|ing)$/.test(t.norm) || /^(?:becomes|become|became|is|are|was|were|means|mean|meant|a|an|the|no|zero|unlimited|infinite|equivalent|identical|read-only)$/.test(t.norm);
}

/**
 * An adjective after "as" whose clause opens with a classifying verb within eight words before it, or (fourteenth
 * round) right after a judging verb with nothing for it to modify after it: "what types of contact URLs the server
 * considers acceptable" (see judge).
 */
function classifiedAs(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  if (c.word?.form !== 'adj' || end - start !== 1) return false;
  if (JUDGING_VERBS.test(tokens[start - 1]?.norm ?? '')) return predicative(ctx, end);
  if (tokens[end]?.norm === 'as') return false;
  // Fourteenth round: the last of the classes named ("labelled as over or short").
  let as = start - 1;
  if ((tokens[as]?.norm === 'or' || tokens[as]?.norm === 'and') && tokens[as - 1]?.kind === 'word' && tokens[as - 2]?.norm === 'as') as -= 2;
  if (tokens[as]?.norm !== 'as') return false;
  const sentence = tokens[start]!.sentence;
  for (let k = as - 1; k >= 0 && k >= as - 9 && tokens[k]!.sentence === sentence; k--) {
    if (tokens[k]!.kind !== 'word') return false;
    if (CLASSIFYING_VERBS.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** "as many bytes as", "as large as the peer's limit": the reference is given (not "as few as possible"). */
function equalityComparison(tokens: Token[], start: number, end: number): boolean {
  if (tokens[start - 1]?.norm !== 'as') return false;
  for (let k = end; k < tokens.length && k <= end + 4 && tokens[k]!.sentence === tokens[start]!.sentence; k++) {
    if (tokens[k]!.norm === 'as' && CLASS_WORDS.has(tokens[k + 1]?.norm ?? '')) continue;
    if (tokens[k]!.norm === 'as') return !/^(?:possible|practical|feasible|needed|necessary|required|appropriate|reasonable|allowed)$/.test(tokens[k + 1]?.norm ?? '');
  }
  return false;
}

/** The part of the sentence ends with a colon that opens a list: "appropriate to the HTTP version: - HTTP/3: …". */
function listFollows(tokens: Token[], end: number): boolean {
  for (let k = end; k < tokens.length && k <= end + 10; k++) {
    const n = tokens[k]!.norm;
    if (n === ',' || n === ';' || n === '.' || tokens[k]!.sentence !== tokens[end - 1]!.sentence) return false;
    if (n === ':') {
      const after = tokens[k + 1];
      return after === undefined || (after.kind === 'punct' && (after.norm === '-' || after.norm === '*'));
    }
  }
  return false;
}

/** Words of how much a thing contains, which a list of its contents answers. */
const CONTENT_WORDS = new Set(['comprehensive', 'complete', 'detailed', 'thorough', 'full', 'exhaustive', 'extensive', 'rich', 'informative']);

/**
 * A colon in the part of the sentence after the word (no comma or semicolon before it), then a list of three or more
 * items in the sentence: "a comprehensive profile containing: name, role, traits, and style".
 */
function inlineListFollows(tokens: Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k <= end + 8 && tokens[k]!.sentence === sentence; k++) {
    const n = tokens[k]!.norm;
    if (n === ',' || n === ';' || n === '.') return false;
    if (n !== ':') continue;
    let commas = 0;
    for (let j = k + 1; j < tokens.length && j <= k + 60 && tokens[j]!.sentence === sentence; j++) if (tokens[j]!.norm === ',') commas++;
    return commas >= 2;
  }
  return false;
}

/** After "such as", "e.g." or "for example|instance" in the same clause: an example. */
function afterExampleMarker(tokens: Token[], at: number): boolean {
  const clause = tokens[at]!.clause;
  let depth = 0;
  for (let j = at - 1; j >= 0 && j >= at - 24 && tokens[j]!.clause === clause; j--) {
    const n = tokens[j]!.norm;
    // A closed parenthesis before the word holds its own example: "Formatting (such as bold) should be used …".
    if (n === ')') depth++;
    else if (n === '(') depth--;
    if (depth > 0) continue;
    const before = tokens[j - 1]?.norm;
    if (n === 'e.g' || ((n === 'example' || n === 'instance') && before === 'for') || (n === 'as' && before === 'such')) return true;
  }
  return false;
}

/** The first words of the sentence of token `at`, lowercased (punctuation skipped). */
function sentenceOpening(ctx: BlockContext, at: number, n: number): string[] {
  const { tokens } = ctx;
  const [from, to] = ctx.sentences[tokens[at]!.sentence]!;
  const out: string[] = [];
  for (let k = from; k <= to && out.length < n; k++) if (tokens[k]!.kind === 'word') out.push(tokens[k]!.norm);
  return out;
}

/** A sentence that opens with "For example", "For instance" or "E.g." illustrates the rule before it. */
function illustrationSentence(ctx: BlockContext, at: number): boolean {
  const [a, b] = sentenceOpening(ctx, at, 2);
  return a === 'e.g' || (a === 'for' && (b === 'example' || b === 'instance'));
}

/** How far (in tokens) a parenthesis around a keyword is looked for: parentheses are short; a long sentence stays linear. */
const PARENTHESIS_REACH = 40;

/**
 * The keyword at `k` and the candidate at `at` are on different sides of a parenthesis: the keyword inside one that
 * opened after the candidate, or inside one that closed before it (each looked for within PARENTHESIS_REACH tokens of
 * the keyword, so a long sentence stays linear). A parenthesis that holds little more than the keyword ("(REQUIRED)",
 * "(must)") annotates what it follows, which it governs.
 */
function keywordParenthesized(tokens: readonly Token[], k: number, at: number): boolean {
  const sentence = tokens[k]!.sentence;
  const inSentence = (t: Token): boolean => t.sentence === sentence;
  // The "(" that opens the keyword's parenthesis: the nearest unmatched one before it (after the candidate if the
  // candidate comes first).
  const open = unmatchedParenthesis(tokens, k, -1, Math.max(k - PARENTHESIS_REACH - 1, at < k ? at : -1), inSentence);
  if (open < 0) return false;
  // Its ")": the nearest unmatched one after the keyword (before the candidate if the candidate comes after).
  const close = unmatchedParenthesis(tokens, k, 1, at > k ? Math.min(at, k + PARENTHESIS_REACH + 1) : k + PARENTHESIS_REACH + 1, inSentence);
  // The candidate after the keyword: the parenthesis must close before it. The candidate before: it opened after it
  // (checked by the first loop's bound); unclosed in reach, it is still the keyword's own part of the sentence.
  if (at > k && close < 0) return false;
  return (close < 0 ? k + PARENTHESIS_REACH : close) - open > 4;
}

/** Imperatives that ask for deliberation, not a result. */
const DELIBERATION_VERBS = new Set(['consider', 'explore', 'investigate', 'discuss', 'revisit', 'brainstorm']);

/** The sentence opens with an imperative of deliberation and holds no keyword before `at`. */
function deliberationSentence(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  let k = from;
  while (k < at && tokens[k]!.kind !== 'word') k++;
  if (k >= at || !DELIBERATION_VERBS.has(tokens[k]!.norm)) return false;
  for (let j = k + 1; j < at; j++) if (isKeyword(tokens[j]!)) return false;
  return true;
}

/** Verbs of saying: a modal in their "that"-clause is what is said ("advise that help should be sought"). */
const SAYING_VERBS = /^(?:advis(?:e|es|ed|ing)|tells?|telling|told|says?|saying|said|stated|stating|explain(?:s|ed|ing)?|recommend(?:s|ed|ing)?|suggest(?:s|ed|ing)?|remind(?:s|ed|ing)?|notes?|noted|noting|convey(?:s|ed|ing)?|inform(?:s|ed|ing)?|warn(?:s|ed|ing)?|acknowledg(?:e|es|ed|ing)|mention(?:s|ed|ing)?|emphasi[sz](?:e|es|ed|ing)|indicat(?:e|es|ed|ing))$/;

/**
 * Is token `at` inside a "that"-clause of a verb of saying that has a modal of its own ("…, always advising that
 * immediate help should be sought")? The clause is the content of the message, not a requirement of the spec.
 */
function reportedClause(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  for (let j = at - 1; j >= 0 && j >= at - 16 && tokens[j]!.sentence === sentence; j--) {
    if (tokens[j]!.norm !== 'that') continue;
    // The verb of saying right before "that", or before "the user that" / "them that".
    let v = j - 1;
    for (let hops = 0; hops < 2 && v >= 0 && tokens[v]!.kind === 'word' && !SAYING_VERBS.test(tokens[v]!.norm); hops++) v--;
    if (v < 0 || tokens[v]!.kind !== 'word' || !SAYING_VERBS.test(tokens[v]!.norm) || tokens[v]!.sentence !== sentence) return false;
    // The clause has its own modal between "that" and the end of its part.
    for (let k = j + 1; k < tokens.length && k < j + 24 && tokens[k]!.sentence === sentence; k++) {
      if (tokens[k]!.kind === 'punct' && (tokens[k]!.norm === ';' || tokens[k]!.norm === ':')) break;
      if (tokens[k]!.kind === 'word' && !tokens[k]!.quoted && VERB_MODALS.has(tokens[k]!.norm)) return true;
    }
    return false;
  }
  return false;
}

/**
 * "must not pursue any additional goals …, including but not limited to: …": a negated universal forbids every case;
 * the list only illustrates it, so leaving it open leaves nothing open.
 */
function negatedUniversal(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  let any = false;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.sentence === sentence; j--) {
    const n = tokens[j]!.norm;
    if (n === 'any') any = true;
    else if (any && (n === 'not' || n === 'never' || n === "mustn't" || n === "shouldn't" || n === "shan't")) return true;
  }
  return false;
}

/** Is token `at` after a positive MAY in its clause (not "MAY NOT"): an open list of what is allowed? */
function permittedBefore(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.clause === clause; j--) {
    const t = tokens[j]!;
    if (!isModalKeyword(t)) continue;
    return t.norm === 'may' && !NEGATIONS.has(tokens[j + 1]?.norm ?? '');
  }
  return false;
}

/**
 * Is token `at` in parentheses holding only code spans before it (masked in the prose: commas and blanks left)? Not
 * names written as words ("all expected properties (consistencyScore, etc.)": which properties is the question).
 */
function codeNamesInParentheses(tokens: readonly Token[], at: number): boolean {
  const open = openParenthesisOf(tokens as Token[], at);
  if (open < 0) return false;
  let commas = 0;
  // Twenty-sixth round (read out of sample): "(HeroSection, PromoBanner, Footer, etc.)": PascalCase names of types or
  // components are code written without backticks; each item one capitalised word, at least one with a capital inside.
  let words = 0;
  let pascal = 0;
  for (let k = open + 1; k < at; k++) {
    const t = tokens[k]!;
    if (t.kind === 'word') {
      // Every capital opens a lowercase run ("CrashLoopBackOff"); a brand with an acronym ("OpenAI") is a name, not code.
      if (!/^(?:[A-Z][a-z0-9]+)+$/.test(t.raw) || (tokens[k - 1]!.kind === 'word' && k - 1 > open)) return false;
      words++;
      if (/^[A-Z][a-z0-9]+[A-Z]/.test(t.raw)) pascal++;
    }
    if (t.norm === ',') commas++;
  }
  return commas > 0 && (words === 0 || pascal > 0);
}

/**
 * A prohibition governs the word: "MUST NOT" / "SHALL NOT" / "SHOULD NOT" (or "must never") before it in its clause
 * ("MUST NOT skip tests using X, Y, or similar mechanisms"). Not a permission or an obligation ("MUST support X, Y, or
 * similar" leaves open what to build).
 */
function prohibitedBefore(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 1 && j >= at - LOOK_AROUND && tokens[j]!.clause === clause; j--) {
    const n = tokens[j]!.norm;
    if ((n === 'not' || n === 'never') && isModalKeyword(tokens[j - 1]!) && /^(?:must|shall|should)$/.test(tokens[j - 1]!.norm)) return true;
  }
  return false;
}

/** Arithmetic signs of a formula ("executed / total", "hits = …"); a bare "/" inside a word ("and/or") is a joiner. */
const FORMULA_SIGNS = new Set(['/', '=', '\u00d7', '\u00f7', '*', '+']);

/**
 * A parenthetical formula defines the measure the word judges, within the clause and close after the word (its verb
 * and object between): "accurately calculate statement-level test coverage (executed statements / total statements)".
 * A parenthetical without a formula ("(see the report)", "(per package)") defines nothing.
 */
function formulaAfter(tokens: Token[], end: number): boolean {
  const clause = tokens[end - 1]!.clause;
  for (let k = end; k < tokens.length && k <= end + 8 && tokens[k]!.clause === clause; k++) {
    if (tokens[k]!.norm !== '(') continue;
    let words = 0;
    for (let m = k + 1; m < tokens.length && m <= k + 16; m++) {
      const n = tokens[m]!.norm;
      if (n === ')') return false;
      if (tokens[m]!.kind === 'word' || tokens[m]!.kind === 'number') words++;
      else if (FORMULA_SIGNS.has(n) && words > 0 && (tokens[m + 1]?.kind === 'word' || tokens[m + 1]?.kind === 'number')) return true;
    }
    return false;
  }
  return false;
}

/**
 * The word is settled in its requirement by a definition of its measure, a formula ("(executed statements / total
 * statements)"): a definition holds for the section. A bound or a measured relative clause holds for its own item only.
 */
function definesMeasure(ctx: BlockContext, c: Candidate): boolean {
  return !!c.word && (c.word.dimension === 'quality' || c.word.dimension === 'degree') && formulaAfter(ctx.tokens, c.end);
}

/** "related to", "relating to", "pertaining to" right before the word (or its determiner/adjective), after a noun. */
function topicModifier(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= 1 && k >= at - 3; k--) {
    const n = tokens[k]!.norm;
    if (n === 'to' && /^(?:related|relating|pertaining)$/.test(tokens[k - 1]!.norm)) return tokens[k - 2]?.kind === 'word';
    if (tokens[k]!.kind !== 'word' || !(DETERMINERS.has(n) || CLASS_WORDS.has(n))) return false;
  }
  return false;
}

/**
 * Parentheses right after the word (or its noun) that give a value: a number or a number word ("(30 s)", "(hundreds of
 * warbands)", "(at most 3)"). Examples ("(e.g. 30 s)") or a parenthetical with no number ("(per user)") do not.
 */
function valueAfter(tokens: Token[], end: number): boolean {
  const clause = tokens[end - 1]!.clause;
  for (let k = end; k < tokens.length && k <= end + 3 && tokens[k]!.clause === clause; k++) {
    if (tokens[k]!.norm !== '(') {
      if (tokens[k]!.kind !== 'word') return false;
      continue;
    }
    // Seventeenth round: the wording itself, quoted ("Brief introduction ("Welcome! Let's set up your profile.")").
    // A quoted word alone names a term ("a low likelihood of collision ("unique")"); the wording is a phrase.
    const open = tokens[k + 1]?.kind === 'punct' && /^["“'‘`]$/.test(tokens[k + 1]!.norm) ? k + 2 : k + 1;
    if (tokens[open]?.quoted && tokens[open]!.kind === 'word') {
      let words = 0;
      for (let m = open; m < tokens.length && m <= open + LOOK_AROUND && tokens[m]!.norm !== ')'; m++) if (tokens[m]!.quoted && tokens[m]!.kind === 'word') words++;
      if (words >= 2) return true;
    }
    let value = false;
    for (let m = k + 1; m < tokens.length && m <= k + 10; m++) {
      const t = tokens[m]!;
      if (t.norm === ')') return value;
      if (NOT_OPTIONS.has(t.norm) || CLASS_WORDS.has(t.norm)) return false;
      if (t.kind === 'number' || NUMBER_WORDS.has(t.norm) || NUMBER_WORDS.has(t.norm.replace(/s$/, ''))) value = true;
    }
    return false;
  }
  return false;
}

/** Nouns of page layout: "responsive" before them is responsive web design (media queries, CSS), not a speed. */
const LAYOUT_NOUNS = new Set(['layout', 'layouts', 'design', 'designs', 'spacing', 'grid', 'grids', 'typography', 'image', 'images', 'breakpoint', 'breakpoints', 'column', 'columns', 'web', 'css', 'styles', 'styling', 'utilities', 'font', 'fonts', 'sizing']);

/** Words inside parentheses that make their content examples or a pointer, not the options: "(e.g. …)", "(see …)". */
const NOT_OPTIONS = new Set(['e.g', 'i.e', 'example', 'instance', 'such', 'etc', 'see', 'cf', 'like', 'including', 'includes', 'include', 'so', 'on']);

/**
 * Parentheses right after the word (or its noun) that list the options it allows: "handle them appropriately (retry
 * or mark as failed)", "easing tokens for natural motion (ease-in, ease-out, ease-in-out)". Examples ("(e.g. retry)",
 * "(such as …)", "(…, etc.)"), a pointer ("(see below)"), a single word, or options that are vague themselves ("(as
 * needed)", "(fast or smooth)") do not.
 */
function optionsAfter(tokens: Token[], end: number): boolean {
  const clause = tokens[end - 1]!.clause;
  for (let k = end; k < tokens.length && k <= end + 3 && tokens[k]!.clause === clause; k++) {
    if (tokens[k]!.norm !== '(') {
      if (tokens[k]!.kind !== 'word') return false;
      continue;
    }
    let words = 0;
    let separated = false;
    for (let m = k + 1; m < tokens.length && m <= k + 20; m++) {
      const t = tokens[m]!;
      // Fifteenth round: a code span (blanked in the prose: a gap) is an option too: "the appropriate error
      // (`[ERROR] No cluster-id` or `[ERROR] No nodepool-id`)".
      if (t.start - tokens[m - 1]!.end > 2) words++;
      if (t.norm === ')') return words >= 2 && separated;
      if (t.kind === 'word') {
        if (NOT_OPTIONS.has(t.norm) || CLASS_WORDS.has(t.norm) || DEGREE_MODIFIERS.has(t.norm)) return false;
        if (t.norm === 'or' || t.norm === 'and') separated = true;
        else words++;
      } else if (t.norm === ',' || t.norm === '/') separated = true;
      else if (t.norm === '(') return false;
    }
    return false;
  }
  return false;
}

/** Words that name the middle level of a scale ("fast, normal, and slow"; "regular, medium, semibold, bold"). */
const MIDDLE_LEVELS = new Set(['normal', 'medium', 'moderate', 'regular', 'standard', 'default', 'intermediate', 'average']);

/**
 * Is the word one of the named levels of a scale: a list of bare words ("fast, normal, and slow"; "from small to
 * extra-large") with an opposite of it or a middle level? "fast and reliable builds" and "small, fast binaries" name
 * no scale.
 */
function namesScaleLevels(tokens: Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  const items: string[] = [];
  const isSep = (t: Token | undefined): boolean => t !== undefined && (t.norm === ',' || t.norm === 'and' || t.norm === 'or' || t.norm === 'to');
  // Walk left and right over "word sep word sep …" (a separator may be ", and").
  const collect = (step: 1 | -1): void => {
    let k = at + step;
    for (let n = 0; n < 8; n++) {
      let seps = 0;
      while (isSep(tokens[k]) && tokens[k]!.sentence === sentence && seps < 2) {
        k += step;
        seps++;
      }
      const t = tokens[k];
      if (!seps || !t || t.kind !== 'word' || t.sentence !== sentence) return;
      items.push(t.norm);
      k += step;
    }
  };
  collect(-1);
  collect(1);
  const self = CLASS_WORDS.get(tokens[at]!.norm)?.base ?? tokens[at]!.norm;
  const fromTo = tokens[at - 1]?.norm === 'from' && tokens[at + 1]?.norm === 'to';
  if (items.length < 2 && !fromTo) return false;
  // The middle level itself: "normal" between "fast" and "slow".
  if (MIDDLE_LEVELS.has(tokens[at]!.norm) && items.some((w) => CLASS_WORDS.has(w))) return true;
  return items.some((w) => {
    const base = CLASS_WORDS.get(w)?.base ?? w.replace(/^(?:extra|x{1,3})-/, '');
    return MIDDLE_LEVELS.has(w) || (OPPOSITES.get(self)?.includes(base) ?? false) || (OPPOSITES.get(self)?.includes(CLASS_WORDS.get(base)?.base ?? base) ?? false);
  });
}

/**
 * Tenth round: the word at `at` modifies the noun after it, and a coordinated list around it repeats that noun with
 * other modifiers ("init containers, sidecar containers, regular containers"), at least one of which is not a
 * judgement (a classifier such as "init", or a middle level). Opposites alone ("small screens and large screens") still
 * leave the boundary between them open.
 */
function kindAmongKinds(tokens: Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  const head = tokens[at + 1];
  if (head === undefined || head.kind !== 'word' || head.sentence !== sentence || CLASS_WORDS.has(head.norm)) return false;
  const sameHead = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.sentence === sentence && t.norm === head.norm;
  // A modifier is a content word: "an appropriate dictionary and the dictionary" repeats the noun with no kind.
  const modifier = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.sentence === sentence && !t.code && !DETERMINERS.has(t.norm) && !NOT_KINDS.has(t.norm);
  const isSep = (t: Token | undefined): boolean => t !== undefined && t.sentence === sentence && (t.norm === ',' || t.norm === 'and' || t.norm === 'or' || t.norm === '/');
  const others: string[] = [];
  // Left: "… MOD HEAD, MOD HEAD, [word] HEAD".
  for (let k = at - 1, n = 0; n < 6; n++) {
    let seps = 0;
    while (isSep(tokens[k]) && seps < 2) { k--; seps++; }
    if (!seps || !sameHead(tokens[k]) || !modifier(tokens[k - 1])) break;
    others.push(tokens[k - 1]!.norm);
    k -= 2;
  }
  // Right: "[word] HEAD, MOD HEAD, and MOD HEAD".
  for (let k = at + 2, n = 0; n < 6; n++) {
    let seps = 0;
    while (isSep(tokens[k]) && seps < 2) { k++; seps++; }
    if (!seps || !modifier(tokens[k]) || !sameHead(tokens[k + 1])) break;
    others.push(tokens[k]!.norm);
    k += 2;
  }
  return others.some((m) => !CLASS_WORDS.has(m) || MIDDLE_LEVELS.has(m));
}

/** Function words that modify a noun without naming a kind of it (`kindAmongKinds`). */
const NOT_KINDS = new Set(['some', 'no', 'other', 'another', 'more', 'many', 'few', 'several', 'such', 'same', 'both', 'either', 'neither', 'which', 'what', 'whose', 'our', 'of']);

/** Cues of a bound in a relative clause: "at least 80%", "no more than 3", "within 2 minutes", "under 200 ms". */
const BOUND_CUES = new Set(['least', 'most', 'than', 'within', 'under', 'below', 'above', 'over', 'exactly', 'every']);

/**
 * A restrictive relative clause right after the noun the word modifies states a measurable test: "comprehensive unit
 * tests that achieve at least 80% code coverage", "a clear message that names the field and the limit of 64 bytes"
 * (a number with a cue or a unit). A relative clause with no measure ("comprehensive tests that cover the parser") is
 * no test.
 */
function relativeTest(tokens: Token[], end: number, dimension: Dimension | undefined): boolean {
  const clause = tokens[end - 1]!.clause;
  let rel = -1;
  for (let k = end; k < tokens.length && k <= end + 4 && tokens[k]!.clause === clause; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') break;
    if (k > end && (t.norm === 'that' || t.norm === 'which' || t.norm === 'who')) {
      rel = k;
      break;
    }
  }
  if (rel < 0) return false;
  for (let k = rel + 1; k < tokens.length && k <= rel + 10 && tokens[k]!.clause === clause; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'number' && !NUMBER_WORDS.has(t.norm)) continue;
    const next = tokens[k + 1]?.norm ?? '';
    // Seventeenth round: a time states a test of speed, not of quality ("a compelling headline that clearly
    // communicates the core benefit within 3 seconds" still asks what makes it compelling).
    if (TIME_UNITS.has(next) && !TIME_DIMENSIONS.has(dimension ?? '')) continue;
    if (BOUND_CUES.has(tokens[k - 1]!.norm) || UNITS.has(next) || next === '%') return true;
  }
  return false;
}

/** Verbs of a check, and verbs that reject what failed it (`rejectionAfterCheck`). */
const CHECK_VERB = /^(?:validate|validates|verify|verifies|check|checks|inspect|inspects|confirm|confirms|examine|examines)$/;
const REJECT_VERB = /^(?:fail|fails|reject|rejects|abort|aborts|discard|discards|drop|drops|deny|denies|refuse|refuses|terminate|terminates)$/;

/**
 * "validate extensions and fail the job if necessary", "verify the signature, rejecting the message if needed": in
 * its sentence, within fifteen words before the escape clause, a check, then "and" (or a comma) and a verb that
 * rejects right before the escape's own object; the condition is the check failing.
 */
function rejectionAfterCheck(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  let reject = -1;
  for (let k = at - 1; k >= 0 && k >= at - 15 && tokens[k]!.sentence === sentence; k--) {
    const n = tokens[k]!.norm;
    if (reject < 0) {
      if (REJECT_VERB.test(n) || /^(?:failing|rejecting|aborting|discarding|dropping|denying|refusing|terminating)$/.test(n)) {
        const before = tokens[k - 1]?.norm;
        if (before !== 'and' && before !== ',') return false;
        reject = k;
      } else if (at - k > 5) return false;
      continue;
    }
    if (CHECK_VERB.test(n)) return true;
  }
  return false;
}

/** "if necessary to preserve honesty", "where needed to uphold these principles": the purpose is the criterion. */
function purposeStated(c: Candidate, tokens: Token[]): boolean {
  const last = tokens[c.end - 1]!.norm;
  return /^(?:necessary|needed|required|possible)$/.test(last) && tokens[c.end]?.norm === 'to' && tokens[c.end + 1]?.kind === 'word' && !DETERMINERS.has(tokens[c.end + 1]!.norm);
}

/**
 * "[stating assumptions and asking clarifying questions](#ask_clarifying_questions) as appropriate": the escape
 * clause qualifies a link to the section that says when; the cross-reference answers it.
 */
function referenceBefore(ctx: BlockContext, at: number): boolean {
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  const pos = base + ctx.tokens[at]!.start;
  return /\]\(#[^)\s]+\)[ \t]*,?[ \t]*$/.test(text.slice(Math.max(0, pos - 200), pos));
}

/** The base and direction of a comparative at token k ("longer": long +, "less detailed": detailed -), if it is one. */
function comparativeAt(tokens: Token[], k: number): { base: string; up: boolean } | undefined {
  const n = tokens[k]!.norm;
  if ((n === 'more' || n === 'less' || n === 'fewer') && tokens[k + 1]?.kind === 'word') return { base: n === 'fewer' ? 'many' : tokens[k + 1]!.norm, up: n === 'more' };
  const w = CLASS_WORDS.get(n);
  if (w?.form === 'comparative') return { base: w.base, up: true };
  if (!n.endsWith('er')) return undefined;
  for (const b of [n.slice(0, -2), n.slice(0, -1), n.slice(0, -3), `${n.slice(0, -3)}y`]) if (OPPOSITES.has(b)) return { base: b, up: true };
  return undefined;
}

/**
 * Two opposite comparatives in one paragraph order two cases relative to each other ("longer, more detailed answers
 * for complicated topics … shorter answers if the user wants to chat"); a comparative coordinated with one of them
 * ("longer, more detailed") shares its reference.
 */
function pairedComparative(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const opposite = (x: { base: string; up: boolean }, y: { base: string; up: boolean }): boolean =>
    (x.base === y.base && x.up !== y.up) || (x.up === y.up && (OPPOSITES.get(x.base)?.includes(y.base) ?? false));
  // The passage: the block, or LOOK_AROUND * 4 tokens around the word in a very long one.
  const lo = Math.max(0, c.start - LOOK_AROUND * 4);
  const hi = Math.min(tokens.length, c.start + LOOK_AROUND * 4);
  const paired = (k: number, self: { base: string; up: boolean }): boolean => {
    for (let j = lo; j < hi; j++) {
      if (j === k || j === k + 1 || tokens[j]!.kind !== 'word') continue;
      // "accepted for a short time … valid for longer": the opposite adjective earlier in the passage is the reference.
      const adj = CLASS_WORDS.get(tokens[j]!.norm);
      if (j < k && self.up && adj?.form === 'adj' && (OPPOSITES.get(self.base)?.includes(adj.base) ?? false)) return true;
      const other = comparativeAt(tokens, j);
      if (other && opposite(self, other)) return true;
    }
    return false;
  };
  const self = comparativeAt(tokens, c.start);
  if (!self) return false;
  if (paired(c.start, self)) return true;
  // Coordinated with a paired comparative just before it: "longer, more detailed answers".
  for (let j = c.start - 1; j >= 0 && j >= c.start - 4 && tokens[j]!.sentence === tokens[c.start]!.sentence; j--) {
    const n = tokens[j]!.norm;
    if (n === ',' || n === 'and' || n === 'or') continue;
    const prev = comparativeAt(tokens, j) ?? (j > 0 ? comparativeAt(tokens, j - 1) : undefined);
    const at = comparativeAt(tokens, j) ? j : j - 1;
    return prev !== undefined && paired(at, prev);
  }
  return false;
}

/** Verbs that state what a quality consists of: "transparently indicated …, specifying the type of information removed". */
const ELABORATING = new Set(['specifying', 'naming', 'listing', 'identifying', 'itemizing', 'itemising']);

/** Does the sentence go on, after the candidate, to state what the quality consists of (", specifying …")? */
function elaborated(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 30 && tokens[k]!.sentence === sentence; k++) {
    if (tokens[k]!.norm === ',' && ELABORATING.has(tokens[k + 1]?.norm ?? '')) return true;
  }
  return false;
}

/** "i.e." or "that is" within the next six tokens of the sentence, then words with no class word among them. */
function restated(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k <= end + 6 && tokens[k]!.sentence === sentence; k++) {
    // A verb between them means the restatement is of its object, not of the phrase ("briefly outline the best
    // practices - i.e. using …").
    if (tokens[k]!.kind === 'word' && posOf(ctx, k) === 'VERB') return false;
    const ie = tokens[k]!.norm === 'i.e' ? k + (tokens[k + 1]?.norm === '.' ? 2 : 1) : tokens[k]!.norm === 'that' && tokens[k + 1]?.norm === 'is' && tokens[k + 2]?.norm === ',' ? k + 3 : -1;
    if (ie < 0) continue;
    let words = 0;
    for (let j = ie; j < tokens.length && j < ie + 8 && tokens[j]!.sentence === sentence; j++) {
      const t = tokens[j]!;
      if (t.kind === 'word' && CLASS_WORDS.has(t.norm) && !NEVER_FLAGGED.has(t.norm)) return false;
      if (t.kind !== 'punct') words++;
    }
    return words >= 1;
  }
  return false;
}

/** Participles that point to where a document states something, and what may follow them (`answeredByReference`). */
const POINTED_TO = /^(?:discussed|described|listed|detailed|enumerated|explained|specified|defined|given|shown)$/;
const POINTER_NEXT = new Set(['below', 'above', 'later', 'earlier', 'in', 'under']);

/**
 * "as appropriate (see [express uncertainty](#…))", "the appropriate IANA registry (see {{urn-space}})": a
 * cross-reference right after the word, or after the noun it modifies, answers the question.
 */
function answeredByReference(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  // The modified noun phrase, with a prepositional phrase of its own ("the normal requirements for an ACME JWS request
  // body (see {{…}})"): up to three words, or eight with a preposition among them.
  let preposition = false;
  for (let k = end; k < tokens.length && k <= end + (preposition ? 8 : 3); k++) {
    if (tokens[k]!.norm === '(') return tokens[k + 1]?.norm === 'see' || tokens[k + 1]?.norm === 'cf';
    // Twelfth round: "except for some limited error cases discussed below", "the exceptions listed in Section 4": the
    // noun phrase points to where the document enumerates them.
    if (k > end && POINTED_TO.test(tokens[k]!.norm) && POINTER_NEXT.has(tokens[k + 1]?.norm ?? '')) return true;
    // Twenty-second round: "MUST match the appropriate value for resource linkage, as described above": the same
    // pointer after a comma closes the noun phrase.
    // Forty-eighth round: "send appropriate flow control signals for their limits; see {{flow-control}}", "Security
    // best practice, as set out in {{security}}": a comma or semicolon, then "see" or "as set out in" with a
    // cross-reference, close the noun phrase as the parenthesis does.
    if ((tokens[k]!.norm === ',' || tokens[k]!.norm === ';') && referenceAfterPunctuation(ctx, k)) return true;
    if (k > end && tokens[k]!.norm === ',') return tokens[k + 1]?.norm === 'as' && POINTED_TO.test(tokens[k + 2]?.norm ?? '') && POINTER_NEXT.has(tokens[k + 3]?.norm ?? '');
    const pos = posOf(ctx, k);
    if (tokens[k]!.kind === 'word' && k > end && (pos === 'ADP' || pos === 'DET' || POSSESSIVES.has(tokens[k]!.norm))) {
      preposition ||= pos === 'ADP';
      continue;
    }
    if (tokens[k]!.kind !== 'word' || !/^(?:NOUN|PROPN|ADJ)$/.test(pos)) return false;
  }
  return false;
}

const POSSESSIVES = new Set(['its', 'their', 'our', 'your', 'his', 'her']);

/**
 * After the comma or semicolon at token `k`: "see", "as set out in" (described, specified, defined, discussed; in or
 * by) or "per", then a cross-reference of kramdown-rfc (`{{anchor}}`, `{{Section 4 of RFC9000}}`) or a Markdown link
 * to an anchor: "Security best practice, as set out in {{security}}" (forty-eighth round). A citation of another
 * document alone ("see [RFC9110]") is left to `citedAfter`, which reads it right after the word.
 */
function referenceAfterPunctuation(ctx: BlockContext, k: number): boolean {
  const text = ctx.specText ?? ctx.block.text;
  const base = ctx.specText !== undefined ? ctx.block.start : 0;
  const pos = base + ctx.tokens[k]!.end;
  return /^[ \t]*(?:\r?\n[ \t]*)?(?:see(?:[ \t]+also)?|as[ \t]+(?:set[ \t]+out|described|specified|defined|discussed)[ \t]+(?:in|by)|per)(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:\{\{[^}\n]+\}\}|\[[^\]\n]+\]\(#[^)\s]+\))/.test(text.slice(pos, pos + 200));
}

/** An earlier occurrence (up to 200 tokens back) of the word at `at` with the same next word was answered by a cross-reference. */
function answeredEarlier(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const word = tokens[at]!.norm;
  const next = tokens[at + 1];
  if (next?.kind !== 'word') return false;
  // Within the paragraph's last few sentences (a hostile one-block document stays linear).
  for (let k = at - 2; k >= 0 && k >= at - 200; k--) {
    if (tokens[k]!.norm === word && tokens[k + 1]!.norm === next.norm && answeredByReference(ctx, k + 1)) return true;
  }
  return false;
}

/** The comparative at `at` appeared earlier in the block (up to 200 tokens back) with "than" right after it or after its noun. */
function baselineEarlier(tokens: readonly Token[], at: number): boolean {
  const word = tokens[at]!.norm;
  for (let k = at - 1; k >= 0 && k >= at - 200; k--) {
    if (tokens[k]!.norm !== word) continue;
    for (let j = k + 1; j <= k + 3 && j < at; j++) if (tokens[j]!.norm === 'than') return true;
  }
  return false;
}

/** Forty-ninth round: "… is NOT acceptable", "is never acceptable" ending its clause, not in a condition. */
function negatedAtClauseEnd(ctx: BlockContext, start: number, end: number): boolean {
  const { tokens } = ctx;
  const not = tokens[start - 1];
  if (!not || not.sentence !== tokens[start]!.sentence || !/^(?:not|never)$/.test(not.norm)) return false;
  if (!/^(?:is|are|be|was|were|'s)$/.test(tokens[start - 2]?.norm ?? '')) return false;
  const next = tokens[end];
  if (next !== undefined && next.sentence === tokens[start]!.sentence && !(next.kind === 'punct' && /^[.;:,—)]$/.test(next.norm))) return false;
  return !partAt(ctx, start).condition;
}

/** Forty-ninth round: "return … to normal", "restored back to normal": a verb of return within six words before "to". */
function backToNormal(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  if (tokens[at - 1]?.norm !== 'to') return false;
  const next = tokens[at + 1];
  if (next !== undefined && next.sentence === sentence && next.kind === 'word' && !/^(?:after|when|once|within|and|or|if|before|until|by)$/.test(next.norm)) return false;
  if (tokens[at - 2]?.norm === 'back') return true;
  for (let k = at - 2; k >= 0 && k >= at - 7 && tokens[k]!.sentence === sentence; k--) {
    if (/^(?:return|returns|returned|returning|restore|restores|restored|restoring|revert|reverts|reverted|reverting|reset|resets|resetting)$/.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** Forty-ninth round: "safe under >100,000 concurrent requests/hour", "stable up to 500 users": a load with its number. */
function loadStatedAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  let k = end;
  if (tokens[k]?.norm === 'under' || tokens[k]?.norm === 'at') k++;
  else if (tokens[k]?.norm === 'up' && tokens[k + 1]?.norm === 'to') k += 2;
  else return false;
  while (tokens[k]?.kind === 'punct' && /^[<>≥≤~]$/.test(tokens[k]!.norm)) k++;
  if (/^(?:least|most)$/.test(tokens[k + 1]?.norm ?? '') && tokens[k]?.norm === 'at') k += 2;
  const t = tokens[k];
  return t !== undefined && t.sentence === sentence && t.kind === 'number';
}

/** Forty-ninth round: the word after token `at` is a capitalised word of the same sentence (a title-case name). */
function titleCaseNext(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at + 1];
  return next !== undefined && next.kind === 'word' && next.sentence === tokens[at]!.sentence && /^[A-Z][a-z]/.test(next.raw);
}

/**
 * Forty-ninth round: a dash right after the word opens an elaboration (not "and", "or", "then") that gives a number
 * with a time unit in the same sentence.
 */
function dashBoundAfter(tokens: readonly Token[], end: number): boolean {
  const dash = tokens[end];
  if (!dash || dash.kind !== 'punct' || !/^[—–]$/.test(dash.norm) || dash.sentence !== tokens[end - 1]!.sentence) return false;
  if (/^(?:and|or|then|but|so)$/.test(tokens[end + 1]?.norm ?? '')) return false;
  for (let k = end + 1; k < tokens.length && k < end + 24 && tokens[k]!.sentence === dash.sentence; k++) {
    const t = tokens[k]!;
    if ((t.kind === 'number' || NUMBER_WORDS.has(t.norm)) && TIME_UNITS.has(tokens[k + 1]?.norm ?? '')) return true;
  }
  return false;
}

/**
 * A token that names a security mechanism: a standard or an algorithm, or alternatives of them written with a slash
 * ("bcrypt/argon2", forty-seventh round). Shared by the bound of a security word (`boundFor`) and the parenthesis
 * after it (`mechanismInParenthesisAfter`).
 */
function namesMechanism(norm: string): boolean {
  return STANDARDS.has(norm) || ALGORITHMS.test(norm) || (norm.includes('/') && norm.split('/').some((p) => STANDARDS.has(p) || ALGORITHMS.test(p)));
}

/**
 * Fifty-fourth round: a parenthesis opening within 16 tokens after `end`, in its sentence, whose words (up to its close)
 * include a named standard or algorithm ("(Argon2 or bcrypt)", "(TLS 1.3)").
 */
function mechanismInParenthesisAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 16 && tokens[k]!.sentence === sentence; k++) {
    if (tokens[k]!.norm !== '(') continue;
    for (let j = k + 1; j < tokens.length && j < k + 12 && tokens[j]!.sentence === sentence && tokens[j]!.norm !== ')'; j++) {
      const n = tokens[j]!.norm;
      if (namesMechanism(n)) return true;
    }
    return false;
  }
  return false;
}

/**
 * Fifty-fourth round: what names the targets of "meet targets" right after it: a preposition or participle that leads
 * to them ("in SC-004", "of WCAG 2.2", "defined in the plan", "set by the team"), a colon or parenthesis opening a list,
 * or a number or a code or capitalised name within four tokens.
 */
function referenceAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  const next = tokens[end];
  if (next === undefined || next.sentence !== sentence) return false;
  if (/^(?:in|of|from|defined|set|listed|specified|stated|described|given|outlined|above|below|:|\()$/.test(next.norm)) return true;
  for (let k = end; k < tokens.length && k < end + 4 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind === 'number' || t.code || (t.kind === 'word' && /^[A-Z]{2,}/.test(t.raw))) return true;
    if (t.kind === 'punct') break;
  }
  return false;
}

/** Fifty-second round: a number within eight tokens after `end`, in its sentence, before a comma, semicolon or "and". */
function degradationBoundAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 8 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind === 'number' || NUMBER_WORDS.has(t.norm)) return true;
    if (t.norm === ',' || t.norm === ';' || t.norm === 'and' || t.norm === 'or') return false;
  }
  return false;
}

/** Forty-ninth round: "actionable" of a control: the control noun (button, link, …) within eight words before it, predicative. */
function actionableControl(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  const next = tokens[at + 1];
  if (next !== undefined && next.sentence === sentence && next.kind === 'word' && !/^(?:and|or|when|while|once|after|for|to|by|on|in)$/.test(next.norm)) return false;
  for (let k = at - 1; k >= 0 && k >= at - 8 && tokens[k]!.sentence === sentence; k--) {
    if (/^(?:button|buttons|link|links|control|controls|toggle|toggles|checkbox|checkboxes|menu|switch|tab|tabs|icon|icons|cta)$/.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** Forty-ninth round: "(" within ten tokens after `end` in its sentence, words (and apostrophes) between, then a verb. */
function behaviourInParentheses(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 10 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct' && t.norm === '(') {
      // A verb in its base form opens it ("(prevent …)", "(block …)"); not a gerund ("(defaulting to …)": what follows
      // from it), and nothing in it that would ask again (a vague word, a keyword, a condition: `answeredInPlace`'s).
      const v = tokens[k + 1];
      if (v === undefined || v.kind !== 'word' || v.sentence !== sentence || /ing$/.test(v.norm) || /^(?:see|e|eg|i|ie|cf)$/.test(v.norm) || posOf(ctx, k + 1) !== 'VERB') return false;
      for (let m = k + 1; m < tokens.length && m <= k + 16 && tokens[m]!.sentence === sentence; m++) {
        const u = tokens[m]!;
        if (u.norm === ')') return true;
        if (u.kind === 'word' && (isKeyword(u) || CLASS_WORDS.has(u.norm) || DEGREE_MODIFIERS.has(u.norm) || NOT_ANSWERS.has(u.norm))) return false;
      }
      return false;
    }
    if (t.kind === 'punct' && t.norm !== "'" && t.norm !== '’') return false;
  }
  return false;
}

/**
 * The comparative at `at` ("larger", "greater", "smaller", "longer", "higher", "lower") after its superlative earlier
 * in the block (up to 200 tokens back) that "is" (are, "=") a number within its sentence: "the largest legal value of
 * Quarter Stream ID is 2^60-1". "The largest buffers are preferred. A larger value MUST be rejected" (no number) asks.
 */
function extremeStatedEarlier(tokens: readonly Token[], at: number): boolean {
  const word = tokens[at]!.norm;
  if (!/^[a-z]{3,}er$/.test(word)) return false;
  const superlative = word.replace(/er$/, 'est');
  for (let k = at - 1; k >= 0 && k >= at - 200; k--) {
    if (tokens[k]!.norm !== superlative) continue;
    const sentence = tokens[k]!.sentence;
    for (let j = k + 1; j < at && j <= k + 12 && tokens[j]!.sentence === sentence; j++) {
      if (/^(?:is|are|=)$/.test(tokens[j]!.norm) && tokens[j + 1]?.kind === 'number') return true;
    }
  }
  return false;
}

/**
 * "more/less X" at `at`: up to 200 tokens back in the block, the same two words followed within six words of their
 * sentence by "than" (the earlier sentence gave the comparison its baseline).
 */
function pairBaselineEarlier(tokens: readonly Token[], at: number): boolean {
  const first = tokens[at]!.norm;
  const second = tokens[at + 1]!.norm;
  for (let k = at - 1; k >= 0 && k >= at - 200; k--) {
    if (tokens[k]!.norm !== first || tokens[k + 1]?.norm !== second) continue;
    for (let j = k + 2; j <= k + 8 && j < at && tokens[j]!.sentence === tokens[k]!.sentence; j++) if (tokens[j]!.norm === 'than') return true;
  }
  return false;
}

/** Words of a numeric limit before "than" ("greater than 20"). */
const LIMIT_COMPARATIVES = new Set(['greater', 'larger', 'longer', 'more', 'higher', 'bigger', 'smaller', 'shorter', 'less', 'fewer', 'lower']);

/** Up to 60 tokens back in the block: a limit with a number ("greater than 2^64 - 1", "exceed 20 bytes", "at most 16"). */
function limitEarlier(tokens: readonly Token[], at: number): boolean {
  const number = (k: number): boolean => {
    for (let j = k; j < at && j <= k + 2; j++) if (tokens[j]!.kind === 'number') return true;
    return false;
  };
  for (let k = at - 1; k >= 1 && k >= at - 60; k--) {
    const n = tokens[k]!.norm;
    if (n === 'than' && LIMIT_COMPARATIVES.has(tokens[k - 1]!.norm) && number(k + 1)) return true;
    if (/^(?:exceed|exceeds|exceeding)$/.test(n) && number(k + 1)) return true;
    if (n === 'most' && tokens[k - 1]!.norm === 'at' && number(k + 1)) return true;
  }
  return false;
}

/** Earlier in the sentence of `at`: "as described / specified / defined in" (a cited procedure or value). */
function citedBaselineBefore(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  for (let k = at - 1; k >= 1 && k >= at - 24 && tokens[k]!.sentence === sentence; k--) {
    if (tokens[k]!.norm === 'in' && /^(?:described|specified|defined)$/.test(tokens[k - 1]!.norm) && tokens[k - 2]?.norm === 'as') return true;
  }
  return false;
}

/** "for usability reasons", "for security purposes", "for the sake of simplicity": a reason given, not a requirement. */
function reasonGiven(tokens: Token[], c: Candidate): boolean {
  const sentence = tokens[c.start]!.sentence;
  const next = tokens[c.end];
  if (next?.sentence === sentence && /^(?:reasons?|purposes?)$/.test(next.norm)) {
    for (let k = c.start - 1; k >= 0 && k >= c.start - 2 && tokens[k]!.sentence === sentence; k--) if (tokens[k]!.norm === 'for') return true;
  }
  return tokens[c.start - 1]?.norm === 'of' && tokens[c.start - 2]?.norm === 'sake';
}

/** Token `i` is capitalised (not all capitals) and not the first word of its sentence or of a labeled part. */
function capitalisedMidSentence(ctx: BlockContext, i: number): boolean {
  const t = ctx.tokens[i]!;
  return !atSentenceStart(ctx, i) && t.raw[0] !== t.raw[0]!.toLowerCase() && t.raw !== t.raw.toUpperCase();
}

/** Token `i` opens its sentence, the block, or a part after a colon or a list star. */
function atSentenceStart(ctx: BlockContext, i: number): boolean {
  const before = ctx.tokens[i - 1];
  return i === 0 || before!.sentence !== ctx.tokens[i]!.sentence || i === ctx.firstWord || (before!.kind === 'punct' && (before!.norm === ':' || before!.norm === '*'));
}

/**
 * The word is used as an evaluative modifier: tagged ADJ or ADV (a noun form: NOUN), not a verb ("funds they secure",
 * "clear the cache"), not a proper name or a capitalised term mid-sentence ("the Secure attribute", "Secure
 * Enclave").
 */
function usedAsModifier(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const i = c.pattern === 'degree' || c.pattern === 'comparative' || c.pattern === 'superlative' ? c.start + 1 : c.pattern === 'amount' ? c.start + 1 : c.start;
  const t = tokens[i]!;
  const w = c.word!;
  if (capitalisedMidSentence(ctx, i)) return false;
  // Ninth round: an all-caps word amid ordinary words names a value or a level ("CRITICAL and HIGH findings block the
  // deployment"), as it names an acronym for the lexicon (`isAcronym`); a sentence written all in capitals keeps it.
  if (isAcronym(tokens, i)) return false;
  // Right after a modal it is the verb: "Endpoints MUST clear the state", "the UA SHOULD not secure …".
  if (c.pattern === 'class' && i === c.start && w.form === 'adj' && followsModal(tokens, i)) return false;
  // Before the opening of an object it is the verb: "invalidate all tokens and clear any session cookies", "secure
  // them", "SHALL redirect to the login page and clear stored credentials". "clear that …" and "a clear summary" stay.
  if (c.pattern === 'class' && i === c.start && w.form === 'adj' && verbBeforeObject(tokens, i)) return false;
  // Eighteenth round: "the current instant is `2026-07-14T16:30:00Z`": between a determiner (and its adjectives) and the
  // verb, the word is the noun the verb's subject names (a moment), not a modifier. "the response is instant" stays.
  if (c.pattern === 'class' && i === c.start && c.end === i + 1 && w.form === 'adj' && nounHead(tokens, i)) return false;
  if (w.form === 'noun' && NOUNS_NOT_FLAGGED.has(t.norm)) return false;
  // Eleventh round: "scalability tests", "usability testing", "scalability requirements": a noun of quality that
  // modifies the noun after it names a kind or a topic (tests of scalability); it requires no level of it. "MUST
  // ensure scalability across nodes" stays.
  if (w.form === 'noun' && i === c.start && c.end - c.start === 1 && nounModifier(ctx, i)) return false;
  // "environment-appropriate": the tagger tags the compound's first part ("environment", a noun); the suffix makes it
  // an adjective or adverb.
  if (!CLASS_WORDS.has(t.norm) && t.norm.includes('-')) return true;
  const pos = posOf(ctx, i);
  if (w.form === 'noun') return pos === 'NOUN';
  // Fortieth round: "MUST be user-friendly": the tagger reads a listed hyphenated adjective as a noun; the compound is
  // an adjective by construction ("user-friendly", "up-to-date", "well-organized").
  if (w.form === 'adj' && t.norm.includes('-') && pos === 'NOUN') return true;
  // "premium serif fonts", "warm backgrounds": the tagger reads a look-and-feel word before nouns as a noun; `judge`
  // has already required a noun of design after it.
  if (DESIGN_WORDS.has(w.base) && i === c.start && (pos === 'NOUN' || pos === 'VERB')) return true;
  if (pos === 'VERB' || pos === 'AUX' || pos === 'NOUN' || pos === 'DET' || pos === 'NUM') return c.pattern === 'amount';
  if (pos === 'PROPN') return atSentenceStart(ctx, i) || t.raw === t.raw.toUpperCase();
  return pos === 'ADJ' || pos === 'ADV' || pos === 'X';
}

/** Nouns of a value or a setting, which "effective" before them means "in force". */
const IN_FORCE_NOUNS = /^(?:requirements?|requests?|limits?|capacity|capacities|signals?|behaviou?rs?|factors?|footprints?|terms|values?|polic(?:y|ies)|permissions?|configurations?|config|dates?|ids?|uids?|gids?|rates?|sizes?|resources?|settings?|versions?|scopes?|priorit(?:y|ies)|quotas?|labels?|parameters?|address(?:es)?)$/;

/** "effective" at `i` modifies (within three words) a noun of a value or a setting. */
function inForceValue(ctx: BlockContext, i: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[i]!.sentence;
  for (let k = i + 1; k <= i + 3 && k < tokens.length && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') return false;
    if (IN_FORCE_NOUNS.test(t.norm)) return true;
    if (!/^(?:NOUN|ADJ|PROPN|X)$/.test(posOf(ctx, k)) && !t.norm.includes('-')) return false;
  }
  return false;
}

/** Words that mark a noun phrase's referent as one that exists already. */
const EXISTING_MARKERS = new Set(['existing', 'pre-existing', "today's", 'today’s', 'legacy', 'previous', 'prior']);

/** The adjective at `i` follows an existing-referent marker, directly or after one other adjective ("existing large"). */
function existingReferent(tokens: readonly Token[], i: number): boolean {
  const sentence = tokens[i]!.sentence;
  for (let j = i - 1; j >= i - 2 && j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'word' || t.sentence !== sentence) return false;
    if (EXISTING_MARKERS.has(t.norm)) return true;
    if (NP_DETERMINERS.has(t.norm)) return false;
  }
  return false;
}

/** The adjective at `i` is the predicate of "was"/"were" (an adverb may stand between) in a sentence with no keyword before it. */
function pastReport(tokens: readonly Token[], i: number): boolean {
  const sentence = tokens[i]!.sentence;
  let j = i - 1;
  if (tokens[j]?.kind === 'word' && /ly$/.test(tokens[j]!.norm)) j--;
  const be = tokens[j];
  if (be?.kind !== 'word' || be.sentence !== sentence || (be.norm !== 'was' && be.norm !== 'were')) return false;
  for (let k = j - 1; k >= 0 && tokens[k]!.sentence === sentence; k--) if (isKeyword(tokens[k]!) || VERB_MODALS.has(tokens[k]!.norm)) return false;
  return true;
}

/** Finite verbs that can follow a subject's head noun. */
const SUBJECT_VERBS = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'must', 'shall', 'should', 'will', 'may', 'can']);
/** Determiners that open a noun phrase. */
const NP_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'each', 'every', 'any', 'its', 'their', 'our', 'your', 'his', 'her']);

/**
 * Token `i` (an adjective of the classes) heads a subject: a determiner before it (with at most one other adjective
 * between: "the current instant") and a finite verb right after it ("the current instant is …").
 */
function nounHead(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next?.kind !== 'word' || next.sentence !== tokens[i]!.sentence || !SUBJECT_VERBS.has(next.norm)) return false;
  const before = tokens[i - 1];
  if (before?.kind !== 'word' || before.sentence !== tokens[i]!.sentence) return false;
  if (NP_DETERMINERS.has(before.norm)) return true;
  const det = tokens[i - 2];
  return det?.kind === 'word' && det.sentence === tokens[i]!.sentence && NP_DETERMINERS.has(det.norm) && !CLASS_WORDS.has(before.norm);
}

/** The word right after (adjacent, same clause, a word) is tagged a noun: the word is a noun's modifier. */
function nounModifier(ctx: BlockContext, i: number): boolean {
  const { tokens } = ctx;
  const next = tokens[i + 1];
  if (next === undefined || next.kind !== 'word' || next.clause !== tokens[i]!.clause || next.quoted || next.code || next.start - tokens[i]!.end > 1) return false;
  return posOf(ctx, i + 1) === 'NOUN';
}

/**
 * Class words that have another, exact sense before certain nouns (a real-repository round, OpenSpec specs):
 *  - "effective" before a setting: the one in effect, resolved from the sources that set it ("the effective scope",
 *    "the effective local time zone", POSIX's effective user id): "an effective strategy" still judges;
 *  - "prompt" before what is not an event: the noun, an input to a model or a shell ("prompt files", "the prompt copy");
 *    "a prompt response", "prompt notification" still ask how soon;
 *  - "normal" before a procedure: the ordinary path as opposed to an exception named beside it ("proceed with normal
 *    update logic", "normal validation"); "normal operation", "normal load" and "normal conditions" still ask.
 * The noun may stand up to four words after it, before a function word ("effective command output path").
 */
const SETTING_NOUNS = new Set([
  'scope', 'scopes', 'value', 'values', 'date', 'time', 'zone', 'path', 'paths', 'config', 'configuration', 'settings', 'setting',
  'permission', 'permissions', 'policy', 'policies', 'id', 'uid', 'gid', 'mode', 'level', 'profile', 'version', 'target',
  'targets', 'location', 'root', 'locale', 'limit', 'limits', 'timeout', 'url', 'address', 'owner', 'default', 'defaults', 'options',
  'environment', 'rate', 'schema', 'directory', 'folder', 'region', 'role', 'roles', 'resolution',
  // Thirty-fifth round: values resolved from defaults and overrides ("the effective complexity tier", "effective
  // confidence 0.94", "the effective expiry", "uses 900 as the effective flush interval", "the effective timezone").
  'confidence', 'expiry', 'expiration', 'tier', 'tiers', 'writer', 'budget', 'budgets', 'cadence', 'model', 'models', 'timezone',
  'timezones', 'group', 'groups', 'allowlist', 'allowlists', 'denylist', 'blocklist', 'interval', 'intervals', 'window', 'windows',
  'quota', 'quotas', 'threshold', 'thresholds', 'deadline', 'ttl', 'priority', 'weight', 'weights',
]);
const PROMPT_EVENT_NOUNS = new Set([
  'response', 'responses', 'reply', 'replies', 'answer', 'answers', 'notification', 'notifications', 'notice', 'payment', 'payments',
  'action', 'attention', 'delivery', 'feedback', 'acknowledgement', 'acknowledgment', 'decision', 'fix', 'fixes', 'repair', 'refund',
  'refunds', 'resolution', 'review', 'service', 'handling', 'processing', 'correction', 'escalation', 'investigation', 'removal',
  'disclosure', 'reporting', 'report', 'return', 'shipping', 'update', 'updates', 'follow-up', 'restoration', 'recovery',
]);
const PROCEDURE_NOUNS = new Set([
  'logic', 'flow', 'flows', 'rules', 'path', 'procedure', 'procedures', 'process', 'processing', 'handling', 'validation', 'sync',
  'synchronization', 'update', 'workflow', 'precedence', 'resolution', 'routing', 'execution', 'startup', 'shutdown',
]);

/** A scenario's condition steps (`scenarioStep`): `WHEN …`, `GIVEN …`, `IF …`, `WHILE …`. */
const CONDITION_STEPS: ReadonlySet<ScenarioStep> = new Set<ScenarioStep>(['when', 'given', 'if', 'while']);

function otherSense(ctx: BlockContext, i: number): boolean {
  const { tokens } = ctx;
  const t = tokens[i]!;
  const prev = tokens[i - 1]?.norm;
  if (t.norm === 'regular') return ordinaryKind(tokens, i);
  // Twenty-first round: "protected routes remain accessible", "a publicly accessible bucket": reachable, not usable by
  // people with disabilities (the complements after it: SENSE_WITH_COMPLEMENT). It judges only before a thing people
  // read or operate, maybe after other adjectives ("accessible messaging and forms", "an accessible empty state",
  // "clear, accessible error messages"). After a verb it is mostly reachable ("`/items` is
  // accessible and displays the list", "verify the dashboards are accessible", "if these are accessible"), and so is
  // "accessible resources or referrals", "an accessible endpoint" (read on the 79 labeled repositories).
  if (t.norm === 'accessible') {
    if (prev !== undefined && REACHABLE_BEFORE.test(prev)) return true;
    for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
      const n = tokens[k]!;
      if (n.kind !== 'word' || n.sentence !== t.sentence) return true;
      if (ACCESSIBLE_THINGS.test(n.norm)) return false;
      if (posOf(ctx, k) !== 'ADJ') return true;
    }
    return true;
  }
  // Thirty-fifth round: "the normal migration", "an ordinary caller", "retain their normal construction … behavior": the
  // default kind of a thing, set against a special one the text names (`defaultKind`).
  if (t.norm === 'normal' || t.norm === 'ordinary') {
    if (defaultKind(ctx, i)) return true;
    if (t.norm === 'ordinary') return false;
  }
  const nouns = t.norm === 'effective' ? SETTING_NOUNS : t.norm === 'normal' ? PROCEDURE_NOUNS : t.norm === 'prompt' ? PROMPT_EVENT_NOUNS : t.norm === 'fresh' ? NEW_INSTANCE_NOUNS : undefined;
  if (!nouns) return false;
  // "a fresh install", "fresh users", "the fresh validator": a new one (made anew, never used), not an age of data.
  if (t.norm === 'fresh') {
    if (prev === 'more' || prev === 'very') return false;
    const thing = (k: number): boolean => tokens[k]?.sentence === t.sentence && nouns.has(tokens[k]!.norm);
    // Twelfth round: the object of a verb of making or getting ("MUST generate a fresh ClientHelloOuter.random",
    // "used to obtain fresh access tokens"): a new one. "show fresh data" (an age) stays.
    const verb = prev === 'a' || prev === 'an' ? tokens[i - 2]?.norm : prev;
    if (verb !== undefined && MAKING_VERBS.test(verb)) return true;
    // Right after it, or after one noun ("a fresh project install"), or after a parenthesis ("a fresh (nonce-0) account").
    let after = i + 1;
    if (tokens[after]?.norm === '(') {
      while (after < tokens.length && after <= i + 8 && tokens[after]!.norm !== ')') after++;
      after++;
    }
    const noun = (k: number): boolean => posOf(ctx, k) === 'NOUN' || posOf(ctx, k) === 'PROPN';
    // Up to two nouns before it: "a fresh Status List entry".
    if (thing(after) || (thing(after + 1) && noun(after)) || (thing(after + 2) && noun(after) && noun(after + 1))) return true;
    // Thirty-fifth round: with "a"/"an", one more of a countable thing, made anew ("before enqueueing a fresh retry
    // envelope", "a fresh checkpoint", "with a fresh `request_id`"), not an age; of data ("a fresh price", "a fresh
    // reading") it is still an age.
    if (prev === 'a' || prev === 'an') {
      if (codeSpanAfter(ctx, i) !== undefined) return true;
      for (let k = i + 1; k <= i + 4 && tokens[k]?.sentence === t.sentence && tokens[k]!.kind === 'word'; k++) {
        const pos = posOf(ctx, k);
        if (pos === 'NOUN' || pos === 'PROPN') {
          // The head is the last noun of the compound ("a fresh debit transaction").
          let h = k;
          while (tokens[h + 1]?.sentence === t.sentence && tokens[h + 1]!.kind === 'word' && /^(?:NOUN|PROPN)$/.test(posOf(ctx, h + 1))) h++;
          return !FRESH_AGE_NOUNS.test(tokens[h]!.norm);
        }
        if (pos !== 'ADJ' && pos !== 'VERB') break;
      }
    }
    return false;
  }
  // Graded or indefinite, it judges: "more effective", "a highly effective", "an effective way".
  if (prev === 'a' || prev === 'an' || prev === 'more' || prev === 'most' || prev === 'less' || prev === 'very' || prev === 'highly' || prev === 'truly') return false;
  const next = tokens[i + 1];
  if (next === undefined || next.kind !== 'word' || next.sentence !== t.sentence) return false;
  if (t.norm === 'prompt') return posOf(ctx, i + 1) === 'NOUN' && !nouns.has(next.norm);
  // A noun of the class in the phrase after it, up to four words and before a function word ("the effective local time
  // zone is …", "normal update logic"; not "effective user engagement").
  for (let k = i + 1; k <= i + 4 && k < tokens.length; k++) {
    const n = tokens[k]!;
    if (n.kind !== 'word' || n.sentence !== t.sentence || SENSE_PHRASE_ENDS.has(n.norm)) break;
    if (nouns.has(n.norm)) return true;
  }
  return false;
}

/**
 * Words of failure that make a count a threshold ("incorrect credentials multiple times", "multiple failed attempts").
 * Thirty-sixth round: a crash is one too ("WHEN the worker crashes repeatedly").
 */
const FAILURE_WORDS = /^(?:fail|fails|failed|failing|failure|failures|incorrect|incorrectly|invalid|wrong|wrongly|unsuccessful|unsuccessfully|erroneous|mistyped|denied|rejected|bad|crash|crashes|crashed|crashing)$/;

/**
 * Thirty-sixth round: adverbs of recurrence that count failures when they stand right before the verb of failure they
 * qualify ("a NodePool with persistently failing drift replacements", "WHEN a record repeatedly fails"): how many
 * failures? Only the next word: "calling it repeatedly must not fail" (idempotence) and "state stored persistently"
 * (durably) hold no such verb there.
 */
const RECURRENCE_ADVERBS = /^(?:repeatedly|persistently)$/;

/** Is the count at `start`–`end` one of failures: a word of failure in it, or at most six words before it in its clause? */
function failureCount(tokens: readonly Token[], start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (FAILURE_WORDS.test(tokens[k]!.norm)) return true;
  if (end - start === 1 && RECURRENCE_ADVERBS.test(tokens[start]!.norm)) {
    const next = tokens[end];
    if (next && next.kind === 'word' && next.clause === tokens[start]!.clause && FAILURE_WORDS.test(next.norm)) {
      // A count later in the clause answers it ("repeatedly fails validation (3 times in 10 minutes)").
      for (let k = end + 1; k <= end + 10 && tokens[k] && tokens[k]!.clause === next.clause; k++) if (isNumberLike(tokens[k])) return false;
      return true;
    }
  }
  const clause = tokens[start]!.clause;
  for (let k = start - 1, words = 0; k >= 0 && words < 6 && tokens[k]!.clause === clause; k--) {
    if (tokens[k]!.kind !== 'word') continue;
    if (FAILURE_WORDS.test(tokens[k]!.norm)) return true;
    words++;
  }
  return false;
}

/** What people read or operate, which "accessible" before it judges (WCAG's sense). */
const ACCESSIBLE_THINGS = /^(?:messag\w*|forms?|ui|uis|interfaces?|design|designs|components?|pages?|websites?|sites?|web|apps?|applications?|controls?|buttons?|navigation|menus?|dialogs?|modals?|layouts?|views?|screens?|colou?rs?|fonts?|text|labels?|charts?|widgets?|markup|experiences?|ux|frontend|front-end|dashboards?|portals?|documents?|documentation|pdfs?|emails?|templates?|media|videos?|images?|captions?|language|copy|content|errors?|alerts?|notifications?|inputs?|fields?|tables?|links?|tooltips?|icons?|keyboard|presentation|output|formatting|states?|experiences?|versions?)$/;

/** Words of concurrency, with which "safe" is thread safety ("handle concurrent access safely"). */
const CONCURRENCY_WORDS = /^(?:concurrent|concurrently|concurrency|thread|threads|threaded|multi-threaded|multithreaded|parallel|simultaneous|simultaneously|race|races|reentrant|re-entrant)$/;

/** Operations that change things, which "safe" before them keeps from harm ("safe auto-fixers", "a safe migration"). */
const SAFE_OPERATIONS = /(?:^|[\s-])(?:fixers?|fixes|auto-fixers?|autofixers?|migrations?|upgrades?|downgrades?|operations?|changes|refactors?|refactorings?|cleanups?|deletions?|rollbacks?|retries|rewrites?|transformations?|codemods?)$/;

/** Accessibility standards and their parts: "WCAG", "Section 508", "EN 301 549", "ARIA". */
const ACCESSIBILITY_STANDARD = /^(?:wcag(?:[\d.]*)?|508|aria|wai-aria|301|a11y)$/;

/**
 * Words before "accessible" that make it reachable ("remain accessible", "publicly accessible", "made accessible") or
 * name how it is operated, which is the criterion ("keyboard accessible", "screen-reader accessible").
 */
const REACHABLE_BEFORE = /^(?:remains?|remained|remaining|stays?|stayed|publicly|externally|internally|remotely|globally|directly|only|readily|easily|still|made|make|makes|network|web|internet|programmatically|universally|keyboard|reader|screen-reader|mouse|touch)$/;

/** Verbs that give a field or a parameter a label: "fields marked as required", "parameters flagged as required". */
const LABEL_VERBS = /^(?:marked|flagged|labell?ed|tagged|annotated|designated|declared|listed|shown|indicated|identified)$/;

/** Verbs after which "a number of <unit>" is the value itself: "an integer representing a number of milliseconds". */
const VALUE_VERBS = /^(?:represents?|representing|specif(?:y|ies|ying)|indicat(?:es?|ing)|denot(?:es?|ing)|express(?:es|ing)?|giv(?:es|ing)|counts?|counting|measur(?:es?|ing))$/;

/**
 * "Minor and patch releases SHOULD be made on an as-needed basis", "major or patch versions", "major/minor/patch
 * releases": the Semantic Versioning fields, coordinated (with "and", "or", "," or "/"; one of them "patch", or two of
 * major / minor) before "release(s)" / "version(s)". The fixed phrases are TERMS_OF_ART; this reads any order. "a
 * minor change" and "minor and cosmetic releases" still ask.
 */
function versionFields(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  const fields = new Set<string>();
  for (let k = at - 3; k < at + 6 && k < tokens.length; k++) {
    if (k < 0 || tokens[k]!.sentence !== sentence) continue;
    const n = tokens[k]!.norm;
    if (/^(?:major|minor|patch)$/.test(n)) { fields.add(n); continue; }
    if (/^(?:and|or|,|\/)$/.test(n)) continue;
    if (k > at && /^(?:releases?|versions?)$/.test(n)) return fields.size >= 2 && (fields.has('patch') || (fields.has('major') && fields.has('minor')));
    if (k < at) { fields.clear(); continue; }
    return false;
  }
  return false;
}

/**
 * Thirty-first round (read out of sample: 111 findings on six protocol specifications new to the project, 52 false).
 * Classes of sentence structure where the word sets no bar the document leaves open:
 * - a permission's ability: "They MAY be able to read the source", "clients may be able to resume": "be able to" after
 *   a word of permission or possibility (MAY, may, might, could) weakens nothing; "The system shall be able to …"
 *   (a system's obligation, no keyword) stays;
 * - a label: "fields marked as required MUST be included": "as required" after a verb that labels (marked, flagged,
 *   labeled, declared, …) names the field's attribute, not an escape; "retry as required" stays;
 * - the practice named: "best practice is to namespace the keys", "it is best practice to pin versions": the
 *   infinitive says what the practice is; "follow best practices" stays;
 * - the value's own count: "an integer representing a number of milliseconds": after a verb of denoting (representing,
 *   specifying, indicating, …) "a number of" is the quantity the value carries; "retry a number of times" stays;
 * - thread safety: "Callback functions SHOULD be reentrant safe", "MUST be safe for concurrent use": "safe" right
 *   after reentrant / thread / concurrency or right before "for concurrent (parallel, simultaneous) use, access, calls"
 *   is the term of art (no data race when called concurrently); "handle concurrent access safely" still asks;
 * - the Semantic Versioning fields coordinated before a release or a version (`versionFields`);
 * - what someone can then do: "so that it is easier to see …"; a preference between two named things: "this is better
 *   done by the `/versions` endpoint". "MUST be easier to read" and "logs should be better structured" still ask.
 */
function protocolSettled(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const first = tokens[start]!;
  const prev = tokens[start - 1];
  const sameSentence = (t: Token | undefined): t is Token => t !== undefined && t.sentence === first.sentence;
  if (c.category === 'weak' && first.norm === 'be' && tokens[start + 1]?.norm === 'able' && sameSentence(prev) && /^(?:may|might|could)$/.test(prev.norm)) return true;
  // Thirty-ninth round (paraphrases): an adverb between ("MAY also be able to", "might then be able to").
  if (c.category === 'weak' && first.norm === 'be' && tokens[start + 1]?.norm === 'able' && sameSentence(prev) && /^(?:also|still|then|thus|therefore|even|sometimes|additionally|likewise)$/.test(prev.norm) && sameSentence(tokens[start - 2]) && /^(?:may|might|could)$/.test(tokens[start - 2]!.norm)) return true;
  if (first.norm === 'as' && tokens[start + 1]?.norm === 'required' && end - start === 2 && sameSentence(prev) && LABEL_VERBS.test(prev.norm)) return true;
  if (c.entry?.term === 'best practices' && /^practices?$/.test(tokens[end - 1]?.norm ?? '')) {
    const a = tokens[end];
    const b = tokens[end + 1];
    const d = tokens[end + 2];
    // "best practice is to namespace the keys"
    if (sameSentence(a) && /^(?:is|are)$/.test(a.norm) && b?.norm === 'to' && sameSentence(d) && d.kind === 'word' && !DETERMINERS.has(d.norm)) return true;
    // "it is best practice to pin versions", "it is a best practice to …"
    const before = tokens[start - 1]?.norm === 'a' ? start - 2 : start - 1;
    if (a?.norm === 'to' && sameSentence(b) && b.kind === 'word' && !DETERMINERS.has(b.norm) && tokens[before]?.norm === 'is' && tokens[before - 1]?.norm === 'it') return true;
  }
  if (c.category === 'quantity' && first.norm === 'a' && tokens[start + 1]?.norm === 'number' && tokens[start + 2]?.norm === 'of' && sameSentence(prev) && VALUE_VERBS.test(prev.norm)) return true;
  // Thirty-ninth round (paraphrases): the verb's participle with "as" / "in" ("expressed as a number of hours",
  // "given in a number of seconds"); "retry a number of times" and "wait a number of seconds" still ask.
  if (c.category === 'quantity' && first.norm === 'a' && tokens[start + 1]?.norm === 'number' && tokens[start + 2]?.norm === 'of' && sameSentence(prev) && /^(?:as|in)$/.test(prev.norm) && /^(?:expressed|given|specified|represented|measured|counted|encoded|stated|denoted)$/.test(tokens[start - 2]?.norm ?? '')) return true;
  if ((c.word?.base === 'minor' || c.word?.base === 'major') && end - start === 1 && versionFields(tokens, start)) return true;
  if (c.word?.form === 'comparative' && end - start === 1) {
    // "should list the primitives so that it is easier to see if …": after "so (that)", "it is easier to <verb>" is what
    // someone can then do, as "so that users can easily …" is (`inPurpose`).
    const so = tokens[start - 3]?.norm === 'that' ? start - 4 : start - 3;
    if (tokens[end]?.norm === 'to' && /^(?:is|becomes)$/.test(prev?.norm ?? '') && tokens[start - 2]?.norm === 'it' && tokens[so]?.norm === 'so' && sameSentence(tokens[so])) return true;
    // "This system should not be used to advertise unstable features - this is better done by the `/versions`
    // endpoint": the preference between two things the sentence names; the baseline is the one it rejects.
    if (c.word.base === 'good' && /^(?:done|handled|served|achieved|addressed|expressed|conveyed)$/.test(tokens[end]?.norm ?? '') && /^(?:by|with|through|via|using)$/.test(tokens[end + 1]?.norm ?? '') && sameSentence(tokens[end + 1])) return true;
  }
  if (c.word?.base === 'safe' && end - start === 1) {
    if (sameSentence(prev) && /^(?:reentrant|re-entrant|thread|concurrency|async-signal|signal)$/.test(prev.norm)) return true;
    const a = tokens[end];
    const b = tokens[end + 1];
    const d = tokens[end + 2];
    if (a?.norm === 'for' && sameSentence(b) && /^(?:concurrent|parallel|simultaneous|multi-threaded|multithreaded)$/.test(b.norm) && /^(?:use|access|calls?|invocations?|execution)$/.test(d?.norm ?? '')) return true;
    // Thirty-ninth round (paraphrases): the concurrency named after the use ("safe for use from several threads at
    // once", "safe for access by multiple goroutines"); "safe for untrusted input" still asks.
    if (a?.norm === 'for' && sameSentence(b) && /^(?:use|access|calls?|invocations?|execution)$/.test(b.norm) && /^(?:from|by|across|on|in)$/.test(d?.norm ?? '')) {
      for (let k = end + 3; k <= end + 6 && sameSentence(tokens[k]); k++) {
        if (/^(?:threads?|goroutines?|processes|tasks|workers|cores|callers)$/.test(tokens[k]!.norm) || CONCURRENCY_WORDS.test(tokens[k]!.norm)) return true;
      }
    }
  }
  // "several threads" / "multiple threads" in a thread-safety phrase names concurrency, not a count to give.
  if (c.category === 'quantity' && end - start === 1 && /^(?:several|multiple|many)$/.test(first.norm) && /^(?:threads|goroutines)$/.test(tokens[end]?.norm ?? '') && sameSentence(tokens[end])) {
    for (let k = start - 1; k >= start - 6 && sameSentence(tokens[k]); k--) if (tokens[k]!.norm === 'safe' || /^(?:thread-safe|threadsafe)$/.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** Verbs that divide a whole into parts: "break complex tasks into smaller steps". */
const DIVIDING_VERBS = /^(?:break|breaks|breaking|broke|broken|split|splits|splitting|divide|divides|divided|dividing|decompose|decomposes|decomposed|decomposing|partition|partitions|partitioned|partitioning|chunk|chunks|chunked|chunking|separate|separates|separated|separating|factor|factors|factored|factoring|refactor|refactors|refactored|refactoring)$/;

/** Where data is kept or read from: "readable" of one is the I/O sense (it can be read), not legibility. */
const DATA_SOURCES = /^(?:files?|snapshots?|sources?|exports?|streams?|records?|rows?|tables?|stores?|databases?|blobs?|buckets?|director(?:y|ies)|folders?|archives?|caches?|entry|entries|events?|pointers?|digests?|logs?|ledgers?|secrets?|credentials?|payloads?|episodes?|jsonl|json|csv|yaml|ndjson|dumps?|backups?|volumes?|mounts?|sockets?|pipes?|queues?|inbox(?:es)?|mailbox(?:es)?|registr(?:y|ies)|indexes|indices|index)$/;

/**
 * What a realtime (publish/subscribe) system carries: "emit a realtime event" names the kind, not a latency; and
 * (fifty-eighth round) the connection it keeps ("when the realtime connection is lost").
 */
const REALTIME_CARRIED = /^(?:events?|envelopes?|subscriptions?|channels?|connections?|transport|transports|websockets?|sockets?|pub\/sub|pubsub|topics?|broker|brokers|metadata)$/;

/** Verbs of reaching a limit: "many concurrent calls exhaust the pool" defines the count by the limit. */
const LIMIT_VERBS = /^(?:exhaust|exhausts|exhausted|exhausting|exceed|exceeds|exceeded|exceeding|saturate|saturates|saturated|saturating|overflow|overflows|overflowed|overwhelm|overwhelms|overwhelmed|fill|fills|filled|max|maxes|maxed|hit|hits|trip|trips|tripped|trigger|triggers|triggered|breach|breaches|breached)$/;

/**
 * Thirty-fifth round (read out of sample on OpenSpec specs and their scenarios, `/work/cl35/verdicts.jsonl`):
 * - "`_tick()` runs twice in quick succession": the idiom (one right after the other), not a speed to bound;
 * - "When the snapshot is readable", "a readable export", "JSONL readability", "readable via `state_get`": of a data
 *   source, or with the means or the reader after it, "readable" is the I/O sense (it can be read); "readable fonts",
 *   "readable error messages" still ask;
 * - "emit a realtime event", "Redis-backed realtime subscription events": the kind of message a publish/subscribe
 *   system carries, not a latency; "display real-time data", "update in real time" still ask;
 * - "WHEN many concurrent MCP tool calls exhaust the asyncpg pool": in a condition, the count is as many as it takes to
 *   reach the limit the verb names; "many users open the page" still asks;
 * - "animates over approximately 200-300ms": the range is the tolerance; "approximately 200 ms" still asks;
 * - "a stable entity identity or equivalent deterministic dedupe key", "(or equivalent `aria-live=polite`)": the kind
 *   the equivalent must be is named right after it (as the twenty-sixth round's "(dropdown or equivalent control)");
 *   "`--format json` (or equivalent)" and "or equivalent before merge" still ask.
 */
function openSpecSettled(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const first = tokens[start]!;
  const { same, norm } = sentenceOf(ctx, start);
  const word = (k: number): boolean => same(k) && tokens[k]!.kind === 'word';
  // "in quick (rapid, fast) succession".
  if (end - start === 1 && norm(end) === 'succession' && norm(start - 1) === 'in') return true;
  // "readable" of a data source.
  if (end - start === 1 && /^(?:readable|unreadable|readability)$/.test(first.norm)) {
    if (first.norm === 'readability') return word(start - 1) && DATA_SOURCES.test(norm(start - 1));
    // The means or the reader after it: "readable via `state_get`", "readable through the ledger", "readable to the
    // retention process", "readable by the worker", "readable for authenticated users".
    if (/^(?:via|through|to|by|from)$/.test(norm(end)) || (norm(end) === 'for' && /^(?:authenticated|authorized|authorised|anonymous|admin|admins|the|all|any|every)$/.test(norm(end + 1)))) return true;
    // Before its noun, maybe after other modifiers ("a readable selected source", "a fresh readable export record").
    for (let k = end; k <= end + 3 && same(k); k++) {
      const n = tokens[k]!;
      if (n.kind === 'word' && DATA_SOURCES.test(n.norm)) return true;
      if (n.kind !== 'word' || n.code || SENSE_PHRASE_ENDS.has(n.norm) || !/^(?:ADJ|NOUN|PROPN|VERB)$/.test(posOf(ctx, k))) break;
    }
    // After a copula or "remain(s)": its subject, the nearest noun before in the clause ("the snapshot is readable",
    // "A warning source remains readable", "the store is readable and empty").
    if (/^(?:is|are|be|been|being|was|were|remain|remains|remaining|stay|stays|become|becomes)$/.test(norm(start - 1))) {
      for (let k = start - 2; k >= start - 6 && same(k) && tokens[k]!.clause === first.clause; k--) {
        const n = tokens[k]!;
        if (n.kind !== 'word') continue;
        if (DATA_SOURCES.test(n.norm)) return true;
        if (posOf(ctx, k) === 'NOUN' || posOf(ctx, k) === 'PROPN') break;
      }
    }
    return false;
  }
  // A realtime event (the kind of message), maybe after other nouns ("realtime subscription events").
  if (c.term === 'real time' || /^(?:real-time|realtime)$/.test(first.norm)) {
    // Fifty-eighth round: "in real-time with no perceptible lag": the phrase after it says what real time means here
    // (a lag, asked on its own word when that is vague); "real-time updates" alone still asks.
    if (norm(end) === 'with' && norm(end + 1) === 'no' && same(end + 3) && /^(?:lag|lags|delay|delays|latency|stutter|stuttering|jank|flicker)$/.test(norm(end + 3))) return true;
    if (end - start === 1 || (end - start === 2 && first.norm === 'real')) {
      for (let k = end; k <= end + 3 && same(k); k++) {
        const n = tokens[k]!;
        if (n.kind === 'word' && REALTIME_CARRIED.test(n.norm)) return true;
        if (n.kind !== 'word' || SENSE_PHRASE_ENDS.has(n.norm) || !/^(?:ADJ|NOUN|PROPN|VERB)$/.test(posOf(ctx, k))) break;
      }
    }
    return false;
  }
  // A count defined by the limit it reaches, in a condition.
  if (c.category === 'quantity' && /^(?:many|multiple|numerous|several)$/.test(first.norm) && end - start === 1 && CONDITION_STEPS.has(scenarioStep(ctx.block.text)?.step ?? 'then')) {
    for (let k = end; k <= end + 6 && same(k) && tokens[k]!.clause === first.clause; k++) {
      if (tokens[k]!.kind === 'word' && LIMIT_VERBS.test(tokens[k]!.norm)) return true;
    }
    return false;
  }
  // "approximately 200-300ms": a range after it.
  if (c.entry?.term === 'approximately' && tokens[end]?.kind === 'number' && same(end)) {
    if (/^\d[\d.,]*\s*[a-z%µ]*\s*[-\u2013]\s*\d/.test(tokens[end]!.norm)) return true;
    let k = end + 1;
    if (word(k) && !/^(?:to|and)$/.test(norm(k)) && !/^[-\u2013]$/.test(norm(k))) k++;
    if (/^(?:-|\u2013|to)$/.test(norm(k)) && same(k + 1) && tokens[k + 1]!.kind === 'number') return true;
    return false;
  }
  // "or equivalent" and the kind it names: one to three words (or a code span) after it, ending the phrase.
  if (c.term === 'or equivalent') {
    let n = 0;
    let k = end;
    for (; k <= end + 3 && same(k); k++) {
      const t = tokens[k]!;
      if (t.kind !== 'word' || SENSE_PHRASE_ENDS.has(t.norm)) break;
      n++;
    }
    // A code span right after it (blanked in the prose): "(or equivalent `aria-live=\"polite\"`)".
    if (n === 0) return codeSpanAfter(ctx, end - 1) !== undefined;
    if (n > 3) return false;
    const last = tokens[k - 1]!;
    // The tagger reads a phrase-final noun as an adjective now and then ("dedupe key").
    return last.code || last.quoted || /^(?:NOUN|PROPN|ADJ|X)$/.test(posOf(ctx, k - 1));
  }
  return false;
}

/**
 * Thirty-seventh round (read out of sample on spec-kit feature specs and Kiro requirements, `/work/cl37/verdicts.jsonl`):
 * - "If required scheduling inputs are missing", "display … as required elements": "required" is the adjective of the
 *   noun phrase after it (the mandatory inputs, the mandatory elements), not the escape "if (as) required"; "retry as
 *   required", "as required by RFC 9110" (`not-by`), "if required, notify the owner" still ask or are settled as before;
 * - "Admins shall be able to accept an idea, optionally providing a comment": after a person's ability ("users can",
 *   "admins shall be able to", "a reviewer may") the optional part is that person's choice, as "allow the user to
 *   optionally add notes" is (`chooserNamed`); "the system SHALL add it and optionally remove …" still asks.
 */
function specKitSettled(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const { same } = sentenceOf(ctx, start);
  // "required" of a noun phrase: the words after it are modifiers and a noun (no function word, no code span).
  if (c.entry?.term === 'as required' && end - start === 2 && tokens[start + 1]!.norm === 'required') {
    for (let k = end; k <= end + 2 && same(k); k++) {
      const t = tokens[k]!;
      if (t.kind !== 'word' || t.code || t.quoted || DETERMINERS.has(t.norm) || SENSE_PHRASE_ENDS.has(t.norm)) return false;
      const pos = posOf(ctx, k);
      if (pos === 'NOUN') return true;
      if (pos !== 'ADJ' && !(pos === 'VERB' && /ing$/.test(t.norm))) return false;
    }
    return false;
  }
  // An optional part of a person's ability, earlier in the sentence.
  if (c.entry?.term === 'optionally' && end - start === 1) {
    for (let k = start - 1; k >= 0 && k >= start - 14 && same(k); k--) {
      const t = tokens[k]!;
      if (t.kind === 'punct' && t.norm === ';') return false;
      // "users can", "a reviewer may", "admins shall be able to", "users MUST be able to".
      if (/^(?:can|may)$/.test(t.raw) && PEOPLE.test(tokens[k - 1]?.raw ?? '') && same(k - 1)) return true;
      if (t.norm === 'be' && tokens[k + 1]?.norm === 'able' && tokens[k + 2]?.norm === 'to' && personBefore(tokens, k - 1) && same(k - 2)) return true;
    }
    return false;
  }
  return false;
}

/** Bases that are open themselves: "based on context", "depending on the situation". */
const OPEN_BASES = new Set(['context', 'contexts', 'circumstances', 'situation', 'situations', 'need', 'needs', 'judgment', 'judgement', 'discretion', 'case', 'cases', 'use']);

/**
 * Words inside a parenthesis after the word that make it no answer: a condition, a concession, an exception, a reason
 * ("(if the protocol supports it)", "(even when …)", "(other than …)", "(eventual consistency permitting)"), how the
 * word is measured ("(post-usage survey)"), a status ("(recommended)", "(optional)"), a standard not named ("(meets
 * standard accessibility contrast guidance)"), a symptom with no measure ("(no full reflows or freezes)").
 */
const NOT_ANSWERS = new Set(['if', 'unless', 'even', 'other', 'except', 'than', 'whenever', 'where', 'while', 'because', 'since', 'permitting', 'though', 'although', 'survey', 'surveys', 'poll', 'polls', 'interview', 'interviews', 'study', 'studies', 'feedback', 'rating', 'ratings', 'review', 'reviews', 'questionnaire', 'recommended', 'optional', 'required', 'tbd', 'todo', 'default', 'does', 'do', 'did', 'see', 'cf', 'e.g', 'etc', 'example', 'such', 'like', 'including', 'includes', 'include', 'so', 'usually', 'typically', 'ideally', 'preferably', 'standard', 'standards', 'guidance', 'guidelines', 'practice', 'practices', 'freeze', 'freezes', 'lag', 'lags', 'stutter', 'jank', 'delay', 'delays', 'hang', 'hangs']);

/** An identifier in parentheses names the rule, not its answer: "(FR-001)", "(P1)", "(US2)". */
const ID_LIKE = /^[a-z]{1,4}-?\d+[a-z]?$/;

/**
 * Thirty-eighth round. Shapes that two readings out of sample (the thirty-fifth's and thirty-seventh's, on different
 * repositories) both saw, where the sentence answers the word in place:
 * - "the appropriate X" followed by its basis: "select the appropriate processor based on URL", "choose the appropriate
 *   decoder based on the Content-Type header", "return the appropriate thumbnail size according to the request": the
 *   basis named picks the one that fits. A basis that is open itself ("based on context") or a basis inside a
 *   parenthesis ("appropriate memory (256MB-1024MB based on function complexity)") still asks;
 * - the word answered in a parenthesis right after it: "be compact (single line)", "handle the relationship gracefully
 *   (cascade or set null based on configuration)", "a normal (non-crashed) run", "degrade gracefully (no animation)".
 *   A parenthesis that holds a vague word itself ("(httpOnly cookies or secure storage)"), a condition, a concession or
 *   an exception ("(if …)", "(even when …)", "(other than …)"), how the word is measured ("(post-usage survey)"),
 *   examples, a clause or a gerund opening ("(defaulting to …)": what follows from it) or only an id still asks;
 * - a definition after a colon that follows the word's noun phrase in a requirement: "MUST preserve a clean state: no
 *   partial account, …", "SHALL use an effective timezone: the …", "multiply it by the appropriate frequency factor:
 *   weekly=52, …" (the thirty-fourth round did the predicate, "must stay clean: …"). Examples after the colon ("e.g."),
 *   an answer that holds a vague word itself, or a colon after a verb ("roughly correspond to:") still ask.
 */
function answeredInPlace(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const w = c.word;
  if (!w || (c.entry && c.category === 'escape')) return false;
  const { same } = sentenceOf(ctx, start);
  const article = (k: number): boolean => same(k) && /^(?:the|a|an)$/.test(tokens[k]!.norm);
  // The fit word with its basis.
  // With no article, after the verb whose object it is: "Return appropriate thumbnail size based on request parameter".
  if (FIT_WORDS_REFERENTIAL.has(w.base) && end - start === 1 && (article(start - 1) || (same(start - 1) && tokens[start - 1]!.kind === 'word' && posOf(ctx, start - 1) === 'VERB'))) {
    for (let k = end + 1; k <= end + 3 && same(k + 1); k++) {
      const t = tokens[k]!;
      const prev = tokens[k - 1]!;
      if (prev.kind !== 'word' || isKeyword(prev) || DETERMINERS.has(prev.norm)) break;
      const pair = `${t.norm} ${tokens[k + 1]!.norm}`;
      if (pair !== 'based on' && pair !== 'according to' && pair !== 'depending on') continue;
      let b = k + 2;
      while (same(b) && /^(?:the|its|their|a|an|each|every|this|that)$/.test(tokens[b]!.norm)) b++;
      // A code span (blanked: a gap before the next token) is a named basis too.
      const basis = tokens[b];
      if (basis === undefined || !same(b)) return false;
      if (basis.kind !== 'word') return basis.start - tokens[b - 1]!.end > 2;
      return !CLASS_WORDS.has(basis.norm) && !OPEN_BASES.has(basis.norm);
    }
  }
  // The word answered in a parenthesis right after it.
  if ((w.form === 'adj' || w.form === 'adv') && tokens[end]?.norm === '(' && tokens[end]!.start === tokens[end - 1]!.end + 1) {
    let content = 0;
    let ids = 0;
    for (let m = end + 1; m < tokens.length && m <= end + 14; m++) {
      const t = tokens[m]!;
      if (t.start - tokens[m - 1]!.end > 2) content++;
      if (t.norm === ')') return content > ids && content > 0;
      if (t.kind === 'word') {
        // Thirty-ninth round (paraphrases): a comparison with a named reference opening the parenthesis answers it
        // ("fresh (younger than its max-age)"); "(other than …)", "(rather than …)" and a vague comparative still ask.
        if (t.norm === 'than' && m === end + 2 && /^[a-z]{3,}er$/.test(tokens[m - 1]!.norm) && !/^(?:other|rather|either|neither|never|ever|however|whether)$/.test(tokens[m - 1]!.norm) && (/^(?:its|the|their|his|her|our|this|that)$/.test(tokens[m + 1]?.norm ?? '') || tokens[m + 1]?.kind === 'number')) {
          content++;
          continue;
        }
        if (isKeyword(t) || CLASS_WORDS.has(t.norm) || DEGREE_MODIFIERS.has(t.norm) || NOT_ANSWERS.has(t.norm) || PARENTHESIS_CLAUSE_WORDS.has(t.norm)) return false;
        if (m === end + 1 && /^[a-z]{3,}ing$/.test(t.norm) && !NOT_GERUNDS.has(t.norm)) return false;
        if (ID_LIKE.test(t.norm)) ids++;
        content++;
      } else if (t.norm === '(' || t.norm === '[' || t.norm === ';') return false;
    }
    return false;
  }
  // A definition after a colon that follows the word's noun phrase.
  // Not a word of how much a thing contains: its list must be long enough (`inlineListFollows`, the twenty-third round:
  // "a comprehensive profile: name and role" asks).
  if (w.form === 'adj' && w.dimension !== 'quantity' && !CONTENT_WORDS.has(w.base) && isKeywordBeforeInClause(ctx, start)) {
    let k = start - 1;
    // Back over adjectives coordinated before it: "a minimalist, modern aesthetic".
    while (k > start - 4 && same(k) && (tokens[k]!.norm === ',' || tokens[k]!.norm === 'and' || (tokens[k]!.kind === 'word' && posOf(ctx, k) === 'ADJ' && !isKeyword(tokens[k]!)))) k--;
    if (!article(k)) return false;
    let nouns = 0;
    let j = end;
    for (; j <= end + 3 && same(j) && tokens[j]!.kind === 'word'; j++) {
      const t = tokens[j]!;
      const pos = posOf(ctx, j);
      if (isKeyword(t) || DETERMINERS.has(t.norm) || !(pos === 'NOUN' || pos === 'PROPN' || pos === 'ADJ' || t.norm.includes('-'))) return false;
      nouns++;
    }
    if (nouns === 0 || tokens[j]?.norm !== ':' || !same(j)) return false;
    // What follows the colon: not examples, and no vague word of its own.
    const a = tokens[j + 1]?.norm ?? '';
    if (a === 'e.g' || (a === 'for' && tokens[j + 2]?.norm === 'example') || a === 'such' || a === 'like' || a === 'including') return false;
    for (let m = j + 1; m <= j + 10 && same(m); m++) if (CLASS_WORDS.has(tokens[m]!.norm) || DEGREE_MODIFIERS.has(tokens[m]!.norm)) return false;
    return true;
  }
  return false;
}

/** Data whose age "fresh" states even after "a": "a fresh price", "a fresh reading", "a fresh view of the market". */
const FRESH_AGE_NOUNS = /^(?:data|information|info|content|news|prices?|quotes?|readings?|values?|results?|figures?|statistics|stats|metrics?|numbers?|rates?|weather|status|views?|feeds?|measurements?|observations?|estimates?|forecasts?)$/;

/** What "normal" or "ordinary" before it still asks about: conditions, a load, people, a bar to meet ("under normal load", "ordinary users", "the normal requirements"). */
const CIRCUMSTANCE_WORDS = /^(?:conditions?|circumstances?|loads?|usage|use|uses|traffic|workloads?|operations?|operating|hours?|levels?|ranges?|volumes?|amounts?|networks?|weather|environments?|users?|people|persons?|humans?|customers?|readers?|visitors?|players?|members?|requirements?|expectations?|standards?|quality|limits?|bounds?|sizes?|speeds?|latency|latencies|temperatures?|pace|rates?|days?|weeks?|months?|years?|times?|intervals?|frequency|cadence|durations?|delays?|response|responses|performance|wear|working|business|workday|workdays|workweek)$/;

/**
 * Thirty-fifth round (read out of sample on OpenSpec specs): "normal" or "ordinary" before a noun phrase names the
 * default kind of a thing, set against a special one the text names: "the normal migration" (not the privileged
 * bootstrap), "an ordinary caller" (not a recovery caller), "SHALL retain their normal construction, invocation, and
 * persistence behavior" (as without the change), "a normal `ingestion_events` row". Before conditions, a load, people
 * or a bar to meet (`CIRCUMSTANCE_WORDS`: "under normal load", "normal users", "the normal requirements") and graded
 * ("very normal", "more ordinary") or predicative ("is normal") it still asks.
 */
function defaultKind(ctx: BlockContext, i: number): boolean {
  const { tokens } = ctx;
  const t = tokens[i]!;
  const prev = tokens[i - 1]?.norm;
  if (prev !== undefined && /^(?:more|most|less|least|very|fairly|perfectly|quite|completely|entirely|as|so|too|under|than)$/.test(prev)) return false;
  // A measure of it: "for the duration of a normal working session" asks how long that is (read on the 79 labeled
  // repositories).
  for (let k = i - 1; k >= 0 && k >= i - 4 && tokens[k]!.sentence === t.sentence; k--) {
    if (tokens[k]!.norm === 'of' && /^(?:duration|length|lifetime|span|period|size|amount|number|count|volume|time)$/.test(tokens[k - 1]?.norm ?? '')) return false;
  }
  let noun = false;
  for (let k = i + 1; k <= i + 5 && k < tokens.length; k++) {
    const n = tokens[k]!;
    if (n.sentence !== t.sentence) break;
    if (n.kind === 'number' || n.norm === '-' || n.norm === '/') continue;
    if (n.kind !== 'word' || (SENSE_PHRASE_ENDS.has(n.norm) && n.norm !== 'and' && n.norm !== 'or')) break;
    if (CIRCUMSTANCE_WORDS.test(n.norm)) return false;
    const pos = posOf(ctx, k);
    if (pos === 'NOUN' || pos === 'PROPN') noun = true;
    else if (noun || (pos !== 'ADJ' && pos !== 'VERB' && pos !== 'CCONJ' && pos !== 'PUNCT')) break;
  }
  return noun;
}

/** Verbs of starting over: "start fresh", "spawn fresh". */
const STARTING_VERBS = /^(?:start|starts|started|starting|begin|begins|began|beginning|restart|restarts|restarted|restarting|spawn|spawns|spawned|spawning|respawn|respawns)$/;

/** Words of the change that makes a thing stale, or of the current state it must match ("the old name", "reflects"). */
const STALE_CHANGE_WORDS = /^(?:remov(?:e|es|ed|ing|al)|replac(?:e|es|ed|ing|ement)|renam(?:e|es|ed|ing)|delet(?:e|es|ed|ing|ion)|deactivat(?:e|es|ed|ing|ion)|disappear(?:s|ed|ing)?|chang(?:e|es|ed|ing)|cleared|clearing|edit(?:s|ed|ing)?|modif(?:y|ies|ied|ying|ication)|updat(?:e|es|ed|ing)|revok(?:e|es|ed|ing)|rotat(?:ed|ing|ion)|invalidat(?:e|es|ed|ing|ion)|migrat(?:e|es|ed|ing|ion)|adding|added|old|previous|former|current|latest|reflect(?:s|ed|ing)?)$/;

/**
 * "stale" / "outdated" ruled out in a sentence that names the change it is relative to: "Replacing or removing a
 * product's photo is reflected everywhere on the next refresh, with no stale photo shown", "removing the light theme
 * must not leave stale `data-theme` handling", "no stale references to the old name", "MUST NOT submit a merge based on
 * stale data" after "If a selection is changed". What must not remain is the state from before that change: a fact the
 * sentence states, not an age to set (the question asked, "how old must it be?", does not apply). Only where the word is
 * negated (no / not / never / without / nor before it, with no comma, dash, colon or semicolon between: "the state — no
 * shift, open, or stale" lists states): "stale entries MUST be removed" names the removal as the action, and the age
 * that makes an entry stale is still open; "MUST NOT serve stale data" names no change and still asks.
 */
function staleOfChange(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const base = c.word?.base;
  if (base !== 'stale' && base !== 'outdated') return false;
  const { start, end } = c;
  const [from, to] = ctx.sentences[tokens[start]!.sentence]!;
  let negated = false;
  for (let k = start - 1; k >= from && k >= start - 8; k--) {
    const n = tokens[k]!.norm;
    if (n === ';' || n === ':' || n === ',' || n === '—' || n === '-') break;
    if (n === 'no' || n === 'not' || n === 'never' || n === 'without' || n === 'nor' || n === "n't" || n === 'cannot') {
      negated = true;
      break;
    }
  }
  // Forty-ninth round: the negation after the noun, "invalidated so stale labels are not reused".
  for (let k = end; !negated && k <= to && k < end + 5; k++) {
    const n = tokens[k]!.norm;
    if (tokens[k]!.kind === 'punct') break;
    if (n === 'not' || n === 'never' || n === "n't") negated = true;
  }
  if (!negated) return false;
  for (let k = from; k <= to; k++) {
    if (k >= start && k < end) continue;
    const t = tokens[k]!;
    if (t.kind === 'word' && !t.code && STALE_CHANGE_WORDS.test(t.norm)) return true;
  }
  return false;
}

/**
 * The sentence of token `at`, for the rounds' look-arounds: whether token `k` lies in it, and its normalised text there
 * ('' outside it, so a test on a neighbour never reads across a sentence or past either end).
 */
function sentenceOf(ctx: BlockContext, at: number): { same: (k: number) => boolean; norm: (k: number) => string } {
  const [from, to] = ctx.sentences[ctx.tokens[at]!.sentence]!;
  const same = (k: number): boolean => k >= from && k <= to;
  return { same, norm: (k) => (same(k) ? ctx.tokens[k]!.norm : '') };
}

/**
 * Thirty-second round (read out of sample: 120 of 1,027 findings on instructions written for assistants and coding
 * agents, 44 false). Classes of sentence structure where the word sets no bar the document leaves open:
 * - a permission: inside "it is fine (okay, acceptable) if / to …", "feel free to …", "do not (don't, never) hesitate
 *   to …" (up to a keyword or a semicolon): what the reader may do sets no requirement;
 * - the word defined with a bound by the next sentence: "You should be concise. A concise response is generally less
 *   than 4 lines": the next sentence opens with the word (after an article) and a form of "be" or "means", and holds a
 *   number;
 * - a comparison with the whole: "break complex tasks into smaller steps": a comparative right after "into" (or "into a
 *   series/number of") after a verb that divides, in its clause;
 * - the rejected alternative: "should not simply be longer, but rather …" (as "instead of", `guideJudged`);
 * - examples of a category: an open-ended list ending a parenthesis of items after "a/an/any <category>" ("a database
 *   integration (Supabase, Neon, AWS, etc)");
 * - "fresh" not of age: "with fresh eyes", "a fresh start", "start (spawn, begin) fresh", "a fresh agent with no memory
 *   of …" (defined in place).
 */
function agentGuideSettled(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const first = tokens[start]!;
  const [from, to] = ctx.sentences[first.sentence]!;
  const { norm } = sentenceOf(ctx, start);
  // A permission.
  for (let k = start - 1; k >= from && k >= start - 48; k--) {
    const t = tokens[k]!;
    if (isKeyword(t) || t.norm === ';') break;
    if (t.norm === 'if' || t.norm === 'to') {
      if (/^(?:fine|okay|ok|acceptable|alright)$/.test(norm(k - 1)) && /^(?:is|'s|’s|are|be|it's|that's)$/.test(norm(k - 2))) return true;
      // Thirty-ninth round (paraphrases): "it is acceptable for the explanation to be long": the permission with its
      // subject after "for".
      if (t.norm === 'to') {
        for (let j = k - 1; j >= from && j >= k - 5; j--) {
          if (tokens[j]!.kind !== 'word' || isKeyword(tokens[j]!)) break;
          if (tokens[j]!.norm === 'for') {
            if (/^(?:fine|okay|ok|acceptable|alright|permissible)$/.test(norm(j - 1)) && /^(?:is|'s|’s|are|be|it's|that's)$/.test(norm(j - 2))) return true;
            break;
          }
        }
      }
      if (t.norm === 'to' && norm(k - 1) === 'free' && /^(?:feel|feels)$/.test(norm(k - 2))) return true;
      if (t.norm === 'to' && norm(k - 1) === 'hesitate' && /^(?:not|n't|never|don't|dont)$/.test(norm(k - 2))) return true;
    }
  }
  // The permission's own word: "it is acceptable for / to / if …" grants, it sets no bar.
  if (c.word && end - start === 1 && /^(?:acceptable|fine|okay)$/.test(first.norm) && /^(?:is|'s|’s|it's|that's)$/.test(norm(start - 1)) && /^(?:for|to|if)$/.test(norm(end))) {
    if (norm(start - 2) === 'it' || /^(?:it's|that's)$/.test(norm(start - 1))) return true;
  }
  // The word defined with a bound by the next sentence (or by the clause after a semicolon: "keep summaries short; a
  // short summary is one that fits in 100 words"); a number may be spelled out ("at most three sentences", `NUMBER_WORDS` but "one").
  if (c.word && end - start === 1) {
    let semi = -1;
    // (Within 40 tokens: every one-word candidate reaches this line, and a scan to the sentence's end made a sentence of
    // thousands of words with many candidates quadratic.)
    for (let j = end; j <= to && j <= end + 40; j++) if (tokens[j]!.norm === ';') { semi = j; break; }
    if (semi > 0 && definesWithBound(tokens, semi + 1, to, first.norm)) return true;
    const next = ctx.sentences[first.sentence + 1];
    if (next) {
      let k = next[0];
      if (/^(?:a|an|the)$/.test(tokens[k]?.norm ?? '')) k++;
      if (tokens[k]?.norm === first.norm && k <= next[1]) {
        if (definesWithBound(tokens, next[0], next[1], first.norm)) return true;
      }
    }
  }
  // A comparison with the whole.
  const wholeCompared = (at: number): boolean => {
    let k = at - 1;
    while (k > from && k >= at - 4 && /^(?:a|series|number|set|few|several|multiple|of)$/.test(tokens[k]!.norm)) k--;
    if (tokens[k]?.norm !== 'into') return false;
    for (let j = k - 1; j >= from && j >= k - 8; j--) {
      const t = tokens[j]!;
      if (t.clause !== first.clause || isKeyword(t)) break;
      if (DIVIDING_VERBS.test(t.norm)) return true;
    }
    return false;
  };
  if (c.word?.form === 'comparative' && end - start === 1 && wholeCompared(start)) return true;
  // Fifty-second round: a word coordinated right after that comparative restates it ("break complex tasks into smaller,
  // manageable steps"); "split large documents into manageable chunks" (no comparative) still asks.
  if (c.word && end - start === 1 && start - 2 >= from && (tokens[start - 1]!.norm === ',' || tokens[start - 1]!.norm === 'and')) {
    const before = tokens[start - 2]!;
    if (before.kind === 'word' && /^[a-z]{3,}er$/.test(before.norm) && CLASS_WORDS.has(before.norm) && wholeCompared(start - 2)) return true;
  }
  // The rejected alternative.
  // Thirty-ninth round (paraphrases): also a comparison ("not just be more formal"), over a verb and its object ("not
  // merely make the text shorter but restructure it"), and the alternative after a semicolon and a keyword ("…; it must
  // address the new question"). "not only X but also Y" requires X too, so "but also" / "but … as well" never settles.
  if ((c.word || c.pattern === 'comparative') && end - start <= 2) {
    for (let k = start - 1; k >= from && k >= start - 5; k--) {
      if (/^(?:simply|just|merely)$/.test(tokens[k]!.norm) && /^(?:not|n't)$/.test(norm(k - 1))) {
        for (let j = end; j <= to; j++) {
          const t = tokens[j]!;
          if (t.norm === 'but') {
            if (norm(j + 1) === 'also' || norm(j + 2) === 'also' || tokens.slice(j, to + 1).some((x, i) => x.norm === 'as' && norm(j + i + 1) === 'well')) break;
            return true;
          }
          if (t.norm === ';' && tokens.slice(j + 1, Math.min(to, j + 5) + 1).some(isKeyword) && !tokens.slice(j + 1, to + 1).some((x) => x.norm === 'also')) return true;
        }
        break;
      }
      if (tokens[k]!.kind !== 'word' || isKeyword(tokens[k]!) || tokens[k]!.clause !== first.clause) break;
    }
  }
  // Examples of a category.
  if (c.category === 'open-ended') {
    const open = openParenthesisOf(tokens, start);
    const close = open >= 0 ? closingParenthesis(tokens, open) : -1;
    if (open > from && close >= end && tokens.slice(end, close).every((t) => t.kind === 'punct') && tokens.slice(open + 1, start).some((t) => t.norm === ',') && tokens[open - 1]!.kind === 'word') {
      for (let k = open - 1; k >= from && k >= open - 6; k--) {
        const t = tokens[k]!;
        if (t.kind !== 'word' || isKeyword(t)) break;
        if (/^(?:a|an|any)$/.test(t.norm)) return true;
      }
    }
  }
  // What a named source shows, in a condition: "where the operation isn't clear from the code" (as "unless it is clear
  // from the thread", `knownClear`, with a subject of its own).
  if (c.word && /^(?:clear|unclear|obvious|evident|apparent)$/.test(c.word.base) && end - start === 1 && norm(end) === 'from') {
    let k = start - 1;
    while (k > from && /^(?:not|otherwise|already|immediately)$/.test(tokens[k]!.norm)) k--;
    if (/^(?:is|are|isn't|aren't|was|wasn't)$/.test(norm(k))) {
      for (let j = k - 1; j >= from && j >= k - 8; j--) {
        const t = tokens[j]!;
        if (isKeyword(t) || t.kind === 'punct') break;
        if (/^(?:if|where|when|whenever|unless)$/.test(t.norm)) return true;
      }
    }
  }
  // "fresh" not of age.
  if (c.word?.base === 'fresh' && end - start === 1) {
    const a = norm(end);
    if (/^(?:eyes?|start|slate|perspective)$/.test(a)) return true;
    if (STARTING_VERBS.test(norm(start - 1)) && !(tokens[end]?.kind === 'word' && tokens[end]!.sentence === first.sentence && posOf(ctx, end) === 'NOUN')) return true;
    if (tokens[end]?.kind === 'word' && (norm(end + 1) === 'without' || (norm(end + 1) === 'with' && /^(?:no|none)$/.test(norm(end + 2))))) return true;
  }
  return false;
}

/**
 * Whether tokens `from`..`to` define `word` with a bound: they open with the word (after an article), a form of "be"
 * or "means" within three tokens, and a number (digits or spelled out) ("A concise response is generally less than 4
 * lines", "a short summary is one that fits in 100 words", "A brief reply here means at most three sentences").
 */
function definesWithBound(tokens: readonly Token[], from: number, to: number, word: string): boolean {
  let k = from;
  if (/^(?:a|an|the)$/.test(tokens[k]?.norm ?? '')) k++;
  if (k > to || tokens[k]?.norm !== word) return false;
  let hasBe = false;
  let hasNumber = false;
  for (let j = k + 1; j <= to; j++) {
    const t = tokens[j]!;
    if (j <= k + 3 && /^(?:is|are|means|mean)$/.test(t.norm)) hasBe = true;
    if (t.kind === 'number' || (hasBe && NUMBER_WORDS.has(t.norm) && t.norm !== 'one' && t.norm !== 'half')) hasNumber = true;
  }
  return hasBe && hasNumber;
}

/** What "immediate" names before a want or a relation: the present or direct one, not a delay ("immediate needs"). */
const IMMEDIATE_PRESENT_NOUNS = new Set([
  'need', 'needs', 'interest', 'interests', 'requirement', 'requirements', 'goal', 'goals', 'concern', 'concerns', 'priority',
  'priorities', 'desire', 'desires', 'wants', 'wish', 'wishes', 'preference', 'preferences', 'aim', 'aims', 'objective',
  'objectives', 'motive', 'motives', 'motivation', 'motivations', 'worry', 'worries', 'intent', 'intention', 'intentions', 'purpose', 'purposes', 'family', 'families',
  'vicinity', 'surroundings', 'neighbor', 'neighbors', 'neighbour', 'neighbours', 'superior', 'superiors', 'supervisor',
  'supervisors', 'manager', 'managers',
]);

/** Words that, right before an adjective, say that it is how a thing looks, not what it is: "seemingly compelling". */
const APPEARANCE_ADVERBS = /^(?:seemingly|ostensibly|apparently|superficially|outwardly)$/;

/** Verbs of keeping a fact in mind, whose "that" clause is the fact: "bear in mind that people will sometimes …". */
const AWARE_WORDS = /^(?:aware|mindful|remember|remembers)$/;

/**
 * Thirty-fourth round (read out of sample: 125 findings on normative documents of the Model Spec's kind (a published
 * AI constitution, spec-kit constitutions, agent rule books), 51 false). Classes of sentence structure where the word
 * sets no bar the document leaves open:
 * - an appearance: "seemingly compelling arguments", "instructions that might seem restrictive or unusual": the word
 *   after "seemingly / ostensibly / apparently", or after "might / may / could seem (appear)", is how a thing looks to
 *   someone, which the rule then tells how to treat; "should seem natural" (no hedge) still asks;
 * - "immediate" of a want or a relation ("their immediate interests", "a concrete, immediate requirement", "the
 *   immediate family"): the present or direct one, not a delay ("an immediate response" still asks);
 * - what the reader is to keep in mind: inside a "that" clause after "bear / keep in mind", "be aware (mindful)" or
 *   "remember", with no keyword of its own ("bear in mind that people will sometimes use such claims"); "keep in mind
 *   that responses should be short" (a keyword inside), a verb after "and" ("be aware that … and provide an appropriate
 *   error": the requirement's own) and the participle "keeping in mind that …" (a consideration that sizes the
 *   requirement it follows) still ask;
 * - the word answered after a colon or a dash that ends its predicate: "The repo root must stay clean: no file other
 *   than …", "must be leveraged appropriately: prefer static rendering where …", "must be portable — the same repo
 *   cloned elsewhere must resolve to the same vault" (the dash's part holds a keyword or opens with no / never / not),
 *   and a superlative ranked by the order after the colon ("in the most reusable format possible, following this
 *   order:"). "must stay clean." and "must be portable — users expect it" still ask;
 * - a party's belief with no "that": "we are confident the benefits will rarely if ever outweigh them" (as with one,
 *   `guideJudged`);
 * - examples right after a predicate adjective with its intensifier: "unless the hazards are very high (e.g., …)" (as
 *   "are minor, e.g. …", `guideJudged`).
 */
function policySettled(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const first = tokens[start]!;
  const [from, to] = ctx.sentences[first.sentence]!;
  const { norm } = sentenceOf(ctx, start);
  if (c.word) {
    // An appearance: back over the adjectives coordinated with the word ("restrictive or unusual").
    let k = start - 1;
    while (k > from && k >= start - 4 && (tokens[k]!.norm === 'or' || tokens[k]!.norm === 'and' || tokens[k]!.norm === ',' || (tokens[k]!.kind === 'word' && !isKeyword(tokens[k]!) && posOf(ctx, k) === 'ADJ'))) k--;
    if (APPEARANCE_ADVERBS.test(norm(k))) return true;
    if (/^(?:seem|seems|appear|appears)$/.test(norm(k)) && /^(?:might|may|could)$/.test(norm(k - 1))) return true;
    // "immediate" of a want or a relation.
    if (c.word.base === 'immediate' && end - start === 1 && IMMEDIATE_PRESENT_NOUNS.has(norm(end))) return true;
  }
  // What the reader is to keep in mind: "that" before the word, no keyword between.
  for (let k = start - 1; k >= from && k >= start - 16; k--) {
    const t = tokens[k]!;
    if (isKeyword(t) || t.norm === ';') break;
    if (t.norm !== 'that') continue;
    const v = norm(k - 1);
    // "MUST be aware that … and provide an appropriate error": a verb after "and" is the requirement's own again.
    if (tokens.slice(k + 1, start).some((x, j) => (x.norm === 'and' || x.norm === 'or') && posOf(ctx, k + 2 + j) === 'VERB')) break;
    // Thirty-ninth round (paraphrases): "keep in view that …" as "keep in mind that …".
    if ((v === 'mind' || v === 'view') && norm(k - 2) === 'in' && /^(?:bear|bears|keep|keeps)$/.test(norm(k - 3))) return true;
    if (AWARE_WORDS.test(v)) return true;
    break;
  }
  // A party's belief with no "that" (as with one, `guideJudged`): "we are confident the benefits will rarely outweigh
  // them". "make sure the page is fast", "be sure the log is short" (an instruction) still ask.
  for (let k = start - 2; k >= from && k >= start - 14; k--) {
    const t = tokens[k]!;
    if (isKeyword(t) || t.kind === 'punct') break;
    if (/^(?:confident|convinced|certain|sure)$/.test(t.norm) && /^(?:is|are|am|was|were|'re|’re)$/.test(norm(k - 1)) && /^(?:the|a|an|it|they|we|he|she|this|these|those|our|their|its|most|many|such)$/.test(norm(k + 1))) return true;
    // Thirty-ninth round (paraphrases): a verb of belief with no "that" ("when it believes the plan will be carried out
    // properly"), as `guideJudged` reads one with it; the clause has a modal of its own ("will", "would").
    if (/^(?:believes|believe|believed|thinks|think|judges|judge|considers)$/.test(t.norm) && /^(?:the|a|an|it|they|we|he|she|this|these|those|our|their|its)$/.test(norm(k + 1)) && tokens.slice(k + 2, start).some((x) => /^(?:will|would|can|could|is|are|was|were)$/.test(x.norm))) return true;
  }
  // Answered after a colon or a dash that ends the word's predicate.
  if ((c.word || c.pattern === 'superlative' || c.pattern === 'comparative') && isKeywordBeforeInClause(ctx, start)) {
    let k = end;
    if (/^(?:possible|enough)$/.test(norm(k))) k++;
    const after = tokens[k];
    if (after?.norm === ':' && after.sentence === first.sentence && (c.word?.form === 'adj' || c.word?.form === 'adv') && predicateBefore(tokens, start)) return true;
    if (after && (after.norm === '—' || after.norm === '–') && after.sentence === first.sentence && c.word && predicateBefore(tokens, start)) {
      if (/^(?:no|never|not|none)$/.test(tokens[k + 1]?.norm ?? '')) return true;
      for (let j = k + 1; j <= to && j <= k + 30; j++) {
        if (tokens[j]!.norm === '—' || tokens[j]!.norm === '–') break;
        if (isKeyword(tokens[j]!)) return true;
      }
    }
    // A superlative ranked by the order given after the colon: "…, following this order:", "…, as follows:".
    if (c.pattern === 'superlative' || c.word?.form === 'superlative') {
      for (let j = end; j <= to && j <= end + 10; j++) {
        const t = tokens[j]!;
        if (isKeyword(t) || t.norm === ';' || t.norm === '.') break;
        if (t.norm === ':' && (/^(?:order|follows|following)$/.test(norm(j - 1)))) return true;
      }
    }
  }
  // Examples right after a predicate adjective with its intensifier.
  if (c.word?.form === 'adj' && end - start === 1 && /^(?:very|extremely|quite|particularly|especially|sufficiently)$/.test(norm(start - 1)) && /^(?:is|are|be|was|were|been|being)$/.test(norm(start - 2)) && (tokens[end]?.norm === ',' || tokens[end]?.norm === '(')) {
    const a = tokens[end + 1]?.norm;
    const b = tokens[end + 2]?.norm;
    if (a === 'e.g' || (a === 'for' && (b === 'example' || b === 'instance'))) return true;
  }
  return false;
}

/** Verbs and prepositions after which "about one …" still measures ("takes about one hour", "to about one request"). */
const MEASURING_BEFORE_ABOUT = /^(?:take|takes|took|taking|last|lasts|lasted|cost|costs|wait|waits|weigh|weighs|need|needs|use|uses|hold|holds|contain|contains|is|are|be|was|were|been|of|to|for|in|at|by|within|after|every|than|with|from|only|just|,|\(|:)$/;
const FRACTIONS = /^(?:half|third|thirds|quarter|quarters|fifth|tenth|tenths|hundredth|percent|per|in|or|to|and|more|less|out)$/;
const MARKING_VERBS = /^(?:mark|marks|marked|marking|flag|flags|flagged|flagging|label|labels|labeled|labelled|labeling|labelling|tag|tags|tagged|tagging|designate|designates|designated|declare|declares|declared|set|sets)$/;
const PERCEPTION_VERBS = /^(?:see|notice|observe|hear)$/;

/**
 * Fiftieth round (read out of sample: 72 of 81 findings on 29 policy, moderation, governance, contribution and
 * style-guide documents of 8 projects new to the project, every heading a root clause as in the Model Spec; 41 false).
 * Classes of sentence structure where the word sets no bar the document leaves open:
 * - "about" as the preposition of a topic: "ask about one thing", "information about one of their alters" ("one" then
 *   "of" or a word that is no unit, after a verb or a noun that does not measure). "takes about one hour", "about one
 *   in ten requests" still ask;
 * - an existential lead-in to the list that follows: "Here are a number of examples …", "There are a number of
 *   requirements that need to be met …:" (the sentence ends with the colon). "There are a number of retries before the
 *   job fails." still asks;
 * - what the reader will see: "You should see a quick option … appear" ("you should / will see, notice, observe" with
 *   an event after the thing seen). "You should see a doctor promptly." still asks;
 * - a state a field is given: "which ones you mark as required" (after mark, flag, label, tag, designate, declare, set).
 *   "updates the charter as required" still asks;
 * - an example after a predicate adjective: "unless the change is extremely trivial, like typo fixes" (", like" /
 *   ", such as", as the twenty-eighth round's "e.g."). "unless the change is trivial." still asks;
 * - "by and large" (on the whole); "some more X" (additional X, not a comparison);
 * - a question in a normative clause's prose ("Can the reviewer perform the review in a timely fashion?"): a checklist
 *   item asks, it does not require (as a question is never a requirement).
 */
function policyProseSettled(ctx: BlockContext, c: Candidate, requirement: string | undefined): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const first = tokens[start]!;
  const [from, to] = ctx.sentences[first.sentence]!;
  const { norm } = sentenceOf(ctx, start);
  // "about" of a topic.
  if (c.entry?.rule === 'number-after' && norm(end) === 'one' && !MEASURING_BEFORE_ABOUT.test(norm(start - 1)) && start > from) {
    const n = norm(end + 1);
    const before = posOf(ctx, start - 1);
    if ((before === 'VERB' || before === 'NOUN') && (n === 'of' || (tokens[end + 1]?.kind === 'word' && !UNITS.has(n) && !TIME_UNITS.has(n) && !NUMBER_WORDS.has(n) && !FRACTIONS.test(n)))) return true;
  }
  // An existential lead-in to the list that follows.
  if (c.category === 'quantity' && /^(?:are|is|'re|’re)$/.test(norm(start - 1))) {
    const w = norm(start - 2);
    if (start - 2 === from && (w === 'here' || (w === 'there' && tokens[to]?.norm === ':'))) return true;
  }
  // What the reader will see.
  for (let k = start - 1; k >= from && k >= start - 12; k--) {
    const t = tokens[k]!;
    if (t.norm === ';' || t.norm === ':') break;
    if (!isKeyword(t) && t.norm !== 'will') continue;
    let v = k + 1;
    if (/^(?:now|then|also|soon)$/.test(norm(v))) v++;
    // Fifty-sixth round: "you should find that the review goes faster and faster over time": what the reader will find,
    // a prediction ("that" and its clause). "You should find a reviewer quickly" still asks.
    if (norm(k - 1) === 'you' && norm(v) === 'find' && norm(v + 1) === 'that' && v + 1 < start) return true;
    if (norm(k - 1) === 'you' && PERCEPTION_VERBS.test(norm(v)) && v < start) {
      for (let j = start + 1; j <= to && j <= start + 12; j++) {
        if (tokens[j]!.kind === 'word' && !isKeyword(tokens[j]!) && posOf(ctx, j) === 'VERB') return true;
      }
    }
    break;
  }
  // A state a field is given.
  if (c.entry?.term === 'as required') {
    for (let k = start - 1; k >= from && k >= start - 5; k--) {
      const t = tokens[k]!;
      if (t.kind === 'punct' || isKeyword(t)) break;
      if (MARKING_VERBS.test(t.norm)) return true;
    }
  }
  if (c.word && end - start === 1) {
    // An example after a predicate adjective.
    if (c.word.form === 'adj' && tokens[end]?.norm === ',' && (norm(end + 1) === 'like' || (norm(end + 1) === 'such' && norm(end + 2) === 'as'))) {
      let k = start - 1;
      if (/^(?:very|extremely|quite|particularly|especially|really|too|so)$/.test(norm(k))) k--;
      if (/^(?:is|are|be|was|were|been|being|seems|seem)$/.test(norm(k))) return true;
    }
    // "by and large".
    if (c.word.base === 'large' && norm(start - 1) === 'and' && norm(start - 2) === 'by') return true;
  }
  // "some more X": additional X.
  if (c.pattern === 'comparative' && first.norm === 'more' && /^(?:some|any|few|little)$/.test(norm(start - 1))) return true;
  // A question in a normative clause's prose.
  if (!requirement && (tokens[to]?.norm === '?' || tokens[to + 1]?.norm === '?')) return true;
  return false;
}

/** Words after "plain" that are no technology's name: "plain English" and "plain language" still ask. */
const PLAIN_NOT_NAMES = /^(?:english|language|languages|ui|ux|ok)$/;
/** Strong emphasis at a block's start, after a list marker or none (the text around the block's start offset). */
const BOLD_OPENING = /(?:^|\n|[-*+>]\s|\d[.)]\s)\s*(?:\*\*|__)[^\s*_]/;

/**
 * Fifty-sixth round (read out of sample: 85 of 871 findings on 11 repositories new to the project, Kiro, spec-kit and
 * OpenSpec specs and governance, code-review, foundation-policy and assistant-behaviour prose with every heading a
 * root clause; 28 false). Classes where the word sets no bar the text leaves open:
 * - a quality noun as the purpose of the bound just stated: "the content area uses a maximum width of 1200px for
 *   readability" ("for" + the noun ending its clause, a number within eight words before it and no "and"/"or" between).
 *   "uses a narrow width for readability" and "loads in 2 s and is styled for readability" still ask;
 * - a time or speed adverb as the alternative a contrast excludes: "refresh only when the tab becomes active, not
 *   continuously." (", not" + the word ending its sentence or clause). "refresh continuously, not on demand" asks;
 * - "plain" before a technology's name (a capitalised word: "no plain JavaScript source files", "plain CSS", "plain
 *   YAML"): the unadorned technology, a term of art. "plain English" and "a plain layout" still ask;
 * - a run-in bold label at the start of a block made only of the phrase ("**Best practice:** Context is on by
 *   default …"): it names the paragraph, as a heading does. "Follow best practice: …" still asks.
 */
function freshSpecSettled(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  if (end - start !== 1) return runInLabel(ctx, start, end);
  const { same, norm } = sentenceOf(ctx, start);
  const next = tokens[end];
  const endsClause = next === undefined || !same(end) || (next.kind === 'punct' && /^[.;,)]$/.test(next.norm));
  if (c.word?.form === 'noun' && norm(start - 1) === 'for' && endsClause) {
    for (let k = start - 2; k >= start - 10 && same(k); k--) {
      const t = tokens[k]!;
      if (t.norm === 'and' || t.norm === 'or' || t.norm === ';' || isKeyword(t)) break;
      if (isNumberLike(t)) return true;
    }
  }
  if (norm(start - 1) === 'not' && norm(start - 2) === ',' && endsClause && (c.category === 'time' || (c.word?.form === 'adv' && (c.word.dimension === 'frequency' || c.word.dimension === 'speed' || c.word.dimension === 'recency')))) return true;
  if (c.word?.base === 'plain' && next?.kind === 'word' && same(end) && /^[A-Z]/.test(next.raw) && !PLAIN_NOT_NAMES.test(next.norm)) return true;
  return runInLabel(ctx, start, end);
}

/**
 * The phrase is all of a bold run-in label that opens the block (`**Best practice:** …`, `- **Best practice**: …`): the
 * block's first words, then a colon, and the source shows emphasis at the block's start (the block's text has lost it).
 */
function runInLabel(ctx: BlockContext, start: number, end: number): boolean {
  const { tokens, block, specText } = ctx;
  if (start !== ctx.firstWord || tokens[end]?.norm !== ':' || specText === undefined) return false;
  return BOLD_OPENING.test(specText.slice(Math.max(0, block.start - 6), block.start + 3));
}

/** A keyword earlier in the clause of token `at` (the word belongs to the requirement's own predicate). */
function isKeywordBeforeInClause(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  for (let k = at - 1; k >= from && k >= at - 20; k--) {
    const t = tokens[k]!;
    if (isKeyword(t)) return true;
    if (t.norm === ';' || t.norm === ':' || t.norm === '—') return false;
  }
  return false;
}

/**
 * The word is a predicate: right after a form of be / stay / remain / keep (a negation or an intensifier between), or an
 * adverb right after a participle ("be leveraged appropriately"), or inside "in the … format" (a superlative's noun).
 */
function predicateBefore(tokens: readonly Token[], start: number): boolean {
  let k = start - 1;
  if (/^(?:very|quite|always|not|fully|equally)$/.test(tokens[k]?.norm ?? '')) k--;
  const n = tokens[k]?.norm ?? '';
  if (/^(?:be|is|are|stay|stays|remain|remains|keep|keeps|become|becomes)$/.test(n)) return true;
  return /^[a-z]{2,}(?:ed|en)$/.test(n) && /^(?:be|is|are|been)$/.test(tokens[k - 1]?.norm ?? '');
}

/**
 * Twenty-eighth round (read out of sample: 48 findings on 12 policy and guideline documents new to the project, 38
 * false). Classes of sentence structure where the word sets no bar the document leaves open:
 * - the rejected alternative: "send a series of commits instead of one huge change", "rather than one large patch":
 *   after "instead of" / "rather than" (in its clause) the word describes what is not wanted;
 * - a party's belief: "when the reviewer is confident that the author will handle the notes appropriately": inside a
 *   "that" clause after confident, sure, satisfied, convinced or certain (after is/are/feel…, not "make sure", "be
 *   sure") or believes/thinks/feels/judges/considers, the word is that party's judgement;
 * - the reader's own experience: "too hard for you to follow";
 * - a degree bounded by its result clause in a condition: "if a change is so large (that) you cannot read it …";
 * - what is known: "if it is not otherwise clear", "unless it is clear from the thread" (as "it is clear that" was);
 * - a comparison with the rule's own choice: "call it `items` unless a more appropriate name is available";
 * - "best practices" as a topic someone is told about ("inform users of the intended uses, best practices, and
 *   limits"), not a standard to follow;
 * - a summary's checklist item ("## Summary", "- Comments are useful.") that names, by a word of its clause, a section
 *   of the same document with a one-word title ("## Comments"): the section says what the word means.
 */
function guideJudged(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const { start, end } = c;
  const first = tokens[start]!;
  const [from] = ctx.sentences[first.sentence]!;
  // The rejected alternative (an adjective in it: "instead of arrays whenever possible" qualifies the requirement).
  for (let k = start - 1; c.word?.form === 'adj' && k >= from && k >= start - 6; k--) {
    const t = tokens[k]!;
    if (t.kind === 'punct' || t.clause !== first.clause || isKeyword(t)) break;
    if ((t.norm === 'of' && tokens[k - 1]?.norm === 'instead') || (t.norm === 'than' && tokens[k - 1]?.norm === 'rather')) return true;
  }
  // A party's belief.
  for (let k = start - 1; k >= from && k >= start - 14; k--) {
    const t = tokens[k]!;
    if (t.norm !== 'that' || isKeyword(t)) continue;
    const v = tokens[k - 1]?.norm ?? '';
    if (/^(?:believes|thinks|feels|judges|considers)$/.test(v)) return true;
    if (/^(?:confident|sure|satisfied|convinced|certain)$/.test(v) && /^(?:is|are|was|were|am|feel|feels|felt|'re|’re)$/.test(tokens[k - 2]?.norm ?? '')) return true;
  }
  // The reader's own experience.
  if (c.pattern === 'degree' && tokens[end]?.norm === 'for' && /^(?:you|yourself)$/.test(tokens[end + 1]?.norm ?? '') && tokens[end + 2]?.norm === 'to') return true;
  // Thirty-ninth round (paraphrases): the same limit named by another party, in a condition: "if a passage is too
  // difficult for the assistant to translate, it should say so": the condition is the party's own failure (as "so large
  // that you cannot …" below). As the required degree ("must not be too difficult for beginners to follow") it asks.
  // The party is one actor: a pronoun or "the <noun>" ("for the assistant", "for it"); a group ("for new users to
  // follow") is an audience whose limit the document leaves open.
  if (c.pattern === 'degree' && tokens[end]?.norm === 'for' && tokens[end + 3]?.norm === 'to' && tokens[end + 3]!.sentence === first.sentence && inConditionBefore(ctx, start)) {
    const a = tokens[end + 1]?.norm ?? '';
    const b = tokens[end + 2]?.norm ?? '';
    if (a === 'the' && /^[a-z]+$/.test(b) && !b.endsWith('s') && !isKeyword(tokens[end + 2]!)) return true;
  }
  if (c.pattern === 'degree' && tokens[end]?.norm === 'for' && /^(?:it|us|me|him|her|them)$/.test(tokens[end + 1]?.norm ?? '') && tokens[end + 2]?.norm === 'to' && inConditionBefore(ctx, start)) return true;
  // A degree bounded by its result clause, in a condition: the reader's case is what the clause says. As the required
  // degree ("MUST respond so quickly that users never wait") it still asks.
  if (c.word && end - start === 1 && tokens[start - 1]?.norm === 'so' && tokens[end]?.sentence === first.sentence && /^(?:that|you|we|they|it|i|he|she)(?:['’][a-z]+)?$/.test(tokens[end]!.norm)) {
    for (let k = start - 2; k >= from && k >= start - 16; k--) {
      const t = tokens[k]!;
      if (isKeyword(t)) break;
      if (/^(?:if|when|whenever|unless)$/.test(t.norm)) return true;
    }
  }
  // Examples right after a predicate adjective: "The suggestions are minor, e.g. a typo or an import order".
  if (c.word?.form === 'adj' && end - start === 1 && /^(?:is|are|be|was|were|been|being)$/.test(tokens[start - 1]?.norm ?? '') && (tokens[end]?.norm === ',' || tokens[end]?.norm === '(')) {
    const a = tokens[end + 1]?.norm;
    const b = tokens[end + 2]?.norm;
    if (a === 'e.g' || (a === 'for' && (b === 'example' || b === 'instance'))) return true;
  }
  // A reason after the requirement: "use PUT to create a resource as these methods are easy to implement", "since it is
  // faster": the word is the predicate of a clause of "as"/"since" with a subject of its own, after the keyword.
  if (/^(?:is|are|was|were)$/.test(tokens[start - 1]?.norm ?? '')) {
    for (let k = start - 2; k >= from && k >= start - 8; k--) {
      const t = tokens[k]!;
      if (t.kind === 'punct' || isKeyword(t)) break;
      if ((t.norm === 'as' || t.norm === 'since') && /^(?:these|this|those|the|it|they|its|their|such)$/.test(tokens[k + 1]?.norm ?? '') && keywordBefore(ctx, k) >= 0) return true;
    }
  }
  // What is known.
  if (c.word && /^(?:clear|unclear)$/.test(c.word.base) && end - start === 1 && knownClear(tokens, start)) return true;
  // A comparison with the rule's own choice.
  // Thirty-ninth round (paraphrases): the clause may open the sentence ("Unless a more fitting format has been
  // requested, the assistant should answer in prose"): the keyword then follows it, in the same sentence.
  if (c.category === 'comparative' && /^(?:a|an|no|any)$/.test(tokens[start - 1]?.norm ?? '') && /^(?:unless|if|except|where)$/.test(tokens[start - 2]?.norm ?? '') && (keywordBefore(ctx, start - 2) >= 0 || keywordAfterComma(ctx, end))) return true;
  // "best practices" as a topic.
  if (c.entry?.term === 'best practices') {
    for (let k = start - 1; k >= from && k >= start - 12; k--) {
      const t = tokens[k]!;
      if (isKeyword(t)) break;
      if (/^(?:inform|informs|informing|tell|tells|educate|educates|advise|advises|notify|notifies)$/.test(t.norm) && tokens.slice(k + 1, start).some((x) => x.norm === 'of' || x.norm === 'about' || x.norm === 'on')) return true;
    }
  }
  // A summary's restatement.
  if (ctx.sectionStems?.length && ctx.section !== undefined && SUMMARY_TITLE.test(ctx.section) && isListItem(ctx.block, ctx.specText)) {
    for (let k = from; k < tokens.length && tokens[k]!.sentence === first.sentence; k++) {
      const t = tokens[k]!;
      if (t.kind !== 'word' || t.clause !== first.clause) continue;
      for (const part of t.norm.split('-')) {
        const stem = sectionStem(part);
        if (stem && ctx.sectionStems.includes(stem)) return true;
      }
    }
  }
  return false;
}

/** A section that restates the document: "Summary", "In summary", "Recap", "TL;DR", "In short". */
const SUMMARY_TITLE = /^(?:summary|in summary|recap|tl;? ?dr|in short)\b/;

/** A crude stem that joins a section's one-word title with the words that name it: naming/names, documentation/documented. */
function sectionStem(word: string): string {
  if (word.length < 5) return '';
  const s = word.toLowerCase().replace(/(?:ations?|ality|ings?|ed|es|s)$/, '').replace(/e$/, '');
  return s.length >= 3 ? s : '';
}

/** Whether a heading's prose names a summary section (SUMMARY_TITLE): only a spec with one reads its section stems. */
export function isSummaryHeading(title: string): boolean {
  return SUMMARY_TITLE.test(title.replace(/\{[^}]*\}/g, ' ').replace(/[*_`#]/g, ' ').trim().toLowerCase());
}

/**
 * The stem of a heading's title when the title is one word ("## Comments {#c}" → "comment", "### Naming" → "nam"),
 * else ''. A summary's item that names one is answered in that section (`guideJudged`).
 */
export function headingStem(title: string): string {
  const t = title.replace(/\{[^}]*\}/g, ' ').replace(/[*_`#]/g, ' ').trim();
  if (!/^[A-Za-z]+$/.test(t) || SUMMARY_TITLE.test(t.toLowerCase())) return '';
  return sectionStem(t);
}

/** Whether token `at` lies in a condition ("if", "when", "whenever", "unless", "where") opened before it in its sentence, with no keyword between. */
function inConditionBefore(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  for (let k = at - 1; k >= from && k >= at - 16; k--) {
    const t = tokens[k]!;
    if (isKeyword(t) || t.norm === ';') return false;
    if (/^(?:if|when|whenever|unless|where)$/.test(t.norm)) return true;
  }
  return false;
}

/** Whether a keyword follows token `at` in its sentence after the comma that closes its opening clause. */
function keywordAfterComma(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [, to] = ctx.sentences[tokens[at]!.sentence]!;
  let comma = false;
  for (let k = at; k <= to && k <= at + 30; k++) {
    const t = tokens[k]!;
    if (t.norm === ',') comma = true;
    else if (isKeyword(t)) return comma;
  }
  return false;
}

/** "if it is not otherwise clear", "unless it is clear from the thread", "it's clear whether": what is known. */
function knownClear(tokens: readonly Token[], at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /^(?:not|otherwise|already|yet|now|still)$/.test(tokens[k]!.norm)) k--;
  const be = tokens[k]?.norm ?? '';
  const it = be === "it's" || be === 'it’s' || (/^(?:is|was|isn't|wasn't)$/.test(be) && tokens[k - 1]?.norm === 'it');
  if (!it) return false;
  const next = tokens[at + 1];
  return next === undefined || next.sentence !== tokens[at]!.sentence || next.kind === 'punct' || /^(?:from|that|whether|which|what|who|how|when|why)$/.test(next.norm);
}

/** "it's clear that", "it is clear whether", "it becomes clear that": what is known (see `judge`). */
function knownThat(tokens: readonly Token[], at: number): boolean {
  if (!/^(?:that|whether)$/.test(tokens[at + 1]?.norm ?? '')) return false;
  const prev = tokens[at - 1]?.norm ?? '';
  if (prev === "it's" || prev === "it’s") return true;
  if (!/^(?:is|was|becomes|became|been)$/.test(prev)) return false;
  return tokens[at - 2]?.norm === 'it' || (tokens[at - 2]?.norm === 'has' && tokens[at - 3]?.norm === 'it');
}

/** Things done again and again, which "regular" qualifies by how often ("regular backups", "on a regular basis"). */
const RECURRING_NOUNS = /^(?:audits?|auditing|backups?|updates?|updating|reviews?|checks?|check-ins?|checkups?|scans?|scanning|snapshots?|reports?|reporting|rotations?|tests?|testing|monitoring|maintenance|intervals?|basis|cadence|cleanups?|syncs?|synchronization|refresh(?:es)?|polling|patch(?:es)?|patching|drills?|exercises?|meetings?|releases?|cycles?|schedules?|sweeps?|exports?|reminders?|assessments?|evaluations?|inspections?|training|breaks?|heartbeats?|pings?|jobs?|runs?)$/;

/**
 * Sixteenth round: "regular containers", "regular header fields", "a regular 1-RTT response", "regular `ExternalName`
 * Services": the ordinary kind, set against other kinds (init and sidecar containers, pseudo-header fields), not a
 * frequency. Only things done again and again are judged by how often (`RECURRING_NOUNS`: "regular security audits",
 * "regular key rotation"); graded ("more regular") or with no noun after it ("updates must be regular"), it judges.
 */
function ordinaryKind(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1]?.norm;
  if (prev === 'more' || prev === 'most' || prev === 'less' || prev === 'very' || prev === 'fairly') return false;
  let noun = false;
  for (let k = i + 1; k <= i + 5 && k < tokens.length; k++) {
    const n = tokens[k]!;
    if (n.sentence !== t.sentence) break;
    // "all regular and sidecar containers": the kinds are coordinated before their noun.
    // "a regular 1-RTT response": a number or a hyphen inside the noun phrase.
    if (n.kind === 'number' || n.norm === '-') continue;
    if (n.kind !== 'word' || (SENSE_PHRASE_ENDS.has(n.norm) && n.norm !== 'and' && n.norm !== 'or')) break;
    if (RECURRING_NOUNS.test(n.norm)) return false;
    if (n.norm !== 'and' && n.norm !== 'or') noun = true;
  }
  return noun;
}

/** Verbs of a process running or a thing moving, before "continuously": "run continuously" means without stopping. */
const RUNNING_VERBS = new Set([
  'run', 'runs', 'running', 'operate', 'operates', 'operating', 'execute', 'executes', 'executing', 'work', 'works', 'working',
  'live', 'lives', 'stay', 'stays', 'remain', 'remains', 'scroll', 'scrolls', 'scrolling', 'animate', 'animates', 'animating',
  'rotate', 'rotates', 'rotating', 'loop', 'loops', 'looping', 'play', 'plays', 'playing', 'move', 'moves', 'moving', 'spin',
  'spins', 'spinning', 'flow', 'flows', 'flowing',
]);

/** A verb of running or moving (`RUNNING_VERBS`) at most four words before token `at`, in its clause ("scrolling all 3 messages continuously"). */
function runningBefore(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= 0 && k >= at - 4 && tokens[k]!.clause === tokens[at]!.clause; k--) if (tokens[k]!.kind === 'word' && RUNNING_VERBS.has(tokens[k]!.norm)) return true;
  return false;
}

/**
 * Twenty-seventh round: "key" at `start` grades a selection whose members are not named: the noun right after it (maybe
 * after one more adjective or noun) is one of selected content (`KEY_SELECTION_NOUNS`), no noun, name, number or code
 * stands right before it ("API key", "foreign key", "five key details"), no verb of summarizing governs it, and no list
 * follows the noun (a colon, a parenthesis, "including", "such as", "like", "e.g.").
 */
function keySelection(tokens: readonly Token[], start: number, end: number): boolean {
  const prev = tokens[start - 1];
  if (prev !== undefined && prev.sentence === tokens[start]!.sentence && (prev.kind === 'number' || prev.code || NUMBER_WORDS.has(prev.norm))) return false;
  // A name or an acronym before it makes a compound ("React key", "SSH key"); a keyword or an EARS/Gherkin word does not.
  if (prev?.kind === 'word' && prev.sentence === tokens[start]!.sentence && /^[A-Z]/.test(prev.raw) && !/^(?:then|when|shall|must|should|may|and|or|if|where|while|the|given|a|an)$/i.test(prev.raw)) return false;
  if (prev?.kind === 'word' && /^(?:foreign|primary|public|private|secret|api|encryption|signing|access|license|licence|session|sort|partition|composite|unique|hot|shortcut)$/.test(prev.norm)) return false;
  // "summarize the key points up front": a summary is the selection; which points are key is the summarizer's judgement.
  for (let k = start - 1; k >= 0 && k >= start - 3 && tokens[k]!.clause === tokens[start]!.clause; k--) if (/^(?:summari[sz]e[sd]?|summari[sz]ing|recap(?:s|ped|ping)?|distil(?:l|ls|led|ling)?|condense[sd]?|condensing)$/.test(tokens[k]!.norm)) return false;
  let noun = -1;
  for (let k = end; k < end + 2 && k < tokens.length; k++) {
    if (tokens[k]!.kind !== 'word' || tokens[k]!.sentence !== tokens[start]!.sentence) break;
    if (KEY_SELECTION_NOUNS.has(tokens[k]!.norm)) {
      noun = k;
      break;
    }
  }
  if (noun < 0) return false;
  const after = tokens[noun + 1];
  if (after === undefined || after.sentence !== tokens[start]!.sentence) return true;
  if (after.norm === ':' || after.norm === '(' || after.norm === 'including' || after.norm === 'like' || after.norm === 'e.g') return false;
  return !(after.norm === 'such' && tokens[noun + 2]?.norm === 'as');
}

/** A coordinated list candidate (`c` spans "crisp and readable") holds a class word that is no design word. */
function otherClassInList(tokens: readonly Token[], c: Candidate): boolean {
  for (let k = c.start + 1; k < c.end; k++) {
    const w = tokens[k]!.kind === 'word' ? CLASS_WORDS.get(tokens[k]!.norm) : undefined;
    if (w && w.form === 'adj' && !DESIGN_WORDS.has(w.base)) return true;
  }
  return false;
}

/**
 * A noun of visual design (`DESIGN_NOUNS`) in the noun phrase after token `end - 1`: up to five words, through commas,
 * slashes and "and" between modifiers ("spacious, fluid container layouts", "soft warm tones"), ending at a function
 * word or other punctuation.
 */
function designNounAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end, words = 0; k < tokens.length && k < end + 12 && words < 5; k++) {
    const n = tokens[k]!;
    if (n.sentence !== sentence) break;
    if (n.kind !== 'word') {
      if (n.norm === ',' || n.norm === '/') continue;
      break;
    }
    if (n.norm === 'and') continue;
    if (SENSE_PHRASE_ENDS.has(n.norm)) break;
    const noun = DESIGN_NOUNS.has(n.norm) ? n.norm : DESIGN_NOUNS.has(n.norm.slice(n.norm.lastIndexOf('-') + 1)) ? n.norm.slice(n.norm.lastIndexOf('-') + 1) : undefined;
    // "a warm coaching tone" is a voice's: a tone is a colour's only beside another noun of design ("a colour
    // template featuring soft warm tones").
    if (noun !== undefined && (!/^tones?$/.test(noun) || otherDesignNoun(tokens, k))) return true;
    words++;
  }
  return false;
}

/** Pages and their parts, which responsive web design adapts besides `LAYOUT_NOUNS`: "responsive pages", "a responsive menu". */
const PAGE_NOUNS = new Set(['display', 'page', 'pages', 'website', 'websites', 'site', 'sites', 'template', 'templates', 'navigation', 'navbar', 'menu', 'menus', 'table', 'tables', 'code', 'theme']);
const rwdNoun = (n: string | undefined): boolean => n !== undefined && (LAYOUT_NOUNS.has(n) || PAGE_NOUNS.has(n));
/** Words that name screens and their widths (the sense of "responsive" in web design). */
const SCREEN_WORDS = /^(?:mobile|mobile-first|mobile-friendly|tablet|tablets|desktop|desktops|phone|phones|smartphone|smartphones|viewport|viewports|breakpoint|breakpoints|screen|screens|widths?|devices?|px|\d+px)$/;

/**
 * "responsive" in the sense of web design: its noun is a layout ("a responsive layout", "responsive pages") or its
 * sentence names screens ("responsive and usable on mobile devices", "on screen widths from 320px to 1920px"). Not after
 * "remain", "stay" or "keep" ("the UI must remain responsive … on a modern desktop browser": a delay).
 */
function responsiveDesign(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  for (let k = at - 1; k >= 0 && k >= at - 3 && tokens[k]!.sentence === tokens[at]!.sentence; k--) {
    if (/^(?:remain|remains|remained|remaining|stay|stays|stayed|staying|keep|keeps|kept|keeping)$/.test(tokens[k]!.norm)) return false;
  }
  if (rwdNoun(tokens[at + 1]?.norm) || RWD_SETTINGS.test(tokens[at + 1]?.norm ?? '') || (tokens[at - 1]?.norm === 'mobile' && tokens[at - 2]?.norm !== 'on')) return true;
  const [from, to] = sentenceWindow(ctx, at);
  for (let k = from; k <= to; k++) {
    const n = tokens[k]!.norm;
    if (k !== at && (SCREEN_WORDS.test(n) || (rwdNoun(n) && /^(?:make|makes|making|made)$/.test(tokens[k - 2]?.norm ?? '')))) return true;
    // Thirty-seventh round: "WHEN resetting responsive overrides, … reset to default responsive behavior": another
    // "responsive" of the sentence is web design's, so this one is too.
    if (k !== at && n === 'responsive' && (rwdNoun(tokens[k + 1]?.norm) || RWD_SETTINGS.test(tokens[k + 1]?.norm ?? ''))) return true;
  }
  return false;
}

/** Settings of responsive web design: "responsive overrides", "responsive settings", "responsive variants". */
const RWD_SETTINGS = /^(?:overrides?|settings|variants?|previews?)$/;


/** "compact" as a window size class: before a viewport, tier, width, window or breakpoint, or beside "medium"/"expanded". */
function sizeClass(tokens: readonly Token[], at: number): boolean {
  if (/^(?:viewport|viewports|tier|tiers|width|widths|window|windows|breakpoint|breakpoints|size|sizes|screens?)$/.test(tokens[at + 1]?.norm ?? '')) return true;
  const sentence = tokens[at]!.sentence;
  for (let k = Math.max(0, at - 8); k < tokens.length && k <= at + 8; k++) {
    if (tokens[k]!.sentence === sentence && /^(?:expanded|medium\/expanded)$/.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** Who uses a system (a subject whose ability a requirement grants): "users", "I", "an administrator". */
const PEOPLE = /^(?:I|users?|customers?|admins?|administrators?|operators?|developers?|visitors?|members?|attendees?|organizers?|organisers?|players?|authors?|editors?|reviewers?|managers?|staff|employees?|buyers?|sellers?|owners?|students?|teachers?|learners?|patients?|guests?|subscribers?|participants?|maintainers?|contributors?|approvers?|implementers?|testers?|auditors?|people|anyone|everyone)$/i;

/** Participles that state what a text says: "a message indicating …", "an error explaining …". */
// Twenty-sixth round: "informing the user that …", "warning the user that …".
const SAYING = /^(?:indicating|stating|explaining|saying|telling|naming|listing|describing|specifying|identifying|noting|confirming|informing|notifying|warning|reminding|advising)$/;

/** Words that open the subject of a "that" clause: a determiner or a pronoun ("a notice that the coupon is …"). */
const CLAUSE_SUBJECTS = /^(?:the|this|that|these|those|its|their|his|her|your|our|my|it|they|he|she|you|we|there)$/;
/** Finite verbs of being and having that make a "that" clause a statement of fact (its content), not a relative. */
const FINITE_BE_HAVE = /^(?:is|are|was|were|has|have|had|cannot|can't|isn't|aren't|wasn't|weren't|hasn't|haven't)$/;

/** A noun of text (`TEXT_NOUNS`) right after the word (up to three words), then a participle of saying and its content. */
function contentStated(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k <= end + 2 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k++) {
    if (!TEXT_NOUNS.test(tokens[k]!.norm)) continue;
    // Twenty-second round: "a clear error message explaining that …": the compound's last noun of text.
    if (tokens[k + 1]?.kind === 'word' && tokens[k + 1]!.sentence === sentence && TEXT_NOUNS.test(tokens[k + 1]!.norm) && k + 1 <= end + 2) continue;
    const said = tokens[k + 1];
    const what = tokens[k + 2];
    // Twenty-sixth round (read out of sample): "a clear notice that the coupon is no longer valid": a "that" clause with
    // its own subject and a finite "is"/"has" states the content; "a clear message that the shopper can dismiss" (a
    // relative clause) stays.
    if (said?.norm === 'that' && what !== undefined && what.sentence === sentence && CLAUSE_SUBJECTS.test(what.norm)) {
      for (let m = k + 3; m <= k + 6 && m < tokens.length && tokens[m]!.sentence === sentence && tokens[m]!.kind === 'word'; m++) if (FINITE_BE_HAVE.test(tokens[m]!.norm)) return true;
      return false;
    }
    return said !== undefined && SAYING.test(said.norm) && what !== undefined && what.sentence === sentence && (what.kind === 'word' || what.kind === 'number');
  }
  return false;
}

/** "the most recent 5 items", "the 5 most recent", "the last 10 …" in the sentence of token `at` (`sentenceWindow`). */
function countedRecent(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  const [from, to] = sentenceWindow(ctx, at);
  for (let k = from; k <= to; k++) {
    const t = tokens[k]!;
    if (k === at) continue;
    const n = (j: number): boolean => isNumberLike(tokens[j]) && tokens[j]!.sentence === sentence;
    if (t.norm === 'most' && tokens[k + 1]?.norm === 'recent' && (n(k + 2) || n(k - 1))) return true;
    if ((t.norm === 'last' || t.norm === 'latest') && n(k + 1)) return true;
  }
  return false;
}

/** Nouns of the controls a label names: "the Clear Filters button". */
const CONTROL_NOUNS = /^(?:button|buttons|link|links|tab|tabs|menu|menus|option|options|action|actions|toggle|toggles|item|items|checkbox|switch|page|screen|dialog|modal|panel|view|card|chip|badge|column|field|mode)$/;

/** Token `at` and the next word are capitalised (title case, not a sentence start alone), a control noun within two. */
function controlLabel(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at]!;
  const next = tokens[at + 1];
  const title = (w: Token | undefined): boolean => w !== undefined && w.kind === 'word' && w.sentence === t.sentence && /^[A-Z][a-z]/.test(w.raw);
  if (!title(t) || !title(next)) return false;
  for (let k = at + 2; k <= at + 3 && k < tokens.length; k++) {
    if (tokens[k]!.sentence === t.sentence && CONTROL_NOUNS.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** A word of the sentence of token `at` (other than it, within `LOOK_AROUND` of it) matches `re`. */
function sentenceHas(ctx: BlockContext, at: number, re: RegExp): boolean {
  const [from, to] = sentenceWindow(ctx, at);
  for (let k = from; k <= to; k++) if (k !== at && ctx.tokens[k]!.kind === 'word' && re.test(ctx.tokens[k]!.norm)) return true;
  return false;
}

/** What an operation consumes or needs, "sufficient" of which is enough for it: credits, funds, permissions. */
const RESOURCES = new Set([
  'credit', 'credits', 'balance', 'funds', 'fund', 'permission', 'permissions', 'privilege', 'privileges', 'rights', 'quota',
  'stock', 'inventory', 'tokens', 'seats', 'capacity', 'allowance', 'points', 'coins', 'gas', 'collateral', 'liquidity',
]);

/** The word before the modal at `k` (an adverb of focus or time skipped) names a person: "Users must", "I should also". */
function personBefore(tokens: readonly Token[], k: number): boolean {
  let j = k - 1;
  if (tokens[j] !== undefined && MODAL_ADVERBS.has(tokens[j]!.norm)) j--;
  const w = tokens[j];
  return w !== undefined && w.kind === 'word' && w.sentence === tokens[k]!.sentence && PEOPLE.test(w.raw);
}

/** After "optionally" (token `end - 1`): a code span (blanked: a gap) or a word that is not a verb, in its sentence. */
function optionalElement(ctx: BlockContext, end: number): boolean {
  const { tokens } = ctx;
  const next = tokens[end];
  if (next === undefined || next.sentence !== tokens[end - 1]!.sentence) return false;
  if (next.start - tokens[end - 1]!.end > 2) return true;
  if (next.norm === ',') return formatPartsAfter(tokens, end + 1);
  return next.kind === 'word' && posOf(ctx, end) !== 'VERB';
}

/** The parts a format's syntax is made of: an optional one is the producer's to include. */
const FORMAT_PARTS = /^(?:components?|subcomponents?|fields?|parameters?|members?|attributes?|elements?|headers?|extensions?|properties|property|claims?|segments?|labels?|octets?)$/;

/**
 * Forty-eighth round: "a URL with a scheme component that MUST be https, a host component, and optionally, port, path
 * and query components": after "optionally," a list of names (up to eight words, commas, "and", "or") ends in a part
 * of a format, which the grammar lets a producer include or not. "display HP and, optionally, a bar" (no part of a
 * format) still asks whose choice it is.
 */
function formatPartsAfter(tokens: readonly Token[], from: number): boolean {
  const sentence = tokens[from - 1]!.sentence;
  for (let k = from; k < tokens.length && k <= from + 8 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind === 'word' && FORMAT_PARTS.test(t.norm)) return k > from;
    if (t.norm !== ',' && t.kind !== 'word') return false;
  }
  return false;
}

/** "(required)" in the sentence of token `at`: its inputs are set apart as required and optional. */
function requiredBeside(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  for (let k = Math.max(1, at - 40); k < tokens.length - 1 && k <= at + 40; k++) {
    if (tokens[k]!.sentence === sentence && tokens[k]!.norm === 'required' && tokens[k - 1]!.norm === '(' && tokens[k + 1]!.norm === ')') return true;
  }
  return false;
}

/**
 * "… truncate gracefully with ellipsis", "… gracefully by retrying", "gracefully degrade: show …": the means right after
 * the word, or the behaviour after a colon that ends its verb. "gracefully handle changes with varying completeness"
 * (the "with" belongs to the object) is not.
 */
function meansAfter(tokens: readonly Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  const at = (k: number): Token | undefined => (tokens[k]?.sentence === sentence ? tokens[k] : undefined);
  if (/^(?:with|by)$/.test(at(end)?.norm ?? '') && at(end + 1)?.kind === 'word') return true;
  return at(end)?.norm === ':' || (at(end)?.kind === 'word' && at(end + 1)?.norm === ':');
}

/** Another noun of design than tone(s) in the sentence of token `at`. */
function otherDesignNoun(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  for (let k = Math.max(0, at - 40); k < tokens.length && k <= at + 40; k++) {
    if (tokens[k]!.sentence === sentence && DESIGN_NOUNS.has(tokens[k]!.norm) && !/^tones?$/.test(tokens[k]!.norm)) return true;
  }
  return false;
}

/** "the same …", "the exact same …", "an identical …" right before token `at` (up to two words before it). */
function sameBefore(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= 0 && k >= at - 3; k--) {
    const n = tokens[k]!.norm;
    if (n === 'same' || n === 'identical') return true;
    if (tokens[k]!.kind !== 'word' || n === 'the' || n === 'a' || n === 'an') return false;
  }
  return false;
}

/** Verbs of making or getting a value: their object "fresh" is a new one (`otherSense`). */
// Thirty-seventh round: verbs of fetching ("invalidate the cache and fetch fresh data", "while fetching fresh data in
// background"): fetched anew, not from the cache. "show fresh data" (an age) still asks.
const MAKING_VERBS = /^(?:fetch|fetches|fetched|fetching|refetch|refetches|refetched|refetching|re-fetch|re-fetches|re-fetched|re-fetching|retrieve|retrieves|retrieved|retrieving|reload|reloads|reloaded|reloading|generate|generates|generated|generating|create|creates|created|creating|obtain|obtains|obtained|obtaining|derive|derives|derived|deriving|draw|draws|drew|drawn|pick|picks|picked|choose|chooses|chose|chosen|select|selects|selected|sample|samples|sampled|mint|mints|minted|issue|issues|issued|establish|establishes|established|open|opens|opened)$/;

/** Things made anew, which "fresh" calls new rather than recent: a fresh install, clone, user, container, session. */
const NEW_INSTANCE_NOUNS = new Set([
  'install', 'installs', 'installation', 'installations', 'clone', 'clones', 'checkout', 'checkouts', 'user', 'users', 'account',
  'accounts', 'session', 'sessions', 'instance', 'instances', 'container', 'containers', 'validator', 'validators', 'environment',
  'environments', 'database', 'databases', 'machine', 'machines', 'vm', 'vms', 'workspace', 'workspaces', 'repository',
  // Fourteenth round: "a fresh Atlas project", "a fresh order is opened", "opens on a fresh sale".
  'project', 'projects', 'order', 'orders', 'sale', 'sales', 'document', 'documents', 'conversation', 'conversations',
  'chat', 'chats', 'thread', 'threads', 'ticket', 'tickets', 'cart', 'carts', 'tabs', 'window', 'windows', 'copies',
  'identity', 'identities', 'token', 'tokens',
  'repositories', 'repo', 'repos', 'deployment', 'deployments', 'node', 'nodes', 'cluster', 'clusters', 'profile', 'profiles',
  'browser', 'shell', 'terminal', 'boot', 'start', 'restart', 'run', 'setup', 'copy', 'branch', 'process', 'page', 'tab',
  'connection', 'connections', 'handshake', 'handshakes',
  // Twentieth round: protocol values made anew ("every re-issued token MUST have a fresh Status List entry", "a fresh nonce").
  'entry', 'entries', 'nonce', 'nonces', 'key', 'keys', 'keypair', 'keypairs', 'salt', 'salts', 'identifier', 'identifiers',
  'secret', 'secrets', 'challenge', 'challenges',
]);

/** Words that end the noun phrase after a word (`otherSense`). */
const SENSE_PHRASE_ENDS = new Set([
  'the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'by', 'from', 'and', 'or', 'but', 'is', 'are', 'was', 'were',
  'be', 'been', 'must', 'shall', 'should', 'may', 'can', 'will', 'that', 'which', 'when', 'if', 'as', 'than', 'per', 'into',
  'over', 'under', 'across', 'before', 'after', 'until', 'while',
]);

/**
 * An all-caps word amid ordinary words is an acronym or a name, not the word it spells: "an ETC CSV file" is Electronic
 * Toll Collection data, not "etc.". A sentence written all in capitals keeps its words.
 */
function isAcronym(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind !== 'word' || t.raw.length < 2 || !/^[A-Z]+$/.test(t.raw)) return false;
  const caps = (w: Token | undefined): boolean => w !== undefined && /^[A-Z]{2,}$/.test(w.raw);
  let before: Token | undefined;
  for (let j = i - 1; j >= 0 && tokens[j]!.sentence === t.sentence; j--) if (tokens[j]!.kind === 'word') { before = tokens[j]; break; }
  let after: Token | undefined;
  for (let j = i + 1; j < tokens.length && tokens[j]!.sentence === t.sentence; j++) if (tokens[j]!.kind === 'word') { after = tokens[j]; break; }
  if (!before && !after) return false;
  return !((before === undefined || caps(before)) && (after === undefined || caps(after)));
}

/** Units by dimension: a time unit bounds speed, frequency and recency; a size unit bounds size. */
const TIME_UNITS = new Set([
  'ms', 'millisecond', 'milliseconds', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'hr',
  'hrs', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'rtt', 'rtts', 'round', 'µs', 'us', 'ns',
]);

/**
 * Twenty-ninth round: words that name the reference condition of a requirement ("within 2 seconds for typical
 * configurations", "renders in under 1 s on typical hardware"), and the nouns of a condition they name. The number in
 * such a sentence measures the result, not the condition: it does not say which hardware or load counts as typical.
 */
const REFERENCE_WORDS = new Set(['typical', 'usual', 'ordinary', 'modern']);
const CONDITION_NOUNS = /^(?:hardware|machines?|devices?|computers?|laptops?|phones?|configurations?|setups?|loads?|workloads?|usage|use|conditions?|traffic|networks?|connections?|bandwidth|operations?|environments?|inputs?|datasets?|volumes?|sizes?|projects?|repositories|repos?|documents?|files?|queries|requests?|sessions?|scenarios?|deployments?|clusters?)$/;

/** Prepositions of the circumstance a requirement is measured in: "on typical hardware", "under usual load". */
const CIRCUMSTANCE_PREPOSITIONS = new Set(['on', 'for', 'under', 'with', 'in', 'across', 'at', 'over', 'during', 'against']);

/**
 * The reference-condition word's noun, or -1: the word must open a circumstance (after "on", "for", "under", … with
 * or without an article, or after a gerund: "performing typical operations"), and its noun be the head (right after
 * it or after one more modifier: "a typical developer machine"; not "an ordinary session expiry", whose head is the
 * expiry, nor "as an ordinary …", the usual way).
 */
function conditionNoun(ctx: BlockContext, start: number, end: number): number {
  const { tokens } = ctx;
  const sentence = tokens[start]!.sentence;
  let before = start - 1;
  if (/^(?:a|an|the)$/.test(tokens[before]?.norm ?? '')) before--;
  const prev = tokens[before];
  if (!prev || prev.sentence !== sentence || prev.kind !== 'word' || !(CIRCUMSTANCE_PREPOSITIONS.has(prev.norm) || /^[a-z]{3,}ing$/.test(prev.norm))) return -1;
  for (let k = end; k < end + 2 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || t.code || t.sentence !== sentence) return -1;
    if (!CONDITION_NOUNS.test(t.norm)) continue;
    const next = tokens[k + 1];
    if (next && next.sentence === sentence && next.kind === 'word' && !next.code && next.raw === next.norm && posOf(ctx, k + 1) === 'NOUN') return -1;
    return k;
  }
  return -1;
}

/**
 * Thirty-third round: "modern" (a word of look and feel elsewhere, `DESIGN_WORDS`) opening the circumstance of a device
 * a requirement is measured or supported on ("complete within 250ms on modern devices", "run on modern hardware"):
 * which devices count? Only the nouns of hardware the condition's question describes (`conditionExample`): "modern
 * environments", "a modern design" are not devices, and browsers are left (their question would need versions).
 */
const DEVICE_NOUNS = /^(?:hardware|machines?|devices?|computers?|laptops?|phones?)$/;
function modernDevice(ctx: BlockContext, c: Candidate): boolean {
  if (c.word?.base !== 'modern' || c.word.form !== 'adj') return false;
  const noun = conditionNoun(ctx, c.start, c.end);
  return (noun >= 0 && DEVICE_NOUNS.test(ctx.tokens[noun]!.norm)) || modernPlatform(ctx, c) >= 0;
}

/** Nouns of the software a requirement is supported on: browsers, operating systems, platforms. */
const PLATFORM_NOUNS = /^(?:browsers?|operating systems?|os|oses|platforms?)$/;

/**
 * Thirty-fourth session: "MUST work on modern browsers", "SHALL support all modern operating systems": "modern" before
 * the software a requirement is supported on (after a preposition of circumstance or "all"; "web" may stand between)
 * names which browsers and versions are supported, asked with versions (`platformQuestion`). "A modern browser UI" is
 * not it: the noun must end its phrase. The platform noun's index, or -1.
 */
function modernPlatform(ctx: BlockContext, c: Candidate): number {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  let before = c.start - 1;
  if (/^(?:a|an|the|all|any|most)$/.test(tokens[before]?.norm ?? '')) before--;
  const prev = tokens[before];
  if (!prev || prev.sentence !== sentence || prev.kind !== 'word' || !(CIRCUMSTANCE_PREPOSITIONS.has(prev.norm) || prev.norm === 'support' || prev.norm === 'supports' || prev.norm === 'supporting')) return -1;
  let k = c.end;
  if (tokens[k]?.norm === 'web' && tokens[k]!.sentence === sentence) k++;
  const t = tokens[k];
  if (!t || t.sentence !== sentence || t.kind !== 'word' || t.code) return -1;
  const two = t.norm === 'operating' && tokens[k + 1]?.norm.startsWith('system') ? k + 1 : k;
  if (!PLATFORM_NOUNS.test(two > k ? `operating ${tokens[two]!.norm}` : t.norm)) return -1;
  const next = tokens[two + 1];
  return next && next.sentence === sentence && next.kind === 'word' && !next.code && posOf(ctx, two + 1) === 'NOUN' ? -1 : two;
}

/** Adjectives that pick, among browsers, systems or versions, the ones supported: "recent versions of Android". */
const PLATFORM_WORDS = new Set(['modern', 'recent', 'major', 'popular', 'common', 'mainstream', 'current', 'old', 'older', 'new', 'newer', 'latest']);
/** Nouns of versions of software: "recent versions of Android", "a recent release of Node.js". */
const VERSION_NOUNS = /^(?:versions?|releases?)$/;

/**
 * Thirty-fourth session: which browsers, systems or versions an adjective picks ("modern browsers", "recent versions of
 * Android", "all major browsers") is answered by naming them with their oldest supported version or a rolling rule,
 * not by an age in minutes or a threshold in percent. "Major"/"minor" of versions are semantic versioning's terms
 * (left to the other questions).
 */
function platformQuestion(ctx: BlockContext, c: Candidate, phrase: string, noun: string): string | undefined {
  const w = c.word!;
  if (w.form !== 'adj' || !PLATFORM_WORDS.has(w.base)) return undefined;
  const words = noun.toLowerCase().split(' ');
  const head = words[words.length - 1]!;
  const platform = PLATFORM_NOUNS.test(head) || (head === 'systems' || head === 'system') && words[words.length - 2] === 'operating';
  const version = VERSION_NOUNS.test(head) && w.base !== 'major' && w.base !== 'minor';
  if (!platform && !version) return undefined;
  const { tokens } = ctx;
  // "versions of Android": the software named after the noun.
  let of = '';
  if (version) {
    let k = c.end;
    while (k < c.end + 4 && tokens[k] && tokens[k]!.norm !== head) k++;
    const t = tokens[k + 1];
    const name = tokens[k + 2];
    if (t?.norm === 'of' && name && name.sentence === t.sentence && (name.code || /^[A-Z]/.test(name.raw))) of = ` of ${name.raw}`;
  }
  const plural = /s$/.test(head);
  const what = `${noun}${of}`;
  const examples = /^browser/.test(head)
    ? 'e.g. the last 2 major versions of Chrome, Firefox, Safari and Edge'
    : platform
      ? 'e.g. Windows 11, macOS 14 and Ubuntu 22.04 or later'
      : 'e.g. Android 12 or later, the last 2 major versions, the current LTS release';
  return `Which ${what} ${plural ? 'count' : 'counts'} as “${phrase}”? Name ${plural ? 'them' : 'it'} with the oldest version supported, or a rolling rule (${examples}).`;
}

/** Words between a condition's noun and the number that sizes it: "of up to 50 services", "with at most 3 nodes". */
const SIZING_WORDS = new Set(['of', 'with', 'up', 'to', 'at', 'most', 'least', 'around', 'about', 'containing', 'having', 'holding', 'fewer', 'less', 'more', 'than']);

/**
 * Is the condition stated beside its noun: a parenthesis or a colon right after it, or a number that sizes it ("typical
 * hardware (4 cores, 8 GB RAM)", "typical configurations of up to 50 services", "typical load: 200 requests/s")? A
 * number of time after it is the result ("a typical project in under 5 minutes").
 */
function conditionStated(tokens: readonly Token[], noun: number): boolean {
  const first = tokens[noun + 1];
  if (first && first.sentence === tokens[noun]!.sentence && (first.norm === '(' || first.norm === ':')) return true;
  for (let k = noun + 1; k <= noun + 4 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.sentence !== tokens[noun]!.sentence) return false;
    if (t.kind === 'number' || NUMBER_WORDS.has(t.norm)) return !TIME_UNITS.has(tokens[k + 1]?.norm ?? '');
    if (!SIZING_WORDS.has(t.norm)) return false;
  }
  return false;
}

/** An example description of a reference condition, by its noun. */
function conditionExample(head: string): string {
  if (/^(?:hardware|machines?|devices?|computers?|laptops?|phones?)$/.test(head)) return 'e.g. 4 CPU cores and 8 GB of memory, or a named device model';
  if (/^(?:loads?|workloads?|usage|use|traffic|requests?|sessions?|operations?)$/.test(head)) return 'e.g. 200 requests per second from 50 concurrent users';
  if (/^(?:networks?|connections?|bandwidth)$/.test(head)) return 'e.g. 10 Mbit/s with a 100 ms round trip';
  return 'e.g. its size: up to 50 items, 200 files or 10 MB';
}

/**
 * A measurable bound of the candidate's own dimension near it (same clause, 4 tokens before to 8 after): a time unit
 * bounds speed/frequency/recency words, a count bounds quantity words (right after them), a number with any unit or a
 * comparison bounds size and degree words, a named standard or algorithm bounds security words, "than …" bounds a
 * comparison; a stated test ("enough that …", "such that …") bounds anything. An unrelated number does not: in
 * "respond quickly to all 3 request types" the 3 counts request types, not time, and in "within 2 s on typical hardware"
 * the 2 s measures the result, not the hardware (`conditionNoun`). [^am5b]
 */
function boundFor(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const dim: Dimension | undefined = c.word?.dimension ?? dimensionOfEntry(c.entry);
  if (c.pattern === 'class' && c.word?.form === 'adj' && REFERENCE_WORDS.has(c.word.base)) {
    const noun = conditionNoun(ctx, c.start, c.end);
    if (noun >= 0) return conditionStated(tokens, noun);
    // "on modern browsers (Chrome 120+, …)", "on modern browsers: the last two versions of …": named beside the noun; a
    // time after it measures the result ("open in modern browsers within 2 seconds").
    const platform = c.word.base === 'modern' ? modernPlatform(ctx, c) : -1;
    if (platform >= 0) return tokens[platform + 1]?.sentence === tokens[platform]!.sentence && (tokens[platform + 1]!.norm === '(' || tokens[platform + 1]!.norm === ':');
  }
  if (c.category === 'quantity' && (dim === 'quantity' || dim === undefined)) return hasCount(tokens, c.end) || (c.pattern === 'amount' && nearNumber(tokens, c, false)) || statedAmount(tokens, c.end);
  const clause = tokens[c.start]!.clause;
  const lo = Math.max(0, c.start - 4);
  const hi = Math.min(tokens.length, c.end + 8);
  // Nineteenth round: "more beneficial to community when compared to forcing a closed list", "faster relative to the
  // v1 API": the baseline follows the comparison in the same sentence, also across a "when" clause.
  if (c.category === 'comparative' && comparedAfter(tokens, c.end)) return true;
  // Nineteenth round (read on OAuth): "If TLS is not available, the authorization server SHOULD warn the resource owner
  // about the insecure endpoint": the mechanism named earlier in the sentence says what "insecure" lacks.
  if (dim === 'security' && mechanismBefore(ctx, c.start)) return true;
  // Forty-sixth round (read on an NFS draft): "be secure from eavesdroppers and man-in-the-middle protocol tampering",
  // "secure against replay": the threats are named right after the word, which is what its question asks for.
  if (dim === 'security' && threatNamedAfter(tokens, c.end)) return true;
  // Fifty-fourth round (set 7's tune half: "Passwords securely hashed by Keycloak using its configured policy (Argon2 or
  // bcrypt)"): a parenthesis later in the sentence that names the algorithm or standard names the mechanism, however
  // far the eight-token window leaves it.
  if (dim === 'security' && mechanismInParenthesisAfter(tokens, c.end)) return true;
  // Forty-sixth round (read on KEP graduation criteria): "locked to true and eventually removed, following upstream
  // graduation": its question asks for the event after which it must have happened, and the event is named.
  if (tokens[c.start]!.norm === 'eventually' && c.end - c.start === 1 && eventNamedAfter(tokens, c.end)) return true;
  if (dim === 'frequency' && rateAside(tokens, c.end)) return true;
  if (timedNounBounded(tokens, c)) return true;
  for (let k = lo; k < hi; k++) {
    if (k >= c.start && k < c.end) continue;
    const t = tokens[k]!;
    if (t.clause !== clause) {
      if (k < c.start) continue;
      break;
    }
    const nextNorm = tokens[k + 1]?.norm ?? '';
    if (c.category === 'comparative' && t.norm === 'than' && k >= c.end) return true;
    if (k === c.end && t.norm === 'enough' && tokens[k + 1]?.norm === 'that') return true;
    if (k >= c.end && t.norm === 'such' && tokens[k + 1]?.norm === 'that') return true;
    // "large enough to initiate a new connection", "too small to be valid QUIC packets": the infinitive states the test
    // (unless it is vague itself: "too old to be useful").
    if (k === c.end && (t.norm === 'enough' || (c.pattern === 'degree' && t.norm === 'to')) && statedTest(ctx, t.norm === 'to' ? k : k + 1)) return true;
    if (k === c.end + 1 && t.norm === 'enough' && statedTest(ctx, k + 1)) return true;
    // "The encoding MUST be sufficient to prevent the attacks described in …": the infinitive states what suffices.
    if (k === c.end && t.norm === 'to' && SUFFICIENCY.has(c.word?.base ?? '') && statedTest(ctx, k)) return true;
    // Fourteenth round: the same with the noun between ("a large enough packet number encoding to allow the packet
    // number to be recovered", "a source with sufficient entropy to ensure …").
    if (k === c.end && t.norm === 'enough' && testAfterNoun(ctx, k + 1)) return true;
    if (k === c.end && SUFFICIENCY.has(c.word?.base ?? '') && testAfterNoun(ctx, k)) return true;
    // Forty-sixth round: "… parameters sufficient for an independent implementation to produce interoperable results".
    if (k === c.end && t.norm === 'for' && SUFFICIENCY.has(c.word?.base ?? '') && agentThenTest(ctx, k + 1)) return true;
    if (t.kind === 'punct') {
      if (COMPARISON_SIGNS.has(t.norm) && dim !== 'quality' && dim !== 'security') return true;
      continue;
    }
    const numberish = t.kind === 'number' || NUMBER_WORDS.has(t.norm);
    // "not just the recent 1000": a count right after a word of recency selects by order, as "the 20 most recent" does.
    if (dim === 'recency' && k === c.end && t.kind === 'number') return true;
    switch (dim) {
      case 'speed':
      case 'frequency':
      case 'recency':
        if (numberish && (TIME_UNITS.has(nextNorm) || /^\d+(?:ms|s|min|h)$/.test(t.norm))) return true;
        if (PERCENTILE.test(t.norm)) return true;
        if ((t.norm === 'once' || t.norm === 'twice' || t.norm === 'every' || t.norm === 'per') && (TIME_UNITS.has(nextNorm) || numberish)) return true;
        if (t.norm === 'one' && nextNorm === 'round') return true;
        break;
      case 'security':
        if (namesMechanism(t.norm) || STANDARDS.has(t.norm.split('-')[0]!)) return true;
        break;
      case 'quality':
        // Only a measured value right after the word settles quality: "accurate to 0.1 %".
        if (numberish && k >= c.end && k <= c.end + 2 && (UNITS.has(nextNorm) || nextNorm === '%')) return true;
        if (STANDARDS.has(t.norm) && k >= c.end) return true;
        break;
      default:
        if (t.kind === 'number') return true;
        if (PERCENTILE.test(t.norm) || STANDARDS.has(t.norm)) return true;
        if (NUMBER_WORDS.has(t.norm) && UNITS.has(nextNorm)) return true;
    }
  }
  return false;
}

/** Nouns that are a duration: "a reasonable timeout", "an appropriate retry interval". */
const TIMED_NOUNS = /^(?:timeouts?|time-outs?|delays?|intervals?|periods?|durations?|deadlines?|ttls?|backoffs?|lifetimes?|expiry|expiration)$/;

/**
 * Thirty-first round (read out of sample on protocol specifications): "Agents SHOULD include a reasonable timeout for
 * webhook requests (recommended: 10-30 seconds)": a word of quality or degree whose noun is a duration is bounded by a
 * number with a time unit later in its sentence (within 16 tokens), as a time word is. "a reasonable timeout" with no
 * such number, and "a reasonable format (recommended: 10 seconds)" (not a duration), still ask.
 */
function timedNounBounded(tokens: Token[], c: Candidate): boolean {
  const dim = c.word?.dimension;
  if (c.pattern !== 'class' || c.word?.form !== 'adj' || (dim !== 'quality' && dim !== 'degree')) return false;
  const sentence = tokens[c.start]!.sentence;
  const noun = [c.end, c.end + 1].find((k) => tokens[k]?.sentence === sentence && TIMED_NOUNS.test(tokens[k]!.norm));
  if (noun === undefined) return false;
  for (let k = noun + 1; k < tokens.length && k < noun + 16 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if ((t.kind === 'number' || NUMBER_WORDS.has(t.norm)) && TIME_UNITS.has(tokens[k + 1]?.norm ?? '')) return true;
    if (t.kind === 'number' && /^\d+(?:ms|s|min|h)$/.test(t.norm)) return true;
  }
  return false;
}

/**
 * Twenty-third round (read out of sample): a rate given as an aside later in the sentence, "periodic reminders during
 * the interview (every 5-7 questions)", ", every 10 answers": `(` or `,` then "every"/"once"/"twice" and a number
 * (within 16 tokens of the word, in its sentence).
 */
function rateAside(tokens: Token[], end: number): boolean {
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 16 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'punct' || (t.norm !== '(' && t.norm !== ',')) continue;
    const cue = tokens[k + 1]?.norm ?? '';
    if (cue !== 'every' && cue !== 'once' && cue !== 'twice') continue;
    const n = tokens[k + 2];
    if (n && (n.kind === 'number' || NUMBER_WORDS.has(n.norm) || (cue !== 'every' && (n.norm === 'per' || n.norm === 'every' || n.norm === 'a')))) return true;
  }
  return false;
}

/** Names of levels: a list of three of them (with "level", "priority" or "severity" in the sentence) names levels. */
const LEVEL_LABELS = new Set(['low', 'medium', 'normal', 'high', 'critical', 'urgent', 'minor', 'major', 'moderate', 'severe', 'trivial', 'blocker']);
const LEVEL_KINDS = /^(?:levels?|priority|priorities|severity|severities|tiers?|grades?|ratings?|categories)$/;

function levelLabel(ctx: BlockContext, start: number, end: number): boolean {
  const { tokens } = ctx;
  if (end - start !== 1 || !LEVEL_LABELS.has(tokens[start]!.norm)) return false;
  const [from, to] = sentenceWindow(ctx, start);
  const others = new Set<string>();
  let kind = false;
  for (let k = from; k <= to && k < tokens.length; k++) {
    const n = tokens[k]!.norm;
    if (k !== start && LEVEL_LABELS.has(n)) others.add(n);
    if (LEVEL_KINDS.test(n)) kind = true;
  }
  others.delete(tokens[start]!.norm);
  return kind && others.size >= 2;
}

/** Words of sufficiency, which an infinitive after them bounds ("sufficient to prevent …"). */
const SUFFICIENCY = new Set(['sufficient', 'adequate', 'insufficient', 'inadequate']);

function nearNumber(tokens: Token[], c: Candidate, _any: boolean): boolean {
  for (let k = c.end; k < tokens.length && k < c.end + 4 && tokens[k]!.clause === tokens[c.start]!.clause; k++) if (tokens[k]!.kind === 'number') return true;
  return false;
}

/**
 * Cryptographic algorithms and protocols that bound "secure": Ed25519, Argon2id, AES-256, ChaCha20, SHA-256, TLS 1.3;
 * twenty-second round: the secure transports by name ("SHALL use secure HTTPS connections": HTTPS is what secure means).
 */
const ALGORITHMS = /^(?:ed25519|ed448|x25519|argon2(?:id|i|d)?|bcrypt|scrypt|pbkdf2|aes(?:-\d+)?|chacha20(?:-poly1305)?|sha-?\d+|sha3(?:-\d+)?|hmac(?:-sha\d+)?|rsa(?:-\d+)?|ecdsa|hsm|fido2|webauthn|mtls|tls|dtls|ssh|ipsec|kms|https|wss|sftp|ftps)$/;

function dimensionOfEntry(entry: LexiconEntry | undefined): Dimension | undefined {
  if (!entry) return undefined;
  switch (entry.category) {
    case 'time':
      return 'speed';
    case 'quantity':
      return 'quantity';
    case 'comparative':
      return undefined;
    default: {
      const w = CLASS_WORDS.get(entry.term);
      // Seventeenth round: a vague entry no class word covers ("properly", "gracefully", "user-friendly") judges
      // quality, so an unrelated number does not answer it ("show proper flexible date handling in steps 4 and 19").
      // Forty-seventh round: "industry standard" is answered as "secure" is, by a standard or algorithm named near it.
      return w?.dimension ?? (entry.term === 'secure' || entry.term === 'industry standard' ? 'security' : entry.category === 'vague' ? 'quality' : undefined);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Questions: built from the phrase, the word it modifies and the sentence, with examples that fit the document.

/** Nouns whose content is the point: "What must the message contain to count as helpful?" */
const TEXT_NOUNS = /^(?:message|messages|sentence|sentences|summary|summaries|explanation|explanations|error|errors|response|responses|answer|answers|text|description|descriptions|reason|reasons|label|labels|notice|notices|warning|warnings|report|reports|output|feedback|documentation|content|instructions?|prompt|title|caption|log|logs|language|wording)$/;

/** The noun phrase a token modifies: the nouns after it (an attributive adjective), else the sentence's subject. */
function headNoun(ctx: BlockContext, c: Candidate): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  const words: string[] = [];
  let first = -1;
  let k = c.end;
  // Twenty-fourth round: "a comprehensive `identityProfile` containing …": a code span right after the adjective is
  // the thing it describes (the prose blanks it, so the next word, "containing", was taken for the noun).
  const span = c.word?.form === 'adj' ? codeSpanAfter(ctx, c.end - 1) : undefined;
  if (span !== undefined) return span;
  // Fifty-seventh round: "MUST feel secure, modern, premium and simple": a predicate adjective (after a form of "be" or
  // a linking verb) that opens a list names no noun after it: the list's words are the predicate's other adjectives,
  // whatever the tagger calls them ("premium" read as a noun made "Name what the premium must resist"). The noun is the
  // subject's.
  const predicate = predicateListVerb(ctx, c);
  if (predicate >= 0) return infinitiveSubject(ctx, predicate) ?? postpositiveOf(ctx, c) ?? objectBefore(ctx, c.start) ?? subjectOf(ctx, c.start);
  for (; k < tokens.length && k < c.end + 8 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    // Twenty-fourth round: "a simple HTTP GET request": names and capitalised acronyms before a noun modify it, whatever
    // the tagger calls "GET"; the question is about the request, not the sentence's subject. Forty-first round: "an
    // appropriate JWS asymmetric digital signature algorithm": a name or a word in capitals, then adjectives, then a
    // noun: the name and the adjectives modify that noun (was the sentence's subject).
    if (!words.length && c.word?.form === 'adj') {
      let head = afterNames(ctx, k);
      if (head <= k) head = nameAdjectivesNoun(ctx, k);
      if (head > k) {
        first = k;
        for (let j = k; j <= head; j++) words.push(tokens[j]!.raw);
        // The nouns after it stay in the phrase ("HTTP status codes"): the loop goes on from the next word.
        k = head;
        continue;
      }
    }
    // "a clear, mutually understood scope": a comma or "and" between modifiers (a participle among them) before the noun.
    // Forty-eighth round: "or", "vs" and "versus" too ("flexible vs fixed dates": the dates, was "the vs"), and a hyphenated
    // participle among the modifiers ("a clean, right-aligned compact bubble": the bubble, was "the right-aligned").
    if (!words.length && (t.norm === ',' || t.norm === 'and' || t.norm === 'or' || t.norm === 'vs' || t.norm === 'versus')) continue;
    // Forty-ninth round: "but" or "yet" and another modifier ("a respectful but firm tone": the tone, was the sentence's
    // subject; the tagger reads "firm" as a noun, so a word before a noun is passed as the modifier it is).
    if (!words.length && (t.norm === 'but' || t.norm === 'yet') && tokens[k + 1]?.kind === 'word' && tokens[k + 1]!.sentence === sentence && /^[a-z]+(?:-[a-z]+)*$/.test(tokens[k + 1]!.raw)) {
      const modifier = posOf(ctx, k + 1);
      if (modifier === 'ADJ') continue;
      if (modifier === 'NOUN' && tokens[k + 2]?.kind === 'word' && tokens[k + 2]!.sentence === sentence && posOf(ctx, k + 2) === 'NOUN') {
        k++;
        continue;
      }
    }
    if (!words.length && /^[a-z]+(?:-[a-z]+)*-[a-z]+(?:ed|en)$/.test(t.norm) && tokens[k + 1]?.sentence === sentence && tokens[k + 1]!.kind === 'word') continue;
    if (t.kind !== 'word') break;
    if (!words.length) first = k;
    const pos = posOf(ctx, k);
    // Twenty-second round: "reject large uploads": a plural noun the tagger read as a verb's third person right after
    // an adjective (an adjective does not precede a finite verb), with no object after it.
    // Forty-eighth round: after a comparative too ("WHEN easier prompts are generated": the prompts, was "it").
    if (!words.length && k === c.end && pos === 'VERB' && (c.word?.form === 'adj' || c.word?.form === 'comparative') && /[^s]s$/.test(t.norm) && phraseEndsAfter(ctx, k)) {
      words.push(t.raw);
      break;
    }
    // Forty-eighth round: in a noun phrase that is a verb's object, a word the tagger read as a verb right after the
    // adjective ("provide secure download links", "receive a secure download containing …") or after its nouns ("view
    // detailed error logs for administrators") is a noun of the compound: an adjective does not precede a finite verb,
    // and the phrase's verb came before it (was "the User_Authentication", "it", "the error").
    if (c.word?.form === 'adj' && pos === 'VERB' && /^[a-z]+$/.test(t.raw) && objectPhraseAt(ctx, c.start)) {
      const next = tokens[k + 1];
      const nextWord = next !== undefined && next.sentence === sentence && next.kind === 'word' && /^[a-z]+$/.test(next.raw) ? posOf(ctx, k + 1) : '';
      if (!words.length && k === c.end && !/(?:ing|ed|s)$/.test(t.norm)) {
        if ((nextWord === 'NOUN' || (nextWord === 'VERB' && /[^s]s$/.test(next!.norm))) && phraseEndsAfter(ctx, k + 1)) {
          words.push(t.raw, next!.raw);
          k++;
          break;
        }
        if (nextWord === 'VERB' && /[a-z]ing$/.test(next!.norm)) {
          words.push(t.raw);
          break;
        }
      }
      if (words.length && /[^s]s$/.test(t.norm) && phraseEndsAfter(ctx, k)) {
        words.push(t.raw);
        break;
      }
    }
    // Forty-eighth round: a verb of saying and its "that" end the noun ("a short line states that …": the line).
    if (words.length && SAYS_THAT_VERBS.test(t.norm) && tokens[k + 1]?.norm === 'that') break;
    // Thirtieth round: "All major cloud providers support this feature": a bare word after a plural noun and before an
    // object's determiner is the plural subject's verb, not part of its noun.
    if (words.length && pos === 'NOUN' && pluralSubjectVerb(ctx, k)) break;
    // Fifteenth round: a name before a noun modifies it ("appropriate CSS classes", "secure API keys").
    if (pos === 'NOUN' || (pos === 'PROPN' && (words.length || (tokens[k + 1]?.sentence === sentence && tokens[k + 1]!.kind === 'word' && posOf(ctx, k + 1) === 'NOUN')))) words.push(t.raw);
    // Eighteenth round: a name right after the word, ending its phrase ("complicated LaTeX with …"), is the noun.
    // Thirtieth round: also after more adjectives ("appropriate short TTLs for API responses": the TTLs).
    // Forty-first round: also before "and" and a noun that ends its own phrase ("appropriate short TTLs and validation
    // for API responses": the TTLs); not before a noun that a second modifier qualifies ("E2E and unit testing").
    else if (!words.length && (k === c.end || adjectivesBetween(ctx, c.end, k)) && pos === 'PROPN' && (nameEndsPhrase(ctx, k) || coordinatedNounAfter(ctx, k))) words.push(t.raw);
    // Fourteenth round: a gerund before a noun modifies it ("a clean onboarding wizard", "clear loading states").
    else if (!words.length && pos === 'VERB' && /ing$/.test(t.norm) && tokens[k + 1]?.sentence === sentence && tokens[k + 1]!.kind === 'word' && posOf(ctx, k + 1) === 'NOUN') words.push(t.raw);
    // Nineteenth round: a gerund right after the word, before "of" or the phrase's end, is its noun ("reducing
    // frequent polling of the container statuses": the polling).
    else if (!words.length && k === c.end && pos === 'VERB' && /ing$/.test(t.norm) && (tokens[k + 1]?.norm === 'of' || phraseEndsAfter(ctx, k))) {
      words.push(t.raw);
      break;
    }
    // Nineteenth round: a gerund that names an activity after the nouns ends a compound and is its head
    // ("comprehensive error handling"); not one with a phrase of its own ("a brief example showing the output").
    else if (words.length && pos === 'VERB' && NOMINAL_GERUNDS.has(t.norm) && phraseEndsAfter(ctx, k)) {
      words.push(t.raw);
      break;
    }
    // Forty-first round: any gerund after the nouns that ends the phrase with punctuation, or before "and"/"or" and
    // another noun phrase ("appropriate connection pooling and resource limits": the connection pooling, was "the
    // connection"), heads the compound; a participle with an object ("an example showing the output") does not.
    else if (words.length && pos === 'VERB' && /[a-z]ing$/.test(t.norm) && /^[a-z]+$/.test(t.raw) && gerundEndsCompound(ctx, k)) {
      words.push(t.raw);
      break;
    }
    // Eighteenth round: a hyphenated modifier ("rapid out-of-tree ecosystem adoption") is passed like an adjective.
    else if (words.length || (pos !== 'ADJ' && pos !== 'ADV' && !(pos === 'VERB' && /(?:ed|en)$/.test(t.norm)) && !/^[a-z]+(?:-[a-z]+)+$/.test(t.norm))) break;
  }
  // Twenty-second round: "fast, reliable unit, component, and integration testing": the noun is the first of a list of
  // modifiers whose last item ends in the head; the question names the whole phrase, not "the unit".
  if (words.length === 1 && k === first + 1) {
    const list = coordinatedHead(ctx, k);
    if (list > k) return ctx.block.text.slice(tokens[first]!.start, tokens[list - 1]!.end).replace(/\s+/g, ' ');
  }
  // "on a regular basis": the noun names the manner, not the thing; the question is about the subject.
  if (words.length && !(words.length === 1 && words[0]!.toLowerCase() === 'basis')) return words.join(' ') + ofPhrase(ctx, c.end + words.length, words[words.length - 1]!);
  return postpositiveOf(ctx, c) ?? objectBefore(ctx, c.start) ?? subjectOf(ctx, c.start);
}

/** An "-ing" form of a verb (at least three letters before the suffix): `timedGerund` and `gerundAfter`. */
const ING_FORM = /^[a-z]{3,}ing$/;

/**
 * An "-ing" form at `at` that the tagger reads as an adjective, and its object's words (up to four nouns, adjectives or
 * determiners, not ending on a determiner), as written: "refreshing board state". Else undefined.
 */
function gerundAfter(ctx: BlockContext, at: number): string | undefined {
  const { tokens } = ctx;
  const g = tokens[at];
  // Only where the tagger reads it as an adjective (the case classCandidate's `timedGerund` finds); a verb form it
  // tags as one has its own verb phrase.
  if (g?.kind !== 'word' || !ING_FORM.test(g.norm) || g.sentence !== tokens[at - 1]?.sentence || posOf(ctx, at) !== 'ADJ') return undefined;
  let k = at + 1;
  while (k <= at + 4 && tokens[k]?.kind === 'word' && tokens[k]!.sentence === g.sentence && /^(?:NOUN|PROPN|ADJ|DET)$/.test(posOf(ctx, k))) k++;
  while (k > at + 1 && posOf(ctx, k - 1) === 'DET') k--;
  return ctx.block.text.slice(g.start, tokens[k - 1]!.end).replace(/\s+/g, ' ');
}

/** Forms of "be" and of the linking verbs before a predicate adjective (see predicateListVerb). */
const PREDICATE_VERBS = /^(?:is|are|was|were|be|been|being|am|feel|feels|felt|look|looks|seem|seems|appear|appears|sound|sounds|remain|remains|stay|stays|become|becomes)$/;

/**
 * When the adjective candidate `c` is a predicate (right after a form of "be" or a linking verb, or after such a verb
 * and one adverb: "is very clear") and a list goes on after it (a comma, "and" or "or"): "feel secure, modern,
 * premium", the index of that verb; else -1.
 */
function predicateListVerb(ctx: BlockContext, c: Candidate): number {
  const { tokens } = ctx;
  if (c.word?.form !== 'adj' || c.pattern !== 'class') return -1;
  const sentence = tokens[c.start]!.sentence;
  const after = tokens[c.end];
  if (after?.sentence !== sentence || !/^(?:,|and|or)$/.test(after.norm)) return -1;
  let k = c.start - 1;
  if (tokens[k]?.kind === 'word' && tokens[k]!.sentence === sentence && /^(?:very|really|truly|fully|always|consistently)$/.test(tokens[k]!.norm)) k--;
  const verb = tokens[k];
  return verb?.kind === 'word' && verb.sentence === sentence && PREDICATE_VERBS.test(verb.norm) ? k : -1;
}

/**
 * "I want login and registration to feel secure": for the linking verb at `v` of a predicate list (predicateListVerb)
 * after "to", the noun phrase between a verb of wanting and "to" (what is to feel so), within eight words; else
 * undefined.
 */
function infinitiveSubject(ctx: BlockContext, v: number): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[v]!.sentence;
  if (v < 2 || tokens[v - 1]!.norm !== 'to' || tokens[v - 1]!.sentence !== sentence) return undefined;
  let k = v - 2;
  for (; k >= 0 && k >= v - 10 && tokens[k]!.sentence === sentence; k--) {
    const t = tokens[k]!;
    if (t.kind === 'word' && WANTING_VERBS.test(t.norm)) break;
    if (t.norm === ',' || t.norm === 'and' || t.norm === 'or') continue;
    if (t.kind !== 'word' || !/^(?:NOUN|PROPN|ADJ|DET)$/.test(posOf(ctx, k))) return undefined;
  }
  if (k < 0 || k === v - 2 || tokens[k]!.sentence !== sentence || !WANTING_VERBS.test(tokens[k]!.norm)) return undefined;
  return ctx.block.text.slice(tokens[k + 1]!.start, tokens[v - 2]!.end).replace(/\s+/g, ' ');
}

/** Verbs of an impression before a predicate adjective ("feel secure", "looks safe"). */
const IMPRESSION_VERBS = /^(?:feel|feels|felt|look|looks|seem|seems|appear|appears|sound|sounds)$/;

const WANTING_VERBS = /^(?:want|wants|need|needs|expect|expects|like|require|requires)$/;

/**
 * Forty-first round: at `k`, a name or a word in capitals, then one to three adjectives, then a lowercase noun ("JWS
 * asymmetric digital signature algorithm"): the index of that noun, else -1.
 */
function nameAdjectivesNoun(ctx: BlockContext, k: number): number {
  const { tokens } = ctx;
  const t = tokens[k]!;
  if (t.kind !== 'word' || (!CAPITALS.test(t.raw) && posOf(ctx, k) !== 'PROPN') || isKeyword(t) || VERB_MODALS.has(t.norm)) return -1;
  let j = k + 1;
  for (; j <= k + 3; j++) {
    const u = tokens[j];
    if (u === undefined || u.sentence !== t.sentence || u.kind !== 'word' || u.start - tokens[j - 1]!.end > 1 || !/^[a-z]+$/.test(u.raw) || posOf(ctx, j) !== 'ADJ') break;
  }
  const n = tokens[j];
  if (j === k + 1 || n === undefined || n.sentence !== t.sentence || n.kind !== 'word' || n.start - tokens[j - 1]!.end > 1 || !/^[a-z]+$/.test(n.raw) || posOf(ctx, j) !== 'NOUN') return -1;
  return j;
}

/**
 * Forty-first round: after the name at `k`, "and"/"or" and one lowercase noun that ends its phrase ("TTLs and validation
 * for …"): the name is a head of its own, coordinated with that noun.
 */
function coordinatedNounAfter(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const and = tokens[k + 1];
  const n = tokens[k + 2];
  if (and === undefined || n === undefined || and.sentence !== tokens[k]!.sentence || n.sentence !== and.sentence || (and.norm !== 'and' && and.norm !== 'or')) return false;
  return n.kind === 'word' && /^[a-z]+$/.test(n.raw) && posOf(ctx, k + 2) === 'NOUN' && nameEndsPhrase(ctx, k + 2);
}

/**
 * Forty-first round: the gerund at `k`, after nouns, ends their compound: punctuation or the sentence's end follows, or
 * "and"/"or" and a noun phrase ("connection pooling and resource limits").
 */
function gerundEndsCompound(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const next = tokens[k + 1];
  if (next === undefined || next.sentence !== tokens[k]!.sentence) return true;
  if (next.kind === 'punct') return next.norm !== '(' && next.norm !== '-';
  if (next.norm !== 'and' && next.norm !== 'or') return false;
  const after = tokens[k + 2];
  return after !== undefined && after.sentence === next.sentence && after.kind === 'word' && ['NOUN', 'ADJ', 'PROPN'].includes(posOf(ctx, k + 2));
}

/** Tokens `from` to `to` (excluded) are all words tagged as adjectives: "short" in "appropriate short TTLs". */
function adjectivesBetween(ctx: BlockContext, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let j = from; j < to; j++) if (ctx.tokens[j]!.kind !== 'word' || posOf(ctx, j) !== 'ADJ') return false;
  return true;
}

/** Words that open a verb's object after a plural subject's verb: "support this feature", "use the cache". */
const VERB_OBJECT_OPENERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'it', 'them']);

/**
 * Thirtieth round: token `k`, tagged a noun, is the verb of the plural noun before it: a lowercase word not in -s after
 * a word in -s, before a determiner or a pronoun ("cloud providers support this feature").
 */
function pluralSubjectVerb(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const t = tokens[k]!;
  const before = tokens[k - 1];
  const next = tokens[k + 1];
  if (before === undefined || next === undefined || before.kind !== 'word' || next.kind !== 'word' || next.sentence !== t.sentence) return false;
  return /^[a-z]+$/.test(t.raw) && !/s$/.test(t.norm) && /^[a-z]+[^su']s$/.test(before.raw) && VERB_OBJECT_OPENERS.has(next.norm);
}

/** A word in capitals ("HTTP", "GET", "API"): a name or an acronym, whatever its tag. */
const CAPITALS = /^[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/**
 * Twenty-fourth round: at `k`, one to three names or words in capitals, then a common noun, tagged so or in lowercase
 * ("HTTP GET request", "OAuth access token"): the index of that noun, else -1. Not a single name before a name.
 */
function afterNames(ctx: BlockContext, k: number): number {
  const { tokens } = ctx;
  const sentence = tokens[k]!.sentence;
  let j = k;
  for (; j < k + 3; j++) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== sentence || t.kind !== 'word' || (j > k && t.start - tokens[j - 1]!.end > 1)) return -1;
    if (isKeyword(t) || NP_DETERMINERS.has(t.norm) || VERB_MODALS.has(t.norm)) return -1;
    if (!CAPITALS.test(t.raw) && posOf(ctx, j) !== 'PROPN') break;
  }
  if (j === k || j - k < 2 && !CAPITALS.test(tokens[k]!.raw)) return -1;
  const n = tokens[j];
  if (n === undefined || n.sentence !== sentence || n.kind !== 'word' || n.start - tokens[j - 1]!.end > 1 || !/^[a-z]+$/.test(n.raw) || posOf(ctx, j) !== 'NOUN') return -1;
  return j;
}

/**
 * Twenty-fourth round: a code span right after token `k` (blanked in the prose: a gap of more than two characters,
 * in the spec's text a backtick), as written: "`identityProfile`"; else nothing.
 */
function codeSpanAfter(ctx: BlockContext, k: number): string | undefined {
  const { tokens, block, specText } = ctx;
  const t = tokens[k]!;
  const next = tokens[k + 1];
  const to = next !== undefined && next.sentence === t.sentence ? next.start : Math.min(block.text.length, t.end + 80);
  if (to - t.end <= 2 || specText === undefined) return undefined;
  const gap = specText.slice(block.start + t.end, block.start + to);
  const m = /^\s*(`[^`\n]{1,60}`)\s*$/.exec(gap);
  // A list of spans ("the stale `a(1)` and `b(2)` entries"): the noun after the list is the head; not taken.
  if (!m || (next !== undefined && next.sentence === t.sentence && /^(?:and|or|,)$/.test(next.norm))) return undefined;
  // "stale `stores(29)` entries": the nouns after the span are the head, the span names them.
  const nouns: string[] = [];
  for (let j = k + 1; next !== undefined && j < tokens.length && j < k + 4 && tokens[j]!.sentence === t.sentence && tokens[j]!.kind === 'word' && (j === k + 1 || tokens[j]!.start - tokens[j - 1]!.end <= 1); j++) {
    if (posOf(ctx, j) !== 'NOUN' || !/^[a-z][a-z-]*$/.test(tokens[j]!.raw)) break;
    nouns.push(tokens[j]!.raw);
  }
  return [m[1], ...nouns].join(' ');
}

/**
 * After a noun at `k - 1`: ", component, and integration testing" (one or more single-word nouns, then "and"/"or" and a
 * last item of two words, a modifier that is no adjective and a noun or an activity's gerund that ends the phrase): the
 * index after that noun, else `k`. Two items ("recent changes and future plans", "clean code and module principles")
 * may be two noun phrases, and the word may modify only the first: not taken.
 */
function coordinatedHead(ctx: BlockContext, k: number): number {
  const { tokens } = ctx;
  const sentence = tokens[k - 1]!.sentence;
  let j = k;
  let middle = 0;
  for (; middle < 6; middle++) {
    if (tokens[j]?.norm === ',') j++;
    const t = tokens[j];
    if (t === undefined || t.sentence !== sentence || t.kind !== 'word') return k;
    if (t.norm === 'and' || t.norm === 'or') break;
    if (tokens[j + 1]?.norm !== ',' && tokens[j + 1]?.norm !== 'and' && tokens[j + 1]?.norm !== 'or') return k;
    // An item is a noun that modifies the head ("component"), not an adjective ("onboard new and beginner-level users").
    const pos = posOf(ctx, j);
    if (pos !== 'NOUN' && pos !== 'PROPN' && !NOMINAL_GERUNDS.has(t.norm)) return k;
    j++;
  }
  if (middle === 0 || (tokens[j]?.norm !== 'and' && tokens[j]?.norm !== 'or')) return k;
  const m = j + 1;
  const h = j + 2;
  if (tokens[h] === undefined || tokens[h]!.sentence !== sentence || tokens[m]!.kind !== 'word' || tokens[h]!.kind !== 'word') return k;
  const modifier = posOf(ctx, m);
  if (modifier !== 'NOUN' && modifier !== 'PROPN') return k;
  return (posOf(ctx, h) === 'NOUN' || NOMINAL_GERUNDS.has(tokens[h]!.norm)) && phraseEndsAfter(ctx, h) ? h + 1 : k;
}

/**
 * Twentieth round: an adjective right after its noun, with its complement ("an explicit window appropriate to the
 * surface", "storage mechanisms appropriate for the platform"): that noun phrase, not the sentence's subject.
 */
function postpositiveOf(ctx: BlockContext, c: Candidate): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  if (c.word?.form !== 'adj' || !/^(?:to|for)$/.test(tokens[c.end]?.norm ?? '') || tokens[c.end]!.sentence !== sentence) return undefined;
  const words: string[] = [];
  let k = c.start - 1;
  for (; k >= 0 && k >= c.start - 5 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k--) {
    const pos = posOf(ctx, k);
    // Forty-first round: "one starter prompt appropriate for the visible agents": the noun right before the adjective,
    // read as a verb's base form after a noun ("prompt"), is the head (a finite verb takes no postpositive adjective
    // with its complement: "the values seem appropriate for …" has a linking verb, which stays a verb).
    const verbRead = !words.length && k === c.start - 1 && pos === 'VERB' && /^[a-z]+$/.test(tokens[k]!.raw) && !/(?:s|ed|en|ing)$/.test(tokens[k]!.norm) && !LINKING_VERBS.has(tokens[k]!.norm) && k > 0 && tokens[k - 1]!.sentence === sentence && tokens[k - 1]!.kind === 'word' && posOf(ctx, k - 1) === 'NOUN';
    if (pos === 'NOUN' || pos === 'PROPN' || (pos === 'ADJ' && words.length) || verbRead) words.unshift(tokens[k]!.raw);
    else break;
  }
  if (!words.length) return undefined;
  let d = k;
  if (d >= 0 && tokens[d]!.sentence === sentence && tokens[d]!.kind === 'word' && OBJECT_DETERMINERS.has(tokens[d]!.norm)) words.unshift(tokens[d--]!.norm);
  // The object of a preposition ("a test exercising all endpoints on Ingress suitable for promotion"): the word may
  // describe a noun higher up; the question keeps to the subject.
  if (d >= 0 && tokens[d]!.sentence === sentence && tokens[d]!.kind === 'word' && posOf(ctx, d) === 'ADP') return undefined;
  return words.join(' ');
}

/** Verbs that link a subject to an adjective ("seem appropriate"): never read as a noun before one. */
const LINKING_VERBS: ReadonlySet<string> = new Set(['be', 'seem', 'look', 'appear', 'remain', 'stay', 'become', 'prove', 'feel', 'sound', 'get', 'keep', 'make', 'render', 'deem', 'find', 'consider']);

/** Nouns that name a kind or a part of what follows their "of": "more rigorous forms of testing". */
const PARTITIVE_NOUNS = new Set(['form', 'forms', 'kind', 'kinds', 'type', 'types', 'sort', 'sorts', 'level', 'levels', 'degree', 'amount', 'set', 'sets', 'variety', 'range', 'mix', 'part', 'parts', 'portion']);

/**
 * Twentieth round: after a noun of kind or part, its "of" phrase ("forms of testing", "levels of logging"), so the
 * question names the thing ("the baseline for the forms of testing", not "for the forms"); else nothing.
 */
function ofPhrase(ctx: BlockContext, k: number, last: string): string {
  const { tokens } = ctx;
  if (!PARTITIVE_NOUNS.has(last.toLowerCase()) || tokens[k]?.norm !== 'of' || tokens[k]!.sentence !== tokens[k - 1]?.sentence) return '';
  const words: string[] = [];
  for (let j = k + 1; j < tokens.length && j < k + 4 && tokens[j]!.kind === 'word' && tokens[j]!.sentence === tokens[k]!.sentence; j++) {
    const pos = posOf(ctx, j);
    if (pos === 'NOUN' || pos === 'PROPN' || (pos === 'VERB' && /ing$/.test(tokens[j]!.norm)) || (pos === 'ADJ' && j + 1 < tokens.length && tokens[j + 1]!.kind === 'word')) words.push(tokens[j]!.raw);
    else break;
  }
  while (words.length && posOf(ctx, k + words.length) === 'ADJ') words.pop();
  return words.length ? ` of ${words.join(' ')}` : '';
}

/** Verbs of saying, in the third person, before "that": "a short line states that …". */
const SAYS_THAT_VERBS = /^(?:states|says|shows|explains|notes|indicates|reads|confirms|tells|means|warns|asks|mentions)$/;
/** Verbs that take a clause, whose "object" may be a subject and its verb: "ensure the secure token expires". */
const CLAUSE_TAKING_VERBS = /^(?:ensure|ensures|verify|verifies|check|checks|confirm|confirms|require|requires|guarantee|guarantees|assume|assumes|mean|means|show|shows|see|sees|expect|expects|know|knows|say|says|state|states|prove|proves|test|tests|assert|asserts)$/;

/**
 * Forty-eighth round: the adjective at `at` opens a noun phrase that is the object of a verb or a preposition before it
 * (its determiner between: "provide secure download links", "receive a secure download", "to view detailed error
 * logs"); not after a verb that takes a clause ("ensure the secure token expires").
 */
function objectPhraseAt(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  let k = at - 1;
  if (k >= 0 && tokens[k]!.kind === 'word' && OBJECT_DETERMINERS.has(tokens[k]!.norm) && tokens[k]!.sentence === tokens[at]!.sentence) k--;
  if (k < 0 || tokens[k]!.kind !== 'word' || tokens[k]!.sentence !== tokens[at]!.sentence) return false;
  const pos = posOf(ctx, k);
  return (pos === 'VERB' && !CLAUSE_TAKING_VERBS.test(tokens[k]!.norm) && !/(?:ing)$/.test(tokens[k]!.norm)) || (pos === 'ADP' && !/^(?:that|if|whether|because|while|when)$/.test(tokens[k]!.norm));
}

/** Verbs whose object an adjective after it describes: "keep the session data fresh", "mark the entry stale". */
const OBJECT_COMPLEMENT_VERBS = /^(?:keep|keeps|kept|keeping|make|makes|made|making|leave|leaves|left|leaving|mark|marks|marked|marking|render|renders|rendered|consider|considers|considered|hold|holds|held|display|displays|displayed|displaying)$/;

/**
 * Nineteenth round: the object of a verb like "keep" or "mark" right before an adjective ("keep the session data
 * fresh": the question is about the session data, not the system), or nothing.
 */
function objectBefore(ctx: BlockContext, at: number): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  let k = at - 1;
  const words: string[] = [];
  for (; k >= 0 && k >= at - 6 && tokens[k]!.sentence === sentence && tokens[k]!.kind === 'word'; k--) {
    const pos = posOf(ctx, k);
    // Forty-ninth round: a hyphenated modifier whatever its tag ("keeping the non-conflicting case fast": the case, was
    // the sentence's subject).
    if (pos === 'NOUN' || pos === 'PROPN' || (words.length && (pos === 'ADJ' || (/^[a-z]+(?:-[a-z]+)+$/.test(tokens[k]!.norm) && !OBJECT_COMPLEMENT_VERBS.test(tokens[k]!.norm))))) words.unshift(tokens[k]!.raw);
    else break;
  }
  if (!words.length || k < 0 || tokens[k]!.sentence !== sentence) return undefined;
  // Forty-eighth round: a demonstrative too ("make this code solid enough": the code, was "the I/we").
  if (tokens[k]!.kind === 'word' && (OBJECT_DETERMINERS.has(tokens[k]!.norm) || /^(?:this|these|those)$/.test(tokens[k]!.norm))) words.unshift(tokens[k--]!.norm);
  return k >= 0 && tokens[k]!.sentence === sentence && OBJECT_COMPLEMENT_VERBS.test(tokens[k]!.norm) ? words.join(' ') : undefined;
}

/** Gerunds that head a compound noun ("error handling", "request logging", "date formatting"). */
const NOMINAL_GERUNDS = new Set([
  'handling', 'logging', 'processing', 'reporting', 'testing', 'formatting', 'caching', 'routing', 'monitoring', 'tracking',
  'naming', 'versioning', 'scheduling', 'pricing', 'billing', 'onboarding', 'loading', 'rendering', 'indexing', 'parsing',
  'messaging', 'networking', 'scaling', 'spacing', 'padding', 'styling', 'theming', 'branding', 'labeling', 'labelling',
  'sorting', 'filtering', 'matching', 'mapping', 'modeling', 'modelling', 'tooling', 'hosting', 'packaging', 'alerting',
  'tracing', 'profiling', 'batching', 'queueing', 'queuing', 'retrying', 'throttling', 'buffering', 'streaming', 'wording',
]);

/**
 * The token after `k` ends a noun phrase: the sentence's end, punctuation, or a word tagged with one of `ends` (or an
 * RFC 2119 keyword, with `keywordEnds`). `phraseEndsAfter` and `nameEndsPhrase` are its two uses.
 */
function endsPhraseAfter(ctx: BlockContext, k: number, ends: ReadonlySet<string>, keywordEnds: boolean): boolean {
  const next = ctx.tokens[k + 1];
  if (next === undefined || next.sentence !== ctx.tokens[k]!.sentence || next.kind === 'punct') return true;
  if (next.kind !== 'word') return false;
  if (keywordEnds && isKeyword(next)) return true;
  return ends.has(posOf(ctx, k + 1));
}

/** After a gerund: a preposition, a conjunction, a verb or a keyword ends its phrase. */
const GERUND_PHRASE_ENDS: ReadonlySet<string> = new Set(['ADP', 'CCONJ', 'SCONJ', 'AUX', 'VERB']);
/** After a name: a preposition or a subordinator. Not a conjunction: "E2E and unit testing", "CPU or memory usage" coordinate modifiers of a noun after them. */
const NAME_PHRASE_ENDS: ReadonlySet<string> = new Set(['ADP', 'SCONJ']);

/** The token after `k` ends the noun phrase: punctuation, the sentence's end, a preposition, a conjunction or a verb. */
function phraseEndsAfter(ctx: BlockContext, k: number): boolean {
  return endsPhraseAfter(ctx, k, GERUND_PHRASE_ENDS, true);
}

/** The token after the name at `k` ends its noun phrase: punctuation, the sentence's end, a preposition. */
function nameEndsPhrase(ctx: BlockContext, k: number): boolean {
  return endsPhraseAfter(ctx, k, NAME_PHRASE_ENDS, false);
}

/**
 * The subject a question names for token `at` (subjectOf), without a relative clause ("a design system that …": the
 * design system), and a user story's "I" as the user.
 */
function questionSubject(ctx: BlockContext, at: number): string | undefined {
  return subjectOf(ctx, at)?.replace(/\s+(?:that|which|who)(?:\s.*)?$/i, '').replace(/^I$/, 'the user');
}

/** The subject of the sentence: the noun phrase before its modal or first verb ("the system", "Album pages"). */
function subjectOf(ctx: BlockContext, at: number): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[at]!.sentence;
  let a = Math.max(ctx.sentences[sentence]![0], at - LOOK_AROUND);
  // After an EARS/Gherkin trigger or an id prefix ("FR-001:"), the main clause starts after THEN / the colon.
  for (let k = at - 1, depth = 0; k >= a; k--) {
    // Nineteenth round: a parenthesis is passed whole ("Empty states (no events, no waitlist entries) must be
    // informative": its commas do not start the clause, its nouns are no subject).
    if (tokens[k]!.norm === ')') depth++;
    else if (tokens[k]!.norm === '(' && depth > 0) depth--;
    if (depth > 0) continue;
    // Fourteenth round: also after a complementizer ("We require that the summary should be short": the summary).
    // Forty-ninth round: a comma before a second predicate of the same subject ("text … scales accordingly, remains
    // legible": the text, was "it") does not open a clause.
    if (tokens[k]!.norm === ',' && secondPredicate(ctx, k + 1)) continue;
    if (tokens[k]!.norm === 'then' || tokens[k]!.norm === ':' || tokens[k]!.norm === ';' || tokens[k]!.norm === ',' || (tokens[k]!.norm === 'that' && k > a && posOf(ctx, k) === 'SCONJ' && tokens[k - 1]!.kind === 'word' && posOf(ctx, k - 1) === 'VERB')) {
      a = k + 1;
      break;
    }
    // Forty-ninth round: a lone dash before the clause ("Beginner — the form must be intuitive": the form, was "the
    // Beginner"); not one of a pair around an aside ("The form — which users fill first — must …").
    if ((tokens[k]!.norm === '\u2014' || tokens[k]!.norm === '\u2013') && loneDash(ctx, k, a, at)) {
      a = k + 1;
      break;
    }
  }
  // Forty-first round: an id in brackets opens the item ("[FEAT-001-PAC003] Token operations are efficient"): the
  // subject comes after it (was no subject: "What makes it efficient?").
  if (tokens[a]?.norm === '[') {
    for (let k = a + 1; k < at && k <= a + 6; k++) {
      if (tokens[k]!.norm === ']') {
        a = k + 1;
        break;
      }
    }
  }
  // Nineteenth round: "The assistant must respect creators, their work, and their intellectual property rights ---
  // while striving to be helpful to users": a clause of "while"/"when"/"by" + gerund has the main clause's subject.
  for (let k = at - 1; k >= a; k--) {
    if (/^(?:while|whilst|when|by|before|after|without)$/.test(tokens[k]!.norm) && tokens[k + 1]?.kind === 'word' && /ing$/.test(tokens[k + 1]!.norm) && posOf(ctx, k + 1) === 'VERB') {
      // Back to the main clause's start: the sentence's, or after an id prefix or an EARS "THEN" ("FR-002: …").
      const first = ctx.sentences[sentence]![0];
      a = first;
      for (let j = k - 1; j > first && j >= k - LOOK_AROUND; j--) {
        if (tokens[j]!.norm === ':' || tokens[j]!.norm === 'then') {
          a = j + 1;
          break;
        }
      }
      break;
    }
  }
  // Twentieth round: inside a clause opened by "where", "when", "if" … with a subject of its own, that subject ("in a
  // large cluster where preemption is expected to happen frequently": how often preemption happens).
  for (let k = at - 1; k > a; k--) {
    if (!CLAUSE_SUBORDINATORS.has(tokens[k]!.norm)) continue;
    const next = tokens[k + 1];
    if (next?.kind !== 'word' || !['DET', 'NOUN', 'PROPN', 'PRON'].includes(posOf(ctx, k + 1))) break;
    let finite = false;
    for (let j = k + 2; j < at && !finite; j++) finite = tokens[j]!.kind === 'word' && (posOf(ctx, j) === 'AUX' || posOf(ctx, j) === 'VERB');
    if (finite) a = k + 1;
    break;
  }
  // Forty-first round: a clause coordinated after one with a verb of its own, whose subject and verb lead straight to the
  // word ("a visible focus state appears and content remains readable"): that clause's subject, not the first's.
  for (let k = at - 1; k > a; k--) {
    if (tokens[k]!.norm !== 'and' && tokens[k]!.norm !== 'but') continue;
    if (coordinatedClause(ctx, a, k, at)) a = k + 1;
    break;
  }
  const words: string[] = [];
  // A gerund subject ("Resetting a password MUST …"): the whole phrase up to the modal.
  if (tokens[a]?.kind === 'word' && /ing$/i.test(tokens[a]!.raw) && posOf(ctx, a) === 'VERB') {
    // Only when a modal follows the phrase: ", ending their session immediately" is a participle, not a subject.
    let k = a;
    for (; k < at && k < a + 8 && tokens[k]!.sentence === sentence; k++) {
      const t = tokens[k]!;
      if (t.kind !== 'word' || isKeyword(t) || posOf(ctx, k) === 'AUX') break;
      words.push(k === a ? t.raw.replace(/^[A-Z](?=[a-z])/, (ch) => ch.toLowerCase()) : t.raw);
    }
    const modal = k < at && tokens[k]!.kind === 'word' && (isKeyword(tokens[k]!) || posOf(ctx, k) === 'AUX');
    if (modal && words.length > 1) return words.join(' ');
    words.length = 0;
  }
  for (let k = a; k < tokens.length && k < a + 8 && tokens[k]!.sentence === sentence; k++) {
    const t = tokens[k]!;
    // Nineteenth round: an opening phrase of a preposition ("In other words, …", "For each request, …") is no subject:
    // the subject comes after its comma.
    if (!words.length && k === a && t.kind === 'word' && posOf(ctx, k) === 'ADP') {
      let j = k + 1;
      while (j < tokens.length && j < k + 8 && j < at && tokens[j]!.sentence === sentence && tokens[j]!.norm !== ',') j++;
      // No comma before the word: not an opening phrase ("…, with wording appropriate to each").
      if (tokens[j]?.norm === ',' && j < at) {
        a = j + 1;
        k = j;
        continue;
      }
    }
    if (t.kind !== 'word' || isKeyword(t)) break;
    const pos = posOf(ctx, k);
    // Forty-ninth round: nouns joined by "and" or "or" ("Validation and error messages must remain understandable": the
    // validation and error messages, was "the Validation").
    if ((t.norm === 'and' || t.norm === 'or') && words.length && k + 1 < at && tokens[k - 1]!.kind === 'word' && ['NOUN', 'PROPN'].includes(posOf(ctx, k - 1)) && tokens[k + 1]?.kind === 'word' && tokens[k + 1]!.sentence === sentence && ['NOUN', 'PROPN', 'ADJ'].includes(posOf(ctx, k + 1)) && !isKeyword(tokens[k + 1]!)) {
      words.push(t.norm);
      continue;
    }
    // Twenty-fourth round: "Material downloads start immediately": a plural noun the tagger read as a verb's third
    // person, after the subject's noun and before the clause's verb or modal, ends the subject ("the Material
    // downloads", not "Material").
    if (pos === 'VERB' && words.length && /[a-z][^s]s$/.test(t.norm) && pluralBeforeVerb(ctx, k, at)) {
      words.push(t.raw);
      break;
    }
    // Forty-first round: a participle right after the subject's determiner modifies the noun after it, whatever the
    // tags ("The updated record MUST be appropriate": the updated record, was "it"; "a given key … are appropriate":
    // the given key, was "a given").
    if (words.length === 1 && k === a + 1 && /^(?:the|a|an|this|each|every|its|their)$/i.test(words[0]!) && /^[a-z]+(?:ed|en)$/.test(t.raw) && (pos === 'VERB' || pos === 'NOUN' || pos === 'ADJ')) {
      const next = tokens[k + 1];
      if (next !== undefined && next.sentence === sentence && next.kind === 'word' && k + 1 < at && !isKeyword(next) && /^[a-z]+$/.test(next.raw) && ['NOUN', 'ADJ'].includes(posOf(ctx, k + 1)) && (posOf(ctx, k + 1) === 'NOUN' || pos === 'NOUN')) {
        words.push(t.raw, next.raw);
        k++;
        continue;
      }
    }
    if (pos === 'AUX' || pos === 'VERB') break;
    // Thirtieth round: "the user presses send": a verb the tagger read as a plural noun after a person ends the subject.
    if (pos === 'NOUN' && actorVerb(ctx, k)) break;
    // "the infrastructure we build": a pronoun after the noun opens a relative clause.
    if (pos === 'PRON' && words.length && !/^(?:the|a|an|this|each|every|its|their)$/i.test(words[words.length - 1]!)) break;
    // Nineteenth round: a common noun opening the clause loses its capital ("What makes the empty states informative?").
    // Forty-first round: a personal pronoun opening the clause too ("It", was "How soon must It determine …?").
    if (pos === 'NOUN' || pos === 'PROPN' || pos === 'PRON') words.push(t.raw === 'SYSTEM' ? 'system' : k === a && (sentenceCapital(ctx, k, pos) || (pos === 'PRON' && /^(?:It|They|We|You|He|She)$/.test(t.raw))) ? t.raw.toLowerCase() : t.raw);
    else if (pos === 'DET' && !words.length && /^(?:the|a|an|this|each|every|its|their)$/.test(t.norm)) words.push(t.norm);
    // Nineteenth round: an adjective inside the phrase, before its noun ("Platform-gated conditional dependencies").
    else if (pos === 'ADJ' && k < at && tokens[k + 1]?.sentence === sentence && tokens[k + 1]!.kind === 'word' && ['NOUN', 'PROPN', 'ADJ'].includes(posOf(ctx, k + 1))) words.push(k === a && sentenceCapital(ctx, k, 'NOUN') ? t.raw.toLowerCase() : t.raw);
    else if (words.length) break;
  }
  if (words.length === 1 && /^(?:the|a|an|this|each|every|its|their)$/i.test(words[0]!)) return undefined;
  return words.length ? words.join(' ').replace(/^(?:THE SYSTEM|SYSTEM)$/i, 'the system') : undefined;
}

/**
 * Forty-ninth round: at `k`, right after a comma, a verb in the third person ("remains", "scales") after a clause whose
 * own verb is in the third person too: a second predicate of that clause's subject.
 */
function secondPredicate(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const t = tokens[k];
  if (t === undefined || t.kind !== 'word' || t.sentence !== tokens[k - 1]!.sentence || !/^[a-z]+[^s]s$/.test(t.raw) || posOf(ctx, k) !== 'VERB') return false;
  for (let j = k - 2; j >= 0 && j >= k - 8 && tokens[j]!.sentence === t.sentence && tokens[j]!.kind === 'word'; j--) {
    // (The tagger may read it as a plural noun: one before an adverb in -ly is a verb, "scales accordingly".)
    if (/^[a-z]+[^s]s$/.test(tokens[j]!.raw) && (posOf(ctx, j) === 'VERB' || (/^[a-z]+ly$/.test(tokens[j + 1]!.raw) && posOf(ctx, j + 1) === 'ADV'))) return true;
  }
  return false;
}

/**
 * Forty-ninth round: the dash at `k` is the only one in its sentence before `at`, read from `from` (subjectOf's window:
 * a sentence of thousands of words with many dashes is not read from its start for each one).
 */
function loneDash(ctx: BlockContext, k: number, from: number, at: number): boolean {
  const { tokens } = ctx;
  for (let j = from; j < at; j++) if (j !== k && (tokens[j]!.norm === '\u2014' || tokens[j]!.norm === '\u2013')) return false;
  return true;
}

/**
 * At `k` (a word in -s after a noun): the next word is a modal, or a verb in its base form right before the word `at`
 * ("downloads start immediately"), not an object ("the user clicks Save").
 */
function pluralBeforeVerb(ctx: BlockContext, k: number, at: number): boolean {
  const { tokens } = ctx;
  const before = posOf(ctx, k - 1);
  if (before !== 'NOUN' && before !== 'PROPN') return false;
  const next = tokens[k + 1];
  if (next === undefined || next.sentence !== tokens[k]!.sentence || next.kind !== 'word') return false;
  if (isKeyword(next) || VERB_MODALS.has(next.norm)) return true;
  return k + 2 === at && posOf(ctx, k + 1) === 'VERB' && !/(?:s|ed|ing)$/.test(next.norm);
}

/**
 * A word capitalised only because it opens the clause: a word the tagger reads as a common noun ("Users"), or one it
 * reads as a name before a lowercase noun ("Profile updates", "Empty states") that the text also writes in lowercase
 * elsewhere. A name the text never lowercases keeps its capital ("Kubernetes clusters", "Stripe payments").
 */
function sentenceCapital(ctx: BlockContext, k: number, pos: string): boolean {
  const t = ctx.tokens[k]!;
  if (!/^[A-Z][a-z]+(?:-[a-z]+)*$/.test(t.raw)) return false;
  if (pos === 'NOUN') return true;
  const next = ctx.tokens[k + 1];
  if (pos !== 'PROPN' || next === undefined || next.sentence !== t.sentence || next.kind !== 'word' || !/^[a-z]+$/.test(next.raw) || posOf(ctx, k + 1) !== 'NOUN') return false;
  const word = t.raw.toLowerCase();
  const known = (ctx.lowercased ??= new Map()).get(word);
  if (known !== undefined) return known;
  const text = ctx.specText ?? ctx.block.text;
  const around = ctx.specText !== undefined ? ctx.block.start : 0;
  const found = writtenLowercase(text, word, Math.max(0, around - LOWERCASE_REACH), around + LOWERCASE_REACH);
  ctx.lowercased.set(word, found);
  return found;
}

/** How far around its block a word's lowercase use is looked for (a hostile one-chunk spec stays linear). */
const LOWERCASE_REACH = 20_000;

/** `word` (lowercase) stands in `text` between `from` and `to` as a word of its own, in lowercase. */
function writtenLowercase(text: string, word: string, from: number, to: number): boolean {
  let at = text.indexOf(word, from);
  for (; at >= 0 && at < to; at = text.indexOf(word, at + 1)) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + word.length);
    const letter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (!letter(before) && !letter(after)) return true;
  }
  return false;
}

/**
 * The noun phrase a relative pronoun right before token `at` refers to ("a design system that continuously …" -> "the
 * design system"): up to five determiners, adjectives and nouns before the pronoun, in its sentence; undefined when the
 * token before `at` is no relative pronoun or no noun ends the phrase.
 */
function antecedentOf(ctx: BlockContext, at: number): string | undefined {
  const { tokens } = ctx;
  const pronoun = at - 1;
  if (pronoun < 1 || !RELATIVE_PRONOUNS.has(tokens[pronoun]!.norm) || tokens[pronoun - 1]!.sentence !== tokens[at]!.sentence) return undefined;
  const last = pronoun - 1;
  if (tokens[last]!.kind !== 'word' || !/^(?:NOUN|PROPN)$/.test(posOf(ctx, last))) return undefined;
  let first = last;
  while (first - 1 >= 0 && first > last - 4 && tokens[first - 1]!.kind === 'word' && tokens[first - 1]!.sentence === tokens[at]!.sentence && !isKeyword(tokens[first - 1]!) && /^(?:NOUN|PROPN|ADJ)$/.test(posOf(ctx, first - 1))) first--;
  const words = [];
  for (let k = first; k <= last; k++) words.push(tokens[k]!.raw);
  return `the ${words.join(' ')}`;
}

/** Relative pronouns that open a clause of their own (see verbPhrase). */
const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(['that', 'which', 'who']);

/** The verb an adverb modifies, with its object: "handles the error", "generate thumbnails", "verify the signature". */
function verbPhrase(ctx: BlockContext, c: Candidate, bare = true): string | undefined {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  // "must be properly masked": the adverb between "be" and a passive participle modifies that participle.
  const afterBe = /^(?:be|been|being|is|are)$/.test(tokens[c.start - 1]?.norm ?? '');
  let verb = afterBe && tokens[c.end]?.kind === 'word' && tokens[c.end]!.sentence === sentence && posOf(ctx, c.end) === 'VERB' ? c.end : -1;
  // Forty-first round: a split infinitive ("options to temporarily disable … accounts", "to quickly respond"): the
  // adverb qualifies the verb right after it, or the verb the phrase ends on, not the verb before "to".
  if (verb < 0 && tokens[c.start - 1]?.norm === 'to' && tokens[c.start - 1]!.sentence === sentence) {
    const after = tokens[c.end];
    if (after?.kind === 'word' && after.sentence === sentence && posOf(ctx, c.end) === 'VERB' && !/(?:ed|en|ing)$/.test(after.norm)) verb = c.end;
    else if (c.end - c.start > 1 && tokens[c.end - 1]!.kind === 'word' && posOf(ctx, c.end - 1) === 'VERB' && !/(?:ed|en|ing)$/.test(tokens[c.end - 1]!.norm)) verb = c.end - 1;
  }
  for (let k = c.start - 1; verb < 0 && k >= 0 && k >= c.start - 8 && tokens[k]!.sentence === sentence; k--) {
    // "Resetting a password MUST immediately invalidate …": before a modal is the subject; the verb comes after it.
    // Nineteenth round: nor does a verb inside a parenthesis before it govern it ("(enter value, confirm) and updates
    // the UI immediately").
    if (isKeyword(tokens[k]!) || tokens[k]!.norm === ')' || (tokens[k]!.kind === 'word' && posOf(ctx, k) === 'AUX')) break;
    // Twenty-fourth round: "… can make sense, but proper care needs to be taken": a verb of another clause, past "but",
    // "yet" or a semicolon, is not the one the phrase qualifies.
    if (CLAUSE_BREAKS.has(tokens[k]!.norm)) break;
    // Twenty-seventh round: "maintain a system that continuously analyzes …", "encode and continuously update …": an
    // adverb right after a relative pronoun, or after "and"/"or" and before a finite or bare verb (not a participle:
    // "recent searches and frequently used actions", "is deallocated, and eventually deleted"), qualifies the verb after
    // it, not the main clause's verb before it (the question asked "How often must it maintain a system that?").
    if (k === c.start - 1 && (RELATIVE_PRONOUNS.has(tokens[k]!.norm) || ((tokens[k]!.norm === 'and' || tokens[k]!.norm === 'or') && tokens[c.end]?.kind === 'word' && tokens[c.end]!.sentence === sentence && !/(?:ed|en|ing)$/.test(tokens[c.end]!.norm) && posOf(ctx, c.end) === 'VERB'))) break;
    // Nineteenth round: a third-person verb the tagger read as a plural noun, before its object's determiner
    // ("and updates the UI immediately").
    if (tokens[k]!.kind === 'word' && /[a-z]s$/.test(tokens[k]!.norm) && posOf(ctx, k) === 'NOUN' && OBJECT_DETERMINERS.has(tokens[k + 1]?.norm ?? '') && (tokens[k - 1]?.norm === 'and' || tokens[k - 1]?.norm === 'or')) {
      verb = k;
      break;
    }
    // Fourteenth round: the word right after a modal is its verb whatever the tagger says ("must complete cleanly").
    // Not when a participle follows the adverb, which it modifies ("should use appropriately namespaced names").
    // Forty-ninth round: a gerund after the adverb is a means, not a participle it modifies ("SHALL complete batch
    // inserts efficiently using database transactions": to complete batch inserts, was "What does efficiently using
    // database transactions involve?").
    const afterModal = tokens[k - 1] !== undefined && BARE_MODALS.has(tokens[k - 1]!.norm) && !/^(?:be|not|also|only)$/.test(tokens[k]!.norm) && tokens[k]!.kind === 'word' && !FUNCTION_POS.has(posOf(ctx, k)) && !(tokens[c.end]?.kind === 'word' && posOf(ctx, c.end) === 'VERB' && !/[a-z]ing$/.test(tokens[c.end]!.norm));
    // Twentieth round: a participle after a determiner modifies the object's noun ("send an updated ACK frame
    // quickly"), one after a noun with its "by" is a reduced relative ("remove any configuration generated by the
    // granted access as soon as possible"): the verb is before either.
    if (!afterModal && (modifyingParticiple(ctx, k) || reducedRelative(ctx, k) || coordinatedNoun(ctx, k) || ADJECTIVAL_ING.has(tokens[k]!.norm))) continue;
    if (tokens[k]!.kind === 'word' && (posOf(ctx, k) === 'VERB' || afterModal)) {
      verb = k;
      break;
    }
  }
  if (verb < 0) {
    for (let k = c.end; k < tokens.length && k < c.end + 3 && tokens[k]!.sentence === sentence; k++) {
      // Twenty-fourth round: not past a comma after "be" ("as detailed as possible, specifying at least …" qualifies
      // no "specifying"), nor into a purpose ("filters in real-time to match the query" does not qualify "match").
      if ((afterBe && tokens[k]!.kind === 'punct') || (tokens[k]!.norm === 'to' && !/(?:ed|en)$/.test(tokens[c.end - 1]!.norm))) break;
      if (tokens[k]!.kind === 'word' && posOf(ctx, k) === 'VERB') {
        verb = k;
        break;
      }
    }
  }
  if (verb < 0) return undefined;
  // Thirtieth round: "WHEN the user presses send quickly": the word read as the verb is the object of a verb the tagger
  // read as a plural noun after a person ("How soon must the user press send?", was "… the user presses send?").
  if (verb > 0 && actorVerb(ctx, verb - 1)) verb--;
  // Fourteenth round: the question puts the verb after "must" or "to", so a third-person form goes back to its base
  // ("How soon must it complete?", not "completes").
  // A passive before the adverb keeps its "be": "other frames are sent periodically" → "be sent".
  const passive = verb < c.start && /^(?:is|are|be|been|being|was|were)$/.test(tokens[verb - 1]?.norm ?? '') && /(?:ed|en|wn|nt|ne)$/.test(tokens[verb]!.norm);
  const words = (afterBe && verb >= c.end) || passive ? ['be', tokens[verb]!.raw] : [bare ? bareVerb(tokens[verb]!.raw) : tokens[verb]!.raw];
  // Twenty-fourth round: "MUST start downloading immediately": a gerund after a verb of starting or going on is that
  // verb's complement; the question keeps both ("How soon must the files start downloading?", not "… downloading?").
  if (!passive && words.length === 1 && /[a-z]ing$/.test(tokens[verb]!.norm) && CATENATIVE_VERBS.test(tokens[verb - 1]?.norm ?? '') && tokens[verb - 1]!.sentence === sentence) {
    words.unshift(bare ? bareVerb(tokens[verb - 1]!.raw) : tokens[verb - 1]!.raw);
  }
  for (let k = verb + 1; k < tokens.length && k < verb + 8 && tokens[k]!.sentence === sentence; k++) {
    if (k >= c.start && k < c.end) break;
    const t = tokens[k]!;
    // Thirty-third round: a count in the object ("display all 5 plans"; the object was cut at the number, then its
    // determiner dropped: "What does it take to display clearly?").
    if (t.kind === 'number' && words.length > 1) {
      words.push(t.raw);
      continue;
    }
    if (t.kind !== 'word') break;
    // Thirty-third round: an object that is a clause ("indicate which scenario is active", "show whether the upload
    // failed") is kept to its end (a conjunction, a keyword, punctuation), not cut after its first noun ("How soon must
    // the system indicate which scenario?").
    if (words.length === 1 && CLAUSE_OBJECT_OPENERS.has(t.norm) && k + 1 < tokens.length && tokens[k + 1]!.sentence === sentence && tokens[k + 1]!.kind === 'word') {
      words.push(t.raw);
      for (let j = k + 1; j < tokens.length && j < k + 8 && tokens[j]!.sentence === sentence; j++) {
        const u = tokens[j]!;
        if ((u.kind !== 'word' && u.kind !== 'number') || isKeyword(u) || (j >= c.start && j < c.end) || /^(?:and|or|but|then|so)$/.test(u.norm)) break;
        words.push(u.raw);
      }
      break;
    }
    // Thirty-third round: "distinguish between A and B": the pair is the verb's object, "and" included.
    if (words.length === 1 && t.norm === 'between' && tokens[k + 1]?.kind === 'word' && tokens[k + 1]!.sentence === sentence) {
      const pair = [t.raw];
      for (let j = k + 1; j < tokens.length && j < k + 8 && tokens[j]!.sentence === sentence; j++) {
        const u = tokens[j]!;
        if (u.kind !== 'word' || isKeyword(u) || (j >= c.start && j < c.end)) break;
        pair.push(u.raw);
      }
      if (pair.some((w) => /^and$/i.test(w)) && !/^and$/i.test(pair[pair.length - 1]!)) words.push(...pair);
      break;
    }
    const pos = posOf(ctx, k);
    // Thirtieth round: an EARS "THEN" opens the response, not the object ("restart THEN the system").
    if (isKeyword(t) || t.norm === 'then') break;
    // Twenty-fourth round: a verb's particle ("shut down the worker").
    if (k === verb + 1 && PARTICLES.has(t.norm) && (pos === 'ADP' || pos === 'ADV' || pos === 'PART') && (k + 1 === c.start || (tokens[k + 1]?.kind === 'word' && ['DET', 'NOUN', 'PROPN', 'PRON', 'ADJ'].includes(posOf(ctx, k + 1))))) {
      words.push(t.raw);
      continue;
    }
    // Thirtieth round: "presses send", "clicks submit": a bare word the tagger read as a verb, right after a verb in
    // the third person and ending its clause, is the verb's object (a control's name), not a second verb.
    if (k === verb + 1 && pos === 'VERB' && /^[A-Za-z][a-z]*$/.test(t.raw) && !/(?:s|ed|en|ing)$/.test(t.norm) && /[a-z][^s]s$/.test(tokens[verb]!.norm) && endsClauseAfter(ctx, k, c.start)) {
      words.push(t.raw);
      continue;
    }
    // Twenty-fourth round: a word in capitals is a name, whatever its tag ("terminating a CONNECT stream").
    if (pos === 'DET' || pos === 'ADJ' || pos === 'NOUN' || pos === 'PROPN' || pos === 'PRON' || pos === 'NUM' || CAPITALS.test(t.raw) || ADJECTIVAL_ING.has(t.norm) || modifyingParticiple(ctx, k)) words.push(t.raw);
    // Fourteenth round: coordinated objects ("handle both success and error responses").
    else if ((t.norm === 'and' || t.norm === 'or') && words.length > 1 && k + 1 < c.start && tokens[k + 1]!.kind === 'word' && ['DET', 'ADJ', 'NOUN', 'PROPN'].includes(posOf(ctx, k + 1))) words.push(t.raw);
    else break;
  }
  // Twenty-fourth round: an object cut short keeps no determiner at its end ("terminating a").
  // Forty-first round: nor on a relative pronoun ("view the effective configuration that").
  while (words.length > 1 && (OBJECT_DETERMINERS.has(words[words.length - 1]!.toLowerCase()) || /^(?:and|or|that|which|who)$/i.test(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

/**
 * Words that open a clause as a verb's object: "indicate which scenario is active", "show whether it failed". Not
 * "when", "where": after a verb they mostly open an adverbial clause ("set the key when workload scoped").
 */
const CLAUSE_OBJECT_OPENERS = new Set(['which', 'what', 'whether', 'how', 'who', 'whom', 'whose']);

/** Words in -ing that modify a noun, not verbs: "the existing key". */
const ADJECTIVAL_ING = new Set(['existing', 'remaining', 'missing', 'pending', 'incoming', 'outgoing', 'upcoming', 'corresponding', 'underlying', 'surrounding', 'ongoing', 'preceding']);

/** A verb's particles: "shut down", "set up", "clean out". */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'back', 'over', 'away']);

/**
 * Twenty-fourth round: a word the tagger read as a verb, after "and"/"or" and a noun, with no object after it ("update
 * the position and address in real time"): the second noun of the object, not the verb the phrase qualifies.
 */
function coordinatedNoun(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  if (tokens[k]!.kind !== 'word' || posOf(ctx, k) !== 'VERB' || !/^(?:and|or)$/.test(tokens[k - 1]?.norm ?? '') || tokens[k - 2]?.kind !== 'word' || posOf(ctx, k - 2) !== 'NOUN') return false;
  const next = tokens[k + 1];
  if (next === undefined || next.sentence !== tokens[k]!.sentence || next.kind !== 'word') return false;
  return posOf(ctx, k + 1) === 'ADP' && !/^(?:to|into|onto|with|from|for)$/.test(next.norm);
}

/** Words that end the clause a verb phrase is looked for in, backwards. */
const CLAUSE_BREAKS = new Set(['but', 'yet', ';']);

/** Verbs that take a gerund as their complement: "start downloading", "keep polling", "stop sending". */
const CATENATIVE_VERBS = /^(?:start|starts|started|begin|begins|began|keep|keeps|kept|stop|stops|stopped|continue|continues|continued|finish|finishes|finished|resume|resumes|resumed)$/;

/** A participle between a determiner and a noun, which it modifies: "an updated ACK frame", "the requested resource". */
function modifyingParticiple(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const t = tokens[k]!;
  // Thirtieth round: also after a preposition ("broadcast new notifications to connected clients immediately": the
  // verb is "broadcast", not "connected").
  if (t.kind !== 'word' || !/[a-z](?:ed|en)$/.test(t.norm) || !(OBJECT_DETERMINERS.has(tokens[k - 1]?.norm ?? '') || PARTICIPLE_PREPOSITIONS.has(tokens[k - 1]?.norm ?? ''))) return false;
  const next = tokens[k + 1];
  if (next?.kind !== 'word' || next.sentence !== t.sentence || posOf(ctx, k) !== 'VERB') return false;
  const pos = posOf(ctx, k + 1);
  return pos === 'NOUN' || pos === 'PROPN';
}

/** Words that open a clause with a subject of its own ("where preemption is expected to happen"). */
// Forty-first round: "while", "whereas", "although", "though" ("every control is inert while the values stay legible").
const CLAUSE_SUBORDINATORS = new Set(['where', 'wherever', 'when', 'whenever', 'if', 'unless', 'once', 'because', 'since', 'whereby', 'while', 'whereas', 'although', 'though']);

/** Determiners that may open a coordinated clause's subject. */
const CLAUSE_SUBJECT_DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'each', 'every', 'all', 'any', 'no', 'our', 'your']);

/**
 * Forty-first round: "and" (or "but") at `and` opens a clause of its own before the word at `at`: a verb stands between
 * `from` and it, and after it come a noun phrase (a determiner, adjectives, nouns), then verbs, auxiliaries and adverbs
 * only, up to `at` ("… appears and content remains readable"). Not a subject of two nouns ("Users and admins must …").
 */
function coordinatedClause(ctx: BlockContext, from: number, and: number, at: number): boolean {
  const { tokens } = ctx;
  // A finite verb (not a participle: "The total, paid, remaining and change figures are …"), and no modifier right
  // before "and" ("interactive and non-interactive UX is …" coordinates two adjectives of one noun).
  let verbBefore = false;
  for (let j = from; j < and && !verbBefore; j++) verbBefore = tokens[j]!.kind === 'word' && (posOf(ctx, j) === 'AUX' || (posOf(ctx, j) === 'VERB' && !/(?:ed|en|ing)$/.test(tokens[j]!.norm)));
  const last = tokens[and - 1]!;
  if (!verbBefore || (last.kind === 'word' && (posOf(ctx, and - 1) === 'ADJ' || /(?:ed|en|ing)$/.test(last.norm)))) return false;
  let j = and + 1;
  if (tokens[j]?.kind === 'word' && CLAUSE_SUBJECT_DETERMINERS.has(tokens[j]!.norm)) j++;
  while (j < at && tokens[j]!.kind === 'word' && posOf(ctx, j) === 'ADJ') j++;
  const nounStart = j;
  while (j < at && tokens[j]!.kind === 'word' && (posOf(ctx, j) === 'NOUN' || posOf(ctx, j) === 'PROPN')) j++;
  if (j === nounStart || j >= at) return false;
  const verb = tokens[j]!;
  if (verb.kind !== 'word' || (posOf(ctx, j) !== 'VERB' && posOf(ctx, j) !== 'AUX') || /ing$/.test(verb.norm)) return false;
  for (j++; j < at; j++) {
    if (tokens[j]!.kind !== 'word' || !['VERB', 'AUX', 'ADV', 'PART'].includes(posOf(ctx, j))) return false;
  }
  return true;
}

/** Prepositions after a reduced relative's participle: "generated by …", "added at …", "stored in …". */
const RELATIVE_ADJUNCTS = new Set(['by', 'at', 'in', 'on', 'during', 'from', 'via', 'under']);

/** A participle after a noun, with its agent or its place: "any configuration generated by the granted access". */
function reducedRelative(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const t = tokens[k]!;
  // Twenty-fourth round: also with a place or a time ("all records added at registration"), not only an agent.
  if (t.kind !== 'word' || !/[a-z](?:ed|en)$/.test(t.norm) || !RELATIVE_ADJUNCTS.has(tokens[k + 1]?.norm ?? '') || tokens[k - 1]?.kind !== 'word') return false;
  const before = posOf(ctx, k - 1);
  return posOf(ctx, k) === 'VERB' && (before === 'NOUN' || before === 'PROPN');
}

/** Prepositions before a participle that modifies the noun after it: "to connected clients", "from trusted sources". */
const PARTICIPLE_PREPOSITIONS: ReadonlySet<string> = new Set(['to', 'from', 'for', 'with', 'by', 'of', 'on', 'in', 'into', 'across', 'among', 'between']);

/** Singular nouns of a person or an agent who acts in a trigger: "the user presses", "an admin clicks". */
const ACTOR_NOUNS: ReadonlySet<string> = new Set(['user', 'admin', 'administrator', 'customer', 'operator', 'visitor', 'member', 'player', 'owner', 'reviewer', 'student', 'teacher', 'guest', 'buyer', 'seller', 'driver', 'patient', 'employee', 'manager', 'developer', 'editor', 'author', 'viewer', 'subscriber', 'recipient', 'sender', 'participant', 'attendee', 'organizer', 'organiser', 'learner', 'instructor', 'trader', 'tenant', 'shopper', 'caller']);

/** Words the tagger reads as verbs in "it …", by word (see actorVerb). */
const verbProbe = new Map<string, boolean>();

/**
 * Thirtieth round: token `k`, tagged a noun, is the finite verb of a person: a word in -s after a determiner and a
 * singular noun of a person ("the user presses send", "an admin clicks Save"), which the tagger reads as a verb when
 * it follows "it" ("it presses"; "it sessions" is no verb: "the user sessions expire" keeps its subject), with a word
 * after it in its sentence.
 */
function actorVerb(ctx: BlockContext, k: number): boolean {
  const { tokens } = ctx;
  const t = tokens[k];
  if (t === undefined || t.kind !== 'word' || k < 2 || !/^[a-z]+[^s]s$/.test(t.raw) || posOf(ctx, k) !== 'NOUN') return false;
  const person = tokens[k - 1]!;
  if (person.kind !== 'word' || person.sentence !== t.sentence || !ACTOR_NOUNS.has(person.norm) || !/^(?:the|a|an|each|every|any)$/.test(tokens[k - 2]!.norm)) return false;
  const next = tokens[k + 1];
  if (next === undefined || next.sentence !== t.sentence || next.kind !== 'word' || isKeyword(next)) return false;
  let verb = verbProbe.get(t.norm);
  if (verb === undefined) {
    verb = tag(`it ${t.norm}`)[1]?.pos === 'VERB';
    if (verbProbe.size < 10_000) verbProbe.set(t.norm, verb);
  }
  return verb;
}

/** Token `k` ends its clause: the word `at` (the phrase), a keyword ("THEN"), punctuation or the sentence's end follow. */
function endsClauseAfter(ctx: BlockContext, k: number, at: number): boolean {
  const next = ctx.tokens[k + 1];
  return next === undefined || k + 1 === at || next.sentence !== ctx.tokens[k]!.sentence || next.kind !== 'word' || isKeyword(next) || next.norm === 'then';
}

/** Determiners that open a verb's object ("updates the UI"). */
const OBJECT_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'all', 'each', 'every', 'any']);

/** Parts of speech that are never the verb after a modal ("MUST with …" is no verb phrase). */
const FUNCTION_POS = new Set(['ADP', 'DET', 'CCONJ', 'SCONJ', 'PRON', 'PART', 'ADV', 'PUNCT', 'NUM', 'AUX']);

/** Modals a bare infinitive follows. */
const BARE_MODALS = new Set(['must', 'shall', 'should', 'may', 'will', 'can', 'could', 'would', 'might']);

/** The base form of a verb written in the third person singular: "completes" → "complete", "applies" → "apply". */
function bareVerb(raw: string): string {
  if (/^(?:is|was|has|does)$/i.test(raw)) return raw.toLowerCase() === 'has' ? 'have' : raw.toLowerCase() === 'does' ? 'do' : 'be';
  if (!/[a-z]s$/.test(raw) || /(?:ss|us|is|ous)$/.test(raw)) return raw;
  if (/[^aeiou]ies$/.test(raw)) return raw.slice(0, -3) + 'y';
  // "analyzes", "optimizes": the base ends in -ze; "buzzes", "waltzes" drop their -es.
  if (/[^tz]zes$/.test(raw)) return raw.slice(0, -1);
  if (/(?:sh|ch|x|z|ss|o)es$/.test(raw)) return raw.slice(0, -2);
  return raw.slice(0, -1);
}

const EXAMPLES: Record<'policy' | 'software' | 'protocol', Record<Dimension | 'comparative', string>> = {
  // A protocol's own units: a transport counts bytes, packets and round trips, an application protocol octets, entries,
  // seconds and named timers; the examples name both kinds.
  protocol: {
    quality: 'e.g. the required behaviour by reference to a section or an algorithm, or a condition an implementation can check',
    degree: 'e.g. a threshold in the protocol’s units, such as 3 packets, 128 bits or a limit the peer advertises',
    size: 'e.g. in the protocol’s units: at least 128 bits, at most 1200 bytes, no more than 10 entries',
    quantity: 'e.g. at least 2, no more than the peer’s limit',
    speed: 'e.g. within one round trip, within 10 minutes, before a named timer expires',
    frequency: 'e.g. once per round trip or per connection, at most once per timer period',
    recency: 'e.g. issued within the last 10 minutes, or fresh as the cited document defines it',
    security: 'e.g. the attack it must resist, or the named algorithm and key length',
    comparative: 'e.g. than the value last sent, than a limit the document names',
  },
  software: {
    quality: 'e.g. what it must contain or do, or a check a test could run',
    degree: 'e.g. a threshold such as 5% or a list of cases on each side',
    size: 'e.g. 10 MB, 500 items, 200 characters',
    quantity: 'e.g. at least 3, between 2 and 5',
    speed: 'e.g. within 2 s of the request, p95 < 300 ms',
    frequency: 'e.g. every 30 s, once per day, on each change',
    recency: 'e.g. at most 5 minutes old',
    security: 'e.g. TLS 1.3 in transit, keys in a KMS, OWASP ASVS level 2',
    comparative: 'e.g. 20% fewer than the current release',
  },
  policy: {
    quality: 'e.g. a behaviour to show or avoid, or an example response on each side of the line',
    degree: 'e.g. the kinds of case that qualify, with an example on each side of the line',
    size: 'e.g. a number of sentences, paragraphs or words',
    quantity: 'e.g. at least one, no more than three',
    speed: 'e.g. in the same reply, before the next action',
    frequency: 'e.g. once per conversation, each time the user asks',
    recency: 'e.g. information newer than the last user message',
    security: 'e.g. physical harm to the user or to others, self-harm, or harm to minors',
    comparative: 'e.g. the alternative it is compared with',
  },
};

/** Recency words that name the old side ("stale entries", "outdated notifications"). */
const OLD_SIDE = new Set(['stale', 'outdated']);
const OLD_EXAMPLES: Record<'policy' | 'software' | 'protocol', string> = {
  protocol: 'e.g. issued more than 10 minutes ago, or older than the cited document allows',
  software: 'e.g. older than 5 minutes, or not refreshed since the last sync',
  policy: 'e.g. information older than the last user message',
};

/**
 * Nineteenth round: a comparative's example fits what it compares in a software spec ("larger than what? e.g. 20% fewer
 * than the current release" named a count for a size). Protocol and policy examples name the baseline only.
 */
const SOFTWARE_COMPARATIVE: Partial<Record<Dimension, string>> = {
  speed: 'e.g. 30% faster than the current release, p95 < 300 ms',
  size: 'e.g. twice the current limit, or a bound with a unit such as 600 px or 200 characters',
  quality: 'e.g. 20% fewer steps than the current flow, or a check a test could run',
  frequency: 'e.g. twice as often as the current schedule, every 30 s',
  recency: 'e.g. newer than the last sync, at most 5 minutes old',
  degree: 'e.g. the current behaviour it must improve on, and a measure such as a count or a percentage',
};

function comparativeExample(domain: 'policy' | 'software' | 'protocol', dimension: Dimension): string {
  return (domain === 'software' ? SOFTWARE_COMPARATIVE[dimension] : undefined) ?? EXAMPLES[domain].comparative;
}

/** Nouns that name the situations a requirement applies in: "in some cases", "in certain circumstances". */
const CASE_NOUNS = new Set(['cases', 'situations', 'circumstances', 'contexts', 'scenarios', 'instances']);

/** "in some (other) cases" at token `at` ("some"): the determiner of the cases a rule applies in, after "in". */
function casesAfterIn(tokens: Token[], at: number): boolean {
  // "In most cases" is a hedge of its own (the lexicon's `generally`).
  if (tokens[at - 1]?.norm !== 'in' || tokens[at]!.norm === 'most' || !QUANTITY_DETERMINERS.has(tokens[at]!.norm)) return false;
  const k = tokens[at + 1]?.norm === 'other' ? at + 2 : at + 1;
  return CASE_NOUNS.has(tokens[k]?.norm ?? '');
}

/** "In some other cases, …" opening the sentence of token `at`. */
function casesOpener(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  return casesAfterIn(tokens, at) && ctx.sentences[tokens[at]!.sentence]![0] === at - 1;
}

/** The words an amount counts: "a sufficient number of [available and unused connection IDs]", or nothing. */
function counted(ctx: BlockContext, end: number): string {
  const { tokens, block } = ctx;
  let last = -1;
  for (let k = end; k < tokens.length && k < end + 5 && tokens[k]!.kind === 'word' && tokens[k]!.sentence === tokens[end - 1]!.sentence; k++) {
    if (/^(?:that|which|who|to|for|in|on|at|by|with|from|is|are|be|must|should|may|shall|will|can)$/.test(tokens[k]!.norm)) break;
    last = k;
  }
  return last < 0 ? '' : ` of ${block.text.slice(tokens[end]!.start, tokens[last]!.end).replace(/\s+/g, ' ')}`;
}

/** What a page shows: "responsive" before them is responsive web design (the layout adapts to the viewport). */
const RESPONSIVE_UI = /\b(?:forms?|pages?|screens?|views?|navigation|menus?|websites?|sites?|landing pages?|cards?|tables?|grids?|lists?|layouts?|columns?|designs?|images?|dashboards?)$/i;

/** Nouns of a measured level ("disease pressure", "CPU usage", "risk score"): "high" and "low" ask for a threshold on it. */
// Forty-second round: a plural ("high transaction volumes") and the levels of people's use ("low moderator engagement").
const LEVEL_NOUNS = /\b(?:pressure|frequency|usage|utili[sz]ation|load|score|rate|level|temperature|risk|demand|traffic|volume|intensity|concentration|humidity|severity|priority|confidence|probability|density|consumption|activity|engagement|participation|adoption|throughput)s?$/i;
const LEVEL_EXAMPLES = 'e.g. above 80% for 5 minutes, a score over 0.7, an index level of 3 or more';

/**
 * Forty-eighth round: a lexicon question that opens with its term's last word ("Properly by what rule?", "Practical by
 * whose judgement?") opens with the word the text wrote when a form differs there ("proper label": "Proper by what
 * rule?"; "if feasible": "Feasible by whose judgement?"). Other questions, a form that ends on the term's word, and a
 * form of another length keep theirs.
 */
function ownWordQuestion(question: string, term: string, written: string): string {
  const termWord = term.split(' ').pop()!.toLowerCase();
  const writtenWord = written.split(' ').pop()!.toLowerCase();
  // (A form of more or fewer words is another wording, not another word: "easy to" keeps "Easy for whom …".)
  if (writtenWord === termWord || written.split(' ').length !== term.split(' ').length || !/^[a-z]+$/.test(writtenWord) || !question.startsWith(`${cap(termWord)} `)) return question;
  return cap(writtenWord) + question.slice(termWord.length);
}

/**
 * Forty-ninth round: the index of a noun of probability right after a lexicon word of quantity, past at most two
 * modifiers ("some non-trivial probability"), else -1.
 */
function probabilityAfter(ctx: BlockContext, end: number): number {
  const { tokens } = ctx;
  for (let k = end; k < tokens.length && k < end + 3 && tokens[k]!.kind === 'word' && tokens[k]!.sentence === tokens[end - 1]!.sentence; k++) {
    if (PROBABILITY_NOUNS.test(tokens[k]!.norm)) return k;
    if (posOf(ctx, k) !== 'ADJ' && !/^[a-z]+(?:-[a-z]+)+$/.test(tokens[k]!.norm)) return -1;
  }
  return -1;
}

function questionFor(ctx: BlockContext, c: Candidate): string {
  const { tokens, block } = ctx;
  const written = block.text.slice(tokens[c.start]!.start, tokens[c.end - 1]!.end).replace(/\s+/g, ' ');
  // Twenty-second round: a class word capitalised only because it opens the sentence or an item ("Graceful degradation
  // when …") is lowercase inside the question ("What makes the degradation graceful?", was "… Graceful?"); a name or an
  // acronym (two capitals) keeps its letters, and a lexicon phrase's question is its own.
  const phrase = c.word ? written.replace(/^[A-Z](?=[a-z])/, (ch) => ch.toLowerCase()) : written;
  const ex = EXAMPLES[ctx.domain];
  // Fifty-fourth round: "perform well", "scales well": the measure of performance and the level it must reach.
  if (c.word?.base === 'well' && c.end - c.start === 1 && performsWell(tokens, c.start)) {
    if (tokens[c.start - 1]!.norm.startsWith('scal')) return 'How well must it scale? Name the load and what must hold there (e.g. p95 latency stays under 300 ms up to 10 times the current load).';
    return `How well must it perform? Name the measure and the level it must reach (${ex.speed}).`;
  }
  if (c.entry && !c.word) {
    // Lexicon phrases keep their reviewed question, tied to what they qualify.
    if ((c.entry.rule === 'number-after' || c.entry.rule === 'approximation') && isNumberLike(tokens[c.end])) return TOLERANCE_QUESTION;
    if (c.entry.question === TOLERANCE_QUESTION || c.category === 'open-ended' || c.entry.source === 'user') return c.entry.question;
    // "in some cases": which cases, not how many.
    if (c.category === 'quantity' && casesAfterIn(tokens, c.start)) return 'Which cases? List them, or state the condition that decides when this applies.';
    // Forty-ninth round: "with some probability", "with some non-trivial probability": a probability to give, not how
    // many (was "How many or how much, exactly?").
    const chance = c.category === 'quantity' ? probabilityAfter(ctx, c.end) : -1;
    if (chance >= 0) return `What probability counts as “${block.text.slice(tokens[c.start]!.start, tokens[chance]!.end).replace(/\s+/g, ' ')}”? Give a value or a range (e.g. 1 in 100, between 1% and 5% of requests).`;
    // "(It qualifies “carries”.)" quotes the text's own words: the verb as written.
    // Twenty-fourth round: a modifier before its noun ("long-lived caching headers", "best-effort delivery") qualifies
    // that noun, not the sentence's verb.
    const vp = c.category === 'escape' || c.category === 'weak' || c.category === 'time' ? attributiveNoun(ctx, c) ?? verbPhrase(ctx, c, false) : undefined;
    const own = ownWordQuestion(c.entry.question, c.entry.term, written);
    return vp ? `${own} (It qualifies “${vp}”.)` : own;
  }
  const w = c.word!;
  // A "noun" that is the phrase itself (a capitalised word read as a name) names nothing: ask about "it".
  const found = headNoun(ctx, c);
  const noun = found !== undefined && found.toLowerCase().split(' ').includes(phrase.toLowerCase()) ? undefined : found;
  // A gerund phrase ("adding the label", "setting up the permissions") takes no article.
  const gerund = noun !== undefined && /^[a-z]+ing(?:\s+(?:up|down|out|off|in|on))?\s+(?:the|a|an|this|that|these|those|its|their|our|your|all|each|every|any)\b/i.test(noun);
  const np = noun ? (gerund ? noun : /^(?:the|a|an|this|each|every|its|their)\s/i.test(noun) ? noun.replace(/^(?:The|A|An|This|Each|Every|Its|Their)\b/, (d) => d.toLowerCase()) : `the ${noun}`).replace(/^the (?:it|they|he|she|we|you|i|us|them)$/i, 'it') : 'it';
  const adj = w.base;
  switch (c.pattern) {
    case 'degree':
      return `${cap(phrase)} by what limit? Give the bound beyond which ${np} ${PLURAL_NP.test(np) ? 'count' : 'counts'} as ${phrase.split(' ').slice(1).join(' ')} (${ex[w.dimension]}).`;
    case 'amount':
      // Thirtieth round: "for a sufficient amount of time": a duration, not a count.
      if (DURATION_NOUNS.test(tokens[c.end]?.norm ?? '') && tokens[c.end]!.sentence === tokens[c.start]!.sentence) return `How long counts as “${phrase.replace(/ of$/, '')}” of ${tokens[c.end]!.norm}? Give a duration with a unit, or the event that ends it (e.g. at least 2 weeks, two releases).`;
      return `How many count as “${phrase.replace(/ of$/, '')}”${counted(ctx, c.end)}? Give a number or a range (${ex.quantity}).`;
    case 'comparative':
      return `${cap(phrase)} than what, and by how much? Name the baseline for ${np} and the target (${spanComparative(noun, w.dimension) ?? comparativeExample(ctx.domain, w.dimension)}).`;
    case 'superlative':
      return `${cap(phrase)} by which measure? State the rule that ranks ${np}, or the cut-off (${ex.degree}).`;
    default:
      break;
  }
  if (w.form === 'comparative') return `${cap(phrase)} than what, and by how much? Name the baseline for ${np} and the target (${spanComparative(noun, w.dimension) ?? comparativeExample(ctx.domain, w.dimension)}).`;
  if (w.form === 'superlative') return `${cap(phrase)} by which measure? State the rule that ranks ${np} (${ex.degree}).`;
  // A noun of quality ("for usability", "favour simplicity") names the quality itself: ask how it is measured.
  if (w.form === 'noun' && (w.dimension === 'quality' || w.dimension === 'degree')) {
    return `How is “${phrase}” measured here, and what level is required? State a criterion a reviewer can check (${ex[w.dimension]}).`;
  }
  // Forty-first round: "for frequently accessed data", "network-first for frequently changing API endpoints": an adverb
  // of time before a participle that modifies a noun qualifies that noun's participle, not the sentence's verb ("How
  // often must it pattern?", "… must the system use network-first?").
  if (w.form === 'adv' && (w.dimension === 'frequency' || w.dimension === 'speed')) {
    const modified = participleNoun(ctx, c);
    if (modified !== undefined) {
      const quoted = `${phrase} ${modified.participle}`;
      // Forty-eighth round: "rapidly changing visuals" is a rate of change, not a delay from an event.
      if (w.dimension === 'speed' && CHANGE_PARTICIPLES.test(modified.participle)) return `How fast is “${quoted}” for the ${modified.noun}? Give a rate (e.g. more than 3 changes per second, several times a minute).`;
      return w.dimension === 'frequency'
        ? `How often is “${quoted}” for the ${modified.noun}? Give an interval or a rate (${ex.frequency}).`
        : `What delay counts as “${quoted}” for the ${modified.noun}? Give a maximum delay from a named event (${ex.speed}).`;
    }
  }
  // Fifty-eighth round: "falls back to periodically refreshing board state": the adverb qualifies the "-ing" form after
  // it and its object, not the verb before it (was "How often must the client fall?").
  if (w.form === 'adv' && (w.dimension === 'frequency' || w.dimension === 'speed') && c.end === c.start + 1) {
    const gerund = gerundAfter(ctx, c.end);
    if (gerund !== undefined) {
      const who = questionSubject(ctx, c.start) ?? 'it';
      return w.dimension === 'frequency'
        ? `How often is “${phrase} ${gerund}” for ${who}? Give an interval or a rate (${ex.frequency}).`
        : `What delay counts as “${phrase} ${gerund}” for ${who}? Give a maximum delay from a named event (${ex.speed}).`;
    }
  }
  const verb = w.form === 'adv' ? verbPhrase(ctx, c) : undefined;
  // Forty-ninth round: "see changes reflected immediately": the participle is said of the perceived object, which
  // undergoes it ("How soon must the changes be reflected?", was "How soon must a user reflected?").
  const seen = verb !== undefined ? seenParticiple(ctx, c.start) : undefined;
  // Lowercase the first letter only: "send a STREAM_DATA_BLOCKED frame" keeps its identifier.
  const vp = verb === undefined ? undefined : seen !== undefined && verb === seen.participle ? `be ${seen.participle}` : verb.replace(/^[A-Z](?=[a-z])/, (ch) => ch.toLowerCase());
  // "a sender that is flow control limited": the question names the actor, not its relative clause.
  // A user story's "I" is its role, for the question a user: "How soon must the user browse products?".
  // Twenty-seventh round: an adverb that opens a relative clause ("a design system that continuously analyzes …")
  // qualifies what the clause says of its antecedent: the question names the antecedent.
  const subject = (seen !== undefined && vp === `be ${seen.participle}` ? seen.object : undefined) ?? (vp !== undefined ? antecedentOf(ctx, c.start) : undefined) ?? questionSubject(ctx, c.start);
  // Twenty-fourth round: the noun decides the measure ("without noticeable lag" is a delay, "a reasonable number of
  // suggestions" a count, "sufficient contrast" a ratio, "a brief description" a length of text, "major breaking
  // changes" a kind of change, "quick grade entry" the user's effort), whatever dimension the word has on its own.
  const measured = w.form === 'adj' && !vp && noun !== undefined ? measuredBy(ctx, c, phrase, noun, np) : undefined;
  if (measured) return measured;
  // Twenty-ninth round: "on typical hardware", "for typical configurations": the condition a test must set up.
  // The condition's noun is read from the tokens: the noun phrase may run on into the next item's label.
  const condition = w.form === 'adj' && REFERENCE_WORDS.has(w.base) ? conditionNoun(ctx, c.start, c.end) : -1;
  const head = condition >= 0 ? tokens[condition]!.norm : '';
  if (condition >= 0) {
    return `Which ${head} does “${phrase}” mean? Describe the ${head} the requirement is measured on, so a test can set it up (${conditionExample(head)}).`;
  }
  // Forty-second round: "documented briefly", "briefly outline the steps": the length of what is written; "flash
  // briefly": a length of time (both were "a bound with a unit (e.g. 10 MB, 500 items …)").
  const lengthOf = w.dimension === 'size' && w.form === 'adv' && LENGTH_WORDS.has(adj) && vp !== undefined ? lengthVerb(vp) : undefined;
  if (lengthOf === 'text') return `How ${adj} is “${phrase}” here? Give a length in words or sentences (${ctx.domain === 'policy' ? ex.size : 'e.g. one sentence, at most 3 lines, no more than 50 words'}). (It qualifies “${vp}”.)`;
  if (lengthOf === 'time') return `How long is “${phrase}” here? Give a duration with a unit (${durationExample(ctx.domain)}). (It qualifies “${vp}”.)`;
  switch (w.dimension) {
    case 'speed':
      // Twenty-second round: "responsive, accessible forms", "responsive pages": a layout that adapts to the screen
      // (responsive web design), as "responsive layout" is; ask for the screens, not a delay.
      if (adj === 'responsive' && w.form === 'adj' && RESPONSIVE_UI.test(noun ?? '')) return `Responsive across which screens? Name the viewport widths or breakpoints ${np} must adapt to and what must hold at each (e.g. usable from 320 px to 1920 px wide, no horizontal scrolling).`;
      return vp && !/^[a-z]+ing\b/.test(vp)
        ? `How soon must ${subject ?? 'it'} ${vp}? Give a maximum delay from a named event (${ex.speed}).`
        : `What delay counts as “${phrase}” for ${np}? Give a maximum delay from a named event (${ex.speed}).`;
    case 'frequency':
      return vp && !/^[a-z]+ing\b/.test(vp)
        ? `How often must ${subject ?? 'it'} ${vp}? Give an interval, a rate or the event that triggers it (${ex.frequency}).`
        : `How often is “${phrase}” for ${np}? Give an interval or a rate (${ex.frequency}).`;
    case 'recency':
      // Nineteenth round: "stale", "outdated" name the old side: ask from what age, not how recent.
      if (OLD_SIDE.has(adj)) return `How old must ${np} be to count as ${adj}? Give the age from which it does (${OLD_EXAMPLES[ctx.domain]}).`;
      return `How recent must ${np} be to count as ${adj}? Give a maximum age (${ex.recency}).`;
    case 'size':
      // "for a short time", "a long delay": a length of time is bounded like a delay.
      // Twenty-second round: "WHEN disease pressure is high", "CPU usage is high": a level of a measure is given as a
      // threshold on that measure, not in bytes or items.
      // Forty-ninth round: "stay operational long enough for all users to …", "wait long enough": after a verb or an
      // adjective other than "be", "long enough" is a length of time (was "a bound with a unit (e.g. … 1200 bytes …)").
      if (adj === 'long' && tokens[c.end]?.norm === 'enough' && tokens[c.end]!.sentence === tokens[c.start]!.sentence && lastingBefore(ctx, c.start)) {
        return `How long is “${phrase} enough” for ${np}? Give a duration with a unit, or the event that ends it (${durationExample(ctx.domain)}).`;
      }
      if ((adj === 'high' || adj === 'low') && LEVEL_NOUNS.test(noun ?? '')) return `How ${adj} is “${phrase}” for ${np}? Give the threshold on that measure, with its unit (${LEVEL_EXAMPLES}).`;
      return `How ${adj} is “${phrase}” for ${np}? Give a bound with a unit (${/\b(?:time|times|period|periods|delay|delays|interval|intervals|timeout|duration|wait|while|lifetime)$/i.test(noun ?? '') ? ex.speed : ex.size}).`;
    case 'quantity': {
      // "WHEN the list contains many warbands THEN …": in the condition that opens a requirement the count is a
      // threshold the case starts at (the fortieth round's `countInCondition`), not an amount to produce.
      const part = partAt(ctx, c.start);
      // (Before the outcome: "WHEN … THEN the documentation SHALL provide … for various personas" is one part with no
      // comma, and "various" is in what is required.)
      let inCondition = part.condition && /^(?:if|when|whenever|while)$/.test(part.opener);
      for (let k = part.from; inCondition && k < c.start; k++) if (isModalKeyword(ctx.tokens[k]!) || ctx.tokens[k]!.norm === 'then') inCondition = false;
      if (noun !== undefined && inCondition) {
        return `How many ${noun} count as “${phrase}” in this condition? Give the threshold it starts at (e.g. more than 20 ${noun}).`;
      }
      return `How many ${noun ?? 'exactly'}? Give a number or a range (${ex.quantity}).`;
    }
    case 'security':
      // In a behaviour policy "safe" is about harm, and "trustworthy" about being relied on (see `harmQuestion`).
      if (ctx.domain === 'policy') return harmQuestion(phrase, adj, np, ex.quality);
      // Twenty-first round (read out of sample): "handle concurrent access safely" is thread safety, "safe auto-fixers"
      // change nothing they should not: no threat model answers either.
      if (w.base === 'safe' && sentenceHas(ctx, c.start, CONCURRENCY_WORDS)) {
        return `What does “${phrase}” require under concurrent use? State what must hold when ${np} runs concurrently (e.g. no lost update, every reader sees a consistent state, no deadlock).`;
      }
      if (w.base === 'safe' && SAFE_OPERATIONS.test(noun ?? '')) {
        return `Safe in what sense? State what ${np} must never do (e.g. never delete or overwrite data, leave everything as it was when it fails, give the same result when run twice).`;
      }
      // Fifty-seventh round: "login must feel secure", "the page looks safe": an impression, not a defence; no threat
      // model answers it, what users are shown does.
      if (c.word?.form === 'adj' && IMPRESSION_VERBS.test(ctx.tokens[c.start - 1]?.norm ?? '') && ctx.tokens[c.start - 1]!.sentence === ctx.tokens[c.start]!.sentence) {
        return `What makes ${np} ${ctx.tokens[c.start - 1]!.norm} ${phrase}? State what users must see or be told, which a reviewer can check (e.g. the verified domain and the provider's name shown, the last sign-in time, what is encrypted said in plain words).`;
      }
      // Forty-first round: "store user credentials securely", "store tokens securely (…)": what is kept secure is the
      // verb's object, not its subject ("Name what the Auth_System must resist", now "… the user credentials …").
      return `${cap(phrase)} against which threats, to which standard? Name what ${(adjacentTo(ctx, c, vp) ? objectOfVerb(vp) : undefined) ?? np} must resist and the standard or mechanism (${ex.security}).`;
    case 'degree':
      return `What counts as “${phrase}” for ${np}? Give a threshold, or examples on each side of it (${ex.degree}).`;
    default:
      // Fifty-fifth round: "works correctly", "functions correctly" (`worksCorrectly`): what result counts as correct.
      if (w.base === 'correct' && tokens[c.start]?.norm === 'correctly' && c.end - c.start === 1) {
        const gerund = functioningGerund(tokens[c.start - 1]?.norm ?? '');
        // The subject is not named: the noun phrase before a verb tagged as a noun ("Exception instances work") or in a
        // relative clause ("a file that works correctly") is not found reliably.
        return `What counts as ${gerund} correctly here? State the result a reviewer can check (e.g. the output it must give for a named input, or a check a test could run).`;
      }
      // Fifteenth round: a look and feel is settled by values, not by behaviour.
      if (w.base === 'accessible') return `Accessible to what standard? Name it and the level ${np} must meet (e.g. WCAG 2.2 AA), or the checks ${np} must pass (e.g. keyboard use only, screen-reader labels, contrast ratio).`;
      if (DESIGN_WORDS.has(w.base)) return `What makes ${np} ${phrase}? Give values a reviewer can check (e.g. colour codes, font families and sizes, spacing and radii in px, animation durations and easing).`;
      // Forty-seventh round: "tabs clearly labeled with …", "in clearly labeled sections": the participle is passive, and
      // the noun it modifies undergoes it ("What does it take for each terminal tab to be labeled clearly?", was "… to
      // labeled clearly?").
      if (phrase === 'clearly' && shownModifier(tokens, c.start)) {
        const shown = shownQuestion(ctx, c);
        if (shown) return `What does it take for ${shown}? State the expected behaviour a reviewer can check (${ex.quality}).`;
      }
      // Twenty-fourth round: a gerund takes no "to" ("What does examining it carefully involve?", was "What does it
      // take to examining it carefully?").
      if (vp && /^[a-z]+ing\b/.test(vp)) return `What does ${tokens[c.end]?.raw === vp.split(' ')[0] ? `${phrase} ${vp}` : `${vp} ${phrase}`} involve? State the expected behaviour a reviewer can check (${ex.quality}).`;
      // Thirtieth round: a passive names what undergoes it ("What does it take for sync errors to be handled
      // gracefully?", was "… to be handled gracefully?").
      if (vp) {
        const patient = /^be\s/.test(vp) ? passiveSubject(ctx, c.start, subject) : undefined;
        // Thirty-third round: before a clause object (or "between A and B") the phrase goes before the verb, where the
        // requirement has it ("What does it take to clearly indicate which scenario is active?", not "… which scenario
        // is active clearly?").
        const second = vp.split(' ')[1]?.toLowerCase() ?? '';
        const clauseObject = CLAUSE_OBJECT_OPENERS.has(second) || second === 'between';
        return `What does it take ${patient !== undefined ? `for ${patient} ` : ''}to ${clauseObject ? `${phrase} ${vp}` : `${vp} ${phrase}`}? State the expected behaviour a reviewer can check (${ex.quality}).`;
      }
      // Forty-ninth round: "legible", and "readable" said of text, content or feedback as such, is a matter of how it is
      // shown, not of what it says ("text … remains legible", "feedback remains readable": was "What must the text
      // contain to count as legible?"); "the notification message should remain readable with the event name" keeps it.
      if (w.base === 'legible' || (w.base === 'readable' && /^(?:text|texts|content|feedback)$/i.test(noun?.split(' ').pop() ?? ''))) {
        return `What makes ${np} ${phrase}? State a criterion a reviewer can check (e.g. a minimum font size such as 14 px, a contrast ratio of at least 4.5:1, no clipped or overlapping text).`;
      }
      if (noun && TEXT_NOUNS.test(noun.split(' ').pop()!.toLowerCase())) return `What must ${np} contain to count as ${phrase}? State a criterion a reviewer can check (${ex.quality}).`;
      return `What makes ${np} ${phrase}? State a criterion a reviewer can check (${ex.quality}).`;
  }
}

/**
 * Forty-ninth round: the word before `at` is an adjective or a verb other than "be", "have", "make", "keep" (which take
 * an object or a predicate whose length "long enough" may be: "make the key long enough").
 */
function lastingBefore(ctx: BlockContext, at: number): boolean {
  const t = ctx.tokens[at - 1];
  if (t === undefined || t.kind !== 'word' || t.sentence !== ctx.tokens[at]!.sentence) return false;
  if (/^(?:is|are|be|been|being|was|were|am|remain|remains|stay|stays|have|has|had|make|makes|made|keep|keeps|kept|get|gets|got|become|becomes|seem|seems)$/.test(t.norm)) return false;
  const pos = posOf(ctx, at - 1);
  return pos === 'ADJ' || (pos === 'VERB' && !/(?:ed|en)$/.test(t.norm));
}

const PERCEIVING_VERBS = /^(?:see|sees|saw|seeing|find|finds|notice|notices|noticed|noticing|watch|watches|have|has|having|get|gets|getting|want|wants)$/;

/**
 * Forty-ninth round: at `at - 1` a past participle after a noun phrase that is the object of a verb of perceiving or
 * having ("see changes reflected", "have the settings applied"): that noun phrase and the participle, else nothing.
 */
function seenParticiple(ctx: BlockContext, at: number): { object: string; participle: string } | undefined {
  const { tokens } = ctx;
  const p = tokens[at - 1];
  if (p === undefined || p.kind !== 'word' || p.sentence !== tokens[at]!.sentence || !/^[a-z]+(?:ed|en)$/.test(p.raw) || posOf(ctx, at - 1) !== 'VERB') return undefined;
  const words: string[] = [];
  let k = at - 2;
  for (; k >= 0 && k >= at - 6 && tokens[k]!.sentence === p.sentence && tokens[k]!.kind === 'word'; k--) {
    const pos = posOf(ctx, k);
    if (pos === 'NOUN' || (words.length && pos === 'ADJ')) words.unshift(tokens[k]!.raw);
    else break;
  }
  if (!words.length || k < 0 || tokens[k]!.sentence !== p.sentence) return undefined;
  const determiner = tokens[k]!.kind === 'word' && /^(?:the|its|their|his|her|your|our|my|all)$/.test(tokens[k]!.norm) ? tokens[k--]!.norm : 'the';
  return k >= 0 && tokens[k]!.sentence === p.sentence && PERCEIVING_VERBS.test(tokens[k]!.norm) ? { object: `${determiner} ${words.join(' ')}`, participle: p.raw } : undefined;
}

/** EARS words in capitals, which end the phrase before them ("… together items THEN the system …"). */
const EARS_UPPER = /^(?:THEN|WHEN|WHILE|WHERE|IF|SHALL)$/;

/** A past participle: regular, or one of the irregular ones of shops and builds ("frequently bought together items"). */
const PAST_PARTICIPLE = /^(?:[a-z]+(?:ed|en)|bought|sold|built|made|kept|held|sent|found|brought|taught)$/;

/**
 * Forty-first round: after the adverb `c`, a participle and the nouns it modifies, ending their phrase ("frequently
 * accessed data", "frequently changing API endpoints"), when the adverb opens a noun phrase (after a preposition, a
 * determiner, a conjunction, punctuation or at the sentence's start; not "is frequently accessed", "must often change");
 * else nothing.
 */
function participleNoun(ctx: BlockContext, c: Candidate): { participle: string; noun: string } | undefined {
  const { tokens } = ctx;
  const sentence = tokens[c.start]!.sentence;
  const before = tokens[c.start - 1];
  const p = tokens[c.end];
  // Forty-eighth round: after a verb of its own ("cache frequently accessed resources": was "How often must the
  // Learning_Coach cache?"), a past participle and its noun still make the verb's object; not after "be", "have",
  // "get" or "become" ("is frequently accessed"), and not a present participle ("avoid frequently changing settings").
  const verbBefore = before !== undefined && posOf(ctx, c.start - 1) === 'VERB' && !/^(?:be|is|are|was|were|been|being|have|has|had|having|get|gets|got|gotten|getting|become|becomes|became)$/.test(before.norm) && p !== undefined && PAST_PARTICIPLE.test(p.raw);
  if (before !== undefined && before.sentence === sentence && before.kind === 'word' && !verbBefore && !['ADP', 'DET', 'CCONJ'].includes(posOf(ctx, c.start - 1))) return undefined;
  if (before !== undefined && before.sentence === sentence && before.kind === 'word' && /^(?:to|that|which|who)$/.test(before.norm)) return undefined;
  if (p === undefined || p.sentence !== sentence || p.kind !== 'word' || p.start - tokens[c.end - 1]!.end > 1 || !(/^[a-z]+ing$/.test(p.raw) || PAST_PARTICIPLE.test(p.raw)) || posOf(ctx, c.end) !== 'VERB') return undefined;
  const words: string[] = [];
  // "frequently bought together items": "together" goes with the participle.
  const together = tokens[c.end + 1]?.norm === 'together' && tokens[c.end + 1]!.sentence === sentence;
  let k = together ? c.end + 2 : c.end + 1;
  for (; k < tokens.length && k <= c.end + 4; k++) {
    const t = tokens[k]!;
    if (t.sentence !== sentence || t.kind !== 'word' || t.start - tokens[k - 1]!.end > 1 || isKeyword(t) || EARS_UPPER.test(t.raw)) break;
    const pos = posOf(ctx, k);
    if (pos === 'NOUN' || pos === 'PROPN' || CAPITALS.test(t.raw)) words.push(t.raw);
    else break;
  }
  // (After a verb of its own, "to" and its verb end the object too: "cache frequently accessed resources to improve …".)
  // (An EARS keyword ends it too: "WHEN displaying frequently bought together items THEN …".)
  if (!words.length || !(nameEndsPhrase(ctx, k - 1) || (tokens[k] !== undefined && tokens[k]!.sentence === sentence && (isKeyword(tokens[k]!) || EARS_UPPER.test(tokens[k]!.raw) || (verbBefore && tokens[k]!.norm === 'to'))))) return undefined;
  return { participle: together ? `${p.raw} together` : p.raw, noun: words.join(' ') };
}

/**
 * Forty-first round: the verb phrase `vp` stands right next to the adverb `c`: its verb right after it ("securely store
 * the password") or its last word right before it ("store tokens securely"); not a verb further away ("Provide a release
 * process to safely tighten …").
 */
function adjacentTo(ctx: BlockContext, c: Candidate, vp: string | undefined): boolean {
  if (vp === undefined) return false;
  const words = vp.toLowerCase().split(' ');
  const before = ctx.tokens[c.start - 1];
  const after = ctx.tokens[c.end];
  return (after !== undefined && bareVerb(after.raw).toLowerCase() === words[0]) || (before !== undefined && before.raw.toLowerCase() === words[words.length - 1]);
}

/**
 * Forty-first round: the object of a verb phrase from `verbPhrase` ("store user credentials" → "the user credentials"),
 * or nothing: for a passive ("be stored"), a verb with no object, a particle, a clause object, or a gerund.
 */
function objectOfVerb(vp: string | undefined): string | undefined {
  if (vp === undefined || /^be\s/.test(vp) || /^[a-z]+ing\b/.test(vp)) return undefined;
  const words = vp.split(' ').slice(1);
  if (!words.length || PARTICLES.has(words[0]!.toLowerCase()) || CLAUSE_OBJECT_OPENERS.has(words[0]!.toLowerCase()) || /^(?:between|and|or|it|them|this|that)$/i.test(words[0]!)) return undefined;
  const object = words.join(' ');
  return /^(?:the|a|an|its|their|all|each|every|any|these|those|this|our|your)\s/i.test(object) ? object : `the ${object}`;
}

/**
 * Thirtieth round: the subject a passive question names ("What does it take for the sync errors to be handled
 * gracefully?"), from the sentence's `subject`: a word capitalised as it opens the sentence goes to lowercase when the
 * text also writes it so, and a common noun gets its article. None for a pronoun, a gerund ("ensuring …"), an
 * instruction's verb ("Test that …", "Ensure …"), or when a relative pronoun opens the passive ("products that cannot be
 * easily fixed": the subject found is another clause's).
 */
function passiveSubject(ctx: BlockContext, at: number, subject: string | undefined): string | undefined {
  if (subject === undefined || /^(?:it|they|this|that|these|those|we|you|he|she)$/i.test(subject) || /^[A-Za-z]+ing\b/.test(subject)) return undefined;
  if (/^(?:test|tests|ensure|verify|check|confirm|validate|make|document|add|update|use)\b/i.test(subject)) return undefined;
  const { tokens } = ctx;
  let k = at - 1;
  while (k >= 0 && tokens[k]!.kind === 'word' && tokens[k]!.sentence === tokens[at]!.sentence && (VERB_MODALS.has(tokens[k]!.norm) || /^(?:be|is|are|was|were|been|being|not|cannot|also|only|always|never)$/.test(tokens[k]!.norm) || posOf(ctx, k) === 'AUX' || posOf(ctx, k) === 'ADV')) k--;
  if (k >= 0 && RELATIVE_PRONOUNS.has(tokens[k]!.norm)) return undefined;
  let np = subject;
  const first = /^[A-Z][a-z]+(?=\s|$)/.exec(np)?.[0];
  if (first !== undefined) {
    const text = ctx.specText ?? ctx.block.text;
    const around = ctx.specText !== undefined ? ctx.block.start : 0;
    if (writtenLowercase(text, first.toLowerCase(), Math.max(0, around - LOWERCASE_REACH), around + LOWERCASE_REACH)) np = first.toLowerCase() + np.slice(first.length);
  }
  return /^[a-z]/.test(np) && !/^(?:the|a|an|this|each|every|its|their|all|any|some|no)\s/.test(np) ? `the ${np}` : np;
}

/** Forty-eighth round: words of fitness whose span of time is a duration to give ("a reasonable duration"). */
const SPAN_FITNESS_WORDS = new Set(['appropriate', 'suitable', 'adequate', 'acceptable', 'reasonable', 'sensible', 'sufficient']);
/** Participles of change or repetition, whose speed is a rate: "rapidly changing visuals", "quickly flashing lights". */
const CHANGE_PARTICIPLES = /^(?:changing|flashing|flickering|blinking|updating|growing|shrinking|moving|evolving|fluctuating|rotating|shifting|alternating|scrolling|cycling)$/;

/**
 * Forty-eighth round: the example of a comparative of size on a span of time ("the smaller grace period", "a shorter
 * timeout"): a duration, not "600 px or 200 characters"; else nothing.
 */
function spanComparative(noun: string | undefined, dimension: Dimension): string | undefined {
  const head = noun?.split(' ').pop()?.toLowerCase() ?? '';
  if (dimension !== 'size' || !DURATION_HEADS.test(head) || /^(?:time|times|while)$/.test(head)) return undefined;
  return `e.g. half the current ${head.replace(/s$/, '')}, or a duration with a unit such as 10 s`;
}

/** Nouns of a length of time after "an amount of": "a sufficient amount of time". */
const DURATION_NOUNS = /^(?:time|days|weeks|months|years|hours|minutes|seconds)$/;

/** A noun phrase whose head is a plural ("the UUIDs", "the retries"), not a singular in -s ("the status", "the access"). */
const PLURAL_NP = /^(?:the|these|those|all|its|their)\s(?:.*\s)?(?:[a-z]*[a-z][^su'\s]s|[A-Z]{2,}s|[a-z]+ies)$/;

/** Nouns of a delay a user notices: "without noticeable lag", "no perceptible delay". */
const LAG_NOUNS = /^(?:lag|lags|latency|delay|delays|stutter|stuttering|jank|pause|pauses|freeze|freezes|hitch|hitches|flicker|flickering|wait|waits|waiting|downtime|jitter|slowdown|slowdowns)$/;
/** Nouns that count: "a reasonable number of suggestions", "a sufficient count". */
const COUNT_NOUNS = /^(?:number|count)$/;
/** Words whose count is bounded from above ("a reasonable number") or from below ("a sufficient number"). */
const AT_MOST_WORDS = new Set(['reasonable', 'manageable', 'small', 'limited', 'acceptable', 'modest', 'moderate', 'sensible', 'few', 'minimal', 'low']);
const AT_LEAST_WORDS = new Set(['sufficient', 'adequate', 'enough', 'large', 'high', 'ample', 'generous', 'big', 'significant', 'substantial', 'considerable']);
/** Words of the length of a text: "a brief description", "short labels". */
const TEXT_LENGTH_WORDS = new Set(['short', 'brief', 'long', 'concise', 'lengthy', 'succinct', 'terse', 'verbose']);
/** Nouns of a text people read, whose length is counted in characters, words or sentences (not a log, an output). */
// Forty-second round: a string a user reads or types ("a short arbitrary URI", "a short preview").
const TEXT_LENGTH_NOUNS = /^(?:message|messages|sentence|sentences|summary|summaries|explanation|explanations|description|descriptions|reason|reasons|label|labels|notice|notices|warning|warnings|feedback|documentation|instructions?|title|titles|caption|captions|name|names|note|notes|comment|comments|wording|answer|answers|introduction|overview|bio|tagline|excerpt|snippet|uris?|urls?|previews?|slugs?|usernames?|paragraphs?|lines?|headlines?|subheadlines?|sub-headlines?|headings?|subheadings?|subtitles?|blurbs?|tooltips?|hints?)$/;

// Forty-second round: the head noun's kind decides the unit of a size word ("small screens", "minimal code changes", "a
// low likelihood" asked for "10 MB, 500 items"; "short TTLs" for MB).
/** Nouns of prose, whose conciseness is its length: "a concise summary", "concise error messages". */
// Forty-eighth round: a headline, a title, a caption ("a concise subheadline" was "What makes the subheadline concise?").
const PROSE_NOUNS = /^(?:message|messages|summary|summaries|explanation|explanations|description|descriptions|answer|answers|instructions?|notes?|comments?|replies|reply|headlines?|subheadlines?|sub-headlines?|headings?|subheadings?|titles?|subtitles?|taglines?|captions?|blurbs?|tooltips?)$/;
/** Nouns of a string a user reads and types, counted in characters: "a short arbitrary URI", "short slugs". */
const TYPED_STRING_NOUNS = /^(?:uris?|urls?|slugs?|usernames?)$/;
/** Nouns of a probability: "a low likelihood of collision", "a small chance". */
const PROBABILITY_NOUNS = /^(?:likelihood|probability|probabilities|chance|chances|odds)$/;
/** Nouns of a share of a whole: "the large majority of attempts", "a small fraction". */
const SHARE_NOUNS = /^(?:majority|minority|share|fraction|proportion|percentage)$/;
/** Nouns of a screen, sized by its viewport width: "small screens", "large displays". */
const SCREEN_NOUNS = /^(?:screens?|displays?|viewports?|monitors?)$/;
/** Nouns of an element drawn on a page, sized in px: "small chips", "large touch targets". */
const UI_SIZE_NOUNS = /^(?:chips?|buttons?|icons?|badges?|avatars?|thumbnails?|targets?|fonts?|margins?|padding|gaps?|spacing|radius|radii|shadows?|dots?|toggles?|checkboxes)$/;
/** Words of the size of a thing drawn on a page or a screen. */
const DRAWN_SIZE_WORDS = new Set(['small', 'large', 'big', 'tiny', 'huge']);
/** Nouns of a change to code, sized by the lines or files it touches: "minimal code changes", "small fixes". */
const CHANGE_SIZE_NOUNS = /^(?:changes?|fix|fixes|patch|patches|diffs?|edits?|modifications?|refactors?|refactorings?|boilerplate)$/;
/** Nouns of a span of time, whatever the size word: "short TTLs", "a long timeout", "for a short time". */
const DURATION_HEADS = /^(?:ttls?|timeouts?|time-outs?|lifetimes?|durations?|periods?|intervals?|delays?|waits?|pauses?|cooldowns?|expiry|expiration|retention|time|times|while)$/;
/** Nouns of something shown for a time, when a word of length qualifies it: "brief visual emphasis", "a short animation". */
const SHOWN_FOR_NOUNS = /^(?:emphasis|highlights?|flash(?:es)?|animations?|transitions?|pulses?|blinks?)$/;
/** Words of a length: of a text, or of a time. */
const LENGTH_WORDS = new Set(['short', 'brief', 'long', 'lengthy']);
/** Degree words that pick some of a set out ("key metrics", "major sections", "every significant UI element"). */
const PICKING_WORDS = new Set(['key', 'major', 'significant']);
/** Nouns of the things such a word picks out: a list to name, not a threshold to set. */
const PICKED_NOUNS = /^(?:metrics?|information|info|details?|sections?|elements?|fields?|pages?|differentiators?|points?|components?|areas?|actions?|workflows?|flows?|endpoints?|terms?|concepts?|stakeholders?|files?|modules?|steps?|scenarios?|topics?|functions?|functionality|capabilit(?:y|ies)|entit(?:y|ies)|milestones?|insights?|takeaways?|statistics|stats|indicators?|kpis?|dates?|journeys?|operations?|apis?|groups?|categories|category|screens?|views?|dependencies|dependency|interfaces?|services?|paths?|parts?)$/;

/** Verbs of writing or saying something, whose "briefly" is a length of text. */
const WRITING_VERBS = /^(?:document|documented|describe|described|explain|explained|outline|outlined|summari[sz]e|summari[sz]ed|state|stated|note|noted|mention|mentioned|list|listed|comment|commented|answer|answered|reply|replied|respond|responded|write|written|say|said|introduce|introduced|discuss|discussed|justify|justified|tell|told|report|reported|recap|recapped)$/;
/** Verbs of showing or holding something for a while, whose "briefly" is a length of time. */
const BRIEFLY_SHOWN_VERBS = /^(?:show|shown|display|displayed|appear|flash|flashed|highlight|highlighted|pause|paused|wait|hold|held|blink|blinked|pulse|pulsed|stay|remain|linger|visible)$/;

/** Of a verb phrase from `verbPhrase` ("be documented", "outline the steps"): is "briefly" its text's length or a time? */
function lengthVerb(vp: string): 'text' | 'time' | undefined {
  const words = vp.toLowerCase().split(' ');
  const verb = words[0] === 'be' ? words[1] ?? '' : words[0]!;
  return WRITING_VERBS.test(verb) ? 'text' : BRIEFLY_SHOWN_VERBS.test(verb) ? 'time' : undefined;
}

/** The duration examples of a domain: a length of time, not a delay from an event. */
function durationExample(domain: 'policy' | 'software' | 'protocol'): string {
  return domain === 'software' ? 'e.g. 300 ms, 30 s, 15 minutes, 24 hours' : EXAMPLES[domain].speed;
}
/** Forty-ninth round: words of sparseness, nouns of a look, words of little and nouns of what a person knows. */
const SPARSE_WORDS = new Set(['minimal', 'minimalist', 'minimalistic']);
const LOOK_NOUNS = /^(?:design|designs|ui|interface|interfaces|layout|layouts|look|style|styles|styling|aesthetic|aesthetics|theme|themes)$/;
const FEW_WORDS = new Set(['minimal', 'little', 'limited', 'low', 'basic']);
const EXPERIENCE_NOUNS = /^(?:familiarity|experience|knowledge|expertise|training|skills?|literacy|proficiency)$/;

/** Nouns of things sorted into kinds, not measured: "major breaking changes", "a minor problem". */
const KIND_NOUNS = /^(?:changes?|issues?|bugs?|problems?|errors?|features?|updates?|incidents?|defects?|failures?|differences?|modifications?|revisions?|versions?|releases?|events?|violations?|concerns?|findings?|vulnerabilit(?:y|ies)|regressions?|edits?|decisions?|outages?)$/;
/** Words of the speed of a task done by hand ("quick entry"), not of its time ("early access"). */
const TASK_WORDS = new Set(['quick', 'fast', 'rapid', 'swift', 'speedy']);
/** Nouns of a task a user does by hand: "quick grade entry", "fast checkout". */
const TASK_NOUNS = /^(?:entry|entries|input|editing|checkout|setup|set-up|onboarding|signup|sign-up|registration|capture|booking|lookup|access|logging-in)$/;

/**
 * Twenty-fourth round: the question a noun's measure asks, when it is not the word's own dimension (see `questionFor`),
 * or nothing.
 */
function measuredBy(ctx: BlockContext, c: Candidate, phrase: string, noun: string, np: string): string | undefined {
  const w = c.word!;
  const adj = w.base;
  const head = noun.split(' ').pop()!.toLowerCase();
  const ex = EXAMPLES[ctx.domain];
  const platform = ctx.domain === 'software' ? platformQuestion(ctx, c, phrase, noun) : undefined;
  if (platform) return platform;
  if (LAG_NOUNS.test(head) && (w.dimension === 'degree' || w.dimension === 'quality')) {
    const examples = ctx.domain === 'software' ? 'e.g. under 100 ms from input to screen, at least 30 frames per second' : ex.speed;
    return `How much ${noun} counts as “${phrase}”? Give a maximum delay from a named event, or a frame rate (${examples}).`;
  }
  if (COUNT_NOUNS.test(head) && c.pattern !== 'amount' && (w.dimension === 'degree' || w.dimension === 'quality' || w.dimension === 'size' || w.dimension === 'quantity')) {
    // The noun's own index: adjectives may stand between ("minimal possible number of conversions").
    let at = c.end;
    while (at < c.end + 4 && ctx.tokens[at] !== undefined && ctx.tokens[at]!.norm !== head) at++;
    const what = countedNouns(ctx, at + 1) ?? 'items';
    if (AT_MOST_WORDS.has(adj)) return `How many ${what} at most count as a “${phrase}” ${head}? Give the maximum count (e.g. at most 5, no more than 20 per page).`;
    if (AT_LEAST_WORDS.has(adj)) return `How many ${what} at least count as a “${phrase}” ${head}? Give the minimum count (e.g. at least 3).`;
    return `How many ${what} count as a “${phrase}” ${head}? Give a number or a range (${ex.quantity}).`;
  }
  // Forty-eighth round: a word of fitness before a span of time ("an appropriate expiration", "a reasonable duration")
  // asks for the duration (was "What makes the duration reasonable? … what it must contain or do").
  if (SPAN_FITNESS_WORDS.has(adj) && DURATION_HEADS.test(head) && !/^(?:time|times|while)$/.test(head) && ctx.domain !== 'policy') {
    return `What ${noun.replace(/^(?:the|a|an|this|each|every|its|their)\s/i, '')} ${/[^s]s$/.test(head) ? 'count' : 'counts'} as “${phrase}”? Give a duration with a unit, or the rule that sets it (${durationExample(ctx.domain)}).`;
  }
  // Forty-eighth round: "high resolution" is counted in pixels (was "a bound with a unit (e.g. 10 MB, 500 items …)").
  if ((adj === 'high' || adj === 'low') && /^resolutions?$/.test(head) && ctx.domain === 'software') {
    return `How ${adj} is “${phrase}” for ${np}? Give it in pixels (e.g. at least 1920 × 1080 px, 2× the screen’s density, 300 dpi for print).`;
  }
  // Forty-eighth round: "large volumes of notifications" is a count of what the volume is of (was "a bound with a unit (e.g.
  // 10 MB …)" for "the volumes"); "large volumes of data" keeps its question.
  if (w.dimension === 'size' && /^volumes?$/.test(head)) {
    let at = c.end;
    while (at < c.end + 4 && ctx.tokens[at] !== undefined && ctx.tokens[at]!.norm !== head) at++;
    const what = countedNouns(ctx, at + 1);
    if (what !== undefined && /^[a-z -]*[^s]s$/.test(what)) return `How many ${what} count as “${phrase} ${head}”? Give the count to design and test for (e.g. 10,000 ${what} per user, 1 million in all).`;
  }
  // Forty-ninth round: "a clean, minimal UI design" is a look to describe, not a size (was "a bound with a unit (e.g. 10
  // MB, 500 items …)"); "users with minimal platform familiarity" are users to describe.
  if (w.dimension === 'size' && SPARSE_WORDS.has(adj) && LOOK_NOUNS.test(head)) {
    return `What makes ${np} ${phrase}? Say what it shows and what it leaves out, so a reviewer can check it (e.g. one accent colour, no decorative images, at most 5 items in the navigation).`;
  }
  if ((w.dimension === 'size' || w.dimension === 'quantity' || w.dimension === 'degree') && FEW_WORDS.has(adj) && EXPERIENCE_NOUNS.test(head)) {
    return `Which users does “${phrase} ${noun}” describe? Name them so a test can pick them (e.g. first-time users with no training, users who have never used a similar tool).`;
  }
  if (head === 'contrast') {
    return `What contrast ratio counts as “${phrase}”? Name the ratio or the level of a standard (e.g. WCAG 2.2 AA: at least 4.5:1 for body text, 3:1 for large text).`;
  }
  // Forty-second round: "a concise summary" is a length too (was "What must the summary contain …"): a word of quality
  // of length asks it of prose only ("a concise overview of the build version, …" may be a choice of fields). A string
  // a user types ("a short arbitrary URI") is counted in characters.
  if (TEXT_LENGTH_WORDS.has(adj) && (w.dimension === 'size' ? TEXT_LENGTH_NOUNS : PROSE_NOUNS).test(head)) {
    if (TYPED_STRING_NOUNS.test(head)) return `How ${adj} is “${phrase}” for ${np}? Give a length in characters (e.g. ${adj === 'long' || adj === 'lengthy' ? 'longer than 200 characters' : 'at most 40 characters, short enough to type from a phone'}).`;
    const examples = ctx.domain === 'policy' ? ex.size : 'e.g. at most 80 characters, one sentence, no more than 50 words';
    return `How ${adj} is “${phrase}” for ${np}? Give a length in characters, words or sentences (${examples}).`;
  }
  const sizeOrDegree = w.dimension === 'size' || w.dimension === 'degree' || w.dimension === 'quantity';
  if (sizeOrDegree && PROBABILITY_NOUNS.test(head)) {
    return `How ${adj} is “${phrase}” for ${np}? Give a probability or a rate (e.g. below 1 in 2^32 per value generated, under 0.1% of requests).`;
  }
  if (sizeOrDegree && SHARE_NOUNS.test(head)) {
    return `What share counts as a “${phrase} ${head}”? Give a percentage (e.g. at least 90% of attempts, fewer than 1 in 10).`;
  }
  if (w.dimension === 'size' && (DURATION_HEADS.test(head) || (LENGTH_WORDS.has(adj) && SHOWN_FOR_NOUNS.test(head)))) {
    return `How ${adj} is “${phrase}” for ${np}? Give a duration with a unit (${durationExample(ctx.domain)}).`;
  }
  if (w.dimension === 'size' && ctx.domain === 'software' && DRAWN_SIZE_WORDS.has(adj) && SCREEN_NOUNS.test(head)) {
    return `How ${adj} is “${phrase}” for ${np}? Give a viewport width in px or a named breakpoint (e.g. ${adj === 'small' || adj === 'tiny' ? 'narrower than 640 px, the “sm” breakpoint and below' : 'wider than 1280 px, the “xl” breakpoint and above'}).`;
  }
  if (w.dimension === 'size' && ctx.domain === 'software' && DRAWN_SIZE_WORDS.has(adj) && UI_SIZE_NOUNS.test(head)) {
    return `How ${adj} is “${phrase}” for ${np}? Give a size in px or rem (e.g. 24 px high, at least 44 × 44 px for a touch target, 0.875 rem text).`;
  }
  if (w.dimension === 'size' && ctx.domain === 'software' && CHANGE_SIZE_NOUNS.test(head)) {
    return head === 'boilerplate'
      ? `How ${adj} is “${phrase}” for ${np}? Give the lines of code it takes (e.g. at most 20 lines, no new file).`
      : `How ${adj} is “${phrase}” for ${np}? Give the lines or files touched (e.g. at most 50 changed lines, no more than 3 files, no public interface changed).`;
  }
  if (w.dimension === 'degree' && PICKING_WORDS.has(adj) && PICKED_NOUNS.test(head)) {
    const plural = /[^s]s$/.test(head) || /ies$/.test(head) || head === 'statistics' || head === 'stats';
    return `Which ${noun} ${plural ? 'count' : 'counts'} as “${phrase}”? List them, or state the rule that picks them (e.g. the list by name, or a rule a reviewer can apply to each).`;
  }
  if (w.dimension === 'degree' && KIND_NOUNS.test(head)) {
    const examples = /^changes?$/.test(head) ? 'e.g. removing or renaming a field counts, adding an optional one does not' : 'e.g. the kinds that qualify, with an example on each side of the line';
    return /s$/.test(head)
      ? `Which ${noun} count as “${phrase}”? Name the kinds that do, with an example on each side (${examples}).`
      : `What kind of ${noun} counts as “${phrase}”? Name the kinds that do, with an example on each side (${examples}).`;
  }
  if (w.dimension === 'speed' && TASK_WORDS.has(adj) && TASK_NOUNS.test(head) && ctx.domain !== 'protocol') {
    return `How ${adj} must ${np} be for the user? Give the steps or the time it takes (e.g. at most 3 clicks or keystrokes, under 10 s from opening the form to saving).`;
  }
  return undefined;
}

/** After a noun of count at `k - 1`: the nouns of its "of" phrase ("number of [concurrent Pods]"), else nothing. */
function countedNouns(ctx: BlockContext, k: number): string | undefined {
  const { tokens } = ctx;
  if (tokens[k]?.norm !== 'of' || tokens[k]!.sentence !== tokens[k - 1]?.sentence) return undefined;
  let j = k + 1;
  if (tokens[j]?.norm === 'the') j++;
  const words: string[] = [];
  for (; j < tokens.length && j < k + 6 && tokens[j]!.sentence === tokens[k]!.sentence && tokens[j]!.kind === 'word'; j++) {
    const pos = posOf(ctx, j);
    if (pos === 'NOUN' || pos === 'PROPN' || (pos === 'ADJ' && posOf(ctx, j + 1) !== 'ADP')) words.push(tokens[j]!.raw);
    else break;
  }
  while (words.length && posOf(ctx, j - 1) === 'ADJ') {
    words.pop();
    j--;
  }
  return words.length ? words.join(' ') : undefined;
}

/**
 * Twenty-fourth round: the nouns right after a lexicon modifier of one token ("long-lived caching headers",
 * "real-time updates"), which it qualifies; else nothing.
 */
function attributiveNoun(ctx: BlockContext, c: Candidate): string | undefined {
  const { tokens } = ctx;
  if (c.end - c.start !== 1 || !/^[a-z]+(?:-[a-z]+)+$/.test(tokens[c.start]!.norm)) return undefined;
  const words: string[] = [];
  for (let k = c.end; k < tokens.length && k < c.end + 4; k++) {
    const t = tokens[k]!;
    if (t.sentence !== tokens[c.start]!.sentence || t.kind !== 'word' || t.start - tokens[k - 1]!.end > 1) break;
    const pos = posOf(ctx, k);
    // "a short-lived access token", "reset token link": a verb's base form before a noun modifies it.
    const beforeNoun = pos === 'VERB' && !/(?:ed|ing)$/.test(t.norm) && tokens[k + 1]?.kind === 'word' && tokens[k + 1]!.sentence === t.sentence && posOf(ctx, k + 1) === 'NOUN';
    if (pos === 'NOUN' || pos === 'PROPN' || CAPITALS.test(t.raw) || beforeNoun || (pos === 'VERB' && NOMINAL_GERUNDS.has(t.norm))) words.push(t.raw);
    // "a short-lived access token.": the last noun, read as an adjective, ends the phrase.
    else if (words.length && pos === 'ADJ' && /^[a-z]+$/.test(t.raw) && phraseEndsAfter(ctx, k)) {
      words.push(t.raw);
      break;
    }
    // "real-time decline alerts showing …", "real-time UI update.": the last noun, read as a verb.
    else if (words.length && pos === 'VERB' && !/(?:ed|ing)$/.test(t.norm) && (/[^s]s$/.test(t.norm) || CAPITALS.test(words[words.length - 1]!)) && phraseEndsAfter(ctx, k)) {
      words.push(t.raw);
      break;
    } else break;
  }
  return words.length ? words.join(' ') : undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function overlapsGlossary(matcher: Matcher, tokens: Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (matcher.glossary.match(tokens, j)) return true;
  return false;
}

/** Curly double quotes, opening and closing (a Chinese spec quotes wording in them). */
const CURLY_QUOTES = /[“”]/g;

/** Calls for care: in a standard, the one kind of wording that keeps its severity. */
const CALLS_FOR_CARE = new Set(['care must be taken', 'err on the side of caution']);

/**
 * In a standard (`AmbiguityOptions.standard`), a finding's default severity: calls for care ("caution should be
 * exercised": what must be done is not said) keep theirs; evaluative words, comparatives, quantities, time words,
 * escape clauses ("when possible", "where applicable": read out of sample, the list or the section right after
 * answered them), open-ended lists and the other weak wordings are hints (shown in the editor, not in the Problems
 * view or `clarify check`'s text output).
 */
function standardSeverity(category: AmbiguityCategory, term: string, base: Severity): Severity {
  return category === 'weak' && CALLS_FOR_CARE.has(term) ? base : 'hint';
}

/**
 * `termSeverity` (by the form as written, then by the term) over `categorySeverity` over the default (in a standard,
 * standardSeverity's).
 */
function severityOf(
  c: Pick<Candidate, 'category' | 'term' | 'entry'>,
  phrase: string,
  base: Severity,
  options: AmbiguityOptions,
  termSeverity: ReadonlyMap<string, AmbiguitySeverity>,
): AmbiguitySeverity {
  if (termSeverity.size) {
    const byTerm = termSeverity.get(termKey(phrase)) ?? termSeverity.get(termKey(c.term)) ?? (c.entry ? termSeverity.get(termKey(c.entry.term)) : undefined);
    if (byTerm !== undefined) return byTerm;
  }
  const byCategory = options.categorySeverity?.[c.category];
  if (byCategory !== undefined) return byCategory;
  return options.standard ? standardSeverity(c.category, c.entry?.term ?? c.term, base) : base;
}

const WHITESPACE_RUN = /\s+/g;

/** How user-given terms are compared: trimmed, lowercase, single spaces. */
function termKey(term: string): string {
  return term.trim().toLowerCase().replace(WHITESPACE_RUN, ' ');
}

// ---------------------------------------------------------------------------------------------------------------------
// Suppression comments

const DISABLE_OPEN_RE = /<!--\s*clarifier-disable-next-line\b/g;

/**
 * `<!-- clarifier-disable-next-line -->` (everything) or `<!-- clarifier-disable-next-line ambiguity.vague, ambiguity.time -->`
 * (those codes; `ambiguity` means every ambiguity category) silences the next non-blank line after the comment.
 * Returns 0-based line -> the codes silenced there, or 'all'.
 */
export function suppressedLines(specText: string): Map<number, Set<string> | 'all'> {
  const result = new Map<number, Set<string> | 'all'>();
  if (!specText.includes('clarifier-disable-next-line')) return result;
  const lines = new LineIndex(specText);
  // Linear on hostile input: the closing `-->` is found with indexOf from where the last search ended (a lazy regex
  // rescanned the rest of the file for every unclosed comment), and the next non-blank line is searched from the last
  // one found (comments in a row before many blank lines do not rescan them).
  let nonBlankFrom = -1;
  let nonBlankAt = -1;
  DISABLE_OPEN_RE.lastIndex = 0;
  for (let m = DISABLE_OPEN_RE.exec(specText); m; m = DISABLE_OPEN_RE.exec(specText)) {
    const close = specText.indexOf('-->', m.index + m[0].length);
    if (close < 0) break;
    DISABLE_OPEN_RE.lastIndex = close + 3;
    let line = lines.positionAt(close + 3).line + 1;
    if (line <= nonBlankAt && line >= nonBlankFrom) line = nonBlankAt;
    else {
      nonBlankFrom = line;
      while (line < lines.lineCount && lines.lineText(line).trim() === '') line++;
      nonBlankAt = line;
    }
    if (line >= lines.lineCount) continue;
    const codes = specText.slice(m.index + m[0].length, close).split(/[\s,]+/).filter(Boolean);
    const existing = result.get(line);
    if (!codes.length || existing === 'all') result.set(line, 'all');
    else result.set(line, new Set([...(existing ?? []), ...codes]));
  }
  return result;
}

/** An `isSuppressed` callback for `findAmbiguities` from the spec's text (its suppression comments). */
export function suppressionChecker(specText: string): (offset: number, category: AmbiguityCategory) => boolean {
  const byLine = suppressedLines(specText);
  if (!byLine.size) return () => false;
  const lines = new LineIndex(specText);
  return (offset, category) => {
    const codes = byLine.get(lines.positionAt(offset).line);
    if (!codes) return false;
    return codes === 'all' || codes.has('ambiguity') || codes.has(`ambiguity.${category}`);
  };
}

/**
 * Third round (issue 13, Model Spec precision): general ways a sentence, or the sentence before it, answers the
 * question a vague word would raise. Each is a structure of the sentence, not a phrase list:
 * - a test after a quality word: "straightforward answers without resorting to false neutrality" (what to avoid is
 *   checkable), or the constraint "the best" answer is best under ("while adhering to the requested format");
 * - a proportion with its measure: "proportionately to their level of acceptance";
 * - examples right after the noun: "safer alternatives (for example, educational resources …)";
 * - "Similarly, …" repeating a word the sentence before settles ("… transparently indicated …, specifying …");
 * - a comparative of detail after a summary in the same sentence ("summarize the key points up front and offer a more
 *   detailed audit trail"): the summary is the baseline;
 * - a description, after a colon, of the figure a likeness names ("sound like a colleague …: …, endeavoring to be
 *   helpful");
 * - a condition that names what the enclosing section is about ("When an objective stance is appropriate" under
 *   "Assume an objective point of view");
 * - "a safe guess", "safe to assume": likely to be right, not the safety sense;
 * - "a general best practice", "generic best practices": deliberately generic, no standard to name.
 */
function answeredNearby(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const next = tokens[c.end]?.norm ?? '';
  const quality = c.word?.dimension === 'quality' || c.entry?.term === 'the best';
  const best = c.entry?.term === 'the best';
  if (quality && (c.category !== 'comparative' || best) && testAfter(ctx, c.end, best)) return true;
  if (c.word?.base === 'proportionate' && next === 'to' && measureAfter(tokens, c.end + 1)) return true;
  if (c.word && examplesAfterNoun(tokens, c.end)) return true;
  if (settledBefore(ctx, c)) return true;
  if (c.category === 'comparative' && summaryBaseline(ctx, c.start)) return true;
  if (c.word?.base === 'safe' && c.word.form === 'adj' && SAFE_IDIOM.test(next)) return true;
  if (c.entry?.term === 'best practices' && /^(?:general|generic)$/.test(tokens[c.start - 1]?.norm ?? '')) return true;
  if (c.word?.dimension === 'quality' && conditionNamesSection(ctx, c.start)) return true;
  if (c.word && describesLikeness(ctx, c.start)) return true;
  return false;
}

/**
 * "it should sound like a colleague, rather than a close personal friend: interested in the conversation, …, and
 * endeavoring to be helpful": after the colon the sentence describes the figure it compares with; the requirement is
 * the likeness. "It should sound professional: concise and helpful" (no likeness) stays a finding.
 */
function describesLikeness(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  for (let k = at - 1; k >= from && k >= at - LOOK_AROUND; k--) {
    if (tokens[k]!.norm !== ':') continue;
    for (let j = k - 1; j >= from && j >= k - 12; j--) {
      if (tokens[j]!.norm === 'like' && /^(?:a|an|the)$/.test(tokens[j + 1]?.norm ?? '') && /^(?:sound|sounds|act|acts|behave|behaves|write|writes|speak|speaks|be|look|looks)$/.test(tokens[j - 1]?.norm ?? '')) return true;
    }
    return false;
  }
  return false;
}

/**
 * "When an objective stance is appropriate, …" in a section titled "Assume an objective point of view": the condition
 * names what the section is about, and the section (its bullets and examples) says when it applies. A condition about
 * something the section's title does not name ("When a summary is appropriate" under "Rules") stays a finding.
 */
function conditionNamesSection(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  if (!ctx.section || !/^(?:is|are)$/.test(tokens[at - 1]?.norm ?? '')) return false;
  const title = new Set(ctx.section.split(/[^a-z0-9-]+/));
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  const words: string[] = [];
  for (let k = at - 2; k >= from && k >= at - 8; k--) {
    const n = tokens[k]!.norm;
    if (n === 'when' || n === 'if' || n === 'where' || n === 'whenever') return words.some((w) => w.length > 3 && title.has(w));
    if (tokens[k]!.kind !== 'word') return false;
    words.push(n);
  }
  return false;
}

const MEASURE_NOUNS = new Set(['level', 'levels', 'degree', 'extent', 'amount', 'size', 'severity', 'weight', 'strength', 'share', 'number']);

/** "proportionately to their level of acceptance": a proportion to a named measure (not "to the objectives"). */
function measureAfter(tokens: Token[], from: number): boolean {
  for (let k = from; k < tokens.length && k < from + 4 && tokens[k]!.kind === 'word'; k++) if (MEASURE_NOUNS.has(tokens[k]!.norm)) return true;
  return false;
}

/** "safe guess", "safe bet", "safe assumption", "safe to assume": likely to be right. */
const SAFE_IDIOM = /^(?:guess|guesses|bet|bets|assumption|assumptions|to)$/;
/** Verbs after "while" that state what must hold alongside: "while ensuring", "while adhering to". */
const WHILE_TEST = /^(?:ensuring|adhering|maintaining|keeping|preserving|respecting|staying|remaining)$/;

/**
 * Later in the sentence: "without" + a gerund ("without resorting to …"); for "the best", also the constraint it is
 * best under ("the best answer possible while adhering to the requested format"). A "while ensuring" part after other
 * words adds a second requirement, it does not say what the word means ("reasonable assumptions …, while ensuring …").
 */
function testAfter(ctx: BlockContext, end: number, constraint: boolean): boolean {
  const { tokens } = ctx;
  const sentence = tokens[end - 1]!.sentence;
  for (let k = end; k < tokens.length && k < end + 12 && tokens[k]!.sentence === sentence; k++) {
    const n = tokens[k]!.norm;
    const after = tokens[k + 1];
    if (n === 'without' && after?.kind === 'word' && after.norm.length > 4 && after.norm.endsWith('ing')) return true;
    if (constraint && n === 'while' && after?.kind === 'word' && WHILE_TEST.test(after.norm)) return true;
  }
  return false;
}

/** The noun after the word is followed by examples: "alternatives (for example, …)", "tools, such as …". */
function examplesAfterNoun(tokens: Token[], end: number): boolean {
  for (let k = end; k < tokens.length && k <= end + 3; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') {
      if (t.norm !== '(' && t.norm !== ',') return false;
      const a = tokens[k + 1]?.norm;
      const b = tokens[k + 2]?.norm;
      if (a === 'e.g' || (a === 'for' && (b === 'example' || b === 'instance')) || (a === 'such' && b === 'as')) return k > end;
      return false;
    }
  }
  return false;
}

/** "Similarly, …" / "Likewise, …" with a word the sentence before also uses (and settles there). */
function settledBefore(ctx: BlockContext, c: Candidate): boolean {
  const { tokens } = ctx;
  const [first] = sentenceOpening(ctx, c.start, 1);
  if (first !== 'similarly' && first !== 'likewise') return false;
  const sentence = tokens[c.start]!.sentence;
  if (sentence === 0) return false;
  const base = c.word?.base ?? tokens[c.start]!.norm;
  const [from, to] = ctx.sentences[sentence - 1]!;
  for (let k = from; k <= to && k < tokens.length; k++) {
    if (tokens[k]!.norm === base || CLASS_WORDS.get(tokens[k]!.norm)?.base === base) return true;
  }
  return false;
}

const DETAIL_WORDS = new Set(['detailed', 'thorough', 'complete', 'extensive', 'comprehensive', 'in-depth', 'elaborate']);
const SUMMARY_WORDS = /^(?:summary|summaries|summarize|summarizes|summarise|summarises|overview|outline|gist)$/;

/** "more detailed" after a summary earlier in the same sentence: the summary is the baseline. */
function summaryBaseline(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const self = comparativeAt(tokens, at);
  if (!self || !self.up || !DETAIL_WORDS.has(self.base)) return false;
  const [from] = ctx.sentences[tokens[at]!.sentence]!;
  for (let k = Math.max(from, at - LOOK_AROUND); k < at; k++) if (SUMMARY_WORDS.test(tokens[k]!.norm)) return true;
  return false;
}

/** The question for "safe", "unsafe", "trustworthy" in a behaviour policy: about harm and reliance, not attacks. */
function harmQuestion(phrase: string, adj: string, np: string, qualityExamples: string): string {
  if (adj === 'trustworthy') return `What makes ${np} ${phrase}? State what a user must be able to rely on (${qualityExamples}).`;
  return `${cap(phrase)} with respect to which harms, and to whom? Name the risks ${np} must avoid (e.g. physical harm to the user or to others, self-harm, or harm to minors).`;
}
