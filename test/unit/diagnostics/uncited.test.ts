// clause.uncited (server/src/core/diagnostics/rules/uncited.ts) [^dg8u].
import * as assert from 'node:assert/strict';
import { findings, findingsOf } from '../../helpers/diagnostics';
import { brief, memoryWorkspace } from '../../helpers/workspace';

describe('rule clause.uncited', () => {
  it('clause.uncited (info) only when the workspace has code citations at all', () => {
    const files = { 'a.md': '# A {#a}\n# B {#b}\n' };
    assert.deepEqual(findings(files, 'clause.uncited'), []);
    const diags = findings({ ...files, 'src/x.rs': '// implements [^a]\n' }, 'clause.uncited');
    assert.deepEqual(brief(diags), ['clause.uncited@a.md:2']);
    assert.equal(diags[0]!.severity, 'info');
    assert.equal(diags[0]!.message, 'Clause `b` is not cited by any code or test, nor is any clause inside it.');
    assert.deepEqual(findings({ ...files, 'src/x.rs': '// [^a]\n' }, 'clause.uncited', { reportUncited: false }), []);
  });

  it('a heading clause is covered when a clause inside it is cited', () => {
    const index = memoryWorkspace({
      'a.md': '# Top {#top}\n\n## Mid {#mid}\n\nText[^fn01].\n\n## Other {#other}\n\n# Alone {#alone}\n',
      'src/x.ts': '// [^fn01]\n',
    });
    assert.equal(index.model().resolve('mid').clause?.parent, 'top');
    assert.deepEqual(findingsOf(index, 'clause.uncited').map((d) => d.data?.['id']), ['other', 'alone']);
  });
});
