import { isInComment } from '../comments/citations';
import type { IndexModel, WorkspaceIndex } from '../workspace/workspaceIndex';
import { dirname, resolveRelative, visibleAnchor, withoutInvisible } from '../workspace/paths';
import { LineIndex } from '../text/lineIndex';
import type { Clause } from '../types';

/**
 * Completion of `[^` ids (in comments of any supported language and in spec prose) and of `#` anchors inside
 * Markdown link targets. The context is computed from the live document text; the candidates from the model.
 * Only in comments and spec prose, never in strings or code blocks [^ls9c].
 */

export interface CompletionContext {
  kind: 'id' | 'anchor';
  /** Offsets of the text the completion replaces (the partial id or anchor). */
  start: number;
  end: number;
  prefix: string;
  /** `]` must be inserted after the id (none follows yet). */
  needsClose: boolean;
  /** For anchors: the spec file the link points at. */
  targetFile?: string;
}

export interface CompletionEntry {
  label: string;
  detail: string;
  documentation: string;
  filterText: string;
  sortText: string;
  insertText: string;
}

const ID_CHAR = /[A-Za-z0-9_.:-]/;

export function completionContext(index: WorkspaceIndex, file: string, text: string, offset: number): CompletionContext | undefined {
  const lines = new LineIndex(text);
  const pos = lines.positionAt(offset);
  const lineStart = lines.lineStart(pos.line);
  const before = text.slice(Math.max(lineStart, offset - 300), offset);
  const role = index.roleOf(file);

  const idMatch = /\[\^([A-Za-z0-9_.:-]*)$/.exec(before);
  if (idMatch) {
    const start = offset - idMatch[1]!.length;
    let end = offset;
    while (end < text.length && ID_CHAR.test(text[end]!)) end++;
    const ctx: CompletionContext = { kind: 'id', start, end, prefix: idMatch[1]!, needsClose: text[end] !== ']' };
    if (role === 'code') return isInComment(file, text, offset) ? ctx : undefined;
    if (role === 'spec') return inSpecProse(index, file, start - 2, lines) ? ctx : undefined;
    return undefined;
  }

  if (role === 'spec') {
    const anchorMatch = /\]\(([^()\s#]*)#([^()\s#]*)$/.exec(before);
    if (anchorMatch) {
      const path = anchorMatch[1]!;
      const targetFile = path ? resolveRelative(dirname(file), path) : file;
      if (!targetFile) return undefined;
      let end = offset;
      while (end < text.length && /[^()\s#]/.test(text[end]!)) end++;
      return { kind: 'anchor', start: offset - anchorMatch[2]!.length, end, prefix: anchorMatch[2]!, needsClose: false, targetFile };
    }
  }
  return undefined;
}

/** Is the `[` at `offset` in prose (not in code, HTML or front matter)? Uses the parsed prose blocks of the file. */
function inSpecProse(index: WorkspaceIndex, file: string, offset: number, lines: LineIndex): boolean {
  const facts = index.specFacts(file);
  if (!facts) return false;
  for (const block of facts.prose) {
    if (offset >= block.start && offset < block.end && block.text[offset - block.start] !== ' ') return true;
  }
  // An existing reference (masked in the prose text) being edited.
  const pos = lines.positionAt(offset);
  return facts.footnoteRefs.some((r) => r.range.start.line === pos.line && r.range.start.character === pos.character);
}

/** More candidates than this: only the best ones are sent, and the list is marked incomplete (asked again as the user types). */
export const COMPLETION_LIMIT = 200;

/** Per model: one clause per id (the first), and the headings and footnotes among them sorted by id. */
const rankedByModel = new WeakMap<IndexModel, { unique: Clause[]; headings: Clause[]; footnotes: Clause[] }>();

function ranked(model: IndexModel): { unique: Clause[]; headings: Clause[]; footnotes: Clause[] } {
  let r = rankedByModel.get(model);
  if (!r) {
    const unique = model.clauses.filter((c) => model.clausesById.first(c.id) === c);
    const byId = (a: Clause, b: Clause): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    r = { unique, headings: unique.filter((c) => c.kind === 'heading').sort(byId), footnotes: unique.filter((c) => c.kind !== 'heading').sort(byId) };
    rankedByModel.set(model, r);
  }
  return r;
}

/**
 * Clause ids to complete, best first when there are more than `limit`: the ones whose id or title contains the typed
 * prefix as a subsequence (the editor filters fuzzily too), ranked recent, same file, headings, footnotes, then by id.
 * `incomplete` says the list was cut.
 */
export function completeIds(model: IndexModel, ctx: CompletionContext, currentFile: string, recent: readonly string[], limit = COMPLETION_LIMIT): CompletionEntry[] & { incomplete?: boolean } {
  const recentRank = new Map(recent.map((id, i) => [id, i]));
  // Recently cited first, then clauses of the same spec file, then headings before footnotes, then by id.
  const groupOf = (c: Clause): string => {
    const rank = recentRank.get(c.id);
    return rank !== undefined ? `0${String(rank).padStart(4, '0')}` : c.file === currentFile ? '1' : c.kind === 'heading' ? '2' : '3';
  };
  const { unique, headings, footnotes } = ranked(model);
  let chosen: { clause: Clause; group: string }[];
  let incomplete = false;
  if (unique.length <= limit) chosen = unique.map((clause) => ({ clause, group: groupOf(clause) }));
  else {
    // Only the best `limit` candidates, walked in rank order (the lists are sorted once per model): a request costs
    // the size of the answer, not of the workspace. With a prefix, only ids or titles containing it as a subsequence.
    const prefix = ctx.prefix.toLowerCase();
    const matches = (c: Clause): boolean => !prefix || isSubsequence(prefix, c.id.toLowerCase()) || isSubsequence(prefix, c.title.toLowerCase());
    chosen = [];
    const taken = new Set<string>();
    const take = (c: Clause | undefined): boolean => {
      if (!c || taken.has(c.id) || !matches(c)) return true;
      if (chosen.length === limit) {
        incomplete = true;
        return false;
      }
      taken.add(c.id);
      chosen.push({ clause: c, group: groupOf(c) });
      return true;
    };
    const sameFile = model
      .clausesOfFile(currentFile)
      .filter((c) => model.clausesById.first(c.id) === c)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const order: Iterable<Clause | undefined>[] = [recent.map((id) => model.clausesById.first(id)), sameFile, headings, footnotes];
    outer: for (const list of order) for (const c of list) if (!take(c)) break outer;
  }
  const out: CompletionEntry[] & { incomplete?: boolean } = chosen.map(({ clause: c, group }) => ({
    label: c.id,
    detail: `${c.authority ? `${c.authority} · ` : ''}${c.kind} clause — ${c.title}`,
    documentation: clauseDocumentation(c),
    filterText: `${c.id} ${c.title}`,
    sortText: `${group}:${c.id}`,
    insertText: ctx.needsClose ? `${c.id}]` : c.id,
  }));
  if (incomplete) out.incomplete = true;
  return out;
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay.charCodeAt(i) === needle.charCodeAt(j)) j++;
  return j === needle.length;
}

export function completeAnchors(index: WorkspaceIndex, ctx: CompletionContext): CompletionEntry[] {
  const facts = ctx.targetFile ? index.specFacts(ctx.targetFile) : undefined;
  if (!facts) return [];
  const out: CompletionEntry[] = [];
  for (const c of facts.headingClauses) {
    out.push({ label: c.id, detail: `{#${c.id}} — ${c.title}`, documentation: clauseDocumentation(c), filterText: `${c.id} ${c.title}`, sortText: `0:${c.id}`, insertText: c.id });
  }
  for (const h of facts.headings) {
    if (h.id !== undefined) continue;
    // Invisible characters of the slug (an emoji's variation selector) are inserted percent-encoded, so the link shows them.
    const anchor = visibleAnchor(h.slug);
    out.push({ label: anchor, detail: `heading — ${h.title}`, documentation: h.title, filterText: `${withoutInvisible(h.slug)} ${anchor} ${h.title}`, sortText: `1:${h.slug}`, insertText: anchor });
  }
  return out;
}

/** The Markdown documentation of a clause in a completion list (the server sends it on completionItem/resolve). */
export function clauseDocumentation(c: Clause): string {
  const text = c.text.length > 500 ? `${c.text.slice(0, 500)}…` : c.text;
  return `**${c.title}**${c.authority ? ` (authority ${c.authority})` : ''}\n\n${text}\n\n_${c.file}:${c.range.start.line + 1}_`;
}
