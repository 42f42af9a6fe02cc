import * as assert from 'node:assert/strict';
import { namesOtherFeature, namesOtherKiroFeature } from '../../server/src/core/markdown/featureMentions';

/** Whether the first `Requirement` of a sentence written in feature `lamps` is about another feature (`^` marks another one). */
function other(sentence: string, feature = 'lamps'): boolean {
  const at = sentence.indexOf('^') >= 0 ? sentence.indexOf('^') : sentence.indexOf('Requirement');
  return namesOtherKiroFeature(sentence.replace('^', ''), at, feature);
}

describe('Kiro mentions of another feature', () => {
  it("the sentence names the other feature: a path, a possessive, a spec's name, a name in capitals, 'of that spec', 'there'", () => {
    for (const s of [
      'matching `.kiro/specs/sensors/` Requirement 2.3 for faults',
      'as `.kiro/specs/sensors/requirements.md` Requirement 4 says',
      '(`.kiro/specs/sensors/`, Requirement 17)',
      'extends the timer framework\'s Requirement 5',
      'the `sensors`\'s Requirement 2',
      'and reuses its Requirement 9',
      'the depended-on spec\'s own Requirement 11',
      'matching both existing transports\' Requirement 10.10-10.11',
      'per that spec\'s Requirement 19',
      'the `sensors` spec Requirement 3',
      '(sensors spec Requirement 15)',
      'consistent with `sensor-hub` Requirement 3.5',
      'matching HVAC Requirement 19.3',
      'the rule is Requirement 14.2 of that spec',
      'as in Requirement 10.3 in the node-bootstrap spec',
      'mirrors Requirement 16.7 of the sensors spec exactly',
      'matching Requirement 10.12/10.14 of the existing spec',
      '(mirroring Requirement 20 of\n   `sensor-hub`)',
      '(Requirements 15.7 and 15.8 there)',
    ]) assert.equal(other(s), true, s);
  });

  it('a mention listed after one of another feature takes its feature', () => {
    assert.equal(other("extends the timer framework's Requirement 17 and reuses its Requirement 9 (signing), Requirement 15 (renewal), and ^Requirement 19"), true);
    assert.equal(other("extends `sensors`'s Requirement 20 (cost) and ^Requirement 21 (cleanup)"), true);
    // A new clause of the sentence, or a sentence of its own: this feature's.
    assert.equal(other("matching `.kiro/specs/sensors/` Requirement 2.3's retry rule, while the dimmer follows ^Requirement 1.2"), false);
    assert.equal(other('matching `.kiro/specs/sensors/` Requirement 2.3. ^Requirement 1.2 applies here'), false);
  });

  it("this feature's own mentions stay its own", () => {
    for (const s of [
      'Requirement 3.2',
      'see Requirement 3.2 and 3.3',
      '_Requirements: 3.2, 4.1_',
      '**Validates: Requirements 1.2**',
      "this spec's own Requirement 19",
      "the `lamps` spec's Requirement 2",
      'matching `.kiro/specs/lamps/` Requirement 2.3',
      'WHEN Requirement 3 is met THEN THE SYSTEM SHALL start',
      'THE SYSTEM SHALL satisfy Requirement 3',
      'as stated in Requirement 3.2 of this spec',
      'as stated in Requirement 3.2 of the spec',
      'per Requirement 4.1 in the design',
      "as requirements.md's Requirement 5.2 describes",
      'the node role ARN Requirement 3 creates',
    ]) assert.equal(other(s), false, s);
  });
});

/** Whether the first requirement id of a sentence written in feature `002-recipes` (or the one `^` marks) is another feature's. */
function otherSpecKit(sentence: string, feature = '002-recipes'): boolean {
  const at = sentence.indexOf('^') >= 0 ? sentence.indexOf('^') : sentence.search(/(?:FR|SC|NFR)-\d/);
  return namesOtherFeature(sentence.replace('^', ''), at, feature, 'spec-kit');
}

describe('spec-kit mentions of another feature', () => {
  it('the sentence names the other feature by its number or folder, before or after the id', () => {
    for (const s of [
      'building on FR-012 of the 001-pantry spec',
      'in line with feature 001 FR-013',
      'the missing-jar check from feature 001 (FR-011) runs first',
      "as spec 001's FR-012 says",
      'the 001-pantry spec FR-012 keeps three kinds',
      "001-pantry's FR-012",
      'reuse `001-pantry` (FR-012)',
      'matching `specs/001-pantry/spec.md` FR-012',
      '(see specs/001-pantry/, FR-012)',
      'as FR-012 in feature 001 says',
      'as FR-012 of `specs/001-pantry/spec.md` says',
      'the scan rule (FR-109 (feature 001)) applies',
      'the rule is FR-012 of that spec',
      'as FR-011 and ^FR-013 of the 001-pantry spec say',
      'as ^FR-011 and FR-013 of the 001-pantry spec say',
      'in line with feature 001 FR-011 and ^FR-013',
    ]) assert.equal(otherSpecKit(s), true, s);
  });

  it("this feature's own mentions stay its own: a plain id, its own number or folder, a spec named by a word", () => {
    for (const s of [
      'FR-099 is still to come',
      'Implement FR-004 and FR-098',
      'in line with feature 002 FR-013',
      'in line with feature 2 FR-013',
      'building on FR-012 of the 002-recipes spec',
      'matching `specs/002-recipes/spec.md` FR-012',
      "as this spec's FR-012 says",
      'building on FR-012 of the pantry spec',
      'for US1 FR-003 and P1 FR-004',
      'on 2025-01-15 FR-003 was split',
      'Story 001 FR-003 is the first',
      'as FR-011 and FR-013 say, unlike the 001-pantry spec',
      'matching feature 001 FR-011, while the recipe follows ^FR-013',
      'Leans on the 001-pantry spec: FR-004 widens it',
      'Unlike feature 001, FR-004 keeps the jars',
    ]) assert.equal(otherSpecKit(s), false, s);
  });
});
