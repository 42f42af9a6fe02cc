// reference.unknown-id (server/src/core/diagnostics/rules/unknownReference.ts) [^sk1r].
import * as assert from 'node:assert/strict';
import { findings, shown } from '../../helpers/diagnostics';

const SPEC = '# Feature Specification: reset\n\n## Requirements\n\n### Functional Requirements\n\n- **FR-001**: System MUST send a reset link by email.\n';

describe('rule reference.unknown-id', () => {
  it('a requirement id mentioned in a feature folder that does not declare it', () => {
    const found = findings({ 'specs/001-reset/spec.md': SPEC, 'specs/001-reset/tasks.md': '# Tasks\n\n- [ ] T001 Implement FR-001\n- [ ] T002 Implement FR-009\n' }, 'reference.');
    assert.deepEqual(shown(found), ['reference.unknown-id@specs/001-reset/tasks.md:4 `FR-009` is not declared in specs/001-reset.']);
    assert.deepEqual(found[0]!.data, { id: 'FR-009', scope: 'specs/001-reset' });
    assert.equal(found[0]!.severity, 'warning');
  });

  it('mentions of declared ids are not flagged', () => {
    assert.deepEqual(findings({ 'specs/001-reset/spec.md': SPEC, 'specs/001-reset/tasks.md': '# Tasks\n\n- [ ] T001 Implement FR-001\n' }, 'reference.'), []);
  });
});
