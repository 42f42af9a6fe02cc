// `npm run eval:clarity`: the Model Spec findings file, the verdicts score and the real-spec score (issue 13), on
// small fixtures of our own (test/fixtures/clarity/real-synthetic), never on the real reviewers' labels.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evalReal, evalRealLlm, findingsJsonl, kappa, llmCoverage, locate, parseLabels, reviewFiles, scoreParagraph, scoreVerdicts, sentenceAt } from '../helpers/clarityEval';
import type { SampleEntry } from '../helpers/clarityEval';
import { clausesInUserMessage, userMessage, useFakeOpenAI } from '../helpers/fakeOpenAI';
import { resolveConfig } from '../../server/src/core/workspace/config';

const fixture = path.resolve(__dirname, '../../../test/fixtures/clarity/real-synthetic');
const read = (name: string): string => fs.readFileSync(path.join(fixture, name), 'utf8');

describe('eval:clarity: Model Spec findings and verdicts', () => {
  const spec = [
    '## Be clear {#clear authority=developer}',
    '',
    'The assistant should give a concise answer. It must respond quickly when asked.',
    '',
  ].join('\n');
  const findings = reviewFiles({ 'model_spec.md': spec }).get('model_spec.md')!;

  it('writes every finding as one JSON line with its line, phrase, category, question and sentence', () => {
    assert.deepEqual(findings.map((f) => [f.line, f.phrase]), [[3, 'concise'], [3, 'quickly']]);
    const rows = findingsJsonl(findings).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(Object.keys(rows[0]!), ['line', 'phrase', 'category', 'question', 'sentence']);
    assert.equal(rows[0]!['sentence'], 'The assistant should give a concise answer.');
    assert.equal(rows[1]!['sentence'], 'It must respond quickly when asked.');
    assert.equal(findingsJsonl([]), '');
  });

  it('counts verdicts by line and phrase; a finding with no verdict is unjudged, a verdict with no finding is stale', () => {
    const verdicts = [
      '{"line":3,"phrase":"Concise","verdict":"low-value"}',
      '{"line":4,"phrase":"quickly","verdict":"false-alarm"}',
      '{"line":3,"phrase":"gone","verdict":"real"}',
      '{"line":3,"phrase":"quickly","verdict":"maybe"}',
      'not json',
    ].join('\n');
    const s = scoreVerdicts(findings, verdicts);
    assert.deepEqual([s.real, s.lowValue, s.falseAlarm], [0, 1, 0]);
    assert.deepEqual(s.unjudged.map((f) => f.phrase), ['quickly']);
    assert.deepEqual(s.stale.map((v) => v.phrase), ['quickly', 'gone']);
    assert.equal(s.invalid.length, 2);
    const all = scoreVerdicts(findings, '{"line":3,"phrase":"concise","verdict":"real"}\n{"line":3,"phrase":"quickly","verdict":"false-alarm"}\n');
    assert.deepEqual([all.real, all.lowValue, all.falseAlarm, all.unjudged.length, all.stale.length], [1, 0, 1, 0, 0]);
  });

  it('cuts the sentence at the paragraph and at sentence ends, not at a dot inside a word', () => {
    const text = 'Intro.\n\nUse v1.2 of the API. Keep it brief and\nclear. Next one.\n';
    const at = text.indexOf('brief');
    assert.equal(sentenceAt(text, at, at + 5), 'Keep it brief and clear.');
  });
});

describe('eval:clarity --real: two reviewers, agreed marks and agreement', () => {
  const sample = JSON.parse(read('sample.json')) as SampleEntry[];

  it('finds the n-th occurrence of a phrase, and nothing when it is absent', () => {
    assert.deepEqual(locate('a b a b', { id: 'x', phrase: 'b', occurrence: 2 }), { start: 6, end: 7 });
    assert.equal(locate('a b', { id: 'x', phrase: 'b', occurrence: 2 }), undefined);
    const labels = parseLabels('{"id":"P1","none":true}\n{"id":"P2","phrase":"x"}\n{"id":"P3"}\n{"id":"P4","phrase":"y","occurrence":0}\n');
    assert.deepEqual([...labels.labeled], ['P1', 'P2']);
    assert.equal(labels.invalid.length, 2);
  });

  it('scores the synthetic sample: agreed marks, the union of marks, agreement per direction and kappa', () => {
    const log: string[] = [];
    const r = evalReal({ sample, realDir: fixture, sharedDir: undefined, l1: read('L1.jsonl'), l2: read('L2.jsonl'), log: (l) => log.push(l) });
    assert.deepEqual(r.skippedFiles, ['ghost+drafts/draft-ghost.md']);
    assert.ok(log.some((l) => l.startsWith('skipped ghost+drafts/draft-ghost.md')));
    assert.ok(log.some((l) => l.includes('“brief summary” is not in the paragraph')));
    assert.deepEqual(r.unlabeled, ['S6']);
    const t = r.total;
    // Findings in the scored paragraphs: concise (S1), helpful and quickly (S2), large (S4).
    assert.deepEqual([t.scored, t.findings, t.findingsOnAgreed, t.findingsOnUnion], [5, 4, 2, 4]);
    // Agreed: S1 "concise summary"/"concise", S2 "helpful"/"helpful error message"; both found.
    assert.deepEqual([t.agreed, t.agreedFound], [2, 2]);
    assert.deepEqual(r.details.flatMap((d) => d.agreed.map((a) => a.text)), ['concise summary', 'helpful error message']);
    assert.deepEqual([t.l1Marks, t.l2Marks, t.l1FoundByL2, t.l2FoundByL1], [4, 3, 2, 2]);
    assert.deepEqual(t.table, [[1, 1], [1, 2]]);
    assert.equal(kappa(t.table)!.toFixed(3), '0.167');
    assert.deepEqual([...r.byKind.keys()], ['kiro', 'prose']);
    assert.equal(r.byKind.get('prose')!.findings, 0);
  });

  it('counts findings per kind and says that labels are missing when a reviewer file is absent', () => {
    const r = evalReal({ sample, realDir: fixture, sharedDir: undefined, l1: read('L1.jsonl'), l2: undefined, log: () => undefined });
    assert.equal(r.labelsMissing, true);
    assert.equal(r.total.scored, 0);
    assert.deepEqual([...r.findingsByKind], [['kiro', 4], ['prose', 0]]);
  });

  it('one L1 mark overlapping two L2 marks is one agreed mark; a finding on either of them finds it', () => {
    const text = 'The system SHALL respond fast and reliably.';
    const at = text.indexOf('reliably');
    const { score, detail } = scoreParagraph('Q1', text, [{ start: at, end: at + 8 }], () => ({ phrase: 'reliably', question: '?' }),
      [{ id: 'Q1', phrase: 'fast and reliably' }], [{ id: 'Q1', phrase: 'fast' }, { id: 'Q1', phrase: 'reliably' }]);
    assert.deepEqual([score.agreed, score.agreedFound, score.findingsOnAgreed, score.l1FoundByL2, score.l2FoundByL1], [1, 1, 1, 1, 2]);
    assert.deepEqual(detail.agreed, [{ text: 'fast and reliably', found: true }]);
  });

  it('the LLM pass\'s reach: an agreed mark in a spec-kit story is sent now (a section outside clauses), one in a requirement was before too', () => {
    const lines = ['# Feature Specification: Uploads', '', '### User Story 1 - Upload a file (Priority: P1)', '', 'As a user, I want uploads to finish quickly so that I can share files.', '', '## Requirements', '', '- **FR-001**: System MUST reject large files in a timely manner.', ''];
    const labels = '{"id":"A1","phrase":"quickly"}\n{"id":"A2","phrase":"in a timely manner"}\n{"id":"A3","none":true}\n';
    const sample: SampleEntry[] = [
      { id: 'A1', kind: 'speckit', repo: 'acme+app', path: 'specs/001-uploads/spec.md', startLine: 5, endLine: 5 },
      { id: 'A2', kind: 'speckit', repo: 'acme+app', path: 'specs/001-uploads/spec.md', startLine: 9, endLine: 9 },
      { id: 'A3', kind: 'speckit', repo: 'acme+app', path: 'specs/001-uploads/spec.md', startLine: 3, endLine: 3 },
    ];
    for (const eol of ['\n', '\r\n']) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarity-reach-'));
      try {
        fs.mkdirSync(path.join(dir, 'acme+app/specs/001-uploads'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'acme+app/specs/001-uploads/spec.md'), lines.join(eol));
        assert.deepEqual(llmCoverage({ sample, realDir: dir, sharedDir: undefined, l1: labels, l2: labels, log: () => undefined }), { agreed: 2, inClauses: 1, inSent: 2 }, JSON.stringify(eol));
        // Only where both reviewers labeled the paragraph; none without labels.
        assert.deepEqual(llmCoverage({ sample, realDir: dir, sharedDir: undefined, l1: labels, l2: '{"id":"A2","phrase":"timely"}\n', log: () => undefined }), { agreed: 1, inClauses: 1, inSent: 1 });
        assert.deepEqual(llmCoverage({ sample, realDir: dir, sharedDir: undefined, l1: labels, l2: undefined, log: () => undefined }), { agreed: 0, inClauses: 0, inSent: 0 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe('eval:clarity --real --llm: the LLM pass scored like the offline pass (against a local fake endpoint)', () => {
  const endpoint = useFakeOpenAI('sk-test-eval-0123456789');

  it('scores the offline pass, the LLM pass\'s own findings and the two merged without duplicates, per paragraph', async () => {
    const spec = ['# Feature Specification: Uploads', '', '### User Story 1 - Upload a file (Priority: P1)', '', 'As a user, I want uploads to finish quickly so that I can share files.', '', '## Requirements', '', '- **FR-001**: System MUST reject large files in a timely manner.', ''].join('\n');
    const labels = '{"id":"A1","phrase":"quickly"}\n{"id":"A1","phrase":"share files"}\n{"id":"A2","phrase":"in a timely manner"}\n';
    const sample: SampleEntry[] = [
      { id: 'A1', kind: 'speckit', repo: 'acme+app', path: 'specs/001-uploads/spec.md', startLine: 5, endLine: 5 },
      { id: 'A2', kind: 'speckit', repo: 'acme+app', path: 'specs/001-uploads/spec.md', startLine: 9, endLine: 9 },
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarity-llm-eval-'));
    try {
      fs.mkdirSync(path.join(dir, 'acme+app/specs/001-uploads'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'acme+app/specs/001-uploads/spec.md'), spec);
      endpoint().enqueue((req) => {
        const sent = clausesInUserMessage(userMessage(req));
        const story = sent.find((c) => c.text.includes('share files'))!;
        const answer = (clause: string, phrase: string): Record<string, string> => ({ clause, phrase, category: 'vague', question: `What does "${phrase}" mean?`, suggestion: 'x' });
        // A new phrase, one the offline pass already asks about (dropped when merged), and one no reviewer marked.
        return { kind: 'answer', findings: [answer(story.id, 'share files'), answer(story.id, 'quickly'), answer('FR-001', 'reject')] };
      });
      const summaries: string[] = [];
      const r = await evalRealLlm({ sample, realDir: dir, sharedDir: undefined, l1: labels, l2: labels, log: () => undefined }, { config: resolveConfig(undefined).config, onSummary: (_, m) => summaries.push(m) });
      assert.equal(endpoint().requests.length, 1);
      assert.match(summaries[0]!, /3 findings/);
      const brief = (v: 'offline' | 'llm' | 'merged'): number[] => [r[v].total.findings, r[v].total.findingsOnAgreed, r[v].total.agreed, r[v].total.agreedFound];
      assert.deepEqual(brief('offline'), [3, 2, 3, 2], 'quickly, large, in a timely manner');
      assert.deepEqual(brief('llm'), [3, 2, 3, 2], 'share files, quickly, reject');
      assert.deepEqual(brief('merged'), [5, 3, 3, 3], 'the offline three, and share files and reject');
      assert.deepEqual([...r.merged.byId.keys()], ['A1', 'A2']);
      assert.deepEqual([r.merged.byId.get('A1')!.agreedFound, r.merged.byId.get('A2')!.agreedFound], [2, 1]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
