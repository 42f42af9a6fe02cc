import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClarifierConfig } from '../core/config';
import type { FileFacts } from '../core/index';

/**
 * The on-disk index cache for warm starts: per file, the facts the index computed from it, keyed by its size and
 * modification time, in one JSON file per folder and configuration (facts depend on the configuration: test globs,
 * ambiguity settings). A file whose size or time changed is read again; a file modified in the last two seconds is
 * not cached (its time may not change on the next write). Only written where the user asked (`clarify check
 * --cache DIR`) or the editor gave the server a storage folder. Any problem reading it is a cold start, never a failure.
 */

declare const CLARIFY_VERSION: string | undefined;
/** Bumped when the shape or the meaning of cached facts changes (2: the class-based ambiguity pass, spec `terms`). */
const FORMAT = 2;
const RACY_MS = 2000;

interface Entry {
  size: number;
  mtimeMs: number;
  facts: FileFacts;
}

export class IndexCache {
  private readonly entries = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();
  private changed = false;

  private constructor(private readonly file: string) {}

  /** The cache of a folder under `dir` for this configuration (empty when absent or unreadable). */
  static open(dir: string, root: string, config: ClarifierConfig): IndexCache {
    const version = typeof CLARIFY_VERSION === 'string' ? CLARIFY_VERSION : 'dev';
    const key = createHash('sha256').update(JSON.stringify({ FORMAT, version, root, config })).digest('hex').slice(0, 16);
    const cache = new IndexCache(path.join(dir, `index-${key}.json`));
    try {
      const data = JSON.parse(fs.readFileSync(cache.file, 'utf8')) as { format: number; entries: [string, Entry][] };
      if (data.format === FORMAT) {
        for (const [rel, entry] of data.entries) {
          if (entry.facts.spec) entry.facts.spec.anchors = new Set(entry.facts.spec.anchors as unknown as string[]);
          cache.entries.set(rel, entry);
        }
      }
    } catch {
      // no cache yet, or an unreadable one: a cold start
    }
    return cache;
  }

  /** The cached facts of a file, when its size and time are those recorded. */
  lookup(rel: string, stat: { size: number; mtimeMs: number }): FileFacts | undefined {
    const entry = this.entries.get(rel);
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) return undefined;
    this.next.set(rel, entry);
    return entry.facts;
  }

  /** Records the facts of a file read now, with the size and time it had before it was read. */
  record(rel: string, stat: { size: number; mtimeMs: number }, facts: FileFacts): void {
    if (Date.now() - stat.mtimeMs < RACY_MS) return;
    this.next.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, facts });
    this.changed = true;
  }

  /** Writes the entries of this run (files looked up or recorded), when anything changed. Never throws. */
  save(): void {
    if (!this.changed && this.next.size === this.entries.size) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      // Chunk facts are for the editor's next edit, not worth their size on disk.
      const replacer = (key: string, value: unknown): unknown => (key === 'chunks' ? undefined : value instanceof Set ? [...value] : value);
      fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries: [...this.next] }, replacer));
      fs.renameSync(tmp, this.file);
    } catch {
      // a read-only or full disk: the next start is cold, that is all
    }
  }
}
