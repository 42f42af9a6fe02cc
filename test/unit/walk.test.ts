// Safe workspace reading [^sw2f], skipped files [^nt4x], ignored folders [^sf4k], one rule for walks and events [^ls5w].
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTextFile, walkWorkspace, WorkspaceRules } from '../../server/src/io/walk';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { loadWorkspace } from '../../server/src/io/workspace';

function temp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-walk-'));
}
function write(dir: string, rel: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
}

describe('walking a workspace', () => {
  it('honours nested .gitignore files and never enters node_modules, .git or build output', async () => {
    const dir = temp();
    write(dir, '.gitignore', 'ignored.md\n/generated/\n');
    write(dir, 'sub/.gitignore', '*.tmp.md\n');
    for (const f of ['a.md', 'ignored.md', 'generated/g.md', 'sub/b.md', 'sub/c.tmp.md', 'node_modules/x/readme.md', '.git/x.md', 'dist/d.md', 'out/o.md']) write(dir, f, '# x\n');
    const { files } = await walkWorkspace(dir);
    assert.deepEqual(files.map((f) => f.path).sort(), ['.gitignore', 'a.md', 'sub/.gitignore', 'sub/b.md']);
  });

  it("never enters a Go module's vendor folder (go.mod beside it, or its modules.txt); another vendor folder is walked", async () => {
    const dir = temp();
    for (const f of ['go.mod', 'README.md', 'vendor/modules.txt', 'vendor/example.com/lib/README.md', 'tools/vendor/modules.txt', 'tools/vendor/x/README.md', 'web/vendor/notes.md']) write(dir, f, '# x\n');
    const { files } = await walkWorkspace(dir);
    assert.deepEqual(files.map((f) => f.path).sort(), ['README.md', 'go.mod', 'web/vendor/notes.md']);
    // A link into it is not reported missing: the rules leave it out (as node_modules).
    const rules = await WorkspaceRules.of(dir);
    assert.ok(rules.leftOut('vendor/example.com/lib/CHANGELOG.md'));
    assert.ok(!rules.leftOut('web/vendor/other.md'));
  });

  it('tells onFile of each regular file as it is found, the files the walk lists (no symlinks, nothing ignored)', async () => {
    const dir = temp();
    write(dir, '.gitignore', 'ignored.md\n');
    for (const f of ['a.md', 'ignored.md', 'sub/b.ts', 'node_modules/x/readme.md']) write(dir, f, '# x\n');
    fs.symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'link.md'));
    const seen: string[] = [];
    const { files } = await walkWorkspace(dir, { onFile: (rel) => seen.push(rel) });
    assert.deepEqual(seen, files.filter((f) => !f.symlink).map((f) => f.path));
    assert.deepEqual([...seen].sort(), ['.gitignore', 'a.md', 'sub/b.ts']);
    assert.ok(files.some((f) => f.path === 'link.md' && f.symlink));
  });

  it('a link into what the rules leave out (ignored, dependency or build folders) is not reported missing; a link to a file that is nowhere is', async () => {
    // The shape of a real repository: a committed README links its generated docs, which .gitignore lists.
    const dir = temp();
    write(dir, '.gitignore', 'api/doc/\n*.local.md\n');
    write(dir, 'api/doc/Present.md', '# Present\n');
    write(dir, 'api/README.md', '# API {#api}\n\n[Present](doc/Present.md), [Generated](doc/Amount.md), [notes](../me.local.md), [dep](../node_modules/x/README.md), [gone](doc.md), [up](../../outside.md).\n');
    const ws = await loadWorkspace(dir);
    const links = computeDiagnostics(ws.index.model(), ws.index.config).filter((d) => d.code === 'link.broken-anchor').map((d) => d.message);
    assert.deepEqual(links, ['Broken link `doc.md`: api/doc.md does not exist.']);
  });

  it('never follows symlinks out of the workspace, survives loops, skips FIFOs', async function () {
    const dir = temp();
    const outside = temp();
    write(outside, 'secret.md', '# Secret {#secret}\n');
    write(dir, 'a.md', '# A {#a}\n');
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'leak.md'));
    fs.symlinkSync(outside, path.join(dir, 'leakdir'));
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    fs.symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'alias.md'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.ts')]);
    const ws = await loadWorkspace(dir);
    assert.deepEqual(ws.index.model().ids(), ['a']);
    assert.deepEqual(ws.skipped.map((s) => `${s.path}: ${s.reason}`), [
      'leak.md: symlink leads outside the workspace; not followed',
      'leakdir: symlink leads outside the workspace; not followed',
      'pipe.ts: not a regular file (FIFO, socket or device)',
    ]);
    assert.ok(ws.index.hasFile('alias.md'), 'a symlink to a file inside the workspace exists');
  });

  it('a link through a symlinked folder names the symlink (not entered, as GitHub does not follow it), not a file that "does not exist"', async () => {
    const dir = temp();
    write(dir, 'handbook/latest/guide.md', '# Guide\n');
    write(dir, 'site/index.md', '# Index\n\nRead [the guide](handbook/guide.md) and [the notes](handbook/notes.md).\n\nAlso [a page](gone/page.md).\n');
    fs.symlinkSync('../handbook/latest', path.join(dir, 'site/handbook'));
    const walked = await walkWorkspace(dir);
    assert.deepEqual([...walked.linkedFolders], [['site/handbook', 'handbook/latest']]);
    const ws = await loadWorkspace(dir);
    const messages = computeDiagnostics(ws.index.model(), ws.config).filter((d) => d.code === 'link.broken-anchor').map((d) => d.message);
    assert.deepEqual(messages, [
      'Broken link `handbook/guide.md`: site/handbook is a symbolic link to the folder handbook/latest, which is not followed (GitHub does not follow it either); link to `../handbook/latest/guide.md` instead.',
      'Broken link `handbook/notes.md`: site/handbook is a symbolic link to the folder handbook/latest, which is not followed (GitHub does not follow it either); handbook/latest/notes.md does not exist either.',
      'Broken link `gone/page.md`: site/gone/page.md does not exist.',
    ]);
  });

  it('reads text safely: binary refused, invalid UTF-8 replaced, BOM removed, vanished files reported', async () => {
    const dir = temp();
    write(dir, 'bin.ts', Buffer.from([0x2f, 0x2f, 0x00, 0x01, 0x02]));
    write(dir, 'bad.ts', Buffer.from([0x2f, 0x2f, 0x20, 0xff, 0xfe, 0x5b, 0x5e, 0x61, 0x5d]));
    write(dir, 'bom.md', '\uFEFF# A {#a}\n');
    assert.deepEqual(await readTextFile(path.join(dir, 'bin.ts')), { skipped: 'binary file (NUL bytes); not read' });
    assert.deepEqual(await readTextFile(path.join(dir, 'bad.ts')), { text: '// \uFFFD\uFFFD[^a]' });
    assert.deepEqual(await readTextFile(path.join(dir, 'bom.md')), { text: '# A {#a}\n' });
    assert.deepEqual(await readTextFile(path.join(dir, 'gone.md')), { skipped: 'vanished while indexing' });
    assert.deepEqual(await readTextFile(path.join(dir, 'bom.md'), 4), { skipped: 'larger than 0 MiB; not read' });
  });

  it('one rule for the walk and for file events: a path is a file by the rules exactly when the walker lists it', async () => {
    const dir = temp();
    const outside = temp();
    write(outside, 'secret.md', '# Secret {#secret}\n');
    write(outside, 'sub/deeper.md', '# Deeper\n');
    write(dir, '.gitignore', 'ignored/\n*.tmp.md\n/build-out/\n');
    write(dir, 'sub/.gitignore', 'local.md\n');
    const paths = ['a.md', 'ignored/x.md', 'deep/ignored/y.md', 'x.tmp.md', 'sub/local.md', 'sub/b.tmp.md', 'sub/b.md', 'build-out/z.md', 'sub/build-out/z.md',
      'node_modules/p/readme.md', 'dist/d.md', 'src/dist/e.md', '.git/config.md', 'plain/ok.ts'];
    for (const p of paths) write(dir, p, '# x\n');
    fs.symlinkSync(outside, path.join(dir, 'linked'));
    fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'inside-link'));
    fs.symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'alias.md'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'leak.md'));
    const walked = await walkWorkspace(dir);
    const listed = new Set(walked.files.map((f) => f.path));
    const rules = await WorkspaceRules.of(dir);
    const candidates = [...paths, '.gitignore', 'sub/.gitignore', 'linked/secret.md', 'linked/sub/deeper.md', 'inside-link/b.md', 'alias.md', 'leak.md', 'missing.md', 'ignored/missing.md'];
    const verdicts: string[] = [];
    for (const rel of candidates) verdicts.push(`${rel}: ${await rules.classify(rel)}`);
    assert.deepEqual(verdicts, [
      'a.md: file', 'ignored/x.md: excluded', 'deep/ignored/y.md: excluded', 'x.tmp.md: excluded', 'sub/local.md: excluded', 'sub/b.tmp.md: excluded', 'sub/b.md: file',
      'build-out/z.md: excluded', 'sub/build-out/z.md: file', 'node_modules/p/readme.md: excluded', 'dist/d.md: excluded', 'src/dist/e.md: excluded',
      '.git/config.md: excluded', 'plain/ok.ts: file', '.gitignore: file', 'sub/.gitignore: file',
      // Through a symlinked folder (outside or inside): never in the workspace by that path.
      'linked/secret.md: excluded', 'linked/sub/deeper.md: excluded', 'inside-link/b.md: excluded',
      'alias.md: symlink', 'leak.md: excluded', 'missing.md: absent', 'ignored/missing.md: excluded',
    ]);
    for (const rel of candidates) {
      const kind = await rules.classify(rel);
      assert.equal(listed.has(rel), kind === 'file' || kind === 'symlink', `${rel}: the walker and the rules agree`);
    }
  });
});
