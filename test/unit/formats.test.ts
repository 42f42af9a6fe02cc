import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../server/src/core/workspace/config';
import { codeActions } from '../../server/src/core/features/actions';
import { hoverMarkdown } from '../../server/src/core/features/hover';
import { definition, references, referencesOf } from '../../server/src/core/features/navigation';
import { renameId } from '../../server/src/core/features/rename';
import { coverageReport } from '../../server/src/core/format/report';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

/*
 * Real-world spec formats and id scopes [^spec_formats] [^sc5p]. The fixtures are written in the shape of each
 * project's files (an IETF working group's kramdown-rfc drafts, github/spec-kit feature folders, Kiro specs); none is
 * copied from those projects.
 */

/** A kramdown-rfc draft: YAML front matter closed by `--- abstract`, then middle and back. */
function draft(name: string, title: string, body: string, refs = ''): string {
  return `---
title: ${title}
abbrev: ${name}
docname: draft-ietf-wg-${name}-latest
category: std
ipr: trust200902
area: Transport
workgroup: Example WG
keyword:
  - transport
author:
  -
    ins: A. Author
    name: Alex Author
    org: Example
    email: alex@example.com

normative:
  QUIC-TLS:
    title: "Using TLS to Secure the Transport"
    date: 2021-05
    seriesinfo:
      RFC: 9001
  HKDF: RFC5869
informative:
  RFC7301:
${refs}
--- abstract

This document describes ${title.toLowerCase()}. It might be extended later.

--- middle

# Introduction

${body}

# Security Considerations {#security}

The security considerations of {{QUIC-TLS}} apply.

--- back

# Acknowledgments
{:numbered="false"}

Thanks to the working group.
`;
}

describe('kramdown-rfc drafts', () => {
  it("kramdown's own heading ids: `auto_id_prefix` from the front matter, headings with no blank or a no-break space after the `#`s", () => {
    // Seen in real drafts: `{{sec-register-signed-statement}}` to `## Register Signed Statement` under
    // `kramdown_options: auto_id_prefix: sec-`, and `####\u00A0Environment Group {#sec-comid-group}` (18 + 1 false errors).
    const prefixed = draft('ext', 'An Extension', '# Message Format\n\nSee {{sec-message-format}} and {{sec-nothing-here}}.\n').replace('workgroup: Example WG\n', 'workgroup: Example WG\nkramdown_options:\n  auto_id_prefix: sec-\n');
    const tight = draft('grp', 'Groups', 'See {{sec-group}}, {{sec-tight}} and {{sec-loose}}.\n\n##\u00A0Group Identifier {#sec-group}\n\n##Tight Heading {#sec-tight}\n');
    const index = memoryWorkspace({ 'draft-ietf-wg-ext.md': prefixed, 'draft-ietf-wg-grp.md': tight });
    assert.ok(parseSpec('draft-ietf-wg-ext.md', prefixed).anchors.has('sec-message-format'));
    assert.deepEqual(
      diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor').map((d) => d.message.match(/\{\{[^}]+\}\}/)?.[0]),
      ['{{sec-nothing-here}}', '{{sec-loose}}'],
    );
  });

  it("the references sections kramdown-rfc makes: `sec-normative-references`, `sec-informative-references`, `sec-combined-references` when both are listed", () => {
    // Seen in a working group's draft: `{{<<sec-normative-references}}` in a paragraph that names the closing sections.
    const body = 'The closing sections: {{<<sec-normative-references}}, {{<<sec-informative-references}} and {{<<sec-combined-references}}.';
    const both = draft('both', 'Both Lists', body);
    const normativeOnly = draft('norm', 'One List', body).replace(/informative:\n {2}RFC7301:\n/, '');
    const index = memoryWorkspace({ 'draft-ietf-wg-both.md': both, 'draft-ietf-wg-norm.md': normativeOnly });
    assert.deepEqual(
      diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor').map((d) => `${d.file}: ${d.message.match(/\{\{[^}]+\}\}/)?.[0]}`),
      ['draft-ietf-wg-norm.md: {{<<sec-informative-references}}', 'draft-ietf-wg-norm.md: {{<<sec-combined-references}}'],
    );
  });

  it('reads the front matter as metadata: title, reference anchors, no prose, format and document scope', () => {
    const text = draft('ext', 'An Extension', 'See [the TLS mapping](#QUIC-TLS) and {{?RFC9000}}.');
    const facts = parseSpec('draft-ietf-wg-ext.md', text);
    assert.equal(facts.format, 'kramdown-rfc');
    assert.equal(facts.title, 'An Extension');
    assert.deepEqual(facts.references, ['QUIC-TLS', 'HKDF', 'RFC7301']);
    assert.ok(facts.anchors.has('QUIC-TLS'));
    // No prose from the YAML (`title: …`, `author:`) and none from the `--- middle` marker.
    assert.ok(!facts.prose.some((p) => /title:|ins:|---/.test(p.text)), facts.prose.map((p) => p.text).join('|'));
    assert.deepEqual(
      facts.headingClauses.map((c) => c.id),
      ['security'],
    );
    const index = memoryWorkspace({ 'draft-ietf-wg-ext.md': text });
    assert.equal(index.model().scopeOf('draft-ietf-wg-ext.md').kind, 'document');
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => !d.startsWith('ambiguity.')), []);
  });

  it('the same {#security} in two drafts is no duplicate; inside one draft it is', () => {
    const index = memoryWorkspace({
      'draft-ietf-wg-a.md': draft('a', 'Part A', 'Text.'),
      'draft-ietf-wg-b.md': draft('b', 'Part B', 'Text.'),
    });
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('clause.')), []);
    const twice = memoryWorkspace({ 'draft-ietf-wg-a.md': draft('a', 'Part A', '## Threats {#security}\n\nText.') });
    assert.deepEqual(brief(diagnosticsOf(twice)).filter((d) => d.startsWith('clause.')), ['clause.duplicate-id@draft-ietf-wg-a.md:36', 'clause.duplicate-id@draft-ietf-wg-a.md:40']);
  });

  it('{{anchor}} cross-references resolve to sections, {: #id} figures, XML anchors and aliases; unknown ones are broken', () => {
    const body = [
      'The handshake is shown in {{tls-layers}} and {{fig-xml}}; see {{security}} and {{<security}}.',
      '',
      '~~~',
      '+-----+',
      '~~~',
      '{: #tls-layers title="TLS Layers"}',
      '',
      '<figure anchor="fig-xml"><artwork>x</artwork></figure>',
      '',
      'The registry starts with {{initial-ids}}.',
      '',
      '| Value | Name |',
      '|:--|:--|',
      '| 0x00 | reserved |',
      // kramdown's block attribute list may span lines (a long title), as IANA tables in drafts do.
      '{: #initial-ids title="Initial contents of the',
      'registry"}',
      '',
      'This uses {{Section 3 of !HTTP=RFC9110}}, then {{HTTP}}, {{&SELF}}, {{I-D.ietf-wg-other}} and {{!RFC2119}}.',
      '',
      'A typo: {{tls-layer}}.',
      '',
      // `RFC9162: CT` in the front matter names the reference; `{{-CT}}` cites it by that name.
      'Certificate Transparency {{-CT}} logs, signed with {{-COSE}}; not {{-CTX}}.',
    ].join('\n');
    const index = memoryWorkspace({ 'draft-ietf-wg-x.md': draft('x', 'X', body, '  RFC9162: CT\n  STD96:\n    -: COSE\n    =: RFC9052') });
    const broken = diagnosticsOf(index).filter((d) => d.code === 'link.broken-anchor');
    assert.deepEqual(
      broken.map((d) => d.message.replace(/;.*/, '')),
      ['Broken link `{{tls-layer}}`: no heading or {#tls-layer}', 'Broken link `{{-CTX}}`: no heading or {#CTX}'],
    );
    // `{{security}}` is a reference of the section clause (find references, rename).
    const refs = index.model().resolve('security', 'draft-ietf-wg-x.md').specReferences;
    assert.equal(refs.filter((r) => r.kind === 'link').length, 2);
  });

  it('a link to a reference anchor of another draft resolves inside that document', () => {
    const index = memoryWorkspace({
      'draft-ietf-wg-a.md': draft('a', 'Part A', 'See [B\'s security](draft-ietf-wg-b.md#security) and [B\'s TLS](draft-ietf-wg-b.md#QUIC-TLS), not [this](draft-ietf-wg-b.md#nowhere).'),
      'draft-ietf-wg-b.md': draft('b', 'Part B', 'Text.'),
    });
    assert.deepEqual(
      diagnosticsOf(index)
        .filter((d) => d.code === 'link.broken-anchor')
        .map((d) => d.message.replace(/;.*/, '')),
      ['Broken link `draft-ietf-wg-b.md#nowhere`: no heading or {#nowhere} in draft-ietf-wg-b.md.'],
    );
    // The link is a reference of B's clause, not of A's own `security`.
    const ofB = index.model().resolve('security', 'draft-ietf-wg-b.md');
    assert.deepEqual(
      ofB.specReferences.filter((r) => r.kind === 'link').map((r) => r.file),
      ['draft-ietf-wg-a.md'],
    );
    assert.deepEqual(ofB.clauses.map((c) => c.file), ['draft-ietf-wg-b.md']);
  });

  it('a draft written in pieces [^kr7i]: included files are the draft\'s document, with its anchors; an old copy no draft includes is a document of its own', () => {
    const files = {
      'draft-ietf-wg-x.md': draft('x', 'Part X', '{::include intro.md}\n\n{::include-nested sub/protocol.md}\n', '  RFC7285:'),
      'intro.md': '# Terminology {#term}\n\nThis document extends [](#RFC7285) and uses {{QUIC-TLS}}; see [the protocol](#proto).\n',
      'sub/protocol.md': '# Protocol {#proto}\n\nSee [the terms](#term) and [nothing](#nowhere).\n\n{::include parts/more.md}\n',
      'parts/more.md': '# More {#more}\n\nText.\n',
      'old/terminology.md': '# Terminology {#term}\n\nThis document extends [](#RFC7285) and {{RFC7285}}.\n\n# More {#more}\n',
      'notes.md': '# Notes {#notes}\n\nSee [](#RFC9000) and [the log](#log).\n\n# Notes again {#notes}\n',
    };
    const index = memoryWorkspace(files);
    const model = index.model();
    for (const f of ['intro.md', 'sub/protocol.md', 'parts/more.md']) assert.equal(model.scopeOf(f).path, 'draft-ietf-wg-x.md', f);
    assert.equal(model.scopeOf('old/terminology.md').path, 'old/terminology.md');
    // A file with no cross-references stays in the workspace: its duplicate and its broken link are reported (an empty
    // link to a bibliographic anchor is not checked outside a draft).
    assert.equal(model.scopeOf('notes.md').kind, 'workspace');
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => !d.startsWith('ambiguity.')), [
      'clause.duplicate-id@notes.md:1',
      'link.broken-anchor@notes.md:3',
      'clause.duplicate-id@notes.md:5',
      'link.broken-anchor@sub/protocol.md:3',
    ]);
    // An edit of a piece changes what the draft's other pieces link to.
    index.updateFile('sub/protocol.md', files['sub/protocol.md'].replace('{#proto}', '{#protocol}'));
    assert.ok(brief(diagnosticsOf(index)).includes('link.broken-anchor@intro.md:3'));
    // Without the include, the piece is in the workspace scope again (edited, as in a fresh index).
    const apart = memoryWorkspace({ ...files, 'draft-ietf-wg-x.md': draft('x', 'Part X', 'Text.') });
    assert.equal(apart.model().scopeOf('intro.md').kind, 'workspace');
    assert.ok(brief(diagnosticsOf(apart)).includes('clause.duplicate-id@intro.md:1'));
    index.updateFile('sub/protocol.md', files['sub/protocol.md']);
    index.updateFile('draft-ietf-wg-x.md', draft('x', 'Part X', 'Text.'));
    assert.equal(index.model().scopeOf('intro.md').kind, 'workspace');
    assert.deepEqual(brief(diagnosticsOf(index)), brief(diagnosticsOf(apart)));
  });

  it('the same piece included by two drafts is the first draft\'s; the configuration\'s scope wins', () => {
    const files = {
      'draft-ietf-wg-a.md': draft('a', 'Part A', '{::include common.md}'),
      'draft-ietf-wg-b.md': draft('b', 'Part B', '{::include common.md}'),
      'common.md': '# Common {#common}\n\nText.\n',
    };
    assert.equal(memoryWorkspace(files).model().scopeOf('common.md').path, 'draft-ietf-wg-a.md');
    const configured = memoryWorkspace(files, parseConfigText('{"scopes": {"common.md": "workspace"}}').config);
    assert.equal(configured.model().scopeOf('common.md').kind, 'workspace');
  });

  it('ordinary YAML front matter (closed by ---) is not kramdown-rfc', () => {
    const facts = parseSpec('docs/page.md', '---\ntitle: Page\n---\n\n# Page {#page}\n\nText.\n');
    assert.equal(facts.format, 'model-spec');
    assert.equal(facts.title, undefined);
  });
});

/** An mmark draft: a TOML title block between `%%%` lines, matter markers, `(#id)` cross-references, an include. */
function mmarkDraft(name: string, title: string): string {
  return `%%%
title = "${title}"
abbrev = "${name}"
ipr = "trust200902"
docname = "draft-ietf-wg-${name}"
keyword = ["json", "proofs"]

[seriesInfo]
name = "Internet-Draft"
value = "draft-ietf-wg-${name}-latest"
status = "standard"

[[author]]
fullname = "Alex Author"
organization = "Example"
%%%

.# Abstract

This document registers appropriate header parameters quickly.

{mainmatter}

# Introduction

The key words "MUST", "MUST NOT", "SHOULD" and "MAY" are to be interpreted as described in BCP 14 [@RFC2119].
Values are registered in (#HdrReg). The table layout is [kind(1)][length(2)][value(n)].

{{chapter.md}}

# IANA Considerations

## Header Parameters Registry {#HdrReg}

An implementation must register each parameter. The expert SHOULD respond in a timely manner.

{backmatter}
`;
}

describe('mmark drafts', () => {
  it('the title block is metadata, each draft a document of its own: the same {#HdrReg} in two drafts is no duplicate', () => {
    const text = mmarkDraft('jpt', 'Proof Token');
    const facts = parseSpec('draft-ietf-wg-jpt.md', text);
    assert.equal(facts.format, 'mmark');
    assert.equal(facts.title, 'Proof Token');
    // No prose from the TOML (`title = …`, `[[author]]`) nor from the matter markers.
    assert.ok(!facts.prose.some((p) => /title =|author|mainmatter|backmatter/.test(p.text)), facts.prose.map((p) => p.text).join('|'));
    const index = memoryWorkspace({ 'draft-ietf-wg-jpt.md': text, 'draft-ietf-wg-jwp.md': mmarkDraft('jwp', 'Web Proof') });
    assert.equal(index.model().scopeOf('draft-ietf-wg-jpt.md').kind, 'document');
    const diagnostics = diagnosticsOf(index);
    assert.deepEqual(brief(diagnostics).filter((d) => !d.startsWith('ambiguity.')), []);
    // Reviewed as a draft: only the capitals are keywords ("must register" states no requirement), and the title
    // block's "appropriate … quickly" is not read; the requirement's vague wording is.
    const found = diagnostics.filter((d) => d.code.startsWith('ambiguity.') && d.file === 'draft-ietf-wg-jpt.md');
    assert.deepEqual(found.map((d) => text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)), ['in a timely manner']);
  });

  it('a file that opens with %%% but has no title, or no closing %%%, is no draft', () => {
    assert.equal(parseSpec('notes.md', '%%%\nkey = 1\n%%%\n\n# Notes {#notes}\n').format, 'model-spec');
    assert.equal(parseSpec('notes.md', '%%%\ntitle = "x"\n\n# Notes {#notes}\n').format, 'model-spec');
  });
});

/** A spec-kit feature spec (specs/NNN-feature/spec.md). */
function specKitSpec(feature: string, requirements: string[]): string {
  return `# Feature Specification: ${feature}

**Feature Branch**: \`${feature}\`
**Created**: 2025-09-18
**Status**: Draft
**Input**: User description: "${feature}"

## User Scenarios & Testing *(mandatory)*

### Primary User Story

A user resets a forgotten password.

## Requirements *(mandatory)*

### Functional Requirements

${requirements.join('\n')}

### Key Entities

- **Account**: a user's identity and credentials.

## Success Criteria

- **SC-001**: 95% of users complete a reset in under 2 minutes.
`;
}

describe('spec-kit feature folders', () => {
  const spec1 = specKitSpec('001-password-reset', [
    '- **FR-001**: System MUST let users request a reset link by email.',
    '- **FR-002**: System MUST expire reset links after 30 minutes.',
    '- **FR-003**: System MUST authenticate users via [NEEDS CLARIFICATION: auth method not specified - email/password, SSO, OAuth?]',
  ]);
  const spec2 = specKitSpec('002-billing', ['- **FR-001**: System MUST bill monthly.', '- **FR-002**: System MUST send invoices by email.']);
  const tasks = `# Tasks: Password reset

**Input**: Design documents from \`/specs/001-password-reset/\`

## Phase 3.3: Core Implementation

- [ ] T010 [P] Reset request endpoint in src/reset.ts (FR-001)
- [ ] T011 Link expiry job (FR-002, FR-009)
- [ ] T012 Measure completion time for SC-001
`;
  const plan = `# Implementation Plan: Password reset

**Branch**: \`001-password-reset\` | **Spec**: [spec.md](spec.md) | **Research**: [research.md](research.md)

## Summary

Implements FR-001 and FR-002 with a signed token.
`;
  const files = {
    'specs/001-password-reset/spec.md': spec1,
    'specs/001-password-reset/plan.md': plan,
    'specs/001-password-reset/tasks.md': tasks,
    'specs/002-billing/spec.md': spec2,
  };

  it('FR-/SC- items are requirement clauses whose text is the item, in the feature folder scope', () => {
    const index = memoryWorkspace(files);
    const model = index.model();
    const facts = index.specFacts('specs/001-password-reset/spec.md')!;
    assert.equal(facts.format, 'spec-kit');
    assert.deepEqual(
      facts.headingClauses.map((c) => `${c.id}:${c.kind}`),
      ['FR-001:item', 'FR-002:item', 'FR-003:item', 'SC-001:item'],
    );
    const fr2 = model.resolve('FR-002', 'specs/001-password-reset/tasks.md');
    assert.equal(fr2.clause?.text, 'System MUST expire reset links after 30 minutes.');
    assert.equal(fr2.clause?.title, 'Functional Requirements');
    assert.deepEqual(fr2.scope, { kind: 'folder', path: 'specs/001-password-reset', name: '001-password-reset' });
    assert.equal(model.resolve('FR-002', 'specs/002-billing/spec.md').clause?.text, 'System MUST send invoices by email.');
    // plan.md restating nothing in bold declares nothing.
    assert.deepEqual(index.specFacts('specs/001-password-reset/plan.md')!.headingClauses, []);
  });

  it('every feature folder reuses FR-001: no duplicate; mentions in plan.md and tasks.md resolve in their folder, unknown ones are flagged', () => {
    const index = memoryWorkspace(files);
    const found = brief(diagnosticsOf(index)).filter((d) => !d.startsWith('ambiguity.') || d.startsWith('ambiguity.open-question'));
    assert.deepEqual(found, [
      'link.broken-anchor@specs/001-password-reset/plan.md:3',
      'ambiguity.open-question@specs/001-password-reset/spec.md:20',
      'reference.unknown-id@specs/001-password-reset/tasks.md:8',
    ]);
    const refs = references(index, 'specs/001-password-reset/spec.md', { line: 18, character: 6 }, false);
    assert.deepEqual(
      refs.map((r) => `${r.file}:${r.range.start.line + 1}`),
      ['specs/001-password-reset/plan.md:7', 'specs/001-password-reset/tasks.md:8'],
    );
    const def = definition(index, 'specs/001-password-reset/tasks.md', { line: 6, character: 60 });
    assert.deepEqual(
      def.map((l) => `${l.file}:${l.range.start.line + 1}`),
      ['specs/001-password-reset/spec.md:18'],
    );
  });

  it('spec.md may declare without a bold id (FR-001: …) or with the title in the bold (**FR-1: Title**); FR-1.1 mentions no FR-1', () => {
    // The shapes of real feature specs: these lines declared nothing, so each drew reference.unknown-id on itself.
    const index = memoryWorkspace({
      'specs/014-user-model/spec.md': [
        '# Feature Specification: User model',
        '',
        '## Functional Requirements',
        '',
        'FR-001: The system must persist a `User` document with a unique `userId`.',
        '',
        '**FR-2: Webhook events**',
        '',
        '- The webhook endpoint must accept `created`, `updated` and `deleted` events.',
        '',
        '**FR-2.1: Retries** are described in FR-2 above; FR-001 covers storage.',
        '',
      ].join('\n'),
      'specs/014-user-model/plan.md': '# Plan\n\nStorage (FR-001) first, then events (FR-2, FR-3).\n\nFR-009: mentioned, not declared, in a plan.\n',
      'notes/todo.md': '# Notes\n\nSC-1: a note, not a requirement.\n',
    });
    assert.deepEqual(index.specFacts('specs/014-user-model/spec.md')!.headingClauses.map((c) => `${c.id}:${c.text}`), [
      'FR-001:The system must persist a User document with a unique userId.',
      'FR-2:Webhook events',
    ]);
    assert.deepEqual(index.specFacts('notes/todo.md')!.headingClauses, []);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.')), [
      'reference.unknown-id@specs/014-user-model/plan.md:3',
      'reference.unknown-id@specs/014-user-model/plan.md:5',
    ]);
  });

  it('a variant of spec.md a tool wrote beside it (spec.generated.md) declares its items too; other files of the folder mention them', () => {
    // The shape of a real feature folder: spec.md is prose, spec.generated.md holds the **FR-001** list, and each of
    // its items drew reference.unknown-id on the line that declares it.
    const index = memoryWorkspace({
      'specs/003-landing/spec.md': '# Feature 003: Landing page\n\n## Acceptance Criteria\n\n- The page is served at `/`.\n\n## Success Criteria\n\n- **SC-010 (first-paint)**: 95 of 100 runs paint within 2 s.\n',
      'specs/003-landing/spec.generated.md': specKitSpec('Landing page', ['- **FR-001**: The system MUST render the page at `/`.', '- **FR-002**: The page MUST include a hero section.']),
      'specs/003-landing/tasks.md': '# Tasks\n\n- [ ] T001 Render `/` (FR-001)\n- [ ] T002 Hero (FR-002, FR-003)\n- [ ] T003 Measure SC-010\n',
      'specs/003-landing/spec-review.md': '# Review\n\n- **FR-004**: looks fine.\n',
    });
    assert.deepEqual(index.specFacts('specs/003-landing/spec.generated.md')!.headingClauses.map((c) => c.id), ['FR-001', 'FR-002', 'SC-001']);
    assert.deepEqual(index.specFacts('specs/003-landing/spec-review.md')!.headingClauses, []);
    // An id with a label in the bold declares too; the label is not the requirement's text.
    assert.deepEqual(index.specFacts('specs/003-landing/spec.md')!.headingClauses.map((c) => `${c.id}:${c.text}`), ['SC-010:95 of 100 runs paint within 2 s.']);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.')), [
      'reference.unknown-id@specs/003-landing/spec-review.md:3',
      'reference.unknown-id@specs/003-landing/tasks.md:4',
    ]);
  });

  it('a CJK writer\'s full-width punctuation after the id declares as the ASCII does: `（label）`, `【label】`, `：`', () => {
    // Written without a space, as Chinese and Japanese text is: `**FR-001（匯出）**:` was read as no declaration, and
    // every id of the list drew reference.unknown-id.
    const index = memoryWorkspace({
      'specs/007-export/spec.md': specKitSpec('匯出', [
        '- **FR-001（匯出）**: 系統 MUST 讓使用者匯出月報。',
        '- **FR-002【權限】**：系統 MUST 只讓管理員匯出。',
        '- **FR-003**：系統 MUST 記錄每次匯出。',
        '- FR-004：系統 MUST 以 UTF-8 寫出檔案。',
        '- **FR-005：保存期限**',
      ]),
      'specs/007-export/tasks.md': '# Tasks\n\n- [ ] T001 匯出 (FR-001, FR-002, FR-003, FR-004, FR-005)\n- [ ] T002 FR-006\n',
    });
    assert.deepEqual(index.specFacts('specs/007-export/spec.md')!.headingClauses.map((c) => `${c.id}:${c.text}`), [
      'FR-001:系統 MUST 讓使用者匯出月報。',
      'FR-002:系統 MUST 只讓管理員匯出。',
      'FR-003:系統 MUST 記錄每次匯出。',
      'FR-004:系統 MUST 以 UTF-8 寫出檔案。',
      'FR-005:保存期限',
      'SC-001:95% of users complete a reset in under 2 minutes.',
    ]);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.')), ['reference.unknown-id@specs/007-export/tasks.md:4']);
  });

  it("another spec file of a feature folder (spec-v2.md) declares the ids its requirement items add; restated ones stay spec.md's", () => {
    // The shape of a real feature folder: spec.md declares FR-001, a second file adds a phase with FR-101 and FR-102 and
    // restates FR-001. All of that file's ids drew one reference.unknown-id ("None of the ids this file mentions").
    const index = memoryWorkspace({
      'specs/004-notes/spec.md': specKitSpec('Notes', ['- **FR-001**: The system MUST save a note.']),
      'specs/004-notes/spec-v2-phase2.md': [
        '# Notes, phase 2',
        '',
        '## Requirements',
        '',
        '- **FR-001**: The system MUST save a note.',
        '- **FR-101**: The system MUST share a note by link.',
        '- **FR-102**: Shared notes SHOULD expire after 30 days.',
        '',
        '## Success Criteria',
        '',
        '- **SC-101**: A shared link opens in under 2 seconds.',
        '',
        'FR-101 and FR-102 extend FR-001.',
        '',
      ].join('\n'),
      'specs/004-notes/tasks.md': '# Tasks\n\n- [ ] T001 Save (FR-001)\n- [ ] T002 Share (FR-101, SC-101)\n- [ ] T003 Expire (FR-102, FR-103)\n',
    });
    // Declared once (spec.md's FR-001 is no duplicate); the second file's clauses are none of its own.
    assert.deepEqual(index.specFacts('specs/004-notes/spec-v2-phase2.md')!.headingClauses, []);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.') || d.startsWith('clause.')), ['reference.unknown-id@specs/004-notes/tasks.md:5']);
  });

  it('an unfilled slot of the template left in a spec declares nothing: no duplicate of the real requirement', () => {
    // Real feature specs keep the template's example section below their own requirements: both declared FR-001, and
    // each pair drew two clause.duplicate-id errors.
    const index = memoryWorkspace({
      'specs/002-nav/spec.md': [
        '# Feature Specification: Navigation',
        '',
        '## Requirements',
        '',
        '- **FR-001**: The header MUST link to the pricing page.',
        '- **FR-002**: Reports MUST be exported in the listed formats [e.g., CSV, JSON].',
        '',
        '<!-- ACTION REQUIRED: The content in this section represents placeholders. -->',
        '',
        '### Functional Requirements',
        '',
        '- **FR-001**: System MUST [specific capability, e.g., "allow users to create accounts"]',
        '- **FR-003**: Users MUST be able to [key interaction, e.g., "reset their password"]',
        '',
        '*Example of marking unclear requirements:*',
        '',
        '- **FR-006**: System MUST authenticate users via [NEEDS CLARIFICATION: auth method not specified - email/password, SSO, OAuth?]',
        '- **FR-007**: System MUST retain user data for [NEEDS CLARIFICATION: retention period not specified]',
        '',
      ].join('\n'),
      'specs/002-nav/tasks.md': '# Tasks\n\n- [ ] T001 Header link (FR-001), exports (FR-002)\n',
    });
    assert.deepEqual(index.specFacts('specs/002-nav/spec.md')!.headingClauses.map((c) => `${c.id}:${c.range.start.line + 1}`), ['FR-001:5', 'FR-002:6']);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('clause.') || d.startsWith('reference.')), []);
  });

  it('a feature\'s spec written beside its folder (`specs/003-x.md` next to `specs/003-x/`) declares its table rows; the folder\'s files resolve ids there', () => {
    const table = (ids: string[]): string => ['# Feature Spec 003: Recurring events', '', '## Requirements', '', '| ID | Requirement | Priority |', '|---|---|---|', ...ids.map((id) => `| ${id} | Occurrences are expanded at query time | P0 |`), ''].join('\n');
    const index = memoryWorkspace({
      'specs/003-recurring.md': table(['FR-01', 'FR-02']),
      'specs/003-recurring/spec.md': '# Feature Spec 003\n\n> Canonical spec: [the spec](../003-recurring.md)\n',
      'specs/003-recurring/tasks.md': '# Tasks\n\n- [ ] T001 Expand occurrences (FR-02), cache them (FR-09)\n',
      // A copy in the folder's own spec.md: no duplicate of the sibling's ids (each its own scope).
      'specs/004-roles.md': table(['FR-01']),
      'specs/004-roles/spec.md': table(['FR-01']),
      'specs/004-roles/plan.md': '# Plan\n\nCovers FR-01.\n',
      // Not a feature's spec: no folder of that name's shape, no declaration.
      'docs/003-recurring.md': table(['FR-07']),
    });
    assert.deepEqual(index.specFacts('specs/003-recurring.md')!.headingClauses.map((c) => c.id), ['FR-01', 'FR-02']);
    assert.deepEqual(index.specFacts('docs/003-recurring.md')!.headingClauses.map((c) => c.id), []);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('clause.') || d.startsWith('reference.')), ['reference.unknown-id@specs/003-recurring/tasks.md:3']);
    const fromTasks = index.model().resolve('FR-02', 'specs/003-recurring/tasks.md');
    assert.deepEqual(fromTasks.clauses.map((c) => c.file), ['specs/003-recurring.md']);
    // The folder's own declaration wins over the sibling's.
    assert.deepEqual(index.model().resolve('FR-01', 'specs/004-roles/plan.md').clauses.map((c) => c.file), ['specs/004-roles/spec.md']);
  });

  it('[NEEDS CLARIFICATION: …] is an open question in its requirement, answered with the Answer flow', () => {
    const index = memoryWorkspace(files);
    const d = diagnosticsOf(index).find((x) => x.code === 'ambiguity.open-question')!;
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /auth method not specified - email\/password, SSO, OAuth\?/);
    assert.equal(d.data?.['clauseId'], 'FR-003');
    const actions = codeActions(index, 'specs/001-password-reset/spec.md', d.range, [d]);
    assert.equal(actions[0]!.title, 'Answer: auth method not specified - email/password, SSO, OAuth?');
    assert.equal(actions[0]!.command?.command, 'specClarifier.answer');
  });

  it('a requirements table declares its rows\' ids (`| FR-04 | … |`, bold or not); the header row and other tables do not', () => {
    const spec = [
      '# Feature Spec 001: Event discovery',
      '',
      '## Requirements',
      '',
      '### Functional Requirements',
      '',
      '| ID | Requirement | Priority |',
      '|----|-------------|----------|',
      '| FR-01 | Events list page displays upcoming events sorted by date | P0 |',
      '| **FR-02** | Events filterable by city [NEEDS CLARIFICATION: which radius?] | P1 |',
      '',
      '### Success Criteria',
      '',
      '| Metric | Target |',
      '|---|---|',
      '| Load time, see FR-01 | 2 s |',
      '',
    ].join('\n');
    const plan = '# Plan\n\nThe list (FR-01) and the filters (FR-02) come first; FR-09 later.\n';
    const index = memoryWorkspace({ 'specs/001-events/spec.md': spec, 'specs/001-events/plan.md': plan });
    const facts = index.specFacts('specs/001-events/spec.md')!;
    assert.deepEqual(facts.headingClauses.map((c) => `${c.id}:${c.range.start.line + 1}:${c.idRange.start.character}`), ['FR-01:9:2', 'FR-02:10:4']);
    assert.equal(facts.headingClauses[0]!.text, 'Events list page displays upcoming events sorted by date | P0');
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.')), ['reference.unknown-id@specs/001-events/plan.md:3']);
    // The open question in a row belongs to that row's requirement.
    assert.equal(diagnosticsOf(index).find((d) => d.code === 'ambiguity.open-question')?.data?.['clauseId'], 'FR-02');
  });

  it('a traceability matrix (`| FR-001 | US1.1; SC-001 | tests/… |`) lists the requirements its spec declares: no duplicate ids; two rows or two items of one id still are', () => {
    // Seen in a real spec-kit repository: each requirement declared by its `**FR-00N**` item and listed again in a table
    // of evidence drew two clause.duplicate-id errors, 54 errors in a spec with none.
    const spec = (extra: string[]): string =>
      [
        '# Feature Specification: Registration',
        '',
        '## Requirements',
        '',
        '### Functional Requirements',
        '',
        '- **FR-001**: The system MUST accept a username, an e-mail address and a password.',
        '- **FR-002**: The backend MUST validate the fields without relying on the interface.',
        '',
        '### Traceability',
        '',
        '| Requirement | Scenario | Evidence |',
        '|---|---|---|',
        '| FR-001 | US1.1; SC-001 | `tests/routers/test_user.py` |',
        '| FR-002 | US1.4; SC-007 | `tests/test_schemas.py` |',
        ...extra,
        '',
      ].join('\n');
    const matrix = memoryWorkspace({ 'specs/001-registration/spec.md': spec([]) });
    // The rows are still read (their ids are the requirements'), marked as rows.
    assert.deepEqual(matrix.specFacts('specs/001-registration/spec.md')!.headingClauses.map((c) => `${c.id}${c.row ? ':row' : ''}`), ['FR-001', 'FR-002', 'FR-001:row', 'FR-002:row']);
    assert.deepEqual(brief(diagnosticsOf(matrix)).filter((d) => d.startsWith('clause.')), []);
    // An id only the table holds, twice, and an item declared twice: duplicates as before.
    const twice = memoryWorkspace({ 'specs/001-registration/spec.md': spec(['| FR-003 | US2.1 | `tests/a.py` |', '| FR-003 | US2.2 | `tests/b.py` |', '', '- **FR-002**: A second item with the same id.']) });
    assert.deepEqual(brief(diagnosticsOf(twice)).filter((d) => d.startsWith('clause.')), [
      'clause.duplicate-id@specs/001-registration/spec.md:8',
      'clause.duplicate-id@specs/001-registration/spec.md:16',
      'clause.duplicate-id@specs/001-registration/spec.md:17',
      'clause.duplicate-id@specs/001-registration/spec.md:19',
    ]);
    // An edit of the matrix (the spec parsed again from its last parse): still nothing.
    const edited = memoryWorkspace({ 'specs/001-registration/spec.md': spec([]) });
    edited.updateFile('specs/001-registration/spec.md', spec([]).replace('| FR-001 | US1.1;', '| FR-001 | US1.1, US1.2;'));
    assert.deepEqual(brief(diagnosticsOf(edited)).filter((d) => d.startsWith('clause.')), []);
  });

  it('a [NEEDS CLARIFICATION: …] struck through (a requirement withdrawn or deferred) asks nothing; one beside it still asks', () => {
    const spec = specKitSpec('003-search', [
      '- **FR-001**: System MUST support upgrading without service interruption',
      '- ~~**FR-002**: System MUST [NEEDS CLARIFICATION: who decides when to migrate?]~~ **[DEFERRED TO PHASE 2]**',
      '- **FR-003**: System MUST keep results for [NEEDS CLARIFICATION: how long?]',
    ]);
    const index = memoryWorkspace({ 'specs/003-search/spec.md': spec });
    assert.deepEqual(diagnosticsOf(index).filter((d) => d.code === 'ambiguity.open-question').map((d) => d.message.match(/how long\?|who decides/)?.[0]), ['how long?']);
  });

  it('templates are not specs: their FR-001 and [NEEDS CLARIFICATION: specific question] are shapes, not findings', () => {
    const template = specKitSpec('[FEATURE NAME]', [
      '- **FR-001**: System MUST [specific capability, e.g., "allow users to create accounts"]',
      '- **FR-006**: System MUST authenticate users via [NEEDS CLARIFICATION: auth method not specified - email/password, SSO, OAuth?]',
    ]);
    const index = memoryWorkspace({ 'templates/spec-template.md': template, 'templates/plan-template.md': '# Plan\n\nCovers FR-001.\n', 'specs/001-password-reset/spec.md': spec1 });
    assert.deepEqual(index.specFacts('templates/spec-template.md')!.headingClauses, []);
    assert.deepEqual(
      brief(diagnosticsOf(index)).filter((d) => d.includes('templates/')),
      [],
    );
  });

  it('code cites a feature requirement as feature:FR-001; a bare id declared by several features is ambiguous', () => {
    const index = memoryWorkspace({
      ...files,
      'src/reset.ts': '// Sends the reset link [^001-password-reset:FR-001]\nexport const a = 1;\n// [^FR-001]\n// [^SC-001]\n// [^003-x:FR-001]\n',
    });
    const model = index.model();
    const citing = diagnosticsOf(index).filter((d) => d.file === 'src/reset.ts');
    assert.deepEqual(
      citing.map((d) => `${d.code}@${d.range.start.line + 1}`),
      ['citation.ambiguous-id@3', 'citation.ambiguous-id@4', 'citation.unknown-id@5'],
    );
    assert.match(citing[0]!.message, /declared in 2 scopes; name one: `\[\^001-password-reset:FR-001\]`, `\[\^002-billing:FR-001\]`/);
    // The qualified citation is a citation of the first feature's FR-001 only.
    assert.equal(model.resolve('FR-001', 'specs/001-password-reset/spec.md').citations.length, 1);
    assert.equal(model.resolve('FR-001', 'specs/002-billing/spec.md').citations.length, 0);
    assert.equal(model.resolve('001-password-reset:FR-001').clause?.file, 'specs/001-password-reset/spec.md');
    // Hover names the scope.
    const hover = hoverMarkdown(model, 'FR-001', { link: (p) => p, from: 'specs/002-billing/spec.md' })!;
    assert.match(hover, /Scope: folder `specs\/002-billing` · cited from code as `\[\^002-billing:FR-001\]`/);
    assert.match(hover, /System MUST bill monthly/);
    assert.match(hoverMarkdown(model, 'FR-001', { link: (p) => p })!, /Declared in 2 scopes/);
    // Coverage is per scope: only the cited feature's FR-001 is covered.
    assert.equal(model.isCovered('FR-001', 'specs/001-password-reset'), true);
    assert.equal(model.isCovered('FR-001', 'specs/002-billing'), false);
  });

  it('rename from a feature renames that feature only; from nowhere it refuses', () => {
    const index = memoryWorkspace(files);
    const result = renameId(index, 'FR-002', 'FR-020', 'specs/001-password-reset/tasks.md');
    assert.ok('edits' in result);
    assert.deepEqual(
      result.edits.map((e) => (e.kind === 'text' ? `${e.file}:${e.range.start.line + 1}` : '')).sort(),
      ['specs/001-password-reset/plan.md:7', 'specs/001-password-reset/spec.md:19', 'specs/001-password-reset/tasks.md:8'],
    );
    assert.ok('error' in renameId(index, 'FR-002', 'FR-020'));
    // A qualified citation keeps its scope name.
    const cited = memoryWorkspace({ ...files, 'src/a.ts': '// [^001-password-reset:FR-002]\n' });
    const renamed = renameId(cited, 'FR-002', 'FR-020', 'specs/001-password-reset/spec.md');
    assert.ok('edits' in renamed);
    assert.deepEqual(
      renamed.edits.filter((e) => e.kind === 'text' && e.file === 'src/a.ts').map((e) => (e.kind === 'text' ? e.newText : '')),
      ['001-password-reset:FR-020'],
    );
  });

  it("a mention of another feature's requirement (by its number or folder) is neither unknown nor this feature's clause; a plain one stays checked", () => {
    const index = memoryWorkspace({
      'specs/001-pantry/spec.md': specKitSpec('001-pantry', [
        '- **FR-011**: The app MUST list every jar on a shelf.',
        '- **FR-012**: The app MUST keep three record kinds: jar, shelf and owner.',
        '- **FR-013**: A jar whose shelf is taken down MUST count as unplaced.',
      ]),
      'specs/002-recipes/spec.md': specKitSpec('002-recipes', [
        '- **FR-001**: The app MUST keep a recipe as a fourth record kind, building on FR-012 of the 001-pantry spec.',
        '- **FR-002**: A recipe that asks for an unplaced jar MUST still open, in line with feature 001 FR-013.',
        '- **FR-003**: The missing-jar check from feature 001 (FR-011) MUST run before cooking starts.',
        '- **FR-011**: A recipe MUST name its servings.',
        '- **FR-004**: Servings MUST scale as FR-011 says, and FR-099 is still to come.',
      ]),
      'specs/002-recipes/tasks.md': '# Tasks\n\n- [ ] T001 Reuse the shelf model of `specs/001-pantry/spec.md` FR-012\n- [ ] T002 Implement FR-004 and FR-098\n',
      'specs/002-recipes/checklists/requirements.md': '# Checklist\n\n- Leans on the 001-pantry spec: FR-004 widens FR-012 (record kinds).\n- FR-097 is not written yet.\n',
    });
    // Only this feature's own mentions are checked: FR-097, FR-098 and FR-099 are declared nowhere. The checklist's
    // sentence names the pantry feature: its FR-012 (not declared here) is the pantry's, its FR-004 this feature's.
    assert.deepEqual(
      diagnosticsOf(index).filter((d) => d.code === 'reference.unknown-id').map((d) => `${d.file}:${d.range.start.line + 1} ${d.message.split(' ')[0]}`),
      ['specs/002-recipes/checklists/requirements.md:4 `FR-097`', 'specs/002-recipes/spec.md:22 `FR-099`', 'specs/002-recipes/tasks.md:4 `FR-098`'],
    );
    // "from feature 001 (FR-011)" is not this feature's FR-011: only the plain mention in FR-004 refers to it.
    const refs = referencesOf(index.model(), 'FR-011', false, 'specs/002-recipes/spec.md');
    assert.deepEqual(refs.map((r) => `${r.file}:${r.range.start.line + 1}`), ['specs/002-recipes/spec.md:22']);
    const own = referencesOf(index.model(), 'FR-004', false, 'specs/002-recipes/spec.md');
    assert.deepEqual(own.map((r) => `${r.file}:${r.range.start.line + 1}`), ['specs/002-recipes/checklists/requirements.md:3', 'specs/002-recipes/tasks.md:4']);
  });
});

describe('Kiro specs', () => {
  it("a bugfix spec's statements (bugfix.md `1.1 WHEN …`) are the ids its design and tasks cite", () => {
    // Kiro's bugfix specs have no requirements.md: every citation of their design and tasks was reference.unknown-id.
    const bugfix = '# Bugfix Requirements Document\n\n## Bug Analysis\n\n### Current Behavior (Defect)\n\n1.1 WHEN Send is pressed twice THEN the system posts twice\n\n### Expected Behavior (Correct)\n\n2.1 WHEN Send is pressed twice THEN the system SHALL post once\n';
    const tasks = '# Tasks\n\n- [ ] 1. Disable Send while posting\n  - _Requirements: 1.1, 2.1_\n- [ ] 2. Keep the rest\n  - _Requirements: 3.1_\n';
    const index = memoryWorkspace({ '.kiro/specs/fix-send/bugfix.md': bugfix, '.kiro/specs/fix-send/tasks.md': tasks });
    assert.deepEqual(index.specFacts('.kiro/specs/fix-send/bugfix.md')!.headingClauses.map((c) => c.id), ['1.1', '2.1']);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.') || d.startsWith('clause.')), ['reference.unknown-id@.kiro/specs/fix-send/tasks.md:6']);
  });

  it("requirements numbered without the word: headings `### 1.2 Title`, or `### 1. Title` with criteria `1.1. WHEN …`, declare what the tasks cite; a number two headings share declares nothing", () => {
    // Seen in two Kiro projects: the grouped "None of the N requirement ids … is declared" for every task file.
    const byHeading = '# Alerts - Requirements\n\n## Overview\n\nWatched prices raise alerts.\n\n## Functional Requirements\n\n### 1.1 Watch list\n- Users add items.\n\n### 1.2 Limits\n- Users set a limit per item.\n';
    const byCriteria = '# Lamp - Requirements\n\n### 1. Dimming\n\n#### Acceptance Criteria\n\n1.1. WHEN the room goes dark THEN the lamp SHALL turn on\n\n1.2. WHEN tapped THEN the lamp SHALL step up\n\n### 2. Timer\n\n#### Acceptance Criteria\n\n2.1. WHEN the timer ends THEN the lamp SHALL fade out\n';
    // An outline whose numbers repeat ("1. Overview" and "1. Setup" under another part): no duplicate is made of it.
    const outline = '# Notes - Requirements\n\n## 1. Overview\n\nText.\n\n## 2. Details\n\n### 1. Setup\n\nText.\n\n### 2.1 Storage\n\nText.\n';
    const index = memoryWorkspace({
      '.kiro/specs/alerts/requirements.md': byHeading,
      '.kiro/specs/alerts/tasks.md': '# Tasks\n\n- [ ] 1. Store\n  - _Requirements: 1.1, 1.2_\n- [ ] 2. Mail\n  - _Requirements: 1.3_\n',
      '.kiro/specs/lamp/requirements.md': byCriteria,
      '.kiro/specs/lamp/tasks.md': '# Tasks\n\n- [ ] 1. Sensor\n  - _Requirements: 1.1, 1.2, 2.1_\n',
      '.kiro/specs/notes/requirements.md': outline,
      '.kiro/specs/notes/tasks.md': '# Tasks\n\n- [ ] 1. Storage\n  - _Requirements: 2.1_\n',
    });
    assert.deepEqual(index.specFacts('.kiro/specs/alerts/requirements.md')!.headingClauses.map((c) => c.id), ['1.1', '1.2']);
    assert.deepEqual(index.specFacts('.kiro/specs/lamp/requirements.md')!.headingClauses.map((c) => c.id), ['1', '1.1', '1.2', '2', '2.1']);
    assert.deepEqual(index.specFacts('.kiro/specs/notes/requirements.md')!.headingClauses.map((c) => c.id), ['2', '2.1']);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => d.startsWith('reference.') || d.startsWith('clause.')), ['reference.unknown-id@.kiro/specs/alerts/tasks.md:6']);
  });

  const requirements = `# Requirements Document

## Introduction

Checkout lets a signed-in user pay for the cart.

## Requirements

### Requirement 1

**User Story:** As a shopper, I want to pay for my cart, so that I receive my order.

#### Acceptance Criteria

1. WHEN the cart is empty THEN the system SHALL disable the checkout button
2. WHEN payment succeeds THEN the system SHALL show the order number
3. IF payment fails THEN the system SHALL keep the cart unchanged

### Requirement 2: Receipts

**User Story:** As a shopper, I want a receipt, so that I can expense the order.

#### Acceptance Criteria

1.  WHEN an order is placed THE system SHALL email a receipt within 5 minutes
`;
  const tasks = `# Implementation Plan

- [ ] 1. Checkout button state
  - Disable the button for an empty cart
  - _Requirements: 1.1, 1.3_

- [ ] 2. Receipt email
  - _Requirements: 2.1, 2.4_
`;
  const numbered = `# Requirements Document

## Requirements

### Requirement 1: Monitoring

#### Acceptance Criteria

1.1. WHEN the system polls THEN the monitor SHALL query every configured state

1.2. WHERE several states are configured, THE monitor SHALL return items of any of them

### Requirement 2: Routing

#### Acceptance Criteria

2.1. THE router SHALL map each state to one workflow
2.2. THE router SHALL reject a state with no workflow
2.3. THE router SHALL log every mapping
`;

  it('requirements and their numbered EARS criteria are clauses; tasks resolve them; unknown ones are flagged', () => {
    const index = memoryWorkspace({
      '.kiro/specs/checkout/requirements.md': requirements,
      '.kiro/specs/checkout/tasks.md': tasks,
      '.kiro/specs/monitoring/requirements.md': numbered,
      '.kiro/specs/monitoring/design.md': '# Design\n\n**Validates: Requirements 1.1, 1.2**\n',
    });
    const facts = index.specFacts('.kiro/specs/checkout/requirements.md')!;
    assert.equal(facts.format, 'kiro');
    assert.deepEqual(
      facts.headingClauses.map((c) => `${c.id}:${c.kind}`),
      ['1:heading', '1.1:item', '1.2:item', '1.3:item', '2:heading', '2.1:item'],
    );
    const c = index.model().resolve('1.3', '.kiro/specs/checkout/tasks.md').clause!;
    assert.equal(c.text, 'IF payment fails THEN the system SHALL keep the cart unchanged');
    assert.equal(c.parent, '1');
    assert.equal(index.model().resolve('2', '.kiro/specs/checkout/tasks.md').clause?.title, 'Receipts');
    assert.deepEqual(
      index.specFacts('.kiro/specs/monitoring/requirements.md')!.headingClauses.map((x) => x.id),
      ['1', '1.1', '1.2', '2', '2.1', '2.2', '2.3'],
    );
    // Criteria numbered line by line in one paragraph: each line is its own clause, up to the next numbered line.
    const routing = index.model().resolve('2.2', '.kiro/specs/monitoring/design.md').clause!;
    assert.equal(routing.text, '2.2. THE router SHALL reject a state with no workflow');
    assert.equal(routing.range.start.line, routing.range.end.line);
    // Two features both have requirement 1: no duplicate. One dangling reference.
    assert.deepEqual(
      brief(diagnosticsOf(index)).filter((d) => !d.startsWith('ambiguity.')),
      ['reference.unknown-id@.kiro/specs/checkout/tasks.md:8'],
    );
  });

  it('criteria are numbered as Markdown displays the list: a repeated or skipped number shifts the rest, as tasks cite them', () => {
    // The shape of a real Kiro requirements file: `7.` written twice; the preview shows 1-5 and tasks.md cites 1.5.
    const index = memoryWorkspace({
      '.kiro/specs/feeds/requirements.md': [
        '# Requirements Document', '', '### Requirement 1: Feeds', '', '#### Acceptance Criteria', '',
        '1. THE System SHALL list the feeds',
        '2. WHEN feeds are added, THE System SHALL configure zone transfers',
        '2. WHEN feeds are added, THE System SHALL reload the server',
        '3. IF the request fails, THEN THE System SHALL show an error',
        '4. IF no key is configured, THEN THE System SHALL say so',
        '',
      ].join('\n'),
      '.kiro/specs/feeds/tasks.md': '# Tasks\n\n- [ ] 1. Add feeds\n  - _Requirements: 1.3, 1.4, 1.5_\n',
    });
    assert.deepEqual(index.specFacts('.kiro/specs/feeds/requirements.md')!.headingClauses.map((c) => c.id), ['1', '1.1', '1.2', '1.3', '1.4', '1.5']);
    const model = index.model();
    assert.match(model.resolve('1.3', '.kiro/specs/feeds/tasks.md').clause!.text, /reload the server/);
    assert.match(model.resolve('1.5', '.kiro/specs/feeds/tasks.md').clause!.text, /no key is configured/);
    assert.deepEqual(brief(diagnosticsOf(index)).filter((d) => !d.startsWith('ambiguity.')), []);
  });

  it('criteria grouped under sub-headings of Acceptance Criteria are declared, numbered as the lists run on', () => {
    // `##### Filling` holds criterion 1, `##### Draining` criteria 2 and 3: the numbers continue across the groups.
    const index = memoryWorkspace({
      '.kiro/specs/tank/requirements.md': [
        '# Requirements Document', '', '### Requirement 1: Water level', '', '#### Acceptance Criteria', '',
        '##### Filling', '', '1. WHEN the level is below 20 cm THEN THE SYSTEM SHALL open the inlet.', '',
        '##### Draining', '', '2. WHEN the level is above 90 cm THEN THE SYSTEM SHALL open the outlet.',
        '3. WHEN the outlet is open for 10 minutes THEN THE SYSTEM SHALL raise an alarm.', '',
        '### Requirement 2: Display', '', '#### Notes', '', '##### Layout', '', '1. The level is shown in centimetres.', '',
      ].join('\n'),
      '.kiro/specs/tank/tasks.md': '# Tasks\n\n- [ ] 1. Valves\n  - _Requirements: 1.1, 1.2, 1.3, 1.4, 2.1_\n',
    });
    assert.deepEqual(index.specFacts('.kiro/specs/tank/requirements.md')!.headingClauses.map((c) => c.id), ['1', '1.1', '1.2', '1.3', '2']);
    assert.match(index.model().resolve('1.2', '.kiro/specs/tank/tasks.md').clause!.text, /open the outlet/);
    // 1.4 does not exist; a numbered list under a sub-heading of another section (Notes) is no criterion.
    assert.deepEqual(
      diagnosticsOf(index).filter((d) => d.code === 'reference.unknown-id').map((d) => d.message.split(' ')[0]),
      ['`1.4`', '`2.1`'],
    );
  });

  it("a mention of another feature's requirement is neither unknown nor this feature's clause; a plain one stays this feature's", () => {
    const index = memoryWorkspace({
      '.kiro/specs/lamps/requirements.md': [
        '# Requirements Document', '', '### Requirement 1: Dimming', '', '#### Acceptance Criteria', '',
        '1. WHEN dusk falls THEN THE SYSTEM SHALL dim the lamps.', '',
        '### Requirement 2: Faults', '', '#### Acceptance Criteria', '',
        '1. WHEN a lamp fails THEN THE SYSTEM SHALL log it, matching `.kiro/specs/sensors/` Requirement 2.1 and 4.2.',
        '2. WHEN a lamp is replaced THEN THE SYSTEM SHALL reset its counter, as the sensors spec\'s Requirement 3 does.', '',
      ].join('\n'),
      '.kiro/specs/lamps/design.md': [
        '# Design', '',
        'This feature extends the timer framework\'s Requirement 5 and reuses its Requirement 6 (clock), Requirement 7 (alarms), and Requirement 8.',
        '', 'Faults follow HVAC Requirement 9.1, and the retry rule is Requirement 3.3 of that spec (Requirement 4.4 there).',
        '', 'The dimming curve is Requirement 1.1; the fault log is this spec\'s Requirement 2.1. Requirement 1.7 is still open.',
        '', '- _Requirements: 1.1, 2.5_', '',
      ].join('\n'),
    });
    // Only this feature's own mentions are checked: 1.7 and 2.5 do not exist here.
    assert.deepEqual(
      diagnosticsOf(index).filter((d) => d.code === 'reference.unknown-id').map((d) => `${d.file}:${d.range.start.line + 1} ${d.message.split(' ')[0]}`),
      ['.kiro/specs/lamps/design.md:7 `1.7`', '.kiro/specs/lamps/design.md:9 `2.5`'],
    );
    // `.kiro/specs/sensors/` Requirement 2.1 is not this feature's 2.1: only the design's own mention refers to it.
    const refs = referencesOf(index.model(), '2.1', false, '.kiro/specs/lamps/requirements.md');
    assert.deepEqual(refs.map((r) => `${r.file}:${r.range.start.line + 1}`), ['.kiro/specs/lamps/design.md:7']);
  });
});

/** `line: message` of each link.broken-anchor diagnostic of a workspace, in order. */
function brokenLinkLines(index: ReturnType<typeof memoryWorkspace>): string[] {
  return diagnosticsOf(index)
    .filter((d) => d.code === 'link.broken-anchor')
    .map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

describe('links to files and reference links', () => {
  it('links to missing Markdown files and undefined reference links are broken; defined references, GitHub line anchors, a[i][j] and ignored files are not', () => {
    const index = memoryWorkspace({
      'docs/a.md': [
        '# A {#a}',
        '',
        'See [b](b.md), [gone](gone.md), [gone too](gone.md#x), [asset](img/logo.png), [ok](b.md#b).',
        '',
        'Lines as GitHub links them: [line](b.md#L1), [lines](b.md#L1-L2), [columns](b.md#L1C3-L2C1); [missing](b.md#nope).',
        '',
        'Read [the guide][guide] and [the manual][manual]; [manual][] too; x[i][j] is code-like prose.',
        '',
        'And [ignored](build.md).',
        '',
        '[manual]: https://example.com/manual',
      ].join('\n'),
      'docs/b.md': '# B {#b}\n',
      'docs/build.md': null,
    });
    assert.deepEqual(
      diagnosticsOf(index)
        .filter((d) => d.code === 'link.broken-anchor')
        .map((d) => d.message),
      [
        'Broken link `gone.md`: docs/gone.md does not exist.',
        'Broken link `gone.md#x`: docs/gone.md does not exist.',
        'Broken link `b.md#nope`: no heading or {#nope} in docs/b.md.',
        'Undefined link reference `[guide]`: no `[guide]: …` definition in this file.',
      ],
    );
  });

  it('a run of three or more bracket groups is notation, not a reference link; nor is `[a][b]` right before `(`', () => {
    // A byte layout in a draft (`[VOB ID(2)][Cell ID(1)][Angle Num(1)]`) and `[a][b](url)`, where `[b](url)` is the
    // link: Markdown reads no reference link there, so nothing is undefined. A pair alone is still checked.
    const index = memoryWorkspace({
      'draft.md': [
        '# Codecs {#codecs}',
        '',
        '| 0x08 | CN | Cell number [VOB ID(2)][Cell ID(1)][Angle Num(1)] |',
        '|---|---|---|',
        '',
        'As follows: [# of commands(1)][command 1 (8)][command 2 (8)][command 3 (8)].',
        '',
        'See [the note][x](#codecs), [the missing][nothere] and [the codecs][codecs].',
        '',
        '[codecs]: #codecs',
      ].join('\n'),
    });
    assert.deepEqual(
      brokenLinkLines(index),
      ['8: Undefined link reference `[nothere]`: no `[nothere]: …` definition in this file.'],
    );
  });

  it('a file with no link reference definition writes no reference links: `[name][topic]` tags are text', () => {
    // Meeting notes tag items `[speaker][topic]`; a member list tags a name `[GB-appointed][TOC Chair]`. With no
    // definition in the file, nothing is a reference link that lost its definition. One definition, and they are.
    const notes = [
      '# Meeting notes {#notes}',
      '',
      '* [fromani][if time allows] new policy demo available',
      '* [madhav][update] the bot closes stale issues now',
      '* **A. Person** (term: 2 years) [GB-appointed][TOC Chair]',
      '* Are the operations covered by [existing SLIs/SLOs][]?',
    ];
    // A collapsed reference `[text][]` is a link in any file: its definition is missing (a KEP that dropped the
    // template's definitions).
    const silent = memoryWorkspace({ 'notes.md': notes.join('\n') });
    assert.deepEqual(
      brokenLinkLines(silent),
      ['6: Undefined link reference `[existing SLIs/SLOs]`: no `[existing SLIs/SLOs]: …` definition in this file.'],
    );
    const defined = memoryWorkspace({ 'notes.md': [...notes, '', '[TOC Chair]: #notes'].join('\n') });
    assert.deepEqual(
      brokenLinkLines(defined),
      [
        '3: Undefined link reference `[if time allows]`: no `[if time allows]: …` definition in this file.',
        '4: Undefined link reference `[update]`: no `[update]: …` definition in this file.',
        '6: Undefined link reference `[existing SLIs/SLOs]`: no `[existing SLIs/SLOs]: …` definition in this file.',
      ],
    );
  });

  it('checks a link reference definition only when a link uses it [^ln5u], and says why a lookalike is no definition', () => {
    const index = memoryWorkspace({
      'text/0001-x.md': [
        '# Summary',
        '[summary]: #summary',
        '',
        '## Motivation and Summary',
        '[motivation]: #motivation',
        '',
        'As the [motivation] says, see [the guide][guide], [the notes][NOTES] and [the log][log].',
        '',
        '[guide]: #guide',
        '[notes]: #notes',
        '[log]: https://example.com/a_(b))',
        '',
        '## Notes',
      ].join('\n'),
    });
    assert.deepEqual(
      brokenLinkLines(index),
      [
        // `[summary]: #summary` resolves anyway; `[motivation]: #motivation` is used (a shortcut link) and broken.
        '5: Broken link `#motivation`: no heading or {#motivation}.',
        '7: Undefined link reference `[log]`: line 11 `[log]: …` is not a link definition (Markdown reads it as text): check its destination for a space or an unbalanced parenthesis, and that it does not continue a paragraph.',
        '9: Broken link `#guide`: no heading or {#guide}.',
      ],
    );
    // Unused, and its anchor is nowhere: still silent; rename and references still see the definition.
    const unused = memoryWorkspace({ 'a.md': '# A {#a}\n\n[b]: #nowhere\n[c]: #a\n' });
    assert.deepEqual(diagnosticsOf(unused).filter((d) => d.code === 'link.broken-anchor'), []);
    assert.equal(unused.model().specReferencesById.get('a')?.filter((r) => r.kind === 'link').length, 1);
  });
});

describe('scope overrides', () => {
  it('.clarifier.json scopes: a folder of Model Spec style documents becomes one scope per document', () => {
    const { config, problems } = parseConfigText('{"scopes": {"rfcs/*.md": "document", "specs/**": "workspace"}}');
    assert.deepEqual(problems, []);
    const files = { 'rfcs/one.md': '# Intro {#intro}\n', 'rfcs/two.md': '# Intro {#intro}\n', 'specs/x.md': '# X {#x}\n' };
    assert.deepEqual(brief(diagnosticsOf(memoryWorkspace(files))), ['clause.duplicate-id@rfcs/one.md:1', 'clause.duplicate-id@rfcs/two.md:1']);
    const scoped = memoryWorkspace(files, { scopes: config.scopes });
    assert.deepEqual(brief(diagnosticsOf(scoped)), []);
    assert.deepEqual(scoped.model().scopeOf('rfcs/one.md'), { kind: 'document', path: 'rfcs/one.md', name: 'one' });
    assert.match(parseConfigText('{"scopes": {"x/**": "chapter"}}').problems[0]!, /^scopes\.x\/\*\*/);
  });

  it('the report names the scope of each clause that is not in the workspace scope', () => {
    const index = memoryWorkspace({
      'specs/001-a/spec.md': specKitSpec('001-a', ['- **FR-001**: System MUST work.']),
      'specs/002-b/spec.md': specKitSpec('002-b', ['- **FR-001**: System MUST work too.']),
    });
    const report = coverageReport(index.model());
    assert.match(report, /FR-001.*folder specs\/001-a/);
    assert.match(report, /FR-001.*folder specs\/002-b/);
  });
});
