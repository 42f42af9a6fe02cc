// A batch index (`clarify check`, `clarify report`) keeps nothing only an edit reads [^big_documents]: the same model,
// diagnostics and prose as an index kept for editing, without a big spec's chunk facts.
import * as assert from 'node:assert/strict';
import { FootnoteRefColumns, parseSpecChunked, reviveFootnoteRefs, type FootnoteRef } from '../../server/src/core/markdown/parseSpec';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { resolveConfig } from '../../server/src/core/workspace/config';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';

/** A spec over the size whose chunks an editing index keeps (32 KB): sections of prose with footnote references. */
function bigSpec(word = 'quickly'): string {
  const sections = Array.from({ length: 60 }, (_, s) => {
    const lines = Array.from({ length: 12 }, (_, i) => `Rule ${s}.${i} says the service must respond ${i === 3 && s === 0 ? word : 'in time'}[^r${s}_${i}] to each caller.`);
    return `## Section ${s} {#s${s}}\n\n${lines.join('\n\n')}\n`;
  });
  return `# Spec {#root authority=root}\n\n${sections.join('\n')}`;
}

const config = (): ReturnType<typeof resolveConfig>['config'] => resolveConfig(undefined).config;

/** What a model and its diagnostics say, as plain data. */
function view(index: WorkspaceIndex): unknown {
  const model = index.model();
  return JSON.parse(JSON.stringify({ clauses: model.clauses, refs: model.ids().sort().map((id) => model.resolve(id).specReferences), diagnostics: computeDiagnostics(model, index.config), prose: index.specFacts('spec.md')!.prose }));
}

/** view, for a workspace of several specs: each file's clauses and duplicate ids besides. */
function view2(index: WorkspaceIndex): unknown {
  const model = index.model();
  const files = [...model.specFiles];
  return { all: view2Base(index), byFile: files.map((f) => [f, JSON.parse(JSON.stringify(model.clausesOfFile(f))), model.listedIdsOf(f)]) };
}

function view2Base(index: WorkspaceIndex): unknown {
  const model = index.model();
  return JSON.parse(JSON.stringify({ clauses: model.clauses, refs: model.ids().sort().map((id) => model.resolve(id).specReferences), diagnostics: computeDiagnostics(model, index.config) }));
}

describe('batch index', () => {
  it('keeps no chunk facts of a big spec and gives the model, diagnostics and prose of an editing index', () => {
    const text = bigSpec();
    assert.ok(text.length > 32 * 1024);
    const editing = new WorkspaceIndex(config());
    const batch = new WorkspaceIndex(config(), { batch: true });
    for (const index of [editing, batch]) {
      index.updateFile('spec.md', text);
      index.updateFile('src/a.ts', '// Answers in time [^r3_4].\nexport const a = 1;\n');
    }
    assert.ok(editing.factsOf('spec.md')!.chunks, 'an editing index keeps the chunks');
    assert.equal(batch.factsOf('spec.md')!.chunks, undefined);
    assert.deepEqual(view(batch), view(editing));
  });

  it('a parse that consumes its chunks (a batch index) gives the facts of one that keeps them, its references moved in place', () => {
    // Chunks at many lines: a repeated section (the same chunk text twice), a paragraph of 900 lines (defused: cut
    // into blocks read as plain text), references in every chunk and a definition.
    const section = (s: number): string => `## Part ${s} {#p${s}}\n\nThe service must answer[^a${s}] and log[^b${s}].\n`;
    const repeated = '## Repeated\n\nSame text here[^same] twice.\n';
    const long = Array.from({ length: 900 }, (_, i) => `x[^l${i}] *y*`).join('\n');
    const text = `# Spec {#root authority=root}\n\n${section(0)}\n${repeated}\n${section(1)}\n${repeated}\n## Long {#long}\n\n${long}\n\n${section(2)}`;
    const kept = parseSpecChunked('spec.md', text);
    const consumed = parseSpecChunked('spec.md', text, undefined, true, true, undefined, true);
    assert.ok(kept.chunks.length > 5, `${kept.chunks.length} chunks`);
    assert.equal(consumed.facts.footnoteRefs.length, 900 + 8);
    assert.deepEqual(JSON.parse(JSON.stringify(consumed.facts)), JSON.parse(JSON.stringify(kept.facts)));
    // Each reference where it is in the text, in both.
    const lines = text.split('\n');
    for (const r of consumed.facts.footnoteRefs) assert.equal(lines[r.range.start.line]!.slice(r.idRange.start.character, r.idRange.end.character), r.id);
    // The repeated chunk was parsed for each place (an entry placed twice could not be moved in place).
    const entries = consumed.chunks.filter((c) => c.text.startsWith('## Repeated')).map((c) => c.entry);
    assert.equal(entries.length, 2);
    assert.notEqual(entries[0], entries[1]);
  });

  it("a batch parse's references are columns, read as an editing parse's references (in order, at a place, JSON), whole again after a structured clone", () => {
    const long = Array.from({ length: 5000 }, (_, i) => `x[^l${i}] *y*`).join('\n');
    const text = `# Spec {#root authority=root}\n\n## A {#a}\n\nOne[^a1] and[^a2].\n\n## Long {#long}\n\n${long}\n\n## B {#b authority=b}\n\n- item[^b1]\n- other[^a1]\n`;
    const kept = parseSpecChunked('spec.md', text).facts.footnoteRefs;
    const consumed = parseSpecChunked('spec.md', text, undefined, true, true, undefined, true).facts;
    const refs = consumed.footnoteRefs;
    assert.ok(refs instanceof FootnoteRefColumns, 'columns');
    assert.ok(Array.isArray(kept), 'an editing parse keeps an array');
    const literal = (r: FootnoteRef): unknown => ({ id: r.id, range: r.range, idRange: r.idRange, blockText: r.blockText, section: r.section, sectionTitle: r.sectionTitle, parent: r.parent, authority: r.authority });
    const want = kept.map(literal);
    assert.equal(refs.length, 5000 + 4);
    assert.deepEqual(refs.map(literal), want);
    assert.deepEqual([...refs].map(literal), want);
    assert.deepEqual(literal(refs.at(-1)!), want[want.length - 1]);
    assert.equal(refs.at(refs.length), undefined);
    for (const i of [0, 3, 4095, 4096, 5003]) {
      assert.deepEqual(literal(refs.at(i)!), want[i]);
      assert.equal(refs.idAt(i), kept.at(i)!.id);
      assert.deepEqual([refs.rangeAt(i), refs.idRangeAt(i)], [kept.at(i)!.range, kept.at(i)!.idRange]);
    }
    assert.equal(JSON.stringify(refs), JSON.stringify(kept));
    // The index workers send facts by structured clone: the fields come, not the class.
    const copy = structuredClone(consumed);
    assert.ok(!(copy.footnoteRefs instanceof FootnoteRefColumns));
    reviveFootnoteRefs(copy);
    assert.ok(copy.footnoteRefs instanceof FootnoteRefColumns);
    assert.deepEqual(copy.footnoteRefs.map(literal), want);
    // Lines far apart and a reference past character 65,535: the page's numbers in 32 bits from there on.
    const far = `# Far {#far}\n\nA[^f1] b[^f2].\n${'\nNext[^f3].\n'.repeat(3)}${'\n'.repeat(70000)}Late[^f4] and ${'y'.repeat(70000)}[^f5] then[^f6].\n`;
    const farKept = parseSpecChunked('spec.md', far).facts.footnoteRefs;
    const farRefs = parseSpecChunked('spec.md', far, undefined, true, true, undefined, true).facts.footnoteRefs;
    assert.ok(farRefs instanceof FootnoteRefColumns);
    assert.equal(farRefs.length, 8);
    assert.deepEqual(farRefs.map(literal), farKept.map(literal));
  });

  it("a batch model's footnote clauses are made when read from the columns: equal to an editing model's, one stored entry per duplicate id only", () => {
    const text = `# Spec {#root authority=root}\n\n## A {#a}\n\n${Array.from({ length: 5000 }, (_, i) => `x[^r${i}] and[^r${i % 7}]`).join('\n')}\n\n[^r3]: Defined.\n[^lone]: No reference.\n`;
    const editing = new WorkspaceIndex(config());
    const batch = new WorkspaceIndex(config(), { batch: true });
    for (const index of [editing, batch]) {
      index.updateFile('spec.md', text);
      index.updateFile('src/a.ts', '// [^r4] [^a]\nexport const a = 1;\n');
    }
    const [m, e] = [batch.model(), editing.model()];
    assert.ok(Array.isArray(e.clauses), 'an editing model keeps clause objects');
    assert.ok(!Array.isArray(m.clauses), 'a batch model does not');
    assert.equal(m.clauses.length, e.clauses.length);
    const at = m.clauses.at(2500)!;
    assert.notEqual(at, m.clauses.at(2500), 'made on each read');
    assert.deepEqual(JSON.parse(JSON.stringify(at)), JSON.parse(JSON.stringify(e.clauses.at(2500))));
    assert.deepEqual(JSON.parse(JSON.stringify(m.clausesById.first(at.id))), JSON.parse(JSON.stringify(at)));
    assert.deepEqual(JSON.parse(JSON.stringify(m.clauses.at(-1))), JSON.parse(JSON.stringify(e.clauses.at(-1))));
    assert.deepEqual(m.clauses.filter((c) => c.id.endsWith('7')).map((c) => c.id), e.clauses.filter((c) => c.id.endsWith('7')).map((c) => c.id));
    // The references of a clause's own id stay implicit (read from the clauses), as in the editing model.
    assert.equal(m.specReferencesById.storedSize, e.specReferencesById.storedSize);
    assert.ok(m.specReferencesById.storedSize < 20);
    assert.deepEqual(view(batch), view(editing));
    assert.deepEqual(m.exampleOf(at), e.exampleOf(e.clauses.at(2500)!));
  });

  it("keeps no per-file lists of what each spec made (only a patch reads them); a file's clauses and duplicate ids are an editing index's", () => {
    const files: Record<string, string> = {
      'a.md': '# A {#a}\n\n## Dup {#dup}\n\nText[^x] and[^y] and[^x] again[^dup].\n\n[^y]: Defined here.\n[^only]: A definition no reference names.\n',
      'b.md': '# B {#b}\n\n## Dup {#dup}\n\nMore[^z] and[^x] and[^w].\n\n[^w]: Its definition.\n',
      'c.md': 'No clause here.\n',
    };
    const editing = new WorkspaceIndex(config());
    const batch = new WorkspaceIndex(config(), { batch: true });
    for (const index of [editing, batch]) for (const [file, text] of Object.entries(files)) index.updateFile(file, text);
    assert.deepEqual(view2(batch), view2(editing));
    // The lists a patch reads are empty in the batch model, filled in the editing one.
    const made = (index: WorkspaceIndex, file: string): number[] => {
      const c = (index.model() as unknown as { contributions: Map<string, { clauses: { length: number }; references: { length: number } }> }).contributions.get(file)!;
      return [c.clauses.length, c.references.length];
    };
    assert.deepEqual(made(editing, 'a.md'), [5, 6]);
    assert.deepEqual(made(batch, 'a.md'), [0, 0]);
    for (const file of Object.keys(files)) assert.equal(JSON.stringify(batch.model().clausesOfFile(file)), JSON.stringify(editing.model().clausesOfFile(file)), file);
    assert.deepEqual(batch.model().listedIdsOf('a.md'), ['dup']);
  });

  it('edited anyway, builds the model of a fresh index (nothing kept for the edit: no patch, a rebuild)', () => {
    const batch = new WorkspaceIndex(config(), { batch: true });
    batch.updateFile('spec.md', bigSpec());
    batch.model();
    batch.updateFile('spec.md', bigSpec('at once'));
    const fresh = new WorkspaceIndex(config());
    fresh.updateFile('spec.md', bigSpec('at once'));
    assert.deepEqual(view(batch), view(fresh));
  });

  it("facts from another thread's parse keep no chunk facts in a batch index", () => {
    const editing = new WorkspaceIndex(config());
    editing.updateFile('spec.md', bigSpec());
    const facts = structuredClone(editing.factsOf('spec.md')!);
    assert.ok(facts.chunks);
    const batch = new WorkspaceIndex(config(), { batch: true });
    batch.addFacts(facts);
    assert.equal(batch.factsOf('spec.md')!.chunks, undefined);
    assert.deepEqual(view(batch), view(editing));
  });

  it('prose read after an edit moved the chunks is at their new offsets (the chunk prose memo follows the start)', () => {
    const first = parseSpecChunked('spec.md', bigSpec());
    // Read at the first places, then the first section grows: every later chunk starts further on.
    assert.ok(first.facts.prose.length > 0);
    const edited = bigSpec('within the time a caller of the service is prepared to wait');
    const second = parseSpecChunked('spec.md', edited, first.cache);
    const fresh = parseSpecChunked('spec.md', edited);
    assert.deepEqual(second.facts.prose, fresh.facts.prose);
    for (const b of second.facts.prose) assert.equal(edited.slice(b.start, b.end).length, b.text.length);
    // And back: the chunks at their first places again.
    const third = parseSpecChunked('spec.md', bigSpec(), second.cache);
    assert.deepEqual(third.facts.prose, parseSpecChunked('spec.md', bigSpec()).facts.prose);
  });
});
