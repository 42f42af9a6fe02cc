// Editor polish, round trips over stdio against dist/server.js: the hover renders the example as Markdown [^hv5x],
// the outline nests footnotes [^ol4n], lenses only where they say something [^lz2q], "Create example file" opens the
// file [^ce8o], the status bar and the report count coverage alike [^cv3r] and in words [^pl1u].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, LspClient, positionOf, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What a user sees as the outline: `name` lines indented by depth. */
function outlineNames(symbols: any[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...outlineNames(s.children ?? [], depth + 1)]);
}

describe('editor polish (stdio, the demo workspace)', function () {
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);

  before(async () => {
    dir = copyFixture('shop');
    client = new LspClient();
    await client.initialize(dir, { window: { workDoneProgress: true, showDocument: { support: true } } });
  });
  after(async () => client.shutdown());

  it('the hover shows the example file as Markdown, line by line, not as a code block', async () => {
    const text = fs.readFileSync(file('src/auth/session.ts'), 'utf8');
    const u = client.open(file('src/auth/session.ts'), 'typescript');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: u }, position: positionOf(text, '[^au3f]', 3) });
    const md: string = hover.contents.value;
    assert.equal(hover.contents.kind, 'markdown');
    assert.ok(!md.includes('```'), md);
    assert.ok(
      md.includes('Examples for [^au3f] in Sessions:\n\n**Example**: an idle session\n\nGiven: a customer signed in at 10:00 and made no request since.\n\n- Compliant: a request at 10:31 is redirected'),
      md,
    );
  });

  it('the status bar and the coverage report give the same coverage, in the same words', async () => {
    const status = [...client.notifications].reverse().find((n) => n.method === 'specClarifier/status')!.params;
    assert.equal(status.text, '12 clauses · 75% covered');
    assert.match(status.tooltip, /12 clauses, 9 covered by code or tests \(cited, or a clause inside is\): 75%\. 8 citations\.\n\n1 error, 5 warnings\./);
    const report: string = await client.request('specClarifier/report', {});
    assert.match(report, /^12 clauses in 2 spec files; 9 covered by code or tests \(cited, or a clause inside is\): 75%;/m);
    assert.equal(report.match(/^\| `\w+` \|.*\| no \|/gm)?.length, 12 - 9);
  });

  it('code lenses stand above heading clauses, and say "not cited" above uncovered clauses; none above a cited footnote', async () => {
    const lenses = async (rel: string): Promise<string[]> =>
      (await client.request('textDocument/codeLens', { textDocument: { uri: uri(file(rel)) } })).map((l: any) => `${l.range.start.line}: ${l.command.title}`);
    assert.deepEqual(await lenses('specs/auth.md'), [
      '0: 0 implementations · 0 tests · 5 citations of clauses inside',
      '4: 0 implementations · 0 tests · 2 citations of clauses inside',
      '9: 1 implementation · 0 tests · 2 citations of clauses inside',
      '14: not cited',
    ]);
    assert.deepEqual((await lenses('specs/payments.md')).slice(-2), ['9: not cited', '11: [^rf9x]: not cited']);
  });

  it('the outline nests footnote clauses under their section, named by what they annotate', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uri(file('specs/auth.md')) } });
    assert.deepEqual(outlineNames(symbols), [
      'Authentication',
      '  Sessions',
      '    [^au3f] Idle sessions expire after 30 minutes',
      '  Passwords',
      '    [^pw7k] …they are stored; plain-text passwords never reach a log',
      '    [^lk2m] …within 15 minutes the account is locked for 15 minutes',
      '  Account recovery',
    ]);
  });

  it('"Create example file" creates the file and then asks the editor to open it (window/showDocument)', async () => {
    const diags = await client.diagnosticsFor(uri(file('specs/auth.md')), (d) => d.some((x: any) => x.code === 'example.missing'));
    const missing = diags.find((d: any) => d.code === 'example.missing');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(file('specs/auth.md')) }, range: missing.range, context: { diagnostics: [missing] } });
    const create = actions.find((a: any) => a.title === 'Create example file examples/lk2m.md');
    assert.equal(create.edit.documentChanges[0].kind, 'create');
    assert.deepEqual(create.command, { title: 'Create example file examples/lk2m.md', command: 'specClarifier.showDocument', arguments: [{ uri: uri(file('examples/lk2m.md')) }] });
    // The editor applies the edit, then runs the command: the server asks it to show the new file.
    fs.writeFileSync(file('examples/lk2m.md'), create.edit.documentChanges[1].edits[0].newText);
    const before = client.serverRequests.length;
    await client.request('workspace/executeCommand', { command: create.command.command, arguments: create.command.arguments });
    assert.deepEqual(client.serverRequests.slice(before), [{ method: 'window/showDocument', params: { uri: uri(file('examples/lk2m.md')), takeFocus: true } }]);
    // Never a file outside the workspace, whatever the arguments say.
    await client.request('workspace/executeCommand', { command: 'specClarifier.showDocument', arguments: [{ uri: uri(path.join(dir, '..', 'elsewhere.md')) }] });
    await client.request('workspace/executeCommand', { command: 'specClarifier.showDocument', arguments: [{ uri: 42 }] });
    assert.equal(client.serverRequests.length, before + 1);
  });
});

describe('editor polish (stdio, the real Model Spec)', function () {
  it('the outline of model_spec.md: 116 footnotes nested under their sections, none at the top level', async () => {
    const dir = copyFixture('model_spec');
    const client = new LspClient();
    try {
      await client.initialize(dir);
      const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uri(path.join(dir, 'model_spec.md')) } });
      const names = outlineNames(symbols);
      assert.equal(names.filter((n) => /^\s*\[\^\w+\] \S/.test(n)).length, 116, 'every footnote row has words, not only its id');
      assert.ok(!names.some((n) => n.startsWith('[^')), 'no footnote at the top level');
      const chain = names.indexOf('The chain of command');
      assert.equal(names[chain + 1], '  [^8ep1] Above all else, the assistant must adhere to this Model Spec');
    } finally {
      await client.shutdown();
    }
  });
});
