// Editor features computed by the core: code lenses [^lz2q], the outline [^ol4n], the hover [^hv5x], the quick fix
// that creates an example file [^ce8o] [^ls4h].
import * as assert from 'node:assert/strict';
import { codeActions, currentDiagnostics, SHOW_DOCUMENT_COMMAND } from '../../server/src/core/features/actions';
import { exampleMarkdown, hoverMarkdown } from '../../server/src/core/features/hover';
import { annotatedWords, codeLenses, documentSymbols, type OutlineSymbol } from '../../server/src/core/features/symbols';
import { loadWorkspace } from '../../server/src/io/workspace';
import { diagnosticsOf, memoryWorkspace, modelSpecDir } from '../helpers/workspace';

const SPEC = '# Auth {#auth}\n\n## Sessions {#sessions}\n\nExpire[^au3f].\n\n## Other {#other}\n';

describe('code lenses', () => {
  it('count direct citations, and the citations of the clauses inside a heading', () => {
    const ws = memoryWorkspace({ 'a.md': SPEC, 'src/x.ts': '// [^au3f]\n', 'test/x.test.ts': '// [^au3f] [^other]\n' });
    assert.deepEqual(codeLenses(ws, 'a.md').map((l) => l.title), [
      '0 implementations · 0 tests · 3 citations of clauses inside',
      '0 implementations · 0 tests · 2 citations of clauses inside',
      '0 implementations · 1 test',
    ]);
  });

  it('only where they say something: heading clauses, and "not cited" where coverage is on; no lens on a cited footnote', () => {
    const files = { 'a.md': `${SPEC}\nAlso[^zz01].\n\n## Third {#third}\n`, 'src/x.ts': '// [^au3f]\n' };
    const on = memoryWorkspace(files);
    assert.deepEqual(
      codeLenses(on, 'a.md').map((l) => `${l.id}: ${l.title}`),
      ['auth: 0 implementations · 0 tests · 1 citation of clauses inside', 'sessions: 0 implementations · 0 tests · 1 citation of clauses inside', 'other: not cited', 'third: not cited', 'zz01: [^zz01]: not cited'],
    );
    // Coverage off (the setting, or clause.uncited turned off): no "not cited", no lens on any footnote.
    for (const off of [memoryWorkspace(files, { reportUncited: false }), memoryWorkspace(files, { severity: { 'clause.uncited': 'off' } })]) {
      assert.deepEqual(
        codeLenses(off, 'a.md').map((l) => `${l.id}: ${l.title}`),
        ['auth: 0 implementations · 0 tests · 1 citation of clauses inside', 'sessions: 0 implementations · 0 tests · 1 citation of clauses inside', 'other: 0 implementations · 0 tests', 'third: 0 implementations · 0 tests'],
      );
    }
  });

  it('are not shown while the workspace cites nothing (a spec-only repository)', () => {
    assert.deepEqual(codeLenses(memoryWorkspace({ 'a.md': SPEC }), 'a.md'), []);
  });
});

describe('quick fixes are computed from the current text [^se5v]', () => {
  const files = { 'a.md': SPEC, 'src/x.ts': '// [^au3g]\n' };
  const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character } });

  it('the editor\'s diagnostic of an older text stands for the current one: its range is where the problem is now', () => {
    const old = diagnosticsOf(memoryWorkspace(files)).find((d) => d.code === 'citation.unknown-id')!;
    const ws = memoryWorkspace({ ...files, 'src/x.ts': '\n\n// [^au3g]\n' });
    const [current] = currentDiagnostics(diagnosticsOf(ws), [old], old.range);
    assert.deepEqual(current!.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 9 } });
    const [fix] = codeActions(ws, 'src/x.ts', old.range, [current!]);
    assert.deepEqual(fix!.edits, [{ kind: 'text', file: 'src/x.ts', range: current!.range, newText: 'au3f' }]);
  });

  it('a diagnostic that is gone, or names something else now, stands for nothing', () => {
    const old = diagnosticsOf(memoryWorkspace(files)).find((d) => d.code === 'citation.unknown-id')!;
    assert.deepEqual(currentDiagnostics(diagnosticsOf(memoryWorkspace({ ...files, 'src/x.ts': '// [^au3f]\n' })), [old], old.range), []);
    // Another suggestion now (a closer id appeared): the old "Change to" is not offered.
    const closer = memoryWorkspace({ ...files, 'a.md': SPEC + '\nSee[^au3h].\n' });
    assert.deepEqual(currentDiagnostics(diagnosticsOf(closer).filter((d) => d.file === 'src/x.ts'), [{ ...old, data: { ...old.data, suggestion: 'au3x' } }], old.range), []);
  });

  it('the same problem twice: the one at the requested range, else the nearest', () => {
    const ws = memoryWorkspace({ ...files, 'src/x.ts': '// [^au3g]\n\n\n// [^au3g]\n' });
    const current = diagnosticsOf(ws).filter((d) => d.code === 'citation.unknown-id');
    const sent = { ...current[0]!, range: at(9, 9) };
    assert.equal(currentDiagnostics(current, [sent], at(3, 6))[0]!.range.start.line, 3);
    assert.equal(currentDiagnostics(current, [sent], at(1))[0]!.range.start.line, 0);
    // The LSP form of a diagnostic carries its code and file in the data too.
    assert.equal(currentDiagnostics(current, [{ ...sent, data: { ...sent.data, code: sent.code, file: 'src/x.ts' } }], at(3, 6)).length, 1);
  });
});

/** The outline as indented lines: `name (detail) Lstart-Lend`, 1-based lines. */
function outline(symbols: OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''} L${s.range.start.line + 1}-${s.range.end.line + 1}`,
    ...outline(s.children, depth + 1),
  ]);
}

describe('outline (document symbols)', () => {
  it('nests each footnote clause under its section, named by the words it annotates; sections span their text', () => {
    const spec = [
      '# Auth {#auth authority=root}', // 1
      '', // 2
      'Intro text.', // 3
      '', // 4
      '## Sessions {#sessions}', // 5
      '', // 6
      'Idle sessions expire after 30 minutes[^au3f]. A cookie is HttpOnly[^ck01] and Secure[^ck02].', // 7
      '', // 8
      '### Notes', // 9
      '', // 10
      '[^nt01] opens this sentence about notes. More text.', // 11
      '', // 12
      '## Passwords {#passwords}', // 13
      '', // 14
      'Hashed.', // 15
    ].join('\n');
    const ws = memoryWorkspace({ 'specs/a.md': spec });
    assert.deepEqual(outline(documentSymbols(ws, 'specs/a.md')), [
      'Auth ({#auth} root) L1-15',
      '  Sessions ({#sessions}) L5-13',
      '    [^au3f] Idle sessions expire after 30 minutes (root) L7-7',
      '    [^ck01] A cookie is HttpOnly (root) L7-7',
      '    [^ck02] and Secure (root) L7-7',
      '    Notes L9-13',
      '      [^nt01] opens this sentence about notes (root) L11-11',
      '  Passwords ({#passwords}) L13-15',
    ]);
  });

  it('on the real Model Spec: 116 footnotes nested under their sections, none left at the top level', async () => {
    const ws = await loadWorkspace(modelSpecDir());
    const roots = documentSymbols(ws.index, 'model_spec.md');
    const all: { s: OutlineSymbol; parent?: OutlineSymbol }[] = [];
    const walk = (list: OutlineSymbol[], parent?: OutlineSymbol): void => list.forEach((s) => (all.push({ s, ...(parent ? { parent } : {}) }), walk(s.children, s)));
    walk(roots);
    const footnotes = all.filter((x) => x.s.kind === 'footnote');
    assert.equal(footnotes.length, 116);
    assert.equal(roots.filter((s) => s.kind === 'footnote').length, 0);
    assert.ok(footnotes.every((f) => f.parent && f.parent.kind !== 'footnote' && f.s.name.length > `[^xxxx] `.length), 'every footnote has a parent section and words');
    const first = footnotes.find((f) => f.s.name.startsWith('[^8ep1]'))!;
    assert.equal(first.s.name, '[^8ep1] Above all else, the assistant must adhere to this Model Spec');
    assert.equal(first.parent!.name, 'The chain of command');
    // Every child lies inside its parent's range (breadcrumbs and "follow cursor" rely on it).
    const inside = (a: OutlineSymbol, b: OutlineSymbol): boolean =>
      (a.range.start.line > b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character >= b.range.start.character)) &&
      (a.range.end.line < b.range.end.line || (a.range.end.line === b.range.end.line && a.range.end.character <= b.range.end.character));
    assert.ok(all.every((x) => !x.parent || inside(x.s, x.parent)));
  });

  it('names a footnote by the words before it, shortened from the left, or after it when it opens a sentence', () => {
    assert.equal(annotatedWords('Above all else, adhere to this spec[^a1]. Note.', 'a1'), 'Above all else, adhere to this spec');
    assert.equal(annotatedWords('X conflicts with a higher instruction[^m1] or a later one at the same level[^d3].', 'd3'), 'or a later one at the same level');
    assert.equal(
      annotatedWords('This includes all system, developer and user instructions except for those that conflict with a higher-authority instruction[^m1].', 'm1'),
      '…for those that conflict with a higher-authority instruction',
    );
    assert.equal(annotatedWords('[^o1] starts here. Then more.', 'o1'), 'starts here');
    assert.equal(annotatedWords('no reference at all', 'zz'), '');
  });
});

describe('hover', () => {
  const link = (p: string, line?: number): string => `file:///w/${p}${line !== undefined ? `#L${line + 1}` : ''}`;

  it('renders the example file as Markdown: bold stays bold, lines stay lines, no code block around it', () => {
    const example = 'Examples for [^au3f] in Sessions:\n\n**Example**: an idle session\n\n- Compliant: redirected.\n- Non-compliant: served.\n';
    const ws = memoryWorkspace({ 'specs/a.md': '# Sessions {#sessions}\n\nExpire[^au3f].\n', 'examples/au3f.md': example, 'src/x.ts': '// [^au3f]\n' });
    const hover = hoverMarkdown(ws.model(), 'au3f', { link, exampleHead: (p) => ws.exampleFactsOf(p)?.head })!;
    assert.ok(hover.endsWith('Example: [examples/au3f.md](file:///w/examples/au3f.md)\n\n' + example.trimEnd()), hover);
    assert.ok(!hover.includes('```'), 'no code block');
  });

  it('embeds the example safely: closes a fence the cut left open, no raw HTML, no images, headings as bold lines', () => {
    assert.equal(exampleMarkdown('Examples:\n\n~~~xml\n<system>\nBe brief.'), 'Examples:\n\n~~~xml\n<system>\nBe brief.\n~~~');
    assert.equal(exampleMarkdown('<!-- a comment that never ends\n<img src="https://x.test/p.png"> ![pixel](https://x.test/p.png)'), '\\<!-- a comment that never ends\n\\<img src="https://x.test/p.png"> !\\[pixel](https://x.test/p.png)');
    assert.equal(exampleMarkdown('## Compliant\n\nUse `<b>` and ``a ` <i>`` here.'), '**Compliant**\n\nUse `<b>` and ``a ` <i>`` here.');
    assert.equal(exampleMarkdown('````md\n```\nnested\n```\n````\nafter <x>'), '````md\n```\nnested\n```\n````\nafter \\<x>');
    assert.equal(exampleMarkdown(Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')).split('\n').length, 12);
  });
});

describe('quick fix "Create example file"', () => {
  it('creates the file from the template, then asks the editor to open it', () => {
    const ws = memoryWorkspace({ 'specs/a.md': '# Sessions {#sessions}\n\nExpire[^au3f].\n', 'examples/other.md': 'Examples for [^zz] in X:\n' });
    const missing = diagnosticsOf(ws).find((d) => d.code === 'example.missing')!;
    const fix = codeActions(ws, 'specs/a.md', missing.range, [missing]).find((a) => a.title.startsWith('Create example file'))!;
    assert.deepEqual(fix.edits.map((e) => e.kind), ['create']);
    assert.deepEqual(fix.command, { command: SHOW_DOCUMENT_COMMAND, arguments: [{ file: 'examples/au3f.md' }] });
  });
});
