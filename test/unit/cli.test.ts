// The CLI: exit codes [^cl3e], formats [^cl5f], report [^cl7r], configuration [^cf2v]; the LLM pass [^ll7m].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLlmOnIndex } from '../../server/src/io/llmRun';
import { clausesInUserMessage, userMessage, useFakeOpenAI } from '../helpers/fakeOpenAI';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';
import { tempWorkspace, clarify } from '../helpers/cli';

const SHOP = {
  'specs/auth.md': '# Auth {#auth authority=root}\n\nSessions expire[^au3f].\n\n## Passwords {#passwords authority=user}\n\nHash them.\n# Audit {#audit authority=user}\n\nLog sign-ins.\n',
  'examples/au3f.md': 'Examples for [^au3f] in Auth:\n',
  'src/session.ts': 'export const ttl = 30; // [^au3f]\nconst re = /[^a-z]/; // [^passwords]\n',
  'tests/session.test.ts': '// [^au3f]\n',
};

describe('clarify CLI', () => {
  it('check: exit 0 on a clean workspace, compiler-style summary', async () => {
    const dir = tempWorkspace(SHOP);
    const r = await clarify('check', dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^4 clauses \(3 heading, 1 footnote\) in 1 spec file; 3 citations \(2 code, 1 test\) in 2 source files; 0 errors, 0 warnings, 1 info$/m);
    assert.match(r.stdout, /1 info diagnostic not listed/);
    const shown = await clarify('check', dir, '--show-info');
    assert.match(shown.stdout, /^specs\/auth\.md:8:11 info clause\.uncited Clause `audit` is not cited by any code or test, nor is any clause inside it\.$/m);
  });

  it('check: exit 1 on errors, file:line:col lines', async () => {
    const dir = tempWorkspace({ ...SHOP, 'src/typo.py': 'x = 1  # see [^au3g]\n' });
    const r = await clarify('check', dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^src\/typo\.py:1:16 error citation\.unknown-id Unknown clause id `au3g`; did you mean `au3f`\?$/m);
  });

  it('--fail-on warning raises the bar', async () => {
    const dir = tempWorkspace({ ...SHOP, 'examples/orphan.md': '' });
    assert.equal((await clarify('check', dir)).code, 0);
    assert.equal((await clarify('check', dir, '--fail-on', 'warning')).code, 1);
  });

  it('--format json: the documented shape, 1-based positions', async () => {
    const dir = tempWorkspace({ ...SHOP, 'src/typo.py': 'x = 1  # see [^au3g]\n' });
    const r = await clarify('check', dir, '--format', 'json');
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(json.clauses[3], {
      id: 'au3f',
      kind: 'footnote',
      title: 'Auth',
      text: 'Sessions expire[^au3f].',
      file: 'specs/auth.md',
      line: 3,
      column: 16,
      section: 'Auth',
      authority: 'root',
      example: 'examples/au3f.md',
      attributes: {},
      parent: 'auth',
    });
    assert.deepEqual(json.citations[0], { id: 'au3f', file: 'src/session.ts', line: 1, column: 27, kind: 'code' });
    const unknown = json.diagnostics.find((d: { code: string }) => d.code === 'citation.unknown-id');
    assert.deepEqual(unknown, {
      code: 'citation.unknown-id',
      severity: 'error',
      file: 'src/typo.py',
      line: 1,
      column: 16,
      endLine: 1,
      endColumn: 20,
      message: 'Unknown clause id `au3g`; did you mean `au3f`?',
      data: { id: 'au3g', suggestion: 'au3f' },
    });
    assert.equal(json.summary.errors, 1);
    assert.equal(json.summary.clauses, 4);
  });

  it('--format sarif: SARIF 2.1.0 with one rule per code', async () => {
    const dir = tempWorkspace({ ...SHOP, 'src/typo.py': '# [^nope]\n' });
    const sarif = JSON.parse((await clarify('check', dir, '--format', 'sarif')).stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'citation.unknown-id'));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'citation.unknown-id');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'citation.unknown-id');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/typo.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 9 },
    });
  });

  it('report: Markdown coverage per clause, per authority and per file', async () => {
    const r = await clarify('report', tempWorkspace(SHOP));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\| `au3f` \| footnote \| root \| Auth \| 1 \| 1 \| yes \| yes \| specs\/auth\.md:3 \|$/m);
    // `auth` is covered through its footnote au3f: the report counts coverage as the status bar does [^cv3r].
    assert.match(r.stdout, /^\| `auth` \| heading \| root \| Auth \| 0 \| 0 \| inside \| — \| specs\/auth\.md:1 \|$/m);
    assert.match(r.stdout, /^\| root \| 2 \| 2 \| 100% \| 1 \| 1 \| 1 \| 0 \|$/m);
    assert.match(r.stdout, /^4 clauses in 1 spec file; 3 covered by code or tests \(cited, or a clause inside is\): 75%; /m);
    assert.match(r.stdout, /^## By spec file$/m);
  });

  it('usage errors exit 2; a missing folder exits 2', async () => {
    assert.equal((await clarify('frobnicate')).code, 2);
    assert.equal((await clarify('check', '--format', 'xml')).code, 2);
    assert.equal((await clarify('check', '--bogus')).code, 2);
    const missing = await clarify('check', path.join(os.tmpdir(), 'does-not-exist-clarify'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
  });

  it('the summary counts as spec files only the Markdown files that declare clauses', async () => {
    const dir = tempWorkspace({ ...SHOP, 'README.md': '# Shop\n\nA demo shop.\n', 'docs/notes.md': '# Notes\n\nSee [auth](../specs/auth.md#auth).\n' });
    const r = await clarify('check', dir);
    assert.match(r.stdout, /^4 clauses \(3 heading, 1 footnote\) in 1 spec file; /m);
    assert.equal(JSON.parse((await clarify('check', dir, '--format', 'json')).stdout).summary.specFiles, 1);
    assert.match((await clarify('report', dir)).stdout, /^4 clauses in 1 spec file; /m);
  });

  it('unknown or inapplicable options are usage errors (exit 2) for every command', async () => {
    const dir = tempWorkspace(SHOP);
    for (const argv of [
      ['check', dir, '--bogus'],
      ['check', dir, '--format', 'markdown'],
      ['report', dir, '--bogus'],
      ['report', dir, '--format', 'sarif'],
      ['report', dir, '--format', 'text'],
      ['report', dir, '--fail-on', 'warning'],
      ['report', dir, '--show-info'],
      ['report', dir, '--llm'],
      ['lsp', '--stdio', '--bogus'],
      ['lsp', '--stdio', 'extra'],
      ['--version', '--bogus'],
    ]) {
      const r = await clarify(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^clarify: .+\nRun `clarify --help` for usage\.\n$/, argv.join(' '));
      assert.equal(r.stdout, '', argv.join(' '));
    }
  });

  it('report --format json: the coverage report as one object', async () => {
    const r = await clarify('report', tempWorkspace(SHOP), '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(json.summary, { clauses: 4, covered: 3, code: 2, test: 1, examples: 1, missingExamples: 0, coverage: 0.75, specFiles: 1, citations: 3, codeFiles: 2 });
    assert.deepEqual(json.clauses.find((c: { id: string }) => c.id === 'au3f'), { id: 'au3f', kind: 'footnote', authority: 'root', title: 'Auth', file: 'specs/auth.md', line: 3, code: 1, test: 1, covered: 'yes', example: 'present' });
    assert.deepEqual(json.byAuthority.map((a: { authority: string; clauses: number }) => `${a.authority}:${a.clauses}`), ['root:2', 'user:2']);
    assert.deepEqual(json.byFile.map((f: { file: string }) => f.file), ['specs/auth.md']);
  });

  it('SARIF fingerprints are unique per result and survive lines moving above the finding', async () => {
    const files = {
      ...SHOP,
      'src/typo.py': 'x = 1  # [^nope]\ny = 2  # [^nope]\nz = 3  # [^nada]\n',
      'specs/links.md': '# Links {#links}\n\nSee [a](#missing) and [b](#missing).\n',
    };
    const fingerprints = async (dir: string): Promise<string[]> => {
      const sarif = JSON.parse((await clarify('check', dir, '--format', 'sarif')).stdout);
      return sarif.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }) => r.partialFingerprints['clarify/v2']);
    };
    const before = await fingerprints(tempWorkspace(files));
    assert.ok(before.length >= 6, String(before.length));
    assert.equal(new Set(before).size, before.length, 'unique per result');
    const shifted = await fingerprints(
      tempWorkspace({ ...files, 'src/typo.py': '# a header\n\n' + files['src/typo.py'], 'specs/links.md': '# Links {#links}\n\nA new paragraph.\n\nSee [a](#missing) and [b](#missing).\n' }),
    );
    assert.deepEqual(shifted, before);
  });

  it('reads .clarifier.json (exclude, severity) and reports an invalid one', async () => {
    const dir = tempWorkspace({ ...SHOP, 'fixtures/bad.ts': '// [^nope]\n', '.clarifier.json': '{"exclude":["fixtures/**"]}' });
    assert.equal((await clarify('check', dir)).code, 0);
    fs.writeFileSync(path.join(dir, '.clarifier.json'), '{"exclude": 3}');
    const r = await clarify('check', dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\.clarifier\.json:1:1 error config\.invalid Invalid \.clarifier\.json: exclude:/);
  });
});

describe('clarify check --llm (against a local fake OpenAI-compatible server) [^llm_pass]', () => {
  const endpoint = useFakeOpenAI('sk-test-cli-0123456789');
  const SPEC = { 'specs/auth.md': '# Auth {#auth authority=root}\n\nSessions expire after a while and tokens rotate regularly.\n' };


  it('adds ambiguity.llm diagnostics at the phrase, and a cache makes a rerun send nothing', async () => {
    endpoint().enqueue({
      kind: 'answer',
      findings: [
        { clause: 'auth', phrase: 'after a while', category: 'time', question: 'After how many minutes of inactivity?', suggestion: 'after <N> minutes of inactivity' },
        { clause: 'auth', phrase: 'invented words', category: 'vague', question: 'x', suggestion: 'y' },
      ],
    });
    const dir = tempWorkspace(SPEC);
    const cache = path.join(dir, '.cache');
    const r = await clarify('check', dir, '--llm', '--llm-cache', cache, '--llm-model', 'test-model', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const llm = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'ambiguity.llm');
    assert.deepEqual(llm.map((d: any) => [d.severity, d.line, d.column, d.endColumn, d.message, d.data.suggestion]), [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['warning', 3, 17, 30, '“after a while”: After how many minutes of inactivity?', 'after <N> minutes of inactivity'],
    ]);
    assert.equal(endpoint().requests.length, 1);
    assert.equal(endpoint().requests[0]!.body!.model, 'test-model');
    assert.match(r.stderr, /LLM pass \(test-model at http:\/\/127\.0\.0\.1:\d+\/v1\): 1 clause, 1 request, 0 from cache, 100 prompt \+ 20 completion tokens; 1 finding \(1 dropped: not in the text\)\./);
    const again = await clarify('check', dir, '--llm', '--llm-cache', cache, '--llm-model', 'test-model', '--format', 'json');
    assert.equal(endpoint().requests.length, 1, 'an unchanged clause is never sent twice');
    assert.equal(JSON.parse(again.stdout).diagnostics.filter((d: { code: string }) => d.code === 'ambiguity.llm').length, 1);
    assert.ok(!fs.readdirSync(cache).some((f) => fs.readFileSync(path.join(cache, f), 'utf8').includes('sk-test')), 'no key in the cache');
  });

  it('a failing endpoint gives one clear line, and the offline results stay', async () => {
    endpoint().setFallback({ kind: 'status', status: 401, body: { error: { message: 'Incorrect API key provided: sk-test-cli-0123456789' } } });
    const dir = tempWorkspace({ 'specs/auth.md': '# Auth {#auth authority=root}\n\nThe page must respond quickly.\n' });
    const r = await clarify('check', dir, '--llm', '--format', 'json');
    assert.equal(r.code, 0);
    assert.match(r.stderr, /LLM pass skipped: the API key was rejected \(401\)/);
    assert.doesNotMatch(r.stderr + r.stdout, /sk-test/);
    assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code), ['ambiguity.vague']);
  });

  it('a spec deleted during the request: the findings in the text that was sent and every other result stay; exit by the findings', async () => {
    const dir = tempWorkspace({ ...SPEC, 'src/a.ts': '// [^auth]\n' });
    const offline = await clarify('check', dir, '--format', 'json');
    endpoint().enqueue(() => {
      fs.rmSync(path.join(dir, 'specs/auth.md'));
      return { kind: 'answer', findings: [{ clause: 'auth', phrase: 'after a while', category: 'time', question: 'After how many minutes?', suggestion: 'after <N> minutes' }] };
    });
    const r = await clarify('check', dir, '--llm', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const diagnostics = JSON.parse(r.stdout).diagnostics as { code: string; line: number; column: number }[];
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'ambiguity.llm'), JSON.parse(offline.stdout).diagnostics, 'the lexicon and other results stay');
    assert.deepEqual(diagnostics.filter((d) => d.code === 'ambiguity.llm').map((d) => `${d.line}:${d.column}`), ['3:17']);
    assert.match(r.stderr, /1 finding\./);
  });

  it('a spec edited during the request: each finding at its phrase in the text that was sent', async () => {
    const dir = tempWorkspace(SPEC);
    const offline = await clarify('check', dir, '--format', 'json');
    endpoint().enqueue(() => {
      fs.writeFileSync(path.join(dir, 'specs/auth.md'), `# New\n\nInserted above.\n\n${SPEC['specs/auth.md']}`);
      return { kind: 'answer', findings: [{ clause: 'auth', phrase: 'after a while', category: 'time', question: 'After how many minutes?', suggestion: 'after <N> minutes' }] };
    });
    const r = await clarify('check', dir, '--llm', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const diagnostics = JSON.parse(r.stdout).diagnostics as { code: string; line: number; column: number; endColumn: number }[];
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'ambiguity.llm'), JSON.parse(offline.stdout).diagnostics);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'ambiguity.llm').map((d) => `${d.line}:${d.column}-${d.endColumn}`), ['3:17-30']);
  });

  it('through the server\'s path: a spec changed in the index during the request gets no misplaced findings; an unreadable one is not sent and keeps its results', async () => {
    const A = '# Auth {#auth authority=root}\n\nSessions expire after a while.\n';
    const B = '# Billing {#billing authority=root}\n\nInvoices are sent soon.\n';
    const index = memoryWorkspace({ 'specs/a.md': A, 'specs/b.md': B });
    const before = brief(diagnosticsOf(index));
    const finding = { clause: 'auth', phrase: 'after a while', category: 'time', question: 'After how many minutes?', suggestion: 'after <N> minutes' };
    endpoint().enqueue(() => {
      index.updateFile('specs/a.md', `# Top\n\n${A}`, true); // the user types while the model answers
      return { kind: 'answer', findings: [finding] };
    });
    const textOf = (file: string): string | undefined => (file === 'specs/a.md' ? A : undefined);
    const run = await runLlmOnIndex(index, { config: index.config, textOf });
    assert.equal(endpoint().requests.length, 1);
    assert.deepEqual(clausesInUserMessage(userMessage(endpoint().requests[0]!)).map((c) => c.id), ['auth'], 'the unreadable spec is not sent');
    assert.match(run.message, /1 spec could not be read and was not sent; 1 spec changed during the pass: its findings were not placed\./);
    const after = diagnosticsOf(index);
    assert.deepEqual(after.filter((d) => d.code === 'ambiguity.llm'), [], 'no finding at a stale place');
    assert.deepEqual(brief(after).filter((d) => d.includes('specs/b.md')), before.filter((d) => d.includes('specs/b.md')), 'the unreadable spec keeps its results');
    // Unchanged during the request: the finding is placed in the text that was sent.
    endpoint().enqueue({ kind: 'answer', findings: [finding] });
    await runLlmOnIndex(index, { config: index.config, textOf: (file) => (file === 'specs/a.md' ? `# Top\n\n${A}` : undefined) });
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'ambiguity.llm')), ['ambiguity.llm@specs/a.md:5']);
    // The editor's text (an edit: no content hash yet), a pass that succeeds, then one that fails: the findings stay.
    const editor = `# Top\n\n${A}`;
    index.updateFile('specs/a.md', editor, true);
    endpoint().enqueue({ kind: 'answer', findings: [finding] });
    await runLlmOnIndex(index, { config: index.config, textOf: (file) => (file === 'specs/a.md' ? editor : undefined) });
    endpoint().enqueue({ kind: 'status', status: 400 });
    const failed = await runLlmOnIndex(index, { config: index.config, maxRetries: 0, textOf: (file) => (file === 'specs/a.md' ? editor : undefined) });
    assert.match(failed.message, /LLM pass skipped/);
    assert.deepEqual(brief(diagnosticsOf(index).filter((d) => d.code === 'ambiguity.llm')), ['ambiguity.llm@specs/a.md:5'], 'a failed pass keeps them');
  });

  // [^ll8r]
  it('a spec-kit feature is sent whole (its story and scenarios as sections outside clauses), a README not at all', async () => {
    const spec = [
      '# Feature Specification: Uploads',
      '',
      '### User Story 1 - Upload a file (Priority: P1)',
      '',
      'As a user, I want uploads to finish quickly so that I can share files.',
      '',
      '## Requirements',
      '',
      '- **FR-001**: System MUST reject files above 10 MB.',
      '',
    ].join('\n');
    const dir = tempWorkspace({ 'specs/001-uploads/spec.md': spec, 'README.md': '# Uploads\n\nThe tool must be fast and easy to use.\n' });
    endpoint().enqueue((req) => {
      const story = clausesInUserMessage(userMessage(req)).find((c) => c.text.includes('share files'))!;
      return { kind: 'answer', findings: [{ clause: story.id, phrase: 'share files', category: 'vague', question: 'Share them with whom, and how?', suggestion: 'share a link' }] };
    });
    const r = await clarify('check', dir, '--llm', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const sent = clausesInUserMessage(userMessage(endpoint().requests[0]!));
    assert.deepEqual(sent.map((c) => [c.id.startsWith('/') ? 'section' : c.id, c.text]), [
      ['section', 'As a user, I want uploads to finish quickly so that I can share files.'],
      ['FR-001', 'FR-001 : System MUST reject files above 10 MB.'],
    ]);
    assert.ok(!endpoint().requests.some((q) => userMessage(q).includes('fast and easy')), 'a README is not reviewed, so not sent');
    const llm = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'ambiguity.llm');
    assert.deepEqual(llm.map((d: any) => [d.file, d.line, d.column, d.data.clauseId]), [['specs/001-uploads/spec.md', 5, 59, undefined]]); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  it('never sends anything without --llm', async () => {
    const r = await clarify('check', tempWorkspace(SPEC));
    assert.equal(r.code, 0);
    assert.equal(endpoint().requests.length, 0);
    assert.equal((await clarify('check', tempWorkspace(SPEC), '--llm-model', 'x')).code, 2);
  });
});
