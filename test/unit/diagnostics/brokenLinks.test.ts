// link.broken-anchor (server/src/core/diagnostics/rules/brokenLinks.ts) [^ln2a].
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';

describe('rule link.broken-anchor', () => {
  it('link.broken-anchor for missing anchors and files; slugs and {#id} resolve', () => {
    const diags = findings(
      {
        'a.md': '# Top {#top}\n## Plain Heading\n\n[ok](#top) [ok](#plain-heading) [ok](b.md#bee) [bad](#tpo) [bad](b.md#nope) [bad](gone.md#x)\n',
        'b.md': '# B {#bee}\n',
      },
      'link.',
    );
    assert.deepEqual(diags.map((d) => d.message), [
      'Broken link `#tpo`: no heading or {#tpo}; did you mean `#top`?',
      'Broken link `b.md#nope`: no heading or {#nope} in b.md.',
      'Broken link `gone.md#x`: gone.md does not exist.',
    ]);
    assert.ok(diags.every((d) => d.code === 'link.broken-anchor' && d.severity === 'error'));
    assert.deepEqual(diags[0]!.data, { anchor: 'tpo', suggestion: 'top' });
  });

  it('an undefined reference link', () => {
    const diags = findings({ 'a.md': '# A {#a}\n\nSee [the spec][spec] and [the log][log].\n\n[log]: https://example.com/log\n' }, 'link.');
    assert.deepEqual(diags.map((d) => d.message), ['Undefined link reference `[spec]`: no `[spec]: …` definition in this file.']);
  });

  it('links to existing headings, ids, files and definitions give none', () => {
    const files = { 'a.md': '# Top {#top}\n## Plain Heading\n\n[a](#top) [b](#plain-heading) [c](b.md) [d](b.md#bee) [e][ref]\n\n[ref]: #top\n', 'b.md': '# B {#bee}\n' };
    assert.deepEqual(findings(files, 'link.'), []);
  });
});
