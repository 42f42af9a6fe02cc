// clause.unknown-authority (server/src/core/diagnostics/rules/unknownAuthority.ts).
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';
import { brief } from '../../helpers/workspace';

describe('rule clause.unknown-authority', () => {
  it('an authority= value that is not in the configured list, with the closest one', () => {
    const found = findings({ 'a.md': '# A {#a}\n# B {#b authority=rooot}\n# C {#c authority=platform}\n# D {#d authority=root}\n' }, 'clause.unknown-authority');
    assert.deepEqual(brief(found), ['clause.unknown-authority@a.md:2']);
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[0]!.message, /did you mean `root`/);
    assert.deepEqual(found[0]!.data, { id: 'b', authority: 'rooot', suggestion: 'root' });
  });

  it('platform and root are both accepted by default; a configured list replaces them', () => {
    assert.deepEqual(findings({ 'a.md': '# C {#c authority=platform}\n# D {#d authority=root}\n' }, 'clause.unknown-authority'), []);
    assert.deepEqual(brief(findings({ 'a.md': '# C {#c authority=platform}\n# D {#d authority=team}\n' }, 'clause.unknown-authority', { authorities: ['team'] })), [
      'clause.unknown-authority@a.md:1',
    ]);
  });
});
