import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { URI, Utils } from 'vscode-uri';
import { CONFIG_FILE, mergeConfig, resolveConfig, type ClarifierConfig, type FileRole } from '../core/workspace/config';
import { compareDiagnostics, computeDiagnostics, severityCountsOf } from '../core/diagnostics/diagnostics';
import { staleDiagnostics, type StaleFinding } from '../core/analysis/drift';
import type { Range } from '../core/types';
import { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import type { Diagnostic } from '../core/types';
import { plural } from '../core/text/words';
import { isUnder, readTextFile, walkWorkspace, WorkspaceRules, type WalkEntry } from '../io/walk';
import { loadWorkspace } from '../io/workspace';
import { binderEntries, foundBinding, MAX_BINDER_BYTES } from '../core/workspace/bindings';
import { MAX_MYST_CONFIG_BYTES, MYST_CONFIG_NAMES, mystProjectOf } from '../core/markdown/explicitTargets';

/**
 * The server's view of the file system: one `Folder` per workspace folder, each with its own index, loaded by the
 * safe walker, kept current from open documents (the editor's text wins while a document is open) and from file
 * events. Diagnostics are recomputed on demand and cached per index generation.
 *
 * [^ls5w] What a folder holds is decided by the walker's rules (`WorkspaceRules`) for the first load and for every
 * file event alike; loads, file events, edits and closes go through ONE ordered queue per folder; URIs are compared in
 * one normal form and answers use the client's own URIs (its folder root, its open documents), never the real path.
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

/**
 * One normal form of a URI (vscode-uri's, the one VS Code itself uses): `auth%20(1).md`, `auth%20%281%29.md` and
 * `auth (1).md` are one document. Used as the key of every URI-keyed map.
 */
export function normalizeUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

const indexable = (role: FileRole): boolean => role !== 'other' && role !== 'config';

/** `abs` relative to `root` with `/`, or undefined when it is not strictly inside. */
function relativeIn(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

const isSelfOrAbove = (abs: string, root: string): boolean => root === abs || root.startsWith(abs.endsWith(path.sep) ? abs : abs + path.sep);

type FileEventKind = 'created' | 'changed' | 'deleted';

/** How many steps of a rehearsal run in its first job (see Folder.rehearse). */
const REHEARSED_FIRST_STEPS = 4;

/** An MkDocs config of the folder or of a folder up to three levels down (see workspace.ts mkdocsSites). */
const MKDOCS_CONFIG = /^(?:[^/]+\/){0,3}(?:mkdocs(?:[-_.][\w.-]*)?\.ya?ml|zensical\.toml)$/;
/** A Docusaurus config of the folder or of a folder up to three levels down (see workspace.ts docusaurusSites). */
const DOCUSAURUS_CONFIG = /^(?:[^/]+\/){0,3}docusaurus\.config\.[cm]?[jt]s$/;
/** A Zola config of the folder or of a folder up to three levels down (see workspace.ts zolaSites). */
const ZOLA_CONFIG = /^(?:[^/]+\/){0,3}(?:zola|config)\.toml$/;
/** A DocFX project's config where the loader looks for one (workspace.ts docfxProjects: up to three folders down) [^tr36d]. */
const DOCFX_CONFIG = /^(?:[^/]+\/){0,3}docfx\.json$/;
/** A Hugo site's config (see workspace.ts hugoConfigFiles): a root `hugo.*` or `config.*`, or a file of `config/_default/`. */
const HUGO_CONFIG = /^(?:hugo|config|config\/_default\/[^\n]+)\.(?:toml|ya?ml|json)$/;

export class Folder {
  index!: WorkspaceIndex;
  config!: ClarifierConfig;
  skipped: { path: string; reason: string }[] = [];
  /** Resolves when the first load has finished (never rejects: a folder that cannot be read is an empty folder). */
  ready: Promise<void>;
  /** The root's URI as the client named it (normal form): outgoing URIs are built from it, never from the real path. */
  readonly uri: string;
  /** Removed from the workspace: it publishes nothing more. */
  removed = false;
  private readonly clientBase: URI;
  private readonly builtUris = new Map<string, string>();
  private rules: WorkspaceRules;
  /** Whether an open document's path is in the workspace by the rules (cleared whenever the disk may have changed). */
  private readonly admitted = new Map<string, boolean>();
  /** The one ordered queue of this folder: loads, file events, edits to index, closes. */
  private queue: Promise<void> = Promise.resolve();
  private loadQueued = false;
  private generation = 0;
  private diagnosticsCache?: { generation: number; diagnostics: Diagnostic[] };
  /** Diagnostics per file, kept current file by file after local edits (see refreshDiagnostics). */
  private byFile?: Map<string, Diagnostic[]>;
  private unpublished: Set<string> | 'all' = 'all';
  /** Diagnostics per severity, kept with byFile. */
  private counts: Record<string, number> = {};
  /** The last stale-citation findings from the git history, by code file (computed in the background) [^dr1s]. */
  private stale = new Map<string, StaleFinding[]>();

  constructor(
    /** The real path of the root (file system access and containment checks). */
    readonly root: string,
    /** The root's path as the client named it (may lead through a symlink: macOS /tmp, symlinked homes). */
    readonly clientRoot: string,
    clientUri: string,
    private readonly host: Host,
  ) {
    this.clientBase = URI.parse(clientUri);
    this.uri = this.clientBase.toString();
    this.rules = new WorkspaceRules(root);
    this.ready = this.reload();
  }

  /** Runs `job` after everything queued before it. Never rejects: a failing job is logged. */
  enqueue(job: () => Promise<void> | void): Promise<void> {
    const run = this.queue.then(job).catch((err: unknown) => this.host.log.error(`${this.clientRoot}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    this.queue = run;
    return run;
  }

  /** Resolves when everything queued so far has been done. */
  barrier(): Promise<void> {
    return this.enqueue(() => undefined);
  }

  /** (Re)loads the folder from disk (after what is queued), then re-applies the open documents of the folder. */
  reload(): Promise<void> {
    // A load already waiting in the queue picks up every change made before it runs: one is enough.
    if (this.loadQueued) return this.barrier();
    this.loadQueued = true;
    return this.enqueue(() => {
      this.loadQueued = false;
      return this.load();
    });
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const cacheDir = this.host.cacheDir ? path.join(this.host.cacheDir, 'index-cache') : undefined;
    const rules = new WorkspaceRules(this.root);
    let loaded: { index: WorkspaceIndex; config: ClarifierConfig; skipped: { path: string; reason: string }[] };
    try {
      loaded = await loadWorkspace(this.root, { overrides: this.host.overrides, rules, ...(cacheDir ? { cacheDir } : {}) });
    } catch (err) {
      // A folder that does not exist (or vanished while indexing) is an empty folder; the others keep working [^ls5w].
      this.host.log.error(`Cannot index ${this.clientRoot} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): it is treated as an empty folder.`);
      const config = mergeConfig(resolveConfig(undefined).config, this.host.overrides);
      loaded = { index: new WorkspaceIndex(config), config, skipped: [] };
    }
    this.rules = rules;
    this.admitted.clear();
    this.index = loaded.index;
    this.byFile = undefined;
    this.config = loaded.config;
    this.skipped = loaded.skipped;
    for (const [rel, text] of await this.openDocuments('')) if (indexable(this.index.roleOf(rel))) this.index.updateFile(rel, text);
    this.changed();
    const model = this.index.model();
    this.host.log.info(
      `Indexed ${this.root}: ${plural(model.clauses.length, 'clause')} in ${plural(model.specFiles.length, 'spec')}, ${plural(model.citations.length, 'citation')} in ${plural(model.codeFiles.length, 'file')} (${Date.now() - started} ms)` +
        (loaded.skipped.length ? `; skipped ${plural(loaded.skipped.length, 'file')}` : ''),
    );
    for (const s of loaded.skipped) this.host.log.info(`  skipped ${s.path}: ${s.reason}`);
  }

  /**
   * Rehearses the first edits of the open big spec at `rel`: each of its rehearsal texts (WorkspaceIndex.rehearsalEdits)
   * is indexed as an edit and its diagnostics computed, then the spec's text again, so the user's first keystrokes run
   * compiled code on a model whose lazily made sets exist (a cold first new footnote cost 3-6x a warm one; the first
   * typed words, while the optimizing compiler still works, ~2x). Each step (a rehearsal text and the text again) is one
   * job of the folder's queue, but for the first REHEARSED_FIRST_STEPS, which are one job, and the event loop turns
   * between jobs: an edit or a request waits for one job at most, and every answer sees the spec's own text. The rehearsal stops when the editor's text changed or an edit of it
   * waits to be indexed (the user's keystrokes take over), or when a step rebuilt the model (an id of the spec declared
   * in another file, say: the user's edits take that path anyway). The index and the diagnostics end as they were (the
   * same text, indexed as an edit is). Resolves to false when it should be asked again later (an edit of the document
   * was pending before any step ran), true when done, stopped or not needed.
   */
  async rehearse(rel: string): Promise<boolean> {
    const uri = this.uriOf(rel);
    const key = normalizeUri(uri);
    let text: string | undefined;
    let edits: string[] = [];
    let pending = false;
    await this.enqueue(async () => {
      text = this.host.openEntry(key)?.text;
      if (text === undefined || this.removed || this.index.roleOf(rel) !== 'spec' || !(await this.admits(rel))) return;
      // The text indexed is the editor's only when none of its edits waits (checked after the wait above).
      if (this.host.isPending(uri)) {
        pending = true;
        return;
      }
      edits = this.index.rehearsalEdits(rel, text);
    });
    if (pending) return false;
    if (text === undefined || edits.length === 0) return true;
    const started = performance.now();
    let steps = 0;
    for (let k = 0; k < edits.length; ) {
      // The first steps in one job (the word and the new footnote id of the old rehearsal, and two words): an edit that
      // comes right after the spec opened waits for them, as it waited for the whole rehearsal, and runs warm.
      const group = edits.slice(k, k === 0 ? REHEARSED_FIRST_STEPS : k + 1);
      // Each text is let go once indexed (16 texts of a 0.8 MB spec kept to the end would be garbage all at once).
      for (let i = k; i < k + group.length; i++) edits[i] = '';
      k += group.length;
      // Between jobs the editor's messages are read (an edit that arrived stops the rehearsal, a request is answered).
      await new Promise<void>((resolve) => setImmediate(resolve));
      let stop = false;
      await this.enqueue(() => {
        if (this.removed || this.host.openEntry(key)?.text !== text || this.host.isPending(uri)) {
          stop = true;
          return;
        }
        for (const t of group) {
          this.index.updateFile(rel, t, true);
          const local = this.index.changesAreLocal();
          this.refreshDiagnostics();
          this.index.updateFile(rel, text!, true);
          this.refreshDiagnostics();
          steps++;
          if (!local) {
            stop = true;
            return;
          }
        }
      });
      if (stop) break;
    }
    if (steps === 0) return true;
    this.changed();
    this.host.log.info(`Rehearsed the first edits of ${rel} (${steps} of ${edits.length} steps, ${Math.round(performance.now() - started)} ms)`);
    return true;
  }

  /** A file event for `rel` ('' for the root itself), queued in order with everything else of the folder. */
  fileEvent(rel: string, kind: FileEventKind): Promise<void> {
    if (rel === CONFIG_FILE) {
      this.host.log.info(`${CONFIG_FILE} ${kind}: re-indexing ${this.clientRoot}`);
      return this.reload();
    }
    // An MkDocs config where the loader looks for one (workspace.ts mkdocsSites: also `mkdocs-common.yml`, Zensical's
    // `zensical.toml`): which folders are a site's pages, their heading ids, extensions and a translation's fallback
    // are read from it with the folder [^sc5p] [^ln9n].
    if (MKDOCS_CONFIG.test(rel)) {
      this.host.log.info(`${rel} ${kind}: site configuration changed, re-indexing ${this.clientRoot}`);
      return this.reload();
    }
    // A Zola config: which folder is a site's content, where its pages' `@/` links lead and its heading ids [^tr34z]. A
    // `config.toml` (a name many tools use) only when its folder is a Zola site or the file sets `base_url`; else a root
    // one may still be Hugo's (below).
    if (ZOLA_CONFIG.test(rel)) return this.reindexWhen(rel, kind, 'site configuration', async () => (await this.zolaWith(rel)) || (HUGO_CONFIG.test(rel) && (await this.hugoWith(rel))));
    // A DocFX config: which folder is a project, where its pages' `~/` links lead and which headings are tabs [^tr36d].
    if (DOCFX_CONFIG.test(rel)) return this.reindexWhen(rel, kind, 'DocFX projects', () => this.docfxWith(rel));
    // A Hugo config: which folders are the site's pages (its contentDir, each language's, its mounts) and its ids [^sc5p].
    // A root `config.*` (a name many tools use) only when the folder is a Hugo site or the file names Hugo's `baseURL`.
    if (HUGO_CONFIG.test(rel)) return this.reindexWhen(rel, kind, 'site configuration', () => this.hugoWith(rel));
    // A Docusaurus config, or the versions.json of a site: its docs folder and versions decide where a page's links are
    // read from [^ln9d].
    if (DOCUSAURUS_CONFIG.test(rel) || this.config.docusaurus?.some((d) => rel === (d.dir ? `${d.dir}/versions.json` : 'versions.json'))) {
      this.host.log.info(`${rel} ${kind}: site configuration changed, re-indexing ${this.clientRoot}`);
      return this.reload();
    }
    if (rel.slice(rel.lastIndexOf('/') + 1) === '.gitignore') {
      // The rules changed: re-index, unless the .gitignore sits where nothing is indexed anyway (node_modules/…).
      return this.enqueue(async () => {
        const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
        if (dir && (await this.rules.classify(dir)) !== 'dir') return this.sync(rel);
        this.host.log.info(`${rel} ${kind}: re-indexing ${this.clientRoot}`);
        return this.load();
      });
    }
    // A binder list changed (or a text file now reads as one), or a bound fragment is gone: the bound documents are
    // read again with the folder [^ln8b].
    if (/\.txt$/i.test(rel) || (kind === 'deleted' && this.config.bindings?.some((b) => b.files.includes(rel)))) return this.reindexWhen(rel, kind, 'bound documents', () => this.bindsWith(rel));
    // An Obsidian vault's `.obsidian/` folder, or a file in it (Obsidian writes `app.json` there): made or removed, the
    // vault's pages' links are read by Obsidian's rules, or no longer [^tr35o].
    const vault = obsidianVaultFolder(rel);
    if (vault !== undefined) return this.reindexWhen(rel, kind, 'Obsidian vaults', () => this.obsidianWith(vault));
    // A MyST project's config (conf.py, myst.yml, _config.yml, _toc.yml) that makes or made one: its pages' links read
    // the project's targets [^ln9m].
    if (MYST_CONFIG_NAMES.has(rel.slice(rel.lastIndexOf('/') + 1))) return this.reindexWhen(rel, kind, 'MyST projects', () => this.mystWith(rel));
    return this.enqueue(() => this.sync(rel, kind));
  }

  /**
   * A file event that may change what the folder is made of (a site's config, a binder list, a MyST project's config),
   * queued in order: the whole folder is indexed again when `changes` (asked in the queue) says so, else the file is
   * synced as any other. `what` names the change in the log.
   */
  private reindexWhen(rel: string, kind: FileEventKind, what: string, changes: () => Promise<boolean>): Promise<void> {
    return this.enqueue(async () => {
      if (!(await changes())) return this.sync(rel, kind);
      this.host.log.info(`${rel} ${kind}: ${what} changed, re-indexing ${this.clientRoot}`);
      return this.load();
    });
  }

  /** Whether a Hugo config file's change may change the site: the folder is one, or it is `hugo.*`, a file of `config/_default/`, or a `config.*` that names `baseURL` [^sc5p]. */
  private async hugoWith(rel: string): Promise<boolean> {
    if (this.config.hugoPages?.length || !rel.startsWith('config.')) return true;
    if ((await this.rules.classify(rel)) !== 'file') return false;
    const read = await readTextFile(path.join(this.root, ...rel.split('/')), MAX_MYST_CONFIG_BYTES);
    return 'text' in read && /baseurl/i.test(read.text);
  }

  /** Whether `rel` is a Zola config (`zola.toml`, a `config.toml` that sets `base_url`), or its folder was a Zola site [^tr34z]. */
  private async zolaWith(rel: string): Promise<boolean> {
    const slash = rel.lastIndexOf('/');
    const content = slash < 0 ? 'content' : `${rel.slice(0, slash)}/content`;
    if (this.config.zola?.some((site) => site.content === content)) return true;
    if (rel.slice(slash + 1) === 'zola.toml') return true;
    if ((await this.rules.classify(rel)) !== 'file') return false;
    const read = await readTextFile(path.join(this.root, ...rel.split('/')), MAX_MYST_CONFIG_BYTES);
    return 'text' in read && /^[ \t]*base_url[ \t]*=/m.test(read.text);
  }

  /** Whether a `docfx.json` makes or made a DocFX project: its folder is one, or the file now has a `build` section [^tr36d]. */
  private async docfxWith(rel: string): Promise<boolean> {
    const slash = rel.lastIndexOf('/');
    if (this.config.docfx?.includes(slash < 0 ? '' : rel.slice(0, slash))) return true;
    if ((await this.rules.classify(rel)) !== 'file') return false;
    const read = await readTextFile(path.join(this.root, ...rel.split('/')));
    return 'text' in read && /"build"\s*:/.test(read.text);
  }

  /** Whether folder `vault` is an Obsidian vault now (a real `.obsidian/` folder) and was not, or was and is not [^tr35o]. */
  private async obsidianWith(vault: string): Promise<boolean> {
    const was = this.config.obsidian?.includes(vault) ?? false;
    let is = false;
    try {
      is = (await fs.promises.lstat(path.join(this.root, ...(vault ? `${vault}/.obsidian` : '.obsidian').split('/')))).isDirectory();
    } catch {
      // gone: not a vault
    }
    return was !== is;
  }

  /** Whether `rel` makes a MyST project's folder now, or its folder was one [^ln9m]. */
  private async mystWith(rel: string): Promise<boolean> {
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    if (this.config.myst?.includes(dir)) return true;
    if ((await this.rules.classify(rel)) !== 'file') return false;
    const read = await readTextFile(path.join(this.root, ...rel.split('/')), MAX_MYST_CONFIG_BYTES);
    const text = 'text' in read ? read.text : undefined;
    return mystProjectOf(rel, () => text, (p) => p === rel || this.index.hasFile(p)) !== undefined;
  }

  /** Whether `rel` binds fragments now or did (a binder list of the config, one found, or a text that reads as one), or was a bound fragment. */
  private async bindsWith(rel: string): Promise<boolean> {
    const config = this.config;
    if (config.bind === false) return false;
    if (config.bindings?.some((b) => b.binder === rel || b.files.includes(rel))) return true;
    if (config.bind.some((e) => typeof e === 'string' && e.replace(/^\.\//, '') === rel)) return true;
    if ((await this.rules.classify(rel)) !== 'file') return false;
    // As the loader reads a found binder (workspace.ts readBindings): at most MAX_BINDER_BYTES, and only a list whose
    // every entry is a Markdown file of the folder binds (a notes file that lists paths does not re-index the folder).
    const read = await readTextFile(path.join(this.root, ...rel.split('/')), MAX_BINDER_BYTES);
    return 'text' in read && foundBinding(rel, binderEntries(read.text), (p) => this.index.hasFile(p)) !== undefined;
  }

  /** Re-reads `rel` from disk (a closed document: the disk is the truth again). */
  refresh(rel: string): Promise<void> {
    return this.enqueue(() => this.sync(rel));
  }

  /**
   * Brings `rel` (a file, a folder, or the root '') in line with the disk by the workspace rules: what is gone, ignored
   * or reached through a symlinked folder is removed (a whole folder at once), a new folder is walked with the
   * walker's rules, files are read. An open document keeps the editor's text, even when its file is deleted [^ls2t].
   */
  private async sync(rel: string, event?: FileEventKind): Promise<void> {
    const kind = await this.rules.classify(rel);
    // A folder "changed" (its entries did): each entry has its own event.
    if (event === 'changed' && kind === 'dir') return;
    this.rules.forget(rel);
    this.admitted.clear();
    const onDisk = new Map<string, WalkEntry>();
    if (kind === 'file' || kind === 'symlink') onDisk.set(rel, { path: rel, size: -1, ...(kind === 'symlink' ? { symlink: true } : {}) });
    else if (kind === 'dir') {
      try {
        const walked = await walkWorkspace(this.root, { rules: this.rules, under: rel });
        for (const f of walked.files) onDisk.set(f.path, f);
        for (const s of walked.skipped) this.host.log.info(`  skipped ${s.path}: ${s.reason}`);
      } catch (err) {
        this.host.log.info(`  skipped ${rel || '.'}: folder not readable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    const open = await this.openDocuments(rel);
    // What the index holds under `rel`: a whole folder's files only where `rel` may have been a folder.
    const folderLike = kind === 'dir' || ((kind === 'absent' || kind === 'excluded') && !this.index.hasFile(rel));
    const indexed = folderLike ? this.index.paths().filter((file) => isUnder(file, rel)) : this.index.hasFile(rel) ? [rel] : [];
    for (const file of indexed) if (!onDisk.has(file) && !open.has(file)) this.index.removeFile(file);
    for (const [file, text] of open) if (indexable(this.index.roleOf(file))) this.index.updateFile(file, text);
    for (const entry of onDisk.values()) if (!open.has(entry.path)) await this.readIntoIndex(entry);
    this.changed();
  }

  private async readIntoIndex(entry: WalkEntry): Promise<void> {
    const rel = entry.path;
    const role = this.index.roleOf(rel);
    const result = entry.symlink || !indexable(role) ? undefined : await readTextFile(path.join(this.root, ...rel.split('/')));
    if (result && 'text' in result) {
      this.index.updateFile(rel, result.text);
      return;
    }
    if (result) this.host.log.info(`  skipped ${rel}: ${result.skipped}`);
    // Exists, not read (as the walker lists it): whatever was read of it before is gone.
    if (this.index.factsOf(rel)) this.index.removeFile(rel);
    this.index.addPath(rel);
  }

  /** The open documents of this folder under `under` that the rules admit: workspace path -> the editor's text. */
  private async openDocuments(under: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const { uri, text } of this.host.openEntries()) {
      if (this.host.locate(uri)?.folder !== this) continue;
      const rel = this.relative(uri) ?? this.relative(this.host.realUri(uri));
      if (rel !== undefined && isUnder(rel, under) && (await this.admits(rel))) out.set(rel, text);
    }
    return out;
  }

  /** Whether an open document at `rel` belongs in the index: the rules admit its path (its file may be gone). */
  async admits(rel: string): Promise<boolean> {
    let ok = this.admitted.get(rel);
    if (ok === undefined) {
      const kind = await this.rules.classify(rel);
      ok = kind === 'file' || kind === 'absent';
      this.admitted.set(rel, ok);
    }
    return ok;
  }

  /** The workspace-relative path of a URI inside this folder (by the client's root or the real one), else undefined. */
  relative(uri: string): string | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    return relativeIn(this.clientRoot, abs) ?? (this.root !== this.clientRoot ? relativeIn(this.root, abs) : undefined);
  }

  absolute(rel: string): string | undefined {
    const abs = path.resolve(this.root, rel);
    return abs.startsWith(this.root + path.sep) ? abs : undefined;
  }

  /**
   * The URI of a workspace path in the client's terms: the open document's own URI when it is open, else the client's
   * root URI joined with the path (never the real path of a symlinked root) [^ls5w].
   */
  uriOf(rel: string): string {
    let built = this.builtUris.get(rel);
    if (built === undefined) {
      built = Utils.joinPath(this.clientBase, rel).toString();
      if (this.builtUris.size > 100_000) this.builtUris.clear();
      this.builtUris.set(rel, built);
    }
    const open = this.host.openEntry(built) ?? (this.root !== this.clientRoot ? this.host.openEntry(URI.file(path.join(this.root, rel)).toString()) : undefined);
    return open?.uri ?? built;
  }

  changed(): void {
    if (this.removed) return;
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
      // Counted once per list: a big spec's list is taken out again on its next edit (thousands of entries), and its
      // next list is counted from this one's counts (severityCountsOf).
      const known = severityCountsOf(list);
      this.counts['error'] = (this.counts['error'] ?? 0) + sign * known.errors;
      this.counts['warning'] = (this.counts['warning'] ?? 0) + sign * known.warnings;
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
      for (const file of this.stale.keys()) {
        const list = this.withStale(file, this.byFile.get(file) ?? []);
        count(list.filter((d) => d.code === 'citation.stale'), 1);
        if (list.length) this.byFile.set(file, list);
      }
      this.unpublished = 'all';
      return;
    }
    for (const file of changes) {
      const list = this.withStale(file, computeDiagnostics(model, this.config, file));
      count(this.byFile.get(file) ?? [], -1);
      count(list, 1);
      if (list.length) this.byFile.set(file, list);
      else this.byFile.delete(file);
      if (this.unpublished !== 'all') this.unpublished.add(file);
    }
  }

  /**
   * New stale-citation findings (a background run over the git history): every file's diagnostics are recomputed
   * with them. Unchanged findings change nothing.
   */
  setStaleFindings(findings: readonly StaleFinding[]): void {
    const next = new Map<string, StaleFinding[]>();
    for (const f of findings) {
      const list = next.get(f.citation.file);
      if (list) list.push(f);
      else next.set(f.citation.file, [f]);
    }
    const key = (m: Map<string, StaleFinding[]>): string => JSON.stringify([...m].map(([file, list]) => [file, list.map((f) => [f.id, f.citation.idRange, f.line.commit, f.changed, f.oldText, f.newText])]));
    if (key(next) === key(this.stale)) return;
    this.stale = next;
    this.byFile = undefined;
    this.changed();
  }

  /**
   * The stale finding at a citation of `file`, while the citation is still there: a finding is dropped as soon as its
   * file's text no longer has that citation at that place (the user edits the line; the next save judges again).
   */
  staleAt(file: string, range: Range): StaleFinding | undefined {
    return this.currentStale(file).find((f) => f.citation.range.start.line === range.start.line && f.citation.range.start.character === range.start.character);
  }

  private currentStale(file: string): StaleFinding[] {
    const list = this.stale.get(file);
    if (!list) return [];
    const citations = this.index.codeFactsOf(file)?.citations ?? [];
    return list.filter((f) => citations.some((c) => c.id === f.citation.id && sameRange(c.idRange, f.citation.idRange)));
  }

  /** A file's computed diagnostics with its current stale findings, in order. */
  private withStale(file: string, list: Diagnostic[]): Diagnostic[] {
    const stale = this.stale.size ? staleDiagnostics(this.currentStale(file), this.config) : [];
    return stale.length ? [...list, ...stale].sort(compareDiagnostics) : list;
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

  /** The current diagnostics of every file that has some, by file (lists are never changed once made). */
  diagnosticLists(): ReadonlyMap<string, Diagnostic[]> {
    this.refreshDiagnostics();
    return this.byFile!;
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

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An open spec of more characters than this is not re-indexed on edits [^big_documents]. */
export const LARGE_DOCUMENT_CHARS = 2 * 1024 * 1024;

export class Host {
  readonly folders: Folder[] = [];
  overrides: Partial<ClarifierConfig> = {};
  /** Open documents by normal-form URI: the client's URI and the editor's latest text. */
  private readonly open = new Map<string, { uri: string; text: string }>();
  /** Open documents (normal-form URI) whose latest text is not indexed yet: edits are coalesced, a burst costs one parse. */
  private readonly pending = new Set<string>();
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
    if (!root) return undefined;
    const clientRoot = path.resolve(root);
    let real = clientRoot;
    try {
      real = fs.realpathSync(clientRoot);
    } catch {
      // a folder that does not exist (yet): an empty folder
    }
    if (this.folders.some((f) => f.root === real)) return undefined;
    const folder = new Folder(real, clientRoot, uri, this);
    this.folders.push(folder);
    // Longest root first, so nested folders win.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    return folder;
  }

  /** Removes a folder; it publishes nothing more (the caller clears what it published). */
  removeFolder(uri: string): Folder | undefined {
    const root = uriToPath(uri);
    const key = normalizeUri(uri);
    const at = this.folders.findIndex((f) => f.uri === key || (root !== undefined && (f.clientRoot === path.resolve(root) || f.root === path.resolve(root))));
    if (at < 0) return undefined;
    const [folder] = this.folders.splice(at, 1);
    folder!.removed = true;
    return folder;
  }

  /** The folder a URI belongs to and its relative path. */
  locate(uri: string): { folder: Folder; rel: string } | undefined {
    for (const folder of this.folders) {
      const rel = folder.relative(uri);
      if (rel !== undefined) return { folder, rel };
    }
    // A path that reaches a folder through a symlink.
    const real = this.realUri(uri);
    if (real === uri) return undefined;
    for (const folder of this.folders) {
      const rel = folder.relative(real);
      if (rel !== undefined) return { folder, rel };
    }
    return undefined;
  }

  realUri(uri: string): string {
    const abs = uriToPath(uri);
    if (!abs) return uri;
    try {
      return pathToUri(fs.realpathSync(abs));
    } catch {
      return uri;
    }
  }

  openEntries(): IterableIterator<{ uri: string; text: string }> {
    return this.open.values();
  }

  /** The open document of a URI in normal form (`normalizeUri`), if any. */
  openEntry(normalUri: string): { uri: string; text: string } | undefined {
    return this.open.get(normalUri);
  }

  /**
   * An open document's text changed (or it was opened): the editor's text is the truth [^ls2t]. The text is
   * indexed after a short quiet period, or at once when a request needs it (`flush`), so an edit storm on a big
   * spec costs one parse, not one per keystroke, and no answer is computed from an older text.
   */
  documentChanged(uri: string, text: string): void {
    if (this.degradeLarge(uri, text)) return;
    const key = normalizeUri(uri);
    this.open.set(key, { uri, text });
    if (!this.locate(uri)) return;
    this.pending.add(key);
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => void this.flush(), this.lastFlushMs < Host.CHEAP_MS ? 0 : Host.COALESCE_MS);
  }

  /**
   * Indexes the pending texts of open documents (all, or one URI), in each folder's queue (after the file events that
   * arrived before), then waits for everything queued so far: answers never lag the editor or the disk events.
   */
  async flush(uri?: string): Promise<void> {
    const keys = uri === undefined ? [...this.pending] : [normalizeUri(uri)].filter((k) => this.pending.has(k));
    const jobs: Promise<void>[] = [];
    for (const key of keys) {
      const entry = this.open.get(key);
      const at = entry && this.locate(entry.uri);
      if (!at) {
        this.pending.delete(key);
        continue;
      }
      jobs.push(at.folder.enqueue(() => this.indexPending(key, at.folder, at.rel)));
    }
    await Promise.all([...jobs, ...this.folders.map((f) => f.barrier())]);
  }

  private async indexPending(key: string, folder: Folder, rel: string): Promise<void> {
    if (!this.pending.has(key)) return;
    const admitted = indexable(folder.index.roleOf(rel)) && (await folder.admits(rel));
    // The latest text, taken with no wait before it is indexed (a publish in between would carry a newer version).
    const text = this.open.get(key)?.text;
    if (!this.pending.delete(key) || text === undefined) return;
    if (!admitted) {
      // Not in the workspace (ignored, behind a symlinked folder): nothing to index, but its diagnostics (none) are
      // published with the new version, so nothing an older text had stays.
      folder.changed();
      this.onDocumentIndexed(folder, rel);
      return;
    }
    const started = performance.now();
    folder.index.updateFile(rel, text, true);
    this.lastFlushMs = performance.now() - started;
    folder.changed();
    this.onDocumentIndexed(folder, rel);
  }

  /**
   * Open documents of more than LARGE_DOCUMENT_CHARS characters (by URI). Their edits are not indexed: re-parsing
   * megabytes per keystroke would stall every answer. What is on disk stays indexed (the walker's size limit applies),
   * so saving the document re-indexes it, and the status names them [^big_documents].
   */
  private readonly large = new Map<string, string>();
  /** Called when the set of large open documents changes. */
  onLargeDocuments: () => void = () => undefined;

  /** The client's URIs of the large open documents. */
  largeDocuments(): string[] {
    return [...this.large.values()];
  }

  /** Whether the text is a large spec's (its edits are then not indexed). Code is scanned in linear time: not capped. */
  private degradeLarge(uri: string, text: string): boolean {
    const key = normalizeUri(uri);
    const at = text.length > LARGE_DOCUMENT_CHARS ? this.locate(uri) : undefined;
    const folder = at?.folder as { index?: WorkspaceIndex } | undefined;
    const spec = at !== undefined && (folder?.index ? folder.index.roleOf(at.rel) === 'spec' : /\.(?:md|markdown)$/i.test(at.rel));
    if (!spec) {
      if (this.large.delete(key)) this.onLargeDocuments();
      return false;
    }
    if (!this.large.has(key)) {
      this.large.set(key, uri);
      this.log.info(`${uri}: ${text.length} characters, more than ${LARGE_DOCUMENT_CHARS}: its edits are not indexed (the saved file is)`);
      this.onLargeDocuments();
      const wasOpen = this.open.delete(key);
      this.pending.delete(key);
      // Its smaller text may be indexed: the disk is the truth for it now (in the folder's queue, after what came before).
      if (wasOpen) {
        void at.folder
          .refresh(at.rel)
          .then(() => {
            this.onDocumentIndexed(at.folder, at.rel);
            at.folder.changed();
          })
          .catch(() => undefined);
      }
    }
    return true;
  }

  /** A document was closed: what is on disk is the truth again. */
  async documentClosed(uri: string): Promise<void> {
    const key = normalizeUri(uri);
    if (this.large.delete(key)) this.onLargeDocuments();
    this.open.delete(key);
    this.pending.delete(key);
    const at = this.locate(uri);
    if (!at) return;
    await at.folder.refresh(at.rel);
    // Published again as the file on disk (a publish skipped while an edit was pending is not lost).
    this.onDocumentIndexed(at.folder, at.rel);
    at.folder.changed();
  }

  /** The document has a newer text than the index holds (an edit not flushed yet). */
  isPending(uri: string): boolean {
    return this.pending.has(normalizeUri(uri));
  }

  isOpen(uri: string): boolean {
    return this.open.has(normalizeUri(uri));
  }

  /**
   * File events from the editor's watcher, in the order given: each is queued at once in its folder's queue, so a
   * batch that arrives later is processed later (a create after a delete of the same file stays a create) [^ls5w].
   */
  fileEvents(changes: readonly { uri: string; kind: FileEventKind }[]): Promise<void> {
    return Promise.all(changes.map((c) => this.fileChanged(c.uri, c.kind))).then(() => undefined);
  }

  /** One file event (queued synchronously: call in arrival order). The root itself or a folder above it: all of it. */
  fileChanged(uri: string, kind: FileEventKind): Promise<void> {
    const jobs: Promise<void>[] = [];
    const abs = uriToPath(uri);
    if (abs) {
      const resolved = path.resolve(abs);
      // The root (or a folder above it) deleted or created: all of the folder. Its "changed" events say nothing.
      if (kind !== 'changed') for (const folder of this.folders) if (isSelfOrAbove(resolved, folder.clientRoot) || isSelfOrAbove(resolved, folder.root)) jobs.push(folder.fileEvent('', kind));
    }
    const at = this.locate(uri);
    if (at) jobs.push(at.folder.fileEvent(at.rel, kind));
    return Promise.all(jobs).then(() => undefined);
  }

  async reindexAll(): Promise<void> {
    await Promise.all(this.folders.map((f) => f.reload()));
  }
}

/** The folder whose `.obsidian/` folder `rel` is or is inside (`''` for the root), or undefined [^tr35o]. */
function obsidianVaultFolder(rel: string): string | undefined {
  const segments = rel.split('/');
  const at = segments.indexOf('.obsidian');
  return at < 0 ? undefined : segments.slice(0, at).join('/');
}
