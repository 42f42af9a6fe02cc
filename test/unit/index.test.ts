// Index: [^ex5p] [^ex6u] [^ci7t] [^dg3s] [^dg5n] [^dg8u] [^ln2a]. Each diagnostics rule's cases are in test/unit/diagnostics/.
import * as assert from 'node:assert/strict';
import { memoryWorkspace } from '../helpers/workspace';

const SPEC = [
  '# Auth {#auth authority=root}',
  '',
  'Sessions expire after 30 minutes[^au3f]. Tokens rotate[^tk9x].',
  '',
  '## Passwords {#passwords authority=user}',
  '',
  'Hash them[^pw1a].',
].join('\n');

describe('index: clauses, citations and resolution', () => {
  it('resolves an id to its clause, example, citations and spec references', () => {
    const index = memoryWorkspace({
      'specs/auth.md': SPEC + '\n\nSee [passwords](#passwords) and again[^au3f].\n',
      'specs/examples/au3f.md': 'Examples for [^au3f] in Auth:\n',
      'src/session.ts': 'const ttl = 30; // Sessions expire after 30 min [^au3f]\n',
      'test/session.test.ts': '// checks [^au3f] and [^passwords]\n',
    });
    const model = index.model();
    const r = model.resolve('au3f');
    assert.equal(r.clause?.kind, 'footnote');
    assert.equal(r.clause?.title, 'Auth');
    assert.equal(r.clause?.authority, 'root');
    assert.equal(r.clause?.parent, 'auth');
    assert.equal(r.clause?.text, 'Sessions expire after 30 minutes[^au3f]. Tokens rotate[^tk9x].');
    assert.deepEqual(r.example, { path: 'specs/examples/au3f.md', exists: true, expected: true });
    assert.deepEqual(r.citations.map((c) => `${c.file}:${c.kind}`), ['src/session.ts:code', 'test/session.test.ts:test']);
    assert.deepEqual(r.specReferences.map((s) => `${s.kind}@${s.file}:${s.range.start.line + 1}`), [
      'footnote@specs/auth.md:3',
      'footnote@specs/auth.md:9',
      'example-backref@specs/examples/au3f.md:1',
    ]);
    const pw = model.resolve('passwords');
    assert.equal(pw.clause?.kind, 'heading');
    assert.deepEqual(pw.specReferences.map((s) => s.kind), ['link']);
    assert.equal(pw.citations.length, 1);
  });

  it('treats [^heading_id] in prose as a reference to the heading, not a new footnote clause', () => {
    const model = memoryWorkspace({ 'a.md': '# A {#alpha}\n\nAs in[^alpha].\n' }).model();
    assert.deepEqual(model.clauses.map((c) => `${c.kind}:${c.id}`), ['heading:alpha']);
  });

  it('updates and removes files', () => {
    const index = memoryWorkspace({ 'a.md': '# A {#a}\n', 'src/x.py': '# [^a]\n' });
    assert.equal(index.model().citations.length, 1);
    index.updateFile('src/x.py', '# nothing\n');
    assert.equal(index.model().citations.length, 0);
    index.removeFile('a.md');
    assert.equal(index.model().clauses.length, 0);
  });

  it('re-indexing identical text keeps the model (no re-parse), a real change rebuilds it', () => {
    const index = memoryWorkspace({ 'a.md': '# A {#a}\n' });
    const before = index.model();
    index.updateFile('a.md', '# A {#a}\n');
    assert.equal(index.model(), before);
    index.updateFile('a.md', '# A {#b}\n');
    assert.notEqual(index.model(), before);
    assert.deepEqual(index.model().ids(), ['b']);
  });

  it('classifies test citations by the test globs', () => {
    const model = memoryWorkspace({
      'a.md': '# A {#a}\n',
      'src/a.ts': '// [^a]\n',
      'src/a.test.ts': '// [^a]\n',
      'pkg/tests/b.py': '# [^a]\n',
      'lib/c_test.go': '// [^a]\n',
      'test_d.py': '# [^a]\n',
    }).model();
    assert.deepEqual(model.citations.map((c) => `${c.file}:${c.kind}`), [
      'lib/c_test.go:test',
      'pkg/tests/b.py:test',
      'src/a.test.ts:test',
      'src/a.ts:code',
      'test_d.py:test',
    ]);
  });

  it('does not take example files or excluded files for specs', () => {
    const model = memoryWorkspace(
      { 'spec.md': 'A[^x1].\n', 'examples/x1.md': '# Example {#not_a_clause}\n', 'fixtures/f.md': '# F {#f}\n' },
      { exclude: ['fixtures/**'] },
    ).model();
    assert.deepEqual(model.ids(), ['x1']);
  });

  it('prefers the example beside the spec, then the workspace root', () => {
    const model = memoryWorkspace({ 'specs/a.md': 'x[^q1] y[^q2]\n', 'specs/examples/q1.md': '', 'examples/q2.md': '' }).model();
    assert.equal(model.resolve('q1').example?.path, 'specs/examples/q1.md');
    assert.equal(model.resolve('q2').example?.path, 'examples/q2.md');
  });
});
