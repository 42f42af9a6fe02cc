import { dirname, resolveRelative } from './paths';

/**
 * A Docusaurus site the workspace loader found [^ln9d]: `dir`, the site folder (where `docusaurus.config.*` is,
 * workspace-relative, `''` the root); `docs`, the content folder of its docs plugin (the preset's `docs: { path }`,
 * `docs` by default, workspace-relative, inside the site folder or beside it); `versions`, the names `versions.json` lists (each one's pages in
 * `versioned_docs/version-<name>/`).
 */
export interface DocusaurusSite {
  dir: string;
  docs: string;
  versions: string[];
  /** `markdown: { format: 'detect' }` (or `'md'`): a `.md` page is read as CommonMark, not MDX [^ln9x]. */
  commonMark?: true;
}

/** A link Docusaurus's Markdown link resolver rewrites: a path to a `.md` or `.mdx` file. */
const MARKDOWN_FILE = /\.mdx?$/i;

/** The folder of the site's docs plugin that holds `file`: the version's content folder and its localized one, or undefined. */
function versionFolders(site: DocusaurusSite, file: string): { content: string; localized?: string } | undefined {
  const base = site.dir ? `${site.dir}/` : '';
  const under = (folder: string): boolean => folder === '' || file.startsWith(`${folder}/`);
  for (const v of site.versions) {
    const folder = `${base}versioned_docs/version-${v}`;
    if (under(folder)) return { content: folder };
  }
  // A translation: `i18n/<locale>/docusaurus-plugin-content-docs/<current | version-X>/`, looked into before the version's own folder.
  const i18n = `${base}i18n/`;
  if (file.startsWith(i18n)) {
    const parts = file.slice(i18n.length).split('/');
    if (parts.length > 3 && parts[1] === 'docusaurus-plugin-content-docs') {
      const localized = `${i18n}${parts[0]}/${parts[1]}/${parts[2]}`;
      if (parts[2] === 'current') return { content: site.docs, localized };
      const v = parts[2]!.startsWith('version-') ? parts[2]!.slice('version-'.length) : undefined;
      if (v !== undefined && site.versions.includes(v)) return { content: `${base}versioned_docs/version-${v}`, localized };
    }
    return undefined;
  }
  return under(site.docs) ? { content: site.docs } : undefined;
}

/** Whether `path` is in a content folder of the site's docs plugin (any version, any translation): a page it resolves links to. */
function docsPage(site: DocusaurusSite, path: string): boolean {
  return versionFolders(site, path) !== undefined;
}

/**
 * The files a link of a docs page of a Docusaurus site may name, in the order Docusaurus tries them
 * (`resolveMarkdownLinkPathname` in @docusaurus/utils) [^ln9d]: a link to a `.md`/`.mdx` file that does not start with
 * `./` or `../` is looked for in the content folders of the page's own version (its translation's folder first), then
 * in the site folder (a docs page there only), then, unless it starts with `/`, beside the page. Undefined for any other
 * link or a file that is no docs page of a site (the link is relative to its file, as everywhere).
 */
export function docusaurusLinkCandidates(sites: readonly DocusaurusSite[], file: string, link: string): string[] | undefined {
  if (!MARKDOWN_FILE.test(link) || link.startsWith('./') || link.startsWith('../') || link.startsWith('//')) return undefined;
  let site: DocusaurusSite | undefined;
  let folders: { content: string; localized?: string } | undefined;
  for (const s of sites) {
    const f = versionFolders(s, file);
    // The innermost site that holds the page.
    if (f && (!site || s.dir.length > site.dir.length)) [site, folders] = [s, f];
  }
  if (!site || !folders) return undefined;
  const absolute = link.startsWith('/');
  const rel = absolute ? link.replace(/^\/+/, '') : link;
  const out: string[] = [];
  const add = (p: string | undefined): void => {
    if (p !== undefined && !out.includes(p)) out.push(p);
  };
  for (const root of [folders.localized, folders.content, site.dir]) {
    if (root === undefined) continue;
    const p = resolveRelative(root, rel);
    if (p !== undefined && docsPage(site, p)) add(p);
  }
  if (!absolute) add(resolveRelative(dirname(file), link));
  return out;
}

/** The most files one page's imports are followed through, and how deep (a partial that imports a partial, …). */
const MAX_IMPORTED = 1000;
const MAX_IMPORT_DEPTH = 10;

/**
 * The pages of Docusaurus sites that paste Markdown partials into themselves [^ln9x]: Docusaurus compiles every page
 * as MDX (v2 and v3), where `import Flags from './_flags.mdx'` and `<Flags />` render the imported file's content,
 * its headings and their ids included, in the page (mdxImportsOf). Each spec in a site's folder (the innermost site)
 * whose imports name specs -> the page and the specs it imports, followed through imported files that import more
 * (each path relative to the file that writes it; `@site/…` from the site folder; a package's path is not followed),
 * up to MAX_IMPORT_DEPTH levels, in order.
 */
export function docusaurusImportPages(
  sites: readonly DocusaurusSite[],
  specFiles: readonly string[],
  specs: ReadonlyMap<string, { mdxImports?: string[] }>,
): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const page of specFiles) {
    if (!specs.get(page)?.mdxImports) continue;
    const site = mdxPageSite(sites, page);
    if (!site) continue;
    const files = [page];
    const depth = [0];
    for (let i = 0; i < files.length && files.length < MAX_IMPORTED; i++) {
      if (depth[i]! >= MAX_IMPORT_DEPTH) continue;
      for (const path of specs.get(files[i]!)?.mdxImports ?? []) {
        const file = path.startsWith('./') || path.startsWith('../') ? resolveRelative(dirname(files[i]!), path) : path.startsWith('@site/') ? resolveRelative(site.dir, path.slice('@site/'.length)) : undefined;
        if (file === undefined || !specs.has(file) || files.includes(file)) continue;
        files.push(file);
        depth.push(depth[i]! + 1);
      }
    }
    if (files.length > 1) out.set(page, files);
  }
  return out;
}

/**
 * The site of which `file` is an MDX page [^ln9x], or undefined: a page of the innermost site whose folder (or docs
 * folder) holds it (a page of its docs, any version or translation, of its `blog/` or its `src/pages/`), a `.mdx` file or a `.md` file of
 * a site that does not read `.md` as CommonMark (`markdown.format`, Docusaurus 3; MDX for every page before).
 */
export function mdxPageSite(sites: readonly DocusaurusSite[], file: string): DocusaurusSite | undefined {
  let site: DocusaurusSite | undefined;
  // (a site's docs folder may be beside its site folder: `path: '../docs'`)
  for (const s of sites) if ((s.dir === '' || file.startsWith(`${s.dir}/`) || docsPage(s, file)) && (!site || s.dir.length > site.dir.length)) site = s;
  if (!site || !MARKDOWN_FILE.test(file) || (site.commonMark && !/\.mdx$/i.test(file))) return undefined;
  const base = site.dir ? `${site.dir}/` : '';
  return docsPage(site, file) || file.startsWith(`${base}blog/`) || file.startsWith(`${base}src/pages/`) ? site : undefined;
}
