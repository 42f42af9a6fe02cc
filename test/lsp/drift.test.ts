// Stale citations in the editor [^dr1s]: computed from the git history in the background after indexing and on save,
// published with the other diagnostics, the clause then and now in the hover; touching the citing line clears it; the
// setting turns it off.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scriptedRepo } from '../helpers/gitHistory';
import { LspClient, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('stale citations in the language server (scripted git history, stdio)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  const stale = (list: any[]): any[] => list.filter((d) => d.code === 'citation.stale');

  before(async () => {
    ({ dir } = scriptedRepo([
      {
        date: '2026-01-01T12:00:00Z',
        files: {
          'specs/logs.md': '# Retention {#retention}\n\nDelete logs after 30 days.\n',
          'src/a.ts': 'export const days = 30; // [^retention]\n',
          'src/b.ts': 'export const keep = 30; // [^retention]\n',
        },
      },
      { date: '2026-02-01T12:00:00Z', files: { 'specs/logs.md': '# Retention {#retention}\n\nDelete logs after 90 days.\n' } },
    ]));
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client.shutdown());

  it('publishes citation.stale after indexing, and says so in the status while it runs', async () => {
    const list = await client.diagnosticsFor(uri(path.join(dir, 'src/a.ts')), (d) => stale(d).length > 0);
    assert.deepEqual(
      stale(list).map((d) => [d.severity, d.range.start, d.data.id]),
      [[2, { line: 0, character: 29 }, 'retention']],
    );
    assert.match(stale(list)[0].message, /^Clause `retention` changed in [0-9a-f]{7} on 2026-02-01, after this line was last changed \([0-9a-f]{7} on 2026-01-01\)/);
    await client.waitFor((n) => n.method === 'specClarifier/status' && n.params.checkingStale === true, 'a status while checking');
    await client.waitFor((n) => n.method === 'specClarifier/status' && n.params.checkingStale === undefined && n.params.warnings === 2, 'a status after the check');
  });

  it('the hover of a stale citation shows the clause then and now', async () => {
    const u = uri(path.join(dir, 'src/b.ts'));
    await client.diagnosticsFor(u, (d) => stale(d).length > 0);
    const hover = await client.request<any>('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 31 } });
    const md: string = hover.contents.value;
    assert.match(md, /Stale citation/);
    assert.match(md, /\*\*Then\*\* \(as of `[0-9a-f]{7}`\):\n\n> Retention Delete logs after 30 days\./);
    assert.match(md, /\*\*Now\*\*:\n\n> Retention Delete logs after 90 days\./);
    assert.match(md, /~~30~~ \*\*90\*\*/);
  });

  it('touching the citing line and saving clears it (the other citation stays)', async () => {
    const file = path.join(dir, 'src/a.ts');
    const u = client.open(file, 'typescript');
    const text = 'export const days = 90; // [^retention]\n';
    client.notify('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text }] });
    fs.writeFileSync(file, text);
    client.notify('textDocument/didSave', { textDocument: { uri: u } });
    await client.diagnosticsFor(u, (d) => stale(d).length === 0);
    const b = await client.diagnosticsFor(uri(path.join(dir, 'src/b.ts')));
    assert.equal(stale(b).length, 1);
  });

  it('an unsaved edit of a citing line touches it too, at the next run (blame of the editor\'s text)', async () => {
    const u = client.open(path.join(dir, 'src/b.ts'), 'typescript');
    // The citation stays where it was; the line's text changes after it.
    client.notify('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 39 }, end: { line: 0, character: 39 } }, text: ' re-checked' }] });
    assert.equal(stale(await client.diagnosticsFor(u)).length, 1);
    client.notify('textDocument/didSave', { textDocument: { uri: uri(path.join(dir, 'src/a.ts')) } });
    await client.diagnosticsFor(u, (d) => stale(d).length === 0);
    client.notify('textDocument/didChange', { textDocument: { uri: u, version: 3 }, contentChanges: [{ text: fs.readFileSync(path.join(dir, 'src/b.ts'), 'utf8') }] });
    client.notify('textDocument/didSave', { textDocument: { uri: u } });
    await client.diagnosticsFor(u, (d) => stale(d).length === 1);
  });

  it('specClarifier.stale.enabled = false clears them', async () => {
    client.notify('specClarifier/settings', { stale: { enabled: false } });
    await client.diagnosticsFor(uri(path.join(dir, 'src/b.ts')), (d) => stale(d).length === 0);
  });
});
