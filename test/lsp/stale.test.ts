// Quick fixes and answers are never stale: each is computed from the server's current text (the editor's diagnostics
// are found again by what they name, not by their range) and carries the version of the text it was made for, so an
// editor refuses it if the document moved on [^se5v]. The answer is data [^cq8d]; the decision record adds no
// diagnostic [^cq2r]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, LspClient, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('quick fixes and answers are made for the current text (stdio)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);
  const read = (rel: string): string => fs.readFileSync(file(rel), 'utf8');
  const versions = new Map<string, number>();

  /** Inserts text at a position of an open document (incremental sync), as the editor does when the user types. */
  function type(u: string, line: number, character: number, text: string): number {
    const version = (versions.get(u) ?? 1) + 1;
    versions.set(u, version);
    client.notify('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] });
    return version;
  }

  before(async () => {
    dir = copyFixture('shop');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client.shutdown());

  it('"Change to `rf9x`" after a line was inserted above: the edit is made at the typo where it is now, under the new version', async () => {
    const u = uri(file('src/payments/charge.py'));
    const stale = (await client.diagnosticsFor(u, (d) => d.length > 0)).find((d: any) => d.code === 'citation.unknown-id');
    assert.equal(stale.range.start.line, 9);
    client.open(file('src/payments/charge.py'), 'python');
    const version = type(u, 0, 0, '# A new first line\n');
    // The editor still holds the diagnostic of the old text (line 9) and sends it back.
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: stale.range, context: { diagnostics: [stale] } });
    const change = actions.find((a: any) => a.title === 'Change to `rf9x`');
    assert.ok(change, JSON.stringify(actions.map((a: any) => a.title)));
    const [doc] = change.edit.documentChanges;
    assert.equal(doc.textDocument.version, version);
    assert.deepEqual(doc.edits, [{ range: { start: { line: 10, character: stale.range.start.character }, end: { line: 10, character: stale.range.end.character } }, newText: 'rf9x' }]);
    client.notify('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('"Delete unused example file" is not offered once the example became used', async () => {
    fs.writeFileSync(file('examples/rf9y.md'), 'Examples for the refund window\n');
    const example = uri(file('examples/rf9y.md'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: example, type: 1 }] });
    const unused = await client.diagnosticsFor(example, (d) => d.some((x: any) => x.code === 'example.unused'));
    // The spec now uses it (typed in the editor, not saved).
    const spec = client.open(file('specs/payments.md'), 'markdown');
    const lines = read('specs/payments.md').split('\n');
    type(spec, lines.length - 1, 0, '\nPartial refunds follow the same window[^rf9y].\n');
    await client.diagnosticsFor(example, (d) => d.length === 0);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: example }, range: unused[0].range, context: { diagnostics: unused } });
    assert.deepEqual(actions.map((a: any) => a.title), []);
    client.notify('textDocument/didClose', { textDocument: { uri: spec } });
  });

  it('Answer after the user typed before the phrase: the answer replaces the phrase where it is now, as data, under the new version', async () => {
    const u = client.open(file('specs/auth.md'), 'markdown');
    const quickly = (await client.diagnosticsFor(u, (d) => d.some((x: any) => x.code === 'ambiguity.vague'))).find((d: any) => d.code === 'ambiguity.vague');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: quickly.range, context: { diagnostics: [quickly] } });
    const args = actions.find((a: any) => a.title.startsWith('Answer: How soon')).command.arguments[0];
    assert.equal(args.stamp, `v${versions.get(u) ?? 1}`);
    // While the user types the answer, they also type before the phrase on its line.
    const version = type(u, quickly.range.start.line, 0, 'Always: ');
    const edit = await client.request('specClarifier/answer', { ...args, answer: '200 ms <!-- p95', mode: 'replace', date: '2026-11-21' });
    const [doc] = edit.documentChanges;
    assert.equal(doc.textDocument.version, version);
    const shift = 'Always: '.length;
    assert.deepEqual(doc.edits[0], {
      range: { start: { line: quickly.range.start.line, character: quickly.range.start.character + shift }, end: { line: quickly.range.end.line, character: quickly.range.end.character + shift } },
      newText: '200 ms \\<\\!-- p95',
    });
    assert.match(doc.edits[1].newText, /\n## Clarifications\n\n[\s\S]*- 2026-11-21 · `sessions` · “quickly”: How soon .* → \*\*200 ms \\<\\!-- p95\*\*\n$/);
    client.notify('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('answers in two specs: no duplicate id, no uncited clause, no new diagnostic at all', async () => {
    const before = new Map<string, any[]>();
    const answer = async (rel: string, text: string): Promise<void> => {
      const u = uri(file(rel));
      const diags = await client.diagnosticsFor(u);
      before.set(rel, diags);
      const vague = diags.find((d: any) => d.code === 'ambiguity.vague' || d.code === 'ambiguity.time');
      assert.ok(vague, `${rel}: ${JSON.stringify(diags.map((d: any) => d.code))}`);
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: vague.range, context: { diagnostics: [vague] } });
      const args = actions.find((a: any) => a.title.startsWith('Answer:')).command.arguments[0];
      const edit = await client.request('specClarifier/answer', { ...args, answer: text, mode: 'replace', date: '2026-11-21' });
      // Apply it as an editor would, on disk (the documents are closed), and tell the server.
      let content = read(rel);
      const lines = content.split('\n');
      const offset = (p: any): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      for (const e of [...edit.documentChanges[0].edits].reverse()) content = content.slice(0, offset(e.range.start)) + e.newText + content.slice(offset(e.range.end));
      fs.writeFileSync(file(rel), content);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 2 }] });
    };
    fs.appendFileSync(file('specs/payments.md'), '\nRefund requests should be handled quickly.\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file('specs/payments.md')), type: 2 }] });
    await client.diagnosticsFor(uri(file('specs/payments.md')), (d) => d.some((x: any) => (x.code === 'ambiguity.vague' || x.code === 'ambiguity.time') && x.message.startsWith('“quickly”')));
    await answer('specs/auth.md', 'within 300 ms (p95)');
    await client.diagnosticsFor(uri(file('specs/auth.md')), (d) => d.length === before.get('specs/auth.md')!.length - 1);
    await answer('specs/payments.md', 'within 1 business day');
    const after = await client.diagnosticsFor(uri(file('specs/payments.md')), (d) => d.length === before.get('specs/payments.md')!.length - 1);
    const auth = await client.diagnosticsFor(uri(file('specs/auth.md')));
    const codes = (list: any[]): string[] => list.map((d: any) => `${d.code}@${d.range.start.line}`);
    // Exactly the answered question is gone; nothing is new (no clause.duplicate-id, no clause.uncited, no ambiguity in the record).
    assert.deepEqual(codes(auth), codes(before.get('specs/auth.md')!).filter((c) => c !== 'ambiguity.vague@7'));
    assert.ok(codes(after).every((c) => codes(before.get('specs/payments.md')!).includes(c)), JSON.stringify(codes(after)));
    assert.equal((read('specs/auth.md').match(/^## Clarifications$/gm) ?? []).length, 1);
    assert.equal((read('specs/payments.md').match(/^## Clarifications$/gm) ?? []).length, 1);
  });
});
