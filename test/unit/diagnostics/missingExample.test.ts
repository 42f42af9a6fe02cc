// example.missing (server/src/core/diagnostics/rules/missingExample.ts) [^ex5p].
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';
import { brief } from '../../helpers/workspace';

describe('rule example.missing', () => {
  it('example.missing where an examples folder exists or a definition points at a file', () => {
    const diags = findings({ 'specs/a.md': 'x[^abcd] y[^efgh]\n', 'examples/efgh.md': 'Examples for [^efgh]\n' }, 'example.missing');
    assert.deepEqual(brief(diags), ['example.missing@specs/a.md:1']);
    assert.deepEqual(diags[0]!.data, { id: 'abcd', path: 'examples/abcd.md' });
    assert.equal(diags[0]!.severity, 'warning');
    const viaDef = findings({ 'a.md': 'x[^d1]\n\n[^d1]: docs/d1.md\n' }, 'example.');
    assert.deepEqual(viaDef.map((d) => [d.code, d.data]), [['example.missing', { id: 'd1', path: 'docs/d1.md' }]]);
    const outside = findings({ 'a.md': 'x[^d2]\n\n[^d2]: ../../etc/passwd\n' }, 'example.missing');
    assert.match(outside[0]!.message, /points outside the workspace/);
    assert.deepEqual(outside[0]!.data, { id: 'd2', outside: true });
  });

  it('no example.missing without an examples folder, for a prose footnote, or when the example exists', () => {
    assert.deepEqual(findings({ 'a.md': 'x[^abcd]\n' }, 'example.missing'), []);
    assert.deepEqual(findings({ 'a.md': 'x[^1]\n\n[^1]: See RFC 9110.\n', 'examples/other.md': '' }, 'example.missing'), [], 'a prose footnote needs no example');
    assert.deepEqual(findings({ 'specs/a.md': 'y[^efgh]\n', 'examples/efgh.md': 'Examples for [^efgh]\n' }, 'example.missing'), []);
  });
});
