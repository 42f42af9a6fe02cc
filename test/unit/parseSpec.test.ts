// Spec parsing: [^mp7q] [^hc2b] [^hc9m] [^hc4s] [^fn3d] [^fn8r] [^ln2a].
import * as assert from 'node:assert/strict';
import GithubSlugger from 'github-slugger';
import { collapse, collapsible, lineBreaks, parseSpec } from '../../server/src/core/markdown/parseSpec';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { parseAttributeBlock } from '../../server/src/core/markdown/attributes';
import { specFactsDifferences } from '../helpers/specFactsOracle';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

const ids = (text: string): string[] => parseSpec('spec.md', text).headingClauses.map((c) => c.id);
const refs = (text: string): string[] => parseSpec('spec.md', text).footnoteRefs.map((r) => r.id);

describe('parseSpec: heading clauses', () => {
  it('reads ATX and Setext headings with an attribute block, keeping every attribute', () => {
    const facts = parseSpec(
      'specs/auth.md',
      [
        '# Auth {#auth}',
        '',
        '## Follow all applicable instructions {#follow_all authority=root tags=under_18}',
        '',
        'Sessions must expire.',
        '',
        'Session storage {#storage authority="user"}',
        '---------------',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.headingClauses.map((c) => [c.id, c.title, c.level, c.authority, c.attributes]),
      [
        ['auth', 'Auth', 1, undefined, {}],
        ['follow_all', 'Follow all applicable instructions', 2, 'root', { authority: 'root', tags: 'under_18' }],
        ['storage', 'Session storage', 2, 'user', { authority: 'user' }],
      ],
    );
    const follow = facts.headingClauses[1]!;
    assert.equal(follow.text, 'Sessions must expire.');
    assert.deepEqual(follow.section, ['Auth', 'Follow all applicable instructions']);
    assert.deepEqual(follow.idRange, { start: { line: 2, character: 40 }, end: { line: 2, character: 50 } });
  });

  it('accepts the id grammar [A-Za-z0-9_][A-Za-z0-9_.:-]*', () => {
    assert.deepEqual(ids('# A {#a.b:c-d_1}\n# B {#_x}\n# C {#9}\n'), ['a.b:c-d_1', '_x', '9']);
  });

  it('reports malformed attribute blocks and does not make clauses of them', () => {
    const facts = parseSpec('s.md', '# A {#}\n# B {#-bad}\n# C {authority=root}\n# D {#d authority=}\n# E {#e #f}\n');
    assert.deepEqual(facts.headingClauses.map((c) => c.id), ['d', 'e']);
    assert.equal(facts.malformed.length, 5);
    assert.match(facts.malformed[0]!.message, /`#` without an id/);
    assert.match(facts.malformed[2]!.message, /no `#id`/);
    assert.match(facts.malformed[3]!.message, /`authority=` has no value/);
    assert.match(facts.malformed[4]!.message, /more than one id/);
    assert.deepEqual(facts.malformed[0]!.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } });
  });

  it('reads the attribute block from the heading source: Markdown inside it is part of the block', () => {
    const text = [
      '# Private helpers {#_private_}',
      '## Init {#__init__ authority=root}',
      '## Draft *notes* {#cc title=*draft*}',
      '## Code {#dd note=`x`}',
      '## Broken {#ee **strong**}',
      '## Worse {#*x*}',
      '## Spaced `a` {#ff note=`b` }',
      'Setext _title_ {#gg tag=__u__}',
      '===',
      'Prose about the draft.',
    ].join('\n');
    const facts = parseSpec('s.md', text);
    assert.deepEqual(
      facts.headingClauses.map((c) => [c.id, c.title, c.attributes]),
      [
        ['_private_', 'Private helpers', {}],
        ['__init__', 'Init', { authority: 'root' }],
        ['cc', 'Draft notes', { title: '*draft*' }],
        ['dd', 'Code', { note: '`x`' }],
        ['ee', 'Broken', {}],
        ['ff', 'Spaced a', { note: '`b`' }],
        ['gg', 'Setext title', { tag: '__u__' }],
      ],
    );
    const lines = text.split('\n');
    for (const c of facts.headingClauses) {
      const { start, end } = c.idRange;
      assert.equal(lines[start.line]!.slice(start.character, end.character), c.id, 'the id range holds the id');
    }
    assert.deepEqual(
      facts.malformed.map((m) => [m.raw, m.range.start.line, m.message.replace(/^Malformed attribute block `[^`]*`: /, '')]),
      [
        ['{#ee **strong**}', 4, '`**strong**` is not `#id`, `.class` or `key=value`.'],
        ['{#*x*}', 5, '`*x*` is not a valid id (letters, digits, _ . : - ; not starting with . : -).'],
      ],
    );
    assert.deepEqual(
      brief(diagnosticsOf(memoryWorkspace({ 'specs/s.md': text }))).filter((d) => d.startsWith('clause.malformed')),
      ['clause.malformed-attributes@specs/s.md:5', 'clause.malformed-attributes@specs/s.md:6'],
    );
    // The block is not prose: none of its words reach the ambiguity pass.
    for (const p of facts.prose.filter((b) => b.kind === 'heading')) assert.doesNotMatch(p.text, /[{}#=]|draft|private|init|strong/, p.text);
  });

  it('leaves prose braces and escaped braces alone', () => {
    const facts = parseSpec('s.md', '# Sets {a, b}\n# Literal \\{#x}\n');
    assert.deepEqual(facts.headingClauses, []);
    assert.deepEqual(facts.malformed, []);
  });

  it('finds no headings in fences (also fences in fences), indented code, HTML comments or front matter', () => {
    const text = [
      '---',
      'title: x {#front}',
      '# not {#yaml}',
      '---',
      '',
      '~~~markdown',
      '```',
      '# Inner {#fenced_inner}',
      '```',
      '# Still fenced {#fenced}',
      '~~~',
      '',
      '    # Indented {#indented}',
      '',
      '<!--',
      '# Commented {#commented}',
      '-->',
      '',
      '# Real {#real}',
    ].join('\n');
    assert.deepEqual(ids(text), ['real']);
  });
});

describe('parseSpec: footnote references', () => {
  it('finds undefined [^id] (GFM leaves them as text) with the innermost block, section and inherited authority', () => {
    const facts = parseSpec(
      'specs/a.md',
      [
        '# Chain {#chain}',
        '',
        '## Follow {#follow authority=root}',
        '',
        '### Details',
        '',
        '- Obey the developer[^zyu5] first.',
        '- Then the user.',
        '',
        '| rule | why |',
        '|---|---|',
        '| cite | table[^t4bl] |',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.footnoteRefs.map((r) => [r.id, r.parent, r.authority, r.sectionTitle, r.blockText]),
      [
        ['zyu5', 'follow', 'root', 'Details', 'Obey the developer[^zyu5] first.'],
        ['t4bl', 'follow', 'root', 'Details', 'cite table[^t4bl]'],
      ],
    );
    assert.deepEqual(facts.footnoteRefs.at(0)!.idRange, { start: { line: 6, character: 22 }, end: { line: 6, character: 26 } });
  });

  it('ignores [^x] in code spans, fences, indented code, HTML comments, link URLs and escapes', () => {
    const text = [
      'Inline `[^code]` and escaped \\[^esc] and double-escaped \\\\[^real1].',
      '',
      '```',
      '[^fenced]',
      '```',
      '',
      '    [^indented]',
      '',
      '<!-- [^comment] -->',
      '',
      'A [link](https://x.test/[^url]) and a real one[^real2].',
    ].join('\n');
    assert.deepEqual(refs(text), ['real1', 'real2']);
  });

  it('reads footnote definitions and their example targets', () => {
    const facts = parseSpec(
      'specs/a.md',
      ['Text[^a1] and[^b2] and[^c3].', '', '[^a1]: examples/a1.md', '[^b2]: See RFC 9110 for details.', '[^c3]: [the example](../ex/c3.md)'].join('\n'),
    );
    assert.deepEqual(refs('Text[^a1]\n\n[^a1]: examples/a1.md'), ['a1']);
    assert.deepEqual(
      facts.footnoteDefs.map((d) => [d.id, d.target]),
      [
        ['a1', 'examples/a1.md'],
        ['b2', undefined],
        ['c3', '../ex/c3.md'],
      ],
    );
    assert.deepEqual(facts.footnoteDefs[0]!.targetRange, { start: { line: 2, character: 7 }, end: { line: 2, character: 21 } });
  });
});

describe('parseSpec: links and anchors', () => {
  it('collects same-file and cross-file anchor links, including reference definitions; skips URLs', () => {
    const facts = parseSpec(
      'specs/a.md',
      ['See [?](#chain), [b](b.md#x), [ext](https://e.test/#y), [img](pic.png#z) and [ref].', '', '[ref]: other.md#sec'].join('\n'),
    );
    assert.deepEqual(
      facts.links.map((l) => [l.path, l.anchor]),
      [
        ['', 'chain'],
        ['b.md', 'x'],
        ['other.md', 'sec'],
      ],
    );
  });

  it('offers {#id}s, GitHub slugs (deduplicated) and HTML ids as anchors', () => {
    const facts = parseSpec('a.md', '# Hello World {#hw}\n## Hello World\n## Hello World\n<a id="html-anchor"></a>\n');
    for (const a of ['hw', 'hello-world', 'hello-world-1', 'hello-world-2', 'html-anchor']) assert.ok(facts.anchors.has(a), a);
  });

  it('HTML anchors may be unquoted, as HTML allows (a trust sweep: `<a name=run-it></a>`), in a block or inline', () => {
    const text = '# T\n\n<a name=run-it></a>\n\nSee <span id=inline-one>here</span> and <a id=\'single\'></a>.\n\n[go](#run-it) [x](#inline-one)\n';
    const facts = parseSpec('a.md', text);
    for (const a of ['run-it', 'inline-one', 'single']) assert.ok(facts.anchors.has(a), a);
    assert.deepEqual(specFactsDifferences('a.md', text), []);
  });

  it('a heading whose text starts or ends with inline HTML and a blank is also linked as GitHub slugs its text (`#-overview`)', () => {
    // GitHub slugs the rendered text untrimmed: `## <a id="o"></a> Overview` is " Overview", `#-overview` (a trust sweep).
    const text = '# T\n\n## <a id="o"></a> Overview\n\n## Shapes <a name="s"></a>\n\n## <a id="r"></a>Retry rules\n\n## Plain\n\n[a](#-overview) [b](#shapes-) [c](#overview) [d](#o)\n';
    const facts = parseSpec('a.md', text);
    for (const a of ['-overview', 'overview', 'o', 'shapes-', 'shapes', 's', 'retry-rules', 'r', 'plain']) assert.ok(facts.anchors.has(a), a);
    for (const a of ['-retry-rules', '-plain', 'plain-']) assert.ok(!facts.anchors.has(a), a);
    assert.deepEqual(facts.headings.map((h) => h.title), ['T', 'Overview', 'Shapes', 'Retry rules', 'Plain']);
    assert.deepEqual(specFactsDifferences('a.md', text), []);
    assert.deepEqual(diagnosticsOf(memoryWorkspace({ 'a.md': text })).filter((d) => d.code === 'link.broken-anchor'), []);
  });

  it("slugs headings as github-slugger does, repeats and titles that look like a repeat's slug included", () => {
    // Titles from a small alphabet, so repeats and "a-1"-like collisions are frequent.
    let seed = 11;
    const next = (n: number): number => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
    for (let doc = 0; doc < 50; doc++) {
      const titles = Array.from({ length: 1 + next(30) }, () => Array.from({ length: 1 + next(4) }, () => ['a', 'A', '1', '-', ' ', 'b!', 'É'][next(7)]).join('').trim() || 'x');
      const facts = parseSpec('a.md', titles.map((t) => `# ${t}\n\ntext\n`).join('\n'));
      const slugger = new GithubSlugger();
      assert.deepEqual(facts.headings.map((h) => h.slug), titles.map((t) => slugger.slug(t)), JSON.stringify(titles));
    }
  });
});

describe('parseSpec: prose blocks (for text analysis)', () => {
  it('masks non-prose with spaces so offsets stay exact, and knows the clause and authority', () => {
    const text = [
      '## Sessions {#sessions authority=root}',
      '',
      'Respond *quickly* with `code` and [a link](https://x.test/y "t")[^au3f] <b>html</b>.',
      '',
      '```',
      'fenced prose is not prose',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| as appropriate | ok |',
    ].join('\n');
    const facts = parseSpec('s.md', text);
    assert.deepEqual(
      facts.prose.map((p) => [p.kind, p.text, p.clauseId, p.authority]),
      [
        ['heading', '   Sessions                           ', 'sessions', 'root'],
        ['paragraph', 'Respond  quickly  with        and  a link                                  html    .', 'sessions', 'root'],
        ['tableCell', '  a ', 'sessions', 'root'],
        ['tableCell', '  b  ', 'sessions', 'root'],
        ['tableCell', '  as appropriate ', 'sessions', 'root'],
        ['tableCell', '  ok  ', 'sessions', 'root'],
      ],
    );
    for (const p of facts.prose) {
      for (let i = 0; i < p.text.length; i++) if (p.text[i] !== ' ') assert.equal(p.text[i], text[p.start + i]);
    }
  });
});

describe('parseSpec: a chunk\'s line breaks', () => {
  it('lineBreaks counts LF, CRLF and lone CR as LineIndex does, with the last line\'s length', () => {
    for (const text of ['', 'a', '\n', 'a\n', 'a\nbc', '\n\nxyz', 'a\r\nb', 'a\rb\r', '\r\n\r', 'a\n\rb\r\n\ncd', 'x'.repeat(300) + '\n' + 'y'.repeat(7)]) {
      const lines = new LineIndex(text);
      const last = lines.positionAt(text.length);
      assert.deepEqual(lineBreaks(text), { count: lines.lineCount - 1, tail: last.character }, JSON.stringify(text));
    }
  });
});

describe('parseSpec: collapsing whitespace', () => {
  // The regular expression collapsible() replaced: whitespace other than a single space between non-spaces.
  const COLLAPSIBLE = /[^\S ]| {2}|^ | $/;
  it('collapsible agrees with the regular expression on every UTF-16 code unit, alone, between letters and beside a space', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`, `a${ch} b`, `a ${ch}b`, `${ch}a`, `a${ch}`]) assert.equal(collapsible(s), COLLAPSIBLE.test(s), `U+${c.toString(16)} in ${JSON.stringify(s)}`);
    }
  });
  it('collapsible agrees with the regular expression on strings of spaces, letters and whitespace', () => {
    const alphabet = [' ', 'a', 'b', '\t', '\n', '\r', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u200b', 'é'];
    let seed = 7;
    const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let n = next(9); n > 0; n--) s += alphabet[next(alphabet.length)];
      assert.equal(collapsible(s), COLLAPSIBLE.test(s), JSON.stringify(s));
      assert.equal(collapse(s), COLLAPSIBLE.test(s) ? s.replace(/\s+/g, ' ').trim() : s, JSON.stringify(s));
    }
    assert.equal(collapsible(''), false);
    assert.equal(collapse('  a \n\t b  '), 'a b');
  });
});

describe('parseSpec: robustness', () => {
  it('never throws and keeps ranges inside the document on odd input', () => {
    const inputs = ['', '\uFEFF', '#', '# {#', '[^', '[^]', '\r\r# A {#a}\r', '> '.repeat(2000) + '# deep {#deep}', '['.repeat(50000)];
    for (const input of inputs) {
      const facts = parseSpec('x.md', input);
      const lines = input.split(/\r\n|\r|\n/).length;
      for (const c of facts.headingClauses) assert.ok(c.range.end.line < lines);
    }
    assert.deepEqual(ids('\r\r# A {#a}\r'), ['a']);
  });

  it('a leading byte order mark (an editor may keep it): ranges and prose offsets still point at the text', () => {
    const text = '\uFEFF[^c3]: x.md\n# T {#a1}\n\nText[^b2].\n';
    const facts = parseSpec('x.md', text);
    const lines = text.split('\n');
    const at = (r: { start: { line: number; character: number }; end: { character: number } }): string => lines[r.start.line]!.slice(r.start.character, r.end.character);
    assert.deepEqual(facts.footnoteDefs.map((d) => at(d.idRange)), ['c3']);
    assert.deepEqual(facts.headingClauses.map((c) => at(c.idRange)), ['a1']);
    assert.deepEqual(facts.footnoteRefs.map((r) => at(r.range)), ['[^b2]']);
    for (const b of facts.prose) assert.equal(text.slice(b.start, b.end).replace(/[^\s]/g, 'x').length, b.text.length);
    assert.ok(facts.prose.some((b) => b.text === 'Text     .' && text.slice(b.start, b.end) === 'Text[^b2].'));
  });

  it('parses attribute blocks', () => {
    assert.deepEqual(parseAttributeBlock('#x k=v q="a b" .c'), { id: 'x', idOffset: 1, attributes: { k: 'v', q: 'a b' }, classes: ['c'] });
    assert.match(parseAttributeBlock('#x k="unterminated').error!, /unterminated/);
    // A hostile block names its first ten problems and how many more (a readable message, no megabytes joined).
    const many = parseAttributeBlock('#a #b #c #d #e #f #g #h #i #j #k #l #m').error!;
    assert.equal(many.split('; ').length, 11);
    assert.match(many, /^more than one id \(`a`, `b`\);.*; and 2 more$/);
  });

  it('reads attr_list blocks as Python-Markdown and kramdown do: the id as `id="…"`, a block of other attributes declares nothing', () => {
    // Seen on a real MkDocs site: `### 9.7.6 <small>…</small> { id="9.7.6" }` and `{ data-toc-label="…" }` were each a
    // clause.malformed-attributes error (638 on one repository), and links to those ids broken.
    assert.deepEqual(parseAttributeBlock(' id="1.2.0" '), { id: '1.2.0', idOffset: 5, attributes: {}, classes: [] });
    assert.deepEqual(parseAttributeBlock('id=setup-guide .x'), { id: 'setup-guide', idOffset: 3, attributes: {}, classes: ['x'] });
    assert.deepEqual(parseAttributeBlock(' data-toc-label="How to use" '), { attributes: { 'data-toc-label': 'How to use' }, classes: [] });
    assert.match(parseAttributeBlock('#a id=b').error!, /more than one id/);
    // A clause's authority with no id is still a mistake.
    assert.match(parseAttributeBlock('authority=root').error!, /no `#id`/);
    const text = [
      '# Changelog',
      '',
      '### 1.2.0 <small>May 1</small> { id="1.2.0" }',
      '',
      '## Usage { data-toc-label="How to use" }',
      '',
      '## Rules {authority=root}',
      '',
      'See [1.2.0](#1.2.0) and [usage](#usage).',
    ].join('\n');
    const facts = parseSpec('docs/changelog.md', text);
    assert.deepEqual(facts.headingClauses.map((c) => [c.id, c.title, text.split('\n')[c.idRange.start.line]!.slice(c.idRange.start.character, c.idRange.end.character)]), [['1.2.0', '1.2.0 May 1', '1.2.0']]);
    assert.deepEqual(brief(diagnosticsOf(memoryWorkspace({ 'docs/changelog.md': text }))).filter((d) => /^(?:clause|link)\./.test(d)), ['clause.malformed-attributes@docs/changelog.md:7']);
  });
});
