// The Markdown scanner against its oracle, micromark/mdast with parseSpec's remark plugins: zero differences in the
// facts the index needs on every CommonMark 0.31.2 example (as is and with footnotes and attribute blocks injected),
// on the Model Spec, on this repository's fixtures, specs, examples and docs, and on random spec-like documents.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as FastCheck from 'fast-check';
import { scanMarkdown } from '../../server/src/core/markdown/scanner';
import { withoutClosingSequence } from '../../server/src/core/text/strings';
import { factDifferences, markdownFiles } from '../helpers/markdownOracle';
import { modelSpecDir, repoRoot } from '../helpers/workspace';

let fc: typeof FastCheck | undefined;
try {
  fc = require('fast-check') as typeof FastCheck; // eslint-disable-line @typescript-eslint/no-require-imports
} catch {
  fc = undefined;
}

interface Example {
  markdown: string;
  number: number;
  section: string;
}

const examples = (require('commonmark-spec') as { tests: Example[] }).tests; // eslint-disable-line @typescript-eslint/no-require-imports

/** Every difference over a set of documents, each line prefixed with where it comes from. */
function differences(docs: Iterable<[string, string]>): string[] {
  const out: string[] = [];
  for (const [name, text] of docs) for (const d of factDifferences(text)) out.push(`${name}: ${d}`);
  return out;
}

function assertNone(found: string[]): void {
  assert.deepEqual(found.slice(0, 20), [], `${found.length} differences`);
}

function* commonmark(transform: (md: string) => string): Iterable<[string, string]> {
  for (const e of examples) yield [`example ${e.number} (${e.section})`, transform(e.markdown.replace(/→/g, '\t'))];
}


function* files(paths: string[]): Iterable<[string, string]> {
  for (const p of paths) yield [path.relative(repoRoot, p), fs.readFileSync(p, 'utf8')];
}

describe('markdown scanner: the facts', function () {
  it('headings: level, ranges, text range and the attribute block (UTF-16 offsets)', function () {
    const text = '😀\n# Title {#a1 authority=root}\n\nSetext 🙂 {#b2}\n---\n\n#\n';
    const r = scanMarkdown(text);
    assert.equal(r.headings.length, 3);
    const [a, b, c] = r.headings;
    assert.deepEqual([a!.level, text.slice(a!.start, a!.end), text.slice(a!.textStart, a!.textEnd)], [1, '# Title {#a1 authority=root}', 'Title {#a1 authority=root}']);
    assert.deepEqual(a!.attribute && [text.slice(a!.attribute.start, a!.attribute.end), a!.attribute.inner], ['{#a1 authority=root}', '#a1 authority=root']);
    assert.deepEqual([b!.level, b!.setext, text.slice(b!.textStart, b!.textEnd), b!.attribute?.inner], [2, true, 'Setext 🙂 {#b2}', '#b2']);
    assert.deepEqual([c!.level, c!.textStart, c!.attribute], [1, undefined, undefined]);
  });

  it('footnote references say whether a definition exists; code, HTML, autolinks and escapes hold none', function () {
    const text = 'a [^x] b [^y] `[^x]` <!-- [^x] --> <http://h/[^x]> \\[^x]\n\n[^x]: note\n';
    const r = scanMarkdown(text);
    assert.deepEqual(r.footnoteRefs.map((f) => [f.label, f.defined, text.slice(f.start, f.end)]), [['x', true, '[^x]'], ['y', false, '[^y]']]);
    assert.deepEqual(r.footnoteDefs.map((d) => [d.label, text.slice(d.labelStart, d.labelEnd), text.slice(d.start, d.end)]), [['x', 'x', '[^x]: note']]);
  });

  it('code blocks, HTML blocks, definitions, link destinations, prose and front matter', function () {
    const text = '---\ntitle: t\n---\n> - item [l](<a b.md>) ![i](p.png)\n>   lazy\n\n    code\n\n~~~ js\nx\n~~~\n\n<div>\nhtml\n</div>\n\n[d]: ./d.md "t"\n';
    const r = scanMarkdown(text);
    assert.deepEqual(r.frontMatter && [r.frontMatter.kind, text.slice(r.frontMatter.start, r.frontMatter.end)], ['yaml', '---\ntitle: t\n---']);
    assert.deepEqual(r.prose.map((p) => text.slice(p.start, p.end)), ['item [l](<a b.md>) ![i](p.png)\n>   lazy']);
    assert.deepEqual(r.links.map((l) => [l.image, text.slice(l.destStart, l.destEnd)]), [[false, 'a b.md'], [true, 'p.png']]);
    assert.deepEqual(r.codeBlocks.map((c) => [c.fenced, text.slice(c.start, c.end), c.fenced ? text.slice(c.infoStart, c.infoEnd) : '']), [[false, '    code', ''], [true, '~~~ js\nx\n~~~', 'js']]);
    assert.deepEqual(r.htmlBlocks.map((h) => text.slice(h.start, h.end)), ['<div>\nhtml\n</div>']);
    assert.deepEqual(r.definitions.map((d) => [d.label, text.slice(d.destStart, d.destEnd)]), [['D', './d.md']]);
  });

  it('kramdown-rfc front matter and section markers read as blank; a byte order mark is not text', function () {
    const text = '---\ntitle: T\n--- abstract\n\nA [^a].\n\n--- middle\n\n# Intro {#intro}\n\n[^a]: x\n';
    const r = scanMarkdown(text);
    assert.deepEqual(r.frontMatter && [r.frontMatter.kind, text.slice(r.frontMatter.start, r.frontMatter.end)], ['kramdown', '---\ntitle: T\n']);
    assert.deepEqual(r.markers.map((m) => text.slice(m.start, m.end)), ['--- abstract', '--- middle']);
    assert.deepEqual(r.headings.map((h) => h.attribute?.inner), ['#intro']);
    const bom = '\uFEFF# T {#t}\n';
    assert.equal(bom.slice(scanMarkdown(bom).headings[0]!.textStart), 'T {#t}\n');
    assert.deepEqual(factDifferences(text), []);
    assert.deepEqual(factDifferences(bom), []);
  });

  it('CRLF and CR line endings give the same facts at the same characters', function () {
    const lf = '# A {#a}\n\npara [^a]\n\n[^a]: x\n';
    for (const eol of ['\r\n', '\r']) {
      const text = lf.replace(/\n/g, eol);
      const r = scanMarkdown(text);
      assert.equal(text.slice(r.headings[0]!.textStart, r.headings[0]!.textEnd), 'A {#a}');
      assert.deepEqual(r.footnoteRefs.map((f) => [text.slice(f.start, f.end), f.defined]), [['[^a]', true]]);
    }
  });

  it("an ATX heading's closing sequence: a run of `#` after a blank, or all of the text (CommonMark 4.2)", function () {
    const cases: [string, string][] = [
      ['foo ##', 'foo'],
      ['foo  ###   ', 'foo'],
      ['foo\t#\t', 'foo'],
      ['foo', 'foo'],
      ['foo  ', 'foo  '],
      ['foo#', 'foo#'],
      ['foo \\###', 'foo \\###'],
      ['foo # bar', 'foo # bar'],
      ['###', ''],
      ['  ## ', ''],
      ['', ''],
    ];
    for (const [text, want] of cases) assert.equal(withoutClosingSequence(text), want, JSON.stringify(text));
    const titles = (md: string): string[] => {
      const r = scanMarkdown(md);
      return r.headings.map((h) => (h.textStart === undefined ? '' : md.slice(h.textStart, h.textEnd)));
    };
    assert.deepEqual(titles('# foo ##\n\n## bar#\n\n### ###\n\n#### baz \\#\n'), ['foo', 'bar#', '', 'baz \\#']);
  });
});

describe('markdown scanner: zero differences with micromark/mdast', function () {
  it(`every CommonMark 0.31.2 example (${examples.length})`, function () {
    assertNone(differences(commonmark((md) => md)));
  });

  it('every CommonMark example with a defined `[^x]` injected after each "foo"', function () {
    assertNone(differences(commonmark((md) => md.replace(/foo/g, 'foo[^x]') + '\n[^x]: note\n')));
  });

  it('every CommonMark example with an undefined `[^x]` injected after each "foo"', function () {
    assertNone(differences(commonmark((md) => md.replace(/foo/g, 'foo [^x]'))));
  });

  it('every CommonMark example with an attribute block `{#x}` injected after each "foo"', function () {
    assertNone(differences(commonmark((md) => md.replace(/foo/g, 'foo {#x k=v}'))));
  });

  it('images nested in images and links, with reference labels and footnote calls among them (a bracket after an opener)', function () {
    const docs: [string, string][] = [];
    const defs = '\n\n[r]: /u\n[x]: /x\n[^f]: note\n';
    for (const inner of ['![![![a](u)](u)](u)', '![![a][r]](u)', '[![a]][r]', '![a ![b]][x]', '![[a]][r]', '![![a]](u) [b]', '[a ![b](u)][r]', '![x][r] [y]', '![![^f]](u)', '[![a](u) b]'])
      for (const tail of ['', defs]) docs.push([`${inner}${tail ? ' + definitions' : ''}`, `${inner} and [r] and [x]${tail}`]);
    assertNone(differences(docs));
  });

  it('a title in parentheses may hold a `(`: micromark reads on to the `)` (CommonMark 0.31 says it may not)', function () {
    const docs: [string, string][] = [];
    for (const title of ['(a(b "t")', '(a(b)', '(a(b) after)', '(![i](p.png "t")', '(a\\(b)'])
      for (const at of ['[g]: #h\n', '[g]: #h ', 'See [g](#h ']) docs.push([`${at}${title}`, `${at}${title}${at.startsWith('See') ? ')' : ''}\n\nNext [g].\n`]);
    assertNone(differences(docs));
  });

  it('the Model Spec', function () {
    const paths = markdownFiles(modelSpecDir());
    assert.ok(paths.some((p) => p.endsWith('model_spec.md')));
    assertNone(differences(files(paths)));
  });

  it("this repository's fixtures, specs, examples and docs", function () {
    const paths = ['test/fixtures', 'specs', 'examples', 'docs'].flatMap((d) => markdownFiles(path.join(repoRoot, d)));
    for (const f of ['README.md', 'ARCHITECTURE.md', 'CHANGELOG.md', 'CONTRIBUTING.md']) paths.push(path.join(repoRoot, f));
    assert.ok(paths.length > 20);
    assertNone(differences(files(paths)));
  });

  const PIECES = [
    '# ', '## ', '### ', 'Title ', 'foo', 'bar baz', '{#a1 authority=root}', '{#b2}', '{', '}', '\\{', '[^a1]', '[^b2]', '[^a1]: ', '[^b2]: x.md',
    '[^', '^', '[', ']', '(', ')', '[l](#a1)', '[l](other.md#b2 "t")', '[r]', '[r]: /u', '[r]: <a b> \'t\'', '![i](p.png)', '](', '*', '_', '`', '``',
    '```', '~~~', '```js', '> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '    ', '  ', ' ', '\t', '\n', '\n', '\n', '\n\n', '\r\n', 'text', '<!-- c -->',
    '<!--', '-->', '<a id="q">', '<div>', '</div>', '<pre>', '</pre>', '<?x ?>', '<http://x.y>', '<a@b.c>', '---', '===', '***', '\\', '&amp;',
    '😀', 'é', '\uFEFF', '| a | b |', '|---|---|', '|', ':-', '--- middle',
  ];

  for (const seed of [14, 3, 5]) {
    it(`random spec-like documents (fast-check, seed ${seed})`, function () {
      if (!fc) this.skip();
      const doc = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(doc, (text) => {
          const found = factDifferences(text);
          assert.deepEqual(found, [], JSON.stringify(text));
        }),
        { numRuns: 2000, seed },
      );
    });
  }
});
