/**
 * Finds the comments of a source file: one left-to-right pass, driven by the language table in languages.ts.
 * Literals never hold citations [^ci4s].
 *
 * Design
 * - One generic lexer (`Lexer`) reads code token by token. At each position it tries, in order: the language's
 *   "early" features (raw strings, long brackets, `$'` variables, …), block comments, line comments, string rules,
 *   then "late" features (regex literals, char literals, heredocs, sigils, …); otherwise it consumes a whole
 *   identifier, number or punctuation character. Whole-word consumption is what makes prefixes work: at a quote
 *   the lexer knows the word right before it (`rb"…"`, `u8R"(…)"`, `r#"…"#`, `f"…"`).
 * - Strings are frames on an explicit stack, not recursion: a string with interpolation (`${…}`, `#{…}`, `\(…)`,
 *   `{…}`) pushes a code frame that ends at the matching bracket, and that code may hold strings again. The stack
 *   is capped; beyond the cap an interpolation opener is read as plain text. Comments inside an interpolation are
 *   real comments in the language and are reported as comments (except in Python f-strings, where `#` may be part
 *   of a format spec and comments are not recognised).
 * - Every scan moves forward. Look-aheads are bounded (char literals, raw delimiters) or never repeated over the
 *   same text (a failed regex literal disables regex detection for the rest of its line; a heredoc body or YAML
 *   block scalar is skipped line by line once). Together this keeps the pass O(n). Regexes are used only on short,
 *   bounded pieces (a prefix word, the attributes of one `<script>` tag), never on the file.
 * - Markup (HTML, XML, Vue, Svelte, PHP) has its own small scanner: `<!-- -->` comments, quoted attribute values
 *   skipped, and the content of `<script>`/`<style>` (and `<?php … ?>`) handed to the generic lexer with the
 *   embedded language's syntax.
 * - Never throws: any surprise ends the scan and returns the comments found so far. Unterminated comments and
 *   strings run to the end of the file (strings that may not span lines stop at the line break).
 *
 * Known limits (heuristics, by design)
 * - JS/TS: a `/` starts a regex after an operator, `(`, `,`, `=`, `:`, `[`, `!`, `&`, `|`, `?`, `{`, `}`, `;`, a
 *   keyword such as `return`, or at the start; never after `)`, `]`, `<`, an identifier or a literal. JSX text
 *   (`<p>Don't</p>`, `<a>http://x</a>`) is read as code: its apostrophes open one-line strings and `//` opens a comment.
 * - Ruby/Perl regex and quote-like literals, heredocs, `?c` char literals, YAML quoted scalars and block scalars,
 *   shell heredocs and `#` word starts, and PowerShell's `#` are best-effort heuristics. Perl formats are not handled.
 *   A shift by a name in shell arithmetic (`$((x<<y))`) is taken for a heredoc and hides the following lines.
 * - SQL block comments do not nest (PostgreSQL's do); dollar-quoted bodies (`$$ … $$`) are read as code, since they
 *   usually are (PL/pgSQL). Only standard `''` doubling is an escape in SQL strings, not MySQL's backslash.
 * - Makefile: `#` starts a comment anywhere outside quotes, also on recipe lines where the shell would see `a#b`.
 * - Dockerfile: only lines starting with `#` are comments (Docker's rule), not `#` after a shell command.
 * - C#: `{…}` holes of raw interpolated strings (`$"""…"""`) are read as text. Swift regex literals are not handled.
 * - Python: a triple-quoted string is a docstring when it starts its line, outside brackets, and not after a
 *   backslash continuation. f-string format specs that contain quotes (`{x:'>10}`) confuse the lexer.
 * - Markup: `<script>`/`<style>` end at the first `</script`/`</style`, as in browsers; script types that are not
 *   JavaScript (JSON, templates) have no comments. `<!--` inside `<textarea>`/`<title>` is still read as a comment;
 *   PHP inside quoted attribute values (`title="<?php … ?>"`) is skipped with the value.
 */

import {
  languageById,
  PHP_CODE,
  type BlockCommentRule,
  type FeatureName,
  type HeredocRule,
  type Interpolation,
  type LanguageSyntax,
  type LineBlockCommentRule,
  type LineCommentRule,
  type StringRule,
} from './languages';

/** A comment's full extent (delimiters included), as UTF-16 offsets: `text.slice(start, end)` is the comment. */
export interface CommentSpan {
  start: number;
  end: number;
  /** `line` comments run to the end of their line (a cursor at `end` is still inside); docstrings are `block`. */
  kind?: 'line' | 'block';
  /** The comment was still open at the end of the file (or of its embedded region). */
  unterminated?: boolean;
}

// Character codes.
const TAB = 9, LF = 10, VT = 11, FF = 12, CR = 13, SPACE = 32;
const DQUOTE = 34, HASH = 35, DOLLAR = 36, PERCENT = 37, AMP = 38, QUOTE = 39, LPAREN = 40, RPAREN = 41, STAR = 42;
const PLUS = 43, COMMA = 44, DASH = 45, DOT = 46, SLASH = 47, COLON = 58, LT = 60, EQ = 61, GT = 62, QUESTION = 63;
const AT = 64, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, UNDERSCORE = 95, LBRACE = 123, RBRACE = 125;

const MAX_FRAMES = 1000;

const isNewline = (c: number): boolean => c === LF || c === CR;
const isBlank = (c: number): boolean => c === SPACE || c === TAB || c === VT || c === FF || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
/** Letters, digits, `_` and any non-ASCII character (identifiers in most languages allow Unicode letters). */
const isWordChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === UNDERSCORE || (c >= 128 && !isBlank(c));
const HASKELL_SYMBOLS = '!#$%&*+./<=>?@\\^|-~:';
const closingBracket = (c: number): number => (c === LPAREN ? RPAREN : c === LBRACKET ? RBRACKET : c === LBRACE ? RBRACE : c === LT ? GT : -1);

// ---------------------------------------------------------------------------------------------------------------
// Lexer state

interface StringFrame {
  readonly kind: 'string';
  readonly close: string;
  readonly closeCode: number;
  readonly escape: number;
  readonly doubled: boolean;
  readonly multiline: boolean;
  readonly interpolation: readonly Interpolation[] | undefined;
  readonly closeAtLineStart: boolean;
  /** Where a docstring started (it is reported as a comment when it closes), or -1. */
  readonly docStart: number;
}

interface CodeFrame {
  readonly kind: 'code';
  readonly open: number;
  readonly close: number;
  depth: number;
  readonly comments: boolean;
}

interface StringOptions {
  close: string;
  escape?: string | undefined;
  doubled?: boolean | undefined;
  multiline?: boolean | undefined;
  interpolation?: readonly Interpolation[] | undefined;
  closeAtLineStart?: boolean | undefined;
  docStart?: number;
}

/** Lines to skip when the current line ends: heredoc bodies and YAML block scalars. */
type LineSkip =
  | { kind: 'heredoc'; marker: string; indented: boolean; loose: boolean }
  | { kind: 'blockScalar'; parentIndent: number };

/** A lexer feature. `run` is called at a trigger position and returns true when it consumed something. */
interface Feature {
  readonly triggers: string;
  /** Runs before comments and strings are tried (otherwise after them). */
  readonly early?: boolean;
  run?(lx: Lexer, i: number, c: number): boolean;
  /** Called after an identifier is consumed (the lexer is positioned right after it). */
  afterWord?(lx: Lexer, word: string, start: number): boolean;
}

interface Tables {
  readonly triggers: Uint8Array;
  /** ASCII characters that continue an identifier (word characters and the language's identifierChars). */
  readonly ident: Uint8Array;
  /**
   * ASCII characters the code loop may read without a trip through the step loop (codeRun): everything but line
   * breaks and the language's triggers (a frame's brackets and a terminator are checked there).
   */
  readonly plain: Uint8Array;
  /** The length of the longest regex keyword (a longer word is not looked up). */
  readonly keywordMax: number;
  readonly early: readonly Feature[];
  readonly late: readonly Feature[];
  readonly afterWord: readonly Feature[];
  readonly keywords: ReadonlySet<string>;
  readonly identifierChars: string;
  readonly codeEscape: number;
}

/**
 * A language's syntax with every property present, in one order, and its rules likewise, kind by kind: the lexer reads
 * `lang.strings`, `rule.escape`, `lang.identifierSuffix`… at sites that see every language of a workspace, and the
 * table's literals have as many shapes (hidden classes) as combinations of optional properties. Each new shape at a
 * site the optimizing compiler had specialized threw its code away ("wrong map"), so a worker thread that meets the
 * bench workspace's 16 languages one after another recompiled the hot functions several times while it lexed; one shape
 * per kind keeps them compiled (the first pass over the 10k bench workspace's code in one thread: measured in the
 * commit). The same values: an absent property reads `undefined` either way (no `in` test reads these objects).
 */
const uniformCache = new WeakMap<LanguageSyntax, LanguageSyntax>();

/**
 * `list.map(f)` as an array of generic elements even when empty: V8 makes an empty array one of small integers, and
 * its map differs from a list of objects' (another shape at the loops that read the rules).
 */
function objects<T, U>(list: readonly T[], f: (item: T) => U): U[] {
  const out: U[] = [undefined as U];
  out.length = 0;
  for (const item of list) out.push(f(item));
  return out;
}

const uniformLineComment = (r: LineCommentRule): LineCommentRule => ({
  start: r.start,
  after: r.after,
  lineStart: r.lineStart,
  notFollowedBy: r.notFollowedBy,
  continuation: r.continuation,
});
const uniformBlockComment = (r: BlockCommentRule): BlockCommentRule => ({ open: r.open, close: r.close, nests: r.nests });
const uniformLineBlock = (r: LineBlockCommentRule): LineBlockCommentRule => ({ open: r.open, openNeedsLetter: r.openNeedsLetter, close: r.close });
const uniformInterpolation = (r: Interpolation): Interpolation => ({ open: r.open, bracket: r.bracket, literalDouble: r.literalDouble, comments: r.comments });
const uniformString = (r: StringRule): StringRule => ({
  open: r.open,
  close: r.close,
  escape: r.escape,
  doubled: r.doubled,
  multiline: r.multiline,
  interpolation: r.interpolation && objects(r.interpolation, uniformInterpolation),
  prefix: r.prefix,
  docstring: r.docstring,
  valueStart: r.valueStart,
  tabLinesOnly: r.tabLinesOnly,
  closeAtLineStart: r.closeAtLineStart,
});
const uniformHeredoc = (r: HeredocRule): HeredocRule => ({
  open: r.open,
  flags: r.flags,
  quotes: r.quotes,
  space: r.space,
  bareNeedsUpperUnlessFlag: r.bareNeedsUpperUnlessFlag,
  indentedClose: r.indentedClose,
  closeMayContinue: r.closeMayContinue,
});

export function uniformSyntax(lang: LanguageSyntax): LanguageSyntax {
  const cached = uniformCache.get(lang);
  if (cached) return cached;
  const made: LanguageSyntax = {
    id: lang.id,
    name: lang.name,
    extensions: lang.extensions,
    filenames: lang.filenames,
    filenamePrefixes: lang.filenamePrefixes,
    lineComments: objects(lang.lineComments, uniformLineComment),
    blockComments: objects(lang.blockComments, uniformBlockComment),
    lineBlockComments: lang.lineBlockComments && objects(lang.lineBlockComments, uniformLineBlock),
    strings: objects(lang.strings, uniformString),
    features: lang.features,
    regexKeywords: lang.regexKeywords,
    heredoc: lang.heredoc ? uniformHeredoc(lang.heredoc) : undefined,
    identifierChars: lang.identifierChars,
    identifierSuffix: lang.identifierSuffix,
    codeEscape: lang.codeEscape,
    digitSeparator: lang.digitSeparator,
    primes: lang.primes,
    longBracketComment: lang.longBracketComment,
    markup: lang.markup,
  };
  uniformCache.set(lang, made);
  uniformCache.set(made, made);
  return made;
}

const tablesCache = new WeakMap<LanguageSyntax, Tables>();

function tablesFor(lang: LanguageSyntax): Tables {
  const cached = tablesCache.get(lang);
  if (cached) return cached;
  const triggers = new Uint8Array(128);
  const mark = (s: string): void => {
    const c = s.charCodeAt(0);
    if (c < 128) triggers[c] = 1;
  };
  for (const r of lang.lineComments) mark(r.start);
  for (const r of lang.blockComments) mark(r.open);
  for (const r of lang.lineBlockComments ?? []) mark(r.open);
  for (const r of lang.strings) mark(r.open);
  if (lang.codeEscape) mark(lang.codeEscape);
  const features = (lang.features ?? []).map((name) => FEATURES[name]);
  for (const f of features) for (const ch of f.triggers) mark(ch);
  if (lang.longBracketComment) mark(lang.longBracketComment);
  const ident = new Uint8Array(128);
  const plain = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    ident[c] = isWordChar(c) || (lang.identifierChars ?? '').includes(String.fromCharCode(c)) ? 1 : 0;
    plain[c] = c === LF || c === CR || triggers[c] ? 0 : 1;
  }
  const tables: Tables = {
    triggers,
    early: objects(features.filter((f) => f.run && f.early), (f) => f),
    late: objects(features.filter((f) => f.run && !f.early), (f) => f),
    afterWord: objects(features.filter((f) => f.afterWord), (f) => f),
    ident,
    plain,
    keywordMax: Math.max(0, ...(lang.regexKeywords ?? []).map((k) => k.length)),
    keywords: new Set(lang.regexKeywords ?? []),
    identifierChars: lang.identifierChars ?? '',
    codeEscape: lang.codeEscape ? lang.codeEscape.charCodeAt(0) : -1,
  };
  tablesCache.set(lang, tables);
  return tables;
}

// ---------------------------------------------------------------------------------------------------------------
// The generic lexer

class Lexer {
  i: number;
  /** Where the lexer started (the start of the file, or of an embedded region). */
  readonly rangeStart: number;
  lineStart: number;
  /** Something other than blanks was read on the current line. */
  tokenOnLine = false;
  /** A `/` here would start a regex literal (the previous token cannot end an operand). */
  regexAllowed = true;
  /** Regex detection is off before this offset (a failed regex literal on this line). */
  noRegexUntil = -1;
  /** Where the last identifier read was: a string opener right after it may use it as a prefix. */
  wordStart = -1;
  wordEnd = -1;
  /** The end of the last identifier read (wordEnd, which is reset once another token follows, is -1 then). */
  private lastWordEnd = 0;
  private tokenBeforeWord = false;
  private sigBeforeWord = 0;
  /** Bracket depth, and the last significant character (for Python docstrings: not inside `(`, not after `\`). */
  depth = 0;
  lastSig = 0;
  readonly stack: Array<StringFrame | CodeFrame> = [];
  readonly pending: LineSkip[] = [];
  readonly t: Tables;
  /** The language's syntax, every property present (see uniformSyntax). */
  readonly lang: LanguageSyntax;

  constructor(
    lang: LanguageSyntax,
    readonly text: string,
    readonly end: number,
    readonly spans: CommentSpan[],
    /** Stops the lexer in code (and line comments): `?>` for PHP embedded in markup. */
    readonly terminator = '',
    start = 0,
  ) {
    this.lang = uniformSyntax(lang);
    this.i = start;
    this.rangeStart = start;
    this.lineStart = start;
    this.t = tablesFor(this.lang);
  }

  /** The last identifier read (read from the text when asked: most words are never asked for). */
  get word(): string {
    return this.wordStart < 0 ? '' : this.text.slice(this.wordStart, this.lastWordEnd);
  }

  /** Lexing may stop past this offset, outside strings and pending line skips (see scanComments' `until`). */
  stopAfter = Infinity;

  /** Lexes from the start position to `end` (or to the terminator); returns where it stopped. */
  run(): number {
    const { end } = this;
    while (this.i < end) {
      const before = this.i;
      if (before > this.stopAfter && this.pending.length === 0 && !this.stack.some((f) => f.kind === 'string')) break;
      // (not `stack[length - 1]` on an empty stack: a read out of bounds, -1, takes V8's slow generic path each step)
      const n = this.stack.length;
      const top = n > 0 ? this.stack[n - 1] : undefined;
      if (top?.kind === 'string') this.stringStep(top);
      else if (this.codeStep(top)) break;
      if (this.i <= before) this.i = before + 1; // never stall, whatever happened
    }
    if (this.i > end) this.i = end;
    for (const f of this.stack) if (f.kind === 'string' && f.docStart >= 0) this.emit(f.docStart, end, 'block', true);
    return this.i;
  }

  // --- helpers used by features ---

  code(i: number): number {
    return i < this.end ? this.text.charCodeAt(i) : -1;
  }

  at(s: string, i: number): boolean {
    return i + s.length <= this.end && this.text.startsWith(s, i);
  }

  emit(start: number, end: number, kind: 'line' | 'block', unterminated = false): void {
    const span: CommentSpan = { start, end, kind };
    if (unterminated) span.unterminated = true;
    this.spans.push(span);
  }

  /** A literal-like token ended at `j` (string, regex, char): it is an operand. */
  token(j: number): void {
    this.i = Math.min(Math.max(j, this.i + 1), this.end);
    this.tokenOnLine = true;
    this.regexAllowed = false;
    this.lastSig = 65;
    this.wordEnd = -1;
  }

  /** Punctuation of `n` characters at `i`. */
  punct(i: number, n: number): void {
    const c = this.text.charCodeAt(i + n - 1);
    this.i = i + n;
    this.tokenOnLine = true;
    this.lastSig = c;
    this.wordEnd = -1;
    if (c === LPAREN || c === LBRACKET || c === LBRACE) this.depth++;
    else if ((c === RPAREN || c === RBRACKET || c === RBRACE) && this.depth > 0) this.depth--;
    this.regexAllowed = !(c === RPAREN || c === RBRACKET || c === LT);
  }

  isIdentPart(c: number): boolean {
    return c < 128 ? c >= 0 && this.t.ident[c] === 1 : isWordChar(c);
  }

  /** The offset of the end of the line containing `i` (before its line break). */
  lineEndFrom(i: number): number {
    let j = i;
    while (j < this.end && !isNewline(this.text.charCodeAt(j))) j++;
    return j;
  }

  /** The offset after the line break at `j` (which must be at a line break or at the end). */
  afterBreak(j: number): number {
    if (j >= this.end) return this.end;
    if (this.text.charCodeAt(j) === CR && this.code(j + 1) === LF) return j + 2;
    return j + 1;
  }

  /** Whether a value may start at `i` (YAML): only blanks before it on its line, or one of `:-[{,?` then blanks. */
  valueStart(i: number): boolean {
    let j = i - 1;
    while (j >= this.lineStart && (this.text.charCodeAt(j) === SPACE || this.text.charCodeAt(j) === TAB)) j--;
    if (j < this.lineStart) return true;
    const p = this.text.charCodeAt(j);
    return p === COLON || p === DASH || p === LBRACKET || p === LBRACE || p === COMMA || p === QUESTION;
  }

  /** Pushes a string frame whose content starts at `contentStart`. */
  pushString(contentStart: number, o: StringOptions): void {
    this.stack.push({
      kind: 'string',
      close: o.close,
      closeCode: o.close.charCodeAt(0),
      escape: o.escape ? o.escape.charCodeAt(0) : -1,
      doubled: !!o.doubled,
      multiline: !!o.multiline,
      interpolation: this.stack.length < MAX_FRAMES ? o.interpolation : undefined,
      closeAtLineStart: !!o.closeAtLineStart,
      docStart: o.docStart ?? -1,
    });
    this.i = contentStart;
    this.tokenOnLine = true;
    this.wordEnd = -1;
  }

  /** Scans a literal delimited by `text[pos]` (bracket pairs nest), with backslash escapes; returns the offset after it. */
  scanDelimited(pos: number, escapes = true): number {
    const open = this.code(pos);
    const close = closingBracket(open);
    const closeCode = close >= 0 ? close : open;
    let depth = 0;
    let j = pos + 1;
    while (j < this.end) {
      const c = this.text.charCodeAt(j);
      if (escapes && c === BACKSLASH) j += 2;
      else if (c === closeCode) {
        if (depth === 0) return j + 1;
        depth--;
        j++;
      } else {
        if (close >= 0 && c === open) depth++;
        j++;
      }
    }
    return this.end;
  }

  /** A line comment starting at `i`: to the end of the line (or the terminator). */
  lineComment(i: number, from: number, continuation = false): void {
    const { text, end } = this;
    const term = this.terminator;
    const termCode = term ? term.charCodeAt(0) : -1;
    let j = from;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === LF || c === CR) {
        if (continuation && j > from && text.charCodeAt(j - 1) === BACKSLASH) {
          j = this.afterBreak(j);
          continue;
        }
        break;
      }
      if (c === termCode && this.at(term, j)) break;
      j++;
    }
    this.emit(i, j, 'line');
    this.i = j;
  }

  private blockComment(i: number, rule: BlockCommentRule): void {
    const { open, close } = rule;
    let j = i + open.length;
    let closed = false;
    if (!rule.nests) {
      // Inside an embedded region (a <script> of HTML), search only up to its end: an unterminated `/*` in each of many
      // scripts must not scan to the far end of the file each time (quadratic).
      const k = this.end < this.text.length ? indexWithin(this.text, close, j, this.end) : this.text.indexOf(close, j);
      if (k >= 0 && k + close.length <= this.end) {
        j = k + close.length;
        closed = true;
      } else j = this.end;
    } else {
      let depth = 1;
      while (j < this.end) {
        if (this.at(close, j)) {
          j += close.length;
          if (--depth === 0) {
            closed = true;
            break;
          }
        } else if (this.at(open, j)) {
          depth++;
          j += open.length;
        } else j++;
      }
    }
    this.emit(i, Math.min(j, this.end), 'block', !closed);
    this.i = Math.min(j, this.end);
  }

  /** `=begin` … `=end`, POD: from column 0 to the end of the closing line. */
  private lineBlock(i: number, close: string): void {
    let p = this.afterBreak(this.lineEndFrom(i));
    while (p < this.end) {
      const le = this.lineEndFrom(p);
      if (this.at(close, p) && !this.isIdentPart(this.code(p + close.length))) {
        this.emit(i, le, 'block');
        this.i = le;
        return;
      }
      p = this.afterBreak(le);
    }
    this.emit(i, this.end, 'block', true);
    this.i = this.end;
  }

  lineBlockAt(i: number): boolean {
    const rules = this.lang.lineBlockComments;
    if (!rules || i !== this.lineStart) return false;
    for (const r of rules) {
      if (!this.at(r.open, i)) continue;
      const next = this.code(i + r.open.length);
      if (r.openNeedsLetter ? !isLetter(next) : this.isIdentPart(next)) continue;
      this.lineBlock(i, r.close);
      return true;
    }
    return false;
  }

  private lineCommentAllowed(r: LineCommentRule, i: number): boolean {
    if (r.lineStart && this.tokenOnLine) return false;
    if (r.after !== undefined && i > this.lineStart && i > this.rangeStart) {
      const p = this.text.charCodeAt(i - 1);
      if (!isNewline(p) && !r.after.includes(String.fromCharCode(p))) return false;
    }
    if (r.notFollowedBy && this.at(r.notFollowedBy, i + r.start.length)) return false;
    return true;
  }

  private stringAllowed(r: StringRule, i: number): boolean {
    if (r.prefix && !r.prefix.test(this.wordEnd === i ? this.word : '')) return false;
    if (r.valueStart && !this.valueStart(i)) return false;
    if (r.tabLinesOnly && this.text.charCodeAt(this.lineStart) !== TAB) return false;
    return true;
  }

  private openString(i: number, r: StringRule): void {
    let docStart = -1;
    if (r.docstring) {
      const prefixed = this.wordEnd === i;
      const start = prefixed ? this.wordStart : i;
      const tokenBefore = prefixed ? this.tokenBeforeWord : this.tokenOnLine;
      const sig = prefixed ? this.sigBeforeWord : this.lastSig;
      if (!tokenBefore && this.depth === 0 && sig !== BACKSLASH) docStart = start;
    }
    this.pushString(i + r.open.length, {
      close: r.close ?? r.open,
      escape: r.escape,
      doubled: r.doubled,
      multiline: r.multiline,
      interpolation: r.interpolation,
      closeAtLineStart: r.closeAtLineStart,
      docStart,
    });
  }

  private newline(): void {
    this.i = this.afterBreak(this.i);
    this.lineStart = this.i;
    this.tokenOnLine = false;
    if (this.pending.length === 0) return;
    for (const skip of this.pending.splice(0)) {
      this.i = skip.kind === 'heredoc' ? this.skipHeredoc(this.i, skip) : this.skipBlockScalar(this.i, skip.parentIndent);
    }
    this.lineStart = this.i;
  }

  private skipHeredoc(p: number, h: { marker: string; indented: boolean; loose: boolean }): number {
    while (p < this.end) {
      const le = this.lineEndFrom(p);
      let q = p;
      if (h.indented) while (q < le && (this.text.charCodeAt(q) === SPACE || this.text.charCodeAt(q) === TAB)) q++;
      if (this.at(h.marker, q)) {
        const after = q + h.marker.length;
        if (after === le || (h.loose && !this.isIdentPart(this.code(after)))) return h.loose ? after : this.afterBreak(le);
      }
      p = this.afterBreak(le);
    }
    return this.end;
  }

  private skipBlockScalar(p: number, parentIndent: number): number {
    let contentIndent = -1;
    let q = p;
    while (q < this.end) {
      let k = q;
      while (k < this.end && this.text.charCodeAt(k) === SPACE) k++;
      const le = this.lineEndFrom(k);
      let blank = true;
      for (let m = k; m < le; m++) if (!isBlank(this.text.charCodeAt(m))) { blank = false; break; }
      if (!blank) {
        const indent = k - q;
        if (contentIndent < 0) {
          if (indent <= parentIndent) return p;
          contentIndent = indent;
        } else if (indent < contentIndent) return q;
      }
      q = this.afterBreak(le);
    }
    return this.end;
  }

  // --- one step in a string ---

  private stringStep(f: StringFrame): void {
    const { text, end } = this;
    let i = this.i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (f.interpolation) {
        let pushed = false;
        let literal = false;
        for (const interp of f.interpolation) {
          if (c !== interp.open.charCodeAt(0)) continue;
          if (interp.literalDouble && text.charCodeAt(i + 1) === c) {
            literal = true;
            break;
          }
          if (this.at(interp.open, i)) {
            const open = interp.bracket.charCodeAt(0);
            this.stack.push({ kind: 'code', open, close: closingBracket(open), depth: 0, comments: interp.comments !== false });
            this.i = i + interp.open.length;
            this.wordEnd = -1;
            pushed = true;
            break;
          }
        }
        if (pushed) return;
        if (literal) {
          i += 2;
          continue;
        }
      }
      if (c === f.escape) {
        i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
        continue;
      }
      if (c === f.closeCode && this.at(f.close, i) && (!f.closeAtLineStart || i === 0 || isNewline(text.charCodeAt(i - 1)))) {
        const n = f.close.length;
        if (f.doubled && this.at(f.close, i + n)) {
          i += 2 * n;
          continue;
        }
        this.closeString(f, i + n);
        return;
      }
      if (!f.multiline && (c === LF || c === CR)) {
        this.closeString(f, i);
        return;
      }
      i++;
    }
    this.i = end;
  }

  private closeString(f: StringFrame, j: number): void {
    this.stack.pop();
    if (f.docStart >= 0) this.emit(f.docStart, j, 'block');
    this.token(j);
    this.i = j;
  }

  // --- one step in code; returns true at the terminator ---

  private codeStep(frame: CodeFrame | undefined): boolean {
    const { text } = this;
    const i = this.i;
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      this.newline();
      this.codeRun(frame);
      return false;
    }
    if (isBlank(c)) {
      this.i++;
      this.codeRun(frame);
      return false;
    }
    if (this.terminator && c === this.terminator.charCodeAt(0) && this.at(this.terminator, i)) return true;
    if (frame) {
      if (c === frame.close) {
        if (frame.depth === 0) {
          this.stack.pop();
          this.i = i + 1;
          this.wordEnd = -1;
          return false;
        }
        frame.depth--;
      } else if (c === frame.open) frame.depth++;
    }
    if (c < 128 && this.t.triggers[c] && this.special(i, c, frame)) return false;
    this.plainToken(i, c);
    this.codeRun(frame);
    return false;
  }

  /** An identifier, number or punctuation character at `i` (no feature, comment or string starts there). */
  private plainToken(i: number, c: number): void {
    if (isDigit(c)) this.readNumber(i);
    else if (this.isIdentPart(c)) this.readWord(i);
    else this.punct(i, 1);
  }

  /**
   * The tokens after a plain token, a blank or a line break that need no step of their own: blanks, identifiers, numbers and punctuation
   * other than triggers, line breaks, the frame's brackets and the terminator, read here in one loop exactly as
   * codeStep would read them one step at a time. Returns at anything else, past `stopAfter` (where run may stop) or
   * when a word's feature pushed a frame.
   */
  private codeRun(frame: CodeFrame | undefined): void {
    const { text, end } = this;
    const plain = this.t.plain;
    const frames = this.stack.length;
    const term = this.terminator ? this.terminator.charCodeAt(0) : -1;
    const open = frame ? frame.open : -1;
    const close = frame ? frame.close : -1;
    for (;;) {
      const i = this.i;
      if (i >= end || i > this.stopAfter || this.stack.length !== frames) return;
      const c = text.charCodeAt(i);
      if (c >= 128 || plain[c] === 0 || c === term || c === open || c === close) return;
      if (c === SPACE || c === TAB || c === VT || c === FF) this.i = i + 1;
      else {
        this.plainToken(i, c);
        if (this.i <= i) this.i = i + 1; // never stall (as run does)
      }
    }
  }

  private special(i: number, c: number, frame: CodeFrame | undefined): boolean {
    const { lang } = this;
    if (c === this.t.codeEscape) {
      const n = this.code(i + 1);
      this.i = i + (n === CR && this.code(i + 2) === LF ? 3 : 2);
      this.wordEnd = -1;
      if (!isNewline(n)) this.tokenOnLine = true;
      return true;
    }
    for (const f of this.t.early) if (f.triggers.includes(String.fromCharCode(c)) && f.run!(this, i, c)) return true;
    if (!frame || frame.comments) {
      if (this.lineBlockAt(i)) return true;
      for (const r of lang.blockComments) {
        if (c === r.open.charCodeAt(0) && this.at(r.open, i)) {
          this.blockComment(i, r);
          return true;
        }
      }
      for (const r of lang.lineComments) {
        if (c === r.start.charCodeAt(0) && this.at(r.start, i) && this.lineCommentAllowed(r, i)) {
          this.lineComment(i, i + r.start.length, r.continuation);
          return true;
        }
      }
    }
    for (const r of lang.strings) {
      if (c === r.open.charCodeAt(0) && this.at(r.open, i) && this.stringAllowed(r, i)) {
        this.openString(i, r);
        return true;
      }
    }
    for (const f of this.t.late) if (f.triggers.includes(String.fromCharCode(c)) && f.run!(this, i, c)) return true;
    return false;
  }

  private readWord(i: number): void {
    const { text, end, t } = this;
    const ident = t.ident;
    let j = i + 1;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c < 128 ? ident[c] === 0 : isBlank(c)) break;
    }
    const suffix = this.lang.identifierSuffix;
    if (suffix && j < end && suffix.includes(text[j]!) && text.charCodeAt(j + 1) !== EQ) j++;
    this.tokenBeforeWord = this.tokenOnLine;
    this.sigBeforeWord = this.lastSig;
    this.wordStart = i;
    this.wordEnd = j;
    this.lastWordEnd = j;
    this.tokenOnLine = true;
    this.lastSig = 65;
    // (the word is sliced only when a keyword of its length exists or a feature reads words)
    this.regexAllowed = j - i <= t.keywordMax && t.keywords.has(text.slice(i, j));
    this.i = j;
    if (t.afterWord.length === 0) return;
    const word = text.slice(i, j);
    for (const f of t.afterWord) if (f.afterWord!(this, word, i)) return;
  }

  private readNumber(i: number): void {
    const { text, end } = this;
    let j = i + 1;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (isWordChar(c) || (c === DOT && isDigit(this.code(j + 1)))) j++;
      else if (c === QUOTE && this.lang.digitSeparator && isWordChar(this.code(j + 1))) j += 2;
      else break;
    }
    this.token(j);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Features

function rawCount(lx: Lexer, from: number, ch: number, max: number): number {
  let j = from;
  while (j < lx.end && lx.text.charCodeAt(j) === ch && j - from <= max) j++;
  return j - from;
}

/** The level of a long bracket `[==[` at `pos`, or -1. */
function longBracketLevel(lx: Lexer, pos: number): number {
  if (lx.code(pos) !== LBRACKET) return -1;
  const level = rawCount(lx, pos + 1, EQ, 1000);
  return lx.code(pos + 1 + level) === LBRACKET ? level : -1;
}

const CS_INTERP: readonly Interpolation[] = [{ open: '{', bracket: '{', literalDouble: true }];
const PERL_QUOTE_OPS = new Set(['q', 'qq', 'qw', 'qr', 'm', 's', 'tr', 'y']);
const RUBY_PERCENT_TYPES = 'qQwWiIrsx';

function heredocOpen(lx: Lexer, i: number, rule: HeredocRule): boolean {
  if (!lx.at(rule.open, i)) return false;
  if (i > lx.rangeStart && lx.text.charCodeAt(i - 1) === LT) return false;
  let j = i + rule.open.length;
  if (lx.code(j) === LT) return false; // `<<<` is a here-string in shell, `<<<<` nothing
  let flag = '';
  const f = lx.code(j);
  if (f >= 0 && rule.flags.includes(String.fromCharCode(f))) {
    flag = String.fromCharCode(f);
    j++;
  }
  const blanksFrom = j;
  while (lx.code(j) === SPACE || lx.code(j) === TAB) j++;
  if (j > blanksFrom && !rule.space) return false;
  const q = lx.code(j);
  let marker: string;
  if (q >= 0 && rule.quotes.includes(String.fromCharCode(q))) {
    let k = j + 1;
    while (k < lx.end && lx.text.charCodeAt(k) !== q && !isNewline(lx.text.charCodeAt(k))) k++;
    if (lx.code(k) !== q || k === j + 1) return false;
    marker = lx.text.slice(j + 1, k);
    j = k + 1;
  } else {
    if (q === BACKSLASH && rule.open === '<<') j++; // shell `<<\EOF`
    const s = j;
    if (!(isLetter(lx.code(j)) || lx.code(j) === UNDERSCORE)) return false;
    while (j < lx.end && (isWordChar(lx.text.charCodeAt(j)) || lx.text.charCodeAt(j) === DASH)) j++;
    if (rule.bareNeedsUpperUnlessFlag && !flag && !isUpper(lx.code(s))) return false;
    marker = lx.text.slice(s, j);
  }
  lx.pending.push({ kind: 'heredoc', marker, indented: rule.indentedClose === 'always' || flag !== '', loose: !!rule.closeMayContinue });
  lx.token(j);
  return true;
}

const FEATURES: Record<FeatureName, Feature> = {
  regex: {
    triggers: '/',
    run(lx, i) {
      const next = lx.code(i + 1);
      if (!lx.regexAllowed || i < lx.noRegexUntil) {
        // `//` as an operator (Perl defined-or): both slashes, so that the second one does not start a regex.
        if (next === SLASH) {
          lx.punct(i, 2);
          return true;
        }
        return false;
      }
      let j = i + 1;
      let inClass = false;
      while (j < lx.end) {
        const d = lx.text.charCodeAt(j);
        if (d === LF || d === CR) break;
        if (d === BACKSLASH) {
          if (isNewline(lx.code(j + 1))) {
            j++;
            break;
          }
          j += 2;
          continue;
        }
        if (inClass) {
          if (d === RBRACKET) inClass = false;
        } else if (d === LBRACKET) inClass = true;
        else if (d === SLASH) break;
        j++;
      }
      if (lx.code(j) !== SLASH) {
        lx.noRegexUntil = lx.lineEndFrom(j);
        return false;
      }
      j++;
      while (isLetter(lx.code(j))) j++;
      lx.token(j);
      return true;
    },
  },

  charLiteral: {
    triggers: "'",
    run(lx, i) {
      if (lx.lang.primes && i > lx.rangeStart) {
        const p = lx.text.charCodeAt(i - 1);
        if (lx.isIdentPart(p) || p === QUOTE || p === RPAREN || p === RBRACKET || p === RBRACE) {
          lx.token(i + 1); // a prime (`foldl'`) or a transpose (`a'`)
          return true;
        }
      }
      const n = lx.code(i + 1);
      if (n === BACKSLASH) {
        let j = i + 3;
        const limit = Math.min(lx.end, j + 12);
        while (j < limit && lx.text.charCodeAt(j) !== QUOTE && !isNewline(lx.text.charCodeAt(j))) j++;
        if (lx.code(j) === QUOTE) {
          lx.token(j + 1);
          return true;
        }
      } else if (n >= 0 && !isNewline(n)) {
        const len = n >= 0xd800 && n <= 0xdbff ? 2 : 1;
        if (lx.code(i + 1 + len) === QUOTE) {
          lx.token(i + 2 + len);
          return true;
        }
      }
      lx.punct(i, 1); // a lifetime, label, symbol or promoted constructor: just the quote
      return true;
    },
  },

  rustRaw: {
    triggers: '"#',
    early: true,
    run(lx, i) {
      if (lx.wordEnd !== i || (lx.word !== 'r' && lx.word !== 'br' && lx.word !== 'cr')) return false;
      const hashes = rawCount(lx, i, HASH, 255);
      if (lx.code(i + hashes) !== DQUOTE) return false;
      lx.pushString(i + hashes + 1, { close: '"' + '#'.repeat(hashes), multiline: true });
      return true;
    },
  },

  cppRaw: {
    triggers: '"',
    early: true,
    run(lx, i) {
      if (lx.wordEnd !== i || !/^(?:u8|u|U|L)?R$/.test(lx.word)) return false;
      let j = i + 1;
      const limit = Math.min(lx.end, j + 17);
      while (j < limit && lx.text.charCodeAt(j) !== LPAREN) {
        const d = lx.text.charCodeAt(j);
        if (d === RPAREN || d === BACKSLASH || d === DQUOTE || isBlank(d) || isNewline(d)) return false;
        j++;
      }
      if (lx.code(j) !== LPAREN) return false;
      lx.pushString(j + 1, { close: ')' + lx.text.slice(i + 1, j) + '"', multiline: true });
      return true;
    },
  },

  csharpStrings: {
    triggers: '$@"',
    early: true,
    run(lx, i) {
      let j = i;
      let dollars = 0;
      let verbatim = false;
      const countDollars = (): void => {
        while (lx.code(j) === DOLLAR) {
          dollars++;
          j++;
        }
      };
      countDollars();
      if (lx.code(j) === AT) {
        verbatim = true;
        j++;
        countDollars();
      }
      if (lx.code(j) !== DQUOTE) return false;
      const quotes = rawCount(lx, j, DQUOTE, 1000);
      if (!verbatim && quotes >= 3) {
        lx.pushString(j + quotes, { close: '"'.repeat(quotes), multiline: true });
        return true;
      }
      if (verbatim) {
        lx.pushString(j + 1, { close: '"', doubled: true, multiline: true, interpolation: dollars ? CS_INTERP : undefined });
        return true;
      }
      if (dollars === 0) return false; // a plain "…": the ordinary string rule
      lx.pushString(j + 1, { close: '"', escape: '\\', interpolation: CS_INTERP });
      return true;
    },
  },

  swiftRaw: {
    triggers: '#',
    early: true,
    run(lx, i) {
      const hashes = rawCount(lx, i, HASH, 255);
      const q = i + hashes;
      if (lx.code(q) !== DQUOTE) return false;
      const triple = lx.at('"""', q);
      const hashText = '#'.repeat(hashes);
      lx.pushString(q + (triple ? 3 : 1), { close: (triple ? '"""' : '"') + hashText, multiline: triple });
      return true;
    },
  },

  longBrackets: {
    triggers: '[',
    early: true,
    run(lx, i) {
      const prefix = lx.lang.longBracketComment ?? '';
      if (prefix && lx.at(prefix, i)) {
        const level = longBracketLevel(lx, i + prefix.length);
        if (level < 0) return false;
        const close = ']' + '='.repeat(level) + ']';
        const k = lx.text.indexOf(close, i + prefix.length + level + 2);
        const closed = k >= 0 && k + close.length <= lx.end;
        const e = closed ? k + close.length : lx.end;
        lx.emit(i, e, 'block', !closed);
        lx.i = e;
        return true;
      }
      const level = longBracketLevel(lx, i);
      if (level < 0) return false;
      lx.pushString(i + level + 2, { close: ']' + '='.repeat(level) + ']', multiline: true });
      return true;
    },
  },

  rRaw: {
    triggers: `"'`,
    early: true,
    run(lx, i, c) {
      if (lx.wordEnd !== i || (lx.word !== 'r' && lx.word !== 'R')) return false;
      const dashes = rawCount(lx, i + 1, DASH, 1000);
      const open = lx.code(i + 1 + dashes);
      if (open !== LPAREN && open !== LBRACKET && open !== LBRACE) return false;
      const close = String.fromCharCode(closingBracket(open)) + '-'.repeat(dashes) + String.fromCharCode(c);
      lx.pushString(i + dashes + 2, { close, multiline: true });
      return true;
    },
  },

  heredoc: {
    triggers: '<',
    run(lx, i) {
      const rule = lx.lang.heredoc;
      return !!rule && heredocOpen(lx, i, rule);
    },
  },

  perlQuote: {
    triggers: '',
    afterWord(lx, word, start) {
      if (!PERL_QUOTE_OPS.has(word)) return false;
      if (start > lx.rangeStart) {
        const p = lx.text.charCodeAt(start - 1);
        if (p === DOLLAR || p === AT || p === PERCENT || p === AMP || p === STAR || p === DASH) return false;
        if (p === GT && lx.code(start - 2) === DASH) return false; // ->s(…)
        if (p === COLON && lx.code(start - 2) === COLON) return false; // Foo::s
        if (p === LBRACE && lx.code(start + word.length) === RBRACE) return false; // $h{s}
      }
      let k = lx.i;
      while (lx.code(k) === SPACE || lx.code(k) === TAB) k++;
      const d = lx.code(k);
      if (d < 0 || isNewline(d) || isWordChar(d)) return false;
      if (d === EQ && (lx.code(k + 1) === GT || k > lx.i)) return false; // `s => 1`, `y = 2`
      if (k > lx.i ? !'{[(</|!"\''.includes(String.fromCharCode(d)) : ',;)]}>'.includes(String.fromCharCode(d))) return false;
      let e = lx.scanDelimited(k);
      if (word === 's' || word === 'tr' || word === 'y') {
        if (closingBracket(d) >= 0) {
          while (e < lx.end && (isBlank(lx.text.charCodeAt(e)) || isNewline(lx.text.charCodeAt(e)))) e++;
          if (e < lx.end) e = lx.scanDelimited(e);
        } else if (e < lx.end) e = lx.scanDelimited(e - 1);
      }
      while (isLetter(lx.code(e))) e++;
      lx.token(e);
      return true;
    },
  },

  rubyPercent: {
    triggers: '%',
    run(lx, i) {
      let j = i + 1;
      const t = lx.code(j);
      const typed = t >= 0 && RUBY_PERCENT_TYPES.includes(String.fromCharCode(t));
      if (typed) j++;
      const d = lx.code(j);
      if (d < 0 || isNewline(d) || isBlank(d) || isWordChar(d)) return false;
      if (!typed && (!lx.regexAllowed || !'([{<|!/^'.includes(String.fromCharCode(d)))) return false;
      if (typed && d === EQ) return false;
      let e = lx.scanDelimited(j);
      while (isLetter(lx.code(e))) e++;
      lx.token(e);
      return true;
    },
  },

  elixirSigil: {
    triggers: '~',
    run(lx, i) {
      let j = i + 1;
      const t = lx.code(j);
      if (!isLetter(t)) return false;
      j++;
      if (isUpper(t)) while (isUpper(lx.code(j))) j++;
      const d = lx.code(j);
      if (d < 0 || !'/|"\'([{<'.includes(String.fromCharCode(d))) return false;
      let e: number;
      const triple = String.fromCharCode(d).repeat(3);
      if ((d === DQUOTE || d === QUOTE) && lx.at(triple, j)) {
        const k = lx.text.indexOf(triple, j + 3);
        e = k >= 0 && k + 3 <= lx.end ? k + 3 : lx.end;
      } else e = lx.scanDelimited(j);
      while (isLetter(lx.code(e))) e++;
      lx.token(e);
      return true;
    },
  },

  questionChar: {
    triggers: '?',
    run(lx, i) {
      const n = lx.code(i + 1);
      if (n < 0 || isNewline(n) || isBlank(n)) return false;
      if (i > lx.rangeStart && lx.isIdentPart(lx.text.charCodeAt(i - 1))) return false;
      if (n === BACKSLASH) {
        lx.token(i + 3);
        return true;
      }
      if (isWordChar(n) && isWordChar(lx.code(i + 2))) return false; // `x ?ab : c` is a ternary
      lx.token(i + (n >= 0xd800 && n <= 0xdbff ? 3 : 2));
      return true;
    },
  },

  dollarChar: {
    triggers: '$',
    run(lx, i) {
      const n = lx.code(i + 1);
      if (n < 0) return false;
      lx.token(i + (n === BACKSLASH ? 3 : n >= 0xd800 && n <= 0xdbff ? 3 : 2));
      return true;
    },
  },

  backslashChar: {
    triggers: '\\',
    run(lx, i) {
      const n = lx.code(i + 1);
      if (n < 0) return false;
      lx.token(i + (n >= 0xd800 && n <= 0xdbff ? 3 : 2));
      return true;
    },
  },

  specialVar: {
    triggers: '$',
    early: true,
    run(lx, i) {
      const n = lx.code(i + 1);
      if (n < 0 || isNewline(n) || isBlank(n) || lx.isIdentPart(n) || n === LBRACE) return false;
      lx.token(i + 2);
      return true;
    },
  },

  haskellDash: {
    triggers: '-',
    early: true,
    run(lx, i) {
      if (lx.code(i + 1) !== DASH) return false;
      if (i > lx.rangeStart && HASKELL_SYMBOLS.includes(lx.text[i - 1]!)) return false;
      const j = i + rawCount(lx, i, DASH, Infinity);
      const after = lx.code(j);
      if (after >= 0 && HASKELL_SYMBOLS.includes(String.fromCharCode(after))) return false;
      lx.lineComment(i, j);
      return true;
    },
  },

  yamlBlockScalar: {
    triggers: '|>',
    run(lx, i) {
      if (!lx.valueStart(i)) return false;
      let j = i + 1;
      while (j < i + 3 && (isDigit(lx.code(j)) || lx.code(j) === PLUS || lx.code(j) === DASH)) j++;
      let k = j;
      while (lx.code(k) === SPACE || lx.code(k) === TAB) k++;
      const n = lx.code(k);
      if (!(n < 0 || isNewline(n) || (n === HASH && k > j))) return false;
      let indent = 0;
      while (lx.text.charCodeAt(lx.lineStart + indent) === SPACE) indent++;
      lx.pending.push({ kind: 'blockScalar', parentIndent: indent });
      lx.token(j);
      return true;
    },
  },

  dataEnd: {
    triggers: '_',
    early: true,
    run(lx, i) {
      if (i !== lx.lineStart) return false;
      const marker = lx.at('__END__', i) ? 7 : lx.at('__DATA__', i) && lx.lang.id === 'perl' ? 8 : 0;
      if (!marker || lx.isIdentPart(lx.code(i + marker))) return false;
      // The rest is data; only line-block comments (Perl POD) still count.
      let p = lx.afterBreak(lx.lineEndFrom(i));
      while (p < lx.end) {
        lx.lineStart = p;
        if (lx.lineBlockAt(p)) p = lx.i;
        p = lx.afterBreak(lx.lineEndFrom(p));
      }
      lx.i = lx.end;
      return true;
    },
  },

  cssUrl: {
    triggers: '',
    afterWord(lx, word) {
      if (word.toLowerCase() !== 'url' || lx.code(lx.i) !== LPAREN) return false;
      let j = lx.i + 1;
      while (isBlank(lx.code(j))) j++;
      if (lx.code(j) === DQUOTE || lx.code(j) === QUOTE) return false;
      while (j < lx.end && lx.text.charCodeAt(j) !== RPAREN && !isNewline(lx.text.charCodeAt(j))) j++;
      lx.token(lx.code(j) === RPAREN ? j + 1 : j);
      return true;
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Markup: HTML, XML, Vue, Svelte, PHP

const SCRIPT_CLOSE = /<\/script/gi;
const STYLE_CLOSE = /<\/style/gi;
const LANG_ATTR = /\blang\s*=\s*["']?([\w+./-]+)/i;
const TYPE_ATTR = /\btype\s*=\s*["']?([\w+./-]+)/i;

function scriptSyntax(attributes: string): LanguageSyntax | undefined {
  const lang = LANG_ATTR.exec(attributes)?.[1]?.toLowerCase();
  if (lang) return /^(?:ts|typescript|tsx)$/.test(lang) ? languageById('typescript') : /^(?:js|javascript|jsx|babel)$/.test(lang) ? languageById('javascript') : undefined;
  const type = TYPE_ATTR.exec(attributes)?.[1]?.toLowerCase();
  if (!type || type === 'module' || /(?:java|ecma)script|babel|jsx/.test(type)) return languageById('javascript');
  if (/typescript/.test(type)) return languageById('typescript');
  return undefined; // JSON, import maps, templates, shaders: no comments of ours
}

function styleSyntax(attributes: string): LanguageSyntax | undefined {
  const lang = LANG_ATTR.exec(attributes)?.[1]?.toLowerCase();
  if (lang === 'scss' || lang === 'sass' || lang === 'stylus' || lang === 'styl' || lang === 'postcss') return languageById('scss');
  if (lang === 'less') return languageById('less');
  return languageById('css');
}

/** The first `s` in text[from, end), or -1; reads no further than `end`. */
function indexWithin(text: string, s: string, from: number, end: number): number {
  if (end >= text.length) {
    const k = text.indexOf(s, from);
    return k >= 0 && k + s.length <= end ? k : -1;
  }
  const k = text.slice(from, end).indexOf(s);
  return k >= 0 ? from + k : -1;
}

function scanMarkup(lang: LanguageSyntax, text: string, start: number, end: number, spans: CommentSpan[]): void {
  const php = lang.markup === 'php';
  let i = start;
  while (i < end) {
    const lt = indexWithin(text, '<', i, end);
    if (lt < 0) return;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const k = indexWithin(text, '-->', i + 4, end);
      const e = k < 0 ? end : k + 3;
      const span: CommentSpan = { start: i, end: e, kind: 'block' };
      if (k < 0) span.unterminated = true;
      spans.push(span);
      i = e;
    } else if (text.startsWith('<![CDATA[', i)) {
      const k = indexWithin(text, ']]>', i + 9, end);
      i = k < 0 ? end : k + 3;
    } else if (text.startsWith('<?', i)) {
      const opener = php ? phpOpenerLength(text, i) : 0;
      if (opener > 0) {
        const stop = new Lexer(PHP_CODE, text, end, spans, '?>', i + opener).run();
        i = Math.min(end, stop + 2);
      } else {
        const k = indexWithin(text, '?>', i + 2, end);
        i = k < 0 ? end : k + 2;
      }
    } else if (text.startsWith('<!', i)) {
      const k = indexWithin(text, '>', i + 2, end);
      i = k < 0 ? end : k + 1;
    } else if (isLetter(text.charCodeAt(i + 1))) {
      i = scanTag(text, i, end, spans);
    } else i++;
  }
}

/** `<?php`, `<?=` and short `<? ` open PHP code; `<?xml …?>` does not. Returns the opener's length or 0. */
function phpOpenerLength(text: string, i: number): number {
  if (text.slice(i + 2, i + 5).toLowerCase() === 'php' && !isWordChar(text.charCodeAt(i + 5))) return 5;
  if (text.charCodeAt(i + 2) === EQ) return 3;
  const n = text.charCodeAt(i + 2);
  return isBlank(n) || isNewline(n) || i + 2 >= text.length ? 2 : 0;
}

/** A start tag at `i`: skips its quoted attribute values; lexes the content of `<script>` and `<style>`. */
function scanTag(text: string, i: number, end: number, spans: CommentSpan[]): number {
  let j = i + 1;
  while (j < end && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === DASH || text.charCodeAt(j) === COLON || text.charCodeAt(j) === DOT)) j++;
  const name = text.slice(i + 1, j).toLowerCase();
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === DQUOTE || c === QUOTE) {
      const k = indexWithin(text, String.fromCharCode(c), j + 1, end);
      j = k < 0 ? end : k + 1;
    } else if (c === GT) {
      j++;
      break;
    } else j++;
  }
  const tagEnd = j;
  if ((name !== 'script' && name !== 'style') || text.charCodeAt(tagEnd - 2) === SLASH) return tagEnd;
  const closeRe = name === 'script' ? SCRIPT_CLOSE : STYLE_CLOSE;
  closeRe.lastIndex = tagEnd;
  const m = closeRe.exec(text);
  const contentEnd = m && m.index < end ? m.index : end;
  const attributes = text.slice(i, tagEnd);
  const syntax = name === 'script' ? scriptSyntax(attributes) : styleSyntax(attributes);
  if (syntax) new Lexer(syntax, text, contentEnd, spans, '', tagEnd).run();
  return Math.max(contentEnd, tagEnd);
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The comments of `text` in the given language, in order, not overlapping, as UTF-16 offsets including their
 * delimiters. Python docstrings count as comments. Never throws: on an internal error, the comments found so far.
 * With `until`, the comments that start at or before that offset (a comment is read in one step, and the lexer stops
 * only outside strings, so every comment holding a character at or before `until` is complete); the rest of the file is
 * not lexed (the citation scan passes its last `[^`).
 */
export function scanComments(lang: LanguageSyntax, text: string, until = Infinity): CommentSpan[] {
  const spans: CommentSpan[] = [];
  try {
    if (lang.markup) scanMarkup(lang, text, 0, text.length, spans);
    else {
      const lexer = new Lexer(lang, text, text.length, spans);
      lexer.stopAfter = until;
      lexer.run();
    }
  } catch {
    // Return what was found; a lexer bug must not take the index down.
  }
  return spans;
}
