import { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';

/**
 * The tests a test file defines, read from its text, so that a footnote definition naming a test
 * (`[^id]: tests/test_x.py::TestLogin::test_expired`) can be checked [^tt3v]:
 *  - Python: `def name` and `class Name`, qualified by the classes and functions around them (by indentation):
 *    `TestLogin::test_expired`. A class with base classes may inherit tests from elsewhere: its names are open.
 *  - JavaScript and TypeScript: the literal titles of `describe`, `it`, `test` (and `.only`, `.skip`, …) calls. Titles
 *    built at run time (`test.each`, a template with `${}`, a variable) make the file open.
 *  - Go: `func Name` and methods `func (s *Suite) Name`; Rust: `fn name` (test macros make the file open).
 * Other languages are not read (their names are unknown, so never reported missing). A regex pass per test file,
 * not a parser: a name written in a string or comment may count as defined, which can only hide a missing test,
 * never invent one. Pure; never throws.
 */

export interface TestDefinitions {
  /** Names the file defines (qualified with `::` for Python), with where they are. */
  names: { name: string; range: Range }[];
  /** Python classes (qualified) whose tests may be inherited from base classes. */
  openClasses?: string[];
  /** The file defines tests whose names cannot be read statically: a name not found may still exist. */
  open?: boolean;
}

export type TestLookup = { status: 'found'; range: Range } | { status: 'unverified' } | { status: 'missing'; name: string };

/** Languages whose test names are read. */
export function readsTestNames(language: string | undefined): boolean {
  return language !== undefined && LANGUAGE_FAMILY[language] !== undefined;
}

const LANGUAGE_FAMILY: Record<string, 'python' | 'js' | 'go' | 'rust'> = {
  python: 'python',
  javascript: 'js',
  javascriptreact: 'js',
  typescript: 'js',
  typescriptreact: 'js',
  go: 'go',
  rust: 'rust',
};

/** Whether a Rust source file that is not under the test globs holds inline tests (`#[test]`, `#[cfg(test)]`). */
export function hasInlineRustTests(text: string): boolean {
  return text.includes('#[test]') || text.includes('#[cfg(test)]');
}

export function findTestDefinitions(language: string | undefined, text: string): TestDefinitions | undefined {
  const family = language === undefined ? undefined : LANGUAGE_FAMILY[language];
  if (!family) return undefined;
  try {
    const lines = new LineIndex(text);
    if (family === 'python') return python(text, lines);
    if (family === 'js') return javascript(text, lines);
    return simple(family === 'go' ? GO_FUNC : RUST_FN, text, lines, family === 'rust' && RUST_TEST_MACROS.test(text));
  } catch {
    return { names: [], open: true };
  }
}

// Every repetition is bounded (a hostile file of 100,000 unclosed `class X(` or `it(\`` stays linear).
const PY_DEF = /^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)[ \t]*(\()?/gm;
const MAX_BASES = 400;
const MAX_DEPTH = 32;
/** Bases that hold no tests of their own. */
const PY_PLAIN_BASES = new Set(['', 'object', 'TestCase', 'unittest.TestCase', 'IsolatedAsyncioTestCase', 'unittest.IsolatedAsyncioTestCase']);

function python(text: string, lines: LineIndex): TestDefinitions {
  const out: TestDefinitions = { names: [] };
  const stack: { indent: number; qualified: string }[] = [];
  PY_DEF.lastIndex = 0;
  for (let m = PY_DEF.exec(text); m; m = PY_DEF.exec(text)) {
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    // Real tests nest a few levels; a hostile file nested thousands deep would make names of quadratic size.
    if (stack.length >= MAX_DEPTH) {
      out.open = true;
      continue;
    }
    const outer = stack[stack.length - 1];
    const qualified = outer ? `${outer.qualified}::${m[3]!}` : m[3]!;
    const nameStart = m.index + m[0].indexOf(m[3]!, m[1]!.length + m[2]!.length);
    out.names.push({ name: qualified, range: lines.rangeOf(nameStart, nameStart + m[3]!.length) });
    if (m[2] === 'class' && m[4]) {
      const from = m.index + m[0].length;
      const close = text.slice(from, from + MAX_BASES).indexOf(')');
      // Base classes we cannot read (too long a list) count as bases that may hold tests.
      const bases = close < 0 ? ['?'] : text.slice(from, from + close).split(',').map((b) => b.trim()).filter((b) => b && !b.includes('='));
      if (bases.some((b) => !PY_PLAIN_BASES.has(b))) (out.openClasses ??= []).push(qualified);
    }
    stack.push({ indent, qualified });
  }
  return out;
}

const JS_CALL = /\b(?:describe|context|suite|it|test|specify)((?:\s{0,100}\.\s{0,100}(?:only|skip|todo|concurrent|failing|sequential|each|serial|fixme)){0,4})\s{0,100}\(\s{0,200}(?:(['"])((?:\\.|(?!\2)[^\\\r\n]){0,500})\2|`((?:\\.|[^\\`\r\n]){0,500})`|([^\s'"`)]))/g;

function javascript(text: string, lines: LineIndex): TestDefinitions {
  const out: TestDefinitions = { names: [] };
  JS_CALL.lastIndex = 0;
  for (let m = JS_CALL.exec(text); m; m = JS_CALL.exec(text)) {
    const modifiers = m[1] ?? '';
    if (m[5] !== undefined || /\beach\b/.test(modifiers) || (m[4] !== undefined && m[4].includes('${'))) {
      out.open = true;
      continue;
    }
    const raw = m[3] ?? m[4]!;
    const title = raw.replace(/\\(.)/g, '$1');
    const start = m.index + m[0].length - raw.length - 1;
    out.names.push({ name: title, range: lines.rangeOf(start, start + raw.length) });
  }
  return out;
}

const GO_FUNC = /^func[ \t]+(?:\([^)\r\n]{0,200}\)[ \t]*)?([A-Za-z_]\w*)/gm;
const RUST_FN = /\bfn[ \t]+([A-Za-z_]\w*)/g;
const RUST_TEST_MACROS = /macro_rules!|#\[(?:rstest|test_case|proptest|quickcheck)/;

function simple(re: RegExp, text: string, lines: LineIndex, open: boolean): TestDefinitions {
  const out: TestDefinitions = { names: [] };
  if (open) out.open = true;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    out.names.push({ name: m[1]!, range: lines.rangeOf(start, start + m[1]!.length) });
  }
  return out;
}

const PY_NAME = /^[A-Za-z_]\w*$/;
const GO_RUST_NAME = /^[A-Za-z_]\w*$/;

/**
 * Whether `names` (the `::` parts of a test target) name a test of a file with these definitions. `unverified` when
 * the file's tests cannot be known (language not read, open file, a name that is not a name of that language).
 */
export function lookupTest(language: string | undefined, defs: TestDefinitions | undefined, names: readonly string[]): TestLookup {
  const family = language === undefined ? undefined : LANGUAGE_FAMILY[language];
  if (!family || !defs || names.length === 0) return { status: 'unverified' };
  const find = (name: string): Range | undefined => defs.names.find((n) => n.name === name)?.range;
  if (family === 'python') {
    // pytest parameters (`test_x[1-2]`) are not part of the name.
    const parts = names.map((n) => n.replace(/\[.*\]$/, ''));
    if (!parts.every((p) => PY_NAME.test(p))) return { status: 'unverified' };
    const range = find(parts.join('::'));
    if (range) return { status: 'found', range };
    if (defs.open) return { status: 'unverified' };
    // The longest prefix that is a class with bases: the rest may be inherited.
    for (let k = parts.length - 1; k >= 1; k--) {
      if (defs.openClasses?.includes(parts.slice(0, k).join('::'))) return { status: 'unverified' };
    }
    // Name the first part that is missing (`TestLogin` when the class is, else the method).
    for (let k = 1; k <= parts.length; k++) {
      if (!find(parts.slice(0, k).join('::'))) return { status: 'missing', name: parts.slice(0, k).join('::') };
    }
    return { status: 'missing', name: parts.join('::') };
  }
  if (family === 'js') {
    let range: Range | undefined;
    for (const name of names) {
      range = find(name);
      if (!range) return defs.open ? { status: 'unverified' } : { status: 'missing', name };
    }
    return { status: 'found', range: range! };
  }
  // Go (`TestX/sub case`: the subtest is not a function) and Rust (`tests::name`: modules are not functions).
  const last = family === 'go' ? names[names.length - 1]!.split('/')[0]! : names[names.length - 1]!;
  if (!GO_RUST_NAME.test(last)) return { status: 'unverified' };
  const range = find(last) ?? (family === 'rust' ? names.map(find).find((r) => r !== undefined) : undefined);
  if (range) return { status: 'found', range };
  return defs.open ? { status: 'unverified' } : { status: 'missing', name: last };
}
