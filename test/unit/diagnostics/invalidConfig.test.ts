// config.invalid (server/src/core/diagnostics/rules/invalidConfig.ts) [^cf2v].
import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/diagnostics';
import { brief, memoryWorkspace } from '../../helpers/workspace';

describe('rule config.invalid', () => {
  it('config.invalid problems surface as diagnostics on .clarifier.json', () => {
    const index = memoryWorkspace({});
    index.setConfigProblems(['include: expected array']);
    const found = findingsOf(index, 'config.invalid');
    assert.deepEqual(brief(found), ['config.invalid@.clarifier.json:1']);
    assert.equal(found[0]!.message, 'Invalid .clarifier.json: include: expected array. Using the default for it.');
    assert.equal(found[0]!.severity, 'error');
  });

  it('a valid configuration gives none, and `off` silences the code', () => {
    assert.deepEqual(findingsOf(memoryWorkspace({ 'a.md': '# A {#a}\n' }), 'config.invalid'), []);
    const off = memoryWorkspace({}, { severity: { 'config.invalid': 'off' } });
    off.setConfigProblems(['include: expected array']);
    assert.deepEqual(findingsOf(off, 'config.invalid'), []);
  });
});
