import type { ClarifierConfig } from '../workspace/config';
import type { IndexModel } from '../workspace/workspaceIndex';
import type { Clause, Diagnostic } from '../types';
import { OFF, withSeverity } from './severity';
import { suggestId } from './suggestions';

/** clause.uncited diagnostics by clause object, per configuration (see computeDiagnostics). */
const uncitedMemo = new WeakMap<ClarifierConfig, WeakMap<Clause, Diagnostic>>();

/** A clause's own findings, in the three places of a list they go to (see computeDiagnostics). */
export interface ClauseFindings {
  authority: Diagnostic[];
  example: Diagnostic[];
  uncited: Diagnostic[];
}

/**
 * The findings of each clause on its own: an authority not in the configured list, a missing example file (footnote
 * clauses), no citation (`reportUncited`: only when the workspace has code citations at all, so a spec-only repository
 * is not a wall of infos [^dg8u]). Each list in the order of `clauses`.
 */
export function clauseFindings(model: IndexModel, config: ClarifierConfig, clauses: readonly Clause[], want: (file: string) => boolean, reportUncited: boolean): ClauseFindings {
  const found: ClauseFindings = { authority: [], example: [], uncited: [] };
  const add = (to: Diagnostic[], d: Omit<Diagnostic, 'severity'>): Diagnostic | undefined => {
    const made = withSeverity(config, d);
    if (made) to.push(made);
    return made;
  };
  const authorities = new Set(config.authorities);
  for (const clause of clauses) {
    if (clause.kind !== 'heading' || clause.authority === undefined || authorities.has(clause.authority) || !want(clause.file)) continue;
    const suggestion = suggestId(clause.authority, config.authorities);
    add(found.authority, {
      code: 'clause.unknown-authority',
      file: clause.file,
      range: clause.range,
      message: `Unknown authority \`${clause.authority}\` on clause \`${clause.id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (known: ${config.authorities.join(', ')}).`,
      data: { id: clause.id, authority: clause.authority, ...(suggestion ? { suggestion } : {}) },
    });
  }
  for (const clause of clauses) {
    if (clause.kind !== 'footnote' || !want(clause.file)) continue;
    const example = model.missingExampleOf(clause);
    if (!example) continue;
    if (example.outside) {
      add(found.example, {
        code: 'example.missing',
        file: clause.file,
        range: clause.idRange,
        message: `The example of \`[^${clause.id}]\` points outside the workspace (\`${example.definitionTarget}\`); it is not read.`,
        data: { id: clause.id, outside: true },
      });
      continue;
    }
    add(found.example, {
      code: 'example.missing',
      file: clause.file,
      range: clause.idRange,
      message: `Missing example file for \`[^${clause.id}]\`: ${example.path} does not exist.`,
      data: { id: clause.id, path: example.path },
    });
  }
  if (reportUncited) {
    // The same clause object (an unchanged section of an edited spec) gets the same diagnostic object: a big spec's
    // thousands of infos are not rebuilt, nor converted for the editor again, on every keystroke.
    let memo = uncitedMemo.get(config);
    if (!memo) uncitedMemo.set(config, (memo = new WeakMap()));
    for (const clause of clauses) {
      if (!want(clause.file) || model.isCovered(clause.id, model.scopeOf(clause.file).path)) continue;
      const known = memo.get(clause);
      if (known) {
        if (known !== OFF) found.uncited.push(known);
        continue;
      }
      const made = add(found.uncited, {
        code: 'clause.uncited',
        file: clause.file,
        range: clause.idRange,
        message: `Clause \`${clause.id}\` is not cited by any code or test${clause.kind === 'heading' ? ', nor is any clause inside it' : ''}.`,
        data: { id: clause.id },
      });
      memo.set(clause, made ?? OFF);
    }
  }
  return found;
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
export function fileClauseFindings(model: IndexModel, config: ClarifierConfig, file: string, clauses: readonly Clause[], reportUncited: boolean): ClauseFindings {
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
    const block = usable ? last.byFirst.get(clauses[i]!) : undefined;
    if (block && block.clauses.length <= clauses.length - i && block.clauses.every((c, k) => c === clauses[i + k])) {
      flush();
      blocks.push(block);
      clauseBlockCounts.kept++;
      i += block.clauses.length;
      continue;
    }
    pending.push(clauses[i++]!);
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
