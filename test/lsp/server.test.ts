// Language server round trips over stdio against dist/server.js, on a copy of the demo workspace.
// Behaviour from specs/clarifier.md: diagnostics [^dg3s] [^dg5n], examples [^ex5p], citations [^ci1c] [^ci4s],
// the server [^ls4h] [^ls7g] [^ls2t] [^ls9c], safe edits [^se3w].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture, LspClient, positionOf, uri } from './client';
import { repoRoot, withCursor } from '../helpers/workspace';
import { startFakeOpenAI } from '../helpers/fakeOpenAI';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('language server (stdio, push diagnostics)', function () {
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);
  const read = (rel: string): string => fs.readFileSync(file(rel), 'utf8');

  before(async () => {
    dir = copyFixture('shop');
    client = new LspClient();
    const init = await client.initialize(dir);
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client without the capability');
  });
  after(async () => client.shutdown());

  it('reports progress while indexing and registers a file watcher', () => {
    assert.ok(client.serverRequests.some((r) => r.method === 'window/workDoneProgress/create'));
    assert.ok(client.notifications.some((n) => n.method === '$/progress' && n.params.value.kind === 'end'));
    assert.ok(client.serverRequests.some((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('workspace/didChangeWatchedFiles')));
  });

  it('pushes workspace diagnostics, also for files that are not open', async () => {
    const diags = await client.diagnosticsFor(uri(file('src/payments/charge.py')), (d) => d.length > 0);
    assert.deepEqual(
      diags.map((d: any) => [d.code, d.severity, d.message, d.range.start.line]),
      [['citation.unknown-id', 1, 'Unknown clause id `rf9z`; did you mean `rf9x`?', 9]],
    );
    const spec = await client.diagnosticsFor(uri(file('specs/auth.md')), (d) => d.length > 0);
    assert.ok(spec.some((d: any) => d.code === 'example.missing' && d.data.id === 'lk2m' && d.data.path === 'examples/lk2m.md'));
  });

  it('hover on a citation shows the clause, authority, section, example and counts', async () => {
    const u = client.open(file('src/auth/session.ts'), 'typescript');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: u }, position: positionOf(read('src/auth/session.ts'), '[^au3f]', 3) });
    const md: string = hover.contents.value;
    assert.match(md, /^\*\*Sessions\*\* · `au3f` · footnote clause · authority \*\*root\*\*/);
    assert.match(md, /> Idle sessions expire after 30 minutes\[\^au3f\]\./);
    assert.match(md, /Authentication › Sessions — \[specs\/auth\.md:7\]\(file:.*auth\.md#L7\)/);
    assert.match(md, /Cited by 1 implementation · 1 test/);
    assert.match(md, /Example: \[examples\/au3f\.md\]/);
    assert.match(md, /Examples for \[\^au3f\] in Sessions/);
  });

  it('hover on a heading {#id} in a spec', async () => {
    const u = client.open(file('specs/auth.md'), 'markdown');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: u }, position: positionOf(read('specs/auth.md'), '{#passwords', 3) });
    assert.match(hover.contents.value, /^\*\*Passwords\*\* · `passwords` · heading clause · authority \*\*root\*\*/);
    assert.match(hover.contents.value, /Cited by 1 implementation · 0 tests/);
  });

  it('definition jumps from code to the spec, and from a footnote to its example', async () => {
    const code = read('src/auth/session.ts');
    const defs = await client.request('textDocument/definition', { textDocument: { uri: uri(file('src/auth/session.ts')) }, position: positionOf(code, '[^au3f]', 2) });
    assert.deepEqual(defs.map((d: any) => [path.relative(dir, new URL(d.uri).pathname), d.range.start.line]), [['specs/auth.md', 6]]);
    const fromSpec = await client.request('textDocument/definition', { textDocument: { uri: uri(file('specs/auth.md')) }, position: positionOf(read('specs/auth.md'), '[^au3f]', 2) });
    assert.deepEqual(fromSpec.map((d: any) => path.relative(dir, new URL(d.uri).pathname)), ['specs/auth.md', 'examples/au3f.md']);
  });

  it('references from a clause list code, tests, spec references and the example back-reference', async () => {
    const refs = await client.request('textDocument/references', {
      textDocument: { uri: uri(file('specs/auth.md')) },
      position: positionOf(read('specs/auth.md'), '[^au3f]', 2),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(refs.map((r: any) => `${path.relative(dir, new URL(r.uri).pathname)}:${r.range.start.line}`).sort(), [
      'examples/au3f.md:0',
      'specs/auth.md:6',
      'src/auth/session.ts:2',
      'tests/session.test.ts:2',
    ]);
    const fromHeading = await client.request('textDocument/references', {
      textDocument: { uri: uri(file('specs/auth.md')) },
      position: positionOf(read('specs/auth.md'), '{#sessions', 3),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(fromHeading.map((r: any) => path.relative(dir, new URL(r.uri).pathname)), ['specs/payments.md'], 'the anchor link [sessions](auth.md#sessions)');
  });

  it('completes [^ ids in comments of any language and in spec prose, never in strings or code', async () => {
    const ts = withCursor('const a = 1; // see [^$$CURSOR$$\nconst s = "[^";\n');
    const u = client.open(file('src/auth/new.ts'), 'typescript', ts.text);
    const list = await client.request('textDocument/completion', { textDocument: { uri: u }, position: positionOf(ts.text, '[^', 2) });
    const au3f = list.items.find((i: any) => i.label === 'au3f');
    assert.equal(au3f.textEdit.newText, 'au3f]');
    assert.match(au3f.detail, /^root · footnote clause — Sessions$/);
    // The clause's text comes on completionItem/resolve (the list itself stays small).
    assert.equal(au3f.documentation, undefined);
    const resolved = await client.request('completionItem/resolve', au3f);
    assert.match(resolved.documentation.value, /Idle sessions expire/);
    assert.ok(list.items.some((i: any) => i.label === 'account_recovery'));
    const inString = await client.request('textDocument/completion', { textDocument: { uri: u }, position: positionOf(ts.text, '"[^', 3) });
    assert.equal(inString, null);

    const py = withCursor('def f():\n    # refund rule [^rf$$CURSOR$$\n    return "[^x"\n');
    const pu = client.open(file('src/payments/new.py'), 'python', py.text);
    const pyList = await client.request('textDocument/completion', { textDocument: { uri: pu }, position: positionOf(py.text, '[^rf', 4) });
    assert.equal(pyList.items[0].textEdit.newText, pyList.items[0].label + ']');
    assert.ok(pyList.items.some((i: any) => i.label === 'rf9x' && i.filterText.includes('Refunds')));

    const md = '# New {#new_spec}\n\nSee [^\n\n```\n[^\n```\n\nAnd [link](auth.md#\n';
    const mu = client.open(file('specs/new.md'), 'markdown', md);
    const inProse = await client.request('textDocument/completion', { textDocument: { uri: mu }, position: { line: 2, character: 6 } });
    assert.ok(inProse.items.some((i: any) => i.label === 'new_spec' && i.sortText.startsWith('1')), 'same spec file ranks first');
    const inFence = await client.request('textDocument/completion', { textDocument: { uri: mu }, position: { line: 5, character: 2 } });
    assert.equal(inFence, null);
    const anchors = await client.request('textDocument/completion', { textDocument: { uri: mu }, position: { line: 8, character: 20 } });
    assert.deepEqual(anchors.items.filter((i: any) => i.sortText.startsWith('0')).map((i: any) => i.label), ['auth', 'sessions', 'passwords', 'account_recovery']);
    for (const f of ['src/auth/new.ts', 'src/payments/new.py', 'specs/new.md']) client.notify('textDocument/didClose', { textDocument: { uri: uri(file(f)) } });
  });

  it('quick fix: create the missing example file (CreateFile that never overwrites, with a template)', async () => {
    const diags = await client.diagnosticsFor(uri(file('specs/auth.md')), (d) => d.some((x: any) => x.code === 'example.missing'));
    const missing = diags.find((d: any) => d.code === 'example.missing');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri(file('specs/auth.md')) },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    const create = actions.find((a: any) => a.title === 'Create example file examples/lk2m.md');
    assert.ok(create, JSON.stringify(actions.map((a: any) => a.title)));
    assert.equal(create.kind, 'quickfix');
    const [op, edit] = create.edit.documentChanges;
    assert.deepEqual(op, { kind: 'create', uri: uri(file('examples/lk2m.md')), options: { overwrite: false, ignoreIfExists: false } });
    assert.match(edit.edits[0].newText, /^Examples for \[\^lk2m\] in Passwords:\n\n> Passwords are hashed with Argon2id [^\n]*After 5 failed attempts/);
    assert.match(edit.edits[0].newText, /## Compliant[\s\S]*## Non-compliant[\s\S]*## Edge cases/);
    const addDef = actions.find((a: any) => a.title === 'Add footnote definition [^lk2m]: ../examples/lk2m.md');
    assert.equal(addDef.kind, 'refactor.rewrite');
    assert.deepEqual(addDef.edit.documentChanges[0].edits, [
      { range: { start: { line: 17, character: 0 }, end: { line: 17, character: 0 } }, newText: '\n[^lk2m]: ../examples/lk2m.md\n' },
    ]);
  });

  it('flags vague wording with a question, and answering it edits the phrase and the Clarifications section [^am2q] [^cq4r]', async () => {
    const diags = await client.diagnosticsFor(uri(file('specs/auth.md')), (d) => d.some((x: any) => x.code === 'ambiguity.vague'));
    const vague = diags.filter((d: any) => d.code.startsWith('ambiguity.')).map((d: any) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message.split(':')[0]}`);
    assert.deepEqual(vague, ['ambiguity.vague 7:30 “quickly”', 'ambiguity.escape 16:25 “as appropriate”', 'ambiguity.vague 16:70 “secure”']);
    const quickly = diags.find((d: any) => d.code === 'ambiguity.vague');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(file('specs/auth.md')) }, range: quickly.range, context: { diagnostics: [quickly] } });
    const answer = actions.find((a: any) => a.title.startsWith('Answer: How soon'));
    assert.equal(answer.command.command, 'specClarifier.answer');
    const args = answer.command.arguments[0];
    assert.equal(args.uri, uri(file('specs/auth.md')));
    const edit = await client.request('specClarifier/answer', { ...args, answer: 'within 300 ms (p95)', mode: 'replace', date: '2026-11-21' });
    const edits = edit.documentChanges[0].edits;
    assert.deepEqual(edits[0], { range: quickly.range, newText: 'within 300 ms (p95)' });
    assert.match(edits[1].newText, /\n## Clarifications\n[\s\S]*- 2026-11-21 · `sessions` · “quickly”: How soon must .* respond\? Give a maximum delay/);
  });

  it('quick fix: replace a typo with the suggested id', async () => {
    const diags = await client.diagnosticsFor(uri(file('src/payments/charge.py')), (d) => d.length > 0);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri(file('src/payments/charge.py')) },
      range: diags[0].range,
      context: { diagnostics: diags },
    });
    assert.deepEqual(actions[0].edit.documentChanges[0].edits, [{ range: diags[0].range, newText: 'rf9x' }]);
    assert.equal(actions[0].isPreferred, true);
  });

  it('quick fixes for an unused example: rename it to the missing one it was meant to be, or delete it', async () => {
    fs.writeFileSync(file('examples/rf9y.md'), 'Examples for the refund window\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file('examples/rf9y.md')), type: 1 }] });
    const diags = await client.diagnosticsFor(uri(file('examples/rf9y.md')), (d) => d.length > 0);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri(file('examples/rf9y.md')) },
      range: diags[0].range,
      context: { diagnostics: diags },
    });
    assert.deepEqual(actions.map((a: any) => a.title), ['Rename to examples/rf9x.md (the missing example of [^rf9x])', 'Delete unused example file examples/rf9y.md']);
    assert.deepEqual(actions[0].edit.documentChanges[0], {
      kind: 'rename',
      oldUri: uri(file('examples/rf9y.md')),
      newUri: uri(file('examples/rf9x.md')),
      options: { overwrite: false, ignoreIfExists: false },
    });
    fs.rmSync(file('examples/rf9y.md'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file('examples/rf9y.md')), type: 3 }] });
    await client.diagnosticsFor(uri(file('examples/rf9y.md')), (d) => d.length === 0);
  });

  it('rename an id from a citation: spec, code, tests, example back-reference and the example file', async () => {
    const prep = await client.request('textDocument/prepareRename', { textDocument: { uri: uri(file('src/auth/session.ts')) }, position: positionOf(read('src/auth/session.ts'), '[^au3f]', 3) });
    assert.equal(prep.placeholder, 'au3f');
    const edit = await client.request('textDocument/rename', {
      textDocument: { uri: uri(file('src/auth/session.ts')) },
      position: positionOf(read('src/auth/session.ts'), '[^au3f]', 3),
      newName: 'se55',
    });
    const summary = edit.documentChanges.map((c: any) =>
      c.kind === 'rename' ? `rename ${path.relative(dir, new URL(c.oldUri).pathname)} -> ${path.relative(dir, new URL(c.newUri).pathname)}` : `${path.relative(dir, new URL(c.textDocument.uri).pathname)} x${c.edits.length}`,
    );
    assert.deepEqual(summary.sort(), ['examples/se55.md x1', 'rename examples/au3f.md -> examples/se55.md', 'specs/auth.md x1', 'src/auth/session.ts x1', 'tests/session.test.ts x1']);
    assert.ok(edit.documentChanges.every((c: any) => c.kind === 'rename' || c.edits.every((e: any) => e.newText === 'se55')));
    assert.equal(edit.documentChanges[0].kind, 'rename', 'the rename comes first; the back-reference is edited under the new name');
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: uri(file('src/auth/session.ts')) }, position: { line: 0, character: 2 } }),
      /Only a clause id can be renamed/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: uri(file('src/auth/session.ts')) }, position: positionOf(read('src/auth/session.ts'), '[^au3f]', 3), newName: 'passwords' }),
      /already the id of a clause/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: uri(file('src/auth/session.ts')) }, position: positionOf(read('src/auth/session.ts'), '[^au3f]', 3), newName: 'no spaces' }),
      /not a valid id/,
    );
  });

  it('code lens above each heading clause counts implementations and tests', async () => {
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: uri(file('specs/auth.md')) } });
    const titles = lenses.map((l: any) => `${l.range.start.line}: ${l.command.title}`);
    assert.ok(titles.includes('4: 0 implementations · 0 tests · 2 citations of clauses inside'), titles.join('\n'));
    assert.ok(!titles.some((t: string) => t.startsWith('6: ')), 'no lens above the cited footnote [^au3f] [^lz2q]');
    assert.equal(lenses[0].command.command, 'specClarifier.showReferences');
  });

  it('document symbols (clause outline with authority) and workspace symbols', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uri(file('specs/auth.md')) } });
    assert.equal(symbols[0].name, 'Authentication');
    assert.equal(symbols[0].detail, '{#auth} root');
    assert.deepEqual(symbols[0].children.map((s: any) => s.name), ['Sessions', 'Passwords', 'Account recovery']);
    assert.deepEqual(symbols[0].children[0].children.map((s: any) => s.name), ['[^au3f] Idle sessions expire after 30 minutes']);
    const ws = await client.request('workspace/symbol', { query: 'refu' });
    assert.equal(ws[0].name, 'refunds — Refunds');
  });

  it('document links from footnotes to their example files', async () => {
    const links = await client.request('textDocument/documentLink', { textDocument: { uri: uri(file('specs/auth.md')) } });
    assert.deepEqual(links.map((l: any) => path.relative(dir, new URL(l.target).pathname)).sort(), ['examples/au3f.md', 'examples/pw7k.md']);
  });

  it('keeps the index current from edits (incremental sync) and from file events', async () => {
    const specUri = uri(file('specs/payments.md'));
    const text = read('specs/payments.md');
    client.notify('textDocument/didOpen', { textDocument: { uri: specUri, languageId: 'markdown', version: 1, text } });
    const end = positionOf(text, 'etc.', 4);
    client.notify('textDocument/didChange', {
      textDocument: { uri: specUri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '\n\n## Disputes {#disputes authority=user}\n\nChargebacks are answered within 7 days[^dp1x].' }],
    });
    const ws = await client.request('workspace/symbol', { query: 'disputes' });
    assert.equal(ws[0]?.name, 'disputes — Disputes');

    fs.writeFileSync(file('src/payments/disputes.ts'), '// [^dp1x] and a typo [^dp1y]\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file('src/payments/disputes.ts')), type: 1 }] });
    const diags = await client.diagnosticsFor(uri(file('src/payments/disputes.ts')), (d) => d.length > 0);
    assert.deepEqual(diags.map((d: any) => d.message), ['Unknown clause id `dp1y`; did you mean `dp1x`?']);
    fs.rmSync(file('src/payments/disputes.ts'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file('src/payments/disputes.ts')), type: 3 }] });
    await client.diagnosticsFor(uri(file('src/payments/disputes.ts')), (d) => d.length === 0);
  });

  it('answers requests for unknown documents and keeps running', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/x.ts' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const bad = await client.request('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: -5, character: 99 } });
    assert.equal(bad, null);
    await assert.rejects(client.request('textDocument/hover', null), /./, 'a malformed request is answered with an error');
    const report = await client.request('specClarifier/report', {});
    assert.match(report, /^# Spec coverage of /);
    assert.equal(client.exited, false);
  });
});

describe('language server (pull diagnostics, settings, restricted mode)', function () {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture('shop');
    client = new LspClient();
    const init = await client.initialize(
      dir,
      { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true } } },
      { trusted: false, settings: { severity: { 'example.missing': 'error' }, include: 7 } },
    );
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'clarifier', interFileDependencies: true, workspaceDiagnostics: true });
  });
  after(async () => client.shutdown());

  it('answers textDocument/diagnostic and workspace/diagnostic; settings override severities', async () => {
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) } });
    assert.equal(report.kind, 'full');
    const missing = report.items.find((d: any) => d.code === 'example.missing');
    assert.equal(missing.severity, 1, 'severity from settings');
    const ws = await client.request('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(ws.items.map((i: any) => path.relative(dir, new URL(i.uri).pathname)).sort(), ['specs/auth.md', 'specs/payments.md', 'src/payments/charge.py']);
    assert.equal(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length, 0, 'nothing pushed in pull mode');
  });

  it('a file whose problems were fixed outside the editor gets an empty workspace report (not a stale one)', async () => {
    const charge = path.join(dir, 'src/payments/charge.py');
    const first = await client.request('workspace/diagnostic', { previousResultIds: [] });
    assert.ok(first.items.some((i: any) => i.uri === uri(charge) && i.items.length === 1));
    fs.writeFileSync(charge, fs.readFileSync(charge, 'utf8').replace('[^rf9z]', '[^rf9x]'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(charge), type: 2 }] });
    const deadline = Date.now() + 10000;
    let report: any;
    do {
      report = (await client.request('workspace/diagnostic', { previousResultIds: [] })).items.find((i: any) => i.uri === uri(charge));
    } while (report?.items.length !== 0 && Date.now() < deadline);
    assert.deepEqual(report, { kind: 'full', uri: uri(charge), version: null, items: [] });
  });

  it('in restricted mode offers no file-creating fix, but still the text fixes', async () => {
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) } });
    const missing = report.items.find((d: any) => d.code === 'example.missing');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) }, range: missing.range, context: { diagnostics: [missing] } });
    assert.deepEqual(actions.map((a: any) => a.title), ['Add footnote definition [^lk2m]: ../examples/lk2m.md']);
  });
});

describe('language server: pulled diagnostics with result ids equal the pushed ones', function () {
  this.timeout(60_000);
  const pullCapabilities = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };
  let pushDir: string;
  let pullDir: string;
  let pusher: LspClient;
  let puller: LspClient;

  before(async () => {
    pushDir = copyFixture('shop');
    pullDir = copyFixture('shop');
    pusher = new LspClient();
    puller = new LspClient();
    await Promise.all([pusher.initialize(pushDir), puller.initialize(pullDir, pullCapabilities)]);
  });
  after(async () => Promise.all([pusher.shutdown(), puller.shutdown()]));

  /** A report's diagnostics with the folder's URIs made relative (the two servers run on two copies). */
  const relative = (dir: string, value: unknown): unknown => JSON.parse(JSON.stringify(value).split(uri(dir)).join('<root>'));

  it('after each edit: the document pull answers the pushed diagnostics, or "unchanged" while they are the same', async () => {
    const rel = 'specs/auth.md';
    let text = fs.readFileSync(path.join(pushDir, rel), 'utf8');
    const pushUri = pusher.open(path.join(pushDir, rel), 'markdown', text);
    const pullUri = puller.open(path.join(pullDir, rel), 'markdown', text);
    let version = 1;
    await pusher.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === pushUri && n.params.version === version, 'the opened spec');
    let report = await puller.request('textDocument/diagnostic', { textDocument: { uri: pullUri } });
    assert.equal(report.kind, 'full');
    assert.equal(typeof report.resultId, 'string');
    let held = report.items;
    let resultId = report.resultId;
    const again = await puller.request('textDocument/diagnostic', { textDocument: { uri: pullUri }, previousResultId: resultId });
    assert.deepEqual(again, { kind: 'unchanged', resultId }, 'nothing changed: unchanged, same id');
    const edits: [string, string][] = [
      ['must respond quickly', 'must respond within 2 seconds'], // a vague word gone
      ['Idle sessions expire', 'Idle sessions [^nw1x] expire'], // a new footnote
      ['Customers sign in', 'Customers  sign in'], // nothing another diagnostic sees
      ['{#passwords authority=root}', '{#passwords authority=nobody}'], // an unknown authority
      ['Idle sessions [^nw1x] expire', 'Idle sessions expire'], // the footnote removed again
    ];
    let unchanged = 0;
    for (const [from, to] of edits) {
      const at = text.indexOf(from);
      assert.ok(at >= 0, from);
      const start = positionOf(text, from);
      const end = positionOf(text, from, from.length);
      text = text.slice(0, at) + to + text.slice(at + from.length);
      version++;
      const change = { textDocument: { version }, contentChanges: [{ range: { start, end }, text: to }] };
      pusher.notify('textDocument/didChange', { ...change, textDocument: { ...change.textDocument, uri: pushUri } });
      puller.notify('textDocument/didChange', { ...change, textDocument: { ...change.textDocument, uri: pullUri } });
      const v = version;
      const pushed = await pusher.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === pushUri && n.params.version === v, `version ${v}`);
      report = await puller.request('textDocument/diagnostic', { textDocument: { uri: pullUri }, previousResultId: resultId });
      if (report.kind === 'unchanged') {
        assert.equal(report.resultId, resultId);
        unchanged++;
      } else {
        assert.equal(report.kind, 'full');
        assert.notEqual(report.resultId, resultId, 'new diagnostics, a new id');
        held = report.items;
      }
      resultId = report.resultId;
      assert.deepEqual(relative(pullDir, held), relative(pushDir, pushed.params.diagnostics), `after ${JSON.stringify(to)}`);
    }
    assert.equal(unchanged, 1, 'only the edit no diagnostic sees is answered unchanged');
  });

  it('the workspace pull reports a file unchanged while the client holds its diagnostics, in full once they change', async () => {
    const first = await puller.request('workspace/diagnostic', { previousResultIds: [] });
    const ids = first.items.map((i: any) => ({ uri: i.uri, value: i.resultId }));
    assert.ok(first.items.every((i: any) => i.kind === 'full' && typeof i.resultId === 'string'));
    const second = await puller.request('workspace/diagnostic', { previousResultIds: ids });
    assert.deepEqual(second.items.map((i: any) => i.kind), first.items.map(() => 'unchanged'));
    assert.deepEqual(second.items.map((i: any) => i.resultId), first.items.map((i: any) => i.resultId));
    // A code file's citation fixed on disk: that file alone comes in full, equal to a pull from scratch.
    const charge = path.join(pullDir, 'src/payments/charge.py');
    fs.writeFileSync(charge, fs.readFileSync(charge, 'utf8').replace('[^rf9z]', '[^rf9x]'));
    puller.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(charge), type: 2 }] });
    let third: any;
    const deadline = Date.now() + 10_000;
    do third = await puller.request('workspace/diagnostic', { previousResultIds: ids });
    while (!third.items.some((i: any) => i.uri === uri(charge) && i.kind === 'full') && Date.now() < deadline);
    // The client's state (the first report, each full report of the third put in) equals a pull from scratch.
    const held = new Map<string, unknown[]>(first.items.map((i: any) => [i.uri, i.items]));
    for (const item of third.items) {
      if (item.kind === 'unchanged') assert.equal(item.resultId, first.items.find((i: any) => i.uri === item.uri).resultId, item.uri);
      else if (item.items.length) held.set(item.uri, item.items);
      else held.delete(item.uri);
    }
    const scratch = await puller.request('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual([...held].sort(([a], [b]) => (a < b ? -1 : 1)), scratch.items.map((i: any) => [i.uri, i.items]).sort(([a]: [string], [b]: [string]) => (a < b ? -1 : 1)));
    assert.ok(third.items.some((i: any) => i.uri === uri(charge) && i.kind === 'full'));
    assert.ok(third.items.some((i: any) => i.kind === 'unchanged'), 'the files the change did not touch are unchanged');
  });

  it('a workspace pull is answered once the user stops typing, with the diagnostics after the last edit', async () => {
    const rel = 'specs/payments.md';
    let text = fs.readFileSync(path.join(pullDir, rel), 'utf8');
    const docUri = puller.open(path.join(pullDir, rel), 'markdown', text);
    let version = 1;
    const before = (await puller.request('textDocument/diagnostic', { textDocument: { uri: docUri } })).items;
    let last: unknown[] = before;
    let answered = false;
    const pending = puller.request('workspace/diagnostic', { previousResultIds: [] }).then((r: any) => ((answered = true), r));
    // Typing, each edit's diagnostics pulled as VS Code does: 12 words, 40 ms apart.
    let answeredWhileTyping = false;
    for (let i = 0; i < 12; i++) {
      // A word at the start of the refunds paragraph: its findings (timely, etc.) move.
      const at = text.indexOf('Customers can ask');
      const where = positionOf(text, '', at);
      text = text.slice(0, at) + 'Really ' + text.slice(at);
      version++;
      puller.notify('textDocument/didChange', { textDocument: { uri: docUri, version }, contentChanges: [{ range: { start: where, end: where }, text: 'Really ' }] });
      last = (await puller.request('textDocument/diagnostic', { textDocument: { uri: docUri } })).items;
      answeredWhileTyping ||= answered;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    assert.equal(answeredWhileTyping, false, 'not answered between keystrokes');
    const report = await pending;
    const scratch = await puller.request('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(report.items.map((i: any) => [i.uri, i.items]), scratch.items.map((i: any) => [i.uri, i.items]), 'the diagnostics of the last text');
    assert.deepEqual(report.items.find((i: any) => i.uri === docUri).items, last, 'the open document as its last pull');
    assert.notDeepEqual(last, before, 'typing changed its diagnostics');
    puller.notify('textDocument/didClose', { textDocument: { uri: docUri } });
  });
});

describe('language server: the English model of the ambiguity pass', function () {
  this.timeout(60_000);
  it('is loaded once a spec is open, after its diagnostics are answered, not at start', async () => {
    // A workspace with nothing to tag: indexing it never needs the model.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-lsp-tagger-'));
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.writeFileSync(path.join(dir, 'specs/a.md'), '# Records {#records}\n\nThe service stores records.\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'plain\n');
    const client = new LspClient();
    try {
      await client.initialize(dir, { textDocument: { diagnostic: { dynamicRegistration: false } } });
      await client.waitFor((n) => n.method === 'specClarifier/status', 'the first index');
      const loaded = (n: { method: string; params: any }): boolean => n.method === 'window/logMessage' && /English model loaded/.test(n.params.message);
      await client.request('textDocument/hover', { textDocument: { uri: uri(path.join(dir, 'specs/a.md')) }, position: { line: 0, character: 3 } });
      assert.equal(client.notifications.some(loaded), false, 'not loaded at start');
      const docUri = client.open(path.join(dir, 'specs/a.md'), 'markdown', fs.readFileSync(path.join(dir, 'specs/a.md'), 'utf8'));
      const report = await client.request('textDocument/diagnostic', { textDocument: { uri: docUri } });
      assert.equal(report.kind, 'full');
      await client.waitFor(loaded, 'the English model loaded');
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: the first edits of an open big spec rehearsed', function () {
  this.timeout(120_000);
  it('after its diagnostics are answered, leaving them as they were; later edits equal a fresh index, pulled and pushed', async () => {
    // A spec over 32 KB (kept chunk by chunk between edits), with footnotes and links between its sections.
    const sections = Array.from({ length: 300 }, (_, i) =>
      `## Section ${i} {#s${i}}\n\nSection ${i} keeps the records of its part[^f${i}] for as long as the policy says.` + (i % 3 === 0 ? ` See [there](#s${(i * 7 + 5) % 300}).` : '') + '\n',
    );
    const text = ['# Records {#records}', '', 'The service keeps records[^r1].', '', ...sections].join('\n');
    assert.ok(text.length > 32 * 1024);
    const dirs = [0, 1].map(() => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-lsp-rehearsal-'));
      fs.mkdirSync(path.join(dir, 'specs'));
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'specs/big.md'), text);
      fs.writeFileSync(path.join(dir, 'src/x.ts'), '// [^r1] [^f7] [^s12] [^f2x]\nexport const x = 1;\n');
      return dir;
    });
    const [pushDir, pullDir] = dirs as [string, string];
    const pusher = new LspClient();
    const puller = new LspClient();
    const rehearsed = (n: { method: string; params: any }): boolean => n.method === 'window/logMessage' && /Rehearsed the first edits of specs\/big\.md/.test(n.params.message);
    try {
      await Promise.all([pusher.initialize(pushDir), puller.initialize(pullDir, { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } })]);
      await Promise.all([pusher, puller].map((c) => c.waitFor((n) => n.method === 'specClarifier/status', 'the first index')));
      const pushUri = pusher.open(path.join(pushDir, 'specs/big.md'), 'markdown', text);
      const pullUri = puller.open(path.join(pullDir, 'specs/big.md'), 'markdown', text);
      const opened = await pusher.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === pushUri && n.params.version === 1, 'the opened spec');
      const first = await puller.request('textDocument/diagnostic', { textDocument: { uri: pullUri } });
      assert.equal(first.kind, 'full');
      await Promise.all([pusher.waitFor(rehearsed, 'the push server rehearsed'), puller.waitFor(rehearsed, 'the pull server rehearsed')]);
      const again = await puller.request('textDocument/diagnostic', { textDocument: { uri: pullUri }, previousResultId: first.resultId });
      assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId }, 'the rehearsal left the diagnostics as they were');
      const relative = (dir: string, value: unknown): unknown => JSON.parse(JSON.stringify(value).split(uri(dir)).join('<root>'));
      assert.deepEqual(relative(pullDir, first.items), relative(pushDir, opened.params.diagnostics));
      // Edits after it: a new footnote, a word, the footnote gone.
      let current = text;
      let version = 1;
      for (const [from, to] of [
        ['Section 150 keeps the records', 'Section 150 keeps[^nw1] the records'],
        ['Section 12 keeps the', 'Section 12 quickly keeps the'],
        ['Section 150 keeps[^nw1] the records', 'Section 150 keeps the records'],
      ] as const) {
        const at = current.indexOf(from);
        assert.ok(at >= 0, from);
        const range = { start: positionOf(current, from), end: positionOf(current, from, from.length) };
        current = current.slice(0, at) + to + current.slice(at + from.length);
        version++;
        const v = version;
        pusher.notify('textDocument/didChange', { textDocument: { uri: pushUri, version }, contentChanges: [{ range, text: to }] });
        puller.notify('textDocument/didChange', { textDocument: { uri: pullUri, version }, contentChanges: [{ range, text: to }] });
        const pushed = await pusher.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === pushUri && n.params.version === v, `version ${v}`);
        const report = await puller.request('textDocument/diagnostic', { textDocument: { uri: pullUri } });
        assert.deepEqual(relative(pullDir, report.items), relative(pushDir, pushed.params.diagnostics), `after ${to}`);
        // A fresh server of the edited text on disk.
        const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-lsp-rehearsal-fresh-'));
        fs.cpSync(pushDir, fresh, { recursive: true });
        fs.writeFileSync(path.join(fresh, 'specs/big.md'), current);
        const check = new LspClient();
        try {
          await check.initialize(fresh);
          await check.waitFor((n) => n.method === 'specClarifier/status', 'the fresh index');
          const freshUri = check.open(path.join(fresh, 'specs/big.md'), 'markdown', current);
          const expected = await check.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === freshUri, 'the fresh diagnostics');
          assert.deepEqual(relative(pushDir, pushed.params.diagnostics), relative(fresh, expected.params.diagnostics), `fresh, after ${to}`);
        } finally {
          await check.shutdown();
        }
      }
    } finally {
      await Promise.all([pusher.shutdown(), puller.shutdown()]);
    }
  });
});

describe('clarify lsp --stdio (the standalone server for any editor)', () => {
  it('speaks LSP over stdio from the CLI bundle', async () => {
    const dir = copyFixture('shop');
    const client = new LspClient([path.join(repoRoot, 'bin', 'clarify.js'), 'lsp', '--stdio']);
    try {
      const init = await client.initialize(dir);
      assert.equal(init.serverInfo.name, 'spec-clarifier');
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri: uri(path.join(dir, 'src/payments/charge.py')) },
        position: positionOf(fs.readFileSync(path.join(dir, 'src/payments/charge.py'), 'utf8'), '[^py4c]', 2),
      });
      assert.match(hover.contents.value, /Charging/);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server (multi-root workspace)', () => {
  it('indexes each folder on its own and answers in both', async () => {
    const shop = copyFixture('shop');
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-lsp-other-'));
    fs.mkdirSync(path.join(other, 'src'));
    fs.writeFileSync(path.join(other, 'rules.md'), '# Rules {#rules authority=system}\n\nKeep it[^ru1e].\n');
    fs.writeFileSync(path.join(other, 'src', 'a.go'), 'package a\n\n// Implements [^ru1e]\nvar x = `[^not_here]`\n');
    const client = new LspClient();
    try {
      await client.request('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: [{ uri: uri(shop), name: 'shop' }, { uri: uri(other), name: 'other' }],
        capabilities: {},
      });
      client.notify('initialized', {});
      await client.waitFor((n) => n.method === 'specClarifier/status' && n.params.clauses === 12 + 2, 'both folders indexed');
      const goFile = path.join(other, 'src', 'a.go');
      const hover = await client.request('textDocument/hover', { textDocument: { uri: uri(goFile) }, position: positionOf(fs.readFileSync(goFile, 'utf8'), '[^ru1e]', 2) });
      assert.match(hover.contents.value, /authority \*\*system\*\*/);
      const shopHover = await client.request('textDocument/hover', {
        textDocument: { uri: uri(path.join(shop, 'src/payments/charge.py')) },
        position: positionOf(fs.readFileSync(path.join(shop, 'src/payments/charge.py'), 'utf8'), '[^py4c]', 2),
      });
      assert.match(shopHover.contents.value, /Charging/);
      const ws = await client.request('workspace/symbol', { query: 'ru1e' });
      assert.deepEqual(ws.map((s: any) => s.name), ['ru1e — Rules']);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: Clarify with the LLM pass (fake OpenAI-compatible endpoint) [^llm_pass] [^ll6k]', () => {
  it('runs only when enabled and trusted, with the key from the environment, and publishes ambiguity.llm', async () => {
    const fake = await startFakeOpenAI();
    fake.setFallback({
      kind: 'answer',
      findings: [{ clause: 'account_recovery', phrase: 'Recovery emails are sent', category: 'vague', question: 'Sent when, and to which address?', suggestion: 'Recovery emails are sent within <N> minutes to the account address' }],
    });
    const dir = copyFixture('shop');
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-storage-'));
    const saved = { ...process.env };
    process.env['OPENAI_API_KEY'] = 'sk-lsp-test-key-abcdef';
    process.env['OPENAI_BASE_URL'] = fake.baseURL;
    const enabled = new LspClient();
    const untrusted = new LspClient();
    const off = new LspClient();
    process.env = saved;
    try {
      await enabled.initialize(dir, {}, { settings: { llm: { enabled: true, model: 'fake-model' } }, storagePath: storage });
      const authUri = uri(path.join(dir, 'specs/auth.md'));
      const result = await enabled.request('specClarifier/clarify', { uri: authUri });
      assert.match(result.message, /^3 clarifying questions from the built-in lexicon\. LLM pass \(fake-model at http:\/\/127\.0\.0\.1:\d+\/v1\): 4 clauses, 1 request, 0 from cache/);
      const diags = await enabled.diagnosticsFor(authUri, (d) => d.some((x: any) => x.code === 'ambiguity.llm'));
      const llm = diags.find((d: any) => d.code === 'ambiguity.llm');
      assert.equal(llm.message, '“Recovery emails are sent”: Sent when, and to which address?');
      assert.equal(llm.severity, 3, 'information: account_recovery has user authority');
      assert.equal(fake.requests.length, 1);
      assert.ok(fs.readdirSync(path.join(storage, 'llm-cache')).length > 0, 'answers are cached in the workspace storage');
      await enabled.request('specClarifier/clarify', { uri: authUri });
      assert.equal(fake.requests.length, 1, 'unchanged clauses are not sent again');
      assert.doesNotMatch(enabled.stderr + JSON.stringify(enabled.notifications), /sk-lsp-test/);

      await untrusted.initialize(dir, {}, { trusted: false, settings: { llm: { enabled: true } } });
      assert.match((await untrusted.request('specClarifier/clarify', {})).message, /disabled in Restricted Mode/);
      await off.initialize(dir);
      assert.match((await off.request('specClarifier/clarify', {})).message, /^3 clarifying questions from the built-in lexicon\. The LLM pass is off/); // payments.md's "in a timely manner, etc." states no requirement (issue 13)
      assert.equal(fake.requests.length, 1, 'nothing was sent by the untrusted or disabled servers');
    } finally {
      await Promise.all([enabled.shutdown(), untrusted.shutdown(), off.shutdown()]);
      await fake.close();
    }
  });
});
