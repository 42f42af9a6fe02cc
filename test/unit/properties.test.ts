// Property-based tests (fast-check) of the parsers and the index: they never throw, every reported range lies inside
// its document, the linear rewrites behave like the simple versions they replaced, and an index updated step by step
// (edits, creates, deletes, renames) equals one built fresh from the final files. Never throw [^nt4x], incremental
// index [^ls2t]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import type * as FastCheck from 'fast-check';
import { suppressedLines } from '../../server/src/core/analysis/ambiguity/analyze';
import { redactSecrets } from '../../server/src/core/analysis/ambiguity/llm';
import { citationsInComments, findCitations, type RawCitation } from '../../server/src/core/comments/citations';
import { LANGUAGES } from '../../server/src/core/comments/languages';
import { parseAttributeBlock } from '../../server/src/core/markdown/attributes';
import { defuseLines, defuseMarkdown, MAX_BLOCK_LINES, MAX_BLOCK_MARKERS } from '../../server/src/core/markdown/defuse';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { ID_PATTERN, LineIndex } from '../../server/src/core/text/lineIndex';
import type { Range } from '../../server/src/core/types';
import { indexView as view } from '../helpers/indexView';
import { memoryWorkspace } from '../helpers/workspace';

let fc: typeof FastCheck | undefined;
try {
  fc = require('fast-check') as typeof FastCheck; // eslint-disable-line @typescript-eslint/no-require-imports
} catch {
  fc = undefined;
}

/** A range is inside the text: lines exist, characters within their line, start before end. */
function assertInside(lines: LineIndex, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} of ${lines.lineCount}`);
    const width = lines.lineEnd(p.line) - lines.lineStart(p.line);
    assert.ok(p.character >= 0 && p.character <= width, `${what}: character ${p.character} of ${width} on line ${p.line}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
}

const MD_PIECES = [
  '# ', '## ', 'Title ', '{#a1 authority=root}', '{#b2}', '{#', '{#a1 x=', '}', '{', '\\{', '[^a1]', '[^b2]', '[^c3]: x.md', '[^a1]: ../examples/a1.md',
  '[^', '^', '[', ']', '(', ')', '[l](#a1)', '[l](other.md#b2)', '](#', '*', '**', '_', '~~', '`', '``', '```', '~~~', '> ', '>', '- ', '* ', '1. ',
  '2) ', '    ', '\t', ' ', '\n', '\n\n', '\r\n', '\r', 'text', 'must ', 'quickly', 'etc.', 'as appropriate', '"quoted"', "'q'", '<!-- c -->', '<!--',
  '-->', '<a id="q">', '<div>', '|', '| a | b |', '|---|---|', '---', '===', '+++', '\\', '\uFEFF', '😀', 'é', '\u2028', '\u0000', '&amp;', 'http://x',
  'www.x', '<!-- clarifier-disable-next-line -->', '<!-- clarifier-disable-next-line ambiguity.vague',
];
const CODE_PIECES = [
  '// ', '/* ', '*/', '#', '# ', '--', '<!--', '-->', '"', "'", '`', '"""', "'''", '${', '}', '{', '#{', '[^a1]', '[^b2]', '[^a-z]', '[^', '\\[^a1]', '`[^a1]`',
  '\n', '\r\n', '\r', ' ', 'x', 'const ', 'return ', '/', '/re/', 'r#"', '"#', 'R"(', ')"', '<<EOF', 'EOF', '=begin', '=end', '%q(', '<script>', '</script>',
  '<?php ', '?>', '--[[', ']]', '$', '@', '\\', '😀', '\u0000',
];
const PATHS = LANGUAGES.map((l) => `src/file.${l.extensions[0] ?? 'txt'}`).concat(['Makefile', 'Dockerfile', 'notes.txt']);

describe('property-based: parsers never throw and keep ranges inside the document', function () {
  before(function () {
    if (!fc) {
      console.log('    fast-check is not installed (npm install -D fast-check@^4): property-based tests skipped');
      this.skip();
    }
  });

  const markdown = (): FastCheck.Arbitrary<string> =>
    fc!.oneof({ weight: 4, arbitrary: fc!.array(fc!.constantFrom(...MD_PIECES), { maxLength: 80 }).map((a) => a.join('')) }, { weight: 1, arbitrary: fc!.string({ unit: 'binary', maxLength: 200 }) });
  const code = (): FastCheck.Arbitrary<string> =>
    fc!.oneof({ weight: 4, arbitrary: fc!.array(fc!.constantFrom(...CODE_PIECES), { maxLength: 80 }).map((a) => a.join('')) }, { weight: 1, arbitrary: fc!.string({ unit: 'binary', maxLength: 200 }) });

  it('parseSpec: never throws; every range is inside; ids are what the text says; prose keeps offsets', () => {
    fc!.assert(
      fc!.property(markdown(), (text) => {
        const facts = parseSpec('specs/p.md', text);
        const lines = new LineIndex(text);
        const at = (r: Range): string => text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
        for (const h of facts.headings) assertInside(lines, h.range, 'heading');
        for (const c of facts.headingClauses) {
          assertInside(lines, c.range, 'clause');
          assertInside(lines, c.idRange, 'clause id');
          assert.equal(at(c.idRange), c.id);
        }
        for (const r of facts.footnoteRefs) {
          assertInside(lines, r.range, 'footnote');
          assert.equal(at(r.idRange), r.id);
          assert.equal(at(r.range), `[^${r.id}]`);
        }
        for (const d of facts.footnoteDefs) {
          assertInside(lines, d.range, 'definition');
          assert.equal(at(d.idRange), d.id);
          if (d.targetRange) assertInside(lines, d.targetRange, 'definition target');
        }
        for (const l of facts.links) {
          assertInside(lines, l.range, 'link');
          assertInside(lines, l.anchorRange, 'link anchor');
        }
        for (const m of facts.malformed) assertInside(lines, m.range, 'malformed');
        for (const b of facts.prose) {
          assert.ok(b.start >= 0 && b.end <= text.length && b.start <= b.end);
          assert.equal(b.text.length, b.end - b.start);
        }
        assert.deepEqual(facts.end, lines.positionAt(text.length));
      }),
      { numRuns: 150 },
    );
  });

  it('defuseMarkdown: same length, unchanged without notes, and only blanks characters out', () => {
    const hostile = fc!.array(fc!.constantFrom('- ', '> ', '>', ']', '[', '*a', '_', '~', '`', 'a b\n', '\n', '\n\n', '```\n', '[^x]: y\n', '# h\n', '| a |\n|---|\n'), { maxLength: 3000 }).map((a) => a.join(''));
    fc!.assert(
      fc!.property(fc!.oneof(markdown(), hostile), (text) => {
        const { text: out, notes } = defuseMarkdown(text);
        assert.equal(out.length, text.length);
        if (notes.length === 0) assert.equal(out, text);
        for (let i = 0; i < text.length; i++) if (out[i] !== text[i]) assert.equal(out[i], ' ', `only blanks at ${i}`);
      }),
      { numRuns: 200 },
    );
  });

  it('defuseMarkdown: its quick check for text left unchanged agrees with the line-by-line pass, also at the limits', () => {
    const near = (n: number, piece: string): string => piece.repeat(n);
    const limits = [
      near(MAX_BLOCK_LINES - 1, 'a\n'), near(MAX_BLOCK_LINES, 'a\n'), near(MAX_BLOCK_LINES + 1, 'a\n'), near(MAX_BLOCK_LINES + 1, 'a\r\n'),
      near(MAX_BLOCK_MARKERS, '*'), near(MAX_BLOCK_MARKERS + 1, '*'), `${near(MAX_BLOCK_MARKERS / 2, '[')}\n\n${near(MAX_BLOCK_MARKERS / 2 + 1, ']')}`,
      `${near(15, '>')}x\n`, `${near(16, '>')}x\n`, `${near(31, '> ')}x\n`, `${near(32, '> ')}x\n`, `${near(33, '- ')}x\n`, `${near(16, '\t')}- x\n`, `${near(16, '1. ')}x\n`,
    ];
    for (const text of limits) assert.deepEqual(defuseMarkdown(text), defuseLines(text), JSON.stringify(text.slice(0, 40)));
    const hostile = fc!.array(fc!.constantFrom('- ', '> ', '>', '\t', '1. ', '12) ', ' ', ']', '[', '*a', '_', '~', '`', 'a b\n', '\n', '\r\n', '\r', '\n\n', '```\n', '[^x]: y\n', '# h\n'), { maxLength: 1200 }).map((a) => a.join(''));
    fc!.assert(
      fc!.property(fc!.oneof(markdown(), hostile), (text) => {
        assert.deepEqual(defuseMarkdown(text), defuseLines(text));
      }),
      { numRuns: 300 },
    );
  });

  it('findCitations: never throws; citations in order, inside the text, exactly `[^id]`', () => {
    fc!.assert(
      fc!.property(fc!.constantFrom(...PATHS), code(), (path, text) => {
        const found = findCitations(path, text);
        let last = -1;
        for (const c of found.citations) {
          assert.ok(c.start > last && c.end <= text.length);
          assert.equal(text.slice(c.start, c.end), `[^${c.id}]`);
          assert.equal(text.slice(c.idStart, c.idEnd), c.id);
          assert.match(c.id, new RegExp(`^${ID_PATTERN}$`));
          last = c.start;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('citations in comment text: the linear backtick scan finds what the simple look-ahead found', () => {
    const text = fc!.array(fc!.constantFrom('`', '``', '```', '[^a1]', '[^b2]', '\\', ' ', 'x', '\n', '\r'), { maxLength: 60 }).map((a) => a.join(''));
    fc!.assert(
      fc!.property(text, (t) => {
        assert.deepEqual(citationsInComments(t, [{ start: 0, end: t.length, kind: 'block' }]), referenceCitations(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('suppression comments: the linear scan finds what the lazy regular expression found', () => {
    const text = fc!.array(fc!.constantFrom('<!-- clarifier-disable-next-line', ' ambiguity.vague', ',', ' -->', '-->', '\n', '\n\n', '  \n', 'text', '<!--', ' '), { maxLength: 40 }).map((a) => a.join(''));
    fc!.assert(
      fc!.property(text, (t) => {
        assert.deepEqual(suppressedLines(t), referenceSuppressed(t));
      }),
      { numRuns: 500 },
    );
  });

  it('redactSecrets: the word-by-word masking removes what the old expression removed', () => {
    const text = fc!.array(fc!.constantFrom('sk-', 'abc', '***', '*', ' ', 'Bearer ', 'x', '\n', 'token=', 'KEY'), { maxLength: 30 }).map((a) => a.join(''));
    fc!.assert(
      fc!.property(text, (t) => {
        assert.equal(redactSecrets(t), referenceRedact(t));
      }),
      { numRuns: 500 },
    );
  });

  it('parseAttributeBlock: never throws; the id is at its offset', () => {
    const inner = fc!.array(fc!.constantFrom('#', 'a1', '.', 'cls', 'k', '=', 'v', '"', "'", ' ', '\t', '#a1', 'authority=root', 'id=', 'id="', ':', '-', '😀'), { maxLength: 30 }).map((a) => a.join(''));
    fc!.assert(
      fc!.property(fc!.oneof(inner, fc!.string({ maxLength: 50 })), (t) => {
        const block = parseAttributeBlock(t);
        if (block.id !== undefined) assert.equal(t.slice(block.idOffset!, block.idOffset! + block.id.length), block.id);
        // No id and no mistake: a block of other attributes (attr_list), which declares nothing; never a clause's authority.
        assert.ok(block.id !== undefined || block.error !== undefined || !Object.prototype.hasOwnProperty.call(block.attributes, 'authority'));
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The index: step-by-step updates equal a fresh build

const IDS = ['a1', 'b2', 'c3', 'sessions', 'dup'];
const SPEC_PATHS = ['specs/a.md', 'specs/b.md', 'docs/c.md'];
const CODE_PATHS = ['src/x.ts', 'src/y.py', 'tests/t.test.ts', 'tests/test_t.py'];
const EXAMPLE_PATHS = ['examples/a1.md', 'examples/c3.md', 'examples/zz.md', 'specs/examples/b2.md'];
const ALL_PATHS = [...SPEC_PATHS, ...CODE_PATHS, ...EXAMPLE_PATHS, 'README.md', 'notes.txt'];

type Op =
  | { kind: 'write'; path: string; content: string }
  | { kind: 'insert'; path: string; at: number; piece: string }
  | { kind: 'delete'; path: string }
  | { kind: 'rename'; from: string; to: string };

describe('property-based: an index updated step by step equals a fresh build (model-based)', function () {
  before(function () {
    if (!fc) this.skip();
  });

  const contentFor = (path: string): FastCheck.Arbitrary<string> => {
    const id = fc!.constantFrom(...IDS);
    if (SPEC_PATHS.includes(path) || path === 'README.md') {
      const piece = fc!.oneof(
        id.map((i) => `## Section ${i} {#${i} authority=root}\n\n`),
        id.map((i) => `Prose that must respond quickly[^${i}].\n\n`),
        id.map((i) => `[^${i}]: ../examples/${i}.md\n`),
        // Definitions that name tests [^tt3v].
        id.map((i) => `[^${i}]: ../tests/test_t.py::test_${i}\n`),
        id.map((i) => `[^${i}]: tests/t.test.ts::does ${i}\n`),
        id.map((i) => `See [there](#${i}) and [elsewhere](b.md#${i}).\n\n`),
        fc!.constantFrom('# Top\n\n', '- item etc.\n', '```\n[^a1]\n```\n', '<!-- clarifier-disable-next-line -->\n', 'as appropriate\n\n', '{#}\n'),
      );
      return fc!.array(piece, { maxLength: 12 }).map((a) => a.join(''));
    }
    if (CODE_PATHS.includes(path)) {
      const comment = path.endsWith('.py') ? '# ' : '// ';
      const test = (i: string): string => (path.endsWith('.py') ? `def test_${i}():\n    pass\n` : `it('does ${i}', () => {});\n`);
      return fc!
        .array(fc!.oneof(id.map((i) => `${comment}implements [^${i}]\n`), id.map(test), fc!.constantFrom('x = "[^a1]"\n', `${comment}typo [^a2, ^a1]\n`, '\n')), { maxLength: 8 })
        .map((a) => a.join(''));
    }
    return fc!.oneof(id.map((i) => `Examples for [^${i}] in Section:\n`), fc!.constant('Just an example\n'));
  };

  const op = (): FastCheck.Arbitrary<Op> =>
    fc!.oneof(
      { weight: 4, arbitrary: fc!.constantFrom(...ALL_PATHS).chain((path) => contentFor(path).map((content) => ({ kind: 'write' as const, path, content }))) },
      {
        weight: 4,
        arbitrary: fc!.record({
          kind: fc!.constant('insert' as const),
          path: fc!.constantFrom(...ALL_PATHS),
          at: fc!.nat(),
          piece: fc!.constantFrom('[^a1]', '[^zz]', '\n\n## New {#b2}\n\n', ' quickly', 'x', '{#c3}', '](#a1)', '\n', '\ndef test_b2():\n', "\nit('does c3', () => {});\n"),
        }),
      },
      { weight: 1, arbitrary: fc!.record({ kind: fc!.constant('delete' as const), path: fc!.constantFrom(...ALL_PATHS) }) },
      { weight: 1, arbitrary: fc!.record({ kind: fc!.constant('rename' as const), from: fc!.constantFrom(...ALL_PATHS), to: fc!.constantFrom(...ALL_PATHS) }) },
    );

  it('over random sequences of edits, creates, deletes and renames (the model is read after every step)', () => {
    fc!.assert(
      fc!.property(fc!.array(op(), { minLength: 1, maxLength: 25 }), (ops) => {
        const files = new Map<string, string>();
        const live = memoryWorkspace({});
        for (const o of ops) {
          if (o.kind === 'write') {
            files.set(o.path, o.content);
            live.updateFile(o.path, o.content);
          } else if (o.kind === 'insert') {
            const old = files.get(o.path) ?? '';
            const at = o.at % (old.length + 1);
            const text = old.slice(0, at) + o.piece + old.slice(at);
            files.set(o.path, text);
            live.updateFile(o.path, text);
          } else if (o.kind === 'delete') {
            files.delete(o.path);
            live.removeFile(o.path);
          } else if (files.has(o.from) && o.from !== o.to) {
            const text = files.get(o.from)!;
            files.delete(o.from);
            live.removeFile(o.from);
            files.set(o.to, text);
            live.updateFile(o.to, text);
          }
          // Reading the model between steps is what lets the index patch it (the editor's path).
          live.model();
          live.takeChanges();
        }
        const fresh = memoryWorkspace(Object.fromEntries(files));
        assert.deepStrictEqual(JSON.parse(JSON.stringify(view(live))), JSON.parse(JSON.stringify(view(fresh))));
      }),
      { numRuns: 80 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reference implementations (the simple, superlinear versions the linear ones replaced)

function referenceCitations(text: string): RawCitation[] {
  const out: RawCitation[] = [];
  const re = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'y');
  const unclosed = new Set<number>();
  let i = 0;
  const end = text.length;
  const closingRun = (from: number, n: number): number => {
    let k = from;
    while (k < end) {
      const c = text[k];
      if (c === '\n' || c === '\r') return -1;
      if (c === '`') {
        let j = k;
        while (j < end && text[j] === '`') j++;
        if (j - k === n) return k;
        k = j;
      } else k++;
    }
    return -1;
  };
  const escaped = (at: number): boolean => {
    let k = at - 1;
    while (k >= 0 && text[k] === '\\') k--;
    return (at - 1 - k) % 2 === 1;
  };
  while (i < end) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      unclosed.clear();
      i++;
    } else if (c === '`') {
      let j = i;
      while (j < end && text[j] === '`') j++;
      const n = j - i;
      const close = unclosed.has(n) ? -1 : closingRun(j, n);
      if (close < 0) {
        unclosed.add(n);
        i = j;
      } else i = close + n;
    } else if (c === '[' && text[i + 1] === '^' && !escaped(i)) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        out.push({ id: m[1]!, start: i, end: i + m[0].length, idStart: i + 2, idEnd: i + 2 + m[1]!.length });
        i += m[0].length;
      } else i += 2;
    } else i++;
  }
  return out;
}

function referenceSuppressed(specText: string): Map<number, Set<string> | 'all'> {
  const result = new Map<number, Set<string> | 'all'>();
  if (!specText.includes('clarifier-disable-next-line')) return result;
  const lines = new LineIndex(specText);
  const re = /<!--\s*clarifier-disable-next-line\b([\s\S]*?)-->/g;
  for (let m = re.exec(specText); m; m = re.exec(specText)) {
    let line = lines.positionAt(m.index + m[0].length).line + 1;
    while (line < lines.lineCount && lines.lineText(line).trim() === '') line++;
    if (line >= lines.lineCount) continue;
    const codes = m[1]!.split(/[\s,]+/).filter(Boolean);
    const existing = result.get(line);
    if (!codes.length || existing === 'all') result.set(line, 'all');
    else result.set(line, new Set([...(existing ?? []), ...codes]));
  }
  return result;
}

function referenceRedact(text: string): string {
  return text
    .replace(/Bearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\b(?:sk|rk|pk)-[A-Za-z0-9_*.-]{6,}/g, '[redacted]')
    .replace(/\S*\*{3,}\S*/g, '[redacted]')
    .replace(/\b(api[-_]?key|token|secret|password)=[^\s&]+/gi, '$1=[redacted]')
    .replace(/[A-Za-z0-9_-]{32,}/g, '[redacted]');
}
