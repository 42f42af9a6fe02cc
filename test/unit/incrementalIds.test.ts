// Edits that add or remove ids in a spec: the model is built from the last one (IndexModel.withSpec) and only the
// files whose diagnostics may change are recomputed. After every random edit, the model, every resolution and the
// per-file diagnostics kept the editor's way must equal a fresh index of the same texts.
import * as assert from 'node:assert/strict';
import { CLAUSE_BLOCK, clauseBlockCounts, compareInFile, computeDiagnostics, severityCountsOf, sortInFile, suggestId } from '../../server/src/core/diagnostics/diagnostics';
import { closest, distance } from 'fastest-levenshtein';
import { chunkedReview, IdMap, type IndexModel, type ReviewMemo, type WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { nearestAfter, nearestId } from '../../server/src/core/text/nearest';
import type { Diagnostic } from '../../server/src/core/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentKindOf, documentKindOfPieces, documentTerms, domainCounts, domainOf, domainOfPieces, pieceEvidence, reviewOf, reviewOfPieces, type Review } from '../../server/src/core/analysis/ambiguity/formats';
import { parseSpecChunked, specChunks } from '../../server/src/core/markdown/parseSpec';
import { extractDefinitions, mayDefineTerms, usesBcp14 } from '../../server/src/core/analysis/typecheck/normative';
import { conflictsOf } from '../../server/src/core/analysis/typecheck/conflicts';
import { LayeredMap } from '../../server/src/core/workspace/layeredMap';
import { memoryWorkspace, modelSpecDir } from '../helpers/workspace';

function snapshot(model: IndexModel): unknown {
  const byId = <T>(m: Iterable<[string, T[]]>): [string, T[]][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const ids = [...new Set([...model.clausesById.keys(), ...model.citationsById.keys(), ...model.specReferencesById.keys()])].sort();
  return {
    clauses: model.clauses,
    clausesById: byId(model.clausesById),
    citations: model.citations,
    definitionsById: byId(model.definitionsById),
    specReferencesById: byId(model.specReferencesById),
    examples: model.clauses.map((c) => model.exampleOf(c)),
    covered: model.clauses.map((c) => model.isCovered(c.id)),
    owners: model.exampleFiles.map((f) => model.exampleOwner(f)),
    resolved: ids.map((id) => model.resolve(id)),
    // The duplicate checks' ids per file (kept from the last model when no changed id is declared more than once).
    listed: model.specFiles.map((f) => [f, model.listedIdsOf(f)]),
    // What each spec made, in its order (an edit splices the last contribution: withSpec, Made.spliced).
    made: model.specFiles.map((f) => [f, model.clausesOfFile(f), model.definitionsOfFile(f)]),
  };
}

const byFile = (list: Diagnostic[]): Map<string, Diagnostic[]> => {
  const out = new Map<string, Diagnostic[]>();
  for (const d of list) out.set(d.file, [...(out.get(d.file) ?? []), d]);
  return out;
};

/**
 * The live model and the diagnostics the editor holds (`kept`) equal a fresh index of the same files: the model, the
 * covered-clause count and each file's list.
 */
function assertLikeFresh(model: IndexModel, kept: Map<string, Diagnostic[]>, files: Record<string, string>, context: string): void {
  const fresh = memoryWorkspace(files);
  assert.deepStrictEqual(snapshot(model), snapshot(fresh.model()), context);
  assert.equal(model.coveredClauseCount(), fresh.model().coveredClauseCount(), context);
  const expected = byFile(computeDiagnostics(fresh.model(), fresh.config));
  assert.deepStrictEqual([...kept.keys()].sort(), [...expected.keys()].sort(), context);
  for (const [f, list] of expected) assert.deepStrictEqual(kept.get(f), list, `${context}\n(${f})`);
}

/**
 * The editor's way of keeping diagnostics after an update: every file recomputed when the change was not local, else
 * only the changed files. Returns whether it was local (the fast path).
 */
function republish(live: WorkspaceIndex, kept: Map<string, Diagnostic[]>): boolean {
  const changes = live.takeChanges();
  const model = live.model();
  if (changes === 'all') {
    kept.clear();
    for (const [f, list] of byFile(computeDiagnostics(model, live.config))) kept.set(f, list);
    return false;
  }
  for (const f of changes) {
    const list = computeDiagnostics(model, live.config, f);
    if (list.length) kept.set(f, list);
    else kept.delete(f);
  }
  return true;
}

/** A small random generator (deterministic per seed). */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

const BASE: Record<string, string> = {
  'specs/a.md': ['# Alpha {#alpha}', '', 'The service keeps records[^a1]. It retries[^a2].', '', '## Beta {#beta}', '', 'Beta text[^b1] and FR-001.', '', '[^b1]: A classic footnote.', ''].join('\n'),
  'specs/b.md': ['# Other {#other}', '', 'Other text[^o1], see [alpha](a.md#alpha) and FR-002.', '', '- **FR-002**: The system shall log.', '', '## Again {#beta}', '', 'A duplicate of a heading id of a.md.', ''].join('\n'),
  'specs/examples/a1.md': 'Examples for [^a1]:\n',
  'src/x.ts': '// [^a1] [^o1] [^beta]\nexport const x = 1;\n',
  'src/y.ts': '// [^a3] [^zz9]\nexport const y = 2;\n',
};

const PIECES = [
  (n: number) => ` More[^n${n}].`,
  (n: number) => ` Again[^a${n % 4}].`,
  (n: number) => `\n\n## Heading ${n} {#h${n % 5}}\n\nText of heading.`,
  (n: number) => `\n\n[^n${n % 6}]: Definition ${n}.`,
  (n: number) => ` Mentions FR-00${n % 4}.`,
  (n: number) => ` Also[^zz${n % 10}].`,
];

function editOnce(text: string, next: (n: number) => number): string {
  const lines = text.split('\n');
  const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Z]/.test(l)).map(([, i]) => i);
  if (prose.length && next(3) === 0) {
    // Remove a footnote reference, a definition or a heading line.
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /\[\^|^## /.test(l)).map(([, i]) => i);
    if (candidates.length) {
      const at = candidates[next(candidates.length)]!;
      const line = lines[at]!;
      const ref = /\[\^[^\]]+\]/.exec(line);
      lines[at] = line.startsWith('## ') || line.startsWith('[^') || !ref ? '' : line.slice(0, ref.index) + line.slice(ref.index + ref[0].length);
      return lines.join('\n');
    }
  }
  const at = prose.length ? prose[next(prose.length)]! : 0;
  lines[at] = (lines[at] ?? '') + PIECES[next(PIECES.length)]!(next(40));
  return lines.join('\n');
}

/** editOnce, and links added or removed: to headings of the file (that come and go), to another spec. */
function editWithLinks(text: string, next: (n: number) => number): string {
  if (next(3) !== 0) return editOnce(text, next);
  const lines = text.split('\n');
  const linked = lines.map((l, i) => [l, i] as const).filter(([l]) => /\]\(/.test(l)).map(([, i]) => i);
  if (linked.length && next(2) === 0) {
    const at = linked[next(linked.length)]!;
    lines[at] = lines[at]!.replace(/ ?\[[^\]]*\]\([^)]*\)/, '');
    return lines.join('\n');
  }
  const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Z]/.test(l)).map(([, i]) => i);
  const at = prose.length ? prose[next(prose.length)]! : 0;
  const targets = [`#s${next(300)}`, `#h${next(5)}`, 'b.md#other', '#beta', `#n${next(6)}`];
  lines[at] = `${lines[at] ?? ''} See [there](${targets[next(targets.length)]!}).`;
  return lines.join('\n');
}

describe('incremental ids: edits that add or remove ids', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equals a fresh index after every random edit (seed ${seed})`, function () {
      this.timeout(120_000); // a fresh index per step, on a machine shared with other work
      const files = { ...BASE };
      const live = memoryWorkspace(files);
      const kept = byFile(computeDiagnostics(live.model(), live.config));
      live.takeChanges();
      const next = rng(seed);
      let fast = 0;
      for (let step = 0; step < 40; step++) {
        const file = next(4) === 0 ? 'specs/b.md' : 'specs/a.md';
        files[file] = editOnce(files[file]!, next);
        live.model().coveredClauseCount();
        live.updateFile(file, files[file]!, true);
        // The editor's way: only the changed files are recomputed.
        if (republish(live, kept)) fast++;
        assertLikeFresh(live.model(), kept, files, `seed ${seed}, step ${step}, ${file}:\n${files[file]}`);
      }
      assert.ok(fast >= 8, `edits take the incremental path (${fast} of 40)`);
    });
  }

  // A spec over 32 KB is cut into chunks whose facts objects an edit keeps: withSpec looks only at the ids of the
  // objects that differ, which these edits (new, removed and duplicate ids, definitions, mentions, links, line breaks)
  // must leave equal to a fresh index.
  // Cut at its headings only without footnote definitions (they resolve across sections: such a spec is one chunk).
  const chunkedSpec = (): string => {
    const head = ['# Alpha {#alpha}', '', 'The service keeps records[^a1]. It retries[^a2].', '', '## Beta {#beta}', '', 'Beta text[^b1] and FR-001.', ''];
    const sections = Array.from({ length: 400 }, (_, i) =>
      [
        `## Section ${i} {#s${i}}`,
        '',
        `Section ${i} keeps the records of its part[^f${i}] for as long as the policy says, and reports them.` +
          (i % 11 === 0 ? ' See [alpha](#alpha) and [beta](b.md#other).' : '') +
          (i % 13 === 0 ? ` Again[^a${i % 3}].` : ''),
        '',
      ].join('\n'),
    );
    const text = [...head, ...sections].join('\n');
    assert.ok(text.length > 32 * 1024, 'the spec is cut into chunks');
    return text;
  };
  it('equals a fresh index after edits of one chunk of a spec cut into chunks that change ids only other chunks have', function () {
    this.timeout(300_000);
    const files: Record<string, string> = { ...BASE, 'specs/a.md': chunkedSpec() };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    const prose = (i: number): string => `Section ${i} keeps the records of its part[^f${i}] for as long as the policy says, and reports them.`;
    // Each replaces one line by another (no line moves): the other chunks keep their facts objects.
    const edits: [string, string][] = [
      [prose(44), `${prose(44)} Cites[^f120].`], // now the first reference of an id of a later chunk: the clause moves
      [prose(45), `${prose(45)} And[^zz9] and[^new1].`], // an id code cites, a new id
      [`${prose(44)} Cites[^f120].`, prose(44)], // and back
      [prose(46), `${prose(46)} Again[^a1] and[^f300].`], // ids of the first and of a later chunk
      [prose(42), `${prose(42)} See [there](#s90) and [other](b.md#other).`], // links to headings of other chunks
      ['## Section 90 {#s90}', '## Section 90'], // the anchor a link names gone
      [prose(43), '## Again {#beta}'], // a heading id of a.md and b.md, a third time
      // A definition (the spec is one chunk from here on): an id alone, changed.
      [prose(41), '[^zdef]: A definition no reference names.'],
      ['[^zdef]: A definition no reference names.', '[^zdef]: A definition, changed.'],
    ];
    let fast = 0;
    edits.forEach(([from, to], step) => {
      assert.ok(files['specs/a.md']!.includes(from), `step ${step}: ${from}`);
      files['specs/a.md'] = files['specs/a.md']!.replace(from, to);
      live.updateFile('specs/a.md', files['specs/a.md'], true);
      if (republish(live, kept)) fast++;
      assertLikeFresh(live.model(), kept, files, `step ${step}: ${from} -> ${to}`);
    });
    assert.ok(fast >= 3, `edits take the incremental path (${fast} of ${edits.length})`);
  });
  for (const seed of [7, 8]) {
    it(`equals a fresh index after every random edit of a spec cut into chunks (seed ${seed})`, function () {
      this.timeout(300_000); // a fresh index per step, on a machine shared with other work
      const files: Record<string, string> = { ...BASE, 'specs/a.md': chunkedSpec() };
      const live = memoryWorkspace(files);
      const kept = byFile(computeDiagnostics(live.model(), live.config));
      live.takeChanges();
      const next = rng(seed);
      let fast = 0;
      for (let step = 0; step < 24; step++) {
        const file = next(6) === 0 ? 'specs/b.md' : 'specs/a.md';
        files[file] = editWithLinks(files[file]!, next);
        live.model().coveredClauseCount();
        live.updateFile(file, files[file]!, true);
        if (republish(live, kept)) fast++;
        assertLikeFresh(live.model(), kept, files, `seed ${seed}, step ${step}, ${file}`);
      }
      assert.ok(fast >= 6, `edits take the incremental path (${fast} of 24)`);
    });
  }

  // The findings of a file's own clauses (unknown authority, missing example, uncited) are made in blocks of clauses and
  // kept for the blocks whose clause objects and model state an edit did not change (diagnostics.ts fileClauseFindings):
  // after every random edit, each file's list equals a fresh index's, and most blocks were kept.
  for (const seed of [11, 12, 13]) {
    it(`clause findings kept in blocks equal a fresh index after every random edit (seed ${seed})`, function () {
      this.timeout(300_000); // a fresh index per step, on a machine shared with other work
      // Unknown authorities on some headings, an examples folder beside the spec (every footnote expects an example),
      // citations in code (uncited clauses are reported).
      const spec = chunkedSpec().replace(/\{#s(\d+)\}/g, (all, n: string) => (Number(n) % 17 === 0 ? `{#s${n} authority=owner}` : all));
      // No id of a.md declared in another spec (b.md's heading `beta` renamed): a typed word patches the model.
      const files: Record<string, string> = { ...BASE, 'specs/b.md': BASE['specs/b.md']!.replace('{#beta}', '{#again}'), 'specs/a.md': spec };
      const live = memoryWorkspace(files);
      const kept = byFile(computeDiagnostics(live.model(), live.config));
      assert.ok(kept.get('specs/a.md')!.filter((d) => d.code === 'clause.unknown-authority').length > 10);
      assert.ok(kept.get('specs/a.md')!.filter((d) => d.code === 'example.missing').length > 100);
      assert.ok(kept.get('specs/a.md')!.filter((d) => d.code === 'clause.uncited').length > 100);
      assert.ok(live.model().clausesOfFile('specs/a.md').length > 10 * CLAUSE_BLOCK);
      live.takeChanges();
      // The high bits of the generator (its low bits repeat with a short period: next(8) would take one branch).
      const low = rng(seed);
      const next = (n: number): number => Math.floor(low(2147483648) / 65536) % n;
      const counts = { ...clauseBlockCounts };
      const prose = (text: string): number[] => text.split('\n').flatMap((l, i) => (/^Section \d+ keeps/.test(l) ? [i] : []));
      const edit = (text: string): string => {
        const lines = text.split('\n');
        const lineNumbers = prose(text);
        const at = lineNumbers[next(lineNumbers.length)]!;
        switch (next(10)) {
          case 0: // a footnote reference removed
            lines[at] = lines[at]!.replace(/\[\^[^\]]+\]/, '');
            break;
          case 1: // a new footnote id
            lines[at] += ` New[^n${next(50)}].`;
            break;
          case 2: // a cited id, an id of another section
            lines[at] += next(2) ? ' Cited[^a1].' : ` Also[^f${next(400)}].`;
            break;
          case 3: // a line inserted: the sections after it move
            lines.splice(at, 0, 'An inserted line of text.', '');
            break;
          case 4: // a heading's authority changed
            lines[at - 2] = lines[at - 2]!.replace(/ authority=\w+\}|\}$/, next(2) ? ' authority=owner}' : '}');
            break;
          default: // a word typed
            lines[at] = lines[at]!.replace(' keeps', ' quickly keeps');
        }
        return lines.join('\n');
      };
      for (let step = 0; step < 30; step++) {
        const file = next(8) === 0 ? 'src/x.ts' : 'specs/a.md';
        files[file] = file === 'src/x.ts' ? `// [^a1] [^o1] [^beta] [^f${next(400)}]\nexport const x = 1;\n` : edit(files[file]!);
        live.updateFile(file, files[file]!, true);
        republish(live, kept);
        assertLikeFresh(live.model(), kept, files, `seed ${seed}, step ${step}, ${file}`);
      }
      const keptBlocks = clauseBlockCounts.kept - counts.kept;
      const madeBlocks = clauseBlockCounts.made - counts.made;
      assert.ok(keptBlocks > 2 * madeBlocks, `most blocks kept (${keptBlocks} kept, ${madeBlocks} made)`);
    });
  }

  it('coverage after new headings and footnotes: kept where no walk from a citation reaches a changed id, else walked again', () => {
    // c1 is cited: its section, and the sections above it, are covered. A new footnote changes no walk (the model built
    // from the last one keeps its coverage); a heading inserted above c1 takes it over (a new anchor: a rebuild).
    const files: Record<string, string> = {
      'specs/s.md': ['# Top {#top}', '', '## One {#one}', '', 'Intro text.', '', 'Cited here[^c1].', '', '## Two {#two}', '', 'Other[^c2].', ''].join('\n'),
      'src/x.ts': '// [^c1]\n',
    };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    const steps: [string, string][] = [
      ['Other[^c2].', 'Other[^c2] and more[^c3].'], // a new footnote: no walk changes
      ['Intro text.', 'Intro text.\n\n### Inner {#inner}'], // c1 now under inner: inner covered
      ['Other[^c2] and more[^c3].', 'Other[^c2].'], // the footnote removed
      ['\n\n### Inner {#inner}', ''], // c1 back under one
      ['Cited here[^c1].', 'Cited here.'], // c1 is no footnote any more: one is uncovered (a rebuild or not, as it goes)
    ];
    let same = 0;
    for (const [from, to] of steps) {
      assert.ok(files['specs/s.md']!.includes(from), from);
      files['specs/s.md'] = files['specs/s.md']!.replace(from, to);
      const before = live.model();
      before.coveredClauseCount(); // the status bar's count, kept across the edit where the coverage is
      live.updateFile('specs/s.md', files['specs/s.md']!, true);
      republish(live, kept);
      const model = live.model();
      const fresh = memoryWorkspace(files);
      assert.deepStrictEqual(snapshot(model), snapshot(fresh.model()), to);
      assert.equal(model.coveredClauseCount(), fresh.model().coveredClauseCount(), to);
      const expected = byFile(computeDiagnostics(fresh.model(), fresh.config));
      assert.deepStrictEqual([...kept.keys()].sort(), [...expected.keys()].sort(), to);
      for (const [f, list] of expected) assert.deepStrictEqual(kept.get(f), list, `${to} (${f})`);
      if (model !== before && model.clauses.some((c) => model.isCovered(c.id)) && (model as unknown as { coveredIds: unknown }).coveredIds === (before as unknown as { coveredIds: unknown }).coveredIds) same++;
    }
    assert.ok(same >= 1, 'a new footnote keeps the coverage of the model it was built from');
    assert.equal(live.model().isCovered('inner'), false);
  });

  it('equals a fresh index after a long run of new footnotes, each splicing the last contribution (links re-made each time)', function () {
    this.timeout(120_000);
    // A spec under 32 KB is parsed whole: every facts object is new, so each new footnote splices in all of the file's
    // entries again, links with sources of their own among them (kept compact across splices: Made.spliced).
    const links = Array.from({ length: 6 }, (_, i) => `See [part ${i}](#p${i}).`).join(' ');
    const parts = Array.from({ length: 6 }, (_, i) => `## Part ${i} {#p${i}}\n\nPart ${i} keeps records[^r${i}].\n`).join('\n');
    const files: Record<string, string> = { 'specs/a.md': `# Alpha {#alpha}\n\n${links}\n\n${parts}`, 'src/x.ts': '// [^r1]\n' };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    let fast = 0;
    for (let step = 0; step < 60; step++) {
      files['specs/a.md'] = files['specs/a.md']!.replace(`Part ${step % 6} keeps records`, `Part ${step % 6} keeps records[^g${step}]`);
      live.updateFile('specs/a.md', files['specs/a.md'], true);
      if (republish(live, kept)) fast++;
      if (step % 10 === 9) assertLikeFresh(live.model(), kept, files, `step ${step}`);
    }
    assert.equal(fast, 60, 'every new footnote builds the model from the last one');
  });

  it('splices the last contribution when a link or mention in the edited section names an id declared elsewhere, or one elsewhere names its heading', function () {
    this.timeout(300_000); // a fresh index per step, on a machine shared with other work
    // Sections that link to other sections and to the first chunk's heading, mention ids (FR-001 is declared in b.md),
    // and cite a footnote of the first chunk: a new footnote in one of them changes its chunk's objects, whose ids
    // (its heading, the ids its links and mentions name) have objects outside the differing parts.
    const sections = Array.from({ length: 400 }, (_, i) =>
      [
        `## Section ${i} {#s${i}}`,
        '',
        `Section ${i} keeps the records of its part[^f${i}] for as long as the policy says, and reports them.` +
          (i % 3 === 0 ? ` See [there](#s${(i * 7 + 5) % 400}) and [alpha](#alpha).` : '') +
          (i % 5 === 0 ? ' It follows FR-001 and FR-009.' : '') +
          (i % 7 === 0 ? ` Again[^a${i % 3}].` : ''),
        '',
      ].join('\n'),
    );
    const head = ['# Alpha {#alpha}', '', 'The service keeps records[^a1]. It retries[^a2].', ''];
    const files: Record<string, string> = { ...BASE, 'specs/a.md': [...head, ...sections].join('\n') };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    const line = (i: number): string => files['specs/a.md']!.split('\n').find((l) => l.startsWith(`Section ${i} keeps`))!;
    const step = (from: string, to: string, context: string): boolean => {
      assert.ok(files['specs/a.md']!.includes(from), context);
      files['specs/a.md'] = files['specs/a.md']!.replace(from, to);
      live.model().coveredClauseCount();
      live.updateFile('specs/a.md', files['specs/a.md'], true);
      assert.ok(republish(live, kept), `${context}: built from the last model`);
      assertLikeFresh(live.model(), kept, files, context);
      return live.model().spliced;
    };
    // A new footnote in a section whose links name headings of other chunks (s26, alpha); in s26, whose heading section
    // 3's link names; in s15, which mentions FR-001 and FR-009; in s30, all of these; then removed again. In s35, which
    // also has a footnote reference of an id that other sections reference (a2): every object is walked.
    for (const i of [3, 26, 15, 30, 35]) {
      const was = line(i);
      assert.equal(step(was, was.replace('records of its part', `records[^g${i}] of its part`), `new footnote in s${i}`), i !== 35, `s${i}: spliced`);
      assert.equal(step(line(i), was, `footnote removed from s${i}`), i !== 35, `s${i}: spliced back`);
    }
    // An answer that changes outside the edited section: a new id (FR-009, a requirement of its own) that mentions in
    // other sections name (they now refer to a clause), then gone again. (A heading that comes or goes changes the
    // spec's anchors: the model is rebuilt.)
    const forty = line(40);
    assert.equal(step(forty, `${forty}\n\n- **FR-009**: The system shall keep the records.`, 'FR-009 declared'), false, 'mentions elsewhere name it: walked');
    assert.equal(step(`${forty}\n\n- **FR-009**: The system shall keep the records.`, forty, 'FR-009 gone'), false, 'walked again');
    const twelve = line(12);
    assert.equal(step(twelve, `${twelve} See [new](#zz1) and FR-009.`, 'a link and a mention of ids nothing declares'), true, 'of its own: spliced');
    // New footnotes typed into random sections, as the benchmark types them, some removed again: most splice.
    const next = rng(21);
    let spliced = 0;
    for (let k = 0; k < 12; k++) {
      const i = next(400);
      const was = line(i);
      const id = k % 4 === 3 ? 'a1' : `r${k}`;
      if (step(was, was.replace('keeps the', `keeps[^${id}] the`), `[^${id}] in s${i}`)) spliced++;
      if (k % 3 === 1 && step(line(i), was, `[^${id}] removed from s${i}`)) spliced++;
    }
    assert.ok(spliced >= 8, `new footnotes splice (${spliced})`);
  });

  it('rehearses a big spec\'s first edits: words (patched) and new footnote ids (spliced), each followed by the text again, equal to a fresh index', function () {
    this.timeout(240_000);
    // No id of the spec declared in another file (b.md's duplicate heading id would have every edit rebuild).
    const files: Record<string, string> = { 'specs/a.md': chunkedSpec(), 'specs/c.md': '# Small {#small}\n\nA small spec[^c1].\n', 'src/x.ts': BASE['src/x.ts']!, 'src/y.ts': BASE['src/y.ts']! };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    const before = new Map(kept);
    const text = files['specs/a.md']!;
    const edits = live.rehearsalEdits('specs/a.md', text);
    // Twelve places beside footnote references, from the middle of the spec on, each in a section of its own: a word at
    // each, and a new id no file knows after the word at every third place from the first (16 texts).
    assert.equal(edits.length, 16);
    const words = edits.filter((t) => !t.includes('[^rehearsal]'));
    const notes = edits.filter((t) => t.includes('[^rehearsal]'));
    assert.equal(words.length, 12);
    assert.equal(notes.length, 4);
    assert.match(edits[0]!, /\[\^f\d+\] so for as long/);
    assert.match(edits[1]!, /\[\^f\d+\] so \[\^rehearsal\] for as long/);
    for (const [k, t] of edits.entries()) assert.equal(t.includes('[^rehearsal]'), [1, 5, 9, 13].includes(k), `text ${k}`);
    const sectionOf = (t: string): number => t.lastIndexOf('\n## ', t.indexOf('] so'));
    assert.equal(new Set(words.map(sectionOf)).size, 12, 'twelve sections');
    for (const t of words) assert.equal(t.replace(/\] so/, ']'), text, 'one word each');
    for (const t of notes) assert.equal(t.replace(/\] so \[\^rehearsal\]/, ']'), text, 'one new id each');
    // As Folder.rehearse indexes them: each text, then the text again.
    for (const [k, t] of edits.entries()) {
      live.updateFile('specs/a.md', t, true);
      if (k === 0) assert.deepEqual(live.takeChanges(), new Set(['specs/a.md']), 'patched: only the spec recomputed');
      else assert.ok(republish(live, kept));
      if (k === 0) kept.set('specs/a.md', computeDiagnostics(live.model(), live.config, 'specs/a.md'));
      if (k === 1) assert.equal(live.model().spliced, true, 'the new id spliced');
      if (k < 2 || k % 4 === 1) assertLikeFresh(live.model(), kept, { ...files, 'specs/a.md': t }, `text ${k}`);
      live.updateFile('specs/a.md', text, true);
      assert.ok(republish(live, kept));
      if (k < 2 || k % 4 === 1) assertLikeFresh(live.model(), kept, files, `the text again after text ${k}`);
    }
    assertLikeFresh(live.model(), kept, files, 'the text again');
    assert.deepStrictEqual(kept, before, 'the diagnostics as they were');
    // None where that path is not taken: a small spec, a spec without footnote references, a spec sharing an id; an id
    // taken: a fresh one.
    assert.deepEqual(live.rehearsalEdits('specs/c.md', files['specs/c.md']!), []);
    const plain = memoryWorkspace({ 'specs/a.md': text.replace(/\[\^[a-z0-9]+\]/g, '') });
    plain.model();
    assert.deepEqual(plain.rehearsalEdits('specs/a.md', text.replace(/\[\^[a-z0-9]+\]/g, '')), []);
    // A heading id another spec declares too: each edit rebuilds the model (patchedSpec gives up), nothing to warm.
    const shared = memoryWorkspace({ ...files, 'specs/d.md': '# Twice {#s5}\n' });
    shared.model();
    assert.deepEqual(shared.rehearsalEdits('specs/a.md', text), []);
    const taken = memoryWorkspace({ ...files, 'src/z.ts': '// [^rehearsal] [^rehearsal-1]\n' });
    taken.model();
    assert.match(taken.rehearsalEdits('specs/a.md', text)[1]!, /\[\^rehearsal-2\]/);
  });

  it('finds a spec\'s clauses in the flat list of a model made by a new footnote by binary search, not a walk of every clause, and patches it like a fresh index', () => {
    // Three specs with headings, footnote references and definitions of their own (definition clauses: the third part of
    // the flat list); b.md, in the middle, gets a new footnote (spliced), then lines typed above its clauses (patched:
    // every clause of b.md moves, so a place the patch missed would keep a clause at its old line).
    const spec = (name: string): string =>
      [`# ${name} {#${name}}`, '', `The ${name} service keeps records[^${name}1]. It retries[^${name}2].`, '', `## ${name} more {#${name}_more}`, '', `More text[^${name}3].`, '', `[^${name}1]: Defined.`, '', `[^${name}9]: Defined, never referenced.`, ''].join('\n');
    const files: Record<string, string> = { 'specs/a.md': spec('a'), 'specs/b.md': spec('b'), 'specs/c.md': spec('c'), 'src/x.ts': '// [^a1] [^b2] [^c9]\n' };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    files['specs/b.md'] = files['specs/b.md']!.replace('It retries[^b2].', 'It retries[^b2] and logs[^bnew].');
    live.updateFile('specs/b.md', files['specs/b.md'], true);
    assert.ok(republish(live, kept));
    assert.equal(live.model().spliced, true, 'the new id spliced');
    for (let step = 0; step < 3; step++) {
      files['specs/b.md'] = files['specs/b.md']!.replace('\n\nThe b service', `\n\nA line typed (${step}).\nThe b service`);
      live.updateFile('specs/b.md', files['specs/b.md'], true);
      assert.deepEqual(live.takeChanges(), new Set(['specs/b.md']), `step ${step}: patched, only the spec recomputed`);
      kept.set('specs/b.md', computeDiagnostics(live.model(), live.config, 'specs/b.md'));
      assertLikeFresh(live.model(), kept, files, `step ${step}`);
    }
    // The models since the new footnote never walked the flat list for the places of every file's clauses.
    assert.equal((live.model() as unknown as { clauseSpans: { byFile?: unknown } }).clauseSpans.byFile, undefined);
  });

  it('recomputes the other file of a duplicate id when a new id moves the lines it names', () => {
    const a = '# Alpha {#alpha}\n\nThe service keeps records[^a1].\n\n## Beta {#beta}\n\nBeta text.\n';
    const live = memoryWorkspace({ 'specs/a.md': a, 'specs/b.md': '# Other {#other}\n\nOther.\n\n## Again {#beta}\n\nDup.\n', 'src/x.ts': '// [^a1]\n' });
    live.model();
    live.takeChanges();
    live.updateFile('specs/a.md', a.replace('records[^a1].', 'records[^a1].\n\n[^n1]: A definition of a new id.\n'), true);
    const changes = live.takeChanges();
    assert.ok(changes !== 'all', 'built from the last model');
    assert.deepEqual([...changes].sort(), ['specs/a.md', 'specs/b.md']);
    assert.match(computeDiagnostics(live.model(), live.config, 'specs/b.md').find((d) => d.code === 'clause.duplicate-id')!.message, /specs\/a\.md:8/);
  });

  it('keeps the ids declared more than once of each file from the last model only while no changed id is or becomes one', () => {
    // withSpec hands the last model's listedIdsOf to the next when no changed id has a list of clauses, before or
    // now: a heading renamed to an id the file declares makes one (and renamed back, none), a new footnote id none.
    const files: Record<string, string> = {
      'specs/a.md': '# Alpha {#alpha}\n\nText[^a1] here.\n\n## Beta {#beta}\n\nMore[^b1].\n',
      'specs/b.md': '# Other {#other}\n\nOther.\n\n## Again {#again}\n\nDup[^a1].\n',
      'src/x.ts': '// [^a1]\n',
    };
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    const steps: [string, string][] = [
      ['## Beta {#beta}', '## Beta {#alpha}'],
      ['More[^b1].', 'More[^b1] and[^n1].'],
      ['## Beta {#alpha}', '## Beta {#beta}'],
      ['Text[^a1] here.', 'Text[^a1] here[^n2].'],
    ];
    const listed: string[][] = [];
    steps.forEach(([from, to], step) => {
      // The last model's lists are known (the next model may take them over).
      for (const f of live.model().specFiles) live.model().listedIdsOf(f);
      files['specs/a.md'] = files['specs/a.md']!.replace(from, to);
      live.updateFile('specs/a.md', files['specs/a.md'], true);
      assert.ok(republish(live, kept), `step ${step}: built from the last model`);
      assertLikeFresh(live.model(), kept, files, `step ${step}:\n${files['specs/a.md']}`);
      listed.push([...live.model().listedIdsOf('specs/a.md')]);
    });
    assert.deepEqual(listed, [['alpha'], ['alpha'], [], []]);
  });

  it('leaves an older model as it was (copy on write)', () => {
    const files = { ...BASE };
    const live: WorkspaceIndex = memoryWorkspace(files);
    const old = live.model();
    const before = JSON.stringify(snapshot(old));
    const diagnostics = JSON.stringify(computeDiagnostics(old, live.config));
    const specBefore = old.specs.get('specs/a.md');
    // Typing (a patched model), a new id (a model built from the last one), a code edit, a new file (a rebuild).
    live.updateFile('specs/a.md', files['specs/a.md']!.replace('keeps records', 'keeps all records'), true);
    live.model();
    live.updateFile('specs/a.md', files['specs/a.md']!.replace('keeps records', 'keeps records[^fresh1]'), true);
    assert.notEqual(live.model(), old);
    live.updateFile('src/x.ts', '\n' + files['src/x.ts']!, true);
    live.model();
    live.updateFile('specs/c.md', '# Gamma {#gamma}\n\nText[^c1].\n');
    live.model();
    assert.equal(old.specs.get('specs/a.md'), specBefore);
    assert.equal(old.specs.has('specs/c.md'), false);
    assert.equal(old.files.has('specs/c.md'), false);
    assert.equal(JSON.stringify(snapshot(old)), before);
    assert.equal(JSON.stringify(computeDiagnostics(old, live.config)), diagnostics);
    assert.equal(live.model().resolve('fresh1').clause?.file, 'specs/a.md');
    assert.equal(old.resolve('fresh1').clause, undefined);
  });

  it('reads a spec\'s own vocabulary section by section, equal to a read of the whole text', () => {
    const glossary = [
      '---',
      'title: x',
      '---',
      '# Terms {#terms}',
      '',
      '## Definitions',
      '',
      '- Widget: a part.',
      '- **Gadget**: a tool.',
      '',
      '# Usage {#usage}',
      '',
      'A "sprocket" means a wheel. **Gadget** — again.',
      '',
      'Cog',
      ': a tooth.',
      '',
      '# Glossary',
      '',
      '- Lever: a bar.',
      '',
    ].join('\n');
    const texts = { 'specs/g.md': glossary, 'model_spec.md': fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8') };
    const index = memoryWorkspace(texts);
    for (const [file, text] of Object.entries(texts)) {
      assert.ok(documentTerms(text).length > 0, file);
      assert.deepStrictEqual(index.specFacts(file)!.terms, documentTerms(text), file);
    }
  });

  it('keeps a big spec\'s vocabulary across edits of its sections only while their terms are the same', () => {
    // Sections of a spec parsed section by section (over 32 KB): terms added, changed, moved and removed in one section
    // at a time, and words typed that define nothing; after each edit the terms equal a read of the whole text.
    const file = 'specs/big.md';
    const sections = Array.from({ length: 60 }, (_, i) => [`# Part ${i} {#part_${i}}`, '', `Plain words of part ${i} for the reader. `.repeat(16).trim(), ''].join('\n'));
    const text = (): string => sections.join('\n');
    const index = memoryWorkspace({ [file]: text() });
    const check = (step: string): void => assert.deepStrictEqual(index.specFacts(file)!.terms, documentTerms(text()), step);
    const edits: [number, (s: string) => string][] = [
      [3, (s) => s.replace('Plain words', 'Plain quick words')],
      [5, (s) => `${s}\n- **Gadget**: a tool.\n`],
      [7, (s) => s.replace('Plain words', 'Plain slow words')],
      [40, (s) => `${s}\n- **Widget**: a part.\n`],
      [5, (s) => s.replace('**Gadget**', '**Gizmo**')],
      [2, (s) => `${s}\n- **Widget**: a part again.\n`],
      [40, (s) => s.replace('- **Widget**: a part.\n', '')],
      [5, (s) => s.replace('- **Gizmo**: a tool.\n', '')],
      [9, (s) => s.replace('Plain words', 'Plain words')],
    ];
    assert.ok(text().length > 32 * 1024);
    check('before');
    for (const [i, edit] of edits) {
      sections[i] = edit(sections[i]!);
      index.updateFile(file, text(), true);
      check(`section ${i}: ${sections[i]!.slice(-30)}`);
    }
  });
});

describe('incremental keystrokes in a big spec: what is kept per section placement', () => {
  it('the Model Spec typed in at random (words, vague words, line breaks, new footnotes) equals a fresh index', function () {
    this.timeout(300_000); // a fresh index of the Model Spec per step, on a machine shared with other work
    const files: Record<string, string> = {
      'model_spec.md': fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8'),
      // A second spec whose statements may conflict with typed ones, and citations (unknown ones with tied suggestions).
      'specs/other.md': '# Other {#zz_other}\n\nThe assistant MUST NOT respond within 5 seconds.\n\nThe assistant must log requests.\n',
      'src/a.ts': '// [^8ep1] [^chain_of_command] [^zz_otherr] [^bench1x]\n',
      'examples/8ep1.md': 'Examples for [^8ep1]:\n',
    };
    const file = 'model_spec.md';
    const live = memoryWorkspace(files);
    const kept = byFile(computeDiagnostics(live.model(), live.config));
    live.takeChanges();
    const next = rng(5);
    const INSERTS = [' quickly', ' as appropriate', '\n', '\n\nThe assistant MUST respond within 5 seconds.\n', ' etc.'];
    let fast = 0;
    for (let step = 0; step < 14; step++) {
      const text = files[file]!;
      const lines = text.split('\n');
      const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Z][a-z]/.test(l) && l.length > 40).map(([, i]) => i);
      const line = prose[next(prose.length)]!;
      const at = Math.min(10 + next(20), lines[line]!.length);
      const insert = step % 3 === 2 ? ` [^bench${step}]` : INSERTS[next(INSERTS.length)]!;
      lines[line] = lines[line]!.slice(0, at) + insert + lines[line]!.slice(at);
      files[file] = lines.join('\n');
      live.updateFile(file, files[file]!, true);
      if (republish(live, kept)) fast++;
      const model = live.model();
      const fresh = memoryWorkspace(files);
      const context = `step ${step}: ${JSON.stringify(insert)} at ${line}:${at}`;
      assert.deepStrictEqual(live.specFacts(file)!.typecheck, fresh.specFacts(file)!.typecheck, context);
      assert.deepStrictEqual(model.ambiguitiesOf(file), fresh.model().ambiguitiesOf(file), context);
      assert.deepStrictEqual(snapshot(model), snapshot(fresh.model()), context);
      const expected = byFile(computeDiagnostics(fresh.model(), fresh.config));
      assert.deepStrictEqual([...kept.keys()].sort(), [...expected.keys()].sort(), context);
      for (const [f, list] of expected) assert.deepStrictEqual(kept.get(f), list, `${context} (${f})`);
    }
    assert.ok(fast >= 10, `edits take the incremental path (${fast} of 14)`);
  });
});

describe('incremental ids: the persistent id map and the nearest ids kept across edits', () => {
  it('an IdMap and its copies each equal a Map given the same changes, in the same order; a copy never changes another', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = rng(seed);
      type Pair = { map: IdMap<{ n: number }>; ref: Map<string, { n: number }[]> };
      const pairs: Pair[] = [{ map: new IdMap(), ref: new Map() }];
      const frozen: { map: IdMap<{ n: number }>; expected: [string, { n: number }[]][] }[] = [];
      for (let step = 0; step < 3000; step++) {
        const pair = pairs[next(pairs.length)]!;
        const id = `i${next(step < 500 ? 400 : 40)}`;
        const op = next(10);
        if (op < 4) {
          const value = { n: step };
          pair.map.add(id, value);
          pair.ref.set(id, [...(pair.ref.get(id) ?? []), value]);
        } else if (op < 6) {
          const list = Array.from({ length: 1 + next(3) }, (_, k) => ({ n: step * 10 + k }));
          pair.map.set(id, list);
          pair.ref.set(id, list);
        } else if (op < 8) {
          assert.equal(pair.map.delete(id), pair.ref.delete(id));
        } else if (op === 8) {
          // A copy, and the source frozen as it is now (a model's maps never change once copied).
          frozen.push({ map: pair.map, expected: [...pair.ref] });
          const copy = { map: pair.map.copy(), ref: new Map(pair.ref) };
          pairs[pairs.indexOf(pair)] = copy;
          pairs.push({ map: copy.map.copy(), ref: new Map(copy.ref) });
        }
        for (const p of [pair]) {
          assert.equal(p.map.size, p.ref.size, `seed ${seed}, step ${step}`);
          assert.deepStrictEqual(p.map.get(id), p.ref.get(id));
          assert.equal(p.map.has(id), p.ref.has(id));
          assert.equal(p.map.first(id), p.ref.get(id)?.[0]);
        }
      }
      for (const p of pairs) {
        assert.deepStrictEqual([...p.map], [...p.ref], `seed ${seed}`);
        assert.deepStrictEqual([...p.map.keys()], [...p.ref.keys()]);
        assert.deepStrictEqual([...p.map.values()], [...p.ref.values()]);
      }
      assert.ok(frozen.length > 100);
      for (const f of frozen) assert.deepStrictEqual([...f.map], f.expected, `seed ${seed}: a copied map changed`);
    }
  });

  it('a LayeredMap and its copies each read as a Map given the same changes; a copy never changes another, and shares the base until its changes pass an eighth of it', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = rng(seed);
      type Pair = { map: LayeredMap<{ n: number }>; ref: Map<string, { n: number }> };
      const start = new Map<string, { n: number }>();
      for (let k = 0; k < 200; k++) start.set(`k${k}`, { n: -k });
      const pairs: Pair[] = [{ map: LayeredMap.over(new Map(start)), ref: new Map(start) }];
      const frozen: { map: LayeredMap<{ n: number }>; expected: Map<string, { n: number }> }[] = [];
      const keys = Array.from({ length: 400 }, (_, k) => `k${k}`);
      let shared = 0;
      let folded = 0;
      for (let step = 0; step < 4000; step++) {
        const pair = pairs[next(pairs.length)]!;
        const key = keys[next(step < 2000 ? 400 : 60)]!;
        const op = next(10);
        if (op < 5) {
          const value = { n: step };
          pair.map.set(key, value);
          pair.ref.set(key, value);
        } else if (op < 8) {
          pair.map.delete(key);
          pair.ref.delete(key);
        } else if (op === 8) {
          // A copy, and the source frozen as it is now (a grouping's maps never change once copied).
          frozen.push({ map: pair.map, expected: new Map(pair.ref) });
          const copy = { map: pair.map.copy(), ref: new Map(pair.ref) };
          if (copy.map.sharesBaseWith(pair.map)) shared++;
          else folded++;
          pairs[pairs.indexOf(pair)] = copy;
          pairs.push({ map: copy.map.copy(), ref: new Map(copy.ref) });
        }
        assert.equal(pair.map.get(key), pair.ref.get(key), `seed ${seed}, step ${step}`);
        assert.equal(pair.map.has(key), pair.ref.has(key));
      }
      for (const p of pairs) for (const key of keys) assert.equal(p.map.get(key), p.ref.get(key), `seed ${seed}, ${key}`);
      assert.ok(frozen.length > 100 && shared > 50 && folded > 5, `seed ${seed}: ${frozen.length} copies, ${shared} shared, ${folded} folded`);
      for (const f of frozen) for (const key of keys) assert.equal(f.map.get(key), f.expected.get(key), `seed ${seed}: a copied map changed`);
    }
    // One change over a base of 1,000: the copy shares the base (its cost is the change, not the map).
    const big = LayeredMap.over(new Map(Array.from({ length: 1000 }, (_, k) => [`k${k}`, { n: k }] as const)));
    const copy = big.copy();
    copy.set('k1', { n: -1 });
    copy.delete('k2');
    const again = copy.copy();
    assert.ok(again.sharesBaseWith(big) && big.get('k1')!.n === 1 && big.has('k2') && again.get('k1')!.n === -1 && !again.has('k2'));
  });

  it('an IdMap indexing a list (the clauses of a model) equals a Map of the same items, built and then copied and changed', () => {
    for (const seed of [6, 7, 8]) {
      const next = rng(seed);
      type Item = { id: string; n: number };
      // Ids of many lengths and characters (non-ASCII too), a third of them repeated: lists, and slots that collide.
      const ids = Array.from({ length: 300 }, (_, k) => (k % 3 === 2 ? `r${next(40)}` : `${'ab\u00e9\u4e2d-_.'[next(7)]}${k.toString(36)}${'x'.repeat(next(5))}`));
      const capacity = ids.length + next(50);
      const items: Item[] = new Array<Item>(capacity);
      const map = new IdMap<Item>().indexing(items, (i) => items[i]!.id, capacity);
      const ref = new Map<string, Item[]>();
      ids.forEach((id, i) => {
        // Looked up while it is built, as buildClauses does (clauseIn), before and after each item goes in.
        assert.deepStrictEqual(map.get(id), ref.get(id));
        items[i] = { id, n: i };
        map.addAt(i);
        ref.set(id, [...(ref.get(id) ?? []), items[i]!]);
        assert.equal(map.size, ref.size);
        assert.deepStrictEqual(map.get(id), ref.get(id));
        assert.equal(map.first(id), ref.get(id)![0]);
      });
      items.length = ids.length;
      assert.deepStrictEqual([...map], [...ref], `seed ${seed}: the ids in the order of their first items`);
      assert.equal(map.has('absent'), false);
      assert.equal(map.get('absent'), undefined);
      // Once built, the map is copied and changed like any other (the index is its shared base, never changed).
      const built = [...ref];
      const copy = map.copy();
      const copyRef = new Map(ref);
      for (let step = 0; step < 600; step++) {
        const id = ids[next(ids.length)]!;
        const op = next(3);
        if (op === 0) {
          const value = { id, n: 1000 + step };
          copy.add(id, value);
          copyRef.set(id, [...(copyRef.get(id) ?? []), value]);
        } else if (op === 1) assert.equal(copy.delete(id), copyRef.delete(id));
        else {
          copy.set(id, [{ id, n: 2000 + step }]);
          copyRef.set(id, [{ id, n: 2000 + step }]);
        }
        assert.deepStrictEqual(copy.get(id), copyRef.get(id));
        assert.equal(copy.size, copyRef.size);
      }
      assert.deepStrictEqual([...copy], [...copyRef]);
      assert.deepStrictEqual([...copy.copy()], [...copyRef], 'a copy that folds its changes into a new base');
      assert.deepStrictEqual([...map], built, `seed ${seed}: the indexed map changed with its copy`);
    }
    // A list index is sized once: more items than it was sized for is an error, not a silent rehash.
    const items = [{ id: 'a' }, { id: 'b' }];
    const small = new IdMap<{ id: string }>().indexing(items, (i) => items[i]!.id, 1);
    small.addAt(0);
    assert.throws(() => small.addAt(1), /capacity/);
    assert.throws(() => new IdMap<{ id: string }>().addAt(0), /does not index/);
  });

  it('the nearest id, its lower bounds skipping ids, equals measuring every id of a near length', () => {
    // The rule before the bounds: every id within maxTypoDistance in length measured, the first nearest kept.
    const measured = (id: string, known: readonly string[]): { best: string; distance: number; unique: boolean } | null => {
      const max = Math.max(2, Math.floor(id.length / 3));
      let best: string | undefined;
      let min = max + 1;
      let unique = true;
      for (const k of known) {
        if (Math.abs(k.length - id.length) > max) continue;
        const d = distance(id, k);
        if (d < min) [best, min, unique] = [k, d, true];
        else if (d === min) unique = false;
      }
      return best === undefined ? null : { best, distance: min, unique };
    };
    const next = rng(29);
    // Digits, both cases, the id punctuation (two classes by parity, so different characters share one) and non-ASCII.
    const alphabets = ['ab01', 'abcAB', 'f01j', 'a-._:', 'xyz\u00e9\u4e2d', 'abcdefghijklmnopqrstuvwxyz0123456789'];
    let found = 0;
    let ties = 0;
    for (let round = 0; round < 400; round++) {
      const alphabet = alphabets[next(alphabets.length)]!;
      const word = (): string => Array.from({ length: 1 + next(next(4) === 0 ? 40 : 9) }, () => alphabet[next(alphabet.length)]).join('');
      // One list for many ids: its classes are computed once and reused.
      const known = Array.from({ length: next(200) }, word);
      for (let q = 0; q < 20; q++) {
        const id = next(3) === 0 && known.length ? known[next(known.length)]!.slice(0, -1) + word().slice(0, 2) : word();
        const near = nearestId(id, known);
        assert.deepStrictEqual(near, measured(id, known), `${id} in ${known.join(',')}`);
        if (near) found++;
        if (near && !near.unique) ties++;
      }
    }
    assert.ok(found > 2000 && ties > 500, `found ${found}, ties ${ties}`);
  });

  it('a nearest id kept across added and removed ids equals one measured again', () => {
    const next = rng(11);
    const word = (): string => Array.from({ length: 2 + next(5) }, () => 'abcde'[next(5)]).join('');
    let kept = 0;
    let keptTies = 0;
    for (let round = 0; round < 3000; round++) {
      const known = [...new Set(Array.from({ length: next(30) }, word))];
      const id = word();
      const before = nearestId(id, known);
      // The suggestion is the one of the first nearest of all ids near in length (as measured before the memo).
      const near = known.filter((k) => Math.abs(k.length - id.length) <= Math.max(2, Math.floor(id.length / 3)));
      const best = near.length ? closest(id, near) : undefined;
      const d = best === undefined ? 0 : distance(id, best);
      assert.equal(suggestId(id, known), best !== undefined && d > 0 && d < id.length && d <= Math.max(2, Math.floor(id.length / 3)) ? best : undefined, `${id} in ${known.join(',')}`);
      const removed = new Set(known.filter(() => next(6) === 0));
      const added = [...new Set(Array.from({ length: next(4) }, word))].filter((w) => !known.includes(w));
      const after = nearestAfter(id, before, added, removed);
      if (after === undefined) continue;
      kept++;
      if (after && !after.unique) keptTies++;
      assert.deepStrictEqual(after, nearestId(id, [...known.filter((k) => !removed.has(k)), ...added]), `${id} in ${known.join(',')} -${[...removed].join(',')} +${added.join(',')}`);
    }
    assert.ok(kept > 300, `kept ${kept}`);
    // A tie (several ids as near) is kept too when none of them goes and nothing as near comes.
    assert.ok(keptTies > 30, `kept ties ${keptTies}`);
  });
});

describe('incremental review: the review decision and domain from a spec\'s chunks', () => {
  const FRAGMENTS = [
    '# Feature Specification\n',
    '## Requirements\n',
    '- **FR-001**: The system shall log.\n',
    '`**FR-002**` in code.\n',
    '```md\n',
    '~~~\n',
    '```\n',
    '    ```\n',
    '#### Acceptance Criteria\n',
    '1. WHEN a user logs in THEN the system SHALL respond.\n',
    '# KEP-12: thing\n',
    '## Proposal\n',
    '--- abstract\n',
    'The assistant should help. The model and assistants and the chatbot.\n',
    'The server sends packets, octets and a handshake per RFC 9000 round trip.\n',
    '# Section {#s1}\n',
    'Text[^a1] here.\n',
    '\n',
    'Plain prose.\r\n',
  ];

  // Requirements in capitals, several to a line: a document of these is a standard (documentKindOf).
  const WITH_CAPITALS = [...FRAGMENTS, 'The server MUST send it; the client SHOULD retry, and a peer MUST NOT drop it (REQUIRED).\n'];

  it('equals a read of the whole text for random documents cut at top-level headings', () => {
    const next = rng(11);
    let cut = 0;
    let fallback = 0;
    for (let round = 0; round < 400; round++) {
      let text = '';
      const n = 1 + next(25);
      for (let i = 0; i < n; i++) text += WITH_CAPITALS[next(WITH_CAPITALS.length)]!;
      if (next(5) === 0) text = `---\ntitle: x\n---\n${text}`;
      // Cut where the index cuts (specChunks), or at random line starts (inside a fenced block too).
      const lineStarts = [0, ...[...text.matchAll(/\r?\n/g)].map((m) => m.index + m[0].length).filter((s) => s < text.length)];
      const starts = round % 2 ? specChunks(text) : lineStarts.filter((_, i) => i === 0 || next(3) === 0);
      const pieces = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
      if (pieces.length > 1) cut++;
      const { facts } = parseSpecChunked('specs/x.md', text);
      for (const file of ['specs/x.md', 'specs/001-a/spec.md', '.kiro/specs/a/requirements.md']) {
        const f = { ...facts, format: facts.format };
        let missing = false;
        const pieced = reviewOfPieces(file, text, pieces, (p) => {
          const e = pieceEvidence(p);
          if (!e) missing = true;
          return e;
        }, f);
        if (missing) fallback++;
        assert.deepStrictEqual(pieced, reviewOf(file, text, f), `${file}:\n${JSON.stringify(text)}`);
      }
      // Counts add up across pieces, also when the sample cut falls inside a piece.
      assert.equal(domainOfPieces(pieces, (p) => domainCounts(p)), domainOf(text), JSON.stringify(text));
      const long = text.repeat(Math.ceil(200_050 / Math.max(1, text.length)));
      const at = long.lastIndexOf('\n', 199_990) + 1; // pieces are cut at line starts
      const longPieces = [long.slice(0, at), long.slice(at)];
      assert.equal(domainOfPieces(longPieces, (p) => domainCounts(p)), domainOf(long));
      // So does the document's kind (domain and whether it is a standard: its capital key words against lowercase modals).
      const md: Review = { format: 'markdown', from: 0 };
      assert.deepStrictEqual(documentKindOfPieces(pieces, (p) => domainCounts(p), md), documentKindOf(text, md), JSON.stringify(text));
      assert.deepStrictEqual(documentKindOfPieces(longPieces, (p) => domainCounts(p), md), documentKindOf(long, md));
    }
    assert.ok(cut > 100, `documents cut into chunks (${cut})`);
    assert.ok(fallback > 10 && fallback < 1200, `some pieces are read on the whole text (${fallback})`);
  });

  it('the review kept from the last evidence of each chunk equals a read of the whole text after random edits', () => {
    // chunkedReview takes the last evidence and looks only at the chunks whose facts object changed; the union of the
    // chunks' evidence must stay the whole text's as evidence comes and goes (and chunks that cannot be read alone).
    const next = rng(21);
    let kept = 0;
    for (let round = 0; round < 30; round++) {
      const lines: string[] = [];
      for (let s = 0; s < 12; s++) {
        lines.push(`# Section ${s} {#s${round}_${s}}\n`, 'Plain prose.\n');
        for (let i = next(4); i > 0; i--) lines.push(FRAGMENTS[next(FRAGMENTS.length)]!);
      }
      let parsed = parseSpecChunked('specs/x.md', lines.join(''));
      let memo: ReviewMemo | undefined;
      for (let step = 0; step < 25; step++) {
        const text = lines.join('');
        parsed = parseSpecChunked('specs/x.md', text, parsed.cache);
        for (const file of ['specs/x.md', 'specs/001-a/spec.md']) {
          const made = chunkedReview(file, text, parsed.facts, parsed.chunks, file === 'specs/x.md' ? memo : undefined);
          assert.deepStrictEqual(made.review, reviewOf(file, text, parsed.facts), `round ${round}, step ${step}, ${file}:\n${JSON.stringify(text)}`);
          if (file === 'specs/x.md') {
            if (memo && made.memo && memo.sources.length === made.memo.sources.length) kept++;
            memo = made.memo;
          }
        }
        // A line of a section replaced by a fragment (evidence comes or goes), never a heading (the chunks stay).
        const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => !l.startsWith('# Section')).map(([, i]) => i);
        lines[prose[next(prose.length)]!] = next(4) === 0 ? 'Plain prose.\n' : FRAGMENTS[next(FRAGMENTS.length)]!.replace(/^# Section.*/, 'Plain prose.');
      }
    }
    assert.ok(kept > 200, `reviews made from the last evidence (${kept})`);
  });

  it('whether a spec cites BCP 14 and may define terms equals a read of the whole text, read piece by piece', () => {
    const MORE = [
      ...FRAGMENTS,
      '## Definitions\n',
      '### Terms and definitions {#t}\n',
      'The keywords are per BCP 14 and RFC 2119.\n',
      'See RFC\n2119 on two lines.\n',
      '“Session” means a signed-in period of 30 minutes.\n',
      '"Token" refers to\na thing on the next line.\n',
      'A "quoted" word means nothing here\u2028and more.\n',
      'Text\rwith a lone CR "x" is defined as y.\n',
    ];
    const next = rng(23);
    const seen = { bcp14: 0, defines: 0 };
    for (let round = 0; round < 600; round++) {
      let text = '';
      const n = 1 + next(20);
      for (let i = 0; i < n; i++) text += MORE[next(MORE.length)]!;
      const lineStarts = [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length).filter((s) => s < text.length)];
      const starts = round % 2 ? specChunks(text) : lineStarts.filter((_, i) => i === 0 || next(3) === 0);
      const pieces = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
      const context = JSON.stringify(text);
      assert.equal(pieces.some(usesBcp14), usesBcp14(text), context);
      assert.equal(pieces.some(mayDefineTerms), mayDefineTerms(text), context);
      // A text with no definition the pieces see has none at all.
      if (!mayDefineTerms(text)) assert.deepStrictEqual(extractDefinitions(text, ['session', 'token', 'x', 'quoted'], () => ({})), [], context);
      if (usesBcp14(text)) seen.bcp14++;
      if (mayDefineTerms(text)) seen.defines++;
    }
    assert.ok(seen.bcp14 > 100 && seen.bcp14 < 550 && seen.defines > 100 && seen.defines < 550, JSON.stringify(seen));
  });
});

describe('incremental conflicts: the grouping of statements kept across edits', () => {
  const SENTENCES = [
    'The service MUST retry failed requests.',
    'The service MUST NOT retry failed requests.',
    'The service SHOULD log every request.',
    'The service SHOULD NOT log every request.',
    'The gateway MUST time out after 30 seconds.',
    'The gateway MUST time out after 60 seconds.',
    'The client MAY cache responses.',
    'The client MUST NOT cache responses.',
    'The store MUST keep backups for at least 30 days.',
    'The store MUST keep backups for at most 7 days.',
  ];
  // `parts` sections; with `filler`, each has a paragraph of plain prose, so a spec of 40 parts passes the size from
  // which an edit re-parses one section (32 KB) and the statements of the sections it did not touch are kept objects.
  const specOf = (next: (n: number) => number, name: string, parts = 3, filler = false): string[] => {
    const lines: string[] = [];
    for (let h = 0; h < parts; h++) {
      lines.push(`# ${name} part ${h} {#${name}_${h}}`, '');
      if (filler) lines.push(`Part ${h} of ${name} is described here in plain words. `.repeat(24).trim(), '');
      for (let k = next(3); k > 0; k--) lines.push(SENTENCES[next(SENTENCES.length)]!, '');
    }
    return lines;
  };

  for (const [seed, big] of [[1, false], [2, false], [3, false], [4, true], [5, true]] as const) {
    it(`conflicts after every random edit of one spec equal a grouping from scratch (seed ${seed}${big ? ', two specs edited section by section' : ''})`, function () {
      this.timeout(240_000);
      // The high bits of the generator (its low bits alternate: every pick of an even count would be even).
      const low = rng(seed);
      const next = (n: number): number => Math.floor(low(2147483648) / 65536) % n;
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      const specs = new Map(names.map((n, i) => [`specs/${n}.md`, big && i < 2 ? specOf(next, n, 40, true) : specOf(next, n)]));
      if (big) assert.ok(specs.get('specs/a.md')!.join('\n').length > 32 * 1024, 'a spec big enough to be parsed section by section');
      const texts = (): Record<string, string> => ({ ...Object.fromEntries([...specs].map(([f, lines]) => [f, lines.join('\n')])), 'src/x.ts': '// [^a_0]\n' });
      const live = memoryWorkspace(texts());
      let seen = 0;
      for (let step = 0; step < 40; step++) {
        const file = `specs/${names[next(names.length)]}.md`;
        const lines = specs.get(file)!;
        const sentences = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('The ')).map(([, i]) => i);
        const op = next(4);
        if (op === 0 && sentences.length) lines.splice(sentences[next(sentences.length)]!, 2);
        else if (op === 1 && sentences.length) lines[sentences[next(sentences.length)]!] = SENTENCES[next(SENTENCES.length)]!;
        else {
          const headings = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('# ')).map(([, i]) => i);
          lines.splice(headings[next(headings.length)]! + 2, 0, SENTENCES[next(SENTENCES.length)]!, '');
        }
        live.updateFile(file, lines.join('\n'), true);
        const incremental = conflictsOf(live.model());
        const index = memoryWorkspace(texts());
        const fresh = conflictsOf(index.model());
        assert.deepStrictEqual(incremental, fresh, `seed ${seed}, step ${step}, ${file}`);
        // The statements themselves (a big spec's spliced from its last ones at both ends: see typecheckFacts).
        assert.deepStrictEqual(live.specFacts(file)!.typecheck, index.specFacts(file)!.typecheck, `seed ${seed}, step ${step}, ${file}: statements`);
        seen += fresh.length;
      }
      assert.ok(seen > 0, 'the random specs have conflicts to compare');
    });
  }
});

describe('incremental diagnostics: a file\'s list sorted from the order of its last list', () => {
  const make = (line: number, character: number, code: Diagnostic['code'], n: number): Diagnostic => ({
    code,
    file: 'a.md',
    severity: (['error', 'warning', 'info'] as const)[n % 3]!,
    range: { start: { line, character }, end: { line, character: character + 1 } },
    message: `d${n}`,
  });
  it('equals a stable sort of the new list after random changes of the last one (ties, moves, duplicates)', () => {
    const next = rng(11);
    const codes: Diagnostic['code'][] = ['clause.uncited', 'ambiguity.vague', 'conflict.modal'];
    let n = 0;
    let lines = 30;
    const fresh = (): Diagnostic => make(next(lines), next(3), codes[next(codes.length)]!, n++);
    let reused = 0;
    for (let round = 0; round < 600; round++) {
      // Every other round few distinct positions: many ties on line, character and code.
      lines = round % 2 ? 30 : 5000;
      const made = Array.from({ length: 70 + next(120) }, fresh);
      const twice = lines === 30 && next(3) === 0 ? made[next(made.length)]! : undefined;
      if (twice) made.splice(next(made.length), 0, twice); // the last list had one twice
      const last = { out: made, sorted: [...made].sort(compareInFile) };
      const out = [...made];
      if (twice && next(2) === 0) out.splice(out.indexOf(twice), 1); // and the new one once
      for (let k = next(6); k > 0; k--) {
        // Rounds with few ties: only what an edit does (diagnostics gone, new, replaced); the others also move and repeat.
        const kind = next(lines > 30 ? 3 : 5);
        const at = next(out.length);
        if (kind === 0) out.splice(at, 1 + next(3)); // gone
        else if (kind === 1) out.splice(at, 0, ...Array.from({ length: 1 + next(3) }, fresh)); // new
        else if (kind === 2) out.splice(at, 1, fresh()); // replaced
        else if (kind === 3) {
          // moved: a kept diagnostic comes elsewhere (its ties then in another order)
          const [d] = out.splice(at, 1);
          out.splice(next(out.length), 0, d!);
        } else if (next(4) === 0) out.splice(at, 0, out[next(out.length)]!); // one object twice
      }
      const expected = [...out].sort(compareInFile);
      const input = [...out];
      // The last list counted (as the server counts each list it keeps): the new one is counted from it.
      severityCountsOf(last.sorted);
      const got = sortInFile(input, last);
      assert.equal(got.length, expected.length, `round ${round}`);
      got.forEach((d, k) => assert.equal(d, expected[k], `round ${round}, at ${k}: ${d.message} for ${expected[k]!.message}`));
      const walked = { errors: got.filter((d) => d.severity === 'error').length, warnings: got.filter((d) => d.severity === 'warning').length };
      assert.deepEqual(severityCountsOf(got), walked, `round ${round}: severity counts`);
      if (got !== input && lines > 30) reused++; // not the fallback (a sort of the list given)
      // Not in place (one file's diagnostics keep the list as made for the next keystroke): the same order, the list
      // given unchanged.
      const asMade = [...out];
      const notInPlace = sortInFile(asMade, last, false);
      assert.deepEqual(asMade, out, `round ${round}: the list given stays as made`);
      notInPlace.forEach((d, k) => assert.equal(d, expected[k], `round ${round}, not in place, at ${k}`));
      assert.equal(notInPlace.length, expected.length);
    }
    assert.ok(reused >= 280, `the last order is reused (${reused} of 300 rounds with few ties)`);
  });
  it('gives back the earlier list itself when the diagnostics are the same objects', () => {
    const list = Array.from({ length: 100 }, (_, i) => make(100 - i, 0, 'clause.uncited', i));
    const last = { out: list, sorted: sortInFile([...list], undefined) };
    assert.equal(sortInFile([...list], last), last.sorted);
  });
});
