// Language server round trips on a site generator's config: created, changed or deleted, it re-indexes the folder, so
// the links of the site's pages are read by the site's rules at once [^sc5p] [^ln9h] [^tr34z] [^tr35o] [^tr36d].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('language server: a site config file changes', function () {
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(file(rel)), { recursive: true });
    fs.writeFileSync(file(rel), text);
  };
  const codes = (diags: any[]): string[] => diags.map((d: any) => `${d.code}:${d.range.start.line + 1}`);
  const event = (rel: string, type: 1 | 2 | 3): void => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file(rel)), type }] });

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-lsp-site-config-')));
    // A Hugo site's page: a block of link definitions whose destination holds a shortcode (a definition once Hugo
    // replaces it; text on GitHub).
    write('content/docs/pumps.md', '# Pumps\n\nSee the [release notes][notes].\n\n[notes]: https://example.org/{{< param tag >}}/notes\n');
    write('layouts/_default/single.html', '{{ .Content }}\n');
    // An MkDocs site's pages: `## SQL - The Language` is `#sql-the-language` by MkDocs' toc, `#sql---the-language` on GitHub.
    write('manual/docs/a.md', '# A\n\nSee [the language](b.md#sql-the-language).\n');
    write('manual/docs/b.md', '# B\n\n## SQL - The Language\n\nText.\n');
    // A Zola site's page: `@/guide/setup.md` names a file of the content folder, `#read-settings` Zola's id of `## read_settings`.
    write('book/content/blog/post.md', '# Post\n\nSee [settings](@/guide/setup.md#read-settings).\n');
    write('book/content/guide/setup.md', '# Setup\n\n## read_settings\n\nText.\n');
    // An Obsidian vault's notes: `#Pump%20limits` names the heading by its text (`#pump-limits` on GitHub).
    write('notes/Daily.md', '# Daily\n\nSee [limits](Pumps.md#Pump%20limits).\n');
    write('notes/Pumps.md', '# Pumps\n\n## Pump limits\n\nText.\n');
    // A DocFX project's page: `~/parts/valves.md` names a file of the project's folder (the folder of its docfx.json).
    write('handbook/guides/pump.md', '# Pump\n\nSee [valves](~/parts/valves.md).\n');
    write('handbook/parts/valves.md', '# Valves\n\nText.\n');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a Hugo site's hugo.toml created, then deleted: its pages' shortcode definitions count, then not", async () => {
    const page = uri(file('content/docs/pumps.md'));
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
    write('hugo.toml', "baseURL = 'https://example.org/'\ntitle = 'Pumps'\n");
    event('hugo.toml', 1);
    await client.diagnosticsFor(page, (d) => d.length === 0);
    fs.rmSync(file('hugo.toml'));
    event('hugo.toml', 3);
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
  });

  it("an MkDocs site's mkdocs.yml created: its pages' heading ids are the site's", async () => {
    const page = uri(file('manual/docs/a.md'));
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
    write('manual/mkdocs.yml', 'site_name: Manual\n');
    event('manual/mkdocs.yml', 1);
    await client.diagnosticsFor(page, (d) => d.length === 0);
  });

  it("a Zola site's config.toml created, then deleted: its pages' `@/` links and heading ids are the site's, then not", async () => {
    const page = uri(file('book/content/blog/post.md'));
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
    write('book/config.toml', 'base_url = "https://book.example"\n');
    event('book/config.toml', 1);
    await client.diagnosticsFor(page, (d) => d.length === 0);
    fs.rmSync(file('book/config.toml'));
    event('book/config.toml', 3);
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
  });

  it("a DocFX project's docfx.json created, then deleted: its pages' `~/` links are the project's, then not", async () => {
    const page = uri(file('handbook/guides/pump.md'));
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
    write('handbook/docfx.json', '{ "build": { "content": [{ "files": ["**/*.md"] }] } }\n');
    event('handbook/docfx.json', 1);
    await client.diagnosticsFor(page, (d) => d.length === 0);
    fs.rmSync(file('handbook/docfx.json'));
    event('handbook/docfx.json', 3);
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
  });

  it("an Obsidian vault's `.obsidian/` folder made, then removed: its notes' heading links are Obsidian's, then not", async () => {
    const page = uri(file('notes/Daily.md'));
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
    write('notes/.obsidian/app.json', '{}\n');
    event('notes/.obsidian/app.json', 1);
    await client.diagnosticsFor(page, (d) => d.length === 0);
    fs.rmSync(file('notes/.obsidian'), { recursive: true });
    event('notes/.obsidian', 3);
    assert.deepEqual(codes(await client.diagnosticsFor(page, (d) => d.length > 0)), ['link.broken-anchor:3']);
  });
});
