// The slow LLM faults end to end (they retry with the SDK's backoff): an endpoint that never answers (--llm-timeout 1,
// three attempts) and a refused connection, through the real CLI. One clear line, the lexicon results stay.
// See test/lsp/llmFaults.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { refusedBaseURL, startFakeOpenAI } from '../helpers/fakeOpenAI';
import { runCli } from '../helpers/cli';

describe('stress: clarify check --llm against an endpoint that never answers', function () {
  this.timeout(60_000);
  it('times out per request, retries, and ends in one line with the lexicon results kept', async () => {
    const fake = await startFakeOpenAI({ fallback: { kind: 'hang' } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-llm-timeout-'));
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.writeFileSync(path.join(dir, 'specs/a.md'), '# A {#a authority=root}\n\nThe page must respond quickly.\n');
    try {
      const r = await runCli(['check', dir, '--llm', '--llm-timeout', '1', '--format', 'json'], {
        env: { ...process.env, OPENAI_API_KEY: 'sk-timeout-test-0123456789', OPENAI_BASE_URL: fake.baseURL },
        timeoutMs: 30_000,
      });
      assert.equal(r.code, 0);
      const summary = r.stderr.split('\n').filter((l) => l && !/requests$/.test(l));
      assert.equal(summary.length, 1, r.stderr);
      assert.match(summary[0]!, /^clarify: LLM pass skipped: no answer from http:\/\/127\.0\.0\.1:\d+\/v1 within 1 s after 2 retries\. Raise --llm-timeout/);
      assert.equal(fake.requests.length, 3);
      assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code), ['ambiguity.vague']);
    } finally {
      await fake.close();
    }
  });

  it('a refused connection: one clear line after the retries, the lexicon results kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-llm-refused-'));
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.writeFileSync(path.join(dir, 'specs/a.md'), '# A {#a authority=root}\n\nThe page must respond quickly.\n');
    const r = await runCli(['check', dir, '--llm', '--format', 'json'], {
      env: { ...process.env, OPENAI_API_KEY: 'sk-refused-test-0123456789', OPENAI_BASE_URL: await refusedBaseURL() },
      timeoutMs: 30_000,
    });
    assert.equal(r.code, 0);
    const summary = r.stderr.split('\n').filter((l) => l && !/requests$/.test(l));
    assert.equal(summary.length, 1, r.stderr);
    assert.match(summary[0]!, /^clarify: LLM pass skipped: cannot connect to http:\/\/127\.0\.0\.1:\d+\/v1 \(connection refused, ECONNREFUSED\) after 2 retries\./);
    assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code), ['ambiguity.vague']);
  });
});
