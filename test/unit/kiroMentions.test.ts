import * as assert from 'node:assert/strict';
import { namesOtherKiroFeature } from '../../server/src/core/markdown/kiroMentions';

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
