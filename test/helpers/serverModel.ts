// A model-based test of the language server's state [^ls5w] [^ls2t]: a seeded random run interleaves edits
// (didOpen/didChange/didClose), file operations on disk followed by their file events (files and whole folders; created,
// changed, deleted, renamed; batches sent back to back), `.gitignore` and `.clarifier.json` rewrites, workspace folder
// changes (a folder that does not exist, a second folder added and removed) and requests. At checkpoints, after
// quiescence, what the server publishes (and answers to workspace/symbol and definition) must equal a fresh index of
// the same disk state plus the open texts: what `clarify check` computes, with the editor's text for open documents.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { definition } from '../../server/src/core/features/navigation';
import { workspaceSymbols } from '../../server/src/core/features/symbols';
import { loadWorkspace } from '../../server/src/io/workspace';
import { LspClient } from '../lsp/client';
import { prng } from './prng';

/* eslint-disable @typescript-eslint/no-explicit-any */

const norm = (uri: string): string => URI.parse(uri).toString();
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
const view = (d: { code: unknown; severity: unknown; range: any; message: string }): string =>
  `${String(d.code)} ${String(d.severity)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

const DIRS = ['', 'specs', 'specs/sub', 'specs/sub2', 'docs', 'docs2', 'src', 'src/sub', 'src/sub2', 'node_modules/pkg', 'dist', 'ignored', 'ignored2', 'specs/linked'];
const SPEC_NAMES = ['auth.md', 'auth (1).md', 'a@b+c&d.md', 'draft.tmp.md'];
const CODE_NAMES = ['a.ts', 'c d.ts', 'b+x.py'];
const EXAMPLES = ['examples/au1a.md', 'examples/pa3c.md'];
/** Folders renamed into each other (one of a pair exists at a time, usually). */
const RENAMES: [string, string][] = [
  ['specs/sub', 'specs/sub2'],
  ['src/sub', 'src/sub2'],
  ['docs', 'docs2'],
  ['ignored', 'ignored2'],
];
const FOLDERS = ['specs/sub', 'specs/sub2', 'src/sub', 'src/sub2', 'docs', 'docs2', 'ignored', 'ignored2', 'node_modules/pkg', 'dist', 'examples'];
const GITIGNORE_LINES = ['ignored/', '*.tmp.md', 'docs2/', 'src/sub2/'];
const CONFIGS = ['{}', '{ "exclude": ["docs/**"] }', '{ "exclude": ["specs/sub/**"] }', '{ "severity": { "citation.unknown-id": "warning" } }'];
const FOOTNOTES = ['au1a', 'au2b', 'pa3c', 'pa4d'];
const HEADINGS = ['sessions', 'refunds', 'login_flow'];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function specText(random: Random): string {
  const lines = [`# Spec ${Math.floor(random() * 100)}`, ''];
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) {
    const k = random();
    if (k < 0.3) lines.push(`## ${pick(random, ['Sessions', 'Refunds', 'Login'])} {#${pick(random, HEADINGS)} authority=${pick(random, ['root', 'user'])}}`, '');
    else if (k < 0.6) lines.push(`The service must answer quickly [^${pick(random, FOOTNOTES)}].`, '');
    else if (k < 0.75) lines.push(`See [the flow](#${pick(random, [...HEADINGS, 'nope'])}).`, '');
    else if (k < 0.85) lines.push(`[^${pick(random, FOOTNOTES)}]: examples/${pick(random, FOOTNOTES)}.md`, '');
    else lines.push('Plain text, nothing to see.', '');
  }
  return lines.join('\n');
}

function codeText(random: Random, file: string): string {
  const c = file.endsWith('.py') ? '#' : '//';
  const lines: string[] = [];
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) lines.push(`${c} implements [^${pick(random, [...FOOTNOTES, ...HEADINGS, 'zz9z'])}]`, file.endsWith('.py') ? 'x = 1' : 'export const x = 1;');
  return lines.join('\n') + '\n';
}

const textFor = (random: Random, rel: string): string => (rel.endsWith('.md') ? specText(random) : codeText(random, rel));

interface Open {
  uri: string;
  rel: string;
  version: number;
  text: string;
}

export interface ModelOptions {
  seed: number;
  steps: number;
  /** Check quiescent state every this many steps (and at the end). */
  checkEvery?: number;
}

/** Runs one seeded model run against a fresh server; throws (assert) on the first mismatch, naming the seed and step. */
export async function runServerModel(options: ModelOptions): Promise<void> {
  const random = prng(options.seed);
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `clarify-model-${options.seed}-`)));
  const real = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  const second = path.join(base, 'second');
  fs.mkdirSync(path.join(real, 'specs'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\n## Outside {#outside_secret authority=root}\n\nSecret text.\n');
  fs.symlinkSync(outside, path.join(real, 'specs', 'linked'));
  fs.mkdirSync(second);
  fs.writeFileSync(path.join(second, 'other.md'), '# Other\n\nCites [^zz1z] quickly.\n');
  // Half the seeds open the workspace through a symlinked path (macOS /tmp, symlinked homes).
  const viaLink = options.seed % 2 === 1;
  const clientRoot = viaLink ? path.join(base, 'link') : real;
  if (viaLink) fs.symlinkSync(real, clientRoot);
  // Half the seeds name URIs as VS Code does (vscode-uri: `%20%281%29`, `%40`, `%2B`), the others as Node does.
  const vscodeStyle = Math.floor(options.seed / 2) % 2 === 1;
  const uriOf = (abs: string): string => (vscodeStyle ? URI.file(abs).toString() : pathToFileURL(abs).href);
  const clientUri = (rel: string): string => uriOf(rel ? path.join(clientRoot, rel) : clientRoot);

  // The initial workspace.
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(real, rel)), { recursive: true });
    fs.writeFileSync(path.join(real, rel), text);
  };
  write('.gitignore', 'ignored/\n');
  for (let i = 0; i < 8; i++) {
    const rel = path.posix.join(pick(random, DIRS.filter((d) => d !== 'specs/linked')), random() < 0.6 ? pick(random, SPEC_NAMES) : pick(random, CODE_NAMES));
    write(rel, textFor(random, rel));
  }
  write(EXAMPLES[0]!, 'Example for [^au1a].\n');

  const client = new LspClient();
  const open = new Map<string, Open>();
  let events: { uri: string; type: number }[] = [];
  let secondAdded = false;
  let missingAdded = false;
  const missingUri = uriOf(path.join(base, 'missing-folder'));
  let gitignore = ['ignored/'];
  const context = (step: number | string): string => `seed ${options.seed}, step ${step} (viaLink ${viaLink}, vscodeStyle ${vscodeStyle})`;

  try {
    await client.initialize(clientRoot, {
      workspace: {
        workspaceEdit: { documentChanges: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
      },
    });

    const onDisk = (): string[] => {
      const out: string[] = [];
      const walk = (rel: string): void => {
        for (const e of fs.readdirSync(path.join(real, rel), { withFileTypes: true })) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory()) walk(r);
          else if (e.isFile()) out.push(r);
        }
      };
      walk('');
      return out;
    };
    const event = (rel: string, type: 1 | 2 | 3): void => {
      events.push({ uri: clientUri(rel), type });
    };
    /** Sends the events so far, split into back-to-back notifications (never awaited in between). */
    const sendEvents = (): void => {
      while (events.length) {
        const n = 1 + Math.floor(random() * events.length);
        client.notify('workspace/didChangeWatchedFiles', { changes: events.slice(0, n) });
        events = events.slice(n);
      }
    };

    const randomFile = (): string => {
      const existing = onDisk().filter((f) => f !== '.gitignore' && f !== '.clarifier.json');
      if (existing.length && random() < 0.5) return pick(random, existing);
      if (random() < 0.1) return pick(random, EXAMPLES);
      const dir = pick(random, DIRS);
      return path.posix.join(dir, random() < 0.6 ? pick(random, SPEC_NAMES) : pick(random, CODE_NAMES));
    };

    const steps: Record<string, () => void | Promise<void>> = {
      writeFile: () => {
        const rel = randomFile();
        const existed = fs.existsSync(path.join(real, rel));
        write(rel, textFor(random, rel));
        event(rel, existed ? 2 : 1);
      },
      deleteFile: () => {
        const files = onDisk().filter((f) => f !== '.gitignore');
        if (!files.length) return;
        const rel = pick(random, files);
        fs.rmSync(path.join(real, rel));
        event(rel, 3);
      },
      deleteThenCreate: () => {
        // A delete and a create of the same file in two back-to-back batches: the create must win.
        const rel = randomFile();
        if (fs.existsSync(path.join(real, rel))) {
          fs.rmSync(path.join(real, rel));
          event(rel, 3);
          sendEvents();
        }
        write(rel, textFor(random, rel));
        event(rel, 1);
        sendEvents();
      },
      deleteFolder: () => {
        const dir = pick(random, FOLDERS);
        if (!fs.existsSync(path.join(real, dir))) return;
        fs.rmSync(path.join(real, dir), { recursive: true });
        event(dir, 3); // one event for the whole folder, as inotify and VS Code report it
      },
      renameFolder: () => {
        const [a, b] = pick(random, RENAMES);
        const [from, to] = fs.existsSync(path.join(real, a)) ? [a, b] : [b, a];
        if (!fs.existsSync(path.join(real, from)) || fs.existsSync(path.join(real, to))) return;
        fs.renameSync(path.join(real, from), path.join(real, to));
        event(from, 3);
        event(to, 1);
      },
      createFolder: () => {
        const dir = pick(random, FOLDERS);
        if (fs.existsSync(path.join(real, dir))) return;
        const n = 1 + Math.floor(random() * 3);
        for (let i = 0; i < n; i++) {
          const rel = `${dir}/${random() < 0.6 ? pick(random, SPEC_NAMES) : pick(random, CODE_NAMES)}`;
          write(rel, textFor(random, rel));
        }
        event(dir, 1);
      },
      writeLinked: () => {
        // A file behind the symlinked folder that leads outside: never part of the workspace.
        const name = pick(random, ['secret.md', 'more.md']);
        fs.writeFileSync(path.join(outside, name), `# Outside\n\n## Leak {#outside_${name.slice(0, 4)} authority=root}\n\nSecret ${random()}.\n`);
        event(`specs/linked/${name}`, 2);
      },
      gitignore: () => {
        gitignore = GITIGNORE_LINES.filter(() => random() < 0.5);
        write('.gitignore', gitignore.join('\n') + '\n');
        event('.gitignore', 2);
      },
      config: () => {
        write('.clarifier.json', pick(random, CONFIGS));
        event('.clarifier.json', 2);
        sendEvents();
        // A change made while the folder re-indexes must not be lost.
        const rel = randomFile();
        const existed = fs.existsSync(path.join(real, rel));
        write(rel, textFor(random, rel));
        event(rel, existed ? 2 : 1);
      },
      openDoc: () => {
        const rel = randomFile();
        const key = rel;
        if (open.has(key)) return;
        const abs = path.join(clientRoot, rel);
        const text = fs.existsSync(path.join(real, rel)) && random() < 0.6 ? fs.readFileSync(path.join(real, rel), 'utf8') : textFor(random, rel);
        const doc = { uri: uriOf(abs), rel, version: 1, text };
        open.set(key, doc);
        client.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: rel.endsWith('.md') ? 'markdown' : 'typescript', version: 1, text } });
      },
      changeDoc: () => {
        if (!open.size) return;
        const doc = pick(random, [...open.values()]);
        doc.version++;
        doc.text = random() < 0.5 ? doc.text + `\nMore text [^${pick(random, FOOTNOTES)}] quickly.\n` : textFor(random, doc.rel);
        client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ text: doc.text }] });
      },
      closeDoc: () => {
        if (!open.size) return;
        const doc = pick(random, [...open.values()]);
        open.delete(doc.rel);
        client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
      },
      deleteOpenDoc: () => {
        // An open document deleted on disk: the editor's text stays the truth until it is closed.
        const doc = [...open.values()].find((d) => fs.existsSync(path.join(real, d.rel)));
        if (!doc) return;
        fs.rmSync(path.join(real, doc.rel));
        event(doc.rel, 3);
      },
      folders: () => {
        const added: any[] = [];
        const removed: any[] = [];
        if (random() < 0.5) {
          (missingAdded ? removed : added).push({ uri: missingUri, name: 'missing' });
          missingAdded = !missingAdded;
        } else {
          (secondAdded ? removed : added).push({ uri: uriOf(second), name: 'second' });
          secondAdded = !secondAdded;
        }
        client.notify('workspace/didChangeWorkspaceFolders', { event: { added, removed } });
      },
      request: async () => {
        // Requests in the middle of it all: answered, never an error.
        const doc = open.size ? pick(random, [...open.values()]) : undefined;
        if (doc) await client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: Math.floor(random() * 4), character: Math.floor(random() * 20) } });
        else await client.request('workspace/symbol', { query: pick(random, FOOTNOTES) });
      },
    };
    const weights: [string, number][] = [
      ['writeFile', 6], ['deleteFile', 3], ['deleteThenCreate', 2], ['deleteFolder', 2], ['renameFolder', 2], ['createFolder', 2],
      ['writeLinked', 1], ['gitignore', 1], ['config', 1], ['openDoc', 3], ['changeDoc', 4], ['closeDoc', 2], ['deleteOpenDoc', 2],
      ['folders', 1], ['request', 2],
    ];
    const total = weights.reduce((n, [, w]) => n + w, 0);
    const history: string[] = [];
    const checkEvery = options.checkEvery ?? 10;
    for (let step = 1; step <= options.steps; step++) {
      let r = random() * total;
      const [name] = weights.find(([, w]) => (r -= w) < 0) ?? weights[0]!;
      history.push(name);
      await steps[name]!();
      if (random() < 0.4) sendEvents();
      if (step % checkEvery === 0 || step === options.steps) {
        sendEvents();
        if (secondAdded && step === options.steps) {
          client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(second), name: 'second' }] } });
          secondAdded = false;
        }
        await checkQuiescent(client, { real, clientRoot, clientUri, open, gitignore, secondAdded, second, uriOf }, `${context(step)}; steps: ${history.join(', ')}`);
      }
    }
  } finally {
    await client.shutdown();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

interface State {
  real: string;
  clientRoot: string;
  clientUri: (rel: string) => string;
  open: Map<string, Open>;
  gitignore: string[];
  secondAdded: boolean;
  second: string;
  uriOf: (abs: string) => string;
}

/** Whether an open document's path is in the workspace, by the test's own reading of the rules. */
function admitted(rel: string, gitignore: string[]): boolean {
  const parts = rel.split('/');
  const dirs = parts.slice(0, -1);
  if (dirs.some((d) => d === 'node_modules' || d === 'dist')) return false;
  if (rel.startsWith('specs/linked/')) return false;
  for (const line of gitignore) {
    if (line === '*.tmp.md' && parts.at(-1)!.endsWith('.tmp.md')) return false;
    if (line.endsWith('/') && rel.startsWith(line)) return false;
  }
  return true;
}

async function checkQuiescent(client: LspClient, s: State, context: string): Promise<void> {
  // A request that waits for every queued event and edit: after it, only publishes are still on their way.
  await client.request('workspace/symbol', { query: '' });
  const fresh = await loadWorkspace(s.real);
  for (const doc of s.open.values()) {
    const role = fresh.index.roleOf(doc.rel);
    if (admitted(doc.rel, s.gitignore) && role !== 'other' && role !== 'config') fresh.index.updateFile(doc.rel, doc.text);
  }
  const model = fresh.index.model();
  const expected = new Map<string, string[]>();
  for (const d of computeDiagnostics(model, fresh.config)) {
    const key = norm(s.clientUri(d.file));
    const list = expected.get(key) ?? [];
    list.push(view({ ...d, severity: SEVERITY[d.severity] }));
    expected.set(key, list);
  }
  if (s.secondAdded) {
    const other = await loadWorkspace(s.second);
    for (const d of computeDiagnostics(other.index.model(), other.config)) {
      const key = norm(s.uriOf(path.join(s.second, d.file)));
      expected.set(key, [...(expected.get(key) ?? []), view({ ...d, severity: SEVERITY[d.severity] })]);
    }
  }
  const openByKey = new Map([...s.open.values()].map((d) => [norm(d.uri), d]));
  const actual = (): Map<string, any> => {
    const latest = new Map<string, any>();
    for (const n of client.notifications) if (n.method === 'textDocument/publishDiagnostics') latest.set(norm(n.params.uri), n.params);
    return latest;
  };
  const differences = (): string[] => {
    const out: string[] = [];
    const latest = actual();
    for (const [key, list] of expected) {
      const got = latest.get(key);
      const mine = got ? got.diagnostics.map(view) : [];
      if (JSON.stringify(mine) !== JSON.stringify(list)) out.push(`${key}: expected ${JSON.stringify(list)}, published ${JSON.stringify(mine)}`);
    }
    for (const [key, got] of latest) {
      if (!expected.has(key) && got.diagnostics.length) out.push(`${key}: expected none, published ${JSON.stringify(got.diagnostics.map(view))}`);
    }
    for (const [key, got] of latest) {
      const doc = openByKey.get(key);
      // An open document's diagnostics carry its version, under the URI the client opened it with.
      if (doc && got.diagnostics.length && (got.version !== doc.version || got.uri !== doc.uri)) out.push(`${key}: published for version ${got.version} as ${got.uri}, open as version ${doc.version} ${doc.uri}`);
      // Nothing is published under the real path of a root opened through a symlink.
      if (s.clientRoot !== s.real && key.startsWith(norm(URI.file(s.real).toString()) + '/')) out.push(`${key}: published under the real path`);
    }
    return out;
  };
  await client.waitFor(() => differences().length === 0, 'quiescent diagnostics', 15_000).catch(() => undefined);
  assert.deepEqual(differences(), [], `published diagnostics differ from a fresh index: ${context}`);

  // workspace/symbol and definition answer from the same state.
  const symbols = await client.request('workspace/symbol', { query: '' });
  const expectedSymbols = workspaceSymbols(model, '').map((c) => `${c.id} ${norm(s.clientUri(c.file))} ${c.range.start.line}`);
  if (s.secondAdded) {
    const other = await loadWorkspace(s.second);
    for (const c of workspaceSymbols(other.index.model(), '')) expectedSymbols.push(`${c.id} ${norm(s.uriOf(path.join(s.second, c.file)))} ${c.range.start.line}`);
  }
  const gotSymbols = symbols.map((x: any) => `${x.name.split(' ')[0]} ${norm(x.location.uri)} ${x.location.range.start.line}`);
  assert.deepEqual(gotSymbols.sort(), expectedSymbols.sort(), `workspace symbols: ${context}`);
  for (const rel of model.codeFiles.slice(0, 3)) {
    const citation = model.citations.find((c) => c.file === rel);
    if (!citation) continue;
    const doc = s.open.get(rel);
    const uri = doc?.uri ?? s.clientUri(rel);
    const got = await client.request('textDocument/definition', { textDocument: { uri }, position: citation.range.start });
    const want = definition(fresh.index, rel, citation.range.start).map((l) => `${norm(s.clientUri(l.file))} ${l.range.start.line}:${l.range.start.character}`);
    assert.deepEqual(got.map((l: any) => `${norm(l.uri)} ${l.range.start.line}:${l.range.start.character}`).sort(), want.sort(), `definition in ${rel}: ${context}`);
  }
}
