// Bounded memory on big specs [^big_documents]: the Markdown tree parsed in pieces equals the whole parse, and the
// JSON output written in pieces equals the one string it replaces. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { jsonPieces, toJson } from '../../server/src/core/format/json';
import { parseMarkdownPieces, specChunks } from '../../server/src/core/markdown/parseSpec';
import { memoryWorkspace, modelSpecDir, repoRoot } from '../helpers/workspace';

interface Node {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Node[];
  [key: string]: unknown;
}

/** Types, values and offsets of a tree (line and column of pieces are piece-relative, and unused). */
function shape(n: Node): unknown {
  const out: Record<string, unknown> = { type: n.type, start: n.position?.start.offset, end: n.position?.end.offset };
  for (const [k, v] of Object.entries(n)) if (k !== 'position' && k !== 'children' && k !== 'type' && k !== 'data') out[k] = v;
  if (n.children) out['children'] = n.children.map(shape);
  return out;
}

function assertSameTree(text: string): void {
  const pieces = shape(parseMarkdownPieces(text, 1) as Node);
  const whole = shape(parseMarkdownPieces(text, Infinity) as Node);
  assert.deepStrictEqual(pieces, whole, `pieces differ for ${JSON.stringify(text.slice(0, 400))}`);
}

const SNIPPETS = [
  '# Title\n',
  '## Clause {#c1 authority=root}\n',
  'Text with a footnote[^fn1] and another[^fn2].\n',
  'Another paragraph\ncontinued on a second line.\n',
  'Setext title\n===\n',
  'x\n---\n',
  '- item one[^fn3]\n- item two\n',
  '- item\n\n  continued in the item\n',
  '1. first\n2. second\n',
  '> quote[^fn4]\n> more\n',
  '| a | b |\n| - | - |\n| x[^fn5] | y |\n',
  '```\nplain in code\n\nafter a blank in code\n```\n',
  '~~~md\ntext\n\ntext\n~~~\n',
  '```\nunclosed fence\n',
  '   ```\nmaybe code\n\nstill\n   ```\n',
  '- list\n  ```\n  code\n\nText after\n  ```\n',
  '    indented code\n\n    more code\n',
  '<!-- comment\n\nText in comment\n-->\n',
  '<div>\nhtml\n\ntext after\n</div>\n',
  '<script>\n\nvar x\n</script>\n',
  '<span>\n\ntext\n',
  '[x]: https://example.com\n',
  '[^d]: a definition\n\n    continued\n',
  '---\n',
  '***\n',
  '*emphasis\n\nacross* a blank\n',
  '\n',
  '\n\n',
  'text\r\n\r\n',
  'line\rother\r\r',
  '\t# tab heading\n',
];

describe('bounded memory: Markdown parsed in pieces [^big_documents]', () => {
  it('cuts pieces only where a paragraph starts with a letter after a blank line', () => {
    const text = 'A\n\nB\n\n- c\n\n  d\n\nE\n\n```\n\nF\n```\n\nG\n';
    assert.deepEqual(
      specChunks(text, true).map((at) => text.slice(at, text.indexOf('\n', at))),
      ['A', 'B', 'E', 'G'],
    );
    assert.deepEqual(specChunks('[x]: y\n\nA\n\nB [x]\n', true), [0], 'a definition and its use: in one piece');
    assert.deepEqual(specChunks('[x]: y\n\nA [x]\n\nB\n', true), [0, 15], 'the paragraph after the use starts a piece');
  });

  it('gives the tree of the whole parse on the Model Spec and the repository docs', function () {
    // Whole remark parses of five documents, twice each: a few seconds alone, over the default 20 s on a loaded machine.
    this.timeout(120_000);
    const files = ['specs/clarifier.md', 'README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md'].map((f) => path.join(repoRoot, f));
    files.push(path.join(modelSpecDir(), 'model_spec.md'));
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (/clarifier|model_spec/.test(file)) assert.ok(specChunks(text, true).length > 10, file);
      assertSameTree(text);
    }
  });

  it('gives the tree of the whole parse on random documents', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 30 }), (parts) => assertSameTree(parts.join('\n'))),
      { numRuns: 400, seed: 1616 },
    );
  });
});

describe('bounded memory: JSON output in pieces [^big_documents]', () => {
  it('writes exactly the text of JSON.stringify(toJson(…), null, 2)', () => {
    const cases: Record<string, string | null>[] = [
      {},
      { 'specs/a.md': '# A {#a authority=root}\n\nText[^f1] more[^f2].\n\n# A {#a}\n', 'src/x.ts': '// [^a] [^nope]\n', 'examples/f1.md': 'x\n' },
      { 'specs/a.md': Array.from({ length: 300 }, (_, i) => `p[^r${i}] "quoted" \\ back\n\n`).join('') },
    ];
    for (const files of cases) {
      const index = memoryWorkspace(files);
      const model = index.model();
      const diagnostics = computeDiagnostics(model, index.config);
      const skipped = [{ path: 'big.md', reason: 'too big' }];
      for (const s of [[], skipped]) {
        const expected = JSON.stringify(toJson(model, diagnostics, s), null, 2) + '\n';
        const pieces = [...jsonPieces(model, diagnostics, s, 64)];
        assert.equal(pieces.join(''), expected);
        if (expected.length > 1000) assert.ok(pieces.length > 5, 'written in pieces');
      }
    }
  });
});
