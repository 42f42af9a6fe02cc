// example.unused (server/src/core/diagnostics/rules/unusedExample.ts) [^ex6u].
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';
import { brief } from '../../helpers/workspace';

describe('rule example.unused', () => {
  it('example.unused for example files no footnote uses (README-like files excepted)', () => {
    const diags = findings({ 'a.md': 'x[^used]\n', 'examples/used.md': '', 'examples/orphan.md': '', 'examples/README.md': '' }, 'example.unused');
    assert.deepEqual(brief(diags), ['example.unused@examples/orphan.md:1']);
    assert.deepEqual(diags[0]!.data, { path: 'examples/orphan.md', id: 'orphan' });
    assert.equal(diags[0]!.message, 'Unused example file: no spec has a footnote `[^orphan]`.');
    assert.equal(diags[0]!.severity, 'warning');
  });

  it('used examples, and examples folders of workspaces without footnotes, give none', () => {
    assert.deepEqual(findings({ 'a.md': 'x[^used]\n', 'examples/used.md': '' }, 'example.unused'), []);
    assert.deepEqual(findings({ 'a.md': '# A {#a}\n', 'examples/orphan.md': '' }, 'example.unused'), []);
  });
});
