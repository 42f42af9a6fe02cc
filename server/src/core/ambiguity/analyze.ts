import type { Severity } from '../types';
import type { ProseBlock } from '../spec/parseSpec';
import { LineIndex } from '../text';
import {
  AMBIGUITY_CATEGORIES,
  DEFAULT_QUESTIONS,
  LEXICON,
  NOT_AMBIGUOUS,
  TOLERANCE_QUESTION,
  type AmbiguityCategory,
  type LexiconEntry,
} from './lexicon';

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
  /** The spec's full text: when given, list items under a normative lead-in are recognised by their markers. */
  specText?: string;
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
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const CAMEL = /[a-z][A-Z]/;
const CODE_CHARS = /[_./]/;
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

/** Characters kept inside a word when a word character follows (and precedes). */
const JOINERS = new Set(['-', '_', '.', "'", '\u2019', '/', '\u2010', '\u2011', ',']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0') {
      i++;
      continue;
    }
    if (isWordChar(ch)) {
      const start = i;
      const numeric = isDigit(ch);
      i++;
      while (i < n) {
        const c = text[i]!;
        if (isWordChar(c)) i++;
        // "," joins only digits (10,000); "." inside words (file.ext, e.g) and numbers (1.3)
        else if (JOINERS.has(c) && isWordChar(text[i + 1]) && (c !== ',' || (numeric && isDigit(text[i + 1])))) i++;
        else break;
      }
      const raw = text.slice(start, i);
      const norm = raw.toLowerCase().replace(CURLY_APOSTROPHE, "'").replace(UNICODE_HYPHENS, '-');
      const code = !numeric && norm !== 'and/or' && (CODE_CHARS.test(norm) || CAMEL.test(raw)) && !ABBREVIATIONS.has(norm);
      tokens.push({ kind: numeric ? 'number' : 'word', norm, raw, start, end: i, code, quoted: false, sentence: 0, clause: 0 });
      continue;
    }
    tokens.push({ kind: 'punct', norm: ch, raw: ch, start: i, end: i + 1, code: false, quoted: false, sentence: 0, clause: 0 });
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
  if (t.kind !== 'word' || t.quoted) return false;
  return KEYWORDS_ANY_CASE.has(t.norm) || KEYWORDS_UPPER.has(t.raw);
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

const RATE_WORDS = new Set(['per', 'a', 'an', 'every', 'each']);
const PERCENTILE = /^p\d{2}(?:\.\d+)?$/;
const COMPARISON_SIGNS = new Set(['<', '>', '\u2264', '\u2265', '\u00b1', '=', '\u2248']);
const DETERMINERS = new Set([
  'the', 'a', 'an', 'its', 'their', 'your', 'his', 'her', 'our', 'my', 'all', 'any', 'each', 'every', 'this', 'that',
  'these', 'those', 'it', 'them',
]);
/** Words that open a clause a keyword before them does not govern: "should proceed even if there is some ambiguity". */
const SUBORDINATORS = new Set(['even', 'if', 'unless', 'although', 'though', 'because', 'since', 'whereas', 'whether', 'where', 'which', 'who', 'whom', 'whose']);
const NEGATIONS = new Set(['not', 'never', 'nor', 'no', "shouldn't", "mustn't", "shan't"]);
const EVENT_WORDS = new Set(['after', 'before', 'upon', 'on', 'when', 'whenever', 'once', 'following', 'if', 'as']);
/** "immediately usable" means directly usable, not a time. */
const READINESS_WORDS = new Set(['usable', 'useful', 'actionable', 'obvious', 'clear', 'apparent', 'visible', 'understandable', 'recognizable', 'recognisable', 'helpful', 'relevant']);
const SOURCE_WORDS = new Set(['by', 'in', 'under', 'per']);

/** Categories a measurable bound can settle. */
const BOUNDABLE: ReadonlySet<AmbiguityCategory> = new Set<AmbiguityCategory>(['vague', 'quantity', 'comparative', 'time']);

function isNumberLike(t: Token | undefined): boolean {
  return !!t && (t.kind === 'number' || (t.kind === 'word' && NUMBER_WORDS.has(t.norm)));
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

/** A measurable bound near tokens [from, to) in the same clause. */
function hasBound(tokens: Token[], from: number, to: number, category: AmbiguityCategory): boolean {
  if (category === 'quantity') return hasCount(tokens, to);
  const clause = tokens[from]!.clause;
  const lo = Math.max(0, from - 4);
  const hi = Math.min(tokens.length, to + 8);
  for (let k = lo; k < hi; k++) {
    if (k >= from && k < to) continue;
    const t = tokens[k]!;
    if (t.clause !== clause) {
      if (k < from) continue;
      break;
    }
    if (t.kind === 'number') return true;
    if (t.kind === 'punct') {
      if (COMPARISON_SIGNS.has(t.norm)) return true;
      continue;
    }
    if (PERCENTILE.test(t.norm)) return true;
    if (STANDARDS.has(t.norm) || STANDARDS.has(t.norm.split('-')[0]!)) return true;
    if (NUMBER_WORDS.has(t.norm) && UNITS.has(tokens[k + 1]?.norm ?? '')) return true;
    if ((t.norm === 'once' || t.norm === 'twice') && RATE_WORDS.has(tokens[k + 1]?.norm ?? '')) return true;
    if (category === 'comparative' && t.norm === 'than' && k >= to) return true;
    // A stated test: "appropriate enough that a user could show it to a coworker", "fast such that …".
    if (k === to && (t.norm === 'enough' || t.norm === 'such') && tokens[k + 1]?.norm === 'that') return true;
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

  /** The longest phrase matching at token `i`. */
  match(tokens: Token[], i: number): Phrase | undefined {
    const list = this.byFirst.get(tokens[i]!.norm);
    if (!list) return undefined;
    for (const p of list) if (matchesAt(tokens, i, p.words)) return p;
    return undefined;
  }
}

function matchesAt(tokens: Token[], i: number, words: string[]): boolean {
  if (i + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) {
    const t = tokens[i + k]!;
    if (t.quoted || t.code) return false;
    const w = words[k]!;
    if (w === '*') {
      if (t.kind !== 'word') return false;
    } else if (t.norm !== w) return false;
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
    }
  }
  for (const [key, entry] of added) if (!ignore.has(key)) phrases.add(entry.term, entry);
  for (const p of NOT_AMBIGUOUS) phrases.add(p);
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

export function findAmbiguities(blocks: ProseBlock[], options: AmbiguityOptions = {}): AmbiguityFinding[] {
  const matcher = buildMatcher(options);
  const authorities = new Set(options.normativeAuthorities ?? DEFAULT_NORMATIVE_AUTHORITIES);
  const termSeverity = new Map(Object.entries(options.termSeverity ?? {}).map(([k, v]) => [termKey(k), v]));
  const findings: AmbiguityFinding[] = [];
  // Inside a list under a normative lead-in ("The assistant must:"), and the block before this one.
  let underLeadIn = false;
  let prev: ProseBlock | undefined;
  for (const block of blocks) {
    const commentary = isCommentary(block);
    const inherited: boolean = underLeadIn && !!prev && !commentary && isListContinuation(prev, block, options.specText);
    const tokens = tokenize(block.text);
    markQuotes(block.text, tokens);
    segment(tokens);
    const context: BlockContext = {
      block,
      tokens,
      commentary,
      inherited,
      authorityNormative: !commentary && block.authority !== undefined && authorities.has(block.authority),
      firstKeyword: firstKeywords(tokens, commentary),
      firstWord: Math.max(0, tokens.findIndex((t) => t.kind !== 'punct')),
    };
    scanBlock(context, matcher, options, termSeverity, findings);
    // A block ending in ':' with a normative last sentence leads in the list items that follow it.
    const last = tokens.length - 1;
    const leadsIn: boolean = !commentary && tokens[last]?.norm === ':' && isNormativeAt(context, last);
    underLeadIn = leadsIn || inherited;
    prev = block;
  }
  return findings;
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
 * Is token `at` in the scope of a normative keyword: a keyword before it in its clause with no subordinator between
 * ("should cite some sources"; not "should proceed even if there is some ambiguity")?
 */
function inNormativeScope(ctx: BlockContext, at: number): boolean {
  const { tokens } = ctx;
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.clause === clause; j--) {
    const t = tokens[j]!;
    if (isKeyword(t)) return true;
    if (t.kind === 'word' && SUBORDINATORS.has(t.norm)) return false;
  }
  return inheritsAt(ctx, tokens[at]!.sentence);
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

/** Is token `at` in a list of examples ("e.g., A, B, etc.", "such as A, B and so on")? */
function inExampleList(tokens: Token[], at: number): boolean {
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= 0 && j >= at - LOOK_AROUND && tokens[j]!.clause === clause; j--) {
    const n = tokens[j]!.norm;
    const before = tokens[j - 1]?.norm;
    if (n === 'e.g' || ((n === 'example' || n === 'instance') && before === 'for') || (n === 'as' && before === 'such')) return true;
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

function scanBlock(
  ctx: BlockContext,
  matcher: Matcher,
  options: AmbiguityOptions,
  termSeverity: Map<string, AmbiguitySeverity>,
  out: AmbiguityFinding[],
): void {
  const { tokens, block } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.quoted || t.code) continue;
    const defined = matcher.glossary.match(tokens, i);
    if (defined) {
      i += defined.words.length - 1;
      continue;
    }
    const match = matcher.phrases.match(tokens, i);
    if (!match) continue;
    const end = i + match.words.length;
    if (!match.entry) {
      i = end - 1;
      continue;
    }
    if (overlapsGlossary(matcher, tokens, i + 1, end)) continue;
    const start = i;
    i = end - 1;
    const entry = match.entry;
    const question = questionAt(ctx, entry, start, end);
    if (question === undefined) continue;
    const normative = isNormativeAt(ctx, start);
    if (entry.category === 'weak' && !normative) continue;
    const phrase = block.text.slice(tokens[start]!.start, tokens[end - 1]!.end);
    const base = defaultAmbiguitySeverity(ctx.authorityNormative, normative);
    const severity = severityOf(entry, phrase, base, options, termSeverity);
    if (severity === 'off') continue;
    const from = block.start + tokens[start]!.start;
    if (options.isSuppressed?.(from, entry.category)) continue;
    const finding: AmbiguityFinding = {
      category: entry.category,
      term: entry.term,
      start: from,
      end: block.start + tokens[end - 1]!.end,
      phrase,
      question,
      normative,
      severity,
    };
    if (block.clauseId !== undefined) finding.clauseId = block.clauseId;
    out.push(finding);
  }
}

function overlapsGlossary(matcher: Matcher, tokens: Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (matcher.glossary.match(tokens, j)) return true;
  return false;
}

/** The question to ask at a match, or undefined when the context settles the term. */
function questionAt(ctx: BlockContext, entry: LexiconEntry, start: number, end: number): string | undefined {
  const { tokens } = ctx;
  const next = tokens[end];
  const nextWord = next?.kind === 'word' ? next.norm : undefined;
  switch (entry.rule) {
    case 'number-after':
      if (!isNumberLike(next)) return undefined;
      return hasTolerance(tokens, end) ? undefined : TOLERANCE_QUESTION;
    case 'approximation':
      if (isNumberLike(next)) return hasTolerance(tokens, end) ? undefined : TOLERANCE_QUESTION;
      break;
    case 'normative-scope':
      if (!inNormativeScope(ctx, start)) return undefined;
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
      if (nextWord !== undefined && (EVENT_WORDS.has(nextWord) || READINESS_WORDS.has(nextWord))) return undefined;
      break;
    case 'verb-object':
      if (nextWord !== undefined && DETERMINERS.has(nextWord)) return undefined;
      break;
    case 'not-by':
      if (nextWord !== undefined && SOURCE_WORDS.has(nextWord)) return undefined;
      break;
  }
  if (entry.category === 'open-ended' && inExampleList(tokens, start)) return undefined;
  if (BOUNDABLE.has(entry.category) && hasBound(tokens, start, end, entry.category)) return undefined;
  return entry.question;
}

/** `termSeverity` (by the form as written, then by the entry's term) over `categorySeverity` over the default. */
function severityOf(
  entry: LexiconEntry,
  phrase: string,
  base: Severity,
  options: AmbiguityOptions,
  termSeverity: Map<string, AmbiguitySeverity>,
): AmbiguitySeverity {
  if (termSeverity.size) {
    const byTerm = termSeverity.get(termKey(phrase)) ?? termSeverity.get(termKey(entry.term));
    if (byTerm !== undefined) return byTerm;
  }
  return options.categorySeverity?.[entry.category] ?? base;
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
