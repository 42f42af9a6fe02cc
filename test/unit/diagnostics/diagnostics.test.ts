// The entry (server/src/core/diagnostics/diagnostics.ts): every rule's findings, sorted, with configured severities [^dg3s].
import * as assert from 'node:assert/strict';
import { diagnosticsOf, memoryWorkspace } from '../../helpers/workspace';

describe('diagnostics: the rules together', () => {
  it('severity overrides, including off', () => {
    const index = memoryWorkspace({ 'a.md': '# A {#a}\n', 'src/x.ts': '// [^nope]\n' }, { severity: { 'citation.unknown-id': 'warning', 'clause.uncited': 'off' } });
    assert.deepEqual(diagnosticsOf(index).map((d) => `${d.code}:${d.severity}`), ['citation.unknown-id:warning']);
  });

  it('sorted by file, position and code, whichever rule made them', () => {
    const index = memoryWorkspace({
      'b.md': '# B {#dup}\n\n[x](#nowhere)\n',
      'a.md': '# A {#dup authority=nobody}\n',
      'src/x.ts': '// [^nope] [^dup]\n',
    });
    assert.deepEqual(
      diagnosticsOf(index).map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character} ${d.code}`),
      [
        'a.md:1:0 clause.unknown-authority',
        'a.md:1:6 clause.duplicate-id',
        'b.md:1:6 clause.duplicate-id',
        'b.md:3:5 link.broken-anchor',
        'src/x.ts:1:5 citation.unknown-id',
      ],
    );
  });
});
