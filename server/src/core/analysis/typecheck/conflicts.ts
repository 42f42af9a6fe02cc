import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Range } from '../../types';
import type { NormativeStatement, StatementQuantity, TermDefinition } from './normative';
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
  found = [];
  const groups = new Map<string, Placed<NormativeStatement>[]>();
  const terms = new Map<string, Placed<TermDefinition>[]>();
  for (const file of model.specFiles) {
    const facts = model.specs.get(file)?.typecheck;
    if (!facts) continue;
    for (const s of facts.statements) {
      const key = `${s.subject}\u0000${s.action}\u0000${s.condition}`;
      const list = groups.get(key);
      if (list) list.push({ file, item: s });
      else groups.set(key, [{ file, item: s }]);
    }
    for (const d of facts.definitions) {
      const list = terms.get(d.term);
      if (list) list.push({ file, item: d });
      else terms.set(d.term, [{ file, item: d }]);
    }
  }
  for (const list of groups.values()) {
    if (list.length < 2 || list.length > MAX_GROUP) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (!apart(a.file, a.item.clauseId, b.file, b.item.clauseId)) continue;
        const detail = modalConflict(a.item, b.item) ?? numericConflict(a.item, b.item);
        if (!detail) continue;
        found.push({ kind: detail.kind, a: party(a), b: party(b), detail: detail.text });
      }
    }
  }
  for (const [term, list] of terms) {
    if (list.length < 2 || list.length > MAX_GROUP) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.file === b.file) continue;
        const detail = definitionConflict(a.item, b.item);
        if (detail) found.push({ kind: 'definition', a: party(a), b: party(b), detail: `“${term}” is defined differently: ${detail}` });
      }
    }
  }
  memo.set(model, found);
  return found;
}

/** Clauses of different specs or sections; sentences of one clause (or of no clause in one file) are one author's. */
function apart(fa: string, ca: string | undefined, fb: string, cb: string | undefined): boolean {
  if (fa !== fb) return true;
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
