import { withoutClosingSequence } from '../text/strings';

/**
 * The Markdown files an MDX page pastes into itself [^ln9x]: an MDX page (every page of a Docusaurus 2/3 site) may
 * import another Markdown file as a component (`import Flags from './_flags.mdx'`) and render it (`<Flags />`); the
 * imported file's content, headings and their ids included, is then part of the page. Read from the text alone (the
 * parse knows no config): only a page of a Docusaurus site makes them part of it (docusaurus.ts docusaurusImportPages).
 *
 * An import is MDX's: an ESM block, a run of lines that starts with `import` or `export` in column 0 after a blank line
 * (or the start, or front matter) and ends at a blank line; its default imports of a `.md`/`.mdx` file whose name the
 * page renders as an element (`<Flags`) outside code count. Not an import: one in a fenced code block (MDX fences may
 * be indented, as inside an element), in a comment (`{/* … *\/}`, `<!-- … -->`, a JavaScript comment in the block),
 * or in a paragraph (a line that continues one). The paths as written, in order, each once.
 */
export function mdxImportsOf(source: string): string[] {
  if (!MDX_IMPORT_HINT.test(source)) return [];
  const imports: { name: string; path: string }[] = [];
  const rendered = new Set<string>();
  walkMdx(
    source,
    (block) => {
      // A JavaScript comment's text is no statement (`// import X from './_x.mdx'`).
      const code = block.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
      // (A JavaScript string's escapes: `'./\\_flags.md'`, as Prettier writes a Markdown escape, is `./_flags.md`.)
      for (const m of code.matchAll(MDX_DEFAULT_IMPORT)) imports.push({ name: m[1]!, path: m[3]!.replace(/\\(.)/g, '$1') });
    },
    (text) => {
      for (const m of text.matchAll(ELEMENT)) rendered.add(m[1]!);
    },
  );
  const out: string[] = [];
  for (const imp of imports) if (rendered.has(imp.name) && !out.includes(imp.path)) out.push(imp.path);
  return out;
}

/**
 * The ATX headings of a page read as MDX reads it [^ln9x], each its text or its `{#id}`: MDX has no HTML blocks (a
 * line `<details>` opens an element whose content is Markdown, a heading after `</details>` is a heading, where
 * CommonMark's HTML block may leave the page's next lines to indented code and an indented fence) and no indented code
 * (a fence or a heading may be indented, as inside an element). Read only when a line may open an HTML block (a tag in
 * the first four columns): elsewhere CommonMark and MDX see the same headings. Outside fences, front matter, ESM
 * blocks and comments, as mdxImportsOf.
 */
export function mdxHeadingTitles(source: string): string[] {
  if (!HTML_BLOCK_HINT.test(source)) return [];
  const out: string[] = [];
  walkMdx(
    source,
    () => undefined,
    (_text, line) => {
      const m = ATX_HEADING.exec(line);
      if (m) out.push(withoutClosingSequence(m[1] ?? '').trim());
    },
  );
  return out;
}

/**
 * The lines of an MDX page outside fenced code (indented any amount), front matter and comments: each ESM block (a
 * run of lines from an `import`/`export` line in column 0 after a blank line, or the start, to a blank line) to
 * `onEsm` whole, every other line to `onText`, its inline code blanked, and as written.
 */
function walkMdx(source: string, onEsm: (block: string) => void, onText: (text: string, line: string) => void): void {
  const lines = source.split(/\r\n|\r|\n/);
  let fence: { char: string; length: number } | undefined;
  let unwrapped: { char: string; length: number } | undefined;
  let comment: string | undefined;
  let afterBlank = true;
  let block: string[] | undefined;
  const endBlock = (): void => {
    if (block) onEsm(block.join('\n'));
    block = undefined;
  };
  let i = 0;
  // Front matter: `---` on the first line to the next `---`.
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) i = end + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (closes(line, fence)) fence = undefined;
      continue;
    }
    if (comment !== undefined) {
      if (line.includes(comment)) comment = undefined;
      continue;
    }
    const unwrap = unwrapped !== undefined && closes(line, unwrapped);
    if (unwrap) unwrapped = undefined;
    if (unwrap || !line.trim()) {
      endBlock();
      afterBlank = true;
      continue;
    }
    if (block || (afterBlank && ESM_START.test(line))) {
      (block ??= []).push(line);
      afterBlank = false;
      continue;
    }
    afterBlank = false;
    const open = FENCE.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      // Docusaurus unwraps an `mdx-code-block` fence before MDX reads the page: its content is the page's, its fence
      // lines are gone (read as blank lines).
      if (open[2]!.trim() === 'mdx-code-block' && !unwrapped) {
        unwrapped = { char: open[1]![0]!, length: open[1]!.length };
        endBlock();
        afterBlank = true;
        continue;
      }
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    // Inline code is text, not an element.
    const text = line.replace(/`+[^`]*`+/g, ' ');
    onText(text, line);
    // A comment left open on the line hides the lines up to its end.
    for (const [opener, closer] of COMMENTS) {
      const at = text.lastIndexOf(opener);
      if (at >= 0 && !text.slice(at + opener.length).includes(closer)) comment = closer;
    }
  }
  endBlock();
}

/** Whether `line` closes a fence opened by `open`: the same character, at least as many, nothing after. */
function closes(line: string, open: { char: string; length: number }): boolean {
  const m = FENCE.exec(line);
  return m !== null && m[1]![0] === open.char && m[1]!.length >= open.length && !m[2]!.trim();
}

/** A line that may start an ESM block: the cheap test before any line is read. */
const MDX_IMPORT_HINT = /^import[\s{*]/m;
/** A line that may open an HTML block in CommonMark (a tag or comment in the first four columns). */
const HTML_BLOCK_HINT = /^[ \t]{0,3}<[A-Za-z/!]/m;
/** An ATX heading line, indented any amount (MDX reads no indented code). */
const ATX_HEADING = /^[ \t]*#{1,6}(?:[ \t]+(.*))?$/;
const ESM_START = /^(?:import|export)(?=[\s{*]|$)/;
/** A default import of a Markdown file: `import Flags from './_flags.mdx'` (`import Flags, { x } from …` too). */
const MDX_DEFAULT_IMPORT = /\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\}\s*)?from\s*(['"])([^'"\n]+\.mdx?)\2/g;
/** An element whose name is a component's (capitalized, as MDX renders a name in scope): `<Flags`, `<Flags/>`. */
const ELEMENT = /<([A-Z][\w$]*)(?=[\s/>]|$)/g;
/** A fence's opening or closing line: MDX reads no indented code, so a fence may be indented any amount. */
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const COMMENTS: readonly (readonly [string, string])[] = [
  ['{/*', '*/'],
  ['<!--', '-->'],
];
