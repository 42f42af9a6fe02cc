// Writes: quick fixes and rename only create or rename files inside the workspace, never overwrite an existing file,
// refuse targets outside it (also through a symlinked folder) and say so (a rename fails with the reason; a quick fix
// is shown disabled with the reason where the editor can show that); Restricted Mode offers no file operation and
// says why. Safe edits [^safe_edits] [^se3w]. See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture, LspClient, positionOf, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

function edit(dir: string, rel: string, change: (text: string) => string): void {
  const file = path.join(dir, rel);
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

/** Every file operation of a WorkspaceEdit: inside the folder, and never overwriting. */
function assertSafe(dir: string, workspaceEdit: any): void {
  const root = uri(dir) + '/';
  for (const c of workspaceEdit?.documentChanges ?? []) {
    for (const u of [c.uri, c.oldUri, c.newUri, c.textDocument?.uri].filter(Boolean)) assert.ok(u.startsWith(root), `${u} is outside ${root}`);
    if (c.kind === 'create' || c.kind === 'rename') assert.deepEqual(c.options, { overwrite: false, ignoreIfExists: false });
  }
}

const renameAt = (client: LspClient, dir: string, newName: string): Promise<any> => {
  const file = path.join(dir, 'src/auth/session.ts');
  return client.request('textDocument/rename', { textDocument: { uri: uri(file) }, position: positionOf(fs.readFileSync(file, 'utf8'), '[^au3f]', 3), newName });
};

describe('safe writes: rename and quick fixes (trusted workspace)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture('shop');
    // An example file that exists but is not indexed (ignored), one that is indexed, and an examples pattern that
    // points outside (invalid: the default is used).
    fs.writeFileSync(path.join(dir, '.gitignore'), 'examples/ignored1.md\n');
    fs.writeFileSync(path.join(dir, 'examples/ignored1.md'), 'not yours\n');
    fs.writeFileSync(path.join(dir, 'examples/zz9z.md'), 'Examples for something else\n');
    fs.writeFileSync(path.join(dir, '.clarifier.json'), '{"examples": "../../outside/{id}.md"}\n');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client.shutdown());

  it('an examples pattern leading outside is refused as config.invalid, and fixes keep to the default inside', async () => {
    const config = await client.diagnosticsFor(uri(path.join(dir, '.clarifier.json')), (d) => d.length > 0);
    assert.match(config[0].message, /^Invalid \.clarifier\.json: examples: .*Using the default for it\.$/);
    const spec = await client.diagnosticsFor(uri(path.join(dir, 'specs/auth.md')), (d) => d.some((x: any) => x.code === 'example.missing'));
    const missing = spec.find((d: any) => d.code === 'example.missing');
    assert.equal(missing.data.path, 'examples/lk2m.md');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) }, range: missing.range, context: { diagnostics: [missing] } });
    for (const a of actions) assertSafe(dir, a.edit);
    assert.ok(actions.some((a: any) => a.title === 'Create example file examples/lk2m.md'));
  });

  it('rename refuses an id whose example file would collide with an indexed file', async () => {
    await assert.rejects(renameAt(client, dir, 'zz9z'), /Cannot rename the example file: examples\/zz9z\.md already exists/);
  });

  it('rename refuses an id whose example file exists on disk but is not indexed (never overwritten), and says so', async () => {
    await assert.rejects(renameAt(client, dir, 'ignored1'), /examples\/ignored1\.md already exists; it is never overwritten/);
    assert.equal(fs.readFileSync(path.join(dir, 'examples/ignored1.md'), 'utf8'), 'not yours\n');
  });

  it('rename refuses ids that look like paths', async () => {
    for (const name of ['../../etc/passwd', '/etc/passwd', '..\\x', 'a/b']) await assert.rejects(renameAt(client, dir, name), /is not a valid id/);
  });

  it('a rename that is allowed renames the example inside the workspace, without overwriting', async () => {
    const result = await renameAt(client, dir, 'se55');
    assertSafe(dir, result);
    const rename = result.documentChanges.find((c: any) => c.kind === 'rename');
    assert.equal(rename.newUri, uri(path.join(dir, 'examples/se55.md')));
  });

  it('no "create" quick fix when the file appeared on disk before the index heard of it', async () => {
    fs.writeFileSync(path.join(dir, 'examples/lk2m.md'), 'written by someone else\n');
    const spec = await client.diagnosticsFor(uri(path.join(dir, 'specs/auth.md')), (d) => d.some((x: any) => x.code === 'example.missing'));
    const missing = spec.find((d: any) => d.code === 'example.missing');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) }, range: missing.range, context: { diagnostics: [missing] } });
    assert.ok(!actions.some((a: any) => a.title.startsWith('Create example file')), JSON.stringify(actions.map((a: any) => a.title)));
    assert.equal(fs.readFileSync(path.join(dir, 'examples/lk2m.md'), 'utf8'), 'written by someone else\n');
  });

  it('every file operation offered anywhere in the workspace stays inside and never overwrites', async () => {
    const report = await client.request('workspace/symbol', { query: '' });
    assert.ok(report.length > 0);
    for (const rel of ['specs/auth.md', 'specs/payments.md', 'src/payments/charge.py', 'examples/zz9z.md']) {
      const diags = await client.diagnosticsFor(uri(path.join(dir, rel)));
      for (const d of diags) {
        const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, rel)) }, range: d.range, context: { diagnostics: [d] } });
        for (const a of actions) assertSafe(dir, a.edit);
      }
    }
  });
});

describe('safe writes: a symlinked examples folder and definitions leading outside', function () {
  this.timeout(60_000);
  let dir: string;
  let outside: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture('shop');
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-outside-examples-')));
    // examples/ is a symlink to a folder outside the workspace; the definitions name files through it and outside.
    fs.rmSync(path.join(dir, 'examples'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, 'examples'));
    edit(dir, 'specs/auth.md', (t) => `${t}\n[^lk2m]: ../examples/lk2m.md\n[^pw7k]: ../../../../outside/pw7k.md\n`);
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client.shutdown());

  it('offers no fix that would create a file through the symlink, and names outside definitions', async () => {
    const diags = await client.diagnosticsFor(uri(path.join(dir, 'specs/auth.md')), (d) => d.filter((x: any) => x.code === 'example.missing').length === 2);
    const outsideDef = diags.find((d: any) => d.code === 'example.missing' && d.data.outside);
    assert.match(outsideDef.message, /^The example of `\[\^pw7k\]` points outside the workspace \(`\.\.\/\.\.\/\.\.\/\.\.\/outside\/pw7k\.md`\); it is not read\.$/);
    for (const d of diags.filter((x: any) => x.code === 'example.missing')) {
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(!actions.some((a: any) => a.edit?.documentChanges?.some((c: any) => c.kind === 'create')), JSON.stringify(actions.map((a: any) => a.title)));
      for (const a of actions) assertSafe(dir, a.edit);
    }
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside');
  });

  it('to an editor that shows disabled actions, the refused fix is shown disabled with the reason (no edit)', async () => {
    const other = new LspClient();
    try {
      await other.initialize(dir, { textDocument: { codeAction: { disabledSupport: true } } });
      const diags = await other.diagnosticsFor(uri(path.join(dir, 'specs/auth.md')), (d) => d.some((x: any) => x.code === 'example.missing' && x.data.id === 'lk2m'));
      const d = diags.find((x: any) => x.code === 'example.missing' && x.data.id === 'lk2m');
      const actions = await other.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) }, range: d.range, context: { diagnostics: [d] } });
      const create = actions.find((a: any) => /^Create example file/.test(a.title));
      assert.ok(create, JSON.stringify(actions.map((a: any) => a.title)));
      assert.equal(create.edit, undefined);
      assert.equal(create.command, undefined);
      assert.match(create.disabled.reason, /^examples\/lk2m\.md leads outside the workspace folder .* through a symbolic link; nothing was changed\.$/);
    } finally {
      await other.shutdown();
    }
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside');
  });
});

describe('safe writes: Restricted Mode (untrusted workspace)', function () {
  this.timeout(60_000);
  it('refuses a rename that renames a file, and says why', async () => {
    const dir = copyFixture('shop');
    const client = new LspClient();
    try {
      await client.initialize(dir, {}, { trusted: false });
      await assert.rejects(renameAt(client, dir, 'se55'), /disabled in Restricted Mode \(untrusted workspace\)/);
      // A rename that touches no file is a text edit: allowed.
      const file = path.join(dir, 'specs/auth.md');
      const text = await client.request('textDocument/rename', { textDocument: { uri: uri(file) }, position: positionOf(fs.readFileSync(file, 'utf8'), '{#passwords', 3), newName: 'pw_rules' });
      assert.ok(text.documentChanges.every((c: any) => c.kind === undefined));
    } finally {
      await client.shutdown();
    }
  });

  it('shows the file-creating quick fix disabled, with the reason, to an editor that shows disabled actions', async () => {
    const dir = copyFixture('shop');
    const client = new LspClient();
    try {
      await client.initialize(dir, { textDocument: { codeAction: { disabledSupport: true } } }, { trusted: false });
      const d = (await client.diagnosticsFor(uri(path.join(dir, 'specs/auth.md')), (list) => list.some((x: any) => x.code === 'example.missing'))).find((x: any) => x.code === 'example.missing');
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri(path.join(dir, 'specs/auth.md')) }, range: d.range, context: { diagnostics: [d] } });
      const create = actions.find((a: any) => /^Create example file/.test(a.title));
      assert.ok(create, JSON.stringify(actions.map((a: any) => a.title)));
      assert.equal(create.edit, undefined);
      assert.equal(create.disabled.reason, 'Creating, renaming or deleting files is disabled in Restricted Mode (untrusted workspace).');
      // The text fix is still offered, enabled.
      assert.ok(actions.some((a: any) => /^Add footnote definition/.test(a.title) && a.edit && !a.disabled));
      assert.ok(!fs.existsSync(path.join(dir, 'examples/lk2m.md')));
    } finally {
      await client.shutdown();
    }
  });
});
