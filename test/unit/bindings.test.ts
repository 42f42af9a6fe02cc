// Bound documents [^ln8b]: Markdown fragments a build pastes into one page, in a binder list's order (a shape seen in
// oasis-tcs/sarif-spec, the fourth trust sweep's 1,087 false `link.broken-anchor`). The fixture's text is our own.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { binderEntries, bindingSlug, foundBinding, looksLikeBinder, resolveBinder, termIds } from '../../server/src/core/workspace/bindings';
import { listTermsOf } from '../../server/src/core/markdown/parseSpec';
import { parseConfigText } from '../../server/src/core/workspace/config';
import { loadWorkspace } from '../../server/src/io/workspace';
import { tempWorkspace } from '../helpers/cli';
import { findings, shown } from '../helpers/diagnostics';
import { brief, fixtureFiles, memoryWorkspace, repoRoot } from '../helpers/workspace';

const fixture = path.join(repoRoot, 'test/fixtures/bound-fragments');

const FRAGMENTS = ['kite/src/glossary.md', 'kite/src/sources.md', 'kite/src/canopy.md', 'kite/src/tether.md'];

/** What is left, read as one page, of the fixture: the four real mistakes (a loose copy, a dead anchor, a misspelt term, an outside link into a fragment). */
const REAL = [
  'link.broken-anchor@kite/drafts/old-tether.md:3 Broken link `#canopy-object`: no heading or {#canopy-object}.',
  'link.broken-anchor@kite/src/canopy.md:8 Broken link `#canopy-hem`: no heading or {#canopy-hem}.',
  'link.broken-anchor@kite/src/glossary.md:10 Broken link `#def;canopie`: no heading or {#def;canopie}; did you mean `#def;canopy`?',
  'link.broken-anchor@notes.md:3 Broken link `kite/src/tether.md#canopy-object`: no heading or {#canopy-object} in kite/src/tether.md.',
];

describe('bound documents: fragments a build binds into one page [^ln8b]', () => {
  it('each fragment read alone: every link to another fragment or to a term is broken (the state before bindings)', () => {
    const files = fixtureFiles('bound-fragments');
    const alone = findings(files, 'link.', { bind: false });
    assert.equal(alone.length, 13);
  });

  it('a binding (the loader read its binder): same-page links resolve against every fragment; the real mistakes stay', () => {
    assert.deepEqual(shown(findings(fixtureFiles('bound-fragments'), 'link.', { bindings: [{ binder: 'kite/etc/bind.txt', files: FRAGMENTS }] })), REAL);
  });

  it('a binding by globs of `.clarifier.json` `bind`, without a binder file', () => {
    assert.deepEqual(shown(findings(fixtureFiles('bound-fragments'), 'link.', { bind: [['kite/src/*.md']] })), REAL);
    // One glob string is one document too; a glob that matches one file binds nothing.
    assert.deepEqual(shown(findings(fixtureFiles('bound-fragments'), 'link.', { bind: ['kite/src/*.md'] })), REAL);
    assert.equal(findings(fixtureFiles('bound-fragments'), 'link.', { bind: [['kite/src/canopy.md']] }).length, 13);
  });

  it('the generated ids of terms are known only inside a binding, and only for terms that exist', () => {
    const files = {
      'g.md': '# Words\n\nlamp\n:  a light\n\nRFC2119\n:  Key words.\n',
      'a.md': '# A\n\n[l](#def;lamp) [r](#RFC2119) [typo](#def;lamps)\n',
      'loose.md': '# Loose\n\n[l](#def;lamp)\n',
    };
    assert.deepEqual(brief(findings(files, 'link.', { bindings: [{ files: ['g.md', 'a.md'] }] })), ['link.broken-anchor@a.md:3', 'link.broken-anchor@loose.md:3']);
  });

  it('a heading clause of another fragment: the link is its reference (hover, definition, references agree)', () => {
    const index = memoryWorkspace(fixtureFiles('bound-fragments'), { bindings: [{ binder: 'kite/etc/bind.txt', files: FRAGMENTS }] });
    const refs = index.model().resolve('tether-object--strength').specReferences.map((r) => `${r.kind}@${r.file}`);
    assert.deepEqual(refs, ['link@kite/src/canopy.md', 'link@notes.md']);
    // Unbound, only the outside link that names the file reaches it.
    const alone = memoryWorkspace(fixtureFiles('bound-fragments'), { bind: false });
    assert.deepEqual(alone.model().resolve('tether-object--strength').specReferences.map((r) => `${r.kind}@${r.file}`), ['link@notes.md']);
  });

  it('an edit of a fragment that adds the missing heading repairs the other fragment (the model is rebuilt or patched alike)', () => {
    const files = fixtureFiles('bound-fragments');
    const index = memoryWorkspace(files, { bindings: [{ binder: 'kite/etc/bind.txt', files: FRAGMENTS }] });
    const errorsOf = (): string[] => brief(computeDiagnostics(index.model(), index.config).filter((d) => d.code === 'link.broken-anchor'));
    assert.ok(errorsOf().includes('link.broken-anchor@kite/src/canopy.md:8'));
    index.updateFile('kite/src/tether.md', `${files['kite/src/tether.md']!}\n## Hem {#canopy-hem}\n`);
    assert.ok(!errorsOf().includes('link.broken-anchor@kite/src/canopy.md:8'));
    // A term added to the glossary: the misspelt link now names it.
    index.updateFile('kite/src/glossary.md', `${files['kite/src/glossary.md']!}\ncanopie\n:  an old spelling\n`);
    assert.ok(!errorsOf().includes('link.broken-anchor@kite/src/glossary.md:10'));
  });

  describe('binder lists', () => {
    it('entries: non-empty lines that are no `#` comment; a found binder lists at least three relative Markdown paths', () => {
      assert.deepEqual(binderEntries('# order\n\na.md\r\n  b.md  \n'), ['a.md', 'b.md']);
      assert.equal(looksLikeBinder(['a.md', 'b.md', 'c.markdown']), true);
      assert.equal(looksLikeBinder(['a.md', 'b.md']), false);
      assert.equal(looksLikeBinder(['a.md', 'b.md', 'notes about c.md']), false);
      assert.equal(looksLikeBinder(['a.md', 'b.md', '/abs/c.md']), false);
      assert.equal(looksLikeBinder(['a.md', 'b.md', 'https://x.org/c.md']), false);
    });

    it("entries resolve in the binder's folder, a src/ in or beside it, the folder above or the root; every one must exist to be found", () => {
      const present = new Set(['spec/src/a.md', 'spec/src/b.md', 'spec/src/c.md', 'top.md']);
      const exists = (p: string): boolean => present.has(p);
      assert.deepEqual(resolveBinder('spec/etc/bind.txt', ['a.md', 'b.md', 'c.md'], exists), { files: ['spec/src/a.md', 'spec/src/b.md', 'spec/src/c.md'], missing: [] });
      assert.deepEqual(foundBinding('spec/etc/bind.txt', ['a.md', 'b.md', 'c.md'], exists), { binder: 'spec/etc/bind.txt', files: ['spec/src/a.md', 'spec/src/b.md', 'spec/src/c.md'] });
      assert.equal(foundBinding('spec/etc/bind.txt', ['a.md', 'b.md', 'gone.md'], exists), undefined);
      assert.deepEqual(resolveBinder('spec/etc/bind.txt', ['a.md', 'b.md', 'gone.md'], exists).missing, ['gone.md']);
      assert.equal(foundBinding('spec/etc/bind.txt', ['../../../x.md', 'a.md', 'b.md'], exists), undefined);
    });

    it("volatile.py's slug and ids of terms", () => {
      assert.equal(bindingSlug('camelCase name'), 'camelcase-name');
      assert.equal(bindingSlug('run (of a tool)'), 'run-of-a-tool');
      assert.equal(bindingSlug('post-processor'), 'post-processor');
      assert.equal(bindingSlug('a - b'), 'a---b');
      assert.deepEqual(termIds('ISO9999:2030'), ['def;iso9999-2030', 'ISO9999;2030']);
      assert.deepEqual(termIds('CWE™'), ['def;cwe™', 'CWE']);
      assert.deepEqual(termIds('spar deck'), ['def;spar-deck']);
    });

    it('definition-list terms: a line after a blank, then `:` and a blank; not headings, items, quotes or rows', () => {
      assert.deepEqual(listTermsOf('lamp\n:  a light\n\nRFC2119\n:   Key words\n'), ['lamp', 'RFC2119']);
      assert.deepEqual(listTermsOf('# Head\n: no\n\n- item\n: no\n\n> quote\n: no\n\n| a |\n: no\n\nText\nmore\n: not a term (not after a blank)\n'), []);
      assert.deepEqual(listTermsOf('A line:\n:colon without a blank\n'), []);
    });

    it('definition-list terms are read line by line as the first rule read them (its regular expression, the oracle)', () => {
      // The first implementation: right, but quadratic on a long line of blanks after a term's first character.
      const ORACLE = /(?<=^|\n[ \t]*\r?\n)(?![-+*>|#:`~=\s]|\d+[.)][ \t])([^\r\n]+?)[ \t]*\r?\n:[ \t]+\S/g;
      const oracle = (text: string): string[] => (text.includes('\n:') ? [...text.matchAll(ORACLE)].map((m) => m[1]!.trim()) : []);
      const piece = fc.constantFrom('\n', '\r\n', '\r', ':', ': ', ':\t', ' ', '\t', 'a', 'RFC1', '# h', '- i', '1. n', '> q', '|', '\u00a0', 'x y');
      fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(listTermsOf(text), oracle(text));
      }), { numRuns: 3000 });
      for (const text of ['a\n: b', '\na\n: b', '\n\na\n: b', 'a\r\n: b\r\n\r\nc \n:\td\n', 'a\rb\n: c', 'a\n:  \r\n']) assert.deepEqual(listTermsOf(text), oracle(text), JSON.stringify(text));
    });
  });

  describe('the workspace loader', () => {
    it('finds etc/bind.txt of the fixture (its entries in ../src/) and not a text file of other words', async () => {
      const ws = await loadWorkspace(fixture);
      assert.deepEqual(ws.config.bindings, [{ binder: 'kite/etc/bind.txt', files: FRAGMENTS }]);
      assert.deepEqual(shown(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code.startsWith('link.'))), REAL);
    });

    it('`"bind": false` turns finding off; a configured binder that is missing or lists a stray file is config.invalid', async () => {
      const files = { 'etc/bind.txt': 'one.md\ntwo.md\nthree.md\n', 'src/one.md': '# One\n\n[t](#two)\n', 'src/two.md': '# Two\n', 'src/three.md': '# Three\n' };
      const run = async (extra: Record<string, string>): Promise<string[]> => {
        const dir = tempWorkspace({ ...files, ...extra }, 'clarify-bind-');
        try {
          const ws = await loadWorkspace(dir);
          return shown(computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.severity === 'error'));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      };
      assert.deepEqual(await run({}), []);
      assert.deepEqual(await run({ '.clarifier.json': '{"bind": false}' }), ['link.broken-anchor@src/one.md:3 Broken link `#two`: no heading or {#two}.']);
      assert.deepEqual(await run({ '.clarifier.json': '{"bind": ["etc/order.txt"]}' }), [
        'config.invalid@.clarifier.json:1 Invalid .clarifier.json: bind.0: etc/order.txt is no readable file of the workspace. Using the default for it.',
      ]);
      assert.deepEqual(await run({ '.clarifier.json': '{"bind": ["etc/order.txt"]}', 'etc/order.txt': 'one.md\ntwo.md\nfour.md\n' }), [
        'config.invalid@.clarifier.json:1 Invalid .clarifier.json: bind.0: etc/order.txt lists 1 entry that is no Markdown file of the workspace (`four.md`). Using the default for it.',
      ]);
    });

    it('`bind` is validated as the other keys are', () => {
      assert.deepEqual(parseConfigText('{"bind": ["../outside.txt", 3]}').problems, ['bind.0: must be a relative path inside the workspace', 'bind.1: must be a binder file, a glob or a non-empty list of globs']);
      assert.deepEqual(parseConfigText('{"bind": true}').problems, ['bind: must be false or a list of binder files, globs or lists of globs']);
    assert.deepEqual(parseConfigText('{"bind": [["a/*.md", "/etc/x.md"]]}').problems, ['bind.0.1: must be a relative path inside the workspace']);
      assert.deepEqual(parseConfigText('{"bind": [["a/*.md", "b.md"], "etc/bind.txt"]}'), { config: parseConfigText('{"bind": [["a/*.md", "b.md"], "etc/bind.txt"]}').config, problems: [] });
    });
  });
});

describe("an mdBook page and the Markdown files its `{{#include}}` pastes into it are one page [^ln8b]", () => {
  // A book whose options page includes a generated list of options; other pages link to an option's id.
  const book = (extra: Record<string, string> = {}): Record<string, string> => ({
    'guide/book.toml': '[book]\ntitle = "Lantern"\nsrc = "src"\n',
    'guide/src/SUMMARY.md': '# Summary\n\n- [Options](./options.md)\n- [Questions](./faq.md)\n',
    'guide/src/options.md': '# Options\n\nEvery option is listed below.\n\n{{#include options_list.md}}\n\nSee [the wick](#wick.length) and [the hood](#hood).\n',
    'guide/src/options_list.md': '## lantern.wick.length {#wick.length}\n\nHow long the wick is.\n\n### Glass\n\nBack to [the top](#options).\n',
    'guide/src/faq.md': '# Questions\n\nTrim [the wick](./options.md#wick.length), clean [the glass](options.md#glass), oil [the lamp](./options.md#oil).\n',
    ...extra,
  });

  it("a link to the page reaches the included file's ids; the page's and the file's same-page links read the page; a missing id stays broken", () => {
    assert.deepEqual(brief(findings(book(), 'link.')), ['link.broken-anchor@guide/src/faq.md:3', 'link.broken-anchor@guide/src/options.md:7']);
    const faq = findings(book(), 'link.').find((d) => d.file === 'guide/src/faq.md')!;
    assert.match(faq.message, /#oil/);
  });

  it('outside a book (no book.toml at or above the page) the braces are text: the ids stay the included file\'s own', () => {
    const files = book();
    delete files['guide/book.toml'];
    assert.equal(findings(files, 'link.broken-anchor').length, 6);
  });

  it('a part of a file (`:anchor`, a line range) counts as the whole file; nested includes are followed from the file that writes them', () => {
    const files = book({
      'guide/src/options.md': '# Options\n\n{{ #include parts/list.md:options }}\n',
      'guide/src/parts/list.md': '<!-- ANCHOR: options -->\n## lantern.wick.length {#wick.length}\n<!-- ANCHOR_END: options -->\n\n{{#include glass.md:3:8}}\n',
      'guide/src/parts/glass.md': '# Parts\n\n### Glass\n',
    });
    // (The old list, which no page includes now, reads its own ids: its `#options` is broken.)
    assert.deepEqual(brief(findings(files, 'link.')), ['link.broken-anchor@guide/src/faq.md:3', 'link.broken-anchor@guide/src/options_list.md:7']);
    // An escaped include is mdBook's way to show the syntax: no include.
    const escaped = book({ 'guide/src/options.md': '# Options\n\n\\{{#include options_list.md}}\n' });
    assert.equal(findings(escaped, 'link.broken-anchor').filter((d) => d.file === 'guide/src/faq.md').length, 3);
  });

  it("an include inside a fenced code block pastes the file as code (mdBook's guide): its headings are no ids of the page", () => {
    const faqErrors = (options: string): number => findings(book({ 'guide/src/options.md': options }), 'link.broken-anchor').filter((d) => d.file === 'guide/src/faq.md').length;
    assert.equal(faqErrors('# Options\n\n{{#include options_list.md}}\n'), 1);
    assert.equal(faqErrors('# Options\n\n```markdown\n{{#include options_list.md}}\n```\n'), 3);
    assert.equal(faqErrors('# Options\n\n- The list:\n\n  ~~~~\n  {{#include options_list.md}}\n  ~~~~\n'), 3);
    // A shorter or other fence line inside does not close it; an unclosed fence runs to the end.
    assert.equal(faqErrors('# Options\n\n````\n```\n{{#include options_list.md}}\n~~~~\n````\n'), 3);
    assert.equal(faqErrors('# Options\n\n```\n\n{{#include options_list.md}}\n'), 3);
    // After the fence closes the page is Markdown again; a backtick line with a backtick after it is no fence.
    assert.equal(faqErrors('# Options\n\n```\nx\n```\n\n{{#include options_list.md}}\n'), 1);
    assert.equal(faqErrors('# Options\n\n```a`b\n\n{{#include options_list.md}}\n'), 1);
  });

  it('an edit that drops the include takes the included ids from the page (the model is built again, not patched)', () => {
    const index = memoryWorkspace(book());
    assert.equal(computeDiagnostics(index.model(), index.config).filter((d) => d.code === 'link.broken-anchor' && d.file === 'guide/src/faq.md').length, 1);
    index.updateFile('guide/src/options.md', '# Options\n\nEvery option is listed below.\n');
    assert.equal(computeDiagnostics(index.model(), index.config).filter((d) => d.code === 'link.broken-anchor' && d.file === 'guide/src/faq.md').length, 3);
  });
});
