import type { ClarifierConfig } from '../core/workspace/config';
import { changedSince, clauseChanges, clauseTexts, impactOf, judgeStale, type ClauseChange, type CommitStamp, type ImpactEntry, type LineStamp, type SpecChange, type StaleFinding } from '../core/analysis/drift';
import type { IndexModel, WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { parseSpecChunked, type SpecChunkCache } from '../core/markdown/parseSpec';
import type { Citation } from '../core/types';
import { plural } from '../core/text/words';
import { GitRepo, type BlobReader } from './git';

/**
 * Reads the git history drift needs and hands it to the pure rules of core/analysis/drift.ts [^dr1s]: blame of the citing
 * lines, the versions of the cited specs back to the oldest citing line (at most `stale.maxCommits` commits each,
 * parsed with the same parser, chunk by chunk, so a version that changed one section re-parses one section).
 */

export interface StaleRun {
  findings: StaleFinding[];
  /** One line for people: what was judged, or why nothing could be (no git, not a repository). */
  message: string;
  /** Set when there is no history to read: nothing else changes. */
  unavailable?: boolean;
}

/** Blame results by code file, with the key they hold for (HEAD, the file's content hash, the lines). */
export type BlameCache = Map<string, { key: string; stamps: Map<number, LineStamp> }>;

interface Item {
  citation: Citation;
  id: string;
  specFile: string;
}

export async function findStaleCitations(
  root: string,
  index: WorkspaceIndex,
  config: ClarifierConfig,
  /**
   * `textOf`: the editor's text of an open document (blamed instead of the disk: unsaved edits of a line touch it).
   * `blameCache`: kept by the caller across runs (the server): a file whose text and HEAD are unchanged is not blamed again.
   * `yieldTo`: awaited before each git process is started (a blame, a spec's log): the server resolves it when no
   * request or edit came in for a moment, so starting git (a fork of the server's process) never delays an answer.
   */
  options: { isCancelled?: () => boolean; textOf?: (file: string) => string | undefined; blameCache?: BlameCache; yieldTo?: () => Promise<void> } = {},
): Promise<StaleRun> {
  const repo = await GitRepo.open(root, config.stale.timeoutSeconds * 1000);
  if ('error' in repo) return { findings: [], message: `Stale citations not checked: ${repo.error}.`, unavailable: true };
  const head = options.blameCache ? await repo.run(['rev-parse', '--verify', '--quiet', 'HEAD']).then((s) => s.trim(), () => '') : '';
  const model = index.model();
  const items = citedItems(model);
  const byCodeFile = new Map<string, Item[]>();
  for (const item of items) push(byCodeFile, item.citation.file, item);

  const stamps = new Map<Item, LineStamp>();
  for (const [file, list] of byCodeFile) {
    if (options.isCancelled?.()) return { findings: [], message: 'Stale citations: cancelled.' };
    const lines = list.map((i) => i.citation.range.start.line);
    const contents = options.textOf?.(file);
    const hash = index.factsOf(file)?.hash;
    const key = head && hash !== undefined && !Number.isNaN(hash) ? `${head} ${hash} ${contents === undefined ? 'disk' : 'open'} ${lines.join(',')}` : undefined;
    const cached = key !== undefined ? options.blameCache?.get(file) : undefined;
    const hit = cached !== undefined && cached.key === key ? cached.stamps : undefined;
    if (!hit) await options.yieldTo?.();
    if (options.isCancelled?.()) return { findings: [], message: 'Stale citations: cancelled.' };
    const blamed = hit ?? (await repo.blameLines(file, lines, contents));
    if (key !== undefined) options.blameCache?.set(file, { key, stamps: blamed });
    for (const item of list) {
      const stamp = blamed.get(item.citation.range.start.line);
      if (stamp) stamps.set(item, stamp);
    }
  }

  const bySpec = new Map<string, Item[]>();
  for (const item of items) if (stamps.has(item)) push(bySpec, item.specFile, item);
  const findings: StaleFinding[] = [];
  let read = 0;
  let unknown = 0;
  const blobs = repo.blobs();
  try {
    for (const [specFile, list] of bySpec) {
      if (options.isCancelled?.()) return { findings: [], message: 'Stale citations: cancelled.' };
      const facts = index.specFacts(specFile);
      if (!facts) continue;
      const current = clauseTexts(facts);
      await options.yieldTo?.();
      const log = await repo.fileHistory(specFile, config.stale.maxCommits);
      const reader = new VersionReader(repo, blobs, specFile, log.entries, config.stale.maxCommits);
      for (const item of list) {
        const line = stamps.get(item)!;
        const then = 'commit' in line ? await reader.atCommit(line) : undefined;
        const verdict = judgeStale(item.id, current.get(item.id), line, then);
        if (verdict.state === 'unknown') unknown++;
        if (verdict.state !== 'stale' || !('commit' in line)) continue;
        const changed = await changedSince(item.id, verdict.new, await reader.atRevision('HEAD'), reader.changes());
        findings.push({ citation: item.citation, id: item.id, specFile, line, changed, oldText: verdict.old, newText: verdict.new });
      }
      read += reader.read;
    }
  } finally {
    blobs.close();
  }
  return {
    findings,
    message:
      `Stale citations: ${plural(findings.length, 'stale citation')} of ${plural(items.length, 'citation')} ` +
      `(${stamps.size} with a known history, ${unknown} undecided; ${plural(read, 'spec version')} read).`,
  };
}

/**
 * The versions of one spec file, read on demand and parsed once each (chunk by chunk: a version that changed one
 * section re-parses one section). At most `stale.maxCommits` different commits are read per spec.
 */
class VersionReader {
  read = 0;
  private cache: SpecChunkCache | undefined;
  private readonly byCommit = new Map<string, Promise<Map<string, string> | undefined>>();

  constructor(
    private readonly repo: GitRepo,
    private readonly blobs: BlobReader,
    private readonly specFile: string,
    /** The file's commits, newest first, with its path at each (renames followed). */
    private readonly entries: { commit: string; time: number; path: string }[],
    private readonly max: number,
  ) {}

  /** The clause texts of the spec in the tree of a commit (its path there: the one of the newest change before it). */
  atCommit(stamp: CommitStamp): Promise<Map<string, string> | undefined> {
    const entry = this.entries.find((e) => e.commit === stamp.commit) ?? this.entries.find((e) => e.time <= stamp.time);
    // Bounded cost: at most `max` revisions of one spec are read; beyond, undecided.
    return this.atRevision(stamp.commit, entry?.path ?? this.repo.gitPath(this.specFile));
  }

  /** The clause texts of the spec at a revision (`HEAD`, `<commit>^`), at the given path (default: the newest). */
  atRevision(rev: string, gitPath = this.entries[0]?.path ?? this.repo.gitPath(this.specFile)): Promise<Map<string, string> | undefined> {
    const key = `${rev}\u0000${gitPath}`;
    let known = this.byCommit.get(key);
    if (!known) {
      known = this.byCommit.size >= this.max ? Promise.resolve(undefined) : this.textsOf(rev, gitPath);
      this.byCommit.set(key, known);
    }
    return known;
  }

  /** The commits that changed the file, newest first, each with its texts and its first parent's, read as consumed. */
  async *changes(): AsyncGenerator<SpecChange> {
    for (const e of this.entries) {
      if (this.byCommit.size >= this.max) return;
      yield { commit: e.commit, time: e.time, texts: await this.atRevision(e.commit, e.path), parent: await this.atRevision(`${e.commit}^`, e.path) };
    }
  }

  private async textsOf(commit: string, gitPath: string): Promise<Map<string, string> | undefined> {
    const text = await this.blobs.read(commit, gitPath);
    if (text === undefined) return undefined;
    this.read++;
    const parsed = parseSpecChunked(this.specFile, text, this.cache);
    this.cache = parsed.cache;
    return clauseTexts(parsed.facts);
  }
}

/** Every written citation (not a test named by a definition) that names exactly one clause, with that clause. */
function citedItems(model: IndexModel): Item[] {
  const out: Item[] = [];
  for (const citation of model.citations) {
    if (citation.target !== undefined) continue;
    const t = model.citationTarget(citation.id);
    const clause = t ? model.clauseIn(t.id, t.scope) : undefined;
    if (clause) out.push({ citation, id: clause.id, specFile: clause.file });
  }
  return out;
}

/** `clarify impact REV`: the clauses changed since a commit (to the working tree) and the citations to re-check. */
export async function impactSince(root: string, index: WorkspaceIndex, config: ClarifierConfig, rev: string): Promise<{ commit: string; entries: ImpactEntry[] } | { error: string }> {
  const repo = await GitRepo.open(root, config.stale.timeoutSeconds * 1000);
  if ('error' in repo) return { error: `Impact needs the git history: ${repo.error}.` };
  const commit = await repo.resolveCommit(rev);
  const changes = await repo.changesSince(commit);
  const tracked = await repo.trackedPaths();
  const model = index.model();
  const isSpec = (p: string): boolean => index.roleOf(p) === 'spec';
  const out: ClauseChange[] = [];
  const blobs = repo.blobs();
  const textsAt = async (p: string): Promise<Map<string, string> | undefined> => {
    const text = await blobs.read(commit, repo.gitPath(p));
    return text === undefined ? undefined : clauseTexts(parseSpecChunked(p, text).facts);
  };
  const currentTexts = (p: string): Map<string, string> | undefined => {
    const facts = index.specFacts(p);
    return facts ? clauseTexts(facts) : undefined;
  };
  try {
    const seen = new Set<string>();
    for (const ch of changes) {
      if (ch.status === 'D') {
        if (isSpec(ch.path)) out.push(...clauseChanges(ch.path, await textsAt(ch.path), undefined));
        continue;
      }
      seen.add(ch.path);
      if (!model.specs.has(ch.path) && !(ch.from !== undefined && isSpec(ch.from))) continue;
      const before = await textsAt(ch.from ?? ch.path);
      // A renamed spec: its clauses are compared with the old file's by id.
      out.push(...clauseChanges(ch.path, before, currentTexts(ch.path)));
    }
    // Specs git does not track yet: every clause is new.
    for (const file of model.specFiles) if (!seen.has(file) && !tracked.has(file)) out.push(...clauseChanges(file, undefined, currentTexts(file)));
  } finally {
    blobs.close();
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { commit, entries: impactOf(model, out) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
