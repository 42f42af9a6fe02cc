// Answering clarifying questions: the answer goes into the spec and its Clarifications section [^cq4r].
import * as assert from 'node:assert/strict';
import { codeActions } from '../../server/src/core/features/actions';
import { answerEdits } from '../../server/src/core/features/clarify';
import type { FileEdit } from '../../server/src/core/features/edits';
import { parseSpec } from '../../server/src/core/spec/parseSpec';
import { LineIndex } from '../../server/src/core/text';
import { diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

/** Applies text edits (in reverse order) to a text: what an editor does with the WorkspaceEdit. */
function apply(text: string, edits: FileEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .filter((e): e is Extract<FileEdit, { kind: 'text' }> => e.kind === 'text')
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const s of spans) text = text.slice(0, s.start) + s.text + text.slice(s.end);
  return text;
}

const SPEC = '# Auth {#auth authority=root}\n\n## Sessions {#sessions authority=root}\n\nThe sign-in page must respond quickly.\n';

describe('answering a clarifying question', () => {
  const phraseRange = { start: { line: 4, character: 30 }, end: { line: 4, character: 37 } };
  const base = { file: 'a.md', range: phraseRange, phrase: 'quickly', question: 'How fast, exactly?', clauseId: 'sessions', date: '2026-11-21' };

  it('replaces the phrase and starts a Clarifications section', () => {
    const edits = answerEdits(parseSpec('a.md', SPEC), { ...base, answer: 'within 200 ms (p95)', mode: 'replace' });
    assert.ok(Array.isArray(edits));
    assert.equal(
      apply(SPEC, edits),
      '# Auth {#auth authority=root}\n\n## Sessions {#sessions authority=root}\n\nThe sign-in page must respond within 200 ms (p95).\n\n' +
        '## Clarifications {#clarifications}\n\nDecisions taken while clarifying this spec.\n\n' +
        '- 2026-11-21 · `sessions` · “quickly”: How fast, exactly? → **within 200 ms (p95)**\n',
    );
  });

  it('appends to an existing Clarifications section, before the next heading', () => {
    const spec = SPEC + '\n## Clarifications {#clarifications}\n\n- 2026-11-01 · earlier decision\n\n## Appendix\n\nMore.\n';
    const edits = answerEdits(parseSpec('a.md', spec), { ...base, answer: 'p95 < 200 ms', mode: 'append' });
    assert.ok(Array.isArray(edits));
    const out = apply(spec, edits);
    assert.match(out, /must respond quickly \(p95 < 200 ms\)\./);
    assert.match(out, /- 2026-11-01 · earlier decision\n\n- 2026-11-21 · `sessions` · “quickly”: How fast, exactly\? → \*\*p95 < 200 ms\*\*\n\n## Appendix/);
  });

  it('refuses an empty answer', () => {
    assert.deepEqual(answerEdits(parseSpec('a.md', SPEC), { ...base, answer: '  ', mode: 'replace' }), { error: 'The answer is empty.' });
  });

  it('Markdown that declares no clause is not reviewed (a README is not a spec)', () => {
    const ws = memoryWorkspace({ 'README.md': '# Tool\n\nIt must respond quickly, etc.\n', 'a.md': SPEC });
    assert.deepEqual(diagnosticsOf(ws).map((d) => d.file), ['a.md']);
  });

  it('the Clarifications section itself is never reviewed for vague wording', () => {
    const spec = SPEC + '\n## Clarifications {#clarifications authority=root}\n\n- “quickly”: How fast, exactly? → as soon as possible\n';
    const ws = memoryWorkspace({ 'a.md': spec });
    assert.deepEqual(diagnosticsOf(ws).map((d) => `${d.code}@${d.range.start.line + 1}`), ['ambiguity.vague@5']);
  });
});

describe('quick fixes for vague wording', () => {
  it('offers Answer (a command with the question), and Suppress for the line', () => {
    const ws = memoryWorkspace({ 'a.md': SPEC });
    const diagnostics = diagnosticsOf(ws);
    const vague = diagnostics.find((d) => d.code === 'ambiguity.vague')!;
    assert.match(vague.message, /^“quickly”: How soon must the sign-in page respond\? Give a maximum delay from a named event .*\(vague: an evaluative adverb of speed/);
    const actions = codeActions(ws, 'a.md', vague.range, [vague]);
    assert.deepEqual(actions.map((a) => a.title), [`Answer: ${vague.data!['question']}`, 'Suppress ambiguity.vague on this line']);
    assert.equal(actions[0]!.command!.command, 'specClarifier.answer');
    assert.deepEqual(actions[0]!.command!.arguments[0], { file: 'a.md', range: vague.range, phrase: 'quickly', question: vague.data!['question'], clauseId: 'sessions', suggestions: [] });
    const suppressed = apply(SPEC, actions[1]!.edits);
    assert.match(suppressed, /<!-- clarifier-disable-next-line ambiguity\.vague -->\nThe sign-in page must respond quickly\./);
    assert.deepEqual(diagnosticsOf(memoryWorkspace({ 'a.md': suppressed })), [], 'the suppression comment silences it');
  });

  it('offers the LLM suggestion as a replacement', () => {
    const ws = memoryWorkspace({ 'a.md': SPEC });
    const d = { code: 'ambiguity.llm' as const, severity: 'warning' as const, file: 'a.md', range: { start: { line: 4, character: 30 }, end: { line: 4, character: 37 } }, message: 'How fast?', data: { question: 'How fast?', phrase: 'quickly', suggestion: 'within 200 ms' } };
    const actions = codeActions(ws, 'a.md', d.range, [d]);
    assert.deepEqual(actions.map((a) => a.title), ['Answer: How fast?', 'Replace with “within 200 ms”', 'Suppress ambiguity.llm on this line']);
    assert.deepEqual(actions[0]!.command!.arguments[0]!['suggestions'], ['within 200 ms']);
  });
});
