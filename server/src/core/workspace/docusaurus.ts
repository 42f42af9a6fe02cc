import picomatch from 'picomatch';
import { dirname, resolveRelative } from './paths';

/**
 * A Docusaurus site the workspace loader found, one docs plugin instance of it [^ln9d]: `dir`, the site folder (where
 * `docusaurus.config.*` is, workspace-relative, `''` the root); `docs`, the content folder of its docs plugin (the
 * preset's `docs: { path }` or an instance's `path`,
 * `docs` by default, workspace-relative, inside the site folder or beside it); `versions`, the names `versions.json` lists (each one's pages in
 * `versioned_docs/version-<name>/`).
 */
export interface DocusaurusSite {
  dir: string;
  docs: string;
  versions: string[];
  /**
   * The id of a docs plugin instance other than the default one (`plugins: [['@docusaurus/plugin-content-docs', { id:
   * 'community', path: 'community' }]]`): its versions are in `<id>_versioned_docs/`, its translations in
   * `i18n/<locale>/docusaurus-plugin-content-docs-<id>/`. Absent for the default instance.
   */
  id?: string;
  /**
   * The docs plugin's `exclude` globs (relative to each content folder): a file they match is no page, so a link
   * Docusaurus resolves never reaches it. Absent: Docusaurus's defaults (DEFAULT_EXCLUDE); `[]` when the config names
   * none the tool can read (every file may be a page).
   */
  exclude?: string[];
  /** `markdown: { format: 'detect' }` (or `'md'`): a `.md` page is read as CommonMark, not MDX [^ln9x]. */
  commonMark?: true;
}

/** A link Docusaurus's Markdown link resolver rewrites: a path to a `.md` or `.mdx` file. */
const MARKDOWN_FILE = /\.mdx?$/i;

/**
 * The files a docs plugin makes no page of when its config names no `exclude` (`GlobExcludeDefault` in
 * @docusaurus/utils): partials (`_flags.mdx`, `_common/…`), tests.
 */
export const DEFAULT_EXCLUDE = ['**/_*.{js,jsx,ts,tsx,md,mdx}', '**/_*/**', '**/*.test.{js,jsx,ts,tsx}', '**/__tests__/**'];

/** The folder of the site's docs plugin that holds `file`: the version's content folder and its localized one, or undefined. */
function versionFolders(site: DocusaurusSite, file: string): { content: string; localized?: string } | undefined {
  const base = site.dir ? `${site.dir}/` : '';
  const under = (folder: string): boolean => folder === '' || file.startsWith(`${folder}/`);
  // Another instance's versions and translations carry its id (`community_versioned_docs/`, `…-content-docs-community/`).
  const versioned = `${base}${site.id !== undefined ? `${site.id}_` : ''}versioned_docs`;
  const plugin = site.id !== undefined ? `docusaurus-plugin-content-docs-${site.id}` : 'docusaurus-plugin-content-docs';
  for (const v of site.versions) {
    const folder = `${versioned}/version-${v}`;
    if (under(folder)) return { content: folder };
  }
  // A translation: `i18n/<locale>/docusaurus-plugin-content-docs/<current | version-X>/`, looked into before the version's own folder.
  const i18n = `${base}i18n/`;
  if (file.startsWith(i18n)) {
    const parts = file.slice(i18n.length).split('/');
    if (parts.length > 3 && parts[1] === plugin) {
      const localized = `${i18n}${parts[0]}/${parts[1]}/${parts[2]}`;
      if (parts[2] === 'current') return { content: site.docs, localized };
      const v = parts[2]!.startsWith('version-') ? parts[2]!.slice('version-'.length) : undefined;
      if (v !== undefined && site.versions.includes(v)) return { content: `${versioned}/version-${v}`, localized };
    }
    return undefined;
  }
  return under(site.docs) ? { content: site.docs } : undefined;
}

/** Each site's `exclude` globs compiled once. */
const excludeMatchers = new WeakMap<DocusaurusSite, (path: string) => boolean>();

/**
 * Whether the docs plugin makes a page of `path`, a file of one of its content folders: not when its `exclude` globs
 * (matched from the folder, as Docusaurus globs each content folder) match it.
 */
function isPage(site: DocusaurusSite, path: string): boolean {
  const folders = versionFolders(site, path);
  if (!folders) return false;
  const globs = site.exclude ?? DEFAULT_EXCLUDE;
  if (!globs.length) return true;
  let excluded = excludeMatchers.get(site);
  if (!excluded) excludeMatchers.set(site, (excluded = picomatch(globs)));
  const folder = folders.localized !== undefined && path.startsWith(`${folders.localized}/`) ? folders.localized : folders.content;
  return !excluded(folder === '' ? path : path.slice(folder.length + 1));
}

/** Whether `path` is in a content folder of the site's docs plugin (any version, any translation): a page it resolves links to. */
function docsPage(site: DocusaurusSite, path: string): boolean {
  return versionFolders(site, path) !== undefined;
}

/**
 * The files a link of a docs page of a Docusaurus site may name, in the order Docusaurus tries them
 * (`resolveMarkdownLinkPathname` in @docusaurus/utils) [^ln9d]: a link to a `.md`/`.mdx` file that does not start with
 * `./` or `../` is looked for in the content folders of the page's own version (its translation's folder first), then
 * in the site folder (a docs page there only), then, unless it starts with `/`, beside the page. From the content and
 * site folders, only a page of the same docs plugin instance (Docusaurus looks the file up among that plugin's pages):
 * not another instance's, not a file its `exclude` globs leave out. Undefined for any other link or a file that is no
 * docs page of a site (the link is relative to its file, as everywhere).
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
    // A page of the plugin: Docusaurus resolves a link only to a file it made a page of (not an excluded partial).
    if (p !== undefined && isPage(site, p)) add(p);
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
  // (a site's docs plugin instances share its folder: the one whose content folder holds the file)
  for (const s of sites) {
    if (!(s.dir === '' || file.startsWith(`${s.dir}/`) || docsPage(s, file))) continue;
    if (!site || s.dir.length > site.dir.length || (s.dir.length === site.dir.length && !docsPage(site, file) && docsPage(s, file))) site = s;
  }
  if (!site || !MARKDOWN_FILE.test(file) || (site.commonMark && !/\.mdx$/i.test(file))) return undefined;
  const base = site.dir ? `${site.dir}/` : '';
  return docsPage(site, file) || file.startsWith(`${base}blog/`) || file.startsWith(`${base}src/pages/`) ? site : undefined;
}
