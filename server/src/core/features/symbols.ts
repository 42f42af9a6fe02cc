import type { IndexModel, WorkspaceIndex } from '../workspace/workspaceIndex';
import { comparePositions } from '../text/lineIndex';
import type { Clause, Range } from '../types';
import { resolveRelative, dirname } from '../workspace/paths';
import { plural } from '../text/words';

/** Outline (document symbols), workspace symbols, code lenses and document links. */

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'section' | 'clause' | 'footnote';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/**
 * Headings as a tree (clause headings show their id and authority), with each footnote clause nested under the
 * section it is in and named by the words it annotates, not by its opaque id alone [^ol4n]. A section's range spans
 * its whole text, to the next heading of the same or a higher level, so the editor's breadcrumbs and "follow cursor"
 * find the section of any line.
 */
export function documentSymbols(index: WorkspaceIndex, file: string): OutlineSymbol[] {
  const facts = index.specFacts(file);
  if (!facts) return [];
  const model = index.model();
  const roots: OutlineSymbol[] = [];
  const stack: { level: number; symbol: OutlineSymbol }[] = [];
  const clauseById = new Map(facts.headingClauses.map((c) => [c.id, c]));
  const footnotes = model.clauses
    .filter((c) => c.kind === 'footnote' && c.file === file)
    .sort((a, b) => comparePositions(a.range.start, b.range.start));
  let fi = 0;
  const attach = (symbol: OutlineSymbol): void => {
    const parent = stack[stack.length - 1]?.symbol;
    (parent ? parent.children : roots).push(symbol);
  };
  const flushFootnotesBefore = (limit: Range | undefined): void => {
    while (fi < footnotes.length && (!limit || comparePositions(footnotes[fi]!.range.start, limit.start) < 0)) {
      const f = footnotes[fi++]!;
      const words = annotatedWords(f.text, f.id);
      attach({ name: words ? `[^${f.id}] ${words}` : `[^${f.id}]`, detail: f.authority ?? '', kind: 'footnote', range: f.range, selectionRange: f.idRange, children: [] });
    }
  };
  const headings = facts.headings;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    flushFootnotesBefore(h.range);
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const clause = h.id !== undefined ? clauseById.get(h.id) : undefined;
    // The section ends where the next heading of the same or a higher level starts (or with the document).
    let next = i + 1;
    while (next < headings.length && headings[next]!.level > h.level) next++;
    const end = next < headings.length ? { line: headings[next]!.range.start.line, character: 0 } : facts.end;
    const symbol: OutlineSymbol = {
      name: h.title || h.id || '(untitled)',
      detail: clause ? `{#${clause.id}}${clause.authority ? ` ${clause.authority}` : ''}` : '',
      kind: clause ? 'clause' : 'section',
      range: { start: h.range.start, end: comparePositions(end, h.range.end) > 0 ? end : h.range.end },
      selectionRange: clause ? clause.idRange : h.range,
      children: [],
    };
    attach(symbol);
    stack.push({ level: h.level, symbol });
  }
  flushFootnotesBefore(undefined);
  // A range still spans its last descendant (a footnote clause placed after its section's end by a broken document).
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

const NAME_LIMIT = 60;

/**
 * The words a footnote reference annotates: the text before `[^id]` back to the previous reference or the start of
 * its sentence (the text after it when it opens a sentence), without other references, shortened from the left.
 */
export function annotatedWords(text: string, id: string): string {
  const marker = `[^${id}]`;
  const at = text.indexOf(marker);
  if (at < 0) return '';
  const before = text.slice(0, at);
  // The start: after the previous reference or sentence end (-1: the start of the text).
  const ends = [']', '. ', '! ', '? ', '\n'].map((b) => {
    const i = before.lastIndexOf(b);
    return i < 0 ? -1 : i + b.length - 1;
  });
  let words = clean(before.slice(Math.max(...ends) + 1));
  if (!words) {
    const after = text.slice(at + marker.length);
    const stop = after.search(/[.!?](\s|$)|\[\^/);
    words = clean(stop >= 0 ? after.slice(0, stop) : after);
    return words.length > NAME_LIMIT ? `${words.slice(0, words.lastIndexOf(' ', NAME_LIMIT) > NAME_LIMIT / 2 ? words.lastIndexOf(' ', NAME_LIMIT) : NAME_LIMIT)}…` : words;
  }
  if (words.length <= NAME_LIMIT) return words;
  const cut = words.indexOf(' ', words.length - NAME_LIMIT);
  return `…${words.slice(cut >= 0 && cut < words.length - NAME_LIMIT / 2 ? cut + 1 : words.length - NAME_LIMIT)}`;
}

function clean(s: string): string {
  return s
    .replace(/\[\^[^\]\s]*\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:)(]+|[\s,;:(]+$/g, '')
    .trim();
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
 * Code lenses only where they say something [^lz2q]: above each heading clause of a spec file, "N implementations ·
 * M tests" (and the citations of the clauses inside it); above a clause that nothing covers, "not cited" when
 * coverage is reported (`reportUncited`, `clause.uncited` not off), for footnotes too. A covered footnote has none:
 * its heading counts it, its hover tells its own numbers. None at all until the workspace cites clauses: in a
 * spec-only repository every lens would read 0 · 0 (the rule of `clause.uncited`).
 */
export function codeLenses(index: WorkspaceIndex, file: string): Lens[] {
  if (!index.specFacts(file)) return [];
  const model = index.model();
  if (model.citations.length === 0) return [];
  const coverageOn = index.config.reportUncited && index.config.severity['clause.uncited'] !== 'off';
  // Citations of descendants, summed up the parent chain (a section implemented through its footnotes).
  const inside = new Map<string, number>();
  for (const [id, citations] of model.citationsById) {
    const seen = new Set<string>([id]);
    for (let p = model.clausesById.first(id)?.parent; p !== undefined && !seen.has(p); p = model.clausesById.first(p)?.parent) {
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
    const covered = model.isCovered(c.id);
    let title: string;
    if (!covered && coverageOn) title = c.kind === 'footnote' ? `[^${c.id}]: not cited` : 'not cited';
    else if (c.kind === 'heading') {
      title = `${plural(code, 'implementation')} · ${plural(tests, 'test')}` + (within ? ` · ${plural(within, 'citation')} of clauses inside` : '');
    } else continue;
    lenses.push({ id: c.id, range: c.kind === 'heading' ? c.range : c.idRange, code, tests, inside: within, title });
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
