// The scanner's SpecFacts (server/src/core/markdown/specFacts.ts, parseSpec's fast path for the chunks it covers)
// against the remark tree walk alone (parseSpecTree, the reference): deep-equal facts — headings, clauses, references,
// definitions, links, anchors, prose blocks, decisions, ranges — chunked and whole, on the CommonMark examples with
// injections, the Model Spec, this repository's Markdown, generated spec-like documents, and under random edits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as FastCheck from 'fast-check';
import { addFootnoteRef, addOneLineFootnoteRef, FootnoteRefColumns, parseSpecChunked, parseSpecTree, walkMode, type SpecChunkCache } from '../../server/src/core/markdown/parseSpec';
import { eachRef, scanSpecChunk } from '../../server/src/core/markdown/specFacts';
import { ID_PATTERN, LineIndex } from '../../server/src/core/text/lineIndex';
import { markdownFiles } from '../helpers/markdownOracle';
import { scannedChunks, specFactsDifferences } from '../helpers/specFactsOracle';
import { modelSpecDir, repoRoot } from '../helpers/workspace';

let fc: typeof FastCheck | undefined;
try {
  fc = require('fast-check') as typeof FastCheck; // eslint-disable-line @typescript-eslint/no-require-imports
} catch {
  fc = undefined;
}

const examples = (require('commonmark-spec') as { tests: { markdown: string; number: number }[] }).tests; // eslint-disable-line @typescript-eslint/no-require-imports


/** Differences over documents, and how many of their chunks the scanner path covered. */
function check(docs: Iterable<[string, string]>): { found: string[]; scanned: number; chunks: number } {
  const found: string[] = [];
  let scanned = 0;
  let chunks = 0;
  for (const [file, text] of docs) {
    for (const d of specFactsDifferences(file, text)) found.push(`${file}: ${d}`);
    const c = scannedChunks(file, text);
    scanned += c.scanned;
    chunks += c.chunks;
  }
  return { found, scanned, chunks };
}

function assertEqualFacts(docs: Iterable<[string, string]>, minScanned = 1): void {
  const { found, scanned } = check(docs);
  assert.deepEqual(found.slice(0, 10), [], `${found.length} differences`);
  assert.ok(scanned >= minScanned, `the scanner path covered ${scanned} chunks`);
}

/**
 * Random documents (fast-check) under each of `files`: the scanner path's facts equal the tree walk's. Returns how many
 * of the documents `about` picks (the shape the test is about) the scanner path read whole, so that a test can say the
 * shape was reached and not left to the tree walk.
 */
function fuzzFacts(doc: FastCheck.Arbitrary<string>, files: readonly string[], about: (text: string, file: string) => boolean, run: { numRuns: number; seed: number }): number {
  const check = fc!;
  let scanned = 0;
  check.assert(
    check.property(doc, check.constantFrom(...files), (text, file) => {
      assert.deepEqual(specFactsDifferences(file, text), [], JSON.stringify([file, text]));
      const c = scannedChunks(file, text);
      if (c.scanned === c.chunks && about(text, file)) scanned++;
    }),
    run,
  );
  return scanned;
}

function* commonmark(transform: (md: string) => string): Iterable<[string, string]> {
  for (const e of examples) yield [`docs/example-${e.number}.md`, transform(e.markdown.replace(/→/g, '\t'))];
}

const SPEC = [
  '# Spec {#root authority=platform}',
  '',
  'Intro with `code [^x]` and a reference.[^a1]',
  '',
  'Some **strong** and *emphasis* and _underscores_ (**also**: `c`), **`code`**, an escaped \\[^a1] and \\* star,',
  'a <!-- comment [^b2] --> and <a id="inline-anchor">an anchor</a>.[^b2]',
  '',
  '## Rules {#rules}',
  '',
  '| Case | Rule `a` |',
  '| --- | --- |',
  '| One | Must answer within 2 s.[^a1] |',
  '|  | |',
  '',
  '- first item [^b2]',
  '  continued',
  '- second `x`',
  '',
  '```js',
  'const s = "[^a1]";',
  '```',
  '',
  '<div id="anchor-here"></div>',
  '',
  '---',
  '',
  '## Clarifications',
  '',
  '- 2026-11-21 · `rules` · “quickly”: How fast? → 200 ms',
  '',
  '# Other {#other_x authority=user}',
  '',
  'Text.[^b2] See [the rules](#rules), [other](other.md#b%32) and [a file](docs/x.md).',
  '',
  '[^a1]: examples/a1.md',
  '[^b2]: tests/test_b.py::test_b',
  '',
].join('\n');

describe('spec facts from the scanner equal the tree walk', function () {
  // Every document is parsed four times (scanner and tree, chunked and whole).
  this.timeout(180_000);

  it('a spec in the covered subset: every chunk from the scanner, facts equal', function () {
    const c = scannedChunks('docs/spec.md', SPEC);
    assert.deepEqual(c, { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/spec.md', SPEC], ['docs/crlf.md', SPEC.replace(/\n/g, '\r\n')], ['docs/cr.md', SPEC.replace(/\n/g, '\r')], ['docs/nodefs.md', SPEC.replace(/^\[\^.*$/gm, '')]]);
    // The decision record, the list item and the clause texts really come from the scanner path.
    const facts = parseSpecChunked('docs/spec.md', SPEC).facts;
    assert.deepEqual(facts.clarifications.map((e) => [e.clauseId, e.date]), [['rules', '2026-11-21']]);
    assert.match(facts.headingClauses.find((c) => c.id === 'rules')!.text, /One Must answer within 2 s\.\[\^a1\]/);
    assert.deepEqual(facts.links.map((l) => [l.path, l.anchor]), [['', 'rules'], ['other.md', 'b2'], ['docs/x.md', '']]);
    // Emphasis, escapes and inline HTML: plain text without markup, the escaped reference is text, the anchor counts.
    assert.match(facts.headingClauses.find((c) => c.id === 'root')!.text, /Some strong and emphasis and underscores \(also: c\), code, an escaped \[\^a1\] and \* star, a and an anchor\.\[\^b2\]/);
    assert.ok(facts.anchors.has('inline-anchor'));
    assert.deepEqual(facts.footnoteRefs.map((r) => r.id), ['a1', 'b2', 'a1', 'b2', 'b2']);
  });

  it('a spec-kit feature: requirement items `**FR-001**` and id mentions from the scanner, facts equal', function () {
    const spec = [
      '# Feature Specification: Upload',
      '',
      '## Requirements',
      '',
      '- **FR-001**: System MUST accept uploads (see FR-002 and `FR-009`).',
      '- **FR-002** – Users MUST be able to retry; SC-001 measures it.[^a1]',
      '',
      '**NFR-003**: Latency under 200 ms, unlike x-FR-004 or FR-00456.',
      '',
      '| Id | Rule |',
      '| --- | --- |',
      '| SC-001 | 95% of uploads within [FR-001](#fr-001) |',
      '',
      '[^a1]: tests/test_upload.py::test_retry',
      '',
    ].join('\n');
    const plan = spec.replace('# Feature Specification: Upload', '# Implementation Plan');
    for (const [file, text] of [['specs/001-upload/spec.md', spec], ['specs/001-upload/plan.md', plan], ['docs/upload.md', spec]] as const) {
      // (Two chunks: the definition `[^a1]:` and its use are in the second section.)
      assert.deepEqual(scannedChunks(file, text), { chunks: 2, scanned: 2 }, file);
      assertEqualFacts([[file, text]]);
    }
    const facts = parseSpecChunked('specs/001-upload/spec.md', spec).facts;
    assert.deepEqual(facts.headingClauses.map((c) => [c.id, c.kind, c.text]), [
      ['FR-001', 'item', 'System MUST accept uploads (see FR-002 and FR-009).'],
      ['FR-002', 'item', 'Users MUST be able to retry; SC-001 measures it.[^a1]'],
      ['NFR-003', 'item', 'Latency under 200 ms, unlike x-FR-004 or FR-00456.'],
      // A requirements table's body row declares the id of its first cell.
      ['SC-001', 'item', '95% of uploads within FR-001'],
    ]);
    assert.deepEqual(facts.mentions.map((m) => m.id), ['FR-002', 'SC-001', 'FR-001']);
    assert.deepEqual(parseSpecChunked('specs/001-upload/plan.md', plan).facts.mentions.map((m) => m.id), ['FR-001', 'FR-002', 'FR-002', 'SC-001', 'NFR-003', 'SC-001', 'FR-001']);
  });

  it('another spec file of a spec-kit feature (spec-v2.md): its items are mentions that declare, from the tree walk, facts equal', function () {
    const v2 = [
      '# Feature Specification: Upload, second phase',
      '',
      '## Requirements',
      '',
      '- **FR-101**: System MUST resume an interrupted upload.',
      '- FR-102: Users SHOULD see the progress of each file.',
      '- **FR-103**: looks fine, see FR-101.',
      '',
      'Plain prose mentions FR-101 again.',
      '',
    ].join('\n');
    const file = 'specs/001-upload/spec-v2.md';
    assertEqualFacts([[file, v2]]);
    const mentions = parseSpecChunked(file, v2).facts.mentions.map((m) => `${m.id}${m.declares ? ` ${m.declares}` : ''}`);
    // (An item without a modal opens with its id all the same; whether its file is a version of the spec is decided
    // with the others: see formats.test.ts.)
    assert.deepEqual(mentions, ['FR-101 requirement', 'FR-102 requirement', 'FR-103 item', 'FR-101', 'FR-101']);
    // The feature's own spec and its plan: no mention declares.
    for (const other of ['specs/001-upload/spec.md', 'specs/001-upload/plan.md']) assert.ok(parseSpecChunked(other, v2).facts.mentions.every((m) => !m.declares), other);
  });

  it("spec-kit mentions of another feature's ids are left out by the scanner as by the tree walk", function () {
    const plan = [
      '# Implementation Plan',
      '',
      'Uploads reuse FR-001 of the 002-download spec, feature 002 (FR-002) and `specs/002-download/` FR-003; ours is FR-004.',
      '',
      '| Step | Rule |',
      '| --- | --- |',
      '| Retry | as feature 002 FR-005 and FR-006 do; ours is FR-007 |',
      '',
      '- Resume as FR-008 and FR-009 of the 002-download spec say.',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('specs/001-upload/plan.md', plan), { chunks: 1, scanned: 1 });
    assertEqualFacts([['specs/001-upload/plan.md', plan]]);
    assert.deepEqual(parseSpecChunked('specs/001-upload/plan.md', plan).facts.mentions.map((m) => m.id), ['FR-004', 'FR-007']);
  });

  it("Kiro feature folders: `Requirement` mentions from the scanner (another feature's left out, as by the tree walk), facts equal", function () {
    const tasks = [
      '# Tasks',
      '',
      '- [x] 1. Store the uploads',
      '  - Keep each part until the last arrives',
      '  - _Requirements: 1.1, 2.3_',
      '',
      '- [ ] 2. Resume a broken upload',
      '  - _Requirements: 3.2 and 4_',
      '',
      '| Step | Why |',
      '| --- | --- |',
      '| Retry | Requirement 5, as the download feature does |',
      '| Limit | see Requirement 6 of `.kiro/specs/download/` |',
      '',
      'As Requirement 7 of the `.kiro/specs/download/` spec says; ours is Requirement 8.[^n1]',
      '',
      '[^n1]: Requirement 9 is a note',
      '',
    ].join('\n');
    const design = tasks.replace('# Tasks', '# Design').replace(/- \[[ x]\] /g, '- ');
    for (const [file, text] of [['.kiro/specs/upload/design.md', design], ['.kiro/specs/upload/tasks.md', tasks]] as const) {
      assert.deepEqual(scannedChunks(file, text), { chunks: 1, scanned: 1 }, file);
      assertEqualFacts([[file, text], [file, text.replace(/\n/g, '\r\n')]]);
    }
    assert.deepEqual(parseSpecChunked('.kiro/specs/upload/design.md', design).facts.mentions.map((m) => m.id), ['1.1', '2.3', '3.2', '4', '5', '8']);
    // requirements.md declares requirements: read by the scanner path too (see below).
    assert.deepEqual(scannedChunks('.kiro/specs/upload/requirements.md', design), { chunks: 1, scanned: 1 });
  });

  const KIRO_REQUIREMENTS = [
    '# Requirements Document',
    '',
    '## Introduction',
    '',
    'A parcel locker service; see Requirement 2.1 for pickup.',
    '',
    '## Requirements',
    '',
    '### Requirement 1: Deposit a parcel',
    '',
    '**User Story:** As a courier, I want to drop a parcel into a free locker, so that the recipient can collect it.',
    '',
    '#### Acceptance Criteria',
    '',
    '1. WHEN a courier scans a parcel THEN the system SHALL open a free locker',
    '2. IF no locker is free THEN the system SHALL show the nearest other site',
    '   - sites within `5 km` only',
    '',
    '   ```',
    '   GET /sites?near=here',
    '   ```',
    '3. WHEN the door closes THE system SHALL send the pickup code (as Requirement 2.2 says)',
    '',
    '### Requirement 2: Collect a parcel',
    '',
    '#### Acceptance Criteria',
    '',
    '##### Happy path',
    '',
    '6. WHEN a recipient enters a valid code THEN the system SHALL open the locker',
    '7. WHEN the locker opens THEN the system SHALL mark the parcel collected',
    '',
    '##### Failures',
    '',
    '2.3. IF the code is wrong three times THEN the system SHALL lock the keypad',
    '2.4 WHEN the keypad is locked THEN the system SHALL alert support',
    '',
    '2.5. WHILE a locker is open THE system SHALL sound a chime',
    '',
    '> 1. a quoted criterion list is read too',
    '',
    '- not a criterion:',
    '  1. nested, left alone',
    '',
    '### Requirement 3',
    '',
    'Requirement 3 has no criteria section; 3.1. is not one',
    '',
    '1. WHEN a list is outside the criteria THEN nothing is declared',
    '',
  ].join('\n');

  it("Kiro's requirements.md: `Requirement N` headings, criteria lists and `N.1.` paragraphs from the scanner, facts equal", function () {
    const file = '.kiro/specs/lockers/requirements.md';
    // (Cut after the fence indented in a criterion, which closes on the same line as the item's or the document's.)
    assert.deepEqual(scannedChunks(file, KIRO_REQUIREMENTS), { chunks: 10, scanned: 10 });
    assertEqualFacts([[file, KIRO_REQUIREMENTS], [file, KIRO_REQUIREMENTS.replace(/\n/g, '\r\n')], ['kiro/requirements.md', KIRO_REQUIREMENTS]]);
    const facts = parseSpecChunked(file, KIRO_REQUIREMENTS).facts;
    assert.deepEqual(
      facts.headingClauses.map((c) => c.id),
      ['1', '1.1', '1.2', '1.3', '2', '2.6', '2.7', '2.3', '2.4', '2.5', '2.1', '3'],
    );
    assert.equal(facts.headingClauses.find((c) => c.id === '1.2')!.text, 'IF no locker is free THEN the system SHALL show the nearest other site sites within 5 km only');
    assert.equal(facts.headingClauses.find((c) => c.id === '2.3')!.title, 'Requirement 2: Collect a parcel');
    assert.deepEqual(facts.mentions.map((m) => m.id), ['2.1', '2.2', '3']);
  });

  it("a Kiro bugfix.md: statements `1.1 WHEN …` declared by the tree walk, facts equal", function () {
    const bugfix = [
      '# Bugfix Requirements Document',
      '',
      '## Bug Analysis',
      '',
      '### Current Behavior (Defect)',
      '',
      '1.1 WHEN the kettle is lifted early THEN the system keeps heating',
      '',
      '### Expected Behavior (Correct)',
      '',
      '2.1 WHEN the kettle is lifted THEN the system SHALL stop heating',
      '2.2. WHEN it is put back THEN the system SHALL resume',
      '',
      '- 9.9 a list item is no statement',
      '',
      'Heating is measured in 1.5 second steps.',
      '',
    ].join('\n');
    const file = '.kiro/specs/fix-kettle/bugfix.md';
    assertEqualFacts([[file, bugfix], [file, bugfix.replace(/\n/g, '\r\n')]]);
    const facts = parseSpecChunked(file, bugfix).facts;
    assert.deepEqual(facts.headingClauses.map((c) => `${c.id}:${c.title}`), ['1.1:Current Behavior (Defect)', '2.1:Expected Behavior (Correct)', '2.2:Expected Behavior (Correct)']);
    assert.equal(facts.headingClauses[1]!.text, '2.1 WHEN the kettle is lifted THEN the system SHALL stop heating');
    // The same text elsewhere declares nothing.
    assert.deepEqual(parseSpecChunked('.kiro/specs/fix-kettle/design.md', bugfix).facts.headingClauses, []);
  });

  it('random Kiro requirements documents (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const line = fc.constantFrom(
      '### Requirement 1: Deposit',
      '### Requirement 2',
      '## Requirement 1.2 - Nested',
      '### requirement 3.',
      '### Requirement 1 {#deposit}',
      '### 1. Deposit',
      '### 1.2 Pickup',
      '## 2. Returns ##',
      '#### Acceptance Criteria',
      '##### Edge cases',
      '### Notes',
      '1. WHEN a parcel arrives THEN the system SHALL open a locker',
      '2. IF no locker is free THE system SHALL refuse',
      '5) WHEN asked THEN answer',
      '0. zero start',
      '1. [ ] boxed criterion',
      '   - a detail with `code`',
      '   1. nested criterion',
      '1.1. WHEN numbered THEN declared',
      '1.2 WHEN numbered without a dot',
      '2.1. WHEN another requirement',
      '  1.3. indented continuation',
      '> 1. quoted criterion',
      '> 1.1. quoted numbered',
      '- a bullet',
      'Plain text naming Requirement 1.1 and Requirements: 2.1, 2.2',
      '**User Story:** As a user I want *this*',
      '```',
      '',
      '',
      '',
    );
    const doc = fc.array(line, { maxLength: 24 }).map((ls) => ls.join('\n') + '\n');
    const scanned = fuzzFacts(doc, ['.kiro/specs/lockers/requirements.md', 'specs/requirements.md'], (text) => /Acceptance/.test(text), { numRuns: 2000, seed: 24 });
    // (documents with a criteria section read whole by the scanner path: none before it read requirements.md)
    assert.ok(scanned > 100, `${scanned}`);
  });

  it('a spec-kit mention in a table cell: its sentence reads the whole row, as the tree walk reads it', function () {
    const plan = '# Plan\n\n| Id | Note |\n| --- | --- |\n| FR-001 | see feature 002 spec |\n';
    assert.deepEqual(scannedChunks('specs/001-a/plan.md', plan), { chunks: 1, scanned: 1 });
    assertEqualFacts([['specs/001-a/plan.md', plan]]);
  });

  const TASKS = [
    '# Rollout {#rollout}',
    '',
    '- [ ] Ship the client behind a flag.[^t1]',
    '- [x] Migrate the store (see [the plan](#rollout)),',
    '  then drop the old tables',
    '',
    '  A second paragraph of the item.',
    '- [X] Announce it',
    '  * [ ] Draft the note',
    '  * [x] Send it to the list',
    '',
    '1. [ ] Freeze writes',
    '2) [x] Copy the rows',
    '',
    '> - [ ] A quoted task',
    '',
    '## Clarifications',
    '',
    '- [x] 2026-11-21 · rollout `rollout` · how long? → a week',
    '',
    '[^t1]: tests/test_flag.py::test_flag',
    '',
  ].join('\n');

  it('GFM task list items `- [ ] text` whose text starts plainly: from the scanner, facts equal; other shapes stay with the tree walk', function () {
    assert.deepEqual(scannedChunks('docs/rollout.md', TASKS), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/rollout.md', TASKS], ['docs/crlf.md', TASKS.replace(/\n/g, '\r\n')], ['specs/001-rollout/tasks.md', TASKS], ['specs/001-rollout/spec.md', TASKS]]);
    const facts = parseSpecChunked('docs/rollout.md', TASKS).facts;
    // The box is no text: the clause's text and the reference's block start after it.
    assert.match(facts.headingClauses[0]!.text, /^Ship the client behind a flag\.\[\^t1\] Migrate the store \(see the plan\),/);
    assert.equal(facts.footnoteRefs.at(0)!.blockText, 'Ship the client behind a flag.[^t1]');
    assert.ok(facts.prose.some((p) => p.text.startsWith('Ship the client')));
    // A box followed by a code span or emphasis: mdast drops the space and keeps the paragraph's start at the box.
    const marked = '# A\n\n- [ ] `code` first\n- [x] **FR-001** bold first[^t1]\n- [ ] _emphasis_ first\n- [ ] `unclosed first\n\n[^t1]: t.md\n';
    assert.deepEqual(scannedChunks('specs/001-a/spec.md', marked), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/a.md', marked], ['specs/001-a/spec.md', marked], ['docs/crlf.md', marked.replace(/\n/g, '\r\n')]]);
    assert.deepEqual(parseSpecChunked('docs/a.md', marked).facts.prose.filter((p) => p.kind === 'paragraph').map((p) => p.text.slice(0, 16)), [' '.repeat(10) + ' first', '      FR-001   b', '     emphasis  f', '`unclosed first']);
    // A box followed by other inline markup, a second space, a tab or nothing: the tree walk reads it (and equals itself).
    for (const shape of ['- [ ]  two spaces', '- [x]\ttab', '- [ ]', '- [ ] [a link](#a)', '- [ ] <b>html</b>', '- [ ] &amp; more']) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random task lists (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    // A line: an indent, a list marker (or a quote's), a box or not, what follows the box, then words and markup.
    const line = fc
      .tuple(
        fc.constantFrom('', '', '  ', '   ', '    ', '> '),
        fc.constantFrom('- ', '* ', '1. ', '2) ', '-  ', '', '> - '),
        fc.constantFrom('[ ]', '[x]', '[X]', '', '[]'),
        fc.constantFrom(' ', ' ', ' ', ' ', '  ', ''),
        fc.array(fc.constantFrom('word', 'Ship', ' ', ' ', 'the', '`c`', '`', '*e*', '**s**', '**FR-002**', '_u_', '[^t1]', '[a](#h)', '[g]', '\\*', '<b>', 'FR-001', '2026-11-21', '·', '.'), { maxLength: 6 }),
      )
      .map(([indent, marker, box, gap, words]) => indent + marker + box + gap + (words.join('') || 'x'));
    const doc = fc
      .array(fc.oneof(line, fc.constantFrom('', '# H {#h}', '## Clarifications', '[^t1]: t.md', '[g]: #h', '---')), { maxLength: 14 })
      .map((ls) => ls.join('\n') + '\n');
    // (the chunks with a task item's box that the scanner path read)
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md', 'specs/001-feature/tasks.md'], (text) => /^(?:> )?(?:[-*]|\d[.)]) \[[ xX]\] [A-Za-z0-9]/m.test(text), { numRuns: 3000, seed: 23 });
    // (documents with a task item read whole by the scanner path: none before it read task items)
    assert.ok(scanned > 50, `${scanned}`);
  });

  it('tables with uneven rows and escaped pipes (`\\|`, in code spans too), escaped braces: from the scanner, facts equal; `\\{:` and a row ending in `\\|` stay with the tree walk', function () {
    const page = [
      '# Operators {#ops}',
      '',
      'Either side: `a \\| b` or a\\|b, an escaped \\{brace\\} and \\}.[^o1]',
      '',
      '| Operator | Meaning | Example |',
      '| --- | --- | --- |',
      '| `\\|` | either | `x \\| y` |',
      '| \\| | pipe as text |',
      '| `\\\\|` | a backslash, then a cell | four | five |',
      '| \\\\| | escaped backslash | `\\{a\\}` |',
      '| plain \\{x\\} | one | two |',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/ops.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/ops.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['specs/001-ops/spec.md', page]]);
    // mdast's value of a code span's `\|` in a table is `|`; elsewhere the backslash stays.
    assert.match(parseSpecChunked('docs/ops.md', page).facts.headingClauses[0]!.text, /^Either side: a \\\| b or a\|b, an escaped \{brace\} and \}\.\[\^o1\]\n\nOperator Meaning Example \| either x \| y \| pipe as text/);
    for (const shape of ['a \\{: #id}', '| a | b |\n| - | - |\n| c | d \\|', '# H \\{x\\}']) {
      const doc = shape.startsWith('#') ? `${shape}\n\ntext\n` : `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random tables with escapes and uneven rows (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const cell = fc.array(fc.constantFrom('a', 'word', ' ', '\\|', '\\\\', '\\', '`', '`\\|`', '`a\\\\|`', '\\{', '\\}', '{', '}', '\\{:', '[^c1]', '[t](#h)', '*e*', 'FR-001', ':'), { maxLength: 5 }).map((ps) => ps.join(''));
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cs) => `| ${cs.join(' | ')} |`);
    const table = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(row, { maxLength: 4 })).map(([n, rows]) => [`| ${Array.from({ length: n }, (_, i) => `h${i}`).join(' | ')} |`, `|${' --- |'.repeat(n)}`, ...rows].join('\n'));
    const doc = fc.array(fc.oneof(table, cell, fc.constantFrom('# H {#h}', '', 'text \\| more')), { maxLength: 6 }).map((bs) => bs.join('\n\n') + '\n\n[^c1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => /\\[|{}]/.test(text), { numRuns: 3000, seed: 24 });
    // (documents with an escaped pipe or brace read whole by the scanner path: none before it read them)
    assert.ok(scanned > 100, `${scanned}`);
  });

  it('a tilde no other run of its length could pair with is text (`~5 min`, `~~~`): from the scanner, facts equal', function () {
    const page = '# Budget {#budget}\n\nEach call takes ~5 ms, a batch ~~ 2 s, a fence-like ~~~ run.[^b1]\n\n| Step | Time |\n| --- | --- |\n| parse | ~1 ms |\n| index | ~~3 ms |\n\n- about ~ one\n\n[^b1]: tests/test_budget.py::test_calls\n';
    assert.deepEqual(scannedChunks('docs/budget.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/budget.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')]]);
    assert.match(parseSpecChunked('docs/budget.md', page).facts.headingClauses[0]!.text, /^Each call takes ~5 ms, a batch ~~ 2 s, a fence-like ~~~ run\./);
  });

  it('GFM strikethrough (`~x~`, `~~x~~`, as micromark-extension-gfm-strikethrough pairs runs): from the scanner, facts equal; one crossing emphasis or beside a `*` stays with the tree walk', function () {
    // Runs of one or two tildes pair with the nearest open run of their length; the runs between become text; a run
    // after an escaped tilde is a run; in a link's text the runs pair among themselves.
    const scanned = [
      '~gone~ text',
      '~~gone~~ text [^s1] and `c`',
      'a ~x and ~y',
      '\\~~a~ b',
      '[~x](#a) ~y',
      '[a ~x~ b](#a) c~',
      '~a *b* c~ and *d ~e~ f*',
      '~~a ~b~ c~~',
      '~~a ~b~~ c~',
      '~a ~~b~ c~~',
      'x~(a)~y, a~~b~~c, \\\\~a~',
      '~[^s1]~ withdrawn',
      '**FR-002** ~~was 3 s~~ now 2 s',
      '| Step | Time |\n| - | - |\n| ~parse | now~ |\n| ~~index~~ | 2 s |',
      '> ~quoted\n> over lines~',
      '- ~an item\n  over lines~ [^s1]',
      '## Old ~~title~~ {#old}\n\nText.',
    ];
    for (const shape of scanned) {
      for (const file of ['docs/a.md', 'specs/001-feature/spec.md']) {
        const doc = `# A {#a}\n\n${shape}\n\n[^s1]: t.md\n`;
        assert.equal(scannedChunks(file, doc).scanned, scannedChunks(file, doc).chunks, shape);
        assertEqualFacts([[file, doc]]);
      }
    }
    const facts = parseSpecChunked('docs/a.md', '# A {#a}\n\nShip ~~in 3 s~~ in 2 s.\n').facts;
    assert.equal(facts.headingClauses[0]!.text, 'Ship in 3 s in 2 s.');
    assert.equal(facts.prose[1]!.text, 'Ship   in 3 s   in 2 s.');
    for (const shape of ['*~a* b', '*a ~b* c~', '~a *b~ c*']) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random tildes (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['~', '~', '~~', '~~~', '\\~', 'a', 'word', ' ', ' ', '5', '.', '*', '_', '**', '`~`', '`', '[t](#h)', '[t](#h~)', '[^b1]', '\n', '\n\n', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- ', '> ', '<b>', '&'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^b1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md'], (text) => text.includes('~'), { numRuns: 3000, seed: 23 });
    // (documents with a tilde read whole by the scanner path: none before it read tildes)
    assert.ok(scanned > 100, `${scanned}`);
  });

  it('random strikethrough beside emphasis, links, references, escapes and punctuation (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['~', '~', '~~', '~~', '~~~', '\\~', '\\\\', ' ~a', 'b~ ', ' ~~a', 'b~~ ', ' *a', 'b* ', ' _a', 'b_ ', 'a', 'word', 'FR-001', ' ', ' ', '(', ')', '.', '*', '_', '**', '*e*', '`c`', '[t ~a~](#h)', '[t](#h)', '[^s1]', '&amp;', '<b>', '\n', '\n\n', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- ', '> ', '- [ ] '];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^s1]: t.md\n');
    const struck = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md', '.kiro/specs/a/design.md'], (text) => / ~a[^~\n]*b~ | ~~a[^~\n]*b~~ /.test(text), { numRuns: 3000, seed: 27 });
    // (documents with a likely strikethrough ` ~a … b~ ` read whole by the scanner path: none before it read them)
    assert.ok(struck > 15, `${struck}`);
  });

  it('open questions `[NEEDS CLARIFICATION: …]` in paragraphs, headings, cells and emphasis: from the scanner, facts equal; struck ones ask nothing; one a code span, a reference or emphasis splits stays with the tree walk', function () {
    const scanned = [
      'Ship in [NEEDS CLARIFICATION: how fast?] ms.',
      '- [x] No [NEEDS CLARIFICATION] markers remain',
      '~~[NEEDS CLARIFICATION: old]~~ now [NEEDS CLARIFICATION: new]',
      '**FR-001**: System MUST keep [NEEDS CLARIFICATION: how long?] days',
      '| Id | Note |\n| - | - |\n| FR-003 | a [NEEDS CLARIFICATION: which?] b |',
      '## Limits [NEEDS CLARIFICATION: which?]\n\nText.',
      '*[NEEDS CLARIFICATION: in emphasis]* and \\[NEEDS CLARIFICATION: escaped]',
      '[NEEDS CLARIFICATION: specific question] (the template\'s own)',
      'Mark each gap `[NEEDS CLARIFICATION: question]` (in code: no question), <b title="[NEEDS CLARIFICATION]">x</b>',
    ];
    for (const shape of scanned) {
      for (const file of ['docs/a.md', 'specs/001-feature/spec.md', 'templates/spec-template.md']) {
        const doc = `# A {#a}\n\n${shape}\n\n[^q1]: t.md\n`;
        const c = scannedChunks(file, doc);
        assert.equal(c.scanned, c.chunks, shape);
        assertEqualFacts([[file, doc]]);
      }
    }
    const questions = parseSpecChunked('specs/001-feature/spec.md', '# A {#a}\n\n~~[NEEDS CLARIFICATION: old]~~ now [NEEDS CLARIFICATION: new]\n').facts.openQuestions;
    assert.deepEqual(questions.map((q) => [q.question, q.clauseId]), [['new', 'a']]);
    for (const shape of ['[NEEDS CLARIFICATION: a `c` b]', '`a [NEEDS CLARIFICATION:` b] c', '[NEEDS CLARIFICATION: see [^q1]] x', '[NEEDS CLARIFICATION: see *e*] x', '[a [NEEDS CLARIFICATION: q]](#a)']) {
      const doc = `# A\n\n${shape}\n\n[^q1]: t.md\n`;
      assert.equal(scannedChunks('docs/a.md', doc).scanned, 0, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random open questions beside code, references, emphasis, strikethrough and links (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['[NEEDS CLARIFICATION', '[NEEDS CLARIFICATION: ', ' ~~[NEEDS CLARIFICATION: old]~~ ', ' `[NEEDS CLARIFICATION: code]` ', ']', ': q]', 'how?', '[', '~~', '~', '`', '`c`', '<b>', '</b>', '*e*', '**FR-001**', 'FR-002', '[^q1]', '\\[', '[t](#h)', 'a', ' ', '\n', '\n\n', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- ', '> ', '- [ ] ', '&amp;'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^q1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md', '.kiro/specs/a/design.md'], (text) => text.includes('[NEEDS CLARIFICATION'), { numRuns: 3000, seed: 27 });
    // (documents with an open question read whole by the scanner path: none before)
    assert.ok(scanned > 300, `${scanned}`);
  });

  it('a backslash before no punctuation is a literal backslash (`$\\ge n$`, `"a\\n"`, `C:\\dir`, at a block\'s end): from the scanner, facts equal; a backslash hard break stays with the tree walk', function () {
    const scanned = ['Takes $\\Theta(n)$ where $n \\in N$.[^l1]', 'Writes "done\\n" (5 bytes) to C:\\logs\\out', 'Set difference A \\ B, and a trailing \\', '## Paths \\ roots {#paths}\n\nText.', '[see \\d](#a), *a \\b* and ~c\\ d~', '| Set | Op |\n| - | - |\n| A \\ B | \\d |'];
    for (const shape of scanned) {
      for (const file of ['docs/a.md', 'specs/001-feature/spec.md']) {
        const doc = `# A {#a}\n\n${shape}\n\n[^l1]: t.md\n`;
        const c = scannedChunks(file, doc);
        assert.equal(c.scanned, c.chunks, shape);
        assertEqualFacts([[file, doc]]);
      }
    }
    assert.equal(parseSpecChunked('docs/a.md', '# A {#a}\n\nA \\ B\\\n').facts.headingClauses[0]!.text, 'A \\ B\\');
    const hard = '# A\n\nline one\\\nline two\n';
    assert.equal(scannedChunks('docs/a.md', hard).scanned, 0);
    assertEqualFacts([['docs/a.md', hard]], 0);
  });

  it('random backslashes (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['\\', '\\', '\\\\', 'a', 'b', 'é', ' ', ' ', '\\n', '\n', '\n\n', '{', '}', '[', ']', '(', ')', '*', '~', '`', '[^l1]', '[t](#h)', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- ', '> ', '&', '<', '\t', 'FR-001'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^l1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md', '.kiro/specs/a/requirements.md'], (text) => /\\(?![!-/:-@[-`{-~\r\n])/.test(text), { numRuns: 3000, seed: 27 });
    // (documents with a backslash before no punctuation read whole by the scanner path: none before)
    assert.ok(scanned > 300, `${scanned}`);
  });

  it('character references (named, decimal, hexadecimal; invalid ones are text): their decoded value from the scanner, facts equal', function () {
    const page = [
      '# Limits &amp; quotas {#limits}',
      '',
      'A call &rarr; one token; a star &#42; and &#x2A; is text, as are &#0; &#xD800; &#1114112; and &#12345678;.[^q1]',
      'Not references: &bogus; &amp without a semicolon, &#; &#x; & alone.',
      '',
      '| Limit | Value |',
      '| --- | --- |',
      '| burst &lt; rate | &ge; 10 &#124; more |',
      '',
      '[^q1]: tests/test_quota.py::test_burst',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/limits.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/limits.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')]]);
    const facts = parseSpecChunked('docs/limits.md', page).facts;
    assert.equal(facts.headings[0]!.title, 'Limits & quotas');
    assert.match(facts.headingClauses[0]!.text, /^A call \u2192 one token; a star \* and \* is text, as are \ufffd \ufffd \ufffd and &#12345678;\./);
    // In emphasis, in a footnote definition's text, in a spec-kit feature's paragraph: the tree walk.
    // (in link text a reference is read since scan24: see 'a generated table of contents')
    for (const [file, shape] of [['docs/a.md', '*a &amp; b*'], ['docs/a.md', 'x [^n]\n\n[^n]: a &amp; b'], ['specs/001-a/spec.md', 'FR&#45;001: a rule']]) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks(file, doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([[file, doc]], 0);
    }
  });

  it('random character references (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['&amp;', '&rarr;', '&nbsp;', '&AMP;', '&bogus;', '&amp', '&', '&#', '&#42;', '&#x2a;', '&#X2A;', '&#0;', '&#91;^r1]', '&#1234567;', '&#12345678;', '&#x110000;', '&lt;b&gt;', '&#10;', ';', '#', 'x', 'word', ' ', '*', '**', '`&amp;`', '[t](#h)', '[^r1]', '\n', '\n\n', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- ', '> ', '\\'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^r1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => /&(?:#[xX]?[0-9a-fA-F]+|[A-Za-z]+);/.test(text), { numRuns: 3000, seed: 23 });
    // (documents with a reference-like `&…;` read whole by the scanner path: 820 when written, 37 before (in code spans))
    assert.ok(scanned > 400, `${scanned}`);
  });

  it('every CommonMark 0.31.2 example', function () {
    assertEqualFacts(commonmark((md) => md), 50);
  });

  it('every CommonMark example with a defined `[^x]` injected after each "foo"', function () {
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo[^x]') + '\n[^x]: note\n'));
  });

  it('every CommonMark example with an undefined `[^x]` injected after each "foo"', function () {
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo [^x]')));
  });

  it('every CommonMark example with an attribute block `{#x}` injected after each "foo"', function () {
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo {#x k=v}')));
  });

  it('every CommonMark example with a tag-like `<x_y>` injected after each "foo"', function () {
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo <x_y> </z_1>')));
  });

  it('every CommonMark example as a kramdown-rfc draft with a cross-reference `{{x}}` injected after each "foo"', function () {
    const drafts = [...commonmark((md) => '---\ntitle: T\n--- middle\n\n' + md.replace(/foo/g, 'foo {{x}} {{!A=RFC1}}'))].map(([f, t]): [string, string] => [f.replace('docs/example-', 'draft-example-'), t]);
    assertEqualFacts(drafts);
  });

  it('every CommonMark example with strikethrough `~~foo~~ ~a~` and an open question injected after each "foo"', function () {
    // (chunks on the scanner path: 493 of 666 when written, 291 before strikethrough and open questions were read)
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo ~~foo~~ ~a~ [NEEDS CLARIFICATION: foo?]')), 450);
  });

  it('every CommonMark example with undefined references `[foo][nowhere] [bar][] *[a][b]*` injected after each "foo"', function () {
    // (chunks on the scanner path: 511 of 666 when written, 293 before `][` after a plain bracket was read)
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo [foo][nowhere] [bar][] *[a][b]*')), 480);
  });

  it('every CommonMark example with kramdown block attribute lists `{: #foo-x} {:y}` injected after each "foo"', function () {
    // (chunks on the scanner path: 501 of 666 when written, 305 before `{:` was read)
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo {: #foo-x} {:y}')), 470);
  });

  it('every CommonMark example with image references `![foo][bar]` and an embed `![[foo]]` injected after each "foo"', function () {
    assertEqualFacts(commonmark((md) => md.replace(/foo/g, 'foo ![foo][bar] ![[foo]]') + '\n[bar]: /u\n'));
  });

  it('an unclosed `+++` front matter before a footnote definition: micromark reads a link definition there, the scanner a footnote definition; the tree decides', function () {
    const text = '+++\n\n[^x]: note\n';
    assert.deepEqual(scannedChunks('docs/a.md', text), { chunks: 1, scanned: 0 });
    assert.deepEqual(parseSpecChunked('docs/a.md', text).facts.footnoteDefs, []);
  });

  it('a closed YAML or TOML front matter: an opaque block from the scanner, facts equal', function () {
    const bodies = ['# Spec {#fm1}\n\nText.[^a1]\n\n[^a1]: examples/a1.md\n', 'Intro [^a1] paragraph.\n\n- item\n', '\n## Later {#fm2}\n', '', '# H\n'];
    const fronts = ['---\ntitle: Spec\nowner: [a, b]\n---\n', '---\n---\n', '--- \nx: "# not a heading [^q]"\n---  \n', '+++\ntitle = "x"\n+++\n', '---\na: 1\n---'];
    const docs: [string, string][] = [];
    for (const front of fronts) {
      // (a front matter closed at the end of the document takes no body)
      for (const body of front.endsWith('\n') ? bodies : ['']) {
        const text = front + body;
        for (const t of [text, text.replace(/\n/g, '\r\n')]) {
          docs.push(['docs/spec.md', t]);
          const c = scannedChunks('docs/spec.md', t);
          assert.equal(c.scanned, c.chunks, JSON.stringify(t));
        }
      }
    }
    assertEqualFacts(docs, docs.length);
    // Never closed, or not a fence line: the tree decides.
    for (const text of ['---\ntitle: x\n\n# H\n', '----\nx\n----\n', '---x\n---\n']) assert.deepEqual(scannedChunks('docs/a.md', text).scanned, 0, text);
    assertEqualFacts([['docs/a.md', '---\ntitle: x\n\n# H {#h}\n'], ['docs/b.md', '----\nx\n----\n']], 0);
  });

  it('link reference definitions of every shape: from the scanner when no reference link uses them, facts equal', function () {
    // The Rust RFC template: `[summary]: #summary` under every heading, used by no link.
    const rfc = '- Feature Name: `x`\n- Start Date: 2026-01-02\n\n# Summary\n[summary]: #summary\n\nOne paragraph.\n\n# Motivation\n[motivation]: #motivation\n\nWhy.[^a1]\n\n[^a1]: examples/a1.md\n';
    const shapes = [
      '[a]: #a',
      '[a]: other.md#b%32',
      '[a]: <other file.md#x y>',
      '[a]: <>',
      '[a]: https://example.com/x.md#q',
      '[a]: docs/x.md "title #a"',
      "[a]: #a 'title'",
      '[a]: #a (title)',
      '[a]:\n#a',
      '[a]:\n  #a\n  "title"',
      '[a]: #a\n"a title\nover lines"',
      '[a]: #a "title" trailing',
      '[a]: #a\n"title" trailing',
      '[ Foo\n  Bar ]: #foo-bar',
      '[ÄÖ ẞ]: #umlaut',
      ' [a]: #a',
      '   [a]: #a',
      '    [a]: #a',
      '[a]: #a\n[b]: other.md#b\nText after the definitions.',
      '[a]: #a\n[a]: #second',
      '[a]: \\#a',
      '[a]: #a&amp;b',
      '[a]: <#a',
      '[a]: #a "unclosed',
      '[a]:',
      '[a] : #a',
      'Text first\n[a]: #a',
      '- [a]: #a',
      '> [a]: #a',
      '- item\n\n[a]: #a',
      '[a]: #a\n===',
      '[a]: #a\n\nUsed: [a], [text][a], [a][] and ![a].',
      '| t |\n| - |\n[a]: #a',
      '```\n[a]: #a\n```',
    ];
    const docs: [string, string][] = [['docs/rfc.md', rfc]];
    for (const shape of shapes) {
      const text = `# Spec {#s1}\n\n${shape}\n\nText.[^a1]\n\n[^a1]: examples/a1.md\n`;
      docs.push(['docs/spec.md', text], ['docs/crlf.md', text.replace(/\n/g, '\r\n')], ['specs/001-feature/spec.md', text]);
    }
    assertEqualFacts(docs, 30);
    // The template and the plain shapes really are on the scanner path, with their link facts.
    // (Cut at its headings: no definition is used in another section.)
    assert.deepEqual(scannedChunks('docs/rfc.md', rfc), { chunks: 3, scanned: 3 });
    assert.deepEqual(parseSpecChunked('docs/rfc.md', rfc).facts.links.map((l) => [l.anchor, l.unusedDefinition]), [['summary', true], ['motivation', true]]);
    for (const shape of ['[a]: #a', '[a]: <other file.md#x y>', '[a]:\n  #a\n  "title"', '[ Foo\n  Bar ]: #foo-bar', '[a]: #a\n[b]: other.md#b\nText after the definitions.', '[a]: #a\n"a title\nover lines"']) {
      assert.deepEqual(scannedChunks('docs/a.md', `# A\n\n${shape}\n`), { chunks: 1, scanned: 1 }, shape);
    }
    // A reference link of plain text using a definition: on the scanner path, the definition used.
    const used = '# A\n\n[a]: #a\n[b]: #b\n\nUsed: [a] and [`code` text][a].\n';
    assert.deepEqual(scannedChunks('docs/a.md', used), { chunks: 1, scanned: 1 });
    assert.deepEqual(parseSpecChunked('docs/a.md', used).facts.links.map((l) => [l.anchor, l.unusedDefinition]), [['a', undefined], ['b', true]]);
    // Escapes and references in a destination, definitions in containers: the tree decides.
    for (const shape of ['[a]: \\#a', '[a]: #a&amp;b', '- [a]: #a', '> [a]: #a', ' [a]: #a']) {
      assert.deepEqual(scannedChunks('docs/a.md', `# A\n\n${shape}\n`), { chunks: 1, scanned: 0 }, shape);
    }
  });

  it('container blocks (CommonMark 0.31): nested lists, lazy lines, quotes, code and fences in items, footnote definitions over lines, reference links; facts equal', function () {
    const shapes = [
      '- a[^a1]\n  - b `FR-001`\n    - c\n- d',
      '1. one[^a1]\n2. two\n   1) nested\n\n   second paragraph of two\n3. three',
      '- item with a lazy\ncontinuation line[^a1]\n- next',
      '> quoted[^a1]\n> over two lines with `code` and [a link](#s1)\nlazy line\n\n> - a list in a quote\n>   continued',
      '- item\n  > a quote in an item[^a1]\n  > second line\n- next',
      '- item\n\n      indented code in an item [^a1]\n\n  after the code',
      '- item\n  ```js\n  fenced [^a1] in an item\n  ```\n  after the fence',
      '* star\n+ plus\n- dash\n\n10. ten\n11. eleven',
      '- [ ] task\n- [x]  done (two spaces)',
      '-\n  starts on the next line',
      '- # heading in an item',
      '- | a |\n  | - |\n  | b |',
      '- item\n\n  <div id="in-item">html</div>\n\n  text',
      '- a `code\n  over lines` b[^a1]',
      '> a `code\n> over a quote` b',
      'Text with [brackets] and a ] alone, [^not a ref] and `[x]`.[^a1]',
      '[NEEDS CLARIFICATION: which?] in brackets',
      'See [the *emphasis* link](#s1) and [`code` link](other.md#x).',
      '- `CQ-1`: 2026-01-02 an entry\n  - `CQ-2` nested entry',
    ];
    const defs = [
      '[^a1]: examples/a1.md',
      '[^a1]: A definition over\n    two lines.',
      '[^a1]: A definition with a lazy\ncontinuation line.',
      '[^a1]: First paragraph.\n\n    Second paragraph.',
      '[^a1]: tests/test_a.py::test_x and\n    tests/test_b.py::test_y',
    ];
    const docs: [string, string][] = [];
    for (const shape of shapes) {
      for (const def of defs) {
        const text = `# Spec {#s1}\n\n${shape}\n\nText.[^a1]\n\n## Clarifications\n\n${shape}\n\n${def}\n`;
        docs.push(['docs/spec.md', text], ['docs/crlf.md', text.replace(/\n/g, '\r\n')], ['specs/001-feature/spec.md', text]);
      }
    }
    assertEqualFacts(docs, 100);
    // Really on the scanner path: nested lists, quotes, code in items, lazy lines, multi-line footnote definitions.
    for (const shape of shapes.slice(0, 8)) assert.deepEqual(scannedChunks('docs/a.md', `# A\n\n${shape}\n\n${defs[1]}\n`), { chunks: 1, scanned: 1 }, shape);
    // A task item whose text starts after two spaces (see the task list test), an item whose first line is empty,
    // headings and tables in items: the tree decides.
    for (const shape of shapes.slice(8, 12)) assert.deepEqual(scannedChunks('docs/a.md', `# A\n\n${shape}\n`), { chunks: 1, scanned: 0 }, shape);
  });

  // Generated reference pages (tables of fields between generator comments, badges as images, `<details>`, HTML anchors
  // around code in cells, link definitions) were all left to the tree walk; these constructs are read by the scanner.
  const REGISTRY_PAGE = [
    '<!-- generated from the catalog; edit the catalog instead -->',
    '',
    '# Widgets {#widgets}',
    '',
    '<!-- catalog widgets.fields -->',
    '',
    '| Field | Status | Type | Notes |',
    '| --- | --- | --- | --- |',
    '| <a id="widget-size" href="#widget-size">`widget.size`</a> | ![Beta](https://badges.example/beta-orange) | int | Size in units. [1] |',
    '| <a id="widget-tag" href="#widget-tag">`widget.tag`</a> | ![Stable](https://badges.example/stable-green "stable") | string | One of `{small, large}`; see <https://widgets.example/tags>. [2] |',
    '',
    '**[1] `widget.size`:** Sizes over 10 use the [metric table](https://en.example.org/wiki/Units_(measure)) and a <= b holds.',
    '',
    '<details>',
    '<summary>More about tags</summary>',
    '',
    'Tags are free text [^w1] with a stray ` backtick and a {placeholder}.',
    '',
    '</details>',
    '',
    '<!-- end catalog -->',
    '',
    '## Related {#related}',
    '',
    'See [the guide][guide], [Widgets](#widgets) and [1] alone; ![diagram](img/flow.png) shows the flow.[^w1]',
    '',
    '[guide]: other.md#tags',
    '[^w1]: tests/test_widgets.py::test_tags',
    '',
  ].join('\n');

  it('generated reference pages: images, URI autolinks, external links with parentheses, a `<` that opens nothing, unclosed backticks, braces, brackets beside link definitions; from the scanner, facts equal', function () {
    assert.deepEqual(scannedChunks('docs/widgets.md', REGISTRY_PAGE), { chunks: 2, scanned: 2 });
    assertEqualFacts([['docs/widgets.md', REGISTRY_PAGE], ['docs/crlf.md', REGISTRY_PAGE.replace(/\n/g, '\r\n')], ['specs/001-widgets/spec.md', REGISTRY_PAGE]]);
    const facts = parseSpecChunked('docs/widgets.md', REGISTRY_PAGE).facts;
    // Images and the autolink's brackets are no text; the autolink's address is; the anchors of the HTML count.
    assert.match(facts.headingClauses.find((c) => c.id === 'widgets')!.text, /widget\.tag string One of \{small, large\}; see https:\/\/widgets\.example\/tags\. \[2\]/);
    assert.ok(facts.anchors.has('widget-size') && facts.anchors.has('widget-tag'));
    assert.deepEqual(facts.links.map((l) => [l.path, l.anchor, l.unusedDefinition]), [['', 'widgets', undefined], ['other.md', 'tags', undefined]]);
    assert.deepEqual(facts.footnoteRefs.map((r) => r.id), ['w1', 'w1']);
    // What stays with the tree walk: a link to `<scheme:…>`, an autolink holding brackets, an email autolink. (An
    // image reference `![x][guide]` is the scanner's since scan26, a kramdown attribute list `{: #q}` since scan28.)
    assert.deepEqual(scannedChunks('docs/a.md', '# A\n\n![x][guide]\n\n[guide]: #a\n'), { chunks: 1, scanned: 1 });
    assert.deepEqual(scannedChunks('docs/a.md', '# A\n\na {: #q}\n\n[guide]: #a\n'), { chunks: 1, scanned: 1 });
    for (const shape of ['[a](<https://x.example/a b>)', '<https://x.example/[^w1]>', 'mail <me@x.example>']) {
      assert.deepEqual(scannedChunks('docs/a.md', `# A\n\n${shape}\n\n[guide]: #a\n`), { chunks: 1, scanned: 0 }, shape);
    }
  });

  it('HTML blocks of the seven kinds between paragraphs and in tables\' neighbourhood, `<details>` with Markdown inside; facts equal', function () {
    const blocks = [
      '<script>\nlet a = "[^w1]";\n</script>',
      '<pre>\n[^w1] kept\n</pre>',
      '<!-- a comment\nover [^w1] lines -->',
      '<?php echo "[^w1]"; ?>',
      '<!DOCTYPE html>',
      '<![CDATA[\n[^w1]\n]]>',
      '<details>\n<summary>More</summary>\n\nInside, a reference.[^w1]\n\n</details>',
      '<div id="box">\n| a |\n</div>',
      '<custom-tag data-x="1">\n',
      '</section>\ntext after the closing tag [^w1]',
    ];
    const docs: [string, string][] = [];
    for (const block of blocks) {
      const text = `# H {#h1}\n\nBefore.[^w1]\n${block}\n\n| a | b |\n| - | - |\n| <span id="c1">\`x\`</span> | ![i](p.png) |\n\nAfter <= here.\n\n[^w1]: tests/t.py::test_x\n`;
      docs.push(['docs/h.md', text], ['docs/h-crlf.md', text.replace(/\n/g, '\r\n')]);
    }
    assertEqualFacts(docs, 15);
  });

  it('a generated table of contents: character references and inline HTML without anchors in link text, from the scanner, facts equal; an anchor in link text stays with the tree walk', function () {
    const page = [
      '# Rollout plan {#plan}',
      '',
      '- [Trial -&gt; Stable](#trial---stable)',
      '  - [Use <code>--fast</code> &amp; <em>safe</em> modes](#use---fast--safe-modes)',
      '- [Quotes &quot;as written&quot;](https://e.example/a) and [&#42;star](#star)',
      '',
      '| Step | Link |',
      '| --- | --- |',
      '| one | [A &lt; B](#a--b) |',
      '',
      '## Trial -&gt; Stable',
      '',
      'See [the <strong>plan</strong>](#plan).',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/plan.md', page), { chunks: 2, scanned: 2 });
    assertEqualFacts([['docs/plan.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['specs/001-plan/spec.md', page]]);
    assert.match(parseSpecChunked('docs/plan.md', page).facts.headingClauses[0]!.text, /^Trial -> Stable Use --fast & safe modes Quotes "as written" and \*star/);
    for (const shape of ['[a <a id="x">b</a>](#c)', '[a <span name="y">b</span>](#c)']) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it(`random reference pages: images, autolinks, entities, braces, brackets and definitions, HTML (fast-check)`, function () {
    if (!fc) this.skip();
    const parts = [
      '# ', '## ', 'Title', ' ', '\n', '\n', '\n\n', '| a | b |\n| - | - |\n', '| ', ' |', '|', '`c`', '`', '``', 'x', 'word', '.', '(', ')', '[', ']', '[1]', '[^w1]',
      '![b](https://e.example/b)', '![b](p.png "t")', '![', '](', '![b][g]', '[t](https://e.example/a_(b))', '[t](https://e.example/a(b)', '[t](#h)', '[g]', '[t][g]', '[a][b]',
      '<https://e.example/x>', '<https://e.example/x y>', '<me@e.example>', '<= ', '<3', '< ', '<a id="q">', '</a>', '<!-- c -->', '<details>', '</details>', '<summary>s</summary>',
      '{', '}', '{:', '{x}', '&amp;', '&', '*', '**', '_', '\\', '\n[g]: #h\n', '\n[^w1]: t.md\n', '- ', '> ', '\t',
      '[a &gt; b](#h)', '[<code>c</code> d](#h)', '[e <b id="z">f</b>](#h)', '&#42;', '<em>', '</em>',
    ];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((ps) => ps.join(''));
    let scanned = 0;
    fc.assert(
      fc.property(doc, fc.constantFrom('docs/spec.md', 'specs/001-feature/spec.md'), (text, file) => {
        assert.deepEqual(specFactsDifferences(file, text), [], JSON.stringify([file, text]));
        scanned += scannedChunks(file, text).scanned;
      }),
      { numRuns: 3000, seed: 23 },
    );
    // (1,226 chunks on the scanner path when written; 828 before images, autolinks, braces and brackets beside definitions)
    assert.ok(scanned > 1100, `${scanned}`);
  });

  it('images in link text (badges `[![build](badge.svg)](https://ci.example)`): from the scanner, facts equal; an image reference or a link in them stays with the tree walk', function () {
    const page = [
      '# Parcel service {#parcels}',
      '',
      '[![Build](https://ci.example/parcels/badge.svg)](https://ci.example/parcels) [![Docs](docs.svg "the docs")](#parcels)',
      '[![Chat](https://chat.example/b.svg)](https://chat.example) [see ![icon](i.png) the guide](guide.md#start).[^p1]',
      '',
      '| Badge | Where |',
      '| --- | --- |',
      '| [![Size](s.svg)](#size) | [![a [b] c](x.png)][home] |',
      '',
      '## Size {#size}',
      '',
      'Text.',
      '',
      '[home]: #parcels',
      '[^p1]: tests/test_parcels.py::test_badges',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/parcels.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/parcels.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['specs/001-parcels/spec.md', page]]);
    const facts = parseSpecChunked('docs/parcels.md', page).facts;
    // The images are no text; the links around them are links.
    assert.match(facts.headingClauses[0]!.text, /^see the guide\.\[\^p1\]/);
    assert.deepEqual(facts.links.map((l) => [l.path, l.anchor]), [['', 'parcels'], ['guide.md', 'start'], ['', 'size'], ['', 'parcels']]);
    for (const shape of ['[![a][r]](#b)', '[[a](#c) ![b](i.png)](#d)', '[![a](i.png) [^p1]](#d)']) {
      const doc = `# A\n\n${shape}\n\n[r]: #a\n[^p1]: n\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random link texts with images (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const inner = ['![b](https://e.example/b.svg)', '![b](p.png "t")', '![](p.png)', '![a [b]](p.png)', '![b][g]', '![', '[', ']', '](', 'x', ' ', '`c`', '*e*', '&amp;', '<b>', '[^w1]', '\\!', '!', '~', '\t'];
    const link = fc.tuple(fc.array(fc.constantFrom(...inner), { maxLength: 5 }), fc.constantFrom('(#h)', '(https://e.example)', '(a.md#b)', '[g]', '[]', '', '(<a b>)', '(#h "t")')).map(([t, d]) => `[${t.join('')}]${d}`);
    const part = fc.oneof(link, fc.constantFrom('# H {#h}\n', 'text', ' ', '\n', '\n\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- ', '> ', '![c](d.png)', '[^w1]'));
    const doc = fc.array(part, { maxLength: 12 }).map((ps) => ps.join('') + '\n\n[g]: #h\n[^w1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => /\[[^\]]*!\[[^\]]*\]\([^)]*\)[^\]]*\]/.test(text), { numRuns: 3000, seed: 25 });
    // (documents with an image in a link's text read whole by the scanner path: 76 when written, none before)
    assert.ok(scanned > 50, `${scanned}`);
  });

  it('setext headings (`Title` over `===` or `---`): from the scanner when the text value is the source, facts equal; blanks or a backslash at a line break stay with the tree walk', function () {
    const page = [
      'Parcel service {#parcels}',
      '==========================',
      '',
      'Lockers open at 06:00.[^p1]',
      '',
      'Pickup rules',
      'over two lines {#pickup}',
      '---',
      '',
      '- Show the code.',
      '',
      'Text.',
      '',
      '  Indented title',
      '-------',
      '',
      '[^p1]: tests/test_parcels.py::test_hours',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/parcels.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/parcels.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['docs/cr.md', page.replace(/\n/g, '\r')], ['specs/001-parcels/spec.md', page]]);
    const facts = parseSpecChunked('docs/parcels.md', page).facts;
    assert.deepEqual(facts.headings.map((h) => [h.title, h.level, h.id]), [['Parcel service', 1, 'parcels'], ['Pickup rules\nover two lines', 2, 'pickup'], ['Indented title', 2, undefined]]);
    for (const shape of ['Two\n  lines\n===', 'Two  \nlines\n===', 'Two\\\nlines\n===', 'Two \nlines\n---', 'Two\t\nlines\n---', '`a\nb`\n---', '[g]: #h\nTitle\n===']) {
      const doc = `${shape}\n\ntext\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, JSON.stringify(shape));
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random setext headings (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['Title', 'x', ' ', '  ', '\t', '\\', '[^s1]', '`c`', '*e*', '{#h}', ' {#s k=v}', '&amp;', '[t](#h)', '\n', '\n', '\n\n', '===', '---', '=', '-', '- ', '> ', '# A\n', '| a | b |\n| - | - |\n', '    ', '[g]: #h\n'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 25 }).map((ps) => ps.join('') + '\n\n[^s1]: t.md\n');
    // (a setext heading spans two lines or more; an ATX heading one)
    const scanned = fuzzFacts(doc, ['docs/spec.md', '.kiro/specs/a/requirements.md'], (text, file) => parseSpecTree(file, text).headings.some((h) => h.range.end.line > h.range.start.line), { numRuns: 3000, seed: 25 });
    // (documents with a setext heading read whole by the scanner path: 43 when written, none before)
    assert.ok(scanned > 25, `${scanned}`);
  });

  it('tabs: in text, in table cells, before an item or a continuation line, on blank lines; from the scanner, facts equal; a tab at a block\'s end stays with the tree walk', function () {
    const page = [
      '# Parcel\tservice {#parcels}',
      '',
      'Lockers\topen at 06:00,\tclose at 22:00.[^p1]',
      '',
      '- Show the code.',
      '\t- Then the locker opens.',
      '\t\t- For an hour.',
      '\t',
      '\tThe item goes on after a blank line of a tab.',
      '',
      '| Step\t| Time |',
      '| --- | --- |',
      '|\tpickup\t|\t`1\tmin` |',
      '',
      '[^p1]: tests/test_parcels.py::test_hours',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/parcels.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/parcels.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['specs/001-parcels/spec.md', page]]);
    assert.match(parseSpecChunked('docs/parcels.md', page).facts.headingClauses[0]!.text, /^Lockers open at 06:00, close at 22:00\.\[\^p1\]/);
    for (const shape of ['a tab at the end\t', 'a tab at the end\t\n\nnext', '- item\t\n- two']) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, JSON.stringify(shape));
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random documents with tabs (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['\t', '\t', '  ', ' ', 'x', 'word', '\n', '\n', '\n\n', '- ', '1. ', '> ', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '`c`', '`\t`', '*e*', '**s**', '[t](#h)', '[^t1]', '\\', '<b>', '&amp;', '~', '    ', '```\n', '---\n', 'FR-001'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^t1]: t.md\n');
    // (a tab between words outside code: no fence, no indented code, code spans taken out)
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => !/```| {4}/.test(text) && /[^\s`]\t+[^\s`]/.test(text.replace(/`[^`]*`/g, '')), { numRuns: 3000, seed: 25 });
    // (documents with a tab between words read whole by the scanner path: 8 before, in HTML and destinations)
    assert.ok(scanned > 50, `${scanned}`);
  });

  it("emphasis paired by micromark's delimiter algorithm (flanking by Unicode class, `_` in words, nesting, runs that pair with nothing): from the scanner, facts equal; unequal runs, runs of three and `~` beside a run stay with the tree walk", function () {
    const page = [
      '# Locker *rules* and __limits__ {#lockers}',
      '',
      '**Note:**the door locks after foo*bar*baz, *a **nested** one*, __an _inner_ one__ and snake_case_name.[^l1]',
      'Stray runs are text: a * b, 2*3, **kwargs, __init__, *args, _a_\'s and (**x**)/y; “*quoted*” and –*dashed*–.',
      '',
      '> *over a',
      '> line break* in a quote',
      '',
      '| *cell* | a **b** c | x*y* |',
      '| --- | --- | --- |',
      '| [*link text*](#lockers) | *[a link](#lockers) in it* | _one_ |',
      '',
      '- [ ] *first* in a task',
      '- a list item with *emphasis*',
      '',
      '[^l1]: tests/test_lockers.py::test_door',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/lockers.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/lockers.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['docs/cr.md', page.replace(/\n/g, '\r')]]);
    const facts = parseSpecChunked('docs/lockers.md', page).facts;
    assert.equal(facts.headings[0]!.title, 'Locker rules and limits');
    // (`**Note:**the`: the second run is not right-flanking, a punctuation mark before it and a letter after: no strong)
    assert.match(facts.headingClauses[0]!.text, /^\*\*Note:\*\*the door locks after foobarbaz, a nested one, an inner one and snake_case_name\.\[\^l1\] Stray runs are text: a \* b, 2\*3, \*\*kwargs, init, \*args, a's and \(x\)\/y; “quoted” and –dashed–\./);
    for (const shape of ['**a*', '*a**', '***a***', '*a &amp; b*', 'x ~*a*']) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
    // A spec-kit feature: the item's lead is the paragraph's first strong, alone (as the tree walk's specKitItem reads it).
    const kit = '# A\n\n- **FR-002** *a **b** c*\n- **FR-003 _x_**: y\n- *a **FR-004** b*\n- **_FR-005_** z\n';
    assert.deepEqual(scannedChunks('specs/001-a/spec.md', kit), { chunks: 1, scanned: 1 });
    assertEqualFacts([['specs/001-a/spec.md', kit]]);
    assert.deepEqual(parseSpecChunked('specs/001-a/spec.md', kit).facts.headingClauses.map((c) => c.id), ['FR-002']);
  });

  it('random emphasis (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['*', '*', '**', '***', '_', '_', '__', 'a', 'word', ' ', ' ', '\n', '\n\n', '.', ',', '(', ')', '"', '“', '”', '–', '😀', '€', '。', '\u00a0', '\u3000', '\u200b', '\\*', '\\_', '`c`', '`*`', '[t](#h)', '[*t*](#h)', '[^e1]', '&amp;', '<b>', '~', '- ', '> ', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '- [ ] ', 'FR-001', '\t'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^e1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md', '.kiro/specs/a/design.md'], (text) => /[*_]/.test(text.replace(/`[^`]*`/g, '').replace(/\\[*_]/g, '')), { numRuns: 6000, seed: 25 });
    // (documents with a `*` or `_` outside code read whole by the scanner path)
    assert.ok(scanned > 1000, `${scanned}`);
  });

  it('a `<` whose tag name goes on with a character no tag takes (`<step_one>`) is text: from the scanner, facts equal; tags, autolinks and email addresses stay as they were', function () {
    const page = [
      '# Agent steps {#steps}',
      '',
      '<step_one>',
      'Read the <input_file> first, then write <out_put/> and </step_one>.[^s1]',
      '',
      'A <x_y> in a sentence, <A1_b>, <a-b.c> and </z_z> are text too; <b>bold</b> stays HTML.',
      '',
      '| <col_a> | b |',
      '| --- | --- |',
      '| <row_1> | [link](#steps) |',
      '',
      '- an item with <item_tag>',
      '',
      '[^s1]: tests/test_steps.py::test_one',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/steps.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/steps.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['.kiro/specs/a/design.md', page], ['specs/001-a/spec.md', page]]);
    assert.match(parseSpecChunked('docs/steps.md', page).facts.headingClauses[0]!.text, /Read the <input_file> first/);
    // A scheme, an email address or a tag that may go on over a line break: left to the tree walk as before.
    for (const shape of ['<ab_c@d.e>', '<ab:c_{d}>', '<ab\nc_d>', '<ab', '<a/_>']) {
      const doc = `# A\n\nx ${shape} y\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, JSON.stringify(shape));
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random text with `<` and tag-like names (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['<', '<', '</', '>', '/>', 'a', 'step', '_', '_one', '<step_one>', '</step_one>', '<a_b', '<a-b_', '-', '.', '+', ':', '@', ' ', '\n', '\n\n', 'x=1', '"q"', '*', '`c`', '[t](#h)', '[^g1]', '\\', '&amp;', '- ', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '# H {#h}\n', '<b>', '</b>', '<!-- c -->', 'http:', 'FR-001', '\t'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^g1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md', '.kiro/specs/a/design.md'], (text) => /<\/?[A-Za-z][A-Za-z0-9-]*_/.test(text.replace(/`[^`]*`/g, '')), { numRuns: 5000, seed: 26 });
    // (documents with a tag-like name ended by `_` read whole by the scanner path: none before)
    assert.ok(scanned > 100, `${scanned}`);
  });

  it('a kramdown-rfc draft: its `{{…}}` cross-references read per text node from the scanner, facts equal; a reference over a line break or beside a link stays with the tree walk', function () {
    const draft = [
      '---',
      'title: A Locker Protocol',
      'docname: draft-example-lockers-00',
      'normative:',
      '  RFC2119:',
      'informative:',
      '  LOCKS:',
      '    title: Notes on locks',
      '--- abstract',
      '',
      'This memo describes lockers ({{intro}}).',
      '',
      '--- middle',
      '',
      '# Introduction {#intro}',
      '',
      'The door locks (see {{rules}}, {{Section 3 of RFC9110}}, {{?RFC8941}}, {{-LOCKS}} and {{!HTTP=RFC9110}}).',
      '`{{in-code}}` is code, *{{in-emphasis}}* is not, {{&SELF}} names the draft and {{ spaced }} is trimmed.[^n1]',
      '',
      '# Rules {#rules}',
      '',
      '| Case | Rule |',
      '| --- | --- |',
      '| {{intro}} | a `{{x}}` and {{{braced}} |',
      '',
      '- an item citing {{RFC2119}}',
      '',
      '## Opening again',
      '',
      '--- back',
      '',
      '# Notes',
      '',
      '[^n1]: tests/test_lockers.py::test_door',
      '',
    ].join('\n');
    const file = 'draft-example-lockers.md';
    assertEqualFacts([[file, draft], ['draft-crlf-lockers.md', draft.replace(/\n/g, '\r\n')]], 0);
    const chunked = parseSpecChunked(file, draft);
    assert.equal(chunked.facts.format, 'kramdown-rfc');
    // Every chunk of the draft (its front matter read as blank) from the scanner path.
    assert.ok(chunked.chunks.length >= 2, `${chunked.chunks.length}`);
    for (const c of chunked.chunks) assert.ok(scanSpecChunk(file, c.text, [], walkMode(file, 'kramdown-rfc')), JSON.stringify(c.text.slice(0, 60)));
    assert.deepEqual(chunked.facts.links.map((l) => l.anchor), ['intro', 'rules', 'LOCKS', 'in-emphasis', 'spaced', 'intro', 'braced']);
    // A reference over a line break, in a link's text, beside inline HTML or in a heading (braces there are the tree
    // walk's): left to the tree walk.
    for (const shape of ['# Opening {{rules}}', 'see {{Section 3 of\nRFC9110}}', 'see [{{intro}}](#intro)', '{{intro}} and [a link](#intro)', '<b>{{intro}}</b>']) {
      const doc = draft.replace('This memo describes lockers ({{intro}}).', shape);
      const chunks = parseSpecChunked(file, doc).chunks;
      assert.ok(chunks.some((c) => !scanSpecChunk(file, c.text, [], walkMode(file, 'kramdown-rfc'))), shape);
      assertEqualFacts([[file, doc]], 0);
    }
  });

  it('random kramdown-rfc drafts (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const head = '---\ntitle: T\ndocname: draft-x-00\n--- middle\n\n';
    const parts = ['{{', '}}', '{{a}}', '{{?RFC1}}', '{{-X}}', '{{!A=RFC2}}', '{{Section 1 of RFC3}}', '{{&SELF}}', '{', '}', 'a', 'word', ' ', '\n', '\n\n', '`c`', '`{{b}}`', '*', '**', '_', '[t](#h)', '[t]', '[^k1]', '\\', '&amp;', '<b>', '- ', '> ', '# H {#h}\n', '## ', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '![i](x.png)', '<http://x>', '\t', '~'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => head + ps.join('') + '\n\n[^k1]: t.md\n');
    let scanned = 0;
    fc.assert(
      fc.property(doc, (text) => {
        const file = 'draft-x.md';
        assert.deepEqual(specFactsDifferences(file, text), [], JSON.stringify(text));
        const chunks = parseSpecChunked(file, text).chunks;
        if (/\{\{[^{}\s]/.test(text) && chunks.every((c) => scanSpecChunk(file, c.text, [], walkMode(file, 'kramdown-rfc')))) scanned++;
      }),
      { numRuns: 3000, seed: 26 },
    );
    // (drafts with a cross-reference read whole by the scanner path: none before)
    assert.ok(scanned > 300, `${scanned}`);
  });

  it('image references `![alt][label]` and a `![` that makes no image (`![[page]]`, an undefined label): from the scanner, facts equal', function () {
    const page = [
      '# Lockers {#lockers}',
      '',
      'The door ![a door][door] opens, ![door] and ![Door][] too; see ![[Locker page]] and ![missing].[^d1]',
      'An embed with a heading ![[Locker page#Rules]], an image ![inline](door.png) and [![a badge][badge]] in brackets.',
      '',
      '| ![cell][door] | ![[embed]] |',
      '| --- | --- |',
      '| a | b |',
      '',
      '[door]: docs/door.md',
      '[badge]: docs/badge.md "Badge"',
      '[unused]: docs/unused.md',
      '[^d1]: tests/test_door.py::test_open',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/lockers.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/lockers.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')], ['docs/nodefs.md', page.replace(/^\[(?:door|badge|unused)\]:.*$/gm, '')]]);
    const facts = parseSpecChunked('docs/lockers.md', page).facts;
    // (the definitions the image references use are used; the other is not)
    assert.deepEqual(facts.links.filter((l) => l.unusedDefinition).map((l) => l.path), ['docs/unused.md']);
    assert.match(facts.headingClauses[0]!.text, /The door opens, and too; see !\[\[Locker page\]\] and !\[missing\]\./);
    // An image reference in a link's text: left to the tree walk. One with an undefined label is text (scan28).
    const inLink = '# A\n\n[![b][door]](#a)\n\n[door]: d.png\n';
    assert.deepEqual(scannedChunks('docs/a.md', inLink), { chunks: 1, scanned: 0 });
    assertEqualFacts([['docs/a.md', inLink]], 0);
    const undefinedLabel = '# A\n\n![b][nowhere]\n\n[door]: d.png\n';
    assert.deepEqual(scannedChunks('docs/a.md', undefinedLabel), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/a.md', undefinedLabel]]);
  });

  it('random image references and embeds (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['!', '![', '[', ']', '][', '[]', '![a][d]', '![d]', '![D][]', '![[p]]', '![x][u]', '![i](x.png)', '[d]', '[t][d]', '(', ')', 'a', 'word', ' ', '\n', '\n\n', '`c`', '*', '_', '[t](#h)', '[^m1]', '![^m1]', '\\', '&amp;', '<b>', '- ', '> ', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '\n[d]: d.png\n', '\n[D]: <e f.png> "t"\n'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^m1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => /!\[/.test(text.replace(/`[^`]*`/g, '').replace(/!\[[^\][]*\]\([^)]*\)/g, '')), { numRuns: 5000, seed: 26 });
    // (documents with a `![` other than an inline image read whole by the scanner path)
    assert.ok(scanned > 300, `${scanned}`);
  });

  it('`[text][label]` after a bracket of plain text: text when the label is no definition\'s, the tree walk\'s undefined references per text node; from the scanner, facts equal', function () {
    const page = [
      '# Patterns {#patterns}',
      '',
      'A [rest pattern][patterns.rest] (`[in][code]`) stands for *the [other][fields]*; see [Ranges][] and [Defined][d].[^p1]',
      'A [x [y][z] w] run, `a`[b][c], x[b][c], [a][b][c] notation, [a][b](#patterns) and \\[e][f] and ![alt][none].',
      '',
      '| Pattern | Use |',
      '| --- | --- |',
      '| [wildcard][wild] | [More][] |',
      '',
      '## Slices [s][t] {#slices}',
      '',
      '[ranges]: lookalike line, no definition',
      '',
      '[d]: docs/defined.md',
      '[^p1]: tests/test_patterns.py::test_rest',
      '',
    ].join('\n');
    // (`[text][]` in a chunk with a definition may be a collapsed reference: left to the tree walk)
    assert.deepEqual(scannedChunks('docs/patterns.md', page), { chunks: 1, scanned: 0 });
    const withDef = page.replace('[Ranges][]', '[Ranges][r]').replace('[More][]', '[More][m]');
    const noDefs = page.replace('[d]: docs/defined.md', '');
    for (const doc of [withDef, noDefs]) {
      assert.deepEqual(scannedChunks('docs/patterns.md', doc), { chunks: 1, scanned: 1 });
      assertEqualFacts([['docs/patterns.md', doc], ['docs/crlf.md', doc.replace(/\n/g, '\r\n')]]);
    }
    // With a definition the undefined references are links (reported); with none, only the collapsed one and the
    // one a `[label]:` line looks like stay (bracketed text otherwise).
    const labels = (doc: string): string[] => parseSpecChunked('docs/patterns.md', doc).facts.links.filter((l) => l.undefinedReference !== undefined).map((l) => l.undefinedReference!);
    assert.deepEqual(labels(withDef), ['patterns.rest', 'fields', 'r', 'z', 'c', 'wild', 'm', 't']);
    assert.deepEqual(labels(noDefs), ['Ranges', 'More']);
    // A definition in another chunk of the file: the references are links there too (reparseForDefinitions).
    const split = '# A\n\nSee [a][b] and [c][].\n\n# B\n\n[x]: docs/x.md\n';
    assert.deepEqual(scannedChunks('docs/split.md', split), { chunks: 2, scanned: 2 });
    assertEqualFacts([['docs/split.md', split]]);
    assert.deepEqual(labels(split), ['b', 'c']);
    // The bracket after `]` may make a reference: a defined label, `[]` in a chunk with a definition, `[^`.
    for (const shape of ['[a][d]', '[d][]', '[a][^p1]', '[a][ D ]']) {
      const doc = `# A\n\nx ${shape} [`.replace(' [', '') + '\n\n[d]: docs/d.md\n[^p1]: t.md\n';
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
    for (const shape of ['[a] [b][d]', '[[a]][d]', 'x][d]']) {
      const doc = `# A\n\n${shape}\n\n[d]: docs/d.md\n`;
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random brackets, references and definitions (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['[', ']', '][', '[]', '[a]', '[b]', '[a][b]', '[d][]', '[t][d]', '[x][y][z]', '[D]', '[t](#h)', '(', ')', '!', '\\', '`', '`[a][b]`', '*', '_', '~', 'a', 'word', ' ', '\n', '\n\n', '[^r1]', '[^r1][a]', '<b>', '&amp;', '{', '- ', '> ', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '\n[d]: d.md\n', '\n[a]: lookalike\n', '\n[y]:\n'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^r1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => /\]\[/.test(text.replace(/`[^`]*`/g, '')), { numRuns: 5000, seed: 28 });
    // (documents with `][` outside code read whole by the scanner path)
    assert.ok(scanned > 300, `${scanned}`);
  });

  it('kramdown block attribute lists `{: #id}` in paragraphs and cells: text, their anchors read per text node from the scanner, facts equal; beside inline HTML stays with the tree walk', function () {
    const page = [
      '# Figures {#figures}',
      '',
      '~~~',
      '+---+',
      '~~~',
      '{: #fig-box title="A box"}',
      '',
      'A note {:.aside} with `{: #in-code}` and [a link {: #in-link}](#figures), an id over lines {: id="two',
      'lines"} and {::boilerplate bcp14-tagged}.',
      '',
      '| Table | Note |',
      '| --- | --- |',
      '| {: #in-cell} | *x {: #in-emphasis}* |',
      '',
    ].join('\n');
    assert.deepEqual(scannedChunks('docs/figures.md', page), { chunks: 1, scanned: 1 });
    assertEqualFacts([['docs/figures.md', page], ['docs/crlf.md', page.replace(/\n/g, '\r\n')]]);
    const anchors = [...parseSpecChunked('docs/figures.md', page).facts.anchors];
    for (const id of ['fig-box', 'in-link', 'two', 'in-cell', 'in-emphasis']) assert.ok(anchors.includes(id), id);
    assert.ok(!anchors.includes('in-code'));
    for (const shape of ['See <a id="h"></a> {: #x}', 'See \\{: #x}']) {
      const doc = `# A\n\n${shape}\n`;
      assert.deepEqual(scannedChunks('docs/a.md', doc), { chunks: 1, scanned: 0 }, shape);
      assertEqualFacts([['docs/a.md', doc]], 0);
    }
  });

  it('random attribute lists (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const parts = ['{:', '{: #a}', '{: #b title="t"}', '{:.c}', '{::x}', '{', '}', ':', '#', 'id="i"', '\n', '\n\n', ' ', 'word', '`{: #c}`', '`', '*', '[t](#h)', '<b id="h">', '\\', '- ', '> ', '~~~\nx\n~~~\n', '# H {#h}\n', '| a | b |\n| - | - |\n| ', ' | ', ' |\n', '[^r1]'];
    const doc = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((ps) => ps.join('') + '\n\n[^r1]: t.md\n');
    const scanned = fuzzFacts(doc, ['docs/spec.md', 'specs/001-feature/spec.md'], (text) => /\{:/.test(text.replace(/`[^`]*`/g, '')), { numRuns: 4000, seed: 28 });
    // (documents with `{:` outside code read whole by the scanner path)
    assert.ok(scanned > 300, `${scanned}`);
  });

  it('the Model Spec', function () {
    const paths = markdownFiles(modelSpecDir());
    assert.ok(paths.some((p) => p.endsWith('model_spec.md')));
    assertEqualFacts(paths.map((p) => [path.basename(p), fs.readFileSync(p, 'utf8')]));
  });

  it("this repository's Markdown (fixtures, specs, examples, docs)", function () {
    const paths = ['test/fixtures', 'specs', 'examples', 'docs'].flatMap((d) => markdownFiles(path.join(repoRoot, d)));
    for (const f of ['README.md', 'ARCHITECTURE.md', 'CHANGELOG.md', 'CONTRIBUTING.md']) paths.push(path.join(repoRoot, f));
    assertEqualFacts(paths.map((p) => [path.relative(repoRoot, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')]), 20);
  });

  const PIECES = [
    '# ', '## ', '### ', 'Title ', 'foo', 'bar baz', '{#a1 authority=root}', '{#b_2}', '{#_x_}', '{', '}', '[^a1]', '[^b2]', '[^a1]: ', '[^b2]: x.md',
    '[^a1]: tests/t.py::test_x', '[^', '[', ']', '(', '[l](#a1)', '[t](x.md)', '[`c`](y.md#q)', '[](#e)', '[l](other.md#b2 "t")', '*', '_', 'a_b', '`', '`c`', '`` a`b ``', '```', '~~~', '> ', '- ', '* ', '1. ', '  ', ' ',
    '\t', '\n', '\n', '\n', '\n', '\n\n', '\r\n', 'text', '<!-- c -->', '<a id="q">', '<div>', '</div>', '---', '***', '\\', '&amp;', '😀', '| a | b |',
    '|---|---|', '| `x` | [^a1] |', '|', 'Clarifications', '2026-01-02 `a1`', '&',
    // emphasis, escapes and inline HTML
    '**', '**bold**', '*em*', '_em_', '__s__', '**`c`**', '*[^a1]*', ' (', '.', ':', ',', '\\[^a1]', '\\*', '\\\\', '\\|', '\\_x',
    '<!-- [^a1] -->', '<!---->', '<span title="t">', '</span>', '<br/>', '<a name=q>', '**FR-001**',
    // spec-kit requirement items and id mentions
    '- **FR-002**: ', '**SC-001** ', 'FR-001', 'FR-001a', 'NFR-12', 'x-FR-003', '_FR-004_', '[^FR-001]', '`FR-005`', ' SC-002,', '- [ ] T001', '+ ', '\n* ', '\n+ ', '\n- ',
    // spec-kit mentions of another feature
    ' feature 002 ', ' of the 002-other spec', '`specs/002-other/` ', ' and ', ' there',
    // link reference definitions
    '[a1]: #a1', '\n[a1]: #a1\n', '\n[L b]: other.md#b2 "t"\n', '[x]: <y z.md#q>', '[q]:\n  #q', ']: ', '[a1]', '[t][a1]', ' "t"', " 't'", ' (t)', '\n"t\nu"',
    // containers: nested items, quotes in items, code and fences in items, lazy lines, footnote definitions over lines
    '\n  - ', '\n    - ', '\n   ', '\n    ', '\n      ', '\n> ', '\n>', '\n> > ', '\n  > ', '2) ', '\n10. ', '\n  ```\n', '\n  ~~~\n',
    '\n[^a1]: a\n    b', '\n[^b2]: a\nlazy', '[`c` t][a1]', '[*e* t](#a1)',
  ];
  /** Where each construct applies: a plain spec, a spec-kit feature's spec (items and mentions), plan (mentions) and other spec. */
  const FILES = ['docs/spec.md', 'specs/001-feature/spec.md', 'specs/001-feature/plan.md', 'specs/001-feature/spec-v2.md'];

  for (const seed of [7, 11]) {
    it(`random spec-like documents (fast-check, seed ${seed})`, function () {
      if (!fc) this.skip();
      // (sometimes after a front matter, which only the start of a document can open)
      const front = fc.constantFrom('', '', '---\ntitle: x\n---\n', '+++\na = 1\n+++\n', '---\n');
      const doc = fc.tuple(front, fc.array(fc.constantFrom(...PIECES), { maxLength: 40 })).map(([f, parts]) => f + parts.join(''));
      let scanned = 0;
      fc.assert(
        fc.property(doc, fc.constantFrom(...FILES), (text, file) => {
          assert.deepEqual(specFactsDifferences(file, text), [], JSON.stringify([file, text]));
          scanned += scannedChunks(file, text).scanned;
        }),
        { numRuns: 1500, seed },
      );
      assert.ok(scanned > 100);
    });
  }

  // Blocks defuse.ts changes (over MAX_BLOCK_MARKERS markers: read as plain text; over MAX_BLOCK_LINES lines: cut by
  // lines read as blank): the scanner reads the blocks of the defused copy and the references of the original.
  it('a 1,000-line paragraph of references (read as plain text and cut): every chunk from the scanner, facts equal', function () {
    const lines = Array.from({ length: 1000 }, (_, i) => `x[^r${i}]`);
    const doc = `# Spec {#root authority=root}\n\n${lines.join('\n')}\n\n## Next {#next}\n\nText [^n].\n`;
    assert.deepEqual(scannedChunks('docs/refs.md', doc), { chunks: 2, scanned: 2 });
    assertEqualFacts([['docs/refs.md', doc], ['docs/refs-crlf.md', doc.replace(/\n/g, '\r\n')]]);
    const facts = parseSpecChunked('docs/refs.md', doc).facts;
    assert.equal(facts.footnoteRefs.length, 1001);
    assert.equal(facts.problems.length, 2);
  });

  const LONG_LINES = ['x[^a1]', '[^b2] y', 'plain words', '*em* and `code` [^a1]', 'a \\[^a1] b', '[^a1]', 'z [^b2] ', '[^a1] [^b2] [^a1]', '  [^b2]'];
  const RARE_LINES = ['w  ', 'v\\', '- item [^a1]', '1. one', '# H {#h}', '| a | b |', '```', '<div>', '> q', '&amp; x', '[l](#a1)', '[NEEDS CLARIFICATION: how?]', '{: #k}', ''];
  it('random long paragraphs that defuse.ts changes (fast-check): facts equal the tree walk', function () {
    if (!fc) this.skip();
    const block = fc.tuple(fc.array(fc.oneof({ arbitrary: fc.constantFrom(...LONG_LINES), weight: 6 }, { arbitrary: fc.constantFrom(...RARE_LINES), weight: 1 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 100, max: 500 })).map(([ls, n]) => Array.from({ length: n }, (_, i) => ls[i % ls.length]).join('\n'));
    const doc = fc.array(fc.oneof(block, fc.constantFrom('# S {#s}', 'Text.', '| a |\n| - |\n| [^a1] |')), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('\n\n'));
    let scanned = 0;
    fc.assert(
      fc.property(doc, fc.constantFrom('docs/spec.md', 'specs/001-feature/spec.md'), (text, file) => {
        assert.deepEqual(specFactsDifferences(file, text, 3), [], JSON.stringify([file, text.slice(0, 300)]));
        scanned += scannedChunks(file, text).scanned;
      }),
      { numRuns: 40, seed: 3 },
    );
    assert.ok(scanned > 10, `the scanner path covered ${scanned} chunks`);
  });

  it('incremental: a re-parse with the last parse’s chunk cache equals a full parse of the tree after random edits', function () {
    if (!fc) this.skip();
    const edit = fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', 'x', '\n', '\n\n', '# H {#h2}\n', '[^a1]', '- ', '`', '|', '{#q}', '\n## S\n'));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let text = SPEC;
        let cache: SpecChunkCache | undefined;
        for (const [at, del, ins] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + text.slice(p + del) + ins;
          const parsed = parseSpecChunked('docs/spec.md', text, cache);
          cache = parsed.cache;
          const plain = (f: ReturnType<typeof parseSpecTree>): unknown => JSON.parse(JSON.stringify({ ...f, prose: f.prose, anchors: [...f.anchors] }));
          assert.deepEqual(plain(parsed.facts), plain(parseSpecTree('docs/spec.md', text, false)), JSON.stringify(text));
        }
      }),
      { numRuns: 150, seed: 5 },
    );
  });
});

describe('the scan of footnote references without match arrays [^big_documents]', function () {
  const globalMatches = (raw: string): [number, number][] => [...raw.matchAll(new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'g'))].map((m) => [m.index!, m.index! + m[0].length]);
  const spans = (raw: string): [number, number][] => {
    const out: [number, number][] = [];
    eachRef(raw, (s, e) => out.push([s, e]));
    return out;
  };

  it('eachRef finds the global matches of `\\[\\^(ID)\\]`, in order', function () {
    for (const raw of ['', 'x[^a]', '[^a][^b]', '[^[^a]]', '[^a b] [^a.b:c-d] [^] [^-x] \\[^e] [^f', '[^a]]]', 'é[^ü] [^_1]', '[^a\n] [^x]\r\n']) {
      assert.deepEqual(spans(raw), globalMatches(raw), JSON.stringify(raw));
    }
    if (!fc) return;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('[', '^', ']', 'a', '1', '.', '-', ' ', '\\', '\n', 'é'), { maxLength: 60 }), (chars) => {
        const raw = chars.join('');
        assert.deepEqual(spans(raw), globalMatches(raw));
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it('LineIndex.lineAt is positionAt\'s line; addOneLineFootnoteRef adds what addFootnoteRef adds for the ranges of `[^id]`', function () {
    const text = 'a\nb[^x1]\r\n\rc[^y]\n';
    const lines = new LineIndex(text);
    for (let o = -1; o <= text.length + 1; o++) assert.equal(lines.lineAt(o), lines.positionAt(o).line, String(o));
    const ctx = { parent: 'p', section: ['S'], sectionTitle: 'S' };
    for (const columns of [false, true]) {
      const viaRanges = columns ? new FootnoteRefColumns('f.md') : [];
      const direct = columns ? new FootnoteRefColumns('f.md') : [];
      for (const [start, id] of [[3, 'x1'], [12, 'y']] as const) {
        assert.equal(text.slice(start, start + id.length + 3), `[^${id}]`);
        const end = start + id.length + 3;
        addFootnoteRef(viaRanges, id, lines.rangeOf(start, end), lines.rangeOf(start + 2, end - 1), 'block', ctx);
        const line = lines.lineAt(start);
        addOneLineFootnoteRef(direct, id, line, start - lines.lineStart(line), 'block', ctx);
      }
      assert.deepEqual(JSON.parse(JSON.stringify(direct)), JSON.parse(JSON.stringify(viaRanges)));
      assert.equal(JSON.stringify(direct), JSON.stringify(viaRanges));
    }
  });
});
