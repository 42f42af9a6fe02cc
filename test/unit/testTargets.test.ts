// Footnote definitions that name the test verifying a clause [^tt3v].
import * as assert from 'node:assert/strict';
import { findTestDefinitions, lookupTest } from '../../server/src/core/comments/testNames';
import { toJson } from '../../server/src/core/format/json';
import { hoverMarkdown } from '../../server/src/core/features/hover';
import { definition, referencesOf } from '../../server/src/core/features/navigation';
import { renameId } from '../../server/src/core/features/rename';
import { coverageReport } from '../../server/src/core/format/report';
import { findTestTargets } from '../../server/src/core/markdown/testTargets';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

const lines = (...l: string[]): string => l.join('\n') + '\n';

/**
 * A project in the shape of real spec-driven repositories: a spec under `specs/` whose footnote definitions name the
 * pytest test that verifies each clause (paths from the repository root), and the tests under `specs/tests/`.
 */
const SPEC = lines(
  '# Plugin commands',
  '',
  '## File format {#cmd_format authority=system}',
  '',
  'A command file MUST:',
  '- use the `.md` extension [^cmd1a]',
  '- start with YAML front matter [^cmd1b]',
  '- be named `x<name>` [^cmd1c]',
  '',
  '[^cmd1a]: specs/tests/test_command_files.py::test_extension_is_md',
  '[^cmd1b]: specs/tests/test_command_files.py::TestFrontMatter::test_parses',
  '[^cmd1c]: specs/tests/test_command_files.py::test_naming_prefix',
  '',
  '## Front matter {#front_matter authority=system}',
  '',
  'The front matter MUST:',
  '- have a `description` [^fm1a]',
  '- list its `tags` [^fm1b]',
  '',
  '[^fm1a]: specs/tests/test_front_matter.py::test_description_present',
  '[^fm1b]: specs/tests/test_front_matter.py::test_tags_are_a_list',
);
const TESTS = lines(
  'import pytest',
  '',
  '',
  'def test_extension_is_md(tmp_path):',
  '    assert True',
  '',
  '',
  'class TestFrontMatter:',
  '    def test_parses(self):',
  '        assert True',
  '',
  '    @pytest.mark.parametrize("name", ["a", "b"])',
  '    def test_rejects_tabs(self, name):',
  '        assert True',
);

describe('test targets in footnote definitions [^tt3v]', () => {
  it('a real-world pytest layout: found tests are test citations, the missing ones are named, no example.missing', () => {
    const index = memoryWorkspace({ 'specs/commands.md': SPEC, 'specs/tests/test_command_files.py': TESTS, 'src/cli.py': 'def main():  # [^cmd_format]\n    pass\n' });
    const diagnostics = diagnosticsOf(index).filter((d) => d.severity !== 'info');
    assert.deepEqual(brief(diagnostics), ['test.missing@specs/commands.md:12', 'test.missing@specs/commands.md:20', 'test.missing@specs/commands.md:21']);
    assert.equal(diagnostics[0]!.message, 'Missing test for `[^cmd1c]`: specs/tests/test_command_files.py defines no `test_naming_prefix` (named by `specs/tests/test_command_files.py::test_naming_prefix`).');
    assert.equal(diagnostics[1]!.message, 'Missing test file for `[^fm1a]`: specs/tests/test_front_matter.py does not exist (named by `specs/tests/test_front_matter.py::test_description_present`).');
    // The diagnostic sits on the target itself.
    assert.deepEqual(diagnostics[0]!.range, { start: { line: 11, character: 10 }, end: { line: 11, character: 63 } });
    assert.deepEqual(diagnostics[0]!.data, { id: 'cmd1c', target: 'specs/tests/test_command_files.py::test_naming_prefix', path: 'specs/tests/test_command_files.py', test: 'test_naming_prefix' });

    const model = index.model();
    const cited = model.resolve('cmd1b').citations;
    assert.equal(cited.length, 1);
    assert.deepEqual(
      { file: cited[0]!.file, kind: cited[0]!.kind, line: cited[0]!.range.start.line, character: cited[0]!.range.start.character, target: cited[0]!.target },
      { file: 'specs/tests/test_command_files.py', kind: 'test', line: 8, character: 8, target: 'specs/tests/test_command_files.py::TestFrontMatter::test_parses' },
    );
    assert.equal(model.isCovered('cmd1a'), true);
    assert.equal(model.isCovered('cmd1c'), false, 'a test that does not exist verifies nothing');
    assert.equal(model.isCovered('front_matter'), false);
  });

  it('adding the missing test clears its diagnostic and makes it a citation (incremental update)', () => {
    const index = memoryWorkspace({ 'specs/commands.md': SPEC, 'specs/tests/test_command_files.py': TESTS });
    assert.equal(brief(diagnosticsOf(index)).filter((b) => b.startsWith('test.missing')).length, 3);
    index.model();
    index.updateFile('specs/tests/test_command_files.py', TESTS + '\n\ndef test_naming_prefix():\n    assert True\n', true);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((b) => b.startsWith('test.missing')), ['test.missing@specs/commands.md:20', 'test.missing@specs/commands.md:21']);
    assert.equal(index.model().resolve('cmd1c').citations[0]?.range.start.line, 16);
    // Moving the tests down moves the citations with them.
    index.updateFile('specs/tests/test_command_files.py', '"""Docs."""\n' + TESTS + '\n\ndef test_naming_prefix():\n    assert True\n', true);
    assert.equal(index.model().resolve('cmd1a').citations[0]?.range.start.line, 4);
    index.updateFile('specs/tests/test_front_matter.py', 'def test_description_present():\n    pass\ndef test_tags_are_a_list():\n    pass\n');
    assert.deepEqual(brief(diagnosticsOf(index)).filter((b) => b.startsWith('test.missing')), []);
  });

  it('edits of the spec and of the tests give the diagnostics and citations of a fresh index', () => {
    const files: Record<string, string> = { 'specs/commands.md': SPEC, 'specs/tests/test_command_files.py': TESTS, 'src/cli.py': '# [^cmd1a]\n' };
    const index = memoryWorkspace(files);
    const edits: [string, string][] = [
      ['specs/commands.md', SPEC.replace('A command file MUST:', 'A command file MUST:\n\nIt is read at start-up.\n')],
      ['specs/tests/test_command_files.py', '# Tests of command files.\n' + TESTS],
      ['specs/tests/test_command_files.py', TESTS.replace('def test_parses', 'def test_parses_yaml')],
      ['specs/commands.md', SPEC.replace('::test_naming_prefix', '::test_extension_is_md')],
      ['src/cli.py', '\n# [^cmd1a]\n'],
    ];
    for (const [path, text] of edits) {
      index.model();
      index.updateFile(path, text, true);
      files[path] = text;
      const fresh = memoryWorkspace(files);
      assert.deepEqual(diagnosticsOf(index), diagnosticsOf(fresh), `after editing ${path}`);
      const citations = (i: typeof index): unknown => i.model().citations.map((c) => [c.id, c.file, c.range, c.kind, c.target]);
      assert.deepEqual(citations(index), citations(fresh), `after editing ${path}`);
    }
    assert.deepEqual(brief(diagnosticsOf(index)).filter((b) => b.startsWith('test.missing')), ['test.missing@specs/commands.md:11', 'test.missing@specs/commands.md:20', 'test.missing@specs/commands.md:21']);
  });

  it('a definition that is a URL, prose or a plain example path keeps its meaning', () => {
    const index = memoryWorkspace({
      'specs/http.md': lines(
        '# HTTP {#http}',
        '',
        'Status codes follow the RFC[^rfc] and the notes[^why]; see the example[^ex1].',
        '',
        '[^rfc]: https://www.rfc-editor.org/rfc/rfc9110.html#section-15',
        '[^why]: See the design notes, section 2::3.',
        '[^ex1]: examples/ex1.md',
      ),
    });
    assert.deepEqual(brief(diagnosticsOf(index)), ['example.missing@specs/http.md:3']);
    assert.match(diagnosticsOf(index)[0]!.message, /specs\/examples\/ex1\.md does not exist/);
  });

  it('`path#L10` and lists of targets: the file must exist; a line in a source file is a citation of its kind', () => {
    const index = memoryWorkspace({
      'spec.md': lines(
        '# Cart {#cart}',
        '',
        'Items can be removed[^rm] and totals add up[^sum].',
        '',
        '[^rm]: tests/cart.test.ts#L3, `src/cart.ts#L10-L12`',
        '[^sum]: tests/totals.test.ts#L1',
      ),
      'tests/cart.test.ts': 'import { Cart } from "../src/cart";\n\ntest("removes an item", () => {});\n',
      'src/cart.ts': 'export class Cart {}\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.severity !== 'info')), ['test.missing@spec.md:6']);
    const rm = index.model().resolve('rm').citations.map((c) => `${c.kind}@${c.file}:${c.range.start.line + 1}`);
    assert.deepEqual(rm, ['test@tests/cart.test.ts:3', 'code@src/cart.ts:10']);
  });

  it('JavaScript titles, Go functions and Rust inline tests are checked in their own terms', () => {
    const index = memoryWorkspace({
      'specs/s.md': lines(
        '# S {#s}',
        '',
        'A[^js1] B[^js2] C[^go1] D[^go2] E[^rs1] F[^rs2]',
        '',
        '[^js1]: web/cart.test.ts::Cart::removes an item',
        '[^js2]: web/cart.test.ts::Cart::adds a coupon',
        '[^go1]: pkg/store/store_test.go::TestSave/empty key',
        '[^go2]: pkg/store/store_test.go::TestLoad',
        '[^rs1]: src/lib.rs::tests::parses_header',
        '[^rs2]: src/lib.rs::tests::parses_footer',
      ),
      'web/cart.test.ts': lines('describe("Cart", () => {', "  it('removes an item', () => {});", '});'),
      'pkg/store/store_test.go': lines('package store', '', 'func TestSave(t *testing.T) {', '\tt.Run("empty key", func(t *testing.T) {})', '}'),
      'src/lib.rs': lines('pub fn parse() {}', '', '#[cfg(test)]', 'mod tests {', '    #[test]', '    fn parses_header() {}', '}'),
    });
    const missing = diagnosticsOf(index).filter((d) => d.code === 'test.missing').map((d) => d.data?.['test']);
    assert.deepEqual(missing, ['adds a coupon', 'TestLoad', 'parses_footer']);
    const where = (id: string): string => index.model().resolve(id).citations.map((c) => `${c.file}:${c.range.start.line + 1}:${c.range.start.character + 1}`).join();
    assert.equal(where('js1'), 'web/cart.test.ts:2:7');
    assert.equal(where('go1'), 'pkg/store/store_test.go:3:6');
    assert.equal(where('rs1'), 'src/lib.rs:6:8');
  });

  it('never reports a test it cannot know: inherited methods, computed titles, unread languages, odd names', () => {
    const index = memoryWorkspace({
      'specs/s.md': lines(
        '# S {#s}',
        '',
        'A[^a] B[^b] C[^c] D[^d] E[^e]',
        '',
        '[^a]: tests/test_api.py::TestAdmin::test_inherited_from_base',
        '[^b]: tests/each.test.js::adds 1 + 2',
        '[^c]: src/test/java/CartTest.java::removesItem',
        '[^d]: tests/test_api.py::test_login (the happy path)',
        '[^e]: tests/test_api.py::test_login[admin-1]',
      ),
      'tests/test_api.py': lines('from .base import ApiCase', '', 'class TestAdmin(ApiCase):', '    pass', '', 'def test_login(role):', '    pass'),
      'tests/each.test.js': lines('test.each([[1, 2, 3]])("adds %i + %i", (a, b, c) => {});'),
      'src/test/java/CartTest.java': 'class CartTest {}\n',
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((b) => !b.startsWith('clause.uncited')), []);
    // Each still cites its clause (the file exists).
    for (const id of ['a', 'b', 'c', 'd', 'e']) assert.equal(index.model().resolve(id).citations.length, 1, id);
  });

  it('hover, references and definition list the test; rename never edits the test file', () => {
    const index = memoryWorkspace({ 'specs/commands.md': SPEC, 'specs/tests/test_command_files.py': TESTS });
    const model = index.model();
    const hover = hoverMarkdown(model, 'cmd1a', { link: (p, line) => `file:///${p}#${line ?? 0}` })!;
    assert.match(hover, /Cited by 0 implementations · 1 test/);
    assert.match(hover, /Verified by \[specs\/tests\/test\\_command\\_files\.py::test\\_extension\\_is\\_md\]\(file:\/\/\/specs\/tests\/test_command_files\.py#3\)/);
    const refs = referencesOf(model, 'cmd1a', false).map((l) => `${l.file}:${l.range.start.line + 1}`);
    assert.deepEqual(refs, ['specs/tests/test_command_files.py:4', 'specs/commands.md:6', 'specs/commands.md:10']);
    const defs = definition(index, 'specs/commands.md', { line: 9, character: 3 }).map((l) => `${l.file}:${l.range.start.line + 1}`);
    assert.deepEqual(defs, ['specs/commands.md:6', 'specs/tests/test_command_files.py:4']);
    const renamed = renameId(index, 'cmd1a', 'cmd_ext');
    assert.ok('edits' in renamed);
    assert.deepEqual(renamed.edits.map((e) => (e.kind === 'text' ? `${e.file}:${e.range.start.line + 1}` : e.kind)), ['specs/commands.md:6', 'specs/commands.md:10']);
  });

  it('JSON marks the citation with its target; the report counts it as a test', () => {
    const index = memoryWorkspace({ 'specs/commands.md': SPEC, 'specs/tests/test_command_files.py': TESTS });
    const model = index.model();
    const json = toJson(model, diagnosticsOf(index)) as { citations: { id: string; kind: string; target?: string }[] };
    assert.deepEqual(json.citations.find((c) => c.id === 'cmd1a'), { id: 'cmd1a', file: 'specs/tests/test_command_files.py', line: 4, column: 5, kind: 'test', target: 'specs/tests/test_command_files.py::test_extension_is_md' });
    assert.match(coverageReport(model), /\| `cmd1a` \| footnote \| system \| File format \| 0 \| 1 \| yes \| — \|/);
  });

  it('a target that leaves the workspace is reported, not read', () => {
    const index = memoryWorkspace({ 'spec.md': '# S {#s}\n\nA[^a]\n\n[^a]: ../../etc/tests/test_x.py::test_y\n' });
    const d = diagnosticsOf(index);
    assert.deepEqual(brief(d), ['test.missing@spec.md:5']);
    assert.equal(d[0]!.data?.['outside'], true);
  });
});

describe('findTestTargets: which definitions name tests [^tt3v]', () => {
  const shapes = (text: string): string[] => findTestTargets(text).map((t) => `${t.path}|${t.names.join('>')}|${t.line ?? ''}|${text.slice(t.start, t.end)}`);

  it('reads pytest, jest, Go and line-anchor shapes with their exact offsets', () => {
    assert.deepEqual(shapes(' specs/tests/test_a.py::test_b'), ['specs/tests/test_a.py|test_b||specs/tests/test_a.py::test_b']);
    assert.deepEqual(shapes(' tests/test_a.py::TestX::test_y[1-2]'), ['tests/test_a.py|TestX>test_y[1-2]||tests/test_a.py::TestX::test_y[1-2]']);
    assert.deepEqual(shapes(' `web/a.test.ts::Cart::removes an item`'), ['web/a.test.ts|Cart>removes an item||web/a.test.ts::Cart::removes an item']);
    assert.deepEqual(shapes(' a_test.go#L10-L20'), ['a_test.go||10|a_test.go#L10-L20']);
    assert.deepEqual(shapes(' t/a.py::x, t/b.py#L3 ; <t/c.rs::m::y>'), ['t/a.py|x||t/a.py::x', 't/b.py||3|t/b.py#L3', 't/c.rs|m>y||t/c.rs::m::y']);
    assert.deepEqual(shapes(' tests/test\\_a.py::test\\_b'), ['tests/test_a.py|test_b||tests/test\\_a.py::test\\_b']);
  });

  it('URLs, prose, plain paths, Rust paths without a file and multi-line text are not test targets', () => {
    for (const text of [
      ' https://example.com/tests/test_a.py#L10',
      ' See RFC 9110, section 15::2.',
      ' examples/au3f.md',
      ' crate::tests::parses',
      ' tests/test_a.py::test_b\n  and more prose',
      ' tests/test_a.py:: ',
      ' ' + 'a/'.repeat(5000) + 'x.py::t',
    ]) {
      assert.deepEqual(findTestTargets(text), [], JSON.stringify(text.slice(0, 60)));
    }
  });
});

describe('findTestDefinitions and lookupTest [^tt3v]', () => {
  it('qualifies Python names by indentation and keeps classes with bases open', () => {
    const defs = findTestDefinitions('python', lines('class TestA:', '    def test_x(self): pass', '    class TestInner:', '        async def test_y(self): pass', 'def test_z(): pass', 'class TestB(Base):', '    pass'))!;
    assert.deepEqual(defs.names.map((n) => n.name), ['TestA', 'TestA::test_x', 'TestA::TestInner', 'TestA::TestInner::test_y', 'test_z', 'TestB']);
    assert.deepEqual(defs.openClasses, ['TestB']);
    assert.equal(lookupTest('python', defs, ['TestA', 'TestInner', 'test_y']).status, 'found');
    assert.deepEqual(lookupTest('python', defs, ['TestA', 'test_z']), { status: 'missing', name: 'TestA::test_z' });
    assert.deepEqual(lookupTest('python', defs, ['TestC', 'test_x']), { status: 'missing', name: 'TestC' });
    assert.equal(lookupTest('python', defs, ['TestB', 'test_anything']).status, 'unverified');
  });

  it('JavaScript: literal titles; `.each`, templates with ${} and computed titles open the file', () => {
    const closed = findTestDefinitions('typescript', lines('describe("a \\"q\\"", () => {', '  it.only(`b`, () => {});', '  test.skip(\'c\', () => {});', '});'))!;
    assert.deepEqual(closed.names.map((n) => n.name), ['a "q"', 'b', 'c']);
    assert.equal(closed.open, undefined);
    for (const text of ['test.each([1])("n %i", () => {});', 'it(`x ${y}`, () => {});', 'it(name, () => {});']) {
      assert.equal(findTestDefinitions('javascript', text)!.open, true, text);
    }
  });

  it('reads a title on the line after the call (as formatters write long ones)', () => {
    const defs = findTestDefinitions('typescript', lines('it(', "  'does a thing that needs a long explanation',", '  () => {},', ');'))!;
    assert.deepEqual(defs.names.map((n) => `${n.name}@${n.range.start.line}:${n.range.start.character}`), ['does a thing that needs a long explanation@1:3']);
  });

  it('stays linear on hostile test files (100,000 unclosed calls, classes and receivers)', () => {
    for (const [language, unit] of [['typescript', 'it(`'], ['typescript', "test('"], ['python', 'class X(\n'], ['go', 'func (\n'], ['rust', 'fn ']] as const) {
      const defs = findTestDefinitions(language, unit.repeat(100_000));
      assert.ok(defs, language);
    }
  });
});
