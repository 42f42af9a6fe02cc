import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { docusaurusLinkCandidates, type DocusaurusSite } from '../../server/src/core/workspace/docusaurus';
import { definition } from '../../server/src/core/features/navigation';
import { docusaurusSites, loadWorkspace, siteScopes } from '../../server/src/io/workspace';
import { tempWorkspace } from '../helpers/cli';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

/**
 * Docusaurus reads a `.md` link of a docs page that does not start with `./` or `../` from the content folder of the
 * page's own version first (its translation's folder before it), then from the site folder, then beside the page; a
 * `/` link never beside the page [^ln9d]. A trust sweep found 58 false "does not exist" errors on a site kept in
 * `website/` with four versions, and 4 on another: `[x](topics/y.md)` written on `docs/guide/z.md` for `docs/topics/y.md`.
 */
describe('Docusaurus: a docs page links from its content folder [^ln9d]', () => {
  const site: DocusaurusSite = { dir: 'site', docs: 'site/docs', versions: ['3.1'] };

  it('lists the files Docusaurus tries, in its order', () => {
    assert.deepEqual(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', 'topics/colours.md'), ['site/docs/topics/colours.md', 'site/docs/guide/topics/colours.md']);
    // A versioned page: its own version's folder, not the current docs.
    assert.deepEqual(docusaurusLinkCandidates([site], 'site/versioned_docs/version-3.1/guide/intro.md', 'topics/colours.md'), ['site/versioned_docs/version-3.1/topics/colours.md', 'site/versioned_docs/version-3.1/guide/topics/colours.md']);
    // A translated page: the translation's folder, then the version's.
    assert.deepEqual(docusaurusLinkCandidates([site], 'site/i18n/fr/docusaurus-plugin-content-docs/current/guide/intro.md', 'topics/colours.md'), [
      'site/i18n/fr/docusaurus-plugin-content-docs/current/topics/colours.md',
      'site/docs/topics/colours.md',
      'site/i18n/fr/docusaurus-plugin-content-docs/current/guide/topics/colours.md',
    ]);
    // The site folder, when the link names a docs page from there.
    assert.deepEqual(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', 'docs/topics/colours.md'), ['site/docs/docs/topics/colours.md', 'site/docs/topics/colours.md', 'site/docs/guide/docs/topics/colours.md']);
    // Not a file outside the docs (the blog is another plugin's).
    assert.deepEqual(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', 'blog/launch.md'), ['site/docs/blog/launch.md', 'site/docs/guide/blog/launch.md']);
    // `/`: the content folder and the site folder, never the page's folder.
    assert.deepEqual(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', '/topics/colours.md'), ['site/docs/topics/colours.md']);
    // Not Docusaurus's to resolve: a `./` or `../` link, a link to no Markdown file, a page outside the docs, a version
    // versions.json does not list.
    assert.equal(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', './topics/colours.md'), undefined);
    assert.equal(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', '../topics/colours.md'), undefined);
    assert.equal(docusaurusLinkCandidates([site], 'site/docs/guide/intro.md', 'topics/palette.png'), undefined);
    assert.equal(docusaurusLinkCandidates([site], 'site/blog/launch.md', 'topics/colours.md'), undefined);
    assert.equal(docusaurusLinkCandidates([site], 'README.md', 'site/docs/topics/colours.md'), undefined);
    assert.equal(docusaurusLinkCandidates([site], 'site/versioned_docs/version-2.0/guide/intro.md', 'topics/colours.md'), undefined);
  });

  const colours = '# Colours\n\n## Warm tones {#warm-tones}\n\nRed and orange.\n';
  const files = {
    'site/docs/topics/colours.md': colours,
    'site/docs/guide/intro.md': '# Intro\n\nPick one of the [warm tones](topics/colours.md#warm-tones).\n',
    'site/docs/guide/typo.md': '# Typo\n\nPick one of the [warm tones](topics/colours.md#warm-tone).\n',
    'site/docs/guide/dotted.md': '# Dotted\n\nWritten with a dot, [this link](./topics/colours.md) is relative to this page only.\n',
    'site/docs/guide/nowhere.md': '# Nowhere\n\nSee [the sizes](topics/sizes.md).\n',
    'site/versioned_docs/version-3.1/topics/colours.md': '# Colours\n\n## Warm tones\n\nRed.\n',
    'site/versioned_docs/version-3.1/guide/intro.md': '# Intro\n\nPick one of the [warm tones](topics/colours.md#warm-tones).\n',
    'README.md': '# Readme\n\nThe [colours](topics/colours.md) page.\n',
  };

  it('finds a bare link in the version\'s content folder; `./`, a missing file and a page outside the site stay broken', () => {
    const index = memoryWorkspace(files, { docusaurus: [site] });
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor')), [
      'link.broken-anchor@README.md:3',
      'link.broken-anchor@site/docs/guide/dotted.md:3',
      'link.broken-anchor@site/docs/guide/nowhere.md:3',
      'link.broken-anchor@site/docs/guide/typo.md:3',
    ]);
    const messages = diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor').map((d) => d.message);
    // Found nowhere: named beside the page, as any link is.
    assert.ok(messages.includes('Broken link `topics/sizes.md`: site/docs/guide/topics/sizes.md does not exist.'), messages.join('\n'));
    // The anchor is judged in the file the link reaches, and its quick fix offers that file's id.
    const typo = diagnosticsOf(index).find((d) => d.file === 'site/docs/guide/typo.md')!;
    assert.equal(typo.message, 'Broken link `topics/colours.md#warm-tone`: no heading or {#warm-tone} in site/docs/topics/colours.md; did you mean `#warm-tones`?');
    assert.equal(typo.data?.['suggestion'], 'warm-tones');
    // Without the site, every bare link is relative to its page.
    assert.equal(diagnosticsOf(memoryWorkspace(files)).filter((d) => d.code === 'link.broken-anchor').length, 6);
  });

  it('goes to the heading the link reaches (definition)', () => {
    const index = memoryWorkspace(files, { docusaurus: [site] });
    const at = { line: 2, character: 45 };
    assert.deepEqual(definition(index, 'site/docs/guide/intro.md', at).map((l) => `${l.file}:${l.range.start.line + 1}`), ['site/docs/topics/colours.md:3']);
  });

  it('finds the sites in the folder or below it, with the docs folder and versions their files give', () => {
    const dir = tempWorkspace(
      {
        'website/docusaurus.config.js': "module.exports = {\n  presets: [['classic', {\n    \"docs\": { sidebarPath: require.resolve('./sidebars.js'), versions: { current: { path: 'next' } }, \"path\": './manual' },\n  }]],\n};\n",
        'website/versions.json': '["2.0", "1.0"]\n',
        'off/docusaurus.config.ts': 'export default { presets: [["classic", { docs: false, blog: {} }]] };\n',
        'computed/docusaurus.config.mjs': 'export default { presets: [["classic", { docs: { path: folder } }]] };\n',
        'plain/docusaurus.config.js': 'module.exports = { title: "Plain" };\n',
      },
      'clarify-docusaurus-',
    );
    try {
      assert.deepEqual(docusaurusSites(dir), [
        { dir: 'computed', versions: [] },
        { dir: 'off', versions: [] },
        { dir: 'plain', docs: 'plain/docs', versions: [] },
        { dir: 'website', docs: 'website/manual', versions: ['2.0', '1.0'] },
      ]);
      assert.deepEqual(
        siteScopes(dir).map((s) => s.pattern),
        ['computed/docs/**', 'computed/blog/**', 'off/docs/**', 'off/blog/**', 'plain/docs/**', 'plain/blog/**', 'website/manual/**', 'website/docs/**', 'website/blog/**', 'website/versioned_docs/version-2.0/**', 'website/versioned_docs/version-1.0/**'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // A config that is a symlink is not read (it may point outside the workspace).
    const outside = tempWorkspace({ 'docusaurus.config.js': 'module.exports = { presets: [["classic", { docs: { path: "pages" } }]] };\n' }, 'clarify-outside-');
    const linked = tempWorkspace({}, 'clarify-docusaurus-');
    try {
      fs.symlinkSync(`${outside}/docusaurus.config.js`, `${linked}/docusaurus.config.js`);
      assert.deepEqual(docusaurusSites(linked), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it('checks a site kept in a subfolder as Docusaurus builds it', async () => {
    const dir = tempWorkspace(
      {
        'website/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { sidebarPath: require.resolve('./sidebars.js') } }]] };\n",
        'website/versions.json': '["3.1"]\n',
        ...Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith('site/')).map(([p, t]) => [p.replace(/^site\//, 'website/'), t])),
      },
      'clarify-docusaurus-',
    );
    try {
      const ws = await loadWorkspace(dir);
      assert.deepEqual(brief(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.severity === 'error')), [
        'link.broken-anchor@website/docs/guide/dotted.md:3',
        'link.broken-anchor@website/docs/guide/nowhere.md:3',
        'link.broken-anchor@website/docs/guide/typo.md:3',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * A docs folder beside the site folder: facebook/react-native-website keeps its config in `website/` with
   * `path: '../docs'` (versions in `website/versioned_docs/`), which the loader refused, so the site was checked as
   * plain Markdown: 33 false "does not exist" errors, a `view.md` link of `docs/legacy/` that Docusaurus finds in the
   * docs folder.
   */
  it('reads a docs path that leaves the site folder but stays in the workspace', () => {
    const config = (path: string): string => `module.exports = { presets: [['classic', { docs: { path: '${path}' } }]] };\n`;
    const dir = tempWorkspace(
      {
        'website/docusaurus.config.js': config('../docs'),
        'website/versions.json': '["1.0"]\n',
        'sites/web/docusaurus.config.js': config('../../manual/'),
        'sites/beside/docusaurus.config.js': config('./../pages/../book'),
        'root/docusaurus.config.js': config('../..'),
        'parent/docusaurus.config.js': config('..'),
        'escape/docusaurus.config.js': config('../../docs'),
        'nested/in/docusaurus.config.js': config('..'),
        'nested/up/docusaurus.config.js': config('../../nested'),
        'docusaurus.config.js': config('../docs'),
      },
      'clarify-docusaurus-beside-',
    );
    try {
      assert.deepEqual(docusaurusSites(dir).sort((a, b) => (a.dir < b.dir ? -1 : 1)), [
        // At the root, `../docs` leaves the workspace: the docs folder is unknown, as before.
        { dir: '', versions: [] },
        { dir: 'escape', versions: [] },
        // The folder holding the site folder (its blog, its versions) is not a docs folder the tool reads.
        { dir: 'nested/in', versions: [] },
        { dir: 'nested/up', versions: [] },
        { dir: 'parent', versions: [] },
        { dir: 'root', versions: [] },
        { dir: 'sites/beside', docs: 'sites/book', versions: [] },
        { dir: 'sites/web', docs: 'manual', versions: [] },
        { dir: 'website', docs: 'docs', versions: ['1.0'] },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a site whose docs folder is beside it as Docusaurus builds it, its versions and partials too', async () => {
    const view = '# View\n\n## Props\n\n### `onLayout`\n\nCalled on layout.\n';
    const handles = '# Handles\n\nSee [`onLayout`](view.md#onlayout) and [a prop it lacks](view.md#onresize).\n';
    const dir = tempWorkspace(
      {
        'website/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { path: '../docs', sidebarPath: require.resolve('./sidebars') } }]] };\n",
        'website/versions.json': '["1.0"]\n',
        'docs/view.md': view,
        'docs/legacy/handles.md': handles,
        'docs/setup.md': "# Setup\n\nimport Steps from './_steps.mdx';\n\n<Steps />\n",
        'docs/_steps.mdx': '## 6. Try it out\n\nRun the app.\n',
        'docs/network.md': '# Network\n\nOnce set up, [try it out](setup.md#6-try-it-out).\n',
        'website/versioned_docs/version-1.0/view.md': view,
        'website/versioned_docs/version-1.0/legacy/handles.md': handles,
        'website/blog/launch.md': '# Launch\n\nRead [the view](../../docs/view.md#onlayout).\n',
      },
      'clarify-docusaurus-beside-',
    );
    try {
      const ws = await loadWorkspace(dir);
      assert.deepEqual(ws.config.docusaurus, [{ dir: 'website', docs: 'docs', versions: ['1.0'] }]);
      assert.ok(ws.index.model().specFiles.includes('docs/_steps.mdx'));
      const errors = computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.severity === 'error');
      // Only the anchor that is missing on the built site too, in each version.
      assert.deepEqual(
        errors.map((d) => `${d.file}:${d.range.start.line + 1} ${d.message}`),
        [
          'docs/legacy/handles.md:3 Broken link `view.md#onresize`: no heading or {#onresize} in docs/view.md.',
          'website/versioned_docs/version-1.0/legacy/handles.md:3 Broken link `view.md#onresize`: no heading or {#onresize} in website/versioned_docs/version-1.0/view.md.',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads no page through a docs folder that is a symlink out of the workspace', async () => {
    const outside = tempWorkspace({ 'view.md': '# View\n\nSee [nothing](missing.md).\n' }, 'clarify-outside-');
    const dir = tempWorkspace({ 'website/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { path: '../docs' } }]] };\n" }, 'clarify-docusaurus-beside-');
    try {
      fs.symlinkSync(outside, `${dir}/docs`);
      const ws = await loadWorkspace(dir);
      assert.deepEqual(ws.index.model().specFiles.filter((f) => f.startsWith('docs/')), []);
      assert.deepEqual(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.severity === 'error'), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
