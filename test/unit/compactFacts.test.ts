// Footnote references held as a line and two characters, and the clauses and model references read through them
// [^big_documents]: the values read are the ranges and fields they replace, after a structured clone (the index
// workers), a JSON round trip (the index cache) and a chunk placed further down.
import * as assert from 'node:assert/strict';
import { footnoteRefOf, OneLineFootnoteRef, parseSpec, parseSpecChunked, reviveFootnoteRefs, type FootnoteRef } from '../../server/src/core/markdown/parseSpec';
import type { Range } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { resolveConfig } from '../../server/src/core/workspace/config';
import { memoryWorkspace } from '../helpers/workspace';

const SPEC = '# Rules {#rules authority=platform}\n\nA reply is short[^brief] and kind[^kind].\n\n## Tone {#tone}\n\nSay it plainly.[^plain]\n';

/** The text a range covers (one line). */
const at = (text: string, r: Range): string => text.split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

/** A reference as the plain literal it replaces. */
const literal = (r: FootnoteRef): unknown => ({ id: r.id, range: r.range, idRange: r.idRange, blockText: r.blockText, section: r.section, sectionTitle: r.sectionTitle, parent: r.parent, authority: r.authority });

describe('compact footnote references', () => {
  it('read their ranges, block, section, parent and authority; JSON writes the FootnoteRef literal', () => {
    const refs = parseSpec('spec.md', SPEC).footnoteRefs;
    assert.deepEqual(refs.map((r) => [at(SPEC, r.range), at(SPEC, r.idRange), r.parent, r.authority, r.sectionTitle]), [
      ['[^brief]', 'brief', 'rules', 'platform', 'Rules'],
      ['[^kind]', 'kind', 'rules', 'platform', 'Rules'],
      ['[^plain]', 'plain', 'tone', 'platform', 'Tone'],
    ]);
    assert.equal(refs.at(0)!.blockText, 'A reply is short[^brief] and kind[^kind].');
    // A new range object on each read, never one the caller could change for the next reader.
    assert.notEqual(refs.at(0)!.range, refs.at(0)!.range);
    assert.deepEqual(JSON.parse(JSON.stringify(refs)), JSON.parse(JSON.stringify(refs.map(literal))));
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(refs.at(0))) as object), ['id', 'range', 'idRange', 'blockText', 'section', 'sectionTitle', 'parent', 'authority']);
  });

  it('are whole again after a structured clone (worker) and a JSON round trip (cache), shared objects still shared', () => {
    const { facts, cache } = parseSpecChunked('spec.md', SPEC);
    const want = facts.footnoteRefs.map(literal);
    for (const copy of [structuredClone({ facts, cache }), { facts: JSON.parse(JSON.stringify(facts)) as typeof facts, cache: undefined }]) {
      if (copy.cache) assert.equal(copy.facts.footnoteRefs.at(0)!.range, undefined, 'a clone keeps the fields, not the class');
      reviveFootnoteRefs(copy.facts, copy.cache);
      assert.deepEqual(copy.facts.footnoteRefs.map(literal), want);
      if (copy.cache) {
        const inChunks = new Set([...copy.cache.values()].flatMap((e) => [...e.facts.footnoteRefs, ...(e.byLine?.facts.footnoteRefs ?? [])]));
        assert.ok(copy.facts.footnoteRefs.every((r) => inChunks.has(r)), 'the spec and its chunks hold the same reference objects');
      }
    }
  });

  it('placed further down with their chunk: the ranges move, the rest stays', () => {
    const text = '# Intro {#intro}\n\nLead.\n\n' + SPEC;
    const refs = parseSpecChunked('spec.md', text).facts.footnoteRefs;
    assert.deepEqual(refs.map((r) => at(text, r.range)), ['[^brief]', '[^kind]', '[^plain]']);
    assert.deepEqual(refs.map((r) => r.range.start.line), [6, 6, 10]);
  });

  it('the footnote clause and the model reference read through the reference; JSON writes the literals', () => {
    const index = memoryWorkspace({ 'spec.md': SPEC });
    const r = index.model().resolve('brief');
    const clause = r.clause!;
    assert.deepEqual(JSON.parse(JSON.stringify(clause)), {
      id: 'brief',
      kind: 'footnote',
      title: 'Rules',
      text: 'A reply is short[^brief] and kind[^kind].',
      file: 'spec.md',
      range: { start: { line: 2, character: 16 }, end: { line: 2, character: 24 } },
      idRange: { start: { line: 2, character: 18 }, end: { line: 2, character: 23 } },
      section: ['Rules'],
      attributes: {},
      parent: 'rules',
      authority: 'platform',
    });
    assert.deepEqual(
      r.specReferences.map((s) => JSON.parse(JSON.stringify(s)) as unknown),
      [{ id: 'brief', file: 'spec.md', kind: 'footnote', range: clause.range, idRange: clause.idRange }],
    );
  });

  it('one model object per reference: the model stores a footnote clause as its reference, readers get the reference', () => {
    // A later reference of an id and a reference of a heading's id make no clause of the model; they still store one.
    const text = SPEC + '\nAgain short[^brief], and the rules[^rules].\n';
    const index = memoryWorkspace({ 'spec.md': text });
    const model = index.model();
    const refs = index.factsOf('spec.md')!.spec!.footnoteRefs;
    const stored = refs.map((r) => model.specReferencesById.storedList(r.id)!.find((s) => s.range.start.line === r.range.start.line && s.range.start.character === r.range.start.character)!);
    assert.equal(stored[0], model.resolve('brief').clause, 'the reference of the clause\'s own `[^brief]` is the clause object');
    assert.equal(new Set(stored).size, refs.length);
    assert.ok(stored.every((s) => 'title' in s), 'every footnote reference is stored as the clause made of it');
    assert.deepEqual(model.clauses.map((c) => c.id), ['rules', 'tone', 'brief', 'kind', 'plain'], 'the clauses of the model are not the stored references');
    // Readers get a SpecReference: the literal's fields and JSON, for resolve, the map's get and its iteration alike.
    const want = (id: string): unknown[] => [...refs].filter((r) => r.id === id).map((r) => ({ id, file: 'spec.md', kind: 'footnote', range: r.range, idRange: r.idRange }));
    for (const id of ['brief', 'rules']) {
      const read = [model.resolve(id).specReferences.filter((s) => s.kind === 'footnote'), model.specReferencesById.get(id)!.filter((s) => s.kind === 'footnote'), [...model.specReferencesById].find(([k]) => k === id)![1].filter((s) => s.kind === 'footnote')];
      for (const list of read) assert.deepEqual(list.map((s) => JSON.parse(JSON.stringify(s)) as unknown), want(id));
      assert.ok(read.flat().every((s) => !('title' in s)));
    }
    assert.ok(!('title' in model.specReferencesById.first('brief')!));
    assert.ok(model.specReferencesById.some('brief', (s) => !('title' in s)));
    // An edit of the text around them: the model patched holds the same, one stored object per reference.
    index.updateFile('spec.md', text.replace('Say it plainly.', 'Say it very plainly.'));
    const patched = index.model();
    assert.equal(patched.specReferencesById.storedList('brief')![0], patched.resolve('brief').clause);
    assert.deepEqual(JSON.parse(JSON.stringify(patched.resolve('plain').specReferences)), JSON.parse(JSON.stringify(memoryWorkspace({ 'spec.md': text.replace('Say it plainly.', 'Say it very plainly.') }).model().resolve('plain').specReferences)));
  });

  it('one id map for both: an id whose one reference is its footnote clause has no entry of its own in the references', () => {
    const spec = (extra: string): string => `# Rules {#rules}\n\n${Array.from({ length: 30 }, (_, i) => `Rule ${i}[^r${i}].`).join('\n\n')}\n${extra}`;
    const view = (w: WorkspaceIndex): unknown => {
      const m = w.model();
      const ids = [...new Set([...m.clausesById.keys(), ...m.specReferencesById.keys()])].sort();
      const byId = [...m.specReferencesById].sort(([a], [b]) => (a < b ? -1 : 1));
      return JSON.parse(JSON.stringify({ ids, refs: ids.map((id) => [m.specReferencesById.has(id), m.specReferencesById.get(id), m.resolve(id).specReferences]), byId, size: m.specReferencesById.size }));
    };
    const index = memoryWorkspace({ 'spec.md': spec(''), 'other.md': '# Other {#other}\n\nSee [the rules](spec.md#rules) and [^r3].\n' });
    const model = index.model();
    // 30 footnote ids, each named once in its scope, and the heading `rules` (a link): two stored entries (rules, and r3, which has two references).
    assert.equal(model.specReferencesById.size, 31);
    assert.equal(model.specReferencesById.storedSize, 2);
    assert.equal(model.specReferencesById.get('r7')!.length, 1);
    // r3's clause is made of other.md's reference (the first spec file): both references are stored, in file order.
    assert.deepEqual(model.specReferencesById.get('r3')!.map((s) => s.file), ['other.md', 'spec.md']);
    assert.equal(model.resolve('r3').clause!.file, 'other.md');
    assert.deepEqual(view(index), view(memoryWorkspace({ 'spec.md': spec(''), 'other.md': '# Other {#other}\n\nSee [the rules](spec.md#rules) and [^r3].\n' })));
    // Edits: a second reference of an id, a heading of a footnote's id, a reference removed, ids added: the model of a
    // fresh build each time (patched or rebuilt from the last one).
    for (const extra of ['\nAgain[^r5].\n', '\n## R6 {#r6}\n\nNow a heading.\n', '', '\nNew[^n1] and[^n2].\n', '\nNew[^n1].\n']) {
      const text = spec(extra).replace(extra === '' ? 'Rule 9[^r9].' : '\u0000', extra === '' ? 'Rule 9.' : '');
      index.updateFile('spec.md', text);
      assert.deepEqual(view(index), view(memoryWorkspace({ 'spec.md': text, 'other.md': '# Other {#other}\n\nSee [the rules](spec.md#rules) and [^r3].\n' })), JSON.stringify(extra));
    }
  });

  it("a batch index's references keep no model clause (its one model finds a reference's clause by its place): the same stored entries as an editing index's", () => {
    const spec = `# Rules {#rules}\n\n${Array.from({ length: 30 }, (_, i) => `Rule ${i}[^r${i}] and again[^r${i % 3}].`).join('\n\n')}\n`;
    const other = '# Other {#other}\n\nSee [the rules](spec.md#rules) and [^r3] and [^x].\n';
    const config = resolveConfig(undefined).config;
    const editing = new WorkspaceIndex(config);
    const batch = new WorkspaceIndex(config, { batch: true });
    for (const index of [editing, batch]) {
      index.updateFile('spec.md', spec);
      index.updateFile('other.md', other);
    }
    const refs = batch.factsOf('spec.md')!.spec!.footnoteRefs;
    assert.ok(refs.every((r) => r instanceof OneLineFootnoteRef && !('madeClause' in r)), 'no clause slot in a consuming parse');
    assert.ok(editing.factsOf('spec.md')!.spec!.footnoteRefs.every((r) => 'madeClause' in r), 'an editing parse keeps one');
    const view = (w: WorkspaceIndex): unknown => {
      const m = w.model();
      const ids = [...new Set([...m.clausesById.keys(), ...m.specReferencesById.keys()])].sort();
      return JSON.parse(JSON.stringify({ clauses: m.clauses, refs: ids.map((id) => m.resolve(id).specReferences), stored: m.specReferencesById.storedSize, size: m.specReferencesById.size }));
    };
    assert.deepEqual(view(batch), view(editing));
    // Only the ids with more than one reference (r0, r1, r2, r3 and the heading `rules`, linked) are stored entries.
    assert.equal(batch.model().specReferencesById.storedSize, 5);
  });

  it('hold the footnote clause made of them for the next model, outside their fields (not enumerable, not in JSON, not cloned)', () => {
    const index = memoryWorkspace({ 'spec.md': SPEC });
    const first = index.model().resolve('brief').clause!;
    const ref = index.factsOf('spec.md')!.spec!.footnoteRefs.at(0)!;
    // Another file changes the model: the unchanged reference gives the same clause object.
    index.updateFile('src/reply.ts', '// Keeps replies short [^brief].\nexport const short = true;\n');
    assert.equal(index.model().resolve('brief').citations.length, 1);
    assert.equal(index.model().resolve('brief').clause, first);
    assert.deepEqual(Object.keys(ref), ['id', 'block', 'line', 'start']);
    assert.deepEqual(JSON.parse(JSON.stringify(ref)), literal(parseSpec('spec.md', SPEC).footnoteRefs.at(0)!));
    assert.deepEqual(index.factsOf('spec.md')!.spec!.footnoteRefs, parseSpec('spec.md', SPEC).footnoteRefs);
    assert.equal((structuredClone(ref) as { madeClause?: unknown }).madeClause, undefined);
  });

  it('keep no end: it is where `[^id]` ends; ranges of another width keep their own ends', () => {
    const ctx = { section: ['Rules'], sectionTitle: 'Rules' };
    const at = (line: number, a: number, b: number): Range => ({ start: { line, character: a }, end: { line, character: b } });
    const compact = footnoteRefOf('brief', at(3, 10, 18), at(3, 12, 17), 'text', ctx);
    assert.ok(compact instanceof OneLineFootnoteRef);
    assert.deepEqual([compact.range, compact.idRange], [at(3, 10, 18), at(3, 12, 17)]);
    // An id read from wider text than `[^id]` (as a parser may normalize it): the literal form, with the ranges given.
    const wide = footnoteRefOf('brief', at(3, 10, 20), at(3, 12, 19), 'text', ctx);
    assert.ok(!(wide instanceof OneLineFootnoteRef));
    assert.deepEqual([wide.range, wide.idRange], [at(3, 10, 20), at(3, 12, 19)]);
  });

  it('a spec with more references than the first size of the model\'s per-file records patches to the model of a fresh build', () => {
    const text = (word: string): string => `# Rules {#rules}\n\n${Array.from({ length: 40 }, (_, i) => `Rule ${i} is ${i === 30 ? word : 'kept'}[^r${i}].`).join('\n\n')}\n`;
    const index = memoryWorkspace({ 'spec.md': text('kept') });
    index.model();
    // The same ids, another text: the model is patched through the records (kinds and indexes read back from them).
    index.updateFile('spec.md', text('changed'));
    const view = (w: WorkspaceIndex): unknown => JSON.parse(JSON.stringify([w.model().clauses, Array.from({ length: 40 }, (_, i) => w.model().resolve(`r${i}`).specReferences)]));
    assert.deepEqual(view(index), view(memoryWorkspace({ 'spec.md': text('changed') })));
    assert.equal(index.model().resolve('r30').clause!.text, 'Rule 30 is changed[^r30].');
  });

  it('facts added from a clone (a worker batch) give the model of the same parse in one thread', () => {
    const one = memoryWorkspace({ 'spec.md': SPEC });
    const other = new WorkspaceIndex(resolveConfig(undefined).config);
    const index = memoryWorkspace({ 'spec.md': SPEC });
    other.addFacts(structuredClone(index.factsOf('spec.md')!));
    const view = (w: WorkspaceIndex): unknown => JSON.parse(JSON.stringify([w.model().clauses, ['brief', 'kind', 'plain'].map((id) => w.model().resolve(id).specReferences)]));
    assert.deepEqual(view(other), view(one));
  });
});
