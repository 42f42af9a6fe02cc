import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { mdxHeadingTitles, mdxImportsOf } from '../../server/src/core/markdown/mdxImports';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { docusaurusImportPages, mdxPageSite, type DocusaurusSite } from '../../server/src/core/workspace/docusaurus';
import { docusaurusSites, loadWorkspace, readConfig } from '../../server/src/io/workspace';
import { tempWorkspace } from '../helpers/cli';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

/**
 * Docusaurus compiles its pages as MDX [^ln9x]. A page that imports a Markdown partial and renders it has the
 * partial's headings (a trust sweep: 5 false errors on a site whose settings page renders five `_*.mdx` partials), and
 * a heading after a `<details>` element is a heading (2 false errors on a site whose page shows a code sample in one).
 */
describe('Docusaurus: MDX pages [^ln9x]', () => {
  describe('the partials a page imports and renders', () => {
    it('reads default imports of Markdown files in ESM blocks that the page renders', () => {
      const page = [
        '---',
        'title: Flags',
        '---',
        "import Tabs from '@theme/Tabs';",
        "import RetryFlags from './_retry.mdx';",
        'import {',
        '  helper,',
        "} from '../shared/_helpers.mdx';",
        "import Shared, { x } from '@site/snippets/_shared.md'",
        "import Unused from './_unused.mdx';",
        "import Escaped from './\\_escaped.md';",
        '',
        '# Flags',
        '',
        '<RetryFlags />',
        '<Shared/>',
        '<Escaped>',
        '</Escaped>',
        '',
      ].join('\n');
      // A named import is no content; an import the page never renders adds nothing.
      assert.deepEqual(mdxImportsOf(page), ['./_retry.mdx', '@site/snippets/_shared.md', './_escaped.md']);
    });

    it('reads no import in a fence, a comment or a paragraph, nor one rendered only in code', () => {
      const fenced = "# Page\n\n```mdx\nimport Retry from './_retry.mdx';\n\n<Retry />\n```\n";
      assert.deepEqual(mdxImportsOf(fenced), []);
      // (indented, inside an element)
      assert.deepEqual(mdxImportsOf("<div>\n  ```mdx\nimport Retry from './_retry.mdx';\n\n<Retry />\n  ```\n</div>\n"), []);
      assert.deepEqual(mdxImportsOf("# Page\n\n{/*\n\nimport Retry from './_retry.mdx';\n\n*/}\n\n<Retry />\n"), []);
      assert.deepEqual(mdxImportsOf("# Page\n\n<!--\n\nimport Retry from './_retry.mdx';\n\n-->\n\n<Retry />\n"), []);
      assert.deepEqual(mdxImportsOf("// import Retry from './_retry.mdx';\n\n<Retry />\n"), []);
      assert.deepEqual(mdxImportsOf("# Page\n\n// import Retry from './_retry.mdx';\n\n<Retry />\n"), []);
      assert.deepEqual(mdxImportsOf("import Tabs from '@theme/Tabs';\n// import Retry from './_retry.mdx';\n\n<Retry />\n"), []);
      assert.deepEqual(mdxImportsOf("Some text that goes on\nimport Retry from './_retry.mdx';\n\n<Retry />\n"), []);
      assert.deepEqual(mdxImportsOf("import Retry from './_retry.mdx';\n\nRender it with `<Retry />`.\n"), []);
      assert.deepEqual(mdxImportsOf("import Retry from './_retry.mdx';\n\n```\n<Retry />\n```\n"), []);
      // Docusaurus unwraps an `mdx-code-block` fence: its content is the page's.
      assert.deepEqual(mdxImportsOf("# Page\n\n```mdx-code-block\nimport Retry from './_retry.mdx';\n\n<Retry />\n```\n"), ['./_retry.mdx']);
    });

    const site: DocusaurusSite = { dir: 'site', docs: 'site/docs', versions: [] };
    const retry = '### --retry-count\n\nHow often to try again.\n\n### --retry-delay\n\nHow long to wait.\n';

    it('makes the page and its partials one page, through partials that import more, from the site only', () => {
      const specs = new Map<string, { mdxImports?: string[] }>([
        ['site/docs/cli/fetch.md', { mdxImports: ['../shared/_retry.mdx', './_missing.mdx', 'some-package/_x.mdx'] }],
        ['site/docs/shared/_retry.mdx', { mdxImports: ['@site/snippets/_base.md'] }],
        ['site/snippets/_base.md', { mdxImports: ['../docs/shared/_retry.mdx'] }],
        ['site/docs/cli/push.md', { mdxImports: ['../shared/_retry.mdx'] }],
        ['site/README.md', { mdxImports: ['./docs/shared/_retry.mdx'] }],
        ['other/page.md', { mdxImports: ['./_part.mdx'] }],
        ['other/_part.mdx', {}],
      ]);
      const pages = docusaurusImportPages([site], [...specs.keys()], specs);
      assert.deepEqual(Object.fromEntries(pages), {
        'site/docs/cli/fetch.md': ['site/docs/cli/fetch.md', 'site/docs/shared/_retry.mdx', 'site/snippets/_base.md'],
        'site/docs/cli/push.md': ['site/docs/cli/push.md', 'site/docs/shared/_retry.mdx', 'site/snippets/_base.md'],
        // (a partial is no page of the site, but what it imports is the page's too: listed, unused)
        'site/docs/shared/_retry.mdx': ['site/docs/shared/_retry.mdx', 'site/snippets/_base.md'],
      });
      // Ten levels at most.
      const chain = new Map<string, { mdxImports?: string[] }>();
      for (let i = 0; i < 15; i++) chain.set(`site/docs/_p${i}.mdx`, { mdxImports: [`./_p${i + 1}.mdx`] });
      chain.set('site/docs/deep.md', { mdxImports: ['./_p0.mdx'] });
      assert.equal(docusaurusImportPages([site], ['site/docs/deep.md', ...chain.keys()], chain).get('site/docs/deep.md')!.length, 11);
    });

    it('reaches a partial\'s anchors through the page, in several pages, and reads the partial\'s same-page links on it', () => {
      const files = {
        'site/docs/cli/fetch.md': "# Fetch\n\nimport RetryFlags from '../shared/_retry.mdx';\n\n## Options\n\n<RetryFlags />\n",
        'site/docs/cli/push.md': "# Push\n\nimport RetryFlags from '../shared/_retry.mdx'\n\n<RetryFlags />\n",
        'site/docs/shared/_retry.mdx': `${retry}\nSee [the options](#options).\n`,
        'site/docs/cli/shown.md': "# Shown\n\n```mdx\nimport RetryFlags from '../shared/_retry.mdx';\n\n<RetryFlags />\n```\n",
        'site/docs/guide.md': [
          '# Guide',
          '',
          '[count](cli/fetch.md#--retry-count), [delay](./cli/push.md#--retry-delay), [typo](cli/fetch.md#--retry-counts),',
          '[shown](cli/shown.md#--retry-count).',
          '',
        ].join('\n'),
      };
      const config = { docusaurus: [site], include: ['**/*.md', 'site/**/_*.mdx'] };
      assert.deepEqual(brief(diagnosticsOf(memoryWorkspace(files, config)).filter((d) => d.code === 'link.broken-anchor')), [
        'link.broken-anchor@site/docs/guide.md:3',
        'link.broken-anchor@site/docs/guide.md:4',
      ]);
      const messages = diagnosticsOf(memoryWorkspace(files, config)).filter((d) => d.code === 'link.broken-anchor').map((d) => d.message);
      assert.ok(messages.some((m) => m.startsWith('Broken link `cli/fetch.md#--retry-counts`')), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith('Broken link `cli/shown.md#--retry-count`')), messages.join('\n'));
      // An edit that stops rendering the partial (the page's imports change) takes its anchors away, and back.
      const index = memoryWorkspace(files, config);
      assert.equal(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor').length, 2);
      index.updateFile('site/docs/cli/fetch.md', "# Fetch\n\nimport RetryFlags from '../shared/_retry.mdx';\n\n## Options\n");
      // (the partial's `#options` is now read on the other page that renders it, which has no such heading)
      assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor')), [
        'link.broken-anchor@site/docs/guide.md:3',
        'link.broken-anchor@site/docs/guide.md:3',
        'link.broken-anchor@site/docs/guide.md:4',
        'link.broken-anchor@site/docs/shared/_retry.mdx:9',
      ]);
      index.updateFile('site/docs/cli/fetch.md', files['site/docs/cli/fetch.md']);
      assert.equal(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor').length, 2);
      // Outside a Docusaurus site, an import is text: the partial's anchors are not the page's.
      const plain = diagnosticsOf(memoryWorkspace(files, { include: config.include })).filter((d) => d.code === 'link.broken-anchor');
      assert.equal(plain.length, 5, brief(plain).join('\n'));
    });
  });

  describe('headings MDX reads that CommonMark hides', () => {
    const details = [
      '# Job',
      '',
      '<details>',
      '  <summary>The definition</summary>',
      '  ```python',
      '  class Job:',
      '',
      '      # where to run',
      '      workdir: str = "."',
      '  ```',
      '</details>',
      '',
      '### job.workdir',
      '',
      'Where the job runs.',
      '',
      '### Custom id {#job-custom}',
      '',
      '```yaml',
      'job:',
      '  workdir: out',
      '```',
      '',
      '### job.env_copy',
      '',
    ].join('\n');

    it('reads a heading after an element as a heading, not one in a fence', () => {
      assert.deepEqual(mdxHeadingTitles(details), ['Job', 'job.workdir', 'Custom id {#job-custom}', 'job.env_copy']);
      assert.deepEqual(mdxHeadingTitles('# Plain\n\n```\n# not a heading\n```\n\n## Two\n'), []);
      const facts = parseSpec('site/docs/job.md', details);
      // CommonMark: the lines after the blank line are code, up to the fence the indented closing line opens.
      assert.ok(!facts.anchors.has('jobworkdir'));
      assert.deepEqual(facts.mdxAnchors, ['jobworkdir', 'job-custom']);
      assert.equal(parseSpec('plain.md', '# Plain\n\n<div>\n\n## Shown\n\n</div>\n').mdxAnchors, undefined);
    });

    const site: DocusaurusSite = { dir: 'site', docs: 'site/docs', versions: [] };
    const files = {
      'site/docs/job.md': details,
      'site/docs/run.md': '# Run\n\nSee [workdir](job.md#jobworkdir), [custom](job.md#job-custom) and [nothing](job.md#jobnothing).\n',
      'site/README.md': details,
      'site/notes.md': '# Notes\n\n[workdir](README.md#jobworkdir).\n',
    };

    it('reaches such a heading on an MDX page of a site only', () => {
      assert.deepEqual(brief(diagnosticsOf(memoryWorkspace(files, { docusaurus: [site] })).filter((d) => d.code === 'link.broken-anchor')), [
        // (a file of the site folder that is no page of it)
        'link.broken-anchor@site/notes.md:3',
        'link.broken-anchor@site/docs/run.md:3',
      ].sort());
      // A site that reads `.md` as CommonMark, and no site at all: the heading is hidden.
      for (const config of [{ docusaurus: [{ ...site, commonMark: true as const }] }, {}]) {
        const broken = diagnosticsOf(memoryWorkspace(files, config)).filter((d) => d.code === 'link.broken-anchor' && d.file === 'site/docs/run.md');
        assert.equal(broken.length, 3, brief(broken).join('\n'));
      }
      assert.equal(mdxPageSite([{ ...site, commonMark: true }], 'site/docs/job.mdx')?.dir, 'site');
      assert.equal(mdxPageSite([{ ...site, commonMark: true }], 'site/docs/job.md'), undefined);
      assert.equal(mdxPageSite([site], 'site/blog/2024/launch.md')?.dir, 'site');
      assert.equal(mdxPageSite([site], 'site/src/pages/about.md')?.dir, 'site');
      assert.equal(mdxPageSite([site], 'site/README.md'), undefined);
    });
  });

  it('reads a site\'s `_*.mdx` partials and its Markdown format from its files', async () => {
    const dir = tempWorkspace(
      {
        'website/docusaurus.config.js': "module.exports = { markdown: { format: 'detect' }, presets: [['classic', { docs: {} }]] };\n",
        'website/docs/cli/fetch.md': "# Fetch\n\nimport RetryFlags from '../shared/_retry.mdx';\n\n<RetryFlags />\n",
        'website/docs/cli/fetch.mdx': "# Fetch\n\nimport RetryFlags from '../shared/_retry.mdx';\n\n<RetryFlags />\n",
        'website/docs/shared/_retry.mdx': '### --retry-count\n\nHow often.\n',
        'website/docs/_common/help.mdx': '## Getting help\n',
        'website/docs/guide.md': '# Guide\n\n[md](cli/fetch.md#--retry-count), [mdx](cli/fetch.mdx#--retry-count).\n',
        'notes/_draft.mdx': '# Draft\n',
      },
      'clarify-docusaurus-mdx-',
    );
    try {
      assert.deepEqual(docusaurusSites(dir), [{ dir: 'website', docs: 'website/docs', versions: [], commonMark: true }]);
      assert.deepEqual((await readConfig(dir)).config.include, ['**/*.md', '**/.kiro/specs/**/*.md', 'website/**/_*.mdx', 'website/**/_*/**/*.mdx']);
      const ws = await loadWorkspace(dir);
      assert.ok(ws.index.model().specFiles.includes('website/docs/shared/_retry.mdx'));
      assert.ok(ws.index.model().specFiles.includes('website/docs/_common/help.mdx'));
      assert.ok(!ws.index.model().specFiles.includes('notes/_draft.mdx'));
      // `format: 'detect'`: the `.md` page is CommonMark, where an import is text; the `.mdx` page renders the partial.
      const errors = computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.severity === 'error');
      assert.deepEqual(brief(errors), ['link.broken-anchor@website/docs/guide.md:3']);
      assert.ok(errors[0]!.message.startsWith('Broken link `cli/fetch.md#--retry-count`'), errors[0]!.message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
