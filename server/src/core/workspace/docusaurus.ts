import { dirname, resolveRelative } from './paths';

/**
 * A Docusaurus site the workspace loader found [^ln9d]: `dir`, the site folder (where `docusaurus.config.*` is,
 * workspace-relative, `''` the root); `docs`, the content folder of its docs plugin (the preset's `docs: { path }`,
 * `docs` by default, workspace-relative); `versions`, the names `versions.json` lists (each one's pages in
 * `versioned_docs/version-<name>/`).
 */
export interface DocusaurusSite {
  dir: string;
  docs: string;
  versions: string[];
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
