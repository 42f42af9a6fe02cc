// conflict.modal, conflict.numeric, conflict.definition (server/src/core/diagnostics/rules/conflicts.ts) [^tc2c].
import * as assert from 'node:assert/strict';
import { findings, shown } from '../../helpers/diagnostics';

const LIMITS = '# A {#a}\n\n## Limits {#lim}\n\nThe platform MUST delete audit logs after 30 days.\n\nAdministrators MAY export user data.\n';
const RETENTION = '# B {#b}\n\n## Retention {#ret}\n\nThe platform MUST keep audit logs for 90 days.\n\nAdministrators MUST NOT export user data.\n';
const TERMS = (days: number, id: string): string => `# ${id.toUpperCase()} {#${id}}\n\n## Definitions\n\n- **Active user**: a user signed in within the last ${days} days.\n`;

describe('rule conflict.*', () => {
  it('conflict.modal and conflict.numeric on both clauses, each naming the other', () => {
    const found = findings({ 'specs/a.md': LIMITS, 'specs/b.md': RETENTION }, 'conflict.');
    assert.deepEqual(shown(found), [
      'conflict.numeric@specs/a.md:5 Conflicts with `ret` at specs/b.md:5: time “at most 30 days” against “at least 90 days”.',
      'conflict.modal@specs/a.md:7 Conflicts with `ret` at specs/b.md:7: MAY against MUST NOT.',
      'conflict.numeric@specs/b.md:5 Conflicts with `lim` at specs/a.md:5: time “at most 30 days” against “at least 90 days”.',
      'conflict.modal@specs/b.md:7 Conflicts with `lim` at specs/a.md:7: MAY against MUST NOT.',
    ]);
    assert.ok(found.every((d) => d.severity === 'warning' && d.related?.length === 1));
    assert.deepEqual(found[1]!.data, { clauseId: 'lim', other: { file: 'specs/b.md', line: 7, clauseId: 'ret' } });
  });

  it('conflict.definition: one term defined with different values', () => {
    const found = findings({ 'specs/c.md': TERMS(30, 'c'), 'specs/d.md': TERMS(7, 'd') }, 'conflict.');
    assert.deepEqual(
      found.map((d) => `${d.code}@${d.file}:${d.range.start.line + 1}`),
      ['conflict.definition@specs/c.md:5', 'conflict.definition@specs/d.md:5'],
    );
  });

  it('statements that agree give none, and `off` silences a kind', () => {
    assert.deepEqual(findings({ 'specs/a.md': LIMITS, 'specs/b.md': LIMITS.replace('{#a}', '{#b}').replace('{#lim}', '{#lim2}') }, 'conflict.'), []);
    assert.deepEqual(findings({ 'specs/c.md': TERMS(30, 'c'), 'specs/d.md': TERMS(30, 'd') }, 'conflict.'), []);
    const off = findings({ 'specs/a.md': LIMITS, 'specs/b.md': RETENTION }, 'conflict.', { severity: { 'conflict.modal': 'off' } });
    assert.deepEqual([...new Set(off.map((d) => d.code))], ['conflict.numeric']);
  });
});
