// link.broken-anchor (server/src/core/diagnostics/rules/brokenLinks.ts) [^ln2a].
import * as assert from 'node:assert/strict';
import { findings, shown } from '../../helpers/diagnostics';
import { diagnosticsOf, memoryWorkspace } from '../../helpers/workspace';
import { codeActions } from '../../../server/src/core/features/actions';
import { completeAnchors, completionContext } from '../../../server/src/core/features/completion';
import { isRustdocLink, mdbookSpecTargetsOf } from '../../../server/src/core/markdown/mdbookSpec';

describe('rule link.broken-anchor', () => {
  it('link.broken-anchor for missing anchors and files; slugs and {#id} resolve', () => {
    const diags = findings(
      {
        'a.md': '# Top {#top}\n## Plain Heading\n\n[ok](#top) [ok](#plain-heading) [ok](b.md#bee) [bad](#tpo) [bad](b.md#nope) [bad](gone.md#x)\n',
        'b.md': '# B {#bee}\n',
      },
      'link.',
    );
    assert.deepEqual(diags.map((d) => d.message), [
      'Broken link `#tpo`: no heading or {#tpo}; did you mean `#top`?',
      'Broken link `b.md#nope`: no heading or {#nope} in b.md.',
      'Broken link `gone.md#x`: gone.md does not exist.',
    ]);
    assert.ok(diags.every((d) => d.code === 'link.broken-anchor' && d.severity === 'error'));
    assert.deepEqual(diags[0]!.data, { anchor: 'tpo', suggestion: 'top' });
  });

  describe('a heading with an invisible character (an emoji\'s variation selector U+FE0F) [^ln2a]', () => {
    // "🏗️ Arquitetura": the building emoji, then U+FE0F. The slug drops the emoji and keeps U+FE0F (github-slugger and
    // GitHub alike), so a table of contents written `#-arquitetura` is broken there; the anchor printed as it is read
    // exactly like the broken link.
    const readme = [
      '# Projeto',
      '',
      '- [Arquitetura](#-arquitetura)',
      '- [Encoded](#%EF%B8%8F-arquitetura) and [raw](#\u{FE0F}-arquitetura) resolve',
      '- [Deploy](#-deplo)',
      '',
      '## \u{1F3D7}\u{FE0F} Arquitetura',
      '',
      '## \u{1F680} Deploy',
      '',
      '## \u{2699}\u{FE0F} Setup Guide',
      '',
      'See [setup](#\u{FE0F}-setup-guid).',
      '',
    ].join('\n');
    const diags = findings({ 'README.md': readme }, 'link.');

    it('the message names the invisible character and shows the anchor percent-encoded', () => {
      assert.deepEqual(diags.map((d) => d.message), [
        "Broken link `#-arquitetura`: no heading or {#-arquitetura}; the heading's anchor is `#%EF%B8%8F-arquitetura`, which keeps the invisible U+FE0F of its text (after an emoji, its variation selector): link to that, or delete the U+FE0F from the heading.",
        'Broken link `#-deplo`: no heading or {#-deplo}; did you mean `#-deploy`?',
        "Broken link `#\u{FE0F}-setup-guid`: no heading or {#\u{FE0F}-setup-guid}; did you mean `#%EF%B8%8F-setup-guide`? (U+FE0F: an invisible character of the heading's text, kept in its anchor)",
      ]);
      assert.deepEqual(diags[0]!.data, { anchor: '-arquitetura', suggestion: '%EF%B8%8F-arquitetura' });
    });

    it('the quick fix writes the percent-encoded anchor, which resolves', () => {
      const ws = memoryWorkspace({ 'README.md': readme });
      const broken = diagnosticsOf(ws).filter((d) => d.code === 'link.broken-anchor')[0]!;
      const [fix] = codeActions(ws, 'README.md', broken.range, [broken]);
      assert.equal(fix!.title, 'Change to `%EF%B8%8F-arquitetura`');
      const edit = fix!.edits[0]! as { kind: 'text'; newText: string; range: typeof broken.range };
      const lines = readme.split('\n');
      const line = lines[edit.range.start.line]!;
      lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      const fixed = lines.join('\n');
      assert.ok(fixed.includes('- [Arquitetura](#%EF%B8%8F-arquitetura)'));
      assert.deepEqual(findings({ 'README.md': fixed }, 'link.').map((d) => d.data), [{ anchor: '-deplo', suggestion: '-deploy' }, { anchor: '\u{FE0F}-setup-guid', suggestion: '%EF%B8%8F-setup-guide' }]);
    });

    it('anchor completion inserts it percent-encoded, and is found by what the reader sees', () => {
      const ws = memoryWorkspace({ 'README.md': readme, 'docs/a.md': '# A\n\nSee [it](../README.md#-arq\n' });
      const text = '# A\n\nSee [it](../README.md#-arq\n';
      const ctx = completionContext(ws, 'docs/a.md', text, text.indexOf('-arq') + 4)!;
      const entry = completeAnchors(ws, ctx).find((e) => e.documentation.includes('Arquitetura'))!;
      assert.equal(entry.insertText, '%EF%B8%8F-arquitetura');
      assert.equal(entry.label, '%EF%B8%8F-arquitetura');
      assert.ok(entry.filterText.startsWith('-arquitetura '));
    });
  });

  it('`#top` in any case, to this page or another, is the top of the page (the HTML standard); `#topp`, `#top-section` and a missing file are not', () => {
    const diags = findings(
      {
        'guide.md': '# Guía\n\n## Uso\n\nTexto.\n\n[Volver arriba](#top) [Arriba](#Top) [ARRIBA](#TOP) [otra](notes.md#top)\n\n[mal](#topp) [mal](#top-section) [mal](notes.md#top-section) [mal](gone.md#top)\n',
        'notes.md': '# Notas\n\nNada.\n',
      },
      'link.',
    );
    assert.deepEqual(diags.map((d) => d.message), [
      'Broken link `#topp`: no heading or {#topp}.',
      'Broken link `#top-section`: no heading or {#top-section}.',
      'Broken link `notes.md#top-section`: no heading or {#top-section} in notes.md.',
      'Broken link `gone.md#top`: gone.md does not exist.',
    ]);
  });

  it('an undefined reference link', () => {
    const diags = findings({ 'a.md': '# A {#a}\n\nSee [the spec][spec] and [the log][log].\n\n[log]: https://example.com/log\n' }, 'link.');
    assert.deepEqual(diags.map((d) => d.message), ['Undefined link reference `[spec]`: no `[spec]: …` definition in this file.']);
  });

  it('links to existing headings, ids, files and definitions give none', () => {
    const files = { 'a.md': '# Top {#top}\n## Plain Heading\n\n[a](#top) [b](#plain-heading) [c](b.md) [d](b.md#bee) [e][ref]\n\n[ref]: #top\n', 'b.md': '# B {#bee}\n' };
    assert.deepEqual(findings(files, 'link.'), []);
  });

  describe('a book that uses mdbook-spec (config `mdbookSpec`, from book.toml) [^ln6s]', () => {
    const fence = '```';
    const gears = [
      'r[gear]',
      '# Gears',
      '',
      'r[gear.syntax]',
      `${fence}grammar,items`,
      '@root GearDecl -> `gear` IDENT Teeth?',
      '',
      'Teeth (count) -> INTEGER_LITERAL',
      fence,
      '',
      'r[gear.turn]',
      'A gear turns its neighbour.',
      '',
    ].join('\n');
    const motion = [
      '# Motion',
      '',
      'r[motion.intro]',
      'Each [gear][gear.turn] moves; its form is a [declaration][GearDecl], its teeth a [count][grammar-Teeth].',
      'A [cell][core::cell::RefCell], a [boxed value][Box], a [list][alloc::vec::Vec] and [vectors][vec!] are rustdoc links.',
      'See [turning](gears.md#r-gear.turn), [teeth](gears.md#grammar-Teeth) and [this rule](#r-motion.intro); ask the [forum].',
      '',
      'Still wrong: [a][gear.spin], [b][grammar-Axle], [c][serde::Serialize], [d][Wheel], [e](gears.md#r-gear.spin).',
      'And: [f](gears.md#grammar-Axle), [g](#r-gear.turn), [h](#grammar-Teeth).',
      '',
      '[forum]: https://example.org/gadgets',
      '',
    ].join('\n');
    const book = { 'src/gears.md': gears, 'src/motion.md': motion, 'notes/plan.md': `# Plan\n\nAfter [the turn][gear.turn] and [teeth](../src/gears.md#grammar-Teeth).\n\n[forum]: https://example.org\n\nThe [forum].\n` };
    const lines = (config: { mdbookSpec?: string[] }): string[] => shown(findings(book, 'link.', config)).map((d) => d.replace(/ .*?`([^`]*)`.*/, ' $1'));

    it("declares each `r[id]` line's rule and each grammar production a link label of every page, and an anchor of its own page", () => {
      const mistakes = [
        'link.broken-anchor@src/motion.md:8 [gear.spin]',
        'link.broken-anchor@src/motion.md:8 [grammar-Axle]',
        'link.broken-anchor@src/motion.md:8 [serde::Serialize]',
        'link.broken-anchor@src/motion.md:8 [Wheel]',
        'link.broken-anchor@src/motion.md:8 gears.md#r-gear.spin',
        'link.broken-anchor@src/motion.md:9 gears.md#grammar-Axle',
        'link.broken-anchor@src/motion.md:9 #r-gear.turn',
        'link.broken-anchor@src/motion.md:9 #grammar-Teeth',
      ];
      // The real mistakes stay: an unknown rule or production, a path rustdoc cannot resolve, an anchor another page has.
      // A page outside the book's source folder is no page of the book: no label is made for it (its link to an anchor
      // of a page of the book finds the anchor).
      assert.deepEqual(lines({ mdbookSpec: ['src'] }), ['link.broken-anchor@notes/plan.md:3 [gear.turn]', ...mistakes]);
      // Without the preprocessor, none of them is a link.
      assert.deepEqual(lines({}), [
        'link.broken-anchor@notes/plan.md:3 [gear.turn]',
        'link.broken-anchor@notes/plan.md:3 ../src/gears.md#grammar-Teeth',
        'link.broken-anchor@src/motion.md:4 [gear.turn]',
        'link.broken-anchor@src/motion.md:4 [GearDecl]',
        'link.broken-anchor@src/motion.md:4 [grammar-Teeth]',
        'link.broken-anchor@src/motion.md:5 [core::cell::RefCell]',
        'link.broken-anchor@src/motion.md:5 [Box]',
        'link.broken-anchor@src/motion.md:5 [alloc::vec::Vec]',
        'link.broken-anchor@src/motion.md:5 [vec!]',
        'link.broken-anchor@src/motion.md:6 gears.md#r-gear.turn',
        'link.broken-anchor@src/motion.md:6 gears.md#grammar-Teeth',
        'link.broken-anchor@src/motion.md:6 #r-motion.intro',
        ...mistakes,
      ]);
      // The root as the source folder (`src = "."`): every page of the folder.
      assert.deepEqual(lines({ mdbookSpec: [''] }), mistakes.filter((m) => !m.startsWith('notes/')));
    });

    it('reads the lines as mdbook-spec does: a line that is exactly `r[id]`, a `Name ->` line of a grammar block', () => {
      assert.deepEqual(mdbookSpecTargetsOf(gears), { rules: ['gear', 'gear.syntax', 'gear.turn'], productions: ['GearDecl', 'Teeth'] });
      assert.deepEqual(mdbookSpecTargetsOf('r[a.b]\r\nText r[c] and\n r[d]\nr[e] x\n```rust\nNotGrammar -> x\n```\n'), { rules: ['a.b'] });
      assert.equal(mdbookSpecTargetsOf('# Plain\n\nNo rules [here].\n'), undefined);
      for (const yes of ['core::sync::atomic', 'std::ptr#provenance', '`std::option::Option<T>`', 'mod@std::vec', 'f32::from_str', 'Vec::new', 'u8', 'Option', 'alloc::vec!', 'vec!']) assert.ok(isRustdocLink(yes), yes);
      for (const no of ['serde::Serialize', 'crate::x', 'Gear', 'gear.turn', 'foo!', 'a b', 'std::']) assert.ok(!isRustdocLink(no), no);
    });
  });
});
