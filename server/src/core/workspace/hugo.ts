import type { SpecFacts } from '../markdown/parseSpec';

/** How a Hugo site makes ids of text: Goldmark's `parser.autoIDType` (formerly `autoHeadingIDType`). */
export type HugoIdType = 'github' | 'github-ascii' | 'blackfriday';

/**
 * A Hugo site whose Goldmark parser gives every definition-list term an id (`[markup.goldmark.parser]
 * autoDefinitionTermID = true`): its content folder (workspace-relative, `''` for the root) and its id type [^ln9h].
 */
export interface HugoTermIdSite {
  content: string;
  idType: HugoIdType;
}

/**
 * Hugo's id of a text (markup/goldmark/autoid.go, sanitizeAnchorNameWithHook): `github` trims the text, keeps letters,
 * decimal digits and `_` in lower case, makes each blank and `-` a `-` and drops the rest; `github-ascii` first strips
 * accents and then drops what is not ASCII; `blackfriday` keeps letters and numbers and joins runs of the rest with one
 * `-`, none at the ends.
 */
export function hugoSlug(text: string, idType: HugoIdType): string {
  let out = '';
  if (idType === 'blackfriday') {
    let dash = false;
    for (const ch of text) {
      if (/[\p{L}\p{N}]/u.test(ch)) {
        if (dash && out) out += '-';
        dash = false;
        out += ch.toLowerCase();
      } else dash = true;
    }
    return out;
  }
  let source = text;
  if (idType === 'github-ascii') source = source.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
  for (const ch of source.trim()) {
    if (idType === 'github-ascii' && ch.codePointAt(0)! > 127) continue;
    if (ch === '-' || ch === ' ') out += '-';
    else if (/[\p{L}\p{Nd}_]/u.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

/**
 * The ids Hugo gives a page's headings and definition-list terms when `autoDefinitionTermID` is on [^ln9h]. Hugo's
 * attributes transformer walks the page in document order: a heading with its own `{#id}` takes that id, any other
 * heading or term the id of its text (`heading` or `term` when that is empty), and every id already taken on the page
 * gets `-1`, `-2`, … (the first free) (markup/goldmark/internal/extensions/attributes/attributes.go, autoid.go idFactory).
 */
export function hugoPageIds(facts: Pick<SpecFacts, 'headings' | 'definitionTerms'>, idType: HugoIdType): Set<string> {
  const taken = new Set<string>();
  const generate = (text: string, empty: string): void => {
    const base = hugoSlug(text, idType) || empty;
    let id = base;
    for (let i = 1; taken.has(id); i++) id = `${base}-${i}`;
    taken.add(id);
  };
  const terms = facts.definitionTerms ?? [];
  let t = 0;
  facts.headings.forEach((h, i) => {
    for (; t < terms.length && terms[t]!.heading <= i; t++) generate(terms[t]!.text, 'term');
    if (h.id !== undefined) taken.add(h.id);
    else generate(h.title, 'heading');
  });
  for (; t < terms.length; t++) generate(terms[t]!.text, 'term');
  return taken;
}

/**
 * A Hugo site whose own `include` shortcode renders the page it names into the calling page (`.RenderShortcodes` of
 * `GetPage (.Get 0)`, gohugoio/hugoDocs) [^ln9i]: its content roots (workspace-relative), its id type and whether its
 * definition terms get ids. Which pages call it, and with what, are the pages' own facts (SpecFacts.hugoIncludes).
 */
export interface HugoIncludeSite {
  roots: string[];
  idType: HugoIdType;
  terms: boolean;
}

/**
 * The content root of the site a page is in (the last of the site's roots that holds it), when it is a page whose
 * include calls count: a `.md` file under a root, in no folder whose name starts with `.` below it [^ln9i].
 */
export function hugoIncludeRootOf(site: HugoIncludeSite, file: string): string | undefined {
  if (!file.endsWith('.md')) return undefined;
  for (let i = site.roots.length - 1; i >= 0; i--) {
    const root = site.roots[i]!;
    if (root !== '' && !file.startsWith(`${root}/`)) continue;
    const below = root === '' ? file : file.slice(root.length + 1);
    if (!below.split('/').some((part, n, all) => n < all.length - 1 && part.startsWith('.'))) return root;
  }
  return undefined;
}

/** A `/`-separated path with its `.` and empty segments dropped and each `..` taken back; undefined if it leaves the workspace or is empty. */
function normalizedPath(path: string): string | undefined {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') parts.push(seg);
    else if (!parts.length) return undefined;
    else parts.pop();
  }
  return parts.length ? parts.join('/') : undefined;
}

/**
 * The files a page's include calls name (its facts' `hugoIncludes`), found as the site's template finds them [^ln9i]:
 * a path starting with `/` from the page's content root, another from the page's folder first, then the content root;
 * `x.md` as it is, else `x.md`, `x/index.md` or `x/_index.md` when exactly one of them `exists`. A call that names no
 * file, a file outside the workspace or the page itself is left out.
 */
export function hugoIncludeTargets(root: string, page: string, calls: readonly string[], exists: (file: string) => boolean): string[] {
  const find = (base: string, given: string): string | undefined => {
    const p = normalizedPath(base ? `${base}/${given}` : given);
    if (p === undefined) return undefined;
    if (p.endsWith('.md')) return exists(p) ? p : undefined;
    const found = [`${p}.md`, `${p}/index.md`, `${p}/_index.md`].filter(exists);
    return found.length === 1 ? found[0] : undefined;
  };
  const slash = page.lastIndexOf('/');
  const dir = slash < 0 ? '' : page.slice(0, slash);
  const out: string[] = [];
  for (const given of calls) {
    const found = given.startsWith('/') ? find(root, given.slice(1)) : (find(dir, given) ?? find(root, given));
    if (found !== undefined && found !== page) out.push(found);
  }
  return out;
}

/**
 * The ids an included fragment's headings and terms can have on the page that includes it: each heading's own `{#id}`
 * or Hugo's id of its text, each term's when the site ids terms. A repeat on the page gets `-1`, which is not offered:
 * the base id is on the page either way [^ln9i].
 */
export function hugoFragmentIds(facts: Pick<SpecFacts, 'headings' | 'definitionTerms'>, idType: HugoIdType, terms: boolean): Set<string> {
  const ids = new Set<string>();
  for (const h of facts.headings) {
    const id = h.id ?? hugoSlug(h.title, idType);
    if (id) ids.add(id);
  }
  if (terms) for (const t of facts.definitionTerms ?? []) {
    const id = hugoSlug(t.text, idType);
    if (id) ids.add(id);
  }
  return ids;
}

/** The site whose content folder holds this file, if any. */
export function hugoTermIdSiteOf(sites: readonly HugoTermIdSite[], file: string): HugoTermIdSite | undefined {
  return sites.find((s) => s.content === '' || file.startsWith(`${s.content}/`));
}
