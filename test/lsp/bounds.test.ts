// A document too large to index on every edit [^big_documents]: opened in the server (12 MB, not on disk), it is not
// parsed, the status names it, and the server keeps answering from the index; shrunk below the limit, it is indexed
// again. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, LspClient, positionOf, uri } from './client';

describe('a 12 MB document opened in the server', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture('shop');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client.shutdown());

  it('is not indexed on edits, the status names it, hover keeps answering; below the limit it is indexed again', async () => {
    const file = path.join(dir, 'specs/huge.md');
    const paragraph = 'The service must respond quickly[^hg1a] and retry as appropriate.\n\n';
    const huge = '# Huge {#huge_spec authority=root}\n\n' + paragraph.repeat(Math.ceil(12e6 / paragraph.length));
    const docUri = client.open(file, 'markdown', huge);
    const status = await client.waitFor((n) => n.method === 'specClarifier/status' && Array.isArray(n.params.largeDocuments) && n.params.largeDocuments.includes(docUri), 'a status naming the large document', 60_000);
    assert.deepEqual(status.params.largeDocuments, [docUri]);

    // The index answers as before: hover on a citation in code, and the big text's clause is not there.
    const session = path.join(dir, 'src/auth/session.ts');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uri(session) }, position: positionOf(fs.readFileSync(session, 'utf8'), '[^au3f]', 3) }, 60_000);
    assert.match(hover.contents.value, /au3f/);
    const definition = await client.request('textDocument/definition', { textDocument: { uri: docUri }, position: positionOf(huge, '[^hg1a]', 3) }, 60_000);
    assert.ok(definition === null || (Array.isArray(definition) && definition.length === 0), JSON.stringify(definition));

    // Shrunk below the limit: indexed, and the status no longer names it.
    const small = '# Small {#small_spec authority=root}\n\nThe service must respond[^hg1a].\n';
    client.notify('textDocument/didChange', { textDocument: { uri: docUri, version: 2 }, contentChanges: [{ text: small }] });
    await client.waitFor((n) => n.method === 'specClarifier/status' && !n.params.largeDocuments, 'a status without large documents', 60_000);
    const after = await client.request('textDocument/definition', { textDocument: { uri: docUri }, position: positionOf(small, '[^hg1a]', 3) }, 60_000);
    assert.ok(Array.isArray(after) ? after.length > 0 : after !== null, JSON.stringify(after));
  });

  it('publishes at most 1,000 diagnostics of one file, the most severe first', async () => {
    // 1,500 footnotes without examples (warnings), uncited (infos), and a duplicate id (an error) at the end of the file.
    const file = path.join(dir, 'specs/many.md');
    const text = '# Many {#many_refs authority=user}\n\n' + Array.from({ length: 1500 }, (_, i) => `Rule ${i}[^mr${i}].\n\n`).join('') + '# Again {#many_refs}\n';
    fs.writeFileSync(file, text);
    const docUri = client.open(file, 'markdown', text);
    const published = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === docUri && n.params.diagnostics.length > 0, 'diagnostics of the spec', 60_000);
    const list = published.params.diagnostics as { code: string; severity: number }[];
    assert.equal(list.length, 1000);
    assert.equal(list[0]!.code, 'clause.duplicate-id');
    assert.ok(list.every((d, i) => i === 0 || list[i - 1]!.severity <= d.severity), 'most severe first');
  });
});
