import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { hugoIncludeSite, loadWorkspace, markedStrongIdPages, mdbookSpecBooks, mkdocsSites, siteScopes, specGeneratorInputs, specMdDocuments } from '../../server/src/io/workspace';
import { markedStrongHeadingIds, mkdocsTocIds, obsidianHeadingLink, specGeneratorSectionIds, specMdOutline, specMdSectionIds, vuepressHeadingIds, zolaHeadingIds } from '../../server/src/core/markdown/siteGenerators';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { explicitTargetsOf } from '../../server/src/core/markdown/explicitTargets';
import { tempWorkspace } from '../helpers/cli';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';
import type { Diagnostic } from '../../server/src/core/types';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';

/**
 * What documentation sites and their Markdown write is not an error: seen on real repositories (a trust sweep of 37,
 * docs/clarity.md is silent on it; CHANGELOG "Fixed"): a page's own ids on an MkDocs site, a heading a site hook fills
 * in, footnote anchors, a regular expression in a code comment.
 */
/**
 * The broken anchors the editor shows after each update, kept as it keeps them: every file's diagnostics again when the
 * change was not local to its file, else only the changed files'.
 */
function editorsBrokenAnchors(index: WorkspaceIndex): () => string[] {
  const kept = new Map<string, Diagnostic[]>();
  return () => {
    const changes = index.takeChanges();
    if (changes === 'all') kept.clear();
    const fresh = changes === 'all' ? diagnosticsOf(index) : [...changes].flatMap((f) => computeDiagnostics(index.model(), index.config, f));
    if (changes !== 'all') for (const f of changes) kept.delete(f);
    for (const d of fresh) kept.set(d.file, [...(kept.get(d.file) ?? []), d]);
    return brief([...kept.values()].flat().filter((d) => d.code === 'link.broken-anchor')).sort();
  };
}

describe('documentation sites: what they write is not an error', () => {
  /** The diagnostics `keep` keeps of a workspace of these files on disk (site configs are read from disk). */
  const diagnose = async (files: Record<string, string>, keep: (d: Diagnostic) => boolean): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-site-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter(keep));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const errors = (files: Record<string, string>): Promise<string[]> => diagnose(files, (d) => d.severity === 'error');
  const page = (title: string): string => `# ${title}\n\n### Context <small>optional</small> { #context }\n\nText.\n\n### 1.2.0 { id="1.2.0" }\n\nText.\n`;

  it('each page of an MkDocs, Docusaurus or Hugo site has its own ids: the same `{ #context }` on two pages is no duplicate', async () => {
    const pages = { 'docs/reporting-a-bug.md': page('Reporting a bug'), 'docs/requesting-a-change.md': page('Requesting a change') };
    // Without a site, the Model Spec style holds: one id, one clause, across the workspace.
    assert.deepEqual((await errors(pages)).filter((e) => e.startsWith('clause.duplicate-id')).length, 4);
    assert.deepEqual(await errors({ 'mkdocs.yml': 'site_name: Example\n', ...pages }), []);
    // Its docs_dir (a folder inside the workspace only), Docusaurus's docs/ and blog/, Hugo's content/.
    assert.deepEqual(await errors({ 'mkdocs.yml': "site_name: X\ndocs_dir: 'site-src'  # pages\n", 'site-src/a.md': page('A'), 'site-src/b.md': page('B') }), []);
    const dir = tempWorkspace({ 'mkdocs.yml': 'docs_dir: ../outside\n', 'docusaurus.config.ts': 'export default {};\n', 'hugo.toml': 'title = "x"\n' }, 'clarify-site-');
    try {
      assert.deepEqual(siteScopes(dir), [{ pattern: 'docs/**', scope: 'document', site: true }, { pattern: 'blog/**', scope: 'document', site: true }, { pattern: 'content/**', scope: 'document', site: true }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // A site file that is a symlink (it may point outside the workspace) is neither read nor taken as a site.
    const outside = tempWorkspace({ 'mkdocs.yml': 'docs_dir: elsewhere\n' }, 'clarify-outside-');
    const linked = tempWorkspace({}, 'clarify-site-');
    try {
      fs.symlinkSync(`${outside}/mkdocs.yml`, `${linked}/mkdocs.yml`);
      assert.deepEqual(siteScopes(linked), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
    // The configuration's own scopes come first and win.
    assert.equal((await errors({ 'mkdocs.yml': 'site_name: X\n', '.clarifier.json': '{"scopes": {"docs/**": "workspace"}}', ...pages })).filter((e) => e.startsWith('clause.duplicate-id')).length, 4);
  });

  it('a Hugo site configured only in config/_default/ (hugo.*, config.*, or a file of a root key: params, markup, module) is a site: each page has its own ids [^sc5p]', async () => {
    const pages = { 'content/en/setup/packages.md': page('Packages'), 'content/fr/setup/tarball.md': page('Tarball') };
    const dups = async (files: Record<string, string>): Promise<number> => (await errors({ ...pages, ...files })).filter((e) => e.startsWith('clause.duplicate-id')).length;
    assert.equal(await dups({}), 4);
    // Its own config in the folder Hugo merges (a folder of its, `module/module.yaml`, too), with or without a root config.toml.
    assert.equal(await dups({ 'config/_default/hugo.yaml': 'title: Pumps\n' }), 0);
    assert.equal(await dups({ 'config/_default/config.toml': "title = 'Pumps'\n" }), 0);
    assert.equal(await dups({ 'config.toml': "title = 'Pumps'\n", 'config/_default/params.toml': "tagline = 'x'\n" }), 0);
    assert.equal(await dups({ 'config/_default/menus.en.toml': "[[main]]\nname = 'Docs'\n" }), 0);
    assert.equal(await dups({ 'config/_default/module/module.yaml': 'mounts:\n  - source: content/en\n    target: content\n' }), 0);
    // Not Hugo's: a root config.toml alone, a config/_default/ of other names, a config/default/ folder.
    assert.equal(await dups({ 'config.toml': "title = 'Pumps'\n" }), 4);
    assert.equal(await dups({ 'config/_default/database.yml': 'host: x\n' }), 4);
    assert.equal(await dups({ 'config/default/hugo.toml': "title = 'Pumps'\n" }), 4);
    const scopes = (files: Record<string, string>): string[] => {
      const dir = tempWorkspace(files, 'clarify-hugo-dir-');
      try {
        return siteScopes(dir, [], []).map((s) => s.pattern);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    // Its contentDir and the folders it mounts as content (or below it) are its pages too.
    assert.deepEqual(scopes({ 'config/_default/hugo.toml': "contentDir = 'site/pages'\n", 'site/pages/a.md': '# A\n' }), ['content/**', 'site/pages/**']);
    assert.deepEqual(scopes({ 'config/_default/module.yaml': 'mounts:\n- source: "docs"\n  target: content\n- source: notes/\n  target: content/notes\n- source: assets\n  target: assets\n', 'docs/a.md': '# A\n', 'notes/b.md': '# B\n', 'assets/c.md': '# C\n' }), ['content/**', 'docs/**', 'notes/**']);
    // A symlinked config/_default/ is not read.
    const outside = tempWorkspace({ 'hugo.toml': "title = 'x'\n" }, 'clarify-outside-');
    const linked = tempWorkspace({}, 'clarify-site-');
    try {
      fs.mkdirSync(`${linked}/config`);
      fs.symlinkSync(outside, `${linked}/config/_default`);
      assert.deepEqual(siteScopes(linked, [], []), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it("a root config.toml|yaml|json is a Hugo site's config (Hugo's name before hugo.*) only with Hugo's marks: baseURL, its content folder, layouts/ or themes/ or a theme [^sc5p]", async () => {
    const pages = { 'content/en/guide/_index.md': page('Guide'), 'content/pt/guide/_index.md': page('Guia') };
    const dups = async (files: Record<string, string>): Promise<number> => (await errors({ ...pages, ...files })).filter((e) => e.startsWith('clause.duplicate-id')).length;
    const site = "baseURL = 'https://pumps.example/'\ncontentDir = 'content/en'\n\n[languages.pt]\ncontentDir = 'content/pt'\n";
    assert.equal(await dups({ 'config.toml': site, 'layouts/_default/baseof.html': '<html></html>\n' }), 0);
    assert.equal(await dups({ 'config.yaml': 'baseurl: https://pumps.example/\ntheme: docsy\n' }), 0);
    assert.equal(await dups({ 'config.json': '{"BaseURL": "https://pumps.example/"}\n', 'themes/plain/theme.toml': "name = 'plain'\n" }), 0);
    // Without one of them it is some other tool's config: no baseURL (Zola writes base_url), no templates, no content folder.
    assert.equal(await dups({ 'config.toml': "base_url = 'https://pumps.example/'\n", 'layouts/a.html': 'x\n' }), 4);
    assert.equal(await dups({ 'config.toml': "baseURL = 'https://pumps.example/'\n" }), 4);
    assert.equal(await dups({ 'config.toml': "baseURL = 'https://pumps.example/'\ncontentDir = 'pages'\n", 'layouts/a.html': 'x\n' }), 4);
    // A config.toml that is a symlink is not read.
    const outside = tempWorkspace({ 'config.toml': site }, 'clarify-outside-');
    const linked = tempWorkspace({ 'layouts/a.html': 'x\n', 'content/a.md': '# A\n' }, 'clarify-site-');
    try {
      fs.symlinkSync(`${outside}/config.toml`, `${linked}/config.toml`);
      assert.deepEqual(siteScopes(linked, [], []), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
    // A language's own content folder (translation by content directory) holds pages of the site too.
    const dir = tempWorkspace({ 'hugo.toml': "[languages.en]\ncontentDir = 'content'\n[languages.de]\ncontentDir = 'content-de'\n[languages.fr]\ncontentDir = '../fr'\n", 'content-de/a.md': '# A\n' }, 'clarify-hugo-lang-');
    try {
      assert.deepEqual(siteScopes(dir, [], []).map((s) => s.pattern), ['content/**', 'content-de/**']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a Hugo page's block of `[label]: …` lines that Hugo's shortcodes (`{{< param tag >}}`) keep from being definitions on GitHub defines its labels on the site [^ln9h]", async () => {
    const text = [
      '# Pumps', '', 'See the [manual][manual], the [notes][notes] and [older][older].', 'Also [loose][loose] and [split][split].', '',
      '[manual]: https://example.org/blob/{{< param tag >}}/manual.md',
      '[notes]: ../notes/ "Notes"',
      '', 'Some text.', '[loose]: https://example.org/{{< param tag >}}/loose.md', '',
      '[older]: https://example.org/{{< param tag >}}/a b.md', '',
      '[split]: https://example.org/{{< param tag', '>}}/split.md', '',
      // After a comment line that opens and closes (an HTML block, which interrupts the paragraph): a block of its own.
      'Read the [log][log].', '<!-- markdownlint-disable-next-line MD034 -->', '[log]: https://example.org/{{< param tag >}}/log.md', '',
      // A comment left open on its line is a block that goes on: the line after it is no definition.
      'Read the [open][open].', '<!-- a comment', '[open]: https://example.org/{{< param tag >}}/open.md', '-->', '',
    ].join('\n');
    const site = { 'hugo.toml': "baseURL = 'https://pumps.example/'\n", 'content/guide.md': text, 'notes/guide.md': text };
    // On the site: the first block is two definitions once the shortcode is a placeholder. Not a block that continues a
    // paragraph, one with a blank in a destination, or a shortcode not closed on its line; not a page outside the site.
    const at = (file: string, line: number, n: number): string[] => Array<string>(n).fill(`link.broken-anchor@${file}:${line}`);
    assert.deepEqual((await errors(site)).sort(), [...at('content/guide.md', 3, 1), ...at('content/guide.md', 4, 2), ...at('content/guide.md', 21, 1), ...at('notes/guide.md', 3, 3), ...at('notes/guide.md', 4, 2), ...at('notes/guide.md', 17, 1), ...at('notes/guide.md', 21, 1)].sort());
    const { ['hugo.toml']: _config, ...plain } = site;
    void _config;
    assert.equal((await errors(plain)).length, 14);
  });

  it("a Hugo site's mounts written in YAML (a root hugo.yaml's `module: mounts:`, config/_default/module.yaml) or JSON are read when they are a plain list; another shape says nothing [^ln9i]", () => {
    const shortcode = '{{- with .Get 0 }}\n  {{- with or ($.Page.GetPage .) (site.GetPage .) }}\n    {{- .RenderShortcodes }}\n  {{- end }}\n{{- end }}\n';
    const base = { 'layouts/_shortcodes/include.html': shortcode, 'pages/en/a.md': '# A\n\n{{% include "/b.md" %}}\n', 'pages/en/b.md': '## B\n', 'content/c.md': '# C\n' };
    const roots = (files: Record<string, string>): string[] | undefined => {
      const dir = tempWorkspace({ ...base, ...files }, 'clarify-hugo-mounts-');
      try {
        return hugoIncludeSite(dir)?.roots;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const yaml = 'title: Pumps\nmodule:\n  imports:\n    - path: github.com/example/theme\n  mounts:\n    - source: pages/en   # English\n      target: content\n      lang: en\n      excludeFiles: ["*.txt", drafts/**]\n    - target: static\n      source: static\n';
    assert.deepEqual(roots({ 'hugo.yaml': yaml }), ['pages/en']);
    // A list at its key's own indentation, quoted values, `---` and comments.
    assert.deepEqual(roots({ 'hugo.yml': "---\nmodule:\n  mounts:\n  - source: 'pages/en'\n    target: \"content\"\n# end\n" }), ['pages/en']);
    assert.deepEqual(roots({ 'config/_default/hugo.yaml': 'title: Pumps\n', 'config/_default/module.yaml': 'mounts:\n  - source: pages/en\n    target: content\n' }), ['pages/en']);
    assert.deepEqual(roots({ 'config/_default/module.json': '{"mounts": [{"source": "pages/en", "target": "content"}]}' }), ['pages/en']);
    assert.deepEqual(roots({ 'hugo.yaml': 'module:\n  mounts: []\n' }), ['content']);
    assert.deepEqual(roots({ 'hugo.yaml': 'title: Pumps\n' }), ['content']);
    // The last file Hugo reads that names mounts wins: config/_default/ over the root config.
    assert.deepEqual(roots({ 'hugo.toml': "[[module.mounts]]\n  source = 'content'\n  target = 'content'\n", 'config/_default/module.yaml': 'mounts:\n  - source: pages/en\n    target: content\n' }), ['pages/en']);
    // Anchors, nested keys, flow mappings, a value on more lines, a mounts key elsewhere, a list of scalars: not read.
    assert.equal(roots({ 'hugo.yaml': 'module:\n  mounts:\n    - source: pages/en\n      target: content\n      sites: &en\n        matrix: { languages: [en] }\n' }), undefined);
    assert.equal(roots({ 'hugo.yaml': 'module:\n  mounts:\n    - { source: pages/en, target: content }\n' }), undefined);
    assert.equal(roots({ 'hugo.yaml': 'module:\n  mounts:\n    - source: >\n        pages/en\n      target: content\n' }), undefined);
    assert.equal(roots({ 'hugo.yaml': 'params:\n  mounts:\n    - source: pages/en\n      target: content\n' }), undefined);
    assert.equal(roots({ 'hugo.yaml': 'module:\n  mounts:\n    - pages/en\n' }), undefined);
    assert.equal(roots({ 'hugo.yaml': 'module:\n  mounts:\n    -\n      source: pages/en\n      target: content\n' }), undefined);
    assert.equal(roots({ 'config/_default/module.yaml': 'mounts: *shared\n' }), undefined);
  });

  /** The MkDocs sites found in a workspace of these files on disk. */
  const sitesOf = (files: Record<string, string>): ReturnType<typeof mkdocsSites> => {
    const dir = tempWorkspace(files, 'clarify-mkdocs-');
    try {
      return mkdocsSites(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('an MkDocs config in a folder below the root (one per language, `docs/en/mkdocs.yml`) makes its docs_dir a site; its sibling languages too [^sc5p]', async () => {
    const kite = (lang: string): Record<string, string> => ({
      [`guides/${lang}/docs/kite.md`]: '# Flying a kite { #flying-a-kite }\n\n## Before you start { #before-you-start }\n\nCheck the wind.\n',
      [`guides/${lang}/docs/reel.md`]: '# Winding the reel\n\n## Before you start { #before-you-start }\n\nUnknot the line.\n',
    });
    const languages = { ...kite('en'), ...kite('fr'), ...kite('it') };
    const english = 'site_name: Kites\ntheme:\n  name: material\n  language: en\n';
    // No config: every page's ids are the workspace's (the Model Spec style).
    assert.equal((await errors(languages)).filter((e) => e.startsWith('clause.duplicate-id')).length, 9);
    // English's config, and Italian's that INHERITs it: French has none, and is staged from English's.
    const site = { ...languages, 'guides/en/mkdocs.yml': english, 'guides/it/mkdocs.yml': 'INHERIT: ../en/mkdocs.yml\ntheme:\n  language: it\n' };
    assert.deepEqual(await errors(site), []);
    assert.deepEqual(sitesOf(site), [
      { docs: 'guides/en/docs', slugify: 'toc' },
      { docs: 'guides/fr/docs', slugify: 'toc', fallback: 'guides/en/docs' },
      { docs: 'guides/it/docs', slugify: 'toc', fallback: 'guides/en/docs' },
    ]);
    // docs_dir is read relative to the config's folder, INHERITed when the config names none, never outside the workspace.
    assert.deepEqual(sitesOf({ 'tools/handbook/mkdocs.yml': 'INHERIT: base.yml\n', 'tools/handbook/base.yml': "docs_dir: 'pages'\n" }), [{ docs: 'tools/handbook/pages', slugify: 'toc' }]);
    assert.deepEqual(sitesOf({ 'tools/handbook/mkdocs.yml': 'docs_dir: ../../../elsewhere\n' }), [{ docs: 'tools/handbook/docs', slugify: 'toc' }]);
    // A folder that is no language (`tools/handbook`) speaks for no sibling: `tools/api/docs` is not its site.
    assert.deepEqual(sitesOf({ 'tools/handbook/mkdocs.yml': 'theme:\n  language: en\n', 'tools/api/docs/a.md': '# A\n' }), [{ docs: 'tools/handbook/docs', slugify: 'toc' }]);
    // Nor does a language folder whose config says another language, and a config four folders down is not looked for.
    assert.deepEqual(sitesOf({ 'guides/en/mkdocs.yml': 'theme:\n  language: de\n', 'guides/fr/docs/a.md': '# A\n' }), [{ docs: 'guides/en/docs', slugify: 'toc' }]);
    assert.deepEqual(sitesOf({ 'a/b/c/d/mkdocs.yml': 'site_name: Deep\n' }), []);
    // An INHERITed config reached through a symlink is not read (its docs_dir is not taken).
    const outside = tempWorkspace({ 'base.yml': 'docs_dir: elsewhere\n' }, 'clarify-outside-');
    const linked = tempWorkspace({ 'site/mkdocs.yml': 'INHERIT: ../shared/base.yml\n' }, 'clarify-mkdocs-');
    try {
      fs.symlinkSync(outside, `${linked}/shared`);
      assert.deepEqual(mkdocsSites(linked), [{ docs: 'site/docs', slugify: 'toc' }]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it("an MkDocs page's headings have the ids the site's `toc` gives them: Python-Markdown's slugs by default, the config's `slugify` when it names one [^sc5p]", async () => {
    const pages = {
      'docs/pantry.md': '# Pantry\n\nSee [shelves](storage.md#shelves-the-basics), [jars](storage.md#jars-lids-and-labels), [again](storage.md#jars-lids-and-labels_1) and [GitHub\'s](storage.md#shelves---the-basics).\n',
      'docs/storage.md': '# Storage\n\n## Shelves - The Basics\n\nWipe them.\n\n## Jars -- Lids and Labels\n\nDate them.\n\n## Jars -- Lids and Labels\n\nAgain.\n',
      'README.md': '# Kitchen\n\nRead [shelves](docs/storage.md#shelves-the-basics).\n',
    };
    // No site: GitHub's slugs only.
    assert.deepEqual(await errors(pages), ['link.broken-anchor@README.md:3', 'link.broken-anchor@docs/pantry.md:3', 'link.broken-anchor@docs/pantry.md:3', 'link.broken-anchor@docs/pantry.md:3']);
    // An MkDocs site (toc's default slugify): its pages' links reach the site's ids; the README is read on GitHub.
    assert.deepEqual(await errors({ ...pages, 'mkdocs.yml': 'site_name: Kitchen\n' }), ['link.broken-anchor@README.md:3']);
    // pymdownx's uslugify collapses no runs: `#shelves-the-basics` is no id of that site.
    const uslugify = 'markdown_extensions:\n  - pymdownx.tabbed:\n      slugify: !!python/name:markdown.extensions.toc.slugify\n  - toc:\n      permalink: true\n      slugify: !!python/name:pymdownx.slugs.uslugify\n';
    assert.deepEqual(await errors({ ...pages, 'mkdocs.yml': uslugify }), ['link.broken-anchor@README.md:3', 'link.broken-anchor@docs/pantry.md:3', 'link.broken-anchor@docs/pantry.md:3', 'link.broken-anchor@docs/pantry.md:3']);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': uslugify }), [{ docs: 'docs', slugify: 'uslugify' }]);
    // pymdownx's slugify applied with `case: lower` is uslugify, whatever toc key follows; another extension's slugify is not toc's.
    const applied = 'markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n      permalink: true\n';
    assert.deepEqual(sitesOf({ 'mkdocs.yml': applied }), [{ docs: 'docs', slugify: 'uslugify' }]);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': 'markdown_extensions:\n  - pymdownx.tabbed:\n      slugify: !!python/name:pymdownx.slugs.uslugify\n' }), [{ docs: 'docs', slugify: 'toc' }]);
    // A slugify the tool does not know: Python-Markdown's slugs and GitHub's are both taken.
    assert.deepEqual(await errors({ ...pages, 'mkdocs.yml': 'markdown_extensions:\n  toc:\n    slugify: !!python/name:my_site.slugs.custom\n' }), ['link.broken-anchor@README.md:3']);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': 'markdown_extensions:\n  toc:\n    slugify: !!python/name:my_site.slugs.custom\n' }), [{ docs: 'docs', slugify: 'unknown' }]);
    // The ids themselves: accents dropped (or kept, Unicode), `_1` for a repeat, a heading's own id kept and counted.
    const headings = [{ title: 'Crème – Brûlée' }, { title: 'Steps', id: 'steps' }, { title: 'Steps' }, { title: 'Crème – Brûlée' }];
    assert.deepEqual([...mkdocsTocIds(headings, 'toc')], ['creme-brulee', 'steps_1', 'creme-brulee_1']);
    assert.deepEqual([...mkdocsTocIds(headings, 'toc-unicode')], ['crème-brûlée', 'steps_1', 'crème-brûlée_1']);
    assert.deepEqual([...mkdocsTocIds(headings, 'uslugify')], ['crème--brûlée', 'steps_1', 'crème--brûlée_1']);
  });

  it("an MkDocs site's attr_list block ids and mkdocstrings' objects are anchors, and autorefs resolves reference links; without the extension or plugin they are judged [^ln9n]", async () => {
    const pages = {
      'docs/knots.md': '# Knots\n\n* **Bowline**: a fixed loop.\n{#bowline-loop}\n\nA hitch holds a post.\n{: #hitch-note .aside }\n\n{#after-blank}\n\n## Splices\n{#after-heading}\n\n```md\nShown.\n{#in-code}\n```\n',
      'docs/index.md': '# Rigging\n\n[bowline](knots.md#bowline-loop), [hitch](knots.md#hitch-note), [blank](knots.md#after-blank), [heading](knots.md#after-heading), [code](knots.md#in-code), [sheet bend](knots.md#sheet-bend-loop).\n',
      'docs/api/rigging.md': '# API\n\n::: rigging.Halyard\n    options:\n      members: true\n\n## ::: rigging.Cleat\n',
      'docs/guide.md': '# Guide\n\n[tension](api/rigging.md#rigging.Halyard.tension), [usage](api/rigging.md#rigging.Halyard--usage), [cleat](api/rigging.md#rigging.Cleat), [winch](api/rigging.md#rigging.Winch), [Halyard][rigging.Halyard] and the [site][home].\n\n[home]: index.md\n',
      'README.md': '# Rigging\n\n[bowline](docs/knots.md#bowline-loop).\n',
    };
    const readme = 'link.broken-anchor@README.md:3';
    const guide = (n: number): string[] => Array<string>(n).fill('link.broken-anchor@docs/guide.md:3');
    const index = (n: number): string[] => Array<string>(n).fill('link.broken-anchor@docs/index.md:3');
    // A site with neither: judged as GitHub renders them (`{: #hitch-note }` is kramdown's block attributes, an anchor
    // everywhere already); 5 of the 6 links of index.md, the 5 of guide.md (one an undefined reference).
    assert.deepEqual(await errors({ ...pages, 'mkdocs.yml': 'site_name: Rigging\nmarkdown_extensions:\n  - toc\n' }), [readme, ...guide(5), ...index(5)]);
    // attr_list (here through pymdownx.extra): `{#bowline-loop}` ends its list item; not one after a blank line, a
    // heading or in code.
    const attr = await errors({ ...pages, 'mkdocs.yml': 'site_name: Rigging\nmarkdown_extensions:\n  - toc:\n      permalink: true\n  - pymdownx.extra\n' });
    assert.deepEqual(attr, [readme, ...guide(5), ...index(4)]);
    // mkdocstrings (a plugin with options, after one whose name has a slash): objects, their members, and autorefs.
    const autodoc = await errors({ ...pages, 'mkdocs.yml': 'site_name: Rigging\nplugins:\n  - material/blog:\n      blog_dir: news\n  - mkdocstrings:\n      handlers:\n        python:\n          paths: [src]\n' });
    assert.deepEqual(autodoc, [readme, ...guide(1), ...index(5)]);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': 'plugins: [search, autorefs]\nmarkdown_extensions: [attr_list]\n' }), [{ docs: 'docs', slugify: 'toc', attrList: true, autorefs: true }]);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': 'plugins:\n  - search\nmarkdown_extensions:\n  - pymdownx.tabbed:\n      attr_list: true\n' }), [{ docs: 'docs', slugify: 'toc' }]);
  });

  it("pymdownx.snippets: a page has the anchors of the files it pastes in, and a snippet's links are read from the pages that paste it [^ln9n]", async () => {
    const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'mkdocs-site');
    const files: Record<string, string> = {};
    for (const rel of ['mkdocs.yml', 'CONTRIBUTING.md', 'docs/index.md', 'docs/contributing.md', 'docs/knots.md', 'docs/api.md', 'docs/snippets/see_also.md', 'docs/styles/border.md', 'docs/styles/align.md']) files[rel] = fs.readFileSync(path.join(fixture, rel), 'utf8');
    // The fixture (attr_list through pymdownx.extra, mkdocstrings, snippets with two base paths): every link works.
    assert.deepEqual(await errors(files), []);
    // Without pymdownx.snippets: `contributing.md#proposing-a-knot` has no such heading, and the snippet's link
    // `./align.md` is read from its own folder, where no `align.md` is.
    const without = { ...files, 'mkdocs.yml': files['mkdocs.yml']!.replace(/ {2}- pymdownx\.snippets:\n {6}base_path: .*\n/, '') };
    assert.deepEqual(await errors(without), ['link.broken-anchor@docs/index.md:3', 'link.broken-anchor@docs/snippets/see_also.md:1']);
    // A snippet named inside a code block pastes code: no anchors; an escaped marker (`;--8<--`) pastes nothing.
    const shown = { ...files, 'docs/contributing.md': '# How to include\n\n```md\n--8<-- "CONTRIBUTING.md"\n```\n\n;--8<-- "CONTRIBUTING.md"\n' };
    assert.deepEqual(await errors(shown), ['link.broken-anchor@docs/index.md:3']);
    // The block form names one file a line; the base paths are the config's (the folder's own by default).
    const block = { ...files, 'docs/contributing.md': '--8<--\nCONTRIBUTING.md\n--8<--\n', 'mkdocs.yml': files['mkdocs.yml']!.replace(/ {6}base_path: .*\n/, '') };
    assert.deepEqual(await errors(block), ['link.broken-anchor@docs/snippets/see_also.md:1']);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': 'site_name: R\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path:\n        - docs/src\n        - ../outside\n      check_paths: true\n' }), [{ docs: 'docs', slugify: 'toc', snippets: ['docs/src'] }]);
    assert.deepEqual(sitesOf({ 'docs/mkdocs.yml': 'site_name: R\nmarkdown_extensions: [pymdownx.snippets]\n' }), [{ docs: 'docs/docs', slugify: 'toc', snippets: ['docs'] }]);
    // `auto_append`: the link definitions of a file pasted at the end of every page define the pages' references.
    const appended = { 'includes/links.md': '  [mkdocs.env]: https://www.mkdocs.org/user-guide/configuration/#environment-variables\n', 'docs/env.md': '# Env\n\nSet [environment variables][mkdocs.env] and see [Home][].\n\n[home]: index.md\n', 'docs/index.md': '# Home\n' };
    const appendYml = 'site_name: R\nmarkdown_extensions:\n  - pymdownx.snippets:\n      auto_append:\n        - includes/links.md\n';
    assert.deepEqual(await errors({ ...appended, 'mkdocs.yml': appendYml }), []);
    assert.deepEqual(await errors({ ...appended, 'mkdocs.yml': 'site_name: R\nmarkdown_extensions:\n  - pymdownx.snippets\n' }), ['link.broken-anchor@docs/env.md:3']);
    assert.deepEqual(sitesOf({ ...appended, 'mkdocs.yml': appendYml }), [{ docs: 'docs', slugify: 'toc', snippets: [''], appendedLabels: ['mkdocs.env'] }]);
    // mkdocs-click renders a CLI's commands from `::: mkdocs-click`: the page's generated ids are not known here.
    const cli = { 'docs/cli.md': '# CLI\n\n::: mkdocs-click\n    :module: rigging.cli\n    :command: cli\n', 'docs/index.md': '# Home\n\nRun [tie](cli.md#rigging-tie).\n' };
    assert.deepEqual(await errors({ ...cli, 'mkdocs.yml': 'site_name: R\nmarkdown_extensions:\n  - mkdocs-click\n' }), []);
    assert.deepEqual(await errors({ ...cli, 'mkdocs.yml': 'site_name: R\n' }), ['link.broken-anchor@docs/index.md:3']);
    assert.deepEqual(sitesOf({ 'mkdocs.yml': 'site_name: R\nmarkdown_extensions:\n  - mkdocs_click\n' }), [{ docs: 'docs', slugify: 'toc', generators: ['mkdocs-click'] }]);
  });

  it('a Zensical `zensical.toml` and a config MkDocs builds by name (`mkdocs-common.yml` with its `site_name`) make a site too [^ln9n]', async () => {
    // Zensical: `[project]` keys, its extension and plugin tables; no extension table is Zensical's default set (attr_list on).
    const zensical = '[project]\nsite_name = "Rigging"\ndocs_dir = "pages"\n\n[[project.extra.social]]\nicon = "x"\n\n[project.markdown_extensions.toc]\npermalink = true\n\n[project.markdown_extensions.attr_list]\n\n[project.plugins.mkdocstrings.handlers.python]\npaths = ["src"]\n';
    assert.deepEqual(sitesOf({ 'zensical.toml': zensical }), [{ docs: 'pages', slugify: 'toc', attrList: true, autorefs: true }]);
    assert.deepEqual(sitesOf({ 'zensical.toml': '[project]\nsite_name = "Rigging"\n' }), [{ docs: 'docs', slugify: 'toc', attrList: true }]);
    assert.deepEqual(sitesOf({ 'zensical.toml': '[project]\nsite_name = "Rigging"\n\n[project.markdown_extensions.admonition]\n' }), [{ docs: 'docs', slugify: 'toc' }]);
    // An mkdocs.yml wins over the other names of its folder.
    assert.deepEqual(sitesOf({ 'zensical.toml': zensical, 'mkdocs.yml': 'site_name: Rigging\n' }), [{ docs: 'docs', slugify: 'toc' }]);
    // Named configs: the first by name that names the site (itself or through INHERIT); one that names none is no site.
    const named = { 'mkdocs-common.yml': 'site_name: Rigging\nplugins:\n  mkdocstrings:\n', 'mkdocs-online.yml': 'INHERIT: mkdocs-common.yml\nsite_url: https://example.org/\n' };
    assert.deepEqual(sitesOf(named), [{ docs: 'docs', slugify: 'toc', autorefs: true }]);
    assert.deepEqual(sitesOf({ 'mkdocs-nav.yml': 'nav:\n  - index.md\n' }), []);
    // The site's links are judged as its pages are built: `[Rope][rigging.Rope]` is left to autorefs.
    assert.deepEqual(await errors({ ...named, 'docs/index.md': '# Rigging\n\nSee [Rope][rigging.Rope] and [home][].\n\n[home]: index.md\n' }), []);
    assert.deepEqual(await errors({ 'docs/index.md': '# Rigging\n\nSee [Rope][rigging.Rope] and [home][].\n\n[home]: index.md\n' }), ['link.broken-anchor@docs/index.md:3']);
  });

  it("a translated MkDocs page's link to a page only the default language has reaches that page; one missing there too is broken [^sc5p]", async () => {
    const files = {
      'guides/en/mkdocs.yml': 'site_name: Kites\ntheme:\n  language: en\n',
      'guides/en/docs/index.md': '# Kites\n\nSee [the knots](knots.md) and [the glossary](glossary.md).\n',
      'guides/en/docs/knots.md': '# Knots\n\n## Bowline\n\nTie it.\n',
      'guides/pt/docs/index.md': '# Pipas\n\nVeja [os nós](knots.md#bowline), [o nó](knots.md#sheet-bend) e [o glossário](glossary.md).\n',
    };
    assert.deepEqual(await errors(files), [
      'link.broken-anchor@guides/en/docs/index.md:3',
      'link.broken-anchor@guides/pt/docs/index.md:3',
      'link.broken-anchor@guides/pt/docs/index.md:3',
    ]);
    // Without the default language's config, Portuguese is no translation of it: its link is broken.
    const bare: Record<string, string> = { ...files };
    delete bare['guides/en/mkdocs.yml'];
    assert.equal((await errors(bare)).length, 4);
  });

  it("mkdocs-static-i18n's folder structure: a locale folder's link to a page only the default locale has reaches it, unless the fallback is off [^sc5p]", async () => {
    const i18n = (options: string): string => `site_name: Kites\nplugins:\n  - search\n  - i18n:\n      docs_structure: folder\n${options}      languages:\n        - locale: en\n          default: true\n          name: English\n        - locale: ja\n          name: 日本語\n`;
    const files = {
      'docs/index.md': '# Kites\n\nSee [the knots](ref/knots.md).\n',
      'docs/ref/knots.md': '# Knots\n\n## Bowline\n\nTie it.\n',
      'docs/ja/index.md': '# 凧\n\n[結び方](ref/knots.md#bowline)、[もう一つ](ref/knots.md#sheet-bend)、[用語集](ref/glossary.md)。\n',
    };
    // The default locale's pages are the docs folder's own (no `docs/en/`): `ja/ref/knots.md` falls back to `ref/knots.md`.
    assert.deepEqual(await errors({ ...files, 'mkdocs.yml': i18n('') }), ['link.broken-anchor@docs/ja/index.md:3', 'link.broken-anchor@docs/ja/index.md:3']);
    assert.deepEqual(sitesOf({ ...files, 'mkdocs.yml': i18n('') }), [{ docs: 'docs', slugify: 'toc' }, { docs: 'docs/ja', slugify: 'toc', fallback: 'docs' }]);
    // `fallback_to_default: false`, or the suffix structure (the plugin's default): no fallback.
    assert.equal((await errors({ ...files, 'mkdocs.yml': i18n('      fallback_to_default: false\n') })).length, 3);
    assert.equal((await errors({ ...files, 'mkdocs.yml': i18n('').replace('docs_structure: folder', 'docs_structure: suffix') })).length, 3);
  });

  it('an mdBook whose book.toml enables mdbook-spec: rule and grammar labels and anchors are links on its pages, read from book.toml [^ln6s]', async () => {
    const pages = {
      'pages/lamps.md': 'r[lamp]\n# Lamps\n\nr[lamp.glow]\nA lamp glows.\n\n```grammar,items\nLamp -> `lamp` Wick\n```\n',
      'pages/use.md': '# Use\n\nA [lamp][lamp.glow] is a [Lamp][grammar-Lamp], lit [at once][std::time::Instant]; see [glow](lamps.md#r-lamp.glow).\nBut not [x][lamp.dim].\n\n[home]: https://example.org\n\nThe [home].\n',
    };
    const toml = '[book]\ntitle = "Lamps"\nsrc = "./pages/"  # the pages\n\n[output.html]\n\n';
    // Without the preprocessor: four links break (three labels, one anchor); with it, only the unknown rule.
    assert.deepEqual(await errors({ 'book.toml': toml, ...pages }), ['link.broken-anchor@pages/use.md:3', 'link.broken-anchor@pages/use.md:3', 'link.broken-anchor@pages/use.md:3', 'link.broken-anchor@pages/use.md:3', 'link.broken-anchor@pages/use.md:4']);
    assert.deepEqual(await errors({ 'book.toml': `${toml}[preprocessor.spec]\ncommand = "cargo run"\n`, ...pages }), ['link.broken-anchor@pages/use.md:4']);
    const books = (text: string): string[] => {
      const dir = tempWorkspace({ 'book.toml': text }, 'clarify-book-');
      try {
        return mdbookSpecBooks(dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    // `src` by default; a table of the preprocessor written as a key; a source folder outside the workspace is the default.
    assert.deepEqual(books('[book]\ntitle = "x"\n\n[preprocessor.spec]\n'), ['src']);
    assert.deepEqual(books('[book]\nsrc = "."\n[preprocessor]\nspec = { command = "x" }\n'), ['']);
    assert.deepEqual(books("[book]\nsrc = '../elsewhere'\n[preprocessor.\"spec\"]\n"), ['src']);
    assert.deepEqual(books('[book]\nsrc = "pages"\n[preprocessor.links]\n[output.spec]\n'), []);
    // A book.toml that is a symlink (it may point outside the workspace) is not read.
    const outside = tempWorkspace({ 'book.toml': '[preprocessor.spec]\n' }, 'clarify-outside-');
    const linked = tempWorkspace({}, 'clarify-book-');
    try {
      fs.symlinkSync(`${outside}/book.toml`, `${linked}/book.toml`);
      assert.deepEqual(mdbookSpecBooks(linked), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it("an mdBook page's link to `index.md` reaches its folder's README chapter (mdBook's index preprocessor); outside the book it is still broken [^ln8b]", async () => {
    const files = {
      'guide/book.toml': '[book]\ntitle = "Pumps"\n',
      'guide/src/README.md': '# Pumps\n\n## Priming\n\nText.\n',
      'guide/src/ci/Readme.md': '# Pipelines\n\nText.\n',
      'guide/src/usage.md': '# Usage\n\nSee the [intro](index.md), [priming](index.md#priming), [CI](ci/index.md) and [nothing](index.md#draining).\nNo [page](setup/index.md).\n',
      'NOTES.md': '# Notes\n\nThe [book](guide/src/index.md).\n',
    };
    assert.deepEqual(await errors(files), ['link.broken-anchor@guide/src/usage.md:3', 'link.broken-anchor@guide/src/usage.md:4', 'link.broken-anchor@NOTES.md:3'].sort());
    // Without a book.toml it is GitHub's rule: no index.md, no page.
    const noBook: Record<string, string> = { ...files };
    delete noBook['guide/book.toml'];
    assert.equal((await errors(noBook)).length, 6);
  });

  it('a heading a site hook fills in (`#### <!-- md:setting config.x -->`) has an id no one knows here: anchors into its file are not judged', () => {
    const index = memoryWorkspace({
      'docs/plugins/blog.md': '# Blog plugin\n\n## Configuration\n\n#### <!-- md:setting config.blog_dir -->\n\nThe folder.\n',
      'docs/guide.md': '# Guide\n\n## Usage\n\nSee [blog_dir](plugins/blog.md#config.blog_dir) and [usage](#usag).\n\nAnd [stray](notes.md#heading=h.7dxoyq24).\n',
      // An empty heading (`### ` and nothing) has no id: links into its file are judged as before.
      'docs/notes.md': '# Notes\n\n### \n\nText.\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('link.')), ['link.broken-anchor@docs/guide.md:5', 'link.broken-anchor@docs/guide.md:7']);
  });

  it("a footnote's own anchors (`#fn-1`, `#fnref-1`, `#fn:1`) are links to it; one to a footnote the file lacks is broken", () => {
    const index = memoryWorkspace({ 'notes.md': '# Notes\n\nA claim.[^1] Another.[^note-2]\n\n[Jump](#fn-1), [jump](#fn:1), [back](#fnref-1-2), [two](#fn-note-2), [three](#fn-3)\n\n[^1]: The footnote.\n[^note-2]: Another.\n' });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('link.')), ['link.broken-anchor@notes.md:5']);
    assert.match(diagnosticsOf(index).find((d) => d.code === 'link.broken-anchor')!.message, /#fn-3/);
  });

  it('a regular expression in a code comment (`[!a] means [^a]`) is no citation of an unknown clause; a real id still is', () => {
    const index = memoryWorkspace({
      'specs/rules.md': '# Rules {#rules}\n\n## Globs {#globs}\n\nA glob matches names.\n',
      'src/glob.js': '// Translate a glob class: [!a] means [^a] in a regexp\n// Cites [^globs] and [^glob].\nexport const x = 1;\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('citation.')), ['citation.unknown-id@src/glob.js:2']);
  });

  it('each page of a VitePress site has its own `{#id}`s (its folder, or its `srcDir`); a symlinked `.vitepress` is no site', async () => {
    const pages = { 'src/api/directives.md': '# Directives\n\n## v-if {#v-if}\n\nText.\n', 'src/guide/conditional.md': '# Conditional\n\n## v-if {#v-if}\n\nText.\n' };
    assert.equal((await errors(pages)).filter((e) => e.startsWith('clause.duplicate-id')).length, 2);
    assert.deepEqual(await errors({ '.vitepress/config.ts': "export default defineConfig({ srcDir: 'src', title: 'X' })\n", ...pages }), []);
    const dir = tempWorkspace({ 'docs/.vitepress/config.mts': 'export default { title: "X" }\n', '.vitepress/config.js': "export default { srcDir: '../elsewhere' }\n" }, 'clarify-site-');
    try {
      // A srcDir outside the project folder is not taken: the folder itself is.
      assert.deepEqual(siteScopes(dir), [{ pattern: '**', scope: 'document', site: true }, { pattern: 'docs/**', scope: 'document', site: true }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const outside = tempWorkspace({ 'config.ts': "export default { srcDir: 'src' }\n" }, 'clarify-outside-');
    const linked = tempWorkspace({}, 'clarify-site-');
    try {
      fs.symlinkSync(outside, `${linked}/.vitepress`);
      assert.deepEqual(siteScopes(linked), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it('a heading id beyond ASCII (`{#guía-–-rápida}`) is an anchor links reach, not a malformed clause id; a clause still needs a clause id', () => {
    const index = memoryWorkspace({
      'guide.md': '# Guide\n\n## Guía – rápida {#guía-–-rápida}\n\nSee [the quick guide](#guía-–-rápida) and [nothing](#guía-lenta).\n\n## Policy {#política authority=root}\n\nText.\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => !d.startsWith('ambiguity')), ['link.broken-anchor@guide.md:5', 'clause.malformed-attributes@guide.md:7']);
    assert.match(diagnosticsOf(index).find((d) => d.code === 'link.broken-anchor')!.message, /#guía-lenta/);
  });

  it('`#user-content-<slug>` (the id GitHub renders a heading with) reaches the heading; a slug no heading has is still broken', () => {
    const index = memoryWorkspace({ 'format.md': '# Format\n\n- [Header](#user-content-header)\n- [Body](#user-content-body)\n\n## Header\n\nText.\n' });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('link.')), ['link.broken-anchor@format.md:4']);
  });

  it("a template's placeholder link (`NNNN-filename.md`, `0005-example.md` in a template folder, in any language) is not broken yet", () => {
    const index = memoryWorkspace({
      'proposal-templates/0000-template.md': '# Feature name\n\n* Proposal: [SE-NNNN](NNNN-filename.md)\n* See [the guide](guide.md)\n',
      'locales/es/plantillas/registro/index.md': '# Registro\n\n* Estado: reemplazado por [ADR-0005](0005-example.md)\n',
      // Outside a template, the same link is broken.
      'proposals/0001-feature.md': '# Feature\n\n* Proposal: [SE-NNNN](NNNN-filename.md)\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('link.')), ['link.broken-anchor@proposal-templates/0000-template.md:4', 'link.broken-anchor@proposals/0001-feature.md:3']);
  });

  it('a link whose target holds a template variable (`{{part_id}}`, `{ADR_SLUG}`, `${name}`) is a slot, not broken', () => {
    const index = memoryWorkspace({
      'kit/assets/index.md': '# Decisions\n\n- [First]({FIRST_SLUG}.md)\n- [Notes](./notes-{{module_id}}.md)\n- [Log](${logName}.md)\n- [Missing](./missing.md)\n',
      'kit/steps/menu.md': '# Step {{n}}\n\n## {{n}}. Show the menu\n\nBack to [the menu](#{{n}}-show-the-menu), or [the end](#the-end).\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('link.')), ['link.broken-anchor@kit/assets/index.md:6', 'link.broken-anchor@kit/steps/menu.md:5']);
  });

  it("a Docsify sidebar's links are read from the site's folder when the file is not beside the sidebar; a file that is nowhere is broken", () => {
    const index = memoryWorkspace({
      'docs/README.md': '# Home\n',
      'docs/guides/baking/README.md': '# Baking\n',
      'docs/guides/baking/01-proofing.md': '# Proofing\n',
      'docs/guides/baking/_sidebar.md': '- [Overview](guides/baking/README.md)\n- [Proofing](01-proofing.md)\n- [Ovens](guides/baking/02-ovens.md)\n',
      // Not a sidebar: a page's links are read from its own folder.
      'docs/guides/baking/notes.md': '# Notes\n\nSee [overview](guides/baking/README.md).\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('link.')), ['link.broken-anchor@docs/guides/baking/_sidebar.md:3', 'link.broken-anchor@docs/guides/baking/notes.md:3']);
  });

  it("a site's page whose `{#id}`s are its headings' anchors is a guide, not reviewed; a clause with an authority still is", async () => {
    const warnings = (files: Record<string, string>): Promise<string[]> => diagnose(files, (d) => d.code.startsWith('ambiguity.'));
    const guide = '# Introduction {#introduction}\n\n## Getting started {#getting-started}\n\nYou should be able to follow along quickly.\n';
    const policy = '# Policy {#policy authority=root}\n\nThe service must respond quickly.\n';
    // Outside a site both are specs (their `{#id}` headings declare clauses).
    assert.ok((await warnings({ 'src/guide.md': guide, 'src/policy.md': policy })).some((w) => w.includes('@src/guide.md:')));
    assert.deepEqual(await warnings({ '.vitepress/config.ts': "export default { srcDir: 'src' }\n", 'src/guide.md': guide, 'src/policy.md': policy }), ['ambiguity.vague@src/policy.md:3']);
  });

  it('a spec-md document (package.json depends on spec-md): `#sec-…` links reach the sections of the page it builds of its files; others stay broken [^ln7g]', async () => {
    const pages = {
      'doc/Garden.md': '# Garden Handbook\n\n**Preface**\n\nHow a garden is kept (see [tools](#sec-Appendix-Tools)).\n\n# [Soil](Soil.md)\n\n# [Appendix: Tools](Appendix%20A%20--%20Tools.md)\n',
      'doc/Soil.md': [
        '# Soil',
        '',
        'Soil is fed with [compost](#sec-Compost), kept [moist](#sec-Compost.Moisture) and turned [deep enough](#sec-Compost.Depth).',
        'Not [dry](#sec-Compost.Dryness), not [one depth](#sec-Depth), not [a comment](#sec-water-daily).',
        '',
        '## Compost',
        '',
        '**Moisture**',
        '',
        'Damp, never wet.',
        '',
        '### Depth',
        '',
        '```sh',
        '# water daily',
        '```',
        '',
        '## Beds',
        '',
        '### Depth',
        '',
        'A spade deep.',
        '',
      ].join('\n'),
      'doc/Appendix A -- Tools.md': '# A. Appendix: Tools\n\nA spade and a fork; [soil](#sec-Soil).\n',
      // Not part of the document: on GitHub, where it is read, the id does not exist.
      'README.md': '# Garden\n\nRead about [compost](doc/Soil.md#sec-Compost).\n',
    };
    const pkg = (scripts: string): string => `{ "name": "garden", "private": true, ${scripts}"devDependencies": { "spec-md": "3.1.0" } }\n`;
    const unknown = ['link.broken-anchor@README.md:3', 'link.broken-anchor@doc/Soil.md:4', 'link.broken-anchor@doc/Soil.md:4', 'link.broken-anchor@doc/Soil.md:4'];
    // Without spec-md, every `#sec-` link is broken.
    assert.equal((await errors(pages)).length, 9);
    // The entry named by a script, or (no script names one) the file that imports others.
    assert.deepEqual(await errors({ 'package.json': pkg('"scripts": { "build": "spec-md --metadata doc/meta.json doc/Garden.md > out/index.html" }, '), ...pages }), unknown);
    assert.deepEqual(await errors({ 'package.json': pkg(''), ...pages }), unknown);
    const dir = tempWorkspace({ 'package.json': pkg(''), ...pages }, 'clarify-specmd-');
    try {
      assert.deepEqual(specMdDocuments(dir), [{
        files: ['doc/Garden.md', 'doc/Soil.md', 'doc/Appendix A -- Tools.md'],
        ids: ['sec-Preface', 'sec-Soil', 'sec-Compost', 'sec-Compost.Moisture', 'sec-Compost.Depth', 'sec-Beds', 'sec-Beds.Depth', 'sec-Appendix-Tools'],
      }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("spec-md's ids: the title formatted and anchorized, case kept, its number dropped; a setext title; an import inside a section nests there [^ln7g]", () => {
    const files: Record<string, string> = {
      'main.md': 'Pump Manual\n===========\n\n# 1. Priming -> Running\n\n## [Valves](parts/valves.md)\n\n### The \\_\\_flow Field\n\n## Seal\n\n## @seal\n',
      'parts/valves.md': '# Check Valve\n\n**Limits**\n\nNo backflow.\n\n## Seal\n',
    };
    assert.deepEqual(specMdOutline(files['main.md']!, true).map((i) => i.kind), ['section', 'import', 'section', 'section', 'section']);
    const resolve = (from: string, p: string): string => (from.includes('/') ? `${from.slice(0, from.lastIndexOf('/'))}/${p}` : p);
    const doc = specMdSectionIds('main.md', (f, entry) => (files[f] === undefined ? undefined : specMdOutline(files[f]!, entry)), resolve);
    assert.deepEqual(doc, {
      files: ['main.md', 'parts/valves.md'],
      // The imported sections are children of `Priming -> Running`; two sections of one title are qualified by their parents.
      ids: ['sec-Priming-Running', 'sec-Check-Valve', 'sec-Check-Valve.Limits', 'sec-Check-Valve.Seal', 'sec-The-__flow-Field', 'sec-Priming-Running.Seal', 'sec--seal'],
    });
  });

  it("a marked build script whose heading renderer ids a heading by its bold text (tc39/proposal-temporal's docs): `page.md#method` between its pages reaches `### x.**method**()` [^ln7g]", async () => {
    // The renderer's statements as the script writes them; the rest of the script is this fixture's own.
    const script = [
      "const marked = require('marked');",
      'class GaugeRenderer extends marked.Renderer {',
      '  heading(text, level, raw, slugger) {',
      '    let id = this.options.headerPrefix + slugger.slug(raw);',
      '    const match = text.match(/<strong>(.*)<\\/strong>/);',
      "    if (match) id = match[1].replace(/[^a-zA-Z]/g, '-');",
      '    return `<h${level} id="${id}">${text}</h${level}>`;',
      '  }',
      '}',
      "const basePaths = ['.', './fr'];",
      '',
    ].join('\n');
    const pkg = '{ "name": "gauge-docs", "private": true, "scripts": { "build": "node render.js" }, "devDependencies": { "marked": "^5.0.4" } }\n';
    const pages = {
      'site/gauge.md': [
        '# Gauge',
        '',
        '### Gauge.**read**(_options_?: object) : number',
        '',
        '### gauge.**zeroOffset** : number',
        '',
        '```md',
        '### gauge.**inFence**()',
        '```',
        '',
        '### gauge.**reset**() and **calibrate**()',
        '',
      ].join('\n'),
      'site/dial.md': '# Dial\n\nUse [read](./gauge.md#read), [offset](./gauge.md#zeroOffset), [slug](./gauge.md#gaugereadoptions-object--number).\n\nNot: [fenced](./gauge.md#inFence), [two bold](./gauge.md#reset), [gone](./gauge.md#calibrate), [typo](./gauge.md#raed).\n',
      'site/fr/cadran.md': '# Cadran\n\nVoir [read](../gauge.md#read).\n',
      // Not a page of the build (a folder basePaths does not list), and a README read on GitHub.
      'site/drafts/dial.md': '# Draft\n\nSee [read](../gauge.md#read).\n',
      'README.md': '# Gauges\n\nSee [read](site/gauge.md#read).\n',
    };
    const before = await errors(pages);
    assert.deepEqual(before, ['link.broken-anchor@README.md:3', 'link.broken-anchor@site/dial.md:3', 'link.broken-anchor@site/dial.md:3', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/drafts/dial.md:3', 'link.broken-anchor@site/fr/cadran.md:3']);
    const site = { 'site/package.json': pkg, 'site/render.js': script, ...pages };
    assert.deepEqual(await errors(site), ['link.broken-anchor@README.md:3', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/dial.md:5', 'link.broken-anchor@site/drafts/dial.md:3']);
    // Without the renderer's rule (a plain marked build), without the dependency, or with a script no command runs: as before.
    assert.deepEqual(await errors({ ...site, 'site/render.js': "const marked = require('marked');\nconst basePaths = ['.'];\n" }), before);
    assert.deepEqual(await errors({ ...site, 'site/package.json': pkg.replace('marked', 'remarkable') }), before);
    assert.deepEqual(await errors({ ...site, 'site/package.json': pkg.replace('node render.js', 'node other.js') }), before);
    // No basePaths: the script's folder only.
    const dir = tempWorkspace({ ...site, 'site/render.js': script.replace("const basePaths = ['.', './fr'];", '') }, 'clarify-marked-');
    try {
      assert.deepEqual(markedStrongIdPages(dir).map((p) => p.file), ['site/dial.md', 'site/gauge.md']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Read from the parse's headings: one in a fence, indented code, an HTML block, a list item or a quote gives none.
    const strong = (text: string): string[] => markedStrongHeadingIds(text, parseSpec('page.md', text).headings);
    assert.deepEqual(strong('## a.**to-String2**()\n## **x** _y_ `z`\n## **not bold **\n## __under__\n## **a\\*b**\n\n    ## **indented code**\n\n> ## **quoted**\n'), ['to-String-', 'x']);
    assert.deepEqual(strong('<details>\n## **inHtml**\n</details>\n\n```\n## **inFence**\n```\n\n- ## **inList**\n\n## **closed** ##  \n### **y** \\#\n'), ['closed']);
    assert.deepEqual(strong(`## **big**${' '.repeat(50_000)}x\n`), ['big']);
  });

  it("a Hugo site's own `include` shortcode (GetPage + .RenderShortcodes) renders a fragment into the page: its headings and terms are the page's anchors, through the site's content mounts [^ln9i]", async () => {
    // The shortcode as such a site writes it (the calls this fixture's own).
    const shortcode = '{{- with .Get 0 }}\n  {{- with or ($.Page.GetPage .) (site.GetPage .) }}\n    {{- .RenderShortcodes }}\n  {{- end }}\n{{- end }}\n';
    const config = "title = 'Pumps'\n\n[markup.goldmark.parser]\n  autoDefinitionTermID = true\n\n[module]\n  [[module.mounts]]\n    source = 'assets'\n    target = 'assets'\n  [[module.mounts]]\n    source = 'pages/en'\n    target = 'content'\n    [module.mounts.sites.matrix]\n      languages = ['en']\n";
    const pages = {
      'pages/en/_shared/priming.md': '---\n_comment: a fragment\n---\n\n## Priming steps\n\n`flow`\n: The rate.\n',
      'pages/en/pumps/start.md': [
        '# Start',
        '',
        'See [priming](#priming-steps), [flow](#flow), [stop](#stop-steps) and [typo](#priming-step).',
        '',
        '{{% include "/_shared/priming.md" %}}',
        '',
        '{{% include "_shared/stopping" %}}',
        '',
      ].join('\n'),
      'pages/en/_shared/stopping.md': '## Stop steps\n',
      'pages/en/pumps/other.md': '# Other\n\nSee [priming](start.md#priming-steps); not [here](#priming-steps).\n\n{{%/* include "/_shared/priming.md" */%}}\n',
      'README.md': '# Pumps\n\nSee [priming](pages/en/pumps/start.md#priming-steps).\n',
    };
    const before = await errors(pages);
    assert.deepEqual(before, ['link.broken-anchor@README.md:3', 'link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    const site = { 'hugo.toml': config, 'layouts/_shortcodes/include.html': shortcode, ...pages };
    // Left: the README (read on GitHub), the page that only shows the call, the typo.
    assert.deepEqual(await errors(site), ['link.broken-anchor@README.md:3', 'link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    // A shortcode of another kind (one that pastes a file as it is), mounts written as an inline array, no mount of
    // the pages (they are not under content/): as before.
    assert.deepEqual(await errors({ ...site, 'layouts/_shortcodes/include.html': '{{ readFile (.Get 0) }}\n' }), before);
    assert.deepEqual(await errors({ ...site, 'hugo.toml': "[module]\n  mounts = [{ source = 'pages/en', target = 'content' }]\n" }), before);
    assert.deepEqual(await errors({ ...site, 'hugo.toml': "title = 'Pumps'\n" }), before);
    // Terms have ids only when the site gives them: the heading still does.
    assert.deepEqual(await errors({ ...site, 'hugo.toml': config.replace('true', 'false') }), ['link.broken-anchor@README.md:3', 'link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    const dir = tempWorkspace(site, 'clarify-hugo-include-');
    try {
      // The site alone: which pages call it, and what they include, are the pages' own facts.
      assert.deepEqual(hugoIncludeSite(dir), { roots: ['pages/en'], idType: 'github', terms: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a Hugo page's `include` calls are its own facts: an edit that adds, drops or changes one, or a fragment's heading, is seen (the model is built again) [^ln9i]", () => {
    const site = { roots: ['pages/en'], idType: 'github' as const, terms: true };
    const start = (calls: string): string => `# Start\n\nSee [priming](#priming-steps) and [stop](#stop-steps).\n\n${calls}`;
    const files = {
      'pages/en/_shared/priming.md': '## Priming steps\n',
      'pages/en/_shared/stopping/index.md': '## Stop steps\n',
      'pages/en/pumps/start.md': start('{{% include "/_shared/priming.md" %}}\n'),
      'pages/en/pumps/other.md': '# Other\n\nSee [stop](start.md#stop-steps).\n',
      'notes/outside.md': '# Outside\n\n{{% include "/_shared/priming.md" %}}\n',
    };
    const index = memoryWorkspace(files, { hugoIncludes: site });
    const broken = editorsBrokenAnchors(index);
    assert.deepEqual(broken(), ['link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    // Read only on a page of the site: a page outside it keeps its facts as they were.
    assert.deepEqual(index.factsOf('pages/en/pumps/start.md')?.spec?.hugoIncludes, ['/_shared/priming.md']);
    assert.equal(index.factsOf('notes/outside.md')?.spec?.hugoIncludes, undefined);
    // A second call (`x` names `x/index.md`): both links reach it.
    index.updateFile('pages/en/pumps/start.md', start('{{% include "/_shared/priming.md" %}}\n\n{{% include "../_shared/stopping" %}}\n'), true);
    assert.deepEqual(broken(), []);
    // The fragment's heading renamed: the page has the new id only.
    index.updateFile('pages/en/_shared/stopping/index.md', '## Halt steps\n', true);
    assert.deepEqual(broken(), ['link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    index.updateFile('pages/en/_shared/stopping/index.md', '## Stop steps\n', true);
    assert.deepEqual(broken(), []);
    // A call commented out, then dropped: the fragment's ids leave the page.
    index.updateFile('pages/en/pumps/start.md', start('{{% include "/_shared/priming.md" %}}\n\n{{%/* include "../_shared/stopping" */%}}\n'), true);
    assert.deepEqual(broken(), ['link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    index.updateFile('pages/en/pumps/start.md', start(''), true);
    assert.deepEqual(broken(), ['link.broken-anchor@pages/en/pumps/other.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3', 'link.broken-anchor@pages/en/pumps/start.md:3']);
    // Equal to a fresh index of the same files.
    const fresh = memoryWorkspace({ ...files, 'pages/en/pumps/start.md': start('') }, { hugoIncludes: site });
    assert.deepEqual(broken(), brief(diagnosticsOf(fresh).filter((d) => d.code === 'link.broken-anchor')));
  });

  it("a marked build page's bold-text ids are its own facts: an edit of a heading's bold text is seen by the links of the other pages [^ln7g]", () => {
    const files = {
      'site/gauge.md': '# Gauge\n\n### Gauge.**read**() : number\n',
      'site/dial.md': '# Dial\n\nUse [read](./gauge.md#read) and [reset](./gauge.md#reset).\n',
      'notes/gauge.md': '# Gauge\n\n### Gauge.**read**() : number\n',
    };
    const index = memoryWorkspace(files, { markedStrongPages: ['site/dial.md', 'site/gauge.md'] });
    const broken = editorsBrokenAnchors(index);
    assert.deepEqual(broken(), ['link.broken-anchor@site/dial.md:3']);
    assert.deepEqual(index.factsOf('site/gauge.md')?.spec?.strongIds, ['read']);
    assert.equal(index.factsOf('notes/gauge.md')?.spec?.strongIds, undefined);
    index.updateFile('site/gauge.md', '# Gauge\n\n### Gauge.**read**() : number\n\n### Gauge.**reset**()\n', true);
    assert.deepEqual(broken(), []);
    index.updateFile('site/gauge.md', '# Gauge\n\n### Gauge.**readValue**() : number\n\n### Gauge.**reset**()\n', true);
    assert.deepEqual(broken(), ['link.broken-anchor@site/dial.md:3']);
    assert.deepEqual(index.factsOf('site/gauge.md')?.spec?.strongIds, ['readValue', 'reset']);
  });

  it('an ipfs/spec-generator site (package.json depends on spec-generator, its command names the config): ReSpec-style section ids of its input folder reach their headings [^ln7g]', async () => {
    const pages = {
      'pages/gears.md': [
        '---',
        'title: Gear Box',
        '---',
        '',
        'Since [3.1.4](#gear-3-1-4) and [again](#gear-3-1-4-0), send [`GET`](#get-gears-id) with the [`torque`](#torque-setting).',
        'GitHub\'s [slug](#gear-314) still works; [3.1.5](#gear-3-1-5) does not exist.',
        '',
        '## Gear 3.1.4',
        '',
        '## `GET /gears/{id}`',
        '',
        '### :dfn[`torque`] (setting)',
        '',
        '## Gear 3.1.4',
        '',
      ].join('\n'),
      // Outside the input folder: no page of the site, read on GitHub.
      'notes/gears.md': '# Notes\n\n## Gear 3.1.4\n\nSee [3.1.4](#gear-3-1-4).\n',
      'README.md': '# Gears\n\nSee [3.1.4](pages/gears.md#gear-3-1-4).\n',
      'site.json': '{ "input": "pages", "output": "out", "template": "page.html" }\n',
    };
    const pkg = '{ "name": "gears", "private": true, "dependencies": { "spec-generator": "^1.7.0" } }\n';
    assert.deepEqual(await errors(pages), ['link.broken-anchor@README.md:3', 'link.broken-anchor@notes/gears.md:5', 'link.broken-anchor@pages/gears.md:5', 'link.broken-anchor@pages/gears.md:5', 'link.broken-anchor@pages/gears.md:5', 'link.broken-anchor@pages/gears.md:5', 'link.broken-anchor@pages/gears.md:6']);
    const site = { 'package.json': pkg, 'Makefile': 'site:\n\tnpx spec-generator -c site.json\n', ...pages };
    assert.deepEqual(await errors(site), ['link.broken-anchor@README.md:3', 'link.broken-anchor@notes/gears.md:5', 'link.broken-anchor@pages/gears.md:6']);
    // The dependency alone, with no command that names a config (and no `.config.json`), is no site.
    assert.equal((await errors({ 'package.json': pkg, ...pages })).length, 7);
    const inputs = (files: Record<string, string>): string[] => {
      const dir = tempWorkspace(files, 'clarify-specgen-');
      try {
        return specGeneratorInputs(dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    assert.deepEqual(inputs({ 'package.json': pkg, '.config.json': '{ "input": "src", "output": "out", "template": "t.html" }', 'src/a.md': '# A\n' }), ['src']);
    assert.deepEqual(inputs({ 'package.json': pkg, '.config.json': '{ "input": "../elsewhere", "output": "out", "template": "t.html" }' }), []);
    assert.deepEqual([...specGeneratorSectionIds(['Gear 3.1.4', ':dfn[torque] (setting)', 'Ünïcode Tëst', '_private', 'Gear 3.1.4'])], ['gear-3-1-4', 'torque-setting', 'unicode-test', 'x_private', 'gear-3-1-4-0']);
  });
});

describe('VuePress and Jekyll sites: links that work where the site is published', () => {
  const brokenAnchors = async (files: Record<string, string>): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-site-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code === 'link.broken-anchor')).sort();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const reference = '# Reference\n\n### build.outDir\n\nText.\n\n## Before / After Hooks\n\nText.\n\n## Upgrade from 1.x\n\nText.\n\n## Range – Limits\n\nText.\n\n## Twice\n\n## Twice\n';
  const guide = [
    '# Guide',
    '',
    'See [outDir](../reference/options.md#build-outdir), [hooks](../reference/options.md#before-after-hooks),',
    '[upgrade](../reference/options.md#upgrade-from-1-x), [GitHub slug](../reference/options.md#buildoutdir),',
    '[dash](../reference/options.md#range-limits), [repeat](../reference/options.md#twice-1) and [gone](../reference/options.md#build-indir).',
    '',
  ].join('\n');

  it("a VuePress site's pages reach a heading by VuePress's slug (`### build.outDir` is `#build-outdir`); GitHub's slug still counts", async () => {
    const pages = { 'site/reference/options.md': reference, 'site/guide/intro.md': guide };
    const gone = 'link.broken-anchor@site/guide/intro.md:5';
    // Without a site, only GitHub's slugs (`#buildoutdir`, `#twice-1`): five of the links are broken.
    assert.equal((await brokenAnchors(pages)).length, 5);
    // With `site/.vuepress/config.ts`: only the missing heading and the en dash (VuePress 1 and 2 differ) are left; a
    // repeated heading gets no VuePress id here (markdown-it-anchor's suffix differs between versions).
    assert.deepEqual(await brokenAnchors({ 'site/.vuepress/config.ts': "export default { title: 'X' }\n", ...pages }), [gone, gone]);
    // A config with a slugify of its own (its ids are not known) or with anchors off is no such site.
    assert.equal((await brokenAnchors({ 'site/.vuepress/config.js': 'module.exports = { markdown: { slugify: (s) => s } }\n', ...pages })).length, 5);
    assert.equal((await brokenAnchors({ 'site/.vuepress/config.js': 'module.exports = { markdown: { anchor: false } }\n', ...pages })).length, 5);
    // A page outside the site (a README read on GitHub) keeps GitHub's rules.
    assert.deepEqual(await brokenAnchors({ 'site/.vuepress/config.ts': 'export default {}\n', 'site/reference/options.md': reference, 'README.md': '# X\n\n[outDir](site/reference/options.md#build-outdir)\n' }), ['link.broken-anchor@README.md:3']);
  });

  it('a symlinked `.vuepress` folder or config is not read', async () => {
    const outside = tempWorkspace({ 'config.ts': 'export default {}\n' }, 'clarify-outside-');
    const linked = tempWorkspace({ 'reference/options.md': reference, 'guide/intro.md': guide.replace(/\.\.\/reference/g, '../reference') }, 'clarify-site-');
    try {
      fs.symlinkSync(outside, `${linked}/.vuepress`);
      const ws = await loadWorkspace(linked);
      assert.equal(ws.config.vuepress, undefined);
      fs.rmSync(`${linked}/.vuepress`);
      fs.mkdirSync(`${linked}/.vuepress`);
      fs.symlinkSync(`${outside}/config.ts`, `${linked}/.vuepress/config.ts`);
      assert.equal((await loadWorkspace(linked)).config.vuepress, undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it("VuePress's slug: NFKD without marks, specials one `-`, trimmed, `_` before a digit, lower case", () => {
    assert.deepEqual([...vuepressHeadingIds([{ title: 'Café Options' }, { title: 'palette.styl' }, { title: '2. Install' }, { title: '上 / 下一篇链接' }, { title: 'Kept', id: 'own' }, { title: 'Emoji :tada:' }])], ['cafe-options', 'palette-styl', '_2-install', '上-下一篇链接']);
  });

  it('a link reference defined by a Liquid tag (`[X]: {% link x.md %}`, Jekyll) is defined: its references are not undefined', async () => {
    const page = [
      '---',
      'title: Pages',
      '---',
      '',
      'See [the first page][first], [the second][second] and [the third][third].',
      '',
      '[first]: {% link docs/first.md %}',
      '[second]: {{ site.baseurl }}/second/',
      '[third]: not a destination',
      '',
    ].join('\n');
    assert.deepEqual(await brokenAnchors({ 'docs/pages.md': page }), ['link.broken-anchor@docs/pages.md:5']);
  });
});

describe('Zola sites: internal links and heading ids where the site is published', () => {
  const brokenAnchors = async (files: Record<string, string>): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-zola-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code === 'link.broken-anchor')).sort();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const setup = '# Setup\n\n## read_settings\n\nText.\n\n## Install {#install-step}\n\n## Repeat\n\n## Repeat\n\n## Crème\n\n## After_this\n';
  const post = [
    '# A post',
    '',
    'See [settings](@/manual/setup.md#read-settings), [install](@/manual/setup.md#install-step),',
    '[again](@/manual/setup.md#repeat-1), [section](@/manual/_index.md) and [same page](#a-post).',
    '[gone page](@/manual/removed.md) and [gone heading](@/manual/setup.md#no-such-heading).',
    '[after](@/manual/setup.md#after-this) and [with id](@/manual/setup.md#install-install-step).',
    '',
  ].join('\n');
  const pages = { 'site/content/manual/_index.md': '+++\ntitle = "Manual"\n+++\n', 'site/content/manual/setup.md': setup, 'site/content/blog/post.md': post };
  const at = (line: number): string => `link.broken-anchor@site/content/blog/post.md:${line}`;

  it("a page of a Zola site links another by `@/path` from the content folder, and reaches a heading by Zola's id", async () => {
    // Without a site: every `@/` link names a file beside the page, which is not there.
    assert.equal((await brokenAnchors(pages)).length, 8);
    // With `site/config.toml` setting `base_url`: the missing page and the missing heading are left, and so are the
    // heading after one beyond ASCII (its transliteration, and so the ids after it, are not known here) and an id
    // made of a heading's `{#id}` text.
    const left = [at(5), at(5), at(6), at(6)];
    assert.deepEqual(await brokenAnchors({ 'site/config.toml': 'base_url = "https://manual.example"\ntitle = "Manual"\n', ...pages }), left);
    // `zola.toml` is read first, as Zola reads it.
    assert.deepEqual(await brokenAnchors({ 'site/zola.toml': '# the site\nbase_url = \'https://manual.example\'\n', 'site/config.toml': 'title = "old"\n', ...pages }), left);
    assert.equal((await brokenAnchors({ 'site/zola.toml': 'title = "no base url"\n', 'site/config.toml': 'base_url = "https://manual.example"\n', ...pages })).length, 8);
    // A `config.toml` without `base_url` (Hugo's is `baseURL`), or a `base_url` inside a table, makes no Zola site.
    assert.equal((await brokenAnchors({ 'site/config.toml': 'baseURL = "https://manual.example"\n', ...pages })).length, 8);
    assert.equal((await brokenAnchors({ 'site/config.toml': '[extra]\nbase_url = "https://manual.example"\n', ...pages })).length, 8);
  });

  it("`[slugify] anchors = \"safe\"` ids a heading by its text with blanks as `_`", async () => {
    const config = 'base_url = "https://manual.example"\n\n[slugify]\nanchors = "safe"\n';
    const safe = post.replace('#read-settings', '#read_settings').replace('#after-this', '#After_this');
    // `#After_this` is Zola's id now (no heading beyond ASCII stops `safe`); GitHub's slugs (`#repeat-1`, `#a-post`)
    // still count.
    assert.deepEqual(await brokenAnchors({ 'site/config.toml': config, ...pages, 'site/content/blog/post.md': safe }), [at(5), at(5), at(6)]);
    // A strategy Zola does not know makes no site.
    assert.equal((await brokenAnchors({ 'site/config.toml': config.replace('"safe"', '"maybe"'), ...pages })).length, 8);
  });

  it('a link from outside the content folder (a README read on GitHub) keeps GitHub\'s rules', async () => {
    const readme = '# Site\n\n[settings](site/content/manual/setup.md#read-settings) and [manual](@/manual/setup.md)\n';
    assert.deepEqual(await brokenAnchors({ 'site/config.toml': 'base_url = "https://manual.example"\n', ...pages, 'README.md': readme }).then((l) => l.filter((d) => d.includes('README'))), ['link.broken-anchor@README.md:3', 'link.broken-anchor@README.md:3']);
  });

  it('a symlinked config or content folder is not read', async () => {
    const outside = tempWorkspace({ 'config.toml': 'base_url = "https://manual.example"\n' }, 'clarify-outside-');
    const linked = tempWorkspace(pages, 'clarify-zola-');
    try {
      fs.symlinkSync(`${outside}/config.toml`, `${linked}/site/config.toml`);
      assert.equal((await loadWorkspace(linked)).config.zola, undefined);
      fs.rmSync(`${linked}/site/config.toml`);
      fs.writeFileSync(`${linked}/site/config.toml`, 'base_url = "https://manual.example"\n');
      assert.deepEqual((await loadWorkspace(linked)).config.zola, [{ content: 'site/content', anchors: 'on' }]);
      fs.renameSync(`${linked}/site/content`, `${outside}/content`);
      fs.symlinkSync(`${outside}/content`, `${linked}/site/content`);
      assert.equal((await loadWorkspace(linked)).config.zola, undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it("Zola's ids: the slug crate's (lower case, runs outside [a-z0-9] one `-`), `-1` for a repeat, none from a heading beyond ASCII on", () => {
    const headings = [{ title: 'get_url' }, { title: 'Own', id: 'own' }, { title: 'Own' }, { title: 'Page  variables!' }, { title: 'Page variables' }, { title: 'Ünïcode' }, { title: 'Later' }];
    assert.deepEqual([...zolaHeadingIds(headings, 'on')], ['get-url', 'own-1', 'page-variables', 'page-variables-1']);
    assert.deepEqual([...zolaHeadingIds(headings, 'safe')], ['get_url', 'Own', 'Page__variables!', 'Page_variables', 'Ünïcode', 'Later']);
  });
});

describe('Obsidian vaults: links that work where the vault is read', () => {
  const brokenAnchors = async (files: Record<string, string>): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-vault-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code === 'link.broken-anchor')).sort();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A vault of notes: a Markdown link names a heading by its text (`#Pump%20limits`), a subheading after its heading,
  // a block by its `^id`; a path may be from the vault's folder or just the note's name (Obsidian's shortest path).
  const notes = {
    'Hardware/Pumps.md': '# Pumps\n\n## Pump limits\n\n### Night mode\n\nThe pump stops at 80 °C. ^stop-rule\n\n> A quoted warning.\n\n^quoted\n\n`inline ^code`\n',
    'Daily/2024-05-01.md': [
      '# Log',
      '',
      '- [limits](../Hardware/Pumps.md#Pump%20limits), [night](../Hardware/Pumps.md#Pump%20limits#Night%20mode)',
      '- [rule](../Hardware/Pumps.md#^stop-rule), [quote](../Hardware/Pumps.md#^quoted)',
      '- [by name](Pumps.md#Pump%20limits), [from the vault](Hardware/Pumps.md), [here](#Log)',
      '- [case](../Hardware/Pumps.md#pump%20LIMITS), [gone](../Hardware/Pumps.md#Valve%20limits), [code](../Hardware/Pumps.md#^code)',
      '- [moved](../Old/Pumps.md), [nowhere](Valves.md), [missing block](Pumps.md#^nope)',
      '',
    ].join('\n'),
  };
  const stillBroken = [
    'link.broken-anchor@Daily/2024-05-01.md:6', 'link.broken-anchor@Daily/2024-05-01.md:6', 'link.broken-anchor@Daily/2024-05-01.md:6',
    'link.broken-anchor@Daily/2024-05-01.md:7', 'link.broken-anchor@Daily/2024-05-01.md:7', 'link.broken-anchor@Daily/2024-05-01.md:7',
  ];

  it('with `.obsidian/`: heading text, subheadings, block ids, vault paths and shortest paths resolve; the rest is still broken', async () => {
    assert.deepEqual(await brokenAnchors({ '.obsidian/app.json': '{}\n', ...notes }), stillBroken);
  });

  it('without `.obsidian/` (read on GitHub): the same links are broken (all but `#Log`, which reaches `# Log` there too)', async () => {
    assert.equal((await brokenAnchors(notes)).length, 12);
  });

  it('a vault in a subfolder is read as a vault; a link from outside it keeps GitHub\'s rules', async () => {
    const nested = Object.fromEntries(Object.entries(notes).map(([k, v]) => [`vault/${k}`, v]));
    const readme = '# Notes\n\n[limits](vault/Hardware/Pumps.md#Pump%20limits) and [name](Pumps.md)\n';
    const out = await brokenAnchors({ 'vault/.obsidian/app.json': '{}\n', ...nested, 'README.md': readme });
    assert.deepEqual(out, [...stillBroken.map((d) => d.replace('@', '@vault/')), 'link.broken-anchor@README.md:3', 'link.broken-anchor@README.md:3'].sort());
  });

  it('a symlinked `.obsidian` or a `.obsidian` file is no vault', async () => {
    const outside = tempWorkspace({ '.obsidian/app.json': '{}\n' }, 'clarify-outside-');
    const linked = tempWorkspace(notes, 'clarify-vault-');
    try {
      fs.symlinkSync(`${outside}/.obsidian`, `${linked}/.obsidian`);
      assert.equal((await loadWorkspace(linked)).config.obsidian, undefined);
      fs.rmSync(`${linked}/.obsidian`);
      fs.writeFileSync(`${linked}/.obsidian`, '{}\n');
      assert.equal((await loadWorkspace(linked)).config.obsidian, undefined);
      fs.rmSync(`${linked}/.obsidian`);
      fs.mkdirSync(`${linked}/.obsidian`);
      assert.deepEqual((await loadWorkspace(linked)).config.obsidian, ['']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it("Obsidian's heading links: the heading's text exactly, each part of a subheading link a heading", () => {
    const headings = [{ title: 'Pump limits' }, { title: 'Night mode' }];
    assert.equal(obsidianHeadingLink(headings, 'Pump limits'), true);
    assert.equal(obsidianHeadingLink(headings, 'Pump limits#Night mode'), true);
    assert.equal(obsidianHeadingLink(headings, 'pump limits'), false);
    assert.equal(obsidianHeadingLink(headings, 'Pump limits '), false);
    assert.equal(obsidianHeadingLink(headings, 'Pump limits#'), false);
    assert.equal(obsidianHeadingLink(headings, 'Pump limits#Day mode'), false);
  });

  it('block ids: `^id` ending a line after a blank or alone, of letters, digits and dashes; not in code, not glued to a word', () => {
    const text = 'Text. ^a-1\n\n^b2\n\nx^c\n\nNot ^d_e\n\n```\ncode ^f\n```\n\n`span ^g`\n\nTrailing ^h  \n';
    assert.deepEqual(explicitTargetsOf(text)?.blocks, ['a-1', 'b2', 'h']);
    // A page whose only carets are footnote references is not read line by line (the cheap prefilter): no targets.
    assert.equal(explicitTargetsOf('Idle sessions expire[^au3f] and locks[^lk2].\n\n[^au3f]: Thirty minutes.\n'), undefined);
    assert.deepEqual(explicitTargetsOf('^top\n\nText.')?.blocks, ['top']);
    assert.deepEqual(explicitTargetsOf('Text.\t^tab')?.blocks, ['tab']);
  });
});

describe('DocFX projects: `~/` links, tab headings and block includes where the project is published [^tr36d]', () => {
  const brokenAnchors = async (files: Record<string, string>): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-docfx-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code === 'link.broken-anchor')).sort();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const config = '{\n  "build": {\n    "content": [{ "files": ["**/*.md"], "exclude": ["**/includes/**"] }]\n  }\n}\n';
  // A guide of a manual kept as DocFX keeps it: a tab group, a link from the project's folder, a pasted fragment.
  const guide = [
    '# Pump setup',
    '',
    '# [Windows](#tab/windows)',
    '',
    'Run the installer.',
    '',
    '# [macOS](#tab/macos/arm64)',
    '',
    'Open the package.',
    '',
    '---',
    '',
    'See [valves](~/parts/valves.md#valve-limits), [the seal](#replace-the-seal) and [a tab](#tab/windows).',
    '[gone page](~/parts/filters.md) and [gone heading](~/parts/valves.md#no-such-limit).',
    '',
    '[!INCLUDE [Seal steps](../includes/seal.md)]',
    '',
    '```md',
    '[!INCLUDE [shown only](../includes/shown.md)]',
    '```',
    '',
    'Not pasted here: [shown](#shown-heading).',
    '',
  ].join('\n');
  const pages = {
    'manual/guides/setup.md': guide,
    'manual/parts/valves.md': '# Valves\n\n## Valve limits\n\nText.\n',
    'manual/includes/seal.md': '## Replace the seal\n\nBack to [the top](#pump-setup) and [the tabs](#tab/linux).\n',
    'manual/includes/shown.md': '## Shown heading\n',
  };
  const at = (line: number, file = 'manual/guides/setup.md'): string => `link.broken-anchor@${file}:${line}`;

  it('a page of a DocFX project: `~/` is the project folder, a link-only heading to `#tab/…` is a tab, a block include is part of the page', async () => {
    // Without docfx.json (the pages read on GitHub): the tab headings, the `~/` links and the included heading are broken.
    assert.deepEqual(await brokenAnchors(pages), [at(3), at(7), at(13), at(13), at(13), at(14), at(14), at(22), at(3, 'manual/includes/seal.md'), at(3, 'manual/includes/seal.md')].sort());
    // With manual/docfx.json: the missing page, the missing heading, a `#tab/` link outside a heading, a heading of a
    // fragment pasted only as code, and a fragment's link to a tab that is no heading of the page are left.
    const left = [at(13), at(14), at(14), at(22), at(3, 'manual/includes/seal.md')].sort();
    assert.deepEqual(await brokenAnchors({ 'manual/docfx.json': config, ...pages }), left);
    // A byte order mark before the JSON (as some editors save it) is read.
    assert.deepEqual(await brokenAnchors({ 'manual/docfx.json': `\uFEFF${config}`, ...pages }), left);
  });

  it('a docfx.json that builds nothing, or is not JSON, makes no project', async () => {
    const without = (await brokenAnchors(pages)).length;
    assert.equal((await brokenAnchors({ 'manual/docfx.json': '{ "metadata": [{ "src": [] }] }\n', ...pages })).length, without);
    assert.equal((await brokenAnchors({ 'manual/docfx.json': '{ "build": [] }\n', ...pages })).length, without);
    assert.equal((await brokenAnchors({ 'manual/docfx.json': '{ "build": {\n', ...pages })).length, without);
  });

  it('a tab heading needs the link alone, and an include needs its line alone, as DocFX reads them', async () => {
    const page = [
      '# Page',
      '',
      '## Steps [Windows](#tab/windows)',
      '',
      'Text [!INCLUDE [inline](../includes/seal.md)]',
      '',
      ' [!INCLUDE [indented](../includes/seal.md)]',
      '',
      'See [the seal](#replace-the-seal).',
      '',
    ].join('\n');
    const files = { 'manual/docfx.json': config, 'manual/guides/page.md': page, 'manual/includes/seal.md': '## Replace the seal\n' };
    assert.deepEqual(await brokenAnchors(files), [at(3, 'manual/guides/page.md'), at(9, 'manual/guides/page.md')]);
  });

  it("in the editor, a page's block includes are its own facts: an include added, its fragment edited, then dropped", () => {
    const page = (include: string): string => `# Pump setup\n\nSee [the seal](#replace-the-seal).\n\n${include}`;
    const files = {
      'manual/guides/setup.md': page(''),
      'manual/includes/seal.md': '## Replace the seal\n',
      'notes/setup.md': page('[!INCLUDE [Seal](../manual/includes/seal.md)]\n'),
    };
    const index = memoryWorkspace(files, { docfx: ['manual'] });
    const broken = editorsBrokenAnchors(index);
    assert.deepEqual(broken(), ['link.broken-anchor@manual/guides/setup.md:3', 'link.broken-anchor@notes/setup.md:3']);
    // Read only on a page of the project: a page outside it keeps GitHub's reading.
    assert.equal(index.factsOf('notes/setup.md')?.spec?.docfxIncludes, undefined);
    index.updateFile('manual/guides/setup.md', page('[!INCLUDE [Seal](../includes/seal.md)]\n'), true);
    assert.deepEqual(broken(), ['link.broken-anchor@notes/setup.md:3']);
    assert.deepEqual(index.factsOf('manual/guides/setup.md')?.spec?.docfxIncludes, ['../includes/seal.md']);
    // The fragment's heading renamed: the page has the new id only.
    index.updateFile('manual/includes/seal.md', '## Change the seal\n', true);
    assert.deepEqual(broken(), ['link.broken-anchor@manual/guides/setup.md:3', 'link.broken-anchor@notes/setup.md:3']);
    index.updateFile('manual/includes/seal.md', '## Replace the seal\n', true);
    assert.deepEqual(broken(), ['link.broken-anchor@notes/setup.md:3']);
    // The include dropped (`~/` from the project folder, then none): equal to a fresh index of the same files.
    index.updateFile('manual/guides/setup.md', page('[!include[Seal](~/includes/seal.md)]\n'), true);
    assert.deepEqual(broken(), ['link.broken-anchor@notes/setup.md:3']);
    index.updateFile('manual/guides/setup.md', page(''), true);
    assert.deepEqual(broken(), ['link.broken-anchor@manual/guides/setup.md:3', 'link.broken-anchor@notes/setup.md:3']);
    const fresh = memoryWorkspace(files, { docfx: ['manual'] });
    assert.deepEqual(broken(), brief(diagnosticsOf(fresh).filter((d) => d.code === 'link.broken-anchor')));
  });

  it('a link from outside the project (a README read on GitHub) keeps GitHub\'s rules', async () => {
    const readme = '# Manual\n\n[valves](~/parts/valves.md)\n\n# [Windows](#tab/windows)\n';
    assert.deepEqual(await brokenAnchors({ 'manual/docfx.json': config, ...pages, 'README.md': readme }).then((l) => l.filter((d) => d.includes('README'))), ['link.broken-anchor@README.md:3', 'link.broken-anchor@README.md:5']);
  });

  it('a symlinked docfx.json is not read', async () => {
    const outside = tempWorkspace({ 'docfx.json': config }, 'clarify-outside-');
    const linked = tempWorkspace(pages, 'clarify-docfx-');
    try {
      fs.symlinkSync(`${outside}/docfx.json`, `${linked}/manual/docfx.json`);
      assert.equal((await loadWorkspace(linked)).config.docfx, undefined);
      fs.rmSync(`${linked}/manual/docfx.json`);
      fs.writeFileSync(`${linked}/manual/docfx.json`, config);
      assert.deepEqual((await loadWorkspace(linked)).config.docfx, ['manual']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });
});
