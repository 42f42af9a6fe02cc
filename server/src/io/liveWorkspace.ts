import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/workspace/config';
import { MYST_CONFIG_NAMES } from '../core/markdown/explicitTargets';
import { readTextFile, walkWorkspace } from './walk';
import { loadWorkspace, type LoadedWorkspace } from './workspace';

/**
 * A workspace folder kept current for a long-running process without an editor (the MCP server): loaded once by the
 * safe walker, then, at most once per `minIntervalMs` and only when asked, brought up to date by walking again with
 * the same rules and re-reading only the files whose size or modification time changed. A changed `.clarifier.json`
 * reloads everything. Read-only: nothing is written [^ag1m].
 */
export class LiveWorkspace {
  private loaded?: LoadedWorkspace;
  private stats = new Map<string, string>();
  private configStamp = '';
  private lastRefresh = 0;
  private running?: Promise<LoadedWorkspace>;

  constructor(
    readonly root: string,
    private readonly minIntervalMs = 1000,
  ) {}

  /** The workspace as it is on disk now (or at most `minIntervalMs` ago). */
  current(): Promise<LoadedWorkspace> {
    if (this.running) return this.running;
    if (this.loaded && Date.now() - this.lastRefresh < this.minIntervalMs) return Promise.resolve(this.loaded);
    this.running = this.refresh().finally(() => {
      this.running = undefined;
      this.lastRefresh = Date.now();
    });
    return this.running;
  }

  private async refresh(): Promise<LoadedWorkspace> {
    const configStamp = this.configStampOf(this.loaded);
    if (!this.loaded || configStamp !== this.configStamp) {
      this.loaded = await loadWorkspace(this.root, { workers: 0 });
      this.configStamp = this.configStampOf(this.loaded);
      this.stats = new Map();
      for (const rel of this.loaded.index.model().files) this.stats.set(rel, stamp(path.join(this.loaded.root, rel)));
      return this.loaded;
    }
    const { index } = this.loaded;
    const walked = await walkWorkspace(this.loaded.root);
    const present = new Set<string>();
    const skipped = [...walked.skipped];
    for (const entry of walked.files) {
      present.add(entry.path);
      const now = stamp(path.join(this.loaded.root, entry.path));
      if (this.stats.get(entry.path) === now) continue;
      this.stats.set(entry.path, now);
      const role = index.roleOf(entry.path);
      if (entry.symlink || role === 'other' || role === 'config') {
        index.addPath(entry.path);
        continue;
      }
      const read = await readTextFile(path.join(this.loaded.root, entry.path));
      if ('text' in read) index.updateFile(entry.path, read.text);
      else {
        index.addPath(entry.path);
        skipped.push({ path: entry.path, reason: read.skipped });
      }
    }
    for (const rel of [...this.stats.keys()]) {
      if (present.has(rel)) continue;
      this.stats.delete(rel);
      index.removeFile(rel);
    }
    this.loaded = { ...this.loaded, skipped };
    return this.loaded;
  }

  /** `.clarifier.json`'s stamp, and those of the binder lists of the bound documents [^ln8b] and the MyST projects' configs [^ln9m]: a change reloads everything. */
  private configStampOf(loaded: LoadedWorkspace | undefined): string {
    const binders = (loaded?.config.bindings ?? []).flatMap((b) => (b.binder ? [b.binder] : []));
    // The config files of the MyST projects found [^ln9m].
    const myst = (loaded?.config.myst ?? []).flatMap((dir) => [...MYST_CONFIG_NAMES].map((n) => (dir ? `${dir}/${n}` : n)));
    return [CONFIG_FILE, ...binders, ...myst].map((f) => stamp(path.join(this.root, f))).join('|');
  }

  /** The text of a workspace file as it is on disk (bounded, safe reader), or undefined. */
  async text(rel: string): Promise<string | undefined> {
    const ws = await this.current();
    if (!ws.index.hasFile(rel)) return undefined;
    const abs = path.resolve(ws.root, rel);
    if (!abs.startsWith(ws.root + path.sep)) return undefined;
    const read = await readTextFile(abs);
    return 'text' in read ? read.text.replace(/^\uFEFF/, '') : undefined;
  }
}

function stamp(abs: string): string {
  try {
    const st = fs.lstatSync(abs);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return 'absent';
  }
}
