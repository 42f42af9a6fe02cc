import { joinNamedLists, sameNamedLists } from '../text/lists';

/**
 * Explicit targets that pandoc-family renderers (pandoc, Quarto, the Carpentries Workbench) and MyST (Sphinx with
 * MyST-Parser, mystmd / Jupyter Book) give a page, read from its raw text line by line [^ln9m]. Pure: text in, ids out;
 * whether a page is in a MyST project is the workspace's to say (config `myst`).
 *
 * - `spans`: `[text]{#id}` (pandoc's bracketed_spans, MyST's attrs_inline), `[text](url){#id}` and `![alt](url){#id}`
 *   (pandoc's link_attributes: the id is the link's or the image's), `::: {#id}` (a pandoc fenced div): an element
 *   with that id on the rendered page. The id may stand anywhere in the braces (`{.term #id key=val}`).
 * - `labels`: MyST's explicit targets (MyST-Parser's syntax/cross-referencing.md, "Creating explicit targets"; mystmd's
 *   guide, "Cross-references"): a `(label)=` line, a `{#id}` block attribute alone on a line (attrs_block), a
 *   directive's `:name:` or `:label:` option (or `name:`/`label:` in its `---` YAML block), the argument of
 *   `figure-md`, a term of a `{glossary}` directive, the object a domain directive declares (```` ```{py:class}
 *   pkg.Name ````: `pkg.Name`) and an `.. _label:` of an `{eval-rst}` block. MyST resolves `[text](#label)` and
 *   `[](#label)` against these across the whole project, not the page.
 * - `attrIds`, `objects`, `snippets`: what an MkDocs page's extensions make of it [^ln9n]: Python-Markdown's attr_list
 *   ids, the objects mkdocstrings renders, the files pymdownx.snippets pastes in (each field says which); the site's
 *   config says whether they count (`MkdocsSite`). An attr_list line counts after a line of its block only: a chunk
 *   starts at a heading, after which none counts, so the chunks' reads still equal the whole text's.
 *
 * Not read in literal code: a fence with no directive (```` ```md ````), a directive whose body is code or data
 * (LITERAL_DIRECTIVES), or an inline code span of the line. Read within a line or a fence: a chunk of a parse starts at
 * a line start outside any backtick or tilde fence (specChunks), so the chunks' reads in order are the whole text's.
 * A colon fence (MyST's colon_fence, pandoc's fenced divs) is not literal, so a cut inside one changes nothing but a
 * glossary's terms, which no heading cuts.
 */

export interface ExplicitTargets {
  spans?: string[];
  labels?: string[];
  /**
   * Python-Markdown's attr_list ids (MkDocs): an attribute list alone on the last line of a paragraph or a list item,
   * `{: #id }` or `{#id}`, after a line of the same block (not after a blank line, a heading or a fence), or right
   * after an inline element's end (`**locale**{ #mkdocs-locale }`, `` `name`{#id} ``). An anchor of the page only in
   * an MkDocs site that enables attr_list (`MkdocsSite.attrList`) [^ln9n].
   */
  attrIds?: string[];
  /**
   * The objects mkdocstrings renders on the page, `::: pkg.module.Name` (also after a heading's hashes): each one's
   * heading id is its path, its members' ids start with it and a dot, its docstring's headings' with it and `--`. Read
   * only in an MkDocs site with mkdocstrings or autorefs (`MkdocsSite.autorefs`), or as the block of a Markdown
   * extension that renders generated headings (`MkdocsSite.generators`: `::: mkdocs-click`) [^ln9n].
   */
  objects?: string[];
  /**
   * The files pymdownx.snippets pastes into the page, as written (`--8<-- "docs/snippets/note.md"`, or one a line
   * between two `--8<--` lines; a line selector `:10:20` or a section `:name` dropped), outside code blocks and not
   * escaped with `;`. Included only in an MkDocs site that enables the extension (`MkdocsSite.snippets`) [^ln9n].
   */
  snippets?: string[];
  /**
   * Obsidian's block identifiers: a line that ends with a blank (or starts) and `^id`, the id of Latin letters, digits
   * and dashes (Obsidian Help, Internal links, "Link to a block in a note": `… end of the line. ^37066d`, or `^37066f`
   * alone on a line after a structured block). A link `#^id` reaches it, on a page of an Obsidian vault only [^tr35o].
   */
  blocks?: string[];
}

/** Directives whose body MyST reads as code, math or data, not as Markdown (their options are still options). */
const LITERAL_DIRECTIVES = new Set([
  'code', 'code-block', 'sourcecode', 'code-cell', 'literalinclude', 'math', 'raw', 'eval-rst', 'csv-table', 'mermaid',
  'graphviz', 'digraph', 'graph', 'highlight', 'doctest', 'testcode', 'testsetup', 'testcleanup', 'testoutput',
  'ipython', 'jupyter-execute', 'prompt', 'parsed-literal', 'bibliography',
]);

/** A fence line: its run and what follows it (trimmed by the reader: no lazy match before trailing blanks). */
const FENCE = /^[ \t]*(`{3,}|~{3,}|:{3,})(.*)$/;
/** A directive's name and argument, as a fence's info string: `{note}`, `{figure-md} fig-target`, `{py:class} a.B`. */
const DIRECTIVE = /^\{([A-Za-z][\w.:+-]*)\}[ \t]*(.*)$/;
/** A domain directive (`py:function`, `js:class`, `c:macro`): its argument names the object it declares. */
const DOMAIN_DIRECTIVE = /^[a-z][a-z0-9]*:[a-z][\w-]*$/;
/** MyST's target line, `(label)=` (mdit-py-plugins myst_blocks: the whole line, anything between `(` and `)=`). */
const TARGET_LINE = /^[ \t]*\((.+)\)=[ \t]*$/;
/** An attribute block alone on a line, `{#id .class}` (attrs_block): not `{% … %}`, `{{ … }}` or `{: … }`. */
const BLOCK_ATTRIBUTES = /^[ \t]*\{([^{}:%][^{}]*)\}[ \t]*$/;
/** A directive option line, `:name: value` (the value trimmed by the reader). */
const OPTION = /^[ \t]*:([\w-]+):(?:[ \t](.*))?$/;
/** A YAML option line of a directive's `---` block, `label: value` (the value unquoted and trimmed by the reader). */
const YAML_OPTION = /^[ \t]*(name|label):[ \t](.*)$/;
/** attr_list's block attribute list alone on a line: `{: #id .class }` or `{#id}` (BLOCK_RE: not starting with a blank or `}`). */
const ATTR_LIST_BLOCK = /^[ \t]*\{:?[ \t]*([^}\s][^}\n]*)\}[ \t]*$/;
/** mkdocstrings' autodoc line, `::: pkg.module.Name` or `## ::: pkg.Name` (its regex: `^(#{1,6} *|)::: ?(.+?) *$`), one word. */
const MKDOCSTRINGS_LINE = /^(?:#{1,6} *)?::: ?([^\s{:][^\s]*) *$/;
/** pymdownx.snippets' one-line include, `--8<-- "file.md"` (its marker is any run of `-`, `8<`, a run of `-`). */
const SNIPPET_LINE = /^[ \t]*-+8<-+[ \t]+(["'])((?:(?!\1)[^\r\n])+)\1[ \t]*$/;
/** pymdownx.snippets' block marker, alone on a line: the lines between two of them name files. */
const SNIPPET_BLOCK = /^[ \t]*-+8<-+[ \t]*$/;

/** A snippet's file: the name without a line selector (`:10:20`, `:5`) or a section (`:intro`); none for a URL. */
function snippetFile(given: string): string | undefined {
  const name = given.trim();
  if (!name || name.startsWith(';') || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return undefined;
  return /^(.*?\.[A-Za-z0-9]+)(?::[^/]*)?$/.exec(name)?.[1] ?? name;
}

/** An ATX heading line. */
const ATX_LINE = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** An rST label, `.. _label:`. */
const RST_LABEL = /^[ \t]*\.\. _([^:`]+):[ \t]*$/;
/** An id in an attribute block: `#id` at its start or after a blank. */
const ATTRIBUTE_ID = /(?:^|[ \t])#([^\s#{}"']+)/g;
/** The longest link destination looked back over for a link's attributes, `[text](url){#id}`. */
const MAX_DESTINATION = 2048;
/** The longest attribute block read after a span. */
const MAX_ATTRIBUTES = 512;

interface Fence {
  ch: string;
  len: number;
  literal: boolean;
  name: string;
}

/** The ids of an attribute block's text (`#id .class k=v`); none for a Jinja comment `{# … #}`. */
function idsOf(attributes: string): string[] {
  if (attributes.trimEnd().endsWith('#')) return [];
  return [...attributes.matchAll(ATTRIBUTE_ID)].map((m) => m[1]!);
}

/** The inline code spans of a line, as [start, end) pairs in order (a run of n backticks closed by the next run of n). */
function codeSpans(line: string): number[] {
  if (!line.includes('`')) return [];
  const runs: { start: number; len: number }[] = [];
  for (let i = 0; i < line.length; ) {
    if (line.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    const start = i;
    while (i < line.length && line.charCodeAt(i) === 96) i++;
    runs.push({ start, len: i - start });
  }
  // Each run's next run of the same length (one pass from the right).
  const next = new Int32Array(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    next[k] = seen.get(runs[k]!.len) ?? -1;
    seen.set(runs[k]!.len, k);
  }
  const spans: number[] = [];
  for (let k = 0; k < runs.length; ) {
    const j = next[k]!;
    if (j < 0) {
      k++;
      continue;
    }
    spans.push(runs[k]!.start, runs[j]!.start + runs[j]!.len);
    k = j + 1;
  }
  return spans;
}

/** A brace right after `]` or `)`: where a span's or a link's attributes may open. */
const BRACE_PAIR = /[\])]\{/g;
/** A brace right after `]`: where a span's attributes may open. */
const SPAN_BRACE = /\]\{/g;

/**
 * The span and link-attribute ids of a line outside its code spans. Linear: the braces are visited left to right, and
 * the next `}`, the last `](` before a brace and the code span around it are found by pointers that only move forward.
 */
function spanIds(line: string, out: string[]): void {
  // Only a brace right after `]` or `)` can open one: the pairs are found by one regular expression run over the line
  // (a line of many other braces, `{:{:{:…`, is one search; visiting every `{`, or searching each pair from the last
  // with indexOf, was quadratic in V8's optimized code on such a line, measured: 128,000 braces 2 ms before
  // optimization, 312 ms after).
  if (!line.includes('{')) return;
  // Without a `](` on the line no `){` can open a link's attributes: only `]{` is looked for.
  let nextLink = line.indexOf('](');
  const pairs = new RegExp(nextLink < 0 ? SPAN_BRACE : BRACE_PAIR);
  let found = pairs.exec(line);
  if (!found) return;
  const code = codeSpans(line);
  let span = 0;
  let close = -2;
  let lastLink = -1;
  for (; found; found = pairs.exec(line)) {
    const at = found.index + 1;
    const before = line.charCodeAt(found.index);
    // `]{` (a span), `){` after `](…` (a link's or image's attributes).
    if (before === 41) {
      while (nextLink >= 0 && nextLink < at) {
        lastLink = nextLink;
        nextLink = line.indexOf('](', nextLink + 1);
      }
      if (lastLink < 0 || at - lastLink > MAX_DESTINATION || line.slice(lastLink + 2, at - 1).includes(')')) continue;
    }
    if (close !== -1 && close < at) close = line.indexOf('}', at);
    // No `}` after this brace: none after the later ones either.
    if (close < 0) return;
    if (close - at > MAX_ATTRIBUTES) continue;
    while (span < code.length && code[span + 1]! <= at) span += 2;
    if (span < code.length && code[span]! <= at) continue;
    for (const id of idsOf(line.slice(at + 1, close))) out.push(id);
  }
}

/** An attribute list right after the end of an emphasis, a strong emphasis or a code span: `**term**{ #id }`. */
const INLINE_ATTRIBUTES = /[*_`]\{:?[ \t]*([^{}\s][^{}]*)\}/g;

/**
 * attr_list's ids of inline elements on a line, outside its code spans (a brace right after a span's closing backticks
 * counts). Linear: the matches come left to right, and the code span at or after each is found by a pointer that only
 * moves forward (testing every span for every brace was quadratic: a paragraph of `{: #a}` beside code spans, 1 MB, 2 s).
 */
function inlineAttrIds(line: string, out: string[]): void {
  if (!line.includes('{') || !line.includes('#')) return;
  let code: number[] | undefined;
  let span = 0;
  for (const m of line.matchAll(INLINE_ATTRIBUTES)) {
    const at = m.index + 1;
    code ??= codeSpans(line);
    // Spans [start, end) that end at or before the brace are behind it.
    while (span < code.length && code[span + 1]! <= at) span += 2;
    if (span < code.length && code[span]! <= at) continue;
    for (const id of idsOf(m[1]!)) out.push(id);
  }
}

/** A Sphinx glossary term line (`term`, `term : index key`): the term, lower case as Sphinx keys it. */
function glossaryTerm(line: string): string | undefined {
  if (/^[ \t]/.test(line) || OPTION.test(line)) return undefined;
  // `term : index key`: the term before ` : `.
  const key = /[ \t]:[ \t]/.exec(line);
  const term = (key ? line.slice(0, key.index) : line).trim();
  return term ? term : undefined;
}

/** The explicit targets of a text (see the module's comment); undefined when it has none. */
export function explicitTargetsOf(text: string): ExplicitTargets | undefined {
  // Cheap prefilter: no brace, no `)=`, no `:::` (a directive's or an autodoc's fence), no snippet marker: nothing to read.
  // (An Obsidian block id is `^id` after a blank or at a line's start: a footnote reference's `[^` does not pass.)
  if (!text.includes('{') && !text.includes(')=') && !text.includes(':::') && !text.includes('8<-') && !mayHoldBlockId(text)) return undefined;
  const blocks: string[] = [];
  const snippets: string[] = [];
  let snippetBlock = false;
  const spans: string[] = [];
  const labels: string[] = [];
  const attrIds: string[] = [];
  const objects: string[] = [];
  // Whether the line before is one of a paragraph or a list item an attr_list line may end (not blank, a heading or a fence).
  let inBlock = false;
  const stack: Fence[] = [];
  // The directive just opened, whose options are read: 'options' (`:key:` lines), 'yaml' (inside `---`).
  let options: 'options' | 'yaml' | 'yaml-start' | undefined;
  for (let at = 0; at <= text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(at, end - 1) : text.slice(at, end);
    at = end + 1;
    const after = inBlock;
    inBlock = !/^[ \t]*$/.test(line) && !ATX_LINE.test(line);
    if (options) {
      if (options === 'yaml-start' || options === 'options') {
        if (options === 'yaml-start' && /^[ \t]*---[ \t]*$/.test(line)) {
          options = 'yaml';
          continue;
        }
        const option = OPTION.exec(line);
        if (option) {
          options = 'options';
          const value = option[2]?.trim();
          if ((option[1] === 'name' || option[1] === 'label') && value) labels.push(value);
          continue;
        }
        options = undefined;
      } else {
        if (/^[ \t]*---[ \t]*$/.test(line)) options = undefined;
        else {
          const value = YAML_OPTION.exec(line)?.[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
          if (value) labels.push(value);
        }
        continue;
      }
    }
    const top = stack[stack.length - 1];
    // (A pandoc div with a class, `::: warning`, reads the same: the line goes on to be read as a fence as before.)
    if (!top?.literal && line.includes(':::')) {
      const autodoc = MKDOCSTRINGS_LINE.exec(line);
      if (autodoc) objects.push(autodoc[1]!);
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) inBlock = false;
    const fence = fenceMatch ? [fenceMatch[0], fenceMatch[1]!, fenceMatch[2]!.trim()] : undefined;
    if (top && fence && fence[1]![0] === top.ch && fence[1]!.length >= top.len && fence[2] === '') {
      stack.pop();
      continue;
    }
    if (top?.literal) {
      if (top.name === 'eval-rst') {
        const rst = RST_LABEL.exec(line);
        if (rst) labels.push(rst[1]!.trim());
      }
      continue;
    }
    // pymdownx.snippets (a preprocessor: a marker inside a code block pastes code, no headings; one led by `;` is escaped).
    if (snippetBlock || line.includes('8<-')) {
      if (SNIPPET_BLOCK.test(line)) {
        snippetBlock = !snippetBlock;
        inBlock = false;
        continue;
      }
      if (snippetBlock) {
        const name = snippetFile(line);
        if (name) snippets.push(name);
        continue;
      }
      const one = SNIPPET_LINE.exec(line);
      if (one) {
        const name = snippetFile(one[2]!);
        if (name) snippets.push(name);
        inBlock = false;
        continue;
      }
    }
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const ch = fence[1]![0]!;
      const info = fence[2]!;
      const directive = DIRECTIVE.exec(info);
      if (directive) {
        const name = directive[1]!;
        const argument = directive[2]!.trim();
        stack.push({ ch, len: fence[1]!.length, literal: LITERAL_DIRECTIVES.has(name), name });
        if (name === 'figure-md' && argument) labels.push(argument.split(/\s+/)[0]!);
        else if (DOMAIN_DIRECTIVE.test(name) && argument) {
          const object = /^[^\s([]+/.exec(argument)?.[0];
          if (object) labels.push(object);
        }
        options = 'yaml-start';
        continue;
      }
      if (ch === ':') {
        // A pandoc fenced div, `::: {#id .class}`; a bare `:::` that closes nothing open is text.
        if (info === '' || /^:*$/.test(info)) continue;
        const braces = /^\{([^{}]*)\}/.exec(info);
        if (braces) for (const id of idsOf(braces[1]!)) spans.push(id);
        stack.push({ ch, len: fence[1]!.length, literal: false, name: '' });
        continue;
      }
      // A fence of code: literal.
      stack.push({ ch, len: fence[1]!.length, literal: true, name: '' });
      continue;
    }
    if (top?.name === 'glossary') {
      const term = glossaryTerm(line);
      if (term) labels.push(term.toLowerCase());
      continue;
    }
    const blockId = obsidianBlockId(line);
    if (blockId !== undefined) blocks.push(blockId);
    const target = TARGET_LINE.exec(line);
    if (target) {
      labels.push(target[1]!.trim());
      continue;
    }
    const block = BLOCK_ATTRIBUTES.exec(line);
    if (block) for (const id of idsOf(block[1]!)) labels.push(id);
    const attrList = after && line.includes('{') ? ATTR_LIST_BLOCK.exec(line) : null;
    if (attrList) for (const id of idsOf(attrList[1]!)) attrIds.push(id);
    if (block || attrList) continue;
    spanIds(line, spans);
    inlineAttrIds(line, attrIds);
  }
  if (!spans.length && !labels.length && !attrIds.length && !objects.length && !snippets.length && !blocks.length) return undefined;
  return { ...(spans.length ? { spans } : {}), ...(labels.length ? { labels } : {}), ...(attrIds.length ? { attrIds } : {}), ...(objects.length ? { objects } : {}), ...(snippets.length ? { snippets } : {}), ...(blocks.length ? { blocks } : {}) };
}

/** Whether a text may hold an Obsidian block id: a `^` after a blank, a tab or a line break, or at its start. */
function mayHoldBlockId(text: string): boolean {
  return text.startsWith('^') || text.includes(' ^') || text.includes('\n^') || text.includes('\t^');
}

/** The Obsidian block identifier a line ends with (`… text ^id`, `^id` alone), or undefined (see ExplicitTargets.blocks). */
function obsidianBlockId(line: string): string | undefined {
  const end = line.trimEnd();
  const at = end.lastIndexOf('^');
  if (at < 0 || at === end.length - 1 || (at > 0 && end[at - 1] !== ' ' && end[at - 1] !== '\t')) return undefined;
  const id = end.slice(at + 1);
  return /^[A-Za-z0-9-]+$/.test(id) ? id : undefined;
}

const TARGET_KINDS = ['spans', 'labels', 'attrIds', 'objects', 'snippets', 'blocks'] as const;

/** Both lists of `b` after those of `a` (the page's chunks in order); undefined when both are. */
export function joinExplicitTargets(a: ExplicitTargets | undefined, b: ExplicitTargets | undefined): ExplicitTargets | undefined {
  return joinNamedLists(TARGET_KINDS, a, b);
}

/** Whether two pages' targets are the same (an edit that changes them changes other pages' links). */
export function sameExplicitTargets(a: ExplicitTargets | undefined, b: ExplicitTargets | undefined): boolean {
  return sameNamedLists(TARGET_KINDS, a, b);
}

/** The file names that may make their folder a MyST project (see mystProjectOf). */
export const MYST_CONFIG_NAMES = new Set(['conf.py', 'myst.yml', '_config.yml', '_toc.yml']);

/** The largest MyST project config read (a Sphinx conf.py is a few KB). */
export const MAX_MYST_CONFIG_BYTES = 64 * 1024;

/**
 * The folder a file makes a MyST project's source folder, or undefined [^ln9m]: a Sphinx `conf.py` that loads
 * `myst_parser` or `myst_nb` (named as a string: `extensions = ["myst_parser"]`), a mystmd `myst.yml`, or a Jupyter Book
 * `_config.yml` with a `_toc.yml` beside it (not a Jekyll site's `_config.yml` alone). `text`: the file's text (read
 * only for conf.py), `exists`: whether a workspace file exists.
 */
export function mystProjectOf(file: string, text: () => string | undefined, exists: (path: string) => boolean): string | undefined {
  const slash = file.lastIndexOf('/');
  const dir = slash < 0 ? '' : file.slice(0, slash);
  const name = file.slice(slash + 1);
  const beside = (n: string): string => (dir ? `${dir}/${n}` : n);
  if (name === 'myst.yml') return dir;
  const has = (n: string): boolean => beside(n) === file || exists(beside(n));
  if (name === '_config.yml' || name === '_toc.yml') return has('_config.yml') && has('_toc.yml') ? dir : undefined;
  if (name !== 'conf.py') return undefined;
  const source = text();
  return source !== undefined && /["']myst_(?:parser|nb)["']/.test(source) ? dir : undefined;
}
