// Specs for agents: clause cards, governing clauses, search, open questions, the context block [^ag1m] [^ag2c].
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { clauseCard, contextMarkdown, governingClauses, openQuestions, searchClauses } from '../../server/src/core/features/agents';
import { memoryWorkspace } from '../helpers/workspace';
import { tempWorkspace, clarify } from '../helpers/cli';

const SPEC = [
  '# Auth {#auth authority=root}',
  '',
  'Sessions expire after 30 minutes of inactivity[^au3f].',
  '',
  '## Passwords {#passwords authority=user}',
  '',
  'Passwords are hashed with argon2id before they are stored.',
  '',
  '# Audit {#audit authority=user}',
  '',
  'Sign-ins should be logged quickly.',
  '',
  'Retention is [NEEDS CLARIFICATION: how long are audit logs kept?].',
  '',
].join('\n');

const FILES = {
  'specs/auth.md': SPEC,
  'examples/au3f.md': 'Examples for [^au3f] in Auth:\n\n**Example**: idle for 31 minutes\n\n- Compliant: signed out.\n',
  'src/session.ts': 'export const ttl = 30; // [^au3f]\n\nfunction hash() {} // [^passwords]\n// [^nope]\n',
  'tests/session.test.ts': '// [^au3f]\n',
};

describe('specs for agents: core', () => {
  it('a clause card has title, authority, text, parents, example and every citation', () => {
    const model = memoryWorkspace(FILES).model();
    const card = clauseCard(model, 'au3f')!;
    assert.equal(card.title, 'Auth');
    assert.equal(card.authority, 'root');
    assert.equal(card.kind, 'footnote');
    assert.match(card.text, /Sessions expire after 30 minutes/);
    assert.deepEqual(card.parents, [{ id: 'auth', title: 'Auth' }]);
    assert.deepEqual(card.example, { path: 'examples/au3f.md', exists: true });
    assert.deepEqual(card.citations, [
      { file: 'src/session.ts', line: 1, kind: 'code' },
      { file: 'tests/session.test.ts', line: 1, kind: 'test' },
    ]);
    assert.deepEqual(clauseCard(model, 'passwords')!.parents, [{ id: 'auth', title: 'Auth' }]);
    assert.equal(clauseCard(model, 'nope'), undefined);
  });

  it('the clauses governing a file, or a range of its lines, each once, unknown ids named', () => {
    const model = memoryWorkspace(FILES).model();
    const all = governingClauses(model, 'src/session.ts');
    assert.deepEqual(all.citations, [
      { id: 'au3f', line: 1, known: true },
      { id: 'passwords', line: 3, known: true },
      { id: 'nope', line: 4, known: false },
    ]);
    assert.deepEqual(all.clauses.map((c) => c.id), ['au3f', 'passwords']);
    assert.deepEqual(all.unknown, ['nope']);
    const range = governingClauses(model, 'src/session.ts', { from: 2, to: 3 });
    assert.deepEqual(range.clauses.map((c) => c.id), ['passwords']);
    assert.deepEqual(range.unknown, []);
    assert.deepEqual(governingClauses(model, 'src/absent.ts').clauses, []);
  });

  it('search needs every word, ranks id and title above text, and is bounded', () => {
    const model = memoryWorkspace(FILES).model();
    assert.deepEqual(searchClauses(model, 'argon2id hashed').map((h) => h.id), ['passwords']);
    assert.deepEqual(searchClauses(model, 'audit')[0]!.id, 'audit');
    assert.deepEqual(searchClauses(model, 'argon2id kerberos'), []);
    assert.deepEqual(searchClauses(model, '   '), []);
    assert.equal(searchClauses(model, 's', 1).length, 1);
    assert.match(searchClauses(model, 'inactivity')[0]!.snippet, /30 minutes of inactivity/);
  });

  it('search ranks the footnote clause whose own sentence has the words above its paragraph and section', () => {
    const model = memoryWorkspace({
      'specs/p.md': '# Passwords {#passwords}\n\nPasswords are hashed[^pw7k]. After 5 failures the account is locked for 15 minutes[^lk2m].\n',
    }).model();
    const locked = searchClauses(model, 'locked').map((h) => h.id);
    assert.equal(locked[0], 'lk2m');
    assert.deepEqual([...locked].sort(), ['lk2m', 'passwords', 'pw7k']);
    assert.equal(searchClauses(model, 'hashed')[0]!.id, 'pw7k');
  });

  it('open questions: ambiguity findings with their question, and NEEDS CLARIFICATION markers, in order', () => {
    const index = memoryWorkspace(FILES);
    const diagnostics = computeDiagnostics(index.model(), index.config, 'specs/auth.md');
    const questions = openQuestions(diagnostics, 'specs/auth.md', SPEC);
    const marker = questions.find((q) => q.kind === 'needs-clarification')!;
    assert.deepEqual(marker, { kind: 'needs-clarification', file: 'specs/auth.md', line: 13, column: 14, phrase: 'how long are audit logs kept?', question: 'how long are audit logs kept?' });
    const vague = questions.filter((q) => q.kind === 'ambiguity');
    assert.ok(vague.some((q) => q.phrase === 'quickly' && q.line === 11 && q.question.length > 10), JSON.stringify(questions));
    assert.deepEqual(questions.map((q) => q.line), [...questions.map((q) => q.line)].sort((a, b) => a - b));
  });

  it('the context block has each clause with its text and example, and names what the size bound left out', () => {
    const model = memoryWorkspace(FILES).model();
    const governing = governingClauses(model, 'src/session.ts');
    const full = contextMarkdown(governing, { exampleText: (p) => (p === 'examples/au3f.md' ? FILES['examples/au3f.md'] : undefined) });
    assert.equal(full.truncated, false);
    assert.match(full.markdown, /^# Spec clauses cited by src\/session\.ts$/m);
    assert.match(full.markdown, /^## `au3f` — Auth$/m);
    assert.match(full.markdown, /^`specs\/auth\.md:3` · authority \*\*root\*\*$/m);
    assert.match(full.markdown, /^> Sessions expire after 30 minutes of inactivity/m);
    assert.match(full.markdown, /^Example \(`examples\/au3f\.md`\):\n\n```markdown\nExamples for \[\^au3f\]/m);
    assert.match(full.markdown, /Cited but declared by no spec:_ `nope`/);
    // A big example is dropped before its clause is.
    const bigExample = contextMarkdown(governing, { maxChars: 1000, exampleText: () => 'x'.repeat(2000) });
    assert.equal(bigExample.truncated, true);
    assert.deepEqual(bigExample.included, ['au3f', 'passwords']);
    assert.match(bigExample.markdown, /^Example: `examples\/au3f\.md` \(not included\)$/m);
    // What does not fit at all is named, never silently dropped.
    const small = contextMarkdown(governing, { maxChars: 500, exampleText: () => 'x'.repeat(2000) });
    assert.equal(small.truncated, true);
    assert.ok(small.markdown.length <= 500 + 120, `${small.markdown.length}`);
    assert.deepEqual([...small.included, ...small.omitted].sort(), ['au3f', 'passwords']);
    assert.ok(small.omitted.length >= 1);
    assert.match(small.markdown, new RegExp(`left out: ${small.omitted.map((id) => `\`${id}\``).join(', ')}`));
  });

  it('an example with backtick fences stays inside its own fence', () => {
    const model = memoryWorkspace(FILES).model();
    const block = contextMarkdown(governingClauses(model, 'src/session.ts'), { exampleText: () => 'before\n```ts\ncode\n```\nafter' });
    assert.match(block.markdown, /````markdown\nbefore\n```ts\ncode\n```\nafter\n````/);
  });
});

describe('clarify context', () => {
  it('prints the clauses a file cites as Markdown, finding the workspace from .clarifier.json above the file', async () => {
    const dir = tempWorkspace({ ...FILES, '.clarifier.json': '{}' });
    const r = await clarify('context', path.join(dir, 'src/session.ts'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^## `au3f` — Auth$/m);
    assert.match(r.stdout, /^## `passwords` — Passwords$/m);
    assert.equal(r.stderr, '');
  });

  it('--lines limits the range; --format json gives the same facts as data', async () => {
    const dir = tempWorkspace({ ...FILES, '.clarifier.json': '{}' });
    const r = await clarify('context', path.join(dir, 'src/session.ts'), '--lines', '3-4', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const data = JSON.parse(r.stdout) as { version: number; lines: unknown; clauses: { id: string; text: string }[]; unknown: string[]; truncated: boolean };
    assert.equal(data.version, 1);
    assert.deepEqual(data.lines, { from: 3, to: 4 });
    assert.deepEqual(data.clauses.map((c) => c.id), ['passwords']);
    assert.deepEqual(data.unknown, ['nope']);
    assert.equal(data.truncated, false);
  });

  it('--max-chars truncates with a note on the block and on stderr', async () => {
    const dir = tempWorkspace({ ...FILES, '.clarifier.json': '{}' });
    const r = await clarify('context', path.join(dir, 'src/session.ts'), '--max-chars', '500');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /_Truncated to 500 characters; left out:/);
    assert.match(r.stderr, /^clarify: context truncated to 500 characters; left out /);
  });

  it('usage errors exit 2: no file, a bad range, a bad format, an unknown option, a file outside --root', async () => {
    const dir = tempWorkspace({ ...FILES, '.clarifier.json': '{}' });
    const file = path.join(dir, 'src/session.ts');
    for (const args of [[], [file, '--lines', '5-2'], [file, '--lines', 'x'], [file, '--format', 'sarif'], [file, '--frobnicate'], [file, '--max-chars', '10'], [file, '--root', path.join(dir, 'specs')]]) {
      const r = await clarify('context', ...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /^clarify: /);
    }
  });

  it('--help after a command prints the usage, exit 0', async () => {
    for (const command of ['context', 'audit', 'mcp']) {
      const r = await clarify(command, '--help');
      assert.equal(r.code, 0, command);
      assert.match(r.stdout, /^ {2}clarify context FILE/m);
    }
  });

  it('a file that is not part of the workspace (ignored) is a clear failure, exit 2', async () => {
    const dir = tempWorkspace({ ...FILES, '.clarifier.json': '{}', '.gitignore': 'build/\n', 'build/out.ts': '// [^au3f]\n' });
    const r = await clarify('context', path.join(dir, 'build/out.ts'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a file of the workspace/);
  });
});
