/**
 * The section ids two spec generators give the pages they publish, which GitHub's heading slugs do not match [^ln7g].
 * Pure: text and titles in, ids out; which files a generator builds is the io layer's to say (config `specMd`,
 * `specGenerator`).
 *
 * spec-md (leebyron/spec-md, the GraphQL spec): one page from an entry file and the files it imports
 * (`# [Title](file.md)`, or such a link alone in its paragraph), inlined where they are imported. Every section gets
 * `sec-` + its title with each run of characters outside `[A-Za-z0-9_-]` turned into `-` (`anchorize`, src/print.js),
 * case kept, a leading section number (`A.`, `3.1.`) dropped; a title two sections of the page share is qualified by
 * its parent section's name, `sec-Parent.Title`; a bold line alone in its paragraph (`**Limits**`) is a subsection,
 * always qualified, `sec-Section.Limits`. The entry file's first heading is the document's title, no section.
 *
 * ipfs/spec-generator (ReSpec's `addId`, lib/html/utils.js, as its toc.js calls it on every section): the heading's
 * text lower-cased, accents dropped, each run of `\W` turned into `-`, dashes trimmed; `x` before an id that does not
 * start with a letter or digit; a repeated id gets `-0`, `-1`, …
 */

import { LineIndex } from '../text/lineIndex';
import { withoutClosingSequence } from '../text/strings';
import type { Range } from '../types';

/** One block of a spec-md file that makes or places sections, in the order of the file. */
export type SpecMdItem =
  | { kind: 'section'; level: number; title: string }
  | { kind: 'subsection'; title: string }
  /** An import: a heading of this level whose text is a link to a `.md` file, or (level 0) such a link as a paragraph. */
  | { kind: 'import'; level: number; path: string };

/** spec-md's `format` (src/grammar.pegjs): the typographic replacements made to a title before it is anchorized. */
function specMdFormat(text: string, followsEntity = false): string {
  return text
    .replace(/[ \n\r]+/g, ' ')
    .replace(/(^|[^\\])<-{1,3}>/g, '$1\u2194')
    .replace(/(^|[^\\])<-{1,3}(?=$|[^->])/g, '$1\u2190')
    .replace(/(^|[^\\<-])-{1,3}>/g, '$1\u2192')
    .replace(/(^|[^\\])<={1,3}>/g, '$1\u21D4')
    .replace(/(^|[^\\])<=={1,2}(?=$|[^=>])/g, '$1\u21D0')
    .replace(/(^|[^\\<=])={1,3}>/g, '$1\u21D2')
    .replace(/(^|[^\\])~=/g, '$1\u2248')
    .replace(/(^|[^\\])<=(?=$|[^=>])/g, '$1\u2264')
    .replace(/(^|[^\\])>=/g, '$1\u2265')
    .replace(/(^|[^\\<-])--(?=$|[^->])/g, '$1\u2014')
    .replace(/(^|\S\s)-(?=$|\s[^\d])/g, '$1\u2013')
    .replace(/(\s)"/g, '$1\u201C')
    .replace(new RegExp(`(${followsEntity ? '' : '^'}|[^\\\\])"(?=\\w)`, 'g'), '$1\u201C')
    .replace(/(^|[^\\])"/g, '$1\u201D')
    .replace(/(\w)'(?=\w)/g, '$1\u2019')
    .replace(/(\s)'/g, '$1\u2018')
    .replace(new RegExp(`(${followsEntity ? '' : '^'}|[^\\\\])'(?=\\w)`, 'g'), '$1\u2018')
    .replace(/(^|[^\\])'/g, '$1\u2019')
    .replace(/\\([\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E])/g, '$1');
}

/** spec-md's `anchorize`. */
export function specMdAnchorize(title: string): string {
  return title.replace(/[^A-Za-z0-9\-_]+/g, '-');
}

/** A heading line (at most three spaces in; spec-md needs no space after the `#`s). */
const HEADING = /^ {0,3}(#{1,6})(?!#)[ \t]*(.*)$/;
/** A section number before the title (`A.`, `3.1.`, `*.`), matched as spec-md's grammar does: no backtracking into it. */
const SECTION_NUMBER = /^(?=((?:[0-9]+|[A-Z]+|\*)(?:\.(?:[0-9]+|\*))*))\1\.[ \t]*/;
/** A link to a Markdown file, the whole of a heading's text or of a paragraph: an import. */
const IMPORT_LINK = /^\[[^\]\r\n]*\]\(([^()\s]+\.md)\)$/;
/** A bold line: a subsection's header when it is a paragraph of its own. */
const SUBSECTION = /^ {0,3}\*\*([^\r\n*]+)\*\*[ \t]*$/;

/**
 * The sections, subsections and imports of a spec-md file, in order. `entry`: the file spec-md starts from, whose first
 * heading (or setext title) is the document's title. Fenced code and HTML comments are skipped.
 */
export function specMdOutline(text: string, entry: boolean): SpecMdItem[] {
  const lines = text.split(/\r\n|\n|\r/);
  const items: SpecMdItem[] = [];
  const blank = (i: number): boolean => i < 0 || i >= lines.length || lines[i]!.trim() === '';
  let titled = !entry;
  let fence = false;
  let comment = false;
  // Whether the line before starts a block (a blank line, a heading, the file's start).
  let blockStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (line.includes('```')) fence = false;
      blockStart = false;
      continue;
    }
    if (comment) {
      if (line.includes('-->')) comment = false;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') {
      blockStart = true;
      continue;
    }
    if (trimmed.startsWith('```')) {
      fence = true;
      continue;
    }
    if (blockStart && trimmed.startsWith('<!--')) {
      if (!trimmed.includes('-->')) comment = true;
      continue;
    }
    if (!titled) {
      // The title: the first heading, or a line underlined by `===`/`---`.
      titled = true;
      if (HEADING.test(line)) {
        blockStart = true;
        continue;
      }
      if (i + 1 < lines.length && /^(?:-{3,}|={3,})[ \t]*$/.test(lines[i + 1]!)) {
        i++;
        blockStart = true;
        continue;
      }
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blockStart = true;
      const level = heading[1]!.length;
      const text = heading[2]!.replace(/[ \t#]+$/, '');
      const link = IMPORT_LINK.exec(text);
      if (link) {
        items.push({ kind: 'import', level, path: link[1]! });
        continue;
      }
      const title = text.replace(SECTION_NUMBER, '');
      if (title) items.push({ kind: 'section', level, title: specMdFormat(title) });
      continue;
    }
    if (blockStart && blank(i + 1)) {
      const sub = SUBSECTION.exec(line);
      if (sub) items.push({ kind: 'subsection', title: specMdFormat(sub[1]!) });
      const link = /^ {0,3}\S/.test(line) ? IMPORT_LINK.exec(trimmed) : null;
      if (link) items.push({ kind: 'import', level: 0, path: link[1]! });
    }
    blockStart = false;
  }
  return items;
}

/**
 * The ids spec-md gives the sections of the page it builds from `entry`: `outlineOf` gives a file's items (undefined: a
 * file that cannot be read), `resolve` the file an import names from the importing file. The files read, in order.
 */
export function specMdSectionIds(
  entry: string,
  outlineOf: (file: string, entry: boolean) => SpecMdItem[] | undefined,
  resolve: (from: string, path: string) => string | undefined,
  maxFiles = 1000,
): { files: string[]; ids: string[] } {
  // The sections and subsections of the assembled page, each with its parent section's index (-1: none).
  const nodes: { sub: boolean; name: string; parent: number }[] = [];
  const files: string[] = [];
  const walk = (file: string, isEntry: boolean, base: number, outer: readonly { depth: number; node: number }[], chain: Set<string>): void => {
    const items = files.length < maxFiles ? outlineOf(file, isEntry) : undefined;
    if (!items) return;
    if (!files.includes(file)) files.push(file);
    const stack = [...outer];
    const top = (): number => stack[stack.length - 1]?.node ?? -1;
    for (const item of items) {
      if (item.kind === 'subsection') {
        nodes.push({ sub: true, name: specMdAnchorize(item.title), parent: top() });
        continue;
      }
      // A heading (a section, an import) closes the sections of its level and deeper; a paragraph import none.
      const depth = base + item.level;
      if (item.level > 0) while (stack.length > outer.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
      if (item.kind === 'section') {
        nodes.push({ sub: false, name: specMdAnchorize(item.title), parent: top() });
        stack.push({ depth, node: nodes.length - 1 });
        continue;
      }
      const target = resolve(file, item.path);
      // An import's sections go where the import is: children of the section around it. A file importing itself,
      // directly or not, would never end; it is read once.
      if (target === undefined || chain.has(target)) continue;
      walk(target, false, stack[stack.length - 1]?.depth ?? base, stack, new Set([...chain, target]));
    }
  };
  walk(entry, true, 0, [], new Set([entry]));
  const count = new Map<string, number>();
  for (const n of nodes) if (!n.sub) count.set(n.name, (count.get(n.name) ?? 0) + 1);
  // A section's name, qualified by its parent's (spec-md's `undefined.` when it has none) when another section shares it.
  const names: string[] = [];
  const ids = new Set<string>();
  nodes.forEach((n, i) => {
    const parent = n.parent >= 0 ? names[n.parent]! : undefined;
    if (n.sub) {
      names[i] = parent !== undefined ? `${parent}.${n.name}` : n.name;
    } else {
      names[i] = (count.get(n.name) ?? 0) > 1 ? `${parent ?? 'undefined'}.${n.name}` : n.name;
    }
    ids.add(`sec-${names[i]}`);
  });
  return { files, ids: [...ids] };
}

/** A remark text directive, `:name[text]{attributes}`, renders its text (`:dfn[word]` is a `<dfn>` of `word`). */
const TEXT_DIRECTIVE = /(^|[^:]):[A-Za-z][\w-]*\[([^\]]*)\](?:\{[^}]*\})?/g;

/** The ids ipfs/spec-generator gives a page's sections, from its headings' text in order (ReSpec's `addId`). */
export function specGeneratorSectionIds(titles: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const title of titles) {
    let id = title
      .replace(TEXT_DIRECTIVE, '$1$2')
      .trim()
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\W+/g, '-')
      .replace(/^-+/, '')
      .replace(/-+$/, '');
    if (!id) id = 'generatedID';
    else if (!/^[a-z0-9]/i.test(id)) id = `x${id}`;
    if (ids.has(id)) {
      let i = 0;
      while (ids.has(`${id}-${i}`)) i++;
      id = `${id}-${i}`;
    }
    ids.add(id);
  }
  return ids;
}

/**
 * The heading ids an MkDocs site's `toc` extension gives a page [^sc5p], from its headings in order: a heading with an
 * id of its own (`{ #recap }`, attr_list) keeps it, every other one gets `slugify(text)` made unique with `_1`, `_2`, …
 * against every id before it and the page's own ids (`unique`, after the ids the page already has). By `kind`:
 *  - `toc` (Python-Markdown's default, markdown/extensions/toc.py `slugify(value, separator, unicode=False)`): NFKD,
 *    drop what is not ASCII, drop each character outside `[\w\s-]`, strip, lower case, each run of `[-\s]` one `-`:
 *    `SQL - The Language` is `sql-the-language` where GitHub writes `sql---the-language`; `unknown` reads as this one;
 *  - `toc-unicode` (`slugify_unicode`): the same without the NFKD and ASCII steps (`\w` is Unicode's);
 *  - `uslugify` (pymdownx.slugs, `slugify(case="lower")`): NFC, tags dropped, strip, lower case, each character outside
 *    `[\w\- ]` dropped, each blank one `-` (no runs collapsed).
 */
export function mkdocsTocIds(headings: readonly { title: string; id?: string }[], kind: 'toc' | 'toc-unicode' | 'uslugify' | 'unknown'): Set<string> {
  const used = new Set<string>();
  for (const h of headings) if (h.id !== undefined) used.add(h.id);
  const ids = new Set<string>();
  for (const h of headings) {
    if (h.id !== undefined) continue;
    let id = mkdocsSlug(h.title, kind);
    while (used.has(id) || !id) {
      const m = /^(.*)_([0-9]+)$/.exec(id);
      id = m ? `${m[1]!}_${Number(m[2]!) + 1}` : `${id}_1`;
    }
    used.add(id);
    ids.add(id);
  }
  return ids;
}

function mkdocsSlug(text: string, kind: 'toc' | 'toc-unicode' | 'uslugify' | 'unknown'): string {
  if (kind === 'uslugify') {
    return text
      .normalize('NFC')
      .replace(/<\/?[^>]*>/g, '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, '')
      .replace(/ /g, '-');
  }
  const value = kind === 'toc-unicode' ? text.replace(/[^\p{L}\p{N}_\s-]/gu, '') : text.normalize('NFKD').replace(/[^\p{ASCII}]/gu, '').replace(/[^\w\s-]/g, '');
  return value.trim().toLowerCase().replace(/[-\s]+/g, '-');
}

/**
 * The ids a marked build script gives the headings of a page when its heading renderer takes the bold text as the id
 * (tc39/proposal-temporal's docs/buildDocs.js: `const match = text.match(/<strong>(.*)<\/strong>/); if (match) id =
 * match[1].replace(/[^a-zA-Z]/g, '-')`, so `### zonedDateTime.**toString**(options) : string` is `#toString`) [^ln7g].
 * Only what is known exactly is given: an ATX heading at the top level of the page (not in a fence, a list or a quote)
 * with one `**…**` whose text is plain (no other markup, no character marked escapes); a heading with more or with
 * other emphasis gives none (its id is the script's, not guessed here).
 */
export function markedStrongHeadingIds(text: string, headings: readonly { readonly range: Range }[]): string[] {
  const ids = new Set<string>();
  const lines = headings.length ? new LineIndex(text) : undefined;
  for (const heading of headings) {
    // The parse's headings (so none in a fence, indented code or an HTML block); at the top level: the line starts
    // with the `#`s (a heading in a list item or a quote does not).
    const h = /^ {0,3}#{1,6}[ \t]+(.*)$/.exec(lines!.lineText(heading.range.start.line));
    if (!h) continue;
    const title = withoutClosingSequence(h[1]!);
    if (title.split('**').length !== 3 || /__|<strong|\\/.test(title)) continue;
    const bold = /\*\*([^*_`<>&"'[\]!\s](?:[^*_`<>&"'[\]!]*[^*_`<>&"'[\]!\s])?)\*\*/.exec(title);
    if (bold) ids.add(bold[1]!.replace(/[^a-zA-Z]/g, '-'));
  }
  return [...ids];
}

/**
 * The heading ids a VuePress site gives a page [^sw31v]: markdown-it-anchor on every heading level with VuePress's
 * `slugify` (VuePress 1 `@vuepress/shared-utils` slugify.ts, VuePress 2 `@mdit-vue/shared`): NFKD, combining marks
 * dropped, control characters dropped, each run of blanks and of ``~`!@#$%^&*()-_+=[]{}|\;:"'“”‘’<>,.?/`` one `-`,
 * runs of `-` one, `-` trimmed at both ends, `_` before a leading digit, lower case. So `### markdown.anchor` is
 * `#markdown-anchor` and `## Prev / Next Links` is `#prev-next-links` where GitHub writes `#markdownanchor` and
 * `#prev--next-links`. Only what is the same in both versions is given: a heading with an id of its own (`{#id}`), one
 * with an en or em dash (VuePress 1 makes it `-`, VuePress 2 keeps it) and a repeated slug (the suffix markdown-it-anchor
 * adds differs between its versions) give no id here, nor does one with an emoji shortcode (`### Emoji :tada:`:
 * markdown-it-emoji makes a known name an emoji token, which markdown-it-anchor leaves out of the id; an unknown one stays
 * text, and the list of names is not read here).
 */
export function vuepressHeadingIds(headings: readonly { title: string; id?: string }[]): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const h of headings) {
    if (h.id !== undefined) continue;
    const slug = vuepressSlug(h.title);
    if (seen.has(slug)) {
      ids.delete(slug);
      continue;
    }
    seen.add(slug);
    if (slug && !/[\u2013\u2014]/.test(h.title) && !EMOJI_SHORTCODE.test(h.title)) ids.add(slug);
  }
  return ids;
}

/** A markdown-it-emoji shortcode, `:tada:`. */
const EMOJI_SHORTCODE = /:[a-z0-9_+-]+:/;

function vuepressSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f]/g, '')
      .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'\u201c\u201d\u2018\u2019<>,.?/]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, '_$1')
      .toLowerCase()
  );
}

/**
 * The heading ids a Zola site gives a page [^tr34z] (Zola's `components/markdown`: each heading without an `{#id}` of
 * its own gets its text (text and code, no markup) slugged by the config's `[slugify] anchors`, and `-1`, `-2`, … when
 * the page already has that id; the `{#id}`s are taken first). `on` (the default) is the `slug` crate's `slugify`:
 * lower case, each run of characters outside `[a-z0-9]` one `-`, none at either end, after `deunicode` turns what is
 * not ASCII into ASCII, so a heading beyond ASCII gives no id here (its transliteration is not known), nor does one
 * after it on the page; `safe` and
 * `off` replace each ASCII blank with `_`. So `### get_url` is `#get-url` and `## Page variables` is
 * `#page-variables`.
 */
export function zolaHeadingIds(headings: readonly { title: string; id?: string }[], anchors: 'on' | 'safe' | 'off'): Set<string> {
  const taken = new Set<string>();
  for (const h of headings) if (h.id !== undefined) taken.add(h.id);
  const ids = new Set<string>();
  for (const h of headings) {
    if (h.id !== undefined) continue;
    // Beyond ASCII, `on` transliterates (not known here): that heading's id is not known, nor are the ids after it,
    // which its id may push to a `-1` (a heading's id depends only on the `{#id}`s and the headings before it).
    if (anchors === 'on' && /[^\p{ASCII}]/u.test(h.title)) break;
    const slug = anchors === 'on' ? zolaSlug(h.title) : h.title.replace(/[\t\n\f\r ]/g, '_');
    let id = slug;
    for (let n = 1; taken.has(id); n++) id = `${slug}-${n}`;
    taken.add(id);
    ids.add(id);
  }
  return ids;
}

function zolaSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Whether `anchor` (a link's decoded fragment) reaches a heading of a page of an Obsidian vault as Obsidian reads it
 * [^tr35o]: "a hash (`#`) at the end of the link destination, followed by the heading text" (Obsidian Help, Internal
 * links), so `#Heading text` (written `#Heading%20text` in a Markdown link) is the heading whose text it is, and
 * `#Heading#Subheading` ("multiple hash symbols for each subheading") names headings all of which are the page's.
 * Only a heading's own text, exactly: a fragment that differs in case or markup is not known to reach it.
 */
export function obsidianHeadingLink(headings: readonly { title: string }[], anchor: string): boolean {
  const parts = anchor.split('#');
  return parts.every((part) => part !== '' && headings.some((h) => h.title === part));
}
