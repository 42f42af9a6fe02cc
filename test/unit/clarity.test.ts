// Issue 13: the clarifier judges sentence structure and word classes [^am6c], and reviews every spec format [^am7f].
import * as assert from 'node:assert/strict';
import { documentTerms, domainOf, featureNameTerms, reviewOf } from '../../server/src/core/analysis/ambiguity/formats';
import { buildBatches, buildMessages, cacheKey, clausesForLlm } from '../../server/src/core/analysis/ambiguity/llm';
import type { AmbiguityHit } from '../../server/src/core/workspace/workspaceIndex';
import { resolveConfig } from '../../server/src/core/workspace/config';
import { diagnosticsOf, memoryWorkspace } from '../helpers/workspace';
import { sectionStemsOf } from '../../server/src/core/workspace/ambiguityPass';
import { parseSpec, type ProseBlock } from '../../server/src/core/markdown/parseSpec';

/** `phrase (category)` of every finding in one spec file of a one-file workspace. */
function found(path: string, text: string): string[] {
  const ws = memoryWorkspace({ [path]: text });
  return ws.model().ambiguitiesOf(path).map((h) => `${h.phrase} (${h.category})`);
}

function hits(path: string, text: string) {
  return memoryWorkspace({ [path]: text }).model().ambiguitiesOf(path);
}

const SPEC_KIT = (requirements: string[]): string =>
  ['# Feature Specification: Uploads', '', '## Requirements *(mandatory)*', '', '### Functional Requirements', '', ...requirements.map((r, i) => `- **FR-${String(i + 1).padStart(3, '0')}**: ${r}`), ''].join('\n');

describe('clarity: which files are reviewed, and as what [^am7f]', () => {
  const none = { headingClauses: [], footnoteRefs: [], footnoteDefs: [] };

  it('recognises spec-kit, Kiro, kramdown-rfc and KEP documents by evidence; a README is not a spec', () => {
    assert.equal(reviewOf('specs/001-x/spec.md', SPEC_KIT(['System MUST work.']), none)?.format, 'spec-kit');
    assert.equal(reviewOf('specs/001-x/spec.md', 'Users MUST sign in [NEEDS CLARIFICATION: how?]\n', none)?.format, 'spec-kit');
    assert.equal(reviewOf('.kiro/specs/a/requirements.md', '# Requirements\n', none)?.format, 'kiro');
    // The other files of a feature folder are artifacts made from the spec (a plan, tasks, an agent's completion
    // report): reviewed only on the evidence of their own text.
    assert.equal(reviewOf('specs/001-x/plan.md', '# Plan\n\nThe parser must be robust.\n', none), undefined);
    assert.equal(reviewOf('specs/001-x/checklists/requirements.md', '# Checklist\n\n- [ ] Requirements are clear\n', none), undefined);
    assert.equal(reviewOf('.kiro/specs/a/COMPLETION_SUMMARY.md', '# Done\n\n- Clear error messages shall be shown.\n', none), undefined);
    assert.equal(reviewOf('.kiro/specs/a/tasks.md', '- [x] 1.1 Build it\n  - _Requirements: 1.1_\n', none), undefined);
    assert.equal(reviewOf('.kiro/specs/a/design.md', '#### Acceptance Criteria\n\n1. WHEN x THEN the system SHALL y.\n', none)?.format, 'kiro');
    assert.equal(reviewOf('specs/001-x/notes.md', '- **FR-001**: System MUST work.\n', none)?.format, 'spec-kit');
    assert.equal(reviewOf('docs/req.md', '#### Acceptance Criteria\n\n1. WHEN x THEN the system SHALL y.\n', none)?.format, 'kiro');
    const draft = '---\ntitle: "X"\ndocname: draft-x-00\nkeyword:\n - secure transport\n\n--- abstract\n\nThis document is fast.\n';
    const review = reviewOf('draft-x.md', draft, none);
    assert.equal(review?.format, 'kramdown-rfc');
    assert.equal(draft.slice(review!.from).trimStart().slice(0, 4), 'This');
    assert.equal(reviewOf('keps/1/README.md', '# KEP-1234: Budget\n\n## Proposal\n\nThe kubelet must be fast.\n', none)?.format, 'markdown');
    // OpenSpec: a capability's spec.md (also a change's delta of it), or requirement and scenario headings anywhere; an
    // archived change is history.
    const openspec = '# Uploads\n\n### Requirement: Upload\n\nThe CLI SHALL upload files quickly.\n\n#### Scenario: One file\n\n- **WHEN** a file is given\n- **THEN** upload it\n';
    assert.equal(reviewOf('openspec/specs/uploads/spec.md', '# Uploads\n', none)?.format, 'openspec');
    assert.equal(reviewOf('openspec/changes/add-x/specs/uploads/spec.md', '## ADDED Requirements\n', none)?.format, 'openspec');
    assert.equal(reviewOf('docs/uploads.md', openspec, none)?.format, 'openspec');
    assert.equal(reviewOf('openspec/changes/archive/2025-01-01-add-x/specs/uploads/spec.md', openspec, none), undefined);
    assert.equal(reviewOf('openspec/changes/add-x/proposal.md', '## Why\n\nUploads should be quick.\n', none), undefined);
    // Meeting notes, minutes and agendas are a record of a discussion, whatever anchors an export gave their headings
    // (seventeenth round: kubernetes/community's sig-node/archive/meeting-notes-2017.md); a feature named so is a spec.
    const anchored = '# Dec 19 Proposed Agenda {#dec-19}\n\n* We should be able to overwrite it.\n';
    const clause = { ...none, headingClauses: [{ id: 'dec-19' }] } as unknown as Parameters<typeof reviewOf>[2];
    assert.equal(reviewOf('sig-node/archive/meeting-notes-2017.md', anchored, clause), undefined);
    assert.equal(reviewOf('sig-docs/meeting-notes-archive/2018_Weekly_Meeting_Minutes.md', anchored, clause), undefined);
    assert.equal(reviewOf('wg/minutes/2019-01.md', anchored, clause), undefined);
    assert.equal(reviewOf('docs/notes.md', anchored, clause)?.format, 'markdown');
    assert.equal(reviewOf('specs/001-agenda/spec.md', SPEC_KIT(['System MUST work.']), none)?.format, 'spec-kit');
    assert.equal(reviewOf('docs/meeting-notes-app/design.md', anchored, clause)?.format, 'markdown');
    assert.equal(reviewOf('docs/meeting-notes.md', '- **FR-001**: System MUST work.\n', clause)?.format, 'spec-kit');
    assert.deepEqual(found('openspec/specs/uploads/spec.md', openspec), ['quickly (vague)']);
    // A document that adopts BCP 14's key words (quotes them, cites RFC 2119 or BCP 14) states requirements; only their
    // capitals are keywords there (RFC 8174).
    const bcp14 = '# Widget API\n\nThe key words "MUST", "MUST NOT", "SHOULD" in this document are to be interpreted as described in RFC 2119.\n\nServers MUST answer quickly. Clients should be careful.\n';
    assert.deepEqual(reviewOf('docs/api.md', bcp14, none), { format: 'markdown', from: 0, capitalsOnly: true });
    assert.deepEqual(found('docs/api.md', bcp14), ['quickly (vague)']);
    assert.equal(reviewOf('CONTRIBUTING.md', 'Contributions MUST follow RFC 2119 wording.\n', none), undefined);
    assert.equal(reviewOf('README.md', '# Tool\n\nSetup should be quick.\n', none), undefined);
    // Footnotes with a text note are any document's footnotes; a footnote id with no note (or naming its example file)
    // declares a clause [^am9c].
    assert.deepEqual(found('README.md', 'Ideas MUST be thoroughly discussed.[^1]\n\n[^1]: See the forum.\n'), []);
    assert.deepEqual(found('docs/guide.md', 'Replies must be concise.[^n]\n\n[^n]: A note.\n'), []);
    assert.deepEqual(found('policy.md', 'Replies must be concise.[^rp2c]\n'), ['concise (vague)']);
    assert.deepEqual(found('policy.md', 'Replies must be concise.[^rp2c]\n\n[^rp2c]: examples/rp2c.md\n'), ['concise (vague)']);
    // A lone reference whose note was lost (a word or a number as its id) is no evidence; two of them are.
    assert.deepEqual(found('book/ch08.md', 'SipHash resists attacks on hash tables[^siphash]. Here are exercises you should now be able to solve quickly.\n'), []);
    assert.deepEqual(found('book/ch09.md', 'Lists must be concise.[^1]\n'), []);
    assert.deepEqual(found('policy.md', 'Replies must be concise.[^tone] Refusals must be brief.[^refusals]\n'), ['concise (vague)', 'brief (vague)']);
    // Markers shown in code are no evidence: a document about spec-kit is not a spec-kit spec.
    assert.equal(reviewOf('docs/x.md', 'Ids look like `**FR-001**`.\n\n```md\n- **FR-001**: System MUST work.\n```\n', none), undefined);
  });

  it('a variant of spec.md (spec.generated.md) is a feature folder\'s spec for the pass as for the parser; its siblings are not', () => {
    // One rule (`isFeatureSpecName`): the parser lets spec.generated.md declare **FR-001** items, so the pass reviews it
    // as the folder's spec on the folder's evidence alone, like spec.md.
    const prose = '# Landing page\n\n## Acceptance Criteria\n\n- The page loads quickly.\n';
    assert.equal(reviewOf('specs/003-landing/spec.generated.md', prose, none)?.format, 'spec-kit');
    assert.equal(reviewOf('specs/003-landing/SPEC.md', prose, none)?.format, 'spec-kit');
    assert.deepEqual(found('specs/003-landing/spec.generated.md', prose), ['quickly (vague)']);
    // Counter-cases: other files of the folder, and a name that only starts like one.
    assert.equal(reviewOf('specs/003-landing/plan.md', prose, none), undefined);
    assert.equal(reviewOf('specs/003-landing/spec-notes.md', prose, none), undefined);
    assert.equal(reviewOf('specs/003-landing/specification.md', prose, none), undefined);
    assert.deepEqual(found('specs/003-landing/spec-notes.md', prose), []);
  });

  it('reviews spec-kit and Kiro files without clause ids, and never a README or a draft\'s front matter', () => {
    assert.deepEqual(found('specs/012-upload/spec.md', SPEC_KIT(['System MUST show a concise summary of each upload.'])), ['concise (vague)']);
    assert.deepEqual(found('.kiro/specs/export/requirements.md', '# Requirements\n\n#### Acceptance Criteria\n\n1. WHEN an export fails THEN the system SHALL show a clear error message.\n'), ['clear (vague)']);
    assert.deepEqual(found('README.md', '# Tool\n\nThe setup must be quick and robust.\n'), []);
    const draft = '---\ntitle: "X"\ndocname: draft-x-00\nkeyword:\n - secure transport\n - fast feedback\n\n--- abstract\n\nThis is fast.\n\n--- middle\n\n# Frames\n\nThe receiver SHOULD send feedback frames periodically.\n';
    assert.deepEqual(found('draft-x.md', draft), ['periodically (time)']);
  });
});

describe('clarity: classes and sentence structure [^am6c]', () => {
  it('finds evaluative wording no fixed list enumerates, in acceptance scenarios, requirements and success criteria', () => {
    const text = [
      '# Feature Specification: Uploads',
      '',
      '**Acceptance Scenarios**:',
      '',
      '1. **Given** an upload is rejected, **When** the error is shown, **Then** the member sees a helpful message.',
      '2. **Given** a dropped connection, **When** the upload stalls, **Then** the app handles the error nicely.',
      '',
      '## Requirements',
      '',
      '- **FR-001**: System MUST generate thumbnails in a timely fashion.',
      '- **FR-002**: Uploads MUST work on typical hardware.',
      '- **FR-003**: System MUST accept a large number of items per album.',
      '- **FR-004**: System MUST compress images too large for the album view.',
      '',
      '## Success Criteria',
      '',
      '- **SC-001**: The album view stays responsive with 10,000 photos.',
      '',
    ].join('\n');
    assert.deepEqual(found('specs/001-u/spec.md', text), [
      'helpful (vague)',
      'nicely (vague)',
      'in a timely fashion (time)',
      'typical (vague)',
      'a large number of (quantity)',
      'too large (vague)',
      'responsive (time)',
    ]);
  });

  it('counts vagueness in the subject of a passive and in conditions, not in the subject of an active requirement', () => {
    const text = [
      '## Behaviour {#b authority=root}',
      '',
      'Sensible defaults should be chosen. An effective assistant must sometimes act alone.',
      'If the request is unusually long, the assistant should ask first. Replies that are too verbose must be shortened.',
      '',
    ].join('\n');
    assert.deepEqual(found('spec.md', text), ['Sensible (vague)', 'sometimes (time)', 'unusually long (vague)', 'too verbose (vague)']);
  });

  it('a bound silences only its own dimension: an unrelated number does not', () => {
    const text = SPEC_KIT([
      'System MUST respond quickly to all 3 request types.',
      'System MUST respond quickly (within 200 ms at p95).',
      'System MUST keep large files up to 2 GB.',
      'Keys MUST be stored securely in an HSM.',
      'Keys MUST be stored securely.',
    ]);
    assert.deepEqual(found('specs/001-u/spec.md', text), ['quickly (vague)', 'securely (vague)']);
    assert.equal(hits('specs/001-u/spec.md', text)[0]!.range.start.line, 6);
  });

  it('leaves terms of art, verbs, proper names, headings, quoted example phrases and answered tolerances alone', () => {
    const text = [
      '---',
      'title: "Feedback"',
      'docname: draft-example-00',
      'keyword:',
      ' - secure transport',
      '',
      '--- abstract',
      '',
      'This document defines feedback.',
      '',
      '# Handle errors gracefully and quickly',
      '',
      'Senders in slow start MUST NOT send feedback. Fields MUST be sent most significant bit first.',
      'The key MUST provide forward secrecy. Servers MUST set the Secure attribute on the cookie.',
      'Feedback MUST only be sent from a secure origin. The funds they secure MUST be reported.',
      'The receiver MUST send a frame immediately after it detects a loss.',
      'WHEN a reset succeeds THEN the system SHALL sign the member out immediately.',
      'The interval SHOULD be approximately 25 ms ± 5%.',
      'Each URL MUST match this regular expression. Only regular files MUST be read. A regular user MUST NOT invite users.',
      'Implementations SHOULD avoid phrases like "as an AI", "in today\'s world", etc.',
      'The validator MUST fail fast on a bad id. The tool SHALL clean up stale files and finish within 5 minutes on a clean run.',
      'With --no-color the output MUST be plain text with no ANSI escape codes.',
      '',
    ].join('\n');
    assert.deepEqual(found('draft-example.md', text), []);
  });

  it('a superlative of an order selects exactly ("the largest acknowledged packet"); "no longer" is an idiom; "the best" stays open', () => {
    const draft = SPEC_KIT([
      'Receivers MUST retain the largest acknowledged packet number and the most recently received frame.',
      'The client MUST use the earliest date it can represent.',
      'The feed MUST return the 20 most recent posts. A command MUST reject one or more unknown flags.',
      'If the endpoint can no longer process the packet, it MUST close the connection.',
      'The system MUST pick the best route.',
    ]);
    assert.deepEqual(found('specs/001-ack/spec.md', draft), ['the best (comparative)']);
    // "some but not all": at least one and not every one.
    const partial = (who: string, then = '`Synced` MUST remain `False`'): string =>
      `# Sync Status Specification\n\n## Purpose\n\nProvide commands that report sync progress for mirrors and replicas.\n## Requirements\n### Requirement: Report Mirror Status\n\nThe tool SHALL report the sync state of a mirror via \`sync status\`.\n\n#### Scenario: Partial sync\n\n- GIVEN ${who} replicas have caught up\n- WHEN the user asks for the status\n- THEN ${then}\n`;
    assert.deepEqual(found('openspec/specs/status/spec.md', partial('some but not all')), []);
    // Counter-case: a quantity the requirement leaves open.
    assert.deepEqual(found('openspec/specs/status/spec.md', partial('all', 'the tool MUST retry some requests')), ['some (quantity)']);
  });

  it('words with an exact sense before certain nouns: the effective scope, prompt files, normal update logic', () => {
    // "effective" before a setting is the one in effect; "prompt" before a thing is the noun; "normal" before a
    // procedure is the ordinary path. Counter-cases: graded or before other nouns they still judge.
    const spec = SPEC_KIT([
      'The installer MUST write files at the effective scope and use the effective local time zone.',
      'The updater MUST remove the prompt files it replaced and MUST change the prompt copy.',
      'When no migration is needed, the system MUST proceed with normal update logic.',
      'Support MUST give a prompt response to every ticket.',
      'The team MUST adopt an effective strategy for onboarding.',
      'The service MUST stay available under normal load.',
      'The campaign MUST drive effective user engagement.',
    ]);
    assert.deepEqual(found('specs/001-scope/spec.md', spec), ['prompt (time)', 'effective (vague)', 'normal (vague)', 'effective (vague)']);
    // "some" in a scenario's condition step is existential.
    const steps = (when: string): string => `# Status\n\n## Requirements\n### Requirement: Status\n\nThe CLI SHALL report progress.\n\n#### Scenario: Partial\n- **WHEN** ${when}\n- **THEN** report "Done: X/N"\n- **AND** list each open item\n`;
    assert.deepEqual(found('openspec/specs/status/spec.md', steps('some tasks are incomplete')), []);
    assert.deepEqual(found('openspec/specs/status/spec.md', steps('the CLI retried some requests').replace('**WHEN** the CLI retried', '**THEN** the CLI SHALL retry')), ['some (quantity)']);
  });

  it('"in a given slot … then" in prose is no Gherkin scenario; "Given … When … Then …" opening an item is', () => {
    const prose = '# Feature Specification: Rows\n\n## Rationale\n\nWith fewer rows than subnets, some subnets are idle in a given slot, so a simple rotation then leaves them idle.\n';
    assert.deepEqual(found('specs/001-rows/spec.md', prose), []);
    const scenario = '# Feature Specification: Rows\n\n## User Scenarios\n\n1. **Given** a node with rows, **When** a slot starts, **Then** the page loads quickly.\n';
    assert.deepEqual(found('specs/001-rows/spec.md', scenario), ['quickly (vague)']);
  });

  it('an adjective right after a modal is the verb ("Endpoints MUST clear the state"); an adverb there stays a modifier', () => {
    const spec = SPEC_KIT(['Endpoints MUST clear any cached state when the connection closes.', 'The agent must sometimes act on its own.']);
    assert.deepEqual(found('specs/001-state/spec.md', spec), ['sometimes (time)']);
  });

  it('an all-caps acronym amid ordinary words is not the word it spells: "an ETC CSV file" is no "etc."', () => {
    const spec = SPEC_KIT(['System MUST import an ETC CSV file and list ETC records.', 'System MUST accept CSV, TSV, etc.']);
    assert.deepEqual(found('specs/001-toll/spec.md', spec), ['etc. (open-ended)']);
    const question = hits('specs/001-toll/spec.md', SPEC_KIT(['System MUST keep a clean test structure.', 'Clean, organized modules MUST be kept.'])).map((h) => h.question);
    assert.ok(question.every((q) => !/the clean clean|the Clean Clean/i.test(q)), JSON.stringify(question));
  });

  it('treats the document\'s own defined terms as terms of art', () => {
    assert.deepEqual(documentTerms('## Terminology\n\n- Fast path: the cached route.\n\n**Quick Sync**: a mode.\n\nFeedback Interval\n: the time between frames.\n'), [
      'quick sync',
      'feedback interval',
      'fast path',
    ]);
    const text = ['## Terminology {#t}', '', '- Fast path: the cached route.', '', '## Rules {#r authority=root}', '', 'Requests must take the fast path.', ''].join('\n');
    assert.deepEqual(found('spec.md', text), []);
  });

  it('a name the document gives in code (`recent_root_references`, `freshNonce`) makes its words from the evaluative one a term', () => {
    assert.deepEqual(documentTerms('Clients MUST insert `recent_root_references` and may use `freshNonce`.\n'), [
      'recent root references',
      'recent root reference',
      'recent root',
      'fresh nonce',
    ]);
    const spec = SPEC_KIT(['Nodes MUST reject a block whose `recent_root_references` list is empty and MUST NOT modify the recent root reference set.', 'Nodes MUST keep recent blocks.']);
    assert.deepEqual(found('specs/001-roots/spec.md', spec), ['recent (time)']);
  });
});

/** A minimal kramdown-rfc draft around `body` (reviewed after `--- abstract`). */
const DRAFT = (body: string[]): string => ['---', 'title: "X"', 'docname: draft-x-00', '', '--- abstract', '', 'This document defines X.', '', '--- middle', '', '# Rules', '', ...body, ''].join('\n');
/** A Model Spec style section around `body`. */
const POLICY = (body: string[]): string => ['## Rules {#rules authority=guideline}', '', ...body, ''].join('\n');

describe('clarity: what already answers the question (issue 13, Model Spec and IETF drafts) [^am6c]', () => {
  it('an illustration, a reported clause or a purpose is not a requirement', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['For example, the assistant should be able to summarise an article.', 'The assistant should be able to explain refusals.'])), ['be able to (weak)']);
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should advise the user that immediate help should be sought.', 'It should immediately stop when asked to.'])), ['immediately (time)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['A server MUST NOT reveal the issue time, in order to prevent a fast observer from correlating connections.', 'Servers SHOULD try to avoid unnecessary refreshes.'])), ['unnecessary (vague)']);
  });

  it('an escape clause with its purpose, its bound or a link to the section that says when is answered', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['If necessary to protect privacy, the assistant should omit names.', 'The assistant should ask for confirmation when necessary.'])), ['when necessary (escape)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['Clients MUST send at least 1200 bytes, adding PADDING frames as necessary.', 'Servers MUST pad responses as necessary.'])), ['as necessary (escape)']);
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should [ask clarifying questions](#ask) as appropriate. It should cite sources where appropriate.'])), ['where appropriate (escape)']);
  });

  it('opposite comparatives, a named limit and an equality comparison have their reference', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['It should give longer, more detailed answers for explorations and shorter answers for chat. It should give faster replies.'])), ['faster (comparative)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['Servers SHOULD accept these tokens only for a short time. Other tokens need to be valid for longer.'])), ['short (vague)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['A client that is aware of this limit MUST NOT send larger requests. Servers MUST NOT send more than three times as many bytes as they received.'])), []);
  });

  it('a stated test, a citation, a following list or a delegation settles the word; a vague test does not', () => {
    assert.deepEqual(found('draft-x.md', DRAFT(['Endpoints MUST discard packets that are too small to hold a header. Servers MUST reject tokens that are too old to be useful.'])), ['too old (vague)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['The stored response MUST be fresh [HTTP-CACHING] when used.', 'The stored response MUST be recent.'])), ['recent (time)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['The server SHOULD choose an error code appropriate to the failure:', '', '- EXPIRED: the token is old.'])), []);
    assert.deepEqual(found('draft-x.md', DRAFT(['Whether a path MUST be treated as safe is decided in an implementation-defined manner.'])), []);
  });

  it('word senses: "responsive to", a graceful close, "the immediate previous response", "the data required for"', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should be responsive to changes of topic. Answers should be responsive in voice mode.'])), ['responsive (time)']);
    assert.deepEqual(found('model_spec.md', POLICY(['It should be transparent about what it does not know. Its reasoning should be transparent.'])), ['transparent (vague)']);
    // A question that ends with "etc.)?" is still a question.
    assert.deepEqual(found('.kiro/specs/a/requirements.md', ['# Requirements', '', '## Requirements', '', '### Requirement 1', '', '#### Acceptance Criteria', '', '1. Should names be editable, or default (Leader, Trooper 1, etc.)?', '2. THE editor SHALL show the ranks (Leader, Trooper, etc.).', ''].join('\n')), ['etc. (open-ended)']);
    assert.deepEqual(found('model_spec.md', POLICY(['Replies should be polite enough that a user could forward them to a teacher, a doctor, or the like.', 'It should cite journals, books, or the like.'])), ['or the like (open-ended)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['If the connection closed gracefully, the endpoint MUST close the stream gracefully.', 'The endpoint MUST handle errors gracefully.'])), ['gracefully (vague)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['The offset SHOULD be taken from the immediate previous response.', 'The data required for checking duplicates can be limited by a counter below which all packets are immediately dropped.'])), []);
  });

  it('real specs: a parenthetical formula or a relative clause with a measure bounds the word; a vague one does not', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'System MUST accurately compute the hit rate (cache hits / all lookups) per region.',
      'System MUST accurately compute the eviction count (see the dashboard) per region.',
      'Developers MUST write thorough tests that cover at least 90% of the branches.',
      'Developers MUST write thorough tests that cover the branches.',
    ])), ['accurately (vague)', 'thorough (vague)']);
  });

  it('real specs: an open list in a prohibition is broad on purpose; in an obligation or defining a noun it is open', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'Workers MUST NOT bypass the queue using direct calls, cron jobs, or similar shortcuts.',
      'Workers MUST support direct calls, cron jobs, or similar triggers.',
      'Workers MUST NOT log personal data (names, addresses, etc.).',
    ])), ['or similar (open-ended)', 'etc. (open-ended)']);
  });

  it('real specs: evaluative classes with derived forms and "X-appropriate" compounds; precise compounds are not', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'System MUST show actionable hints and roll out schema changes gradually.',
      'System MUST pick region-appropriate defaults and size the pool in a load-appropriately way.',
      'System MUST use thread-safe queues and long-running workers.',
    ])), ['actionable (vague)', 'gradually (time)', 'region-appropriate (vague)', 'load-appropriately (vague)']);
    assert.deepEqual(found('model_spec.md', POLICY(['Answers should never be preachy.'])), ['preachy (vague)']);
  });

  it('IETF drafts get protocol examples in their questions, not service latencies', () => {
    const text = DRAFT(['A sender SHOULD periodically send a BLOCKED frame.']);
    assert.equal(domainOf(text, 'kramdown-rfc'), 'protocol');
    const [periodically] = hits('draft-x.md', text);
    assert.match(periodically!.question, /^How often must a sender send .*round trip/);
    assert.doesNotMatch(periodically!.question, /\bms\b|p95/);
  });
});

describe('clarity: questions [^am6c]', () => {
  it('builds the question from the phrase, the word it modifies and the sentence, and says why it fired', () => {
    const [message, summary] = hits('specs/001-u/spec.md', SPEC_KIT(['Rejected uploads MUST show a helpful message.', 'System MUST show a concise summary of each upload.']));
    assert.equal(message!.question, 'What must the message contain to count as helpful? State a criterion a reviewer can check (e.g. what it must contain or do, or a check a test could run).');
    // Forty-second round: a concise summary is bounded by its length, not by what it contains.
    assert.equal(summary!.question, 'How concise is “concise” for the summary? Give a length in characters, words or sentences (e.g. at most 80 characters, one sentence, no more than 50 words).');
    assert.match(message!.reason!, /^an evaluative adjective of quality with no bound of its own, in a requirement$/);
  });

  it('asks a policy spec for behaviour, not milliseconds', () => {
    const text = ['## Replies {#r authority=user}', '', 'The assistant should respond promptly. The assistant should ask the user first.', 'The assistant should keep the model focused.', ''].join('\n');
    assert.equal(domainOf(text), 'policy');
    const [promptly] = hits('spec.md', text);
    assert.match(promptly!.question, /^How soon must the assistant respond\?.*in the same reply/);
    assert.doesNotMatch(promptly!.question, /ms|millisecond/);
  });

  it('gives distinct questions to the same word in different sentences', () => {
    const questions = hits('specs/001-u/spec.md', SPEC_KIT(['Thumbnails MUST be generated quickly.', 'Album pages MUST load quickly.'])).map((h) => h.question);
    assert.equal(new Set(questions).size, 2, questions.join(' | '));
  });
});

describe('clarity: the LLM pass gets the same context and merges without duplicates [^am6c]', () => {
  const text = [
    '## Terminology {#t}',
    '',
    '**Hot lane**: the cached route.',
    '',
    '## Rules {#r authority=root}',
    '',
    'Requests must take the hot lane and use slow start. Replies must be sent quickly.',
    '',
  ].join('\n');

  it('sends each clause with the terms of art it uses (the document\'s and the built-in ones)', () => {
    const ws = memoryWorkspace({ 'spec.md': text });
    const rules = clausesForLlm(ws.model()).find((c) => c.id === 'r')!;
    assert.deepEqual(rules.terms, ['hot lane', 'slow start']);
    const [, user] = buildMessages(buildBatches([rules])[0]!);
    assert.match(user!.content, /<<<CLAUSE \w+ id="r" authority="root" terms="hot lane; slow start">>>/);
    assert.notEqual(cacheKey('m', 'x', 'root', rules.terms), cacheKey('m', 'x', 'root'));
  });

  it('drops an LLM finding on a phrase the offline pass already flags, keeps the others', () => {
    const ws = memoryWorkspace({ 'spec.md': text });
    const offline = ws.model().ambiguitiesOf('spec.md');
    assert.deepEqual(offline.map((h) => h.phrase), ['quickly']);
    const llm = (phrase: string, line: number, from: number): AmbiguityHit => ({
      category: 'llm',
      term: 'vague',
      phrase,
      range: { start: { line, character: from }, end: { line, character: from + phrase.length } },
      question: `What does “${phrase}” mean?`,
      severity: 'warning',
    });
    const sentQuickly = llm('sent quickly', 6, offline[0]!.range.start.character - 5);
    const requests = llm('Requests', 6, 0);
    ws.setLlmFindings('spec.md', [sentQuickly, requests]);
    assert.deepEqual(ws.model().ambiguitiesOf('spec.md').map((h) => `${h.category} ${h.phrase}`), ['vague quickly', 'llm Requests']);
  });
});

describe('clarity: answered nearby and word senses in a behaviour policy (issue 13, third round) [^am6c]', () => {
  it('a "without …ing" test settles a quality word; the bare word and "without delay" do not', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should give straightforward answers without resorting to false balance.', 'It should give straightforward answers.'])), ['straightforward (vague)']);
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should give a clear reply without a summary.'])), ['clear (vague)']);
  });

  it('"the best" under a stated constraint is answered; a "while ensuring" part does not define another word', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should give the best answer possible while adhering to the requested format.', 'It should give the best answer.'])), ['the best (comparative)']);
    assert.deepEqual(found('model_spec.md', POLICY(['Reasonable assumptions should be made, while ensuring that the user can correct them.'])), ['Reasonable (vague)']);
  });

  it('a proportion to a named measure is bounded; a proportion to goals is not', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['It should allocate attention proportionately to their level of support.', 'Each action should be proportionate to the objectives.'])), ['proportionate (vague)']);
  });

  it('examples right after the noun answer the word; the same noun without them does not', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should offer safer alternatives (for example, coping strategies).', 'It should offer safer alternatives.'])), ['safer (comparative)']);
    assert.deepEqual(found('model_spec.md', POLICY(['It should suggest appropriate resources, such as helplines.', 'It should suggest appropriate resources.'])), ['appropriate (vague)']);
  });

  it('"Similarly, …" repeats a word the sentence before settles; without it, or with another word, it is a finding', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['Removed content must be transparently indicated, specifying the kind of content removed. Similarly, added content must be transparently identified.'])), []);
    assert.deepEqual(found('model_spec.md', POLICY(['Removed content must be transparently indicated, specifying the kind of content removed. Added content must be transparently identified.'])), ['transparently (vague)']);
    assert.deepEqual(found('model_spec.md', POLICY(['Removed content must be indicated, specifying the kind of content removed. Similarly, added content must be transparently identified.'])), ['transparently (vague)']);
  });

  it('a summary earlier in the sentence is the baseline of "more detailed"; alone it asks "than what?"', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['It should summarize the key points up front and offer a more detailed trail on request.', 'It should offer a more detailed trail on request.'])), ['more detailed (comparative)']);
  });

  it('"a safe guess" is likely to be right; "a general best practice" is generic on purpose', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['If the intent is unclear, the assistant should make a safe guess.', 'It should give a safe answer.'])), ['safe (vague)']);
    assert.deepEqual(found('model_spec.md', POLICY(['It should give advice that is a general best practice.', 'It should follow best practices.'])), ['best practices (vague)']);
  });

  it('in a behaviour policy, "safe" asks which harms and to whom, and "trustworthy" what a user can rely on; software keeps threats', () => {
    const [safe, trustworthy] = hits('model_spec.md', POLICY(['The assistant should give a safe answer.', 'The sources the assistant cites should be trustworthy.', 'The assistant should ask first.']));
    assert.match(safe!.question, /^Safe with respect to which harms, and to whom\?.*physical harm/);
    assert.doesNotMatch(safe!.question, /threat|standard|OWASP|revealed/);
    assert.match(trustworthy!.question, /rely on/);
    const [secure] = hits('specs/001-u/spec.md', SPEC_KIT(['System MUST store tokens in a secure store.']));
    assert.match(secure!.question, /against which threats/);
  });
});

describe('clarity: a condition that names what its section is about (issue 13, third round) [^am6c]', () => {
  it('a description after the colon of a likeness ("sound like a colleague: …") describes the figure; without a likeness it is a finding', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should sound like a colleague, rather than a friend: interested and endeavoring to be helpful.', 'The assistant should sound professional: concise and endeavoring to be helpful.', 'The assistant should ask.'])), ['concise (vague)', 'helpful (vague)']);
  });

  it('"When a neutral stance is appropriate" under "Assume a neutral point of view" is answered by the section; another condition is not', () => {
    const text = ['## Assume a neutral point of view {#pov authority=guideline}', '', 'When a neutral stance is appropriate, the assistant should avoid loaded terms. When a table is appropriate, the assistant should use Markdown.', ''].join('\n');
    assert.deepEqual(found('model_spec.md', text), ['appropriate (vague)']);
    const [hit] = hits('model_spec.md', text);
    const line = text.split('\n')[2]!;
    assert.deepEqual([hit!.range.start.line, hit!.range.start.character], [2, line.lastIndexOf('appropriate')]);
  });
});

const KIRO = (criteria: string[]): string =>
  ['# Requirements Document', '', '## Requirements', '', '### Requirement 1', '', '#### Acceptance Criteria', '', ...criteria.map((c, i) => `${i + 1}. ${c}`), ''].join('\n');

describe('clarity: evidence for a finding across a section, permissions, edge cases, scales (issue 13, fourth round) [^am6c]', () => {
  it('a formula settles its word for the section and the same thing; another thing, or another section, is still asked', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'System MUST accurately compute the hit rate (cache hits / all lookups) per region.',
      'Dashboards MUST show accurate hit rate trends for every region.',
      'Logs MUST carry accurate timestamps.',
    ])), ['accurate (vague)']);
    const twoSections = ['# Feature Specification: Cache', '', '## Requirements', '', '### Metrics', '', '- **FR-001**: System MUST accurately compute the hit rate (cache hits / all lookups).', '',
      '### Dashboards', '', '- **FR-002**: Dashboards MUST show accurate hit rate trends.', ''].join('\n');
    assert.deepEqual(found('specs/001-x/spec.md', twoSections), ['accurate (vague)']);
  });

  it('a comparative in a MAY permission compares with the default; in an obligation, or an absolute word in a permission, it is asked', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Senders with adaptive timers MAY start with smaller initial timeouts to reduce latency.',
      'Senders MUST start with smaller initial timeouts.',
      'Senders MAY start with a small initial timeout.',
    ])), ['smaller (comparative)', 'small (vague)']);
  });

  it('an edge case asked and answered: the "when" part of the question is the condition; an unanswered question is not reviewed', () => {
    const text = ['# Feature Specification: Uploads', '', '### Edge Cases', '',
      '- What happens when an upload is unusually large? The system should reject it with an error code.',
      '- What happens when an upload is unusually slow?', ''].join('\n');
    assert.deepEqual(found('specs/001-x/spec.md', text), ['unusually large (vague)']);
  });

  it('named levels of a scale ("fast, normal, and slow", "from small to extra-large") are not findings; two qualities are', () => {
    assert.deepEqual(found('.kiro/specs/ui/requirements.md', KIRO([
      'WHEN the theme loads THEN the system SHALL define duration tokens for fast, normal, and slow transitions',
      'WHEN the theme loads THEN the system SHALL define a type scale from small to extra-large',
      'WHEN the theme loads THEN the system SHALL provide fast and reliable transitions',
    ])), ['fast (vague)', 'reliable (vague)']);
  });

  it('a labeled mitigation of a risk is a commitment; the risk\'s impact and unlabeled notes are not reviewed', () => {
    const text = ['# Feature Specification: Uploads', '', '## Risk Mitigation', '', '### Risk 1: Storage Growth', '',
      '- **Impact**: Disks fill up quickly on busy days', '- **Mitigation**: Purge old drafts regularly', '- Purge jobs can run slowly at night', ''].join('\n');
    assert.deepEqual(found('specs/001-x/spec.md', text), ['regularly (time)']);
  });

  it('in a behaviour policy a word after "related to" names a topic; in a software spec it selects what is tested', () => {
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should not help users hide purchases related to unsafe stunts.', 'The assistant should not encourage unsafe stunts.', 'The assistant should ask first.'])), ['unsafe (vague)']);
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT(['System MUST log errors related to large uploads.'])), ['large (vague)']);
  });

  it('a value in parentheses after the phrase answers it; a parenthetical with no number, or none, does not', () => {
    assert.deepEqual(found('.kiro/specs/jobs/requirements.md', KIRO([
      'WHEN many jobs are queued THEN the system SHALL handle large batches (hundreds of jobs) in one pass',
      'WHEN many jobs are queued THEN the system SHALL handle large batches in one pass',
      'WHEN many jobs are queued THEN the system SHALL handle large batches (per tenant) in one pass',
      // Fortieth round: "many" opening the condition asks its threshold (`countInCondition`), in every line.
    ])), ['many (quantity)', 'many (quantity)', 'large (vague)', 'many (quantity)', 'large (vague)']);
  });

  it('"responsive" before a layout noun is responsive web design; "a responsive UI" is a speed', () => {
    assert.deepEqual(found('.kiro/specs/ui/requirements.md', KIRO([
      'WHEN the grid is applied THEN the system SHALL support responsive layout adjustments',
      'WHEN a button is pressed THEN the system SHALL keep a responsive UI',
    ])), ['responsive (time)']);
  });

  it('a purpose "to maintain / to ensure …" motivates the requirement; the same word in what is required is asked', () => {
    assert.deepEqual(found('.kiro/specs/ui/requirements.md', KIRO([
      'WHEN the header is sticky THEN the system SHALL use an opaque background to maintain readability',
      'WHEN the header is sticky THEN the system SHALL keep the readability of the title',
    ])), ['readability (vague)']);
  });

  it('options in parentheses after the word say what it allows; examples in parentheses, or none, do not', () => {
    assert.deepEqual(found('.kiro/specs/jobs/requirements.md', KIRO([
      'WHEN a job is interrupted THEN the system SHALL handle it appropriately (retry or mark as failed)',
      'WHEN a job is interrupted THEN the system SHALL handle it appropriately (e.g. retry)',
      'WHEN a job is interrupted THEN the system SHALL handle it appropriately',
    ])), ['appropriately (vague)', 'appropriately (vague)']);
  });
});

describe('clarity: general evidence a finding needs (issue 13, fifth round) [^am6c]', () => {
  const POLICY_DOC = (body: string[]): string => ['## Rules {#rules authority=guideline}', '', 'The assistant should help the user. The assistant must answer.', '', ...body, ''].join('\n');
  const KEP = (body: string[]): string => ['# KEP-9: Cache', '', '## Proposal', '', ...body, ''].join('\n');

  it('an option the user sets names a label; the same adjective on anything else is asked', () => {
    const text = ['# Feature Specification: Checkout', '', '## User Scenarios & Testing', '', '### Acceptance Scenarios', '',
      '1. **Given** a shopper has quick checkout enabled, **When** they pay, **Then** the quick checkout page opens.',
      '2. **Given** a shopper pays, **When** the order is placed, **Then** the system shows a quick summary.', ''].join('\n');
    assert.deepEqual(found('specs/001-x/spec.md', text), ['quick (vague)']);
    assert.deepEqual(documentTerms('The user selects the fast shipping option.\n').slice(-1), ['fast shipping']);
  });

  it('"SHOULD be able to" requires a capability; a lowercase "should be able to" is a weak phrase', () => {
    assert.deepEqual(found('keps/9/README.md', KEP(['Receivers SHOULD be able to resume a transfer.', 'Receivers should be able to resume a transfer.'])), ['be able to (weak)']);
    // Ninth round: in an IETF draft only capitals are keywords (RFC 8174), so there the lowercase one is no requirement.
    assert.deepEqual(found('draft-x.md', DRAFT(['Receivers SHOULD be able to resume a transfer.', 'Receivers should be able to resume a transfer.'])), []);
  });

  it('an expectation ("there should be no …", "should expect …") is not a requirement; "should get" is', () => {
    assert.deepEqual(found('keps/9/README.md', KEP([
      'There should not be any large changes to the test coverage.',
      'Operators should expect negligible latency increases.',
      'Operators should get negligible latency increases.',
    ])), ['negligible (vague)']);
  });

  it('a lack of a quality names its absence; "without proper authorization" in a prohibition is asked', () => {
    assert.deepEqual(found('policy.md', POLICY_DOC([
      'The assistant should add a disclaimer noting a lack of proper credentials in the field.',
      'The assistant must not act without proper authorization.',
    ])), ['proper (vague)']);
  });

  it('a word before a bold term that the next sentence defines is answered; the same without the definition is asked', () => {
    assert.deepEqual(found('policy.md', POLICY_DOC([
      'To avoid surprises, the assistant must agree on a clear, shared **handoff plan** with the user before acting. This plan lists:',
      '',
      '- who acts next.',
      '',
      'The assistant must agree on a clear **handoff plan** with the user before acting.',
    ])), ['clear (vague)']);
  });

  it('in a behaviour policy a condition on what the user writes is the assistant\'s reading; a condition on the answer, or a software spec\'s, is asked', () => {
    assert.deepEqual(found('policy.md', POLICY_DOC([
      'If the user sends a short greeting, the assistant should reply in one line.',
      'If the answer is long, the assistant should add a summary.',
    ])), ['long (vague)']);
    assert.deepEqual(found('.kiro/specs/up/requirements.md', KIRO(['WHEN the user uploads an unusually large file THEN the system SHALL show a progress bar'])), ['unusually large (vague)']);
  });

  it('"proper" asks like "properly"; its terms of art (proper nouns, a proper subset) are not findings', () => {
    assert.deepEqual(found('.kiro/specs/ui/requirements.md', KIRO([
      'WHEN the panel renders THEN the system SHALL keep proper spacing between cards',
      'WHEN names are indexed THEN the system SHALL capitalise proper nouns',
    ])), ['proper (vague)']);
  });
});

describe('clarity: sixth round (issue 13)', () => {
  it('a word in the name of a flag names the flag; the same word on anything else is asked', () => {
    assert.deepEqual(found('.kiro/specs/session/requirements.md', KIRO([
      'WHEN the session cookie is issued THEN the server SHALL set the secure, sameSite and httpOnly flags',
      'WHEN the CLI runs in CI THEN the tool SHALL pass the verbose flag to the compiler',
      'WHEN the session cookie is issued THEN the server SHALL keep the flags in a secure store',
    ])), ['secure (vague)']);
  });

  it('a "so that … can" purpose is the motivation; a "so that" result without "can", and the main clause, are asked', () => {
    assert.deepEqual(found('specs/001-x/spec.md', ['# Feature Specification: Search', '', '## Requirements *(mandatory)*', '',
      '- **FR-001**: System MUST group results by store so that shoppers can compare prices easily.',
      '- **FR-002**: System MUST sort results so that the most relevant offers come first.',
      '- **FR-003**: System MUST load results quickly so that shoppers can compare prices.', ''].join('\n')), ['most relevant (comparative)', 'quickly (vague)']);
  });
});

describe('clarity: seventh round (issue 13)', () => {
  it('an evaluative adverb before a passive participle modifies the verb; "too" and "overly" still need an adjective', () => {
    const text = KIRO([
      'WHEN a record is shown THEN the system SHALL ensure that card numbers are adequately hidden',
      'WHEN a receipt is printed THEN card numbers SHALL be adequately hidden',
      'WHEN an export runs THEN the system SHALL keep the archive suitably compressed and reasonably small',
      'WHEN the list is shown THEN the system SHALL not show too many rows',
    ]);
    assert.deepEqual(found('.kiro/specs/records/requirements.md', text), ['adequately (vague)', 'adequately (vague)', 'suitably (vague)', 'reasonably small (vague)', 'too many (quantity)']);
    const q = hits('.kiro/specs/records/requirements.md', text)[1]!.question;
    assert.match(q, /to be hidden adequately\?/);
  });

  it('a judgement word in a clause only MAY governs is the implementation\'s choice; under MUST it is asked', () => {
    const draft = ['---', 'title: "Tokens"', 'docname: draft-x-tokens-00', '', '--- abstract', '', 'Tokens.', '', '--- middle', '', '# Redemption', '',
      'Servers MAY apply further checks to decide when a redemption attempt is considered reasonable.', '',
      'Servers MUST reject redemption attempts that are not reasonable.', ''].join('\n');
    assert.deepEqual(found('draft-x-tokens.md', draft), ['reasonable (vague)']);
  });

  it('a feature folder\'s name is a term of its spec: an evaluative word in it names the feature', () => {
    assert.deepEqual(featureNameTerms('.kiro/specs/quick-reply-panel/requirements.md'), ['quick reply', 'quick reply panel']);
    assert.deepEqual(featureNameTerms('specs/012-fast-uploads/spec.md'), ['fast uploads', 'fast upload']);
    assert.deepEqual(featureNameTerms('docs/fast-uploads.md'), []);
    assert.deepEqual(found('.kiro/specs/quick-reply-panel/requirements.md', KIRO([
      'WHEN a message arrives THEN the system SHALL show the quick reply panel under it',
      'WHEN the user opens the panel THEN the system SHALL offer quick suggestions',
    ])), ['quick (vague)']);
  });

  it('the manner of a verb of thinking is not asked; the manner of an act is', () => {
    assert.deepEqual(found('.kiro/specs/review/requirements.md', KIRO([
      'WHEN a change is proposed THEN the reviewer SHALL thoughtfully consider how it affects existing users',
      'WHEN a change is proposed THEN the reviewer SHALL thoroughly test it',
    ])), ['thoroughly (vague)']);
  });
});

describe('clarity: a noun the document uses is no adjective (issue 13)', () => {
  it('"prompt performance" in a spec about prompts is the performance of a prompt; "a prompt reply" elsewhere is asked', () => {
    // Found on a real Kiro spec of an AI product: "WHEN analyzing prompt performance" drew "What delay counts as prompt".
    assert.deepEqual(found('.kiro/specs/assistant/requirements.md', KIRO([
      'WHEN an answer is rated THEN the system SHALL store the rating with the versions of prompts used',
      'WHEN analyzing prompt performance THEN the system SHALL report the mean rating per prompt version',
      'WHEN a ticket is opened THEN the system SHALL send a prompt reply',
    ])), []);
    assert.deepEqual(found('.kiro/specs/tickets/requirements.md', KIRO([
      'WHEN a ticket is opened THEN the system SHALL send a prompt reply',
    ])), ['prompt (time)']);
  });
});

describe('clarity: seventh round, the sections that enclose an item (issue 13)', () => {
  const path = 'specs/007-billing/spec.md';

  it('an item under a subsection of a criteria section is a criterion, also when the subsection is a chunk of its own', () => {
    const text = ['# Billing', '', '## Acceptance Criteria', '', '### AC-1: Invoices', '', '- Customers can download invoices quickly', '', '## Notes', '', '### Background', '', '- Customers can download invoices quickly', ''].join('\n');
    assert.deepEqual(hits(path, text).map((h) => `${h.phrase}@${h.range.start.line + 1}`), ['quickly@7']);
    // Renaming the enclosing section re-reads the subsection (the enclosing titles are part of the chunk's cache key).
    const ws = memoryWorkspace({ [path]: text });
    assert.equal(ws.model().ambiguitiesOf(path).length, 1);
    ws.updateFile(path, text.replace('## Acceptance Criteria', '## Discussion'));
    assert.deepEqual(ws.model().ambiguitiesOf(path), []);
  });

  it('a bold label opening a paragraph is no "* " list item; a top-level title above the section is not the section', () => {
    assert.deepEqual(found('.kiro/specs/billing/requirements.md', ['# Requirements Document', '', '## Glossary', '', '- **Fast path**: the quick route through checkout', '',
      '## Requirements', '', '### Requirement 1: Invoices', '', '**User Story:** As a customer, I want quick access to invoices, so that I can pay them.', '',
      '#### Acceptance Criteria', '', '1. WHEN a customer opens an invoice THEN the system SHALL show it quickly', ''].join('\n')), ['quickly (vague)']);
    // A list right under a top-level "# Requirements" heading is still a list of requirements.
    assert.deepEqual(found(path, ['# Requirements', '', '- Customers can download invoices quickly', ''].join('\n')), ['quickly (vague)']);
  });
});

describe('clarity: eighth round (issue 13)', () => {
  it('a "for" adjunct of an activity after the requirement is its purpose; a target, a determiner or a condition first is asked', () => {
    assert.deepEqual(found('.kiro/specs/ledger/requirements.md', KIRO([
      'WHEN an entry is booked THEN the system SHALL keep the entry date in an indexed column for fast reconciliation',
      'WHEN a month closes THEN the system SHALL order the open entries for orderly archiving by account',
      'WHEN a ledger is shown THEN the system SHALL use a two-column layout for small screens',
      'WHEN a ledger is shown THEN the system SHALL offer a summary for a quick review of the totals',
      'WHEN a ledger is exported THEN the system SHALL produce fast reconciliation reports',
    ])), ['small (vague)', 'quick (vague)', 'fast (vague)']);
    // In a criterion without a keyword the requirement's words come first too; an adjunct that opens the item is its topic.
    assert.deepEqual(found('specs/008-ledger/spec.md', ['# Ledger', '', '## Success Criteria', '', '- Entry dates are kept in an indexed column for fast reconciliation', '- Fast reconciliation of a month takes one click', ''].join('\n')), ['Fast (vague)']);
  });

  it('a value the document quotes on its own ("Tier: Compact") is a name of the document; a quoted sentence or a code span is not', () => {
    const terms = documentTerms('Apply the filter "Tier: Compact" or "Large"; the cookie is `Secure`; the message "Upload is slow" appears.');
    assert.ok(terms.includes('compact') && terms.includes('large'), terms.join(','));
    assert.ok(!terms.includes('secure') && !terms.includes('slow'), terms.join(','));
    assert.deepEqual(found('specs/009-tiers/spec.md', SPEC_KIT([
      'When the "Tier: Compact" filter is applied the list MUST show only compact plans.',
      'The plan list MUST load fast.',
    ])), ['fast (vague)']);
    assert.deepEqual(found('specs/009-tiers/spec.md', SPEC_KIT([
      'The list MUST show only compact plans.',
    ])), ['compact (vague)']);
  });

  it('a class word after a modal and an adverb of focus or time is the verb ("MUST also clear"); after "be" it is asked', () => {
    assert.deepEqual(found('specs/008-ledger/spec.md', SPEC_KIT([
      'Closing a month MUST also clear the draft entries of that month.',
      'Reopening a month SHOULD then secure the archive copy with the ledger key.',
      'The month summary MUST also be clear about which entries were moved.',
    ])), ['clear (vague)']);
  });

  it('questions name the verb after the modal and a gerund subject ("How soon must resetting a password invalidate …")', () => {
    const questions = hits('specs/010-sessions/spec.md', SPEC_KIT([
      'Resetting a password MUST immediately invalidate all active login sessions.',
      'The assistant should carefully follow the chain of command.',
      'The system MUST allow a user to sign out, ending their session immediately.',
    ])).map((h) => h.question.split('?')[0]);
    assert.deepEqual(questions.slice(0, 2), [
      'How soon must resetting a password invalidate all active login sessions',
      'What does it take to follow the chain carefully',
    ]);
    // A participle after a comma is no subject (no modal follows it).
    assert.doesNotMatch(questions[2]!, /must ending/);
  });
});

describe('clarity: ninth round (issue 13)', () => {
  const KEP = (body: string[]): string => ['# KEP-77: Reconciler', '', '## Summary', '', 'A reconciler for cache entries.', '', ...body, ''].join('\n');

  it('a lowercase keyword in a section that discusses (motivation, alternatives, a question) is no requirement; capitals, goals and risks are', () => {
    assert.deepEqual(found('keps/77/README.md', KEP([
      '## Motivation', '',
      'The old loop should eventually be replaced, so operators should not see a major slowdown.', '',
      'The new loop MUST recover quickly after a restart.', '',
      '### Goals', '',
      '- Reconcile entries quickly', '',
      '## Proposal', '',
      'The reconciler must requeue failed entries promptly.', '',
      '### Risks and Mitigations', '',
      'Operators should take appropriate care when enabling the loop.', '',
      '- **Mitigation**: the reconciler must back off gradually', '',
      '## Alternatives', '',
      'A cron job would be simpler, but it should not hold a long-lived client.', '',
      '### How can a rollout fail?', '',
      'A rollout should be easy to undo.', '',
    ])), ['quickly (vague)', 'quickly (vague)', 'promptly (time)', 'appropriate (vague)', 'gradually (time)']);
  });

  it('a paragraph labeled as a reason ("**Why this priority**:") is no requirement; the requirement it explains is', () => {
    const spec = ['# Feature Specification: Tracker', '', '## User Scenarios & Testing *(mandatory)*', '', '### User Story 1 - Apply damage (Priority: P1)', '',
      'A game master applies damage to a participant.', '', '**Why this priority**: Damage is applied every round and must be fast.', '',
      '## Requirements *(mandatory)*', '', '### Functional Requirements', '', '- **FR-001**: Applying damage MUST be fast.', ''].join('\n');
    assert.deepEqual(hits('specs/012-tracker/spec.md', spec).map((h) => `${h.phrase}@${h.range.start.line + 1}`), ['fast@15']);
  });

  it('in an IETF draft only capitals are keywords (RFC 8174): a lowercase "should" is plain English there, not elsewhere', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Developers should be careful about when to retry a request.',
      '',
      'A nonce, which should be unique to each request, is sufficient.',
      '',
      'Endpoints SHOULD retry quickly.',
    ])), ['quickly (vague)']);
    // The same sentence in a spec-kit spec is a requirement.
    assert.deepEqual(found('specs/013-retry/spec.md', SPEC_KIT(['Clients should be careful about when to retry a request.'])), ['careful (vague)']);
  });

  it('a lowercase "should" whose subject is "we" is the authors\' plan; the system\'s "should" and a capital "We MUST" are requirements', () => {
    assert.deepEqual(found('keps/77/README.md', KEP([
      '## Proposal', '',
      'With the check at startup we should be able to confirm the version quickly.', '',
      'We should eventually settle on one backend.', '',
      'The controller should confirm the version quickly.', '',
      'We MUST confirm the version promptly.', '',
    ])), ['quickly (vague)', 'promptly (time)']);
  });

  it('an all-caps word amid ordinary words names a value or a level; a sentence all in capitals keeps its words', () => {
    assert.deepEqual(found('specs/014-scan/spec.md', SPEC_KIT([
      'Alert levels: URGENT and HIGH page the engineer on call.',
      'THE SCAN REPORT MUST BE CLEAR.',
      'The scan MUST finish quickly.',
    ])), ['CLEAR (vague)', 'quickly (vague)']);
  });
});

describe('clarity: application-protocol drafts (issue 13, real repositories)', () => {
  it('terms of art of cryptography and encodings, and "in the clear", are no findings; the plain words still are', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The nonce MUST come from a cryptographically secure random source.',
      'Identifiers MUST use the URL and filename safe alphabet.',
      'Session keys MUST NOT be written to logs that can be read in the',
      'clear.',
      'Each retry MUST carry a freshly generated token.',
      '',
      'The nonce MUST come from a secure source, and the error text MUST be clear.',
      'The server MUST issue cryptographically secure session tokens.',
    ])), ['secure (vague)', 'clear (vague)', 'secure (vague)']);
  });

  it('a term defined by a citation after its noun ("simple string comparison as defined in {{RFC3986}}") is a term of art', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Servers MUST match the URIs using simple string comparison as defined in {{RFC3986}}.',
      'Clients MUST match the URIs using simple string comparison as specified in RFC 3986.',
      '',
      'Servers MUST match the URIs using simple string comparison as defined by the operator.',
    ])), ['simple (vague)']);
  });

  it('a cross-reference after the noun the word modifies answers it; without one it is asked', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Servers MUST register codes in the appropriate IANA registry (see {{codes}}).',
      '',
      'Servers MUST register codes in the appropriate registry.',
    ])), ['appropriate (vague)']);
  });

  it('"for X reasons" gives a reason; "some other" is "a different"; "detailed in" is a participle; "sufficient to <verb>" states its test', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'It is RECOMMENDED, for usability reasons, that clients open a browser tab.',
      'A client MAY accept tokens from some other issuer than its own.',
      'The server MUST check each request against the criteria detailed in {{checks}}.',
      'The padding MUST be sufficient to prevent the length attacks of {{attacks}}.',
      '',
      'Clients SHOULD favour usability.',
      'The server MUST retry some requests.',
      'The error report MUST be detailed.',
      'The padding MUST be sufficient.',
    ])), ['usability (vague)', 'some (quantity)', 'detailed (vague)', 'sufficient (vague)']);
  });

  it('"shortly" is a time word (how soon), not a size; protocol examples are not only transport units', () => {
    const [h] = hits('draft-x.md', DRAFT(['The code MUST expire shortly after it is issued.']));
    assert.equal(h?.category, 'time');
    assert.match(h!.question, /How soon\?/);
    const [m] = hits('draft-x.md', DRAFT(['The client SHOULD request the minimal scope.', '', ...Array(12).fill('Each packet carries a frame; the peer acknowledges the packet after a round trip on the connection.')]));
    assert.match(m!.question, /128 bits/);
    assert.doesNotMatch(m!.question, /congestion window|1200 bytes, at most 2 packets/);
    // A noun of quality is asked how it is measured, not "What makes the clients usability?".
    const [u] = hits('draft-x.md', DRAFT(['Clients SHOULD favour usability.']));
    assert.equal(u?.question.startsWith('How is “usability” measured here, and what level is required?'), true);
  });
});

describe('clarity: feature specs of real repositories (issue 13)', () => {
  it('"fresh" before a thing made anew is "new"; before data it asks how recent', () => {
    assert.deepEqual(found('specs/020-x/spec.md', SPEC_KIT([
      'A user MUST be able to verify a fresh project install with one command.',
      'Fresh users MUST see the default catalog.',
      'The cache MUST hold fresh prices.',
    ])), ['fresh (time)']);
  });

  it('a count right after a word of recency selects by order; "responsible for" is a duty; "apply cleanly" is a term of art', () => {
    assert.deepEqual(found('specs/021-x/spec.md', SPEC_KIT([
      'The indexer MUST fetch every missed event, not only the recent 1000.',
      'The worker container is responsible for processing jobs.',
      'Migration files MUST apply cleanly.',
      'The cache MUST hold the recent entries.',
      'The service MUST be responsible.',
    ])), ['recent (time)', 'responsible (vague)']);
  });

  it('a verb joined by "and" to the modal\'s verb is no adjective ("… and clear stored credentials"); "and clear instructions" is', () => {
    assert.deepEqual(found('.kiro/specs/auth/requirements.md', [
      '# Requirements', '', '### Requirement 1', '', '#### Acceptance Criteria', '',
      '1. WHEN a session expires, THE Frontend SHALL redirect to the login page and clear stored credentials',
      '2. WHEN the user logs out, THE Frontend SHALL close the socket and clear the cache',
      '3. WHEN an upload fails, THE Frontend SHALL show a message and clear instructions',
      '4. IF an error occurs THEN THE Frontend SHALL display it with an icon and clear messaging',
      '',
    ].join('\n')), ['clear (vague)', 'clear (vague)']);
  });

  it('"so <someone> can …" states a purpose, with or without "that"; "so quickly that" still asks', () => {
    assert.deepEqual(found('specs/022-x/spec.md', SPEC_KIT([
      'System MUST fund a test wallet on startup so developers can immediately send transactions.',
      'System MUST respond so quickly that users never wait.',
    ])), ['quickly (vague)']);
  });
});

describe('clarity: tenth round, word roles inside requirement sentences (issue 13)', () => {
  it('an adjective form right before a determiner or an object pronoun is the verb; before a noun it still judges', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN the user signs out THEN the system SHALL revoke all grants and clear any stored drafts',
      'WHEN the wizard closes THEN the system SHALL show a clear summary and clean them up',
      'WHEN an export fails THEN the system SHALL state clear that the export failed',
    ])), ['clear (vague)', 'clear (vague)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['Relays MUST flush the queue and clear its entries.', 'Relays MUST send clear error codes.'])), ['clear (vague)']);
    // A code span between them is the noun: "a large `Pod` this field …" is no verb before "this". (Sixteenth round: "a
    // regular `Pod`", the test's first wording, is the ordinary kind, no frequency.)
    assert.deepEqual(found('specs/016-pods/spec.md', SPEC_KIT(['When used in a large `Pod` this field MUST be set.'])), ['large (vague)']);
  });

  it('"some or all" is a free choice of any part; "some" alone still asks how many', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'A relay MAY strip some or all of the hop headers before forwarding.',
      'Gateways SHOULD log all or some of the rejected requests.',
      'Gateways SHOULD log some of the rejected requests.',
    ])), ['some (quantity)']);
  });

  it('"zero or more" is a bound like "one or more"; "more" with no count still compares', () => {
    assert.deepEqual(found('.kiro/specs/pets/requirements.md', KIRO([
      'WHEN a pet is created THEN the system SHALL allow the owner to attach zero or more additional records',
      'WHEN a pet is created THEN the system SHALL allow the owner to attach more additional records',
    ])), ['more additional (comparative)']);
  });

  it('"how long", "how often" ask for a measured value; "how secure" (a quality) still judges', () => {
    assert.deepEqual(found('keps/78/README.md', ['# KEP-78: Queue metrics', '', '## Summary', '', 'Metrics for the queue.', '', '## Proposal', '',
      '- The `queue_wait_seconds` histogram MUST record how long each item waits before a worker takes it.',
      '- The `requeue_total` counter MUST count how often an item is requeued.',
      '- Workers MUST requeue failed items quickly.', ''].join('\n')), ['quickly (vague)']);
  });

  it('"arbitrarily many" is no limit at all; "so long as" is a condition, not a length', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'A broker MUST accept arbitrarily many subscribers per topic.',
      'A broker MAY batch notifications so long as each one arrives in order.',
      'A broker MUST keep many subscribers per topic.',
      'A broker MUST keep long subscriber lists.',
    ])), ['many (quantity)', 'long (vague)']);
  });

  it('a lowercase "should" with the evidence of a prediction (a reason, an inference, a belief) predicts; without it, or with MUST, it requires', () => {
    assert.deepEqual(found('keps/79/README.md', ['# KEP-79: Lease renewal', '', '## Summary', '', 'Leases renew themselves.', '', '## Proposal', '',
      'Upgrade should be trivial since old clients ignore the new field.', '',
      'We keep the metric names, so the change should be safe for dashboards.', '',
      'We believe the default budget should be sufficient.', '',
      'The renewal should be fast.', '',
      'The renewal MUST be fast because leases expire.', '',
      'The lease should be sufficient as a source of truth.', ''].join('\n')), ['fast (vague)', 'fast (vague)', 'sufficient (vague)']);
  });

  it('a modifier in a list that repeats its noun with classifiers names a kind; a list of judgements or of opposites still asks', () => {
    assert.deepEqual(found('specs/015-sched/spec.md', SPEC_KIT([
      'The scheduler MUST count init containers, sidecar containers, and regular containers.',
      'The report MUST include high coherence, medium coherence, and low coherence examples.',
      'The CI MUST provide fast builds and reliable builds.',
      'The layout MUST support small screens and large screens.',
      'When a client has an appropriate token and the token is stored, the client MUST send it.',
      'The agent MUST unmount attached disks and appropriate disk mounts.',
    ])), ['fast (vague)', 'reliable (vague)', 'small (vague)', 'large (vague)', 'appropriate (vague)', 'appropriate (vague)']);
  });

  it('the predicate of a question a verb of documenting asks is the answer to write; a verb that judges still asks', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN a cast is used THEN the System SHALL include a comment explaining why the cast is safe',
      'THE System SHALL document which plugins are acceptable for production builds',
      'THE System SHALL determine whether the answer is appropriate',
      'THE System SHALL explain why the build failed in clear language',
    ])), ['appropriate (vague)', 'clear (vague)']);
  });
});

describe('clarity: eleventh round, the verb-before-object rule (issue 13)', () => {
  it('an adjective form is the verb before an object opener, or joined by "and" to a modal\'s verb before a participle and its noun', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN a session expires THEN THE Frontend SHALL log the event and clear pending uploads',
      'WHEN a session expires THEN THE Frontend SHALL log the event and clear them',
      'WHEN a session expires THEN THE Frontend SHALL log the event and clear messaging',
      'WHEN a session expires THEN THE Frontend SHALL log the event, show a notice and clear instructions',
    ])), ['clear (vague)', 'clear (vague)']);
  });
});

describe('clarity: eleventh round, answered in place and word roles (issue 13, real repositories)', () => {
  it('"the larger of A or B" picks one of the things it names; "a larger buffer" still compares', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'A relay SHOULD set a timer of at least the larger of MAX_IDLE_TIMEOUT or PROBE_TIMEOUT.',
      '',
      'The nonce length MUST be the smaller of the two limits.',
      '',
      'A relay SHOULD keep a larger buffer for video tracks.',
    ])), ['larger (comparative)']);
  });

  it('a constant named in the noun phrase says which one ("the appropriate `NOT_SUPPORTED` error code"); a field name or no name is asked', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'A relay MUST reject it with the appropriate `NOT_SUPPORTED` error code.',
      '',
      'A relay MUST reject it with the correct error code `PROTOCOL_VIOLATION`.',
      '',
      'A relay MUST reject it with an appropriate error code.',
      '',
      'A relay MUST reply with the appropriate `Content-Type` header.',
    ])), ['appropriate (vague)', 'appropriate (vague)']);
  });

  it('a time word the next sentence bounds with a limit on the same thing is answered; an unrelated next sentence is not', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The authorization code MUST expire shortly after it is issued. A maximum authorization code lifetime of 10 minutes is RECOMMENDED.',
      '',
      'The refresh token MUST expire shortly after it is used. Logs of refresh tokens are kept for 30 days.',
      '',
      'The receiver SHOULD send feedback frames periodically. The sender MUST process a feedback frame within one round trip.',
    ])).map((f) => f.split(' ')[0]), ['shortly', 'periodically']);
  });

  it('"gracefully fall back to X" names the behaviour on failure; "handle errors gracefully" is asked', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The client SHOULD gracefully fallback to polling when the stream closes.',
      '',
      'The client SHOULD degrade gracefully to read-only mode when the store fails.',
      '',
      'The client SHOULD handle errors gracefully.',
    ])), ['gracefully (vague)']);
  });

  it('"some" as the subject of a condition is existential; "some" as an object still asks how many', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'A relay SHOULD set a timer in case some objects are still inbound.',
      '',
      'A relay MUST buffer some objects for late subscribers.',
    ])), ['some (quantity)']);
  });

  it('a time word in the object of a verb of documenting describes the thing documented; "update in real-time" and "document clear steps" are asked', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'THE System SHALL document the real-time cost calculation API endpoint including request and response formats',
      'THE System SHALL document the caching strategies used for real-time cost updates',
      'WHEN the user types THEN THE System SHALL update the totals in real-time',
      'THE System SHALL document clear steps for setup',
    ])), ['real-time (time)', 'clear (vague)']);
  });
});

describe('clarity: eleventh round, software specs of real repositories (issue 13)', () => {
  it('quoted wording in the noun phrase is the message itself; a message with no wording is asked', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN a user saves a duplicate code THEN the system SHALL reject it with a clear "code already in use" message',
      'WHEN a user saves a duplicate code THEN the system SHALL reject it with a clear message',
      'WHEN the service starts THEN the system SHALL show reasonable behavior "out of the box"',
    ])), ['clear (vague)', 'reasonable (vague)']);
  });

  it('"optionally" after a verb of permission or a modal of permission names whose choice it is; without one it is asked', () => {
    assert.deepEqual(found('specs/030-x/spec.md', SPEC_KIT([
      'System MUST allow the user to optionally add a description to a warband.',
      'Users can optionally attach a photo to a report.',
      'System MUST display participant HP as a number and, optionally, a bar showing the remaining health.',
    ])), ['optionally (weak)']);
  });

  it('a noun of quality that modifies a noun names a kind ("scalability tests"); the quality as the object is asked', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN the release is cut THEN the system SHALL pass the scalability tests',
      'WHEN the release is cut THEN the system SHALL ensure scalability across regions',
    ])), ['scalability (vague)']);
  });

  it('"several" in a scenario\'s condition step is existential like "some"; in its outcome step it is asked', () => {
    assert.deepEqual(found('openspec/specs/graph/spec.md', [
      '# Graph', '', '## Requirements', '### Requirement: Order', 'The CLI SHALL order artifacts.', '',
      '#### Scenario: Ready', '- **WHEN** several artifacts are ready at once', '- **THEN** the CLI SHALL list them in order', '',
      '#### Scenario: Batch', '- **WHEN** a batch is ready', '- **THEN** the CLI SHALL keep several artifacts', '',
    ].join('\n')), ['several (quantity)']);
    // An EARS criterion opens with WHEN as well; its outcome is asked.
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN crafting posts THEN the documentation SHALL include various lengths',
      'WHEN several uploads fail THEN the System SHALL show one summary',
    ])), ['various (quantity)']);
  });
});

describe('clarity: twelfth round, the parts of a requirement sentence (issue 13, set 5 tune half)', () => {

  it('"…, as if …, and stay within a reasonable duration": "and" + a verb goes on with the requirement, not the aside', () => {
    assert.deepEqual(found('spec.md', POLICY([
      'Responses should be emotive, as if they are spoken by a human, and stay within a reasonable duration for speech.',
      '',
      // A new subject after "and" stays in the aside.
      'The server should retry, as the link is slow, and a slow link drops packets.',
    ])), ['reasonable (vague)']);
  });

  it('"…, but should still respond in a natural way": a "but" part with its own keyword is a second requirement', () => {
    assert.deepEqual(found('spec.md', POLICY([
      'The assistant should not pretend to be human or have feelings, but should still respond to pleasantries in a natural way.',
      '',
      // A concession with no keyword of its own states nothing required.
      'The assistant should answer the question, but a natural pause is fine.',
    ])), ['natural (vague)']);
  });

  it('in a draft, a "but" part with an obligation is asked; with a permission ("but MAY …") it is not; TLS exporters are terms of art', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Clients MUST NOT use an early exporter during their 0-RTT flight, but MUST send an updated frame using a regular exporter after the handshake.',
      '',
      'This SHOULD be the most recent response, but MAY be from an older one as long as it is still fresh.',
      '',
      'Clients SHOULD retry once, but MUST back off for a reasonable time before it.',
    ])), ['reasonable (vague)']);
  });

  it('a noun phrase that points to where the document enumerates it ("some limited error cases discussed below") is answered', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The server MUST return the same response, except for some limited error cases discussed below.',
      '',
      'The server MUST reject some requests listed in {{errors}}.',
      '',
      'The server MUST reject some requests with a generic error.',
    ])), ['some (quantity)']);
  });

  it('in a draft, "fresh" as the object of a verb of making or getting is new; a bit "clear" is a value; a secure random number generator is a term', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Instead, it MUST generate a fresh ClientHelloOuter.random using a secure random number generator.',
      '',
      'Clients MUST handle the rejection as if it were a fresh connection.',
      '',
      'Servers SHOULD select from reserved values with the high-order bit clear.',
      '',
      'Clients MUST only use data that is fresh.',
    ])), ['fresh (time)']);
  });

  it('"gratuitous" judges degree; "gradual rollout" is a term of art, a "gradual migration" is asked', () => {
    assert.deepEqual(found('specs/031-x/spec.md', SPEC_KIT([
      'System MUST NOT show gratuitous warnings to returning users.',
      'System MUST implement a feature flag for gradual rollout.',
      'System MUST perform a gradual migration of stored records.',
    ])), ['gratuitous (vague)', 'gradual (time)']);
  });
});

describe('clarity: thirteenth round (issue 13, set 5 tune half)', () => {
  it('`[?](#section)`, the Model Spec\'s "see" marker, does not make a requirement a question; a real question is still none', () => {
    assert.deepEqual(found('model_spec.md', POLICY([
      'The assistant should not engage in gratuitous abuse toward individuals, unless explicitly instructed to do so (such as [?](#avoid_hateful_content)).',
      '',
      'Should the assistant engage in gratuitous abuse?',
      '',
      'Should the assistant [engage in gratuitous abuse?](#abuse)',
    ])), ['gratuitous (vague)']);
  });

  it('"In some other cases, such as …, the assistant should refuse": an opening condition naming its cases by a vague amount asks which cases', () => {
    const model = memoryWorkspace({ 'spec.md': POLICY([
      'In some other cases, such as when the user indicates illicit intent, the assistant should simply refuse to help.',
      '',
      'The assistant should refuse in some cases.',
      '',
      // Not a requirement, a permission, the rest of the cases, or a hedge of its own.
      'In some cases the user wants a summary.',
      '',
      'In other cases, the assistant should answer.',
      '',
      'In some cases, the assistant MAY close the conversation.',
    ]) });
    const hits = diagnosticsOf(model).filter((d) => d.code.startsWith('ambiguity.'));
    assert.deepEqual(hits.map((d) => d.range.start.line), [2, 4]);
    for (const d of hits) assert.match(d.message, /Which cases\? List them, or state the condition/);
  });

  it('"… a significant amount of their time (it is left to the implementation to choose …)": the words right before it are delegated', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The results SHOULD be expressed in an intuitive form and not commit the user to spend a significant amount of their time (it is left to the implementation to choose a suitable time-limit).',
      '',
      'The client SHOULD wait a significant amount of time; the choice is up to the implementer.',
      '',
      'The client SHOULD wait a significant amount of time before it is left to the user.',
    ])), ['intuitive (vague)', 'a significant amount of (quantity)']);
  });
});

describe('clarity: fourteenth round (issue 13, false alarms read on 89 real repositories outside the labeled sets)', () => {
  const ROOT = (body: string[]): string => ['# Spec {#root authority=root}', '', ...body.flatMap((b) => [b, ''])].join('\n');
  const questions = (path: string, text: string): string[] => hits(path, text).map((h) => h.question);

  it('"SHA-256 or better", "two interactions or fewer": a comparative after "or" that ends its phrase has its baseline before "or"', () => {
    assert.deepEqual(found('spec.md', ROOT([
      'All endpoints are RECOMMENDED to transition to SHA-256 or better.',
      '- **SC-004**: Users MUST narrow the list using the filters in two interactions or fewer.',
      '1. **Given** a catalog, **When** viewed at tablet-landscape width or larger, **Then** all filter controls are visible.',
      // A comparative before its noun, or two comparatives, name no baseline.
      'WHEN timeout errors occur THEN the system SHALL suggest alternative approaches or smaller file sizes.',
    ])), ['smaller (comparative)']);
  });

  it('the wording given right after a noun of text answers its quality: a friendly message "No items match."', () => {
    assert.deepEqual(found('spec.md', ROOT([
      'When search yields no results, the UI MUST show a friendly message "No items match your criteria."',
      '- **THEN** the error message SHALL contain the actionable sentence: "must contain SHALL or MUST in the body."',
      'When search yields no results, the UI MUST show a friendly message.',
    ])), ['friendly (vague)']);
  });

  it('terms of art and idioms: a major release, at a high level, high contrast modes, a clean slate, with high probability, a fresh random value', () => {
    assert.deepEqual(found('spec.md', ROOT([
      'Maintainers of the clients MUST include the change in a new major release.',
      'At a high level, the value MUST be in the form of a percentile.',
      '4. IF a user has visual impairments THEN the system SHALL support high contrast modes.',
      '2. **Given** a clean slate with no tests, **When** tests are recreated, **Then** they pass.',
      'The server MUST generate nonces unique to each message, with high probability.',
      'The epoch secret MUST be a fresh random value.',
      'The release MUST fix every major bug.',
    ])), ['major (vague)']);
  });

  it('a lowercase "should" after "we believe" or evidence ("calculations show that") predicts; it requires nothing', () => {
    assert.deepEqual(found('spec.md', ROOT([
      'We believe that the scalability limits should be enough for most of Job use-cases.',
      'The above calculations show that memory should almost never be exhausted.',
      'We assume that any custom logic should be implemented by changing the default if needed.',
      'Users should get a short summary of the change.',
    ])), ['short (vague)']);
  });

  it('an escape in what is only permitted (MAY) leaves nothing open; in an obligation it still asks', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'If desired, the AS MAY also generate and return an instance identifier.',
      'The header field MAY also include the standard "realm" parameter, if desired.',
      'The server MUST retry where possible.',
    ])), ['where possible (escape)']);
  });

  it('names, not qualities: "labelled as over or short", a namespaced "access:realtime", a fresh project or (nonce-0) account', () => {
    assert.deepEqual(found('spec.md', ROOT([
      '- **FR-017**: The system MUST display the difference, labelled as over or short.',
      '- **FR-048**: The marketplace MUST allow apps with permissions (read:profile, access:realtime, access:video).',
      '- SC-4: Migration steps MUST create required collections in a fresh Atlas project.',
      'The creator MUST compute the authorization message for a fresh (nonce-0) account.',
      '- **FR-049**: The dashboard MUST show realtime updates and fresh data.',
    ])), ['realtime (time)', 'fresh (time)']);
  });

  it('a stated test bounds it: "large enough <noun> to allow …", "sufficient entropy to ensure …", "a small margin, i.e. where …"', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'An endpoint SHOULD use a large enough packet number encoding to allow the packet number to be recovered.',
      'Data SHOULD be selected from a source with sufficient entropy to ensure uniqueness.',
      'Nodes SHOULD NOT admit a transaction within a small margin of expiry, i.e. where `slot >= LIMIT - m`.',
      'The wallet MUST immediately (i.e. before prompting the user) return the result.',
      'The server MUST keep sufficient entropy for later.',
      'The server MUST respond quickly, i.e. reasonably fast.',
    ])), ['sufficient (vague)', 'quickly (vague)', 'reasonably fast (time)']);
  });

  it('the judge is named ("the server considers acceptable", "acceptable according to its policy"), a permission ("it is acceptable to"), "effectively" as "in effect"', () => {
    assert.deepEqual(found('spec.md', ROOT([
      'The server MUST return a description of what types of contact URLs the server considers acceptable.',
      'The verifier MUST examine all included signatures until it finds one that is acceptable according to its policy.',
      'For instance, it is acceptable to generate Replay-Nonces randomly, and the server MUST do so.',
      'Otherwise, this option effectively becomes another "privileged" field and MUST be rejected.',
      'The kubelet MUST set the flag to true by default, effectively making cgroup v1 unsupported.',
      'Updating go minor versions MUST NOT change behaviour.',
      'The team MUST communicate effectively with users.',
      'The server MUST return an acceptable error.',
      '3. **Given** a developer reads the README, **When** they look for setup, **Then** they find clear prerequisites.',
    ])), ['effectively (vague)', 'acceptable (vague)', 'clear (vague)']);
  });

  it('"(It qualifies …)" quotes the verb as written, and a function word after a modal is no verb', () => {
    assert.deepEqual(questions('spec.md', ROOT([
      '- **FR-005**: The command handles missing files where possible.',
      'The server MUST with care log errors where possible.',
    ])).map((q) => /\(It qualifies “[^”]*”\.\)/.exec(q)?.[0] ?? '(none)'), ['(It qualifies “handles missing files”.)', '(none)']);
  });

  it('questions read the sentence: the base verb after "must", coordinated objects, a gerund before the noun, a passive, the subject after "that"', () => {
    const qs = questions('spec.md', ROOT([
      '- **FR-004**: The command handles missing files gracefully.',
      '3. WHEN the frontend receives API responses THEN the Frontend SHALL handle both success and error responses appropriately.',
      '1. WHEN a user visits the application, THE system SHALL present a clean onboarding wizard.',
      'A sender SHOULD ensure that other frames are sent periodically.',
      'We require that the summary should be short.',
      'The component must complete cleanly after the restart.',
    ]));
    assert.deepEqual(qs.map((q) => q.replace(/\?.*$/, '?')), [
      'What does it take to handle missing files gracefully?',
      'What does it take to handle both success and error responses appropriately?',
      'What makes the onboarding wizard clean?',
      'How often must other frames be sent?',
      'How short is “short” for the summary?',
      'What does it take to complete cleanly?',
    ]);
  });
});

describe('clarity: fifteenth round (issue 13: the look and feel a UI requirement asks for; false alarms read on spec-kit and Kiro specs outside the labeled sets)', () => {
  const ROOT = (body: string[]): string => ['# Spec {#root authority=root}', '', ...body.flatMap((b) => [b, ''])].join('\n');

  it('a look-and-feel adjective before a noun of design is a finding: soft warm tones, premium serif fonts, refined margins, soft-rounded corners', () => {
    assert.deepEqual(found('specs/004-ui/spec.md', ROOT([
      '- **FR-001**: The theme MUST use soft warm tones for the page chrome.',
      '- **FR-002**: Typography MUST use premium corporate serif fonts for page titles.',
      '- **FR-003**: Responses MUST render with refined margins and spacious, fluid container layouts.',
      '- **FR-004**: Buttons MUST use soft-rounded corners and a modern design.',
    ])), ['soft warm (vague)', 'premium (vague)', 'refined (vague)', 'spacious (vague)', 'soft-rounded (vague)', 'modern (vague)']);
  });

  it('the same words with their exact senses, or naming a design stated elsewhere, are not: a warm cache, soft delete, the premium plan, the exact same layout (modern browsers ask which browsers)', () => {
    assert.deepEqual(found('specs/005-x/spec.md', ROOT([
      '- **FR-001**: The service MUST keep a warm cache of the last 100 queries.',
      '- **FR-002**: Records MUST support soft delete.',
      '- **FR-003**: Users on the premium plan MUST see the export button.',
      '- **FR-004**: The app MUST run in modern browsers.',
      '- **FR-005**: Verification screens MUST inherit the exact same warm-minimalist layout and typography.',
      '- **FR-006**: The dashboard MUST use subtle animations.',
      '- **FR-007**: Replies MUST use a warm coaching tone.',
    ])), ['modern (vague)', 'subtle (vague)']);
    // No design question for the browsers (since the thirty-fourth session: which browsers and versions).
    assert.doesNotMatch(hits('specs/005-x/spec.md', ROOT(['- **FR-004**: The app MUST run in modern browsers.']))[0]?.question ?? '', /colour|font/);
  });

  it('"responsive" in web design (a layout that adapts to screens) is a technique, not a delay; "must remain responsive" still asks', () => {
    assert.deepEqual(found('specs/006-x/spec.md', ROOT([
      '- **FR-001**: All pages MUST be responsive and usable on screen widths from 320px to 1920px.',
      '- **FR-002**: The pricing page MUST use a responsive layout.',
      '2. THE Login_Page SHALL be responsive and work on mobile devices',
      '- **FR-003**: The UI MUST remain responsive while a merge runs.',
    ])), ['responsive (time)']);
  });

  it('window size classes and UI element names are terms: compact viewports, quick actions, clear space, clean architecture, a clean install', () => {
    assert.deepEqual(found('specs/007-x/spec.md', ROOT([
      '- **FR-001**: The filter panel MUST present as a bottom sheet on compact viewports.',
      '- **FR-002**: The form MUST reflow across compact, medium/expanded, and wide tiers.',
      '- **FR-003**: The homepage MUST show usage stats and quick actions.',
      '- **FR-004**: The screen MUST render the logo with its documented clear space.',
      '- **FR-005**: The module MUST follow clean architecture principles.',
      '- **FR-006**: Given a clean install, the CLI MUST create the config.',
      '- **FR-007**: The list MUST show a compact summary.',
    ])), ['compact (vague)']);
  });

  it('a state the document defines by its rule is its term: "treat … as stale" makes "stale" exact everywhere in it', () => {
    const body = ['- **FR-002**: The system MUST NOT automatically close a stale session.'];
    assert.deepEqual(found('specs/008-x/spec.md', ROOT(body)), ['stale (time)']);
    assert.deepEqual(found('specs/008-x/spec.md', ROOT([
      '- **FR-001**: The system MUST treat a session with no end time as open, and an open session whose start date precedes today as stale.',
      ...body,
    ])), []);
    assert.deepEqual(found('.kiro/specs/learn/requirements.md', ROOT(['5. WHEN content is flagged as potentially outdated, THE System SHALL display a warning to learners'])), []);
    assert.deepEqual(found('.kiro/specs/learn/requirements.md', ROOT(['5. WHEN content is outdated, THE System SHALL display a warning to learners'])), ['outdated (time)']);
  });

  it('Key Entities and Glossary items describe; an optional element is the user\'s choice; "gracefully" with its means is answered', () => {
    assert.deepEqual(found('specs/009-x/spec.md', [
      '# Feature Specification: X', '', '## Requirements', '', '### Key Entities', '',
      '- **Expert Match**: Represents a quick match between several experts and needs.', '',
      '### Functional Requirements', '',
      '- **FR-001**: Users MUST be able to create an option by selecting a facility (required), optionally selecting a warehouse.',
      '- **FR-002**: The config SHALL contain `profile`, and optionally `workflows` (array of workflow names).',
      '- **FR-003**: Titles over 100 characters MUST truncate gracefully with ellipsis.',
      '- **FR-004**: The view MUST gracefully degrade: show a message that offline use is limited.',
      '- **FR-005**: The system MUST handle agent failures gracefully.',
      '- **FR-006**: The documentation SHALL include various lengths (tweet-sized, LinkedIn post, Facebook post).',
      '- **FR-007**: The documentation SHALL include various lengths.',
      '- **FR-008**: The agent SHALL gracefully handle changes with varying artifact completeness.',
    ].join('\n')), ['gracefully (vague)', 'various (quantity)', 'gracefully (vague)']);
  });

  it('the things named before "or other <adjective>" are what it means: "`localStorage` or other insecure storage"', () => {
    assert.deepEqual(found('specs/010-x/spec.md', ROOT([
      '- **FR-001**: The client MUST NOT persist session tokens in `localStorage` or other insecure client-side storage.',
      '- **FR-002**: The client MUST NOT persist session tokens in insecure client-side storage.',
    ])), ['insecure (vague)']);
  });

  it('a person\'s "must be able to" is the usual functional requirement; enough credits are exact; "as normal" is an idiom', () => {
    assert.deepEqual(found('specs/011-x/spec.md', ROOT([
      '- [FEAT-001-AC015] Users must be able to authenticate using Google OAuth 2.0',
      '- **And** I should be able to configure fallback thresholds',
      '- **FR-001**: The system must be able to export reports.',
      '- **FR-002**: The client should be able to reconnect after a network failure.',
      '2. WHEN the user has sufficient credits THEN the System SHALL deduct credits and start AI generation',
      '3. THE pages SHALL render with sufficient contrast.',
      '4. WHEN no session is present THEN `getServerSession()` SHALL return `null` as normal.',
    ])), ['be able to (weak)', 'be able to (weak)', 'sufficient (vague)']);
  });

  it('options given as code, a file permission, "immediate" against "deferred", cookie attributes and a cash count are exact', () => {
    assert.deepEqual(found('specs/012-x/spec.md', ROOT([
      '- THEN the CLI MUST display the appropriate missing-state error (`[ERROR] No cluster-id` or `[ERROR] No nodepool-id`)',
      '- Backup files must be readable only by root and postgres user',
      '- **THEN** the command SHALL present deferred cleanup in a separate section from immediate removals',
      '- **FR-003**: The API MUST use secure HTTP-only cookies for session management.',
      '- **FR-004**: The summary MUST show whether the drawer is over, short, or exact.',
      '- **FR-005**: The system MUST give immediate feedback.',
    ])), ['immediate (time)']);
  });

  it('a message whose content is stated ("indicating no invoices found") answers what makes it appropriate', () => {
    assert.deepEqual(found('.kiro/specs/invoices/requirements.md', ROOT([
      '3. WHEN no invoices exist, THE Invoices_Agent SHALL return an appropriate message indicating no invoices found',
      '4. WHEN database errors occur, THE Invoices_Agent SHALL return a clear error message',
    ])), ['clear (vague)']);
  });

  it('a counted recency, a readable name against a raw code, "or otherwise unsafe" and a second verb of the modal are not asked', () => {
    assert.deepEqual(found('specs/013-x/spec.md', ROOT([
      '- **FR-003**: The dashboard MUST include a recent activity feed showing the most recent 5 items, each with a timestamp.',
      '- **FR-004**: The dashboard MUST include a recent activity feed.',
      '- **FR-005**: The fiscal location MUST be displayed by its readable description rather than a bare code.',
      '- **FR-007**: A checkpoint MUST NOT be positioned on moving, falling, or otherwise unsafe footing.',
      '- **FR-008**: System MUST invalidate tokens and clear session state.',
      '- **FR-009**: The dialog MUST be short and clear.',
      '- **FR-010**: The CLI MUST display results and clear errors.',
    ])), ['recent (time)', 'short (vague)', 'clear (vague)', 'clear (vague)']);
  });

  it('a control\'s title-case label, "make clear that" and a purpose of removal are not asked', () => {
    assert.deepEqual(found('specs/014-x/spec.md', ROOT([
      '- **AC-010**: Clear Filters button resets all active filters and returns full list.',
      '- **FR-001**: The screen MUST make clear that the remainder is due.',
      '- **FR-002**: The system SHALL implement artifact workflow commands in isolation for easy removal.',
      '- **FR-003**: The system SHALL show a clear summary.',
    ])), ['clear (vague)']);
  });

  it('asks for values a reviewer can check, not for behaviour', () => {
    const [q] = hits('specs/004-ui/spec.md', ROOT(['- **FR-001**: The dashboard MUST use subtle animations.'])).map((h) => h.question);
    assert.equal(q, 'What makes the animations subtle? Give values a reviewer can check (e.g. colour codes, font families and sizes, spacing and radii in px, animation durations and easing).');
  });
});

describe('clarity: sixteenth round (issue 13: false alarms read on KEPs, IETF drafts, spec-kit and Kiro specs outside the labeled sets)', () => {
  const KEP = (sections: [string, string[]][]): string =>
    ['# KEP-1234: Restart containers', '', '## Proposal', '', 'We restart containers.', '', ...sections.flatMap(([title, lines]) => [title, '', ...lines, ''])].join('\n');

  it('"regular" before a noun names the ordinary kind; it asks how often only of things done again and again', () => {
    assert.deepEqual(found('keps/sig-node/1234-x/README.md', KEP([['## Test Plan', [
      '- Sidecar failing before the regular container started and triggers a restart, all containers should be restarted.',
      '- Verify that all regular and sidecar containers are restarted.',
      '- Apply the same policy as for regular containers.',
      '- Run regular security audits.',
      '- Backups must be taken on a regular basis.',
      '- Updates must be regular.',
    ]]])), ['regular (time)', 'regular (time)', 'regular (time)']);
    assert.deepEqual(found('draft-x.md', DRAFT(['All pseudo-header fields MUST appear before regular header fields.', 'The server MUST return a regular 1-RTT response.'])), []);
    const [q] = hits('specs/001-x/spec.md', SPEC_KIT(['Backups MUST be taken on a regular basis.'])).map((h) => h.question);
    assert.match(q!, /^How often is “regular” for the Backups\?/);
  });

  it('a section titled by a question, or an item that opens with one, holds an answer (a KEP questionnaire), not criteria', () => {
    assert.deepEqual(found('keps/sig-x/1234-x/README.md', KEP([
      ['### Monitoring Requirements', [
        '* **What are the reasonable SLOs for the above SLIs?**',
        '  It is impossible to provide a comprehensive guidance, but at a high level those may be things like:',
      ]],
      ['###### How can someone using this feature know that it is working for their instance?', [
        '- Details: There are some situations today where exit codes are not returned correctly.',
      ]],
      ['### Goals', ['- Provide comprehensive guidance for operators.']],
    ])), ['comprehensive (vague)']);
    // A keyword in the answer still makes a requirement, as in an edge case.
    assert.deepEqual(found('specs/001-x/spec.md', ['# Feature Specification: X', '', '## Requirements', '',
      '- What happens when the upload is large? The system MUST show a clear message.', ''].join('\n')), ['large (vague)', 'clear (vague)']);
  });

  it('an approver\'s "should be able to" is a person\'s (the KEP template\'s PRR note)', () => {
    assert.deepEqual(found('keps/sig-x/1234-x/README.md', KEP([['### Graduation Criteria', [
      '- _For GA, this section is required: approvers should be able to confirm the previous answers based on experience in the field._',
      '- The controller should be able to resume after a restart.',
    ]]])), ['be able to (weak)']);
  });

  it('the appeal of content is judged: a compelling headline, impactful copy', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN a visitor lands on the homepage, THE Homepage SHALL display a compelling headline that states the core benefit',
      'THE Homepage SHALL use impactful copy for each feature',
    ])), ['compelling (vague)', 'impactful (vague)']);
  });

  it('"there are some …" and "despite some of …" say what exists; "must process some requests" still asks how many', () => {
    assert.deepEqual(found('keps/sig-apps/1234-x/README.md', KEP([['### Goals', [
      '- allow to continue Job execution despite some of its indexes failing,',
      '- Validate that the API is appropriate for users. There are some potential tunables.',
      '- Retry some of the failed indexes.',
    ]]])), ['appropriate (vague)', 'some (quantity)']);
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT(['There MUST be some tests for the parser.', 'The importer MUST process some records first.'])), ['some (quantity)', 'some (quantity)']);
  });

  it('a criterion\'s reason ("because …") and a keyword\'s reason without a comma are no part of what is required', () => {
    assert.deepEqual(found('keps/sig-storage/1234-x/README.md', KEP([['### Goals', [
      '* Requires user intervention to detect node shutdown, because currently there is no good way of detecting it.',
      '* Provide a good way of detecting node shutdown.',
    ]]])), ['good (vague)']);
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Status code 401 is NOT RECOMMENDED for this purpose because it requires a WWW-Authenticate with acceptable HTTP auth mechanisms.',
      'The proxy MUST retry because the network is unreliable, with a clear error message.',
    ])), ['clear (vague)']);
  });

  it('"it is clear that" states what is known; "freshly started" is newly; "for detailed work tracking" is a purpose', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The Welcome MUST NOT be sent to the joiner until it\'s clear that the Commit has been accepted.',
      'It MUST be clear to the user that the upload failed.',
      'When implementations are freshly started, they SHOULD use a new key.',
      'The client MUST show freshly fetched data.',
    ])), ['clear (vague)', 'freshly (time)']);
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN task checklists are needed, THE Tasks_Agent SHALL manage checklist items within tasks for detailed work tracking',
      'THE Tasks_Agent SHALL keep detailed work logs',
    ])), ['detailed (vague)']);
  });

  it('an amount in what is only permitted, a citation after "; see", long polling and stale responses are no findings', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'Clients MAY accept various configuration inputs from the user.',
      'A message MAY be fragmented across several records.',
      'Issuance protocols MAY define other parameters, some of which might be required.',
      'Clients MUST retry some requests.',
      'Implementors MAY allow some small leeway, usually no more than a few minutes, to account for clock skew.',
      'Relays MAY reject the subscription if too many disjoint filters are requested.',
      'The method MUST be safe; see {{Section 9.2.1 of RFC9110}}.',
      'The AS MAY make use of long polling mechanisms such as discussed in {{RFC6202}}.',
      'Stale responses SHOULD be revalidated as they normally would be.',
      'The method MUST be safe.',
    ])), ['some (quantity)', 'some (quantity)', 'small (vague)', 'a few (quantity)', 'too many (quantity)', 'safe (vague)']);
  });

  it('a call for care in a requirement names no behaviour: "care must be taken", "caution should be exercised", "err on the side of caution"', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The status code could leak the server\'s state; caution should be exercised to assure that it does not.',
      'With compression, care must be taken not to blindly decompress messages.',
      'Users MUST exercise caution before signing messages.',
      'The controller MUST take care of the retries.',
      'Endpoints MUST be able to deliver frames.',
      'Clients MUST use caution, checking the signature first.',
      'Since the check allows previously invalid values, care must be taken to support downgrades. To accomplish this, the server MUST keep the old validation for updates.',
    ])), ['caution should be exercised (weak)', 'care must be taken (weak)', 'exercise caution (weak)']);
    // In an RFC-style draft a lowercase "should" is no keyword (RFC 8174), but the call for care still names no
    // behaviour (seventeenth round: the reviewers marked it in a draft's security considerations).
    assert.deepEqual(found('draft-x.md', DRAFT(['Care should be taken not to decompress messages.', 'Care MUST be taken not to decompress messages.'])), ['Care should be taken (weak)', 'Care MUST be taken (weak)']);
    const [h] = hits('spec.md', '# Rules {#rules authority=root}\n\nIf there is uncertainty, the assistant should err on the side of caution.\n');
    assert.equal(h?.phrase, 'err on the side of caution');
    assert.match(h!.question, /^Which way is the cautious side here\?/);
    assert.deepEqual(found('spec.md', '# Rules {#rules authority=root}\n\nWhere goals are unclear, it should err on the side of caution, minimizing irreversible costs.\n'), []);
    // Outside a requirement it is advice: "Please use caution."
    assert.deepEqual(found('draft-x.md', DRAFT(['Please use caution when upgrading.'])), []);
  });

  it('Japanese and Chinese requirements are reviewed: vague, speed, amount, escape and open-ended wording by substring', () => {
    const JA = ['# 機能仕様: ジオリファレンス', '', '## Success Criteria', '',
      '- **SC-001**: 処理の各ステップで進捗が視覚的に確認でき、ユーザーが「処理が止まった」と感じない',
      '- **SC-002**: 出力された GeoTIFF が一般的な GIS ソフトウェア（QGIS など）で正常に開ける',
      '- **SC-003**: エラーの原因が`適切な`形式で表示される',
      '- **SC-004**: 例えば QGIS、ArcGIS など の形式で出力できる', ''].join('\n');
    assert.deepEqual(found('specs/001-geo/spec.md', JA), ['と感じ (vague)', '一般的な (vague)', 'など (open-ended)']);
    const ZH = ['# 功能规格：数据库查询', '', '## Requirements', '', '### Functional Requirements', '',
      '- **FR-001**：系统 MUST 拒绝执行非 SELECT 语句的 SQL，并显示明确的拒绝原因。',
      '- **FR-002**：SQL 语法校验结果在用户点击执行后 2 秒内反馈，非法语句立即被拒绝。',
      '- **FR-003**：系统 MUST 显示清晰的错误提示（如"连接失败：无法解析主机"）。',
      '- **FR-004**：系统 MUST 尽可能快速地加载元数据。', '',
      '## 背景', '', '系统会显示明确的拒绝原因。', ''].join('\n');
    assert.deepEqual(found('specs/001-db/spec.md', ZH), ['明确的 (vague)', '尽可能 (escape)', '快速 (time)']);
    const [h] = hits('specs/001-geo/spec.md', JA);
    assert.match(h!.question, /^How is the user’s impression \(“と感じ”, feels that\) checked\?/);
    assert.match(h!.reason ?? '', /^vague wording in Japanese \(“feels that”\) listed by clarifier, in /);
    // Not a requirement: a Japanese README paragraph with no keyword, criterion or obligation.
    assert.deepEqual(found('specs/002-x/spec.md', ['# 機能仕様: X', '', '## 概要', '', 'このツールは直感的で使いやすいです。', ''].join('\n')), []);
  });
});

describe('clarity: seventeenth round (issue 13: bounds of another dimension, calls for care, parentheses)', () => {
  it('a number of no dimension of the word does not answer it: steps are no measure of "proper", seconds none of "compelling"', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The console MUST show proper date handling in steps 4 and 19.',
      'The page MUST show a compelling headline that communicates the benefit within 3 seconds.',
      'The suite MUST include comprehensive tests that achieve at least 80% coverage.',
    ])), ['proper (vague)', 'compelling (vague)']);
  });

  it('a call for care with its own modal asks what to do, also where a lowercase "should" is no BCP 14 keyword', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The use of this status code could leak information; caution should be exercised to assure that it does not.',
      'Care should be taken to prevent the disclosure of this information.',
      'Implementations exercise caution here.',
    ])), ['caution should be exercised (weak)', 'Care should be taken (weak)']);
  });

  it('a parenthesis restating the requirement (an article or a gerund opens it) is reviewed; an aside or an example is not', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The system MUST enforce a maximum size per photo (a sensible default set during planning).',
      'Responses MUST stay within a fixed duration (avoiding excessive elaboration).',
      'The proxy MUST accept a hostname (as often used to describe classic proxies).',
      'The system MUST cap uploads (e.g. a reasonable size).',
      'The field must not overflow JSON parsers (an unsigned type is avoided as we want a detailed validation error).',
      'Operators must choose between protecting the node (a low node limit that starves infrastructure pods) or not.',
    ])), ['sensible (vague)', 'excessive (vague)']);
  });

  it('an opening "for … to …" is the purpose, a hedged "it should be fairly simple" an estimate, "the interval at which" names the interval', () => {
    const KEP = (lines: string[]): string => ['# KEP-1: X', '', '## Proposal', '', 'We do X.', '', '## Design Details', '', ...lines.flatMap((l) => [l, '']), ''].join('\n');
    assert.deepEqual(found('keps/sig-node/1-x/README.md', KEP([
      'For the feature to be fully effective, both the control plane and Kubelets must be upgraded to this version.',
      'For each request, the server must send a clear error.',
      'It should be fairly simple to add.',
      'It should be simple to configure.',
      'This field allows a CSI driver to specify the interval at which the Kubelet should periodically query the endpoint.',
      'The Kubelet should periodically query the endpoint.',
    ])), ['clear (vague)', 'simple (vague)', 'periodically (time)']);
  });

  it('a vague word of the lexicon: a number answers only its own dimension; a name (capitalised, a term of art) is none; a means answers "properly"', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The system MUST respond to user messages within 3 seconds under normal load.',
      'Color contrast MUST meet WCAG AA (4.5:1 for normal text, 3:1 for large text).',
      'The keys MUST be valid resource names like CPU, memory, or huge pages.',
      'If the Object Status is not Normal (0x0), the endpoint MUST close the session.',
      'A test MUST confirm that rotation works properly by continuing to establish connections for 20 minutes.',
      'A test MUST confirm that rotation works properly.',
    ])), ['normal (vague)', 'properly (vague)']);
  });

  it('an amount with its bound or test after its noun is answered; "if possible" answered by the next sentence', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'An endpoint SHOULD allow for tracking a number of RETIRE_CONNECTION_ID frames of at least twice the value of the limit.',
      'Servers SHOULD avoid setting a large number of big cookies such that the cookie-string would exceed their limit.',
      'Servers SHOULD avoid setting a large number of cookies.',
      'A server SHOULD include the field in this response if possible. This might not be possible if intermediaries enforce limits.',
      'A server SHOULD include the header field if possible.',
    ])), ['a large number of (quantity)', 'if possible (escape)']);
  });

  it('a "high-"/"low-" level of worth is judged: high-value documentation; the noun alone names none', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'THE Documentation_System SHALL prioritize high-value documentation for early migration',
      'THE System SHALL store the value of the field',
    ])), ['high-value (vague)']);
  });

  it('the wording itself, quoted in parentheses, answers what the text must say', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The welcome screen MUST show a brief introduction ("Welcome! Let\'s set up your profile.").',
      'The welcome screen MUST show a brief introduction.',
      'UUIDs MUST have a low likelihood of collision ("unique").',
    ])), ['brief (vague)', 'low (vague)']);
  });
});

describe('clarity: eighteenth round (issue 13: what exists, what was found, what to think about, what the parenthesis governs)', () => {
  const KEP = (lines: string[]): string => ['# KEP-1: X', '', '## Motivation', '', 'We do X.', '', '## Graduation Criteria', '', ...lines.flatMap((l) => [l, '']), ''].join('\n');

  it('an adjective that names an existing thing ("today\'s plain placeholder", "the existing readable typeface") sets no bar', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The home screen MUST be rebuilt in place of today\'s plain welcome placeholder.',
      'Body text MUST continue to use the existing readable body typeface.',
      'The command MUST return the existing actionable missing-change error.',
      'The home screen MUST show a plain welcome message.',
    ])), ['plain (vague)']);
  });

  it('a past "was"/"were" with no keyword reports what was found; a keyword before it still requires', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The maintainers confirmed that the `expirationSeconds` field was sufficient for their use case.',
      'The maintainers MUST confirm that the field was sufficient for their use case.',
      'The field MUST be sufficient for their use case.',
    ])), ['sufficient (vague)', 'sufficient (vague)']);
  });

  it('"most" before an adverb grades it ("the policy that was most recently committed"); "most users" is an amount', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The service MUST apply the policy that was most recently committed to the log.',
      'The service MUST notify most users of the change.',
    ])), ['most (quantity)']);
  });

  it('an adjective between a determiner and the verb is the noun ("the current instant is …"); "is instant" is judged', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'WHEN the clock is frozen THEN the current instant is `2026-07-14T16:30:00.000Z` and the page MUST show it.',
      'The response MUST be instant.',
    ])), ['instant (time)']);
  });

  it('"effective" before a value or a setting is the one in force; before other nouns, or as a predicate, it judges', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      'The library MUST compute the effective pod resource requests.',
      'The update command MUST report effective artifact behavior when intent differs.',
      'The team MUST run effective marketing campaigns.',
      'The plan MUST be effective.',
    ])), ['effective (vague)', 'effective (vague)']);
  });

  it('a checked milestone of graduation criteria is a record; an unchecked one, and a checked one elsewhere, are reviewed', () => {
    const text = ['# KEP-1: X', '', '## Motivation', '', 'We do X.', '', '### Graduation Criteria', '', '#### Alpha -> Beta Graduation', '',
      '- [x] No major bugs reported in the previous cycle', '- [X] Ensure proper unit tests are in place.', '- [ ] Ensure proper e2e tests are in place.', '',
      '### Test Plan', '', '- [x] Ensure proper unit tests are in place.', ''].join('\n');
    assert.deepEqual(found('keps/sig-node/1-x/README.md', text), ['proper (vague)', 'proper (vague)']);
  });

  it('a sentence that asks to consider or explore names what to think about, not a result', () => {
    assert.deepEqual(found('keps/sig-node/1-x/README.md', KEP([
      '- Consider various kinds of alternative ordering or dependency tracking of the responders.',
      '- Support various kinds of alternative ordering.',
    ])), ['various (quantity)']);
  });

  it('"for" + a comparative of quality is the motivation; of size it names the target', () => {
    assert.deepEqual(found('keps/sig-node/1-x/README.md', KEP([
      'Tooling MUST optimize its queries, and it MAY opt into using one of the hint annotations for better interoperability.',
      'The layout MUST use a single column for smaller screens.',
      'The controller MUST produce better results.',
    ])), ['smaller (comparative)', 'better (comparative)']);
  });

  it('a keyword in a parenthesis governs the parenthesis, not the sentence around it; "(required)" annotates what it follows', () => {
    assert.deepEqual(found('keps/sig-node/1-x/README.md', KEP([
      'In the second case the number of NUMA nodes is larger (meaning that the first case should always be preferred).',
      'The cache is large (the controller should evict old entries first).',
      'The controller (as described above) must respond quickly.',
    ])), ['quickly (vague)']);
  });

  it('the same word and noun repeated after a cross-reference answered them ("the normal requirements … (see …). … the normal requirements")', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'The outer JWS MUST meet the normal requirements for an ACME JWS request body (see {{request-authentication}}). The inner JWS MUST meet the normal requirements, with the following differences.',
      '',
      'The token MUST meet the normal requirements.',
    ])), ['normal (vague)']);
  });

  it('a comparative whose baseline the paragraph stated ("larger than 2^62-1 … a larger stream ID") or cited ("as described in …") is answered; "unsafe methods" is a term of art', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'It is not possible to encode stream IDs larger than 2^62-1. Receipt of a frame that encodes a larger stream ID MUST be treated as a connection error.',
      '',
      'A frame that encodes a larger stream ID MUST be treated as a connection error.',
      '',
      'Clients MUST NOT send unsafe methods in early data.',
      '',
      'The timer SHOULD be set as described in {{Section 6.2.1 of QUIC-RECOVERY}} and MUST NOT be more aggressive.',
      '',
      'The timer MUST NOT be more aggressive.',
    ])), ['larger (comparative)', 'more aggressive (comparative)']);
  });

  it('"natural language" is a term of art; a name ending the phrase is its noun; "we" is no noun to ask about', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN analyzing a work item, THE Generator SHALL identify user stories using natural language processing patterns',
      'THE Generator SHALL produce natural summaries',
    ])), ['natural (vague)']);
    const q = hits('specs/001-x/spec.md', SPEC_KIT(['The page MUST render clear LaTeX with the Markdown.']));
    assert.match(q[0]!.question, /LaTeX/);
    const r = hits('keps/sig-node/1-x/README.md', KEP([
      '* *Mitigation:* we prioritize rapid out-of-tree ecosystem adoption over uniformity.',
      '* *Mitigation:* we must be careful.',
    ]));
    assert.deepEqual(r.map((h) => h.question.split('?')[0]), ['What delay counts as “rapid” for the ecosystem adoption', 'What makes it careful']);
  });
});

/** The questions of a spec-kit spec's requirements, up to their "?" (the nineteenth and twentieth rounds). */
const q = (lines: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(lines)).map((h) => h.question.split('?')[0]!);

describe('clarity: nineteenth round (issue 13: questions that name the right thing, set 6)', () => {

  it('a parenthesis is passed whole when the question looks for the subject or the verb', () => {
    assert.deepEqual(q([
      '- **FR-001**: Empty states (no events, no organizer requests, no waitlist entries) must be informative.',
      '- **FR-002**: Applying damage takes under 2 seconds total (click/tap input, enter value, confirm) and updates the UI immediately.',
    ]), ['What makes the Empty states informative', 'How soon must it update the UI']);
    assert.deepEqual(q([
      '- **FR-003**: Platform-gated conditional dependencies (e.g., `windows-sys`) are acceptable.',
      '- **FR-004**: The worker SHALL cache static assets (icons, CSS, JS bundles); the status page should be informative.',
      '- **FR-005**: The page MUST include a brief example showing the output.',
    ]), ['What makes the Platform-gated conditional dependencies acceptable', 'What makes the status page informative', 'How brief is “brief” for the example']);
    // The word itself is never part of the subject it asks about; a clause of "while" + gerund has the main subject; a
    // name opening the sentence keeps its capital.
    assert.deepEqual(q([
      '- **FR-006**: When no suitable Service exists, the CLI MUST fall back to the pod.',
      '- **FR-007**: The assistant must respect creators, their work, and their rights --- while striving to be helpful to users.',
      '- **FR-008**: Kubernetes clusters MUST be reliable.',
      '- **FR-009**: Profile updates MUST be reflected immediately; the profile page shows them.',
      '- **FR-010**: In other words, the kubelet MUST reduce CPU usage by reducing frequent polling of the container statuses.',
      '- **FR-011**: For each request, the server MUST respond quickly.',
      // (With "after user interactions" and "reflect" the stale counts are those from before the change: no question, the
      // forty-fifth session's `staleOfChange`.)
      '- **FR-012**: The badge MUST never show stale counts.',
    ]), ['What makes the Service suitable', 'What makes the assistant helpful', 'What makes the Kubernetes clusters reliable', 'How soon must profile updates be reflected',
      'How often is “frequent” for the polling', 'How soon must the server respond', 'How old must the counts be to count as stale']);
  });

  it('a gerund ends a compound noun ("comprehensive error handling"); "keep X fresh" asks about X', () => {
    assert.deepEqual(q([
      '- **FR-001**: All financial operations must have comprehensive error handling.',
      '- **FR-002**: The system MUST keep the session data fresh.',
    ]), ['What makes the error handling comprehensive', 'How recent must the session data be to count as fresh']);
  });

  it('"stale" and "outdated" ask from what age; a comparative\'s example fits its dimension', () => {
    const all = hits('specs/001-x/spec.md', SPEC_KIT([
      '- **FR-001**: The cache MUST NOT serve stale entries.',
      '- **FR-002**: Search results MUST load faster.',
      '- **FR-003**: The summary MUST be shorter.',
    ])).map((h) => h.question);
    assert.match(all[0]!, /^How old must the entries be to count as stale\? Give the age from which it does \(e\.g\. older than 5 minutes/);
    assert.match(all[1]!, /^Faster than what, and by how much\? Name the baseline for the Search results .*30% faster/);
    assert.match(all[2]!, /^Shorter than what, .*200 characters/);
    assert.ok(all.every((x) => !x.includes('20% fewer than the current release')));
  });

  it('a lifetime or a lock-out with no number ("short-lived", "temporarily lock", "multiple failed login attempts"); "multiple times", "temporarily exceed" and "temporarily unavailable" are not asked', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN a user logs in THEN the system SHALL issue a short-lived access token and a longer-lived refresh token',
      'WHEN a user makes multiple failed login attempts, THE Auth_System SHALL temporarily lock the account',
      'THE seed script SHALL be safe to run multiple times',
      'THE sender MAY temporarily exceed the advertised limit',
      'WHEN the backend is down THE system SHALL answer 503 with a temporarily unavailable message',
      'THE system SHALL issue access tokens that expire after 15 minutes',
    ])), ['short-lived (time)', 'longer-lived (time)', 'multiple failed login attempts (quantity)', 'temporarily lock (time)']);
  });

  it('readiness named by a label ("internationalization-ready copy", "production-ready") asks for its checklist', () => {
    assert.deepEqual(found('specs/001-x/spec.md', SPEC_KIT([
      '- **FR-001**: The onboarding copy MUST be internationalization-ready.',
      '- **FR-002**: The service MUST be production-ready before launch.',
    ])), ['internationalization-ready (vague)', 'production-ready (vague)']);
  });

  it('"clear" as the verb (after a verb of undoing with a determined object, after "doesn\'t" or "needs to") or a clear button is no judgement; "a message and clear instructions" is', () => {
    assert.deepEqual(found('.kiro/specs/a/requirements.md', KIRO([
      'WHEN a user logs out, THE Authentication_System SHALL invalidate all tokens and clear session cookies',
      'WHEN the pod is bound THE System SHALL log an event because the scheduler doesn\'t clear NominatedNodeName',
      'WHEN the cache is full THE admin SHALL need to clear caches nightly',
      'THE search field SHALL show a clear button to reset the selection',
      'THE System SHALL display a message and clear instructions',
      'THE System SHALL show the result and clear errors',
    ])), ['clear (vague)', 'clear (vague)']);
  });

  it('Chinese: an eye-catching colour and a larger area with nothing to compare with are asked', () => {
    const z = hits('.kiro/specs/ui/requirements.md', KIRO([
      'WHEN 输入面板显示 THEN UI 系统 SHALL 使用更大的文本输入区域提高可用性',
      'WHEN 解析按钮显示 THEN UI 系统 SHALL 使用醒目的主色调和图标',
    ]));
    assert.deepEqual(z.map((h) => h.question.split('?')[0]), ['Larger than what (“更大的”), and by how much', 'What counts as “醒目的” (eye-catching) here']);
  });

  it('read on KEPs: a comparison "when compared to" its baseline is answered; semver\'s "major and minor releases", RFC 4648\'s "URL safe", "graceful node shutdown" and "a high level design" are terms', () => {
    const KEP = ['# KEP-1: X', '', '## Proposal', ''];
    assert.deepEqual(found('keps/sig-x/1-x/README.md', [...KEP,
      'Versioning used by providers SHOULD track the major and minor releases of Kubernetes.', '',
      'The ID MUST use the URL safe encoding of RFC4648.', '',
      'An external solution SHOULD be more beneficial to the community when compared to forcing a closed list.', '',
      'The kubelet MUST add the condition in case of eviction due to graceful node shutdown.', '',
      'The docs MUST include a high level design.', '',
      'The kubelet MUST be more efficient.', ''].join('\n')), ['more efficient (comparative)']);
  });

  it('read on IETF drafts: what a profile defines or a party determines is its object; a size judged right after the paragraph\'s numeric limit is answered', () => {
    assert.deepEqual(found('draft-x.md', DRAFT([
      'An application protocol that uses QUIC MUST include a profile that defines acceptable use of 0-RTT.',
      '',
      'The holder MUST be able to determine the appropriate algorithm to use.',
      '',
      'The server MUST use an appropriate algorithm.',
      '',
      'The previous Type value plus the Delta Type MUST NOT be greater than 2^64 - 1. If a Delta Type is received that would be too large, the Session MUST be closed.',
      '',
      'Endpoints that receive a long header with a value larger than 20 MUST drop the packet. Servers SHOULD be able to read longer connection IDs.',
      '',
      'If a Delta Type is received that would be too large, the Session MUST be closed.',
      '',
      'If TLS is not available, the authorization server SHOULD warn the resource owner about the insecure endpoint.',
      '',
      'The server SHOULD warn the resource owner about the insecure endpoint.',
      '',
      'OAuth authorization servers redirect users to other websites, but MUST do so safely.',
      '',
      'The working group MUST define a minimal API and establish a secure session.',
    ])), ['appropriate (vague)', 'too large (vague)', 'insecure (vague)', 'safely (vague)', 'minimal (vague)', 'secure (vague)']);
  });
});

describe('clarity: twentieth round (issue 13: questions about the right words)', () => {

  it('a participle that modifies the object is not the verb; the verb before it is', () => {
    // rfc9000's "the more important it is to send an updated ACK frame quickly" asked "How soon must it updated ACK frame".
    assert.deepEqual(q([
      '- **FR-001**: The client MUST send an updated ACK frame quickly.',
      '- **FR-002**: Controllers must remove any configuration generated by the granted access as soon as possible.',
    ]), ['How soon must the client send an updated ACK frame', "What is the deadline"]);
    assert.match(hits('specs/001-x/spec.md', SPEC_KIT(['- **FR-002**: Controllers must remove any configuration generated by the granted access as soon as possible.']))[0]!.question, /It qualifies “remove any configuration”/);
  });

  it('words after a code span are tagged: the noun a word modifies is found past `…` (a KEP\'s benchmark)', () => {
    // The prose masks a code span with blanks; the tagger's alignment skipped every word after a gap of 40 blanks, so
    // "large" had no noun and the question named the sentence's subject.
    assert.deepEqual(q([
      '- **FR-001**: The improvement MUST be visible by benchmark of `scheduler_framework_extension_point_duration_seconds{extension_point="Filter"}` in a large cluster.',
    ]), ['How large is “large” for the cluster']);
  });

  it('a clause with its own subject ("where preemption …") asks about that subject; a noun of kind keeps its "of"', () => {
    assert.deepEqual(q([
      '- **FR-001**: Benchmarks MUST run in a cluster where preemption is expected to happen frequently.',
      '- **FR-002**: The suite MUST add more rigorous forms of testing.',
      '- **FR-003**: The API MUST expose a minimal set of fields.',
    ]), ['How often must preemption happen', 'More rigorous than what, and by how much', 'How minimal is “minimal” for the set of fields']);
    assert.match(hits('specs/001-x/spec.md', SPEC_KIT(['- **FR-002**: The suite MUST add more rigorous forms of testing.']))[0]!.question, /baseline for the forms of testing/);
  });

  it('an adjective after its noun, with its complement, asks about that noun; not one after a preposition\'s object', () => {
    assert.deepEqual(q([
      '- **FR-001**: Deployments SHOULD use certificate lifetimes appropriate to the workload environment.',
      '- **FR-002**: The system MUST use storage mechanisms appropriate for the platform.',
      '- **FR-003**: The suite MUST add a test exercising all endpoints on Ingress suitable for promotion.',
    ]), ['What certificate lifetimes count as “appropriate”', 'What makes the storage mechanisms appropriate', 'What makes the suite suitable']);
  });
});

describe('clarity: twentieth round (issue 13: false alarms read out of sample, on 37 repositories new to the project)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());

  it('a list the sentence leads in names what "some" counts; a quality named as the motive of a bound asks nothing', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'YAML version 1.2 is RECOMMENDED along with some additional constraints:',
      '',
      '* Tags MUST be limited to those allowed by the JSON Schema ruleset.',
      '',
      'For maximum readability in the user interface, this field SHOULD be less than 120 characters.',
      '',
      'These metrics SHOULD roughly correspond to:',
      '',
      '* the sum of the requests.',
    ])), ['roughly']);
    // Without the list, or without the bound, they are asked as before.
    assert.deepEqual(terms('draft-x.md', DRAFT(['Implementations MUST support some additional constraints.', '', 'For readability, the summary MUST be short.'])), ['some', 'readability', 'short']);
  });

  it('"fresh" made anew in a protocol ("a fresh Status List entry", "a fresh nonce"), "secure hash function", "responsive display"', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'Every re-issued Referenced Token MUST have a fresh Status List entry in order to prevent linkability.',
      '',
      'The client MUST use a fresh nonce for each request.',
      '',
      'The same secure hash function MUST be employed in both registries.',
      '',
      'The server MUST serve fresh data to clients.',
    ])), ['fresh']);
    assert.deepEqual(terms('.kiro/specs/a/requirements.md', KIRO(['WHEN images are uploaded, THE System SHALL recommend optimal dimensions for responsive display'])), ['optimal']);
  });
});

describe('clarity: twenty-first round (issue 13: what the reviewers of set 6 asked and the pass did not)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());
  const kiro = '.kiro/specs/a/requirements.md';

  it('a weak password is asked about: which passwords count as weak is the spec\'s to say', () => {
    assert.deepEqual(terms(kiro, KIRO(['WHEN a user submits a weak password THEN the system SHALL display password strength requirements'])), ['weak']);
  });

  it('"accessible" of what people read or operate asks for a standard; reachable or available, it asks nothing', () => {
    const r = hits(kiro, KIRO([
      'THE System SHALL provide accessible messaging and forms',
      'THE System SHALL keep protected routes accessible without re-login',
      'THE System SHALL keep the report publicly accessible',
      'THE System SHALL provide factual, accessible resources',
      'THE System SHALL make the API accessible to administrators',
      'THE System SHALL provide accessible forms (WCAG 2.2 AA)',
    ]));
    assert.deepEqual(r.map((h) => h.phrase), ['accessible']);
    assert.match(r[0]!.question, /^Accessible to what standard\? .*WCAG 2\.2 AA/);
  });

  it('a count of failures that sets off a reaction is asked in the condition too; "more than once" is not', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'WHEN a user enters incorrect credentials multiple times, THE Auth_System SHALL lock the account for 15 minutes',
      'WHEN sign-in fails repeatedly, THE System SHALL throttle the client',
      'IF a parameter occurs multiple times THEN THE System SHALL keep the last one',
      'THE System SHALL allow the operation to be applied multiple times',
      'THE System SHALL lock the account after 5 failed attempts',
    ])), ['multiple times', 'repeatedly']);
    // "several" keeps its own entry (and its `terms` setting).
    assert.deepEqual(terms('draft-x.md', DRAFT(['The client SHOULD retry several times before giving up.'])), ['several']);
  });
});

describe('clarity: twenty-first round (issue 13: false alarms read out of sample, on 26 repositories new to the project)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());

  it('a permission\'s open list, names in code listed in parentheses and "for a better …" ask nothing; a requirement\'s open list still does', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'An application MAY be a microservice, IoT device, mainframe process, message broker, etc.',
      '',
      'The client MUST choose the mode, never by inferring it from which fields (`cert_file`, `psk_identity`, etc.) are set.',
      '',
      'It is RECOMMENDED that parsers dereference this property for a better development experience.',
      '',
      'The server MUST support email, SMS, etc.',
      '',
      'The client MUST support the legacy fields (cert, key, etc.).',
    ])), ['etc.', 'etc.']);
  });

  it('"safe" asks about concurrency beside it, and what an operation must never do; elsewhere about threats', () => {
    const r = hits('.kiro/specs/a/requirements.md', KIRO([
      'THE Cache SHALL handle concurrent access safely',
      'THE Linter SHALL apply only safe auto-fixers',
      'THE Vault SHALL keep secrets in a safe store',
    ]));
    assert.deepEqual(r.map((h) => h.question.split('?')[0]), ['What does “safely” require under concurrent use', 'Safe in what sense', 'Safe against which threats, to which standard']);
  });

  it('"high school", "plain object" and JSON Schema\'s "plain name fragment" are terms of art', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'Calculus SHALL be offered in high school.',
      '',
      'The value MUST be a plain object.',
      '',
      'The identifiers MUST be interpreted as plain name fragment identifiers.',
      '',
      'The summary MUST be plain.',
    ])), ['plain']);
  });
});

describe('clarity: twenty-second round (issue 13: false alarms read out of sample)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());
  const kiro = '.kiro/specs/a/requirements.md';

  it('after a dash, the consequence ("— so …") and a clause saying what something is explain the requirement', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'THE Gossip SHALL prune every digest whose expiry has passed — so a crashed peer eventually stops being offered',
      'THE Cleaner SHALL NOT report failure for an orphaned disk — an orphaned disk is a minor cost issue, not a correctness issue',
      'THE Server SHALL respond — quickly — to every ping',
      'THE Server SHALL show a banner — the banner is clear',
    ])), ['quickly', 'clear']);
  });

  it('the wording of a message given in code right after it, and "human readable", ask nothing', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'If the library is missing, the build MUST print an actionable message (`chaos tests require libfiu`) and stop.',
      '',
      'The registry MUST return a human readable string in the message field.',
      '',
      'The build MUST print an actionable message and stop.',
      '',
      'The registry MUST return a readable string.',
    ])), ['actionable', 'readable']);
  });

  it('"a majority of" is a quorum (more than half); "the majority of" still asks what fraction', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'The signature threshold MUST be at least a majority of the auditors.',
      '',
      'The tool MUST convert the majority of the examples.',
    ])), ['the majority of']);
  });

  it('read out of sample again (trust sweep 3): what the sentence already answers, other senses, purposes, terms of art', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'THE System SHALL use secure HTTPS connections for all calls',
      'WHEN the user closes the dialog without engaging with the prompt, THE System SHALL hide it',
      'THE System SHALL log each failure with its cause, enabling quick diagnosis',
      'THE System SHALL show the last 5 orders, allowing them to quickly check recent activity',
      'WHEN the upload is no statement THEN THE System SHALL show a clear error message explaining that the file is no statement',
      'THE Page SHALL reach first contentful paint within 2 seconds and support smooth scrolling',
      'THE System SHALL use secure connections',
      'THE System SHALL offer an engaging tour',
      'THE System SHALL respond quickly, allowing retries',
      'THE System SHALL show a clear error message',
    ])), ['secure', 'engaging', 'quickly', 'clear']);
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'Provenance files, sometimes known as sidecar files, MUST be stored beside the artifact.',
      '',
      'The client MUST sometimes retry.',
    ])), ['sometimes']);
  });

  it('", as described above" after the noun phrase answers "appropriate" as "(see …)" does', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT([
      'The primary data MUST match the appropriate value for resource linkage, as described above for relationship objects.',
      '',
      'The primary data MUST match the appropriate value for resource linkage, as usual.',
    ])), ['appropriate']);
  });

  it('a class word capitalised because it opens the item is lowercase in the question; an acronym keeps its capitals', () => {
    const r = hits('specs/001-x/spec.md', ['# Feature Specification: Pay', '', '## Success Criteria', '', '- Graceful degradation when the payment API fails', '- Offline mode when the ABC Gateway is down', ''].join('\n'));
    assert.deepEqual(r.map((h) => h.question.split('?')[0]), ['What makes the degradation graceful']);
  });

  it('"high" or "low" of a measured level asks for a threshold on that measure, not bytes or items', () => {
    const r = hits(kiro, KIRO(['WHEN disease pressure is high, THE System SHALL alert the farmer', 'THE System SHALL reject large uploads']));
    assert.deepEqual(r.map((h) => /threshold on that measure/.test(h.question)), [true, false]);
  });

  it('"responsive" before what a page shows asks for the screens it adapts to; "the UI shall be responsive" still asks for a delay', () => {
    const r = hits(kiro, KIRO(['THE Frontend SHALL expose sign-up routes with responsive forms', 'THE UI SHALL be responsive']));
    assert.deepEqual(r.map((h) => h.question.split('?')[0]), ['Responsive across which screens', 'What delay counts as “responsive” for the UI']);
  });

  it('a plural noun the tagger reads as a verb right after an adjective is the noun the question names', () => {
    const r = hits(kiro, KIRO(['THE System SHALL reject large uploads']));
    assert.deepEqual(r.map((h) => h.question.split('?')[0]), ['How large is “large” for the uploads']);
  });

  it('a list of modifiers before the head ("unit, component, and integration testing") is named whole in the question', () => {
    const r = hits(kiro, KIRO(['THE Project SHALL provide fast, reliable unit, component, and integration testing']));
    assert.deepEqual(r.map((h) => h.question.split('?')[0]), [
      'What delay counts as “fast” for the unit, component, and integration testing',
      'What makes the unit, component, and integration testing reliable',
    ]);
  });
});

// Severity in a standard [^am8s].
describe('clarity: twenty-third round (issue 13: standards, read out of sample)', () => {
  const bySeverity = (path: string, text: string, config?: Parameters<typeof memoryWorkspace>[1]): string[] =>
    memoryWorkspace({ [path]: text }, config)
      .model()
      .ambiguitiesOf(path)
      .map((h) => `${h.phrase.toLowerCase()}: ${h.severity}`);
  const RULES = [
    'The receiver SHOULD send feedback frames periodically.',
    '',
    'Implementations MUST use the appropriate key for the suite.',
    '',
    'The sender MUST include the extension parameters when possible.',
    '',
    'Caution should be exercised when a peer reuses a nonce.',
  ];

  it('in an IETF draft, evaluative wording and escape clauses are hints; calls for care keep their severity', () => {
    assert.deepEqual(bySeverity('draft-x.md', DRAFT(RULES)), [
      'periodically: hint',
      'appropriate: hint',
      'when possible: hint',
      'caution should be exercised: warning',
    ]);
  });

  // A Markdown specification with `{#id}` headings whose requirements are in BCP 14 capitals (five or more, three times
  // the lowercase modals) is a standard too; the same text in lowercase is not, nor is a spec-kit spec in capitals.
  const capitals = [
    '# Wire format {#wire}',
    '',
    'A frame MUST start with its length. A receiver MAY drop a longer frame. A sender SHOULD pad frames.',
    '',
    'A peer MUST NOT reopen a closed stream.',
    '',
    'The receiver SHOULD send feedback frames periodically.',
    '',
  ].join('\n');

  it('a Markdown spec written in capital key words is a standard; in lowercase it is not', () => {
    assert.deepEqual(bySeverity('spec/wire.md', capitals), ['periodically: hint']);
    assert.deepEqual(bySeverity('spec/wire.md', capitals.replace('A peer MUST NOT reopen a closed stream.', '')), ['periodically: warning']);
    assert.deepEqual(bySeverity('spec/wire.md', capitals.replace(/\b(MUST NOT|MUST|SHOULD)\b/g, (k) => k.toLowerCase())), ['periodically: warning']);
    assert.deepEqual(bySeverity('specs/001-x/spec.md', SPEC_KIT(['The system MUST send feedback frames periodically.'])), ['periodically: warning']);
  });

  it('read out of sample (trust sweep 4): a rate in an aside, a place, device safe areas, names of levels, contents listed', () => {
    const terms = (text: string): string[] => hits('.kiro/specs/a/requirements.md', text).map((h) => h.phrase.toLowerCase());
    assert.deepEqual(terms(KIRO([
      'THE System SHALL include periodic reminders during the interview (every 5-7 questions)',
      'THE System SHALL include periodic reminders during the interview, every 10 answers',
      'THE Page SHALL include the betting panel with the leaderboard immediately below it',
      'THE Lightbox SHALL respect device safe areas',
      'THE System SHALL support four priority levels: low (later), normal (standard), high (soon), and critical (now)',
      'THE System SHALL include periodic reminders during the interview (with a friendly tone)',
      'THE Page SHALL show the leaderboard immediately',
      'THE System SHALL keep working under normal load',
      'EACH Agent SHALL define a comprehensive `identityProfile` containing: name, role description, traits, and style',
      'EACH Agent SHALL define a comprehensive profile: name and role',
    ])), ['periodic', 'immediately', 'normal', 'comprehensive']);
  });

  it('in a Chinese spec-kit spec, the user\'s request quoted in “…” on the Input line asks nothing', () => {
    const text = ['# 功能规格：咖啡', '', '**输入**：用户描述：“接入模型；后端必须新增清晰的调用边界；前端继续沿用工作台。”', '', '## 需求', '', '- **FR-001**：系统必须显示清晰的错误提示。', ''].join('\n');
    assert.deepEqual(hits('specs/001-x/spec.md', text).map((h) => `${h.phrase}@${h.range.start.line + 1}`), ['清晰@7']);
  });

  it('a severity the user sets for the category or the term applies in a standard too', () => {
    type Ambiguity = ReturnType<typeof resolveConfig>['config']['ambiguity'];
    const config = (categories: Ambiguity['categories'], terms: Ambiguity['terms']) => ({ ambiguity: { ...resolveConfig(undefined).config.ambiguity, categories, terms } });
    assert.deepEqual(bySeverity('draft-x.md', DRAFT(RULES.slice(0, 3)), config({ time: 'warning' }, {})), ['periodically: warning', 'appropriate: hint']);
    assert.deepEqual(bySeverity('draft-x.md', DRAFT(RULES.slice(0, 3)), config({}, { appropriate: 'info' })), ['periodically: hint', 'appropriate: info']);
  });
});

// Questions read out of sample (oos21, oos22, oos24): the question names the thing the word modifies, reads as English,
// and asks for the measure that thing has.
describe('clarity: questions, twenty-fourth round (issue 13: the noun, the grammar and the measure of a question)', () => {
  const ask = (lines: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(lines)).map((h) => h.question);
  const first = (line: string): string => ask([line])[0] ?? '';

  it('names the noun the word modifies: past names in capitals, past a code span, not a subject cut at a plural read as a verb', () => {
    assert.match(first('Clients MUST fetch the index with a simple HTTP GET request.'), /^What makes the HTTP GET request simple\?/);
    assert.match(first('Each agent MUST define a comprehensive `agentCard` containing the name.'), /^What makes the `agentCard` comprehensive\?/);
    assert.match(first('Report downloads MUST start immediately.'), /^How soon must Report downloads start\?/);
    assert.match(first('Export files MUST start downloading immediately.'), /^How soon must Export files start downloading\?/);
    assert.match(first('The API MUST return appropriate HTTP status codes.'), /^What makes the HTTP status codes appropriate\?/);
    assert.match(first('The page MUST drop stale `cache(3)` entries.'), /^How old must the `cache\(3\)` entries be/);
    assert.match(first('The service MUST verify the existing key accurately.'), /^What does it take to verify the existing key accurately\?/);
  });

  it('reads as English: a gerund takes no "to", a phrasal verb keeps its particle, an object keeps its name', () => {
    assert.match(first('A client SHOULD NOT run the script without first reviewing it carefully.'), /^What does reviewing it carefully involve\?/);
    assert.match(first('Cleanly terminating a CONNECT stream SHALL be equivalent to closing it.'), /^What does cleanly terminating a CONNECT stream involve\?/);
    assert.match(first('The service MUST shut down the worker cleanly.'), /^What does it take to shut down the worker cleanly\?/);
  });

  it('asks for the measure of the noun: a delay for lag, a count for a number, a ratio for contrast, a length for a description', () => {
    assert.match(first('The timeline MUST scroll without noticeable lag.'), /^How much lag counts as “noticeable”\? Give a maximum delay from a named event, or a frame rate/);
    assert.match(first('Then the picker limits the list to reasonable number of hints.'), /^How many hints at most count as a “reasonable” number\? Give the maximum count/);
    assert.match(first('The loader MUST perform the minimal possible number of conversions per request.'), /^How many conversions at most count/);
    assert.match(first('Themes MUST provide sufficient contrast for readability.'), /^What contrast ratio counts as “sufficient”\? .*WCAG/);
    const brief = first('Each rule MUST have a brief description.');
    assert.match(brief, /Give a length in characters, words or sentences/);
    assert.doesNotMatch(brief, /MB/);
  });

  it('asks which kinds count for a kind of change, and the user\'s effort for a task done by hand', () => {
    const major = first('The changelog MUST flag major breaking changes.');
    assert.match(major, /^Which breaking changes count as “major”\? Name the kinds that do, with an example on each side/);
    assert.doesNotMatch(major, /5%/);
    const quick = first('The system MUST provide quick score entry.');
    assert.match(quick, /^How quick must the score entry be for the user\? Give the steps or the time it takes/);
    assert.doesNotMatch(quick, /p95/);
  });

  it('"(It qualifies …)" names what the phrase qualifies: its noun, the verb of its own clause, nothing past a comma or a "to"', () => {
    const note = (line: string): string => / \(It qualifies “([^”]*)”\.\)$/.exec(ask([line]).at(-1) ?? '')?.[1] ?? '';
    assert.equal(note('Servers SHOULD send long-lived cache headers on schemas.'), 'cache headers');
    assert.equal(note('The API MUST return a short-lived access token.'), 'access token');
    assert.equal(note('Care should be taken to prevent the leak of names.'), 'prevent the leak');
    assert.equal(note('The worker SHALL delete all records added at startup (best-effort).'), 'delete all records');
    assert.equal(note('WHEN I move the pin THEN the system SHALL update the position and address in real-time'), 'update the position');
    assert.equal(note('Then the roster filters in real-time to match the typed name.'), '');
    assert.equal(note('Building on top of the loader can work, but proper care needs to be taken.'), '');
  });
});

describe('clarity: twenty-sixth round (issue 13: false warnings left by three out-of-sample readings)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());
  const kiro = '.kiro/specs/a/requirements.md';
  const speckit = 'specs/001-x/spec.md';

  it('an escape inside a parenthesis that is an aside of its own, or that qualifies a noun in a verbless item, asks nothing', () => {
    assert.deepEqual(terms(speckit, SPEC_KIT([
      'Saving a draft MUST take at most two steps (rename if desired, then save).',
      'The worker MUST remove its scratch files on shutdown (best-effort; failures are logged and ignored).',
      'Billing profile fields: postal code, tax number (if applicable), and company name.',
      'The service MUST compress old archives (where possible).',
      'The service MUST rotate the logs if needed.',
    ])), ['where possible', 'if needed']);
  });

  it('one example and "or similar" / "or equivalent", or PascalCase names before "etc.", in a parenthesis illustrate the noun before it; an open list of words still asks', () => {
    assert.deepEqual(terms(speckit, SPEC_KIT([
      'Each release MUST pass an accessibility audit (pa11y or similar) before it ships.',
      'Each row MUST show its status in a badge (chip or equivalent widget) next to the title.',
      'Each release MUST pass pa11y or similar.',
      'Exports MUST omit personal fields (name, email, etc.).',
      'Page sections MUST live in the sections folder (TopBanner, PriceTable, Footer, etc.).',
      'Pages MUST link to the main screens (Home, Cart, Orders, etc.).',
      'The assistant MUST support the model vendors (OpenAI, DeepSeek, etc.).',
    ])), ['or similar', 'etc.', 'etc.', 'etc.']);
  });

  it('"for" + a quality noun or a modified activity after the required act and its object is the motive', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'THE Player SHALL show a strip of chapter thumbnails for quick jumping between chapters',
      'WHEN an entry is selected THEN THE Popup SHALL draw it in the theme colours for readability',
      'THE Popup text SHALL be tuned for readability',
      'THE Player SHALL offer quick jumping between chapters',
    ])), ['readability', 'quick']);
  });

  it('a message whose content the sentence states ("a clear notice that …", "informing the user that …") is answered in place', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'WHEN a coupon has expired THEN THE Checkout SHALL show a clear notice that the coupon is no longer valid',
      'WHEN a payment fails THEN THE Checkout SHALL show a clear error message informing the shopper that the card was declined',
      'WHEN a payment fails THEN THE Checkout SHALL show a clear message that the shopper can dismiss',
      'WHEN a payment fails THEN THE Checkout SHALL show a clear message',
    ])), ['clear', 'clear']);
  });
  it('"appropriate" that picks what corresponds to a thing the text determines ("each" item, a noun detected just before) is answered', () => {
    const openspec = 'openspec/specs/import/spec.md';
    const text = [
      '## Requirements', '', '### Requirement: Import', '', '#### Scenario: Service detection', '',
      '- **WHEN** a clip link is pasted',
      '- **THEN** the system SHALL detect the host service from the link domain',
      '- **AND** the system SHALL hand the link to the appropriate service importer',
      '', '#### Scenario: Lists', '',
      '- **WHEN** a teacher opens the catalogue',
      '- **THEN** the system SHALL list course records appropriate to each grade level',
      '- **AND** the system SHALL hand the link to the appropriate importer',
      '- **AND** the system SHALL show help texts appropriate to the user',
      '',
    ].join('\n');
    assert.deepEqual(terms(openspec, text), ['appropriate', 'appropriate']);
  });
});

describe('clarity: twenty-seventh round (issue 13: what careful reviewers ask that the pass missed, read out of sample)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());
  const kiro = '.kiro/specs/a/requirements.md';
  it('"continuously" and "constantly" ask how often; "run continuously" (without stopping) and "continuous integration" do not', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'WHEN a ticket is open THEN THE Board SHALL show a status that is continuously updated',
      'THE Watcher SHALL constantly poll the inbox',
      'THE Watcher SHALL poll the inbox every 10 seconds',
      'THE Watcher SHALL run continuously, pausing between rounds',
      'THE Banner SHALL scroll the notices continuously at the configured speed',
      'THE Board SHALL run in continuous integration on every push',
    ])), ['continuously', 'constantly']);
  });

  it('"key" before a noun of selected content asks which ones; a key\'s own compounds and a listed selection do not', () => {
    assert.deepEqual(terms(kiro, KIRO([
      'WHEN the week closes THEN THE Digest SHALL list key findings of the week',
      'THE Digest SHALL highlight key themes and open questions',
      'THE Vault SHALL rotate every API key and its key policies monthly',
      'THE Store SHALL check foreign key relationships on save',
      'THE Editor SHALL support key bindings for every command',
      'THE Digest SHALL list key findings: revenue, churn and new sign-ups',
      'THE Digest SHALL list three key findings per team',
      'THE Cache SHALL store each session under key pattern `sess:{id}`',
      'THE Digest SHALL report the key performance indicators of the quarter',
      'THE Digest SHALL summarize the key findings in one paragraph',
    ])), ['key', 'key']);
    // In a policy for an assistant the content is the user's: which of its points are key is the judgement asked for.
    assert.deepEqual(found('model_spec.md', POLICY(['The assistant should open its summary with the key points of the article. The assistant should then offer more on request, and the assistant should say where each point comes from.'])), []);
  });

  it('an adverb that opens a relative clause, or follows "and" before a verb, is asked of the verb after it (and the antecedent)', () => {
    const asked = (line: string): string[] => hits(kiro, KIRO([line])).map((h) => h.question.replace(/\?.*$/, '?'));
    assert.deepEqual(asked('THE Catalog SHALL keep a pricing engine that continuously analyzes competitor listings'), ['How often must the pricing engine analyze competitor listings?']);
    assert.deepEqual(asked('THE Profile SHALL store and continuously refresh the market notes'), ['How often must the Profile refresh the market notes?']);
    // After the verb, the adverb still qualifies that verb; a verb in -ze keeps its e.
    assert.deepEqual(asked('THE Indexer SHALL rebuild the index regularly'), ['How often must the Indexer rebuild the index?']);
    assert.deepEqual(asked('THE Catalog SHALL run a job which regularly optimizes the index'), ['How often must the job optimize the index?']);
    // A participle after "and" is no verb of its own. Forty-first round: the adverb qualifies that participle, which
    // modifies the noun after it; the question asks about the folders (was "How often must the Menu list the saved
    // files?", the main verb, which "frequently" does not qualify).
    assert.deepEqual(asked('THE Menu SHALL list the saved files and frequently opened folders'), ['How often is “frequently opened” for the folders?']);
  });
});

describe('clarity: twenty-eighth round (issue 13: false alarms read on policy and guideline prose new to the project)', () => {
  const terms = (text: string): string[] => hits('guide.md', text).map((h) => h.phrase.toLowerCase());
  const GUIDE = (sections: [string, string[]][]): string =>
    ['# Reviewing a change {#review}', '', ...sections.flatMap(([title, lines], i) => [`## ${title} {#s${i}}`, '', ...lines.flatMap((l) => [l, ''])])].join('\n');

  it('a summary\'s checklist item that names a section of the same guide is answered there; one that names none still asks', () => {
    const text = GUIDE([
      ['Naming', ['A name says what the value holds; one letter is fine only for a loop index.']],
      ['Comments', ['A comment says why the code does what it does, not what it does.']],
      ['Summary', ['When you review a change, you should check that:', '- The author chose clear names.', '- Comments are useful.', '- Retries are reasonable.']],
    ]);
    assert.deepEqual(terms(text), ['reasonable']);
    // The same items outside a summary still ask.
    assert.deepEqual(terms(GUIDE([
      ['Naming', ['A name says what the value holds.']],
      ['Checks', ['When you review a change, you should check that:', '- The author chose clear names.']],
    ])), ['clear']);
    // Only a spec with a summary section reads its section titles (they are part of each chunk's cache key): typing a
    // one-word heading elsewhere sends no chunk to the pass again.
    const chunks = (text: string): { entry: { facts: { prose: ProseBlock[] } } }[] => [{ entry: { facts: { prose: parseSpec('guide.md', text).prose } } }];
    assert.deepEqual(sectionStemsOf(chunks(GUIDE([['Naming', ['x']], ['Summary', ['- y']]]))), ['nam']);
    assert.deepEqual(sectionStemsOf(chunks(GUIDE([['Naming', ['x']], ['Comments', ['- y']]]))), []);
  });

  it('a word inside what a named party believes ("is confident that …") is that party\'s judgement; "make sure that …" still asks', () => {
    assert.deepEqual(terms(GUIDE([['Approving', ['A reviewer should approve with open notes only when this holds:', '- The reviewer is confident that the author will handle the open notes appropriately.']]])), []);
    assert.deepEqual(terms(GUIDE([['Approving', ['A reviewer should approve with open notes only when this holds:', '- The reviewer has made sure that the author will handle the open notes appropriately.']]])), ['appropriately']);
  });

  it('"too hard for you to …" is the reader\'s own experience; "too hard for new users to …" still asks', () => {
    assert.deepEqual(terms(GUIDE([['Reading', ['If the change is too hard for you to follow, you should ask the author to explain it.']]])), []);
    assert.deepEqual(terms(GUIDE([['Reading', ['The settings page should not be too hard for new users to find.']]])), ['too hard']);
  });

  it('the rejected alternative after "instead of" / "rather than" is not required; the word before it still asks', () => {
    assert.deepEqual(terms(GUIDE([['Size', ['Authors should send the work as a series of commits instead of one huge change.', 'Authors should send a patch per module rather than one large patch.']]])), []);
    assert.deepEqual(terms(GUIDE([['Size', ['Authors should write one clear summary instead of many notes.']]])), ['clear']);
    // An escape after the alternative qualifies the whole requirement.
    assert.deepEqual(terms(GUIDE([['Size', ['Authors should send patches instead of archives whenever possible.']]])), ['whenever possible']);
  });

  it('"if … so large (that) you cannot …": the result clause bounds the degree of a condition; no clause, or a required degree, still asks', () => {
    assert.deepEqual(terms(GUIDE([['Size', [
      'If a change is so large that you cannot read it in one sitting, you should ask for a split.',
      'If a change is so large you cannot read it in one sitting, you should ask for a split.',
      'If a change is so large you\'re unsure when you can read it, you should ask for a split.',
    ]]])), []);
    assert.deepEqual(terms(GUIDE([['Size', ['If a change is large, you should ask for a split.', 'If a change is so large, you should ask for a split.']]])), ['large', 'large']);
    // As the required degree it still asks.
    assert.deepEqual(terms(GUIDE([['Size', ['A change should be so small that you can read it in one sitting.']]])), ['small']);
  });

  it('"if it is not otherwise clear" is what is known, not a quality; "make the request clear" still asks', () => {
    assert.deepEqual(terms(GUIDE([['Notes', ['The reviewer should say which option is meant, if it is not otherwise clear.', 'Unless it is clear from the thread, the author should restate the question.']]])), []);
    assert.deepEqual(terms(GUIDE([['Notes', ['The reviewer should make the request clear.']]])), ['clear']);
  });

  it('"in clear text" (cleartext) is a term of art; "write clear text" still asks', () => {
    assert.deepEqual(terms(GUIDE([['Transport', ['If a service uses HTTP without TLS, it should warn its users that every field travels in clear text.']]])), []);
    assert.deepEqual(terms(GUIDE([['Errors', ['Every error page should show clear text that a person can act on.']]])), ['clear']);
  });

  it('"unless a more appropriate name is available" compares with the name the rule gives; a bare "more appropriate" still asks', () => {
    assert.deepEqual(terms(GUIDE([['Fields', ['A service should call the list field `items` unless a more appropriate name is available.']]])), []);
    assert.deepEqual(terms(GUIDE([['Fields', ['A service should give the list field a more appropriate name.']]])), ['more appropriate']);
  });

  it('examples right after a predicate adjective answer it; the adjective alone still asks', () => {
    assert.deepEqual(terms(GUIDE([['Approving', ['Notes left open at approval should be minor, e.g. a typo or the order of imports.']]])), []);
    assert.deepEqual(terms(GUIDE([['Approving', ['Notes left open at approval should be minor.']]])), ['minor']);
  });

  it('a reason clause after the rule ("as these methods are easy to …") is not required; the same words as the rule still ask', () => {
    assert.deepEqual(terms(GUIDE([['Methods', ['Services should accept PUT for creation as these methods are easy to retry.']]])), []);
    assert.deepEqual(terms(GUIDE([['Methods', ['Services should make creation easy to retry.']]])), ['easy to']);
  });

  it('"best practices" as a topic the user is told about is no standard to name; "follow best practices" still asks', () => {
    assert.deepEqual(terms(GUIDE([['Plugins', ['You must inform users of the plugin\'s intended uses, best practices, and limits.']]])), []);
    assert.deepEqual(terms(GUIDE([['Plugins', ['The plugin must follow best practices.']]])), ['best practices']);
  });
});

describe('clarity: twenty-ninth round (issue 13: the reference condition of a measured requirement)', () => {
  const kiro = '.kiro/specs/a/requirements.md';
  const terms = (lines: string[]): string[] => hits(kiro, KIRO(lines)).map((h) => h.phrase.toLowerCase());

  it('"typical" before a noun of a condition asks which one although a number of the result is near; stated, it does not', () => {
    assert.deepEqual(terms([
      'WHEN a report is opened THEN THE Viewer SHALL draw the first page within 2 seconds on typical laptops',
      'THE Importer SHALL finish in under 5 minutes for a typical project',
      'THE Gateway SHALL answer within 300 ms under usual load',
    ]), ['typical', 'typical', 'usual']);
    // The condition stated beside its noun, a number that is the condition itself, "typical" of something that is no
    // condition of the measurement (what is shown, the head of another noun, "as an ordinary …"): the number bounds it,
    // as before.
    assert.deepEqual(terms([
      'THE Viewer SHALL draw the first page within 2 seconds on typical laptops (4 cores, 8 GB of memory)',
      'THE Importer SHALL finish in under 5 minutes for typical projects of up to 300 files',
      'THE Digest SHALL show the typical values of the last 7 days',
      'THE Digest SHALL show typical conditions for each of the last 7 days',
      'THE Client SHALL treat a 401 reply as an ordinary session expiry within 5 seconds',
      'THE Client SHALL finish within 5 seconds on typical session expiry',
    ]), []);
  });

  it('the question names the condition to describe, with an example of its kind', () => {
    const asked = (line: string): string[] => hits(kiro, KIRO([line])).map((h) => h.question);
    assert.match(asked('THE Viewer SHALL draw the first page within 2 seconds on typical laptops')[0] ?? '', /^Which laptops does “typical” mean\? .*CPU cores/);
    assert.match(asked('THE Gateway SHALL answer within 300 ms under usual load')[0] ?? '', /^Which load does “usual” mean\? .*requests per second/);
  });
});

describe('clarity: thirtieth round (issue 13: the questions read as a user reads them)', () => {
  const kiro = '.kiro/specs/a/requirements.md';
  const asked = (lines: string[]): string[] => hits(kiro, KIRO(lines)).map((h) => h.question.split('?')[0]!);

  it('a person\'s verb the tagger read as a plural noun is the verb, and a control\'s name after it its object', () => {
    assert.deepEqual(asked([
      'WHEN the user presses send quickly THEN the system SHALL deliver the message once.',
      'WHEN the user rapidly presses send THEN the system SHALL deliver the message once.',
      'WHEN an admin clicks Save quickly THEN the system SHALL store the form.',
    ]), ['How soon must the user press send', 'How soon must the user press send', 'How soon must an admin click Save']);
    // Counter-cases: a plural noun after a person that is no verb ("user sessions") stays the subject; a verb with no
    // object keeps its question, and an EARS "THEN" is never part of the object.
    assert.deepEqual(asked([
      'WHEN the user sessions expire quickly THEN the system SHALL warn the user.',
      'WHEN the service quickly restarts THEN the system SHALL log the restart.',
    ]), ['How soon must the user sessions expire', 'How soon must the service restart']);
  });

  it('a participle after a preposition modifies its noun; a plural noun takes "count"', () => {
    assert.deepEqual(q([
      'System MUST broadcast new notifications to connected clients immediately.',
      'System MUST send an updated ACK frame quickly.',
    ]), ['How soon must the system broadcast new notifications', 'How soon must the system send an updated ACK frame']);
    const draft = (line: string): string[] => hits('draft-x.md', `---\ntitle: X\ndocname: draft-x-00\n\n--- abstract\n\nx\n\n--- middle\n\n# Intro\n\n${line}\n`).map((h) => h.question);
    assert.match(draft('If a system overruns the generator by requesting too many UUIDs, it MUST fail.')[0] ?? '', /beyond which the UUIDs count as many/);
    assert.match(draft('The client MUST NOT use too much memory.')[0] ?? '', /beyond which (?:it|the memory) counts as much/);
  });

  it('a passive names what undergoes it, unless a relative pronoun or an instruction opens the sentence', () => {
    assert.deepEqual(q([
      'Connection errors MUST be handled gracefully when a connection drops.',
      'An unknown value in the address MUST be ignored gracefully.',
      'The system MUST handle errors gracefully.',
    ]), ['What does it take for the connection errors to be handled gracefully', 'What does it take for an unknown value to be ignored gracefully', 'What does it take to handle errors gracefully']);
    assert.deepEqual(q([
      'The fix covers products that cannot be easily fixed by end users.',
      'Test that the cache is accurately updated.',
    ]), ['What does it take to be fixed easily', 'What does it take to be updated accurately']);
  });

  it('a plural subject\'s verb is no part of its noun; a name after two adjectives is the noun; an amount of time is a duration', () => {
    assert.deepEqual(q([
      'All major cloud providers support this feature.',
      'The service worker MUST apply appropriate short TTLs for API responses.',
      'Clients MUST be updated for a sufficient amount of time.',
    ]), ['What counts as “major” for the cloud providers', 'What TTLs count as “appropriate”', 'How short is “short” for the TTLs', 'How long counts as “a sufficient amount” of time']);
    // Counter-cases: a compound noun before a preposition, a single adjective before its noun, an amount of a substance.
    assert.deepEqual(q([
      'Major cloud provider support MUST be provided.',
      'The service worker MUST apply appropriate TTLs for API responses.',
      'The system MUST allocate a sufficient amount of memory.',
    ]), ['What counts as “major” for the cloud provider support', 'What TTLs count as “appropriate”', 'How many count as “a sufficient amount” of memory']);
  });
});

describe('clarity: thirty-first round (issue 13: false alarms read on protocol specifications new to the project)', () => {
  const terms = (lines: string[]): string[] => hits('protocol.md', ['# Protocol {#protocol}', '', '## Rules {#rules}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('"be able to" after a word of permission is a permission; a system\'s "shall be able to" still asks', () => {
    assert.deepEqual(terms(['An untrusted person is a human with limited access. They MAY be able to read the source.']), []);
    assert.deepEqual(terms(['The gateway shall be able to reject the request.']), ['be able to']);
  });

  it('"as required" after a verb that labels names the field\'s attribute; "retry as required" still asks', () => {
    assert.deepEqual(terms(['Fields marked as required MUST be included on every request.']), []);
    assert.deepEqual(terms(['The client MUST retry the request as required.']), ['as required']);
  });

  it('"best practice is to <verb>" names the practice; "follow best practices" still asks', () => {
    assert.deepEqual(terms(['Keys MUST be unique within this map, and best practice is to namespace the keys.']), []);
    assert.deepEqual(terms(['Implementations MUST follow security best practices for their transport.']), ['best practices']);
  });

  it('"a number of <unit>" after a verb of denoting is the value; "retry a number of times" still asks', () => {
    assert.deepEqual(terms(['Any value that represents a timeout MUST be an integer representing a number of milliseconds.']), []);
    assert.deepEqual(terms(['The client MUST retry a number of times before it gives up.']), ['a number of']);
  });

  it('"safe" after reentrant or before "for concurrent use" is thread safety; "handle input safely" still asks', () => {
    assert.deepEqual(terms(['Callback functions SHOULD be reentrant safe.', 'Events are immutable and MUST be safe for concurrent use by default.']), []);
    assert.deepEqual(terms(['The parser MUST be safe for untrusted input.']), ['safe']);
  });

  it('"meaningful only to <party>" is who can read it; "meaningful to the user" still asks', () => {
    assert.deepEqual(terms(['The server MAY include a `requestState` field. The client MUST echo this opaque string, meaningful only to the server.']), []);
    assert.deepEqual(terms(['Error messages MUST be meaningful to the user.']), ['meaningful']);
  });

  it('Semantic Versioning fields coordinated before "releases" are terms of art; "a minor change" still asks', () => {
    assert.deepEqual(terms(['Minor and patch releases SHOULD be made on an as-needed basis.', 'Maintainers MUST announce major/patch versions.']), []);
    assert.deepEqual(terms(['Maintainers SHOULD release only a minor change in a patch.']), ['minor']);
    assert.deepEqual(terms(['Minor and cosmetic releases SHOULD be made on an as-needed basis.']), ['minor']);
  });

  it('"so that it is easier to …" and "better done by X" name what follows and the preferred thing; a bare comparative still asks', () => {
    assert.deepEqual(terms(['Algorithm names should list the primitives used by the algorithm so that it is easier to see if a broken primitive is used.']), []);
    assert.deepEqual(terms(['This endpoint should not be used to advertise experimental features - this is better done by the `/versions` endpoint.']), []);
    assert.deepEqual(terms(['Algorithm names MUST be easier to read.']), ['easier']);
    assert.deepEqual(terms(['Log records SHOULD be better structured.']), ['better']);
  });

  it('a quality word on a duration is bounded by a time later in its sentence; without one, or on another noun, it asks', () => {
    assert.deepEqual(terms(['Agents SHOULD include a reasonable timeout for webhook requests (recommended: 10-30 seconds).']), []);
    assert.deepEqual(terms(['Agents SHOULD implement reasonable timeout values for webhook requests (recommended: 10-30 seconds).']), []);
    assert.deepEqual(terms(['Agents SHOULD include a reasonable timeout for webhook requests.']), ['reasonable']);
    assert.deepEqual(terms(['Agents SHOULD use a reasonable format for webhook requests (recommended: 10 seconds).']), ['reasonable']);
  });
});

describe('clarity: thirty-second round (issue 13: false alarms read on instructions written for assistants and coding agents)', () => {
  const terms = (lines: string[]): string[] => hits('guide.md', ['# Guide {#guide}', '', '## Rules {#rules}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('"(if applicable)" closing an item that only names content means "if there are any"; after an action it still asks', () => {
    assert.deepEqual(terms(['Each report must contain:', '', '- Verification items and expected results\n- Required countermeasures (if applicable)']), []);
    assert.deepEqual(terms(['Each report must contain:', '', '- Verification items and expected results\n- Retry the failed checks (if applicable)']), ['if applicable']);
  });

  it('a word inside a permission ("it\'s fine if", "feel free to", "do not hesitate to") sets no requirement; the rule beside it still asks', () => {
    assert.deepEqual(terms(['You should show every step of your reasoning, and it is fine if it is very long.']), []);
    assert.deepEqual(terms(['Do not hesitate to search the web when you need recent events, real time data, etc.']), []);
    assert.deepEqual(terms(['Your reasoning should be very long.']), ['long']);
    assert.deepEqual(terms(['You must search the web when you need recent events, real time data, etc.']), ['recent', 'real time', 'etc.']);
  });

  it('the word defined with a bound by the next sentence ("A concise response is … less than 4 lines") is answered; without a bound it asks', () => {
    assert.deepEqual(terms(['You should be concise and direct. A concise response is generally less than 4 lines, not counting code.']), []);
    assert.deepEqual(terms(['You should be concise and direct. A concise response is generally appreciated by users.']), ['concise']);
  });

  it('"break X into smaller Y" compares the parts with the whole; a bare "smaller" still asks', () => {
    assert.deepEqual(terms(['- You should break complex tasks into smaller, manageable steps.', '- You should split each change into smaller commits.']), []);
    assert.deepEqual(terms(['- You should keep the steps smaller.']), ['smaller']);
  });

  it('"not simply X, but (rather) Y" rejects X; a comparison with no alternative still asks', () => {
    assert.deepEqual(terms(['When the user asks for changes, the prompt should not simply be longer, but rather it should be rewritten to include them.']), []);
    assert.deepEqual(terms(['When the user asks for changes, the prompt should not be longer.']), ['longer']);
  });

  it('an open list of examples in parentheses after "a/an <category>" illustrates it; a list of what is supported still asks', () => {
    assert.deepEqual(terms(['When an app stores data, you must use a database integration (Supabase, Neon, AWS, etc).', 'You must not upload files to a public paste service (pastebin, mermaid.ink, and similar).']), []);
    assert.deepEqual(terms(['The importer must accept the image formats (PNG, JPEG, GIF, etc.).']), ['etc.']);
    assert.deepEqual(terms(['You must use a database integration: Supabase, Neon, AWS, etc.']), ['etc.']);
  });

  it('"isn\'t clear from <source>" in a condition is what the source shows; a required clarity still asks', () => {
    assert.deepEqual(terms(['- Comments should be added where the operation isn\'t clear from the code.']), []);
    assert.deepEqual(terms(['- The operation should be clear from the code.']), ['clear']);
  });

  it('a second motive coordinated after "for <quality>" ends the clause as the first did; "tuned for readability" still asks', () => {
    assert.deepEqual(terms(['- You should keep one field per line for readability and review clarity.']), []);
    assert.deepEqual(terms(['- The output should be tuned for readability and review clarity.']), ['readability']);
  });

  it('"fresh eyes", "start fresh" and "a fresh agent with no memory" are not about age; "fresh data" still asks', () => {
    assert.deepEqual(terms(['The verifier should see the code with fresh eyes.', 'If the task is a different one, you should start fresh by overwriting the plan.', 'A new call must start a fresh agent with no memory of prior runs.']), []);
    assert.deepEqual(terms(['The dashboard must show fresh data.']), ['fresh']);
  });
});

describe('clarity: thirty-third round (issue 13: recall read out of sample on requirement documents new to the project)', () => {
  const kiro = '.kiro/specs/a/requirements.md';
  const terms = (lines: string[]): string[] => hits(kiro, KIRO(lines)).map((h) => h.phrase.toLowerCase());

  it('"clearly" as the manner of a required act of showing asks, as "a clear message" does; the discourse adverb does not', () => {
    assert.deepEqual(terms([
      'WHEN a recipe lacks ingredients THEN the Planner SHALL clearly indicate the missing ingredients',
      'WHEN an invoice is overdue THEN the Ledger SHALL allow the clerk to clearly label it as overdue',
      'THE Editor SHALL show drafts that MUST be clearly marked as unpublished',
    ]), ['clearly', 'clearly', 'clearly']);
    // Sentence-initial or after "is" it states what is evident; before a verb that shows nothing it is no manner of
    // showing; "clearly" with no modal before it describes.
    assert.deepEqual(terms([
      'WHEN a request is clearly malformed THEN the Gateway SHALL reject it with HTTP 400',
      'THE Gateway SHALL reject requests that are clearly invalid with HTTP 400',
      'THE Gateway SHALL clearly reject requests without a token',
      'WHEN the Planner clearly indicates an error THEN the Ledger SHALL stop the import',
      'THE Tracker MUST clearly indicate a fallen player with a visual label (e.g. a grayed-out name)',
    ]), []);
  });

  it('"modern" before a device a requirement is measured on asks which devices; a modern design or environment does not change', () => {
    assert.deepEqual(terms(['THE Viewer SHALL complete the transition within 250ms on modern devices']), ['modern']);
    const asked = hits(kiro, KIRO(['THE Viewer SHALL complete the transition within 250ms on modern devices']))[0]?.question ?? '';
    assert.match(asked, /^Which devices does “modern” mean\? .*CPU cores/);
    assert.deepEqual(terms([
      'THE Viewer SHALL complete the transition within 250ms on modern devices (2020 or later, 4 GB of memory)',
      'THE Viewer SHALL run in modern environments',
      'THE Viewer SHALL support modern devices',
    ]), []);
    // (Since the thirty-fourth session "modern browsers" asks too, with versions: see below.)
    assert.deepEqual(terms(['THE Viewer SHALL open in modern browsers within 2 seconds']), ['modern']);
    assert.deepEqual(terms(['THE Viewer SHALL use a modern layout']), ['modern']);
  });

  it("a question keeps the verb's whole object: a clause, a count, a pair after \"between\"", () => {
    const asked = (line: string): string => (hits(kiro, KIRO([line]))[0]?.question ?? '').replace(/\? .*$/, '?');
    assert.equal(asked('WHEN switching scenarios THEN the system SHALL clearly indicate which scenario is active and allow switching'), 'What does it take to clearly indicate which scenario is active?');
    assert.equal(asked('THE system SHALL immediately indicate which scenario is active'), 'How soon must the system indicate which scenario is active?');
    assert.equal(asked('WHEN an upload ends THEN the tool SHALL clearly show whether the upload failed'), 'What does it take to clearly show whether the upload failed?');
    assert.equal(asked('THE Pricing page SHALL clearly display all 5 plans'), 'What does it take to display all 5 plans clearly?');
    assert.equal(asked('THE Metrics SHALL clearly distinguish between manifest-based and API-based policies'), 'What does it take to clearly distinguish between manifest-based and API-based policies?');
    assert.equal(asked('THE Ledger SHALL clearly indicate data limitations'), 'What does it take to indicate data limitations clearly?');
  });
});

describe('clarity: thirty-fourth session (issue 13, item 5: which browsers, systems and versions are supported)', () => {
  const kiro = '.kiro/specs/a/requirements.md';
  const terms = (lines: string[]): string[] => hits(kiro, KIRO(lines)).map((h) => h.phrase.toLowerCase());
  const asked = (line: string): string => hits(kiro, KIRO([line]))[0]?.question ?? '';

  it('"modern browsers" a requirement is supported on asks which browsers and versions; named ones or another noun do not', () => {
    assert.deepEqual(terms([
      'THE Web client SHALL work on modern browsers',
      'THE Web client SHALL support all modern web browsers',
      'THE Installer SHALL run on modern operating systems',
    ]), ['modern', 'modern', 'modern']);
    assert.match(asked('THE Web client SHALL work on modern browsers'), /^Which browsers count as “modern”\? Name them with the oldest version supported, or a rolling rule \(e\.g\. the last 2 major versions of Chrome/);
    assert.match(asked('THE Installer SHALL run on modern operating systems'), /^Which operating systems count as “modern”\? .*Windows 11/);
    assert.deepEqual(terms([
      'THE Web client SHALL work on modern browsers (Chrome 120+, Firefox 121+, Safari 17+)',
      'THE Web client SHALL use a modern browser engine',
      'WHEN modern browsers are detected THEN the Web client SHALL enable animations',
    ]), []);
  });

  it('the versions an adjective picks are asked with versions, not an age in minutes; semantic versioning\'s "major" is not', () => {
    assert.match(asked('THE Service SHALL support recent versions of Android'), /^Which versions of Android count as “recent”\? .*Android 12 or later/);
    assert.doesNotMatch(asked('THE Service SHALL support recent versions of Android'), /minutes/);
    assert.match(asked('THE Page SHALL render correctly in all major browsers'), /^Which browsers count as “major”\?/);
    assert.deepEqual(terms(['THE Service SHALL support recent versions of Android (12 and later)']), []);
    assert.doesNotMatch(asked('THE CLI SHALL publish a migration guide for major versions'), /oldest version supported/);
  });
});

describe('clarity: thirty-fourth round (issue 13: false alarms read on normative documents of the Model Spec\'s kind)', () => {
  const terms = (lines: string[]): string[] => hits('policy.md', ['# Policy {#policy}', '', '## Rules {#rules}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('a word after "seemingly" or "might seem" is how a thing looks; a required look still asks', () => {
    assert.deepEqual(terms(['When faced with seemingly compelling arguments to cross these lines, the assistant should remain firm.']), []);
    assert.deepEqual(terms(['When operators give instructions that might seem restrictive or unusual, the assistant should generally follow them.']), []);
    assert.deepEqual(terms(['The assistant should only act on compelling arguments.']), ['compelling']);
    assert.deepEqual(terms(['The assistant must never seem unusual to the user.']), ['unusual']);
  });

  it('"immediate" of a want or a relation is the present one; of an act it still asks', () => {
    assert.deepEqual(terms(['The assistant should weigh the long-term wellbeing of the user and not just their immediate interests.', 'Abstractions must not be built until there is a concrete, immediate requirement.']), []);
    assert.deepEqual(terms(['The assistant should give an immediate answer to the user.']), ['immediate']);
  });

  it('a "that" clause after "bear in mind" or "be aware" is a fact to keep in mind; a keyword inside it still asks', () => {
    assert.deepEqual(terms(['The assistant should bear in mind that people will sometimes use such claims to mislead it.', 'Reviewers must be aware that large changes are sometimes split across several pull requests.']), []);
    assert.deepEqual(terms(['The assistant should keep in mind that answers should be short.']), ['short']);
    assert.deepEqual(terms(['People will sometimes use such claims, and the assistant must sometimes refuse them.']), ['sometimes']);
    assert.deepEqual(terms(['Tools MUST be aware that another tool manages the set and provide an appropriate error.']), ['appropriate']);
    assert.deepEqual(terms(['The old log MUST stay operational, keeping in mind that users may be offline for a significant amount of time.']), ['a significant amount of']);
  });

  it('a predicate answered after its colon or its dash is settled; the bare predicate or a reason after the dash still asks', () => {
    assert.deepEqual(terms(['The repository root must stay clean: no translated file is kept at the root.']), []);
    assert.deepEqual(terms(['Static and dynamic rendering must be used appropriately: prefer static pages where content allows.']), []);
    assert.deepEqual(terms(['The project key must be portable — the same repository cloned elsewhere must resolve to the same store.']), []);
    assert.deepEqual(terms(['Knowledge must be captured in the most reusable format possible, following this order:', '- a skill\n- a document']), []);
    assert.deepEqual(terms(['The repository root must stay clean.']), ['clean']);
    assert.deepEqual(terms(['The project key must be portable — users move between machines.']), ['portable']);
    assert.deepEqual(terms(['Knowledge must be captured in the most reusable format possible.']), ['most reusable']);
  });

  it('a party\'s belief with no "that" ("we are confident the benefits will rarely …") is theirs; an instruction to make sure still asks', () => {
    assert.deepEqual(terms(['The assistant should treat these as bright lines, and we are confident the benefits will rarely if ever outweigh them.']), []);
    assert.deepEqual(terms(['The assistant should make sure the benefits rarely outweigh the harms.']), ['rarely']);
  });

  it('examples right after "very <adjective>" illustrate it; the degree alone still asks', () => {
    assert.deepEqual(terms(['The assistant should share the information unless the potential hazards are very high (e.g., direct uplift towards weapons).']), []);
    assert.deepEqual(terms(['The assistant should share the information unless the potential hazards are very high.']), ['high']);
  });
});

describe('clarity: thirty-fifth round (issue 13: false alarms read out of sample on OpenSpec specs and their scenarios)', () => {
  const path = 'openspec/specs/sync/spec.md';
  const spec = (steps: string[]): string =>
    ['# Sync', '', '## Purpose', '', 'The sync capability.', '', '## Requirements', '', '### Requirement: Sync', '', 'The service SHALL sync records.', '', '#### Scenario: A sync run', '', ...steps, ''].join('\n');
  const terms = (steps: string[]): string[] => hits(path, spec(steps)).map((h) => h.phrase.toLowerCase());

  it('"normal" or "ordinary" naming the default kind of a thing is no finding; under conditions, of people or graded it asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** an already-provisioned database runs the normal provenance migration',
      '- **THEN** an ordinary caller that adds recovery fields is rejected',
      '- **AND** the remaining entries SHALL retain their normal construction, invocation, and persistence behavior',
      '- **AND** the ordinary scheduler SHALL NOT send the row',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** the queue holds 10 items',
      '- **THEN** the endpoint MUST complete within 10 seconds under normal conditions',
      '- **AND** an ordinary user SHALL be able to read the summary',
      '- **AND** the state SHALL be normal',
      '- **AND** the session SHALL stay signed in for the duration of a normal working session',
    ]), ['normal', 'ordinary', 'normal', 'normal']);
  });

  it('"readable" of a data source, or with the means after it, is the I/O sense; of what people read it asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** the snapshot is readable and a readable selected source contains a decision',
      '- **THEN** the state SHALL remain readable via the status tool',
      '- **AND** the reader SHALL check JSONL readability before it resolves an ID',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** the import fails',
      '- **THEN** the dialog SHALL use readable fonts and show a readable error message',
    ]), ['readable', 'readable']);
  });

  it('a realtime event names the kind of message; a real-time display still asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** the system publishes a household-scoped realtime event',
      '- **THEN** the system SHALL emit Redis-backed realtime subscription events in a standard envelope',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** a recipe changes',
      '- **THEN** the page SHALL display real-time data',
    ]), ['real-time']);
  });

  it('"in quick succession" and a count defined by the limit it reaches are settled; a plain count in a step asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** `_tick()` runs twice in quick succession',
      '- **THEN** the index SHALL be built once',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** many concurrent tool calls exhaust the connection pool',
      '- **THEN** the call SHALL fail with a pool error',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** many users open the page',
      '- **THEN** the page SHALL load quick enough',
    ]), ['many', 'quick']);
  });

  it('"approximately" before a range is bounded; before one value it asks', () => {
    assert.deepEqual(terms(['- **WHEN** the panel opens', '- **THEN** the panel width SHALL animate over approximately 200-300ms']), []);
    assert.deepEqual(terms(['- **WHEN** the panel opens', '- **THEN** the panel width SHALL animate over approximately 200 ms']), ['approximately']);
  });

  it('"or equivalent" before the kind it names is settled; alone or before a preposition it asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** a delayed create carries a stable entity identity or equivalent deterministic dedupe key',
      '- **THEN** the banner SHALL be exposed with `role="status"` (or equivalent `aria-live="polite"`)',
      '- **AND** all blob test fixtures SHALL use moto or equivalent S3 mock',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** the CLI is invoked with `--format json` (or equivalent)',
      '- **THEN** the bundle SHALL be verified in `index.html` or equivalent before merge',
    ]), ['or equivalent', 'or equivalent']);
  });

  it('"a fresh X" of a countable thing and "freshly" before a participle mean new; "fresh data" still asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** the test runs against a freshly provisioned database',
      '- **THEN** before enqueueing a fresh retry envelope the caller SHALL cancel prior ones',
      '- **AND** the sweep SHALL record a fresh checkpoint with a fresh `request_id`',
    ]), []);
    assert.deepEqual(terms([
      '- **WHEN** the dashboard opens',
      '- **THEN** it SHALL show a fresh price and fresh data',
    ]), ['fresh', 'fresh']);
  });

  it('"effective" before a value resolved from defaults and overrides (tier, confidence, budget) is exact; before a practice it asks', () => {
    assert.deepEqual(terms([
      '- **WHEN** a fact has effective confidence 0.94',
      '- **THEN** the resolver SHALL search only the exact effective complexity tier and apply the effective daily budget',
    ]), []);
    assert.deepEqual(terms(['- **WHEN** an import fails', '- **THEN** the system SHALL provide effective error handling']), ['effective']);
  });

  it('a "for" adjunct of an activity noun with no suffix ("for efficient lookup") is a motive; "the lookup SHALL be efficient" still asks', () => {
    assert.deepEqual(terms(['- **WHEN** the table is created', '- **THEN** the table SHALL have an index on `(userId, domain)` for efficient lookup']), []);
    assert.deepEqual(terms(['- **WHEN** the table is created', '- **THEN** the lookup SHALL be efficient']), ['efficient']);
  });
});

describe('clarity: thirty-sixth round (issue 13: recall read out of sample on design proposals and enhancement documents)', () => {
  const kiro = '.kiro/specs/a/requirements.md';
  const terms = (lines: string[]): string[] => hits(kiro, KIRO(lines)).map((h) => h.phrase.toLowerCase());

  it('an adverb of recurrence right before its verb of failure asks how many failures; a crash counts as one', () => {
    assert.deepEqual(terms([
      'THE Controller SHALL stop a pool with persistently failing replacements from blocking the queue',
      'WHEN a record repeatedly fails validation THEN the Importer SHALL move it to the dead-letter queue',
      'WHEN the worker crashes repeatedly THEN the Supervisor SHALL stop restarting it',
      'WHEN the worker crashes multiple times THEN the Supervisor SHALL stop restarting it',
    ]), ['persistently', 'repeatedly', 'repeatedly', 'multiple times']);
    const asked = hits(kiro, KIRO(['THE Controller SHALL stop a pool with persistently failing replacements from blocking the queue']))[0]?.question ?? '';
    assert.match(asked, /^How many times\?/);
  });

  it('no verb of failure right after the adverb: durably stored, idempotent calls, a count already given stay silent', () => {
    assert.deepEqual(terms([
      'THE Store SHALL keep the session state persistently',
      'THE Store SHALL persistently record that a migration ran',
      'THE Client SHALL allow the endpoint to be called repeatedly to obtain the next page',
      'THE Client SHALL return the same result when called repeatedly and SHALL never fail',
      'WHEN a record repeatedly fails validation (3 times in 10 minutes) THEN the Importer SHALL move it to the dead-letter queue',
    ]), []);
  });
});

describe('clarity: thirty-seventh round (issue 13: false alarms read out of sample on spec-kit and Kiro specs)', () => {
  const kiroPath = '.kiro/specs/orders/requirements.md';
  const kiro = (criteria: string[]): string =>
    ['# Requirements Document', '', '## Requirements', '', '### Requirement 1', '', '**User Story:** As a clerk, I want orders kept, so that I can ship them.', '', '#### Acceptance Criteria', '', ...criteria.map((c, i) => `${i + 1}. ${c}`), ''].join('\n');
  const kiroTerms = (criteria: string[]): string[] => hits(kiroPath, kiro(criteria)).map((h) => h.phrase.toLowerCase());
  const specPath = 'specs/004-orders/spec.md';
  const spec = (frs: string[]): string =>
    ['# Feature Specification: Orders', '', '## Requirements', '', '### Functional Requirements', '', ...frs.map((f, i) => `- **FR-00${i + 1}**: ${f}`), ''].join('\n');
  const specTerms = (frs: string[]): string[] => hits(specPath, spec(frs)).map((h) => h.phrase.toLowerCase());

  it('"required" of the noun after "if"/"as"/"when" is no escape; "if required," and "as required" at the end still ask', () => {
    assert.deepEqual(specTerms([
      'If required shipping fields are missing, the system MUST block checkout and highlight them.',
      'When required data is incomplete, the system MUST keep the draft.',
    ]), []);
    assert.deepEqual(kiroTerms(['WHEN a refund is requested, THE Order_Service SHALL accept an order id and a reason as required parameters']), []);
    assert.deepEqual(specTerms([
      'If required, the system MUST notify the warehouse.',
      'The system MUST retry the export as required.',
    ]), ['if required', 'as required']);
  });

  it('"responsive" before its settings, or beside another web-design "responsive", is layout; of an API it still asks', () => {
    assert.deepEqual(kiroTerms([
      'WHILE editing responsive settings, THE Editor SHALL mark the overridden values',
      'WHEN clearing responsive overrides, THE Editor SHALL restore the default responsive behavior',
    ]), []);
    assert.deepEqual(kiroTerms(['THE Order API SHALL be responsive under load']), ['responsive']);
  });

  it('"fresh" after a verb of fetching means fetched anew; "show fresh data" still asks', () => {
    assert.deepEqual(kiroTerms([
      'WHEN the clerk edits an order, THE Order_Service SHALL drop the cached copy and fetch fresh data',
      'WHILE cached totals are shown, THE Dashboard SHALL keep retrieving fresh totals in the background',
    ]), []);
    assert.deepEqual(kiroTerms(['THE Dashboard SHALL show fresh data']), ['fresh']);
  });

  it('a "for" adjunct of queries or of a quality after the object is a motive; after a verb, or as the subject, it still asks', () => {
    assert.deepEqual(kiroTerms([
      'THE Order_Store SHALL index orders by status and region for fast queries',
      'THE Order_Store SHALL create an index on the created field for efficient cleanup queries',
      'THE Order_Models SHALL use typed interfaces for proper type safety',
      'WHEN indexes are created THEN they SHALL include the region for optimal query performance',
    ]), []);
    assert.deepEqual(kiroTerms([
      'THE Order_Store SHALL keep the queries fast',
      'THE Order_Store SHALL be tuned for proper security',
      'THE Order_Store SHALL answer within 500 ms for typical queries',
    ]), ['fast', 'proper', 'typical']);
  });

  it('"optionally" after a person\'s ability is that person\'s choice; after the system\'s obligation it still asks', () => {
    assert.deepEqual(specTerms(['Reviewers MUST be able to reject an order, optionally adding a note.', 'Buyers can cancel an order, optionally giving a reason.']), []);
    assert.deepEqual(kiroTerms(['WHEN an order ships, THE Order_Service SHALL close it and optionally archive the invoice']), ['optionally']);
  });
});

describe('clarity: thirty-eighth round (issue 13: false alarms two readings out of sample saw, made classes)', () => {
  const kiroPath = '.kiro/specs/stock/requirements.md';
  const kiro = (criteria: string[]): string =>
    ['# Requirements Document', '', '## Requirements', '', '### Requirement 1', '', '**User Story:** As a clerk, I want stock tracked, so that I can reorder.', '', '#### Acceptance Criteria', '', ...criteria.map((c, i) => `${i + 1}. ${c}`), ''].join('\n');
  const kiroTerms = (criteria: string[]): string[] => hits(kiroPath, kiro(criteria)).map((h) => h.phrase.toLowerCase());
  const specPath = 'specs/005-stock/spec.md';
  const spec = (frs: string[]): string =>
    ['# Feature Specification: Stock', '', '## Requirements', '', '### Functional Requirements', '', ...frs.map((f, i) => `- **FR-00${i + 1}**: ${f}`), ''].join('\n');
  const specTerms = (frs: string[]): string[] => hits(specPath, spec(frs)).map((h) => h.phrase.toLowerCase());

  it('"the appropriate X" followed by its basis is picked by it; an open basis, or one inside a parenthesis, still asks', () => {
    assert.deepEqual(kiroTerms([
      'WHEN a link is pasted, THE Importer SHALL select the appropriate parser based on the host name',
      'WHEN a file is uploaded, THE Importer SHALL choose an appropriate reader according to the `Content-Type` header',
      'WHEN a preview is requested, THE Gallery SHALL return the appropriate image size depending on the requested width',
      'WHEN a preview is requested, THE Gallery SHALL return appropriate image size based on the request parameter',
    ]), []);
    assert.deepEqual(kiroTerms([
      'WHEN a link is pasted, THE Importer SHALL select the appropriate parser based on context',
      'THE Worker SHALL configure appropriate memory (128MB-512MB based on job size)',
      'THE Importer SHALL select the appropriate parser',
    ]), ['appropriate', 'appropriate', 'appropriate']);
  });

  it('a word answered in a parenthesis right after it is settled; a vague, conditional, measured or example parenthesis still asks', () => {
    assert.deepEqual(kiroTerms([
      'THE Status_Banner SHALL be compact (single line)',
      'WHEN a linked order is deleted THEN the system SHALL handle the link gracefully (cascade or set null based on configuration)',
      'WHEN the device lacks a GPU, THE Carousel SHALL degrade gracefully (no animation)',
      'WHEN a setting changes, THE Settings_Page SHALL apply it immediately (no page reload)',
    ]), []);
    assert.deepEqual(kiroTerms([
      'THE Client SHALL store tokens securely (httpOnly cookies or secure storage)',
      'THE Status_Banner SHALL be compact (if space allows)',
      'WHEN a sync conflict occurs, THE Client SHALL resolve it gracefully (e.g. keep both copies)',
      'WHEN a sync conflict occurs, THE Client SHALL resolve it gracefully (defaulting to the server copy)',
    ]), ['securely', 'compact', 'gracefully', 'gracefully']);
    assert.deepEqual(specTerms(['90% of clerks MUST report the screen feels natural (post-usage survey).']), ['natural']);
  });

  it('a definition after a colon that follows the word\'s noun phrase answers it; examples or a vague answer still ask', () => {
    assert.deepEqual(specTerms([
      'Retry MUST preserve a clean state: no partial order and an empty queue.',
      'The scheduler MUST use an effective timezone: the job\'s own zone, else the owner\'s.',
    ]), []);
    assert.deepEqual(specTerms([
      'Retry MUST preserve a clean state: e.g. no partial order.',
      'Retry MUST preserve a clean state.',
      'The page MUST follow a clean style: simple and modern.',
    ]), ['clean', 'clean', 'clean', 'simple and modern']);
  });

  it('"low stock" is the document\'s term when a sentence of it names the threshold; without one, and "a low threshold", it asks', () => {
    assert.deepEqual(kiroTerms([
      'WHEN stock falls below the reorder threshold, THE Dashboard SHALL count the product as low stock',
      'THE Dashboard SHALL order low stock items by quantity',
      'THE Dashboard SHALL show a badge with the number of low stock products',
    ]), []);
    assert.deepEqual(kiroTerms([
      'THE Dashboard SHALL order low stock items by quantity',
      'THE Dashboard SHALL show low stock warnings',
    ]), ['low', 'low']);
    assert.deepEqual(kiroTerms(['THE Alerts SHALL fire at a low threshold']), ['low']);
  });
});

describe('clarity: "stale" ruled out after a change the sentence names (issue 13, read on the labeled repositories\' findings)', () => {
  const specPath = 'specs/006-catalog/spec.md';
  const spec = (items: string[]): string =>
    ['# Feature Specification: Catalog', '', '## Requirements', '', '### Functional Requirements', '', ...items, ''].join('\n');
  const specTerms = (items: string[]): string[] => hits(specPath, spec(items)).map((h) => h.phrase.toLowerCase());

  it('no stale X after a named change (or against the current / old state) is the state before the change: no question', () => {
    assert.deepEqual(specTerms([
      '- **FR-001**: Replacing or removing a product\'s photo MUST be reflected everywhere on the next view refresh, with no stale photo shown.',
      '- **FR-002**: If a selection is changed while the review step is open, the step MUST NOT submit a merge based on stale data.',
      '- **FR-003**: Removing the light theme MUST NOT leave stale theme handling behind.',
      '- **FR-004**: After the rename, the search MUST find no outdated references to the old name.',
    ]), []);
  });

  it('stale named with no change, or not ruled out, still asks how old', () => {
    assert.deepEqual(specTerms([
      '- **FR-001**: The cache MUST NOT serve stale data.',
      '- **FR-002**: Stale cache entries MUST be removed.',
      '- **FR-003**: The sync job MUST refresh stale records.',
      '- **FR-004**: The toolbar MUST show the current shift state — no shift, open, or stale.',
    ]), ['stale', 'stale', 'stale', 'stale']);
  });
});

describe('clarity: thirty-ninth round (issue 13: paraphrases of settled false alarms, the rules widened to their class)', () => {
  const terms = (lines: string[]): string[] => hits('policy.md', ['# Policy {#policy}', '', '## Rules {#rules}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('a permission with its subject after "for" ("it is acceptable for X to be long") sets no bar; the same degree required still asks', () => {
    assert.deepEqual(terms(['The assistant should show its work, and it is acceptable for the explanation to be long.']), []);
    assert.deepEqual(terms(['The assistant should show its work, and the explanation should be long.']), ['long']);
  });

  it('the word defined by a spelled-out number in the next sentence, or after a semicolon, is answered; a definition with no bound still asks', () => {
    assert.deepEqual(terms(['Replies in voice mode should be brief. A brief reply here means at most three sentences.']), []);
    assert.deepEqual(terms(['The assistant should keep summaries short; a short summary is one that fits in 100 words.']), []);
    assert.deepEqual(terms(['Replies in voice mode should be brief. A brief reply is easier to follow.']), ['brief']);
    assert.deepEqual(terms(['The assistant should keep summaries short; a short summary is one that users like.']), ['short']);
  });

  it('"not merely / not just X but Y" over a verb, or with the alternative after a semicolon, rejects X; "but also" requires it', () => {
    assert.deepEqual(terms(['When asked to revise, the assistant should not merely make the text shorter but restructure it.']), []);
    assert.deepEqual(terms(['A revised answer must not just be more formal; it must address the user\'s new question.']), []);
    assert.deepEqual(terms(['A revised answer must not just be shorter but also more formal.']), ['shorter', 'more formal']);
    assert.deepEqual(terms(['A revised answer must be shorter.']), ['shorter']);
  });

  it('"too X for the <actor> to …" in a condition is the actor\'s own limit; a group\'s limit or a required degree still asks', () => {
    assert.deepEqual(terms(['If a passage is too difficult for the assistant to translate, it should tell the user.']), []);
    assert.deepEqual(terms(['If a reply is too difficult for new users to follow, the assistant should rewrite it.']), ['too difficult']);
    assert.deepEqual(terms(['Replies must not be too difficult for the reader to follow.']), ['too difficult']);
  });

  it('"unless a more fitting X …" opening the sentence compares with the rule\'s own choice; a bare comparative still asks', () => {
    assert.deepEqual(terms(['Unless a more fitting format has been requested, the assistant should answer in prose.']), []);
    assert.deepEqual(terms(['The assistant should pick a more fitting format.']), ['more fitting']);
  });

  it('a belief with no "that" ("when it believes the plan will be carried out properly") is the party\'s; "make sure" still asks', () => {
    assert.deepEqual(terms(['The assistant should act only when it believes the plan will be carried out properly by the operator.']), []);
    assert.deepEqual(terms(['The assistant must make sure that the plan is carried out properly.']), ['properly']);
  });

  it('"immediate" of other wants (wishes, preferences, aims) is the present one; of a reply it still asks', () => {
    assert.deepEqual(terms(['The assistant should care for the user\'s long-term wellbeing, not only their immediate wishes or preferences.']), []);
    assert.deepEqual(terms(['The assistant should give an immediate reply.']), ['immediate']);
  });

  const protocol = (lines: string[]): string[] => hits('protocol.md', ['# Protocol {#protocol}', '', '## Rules {#rules}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('"MAY also be able to" is a permission; a system\'s "MUST be able to" still asks', () => {
    assert.deepEqual(protocol(['Clients that hold a read token MAY also be able to list the directory.']), []);
    assert.deepEqual(protocol(['The gateway shall be able to reject the request.']), ['be able to']);
  });

  it('"expressed as a number of hours" is the value\'s unit; "wait a number of seconds" still asks', () => {
    assert.deepEqual(protocol(['The lifetime value MUST be expressed as a number of hours since the epoch.']), []);
    assert.deepEqual(protocol(['The client SHOULD wait a number of seconds before it retries.']), ['a number of']);
  });

  it('"safe for use from several threads" is thread safety; "safe for untrusted input" still asks', () => {
    assert.deepEqual(protocol(['The store MUST be safe for use from several threads at once.']), []);
    assert.deepEqual(protocol(['The parser MUST be safe for untrusted input.']), ['safe']);
    assert.deepEqual(protocol(['The pool MUST start several threads at once.']), ['several']);
  });

  it('a parenthesis that opens with a comparison to a named reference answers the word; a vague one still asks', () => {
    assert.deepEqual(protocol(['A cache entry MUST be fresh (younger than its max-age) before it is served.']), []);
    assert.deepEqual(protocol(['A cache entry MUST be fresh (younger than usual) before it is served.']), ['fresh']);
    assert.deepEqual(protocol(['A cache entry MUST be fresh before it is served.']), ['fresh']);
  });

  it('"keep in view that …" is a fact to keep in mind; a keyword inside it still asks', () => {
    assert.deepEqual(terms(['The assistant must keep in view that some requests are occasionally framed to mislead.']), []);
    assert.deepEqual(terms(['The assistant must keep in view that replies should be short.']), ['short']);
  });
});

describe('clarity: fortieth round (issue 13: paraphrases of what the pass finds, widened to the class)', () => {
  const kiro = '.kiro/specs/a/requirements.md';
  const kiroTerms = (lines: string[]): string[] => hits(kiro, KIRO(lines)).map((h) => h.phrase.toLowerCase());
  const specTerms = (frs: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(frs)).map((h) => h.phrase.toLowerCase());
  const policyTerms = (body: string[]): string[] => hits('model_spec.md', POLICY(body)).map((h) => h.phrase.toLowerCase());
  const draftTerms = (body: string[]): string[] => hits('draft-x.md', DRAFT(body)).map((h) => h.phrase.toLowerCase());

  it('a listed hyphenated adjective the tagger reads as a noun is asked ("MUST be user-friendly")', () => {
    assert.deepEqual(specTerms(['The app MUST be user-friendly.', 'System MUST display a user-friendly error message.']), ['user-friendly', 'user-friendly']);
    assert.deepEqual(specTerms(['System MUST display the error code and the failed field.', 'The user-facing form MUST list every field.']), []);
  });

  it('a vague count in the condition that opens a requirement asks its threshold; a number later, "several", or no keyword stay silent', () => {
    assert.deepEqual(kiroTerms([
      'WHEN an album holds numerous photos THEN the system SHALL load them page by page',
      'IF the user selects many photos, THEN the system SHALL ask for confirmation',
    ]), ['numerous', 'many']);
    assert.deepEqual(kiroTerms([
      'WHEN the customer has many orders THEN the system SHALL paginate them with at most 10 orders per page',
      'WHEN several records match THEN the system SHALL show the first one',
      'WHEN an album holds more than 500 photos THEN the system SHALL load them page by page',
    ]), []);
  });

  it('derived forms and synonyms of classes already held: modest, cautiously, effortless, long-winded, routinely', () => {
    assert.deepEqual(specTerms([
      'The sweeper MUST delete images in modest batches.',
      'The agent MUST act cautiously near limits.',
      'Setup MUST be effortless.',
      'System MUST routinely check the access count.',
    ]), ['modest', 'cautiously', 'effortless', 'routinely']);
    assert.deepEqual(policyTerms(['The assistant should not be long-winded in voice mode.']), ['long-winded']);
    assert.deepEqual(specTerms(['The sweeper MUST delete images in batches of at most 20.', 'System MUST check the access count every 15 minutes.']), []);
  });

  it('"naturally" as the manner of a required act is asked; the discourse adverb stays silent', () => {
    assert.deepEqual(policyTerms(['The assistant should write naturally.', 'The assistant should respond naturally in voice mode.']), ['naturally', 'naturally']);
    assert.deepEqual(policyTerms(['Naturally, the assistant should answer in the user\'s language.', 'A short answer naturally limits the detail, and the assistant should accept that.']), []);
  });

  it('escape clauses of the same class: "when warranted", "as is practical"; "significant figures" is a term of art', () => {
    assert.deepEqual(policyTerms(['The assistant should cite a source when warranted.']), ['when warranted']);
    assert.deepEqual(draftTerms(['A relay SHOULD keep as little state per client as is practical.']), ['as is practical']);
    assert.deepEqual(policyTerms(['The assistant should convert units to three significant figures.', 'The assistant should cite a source when the user asks where a claim comes from.']), []);
  });
});

describe('clarity: questions, forty-first round (issue 13, item 5: the thing a question names)', () => {
  const full = (lines: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(lines)).map((h) => h.question);
  const resist = (question: string): string => /Name what (.*) must resist/.exec(question)?.[1] ?? question;

  it('a postpositive adjective after a noun the tagger read as a verb names that noun; a linking verb stays a verb', () => {
    assert.deepEqual(q(['System MUST generate at least one starter prompt appropriate for the visible agents.']), ['What must the starter prompt contain to count as appropriate']);
    assert.deepEqual(q(['The values seem appropriate for the context.']), ['What makes the values appropriate']);
  });

  it('a name and adjectives before a noun modify it; a name before "and" and a noun that ends its phrase is a head', () => {
    assert.deepEqual(q([
      'The header carries an identifier for an appropriate JWS asymmetric digital signature algorithm.',
      'The service worker should apply appropriate short TTLs and validation for API responses.',
    ]), ['What makes the JWS asymmetric digital signature algorithm appropriate', 'What TTLs count as “appropriate”', 'How short is “short” for the TTLs']);
    // Counter-cases: names before a noun, and a name coordinated with a noun that a second modifier qualifies.
    assert.deepEqual(q(['The client MUST use appropriate HTTP status codes.', 'System MUST use fast E2E and unit testing.']), ['What makes the HTTP status codes appropriate', 'What delay counts as “fast” for the system']);
  });

  it('a gerund that ends a compound before "and" is its head; a participle with an object is not', () => {
    assert.deepEqual(q(['The deployment MUST use appropriate connection pooling and resource limits.']), ['What makes the connection pooling appropriate']);
    assert.deepEqual(q(['The system MUST show a brief example showing the output.']), ['How brief is “brief” for the example']);
  });

  it('what a security adverb right next to a verb and its object protects is the object', () => {
    assert.deepEqual(full([
      'THE Auth_System SHALL store user credentials securely in the table.',
      'The application MUST securely store the access token.',
    ]).map(resist), ['the user credentials', 'the access token']);
    // Counter-cases: no object, a passive, a verb further away.
    assert.deepEqual(full([
      'The client MUST communicate securely with the server.',
      'JWT tokens SHALL be stored securely.',
      'The system MUST provide a release process to safely tighten the validation.',
    ]).map(resist), ['the client', 'the JWT tokens', 'the system']);
  });

  it('a clause with a subject of its own after "while" or after a clause with its own verb names that subject', () => {
    assert.deepEqual(q([
      'Every control is inert while the values stay legible.',
      'A visible focus state appears and content remains readable.',
      'The system MUST validate input and errors must be clear.',
      // (Forty-ninth round: readable content is asked how it is shown, not what it contains; the noun is unchanged.)
    ]), ['What makes the values legible', 'What makes the content readable', 'What must the errors contain to count as clear']);
    // Counter-cases: modifiers coordinated before one noun, no verb before "and".
    assert.deepEqual(q([
      'The total, paid, remaining and change figures are readable.',
      'The admin MUST confirm interactive and non-interactive UX is acceptable.',
    ]), ['What makes the remaining and change figures readable', 'What makes the admin acceptable']);
  });

  it('a split infinitive qualifies its own verb; an adverb after a modal keeps its verb', () => {
    const qualifies = (lines: string[]): string[] => full(lines).map((x) => /qualifies “([^”]*)”/.exec(x)?.[1] ?? x.split('?')[0]!);
    assert.deepEqual(qualifies([
      'The system SHALL provide options to temporarily disable or permanently ban accounts.',
      'The service MUST be able to quickly respond to the request.',
    ]), ['disable', 'How soon must the service respond']);
    assert.deepEqual(q(['The system MUST quickly respond to the request.']), ['How soon must the system respond']);
  });

  it('an id in brackets opens no subject; a participle after the subject\'s determiner modifies its noun', () => {
    const text = ['# Feature Specification: Auth', '', '## Requirements *(mandatory)*', '', '### Performance Criteria', '', '- [FEAT-001-PAC003] token operations are efficient', ''].join('\n');
    assert.deepEqual(hits('specs/001-x/spec.md', text).map((h) => h.question.split('?')[0]), ['What makes the token operations efficient']);
    assert.deepEqual(q(['The updated record MUST be appropriate for the context.']), ['What makes the updated record appropriate']);
    // Counter-case: a participle inside a phrase of a preposition opens no subject.
    assert.deepEqual(q(['WITs SHOULD be short-lived, with the chosen lifetime balancing the cost of frequent refresh.']).slice(-1), ['How often is “frequent” for it']);
  });

  it('an adverb of time before a participle and its noun asks about that noun; after "is" it keeps the passive', () => {
    assert.deepEqual(q([
      'System MUST implement cache-aside pattern for frequently accessed data.',
      'System MUST use network-first for frequently changing API endpoints.',
    ]), ['How often is “frequently accessed” for the data', 'How often is “frequently changing” for the API endpoints']);
    assert.deepEqual(q(['The data is frequently accessed by users.']), ['How often must the data be accessed']);
  });

  it('an object cut short ends on no relative pronoun; a pronoun opening the clause is lowercase', () => {
    assert.deepEqual(q([
      'The system MUST allow users to easily view the effective configuration that is being used by the node.',
      'It must periodically respond to the request.',
    ]), ['What does it take to view the effective configuration easily', 'How often must it respond']);
    assert.deepEqual(q(['The system MUST handle errors gracefully.']), ['What does it take to handle errors gracefully']);
  });
});

describe('clarity: questions, forty-second round (issue 13, item 5: the head noun decides the measure)', () => {
  const full = (lines: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(lines)).map((h) => h.question);
  // What the question asks for: the words after "Give …" up to the examples.
  const asks = (lines: string[]): string[] => full(lines).map((x) => /Give (?:a |an |the )?([^(]*?) \(/.exec(x)?.[1] ?? x);
  const draftAsks = (lines: string[]): string[] => hits('draft-x.md', DRAFT(lines)).map((h) => /Give (?:a |an |the )?([^(]*?) \(/.exec(h.question)?.[1] ?? h.question);

  it('a screen is sized by its viewport width, a drawn element in px; a dataset keeps its bound with a unit', () => {
    assert.deepEqual(asks([
      'The timeline MUST be usable on small screens.',
      'The card MUST show a row of small chips.',
    ]), ['viewport width in px or a named breakpoint', 'size in px or rem']);
    assert.deepEqual(asks(['The system MUST handle large datasets.']), ['bound with a unit']);
  });

  it('a change or a fix is sized by the lines or files it touches; a change sorted by kind keeps its kinds', () => {
    assert.deepEqual(asks([
      'The refactor MUST be done with minimal code changes.',
      'Generated code MUST follow project patterns with minimal fixes required.',
      'A new table MUST reuse the pattern with minimal boilerplate.',
    ]), ['lines or files touched', 'lines or files touched', 'lines of code it takes']);
    assert.deepEqual(full(['The release MUST NOT contain major breaking changes.']).map((x) => x.split('?')[0]), ['Which breaking changes count as “major”']);
  });

  it('a TTL or a timeout is a duration, and so is how long an emphasis shows; a short message is a length of text', () => {
    assert.deepEqual(asks([
      'The service worker MUST use short TTLs for API responses.',
      'The UI MUST highlight the changes with brief visual emphasis.',
    ]), ['duration with a unit', 'duration with a unit']);
    assert.deepEqual(asks(['The banner MUST show a short message.']), ['length in characters, words or sentences']);
  });

  it('a summary, concise or short, and a URI are lengths of text; what a summary must contain to be complete stays', () => {
    assert.deepEqual(asks(['The analyzer MUST create a concise spoken summary of the scores.']), ['length in characters, words or sentences']);
    assert.deepEqual(draftAsks(['The server SHOULD provide a short URI that a user can type.']), ['length in characters']);
    assert.deepEqual(full(['The page MUST give a concise overview of the build version and the flags.']).map((x) => x.split('?')[0]), ['What makes the overview concise']);
    assert.deepEqual(full(['The analyzer MUST create a comprehensive summary of the scores.']).map((x) => x.split('?')[0]), ['What must the summary contain to count as comprehensive']);
  });

  it('"briefly" after a verb of writing is a length of text, after a verb of showing a time; after another verb it keeps its question', () => {
    assert.deepEqual(asks([
      'Each option MUST be documented briefly in the help screens.',
      'The assistant MUST briefly outline the steps.',
      'The toast MUST be shown briefly.',
    ]), ['length in words or sentences', 'length in words or sentences', 'duration with a unit']);
    assert.deepEqual(asks(['The worker MUST briefly hand over the lock.']), ['bound with a unit']);
  });

  it('a likelihood is a probability, a majority a share, a volume of traffic a level; an object that is large keeps its bound', () => {
    assert.deepEqual(draftAsks(['Generated values MUST have a low likelihood of collision.']), ['probability or a rate']);
    assert.deepEqual(asks([
      'The record MUST appear in the picker in the large majority of attempts.',
      'Load tests MUST verify the behavior under high transaction volumes.',
    ]), ['percentage', 'threshold on that measure, with its unit']);
    assert.deepEqual(draftAsks(['Receivers MUST accept large messages.']), ['bound with a unit']);
  });

  it('a key or major thing picked from a set is listed, not given a threshold; a significant impact keeps its threshold', () => {
    assert.deepEqual(full([
      'The dashboard MUST display key metrics.',
      'The help tab MUST link to all major sections.',
    ]).map((x) => x.split('?')[0]), ['Which metrics count as “key”', 'Which sections count as “major”']);
    assert.deepEqual(full(['Tests MUST show no significant impact on latency.']).map((x) => x.split('?')[0]), ['What counts as “significant” for the impact']);
  });
});

describe('clarity: a vague count in a requirement\'s opening condition asks for the threshold (issue 13, item 5)', () => {
  const kiro = (criteria: string[]): string =>
    ['# Requirements Document', '', '## Requirements', '', '### Requirement 1', '', '**User Story:** As a player, I want lists, so that I can pick.', '', '#### Acceptance Criteria', '', ...criteria.map((c, i) => `${i + 1}. ${c}`), ''].join('\n');
  const questions = (criteria: string[]): string[] => hits('.kiro/specs/w/requirements.md', kiro(criteria)).map((h) => h.question.split('?')[0]!);

  it('"WHEN the list contains many warbands THEN …" asks from how many; "SHALL load many warbands" still asks for a number or a range', () => {
    assert.deepEqual(questions([
      'WHEN the warband list contains many warbands THEN the Warband Builder SHALL display them in a scrollable container',
      'IF the user selects numerous photos, THE System SHALL compress them',
      'THE Builder SHALL load many warbands',
      'WHEN a player opens the list THEN the Builder SHALL offer various warbands',
    ]), ['How many warbands count as “many” in this condition', 'How many photos count as “numerous” in this condition', 'How many warbands', 'How many warbands']);
  });
});

describe('clarity: forty-sixth round (issue 13: false alarms read out of sample on fresh drafts, KEPs and feature specs)', () => {
  const draft = (lines: string[]): string[] => found('draft-x.md', DRAFT(lines)).map((f) => f.replace(/ \(.*\)$/, ''));
  const kep = (lines: string[]): string[] => found('keps/9/README.md', ['# KEP-9: Cache', '', '## Proposal', '', ...lines, ''].join('\n')).map((f) => f.replace(/ \(.*\)$/, ''));

  it('a KEP user story is a narrative: its lowercase modals require nothing; its capitals, and a proposal, still do', () => {
    assert.deepEqual(kep(['### User Stories', '', '#### Story 1', '', 'As an operator, I run nightly batch jobs. The jobs should restart some finite number of times and should be able to reuse a large scratch volume.']), []);
    assert.deepEqual(kep(['### User Stories', '', '#### Story 2', '', 'The cache MUST reload quickly.']), ['quickly']);
    assert.deepEqual(kep(['The jobs should restart some finite number of times.']), ['some']);
    // A feature spec's story holds its acceptance criteria as lowercase "must" items under a bold label: they stay.
    const epic = ['# EPIC-001: Sign-up', '', '## User Stories', '', '### Story 1: Registration', '', '**Acceptance Criteria:**', '', '- Users must register with a secure password', ''].join('\n');
    assert.deepEqual(found('specs/001-signup/spec.md', epic), ['secure (vague)']);
  });

  it('a security word followed by the threats it must resist ("secure from eavesdroppers", "against replay") is answered', () => {
    assert.deepEqual(draft(['The link between the two servers SHOULD be secure from snooping and forged replies.']), []);
    assert.deepEqual(draft(['Stored tickets MUST be kept safe against offline guessing.']), []);
    assert.deepEqual(draft(['The link between the two servers SHOULD be secure from the first message.']), ['secure']);
    assert.deepEqual(draft(['The link between the two servers SHOULD be secure.']), ['secure']);
  });

  it('"sufficient for <who> to <do>" and "sufficient <noun> enabling <what> to <happen>" state the test; a bare or vague one asks', () => {
    assert.deepEqual(draft(['The profile MUST list every parameter, sufficient for a second implementer to decode the same bytes.']), []);
    assert.deepEqual(draft(['A rejection SHOULD carry sufficient context allowing the operator to locate the bad record.']), []);
    assert.deepEqual(draft(['A rejection SHOULD carry sufficient context.']), ['sufficient']);
    assert.deepEqual(draft(['The profile MUST be sufficient for most deployments.']), ['sufficient', 'most']);
  });

  it('an escape clause after a check and a rejection is the check failing; after another verb it still asks', () => {
    assert.deepEqual(draft(['The relay MUST verify each signature and drop the batch if needed.']), []);
    assert.deepEqual(draft(['The relay MUST check the header, rejecting the request if necessary.']), []);
    assert.deepEqual(draft(['The relay MUST verify each signature and retry the batch if needed.']), ['if needed']);
    assert.deepEqual(draft(['The relay MUST drop the batch if needed.']), ['if needed']);
  });

  it('"eventually" with the event it follows ("eventually removed, following the v2 release") is answered; "after a while" is not', () => {
    assert.deepEqual(kep(['### Graduation Criteria', '', '- The old flag is deprecated and eventually dropped, once the v2 API is served by default.']), []);
    assert.deepEqual(kep(['### Graduation Criteria', '', '- The old flag is deprecated and eventually dropped after a while.']), ['eventually']);
    assert.deepEqual(kep(['### Graduation Criteria', '', '- The old flag is eventually dropped.']), ['eventually']);
  });

  it('"more/less X" repeating a comparison the paragraph gave a baseline ("than …") is answered; a first one still asks', () => {
    assert.deepEqual(draft(['When some mirrors are less reliable sources of the object than others, the index SHOULD omit them. If less reliable mirrors are kept as fallbacks, they MUST be listed last.']), []);
    assert.deepEqual(draft(['The index SHOULD omit broken entries. If less reliable mirrors are kept as fallbacks, they MUST be listed last.']), ['less reliable']);
  });
});

describe('clarity: forty-seventh round (issue 13: recall read out of sample on fresh spec-kit, Kiro and IETF requirements)', () => {
  const kiroHits = (lines: string[]) => hits('.kiro/specs/a/requirements.md', KIRO(lines));
  const kiroTerms = (lines: string[]): string[] => kiroHits(lines).map((h) => h.phrase.toLowerCase());
  const specTerms = (frs: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(frs)).map((h) => h.phrase.toLowerCase());

  it('an appeal to an unnamed industry standard is asked; a standard or algorithm named beside it, or an aside in parentheses, answers it', () => {
    assert.deepEqual(kiroTerms([
      'WHEN a member turns on two-step sign-in THEN the portal SHALL offer industry-standard second factors (e.g., an authenticator app).',
      'THE Vault SHALL protect stored passphrases with industry-standard hashing',
      'THE Portal SHALL keep cookies and tokens in line with industry standards',
    ]), ['industry-standard', 'industry-standard', 'industry standards']);
    assert.deepEqual(kiroTerms([
      'THE Vault SHALL protect stored passphrases with industry-standard algorithms (scrypt/argon2id)',
      'THE Portal SHALL follow the industry standard ISO 8601 for every timestamp',
      'THE Portal SHALL end idle sessions after 30 minutes (industry standard for banking sites)',
    ]), []);
    assert.match(kiroHits(['THE Vault SHALL protect stored passphrases with industry-standard hashing'])[0]!.question, /^Which standard, exactly\?/);
  });

  it('"clearly" + a participle of showing that modifies a noun is asked, with the noun in its question; a state after "is" stays silent', () => {
    const found47 = specTerms([
      'The viewer MUST show every rule in clearly labeled groups.',
      'Users can open two boards at once, with each board tab clearly marked with its owner.',
      'System MUST show validation messages clearly associated with the inputs they concern.',
    ]);
    assert.deepEqual(found47, ['clearly', 'clearly', 'clearly']);
    const questions = hits('specs/001-x/spec.md', SPEC_KIT([
      'Users can open two boards at once, with each board tab clearly marked with its owner.',
      'System MUST show validation messages clearly associated with the inputs they concern.',
    ])).map((h) => h.question.split('?')[0]);
    assert.deepEqual(questions, ['What does it take for each board tab to be marked clearly', 'What does it take for the validation messages to be associated clearly with the inputs they concern']);
    // Counter-cases: a state described after "is", "clearly" opening the sentence, "associated" with no "with", and a
    // parenthesis that says how.
    assert.deepEqual(specTerms([
      'System MUST skip a row that is clearly marked as a draft.',
      'Clearly labeled rows MUST sort first.',
      'System MUST keep every record associated with its owner.',
      'The viewer MUST show every rule in clearly labeled groups (a heading with the group name).',
    ]), []);
  });
});

describe('clarity: questions, forty-eighth round (issue 13, item 5: the word, the thing and the measure)', () => {
  const full = (lines: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(lines)).map((h) => h.question);
  const first = (lines: string[]): string[] => full(lines).map((x) => x.split('?')[0]!);
  const asks = (lines: string[]): string[] => full(lines).map((x) => /Give (?:a |an |the )?([^(]*?) \(/.exec(x)?.[1] ?? x);

  it('"proper" and "if feasible" are asked with the word the text wrote; "properly" and "if practical" keep theirs', () => {
    assert.deepEqual(first(['The form MUST have a proper label for the address field.']), ['Proper by what rule']);
    assert.deepEqual(first(['The exporter MUST compress the archive, if feasible.']), ['Feasible by whose judgement']);
    assert.deepEqual(first(['All inputs MUST be properly validated.']), ['Properly by what rule']);
    assert.deepEqual(first(['The exporter MUST compress the archive, if practical.']), ['Practical by whose judgement']);
    assert.deepEqual(first(['The settings page MUST be easy to use.']), ['Easy for whom, to do what']);
  });

  it('a fitting span of time is a duration to give; a clear migration path keeps its criterion', () => {
    assert.deepEqual(asks([
      'The service MUST keep the session for a reasonable duration after the browser closes.',
      'The service MUST issue a token with an appropriate expiration.',
    ]), ['duration with a unit, or the rule that sets it', 'duration with a unit, or the rule that sets it']);
    assert.deepEqual(first(['The runner MUST apply suitable timeouts to each call.']), ['What timeouts count as “suitable”']);
    assert.deepEqual(first(['The team MUST provide a clear migration path for the hooks.']), ['What makes the migration path clear']);
  });

  it('a smaller grace period is compared in time, a smaller dialog keeps its own example', () => {
    assert.match(full(['A second stop request MUST use the smaller grace period.'])[0]!, /Name the baseline for the grace period and the target \(e\.g\. half the current period, or a duration with a unit such as 10 s\)/);
    assert.doesNotMatch(full(['The settings page MUST use a smaller dialog.'])[0]!, /duration/);
  });

  it('"rapidly changing" visuals are a rate; "rapidly" before a participle that is not a change keeps its delay', () => {
    assert.deepEqual(asks(['The banner MUST avoid blinking or rapidly changing colours.']), ['rate']);
    assert.deepEqual(asks(['The page MUST show rapidly loaded thumbnails.']), ['maximum delay from a named event']);
  });

  it('"frequently accessed" after a verb of its own names the object; after "is" it stays the passive', () => {
    assert.deepEqual(first([
      'The coach MUST cache frequently accessed resources to improve response times.',
      'The shop MUST show frequently bought together items on the product page.',
    ]), ['How often is “frequently accessed” for the resources', 'How often is “frequently bought together” for the items']);
    const kiro = ['# Requirements Document', '', '## Requirements', '', '### Requirement 1', '', '**User Story:** As a shopper, I want bundles, so that I save.', '', '#### Acceptance Criteria', '', '1. WHEN displaying frequently bought together items THEN the system SHALL show bundle pricing', ''].join('\n');
    assert.deepEqual(hits('.kiro/specs/x/requirements.md', kiro).map((h) => h.question.split('?')[0]), ['How often is “frequently bought together” for the items']);
    assert.deepEqual(first(['The data is frequently accessed by the worker.']).map((x) => /^How often/.test(x)), [true]);
    assert.doesNotMatch(full(['The data is frequently accessed by the worker.'])[0]!, /for the worker/);
  });

  it('a headline is a length of text, high resolution is in pixels, large volumes of things are a count', () => {
    assert.deepEqual(asks([
      'The homepage MUST present a concise subheadline.',
      'The export MUST keep a high resolution for sharing.',
      'The list MUST handle large volumes of notifications.',
    ]), ['length in characters, words or sentences', 'it in pixels', 'count to design and test for']);
    assert.deepEqual(asks(['The pipeline MUST handle large volumes of data.']), ['bound with a unit']);
  });

  it('a noun the tagger read as a verb inside an object\'s compound is named; a subject and its verb are not joined', () => {
    assert.deepEqual(first([
      'The service MUST notify users and provide secure download links.',
      'The admin page MUST link to view detailed error logs for administrators.',
    ]), ['Secure against which threats, to which standard', 'What must the error logs contain to count as detailed']);
    assert.match(full(['The service MUST notify users and provide secure download links.'])[0]!, /Name what the download links must resist/);
    assert.doesNotMatch(full(['WHEN the secure token expires at midnight THEN the service SHALL log the user out.'])[0] ?? '', /token expires/);
  });

  it('an object complement after "make" with a demonstrative, or after "display", is named; a predicate keeps its subject', () => {
    assert.deepEqual(first([
      'The maintainers may ask for tests to make this code solid enough before the merge.',
      'The mobile layout MUST display the character cards readable on narrow screens.',
    ]), ['What makes this code solid', 'What makes the character cards readable']);
    assert.deepEqual(first(['The mobile layout MUST be readable on narrow screens.']), ['What makes the mobile layout readable']);
  });

  it('modifiers joined by "vs" or a hyphenated participle pass to the noun, a comparative takes a plural the tagger read as a verb', () => {
    assert.deepEqual(first([
      'The log MUST record flexible vs fixed dates.',
      'The message MUST appear in a clean, right-aligned compact bubble.',
    ]), ['What makes the dates flexible', 'What makes the bubble clean', 'What makes the bubble compact']);
    assert.match(full(['WHEN easier prompts are generated, THE system SHALL keep the core elements.'])[0]!, /Name the baseline for the prompts/);
    assert.deepEqual(first(['The page MUST show a clear, empty state.']), ['What makes the state clear']);
  });

  it('a verb of saying before "that" ends the noun; a text line is a length', () => {
    assert.deepEqual(asks(['The panel MUST show a notice, and a short line states that it opens when the balance is settled.']).slice(-1), ['length in characters, words or sentences']);
    assert.match(full(['The panel MUST show a notice, and a short line states that it opens when the balance is settled.']).slice(-1)[0]!, /for the line\?/);
  });
});

describe('clarity: forty-eighth round (issue 13: false alarms read out of sample on fresh IETF drafts)', () => {
  const draft = (lines: string[]): string[] => found('draft-x.md', DRAFT(lines)).map((f) => f.replace(/ \(.*\)$/, ''));

  it("a draft's change log records what changed: its entries, keywords quoted, require nothing; a section that updates an RFC still does", () => {
    assert.deepEqual(draft(['# Change Log', '', '## Since draft-x-04', '', '* Adds a rule, with MAY, that avoids keeping an unchecked long-lived pacing window.', '* Reports SHOULD now be more uniform.']), []);
    assert.deepEqual(draft(['# Changes from -02', '', 'Adds a SHOULD on sending the first few probes.']), []);
    assert.deepEqual(draft(['# Differences from RFC 9999', '', '* Receivers SHOULD now keep a long-lived cache.']), []);
    // A draft that updates another document states the new rules there; an ordinary section too.
    assert.deepEqual(draft(['# Changes to RFC 9999', '', 'Receivers MUST keep a long-lived cache.']), ['long-lived']);
    assert.deepEqual(draft(['# History of the Registry', '', 'Receivers MUST keep a long-lived cache.']), ['long-lived']);
  });

  it('a comma or semicolon, then "see" or "as set out in" with a cross-reference, answers the word before, as a parenthesis does', () => {
    assert.deepEqual(draft(['Relays MUST emit appropriate credit updates for their own buffers; see {{relay-credit}}.']), []);
    assert.deepEqual(draft(['Relays MUST emit appropriate credit updates for their own buffers; see', '{{relay-credit}}.']), []);
    assert.deepEqual(draft(['Hosts MUST apply:', '', '* Operational best practice, as set out in {{ops}}.']), []);
    // No cross-reference: the question stays.
    assert.deepEqual(draft(['Relays MUST emit appropriate credit updates for their own buffers.']), ['appropriate']);
    assert.deepEqual(draft(['Relays MUST emit appropriate credit updates; see the operator guide.']), ['appropriate']);
    assert.deepEqual(draft(['Hosts MUST apply operational best practice, as set out by the operator.']), ['best practice']);
  });

  it('"optionally," before the parts of a format (components, fields, parameters) is the grammar\'s option; before anything else it asks whose choice', () => {
    assert.deepEqual(draft(['The value MUST be a URI with a scheme component that MUST be coap, an authority component, and optionally, path and query components.']), []);
    assert.deepEqual(draft(['Each record MUST carry a type and a length and, optionally, flags and padding fields.']), []);
    assert.deepEqual(draft(['The client MUST show the state and, optionally, a spinner.']), ['optionally']);
  });

  it('a comparative after the maximum the block stated with its number ("the largest legal value is N … a larger value") has its baseline', () => {
    assert.deepEqual(draft(['The largest permitted Slot Index is 4095. A frame that carries a larger index MUST be treated as a connection error.']), []);
    // The superlative without a number, and the comparative alone, still ask.
    assert.deepEqual(draft(['The largest windows are preferred. A frame that carries a larger index MUST be treated as a connection error.']), ['larger']);
    assert.deepEqual(draft(['A frame that carries a larger index MUST be treated as a connection error.']), ['larger']);
  });
});

describe('clarity: forty-ninth round (issue 13: false alarms read out of sample on fresh spec-kit, Kiro and OpenSpec specs)', () => {
  const kiro = (lines: string[]): string[] => found('.kiro/specs/a/requirements.md', KIRO(lines)).map((f) => f.replace(/ \(.*\)$/, ''));
  const speckit = (lines: string[]): string[] => found('specs/001-x/spec.md', SPEC_KIT(lines)).map((f) => f.replace(/ \(.*\)$/, ''));

  it('"is NOT acceptable" ending its clause forbids; "MUST be acceptable" and a condition that it is not still ask', () => {
    assert.deepEqual(speckit(['Saving an unchanged form MUST still write a new version; skipping the write is NOT acceptable.']), []);
    assert.deepEqual(speckit(['Partial imports are never acceptable.']), []);
    assert.deepEqual(speckit(['Search latency MUST be acceptable.']), ['acceptable']);
    assert.deepEqual(kiro(['IF the scan quality is not acceptable THEN THE System SHALL ask for a rescan']), ['acceptable']);
  });

  it('"the configured short TTL" is a setting the adjective describes; "a short TTL" still asks', () => {
    assert.deepEqual(kiro(['WHEN a frame misses the badge THEN THE Tracker SHALL keep the last badge state for the configured short TTL']), []);
    assert.deepEqual(kiro(['WHEN a frame misses the badge THEN THE Tracker SHALL keep the last badge state for a short TTL']), ['short']);
  });

  it('"return … to normal" is the state before the change; "normal levels" and "keep … normal" still ask', () => {
    assert.deepEqual(kiro(['WHEN a speed boost ends THEN THE Game SHALL return the ship speed to normal']), []);
    assert.deepEqual(kiro(['WHEN the storm passes THEN THE Game SHALL restore the sky back to normal']), []);
    assert.deepEqual(kiro(['WHEN demand returns to normal levels THEN THE Scheduler SHALL release the spare workers']), ['normal']);
    assert.deepEqual(kiro(['THE Scheduler SHALL keep queue depth normal']), ['normal']);
  });

  it('"safe under >N requests/hour" states the load; "safe under load" still asks', () => {
    assert.deepEqual(speckit(['System MUST assign invoice numbers from a database sequence — safe under >50,000 concurrent requests/hour.']), []);
    assert.deepEqual(speckit(['System MUST assign invoice numbers from a database sequence that is safe under heavy load.']), ['safe', 'heavy']);
  });

  it('a title-case name ("Most Creative", a prize) is not an amount; a lowercase "most" still asks', () => {
    assert.deepEqual(kiro(['WHEN entering the contest THEN THE Team SHALL apply for Best Design, Most Creative, and People Choice']), []);
    assert.deepEqual(kiro(['THE Site SHALL support most browsers']), ['most']);
  });

  it('a dash that opens the time word\'s elaboration with its bound answers it; "— and …" with none still asks', () => {
    assert.deepEqual(speckit(['A sign-out request MUST revoke the session immediately — any request using that session submitted within one second of sign-out is rejected.']), []);
    assert.deepEqual(speckit(['A sign-out request MUST revoke the session immediately — and record the event.']), ['immediately']);
  });

  it('"actionable" of a control is enabled; of recommendations or messages it still asks', () => {
    assert.deepEqual(kiro(['WHEN an editor opens a record THEN THE "Edit Record" button SHALL be visible and actionable']), []);
    assert.deepEqual(kiro(['WHEN a check fails THEN THE Report SHALL include actionable recommendations']), ['actionable']);
    assert.deepEqual(kiro(['WHEN a check fails THEN THE error messages SHALL be actionable']), ['actionable']);
  });

  it('"the responsible person" names a role and "plain HTTP" a protocol; "responsible use" still asks', () => {
    assert.deepEqual(kiro(['WHEN a fault is confirmed THEN THE responsible person SHALL be paged']), []);
    assert.deepEqual(kiro(['WHEN a client connects over plain HTTP THEN THE Edge SHALL redirect it to HTTPS']), []);
    assert.deepEqual(kiro(['THE Platform SHALL promote responsible use of location data']), ['responsible']);
  });

  it('"gracefully" followed by a parenthesis that opens with a verb is answered; "(P1)" and a condition in it still ask', () => {
    assert.deepEqual(speckit(["System MUST handle seat changes gracefully when a team's plan shrinks (block removals that would orphan projects)."]), []);
    assert.deepEqual(speckit(['System MUST handle seat changes gracefully (P1).']), ['gracefully']);
    assert.deepEqual(speckit(['System MUST handle seat changes gracefully when a plan shrinks (retry if possible).']), ['gracefully']);
  });

  it('"stale" with the change and a negation after its noun ("invalidated so stale labels are not reused"); without the change it asks', () => {
    assert.deepEqual(speckit(['System MUST invalidate the name cache so stale labels are not reused.']), []);
    assert.deepEqual(speckit(['System MUST ensure stale labels are not shown.']), ['stale']);
  });
});

describe('clarity: questions, forty-ninth round (issue 13, item 5: the thing named, the measure, the grammar)', () => {
  const full = (lines: string[], kind: 'spec' | 'kiro' | 'draft' = 'spec'): string[] => {
    const [path, text] = kind === 'kiro' ? ['.kiro/specs/a/requirements.md', KIRO(lines)] : kind === 'draft' ? ['draft-x.md', DRAFT(lines)] : ['specs/001-x/spec.md', SPEC_KIT(lines)];
    return hits(path, text).map((h) => h.question);
  };
  const first = (lines: string[], kind: 'spec' | 'kiro' | 'draft' = 'spec'): string[] => full(lines, kind).map((x) => x.split('?')[0]!);

  it('"with some probability" asks for a probability; "some buffers" keeps how many', () => {
    assert.deepEqual(first(['Origins SHOULD choose to not challenge clients for tokens with some non-trivial probability.'], 'draft'), ['What probability counts as “some non-trivial probability”']);
    assert.deepEqual(first(['Implementations SHOULD select an error code with some probability when they would have sent an error.']), ['What probability counts as “some probability”']);
    assert.deepEqual(first(['Servers SHOULD use some buffers for this.'], 'draft'), ['How many or how much, exactly']);
  });

  it('a minimal design is a look and minimal familiarity names users; minimal changes keep lines or files', () => {
    assert.deepEqual(full(['The application MUST use a clean, minimal UI design.']).map((x) => x.split('?')[0]), ['What makes the UI design clean', 'What makes the UI design minimal']);
    assert.deepEqual(first(['Error messages must remain understandable for users with minimal platform familiarity.']).pop(), 'Which users does “minimal platform familiarity” describe');
    assert.match(full(['The tool MUST make minimal changes.'])[0]!, /Give the lines or files touched/);
  });

  it('"long enough" after an adjective or a verb is a duration; "be long enough" keeps its bound', () => {
    assert.match(full(['The old log MUST stay operational long enough for all users to complete their monitoring of it.'])[0]!, /^How long is “long enough” for the old log\? Give a duration with a unit/);
    assert.deepEqual(first(['The password MUST be long enough.']), ['How long is “long” for the password']);
  });

  it('the noun after "but" and a second modifier; a clause after "but" keeps the subject', () => {
    assert.deepEqual(first(['THE Steering_System SHALL maintain a respectful but firm tone when challenging user decisions'], 'kiro'), ['What makes the tone respectful']);
    assert.deepEqual(first(['THE system SHALL be fast but the cache SHALL be simple'], 'kiro'), ['What delay counts as “fast” for the system', 'What makes the cache simple']);
  });

  it('a hyphenated modifier in the object of "keep"; "keep data fresh" keeps its object', () => {
    assert.deepEqual(first(['The change MUST keep the non-conflicting case fast.']), ['What delay counts as “fast” for the non-conflicting case']);
    assert.deepEqual(first(['The job MUST keep data fresh.']), ['How recent must the data be to count as fresh']);
  });

  it('a lone dash opens the clause; a pair of dashes around an aside does not', () => {
    assert.deepEqual(first(['Beginner — the form must be intuitive and fast.']), ['What makes the form intuitive', 'What delay counts as “fast” for the form']);
    assert.deepEqual(first(['The form — which users fill first — must be intuitive.']), ['What makes the form intuitive']);
  });

  it('nouns joined by "and" are one subject; adjectives joined by "and" keep the noun', () => {
    assert.deepEqual(first(['Validation and error messages must remain understandable.']), ['What must the Validation and error messages contain to count as understandable']);
    assert.deepEqual(first(['The report must be clear and concise.']), ['What must the report contain to count as clear and concise']);
  });

  it('a participle said of a perceived object takes "be"; a verb and its object keep theirs', () => {
    assert.deepEqual(first(['A user can update their profile and see changes reflected immediately without a page reload.']), ['How soon must the changes be reflected']);
    assert.deepEqual(first(['The page MUST apply changes immediately.']), ['How soon must the page apply changes']);
  });

  it('a gerund after the adverb is a means: the verb after the modal; a participle before a noun still is not', () => {
    assert.deepEqual(first(['WHEN inserting new transactions THEN the system SHALL complete batch inserts efficiently using database transactions'], 'kiro'), ['What does it take to complete batch inserts efficiently']);
    assert.deepEqual(first(['The system should use appropriately namespaced names.']), ['What does it take to use appropriately']);
  });

  it('a second predicate after a comma keeps the subject; legible text is shown, a readable message with a name keeps "contain"', () => {
    assert.match(full(['Then text throughout the app scales accordingly, remains legible, and no screen clips content.'])[0]!, /^What makes the text legible\? .*a minimum font size/);
    assert.match(full(['The feedback remains readable in the dark theme.'])[0]!, /^What makes the feedback readable\? .*contrast ratio/);
    assert.deepEqual(first(['The notification message should remain readable with the original event name.']), ['What must the notification message contain to count as readable']);
  });
});

describe('clarity: fiftieth round (issue 13: false alarms read on policy, moderation and style-guide prose, root clauses)', () => {
  // Every heading a root clause, as the Model Spec's are: the lexicon's words are also read in the clause's prose.
  const terms = (lines: string[]): string[] => hits('policy.md', ['# Policy {#policy authority=root}', '', '## Rules {#rules authority=root}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('"about" of a topic before "one" is no approximation; a measure after it still asks', () => {
    assert.deepEqual(terms(['Keep a thread to a single subject: write about one topic at a time.']), []);
    assert.deepEqual(terms(['Members must not press anyone for details about one of their friends.']), []);
    assert.deepEqual(terms(['A build should take about one hour.']), ['about']);
    assert.deepEqual(terms(['About one in ten posts may be flagged for review.']), ['about']);
    assert.deepEqual(terms(['The archive holds about one thousand threads.']), ['about']);
  });

  it('an existential lead-in to the list after it is no vague count; a count the sentence leaves open still asks', () => {
    assert.deepEqual(terms(['Here are a number of sample replies to read before you start.']), []);
    assert.deepEqual(terms(['There are a number of conditions a moderator has to check before a ban:', '- the warning was given\n- the appeal window closed']), []);
    assert.deepEqual(terms(['There are a number of warnings before a member is banned.']), ['a number of']);
  });

  it('what the reader will see is no requirement; "you should see" a person still asks', () => {
    assert.deepEqual(terms(['You should now see a short prompt to open the form appear above the list.']), []);
    assert.deepEqual(terms(['If the rash spreads, you should see a doctor promptly.']), ['promptly']);
  });

  it('"mark as required" names a field\'s state; "as required" of an act still asks', () => {
    assert.deepEqual(terms(['Decide which entries of the form you flag as required.']), []);
    assert.deepEqual(terms(['The chair revises the charter as required.']), ['as required']);
  });

  it('an example after a predicate adjective bounds it; the bare adjective still asks', () => {
    assert.deepEqual(terms(['A summary must be given unless the change is extremely trivial, like a spelling fix.']), []);
    assert.deepEqual(terms(['A summary must be given unless the change is extremely trivial.']), ['trivial']);
  });

  it('"by and large" and "some more" are no size or comparison; "large" of a thing and "more" of a degree still ask', () => {
    assert.deepEqual(terms(['Archived threads should by and large not be reopened.', 'Moderators should add some more useful links to the welcome page.']), ['some']);
    assert.deepEqual(terms(['A large thread should be split.']), ['large']);
    assert.deepEqual(terms(['The welcome page should be more useful.']), ['more useful']);
  });

  it('a question of a checklist in a root clause asks, it does not require; the rule after it still asks', () => {
    assert.deepEqual(terms(['- Can you finish the review in a timely fashion?']), []);
    assert.deepEqual(terms(['Can you finish the review? Reviews must be finished in a timely fashion.']), ['in a timely fashion']);
  });
});

describe('clarity: fifty-sixth round (issue 13: precision read out of sample on fresh specs and normative prose)', () => {
  const kiroTerms = (lines: string[]): string[] => hits('.kiro/specs/a/requirements.md', KIRO(lines)).map((h) => h.phrase.toLowerCase());
  // Every heading a root clause, as the Model Spec's are (as the fiftieth round read them).
  const terms = (lines: string[]): string[] => hits('guide.md', ['# Guide {#guide authority=root}', '', '## Reviews {#reviews authority=root}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());

  it('a term of art in the possessive is the same term; the word outside it still asks', () => {
    assert.deepEqual(kiroTerms(['WHEN the cache hits THEN the loader SHALL take the fast path, and the fast path\'s output SHALL equal the slow path\'s output.']), []);
    assert.deepEqual(kiroTerms(['WHEN the cache misses THEN the loader SHALL make the lookup fast.']), ['fast']);
  });

  it('a quality named as the purpose of the bound just stated is no criterion; the quality alone still asks', () => {
    assert.deepEqual(kiroTerms(['WHEN a report is opened on a wide monitor THEN the body SHALL use a maximum width of 960px for readability.']), []);
    assert.deepEqual(kiroTerms(['WHEN a report is opened THEN the body SHALL be laid out for readability.']), ['readability']);
    assert.deepEqual(kiroTerms(['WHEN a report is opened THEN the page SHALL load in 2 seconds and SHALL be styled for readability.']), ['readability']);
  });

  it('a time word the contrast excludes ("…, not continuously") sets no bar; the word required still asks', () => {
    assert.deepEqual(kiroTerms(['WHEN the tab becomes visible THEN the system SHALL reload the totals only then, not continuously.']), []);
    assert.deepEqual(kiroTerms(['WHEN the tab becomes visible THEN the system SHALL reload the totals continuously, not on demand.']), ['continuously']);
  });

  it('"plain" before a technology\'s name is the unadorned technology; "plain English" and a plain thing still ask', () => {
    assert.deepEqual(kiroTerms(['WHEN security is off THEN the transport SHALL run over plain UDP.', 'WHEN code is added THEN the repository SHALL hold no plain JavaScript modules.']), []);
    assert.deepEqual(kiroTerms(['WHEN an error is shown THEN the system SHALL word it in plain English.']), ['plain']);
    assert.deepEqual(kiroTerms(['WHEN the page opens THEN the system SHALL use a plain layout.']), ['plain']);
  });

  it('a bold run-in label at the start of a paragraph names it; the same phrase in a sentence still asks', () => {
    assert.deepEqual(terms(['**Best practice:** Keep the context switch on while you read.']), []);
    assert.deepEqual(terms(['Follow best practice: keep the context switch on while you read.']), ['best practice']);
  });

  it('"you should find that …" predicts what the reader will find; "you should find" a person still asks', () => {
    assert.deepEqual(terms(['If you keep to these rules, you should find that reviews go faster and faster over time.']), []);
    assert.deepEqual(terms(['You should find a second reviewer quickly.']), ['quickly']);
  });
});

describe('clarity: fifty-fourth round (issue 13: recall on spec-kit, from the seventh labeled set\'s tune half)', () => {
  const specTerms = (frs: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(frs)).map((h) => h.phrase.toLowerCase());
  const kiroTerms = (lines: string[]): string[] => hits('.kiro/specs/a/requirements.md', KIRO(lines)).map((h) => h.phrase.toLowerCase());
  const story = (...lines: string[]) => ['# Feature Specification: Atlas', '', '### User Story 1 - Browse maps (Priority: P1)', '', ...lines, ''].join('\n');

  it('a speed or quality adjective joined to a present participle judges that action ("fast-loading", "smooth-scrolling")', () => {
    assert.deepEqual(hits('specs/001-atlas/spec.md', story('- P2: As a hiker, I want quick-loading trail maps on a mobile connection.')).map((h) => h.phrase.toLowerCase()), ['quick-loading']);
    assert.deepEqual(specTerms(['The gallery MUST offer smooth-scrolling thumbnails.']), ['smooth-scrolling']);
    // Size words name a kind ("long-running"), a technique is no speed ("prompt-caching"), a bound answers it.
    assert.deepEqual(specTerms([
      'The scheduler MUST cancel long-running exports after the session ends.',
      'The gateway MUST enable prompt-caching for repeated system prompts.',
      'The atlas MUST serve fast-loading tiles within 300 ms of a pan.',
    ]), []);
  });

  it('"perform well" and "scale well" grade how well; "as well" and "works well with" stay silent', () => {
    assert.deepEqual(hits('specs/001-atlas/spec.md', story('As a hiker, I want the map to perform well on older phones.')).map((h) => h.phrase.toLowerCase()), ['well']);
    assert.deepEqual(specTerms(['The tile cache MUST scale well as regions are added.']), ['well']);
    assert.deepEqual(specTerms(['The exporter MUST write GPX files as well as KML files.', 'The well-known URI MUST list the tile servers.']), []);
  });

  it('"meet targets" with no targets named asks which; a reference after it answers', () => {
    assert.deepEqual(specTerms(['Tile render times MUST meet targets on every supported phone.']), ['meet targets']);
    assert.deepEqual(specTerms([
      'Tile render times MUST meet targets in SC-004.',
      'Tile render times MUST meet the targets defined in the performance budget.',
      'Tile render times MUST meet targets (p95 under 200 ms).',
    ]), []);
  });

  it('"a broad set of", "a wide range of" ask how many as "a large number of" does; a list of the members answers', () => {
    assert.deepEqual(specTerms(['The importer MUST accept a wide range of track formats.']), ['a wide range of']);
    assert.deepEqual(specTerms([
      'The importer MUST accept a wide range of formats: GPX, KML and FIT.',
      'The importer MUST accept a broad set of formats (GPX, KML, FIT).',
      'The trail MUST be wide enough for two hikers.',
      'Import failures MUST be logged, since they can be caused by a wide variety of files.',
    ]), []);
  });

  it('the answer nested under an Edge Cases question states the behaviour required in that case', () => {
    const edge = (...lines: string[]) => ['# Feature Specification: Atlas', '', '### Edge Cases', '', ...lines, ''].join('\n');
    assert.deepEqual(hits('specs/001-atlas/spec.md', edge('- What happens when the tile server is down?', '  - The map shows a banner. Recent tiles are served from the cache.')).map((h) => h.phrase.toLowerCase()), ['recent']);
    // Not nested under a question, or not under an Edge Cases heading: described, not required.
    assert.deepEqual(hits('specs/001-atlas/spec.md', edge('- Offline use', '  - Recent tiles are served from the cache.')).map((h) => h.phrase), []);
    const other = ['# Feature Specification: Atlas', '', '### Notes', '', '- What happens when the tile server is down?', '  - Recent tiles are served from the cache.', ''].join('\n');
    assert.deepEqual(hits('specs/001-atlas/spec.md', other).map((h) => h.phrase), []);
  });

  it('"cohesive" judges as "coherent" does; a named algorithm in a later parenthesis bounds "securely"', () => {
    assert.deepEqual(kiroTerms(['WHEN a screen renders THEN the system SHALL apply a cohesive visual language.']), ['cohesive']);
    assert.deepEqual(specTerms(['Recovery codes MUST be securely stored by the identity provider under its own policy (Argon2id or scrypt).']), []);
    assert.deepEqual(specTerms(['Recovery codes MUST be securely stored by the identity provider under its own policy.']), ['securely']);
  });
});

describe('clarity: fifty-third round (issue 13: user stories, from a seventh labeled set drawn and labeled blind)', () => {
  const terms = (path: string, lines: string[]): string[] => hits(path, lines.join('\n')).map((h) => h.phrase.toLowerCase());
  const story = (...lines: string[]) => ['# Feature Specification: Reader', '', '### User Story 1 - Read offline (Priority: P1)', '', ...lines, ''];

  it('a user story\'s "I want …" is a goal: its evaluative words ask, in a paragraph or a priority item', () => {
    assert.deepEqual(terms('specs/001-reader/spec.md', story('As a reader, I want the book to load quickly on a phone.')), ['quickly']);
    assert.deepEqual(terms('specs/001-reader/spec.md', story('- P2: As a user, I want intuitive navigation between chapters.')), ['intuitive']);
    assert.deepEqual(terms('specs/001-reader/spec.md', story('As an editor, I need a few sample chapters before the review.')), ['a few']);
  });

  it('its "so that …" is the motivation and the sentences after it describe: neither asks', () => {
    assert.deepEqual(terms('specs/001-reader/spec.md', story('As a reader, I want to bookmark a page so that my reading is smooth and pleasant.')), []);
    assert.deepEqual(terms('specs/001-reader/spec.md', story('As a maintainer, I need to export the reading log. The current script is slow and leaves low visibility of errors.')), []);
    // Not a story: the same words in a description of the feature stay silent, as before.
    assert.deepEqual(terms('specs/001-reader/spec.md', story('Readers want the book to load quickly on a phone.')), []);
  });

  it('a story that is an item of a Goals or criteria list is read whole, as that list\'s items are', () => {
    const goals = ['# Feature Specification: Reader', '', '## Goals', '', '- As a reader, I want offline copies. Copies are refreshed as needed.', ''];
    assert.deepEqual(terms('specs/001-reader/spec.md', goals), ['as needed']);
    assert.match(hits('specs/001-reader/spec.md', goals.join('\n'))[0]!.reason ?? '', /in a goal/);
  });

  it('a KEP\'s user stories stay narrative (forty-sixth round)', () => {
    const kep = ['# KEP-4242: Faster Rollouts', '', '## Proposal', '', '### User Stories', '', '#### Story 1', '', 'As a cluster operator, I want rollouts to finish quickly.', ''];
    assert.deepEqual(terms('keps/sig-apps/4242-faster-rollouts/README.md', kep), []);
  });
});

describe('clarity: fifty-second round (issue 13: recall read out of sample on fresh spec-kit, Kiro, OpenSpec specs and PRDs)', () => {
  const kiroTerms = (lines: string[]): string[] => hits('.kiro/specs/a/requirements.md', KIRO(lines)).map((h) => h.phrase.toLowerCase());
  const specTerms = (frs: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(frs)).map((h) => h.phrase.toLowerCase());

  it('"manageable", "digestible", "approachable" judge ease as "easy" does; a quoted name or a stated test answers them', () => {
    assert.deepEqual(specTerms([
      'The quiz MUST draw its questions from a manageable pool of flash cards.',
      'System MUST cut each transcript into manageable pieces before indexing.',
      'The weekly report MUST open with a digestible overview of spending.',
    ]), ['manageable', 'manageable', 'digestible']);
    assert.deepEqual(specTerms([
      'System MUST cut each transcript into pieces small enough to fit one request.',
      'The settings page MUST list the "Manageable" tier beside the other tiers.',
    ]), []);
    // In a guide for agents, coordinated after the comparison with the whole (the thirty-second round's "break X into
    // smaller Y") it restates that comparison; alone it still asks.
    const guideTerms = (lines: string[]): string[] => hits('guide.md', ['# Guide {#guide}', '', '## Rules {#rules}', '', ...lines.flatMap((l) => [l, '']), ''].join('\n')).map((h) => h.phrase.toLowerCase());
    assert.deepEqual(guideTerms(['- You should split each refactor into smaller, manageable commits.']), []);
    assert.deepEqual(guideTerms(['- You should split each refactor into manageable commits.']), ['manageable']);
  });

  it('"conservative" and "aggressive" ask how far; a number or comparison beside them answers, and a capitalised name stays silent', () => {
    assert.deepEqual(kiroTerms([
      'WHEN no heart-rate strap is paired THEN the coach SHALL fall back to conservative pacing advice',
      'WHILE the boss phase is active THE game SHALL spawn minions aggressively',
      'THE sync client SHALL keep its retry policy conservative',
    ]), ['conservative', 'aggressively', 'conservative']);
    assert.deepEqual(kiroTerms([
      'WHEN proposing savings targets THEN the planner SHALL offer conservative (5% of income) and aggressive (20% of income) targets',
      'THE coach SHALL suggest conservative rest periods of at least 3 minutes',
      'WHEN the member selects the Conservative plan THEN the planner SHALL show its targets',
    ]), []);
  });

  it('a load with no measure of what counts as degraded is asked; a number right after the phrase measures the degradation', () => {
    assert.deepEqual(specTerms([
      'The ledger MUST hold at least 50,000 entries before performance degradation.',
      'The feed MUST serve 2,000 readers per minute without degradation.',
    ]), ['before performance degradation', 'without degradation']);
    assert.match(hits('specs/001-x/spec.md', SPEC_KIT(['The feed MUST serve 2,000 readers per minute without degradation.']))[0]!.question, /^What counts as degraded\?/);
    assert.deepEqual(specTerms([
      'The feed MUST serve 2,000 readers per minute without degradation of more than 10% in p95 latency.',
      'The feed MUST serve 2,000 readers per minute without degradation (p95 under 400 ms).',
    ]), []);
  });
});

describe('clarity: fifty-seventh round (issue 13, item 5: the thing a predicate list and an impression name)', () => {
  const question = (frs: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(frs)).map((h) => h.question);

  it('a predicate adjective that opens a list names the subject, whatever the tagger calls the list\'s other words', () => {
    // "premium" read as a noun made the question "Name what the premium must resist".
    assert.match(question(['The checkout page MUST be secure, modern, premium and simple.'])[0]!, /what the checkout page must resist/);
    // A noun phrase after the word still names the thing ("secure, encrypted storage" is the storage).
    assert.match(question(['The vault MUST provide secure, encrypted storage for keys.'])[0]!, /what the storage must resist/);
  });

  it('"feel secure" and "look secure" ask what users are shown; "be secure" still asks for the threats', () => {
    const [feel, look, be] = ['feel secure and simple', 'look secure', 'be secure'].map((p) => question([`The sign-in page MUST ${p}.`]).find((q) => /secure/i.test(q)));
    assert.match(feel!, /^What makes the sign-in page feel secure\? State what users must see or be told/);
    assert.match(look!, /^What makes the sign-in page look secure\?/);
    assert.match(be!, /against which threats/);
    // In a story, the thing wanted to feel so is named.
    const story = ['# Feature Specification: Sign-in', '', '### User Story 1 - Sign in (Priority: P1)', '', 'As a visitor, I want sign-in and recovery to feel secure, modern, premium and calm.', ''];
    assert.match(hits('specs/001-x/spec.md', story.join('\n'))[0]!.question, /^What makes the sign-in and recovery feel secure\?/);
  });
});

describe('clarity: fifty-eighth round (issue 13: the eighth labeled set\'s tune half, drawn and labeled blind)', () => {
  const terms = (path: string, text: string): string[] => hits(path, text).map((h) => h.phrase.toLowerCase());
  const scenarios = (...thens: string[]): string =>
    ['# Feature Specification: Board', '', '### User Story 1 - Work offline (Priority: P1)', '', '**Acceptance Scenarios**:', '', ...thens.map((t, i) => `${i + 1}. **Given** a board is open, **When** the member edits a card, **Then** ${t}`), ''].join('\n');

  it('a bound left to a party\'s policy ("as determined by client policy") is delegated; a policy only mentioned is not', () => {
    assert.deepEqual(terms('draft-x.md', DRAFT(['The client MAY retry if the TTL is excessively long (as determined by client policy).'])), []);
    assert.deepEqual(terms('draft-x.md', DRAFT(['The client MAY retry if the TTL is excessively long.'])), ['excessively long']);
    assert.deepEqual(terms('draft-x.md', DRAFT(['The client MUST keep the client policy excessively long.'])), ['excessively long']);
  });

  it('the connection a realtime system keeps is a kind, not a latency; realtime updates still ask', () => {
    assert.deepEqual(terms('specs/001-x/spec.md', SPEC_KIT(['The board MUST reopen the realtime connection after a network change.'])), []);
    assert.deepEqual(terms('specs/001-board/spec.md', scenarios('other members see realtime updates of the card.')), ['realtime']);
  });

  it('a list a design word opens still asks for its other class words ("crisp and readable"); a design word alone does not', () => {
    assert.deepEqual(terms('specs/001-board/spec.md', scenarios('the exported card text appears crisp and readable.')), ['crisp and readable']);
    assert.deepEqual(terms('specs/001-board/spec.md', scenarios('the exported card text appears crisp.')), []);
  });

  it('"no perceptible lag" asks from what threshold; "real-time" followed by it is defined by it; a bound answers both', () => {
    assert.deepEqual(terms('specs/001-x/spec.md', SPEC_KIT(['The size label MUST update in real-time with no perceptible lag.'])), ['perceptible']);
    assert.deepEqual(terms('specs/001-x/spec.md', SPEC_KIT(['The size label MUST update in real-time.'])), ['real-time']);
    assert.deepEqual(terms('specs/001-x/spec.md', SPEC_KIT(['The overlay MUST redraw with no perceptible lag (under 16 ms per frame).'])), []);
    assert.deepEqual(terms('specs/001-x/spec.md', SPEC_KIT(['The overlay MUST redraw with imperceptible delay.'])), ['imperceptible']);
  });

  it('an adverb of frequency before an "-ing" form the tagger reads as an adjective asks about that form', () => {
    const found = hits('specs/001-board/spec.md', scenarios('the client falls back to periodically refreshing board state.'));
    assert.deepEqual(found.map((h) => h.phrase), ['periodically']);
    assert.match(found[0]!.question, /^How often is “periodically refreshing board state” for the client\?/);
    // After the form, as before.
    assert.deepEqual(terms('specs/001-board/spec.md', scenarios('the client refreshes the board state periodically.')), ['periodically']);
    // A degree adverb before a real adjective still grades it, and an adverb of manner before "-ing" is no time word.
    assert.deepEqual(terms('specs/001-board/spec.md', scenarios('the client keeps the board state every 30 s, never silently failing.')), []);
  });
});

describe('clarity: fifty-fifth round (issue 13: recall out of sample, on fresh real specs)', () => {
  const specTerms = (frs: string[]): string[] => hits('specs/001-x/spec.md', SPEC_KIT(frs)).map((h) => h.phrase.toLowerCase());
  const kiroTerms = (lines: string[]): string[] => hits('.kiro/specs/a/requirements.md', KIRO(lines)).map((h) => h.phrase.toLowerCase());

  it('"correctly" after a verb of functioning ("works correctly") asks what counts as correct', () => {
    assert.deepEqual(kiroTerms(['WHEN the tablet is offline THEN the checkout screen SHALL work correctly.']), ['correctly']);
    assert.deepEqual(specTerms(['The barcode reader MUST function correctly on every supported scanner.']), ['correctly']);
    const [h] = hits('specs/001-x/spec.md', SPEC_KIT(['The tide gauge MUST operate correctly in salt water.']));
    assert.match(h!.question, /^What counts as operating correctly here\?/);
  });

  it('"correctly" stays silent where the verb says what is right, the old behaviour is the reference, or a test or parenthesis says what', () => {
    assert.deepEqual(specTerms([
      'The ledger MUST correctly round each amount to two decimals.',
      'The report MUST work correctly with archived rows (each archived row counted once).',
      'Paging MUST work correctly with filters, reflecting the filtered total.',
      'Saved routes MUST continue to work correctly after the upgrade.',
      'The quiz engine MUST still behave correctly.',
    ]), []);
    assert.deepEqual(kiroTerms(['THE test suite SHALL verify that the importer works correctly for every bank format.']), []);
  });

  it('"descriptive" said of a message or a label asks what it must say; "descriptive statistics" is a term of art', () => {
    assert.deepEqual(kiroTerms(['IF the boiler reading is missing THEN THE Monitor SHALL raise a descriptive error.']), ['descriptive']);
    assert.deepEqual(specTerms(['The dashboard MUST show descriptive statistics for each sensor (mean, median, range).']), []);
  });

  it('a Success Metrics list is read as success criteria; an item with its number, or one ticked off, is not', () => {
    const metrics = (...items: string[]) => ['# Requirements Document', '', '## Success Metrics', '', ...items.map((i) => `- ${i}`), ''].join('\n');
    assert.deepEqual(hits('.kiro/specs/a/requirements.md', metrics('Monthly harvest totals are clear and accurate')).map((h) => h.phrase.toLowerCase()), ['clear and accurate']);
    assert.deepEqual(hits('.kiro/specs/a/requirements.md', metrics(
      'Under 5% of growers report confusing totals, indicating an acceptable layout',
      '\u2705 Harvest totals shown in a clear table',
    )).map((h) => h.phrase), []);
  });
});
