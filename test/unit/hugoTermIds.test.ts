import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { definitionTermLines, termPlainText } from '../../server/src/core/markdown/definitionTerms';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { hugoPageIds, hugoSlug } from '../../server/src/core/workspace/hugo';
import { hugoTermIdSites, loadWorkspace } from '../../server/src/io/workspace';
import { tempWorkspace } from '../helpers/cli';
import { brief, fixtureFiles, memoryWorkspace } from '../helpers/workspace';

/**
 * A Hugo site whose Goldmark parser gives definition-list terms ids (`autoDefinitionTermID`): links to them are not
 * broken [^ln9h]. A trust sweep found 90 such false errors on gohugoio/hugoDocs, whose settings are definition lists.
 */
describe('Hugo: ids of definition-list terms [^ln9h]', () => {
  const anchorErrors = async (files: Record<string, string>): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-hugo-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code === 'link.broken-anchor'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('a term is a line of the paragraph before a `:` line; not in a fence, a heading, a table or a description', () => {
    const text = [
      '---',
      'title: x',
      ': not a description',
      '---',
      '',
      'Apple',
      'Pear',
      ': Two terms, one description.',
      ': A second description of both.',
      'More of that description, lazily.',
      '',
      'Plum',
      '',
      ': After a blank line still.',
      '',
      '```',
      'Fig',
      ': in a fence',
      '```',
      '',
      'Setext',
      '------',
      ': no term',
      '',
      '| a | b |',
      '|---|---|',
      ': no term either',
      '',
      '    indented code',
      ': no term',
      '',
      '   Lime   ',
      ':\tthe last one',
    ].join('\n');
    assert.deepEqual(
      definitionTermLines(text).map((t) => `${t.line}:${t.text}`),
      ['5:Apple', '6:Pear', '11:Plum', '31:Lime'],
    );
    assert.deepEqual(definitionTermLines('No description here.\n:x\n'), []);
  });

  it("a term's text is what Hugo slugs: code, link texts, no `_` emphasis markers, references decoded, typographer dashes gone", () => {
    assert.equal(termPlainText('`snake_case` value'), 'snake_case value');
    assert.equal(termPlainText('[Render hooks](/hooks/ "t") and [more][]'), '[Render hooks and [more');
    assert.equal(termPlainText('_slow_ cooker'), 'slow cooker');
    assert.equal(termPlainText('keep_this_one'), 'keep_this_one');
    assert.equal(termPlainText('salt &amp; pepper&#33;'), 'salt & pepper!');
    assert.equal(termPlainText('before -- after --- end - x'), 'before  after  end - x');
    assert.equal(termPlainText('a <em>b</em> <https://example.org>'), 'a b https://example.org');
    assert.equal(termPlainText('\\_literal\\_'), '_literal_');
  });

  it("Hugo's ids: GitHub style by default, ASCII or Blackfriday style when configured", () => {
    assert.equal(hugoSlug('  Boil time (min.) ', 'github'), 'boil-time-min');
    assert.equal(hugoSlug('Crème brûlée', 'github'), 'crème-brûlée');
    assert.equal(hugoSlug('Crème brûlée', 'github-ascii'), 'creme-brulee');
    assert.equal(hugoSlug('  Boil -- time!', 'blackfriday'), 'boil-time');
  });

  it('headings and terms share one set of ids in page order: a repeated id gets `-1`, a heading `{#id}` takes its own', () => {
    const facts = parseSpec('p.md', 'Options\n: first\n\n## Options\n\n## Pans {#options-1}\n\nOptions\n: third\n\n`x`\n: code\n\n&#42;\n: empty\n');
    assert.deepEqual(facts.definitionTerms, [
      { text: 'Options', heading: 0 },
      { text: 'Options', heading: 2 },
      { text: 'x', heading: 2 },
      { text: '*', heading: 2 },
    ]);
    assert.deepEqual([...hugoPageIds(facts, 'github')], ['options', 'options-1', 'options-2', 'x', 'term']);
  });

  it('on the site, links to terms resolve (also a `-1` one); a missing id, a term in a fence and a link from outside the site stay errors', async () => {
    const files = fixtureFiles('hugo-term-ids');
    assert.deepEqual(await anchorErrors(files), [
      'link.broken-anchor@README.md:3',
      'link.broken-anchor@content/kitchen/_index.md:20',
      'link.broken-anchor@content/kitchen/tools.md:18',
    ]);
    // Without the setting, terms have no ids: every link to one is broken.
    const off = { ...files, 'hugo.toml': 'baseURL = "https://example.org/"\n[markup.goldmark.parser]\n  autoDefinitionTermID = false\n' };
    assert.deepEqual(await anchorErrors(off), [
      'link.broken-anchor@README.md:3',
      'link.broken-anchor@content/kitchen/_index.md:5',
      'link.broken-anchor@content/kitchen/_index.md:5',
      'link.broken-anchor@content/kitchen/_index.md:6',
      'link.broken-anchor@content/kitchen/_index.md:6',
      'link.broken-anchor@content/kitchen/_index.md:20',
      'link.broken-anchor@content/kitchen/tools.md:18',
    ]);
  });

  it("the setting is read from hugo.toml, hugo.yaml, hugo.json or config/_default/ (also without a root config), with the id type and content folder", () => {
    const sites = (files: Record<string, string>): unknown => {
      const dir = tempWorkspace(files, 'clarify-hugo-');
      try {
        return hugoTermIdSites(dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    assert.deepEqual(sites({ 'hugo.toml': 'markup.goldmark.parser.autoDefinitionTermID = true\n' }), [{ content: 'content', idType: 'github' }]);
    assert.deepEqual(sites({ 'hugo.yaml': 'contentDir: pages\nmarkup:\n  goldmark:\n    parser:\n      autoIDType: github-ascii\n      autoDefinitionTermID: true # terms\n' }), [{ content: 'pages', idType: 'github-ascii' }]);
    assert.deepEqual(sites({ 'hugo.json': '{"markup": {"goldmark": {"parser": {"autoDefinitionTermID": true, "autoHeadingIDType": "blackfriday"}}}}' }), [{ content: 'content', idType: 'blackfriday' }]);
    assert.deepEqual(sites({ 'hugo.toml': 'title = "x"\n', 'config/_default/markup.toml': '[goldmark.parser]\nautoDefinitionTermID = true\n' }), [{ content: 'content', idType: 'github' }]);
    // A site configured only in config/_default/ (its config.*, then markup.*, in name order); a root key's file may
    // repeat its key.
    assert.deepEqual(sites({ 'config/_default/config.toml': 'contentDir = "pages"\n', 'config/_default/markup.toml': '[markup.goldmark.parser]\nautoDefinitionTermID = true\nautoIDType = "github-ascii"\n' }), [{ content: 'pages', idType: 'github-ascii' }]);
    assert.deepEqual(sites({ 'config.toml': 'contentDir = "pages"\n', 'config/_default/hugo.yaml': 'markup:\n  goldmark:\n    parser:\n      autoDefinitionTermID: true\n' }), [{ content: 'pages', idType: 'github' }]);
    // Off by default; a `[[module.mounts]]` key is no setting; a content folder outside the workspace is the default; no
    // hugo.* at the root and no config/_default/ of Hugo's, no Hugo site.
    assert.deepEqual(sites({ 'hugo.toml': '[markup.goldmark.parser]\nautoHeadingID = true\n' }), []);
    assert.deepEqual(sites({ 'hugo.toml': 'contentDir = "../x"\n[markup.goldmark.parser]\nautoDefinitionTermID = true\n[[module.mounts]]\nsource = "content/en"\n' }), [{ content: 'content', idType: 'github' }]);
    assert.deepEqual(sites({ 'config.toml': '[markup.goldmark.parser]\nautoDefinitionTermID = true\n' }), []);
  });

  it('an edit of a term repairs or breaks the links of another page (the model is rebuilt, not patched)', () => {
    const files = fixtureFiles('hugo-term-ids');
    const index = memoryWorkspace(files, { hugoTermIds: [{ content: 'content', idType: 'github' }] });
    const errorsOf = (): string[] => brief(computeDiagnostics(index.model(), index.config).filter((d) => d.code === 'link.broken-anchor'));
    assert.deepEqual(errorsOf(), ['link.broken-anchor@README.md:3', 'link.broken-anchor@content/kitchen/_index.md:20', 'link.broken-anchor@content/kitchen/tools.md:18']);
    index.updateFile('content/kitchen/tools.md', files['content/kitchen/tools.md']!.replace('`whisk`', '`fork`'));
    assert.ok(errorsOf().includes('link.broken-anchor@content/kitchen/_index.md:6'));
    index.updateFile('content/kitchen/tools.md', `${files['content/kitchen/tools.md']!}\nspatula\n: a term now\n`);
    assert.deepEqual(errorsOf(), ['link.broken-anchor@README.md:3', 'link.broken-anchor@content/kitchen/_index.md:20']);
  });
});
