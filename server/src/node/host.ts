import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE, type ClarifierConfig } from '../core/config';
import { computeDiagnostics } from '../core/diagnostics';
import type { WorkspaceIndex } from '../core/index';
import type { Diagnostic } from '../core/types';
import { readTextFile } from './walk';
import { loadWorkspace } from './workspace';

/**
 * The server's view of the file system: one `Folder` per workspace folder, each with its own index, loaded by the
 * safe walker, kept current from open documents (the editor's text wins while a document is open) and from file
 * events. Diagnostics are recomputed on demand and cached per index generation.
 */

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(abs: string): string {
  return pathToFileURL(abs).href;
}

export class Folder {
  index!: WorkspaceIndex;
  config!: ClarifierConfig;
  skipped: { path: string; reason: string }[] = [];
  /** Resolves when the first load has finished. */
  ready: Promise<void>;
  private generation = 0;
  private diagnosticsCache?: { generation: number; diagnostics: Diagnostic[] };
  /** Diagnostics per file, kept current file by file after local edits (see refreshDiagnostics). */
  private byFile?: Map<string, Diagnostic[]>;
  private unpublished: Set<string> | 'all' = 'all';
  /** Diagnostics per severity, kept with byFile. */
  private counts: Record<string, number> = {};
  private loading: Promise<void> | undefined;

  constructor(
    readonly root: string,
    private readonly host: Host,
  ) {
    this.ready = this.reload();
  }

  get uri(): string {
    return pathToUri(this.root);
  }

  /** (Re)loads the folder from disk, then re-applies the open documents of the folder. */
  reload(): Promise<void> {
    const run = async (): Promise<void> => {
      const started = Date.now();
      const cacheDir = this.host.cacheDir ? path.join(this.host.cacheDir, 'index-cache') : undefined;
      const loaded = await loadWorkspace(this.root, { overrides: this.host.overrides, ...(cacheDir ? { cacheDir } : {}) });
      this.index = loaded.index;
      this.byFile = undefined;
      this.config = loaded.config;
      this.skipped = loaded.skipped;
      for (const [uri, text] of this.host.openTexts()) {
        const rel = this.relative(uri);
        if (rel !== undefined && this.index.roleOf(rel) !== 'other' && this.index.roleOf(rel) !== 'config') this.index.updateFile(rel, text);
      }
      this.changed();
      const model = this.index.model();
      this.host.log.info(
        `Indexed ${this.root}: ${model.clauses.length} clauses in ${model.specFiles.length} specs, ${model.citations.length} citations in ${model.codeFiles.length} files (${Date.now() - started} ms)` +
          (loaded.skipped.length ? `; skipped ${loaded.skipped.length} files` : ''),
      );
      for (const s of loaded.skipped) this.host.log.info(`  skipped ${s.path}: ${s.reason}`);
    };
    this.loading = (this.loading ?? Promise.resolve()).then(run, run);
    return this.loading;
  }

  /** The workspace-relative path of a URI inside this folder, else undefined. */
  relative(uri: string): string | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  absolute(rel: string): string | undefined {
    const abs = path.resolve(this.root, rel);
    return abs.startsWith(this.root + path.sep) ? abs : undefined;
  }

  uriOf(rel: string): string {
    return pathToUri(path.join(this.root, rel));
  }

  changed(): void {
    this.generation++;
    this.host.onChanged(this);
  }

  diagnostics(): Diagnostic[] {
    if (this.diagnosticsCache?.generation !== this.generation) {
      this.refreshDiagnostics();
      const all: Diagnostic[] = [];
      for (const file of [...this.byFile!.keys()].sort(byPath)) for (const d of this.byFile!.get(file)!) all.push(d);
      this.diagnosticsCache = { generation: this.generation, diagnostics: all };
    }
    return this.diagnosticsCache.diagnostics;
  }

  /**
   * Brings the diagnostics up to date: after edits that changed nothing other files see (the index patched its model),
   * only those files are recomputed; otherwise everything. The files recomputed are remembered for takeUnpublished.
   */
  refreshDiagnostics(): void {
    const changes = this.index.takeChanges();
    const model = this.index.model();
    const count = (list: readonly Diagnostic[], sign: number): void => {
      let errors = 0;
      let warnings = 0;
      for (const d of list) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
      }
      this.counts['error'] = (this.counts['error'] ?? 0) + sign * errors;
      this.counts['warning'] = (this.counts['warning'] ?? 0) + sign * warnings;
    };
    if (changes === 'all' || !this.byFile) {
      this.byFile = new Map();
      this.counts = {};
      const all = computeDiagnostics(model, this.config);
      for (const d of all) {
        const list = this.byFile.get(d.file);
        if (list) list.push(d);
        else this.byFile.set(d.file, [d]);
      }
      count(all, 1);
      this.unpublished = 'all';
      return;
    }
    for (const file of changes) {
      const list = computeDiagnostics(model, this.config, file);
      count(this.byFile.get(file) ?? [], -1);
      count(list, 1);
      if (list.length) this.byFile.set(file, list);
      else this.byFile.delete(file);
      if (this.unpublished !== 'all') this.unpublished.add(file);
    }
  }

  /** Whether every change not yet published was local to its file (the next publish recomputes only those files). */
  onlyLocalChanges(): boolean {
    return this.byFile !== undefined && this.unpublished !== 'all' && this.index.changesAreLocal();
  }

  /** The files whose diagnostics may have changed since the last call ('all' after a workspace-wide recomputation). */
  takeUnpublished(): Set<string> | 'all' {
    this.refreshDiagnostics();
    const unpublished = this.unpublished;
    this.unpublished = new Set();
    return unpublished;
  }

  /** How many diagnostics of each severity the folder has now. */
  severityCounts(): { error: number; warning: number } {
    this.refreshDiagnostics();
    return { error: this.counts['error'] ?? 0, warning: this.counts['warning'] ?? 0 };
  }

  /** The current diagnostics of one file. */
  diagnosticsOf(file: string): Diagnostic[] {
    this.refreshDiagnostics();
    return this.byFile!.get(file) ?? [];
  }

  /** The text of a document from disk (for files not open in the editor). */
  async readFromDisk(rel: string): Promise<string | undefined> {
    const abs = this.absolute(rel);
    if (!abs) return undefined;
    const result = await readTextFile(abs);
    return 'text' in result ? result.text : undefined;
  }
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An open spec of more characters than this is not re-indexed on edits [^big_documents]. */
export const LARGE_DOCUMENT_CHARS = 2 * 1024 * 1024;

export class Host {
  readonly folders: Folder[] = [];
  overrides: Partial<ClarifierConfig> = {};
  private readonly open = new Map<string, string>();
  /** Open documents whose latest text is not indexed yet: edits are coalesced, a burst costs one parse. */
  private readonly pending = new Map<string, string>();
  private pendingTimer: NodeJS.Timeout | undefined;
  /** How long a burst of edits may go on before its text is indexed, at most (requests flush earlier). */
  static readonly COALESCE_MS = 30;
  /**
   * How long the last indexing of an edit took. Below CHEAP_MS (an edit that re-parses one section of a spec, or a
   * code file: tens of milliseconds at most) the next edit is indexed at once: waiting would only add latency. A costly one (a big spec without
   * sections) waits COALESCE_MS, so a burst of keystrokes costs one parse.
   */
  private lastFlushMs = 0;
  static readonly CHEAP_MS = 100;
  /** A folder the server may write its caches to (the editor's workspace storage): the on-disk index cache lives there. */
  cacheDir: string | undefined;

  constructor(
    readonly log: Logger,
    readonly onChanged: (folder: Folder) => void,
    /** An open document's text was indexed. */
    private readonly onDocumentIndexed: (folder: Folder, rel: string) => void = () => undefined,
  ) {}

  addFolder(uri: string): Folder | undefined {
    const root = uriToPath(uri);
    if (!root || this.folders.some((f) => f.root === path.resolve(root))) return undefined;
    let real = path.resolve(root);
    try {
      real = fs.realpathSync(real);
    } catch {
      // a folder that does not exist yet: index it as empty
    }
    const folder = new Folder(real, this);
    this.folders.push(folder);
    // Longest root first, so nested folders win.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    return folder;
  }

  removeFolder(uri: string): void {
    const root = uriToPath(uri);
    const at = this.folders.findIndex((f) => root !== undefined && (f.root === path.resolve(root) || f.uri === uri));
    if (at >= 0) this.folders.splice(at, 1);
  }

  /** The folder a URI belongs to and its relative path. */
  locate(uri: string): { folder: Folder; rel: string } | undefined {
    for (const folder of this.folders) {
      const rel = folder.relative(uri) ?? folder.relative(this.realUri(uri));
      if (rel !== undefined) return { folder, rel };
    }
    return undefined;
  }

  private realUri(uri: string): string {
    const abs = uriToPath(uri);
    if (!abs) return uri;
    try {
      return pathToUri(fs.realpathSync(abs));
    } catch {
      return uri;
    }
  }

  openTexts(): IterableIterator<[string, string]> {
    return this.open.entries();
  }

  /**
   * An open document's text changed (or it was opened): the editor's text is the truth [^ls2t]. The text is
   * indexed after a short quiet period, or at once when a request needs it (`flush`), so an edit storm on a big
   * spec costs one parse, not one per keystroke, and no answer is computed from an older text.
   */
  documentChanged(uri: string, text: string): void {
    if (this.degradeLarge(uri, text)) return;
    this.open.set(uri, text);
    if (!this.locate(uri)) return;
    this.pending.set(uri, text);
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => void this.flush(), this.lastFlushMs < Host.CHEAP_MS ? 0 : Host.COALESCE_MS);
  }

  /** Indexes the pending texts of open documents (all, or one URI). Cheap when nothing is pending. */
  async flush(uri?: string): Promise<void> {
    const uris = uri === undefined ? [...this.pending.keys()] : this.pending.has(uri) ? [uri] : [];
    for (const u of uris) {
      const text = this.pending.get(u);
      if (text === undefined) continue;
      const at = this.locate(u);
      if (!at) {
        this.pending.delete(u);
        continue;
      }
      await at.folder.ready;
      // A newer text may have arrived while waiting: index the latest one.
      const latest = this.pending.get(u);
      this.pending.delete(u);
      if (latest === undefined) continue;
      const role = at.folder.index.roleOf(at.rel);
      if (role === 'other' || role === 'config') continue;
      const started = performance.now();
      at.folder.index.updateFile(at.rel, latest, true);
      this.lastFlushMs = performance.now() - started;
      at.folder.changed();
      this.onDocumentIndexed(at.folder, at.rel);
    }
  }

  /**
   * Open documents of more than LARGE_DOCUMENT_CHARS characters (by URI). Their edits are not indexed: re-parsing
   * megabytes per keystroke would stall every answer. What is on disk stays indexed (the walker's size limit applies),
   * so saving the document re-indexes it, and the status names them [^big_documents].
   */
  private readonly large = new Set<string>();
  /** Called when the set of large open documents changes. */
  onLargeDocuments: () => void = () => undefined;

  largeDocuments(): string[] {
    return [...this.large];
  }

  /** Whether the text is a large spec's (its edits are then not indexed). Code is scanned in linear time: not capped. */
  private degradeLarge(uri: string, text: string): boolean {
    const at = text.length > LARGE_DOCUMENT_CHARS ? this.locate(uri) : undefined;
    const folder = at?.folder as { index?: WorkspaceIndex } | undefined;
    const spec = at !== undefined && (folder?.index ? folder.index.roleOf(at.rel) === 'spec' : /\.(?:md|markdown)$/i.test(at.rel));
    if (!spec) {
      if (this.large.delete(uri)) this.onLargeDocuments();
      return false;
    }
    if (!this.large.has(uri)) {
      this.large.add(uri);
      this.log.info(`${uri}: ${text.length} characters, more than ${LARGE_DOCUMENT_CHARS}: its edits are not indexed (the saved file is)`);
      this.onLargeDocuments();
      const wasOpen = this.open.delete(uri);
      this.pending.delete(uri);
      // Its smaller text may be indexed: the disk is the truth for it now.
      if (wasOpen) void at.folder.ready.then(() => this.refreshFromDisk(at.folder, at.rel)).catch(() => undefined);
    }
    return true;
  }

  /** A document was closed: what is on disk is the truth again. */
  async documentClosed(uri: string): Promise<void> {
    if (this.large.delete(uri)) this.onLargeDocuments();
    this.open.delete(uri);
    this.pending.delete(uri);
    const at = this.locate(uri);
    if (!at) return;
    await at.folder.ready;
    await this.refreshFromDisk(at.folder, at.rel);
  }

  /** The document has a newer text than the index holds (an edit not flushed yet). */
  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** A file event from the editor's watcher. */
  async fileChanged(uri: string, kind: 'created' | 'changed' | 'deleted'): Promise<void> {
    const at = this.locate(uri);
    if (!at) return;
    await at.folder.ready;
    if (at.rel === CONFIG_FILE) {
      this.log.info(`${CONFIG_FILE} ${kind}: re-indexing ${at.folder.root}`);
      await at.folder.reload();
      return;
    }
    if (this.isOpen(uri) && kind !== 'deleted') return;
    if (kind === 'deleted') {
      at.folder.index.removeFile(at.rel);
      at.folder.changed();
      return;
    }
    await this.refreshFromDisk(at.folder, at.rel);
  }

  private async refreshFromDisk(folder: Folder, rel: string): Promise<void> {
    const role = folder.index.roleOf(rel);
    const abs = folder.absolute(rel);
    if (!abs) return;
    let exists = false;
    try {
      const st = fs.lstatSync(abs);
      exists = st.isFile() || st.isSymbolicLink();
    } catch {
      exists = false;
    }
    if (!exists) folder.index.removeFile(rel);
    else if (role === 'other' || role === 'config') folder.index.addPath(rel);
    else {
      const text = await folder.readFromDisk(rel);
      if (text === undefined) folder.index.addPath(rel);
      else folder.index.updateFile(rel, text);
    }
    folder.changed();
  }

  async reindexAll(): Promise<void> {
    await Promise.all(this.folders.map((f) => f.reload()));
  }
}
