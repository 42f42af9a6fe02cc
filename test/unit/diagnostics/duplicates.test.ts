// clause.duplicate-id (server/src/core/diagnostics/rules/duplicates.ts) [^sc5p].
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';
import { brief } from '../../helpers/workspace';

describe('rule clause.duplicate-id', () => {
  it('clause.duplicate-id on every occurrence, across files', () => {
    const found = findings({ 'a.md': '# A {#same}\n', 'b.md': '# B {#same}\n\nx[^fn]\n\n[^fn]: one\n[^fn]: two\n' }, 'clause.duplicate-id');
    assert.deepEqual(brief(found), ['clause.duplicate-id@a.md:1', 'clause.duplicate-id@b.md:1', 'clause.duplicate-id@b.md:6']);
    assert.match(found[0]!.message, /also defined at b\.md:1/);
    assert.deepEqual(found[0]!.data, { id: 'same', others: ['b.md:1'] });
    assert.equal(found[2]!.message, 'Duplicate footnote definition `[^fn]:` in this file.');
  });

  it('a duplicate names at most 10 other places', () => {
    const files = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`s${String(i).padStart(2, '0')}.md`, '# X {#same}\n']));
    const found = findings(files, 'clause.duplicate-id');
    assert.equal(found.length, 13);
    assert.equal((found[0]!.data!['others'] as string[]).length, 11);
    assert.match(found[0]!.message, /, and 2 more\.$/);
  });

  it('distinct ids, repeated references, and one id in two feature folders are no duplicates', () => {
    assert.deepEqual(findings({ 'a.md': '# A {#a}\n\nx[^fn] y[^fn]\n\n[^fn]: one\n', 'b.md': '# B {#b}\n' }, 'clause.duplicate-id'), []);
    const feature = '# Feature Specification: x\n\n## Requirements\n\n- **FR-001**: System MUST log in users.\n';
    assert.deepEqual(findings({ 'specs/001-a/spec.md': feature, 'specs/002-b/spec.md': feature }, 'clause.duplicate-id'), []);
  });
});
