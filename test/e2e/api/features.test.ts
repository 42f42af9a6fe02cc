// API-level e2e suite: runs inside the extension host of a real VS Code (code-server, or @vscode/test-electron) with
// the packaged extension installed and a copy of test/fixtures/shop open, and asks the editor — not the server —
// through its own commands, so the client, the protocol conversion and the editor's handling are all in the loop.
// Expectations mirror test/lsp/server.test.ts. Tests run in order: the quick fixes and the rename change the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'spec-clarifier.spec-clarifier';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the demo workspace is open');
  return folder.uri;
}
const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root(), rel);
const rel = (uri: vscode.Uri): string => uri.path.slice(root().path.length + 1);

async function positionOf(relPath: string, needle: string, offset: number): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(file(relPath));
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${relPath}`);
  return doc.positionAt(at + offset);
}

/** Polls a condition with a deadline (the language server indexes and publishes asynchronously). */
async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const diagnostics = (relPath: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(file(relPath));
const brief = (ds: readonly vscode.Diagnostic[]): string => JSON.stringify(ds.map((d) => `${codeOf(d)}@${d.range.start.line}: ${d.message}`));

async function readDisk(relPath: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file(relPath)));
  } catch {
    return undefined;
  }
}

/**
 * The code action of `relPath` at `range` that `pick` selects, asked again until it is there: the server may be
 * re-indexing after an earlier test's file events, and the editor answers with the other providers' actions meanwhile.
 */
async function codeAction(relPath: string, range: vscode.Range, pick: (a: vscode.CodeAction) => boolean): Promise<vscode.CodeAction> {
  let seen: string[] = [];
  try {
    return await until(`a code action in ${relPath}`, async () => {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', file(relPath), range);
      seen = actions.map((a) => a.title);
      return actions.find((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string' && pick(a as vscode.CodeAction));
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}; the editor offered: ${seen.join(', ') || 'nothing'}`);
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function target(d: vscode.Location | vscode.LocationLink): { file: string; line: number } {
  return 'targetUri' in d ? { file: rel(d.targetUri), line: (d.targetSelectionRange ?? d.targetRange).start.line } : { file: rel(d.uri), line: d.range.start.line };
}

describe('Spec Clarifier in a real VS Code (API level)', function () {
  this.timeout(90_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    // The server indexes the folder after start-up and then publishes diagnostics for files that are not open too.
    await until('diagnostics of src/payments/charge.py', () => diagnostics('src/payments/charge.py').length > 0, 60_000);
  });

  it('diagnostics: an unknown id in code, a missing example in the spec', () => {
    const charge = diagnostics('src/payments/charge.py');
    assert.equal(charge.length, 1, brief(charge));
    assert.equal(codeOf(charge[0]!), 'citation.unknown-id');
    assert.equal(charge[0]!.message, 'Unknown clause id `rf9z`; did you mean `rf9x`?');
    assert.equal(charge[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(charge[0]!.range.start.line, 9);
    const auth = diagnostics('specs/auth.md');
    assert.ok(
      auth.some((d) => codeOf(d) === 'example.missing' && d.message.includes('lk2m') && d.severity === vscode.DiagnosticSeverity.Warning),
      brief(auth),
    );
  });

  it('hover on a citation shows the clause, its section and the citation counts', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file('src/auth/session.ts'), await positionOf('src/auth/session.ts', '[^au3f]', 3));
    const text = hoverText(hovers);
    assert.match(text, /\*\*Sessions\*\* · `au3f` · footnote clause · authority \*\*root\*\*/, text);
    assert.match(text, /Idle sessions expire after 30 minutes/, text);
    assert.match(text, /Cited by 1 implementation · 1 test/, text);
    assert.match(text, /Example: \[examples\/au3f\.md\]/, text);
  });

  it('go to definition jumps from code into the spec', async () => {
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      file('src/auth/session.ts'),
      await positionOf('src/auth/session.ts', '[^au3f]', 2),
    );
    assert.deepEqual(defs.map(target), [{ file: 'specs/auth.md', line: 6 }]);
  });

  it('references of a footnote clause: code, test, spec and the example back-reference', async () => {
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', file('specs/auth.md'), await positionOf('specs/auth.md', '[^au3f]', 2));
    const found = refs.map((r) => `${rel(r.uri)}:${r.range.start.line}`);
    for (const expected of ['examples/au3f.md:0', 'src/auth/session.ts:2', 'tests/session.test.ts:2']) assert.ok(found.includes(expected), `${expected} in ${found.join(', ')}`);
  });

  it('completion after [^ in a comment offers clause ids', async () => {
    const uri = file('src/auth/new.ts');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('const a = 1; // see [^\nconst s = "[^";\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const inComment = doc.positionAt(doc.getText().indexOf('[^') + 2);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inComment, '^');
      const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
      const au3f = list.items.find((i) => label(i) === 'au3f');
      assert.ok(au3f, `au3f among ${list.items.map(label).join(', ')}`);
      assert.equal(typeof au3f.insertText === 'string' ? au3f.insertText : au3f.insertText?.value, 'au3f]');
      assert.match(String(au3f.detail), /^root · footnote clause — Sessions$/);
      assert.ok(list.items.some((i) => label(i) === 'account_recovery'));
      const inString = doc.positionAt(doc.getText().indexOf('"[^') + 3);
      const none = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inString, '^');
      // Only this extension's items (word-based suggestions from other open files may also offer "au3f").
      const ours = (l: vscode.CompletionList): vscode.CompletionItem[] => l.items.filter((i) => / clause — /.test(String(i.detail)));
      assert.ok(ours(list).length >= 10, 'clause ids in a comment');
      assert.deepEqual(ours(none).map(label), [], 'no clause ids inside a string');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('code lenses only where they say something: heading clauses, "not cited"; none above a cited footnote', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file('specs/auth.md'));
    const titles = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
    assert.deepEqual(titles, [
      '0: 0 implementations · 0 tests · 5 citations of clauses inside',
      '4: 0 implementations · 0 tests · 2 citations of clauses inside',
      '9: 1 implementation · 0 tests · 2 citations of clauses inside',
      '14: not cited',
    ]);
  });

  it('the outline nests each footnote clause under its section, named by the words it annotates', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', file('specs/auth.md'));
    // Other providers (VS Code's Markdown support) add their own headings: look at this extension's tree.
    const ours = symbols.find((s) => s.name === 'Authentication' && s.detail === '{#auth} root');
    assert.ok(ours, symbols.map((s) => `${s.name} ${s.detail}`).join(', '));
    const sessions = ours.children.find((c) => c.name === 'Sessions');
    assert.deepEqual(sessions?.children.map((c) => c.name), ['[^au3f] Idle sessions expire after 30 minutes']);
    assert.ok(sessions.range.contains(sessions.children[0]!.range), 'the section range holds its footnote');
  });

  it('quick fix "Create example file" applied with workspace.applyEdit creates the file with its template', async () => {
    const missing = diagnostics('specs/auth.md').find((d) => codeOf(d) === 'example.missing' && d.message.includes('lk2m'));
    assert.ok(missing, brief(diagnostics('specs/auth.md')));
    const create = await codeAction('specs/auth.md', missing.range, (a) => a.title === 'Create example file examples/lk2m.md');
    assert.ok(create.edit);
    // After the edit, the editor runs the command that opens the new file (the UI scenario checks the tab).
    assert.equal(create.command?.command, 'specClarifier.showDocument');
    assert.equal(await readDisk('examples/lk2m.md'), undefined, 'the file does not exist yet');
    assert.equal(await vscode.workspace.applyEdit(create.edit), true, 'applyEdit succeeded');
    const doc = await vscode.workspace.openTextDocument(file('examples/lk2m.md'));
    assert.match(doc.getText(), /^Examples for \[\^lk2m\] in Passwords:\n\n> Passwords are hashed with Argon2id/);
    assert.match(doc.getText(), /## Compliant[\s\S]*## Non-compliant[\s\S]*## Edge cases/);
    // On disk too: the editor saves files changed by a refactoring (files.refactoring.autoSave).
    await until('examples/lk2m.md with the template on disk', async () => (await readDisk('examples/lk2m.md'))?.startsWith('Examples for [^lk2m] in Passwords:'));
    await until('the example.missing warning to go', () => !diagnostics('specs/auth.md').some((d) => codeOf(d) === 'example.missing' && d.message.includes('lk2m')));
  });

  it('quick fix for a typo (in the editor, as a user invokes it) replaces the id with the suggestion', async () => {
    await vscode.window.showTextDocument(file('src/payments/charge.py'));
    const [typo] = diagnostics('src/payments/charge.py');
    assert.ok(typo);
    const fix = await codeAction('src/payments/charge.py', typo.range, (a) => a.isPreferred === true);
    assert.ok(fix.edit);
    assert.equal(fix.title, 'Change to `rf9x`');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    const doc = await vscode.workspace.openTextDocument(file('src/payments/charge.py'));
    assert.match(doc.getText(), /Refunds within 14 days of delivery \[\^rf9x\]/);
    await until('the unknown-id error to go', () => diagnostics('src/payments/charge.py').length === 0);
  });

  // vscode-languageclient keeps the last diagnostics of a file that a full workspace report leaves out: the server
  // sends an empty report for files whose problems went away (this test found that bug).
  it('a typo fixed outside the editor (on disk, file not open) loses its error', async () => {
    const uri = file('tests/test_charge.py');
    const text = await readDisk('tests/test_charge.py');
    assert.ok(text);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.replace('[^py4c]', '[^py4z]')));
    await until('the unknown-id error for py4z', () => diagnostics('tests/test_charge.py').some((d) => d.message.includes('py4z')));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await until('the stale unknown-id error to go', () => diagnostics('tests/test_charge.py').length === 0, 15_000);
  });

  it('rename a clause id from a citation: spec, code, test, example back-reference and the example file', async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', file('src/auth/session.ts'), await positionOf('src/auth/session.ts', '[^au3f]', 3), 'se55');
    assert.ok(edit, 'a workspace edit');
    const textEdits = edit.entries();
    assert.deepEqual(textEdits.map(([uri, edits]) => `${rel(uri)} x${edits.length}`).sort(), ['examples/se55.md x1', 'specs/auth.md x1', 'src/auth/session.ts x1', 'tests/session.test.ts x1']);
    assert.ok(textEdits.every(([, edits]) => edits.every((e) => e.newText === 'se55')));
    // The server sends the file rename first and edits the example under its new name, so the edit applies as
    // returned (VS Code's conversion lists file operations first; F2 keeps the server's order: both work).
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.match((await vscode.workspace.openTextDocument(file('src/auth/session.ts'))).getText(), /\[\^se55\]/);
    assert.match((await vscode.workspace.openTextDocument(file('specs/auth.md'))).getText(), /expire after 30 minutes\[\^se55\]/);
    assert.match((await vscode.workspace.openTextDocument(file('examples/se55.md'))).getText(), /^Examples for \[\^se55\] in Sessions/);
    await until('examples/se55.md on disk (the example file renamed)', async () => (await readDisk('examples/se55.md')) !== undefined);
    assert.equal(await readDisk('examples/au3f.md'), undefined, 'examples/au3f.md is gone');
    const stale = (): boolean => vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => codeOf(d) === 'citation.unknown-id' && /au3f|se55/.test(d.message)));
    await until('no unknown-id errors for au3f or se55 after the rename', () => !stale());
  });
});
