// Hostile workspaces: the real CLI (bin/clarify.js, a child process with a timeout) and the language server
// (dist/server.js) on one generated workspace with binary files, invalid UTF-8, a line over the size cap, Markdown that
// makes remark superlinear, CR-only line endings, a FIFO, symlink loops and symlinks leading outside, churning files.
// Safe reading [^sw2f] [^safe_workspace], never throw [^nt4x], the server stays up [^ls4h]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, positionOf, uri } from './client';
import { runCli } from '../helpers/cli';
import {
  createHostileWorkspace,
  expectedSkipped,
  hostileClauses,
  HOSTILE_CITATIONS,
  startChurn,
  VALID_CITATIONS,
  VALID_CLAUSES,
  VALID_DIAGNOSTICS,
  type HostileWorkspace,
} from '../helpers/hostile';

/* eslint-disable @typescript-eslint/no-explicit-any */

const brief = (list: { id?: string; code?: string; file: string; line: number }[]): string[] => list.map((x) => `${x.id ?? x.code}@${x.file}:${x.line}`);
const sorted = (a: string[]): string[] => [...a].sort();
const inValid = (ws: HostileWorkspace) => (x: { file: string }): boolean => ws.validFiles.includes(x.file);

/** Every stderr line of a check is one `clarify: skipped <path>: <reason>` line (no stack trace, nothing else). */
function skippedLines(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean);
  for (const l of lines) assert.match(l, /^clarify: skipped [^:]+: [^:]+$/, `unexpected stderr line: ${l}`);
  assert.doesNotMatch(stderr, /\n\s+at |Error:/);
  return lines.map((l) => l.slice('clarify: skipped '.length)).filter((l) => !l.startsWith('churn/'));
}

describe('hostile workspace: the CLI (bin/clarify.js)', function () {
  this.timeout(120_000);
  let ws: HostileWorkspace;
  let reference: any;

  before(async () => {
    ws = createHostileWorkspace();
    const clean = createHostileWorkspace({ validOnly: true });
    const r = await runCli(['check', clean.root, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    reference = JSON.parse(r.stdout);
  });

  it('the valid part alone gives exactly the expected clauses, citations and diagnostics', () => {
    assert.deepEqual(reference.clauses.map((c: any) => c.id), VALID_CLAUSES);
    assert.deepEqual(brief(reference.citations), VALID_CITATIONS);
    assert.deepEqual(brief(reference.diagnostics), VALID_DIAGNOSTICS);
    const outside = reference.diagnostics.find((d: any) => d.code === 'example.missing');
    assert.match(outside.message, /points outside the workspace .*it is not read/);
    assert.deepEqual(reference.skipped, []);
  });

  it('finishes in bounded time with exit 1, keeps every valid result, skips each hostile file with one line', async () => {
    const r = await runCli(['check', ws.root, '--format', 'json']);
    assert.equal(r.code, 1, 'an unknown id is an error: exit 1 by the normal rules');
    assert.deepEqual(skippedLines(r.stderr), expectedSkipped(ws.fifo));
    const json = JSON.parse(r.stdout);
    // The valid part: the same objects as in the reference run, to the character.
    assert.deepEqual(json.clauses.filter(inValid(ws)), reference.clauses);
    assert.deepEqual(json.diagnostics.filter(inValid(ws)), reference.diagnostics);
    assert.deepEqual(json.citations.filter(inValid(ws)), reference.citations);
    // The hostile files keep their good parts: the clause after each hostile block, the citation in invalid UTF-8.
    assert.deepEqual(sorted(brief(json.clauses.filter((c: any) => !inValid(ws)(c)))), sorted(hostileClauses()));
    assert.deepEqual(brief(json.citations.filter((c: any) => !inValid(ws)(c))), HOSTILE_CITATIONS);
    assert.deepEqual(json.skipped.map((s: any) => `${s.path}: ${s.reason}`), expectedSkipped(ws.fifo));
    // Nothing behind a symlink leading outside was read; no id that looks like a path became a citation.
    assert.doesNotMatch(r.stdout, /secret_outside|secret1/);
    assert.ok(json.citations.every((c: any) => /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/.test(c.id)));
  });

  it('text and SARIF output and the report work on the same workspace', async () => {
    const sarif = await runCli(['check', ws.root, '--format', 'sarif']);
    assert.equal(sarif.code, 1);
    const run = JSON.parse(sarif.stdout).runs[0];
    assert.ok(run.results.some((x: any) => x.ruleId === 'citation.unknown-id'));
    const text = await runCli(['check', ws.root]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^src\/valid\.ts:4:\d+ error citation\.unknown-id Unknown clause id `vl1x`; did you mean `vl1a`\?$/m);
    assert.match(text.stdout, / 1 error, /);
    const report = await runCli(['report', ws.root]);
    assert.equal(report.code, 0);
    assert.match(report.stdout, /^\| `vl1a` \|/m);
  });

  it('files that vanish and change while being indexed: same valid results, only "skipped" lines', async () => {
    const churn = startChurn(ws.root);
    try {
      for (let i = 0; i < 2; i++) {
        const r = await runCli(['check', ws.root, '--format', 'json']);
        assert.equal(r.code, 1);
        assert.deepEqual(skippedLines(r.stderr), expectedSkipped(ws.fifo));
        const json = JSON.parse(r.stdout);
        assert.deepEqual(json.clauses.filter(inValid(ws)), reference.clauses);
        assert.deepEqual(json.diagnostics.filter(inValid(ws)), reference.diagnostics);
      }
    } finally {
      const rounds = await churn.stop();
      assert.ok(rounds > 0);
    }
  });
});

describe('hostile workspace: the language server (dist/server.js)', function () {
  this.timeout(120_000);
  let ws: HostileWorkspace;
  let client: LspClient;
  let cli: any;
  const logs = (): string[] => client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => String(n.params.message));

  before(async () => {
    ws = createHostileWorkspace();
    cli = JSON.parse((await runCli(['check', ws.root, '--format', 'json'])).stdout);
    client = new LspClient();
    await client.initialize(ws.root);
  });
  after(async () => client.shutdown());

  it('indexes the workspace, logs one line per skipped file and no stack trace', () => {
    const lines = logs();
    const clauses = VALID_CLAUSES.length + hostileClauses().length;
    const citations = VALID_CITATIONS.length + HOSTILE_CITATIONS.length;
    const indexed = new RegExp(`^Indexed .*: ${clauses} clauses in \\d+ specs, ${citations} citations in \\d+ files .*; skipped ${expectedSkipped(ws.fifo).length} files$`);
    assert.ok(lines.some((l) => indexed.test(l)), lines.join('\n'));
    for (const s of expectedSkipped(ws.fifo)) assert.ok(lines.includes(`  skipped ${s}`), `${s} in\n${lines.join('\n')}`);
    assert.doesNotMatch(lines.join('\n') + client.stderr, /\n\s+at |uncaught|unhandled/);
  });

  it('publishes the same diagnostics as the CLI for the valid files', async () => {
    for (const file of ['specs/valid.md', 'src/valid.ts']) {
      const expected = cli.diagnostics.filter((d: any) => d.file === file).map((d: any) => `${d.code}:${d.line}:${d.column} ${d.message}`);
      const got = await client.diagnosticsFor(uri(path.join(ws.root, file)), (d) => d.length === expected.length);
      assert.deepEqual(got.map((d: any) => `${d.code}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`), expected);
    }
  });

  it('answers hover, symbols and references next to the hostile files', async () => {
    const code = path.join(ws.root, 'src/valid.ts');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uri(code) }, position: positionOf(fs.readFileSync(code, 'utf8'), '[^vl1a]', 2) });
    assert.match(hover.contents.value, /`vl1a` · footnote clause · authority \*\*root\*\*/);
    const symbols = await client.request('workspace/symbol', { query: 'hq_' });
    assert.deepEqual(sorted(symbols.map((s: any) => s.name.split(' ')[0])), sorted(hostileClauses().map((c) => c.split('@')[0]!)).filter((id) => id.startsWith('hq_')));
    assert.doesNotMatch(JSON.stringify(await client.request('workspace/symbol', { query: 'secret' })), /secret_outside/);
  });

  it('never blocks on a FIFO named in a file event, and keeps answering through edits of a hostile spec', async function () {
    if (ws.fifo) client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path.join(ws.root, 'src/hostile/pipe.ts')), type: 2 }] });
    const deep = path.join(ws.root, 'specs/hostile/deep-list.md');
    const text = fs.readFileSync(deep, 'utf8');
    const u = client.open(deep, 'markdown', text);
    for (let v = 2; v <= 6; v++) {
      client.notify('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '- ' }] });
    }
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepEqual(symbols.map((s: any) => s.name), ['Deep list']);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uri(path.join(ws.root, 'src/valid.ts')) }, position: { line: 0, character: 16 } });
    assert.match(hover.contents.value, /vl1a/);
    assert.equal(client.exited, false);
  });

  it('indexes while files vanish and change, through file events for them, and keeps the valid results', async () => {
    const churn = startChurn(ws.root);
    const other = new LspClient();
    try {
      await other.initialize(ws.root);
      // File events for the churning files, as an editor's watcher would send them (some exist, some just vanished).
      for (let round = 0; round < 5; round++) {
        const changes = Array.from({ length: 20 }, (_, i) => ({ uri: uri(path.join(ws.root, 'churn', `c${i}.${i % 2 ? 'md' : 'ts'}`)), type: 1 + ((round + i) % 3) }));
        other.notify('workspace/didChangeWatchedFiles', { changes });
        await other.request('textDocument/hover', { textDocument: { uri: uri(path.join(ws.root, 'src/valid.ts')) }, position: { line: 0, character: 16 } });
      }
      for (const file of ['specs/valid.md', 'src/valid.ts']) {
        const expected = cli.diagnostics.filter((d: any) => d.file === file).map((d: any) => `${d.code}:${d.line}:${d.column} ${d.message}`);
        const got = await other.diagnosticsFor(uri(path.join(ws.root, file)), (d) => d.length === expected.length);
        assert.deepEqual(got.map((d: any) => `${d.code}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`), expected);
      }
      const code = path.join(ws.root, 'src/valid.ts');
      const hover = await other.request('textDocument/hover', { textDocument: { uri: uri(code) }, position: positionOf(fs.readFileSync(code, 'utf8'), '[^vl1a]', 2) });
      assert.match(hover.contents.value, /`vl1a` · footnote clause/);
      const lines = other.notifications.filter((n) => n.method === 'window/logMessage').map((n) => String(n.params.message));
      assert.doesNotMatch(lines.join('\n') + other.stderr, /\n\s+at |uncaught|unhandled/);
      // Skipped lines are the hostile files', or churn files that vanished while being read.
      for (const l of lines.filter((x) => x.startsWith('  skipped '))) {
        assert.ok(expectedSkipped(ws.fifo).some((s) => l === `  skipped ${s}`) || /^ {2}skipped churn\/c\d+\.(md|ts): vanished while indexing$/.test(l), l);
      }
      assert.equal(other.exited, false);
    } finally {
      await churn.stop();
      await other.shutdown();
    }
  });
});
