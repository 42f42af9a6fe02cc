// Editor features computed by the core: code lenses [^ls4h].
import * as assert from 'node:assert/strict';
import { codeActions, currentDiagnostics } from '../../server/src/core/features/actions';
import { codeLenses } from '../../server/src/core/features/symbols';
import { diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

const SPEC = '# Auth {#auth}\n\n## Sessions {#sessions}\n\nExpire[^au3f].\n\n## Other {#other}\n';

describe('code lenses', () => {
  it('count direct citations, and the citations of the clauses inside a heading', () => {
    const ws = memoryWorkspace({ 'a.md': SPEC, 'src/x.ts': '// [^au3f]\n', 'test/x.test.ts': '// [^au3f] [^other]\n' });
    assert.deepEqual(codeLenses(ws, 'a.md').map((l) => l.title), [
      '0 implementations · 0 tests · 3 citations of clauses inside',
      '0 implementations · 0 tests · 2 citations of clauses inside',
      '0 implementations · 1 test',
      '[^au3f]: 1 implementation · 1 test',
    ]);
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
