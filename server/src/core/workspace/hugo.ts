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
 * `GetPage (.Get 0)`, gohugoio/hugoDocs) [^ln9i]: its content roots (workspace-relative), its id type, whether its
 * definition terms get ids, and each page that calls it with the files it includes.
 */
export interface HugoIncludeSite {
  roots: string[];
  idType: HugoIdType;
  terms: boolean;
  pages: { file: string; includes: string[] }[];
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
