// Index and diagnostics: [^ex5p] [^ex6u] [^ci7t] [^dg3s] [^dg5n] [^dg8u] [^ln2a].
import * as assert from 'node:assert/strict';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

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
});

describe('diagnostics', () => {
  it('citation.unknown-id suggests the closest known id', () => {
    const index = memoryWorkspace({ 'specs/auth.md': SPEC, 'src/a.ts': '// [^au3g] and [^zzzzzzzz]\n' });
    const diags = diagnosticsOf(index).filter((d) => d.code === 'citation.unknown-id');
    assert.deepEqual(diags.map((d) => [d.message, d.data, d.severity]), [
      ['Unknown clause id `au3g`; did you mean `au3f`?', { id: 'au3g', suggestion: 'au3f' }, 'error'],
      ['Unknown clause id `zzzzzzzz`: no spec defines it.', { id: 'zzzzzzzz' }, 'error'],
    ]);
    const short = diagnosticsOf(memoryWorkspace({ 'a.md': 'x[^1]\n', 'src/a.ts': '// [^a]\n' })).find((d) => d.code === 'citation.unknown-id');
    assert.deepEqual(short?.data, { id: 'a' }, 'no suggestion that replaces the whole id');
    assert.deepEqual(diags[0]!.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
  });

  it('clause.duplicate-id on every occurrence, across files', () => {
    const index = memoryWorkspace({ 'a.md': '# A {#same}\n', 'b.md': '# B {#same}\n\nx[^fn]\n\n[^fn]: one\n[^fn]: two\n' });
    assert.deepEqual(brief(diagnosticsOf(index)), ['clause.duplicate-id@a.md:1', 'clause.duplicate-id@b.md:1', 'clause.duplicate-id@b.md:6']);
    assert.match(diagnosticsOf(index)[0]!.message, /also defined at b\.md:1/);
  });

  it('clause.malformed-attributes and clause.unknown-authority (platform and root both accepted)', () => {
    const index = memoryWorkspace({ 'a.md': '# A {#}\n# B {#b authority=rooot}\n# C {#c authority=platform}\n# D {#d authority=root}\n' });
    const diags = diagnosticsOf(index);
    assert.deepEqual(brief(diags), ['clause.malformed-attributes@a.md:1', 'clause.unknown-authority@a.md:2']);
    assert.equal(diags[1]!.severity, 'warning');
    assert.match(diags[1]!.message, /did you mean `root`/);
  });

  it('link.broken-anchor for missing anchors and files; slugs and {#id} resolve', () => {
    const index = memoryWorkspace({
      'a.md': '# Top {#top}\n## Plain Heading\n\n[ok](#top) [ok](#plain-heading) [ok](b.md#bee) [bad](#tpo) [bad](b.md#nope) [bad](gone.md#x)\n',
      'b.md': '# B {#bee}\n',
    });
    const diags = diagnosticsOf(index);
    assert.deepEqual(diags.map((d) => d.message), [
      'Broken link `#tpo`: no heading or {#tpo}; did you mean `#top`?',
      'Broken link `b.md#nope`: no heading or {#nope} in b.md.',
      'Broken link `gone.md#x`: gone.md does not exist.',
    ]);
    assert.ok(diags.every((d) => d.code === 'link.broken-anchor' && d.severity === 'error'));
  });

  it('example.missing only where an examples folder exists or a definition points at a file', () => {
    const noFolder = memoryWorkspace({ 'a.md': 'x[^abcd]\n' });
    assert.deepEqual(brief(diagnosticsOf(noFolder)), []);
    const withFolder = memoryWorkspace({ 'specs/a.md': 'x[^abcd] y[^efgh]\n', 'examples/efgh.md': 'Examples for [^efgh]\n' });
    const diags = diagnosticsOf(withFolder);
    assert.deepEqual(brief(diags), ['example.missing@specs/a.md:1']);
    assert.deepEqual(diags[0]!.data, { id: 'abcd', path: 'examples/abcd.md' });
    const viaDef = memoryWorkspace({ 'a.md': 'x[^d1]\n\n[^d1]: docs/d1.md\n' });
    assert.deepEqual(diagnosticsOf(viaDef).map((d) => [d.code, d.data]), [['example.missing', { id: 'd1', path: 'docs/d1.md' }]]);
    const prose = memoryWorkspace({ 'a.md': 'x[^1]\n\n[^1]: See RFC 9110.\n', 'examples/other.md': '' });
    assert.deepEqual(brief(diagnosticsOf(prose)).filter((d) => d.startsWith('example.missing')), [], 'a prose footnote needs no example');
    const outside = memoryWorkspace({ 'a.md': 'x[^d2]\n\n[^d2]: ../../etc/passwd\n' });
    assert.match(diagnosticsOf(outside)[0]!.message, /points outside the workspace/);
  });

  it('prefers the example beside the spec, then the workspace root', () => {
    const model = memoryWorkspace({ 'specs/a.md': 'x[^q1] y[^q2]\n', 'specs/examples/q1.md': '', 'examples/q2.md': '' }).model();
    assert.equal(model.resolve('q1').example?.path, 'specs/examples/q1.md');
    assert.equal(model.resolve('q2').example?.path, 'examples/q2.md');
  });

  it('example.unused for example files no footnote uses (README-like files excepted)', () => {
    const index = memoryWorkspace({ 'a.md': 'x[^used]\n', 'examples/used.md': '', 'examples/orphan.md': '', 'examples/README.md': '' });
    const diags = diagnosticsOf(index);
    assert.deepEqual(brief(diags), ['example.unused@examples/orphan.md:1']);
    assert.deepEqual(diags[0]!.data, { path: 'examples/orphan.md', id: 'orphan' });
  });

  it('clause.uncited (info) only when the workspace has code citations at all', () => {
    const files = { 'a.md': '# A {#a}\n# B {#b}\n' };
    assert.deepEqual(brief(diagnosticsOf(memoryWorkspace(files))), []);
    const cited = memoryWorkspace({ ...files, 'src/x.rs': '// implements [^a]\n' });
    const diags = diagnosticsOf(cited);
    assert.deepEqual(brief(diags), ['clause.uncited@a.md:2']);
    assert.equal(diags[0]!.severity, 'info');
    assert.deepEqual(brief(diagnosticsOf(memoryWorkspace({ ...files, 'src/x.rs': '// [^a]\n' }, { reportUncited: false }))), []);
  });

  it('a heading clause is covered when a clause inside it is cited', () => {
    const index = memoryWorkspace({
      'a.md': '# Top {#top}\n\n## Mid {#mid}\n\nText[^fn01].\n\n## Other {#other}\n\n# Alone {#alone}\n',
      'src/x.ts': '// [^fn01]\n',
    });
    assert.equal(index.model().resolve('mid').clause?.parent, 'top');
    assert.deepEqual(diagnosticsOf(index).map((d) => d.data?.['id']), ['other', 'alone']);
  });

  it('severity overrides, including off', () => {
    const index = memoryWorkspace({ 'a.md': '# A {#a}\n', 'src/x.ts': '// [^nope]\n' }, { severity: { 'citation.unknown-id': 'warning', 'clause.uncited': 'off' } });
    assert.deepEqual(diagnosticsOf(index).map((d) => `${d.code}:${d.severity}`), ['citation.unknown-id:warning']);
  });

  it('config.invalid problems surface as diagnostics on .clarifier.json', () => {
    const index = memoryWorkspace({});
    index.setConfigProblems(['include: expected array']);
    assert.deepEqual(brief(diagnosticsOf(index)), ['config.invalid@.clarifier.json:1']);
  });
});
