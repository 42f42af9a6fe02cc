import type { ClarifierConfig } from '../workspace/config';
import type { Clauses, IndexModel } from '../workspace/workspaceIndex';
import type { Clause, Diagnostic } from '../types';
import { missingExamples } from './rules/missingExample';
import { uncitedClauses } from './rules/uncited';
import { unknownAuthorities } from './rules/unknownAuthority';

/** A clause's own findings, in the three places of a list they go to (see computeDiagnostics). */
export interface ClauseFindings {
  authority: Diagnostic[];
  example: Diagnostic[];
  uncited: Diagnostic[];
}

/**
 * The findings of each clause on its own, by the clause rules: an authority not in the configured list
 * (rules/unknownAuthority.ts), a missing example file (rules/missingExample.ts), no citation (rules/uncited.ts, when
 * `reportUncited`). Each list in the order of `clauses`.
 */
export function clauseFindings(model: IndexModel, config: ClarifierConfig, clauses: Clauses, want: (file: string) => boolean, reportUncited: boolean): ClauseFindings {
  return {
    authority: unknownAuthorities(model, config, clauses, want),
    example: missingExamples(model, config, clauses, want),
    uncited: reportUncited ? uncitedClauses(model, config, clauses, want) : [],
  };
}

/** Consecutive clauses of a file and their findings (clauseFindings of just these clauses). */
interface ClauseBlock extends ClauseFindings {
  clauses: readonly Clause[];
}

/** The last blocks of each file computed alone, per configuration, by their first clause, and what they were made from. */
const lastBlocks = new WeakMap<ClarifierConfig, Map<string, { state: readonly unknown[]; byFirst: Map<Clause, ClauseBlock> }>>();

/** Clauses per block (a block is made again when one of its clauses changes). */
export const CLAUSE_BLOCK = 64;

/** Blocks kept and made by fileClauseFindings since the start (for tests). */
export const clauseBlockCounts = { kept: 0, made: 0 };

/**
 * clauseFindings of one file's clauses, block by block: a run of clauses that is a block of the file's last computation
 * (the same clause objects, which an edit keeps for the sections it did not touch), on a model whose definitions, files
 * and covered ids are the same objects (IndexModel.clauseFindingsState: what the findings read besides the clause), has
 * that block's findings; the other clauses are looked at again, in new blocks. Equal to clauseFindings of all the
 * clauses (test/unit/incrementalIds.test.ts, random edits of a spec of many blocks), at the cost of one lookup per block
 * kept instead of a few per clause.
 */
export function fileClauseFindings(model: IndexModel, config: ClarifierConfig, file: string, clauses: Clauses, reportUncited: boolean): ClauseFindings {
  const want = (f: string): boolean => f === file;
  let lasts = lastBlocks.get(config);
  if (!lasts) lastBlocks.set(config, (lasts = new Map()));
  const state = [...model.clauseFindingsState(file, reportUncited), reportUncited];
  const last = lasts.get(file);
  const usable = last !== undefined && last.state.length === state.length && last.state.every((x, i) => x === state[i]);
  const blocks: ClauseBlock[] = [];
  let pending: Clause[] = [];
  const flush = (): void => {
    if (pending.length) {
      blocks.push({ clauses: pending, ...clauseFindings(model, config, pending, want, reportUncited) });
      clauseBlockCounts.made++;
    }
    pending = [];
  };
  for (let i = 0; i < clauses.length; ) {
    const block = usable ? last.byFirst.get(clauses.at(i)!) : undefined;
    if (block && block.clauses.length <= clauses.length - i && block.clauses.every((c, k) => c === clauses.at(i + k))) {
      flush();
      blocks.push(block);
      clauseBlockCounts.kept++;
      i += block.clauses.length;
      continue;
    }
    pending.push(clauses.at(i++)!);
    if (pending.length === CLAUSE_BLOCK) flush();
  }
  flush();
  // Blocks cut short by edits are kept as they are: when they are many, the next computation starts over.
  if (blocks.length > 2 * Math.ceil(clauses.length / CLAUSE_BLOCK) + 8) lasts.delete(file);
  else {
    const byFirst = new Map<Clause, ClauseBlock>();
    for (const b of blocks) byFirst.set(b.clauses[0]!, b);
    lasts.set(file, { state, byFirst });
  }
  const found: ClauseFindings = { authority: [], example: [], uncited: [] };
  for (const b of blocks) {
    for (const d of b.authority) found.authority.push(d);
    for (const d of b.example) found.example.push(d);
    for (const d of b.uncited) found.uncited.push(d);
  }
  return found;
}
