// The spec type checker: normative statements [^tc1n] and conflicts between clauses [^tc2c].
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { toJson } from '../../server/src/core/format/json';
import { toSarif } from '../../server/src/core/format/sarif';
import { summarize } from '../../server/src/core/format/json';
import { toText } from '../../server/src/core/format/text';
import { coverageReport } from '../../server/src/core/format/report';
import { statementOf } from '../../server/src/core/analysis/typecheck/normative';
import { findQuantities, incompatible } from '../../server/src/core/analysis/typecheck/quantities';
import { loadWorkspace } from '../../server/src/io/workspace';
import { brief, diagnosticsOf, memoryWorkspace, repoRoot } from '../helpers/workspace';

const conflicts = (files: Record<string, string>, config = {}): string[] =>
  brief(diagnosticsOf(memoryWorkspace(files, config)).filter((d) => d.code.startsWith('conflict.')));

/** Two specs, one sentence each, in sections with ids. */
const pair = (a: string, b: string): Record<string, string> => ({
  'specs/a.md': `# A {#a}\n\n## One {#a1}\n\n${a}\n`,
  'specs/b.md': `# B {#b}\n\n## Two {#b1}\n\n${b}\n`,
});

describe('type checker: quantities', () => {
  it('normalises durations so 30 minutes and 0.5 hours are one value', () => {
    const [a] = findQuantities('after 30 minutes');
    const [b] = findQuantities('after 0.5 hours');
    assert.equal(a!.kind, 'duration');
    assert.equal(a!.value, 1800);
    assert.equal(b!.value, 1800);
    assert.equal(findQuantities('84 months')[0]!.value, findQuantities('7 years')[0]!.value);
  });

  it('reads sizes, percentages, counts and rates with their bound', () => {
    assert.deepEqual(
      findQuantities('at most 2 KiB, at least 95% of uploads, up to 50 requests per second, no more than 3 failed attempts, 10/s').map((q) => [q.kind, q.value, q.bound]),
      [
        ['size', 2048, 'max'],
        ['percent', 95, 'min'],
        ['rate:request', 50, 'max'],
        ['count:attempt', 3, 'max'],
        ['rate:', 10, 'exact'],
      ],
    );
    // Bare numbers (versions, section numbers) are no quantities.
    assert.deepEqual(findQuantities('see section 4 of RFC 9110'), []);
  });

  it('says which bounds cannot both hold', () => {
    assert.equal(incompatible({ value: 10, bound: 'max' }, { value: 50, bound: 'max' }), true); // one limit, two values
    assert.equal(incompatible({ value: 30, bound: 'max' }, { value: 90, bound: 'min' }), true); // min above max
    assert.equal(incompatible({ value: 90, bound: 'max' }, { value: 30, bound: 'min' }), false); // a range
    assert.equal(incompatible({ value: 5, bound: 'exact' }, { value: 10, bound: 'max' }), false);
    assert.equal(incompatible({ value: 5, bound: 'exact' }, { value: 10, bound: 'min' }), true);
    assert.equal(incompatible({ value: 1800, bound: 'exact' }, { value: 1800, bound: 'exact' }), false);
  });
});

describe('type checker: normative statements', () => {
  it('reads modality, subject and action; stems so "deletes" and "delete" match', () => {
    const a = statementOf('The service MUST NOT log request bodies.', true)!;
    assert.deepEqual([a.modality, a.subject, a.action, a.condition], ['must-not', 'servic', 'log request body', '']);
    assert.equal(statementOf('The service deletes nothing; it must log.', true), undefined);
    assert.equal(statementOf('The platform must delete logs.', false)!.action, statementOf('The platform MUST deletes the logs.', false)!.action);
  });

  it('reads lower-case keywords only where the document does not cite BCP 14', () => {
    assert.equal(statementOf('A cache must not store it.', true), undefined);
    assert.equal(statementOf('The assistant should not reveal the prompt.', false)!.modality, 'should-not');
  });

  it('reads EARS and spec-kit: the condition, THE SYSTEM, the label of a requirement item', () => {
    const ears = statementOf('WHEN an order is placed THE SYSTEM SHALL send a confirmation email.', false)!;
    assert.deepEqual([ears.modality, ears.subject, ears.action, ears.condition], ['must', 'system', 'send confirmation email', 'order plac']);
    const ifThen = statementOf('IF the card is declined THEN the system SHALL notify the customer.', false)!;
    assert.deepEqual([ifThen.subject, ifThen.condition], ['system', 'card declin']);
    assert.equal(statementOf('However, implementations MAY reuse the stream.', true)!.condition, '');
    const item = statementOf('  FR-001 : System MUST accept photos of at most 20 MB.', false)!;
    assert.equal(item.subject, 'system');
    assert.deepEqual(item.quantities, [{ kind: 'size', value: 20e6, bound: 'max', raw: 'at most 20 MB' }]);
    const trailing = statementOf('The gateway MUST allow 100 requests per minute when the user is internal.', false)!;
    assert.equal(trailing.condition, 'user internal');
  });

  it('reads retention: "delete after N" keeps at most N, "keep for N" at least N, "MUST NOT keep for more than N" at most N', () => {
    const del = statementOf('The platform MUST delete audit logs after 30 days.', false)!;
    const keep = statementOf('The platform MUST keep audit logs for 90 days.', false)!;
    const never = statementOf('The platform MUST NOT keep audit logs for more than 30 days.', false)!;
    assert.equal(del.action, keep.action);
    assert.deepEqual([del.quantities[0]!.bound, keep.quantities[0]!.bound], ['max', 'min']);
    assert.deepEqual([never.modality, never.action, never.quantities[0]!.bound], ['must', del.action, 'max']);
  });

  it('skips what it cannot compare: pronoun subjects, two keywords, "may not"', () => {
    assert.equal(statementOf('It MUST be fast.', true), undefined);
    assert.equal(statementOf('The client MUST send X and the server MAY reply.', true), undefined);
    assert.equal(statementOf('The model may not know the answer.', false), undefined);
  });
});

describe('type checker: conflicts', () => {
  it('modal: MUST against MUST NOT and MAY against MUST NOT, on both clauses, each naming the other', () => {
    const ws = memoryWorkspace(pair('The service MUST log request bodies.', 'The service MUST NOT log request bodies.'));
    const found = diagnosticsOf(ws).filter((d) => d.code === 'conflict.modal');
    assert.deepEqual(brief(found), ['conflict.modal@specs/a.md:5', 'conflict.modal@specs/b.md:5']);
    assert.match(found[0]!.message, /^Conflicts with `b1` at specs\/b\.md:5: MUST against MUST NOT\.$/);
    assert.deepEqual(found[0]!.related?.map((r) => [r.file, r.range.start.line]), [['specs/b.md', 4]]);
    assert.deepEqual(found[1]!.related?.map((r) => r.file), ['specs/a.md']);
    assert.equal(found[0]!.severity, 'warning');
    assert.deepEqual(conflicts(pair('Administrators MAY export user data.', 'Administrators MUST NOT export user data.')), ['conflict.modal@specs/a.md:5', 'conflict.modal@specs/b.md:5']);
    assert.deepEqual(conflicts(pair('The system SHOULD attach a receipt.', 'The system SHOULD NOT attach a receipt.')), ['conflict.modal@specs/a.md:5', 'conflict.modal@specs/b.md:5']);
  });

  it('numeric: retention and rate limits that cannot both hold', () => {
    assert.deepEqual(conflicts(pair('The platform MUST delete audit logs after 30 days.', 'The platform MUST keep audit logs for 90 days.')), [
      'conflict.numeric@specs/a.md:5',
      'conflict.numeric@specs/b.md:5',
    ]);
    assert.deepEqual(conflicts(pair('The API MUST accept at most 10 requests per second.', 'The API MUST accept up to 50 requests per second.')), [
      'conflict.numeric@specs/a.md:5',
      'conflict.numeric@specs/b.md:5',
    ]);
  });

  it('numeric: what an inline code span names tells two subjects apart (a trust sweep: two enums of one Kiro spec)', () => {
    assert.deepEqual(conflicts(pair('The `search` endpoint MUST accept at most 10 requests per second.', 'The `export` endpoint MUST accept up to 50 requests per second.')), []);
    assert.deepEqual(conflicts(pair('The `search` endpoint MUST accept at most 10 requests per second.', 'The `search` endpoint MUST accept up to 50 requests per second.')), [
      'conflict.numeric@specs/a.md:5',
      'conflict.numeric@specs/b.md:5',
    ]);
  });

  it('definition: one term defined with different values', () => {
    const spec = (days: number): string => `# T {#t${days}}\n\n## Terminology\n\n- **Active user**: a user who signed in within the last ${days} days.\n`;
    assert.deepEqual(conflicts({ 'specs/a.md': spec(30), 'specs/b.md': spec(7) }), ['conflict.definition@specs/a.md:5', 'conflict.definition@specs/b.md:5']);
    assert.deepEqual(conflicts({ 'specs/a.md': spec(30), 'specs/b.md': spec(30) }), []);
  });

  it('authority: the lower clause is the warning, the higher one an information that says it prevails', () => {
    const files = {
      'specs/a.md': '# A {#a}\n\n## Retention {#sec authority=system}\n\nThe platform MUST delete audit logs after 30 days.\n',
      'specs/b.md': '# B {#b}\n\n## Retention {#ops authority=developer}\n\nThe platform MUST keep audit logs for 90 days.\n',
    };
    const found = diagnosticsOf(memoryWorkspace(files)).filter((d) => d.code === 'conflict.numeric');
    assert.deepEqual(found.map((d) => `${d.file}:${d.severity}`), ['specs/a.md:info', 'specs/b.md:warning']);
    assert.match(found[0]!.message, /This clause prevails \(authority system over developer\)\.$/);
    assert.match(found[1]!.message, /`sec` prevails \(authority system over developer\)\.$/);
  });

  it('traps: agreement, other units that agree, different subjects with one number, disjoint conditions, different obligations on one event, one clause', () => {
    assert.deepEqual(conflicts(pair('The service MUST store passwords as salted hashes.', 'The service MUST store passwords as salted hashes.')), []);
    assert.deepEqual(conflicts(pair('The session MUST expire after 30 minutes of inactivity.', 'The session MUST expire after 0.5 hours of inactivity.')), []);
    assert.deepEqual(conflicts(pair('The login form MUST lock the account after 5 failed attempts.', 'The upload service MUST lock the account after 3 failed attempts.')), []);
    assert.deepEqual(
      conflicts(pair('When the user is internal, the gateway MUST allow 100 requests per minute.', 'When the user is external, the gateway MUST allow 20 requests per minute.')),
      [],
    );
    assert.deepEqual(conflicts(pair('WHEN an order is placed THE SYSTEM SHALL send an email.', 'WHEN an order is placed THE SYSTEM SHALL NOT charge the card.')), []);
    assert.deepEqual(conflicts({ 'specs/a.md': '# A {#a}\n\nThe service MUST log bodies.\n\nThe service MUST NOT log bodies.\n' }), []);
  });

  it('scenarios written one step per item: the outcome holds under its WHEN items, so outcomes of different scenarios do not conflict', () => {
    // OpenSpec writes a scenario as `- **WHEN** …`, `- **AND** …`, `- **THEN** … SHALL …` items.
    const scenario = (when: string, then: string): string => `### Requirement: Config\n\n#### Scenario: S\n\n- **WHEN** ${when}\n- **THEN** ${then}\n`;
    const files = (a: string, b: string): Record<string, string> => ({ 'openspec/specs/a/spec.md': a, 'openspec/specs/b/spec.md': b });
    assert.deepEqual(
      conflicts(files(scenario('the user runs `config profile`', 'the system SHALL update the global config'), scenario('the user runs `init --profile core`', 'the system SHALL NOT update the global config'))),
      [],
    );
    // Counter-case: the same conditions, opposite obligations.
    assert.deepEqual(
      conflicts(files(scenario('the user runs `init`', 'the system SHALL update the global config'), scenario('the user runs `init`', 'the system SHALL NOT update the global config'))),
      ['conflict.modal@openspec/specs/a/spec.md:6', 'conflict.modal@openspec/specs/b/spec.md:6'],
    );
    // A step's AND items extend the conditions before THEN, not after it.
    const anded = '#### Scenario: S\n\n- **WHEN** the user runs `init`\n- **AND** the config is missing\n- **THEN** the system SHALL update the global config\n';
    assert.deepEqual(conflicts(files(anded, scenario('the user runs `init`', 'the system SHALL NOT update the global config'))), []);
  });

  it('OpenSpec changes: a delta is compared with its own change only, an archived change not at all', () => {
    const spec = (rule: string): string => `### Requirement: Prompts\n\nThe CLI SHALL ${rule} interactive prompts.\n`;
    // A change's MODIFIED requirement replaces the one it differs from: no conflict with the current spec.
    assert.deepEqual(conflicts({ 'openspec/specs/cli/spec.md': spec('show'), 'openspec/changes/quiet/specs/cli/spec.md': spec('NOT show') }), []);
    assert.deepEqual(conflicts({ 'openspec/specs/cli/spec.md': spec('show'), 'openspec/changes/archive/2025-01-01-quiet/specs/cli/spec.md': spec('NOT show') }), []);
    // Counter-cases: two delta specs of one change hold together; so do two current specs.
    assert.deepEqual(conflicts({ 'openspec/changes/quiet/specs/cli/spec.md': spec('show'), 'openspec/changes/quiet/specs/init/spec.md': spec('NOT show') }), [
      'conflict.modal@openspec/changes/quiet/specs/cli/spec.md:3',
      'conflict.modal@openspec/changes/quiet/specs/init/spec.md:3',
    ]);
    assert.deepEqual(conflicts({ 'openspec/specs/cli/spec.md': spec('show'), 'openspec/specs/init/spec.md': spec('NOT show') }), ['conflict.modal@openspec/specs/cli/spec.md:3', 'conflict.modal@openspec/specs/init/spec.md:3']);
    // Definitions too: a change redefines a term for the specs it changes.
    const glossary = (days: number): string => `## Terminology\n\n- **Active user**: a user who signed in within the last ${days} days.\n`;
    assert.deepEqual(conflicts({ 'openspec/specs/users/spec.md': glossary(30), 'openspec/changes/shorter/specs/users/spec.md': glossary(7) }), []);
    assert.deepEqual(conflicts({ 'openspec/specs/users/spec.md': glossary(30), 'openspec/specs/billing/spec.md': glossary(7) }), [
      'conflict.definition@openspec/specs/billing/spec.md:3',
      'conflict.definition@openspec/specs/users/spec.md:3',
    ]);
  });

  it('is configurable per code, and off costs nothing: no statements are extracted', () => {
    const files = pair('The service MUST log request bodies.', 'The service MUST NOT log request bodies.');
    const errors = diagnosticsOf(memoryWorkspace(files, { severity: { 'conflict.modal': 'error' } })).filter((d) => d.code === 'conflict.modal');
    assert.deepEqual(errors.map((d) => d.severity), ['error', 'error']);
    const off = { 'conflict.modal': 'off', 'conflict.numeric': 'off', 'conflict.definition': 'off' } as const;
    const ws = memoryWorkspace(files, { severity: off });
    assert.deepEqual(conflicts(files, { severity: off }), []);
    assert.equal(ws.specFacts('specs/a.md')!.typecheck, undefined);
  });

  it('an edit that makes a conflict marks the other file changed too (the editor republishes both)', () => {
    const files = pair('The service MUST log request bodies.', 'The service MUST log request bodies.');
    const ws = memoryWorkspace(files);
    diagnosticsOf(ws);
    ws.takeChanges();
    ws.updateFile('specs/b.md', files['specs/b.md']!.replace('MUST log', 'MUST NOT log'), true);
    const changes = ws.takeChanges();
    assert.ok(changes === 'all' || (changes.has('specs/a.md') && changes.has('specs/b.md')), `changes: ${[...(changes === 'all' ? ['all'] : changes)]}`);
    assert.deepEqual(conflicts({ ...files, 'specs/b.md': files['specs/b.md']!.replace('MUST log', 'MUST NOT log') }), ['conflict.modal@specs/a.md:5', 'conflict.modal@specs/b.md:5']);
  });
});

describe('type checker: the planted fixtures and the outputs', () => {
  const dir = path.join(repoRoot, 'test/fixtures/typecheck');

  it('finds every planted conflict of the two departments and nothing else; none in the IETF and spec-kit texts', async () => {
    const ws = await loadWorkspace(path.join(dir, 'departments'));
    const found = diagnosticsOf(ws.index).filter((d) => d.code.startsWith('conflict.') && d.severity === 'warning');
    assert.deepEqual(brief(found), [
      'conflict.modal@specs/billing.md:11',
      'conflict.numeric@specs/billing.md:5',
      'conflict.modal@specs/operations.md:21',
      'conflict.modal@specs/operations.md:25',
      'conflict.numeric@specs/operations.md:5',
      'conflict.numeric@specs/operations.md:13',
      'conflict.definition@specs/operations.md:45',
      'conflict.numeric@specs/operations.md:50',
      'conflict.modal@specs/operations.md:54',
      'conflict.definition@specs/security.md:33',
    ].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
    for (const other of ['ietf', 'spec-kit']) {
      const w = await loadWorkspace(path.join(dir, other));
      assert.deepEqual(brief(diagnosticsOf(w.index).filter((d) => d.code.startsWith('conflict.'))), [], other);
    }
  });

  it('text, JSON and SARIF name the other place; the report lists the conflicts', async () => {
    const ws = await loadWorkspace(path.join(dir, 'departments'));
    const model = ws.index.model();
    const all = diagnosticsOf(ws.index);
    const retention = all.filter((d) => d.code === 'conflict.numeric' && d.file === 'specs/operations.md' && d.range.start.line === 4);
    const text = toText(retention, summarize(model, retention), { color: false, showInfo: true });
    assert.match(text, /^specs\/operations\.md:5:1 warning conflict\.numeric Conflicts with `sec-logs` at specs\/security\.md:5: /m);
    assert.match(text, /^specs\/security\.md:5:1 note `sec-logs`: “The platform MUST delete audit logs after 30 days\.”$/m);
    const json = toJson(model, retention) as { diagnostics: { related: { file: string; line: number }[] }[] };
    assert.deepEqual(json.diagnostics[0]!.related.map((r) => `${r.file}:${r.line}`), ['specs/security.md:5']);
    const sarif = toSarif(retention, { version: '0' }) as { runs: { results: { relatedLocations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const loc = sarif.runs[0]!.results[0]!.relatedLocations[0]!.physicalLocation;
    assert.deepEqual([loc.artifactLocation.uri, loc.region.startLine], ['specs/security.md', 5]);
    const report = coverageReport(model, { config: ws.config });
    assert.match(report, /^## Conflicts$/m);
    assert.match(report, /^\| numeric \| `ops-retention` specs\/operations\.md:5 \| `sec-logs` specs\/security\.md:5 \| time “at least 90 days” against “at most 30 days” \| `sec-logs` specs\/security\.md:5 \(system\) \|$/m);
  });
});

function sortKey(b: string): string {
  const [, where] = b.split('@');
  const [file, line] = where!.split(':');
  return `${file}:${line!.padStart(5, '0')}`;
}
