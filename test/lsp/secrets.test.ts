// Secrets and privacy in the language server: the API key never appears in anything the server sends (log messages,
// traces, diagnostics, answers) or writes (the LLM cache); spec text goes only to the configured endpoint, only when
// the pass is enabled and the workspace trusted. The LLM pass [^llm_pass] [^ll6k] [^ll3s]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeOpenAI } from '../helpers/fakeOpenAI';
import { copyFixture, LspClient, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

const KEY = 'sk-lsp-secret-9f8e7d6c5b4a3210QRST';

function assertNoKey(text: string, where: string): void {
  for (const fragment of [KEY, KEY.slice(0, 12), KEY.slice(-8)]) assert.ok(!text.includes(fragment), `the key (or a fragment) appears in ${where}`);
}

/** Starts a server with the key (and a decoy endpoint) in its environment only. */
function serverWithKey(env: Record<string, string>): LspClient {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return new LspClient();
  } finally {
    process.env = saved;
  }
}

describe('secrets: the API key never leaves the server; spec text only to the configured endpoint', function () {
  this.timeout(60_000);

  it('through failures and a key-echoing model, with verbose tracing on', async () => {
    const configured = await startFakeOpenAI();
    const decoy = await startFakeOpenAI();
    const dir = copyFixture('shop');
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-secrets-storage-'));
    const client = serverWithKey({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: decoy.baseURL });
    const answers: unknown[] = [];
    try {
      await client.initialize(dir, {}, { settings: { llm: { enabled: true, baseURL: configured.baseURL, model: 'fake-model' } }, storagePath: storage });
      client.notify('$/setTrace', { value: 'verbose' });
      const authUri = uri(path.join(dir, 'specs/auth.md'));
      configured.enqueue(
        { kind: 'status', status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, code: 'invalid_api_key' } } },
        { kind: 'status', status: 500, headers: { 'retry-after-ms': '5' }, body: { error: { message: `internal error for key ${KEY}` } } },
        { kind: 'status', status: 500, headers: { 'retry-after-ms': '5' }, body: { error: { message: `internal error for key ${KEY}` } } },
        { kind: 'status', status: 500, headers: { 'retry-after-ms': '5' }, body: { error: { message: `internal error for key ${KEY}` } } },
        { kind: 'raw', body: `<html>${KEY}</html>` },
        {
          kind: 'answer',
          // A phrase the offline pass does not flag (one it flags would be merged away as a duplicate).
          findings: [{ clause: 'account_recovery', phrase: 'Recovery emails are sent', category: 'escape', question: `Who decides? (key ${KEY})`, suggestion: `use ${KEY}` }],
        },
      );
      const lexicon = (list: any[]): string[] => list.filter((d) => d.code.startsWith('ambiguity.') && d.code !== 'ambiguity.llm').map((d) => `${d.code}:${d.range.start.line}:${d.message}`);
      const lexiconBefore = lexicon(await client.diagnosticsFor(authUri, (d) => d.some((x: any) => x.code.startsWith('ambiguity.'))));
      assert.ok(lexiconBefore.length > 0);
      const first = await client.request('specClarifier/clarify', { uri: authUri });
      assert.match(first.message, /LLM pass skipped: the API key was rejected \(401\)/);
      const second = await client.request('specClarifier/clarify', { uri: authUri });
      assert.match(second.message, /LLM pass skipped: .* answered 500 \(server error\) after 2 retries/);
      const third = await client.request('specClarifier/clarify', { uri: authUri });
      assert.match(third.message, /did not answer with a chat completion/);
      // Three failed passes: the lexicon results of the spec are all still there, unchanged.
      assert.deepEqual(lexicon(await client.diagnosticsFor(authUri)), lexiconBefore);
      const fourth = await client.request('specClarifier/clarify', { uri: authUri });
      assert.match(fourth.message, /1 finding/);
      answers.push(first, second, third, fourth);
      const diags = await client.diagnosticsFor(authUri, (d) => d.some((x: any) => x.code === 'ambiguity.llm'));
      const llm = diags.find((d: any) => d.code === 'ambiguity.llm');
      assert.match(llm.message, /\[redacted\]/);
      // A failing request is logged by the server: still without the key.
      await assert.rejects(client.request('textDocument/hover', null));
      answers.push(await client.request('specClarifier/report', {}));

      assert.equal(decoy.requests.length, 0, 'nothing went to the endpoint of the environment: the configured one wins');
      assert.ok(configured.requests.length >= 4);
      for (const r of configured.requests) assert.ok(r.headers.authorization === `Bearer ${KEY}` && !JSON.stringify(r.body).includes(KEY));
      const cacheFiles = fs.readdirSync(path.join(storage, 'llm-cache'));
      assert.ok(cacheFiles.length > 0);
      for (const f of cacheFiles) assertNoKey(fs.readFileSync(path.join(storage, 'llm-cache', f), 'utf8'), `cache file ${f}`);
    } finally {
      await client.shutdown();
      await configured.close();
      await decoy.close();
    }
    const everything = [client.stderr, JSON.stringify(client.notifications), JSON.stringify(client.serverRequests), JSON.stringify(answers)];
    assert.ok(client.notifications.some((n) => n.method === 'window/logMessage'), 'the server logged');
    everything.forEach((text, i) => assertNoKey(text, ['stderr', 'notifications', 'server requests', 'answers'][i]!));
  });

  it('an untrusted workspace sends nothing and says why, even with the pass enabled and a key', async () => {
    const fake = await startFakeOpenAI();
    const dir = copyFixture('shop');
    const client = serverWithKey({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL });
    try {
      await client.initialize(dir, {}, { trusted: false, settings: { llm: { enabled: true } } });
      const result = await client.request('specClarifier/clarify', {});
      assert.match(result.message, /The LLM pass is disabled in Restricted Mode: trust the workspace to use it\./);
      assert.equal(fake.requests.length, 0);
    } finally {
      await client.shutdown();
      await fake.close();
    }
    assertNoKey(client.stderr + JSON.stringify(client.notifications), 'the untrusted server output');
  });
});
