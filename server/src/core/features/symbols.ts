import type { IndexModel, WorkspaceIndex } from '../index';
import { comparePositions } from '../text';
import type { Clause, Range } from '../types';
import { resolveRelative, dirname } from '../paths';

/** Outline (document symbols), workspace symbols, code lenses and document links. */

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'section' | 'clause' | 'footnote';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** Headings as a tree (clause headings show their id and authority), with footnote clauses under their section. */
export function documentSymbols(index: WorkspaceIndex, file: string): OutlineSymbol[] {
  const facts = index.specFacts(file);
  if (!facts) return [];
  const model = index.model();
  const roots: OutlineSymbol[] = [];
  const stack: { level: number; symbol: OutlineSymbol }[] = [];
  const clauseById = new Map(facts.headingClauses.map((c) => [c.id, c]));
  const footnotes = model.clauses.filter((c) => c.kind === 'footnote' && c.file === file);
  let fi = 0;
  const attach = (symbol: OutlineSymbol): void => {
    const parent = stack[stack.length - 1]?.symbol;
    (parent ? parent.children : roots).push(symbol);
  };
  const flushFootnotesBefore = (limit: Range | undefined): void => {
    while (fi < footnotes.length && (!limit || comparePositions(footnotes[fi]!.range.start, limit.start) < 0)) {
      const f = footnotes[fi++]!;
      attach({ name: `[^${f.id}]`, detail: f.authority ?? '', kind: 'footnote', range: f.range, selectionRange: f.idRange, children: [] });
    }
  };
  for (const h of facts.headings) {
    flushFootnotesBefore(h.range);
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const clause = h.id !== undefined ? clauseById.get(h.id) : undefined;
    const symbol: OutlineSymbol = {
      name: h.title || h.id || '(untitled)',
      detail: clause ? `{#${clause.id}}${clause.authority ? ` ${clause.authority}` : ''}` : '',
      kind: clause ? 'clause' : 'section',
      range: h.range,
      selectionRange: clause ? clause.idRange : h.range,
      children: [],
    };
    attach(symbol);
    stack.push({ level: h.level, symbol });
  }
  flushFootnotesBefore(undefined);
  // A section's range spans to its last descendant so editors fold and breadcrumb correctly.
  const extend = (s: OutlineSymbol): Range => {
    let end = s.range.end;
    for (const c of s.children) {
      const r = extend(c);
      if (comparePositions(r.end, end) > 0) end = r.end;
    }
    s.range = { start: s.range.start, end };
    return s.range;
  };
  roots.forEach(extend);
  return roots;
}

/** Every clause whose id or title matches the query (case-insensitive subsequence), best first. */
export function workspaceSymbols(model: IndexModel, query: string, limit = 500): Clause[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const scored: { c: Clause; score: number }[] = [];
  for (const c of model.clauses) {
    const hay = `${c.id} ${c.title}`.toLowerCase();
    if (!q) {
      scored.push({ c, score: 0 });
      continue;
    }
    if (c.id.toLowerCase().startsWith(q)) scored.push({ c, score: 3 });
    else if (hay.includes(q)) scored.push({ c, score: 2 });
    else if (isSubsequence(q, hay)) scored.push({ c, score: 1 });
  }
  scored.sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.c);
}

function isSubsequence(q: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < q.length; j++) if (hay[j] === q[i]) i++;
  return i === q.length;
}

export interface Lens {
  id: string;
  range: Range;
  code: number;
  tests: number;
  /** Citations of the clauses inside a heading clause (its subsections and footnotes). */
  inside: number;
  title: string;
}

/**
 * "N implementations · M tests" above each clause of a spec file — once the workspace cites clauses at all: in a
 * spec-only repository every lens would read 0 · 0 (the same rule as `clause.uncited`).
 */
export function codeLenses(index: WorkspaceIndex, file: string): Lens[] {
  if (!index.specFacts(file)) return [];
  const model = index.model();
  if (model.citations.length === 0) return [];
  // Citations of descendants, summed up the parent chain (a section implemented through its footnotes).
  const inside = new Map<string, number>();
  for (const [id, citations] of model.citationsById) {
    const seen = new Set<string>([id]);
    for (let p = model.clausesById.get(id)?.[0]?.parent; p !== undefined && !seen.has(p); p = model.clausesById.get(p)?.[0]?.parent) {
      seen.add(p);
      inside.set(p, (inside.get(p) ?? 0) + citations.length);
    }
  }
  const lenses: Lens[] = [];
  for (const c of model.clauses) {
    if (c.file !== file) continue;
    const citations = model.citationsById.get(c.id) ?? [];
    const tests = citations.filter((x) => x.kind === 'test').length;
    const code = citations.length - tests;
    const within = inside.get(c.id) ?? 0;
    const label = c.kind === 'footnote' ? `[^${c.id}]: ` : '';
    lenses.push({
      id: c.id,
      range: c.kind === 'heading' ? c.range : c.idRange,
      code,
      tests,
      inside: within,
      title:
        `${label}${code} implementation${code === 1 ? '' : 's'} · ${tests} test${tests === 1 ? '' : 's'}` +
        (within ? ` · ${within} citation${within === 1 ? '' : 's'} of clauses inside` : ''),
    });
  }
  return lenses;
}

export interface DocLink {
  range: Range;
  target: string;
  tooltip: string;
}

/** In specs: each footnote reference and definition links to its example file. */
export function documentLinks(index: WorkspaceIndex, file: string): DocLink[] {
  const facts = index.specFacts(file);
  if (!facts) return [];
  const model = index.model();
  const links: DocLink[] = [];
  for (const ref of facts.footnoteRefs) {
    const example = model.resolve(ref.id).example;
    if (example?.exists && example.path) links.push({ range: ref.idRange, target: example.path, tooltip: `Open example ${example.path}` });
  }
  for (const def of facts.footnoteDefs) {
    if (def.target === undefined || !def.targetRange) continue;
    const target = resolveRelative(dirname(file), def.target) ?? resolveRelative('', def.target);
    if (target && index.hasFile(target)) links.push({ range: def.targetRange, target, tooltip: `Open ${target}` });
  }
  return links;
}
