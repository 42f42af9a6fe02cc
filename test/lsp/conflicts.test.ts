// "Check Specs for Conflicts (LLM)" through the language server: opt-in, trusted only, the editor's text, findings with
// the other clause as related information [^cj4q].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, uri } from './client';
import { startFakeOpenAI, userMessage } from '../helpers/fakeOpenAI';
import { tempWorkspace } from '../helpers/cli';

const SECURITY = '# Security {#security authority=root}\n\n## Log retention {#sec_logs authority=root}\n\nApplication logs containing user identifiers MUST be deleted after 30 days.\n';
const COMPLIANCE =
  '# Compliance {#compliance authority=root}\n\n## Audit trail {#cmp_audit authority=root}\n\nApplication logs containing user identifiers MUST be kept for at least 90 days so auditors can trace access.\n';

describe('language server: Check Specs for Conflicts (fake OpenAI-compatible endpoint)', () => {
  it('judges the candidate pairs when enabled and trusted, and never otherwise', async () => {
    const fake = await startFakeOpenAI();
    fake.setFallback((req) =>
      userMessage(req).includes('deleted after 45 days')
        ? { kind: 'answer', content: JSON.stringify({ verdict: 'conflict', reason: '45 vs 90 days.', quotes_a: ['kept for at least 90 days'], quotes_b: ['deleted after 45 days'] }) }
        : { kind: 'answer', content: JSON.stringify({ verdict: 'compatible', reason: 'ok', quotes_a: [], quotes_b: [] }) },
    );
    const dir = tempWorkspace({ 'specs/security.md': SECURITY, 'specs/compliance.md': COMPLIANCE });
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-storage-'));
    const saved = { ...process.env };
    process.env['OPENAI_API_KEY'] = 'sk-lsp-conflict-key-abcdef';
    process.env['OPENAI_BASE_URL'] = fake.baseURL;
    const enabled = new LspClient();
    const untrusted = new LspClient();
    const off = new LspClient();
    process.env = saved;
    try {
      await enabled.initialize(dir, {}, { settings: { llm: { enabled: true, model: 'fake-model' } }, storagePath: storage });
      const security = uri(path.join(dir, 'specs/security.md'));
      const compliance = uri(path.join(dir, 'specs/compliance.md'));
      // The editor's unsaved text is what is judged.
      enabled.notify('textDocument/didOpen', { textDocument: { uri: security, languageId: 'markdown', version: 1, text: SECURITY.replace('30 days', '45 days') } });
      const result = await enabled.request('specClarifier/conflicts', {});
      assert.match(result.message, /^Conflict judge \(fake-model at http:\/\/127\.0\.0\.1:\d+\/v1\): 1 candidate pair, 1 request, 0 from cache, 100 prompt \+ 20 completion tokens; 1 conflict, 0 unclear\.$/);
      const byUri = new Map<string, any[]>(result.files.map((f: any) => [f.uri, f.diagnostics])); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.deepEqual([...byUri.keys()].sort(), [compliance, security].sort());
      const onSecurity = byUri.get(security)![0];
      assert.equal(onSecurity.code, 'conflict.semantic');
      assert.equal(onSecurity.range.start.line, 2);
      assert.deepEqual(onSecurity.relatedInformation.map((r: any) => `${r.location.uri}:${r.location.range.start.line}`), [`${compliance}:2`]); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(byUri.get(compliance)![0].relatedInformation[0].location.uri, security);
      assert.ok(fs.readdirSync(path.join(storage, 'conflict-cache')).length > 0, 'answers are cached in the workspace storage');
      await enabled.request('specClarifier/conflicts', {});
      assert.equal(fake.requests.length, 1, 'an unchanged pair is not sent again');
      assert.doesNotMatch(enabled.stderr + JSON.stringify(enabled.notifications), /sk-lsp-conflict/);

      await untrusted.initialize(dir, {}, { trusted: false, settings: { llm: { enabled: true } } });
      assert.match((await untrusted.request('specClarifier/conflicts', {})).message, /disabled in Restricted Mode/);
      await off.initialize(dir);
      assert.match((await off.request('specClarifier/conflicts', {})).message, /the LLM, which is off/);
      assert.equal(fake.requests.length, 1, 'nothing was sent by the untrusted or disabled servers');
    } finally {
      await Promise.all([enabled.shutdown(), untrusted.shutdown(), off.shutdown()]);
      await fake.close();
    }
  });
});
