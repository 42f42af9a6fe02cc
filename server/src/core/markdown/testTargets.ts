import type { Range } from '../types';

/**
 * Footnote definitions that name the test verifying a clause instead of an example file [^tt3v]:
 *
 *     `[^cmd1a]: specs/tests/test_command_validation.py::test_command_files_have_md_extension`
 *     `[^cmd1b]: tests/test_api.py::TestLogin::test_expired, tests/login.test.ts#L42`
 *     `[^cmd1c]: web/cart.test.ts::Cart::removes an item`
 *
 * A test target is a file path (a name with an extension, no blanks) followed by `::name` parts (pytest node ids,
 * `Class::method`, Go `TestX/sub`, Rust `tests::name`, a jest title) or by a line anchor `#L10` / `#L10-L20`. A
 * definition is test targets only when its whole text is: one target (whose names may hold blanks, as jest titles do),
 * or several separated by commas or blanks. A URL, prose, or a plain path is not (the plain path stays an example
 * file). Pure: this reads the definition's source text only.
 */

/** A test target of a footnote definition, placed in its spec. */
export interface TestTarget {
  raw: string;
  path: string;
  names: string[];
  line?: number;
  /** `raw` in the spec. */
  range: Range;
}

export interface TestTargetMatch {
  /** The target as written (`specs/tests/test_x.py::test_y`). */
  raw: string;
  /** The file part, backslash escapes removed. */
  path: string;
  /** The `::` parts after the path, trimmed and unescaped (empty for a line anchor). */
  names: string[];
  /** The 1-based line of a `#L10` anchor. */
  line?: number;
  /** Offsets of `raw` in the text given to findTestTargets. */
  start: number;
  end: number;
}

/** A relative file path with an extension: no blanks, no `:` (so never a URL), no `#`, brackets or backticks. */
const PATH = String.raw`(?:[^\s:#<>\x60()[\]|,;]*/)?[^\s:#<>\x60()[\]|,;/]*[^\s:#<>\x60()[\]|,;/.]\.[A-Za-z0-9]{1,10}`;
const LINE = String.raw`#L(\d{1,9})(?:-L?\d{1,9})?`;
/** One target that is the whole definition: names may hold blanks (jest titles). */
const SINGLE = new RegExp(String.raw`^(${PATH})(?:::(\S(?:.*\S)?)|${LINE})$`);
/** One target of a list: no blanks, commas or semicolons in it. */
const LISTED = new RegExp(String.raw`^(${PATH})(?:::([^\s,;]+)|${LINE})$`);
const MAX_LENGTH = 2048;
const UNESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * The test targets of a footnote definition's text (what follows `[^id]:`), or an empty list when the text is
 * anything else. Never throws.
 */
export function findTestTargets(text: string): TestTargetMatch[] {
  try {
    if (!text.includes('::') && !text.includes('#L')) return [];
    // One line only: a definition that continues over several lines is prose.
    const lead = text.length - text.trimStart().length;
    const body = text.trim();
    // (Bounded: a target is a short line; a hostile megabyte of `a/a/a/…::` is prose, not a regex workout.)
    if (!body || body.length > MAX_LENGTH || /[\r\n]/.test(body)) return [];
    // A list first (each part a target), else one target whose names may hold blanks.
    const out: TestTargetMatch[] = [];
    const token = /[^\s,;]+/g;
    for (let m = token.exec(body); m; m = token.exec(body)) {
      const found = match(LISTED, m[0], lead + m.index);
      if (!found) {
        out.length = 0;
        break;
      }
      out.push(found);
    }
    if (out.length > 0) return out;
    const single = match(SINGLE, body, lead);
    return single ? [single] : [];
  } catch {
    return [];
  }
}

/** A target in `s` (optionally in backticks or angle brackets) at offset `at` of the definition text. */
function match(re: RegExp, s: string, at: number): TestTargetMatch | undefined {
  let inner = s;
  let offset = at;
  if ((s.startsWith('`') && s.endsWith('`')) || (s.startsWith('<') && s.endsWith('>'))) {
    if (s.length < 3) return undefined;
    inner = s.slice(1, -1);
    offset = at + 1;
  }
  const m = re.exec(inner);
  if (!m) return undefined;
  const path = m[1]!.replace(UNESCAPE, '$1');
  const target: TestTargetMatch = { raw: inner, path, names: [], start: offset, end: offset + inner.length };
  if (m[2] !== undefined) {
    const names = m[2].split('::').map((n) => n.trim().replace(UNESCAPE, '$1'));
    if (names.some((n) => !n)) return undefined;
    target.names = names;
  } else target.line = Number(m[3]);
  return target;
}

/**
 * Whether the text of a footnote definition is one path-like word, the example file it names (`examples/x.md`,
 * `x.md`) [^example_files]: no blank, a `/` or an extension, and no URL scheme, neither at its start nor inside it
 * (`另见说明：https://…` is a note with a link, not a path). Chinese and Japanese prose puts no blank between its words:
 * a word with their sentence punctuation (`，`, `。`, `：`, `、`, `「`) is a sentence, not a file name.
 */
export function isExamplePathWord(value: string): boolean {
  return (
    /^[^\s]+$/.test(value) &&
    (value.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(value)) &&
    !/^[a-z][a-z0-9+.-]*:/i.test(value) &&
    !/[a-z][a-z0-9+.-]*:\/\//i.test(value) &&
    !/[\u3001\u3002\u300c\u300d\uff01\uff0c\uff1a\uff1b\uff1f]/.test(value)
  );
}
