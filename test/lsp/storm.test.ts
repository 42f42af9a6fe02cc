// Edit storm: 2,000 rapid didChange notifications on a spec (incremental sync) against dist/server.js. The last
// publishDiagnostics of the spec carries the final version and equals a fresh check of the final text; no publish
// goes back to an older version; the server keeps answering. The server [^ls2t] [^ls4h]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { loadWorkspace } from '../../server/src/io/workspace';
import { prng } from '../helpers/prng';
import { copyFixture, LspClient, type Notification } from './client';
import * as fs from 'node:fs';

/* eslint-disable @typescript-eslint/no-explicit-any */

const TOKENS = [' quickly', ' [^au3g]', ' [^lk2m]', ' [link](#nope)', ' [ok](#sessions)', '\n\n## Extra {#extra_x authority=user}\n\n', ' etc.', 'x', '\n', ' as appropriate', '{#', '[^', ']'];

/** `count` random incremental edits of `text`: the changes to send and the text after each. */
export function randomEdits(text: string, count: number, seed: number): { changes: { range: any; text: string }[]; texts: string[] } {
  const random = prng(seed);
  const changes: { range: any; text: string }[] = [];
  const texts: string[] = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    const lines = new LineIndex(current);
    const at = Math.floor(random() * (current.length + 1));
    const kind = random();
    let end = at;
    let insert = '';
    if (kind < 0.55) insert = TOKENS[Math.floor(random() * TOKENS.length)]!;
    else if (kind < 0.85) end = Math.min(current.length, at + 1 + Math.floor(random() * 12));
    else {
      end = Math.min(current.length, at + Math.floor(random() * 6));
      insert = TOKENS[Math.floor(random() * TOKENS.length)]!;
    }
    // Never split a \r\n (the fixture has none, but stay honest about positions).
    changes.push({ range: { start: lines.positionAt(at), end: lines.positionAt(end) }, text: insert });
    current = current.slice(0, at) + insert + current.slice(end);
    texts.push(current);
  }
  return { changes, texts };
}

const view = (d: { code: unknown; severity: unknown; range: any; message: string }): string =>
  `${String(d.code)} ${String(d.severity)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

describe('edit storm: 2,000 didChange notifications on a spec', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture('shop');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client.shutdown());

  it('the last publish has the final version and equals a fresh check of the final text; versions never go back', async () => {
    const file = path.join(dir, 'specs/auth.md');
    const original = fs.readFileSync(file, 'utf8');
    const u = client.open(file, 'markdown', original);
    const { changes, texts } = randomEdits(original, 2000, 7);
    const finalVersion = changes.length + 1;
    const started = client.notifications.length;
    for (let i = 0; i < changes.length; i++) client.notify('textDocument/didChange', { textDocument: { uri: u, version: i + 2 }, contentChanges: [changes[i]] });

    // A fresh check of a version's text: a new index of the workspace on disk with that text for the spec.
    const loaded = await loadWorkspace(dir);
    const fresh = (version: number): string[] => {
      loaded.index.updateFile('specs/auth.md', version === 1 ? original : texts[version - 2]!);
      return computeDiagnostics(loaded.index.model(), loaded.config)
        .filter((d) => d.file === 'specs/auth.md')
        .map((d) => view({ ...d, severity: SEVERITY[d.severity] }));
    };
    const expected = fresh(finalVersion);
    const mine = (): Notification[] => client.notifications.slice(started).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u);
    const lastIsFinal = (): boolean => {
      const last = mine().at(-1);
      return last?.params.version === finalVersion && JSON.stringify(last.params.diagnostics.map(view)) === JSON.stringify(expected);
    };
    await client.waitFor(() => lastIsFinal(), 'a publish of the final version with the final diagnostics', 60_000);

    // The server answers, and nothing stale arrives after the final publish.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.ok(Array.isArray(symbols));
    await client.request('workspace/symbol', { query: 'au3f' });
    assert.ok(lastIsFinal(), 'the last publish is still the final one');
    const versions = mine().map((n) => n.params.version as number);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `version ${versions[i]} published after ${versions[i - 1]}`);
    // Every publish matches the text of the version it names (no diagnostics of an older text under a newer version).
    for (const n of mine()) assert.deepEqual(n.params.diagnostics.map(view), fresh(n.params.version), `publish for version ${n.params.version}`);
    assert.ok(versions.length < changes.length / 2, `the storm was coalesced (${versions.length} publishes)`);
    assert.equal(client.exited, false);
  });
});
