// Editor features computed by the core: code lenses [^ls4h].
import * as assert from 'node:assert/strict';
import { codeLenses } from '../../server/src/core/features/symbols';
import { memoryWorkspace } from '../helpers/workspace';

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
