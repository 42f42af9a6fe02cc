// clause.malformed-attributes (server/src/core/diagnostics/rules/malformedAttributes.ts).
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';
import { brief } from '../../helpers/workspace';

describe('rule clause.malformed-attributes', () => {
  it('an attribute block that cannot be read is an error at the heading', () => {
    const found = findings({ 'a.md': '# A {#}\n# B {#b}\n' }, 'clause.malformed-attributes');
    assert.deepEqual(brief(found), ['clause.malformed-attributes@a.md:1']);
    assert.equal(found[0]!.severity, 'error');
    assert.deepEqual(found[0]!.data, { raw: '{#}' });
  });

  it('a Liquid or Jinja tag at the end of a heading (`{% include … %}`, `{%- … -%}`) is no attribute block', () => {
    // Jekyll docs put a version badge after headings; its key=value looked like attributes and drew errors.
    const text = '## Emptying the tray {%- include since.html version="2.1" -%}\n\n### Sensor {% include since.html version="3.0" %}\n\n### Broken {#}\n';
    assert.deepEqual(brief(findings({ 'docs/tray.md': text }, 'clause.malformed-attributes')), ['clause.malformed-attributes@docs/tray.md:5']);
  });

  it('well-formed attribute blocks, with or without key=value pairs, give none', () => {
    assert.deepEqual(findings({ 'a.md': '# A {#a}\n# B {#b authority=root}\n# Plain heading\n' }, 'clause.malformed-attributes'), []);
  });
});
