import type { ClarifierConfig } from '../../workspace/config';
import type { Clauses, IndexModel } from '../../workspace/workspaceIndex';
import type { Clause, Diagnostic } from '../../types';
import { collect } from '../rule';
import { OFF } from '../severity';

/** clause.uncited diagnostics by clause object, per configuration. */
const uncitedMemo = new WeakMap<ClarifierConfig, WeakMap<Clause, Diagnostic>>();

/**
 * clause.uncited: a clause that no code or test cites, nor (a heading) any clause inside it (IndexModel.isCovered; a
 * clause rule). The entry runs it only when `reportUncited` is set and the workspace has code citations at all, so a
 * spec-only repository is not a wall of infos [^dg8u].
 */
export function uncitedClauses(model: IndexModel, config: ClarifierConfig, clauses: Clauses, want: (file: string) => boolean): Diagnostic[] {
  const { out, add } = collect(config);
  // The same clause object (an unchanged section of an edited spec) gets the same diagnostic object: a big spec's
  // thousands of infos are not rebuilt, nor converted for the editor again, on every keystroke.
  let memo = uncitedMemo.get(config);
  if (!memo) uncitedMemo.set(config, (memo = new WeakMap()));
  for (const clause of clauses) {
    if (!want(clause.file) || model.isCovered(clause.id, model.scopeOf(clause.file).path)) continue;
    const known = memo.get(clause);
    if (known) {
      if (known !== OFF) out.push(known);
      continue;
    }
    const made = add({
      code: 'clause.uncited',
      file: clause.file,
      range: clause.idRange,
      message: `Clause \`${clause.id}\` is not cited by any code or test${clause.kind === 'heading' ? ', nor is any clause inside it' : ''}.`,
      data: { id: clause.id },
    });
    memo.set(clause, made ?? OFF);
  }
  return out;
}

/** Whether clause.uncited is reported at all: configured on, and the workspace has code citations [^dg8u]. */
export function reportsUncited(model: IndexModel, config: ClarifierConfig): boolean {
  return config.reportUncited && model.citations.length > 0;
}
