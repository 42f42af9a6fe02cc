import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { explicitTargetsOf, joinExplicitTargets, mystProjectOf, sameExplicitTargets } from '../../server/src/core/markdown/explicitTargets';
import { joinMdbookSpecTargets, sameMdbookSpecTargets } from '../../server/src/core/markdown/mdbookSpec';
import { parseSpec, parseSpecWhole } from '../../server/src/core/markdown/parseSpec';
import { loadWorkspace } from '../../server/src/io/workspace';
import { tempWorkspace } from '../helpers/cli';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';
import type { Diagnostic } from '../../server/src/core/types';

/**
 * Explicit targets [^ln9m]: pandoc-family spans `[text]{#id}` are anchors of their page; in a MyST project (Sphinx with
 * MyST-Parser, mystmd, Jupyter Book) `[](#label)` reaches the explicit targets of every page of the project. A trust
 * sweep (trust7) counted 43 false errors of the first kind and 75 of the second.
 */
describe('explicit targets: pandoc spans and MyST labels', () => {
  const diagnose = async (files: Record<string, string>, keep: (d: Diagnostic) => boolean = (d) => !d.code.startsWith('ambiguity.')): Promise<string[]> => {
    const dir = tempWorkspace(files, 'clarify-myst-');
    try {
      const ws = await loadWorkspace(dir);
      return brief(computeDiagnostics(ws.index.model(), ws.config).filter(keep));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads spans, link attributes and fenced divs as page ids, outside code', () => {
    const text = [
      'A [tight knot]{#tight-knot} and a [loose one]{.soft #loose-knot key=val}.',
      'The [chart](chart.png){#knot-chart} and ![photo](knot.jpg){#knot-photo width=50%}.',
      'Code: `[not a span]{#in-code}` and ``[also]{#in-code-2}``.',
      '',
      '::: {#sidebar .note}',
      'A note.',
      ':::',
      '',
      '```md',
      '[shown]{#in-fence}',
      '```',
      '',
      'A Jinja comment is no id: [x]{# a remark #}.',
    ].join('\n');
    assert.deepEqual(explicitTargetsOf(text), { spans: ['tight-knot', 'loose-knot', 'knot-chart', 'knot-photo', 'sidebar'] });
    assert.equal(explicitTargetsOf('No braces at all, [x](y).'), undefined);
  });

  it("reads attr_list's block ids (a paragraph's or list item's last line) and mkdocstrings' objects, for MkDocs sites to use [^ln9n]", () => {
    const text = ['A loop.', '{#loop}', '', '{#alone}', '', '* An item', '{: #item .aside }', '', '## Title', '{#not-after-heading}', '', '::: pkg.Rope', '## ::: pkg.Knot', '', '```', 'x', '{#in-code}', '::: pkg.InCode', '```'].join('\n');
    assert.deepEqual(explicitTargetsOf(text), { labels: ['loop', 'alone', 'not-after-heading'], attrIds: ['loop', 'item'], objects: ['pkg.Rope', 'pkg.Knot'] });
    assert.deepEqual(explicitTargetsOf('::: pkg.Only'), { objects: ['pkg.Only'] });
    // After an inline element's end: emphasis, strong, a code span; not inside a code span, not a Jinja comment.
    const inline = '*   **`locale`**{ #mkdocs-locale }: the locale, *also*{: #also .x } and `name`{#code-name}; `**x**{#in-code}` and *y*{# a remark #}.';
    assert.deepEqual(explicitTargetsOf(inline), { attrIds: ['mkdocs-locale', 'also', 'code-name'] });
  });

  it("reads MyST's explicit targets: `(label)=`, `{#id}` alone, directive names and labels, figure-md, glossary terms, domain objects, eval-rst labels", () => {
    const text = [
      '(rigging/start)=',
      '# Rigging',
      '',
      '{#mast-warning}',
      'Never climb in a storm.',
      '',
      ':::{note}',
      ':name: halyard-note',
      'Coil the halyard.',
      ':::',
      '',
      '```{code-block} bash',
      ':label: hoist-cmd',
      'hoist --sail main',
      '(not-a-target)=',
      '```',
      '',
      '```{figure} sail.png',
      '---',
      'name: sail-figure',
      '---',
      'The main sail.',
      '```',
      '',
      ':::{figure-md} deck-plan',
      '![Deck](deck.png)',
      ':::',
      '',
      '```{glossary}',
      'Boom vang',
      '  A line that holds the boom down.',
      'Cunningham : rigging',
      '  A line that tensions the luff.',
      '```',
      '',
      '```{py:function} raise_sail(height)',
      'Raises the sail.',
      '```',
      '',
      '```{eval-rst}',
      '.. _rst-anchor:',
      '```',
      '',
      '````md',
      '(shown-only)=',
      '```{note}',
      ':name: shown-note',
      '```',
      '````',
    ].join('\n');
    assert.deepEqual(explicitTargetsOf(text), {
      labels: ['rigging/start', 'mast-warning', 'halyard-note', 'hoist-cmd', 'sail-figure', 'deck-plan', 'boom vang', 'cunningham', 'raise_sail', 'rst-anchor'],
    });
  });

  it('reads the same targets from a document parsed in chunks as whole', () => {
    const text = ['# One', '', '(first)=', 'Text [a]{#s1}.', '', '```{note}', ':name: n1', '# not a heading', '```', '', '## Two', '', '{#second}', 'More [b]{#s2}.', ''].join('\n');
    assert.deepEqual(parseSpec('a.md', text).targets, { spans: ['s1', 's2'], labels: ['first', 'n1', 'second'] });
    assert.deepEqual(parseSpec('a.md', text).targets, parseSpecWhole('a.md', text).targets);
  });

  it('a span `[term]{#id}` is an anchor of its page in any workspace: from the page and from another; a missing id is still broken', async () => {
    const glossary = ['## Glossary', '', '[bowline]{#bowline}', ':   A fixed loop. See [hitch](#hitch).', '', '[hitch]{#hitch}', ':   A knot around a post. Not [a splice](#splice).', ''].join('\n');
    const files = { 'learners/reference.md': glossary, 'episodes/knots.md': '# Knots\n\nTie a [bowline](../learners/reference.md#bowline), not a [sheet bend](../learners/reference.md#sheet-bend).\n' };
    assert.deepEqual(await diagnose(files), ['link.broken-anchor@episodes/knots.md:3', 'link.broken-anchor@learners/reference.md:7']);
  });

  it('in a Sphinx project that loads myst_parser, `#label` reaches a target of any page; a label no page has is still broken; without the project it is broken', async () => {
    const pages = {
      'docs/setup.md': ['(setup/start)=', '# Setting up', '', '{#power-warning}', 'Unplug first.', '', ':::{note}', ':name: fuse-note', 'Spare fuses are in the box.', ':::', ''].join('\n'),
      'docs/care.md': '# Care\n\nFollow [setup](#setup/start), heed [the warning](#power-warning) and [the note](#Fuse-Note), not [a missing one](#setup/stop).\n',
    };
    assert.deepEqual(await diagnose({ 'docs/conf.py': 'extensions = ["myst_parser"]\n', ...pages }), ['link.broken-anchor@docs/care.md:3']);
    // No project: every one is broken (GitHub renders these lines as text).
    assert.equal((await diagnose(pages)).length, 4);
    // A conf.py that does not load MyST-Parser is no MyST project; nor is a page outside the project's folder.
    assert.equal((await diagnose({ 'docs/conf.py': 'extensions = ["sphinx.ext.autodoc"]\n', ...pages })).length, 4);
    assert.equal((await diagnose({ 'site/conf.py': "extensions = ['myst_nb']\n", ...pages })).length, 4);
    // A link to a page's file reaches the labels of that page, not those of the project's other pages.
    const more = { 'docs/more.md': '# More\n\nSee [the note](setup.md#fuse-note), not [this one](care.md#fuse-note).\n' };
    assert.deepEqual(await diagnose({ 'docs/conf.py': 'extensions = ["myst_parser"]\n', ...pages, ...more }), ['link.broken-anchor@docs/care.md:3', 'link.broken-anchor@docs/more.md:3']);
    assert.equal((await diagnose({ ...pages, ...more })).length, 6);
  });

  it('a mystmd project (myst.yml) and a Jupyter Book (_config.yml beside _toc.yml) are MyST projects; a Jekyll _config.yml alone is not', async () => {
    const pages = {
      'book/index.md': '# Garden\n\n(soil-limits)=\n### Limits\n\n```{code} bash\n:label: water-cmd\nwater --all\n```\n',
      'book/soil.md': '# Soil\n\nSee [](#soil-limits) and [](#water-cmd).\n',
    };
    assert.deepEqual(await diagnose({ 'book/myst.yml': 'version: 1\nproject:\n  title: Garden\n', ...pages }), []);
    assert.deepEqual(await diagnose({ 'book/_config.yml': 'title: Garden\n', 'book/_toc.yml': 'format: jb-book\nroot: index\n', ...pages }), []);
    assert.equal((await diagnose({ 'book/_config.yml': 'title: Garden\n', ...pages })).length, 2);
    assert.equal(mystProjectOf('book/_toc.yml', () => undefined, (p) => p === 'book/_config.yml'), 'book');
    assert.equal(mystProjectOf('conf.py', () => 'extensions = [\n  "myst_parser",\n]\n', () => false), '');
    assert.equal(mystProjectOf('docs/conf.py', () => '# mentions myst_parser only in a comment\n', () => false), undefined);
  });

  it('a page of a MyST project in a folder named `examples/` is a page of the site, not an unused example; elsewhere it still is', async () => {
    const files = {
      'docs/guide/layout.md': '# Layout\n\nA page has children.[^kids]\n\n```{toctree}\nexamples/first_child.md\n```\n\n[^kids]: They appear below their parent.\n',
      'docs/guide/examples/first_child.md': ':orphan:\n\n# First child\n\nA demonstration page.\n',
    };
    assert.deepEqual(await diagnose(files), ['example.unused@docs/guide/examples/first_child.md:1']);
    assert.deepEqual(await diagnose({ 'docs/conf.py': 'extensions = ["myst_parser"]\n', ...files }), []);
  });

  it('an edit that adds or removes a label changes the links of the other pages of the project', () => {
    const index = memoryWorkspace({ 'a.md': '# A\n\nText.\n', 'b.md': '# B\n\nSee [the text](#a-text).\n' }, { myst: [''] });
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor')), ['link.broken-anchor@b.md:3']);
    index.updateFile('a.md', '# A\n\n(a-text)=\nText.\n');
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor')), []);
    index.updateFile('a.md', '# A\n\nText.\n');
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor')), ['link.broken-anchor@b.md:3']);
  });
});

describe("a page's targets over its chunks", () => {
  it('joins each kind in chunk order, leaves an empty kind out, and compares item by item (an absent list is an empty one)', () => {
    const first = { spans: ['a'], labels: ['intro'] };
    const second = { labels: ['usage', 'intro'] };
    assert.deepEqual(joinExplicitTargets(first, second), { spans: ['a'], labels: ['intro', 'usage', 'intro'] });
    assert.deepEqual(joinExplicitTargets(undefined, second), second);
    assert.equal(joinExplicitTargets(undefined, undefined), undefined);
    assert.deepEqual(joinExplicitTargets({ spans: [] }, { labels: [] }), {});
    assert.ok(sameExplicitTargets({ spans: ['a'], labels: [] }, { spans: ['a'] }));
    assert.ok(sameExplicitTargets(undefined, {}));
    assert.ok(!sameExplicitTargets({ labels: ['a', 'b'] }, { labels: ['b', 'a'] }));
    assert.ok(!sameExplicitTargets({ spans: ['a'] }, { labels: ['a'] }));
    assert.deepEqual(joinMdbookSpecTargets({ rules: ['r.a'] }, { rules: ['r.b'], productions: ['Expr'] }), { rules: ['r.a', 'r.b'], productions: ['Expr'] });
    assert.ok(!sameMdbookSpecTargets({ rules: ['r.a'] }, { rules: ['r.a'], productions: ['Expr'] }));
  });
});
