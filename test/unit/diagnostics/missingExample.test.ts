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

  it("a document's own definition is its note; a numbered note never takes another document's definition", () => {
    const shownOf = (files: Record<string, string>): string[] => findings(files, 'example.missing').map((d) => `${d.file} ${(d.data as { path: string }).path}`);
    // One clause per id, declared by the first document that uses it (here the review); its example comes from the
    // review's own `[^1]:`, whose text follows a blank line (a note with a link, no path), not from the paper's `[^1]:`.
    const review = 'Kept in one repository[^1].\n\n## Notes\n\n[^1]:\n\n     [https://example.org/lamp](https://example.org/lamp) - under an old name\n';
    const paper = 'A paper[^1].\n\n[^1]: notes/one.md\n';
    assert.deepEqual(shownOf({ 'assessments/lamp.md': review, 'papers/lamp.md': paper }), []);
    assert.deepEqual(shownOf({ 'assessments/lamp.md': 'A note[^1].\n', 'papers/lamp.md': paper }), []);
    assert.deepEqual(shownOf({ 'papers/lamp.md': paper }), ['papers/lamp.md papers/notes/one.md']);
    // A named id: the document's own prose definition wins; without one, the definition elsewhere still names its example.
    assert.deepEqual(shownOf({ 'a.md': 'x[^dim]\n\n[^dim]: Dimming is gradual.\n', 'b.md': 'y[^dim]\n\n[^dim]: docs/dim.md\n' }), []);
    assert.deepEqual(shownOf({ 'c.md': 'z[^glow]\n', 'd.md': '[^glow]: docs/glow.md\n' }), ['c.md docs/glow.md']);
  });

  it('a note whose text is a link to a page names no example file; a link to a file with an extension still does', () => {
    // The page is served without its extension (`more/crew.md` as `more/crew/`): an ordinary note, not a missing file.
    const page = { 'spec.md': 'Kept by the crew[^crew].\n\n[^crew]: [The crew of the format](more/crew)\n', 'more/crew.md': '# Crew\n' };
    assert.deepEqual(findings(page, 'example.missing'), []);
    assert.deepEqual(findings({ 'spec.md': 'x[^sec]\n\n[^sec]: [its section](more/crew.md#history)\n', 'more/crew.md': '# Crew\n' }, 'example.missing'), []);
    const file = findings({ 'spec.md': 'x[^c3]\n\n[^c3]: [the worked example](cases/c3.md)\n' }, 'example.missing');
    assert.deepEqual(file.map((d) => d.data), [{ id: 'c3', path: 'cases/c3.md' }]);
  });

  it('a note of Chinese or Japanese prose with a URL in it names no example file; a path in those scripts still does', () => {
    assert.deepEqual(findings({ 'zh/lamp.md': '灯[^1]。\n\n[^1]: 另见灯具说明：https://example.org/lamp/\n' }, 'example.missing'), []);
    assert.deepEqual(findings({ 'ja/lamp.md': 'ランプ[^1]。\n\n[^1]: 詳しくは「https://example.org/lamp」を参照。\n' }, 'example.missing'), []);
    assert.deepEqual(findings({ 'a.md': 'x[^2]\n\n[^2]: see/https://example.org/x\n' }, 'example.missing'), []);
    const path = findings({ 'zh/lamp.md': '灯[^3]。\n\n[^3]: 示例/灯具.md\n' }, 'example.missing');
    assert.deepEqual(path.map((d) => d.data), [{ id: '3', path: 'zh/示例/灯具.md' }]);
  });
});
