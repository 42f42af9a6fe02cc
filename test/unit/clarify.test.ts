// Answering clarifying questions: the answer goes into the spec and its Clarifications section [^cq4r].
// Answers are data [^cq8d]; the decision record is one non-clause section per spec [^cq2r]; answers to a changed spec
// are found again or refused [^se5v].
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { codeActions } from '../../server/src/core/features/actions';
import { answerEdits, answerRequestEdits, escapeMarkdownText } from '../../server/src/core/features/clarify';
import type { FileEdit } from '../../server/src/core/features/edits';
import { hoverMarkdown } from '../../server/src/core/features/hover';
import { markdownSkeleton, parseSpec } from '../../server/src/core/markdown/parseSpec';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

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
    const edits = answerEdits(SPEC, { ...base, answer: 'within 200 ms (p95)', mode: 'replace' });
    assert.ok(Array.isArray(edits));
    assert.equal(
      apply(SPEC, edits),
      '# Auth {#auth authority=root}\n\n## Sessions {#sessions authority=root}\n\nThe sign-in page must respond within 200 ms (p95).\n\n' +
        '## Clarifications\n\nDecisions taken while answering the clarifying questions of this spec.\n\n' +
        '- 2026-11-21 · `sessions` · “quickly”: How fast, exactly? → **within 200 ms (p95)**\n',
    );
  });

  it('appends to an existing Clarifications section, before the next heading', () => {
    const spec = SPEC + '\n## Clarifications {#clarifications}\n\n- 2026-11-01 · earlier decision\n\n## Appendix\n\nMore.\n';
    const edits = answerEdits(spec, { ...base, answer: 'p95 < 200 ms', mode: 'append' });
    assert.ok(Array.isArray(edits));
    const out = apply(spec, edits);
    assert.match(out, /must respond quickly \(p95 \\< 200 ms\)\./);
    assert.match(out, /- 2026-11-01 · earlier decision\n\n- 2026-11-21 · `sessions` · “quickly”: How fast, exactly\? → \*\*p95 \\< 200 ms\*\*\n\n## Appendix/);
  });

  it('refuses an empty answer', () => {
    assert.deepEqual(answerEdits(SPEC, { ...base, answer: '  ', mode: 'replace' }), { error: 'The answer is empty.' });
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
    assert.deepEqual(actions[0]!.command!.arguments[0], { file: 'a.md', code: 'ambiguity.vague', range: vague.range, phrase: 'quickly', question: vague.data!['question'], clauseId: 'sessions', suggestions: [] });
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

/** A spec with the phrase to answer between ⟦ and ⟧: the text without the marks and the phrase's range. */
function marked(source: string): { text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; phrase: string } {
  const a = source.indexOf('⟦');
  const b = source.indexOf('⟧');
  const text = source.slice(0, a) + source.slice(a + 1, b) + source.slice(b + 1);
  const lines = new LineIndex(text);
  return { text, range: { start: lines.positionAt(a), end: lines.positionAt(b - 1) }, phrase: text.slice(a, b - 1) };
}

/** An independent parse (remark + GFM): the text the reader sees (text values, entities decoded). */
interface Md {
  type: string;
  value?: string;
  children?: Md[];
}
const reader = unified().use(remarkParse);
{
  const data = reader.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown());
}
function nodes(text: string): Md[] {
  const out: Md[] = [];
  const stack: Md[] = [reader.parse(text) as unknown as Md];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = (n.children ?? []).length - 1; i >= 0; i--) stack.push(n.children![i]!);
  }
  return out;
}
const textOf = (n: Md): string => (n.type === 'text' ? (n.value ?? '') : (n.children ?? []).map(textOf).join(''));
const folded = (s: string): string => s.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim(); // eslint-disable-line no-control-regex
const declared = (text: string): string => {
  const f = parseSpec('a.md', text);
  return JSON.stringify([f.headingClauses.map((c) => [c.id, c.parent]), f.footnoteRefs.map((r) => r.id), f.footnoteDefs.map((d) => d.id), f.links.map((l) => l.url), f.malformed.length]);
};
const skeleton = (text: string): string[] => markdownSkeleton(text).map((n) => n.node);

const HEAD = '# Auth {#auth authority=root}\n\n## Sessions {#sessions authority=root}\n\n';
const TAIL = '\n\nMore with `code [^no]`, <!-- a comment [^no2] --> and *emphasis* [^au3f].\n\n```\nfenced [^no3]\n```\n\n## Next {#next}\n\nA [link](#sessions) and [^au4g].\n\n[^au4g]: examples/au4g.md\n';
/** Where a phrase can stand: mid-line, at a line start, a whole line, in containers, next to syntax. */
const CONTEXTS = [
  HEAD + 'The sign-in page must respond ⟦quickly⟧[^au3f], and later.' + TAIL,
  HEAD + 'First line of a paragraph\n⟦Quickly⟧ the server answers.' + TAIL,
  HEAD + 'A paragraph line\n⟦quickly⟧\nand one more.' + TAIL,
  HEAD + '⟦quickly⟧' + TAIL,
  HEAD + '- ⟦quickly⟧ respond\n- other [^au3f]' + TAIL,
  HEAD + '1. respond ⟦quickly⟧\n2. other' + TAIL,
  HEAD + '| a | b |\n| - | - |\n| ⟦quickly⟧ | x [^au3f] |' + TAIL,
  HEAD + '> respond ⟦quickly⟧ now\n> and then [^au3f]' + TAIL,
  '# Auth {#auth authority=root}\n\n## Respond ⟦quickly⟧ {#resp}\n\nText.' + TAIL,
  HEAD + 'respond \\⟦quickly⟧ now, or \\\\⟦quickly⟧'.replace(/⟦quickly⟧$/, 'quickly') + TAIL,
  HEAD + 'a <⟦quickly⟧, b> c' + TAIL,
  HEAD + 'a &⟦quickly⟧; b' + TAIL,
  HEAD + 'see [⟦quickly⟧ here] and [^au3f]' + TAIL,
  HEAD + 'a [respond ⟦quickly⟧](#sessions) b' + TAIL,
  HEAD + '*respond ⟦quickly⟧*[^au3f]' + TAIL,
  HEAD + 'respond ⟦quickly⟧',
  (HEAD + 'respond ⟦quickly⟧ now' + TAIL).replace(/\n/g, '\r\n'),
];
const ANSWER_PIECES = ['```', '~~~', '<!--', '-->', '<div>', '</div>', '<a href="x">', '## X {#x}', '# ', '#', '[^newid]', '[^au3f]', '[^x]: y.md', '[a]: /u', '[t](#nowhere)', '![i](p.png)',
  '{#', '}', '*', '**', '_', '`', '\\', '&amp;', '&#35;', '&', '<', '>', '|', '- ', '-', '+ ', '=', '===', '---', '1. ', '2)', ':', ':-:', '    ', '\t', '\n', '\r\n', '\r', '\n\n', ' ', 'a', 'ms', '200', '.', '(', ')', '"', "'", '^', '~', '!', '[', ']', 'é', '😀', '\u0000', '\u2028', 'www.x.md#y', 'http://a.md#b', '$x$'];
const answers = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...ANSWER_PIECES), { minLength: 1, maxLength: 12 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
);

describe('answers are data [^cq8d]', () => {
  const base = { file: 'a.md', question: 'How fast, exactly?', clauseId: 'sessions', date: '2026-11-21' };

  for (const [answer, mode] of [
    ['```', 'replace'],
    ['<!--', 'replace'],
    ['## X {#x}', 'replace'],
    ['# of retries: 3', 'replace'],
    ['200 ms[^newid]', 'append'],
    ['- a\n- b\n\n[^x]: examples/x.md', 'replace'],
  ] as const) {
    it(`the answer ${JSON.stringify(answer)} (${mode}) leaves every clause, heading, fence, comment and footnote as it was`, () => {
      const { text, range, phrase } = marked(HEAD + '⟦Quickly⟧ the server answers[^au3f].' + TAIL);
      const edits = answerEdits(text, { ...base, range, phrase, answer, mode });
      assert.ok(Array.isArray(edits), JSON.stringify(edits));
      const after = apply(text, edits);
      assert.deepEqual(skeleton(after), [...skeleton(text), 'heading 2', 'paragraph', 'list', 'listItem', 'paragraph', 'inlineCode sessions', 'strong']);
      assert.equal(declared(after), declared(text));
      assert.ok(textOf(nodes(after)[0]!).includes(folded(answer)), 'the answer reads as typed');
    });
  }

  it('a spec that ends inside an open code fence: the record would be swallowed, so the answer is refused', () => {
    const { text, range, phrase } = marked(HEAD + 'Respond ⟦quickly⟧.\n\n```\nan unclosed fence\n');
    const result = answerEdits(text, { ...base, range, phrase, answer: '1 s', mode: 'replace' });
    assert.deepEqual(result, { error: 'The answer could not be added without changing the structure of the spec (the record would change the text around it); nothing was changed.' });
  });

  it('escapes what could start a block or combine with the text before it', () => {
    assert.equal(escapeMarkdownText('# of retries: 3'), '\\# of retries: 3');
    assert.equal(escapeMarkdownText('1. first\n2. second'), '1\\. first 2. second');
    assert.equal(escapeMarkdownText('200 ms[^newid]'), '200 ms\\[\\^newid\\]');
    assert.equal(escapeMarkdownText('*x*', 'a \\'), '\\\\*x\\*');
    assert.equal(escapeMarkdownText('div x', 'a <'), '&#100;iv x');
    assert.equal(escapeMarkdownText('within 200 ms (p95)'), 'within 200 ms (p95)');
  });

  it('property: for any answer, in any context, the document keeps its structure and gains exactly one record entry', function () {
    this.timeout(120_000);
    const cases = CONTEXTS.map(marked);
    fc.assert(
      fc.property(fc.nat(cases.length - 1), fc.constantFrom('replace' as const, 'append' as const), answers, fc.boolean(), (i, mode, answer, withRecord) => {
        fc.pre(folded(answer).length > 0);
        const c = cases[i]!;
        // Half of the runs answer into a spec that has a record already (at its end).
        const text = withRecord ? c.text + (/\r\n/.test(c.text) ? '\r\n' : '\n') + '## Clarifications\n\n- 2026-11-01 · `next` · earlier decision\n' : c.text;
        const edits = answerEdits(text, { ...base, range: c.range, phrase: c.phrase, answer, mode });
        if (!Array.isArray(edits)) throw new Error(`refused: ${edits.error}`);
        const after = apply(text, edits);
        const entry = ['listItem', 'paragraph', 'inlineCode sessions', 'strong'];
        assert.deepEqual(skeleton(after), [...skeleton(text), ...(withRecord ? entry : ['heading 2', 'paragraph', 'list', ...entry])]);
        assert.equal(declared(after), declared(text));
        const records = parseSpec('a.md', after).clarifications;
        assert.deepEqual(records.map((r) => r.clauseId), withRecord ? ['next', 'sessions'] : ['sessions']);
        // The answer reads back as typed: in the record, and in the spec's text.
        const strong = nodes(after).filter((n) => n.type === 'strong').pop()!;
        assert.equal(textOf(strong), folded(answer));
        assert.ok(textOf(nodes(after)[0]!).includes(folded(answer)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the decision record [^cq2r]', () => {
  const AUTH = '# Auth {#auth authority=root}\n\n## Sessions {#sessions authority=root}\n\nThe sign-in page must respond quickly.\n';
  const PAY = '# Payments {#payments authority=root}\n\n## Refunds {#refunds authority=root}\n\nRefunds must be processed quickly[^rf9x].\n\n[^rf9x]: examples/rf9x.md\n';
  const files = { 'specs/auth.md': AUTH, 'specs/pay.md': PAY, 'examples/rf9x.md': 'Examples for [^rf9x]\n', 'src/a.ts': '// [^sessions] [^refunds] [^rf9x]\n' };

  /** Answers the first vague phrase of a spec the way the editor does: through answerRequestEdits. */
  function answerFirst(ws: ReturnType<typeof memoryWorkspace>, file: string, text: string, answer: string): string {
    const d = diagnosticsOf(ws).find((x) => x.file === file && x.code === 'ambiguity.vague')!;
    const edits = answerRequestEdits(file, text, diagnosticsOf(ws).filter((x) => x.file === file), { code: d.code, range: d.range, phrase: d.data!['phrase'], clauseId: d.data!['clauseId'], answer, mode: 'replace', date: '2026-11-21' }, () => true);
    assert.ok(Array.isArray(edits), JSON.stringify(edits));
    return apply(text, edits);
  }

  it('answering in two specs adds no diagnostic at all: no duplicate id, no uncited clause, no review of the record', () => {
    const ws = memoryWorkspace(files);
    const before = brief(diagnosticsOf(ws));
    // Uncited clauses are reported (the workspace cites), and every clause is cited.
    assert.deepEqual(before, ['ambiguity.vague@specs/auth.md:5', 'ambiguity.vague@specs/pay.md:5']);
    const auth = answerFirst(ws, 'specs/auth.md', AUTH, 'within 200 ms (p95)');
    const pay = answerFirst(ws, 'specs/pay.md', PAY, 'within 5 business days');
    const after = memoryWorkspace({ ...files, 'specs/auth.md': auth, 'specs/pay.md': pay });
    assert.deepEqual(brief(diagnosticsOf(after)), []);
    assert.match(auth, /\n## Clarifications\n\n.*\n\n- 2026-11-21 · `sessions` · “quickly”: How soon must the sign-in page respond\? .* → \*\*within 200 ms \(p95\)\*\*\n$/);
    assert.match(pay, /\n## Clarifications\n[\s\S]*`refunds`/);
    // A second answer goes into the same record: one place per spec.
    const again = answerFirst(memoryWorkspace({ ...files, 'specs/auth.md': auth.replace('within 200 ms (p95).', 'within 200 ms (p95), and renders quickly.') }), 'specs/auth.md', auth.replace('within 200 ms (p95).', 'within 200 ms (p95), and renders quickly.'), 'always');
    assert.equal(again.match(/## Clarifications/g)!.length, 1);
    assert.deepEqual(parseSpec('specs/auth.md', again).clarifications.map((c) => c.clauseId), ['sessions', 'sessions']);
  });

  it('the hover of the answered clause links to its recorded decisions', () => {
    const ws = memoryWorkspace(files);
    const auth = answerFirst(ws, 'specs/auth.md', AUTH, 'within 200 ms (p95)');
    const after = memoryWorkspace({ ...files, 'specs/auth.md': auth });
    const line = auth.split('\n').findIndex((l) => l.startsWith('- 2026-11-21'));
    const hover = hoverMarkdown(after.model(), 'sessions', { link: (p, l) => `${p}#L${(l ?? 0) + 1}` })!;
    assert.match(hover, new RegExp(`Clarified: \\[2026-11-21\\]\\(specs/auth\\.md#L${line + 1}\\)`));
    assert.doesNotMatch(hoverMarkdown(after.model(), 'auth', { link: (p) => p })!, /Clarified/);
  });

  it('a record of earlier versions ({#clarifications}) and a spec-kit Clarifications section are appended to, never reviewed', () => {
    const legacy = AUTH + '\n## Clarifications {#clarifications}\n\n- 2026-11-01 · `sessions` · “fast”: How fast? → **quickly, as appropriate**\n';
    const ws = memoryWorkspace({ 'a.md': legacy });
    assert.deepEqual(brief(diagnosticsOf(ws)), ['ambiguity.vague@a.md:5']);
    const specKit = AUTH + '\n## Clarifications\n\n### Session 2026-11-01\n\n- Q: Should it be fast? → A: Yes, quickly, etc.\n';
    assert.deepEqual(brief(diagnosticsOf(memoryWorkspace({ 'a.md': specKit }))), ['ambiguity.vague@a.md:5']);
    const { range } = marked(AUTH.replace('quickly', '⟦quickly⟧'));
    const out = apply(specKit, answerEdits(specKit, { file: 'a.md', range, phrase: 'quickly', question: 'How fast?', clauseId: 'sessions', date: '2026-11-21', answer: '1 s', mode: 'replace' }) as FileEdit[]);
    assert.match(out, /- Q: Should it be fast\? → A: Yes, quickly, etc\.\n- 2026-11-21 · `sessions` · “quickly”: How fast\? → \*\*1 s\*\*\n$/);
  });
});

describe('answers to a spec that changed meanwhile [^se5v]', () => {
  const text = '# Auth {#auth authority=root}\n\n## Sessions {#sessions authority=root}\n\nThe sign-in page must respond quickly.\n';
  const offered = () => {
    const d = diagnosticsOf(memoryWorkspace({ 'a.md': text })).find((x) => x.code === 'ambiguity.vague')!;
    return { code: d.code, range: d.range, phrase: 'quickly', clauseId: 'sessions', answer: 'within 200 ms', mode: 'replace', date: '2026-11-21', stamp: 'v1' };
  };

  it('the user typed before the phrase: the answer replaces the phrase where it is now, not the old columns', () => {
    const typed = text.replace('The sign-in', 'Then the sign-in');
    const ws = memoryWorkspace({ 'a.md': typed });
    const edits = answerRequestEdits('a.md', typed, diagnosticsOf(ws), offered(), (stamp) => stamp === 'v2');
    assert.ok(Array.isArray(edits), JSON.stringify(edits));
    assert.match(apply(typed, edits), /Then the sign-in page must respond within 200 ms\.\n/);
  });

  it('the phrase is gone, or now appears twice: refused with a reason, nothing changed', () => {
    const gone = text.replace('quickly', 'in 1 s');
    const e1 = answerRequestEdits('a.md', gone, diagnosticsOf(memoryWorkspace({ 'a.md': gone })), offered(), () => false);
    assert.match((e1 as { error: string }).error, /“quickly” is no longer flagged in this spec/);
    const twice = text.replace('quickly.', 'quickly and renders quickly.');
    const e2 = answerRequestEdits('a.md', twice, diagnosticsOf(memoryWorkspace({ 'a.md': twice })), offered(), () => false);
    assert.match((e2 as { error: string }).error, /flagged 2 times in it now; nothing was changed/);
  });

  it('the text is not the one the diagnostics were computed for: refused, never written at the old range', () => {
    const typed = text.replace('The sign-in', 'Then the sign-in');
    // Diagnostics of the old text, the new text: the phrase is not at the range any more.
    const edits = answerRequestEdits('a.md', typed, diagnosticsOf(memoryWorkspace({ 'a.md': text })), offered(), () => true);
    assert.match((edits as { error: string }).error, /^The spec changed: “quickly” is no longer at line 5; nothing was changed/);
  });

  it('malformed requests are refused', () => {
    const ds = diagnosticsOf(memoryWorkspace({ 'a.md': text }));
    for (const bad of [null, {}, { ...offered(), range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }, { ...offered(), mode: 'delete' }, { ...offered(), date: '21/11/2026' }, { ...offered(), answer: 7 }]) {
      assert.ok('error' in (answerRequestEdits('a.md', text, ds, bad, () => true) as object), JSON.stringify(bad));
    }
  });
});
