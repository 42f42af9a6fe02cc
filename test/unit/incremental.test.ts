// The editor's fast path: an edit that changes nothing other files see patches the model instead of rebuilding it,
// and the diagnostics of one file are those it has in the workspace's list. Both must equal a fresh index.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { completeIds } from '../../server/src/core/features/completion';
import type { IndexModel, WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { diagnosticsOf, fixtureFiles, memoryWorkspace, modelSpecDir } from '../helpers/workspace';

/** The model as plain data: every map, in order. */
function snapshot(model: IndexModel): unknown {
  const byId = <T>(m: Iterable<[string, T[]]>): [string, T[]][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    clauses: model.clauses,
    clausesById: byId(model.clausesById),
    citations: model.citations,
    citationsById: byId(model.citationsById),
    definitionsById: byId(model.definitionsById),
    specReferencesById: byId(model.specReferencesById),
    examples: model.clauses.map((c) => model.exampleOf(c)),
    covered: model.clauses.map((c) => model.isCovered(c.id)),
    owners: model.exampleFiles.map((f) => model.exampleOwner(f)),
  };
}

function assertLikeFresh(live: WorkspaceIndex, files: Record<string, string>): void {
  const fresh = memoryWorkspace(files);
  assert.deepStrictEqual(snapshot(live.model()), snapshot(fresh.model()));
  assert.deepStrictEqual(diagnosticsOf(live), diagnosticsOf(fresh));
}

describe('incremental model updates', () => {
  it('patches the model for typing in a spec and moving citations in code, equal to a fresh index', () => {
    const files = fixtureFiles('shop');
    const spec = Object.keys(files).find((f) => f.endsWith('.md') && f.startsWith('specs/') && files[f]!.includes('[^'))!;
    const code = Object.keys(files).find((f) => /\.(ts|py)$/.test(f) && files[f]!.includes('[^'))!;
    const live = memoryWorkspace(files);
    live.model();
    live.takeChanges();
    // Typing in a paragraph: same ids, same anchors; positions and texts move.
    const para = files[spec]!.indexOf('\n\n', files[spec]!.indexOf('[^')) + 2;
    files[spec] = `${files[spec]!.slice(0, para)}Quickly added words, etc.\n\n${files[spec]!.slice(para)}`;
    live.updateFile(spec, files[spec]!);
    assert.deepEqual(live.takeChanges(), new Set([spec]), 'a local change');
    assertLikeFresh(live, files);
    // Moving a citation down in code.
    files[code] = `\n\n${files[code]}`;
    live.updateFile(code, files[code]!);
    assert.deepEqual(live.takeChanges(), new Set([code]));
    assertLikeFresh(live, files);
    // A new footnote id no other file knows: the model is built from the last one; the spec and the files whose
    // diagnostics name ids (unknown citations, with suggestions) are recomputed, not the workspace.
    files[spec] = `${files[spec]!}\nOne more rule[^zz42].\n`;
    live.updateFile(spec, files[spec]!);
    const changes = live.takeChanges();
    assert.ok(changes !== 'all' && changes.has(spec), 'built from the last model');
    assertLikeFresh(live, files);
    // A new heading changes the anchors other files may link to: the model is rebuilt.
    files[spec] = `${files[spec]!}\n## One more {#zz43}\n\nText.\n`;
    live.updateFile(spec, files[spec]!);
    assert.equal(live.takeChanges(), 'all');
    assertLikeFresh(live, files);
  });

  it("an edit that declares a rule of an mdbook-spec book changes the other pages' links: the model is rebuilt [^ln6s]", () => {
    const config = { mdbookSpec: ['src'] };
    const files: Record<string, string> = {
      'src/valves.md': '# Valves\n\nr[valve.open]\nA valve opens.\n',
      'src/pumps.md': '# Pumps\n\nA pump needs an [open valve][valve.open] and a [shut one][valve.shut].\n\n[site]: https://example.org\n\nSee the [site].\n',
    };
    const live = memoryWorkspace(files, config);
    assert.deepEqual(diagnosticsOf(live).filter((d) => d.code.startsWith('link.')).map((d) => d.file), ['src/pumps.md']);
    live.takeChanges();
    // A line of text, no anchor or id the Markdown sees: still a rule of the book, which the other page links to.
    files['src/valves.md'] = `${files['src/valves.md']!}\nr[valve.shut]\nA valve shuts.\n`;
    live.updateFile('src/valves.md', files['src/valves.md']!);
    assert.equal(live.takeChanges(), 'all');
    assert.deepEqual(diagnosticsOf(live).filter((d) => d.code.startsWith('link.')), []);
    assert.deepStrictEqual(diagnosticsOf(live), diagnosticsOf(memoryWorkspace(files, config)));
  });

  it('patches the model for edits all over the Model Spec, equal to a fresh index', function () {
    const root = modelSpecDir();
    const files: Record<string, string> = { 'src/a.ts': '// [^8ep1] [^chain_of_command]\n' };
    files['model_spec.md'] = fs.readFileSync(path.join(root, 'model_spec.md'), 'utf8');
    for (const f of fs.readdirSync(path.join(root, 'examples'))) files[`examples/${f}`] = fs.readFileSync(path.join(root, 'examples', f), 'utf8');
    const live = memoryWorkspace(files);
    live.model();
    let text = files['model_spec.md']!;
    for (const at of [0.1, 0.35, 0.6, 0.9]) {
      const i = text.indexOf('\n\n', Math.floor(text.length * at)) + 2;
      text = `${text.slice(0, i)}The assistant should respond quickly.\n\n${text.slice(i)}`;
      files['model_spec.md'] = text;
      live.takeChanges();
      live.updateFile('model_spec.md', text);
      assert.deepEqual(live.takeChanges(), new Set(['model_spec.md']));
      assertLikeFresh(live, files);
    }
  });

  it('computes the diagnostics of one file exactly as they are in the workspace list', function () {
    const index = memoryWorkspace(fixtureFiles('shop'));
    const model = index.model();
    const all = computeDiagnostics(model, index.config);
    for (const file of [...index.model().files, '.clarifier.json']) {
      assert.deepStrictEqual(computeDiagnostics(model, index.config, file), all.filter((d) => d.file === file), file);
    }
    const ms = memoryWorkspace({ 'model_spec.md': fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8'), 'examples/91ld.md': 'x', 'src/a.ts': '// [^8ep1] [^nope]\n' });
    const msAll = computeDiagnostics(ms.model(), ms.config);
    for (const file of ['model_spec.md', 'examples/91ld.md', 'src/a.ts']) {
      assert.deepStrictEqual(computeDiagnostics(ms.model(), ms.config, file), msAll.filter((d) => d.file === file), file);
    }
  });
});

describe('memory kept by edits', () => {
  it('keeps no earlier text of an edited spec alive (a chunk cut after an edit is a copy, not a slice)', function () {
    // A slice of a string keeps the string it was cut from: a chunk of each keystroke's text kept one whole text alive
    // per edited chunk (the old generation grew by the spec's size per edit). Measured after a full collection.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const words = 'the service should retain each request for review before it answers the caller with a status'.split(' ');
    const sections = Array.from({ length: 800 }, (_, i) => `## Section ${i} {#s${i}}\n\n${Array.from({ length: 160 }, (_, w) => words[(i + w) % words.length]).join(' ')}.\n`);
    const lines = sections.join('\n').split('\n');
    const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('the ')).map(([, i]) => i);
    const live = memoryWorkspace({ 'specs/big.md': lines.join('\n') });
    live.model();
    let bytes = 0;
    const edit = (k: number): void => {
      const line = prose[(k * 37) % prose.length]!;
      lines[line] = `${lines[line]!.slice(0, 12)}quickly ${lines[line]!.slice(12)}`;
      const text = lines.join('\n');
      bytes = text.length;
      live.updateFile('specs/big.md', text, true);
      live.takeChanges();
      computeDiagnostics(live.model(), live.config, 'specs/big.md');
    };
    for (let k = 0; k < 3; k++) edit(k);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 3; k < 33; k++) edit(k);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 30 edits kept ~30 texts before (~25 MB); the edits' own facts are a few hundred KB.
    assert.ok(grown < 6 * bytes, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 30 edits of a ${(bytes / 1e6).toFixed(2)} MB spec`);
  });

  it("gives one file's clauses without a copy per call in an editing index (one file's diagnostics ask after every edit)", () => {
    const spec = Array.from({ length: 200 }, (_, i) => `## Rule ${i} {#r${i}}\n\nText[^f${i}].\n`).join('\n');
    const live = memoryWorkspace({ 'specs/a.md': spec });
    const model = live.model();
    assert.equal(model.clausesOfFile('specs/a.md').length, 400);
    assert.equal(model.clausesOfFile('specs/a.md'), model.clausesOfFile('specs/a.md'));
  });
});

describe('completion in a big workspace', () => {
  it('sends the best ids only, marked incomplete, filtered by what was typed', () => {
    const spec = Array.from({ length: 300 }, (_, i) => `## Rule ${i} {#r${String(i).padStart(3, '0')} authority=root}\n\nText.\n`).join('\n');
    const index = memoryWorkspace({ 'specs/a.md': spec, 'specs/b.md': '## Other {#zz_other authority=root}\n' });
    const ctx = { kind: 'id' as const, start: 0, end: 0, prefix: '', needsClose: true };
    const all = completeIds(index.model(), ctx, 'src/x.ts', ['r299'], 1000);
    assert.equal(all.length, 301);
    assert.equal(all.incomplete, undefined);
    const best = completeIds(index.model(), ctx, 'src/x.ts', ['r299'], 50);
    assert.equal(best.length, 50);
    assert.equal(best.incomplete, true);
    assert.equal(best.find((e) => e.label === 'r299')?.sortText, '00000:r299', 'recently cited first');
    assert.deepEqual(best.filter((e) => e.sortText.startsWith('2')).map((e) => e.label).slice(0, 3), ['r000', 'r001', 'r002']);
    const typed = completeIds(index.model(), { ...ctx, prefix: 'zz' }, 'src/x.ts', [], 50);
    assert.deepEqual(typed.map((e) => e.label), ['zz_other']);
  });
});
