import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/**
 * The terms of Goldmark's definition lists (PHP Markdown Extra, Hugo's default Markdown): a line `:` + blank at the
 * container's first column turns the paragraph just before it (blank lines between allowed) into terms, one per line
 * (yuin/goldmark extension/definition_list.go: the description parser makes a DefinitionTerm of each line of the list's
 * paragraph). Read at the top level only (not in block quotes or list items), outside fences and front matter; each
 * term with its plain text (termPlainText). A `:` line right after a description's line, or indented under it, belongs
 * to that description and makes no new term. Read within lines and blocks, so the chunks' terms in order are the whole
 * text's (chunks are cut at top-level ATX headings, which close any paragraph).
 */
export function definitionTermLines(text: string): { line: number; text: string }[] {
  if (!text.includes('\n:') && !text.startsWith(':')) return [];
  const out: { line: number; text: string }[] = [];
  /** The last paragraph's lines, while it is the container's last block (blank lines after it allowed). */
  let para: { line: number; text: string }[] | undefined;
  let paraOpen = false;
  let fence: { char: string; length: number } | undefined;
  let front: string | undefined;
  /** In a table or an HTML block, to the next blank line. */
  let opaque = false;
  let inDefinition = false;
  let blankBefore = true;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Front matter (YAML `---`, TOML `+++`) on the first line, to its closing line.
    if (n === 0 && (line === '---' || line === '+++')) {
      front = line;
      continue;
    }
    if (front !== undefined) {
      if (line.trimEnd() === front || (front === '---' && line.trimEnd() === '...')) front = undefined;
      continue;
    }
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    const blank = /^[ \t]*$/.test(line);
    if (blank) {
      paraOpen = false;
      opaque = false;
      blankBefore = true;
      continue;
    }
    const wasBlank = blankBefore;
    blankBefore = false;
    const open = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      para = undefined;
      paraOpen = false;
      inDefinition = false;
      continue;
    }
    // A description: the paragraph before it is its terms (after another block, a `:` line is text).
    if (/^:[ \t]/.test(line) && (para || inDefinition)) {
      if (para) for (const t of para) out.push({ line: t.line, text: termPlainText(t.text) });
      para = undefined;
      paraOpen = false;
      inDefinition = true;
      continue;
    }
    const indented = /^(?: {4}|\t| {0,3}\t)/.test(line);
    if (inDefinition) {
      // A description's own lines: indented under it, or a lazy line right after one of its lines.
      if (!interrupts(line) && (/^[ \t]/.test(line) || !wasBlank)) continue;
      inDefinition = false;
    }
    if (opaque) continue;
    if (paraOpen) {
      // A setext underline makes the paragraph a heading; a delimiter row under its one line, a table.
      const setext = /^ {0,3}(?:=+|-+)[ \t]*$/.test(line);
      if (setext || (para!.length === 1 && DELIMITER_ROW.test(line) && (line.includes('|') || para![0]!.text.includes('|')))) {
        opaque = !setext;
        para = undefined;
        paraOpen = false;
        continue;
      }
      if (!interrupts(line)) {
        para!.push({ line: n, text: line.trim() });
        continue;
      }
    }
    if (indented || startsBlock(line)) {
      para = undefined;
      paraOpen = false;
      if (!indented && HTML_START.test(line)) opaque = true;
      continue;
    }
    para = [{ line: n, text: line.trim() }];
    paraOpen = true;
  }
  return out;
}

/** A table's delimiter row: `---|:--:` cells, pipes between (and maybe around) them. */
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** An HTML block's first line: a tag, a comment, a processing instruction or a declaration. */
const HTML_START = /^ {0,3}<(?:\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t>]|\/>|$)|!--|\?|![A-Z])/;

/** A line that starts another block and ends a paragraph: an ATX heading, a block quote, a list item, an HTML block, a thematic break. */
function interrupts(line: string): boolean {
  return /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*][ \t]+\S|1[.)][ \t]+\S)/.test(line) || HTML_START.test(line) || THEMATIC_BREAK.test(line);
}

const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;

/** A line that starts a block other than a paragraph where none is open: also any list item, empty or numbered. */
function startsBlock(line: string): boolean {
  return interrupts(line) || /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/.test(line);
}

/** An autolink `<scheme:address>` or `<user@host>`, an inline HTML tag, a character reference (sticky: matched at an offset). */
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

/** A character that may start markup termPlainText reads (global: searched from an offset). */
const SPECIAL = /[\\`\]<&_-]/g;

/** A sticky expression's match at an offset of a text (no slice of it). */
function at(re: RegExp, text: string, offset: number): RegExpExecArray | null {
  re.lastIndex = offset;
  return re.exec(text);
}

/** ASCII punctuation, which a backslash escapes. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const PUNCT_OR_SPACE = /[\s\p{P}\p{S}]/u;

/**
 * A term's text as Hugo reads it for its id (render.TextPlain: the text of its inline nodes): code spans' contents,
 * links' and images' texts (not their destinations), no HTML tags, emphasis markers `_` that open or close (not inside a
 * word: `snake_case` keeps its `_`), backslash escapes and character references resolved, and Goldmark's typographer
 * dashes (`--`, `---`: an en or em dash, which no id keeps) dropped. Other punctuation stays: the id drops it.
 */
export function termPlainText(term: string): string {
  let out = '';
  /** Where the `_` runs of the output are, with whether each may open or close emphasis. */
  const runs: { at: number; length: number; open: boolean; close: boolean }[] = [];
  const n = term.length;
  /** Each `(`'s closing `)`, by offset (made when a link needs it). */
  let closing: Map<number, number> | undefined;
  /** The starts of the backtick runs of each length, in order, and the first not yet passed (made at the first run). */
  let runsByLength: Map<number, { starts: number[]; next: number }> | undefined;
  /** The end of the next HTML comment: -1 once none is left. */
  let commentEnd = -2;
  for (let i = 0; i < n; ) {
    const c = term[i]!;
    if (c === '\\' && i + 1 < n && ESCAPABLE.test(term[i + 1]!)) {
      out += term[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let r = i;
      while (r < n && term[r] === '`') r++;
      const length = r - i;
      // The closing run: the next run of exactly as many backticks.
      runsByLength ??= backtickRuns(term);
      const same = runsByLength.get(length)!;
      while (same.next < same.starts.length && same.starts[same.next]! < r) same.next++;
      const close = same.next < same.starts.length ? same.starts[same.next]! : -1;
      if (close < 0) {
        out += term.slice(i, r);
        i = r;
        continue;
      }
      let code = term.slice(r, close);
      if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
      out += code;
      i = close + length;
      continue;
    }
    if (c === ']' && term[i + 1] === '(') {
      // A link's destination and title: to the parenthesis that closes it.
      closing ??= closingParens(term);
      const j = closing.get(i + 1);
      if (j !== undefined) {
        i = j + 1;
        continue;
      }
    }
    if (c === ']' && term[i + 1] === '[') {
      const j = term.indexOf(']', i + 2);
      if (j > 0) {
        i = j + 1;
        continue;
      }
    }
    if (c === '<') {
      const tag = at(AUTOLINK, term, i);
      if (tag) {
        // An autolink: its address is its text.
        out += tag[0].slice(1, -1);
        i += tag[0].length;
        continue;
      }
      const html = at(HTML_TAG, term, i);
      if (html) {
        i += html[0].length;
        continue;
      }
      if (term.startsWith('<!--', i) && commentEnd !== -1) {
        // (found once: none after one comment opener, none after any later one)
        if (commentEnd < i + 4) commentEnd = term.indexOf('-->', i + 4);
        if (commentEnd !== -1) {
          i = commentEnd + 3;
          continue;
        }
      }
    }
    if (c === '&') {
      const ref = at(CHARACTER_REFERENCE, term, i);
      if (ref) {
        const code = ref[1] !== undefined ? Number.parseInt(ref[1], 10) : ref[2] !== undefined ? Number.parseInt(ref[2], 16) : undefined;
        const decoded = code !== undefined ? (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd') : decodeNamedCharacterReference(ref[3]!);
        if (decoded !== false) {
          out += decoded;
          i += ref[0].length;
          continue;
        }
      }
    }
    if (c === '-' && term[i + 1] === '-') {
      // The typographer: `---` an em dash, `--` an en dash, neither kept in an id.
      let r = i;
      while (r < n && term[r] === '-') r++;
      if ((r - i) % 3 === 1) out += '-';
      i = r;
      continue;
    }
    if (c === '_') {
      let r = i;
      while (r < n && term[r] === '_') r++;
      const before = i > 0 ? term[i - 1]! : ' ';
      const after = r < n ? term[r]! : ' ';
      const left = !/\s/.test(after) && (!PUNCT_OR_SPACE.test(after) || PUNCT_OR_SPACE.test(before));
      const right = !/\s/.test(before) && (!PUNCT_OR_SPACE.test(before) || PUNCT_OR_SPACE.test(after));
      runs.push({ at: out.length, length: r - i, open: left && (!right || PUNCT_OR_SPACE.test(before)), close: right && (!left || PUNCT_OR_SPACE.test(after)) });
      out += term.slice(i, r);
      i = r;
      continue;
    }
    // Plain text to the next character that may start markup, in one piece.
    SPECIAL.lastIndex = i + 1;
    const next = SPECIAL.test(term) ? SPECIAL.lastIndex - 1 : n;
    out += term.slice(i, next);
    i = next;
  }
  // Emphasis: a run that closes after one that opens drops both (their markers are not text).
  const drop: { at: number; length: number }[] = [];
  const openers: { at: number; length: number }[] = [];
  for (const run of runs) {
    if (run.close && openers.length) {
      drop.push(openers.pop()!, run);
      continue;
    }
    if (run.open) openers.push(run);
  }
  if (drop.length === 0) return out;
  drop.sort((a, b) => a.at - b.at);
  let kept = '';
  let from = 0;
  for (const d of drop) {
    kept += out.slice(from, d.at);
    from = d.at + d.length;
  }
  return kept + out.slice(from);
}

/** The starts of the text's backtick runs, by run length (each list in order). */
function backtickRuns(text: string): Map<number, { starts: number[]; next: number }> {
  const runs = new Map<number, { starts: number[]; next: number }>();
  for (let j = 0; j < text.length; ) {
    if (text[j] !== '`') {
      j++;
      continue;
    }
    let k = j;
    while (k < text.length && text[k] === '`') k++;
    const list = runs.get(k - j);
    if (list) list.starts.push(j);
    else runs.set(k - j, { starts: [j], next: 0 });
    j = k;
  }
  return runs;
}

/** Each `(`'s matching `)` (unescaped; one pass with a stack), by offset: where a link's destination and title end. */
function closingParens(text: string): Map<number, number> {
  const closing = new Map<number, number>();
  const open: number[] = [];
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '(') open.push(j);
    else if (c === ')' && open.length) closing.set(open.pop()!, j);
  }
  return closing;
}
