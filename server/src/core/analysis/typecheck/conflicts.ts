import { openspecChangeOf } from '../../markdown/formats';
import type { IndexModel } from '../../workspace/workspaceIndex';
import { LayeredMap } from '../../workspace/layeredMap';
import type { Range } from '../../types';
import type { NormativeStatement, StatementQuantity, TermDefinition, TypecheckFacts } from './normative';
import { incompatible, kindLabel } from './quantities';

/**
 * Conflicts between the normative statements of different clauses [^tc2c]: computed once per model from the statements
 * every spec's facts hold (`SpecFacts.typecheck`), by grouping on a key, so the cost is linear in the statements.
 *  - modal: the same subject, action and conditions with MUST (or SHOULD, MAY) against MUST NOT (SHOULD against
 *    SHOULD NOT);
 *  - numeric: the same subject, action and conditions with values of one kind that cannot both hold (a minimum above a
 *    maximum, two different exact values) or that state one limit twice with two values;
 *  - definition: one term defined in two specs with different values of one kind (30 days against 7 days). Definitions
 *    in different words are not compared: on real glossaries (Kiro, spec-kit) two wordings of one term are almost always
 *    refinements, not contradictions (measured: 34 findings on one repository, none worth a meeting).
 * Not conflicts: the same rule stated twice, different subjects that share a number, different actions on the same
 * event, different conditions (the rules may be disjoint), two statements of one clause.
 */

export type ConflictKind = 'modal' | 'numeric' | 'definition';

export interface ConflictParty {
  file: string;
  range: Range;
  clauseId?: string;
  authority?: string;
  text: string;
}

export interface Conflict {
  kind: ConflictKind;
  a: ConflictParty;
  b: ConflictParty;
  /** What disagrees, in words (the message's core). */
  detail: string;
}

const memo = new WeakMap<IndexModel, Conflict[]>();

/** Bounds: a key stated in more places than this is boilerplate, not a rule two departments disagree on. */
export const MAX_GROUP = 50;

interface Placed<T> {
  file: string;
  item: T;
}

export function conflictsOf(model: IndexModel): Conflict[] {
  let found = memo.get(model);
  if (found) return found;
  found = grouped(model).found;
  memo.set(model, found);
  return found;
}

/**
 * The statements and term definitions of a model's specs grouped by key, with the conflicts of each group. The last few
 * groupings made are kept: the next model's (an edit of one spec) regroups only the specs whose statements changed and
 * judges again only the groups they are in, so an edit costs what it changed, not every statement of the workspace.
 * The conflicts come out in the order of a grouping from scratch (groups by their first statement in spec order,
 * pairs in that order): test/unit/incrementalIds.test.ts compares the two under random edits.
 */
interface Grouping {
  files: readonly string[];
  order: Map<string, number>;
  /** Read by key only, and copied for the next grouping at the cost of what edits changed (see LayeredMap). */
  facts: LayeredMap<TypecheckFacts>;
  groups: LayeredMap<Placed<NormativeStatement>[]>;
  terms: LayeredMap<Placed<TermDefinition>[]>;
  /** The conflicts of each group and term that has some. */
  byGroup: Map<string, Conflict[]>;
  byTerm: Map<string, Conflict[]>;
  found: Conflict[];
}
/** The last few groupings made (several workspaces or folders may alternate); the next model starts from the closest. */
const recent: Grouping[] = [];
const RECENT_GROUPINGS = 4;

/** A statement's group key, made once per statement object (the statements of unchanged sections are kept objects). */
const statementKeys = new WeakMap<NormativeStatement, string>();
const keyOf = (s: NormativeStatement): string => {
  let key = statementKeys.get(s);
  if (key === undefined) statementKeys.set(s, (key = `${s.subject}\u0000${s.action}\u0000${s.condition}`));
  return key;
};

function grouped(model: IndexModel): Grouping {
  const files = model.specFiles;
  let best: { prior: Grouping; changed: string[] } | undefined;
  for (const prior of recent) {
    if (prior.files.length !== files.length || !prior.files.every((f, i) => f === files[i])) continue;
    const changed = files.filter((f) => model.specs.get(f)?.typecheck !== prior.facts.get(f));
    if (!best || changed.length < best.changed.length) best = { prior, changed };
  }
  if (best?.changed.length === 0) return best.prior;
  const g = best && best.changed.length <= Math.max(1, files.length >> 3) ? regroup(model, best.prior, best.changed) : groupAll(model);
  recent.unshift(g);
  if (recent.length > RECENT_GROUPINGS) recent.pop();
  return g;
}

function groupAll(model: IndexModel): Grouping {
  const order = new Map<string, number>();
  const facts = new Map<string, TypecheckFacts>();
  const groups = new Map<string, Placed<NormativeStatement>[]>();
  const terms = new Map<string, Placed<TermDefinition>[]>();
  model.specFiles.forEach((file, i) => order.set(file, i));
  for (const file of model.specFiles) {
    const typecheck = model.specs.get(file)?.typecheck;
    if (!typecheck) continue;
    facts.set(file, typecheck);
    for (const s of typecheck.statements) {
      const key = keyOf(s);
      const list = groups.get(key);
      if (list) list.push({ file, item: s });
      else groups.set(key, [{ file, item: s }]);
    }
    for (const d of typecheck.definitions) {
      const list = terms.get(d.term);
      if (list) list.push({ file, item: d });
      else terms.set(d.term, [{ file, item: d }]);
    }
  }
  const g: Grouping = { files: model.specFiles, order, facts: LayeredMap.over(facts), groups: LayeredMap.over(groups), terms: LayeredMap.over(terms), byGroup: new Map(), byTerm: new Map(), found: [] };
  for (const [key, list] of groups) judgeGroup(g, key, list);
  for (const [term, list] of terms) judgeTerm(g, term, list);
  g.found = collect(g);
  return g;
}

/** `prior` with the statements and definitions of `changed` files replaced by the model's (a new grouping). */
function regroup(model: IndexModel, prior: Grouping, changed: string[]): Grouping {
  // The files' facts and the groups are copied at the cost of what edits changed (LayeredMap); the verdicts (groups
  // with conflicts) whole: collect walks them anyway.
  const g: Grouping = { ...prior, facts: prior.facts.copy(), groups: prior.groups.copy(), terms: prior.terms.copy(), byGroup: new Map(prior.byGroup), byTerm: new Map(prior.byTerm) };
  const keys = new Set<string>();
  const termKeys = new Set<string>();
  const mine = new Map<string, Placed<NormativeStatement>[]>();
  const mineTerms = new Map<string, Placed<TermDefinition>[]>();
  // Only the groups of statements one list holds and the other does not (by identity: an edit keeps the statement
  // objects of the sections it did not touch, in order) change; every other group of these files holds the same
  // statements in the same order, so its list and verdict stay. All touched keys first: a changed file's list of a key
  // another changed file touched is rebuilt too.
  for (const file of changed) {
    // The part of the two lists that differs: all but their longest common head and tail (by identity). Every statement
    // one list holds and the other does not is in it; a statement in both parts only adds its key again (rebuilding a
    // group whose items did not change makes the same list and verdict). A keystroke's part is its section's few.
    const had = prior.facts.get(file)?.statements ?? [];
    const has = model.specs.get(file)?.typecheck?.statements ?? [];
    const n = Math.min(had.length, has.length);
    let head = 0;
    while (head < n && had[head] === has[head]) head++;
    let tail = 0;
    while (tail < n - head && had[had.length - 1 - tail] === has[has.length - 1 - tail]) tail++;
    for (let i = head; i < had.length - tail; i++) keys.add(keyOf(had[i]!));
    for (let i = head; i < has.length - tail; i++) keys.add(keyOf(has[i]!));
  }
  for (const file of changed) {
    const before = prior.facts.get(file);
    const facts = model.specs.get(file)?.typecheck;
    if (facts) g.facts.set(file, facts);
    else g.facts.delete(file);
    for (const d of before?.definitions ?? []) termKeys.add(d.term);
    for (const s of facts?.statements ?? []) {
      const key = keyOf(s);
      if (!keys.has(key)) continue;
      const list = mine.get(key);
      if (list) list.push({ file, item: s });
      else mine.set(key, [{ file, item: s }]);
    }
    for (const d of facts?.definitions ?? []) {
      termKeys.add(d.term);
      const list = mineTerms.get(d.term);
      if (list) list.push({ file, item: d });
      else mineTerms.set(d.term, [{ file, item: d }]);
    }
  }
  const gone = new Set(changed);
  // Each list in spec order: the others' items as they were, the changed files' new items merged in by file order.
  const merge = <T>(others: Placed<T>[], added: Placed<T>[] | undefined): Placed<T>[] => {
    if (!added) return others;
    const out: Placed<T>[] = [];
    let i = 0;
    for (const p of added) {
      const at = g.order.get(p.file)!;
      while (i < others.length && g.order.get(others[i]!.file)! < at) out.push(others[i++]!);
      out.push(p);
    }
    while (i < others.length) out.push(others[i++]!);
    return out;
  };
  // Each touched group again: its list rebuilt, its old verdict dropped, judged anew when it still has items.
  const rejudge = <T>(touched: Set<string>, before: LayeredMap<Placed<T>[]>, added: Map<string, Placed<T>[]>, groups: LayeredMap<Placed<T>[]>, verdicts: Map<string, Conflict[]>, judge: (g: Grouping, key: string, list: Placed<T>[]) => void): void => {
    for (const key of touched) {
      const list = merge((before.get(key) ?? []).filter((p) => !gone.has(p.file)), added.get(key));
      if (list.length) groups.set(key, list);
      else groups.delete(key);
      verdicts.delete(key);
      if (list.length) judge(g, key, list);
    }
  };
  rejudge(keys, prior.groups, mine, g.groups, g.byGroup, judgeGroup);
  rejudge(termKeys, prior.terms, mineTerms, g.terms, g.byTerm, judgeTerm);
  g.found = collect(g);
  return g;
}

/** The judgement of every pair of a group (in order), unless the group is too small or too big to judge. */
function judgePairs<T>(list: Placed<T>[], judge: (a: Placed<T>, b: Placed<T>) => Conflict | undefined): Conflict[] {
  const found: Conflict[] = [];
  if (list.length < 2 || list.length > MAX_GROUP) return found;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const c = judge(list[i]!, list[j]!);
      if (c) found.push(c);
    }
  }
  return found;
}

function judgeGroup(g: Grouping, key: string, list: Placed<NormativeStatement>[]): void {
  const found = judgePairs(list, (a, b) => {
    if (!apart(a.file, a.item.clauseId, b.file, b.item.clauseId)) return undefined;
    const detail = modalConflict(a.item, b.item) ?? numericConflict(a.item, b.item);
    return detail && { kind: detail.kind, a: party(a), b: party(b), detail: detail.text };
  });
  if (found.length) g.byGroup.set(key, found);
}

function judgeTerm(g: Grouping, term: string, list: Placed<TermDefinition>[]): void {
  const found = judgePairs(list, (a, b) => {
    if (a.file === b.file || !inForceTogether(a.file, b.file)) return undefined;
    const detail = definitionConflict(a.item, b.item);
    return detail ? { kind: 'definition', a: party(a), b: party(b), detail: `“${term}” is defined differently: ${detail}` } : undefined;
  });
  if (found.length) g.byTerm.set(term, found);
}

/** Where a group starts: its first item's spec (in spec order) and place among that spec's statements or definitions. */
const places = new WeakMap<readonly object[], Map<object, number>>();
function placeOf<T extends object>(g: Grouping, head: Placed<T>, all: (f: TypecheckFacts) => readonly T[]): [number, number] {
  const items = all(g.facts.get(head.file)!);
  let at = places.get(items);
  if (!at) {
    at = new Map();
    items.forEach((item, i) => at!.set(item, i));
    places.set(items, at);
  }
  return [g.order.get(head.file)!, at.get(head.item)!];
}

/** Every conflict, groups in the order of their first item (as grouping from scratch meets them), then the terms'. */
function collect(g: Grouping): Conflict[] {
  const byPlace = (a: [number, number, Conflict[]], b: [number, number, Conflict[]]): number => a[0] - b[0] || a[1] - b[1];
  const statements = [...g.byGroup].map(([key, found]) => [...placeOf(g, g.groups.get(key)![0]!, (f) => f.statements), found] as [number, number, Conflict[]]);
  const terms = [...g.byTerm].map(([term, found]) => [...placeOf(g, g.terms.get(term)![0]!, (f) => f.definitions), found] as [number, number, Conflict[]]);
  const out: Conflict[] = [];
  for (const [, , found] of statements.sort(byPlace)) for (const c of found) out.push(c);
  for (const [, , found] of terms.sort(byPlace)) for (const c of found) out.push(c);
  return out;
}

/**
 * Whether two files' rules are in force together: not an OpenSpec change's delta specs and the specs it changes (a
 * MODIFIED requirement replaces the one it differs from; a change is compared with itself only), and not an archived
 * change (applied: history) [^tc2c].
 */
function inForceTogether(fa: string, fb: string): boolean {
  const x = openspecChangeOf(fa);
  const y = openspecChangeOf(fb);
  if (x?.archived || y?.archived) return false;
  return x?.folder === y?.folder;
}

/**
 * Clauses of different specs (in force together) or sections; sentences of one clause (or of no clause in one file)
 * are one author's.
 */
function apart(fa: string, ca: string | undefined, fb: string, cb: string | undefined): boolean {
  if (fa !== fb) return inForceTogether(fa, fb);
  return ca !== undefined && cb !== undefined && ca !== cb;
}

function party(p: Placed<NormativeStatement | TermDefinition>): ConflictParty {
  const s = p.item;
  return {
    file: p.file,
    range: s.range,
    ...(s.clauseId !== undefined ? { clauseId: s.clauseId } : {}),
    ...(s.authority !== undefined ? { authority: s.authority } : {}),
    text: s.text,
  };
}

const POSITIVE = new Set(['must', 'should', 'may']);
const WORD: Record<string, string> = { must: 'MUST', 'must-not': 'MUST NOT', should: 'SHOULD', 'should-not': 'SHOULD NOT', may: 'MAY' };

function sameQuantities(a: readonly StatementQuantity[], b: readonly StatementQuantity[]): boolean {
  return a.length === b.length && a.every((q, i) => q.kind === b[i]!.kind && q.value === b[i]!.value && q.bound === b[i]!.bound);
}

function modalConflict(a: NormativeStatement, b: NormativeStatement): { kind: 'modal'; text: string } | undefined {
  if (!sameQuantities(a.quantities, b.quantities)) return undefined;
  const opposed =
    (a.modality === 'must-not' && POSITIVE.has(b.modality)) ||
    (b.modality === 'must-not' && POSITIVE.has(a.modality)) ||
    (a.modality === 'should' && b.modality === 'should-not') ||
    (a.modality === 'should-not' && b.modality === 'should');
  return opposed ? { kind: 'modal', text: `${WORD[a.modality]} against ${WORD[b.modality]}` } : undefined;
}

function numericConflict(a: NormativeStatement, b: NormativeStatement): { kind: 'numeric'; text: string } | undefined {
  if (!POSITIVE.has(a.modality) || !POSITIVE.has(b.modality)) return undefined;
  for (const qa of a.quantities) {
    // One value per kind per statement: "between 5 and 10 minutes" or two durations are not compared.
    if (a.quantities.filter((q) => q.kind === qa.kind).length > 1) continue;
    const same = b.quantities.filter((q) => q.kind === qa.kind);
    if (same.length !== 1) continue;
    const qb = same[0]!;
    if (incompatible(qa, qb)) return { kind: 'numeric', text: `${kindLabel(qa.kind)} “${bounded(qa)}” against “${bounded(qb)}”` };
  }
  return undefined;
}

/** The value with the bound it was read with, when the words do not say it ("keep for 90 days": at least 90 days). */
function bounded(q: StatementQuantity): string {
  if (q.bound === 'exact' || /^(?:at|up|no|not|within|more|less|fewer|max|min|under|over|above|below|exceed|longer|shorter|greater|lower|limited|capped|a )/i.test(q.raw)) return q.raw;
  return `${q.bound === 'max' ? 'at most' : 'at least'} ${q.raw}`;
}

function definitionConflict(a: TermDefinition, b: TermDefinition): string | undefined {
  for (const qa of a.quantities) {
    const same = b.quantities.filter((q) => q.kind === qa.kind);
    if (same.length === 1 && a.quantities.filter((q) => q.kind === qa.kind).length === 1 && qa.value !== same[0]!.value) {
      return `${kindLabel(qa.kind)} “${qa.raw}” against “${same[0]!.raw}”`;
    }
  }
  return undefined;
}

/** Which party prevails by the chain of command (earlier in `authorities` is higher): 'a', 'b', or undefined. */
export function prevailing(c: Conflict, authorities: readonly string[]): 'a' | 'b' | undefined {
  const ra = c.a.authority === undefined ? -1 : authorities.indexOf(c.a.authority);
  const rb = c.b.authority === undefined ? -1 : authorities.indexOf(c.b.authority);
  if (ra < 0 || rb < 0 || ra === rb) return undefined;
  return ra < rb ? 'a' : 'b';
}

/** The files in a conflict with `file` (their diagnostics change when `file`'s statements change). */
export function partnersOf(model: IndexModel, file: string): Set<string> {
  const out = new Set<string>();
  for (const c of conflictsOf(model)) {
    if (c.a.file === file) out.add(c.b.file);
    if (c.b.file === file) out.add(c.a.file);
  }
  out.delete(file);
  return out;
}
