// `clarify mcp` over stdio, driven by the MCP SDK's own client [^ag1m].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { repoRoot } from '../helpers/workspace';
import { tempWorkspace } from '../helpers/cli';

const FILES: Record<string, string> = {
  'specs/auth.md': '# Auth {#auth authority=root}\n\nSessions expire after 30 minutes[^au3f].\n\n## Passwords {#passwords authority=user}\n\nPasswords are hashed with argon2id.\n\nLogins should be fast. [NEEDS CLARIFICATION: lockout after how many failures?]\n',
  'examples/au3f.md': 'Examples for [^au3f] in Auth:\n\n- Compliant: signed out after 31 idle minutes.\n',
  'src/session.ts': 'export const ttl = 30; // [^au3f]\nexport function hash() {} // [^passwords]\n// [^au3g]\n',
};

function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => `${p}:${fs.statSync(path.join(dir, p)).mtimeMs}`).sort();
}

type ToolResult = { content: { type: string; text?: string }[]; isError?: boolean };

function textOf(result: unknown): string {
  const r = result as ToolResult;
  return r.content.map((c) => c.text ?? '').join('');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('clarify mcp (stdio, the SDK client)', function () {
  let dir: string;
  let client: Client;
  let initial: string[];

  before(async () => {
    dir = tempWorkspace(FILES);
    initial = listing(dir);
    client = new Client({ name: 'test', version: '1.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [path.join(repoRoot, 'bin', 'clarify.js'), 'mcp', dir], stderr: 'pipe' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
  });

  it('lists its read-only tools', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['check', 'citations', 'clause', 'clauses_for_file', 'context', 'open_questions', 'search_clauses']);
    for (const t of tools) assert.equal(t.annotations?.readOnlyHint, true, t.name);
  });

  it('gets a clause with its text, authority, example and citations', async () => {
    const result = await client.callTool({ name: 'clause', arguments: { id: 'au3f' } });
    const card = JSON.parse(textOf(result)) as { title: string; authority: string; text: string; exampleText: string; citations: { file: string }[] };
    assert.equal(card.title, 'Auth');
    assert.equal(card.authority, 'root');
    assert.match(card.text, /Sessions expire after 30 minutes/);
    assert.match(card.exampleText, /signed out after 31 idle minutes/);
    assert.deepEqual(card.citations.map((c) => c.file), ['src/session.ts']);
    const unknown = (await client.callTool({ name: 'clause', arguments: { id: 'zz9z' } })) as ToolResult;
    assert.equal(unknown.isError, true);
  });

  it('lists the clauses governing a file and a range of it, and a prompt-ready context', async () => {
    const all = JSON.parse(textOf(await client.callTool({ name: 'clauses_for_file', arguments: { path: 'src/session.ts' } }))) as { clauses: { id: string }[]; unknown: string[] };
    assert.deepEqual(all.clauses.map((c) => c.id), ['au3f', 'passwords']);
    assert.deepEqual(all.unknown, ['au3g']);
    const line2 = JSON.parse(textOf(await client.callTool({ name: 'clauses_for_file', arguments: { path: path.join(dir, 'src/session.ts'), from_line: 2, to_line: 2 } }))) as { clauses: { id: string }[] };
    assert.deepEqual(line2.clauses.map((c) => c.id), ['passwords']);
    const context = textOf(await client.callTool({ name: 'context', arguments: { path: 'src/session.ts' } }));
    assert.match(context, /^## `au3f` — Auth$/m);
  });

  it('finds citations, searches clauses, checks, and lists open questions', async () => {
    const cites = JSON.parse(textOf(await client.callTool({ name: 'citations', arguments: { id: 'passwords' } }))) as { declared: boolean; citations: { file: string; line: number }[] };
    assert.equal(cites.declared, true);
    assert.deepEqual(cites.citations.map((c) => `${c.file}:${c.line}`), ['src/session.ts:2']);
    const found = JSON.parse(textOf(await client.callTool({ name: 'search_clauses', arguments: { query: 'argon2id' } }))) as { id: string }[];
    assert.deepEqual(found.map((h) => h.id), ['passwords']);
    const check = JSON.parse(textOf(await client.callTool({ name: 'check', arguments: { path: 'src' } }))) as { counts: { error: number }; diagnostics: { code: string; file: string; line: number }[] };
    assert.equal(check.counts.error, 1);
    assert.deepEqual(check.diagnostics.map((d) => `${d.code}@${d.file}:${d.line}`), ['citation.unknown-id@src/session.ts:3']);
    const questions = JSON.parse(textOf(await client.callTool({ name: 'open_questions', arguments: { path: 'specs/auth.md' } }))) as { kind: string; phrase: string }[];
    assert.ok(questions.some((q) => q.kind === 'needs-clarification' && q.phrase === 'lockout after how many failures?'), JSON.stringify(questions));
    assert.ok(questions.some((q) => q.kind === 'ambiguity' && q.phrase === 'fast'), JSON.stringify(questions));
  });

  it('serves the spec files as resources', async () => {
    const { resources } = await client.listResources();
    assert.deepEqual(resources.map((r) => r.uri), ['spec:///specs/auth.md']);
    const read = await client.readResource({ uri: 'spec:///specs/auth.md' });
    assert.match((read.contents[0] as { text: string }).text, /^# Auth \{#auth authority=root\}/);
    await assert.rejects(client.readResource({ uri: 'spec:///src/session.ts' }));
    await assert.rejects(client.readResource({ uri: 'spec:///..%2F..%2Fetc%2Fpasswd' }));
  });

  it('refuses paths outside the workspace', async () => {
    for (const name of ['clauses_for_file', 'context', 'open_questions']) {
      const r = (await client.callTool({ name, arguments: { path: '../../etc/passwd' } })) as ToolResult;
      assert.equal(r.isError, true, name);
      assert.match(textOf(r), /outside the workspace/);
    }
    const r = (await client.callTool({ name: 'check', arguments: { path: '/etc' } })) as ToolResult;
    assert.equal(r.isError, true);
  });

  it('answers from the files as they are now, and writes nothing', async () => {
    fs.writeFileSync(path.join(dir, 'src/session.ts'), 'export const ttl = 30; // [^au3f]\n');
    await until('the edited file to be read again', async () => {
      const r = JSON.parse(textOf(await client.callTool({ name: 'clauses_for_file', arguments: { path: 'src/session.ts' } }))) as { clauses: { id: string }[] };
      return r.clauses.length === 1 ? r : undefined;
    });
    fs.writeFileSync(path.join(dir, 'src/session.ts'), FILES['src/session.ts']!);
    await until('the file to be restored', async () => {
      const r = JSON.parse(textOf(await client.callTool({ name: 'clauses_for_file', arguments: { path: 'src/session.ts' } }))) as { clauses: { id: string }[] };
      return r.clauses.length === 2 ? r : undefined;
    });
    const after = listing(dir).filter((l) => !l.startsWith('src/session.ts:'));
    assert.deepEqual(after, initial.filter((l) => !l.startsWith('src/session.ts:')));
  });
});
