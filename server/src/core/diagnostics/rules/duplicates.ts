import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Clause, Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';
import { MAX_LISTED_DUPLICATES } from '../suggestions';

/**
 * clause.duplicate-id of clauses: two clauses (headings, footnotes, requirement items) of one scope that share an id;
 * every occurrence names the others (at most MAX_LISTED_DUPLICATES of them).
 */
export function duplicateClauses(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  // One file: its ids declared more than once (an id with one clause, almost all of them, is passed by one lookup).
  const duplicateCandidates = scope.only === undefined ? model.clausesById.keys() : model.listedIdsOf(scope.only);
  for (const id of duplicateCandidates) {
    const all = model.clausesById.get(id) ?? [];
    if (all.length < 2) continue;
    // Ids are unique within a scope: the same id in two documents or two feature folders is no duplicate [^sc5p].
    for (const group of model.hasScopes ? groupByScope(model, all) : [all]) {
      const clauses = declarations(group);
      if (clauses.length < 2) continue;
      for (const clause of clauses) {
        if (!scope.want(clause.file)) continue;
        // At most MAX_LISTED_DUPLICATES others: 10,000 copies of one id must not make 10,000 messages of 10,000 places.
        const others: string[] = [];
        for (const c of clauses) {
          if (c === clause) continue;
          if (others.length === MAX_LISTED_DUPLICATES) {
            others.push(`and ${clauses.length - 1 - MAX_LISTED_DUPLICATES} more`);
            break;
          }
          others.push(`${c.file}:${c.range.start.line + 1}`);
        }
        add({
          code: 'clause.duplicate-id',
          file: clause.file,
          range: clause.idRange,
          message: `Duplicate clause id \`${id}\`: also defined at ${others.join(', ')}${scopeNote(model, clause)}.`,
          data: { id, others },
        });
      }
    }
  }
  return out;
}

/**
 * The declarations of one id in one scope that count as such: a requirements table's row whose id a list item or a
 * heading of the same file declares is that requirement listed again (a traceability matrix, `| FR-001 | US1.1; SC-001
 * | tests/… |`), not a second declaration [^sk1r]. Two rows, or two items, of one id are still duplicates.
 */
function declarations(clauses: readonly Clause[]): readonly Clause[] {
  if (!clauses.some((c) => c.row)) return clauses;
  return clauses.filter((c) => !c.row || !clauses.some((o) => !o.row && o.file === c.file));
}

/** clause.duplicate-id of footnote definitions: a second `[^id]:` of one id in one file. */
export function duplicateDefinitions(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  // One file: the ids of its own definitions (not every definition of the workspace).
  const definitionIds = scope.only === undefined ? model.definitionsById.keys() : new Set(model.definitionsOfFile(scope.only).map((d) => d.id));
  for (const id of definitionIds) {
    const defs = model.definitionsById.get(id) ?? [];
    const seen = new Map<string, number>();
    for (const def of defs) {
      if (!scope.want(def.file)) continue;
      const n = (seen.get(def.file) ?? 0) + 1;
      seen.set(def.file, n);
      if (n > 1) {
        add({ code: 'clause.duplicate-id', file: def.file, range: def.idRange, message: `Duplicate footnote definition \`[^${id}]:\` in this file.`, data: { id } });
      }
    }
  }
  return out;
}

function groupByScope(model: IndexModel, clauses: Clause[]): Clause[][] {
  const groups = new Map<string, Clause[]>();
  for (const c of clauses) {
    const key = model.scopeOf(c.file).path;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

function scopeNote(model: IndexModel, clause: Clause): string {
  const s = model.scopeOf(clause.file);
  return s.kind === 'workspace' ? '' : ` (in ${s.kind} ${s.path})`;
}
