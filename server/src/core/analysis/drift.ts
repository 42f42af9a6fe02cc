import type { ClarifierConfig } from '../workspace/config';
import { DEFAULT_SEVERITY } from '../diagnostics/diagnostics';
import type { IndexModel } from '../workspace/workspaceIndex';
import type { SpecFacts } from '../markdown/parseSpec';
import type { Citation, Diagnostic } from '../types';

/**
 * Drift between code and the clauses it cites [^dr1s]: a citation is stale when its clause's text changed after the
 * citing line was last changed. The decisions are pure: the git history comes in as data (io/drift.ts reads it),
 * so every rule here is tested without git.
 *
 * "The clause's text", compared with whitespace normalised: a heading clause is its title and its section's prose up
 * to the next heading (as the index knows it); a footnote clause is the block around its first reference in the file
 * and its definition's text, so rewording either the sentence that carries `[^id]` or the definition counts.
 */

/** When a line or a clause last changed: a commit (committer time, seconds since the epoch). */
export interface CommitStamp {
  commit: string;
  time: number;
}

/** Where the citing line last changed (from blame): a commit, or the working tree (the line is touched: not stale). */
export type LineStamp = CommitStamp | { uncommitted: true };

/** A stale citation: the clause as the citing line last saw it, and as it is now. */
export interface StaleFinding {
  citation: Citation;
  /** The clause id (unqualified) and its spec file. */
  id: string;
  specFile: string;
  /** When the citing line last changed. */
  line: CommitStamp;
  /**
   * Since when the clause has its current text: the working tree, the commit that gave it that text, or undefined
   * when that commit was not among those read (see changedSince).
   */
  changed: CommitStamp | 'working tree' | undefined;
  oldText: string;
  newText: string;
}

export type StaleVerdict = { state: 'stale'; old: string; new: string } | { state: 'fresh' } | { state: 'unknown'; reason: string };

/** Whitespace runs as one space, trimmed, footnote markers dropped: reflowing a paragraph or adding a footnote is no change. */
export function normalizeText(text: string): string {
  return text.replace(/\[\^[^\]\s]+\]/g, '').replace(/\s+/g, ' ').replace(/ ([.,;:!?])/g, '$1').trim();
}

/** The sentence of a block that carries `[^id]` (the whole block when it cannot be told). */
export function sentenceWith(block: string, id: string): string {
  const marker = `[^${id}]`;
  const sentences = block.split(/(?<=[.!?]|[.!?]\[\^[^\]\s]+\])\s+(?=\S)/);
  return sentences.find((s) => s.includes(marker)) ?? block;
}

/**
 * The text of every clause a spec file declares, by id. A heading clause: its title and its section's prose up to the
 * next heading. A footnote clause: the sentence that carries its first reference in the file, and its definition's
 * text. Compared with whitespace and footnote markers normalised.
 */
export function clauseTexts(facts: SpecFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of facts.headingClauses) if (!out.has(c.id)) out.set(c.id, normalizeText(`${c.title}\n${c.text}`));
  const refs = new Map<string, string>();
  for (const r of facts.footnoteRefs) if (!refs.has(r.id)) refs.set(r.id, sentenceWith(r.blockText, r.id));
  const defs = new Map<string, string>();
  for (const d of facts.footnoteDefs) if (!defs.has(d.id)) defs.set(d.id, d.text);
  for (const id of new Set([...refs.keys(), ...defs.keys()])) {
    // `[^id]` naming a heading clause is a reference to it, not a footnote clause.
    if (out.has(id)) continue;
    out.set(id, normalizeText(`${refs.get(id) ?? ''}\n${defs.get(id) ?? ''}`));
  }
  return out;
}

/**
 * Is one citation stale? Only when both texts are known: the clause in the tree of the citing line's commit (`then`:
 * the texts of the spec file in that commit, undefined when it had none or could not be read) differs from the clause
 * now. A line changed in the working tree is touched; a clause that changed and changed back is not stale; a clause
 * that did not exist when the line was written is not judged.
 */
export function judgeStale(id: string, current: string | undefined, line: LineStamp | undefined, then: ReadonlyMap<string, string> | undefined): StaleVerdict {
  if (line === undefined) return { state: 'unknown', reason: 'the citing line is not in the history' };
  if ('uncommitted' in line) return { state: 'fresh' };
  if (current === undefined) return { state: 'unknown', reason: 'the clause is gone' };
  if (then === undefined) return { state: 'unknown', reason: 'the spec is not in the line\'s commit' };
  const old = then.get(id);
  if (old === undefined) return { state: 'unknown', reason: 'the clause did not exist when the line was written' };
  return old === current ? { state: 'fresh' } : { state: 'stale', old, new: current };
}

/** One commit that changed a spec file: its clause texts and those of its first parent (undefined: none there). */
export interface SpecChange extends CommitStamp {
  texts: ReadonlyMap<string, string> | undefined;
  parent: ReadonlyMap<string, string> | undefined;
}

/**
 * Since when a clause has its current text: the working tree when HEAD has another text; else the newest commit (of
 * those read, newest first) that has the current text while its first parent does not. The walk ends at the first
 * commit without the current text: past it, the change came in through a commit the log does not list (a merge) or
 * on another branch, and no commit is named rather than a wrong one (undefined). Pure: the history comes in as data.
 */
export async function changedSince(
  id: string,
  current: string,
  head: ReadonlyMap<string, string> | undefined,
  changes: Iterable<SpecChange> | AsyncIterable<SpecChange>,
): Promise<CommitStamp | 'working tree' | undefined> {
  if (head !== undefined && head.get(id) !== current) return 'working tree';
  // The changes are read as they are consumed (io/drift.ts): the walk stops at the commit found.
  for await (const c of changes) {
    if (c.texts?.get(id) !== current) return undefined;
    if (c.parent?.get(id) !== current) return { commit: c.commit, time: c.time };
  }
  return undefined;
}

/** The UTC date of a commit time, for people. */
export function dateOf(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}

const short = (commit: string): string => commit.slice(0, 7);

/** The findings as `citation.stale` diagnostics at their citations (severity from the config, or off). */
export function staleDiagnostics(findings: readonly StaleFinding[], config: ClarifierConfig): Diagnostic[] {
  const override = config.severity['citation.stale'];
  if (override === 'off') return [];
  return findings.map((f) => {
    const changed =
      f.changed === 'working tree' ? ' in the working tree (uncommitted)' : f.changed === undefined ? '' : ` in ${short(f.changed.commit)} on ${dateOf(f.changed.time)}`;
    return {
      code: 'citation.stale',
      severity: override ?? DEFAULT_SEVERITY['citation.stale'],
      file: f.citation.file,
      range: f.citation.idRange,
      message: `Clause \`${f.id}\` changed${changed}, after this line was last changed (${short(f.line.commit)} on ${dateOf(f.line.time)}): re-check the code against it, then touch the line.`,
      data: {
        id: f.id,
        specFile: f.specFile,
        lineCommit: f.line.commit,
        ...(f.changed === 'working tree' ? { changedIn: 'working tree' } : f.changed ? { changedIn: f.changed.commit } : {}),
        oldText: f.oldText,
        newText: f.newText,
      },
    };
  });
}

const HOVER_TEXT_LIMIT = 600;
/** Word diffs are computed only up to this many words × words (the hover shows the texts either way). */
const DIFF_BUDGET = 1_000_000;

/** The hover section of a stale citation: the clause then (at the line's commit) and now, and what changed. */
export function staleHoverMarkdown(f: StaleFinding): string {
  const clip = (s: string): string => (s.length > HOVER_TEXT_LIMIT ? `${s.slice(0, HOVER_TEXT_LIMIT)}…` : s);
  const quote = (s: string): string => `> ${escape(clip(s)) || '*(empty)*'}`;
  const changed = f.changed === 'working tree' ? ' in the working tree' : f.changed === undefined ? '' : ` in \`${short(f.changed.commit)}\` (${dateOf(f.changed.time)})`;
  const out = [
    `⚠️ **Stale citation**: \`${f.id}\` changed${changed}, after this line (\`${short(f.line.commit)}\`, ${dateOf(f.line.time)}).`,
    `**Then** (as of \`${short(f.line.commit)}\`):`,
    quote(f.oldText),
    '**Now**:',
    quote(f.newText),
  ];
  const diff = wordDiff(f.oldText, f.newText);
  if (diff) out.push(`**Changed**: ${diff}`);
  out.push('Re-check the code against the clause; changing the citing line clears this.');
  return out.join('\n\n');
}

function escape(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** A compact word diff: `~~removed~~ **added**` runs with a little context, or undefined when too big to compute. */
export function wordDiff(a: string, b: string): string | undefined {
  const x = a.split(' ').filter(Boolean);
  const y = b.split(' ').filter(Boolean);
  if (x.length * y.length > DIFF_BUDGET) return undefined;
  // Longest common subsequence table, from the ends.
  const n = x.length;
  const m = y.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const parts: { op: ' ' | '-' | '+'; word: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      parts.push({ op: ' ', word: x[i++]! });
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) parts.push({ op: '-', word: x[i++]! });
    else parts.push({ op: '+', word: y[j++]! });
  }
  if (!parts.some((p) => p.op !== ' ')) return undefined;
  // Changed runs with up to 3 words of context each side; elided stretches as `…`.
  const keep = parts.map((p, k) => p.op !== ' ' || parts.slice(Math.max(0, k - 3), k + 4).some((q) => q.op !== ' '));
  const out: string[] = [];
  let run: { op: string; words: string[] } | undefined;
  const flush = (): void => {
    if (!run) return;
    const text = escape(run.words.join(' '));
    out.push(run.op === '-' ? `~~${text}~~` : run.op === '+' ? `**${text}**` : text);
    run = undefined;
  };
  parts.forEach((p, k) => {
    if (!keep[k]) {
      flush();
      if (out[out.length - 1] !== '…') out.push('…');
      return;
    }
    if (run?.op !== p.op) flush();
    (run ??= { op: p.op, words: [] }).words.push(p.word);
  });
  flush();
  return out.join(' ');
}

/** How one clause changed between two versions of the specs. */
export interface ClauseChange {
  id: string;
  file: string;
  change: 'added' | 'removed' | 'changed';
  oldText?: string;
  newText?: string;
}

/** The clauses added, removed or changed (normalised text) between two versions of one spec file, by id. */
export function clauseChanges(file: string, before: ReadonlyMap<string, string> | undefined, after: ReadonlyMap<string, string> | undefined): ClauseChange[] {
  const out: ClauseChange[] = [];
  const a = before ?? new Map<string, string>();
  const b = after ?? new Map<string, string>();
  for (const [id, oldText] of a) {
    const newText = b.get(id);
    if (newText === undefined) out.push({ id, file, change: 'removed', oldText });
    else if (newText !== oldText) out.push({ id, file, change: 'changed', oldText, newText });
  }
  for (const [id, newText] of b) if (!a.has(id)) out.push({ id, file, change: 'added', newText });
  return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** A changed clause and every code and test location that cites it now. */
export interface ImpactEntry extends ClauseChange {
  citations: { file: string; line: number; kind: Citation['kind'] }[];
}

/**
 * The citations to re-check for each changed clause: the citations that resolve to the clause (the current model),
 * and, for a clause that is gone, the citations that still name its id.
 */
export function impactOf(model: IndexModel, changes: readonly ClauseChange[]): ImpactEntry[] {
  return changes.map((ch) => {
    const cites = model.citations.filter((c) => {
      if (c.target !== undefined) return false;
      const t = model.citationTarget(c.id);
      if (t) return t.id === ch.id && model.clauseIn(t.id, t.scope)?.file === ch.file;
      return c.id === ch.id || c.id.endsWith(`:${ch.id}`);
    });
    return { ...ch, citations: cites.map((c) => ({ file: c.file, line: c.range.start.line, kind: c.kind })) };
  });
}

/** The impact list for people: one block per clause, its citations indented under it. */
export function impactText(entries: readonly ImpactEntry[], rev: string): string {
  if (entries.length === 0) return `No clause changed since ${rev}.\n`;
  const lines: string[] = [];
  for (const e of entries) {
    lines.push(`${e.file}: ${e.id} ${e.change}${e.citations.length ? '' : ' (cited nowhere)'}`);
    for (const c of e.citations) lines.push(`  ${c.file}:${c.line + 1} (${c.kind})`);
  }
  const cited = entries.reduce((n, e) => n + e.citations.length, 0);
  lines.push('', `${entries.length} ${entries.length === 1 ? 'clause' : 'clauses'} changed since ${rev}; ${cited} ${cited === 1 ? 'citation' : 'citations'} to re-check.`);
  return lines.join('\n') + '\n';
}
