// citation.unknown-id and citation.ambiguous-id (server/src/core/diagnostics/rules/unknownCitation.ts) [^dg5n] [^sc5p].
import * as assert from 'node:assert/strict';
import { findings } from '../../helpers/diagnostics';

const SPEC = '# Auth {#auth}\n\nSessions expire after 30 minutes[^au3f].\n\n## Passwords {#passwords}\n\nHash them[^pw1a].\n';

/** Two spec-kit feature folders that both declare FR-001 (ids are unique per feature folder). */
const feature = (name: string): string =>
  `# Feature Specification: ${name}\n\n## Requirements\n\n### Functional Requirements\n\n- **FR-001**: System MUST send a reset link by email.\n- **FR-002**: System MUST expire reset links after 30 minutes.\n`;
const FEATURES = { 'specs/001-reset/spec.md': feature('reset'), 'specs/002-billing/spec.md': feature('billing') };

describe('rule citation.unknown-id', () => {
  it('citation.unknown-id suggests the closest known id', () => {
    const diags = findings({ 'specs/auth.md': SPEC, 'src/a.ts': '// [^au3g] and [^zzzzzzzz]\n' }, 'citation.unknown-id');
    assert.deepEqual(diags.map((d) => [d.message, d.data, d.severity]), [
      ['Unknown clause id `au3g`; did you mean `au3f`?', { id: 'au3g', suggestion: 'au3f' }, 'error'],
      ['Unknown clause id `zzzzzzzz`: no spec defines it.', { id: 'zzzzzzzz' }, 'error'],
    ]);
    const short = findings({ 'a.md': 'x[^1]\n', 'src/a.ts': '// [^ab]\n' }, 'citation.unknown-id')[0];
    assert.deepEqual(short?.data, { id: 'ab' }, 'no suggestion that replaces the whole id');
    // A one-character id no spec declares is a regular expression's class in a comment, not a citation.
    assert.deepEqual(findings({ 'a.md': 'x[^1]\n', 'src/a.ts': '// [!a] means [^a] in a regexp; [^1] is known\n' }, 'citation.'), []);
    assert.deepEqual(diags[0]!.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
  });

  it('a folder where no spec declares a clause reports no unknown citation: its [^x] quote footnote syntax [^dg9n]', () => {
    const parser = '// Footnote definitions ([^label]: text) are parsed as definition nodes\n// Matches a footnote reference: [^id]\n';
    assert.deepEqual(findings({ 'README.md': '# Parser\n\nReads Markdown.\n', 'src/parser.ts': parser }, 'citation.'), []);
    // One clause anywhere and the same comments are checked again.
    assert.equal(findings({ 'specs/auth.md': SPEC, 'src/parser.ts': parser }, 'citation.unknown-id').length, 2);
  });

  it('a citation of a heading id, a footnote id or a qualified id is known', () => {
    const files = { 'specs/auth.md': SPEC, ...FEATURES, 'src/a.ts': '// [^auth] [^au3f] [^passwords]\n// [^001-reset:FR-002]\n' };
    assert.deepEqual(findings(files, 'citation.'), []);
  });
});

describe('rule citation.ambiguous-id', () => {
  it('a bare id that several feature folders declare must name one', () => {
    const found = findings({ ...FEATURES, 'src/a.ts': '// [^FR-001]\n' }, 'citation.ambiguous-id');
    assert.deepEqual(
      found.map((d) => [d.file, d.range.start.line, d.message, d.data]),
      [
        [
          'src/a.ts',
          0,
          'Clause id `FR-001` is declared in 2 scopes; name one: `[^001-reset:FR-001]`, `[^002-billing:FR-001]`.',
          { id: 'FR-001', choices: ['001-reset:FR-001', '002-billing:FR-001'] },
        ],
      ],
    );
    assert.equal(found[0]!.severity, 'error');
  });

  it('a qualified citation, or an id one scope declares, is not ambiguous', () => {
    assert.deepEqual(findings({ ...FEATURES, 'src/a.ts': '// [^001-reset:FR-001] [^002-billing:FR-001]\n' }, 'citation.ambiguous-id'), []);
    assert.deepEqual(findings({ 'specs/001-reset/spec.md': feature('reset'), 'src/a.ts': '// [^FR-001]\n' }, 'citation.'), []);
  });
});
