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

  it('a file that mentions three or more ids, none of them declared, gets one warning, not one per mention', () => {
    const requirements = '# Garden log\n\n## Acceptance Criteria\n\n### Planting\n- [ ] A gardener can add a bed\n- [ ] A gardener can record a sowing\n';
    const tasks = '# Implementation Plan\n\n- [ ] 1. Beds\n  - _Requirements: 1.1, 1.2_\n\n- [ ] 2. Watering\n  - _Requirements: 2.1, 1.1_\n';
    const found = findings({ '.kiro/specs/garden/requirements.md': requirements, '.kiro/specs/garden/tasks.md': tasks }, 'reference.');
    assert.deepEqual(shown(found), [
      'reference.unknown-id@.kiro/specs/garden/tasks.md:4 None of the 3 requirement ids this file mentions is declared in .kiro/specs/garden (`1.1`, `1.2`, `2.1`): declare them there, or correct the ids.',
    ]);
    assert.deepEqual(found[0]!.data, { id: '1.1', scope: '.kiro/specs/garden', ids: ['1.1', '1.2', '2.1'] });
    // One declared id among them: each unknown one is its own warning again (a typo among real references).
    const numbered = '# Garden log\n\n## Requirements\n\n### Requirement 1\n\n#### Acceptance Criteria\n\n1. WHEN a bed is added THEN the system SHALL store it\n';
    assert.deepEqual(
      shown(findings({ '.kiro/specs/garden/requirements.md': numbered, '.kiro/specs/garden/tasks.md': tasks }, 'reference.')).map((s) => s.split(' ')[0]),
      ['reference.unknown-id@.kiro/specs/garden/tasks.md:4', 'reference.unknown-id@.kiro/specs/garden/tasks.md:7'],
    );
    // One unknown id mentioned three times: each mention, as before.
    const again = '# Implementation Plan\n\n- [ ] 1. Beds\n  - _Requirements: 9.1_\n- [ ] 2. More\n  - _Requirements: 9.1_\n- [ ] 3. Last\n  - _Requirements: 9.1_\n';
    assert.equal(findings({ '.kiro/specs/garden/requirements.md': requirements, '.kiro/specs/garden/tasks.md': again }, 'reference.').length, 3);
  });

  it('mentions of declared ids are not flagged', () => {
    assert.deepEqual(findings({ 'specs/001-reset/spec.md': SPEC, 'specs/001-reset/tasks.md': '# Tasks\n\n- [ ] T001 Implement FR-001\n' }, 'reference.'), []);
  });
});
