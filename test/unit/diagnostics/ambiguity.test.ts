// ambiguity.* (server/src/core/diagnostics/rules/ambiguity.ts): the ambiguity pass's hits as diagnostics [^ambiguity_lexicon] [^am6c].
import * as assert from 'node:assert/strict';
import { findings, findingsOf } from '../../helpers/diagnostics';
import { memoryWorkspace } from '../../helpers/workspace';

/** One sentence per category, in a normative (authority=root) clause: each a warning. */
const SPEC = [
  '# Service {#svc authority=root}',
  '',
  'The service MUST respond quickly.',
  '',
  'The service MUST log errors as appropriate.',
  '',
  'The service MUST support PNG, JPEG, etc.',
  '',
  'The service MUST retry several times.',
  '',
  'The service MUST be more reliable.',
  '',
  'The service must be able to restart without data loss.',
  '',
  'The service MUST send the report soon.',
  '',
  'The service MUST sign reports with [NEEDS CLARIFICATION: which key?].',
  '',
].join('\n');

const PRECISE = '# Service {#svc authority=root}\n\nThe service MUST respond within 200 ms.\n\nThe service MUST support PNG and JPEG.\n';

describe('rule ambiguity.*', () => {
  it('one diagnostic per finding of the offline pass, with its question and category', () => {
    const found = findings({ 'specs/svc.md': SPEC }, 'ambiguity.');
    assert.deepEqual(
      found.map((d) => `${d.code}:${d.range.start.line + 1}:${d.severity}:${String(d.data?.['phrase'])}`),
      [
        'ambiguity.vague:3:warning:quickly',
        'ambiguity.escape:5:warning:as appropriate',
        'ambiguity.open-ended:7:warning:etc.',
        'ambiguity.quantity:9:warning:several',
        'ambiguity.comparative:11:warning:more reliable',
        'ambiguity.weak:13:warning:be able to',
        'ambiguity.time:15:warning:soon',
        'ambiguity.open-question:17:warning:NEEDS CLARIFICATION',
      ],
    );
    assert.match(found[0]!.message, /^“quickly”: How soon must the service respond\?/);
    assert.equal(found[0]!.data?.['clauseId'], 'svc');
  });

  it('precise requirements give none; a category set off in the severity gives none', () => {
    assert.deepEqual(findings({ 'specs/svc.md': PRECISE }, 'ambiguity.'), []);
    const off = findings({ 'specs/svc.md': SPEC }, 'ambiguity.', { severity: { 'ambiguity.vague': 'off', 'ambiguity.time': 'info' } });
    assert.ok(!off.some((d) => d.code === 'ambiguity.vague'));
    assert.equal(off.find((d) => d.code === 'ambiguity.time')?.severity, 'info');
  });

  it('ambiguity.llm: the LLM pass’s findings placed in the index, with their suggestion', () => {
    const index = memoryWorkspace({ 'specs/svc.md': PRECISE });
    assert.deepEqual(findingsOf(index, 'ambiguity.llm'), []);
    const range = { start: { line: 2, character: 17 }, end: { line: 2, character: 24 } };
    index.setLlmFindings('specs/svc.md', [
      { category: 'llm', term: 'vague', phrase: 'respond', range, question: 'Respond with what?', severity: 'warning', clauseId: 'svc', suggestion: 'return a status' },
    ]);
    const found = findingsOf(index, 'ambiguity.llm');
    assert.deepEqual(
      found.map((d) => [d.range, d.message, d.data]),
      [[range, '“respond”: Respond with what?', { term: 'vague', phrase: 'respond', question: 'Respond with what?', category: 'llm', clauseId: 'svc', suggestion: 'return a status' }]],
    );
  });

  it('the same hit gives the same diagnostic object (memoized per configuration)', () => {
    const index = memoryWorkspace({ 'specs/svc.md': SPEC });
    const a = findingsOf(index, 'ambiguity.');
    const b = findingsOf(index, 'ambiguity.');
    assert.ok(a.length > 0 && a.every((d, i) => d === b[i]));
  });
});
