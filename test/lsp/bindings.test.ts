// Language server round trips on a bound document: fragments a binder list binds into one page [^ln8b].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, LspClient, positionOf, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('language server: a bound document', function () {
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);
  const anchors = (diags: any[]): string[] => diags.map((d: any) => `${d.code}:${d.range.start.line + 1}:${d.data?.anchor}`);

  before(async () => {
    dir = copyFixture('bound-fragments');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('same-page links of a fragment resolve in the other fragments; definition goes there', async () => {
    const canopy = await client.diagnosticsFor(uri(file('kite/src/canopy.md')), (d) => d.length > 0);
    assert.deepEqual(anchors(canopy), ['link.broken-anchor:8:canopy-hem']);
    const rel = 'kite/src/canopy.md';
    const u = client.open(file(rel), 'markdown');
    const defs = await client.request('textDocument/definition', { textDocument: { uri: u }, position: positionOf(fs.readFileSync(file(rel), 'utf8'), '#tether-object--strength', 3) });
    assert.deepEqual(defs.map((l: any) => [l.uri, l.range.start.line]), [[uri(file('kite/src/tether.md')), 2]]);
  });

  it('the binder list changes (a file event): the fragment it no longer binds reads alone again, and back', async () => {
    const binder = file('kite/etc/bind.txt');
    const before = fs.readFileSync(binder, 'utf8');
    fs.writeFileSync(binder, before.replace('tether.md\n', ''));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(binder), type: 2 }] });
    const alone = await client.diagnosticsFor(uri(file('kite/src/tether.md')), (d) => d.length > 0);
    assert.deepEqual(anchors(alone), ['link.broken-anchor:5:canopy-object--colour']);
    fs.writeFileSync(binder, before);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(binder), type: 2 }] });
    await client.diagnosticsFor(uri(file('kite/src/tether.md')), (d) => d.length === 0);
  });
});
