import type { ClarifierConfig } from '../workspace/config';
import type { IndexModel } from '../workspace/workspaceIndex';
import type { Diagnostic } from '../types';
import { clauseFindings, fileClauseFindings } from './clauseFindings';
import { compareDiagnostics, sortFileDiagnostics } from './order';
import { fileScope, workspaceScope } from './rule';
import { ambiguities } from './rules/ambiguity';
import { brokenLinks } from './rules/brokenLinks';
import { conflicts } from './rules/conflicts';
import { duplicateClauses, duplicateDefinitions } from './rules/duplicates';
import { invalidConfig } from './rules/invalidConfig';
import { malformedAttributes } from './rules/malformedAttributes';
import { missingTests } from './rules/missingTest';
import { reportsUncited } from './rules/uncited';
import { unknownCitations } from './rules/unknownCitation';
import { unknownReferences } from './rules/unknownReference';
import { unusedExamples } from './rules/unusedExample';

export { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from './codes';
export { CLAUSE_BLOCK, clauseBlockCounts } from './clauseFindings';
export { compareDiagnostics, compareInFile, severityCountsOf, sortInFile, type SeverityCounts } from './order';
export { withConfiguredSeverity } from './severity';
export { MAX_LISTED_DUPLICATES, SUGGESTION_BUDGET, suggestId } from './suggestions';

/**
 * Workspace diagnostics from the index model. Each has a stable code, a default severity (overridable per code in
 * the config), a message that names the id, and `data` for quick fixes. Output is sorted (file, position, code)
 * so runs are reproducible. [^diagnostics] [^dg3s]
 *
 * Each rule is a file of rules/ (see rule.ts for their shape, codes.ts for every code's default severity and
 * description); this runs them in a fixed order, which is the order of equal diagnostics in the sorted list.
 */

/**
 * The diagnostics of the workspace, or of one file (`only`): the same diagnostics that file has in the workspace's
 * list, computed from the same model without the work for the other files (the editor's path after an edit that only
 * changed that file's own facts).
 */
export function computeDiagnostics(model: IndexModel, config: ClarifierConfig, only?: string): Diagnostic[] {
  const scope = only === undefined ? workspaceScope(model) : fileScope(model, only);
  const out: Diagnostic[] = [];
  append(out, invalidConfig(model, config, scope));
  append(out, unknownCitations(model, config, scope));
  append(out, duplicateClauses(model, config, scope));
  append(out, unknownReferences(model, config, scope));
  append(out, duplicateDefinitions(model, config, scope));
  append(out, malformedAttributes(model, config, scope));
  // Each clause's own findings (an unknown authority, a missing example, no citation), made in blocks: one file's blocks
  // whose clauses are the objects of its last computation, on the same model state, are the last block's findings.
  const reportUncited = reportsUncited(model, config);
  const findings =
    only === undefined ? clauseFindings(model, config, scope.clauses, scope.want, reportUncited) : fileClauseFindings(model, config, only, scope.clauses, reportUncited);
  append(out, findings.authority);
  append(out, brokenLinks(model, config, scope));
  append(out, findings.example);
  append(out, missingTests(model, config, scope));
  append(out, unusedExamples(model, config, scope));
  append(out, findings.uncited);
  append(out, ambiguities(model, config, scope));
  append(out, conflicts(model, config, scope));
  return only === undefined ? out.sort(compareDiagnostics) : sortFileDiagnostics(config, only, out);
}

/** `to.push(...list)` without spreading (a list of a big workspace is longer than the arguments a call may take). */
function append(to: Diagnostic[], list: readonly Diagnostic[]): void {
  for (const d of list) to.push(d);
}
