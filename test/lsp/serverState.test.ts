// The server's state under interleaved edits, file events, folder changes and requests [^ls5w] [^ls2t]: a seeded
// model-based run (test/helpers/serverModel.ts) compares what the server publishes and answers, after quiescence, with
// a fresh index of the same disk state plus the open texts. A few seeds here; hundreds in test/stress/serverState.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { startFakeOpenAI } from '../helpers/fakeOpenAI';
import { runServerModel } from '../helpers/serverModel';
import { repoRoot } from '../helpers/workspace';
import { LspClient, positionOf, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('server state: a model-based run of edits, file and folder events, folder changes and requests', function () {
  this.timeout(120_000);
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: after quiescence, diagnostics, workspace symbols and definitions equal a fresh index of disk + open texts`, async () => {
      await runServerModel({ seed, steps: 40 });
    });
  }
});

function workspaceCopy(): { base: string; real: string } {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-state-')));
  const real = path.join(base, 'ws');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'shop'), real, { recursive: true });
  return { base, real };
}

const publishes = (client: LspClient): any[] => client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => n.params);
const latestByUri = (client: LspClient): Map<string, any> => new Map(publishes(client).map((p) => [p.uri, p]));

describe('server state: the client\'s URIs [^ls5w]', function () {
  this.timeout(60_000);

  it('a workspace opened through a symlinked path: diagnostics and rename edits use the client\'s URIs and the open version', async () => {
    const { base, real } = workspaceCopy();
    const link = path.join(base, 'link');
    fs.symlinkSync(real, link);
    const client = new LspClient();
    try {
      await client.initialize(link);
      const file = path.join(link, 'specs/auth.md');
      const text = `${fs.readFileSync(file, 'utf8')}\nUnsaved: sessions are renewed quickly [^au3f].\n`;
      const authUri = client.open(file, 'markdown', text);
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === authUri && n.params.version === 1, 'diagnostics of the open document under its own URI');
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri !== authUri && n.params.uri.startsWith(uri(link) + '/'), 'diagnostics of a closed file under the client\'s root');
      assert.deepEqual(publishes(client).filter((p) => p.uri.startsWith(uri(real) + '/')).map((p) => p.uri), [], 'nothing under the real path');
      const edit = await client.request('textDocument/rename', { textDocument: { uri: authUri }, position: positionOf(text, '[^au3f]', 2), newName: 'au3z' });
      const textEdits = edit.documentChanges.filter((c: any) => c.textDocument);
      const mine = textEdits.find((c: any) => c.textDocument.uri === authUri);
      assert.ok(mine, `the open document is edited under its URI: ${JSON.stringify(textEdits.map((c: any) => c.textDocument.uri))}`);
      assert.equal(mine.textDocument.version, 1, 'the unsaved document is edited at its version, not as the file on disk');
      assert.equal(mine.edits.length, 2, 'both citations of the editor text, the unsaved one too');
      for (const c of edit.documentChanges) assert.ok(!JSON.stringify(c).includes(uri(real) + '/'), `no edit under the real path: ${JSON.stringify(c)}`);
    } finally {
      await client.shutdown();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('URIs VS Code percent-encodes (`auth (1).md`): the open document keeps its version, and LLM findings land in the editor text', async () => {
    const fake = await startFakeOpenAI();
    fake.setFallback({ kind: 'answer', findings: [{ clause: 'account_recovery', phrase: 'Recovery emails are sent', category: 'vague', question: 'Sent when?', suggestion: 'Sent within <N> minutes' }] });
    const { base, real } = workspaceCopy();
    fs.renameSync(path.join(real, 'specs/auth.md'), path.join(real, 'specs/auth (1).md'));
    const saved = { ...process.env };
    process.env['OPENAI_API_KEY'] = 'sk-state-test-key';
    process.env['OPENAI_BASE_URL'] = fake.baseURL;
    const client = new LspClient();
    process.env = saved;
    try {
      await client.initialize(real, {}, { settings: { llm: { enabled: true, model: 'fake-model' } } });
      const file = path.join(real, 'specs/auth (1).md');
      // As VS Code names it: every reserved character percent-encoded.
      const vscodeUri = URI.file(file).toString();
      assert.match(vscodeUri, /auth%20%281%29\.md$/);
      const text = `<!-- two lines the disk does not have -->\n\n${fs.readFileSync(file, 'utf8')}`;
      client.notify('textDocument/didOpen', { textDocument: { uri: vscodeUri, languageId: 'markdown', version: 1, text } });
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === vscodeUri && n.params.version === 1, 'diagnostics with the version, under the client\'s URI');
      const edit = await client.request('textDocument/rename', { textDocument: { uri: vscodeUri }, position: positionOf(text, '[^au3f]', 2), newName: 'au3z' });
      const mine = edit.documentChanges.find((c: any) => c.textDocument && URI.parse(c.textDocument.uri).toString() === vscodeUri);
      assert.equal(mine?.textDocument.version, 1, 'the rename edits the open document at its version');
      await client.request('specClarifier/clarify', { uri: vscodeUri });
      const diags = await client.diagnosticsFor(vscodeUri, (d) => d.some((x: any) => x.code === 'ambiguity.llm'));
      const llm = diags.find((d: any) => d.code === 'ambiguity.llm');
      assert.deepEqual(llm.range.start, positionOf(text, 'Recovery emails are sent'), 'the finding is placed in the editor text');
    } finally {
      await client.shutdown();
      await fake.close();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('server state: folders [^ls5w]', function () {
  this.timeout(60_000);

  it('a folder that does not exist breaks nothing; a removed folder\'s diagnostics are cleared', async () => {
    const { base, real } = workspaceCopy();
    const second = path.join(base, 'second');
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(second, 'code.ts'), '// [^zz9z]\n');
    // (A spec with a clause: where no spec declares one, citations are not checked [^dg9n].)
    fs.writeFileSync(path.join(second, 'spec.md'), '# Second {#second}\n\nText.\n');
    const client = new LspClient();
    try {
      await client.initialize(real, { workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
      const before = (await client.request('workspace/symbol', { query: '' })).length;
      assert.ok(before > 0);
      client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(path.join(base, 'missing')), name: 'missing' }, { uri: uri(second), name: 'second' }], removed: [] } });
      const secondUri = uri(path.join(second, 'code.ts'));
      await client.diagnosticsFor(secondUri, (d) => d.length === 1);
      assert.equal((await client.request('workspace/symbol', { query: '' })).length, before + 1, 'workspace symbols of the other folders still answer (and the second folder\'s one clause)');
      client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uri(second), name: 'second' }] } });
      await client.diagnosticsFor(secondUri, (d) => d.length === 0);
    } finally {
      await client.shutdown();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('a workspace root deleted (after indexing, and while indexing), reported as one event: no diagnostics stay', async () => {
    const ghosts = (client: LspClient): string[] => [...latestByUri(client).values()].filter((p) => p.diagnostics.length).map((p) => p.uri);
    const noGhosts = async (client: LspClient, what: string): Promise<void> => {
      // After this request every event is processed; a publish still on its way can only clear.
      await client.request('workspace/symbol', { query: '' });
      await client.waitFor(() => ghosts(client).length === 0, 'every published file cleared').catch(() => undefined);
      assert.deepEqual(ghosts(client), [], what);
      assert.deepEqual(await client.request('workspace/symbol', { query: '' }), [], what);
    };
    const indexed = workspaceCopy();
    const during = workspaceCopy();
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(during.real, 'src', `gen${i}.ts`), `// [^zz${i % 10}z]\n`);
    const after = new LspClient();
    const racing = new LspClient();
    try {
      await after.initialize(indexed.real);
      await after.waitFor(() => ghosts(after).length > 0, 'the diagnostics of the fixture');
      fs.rmSync(indexed.real, { recursive: true, force: true });
      after.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(indexed.real), type: 3 }] });
      await noGhosts(after, 'root deleted after indexing');

      const root = uri(during.real);
      await racing.request('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
      racing.notify('initialized', {});
      fs.rmSync(during.real, { recursive: true, force: true });
      racing.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: root, type: 3 }] });
      await noGhosts(racing, 'root deleted while indexing');
    } finally {
      await Promise.all([after.shutdown(), racing.shutdown()]);
      fs.rmSync(indexed.base, { recursive: true, force: true });
      fs.rmSync(during.base, { recursive: true, force: true });
    }
  });
});
