// The compliance audit: the code citing a clause, judged by the configured model; quotes verified [^au4d].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditItems, codeWindow, findingOf, parseAuditAnswer } from '../../server/src/core/analysis/audit/compliance';
import { userMessage, useFakeOpenAI } from '../helpers/fakeOpenAI';
import { memoryWorkspace } from '../helpers/workspace';
import { tempWorkspace, clarify } from '../helpers/cli';

const SESSION_TS = [
  'import { clock } from "./clock";',
  '',
  '// Idle sessions end [^au3f]',
  'export function expire(session: Session): boolean {',
  '  const idle = clock.now() - session.lastSeen;',
  '  return idle > 60 * 60 * 1000;',
  '}',
  '',
  'export const other = 1;',
  '',
].join('\n');

const FILES = {
  'specs/auth.md': '# Auth {#auth authority=root}\n\nSessions MUST expire after 30 minutes of inactivity[^au3f].\n',
  'src/session.ts': SESSION_TS,
};

describe('audit: the code window and the answer', () => {
  it('the window of a comment above a function is that function', () => {
    const w = codeWindow(SESSION_TS, 2);
    assert.equal(w.startLine, 2);
    assert.equal(w.text, SESSION_TS.split('\n').slice(2, 7).join('\n'));
  });

  it('the window of a citation inside a block reaches up to its header and down to its end', () => {
    const text = 'class A {\n  run() {\n    x = 1;\n    y = 2; // [^a]\n    z = 3;\n  }\n\n  other() {}\n}\n';
    const w = codeWindow(text, 3);
    assert.equal(w.startLine, 1);
    assert.equal(w.text, '  run() {\n    x = 1;\n    y = 2; // [^a]\n    z = 3;\n  }');
  });

  it('the window is bounded in lines and characters', () => {
    const long = `// [^a]\nfunction f() {\n${'  step();\n'.repeat(500)}}\n`;
    const w = codeWindow(long, 0);
    assert.ok(w.text.split('\n').length <= 60);
    const wide = `// [^a]\nfunction f() {\n${`  ${'x'.repeat(1900)}\n`.repeat(5)}}\n`;
    assert.ok(codeWindow(wide, 0).text.length <= 4000);
  });

  it('an answer is JSON of the schema (fences allowed); anything else is no answer', () => {
    assert.deepEqual(parseAuditAnswer('```json\n{"verdict":"violates","reason":"r","quotes":["a"]}\n```'), { verdict: 'violates', reason: 'r', quotes: ['a'] });
    assert.equal(parseAuditAnswer('{"verdict":"maybe","reason":"r","quotes":[]}'), undefined);
    assert.equal(parseAuditAnswer('I think it is fine'), undefined);
    assert.equal(parseAuditAnswer('{"verdict":"satisfies"}'), undefined);
  });

  it('quotes must be lines of the code sent: invented ones are dropped, and a violation quoting nothing real is dropped whole', () => {
    const item = auditItems(memoryWorkspace(FILES).model(), 'm', () => SESSION_TS)[0]!;
    const real = findingOf({ verdict: 'violates', reason: 'Expires after 60 minutes.', quotes: ['return idle > 60 * 60 * 1000;', 'if (admin) return false;'] }, item);
    assert.deepEqual(real.finding?.quotes, [{ text: 'return idle > 60 * 60 * 1000;', line: 5 }]);
    assert.equal(real.dropped, 1);
    const invented = findingOf({ verdict: 'violates', reason: 'x', quotes: ['if (admin) return false;'] }, item);
    assert.equal(invented.finding, undefined);
    assert.equal(invented.dropped, 1);
    assert.equal(findingOf({ verdict: 'satisfies', reason: 'ok', quotes: [] }, item).finding, undefined);
    assert.equal(findingOf({ verdict: 'unclear', reason: 'clock unknown', quotes: [] }, item).finding?.verdict, 'unclear');
  });

  it('one item per citation of a declared clause; unknown ids and unreadable files are not sent', () => {
    const index = memoryWorkspace({ ...FILES, 'src/other.ts': '// [^nope]\nx();\n' });
    const items = auditItems(index.model(), 'm', (f) => (f === 'src/session.ts' ? SESSION_TS : undefined));
    assert.deepEqual(items.map((i) => `${i.clause.id}@${i.code.file}:${i.code.startLine}`), ['au3f@src/session.ts:2']);
    assert.match(items[0]!.key, /^[0-9a-f]{64}$/);
    const other = auditItems(index.model(), 'other-model', () => SESSION_TS)[0]!;
    assert.notEqual(other.key, items[0]!.key);
  });
});

describe('clarify audit --llm (against a local fake OpenAI-compatible server)', () => {
  const KEY = 'sk-test-audit-0123456789abcdef';
  const endpoint = useFakeOpenAI(KEY);
  const answer = (verdict: string, reason: string, quotes: string[]): { kind: 'answer'; content: string } => ({ kind: 'answer', content: JSON.stringify({ verdict, reason, quotes }) });


  it('reports a violation at the citation with the reason and the verified quote; the clause and code are sent as data', async () => {
    endpoint().enqueue(answer('violates', 'Sessions expire after 60 minutes, not 30.', ['return idle > 60 * 60 * 1000;']));
    const dir = tempWorkspace(FILES);
    const r = await clarify('audit', dir, '--llm', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { audit: { citations: number; requests: number; verdicts: Record<string, number> }; diagnostics: { code: string; severity: string; file: string; line: number; message: string; data: { quotes: { line: number }[] } }[] };
    assert.deepEqual(out.audit.verdicts, { satisfies: 0, violates: 1, unclear: 0 });
    assert.equal(out.audit.requests, 1);
    assert.deepEqual(out.diagnostics.map((d) => `${d.code}:${d.severity}@${d.file}:${d.line}`), ['compliance.violation:warning@src/session.ts:3']);
    assert.match(out.diagnostics[0]!.message, /may not satisfy it: Sessions expire after 60 minutes, not 30\. Quoted: line 6 `return idle > 60 \* 60 \* 1000;`/);
    const sent = userMessage(endpoint().requests[0]!);
    assert.match(sent, /<<<CLAUSE [0-9a-f]{12} id="au3f" authority="root">>>\nAuth\nSessions MUST expire after 30 minutes of inactivity/);
    assert.match(sent, /<<<CODE [0-9a-f]{12} file="src\/session\.ts" language="typescript" first_line="3">>>\n\/\/ Idle sessions end \[\^au3f\]\nexport function expire/);
    assert.doesNotMatch(sent, /import \{ clock \}/);
    assert.match(r.stderr, /^clarify: Audit \(gpt-4o-mini at http:\/\/127\.0\.0\.1:\d+\/v1\): 1 citation, 1 request, 0 from cache, 100 prompt \+ 20 completion tokens; 1 finding\.$/m);
    assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY));
    // --fail-on warning makes it block CI.
    endpoint().enqueue(answer('violates', 'Sessions expire after 60 minutes, not 30.', ['return idle > 60 * 60 * 1000;']));
    assert.equal((await clarify('audit', dir, '--llm', '--fail-on', 'warning')).code, 1);
  });

  it('a hallucinated quote is dropped with its finding; "satisfies" reports nothing', async () => {
    endpoint().enqueue(answer('violates', 'It skips admins.', ['if (user.isAdmin) return false;']));
    const dir = tempWorkspace(FILES);
    const r = await clarify('audit', dir, '--llm');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^0 satisfied, 0 possibly violated, 0 unclear of 1 citation audited$/m);
    assert.match(r.stderr, /1 dropped: quotes not in the code/);
    endpoint().enqueue(answer('satisfies', 'Compares idle time.', []));
    const ok = await clarify('audit', dir, '--llm');
    assert.match(ok.stdout, /^1 satisfied, 0 possibly violated, 0 unclear of 1 citation audited$/m);
  });

  it('a cache answers an unchanged (clause, code) pair without a request; a change sends it again', async () => {
    const dir = tempWorkspace(FILES);
    const cache = path.join(dir, '.audit-cache');
    endpoint().enqueue(answer('unclear', 'clock is not shown.', []));
    const first = await clarify('audit', dir, '--llm', '--llm-cache', cache, '--show-info');
    assert.match(first.stdout, /info compliance\.unclear Whether the code citing `au3f` satisfies it is unclear: clock is not shown\./);
    assert.equal(endpoint().requests.length, 1);
    const again = await clarify('audit', dir, '--llm', '--llm-cache', cache, '--show-info');
    assert.equal(endpoint().requests.length, 1, 'served from the cache');
    assert.match(again.stderr, /0 requests, 1 from cache/);
    assert.match(again.stdout, /compliance\.unclear/);
    for (const f of fs.readdirSync(cache)) assert.ok(!fs.readFileSync(path.join(cache, f), 'utf8').includes(KEY));
    fs.writeFileSync(path.join(dir, 'src/session.ts'), SESSION_TS.replace('60 * 60', '30 * 60'));
    await clarify('audit', dir, '--llm', '--llm-cache', cache);
    assert.equal(endpoint().requests.length, 2);
  });

  it('a refusal, a bad answer, a 500 and a timeout each end in one clear line and exit 2 when nothing was judged', async () => {
    const dir = tempWorkspace(FILES);
    for (const [reply, pattern] of [
      [{ kind: 'answer', refusal: 'I cannot help with that.' }, /refused/],
      [{ kind: 'answer', content: 'Looks fine to me!' }, /did not match the response schema/],
      [{ kind: 'status', status: 500 }, /500|server/i],
      [{ kind: 'hang' }, /timed out|timeout/i],
    ] as const) {
      endpoint().setFallback(reply);
      const r = await clarify('audit', dir, '--llm', '--llm-timeout', '0.5');
      assert.equal(r.code, 2, `${JSON.stringify(reply)}: ${r.stderr}`);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('clarify: Audit'));
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^clarify: Audit skipped: /);
      assert.match(lines[0]!, pattern);
      assert.ok(!r.stderr.includes(KEY));
    }
  });

  it('refuses to run without --llm (nothing is sent), and --file limits it to some files', async () => {
    const dir = tempWorkspace({ ...FILES, 'src/b.ts': '// [^au3f]\nexport function b() {\n  return 1;\n}\n' });
    const refused = await clarify('audit', dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /add --llm/);
    assert.equal(endpoint().requests.length, 0);
    endpoint().setFallback(answer('satisfies', 'ok', []));
    const r = await clarify('audit', dir, '--llm', '--file', path.join(dir, 'src/b.ts'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(endpoint().requests.length, 1);
    assert.match(userMessage(endpoint().requests[0]!), /file="src\/b\.ts"/);
    assert.equal((await clarify('audit', dir, '--llm', '--file', '/etc/hostname')).code, 2);
  });
});
