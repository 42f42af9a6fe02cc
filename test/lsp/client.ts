import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/workspace';

/**
 * A small LSP client over stdio for round-trip tests against the built server (dist/server.js): Content-Length
 * framing, requests with ids, notifications recorded and awaitable by predicate (no fixed sleeps), and canned answers
 * to the server's own requests (registration, progress, refresh).
 */

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface Notification {
  method: string;
  params: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  private waiters: { predicate: (n: Notification) => boolean; resolve: (n: Notification) => void }[] = [];
  stderr = '';

  constructor(args: string[] = [path.join(repoRoot, 'dist', 'server.js'), '--stdio']) {
    this.proc = spawn(process.execPath, args, { stdio: 'pipe' });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** The server's process id (the benchmark reads its memory from /proc). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  get exited(): boolean {
    return this.proc.exitCode !== null;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body) as Message);
    }
  }

  private onMessage(m: Message): void {
    if (m.method && m.id !== undefined) {
      // A request from the server: answer like a cooperative editor.
      this.serverRequests.push({ method: m.method, params: m.params });
      this.write({ jsonrpc: '2.0', id: m.id, result: null });
      return;
    }
    if (m.method) {
      const n = { method: m.method, params: m.params };
      this.notifications.push(n);
      this.waiters = this.waiters.filter((w) => (w.predicate(n) ? (w.resolve(n), false) : true));
      return;
    }
    const p = this.pending.get(Number(m.id));
    if (!p) return;
    this.pending.delete(Number(m.id));
    if (m.error) p.reject(Object.assign(new Error(`${p.method}: ${m.error.message}`), { code: m.error.code }));
    else p.resolve(m.result);
  }

  private write(m: Message): void {
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request<T = any>(method: string, params: unknown, timeoutMs = 20000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms; server stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or future) matching the predicate. */
  waitFor(predicate: (n: Notification) => boolean, what: string, timeoutMs = 15000): Promise<Notification> {
    const found = this.notifications.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.notifications.map((n) => n.method).slice(-20).join(', ');
        reject(new Error(`timed out waiting for ${what}; last notifications: ${seen}`));
      }, timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      });
    });
  }

  /** The latest publishDiagnostics of a URI that satisfies a predicate (waits for a new one if needed). */
  async diagnosticsFor(uri: string, accept: (d: any[]) => boolean = () => true): Promise<any[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const latest = [...this.notifications].reverse().find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
    if (latest && accept(latest.params.diagnostics)) return latest.params.diagnostics;
    const n = await this.waitFor(
      (x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && accept(x.params.diagnostics) && x !== latest,
      `diagnostics for ${uri}`,
    );
    return n.params.diagnostics;
  }

  async initialize(rootDir: string, capabilities: object = {}, initializationOptions: object = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: uri(rootDir),
      workspaceFolders: [{ uri: uri(rootDir), name: path.basename(rootDir) }],
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] }, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        ...capabilities,
      },
      initializationOptions,
    });
    this.notify('initialized', {});
    await this.waitFor((n) => n.method === 'specClarifier/status', 'the first index (status notification)');
    return result;
  }

  open(file: string, languageId = 'plaintext', text = fs.readFileSync(file, 'utf8')): string {
    const u = uri(file);
    this.notify('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });
    return u;
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } catch {
      this.proc.kill();
    }
    await exited;
  }
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}

/** A fresh copy of a fixture workspace in a temp folder (tests may change it). */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `clarify-lsp-${name.replace(/[\\/]/g, '-')}-`));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', name), dir, { recursive: true });
  return fs.realpathSync(dir);
}

/** The LSP position of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture has no ${JSON.stringify(needle)}`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
