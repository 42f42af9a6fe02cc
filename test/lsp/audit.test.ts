// "Audit This File" through the language server: opt-in, trusted only, the editor's text, findings as diagnostics [^au4d].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture, LspClient, uri } from './client';
import { startFakeOpenAI, userMessage } from '../helpers/fakeOpenAI';

describe('language server: Audit This File (fake OpenAI-compatible endpoint)', () => {
  it('audits the open file\'s citations when enabled and trusted, and never otherwise', async () => {
    const fake = await startFakeOpenAI();
    fake.setFallback((req) =>
      userMessage(req).includes('MAX_FAILED_ATTEMPTS = 7')
        ? { kind: 'answer', content: JSON.stringify({ verdict: 'violates', reason: 'Locks after 7 attempts, not 5.', quotes: ['export const MAX_FAILED_ATTEMPTS = 7;'] }) }
        : { kind: 'answer', content: JSON.stringify({ verdict: 'satisfies', reason: 'ok', quotes: [] }) },
    );
    const dir = copyFixture('shop');
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-storage-'));
    const saved = { ...process.env };
    process.env['OPENAI_API_KEY'] = 'sk-lsp-audit-key-abcdef';
    process.env['OPENAI_BASE_URL'] = fake.baseURL;
    const enabled = new LspClient();
    const untrusted = new LspClient();
    const off = new LspClient();
    process.env = saved;
    try {
      await enabled.initialize(dir, {}, { settings: { llm: { enabled: true, model: 'fake-model' } }, storagePath: storage });
      const session = uri(path.join(dir, 'src/auth/session.ts'));
      // The editor's unsaved text is what is audited.
      const text = fs.readFileSync(path.join(dir, 'src/auth/session.ts'), 'utf8').replace('MAX_FAILED_ATTEMPTS = 5', 'MAX_FAILED_ATTEMPTS = 7');
      enabled.notify('textDocument/didOpen', { textDocument: { uri: session, languageId: 'typescript', version: 1, text } });
      const result = await enabled.request('specClarifier/audit', { uri: session });
      assert.match(result.message, /^Audit \(fake-model at http:\/\/127\.0\.0\.1:\d+\/v1\): 2 citations, 2 requests, 0 from cache/);
      assert.deepEqual(
        result.diagnostics.map((d: any) => `${d.code}@${d.range.start.line + 1}`), // eslint-disable-line @typescript-eslint/no-explicit-any
        ['compliance.violation@6'],
      );
      assert.match(result.diagnostics[0].message, /may not satisfy it: Locks after 7 attempts, not 5\. Quoted: line 7 `export const MAX_FAILED_ATTEMPTS = 7;`/);
      assert.equal(fake.requests.length, 2);
      assert.ok(fs.readdirSync(path.join(storage, 'audit-cache')).length > 0, 'answers are cached in the workspace storage');
      await enabled.request('specClarifier/audit', { uri: session });
      assert.equal(fake.requests.length, 2, 'an unchanged clause and code are not sent again');
      assert.match((await enabled.request('specClarifier/audit', { uri: uri(path.join(dir, 'specs/auth.md')) })).message, /Open a source file/);
      assert.doesNotMatch(enabled.stderr + JSON.stringify(enabled.notifications), /sk-lsp-audit/);

      await untrusted.initialize(dir, {}, { trusted: false, settings: { llm: { enabled: true } } });
      assert.match((await untrusted.request('specClarifier/audit', { uri: session })).message, /disabled in Restricted Mode/);
      await off.initialize(dir);
      assert.match((await off.request('specClarifier/audit', { uri: session })).message, /the LLM, which is off/);
      assert.equal(fake.requests.length, 2, 'nothing was sent by the untrusted or disabled servers');
    } finally {
      await Promise.all([enabled.shutdown(), untrusted.shutdown(), off.shutdown()]);
      await fake.close();
    }
  });
});
