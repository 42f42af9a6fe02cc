import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { docusaurusLinkCandidates, mdxPageSite, type DocusaurusSite } from '../../server/src/core/workspace/docusaurus';
import { docusaurusSites, loadWorkspace, siteScopes } from '../../server/src/io/workspace';
import { tempWorkspace } from '../helpers/cli';
import { brief } from '../helpers/workspace';

/**
 * A Docusaurus site may have more docs plugin instances than the preset's (`plugins: [['content-docs', { id:
 * 'community', path: 'community' }]]`), and each docs plugin leaves out the files its `exclude` globs match [^ln9d]. A
 * trust sweep: a site's second instance (`unversioned/`) had 16 false "does not exist" errors, links Docusaurus reads
 * from that instance's folder; a site with two versioned instances had 41,442 false duplicate-id errors, the `{#id}`s
 * of separate pages of those instances and their versions.
 */
describe('Docusaurus: docs plugin instances and their exclude globs [^ln9d]', () => {
  const config = [
    "const shared = { showLastUpdateTime: true, exclude: ['**/drafts/**'] };",
    'module.exports = {',
    "  presets: [['classic', { docs: { path: 'guide', exclude: ['**/*.wip.md', '**/{a,b}/*.md'] }, blog: false }]],",
    '  plugins: [',
    "    'sass',",
    "    ['@docusaurus/plugin-content-docs', { id: 'community', path: 'community', routeBasePath: 'community' }],",
    "    ['content-docs', /* the handbook */ ({ id: \"handbook\", path: './team/handbook', ...shared })],",
    "    [require.resolve('@docusaurus/plugin-content-docs'), { id: 'api', path: 'api', exclude: excluded }],",
    "    // ['content-docs', { id: 'old', path: 'old' }],",
    "    ['content-docs', { id: 'computed', path: folder }],",
    "    ['content-docs', { id: name, path: 'named' }],",
    "    ['content-docs', { id: 'spread', path: 'spread', ...elsewhere }],",
    "    ['content-docs', { id: 'outside', path: '../../elsewhere' }],",
    "    ['content-docs', { id: 'community', path: 'again' }],",
    '  ],',
    '};',
    '',
  ].join('\n');

  it('reads each instance the plugins list gives with literal options, its versions and exclude globs', () => {
    const dir = tempWorkspace(
      {
        'site/docusaurus.config.js': config,
        'site/versions.json': '["1.0"]\n',
        'site/community_versions.json': '["2.0", "../up"]\n',
        // No preset: a plugin instance without an id (or `default`) is the default one.
        'plain/docusaurus.config.ts': "export default { plugins: [['@docusaurus/plugin-content-docs', { path: 'manual' }]] };\n",
        'off/docusaurus.config.ts': "export default { presets: [['classic', { docs: false }]], plugins: [['content-docs', { id: 'default', path: 'book' }]] };\n",
      },
      'clarify-docusaurus-instances-',
    );
    try {
      assert.deepEqual(docusaurusSites(dir), [
        { dir: 'off', docs: 'off/book', versions: [] },
        { dir: 'plain', docs: 'plain/manual', versions: [] },
        { dir: 'site', docs: 'site/guide', versions: ['1.0'], exclude: ['**/*.wip.md', '**/{a,b}/*.md'] },
        { dir: 'site', docs: 'site/community', versions: ['2.0'], id: 'community' },
        // Through the spread of an object the config writes; an `exclude` it cannot read excludes nothing.
        { dir: 'site', docs: 'site/team/handbook', versions: [], id: 'handbook', exclude: ['**/drafts/**'] },
        { dir: 'site', docs: 'site/api', versions: [], id: 'api', exclude: [] },
      ]);
      assert.deepEqual(
        siteScopes(dir).map((s) => s.pattern),
        [
          'off/book/**',
          'off/docs/**',
          'off/blog/**',
          'plain/manual/**',
          'plain/docs/**',
          'plain/blog/**',
          'site/guide/**',
          'site/docs/**',
          'site/blog/**',
          'site/versioned_docs/version-1.0/**',
          'site/community/**',
          'site/community_versioned_docs/version-2.0/**',
          'site/team/handbook/**',
          'site/api/**',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads nothing it cannot be sure of from a config that does not parse', () => {
    const dir = tempWorkspace(
      {
        'a/docusaurus.config.js': "module.exports = { plugins: [['content-docs', { id: 'x', path: 'y', exclude: ['z',",
        'b/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { path: 'x'",
        'c/docusaurus.config.js': "const a = { ...a }; module.exports = { plugins: [['content-docs', { ...a, id: 'q', path: 'p' }]] /* open",
        'd/docusaurus.config.js': "`${ ' \" /* ['content-docs', {",
      },
      'clarify-docusaurus-instances-',
    );
    try {
      assert.deepEqual(docusaurusSites(dir), [
        { dir: 'a', docs: 'a/docs', versions: [] },
        { dir: 'b', versions: [] },
        // Set after a spread the tool cannot read: known; what the spread may set (`exclude`) is not.
        { dir: 'c', docs: 'c/docs', versions: [] },
        { dir: 'c', docs: 'c/p', versions: [], id: 'q', exclude: [] },
        { dir: 'd', docs: 'd/docs', versions: [] },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the files Docusaurus tries for a page of another instance, never a file its exclude globs leave out', () => {
    const guide: DocusaurusSite = { dir: 'site', docs: 'site/guide', versions: [] };
    const community: DocusaurusSite = { dir: 'site', docs: 'site/community', versions: ['2.0'], id: 'community' };
    const sites = [guide, community];
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/community/meet/intro.md', 'topics/chat.md'), ['site/community/topics/chat.md', 'site/community/meet/topics/chat.md']);
    // Its versions and translations are in folders named by its id.
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/community_versioned_docs/version-2.0/meet/intro.md', 'topics/chat.md'), [
      'site/community_versioned_docs/version-2.0/topics/chat.md',
      'site/community_versioned_docs/version-2.0/meet/topics/chat.md',
    ]);
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/i18n/fr/docusaurus-plugin-content-docs-community/current/meet/intro.md', 'topics/chat.md'), [
      'site/i18n/fr/docusaurus-plugin-content-docs-community/current/topics/chat.md',
      'site/community/topics/chat.md',
      'site/i18n/fr/docusaurus-plugin-content-docs-community/current/meet/topics/chat.md',
    ]);
    // Not the default instance's versions, nor another instance's page from the site folder.
    assert.equal(docusaurusLinkCandidates(sites, 'site/versioned_docs/version-2.0/meet/intro.md', 'topics/chat.md'), undefined);
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/community/meet/intro.md', 'guide/setup.md'), ['site/community/guide/setup.md', 'site/community/meet/guide/setup.md']);
    // Docusaurus's default exclude: `_`-files and `_`-folders are no pages (partials): only beside the page.
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/guide/a/intro.md', '_shared.md'), ['site/guide/a/_shared.md']);
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/guide/a/intro.md', '_parts/steps.md'), ['site/guide/a/_parts/steps.md']);
    assert.deepEqual(docusaurusLinkCandidates(sites, 'site/guide/a/intro.md', 'b/_c.md'), ['site/guide/a/b/_c.md']);
    // A config's own list replaces the defaults; one the tool cannot read (`[]`) excludes nothing.
    const own: DocusaurusSite = { ...guide, exclude: ['**/*.partial.md'] };
    assert.deepEqual(docusaurusLinkCandidates([own], 'site/guide/a/intro.md', '_shared.md'), ['site/guide/_shared.md', 'site/guide/a/_shared.md']);
    assert.deepEqual(docusaurusLinkCandidates([own], 'site/guide/a/intro.md', 'x/steps.partial.md'), ['site/guide/a/x/steps.partial.md']);
    assert.deepEqual(docusaurusLinkCandidates([{ ...guide, exclude: [] }], 'site/guide/a/intro.md', '_shared.md'), ['site/guide/_shared.md', 'site/guide/a/_shared.md']);
    // A page of an instance is an MDX page of that instance.
    assert.equal(mdxPageSite(sites, 'site/community/meet/intro.md'), community);
    assert.equal(mdxPageSite(sites, 'site/guide/intro.md'), guide);
    assert.equal(mdxPageSite(sites, 'site/blog/launch.md'), guide);
  });

  it('checks the pages of every instance as Docusaurus builds them', async () => {
    const chat = '# Chat {#chat}\n\n## Rules {#rules}\n\nBe kind.\n';
    const dir = tempWorkspace(
      {
        'website/docusaurus.config.js': [
          'module.exports = {',
          "  presets: [['classic', { docs: { sidebarPath: require.resolve('./sidebars.js') } }]],",
          "  plugins: [['content-docs', { id: 'community', path: 'community', routeBasePath: 'community' }]],",
          '};',
          '',
        ].join('\n'),
        'website/community_versions.json': '["1.0"]\n',
        'website/community/topics/chat.md': chat,
        'website/community/topics/meetups.md': '# Meetups {#meetups}\n\n## Rules {#rules}\n\nBe on time.\n',
        'website/community/meet/intro.md': '# Intro\n\nRead [the rules](topics/chat.md#rules), then [the missing page](topics/forum.md).\n',
        'website/community/meet/partial.md': '# Partial\n\nNot a page Docusaurus links to: [the notes](notes/_draft.md).\n',
        'website/community/notes/_draft.md': '# Draft\n',
        'website/community_versioned_docs/version-1.0/topics/chat.md': chat,
        'website/community_versioned_docs/version-1.0/meet/intro.md': '# Intro\n\nRead [the rules](topics/chat.md#rule).\n',
        'website/docs/topics/setup.md': '# Setup {#setup}\n\n## Rules {#rules}\n\nInstall it.\n',
      },
      'clarify-docusaurus-instances-',
    );
    try {
      const ws = await loadWorkspace(dir);
      const errors = computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.severity === 'error');
      // `{#rules}` on four pages is no duplicate; links resolve from the instance's own folder (each version's).
      assert.deepEqual(brief(errors), [
        'link.broken-anchor@website/community/meet/intro.md:3',
        'link.broken-anchor@website/community/meet/partial.md:3',
        'link.broken-anchor@website/community_versioned_docs/version-1.0/meet/intro.md:3',
      ]);
      assert.deepEqual(
        errors.map((d) => d.message),
        [
          'Broken link `topics/forum.md`: website/community/meet/topics/forum.md does not exist.',
          // An excluded file is no page: Docusaurus leaves the link as written, relative to the page.
          'Broken link `notes/_draft.md`: website/community/meet/notes/_draft.md does not exist.',
          'Broken link `topics/chat.md#rule`: no heading or {#rule} in website/community_versioned_docs/version-1.0/topics/chat.md; did you mean `#rules`?',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
