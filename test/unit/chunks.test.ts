// Chunked spec parsing equals a parse of the whole document [^markdown_parsing]: on the Model Spec, on tricky
// Markdown and on random documents under random edits (each parse reusing the chunks of the previous one).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseSpecChunked, parseSpecWhole, specChunks, type SpecChunkCache, type SpecFacts } from '../../server/src/core/markdown/parseSpec';
import { diagnosticsOf, memoryWorkspace, modelSpecDir, repoRoot } from '../helpers/workspace';

const norm = (f: SpecFacts): unknown => ({ ...f, anchors: [...f.anchors] });

function assertSame(text: string, cache?: SpecChunkCache): SpecChunkCache {
  const chunked = parseSpecChunked('a.md', text, cache);
  assert.deepStrictEqual(norm(chunked.facts), norm(parseSpecWhole('a.md', text)), `chunked parse differs for ${JSON.stringify(text.slice(0, 400))}`);
  return chunked.cache;
}

const SNIPPETS = [
  '# Title\n',
  '## Clause {#c1 authority=root}\n',
  '### Sub clause {#c2 authority=user}\n',
  '## Clause {#c1 authority=root}\n',
  '## Plain heading\n',
  '## Plain heading\n',
  '#No space heading\n',
  '#\n',
  'Setext title\n===\n',
  'Text with a footnote[^fn1] and another[^fn2].\n',
  'Some *emphasis*, `code [^x]`, a [link](#c1) and [other](b.md#x).\n',
  '\\[^escaped] and <span id="anchor1">html</span>.\n',
  '- item one[^fn3]\n- item two\n',
  '1. first\n2. second\n',
  '> quote[^fn4]\n> # quoted heading\n',
  '| a | b |\n| - | - |\n| x[^fn5] | y |\n',
  '```\n# not a heading\n[^not]\n```\n',
  '~~~md\n## not {#nope}\n~~~\n',
  '```\nunclosed fence\n',
  '````\n```\n# still code\n````\n',
  '- list\n  ```\n  # in list code\n  ```\n',
  '- list\n\n      indented code\n',
  '    # indented code\n',
  '<!-- comment\n# in comment\n-->\n',
  '<!-->\n',
  '<div>\n# in html\n</div>\n',
  '<user>\nhello\n</user>\n',
  '<assistant> <!-- GOOD -->\ntext\n</assistant>\n',
  '<script>\n# in script\n</script>\n',
  'paragraph\n<span>\n# after\n',
  '   ```\n# maybe code\n   ```\n',
  '  <!--\n# x\n-->\n',
  '---\n',
  '***\n',
  'Vague wording: respond quickly, as appropriate, etc.\n',
  '<!-- clarifier-disable-next-line -->\n',
  '## Clarifications\n',
  '# Clarifications\n',
  '- 2026-11-21 · `c1` · “quickly”: How fast? → **1 s**\n',
  '\n',
  '\n\n',
  'text\r\n',
  'line\rother\n',
  '\t# tab heading\n',
  ' # one space heading\n',
  // Read from the chunks' texts after an edit (includes, kramdown-rfc cross references), not from the whole text.
  '{::include part.md}\n',
  '{::include-nested sub/more.md} \n',
  'See {{RFC2119}} and {{?I-D.x}}{{\n',
  // Definitions and the brackets that may use them, in other sections (specChunks keeps them in one chunk).
  '[ref]: #c1\n',
  'A [ref], [x][ref], [Ref][] and [ref](https://example.com/a).\n',
  '[^fn1]: A footnote definition.\n',
  '> [quoted\n> label]: /q\n',
  'See [quoted label] and [meeting][notes].\n',
  '- [listed]: /l "title"\n',
  'Use [listed] and [other][] and [a][b].\n',
  '```\n[ref]: /in-code\n```\n',
  ' ```\n # indented fence\n```\n',
  '1. item\n   ~~~\n   # item code\n   ~~~\n',
];

describe('chunked spec parsing', () => {
  it('cuts at top-level ATX headings only', () => {
    const text = '# A\n\ntext\n\n```\n# code\n```\n\n## B\n\n<div>\n# html\n</div>\n\n### C\n';
    assert.deepEqual(
      specChunks(text).map((at) => text.slice(at, text.indexOf('\n', at))),
      ['# A', '## B', '### C'],
    );
    // A fence indented 1-3 columns may be a list item's or the document's: cuts go on after it when both readings close
    // it on the same line, and stop where they may not (a line indented less, a closer only the item would take).
    const cuts = (t: string): string[] => specChunks(t).map((at) => t.slice(at, t.indexOf('\n', at)));
    assert.deepEqual(cuts('# A\n\n- item\n  ```sh\n  # code\n\n  ```\n\n# B\n'), ['# A', '# B']);
    assert.deepEqual(cuts('# A\n\n- item\n  ```\n# B\n  ```\n\n# C\n'), ['# A'], 'a line indented less');
    assert.deepEqual(cuts('# A\n\n- item\n  ```\n  x\n    ```\n# B\n'), ['# A'], 'a closer at 4 columns');
    assert.deepEqual(cuts('# A\n\n   ```\n   # code\n\n# B\n'), ['# A'], 'never closed');
    // A definition and every bracket that may use it stay in one chunk; sections between them are not cut.
    const cutsOf = (t: string): string[] => specChunks(t).map((at) => t.slice(at, t.indexOf('\n', at)));
    assert.deepEqual(cutsOf('[x]: https://example.com\n\n# A\n\n# B\n'), ['[x]: https://example.com', '# A', '# B'], 'a definition no other section uses');
    assert.deepEqual(cutsOf('[x]: /u\n\n# A\n\nsee [X]\n\n# B\n\n# C\n'), ['[x]: /u', '# B', '# C'], 'a use (labels match case-insensitively)');
    assert.deepEqual(cutsOf('# A\n\nsee [a\n  label][]\n\n# B\n\n- [A   label]: /u\n\n# C\n'), ['# A', '# C'], 'a label over lines, a definition in a list');
    assert.deepEqual(cutsOf('# A\n\nsee [x](https://e.org/x)\n\n# B\n\n[x]: /u\n'), ['# A', '# B'], 'an inline link uses no definition');
    assert.deepEqual(cutsOf('# A\n\nsee [x](a b)\n\n# B\n\n[x]: /u\n'), ['# A'], 'a destination that may not be one');
    assert.deepEqual(cutsOf('# A\n\nnote[^1]\n\n# B\n\n# C\n\n[^1]: text\n'), ['# A'], 'a footnote call and its definition');
    assert.deepEqual(cutsOf('# A\n\n[x]: /a\n\n# B\n\n[x]: /b\n\n# C\n'), ['# A', '# C'], 'two definitions of one label (the first wins)');
    assert.deepEqual(specChunks('---\n# yaml comment\n---\n\n# A\n').length, 2, 'front matter is not cut');
    // Only LF, CRLF and lone CR end a line: a heading after U+2028 or U+2029 is inside its line, not a cut.
    assert.deepEqual(specChunks('# A\ntext\u2028# not a line\n\r\n# B\rtext\u2029```\n## C\n'), [0, 24, 37]);
    assert.deepEqual(specChunks('# A\ntext\u2028```\n## B\n'), [0, 13]);
  });

  it('finds the lines that may start a definition in linear time, as the old expression did on short lines', () => {
    // The old expression read blanks around repeated list markers many ways: a line of 20 `-   ` took minutes.
    const hostile = `${'-   '.repeat(40)}x\n\n# A\n\n[a]: b\n\n# B\n`;
    assert.deepEqual(specChunks(hostile).length, 3);
    assert.deepEqual(specChunks(`${'[\n'.repeat(50_000)}# A\n\n[a]: b\n`).length, 2);
    const OLD = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*\[(?:[^[\]\\]|\\[\s\S]){0,999}\]:/m;
    const chars = fc.constantFrom(' ', '\t', '>', '-', '*', '+', '1', '.', ')', '[', ']', ':', 'a', '\n', '\\', '^');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 14 }), (cs) => {
        const line = cs.join('');
        // A definition line makes the only cuts of `# A … # B` depend on its use in B.
        const text = `# A\n\n${line}\n\n# B\n\nuse [a]\n`;
        const cut = specChunks(text).length === 2;
        const maybeDefinesA = OLD.test(`${line}\n`) && /\[a\]:/.test(line);
        if (maybeDefinesA) assert.ok(!cut, JSON.stringify(line));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('reads `[text][label]` as a link when another section has a definition, and as text in a file with none', () => {
    const defined = '# A\n\n[site]: https://example.com\n\n# B\n\nSee [the proposal][kep-1] and [the issue][].\n\n# C\n';
    assert.equal(specChunks(defined).length, 3);
    const cache = assertSame(defined);
    const undefinedRefs = (text: string, c?: SpecChunkCache): string[] =>
      parseSpecChunked('a.md', text, c)
        .facts.links.filter((l) => l.undefinedReference !== undefined)
        .map((l) => l.undefinedReference!);
    assert.deepEqual(undefinedRefs(defined), ['kep-1', 'the issue']);
    // The definition removed: the file has none, and `[the proposal][kep-1]` is bracketed text (a collapsed `[x][]` is
    // a link whatever the file). The unchanged section B is parsed again for it.
    const none = defined.replace('[site]: https://example.com\n', '');
    assertSame(none, cache);
    assert.deepEqual(undefinedRefs(none, cache), ['the issue']);
    assert.deepEqual(undefinedRefs(defined, cache), ['kep-1', 'the issue']);
  });

  it('equals the whole parse on the Model Spec, in many chunks', function () {
    const text = fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8');
    assert.ok(specChunks(text).length > 50);
    const cache = assertSame(text);
    // An edit in one section re-parses that chunk only; the result still equals the whole parse.
    const at = text.indexOf('\n', text.length / 2);
    const edited = `${text.slice(0, at)} The assistant should respond quickly[^new1].${text.slice(at)}`;
    const again = parseSpecChunked('a.md', edited, cache);
    assert.ok(again.chunks.filter((c) => !cache.has([...again.cache.entries()].find(([, e]) => e === c.entry)![0])).length <= 2);
    assert.deepStrictEqual(norm(again.facts), norm(parseSpecWhole('a.md', edited)));
  });

  it('gives the index the same facts and diagnostics when a big spec is edited section by section', function () {
    const text = fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8');
    const live = memoryWorkspace({ 'model_spec.md': text, 'src/a.ts': '// [^8ep1] [^chain_of_command]\n' });
    let current = text;
    const edits = [
      (t: string) => t.replace('The chain of command', 'The chain of command, quickly'),
      (t: string) => t.replace('## Overview', '## Overview changed {#overview2 authority=root}'),
      (t: string) => `${t.slice(0, t.length / 3)}\n\nA new paragraph with several ideas[^zz99].\n\n${t.slice(t.length / 3)}`,
      (t: string) => t.replace(/\n## /, '\n<!-- clarifier-disable-next-line -->\n## '),
      (t: string) => t.slice(0, t.length / 2),
    ];
    for (const edit of edits) {
      current = edit(current);
      live.updateFile('model_spec.md', current);
      const fresh = memoryWorkspace({ 'model_spec.md': current, 'src/a.ts': '// [^8ep1] [^chain_of_command]\n' });
      assert.deepStrictEqual(diagnosticsOf(live), diagnosticsOf(fresh));
      assert.deepStrictEqual(norm(live.specFacts('model_spec.md')!), norm(fresh.specFacts('model_spec.md')!));
    }
  });

  it('silences the findings a suppression comment names in a big spec, after edits of other sections too', function () {
    this.timeout(120_000);
    // Over 32 KB (kept chunk by chunk between edits); the same vague sentence twice, once after the comment.
    const sections = Array.from({ length: 300 }, (_, i) => `## Section ${i} {#s${i}}\n\nSection ${i} keeps the records of its part[^f${i}] for as long as the policy says, and reports them.\n`);
    sections[150] = '## Section 150 {#s150}\n\n<!-- clarifier-disable-next-line -->\nThe service MUST respond quickly, as appropriate, etc.[^f150]\n';
    sections[200] = '## Section 200 {#s200}\n\nThe service MUST respond quickly, as appropriate, etc.[^f200]\n';
    let text = ['# Records {#records}', '', ...sections].join('\n');
    assert.ok(text.length > 32 * 1024);
    const live = memoryWorkspace({ 'specs/a.md': text });
    const lineOf = (t: string, s: string): number => t.slice(0, t.indexOf(s)).split('\n').length - 1;
    for (const [from, to] of [
      ['Section 10 keeps', 'Section 10 now keeps'],
      ['Section 250 keeps', 'Section 250 keeps[^new1]'],
      ['Section 20 keeps the', 'Section 20 keeps\n\nthe'],
    ] as const) {
      text = text.replace(from, to);
      live.updateFile('specs/a.md', text, true);
      const got = diagnosticsOf(live);
      assert.deepStrictEqual(got, diagnosticsOf(memoryWorkspace({ 'specs/a.md': text })), to);
      const vague = (line: number): boolean => got.some((d) => d.code.startsWith('ambiguity.') && d.range.start.line === line);
      assert.ok(vague(lineOf(text, 'etc.[^f200]')), `${to}: the sentence without the comment has its finding`);
      assert.ok(!vague(lineOf(text, 'etc.[^f150]')), `${to}: the one after the comment has none`);
    }
  });

  it('equals the whole parse on the repository specs and fixtures', () => {
    for (const dir of ['specs', 'test/fixtures/shop/specs']) {
      for (const file of fs.readdirSync(path.join(repoRoot, dir)).filter((f) => f.endsWith('.md'))) {
        assertSame(fs.readFileSync(path.join(repoRoot, dir, file), 'utf8'));
      }
    }
  });

  it('equals the whole parse on random documents under random edits', function () {
    // 300 documents under up to 6 edits, each parsed chunked and whole: ~20 s of CPU alone (measured at load 25, base
    // and now alike), past mocha's default 20 s on a busy machine.
    this.timeout(120_000);
    const doc = fc.array(fc.constantFrom(...SNIPPETS), { minLength: 1, maxLength: 30 });
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 20 }), insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 })) });
    fc.assert(
      fc.property(doc, fc.array(edit, { maxLength: 6 }), (parts, edits) => {
        let text = parts.join('');
        let cache = assertSame(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          cache = assertSame(text, cache);
        }
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('cuts again only the edited text: the same chunks and facts as a parse of the whole text, under random edits', function () {
    // 400 documents under up to 8 edits, each parsed chunked and whole: 8-13 s of CPU alone (base and now alike),
    // past mocha's default 20 s late in a full run on a busy machine.
    this.timeout(120_000);
    // Snippets without definitions (a document with one is a single chunk), headings between them.
    const pieces = SNIPPETS.filter((p) => !p.includes(']:'));
    const doc = fc.array(fc.constantFrom(...pieces), { minLength: 4, maxLength: 40 });
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 60 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constantFrom('\n', '#', '```', '<', 'x', '\r', '\u2028'), fc.string({ maxLength: 6 })) });
    let reused = 0;
    let spliced = 0;
    fc.assert(
      fc.property(doc, fc.array(edit, { minLength: 1, maxLength: 8 }), (parts, edits) => {
        let text = parts.map((p, i) => (i % 3 === 0 ? `## Section ${i}\n\n${p}` : p)).join('');
        let last = parseSpecChunked('a.md', text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          const next = parseSpecChunked('a.md', text, last.cache, true, true, last.layout);
          const context = JSON.stringify(text.slice(0, 600));
          // (A text with nothing to index is not cut at all.)
          if (next.chunks.length) assert.deepStrictEqual(next.chunks.map((c) => c.start), specChunks(text), context);
          assert.deepStrictEqual(norm(next.facts), norm(parseSpecWhole('a.md', text)), context);
          if (next.chunks.some((c, i) => c.text === last.chunks[i]?.text && c.entry === last.chunks[i]?.entry)) reused++;
          // The lists spliced from the last assembly (the edited chunks name the same headings and anchors).
          if (next.layout?.assembly?.spliced) {
            spliced++;
            // Same anchors: the last set itself, not a copy per edit (and still equal to the whole parse's, above).
            assert.equal(next.facts.anchors, last.facts.anchors, context);
          }
          last = next;
        }
      }),
      { numRuns: 400, seed: 777 },
    );
    assert.ok(reused > 300, `unchanged chunks reused (${reused})`);
    assert.ok(spliced > 300, `assemblies spliced from the last one (${spliced})`);
  });
});
