import picomatch from 'picomatch';
import type { ClarifierConfig } from './config';
import { isDraftFormat } from '../markdown/formats';
import { resolveRelative } from './paths';

/**
 * Bound documents [^ln8b]: Markdown fragments a build concatenates into one page, in the order a binder list gives
 * (oasis-tcs/sarif-spec keeps its draft as 87 files of `src/` listed in `etc/bind.txt`; its build pastes them into one
 * Markdown page). A link `[..](#x)` in a fragment is read on that page: it resolves against the ids of every fragment
 * of the binding. Pure: the io layer reads the binder files and says which exist; this module says what they bind.
 *
 * A binding is known from `.clarifier.json` `bind` (binder list files, or globs of the files of one document) or
 * found: a `.txt` file of the workspace whose non-empty lines that are not `#` comments are at least
 * MIN_FOUND_ENTRIES relative paths of Markdown files, every one an existing file of the workspace under one base
 * folder (see BASES). `"bind": false` turns both off.
 */

/** One bound document: its files in binding order; `binder`: the list file it was read from (none: globs). */
export interface Binding {
  binder?: string;
  files: string[];
}

/** A found binder lists at least this many fragments (a list of two files is no sign of a build). */
export const MIN_FOUND_ENTRIES = 3;

/** The largest binder list read (a list of fragments is small; sarif-spec's is 3 KB). */
export const MAX_BINDER_BYTES = 64 * 1024;

const MARKDOWN_PATH = /\.(?:md|markdown)$/i;
/** A relative path as a binder writes it: no scheme, no absolute path, no blanks inside, no glob. */
const RELATIVE_PATH = /^(?![a-z][a-z0-9+.-]*:)(?!\/)[^\s*?[\]{}<>|"]+$/i;

/** A binder list's entries: its non-empty lines that are not `#` comments, trimmed. */
export function binderEntries(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line && !line.startsWith('#')) out.push(line);
  }
  return out;
}

/** Whether a text reads as a list of Markdown fragments (every entry a relative Markdown path, MIN_FOUND_ENTRIES or more). */
export function looksLikeBinder(entries: readonly string[]): boolean {
  return entries.length >= MIN_FOUND_ENTRIES && entries.every((e) => MARKDOWN_PATH.test(e) && RELATIVE_PATH.test(e));
}

function dirnameOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '' : file.slice(0, at);
}

/**
 * The folders a binder's entries may be relative to, in order: its own folder, a `src/` in it, the folder above, a
 * `src/` beside its folder (sarif-spec: `etc/bind.txt` lists the files of `src/`, its build runs from the folder
 * above), the workspace root.
 */
function basesOf(binder: string): string[] {
  const dir = dirnameOf(binder);
  const up = dir ? dirnameOf(dir) : undefined;
  const bases = [dir, dir ? `${dir}/src` : 'src'];
  if (up !== undefined) bases.push(up, up ? `${up}/src` : 'src');
  bases.push('');
  return [...new Set(bases)];
}

/**
 * The files a binder's entries name, under the base where the most of them exist (the first such base); `missing`:
 * the entries that name no Markdown file there (or that are no relative Markdown path at all).
 */
export function resolveBinder(binder: string, entries: readonly string[], exists: (path: string) => boolean): { files: string[]; missing: string[] } {
  let best: { files: string[]; missing: string[] } | undefined;
  for (const base of basesOf(binder)) {
    const files: string[] = [];
    const missing: string[] = [];
    for (const e of entries) {
      const target = MARKDOWN_PATH.test(e) && RELATIVE_PATH.test(e) ? resolveRelative(base, e) : undefined;
      if (target !== undefined && exists(target)) files.push(target);
      else missing.push(e);
    }
    if (!best || files.length > best.files.length) best = { files, missing };
    if (missing.length === 0) break;
  }
  return best ?? { files: [], missing: [...entries] };
}

/** A found binder binds only when every entry names an existing Markdown file (a list with a stray line is no binder). */
export function foundBinding(binder: string, entries: readonly string[], exists: (path: string) => boolean): Binding | undefined {
  if (!looksLikeBinder(entries)) return undefined;
  const { files, missing } = resolveBinder(binder, entries, exists);
  return missing.length === 0 ? { binder, files } : undefined;
}

/** Is a `bind` entry a glob of Markdown files (else: a binder list file)? */
export function isBindGlob(entry: string): boolean {
  return MARKDOWN_PATH.test(entry) || /[*?[\]{}]/.test(entry);
}

/**
 * Bound document by file: each spec file of a binding -> that binding's spec files (binding order). The io layer's
 * bindings (config `bindings`: binder lists read, configured or found) first, then the configured globs, each matched
 * against the spec files (in path order). A file two bindings name is the first one's.
 */
export function bindingGroups(config: ClarifierConfig, specFiles: readonly string[], isSpec: (path: string) => boolean): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  if (config.bind === false) return out;
  const add = (files: readonly string[]): void => {
    const group = [...new Set(files.filter((f) => isSpec(f) && !out.has(f)))];
    if (group.length < 2) return;
    for (const f of group) out.set(f, group);
  };
  for (const b of config.bindings ?? []) add(b.files);
  for (const entry of config.bind) {
    const globs = typeof entry === 'string' ? (isBindGlob(entry) ? [entry] : []) : entry;
    if (!globs.length) continue;
    const matchers = globs.map((g) => picomatch(g, { dot: true }));
    add(specFiles.filter((f) => matchers.some((m) => m(f))));
  }
  return out;
}

/** The record separator volatile.py keeps a text's own dashes apart with. */
const RS = '\u001e';

/**
 * The slug sarif-spec's build (`bin/volatile.py`, `label_derive_from`) makes of a term: every run of blanks and the
 * characters ` .,;?!_()[]{}<>\/$:"'`´` becomes one `-` (a `-` of the text is kept as it is), no `-` at either end,
 * lower case.
 */
export function bindingSlug(text: string): string {
  // The text's own dashes are kept apart (a record separator) while every gremlin becomes a dash, as volatile.py does.
  const marked = text.trim().replaceAll('-', RS).replace(/[ .,;?!_()[\]{}<>\\/$:"'`\u00b4]/g, '-');
  return marked.split('-').filter(Boolean).join('-').replaceAll(RS, '-').toLowerCase();
}

/**
 * The ids a bound document's build gives a definition list's term (`term` then `:   definition`) [^ln8b]: sarif-spec's
 * `def;<slug>` for a glossary term, and the term itself (`:` written `;`, a trailing `™` dropped) for a citation code
 * (`RFC2119`, `ISO14977:1996`), a term without blanks.
 */
export function termIds(term: string): string[] {
  const ids = [`def;${bindingSlug(term)}`];
  if (!/\s/.test(term)) ids.push(term.replace(/:/g, ';').replace(/™+$/, ''));
  return ids;
}

/** The most files one page's includes are followed through (mdBook stops nested includes at 10 levels). */
const MAX_INCLUDED = 1000;

/**
 * The pages of mdBook books that include Markdown files [^ln8b]: mdBook's include preprocessor pastes
 * `{{#include file.md}}` into the page (includesOf), so the built page has the included file's heading ids too. Each
 * page of a book (a spec in the folder of a `book.toml` or below it, `inBook`) whose includes name specs -> the page
 * and the specs it includes, followed through included files that include more (each path relative to the file that
 * writes it, as mdBook reads nested includes), in order. A partial include (`file.md:anchor`, `file.md:10:20`) counts
 * as the whole file: its ids are a superset of the part's. A kramdown-rfc or mmark draft's includes are its own
 * [^kr7i], not a book's.
 */
export function mdbookIncludePages(
  specFiles: readonly string[],
  specs: ReadonlyMap<string, { includes?: string[]; format: string }>,
  inBook: (file: string) => boolean,
): Map<string, readonly string[]> {
  return includePagesOf(specFiles, specs, inBook, (facts) => facts.includes, (from, path) => resolveRelative(dirnameOf(from), path));
}

/**
 * The pages of DocFX projects that include Markdown files with DocFX's block inclusion [^tr36d]
 * (SpecFacts.docfxIncludes: `[!INCLUDE [title](path)]` alone on a line), as mdBook's pages and their includes are
 * (mdbookIncludePages): each page of a project (`projectOf`: the folder of its `docfx.json`) -> the page and the specs
 * it includes, nested includes followed, each path relative to the file that writes it, or from the project's folder
 * when it starts with `~/`.
 */
export function docfxIncludePages(
  specFiles: readonly string[],
  specs: ReadonlyMap<string, { docfxIncludes?: string[]; format: string }>,
  projectOf: (file: string) => string | undefined,
): Map<string, readonly string[]> {
  const resolve = (from: string, path: string): string | undefined => {
    if (!path.startsWith('~/')) return resolveRelative(dirnameOf(from), path);
    const project = projectOf(from);
    return project === undefined ? undefined : resolveRelative(project, path.slice(2));
  };
  return includePagesOf(specFiles, specs, (f) => projectOf(f) !== undefined, (facts) => facts.docfxIncludes, resolve);
}

function includePagesOf<F extends { format: string }>(
  specFiles: readonly string[],
  specs: ReadonlyMap<string, F>,
  inSite: (file: string) => boolean,
  includesOf: (facts: F) => readonly string[] | undefined,
  resolve: (from: string, path: string) => string | undefined,
): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const page of specFiles) {
    const facts = specs.get(page)!;
    if (!includesOf(facts) || isDraftFormat(facts.format) || !inSite(page)) continue;
    const files = [page];
    const seen = new Set(files);
    for (let i = 0; i < files.length && files.length < MAX_INCLUDED; i++) {
      const of = specs.get(files[i]!);
      for (const path of (of && includesOf(of)) ?? []) {
        if (!MARKDOWN_PATH.test(path)) continue;
        const file = resolve(files[i]!, path);
        if (file === undefined || !specs.has(file) || seen.has(file)) continue;
        seen.add(file);
        files.push(file);
      }
    }
    if (files.length > 1) out.set(page, files);
  }
  return out;
}
