import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ClarifierConfig, FileRole } from '../core/workspace/config';
import { factsFromCache } from '../core/workspace/factsSchema';
import type { FileFacts } from '../core/workspace/workspaceIndex';
import { readCacheFile, writeFileAtomic } from './safeFs';

/**
 * The on-disk index cache for warm starts: per file, the facts the index computed from it, keyed by its size and
 * modification time, in one JSON file per folder and configuration (facts depend on the configuration: test globs,
 * ambiguity settings). A file whose size or time changed is read again; a file modified in the last two seconds is
 * not cached (its time may not change on the next write). Only written where the user asked (`clarify check
 * --cache DIR`) or the editor gave the server a storage folder. Any problem reading it is a cold start, never a failure.
 * The cache is untrusted input [^ca7s]: it is read like a workspace file (never blocking, never through a link, size-
 * capped), each entry is validated (`factsFromCache`: the exact shape of the facts of that file in its role) and a bad
 * entry is dropped, its file parsed cold and the entry rewritten; it is written atomically, never through a link.
 */

declare const CLARIFY_VERSION: string | undefined;
/** Bumped when the shape or the meaning of cached facts changes (5: formats, scopes, test targets, decision records, the class-based ambiguity pass; 6: the type checker's statements and definitions; 7: option labels among the document terms; 8: spec-kit variants of spec.md declare; 9: the pass reviews them too, quoted values among the document terms, eighth-round ambiguity rules; 10: unused link reference definitions, lookalike definition lines, classic footnotes are no review evidence; 11: OpenSpec specs reviewed, scenario steps condition their outcomes; 12: ninth-round ambiguity rules; 13: names in code among the document terms, BCP 14 documents reviewed; 14: tenth-round and real-repository ambiguity rules, a lone footnote reference is no review evidence, kramdown multi-line attribute lists and named references, container blocks on the scanner path; 15: mmark drafts, no undefined reference links in a file without definitions or in a run of bracket groups, the eleventh-round ambiguity rules; 16: the twelfth round, struck-through open questions; 17: a draft's includes, bibliographic empty links, a feature's spec beside its folder declares its table rows; 18: the fourteenth round's ambiguity rules; 19: the fifteenth round's, and states a document defines among its terms; 20: the sixteenth round's, Japanese and Chinese requirements reviewed; 21: the seventeenth round's, meeting notes not reviewed; 22: the eighteenth round's; 23: the nineteenth round's; 24: a requirements table's rows are marked as such, a traceability matrix declares nothing twice; 25: the twentieth round's questions, words after a masked code span tagged; 26: attr_list ids written `id="…"`, blocks of other attributes declare nothing; 27: kramdown's prefixed automatic ids and tight headings are anchors; 28: the twentieth round's false alarms; 29: its postpositive adjectives' questions; 30: mdbook-spec's rule ids and grammar productions; 31: the twenty-first round's rules, heading anchors beyond ASCII, inline code named in the type checker's statements, Kiro criteria under sub-headings and other features' mentions; 32: spec-kit mentions of another feature left out or marked, a footnote definition with a URL or CJK sentence punctuation in its one word names no example, the twenty-second round's ambiguity rules; 37: definition-list terms, ids in bound documents; 38: a spec-kit folder's other spec file's declaring mentions, Kiro bugfix statements; 40: Goldmark definition-list terms placed among the headings, for a Hugo site's term ids; 41: explicit targets, pandoc spans and MyST labels; 42: the anchors of kramdown-rfc's references sections, Kiro requirements numbered by their headings; 43: mdBook includes among a page's includes, spec-kit ids with full-width labels and colons declare, a footnote whose text links a page names no example, footnote syntax in comments cites nothing, the twenty-ninth round's rule; 44: an MDX page's imported partials and the heading ids MDX reads that CommonMark hides; 45: the thirtieth round's questions; 46: attr_list ids and mkdocstrings objects among a page's explicit targets; 47: a Hugo page's `include` shortcode calls and a marked build page's bold-text ids, read by the parse where the config names such a site; 48: an mdBook include inside a fenced code block includes nothing; 49: the thirty-first round's ambiguity rules; 50: a `[label]:` line whose destination is a Liquid tag defines the label; 51: a block of `[label]:` lines that are definitions once Hugo's shortcodes are replaced; 52: the thirty-third round's ambiguity rules; 53: "modern browsers" and other supported platforms asked with versions; 54: a `[label]:` block after a comment line that opens and closes is a block of its own; 55: a citation marks a footnote its comment block defines and refers to; 56: the thirty-fourth round's ambiguity rules; 57: the thirty-fifth round's; 58: the thirty-sixth round's; 59: the thirty-seventh round's; 60: the thirty-eighth round's, levels a document defines by a threshold among its terms; 61: "stale" ruled out after a change the sentence names; 62: Obsidian block identifiers among a page's explicit targets; 63: the thirty-ninth round's ambiguity rules; 64: the fortieth round's; 65: the forty-first round's questions; 66: the forty-second round's, a vague count in a condition asked for its threshold; 67: DocFX block includes among a project page's facts; 68: the forty-sixth round's ambiguity rules; 69: the forty-seventh round's; 70: the forty-eighth round's questions; 71: the forty-eighth round's ambiguity rules (IETF drafts); 72: the forty-ninth round's (spec-kit, Kiro and OpenSpec specs); 73: the forty-ninth round's questions; 74: the fiftieth round's ambiguity rules (policy prose); 78: the fifty-third round's user stories; 79: the fifty-second round's ambiguity rules; 80: the fifty-fourth round's; 83: the fifty-seventh round's questions; 84: the fifty-eighth round's ambiguity rules; 85: those and the fifty-sixth round's (82 on its branch); 86: the fifty-fifth round's (81 on its branch)). */
const FORMAT = 86;
const RACY_MS = 2000;

interface Entry {
  size: number;
  mtimeMs: number;
  facts: FileFacts;
}

export class IndexCache {
  /** Entries as read (unchecked until looked up). */
  private readonly entries = new Map<string, Record<string, unknown>>();
  private readonly next = new Map<string, Entry>();
  private changed = false;

  private constructor(private readonly file: string) {}

  /** The cache of a folder under `dir` for this configuration (empty when absent or unreadable). */
  static async open(dir: string, root: string, config: ClarifierConfig): Promise<IndexCache> {
    const version = typeof CLARIFY_VERSION === 'string' ? CLARIFY_VERSION : 'dev';
    const key = createHash('sha256').update(JSON.stringify({ FORMAT, version, root, config })).digest('hex').slice(0, 16);
    const cache = new IndexCache(path.join(dir, `index-${key}.json`));
    try {
      const text = await readCacheFile(cache.file);
      const data = text === undefined ? undefined : (JSON.parse(text) as unknown);
      if (isRecord(data) && data['format'] === FORMAT && Array.isArray(data['entries'])) {
        for (const item of data['entries'] as unknown[]) {
          // Entries are checked one by one, when looked up: a bad one costs its file a cold parse, nothing more.
          if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && isRecord(item[1])) cache.entries.set(item[0], item[1]);
        }
      }
    } catch {
      // no cache yet, or an unreadable one: a cold start
    }
    return cache;
  }

  /** Whether the cache holds no entry at all (absent, unreadable or of another format): the start is cold. */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The cached facts of a file, when its size and time are those recorded and the entry is valid for it. */
  lookup(rel: string, stat: { size: number; mtimeMs: number }, role: FileRole): FileFacts | undefined {
    const entry = this.entries.get(rel);
    if (!entry || entry['size'] !== stat.size || entry['mtimeMs'] !== stat.mtimeMs) return undefined;
    const facts = factsFromCache(rel, role, entry['facts']);
    if (!facts) {
      // Dropped: the file is parsed cold, and the cache rewritten without the entry.
      this.entries.delete(rel);
      this.changed = true;
      return undefined;
    }
    this.next.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, facts });
    return facts;
  }

  /** Records the facts of a file read now, with the size and time it had before it was read. */
  record(rel: string, stat: { size: number; mtimeMs: number }, facts: FileFacts): void {
    if (Date.now() - stat.mtimeMs < RACY_MS) return;
    this.next.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, facts });
    this.changed = true;
  }

  /** Writes the entries of this run (files looked up or recorded), when anything changed. Never throws. */
  async save(): Promise<void> {
    if (!this.changed && this.next.size === this.entries.size) return;
    try {
      // Chunk facts are for the editor's next edit, not worth their size on disk.
      const replacer = (key: string, value: unknown): unknown => (key === 'chunks' ? undefined : value instanceof Set ? [...value] : value);
      // `JSON.stringify({ format, entries: [...this.next] }, replacer)` entry by entry, in ASCII: the pieces are
      // written as they come, never one string of the whole file (78 MB for the 40k bench workspace).
      const format = FORMAT;
      const next = this.next;
      function* pieces(): Generator<string> {
        yield `{"format":${format},"entries":[`;
        let first = true;
        for (const entry of next) {
          yield `${first ? '' : ','}${asciiJson(JSON.stringify(entry, replacer))}`;
          first = false;
        }
        yield ']}';
      }
      await writeFileAtomic(this.file, pieces());
    } catch {
      // a read-only or full disk: the next start is cold, that is all
    }
  }
}

/**
 * JSON with every character outside ASCII written as a `\u` escape (the same JSON value). One such character in the
 * file made the read a string of two bytes per character, twice the file's size (the 40k bench workspace's 78 MB
 * cache has 1,124 of them; read and parsed: 0.2 s less CPU and 78 MB less peak RSS as ASCII, measured).
 */
export function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
