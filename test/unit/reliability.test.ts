// Hostile input, by the function: what each bound keeps and what it gives up. Fast and deterministic (the growth of
// running times is measured in test/stress/growth.test.ts). Never throw [^nt4x]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactSecrets } from '../../server/src/core/analysis/ambiguity/llm';
import { findCitations } from '../../server/src/core/comments/citations';
import { MAX_LISTED_DUPLICATES, SUGGESTION_BUDGET } from '../../server/src/core/diagnostics/diagnostics';
import { defuseMarkdown, MAX_BLOCK_LINES, MAX_BLOCK_MARKERS, MAX_CONTAINER_COLUMN } from '../../server/src/core/markdown/defuse';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { brief, diagnosticsOf, memoryWorkspace, modelSpecDir, repoRoot } from '../helpers/workspace';

const ids = (text: string): string[] => {
  const facts = parseSpec('specs/h.md', text);
  return [...facts.headingClauses.map((c) => c.id), ...facts.footnoteRefs.map((r) => `^${r.id}`)];
};

describe('hostile Markdown: parsed in bounded time, the good parts kept', () => {
  it('10,000-deep blockquotes and lists: no stack overflow, the deeper markers are text, the next clause is found', () => {
    for (const hostile of ['>'.repeat(10_000) + ' x', '> '.repeat(10_000) + 'x', '- '.repeat(10_000) + 'x', '1. '.repeat(5_000) + 'x']) {
      const facts = parseSpec('specs/h.md', `${hostile}[^deep1]\n\n# After {#after}\n`);
      assert.deepEqual(facts.headingClauses.map((c) => c.id), ['after']);
      assert.deepEqual(facts.footnoteRefs.map((r) => r.id), ['deep1'], 'a reference at depth is still read');
      assert.ok(facts.problems.some((p) => p.includes(`deeper than ${MAX_CONTAINER_COLUMN} columns`)), facts.problems.join());
      assert.ok(!facts.problems.some((p) => /could not/.test(p)));
    }
  });

  it('a block with too much inline markup is read as text: its references stay, its links do not', () => {
    const text = `# T {#t}\n\n${']'.repeat(MAX_BLOCK_MARKERS)} [^kept1] [gone](#t) \`[^code1]\`\n\nA [fine](#t) link[^kept2].\n`;
    const facts = parseSpec('specs/h.md', text);
    assert.deepEqual(facts.footnoteRefs.map((r) => r.id), ['kept1', 'code1', 'kept2'], 'code spans are not masked in a block read as text');
    assert.deepEqual(facts.links.map((l) => l.anchor), ['t'], 'only the link of the ordinary paragraph');
    assert.ok(facts.problems.some((p) => /1 block with too much inline markup .* \(the first at line 3\)/.test(p)), facts.problems.join());
  });

  it('a fence inside a block read as text stays a fence', () => {
    const text = `# T {#t}\n\n${'*'.repeat(MAX_BLOCK_MARKERS + 1)}\n\`\`\`\n[^in_code]\n\`\`\`\nafter[^out1]\n`;
    assert.deepEqual(ids(text), ['t', '^out1']);
  });

  it('a paragraph of more lines than MAX_BLOCK_LINES is cut; tables are not', () => {
    const long = parseSpec('specs/h.md', `# T {#t}\n\nx\n${'a b\n'.repeat(MAX_BLOCK_LINES * 2 + 1)}end[^last1]\n`);
    assert.deepEqual(long.footnoteRefs.map((r) => r.id), ['last1']);
    assert.ok(long.problems.some((p) => /lines read as blank to cut paragraphs/.test(p)), long.problems.join());
    const table = parseSpec('specs/h.md', `# T {#t}\n\n| a | b |\n|---|---|\n${'| x | y |\n'.repeat(MAX_BLOCK_LINES + 1)}`);
    assert.deepEqual(table.problems, []);
  });

  it('a cut line keeps its footnote references: every line of a 1,000-line paragraph holds one, all are indexed', () => {
    const n = MAX_BLOCK_LINES * 2 + 200;
    const facts = parseSpec('specs/h.md', `# T {#t}\n\n${Array.from({ length: n }, (_, i) => `x[^r${i}]\n`).join('')}`);
    assert.ok(facts.problems.some((p) => /2 lines read as blank to cut paragraphs/.test(p)), facts.problems.join());
    assert.deepEqual(
      facts.footnoteRefs.map((r) => r.id),
      Array.from({ length: n }, (_, i) => `r${i}`),
    );
    const cut = facts.footnoteRefs.at(MAX_BLOCK_LINES)!;
    assert.deepEqual([cut.range.start, cut.idRange.start], [{ line: 2 + MAX_BLOCK_LINES, character: 1 }, { line: 2 + MAX_BLOCK_LINES, character: 3 }]);
  });

  it('`[^` a hundred thousand times, 50,000 unmatched brackets, emphasis runs: nothing but the clause after', () => {
    assert.deepEqual(ids(`${'[^'.repeat(100_000)}\n\n# A {#a}\n`), ['a']);
    assert.deepEqual(ids(`${']'.repeat(50_000)}\n\n${'['.repeat(50_000)}\n\n# B {#b}\n`), ['b']);
    assert.deepEqual(ids(`${'*a_b~c`'.repeat(5_000)}\n\n# C {#c}\n`), ['c']);
  });

  it('footnote definitions on consecutive lines are each a block: 300 of them are all read', () => {
    const facts = parseSpec('specs/h.md', `# T {#t}\n\n${Array.from({ length: 300 }, (_, i) => `[^d${i}]: examples/d${i}.md\n`).join('')}`);
    assert.equal(facts.footnoteDefs.length, 300);
    assert.deepEqual(facts.problems, []);
  });

  it('real specs and docs are parsed unchanged (nothing defused)', () => {
    const files = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'specs/clarifier.md'].map((f) => path.join(repoRoot, f));
    files.push(path.join(modelSpecDir(), 'model_spec.md'));
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(defuseMarkdown(text).notes, [], file);
    }
  });
});

describe('hostile workspaces: bounded diagnostics', () => {
  it('an id declared 30 times: each message names 10 others and how many more', () => {
    const index = memoryWorkspace({ 'specs/a.md': '# H {#dup}\n\n'.repeat(30) });
    const dups = diagnosticsOf(index).filter((d) => d.code === 'clause.duplicate-id');
    assert.equal(dups.length, 30);
    for (const d of dups) {
      assert.equal((d.data!['others'] as string[]).length, MAX_LISTED_DUPLICATES + 1);
      assert.match(d.message, /^Duplicate clause id `dup`: also defined at (specs\/a\.md:\d+, ){10}and 19 more\.$/);
    }
  });

  it('"did you mean" is skipped where it would compare too many ids, per file', () => {
    const clauses = 200;
    const spec = Array.from({ length: clauses }, (_, i) => `# H {#clause_${i}}\n`).join('');
    const many = Array.from({ length: SUGGESTION_BUDGET / clauses + 1 }, (_, i) => `// [^clause_${i}x]\n`).join('');
    const index = memoryWorkspace({ 'specs/a.md': spec, 'src/many.ts': many, 'src/one.ts': '// [^clause_1x]\n' });
    const unknown = diagnosticsOf(index).filter((d) => d.code === 'citation.unknown-id');
    assert.ok(unknown.filter((d) => d.file === 'src/many.ts').every((d) => d.data!['suggestion'] === undefined));
    assert.deepEqual(unknown.filter((d) => d.file === 'src/one.ts').map((d) => d.message), ['Unknown clause id `clause_1x`; did you mean `clause_1`?']);
  });

  it('ids that look like paths are no citations and no references', () => {
    assert.deepEqual(findCitations('a.ts', '// [^../../etc/passwd] [^/etc/passwd] [^a\\b] [^ok]\n').citations.map((c) => c.id), ['ok']);
    assert.deepEqual(brief(diagnosticsOf(memoryWorkspace({ 'specs/a.md': 'See [^../../etc/passwd] and [^x/y].\n', 'src/a.ts': '// [^../x]\n' }))), []);
  });

  it('a footnote definition pointing outside the workspace: reported, never resolved to a path', () => {
    const index = memoryWorkspace({ 'specs/a.md': 'Rule[^out1].\n\n[^out1]: ../../../etc/passwd\n' });
    const [d] = diagnosticsOf(index).filter((x) => x.code === 'example.missing');
    assert.equal(d!.message, 'The example of `[^out1]` points outside the workspace (`../../../etc/passwd`); it is not read.');
    assert.equal(index.model().resolve('out1').example?.path, undefined);
  });
});

describe('hostile code and text', () => {
  it('unclosed `/*` in many <script> blocks: each comment ends with its script, later comments are found', () => {
    const html = `${'<script>/* x </script>\n'.repeat(3)}<!-- [^after1] -->\n*/\n`;
    assert.deepEqual(findCitations('a.html', html).citations.map((c) => c.id), ['after1']);
  });

  it('redactSecrets survives a 16 MB token (no regular expression stack overflow)', () => {
    for (const text of ['x'.repeat(16_000_000), `sk-${'a'.repeat(16_000_000)}`]) assert.equal(redactSecrets(text, 'sk-secret-0123456789'), '[redacted]');
  });
});
